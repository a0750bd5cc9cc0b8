"""Columns the header alone does not name, known by their values: a header whose field only
its values tell ("Due"), status columns (statuses.py), an aging summary's unnamed customer
column. Each rule needs the file's own evidence; none guesses."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

from . import cells as parse
from .columns import LEADING_CURRENCY, TRAILING_CURRENCY, Header, header_key
from .containers import column_letters
from .questions import is_harmless, profile_lines, values_look_like
from .rows import header_cells
from .report_currency import parse_currency_word
from .statuses import counted_as_statuses, with_status_columns
from .tabular import Row


# Headers whose field only their values tell: Xero's "Due" is money, a list's "Due" a date.
_BY_VALUES = {"due": {"money": "balance", "a date": "due_date"}}


def with_typed_headers(rows: Sequence[Row], header: Header) -> Header:
    """The header with each column of _BY_VALUES read as the field its values show, when that
    field has no column yet."""
    cells = header_cells(rows, header)
    used = set(header.index.values()) | set(header.buckets)
    body = [c for n, c in rows if n > header.row][:500]
    index, texts = dict(header.index), dict(header.texts)
    for column, cell in enumerate(cells):
        fields = _BY_VALUES.get(header_key(cell))
        if column in used or not fields:
            continue
        field = fields.get(values_look_like([r[column] if column < len(r) else "" for r in body]) or "")
        if field and field not in index:
            index[field], texts[field] = column, parse.clean_text(cell)
    return replace(header, index=index, texts=texts) if index != header.index else header


def dated_fields(rows: Sequence[Row], header: Header) -> list[str]:
    """The date fields whose columns hold a date on some row (an aging summary may head empty
    "Invoice Date"/"Due Date" columns)."""
    body = [c for n, c in rows if n > header.row][:500]
    return [f for f in ("due_date", "issue_date") if f in header.index
            and any(header.index[f] < len(r) and not parse.is_blank(r[header.index[f]]) for r in body)]


def with_unnamed_customer(rows: Sequence[Row], header: Header) -> Header:
    """An aging summary whose customer column has no header (QuickBooks' "A/R Aging Summary"
    leaves its first header cell empty): when the header has aging columns and no customer,
    number or date, and exactly one unnamed column holds words on the rows, that column is the
    customer's name."""
    index = header.index
    if ({"customer_name", "customer_id", "number", "debit", "credit"} & index.keys()) \
            or dated_fields(rows, header) or not header.buckets:
        return header
    body = [c for n, c in rows if n > header.row][:500]
    cells = header_cells(rows, header)
    width = max(map(len, body), default=0)
    taken = set(index.values()) | set(header.buckets) | set(header.statuses)
    named = [c for c in range(width) if c not in taken and (c >= len(cells) or parse.is_blank(cells[c]))
             and sum(1 for r in body if c < len(r) and re.search(r"[^\W\d_]", parse.clean_text(r[c])))
             * 2 > sum(1 for r in body if any(not parse.is_blank(x) for x in r))]
    if len(named) != 1:
        return header
    return replace(header, index={**index, "customer_name": named[0]},
                   texts={**header.texts, "customer_name": f"column {column_letters(named[0])}"})


def with_statuses(path: Path, rows: Sequence[Row], header: Header,
                   ignore_columns: Sequence[str]) -> Header:
    """The header with every column whose values are statuses counted (statuses.py)."""
    cells = header_cells(rows, header)
    body = [c for n, c in rows if n > header.row][:2000]
    width = max(len(cells), max(map(len, body), default=0))
    ignored = {header_key(t) for t in ignore_columns}
    skip = [c for c in range(width)
            if is_harmless(cells[c] if c < len(cells) else "")
            or header_key(cells[c] if c < len(cells) else "") in ignored
            or header_key(f"column {column_letters(c)}") in ignored]
    columns = [[row[c] if c < len(row) else "" for row in body] for c in range(width)]
    header = with_status_columns(header, cells, columns, skip)
    return _with_type_columns(header, cells, ignored)


