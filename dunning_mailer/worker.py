"""`dunning-mailer worker`: the cycle on a schedule, the inbox and the drop folder watched in between.

- a full cycle every `worker.cycle_minutes` (emails only go out inside the send window on
  sending days, so a frequent cycle is safe);
- the inbox alone every `worker.inbox_minutes`, and at once when IMAP IDLE says mail came;
- a new export in the drop folder triggers a cycle within `worker.drop_seconds`;
- SIGTERM/SIGINT stop it within a second or two: between two emails (the ledger is consistent
  there), and while it waits, in IMAP IDLE too.

It logs (with `-v`) one line when it starts (config, mailbox, transport, rhythm) and one per
message read: from whom, whose it is and what it was read as.
"""
from __future__ import annotations

import datetime as dt
import logging
import signal
import time

import schedule

from .config import Config

log = logging.getLogger(__name__)


STOP_CHECK_S = 0.5  # how often a wait looks whether a signal asked it to stop


class Worker:
    def __init__(self, config: Config, *, clock=None, describe_mail=None):
        self.config = config
        self.stopping = False
        self.clock = clock or (lambda: dt.datetime.now(config.tz))
        self.scheduler = schedule.Scheduler()
        self.idle_box = None
        self.last_failure: str | None = None
        self.drop_seen: set[tuple[str, int, int]] = set()
        self.describe_mail = describe_mail or (lambda r: f"{r.get('kind')} from {r.get('customer_id')}")

    def stop(self, *_):
        self.stopping = True

    def cycle(self, *, send: bool = True) -> None:
        """One cycle; a cycle that fails is logged and the schedule goes on: a service manager
        restarting the worker would only meet the same file, row or ledger again."""
        from .cycle import locked_cycle

        try:
            report = locked_cycle(self.config, self.clock(), wait_seconds=0, send=send,
                                  should_stop=lambda: self.stopping)
        except Exception as e:  # noqa: BLE001 - the worker outlives any one cycle
            self.failed(e)
            return
        self.last_failure = None
        if report is None:
            log.info("another run holds the lock; skipping")
            return
        for line in report.errors:
            log.error("%s", line)
        if report.sent:
            log.info("sent %d email(s)", len(report.sent))
        for r in report.replies:
            log.info("mail: %s", self.describe_mail(r))

    def failed(self, e: Exception) -> None:
        """Say why a cycle failed: in full the first time, in one line while it repeats."""
        from .model import DunningError

        text = str(e) if isinstance(e, DunningError) else f"unexpected {type(e).__name__}: {e}"
        if text == self.last_failure:
            log.error("the cycle failed again: %s", text)
            return
        self.last_failure = text
        if isinstance(e, DunningError):
            log.error("the cycle failed: %s; the worker goes on and tries again on schedule", text)
        else:
            log.exception("the cycle failed (%s); the worker goes on and tries again on schedule", text)

    def drop_folder_changed(self) -> bool:
        """Whether the drop folder holds files that were not there, or not like this, at the last
        look: a file left for a person (the brake) does not start a cycle every minute."""
        from .cycle import drop_signature

        seen = drop_signature(self.config)
        changed = bool(seen - self.drop_seen)
        self.drop_seen = seen
        return changed

    def check_drop(self) -> None:
        if self.drop_folder_changed():
            self.cycle()

    def wait(self, seconds: float) -> None:
        """Sleep until the next job, waking early for new mail when the server has IDLE."""
        if self.idle_box is not None:
            log.debug("waiting up to %.0f s for new mail (IMAP IDLE)", seconds)
            try:
                if self.idle_box.idle_wait(max(1.0, seconds), should_stop=lambda: self.stopping):
                    self.cycle(send=False)
                return
            except Exception as e:  # a dropped IDLE connection: fall back to polling
                log.warning("IMAP IDLE stopped (%s); polling instead", e)
                self.idle_box = None
        end = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < end:
            time.sleep(max(0.0, min(STOP_CHECK_S, end - time.monotonic())))

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        w = self.config.worker
        self.scheduler.every(w.cycle_minutes).minutes.do(self.cycle)
        self.scheduler.every(w.inbox_minutes).minutes.do(self.cycle, send=False)
        self.scheduler.every(w.drop_seconds).seconds.do(self.check_drop)
        if self.config.mailbox.kind == "imap":
            from .cycle import open_edges
            try:
                _, box = open_edges(self.config)
                self.idle_box = box if hasattr(box, "idle_wait") else None
            except Exception as e:  # noqa: BLE001 - without IDLE the schedule still polls
                log.warning("IMAP IDLE is not used (%s); the inbox is polled on schedule", e)
                self.idle_box = None
            try:  # before the first cycle reads the inbox: nothing that comes after it is missed
                if self.idle_box is not None:
                    self.idle_box.watch()
            except Exception as e:  # noqa: BLE001 - the cycle says what is wrong with the mailbox
                log.warning("IMAP IDLE not started (%s); polling instead", e)
                self.idle_box = None
        log.info("%s", self.start_line())
        self.cycle()
        while not self.stopping:
            self.scheduler.run_pending()
            self.wait(min(self.scheduler.idle_seconds or 1.0, 60.0))
        self.scheduler.clear()
        if self.idle_box is not None:
            self.idle_box.close()
        log.info("stopped")
        return 0

    def start_line(self) -> str:
        c, w = self.config, self.config.worker
        m, t = c.mailbox, c.transport
        if m.kind == "imap":
            mailbox = f"IMAP {m.username}@{m.host} folder {m.folder}" + (" (IDLE)" if self.idle_box else "")
        elif m.kind == "maildir":
            mailbox = f"Maildir {m.maildir}"
        else:
            mailbox = "none"
        transport = f"SMTP {t.username + '@' if t.username else ''}{t.host}:{t.effective_port} ({t.security})" \
            if t.kind == "smtp" else f"outbox folder {t.outbox}"
        return (f"worker started: config {c.path or '(defaults)'}; mailbox {mailbox}; transport {transport}; "
                f"a full cycle every {w.cycle_minutes} min, the inbox every {w.inbox_minutes} min, "
                f"the drop folder every {w.drop_seconds} s")


def run_worker(config: Config, *, verbose: int = 0, describe_mail=None) -> int:
    return Worker(config, describe_mail=describe_mail).run()
