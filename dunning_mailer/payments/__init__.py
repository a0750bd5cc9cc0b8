"""Payments from the bank: statement credits matched to open invoices. Pure: plain data in,
decisions out; the readers live in sources/bank, what is stored in ledger/payments.

    payments.match(credits, open_invoices, customers, known_payers, today) -> list[Decision]
"""
from __future__ import annotations

from .matching import match, payer_key
from .model import (MATCHED, REVIEW, STATUSES, UNMATCHED, UNRELATED, Allocation, BankLine, Credit, CustomerName,
                    Decision, KnownPayer, MatchPolicy, OpenInvoice, line_identity)
from .unrelated import unrelated_kind

__all__ = ["MATCHED", "REVIEW", "STATUSES", "UNMATCHED", "UNRELATED", "Allocation", "BankLine", "Credit",
           "CustomerName", "Decision", "KnownPayer", "MatchPolicy", "OpenInvoice", "line_identity", "match",
           "payer_key", "unrelated_kind"]
