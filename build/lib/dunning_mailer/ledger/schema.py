"""The ledger's tables, their version, and the steps that bring an older file up to date."""
from __future__ import annotations

import sqlite3

from .connection import LedgerError


SCHEMA_VERSION = 2


SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE imports(
  id INTEGER PRIMARY KEY, source TEXT NOT NULL, file_name TEXT NOT NULL, sha256 TEXT NOT NULL,
  snapshot_at TEXT NOT NULL, imported_at TEXT NOT NULL,
  status TEXT NOT NULL,            -- applied | stale | duplicate | braked | rejected
  importer TEXT, invoices INTEGER NOT NULL DEFAULT 0, opened INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0, report TEXT);
CREATE INDEX imports_sha ON imports(sha256);
CREATE TABLE customers(id TEXT PRIMARY KEY, name TEXT NOT NULL, language TEXT, updated_at TEXT,
  account_manager TEXT NOT NULL DEFAULT '', account_manager_email TEXT NOT NULL DEFAULT '');
CREATE TABLE contacts(
  customer_id TEXT NOT NULL, email TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1,
  origin TEXT NOT NULL DEFAULT 'export',   -- export | contacts (a contacts file)
  bad INTEGER NOT NULL DEFAULT 0, bad_reason TEXT, PRIMARY KEY(customer_id, email));
CREATE TABLE invoices(
  source TEXT NOT NULL, number TEXT NOT NULL, customer_id TEXT NOT NULL,
  issue_date TEXT, due_date TEXT NOT NULL, amount TEXT NOT NULL, balance TEXT NOT NULL,
  currency TEXT NOT NULL, status TEXT NOT NULL,   -- open | paid
  kind TEXT NOT NULL DEFAULT 'invoice',           -- invoice | balance
  first_import INTEGER, last_import INTEGER, closed_at TEXT, closed_reason TEXT,
  PRIMARY KEY(source, number));
CREATE INDEX invoices_open ON invoices(status, customer_id);
CREATE TABLE reminders(
  id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, stage TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE, recipients TEXT NOT NULL, subject TEXT NOT NULL,
  status TEXT NOT NULL,            -- awaiting_approval | pending | sending | sent | failed | cancelled
  created_at TEXT NOT NULL, local_date TEXT NOT NULL, sent_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT, error TEXT, transport TEXT,
  recovered INTEGER NOT NULL DEFAULT 0, bounces INTEGER NOT NULL DEFAULT 0);
CREATE INDEX reminders_customer ON reminders(customer_id, status);
-- The exact bytes, apart from the row whose status changes twice per email: an UPDATE rewrites
-- the whole row, and a body is ~20 KB.
CREATE TABLE reminder_bodies(reminder_id INTEGER PRIMARY KEY, raw BLOB NOT NULL);
CREATE TABLE reminder_invoices(
  reminder_id INTEGER NOT NULL, source TEXT NOT NULL, number TEXT NOT NULL, stage TEXT NOT NULL,
  balance TEXT NOT NULL, currency TEXT NOT NULL, PRIMARY KEY(reminder_id, source, number));
CREATE INDEX reminder_invoices_invoice ON reminder_invoices(source, number);
CREATE TABLE replies(
  id INTEGER PRIMARY KEY, dedup TEXT NOT NULL UNIQUE, message_id TEXT, customer_id TEXT,
  sender TEXT, subject TEXT, received_at TEXT NOT NULL, kind TEXT NOT NULL, matched_by TEXT,
  detail TEXT, raw BLOB NOT NULL);
CREATE TABLE promises(
  id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, due TEXT NOT NULL, amount TEXT,
  made_at TEXT NOT NULL, balance_then TEXT NOT NULL, origin TEXT NOT NULL,
  outcome TEXT, resolved_at TEXT);   -- outcome: kept | missed | replaced
CREATE TABLE payment_plans(
  id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, dates TEXT NOT NULL, amount TEXT NOT NULL,
  notes_sent INTEGER NOT NULL DEFAULT 0, made_at TEXT NOT NULL, ended_at TEXT);
