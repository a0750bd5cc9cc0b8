"""People's exceptions to the one policy (C5), explicit, dated and logged: promises, payment plans,
pauses, flags and approvals."""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal

from ..model import PaymentPlan, Promise
from ..planner import Pause
from .connection import _date, _dec, _iso


class Exceptions:
    """Promises, payment plans, pauses, flags and approvals."""

    def add_promise(self, customer_id: str, *, due: dt.date, amount: Decimal | None, now: dt.datetime,
                    origin: str, reply_id: int | None = None) -> None:
        with self.transaction():
            self.db.execute("UPDATE promises SET outcome='replaced', resolved_at=? "
                            "WHERE customer_id=? AND outcome IS NULL", (now.isoformat(), customer_id))
            self.db.execute("INSERT INTO promises(customer_id, due, amount, made_at, balance_then, origin, reply_id) "
                            "VALUES(?,?,?,?,?,?,?)", (customer_id, due.isoformat(), _dec(amount), now.isoformat(),
                                                      str(self.open_balance(customer_id)), origin, reply_id))
            self.log(now, "promise", customer_id, due=due.isoformat(), amount=_dec(amount), origin=origin,
                     **_from(reply_id))

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

    def active_pauses(self, today: dt.date) -> dict[str, Pause]:
        out: dict[str, Pause] = {}
        for r in self.db.execute("SELECT customer_id, since, until, reason FROM pauses "
                                 "WHERE ended_at IS NULL ORDER BY id"):
            until = _date(r[2])
            if until is None or until >= today:
                out[r[0]] = Pause(r[3], dt.datetime.fromisoformat(r[1]), until)
        return out

    def pause(self, customer_id: str, *, now: dt.datetime, reason: str, origin: str,
              until: dt.date | None = None, reply_id: int | None = None) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO pauses(customer_id, since, until, reason, origin, reply_id) "
                            "VALUES(?,?,?,?,?,?)", (customer_id, now.isoformat(), _iso(until), reason, origin, reply_id))
            self.log(now, "paused", customer_id, until=_iso(until), reason=reason, origin=origin, **_from(reply_id))

    def resume(self, customer_id: str, *, now: dt.datetime, reason: str = "") -> dict:
        """End every hold a person can lift: pauses, flags (dispute, bounce…) and addresses marked bad.
        What was cleared, by kind."""
        stamp = now.isoformat()
        with self.transaction():
            pauses = [r[0] for r in self.db.execute(
                "SELECT reason FROM pauses WHERE customer_id=? AND ended_at IS NULL ORDER BY id", (customer_id,))]
            flags = [r[0] for r in self.db.execute(
                "SELECT flag FROM customer_flags WHERE customer_id=? AND cleared_at IS NULL ORDER BY id",
                (customer_id,))]
            addresses = [r[0] for r in self.db.execute(
                "SELECT email FROM contacts WHERE customer_id=? AND bad=1 ORDER BY email", (customer_id,))]
            self.db.execute("UPDATE pauses SET ended_at=? WHERE customer_id=? AND ended_at IS NULL",
                            (stamp, customer_id))
            self.db.execute("UPDATE customer_flags SET cleared_at=? WHERE customer_id=? AND cleared_at IS NULL",
                            (stamp, customer_id))
            self.db.execute("UPDATE contacts SET bad=0, bad_reason=NULL WHERE customer_id=? AND bad=1", (customer_id,))
            # A person who resumes a customer has dealt with what the customer wrote.
            self.db.execute("UPDATE replies SET handled_at=? WHERE customer_id=? AND needs_person IS NOT NULL "
                            "AND handled_at IS NULL", (stamp, customer_id))
            self.log(now, "resumed", customer_id, reason=reason, pauses_ended=len(pauses), flags_cleared=flags,
                     addresses_restored=addresses)
        return {"pauses": pauses, "flags": flags, "addresses": addresses}

    def flag(self, customer_id: str, flag: str, *, now: dt.datetime, reason: str,
             reply_id: int | None = None) -> None:
        exists = self.db.execute("SELECT 1 FROM customer_flags WHERE customer_id=? AND flag=? AND cleared_at IS NULL",
                                 (customer_id, flag)).fetchone()
        if not exists:
            self.db.execute("INSERT INTO customer_flags(customer_id, flag, since, reason, reply_id) VALUES(?,?,?,?,?)",
                            (customer_id, flag, now.isoformat(), reason, reply_id))
            self.log(now, "flagged", customer_id, flag=flag, reason=reason, **_from(reply_id))

    def undo_reply(self, reply_id: int, *, now: dt.datetime) -> dict[str, int]:
        """End what reading a reply started: its pauses, flags and promise (a person read it
        otherwise). Returns how many of each were ended."""
        at = now.isoformat()
        with self.transaction():
            done = {
                "pauses": self.db.execute("UPDATE pauses SET ended_at=? WHERE reply_id=? AND ended_at IS NULL",
                                          (at, reply_id)).rowcount,
                "flags": self.db.execute("UPDATE customer_flags SET cleared_at=? WHERE reply_id=? "
                                         "AND cleared_at IS NULL", (at, reply_id)).rowcount,
                "promises": self.db.execute("UPDATE promises SET outcome='corrected', resolved_at=? "
                                            "WHERE reply_id=? AND outcome IS NULL", (at, reply_id)).rowcount,
            }
        return done

    def open_flags(self) -> list[dict]:
        """Every flag still set, with why and since when, oldest first (the console's queue)."""
        return [{"customer_id": r[0], "flag": r[1], "since": r[2], "reason": r[3], "reply_id": r[4]}
                for r in self.db.execute("SELECT customer_id, flag, since, reason, reply_id FROM customer_flags "
                                         "WHERE cleared_at IS NULL ORDER BY id")]

    def active_flags(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = defaultdict(list)
        for r in self.db.execute("SELECT customer_id, flag FROM customer_flags WHERE cleared_at IS NULL ORDER BY id"):
            out[r[0]].append(r[1])
        return {k: tuple(v) for k, v in out.items()}


def _from(reply_id: int | None) -> dict:
    return {"reply_id": reply_id} if reply_id is not None else {}
