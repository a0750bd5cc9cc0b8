"""The ledger itself: private, versioned, and upgraded in place when the schema grows; on SQLite
and on PostgreSQL alike (the `ledger_at` fixture), with what only one of them has after."""
from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys

import pytest

from dunning_mailer.ledger import SCHEMA_VERSION, Ledger, LedgerError, PostgresLedger

BOTH_LEDGERS = True  # tests that take `ledger_at` run on SQLite and on PostgreSQL (conftest.py)


class Place:
    """Where a test's ledger lives, and a way to change it behind the ledger's back."""

    def __init__(self, tmp_path, url):
        self.path, self.url = tmp_path / "l.sqlite3", url

    def open(self) -> Ledger:
        if self.url is None:
            return Ledger(self.path)
        from postgres import PASSWORD
        return PostgresLedger(self.url, schema="dunning_t", password=PASSWORD)

    def tamper(self, *statements: str) -> None:
        if self.url is None:
            db = sqlite3.connect(self.path)
            for sql in statements:
                db.execute(sql)
            db.commit()
            db.close()
            return
        from postgres import PASSWORD
        import psycopg
        with psycopg.connect(self.url, password=PASSWORD, autocommit=True) as db:
            db.execute('SET search_path TO "dunning_t"')
            for sql in statements:
                db.execute(sql)


@pytest.fixture
def ledger_at(tmp_path, ledger_backend) -> Place:
    return Place(tmp_path, ledger_backend)


def test_an_older_file_gains_new_tables_and_columns(ledger_at):
    ledger_at.open().close()
    # As an older program left it (on PostgreSQL it also wrote the older SCHEMA's fingerprint).
    ledger_at.tamper("ALTER TABLE customers DROP COLUMN account_manager", "DROP TABLE promises",
                     "UPDATE meta SET value='older' WHERE key='schema_sha256'")
    with ledger_at.open() as ledger:
        assert "account_manager" in ledger._columns("customers")
        assert ledger.open_promises() == {}
        assert ledger.status(dt.date(2026, 12, 1)) == []
        ledger.add_promise("C1", due=dt.date(2026, 12, 9), amount=None,
                           now=dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone.utc), origin="test")
        assert set(ledger.open_promises()) == {"C1"}


def test_a_newer_file_is_refused_with_a_clear_message(ledger_at):
    ledger_at.open().close()
    ledger_at.tamper(f"UPDATE meta SET value='{SCHEMA_VERSION + 1}' WHERE key='schema_version'")
    with pytest.raises(LedgerError, match="newer than this program"):
        ledger_at.open()


def test_rows_read_back_as_written(ledger_at):
    """The dialect's contract: exact bytes, ids in order, an incoming message stored once, a
    mailbox key seen once, money and dates as text, rows by index and by name."""
    now = dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone.utc)
    raw = bytes(range(256)) * 4
    with ledger_at.open() as ledger:
        rids = [ledger.record_intent(customer_id=f"C{i}", stage="reminder", message_id=f"<m{i}@x>",
                                     recipients=("a@x.example",), subject="תזכורת", raw=raw, now=now,
                                     local_date=now.date(), transport="smtp",
                                     items=[("default", f"10{i}", "reminder", 100, "ILS")]) for i in range(3)]
        assert rids == sorted(rids) and len(set(rids)) == 3
        assert [r.raw for r in ledger.unsent()] == [raw] * 3
        seen = dict(subject="שלום\x00", received_at=now, kind="human", matched_by=None, detail={"a": 1},
                    raw=b"\x00raw", message_id="<r@x>", customer_id="C1", sender="c@x.example")
        first = ledger.add_reply(dedup="d1", **seen)
        assert isinstance(first, int) and ledger.add_reply(dedup="d1", **seen) is None  # its id, then once only
        assert ledger.reply(first)["subject"].startswith("שלום")
        ledger.mark_seen("box", "k1")
        ledger.mark_seen("box", "k1")
        assert ledger.seen_keys("box") == {"k1"}
        ledger.set_mailbox_position("box", "INBOX", 4_000_000_000, 7)
        assert ledger.mailbox_position("box", "INBOX") == (4_000_000_000, 7)
        row = ledger.db.execute("SELECT id, customer_id FROM reminders WHERE id=?", (rids[1],)).fetchone()
        assert (row[0], row["customer_id"]) == (rids[1], "C1")
        assert ledger.history("C1")[-1]["kind"] in ("email", "reply")


