"""`dunning-mailer worker --office DIR`: any number of these, on one machine or several, share the
businesses of an office. No queue of our own: each business's cycle lock (PostgreSQL's advisory
lock, or the file lock beside a SQLite ledger) lets one worker at a time run it, and the
wall-clock marks in its ledger tell every worker what is due:

- a full cycle every `worker.cycle_minutes` of that business, at once when its drop folder has a
  file, and at once when its last cycle never finished (the worker running it died: whoever gets
  the lock next takes over, sending the recorded emails as the same bytes, after a look in the
  Sent folder when there is one);
- the inbox alone every `worker.inbox_minutes`, and at once when its IMAP inbox says (IDLE) that
  mail came: each business's inbox is watched on a connection of its own, in a child process
  (office/watch.py), so one business's failing mailbox holds up no other's;
- a new or changed file in its drop folder starts a cycle within `worker.drop_seconds` (a file
  left there for a person does not start one again and again);
- a business found busy is looked at again within seconds, to take over if its holder died, and
  to do what woke this worker for it (mail, a file) once the other is done.

SIGTERM/SIGINT stop it between two emails, and its IDLE watches within a second. One business's
failure is logged under its name and the worker goes on with the others.
"""
from __future__ import annotations

import datetime as dt
import logging
import random
import signal
import time

from ..model import DunningError
from .cycles import FINISHED, INBOX_READ, STARTED, business_cycle, mark
from .folders import Office
from .watch import DropWatch, MailWatcher

log = logging.getLogger(__name__)

TAKEOVER_SECONDS = 2.0   # a busy business is looked at again this soon
RELOAD_SECONDS = 60.0    # businesses added to the office folder are picked up this often


class OfficeWorker:
    def __init__(self, office: Office, *, only: str | None = None, clock=time.time, rng=None,
                 watch_mail: bool = True, describe_mail=None):
        self.office, self.only, self.clock = office, only, clock
        self.rng = rng or random.Random()
        self.stopping = False
        self.configs: dict = {}
        self.next_look: dict[str, float] = {}
        self.next_drop: dict[str, float] = {}
        self.broken: dict[str, str] = {}
        self.loaded_at = 0.0
        self.drops = DropWatch()
        self.watch_mail = watch_mail
        self.watcher = MailWatcher(office, only)
        self.mail_came: set[str] = set()      # IDLE said so; read at the next look
        self.drop_came: set[str] = set()      # a new file; a full cycle at the next look
        self.busy_until: dict[str, float] = {}  # found busy: what woke us waits until then
        self.describe_mail = describe_mail

    def stop(self, *_):
        self.stopping = True
        self.watcher.interrupt()

    def reload(self) -> None:
        configs = {}
        for key, config in self.office.configs(self.only):
            if isinstance(config, DunningError):
                if self.broken.get(key) != str(config):
                    log.error("%s: cannot be run: %s", key, config)
                self.broken[key] = str(config)
                continue
            self.broken.pop(key, None)
            configs[key] = config
        self.configs = configs
        self.loaded_at = self.clock()
        # The IDLE watches' process, once a business reads IMAP (again, should it have ended).
        if self.watch_mail and not self.watcher.running and self.imap_businesses():
            self.watcher.start()

    def imap_businesses(self) -> int:
        return sum(c.mailbox.kind == "imap" for c in self.configs.values())

    def woken(self, key: str) -> bool:
        """Mail or a new file waits for this business's next look."""
        return key in self.drop_came or key in self.mail_came

    def due(self, key: str, config, drop_waiting: bool, mail_waiting: bool = False):
        """Under the business's lock: a full cycle (True), the inbox alone (False), or nothing."""
        w = config.worker
        wall = self.clock()

        def decide(ledger):
            started, finished, inbox = mark(ledger, STARTED), mark(ledger, FINISHED), mark(ledger, INBOX_READ)
            if drop_waiting or started > finished or wall >= finished + w.cycle_minutes * 60:
                return True
            if mail_waiting or wall >= max(finished, inbox) + w.inbox_minutes * 60:
                return False
            self.next_look[key] = min(finished + w.cycle_minutes * 60, max(finished, inbox) + w.inbox_minutes * 60)
            return None
        return decide

    def look(self, key: str, config) -> None:
        wall = self.clock()
        mail = key in self.mail_came
        self.mail_came.discard(key)
        drop = key in self.drop_came
        self.drop_came.discard(key)
        run = business_cycle(key, config, dt.datetime.now(config.tz), decide=self.due(key, config, drop, mail),
                             should_stop=lambda: self.stopping)
        if run.error:
            log.error("%s: %s", key, run.error)
            self.next_look[key] = wall + config.worker.inbox_minutes * 60
        elif run.report is None and not run.skipped:
            # Busy elsewhere: look again soon, and then do what brought us here.
            if drop:
                self.drop_came.add(key)
            if mail:
                self.mail_came.add(key)
            self.next_look[key] = self.busy_until[key] = wall + TAKEOVER_SECONDS * self.rng.uniform(0.5, 1.5)
        elif run.report is not None:
            for line in run.report.errors:
                log.error("%s: %s", key, line)
            if run.report.sent:
                log.info("%s: sent %d email(s)", key, len(run.report.sent))
            if self.describe_mail is not None:
                for r in run.report.replies:
                    log.info("%s: mail: %s", key, self.describe_mail(config, r))
            self.next_look[key] = self.clock() + config.worker.inbox_minutes * 60

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        try:
            while not self.stopping:
                if self.clock() - self.loaded_at >= RELOAD_SECONDS or not self.loaded_at:
                    first = not self.loaded_at
                    self.reload()
                    if first:
                        log.info("office worker started: %s, %d business(es) (%d watched with IMAP IDLE)",
                                 self.office.folder, len(self.configs),
                                 self.imap_businesses() if self.watcher.running else 0)
                keys = list(self.configs)
                start = self.rng.randrange(len(keys)) if keys else 0  # workers begin at different businesses
                for key in keys[start:] + keys[:start]:
                    if self.stopping:
                        break
                    config, wall = self.configs[key], self.clock()
                    if self.next_drop.get(key, 0.0) <= wall:
                        self.next_drop[key] = wall + config.worker.drop_seconds
                        if self.drops.changed(key, config):
                            self.drop_came.add(key)
                    if self.next_look.get(key, 0.0) <= wall or (self.woken(key) and self.busy_until.get(key, 0.0) <= wall):
                        self.look(key, config)
                self.sleep()
        finally:
            self.watcher.stop()
        log.info("stopped")
        return 0

    def sleep(self) -> None:
        """Until the next look is due (at most a second), woken at once by mail or a signal."""
        wall = self.clock()
        soonest = min([*self.next_look.values(), *self.next_drop.values(), wall + 1.0,
                       *(self.busy_until.get(k, 0.0) for k in self.configs if self.woken(k))])
        self.mail_came |= self.watcher.wait(max(0.0, min(soonest - wall, 1.0)))
