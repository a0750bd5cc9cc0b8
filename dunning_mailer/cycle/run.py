"""One guarded cycle, what `run` and the worker both do: the lock, the edges, and run_once
(import files, read the mailbox, plan, send, digest)."""
from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import random
import time
from contextlib import contextmanager, nullcontext
from typing import Iterator

from ..calendar import BusinessCalendar
from ..config import Config
from ..ledger import Ledger, is_database_url, open_ledger
from ..mailboxes import Mailbox
from ..model import DunningError
from ..planner import Plan, plan
from ..transports import Transport
from .checkpoints import checkpoint
from .digest import digest_due, send_digest
from .imports import import_files
from .inbox import read_mailbox
from .payments import settle_payments
from .prepared import store_path
from .report import CycleReport
from .sending import Sender, prepare_next_window, recover_unsent, send_planned

log = logging.getLogger(__name__)



def make_plan(config: Config, ledger: Ledger, now: dt.datetime, states=None, *, due_only: bool = False) -> Plan:
    """The plan for `now` from the ledger: the one way `run`, `plan` and `status` decide.
    `states`: the ledger's customer states for that day, when the caller already has them.
    `due_only`: read only the customers the ledger finds may be due (`Ledger.due_customers`):
    the same emails and promise outcomes, and what is held or upcoming for those customers only."""
    calendar = BusinessCalendar.from_config(config)
    p = config.policy
    if states is None:
        today = calendar.local(now).date()
        only = ledger.due_customers(today, stages=config.stages, min_days_between=p.min_days_between,
                                    promise_grace_days=p.promise_grace_days) if due_only else None
        states = ledger.customer_states(today, only)
    return plan(states, now=now, stages=config.stages,
                calendar=calendar, min_days_between=p.min_days_between,
                call_after_unanswered=p.call_after_unanswered, promise_grace_days=p.promise_grace_days,
                thank_you=p.thank_you)



def run_once(config: Config, ledger: Ledger, transport: Transport, mailbox: Mailbox | None,
             now: dt.datetime, *, dry_run: bool = False, force: bool = False, sleep=time.sleep,
             rng: random.Random | None = None, should_stop=lambda: False, send: bool = True,
             mail_since: dt.date | None = None) -> CycleReport:
    """One full cycle. With `dry_run`, the caller passes an in-memory ledger copy and a
    transport that keeps nothing; files stay where they are."""
    report = CycleReport(now=now, dry_run=dry_run)
    calendar = BusinessCalendar.from_config(config)
    local = calendar.local(now)

    import_files(config, ledger, now, report, force=force, move_files=not dry_run)
    checkpoint("imported")
    if mailbox is not None:
        try:
            read_mailbox(config, ledger, mailbox, now, report, older_since=mail_since)
        except (OSError, DunningError) as e:
            report.errors.append(f"the mailbox could not be read: {e}")
        except Exception as e:  # noqa: BLE001 - whatever mail does, the reminders still go out
            log.exception("reading the mailbox failed")
            report.errors.append(f"the mailbox could not be read (an unexpected {type(e).__name__}); "
                                 "sending goes on, and the mailbox is read again next cycle")
    settle_payments(config, ledger, now, report)
    checkpoint("mailbox")
    if not send:
        return report

    closed = calendar.why_not_sending_now(now)
    with transport:
        sender = Sender(config, ledger, transport, now, report, rng, sleep, sent_box=mailbox)
        try:
            if not closed:
                recover_unsent(ledger, sender, now, local.date(), report, should_stop)
                sender.flush()  # the plan must see them sent
            if should_stop():
                return report
            # When nothing can go out, there is no need to weigh every open invoice: idle cron runs stay cheap.
            # A cron run inside the window plans only who may be due; the digest (once a day) and a
            # dry run, which a person reads, get the whole plan: who is held and why.
            due_only = not dry_run and not digest_due(config, ledger, now)
            the_plan = Plan(now, (), (), (), closed) if closed else make_plan(config, ledger, now, due_only=due_only)
            report.plan = the_plan
            if closed and dry_run:  # set up in the evening: show what tomorrow's window will send
                report.next_plan = make_plan(config, ledger, calendar.next_sending_moment(now))
            for customer_id, outcome in the_plan.promise_outcomes:
                ledger.resolve_promise(customer_id, outcome, now=now)
            if sender.stopped:
                return report
            if the_plan.emails:
                send_planned(config, ledger, sender, the_plan, now, report, should_stop)
                sender.flush()  # and so must the digest
            if not sender.stopped:
                send_digest(config, ledger, sender, the_plan, now, report)
            if closed and not dry_run and any(f.status == "applied" for f in report.files):
                prepare_ahead(config, ledger, calendar, now)
        finally:
            sender.flush()
    return report



