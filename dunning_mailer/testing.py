"""Fakes that behave like the real edges: for --dry-run, previews and tests."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .model import Customer, Invoice, Stage
from .planner import PlannedEmail
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

    def send(self, raw: bytes, *, sender: str, recipients: tuple[str, ...], label: str) -> SendResult:
        self.sent.append((raw, recipients, label))
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
    return PlannedEmail(customer, customer.emails, stage, tuple((s, stage) for s in states))
