"""The ledger: the only database user. Customers, invoices, import snapshots, reminders (intent
before the send, result after), replies, pauses and events, in one SQLite file.

Money is stored as decimal strings, dates as ISO text, times as ISO text with offset. Its rooms:

- ``connection`` the one connection, transactions, durability, metadata and the event log
- ``schema``     the tables, SCHEMA_VERSION and the migrations
- ``snapshots``  imports: snapshots, contacts files, invoices marked paid
- ``view``       the planner's view: customers with their open invoices and what holds them
- ``outbox``     emails from intent to result
- ``mail``       incoming mail, mailbox positions, bad addresses
- ``people``     promises, payment plans, pauses, flags, approvals
- ``reports``    `status` and `history`
- ``backups``    the daily checked copies of the file, and putting one back
"""
from __future__ import annotations

from .connection import Connection, LedgerError, _date, _dec, _iso
from .mail import IncomingMail
from .outbox import Intent, Outbox, OutboxRow
from .people import Exceptions
from .reports import Reports
from .schema import LIVE, SCHEMA, SCHEMA_VERSION, Migrations
from .snapshots import SnapshotOutcome, Snapshots
from .view import PlannerView


class Ledger(Snapshots, PlannerView, Outbox, IncomingMail, Exceptions, Reports, Migrations, Connection):
    """The one entry point: each group of reads and writes lives in its own module (above)."""


__all__ = ["LIVE", "SCHEMA", "SCHEMA_VERSION", "Intent", "Ledger", "LedgerError", "OutboxRow", "SnapshotOutcome",
           "_date", "_dec", "_iso"]
