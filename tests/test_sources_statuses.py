"""Every status column counts, and the file's own arithmetic settles what it can: the rules of
statuses.py and evidence.py, each on a small file, with the config line a held file prints."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dunning_mailer.sources import SourceError, read_invoices
from dunning_mailer.sources.statuses import CLOSED, OPEN, PARTIAL, status_meaning
from test_sources_systems import _suggested


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("word, meaning", [
    ("שולם", CLOSED), ("שולם חלקית", PARTIAL), ("פתוח", OPEN), ("מבוטל", CLOSED), ("טיוטה", CLOSED),
    ("Paid", CLOSED), ("In Payment", CLOSED), ("in_payment", CLOSED), ("Reversed", CLOSED),
    ("Void", CLOSED), ("Cancelled", CLOSED), ("Draft", CLOSED), ("Awaiting Approval", CLOSED),
    ("Written Off", CLOSED), ("Partially Paid", PARTIAL), ("PartiallyPaid", PARTIAL),
    ("partial", PARTIAL), ("Not Paid", OPEN), ("not_paid", OPEN), ("Posted", OPEN),
    ("Awaiting Payment", OPEN), ("Overdue", OPEN), ("ממתין", None), ("", None),
])
def test_status_words(word: str, meaning):
    assert status_meaning(word) == meaning


def test_a_paid_or_reversed_row_is_never_owed_when_a_second_status_says_posted(tmp_path: Path):
    path = _csv(tmp_path, "odoo.csv",
                "Number,Customer,Due Date,Total,Payment Status,Status\n"
                "INV/1,Azure,2026-12-01,100.00,Not Paid,Posted\n"
                "INV/2,Azure,2026-12-02,200.00,Paid,Posted\n"
                "INV/3,Deco,2026-12-03,300.00,Reversed,Posted\n"
                "INV/4,Deco,2026-12-04,400.00,In Payment,Posted\n"
                "INV/5,Deco,2026-12-05,500.00,Not Paid,Draft\n")
    assert [i.number for i in read_invoices(path).invoices] == ["INV/1"]


def test_an_unknown_word_in_the_second_status_column_holds_the_file_until_the_printed_line(tmp_path: Path):
    path = _csv(tmp_path, "docs.csv",
                "מספר מסמך,שם לקוח,תאריך פירעון,סכום,סטטוס,סטטוס תשלום\n"
                "1,שמש,01/12/2026,100.00,פתוח,לא שולם\n"
                "2,ירח,02/12/2026,80.00,פתוח,בהסדר\n")
    with pytest.raises(SourceError) as held:
        read_invoices(path)
    message = held.value.message
    assert "column 'סטטוס תשלום' has statuses the reader does not know (\"בהסדר\")" in message
    result = read_invoices(path, profiles=_suggested(message))  # open_statuses = ["בהסדר"]
    assert [i.number for i in result.invoices] == ["1", "2"]


def test_a_column_of_status_words_counts_whatever_its_header(tmp_path: Path):
    path = _csv(tmp_path, "x.csv",
                "Invoice No,Customer,Due Date,Amount,Zustand\n"
                "1,A,21/12/2026,100.00,Open\n2,B,22/12/2026,80.00,Paid\n3,C,23/12/2026,60.00,Void\n")
    result = read_invoices(path)
    assert [i.number for i in result.invoices] == ["1"]
    assert result.columns["status"] == "Zustand"


def test_partly_paid_without_a_balance_is_held_and_with_one_keeps_its_balance(tmp_path: Path):
    without = _csv(tmp_path, "a.csv", "Invoice No,Customer,Due Date,Total,Status\n"
                                      "1,A,21/12/2026,100.00,Open\n2,B,22/12/2026,80.00,Partially Paid\n")
    with pytest.raises(SourceError, match="row 3 .*partly paid, and the file has no balance or paid column"):
        read_invoices(without)
    with_balance = _csv(tmp_path, "b.csv", "Invoice No,Customer,Due Date,Total,Balance,Status\n"
                                           "1,A,21/12/2026,100.00,100.00,Open\n"
                                           "2,B,22/12/2026,80.00,30.00,Partially Paid\n")
    assert [(i.number, i.balance) for i in read_invoices(with_balance).invoices] == [
        ("1", Decimal("100.00")), ("2", Decimal("30.00"))]


def test_a_column_the_arithmetic_explains_is_listed_not_asked(tmp_path: Path):
    # "Bezahlt": amount - it = balance on every row; "Netto" + "MwSt" = amount on every row.
    path = _csv(tmp_path, "x.csv",
                "Invoice No,Customer,Due Date,Netto,MwSt,Amount,Bezahlt,Balance\n"
                "1,A,21/12/2026,100.00,17.00,117.00,0.00,117.00\n"
                "2,B,22/12/2026,200.00,34.00,234.00,34.00,200.00\n")
    result = read_invoices(path)
    assert [i.balance for i in result.invoices] == [Decimal("117.00"), Decimal("200.00")]
    assert {"Netto", "MwSt", "Bezahlt"} <= set(result.unused_columns)


def test_a_money_column_the_arithmetic_does_not_explain_is_a_question(tmp_path: Path):
    path = _csv(tmp_path, "x.csv",
                "Invoice No,Customer,Due Date,Amount,Balance,Offen Brutto\n"
                "1,A,21/12/2026,117.00,117.00,99.00\n2,B,22/12/2026,234.00,200.00,150.00\n")
    with pytest.raises(SourceError, match="'Offen Brutto' \\(column F\\) looks like money"):
        read_invoices(path)


def test_plain_numbers_that_could_be_the_missing_amount_are_a_question(tmp_path: Path):
    # Whole numbers, no money words: more than the balance on a row, so perhaps the amount.
    path = _csv(tmp_path, "x.csv", "Invoice No,Customer,Due Date,Balance,Zq\n"
                                   "1,A,21/12/2026,100.00,100\n2,B,22/12/2026,30.00,80\n")
    with pytest.raises(SourceError, match="'Zq' \\(column E\\) looks like money"):
        read_invoices(path)


def test_a_currency_column_under_an_unknown_name_is_a_question(tmp_path: Path):
    path = _csv(tmp_path, "x.csv", "Invoice No,Customer,Due Date,Balance,Wl\n"
                                   "1,A,21/12/2026,100.00,EUR\n2,B,22/12/2026,30.00,EUR\n")
    with pytest.raises(SourceError) as held:
        read_invoices(path)
    assert "'Wl' (column E) looks like a currency" in held.value.message
    result = read_invoices(path, profiles=_suggested(held.value.message))
    assert {i.currency for i in result.invoices} == {"EUR"}


def test_dates_never_after_the_due_date_are_not_a_question(tmp_path: Path):
    path = _csv(tmp_path, "x.csv", "Invoice No,Customer,Due Date,Balance,Gebucht\n"
                                   "1,A,21/12/2026,100.00,21/11/2026\n2,B,22/12/2026,30.00,22/12/2026\n")
    assert len(read_invoices(path).invoices) == 2
    later = _csv(tmp_path, "y.csv", "Invoice No,Customer,Due Date,Balance,Gebucht\n"
                                    "1,A,21/12/2026,100.00,21/01/2027\n2,B,22/12/2026,30.00,22/12/2026\n")
    with pytest.raises(SourceError, match="'Gebucht' \\(column E\\) looks like a date"):
        read_invoices(later)


def test_a_sign_on_some_amounts_and_none_on_others_is_a_question(tmp_path: Path):
    path = _csv(tmp_path, "x.csv", "Invoice No,Customer,Due Date,Balance\n"
                                   "1,A,21/12/2026,$100.00\n2,B,22/12/2026,30.00\n")
    with pytest.raises(SourceError) as held:
        read_invoices(path)
    result = read_invoices(path, profiles=_suggested(held.value.message))  # currency = "USD"
    assert {i.currency for i in result.invoices} == {"USD"}


def test_a_file_without_due_dates_is_refused_with_the_lines_and_read_with_a_profiles_terms(tmp_path: Path):
    from dunning_mailer.sources import profile_from_mapping

    path = _csv(tmp_path, "aging.csv", "Date,Transaction#,Customer Name,Amount,Balance Due\n"
                                       "2026-10-01,INV-1,Zylker,100.00,100.00\n2026-10-15,INV-2,Bowman,80.00,30.00\n")
    with pytest.raises(SourceError) as refused:
        read_invoices(path)
    assert 'terms = "Net 30"' in refused.value.message
    profile = profile_from_mapping("aging", {"match_filename": "aging.csv", "terms": "Net 30"})
    result = read_invoices(path, profiles=[profile])
    assert [(i.number, i.due_date.isoformat()) for i in result.invoices] == [
        ("INV-1", "2026-10-31"), ("INV-2", "2026-11-14")]
    with pytest.raises(ValueError, match="'terms' must be payment terms"):
        profile_from_mapping("x", {"terms": "whenever"})


@pytest.mark.parametrize("word, meaning", [
    ("Overdue 12 days", OPEN), ("Due in 5 days", OPEN), ("Paid 11/02/2026", CLOSED),
    ("Partially paid, due in 3 days", PARTIAL), ("בפיגור 30 יום", OPEN), ("שולם ב-3/11", CLOSED),
    ("Voided on 01/10/2026", CLOSED), ("Dueling", None), ("Paid?", None),
])
def test_a_status_word_with_its_details(word: str, meaning):
    assert status_meaning(word) == meaning


def test_a_column_that_is_the_amount_minus_what_was_paid_is_the_balance_not_a_question(tmp_path: Path):
    path = _csv(tmp_path, "x.csv", "מספר מסמך,שם לקוח,תאריך פירעון,סכום,שולם,סכום לתשלום\n"
                                   "1,שמש,01/12/2026,100.00,0.00,100.00\n2,ירח,02/12/2026,80.00,30.00,50.00\n")
    result = read_invoices(path)
    assert [i.balance for i in result.invoices] == [Decimal("100.00"), Decimal("50.00")]
    assert "סכום לתשלום" in result.unused_columns


def test_a_balance_above_the_amount_less_what_was_paid_is_a_question(tmp_path: Path):
    # Stripe's "Amount Due" without "Amount Remaining": the amount asked, not what is still open.
    path = _csv(tmp_path, "stripe.csv", "Number,Customer Name,Due Date (UTC),Total,Amount Paid,Amount Due\n"
                                        "A-1,Alpha,2026-12-01,480.00,200.00,480.00\nB-1,Beta,2026-12-02,90.00,0.00,90.00\n")
    with pytest.raises(SourceError) as held:
        read_invoices(path)
    assert "on row(s) 2, 'Amount Due' is more than 'Total' less 'Amount Paid'" in held.value.message
    from dunning_mailer.sources import profile_from_mapping

    # "Amount Due" as the amount: the balance is then the amount less what was paid.
    fixed = profile_from_mapping("s", {"match_filename": "stripe.csv", "columns": {"amount": "Amount Due"},
                                       "ignore_columns": ["Total"]})
    assert [i.balance for i in read_invoices(path, profiles=[fixed]).invoices] == [
        Decimal("280.00"), Decimal("90.00")]


def test_the_total_with_vat_is_the_amount_before_a_plain_total(tmp_path: Path):
    path = _csv(tmp_path, "x.csv", "Invoice No,Customer,Due Date,Total,Total incl. VAT\n"
                                   "1,A,21/12/2026,100.00,117.00\n2,B,22/12/2026,200.00,234.00\n")
    assert [i.balance for i in read_invoices(path).invoices] == [Decimal("117.00"), Decimal("234.00")]


_REPEATED = ("Document No,Customer,Due Date,Amount,Balance\n"
             "30045,Ofer Ltd,15/11/2026,5850.00,5850.00\n"
             "30045,Ofer Ltd,15/12/2026,5850.00,5850.00\n"
             "30046,Gil,20/11/2026,100.00,100.00\n")


def test_one_number_on_two_rows_is_a_question_never_one_row_kept(tmp_path: Path):
    """Two instalments of one invoice (an aging report lists each due part) must not silently become
    one of them: the file is held and the report prints both settling lines."""
    path = _csv(tmp_path, "aging.csv", _REPEATED)
    with pytest.raises(SourceError) as held:
        read_invoices(path)
    message = held.value.message
    assert "invoice 30045: rows 2 and 3 (different balance, due date or currency)" in message
    assert 'repeated_numbers = "lines"' not in message   # rows that disagree are no invoice's lines
    added = read_invoices(path, profiles=_suggested(message))   # repeated_numbers = "instalments"
    first = {i.number: i for i in added.invoices}["30045"]
    assert (first.amount, first.balance, str(first.due_date)) == (Decimal("11700.00"), Decimal("11700.00"),
                                                                   "2026-11-15")


def test_the_same_fields_repeated_are_the_lines_of_one_invoice_only_where_lines_have_columns(tmp_path: Path):
    lines = _csv(tmp_path, "lines.csv", "Invoice No,Customer,Due Date,Total,Item,Quantity\n"
                                        "7,A,21/12/2026,300.00,Chairs,2\n7,A,21/12/2026,300.00,Table,1\n")
    assert [(i.number, i.balance) for i in read_invoices(lines).invoices] == [("7", Decimal("300.00"))]
    copies = _csv(tmp_path, "copies.csv", "Invoice No,Customer,Due Date,Total\n"
                                          "7,A,21/12/2026,300.00\n7,A,21/12/2026,300.00\n")
    with pytest.raises(SourceError) as held:
        read_invoices(copies)
    assert "invoice 7: rows 2 and 3)" in held.value.message
    once = read_invoices(copies, profiles=_suggested(held.value.message))   # repeated_numbers = "lines"
    assert [(i.number, i.balance) for i in once.invoices] == [("7", Decimal("300.00"))]
