"""Rows with a recognisable header -> open invoices; the importer for any export."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..model import ImportResult
from . import cells as parse
from .base import SUPPORTED_SUFFIXES, SourceError, looks_incomplete
from .columns import (HEADER_SCAN_ROWS, KINDS, Header, detect_kind, find_header, header_key,
                      missing_for_balances,
                      missing_for_contacts, missing_required)
from .containers import column_letters, column_number
from .questions import (cell_questions, column_name, column_questions, is_harmless, profile_lines,
                        status_questions, toml_string)
from .statuses import status_columns, status_word, with_status_columns
from .rows import group_headings as groups
from .tabular import Row, sheets


def _header_problem(path: Path, header: Header | None,
                    overrides: Mapping[str, str] | None, header_row: int | None,
                    rows: Sequence[Row] = ()) -> SourceError:
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
    lines = _missing_lines(rows, header, missing) if rows else []
    say = (". Say which columns they are in config.toml, then drop the file again:\n"
           + profile_lines(path, *lines)) if lines else ""
    return SourceError(
        f"the header on row {header.row} lacks {', '.join(missing)} (found {found}); "
        f"name those columns in [importer.columns] of an [[importer]] profile{hint}{say}",
        where=str(path),
    )


_LINE_FOR = {"number": ("number", "an identifier"), "due_date (or issue_date + terms)": ("due_date", "a date"),
             "amount or balance": ("balance", "money")}


def _missing_lines(rows: Sequence[Row], header: Header, missing: Sequence[str]) -> list[str]:
    """The profile lines that would name each missing field: the unused column whose values
    look like it where there is one, else a line to fill in."""
    from .questions import values_look_like

    cells = header_cells(rows, header)
    body = [c for n, c in rows if n > header.row][:500]
    used = set(header.index.values()) | set(header.buckets) | set(header.statuses)
    lines = []
    for phrase in missing:
        if phrase not in _LINE_FOR:
            continue
        field, looks = _LINE_FOR[phrase]
        found = None
        for column, cell in enumerate(cells):
            if column in used or parse.is_blank(cell) or is_harmless(cell):
                continue
            values = [r[column] if column < len(r) else "" for r in body]
            if looks in ("money", "a date") and values_look_like(values) == looks:
                found = parse.clean_text(cell)
                break
        if found:
            lines.append(f"columns.{field} = {toml_string(found)}    # if that is the {field.replace('_', ' ')}")
        else:
            lines.append(f'# columns.{field} = "…"    # the header of the {field.replace("_", " ")} column')
        if field == "due_date" and "issue_date" in header.index:
            lines.append('# or, if every invoice falls due a set time after its date:  terms = "Net 30"')
    return lines


def _headerless_hint(path: Path, rows: Sequence[Row], header: Header | None) -> str:
    """For columns with words below the header but no header text: the profile lines that name
    them by position (a Hashavshevet ledger card leaves its account columns unnamed)."""
    if header is None:
        return ""
    cells = header_cells(rows, header)
    body = [c for n, c in rows if n > header.row][:200]

    def unnamed(column: int) -> bool:
        return column not in header.index.values() and (column >= len(cells) or parse.is_blank(cells[column]))

    def filled(column: int, words: bool) -> bool:
        return any(column < len(row) and not parse.is_blank(row[column])
                   and (not words or re.search(r"[^\W\d_]", parse.clean_text(row[column]))) for row in body)

    width = max(map(len, body), default=0)
    named = [c for c in range(width) if unnamed(c) and filled(c, words=True)]
    if not named:
        return ""
    lines = [f'columns.customer_name = "column {column_letters(named[0])}"    # the customer\'s name']
    if named[0] > 0 and unnamed(named[0] - 1) and filled(named[0] - 1, words=False):
        lines.append(f'columns.customer_id = "column {column_letters(named[0] - 1)}"      # its number')
    letters = ", ".join(column_letters(c) for c in named)
    return (f"; column(s) {letters} have no header but hold words: if they name the customer, say so "
            "in config.toml:\n" + profile_lines(path, *lines))


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


def _with_hint(error: SourceError, path: Path, rows: Sequence[Row], header: Header) -> SourceError:
    if "customer" not in str(error):
        return error
    hint = _headerless_hint(path, rows, header)
    return SourceError(error.message + hint, where=error.where) if hint else error


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
    header = _with_positions(rows, find_header(rows, named or None, header_row), positions, header_row)
    if header is None or not header.index:
        raise _header_problem(path, header, named or None, header_row)
    header = _with_typed_headers(rows, header)
    header = _with_statuses(path, rows, header, ignore_columns)
    if kind in (None, "balances"):
        header = _with_unnamed_customer(rows, header)
    chosen = kind or detect_kind(header)
    closed = frozenset(status_word(w) for w in closed_statuses)
    # Imported here: both build on this module's row helpers.
    if chosen == "balances":
        from .balances import extract_balances

        if missing := missing_for_balances(header):
            raise _with_hint(_kind_problem(path, header, chosen, missing, kind is not None),
                             path, rows, header)
        result = extract_balances(path, rows, header, importer=importer, date_order=date_order,
                                  default_currency=default_currency, closed=closed)
        if kind is None and _dated(rows, header) and "debit" not in header.index \
                and "credit" not in header.index:
            result = replace(result, questions=result.questions + (_numberless_question(path, rows, header),))
    elif chosen == "contacts":
        from .contacts import extract_contacts

        if missing := missing_for_contacts(header):
            raise _kind_problem(path, header, chosen, missing, kind is not None)
        result = extract_contacts(path, rows, header, importer=importer)
    else:
        headings = bool(group_headings)
        if group_headings is None and _lacks_only_customer(header):
            body = [(n, c) for n, c in rows if n > header.row]
            headings = bool(groups(body, header))
        missing = missing_required(header.index, bool(default_terms))
        if missing and not (headings and missing == ["customer_name (or customer_id)"]):
            if kind:
                raise _kind_problem(path, header, chosen, missing, True)
            raise _with_hint(_header_problem(path, header, named or None, header_row, rows),
                             path, rows, header)
        from .invoices import extract_invoices

        result = extract_invoices(path, rows, header, importer=importer, date_order=date_order,
                                  default_currency=default_currency, headings=headings,
                                  closed=closed, default_terms=default_terms)
        if headings:
            result = replace(result, columns={**result.columns, "customer_name": "(group headings)"})
    result = review(path, rows, header, result, ignore_columns, open_statuses, closed_statuses,
                    date_order)
    if currency_given:
        return result  # a profile says which currency its files' bare amounts are in
    return replace(result, questions=result.questions + _currency_questions(path, header, result,
                                                                            default_currency))


def _currency_questions(path: Path, header: Header, result: ImportResult,
                        default_currency: str) -> tuple[str, ...]:
    """Amounts written with a currency sign beside amounts without one, and no currency column:
    are the bare ones in the default currency, or in the one the others write?"""
    if "currency" in header.index or result.kind not in ("invoices", "balances"):
        return ()
    found = {i.currency for i in result.invoices}
    if default_currency not in found or len(found) < 2:
        return ()
    others = sorted(found - {default_currency})
    listed = ", ".join(others)
    return (f"some amounts are written in {listed} and others without a currency, which were read "
            f"as {default_currency} (the default). Say which currency those are in config.toml, "
            "then drop the file again:\n"
            + profile_lines(path, f"currency = {toml_string(others[0])}    # the amounts without a sign",
                            f"# or, if they are in {default_currency}:  currency = "
                            f"{toml_string(default_currency)}"),)


# Headers whose field only their values tell: Xero's "Due" is money, a list's "Due" a date.
_BY_VALUES = {"due": {"money": "balance", "a date": "due_date"},
              "לתשלום": {"money": "balance", "a date": "due_date"}}


def _with_typed_headers(rows: Sequence[Row], header: Header) -> Header:
    """The header with each column of _BY_VALUES read as the field its values show, when that
    field has no column yet."""
    from .questions import values_look_like

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


def _dated(rows: Sequence[Row], header: Header) -> list[str]:
    """The date fields whose columns hold a date on some row (an aging summary may head empty
    "Invoice Date"/"Due Date" columns)."""
    body = [c for n, c in rows if n > header.row][:500]
    return [f for f in ("due_date", "issue_date") if f in header.index
            and any(header.index[f] < len(r) and not parse.is_blank(r[header.index[f]]) for r in body)]


def _with_unnamed_customer(rows: Sequence[Row], header: Header) -> Header:
    """An aging summary whose customer column has no header (QuickBooks' "A/R Aging Summary"
    leaves its first header cell empty): when the header has aging columns and no customer,
    number or date, and exactly one unnamed column holds words on the rows, that column is the
    customer's name."""
    index = header.index
    if ({"customer_name", "customer_id", "number", "debit", "credit"} & index.keys()) \
            or _dated(rows, header) or not header.buckets:
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


