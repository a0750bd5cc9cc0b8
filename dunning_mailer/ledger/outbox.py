"""The outbox: every email recorded with its exact bytes before the first attempt, `sending` before its
data can reach the server, `sent` after the 250; retries, give-ups and recovery read it."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence


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


class Outbox:
    """Emails from intent to result."""

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
            rids = self._next_ids("reminders", len(emails))
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

    def mark_sending(self, rid: int, at: float | None = None) -> None:
        """`at`: the wall clock of the attempt (Unix time), for per-minute limits across runs."""
        self._durability("NORMAL")
        self.db.execute("UPDATE reminders SET status='sending', attempts=attempts+1, attempted_at=? WHERE id=?",
                        (at, rid))

    def attempted_since(self, since: float) -> list[float]:
        """The wall-clock times of attempts since `since` (Unix time), oldest first."""
        return [r[0] for r in self.db.execute(
            "SELECT attempted_at FROM reminders WHERE attempted_at >= ? ORDER BY attempted_at", (since,))]

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

    def first_email_at(self, customer_id: str | None) -> dt.datetime | None:
        """When the first email to this customer (None: to anyone) was recorded."""
        where, args = ("WHERE customer_id=?", (customer_id,)) if customer_id else ("", ())
        row = self.db.execute(f"SELECT MIN(created_at) FROM reminders {where}", args).fetchone()
        return dt.datetime.fromisoformat(row[0]) if row and row[0] else None

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

    def _outbox_row(self, r: sqlite3.Row) -> OutboxRow:
        numbers = tuple(x[0] for x in self.db.execute(
            "SELECT number FROM reminder_invoices WHERE reminder_id=? ORDER BY number", (r["id"],)))
        return OutboxRow(r["id"], r["customer_id"], r["stage"], r["message_id"],
                         tuple(json.loads(r["recipients"])), r["subject"], r["status"], r["attempts"], r["raw"],
                         dt.datetime.fromisoformat(r["created_at"]), numbers)

    def known_message_ids(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT message_id, customer_id FROM reminders")}