def _with_type_columns(header: Header, cells: Sequence[object], ignored: set[str]) -> Header:
    """An invoices file's document-type column ("סוג מסמך", "Type") read beside its statuses:
    receipts, quotes, orders and payments are no debt, a credit note is owed back
    (statuses.NOT_A_DEBT_TYPES, CREDIT_TYPES), and a type it does not know is a question."""
    if "number" not in header.index or {"debit", "credit"} & header.index.keys():
        return header
    used = set(header.index.values()) | set(header.buckets) | set(header.statuses)
    found = tuple(c for c, cell in enumerate(cells) if c not in used
                  and header_key(cell) in _TYPE_HEADERS and header_key(cell) not in ignored)
    return counted_as_statuses(header, cells, found)


def with_unnamed_account(rows: Sequence[Row], header: Header) -> Header:
    """A ledger card whose account columns have no header (Hashavshevet's כרטסת): when the header
    has debit/credit and no customer, and exactly one unnamed column holds words, only on the
    account rows (no date or reference on them), that column is the account's name; an unnamed
    column of numbers beside it, on the same rows, its number."""
    index = header.index
    if not {"debit", "credit"} & index.keys() or {"customer_name", "customer_id"} & index.keys():
        return header
    cells = header_cells(rows, header)
    body = [c for n, c in rows if n > header.row][:2000]
    width = max(map(len, body), default=0)
    taken = set(index.values()) | set(header.buckets) | set(header.statuses)

    def unnamed(c: int) -> bool:
        return c not in taken and (c >= len(cells) or parse.is_blank(cells[c]))

    def filled(row, c: int) -> bool:
        return c < len(row) and not parse.is_blank(row[c])

    movement = [index[f] for f in ("issue_date", "number") if f in index]
    worded = [c for c in range(width) if unnamed(c) and any(
        filled(r, c) and re.search(r"[^\W\d_]", parse.clean_text(r[c])) for r in body)]
    if len(worded) != 1 or not movement:
        return header
    name = worded[0]
    account_rows = [r for r in body if filled(r, name)]
    if any(filled(r, c) for r in account_rows for c in movement):
        return header  # words beside a movement's date: not an account heading
    found = {"customer_name": name}
    numbers = [c for c in (name - 1, name + 1) if c >= 0 and unnamed(c) and all(
        filled(r, c) and re.fullmatch(r"\d+", parse.clean_text(r[c])) for r in account_rows)
        and not any(filled(r, c) for r in body if not filled(r, name))]
    if len(numbers) == 1:
        found["customer_id"] = numbers[0]
    return replace(header, index={**index, **found},
                   texts={**header.texts, **{f: f"column {column_letters(c)}" for f, c in found.items()}})


def stated_currency(header: Header, default_currency: str, currency_given: bool,
                    titled: tuple[str, str] | None = None) -> tuple[str, str | None]:
    """(the currency of the file's bare amounts, a warning saying why) when the money headers
    name it ("Balance (USD)", "יתרה $") or the report's title does (`titled`, from
    report_currency.title_currency: "All amounts in CAD"); a profile's own `currency` comes first."""
    if currency_given:
        return default_currency, None
    stated = header_currency(header)
    if stated is not None:
        code, text = stated
        if code == default_currency:
            return default_currency, None
        return code, f"amounts without a currency of their own are read as {code}, as the header {text!r} says"
    if titled is None or titled[0] == default_currency:
        return default_currency, None
    code, text = titled
    return code, f"amounts without a currency of their own are read as {code}, as the report's title {text!r} says"


