"""The ledger: the only database user. Customers, invoices, import snapshots, reminders (intent
before the send, result after), replies, pauses and events, in one SQLite file, or in one schema
of a PostgreSQL database shared by the businesses of an office (`paths.database = "postgresql://…"`).

Money is stored as decimal strings, dates as ISO text, times as ISO text with offset. Its rooms:

- ``connection`` the one connection, transactions, durability, metadata and the event log; the
                 two dialects (SQLite, PostgreSQL)
- ``schema``     the tables, SCHEMA_VERSION and the migrations, and their PostgreSQL form
- ``snapshots``  imports: snapshots, contacts files, invoices marked paid
- ``view``       the planner's view: customers with their open invoices and what holds them
- ``outbox``     emails from intent to result
- ``mail``       incoming mail, mailbox positions, bad addresses
- ``people``     promises, payment plans, pauses, flags, approvals
- ``reports``    `status` and `history`
- ``backups``    the daily checked copies of the file, and putting one back
- ``payments``   bank statement lines, payment decisions, holds, learned payer names
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .connection import Connection, LedgerError, PostgresConnection, _date, _dec, _iso
from .mail import IncomingMail
from .outbox import Intent, Outbox, OutboxRow
from .payments import BankPayments
from .people import Exceptions
from .reports import Reports
from .schema import LIVE, SCHEMA, SCHEMA_VERSION, Migrations, PostgresMigrations, schema_tables
from .snapshots import SnapshotOutcome, Snapshots
from .view import PlannerView


class Ledger(Snapshots, PlannerView, Outbox, IncomingMail, Exceptions, Reports, BankPayments, Migrations, Connection):
    """The one entry point: each group of reads and writes lives in its own module (above)."""


class PostgresLedger(PostgresMigrations, PostgresConnection, Ledger):
    """The same ledger in one business's PostgreSQL schema: only the dialect differs."""

    def copy_in_memory(self) -> Ledger:
        """The dry run's private copy: this schema's rows in an in-memory SQLite ledger, so a dry
        run takes no lock and can change nothing in the shared database."""
        copy = Ledger.__new__(Ledger)
        copy.path = Path(":memory:")
        copy.db = sqlite3.connect(":memory:", isolation_level=None)
        copy.db.row_factory = sqlite3.Row
        copy._synchronous = None
        copy.db.executescript(SCHEMA)
        for table, columns in schema_tables():
            names = ", ".join(columns)
            rows = [tuple(r) for r in self.db.execute(f"SELECT {names} FROM {table}")]
            copy.db.executemany(f"INSERT INTO {table}({names}) VALUES({', '.join('?' * len(columns))})", rows)
        return copy


def is_database_url(location) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def open_ledger(config) -> Ledger:
    """The ledger the config names: its SQLite file, or its business's schema in PostgreSQL
    (the password from DUNNING_MAILER_DATABASE_PASSWORD or the keyring, never the file)."""
    location = config.paths.database
    if not is_database_url(location):
        return Ledger(location)
    from ..credentials import password
    from psycopg.conninfo import conninfo_to_dict

    try:
        info = conninfo_to_dict(location)
    except Exception:
        raise LedgerError("paths.database: not a PostgreSQL URL") from None
    user, host = info.get("user", ""), info.get("host", "")
    display = f"postgresql://{user}@{host}{':' + str(info['port']) if info.get('port') else ''}/{info.get('dbname', '')}"
    return PostgresLedger(location, schema=ledger_schema(config), display=display,
                          password=password("database", f"{user}@{host}"))


def ledger_schema(config) -> str:
    """Each business's schema: `dunning_<folder name>` in an office, `dunning` alone."""
    key = getattr(config, "key", "")
    return f"dunning_{key}" if key else "dunning"


def ledger_exists(config) -> bool:
    """Whether the ledger is there already (a database is there as soon as it can be reached)."""
    location = config.paths.database
    return is_database_url(location) or location.exists()


__all__ = ["LIVE", "SCHEMA", "SCHEMA_VERSION", "Intent", "Ledger", "LedgerError", "OutboxRow", "PostgresLedger",
           "SnapshotOutcome", "_date", "_dec", "_iso", "is_database_url", "ledger_exists", "ledger_schema",
           "open_ledger"]