def _numberless_question(path: Path, rows: Sequence[Row], header: Header) -> str:
    """Rows with their own due dates and no document number: invoices whose number column has a
    name the reader does not know, or balances? Only the file's owner can say."""
    cells = header_cells(rows, header)
    body = [c for n, c in rows if n > header.row][:500]
    used = set(header.index.values()) | set(header.buckets) | set(header.statuses)
    best = None
    for column in range(len(cells)):
        values = [parse.clean_text(r[column]) for r in body if column < len(r) and not parse.is_blank(r[column])]
        if column in used or len(values) < 2 or not all(re.search(r"\d", v) for v in values):
            continue
        if len(set(values)) == len(values) and not is_harmless(cells[column]):
            best = column
            break
    ref = f"column {column_letters(best)}" if best is not None else "column ?"
    if best is not None and not parse.is_blank(cells[best]):
        ref = parse.clean_text(cells[best])
    dated = "due_date" if "due_date" in header.texts else "issue_date"
    return (f"column {header.texts[dated]!r} gives each row its own date, but no column is "
            "a document number, so the rows would be added up per customer as balances. Say which "
            "it is in config.toml, then drop the file again:\n"
            + profile_lines(path, f"columns.number = {toml_string(ref)}    # if that is the document number",
                            '# or, if the file is customer balances:  kind = "balances"'))


def _with_statuses(path: Path, rows: Sequence[Row], header: Header,
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
    return with_status_columns(header, cells, columns, skip)


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
        date_order)
    if result.kind == "contacts":
        questions = ()  # a contacts file changes no debt
    unreadable = getattr(rows, "unreadable", None)
    if unreadable:
        questions += cell_questions(path, unreadable, header, cells, used)
    if "status" in header.index and result.kind != "contacts":
        for column in status_columns(header):
            statuses = {row[column] for row in body if column < len(row)}
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
        _, rows = next(found, ("", []))
        result = extract_rows(path, rows, importer=self.name, default_currency=self.default_currency)
        return with_contacts_sheet(path, result, found) if result.kind == "invoices" else result


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
