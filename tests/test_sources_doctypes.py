"""A document-type column ("סוג מסמך", "Type", "Transaction Type") read beside the statuses:
receipts, invoice-receipts, quotes, orders, payments and overpayments are no debt whatever their
balance column says; a credit note is owed back; a type the reader does not know is asked about."""
from __future__ import annotations

from pathlib import Path

from dunning_mailer.sources.generic import extract_rows

HE = ["סוג מסמך", "מספר מסמך", "תאריך מסמך", "תאריך לתשלום", "שם לקוח", "יתרה לתשלום", "סטטוס"]


def read(rows, path: Path = Path("docs.csv"), **kw):
    return extract_rows(path, list(enumerate(rows, start=1)), importer="generic", **kw)


def test_a_quote_or_a_receipt_with_an_open_status_is_no_debt_and_needs_no_due_date():
    result = read([HE,
                   ["חשבונית מס", "1043", "01/10/2026", "31/10/2026", "נוי", "4,212.00", "פתוח"],
                   ["הצעת מחיר", "88", "15/10/2026", "", "גלעד", "9,360.00", "פתוח"],
                   ["קבלה", "5020", "06/10/2026", "", "נוי", "1,000.00", "פתוח"],
                   ["חשבונית מס קבלה", "1045", "05/10/2026", "", "יעל", "702.00", "פתוח"]])
    assert not result.questions, result.questions
    assert [(i.number, str(i.balance)) for i in result.invoices] == [("1043", "4212.00")]


def test_an_english_type_column_drops_payments_and_overpayments_and_signs_credit_notes():
    result = read([["Type", "Invoice Number", "Contact", "Invoice Date", "Due Date", "Amount Due", "Status"],
                   ["Sales invoice", "INV-1", "Fern", "02/09/2026", "02/10/2026", "1440.00", "Awaiting Payment"],
                   ["Sales credit note", "CN-1", "Fern", "25/10/2026", "", "240.00", "Awaiting Payment"],
                   ["Sales overpayment", "OP-1", "Fern", "28/10/2026", "", "150.00", "Awaiting Payment"],
                   ["Payment", "PMT-9", "Fern", "29/10/2026", "", "-300.00", "Awaiting Payment"]])
    assert not result.questions, result.questions
    got = {i.number: (str(i.balance), i.due_date.isoformat()) for i in result.invoices}
    assert got == {"INV-1": ("1440.00", "2026-10-02"), "CN-1": ("-240.00", "2026-10-25")}
    assert any("CN-1" in w or "row 3" in w for w in result.warnings)


def test_a_type_the_reader_does_not_know_is_a_question_naming_it():
    result = read([HE,
                   ["חשבונית מס", "1043", "01/10/2026", "31/10/2026", "נוי", "4,212.00", "פתוח"],
                   ["מסמך מיוחד", "1044", "03/10/2026", "02/11/2026", "נוי", "500.00", "פתוח"]])
    assert any("מסמך מיוחד" in q for q in result.questions)


def test_a_ledger_type_column_is_left_to_the_ledger_reading(tmp_path):
    # Debit/credit movements: the type of each movement is no status of an open document.
    (card := tmp_path / "card.csv").write_text("", encoding="utf-8")
    result = read(path=card, rows=[["מפתח חשבון", "שם חשבון", "סוג תנועה", "אסמכתא", "תאריך", "חובה", "זכות"],
                   ["20011", "אורן שיווק", "חשבונית", "1001", "01/10/2026", "1,000.00", ""],
                   ["20011", "אורן שיווק", "קבלה", "5001", "05/10/2026", "", "400.00"]])
    assert [str(i.balance) for i in result.invoices] == ["600.00"]


# ---- the currency a report's title states ---------------------------------------------------

def test_a_title_that_states_the_currency_sets_it_and_says_so(tmp_path):
    (path := tmp_path / "aging.csv").write_text("", encoding="utf-8")
    rows = [["Accounts Aging"], ["Studio North Inc."], ["As of November 30, 2026"], ["All amounts in CAD"], [],
            ["Client", "0-30 Days", "31-60 Days", "Total"],
            ["Maple Events", "$3,830.00", "$0.00", "$3,830.00"],
            ["Birch Dental", "$0.00", "$1,150.00", "$1,150.00"]]
    result = read(rows, path=path)
    assert {(i.customer_name, str(i.balance), i.currency) for i in result.invoices} == {
        ("Maple Events", "3830.00", "CAD"), ("Birch Dental", "1150.00", "CAD")}


def test_a_hebrew_title_currency_and_a_profile_currency_first(tmp_path):
    (path := tmp_path / "open.csv").write_text("", encoding="utf-8")
    rows = [["דוח חובות פתוחים"], ["הסכומים בדולרים"],
            ["מספר חשבונית", "שם לקוח", "תאריך לתשלום", "יתרה"],
            ["1001", "אלון", "01/11/2026", "500.00"]]
    result = read(rows, path=path)
    assert [i.currency for i in result.invoices] == ["USD"]
    assert any("title" in w and "USD" in w for w in result.warnings)
    given = read(rows, path=path, default_currency="EUR", currency_given=True)
    assert [i.currency for i in given.invoices] == ["EUR"]


