"""Imports: a full snapshot of one source's open invoices made true in the ledger, contacts files,
and invoices marked paid by hand."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Iterable

from ..allocation import without_cycle_collection
from ..model import ImportResult, Invoice
from ..phones import joined

# A file that states a customer's phone replaces the stored one; a file without one (no column,
# an empty cell) never erases it.
_PHONE_KEPT = "phone=CASE WHEN excluded.phone <> '' THEN excluded.phone ELSE customers.phone END"


@dataclass(frozen=True)
class SnapshotOutcome:
    status: str          # applied | stale | duplicate | braked | held (seen before, a person decides)
    message: str
    opened: int = 0
    updated: int = 0
    closed: int = 0
    closed_numbers: tuple[str, ...] = ()


class Snapshots:
    """Imports, snapshots and the invoices they open and close."""

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
            " invoices, opened, updated, closed, report) VALUES(?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            (source, file_name, sha256, snapshot_at.isoformat(), now.isoformat(), status, importer,
             invoices, opened, updated, closed, report))
        return cur.fetchone()[0]

    def _duplicate(self, sha256: str) -> SnapshotOutcome | None:
        seen = self.import_seen(sha256)
        if seen is None:
            return None
        return SnapshotOutcome("duplicate", f"the same content was already imported on "
                               f"{seen['imported_at'][:10]} as {seen['file_name']}")

    def _newest_snapshot(self, source: str) -> dt.datetime | None:
        """The moment the source's newest applied snapshot describes. No snapshot describes a
        moment after it was imported, so an import whose file name promised a later date (from
        before such dates were refused) cannot make every real export look old."""
        newest = None
        for snap, imported in self.db.execute(
                "SELECT snapshot_at, imported_at FROM imports WHERE source=? AND status='applied'", (source,)):
            moment = min(dt.datetime.fromisoformat(snap), dt.datetime.fromisoformat(imported))
            newest = moment if newest is None else max(newest, moment)
        return newest

    def _seen_before(self, source: str, sha256: str, seen: sqlite3.Row) -> SnapshotOutcome:
        """A file whose content was imported before: nothing to do when the source still stands
        as that import left it; when a later import changed it, a person decides (`--force`)."""
        current = self.db.execute(
            "SELECT * FROM imports WHERE id=(SELECT MAX(last_import) FROM invoices WHERE source=?)",
            (source,)).fetchone()
        if current is None or current["sha256"] == sha256:
            return SnapshotOutcome("duplicate", f"the same content was already imported on "
                                   f"{seen['imported_at'][:10]} as {seen['file_name']}")
        return SnapshotOutcome(
            "held", f"it has the same content as {seen['file_name']}, imported on {seen['imported_at'][:10]}, "
                    f"but {current['file_name']}, imported on {current['imported_at'][:10]}, changed the "
                    f"invoices since. Nothing was changed. If this earlier file is the right one, run again "
                    f"with --force to make it the current state; if not, remove it from the drop folder")

    @without_cycle_collection()
    def apply_snapshot(self, *, source: str, file_name: str, sha256: str, snapshot_at: dt.datetime,
                       result: ImportResult, now: dt.datetime, max_close_fraction: float,
                       brake_min_open: int, force: bool = False) -> SnapshotOutcome:
        """Make the ledger agree with a full snapshot of one source's open invoices.

        `force`: a person says this file is the truth: it is applied whatever the safety brake,
        its date or an earlier import of the same content say."""
        if not force and (seen := self.import_seen(sha256)) is not None:
            return self._seen_before(source, sha256, seen)
        def refuse(status: str, message: str) -> SnapshotOutcome:
            self.record_import(source=source, file_name=file_name, sha256=sha256, snapshot_at=snapshot_at,
                               now=now, status=status, importer=result.importer, report=message,
                               invoices=len(result.invoices))
            return SnapshotOutcome(status, message)

        newest = self._newest_snapshot(source)
        if not force and newest is not None and newest > snapshot_at:
            return refuse("stale", f"snapshot dated {snapshot_at.date().isoformat()} is older than the newest "
                                   f"one already imported ({newest.date().isoformat()}); nothing changed. If "
                                   f"this older file is the right one, put it back into the drop folder and "
                                   f"run with --force")

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
            bank_paid = self.bank_paid(db, source)   # a later export may not know yet: reported, kept closed
            still_listed = []
            rows = []
            iso: dict[dt.date, str] = {}  # due and issue dates repeat across thousands of invoices
            for n, inv in incoming.items():
                if inv.balance <= 0:
                    continue
                status = existing.get(n)
                if status == "paid" and n in bank_paid:
                    still_listed.append(n)
                    continue
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
            self.keep_part_payments(db, source)
            for n in still_listed:
                if snapshot_at.date().isoformat() >= bank_paid[n]:
                    self.log(now, "bank_paid_still_listed", incoming[n].customer_id, number=n, source=source,
                             file=file_name, paid_on=bank_paid[n])
            if result.contacts:  # a contacts sheet in the same workbook
                self._write_contacts(result.contacts, now)
            self.log(now, "import_applied", file=file_name, source=source, invoices=len(incoming),
                     opened=opened, updated=updated, closed=len(to_close))
        listed = (f"; {len(still_listed)} the bank already paid still listed ({', '.join(still_listed[:5])}), "
                  "kept closed" if still_listed else "")
        return SnapshotOutcome("applied", f"{len(incoming)} open invoices: {opened} new, "
                               f"{len(to_close)} closed as paid{listed}", opened, updated, len(to_close),
                               tuple(sorted(to_close)))

    @staticmethod
    def _upsert_export_customers(db: sqlite3.Connection, invoices: Iterable[Invoice], stamp: str) -> None:
        """Each customer of a snapshot by the name (and language) on its first invoice; its export
        contacts become the addresses on all its invoices, the others it had go inactive. The
        phone numbers its invoices state replace the stored ones; none stated keeps them."""
        first: dict[str, Invoice] = {}
        emails: dict[str, set[str]] = {}
        phones: dict[str, list[str]] = {}
        for inv in invoices:
            known = emails.get(inv.customer_id)
            if known is None:
                first[inv.customer_id] = inv
                emails[inv.customer_id] = set(inv.emails)
                phones[inv.customer_id] = [inv.phone]
            else:
                known.update(inv.emails)
                phones[inv.customer_id].append(inv.phone)
        db.executemany("INSERT INTO customers(id, name, language, updated_at, phone) VALUES(?,?,?,?,?) "
                       "ON CONFLICT(id) DO UPDATE SET name=excluded.name, "
                       "language=COALESCE(excluded.language, customers.language), updated_at=excluded.updated_at, "
                       f"{_PHONE_KEPT}",
                       [(cid, inv.customer_name, inv.language, stamp, joined(phones[cid]))
                        for cid, inv in first.items()])
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
                "INSERT INTO customers(id, name, language, updated_at, account_manager, account_manager_email,"
                " phone) VALUES(?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
                " language=COALESCE(excluded.language, customers.language), updated_at=excluded.updated_at,"
                " account_manager=excluded.account_manager, account_manager_email=excluded.account_manager_email,"
                f" {_PHONE_KEPT}",
                (c.customer_id, c.name or c.customer_id, c.language, now.isoformat(), c.account_manager,
                 c.account_manager_email, c.phone))
            if c.emails:
                db.execute("UPDATE contacts SET active=0 WHERE customer_id=? AND origin='contacts'",
                           (c.customer_id,))
                db.executemany("INSERT INTO contacts(customer_id, email, origin) VALUES(?,?,'contacts') "
                               "ON CONFLICT(customer_id, email) DO UPDATE SET active=1",
                               [(c.customer_id, e) for e in c.emails])

    def drop_note(self, name: str) -> sqlite3.Row | None:
        """What was last noted about a file of the drop folder that was not read (see cycle/imports)."""
        return self.db.execute("SELECT * FROM drop_notes WHERE name=?", (name,)).fetchone()

    def note_drop(self, name: str, kind: str, signature: str, at: float) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO drop_notes(name, kind, signature, at) VALUES(?,?,?,?) ON CONFLICT(name) "
                       "DO UPDATE SET kind=excluded.kind, signature=excluded.signature, at=excluded.at",
                       (name, kind, signature, at))

    def forget_drop_note(self, name: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM drop_notes WHERE name=?", (name,))

    def new_warnings(self, source: str, file_name: str, warnings: Iterable[str], *, now: dt.datetime) -> list[str]:
        """The warnings not said before about the same row of the same source (the next export of the
        same system repeats today's footer line under another file name); each is remembered."""
        fresh = []
        with self.transaction():
            for warning in warnings:
                text = warning.replace(file_name, "{file}") if file_name else warning
                added = self.db.execute("INSERT INTO warnings_said(source, text, first_at) VALUES(?,?,?) "
                                        "ON CONFLICT(source, text) DO NOTHING", (source, text, now.isoformat()))
                if added.rowcount:
                    fresh.append(warning)
        return fresh

    def mark_paid(self, number: str, *, now: dt.datetime, reason: str) -> int:
        with self.transaction() as db:
            rows = db.execute("SELECT source, customer_id FROM invoices WHERE number=? AND status='open'",
                              (number,)).fetchall()
            for r in rows:
                db.execute("UPDATE invoices SET status='paid', closed_at=?, closed_reason=? "
                           "WHERE source=? AND number=?", (now.isoformat(), reason, r["source"], number))
                self.log(now, "paid", r["customer_id"], number=number, source=r["source"], reason=reason)
        return len(rows)
