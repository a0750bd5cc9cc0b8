"""The invoice fields, the header names exports use for them, and header finding."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from .cells import clean_text

# Synonyms in order of preference: when two columns match one field, the
# earlier synonym wins (Rivhit has both "מס' מסמך" and "אסמכתא").
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": (
        "מס' חשבונית", "מספר חשבונית", "מס' מסמך", "מספר מסמך", "מס מסמך",
        "Invoice Number", "InvoiceNumber", "Invoice No", "Invoice #", "Invoice No.",
        "Document Number", "Document No", "Num", "No.", "IVNUM", "אסמכתא",
    ),
    "customer_name": (
        "שם לקוח", "שם הלקוח", "לקוח", "שם חשבון", "Customer Name", "Customer",
        "ContactName", "Contact Name", "Client Name", "Client", "CUSTDES",
    ),
    "customer_id": (
        "מס' לקוח", "מספר לקוח", "קוד לקוח", "מפתח חשבון", "מס' חשבון",
        "Customer ID", "CustomerID", "Customer Number", "Customer No", "Client ID",
        "Account", "Account Number", "CUSTNAME",
    ),
    "emails": (
        "אימייל", 'דוא"ל', "דואר אלקטרוני", "מייל", "כתובת מייל", "Email",
        "EmailAddress", "Email Address", "E-mail", "Emails", "Customer Email",
        "מייל איש קשר", 'דוא"ל איש קשר', "Contact Email",
    ),
    "issue_date": (
        "תאריך חשבונית", "תאריך מסמך", "תאריך הפקה", "תאריך", "Invoice Date",
        "InvoiceDate", "Document Date", "Date", "Issue Date",
    ),
    "due_date": (
        "תאריך פירעון", "תאריך פרעון", "תאריך לתשלום", "לתשלום עד", "מועד תשלום",
        "Due Date", "DueDate", "Payment Due",
    ),
    "amount": (
        "סכום חשבונית", "סכום מסמך", "סכום", 'סה"כ', 'סה"כ כולל מע"מ', "Total",
        "Amount", "Invoice Amount", "Invoice Total", "Total Amount",
    ),
    "paid": (
        "סכום ששולם", "שולם", "Amount Paid", "InvoiceAmountPaid", "Paid",
    ),
    "balance": (
        "יתרה לגבייה", "יתרה לתשלום", "יתרה פתוחה", "יתרה", "יתרת חוב", "יתרה מצטברת",
        "Open Balance", "InvoiceAmountDue", "Amount Due", "Balance Due", "Balance",
        "Running Balance", "IVBALANCE",
    ),
    # Ledger cards and trial balances: balance = debit - credit. A single
    # "חובה / זכות" column whose cells say the side ("334,921.00 זכות") is a
    # debit column whose credits parse negative.
    "debit": ("חובה", "חובה / זכות", "חובה/זכות", "Debit", "Dr"),
    "credit": ("זכות", "Credit", "Cr"),
    "currency": ("מטבע", "Currency", "Currency Code", "CurrencyCode"),
    "status": ("סטטוס", "מצב", "מצב מסמך", "Status", "Invoice Status"),
    "terms": ("תנאי תשלום", "Terms", "Payment Terms"),
    "language": ("שפה", "Language"),
    # Contacts files.
    "contact_name": ("איש קשר", "שם איש קשר", "Contact", "Contact Person"),
    "account_manager": (
        "מנהל תיק", "מנהל לקוח", "מנהל החשבון", "איש מכירות", "סוכן", "Account Manager",
        "Sales Rep", "Sales Representative", "Salesperson",
    ),
    "account_manager_email": (
        "מייל מנהל תיק", 'דוא"ל מנהל תיק', "אימייל מנהל תיק", "מייל מנהל לקוח",
        'דוא"ל מנהל לקוח', "מייל איש מכירות", "Account Manager Email",
        "Account Manager E-mail", "Sales Rep Email", "Salesperson Email",
    ),
}
FIELDS: tuple[str, ...] = tuple(SYNONYMS)
HEADER_SCAN_ROWS = 30

_QUOTES = re.compile("[\"'`׳״“”‘’]")
_JOINERS = re.compile(r"[\s_\-]+")


def header_key(text: object) -> str:
    """A header reduced to what identifies it: no marks, quotes, case or spacing."""
    cleaned = clean_text(text).lstrip("*").strip().rstrip(":").strip()
    return _JOINERS.sub("", _QUOTES.sub("", cleaned)).lower()


def _bare_key(text: object) -> str:
    # "סכום (₪)", "Amount (ILS)": the unit in brackets is not part of the name.
    return header_key(re.sub(r"\([^)]*\)|\[[^\]]*\]", "", clean_text(text)))


_LOOKUP: dict[str, tuple[str, int]] = {}
for _field, _names in SYNONYMS.items():
    for _rank, _name in enumerate(_names):
        _LOOKUP.setdefault(header_key(_name), (_field, _rank))


def field_for_header(text: object) -> tuple[str, int] | None:
    """(field, preference rank) a header names, or None."""
    key = header_key(text)
    if not key:
        return None
    return _LOOKUP.get(key) or _LOOKUP.get(_bare_key(text))


@dataclass(frozen=True)
class Header:
    """Where the header is and which column holds which field."""

    row: int  # 1-based
    index: dict[str, int]  # field -> 0-based column
    texts: dict[str, str]  # field -> header text as written (cleaned)
    hebrew: bool  # whether the header is written in Hebrew


def _is_hebrew(cells: Sequence[object]) -> bool:
    return any(re.search("[\u05d0-\u05ea]", clean_text(c)) for c in cells)


def match_header(
    cells: Sequence[object], row: int, overrides: Mapping[str, str] | None = None
) -> Header:
    """Map one row's cells to fields: overrides by exact header, the rest by synonym."""
    index: dict[str, int] = {}
    best_rank: dict[str, int] = {}
    wanted = {header_key(text): field for field, text in (overrides or {}).items()}
    taken: set[int] = set()
    for column, cell in enumerate(cells):
        field = wanted.get(header_key(cell)) if header_key(cell) else None
        if field and field not in index:
            index[field], best_rank[field] = column, -1
            taken.add(column)
    for column, cell in enumerate(cells):
        found = field_for_header(cell)
        if column in taken or not found:
            continue
        field, rank = found
        if field in (overrides or {}):
            continue
        if field not in index or rank < best_rank[field]:
            index[field], best_rank[field] = column, rank
    texts = {field: clean_text(cells[column]) for field, column in index.items()}
    return Header(row=row, index=index, texts=texts, hebrew=_is_hebrew(cells))


def missing_required(index: Mapping[str, int]) -> list[str]:
    """The required fields (or alternatives) the header lacks, as readable phrases."""
    missing = []
    if "number" not in index:
        missing.append("number")
    if "customer_name" not in index and "customer_id" not in index:
        missing.append("customer_name (or customer_id)")
    if "due_date" not in index and not {"issue_date", "terms"} <= index.keys():
        missing.append("due_date (or issue_date + terms)")
    if "amount" not in index and "balance" not in index:
        missing.append("amount or balance")
    return missing


def find_header(
    rows: Sequence[tuple[int, Sequence[object]]],
    overrides: Mapping[str, str] | None = None,
    header_row: int | None = None,
) -> Header | None:
    """The row among the first few that names the most fields, or None.

    With `header_row` only that row is considered; with `overrides` a row must
    contain every overridden header.
    """
    best: Header | None = None
    for number, cells in rows:
        if header_row is not None and number != header_row:
            continue
        if header_row is None and number > HEADER_SCAN_ROWS:
            break
        header = match_header(cells, number, overrides)
        if overrides and not overrides.keys() <= header.index.keys():
            continue
        if best is None or len(header.index) > len(best.index):
            best = header
    return best
