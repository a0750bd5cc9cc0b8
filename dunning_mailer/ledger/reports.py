"""What `status` and `history` show, read from the ledger."""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal

from ..phones import shown_phones
from ..planner import CustomerState
from .connection import _dec, _iso


class Reports:
    """`status` and `history`."""

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
                "phones": (phones := list(shown_phones(c.customer.phone))),   # each as a person dials it
                "phone": ", ".join(phones),
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

    def needs_person_list(self) -> list[dict]:
        """What `status --json` lists as "needs_person" (and the console's queue starts from): the
        messages a person has to read, then the customers a payment question holds."""
        return self.waiting_for_a_person() + self.needs_person_payments()

    def history(self, customer_id: str | None = None) -> list[dict]:
        where, args = ("WHERE customer_id=?", (customer_id,)) if customer_id else ("", ())
        items: list[dict] = []
        if customer_id is None:
            items += [_import_item(r) for r in self.db.execute("SELECT * FROM imports ORDER BY id")]
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
        labels = {r[0]: {"intent": r[1], "promise_date": r[2], "at": r[3]} for r in self.db.execute(
            "SELECT reply_id, intent, promise_date, labelled_at FROM reply_labels ORDER BY id")}
        for r in self.db.execute(f"SELECT * FROM replies {where} ORDER BY id", args):
            items.append({"at": r["received_at"], "kind": "reply", "id": r["id"], "customer_id": r["customer_id"],
                          "reply_kind": r["kind"], "message_id": r["message_id"], "sender": r["sender"],
                          "subject": r["subject"], "matched_by": r["matched_by"],
                          "needs_person": r["needs_person"] if not r["handled_at"] else None,
                          "label": labels.get(r["id"]), "detail": json.loads(r["detail"] or "{}")})
        for r in self.db.execute(f"SELECT * FROM events {where} ORDER BY id", args):
            if r["kind"] in ("reminder_sent",) or r["kind"].startswith("import_"):
                continue  # already shown above from their own tables
            items.append({"at": r["at"], "kind": r["kind"], "customer_id": r["customer_id"],
                          **json.loads(r["detail"] or "{}")})
        items.sort(key=lambda i: i["at"] or "")
        return items

    def sent_email(self, message_id: str) -> dict | None:
        """One of our emails as recorded: its row and its exact bytes (None: not an email of ours)."""
        r = self.db.execute(
            "SELECT r.id, r.customer_id, r.stage, r.message_id, r.recipients, r.subject, r.status, r.created_at, "
            "r.sent_at, b.raw FROM reminders r LEFT JOIN reminder_bodies b ON b.reminder_id = r.id "
            "WHERE r.message_id=?", (message_id,)).fetchone()
        if r is None:
            return None
        raw = r[9]
        return {"id": r[0], "customer_id": r[1], "stage": r[2], "message_id": r[3],
                "recipients": json.loads(r[4]), "subject": r[5], "status": r[6], "created_at": r[7],
                "sent_at": r[8], "raw": bytes(raw) if raw is not None else None}

    def customer_names(self) -> dict[str, str]:
        """Every customer's name by id (the console names the customers a plan holds)."""
        return {r[0]: r[1] for r in self.db.execute("SELECT id, name FROM customers")}

    def customer_imports(self, customer_id: str) -> list[dict]:
        """The imports that opened, last listed or closed one of this customer's invoices, as
        `history` items (`history CUSTOMER` leaves imports out: most are about other customers)."""
        items = []
        for r in self.db.execute(
                "SELECT * FROM imports WHERE id IN (SELECT first_import FROM invoices WHERE customer_id=? "
                "UNION SELECT last_import FROM invoices WHERE customer_id=?) ORDER BY id",
                (customer_id, customer_id)):
            items.append(_import_item(r))
        return items


def _import_item(r) -> dict:
    """One row of `imports` as a `history` item."""
    return {"at": r["imported_at"], "kind": "import", "file": r["file_name"], "source": r["source"],
            "status": r["status"], "importer": r["importer"], "snapshot": r["snapshot_at"],
            "invoices": r["invoices"], "opened": r["opened"], "updated": r["updated"], "closed": r["closed"],
            "report": r["report"] or None}
