"""`status` and `history`."""
from __future__ import annotations

from decimal import Decimal

from ..config import Config
from .common import _ledger, _now, _print_json, say


def cmd_status(args, config: Config) -> int:
    now = _now(args.now, config)
    from ..cycle import make_plan

    with _ledger(config) as ledger:
        today = now.astimezone(config.tz).date()
        states = ledger.customer_states(today)
        customers = ledger.status(today, states)
        the_plan = make_plan(config, ledger, now, states)
        awaiting = ledger.awaiting_approval()
        unmatched = ledger.unmatched_replies()
    call = set(the_plan.call_list)
    for c in customers:
        c["call_list"] = c["customer_id"] in call
    customers.sort(key=lambda c: -sum(Decimal(v) for v in c["balance"].values()))
    doc = {"now": now.isoformat(), "customers": customers, "call_list": sorted(call),
           "awaiting_approval": awaiting, "unmatched_replies": unmatched}
    if args.json:
        _print_json(doc)
        return 0
    for c in customers:
        bal = ", ".join(f"{v} {k}" for k, v in c["balance"].items())
        flags = [f for f, on in (("call-list", c["call_list"]), ("paused", c["pause"])) if on]
        say(f"{c['customer_id']} {c['name']}: {bal} in {len(c['invoices'])} invoice(s); "
            f"last email {c['last_email'] or '—'}{'; ' + ', '.join(flags) if flags else ''}")
    if not customers:
        say("No open invoices.")
    return 0


def cmd_history(args, config: Config) -> int:
    with _ledger(config) as ledger:
        items = ledger.history(args.customer)
    if args.json:
        _print_json({"customer_id": args.customer, "items": items})
        return 0
    for i in items:
        if i["kind"] == "email":
            say(f"{i['at']}  email {i['stage']} to {i['customer_id']} ({i['status']}) {i['message_id']} "
                f"invoices {', '.join(x['number'] for x in i['invoices'])}")
        elif i["kind"] == "import":
            say(f"{i['at']}  import {i['file']}: {i['status']} {i['report'] or ''}")
        elif i["kind"] == "reply":
            say(f"{i['at']}  {i['reply_kind']} from {i['customer_id'] or i['sender']}: {i['subject']}")
        else:
            detail = {k: v for k, v in i.items() if k not in ("at", "kind", "customer_id")}
            say(f"{i['at']}  {i['kind']} {i.get('customer_id') or ''} {detail}")
    return 0
