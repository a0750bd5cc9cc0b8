"""The planner's view of the ledger: every customer with open invoices, what was sent, what holds it."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from ..model import Customer, Invoice
from ..planner import CustomerState
from ..policy import InvoiceState
from .connection import _date
from .schema import LIVE


class PlannerView:
    """What the planner, matching and the CLI read about customers and their open invoices."""

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
        phones = {r[0]: r[1] for r in db.execute("SELECT id, phone FROM customers WHERE phone <> ''")}
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
                         names[cid][3], phone=phones.get(cid, "")),
                tuple(invoices.get(cid, ())), last_email.get(cid), pauses.get(cid), tuple(thread.get(cid, ())),
                flags.get(cid, ()), promises.get(cid), plans.get(cid), tuple(unthanked.get(cid, ())),
                last_thanks.get(cid), unanswered, cid in awaiting))
        return out

    def customer_summaries(self, ids) -> dict[str, dict]:
        """For the customers `ids` only: name, working addresses and open invoices (the console's
        queue: a few hundred customers of a ledger of any size, without reading every customer)."""
        out: dict[str, dict] = {}
        ids = sorted({i for i in ids if i})
        for at in range(0, len(ids), 500):
            part = ids[at:at + 500]
            marks = ", ".join("?" * len(part))
            for r in self.db.execute(f"SELECT id, name FROM customers WHERE id IN ({marks})", part):
                out[r[0]] = {"name": r[1], "emails": [], "invoices": []}
            for r in self.db.execute(f"SELECT customer_id, email FROM contacts WHERE active=1 AND bad=0 "
                                     f"AND customer_id IN ({marks}) ORDER BY email", part):
                if r[0] in out:
                    out[r[0]]["emails"].append(r[1])
            for r in self.db.execute(f"SELECT customer_id, number, balance, currency, due_date FROM invoices "
                                     f"WHERE status='open' AND customer_id IN ({marks}) "
                                     f"ORDER BY customer_id, due_date, number", part):
                if r[0] in out:
                    out[r[0]]["invoices"].append({"number": r[1], "balance": r[2], "currency": r[3],
                                                  "due_date": r[4]})
        return out

    def open_balance(self, customer_id: str) -> Decimal:
        return sum((Decimal(r[0]) for r in self.db.execute(
            "SELECT balance FROM invoices WHERE customer_id=? AND status='open'", (customer_id,))), Decimal(0))

    def customer_exists(self, customer_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM customers WHERE id=?", (customer_id,)).fetchone() is not None

    def open_invoice_customers(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT number, customer_id FROM invoices WHERE status='open'")}