CREATE TABLE customer_flags(
  id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, flag TEXT NOT NULL, since TEXT NOT NULL,
  reason TEXT NOT NULL, cleared_at TEXT);
CREATE TABLE pauses(
  id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, since TEXT NOT NULL, until TEXT,
  reason TEXT NOT NULL, origin TEXT NOT NULL, ended_at TEXT);
CREATE TABLE events(
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, customer_id TEXT, kind TEXT NOT NULL, detail TEXT);
CREATE INDEX events_customer ON events(customer_id);
-- Files in the drop folder seen and not (yet) read: still settling, ignored, unreadable; what was
-- said about them, so it is said once.
CREATE TABLE drop_notes(name TEXT PRIMARY KEY, kind TEXT NOT NULL, signature TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE mailbox_seen(mailbox TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY(mailbox, key));
CREATE TABLE mailbox_state(
  mailbox TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER, last_uid INTEGER,
  PRIMARY KEY(mailbox, folder));
"""


# Stages of reminders in these states count as taken: a pending one is re-sent
# with its own bytes, never re-rendered, so a customer never gets two emails for one stage.
LIVE = ("awaiting_approval", "pending", "sending", "sent")


class Migrations:
    """Brings a ledger file of any earlier version to SCHEMA_VERSION when it is opened."""

    def _migrate(self) -> None:
        has_meta = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        version = 0
        if has_meta:
            row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise LedgerError(f"the ledger has schema version {version}, newer than this program "
                              f"understands ({SCHEMA_VERSION}); upgrade dunning-mailer", where=str(self.path))
        if version == 0:
            # executescript commits on its own, so the transaction is spelled out inside it.
            self.db.executescript(f"BEGIN IMMEDIATE;{SCHEMA}INSERT INTO meta "
                                  f"VALUES('schema_version', '{SCHEMA_VERSION}');COMMIT;")
        else:
            if version < 2:
                self._move_bodies_out()
            self._add_missing()

    def _move_bodies_out(self) -> None:
        """Version 2: email bodies leave the `reminders` rows for `reminder_bodies`."""
        columns = [r[1] for r in self.db.execute("PRAGMA table_info(reminders)")]
        with self.transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS reminder_bodies(reminder_id INTEGER PRIMARY KEY, raw BLOB NOT NULL)")
            if "raw" in columns:
                db.execute("INSERT INTO reminder_bodies(reminder_id, raw) SELECT id, raw FROM reminders")
                kept = ", ".join(c for c in columns if c != "raw")
                db.execute("ALTER TABLE reminders RENAME TO reminders_v1")
                db.execute("DROP INDEX IF EXISTS reminders_customer")
                table = SCHEMA[SCHEMA.index("CREATE TABLE reminders("):]
                db.execute(table[:table.index(";")])
                db.execute(f"INSERT INTO reminders({kept}) SELECT {kept} FROM reminders_v1")
                db.execute("DROP TABLE reminders_v1")
                db.execute("CREATE INDEX reminders_customer ON reminders(customer_id, status)")
            db.execute("UPDATE meta SET value='2' WHERE key='schema_version'")

    def _add_missing(self) -> None:
        """Additive changes (a new table, a new column with a default) need no version step:
        whatever SCHEMA has and this file lacks is added, in one transaction."""
        reference = sqlite3.connect(":memory:")
        reference.executescript(SCHEMA)
        wanted = {r[0]: r[1] for r in reference.execute(
            "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL")}
        have = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master")}
        steps = [sql for name, sql in wanted.items() if name not in have]
        for table in wanted:
            if table not in have or table.startswith(("sqlite_",)):
                continue
            columns = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
            for cid, name, kind, notnull, default, pk in reference.execute(f"PRAGMA table_info({table})"):
                if name not in columns and default is not None:
                    steps.append(f"ALTER TABLE {table} ADD COLUMN {name} {kind}"
                                 f"{' NOT NULL' if notnull else ''} DEFAULT {default}")
                elif name not in columns:
                    steps.append(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
        reference.close()
        if steps:
            with self.transaction() as db:
                for sql in sorted(steps, key=lambda q: not q.startswith("CREATE TABLE")):
                    db.execute(sql)
