"""Columns the header alone does not name, known by their values: a header whose field only
its values tell ("Due"), status columns (statuses.py), an aging summary's unnamed customer
column. Each rule needs the file's own evidence; none guesses."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from . import cells as parse
from .columns import Header, header_key
from .containers import column_letters
from .questions import is_harmless, values_look_like
from .rows import header_cells
from .statuses import with_status_columns
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
    return with_status_columns(header, cells, columns, skip)


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
