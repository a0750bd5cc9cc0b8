"""The file's own arithmetic as evidence about the columns the reading does not use.

A column that looks like money or a date and is not used is a question (questions.py), unless
the file itself says what it is, on every row:
- it equals a column the reading uses ("Total in Currency" beside "Total", one currency);
- the amount minus it is the balance: it is what was paid;
- it and other unused money columns add up to the amount or the balance: a breakdown (the
  amount before VAT and the VAT; Sage's "Period 1…3" beside "Current" and "Older" summing to
  "Balance");
- it is a date no later than the due date on any row: an issue, posting or sending date, never
  a later due date.
Nothing here maps a column: what the file settles stays unused; what it does not stays a question.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import combinations
from typing import Mapping, Sequence

from . import cells as parse
from .columns import Header

_ZERO = Decimal(0)
_MOST_PARTS = 7  # a breakdown of at most this many columns is searched for
_MIN_ROWS = 2  # rows with money in them needed before the arithmetic counts
_MOST_POOL = 12  # unused money columns a breakdown is made of, at most
_SEARCH_ROWS = 200


def _money(cell: object) -> Decimal | None:
    """A cell's money, 0 for a blank, None for text that is not money."""
    if parse.is_blank(cell):
        return _ZERO
    try:
        return parse.parse_amount(cell)[0]
    except (ValueError, ArithmeticError):
        return None


def _date(cell: object, order: str) -> dt.date | None:
    if parse.is_blank(cell):
        return None
    try:
        return parse.parse_date(cell, order)
    except (ValueError, OverflowError):
        return None


def money_columns(columns: Sequence[Sequence[object]], positions: Sequence[int]) -> dict[int, list]:
    """Each column's money down the rows (None where a cell is not money)."""
    return {c: [_money(cell) for cell in columns[c]] for c in positions if c < len(columns)}


def _rows(readings: Mapping[int, list], wanted: Sequence[int], limit: int | None = None) -> list[int]:
    """The rows where every wanted column reads as money and one of them is not zero."""
    height = min((len(readings[c]) for c in wanted), default=0)
    height = height if limit is None else min(height, limit)
    return [i for i in range(height)
            if all(readings[c][i] is not None for c in wanted)
            and any(readings[c][i] for c in wanted)]


def _holds(rows: list[int], test) -> bool:
    return len(rows) >= _MIN_ROWS and all(test(i) for i in rows)


def settled_money(header: Header, columns: Sequence[Sequence[object]],
                  candidates: Sequence[int]) -> dict[int, str]:
    """Unused money columns the file's arithmetic explains -> how (see the module's docstring)."""
    known = {f: header.index[f] for f in ("amount", "balance", "paid") if f in header.index}
    pool = [c for c in candidates if c not in known.values()] + [
        c for c in header.buckets if c not in candidates]
    readings = money_columns(columns, [*known.values(), *pool])
    known = {f: c for f, c in known.items() if c in readings}
    found: dict[int, str] = {}
    for column in candidates:
        if column not in readings:
            continue
        for field, target in known.items():
            rows = _rows(readings, [column, target])
            if _holds(rows, lambda i: readings[column][i] == readings[target][i]):
                found[column] = f"equals the {field} on every row"
                break
        if column in found:
            continue
        if "amount" in known and "paid" in known and "balance" not in known:
            a, p = known["amount"], known["paid"]
            rows = _rows(readings, [column, a, p])
            if _holds(rows, lambda i: readings[a][i] - readings[p][i] == readings[column][i]):
                found[column] = "is the balance: the amount minus what was paid on every row"
                continue
        if "amount" in known and "balance" in known:
            a, b = known["amount"], known["balance"]
            rows = _rows(readings, [column, a, b])
            if _holds(rows, lambda i: readings[a][i] - readings[column][i] == readings[b][i]) \
                    and any(readings[column][i] for i in rows):
                found[column] = "is the amount paid: the amount minus it is the balance on every row"
    rest = [c for c in pool if c in readings and c not in found][:_MOST_POOL]
    for field, target in known.items():
        if field == "paid" or not any(c in candidates and c not in found for c in rest):
            continue
        for parts in _breakdowns(readings, target, rest, candidates, found):
            for part in parts:
                if part in candidates:
                    found.setdefault(part, f"is a part of the {field}: "
                                     "with other columns it adds up to it on every row")
    return found


def _breakdowns(readings: Mapping[int, list], target: int, rest: Sequence[int],
                candidates: Sequence[int], found: Mapping[int, str]):
    """Sets of columns that add up to `target` on every row: searched on the first rows, then
    checked on all of them."""
    def adds_up(parts, rows):
        return _holds(rows, lambda i: sum(readings[p][i] for p in parts) == readings[target][i])

    for size in range(2, min(len(rest), _MOST_PARTS) + 1):
        for parts in combinations(rest, size):
            if not any(p in candidates and p not in found for p in parts):
                continue
            if adds_up(parts, _rows(readings, [target, *parts], _SEARCH_ROWS)) \
                    and adds_up(parts, _rows(readings, [target, *parts])):
                yield parts


def settled_dates(header: Header, columns: Sequence[Sequence[object]], candidates: Sequence[int],
                  order: str) -> dict[int, str]:
    """Unused date columns that are never later than the due date: not a due date."""
    due = header.index.get("due_date")
    if due is None or due >= len(columns):
        return {}
    dues = [_date(cell, order) for cell in columns[due]]
    found = {}
    for column in candidates:
        if column >= len(columns):
            continue
        pairs = [(d, _date(cell, order)) for d, cell in zip(dues, columns[column])]
        pairs = [(d, x) for d, x in pairs if d is not None and x is not None]
        if len(pairs) >= _MIN_ROWS and all(x <= d for d, x in pairs):
            found[column] = "is never later than the due date"
    return found


def _numeric(cells: Sequence[object]) -> bool:
    filled = [c for c in cells if not parse.is_blank(c)]
    if not filled:
        return False
    numbers = sum(1 for c in filled if not isinstance(c, bool) and _money(c) is not None
                  and not isinstance(c, (dt.date, dt.datetime)))
    return numbers * 5 >= len(filled) * 4


def could_be_money(header: Header, columns: Sequence[Sequence[object]], column: int) -> bool:
    """Whether an unnamed or unknown column of plain numbers could be the money the reading
    lacks: the amount where only a balance is known (never less than it, more on some row), or
    the balance where only the amount is (never more than it, less on some row). Either would
    put a wrong number in a reminder, so such a column is a question."""
    if column >= len(columns) or not _numeric(columns[column]):
        return False
    known = {f: header.index[f] for f in ("amount", "balance", "paid") if f in header.index}
    if "amount" in known and "balance" in known:
        return False
    readings = money_columns(columns, [column, *known.values()])
    x = readings.get(column)
    if x is None:
        return False
    if "balance" in known and "amount" not in known and known["balance"] in readings:
        b = readings[known["balance"]]
        rows = _rows(readings, [column, known["balance"]])
        return _holds(rows, lambda i: x[i] >= b[i]) and any(x[i] > b[i] for i in rows)
    if "amount" in known and known["amount"] in readings:
        a = readings[known["amount"]]
        rows = _rows(readings, [column, known["amount"]])
        return _holds(rows, lambda i: x[i] <= a[i]) and any(x[i] < a[i] for i in rows)
    return False
