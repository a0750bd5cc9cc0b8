"""What every importer shares about rows: totals, subtotals and footers told apart from data, blank
rows, and the row errors and warnings one extraction collects."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path
from typing import Sequence

from ..phones import phone_text
from . import cells as parse
from .columns import Header
from .tabular import Row


# In number, date and amount columns any of these openings marks a total.
_TOTAL_MARKERS = ("סהכ", "total", "subtotal", "grand total", "יתרת פתיחה", "יתרת סגירה", "סיכום")


# Names and free text may start with "Total" ("Total Solutions Ltd"), so
# there only these whole phrases count.
_TOTAL_PHRASE = re.compile(
    r"סהכ.*|(sub|grand )?totals?( for .*|:.*| \(.*\))?|יתרת (פתיחה|סגירה).*"
    r"|totals? (aged |accounts |trade )?(unpaid|overdue|outstanding|due|receivables?|ar|a/r|open|balance|amount"
    r"|debtors|customers)( .*)?"
    # A printed page's footer: "עמוד 1 מתוך 3", "דף 2 מ-3", "Page 1 of 3".
    r"|(עמוד|דף) \d+ (מתוך|מ-?) ?\d+|page \d+ (of|/) ?\d+"
    # A share-of-total line under an aging summary: "Percentage of total", "% of total".
    r"|(percentage|percent|%) of total.*|אחוז(ים)? מ(ה)?סהכ.*"
)


_FREE_TEXT_FIELDS = ("customer_name", "customer_id", "emails")


# Every marker above starts with one of these (after invisible marks, quotes and case).
_MARKER_STARTS = frozenset("stgסיעדpא%")


_LEADING_NOISE = " \"'׳״\u00a0\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


# The first characters a cell that passes that test can have.
_MARKER_FIRSTS = frozenset(_LEADING_NOISE) | {c for s in _MARKER_STARTS for c in (s, s.upper())}


def _marker_text(value: object) -> str:
    return re.sub("[\"'׳״]", "", parse.clean_text(value)).lower()


def _says_total(cell: object, typed: bool) -> bool:
    """Whether one cell marks its row as a total; `typed`: it sits in a number, date or amount column."""
    if not isinstance(cell, str) or not cell:
        return False  # only text can say "Total"
    if cell.lstrip(_LEADING_NOISE)[:1].lower() not in _MARKER_STARTS:
        return False  # cheap: most cells cannot start a marker
    text = _marker_text(cell)
    if not text:
        return False
    return (typed and text.startswith(_TOTAL_MARKERS)) or bool(_TOTAL_PHRASE.fullmatch(text))


def _typed_columns(header: Header) -> set[int]:
    return {c for f, c in header.index.items() if f not in _FREE_TEXT_FIELDS}


def is_total_row(cells: Sequence[object], header: Header) -> bool:
    """Whether a row is a subtotal, total, opening or closing balance line."""
    typed = None
    for column, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell:
            continue  # only text can say "Total"
        if cell.lstrip(_LEADING_NOISE)[:1].lower() not in _MARKER_STARTS:
            continue  # cheap: most cells cannot start a marker
        if typed is None:
            typed = _typed_columns(header)
        if _says_total(cell, column in typed):
            return True
    return False


_FIRST = itemgetter(slice(0, 1))  # a text's first character, "" for ""


# Cells of these types are never blank (nor text that could say "Total").
_NUMBERS_AND_DATES = frozenset({int, float, bool, dt.date, dt.datetime, dt.time, dt.timedelta})


def total_rows(columns: Sequence[Sequence[object]], header: Header) -> set[int]:
    """The positions down a body (given column by column) of its total rows (see is_total_row).

    Each distinct text of a column is looked at once; a column of numbers and dates, or
    of texts none of which can start a marker, is passed over.
    """
    typed = _typed_columns(header)
    found: set[int] = set()
    for column, cells in enumerate(columns):
        kinds = set(map(type, cells))
        if kinds <= _NUMBERS_AND_DATES:
            continue
        if kinds == {str} and _MARKER_FIRSTS.isdisjoint(map(_FIRST, cells)):
            continue
        markers = {cell for cell in set(cells)
                   if isinstance(cell, str) and cell[:1] in _MARKER_FIRSTS
                   and _says_total(cell, column in typed)}
        if markers:
            found.update(i for i, cell in enumerate(cells) if cell in markers)
    return found


def blank_rows(columns: Sequence[Sequence[object]], height: int) -> set[int]:
    """The positions down a body (given column by column) of its rows with nothing in them."""
    candidates: Sequence[int] = range(height)
    for cells in columns:
        kinds = set(map(type, cells))
        if kinds <= _NUMBERS_AND_DATES and kinds:
            return set()
        if kinds == {str} and not any(map(parse.is_blank, set(map(_FIRST, cells)))):
            return set()  # a blank text starts with a blank character
        blanks = {cell for cell in set(cells) if parse.is_blank(cell)}
        candidates = [i for i in candidates if cells[i] in blanks] if blanks else ()
        if not candidates:
            break
    return set(candidates)


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
            "phone": phone_text(self.cell(cells, "phone")),
        }


_LABEL_STARTS = frozenset({"curr", "מטבע"})  # cheap: most cells cannot be a labelled currency
_CURRENCY_HEADING = re.compile(r"(?:currency|curr\.?|מטבע)\s*[:\-]?\s*(.+)", re.I)


def _could_name_currency(cell: str) -> bool:
    text = cell.strip()
    if len(text) > 9:
        return text[:4].lower() in _LABEL_STARTS
    return bool(text) and (text.lower() in parse.CURRENCY_WORDS or text in parse.CURRENCY_WORDS
                           or text.upper() in parse.ISO_CODES or text[:4].lower() in _LABEL_STARTS)


def _currency_named(text: str) -> str | None:
    code = parse.CURRENCY_WORDS.get(text.lower()) or parse.CURRENCY_WORDS.get(text)
    if code is None and text.upper() in parse.ISO_CODES and text.isupper():
        code = text.upper()
    return code


def heading_currency(cells: Sequence[object], used: frozenset[int] | None = None) -> str | None:
    """The currency a group-heading row names, the rows below it being in that currency: a
    labelled "Currency: USD" / "מטבע: דולר" on a row without an amount, or a bare "EUR" when
    the row has that one text and nothing else (nothing else in the `used` columns, when given:
    a note beside a heading leaves it a heading)."""
    if not any(type(c) is str and _could_name_currency(c) for c in cells):
        return None  # cheap: most rows have no cell that could
    filled = [(i, c) for i, c in enumerate(cells) if not parse.is_blank(c)]
    if not filled:
        return None
    labelled = [code for _, c in filled if isinstance(c, str) and c.lstrip()[:4].lower() in _LABEL_STARTS
                and (found := _CURRENCY_HEADING.fullmatch(parse.clean_text(c)))
                and (code := _currency_named(found.group(1).strip()))]
    if len(labelled) == 1 and not any(_is_amount(c) for _, c in filled):
        return labelled[0]
    if used is not None and len(filled) > 1:
        filled = [(i, c) for i, c in filled if i in used] or filled[:1]
    if len(filled) != 1 or not isinstance(filled[0][1], str):
        return None
    return _currency_named(parse.clean_text(filled[0][1]))


def _is_amount(cell: object) -> bool:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return True
    try:
        parse.parse_amount(cell)
    except ValueError:
        return False
    return True


def currency_group_ends(cells: Sequence[object], code: str) -> bool:
    """Whether a total row closes the currency group `code` ("Total EUR", "סה"כ USD")."""
    return any(isinstance(c, str) and re.search(rf"\b{code}\b", parse.clean_text(c), re.I)
               for c in cells)


def group_headings(body: Sequence[tuple[int, Sequence[object]]], header: Header) -> dict[int, dict]:
    """Positions down a body of the rows that head a group, with the customer each names.

    Grouped reports (QuickBooks "Open Invoices", Xero "Aged Receivables Detail") write the
    customer once, alone on a row above its invoices, and close the group with a subtotal. A
    heading has exactly one filled cell, a text that is not a total, an aging bucket
    ("Current", "31 - 60 days past due") or a bare number or date."""
    from .columns import is_bucket_header

    found: dict[int, dict] = {}
    for position, (_, cells) in enumerate(body):
        filled = [c for c in cells if not parse.is_blank(c)]
        if len(filled) != 1 or not isinstance(filled[0], str):
            continue
        text = parse.clean_text(filled[0])
        if heading_currency(cells):
            continue  # a currency group's heading: its customers have headings of their own
        if (not re.search(r"[^\W\d_]", text) or is_bucket_header(text)
                or _TOTAL_PHRASE.fullmatch(_marker_text(text)) or _marker_text(text).startswith(_TOTAL_MARKERS)
                or re.search(r"\d{1,2}:\d{2}", text)):  # a report's printed-at line
            continue
        found[position] = heading_customer(text)
    return found


_HEADING_LABEL = re.compile(r"(?:שם לקוח|לקוח|customer|client|חשבון|account|כרטיס)\s*:\s*", re.I)
_KEYED = re.compile(r"(\d[\d\-/]*)\s*[-–:]\s*(\S.*)")
_CODED = re.compile(r"(\S.*?)\s*\(([A-Z0-9][A-Z0-9\-]{2,})\)")


def heading_customer(text: str) -> dict:
    """The customer a group heading names: "לקוח: 1023 - גלריה" (a label, the account key and
    the name), "Abbott Plumbing Ltd (ABB001)" (the name and its code), or the text itself."""
    label = _HEADING_LABEL.match(text)
    rest = text[label.end():].strip() if label else text
    if label and (keyed := _KEYED.fullmatch(rest)):
        return {"name": keyed.group(2).strip(), "id": keyed.group(1), "emails": ()}
    if (coded := _CODED.fullmatch(rest)) and re.search(r"\d", coded.group(2)):
        return {"name": coded.group(1), "id": coded.group(2), "emails": ()}
    return {"name": rest or text, "id": rest or text, "emails": ()}


def header_cells(rows: Sequence[Row], header: Header) -> list[object]:
    """The header's cells as the reader saw them (the lower row of two, the upper where empty)."""
    upper: Sequence[object] = ()
    lower: Sequence[object] = ()
    for number, cells in rows:
        if number == header.top:
            upper = cells
        if number == header.row:
            lower = cells
            break
    width = max(len(upper), len(lower))
    return [lower[c] if c < len(lower) and not parse.is_blank(lower[c])
            else (upper[c] if c < len(upper) else "") for c in range(width)]


_SIDE_SAMPLE = 500


def side_sign(cell: object) -> int | None:
    """+1 for a debit side word ("ח", "חובה", "Dr"), -1 for a credit one, None for anything else."""
    return parse.SIDES.get(parse.clean_text(cell).lower())


def with_side_column(rows: Sequence[Row], header: Header) -> Header:
    """The header with its debit/credit side column (values "ח"/"ז", "Dr"/"Cr" beside a balance,
    as Hashavshevet's "ח/ז") as the field "side", when an unused column holds only side words:
    a credit balance read without it would look like a debt."""
    if "side" in header.index or not ({"balance", "amount"} & header.index.keys() or header.buckets):
        return header
    used = set(header.index.values()) | set(header.buckets) | set(header.statuses)
    body = [cells for number, cells in rows if number > header.row][:_SIDE_SAMPLE]
    width = max(map(len, body), default=0)
    for column in range(width):
        if column in used:
            continue
        values = {parse.clean_text(cells[column]) for cells in body
                  if column < len(cells) and not parse.is_blank(cells[column])}
        if values and all(side_sign(v) is not None for v in values):
            cells = header_cells(rows, header)
            text = parse.clean_text(cells[column]) if column < len(cells) else ""
            from .containers import column_letters

            return replace(header, index={**header.index, "side": column},
                           texts={**header.texts, "side": text or f"column {column_letters(column)}"})
    return header
