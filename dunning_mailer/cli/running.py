"""The cycle from the command line: `run`, `plan` (what would go out, or a payment plan), `worker`."""
from __future__ import annotations

import os
import sys

from ..config import Config
from ..phones import shown_phones
from ..shown import shown
from .common import _date_arg, _ledger, _now, _print_json
from .display import Display, isolate
from .people import _record_payment_plan


def cmd_run(args, config: Config) -> int:
    from ..cycle import locked_cycle

    since = _date_arg(args.mail_since, "--mail-since") if args.mail_since else None
    report = locked_cycle(config, _now(args.now, config), dry_run=args.dry_run, force=args.force,
                          wait_seconds=float(os.environ.get("DUNNING_MAILER_LOCK_WAIT", "10")), mail_since=since)
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
    show = Display(config.tz)
    for f in report.files:
        print(f"File {isolate(f.file)}: {f.status} — {isolate(show.days(f.message))}")
    for r in report.replies:
        print(f"Mail: {show.mail(r)}")
    for p in report.payments:
        print(f"Bank: {isolate(p)}")
    if report.sent:
        where = ""
        if config.transport.kind == "outbox" and not report.dry_run:
            where = f" (in {os.path.relpath(config.transport.outbox)})"
        print(f"{show.word('Would send' if report.dry_run else 'Sent')} {len(report.sent)} {show.word('email(s)')}{where}:")
        for s in report.sent:
            extra = " [recovered from an earlier cycle]" if s.recovered else ""
            print("  " + show.row((s.customer_id, ID), (s.customer_name, NAME), (show.stage(s.stage), STAGE),
                                  f"→ {', '.join(s.recipients)}  ({', '.join(s.invoices)}){extra}"))
            if config.transport.kind == "outbox" and not report.dry_run:
                eml = eml_path(config.transport.outbox, s.label)
                print(f"      {isolate(os.path.relpath(eml))}  (open {isolate(os.path.relpath(eml.with_suffix('.html')))} in a browser)")
    else:
        print(show.word("Nothing new to send."))
    plan = report.plan
    if plan is not None:
        if plan.not_sending:
            from ..calendar import BusinessCalendar
            moment = plan.next_sending or BusinessCalendar.from_config(config).next_sending_moment(report.now)
            print(f"Not sending now ({show.days(plan.not_sending)}); the next send window opens "
                  f"{show.when(moment)}.")
        _print_held(show, plan)
    if report.next_plan is not None:
        _print_next_window(show, report.next_plan)
    for w in report.waiting:
        print(f"  waiting: {isolate(w)}")
    if report.awaiting:
        print(f"Waiting for your approval (`dunning-mailer approve CUSTOMER`): {'; '.join(map(isolate, report.awaiting))}")


# Column widths of the human tables (terminal columns).
ID, NAME, STAGE, COUNT, AMOUNT = 8, 26, 16, 3, 16


def _print_held(show: Display, plan) -> None:
    for h in plan.held:
        print("  " + show.row((show.word("held"), 8), (h.customer_id, ID), show.days(h.reason)))
    if plan.call_list:
        print(f"Call list (a person should phone): {', '.join(plan.call_list)}")
        print_calls(show, [call_doc(k, {}) for k in plan.calls])


def print_calls(show: Display, calls: list[dict]) -> None:
    """The call list (`call_doc` entries) as a person works through it: the largest and oldest
    debt first, with its phone."""
    for k in calls:
        print("  " + show.row((k["customer_id"], ID), (k["name"], NAME), (show.totals(k["balance"]), AMOUNT, ">"),
                              (k["phone"] or "—", 26), f"last email {show.day(k['last_email'])}"))


def call_doc(k, reasons: dict[str, str]) -> dict:
    """One call list entry in --json: `phone` as a person dials it ("" when unknown), `phones`
    each number apart, `phone_as_written` the files' own text."""
    phones = list(shown_phones(k.phone))
    return {"customer_id": k.customer_id, "name": k.name, "phone": ", ".join(phones), "phones": phones,
            "phone_as_written": k.phone, "balance": {cur: str(v) for cur, v in k.totals.items()},
            "oldest_due": k.oldest_due.isoformat() if k.oldest_due else None,
            "last_email": k.last_email_on.isoformat() if k.last_email_on else None,
            "unanswered_emails": k.unanswered, "reason": reasons.get(k.customer_id)}


