"""The ladder as a table: due date, what was sent and when, today -> the stage due."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dunning_mailer.config import DEFAULT_STAGES
from dunning_mailer.model import Invoice
from dunning_mailer.policy import InvoiceState, decide

DUE = dt.date(2026, 12, 10)


def state(*sent: tuple[str, dt.date], due: dt.date = DUE) -> InvoiceState:
    inv = Invoice("1042", "C1", "לקוח", ("a@b.example",), None, due, Decimal(100), Decimal(100))
    return InvoiceState(inv, "default", tuple(sent))


def day(offset: int) -> dt.date:
    return DUE + dt.timedelta(days=offset)


@pytest.mark.parametrize("sent, today, expected", [
    ((), day(-10), None),                                   # too early for anything
    ((), day(-3), "before_due"),                            # C6: a heads-up before the due date
    ((), day(0), "before_due"),                             # still before or on the due date
    ((), day(1), None),                                     # past due: before_due is skipped...
    ((), day(3), "reminder"),                               # ...and the reminder comes on its day
    ((), day(60), "reminder"),                              # imported late: starts at reminder, not final
    ((("before_due", day(-3)),), day(3), "reminder"),
    ((("before_due", day(-1)),), day(3), None),             # min_days_between after the previous stage
    ((("before_due", day(-1)),), day(4), "reminder"),
    ((("reminder", day(3)),), day(10), "checkin"),
    ((("reminder", day(40)),), day(44), None),              # climbs one step at a time
    ((("reminder", day(40)),), day(45), "checkin"),
    ((("reminder", day(3)), ("checkin", day(10))), day(21), "solution"),
    ((("solution", day(21)),), day(35), "final"),
    ((("final", day(35)),), day(90), None),                 # nothing after final
])
def test_next_stage(sent, today, expected):
    d = decide(state(*sent), DEFAULT_STAGES, today, 5)
    assert (d.stage.name if d.stage else None) == expected


def test_finished_after_final():
    d = decide(state(("final", day(35))), DEFAULT_STAGES, day(100), 5)
    assert d.finished and d.stage is None


def test_next_on_is_reported():
    d = decide(state(("reminder", day(3))), DEFAULT_STAGES, day(5), 5)
    assert d.next_stage.name == "checkin" and d.next_on == day(10)
