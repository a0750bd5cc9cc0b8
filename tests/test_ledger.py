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
