"""`dunning-mailer worker --office DIR`: any number of these, on one machine or several, share the
businesses of an office. No queue of our own: each business's cycle lock (PostgreSQL's advisory
lock, or the file lock beside a SQLite ledger) lets one worker at a time run it, and the
wall-clock marks in its ledger tell every worker what is due:

- a full cycle every `worker.cycle_minutes` of that business, at once when its drop folder has a
  file, and at once when its last cycle never finished (the worker running it died: whoever gets
  the lock next takes over, sending the recorded emails as the same bytes, after a look in the
  Sent folder when there is one);
- the inbox alone every `worker.inbox_minutes`;
- a business found busy is looked at again within seconds, to take over if its holder died.

SIGTERM/SIGINT stop it between two emails. One business's failure is logged under its name and
the worker goes on with the others.
"""
from __future__ import annotations

import datetime as dt
import logging
import random
import signal
import time

from ..cycle import dropped_files
from ..model import DunningError
from .cycles import FINISHED, INBOX_READ, STARTED, business_cycle, mark
from .folders import Office

log = logging.getLogger(__name__)

TAKEOVER_SECONDS = 2.0   # a busy business is looked at again this soon
RELOAD_SECONDS = 60.0    # businesses added to the office folder are picked up this often


class OfficeWorker:
    def __init__(self, office: Office, *, only: str | None = None, clock=time.time, rng=None):
        self.office, self.only, self.clock = office, only, clock
        self.rng = rng or random.Random()
        self.stopping = False
        self.configs: dict = {}
        self.next_look: dict[str, float] = {}
        self.next_drop: dict[str, float] = {}
        self.broken: dict[str, str] = {}
        self.loaded_at = 0.0

    def stop(self, *_):
        self.stopping = True

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

    def due(self, key: str, config, drop_waiting: bool):
        """Under the business's lock: a full cycle (True), the inbox alone (False), or nothing."""
        w = config.worker
        wall = self.clock()

        def decide(ledger):
            started, finished, inbox = mark(ledger, STARTED), mark(ledger, FINISHED), mark(ledger, INBOX_READ)
            if drop_waiting or started > finished or wall >= finished + w.cycle_minutes * 60:
                return True
            if wall >= max(finished, inbox) + w.inbox_minutes * 60:
                return False
            self.next_look[key] = min(finished + w.cycle_minutes * 60, max(finished, inbox) + w.inbox_minutes * 60)
            return None
        return decide

    def look(self, key: str, config) -> None:
        wall = self.clock()
        drop_waiting = bool(dropped_files(config))
        self.next_drop[key] = wall + config.worker.drop_seconds
        run = business_cycle(key, config, dt.datetime.now(config.tz), decide=self.due(key, config, drop_waiting),
                             should_stop=lambda: self.stopping)
        if run.error:
            log.error("%s: %s", key, run.error)
            self.next_look[key] = wall + config.worker.inbox_minutes * 60
        elif run.report is None and not run.skipped:
            self.next_look[key] = wall + TAKEOVER_SECONDS * self.rng.uniform(0.5, 1.5)  # busy elsewhere
        elif run.report is not None:
            for line in run.report.errors:
                log.error("%s: %s", key, line)
            if run.report.sent:
                log.info("%s: sent %d email(s)", key, len(run.report.sent))
            self.next_look[key] = self.clock() + config.worker.inbox_minutes * 60

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        while not self.stopping:
            if self.clock() - self.loaded_at >= RELOAD_SECONDS or not self.loaded_at:
                self.reload()
            keys = list(self.configs)
            start = self.rng.randrange(len(keys)) if keys else 0  # workers begin at different businesses
            for key in keys[start:] + keys[:start]:
                if self.stopping:
                    break
                config, wall = self.configs[key], self.clock()
                drop = False
                if self.next_drop.get(key, 0.0) <= wall:
                    self.next_drop[key] = wall + config.worker.drop_seconds
                    drop = bool(dropped_files(config))
                if drop or self.next_look.get(key, 0.0) <= wall:
                    self.look(key, config)
            self.sleep()
        log.info("stopped")
        return 0

    def sleep(self) -> None:
        wall = self.clock()
        soonest = min([*self.next_look.values(), *self.next_drop.values(), wall + 1.0])
        end = time.monotonic() + max(0.2, min(soonest - wall, 1.0))
        while not self.stopping and time.monotonic() < end:
            time.sleep(min(0.2, max(0.0, end - time.monotonic())))
