"""Ledger.apply_snapshot as it was before its statements were batched (commit 9bc879d),
kept only as the oracle of test_ledger_snapshots.py: from the same ledger and snapshot
both must leave the same rows (same ids, same order) and say the same outcome. (Which
files are refused follows the ledger's own rules, changed since: see apply_snapshot.)
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from dunning_mailer.ledger import Ledger, SnapshotOutcome, _iso
from dunning_mailer.model import ImportResult, Invoice


class RowByRowLedger(Ledger):
    def apply_snapshot(self, *, source: str, file_name: str, sha256: str, snapshot_at: dt.datetime,
                       result: ImportResult, now: dt.datetime, max_close_fraction: float,
                       brake_min_open: int, force: bool = False) -> SnapshotOutcome:
        """Make the ledger agree with a full snapshot of one source's open invoices."""
        # Which files are refused (seen before, stale) is decided as the ledger decides it;
        # this oracle is about the writes that follow.
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
        to_close = {n: "missing from the snapshot" for n in open_rows if n not in incoming}
        for n, inv in incoming.items():
            if inv.balance <= 0 and n in open_rows:
                to_close[n] = "balance reached 0"
        if (not force and len(open_rows) >= brake_min_open
                and len(to_close) > max_close_fraction * len(open_rows)):
            return refuse("braked", f"this file would close {len(to_close)} of {len(open_rows)} open invoices "
                                    f"at once (more than {max_close_fraction:.0%}); if it is right, run again "
                                    f"with --force")

        opened = updated = 0
        with self.transaction() as db:
            import_id = self._insert_import(source, file_name, sha256, snapshot_at, now, "applied",
                                            result.importer, "", len(result.invoices), 0, 0, 0)
            customers: dict[str, Invoice] = {}
            for inv in incoming.values():
                customers.setdefault(inv.customer_id, inv)
            contact_rows = defaultdict(set)
            for inv in incoming.values():
                contact_rows[inv.customer_id].update(inv.emails)
            for cid, inv in customers.items():
                db.execute("INSERT INTO customers(id, name, language, updated_at) VALUES(?,?,?,?) "
                           "ON CONFLICT(id) DO UPDATE SET name=excluded.name, "
                           "language=COALESCE(excluded.language, customers.language), updated_at=excluded.updated_at",
                           (cid, inv.customer_name, inv.language, now.isoformat()))
                emails = contact_rows[cid]
                if emails:
                    db.execute("UPDATE contacts SET active=0 WHERE customer_id=? AND origin='export'", (cid,))
                    db.executemany("INSERT INTO contacts(customer_id, email) VALUES(?,?) "
                                   "ON CONFLICT(customer_id, email) DO UPDATE SET active=1",
                                   [(cid, e) for e in sorted(emails)])
            existing = {r["number"]: r for r in db.execute(
                "SELECT number, status FROM invoices WHERE source=?", (source,))}
            rows = []
            for n, inv in incoming.items():
                if inv.balance <= 0:
                    continue
                if n in existing and existing[n]["status"] == "open":
                    updated += 1
                else:
                    opened += 1
                    if n in existing:
                        self.log(now, "invoice_reopened", inv.customer_id, number=n, source=source)
                rows.append((source, n, inv.customer_id, _iso(inv.issue_date), inv.due_date.isoformat(),
                             str(inv.amount), str(inv.balance), inv.currency, inv.kind, import_id, import_id))
            db.executemany(
                "INSERT INTO invoices(source, number, customer_id, issue_date, due_date, amount, balance,"
                " currency, kind, status, first_import, last_import) VALUES(?,?,?,?,?,?,?,?,?,'open',?,?)"
                " ON CONFLICT(source, number) DO UPDATE SET customer_id=excluded.customer_id,"
                " issue_date=excluded.issue_date, due_date=excluded.due_date, amount=excluded.amount,"
                " balance=excluded.balance, currency=excluded.currency, status='open',"
                " last_import=excluded.last_import, closed_at=NULL, closed_reason=NULL", rows)
            for n, reason in sorted(to_close.items()):
                db.execute("UPDATE invoices SET status='paid', closed_at=?, closed_reason=?, last_import=? "
                           "WHERE source=? AND number=?", (now.isoformat(), reason, import_id, source, n))
                self.log(now, "paid", open_rows[n]["customer_id"], number=n, source=source, reason=reason,
                         balance=open_rows[n]["balance"], currency=open_rows[n]["currency"])
            db.execute("UPDATE imports SET opened=?, updated=?, closed=? WHERE id=?",
                       (opened, updated, len(to_close), import_id))
            self.log(now, "import_applied", file=file_name, source=source, invoices=len(incoming),
                     opened=opened, updated=updated, closed=len(to_close))
        return SnapshotOutcome("applied", f"{len(incoming)} open invoices: {opened} new, "
                               f"{len(to_close)} closed as paid", opened, updated, len(to_close),
                               tuple(sorted(to_close)))