def _due_from_terms(path: Path, rows: Sequence[Row], header: Header, invoices: Iterable,
                    default_terms: str | None) -> tuple[str, ...]:
    """A warning for the invoices whose file gives no due date, so that their terms (or the
    profile's) set it: which ones, and by what."""
    if "number" not in header.index or ("terms" not in header.index and not default_terms):
        return ()
    read = {i.number for i in invoices if getattr(i, "kind", "invoice") == "invoice"}
    number, due, terms = header.index["number"], header.index.get("due_date"), header.index.get("terms")

    def cell(row, column):
        return row[column] if column is not None and column < len(row) else ""

    found: dict[str, list[str]] = {}
    for n, row in rows:
        ident = parse.clean_text(cell(row, number))
        if n <= header.row or ident not in read or not parse.is_blank(cell(row, due)):
            continue
        said = parse.clean_text(cell(row, terms)) or (default_terms or "")
        if said:
            found.setdefault(said, []).append(ident)
    where = f"column {header.texts['terms']!r}" if "terms" in header.texts else "the profile's terms"
    groups: dict[bool, list[tuple[str, list[str]]]] = {True: [], False: []}
    for said, numbers in found.items():
        try:
            immediate = parse.due_from_terms(dt.date(2026, 1, 10), said) == dt.date(2026, 1, 10)
        except ValueError:
            continue  # the row itself is refused with the reason
        groups[immediate].append((said, numbers))
    notes = []
    for immediate, said in groups.items():
        if not said:
            continue
        numbers = [n for _, ns in said for n in ns]
        listed = ", ".join(numbers[:5]) + (f" and {len(numbers) - 5} more" if len(numbers) > 5 else "")
        words = ", ".join(repr(w) for w, _ in said[:4]) + (" …" if len(said) > 4 else "")
        how = "on its issue date" if immediate else "by its terms, counted from its issue date"
        notes.append(f"{path.name}: {len(numbers)} invoice(s) have no due date ({listed}); each falls "
                     f"due {how}, as {where} says ({words})")
    return tuple(notes)


_OWN_CURRENCY = re.compile(r"\(\s*(?:fcy|fc|foreign(?: currency)?|transaction currency)\s*\)", re.I)


_OWN_CURRENCY_TITLE = re.compile(r"(?:document|original|transaction|foreign|each document's|own)\s+currenc"
                                 r"|מטבע(?:\s+ה)?(?:מקור|מסמך|עסקה|חשבונית)", re.I)
_CODES_LISTED = re.compile(r"\b([A-Z]{3})\s*/\s*([A-Z]{3})\b")  # "(ILS / USD / EUR)"


def _names_own_currency(text: str) -> bool:
    return bool(_OWN_CURRENCY_TITLE.search(text)) or any(
        a in parse.ISO_CODES and b in parse.ISO_CODES for a, b in _CODES_LISTED.findall(text))


def _unnamed_foreign_currency(path: Path, header: Header, currency_given: bool,
                              rows: Sequence[Row] = ()) -> tuple[str, ...]:
    """Amounts in each document's own currency ("Balance (FCY)", Zoho; a title "amounts in
    document currency (ILS / USD)", Priority) and no column that says which currency that is:
    a question, never the default currency."""
    if "currency" in header.index or currency_given:
        return ()
    named = [text for field, text in header.texts.items()
             if field in ("amount", "balance", "paid") and _OWN_CURRENCY.search(text)]
    named += [text for n, cells in rows if n < (header.top or header.row) for cell in cells
              if isinstance(cell, str) and _names_own_currency(text := parse.clean_text(cell))][:1]
    if not named:
        return ()
    return (f"{named[0]!r} is in each document's own currency, and no column says which currency "
            "that is. Add the currency column to the export, or, if every document is in one "
            "currency, say which in config.toml, then drop the file again:\n"
            + profile_lines(path, 'currency = "USD"    # the currency of every amount in these files'),)


_TYPE_HEADERS = frozenset(header_key(t) for t in (
    "סוג מסמך", "סוג", "סוג תנועה", "Type", "Document Type", "Doc Type", "Doc. Type", "Transaction Type",
    "Invoice Type", "Move Type"))
_CREDIT_WORDS = re.compile(r"זיכוי|credit ?note|credit ?memo|refund|החזר|קבלה", re.I)


def _positive_credit_notes(path: Path, rows: Sequence[Row], header: Header, invoices) -> tuple[str, ...]:
    """Rows a document-type column calls credit notes (or receipts) that would be read as owed:
    a reminder would ask the customer for money the business owes them."""
    if "number" not in header.index:
        return ()
    cells = header_cells(rows, header)
    used = set(header.index.values())
    types = [c for c, cell in enumerate(cells) if c not in used and header_key(cell) in _TYPE_HEADERS]
    if not types:
        return ()
    owed = {i.number for i in invoices if getattr(i, "kind", "invoice") == "invoice" and i.balance > 0}
    number, found = header.index["number"], []
    for n, row in rows:
        if n <= header.row or number >= len(row) or parse.clean_text(row[number]) not in owed:
            continue
        said = next((parse.clean_text(row[c]) for c in types if c < len(row)
                     and _CREDIT_WORDS.search(parse.clean_text(row[c]))), None)
        if said:
            found.append((n, said))
    if not found:
        return ()
    listed = "; ".join(f"row {n}: {said!r}" for n, said in found[:5]) + (" …" if len(found) > 5 else "")
    return (f"{len(found)} row(s) are credit notes or receipts by their document type ({listed}), yet "
            "their balance reads as owed by the customer: a reminder would ask for money the "
            "business owes them. Nothing from this file was applied. Export credit notes with a "
            "negative amount (or leave them out), then drop the file again.",)


