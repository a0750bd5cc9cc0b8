"""Rows with a recognisable header -> open invoices; the importer for any export."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from ..model import ImportResult, Invoice
from . import cells as parse
from .base import SUPPORTED_SUFFIXES, SourceError, looks_incomplete
from .columns import (
    HEADER_SCAN_ROWS, KINDS, Header, detect_kind, find_header, header_key,
    missing_for_balances, missing_for_contacts, missing_required,
)
from .tabular import Row, read_rows

# In number, date and amount columns any of these openings marks a total.
_TOTAL_MARKERS = ("סהכ", "total", "subtotal", "grand total", "יתרת פתיחה", "יתרת סגירה", "סיכום")
# Names and free text may start with "Total" ("Total Solutions Ltd"), so
# there only these whole phrases count.
_TOTAL_PHRASE = re.compile(
    r"סהכ.*|(sub|grand )?totals?( for .*|:.*| \(.*\))?|יתרת (פתיחה|סגירה).*"
)
_FREE_TEXT_FIELDS = ("customer_name", "customer_id", "emails")
# Every marker above starts with one of these (after invisible marks, quotes and case).
_MARKER_STARTS = frozenset("stgסי")
_LEADING_NOISE = " \"'׳״\u00a0\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def _marker_text(value: object) -> str:
    return re.sub("[\"'׳״]", "", parse.clean_text(value)).lower()


def is_total_row(cells: Sequence[object], header: Header) -> bool:
    """Whether a row is a subtotal, total, opening or closing balance line."""
    typed = None
    for column, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell:
            continue  # only text can say "Total"
        if cell.lstrip(_LEADING_NOISE)[:1].lower() not in _MARKER_STARTS:
            continue  # cheap: most cells cannot start a marker
        text = _marker_text(cell)
        if typed is None:
            typed = {c for f, c in header.index.items() if f not in _FREE_TEXT_FIELDS}
        if not text:
            continue
        if column in typed and text.startswith(_TOTAL_MARKERS):
            return True
        if _TOTAL_PHRASE.fullmatch(text):
            return True
    return False


class RowError(ValueError):
    """One row could not be read; the message names the column."""


@dataclass
class _Extraction:
    path: Path
    header: Header
    date_order: str
    default_currency: str
    warnings: list[str] = field(default_factory=list)

    def where(self, row: int) -> str:
        return f"{self.path.name} row {row}"

    def warn(self, row: int, message: str) -> None:
        self.warnings.append(f"{self.where(row)}: {message}")

    def cell(self, cells: Sequence[object], name: str) -> object:
        column = self.header.index.get(name)
        if column is None or column >= len(cells):
            return ""
        return cells[column]

    def value(self, cells: Sequence[object], name: str, parser, *args):
        """Parse one field, or None when its cell is empty."""
        cell = self.cell(cells, name)
        if parse.is_blank(cell):
            return None
        try:
            return parser(cell, *args)
        except ValueError as error:
            raise RowError(f"column {self.header.texts[name]!r}: {error}") from None

    def invoice(self, row: int, cells: Sequence[object], customer: dict) -> Invoice | None:
        """The open invoice a row states, or None when it is settled."""
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
            or (balance_cell or (None, None))[1]
            or (amount_cell or (None, None))[1]
            or self.default_currency
        )
        issue = self.value(cells, "issue_date", parse.parse_date, self.date_order)
        due = self.value(cells, "due_date", parse.parse_date, self.date_order)
        if due is None and issue is not None:
            terms = self.cell(cells, "terms")
            if not parse.is_blank(terms):
                due = self.value(cells, "terms", _terms, issue)
            elif balance < 0:
                due = issue  # a credit note never falls due; its date is enough
        if due is None:
            raise RowError("no due date (and no issue date with payment terms)")
        language = None
        try:
            language = self.value(cells, "language", parse.parse_language)
        except RowError as error:
            self.warn(row, f"{error}; language left unset")
        return Invoice(
            number=number,
            customer_id=customer["id"],
            customer_name=customer["name"],
            emails=customer["emails"],
            issue_date=issue,
            due_date=due,
            amount=amount,
            balance=balance,
            currency=currency,
            language=language,
        )

    def customer(self, row: int, cells: Sequence[object]) -> dict | None:
        """The customer the row's own cells state, or None when they are all empty."""
        name = parse.clean_text(self.cell(cells, "customer_name"))
        ident = parse.clean_text(self.cell(cells, "customer_id"))
        emails, rejected = parse.parse_emails(self.cell(cells, "emails"))
        for piece in rejected:
            self.warn(row, f"dropped invalid email {piece!r}")
        if not (name or ident or emails):
            return None
        return {
            "name": name or ident or emails[0],
            "id": ident or (emails[0] if emails else name),
            "emails": emails,
        }