def prepare_ahead(config: Config, ledger: Ledger, calendar: BusinessCalendar, now: dt.datetime) -> None:
    """Outside the window, after an import: the next window's emails rendered now (sending.py,
    prepare_next_window). Only a saving: whatever goes wrong here, that run renders them itself."""
    if store_path(config) is None:
        return  # a ledger in PostgreSQL (an office) or in memory: no store beside it
    try:
        moment = calendar.next_sending_moment(now)
        n = prepare_next_window(config, ledger, make_plan(config, ledger, moment, due_only=True), moment)
        log.info("rendered %d emails ahead for the send window of %s", n, moment.isoformat())
    except Exception as e:  # noqa: BLE001 - a saving, never a reason for the cycle to fail
        log.warning("the next send window's emails were not rendered ahead: %s: %s", type(e).__name__, e)



@contextmanager
def run_lock(config: Config, wait_seconds: float = 10.0) -> Iterator[bool]:
    """An exclusive lock beside the ledger, so overlapping runs can never send twice.

    The kernel drops a flock when its process dies, so a stale lock cannot block.
    """
    path = config.paths.database.with_name(config.paths.database.name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as f:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.2)
        try:
            f.seek(0)
            f.truncate()
            f.write(f"{os.getpid()}\n")
            f.flush()
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)



def open_edges(config: Config, dry_run: bool = False):
    """The transport and the mailbox the config names, with their secrets (env or keyring)."""
    from ..credentials import oauth2_token, password
    from ..mailboxes import open_mailbox
    from ..transports import open_transport

    if dry_run:
        from ..testing import RecordingTransport
        transport = RecordingTransport()
    else:
        secret = None
        t = config.transport
        if t.kind == "smtp" and t.username and not t.oauth2_token_command:
            secret = password("smtp", f"{t.username}@{t.host}", config.key)
        transport = open_transport(config, secret)
    m = config.mailbox
    mailbox_password = token = None
    if m.kind == "imap":
        if m.oauth2_token_command:
            token = oauth2_token(m.oauth2_token_command, key="mailbox.oauth2_token_command")
        elif m.username:
            mailbox_password = password("imap", f"{m.username}@{m.host}", config.key)
    return transport, open_mailbox(config, mailbox_password, oauth2_token=token)



@contextmanager
def cycle_lock(config: Config, wait_seconds: float = 10.0) -> Iterator[Ledger | None]:
    """The business's ledger, opened under its run lock; None when another run holds the lock.
    SQLite: the file lock beside the ledger (run_lock). PostgreSQL: the business's advisory lock,
    held by the ledger's own connection, so it ends with the process (or machine) that holds it,
    and every worker on any machine sees it."""
    if not is_database_url(config.paths.database):
        with run_lock(config, wait_seconds) as got:
            if not got:
                yield None
                return
            with open_ledger(config) as ledger:
                yield ledger
        return
    with open_ledger(config) as ledger, ledger.cycle_lock(wait_seconds) as got:
        yield ledger if got else None



def locked_cycle(config: Config, now: dt.datetime, *, wait_seconds: float, dry_run: bool = False,
                 **options) -> CycleReport | None:
    """run_once under the run lock, with the configured edges; None when another run holds it.
    With `dry_run` the cycle works on an in-memory copy of the ledger and keeps nothing."""
    with cycle_lock(config, wait_seconds) as ledger:
        if ledger is None:
            return None
        transport, mailbox = open_edges(config, dry_run)
        target = ledger.copy_in_memory() if dry_run else ledger
        with mailbox if mailbox is not None else nullcontext():
            report = run_once(config, target, transport, mailbox, now, dry_run=dry_run, **options)
        if not dry_run:
            backup_after(config, ledger, report)
        return report



def backup_after(config: Config, ledger: Ledger, report: CycleReport) -> None:
    """The day's backup (by the real clock, like the files it sits among), made again after a
    cycle that sent email or applied an export. A PostgreSQL ledger is backed up by the
    database's own tools (pg_dump, replicas), not file by file here."""
    if ledger.shared:
        return
    from ..ledger.backups import keep_daily_backup

    changed = bool(report.sent) or any(f.status == "applied" for f in report.files)
    try:
        keep_daily_backup(ledger, dt.datetime.now(config.tz).date(), changed=changed)
    except (OSError, DunningError) as e:
        report.errors.append(f"the daily backup of the ledger was not made: {e}")
