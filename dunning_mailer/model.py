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


@dataclass(frozen=True, slots=True)
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
    kind: str = "invoice"        # "invoice", or "balance": a customer-balance export's one line per customer
    phone: str = ""              # the customer's phone number(s) as the export writes them (phones.py)


@dataclass(frozen=True)
class Customer:
    id: str
    name: str
    emails: tuple[str, ...] = ()
    language: str | None = None
    account_manager: str = ""        # our side's person for this customer (C15)
    account_manager_email: str = ""
    phone: str = ""                  # as the files wrote it, "; " between numbers (phones.shown_phones)


@dataclass(frozen=True)
class Stage:
    """One rung of the ladder; `days` is relative to the due date."""

    name: str
    days: int
    template: str
    requires_approval: bool = False          # waits for `dunning-mailer approve`
    min_total: Decimal | None = None         # skipped below this open total (C14: off by default)
    discount_percent: Decimal | None = None  # an early-payment benefit (C8)
    discount_days: int | None = None         # ... valid this many days from the email
    instalments: int | None = None           # offer a payment plan (C9)
    min_instalment: Decimal | None = None
    cc_account_manager: bool = False         # C15


@dataclass(frozen=True)
class Promise:
    """A customer's word: pay `amount` (or everything) by `due` (C11)."""

    customer_id: str
    due: dt.date
    amount: Decimal | None
    made_at: dt.datetime
    balance_then: Decimal
    origin: str = "manual"  # manual | reply


@dataclass(frozen=True)
class PaymentPlan:
    """Agreed instalments (C9): a short note before each date instead of the ladder."""

    customer_id: str
    dates: tuple[dt.date, ...]
    amount: Decimal            # per instalment
    notes_sent: int = 0


@dataclass(frozen=True)
class Contact:
    """Who to write to for a customer, from a contacts file (for exports that carry no emails)."""

    customer_id: str
    name: str = ""
    emails: tuple[str, ...] = ()
    account_manager: str = ""          # a person on our side (C15)
    account_manager_email: str = ""
    language: str | None = None
    phone: str = ""


@dataclass(frozen=True)
class ImportResult:
    """What an importer made of one file."""

    importer: str
    invoices: tuple[Invoice, ...]
    header_row: int | None = None  # 1-based row number in the file
    columns: dict[str, str] = field(default_factory=dict)  # field -> header text
    warnings: tuple[str, ...] = ()
    kind: str = "invoices"         # "invoices", "balances" (one line per customer) or "contacts"
    contacts: tuple[Contact, ...] = ()
    unused_columns: tuple[str, ...] = ()  # header texts (or "column F") the reading did not use
    # What a person must settle before the file may change the ledger (a column that looks
    # like money, an unknown status, an unreadable cell); each names the config line that would.
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Offer:
    """What a stage offers, for the templates: an early-payment benefit (C8) or instalments (C9)."""

    discount_percent: Decimal | None = None
    discount_until: dt.date | None = None
    instalments: int | None = None
    instalment_amount: Decimal | None = None


@dataclass(frozen=True)
class Layout:
    """The shared email layout's switches (config.toml [layout]); its words are in `_phrases.md`."""

    summary: bool = True             # the box at the top: what is owed, by when, a pay button
    transfer_reference: bool = True  # under the bank details: ask for the invoice number in the transfer
    width: int = 600                 # the card's width on a wide screen, in pixels