def _two_currencies(path: Path, rows: Sequence[Row], header: Header,
                    ignore_columns: Sequence[str] = ()) -> tuple[str, ...]:
    """A money field under two headers that name different currencies ("Amount (USD)" beside
    "Amount (ILS)"): which one a reminder states is not the reader's to choose."""
    from .columns import field_for_header

    cells = header_cells(rows, header)
    used = set(header.index.values())
    ignored = {header_key(t) for t in ignore_columns}
    asked = []
    for column, cell in enumerate(cells):
        found = field_for_header(cell) if column not in used and header_key(cell) not in ignored else None
        field = found[0] if found else None
        if field not in ("amount", "balance", "paid") or field not in header.texts:
            continue
        mine, theirs = currency_in_header(cell), currency_in_header(header.texts[field])
        if mine and theirs and mine != theirs:
            text = parse.clean_text(cell)
            asked.append(f"{header.texts[field]!r} and {text!r} give the {field} in two currencies "
                         f"({theirs}, {mine}): which one is the invoice's own? Say it in config.toml, then "
                         "drop the file again:\n" + profile_lines(
                             path, f"columns.{field} = {json.dumps(header.texts[field], ensure_ascii=False)}",
                             f"ignore_columns = [{json.dumps(text, ensure_ascii=False)}]",
                             f"# or the other way round, if the invoices are in {mine}"))
    return tuple(asked)


def with_notes(path: Path, rows: Sequence[Row], header: Header, result, default_terms: str | None,
               currency_note: str | None, currency_given: bool = False, ignore_columns: Sequence[str] = ()):
    """The result with the warnings that say what the reading assumed from the file's own
    words (the currency its headers name, due dates its terms give), and the question when its
    headers say the amounts are in a currency no column names."""
    asked = (_unnamed_foreign_currency(path, header, currency_given, rows)
             + _positive_credit_notes(path, rows, header, result.invoices)
             + _two_currencies(path, rows, header, ignore_columns))
    if asked:
        result = replace(result, questions=result.questions + asked)
    notes = _due_from_terms(path, rows, header, result.invoices, default_terms)
    if flipped := _flipped_rows(rows, header):
        listed = ", ".join(str(n) for n in flipped[:10]) + (" …" if len(flipped) > 10 else "")
        notes += (f"{path.name}: row(s) {listed} read as credit notes (negative), as their signed "
                  "column says",)
    if currency_note:
        notes = (f"{path.name}: {currency_note}",) + notes
    return replace(result, warnings=result.warnings + notes) if notes else result


# --- a currency written in the headers -------------------------------------------------

def currency_in_header(text: object) -> str | None:
    """The currency a header names beside its name ("Balance (USD)", "יתרה ₪"), or None."""
    cleaned = parse.clean_text(text).strip("*: ")
    marks = [m.strip() for m in re.findall(r"\(([^)]*)\)|\[([^\]]*)\]", cleaned) for m in m if m]
    found = TRAILING_CURRENCY.search(re.sub(r"\([^)]*\)|\[[^\]]*\]", "", cleaned).strip())
    if found:
        marks.append(found.group(1))
    if lead := LEADING_CURRENCY.match(cleaned):
        marks.append(lead.group(1))
    codes = set()
    for mark in marks:
        mark = re.sub(r"^(?:in|ב-?)\s*", "", mark.strip(), flags=re.I) if len(mark) > 1 else mark
        code = parse_currency_word(mark)
        if code:
            codes.add(code)
    return codes.pop() if len(codes) == 1 else None


_MONEY_HEADERS = ("amount", "balance", "paid", "debit", "credit")