def test_a_failed_transaction_leaves_nothing(ledger_at):
    now = dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone.utc)
    with ledger_at.open() as ledger:
        with pytest.raises(ZeroDivisionError):
            with ledger.transaction():
                ledger.pause("C1", now=now, reason="x", origin="test")
                1 / 0
        assert ledger.active_pauses(now.date()) == {}
        ledger.pause("C1", now=now, reason="x", origin="test")
        assert set(ledger.active_pauses(now.date())) == {"C1"}


def test_a_dry_run_copy_keeps_nothing(ledger_at):
    now = dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone.utc)
    with ledger_at.open() as ledger:
        ledger.pause("C1", now=now, reason="kept", origin="test")
        copy = ledger.copy_in_memory()
        assert set(copy.active_pauses(now.date())) == {"C1"}
        copy.pause("C2", now=now, reason="dry", origin="test")
        copy.close()
        assert set(ledger.active_pauses(now.date())) == {"C1"}


def test_the_file_is_private(tmp_path):  # SQLite only, as the next one
    path = tmp_path / "l.sqlite3"
    Ledger(path).close()
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_version_1_file_moves_its_email_bodies_to_their_own_table(tmp_path):
    path = tmp_path / "l.sqlite3"
    now = dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone.utc)
    with Ledger(path) as ledger:
        rid = ledger.record_intent(customer_id="C1", stage="reminder", message_id="<m1@x>", recipients=("a@x.example",),
                                   subject="s", raw=b"exact bytes\r\n", now=now, local_date=now.date(),
                                   transport="smtp", items=[("default", "1001", "reminder", 100, "ILS")])
        ledger.mark_sending(rid)
    # Version 1 kept the body in the reminders row.
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE reminders ADD COLUMN raw BLOB")
    db.execute("UPDATE reminders SET raw=(SELECT raw FROM reminder_bodies WHERE reminder_id=reminders.id)")
    db.execute("DROP TABLE reminder_bodies")
    db.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    db.commit()
    db.close()
    with Ledger(path) as ledger:
        assert "raw" not in {r[1] for r in ledger.db.execute("PRAGMA table_info(reminders)")}
        assert ledger.meta("schema_version") == str(SCHEMA_VERSION) == "2"
        [row] = ledger.unsent()
        assert (row.id, row.status, row.raw, row.invoices) == (rid, "sending", b"exact bytes\r\n", ("1001",))
        ledger.mark_sent(rid, now=now)
        assert ledger.unsent() == []
        assert ledger.db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name='reminders_customer'").fetchone()[0] == 1


# PostgreSQL only: what a shared database adds.

def test_businesses_in_one_database_never_see_each_other(postgres):
    from postgres import PASSWORD
    now = dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone.utc)
    with PostgresLedger(postgres, schema="dunning_a", password=PASSWORD) as a, \
            PostgresLedger(postgres, schema="dunning_b", password=PASSWORD) as b:
        a.pause("C1", now=now, reason="a's", origin="test")
        assert set(a.active_pauses(now.date())) == {"C1"} and b.active_pauses(now.date()) == {}