def _terms(terms: object, issue: dt.date) -> dt.date:
    return parse.due_from_terms(issue, terms)


def decide_order(
    path: Path, header: Header, rows: Sequence[Row], date_order: str | None
) -> str:
    """The day/month order for the file's text dates; SourceError when undecidable."""
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
        raise SourceError(
            f"{error}; set date_order = \"DMY\" or \"MDY\" in an [[importer]] profile",
            where=str(path),
        ) from None
    if order:
        return order
    if not pairs or header.hebrew:
        return "DMY"  # Israeli exports write day first
    sample = next(f"{a}/{b}" for a, b in pairs)
    raise SourceError(
        f"every date is ambiguous (e.g. {sample}…: day/month or month/day?) and the "
        "headers are not Hebrew; add an [[importer]] profile for this file with "
        'date_order = "MDY" (US, e.g. QuickBooks) or "DMY"',
        where=str(path),
    )


def _header_problem(path: Path, header: Header | None,
                    overrides: Mapping[str, str] | None, header_row: int | None) -> SourceError:
    if header is None and overrides:
        wanted = ", ".join(f"{f} = {t!r}" for f, t in overrides.items())
        scope = f"row {header_row}" if header_row else f"the first {HEADER_SCAN_ROWS} rows"
        return SourceError(
            f"no row in {scope} holds all the configured columns ({wanted}); check "
            "[importer.columns] against the file's header",
            where=str(path),
        )
    if header_row and (header is None or not header.index):
        return SourceError(
            f"row {header_row} (header_row in the profile) holds no known column "
            "names; fix header_row or name the columns in [importer.columns]",
            where=str(path),
        )
    if header is None or not header.index:
        return SourceError(
            f"no header row found in the first {HEADER_SCAN_ROWS} rows; add an "
            "[[importer]] profile with header_row and [importer.columns] mapping "
            "number, customer_name, due_date and amount to this file's headers",
            where=str(path),
        )
    missing = missing_required(header.index)
    found = ", ".join(f"{f} = {t!r}" for f, t in header.texts.items())
    hint = ""
    if "number" in missing:
        hint = (
            "; a file without document numbers is read as customer balances when it has "
            "a customer and a balance, amount, debit/credit or aging column, and as "
            "contacts when it has a customer and emails (kind = \"balances\" or "
            "\"contacts\" in the profile forces one)"
        )
    return SourceError(
        f"the header on row {header.row} lacks {', '.join(missing)} (found {found}); "
        f"name those columns in [importer.columns] of an [[importer]] profile{hint}",
        where=str(path),
    )


def _kind_problem(path: Path, header: Header, kind: str, missing: list[str],
                  forced: bool) -> SourceError:
    found = ", ".join(f"{f} = {t!r}" for f, t in header.texts.items()) or "nothing known"
    why = (f"kind = {kind!r} in the profile" if forced
           else "its debit/credit columns make it a ledger" if kind == "balances"
           else "it has no document number column")
    return SourceError(
        f"read as {kind} ({why}), but the header on row {header.row} lacks "
        f"{', '.join(missing)} (found {found}); name those columns in [importer.columns] "
        "of an [[importer]] profile, or set its kind",
        where=str(path),
    )


