"""Measure dunning_mailer.replies.classify on the sisimai bounce corpus.

Usage: .venv/bin/python bench/bounces.py [CORPUS_DIR] [--misses]

The corpus (sisimai/set-of-emails) lives outside the project; it is only read
here.  Labels come from the file names (see the corpus README):
lhost-*/rhost-*/rfc3464-* bounces, rfc3834-* automatic replies, arf-* feedback
reports (neither), maildir/not/* not bounces.
A baseline is printed beside ours: "bounce iff the top-level Content-Type is
multipart/report".
"""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import pathlib
import sys
import time
import traceback
from zoneinfo import ZoneInfo

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dunning_mailer.replies import classify  # noqa: E402

DEFAULT = pathlib.Path("/work/shared/corpora/sisimai-bounces")
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Asia/Jerusalem"))


def label(path: pathlib.Path) -> str:
    if path.parent.name == "not":
        return "not"
    n = path.name
    if n.startswith(("lhost-", "rhost-", "rfc3464-")):
        return "bounce"
    if n.startswith("rfc3834-"):
        return "auto_reply"
    if n.startswith("arf-"):
        return "arf"
    return "unknown"


def baseline(raw: bytes) -> bool:
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    return msg.get_content_type() == "multipart/report"


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100.0 * a / b:5.1f}%" if b else f"{a}/0"


def main(argv: list[str]) -> int:
    show = "--misses" in argv
    args = [a for a in argv if not a.startswith("--")]
    corpus = pathlib.Path(args[0]) if args else DEFAULT
    files = sorted(p for p in corpus.rglob("*.eml") if p.is_file())
    if not files:
        print(f"no .eml files under {corpus}", file=sys.stderr)
        return 1
    c = {k: 0 for k in ("bounce", "bounce_ok", "status", "enhanced", "recip", "orig_id",
                        "base", "auto", "auto_ok", "arf", "arf_ok", "not", "not_ok",
                        "crash", "hard", "delayed", "inferred")}
    misses: list[str] = []
    t0 = time.perf_counter()
    for p in files:
        raw = p.read_bytes()
        lab = label(p)
        try:
            v = classify(raw, now=NOW)
        except Exception:  # noqa: BLE001 - that is what we count
            c["crash"] += 1
            misses.append(f"CRASH {p.name}\n{traceback.format_exc()}")
            continue
        if lab == "bounce":
            c["bounce"] += 1
            c["base"] += baseline(raw)
            if v.kind == "bounce":
                c["bounce_ok"] += 1
                b = v.bounce
                inferred = any("inferred" in w for w in v.why)
                if b.status and inferred:
                    c["inferred"] += 1
                    misses.append(f"inferred    {p.name} {b.status}")
                elif b.status:
                    c["status"] += 1
                    if b.status != f"{b.status[0]}.0.0":
                        c["enhanced"] += 1
                else:
                    misses.append(f"no status   {p.name}")
                if b.recipients:
                    c["recip"] += 1
                else:
                    misses.append(f"no recip    {p.name}")
                c["orig_id"] += bool(b.original_message_id)
                c["hard"] += b.hard
                c["delayed"] += b.delayed
            else:
                misses.append(f"missed      {p.name} -> {v.kind}: {'; '.join(v.why)}")
        elif lab == "auto_reply":
            c["auto"] += 1
            if v.kind == "auto_reply":
                c["auto_ok"] += 1
            else:
                misses.append(f"auto miss   {p.name} -> {v.kind}: {'; '.join(v.why)}")
        elif lab == "arf":
            c["arf"] += 1
            if v.kind != "bounce":
                c["arf_ok"] += 1
            else:
                misses.append(f"arf->bounce {p.name}: {'; '.join(v.why)}")
        elif lab == "not":
            c["not"] += 1
            if v.kind != "bounce":
                c["not_ok"] += 1
            else:
                misses.append(f"not->bounce {p.name}: {'; '.join(v.why)}")
    elapsed = time.perf_counter() - t0

    rows = [
        ("files", str(len(files))),
        ("bounces recognized (lhost/rhost/rfc3464)", pct(c["bounce_ok"], c["bounce"])),
        ("  baseline: top-level multipart/report", pct(c["base"], c["bounce"])),
        ("  status code read (of recognized)", pct(c["status"], c["bounce_ok"])),
        ("    of which enhanced x.y.z in the mail", pct(c["enhanced"], c["bounce_ok"])),
        ("  status inferred from the reason text", pct(c["inferred"], c["bounce_ok"])),
        ("  status read or inferred", pct(c["status"] + c["inferred"], c["bounce_ok"])),
        ("  failed recipient read (of recognized)", pct(c["recip"], c["bounce_ok"])),
        ("  original Message-ID found (of recognized)", pct(c["orig_id"], c["bounce_ok"])),
        ("  called hard / delayed", f"{c['hard']} / {c['delayed']}"),
        ("rfc3834 called auto_reply", pct(c["auto_ok"], c["auto"])),
        ("arf not called bounce", pct(c["arf_ok"], c["arf"])),
        ("maildir/not never bounce", pct(c["not_ok"], c["not"])),
        ("crashes", str(c["crash"])),
        ("time", f"{elapsed:.2f} s ({1000 * elapsed / len(files):.1f} ms/file)"),
    ]
    w = max(len(k) for k, _ in rows)
    print(f"corpus: {corpus}")
    for k, v in rows:
        print(f"{k:<{w}}  {v}")
    print("\nnotes on labels (read the files before trusting a file-name label):")
    print("  maildir/not/rb-issue-368-bug.eml is itself a 'mailbox full' notice from postmaster@")
    print("    with a null Return-Path; we call it a bounce on purpose.")
    print("  lhost-amazonses-11..13 are SES complaint/delivery notifications (no failure);")
    print("    we call them 'other', so they count as misses above.")
    if show and misses:
        print("\n".join(["", "misses:"] + misses))
    elif misses:
        print(f"\n{len(misses)} misses/notes; run with --misses to list them")
    return 0 if c["crash"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
