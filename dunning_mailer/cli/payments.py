"""`payments`: bank credits and what they were matched to; `payments confirm N` / `reject N`."""
from __future__ import annotations

from ..config import Config
from ..model import DunningError
from .common import UsageError, _ledger, _now, _print_json


def cmd_payments(args, config: Config) -> int:
    if args.action and args.n is None:
        raise UsageError(f"payments {args.action} N: N is the credit's number in `dunning-mailer payments`")
    if args.n is not None and not args.action:
        raise UsageError("payments confirm N, or payments reject N")
    if args.action:
        return _decide(args, config)
    with _ledger(config) as ledger:
        shown = ledger.payments(limit=args.limit)
        review = [p for p in shown if p["status"] == "review"]
    if args.json:
        _print_json({"payments": shown, "to_review": [p["id"] for p in review]})
        return 0
    if not shown:
        print("No bank credits read yet. Drop a bank statement into the drop folder (or drop/bank/).")
        return 0
    for p in shown:
        line = p["line"]
        invoices = ", ".join(f"{a['number']}{'' if a['closes'] else ' (part ' + a['amount'] + ')'}" for a in p["invoices"])
        who = p["customer_id"] or ", ".join(p["candidates"]) or "—"
        print(f"#{p['id']} {line['date']} {line['amount']} {line['currency']} {line['description']!s:.50}")
        print(f"    {p['status']} ({p['confidence']:.2f}) {who}{': ' + invoices if invoices else ''}")
        for why in p["reasons"]:
            print(f"      - {why}")
    if review:
        print(f"{len(review)} credit(s) wait for you: `dunning-mailer payments confirm N [--invoice NUMBER …]` "
              "or `payments reject N`.")
    return 0


def _decide(args, config: Config) -> int:
    now = _now(args.now, config)
    with _ledger(config) as ledger:
        try:
            if args.action == "confirm":
                doc = ledger.confirm_payment(args.n, now=now, invoices=args.invoice or None)
            else:
                if args.invoice:
                    raise UsageError("--invoice goes with `payments confirm`")
                doc = ledger.reject_payment(args.n, now=now)
        except UsageError:
            raise
        except DunningError as e:
            raise UsageError(str(e)) from None
    if args.json:
        _print_json(doc)
    elif args.verbose:
        closed = [a["number"] for a in doc["invoices"] if a["applied"] and a["closes"]]
        print(f"#{doc['id']} {doc['status']}" + (f": closed {', '.join(closed)}" if closed else ""))
    return 0
