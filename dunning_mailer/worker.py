"""`dunning-mailer worker`: the same cycle on a schedule, with the inbox and drop folder checked in between."""
from __future__ import annotations

import datetime as dt
import logging
import signal
import time

import schedule

from .config import Config

log = logging.getLogger(__name__)


class Worker:
    def __init__(self, config: Config, *, cycle_minutes: int = 15):
        self.config = config
        self.cycle_minutes = cycle_minutes
        self.stopping = False

    def stop(self, *_):
        # Finish the email in flight, then leave: the ledger is consistent between emails.
        self.stopping = True

    def cycle(self) -> None:
        from .cli import _ledger, _open_edges, run_lock
        from .cycle import run_once

        now = dt.datetime.now(self.config.tz)
        with run_lock(self.config, wait_seconds=0) as got:
            if not got:
                log.info("another run holds the lock; skipping this cycle")
                return
            with _ledger(self.config) as ledger:
                transport, mailbox = _open_edges(self.config, dry_run=False)
                if mailbox is not None:
                    with mailbox:
                        report = run_once(self.config, ledger, transport, mailbox, now)
                else:
                    report = run_once(self.config, ledger, transport, None, now)
        for line in report.errors:
            log.error("%s", line)
        if report.sent:
            log.info("sent %d email(s)", len(report.sent))

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        # Each cycle imports new files, reads the mailbox and sends what is due; sending
        # itself only happens on sending days inside the send window.
        schedule.every(self.cycle_minutes).minutes.do(self.cycle)
        self.cycle()
        while not self.stopping:
            schedule.run_pending()
            time.sleep(1)
        schedule.clear()
        return 0


def run_worker(config: Config, *, verbose: int = 0) -> int:
    return Worker(config).run()
