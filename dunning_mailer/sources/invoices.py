"""Open invoices out of the rows under an invoices header, read a column at a time.

The cells of one column share a format and repeat (dates, names, addresses,
currencies), so every field's column is parsed in one pass, each distinct text
or number once (cells.ColumnReader); only the carry-down of customers and the
choice of invoices walk the rows. A cell a parser refuses is kept as a Refusal
and reported only when its row needs it, so the warnings and errors are, in
order and wording, those of reading the rows one by one.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Sequence

from ..model import ImportResult, Invoice
from ..phones import phone_text
from . import cells as parse
from .base import SourceError
from .cells import ColumnReader, Refusal
from .columns import Header, header_key
from .questions import (held_rows_question, is_line_column, overstated_question, repeated_question,
                        us_dates_question)
from .rows import RowError, blank_rows, currency_group_ends, group_headings, heading_currency, total_rows
from .statuses import CLOSED, CREDIT, PARTIAL, row_meaning, status_columns, status_meaning
from .tabular import Row

# What one document number on several rows of an invoices file means, as a profile says it
# (`repeated_numbers`): the lines of one invoice, or parts of it that are each still owed.
REPEATS = ("lines", "instalments")

_DIGITS = frozenset("0123456789")


def _invoice_constructor():
    """Invoice(number, customer_id, customer_name, emails, issue_date, due_date, amount,
    balance, currency, language, phone=phone), its slots filled directly: a frozen dataclass's own
    __init__ goes through object.__setattr__ per field, 2.5x slower over 100k rows.
    Invoice itself when its fields are not these (or it gains a __post_init__)."""
    names = ("number", "customer_id", "customer_name", "emails", "issue_date", "due_date",
             "amount", "balance", "currency", "language", "kind", "phone")
    fields = dataclasses.fields(Invoice)
    if (tuple(f.name for f in fields) != names or fields[-2].default != "invoice"
            or hasattr(Invoice, "__post_init__") or not hasattr(Invoice, "__slots__")):
        return Invoice
    (number, customer_id, customer_name, emails, issue_date, due_date, amount, balance,
     currency, language, kind, phone) = (getattr(Invoice, name).__set__ for name in names)
    new = object.__new__

    def invoice(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10=""):
        made = new(Invoice)
        number(made, a0); customer_id(made, a1); customer_name(made, a2); emails(made, a3)
        issue_date(made, a4); due_date(made, a5); amount(made, a6); balance(made, a7)
        currency(made, a8); language(made, a9); kind(made, "invoice"); phone(made, a10)
        return made

    return invoice


_new_invoice = _invoice_constructor()


def body_columns(body: Sequence[Row]) -> list[tuple]:
    """The body's cells column by column; a short row reads as empty cells ("") past its end."""
    rows = [cells for _, cells in body]
    width = max(map(len, rows), default=0)
    if any(len(cells) != width for cells in rows):
        rows = [cells if len(cells) == width else [*cells, *[""] * (width - len(cells))]
                for cells in rows]
    return list(zip(*rows)) if width else []


def decide_order(path: Path, header: Header, columns: Sequence[Sequence[object]],
                 date_order: str | None) -> str:
    """The day/month order for the file's text dates; SourceError when undecidable."""
    if date_order:
        return date_order
    dates = [columns[header.index[f]] for f in ("issue_date", "due_date")
             if f in header.index and header.index[f] < len(columns)]
    parts = {}  # distinct text date -> its first two numbers
    for cells in dates:
        for cell in set(cells):
            if pair := parse.slash_date_parts(cell):
                parts[cell] = pair
    try:
        order = parse.decide_date_order(list(parts.values()))
    except ValueError as error:
        raise SourceError(
            f"{error}; set date_order = \"DMY\" or \"MDY\" in an [[importer]] profile",
            where=str(path),
        ) from None
    if order:
        return order
    if not parts or header.hebrew:
        return "DMY"  # Israeli exports write day first
    first = next(cell for row in zip(*dates) for cell in row if isinstance(cell, str) and cell in parts)
    a, b = parts[first]
    raise SourceError(
        f"every date is ambiguous (e.g. {a}/{b}…: day/month or month/day?) and the "
        "headers are not Hebrew; add an [[importer]] profile for this file with "
        'date_order = "MDY" (US, e.g. QuickBooks) or "DMY"',
        where=str(path),
    )


class _HeaderAgain:
    """The number column repeats its header (printed pages): the row is skipped."""


class _NoNumber:
    """An empty number cell: an account-block label or an unmarked subtotal."""


