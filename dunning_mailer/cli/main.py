"""The command line: arguments, logging, exit codes.

Exit status: 0 success; 1 a failure the user must act on; 2 bad usage or bad config."""
from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
from pathlib import Path

from .. import __version__
from ..config import ConfigError, load
from ..model import DunningError
from ..office import OfficeError
from ..shown import shown
from .common import UsageError, _config_path, log
from .console import cmd_console, cmd_office_console
from .doctor import cmd_doctor
from .office import (cmd_office_add, cmd_office_init, cmd_office_list, cmd_office_plan, cmd_office_run,
                     cmd_office_status, cmd_office_worker)
from .payments import cmd_payments
from .people import cmd_approve, cmd_paid, cmd_pause, cmd_promise, cmd_resume
from .reading import cmd_classify, cmd_inspect, cmd_label
from .reports import cmd_history, cmd_status
from .running import cmd_plan, cmd_run, cmd_worker
from .setup import cmd_init, cmd_restore, cmd_set_password
from .templates import cmd_preview, cmd_templates_check, cmd_templates_migrate


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default=argparse.SUPPRESS,
                        help="config file (default ./config.toml or $DUNNING_MAILER_CONFIG)")
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help="say what happens")
    common.add_argument("--office", default=argparse.SUPPRESS,
                        help="an office folder of several businesses (default $DUNNING_MAILER_OFFICE, or "
                             "the current folder when it has office.toml)")
    common.add_argument("--business", default=argparse.SUPPRESS,
                        help="in an office: the one business to act on (its folder's name)")
    timed = argparse.ArgumentParser(add_help=False)
    timed.add_argument("--now", help="the time to act at, ISO 8601 (default: the clock)")
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print one JSON document on stdout")

    p = argparse.ArgumentParser(prog="dunning-mailer",
                                description="Warm Hebrew payment reminders from your open-invoice exports.")
    p.add_argument("--version", action="version", version=f"dunning-mailer {__version__}")
    p.add_argument("--config", default=None, help=argparse.SUPPRESS)
    p.add_argument("-v", "--verbose", action="count", default=0, help=argparse.SUPPRESS)
    p.add_argument("--office", default=None, help=argparse.SUPPRESS)
    p.add_argument("--business", default=None, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("init", parents=[common], help="create a working folder")
    s.add_argument("dir")
    s.add_argument("--force", action="store_true", help="overwrite an existing config.toml")
    s.set_defaults(func=cmd_init, needs_config=False)

    s = sub.add_parser("run", parents=[common, timed], help="one cycle: import, read mail, send what is due")
    s.add_argument("--dry-run", action="store_true", help="decide and render, send and record nothing")
    s.add_argument("--force", action="store_true", help="the dropped files are right: apply a snapshot even if it closes many invoices, "
                        "looks cut short, is older than the newest, or repeats an earlier import")
    s.add_argument("--mail-since", metavar="DATE",
                   help="also read older mail from this date on, which the first mailbox sync left out")
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
    s = sub.add_parser("label", parents=[common, timed, as_json],
                       help="a person's reading of a reply: what it means, applied and remembered")
    s.add_argument("reply", help="the reply's id (history --json, status --json)")
    s.add_argument("intent", help="payment_claim, promise, dispute, plan_request, question or none")
    s.add_argument("--date", help="the day promised (with promise)")
    s.add_argument("--customer", help="the customer it is about (for a reply matched to nobody)")
    s.set_defaults(func=cmd_label)
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
    s = sub.add_parser("payments", parents=[common, timed, as_json],
                       help="bank credits matched to invoices; confirm or reject the unsure ones")
    s.add_argument("action", nargs="?", choices=("confirm", "reject"))
    s.add_argument("n", nargs="?", type=int, help="the credit's number (#N in the list)")
    s.add_argument("--invoice", action="append", help="with confirm: the invoice(s) the credit pays")
    s.add_argument("--limit", type=int, default=200, help="show at most this many credits, newest first")
    s.set_defaults(func=cmd_payments)
    s = sub.add_parser("templates", help="work with the email templates")
    tsub = s.add_subparsers(dest="templates_command", metavar="check|migrate", required=True)
    t = tsub.add_parser("check", parents=[common, as_json],
                        help="lint: syntax, variables, RTL layout and the tone rules of domain.md")
    t.set_defaults(func=cmd_templates_check)
    t = tsub.add_parser("migrate", parents=[common],
                        help="convert a folder of the older layout (three files per stage) into one file "
                             "per stage, keeping your wording")
    t.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    t.set_defaults(func=cmd_templates_migrate)
    s = sub.add_parser("set-password", parents=[common],
                       help="store a password in the keyring (read from standard input when it is not a terminal)")
    s.add_argument("which", choices=("smtp", "imap", "database"))
    s.add_argument("--no-check", action="store_true", help="do not try the login afterwards")
    s.set_defaults(func=cmd_set_password)
    s = sub.add_parser("restore", parents=[common],
                       help="put a backup of the ledger in place (the newest by default)")
    s.add_argument("backup", nargs="?", help="a backup file (default: the newest)")
    s.add_argument("--list", action="store_true", help="list the backups, oldest first")
    s.set_defaults(func=cmd_restore)
    s = sub.add_parser("doctor", parents=[common, as_json],
                       help="check config, logins, folders and templates; exit 1 when something needs fixing")
    s.set_defaults(func=cmd_doctor, needs_config=False)
    s = sub.add_parser("worker", parents=[common], help="run cycles on a schedule")
    s.set_defaults(func=cmd_worker)
    s = sub.add_parser("console", parents=[common, timed],
                       help="the bookkeeper's web page: what needs you, customers, the call list, templates")
    s.add_argument("--port", type=int, default=8765, help="the port (default 8765; 0: any free port)")
    s.add_argument("--host", help="the address to listen on (default 127.0.0.1: this machine only)")
    s.set_defaults(func=cmd_console)
    s = sub.add_parser("office", help="several businesses from one install")
    osub = s.add_subparsers(dest="office_command", metavar="init|add|list", required=True)
    o = osub.add_parser("init", parents=[common], help="create an office folder (office.toml)")
    o.add_argument("dir")
    o.add_argument("--name", help="the office's name")
    o.add_argument("--database", help='e.g. "postgresql://dunning@db.example/dunning" (no password in it)')
    o.add_argument("--force", action="store_true", help="overwrite an existing office.toml")
    o.set_defaults(func=cmd_office_init, needs_config=False)
    o = osub.add_parser("add", parents=[common], help="add a business: a folder with its config and templates")
    o.add_argument("name", help="the business's folder name: lowercase letters, digits, - and _")
    o.set_defaults(office_func=cmd_office_add)
    o = osub.add_parser("list", parents=[common, as_json], help="the office's businesses")
    o.set_defaults(office_func=cmd_office_list)
    return p


# Commands that work across all the businesses of an office (the others need --business).
ACROSS_OFFICE = {"run": cmd_office_run, "plan": cmd_office_plan, "status": cmd_office_status,
                 "worker": cmd_office_worker, "console": cmd_office_console}


def _office_dispatch(args):
    """In an office: (handler, office) for a command across businesses, or the config of the one
    business named by --business; None outside an office."""
    from ..office import find_office, load_office

    if args.config and not args.office:
        return None
    folder = find_office(args.office, os.environ.get("DUNNING_MAILER_OFFICE"), Path.cwd())
    if folder is None:
        if args.business or hasattr(args, "office_func"):
            raise UsageError("no office here: give --office DIR (a folder with office.toml)")
        return None
    office = load_office(folder)
    if hasattr(args, "office_func"):
        return args.office_func, office
    if args.command == "worker" or (args.command in ACROSS_OFFICE and not args.business
                                    and not getattr(args, "customer", None)):
        return ACROSS_OFFICE[args.command], office
    if not args.business:
        raise UsageError(f"this is an office: name the business with --business NAME "
                         f"(one of: {', '.join(office.keys()) or 'none yet'})")
    return office.config(args.business)


class _ShownFormatter(logging.Formatter):
    """Log lines name files, senders and subjects: none of them may drive the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        return shown(super().format(record), lines=True)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0) and 2
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    for name in ("config", "verbose", "office", "business"):
        if not hasattr(args, name):
            setattr(args, name, parser.get_default(name))
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_ShownFormatter("%(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if args.verbose > 1 else logging.INFO if args.verbose else logging.WARNING,
                        handlers=[handler])
    config = None
    try:
        if not getattr(args, "needs_config", True):
            return args.func(args)
        found = _office_dispatch(args)
        if isinstance(found, tuple):
            command, office = found
            return command(args, office)
        config = found if found is not None else load(_config_path(args))
        return args.func(args, config)
    except ConfigError as e:
        print(f"error: {shown(str(e), lines=True)}", file=sys.stderr)
        return 2
    except (UsageError, OfficeError) as e:
        print(f"error: {shown(str(e), lines=True)}", file=sys.stderr)
        return 2
    except DunningError as e:
        if args.verbose:
            log.exception("details")
        print(f"error: {shown(str(e), lines=True)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except sqlite3.Error as e:  # the ledger file failed under us: name it, say what to do
        if args.verbose:
            log.exception("details")
        from ..ledger.connection import ledger_failure
        where = config.paths.database if config is not None else Path("the ledger")
        print(f"error: {shown(str(where))}: {shown(ledger_failure(e, where))}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `| head`: the reader left; not our failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as e:  # a bug: say so in one line; the traceback only with -v
        if args.verbose:
            log.exception("unexpected error")
        if type(e).__module__.startswith("psycopg"):  # the PostgreSQL ledger failed under us
            print(f"error: the PostgreSQL database failed: {shown(' '.join(str(e).split()))}", file=sys.stderr)
            return 1
        print(f"error: unexpected {type(e).__name__} (run with -v for details; please report it)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
