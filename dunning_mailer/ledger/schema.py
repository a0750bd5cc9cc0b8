"""The ledger's tables, their version, and the steps that bring an older file up to date; for
PostgreSQL, the same tables in its types (postgres_ddl) and the same steps (PostgresMigrations)."""
from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from typing import Iterator

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
  account_manager TEXT NOT NULL DEFAULT '', account_manager_email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '');  -- as the files wrote it, '; ' between numbers (phones.py)
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
  recovered INTEGER NOT NULL DEFAULT 0, bounces INTEGER NOT NULL DEFAULT 0,
  attempted_at REAL);              -- the wall clock (Unix time) of the last attempt: per-minute limits
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
  detail TEXT, raw BLOB NOT NULL,
  needs_person TEXT,               -- why a person has to read it (NULL: nothing to do)
  needs_person_kind TEXT,          -- the same as a code (replies.verdict.PERSON_REASONS)
  handled_at TEXT);                -- when a person labelled it or resumed the customer
-- A person's reading of a reply (`label`): what it changes, and what the reader learns from.
CREATE TABLE reply_labels(
  id INTEGER PRIMARY KEY, reply_id INTEGER NOT NULL, intent TEXT NOT NULL, promise_date TEXT,
  labelled_at TEXT NOT NULL);
CREATE INDEX reply_labels_reply ON reply_labels(reply_id);
CREATE TABLE promises(
  id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, due TEXT NOT NULL, amount TEXT,
  made_at TEXT NOT NULL, balance_then TEXT NOT NULL, origin TEXT NOT NULL,
  outcome TEXT, resolved_at TEXT,    -- outcome: kept | missed | replaced | corrected
  reply_id INTEGER);                 -- the reply it was read from, if any
CREATE TABLE payment_plans(
  id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, dates TEXT NOT NULL, amount TEXT NOT NULL,
  notes_sent INTEGER NOT NULL DEFAULT 0, made_at TEXT NOT NULL, ended_at TEXT);
CREATE TABLE customer_flags(
  id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, flag TEXT NOT NULL, since TEXT NOT NULL,
  reason TEXT NOT NULL, cleared_at TEXT, reply_id INTEGER);
CREATE TABLE pauses(
  id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, since TEXT NOT NULL, until TEXT,
  reason TEXT NOT NULL, origin TEXT NOT NULL, ended_at TEXT, reply_id INTEGER);
