"""What the matcher reads and what it decides: plain frozen dataclasses, Decimal money, no I/O."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

# A decision's status.
MATCHED = "matched"      # confident: the allocations are applied (invoices closed or reduced)
REVIEW = "review"        # unsure: nothing is closed; the candidate customers are held for a person
UNRELATED = "unrelated"  # a credit that pays no invoice (card settlement, loan, refund, interest…)
UNMATCHED = "unmatched"  # no invoice or customer fits; shown, holds nobody
STATUSES = (MATCHED, REVIEW, UNRELATED, UNMATCHED)


@dataclass(frozen=True, slots=True)
class BankLine:
    """One line of a bank statement as the bank wrote it; `amount` is positive for a credit."""

    date: dt.date
    amount: Decimal
    description: str
    reference: str = ""
    value_date: dt.date | None = None
    currency: str = "ILS"
    account: str = ""
    balance: Decimal | None = None
    row: int | None = None      # where it was read (for messages; never part of its identity)

    @property
    def is_credit(self) -> bool:
        return self.amount > 0


def line_identity(line: BankLine) -> str:
    """What makes two lines of overlapping statements the same line: account, date, amount,
    reference and description (spacing and letter case aside), never the position in the file."""
    description = " ".join(line.description.split()).casefold()
    reference = line.reference.strip().lstrip("0")
    return "|".join((line.account.strip(), line.date.isoformat(), f"{line.amount:.2f}", line.currency,
                     reference, description))


@dataclass(frozen=True, slots=True)
class Credit:
    """Money that came in: the matcher's input. `id` is the caller's handle (a ledger line id)."""

    id: str
    date: dt.date
    amount: Decimal
    description: str
    reference: str = ""
    currency: str = "ILS"


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    """An invoice still open, with what is left to pay."""

    number: str
    customer_id: str
    balance: Decimal
    due_date: dt.date
    currency: str = "ILS"
    issue_date: dt.date | None = None
    source: str = "default"
    references: tuple[str, ...] = ()   # other texts a payer may quote for it (e.g. our reminder's reference)


@dataclass(frozen=True, slots=True)
class CustomerName:
    """Who a customer is, for recognising their transfers: the name and any other names they use."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KnownPayer:
    """A payer name seen on a confirmed payment of this customer (learned, per installation)."""

    name: str
    customer_id: str


@dataclass(frozen=True, slots=True)
class Allocation:
    """Part of a credit applied to one invoice; `closes` when it pays what was left."""

    number: str
    source: str
    amount: Decimal
    closes: bool


@dataclass(frozen=True)
class Decision:
    """What one credit is. Only a MATCHED decision changes invoices; a REVIEW one holds the
    `candidates` (customers) until a person confirms or rejects it."""

    credit_id: str
    status: str
    confidence: float
    reasons: tuple[str, ...]
    customer_id: str | None = None
    allocations: tuple[Allocation, ...] = ()     # applied if MATCHED; proposed if REVIEW
    candidates: tuple[str, ...] = ()             # customers a REVIEW decision holds
    surplus: Decimal = Decimal(0)                # paid beyond the invoices it covers
    basis: str = ""                              # "invoice number", "payer name and amount", …

    @property
    def closes(self) -> tuple[str, ...]:
        return tuple(a.number for a in self.allocations if a.closes)


@dataclass(frozen=True)
class MatchPolicy:
    """The matcher's thresholds (config `[payments]`)."""

    amount_tolerance: Decimal = Decimal("1.00")   # paid in full when within this of the balance
    confident: float = 0.9                        # at or above: MATCHED
    days_before_issue: int = 7                    # a payment this long before an invoice's date is not for it
    max_subset: int = 12                          # invoices searched for a combination that sums to a credit
    max_candidates: int = 3                       # customers a REVIEW may hold at once
