"""Incoming mail: each message stored once, where the mailbox sync stands, and the addresses that bounce."""
from __future__ import annotations

import datetime as dt
import json


class IncomingMail:
    """Replies, the mailbox positions and bad addresses."""

    def add_reply(self, *, dedup: str, message_id: str | None, customer_id: str | None, sender: str | None,
                  subject: str, received_at: dt.datetime, kind: str, matched_by: str | None,
                  detail: dict, raw: bytes) -> int | None:
        """Store an incoming message once: its id, or None when it was already logged."""
        row = self.db.execute(
            "INSERT INTO replies(dedup, message_id, customer_id, sender, subject, received_at, kind,"
            " matched_by, detail, raw) VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(dedup) DO NOTHING RETURNING id",
            (dedup, message_id, customer_id, sender, subject, received_at.isoformat(), kind, matched_by,
             json.dumps(detail, ensure_ascii=False, default=str), raw)).fetchone()
        return row[0] if row else None

    def reply(self, reply_id: int) -> dict | None:
        """One stored message: its row, with ``detail`` (the reading) decoded."""
        r = self.db.execute("SELECT id, customer_id, sender, subject, received_at, kind, matched_by, detail, raw, "
                            "needs_person, handled_at FROM replies WHERE id=?", (reply_id,)).fetchone()
        if r is None:
            return None
        return {"id": r[0], "customer_id": r[1], "sender": r[2], "subject": r[3], "received_at": r[4],
                "kind": r[5], "matched_by": r[6], "detail": json.loads(r[7] or "{}"), "raw": r[8],
                "needs_person": r[9], "handled_at": r[10]}

    def set_reply_customer(self, reply_id: int, customer_id: str, *, matched_by: str) -> None:
        self.db.execute("UPDATE replies SET customer_id=?, matched_by=? WHERE id=?", (customer_id, matched_by, reply_id))

    def needs_person(self, reply_id: int, kind: str, reason: str) -> None:
        """Put a reply on the list a person reads: why, as a code and as a sentence."""
        self.db.execute("UPDATE replies SET needs_person=?, needs_person_kind=?, handled_at=NULL WHERE id=?",
                        (reason, kind, reply_id))

    def reply_handled(self, reply_id: int, *, now: dt.datetime) -> None:
        self.db.execute("UPDATE replies SET handled_at=? WHERE id=? AND needs_person IS NOT NULL",
                        (now.isoformat(), reply_id))

    def waiting_for_a_person(self) -> list[dict]:
        """Every message a person still has to read, oldest first: `status` "needs_person"."""
        return [{"customer_id": r[0], "reason": r[1], "reply_id": r[2], "received_at": r[3], "sender": r[4],
                 "subject": r[5], "kind": r[6], "reason_code": r[7]}
                for r in self.db.execute("SELECT customer_id, needs_person, id, received_at, sender, subject, kind, "
                                         "needs_person_kind "
                                         "FROM replies WHERE needs_person IS NOT NULL AND handled_at IS NULL "
                                         "ORDER BY id")]

    def add_label(self, reply_id: int, *, intent: str, promise_date: dt.date | None, now: dt.datetime) -> None:
        """A person's reading of a reply, kept for what it changes and for what the reader learns."""
        self.db.execute("INSERT INTO reply_labels(reply_id, intent, promise_date, labelled_at) VALUES(?,?,?,?)",
                        (reply_id, intent, promise_date.isoformat() if promise_date else None, now.isoformat()))
        self.reply_handled(reply_id, now=now)

    def labels(self) -> list[dict]:
        """The latest reading a person gave each labelled reply, with the reply's text and the day
        it was written (oldest label first)."""
        out = []
        for r in self.db.execute(
                "SELECT l.reply_id, l.intent, l.promise_date, l.labelled_at, r.detail, r.received_at "
                "FROM reply_labels l JOIN replies r ON r.id = l.reply_id "
                "WHERE l.id = (SELECT MAX(l2.id) FROM reply_labels l2 WHERE l2.reply_id = l.reply_id) ORDER BY l.id"):
            detail = json.loads(r[4] or "{}")
            out.append({"reply_id": r[0], "intent": r[1], "promise_date": r[2], "labelled_at": r[3],
                        "text": detail.get("text") or "", "written": detail.get("written") or r[5][:10]})
        return out

    def reminder_recipients(self, message_id: str) -> list[str] | None:
        """The addresses one of our emails went to (None: not an email we sent)."""
        r = self.db.execute("SELECT recipients FROM reminders WHERE message_id=?", (message_id,)).fetchone()
        return [a.lower() for a in json.loads(r[0])] if r else None

    def reply_seen(self, dedup: str) -> bool:
        return self.db.execute("SELECT 1 FROM replies WHERE dedup=?", (dedup,)).fetchone() is not None

    def seen_keys(self, mailbox: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT key FROM mailbox_seen WHERE mailbox=?", (mailbox,))}

    def mark_seen(self, mailbox: str, key: str) -> None:
        self.db.execute("INSERT INTO mailbox_seen VALUES(?,?) ON CONFLICT(mailbox, key) DO NOTHING", (mailbox, key))

    def mailbox_position(self, mailbox: str, folder: str) -> tuple[int | None, int]:
        r = self.db.execute("SELECT uidvalidity, last_uid FROM mailbox_state WHERE mailbox=? AND folder=?",
                            (mailbox, folder)).fetchone()
        return (r[0], r[1] or 0) if r else (None, 0)

    def set_mailbox_position(self, mailbox: str, folder: str, uidvalidity: int | None, last_uid: int) -> None:
        self.db.execute("INSERT INTO mailbox_state VALUES(?,?,?,?) ON CONFLICT(mailbox, folder) "
                        "DO UPDATE SET uidvalidity=excluded.uidvalidity, last_uid=excluded.last_uid",
                        (mailbox, folder, uidvalidity, last_uid))

    def mark_contact_bad(self, email: str, *, now: dt.datetime, reason: str) -> list[str]:
        rows = [r[0] for r in self.db.execute("SELECT customer_id FROM contacts WHERE email=? AND bad=0",
                                              (email.lower(),))]
        self.db.execute("UPDATE contacts SET bad=1, bad_reason=? WHERE email=?", (reason, email.lower()))
        for cid in rows:
            self.log(now, "address_bad", cid, email=email.lower(), reason=reason)
        return rows

    def bad_addresses(self) -> list[dict]:
        """Addresses marked bad (a hard bounce, a 5xx), with why: `resume` makes them usable again."""
        return [{"customer_id": r[0], "email": r[1], "reason": r[2]}
                for r in self.db.execute("SELECT customer_id, email, bad_reason FROM contacts WHERE bad=1 "
                                         "ORDER BY customer_id, email")]

    def contacts_by_email(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT email, customer_id FROM contacts ORDER BY active")}

    def unmatched_replies(self) -> list[dict]:
        return [{"received_at": r[0], "sender": r[1], "subject": r[2], "kind": r[3]}
                for r in self.db.execute("SELECT received_at, sender, subject, kind FROM replies "
                                         "WHERE customer_id IS NULL AND kind='human' ORDER BY id")]