def _email_lines(show: Display, emails) -> list[str]:
    lines = []
    if emails:
        lines.append("  " + show.row((show.word("customer"), ID), (show.word("name"), NAME),
                                     (show.word("stage"), STAGE), ("#", COUNT, ">"),
                                     (show.word("amount"), AMOUNT, ">"), show.word("to")))
    for e in emails:
        lines.append("  " + show.row((e.customer.id, ID), (e.customer.name, NAME), (show.stage(e.stage.name), STAGE),
                                     (len(e.items), COUNT, ">"), (show.totals(e.totals()), AMOUNT, ">"),
                                     f"→ {', '.join(e.recipients)}"))
    return lines


def _print_next_window(show: Display, plan) -> None:
    print(f"When the send window opens, {show.when(plan.now)}, this would go out "
          f"({len(plan.emails)} email(s)):")
    for line in _email_lines(show, plan.emails):
        print(line)
    if not plan.emails:
        print("  " + show.word("Nothing to send now."))


def _email_doc(e) -> dict:
    return {
        "customer_id": e.customer.id, "customer_name": e.customer.name,
        "recipients": list(e.recipients), "stage": e.stage.name,
        "invoices": [{"number": s.invoice.number, "due_date": s.invoice.due_date.isoformat(),
                      "balance": str(s.invoice.balance), "currency": s.invoice.currency,
                      "stage": st.name} for s, st in e.items],
        "totals": {k: str(v) for k, v in e.totals().items()},
    }


def cmd_plan(args, config: Config) -> int:
    if args.customer:
        return _record_payment_plan(args, config)
    doc, the_plan, later = _planned(config, _now(args.now, config))
    if args.json:
        _print_json(doc)
        return 0
    show = Display(config.tz)
    if later is not None:
        print(f"Not sending now ({show.days(the_plan.not_sending)}).")
        _print_next_window(show, later)
        _print_held(show, later)
    else:
        for line in _email_lines(show, the_plan.emails):
            print(line)
        if not the_plan.emails:
            print(show.word("Nothing to send now."))
        _print_held(show, the_plan)
    if doc["files_waiting"]:
        print(f"{doc['files_waiting']} file(s) in the drop folder are not read yet and not in this plan; "
              "`dunning-mailer run --dry-run` includes them.")
    return 0


def plan_doc(config: Config, now) -> dict:
    """What `plan --json` prints for one business."""
    return _planned(config, now)[0]


def _planned(config: Config, now):
    """The plan now (and, outside the window, the next window's): its JSON document and both plans."""
    from ..cycle import dropped_files, make_plan

    with _ledger(config) as ledger:
        the_plan = make_plan(config, ledger, now)
        # Outside the window, what the next window will send: a user who sets up in the evening sees
        # tomorrow morning's emails without replaying the clock.
        later = make_plan(config, ledger, the_plan.next_sending) if the_plan.not_sending else None
        awaiting = ledger.awaiting_approval()
    waiting = len(dropped_files(config))
    doc = {
        "now": now.isoformat(),
        "sending": the_plan.not_sending is None,
        "not_sending_reason": the_plan.not_sending,
        "next_sending": the_plan.next_sending.isoformat() if the_plan.next_sending else None,
        "emails": [_email_doc(e) for e in the_plan.emails],
        "held": [{"customer_id": h.customer_id, "reason": h.reason} for h in the_plan.held],
        "call_list": list(the_plan.call_list),
        "calls": [call_doc(k, {h.customer_id: h.reason for h in the_plan.held}) for k in the_plan.calls],
        "awaiting_approval": awaiting,
        "upcoming": [{"customer_id": c, "stage": s, "on": d.isoformat()} for c, s, d in the_plan.upcoming],
        "next_window": None if later is None else {
            "opens": later.now.isoformat(), "emails": [_email_doc(e) for e in later.emails],
            "held": [{"customer_id": h.customer_id, "reason": h.reason} for h in later.held]},
        "files_waiting": waiting,
    }
    return doc, the_plan, later


def cmd_worker(args, config: Config) -> int:
    from ..worker import run_worker
    return run_worker(config, verbose=args.verbose, describe_mail=Display(config.tz).mail)
