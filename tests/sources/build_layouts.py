"""Round-2 fixtures: more of the layouts real systems write (README.md says where each was
learned), and beside each, written by hand, what the file means: MEANING below, the open
invoices (number, customer id, balance, due date, currency) a person reads in it, or HELD for a
file the file itself cannot settle. test_sources_meaning.py holds every reading to it.

Run `python tests/sources/build_layouts.py`, then refresh the golden files with
`UPDATE_GOLDEN=1 pytest tests/test_sources_golden.py` and read every changed line.
"""
from __future__ import annotations

from build_systems import D, write_csv, write_html, write_text_as_xls, write_xlsx

HELD = "held"

# name -> the open invoices it states: (number, customer id, balance, due date, currency)
# (balances: number is None and the due date the report's), or HELD.
MEANING: dict[str, object] = {}


def odoo():
    # Odoo 16/17 "Customer Invoices" list, its default columns exported as they are shown
    # (account.move's view_invoice_tree: "Amount Due" is optional and hidden by default), so the
    # only sign that an invoice is settled is "Payment Status"; "Status" says draft/posted/cancelled.
    write_xlsx("odoo_invoices_default_list.xlsx", [
        ["Number", "Customer", "Invoice Date", "Due Date", "Activities", "Tax Excluded", "Total",
         "Total in Currency", "Payment Status", "Status"],
        ["INV/2026/00101", "Azure Interior", D(2026, 10, 3), D(2026, 11, 2), "", 1000.0, 1170.0, 1170.0, "Not Paid", "Posted"],
        ["INV/2026/00102", "Deco Addict", D(2026, 10, 8), D(2026, 11, 7), "Call", 2000.0, 2340.0, 2340.0, "Paid", "Posted"],
        ["INV/2026/00103", "Deco Addict", D(2026, 10, 9), D(2026, 11, 8), "", 100.0, 117.0, 117.0, "In Payment", "Posted"],
        ["INV/2026/00104", "Gemini Furniture", D(2026, 10, 20), D(2026, 11, 19), "", 500.0, 585.0, 585.0, "Reversed", "Posted"],
        ["INV/2026/00105", "Lumber Inc", D(2026, 11, 2), D(2026, 12, 2), "", 300.0, 351.0, 351.0, "Not Paid", "Draft"],
        ["INV/2026/00106", "Lumber Inc", D(2026, 11, 3), D(2026, 12, 3), "", 50.0, 58.5, 58.5, "Not Paid", "Cancelled"],
        ["INV/2026/00107", "Ready Mat", D(2026, 11, 10), D(2026, 12, 10), "Email", 800.0, 936.0, 936.0, "Not Paid", "Posted"],
    ])
    MEANING["odoo_invoices_default_list.xlsx"] = [
        ("INV/2026/00101", "Azure Interior", "1170.00", "2026-11-02", "ILS"),
        ("INV/2026/00107", "Ready Mat", "936.00", "2026-12-10", "ILS"),
    ]
    # The same list with a partly paid invoice and no "Amount Due": how much is still owed is
    # not in the file, so it is held.
    write_xlsx("odoo_invoices_partly_paid_no_balance.xlsx", [
        ["Number", "Customer", "Invoice Date", "Due Date", "Tax Excluded", "Total", "Payment Status", "Status"],
        ["INV/2026/00111", "Azure Interior", D(2026, 10, 3), D(2026, 11, 2), 1000.0, 1170.0, "Not Paid", "Posted"],
        ["INV/2026/00112", "Deco Addict", D(2026, 10, 8), D(2026, 11, 7), 2000.0, 2340.0, "Partially Paid", "Posted"],
    ])
    MEANING["odoo_invoices_partly_paid_no_balance.xlsx"] = HELD


