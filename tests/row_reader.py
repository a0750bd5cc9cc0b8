"""The row-at-a-time invoice reader that the column-wise one replaced (commit 9bc879d),
kept here only as the oracle of test_sources_columnwise.py: on any sheet, both must give
the same invoices, warnings and errors. It calls the same single-cell parsers
(dunning_mailer.sources.cells), which remain the careful path of the product.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from dunning_mailer.model import ImportResult, Invoice
from dunning_mailer.sources import cells as parse
from dunning_mailer.sources.base import SourceError
from dunning_mailer.sources.columns import Header, header_key
from dunning_mailer.sources.rows import currency_group_ends, heading_currency
from dunning_mailer.sources.statuses import (CLOSED, PARTIAL, row_meaning,
                                              status_columns, status_meaning)

_TOTAL_MARKERS = ("סהכ", "total", "subtotal", "grand total", "יתרת פתיחה", "יתרת סגירה", "סיכום")
_TOTAL_PHRASE = re.compile(
    r"סהכ.*|(sub|grand )?totals?( for .*|:.*| \(.*\))?|יתרת (פתיחה|סגירה).*"
    r"|totals? (unpaid|overdue|outstanding|due|receivables?|ar|a/r|open|balance|amount)( .*)?"
)
_FREE_TEXT_FIELDS = ("customer_name", "customer_id", "emails")
_MARKER_STARTS = frozenset("stgסי")
_LEADING_NOISE = " \"'׳״\u00a0\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def is_total_row(cells: Sequence[object], header: Header) -> bool:
    typed = {c for f, c in header.index.items() if f not in _FREE_TEXT_FIELDS}
    for column, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell:
            continue
        if cell.lstrip(_LEADING_NOISE)[:1].lower() not in _MARKER_STARTS:
            continue
        text = re.sub("[\"'׳״]", "", parse.clean_text(cell)).lower()
        if not text:
            continue
        if column in typed and text.startswith(_TOTAL_MARKERS):
            return True
        if _TOTAL_PHRASE.fullmatch(text):
            return True
    return False


class RowError(ValueError):
    pass


class Rows:
    def __init__(self, path: Path, header: Header, date_order: str, default_currency: str):
        self.path, self.header, self.date_order = path, header, date_order
        self.default_currency = default_currency
        self.group_currency = None  # a currency heading's, over the groups below it
        self.warnings: list[str] = []

    def warn(self, row: int, message: str) -> None:
        self.warnings.append(f"{self.path.name} row {row}: {message}")

    def cell(self, cells, name):
        column = self.header.index.get(name)
        if column is None or column >= len(cells):
            return ""
        return cells[column]

    def value(self, cells, name, parser, *args):
        cell = self.cell(cells, name)
        if parse.is_blank(cell):
            return None
        try:
            return parser(cell, *args)
        except ValueError as error:
            raise RowError(f"column {self.header.texts[name]!r}: {error}") from None

    def invoice(self, row, cells, customer):
        number = parse.parse_document_number(self.cell(cells, "number"))
        amount_cell = self.value(cells, "amount", parse.parse_amount)
        balance_cell = self.value(cells, "balance", parse.parse_amount)
        paid_cell = self.value(cells, "paid", parse.parse_amount)
        if amount_cell is None and balance_cell is None:
            raise RowError("no amount or balance")
        amount = amount_cell[0] if amount_cell else balance_cell[0]
        if balance_cell is not None:
            balance = balance_cell[0]
        elif paid_cell is not None:
            balance = amount - paid_cell[0]
        else:
            balance = amount
        if balance == 0:
            return None
        currency = (
            self.value(cells, "currency", parse.parse_currency)
            or self.group_currency
            or (balance_cell or (None, None))[1]
            or (amount_cell or (None, None))[1]
            or self.default_currency
        )
        issue = self.value(cells, "issue_date", parse.parse_date, self.date_order)
        due = self.value(cells, "due_date", parse.parse_date, self.date_order)
        if due is None and issue is not None:
            terms = self.cell(cells, "terms")
            if not parse.is_blank(terms):
                due = self.value(cells, "terms", lambda t, i: parse.due_from_terms(i, t), issue)
            elif balance < 0:
                due = issue
        if due is None:
            raise RowError("no due date (and no issue date with payment terms)")
        language = None
        try:
            language = self.value(cells, "language", parse.parse_language)
        except RowError as error:
            self.warn(row, f"{error}; language left unset")
        return Invoice(number=number, customer_id=customer["id"], customer_name=customer["name"],
                       emails=customer["emails"], issue_date=issue, due_date=due, amount=amount,
                       balance=balance, currency=currency, language=language)

    def customer(self, row, cells):
        name = parse.clean_text(self.cell(cells, "customer_name"))
        ident = parse.clean_text(self.cell(cells, "customer_id"))
        emails, rejected = parse.parse_emails(self.cell(cells, "emails"))
        for piece in rejected:
            self.warn(row, f"dropped invalid email {piece!r}")
        if not (name or ident or emails):
            return None
        return {"name": name or ident or emails[0], "id": ident or (emails[0] if emails else name),
                "emails": emails}


def decide_order(path, header, rows, date_order):
    if date_order:
        return date_order
    columns = [header.index[f] for f in ("issue_date", "due_date") if f in header.index]
    pairs = []
    for _, cells in rows:
        for column in columns:
            if column < len(cells) and (pair := parse.slash_date_parts(cells[column])):
                pairs.append(pair)
    try:
        order = parse.decide_date_order(pairs)
    except ValueError as error:
        raise SourceError(f"{error}; set date_order = \"DMY\" or \"MDY\" in an [[importer]] profile",
                          where=str(path)) from None
    if order:
        return order
    if not pairs or header.hebrew:
        return "DMY"
    sample = next(f"{a}/{b}" for a, b in pairs)
    raise SourceError(
        f"every date is ambiguous (e.g. {sample}…: day/month or month/day?) and the "
        "headers are not Hebrew; add an [[importer]] profile for this file with "
        'date_order = "MDY" (US, e.g. QuickBooks) or "DMY"',
        where=str(path),
    )


def read_invoice_rows(path: Path, rows, header: Header, *, importer: str, date_order=None,
                      default_currency: str = "ILS") -> ImportResult:
    """What extract_rows did for an invoices header, rows after the header only."""
    body = [(n, c) for n, c in rows if n > header.row]
    work = Rows(path, header, decide_order(path, header, body, date_order), default_currency)
    number_key = header_key(header.texts["number"])
    invoices: dict = {}
    owners: set = set()
    errors = 0
    carried = None
    for row, cells in body:
        if all(parse.is_blank(c) for c in cells):
            carried = None
            continue
        if is_total_row(cells, header):
            carried = None
            if work.group_currency and currency_group_ends(cells, work.group_currency):
                work.group_currency = None
            continue
        number_cell = work.cell(cells, "number")
        if parse.is_blank(number_cell) or not re.search(r"\d", parse.clean_text(number_cell)):
            if code := heading_currency(cells, frozenset(header.index.values())):
                work.group_currency = code
                continue
        if not (isinstance(number_cell, str) and number_cell[:1].isdigit()) \
                and header_key(number_cell) == number_key:
            continue
        own_customer = work.customer(row, cells)
        if parse.is_blank(number_cell):
            if own_customer:
                carried = own_customer
            continue
        if not re.search(r"\d", parse.clean_text(number_cell)):
            work.warn(row, f"{parse.clean_text(number_cell)!r} is not a document number; row skipped")
            continue
        meaning = row_meaning(status_meaning(cells[c] if c < len(cells) else "")
                              for c in status_columns(header))
        if meaning == CLOSED:
            continue
        if meaning == PARTIAL and not {"balance", "paid"} & header.index.keys():
            continue  # held: partly paid, and the file says not how much
        customer = own_customer or carried
        if own_customer:
            carried = own_customer
        if customer is None:
            work.warn(row, "no customer name, id or email; row skipped")
            errors += 1
            continue
        try:
            invoice = work.invoice(row, cells, customer)
        except (RowError, ValueError) as error:
            work.warn(row, f"{error}; row skipped")
            errors += 1
            continue
        if invoice is None:
            continue
        key = (invoice.number, invoice.customer_id)
        if key in invoices:
            # A repeated number keeps its first row here; whether the file is then held with a
            # question (not lines of one invoice) is the reader's, and not compared.
            continue
        if invoice.number in owners:
            work.warn(row, f"invoice number {invoice.number} also appears for another customer")
        owners.add(invoice.number)
        invoices[key] = (row, invoice)
    if errors and not invoices:
        raise SourceError("no row could be read as an invoice: " + "; ".join(work.warnings[:3]),
                          where=str(path))
    return ImportResult(importer=importer, invoices=tuple(i for _, i in invoices.values()),
                        header_row=header.row, columns=dict(header.texts), warnings=tuple(work.warnings))
