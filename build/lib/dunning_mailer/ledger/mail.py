"""Incoming mail: each message stored once, where the mailbox sync stands, and the addresses that bounce."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3


class IncomingMail:
    """Replies, the mailbox positions and bad addresses."""

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

    def contacts_by_email(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT email, customer_id FROM contacts ORDER BY active")}

    def unmatched_replies(self) -> list[dict]:
        return [{"received_at": r[0], "sender": r[1], "subject": r[2], "kind": r[3]}
                for r in self.db.execute("SELECT received_at, sender, subject, kind FROM replies "
                                         "WHERE customer_id IS NULL AND kind='human' ORDER BY id")]
