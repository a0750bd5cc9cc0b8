"""Scores the product on the held-out sets in tests/heldout/, which were written independently
(another author, other instructions) and are never tuned on. Prints figures only.

    .venv/bin/python bench/heldout.py replies [--json] [--show-misses]
    .venv/bin/python bench/heldout.py exports [--json] [--show-misses]
    .venv/bin/python bench/heldout.py payments [--json] [--show-misses]

`--show-misses` prints which items were missed (file names and the two readings): for the
person reviewing a release, not for tuning. Each set's README says how it was written.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HELDOUT = ROOT / "tests" / "heldout"

ORDER = ("dispute", "plan_request", "promise", "payment_claim", "question")


# ---- replies ----------------------------------------------------------------------------------

def main_intent(verdict) -> str:
    """The reader's main intent: its own `intent` when it names one, else the first of ORDER."""
    if verdict.kind != "human":  # an automatic reply says nothing to act on
        return "none" if verdict.kind == "auto_reply" else f"<{verdict.kind}>"
    own = getattr(verdict, "intent", None)
    if isinstance(own, str) and own:
        return own
    for name in ORDER:
        if name in verdict.intents:
            return name
    return "none"


def score_replies(folder: Path) -> dict:
    from dunning_mailer.replies import classify

    cases = [json.loads(line) for line in (folder / "expected.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    confusion: Counter = Counter()
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    dates = [0, 0]
    misses, date_misses = [], []
    dispute_missed = dispute_as_promise_or_paid = false_claims = 0
    for case in cases:
        raw = (folder / "messages" / case["file"]).read_bytes() if (folder / "messages").is_dir() \
            else (folder / case["file"]).read_bytes()
        read_at = dt.datetime.fromisoformat(case["read_at"])
        verdict = classify(raw, now=read_at, known_numbers=case.get("known_numbers") or ())
        want, got = case["intent"], main_intent(verdict)
        confusion[(want, got)] += 1
        lang = case.get("language", "?")
        by_lang[lang][1] += 1
        if want == got:
            by_lang[lang][0] += 1
        else:
            misses.append((case["file"], want, got, getattr(verdict, "confidence", None)))
        if want == "dispute" and got != "dispute":
            dispute_missed += 1
            if got in ("promise", "payment_claim"):
                dispute_as_promise_or_paid += 1
        if "payment_claim" not in case.get("intents", [want]) and "payment_claim" in verdict.intents:
            false_claims += 1
        if want == "promise" and case.get("promise_date"):
            dates[1] += 1
            read = verdict.promise_date.isoformat() if verdict.promise_date else None
            if read == case["promise_date"]:
                dates[0] += 1
            else:
                date_misses.append((case["file"], case["promise_date"], read))
    right = sum(n for (w, g), n in confusion.items() if w == g)
    return {
        "cases": len(cases), "main_intent_right": right,
        "main_intent_pct": round(100 * right / max(len(cases), 1), 1),
        "by_language": {k: {"right": v[0], "of": v[1], "pct": round(100 * v[0] / max(v[1], 1), 1)}
                        for k, v in sorted(by_lang.items())},
        "promise_dates_right": dates[0], "promise_dates_of": dates[1],
        "promise_dates_pct": round(100 * dates[0] / max(dates[1], 1), 1),
        "disputes_missed": dispute_missed, "disputes_read_as_promise_or_payment": dispute_as_promise_or_paid,
        "non_claims_read_as_payment_claim": false_claims,
        "confusion": {f"{w} -> {g}": n for (w, g), n in sorted(confusion.items())},
        "misses": misses, "date_misses": date_misses,
    }


def print_replies(r: dict, show: bool) -> None:
    print(f"held-out replies: {r['cases']} messages")
    print(f"  main intent right: {r['main_intent_right']}/{r['cases']} = {r['main_intent_pct']} %"
          f"   (target ≥ 95 %)")
    for lang, v in r["by_language"].items():
        print(f"    {lang}: {v['right']}/{v['of']} = {v['pct']} %")
    print(f"  promise dates right: {r['promise_dates_right']}/{r['promise_dates_of']} = {r['promise_dates_pct']} %"
          f"   (target ≥ 90 %)")
    print(f"  disputes missed: {r['disputes_missed']} (read as a promise or payment: "
          f"{r['disputes_read_as_promise_or_payment']}, target 0)")
    print(f"  not a payment claim but read as one: {r['non_claims_read_as_payment_claim']} (target 0)")
    labels = sorted({k.split(" -> ")[0] for k in r["confusion"]} | {k.split(" -> ")[1] for k in r["confusion"]})
    width = max(len(x) for x in labels) + 1
    print("  confusion (rows: expected, columns: read)")
    print("  " + " " * width + "".join(f"{x[:9]:>10}" for x in labels))
    for w in labels:
        cells = [r["confusion"].get(f"{w} -> {g}", 0) for g in labels]
        if any(cells):
            print("  " + f"{w:<{width}}" + "".join(f"{c:>10}" for c in cells))
    if show:
        for m in r["misses"]:
            print(f"  miss {m[0]}: expected {m[1]}, read {m[2]} (confidence {m[3]})")
        for m in r["date_misses"]:
            print(f"  date {m[0]}: expected {m[1]}, read {m[2]}")


# ---- exports ----------------------------------------------------------------------------------

_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00a0]")


def _text(value) -> str:
    if value is None:
        return ""
    s = unicodedata.normalize("NFC", _INVISIBLE.sub(" ", str(value)))
    s = s.replace("״", '"').replace("׳", "'").replace("''", '"').replace("”", '"').replace("“", '"')
    return " ".join(s.split()).casefold()


def _money(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _number(value) -> str:
    s = _text(value)
    return s.lstrip("0") or s


def read_export(path: Path):
    """(result, None) or (None, the reason it was held)."""
    from dunning_mailer.sources import SourceError, read_invoices

    try:
        result = read_invoices(path, profiles=[])
    except SourceError as e:
        return None, str(e)
    held = getattr(result, "held", None)
    if held:
        return None, str(held)
    return result, None


def compare_invoices(expected: list[dict], got) -> list[str]:
    problems = []
    have = {}
    for inv in got:
        have.setdefault(_number(inv.number), []).append(inv)
    for e in expected:
        found = have.pop(_number(e["number"]), None)
        if not found:
            problems.append(f"invoice {e['number']} not read")
            continue
        inv = found[0]
        if len(found) > 1:
            problems.append(f"invoice {e['number']} read {len(found)} times")
        if _text(e.get("customer_name")) and _text(e["customer_name"]) != _text(inv.customer_name):
            problems.append(f"{e['number']}: customer {inv.customer_name!r}, expected {e['customer_name']!r}")
        if e.get("due_date") and inv.due_date.isoformat() != e["due_date"]:
            problems.append(f"{e['number']}: due {inv.due_date}, expected {e['due_date']}")
        if e.get("issue_date") and inv.issue_date and inv.issue_date.isoformat() != e["issue_date"]:
            problems.append(f"{e['number']}: issued {inv.issue_date}, expected {e['issue_date']}")
        if _money(e.get("amount")) is not None and _money(inv.amount) != _money(e["amount"]):
            problems.append(f"{e['number']}: amount {inv.amount}, expected {e['amount']}")
        if _money(inv.balance) != _money(e.get("balance")):
            problems.append(f"{e['number']}: balance {inv.balance}, expected {e.get('balance')}")
        if e.get("currency") and inv.currency != e["currency"]:
            problems.append(f"{e['number']}: currency {inv.currency}, expected {e['currency']}")
    for number, extra in have.items():
        problems.append(f"invoice {extra[0].number} read but not in the file's meaning")
    return problems


def compare_balances(expected: list[dict], got) -> list[str]:
    problems = []
    rows = list(got)
    for e in expected:
        match = [i for i in rows if (i.currency == e.get("currency", i.currency)) and (
            (e.get("customer_id") and _text(i.customer_id) == _text(e["customer_id"]))
            or _text(i.customer_name) == _text(e.get("customer_name")))]
        if not match:
            problems.append(f"balance of {e.get('customer_name')} ({e.get('currency')}) not read")
            continue
        rows.remove(match[0])
        if _money(match[0].balance) != _money(e["balance"]):
            problems.append(f"{e.get('customer_name')}: balance {match[0].balance}, expected {e['balance']}")
    for extra in rows:
        problems.append(f"a balance for {extra.customer_name!r} that the file does not owe")
    return problems


def score_exports(folder: Path) -> dict:
    outcomes = []
    for exp_path in sorted(folder.glob("*.expected.json")):
        path = exp_path.with_name(exp_path.name[:-len(".expected.json")])
        if not path.exists():
            continue
        expected = json.loads(exp_path.read_text(encoding="utf-8"))
        result, held = read_export(path)
        kind = expected["kind"]
        if kind == "held":
            verdict = "right" if held else "silently wrong"
            detail = [held] if held else ["read without a question"]
        elif held:
            verdict, detail = "held", [held[:300]]
        else:
            if kind == "balances":
                problems = compare_balances(expected.get("balances", []), result.invoices)
            else:
                problems = compare_invoices(expected.get("invoices", []), result.invoices)
            verdict = "right" if not problems else "silently wrong"
            detail = problems[:8]
        outcomes.append({"file": path.name, "system": expected.get("system"), "expected": kind,
                         "verdict": verdict, "detail": detail})
    counts = Counter(o["verdict"] for o in outcomes)
    return {"files": len(outcomes), "right": counts["right"], "held": counts["held"],
            "silently_wrong": counts["silently wrong"], "outcomes": outcomes}


def print_exports(r: dict, show: bool) -> None:
    print(f"held-out exports: {r['files']} files")
    print(f"  read right: {r['right']}/{r['files']}   (target ≥ 20 of 22)")
    print(f"  held with a report instead of read: {r['held']}")
    print(f"  silently wrong: {r['silently_wrong']}   (target 0)")
    for o in r["outcomes"]:
        if show or o["verdict"] == "silently wrong":
            print(f"  {o['verdict']:>15}: {o['file']} ({o['system']})")
            if show:
                for d in o["detail"]:
                    print(f"                   {d}")


# ---- payments ---------------------------------------------------------------------------------

def score_payments(folder: Path) -> dict:
    """Each scenario's credits through the matcher, in date order, against the invoices open then."""
    from bench.payments_score import score_scenarios  # written with the matcher (issue 16)

    return score_scenarios(sorted((folder / "matching").glob("*.json")), folder / "statements")


def print_payments(r: dict, show: bool) -> None:
    for line in r.get("lines", []):
        print(line)
    if show:
        for line in r.get("misses", []):
            print("  " + line)


SETS = {"replies": (score_replies, print_replies), "exports": (score_exports, print_exports),
        "payments": (score_payments, print_payments)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", choices=sorted(SETS))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--folder", help="another folder in the same format (default tests/heldout/SET)")
    args = ap.parse_args(argv)
    folder = Path(args.folder) if args.folder else HELDOUT / args.set
    if not folder.is_dir():
        print(f"no held-out set at {folder}", file=sys.stderr)
        return 1
    score, show = SETS[args.set]
    result = score(folder)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        show(result, args.show_misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
