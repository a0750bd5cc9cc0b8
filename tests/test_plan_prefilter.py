"""The planner's prefilter (`Ledger.due_customers`, issue 21) changes nothing: on random ledgers
(promises, payment plans, pauses, flags, approvals, replies, paid invoices to thank, bad and
inactive addresses, reminders in every status and out of date order, stage names the ladder no
longer has) and random ladders, calendars and clocks (holidays, due dates on Shabbat moved to the
next workday, stage days before and after the due date, `min_days_between` 0 and more, a clock
near local midnight), planning only the customers it returns gives the very emails and promise
outcomes of planning everyone, and for those customers the very holds, calls and upcoming stages.
On SQLite and on PostgreSQL (the SQL is the part that differs)."""
from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from dunning_mailer.calendar import BusinessCalendar
from dunning_mailer.ledger import Ledger, PostgresLedger
from dunning_mailer.model import Stage
from dunning_mailer.planner import plan

BOTH_LEDGERS = True
TZ = ZoneInfo("Asia/Jerusalem")
STATUSES = ("awaiting_approval", "pending", "sending", "sent", "sent", "sent", "failed", "cancelled")
NAMES = ("gentle", "reminder", "firm", "final", "pre_due", "old_stage", "promise_followup", "thank_you",
         "plan_instalment")
TABLES = ("customers", "contacts", "invoices", "reminders", "reminder_invoices", "replies", "promises",
          "payment_plans", "customer_flags", "pauses")


def random_ladder(rng: random.Random) -> tuple[Stage, ...]:
    names = rng.sample(("pre_due", "gentle", "reminder", "firm", "final"), rng.randint(1, 5))
    days = sorted(rng.randint(-10, 60) for _ in names)
    if rng.random() < 0.2:
        rng.shuffle(days)  # the ladder's days need not grow
    return tuple(Stage(n, d, n, requires_approval=rng.random() < 0.15,
                       min_total=Decimal(rng.choice((500, 3000))) if rng.random() < 0.2 else None)
                 for n, d in zip(names, days))


