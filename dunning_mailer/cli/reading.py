"""The command line: arguments, logging, the clock, secrets, the run lock, exit codes.

Exit status: 0 success; 1 a failure the user must act on; 2 bad usage or bad config.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import __version__
from .config import Config, ConfigError, load
from .model import DunningError

log = logging.getLogger("dunning_mailer")

PACKAGE_ROOT = Path(__file__).resolve().parent


class UsageError(DunningError):
    pass


def _now(text: str | None, config: Config) -> dt.datetime:
    if not text:
        return dt.datetime.now(config.tz)
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--now: not an ISO 8601 time: {text!r} (e.g. 2026-12-01T10:00:00+02:00)") from None
    if value.tzinfo is None:  # a bare date or time is read in the business's time zone
        value = value.replace(tzinfo=config.tz)
        if len(text) == 10:
            value = value.replace(hour=10)
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(type(value).__name__)


def _print_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=_json_default) + "\n")


def _config_path(args) -> Path | None:
    if args.config:
        return Path(args.config)
    env = os.environ.get("DUNNING_MAILER_CONFIG")
    if env:
        return Path(env)
    default = Path("config.toml")
    return default if default.exists() else None


def _ledger(config: Config):
    from .ledger import Ledger
    return Ledger(config.paths.database)


# ---- commands ---------------------------------------------------------------------

def cmd_init(args) -> int:
    target = Path(args.dir)
    config_file = target / "config.toml"
    if config_file.exists() and not args.force:
        print(f"{config_file} already exists; nothing was changed (use --force to overwrite).",
              file=sys.stderr)
        return 1
    target.mkdir(parents=True, exist_ok=True)
    example = _shipped("config.example.toml")
    shutil.copyfile(example, config_file)
    templates = target / "templates"
    for lang_dir in _shipped("templates").iterdir():
        dest = templates / lang_dir.name
        if dest.exists() and not args.force:
            continue
        shutil.copytree(lang_dir, dest, dirs_exist_ok=True)
    config = load(config_file)
    for folder in (config.paths.drop, config.paths.processed, config.paths.rejected,
                   config.transport.outbox, config.mailbox.maildir / "new",
                   config.mailbox.maildir / "cur", config.mailbox.maildir / "tmp"):
        folder.mkdir(parents=True, exist_ok=True)
    print(f"Created {target}/: config.toml, templates/, {os.path.relpath(config.paths.drop, target)}/ "
          f"(drop exports here).")
    print(f"Next: edit {config_file}, then run `dunning-mailer run --config {config_file} --dry-run -v`.")
    return 0


def _shipped(name: str) -> Path:
    """Files that ship with the program: in the package when installed, else the checkout."""
    for base in (PACKAGE_ROOT / "data", PACKAGE_ROOT.parent):
        if (base / name).exists():
            return base / name
    raise DunningError(f"{name} is missing from this installation")


def cmd_run(args, config: Config) -> int:
    from .cycle import locked_cycle

    report = locked_cycle(config, _now(args.now, config), dry_run=args.dry_run, force=args.force,
                          wait_seconds=float(os.environ.get("DUNNING_MAILER_LOCK_WAIT", "10")))
    if report is None:
        print("Another dunning-mailer run is in progress; this one did nothing.", file=sys.stderr)
        return 0
    _print_run(report, config, verbose=args.verbose or args.dry_run)
    for err in report.errors:
        print(f"error: {err}", file=sys.stderr)
    return 1 if report.errors else 0


def _print_run(report, config: Config, verbose: int) -> None:
    from .transports.outbox import eml_path

    if not verbose:
        return
    what = "Would send" if report.dry_run else "Sent"
    for f in report.files:
        print(f"File {f.file}: {f.status} — {f.message}")
    for r in report.replies:
        print(f"Mail: {r['kind']} from {r['customer_id'] or 'an unknown sender'}: {r['subject']}")
    if report.sent:
        where = ""
        if config.transport.kind == "outbox" and not report.dry_run:
            where = f" (in {os.path.relpath(config.transport.outbox)})"
        print(f"{what} {len(report.sent)} email(s){where}:")
        for s in report.sent:
            invoices = ", ".join(s.invoices)
            extra = " [recovered from an earlier cycle]" if s.recovered else ""
            print(f"  {s.customer_id} {s.customer_name} — {s.stage} — invoices {invoices} → "
                  f"{', '.join(s.recipients)}{extra}")
            if config.transport.kind == "outbox" and not report.dry_run:
                eml = eml_path(config.transport.outbox, s.label)
                print(f"      {os.path.relpath(eml)}  (open {os.path.relpath(eml.with_suffix('.html'))} in a browser)")
    else:
        print("Nothing new to send.")
    plan = report.plan
    if plan is not None:
        if plan.not_sending:
            from .calendar import BusinessCalendar
            moment = plan.next_sending or BusinessCalendar.from_config(config).next_sending_moment(report.now)
            print(f"Not sending now ({plan.not_sending}); next sending moment: {moment:%d/%m/%Y %H:%M}.")
        for h in plan.held:
            print(f"  held: {h.customer_id}: {h.reason}")
        if plan.call_list:
            print(f"Call list (a person should phone): {', '.join(plan.call_list)}")
    for w in report.waiting:
        print(f"  waiting: {w}")
    if report.awaiting:
        print(f"Waiting for your approval (`dunning-mailer approve CUSTOMER`): {'; '.join(report.awaiting)}")


def cmd_plan(args, config: Config) -> int:
    from .cycle import make_plan

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
        print(f"Not sending now: {doc['not_sending_reason']} (next: {doc['next_sending']}).")
    for e in doc["emails"]:
        totals = ", ".join(f"{v} {k}" for k, v in e["totals"].items())
        print(f"{e['customer_id']} {e['customer_name']}: {e['stage']} — "
              f"{len(e['invoices'])} invoice(s), {totals} → {', '.join(e['recipients'])}")
    for h in doc["held"]:
        print(f"held {h['customer_id']}: {h['reason']}")
    if not doc["emails"]:
        print("Nothing to send now.")
    return 0


def cmd_status(args, config: Config) -> int:
    now = _now(args.now, config)
    from .cycle import make_plan

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
        print(f"{c['customer_id']} {c['name']}: {bal} in {len(c['invoices'])} invoice(s); "
              f"last email {c['last_email'] or '—'}{'; ' + ', '.join(flags) if flags else ''}")
    if not customers:
        print("No open invoices.")
    return 0


def cmd_history(args, config: Config) -> int:
    with _ledger(config) as ledger:
        items = ledger.history(args.customer)
    if args.json:
        _print_json({"customer_id": args.customer, "items": items})
        return 0
    for i in items:
        if i["kind"] == "email":
            print(f"{i['at']}  email {i['stage']} to {i['customer_id']} ({i['status']}) {i['message_id']} "
                  f"invoices {', '.join(x['number'] for x in i['invoices'])}")
        elif i["kind"] == "import":
            print(f"{i['at']}  import {i['file']}: {i['status']} {i['report'] or ''}")
        elif i["kind"] == "reply":
            print(f"{i['at']}  {i['reply_kind']} from {i['customer_id'] or i['sender']}: {i['subject']}")
        else:
            detail = {k: v for k, v in i.items() if k not in ("at", "kind", "customer_id")}
            print(f"{i['at']}  {i['kind']} {i.get('customer_id') or ''} {detail}")
    return 0


def cmd_inspect(args, config: Config) -> int:
    from .sources import profile_from_mapping, read_invoices

    profiles = [profile_from_mapping(str(m.get("name", f"importer{i}")), m)
                for i, m in enumerate(config.importers)]
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    result = read_invoices(path, profiles=profiles)
    doc = {
        "file": str(path), "importer": result.importer, "kind": result.kind, "header_row": result.header_row,
        "columns": result.columns,
        "invoices": [{"number": i.number, "customer_id": i.customer_id, "customer_name": i.customer_name,
                      "emails": list(i.emails), "issue_date": i.issue_date, "due_date": i.due_date,
                      "amount": i.amount, "balance": i.balance, "currency": i.currency, "kind": i.kind}
                     for i in result.invoices],
        "contacts": [{"customer_id": c.customer_id, "name": c.name, "emails": list(c.emails),
                      "account_manager": c.account_manager, "account_manager_email": c.account_manager_email,
                      "language": c.language} for c in result.contacts],
        "warnings": list(result.warnings),
    }
    if args.json:
        _print_json(doc)
        return 0
    what = {"invoices": "open invoices", "balances": "customer balances", "contacts": "contacts"}[result.kind]
    print(f"{path}: {what}, read by {result.importer}, header on row {result.header_row}")
    for field, header in result.columns.items():
        print(f"  {field:14} ← {header}")
    for c in result.contacts:
        manager = f"  (account manager: {c.account_manager})" if c.account_manager else ""
        print(f"  {c.customer_id:14} {c.name:24} {', '.join(c.emails)}{manager}")
    if result.kind != "contacts":
        print(f"{len(result.invoices)} {'balance line' if result.kind == 'balances' else 'open invoice'}(s):")
    for i in result.invoices:
        print(f"  {i.number:>10}  {i.customer_id:14} {i.customer_name:24} due {i.due_date}  "
              f"{i.balance} {i.currency}  {', '.join(i.emails)}")
    for w in result.warnings:
        print(f"warning: {w}")
    return 0


def cmd_classify(args, config: Config) -> int:
    from .replies import classify

    raw = Path(args.file).read_bytes()
    now = _now(args.now, config).astimezone(config.tz)
    customer_id = how = None
    if config.paths.database.exists():
        from .cycle import MessageReader
        with _ledger(config) as ledger:
            verdict, customer_id, how = MessageReader(ledger).read(raw, now)
    else:
        verdict = classify(raw, now=now)
    doc = verdict.to_json()
    doc["customer_id"] = customer_id
    if how:
        doc["why"] = list(doc.get("why", [])) + [f"matched to customer {customer_id} by {how}"]
    if args.json:
        _print_json(doc)
    else:
        print(f"{doc['kind']}" + (f" ({', '.join(doc['intents'])})" if doc.get("intents") else ""))
        for w in doc.get("why", []):
            print(f"  - {w}")
    return 0


def cmd_pause(args, config: Config) -> int:
    now = _now(args.now, config)
    until = dt.date.fromisoformat(args.until) if args.until else None
    with _ledger(config) as ledger:
        if not ledger.customer_exists(args.customer):
            raise UsageError(f"no customer with id {args.customer!r} in the ledger")
        ledger.pause(args.customer, now=now, reason=args.reason or "paused by hand", origin="manual", until=until)
    return 0


def cmd_resume(args, config: Config) -> int:
    now = _now(args.now, config)
    with _ledger(config) as ledger:
        if not ledger.customer_exists(args.customer):
            raise UsageError(f"no customer with id {args.customer!r} in the ledger")
        n = ledger.resume(args.customer, now=now, reason=args.reason or "")
    if args.verbose:
        print(f"{args.customer}: {n} pause(s) ended.")
    return 0


def _customer(ledger, customer_id: str) -> None:
    if not ledger.customer_exists(customer_id):
        raise UsageError(f"no customer with id {customer_id!r} in the ledger")


def _date_arg(text: str, flag: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{flag}: expected a date like 2026-12-31, got {text!r}") from None


def _amount_arg(text: str | None, flag: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except ArithmeticError:
        raise UsageError(f"{flag}: not an amount: {text!r}") from None
    if value <= 0:
        raise UsageError(f"{flag}: must be above 0")
    return value


def cmd_promise(args, config: Config) -> int:
    now = _now(args.now, config)
    due = _date_arg(args.date, "--date")
    amount = _amount_arg(args.amount, "--amount")
    with _ledger(config) as ledger:
        _customer(ledger, args.customer)
        ledger.add_promise(args.customer, due=due, amount=amount, now=now, origin="manual")
    if args.verbose:
        print(f"{args.customer}: reminders wait until {due:%d/%m/%Y}; then a thank-you or a friendly follow-up.")
    return 0


def _record_payment_plan(args, config: Config) -> int:
    if not args.instalments or not args.first:
        raise UsageError("plan CUSTOMER needs --instalments N and --first DATE")
    if not 2 <= args.instalments <= 36:
        raise UsageError("--instalments: expected 2 to 36")
    now = _now(args.now, config)
    first = _date_arg(args.first, "--first")
    with _ledger(config) as ledger:
        _customer(ledger, args.customer)
        balance = ledger.open_balance(args.customer)
        amount = _amount_arg(args.amount, "--amount") or (balance / args.instalments).quantize(Decimal("0.01"))
        dates = [_add_months(first, i) for i in range(args.instalments)]
        ledger.add_payment_plan(args.customer, dates=dates, amount=amount, now=now)
    if args.verbose:
        print(f"{args.customer}: {args.instalments} instalments of {amount} from {first:%d/%m/%Y}; "
              f"a short note goes out before each date instead of the ladder.")
    return 0


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    import calendar as _cal
    return dt.date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def cmd_approve(args, config: Config) -> int:
    if not args.customer and not args.all:
        raise UsageError("approve CUSTOMER, or approve --all")
    now = _now(args.now, config)
    with _ledger(config) as ledger:
        if args.customer:
            _customer(ledger, args.customer)
        n = ledger.approve(None if args.all else args.customer, now=now)
    print(f"Approved {n} email(s); they go out with the next run." if n else "Nothing was waiting for approval.")
    return 0


def cmd_paid(args, config: Config) -> int:
    now = _now(args.now, config)
    with _ledger(config) as ledger:
        n = ledger.mark_paid(args.invoice, now=now, reason=args.reason or "marked paid by hand")
    if n == 0:
        raise UsageError(f"no open invoice numbered {args.invoice!r}")
    return 0


def cmd_preview(args, config: Config) -> int:
    from . import render
    from .testing import sample_email

    now = _now(args.now, config)
    today = now.astimezone(config.tz).date()
    from .cycle import Templates
    from .planner import SPECIAL_STAGES, PlannedEmail, offer_for

    stages = {s.name: s for s in (*config.stages, *SPECIAL_STAGES)}
    stage = stages.get(args.stage)
    if stage is None:
        raise UsageError(f"no stage named {args.stage!r}; there are: {', '.join(stages)}")
    email = None
    if args.customer:
        with _ledger(config) as ledger:
            for c in ledger.customer_states(today):
                if c.customer.id == args.customer and c.invoices:
                    total = sum(s.invoice.balance for s in c.invoices)
                    email = PlannedEmail(c.customer, c.customer.emails, stage,
                                         tuple((s, stage) for s in c.invoices), offer=offer_for(stage, total, today))
        if email is None:
            raise UsageError(f"no open invoices for customer {args.customer!r}")
    else:
        email = sample_email(stage, today)
    env = Templates(config).env(email.customer.language)
    try:
        rendered = render.render(env, stage.template, render.context(email, business=config.business, today=today))
    except render.TemplateError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    out = Path(args.out or "preview")
    out.mkdir(parents=True, exist_ok=True)
    base = out / stage.name
    base.with_suffix(".html").write_text(rendered.html, encoding="utf-8")
    base.with_suffix(".txt").write_text(f"{rendered.subject}\n\n{rendered.text}", encoding="utf-8")
    raw = render.build_message(rendered, business=config.business, recipients=email.recipients or ("customer@example.com",),
                               customer_name=email.customer.name, message_id=f"<preview@{config.business.domain}>",
                               now=now.astimezone(config.tz))
    base.with_suffix(".eml").write_bytes(raw)
    print(f"Wrote {base}.html, {base}.txt and {base}.eml")
    return 0


def cmd_templates_check(args, config: Config) -> int:
    from . import lint

    folders = [config.paths.templates]
    for language in ("he", "en"):
        sibling = config.paths.templates.parent / language
        if sibling.is_dir() and sibling not in folders:
            folders.append(sibling)
    findings = []
    for folder in folders:
        if not folder.is_dir():
            raise UsageError(f"paths.templates: no such folder {folder}")
        findings += lint.check_templates(folder, config.stages, language=folder.name[:2],
                                         business=config.business)
    if args.json:
        _print_json({"folders": [str(f) for f in folders],
                     "findings": [{"file": f.file, "line": f.line, "severity": f.severity,
                                   "principle": f.principle, "message": f.message} for f in findings]})
    else:
        for f in findings:
            print(f)
        errors = lint.errors(findings)
        print(f"{len(errors)} error(s), {len(findings) - len(errors)} warning(s) in "
              f"{', '.join(os.path.relpath(f) for f in folders)}.")
    if lint.errors(findings):
        return 1
    from .cycle import remember_templates_ok

    remember_templates_ok(config, folders)
    return 0


def cmd_set_password(args, config: Config) -> int:
    import getpass

    section = config.transport if args.which == "smtp" else config.mailbox
    if not section.username:
        raise UsageError(f"set {args.which == 'smtp' and 'transport' or 'mailbox'}.username in the config first")
    account = f"{args.which}:{section.username}@{section.host}"
    secret_value = getpass.getpass(f"Password for {section.username} at {section.host}: ")
    try:
        import keyring
        keyring.set_password("dunning-mailer", account, secret_value)
    except Exception as e:  # no keyring backend on a headless server
        print(f"error: the OS keyring is not available ({type(e).__name__}). Either set "
              f"DUNNING_MAILER_{args.which.upper()}_PASSWORD in the environment of the job, or install "
              f"a file-based backend (pip install keyrings.alt).", file=sys.stderr)
        return 1
    print(f"Stored in the OS keyring as {account}.")
    return 0


def cmd_worker(args, config: Config) -> int:
    from .worker import run_worker
    return run_worker(config, verbose=args.verbose)


# ---- parsing ----------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default=argparse.SUPPRESS,
                        help="config file (default ./config.toml or $DUNNING_MAILER_CONFIG)")
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help="say what happens")
    timed = argparse.ArgumentParser(add_help=False)
    timed.add_argument("--now", help="the time to act at, ISO 8601 (default: the clock)")
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print one JSON document on stdout")

    p = argparse.ArgumentParser(prog="dunning-mailer",
                                description="Warm Hebrew payment reminders from your open-invoice exports.")
    p.add_argument("--version", action="version", version=f"dunning-mailer {__version__}")
    p.add_argument("--config", default=None, help=argparse.SUPPRESS)
    p.add_argument("-v", "--verbose", action="count", default=0, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("init", parents=[common], help="create a working folder")
    s.add_argument("dir")
    s.add_argument("--force", action="store_true", help="overwrite an existing config.toml")
    s.set_defaults(func=cmd_init, needs_config=False)

    s = sub.add_parser("run", parents=[common, timed], help="one cycle: import, read mail, send what is due")
    s.add_argument("--dry-run", action="store_true", help="decide and render, send and record nothing")
    s.add_argument("--force", action="store_true", help="apply a snapshot even if it closes many invoices")
    s.set_defaults(func=cmd_run)

    s = sub.add_parser("plan", parents=[common, timed, as_json],
                       help="what run would send now; or, with CUSTOMER, record a payment plan")
    s.add_argument("customer", nargs="?")
    s.add_argument("--instalments", type=int)
    s.add_argument("--first", help="the first instalment's date")
    s.add_argument("--amount", help="per instalment (default: the balance split evenly)")
    s.set_defaults(func=cmd_plan)
    s = sub.add_parser("promise", parents=[common, timed], help="record a customer's promise to pay")
    s.add_argument("customer")
    s.add_argument("--date", required=True)
    s.add_argument("--amount")
    s.set_defaults(func=cmd_promise)
    s = sub.add_parser("approve", parents=[common, timed], help="release emails waiting for approval")
    s.add_argument("customer", nargs="?")
    s.add_argument("--all", action="store_true")
    s.set_defaults(func=cmd_approve)
    s = sub.add_parser("status", parents=[common, timed, as_json], help="open invoices per customer")
    s.set_defaults(func=cmd_status)
    s = sub.add_parser("history", parents=[common, as_json], help="the timeline")
    s.add_argument("customer", nargs="?")
    s.set_defaults(func=cmd_history)
    s = sub.add_parser("inspect", parents=[common, as_json], help="how a file is read, changing nothing")
    s.add_argument("file")
    s.set_defaults(func=cmd_inspect)
    s = sub.add_parser("classify", parents=[common, timed, as_json], help="how an incoming email is understood")
    s.add_argument("file")
    s.set_defaults(func=cmd_classify)
    s = sub.add_parser("preview", parents=[common, timed], help="render a stage's email to files")
    s.add_argument("stage")
    s.add_argument("--customer")
    s.add_argument("--out")
    s.set_defaults(func=cmd_preview)
    s = sub.add_parser("pause", parents=[common, timed], help="pause a customer's reminders")
    s.add_argument("customer")
    s.add_argument("--until")
    s.add_argument("--reason")
    s.set_defaults(func=cmd_pause)
    s = sub.add_parser("resume", parents=[common, timed], help="end a customer's pauses")
    s.add_argument("customer")
    s.add_argument("--reason")
    s.set_defaults(func=cmd_resume)
    s = sub.add_parser("paid", parents=[common, timed], help="mark an invoice paid by hand")
    s.add_argument("invoice")
    s.add_argument("--reason")
    s.set_defaults(func=cmd_paid)
    s = sub.add_parser("templates", help="work with the email templates")
    tsub = s.add_subparsers(dest="templates_command", metavar="check", required=True)
    t = tsub.add_parser("check", parents=[common, as_json],
                        help="lint: syntax, variables, RTL layout and the tone rules of domain.md")
    t.set_defaults(func=cmd_templates_check)
    s = sub.add_parser("set-password", parents=[common], help="store a password in the OS keyring")
    s.add_argument("which", choices=("smtp", "imap"))
    s.set_defaults(func=cmd_set_password)
    s = sub.add_parser("worker", parents=[common], help="run cycles on a schedule")
    s.set_defaults(func=cmd_worker)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0) and 2
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    for name in ("config", "verbose"):
        if not hasattr(args, name):
            setattr(args, name, parser.get_default(name))
    logging.basicConfig(level=logging.DEBUG if args.verbose > 1 else logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s: %(message)s", stream=sys.stderr)
    try:
        if not getattr(args, "needs_config", True):
            return args.func(args)
        config = load(_config_path(args))
        return args.func(args, config)
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except DunningError as e:
        if args.verbose:
            log.exception("details")
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `| head`: the reader left; not our failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as e:  # a bug: say so in one line; the traceback only with -v
        if args.verbose:
            log.exception("unexpected error")
        print(f"error: unexpected {type(e).__name__} (run with -v for details; please report it)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
