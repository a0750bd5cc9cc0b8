"""The cycle from the command line: `run`, `plan` (what would go out, or a payment plan), `worker`."""
from __future__ import annotations

import os
import sys

from ..config import Config
from ..shown import shown
from .common import _ledger, _now, _print_json, say
from .people import _record_payment_plan


def cmd_run(args, config: Config) -> int:
    from ..cycle import locked_cycle

    report = locked_cycle(config, _now(args.now, config), dry_run=args.dry_run, force=args.force,
                          wait_seconds=float(os.environ.get("DUNNING_MAILER_LOCK_WAIT", "10")))
    if report is None:
        print("Another dunning-mailer run is in progress; this one did nothing.", file=sys.stderr)
        return 0
    _print_run(report, config, verbose=args.verbose or args.dry_run)
    for err in report.errors:
        print(f"error: {shown(err, lines=True)}", file=sys.stderr)
    return 1 if report.errors else 0


def _print_run(report, config: Config, verbose: int) -> None:
    from ..transports.outbox import eml_path

    if not verbose:
        return
    what = "Would send" if report.dry_run else "Sent"
    for f in report.files:
        say(f"File {f.file}: {f.status} — {f.message}")
    for r in report.replies:
        say(f"Mail: {r['kind']} from {r['customer_id'] or 'an unknown sender'}: {r['subject']}")
    if report.sent:
        where = ""
        if config.transport.kind == "outbox" and not report.dry_run:
            where = f" (in {os.path.relpath(config.transport.outbox)})"
        say(f"{what} {len(report.sent)} email(s){where}:")
        for s in report.sent:
            invoices = ", ".join(s.invoices)
            extra = " [recovered from an earlier cycle]" if s.recovered else ""
            say(f"  {s.customer_id} {s.customer_name} — {s.stage} — invoices {invoices} → "
                f"{', '.join(s.recipients)}{extra}")
            if config.transport.kind == "outbox" and not report.dry_run:
                eml = eml_path(config.transport.outbox, s.label)
                say(f"      {os.path.relpath(eml)}  (open {os.path.relpath(eml.with_suffix('.html'))} in a browser)")
    else:
        say("Nothing new to send.")
    plan = report.plan
    if plan is not None:
        if plan.not_sending:
            from ..calendar import BusinessCalendar
            moment = plan.next_sending or BusinessCalendar.from_config(config).next_sending_moment(report.now)
            say(f"Not sending now ({plan.not_sending}); next sending moment: {moment:%d/%m/%Y %H:%M}.")
        for h in plan.held:
            say(f"  held: {h.customer_id}: {h.reason}")
        if plan.call_list:
            say(f"Call list (a person should phone): {', '.join(plan.call_list)}")
    for w in report.waiting:
        say(f"  waiting: {w}")
    if report.awaiting:
        say(f"Waiting for your approval (`dunning-mailer approve CUSTOMER`): {'; '.join(report.awaiting)}")


def cmd_plan(args, config: Config) -> int:
    from ..cycle import make_plan

    if args.customer:
        return _record_payment_plan(args, config)
    now = _now(args.now, config)
    with _ledger(config) as ledger:
        the_plan = make_plan(config, ledger, now)
        awaiting = ledger.awaiting_approval()
    doc = {
        "now": now.isoformat(),
        "sending": the_plan.not_sending is None,
        "not_sending_reason": the_plan.not_sending,
        "next_sending": the_plan.next_sending.isoformat() if the_plan.next_sending else None,
        "emails": [{
            "customer_id": e.customer.id, "customer_name": e.customer.name,
            "recipients": list(e.recipients), "stage": e.stage.name,
            "invoices": [{"number": s.invoice.number, "due_date": s.invoice.due_date.isoformat(),
                          "balance": str(s.invoice.balance), "currency": s.invoice.currency,
                          "stage": st.name} for s, st in e.items],
            "totals": {k: str(v) for k, v in e.totals().items()},
        } for e in the_plan.emails],
        "held": [{"customer_id": h.customer_id, "reason": h.reason} for h in the_plan.held],
        "call_list": list(the_plan.call_list),
        "awaiting_approval": awaiting,
        "upcoming": [{"customer_id": c, "stage": s, "on": d.isoformat()} for c, s, d in the_plan.upcoming],
    }
    if args.json:
        _print_json(doc)
        return 0
    if not doc["sending"]:
        say(f"Not sending now: {doc['not_sending_reason']} (next: {doc['next_sending']}).")
    for e in doc["emails"]:
        totals = ", ".join(f"{v} {k}" for k, v in e["totals"].items())
        say(f"{e['customer_id']} {e['customer_name']}: {e['stage']} — "
            f"{len(e['invoices'])} invoice(s), {totals} → {', '.join(e['recipients'])}")
    for h in doc["held"]:
        say(f"held {h['customer_id']}: {h['reason']}")
    if not doc["emails"]:
        say("Nothing to send now.")
    return 0


def cmd_worker(args, config: Config) -> int:
    from ..worker import run_worker
    return run_worker(config, verbose=args.verbose)