def random_ledger(ledger: Ledger, rng: random.Random, today: dt.date) -> None:
    def day(lo: int, hi: int) -> str:
        return (today + dt.timedelta(days=rng.randint(lo, hi))).isoformat()

    def stamp(lo: int, hi: int) -> str:
        return dt.datetime.combine(dt.date.fromisoformat(day(lo, hi)), dt.time(rng.randint(0, 23)), TZ).isoformat()

    db = ledger.db
    customers = [f"C{n}" for n in range(rng.randint(1, 25))]
    invoices: list[tuple[str, str]] = []
    with ledger.transaction():
        for cid in customers:
            db.execute("INSERT INTO customers(id, name, language) VALUES(?,?,?)", (cid, f"לקוח {cid}", "he"))
            for k in range(rng.choice((0, 1, 1, 2))):
                db.execute("INSERT INTO contacts(customer_id, email, active, bad) VALUES(?,?,?,?)",
                           (cid, f"{cid.lower()}.{k}@x.example", int(rng.random() < 0.9), int(rng.random() < 0.1)))
            for k in range(rng.randint(0, 5)):
                number = f"{cid}-{k}"
                status = "paid" if rng.random() < 0.2 else "open"
                amount = Decimal(rng.randint(1, 90)) * 100
                due = rng.choice((day(-90, 40), day(-90, 40), "9999-12-31", "0001-01-01")) \
                    if rng.random() < 0.05 else day(-90, 40)
                db.execute("INSERT INTO invoices(source, number, customer_id, issue_date, due_date, amount, balance, "
                           "currency, status, closed_at) VALUES(?,?,?,?,?,?,?,?,?,?)",
                           (rng.choice(("default", "other")), number, cid, None, due, str(amount),
                            str(amount - rng.choice((0, 0, 50))), rng.choice(("ILS", "ILS", "USD")), status,
                            stamp(-20, 0) if status == "paid" else None))
                invoices.append((cid, number))
        sources = {r[0]: r[1] for r in db.execute("SELECT number, source FROM invoices")}
        for rid in range(1, rng.randint(0, 40) + 1):
            cid = rng.choice(customers)
            status = rng.choice(STATUSES)
            local = day(-60, 0)
            db.execute("INSERT INTO reminders(id, customer_id, stage, message_id, recipients, subject, status, "
                       "created_at, local_date, sent_at) VALUES(?,?,?,?,?,?,?,?,?,?)",
                       (rid, cid, rng.choice(NAMES), f"<m{rid}@x>", "[]", "s", status, stamp(-60, 0), local,
                        stamp(-60, 0) if status == "sent" else None))
            mine = [n for c, n in invoices if c == cid]
            for number in rng.sample(mine, rng.randint(0, len(mine))):
                db.execute("INSERT INTO reminder_invoices(reminder_id, source, number, stage, balance, currency) "
                           "VALUES(?,?,?,?,?,?)", (rid, sources[number], number, rng.choice(NAMES), "100", "ILS"))
        for n in range(rng.randint(0, 6)):
            db.execute("INSERT INTO replies(dedup, customer_id, received_at, kind, raw) VALUES(?,?,?,?,?)",
                       (f"d{n}", rng.choice(customers), stamp(-60, 0), rng.choice(("human", "auto")), b"x"))
        for n in range(rng.randint(0, 4)):
            db.execute("INSERT INTO promises(customer_id, due, amount, made_at, balance_then, origin, outcome) "
                       "VALUES(?,?,?,?,?,?,?)", (rng.choice(customers), day(-10, 10),
                                                 rng.choice((None, "100", "5000")), stamp(-30, 0),
                                                 str(rng.randint(0, 20000)), "reply",
                                                 rng.choice((None, None, "kept", "replaced"))))
        for n in range(rng.randint(0, 3)):
            dates = sorted({day(-20, 40) for _ in range(rng.randint(1, 4))})
            db.execute("INSERT INTO payment_plans(customer_id, dates, amount, notes_sent, made_at, ended_at) "
                       "VALUES(?,?,?,?,?,?)", (rng.choice(customers), json.dumps(dates), "100",
                                               rng.randint(0, len(dates)), stamp(-30, 0),
                                               rng.choice((None, None, stamp(-5, 0)))))
        for n in range(rng.randint(0, 3)):
            db.execute("INSERT INTO customer_flags(customer_id, flag, since, reason, cleared_at) VALUES(?,?,?,?,?)",
                       (rng.choice(customers), rng.choice(("disputed", "send_failed")), stamp(-30, 0), "r",
                        rng.choice((None, stamp(-3, 0)))))
        for n in range(rng.randint(0, 4)):
            db.execute("INSERT INTO pauses(customer_id, since, until, reason, origin, ended_at) VALUES(?,?,?,?,?,?)",
                       (rng.choice(customers), stamp(-30, 0), rng.choice((None, day(-5, 5), day(-1, 1))), "r",
                        "reply", rng.choice((None, None, stamp(-3, 0)))))


def random_clock(rng: random.Random) -> tuple[dt.datetime, BusinessCalendar]:
    base = dt.date(2026, rng.choice((3, 4, 9, 10, 12)), rng.randint(1, 28))
    hour = rng.choice((0, 9, 10, 14, 23))
    now = dt.datetime.combine(base, dt.time(hour, rng.choice((0, 30, 59))), TZ)
    if rng.random() < 0.3:  # UTC near midnight: the local day is the next one
        now = dt.datetime.combine(base, dt.time(22, 30), dt.timezone.utc)
    calendar = BusinessCalendar(TZ, (6, 0, 1, 2, 3), (dt.time(0), dt.time(23, 59)) if rng.random() < 0.7
                                else (dt.time(9), dt.time(17)), holidays=rng.choice(("IL", "none")),
                                due_on_non_workday=rng.choice(("as_is", "next_workday")))
    return now, calendar