def header_currency(header: Header) -> tuple[str, str] | None:
    """(the currency, the header that names it) when the money columns' headers name one
    currency and no column holds the currency: "Total (USD)", "Balance (USD)" make the file's
    bare amounts dollars. Headers that name different currencies name none."""
    if "currency" in header.index:
        return None
    named = {(code, text) for field, text in header.texts.items()
             if field in _MONEY_HEADERS and (code := currency_in_header(text))}
    if len({code for code, _ in named}) != 1:
        return None
    return min(named, key=lambda pair: list(header.texts.values()).index(pair[1]))


# --- a sign written in a sibling column ---------------------------------------------------

def _signed_sibling(cells: Sequence[object], header: Header, field: str) -> int | None:
    """The unused column that repeats `field` with its sign: Odoo's "Amount Due Signed" beside
    "Amount Due", "Total Signed" beside "Total" (its credit notes are positive in the unsigned
    ones, negative in the signed, which are in the company's currency)."""
    if field not in header.index:
        return None
    own = header_key(header.texts[field])
    used = set(header.index.values())
    for column, cell in enumerate(cells):
        key = header_key(cell)
        if column not in used and key in (own + "signed", own + "(signed)", "signed" + own):
            return column
    return None


def _flips(rows: Sequence[Row], header: Header) -> tuple[list[tuple[int, int]], dict[int, list[int]]]:
    """The (column, signed sibling) pairs, and for each row the columns to write negative."""
    cells = header_cells(rows, header)
    pairs = [(header.index[f], s) for f in ("balance", "amount")
             if (s := _signed_sibling(cells, header, f)) is not None]

    def negative(value: object) -> bool:
        try:
            return parse.parse_amount(value)[0] < 0
        except (ValueError, TypeError):
            return False

    found: dict[int, list[int]] = {}
    for n, row in rows:
        if n <= header.row:
            continue
        columns = [c for c, s in pairs if s < len(row) and c < len(row) and negative(row[s])
                   and not parse.is_blank(row[c]) and not negative(row[c])]
        if columns:
            found[n] = columns
    return pairs, found


def _flipped_rows(rows: Sequence[Row], header: Header) -> list[int]:
    return sorted(_flips(rows, header)[1])


def with_signs(rows: Sequence[Row], header: Header) -> Sequence[Row]:
    """The rows with each positive amount or balance whose signed sibling column is negative
    written negative: a credit note, as the file's own signed column says. Only the sign is
    taken; the figure stays the document's (the signed one may be in another currency)."""
    _, found = _flips(rows, header)
    if not found:
        return rows
    changed = []
    for n, row in rows:
        if n in found:
            row = list(row)
            for c in found[n]:
                try:
                    row[c] = -parse.parse_amount(row[c])[0]
                except ValueError:
                    pass
        changed.append((n, row))
    return changed


_PERSON_HEADERS = frozenset(header_key(t) for t in (
    "Client", "Client Name", "Contact", "Contact Name", "Contact Person", "איש קשר", "שם איש קשר"))
_ORGANISATION_HEADERS = frozenset(header_key(t) for t in (
    "Organization", "Organisation", "Company", "Company Name", "Business Name", "חברה", "שם חברה",
    "ארגון", "שם העסק"))


def with_organisations(rows: Sequence[Row], header: Header) -> Sequence[Row]:
    """Rows whose customer is the organisation beside the person's name (FreshBooks: "Client"
    is the person, "Organization" the company that owes): the organisation when it is written,
    the person when it is not."""
    name = header.index.get("customer_name")
    if name is None or header_key(header.texts.get("customer_name", "")) not in _PERSON_HEADERS:
        return rows
    cells = header_cells(rows, header)
    used = set(header.index.values())
    org = next((c for c, cell in enumerate(cells) if c not in used and header_key(cell) in _ORGANISATION_HEADERS), None)
    if org is None:
        return rows
    merged = type(rows)() if isinstance(rows, list) else []
    if hasattr(rows, "unreadable"):
        merged.unreadable = rows.unreadable  # what the cells read as empty really held
    for n, row in rows:
        if n > header.row and org < len(row) and name < len(row) and not parse.is_blank(row[org]):
            row = list(row)
            row[name] = row[org]
        merged.append((n, row))
    return merged
