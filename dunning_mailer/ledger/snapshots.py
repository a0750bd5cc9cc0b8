"""The ledger: the only user of sqlite3. Customers, invoices, import snapshots,
reminders (intent before the send, result after), replies, pauses and events.

Money is stored as decimal strings, dates as ISO text, times as ISO text with offset.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .allocation import without_cycle_collection
from .model import Customer, DunningError, ImportResult, Invoice, PaymentPlan, Promise
from .planner import CustomerState, Pause
from .policy import InvoiceState

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
CREATE TABLE mailbox_seen(mailbox TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY(mailbox, key));
CREATE TABLE mailbox_state(
  mailbox TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER, last_uid INTEGER,
  PRIMARY KEY(mailbox, folder));
"""

# Stages of reminders in these states count as taken: a pending one is re-sent
# with its own bytes, never re-rendered, so a customer never gets two emails for one stage.
LIVE = ("awaiting_approval", "pending", "sending", "sent")


class LedgerError(DunningError):
    pass


@dataclass(frozen=True)
class SnapshotOutcome:
    status: str          # applied | stale | duplicate | braked
    message: str
    opened: int = 0
    updated: int = 0
    closed: int = 0
    closed_numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Intent:
    """An email about to be sent, as the outbox records it."""
    customer_id: str
    stage: str
    message_id: str
    recipients: tuple[str, ...]
    subject: str
    raw: bytes
    items: Iterable[tuple[str, str, str, Decimal, str]]  # (source, number, stage, balance, currency)
    status: str = "pending"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    customer_id: str
    stage: str
    message_id: str
    recipients: tuple[str, ...]
    subject: str
    status: str
    attempts: int
    raw: bytes
    created_at: dt.datetime
    invoices: tuple[str, ...] = ()


