"""The column-wise invoice reader gives exactly what reading the rows one by one gave.

`row_reader.py` is the row-at-a-time reader it replaced. On junk sheets and on sheets
built from a small pool of cells (so that the same text, number or date recurs in many
rows and columns, as in real exports, and the per-value caches are exercised), both must
return the same invoices (amounts compared as written, "1.00" is not "1.0"), the same
warnings in the same order, and the same error.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from dunning_mailer.sources import cells as parse
from dunning_mailer.sources.base import SourceError
from dunning_mailer.sources.columns import detect_kind, find_header, missing_required
from dunning_mailer.sources.by_values import with_statuses
from dunning_mailer.sources.generic import extract_rows, header_cells
from dunning_mailer.sources.questions import column_name
from dunning_mailer.sources.statuses import status_columns
from row_reader import read_invoice_rows
from test_sources_fuzz import HEADER, cell, sheets

# Values that are equal but not the same reading: -0.0 and 0.0, True and 1, 1 and 1.0,
# 10**16 and 1e16, a date and midnight of it, a text and its padded twin.
LOOKALIKES = [
    0.0, -0.0, 0, True, False, 1, 1.0, 10**16, 1e16, 2.5, "2.5", " 2.5", "2.5\u200f",
    dt.date(2025, 4, 1), dt.datetime(2025, 4, 1), dt.datetime(2025, 4, 1, 13, 30),
    45000, 45000.0, "45000", 1234.4999999999998, float("nan"), float("inf"),
    "000123", "#000123", " 000123", "00 0123", "0001\t23", "x1", "١٢٣", "", " ", "\u00a0",
    "a@b.co", "A@B.co; a@b.co", "bad@", "Dana <dana@x.co.il>", "שולם", "Paid", " paid",
    "01/04/2025", "13/04/2025", "04/13/2025", "2025-04-01", "1/4/25", "31.12.2025",
    "₪", "USD", "usd", "$", "(500.00)", "500.00-", "1,234.50", "₪ 980.00", "334,921.00 זכות",
    "he", "English", "xx1", "שוטף+30", "Net 30", 'סה"כ', "Total", "\tTotal", "\u2007Total",
    "Total Solutions", "יתרת פתיחה", "Acme", "שמש", "10007", 10007, 10007.0,
]


# Per column of HEADER: values a real export would have there.
PLAUSIBLE = [
    ["000123", "124", "2025-000007", 125, 126.0, "A-17", ""],
    ["שמש בע\"מ", "Acme", "Total Solutions", "אור ירוק", ""],
    ["a@b.co", "dana@shemesh.co.il; Yossi@Shemesh.co.il", "x@y.com; bad@", ""],
    [dt.date(2025, 4, 1), "01/04/2025", "2025-04-01", "13/04/2025", 45000, ""],
    [dt.date(2025, 5, 1), dt.datetime(2025, 5, 1), "01/05/2025", "31/05/2025", "05/31/2025", ""],
    [906.86, 1344.16, 500, "1,234.50", "(500.00)", "500.00-", "$1,284.50", 0.0, -0.0, ""],
    [906.86, 876.0, "₪ 980.00", "(500.00)", 0, 0.0, -0.0, "0.00", ""],
    ["", "פתוח", "שולם", "Paid"],
    ["", "שוטף+30", "Net 30"],
    ["", "₪", "USD", "$", "€"],
    ["", "he", "English"],
]


@st.composite
def pooled_sheets(draw):
    """Invoice-like sheets whose columns draw from small pools: values recur down a column
    and across columns, look-alikes (0.0/-0.0, True/1, a date/its midnight) sit side by side."""
    odd = st.one_of(st.sampled_from(LOOKALIKES), cell)
    usually = lambda values: st.integers(0, 7).flatmap(  # noqa: E731
        lambda n: odd if n == 0 else st.sampled_from(values))
    pools = [draw(st.lists(usually(values), min_size=1, max_size=5)) for values in PLAUSIBLE]
    shared = st.sampled_from(draw(st.lists(odd, min_size=1, max_size=4)))

    def row():
        columns = [st.integers(0, 9).flatmap(lambda n, pool=pool: shared if n == 0 else st.sampled_from(pool))
                   for pool in pools]
        return st.tuples(*columns).map(list).flatmap(
            lambda cells: st.integers(len(cells) - 3, len(cells) + 1).map(
                lambda n: (cells + [""])[:n]))

    body = draw(st.lists(row(), min_size=1, max_size=25))
    before = draw(st.lists(st.lists(shared, max_size=3), max_size=2))
    header = list(HEADER)
    if draw(st.booleans()):
        header[6] = "שולם"  # a paid column instead of a balance
    if draw(st.booleans()):
        body.insert(draw(st.integers(0, len(body))), list(header))  # the header repeated
    if draw(st.booleans()):
        body.insert(draw(st.integers(0, len(body))), [""] * draw(st.integers(0, len(header))))
    rows = [*before, header, *body]
    return [(n, list(cells)) for n, cells in enumerate(rows, start=1)]


def reading(read):
    """What a reader gives, in a form where equal means the same reading."""
    try:
        result = read()
    except SourceError as error:
        return ("SourceError", error.message)
    except Exception as error:  # the same unexpected error is the same behaviour too
        return (type(error).__name__, str(error))
    invoices = [
        (i.number, i.customer_id, i.customer_name, i.emails, repr(i.issue_date), repr(i.due_date),
         str(i.amount), str(i.balance), i.currency, i.language, i.kind)
        for i in result.invoices
    ]
    return (result.importer, result.kind, result.header_row, result.columns, result.warnings, invoices)


def same_as_row_by_row(rows, order) -> None:
    path = Path("sheet.xlsx")
    header = find_header(rows)
    if (header is None or not header.index or detect_kind(header) != "invoices"
            or missing_required(header.index)):
        return
    header = with_statuses(path, rows, header, ())  # status columns known by their values too
    if detect_kind(header) != "invoices":
        return
    expected = reading(lambda: read_invoice_rows(path, rows, header, importer="generic",
                                                 date_order=order))
    actual = reading(lambda: extract_rows(path, rows, importer="generic", date_order=order))
    if header.statuses and expected[0] == "generic":  # every status column is named in the mapping
        named = " + ".join(column_name(header_cells(rows, header), c) for c in status_columns(header))
        expected = (*expected[:3], {**expected[3], "status": named}, *expected[4:])
    if actual[0] == "generic":  # the reader's own note of due dates its terms gave (by_values)
        actual = (*actual[:4], tuple(w for w in actual[4] if " have no due date (" not in w), *actual[5:])
    assert actual == expected
    event(f"{expected[0]}: {min(len(expected[-1]), 3) if expected[0] == 'generic' else expected[1][:20]}")


@settings(max_examples=400, deadline=None)
@given(sheets(), st.sampled_from([None, "DMY", "MDY"]))
def test_junk_sheets_read_as_row_by_row(rows, order):
    same_as_row_by_row(rows, order)


@settings(max_examples=400, deadline=None)
@given(pooled_sheets(), st.sampled_from([None, "DMY", "MDY"]))
def test_sheets_of_recurring_cells_read_as_row_by_row(rows, order):
    same_as_row_by_row(rows, order)


def as_read(reading) -> str:
    """A reading as text: refusals by their error, values with their exact form."""
    if isinstance(reading, parse.Refusal):
        return f"refused: {type(reading.error).__name__}: {reading.error}"
    return repr(reading)


READERS = {
    "amount": (parse.parse_amount, (), None),
    "date": (parse.parse_date, ("DMY",), dt.date),
    "currency": (parse.parse_currency, (), None),
    "language": (parse.parse_language, (), None),
}


def column_and_alone(kind: str, cells: list) -> tuple[list[str], list[str]]:
    parser, args, ready = READERS[kind]
    reader = parse.money_reader() if kind == "amount" else parse.ColumnReader(parser, *args, ready=ready)
    column = reader.read(cells)
    alone = [parse.read_cell(parser, c, args) for c in cells]
    return [as_read(r) for r in column], [as_read(r) for r in alone]


@pytest.mark.parametrize("kind", READERS)
def test_column_reader_keeps_lookalikes_apart(kind):
    """Equal values of another type or sign (0.0 and -0.0, True and 1, 10**16 and 1e16,
    a date and its midnight) never share a reading, in either order."""
    for cells in (LOOKALIKES, LOOKALIKES[::-1], LOOKALIKES + LOOKALIKES[::-1]):
        column, alone = column_and_alone(kind, list(cells))
        assert column == alone


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(LOOKALIKES), cell), max_size=30), st.sampled_from(list(READERS)))
def test_column_reader_reads_each_cell_as_alone(cells, kind):
    column, alone = column_and_alone(kind, cells + cells[::-1])
    assert column == alone