def hebrew_two_statuses():
    # A Hebrew document list with a document status and a payment status side by side (Odoo in
    # Hebrew, Morning's "סטטוס" with a payment column): every status counts.
    write_csv("hebrew_document_and_payment_status.csv", [
        ["מספר מסמך", "שם לקוח", "תאריך מסמך", "תאריך פירעון", 'סכום לפני מע"מ', 'סכום כולל מע"מ',
         "יתרה לתשלום", "סטטוס מסמך", "סטטוס תשלום", "הערות"],
        ["30071", "נגריית הגליל", "01/10/2026", "31/10/2026", "1,000.00", "1,170.00", "1,170.00", "פתוח", "לא שולם", ""],
        ["30072", "נגריית הגליל", "05/10/2026", "04/11/2026", "2,000.00", "2,340.00", "1,340.00", "פתוח", "שולם חלקית", "שולם צ'ק"],
        ["30073", "קפה ברחוב", "06/10/2026", "05/11/2026", "500.00", "585.00", "585.00", "פתוח", "שולם", "העברה 3/11"],
        ["30074", "קפה ברחוב", "07/10/2026", "06/11/2026", "100.00", "117.00", "117.00", "מבוטל", "לא שולם", ""],
        ["30075", "סטודיו אור", "20/11/2026", "20/12/2026", "300.00", "351.00", "351.00", "טיוטה", "לא שולם", ""],
    ], encoding="utf-8-sig")
    MEANING["hebrew_document_and_payment_status.csv"] = [
        ("30071", "נגריית הגליל", "1170.00", "2026-10-31", "ILS"),
        ("30072", "נגריית הגליל", "1340.00", "2026-11-04", "ILS"),
    ]


def xero_summary():
    # Xero "Aged Receivables Summary": the customer's column is headed "Contact", monthly
    # periods, a total per contact and a grand total.
    write_csv("xero_aged_receivables_summary.csv", [
        ["Aged Receivables Summary"], ["Demo Company (NZ)"], ["As at 30 November 2026"], [],
        ["Contact", "Current", "< 1 Month", "1 Month", "2 Months", "3 Months", "Older", "Total"],
        ["Bayside Club", "230.00", "", "", "", "", "", "230.00"],
        ["City Limousines", "", "150.00", "", "", "", "", "150.00"],
        ["Ridgeway University", "820.00", "", "6,187.50", "", "", "", "7,007.50"],
        ["Total", "1,050.00", "150.00", "6,187.50", "", "", "", "7,387.50"],
        [], ["Percentage of total", "14.2%", "2.0%", "83.8%", "0.0%", "0.0%", "0.0%", "100.0%"],
    ])
    MEANING["xero_aged_receivables_summary.csv"] = [
        (None, "Bayside Club", "230.00", "2026-11-30", "ILS"),
        (None, "City Limousines", "150.00", "2026-11-30", "ILS"),
        (None, "Ridgeway University", "7007.50", "2026-11-30", "ILS"),
    ]


def zoho_aging_details():
    # Zoho Books "AR Aging Details" report export: one row per open transaction, "Transaction#",
    # its status, age in days, the amount and "Balance Due".
    write_csv("zoho_books_ar_aging_details.csv", [
        ["AR Aging Details"], ["As of 30/11/2026"], [],
        ["Date", "Transaction#", "Type", "Status", "Customer Name", "Age", "Amount", "Balance Due"],
        ["2026-09-01", "INV-000031", "Invoice", "Overdue", "Zylker Corp", "90 Days", "1,200.00", "1,200.00"],
        ["2026-10-15", "INV-000040", "Invoice", "Partially Paid", "Bowman and Co", "46 Days", "800.00", "300.00"],
        ["2026-11-20", "INV-000052", "Invoice", "Sent", "Zylker Corp", "10 Days", "240.00", "240.00"],
        ["Total", "", "", "", "", "", "2,240.00", "1,740.00"],
    ])
    MEANING["zoho_books_ar_aging_details.csv"] = HELD  # no due date in the file: the line is printed


