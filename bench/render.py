"""Per-email render cost (issue 17): 5,000 emails as a cycle renders them — subject, text part,
HTML part and the exact bytes (render.render + render.build_message, as cycle/sending.py calls
them) — from the wording files, against the older two-file Jinja templates (tests/templates_v1)
rendering the same emails in the same process, in CPU time. The machine is shared: each repetition renders
a slice of the emails both ways, back to back, in alternating order, and the figure is the
median of the per-slice ratios (and of the per-email times).

    .venv/bin/python bench/render.py [--reps 15] [--emails 5000] [--json]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dunning_mailer import render  # noqa: E402
from dunning_mailer.config import DEFAULT_STAGES, Business  # noqa: E402
from dunning_mailer.testing import sample_email  # noqa: E402

TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))
BUSINESS = Business(name="סטודיו גפן", email="billing@gefen.example", phone="03-5551234",
                    signature_name="מיכל לוי", signature_role="מנהלת לקוחות",
                    payment_methods=("העברה בנקאית", "כרטיס אשראי", "ביט"),
                    payment_link="https://pay.example/gefen", bank_details="בנק לאומי (10), סניף 800\nחשבון 123456/78")


def emails(n: int) -> list:
    """Mostly `reminder` (what the send figure sends), some of every other rung; 1–3 invoices."""
    stages = [s for s in DEFAULT_STAGES]
    reminder = next(s for s in stages if s.name == "reminder")
    out = []
    for i in range(n):
        stage = reminder if i % 5 else stages[(i // 5) % len(stages)]
        email = sample_email(stage, TODAY, invoices=1 + i % 3, currencies=("ILS", "USD") if i % 7 == 0 else ("ILS",))
        out.append((stage, render.context(email, business=BUSINESS, today=TODAY), email))
    return out


def run_once(env, batch) -> float:
    # CPU time of this process: what rendering costs, whatever else the shared machine runs.
    started = time.process_time()
    for stage, ctx, email in batch:
        out = render.render(env, stage.template, ctx)
        render.build_message(out, business=BUSINESS, recipients=email.recipients, customer_name=email.customer.name,
                             message_id="<bench@gefen.example>", now=NOW)
    return (time.process_time() - started) / len(batch) * 1000


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--emails", type=int, default=5000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    batch = emails(args.emails)
    envs = {"wording": render.environment(ROOT / "templates" / "he", "he"),
            "two-file": render.environment(ROOT / "tests" / "templates_v1" / "he", "he")}
    for env in envs.values():
        run_once(env, batch[:200])  # compile and warm up
    runs: dict[str, list[float]] = {k: [] for k in envs}
    ratios = []
    size = max(len(batch) // args.reps, 200)
    for rep in range(args.reps):
        part = batch[(rep * size) % len(batch):][:size] or batch[:size]
        order = ("wording", "two-file") if rep % 2 else ("two-file", "wording")
        took = {name: run_once(envs[name], part) for name in order}
        for name, ms in took.items():
            runs[name].append(ms)
        ratios.append(took["wording"] / took["two-file"])
    wording, older = statistics.median(runs["wording"]), statistics.median(runs["two-file"])
    result = {"emails": len(batch), "wording_ms": wording, "two_file_ms": older,
              "render_vs_two_file": statistics.median(ratios), "runs": runs, "ratios": ratios}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{len(batch)} emails: wording files {wording:.3f} ms/email, two-file templates {older:.3f} ms/email, "
              f"ratio {result['render_vs_two_file']:.2f} (medians of {args.reps} slices; ratios "
              f"{min(ratios):.2f}–{max(ratios):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
