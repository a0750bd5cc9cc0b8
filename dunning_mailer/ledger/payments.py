"""Payments from the bank: statement lines stored once, the matcher's decisions, invoices they
close (reason "bank", with the line), customers an unsure one holds, a person's confirm/reject,
payer names learned, and customers' "I paid" cross-checked against the credits."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter, defaultdict
from decimal import Decimal

from ..payments import (MATCHED, REVIEW, Credit, CustomerName, Decision, KnownPayer, OpenInvoice, line_identity,
                        payer_key)
from .connection import _date
from .snapshots import SnapshotOutcome

PERSON_CONFIRMED, PERSON_REJECTED = "confirmed", "rejected"
SETTLED_ELSEWHERE = "settled"   # an unsure credit whose invoices the export (or a person) closed meanwhile
APPLIED = (MATCHED, PERSON_CONFIRMED)
OPEN_FOR_A_PERSON = (REVIEW,)
CLAIM_FLAG = "payment_unconfirmed"


def _line_doc(r: sqlite3.Row) -> dict:
    return {"id": r["id"], "account": r["account"], "date": r["date"], "value_date": r["value_date"],
            "amount": r["amount"], "currency": r["currency"], "reference": r["reference"],
            "description": r["description"], "file": r["file_name"]}


class BankPayments:
    """Statements, decisions, holds, confirmations and learned payer names."""

    # --- statements --------------------------------------------------------------------------

    def apply_bank_statement(self, *, source: str, file_name: str, sha256: str, snapshot_at: dt.datetime,
                             result, now: dt.datetime) -> SnapshotOutcome:
        """Store a statement's lines; a line another statement already brought is not stored again."""
        if (duplicate := self._duplicate(sha256)) is not None:
            return duplicate
        seen: Counter[str] = Counter()
        rows = []
        for line in result.lines:
            identity = line_identity(line)
            seen[identity] += 1   # the same movement twice in one statement is two movements
            rows.append((f"{identity}#{seen[identity]}", line))
        stamp = now.isoformat()
        with self.transaction() as db:
            import_id = self._insert_import(source, file_name, sha256, snapshot_at, now, "applied", result.importer,
                                            "; ".join(result.warnings[:20]), len(rows), 0, 0, 0)
            before = db.execute("SELECT COUNT(*) FROM bank_lines").fetchone()[0]
            db.executemany(
                "INSERT INTO bank_lines(identity, account, date, value_date, amount, currency, reference, description,"
                " balance, import_id, file_name, line_row, seen_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(identity) DO NOTHING",
                [(key, x.account, x.date.isoformat(), x.value_date.isoformat() if x.value_date else None,
                  f"{x.amount:.2f}", x.currency, x.reference, x.description,
                  None if x.balance is None else str(x.balance), import_id, file_name, x.row, stamp)
                 for key, x in rows])
            new = db.execute("SELECT COUNT(*) FROM bank_lines").fetchone()[0] - before
            db.execute("UPDATE imports SET opened=? WHERE id=?", (new, import_id))
            self.log(now, "import_applied", file=file_name, source=source, statement=True,
                     lines=len(rows), new_lines=new)
        credits = sum(1 for _, x in rows if x.amount > 0)
        again = len(rows) - new
        return SnapshotOutcome("applied", f"{len(rows)} bank lines ({credits} credits): {new} new"
                               + (f", {again} already read from an earlier statement" if again else ""), new)

    def bank_statements_seen(self) -> bool:
        return self.db.execute("SELECT 1 FROM bank_lines LIMIT 1").fetchone() is not None

    def pending_credits(self) -> list[Credit]:
        """Credit lines no decision has been made about yet, oldest first."""
        return [Credit(str(r[0]), dt.date.fromisoformat(r[1]), Decimal(r[2]), r[3], r[4], r[5])
                for r in self.db.execute(
                    "SELECT l.id, l.date, l.amount, l.description, l.reference, l.currency FROM bank_lines l "
                    "WHERE CAST(l.amount AS REAL) > 0 AND NOT EXISTS (SELECT 1 FROM payment_decisions d "
                    "WHERE d.id = l.id) ORDER BY l.date, l.id")]

    def payment_book(self) -> tuple[list[OpenInvoice], list[CustomerName], list[KnownPayer]]:
        """What the matcher weighs a credit against: open invoices, customers' names, learned payers."""
        invoices = [OpenInvoice(r[1], r[2], Decimal(r[3]), dt.date.fromisoformat(r[4]), r[5], _date(r[6]), r[0])
                    for r in self.db.execute(
                        "SELECT source, number, customer_id, balance, due_date, currency, issue_date FROM invoices "
                        "WHERE status='open' AND kind='invoice'")]
        customers = [CustomerName(r[0], r[1]) for r in self.db.execute("SELECT id, name FROM customers")]
        known = [KnownPayer(r[0], r[1]) for r in self.db.execute("SELECT name, customer_id FROM known_payers")]
        return invoices, customers, known

    # --- decisions ---------------------------------------------------------------------------

    def record_decisions(self, decisions: list[Decision], *, now: dt.datetime) -> None:
        """Store what the matcher decided: a confident match is applied at once; an unsure one
        holds its customers until `payments confirm/reject`."""
        with self.transaction() as db:
            for d in decisions:
                db.execute("INSERT INTO payment_decisions(id, status, customer_id, confidence, basis, reasons,"
                           " candidates, surplus, decided_at, decided_by) VALUES(?,?,?,?,?,?,?,?,?,?)",
                           (int(d.credit_id), d.status, d.customer_id, f"{d.confidence:.2f}", d.basis,
                            json.dumps(list(d.reasons), ensure_ascii=False), json.dumps(list(d.candidates)),
                            str(d.surplus), now.isoformat(), "matcher"))
                db.executemany("INSERT INTO payment_allocations(decision_id, source, number, amount, closes)"
                               " VALUES(?,?,?,?,?)", [(int(d.credit_id), a.source, a.number, str(a.amount),
                                                       int(a.closes)) for a in d.allocations])
                if d.status == MATCHED:
                    self._apply(int(d.credit_id), now, by="matcher")
                elif d.status == REVIEW:
                    self._hold(int(d.credit_id), d.candidates, now)

    def _line(self, decision_id: int) -> sqlite3.Row:
        return self.db.execute("SELECT * FROM bank_lines WHERE id=?", (decision_id,)).fetchone()

    def _apply(self, decision_id: int, now: dt.datetime, *, by: str) -> list[str]:
        """Close (or reduce) the decision's invoices; the event names the statement line."""
        db, stamp = self.db, now.isoformat()
        line = _line_doc(self._line(decision_id))
        closed = []
        for a in db.execute("SELECT * FROM payment_allocations WHERE decision_id=? AND applied=0",
                            (decision_id,)).fetchall():
            inv = db.execute("SELECT customer_id, balance, currency, status FROM invoices WHERE source=? AND number=?",
                             (a["source"], a["number"])).fetchone()
            if inv is None or inv["status"] != "open":
                continue
            paid = Decimal(a["amount"])
            left = Decimal(inv["balance"]) - paid
            detail = {"number": a["number"], "source": a["source"], "reason": "bank", "amount": str(paid),
                      "balance": inv["balance"], "currency": inv["currency"], "line": line, "payment": decision_id,
                      "by": by}
            if a["closes"] or left <= 0:
                db.execute("UPDATE invoices SET status='paid', closed_at=?, closed_reason='bank' "
                           "WHERE source=? AND number=?", (stamp, a["source"], a["number"]))
                self.log(now, "paid", inv["customer_id"], **detail)
                closed.append(a["number"])
            else:
                db.execute("UPDATE invoices SET balance=? WHERE source=? AND number=?",
                           (str(left), a["source"], a["number"]))
                self.log(now, "part_paid", inv["customer_id"], left=str(left), **detail)
            db.execute("UPDATE payment_allocations SET applied=1, balance_before=? WHERE decision_id=? AND "
                       "source=? AND number=?", (inv["balance"], decision_id, a["source"], a["number"]))
        return closed

    def _hold(self, decision_id: int, customers, now: dt.datetime) -> None:
        line = self._line(decision_id)
        for cid in customers:
            if not self.customer_exists(cid):
                continue
            self.pause(cid, now=now, origin="bank", reason=(
                f"a bank credit of {line['amount']} {line['currency']} on {line['date']} may be their payment; "
                f"waiting for a person (`dunning-mailer payments confirm {decision_id}` or `reject {decision_id}`)"))
            pause_id = self.db.execute("SELECT MAX(id) FROM pauses WHERE customer_id=? AND origin='bank'",
                                       (cid,)).fetchone()[0]
            self.db.execute("INSERT INTO payment_holds(decision_id, customer_id, pause_id) VALUES(?,?,?) "
                            "ON CONFLICT(decision_id, customer_id) DO NOTHING", (decision_id, cid, pause_id))

    def _release(self, decision_id: int, now: dt.datetime) -> None:
        for r in self.db.execute("SELECT pause_id FROM payment_holds WHERE decision_id=?", (decision_id,)).fetchall():
            self.db.execute("UPDATE pauses SET ended_at=? WHERE id=? AND ended_at IS NULL", (now.isoformat(), r[0]))

    def payment(self, decision_id: int) -> dict | None:
        r = self.db.execute("SELECT d.*, l.id AS line_id FROM payment_decisions d JOIN bank_lines l ON l.id = d.id "
                            "WHERE d.id=?", (decision_id,)).fetchone()
        return None if r is None else self._decision_doc(r)

    def _decision_doc(self, r: sqlite3.Row) -> dict:
        allocations = [{"number": a["number"], "source": a["source"], "amount": a["amount"],
                        "closes": bool(a["closes"]), "applied": bool(a["applied"])}
                       for a in self.db.execute("SELECT * FROM payment_allocations WHERE decision_id=? "
                                                "ORDER BY number", (r["id"],))]
        return {"id": r["id"], "status": r["status"], "customer_id": r["customer_id"],
                "confidence": float(r["confidence"]), "basis": r["basis"], "reasons": json.loads(r["reasons"]),
                "candidates": json.loads(r["candidates"]), "surplus": r["surplus"], "decided_at": r["decided_at"],
                "decided_by": r["decided_by"], "invoices": allocations, "line": _line_doc(self._line(r["id"]))}

    def payments(self, statuses: tuple[str, ...] | None = None, limit: int = 500) -> list[dict]:
        where = f"WHERE status IN ({','.join('?' * len(statuses))})" if statuses else ""
        rows = self.db.execute(f"SELECT * FROM payment_decisions {where} ORDER BY id DESC LIMIT ?",
                               (*(statuses or ()), limit)).fetchall()
        return [self._decision_doc(r) for r in rows]

    def payments_to_review(self) -> list[dict]:
        return self.payments(OPEN_FOR_A_PERSON)

    # --- a person's word ---------------------------------------------------------------------

    def confirm_payment(self, decision_id: int, *, now: dt.datetime, invoices: list[str] | None = None) -> dict:
        """A person says what the credit pays: the proposal, or the invoices named. Applies it,
        ends the holds and learns the payer's name for the customer."""
        from ..model import DunningError

        doc = self.payment(decision_id)
        if doc is None:
            raise DunningError(f"no bank credit #{decision_id} (see `dunning-mailer payments`)")
        if doc["status"] in APPLIED and not invoices:
            raise DunningError(f"#{decision_id} is already applied ({doc['status']})")
        with self.transaction() as db:
            if invoices:
                if doc["status"] in APPLIED:
                    self._undo(decision_id, now)
                self._allocate(decision_id, invoices, Decimal(doc["line"]["amount"]))
            elif not doc["invoices"]:
                raise DunningError(f"#{decision_id} proposes no invoice; name them: "
                                   f"`dunning-mailer payments confirm {decision_id} --invoice NUMBER`")
            customers = {r[0] for r in db.execute(
                "SELECT DISTINCT i.customer_id FROM payment_allocations a JOIN invoices i ON i.source=a.source "
                "AND i.number=a.number WHERE a.decision_id=?", (decision_id,))}
            if len(customers) != 1:
                raise DunningError(f"the invoices of #{decision_id} belong to {len(customers)} customers; "
                                   "confirm one customer's invoices at a time")
            customer = customers.pop()
            closed = self._apply(decision_id, now, by="person")
            db.execute("UPDATE payment_decisions SET status=?, customer_id=?, decided_by='person', resolved_at=? "
                       "WHERE id=?", (PERSON_CONFIRMED, customer, now.isoformat(), decision_id))
            self._release(decision_id, now)
            key = payer_key(doc["line"]["description"])
            if key:
                db.execute("INSERT INTO known_payers(name, customer_id, learned_at, line_id) VALUES(?,?,?,?) "
                           "ON CONFLICT(name) DO UPDATE SET customer_id=excluded.customer_id, "
                           "learned_at=excluded.learned_at, line_id=excluded.line_id",
                           (key, customer, now.isoformat(), decision_id))
            self.log(now, "payment_confirmed", customer, payment=decision_id, closed=closed, payer=key)
        return self.payment(decision_id)

    def _allocate(self, decision_id: int, numbers: list[str], amount: Decimal) -> None:
        from ..model import DunningError

        db = self.db
        db.execute("DELETE FROM payment_allocations WHERE decision_id=? AND applied=0", (decision_id,))
        left = amount
        for number in numbers:
            rows = db.execute("SELECT source, balance FROM invoices WHERE number=? AND status='open'",
                              (number,)).fetchall()
            if len(rows) != 1:
                raise DunningError(f"no open invoice numbered {number!r}" if not rows else
                                   f"{len(rows)} open invoices are numbered {number!r} (several sources)")
            balance = Decimal(rows[0]["balance"])
            take = min(balance, left) if number != numbers[-1] else left
            db.execute("INSERT INTO payment_allocations(decision_id, source, number, amount, closes) VALUES(?,?,?,?,?) "
                       "ON CONFLICT(decision_id, source, number) DO UPDATE SET amount=excluded.amount, "
                       "closes=excluded.closes, applied=0", (decision_id, rows[0]["source"], number, str(take),
                                                              int(take >= balance)))
            left -= take

    def reject_payment(self, decision_id: int, *, now: dt.datetime) -> dict:
        """A person says the credit is not what it was taken for: holds end; an applied match is
        undone (its invoices open again with their balance) and its learned payer name forgotten."""
        from ..model import DunningError

        doc = self.payment(decision_id)
        if doc is None:
            raise DunningError(f"no bank credit #{decision_id} (see `dunning-mailer payments`)")
        with self.transaction() as db:
            reopened = self._undo(decision_id, now) if doc["status"] in APPLIED else []
            db.execute("UPDATE payment_decisions SET status=?, decided_by='person', resolved_at=? WHERE id=?",
                       (PERSON_REJECTED, now.isoformat(), decision_id))
            db.execute("DELETE FROM known_payers WHERE line_id=?", (decision_id,))
            self._release(decision_id, now)
            self.log(now, "payment_rejected", doc["customer_id"], payment=decision_id, reopened=reopened)
        return self.payment(decision_id)

    def _undo(self, decision_id: int, now: dt.datetime) -> list[str]:
        db, reopened = self.db, []
        for a in db.execute("SELECT * FROM payment_allocations WHERE decision_id=? AND applied=1",
                            (decision_id,)).fetchall():
            inv = db.execute("SELECT customer_id, status, closed_reason, balance FROM invoices WHERE source=? AND "
                             "number=?", (a["source"], a["number"])).fetchone()
            if inv is None:
                continue
            if inv["status"] == "paid" and inv["closed_reason"] == "bank":
                db.execute("UPDATE invoices SET status='open', closed_at=NULL, closed_reason=NULL, balance=? "
                           "WHERE source=? AND number=?", (a["balance_before"], a["source"], a["number"]))
                reopened.append(a["number"])
                self.log(now, "invoice_reopened", inv["customer_id"], number=a["number"], source=a["source"],
                         reason="a person rejected the bank match", payment=decision_id)
            elif inv["status"] == "open" and not a["closes"]:
                db.execute("UPDATE invoices SET balance=? WHERE source=? AND number=?",
                           (str(Decimal(inv["balance"]) + Decimal(a["amount"])), a["source"], a["number"]))
            db.execute("UPDATE payment_allocations SET applied=0 WHERE decision_id=? AND source=? AND number=?",
                       (decision_id, a["source"], a["number"]))
        return reopened

    def drop_settled_reviews(self, now: dt.datetime) -> list[int]:
        """Unsure credits whose proposed invoices were all closed since (by an export or a person):
        nothing is left to decide, so their holds end."""
        done = [r[0] for r in self.db.execute(
            "SELECT d.id FROM payment_decisions d WHERE d.status=? AND EXISTS (SELECT 1 FROM payment_allocations a "
            "WHERE a.decision_id = d.id) AND NOT EXISTS (SELECT 1 FROM payment_allocations a JOIN invoices i ON "
            "i.source = a.source AND i.number = a.number WHERE a.decision_id = d.id AND i.status='open')",
            (REVIEW,)).fetchall()]
        with self.transaction() as db:
            for decision_id in done:
                db.execute("UPDATE payment_decisions SET status=?, resolved_at=? WHERE id=?",
                           (SETTLED_ELSEWHERE, now.isoformat(), decision_id))
                self._release(decision_id, now)
                self.log(now, "payment_review_settled", None, payment=decision_id,
                         reason="its invoices were closed by the export or a person")
        return done

    # --- exports that have not caught up ---------------------------------------------------------

    def bank_paid(self, db: sqlite3.Connection, source: str) -> dict[str, str]:
        """Invoices of a source the bank closed: number -> the statement line's date."""
        return {r[0]: r[1] for r in db.execute(
            "SELECT a.number, l.date FROM payment_allocations a JOIN payment_decisions d ON d.id = a.decision_id "
            "JOIN bank_lines l ON l.id = d.id JOIN invoices i ON i.source = a.source AND i.number = a.number "
            "WHERE a.source=? AND a.applied=1 AND i.status='paid' AND i.closed_reason='bank'", (source,))}

    def keep_part_payments(self, db: sqlite3.Connection, source: str) -> None:
        """An export that does not show a part payment the bank showed (its balance is still above
        what was left after it) has not caught up: that payment stays deducted."""
        for r in db.execute(
                "SELECT a.number, a.amount, a.balance_before, i.balance FROM payment_allocations a JOIN invoices i "
                "ON i.source = a.source AND i.number = a.number WHERE a.source=? AND a.applied=1 AND a.closes=0 "
                "AND i.status='open'", (source,)).fetchall():
            paid, listed = Decimal(r[1]), Decimal(r[3])
            if listed > Decimal(r[2]) - paid:
                db.execute("UPDATE invoices SET balance=? WHERE source=? AND number=?",
                           (str(max(listed - paid, Decimal(0))), source, r[0]))

    # --- "I paid" ------------------------------------------------------------------------------

    def payment_claims(self) -> list[sqlite3.Row]:
        """Open "I paid" pauses, as the inbox records them (origin reply, dated, about paying)."""
        return self.db.execute("SELECT id, customer_id, since, until FROM pauses WHERE origin='reply' AND "
                               "ended_at IS NULL AND until IS NOT NULL AND reason LIKE '%paid%' ORDER BY id").fetchall()

    def claimed_customers(self, today: dt.date) -> set[str]:
        return {r["customer_id"] for r in self.payment_claims() if r["until"] >= today.isoformat()}

    def check_payment_claims(self, today: dt.date, now: dt.datetime) -> list[tuple[str, str]]:
        """Each customer's "I paid" against what came in since: confirmed by a matched credit or a
        closed invoice; reported to a person (flag) when its grace ended without either.
        Only once bank statements are read: without them the export alone confirms."""
        if not self.bank_statements_seen():
            return []
        out = []
        with self.transaction() as db:
            for claim in self.payment_claims():
                cid, since = claim["customer_id"], claim["since"]
                start = (dt.datetime.fromisoformat(since).date() - dt.timedelta(days=5)).isoformat()
                credit = db.execute(
                    "SELECT d.id FROM payment_decisions d JOIN bank_lines l ON l.id = d.id WHERE d.customer_id=? "
                    f"AND d.status IN ({','.join('?' * len(APPLIED))}) AND l.date >= ? ORDER BY d.id LIMIT 1",
                    (cid, *APPLIED, start)).fetchone()
                closed = db.execute("SELECT 1 FROM invoices WHERE customer_id=? AND status='paid' AND closed_at >= ?",
                                    (cid, since)).fetchone()
                if credit or closed:
                    db.execute("UPDATE pauses SET ended_at=? WHERE id=?", (now.isoformat(), claim["id"]))
                    self.log(now, "payment_claim_confirmed", cid, payment=credit[0] if credit else None,
                             by="bank" if credit else "export")
                    out.append((cid, "confirmed"))
                elif claim["until"] < today.isoformat():
                    db.execute("UPDATE pauses SET ended_at=? WHERE id=?", (now.isoformat(), claim["id"]))
                    self.flag(cid, CLAIM_FLAG, now=now, reason=(
                        f"wrote on {since[:10]} that they paid; no matching bank credit by {claim['until']}"))
                    out.append((cid, "unconfirmed"))
        return out

    def needs_person_payments(self) -> list[dict]:
        """Customers whose "I paid" the bank did not confirm, and those an unsure credit holds."""
        out = []
        for r in self.db.execute("SELECT customer_id, reason, since FROM customer_flags WHERE flag=? AND "
                                 "cleared_at IS NULL ORDER BY id", (CLAIM_FLAG,)).fetchall():
            reply = self.db.execute("SELECT id FROM replies WHERE customer_id=? AND kind='human' AND received_at <= ? "
                                    "ORDER BY received_at DESC, id DESC LIMIT 1", (r[0], r[2])).fetchone()
            out.append({"customer_id": r[0], "reason": r[1], "reply_id": reply[0] if reply else None})
        held: dict[str, list[int]] = defaultdict(list)
        for r in self.db.execute("SELECT h.customer_id, h.decision_id FROM payment_holds h JOIN payment_decisions d "
                                 "ON d.id = h.decision_id WHERE d.status=? ORDER BY h.decision_id", (REVIEW,)):
            held[r[0]].append(r[1])
        for cid, ids in held.items():
            out.append({"customer_id": cid, "reason": "a bank credit may be their payment: "
                        + ", ".join(f"#{i}" for i in ids) + " (`dunning-mailer payments`)", "reply_id": None})
        return out


__all__ = ["APPLIED", "BankPayments", "CLAIM_FLAG", "PERSON_CONFIRMED", "PERSON_REJECTED"]
