"""Round 3: how real reports arrange their rows (tests/sources/build_layouts3.py writes the
fixtures, README.md says where each layout was learned). The fixtures' meanings are held in
meaning.json with the others (test_sources_meaning.py); here each rule they taught is pinned on
a small file of its own, with the case that must *not* be taken for it beside it."""
from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from dunning_mailer.sources import SourceError, read_invoices
from dunning_mailer.sources import cells

FIXTURES = Path(__file__).parent / "sources"
MEANING = json.loads((FIXTURES / "meaning.json").read_text(encoding="utf-8"))
ROUND3 = sorted(name for name in MEANING if name.startswith("l3_"))


def write_csv(path: Path, rows, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


def write_book(path: Path, sheets) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def facts(result) -> set[tuple]:
    return {(i.number if i.kind == "invoice" else None, i.customer_id, str(i.balance), i.currency)
            for i in result.invoices}


# --- the round-3 set as a whole ---------------------------------------------------------------

def test_round_three_set_reads_what_it_should_and_holds_the_rest():
    """Every round-3 file has its meaning and its expected reading; the held ones are exactly
    those the file itself cannot settle (a change that reads one of them is a change to review)."""
    assert len(ROUND3) >= 25
    held = sorted(name for name in ROUND3 if MEANING[name] == "held")
    assert held == ["l3_hashavshevet_trial_balance.xlsx", "l3_invoice_ninja_ambiguous_dates.csv",
                    "l3_odoo_aged_receivable_unfolded.xlsx"]
    for name in ROUND3:
        assert (FIXTURES / f"{name}.expected.json").is_file(), name


# --- grouped reports: a currency heading over its customers' groups ---------------------------

def test_a_currency_heading_gives_its_groups_their_currency_until_its_total(tmp_path):
    rows = [
        ["Aged Receivables Detail"], ["As at 30 November 2026"], [],
        ["Date", "Invoice Number", "Due Date", "Total", "Due"],
        ["EUR"], ["Marine Systems"],
        ["01 Oct 2026", "INV-1", "31 Oct 2026", "100.00", "100.00"],
        ["Total Marine Systems", "", "", "100.00", "100.00"],
        ["Total EUR", "", "", "100.00", "100.00"],
        ["USD"], ["Boom FM"],
        ["05 Nov 2026", "INV-2", "05 Dec 2026", "40.00", "40.00"],
        ["Total Boom FM", "", "", "40.00", "40.00"],
    ]
    result = read_invoices(write_csv(tmp_path / "aged.csv", rows))
    assert facts(result) == {("INV-1", "Marine Systems", "100.00", "EUR"),
                             ("INV-2", "Boom FM", "40.00", "USD")}
    # After the currency's total no heading names one: those amounts are asked about.
    without = write_csv(tmp_path / "after.csv", [r for r in rows if r != ["USD"]])
    with pytest.raises(SourceError, match="written in EUR and others without a currency"):
        read_invoices(without)


def test_a_three_letter_customer_heading_is_a_customer_not_a_currency(tmp_path):
    path = write_csv(tmp_path / "open.csv", [
        ["", "Date", "Num", "Due Date", "Amount", "Open Balance"],
        ["IBM"],
        ["", "11/02/2026", "1035", "12/22/2026", "80.00", "80.00"],
        ["Total for IBM", "", "", "", "$80.00", "$80.00"],
        ["Ace"],
        ["", "11/03/2026", "1036", "12/23/2026", "20.00", "20.00"],
        ["Total for Ace", "", "", "", "$20.00", "$20.00"],
    ])
    result = read_invoices(path)
    assert facts(result) == {("1035", "IBM", "80.00", "USD"), ("1036", "Ace", "20.00", "USD")}


def test_a_currency_heading_over_balances(tmp_path):
    path = write_csv(tmp_path / "bal.csv", [
        ["נכון לתאריך 30/11/2026"], ["מפתח חשבון", "שם חשבון", "יתרה"],
        ["מטבע: דולר"], ["1", "א", "10.00"], ['סה"כ', "", "10.00"],
        ["מטבע: אירו"], ["2", "ב", "20.00"],
    ])
    assert facts(read_invoices(path)) == {(None, "1", "10.00", "USD"), (None, "2", "20.00", "EUR")}


# --- the side of a balance ---------------------------------------------------------------------

def test_a_side_column_makes_a_credit_balance_no_debt(tmp_path):
    path = write_csv(tmp_path / "bal.csv", [
        ["נכון לתאריך 30/11/2026"], ["מפתח חשבון", "שם חשבון", "יתרה", "ח/ז"],
        ["1", "א", "100.00", "ח"], ["2", "ב", "40.00", "ז"], ["3", "ג", "5.00", "Dr"],
    ])
    result = read_invoices(path)
    assert facts(result) == {(None, "1", "100.00", "ILS"), (None, "3", "5.00", "ILS")}
    assert result.columns["side"] == "ח/ז"
    assert any("credit balance of 40.00" in w for w in result.warnings)


def test_a_column_of_other_words_is_no_side(tmp_path):
    path = write_csv(tmp_path / "bal.csv", [
        ["נכון לתאריך 30/11/2026"], ["מפתח חשבון", "שם חשבון", "יתרה", "סוכן"],
        ["1", "א", "100.00", "ח"], ["2", "ב", "40.00", "זיו"],
    ])
    result = read_invoices(path)
    assert "side" not in result.columns
    assert facts(result) == {(None, "1", "100.00", "ILS"), (None, "2", "40.00", "ILS")}


@pytest.mark.parametrize("text, amount", [
    ("ח 1,670.00", "1670.00"), ("ז 500.00", "-500.00"), ("1,170.00 ח", "1170.00"),
    ("100.00 Cr", "-100.00"), ("500.00-", "-500.00"), ("-₪500.00", "-500.00"),
    ("1.234,56", "1234.56"), ("(50.00)", "-50.00"),
])
def test_amounts_as_reports_write_them(text, amount):
    assert cells.parse_amount(text)[0] == Decimal(amount)


def test_a_side_letter_alone_is_not_an_amount():
    with pytest.raises(ValueError):
        cells.parse_amount("ח")


def test_an_unused_column_of_side_marked_money_is_a_question(tmp_path):
    path = write_csv(tmp_path / "stmt.csv", [
        ["Date To: 30/11/2026"], ["A/C", "Name", "Date", "Debit", "Credit", "Running"],
        ["A1", "Acme", "", "", "", "100.00 Cr"],
        ["A1", "Acme", "03/11/2026", "480.00", "", "380.00 Dr"],
    ])
    result = read_invoices(path, hold=False)
    assert any("'Running'" in q and "looks like money" in q for q in result.questions)


# --- ledger cards with the account as a heading row --------------------------------------------

def test_a_ledger_card_account_heading_gives_key_and_name(tmp_path):
    path = write_csv(tmp_path / "card.csv", [
        ["כרטסת"], ["מתאריך 01/01/2026 עד 30/11/2026"],
        ["תאריך", "אסמכתא", "פרטים", "חובה", "זכות", "יתרה"],
        ["חשבון: 20011 - אורן שיווק"],
        ["01/09/2026", "3101", "חשבונית", "1,170.00", "", "ח 1,170.00"],
        ["20/09/2026", "8802", "קבלה", "", "500.00", "ח 670.00"],
        ["", "", 'סה"כ מפתח חשבון', "1,170.00", "500.00", "ח 670.00"],
    ])
    result = read_invoices(path)
    assert [(i.customer_id, i.customer_name, str(i.balance)) for i in result.invoices] == [
        ("20011", "אורן שיווק", "670.00")]
    assert result.invoices[0].due_date.isoformat() == "2026-11-30"


# --- which rows are the report ------------------------------------------------------------------

def test_a_trial_balance_is_held_and_a_customers_trial_balance_is_read(tmp_path):
    rows = [["מפתח חשבון", "שם חשבון", "חובה", "זכות"], ["100", "שמש", "1,000.00", "400.00"],
            ["10100", "בנק", "5,000.00", "0.00"]]
    every = write_csv(tmp_path / "all.csv", [["מאזן בוחן נכון ל-30/11/2026"], *rows])
    with pytest.raises(SourceError, match="every account in the books"):
        read_invoices(every)
    customers = write_csv(tmp_path / "cust.csv", [["מאזן בוחן לקוחות נכון ל-30/11/2026"], *rows])
    assert {i.customer_id for i in read_invoices(customers).invoices} == {"100", "10100"}


def test_the_data_sheet_after_a_parameters_sheet_is_read(tmp_path):
    data = [["Invoice No", "Customer", "Due Date", "Amount"], ["1", "Acme", "21/12/2026", "10.00"]]
    path = write_book(tmp_path / "two.xlsx", [("Parameters", [["From", "01/11/2026"], ["To", "30/11/2026"]]),
                                               ("Data", data)])
    result = read_invoices(path)
    assert facts(result) == {("1", "Acme", "10.00", "ILS")}
    assert "read sheet 'Data'" in result.warnings[0]
    first = write_book(tmp_path / "first.xlsx", [("Data", data), ("Other", [["Invoice No", "Customer", "Due Date",
                                                                              "Amount"], ["2", "B", "21/12/2026", "5.00"]])])
    assert facts(read_invoices(first)) == {("1", "Acme", "10.00", "ILS")}


def test_a_header_repeated_per_page_and_worded_differently_first_stops(tmp_path):
    """Reading from the later, better-known copy would drop the first page's rows without a word."""
    path = write_csv(tmp_path / "pages.csv", [
        ["נכון לתאריך 30/11/2026"],
        ["מס' לקוח", "שם לקוח", "יתרה סופית כוללת"],
        ["301", "א", "1,170.00"],
        ["עמוד 1 מתוך 2"],
        ["מס' לקוח", "שם לקוח", "יתרה"],
        ["303", "ג", "2,000.00"],
    ])
    with pytest.raises(SourceError, match="row 2"):
        read_invoices(path)
    same = write_csv(tmp_path / "same.csv", [
        ["נכון לתאריך 30/11/2026"], ["מס' לקוח", "שם לקוח", "יתרה"], ["301", "א", "1,170.00"],
        ["עמוד 1 מתוך 2"], ["מס' לקוח", "שם לקוח", "יתרה"], ["303", "ג", "2,000.00"],
    ])
    assert {i.customer_id for i in read_invoices(same).invoices} == {"301", "303"}


@pytest.mark.parametrize("title, date", [
    ("Date From: 01/11/2026  Date To: 30/11/2026", "2026-11-30"),
    ("תאריך: 30/11/26", "2026-11-30"),
    ("As at 30.11.2026", "2026-11-30"),
])
def test_the_report_date_from_the_title(tmp_path, title, date):
    path = write_csv(tmp_path / "b.csv", [[title], ["Customer", "Balance"], ["Acme", "10.00"]])
    assert read_invoices(path).invoices[0].due_date.isoformat() == date


def test_a_print_date_is_not_the_report_date(tmp_path):
    path = write_csv(tmp_path / "b.csv", [["תאריך הדפסה: 02/12/2026"], ["נכון לתאריך 30/11/2026"],
                                          ["שם לקוח", "יתרה"], ["א", "10.00"]])
    assert read_invoices(path).invoices[0].due_date.isoformat() == "2026-11-30"


# --- containers ----------------------------------------------------------------------------------

def test_an_html_header_with_rowspan_keeps_its_columns_in_place(tmp_path):
    """A rowspan cell covers the columns below it: the lower header row starts after them."""
    path = tmp_path / "report.xls"
    path.write_text(
        '<html><head><meta charset="utf-8"></head><body><table>'
        '<tr><th rowspan="2">מפתח</th><th rowspan="2">שם לקוח</th><th colspan="2">סכומים</th>'
        '<th rowspan="2">הערות</th></tr><tr><th>חובה</th><th>זכות</th></tr>'
        '<tr><td>7</td><td>שקד</td><td>100.00</td><td>30.00</td><td>x</td></tr>'
        '</table><p>נכון לתאריך 30/11/2026</p></body></html>', encoding="utf-8")
    result = read_invoices(path, hold=False)
    assert result.columns["debit"] == "חובה" and result.columns["customer_id"] == "מפתח"
    assert [(i.customer_id, str(i.balance)) for i in result.invoices] == [("7", "70.00")]


def test_an_unfolded_aged_report_is_refused_with_what_to_export(tmp_path):
    header = ["", "Due Date", "At Date", "1-30", "Total"]
    unfolded = write_csv(tmp_path / "unfolded.csv", [
        ["Aged Receivable"], ["As of 11/30/2026"], header,
        ["Azure Interior", "", "100.00", "250.00", "350.00"],
        ["INV/2026/00012", "12/15/2026", "100.00", "", "100.00"],
        ["INV/2026/00007", "11/10/2026", "", "250.00", "250.00"],
    ])
    with pytest.raises(SourceError, match="rows 4 each hold the total of the rows under them"):
        read_invoices(unfolded)
    # The same columns, rows that do not add up: no such claim (the usual report of what is missing).
    other = write_csv(tmp_path / "other.csv", [
        ["Aged Receivable"], ["As of 11/30/2026"], header,
        ["Azure Interior", "", "100.00", "250.00", "999.00"],
        ["INV/2026/00012", "12/15/2026", "100.00", "", "100.00"],
    ])
    with pytest.raises(SourceError) as refused:
        read_invoices(other)
    assert "total of the rows under them" not in refused.value.message


def test_a_side_column_in_an_invoices_file_is_a_question(tmp_path):
    path = write_csv(tmp_path / "docs.csv", [
        ["מס' מסמך", "שם לקוח", "תאריך פירעון", "סכום", "ח/ז"],
        ["1", "א", "21/12/2026", "100.00", "ח"], ["2", "ב", "22/12/2026", "40.00", "ז"],
    ])
    with pytest.raises(SourceError, match="debit/credit side"):
        read_invoices(path)


def test_a_share_of_total_column_is_no_money_question(tmp_path):
    path = write_csv(tmp_path / "aging.csv", [
        ["A/R Aging Summary"], ["As of 30/11/2026"], ["Customer", "Current", "1-30", "Total", "% of Total"],
        ["A", "100.00", "", "100.00", "66.67%"], ["B", "", "50.00", "50.00", "33.33%"],
    ])
    result = read_invoices(path)
    assert result.unused_columns == ("% of Total",)
    assert facts(result) == {(None, "A", "100.00", "ILS"), (None, "B", "50.00", "ILS")}


def test_a_small_but_readable_first_sheet_is_still_the_one_read(tmp_path):
    path = write_book(tmp_path / "bal.xlsx", [
        ("יתרות", [["נכון לתאריך 30/11/2026"], ["שם לקוח", "יתרה"], ["אורן", 100.0]]),
        ("אנשי קשר", [["מס' לקוח", "שם לקוח", "אימייל", "טלפון"], ["1", "אורן", "a@oren.example", "03-5551234"]]),
    ])
    result = read_invoices(path)
    assert result.kind == "balances" and facts(result) == {(None, "אורן", "100.00", "ILS")}
    assert not any("read sheet" in w for w in result.warnings)


def test_an_account_heading_that_carries_the_opening_balance(tmp_path):
    path = write_csv(tmp_path / "card.csv", [
        ["כרטסת"], ["עד תאריך 30/11/2026"], ["תאריך", "אסמכתא", "פרטים", "חובה", "זכות", "יתרה"],
        ["20011 אורן שיווק", "", "יתרת פתיחה", "", "", "ח 500.00"],
        ["01/09/2026", "1", "חשבונית", "100.00", "", "ח 600.00"],
        ["", "", 'סה"כ מפתח חשבון', "100.00", "", "ח 600.00"],
        ["20012 גלבוע", "", "יתרת פתיחה", "", "", "ז 50.00"],  # right after a total: still read
        ["02/09/2026", "2", "חשבונית", "80.00", "", "ח 30.00"],
    ])
    result = read_invoices(path)
    assert [(i.customer_id, i.customer_name, str(i.balance)) for i in result.invoices] == [
        ("20011", "אורן שיווק", "600.00"), ("20012", "גלבוע", "30.00")]


def test_a_minus_amount_beside_a_side_word_is_held(tmp_path):
    path = write_csv(tmp_path / "bal.csv", [
        ["נכון לתאריך 30/11/2026"], ["מפתח חשבון", "שם חשבון", "יתרה", "ח/ז"],
        ["1", "א", "100.00", "ח"], ["2", "ב", "-40.00", "ז"],
    ])
    with pytest.raises(SourceError, match="which side is it"):
        read_invoices(path)
