"""The domain vocabulary: plain frozen dataclasses, Decimal money, no I/O."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


class DunningError(Exception):
    """Base of every error the program reports to a person.

    It carries where the problem is (file, row, key, customer) so the CLI can
    turn it into one readable sentence.
    """

    def __init__(self, message: str, *, where: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class Invoice:
    """One open invoice as an export states it, normalized."""

    number: str
    customer_id: str
    customer_name: str
    emails: tuple[str, ...]
    issue_date: dt.date | None
    due_date: dt.date
    amount: Decimal
    balance: Decimal
    currency: str = "ILS"
    language: str | None = None  # "he", "en"… when the export says


@dataclass(frozen=True)
class Customer:
    id: str
    name: str
    emails: tuple[str, ...] = ()
    language: str | None = None


@dataclass(frozen=True)
class Stage:
    """One rung of the ladder; `days` is relative to the due date."""

    name: str
    days: int
    template: str


@dataclass(frozen=True)
class ImportResult:
    """What an importer made of one file."""

    importer: str
    invoices: tuple[Invoice, ...]
    header_row: int | None = None  # 1-based row number in the file
    columns: dict[str, str] = field(default_factory=dict)  # field -> header text
    warnings: tuple[str, ...] = ()