def stripe_full():
    # Stripe dashboard "Invoices" export with the columns its API object has (amount_due,
    # amount_paid, amount_remaining, application fee, starting/ending balance, period, finalized
    # and paid timestamps, forgiven/closed flags).
    write_csv("stripe_invoices_all_columns.csv", [
        ["id", "Amount Due", "Amount Paid", "Amount Remaining", "Application Fee", "Attempt Count",
         "Attempted", "Billing", "Closed", "Currency", "Customer", "Customer Email", "Customer Name",
         "Date (UTC)", "Description", "Due Date (UTC)", "Ending Balance", "Finalized At (UTC)",
         "Forgiven", "Number", "Paid", "Paid At (UTC)", "Period End (UTC)", "Period Start (UTC)",
         "Starting Balance", "Status", "Subscription", "Subtotal", "Tax", "Total"],
        ["in_1A", "200.00", "0.00", "200.00", "", "1", "true", "send_invoice", "false", "usd", "cus_A",
         "ap@alpha.example", "Alpha Ltd", "2026-11-01 10:00", "Consulting", "2026-12-01 10:00", "0", "2026-11-01 10:05",
         "false", "ALPHA-0001", "false", "", "2026-11-01 10:00", "2026-10-01 10:00", "0", "open", "", "200.00", "0.00", "200.00"],
        ["in_1B", "90.00", "90.00", "0.00", "", "1", "true", "charge_automatically", "true", "usd", "cus_B",
         "ap@beta.example", "Beta GmbH", "2026-11-02 10:00", "", "", "0", "2026-11-02 10:05",
         "false", "BETA-0001", "true", "2026-11-02 10:06", "2026-11-02 10:00", "2026-10-02 10:00", "0", "paid", "sub_1", "90.00", "0.00", "90.00"],
        ["in_1C", "500.00", "150.00", "350.00", "", "2", "true", "send_invoice", "false", "eur", "cus_C",
         "ap@gamma.example", "Gamma SA", "2026-10-05 10:00", "", "2026-11-04 10:00", "0", "2026-10-05 10:05",
         "false", "GAMMA-0003", "false", "", "2026-10-05 10:00", "2026-09-05 10:00", "0", "open", "", "500.00", "0.00", "500.00"],
        ["in_1D", "75.00", "0.00", "75.00", "", "0", "false", "send_invoice", "false", "usd", "cus_D",
         "ap@delta.example", "Delta", "2026-11-20 10:00", "", "2026-12-20 10:00", "0", "",
         "false", "", "false", "", "2026-11-20 10:00", "2026-10-20 10:00", "0", "draft", "", "75.00", "0.00", "75.00"],
        ["in_1E", "60.00", "0.00", "60.00", "", "3", "true", "send_invoice", "true", "usd", "cus_E",
         "ap@eps.example", "Epsilon", "2026-07-01 10:00", "", "2026-07-31 10:00", "0", "2026-07-01 10:05",
         "true", "EPS-0002", "false", "", "2026-07-01 10:00", "2026-06-01 10:00", "0", "void", "", "60.00", "0.00", "60.00"],
    ])
    MEANING["stripe_invoices_all_columns.csv"] = [
        ("ALPHA-0001", "cus_A", "200.00", "2026-12-01", "USD"),
        ("GAMMA-0003", "cus_C", "350.00", "2026-11-04", "EUR"),
    ]


