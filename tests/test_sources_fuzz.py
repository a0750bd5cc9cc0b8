"""Junk never crashes the reader with anything but SourceError, and totals never become invoices."""
from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dunning_mailer.sources import SourceError, read_invoices
from dunning_mailer.sources.generic import extract_rows

HEADER = ["מס' חשבונית", "שם לקוח", "אימייל", "תאריך", "תאריך פירעון", "סכום", "יתרה",
          "סטטוס", "תנאי תשלום", "מטבע", "שפה"]
TOTAL_NUMBER = "424242"

tricky_text = st.sampled_from([
    "", " ", "\u200f", "\u00a0", 'סה"כ', "Total", "(500.00)", "500.00-", "₪ 980.00", "$1,284.50",
    "1,234.50", "31/12/2025", "12/31/2025", "03/04/25", "2025-02-30", "31.12.2025", "45000",
    "a@b.co", "a@; b@c.com", "שולם", "Paid", "שוטף+30", "Net 30", "he", "xx1", "USD", "₪",
    "יתרת פתיחה", "=1+1", "\x00", "nan", "inf", "1e400", "--", "()",
])
cell = st.one_of(
    tricky_text,
    st.text(max_size=12),
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),
    st.booleans(),
    st.none().map(lambda _: ""),
).filter(lambda c: TOTAL_NUMBER not in str(c))
row = st.lists(cell, min_size=0, max_size=len(HEADER) + 2)


def mostly(*good):
    """Usually a sensible value, sometimes junk."""
    return st.integers(0, 9).flatmap(lambda n: cell if n == 0 else st.one_of(*good))


# Rows that are nearly invoices, so the fuzzing reaches the invoice-building code.
plausible_row = st.tuples(
    mostly(st.integers(1, 99999), st.from_regex(r"0?[0-9]{1,5}", fullmatch=True)),
    mostly(st.sampled_from(["שמש", "Acme", "Total Solutions", ""])),
    mostly(st.sampled_from(["a@b.co", "x@y.com; bad@", ""])),
    mostly(st.sampled_from(["01/04/2025", "2025-04-01", "13/04/2025", ""]), st.dates()),
    mostly(st.sampled_from(["01/05/2025", "2025-05-01", "31/05/2025", ""]), st.dates()),
    mostly(st.decimals(-10**6, 10**6, places=2).map(str)),
    mostly(st.decimals(-10**6, 10**6, places=2).map(str), st.just("")),
    mostly(st.sampled_from(["", "פתוח", "שולם", "Paid"])),
    mostly(st.sampled_from(["", "שוטף+30", "Net 30"])),
    mostly(st.sampled_from(["", "₪", "USD"])),
    mostly(st.sampled_from(["", "he", "English"])),
).map(list).filter(lambda r: TOTAL_NUMBER not in str(r[0]))


@st.composite
def sheets(draw):
    before = draw(st.lists(row, max_size=5))
    body = draw(st.lists(st.one_of(row, plausible_row), max_size=15))
    total = [draw(cell) for _ in HEADER]
    total[0] = draw(st.sampled_from([TOTAL_NUMBER, "", 'סה"כ']))
    marker_column = draw(st.sampled_from([1, 2, 3, 5, 7, 8, 9, 10]))
    total[marker_column] = draw(st.sampled_from(['סה"כ', 'סה"כ לדוח', "Total for Acme", "TOTAL",
                                                 "Subtotal", "יתרת סגירה"]))
    body.insert(draw(st.integers(0, len(body))), total)
    rows = [*before, HEADER, *body]
    return [(n, list(cells)) for n, cells in enumerate(rows, start=1)]


def no_total_invoice(result) -> None:
    assert all(i.number != TOTAL_NUMBER for i in result.invoices)
    assert all(i.balance != 0 for i in result.invoices)


@settings(max_examples=300, deadline=None)
@given(sheets(), st.sampled_from([None, "DMY", "MDY"]))
def test_junk_rows_only_raise_source_error(rows, order):
    try:
        result = extract_rows(Path("junk.xlsx"), rows, importer="generic", date_order=order)
    except SourceError as error:
        event(f"error: {error.message[:25]}")
        return
    event(f"invoices: {min(len(result.invoices), 3)}")
    no_total_invoice(result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets())
def test_junk_csv_round_trip(rows):
    text_rows = [["" if c is None else str(c) for c in cells] for _, cells in rows]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "junk.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerows(text_rows)
        try:
            result = read_invoices(path)
        except SourceError:
            return
        no_total_invoice(result)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([".csv", ".tsv", ".xlsx", ".xls", ".ods"]))
def test_random_bytes_only_raise_source_error(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"junk{suffix}"
        path.write_bytes(data)
        try:
            read_invoices(path)
        except SourceError:
            pass


BALANCE_HEADERS = [
    ["מס' לקוח", "שם לקוח", "אימייל", "יתרה", "מטבע", "שוטף", "1-30", "מעל 90", "שפה"],
    ["מפתח חשבון", "שם חשבון", "אסמכתא", "פרטים", "חובה", "זכות", "יתרה", "מטבע", "שפה"],
    ["מס' לקוח", "שם לקוח", "איש קשר", 'דוא"ל', "מנהל תיק", "מייל מנהל תיק", "שפה", "x", "y"],
]


@st.composite
def balance_sheets(draw):
    header = draw(st.sampled_from(BALANCE_HEADERS))
    title = draw(st.lists(st.one_of(row, st.just(["נכון ל-30/11/2026"])), max_size=3))
    money = st.sampled_from(["100", "(5.00)", "334,921.00 זכות", "1,000.00 חובה", "", "0", "$7"])
    plausible = st.tuples(
        mostly(st.sampled_from(["1001", "1002", ""])),
        mostly(st.sampled_from(["שמש", "ירח", "", "יתרת פתיחה", "יתרת סגירה"])),
        mostly(st.sampled_from(["a@b.co", "", "11", "x@"])),
        mostly(money, st.sampled_from(["a@b.co", "יתרת סגירה"])),
        mostly(money, st.sampled_from(["", "USD", "Avi"])),
        mostly(money, st.sampled_from(["", "a@b.co", "he"])),
        mostly(money),
        mostly(money, st.sampled_from(["", "USD", "₪"])),
        mostly(st.sampled_from(["", "he", "English"])),
    ).map(list)
    body = draw(st.lists(st.one_of(row, plausible, plausible), max_size=15))
    total = [draw(cell) for _ in header]
    total[0] = TOTAL_NUMBER
    total[draw(st.sampled_from([1, 3, 4]))] = draw(st.sampled_from(
        ['סה"כ', 'סה"כ לדוח', 'סה"כ מפתח חשבון 1', "TOTAL", "Total for Acme"]))
    body.insert(draw(st.integers(0, len(body))), total)
    rows = [*title, ["As of 2026-11-30"], header, *body]
    return [(n, list(cells)) for n, cells in enumerate(rows, start=1)]


@settings(max_examples=300, deadline=None)
@given(balance_sheets())
def test_junk_balance_and_contact_rows_only_raise_source_error(rows):
    try:
        result = extract_rows(Path("junk.xlsx"), rows, importer="generic")
    except SourceError as error:
        event(f"error: {error.message[:25]}")
        return
    event(f"{result.kind}: {min(len(result.invoices) + len(result.contacts), 3)}")
    assert result.kind in ("balances", "contacts")
    assert all(i.customer_id != TOTAL_NUMBER and i.balance > 0 and i.kind == "balance"
               for i in result.invoices)
    assert all(c.customer_id != TOTAL_NUMBER for c in result.contacts)