class _NotANumber:
    """A number cell without a digit in it."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


_HEADER_AGAIN, _NO_NUMBER = _HeaderAgain(), _NoNumber()


def _read_number(cell: object, header_text: str):
    """What a number cell says: a document number, _HEADER_AGAIN, _NO_NUMBER, a
    _NotANumber, or a Refusal of parse_document_number."""
    if (type(cell) is str and cell[:1] in _DIGITS and cell.isascii() and cell.isprintable()
            and " " not in cell):
        return cell  # already clean, starts with a digit: the number as written
    if not (isinstance(cell, str) and cell[:1].isdigit()) and header_key(cell) == header_text:
        return _HEADER_AGAIN
    if parse.is_blank(cell):
        return _NO_NUMBER
    text = parse.clean_text(cell)
    if not re.search(r"\d", text):
        return _NotANumber(text)
    try:
        return parse.parse_document_number(cell)
    except Exception as error:
        return Refusal(error)


class _Fields:
    """Every field's readings down the body, by position; a Refusal becomes a RowError
    (the column named) when the row asks for it."""

    def __init__(self, header: Header, columns: Sequence[Sequence[object]], height: int,
                 date_order: str, default_currency: str):
        self.header = header
        self.default_currency = default_currency
        self.nothing = [None] * height
        self.columns, self.height = columns, height
        money = parse.money_reader()  # amounts, balances and payments share values
        dates = ColumnReader(parse.parse_date, date_order, ready=dt.date)
        self.amount = self.read("amount", money)
        self.balance = self.read("balance", money)
        self.paid = self.read("paid", money)
        self.currency = self.read("currency", ColumnReader(parse.parse_currency))
        self.issue = self.read("issue_date", dates)
        self.due = self.read("due_date", dates)
        self.language = self.read("language", ColumnReader(parse.parse_language))
        self.terms = self.cells("terms")

    def cells(self, name: str) -> Sequence[object]:
        column = self.header.index.get(name)
        if column is None or column >= len(self.columns):
            return [""] * self.height
        return self.columns[column]

    def read(self, name: str, reader: ColumnReader) -> list:
        column = self.header.index.get(name)
        if column is None or column >= len(self.columns):
            return self.nothing
        return reader.read(self.columns[column])

    def refused(self, name: str, refusal: Refusal) -> Exception:
        if isinstance(refusal.error, ValueError):
            return RowError(f"column {self.header.texts[name]!r}: {refusal.error}")
        return refusal.error

def row_statuses(header: Header, columns: Sequence[Sequence[object]], height: int,
                 closed: frozenset) -> list[str | None]:
    """Per row: what its statuses say together (statuses.row_meaning), every status column read."""
    readings = [ColumnReader(status_meaning, closed).read(columns[c])
                for c in status_columns(header) if c < len(columns)]
    if not readings:
        return [None] * height
    if len(readings) == 1:
        return readings[0]
    return [row_meaning(meanings) for meanings in zip(*readings)]


def _invoice(fields: _Fields, number: str, customer: dict, amount_cell, balance_cell, paid_cell,
             currency, issue, due, language, terms, warn, credit: bool = False) -> Invoice | None:
    """The open invoice a data row states from its fields' readings, or None when it is
    settled; RowError (or the parser's own error) for a field it needs and cannot read."""
    if type(amount_cell) is Refusal:
        raise fields.refused("amount", amount_cell)
    if type(balance_cell) is Refusal:
        raise fields.refused("balance", balance_cell)
    if type(paid_cell) is Refusal:
        raise fields.refused("paid", paid_cell)
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
    if credit and balance > 0:  # a credit note by its document type, written positive (Xero)
        amount, balance = -abs(amount), -balance
        warn(f"a credit note by its document type, written positive: read as {balance}")
    if type(currency) is Refusal:
        raise fields.refused("currency", currency)
    currency = (
        currency
        or (balance_cell or (None, None))[1]
        or (amount_cell or (None, None))[1]
        or fields.default_currency
    )
    if type(issue) is Refusal:
        raise fields.refused("issue_date", issue)
    if type(due) is Refusal:
        raise fields.refused("due_date", due)
    if due is None and issue is not None:
        if not parse.is_blank(terms):
            try:
                due = parse.due_from_terms(issue, terms)
            except ValueError as error:
                raise RowError(f"column {fields.header.texts.get('terms', 'terms')!r}: {error}") from None
        elif balance < 0:
            due = issue  # a credit note never falls due; its date is enough
    if due is None:
        raise RowError("no due date (and no issue date with payment terms)")
    if type(language) is Refusal:
        error = fields.refused("language", language)
        if not isinstance(error, RowError):
            raise error
        warn(f"{error}; language left unset")
        language = None
    if _new_invoice is Invoice:
        return Invoice(number, customer["id"], customer["name"], customer["emails"], issue, due,
                       amount, balance, currency, language, phone=customer.get("phone", ""))
    return _new_invoice(number, customer["id"], customer["name"], customer["emails"], issue, due,
                        amount, balance, currency, language, customer.get("phone", ""))


def _customer(name_cell: object, ident_cell: object, emails_cell: object,
              phone_cell: object = "") -> tuple[dict | None, tuple]:
    """(the customer a row's own cells state, or None when they are all empty; the email
    pieces dropped as invalid). A phone alone names no customer."""
    name = parse.clean_text(name_cell)
    ident = parse.clean_text(ident_cell)
    emails, rejected = parse.parse_emails(emails_cell)
    if not (name or ident or emails):
        return None, rejected
    return {
        "name": name or ident or emails[0],
        "id": ident or (emails[0] if emails else name),
        "emails": emails,
        "phone": phone_text(phone_cell),
    }, rejected


class _Customers(dict):
    """Distinct (name, id, emails, phone) cells -> (customer, dropped email pieces); read on lookup."""

    def __missing__(self, cells: tuple) -> tuple[dict | None, tuple]:
        found = self[cells] = _customer(*cells)
        return found


# Equal cells of these types read as the same text (True == 1 reads "TRUE", not "1").
_TEXT_LIKE = frozenset({str, int, float})


def _customers(fields: _Fields) -> list[tuple[dict | None, tuple]]:
    """Per position: the customer its own cells state (or None) and the email pieces it
    dropped. Customers repeat down a file: each distinct set of cells is read once."""
    columns = [fields.cells(name) for name in ("customer_name", "customer_id", "emails", "phone")]
    known = _Customers()
    if all(set(map(type, cells)) <= _TEXT_LIKE for cells in columns):
        return list(map(known.__getitem__, zip(*columns)))
    return [known[trio] if all(type(c) in _TEXT_LIKE for c in trio) else _customer(*trio)
            for trio in zip(*columns)]


def _totals_currency(header: Header, columns: Sequence[Sequence[object]], totals: set[int]) -> str | None:
    """The one currency the total rows write ("$1,523.50") when no row of the body states any:
    a QuickBooks report marks its currency only there."""
    if not totals or "currency" in header.index:
        return None
    money = [header.index[f] for f in ("amount", "balance") if f in header.index]
    found = set()
    for column in money:
        if column >= len(columns):
            continue
        cells = columns[column]
        for i, cell in enumerate(cells):
            if isinstance(cell, str) and cell and not cell[:1].isdigit():
                try:
                    code = parse.parse_amount(cell)[1]
                except ValueError:
                    continue
                if code and i not in totals:
                    return None  # the rows state their own currencies
                if code:
                    found.add(code)
    return found.pop() if len(found) == 1 else None


def extract_invoices(path: Path, rows: Sequence[Row], header: Header, *, importer: str,
                     date_order: str | None, default_currency: str, headings: bool = False,
                     closed: frozenset = frozenset(), default_terms: str | None = None,
                     repeats: str | None = None, currency_known: bool = True) -> ImportResult:
    """The open invoices under an invoices header; row problems become warnings, and a row with a
    document number that cannot be read holds the file (its invoice would look paid).

    `headings`: customers come from group-heading rows (see rows.group_headings); `closed`: a
    profile's own words for statuses that are not owed; `repeats`: what one document number on several
    rows means (REPEATS), when the user has said."""
    body = [(n, c) for n, c in rows if n > header.row]
    height = len(body)
    columns = body_columns(body)
    order = decide_order(path, header, columns, date_order)
    totals = total_rows(columns, header)
    if totalled := _totals_currency(header, columns, totals):
        default_currency, currency_known = totalled, True
    fields = _Fields(header, columns, height, order, default_currency)
    if default_terms:  # a profile's terms for the rows whose own cell says none
        fields.terms = [default_terms if parse.is_blank(t) else t for t in fields.terms]
    ends_block = blank_rows(columns, height) | totals
    number_header = header_key(header.texts["number"])
    numbers = [_read_number(cell, number_header) for cell in fields.cells("number")]
    closed = row_statuses(header, columns, height, closed)
    knows_balance = "balance" in header.index or "paid" in header.index
    customers = _customers(fields)
    group = group_headings(body, header) if headings else {}
    held: list[tuple[int, str]] = []
    overstated: list[int] = []  # rows whose balance is more than the amount less what was paid
    repeated: list[tuple[str, int, int, bool]] = []  # (number, first row, this row, same fields)
    # A column that only a line of an invoice has (item, quantity, description…): rows that
    # repeat a document number with the same fields are its lines.
    line_level = any(is_line_column(c) for n, cells in rows if n == header.row for c in cells)

    warnings: list[str] = []
    invoices: dict[tuple[str, str], tuple[int, Invoice]] = {}
    owners: set[str] = set()  # invoice numbers seen, to warn when one has two customers
    errors = 0
    carried: dict | None = None
    group_currency: str | None = None  # a currency group's heading, for rows that write none
    used = frozenset(header.index.values())
    where = path.name
    readings = zip((n for n, _ in body), numbers, customers, closed, fields.amount, fields.balance,
                   fields.paid, fields.currency, fields.issue, fields.due, fields.language, fields.terms)
    for i, (row, number, (own_customer, rejected), closed_status, amount, balance, paid, currency,
            issue, due, language, terms) in enumerate(readings):
        if i in ends_block:
            # A gap or a total ends an account block: never lend a customer across it.
            carried = None
            if group_currency and i in totals and currency_group_ends(body[i][1], group_currency):
                group_currency = None
            continue
        if number is _HEADER_AGAIN:
            continue  # the header repeated on every printed page
        for piece in rejected:
            warnings.append(f"{where} row {row}: dropped invalid email {piece!r}")
        if type(number) is not str:
            if code := heading_currency(body[i][1], used):
                group_currency = code  # "EUR" over its customers' groups (Xero, by currency)
                continue
            if number is _NO_NUMBER:
                # Account-block labels, group headings and subtotals without a marker.
                if own_customer:
                    carried = own_customer
                elif i in group:
                    carried = group[i]
                continue
            if type(number) is _NotANumber:
                if i in group:  # the heading written in the number column
                    carried = group[i]
                    continue
                warnings.append(f"{where} row {row}: {number.text!r} is not a document number; "
                                "row skipped")
                continue
        if closed_status == CLOSED:
            continue
        if closed_status == PARTIAL and not knows_balance:
            # The status says part is paid and the file says not how much: the full amount
            # would be a wrong number in a reminder.
            held.append((row, "its status says partly paid, and the file has no balance or paid column"))
            continue
        customer = own_customer or carried
        if own_customer:
            carried = own_customer
        if customer is None:
            warnings.append(f"{where} row {row}: no customer name, id or email; row skipped")
            errors += 1
            held.append((row, "no customer name, id or email"))
            continue
        try:
            if type(number) is Refusal:
                raise number.error
            invoice = _invoice(fields, number, customer, amount, balance, paid,
                               currency or group_currency, issue, due, language, terms,
                               lambda text: warnings.append(f"{where} row {row}: {text}"),
                               closed_status == CREDIT)
        except (RowError, ValueError) as error:
            warnings.append(f"{where} row {row}: {error}; row skipped")
            errors += 1
            held.append((row, str(error)))
            continue
        if invoice is None:
            continue
        if _overstated(amount, balance, paid):
            overstated.append(row)
        key = (invoice.number, invoice.customer_id)
        if key in invoices:
            first_row, first = invoices[key]
            if repeats == "instalments" and first.currency == invoice.currency:
                invoices[key] = (first_row, dataclasses.replace(
                    first, amount=first.amount + invoice.amount, balance=first.balance + invoice.balance,
                    due_date=min(first.due_date, invoice.due_date)))
                continue
            same = (first.balance, first.due_date, first.currency) == (
                invoice.balance, invoice.due_date, invoice.currency)
            # Line-item exports repeat the invoice's own fields on every line; anything else is
            # two readings of one debt (lines? instalments to add up? a copy?) and a person says which.
            if same and (repeats == "lines" or line_level):
                continue
            repeated.append((invoice.number, first_row, row, same))
            continue
        if invoice.number in owners:
            warnings.append(f"{where} row {row}: invoice number {invoice.number} also appears "
                            "for another customer")
        owners.add(invoice.number)
        invoices[key] = (row, invoice)
    if errors and not invoices:
        raise SourceError(
            "no row could be read as an invoice: " + "; ".join(warnings[:3]),
            where=str(path),
        )
    read = tuple(invoice for _, invoice in invoices.values())
    us_dates = (not currency_known and date_order is None and order == "MDY" and "currency" not in header.index
                and read and all(i.currency == default_currency for i in read))
    return ImportResult(
        importer=importer,
        invoices=read,
        header_row=header.row,
        columns=dict(header.texts),
        warnings=tuple(warnings),
        questions=((held_rows_question(held),) if held else ())
        + ((overstated_question(path, header, overstated),) if overstated else ())
        + ((repeated_question(path, repeated),) if repeated else ())
        + ((us_dates_question(path, default_currency),) if us_dates else ()),
    )


def _overstated(amount_cell, balance_cell, paid_cell) -> bool:
    """Whether a row's own balance is more than its amount less what was paid: a running
    balance, or an "Amount Due" that is the amount asked and not what is still open."""
    if not amount_cell or not balance_cell or amount_cell[0] <= 0:
        return False
    paid = paid_cell[0] if paid_cell else 0
    return balance_cell[0] > amount_cell[0] - paid
