"""The planner's view of the ledger: every customer with open invoices, what was sent, what holds it."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Collection
from decimal import Decimal

from ..model import Customer, Invoice, Stage
from ..planner import CustomerState
from ..policy import InvoiceState
from .connection import _date
from .schema import LIVE


class PlannerView:
    """What the planner, matching and the CLI read about customers and their open invoices."""

    def customer_states(self, today: dt.date, only: Collection[str] | None = None) -> list[CustomerState]:
        """The planner's view: every customer with open invoices (or a paid one to thank).
        `only`: just these customers (`due_customers`), read without building the others."""
        if only is not None and not only:
            return []
        rows = _Restricted(self.db, only)
        keep = rows.keep
        sent: dict[tuple[str, str], list[tuple[str, dt.date]]] = defaultdict(list)
        for r in rows(
                "SELECT ri.source, ri.number, ri.stage, r.local_date, i.customer_id FROM reminder_invoices ri "
                "JOIN reminders r ON r.id = ri.reminder_id JOIN invoices i "
                "ON i.source = ri.source AND i.number = ri.number AND i.status='open' "
                f"WHERE r.status IN {LIVE} /*only i.customer_id*/ ORDER BY r.id"):
            if keep(r[4]):
                sent[(r[0], r[1])].append((r[2], dt.date.fromisoformat(r[3])))
        last_email: dict[str, dt.date] = {}
        last_thanks: dict[str, dt.date] = {}
        thread: dict[str, list[str]] = defaultdict(list)
        sent_times: dict[str, list[str]] = defaultdict(list)
        awaiting: set[str] = set()
        for r in rows(f"SELECT customer_id, local_date, message_id, stage, status, sent_at FROM reminders "
                      f"WHERE status IN {LIVE} /*only customer_id*/ ORDER BY id"):
            if not keep(r[0]):
                continue
            last_email[r[0]] = dt.date.fromisoformat(r[1])
            thread[r[0]].append(r[2])
            if r[3] == "thank_you":
                last_thanks[r[0]] = dt.date.fromisoformat(r[1])
            if r[4] == "awaiting_approval":
                awaiting.add(r[0])
            if r[5]:
                sent_times[r[0]].append(r[5])
        last_reply = {r[0]: r[1] for r in rows(
            "SELECT customer_id, MAX(received_at) FROM replies WHERE kind='human' AND customer_id IS NOT NULL "
            "/*only customer_id*/ GROUP BY customer_id")}
        emails: dict[str, list[str]] = defaultdict(list)
        for r in rows("SELECT customer_id, email FROM contacts WHERE active=1 AND bad=0 /*only customer_id*/ "
                      "ORDER BY email"):
            emails[r[0]].append(r[1])
        pauses = self.active_pauses(today)
        flags = self.active_flags()
        promises = self.open_promises()
        plans = self.active_payment_plans()
        names = {r[0]: tuple(r[1:]) for r in rows(
            "SELECT id, name, language, account_manager, account_manager_email, phone FROM customers "
            "WHERE 1=1 /*only id*/")}

        def invoice(r) -> Invoice:
            cid = r[2]
            return Invoice(r[1], cid, names[cid][0], tuple(emails.get(cid, ())), _date(r[3]),
                           dt.date.fromisoformat(r[4]), Decimal(r[5]), Decimal(r[6]), r[7], names[cid][1],
                           r[8] if len(r) > 8 else "invoice")

        invoices: dict[str, list[InvoiceState]] = defaultdict(list)
        for r in rows(
                "SELECT source, number, customer_id, issue_date, due_date, amount, balance, currency, kind "
                "FROM invoices WHERE status='open' /*only customer_id*/ ORDER BY customer_id, due_date, number"):
            if keep(r[2]):
                invoices[r[2]].append(InvoiceState(invoice(r), r[0], tuple(sent.get((r[0], r[1]), ()))))
        unthanked: dict[str, list[InvoiceState]] = defaultdict(list)
        since = (today - dt.timedelta(days=14)).isoformat()
        for r in rows(
                "SELECT i.source, i.number, i.customer_id, i.issue_date, i.due_date, i.amount, "
                "(SELECT ri.balance FROM reminder_invoices ri WHERE ri.source=i.source AND ri.number=i.number "
                " ORDER BY ri.reminder_id DESC LIMIT 1), i.currency FROM invoices i "
                "WHERE i.status='paid' AND i.closed_at >= ? "
                f"AND EXISTS (SELECT 1 FROM reminder_invoices ri JOIN reminders m ON m.id = ri.reminder_id "
                f"  WHERE ri.source=i.source AND ri.number=i.number AND m.status IN {LIVE} "
                f"  AND ri.stage != 'thank_you') "
                f"AND NOT EXISTS (SELECT 1 FROM reminder_invoices ri JOIN reminders m ON m.id = ri.reminder_id "
                f"  WHERE ri.source=i.source AND ri.number=i.number AND m.status IN {LIVE} "
                f"  AND ri.stage = 'thank_you') /*only i.customer_id*/ ORDER BY i.customer_id, i.number", (since,)):
            if keep(r[2]):
                unthanked[r[2]].append(InvoiceState(invoice(r), r[0]))

        out = []
        for cid in sorted(set(invoices) | set(unthanked)):
            replied = last_reply.get(cid)
            unanswered = sum(1 for t in sent_times.get(cid, ()) if replied is None or t > replied)
            out.append(CustomerState(
                Customer(cid, names[cid][0], tuple(emails.get(cid, ())), names[cid][1], names[cid][2],
                         names[cid][3], phone=names[cid][4]),
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
    def due_customers(self, today: dt.date, *, stages: tuple[Stage, ...], min_days_between: int,
                      promise_grace_days: int) -> set[str]:
        """The customers `planner.plan` may email or settle a promise of today: a superset, found
        in SQL before any object is built. Left out are customers with open invoices that are
        flagged, awaiting an approval, paused, inside a promise's grace, or (unless a promise or a
        payment plan may speak for them) without a working address, emailed less than
        `min_days_between` days ago, or with no invoice whose next stage's day has come. A
        customer with a paid invoice to thank is always in."""
        db = self.db
        held = set(self.active_flags()) | set(self.active_pauses(today))
        held |= {r[0] for r in db.execute("SELECT customer_id FROM reminders WHERE status='awaiting_approval'")}
        speak = set(self.active_payment_plans())
        for cid, promise in self.open_promises().items():
            if today <= promise.due + dt.timedelta(days=promise_grace_days):
                held.add(cid)
            else:
                speak.add(cid)
        positions = {s.name: i for i, s in enumerate(stages)}   # as policy.decide reads them
        if positions:
            by_stage = f"CASE ri.stage {' '.join('WHEN ? THEN ?' for _ in positions)} ELSE -1 END"
            stage_args: list = [x for name, i in positions.items() for x in (name, i)]
        else:
            by_stage, stage_args = "-1", []
        # After the last stage sent (-1: none), the latest due date whose next stage's day has come.
        reach, reach_args = [], []
        for pos in range(-1, len(stages) - 1):
            reach.append("WHEN ? THEN ?")
            reach_args += [pos, _reached_by(today, min(s.days for s in stages[pos + 1:]))]
        last_pos = (f"COALESCE((SELECT MAX({by_stage}) FROM reminder_invoices ri JOIN reminders m "
                    f"ON m.id = ri.reminder_id WHERE ri.source = i.source AND ri.number = i.number "
                    f"AND m.status IN {LIVE}), -1)")
        reached = f"CASE {last_pos} {' '.join(reach)} ELSE NULL END" if reach else "NULL"
        sql = ("SELECT DISTINCT i.customer_id FROM invoices i WHERE i.status = 'open' "
               "AND i.customer_id IN (SELECT customer_id FROM contacts WHERE active = 1 AND bad = 0) ")
        args: list = []
        if min_days_between > 0:
            sql += ("AND i.customer_id NOT IN (SELECT r.customer_id FROM reminders r JOIN "
                    f"(SELECT MAX(id) AS id FROM reminders WHERE status IN {LIVE} GROUP BY customer_id) l "
                    "ON l.id = r.id WHERE r.local_date > ?) ")
            args.append((today - dt.timedelta(days=min_days_between)).isoformat())
        sql += f"AND i.due_date <= {reached}"
        args += stage_args + reach_args
        due = {r[0] for r in db.execute(sql, args)} - held
        since = (today - dt.timedelta(days=14)).isoformat()
        thank = {r[0] for r in db.execute(
            "SELECT DISTINCT customer_id FROM invoices WHERE status='paid' AND closed_at >= ?", (since,))}
        return due | (speak - held) | thank

    def open_balance(self, customer_id: str) -> Decimal:
        return sum((Decimal(r[0]) for r in self.db.execute(
            "SELECT balance FROM invoices WHERE customer_id=? AND status='open'", (customer_id,))), Decimal(0))

    def customer_exists(self, customer_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM customers WHERE id=?", (customer_id,)).fetchone() is not None

    def open_invoice_customers(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT number, customer_id FROM invoices WHERE status='open'")}


def _reached_by(today: dt.date, days: int) -> str:
    """The latest due date whose day `days` after it has come by `today` (ISO, compared as text);
    past the calendar's ends, a bound no date or every date meets."""
    try:
        return (today - dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return "0000-00-00" if days > 0 else "9999-12-31"


class _Restricted:
    """The view's queries for every customer, or for a few (`only`): each query's
    `/*only column*/` becomes `AND column IN (…)`, a batch of ids at a time; for many ids
    one full read, the rows of the others skipped before anything is built from them."""

    BATCH, FEW = 500, 3000

    def __init__(self, db, only: Collection[str] | None):
        self.db = db
        self.only = None if only is None else set(only)
        self.batched = self.only is not None and len(self.only) <= self.FEW
        self.keep = (lambda cid: True) if self.only is None or self.batched else self.only.__contains__

    def __call__(self, sql: str, params: tuple = ()):
        start = sql.index("/*only ")
        end = sql.index("*/", start) + 2
        column = sql[start + 7:end - 2]
        if not self.batched:
            yield from self.db.execute(sql[:start] + sql[end:], params)
            return
        ids = sorted(self.only)
        for n in range(0, len(ids), self.BATCH):
            chunk = ids[n:n + self.BATCH]
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(f"{sql[:start]}AND {column} IN ({marks}){sql[end:]}", (*params, *chunk))