def sage_50():
    # Sage 50 "Aged Debtors Analysis": A/C, Name, Credit Limit, Turnover, Balance, Future,
    # Current, Period 1…3, Older; the periods add up to the balance.
    write_csv("sage_50_aged_debtors.csv", [
        ["Aged Debtors Analysis (Summary)"], ["Report Date: 30/11/2026"], [],
        ["A/C", "Name", "Credit Limit", "Turnover", "Balance", "Future", "Current", "Period 1",
         "Period 2", "Period 3", "Older"],
        ["ABS001", "ABS Garages Ltd", "5,000.00", "12,400.00", "2,350.00", "0.00", "350.00", "2,000.00", "0.00", "0.00", "0.00"],
        ["BRO001", "Bronson Inc", "3,000.00", "4,100.00", "880.00", "0.00", "0.00", "0.00", "480.00", "400.00", "0.00"],
        ["CGS001", "County Golf Supplies", "1,000.00", "900.00", "120.00", "120.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
        ["", "Totals:", "", "", "3,350.00", "120.00", "350.00", "2,000.00", "480.00", "400.00", "0.00"],
    ])
    MEANING["sage_50_aged_debtors.csv"] = [
        (None, "ABS001", "2350.00", "2026-11-30", "ILS"),
        (None, "BRO001", "880.00", "2026-11-30", "ILS"),
        (None, "CGS001", "120.00", "2026-11-30", "ILS"),
    ]


def israeli_with_information():
    # Rivhit "open documents" with the informational columns users add to the view: the agent,
    # phone, notes, an order number and the VAT; the amount paid so far beside the balance.
    write_xlsx("rivhit_documents_with_notes.xlsx", [
        ['דו"ח מסמכים פתוחים'], ["נכון לתאריך 30/11/2026"], [],
        ["מס' מסמך", "סוג מסמך", "תאריך", "מס' לקוח", "שם לקוח", "טלפון", "סוכן", "מס' הזמנה",
         'מע"מ', 'סה"כ כולל מע"מ', "שולם", "יתרה", "תאריך פירעון", "הערות"],
        ["51001", "חשבונית מס", D(2026, 10, 1), "2001", "דפוס השרון", "09-7654321", "רונית", "PO-77",
         170.0, 1170.0, 0.0, 1170.0, D(2026, 10, 31), ""],
        ["51002", "חשבונית מס", D(2026, 10, 12), "2002", "מוסך הצפון", "04-8123456", "יוסי", "",
         340.0, 2340.0, 1000.0, 1340.0, D(2026, 11, 11), "הסדר תשלומים"],
        ["51003", "חשבונית מס", D(2026, 11, 2), "2001", "דפוס השרון", "09-7654321", "רונית", "PO-81",
         85.0, 585.0, 0.0, 585.0, D(2026, 12, 2), ""],
        ['סה"כ', "", "", "", "", "", "", "", 595.0, 4095.0, 1000.0, 3095.0, "", ""],
    ])
    MEANING["rivhit_documents_with_notes.xlsx"] = [
        ("51001", "2001", "1170.00", "2026-10-31", "ILS"),
        ("51002", "2002", "1340.00", "2026-11-11", "ILS"),
        ("51003", "2001", "585.00", "2026-12-02", "ILS"),
    ]
    # Priority customer open invoices (UTF-16 text saved as .xls) with the agent, the details
    # and the value date.
    write_text_as_xls("priority_open_invoices_agent.xls", [
        ["חשבונית", "מס. לקוח", "שם לקוח", "תאריך", "תאריך ערך", "ת. פרעון", "סוכן", "פרטים",
         'סה"כ לתשלום', "יתרה"],
        ["IN2600201", "C0045", 'חשמל הגליל בע"מ', "01/10/26", "01/10/26", "30/11/26", "אבי", "עבודות חשמל", "8,190.00", "8,190.00"],
        ["IN2600202", "C0051", "אופטיקה הכרמל", "15/10/26", "15/10/26", "15/12/26", "דנה", "", "1,170.00", "585.00"],
    ], encoding="utf-16")
    MEANING["priority_open_invoices_agent.xls"] = [
        ("IN2600201", "C0045", "8190.00", "2026-11-30", "ILS"),
        ("IN2600202", "C0051", "585.00", "2026-12-15", "ILS"),
    ]
    # iCount document list (HTML table, Windows-1255, no charset) with status words and the
    # total incl. VAT.
    write_html("icount_doclist_cp1255.xls", [
        ["מס' מסמך", "סוג מסמך", "תאריך", "שם לקוח", 'סה"כ כולל מע"מ', "שולם", "יתרה", "לתשלום עד", "סטטוס"],
        ["7001", "חשבונית מס", "03/11/2026", "מכולת אבי", "468.00", "0.00", "468.00", "03/12/2026", "פתוח"],
        ["7002", "חשבונית מס", "04/11/2026", "מכולת אבי", "234.00", "234.00", "0.00", "04/12/2026", "סגור"],
        ["7003", "חשבונית מס", "05/11/2026", "גן הילדים", "1,053.00", "500.00", "553.00", "05/12/2026", "שולם חלקית"],
    ], encoding="cp1255")
    MEANING["icount_doclist_cp1255.xls"] = [
        ("7001", "מכולת אבי", "468.00", "2026-12-03", "ILS"),
        ("7003", "גן הילדים", "553.00", "2026-12-05", "ILS"),
    ]


def unknown_currency_column():
    # A currency column whose header the reader does not know: a question, never ₪ by default.
    write_csv("currency_column_unknown_name.csv", [
        ["Invoice No", "Customer", "Due Date", "Amount", "Balance", "Curr Code"],
        ["9001", "Northwind", "21/12/2026", "100.00", "100.00", "USD"],
        ["9002", "Contoso", "02/12/2026", "50.00", "20.00", "USD"],
    ])
    MEANING["currency_column_unknown_name.csv"] = HELD


if __name__ == "__main__":
    for build in (odoo, hebrew_two_statuses, xero_summary, zoho_aging_details, stripe_full, sage_50,
                  israeli_with_information, unknown_currency_column):
        build()
    import json
    from pathlib import Path

    (Path(__file__).parent / "meaning.json").write_text(
        json.dumps(MEANING, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
