"""Rows with a recognisable header -> open invoices; the importer for any export."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from ..model import ImportResult
from . import cells as parse
from .base import SUPPORTED_SUFFIXES, looks_incomplete
from .by_values import (dated_fields, stated_currency, with_notes, with_signs, with_statuses,
                        with_organisations, with_typed_headers, with_unnamed_account,
                        with_unnamed_customer)
from .report_currency import title_currency, with_title_dollars
from .columns import (KINDS, Header, detect_kind, find_header, header_key, missing_for_balances,
                      missing_for_contacts, missing_required)
from .containers import column_letters, column_number
from .problems import (all_accounts_question, currency_questions, header_problem, kind_problem,
                       movements_question, numberless_question, unfolded_problem, with_hint)
from .questions import cell_questions, column_name, column_questions, status_questions
from .rows import group_headings as groups
from .rows import header_cells, with_side_column
from .statuses import status_columns, status_word
from .tabular import Row, sheets


_POSITION = re.compile(r"(?:column|col|עמודה)\s*([A-Za-z]{1,3})", re.I)


def column_position(value: object) -> int | None:
    """The 0-based column a profile names by position (`3`, "column C"), or None for a header."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value - 1
    if isinstance(value, str) and (found := _POSITION.fullmatch(value.strip())):
        return column_number(found.group(1).upper()) - 1
    return None


def _with_positions(rows: Sequence[Row], header: Header | None, positions: Mapping[str, int],
                    header_row: int | None) -> Header | None:
    """The header with the columns a profile gives by position put in."""
    if not positions:
        return header
    if header is None:
        if header_row is None:
            return None
        header = Header(row=header_row, index={}, texts={}, hebrew=False)
    cells = header_cells(rows, header)
    index, texts = dict(header.index), dict(header.texts)
    for field, column in positions.items():
        for other in [f for f, c in index.items() if c == column]:
            del index[other], texts[other]
        index[field] = column
        texts[field] = parse.clean_text(cells[column]) if column < len(cells) and \
            not parse.is_blank(cells[column]) else f"column {column_letters(column)}"
    return replace(header, index=index, texts=texts,
                   buckets=tuple(c for c in header.buckets if c not in positions.values()),
                   statuses=tuple(c for c in header.statuses if c not in positions.values()))


def _earlier_copy(rows: Sequence[Row], header: Header) -> int | None:
    """The row of an earlier, not quite equal, copy of the header's row (two thirds of its
    named cells the same), or None."""
    first = header.top or header.row
    cells = next((c for n, c in rows if n == header.row), ())
    named = {c: header_key(v) for c, v in enumerate(cells) if not parse.is_blank(v)}
    if len(named) < 3:
        return None
    for number, row in rows:
        if number >= first:
            return None
        same = sum(1 for c, key in named.items() if c < len(row) and header_key(row[c]) == key)
        if same * 3 >= len(named) * 2:
            return number
    return None


def _lacks_only_customer(header: Header) -> bool:
    return missing_required(header.index) == ["customer_name (or customer_id)"]