_BULK_CACHE_KIB = 64 * 1024


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dec(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class Ledger:
    """One SQLite file, `0600`, WAL; every write is one short transaction."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(self.path, 0o600)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self._synchronous = "FULL"
        self.db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self.db.in_transaction:  # nested: the outer transaction decides
            yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

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
        # Later versions: `if version < 3: ...` steps, each in its own transaction.

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

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                        (key, value))

    # ---- events -------------------------------------------------------------
    def log(self, at: dt.datetime, kind: str, customer_id: str | None = None, **detail) -> None:
        self.db.execute("INSERT INTO events(at, customer_id, kind, detail) VALUES(?,?,?,?)",
                        (at.isoformat(), customer_id, kind, json.dumps(detail, ensure_ascii=False, default=str)))

    # ---- imports ------------------------------------------------------------
    def import_seen(self, sha256: str) -> sqlite3.Row | None:
        return self.db.execute(
            "SELECT * FROM imports WHERE sha256=? AND status IN ('applied','stale') ORDER BY id LIMIT 1",
            (sha256,)).fetchone()

    def record_import(self, *, source: str, file_name: str, sha256: str, snapshot_at: dt.datetime,
                      now: dt.datetime, status: str, importer: str | None = None,
                      report: str = "", invoices: int = 0) -> None:
        with self.transaction():
            self._insert_import(source, file_name, sha256, snapshot_at, now, status, importer,
                                report, invoices, 0, 0, 0)
            self.log(now, f"import_{status}", file=file_name, source=source, report=report)

    def _insert_import(self, source, file_name, sha256, snapshot_at, now, status, importer,
                       report, invoices, opened, updated, closed) -> int:
        cur = self.db.execute(
            "INSERT INTO imports(source, file_name, sha256, snapshot_at, imported_at, status, importer,"
            " invoices, opened, updated, closed, report) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
            (source, file_name, sha256, snapshot_at.isoformat(), now.isoformat(), status, importer,
             invoices, opened, updated, closed, report))
        return cur.lastrowid

    def _duplicate(self, sha256: str) -> SnapshotOutcome | None:
        seen = self.import_seen(sha256)
        if seen is None:
            return None
        return SnapshotOutcome("duplicate", f"the same content was already imported on "
                               f"{seen['imported_at'][:10]} as {seen['file_name']}")

    @without_cycle_collection()
    def apply_snapshot(self, *, source: str, file_name: str, sha256: str, snapshot_at: dt.datetime,
                       result: ImportResult, now: dt.datetime, max_close_fraction: float,
                       brake_min_open: int, force: bool = False) -> SnapshotOutcome:
        """Make the ledger agree with a full snapshot of one source's open invoices."""
        if (duplicate := self._duplicate(sha256)) is not None:
            return duplicate
        def refuse(status: str, message: str) -> SnapshotOutcome:
            self.record_import(source=source, file_name=file_name, sha256=sha256, snapshot_at=snapshot_at,
                               now=now, status=status, importer=result.importer, report=message,
                               invoices=len(result.invoices))
            return SnapshotOutcome(status, message)

        newest = self.db.execute(
            "SELECT MAX(snapshot_at) FROM imports WHERE source=? AND status='applied'", (source,)).fetchone()[0]
        if newest and dt.datetime.fromisoformat(newest) > snapshot_at:
            return refuse("stale", f"snapshot dated {snapshot_at.date().isoformat()} is older than the newest "
                                   f"one already imported ({newest[:10]}); nothing changed")

        incoming: dict[str, Invoice] = {}
        for inv in result.invoices:
            incoming[inv.number] = inv
        open_rows = {r["number"]: r for r in self.db.execute(
            "SELECT number, customer_id, balance, currency FROM invoices WHERE source=? AND status='open'",
            (source,))}
        to_close = {}
        for n in open_rows:
            inv = incoming.get(n)
            if inv is None:
                to_close[n] = "missing from the snapshot"
            elif inv.balance <= 0:
                to_close[n] = "balance reached 0"
        if (not force and len(open_rows) >= brake_min_open
                and len(to_close) > max_close_fraction * len(open_rows)):
            return refuse("braked", f"this file would close {len(to_close)} of {len(open_rows)} open invoices "
                                    f"at once (more than {max_close_fraction:.0%}); if it is right, run again "
                                    f"with --force")

        opened = updated = 0
        stamp = now.isoformat()
        with self._bulk_write(), self.transaction() as db:
            import_id = self._insert_import(source, file_name, sha256, snapshot_at, now, "applied",
                                            result.importer, "", len(result.invoices), 0, 0, 0)
            self._upsert_export_customers(db, incoming.values(), stamp)
            existing = dict(db.execute("SELECT number, status FROM invoices WHERE source=?", (source,)))
            rows = []
            iso: dict[dt.date, str] = {}  # due and issue dates repeat across thousands of invoices
            for n, inv in incoming.items():
                if inv.balance <= 0:
                    continue
                status = existing.get(n)
                if status == "open":
                    updated += 1
                else:
                    opened += 1
                    if status is not None:
                        self.log(now, "invoice_reopened", inv.customer_id, number=n, source=source)
                issue, due = inv.issue_date, inv.due_date
                issue_text = None if issue is None else (iso.get(issue) or iso.setdefault(issue, issue.isoformat()))
                due_text = iso.get(due) or iso.setdefault(due, due.isoformat())
                amount = str(inv.amount)
                rows.append((source, n, inv.customer_id, issue_text, due_text, amount,
                             amount if inv.balance is inv.amount else str(inv.balance),
                             inv.currency, inv.kind, import_id, import_id))
            with self._indexes_rebuilt_after(db, "invoices", len(rows)):
                db.executemany(
                    "INSERT INTO invoices(source, number, customer_id, issue_date, due_date, amount, balance,"
                    " currency, kind, status, first_import, last_import) VALUES(?,?,?,?,?,?,?,?,?,'open',?,?)"
                    " ON CONFLICT(source, number) DO UPDATE SET customer_id=excluded.customer_id,"
                    " issue_date=excluded.issue_date, due_date=excluded.due_date, amount=excluded.amount,"
                    " balance=excluded.balance, currency=excluded.currency, status='open',"
                    " last_import=excluded.last_import, closed_at=NULL, closed_reason=NULL", rows)
            closing = sorted(to_close.items())
            db.executemany("UPDATE invoices SET status='paid', closed_at=?, closed_reason=?, last_import=? "
                           "WHERE source=? AND number=?",
                           [(stamp, reason, import_id, source, n) for n, reason in closing])
            db.executemany("INSERT INTO events(at, customer_id, kind, detail) VALUES(?,?,'paid',?)", [
                (stamp, open_rows[n]["customer_id"], json.dumps(
                    {"number": n, "source": source, "reason": reason, "balance": open_rows[n]["balance"],
                     "currency": open_rows[n]["currency"]}, ensure_ascii=False, default=str))
                for n, reason in closing])
            db.execute("UPDATE imports SET opened=?, updated=?, closed=? WHERE id=?",
                       (opened, updated, len(to_close), import_id))
            if result.contacts:  # a contacts sheet in the same workbook
                self._write_contacts(result.contacts, now)
            self.log(now, "import_applied", file=file_name, source=source, invoices=len(incoming),
                     opened=opened, updated=updated, closed=len(to_close))
        return SnapshotOutcome("applied", f"{len(incoming)} open invoices: {opened} new, "
                               f"{len(to_close)} closed as paid", opened, updated, len(to_close),
                               tuple(sorted(to_close)))

    @contextmanager
    def _bulk_write(self) -> Iterator[None]:
        """A page cache big enough for a 100k-invoice snapshot (the default 2 MiB spills
        pages to the WAL while the transaction is still open); the usual size after it."""
        size = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size={min(size, -_BULK_CACHE_KIB)}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size={int(size)}")

    @staticmethod
    @contextmanager
    def _indexes_rebuilt_after(db: sqlite3.Connection, table: str, incoming: int) -> Iterator[None]:
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

    @staticmethod
    def _upsert_export_customers(db: sqlite3.Connection, invoices: Iterable[Invoice], stamp: str) -> None:
        """Each customer of a snapshot by the name (and language) on its first invoice; its export
        contacts become the addresses on all its invoices, the others it had go inactive."""
        first: dict[str, Invoice] = {}
        emails: dict[str, set[str]] = {}
        for inv in invoices:
            known = emails.get(inv.customer_id)
            if known is None:
                first[inv.customer_id] = inv
                emails[inv.customer_id] = set(inv.emails)
            else:
                known.update(inv.emails)
        db.executemany("INSERT INTO customers(id, name, language, updated_at) VALUES(?,?,?,?) "
                       "ON CONFLICT(id) DO UPDATE SET name=excluded.name, "
                       "language=COALESCE(excluded.language, customers.language), updated_at=excluded.updated_at",
                       [(cid, inv.customer_name, inv.language, stamp) for cid, inv in first.items()])
        # Only customers with active export contacts have any to deactivate (none in a new ledger).
        active = {r[0] for r in db.execute(
            "SELECT DISTINCT customer_id FROM contacts WHERE origin='export' AND active=1")}
        db.executemany("UPDATE contacts SET active=0 WHERE customer_id=? AND origin='export'",
                       [(cid,) for cid in first if emails[cid] and cid in active])
        db.executemany("INSERT INTO contacts(customer_id, email) VALUES(?,?) "
                       "ON CONFLICT(customer_id, email) DO UPDATE SET active=1",
                       [(cid, e) for cid in first for e in sorted(emails[cid])])

    def apply_contacts(self, *, source: str, file_name: str, sha256: str, snapshot_at: dt.datetime,
                       result: ImportResult, now: dt.datetime) -> SnapshotOutcome:
        """A contacts file: who to write to, and each customer's account manager. Closes nothing."""
        if (duplicate := self._duplicate(sha256)) is not None:
            return duplicate
        with self.transaction() as db:
            self._insert_import(source, file_name, sha256, snapshot_at, now, "applied", result.importer,
                                "; ".join(result.warnings[:20]), 0, 0, 0, 0)
            self._write_contacts(result.contacts, now)
            self.log(now, "import_applied", file=file_name, source=source, contacts=len(result.contacts))
        return SnapshotOutcome("applied", f"{len(result.contacts)} customers' contacts")

    def _write_contacts(self, contacts, now: dt.datetime) -> None:
        db = self.db
        for c in contacts:
            db.execute(
                "INSERT INTO customers(id, name, language, updated_at, account_manager, account_manager_email)"
                " VALUES(?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
                " language=COALESCE(excluded.language, customers.language), updated_at=excluded.updated_at,"
                " account_manager=excluded.account_manager, account_manager_email=excluded.account_manager_email",
                (c.customer_id, c.name or c.customer_id, c.language, now.isoformat(), c.account_manager,
                 c.account_manager_email))
            if c.emails:
                db.execute("UPDATE contacts SET active=0 WHERE customer_id=? AND origin='contacts'",
                           (c.customer_id,))
                db.executemany("INSERT INTO contacts(customer_id, email, origin) VALUES(?,?,'contacts') "
                               "ON CONFLICT(customer_id, email) DO UPDATE SET active=1",
                               [(c.customer_id, e) for e in c.emails])

    def mark_paid(self, number: str, *, now: dt.datetime, reason: str) -> int:
        with self.transaction() as db:
            rows = db.execute("SELECT source, customer_id FROM invoices WHERE number=? AND status='open'",
                              (number,)).fetchall()
            for r in rows:
                db.execute("UPDATE invoices SET status='paid', closed_at=?, closed_reason=? "
                           "WHERE source=? AND number=?", (now.isoformat(), reason, r["source"], number))
                self.log(now, "paid", r["customer_id"], number=number, source=r["source"], reason=reason)
        return len(rows)

    # ---- the planner's view -------------------------------------------------
    def customer_states(self, today: dt.date) -> list[CustomerState]:
        """The planner's view: every customer with open invoices (or a paid one to thank)."""
        db = self.db
        sent: dict[tuple[str, str], list[tuple[str, dt.date]]] = defaultdict(list)
        for r in db.execute(
                "SELECT ri.source, ri.number, ri.stage, r.local_date FROM reminder_invoices ri "
                "JOIN reminders r ON r.id = ri.reminder_id JOIN invoices i "
                "ON i.source = ri.source AND i.number = ri.number AND i.status='open' "
                f"WHERE r.status IN {LIVE} ORDER BY r.id"):
            sent[(r[0], r[1])].append((r[2], dt.date.fromisoformat(r[3])))
        last_email: dict[str, dt.date] = {}
        last_thanks: dict[str, dt.date] = {}
        thread: dict[str, list[str]] = defaultdict(list)
        sent_times: dict[str, list[str]] = defaultdict(list)
        awaiting: set[str] = set()
        for r in db.execute(f"SELECT customer_id, local_date, message_id, stage, status, sent_at FROM reminders "
                            f"WHERE status IN {LIVE} ORDER BY id"):
            last_email[r[0]] = dt.date.fromisoformat(r[1])
            thread[r[0]].append(r[2])
            if r[3] == "thank_you":
                last_thanks[r[0]] = dt.date.fromisoformat(r[1])
            if r[4] == "awaiting_approval":
                awaiting.add(r[0])
            if r[5]:
                sent_times[r[0]].append(r[5])
        last_reply = {r[0]: r[1] for r in db.execute(
            "SELECT customer_id, MAX(received_at) FROM replies WHERE kind='human' AND customer_id IS NOT NULL "
            "GROUP BY customer_id")}
        emails: dict[str, list[str]] = defaultdict(list)
        for r in db.execute("SELECT customer_id, email FROM contacts WHERE active=1 AND bad=0 ORDER BY email"):
            emails[r[0]].append(r[1])
        pauses = self.active_pauses(today)
        flags = self.active_flags()
        promises = self.open_promises()
        plans = self.active_payment_plans()
        names = {r[0]: tuple(r[1:]) for r in db.execute(
            "SELECT id, name, language, account_manager, account_manager_email FROM customers")}

        def invoice(r) -> Invoice:
            cid = r[2]
            return Invoice(r[1], cid, names[cid][0], tuple(emails.get(cid, ())), _date(r[3]),
                           dt.date.fromisoformat(r[4]), Decimal(r[5]), Decimal(r[6]), r[7], names[cid][1],
                           r[8] if len(r) > 8 else "invoice")

        invoices: dict[str, list[InvoiceState]] = defaultdict(list)
        for r in db.execute(
                "SELECT source, number, customer_id, issue_date, due_date, amount, balance, currency, kind "
                "FROM invoices WHERE status='open' ORDER BY customer_id, due_date, number"):
            invoices[r[2]].append(InvoiceState(invoice(r), r[0], tuple(sent.get((r[0], r[1]), ()))))
        unthanked: dict[str, list[InvoiceState]] = defaultdict(list)
        since = (today - dt.timedelta(days=14)).isoformat()
        for r in db.execute(
                "SELECT i.source, i.number, i.customer_id, i.issue_date, i.due_date, i.amount, "
                "(SELECT ri.balance FROM reminder_invoices ri WHERE ri.source=i.source AND ri.number=i.number "
                " ORDER BY ri.reminder_id DESC LIMIT 1), i.currency FROM invoices i "
                "WHERE i.status='paid' AND i.closed_at >= ? "
                f"AND EXISTS (SELECT 1 FROM reminder_invoices ri JOIN reminders m ON m.id = ri.reminder_id "
                f"  WHERE ri.source=i.source AND ri.number=i.number AND m.status IN {LIVE} "
                f"  AND ri.stage != 'thank_you') "
                f"AND NOT EXISTS (SELECT 1 FROM reminder_invoices ri JOIN reminders m ON m.id = ri.reminder_id "
                f"  WHERE ri.source=i.source AND ri.number=i.number AND m.status IN {LIVE} "
                f"  AND ri.stage = 'thank_you') ORDER BY i.customer_id, i.number", (since,)):
            unthanked[r[2]].append(InvoiceState(invoice(r), r[0]))

        out = []
        for cid in sorted(set(invoices) | set(unthanked)):
            replied = last_reply.get(cid)
            unanswered = sum(1 for t in sent_times.get(cid, ()) if replied is None or t > replied)
            out.append(CustomerState(
                Customer(cid, names[cid][0], tuple(emails.get(cid, ())), names[cid][1], names[cid][2],
                         names[cid][3]),
                tuple(invoices.get(cid, ())), last_email.get(cid), pauses.get(cid), tuple(thread.get(cid, ())),
                flags.get(cid, ()), promises.get(cid), plans.get(cid), tuple(unthanked.get(cid, ())),
                last_thanks.get(cid), unanswered, cid in awaiting))
        return out

    # ---- promises and payment plans (C11, C9) -------------------------------------
    def open_balance(self, customer_id: str) -> Decimal:
        return sum((Decimal(r[0]) for r in self.db.execute(
            "SELECT balance FROM invoices WHERE customer_id=? AND status='open'", (customer_id,))), Decimal(0))

    def add_promise(self, customer_id: str, *, due: dt.date, amount: Decimal | None, now: dt.datetime,
                    origin: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE promises SET outcome='replaced', resolved_at=? "
                            "WHERE customer_id=? AND outcome IS NULL", (now.isoformat(), customer_id))
            self.db.execute("INSERT INTO promises(customer_id, due, amount, made_at, balance_then, origin) "
                            "VALUES(?,?,?,?,?,?)", (customer_id, due.isoformat(), _dec(amount), now.isoformat(),
                                                    str(self.open_balance(customer_id)), origin))
            self.log(now, "promise", customer_id, due=due.isoformat(), amount=_dec(amount), origin=origin)

    def open_promises(self) -> dict[str, Promise]:
        return {r[0]: Promise(r[0], dt.date.fromisoformat(r[1]), Decimal(r[2]) if r[2] else None,
                              dt.datetime.fromisoformat(r[3]), Decimal(r[4]), r[5])
                for r in self.db.execute("SELECT customer_id, due, amount, made_at, balance_then, origin "
                                         "FROM promises WHERE outcome IS NULL ORDER BY id")}

    def resolve_promise(self, customer_id: str, outcome: str, *, now: dt.datetime) -> None:
        with self.transaction():
            self.db.execute("UPDATE promises SET outcome=?, resolved_at=? WHERE customer_id=? AND outcome IS NULL",
                            (outcome, now.isoformat(), customer_id))
            self.log(now, f"promise_{outcome}", customer_id)

    def add_payment_plan(self, customer_id: str, *, dates: list[dt.date], amount: Decimal, now: dt.datetime) -> None:
        with self.transaction():
            self.db.execute("UPDATE payment_plans SET ended_at=? WHERE customer_id=? AND ended_at IS NULL",
                            (now.isoformat(), customer_id))
            self.db.execute("INSERT INTO payment_plans(customer_id, dates, amount, made_at) VALUES(?,?,?,?)",
                            (customer_id, json.dumps([d.isoformat() for d in dates]), str(amount), now.isoformat()))
            self.log(now, "payment_plan", customer_id, instalments=len(dates), first=dates[0].isoformat(),
                     amount=str(amount))

    def active_payment_plans(self) -> dict[str, PaymentPlan]:
        return {r[0]: PaymentPlan(r[0], tuple(dt.date.fromisoformat(d) for d in json.loads(r[1])),
                                  Decimal(r[2]), r[3])
                for r in self.db.execute("SELECT customer_id, dates, amount, notes_sent FROM payment_plans "
                                         "WHERE ended_at IS NULL ORDER BY id")}

    def plan_note_recorded(self, customer_id: str) -> None:
        self.db.execute("UPDATE payment_plans SET notes_sent = notes_sent + 1 "
                        "WHERE customer_id=? AND ended_at IS NULL", (customer_id,))

    # ---- approvals ------------------------------------------------------------
    def approve(self, customer_id: str | None, *, now: dt.datetime) -> int:
        where, args = ("AND customer_id=?", (customer_id,)) if customer_id else ("", ())
        with self.transaction():
            rows = self.db.execute(f"SELECT id, customer_id, stage FROM reminders "
                                   f"WHERE status='awaiting_approval' {where}", args).fetchall()
            for r in rows:
                self.db.execute("UPDATE reminders SET status='pending', created_at=? WHERE id=?",
                                (now.isoformat(), r[0]))
                self.log(now, "approved", r[1], stage=r[2])
        return len(rows)

    def awaiting_approval(self) -> list[dict]:
        return [{"customer_id": r[0], "stage": r[1], "subject": r[2], "created_at": r[3]}
                for r in self.db.execute("SELECT customer_id, stage, subject, created_at FROM reminders "
                                         "WHERE status='awaiting_approval' ORDER BY id")]

    def cancel_if_paid(self, rid: int, *, now: dt.datetime) -> bool:
        """A recorded, never-attempted email that mentions a now-paid invoice is not sent."""
        closed = self.db.execute(
            "SELECT COUNT(*) FROM reminder_invoices ri JOIN invoices i ON i.source=ri.source AND i.number=ri.number "
            "WHERE ri.reminder_id=? AND i.status != 'open' AND ri.stage != 'thank_you'", (rid,)).fetchone()[0]
        if not closed:
            return False
        with self.transaction():
            self.db.execute("UPDATE reminders SET status='cancelled', error='an invoice in it was paid meanwhile' "
                            "WHERE id=?", (rid,))
            row = self.db.execute("SELECT customer_id, stage FROM reminders WHERE id=?", (rid,)).fetchone()
            self.log(now, "email_cancelled", row[0], stage=row[1], reason="an invoice in it was paid meanwhile")
        return True

    # ---- pauses -------------------------------------------------------------
    def active_pauses(self, today: dt.date) -> dict[str, Pause]:
        out: dict[str, Pause] = {}
        for r in self.db.execute("SELECT customer_id, since, until, reason FROM pauses "
                                 "WHERE ended_at IS NULL ORDER BY id"):
            until = _date(r[2])
            if until is None or until >= today:
                out[r[0]] = Pause(r[3], dt.datetime.fromisoformat(r[1]), until)
        return out

    def pause(self, customer_id: str, *, now: dt.datetime, reason: str, origin: str,
              until: dt.date | None = None) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO pauses(customer_id, since, until, reason, origin) VALUES(?,?,?,?,?)",
                            (customer_id, now.isoformat(), _iso(until), reason, origin))
            self.log(now, "paused", customer_id, until=_iso(until), reason=reason, origin=origin)

    def resume(self, customer_id: str, *, now: dt.datetime, reason: str = "") -> int:
        with self.transaction():
            n = self.db.execute("UPDATE pauses SET ended_at=? WHERE customer_id=? AND ended_at IS NULL",
                                (now.isoformat(), customer_id)).rowcount
            n += self.db.execute("UPDATE customer_flags SET cleared_at=? WHERE customer_id=? AND cleared_at IS NULL",
                                 (now.isoformat(), customer_id)).rowcount
            self.log(now, "resumed", customer_id, reason=reason, pauses_ended=n)
        return n

    def customer_exists(self, customer_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM customers WHERE id=?", (customer_id,)).fetchone() is not None

    # ---- the outbox ---------------------------------------------------------
    def record_intent(self, *, now: dt.datetime, local_date: dt.date, transport: str, **email) -> int:
        """One email; see record_intents."""
        return self.record_intents([Intent(**email)], now=now, local_date=local_date, transport=transport)[0]

    def record_intents(self, emails: Sequence["Intent"], *, now: dt.datetime, local_date: dt.date,
                       transport: str) -> list[int]:
        """Write emails (exact bytes) before any attempt to send them; their row ids, in order.

        This commit is flushed to disk (and with it the cheaper `sending`/`sent` marks of the emails
        before): nothing reaches the SMTP server that a power cut could make the ledger forget."""
        self._durability("FULL")
        with self.transaction() as db:
            first = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM reminders").fetchone()[0]
            rids = list(range(first, first + len(emails)))
            created, day = now.isoformat(), local_date.isoformat()
            db.executemany(
                "INSERT INTO reminders(id, customer_id, stage, message_id, recipients, subject, status,"
                " created_at, local_date, transport) VALUES(?,?,?,?,?,?,?,?,?,?)",
                [(rid, e.customer_id, e.stage, e.message_id, json.dumps(list(e.recipients)), e.subject, e.status,
                  created, day, transport) for rid, e in zip(rids, emails)])
            db.executemany("INSERT INTO reminder_bodies(reminder_id, raw) VALUES(?,?)",
                           [(rid, e.raw) for rid, e in zip(rids, emails)])
            db.executemany("INSERT INTO reminder_invoices(reminder_id, source, number, stage, balance, currency)"
                           " VALUES(?,?,?,?,?,?)",
                           [(rid, src, num, st, str(bal), cur)
                            for rid, e in zip(rids, emails) for src, num, st, bal, cur in e.items])
        return rids

    @contextmanager
    def durable_transaction(self) -> Iterator[sqlite3.Connection]:
        """A transaction whose commit is flushed to disk, with every cheaper one before it."""
        self._durability("FULL")
        with self.transaction() as db:
            yield db

    @contextmanager
    def checkpoints_deferred(self) -> Iterator[None]:
        """No WAL checkpoint (copying pages into the main file, two flushes) inside this
        connection's commits while a run of sends goes on: every few hundred emails one commit
        would wait for it. A thread with its own connection checkpoints instead, beside the
        sending (SQLite lets a checkpoint and a writer work at once, and leaves the GIL while it
        copies), so little is left for the end."""
        self.db.execute("PRAGMA wal_autocheckpoint=0")
        stop = threading.Event()
        worker = None
        if self.path != Path(":memory:"):
            worker = threading.Thread(target=self._checkpoint_until, args=(stop,), name="wal-checkpoint",
                                      daemon=True)
            worker.start()
        try:
            yield
        finally:
            stop.set()
            if worker is not None:
                worker.join()
            self.db.execute("PRAGMA wal_autocheckpoint=1000")
            if not self.db.in_transaction:
                self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _checkpoint_until(self, stop: threading.Event, every: float = 0.5) -> None:
        db = sqlite3.connect(self.path, timeout=0)
        try:
            while not stop.wait(every):
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error:
                    pass  # busy: the next turn, or the end, does it
        finally:
            db.close()

    def relaxed_durability(self) -> None:
        """Commits survive a killed process but are flushed to disk with the next durable one."""
        self._durability("NORMAL")

    def _durability(self, level: str) -> None:
        # WAL: a NORMAL commit survives a killed process, and reaches the disk with the next FULL one.
        if not self.db.in_transaction and self._synchronous != level:
            self.db.execute(f"PRAGMA synchronous={level}")
            self._synchronous = level

    def mark_sending(self, rid: int) -> None:
        self._durability("NORMAL")
        self.db.execute("UPDATE reminders SET status='sending', attempts=attempts+1 WHERE id=?", (rid,))

    def unmark_sending(self, rid: int) -> None:
        """A row marked `sending` ahead of its turn that never got it: back to `pending`."""
        self.db.execute("UPDATE reminders SET status='pending', attempts=attempts-1 WHERE id=? AND status='sending'",
                        (rid,))

    def mark_sent(self, rid: int, *, now: dt.datetime, recovered: bool = False) -> None:
        """The server accepted the email (its `sent_at` and `recovered` are the whole record)."""
        self._durability("NORMAL")
        self.db.execute("UPDATE reminders SET status='sent', sent_at=?, error=NULL, recovered=? WHERE id=?",
                        (now.isoformat(), int(recovered), rid))

    def retry_later(self, rid: int, *, error: str, at: dt.datetime) -> None:
        self.db.execute("UPDATE reminders SET status='pending', error=?, next_attempt_at=? WHERE id=?",
                        (error, at.isoformat(), rid))

    def give_up(self, rid: int, *, now: dt.datetime, error: str) -> None:
        """The email will not be sent: its stage is free again and a person is told (flag)."""
        with self.transaction():
            self.db.execute("UPDATE reminders SET status='failed', error=? WHERE id=?", (error, rid))
            row = self.db.execute("SELECT customer_id, stage, message_id FROM reminders WHERE id=?",
                                  (rid,)).fetchone()
            self.log(now, "send_failed", row[0], stage=row[1], message_id=row[2], error=error)
            self.flag(row[0], "send_failed", now=now, reason=f"the {row[1]} email could not be sent: {error}")

    def unsent(self, now: dt.datetime | None = None) -> list[OutboxRow]:
        """Emails recorded but not confirmed sent; with `now`, only those whose retry time has come."""
        rows = self.db.execute("SELECT r.*, b.raw FROM reminders r JOIN reminder_bodies b ON b.reminder_id = r.id "
                               "WHERE r.status IN ('pending','sending') ORDER BY r.id")
        return [self._outbox_row(r) for r in rows
                if now is None or not r["next_attempt_at"]
                or dt.datetime.fromisoformat(r["next_attempt_at"]) <= now]

    def sent_since(self, since: dt.datetime) -> int:
        return sum(1 for r in self.db.execute("SELECT sent_at FROM reminders WHERE status='sent' AND sent_at IS NOT NULL")
                   if dt.datetime.fromisoformat(r[0]) >= since)

    def requeue_after_soft_bounce(self, message_id: str, *, now: dt.datetime, at: dt.datetime) -> int:
        """Send a soft-bounced email again later, as the same bytes; returns how often it bounced."""
        with self.transaction():
            row = self.db.execute("SELECT id, customer_id, stage, bounces FROM reminders WHERE message_id=?",
                                  (message_id,)).fetchone()
            if row is None:
                return 0
            bounces = row["bounces"] + 1
            status = "pending" if bounces < 3 else "failed"
            self.db.execute("UPDATE reminders SET bounces=?, status=?, next_attempt_at=? WHERE id=?",
                            (bounces, status, at.isoformat(), row["id"]))
            self.log(now, "soft_bounce", row["customer_id"], stage=row["stage"], message_id=message_id,
                     times=bounces)
        return bounces

    def first_email_at(self, customer_id: str) -> dt.datetime | None:
        row = self.db.execute("SELECT MIN(created_at) FROM reminders WHERE customer_id=?", (customer_id,)).fetchone()
        return dt.datetime.fromisoformat(row[0]) if row and row[0] else None

    def unmatched_replies(self) -> list[dict]:
        return [{"received_at": r[0], "sender": r[1], "subject": r[2], "kind": r[3]}
                for r in self.db.execute("SELECT received_at, sender, subject, kind FROM replies "
                                         "WHERE customer_id IS NULL AND kind='human' ORDER BY id")]

    # ---- flags: customers a person should look at ------------------------------
    def flag(self, customer_id: str, flag: str, *, now: dt.datetime, reason: str) -> None:
        exists = self.db.execute("SELECT 1 FROM customer_flags WHERE customer_id=? AND flag=? AND cleared_at IS NULL",
                                 (customer_id, flag)).fetchone()
        if not exists:
            self.db.execute("INSERT INTO customer_flags(customer_id, flag, since, reason) VALUES(?,?,?,?)",
                            (customer_id, flag, now.isoformat(), reason))
            self.log(now, "flagged", customer_id, flag=flag, reason=reason)

    def active_flags(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = defaultdict(list)
        for r in self.db.execute("SELECT customer_id, flag FROM customer_flags WHERE cleared_at IS NULL ORDER BY id"):
            out[r[0]].append(r[1])
        return {k: tuple(v) for k, v in out.items()}

    def _outbox_row(self, r: sqlite3.Row) -> OutboxRow:
        numbers = tuple(x[0] for x in self.db.execute(
            "SELECT number FROM reminder_invoices WHERE reminder_id=? ORDER BY number", (r["id"],)))
        return OutboxRow(r["id"], r["customer_id"], r["stage"], r["message_id"],
                         tuple(json.loads(r["recipients"])), r["subject"], r["status"], r["attempts"], r["raw"],
                         dt.datetime.fromisoformat(r["created_at"]), numbers)

    def known_message_ids(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT message_id, customer_id FROM reminders")}

    def open_invoice_customers(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT number, customer_id FROM invoices WHERE status='open'")}

    def contacts_by_email(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT email, customer_id FROM contacts ORDER BY active")}

    # ---- replies ------------------------------------------------------------
    def add_reply(self, *, dedup: str, message_id: str | None, customer_id: str | None, sender: str | None,
                  subject: str, received_at: dt.datetime, kind: str, matched_by: str | None,
                  detail: dict, raw: bytes) -> bool:
        """Store an incoming message once; False when it was already logged."""
        try:
            self.db.execute(
                "INSERT INTO replies(dedup, message_id, customer_id, sender, subject, received_at, kind,"
                " matched_by, detail, raw) VALUES(?,?,?,?,?,?,?,?,?,?)",
                (dedup, message_id, customer_id, sender, subject, received_at.isoformat(), kind, matched_by,
                 json.dumps(detail, ensure_ascii=False, default=str), raw))
        except sqlite3.IntegrityError:
            return False
        return True

    def reply_seen(self, dedup: str) -> bool:
        return self.db.execute("SELECT 1 FROM replies WHERE dedup=?", (dedup,)).fetchone() is not None

    def seen_keys(self, mailbox: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT key FROM mailbox_seen WHERE mailbox=?", (mailbox,))}

    def mark_seen(self, mailbox: str, key: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO mailbox_seen VALUES(?,?)", (mailbox, key))

    def mark_contact_bad(self, email: str, *, now: dt.datetime, reason: str) -> list[str]:
        rows = [r[0] for r in self.db.execute("SELECT customer_id FROM contacts WHERE email=? AND bad=0",
                                              (email.lower(),))]
        self.db.execute("UPDATE contacts SET bad=1, bad_reason=? WHERE email=?", (reason, email.lower()))
        for cid in rows:
            self.log(now, "address_bad", cid, email=email.lower(), reason=reason)
        return rows

    def copy_in_memory(self) -> "Ledger":
        """A private in-memory copy, for `--dry-run`: the whole cycle runs, nothing is kept."""
        copy = Ledger.__new__(Ledger)
        copy.path = Path(":memory:")
        copy.db = sqlite3.connect(":memory:", isolation_level=None)
        copy.db.row_factory = sqlite3.Row
        copy._synchronous = None
        self.db.backup(copy.db)
        return copy

    def mailbox_position(self, mailbox: str, folder: str) -> tuple[int | None, int]:
        r = self.db.execute("SELECT uidvalidity, last_uid FROM mailbox_state WHERE mailbox=? AND folder=?",
                            (mailbox, folder)).fetchone()
        return (r[0], r[1] or 0) if r else (None, 0)

    def set_mailbox_position(self, mailbox: str, folder: str, uidvalidity: int | None, last_uid: int) -> None:
        self.db.execute("INSERT INTO mailbox_state VALUES(?,?,?,?) ON CONFLICT(mailbox, folder) "
                        "DO UPDATE SET uidvalidity=excluded.uidvalidity, last_uid=excluded.last_uid",
                        (mailbox, folder, uidvalidity, last_uid))

    # ---- reports ------------------------------------------------------------
    def status(self, today: dt.date, states: list[CustomerState] | None = None) -> list[dict]:
        """Per customer with open invoices, the facts `status` shows (`states`: already read)."""
        states = {c.customer.id: c for c in (states if states is not None else self.customer_states(today))}
        last_reply = {r[0]: (r[1], r[2]) for r in self.db.execute(
            "SELECT customer_id, received_at, kind FROM replies WHERE customer_id IS NOT NULL ORDER BY id")}
        out = []
        for cid, c in states.items():
            if not c.invoices:
                continue
            totals: dict[str, Decimal] = defaultdict(Decimal)
            for s in c.invoices:
                totals[s.invoice.currency] += s.invoice.balance
            out.append({
                "customer_id": cid,
                "name": c.customer.name,
                "emails": list(c.customer.emails),
                "balance": {cur: str(v) for cur, v in totals.items()},
                "invoices": [{
                    "number": s.invoice.number, "source": s.source,
                    "due_date": s.invoice.due_date.isoformat(), "balance": str(s.invoice.balance),
                    "currency": s.invoice.currency, "stages_sent": [n for n, _ in s.sent],
                    "last_stage": s.sent[-1][0] if s.sent else None,
                } for s in c.invoices],
                "last_email": c.last_email_on.isoformat() if c.last_email_on else None,
                "last_reply": ({"at": last_reply[cid][0], "kind": last_reply[cid][1]}
                               if cid in last_reply else None),
                "flags": list(c.flags),
                "unanswered_emails": c.unanswered,
                "awaiting_approval": c.awaiting_approval,
                "promise": ({"due": c.promise.due.isoformat(), "amount": _dec(c.promise.amount),
                             "made_at": c.promise.made_at.isoformat(), "origin": c.promise.origin}
                            if c.promise else None),
                "payment_plan": ({"dates": [d.isoformat() for d in c.payment_plan.dates],
                                  "amount": str(c.payment_plan.amount), "notes_sent": c.payment_plan.notes_sent}
                                 if c.payment_plan else None),
                "pause": ({"reason": c.pause.reason, "since": c.pause.since.isoformat(),
                           "until": _iso(c.pause.until)} if c.pause else None),
            })
        return out

    def history(self, customer_id: str | None = None) -> list[dict]:
        where, args = ("WHERE customer_id=?", (customer_id,)) if customer_id else ("", ())
        items: list[dict] = []
        if customer_id is None:
            for r in self.db.execute("SELECT * FROM imports ORDER BY id"):
                items.append({"at": r["imported_at"], "kind": "import", "file": r["file_name"],
                              "source": r["source"], "status": r["status"], "importer": r["importer"],
                              "snapshot": r["snapshot_at"], "invoices": r["invoices"], "opened": r["opened"],
                              "updated": r["updated"], "closed": r["closed"], "report": r["report"] or None})
        lines: dict[int, list[dict]] = defaultdict(list)
        for x in self.db.execute(
                "SELECT ri.reminder_id, ri.number, ri.stage, ri.balance, ri.currency FROM reminder_invoices ri "
                f"JOIN reminders r ON r.id = ri.reminder_id {where.replace('customer_id', 'r.customer_id')} "
                "ORDER BY ri.number", args):
            lines[x[0]].append({"number": x[1], "stage": x[2], "balance": x[3], "currency": x[4]})
        for r in self.db.execute(f"SELECT * FROM reminders {where} ORDER BY id", args):
            numbers = lines.get(r["id"], [])
            items.append({"at": r["sent_at"] or r["created_at"], "kind": "email", "customer_id": r["customer_id"],
                          "stage": r["stage"], "message_id": r["message_id"], "status": r["status"],
                          "recipients": json.loads(r["recipients"]), "subject": r["subject"],
                          "recovered": bool(r["recovered"]), "invoices": numbers})
        for r in self.db.execute(f"SELECT * FROM replies {where} ORDER BY id", args):
            items.append({"at": r["received_at"], "kind": "reply", "customer_id": r["customer_id"],
                          "reply_kind": r["kind"], "message_id": r["message_id"], "sender": r["sender"],
                          "subject": r["subject"], "matched_by": r["matched_by"],
                          "detail": json.loads(r["detail"] or "{}")})
        for r in self.db.execute(f"SELECT * FROM events {where} ORDER BY id", args):
            if r["kind"] in ("reminder_sent",) or r["kind"].startswith("import_"):
                continue  # already shown above from their own tables
            items.append({"at": r["at"], "kind": r["kind"], "customer_id": r["customer_id"],
                          **json.loads(r["detail"] or "{}")})
        items.sort(key=lambda i: i["at"] or "")
        return items
