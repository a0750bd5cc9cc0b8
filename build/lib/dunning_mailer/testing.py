"""Fakes that behave like the real edges: for --dry-run, previews and tests."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .model import Customer, Invoice, Promise, Stage
from .planner import PlannedEmail, offer_for
from .policy import InvoiceState
from .transports import SendResult


@dataclass
class RecordingTransport:
    """Keeps every email in memory; delivers nothing."""

    name: str = "dry-run"
    sent: list[tuple[bytes, tuple[str, ...], str]] = field(default_factory=list)

    def __enter__(self) -> "RecordingTransport":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def send(self, raw: bytes, *, sender: str, recipients: tuple[str, ...], label: str,
             before_data=None, while_data=None) -> SendResult:
        if before_data is not None:
            before_data()
        self.sent.append((raw, recipients, label))
        if while_data is not None:
            while_data()
        return SendResult()


def sample_email(stage: Stage, today: dt.date, *, invoices: int = 2, currencies: tuple[str, ...] = ("ILS",)) -> PlannedEmail:
    """A believable email for previews: a Hebrew customer with a few open invoices."""
    customer = Customer("C-1001", "סטודיו אורן ושות׳", ("accounts@oren-studio.example",))
    states = []
    for i in range(invoices):
        due = today - dt.timedelta(days=stage.days) - dt.timedelta(days=7 * i)
        amount = Decimal("1180.00") * (i + 1)
        balance = amount if i else amount - Decimal("180.00")
        states.append(InvoiceState(Invoice(
            f"2026-{1042 + i:04d}", customer.id, customer.name, customer.emails,
            due - dt.timedelta(days=30), due, amount, balance, currencies[i % len(currencies)])))
    total = sum(s.invoice.balance for s in states)
    promise = Promise(customer.id, today - dt.timedelta(days=2), Decimal("1000.00"),
                      dt.datetime.combine(today - dt.timedelta(days=9), dt.time(11), dt.timezone.utc), total)
    return PlannedEmail(customer, customer.emails, stage, tuple((s, stage) for s in states),
                        offer=offer_for(stage, total, today),
                        promise=promise if stage.name == "promise_followup" else None,
                        instalment=(2, 3, today + dt.timedelta(days=3), (total / 3).quantize(Decimal("1")))
                        if stage.name == "plan_instalment" else None)
