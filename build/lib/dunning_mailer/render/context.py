"""The template context: what a planned email says, as plain data (README, "Templates")."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..model import Offer
from ..planner import PlannedEmail


@dataclass(frozen=True)
class InvoiceLine:
    number: str
    issue_date: dt.date | None
    due_date: dt.date
    amount: Decimal
    balance: Decimal
    currency: str
    days_overdue: int
    stage: str
    kind: str = "invoice"   # "balance": a line of a customer-balance export, not an invoice


@dataclass(frozen=True)
class Total:
    currency: str
    balance: Decimal


@dataclass(frozen=True)
class Instalment:
    number: int
    of: int
    date: dt.date
    amount: Decimal


def context(email: PlannedEmail, *, business: Any, today: dt.date, offer: Offer | None = None) -> dict:
    """The documented template context (see README, "Templates")."""
    lines = [
        InvoiceLine(s.invoice.number, s.invoice.issue_date, s.invoice.due_date, s.invoice.amount,
                    s.invoice.balance, s.invoice.currency, (today - s.invoice.due_date).days, stage.name,
                    s.invoice.kind)
        for s, stage in email.items
    ]
    instalment = None
    if email.instalment:
        instalment = Instalment(*email.instalment)
    return {
        "business": business,
        "customer": email.customer,
        "stage": email.stage,
        "invoices": lines,
        "totals": [Total(cur, bal) for cur, bal in email.totals().items()],
        "today": today,
        "earliest_due": min((line.due_date for line in lines), default=today),
        "offer": offer if offer is not None else email.offer,
        "promise": email.promise,          # promise_followup: .due, .amount, .made_at
        "instalment": instalment,          # plan_instalment: .number, .date, .amount
    }
