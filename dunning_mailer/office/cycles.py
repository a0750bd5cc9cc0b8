"""One business's cycle as an office runs it: under the business's own lock (a file lock beside
its SQLite ledger, or its advisory lock in PostgreSQL), with its own edges, every failure kept
to it; and `run` across all the businesses of an office."""
from __future__ import annotations

import datetime as dt
import logging
import os
import time
from contextlib import nullcontext
from dataclasses import dataclass

from ..config import Config
from ..cycle import CycleReport
from ..cycle.run import backup_after, cycle_lock, open_edges, run_once
from ..model import DunningError
from .folders import Office

log = logging.getLogger(__name__)

# Wall-clock marks in each business's ledger (meta), for workers to agree on what is due.
STARTED, FINISHED, INBOX_READ = "office:cycle_started", "office:cycle_finished", "office:inbox_read"


@dataclass
class BusinessRun:
    key: str
    report: CycleReport | None = None   # None: another run or worker holds the business's lock
    error: str | None = None            # what kept the cycle from running at all
    skipped: bool = False               # the lock was free but nothing was due (see only_if)

    @property
    def failed(self) -> bool:
        return self.error is not None or bool(self.report and self.report.errors)


def business_cycle(key: str, config: Config, now: dt.datetime, *, wait_seconds: float = 0.0,
                   send: bool = True, decide=None, **options) -> BusinessRun:
    """run_once for one business under its lock. `decide(ledger)`, asked under the lock (another
    worker may have just run the cycle): True for a full cycle, False for the inbox alone, None
    for nothing. Any failure stays here."""
    try:
        with cycle_lock(config, wait_seconds) as ledger:
            if ledger is None:
                return BusinessRun(key)
            if decide is not None:
                send = decide(ledger)
                if send is None:
                    return BusinessRun(key, skipped=True)
            log.debug("cycle of %s began (%.6f, pid %d)", key, time.time(), os.getpid())
            try:
                if send and not options.get("dry_run"):
                    ledger.set_meta(STARTED, f"{time.time():.6f}")
                transport, mailbox = open_edges(config, options.get("dry_run", False))
                target = ledger.copy_in_memory() if options.get("dry_run") else ledger
                with mailbox if mailbox is not None else nullcontext():
                    report = run_once(config, target, transport, mailbox, now, send=send, **options)
                if not options.get("dry_run"):
                    ledger.set_meta(FINISHED if send else INBOX_READ, f"{time.time():.6f}")
                    backup_after(config, ledger, report)
            finally:
                log.debug("cycle of %s ended (%.6f, pid %d)", key, time.time(), os.getpid())
            return BusinessRun(key, report)
    except DunningError as e:
        return BusinessRun(key, error=str(e))
    except Exception as e:  # a bug in one business's cycle must not stop the office
        log.exception("the cycle of %s failed", key)
        return BusinessRun(key, error=f"unexpected {type(e).__name__} (run with -v for details)")


def mark(ledger, key: str) -> float:
    value = ledger.meta(key)
    return float(value) if value else 0.0


def run_office(office: Office, now: dt.datetime, *, only: str | None = None, wait_seconds: float = 0.0,
               **options) -> list[BusinessRun]:
    """One cycle of every business (or of `only`), one after the other; each on its own."""
    runs = []
    for key, config in office.configs(only):
        if isinstance(config, DunningError):
            runs.append(BusinessRun(key, error=str(config)))
            continue
        runs.append(business_cycle(key, config, now.astimezone(config.tz), wait_seconds=wait_seconds, **options))
    return runs
