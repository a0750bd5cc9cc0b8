"""The ledger file itself: private, versioned, and upgraded in place when the schema grows."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from dunning_mailer.ledger import SCHEMA_VERSION, Ledger, LedgerError


def test_an_older_file_gains_new_tables_and_columns(tmp_path):
    path = tmp_path / "l.sqlite3"
    Ledger(path).close()
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE customers DROP COLUMN account_manager")
    db.execute("DROP TABLE promises")
    db.commit()
    db.close()
    with Ledger(path) as ledger:
        columns = {r[1] for r in ledger.db.execute("PRAGMA table_info(customers)")}
        assert "account_manager" in columns
        assert ledger.open_promises() == {}
        assert ledger.status(dt.date(2026, 12, 1)) == []


def test_a_newer_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "l.sqlite3"
    Ledger(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 1),))
    db.commit()
    db.close()
    with pytest.raises(LedgerError, match="newer than this program"):
        Ledger(path)


def test_the_file_is_private(tmp_path):
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