CREATE TABLE events(
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, customer_id TEXT, kind TEXT NOT NULL, detail TEXT);
CREATE INDEX events_customer ON events(customer_id);
-- Files in the drop folder seen and not (yet) read: still settling, ignored, unreadable; what was
-- said about them, so it is said once.
CREATE TABLE drop_notes(name TEXT PRIMARY KEY, kind TEXT NOT NULL, signature TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE mailbox_seen(mailbox TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY(mailbox, key));
-- Bank statements: each line stored once however many overlapping statements show it (its
-- identity is account, date, amount, reference and description, never its position).
CREATE TABLE bank_lines(
  id INTEGER PRIMARY KEY, identity TEXT NOT NULL UNIQUE, account TEXT NOT NULL, date TEXT NOT NULL,
  value_date TEXT, amount TEXT NOT NULL, currency TEXT NOT NULL, reference TEXT NOT NULL,
  description TEXT NOT NULL, balance TEXT, import_id INTEGER, file_name TEXT NOT NULL, line_row INTEGER,
  seen_at TEXT NOT NULL);
-- What a credit is (one row per credit line, id = its line's id): matched | review | unrelated |
-- unmatched by the matcher, confirmed | rejected by a person.
CREATE TABLE payment_decisions(
  id INTEGER PRIMARY KEY, status TEXT NOT NULL, customer_id TEXT, confidence TEXT NOT NULL,
  basis TEXT NOT NULL DEFAULT '', reasons TEXT NOT NULL, candidates TEXT NOT NULL DEFAULT '[]',
  surplus TEXT NOT NULL DEFAULT '0', decided_at TEXT NOT NULL, decided_by TEXT NOT NULL,
  resolved_at TEXT);
CREATE INDEX payment_decisions_status ON payment_decisions(status);
CREATE TABLE payment_allocations(
  decision_id INTEGER NOT NULL, source TEXT NOT NULL, number TEXT NOT NULL, amount TEXT NOT NULL,
  closes INTEGER NOT NULL, applied INTEGER NOT NULL DEFAULT 0, balance_before TEXT,
  PRIMARY KEY(decision_id, source, number));
CREATE INDEX payment_allocations_invoice ON payment_allocations(source, number);
CREATE TABLE payment_holds(
  decision_id INTEGER NOT NULL, customer_id TEXT NOT NULL, pause_id INTEGER,
  PRIMARY KEY(decision_id, customer_id));
CREATE TABLE known_payers(
  name TEXT PRIMARY KEY, customer_id TEXT NOT NULL, learned_at TEXT NOT NULL, line_id INTEGER);
-- Row warnings already said, per source, the file's name left out: a daily export repeats its footer.
CREATE TABLE warnings_said(source TEXT NOT NULL, text TEXT NOT NULL, first_at TEXT NOT NULL,
  PRIMARY KEY(source, text));
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

    def _columns(self, table: str) -> list[str]:
        return [r[1] for r in self.db.execute(f"PRAGMA table_info({table})")]

    @contextmanager
    def _indexes_rebuilt_after(self, db: sqlite3.Connection, table: str, incoming: int) -> Iterator[None]:
        """When more rows come into `table` than it holds, its secondary indexes are dropped
        for the writes and built again after them, in the same transaction: sorting once
        is cheaper than inserting into them row by row. The schema's own SQL rebuilds them."""
        held = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name=? "
                             "AND sql IS NOT NULL", (table,)).fetchall() if incoming > held else []
        for name, _ in indexes:
            db.execute(f"DROP INDEX {name}")
        yield  # an error rolls the transaction back, the dropped indexes with it
        for _, sql in indexes:
            db.execute(sql)

    def _move_bodies_out(self) -> None:
        """Version 2: email bodies leave the `reminders` rows for `reminder_bodies`."""
        columns = self._columns("reminders")
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


def _reference() -> sqlite3.Connection:
    """SCHEMA in an empty in-memory database: what every ledger should have, to compare with."""
    reference = sqlite3.connect(":memory:")
    reference.executescript(SCHEMA)
    return reference


_SCHEMA_MARK = "schema_sha256"  # meta: the SCHEMA text a PostgreSQL ledger was last brought up to


def _schema_fingerprint() -> str:
    import hashlib
    return hashlib.sha256(SCHEMA.encode()).hexdigest()


def postgres_ddl(sql: str) -> str:
    """SCHEMA's SQLite DDL in PostgreSQL's types. Text compares byte by byte (COLLATE "C"), as in
    SQLite, so both order customers, invoices and dates alike; an `INTEGER PRIMARY KEY` takes the
    next id by itself, as SQLite's rowid does; integers are 64-bit; BLOB is BYTEA."""
    sql = re.sub(r"--[^\n]*", "", sql)
    sql = re.sub(r"\bINTEGER PRIMARY KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql)
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql)
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
    sql = re.sub(r"\bBLOB\b", "BYTEA", sql)
    return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', sql)


class PostgresMigrations(Migrations):
    """The same versions and steps in one business's PostgreSQL schema. The first open creates the
    schema and its tables in one transaction (PostgreSQL's DDL is transactional); workers opening
    it at once wait for each other on the ledger's write lock (see PostgresConnection)."""

    def _migrate(self) -> None:
        with self.transaction() as db:
            db.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            has_meta = db.execute("SELECT 1 FROM information_schema.tables WHERE table_schema=? "
                                  "AND table_name='meta'", (self.schema,)).fetchone()
            version = 0
            if has_meta:
                row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise LedgerError(f"the ledger has schema version {version}, newer than this program "
                                  f"understands ({SCHEMA_VERSION}); upgrade dunning-mailer", where=self.where)
            if version == 0:
                db.execute(postgres_ddl(SCHEMA))
                db.execute("INSERT INTO meta VALUES('schema_version', ?)", (str(SCHEMA_VERSION),))
            elif self.meta(_SCHEMA_MARK) != _schema_fingerprint():
                # PostgreSQL ledgers begin at version 2: the numbered steps before it never apply.
                self._add_missing()
            else:
                return  # as SCHEMA wants it: opening costs no catalogue queries
            self.set_meta(_SCHEMA_MARK, _schema_fingerprint())

    def _columns(self, table: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema=? AND table_name=? "
            "ORDER BY ordinal_position", (self.schema, table))]

    def _add_missing(self) -> None:
        reference = _reference()
        wanted = {r[0]: (r[1], r[2]) for r in reference.execute(
            "SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL")}
        have = {r[0] for r in self.db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema=?", (self.schema,))}
        have |= {r[0] for r in self.db.execute("SELECT indexname FROM pg_indexes WHERE schemaname=?",
                                               (self.schema,))}
        steps = [postgres_ddl(sql) for name, (_, sql) in wanted.items() if name not in have]
        for table, (kind, _) in wanted.items():
            if kind != "table" or table not in have:
                continue
            columns = set(self._columns(table))
            for cid, name, kind, notnull, default, pk in reference.execute(f"PRAGMA table_info({table})"):
                if name not in columns:
                    steps.append(f"ALTER TABLE {table} ADD COLUMN {name} {postgres_ddl(kind)}"
                                 + (f"{' NOT NULL' if notnull else ''} DEFAULT {default}" if default is not None
                                    else ""))
        reference.close()
        for sql in sorted(steps, key=lambda q: not q.lstrip().startswith("CREATE TABLE")):
            self.db.execute(sql)

    @contextmanager
    def _indexes_rebuilt_after(self, db, table: str, incoming: int) -> Iterator[None]:
        yield  # PostgreSQL keeps its indexes up to date cheaply enough in one bulk transaction


def schema_tables() -> list[tuple[str, list[str]]]:
    """Every table of SCHEMA with its columns, in order (for copying a ledger)."""
    reference = _reference()
    try:
        return [(name, [c[1] for c in reference.execute(f"PRAGMA table_info({name})")])
                for (name,) in reference.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY rowid")]
    finally:
        reference.close()
