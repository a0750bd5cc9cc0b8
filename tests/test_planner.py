"""plan(): one email per customer, the most advanced stage, and every reason to hold back."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from dunning_mailer.calendar import BusinessCalendar
from dunning_mailer.config import DEFAULT_STAGES
from dunning_mailer.model import Customer, Invoice
from dunning_mailer.planner import CustomerState, Pause, plan
from dunning_mailer.policy import InvoiceState

TZ = ZoneInfo("Asia/Jerusalem")
CAL = BusinessCalendar(TZ, (6, 0, 1, 2, 3), (dt.time(9), dt.time(17)), "IL", True)
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=TZ)  # a Tuesday
TODAY = NOW.date()


def inv(number: str, due_offset: int, balance: str = "100", cid: str = "C1") -> Invoice:
    return Invoice(number, cid, "לקוח", ("c@x.example",), None, TODAY + dt.timedelta(days=due_offset),
                   Decimal(balance), Decimal(balance))


def customer(*states: InvoiceState, cid="C1", emails=("c@x.example",), **kw) -> CustomerState:
    return CustomerState(Customer(cid, "לקוח", emails), tuple(states), **kw)


def run(customers, now=NOW):
    return plan(customers, now=now, stages=DEFAULT_STAGES, calendar=CAL, min_days_between=5)


def test_one_email_covers_every_due_invoice_with_the_most_advanced_stage():
    c = customer(
        InvoiceState(inv("1", 2)),                                              # before_due
        InvoiceState(inv("2", -30), sent=(("reminder", TODAY - dt.timedelta(days=20)),
                                          ("checkin", TODAY - dt.timedelta(days=12)))),  # solution
        InvoiceState(inv("3", 30)),                                             # nothing yet
    )
    p = run([c])
    assert len(p.emails) == 1
    e = p.emails[0]
    assert e.stage.name == "solution"
    assert [(s.invoice.number, st.name) for s, st in e.items] == [("2", "solution"), ("1", "before_due")]


def test_min_days_between_emails_to_one_customer():
    c = customer(InvoiceState(inv("1", 2)), last_email_on=TODAY - dt.timedelta(days=2))
    p = run([c])
    assert not p.emails and "next not before" in p.held[0].reason


def test_pause_holds_and_ends():
    paused = customer(InvoiceState(inv("1", -5)), pause=Pause("answered", NOW, TODAY + dt.timedelta(days=3)))
    assert not run([paused]).emails
    expired = customer(InvoiceState(inv("1", -5)), pause=Pause("answered", NOW, TODAY - dt.timedelta(days=1)))
    assert run([expired]).emails


def test_call_list_after_final():
    c = customer(InvoiceState(inv("1", -50), sent=(("final", TODAY - dt.timedelta(days=15)),)),
                 InvoiceState(inv("2", -5)))
    p = run([c])
    assert not p.emails and p.call_list == ("C1",)


def test_customer_without_address_goes_to_call_list():
    p = run([customer(InvoiceState(inv("1", -5)), emails=())])
    assert not p.emails and p.call_list == ("C1",)


def test_larger_debts_first():
    small = customer(InvoiceState(inv("1", -5, "100", "A")), cid="A")
    large = customer(InvoiceState(inv("2", -5, "9000", "B")), cid="B")
    assert [e.customer.id for e in run([small, large]).emails] == ["B", "A"]


def test_nothing_outside_the_send_window_or_on_shabbat():
    c = customer(InvoiceState(inv("1", -5)))
    evening = NOW.replace(hour=20)
    p = run([c], evening)
    assert not p.emails and p.not_sending and p.next_sending == NOW.replace(day=2, hour=9)
    saturday = dt.datetime(2026, 12, 5, 10, tzinfo=TZ)
    p = run([c], saturday)
    assert not p.emails and "Shabbat" in p.not_sending