def test_a_title_that_names_two_currencies_decides_nothing(tmp_path):
    (path := tmp_path / "open.csv").write_text("", encoding="utf-8")
    rows = [["Amounts in USD"], ["Amounts in EUR"],
            ["Invoice No", "Customer", "Due Date", "Balance"], ["1", "A", "21/11/2026", "10.00"]]
    assert [i.currency for i in read(rows, path=path).invoices] == ["ILS"]


def test_a_periods_movements_without_any_balance_are_asked_about(tmp_path):
    (path := tmp_path / "movements.csv").write_text("", encoding="utf-8")
    rows = [["מפתח חשבון", "שם חשבון", "תאריך", "פרטים", "חובה / זכות"],
            ["30012", "אלון מערכות", "05/09/26", "חשבונית 1131", "5,850.00"],
            ["30012", "אלון מערכות", "20/10/26", "קבלה 2301", "-3,000.00"],
            ["30027", "קפה נחת", "15/09/26", "חשבונית 1140", "3,510.00"]]
    result = read(rows, path=path)
    assert any("no opening, closing or running balance" in q and 'kind = "balances"' in q
               for q in result.questions)
    # With the account's opening balance the card says what is owed: no question.
    card = rows[:1] + [["30012", "אלון מערכות", "01/09/26", "יתרת פתיחה", "1,000.00"]] + rows[1:]
    assert not any("no opening" in q for q in read(card, path=path).questions)


def test_a_title_saying_amounts_are_in_each_documents_currency_holds_a_file_without_one(tmp_path):
    (path := tmp_path / "open.csv").write_text("", encoding="utf-8")
    rows = [["Open Customer Invoices - amounts in document currency (ILS / USD / EUR)"],
            ["Customer Name", "Invoice", "Inv. Date", "Pay Date", "Balance"],
            ["Meitar", "IN371", "15/11/26", "15/01/27", "4250"]]
    assert any("own currency" in q for q in read(rows, path=path).questions)


def test_labelled_group_headings_name_the_customer_and_its_key():
    rows = [["פרטים", "מספר מסמך", "תאריך", "תאריך לתשלום", "יתרה"],
            ["לקוח: 1023 - גלריה כחול לבן", "", "", "", ""],
            ["", "30412", "01/10/2026", "31/10/2026", "1,000.00"],
            ["Abbott Plumbing Ltd (ABB001)", "", "", "", ""],
            ["", "30413", "02/10/2026", "01/11/2026", "500.00"]]
    result = read(rows, group_headings=True)
    assert {(i.customer_name, i.customer_id) for i in result.invoices} == {
        ("גלריה כחול לבן", "1023"), ("Abbott Plumbing Ltd", "ABB001")}


def test_every_amount_with_its_sign_in_two_currencies_needs_no_question():
    rows = [["מס' מסמך", "ת. הפקה", "לתשלום עד", "יתרה", "לקוח"],
            ["8801", "14/09/2026", "14/10/2026", "₪ 5,360.00", "רפאל"],
            ["8850", "10/11/2026", "31/12/2026", "$ 2,500.00", "לוי"]]
    result = read(rows)
    assert not result.questions, result.questions
    assert {(i.number, i.currency) for i in result.invoices} == {("8801", "ILS"), ("8850", "USD")}
    rows.append(["8851", "11/11/2026", "31/12/2026", "700.00", "לוי"])  # a bare one: asked
    assert any("without a currency" in q for q in read(rows).questions)


def test_a_trial_balance_limited_to_the_customers_sort_code_reads(tmp_path):
    (path := tmp_path / "tb.csv").write_text("", encoding="utf-8")
    rows = [["חשבשבת - מאזן בוחן לפי מפתח מיון"], ["ממפתח מיון 300 עד מפתח מיון 300 (לקוחות)"],
            ["מפתח חשבון", "שם חשבון", "חובה", "זכות", "יתרה"],
            ["30001", "אלון שיפוצים", "48,200.00", "35,800.00", "12,400.00"]]
    result = read(rows, path=path)
    assert not any("every account" in q for q in result.questions)
    rows[1] = ["כל החשבונות: לקוחות וספקים"]
    assert any("every account" in q for q in read(rows, path=path).questions)


def test_the_organisation_beside_a_persons_name_is_the_customer(tmp_path):
    (path := tmp_path / "aging.csv").write_text("", encoding="utf-8")
    rows = [["Accounts Aging"], ["Currency: CAD"], [],
            ["Client", "Organization", "0-30 Days", "31-60 Days", "Total"],
            ["Nadia Roy", "Roy Design Co.", "$1,150.00", "$0.00", "$1,150.00"],
            ["Tom Becker", "", "$0.00", "$420.00", "$420.00"]]
    result = read(rows, path=path)
    assert {(i.customer_name, str(i.balance), i.currency) for i in result.invoices} == {
        ("Roy Design Co.", "1150.00", "CAD"), ("Tom Becker", "420.00", "CAD")}
