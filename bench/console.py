"""The console's needs-you page over a 10k-customer ledger (issue 18: under a second).

    .venv/bin/python bench/console.py [--customers 10000] [--invoices 25000] [--waiting 400] [--reps 9] [--json]

The ledger is made by the product: a generated export (gen.py) imported by `dunning-mailer run`
in the evening (nothing is sent), then what the inbox and the sender would have left for a person,
written through the ledger's own functions — replies waiting to be read (disputes, questions,
unsure readings, unmatched), flags for failed sending, bad addresses. It is cached under
bench/data/. Then `dunning-mailer console --port 0` is started as a user would, signed in with its
first line, and GET / is timed over HTTP (the first request, then the median of --reps).

Baseline, same run: the ledger reads of `status` for the same list (`customer_states` of every
customer and `needs_person_list`), timed in this process: the page reads only the customers that
wait for a person, so it should cost well under them. `all_s` is the page with every item shown
(`/?show=all`) instead of the first 200."""
from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import gen  # noqa: E402

TZ = dt.timezone(dt.timedelta(hours=2))
EVE = dt.datetime(2026, 11, 30, 20, 0, tzinfo=TZ)      # import, send nothing
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=TZ)
VERSION = 1
READINGS = [("dispute", "dispute in a reply", "הסחורה לא הגיעה, לא נשלם עד שנקבל"),
            ("question", "question in a reply", "על מה החשבונית הזאת? אפשר פירוט?"),
            ("plan_request", "plan request in a reply", "אפשר לחלק לשלושה תשלומים?"),
            ("unsure", "a reading below the confidence threshold", "הכסף בדרך"),
            ("nothing_to_act_on", "a reply with nothing to act on: read it", "קיבלתי, תודה")]


def dunning(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dunning_mailer", *args], capture_output=True, text=True,
                          timeout=1800, cwd=ROOT)


