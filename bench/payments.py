"""The payments matcher on a generated year of a small business, and at scale.

    .venv/bin/python bench/payments.py [--seed N] [--years K] [--misses] [--no-timing]

Prints: the share of customer payments matched right or sent to a person (target ≥ 95 %),
invoices closed wrongly (target 0), what the unrelated credits did, and the time to weigh
10,000 statement lines against 100,000 open invoices (target ≤ 2 s; beside it, in the same run,
the time to build the matcher's indexes alone and a bare dict lookup of every credit's amount).

Each month's credits are matched against the invoices open at the month's end; a person then
settles what was sent to review (confirming the truth, so payer names are learned) and the
export catches up with payments the matcher missed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import payments_gen  # noqa: E402
from dunning_mailer.payments import (MATCHED, REVIEW, KnownPayer, MatchPolicy, match,  # noqa: E402
                                     payer_key)


def simulate(y: payments_gen.Year, policy: MatchPolicy = MatchPolicy()) -> dict:
    left = {i.number: i.balance for i in y.invoices}
    known: list[KnownPayer] = []
    score = Counter()
    by_kind: dict[str, Counter] = {}
    misses: list[str] = []
    wrong_closed: list[str] = []
    for month in range(1, 13):
        end = (dt.date(2026, month % 12 + 1, 1) if month < 12 else dt.date(2027, 1, 1)) - dt.timedelta(days=1)
        credits = [c for c in y.credits if c.date.month == month]
        open_now = [replace(i, balance=left[i.number]) for i in y.invoices
                    if i.issue_date <= end and left[i.number] > 0]
        for credit, d in zip(credits, match(credits, open_now, y.customers, known, end, policy=policy)):
            t = y.truth[credit.id]
            kind = t.kind.split(":")[0]
            counts = by_kind.setdefault(t.kind, Counter())
            applied = {(a.source, a.number): (a.amount, a.closes) for a in d.allocations}
            if d.status == MATCHED:
                for (source, number), (amount, closes) in applied.items():
                    truly = t.pays.get((source, number))
                    if closes and (truly is None or truly < left[number]):
                        wrong_closed.append(f"{number} by {credit.id} ({credit.description!r})")
                    left[number] = Decimal(0) if closes else left[number] - amount
            if kind == "unrelated":
                outcome = {MATCHED: "matched (wrong)", REVIEW: "review"}.get(d.status, "pays nothing")
            elif d.status == MATCHED:
                right = set(applied) == set(t.pays) and all(
                    applied[k][0] == v or applied[k][1] for k, v in t.pays.items())
                outcome = "matched right" if right else "matched wrong"
            elif d.status == REVIEW:
                outcome = "review"
            else:
                outcome = "missed"
            counts[outcome] += 1
            score[(kind == "unrelated", outcome)] += 1
            if outcome in ("matched wrong", "missed", "matched (wrong)") or (kind == "unrelated" and outcome == "review"):
                misses.append(f"{outcome:>15} {t.kind:12} {credit.amount:>10} {credit.description!r} -> "
                              f"{d.status} {d.customer_id} {[a.number for a in d.allocations]} {d.reasons}")
            if kind != "unrelated" and d.status != MATCHED:
                for (source, number), amount in t.pays.items():   # a person (or the export) settles it
                    left[number] = max(left[number] - amount, Decimal(0)) if t.kind != "over" else Decimal(0)
                if d.status == REVIEW and payer_key(credit.description):
                    known.append(KnownPayer(credit.description, t.customer_id))
    payments = sum(v for (unrelated, _), v in score.items() if not unrelated)
    good = score[(False, "matched right")] + score[(False, "review")]
    return {"payments": payments, "matched_right": score[(False, "matched right")],
            "review": score[(False, "review")], "matched_wrong": score[(False, "matched wrong")],
            "missed": score[(False, "missed")], "right_or_review_pct": 100.0 * good / max(payments, 1),
            "invoices_closed_wrongly": len(wrong_closed), "wrong_closed": wrong_closed,
            "unrelated": {k: v for (u, k), v in score.items() if u},
            "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())}, "misses": misses}


def timing(reps: int = 3) -> dict:
    y = payments_gen.big()
    today = dt.date(2026, 12, 1)
    runs, build, bare = [], [], []
    for _ in range(reps):
        t0 = time.perf_counter()
        decisions = match(y.credits, y.invoices, y.customers, [], today)
        runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        match([], y.invoices, y.customers, [], today)
        build.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        amounts: dict = {}
        for i in y.invoices:
            amounts.setdefault(i.balance, []).append(i)
        sum(len(amounts.get(c.amount, ())) for c in y.credits)
        bare.append(time.perf_counter() - t0)
    return {"lines": len(y.credits), "invoices": len(y.invoices), "customers": len(y.customers),
            "match_s": statistics.median(runs), "index_s": statistics.median(build),
            "bare_amount_lookup_s": statistics.median(bare),
            "statuses": dict(Counter(d.status for d in decisions))}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--years", type=int, default=1, help="several generated years (seeds seed, seed+1, …)")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args(argv)
    total = Counter()
    for k in range(args.years):
        r = simulate(payments_gen.year(args.seed + k))
        for key in ("payments", "matched_right", "review", "matched_wrong", "missed", "invoices_closed_wrongly"):
            total[key] += r[key]
        print(f"year (seed {args.seed + k}): {r['payments']} payments: {r['matched_right']} matched right, "
              f"{r['review']} sent to a person, {r['matched_wrong']} matched wrong, {r['missed']} missed -> "
              f"{r['right_or_review_pct']:.1f}% right or to review (target ≥ 95%)")
        print(f"  invoices closed wrongly: {r['invoices_closed_wrongly']} (target 0)")
        print(f"  unrelated credits: {r['unrelated']}")
        for kind, counts in r["by_kind"].items():
            print(f"    {kind:18} {counts}")
        if args.misses:
            for m in r["misses"] + r["wrong_closed"]:
                print("   ", m)
    if args.years > 1:
        pct = 100.0 * (total["matched_right"] + total["review"]) / max(total["payments"], 1)
        print(f"all {args.years} years: {total['payments']} payments, {pct:.1f}% right or to review, "
              f"{total['matched_right']} matched automatically, {total['invoices_closed_wrongly']} invoices closed wrongly")
    if not args.no_timing:
        t = timing()
        verdict = "met" if t["match_s"] <= 2.0 else "MISSED"
        print(f"scale: {t['lines']:,} statement lines against {t['invoices']:,} open invoices of "
              f"{t['customers']:,} customers: {t['match_s']:.2f} s (target ≤ 2 s: {verdict}); indexes alone "
              f"{t['index_s']:.2f} s, a bare amount lookup {t['bare_amount_lookup_s']:.2f} s; {t['statuses']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
