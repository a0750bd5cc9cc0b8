"""Batched snapshot writes leave the ledger exactly as one statement per row did.

`snapshot_reference.py` is apply_snapshot before its statements were batched. The same
sequence of snapshots (new, updated, reopened and closed invoices, credit notes,
customers whose emails change, a contacts file in between, stale, duplicate and braked
files) goes into two ledgers; every row of every table it touches must match, ids and
order included, and so must each outcome.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from dunning_mailer.ledger import Ledger
from dunning_mailer.model import Contact, ImportResult, Invoice
from snapshot_reference import RowByRowLedger

TZ = dt.timezone(dt.timedelta(hours=2))
DAY = dt.datetime(2026, 11, 30, 20, 0, tzinfo=TZ)
TABLES = ("imports", "customers", "contacts", "invoices", "events")

invoice = st.builds(
    Invoice,
    number=st.sampled_from(["1", "2", "3", "0004", "5", "6", "7", "8"]),
    customer_id=st.sampled_from(["c1", "c2", "c3", "c4"]),
    customer_name=st.sampled_from(["שמש", "Acme", "אור ירוק"]),
    emails=st.lists(st.sampled_from(["a@x.co", "b@x.co", "c@y.com"]), max_size=2, unique=True).map(tuple),
    issue_date=st.one_of(st.none(), st.dates(dt.date(2025, 1, 1), dt.date(2025, 1, 5)),
                         st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2025, 1, 2))),
    due_date=st.dates(dt.date(2025, 2, 1), dt.date(2025, 2, 4)),
    amount=st.sampled_from([Decimal("10.00"), Decimal("10.0"), Decimal("-5.00"), Decimal("12.50")]),
    balance=st.sampled_from([Decimal("10.00"), Decimal("10.0"), Decimal("0.00"), Decimal("-5.00"),
                             Decimal("7.25")]),
    currency=st.sampled_from(["ILS", "USD"]),
    language=st.sampled_from([None, "he", "en"]),
    kind=st.sampled_from(["invoice", "balance"]),
)

step = st.one_of(
    st.tuples(st.just("snapshot"), st.lists(invoice, max_size=10), st.sampled_from([0, 0, 0, 1, -1]),
              st.booleans(), st.sampled_from(["default", "default", "other"]),
              st.sampled_from([False, False, False, True])),
    st.tuples(st.just("contacts"), st.lists(st.builds(
        Contact, customer_id=st.sampled_from(["c1", "c2", "c9"]), name=st.just("x"),
        emails=st.lists(st.sampled_from(["a@x.co", "d@z.org"]), max_size=2, unique=True).map(tuple)),
        max_size=3)),
)


def rows(ledger: Ledger) -> dict:
    found = {t: [tuple(r) for r in ledger.db.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid")]
             for t in TABLES}
    found["schema"] = [tuple(r) for r in ledger.db.execute(  # indexes dropped for a bulk write are back
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")]
    found["cache_size"] = ledger.db.execute("PRAGMA cache_size").fetchone()[0]
    return found


def apply_steps(steps, brake_min_open, *ledgers) -> None:
    for n, (kind, *args) in enumerate(steps):
        now = DAY + dt.timedelta(days=n)
        for ledger in ledgers:
            ledger.outcomes = getattr(ledger, "outcomes", [])
            if kind == "contacts":
                outcome = ledger.apply_contacts(
                    source="contacts", file_name=f"c{n}.xlsx", sha256=f"c{n}", snapshot_at=now,
                    result=ImportResult("generic", (), kind="contacts", contacts=tuple(args[0])), now=now)
            else:
                invoices, age, force, source, same_file_again = args
                outcome = ledger.apply_snapshot(
                    source=source, file_name=f"s{n}.xlsx", sha256="s0" if same_file_again else f"s{n}",
                    snapshot_at=now - dt.timedelta(days=age * 2), now=now,
                    result=ImportResult("generic", tuple(invoices)),
                    max_close_fraction=0.5, brake_min_open=brake_min_open, force=force)
            ledger.outcomes.append(outcome)


@settings(max_examples=200, deadline=None)
@given(st.lists(step, min_size=1, max_size=6), st.sampled_from([0, 3, 1000]))
def test_batched_snapshots_write_what_row_by_row_wrote(tmp_path_factory, steps, brake_min_open):
    folder = tmp_path_factory.mktemp("ledgers")
    batched, reference = Ledger(folder / "batched.sqlite3"), RowByRowLedger(folder / "reference.sqlite3")
    try:
        apply_steps(steps, brake_min_open, batched, reference)
        assert batched.outcomes == reference.outcomes
        assert rows(batched) == rows(reference)
    finally:
        batched.close()
        reference.close()


def same_rows(ledger: Ledger) -> dict:
    """Every row of the tables a snapshot touches, in a form both dialects share."""
    return {t: sorted(tuple(r) for r in ledger.db.execute(f"SELECT * FROM {t}")) for t in TABLES}


SCHEMAS = iter(range(10**6))


@settings(max_examples=25, deadline=None)
@given(st.lists(step, min_size=1, max_size=6), st.sampled_from([0, 3, 1000]))
def test_postgresql_keeps_what_sqlite_keeps(tmp_path_factory, postgres_server, steps, brake_min_open):
    """The same snapshots into SQLite and into PostgreSQL: the same outcomes and the same rows."""
    from postgres import PASSWORD
    from dunning_mailer.ledger import PostgresLedger

    url = getattr(postgres_server, "snapshots_url", None) or postgres_server.new_database()
    postgres_server.snapshots_url = url
    lite = Ledger(tmp_path_factory.mktemp("ledgers") / "l.sqlite3")
    pg = PostgresLedger(url, schema=f"dunning_s{next(SCHEMAS)}", password=PASSWORD)
    try:
        apply_steps(steps, brake_min_open, lite, pg)
        assert pg.outcomes == lite.outcomes
        assert same_rows(pg) == same_rows(lite)
    finally:
        lite.close()
        pg.close()