def extract_rows(
    path: Path,
    rows: Sequence[Row],
    *,
    importer: str,
    header_row: int | None = None,
    columns: Mapping[str, object] | None = None,
    date_order: str | None = None,
    default_currency: str = "ILS",
    kind: str | None = None,
    group_headings: bool | None = None,
    ignore_columns: Sequence[str] = (),
    open_statuses: Sequence[str] = (),
    closed_statuses: Sequence[str] = (),
    currency_given: bool = False,
    default_terms: str | None = None,
    repeated_numbers: str | None = None,
) -> ImportResult:
    """What a file's rows hold; row problems become warnings, doubts become questions.

    `kind` ("invoices", "balances", "contacts") forces the reading; without it
    the header decides (see `detect_kind`). `columns` maps fields to header texts or to
    positions (`3`, "column C"); `group_headings` says whether customers come from heading
    rows above their invoices (None: when the header has no customer column).
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
    positions = {f: p for f, v in (columns or {}).items() if (p := column_position(v)) is not None}
    named = {f: str(v) for f, v in (columns or {}).items() if f not in positions}
    found = find_header(rows, named or None, header_row)
    if found is not None and header_row is None and (copy := _earlier_copy(rows, found)):
        # The header printed on every page, its first copy worded differently: reading from
        # the later copy would drop the rows above it without a word.
        found = find_header(rows, named or None, copy) or found
    header = _with_positions(rows, found, positions, header_row)
    if header is None or not header.index:
        raise header_problem(path, header, named or None, header_row)
    header = with_typed_headers(rows, header)
    header = with_statuses(path, rows, header, ignore_columns)
    rows = with_organisations(rows, header)
    # The currency the report's title states, for amounts without one (a profile's comes first).
    titled = None if currency_given else title_currency(rows, header)
    default_currency, currency_note = stated_currency(header, default_currency, currency_given, titled)
    if kind in (None, "balances"):
        header = with_unnamed_account(rows, with_unnamed_customer(rows, header))
    chosen = kind or detect_kind(header)
    closed = frozenset(status_word(w) for w in closed_statuses)
    # Imported here: both build on this module's row helpers.
    if chosen == "balances":
        from .balances import extract_balances, has_balance_rows, opening_headings

        header = with_side_column(rows, header)
        headings = False
        if missing := missing_for_balances(header):
            # A ledger card whose account is a heading row above its movements ("20011 name").
            body = [(n, c) for n, c in rows if n > header.row]
            headings = missing == ["customer_name (or customer_id)"] and group_headings is not False \
                and bool(groups(body, header) or opening_headings(body, header))
            if not headings:
                raise with_hint(kind_problem(path, header, chosen, missing, kind is not None),
                                path, rows, header)
        result = extract_balances(path, rows, header, importer=importer, date_order=date_order,
                                  default_currency=default_currency, closed=closed,
                                  headings=headings)
        if headings:
            result = replace(result, columns={**result.columns, "customer_name": "(group headings)"})
        if kind is None and (question := all_accounts_question(path, rows, header)):
            result = replace(result, questions=result.questions + (question,))
        if kind is None and (question := movements_question(path, rows, header, has_balance_rows(rows))):
            result = replace(result, questions=result.questions + (question,))
        if kind is None and dated_fields(rows, header) and "debit" not in header.index \
                and "credit" not in header.index:
            result = replace(result, questions=result.questions + (numberless_question(path, rows, header),))
    elif chosen == "contacts":
        from .contacts import extract_contacts

        if missing := missing_for_contacts(header):
            raise kind_problem(path, header, chosen, missing, kind is not None)
        result = extract_contacts(path, rows, header, importer=importer)
    else:
        headings = bool(group_headings)
        if group_headings is None and _lacks_only_customer(header):
            body = [(n, c) for n, c in rows if n > header.row]
            headings = bool(groups(body, header))
        missing = missing_required(header.index, bool(default_terms))
        if missing and not (headings and missing == ["customer_name (or customer_id)"]):
            if kind:
                raise kind_problem(path, header, chosen, missing, True)
            raise unfolded_problem(path, rows, header) or with_hint(
                header_problem(path, header, named or None, header_row, rows), path, rows, header)
        from .invoices import extract_invoices

        result = extract_invoices(path, with_signs(rows, header), header, importer=importer,
                                  date_order=date_order, default_currency=default_currency, headings=headings,
                                  closed=closed, default_terms=default_terms,
                                  repeats=repeated_numbers,
                                  currency_known=currency_given or currency_note is not None)
        if headings:
            result = replace(result, columns={**result.columns, "customer_name": "(group headings)"})
    result = review(path, rows, header, result, ignore_columns, open_statuses, closed_statuses,
                    date_order)
    result = with_notes(path, rows, header, with_title_dollars(rows, header, result, titled),
                        default_terms, currency_note, currency_given, ignore_columns)
    if currency_given:
        return result  # a profile says which currency its files' bare amounts are in
    return replace(result, questions=result.questions + currency_questions(path, header, result,
                                                                            default_currency, rows))


def review(path: Path, rows: Sequence[Row], header: Header, result: ImportResult,
           ignore_columns: Sequence[str] = (), open_statuses: Sequence[str] = (),
           closed_statuses: Sequence[str] = (), date_order: str | None = None) -> ImportResult:
    """The result with its unused columns and the questions the file leaves open."""
    cells = header_cells(rows, header)
    used = set(header.index.values()) | set(header.buckets) | set(header.statuses)
    body = [c for n, c in rows if n > header.row]
    width = max(len(cells), max(map(len, body), default=0))
    unused_positions = [c for c in range(width) if c not in used]
    # The used columns too: the evidence weighs unused columns against them.
    wanted = set(unused_positions) | {c for f, c in header.index.items()
                                      if f in ("amount", "balance", "paid", "due_date")} | set(header.buckets)
    columns = {c: [row[c] if c < len(row) else "" for row in body] for c in wanted}
    if result.columns.get("customer_name") == "(group headings)":
        used |= {c for c in unused_positions if not parse.clean_text(cells[c] if c < len(cells) else "")}
    unused, questions = column_questions(
        path, header, cells, [columns.get(c, ()) for c in range(width)], used, ignore_columns,
        date_order, dates_matter=result.kind != "balances")
    if result.kind == "contacts":
        questions = ()  # a contacts file changes no debt
    unreadable = getattr(rows, "unreadable", None)
    if unreadable:
        questions += cell_questions(path, unreadable, header, cells, used)
    if "status" in header.index and result.kind != "contacts":
        number = header.index.get("number")
        for column in status_columns(header):
            # Only the documents' own rows: a group heading or a subtotal in the column is no status.
            statuses = {row[column] for row in body if column < len(row) and (
                number is None or (number < len(row) and not parse.is_blank(row[number])))}
            questions += status_questions(path, column_name(cells, column), statuses,
                                          open_statuses, closed_statuses)
    columns_read = dict(result.columns)
    if header.statuses and "status" in columns_read:
        columns_read["status"] = " + ".join(column_name(cells, c) for c in status_columns(header))
    return replace(result, unused_columns=unused, questions=result.questions + questions,
                   columns=columns_read)


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
        found = sheets(path)  # the first now; the others only if the invoices need their contacts
        name, rows, passed = data_sheet(found)
        result = extract_rows(path, rows, importer=self.name, default_currency=self.default_currency)
        if passed:
            result = replace(result, warnings=(
                f"{path.name}: read sheet {name!r}; the sheets before it "
                f"({', '.join(repr(p) for p in passed)}) have no column headers",) + result.warnings)
        return with_contacts_sheet(path, result, found) if result.kind == "invoices" else result


def _readable(rows: Sequence[Row]) -> bool:
    """Whether a sheet's header has what its kind needs (a grouped report may lack only the
    customer): a cover, summary or parameters sheet has not."""
    header = find_header(rows)
    if header is None or not header.index:
        return False
    kind = detect_kind(header)
    if kind == "balances":
        return not missing_for_balances(header)
    if kind == "contacts":
        return not missing_for_contacts(header)
    return missing_required(header.index) in ([], ["customer_name (or customer_id)"])


def data_sheet(found: Iterator[tuple[str, Sequence[Row]]]) -> tuple[str, Sequence[Row], list[str]]:
    """The sheet to read: the first, unless its header lacks what any reading needs and a later
    sheet's has it (a report's parameters or summary sheet in front of its data), and the
    sheets passed over.
    Sheets are parsed only as far as needed; the rest stay in `found` for the contacts."""
    first_name, first_rows = next(found, ("", []))
    if _readable(first_rows):
        return first_name, first_rows, []
    passed = [first_name]
    for name, rows in found:
        if _readable(rows):
            return name, rows, passed
        passed.append(name)
    return first_name, first_rows, []


def with_contacts_sheet(path: Path, result: ImportResult,
                        other_sheets: Iterable[tuple[str, Sequence[Row]]]) -> ImportResult:
    """Invoices whose workbook also has a contacts sheet (customer id and emails, perhaps names
    and the account manager) come with those contacts, as if a contacts file had been dropped."""
    from dataclasses import replace

    from .contacts import extract_contacts

    for name, rows in other_sheets:
        header = find_header(rows, None, None)
        if header is None or not header.index or detect_kind(header) != "contacts" \
                or missing_for_contacts(header):
            continue
        contacts = extract_contacts(path, rows, header, importer=result.importer)
        return replace(result, contacts=contacts.contacts, warnings=result.warnings + tuple(
            f"sheet {name!r}: {w}" for w in contacts.warnings) + (
            f"sheet {name!r}: {len(contacts.contacts)} customers' contacts",))
    return result