def extract_rows(
    path: Path,
    rows: Sequence[Row],
    *,
    importer: str,
    header_row: int | None = None,
    columns: Mapping[str, str] | None = None,
    date_order: str | None = None,
    default_currency: str = "ILS",
    kind: str | None = None,
) -> ImportResult:
    """What a file's rows hold; row problems become warnings.

    `kind` ("invoices", "balances", "contacts") forces the reading; without it
    the header decides (see `detect_kind`).
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
    header = find_header(rows, columns, header_row)
    if header is None or not header.index:
        raise _header_problem(path, header, columns, header_row)
    chosen = kind or detect_kind(header)
    # Imported here: both build on this module's row helpers.
    if chosen == "balances":
        from .balances import extract_balances

        if missing := missing_for_balances(header):
            raise _kind_problem(path, header, chosen, missing, kind is not None)
        return extract_balances(path, rows, header, importer=importer, date_order=date_order,
                                default_currency=default_currency)
    if chosen == "contacts":
        from .contacts import extract_contacts

        if missing := missing_for_contacts(header):
            raise _kind_problem(path, header, chosen, missing, kind is not None)
        return extract_contacts(path, rows, header, importer=importer)
    if missing_required(header.index):
        if kind:
            raise _kind_problem(path, header, chosen, missing_required(header.index), True)
        raise _header_problem(path, header, columns, header_row)
    body = [(n, c) for n, c in rows if n > header.row]
    work = _Extraction(path, header, decide_order(path, header, body, date_order), default_currency)
    number_key = header_key(header.texts["number"])
    invoices: dict[tuple[str, str], tuple[int, Invoice]] = {}
    owners: set[str] = set()  # invoice numbers seen, to warn when one has two customers
    errors = 0
    carried: dict | None = None
    for row, cells in body:
        if all(parse.is_blank(c) for c in cells):
            # A gap ends an account block: never lend a customer across it.
            carried = None
            continue
        if is_total_row(cells, header):
            carried = None
            continue
        number_cell = work.cell(cells, "number")
        if not (isinstance(number_cell, str) and number_cell[:1].isdigit()) \
                and header_key(number_cell) == number_key:
            continue  # the header repeated on every printed page
        own_customer = work.customer(row, cells)
        if parse.is_blank(number_cell):
            # Account-block labels and subtotals without a marker.
            if own_customer:
                carried = own_customer
            continue
        if not re.search(r"\d", parse.clean_text(number_cell)):
            work.warn(row, f"{parse.clean_text(number_cell)!r} is not a document number; row skipped")
            continue
        if parse.is_closed_status(work.cell(cells, "status")):
            continue
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
            first_row, first = invoices[key]
            # Line-item exports repeat the invoice fields on every line.
            if (first.balance, first.due_date, first.currency) != (
                invoice.balance, invoice.due_date, invoice.currency,
            ):
                work.warn(row, f"invoice {invoice.number} repeats row {first_row} with "
                          "different balance, due date or currency; kept row "
                          f"{first_row}")
            continue
        if invoice.number in owners:
            work.warn(row, f"invoice number {invoice.number} also appears for another customer")
        owners.add(invoice.number)
        invoices[key] = (row, invoice)
    if errors and not invoices:
        raise SourceError(
            "no row could be read as an invoice: " + "; ".join(work.warnings[:3]),
            where=str(path),
        )
    return ImportResult(
        importer=importer,
        invoices=tuple(invoice for _, invoice in invoices.values()),
        header_row=header.row,
        columns=dict(header.texts),
        warnings=tuple(work.warnings),
    )


class GenericImporter:
    """Claims any supported spreadsheet or csv and finds its header by synonyms."""

    name = "generic"

    def __init__(self, default_currency: str = "ILS"):
        self.default_currency = default_currency

    def identify(self, path: Path) -> bool:
        path = Path(path)
        return path.suffix.lower() in SUPPORTED_SUFFIXES and not looks_incomplete(path)

    def extract(self, path: Path) -> ImportResult:
        path = Path(path)
        return extract_rows(
            path, read_rows(path), importer=self.name, default_currency=self.default_currency
        )