def build(work: Path, customers: int, invoices: int, waiting: int) -> Path:
    """The working folder with its ledger (cached)."""
    done = work / "ready"
    if done.exists():
        return work / "config.toml"
    shutil.rmtree(work, ignore_errors=True)
    r = dunning("init", str(work))
    assert r.returncode == 0, r.stderr
    shutil.copyfile(ROOT / "examples" / "config.toml", work / "config.toml")
    gen.write_book(work / "drop" / f"open-{gen.SNAPSHOT.isoformat()}.xlsx",
                   gen.book_rows(invoices, customers, seed=18))
    r = dunning("run", "--config", str(work / "config.toml"), "--now", EVE.isoformat())
    assert r.returncode in (0, 1), r.stderr
    from dunning_mailer.config import load
    from dunning_mailer.ledger import open_ledger

    config = load(work / "config.toml")
    rng = random.Random(18)
    with open_ledger(config) as ledger:
        ids = sorted(r[0] for r in ledger.db.execute("SELECT id FROM customers"))
        chosen = rng.sample(ids, waiting)
        with ledger.transaction():
            for k, cid in enumerate(chosen):
                code, reason, text = READINGS[k % len(READINGS)]
                matched = cid if k % 10 else None   # one in ten matched to nobody
                received = NOW - dt.timedelta(minutes=k)
                reply = ledger.add_reply(
                    dedup=f"bench-{k}", message_id=f"<bench-{k}@c.example>", customer_id=matched,
                    sender=f"billing{k}@c.example", subject="Re: תזכורת", received_at=received, kind="human",
                    matched_by="thread" if matched else None,
                    detail={"text": text, "intent": code if code in ("dispute", "question", "plan_request") else "none",
                            "intents": [code] if code in ("dispute", "question", "plan_request") else [],
                            "confidence": 0.4 if code == "unsure" else 0.9},
                    raw=f"Subject: Re\r\n\r\n{text}".encode())
                if matched is None:
                    ledger.needs_person(reply, "unmatched", "a reply that matches no customer: " + reason)
                    continue
                ledger.needs_person(reply, code, reason)
                if code in ("dispute", "question", "plan_request"):
                    flag = {"dispute": "disputed"}.get(code, code)
                    ledger.flag(cid, flag, now=received, reason=reason, reply_id=reply)
                else:
                    ledger.pause(cid, now=received, reason="waits for a person", origin="reply", reply_id=reply)
            for cid in rng.sample(ids, waiting // 20):
                ledger.flag(cid, "send_failed", now=NOW, reason="the reminder email could not be sent: 550")
            for cid in rng.sample(ids, waiting // 20):
                row = ledger.db.execute("SELECT email FROM contacts WHERE customer_id=? LIMIT 1", (cid,)).fetchone()
                if row:
                    ledger.mark_contact_bad(row[0], now=NOW, reason="550 5.1.1 no such user")
    done.write_text("ok", encoding="utf-8")
    return work / "config.toml"


def baseline(config_path: Path, reps: int) -> float:
    from dunning_mailer.config import load
    from dunning_mailer.ledger import open_ledger

    config = load(config_path)
    took = []
    for _ in range(reps):
        t = time.perf_counter()
        with open_ledger(config) as ledger:
            ledger.customer_states(NOW.date())
            ledger.needs_person_list()
        took.append(time.perf_counter() - t)
    return statistics.median(took)


def serve_and_time(config_path: Path, reps: int) -> dict:
    proc = subprocess.Popen([sys.executable, "-m", "dunning_mailer", "console", "--config", str(config_path),
                             "--port", "0", "--now", NOW.isoformat()],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        url = proc.stdout.readline().strip()
        if not url.startswith("http://"):
            raise RuntimeError(f"the console did not start: {url} {proc.stderr.read()[-2000:]}")
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        base = url.split("/?", 1)[0]
        t = time.perf_counter()
        with opener.open(url, timeout=120) as r:   # the token, then the page itself (one redirect)
            body = r.read()
        first = time.perf_counter() - t
        took = []
        for _ in range(reps):
            t = time.perf_counter()
            with opener.open(base + "/", timeout=120) as r:
                body = r.read()
                assert r.status == 200
            took.append(time.perf_counter() - t)
        items = body.count(b'<li class="item ')
        whole = []
        for _ in range(max(3, reps // 3)):
            t = time.perf_counter()
            with opener.open(base + "/?show=all", timeout=120) as r:
                everything = r.read()
            whole.append(time.perf_counter() - t)
        return {"first_s": first, "page_s": statistics.median(took), "runs": took, "items": items,
                "page_kib": len(body) / 1024, "all_s": statistics.median(whole),
                "all_items": everything.count(b'<li class="item ')}
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=10_000)
    ap.add_argument("--invoices", type=int, default=25_000)
    ap.add_argument("--waiting", type=int, default=400)
    ap.add_argument("--reps", type=int, default=9)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    work = gen.DATA / f"console-{args.customers}-{args.invoices}-{args.waiting}-v{VERSION}"
    t = time.perf_counter()
    config = build(work, args.customers, args.invoices, args.waiting)
    built = time.perf_counter() - t
    page = serve_and_time(config, args.reps)
    base = baseline(config, args.reps)
    result = {"customers": args.customers, "invoices": args.invoices, "waiting": args.waiting, "build_s": built,
              **page, "baseline_s": base, "page_vs_reads": page["page_s"] / base}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"needs-you page, {args.customers:,} customers, {page['items']} items waiting: "
              f"{page['page_s'] * 1000:.0f} ms (median of {args.reps}; first {page['first_s'] * 1000:.0f} ms; "
              f"{page['page_kib']:.0f} KiB); all {page['all_items']}: {page['all_s'] * 1000:.0f} ms; "
              f"status's reads {base * 1000:.0f} ms ({result['page_vs_reads']:.2f}×); goal < 1 s")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main(sys.argv[1:]))
