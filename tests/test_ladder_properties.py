"""A hypothesis state machine over the planner and the ledger: random imports, replies,
promises, payments and clock steps; after every cycle the ladder's invariants hold."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import invariants
from conftest import ROOT
from dunning_mailer.calendar import BusinessCalendar
from dunning_mailer.config import from_mapping
from dunning_mailer.cycle import run_once
from dunning_mailer.ledger import Ledger
from dunning_mailer.model import ImportResult, Invoice
from dunning_mailer.testing import RecordingTransport

TZ = ZoneInfo("Asia/Jerusalem")
START = dt.datetime(2026, 9, 1, 10, tzinfo=TZ)
CUSTOMERS = [f"C{i}" for i in range(5)]


def book() -> dict[str, Invoice]:
    out = {}
    for n in range(12):
        cid = CUSTOMERS[n % 5]
        due = START.date() + dt.timedelta(days=(n * 7) % 50 - 20)
        amount = Decimal(300 + 100 * n)
        out[f"P-{n}"] = Invoice(f"P-{n}", cid, f"לקוח {cid}", (f"{cid.lower()}@p.example",), None, due,
                                amount, amount)
    return out


class Ladder(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="ladder-"))
        shutil.copytree(ROOT / "templates", self.dir / "templates")
        self.config = from_mapping({"business": {"email": "billing@p.example"}, "mailbox": {"kind": "none"}},
                                   base=self.dir)
        self.calendar = BusinessCalendar.from_config(self.config)
        self.ledger = Ledger(self.config.paths.database)
        self.now = START
        self.open = book()
        self.snapshots = 0
        self.snapshot()

    def teardown(self):
        self.ledger.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def tick(self):
        # Every action happens a minute after the last one, so the history has one order.
        self.now += dt.timedelta(minutes=1)

    def snapshot(self):
        self.tick()
        self.snapshots += 1
        result = ImportResult("test", tuple(self.open.values()))
        self.ledger.apply_snapshot(source="default", file_name=f"s{self.snapshots}",
                                   sha256=hashlib.sha256(str(self.snapshots).encode()).hexdigest(),
                                   snapshot_at=self.now, result=result, now=self.now,
                                   max_close_fraction=1.0, brake_min_open=10**6)

    @rule(days=st.integers(1, 4), hour=st.sampled_from([8, 10, 13, 16, 20]))
    def step_clock(self, days, hour):
        self.now = (self.now + dt.timedelta(days=days)).replace(hour=hour)

    @rule()
    def run_cycle(self):
        self.tick()
        run_once(self.config, self.ledger, RecordingTransport(), None, self.now)

    @precondition(lambda self: self.open)
    @rule(data=st.data())
    def pay(self, data):
        number = data.draw(st.sampled_from(sorted(self.open)))
        inv = self.open[number]
        if data.draw(st.booleans()):
            del self.open[number]
        else:
            half = (inv.balance / 2).quantize(Decimal("0.01"))
            self.open[number] = replace(inv, balance=half)
        self.snapshot()

    @rule(cid=st.sampled_from(CUSTOMERS), days=st.one_of(st.none(), st.integers(0, 10)))
    def pause(self, cid, days):
        self.tick()
        if self.ledger.customer_exists(cid):
            until = None if days is None else self.now.date() + dt.timedelta(days=days)
            self.ledger.pause(cid, now=self.now, reason="test", origin="manual", until=until)

    @rule(cid=st.sampled_from(CUSTOMERS))
    def resume(self, cid):
        self.tick()
        if self.ledger.customer_exists(cid):
            self.ledger.resume(cid, now=self.now)

    @rule(cid=st.sampled_from(CUSTOMERS), days=st.integers(0, 12),
          amount=st.one_of(st.none(), st.integers(100, 2000)))
    def promise(self, cid, days, amount):
        self.tick()
        if self.ledger.customer_exists(cid):
            self.ledger.add_promise(cid, due=self.now.date() + dt.timedelta(days=days),
                                    amount=None if amount is None else Decimal(amount), now=self.now,
                                    origin="manual")

    @rule()
    def approve_all(self):
        self.tick()
        self.ledger.approve(None, now=self.now)

    @invariant()
    def the_ladder_holds(self):
        problems = invariants.check(self.ledger.history(), self.calendar, self.config.policy.min_days_between,
                                    self.config.policy.promise_grace_days)
        assert problems == [], problems


Ladder.TestCase.settings = settings(max_examples=12, stateful_step_count=25, deadline=None,
                                    suppress_health_check=[HealthCheck.too_slow])
TestLadder = Ladder.TestCase