def test_one_cycle_per_business_at_a_time_and_a_dead_holder_frees_it(postgres):
    """The cycle lock is PostgreSQL's: a second holder is refused, another business is not, and a
    process killed while holding it (SIGKILL: no goodbye) frees it for the next worker."""
    from postgres import PASSWORD
    with PostgresLedger(postgres, schema="dunning_a", password=PASSWORD) as first, \
            PostgresLedger(postgres, schema="dunning_a", password=PASSWORD) as second, \
            PostgresLedger(postgres, schema="dunning_b", password=PASSWORD) as other:
        with first.cycle_lock() as got:
            assert got
            with second.cycle_lock() as again, other.cycle_lock() as elsewhere:
                assert (again, elsewhere) == (False, True)
        with second.cycle_lock() as got:
            assert got
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from dunning_mailer.ledger import PostgresLedger as L\n"
        f"l = L(sys.argv[1], schema='dunning_a', password={PASSWORD!r})\n"
        "with l.cycle_lock() as got:\n    print(got, flush=True); time.sleep(60)"), postgres],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        with PostgresLedger(postgres, schema="dunning_a", password=PASSWORD) as waiting:
            with waiting.cycle_lock() as got:
                assert not got
            holder.kill()
            holder.wait()
            with waiting.cycle_lock(wait_seconds=10) as got:
                assert got
    finally:
        holder.kill()


def test_many_workers_opening_a_new_business_at_once_make_one_schema(postgres):
    from postgres import PASSWORD
    code = ("import sys; from dunning_mailer.ledger import PostgresLedger as L\n"
            f"L(sys.argv[1], schema='dunning_new', password={PASSWORD!r}).close()")
    procs = [subprocess.Popen([sys.executable, "-c", code, postgres], stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    assert [p.wait(60) for p in procs] == [0] * 4, [p.stderr.read() for p in procs]
    with PostgresLedger(postgres, schema="dunning_new", password=PASSWORD) as ledger:
        assert ledger.meta("schema_version") == str(SCHEMA_VERSION)


def test_a_database_url_with_a_password_is_refused_without_repeating_it(tmp_path):
    from dunning_mailer.config import ConfigError, from_mapping
    with pytest.raises(ConfigError) as e:
        from_mapping({"paths": {"database": "postgresql://u:s3cr3t-pw@db.example/x"}}, base=tmp_path)
    assert "paths.database" in str(e.value) and "s3cr3t-pw" not in str(e.value)


def test_a_database_that_cannot_be_reached_is_named_plainly(postgres_server):
    with pytest.raises(LedgerError, match="cannot be reached") as e:
        PostgresLedger(postgres_server.url("postgres").replace(str(postgres_server.port), "1"),
                       schema="dunning_x", password="wrong-pw-77")
    assert "wrong-pw-77" not in str(e.value)


def test_a_per_minute_limit_counts_the_attempts_of_earlier_runs(ledger_at, tmp_path):
    """A cron run right after another, or a worker taking over from one that died, keeps
    `transport.max_per_minute`: the attempts the ledger saw in the last minute count."""
    import time
    from dunning_mailer.config import from_mapping
    from dunning_mailer.cycle import Throttle

    now = dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone.utc)
    config = from_mapping({"transport": {"max_per_minute": 3}}, base=tmp_path)
    with ledger_at.open() as ledger:
        for i in range(3):
            rid = ledger.record_intent(customer_id=f"C{i}", stage="reminder", message_id=f"<t{i}@x>",
                                       recipients=("a@x.example",), subject="s", raw=b"x", now=now,
                                       local_date=now.date(), transport="smtp", items=[])
            ledger.mark_sending(rid, time.time() - (50 if i == 0 else 5))
        slept: list[float] = []
        throttle = Throttle(config, ledger, now, sleep=slept.append)
        assert throttle.allow() and len(slept) == 1 and 5 < slept[0] <= 10  # until the oldest is a minute old
        fresh = Throttle(from_mapping({}, base=tmp_path), ledger, now, sleep=slept.append)
        assert fresh.allow() and len(slept) == 1  # no limit, no wait
