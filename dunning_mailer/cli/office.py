"""An office of several businesses: `office init|add|list`, and `run`, `plan`, `status`, `worker`
across every business of the office (or one, with `--business NAME`)."""
from __future__ import annotations

import os
import sys
from decimal import Decimal
from pathlib import Path

from ..config import BUSINESS_KEY_RE, OFFICE_FILE
from ..model import DunningError
from ..shown import shown
from .common import UsageError, _now, _print_json, say

OFFICE_EXAMPLE = """\
# The office: one folder per business beside this file (`dunning-mailer office add NAME`), each with
# its own config.toml, templates and drop folder. Every section here is the default of every
# business; a business's own config.toml overrides it key by key.

[office]
name = {name!r}

[paths]
{database}
[worker]
cycle_minutes = 15
inbox_minutes = 3
drop_seconds = 60
"""


def cmd_office_init(args) -> int:
    target = Path(args.dir)
    if (target / OFFICE_FILE).exists() and not args.force:
        print(f"{target / OFFICE_FILE} already exists; nothing was changed (use --force to overwrite).",
              file=sys.stderr)
        return 1
    from ..config import from_mapping
    if args.database:
        from_mapping({"paths": {"database": args.database}}, base=target)  # a password in it stops here
    target.mkdir(parents=True, exist_ok=True)
    database = (f'database = "{args.database}"   # every business\'s ledger, one schema each\n' if args.database
                else '# database = "postgresql://dunning@db.example/dunning"   # else one SQLite file per business\n')
    (target / OFFICE_FILE).write_text(OFFICE_EXAMPLE.format(name=args.name or target.resolve().name,
                                                            database=database), encoding="utf-8")
    if args.verbose:
        print(f"Created {target / OFFICE_FILE}. Next: `dunning-mailer office add NAME --office {target}`.")
    return 0


def cmd_office_add(args, office) -> int:
    from .setup import make_working_folder

    name = args.name
    if not BUSINESS_KEY_RE.fullmatch(name):
        raise UsageError(f"a business's name is its folder's: lowercase letters, digits, - and _ (got {name!r})")
    target = office.folder / name
    if (target / "config.toml").exists():
        print(f"{target / 'config.toml'} already exists; nothing was changed.", file=sys.stderr)
        return 1
    make_working_folder(target, force=False, in_office=True)
    if args.verbose:
        print(f"Created {target}/: edit its config.toml (its name, email, SMTP server, mailbox), "
              f"then drop its exports in {target / 'drop'}/.")
    return 0


def cmd_office_list(args, office) -> int:
    from ..ledger import is_database_url, ledger_schema

    rows = []
    for key, config in office.configs():
        if isinstance(config, DunningError):
            rows.append({"business": key, "error": str(config)})
            continue
        db = config.paths.database
        rows.append({"business": key, "name": config.business.name, "email": config.business.email,
                     "transport": config.transport.kind,
                     "ledger": f"postgresql schema {ledger_schema(config)}" if is_database_url(db)
                     else os.path.relpath(db, office.folder)})
    if args.json:
        _print_json({"office": office.name, "folder": str(office.folder), "businesses": rows})
        return 0
    for r in rows:
        if "error" in r:
            say(f"{r['business']}: cannot be loaded: {r['error']}")
        else:
            say(f"{r['business']}: {r['name']} <{r['email']}>, {r['transport']}, ledger {r['ledger']}")
    if not rows:
        print("No businesses yet: `dunning-mailer office add NAME`.")
    return 0


def cmd_office_run(args, office) -> int:
    from ..office import run_office
    from .running import _print_run

    runs = run_office(office, _now(args.now, _any_config(office)), dry_run=args.dry_run, force=args.force,
                      wait_seconds=float(os.environ.get("DUNNING_MAILER_LOCK_WAIT", "10")), only=args.business)
    failed = False
    for run in runs:
        if run.error:
            print(f"error: [{run.key}] {shown(run.error, lines=True)}", file=sys.stderr)
            failed = True
            continue
        if run.report is None:
            print(f"[{run.key}] another run is in progress; it was left to that run.", file=sys.stderr)
            continue
        if args.verbose or args.dry_run:
            say(f"== {run.key} ==")
            _print_run(run.report, office.config(run.key), verbose=True)
        for err in run.report.errors:
            print(f"error: [{run.key}] {shown(err, lines=True)}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


def cmd_office_status(args, office) -> int:
    from .reports import status_doc
    return _per_business(args, office, status_doc, _status_line)


def cmd_office_plan(args, office) -> int:
    from .running import plan_doc
    return _per_business(args, office, plan_doc, _plan_line)


def _per_business(args, office, document, line) -> int:
    """One document per business (or its error), in one JSON document or one line each."""
    docs, failed = [], False
    for key, config in office.configs():
        if isinstance(config, DunningError):
            docs.append({"business": key, "error": str(config)})
            failed = True
            continue
        try:
            docs.append({"business": key, "name": config.business.name,
                         **document(config, _now(args.now, config))})
        except UsageError:
            raise
        except Exception as e:  # noqa: BLE001 - one business's damaged ledger never hides the others
            docs.append({"business": key, "error": _failure(e, config)})
            failed = True
    if args.json:
        _print_json({"office": office.name, "businesses": docs})
    else:
        for d in docs:
            say(f"{d['business']}: cannot be read: {' '.join(d['error'].split())}" if "error" in d else line(d))
    return 1 if failed else 0


def _failure(e: Exception, config) -> str:
    """One business's failure in one sentence (the traceback with -v)."""
    import logging
    import sqlite3

    if isinstance(e, DunningError):
        return str(e)
    logging.getLogger(__name__).info("the ledger of %s failed", config.key, exc_info=True)
    if isinstance(e, sqlite3.Error):
        from ..ledger.connection import ledger_failure
        return f"{config.paths.database}: {ledger_failure(e, config.paths.database)}"
    if type(e).__module__.startswith("psycopg"):
        return f"the PostgreSQL database failed: {' '.join(str(e).split())}"
    return f"unexpected {type(e).__name__} (run with -v for details; please report it)"


def _status_line(d: dict) -> str:
    totals: dict[str, Decimal] = {}
    for c in d["customers"]:
        for cur, v in c["balance"].items():
            totals[cur] = totals.get(cur, Decimal(0)) + Decimal(v)
    balance = ", ".join(f"{v} {k}" for k, v in sorted(totals.items())) or "nothing open"
    return (f"{d['business']} {d['name']}: {len(d['customers'])} customer(s) with open invoices, {balance}; "
            f"call list {len(d['call_list'])}, awaiting approval {len(d['awaiting_approval'])}, "
            f"needs a person {len(d['needs_person'])}")


def _plan_line(d: dict) -> str:
    when = "sending now" if d["sending"] else f"not sending now ({d['not_sending_reason']})"
    return f"{d['business']} {d['name']}: {len(d['emails'])} email(s) due, {len(d['held'])} held; {when}"


def cmd_office_worker(args, office) -> int:
    from ..office.worker import OfficeWorker
    if args.business:
        office.config_path(args.business)
    from .display import Display
    return OfficeWorker(office, only=args.business,
                        describe_mail=lambda config, r: Display(config.tz).mail(r)).run()


def _any_config(office):
    """A config for reading --now (its time zone) when the office as a whole acts."""
    for _, config in office.configs():
        if not isinstance(config, DunningError):
            return config
    raise UsageError("this office has no business that can be loaded (`dunning-mailer office list`)")