def clear(ledger: Ledger) -> None:
    with ledger.transaction():
        for table in TABLES:
            ledger.db.execute(f"DELETE FROM {table}")


def compare(ledger: Ledger, rng: random.Random) -> tuple[int, int, int]:
    now, calendar = random_clock(rng)
    today = calendar.local(now).date()
    random_ledger(ledger, rng, today)
    stages = random_ladder(rng)
    options = {"min_days_between": rng.choice((0, 1, 5, 7)), "promise_grace_days": rng.choice((0, 1, 3)),
               "call_after_unanswered": rng.choice((0, 2)), "thank_you": rng.random() < 0.7}

    def planned(states):
        return plan(states, now=now, stages=stages, calendar=calendar, **options)

    everyone = ledger.customer_states(today)
    only = ledger.due_customers(today, stages=stages, min_days_between=options["min_days_between"],
                                promise_grace_days=options["promise_grace_days"])
    full, pre = planned(everyone), planned(ledger.customer_states(today, only))
    assert pre.emails == full.emails
    assert pre.promise_outcomes == full.promise_outcomes
    assert pre.not_sending == full.not_sending
    assert pre.held == tuple(h for h in full.held if h.customer_id in only)
    assert pre.call_list == tuple(c for c in full.call_list if c in only)
    assert pre.upcoming == tuple(u for u in full.upcoming if u[0] in only)
    # Reading a few customers gives each the very state reading everyone does.
    assert ledger.customer_states(today, only) == [c for c in everyone if c.customer.id in only]
    assert ledger.customer_states(today, set()) == []
    kept = {c.customer.id for c in everyone} & only
    return len(everyone) - len(kept), len(full.emails), len(full.promise_outcomes)


def open_ledger(tmp_path, ledger_backend) -> Ledger:
    if ledger_backend is None:
        return Ledger(tmp_path / "ledger.sqlite3")
    from postgres import PASSWORD
    return PostgresLedger(ledger_backend, schema="dunning_prefilter", password=PASSWORD)


def test_prefilter_plans_the_same(tmp_path, ledger_backend):
    rng = random.Random(21)
    dropped = emails = outcomes = 0
    runs = 300 if ledger_backend is None else 120
    with open_ledger(tmp_path, ledger_backend) as ledger:
        for n in range(runs):
            clear(ledger)
            d, e, o = compare(ledger, rng)
            dropped, emails, outcomes = dropped + d, emails + e, outcomes + o
    # Not vacuous: the prefilter left customers out, and the plans it kept sent mail and settled promises.
    assert dropped > runs and emails > runs and outcomes > 0


def test_prefilter_batches_many_customers(tmp_path, ledger_backend, monkeypatch):
    """More customers than one batch of ids, and more than `FEW` (one full read, others skipped)."""
    from dunning_mailer.ledger import view

    monkeypatch.setattr(view._Restricted, "BATCH", 3)
    rng = random.Random(5)
    with open_ledger(tmp_path, ledger_backend) as ledger:
        for few in (4, 1000):
            monkeypatch.setattr(view._Restricted, "FEW", few)
            for n in range(20):
                clear(ledger)
                compare(ledger, rng)


@pytest.mark.parametrize("days", [10**6, -10**6])
def test_stage_days_past_the_calendar(tmp_path, days):
    with Ledger(tmp_path / "l.sqlite3") as ledger:
        ledger.db.execute("INSERT INTO customers(id, name) VALUES('A', 'a')")
        ledger.db.execute("INSERT INTO contacts(customer_id, email) VALUES('A', 'a@x.example')")
        ledger.db.execute("INSERT INTO invoices(source, number, customer_id, due_date, amount, balance, currency, "
                          "status) VALUES('default', '1', 'A', '2026-01-01', '1', '1', 'ILS', 'open')")
        today = dt.date(2026, 3, 1)
        only = ledger.due_customers(today, stages=(Stage("far", days, "far"),), min_days_between=5,
                                    promise_grace_days=1)
        assert only == (set() if days > 0 else {"A"})
