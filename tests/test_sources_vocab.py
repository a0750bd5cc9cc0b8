"""Every column and status real systems write (issue 14, round 3).

- each `vocab_*` fixture (written by build_vocab.py, one per system with all its columns) reads
  to what a person reads in it (`vocab_meaning.json`, written by hand), or is held;
- a file that reads leaves no column unaccounted for: each is mapped, or listed as unused;
- header spellings real files use (case, `*` marks, a currency beside the name, RTL marks,
  Hebrew gershayim) name the same field, and a currency in the header applies to the file;
- each system's status words mean what that system means by them; "disputed" needs a person;
- an invoice without a due date falls due as the file itself says (Stripe's
  charge_automatically: on its date), as a profile's terms say, or the file is held; each of
  these is said in the warnings.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dunning_mailer.sources import SourceError, read_invoices
from dunning_mailer.sources.by_values import currency_in_header, header_currency
from dunning_mailer.sources.columns import IGNORED, field_for_header, find_header, header_key
from dunning_mailer.sources.generic import extract_rows
from dunning_mailer.sources.questions import is_harmless
from dunning_mailer.sources.statuses import CLOSED, OPEN, PARTIAL, needs_person, status_meaning
from dunning_mailer.sources.tabular import sheets

FIXTURES = Path(__file__).parent / "sources"
MEANING = json.loads((FIXTURES / "vocab_meaning.json").read_text(encoding="utf-8"))
READ = sorted(name for name, meaning in MEANING.items() if meaning != "held")


def _rows(name: str):
    _, rows = next(sheets(FIXTURES / name))
    return [(n, list(cells)) for n, cells in rows]


def test_every_vocab_fixture_has_a_meaning():
    on_disk = {p.name for p in FIXTURES.glob("vocab_*") if not p.name.endswith(".json")}
    assert on_disk == set(MEANING)


@pytest.mark.parametrize("name", sorted(MEANING), ids=sorted(MEANING))
def test_each_system_export_reads_as_a_person_reads_it_or_is_held(name: str):
    if MEANING[name] == "held":
        with pytest.raises(SourceError):
            read_invoices(FIXTURES / name)
        return
    result = read_invoices(FIXTURES / name)
    read = sorted((None if i.kind == "balance" else i.number, i.customer_id, str(i.balance),
                   i.due_date.isoformat(), i.currency) for i in result.invoices)
    assert read == sorted(tuple(m) for m in MEANING[name])


@pytest.mark.parametrize("name", READ, ids=READ)
def test_every_column_is_mapped_or_listed_as_unused(name: str):
    rows = _rows(name)
    result = read_invoices(FIXTURES / name)
    header = find_header(rows)
    cells = [str(c).strip() for c in dict(rows)[header.row] if str(c).strip()]
    mapped = {part for text in result.columns.values() for part in text.split(" + ")}
    for text in cells:
        clean = text.replace("\u200f", "").replace("\u200e", "")
        assert clean in mapped or clean in result.unused_columns, text


# --- headers as real files spell them ----------------------------------------------------

@pytest.mark.parametrize("variant, plain", [
    ("*ContactName", "ContactName"), ("*InvoiceNumber", "InvoiceNumber"), ("Due date *", "Due Date"),
    ("INVOICE NO.", "Invoice No."), ("Invoice Date:", "Invoice Date"), ("\u200fמס׳ חשבונית", "מס' חשבונית"),
    ("סה״כ כולל מע״מ", 'סה"כ כולל מע"מ'), ("ת׳ פירעון", "ת. פירעון"), ("Balance (USD)", "Balance"),
    ("יתרה ₪", "יתרה"), ("יתרה לתשלום $", "יתרה לתשלום"), ('סכום בש"ח', "סכום"), ("Total in USD", "Total"),
    ("Amount ($)", "Amount"), ("Due Date (UTC)", "Due Date"), ("Amount_Due", "Amount Due"),
    ("customer name", "Customer Name"), ("Open balance", "Open Balance"),
])
def test_header_variants_name_the_same_field(variant: str, plain: str):
    found, expected = field_for_header(variant), field_for_header(plain)
    if plain == "ת. פירעון":  # the geresh is dropped like the period: both read as the due date
        assert found is None or found[0] == "due_date"
        return
    assert expected is not None and found is not None and found[0] == expected[0], (variant, found)


@pytest.mark.parametrize("text, code", [
    ("Balance (USD)", "USD"), ("יתרה ₪", "ILS"), ("יתרה לתשלום $", "USD"), ('סכום בש"ח', "ILS"),
    ("Total in EUR", "EUR"), ("Amount (€)", "EUR"), ("Total", None), ("Due Date (UTC)", None),
    ("Amount Due (Signed)", None),
])
def test_a_currency_beside_a_header_is_read(text: str, code):
    assert currency_in_header(text) == code


def test_a_currency_in_the_money_headers_applies_to_the_file_and_is_said():
    result = read_invoices(FIXTURES / "vocab_header_variants_currency.csv")
    assert {i.currency for i in result.invoices} == {"USD"}
    assert any("read as USD, as the header 'Total (USD)' says" in w for w in result.warnings)


def test_headers_naming_two_currencies_or_a_currency_column_name_none():
    rows = [(1, ["Invoice No", "Customer", "Due Date", "Total (USD)", "Balance (EUR)"]),
            (2, ["1", "A", "15/11/2026", "10.00", "10.00"])]
    assert header_currency(find_header(rows)) is None
    rows = [(1, ["Invoice No", "Customer", "Due Date", "Balance (USD)", "Currency"]),
            (2, ["1", "A", "15/11/2026", "10.00", "EUR"])]
    assert header_currency(find_header(rows)) is None
    result = extract_rows(Path("x.csv"), rows, importer="generic")
    assert [i.currency for i in result.invoices] == ["EUR"]  # the row's own currency


def test_a_foreign_currency_column_is_not_the_amount_and_is_asked_about():
    # SAP Business One: "Document Total (FC)" is the total in the document's currency, beside
    # "Document Total" in the company's. Which one a reminder states is a person's call.
    assert field_for_header("Document Total (FC)") is None
    rows = [(1, ["Doc. No.", "Customer Code", "Due Date", "Document Currency", "Document Total",
                 "Document Total (FC)", "Balance Due"]),
            (2, ["1", "C1", "15/11/2026", "USD", "3,700.00", "1,000.00", "3,700.00"]),
            (3, ["2", "C2", "02/11/2026", "ILS", "500.00", "0.00", "500.00"])]
    result = extract_rows(Path("b1.csv"), rows, importer="generic")
    assert any("'Document Total (FC)'" in q for q in result.questions)


def test_a_typo_in_a_header_is_suggested_never_decided():
    rows = [(1, ["Invoice Number", "Customer", "Due Date", "Amount", "Balnce Due"]),
            (2, ["1", "A", "15/11/2026", "100.00", "40.00"]),
            (3, ["2", "B", "02/11/2026", "50.00", "50.00"])]
    result = extract_rows(Path("typo.csv"), rows, importer="generic")
    assert "balance" not in result.columns
    assert any("'Balnce Due'" in q and "columns.balance" in q for q in result.questions)


@pytest.mark.parametrize("text, field", [
    ("ת. הפקה", "issue_date"), ("ת.אסמכתא", "issue_date"), ('דוא"ל לחשבוניות', "emails"),
    ("תנועות חובה", "debit"), ("תנועות זכות", "credit"), ("יתרה לסוף תקופה", "balance"),
    ("Balance Due (FCY)", "balance"), ("Client Currency", "currency"), ("מפתח לקוח", "customer_id"),
    ("Billing", "terms"), ("Doc Num", "number"), ("סכום מקורי", "amount"),
    # another column's figure, or a scaled one: never the field its name starts with
    ("Amount (BCY)", None), ("Document Total (FC)", None), ("Balance Due (LC)", None),
    ("סכום (אלפי ₪)", None), ("Balance (000s)", None),
])
def test_the_columns_each_system_names(text: str, field):
    found = field_for_header(text)
    assert (found[0] if found else None) == field


def test_every_ignored_column_has_a_reason_and_is_never_a_question():
    for reason, names in IGNORED.items():
        assert reason and names
        for name in names:
            assert is_harmless(name), name
            assert field_for_header(name) is None, name  # ignored, not also a field
    assert len({header_key(n) for names in IGNORED.values() for n in names}) == sum(map(len, IGNORED.values()))


# --- statuses, system by system ---------------------------------------------------------

@pytest.mark.parametrize("word, meaning", [
    # Xero (API codes and UI words)
    ("DRAFT", CLOSED), ("SUBMITTED", CLOSED), ("AUTHORISED", OPEN), ("PAID", CLOSED), ("VOIDED", CLOSED),
    ("DELETED", CLOSED), ("Awaiting Approval", CLOSED), ("Awaiting Payment", OPEN), ("Repeating", CLOSED),
    # Stripe
    ("draft", CLOSED), ("open", OPEN), ("paid", CLOSED), ("uncollectible", CLOSED), ("void", CLOSED),
    # Zoho Books
    ("Pending Approval", CLOSED), ("Sent", OPEN), ("Viewed", OPEN), ("Overdue", OPEN), ("PartiallyPaid", PARTIAL),
    ("partially_paid", PARTIAL), ("Unpaid", OPEN), ("Void", CLOSED),
    # FreshBooks
    ("auto-paid", CLOSED), ("retry", OPEN), ("failed", OPEN), ("partial", PARTIAL), ("resent", OPEN),
    # Wave
    ("Saved", CLOSED), ("SAVED", CLOSED), ("Partial", PARTIAL),
    # QuickBooks Online
    ("Deposited", CLOSED), ("Voided", CLOSED), ("Partially paid", PARTIAL), ("Due in 6 days", OPEN),
    ("Overdue 12 days", OPEN), ("Not due", OPEN), ("Delivered", OPEN),
    # Sage
    ("Part Paid", PARTIAL), ("Pro-Forma", CLOSED), ("Outstanding", OPEN),
    # Odoo (state, payment_state)
    ("posted", OPEN), ("cancel", CLOSED), ("not_paid", OPEN), ("in_payment", CLOSED), ("reversed", CLOSED),
    # Invoice Ninja
    ("Cancelled", CLOSED), ("Reversed", CLOSED), ("Past Due", OPEN),
    # Hebrew systems (Rivhit, Morning, iCount, EZcount, Priority, Sumit)
    ("טיוטה", CLOSED), ("טיוטא", CLOSED), ("מבוטל", CLOSED), ("מבוטלת", CLOSED), ("בוטל", CLOSED),
    ("שולם", CLOSED), ("פתוח", OPEN), ("פתוחה", OPEN), ("שולם חלקית", PARTIAL), ("סגור", CLOSED),
    ("סגורה", CLOSED), ("נסגר ידנית", CLOSED), ("סופית", OPEN), ("ממתין לתשלום", OPEN),
    # Unknown, or a person's call: never guessed
    ("disputed", None), ("במחלוקת", None), ("ממתין", None), ("Invoicing App Legacy", None),
])
def test_status_words_mean_what_their_system_means(word: str, meaning):
    assert status_meaning(word) == meaning


def test_a_disputed_invoice_holds_the_file_for_a_person_and_a_profile_settles_it():
    assert needs_person("Disputed") and needs_person("במחלוקת")
    name = "vocab_freshbooks_invoices_disputed.csv"
    held = read_invoices(FIXTURES / name, hold=False)
    assert len(held.questions) == 1 and "person's call" in held.questions[0]
    assert 'closed_statuses = ["disputed"]' in held.questions[0]
    rows = _rows(name)
    left_out = extract_rows(FIXTURES / name, rows, importer="p", closed_statuses=["disputed"])
    assert not left_out.questions and [i.number for i in left_out.invoices] == ["0000052"]
    reminded = extract_rows(FIXTURES / name, rows, importer="p", open_statuses=["disputed"])
    assert not reminded.questions and sorted(i.number for i in reminded.invoices) == ["0000051", "0000052"]


# --- no due date in the file -------------------------------------------------------------

def test_stripe_charge_automatically_falls_due_on_its_date_and_says_so():
    result = read_invoices(FIXTURES / "vocab_stripe_invoices_all_columns.csv")
    auto = next(i for i in result.invoices if i.number == "8F3A21C0-0005")
    assert auto.due_date == auto.issue_date
    assert any("(8F3A21C0-0005); each falls due on its issue date, as column 'Billing' says "
               "('charge_automatically')" in w for w in result.warnings)


def test_send_invoice_without_a_due_date_is_not_guessed():
    rows = _rows("vocab_stripe_invoices_all_columns.csv")
    header, first = rows[0][1], list(rows[1][1])
    first[header.index("Due Date (UTC)")] = ""  # an open send_invoice invoice with no due date
    with pytest.raises(SourceError) as caught:  # its only row cannot be read: the file stops
        extract_rows(Path("stripe.csv"), [rows[0], (2, first)], importer="generic")
    assert "'send_invoice'" in caught.value.message


def test_a_file_without_due_dates_is_held_with_both_lines_that_settle_it():
    with pytest.raises(SourceError) as caught:
        read_invoices(FIXTURES / "vocab_morning_documents_no_due_date.csv")
    assert 'terms = "שוטף+30"' in caught.value.message
    assert 'terms = "due on receipt"' in caught.value.message


def test_a_profiles_terms_set_the_due_dates_and_the_warning_says_so():
    name = "vocab_morning_documents_no_due_date.csv"
    result = extract_rows(FIXTURES / name, _rows(name), importer="morning", default_terms="שוטף+30")
    assert sorted((i.number, i.due_date.isoformat(), str(i.balance)) for i in result.invoices) == [
        ("30101", "2026-11-30", "1180.00"), ("30102", "2026-12-30", "1000.00")]
    assert any("2 invoice(s) have no due date (30101, 30102); each falls due by its terms, counted from "
               "its issue date, as the profile's terms says ('שוטף+30')" in w for w in result.warnings)
    on_issue = extract_rows(FIXTURES / name, _rows(name), importer="morning", default_terms="due on receipt")
    assert all(i.due_date == i.issue_date for i in on_issue.invoices)
    assert any("each falls due on its issue date" in w for w in on_issue.warnings)


def test_inspect_json_of_each_vocab_fixture_is_its_expected_reading(tmp_path: Path):
    from conftest import run_cli

    for name in sorted(MEANING)[:6] + ["vocab_stripe_invoices_all_columns.csv", "vocab_header_variants_hebrew.csv"]:
        expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
        r = run_cli("inspect", str(FIXTURES / name), "--json", cwd=tmp_path)
        if "error" in expected:
            assert r.returncode == 1 and expected["error"] in r.stderr, name
            continue
        doc = json.loads(r.stdout)
        assert r.returncode == (1 if expected["questions"] else 0), name
        for key in ("kind", "header_row", "columns", "unused_columns", "questions", "warnings"):
            assert doc[key] == expected[key], (name, key)


def test_a_credit_note_positive_in_odoos_amount_due_is_read_negative_as_its_signed_column_says():
    result = read_invoices(FIXTURES / "vocab_odoo_invoices_export_all.xlsx")
    credit = next(i for i in result.invoices if i.number == "RINV/2026/00004")
    assert (str(credit.amount), str(credit.balance)) == ("-230.00", "-230.00")
    euro = next(i for i in result.invoices if i.number == "INV/2026/00205")
    assert str(euro.balance) == "920.00"  # the document's own figure, not the company-currency one
    assert any("row(s) 5 read as credit notes" in w for w in result.warnings)


def test_amounts_in_each_documents_own_currency_with_no_currency_column_are_asked_about():
    # Zoho's "(FCY)" columns are in each invoice's currency: without "Currency Code" nothing
    # says which, and the default currency would be a guess.
    rows = [(n, [c for i, c in enumerate(r) if i != 6]) for n, r in _rows("vocab_zoho_books_invoice_details_report.csv")]
    result = extract_rows(Path("zoho_report.csv"), rows, importer="generic")
    assert any("'Total (FCY)' is in each document's own currency" in q and 'currency = "USD"' in q
               for q in result.questions)
    given = extract_rows(Path("zoho_report.csv"), rows, importer="p", default_currency="USD", currency_given=True)
    assert not given.questions and {i.currency for i in given.invoices} == {"USD"}


def test_a_footers_label_in_the_status_column_is_not_a_status():
    result = read_invoices(FIXTURES / "vocab_zoho_books_invoice_details_report.csv")
    assert result.columns["status"] == "Status" and not result.questions
    assert "Total (BCY)" in result.unused_columns  # the base-currency copy, never the amount


def test_a_currency_in_an_aging_reports_headers_applies_to_its_balances():
    rows = [(1, ["As of 30/11/2026"]), (2, ["Customer", "Current", "1-30", "Total (USD)"]),
            (3, ["Acme", "100.00", "50.00", "150.00"]), (4, ["Beta", "20.00", "", "20.00"])]
    result = extract_rows(Path("aging.csv"), rows, importer="generic")
    assert result.kind == "balances"
    assert [(i.customer_id, str(i.balance), i.currency) for i in result.invoices] == [
        ("Acme", "150.00", "USD"), ("Beta", "20.00", "USD")]
    assert any("read as USD, as the header 'Total (USD)' says" in w for w in result.warnings)


def test_a_credit_note_written_positive_is_never_read_as_a_debt():
    rows = [(1, ["סוג מסמך", "מס' מסמך", "שם לקוח", "תאריך מסמך", "תאריך פירעון", "סכום", "יתרה"]),
            (2, ["חשבונית מס", "501", "אור ירוק", "01/10/2026", "31/10/2026", "1,000.00", "1,000.00"]),
            (3, ["חשבונית מס זיכוי", "502", "אור ירוק", "15/10/2026", "15/10/2026", "200.00", "200.00"])]
    result = extract_rows(Path("docs.csv"), rows, importer="generic")
    # The document type says what the sign does not: read as the credit it is, and said.
    assert not result.questions and sorted(str(i.balance) for i in result.invoices) == ["-200.00", "1000.00"]
    assert any("row 3: a credit note by its document type, written positive" in w for w in result.warnings)
    # A type column the user told the reader to ignore leaves only the sign: then it is asked.
    result = extract_rows(Path("docs.csv"), rows, importer="generic", ignore_columns=["סוג מסמך"])
    assert any("row 3: 'חשבונית מס זיכוי'" in q and "money the business owes them" in q
               for q in result.questions)
    rows[2][1][5:7] = ["-200.00", "-200.00"]  # written as the credit it is: read, no question
    result = extract_rows(Path("docs.csv"), rows, importer="generic")
    assert not result.questions and sorted(str(i.balance) for i in result.invoices) == ["-200.00", "1000.00"]


def test_one_figure_in_two_currencies_is_asked_about_and_a_profile_settles_it():
    rows = [(1, ["Invoice No", "Customer", "Due Date", "Amount (USD)", "Amount (ILS)", "Balance (USD)"]),
            (2, ["1", "A", "15/11/2026", "100.00", "370.00", "100.00"]),
            (3, ["2", "B", "16/11/2026", "50.00", "185.00", "50.00"])]
    result = extract_rows(Path("two.csv"), rows, importer="generic")
    assert any("give the amount in two currencies (USD, ILS)" in q for q in result.questions)
    settled = extract_rows(Path("two.csv"), rows, importer="p", ignore_columns=["Amount (ILS)"])
    assert not settled.questions and {i.currency for i in settled.invoices} == {"USD"}
