"""Round-3 fixtures: how real reports *arrange* their rows (README.md, "Round 3", says where each
layout was learned). Beside each file, written by hand, what a person reads in it: MEANING, the
open invoices (number, customer id, balance, due date, currency; a balances report's rows have
no number and the report's date), or HELD for a file the file itself cannot settle.
test_sources_layouts3.py holds every reading to it, and meaning.json gets these lines too.

Run `python tests/sources/build_layouts3.py`, then refresh the golden files with
`UPDATE_GOLDEN=1 pytest tests/test_sources_golden.py` and read every changed line.
"""
from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from build_systems import D, HERE, write_csv, write_text_as_xls, write_xlsx

HELD = "held"
MEANING: dict[str, object] = {}
NBSP = "\u00a0"


def write_html_report(name, rows, *, encoding, meta=None, header_rows=()):
    """An HTML table saved as .xls; rows listed in `header_rows` are written with <th>."""
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    lines = []
    for index, row in enumerate(rows):
        tag = "th" if index in header_rows else "td"
        lines.append("<tr>" + "".join(
            f"<{tag}>{html.escape(str(c)).replace(chr(10), '<br>')}</{tag}>" for c in row) + "</tr>")
    text = (f"<html><head>{head}<style>td{{mso-number-format:\\@}}</style></head>"
            f'<body dir="rtl"><table border="1">\n' + "\n".join(lines) + "\n</table></body></html>")
    (HERE / name).write_bytes(text.encode(encoding))


def write_spreadsheetml_sheets(name, sheets):
    """SpreadsheetML 2003 with several worksheets: [(sheet name, rows)]."""
    def cell(value):
        if value == "" or value is None:
            return "<Cell/>"
        if isinstance(value, (int, float)):
            return f'<Cell><Data ss:Type="Number">{value}</Data></Cell>'
        if isinstance(value, dt.date):
            return f'<Cell ss:StyleID="d"><Data ss:Type="DateTime">{value.isoformat()}T00:00:00.000</Data></Cell>'
        return f'<Cell><Data ss:Type="String">{html.escape(str(value))}</Data></Cell>'

    body = "".join(
        f'<Worksheet ss:Name="{html.escape(title)}"><Table>\n'
        + "".join("<Row>" + "".join(cell(v) for v in row) + "</Row>\n" for row in rows)
        + "</Table></Worksheet>\n" for title, rows in sheets)
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
            '<Styles><Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style></Styles>\n'
            f"{body}</Workbook>\n")
    (HERE / name).write_bytes(text.encode("utf-8"))


def write_xlsx_sheets(name, sheets):
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(HERE / name)


def write_biff(name, rows, *, title="דוח"):
    """BIFF8 .xls (xlwt), dates typed, everything else as given."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet(title)
    sheet.cols_right_to_left = True
    dates = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value in ("", None):
                continue
            if isinstance(value, dt.date):
                sheet.write(r, c, value, dates)
            else:
                sheet.write(r, c, value)
    book.save(str(HERE / name))


def write_ods(name, rows):
    from build_fixtures import write_ods as ods

    ods(HERE / name, rows)


# --- grouped reports -------------------------------------------------------------------------

def quickbooks():
    # QuickBooks Online "Open Invoices" (classic engine) with every preamble line it prints, the
    # customer and its sub-customer ("Parent:Job") as heading rows, "Total for …" after each,
    # "TOTAL", and the basis and print time at the foot; an empty first column.
    write_csv("l3_quickbooks_open_invoices_subcustomers.csv", [
        ["Sample Landscaping Co."], ["Open Invoices"], ["As of December 1, 2026"], [],
        ["", "Date", "Transaction Type", "Num", "Terms", "Due Date", "Past Due", "Amount", "Open Balance"],
        ["Bill's Windsurf Shop", "", "", "", "", "", "", "", ""],
        ["", "10/15/2026", "Invoice", "1027", "Net 30", "11/14/2026", "17", "85.00", "85.00"],
        ["Total for Bill's Windsurf Shop", "", "", "", "", "", "", "$85.00", "$85.00"],
        ["Freeman Sporting Goods", "", "", "", "", "", "", "", ""],
        ["Freeman Sporting Goods:55 Twin Lane", "", "", "", "", "", "", "", ""],
        ["", "11/03/2026", "Invoice", "1036", "Net 15", "11/18/2026", "13", "86.40", "81.00"],
        ["Total for Freeman Sporting Goods:55 Twin Lane", "", "", "", "", "", "", "$86.40", "$81.00"],
        ["Freeman Sporting Goods:0969 Ocean View Road", "", "", "", "", "", "", "", ""],
        ["", "10/28/2026", "Invoice", "1028", "Net 30", "11/27/2026", "4", "460.40", "460.40"],
        ["Total for Freeman Sporting Goods:0969 Ocean View Road", "", "", "", "", "", "", "$460.40", "$460.40"],
        ["Total for Freeman Sporting Goods", "", "", "", "", "", "", "$546.80", "$541.40"],
        ["TOTAL", "", "", "", "", "", "", "$632.80", "$626.40"],
        [], [], ["Accrual Basis Tuesday, December 1, 2026 09:41 AM GMT-08:00"],
    ])
    MEANING["l3_quickbooks_open_invoices_subcustomers.csv"] = [
        ("1027", "Bill's Windsurf Shop", "85.00", "2026-11-14", "USD"),
        ("1036", "Freeman Sporting Goods:55 Twin Lane", "81.00", "2026-11-18", "USD"),
        ("1028", "Freeman Sporting Goods:0969 Ocean View Road", "460.40", "2026-11-27", "USD"),
    ]
    # "A/R Aging Detail" grouped by the aging period, oldest section first (the report's
    # "sort" option), the customer on each row; an empty period omitted.
    write_csv("l3_quickbooks_ar_aging_detail_oldest_first.csv", [
        ["Sample Landscaping Co."], ["A/R Aging Detail"], ["As of December 1, 2026"], [],
        ["", "Date", "Transaction type", "Num", "Customer full name", "Due date", "Amount", "Open balance"],
        ["91 or more days past due"],
        ["", "07/20/2026", "Invoice", "1004", "Cool Cars", "08/19/2026", "2,369.52", "1,675.52"],
        ["Total for 91 or more days past due", "", "", "", "", "", "$2,369.52", "$1,675.52"],
        ["1 - 30 days past due"],
        ["", "10/15/2026", "Invoice", "1027", "Bill's Windsurf Shop", "11/14/2026", "85.00", "85.00"],
        ["Total for 1 - 30 days past due", "", "", "", "", "", "$85.00", "$85.00"],
        ["Current"],
        ["", "11/20/2026", "Invoice", "1037", "Sonnenschein Family Store", "12/20/2026", "362.07", "362.07"],
        ["Total for Current", "", "", "", "", "", "$362.07", "$362.07"],
        ["TOTAL", "", "", "", "", "", "$2,816.59", "$2,122.59"],
        [], ["Accrual Basis Tuesday, December 1, 2026 09:44 AM GMT-08:00"],
    ])
    MEANING["l3_quickbooks_ar_aging_detail_oldest_first.csv"] = [
        ("1004", "Cool Cars", "1675.52", "2026-08-19", "USD"),
        ("1027", "Bill's Windsurf Shop", "85.00", "2026-11-14", "USD"),
        ("1037", "Sonnenschein Family Store", "362.07", "2026-12-20", "USD"),
    ]
    # Nested groups: salesperson, then customer (a sales-rep grouping of the same report).
    write_csv("l3_quickbooks_open_invoices_by_rep.csv", [
        ["Open Invoices by Sales Rep"], ["Sample Landscaping Co."], ["As of December 1, 2026"], [],
        ["", "Date", "Num", "Due Date", "Amount", "Open Balance"],
        ["Sales Rep: Dana Lee"],
        ["Amy's Bird Sanctuary"],
        ["", "11/02/2026", "1035", "12/02/2026", "1,284.50", "1,284.50"],
        ["Total for Amy's Bird Sanctuary", "", "", "", "$1,284.50", "$1,284.50"],
        ["Total for Sales Rep: Dana Lee", "", "", "", "$1,284.50", "$1,284.50"],
        ["Sales Rep: Omer Katz"],
        ["Cool Cars"],
        ["", "10/01/2026", "1010", "10/31/2026", "500.00", "200.00"],
        ["Total for Cool Cars", "", "", "", "$500.00", "$200.00"],
        ["Total for Sales Rep: Omer Katz", "", "", "", "$500.00", "$200.00"],
        ["TOTAL", "", "", "", "$1,784.50", "$1,484.50"],
    ])
    MEANING["l3_quickbooks_open_invoices_by_rep.csv"] = [
        ("1035", "Amy's Bird Sanctuary", "1284.50", "2026-12-02", "USD"),
        ("1010", "Cool Cars", "200.00", "2026-10-31", "USD"),
    ]


def xero():
    # Xero "Aged Receivables Detail" with its aging periods as columns: the contact as a heading
    # row, "Total <contact>" under its invoices, the report total, dates as "1 Oct 2026".
    write_xlsx("l3_xero_aged_receivables_detail_periods.xlsx", [
        ["Aged Receivables Detail"], ["Demo Company (Global)"], ["As at 30 November 2026"],
        ["Ageing by due date"], [],
        ["Invoice Date", "Invoice Number", "Reference", "Due Date", "Current", "< 1 Month", "1 Month",
         "2 Months", "3 Months", "Older", "Total"],
        ["Bayside Club"],
        ["1 Oct 2026", "INV-0041", "P/O 9711", "31 Oct 2026", None, 230.0, None, None, None, None, 230.0],
        ["12 Nov 2026", "INV-0058", "", "12 Dec 2026", 120.5, None, None, None, None, None, 120.5],
        ["Total Bayside Club", None, None, None, 120.5, 230.0, None, None, None, None, 350.5],
        ["Ridgeway University"],
        ["3 Aug 2026", "INV-0027", "Term 2", "2 Sep 2026", None, None, None, 6187.5, None, None, 6187.5],
        ["Total Ridgeway University", None, None, None, None, None, None, 6187.5, None, None, 6187.5],
        ["Total", None, None, None, 120.5, 230.0, None, 6187.5, None, None, 6538.0],
    ])
    MEANING["l3_xero_aged_receivables_detail_periods.xlsx"] = [
        ("INV-0041", "Bayside Club", "230.00", "2026-10-31", "ILS"),
        ("INV-0058", "Bayside Club", "120.50", "2026-12-12", "ILS"),
        ("INV-0027", "Ridgeway University", "6187.50", "2026-09-02", "ILS"),
    ]
    # Nested: currency, then contact ("Aged Receivables Detail" for a multi-currency
    # organisation, grouped by currency): the amounts are in the group's currency.
    write_csv("l3_xero_aged_detail_by_currency.csv", [
        ["Aged Receivables Detail"], ["Demo Company (UK)"], ["As at 30 November 2026"], [],
        ["Date", "Invoice Number", "Due Date", "Total", "Paid", "Credited", "Due"],
        ["EUR"],
        ["Marine Systems"],
        ["01 Oct 2026", "INV-0101", "31 Oct 2026", "1,000.00", "0.00", "0.00", "1,000.00"],
        ["Total Marine Systems", "", "", "1,000.00", "0.00", "0.00", "1,000.00"],
        ["Total EUR", "", "", "1,000.00", "0.00", "0.00", "1,000.00"],
        ["USD"],
        ["Boom FM"],
        ["05 Nov 2026", "INV-0110", "05 Dec 2026", "400.00", "100.00", "0.00", "300.00"],
        ["Total Boom FM", "", "", "400.00", "100.00", "0.00", "300.00"],
        ["Total USD", "", "", "400.00", "100.00", "0.00", "300.00"],
    ])
    MEANING["l3_xero_aged_detail_by_currency.csv"] = [
        ("INV-0101", "Marine Systems", "1000.00", "2026-10-31", "EUR"),
        ("INV-0110", "Boom FM", "300.00", "2026-12-05", "USD"),
    ]


def odoo():
    # Odoo "Aged Receivable" unfolded: each partner row carries its own totals, its invoice
    # lines below it (the line's label in the first column), a grand total.
    write_xlsx("l3_odoo_aged_receivable_unfolded.xlsx", [
        ["Aged Receivable"], ["My Company (San Francisco)"], ["As of 11/30/2026"], [],
        ["", "Due Date", "At Date", "1-30", "31-60", "61-90", "91-120", "Older", "Total"],
        ["Azure Interior", "", 100.0, 250.0, None, None, None, None, 350.0],
        ["INV/2026/00012", "12/15/2026", 100.0, None, None, None, None, None, 100.0],
        ["INV/2026/00007", "11/10/2026", None, 250.0, None, None, None, None, 250.0],
        ["Deco Addict", "", None, None, None, 480.0, None, None, 480.0],
        ["INV/2026/00003", "09/20/2026", None, None, None, 480.0, None, None, 480.0],
        ["Total Aged Receivable", "", 100.0, 250.0, None, 480.0, None, None, 830.0],
    ])
    # What a person reads: INV/2026/00012 (Azure Interior, 100.00 due 2026-12-15), INV/2026/00007
    # (Azure Interior, 250.00 due 2026-11-10), INV/2026/00003 (Deco Addict, 480.00 due 2026-09-20).
    # The reader does not know this layout (partners and invoice labels share the unnamed first
    # column, the partner rows carry totals): refused with a report, never read by halves.
    MEANING["l3_odoo_aged_receivable_unfolded.xlsx"] = HELD


# --- Hashavshevet and other Israeli reports --------------------------------------------------

def hashavshevet():
    # גיול חובות, the oldest bucket first (as the report prints right to left from the
    # total), Hebrew bucket words, an omitted empty bucket, the account key as text with
    # leading zeros, a blank spacer column, a footer with the print time.
    write_xlsx("l3_hashavshevet_aging_oldest_first.xlsx", [
        ['ש.ב. הנדסה בע"מ'], ["דוח גיול חובות לקוחות"], ["נכון לתאריך 30/11/2026"], [],
        ["מפתח חשבון", "שם חשבון", "", "מעל 120", "91-120", "31-60", "עד 30 יום", 'סה"כ'],
        ["00417", "מאפיית השקד", "", None, 800.0, None, 1200.0, 2000.0],
        ["00532", "טכנו-גן", "", 3000.0, None, 450.0, None, 3450.0],
        ["00611", "קפה נמרוד", "", None, None, None, 95.5, 95.5],
        ['סה"כ', "", "", 3000.0, 800.0, 450.0, 1295.5, 5545.5],
        [], ["הודפס בתאריך 01/12/2026 08:12"],
    ])
    MEANING["l3_hashavshevet_aging_oldest_first.xlsx"] = [
        (None, "00417", "2000.00", "2026-11-30", "ILS"),
        (None, "00532", "3450.00", "2026-11-30", "ILS"),
        (None, "00611", "95.50", "2026-11-30", "ILS"),
    ]
    # Customer balances with the side in a column of its own ("ח/ז"): a credit balance is money
    # the business owes the customer, never a debt.
    write_xlsx("l3_hashavshevet_balances_side_column.xlsx", [
        ["יתרות לקוחות"], ["נכון לתאריך 30/11/2026"], [],
        ["מפתח חשבון", "שם חשבון", "יתרה", "ח/ז"],
        ["20011", "אורן שיווק", 4680.0, "ח"],
        ["20012", "גלבוע תעשיות", 1170.0, "ז"],
        ["20013", "דן ובניו", 351.0, "ח"],
    ])
    MEANING["l3_hashavshevet_balances_side_column.xlsx"] = [
        (None, "20011", "4680.00", "2026-11-30", "ILS"),
        # 20012 is in credit ("ז"): nothing to remind
        (None, "20013", "351.00", "2026-11-30", "ILS"),
    ]
    # Customer balances with a column per side ("יתרת חובה", "יתרת זכות"), as the balances
    # report prints them when asked for debit and credit balances apart.
    write_xlsx("l3_hashavshevet_balances_two_side_columns.xlsx", [
        ['ש.ב. הנדסה בע"מ'], ["יתרות לקוחות"], ["נכון לתאריך 30/11/2026"], [],
        ["מפתח חשבון", "שם חשבון", "יתרת חובה", "יתרת זכות"],
        ["20011", "אורן שיווק", 4680.0, None],
        ["20012", "גלבוע תעשיות", None, 1170.0],
        ["20013", "דן ובניו", 351.0, None],
        ['סה"כ', "", 5031.0, 1170.0],
    ])
    MEANING["l3_hashavshevet_balances_two_side_columns.xlsx"] = [
        (None, "20011", "4680.00", "2026-11-30", "ILS"),
        # 20012 is in credit: nothing to remind
        (None, "20013", "351.00", "2026-11-30", "ILS"),
    ]
    # A trial balance (מאזן בוחן): every account of the books, customers among suppliers, bank,
    # income. Nothing in it says which rows are customers: held, never read as debts.
    write_xlsx("l3_hashavshevet_trial_balance.xlsx", [
        ["מאזן בוחן"], ["מתאריך 01/01/2026 עד תאריך 30/11/2026"], [],
        ["מפתח חשבון", "שם חשבון", "חובה", "זכות", "יתרה"],
        ["20011", "אורן שיווק", 9360.0, 4680.0, 4680.0],
        ["30001", "ספק חומרי גלם", 2000.0, 7500.0, -5500.0],
        ["40000", "הכנסות", 0.0, 18000.0, -18000.0],
        ["10100", "בנק לאומי", 25000.0, 6180.0, 18820.0],
        ['סה"כ', "", 36360.0, 36360.0, 0.0],
    ])
    MEANING["l3_hashavshevet_trial_balance.xlsx"] = HELD
    # A ledger card as the BIFF .xls Hashavshevet prints: account heading rows, opening balance,
    # movements, the running balance with its side letter before it ("ח 1,170.00"), the
    # account's total line, and a leading empty column.
    write_biff("l3_hashavshevet_ledger_card_biff.xls", [
        ["", "כרטסת הנהלת חשבונות"], ["", "מתאריך 01/01/2026 עד 30/11/2026"], [],
        ["", "תאריך", "אסמכתא", "פרטים", "חובה", "זכות", "יתרה"],
        ["", "20011 אורן שיווק"],
        ["", "", "", "יתרת פתיחה", "", "", "ח 500.00"],
        ["", D(2026, 9, 1), "3101", "חשבונית", 1170.0, "", "ח 1,670.00"],
        ["", D(2026, 9, 20), "8802", "קבלה", "", 1000.0, "ח 670.00"],
        ["", "", "", 'סה"כ מפתח חשבון', 1170.0, 1000.0, "ח 670.00"],
        ["", "20012 גלבוע תעשיות"],
        ["", D(2026, 10, 3), "3120", "חשבונית", 2340.0, "", "ח 2,340.00"],
        ["", D(2026, 10, 30), "8810", "קבלה", "", 2340.0, "0.00"],
        ["", "", "", 'סה"כ מפתח חשבון', 2340.0, 2340.0, "0.00"],
    ])
    MEANING["l3_hashavshevet_ledger_card_biff.xls"] = [
        (None, "20011", "670.00", "2026-11-30", "ILS"),
        # 20012 is settled (0.00): nothing to remind
    ]


def ledger_heading_with_opening():
    # A ledger card whose account heading row carries the opening balance: the key and name in
    # the date column's cell, "יתרת פתיחה" in the details, the side-lettered balance.
    write_xlsx("l3_hashavshevet_ledger_card_opening_on_heading.xlsx", [
        ["כרטסת הנהלת חשבונות"], ["מתאריך 01/01/2026 עד תאריך 30/11/2026"], [],
        ["תאריך", "אסמכתא", "פרטים", "חובה", "זכות", "יתרה"],
        ["20011 אורן שיווק", "", "יתרת פתיחה", None, None, "ח 500.00"],
        [D(2026, 9, 1), "3101", "חשבונית", 100.0, None, "ח 600.00"],
        ["", "", 'סה"כ מפתח חשבון', 100.0, None, "ח 600.00"],
        ["20012 גלבוע תעשיות", "", "יתרת פתיחה", None, None, "ז 50.00"],
        [D(2026, 9, 2), "3102", "חשבונית", 80.0, None, "ח 30.00"],
        ["", "", 'סה"כ מפתח חשבון', 80.0, None, "ח 30.00"],
        ["20013 דן ובניו", "", "יתרת פתיחה", None, None, "ז 200.00"],
        ["", "", 'סה"כ מפתח חשבון', None, None, "ז 200.00"],
    ])
    MEANING["l3_hashavshevet_ledger_card_opening_on_heading.xlsx"] = [
        (None, "20011", "600.00", "2026-11-30", "ILS"),
        (None, "20012", "30.00", "2026-11-30", "ILS"),
        # 20013 is in credit: nothing to remind
    ]


def grouped_israeli():
    # Rivhit open documents sorted by customer: the key and name only on each block's first
    # row, a "סה"כ" subtotal under each block, the report total at the foot.
    write_xlsx("l3_rivhit_open_docs_by_customer.xlsx", [
        ['דו"ח מסמכים פתוחים לפי לקוח'], ["נכון לתאריך 30/11/2026"], [],
        ["מס' לקוח", "שם לקוח", "מס' מסמך", "תאריך", "תאריך פירעון", 'סה"כ', "יתרה"],
        ["2001", "דפוס השרון", "51001", D(2026, 10, 1), D(2026, 10, 31), 1170.0, 1170.0],
        ["", "", "51003", D(2026, 11, 2), D(2026, 12, 2), 585.0, 585.0],
        ['סה"כ ללקוח', "", "", None, None, 1755.0, 1755.0],
        ["2002", "מוסך הצפון", "51002", D(2026, 10, 12), D(2026, 11, 11), 2340.0, 1340.0],
        ['סה"כ ללקוח', "", "", None, None, 2340.0, 1340.0],
        ['סה"כ לדוח', "", "", None, None, 4095.0, 3095.0],
    ])
    MEANING["l3_rivhit_open_docs_by_customer.xlsx"] = [
        ("51001", "2001", "1170.00", "2026-10-31", "ILS"),
        ("51003", "2001", "585.00", "2026-12-02", "ILS"),
        ("51002", "2002", "1340.00", "2026-11-11", "ILS"),
    ]
    # Foreign-currency customer balances (Windows-1255 csv): a currency heading over each group
    # of customers, "סה"כ" after each group; the amounts carry no sign of their currency.
    write_csv("l3_hashavshevet_balances_by_currency_cp1255.csv", [
        ['יתרות לקוחות במט"ח'], ["נכון לתאריך 30/11/2026"], [],
        ["מפתח חשבון", "שם חשבון", "יתרה"],
        ["מטבע: דולר"],
        ["21001", "Nordic Design AB", "2,500.00"],
        ["21002", "Blue Harbor Inc", "740.00"],
        ['סה"כ דולר', "", "3,240.00"],
        ["מטבע: אירו"],
        ["21010", "Atelier Lyon", "1,100.00"],
        ['סה"כ אירו', "", "1,100.00"],
    ], encoding="cp1255")
    MEANING["l3_hashavshevet_balances_by_currency_cp1255.csv"] = [
        (None, "21001", "2500.00", "2026-11-30", "USD"),
        (None, "21002", "740.00", "2026-11-30", "USD"),
        (None, "21010", "1100.00", "2026-11-30", "EUR"),
    ]


def web_reports():
    # A web accounting system's customer-balances report saved as .xls: an HTML table whose
    # two-level header uses rowspan for the key and the name and colspan for the money group.
    head = ('<tr><th rowspan="2">מפתח</th><th rowspan="2">שם לקוח</th><th colspan="3">סכומים (ש"ח)</th>'
            '<th rowspan="2">הערות</th></tr>\n<tr><th>חובה</th><th>זכות</th><th>יתרה</th></tr>')
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in [
        ["60010", "שקד הפקות", "4,680.00", "1,170.00", "3,510.00", ""],
        ["60011", "נחל תבור", "900.00", "900.00", "0.00", "סגור"],
        ["60012", "מרכז ההדפסה", "2,340.00", "", "2,340.00", "בהסדר"],
    ])
    text = ('<html><head><meta charset="utf-8"></head><body dir="rtl">'
            '<table><tr><td colspan="6">יתרות לקוחות נכון לתאריך 30/11/2026</td></tr></table>'
            f'<table border="1">\n{head}\n{body}\n</table></body></html>')
    (HERE / "l3_web_balances_rowspan_header.xls").write_bytes(text.encode("utf-8"))
    MEANING["l3_web_balances_rowspan_header.xls"] = [
        (None, "60010", "3510.00", "2026-11-30", "ILS"),
        # 60011 is settled (0.00)
        (None, "60012", "2340.00", "2026-11-30", "ILS"),
    ]
    # QuickBooks Online "Customer Balance Detail": grouped by customer, the running "Balance"
    # down each group beside each invoice's own "Open Balance" (the running one is no invoice's).
    write_csv("l3_quickbooks_customer_balance_detail.csv", [
        ["Sample Landscaping Co."], ["Customer Balance Detail"], ["All Dates"], [],
        ["", "Date", "Transaction Type", "Num", "Due Date", "Amount", "Open Balance", "Balance"],
        ["Amy's Bird Sanctuary", "", "", "", "", "", "", ""],
        ["", "11/02/2026", "Invoice", "1035", "12/02/2026", "1,284.50", "1,284.50", "1,284.50"],
        ["", "11/15/2026", "Invoice", "1041", "12/15/2026", "239.00", "239.00", "1,523.50"],
        ["Total for Amy's Bird Sanctuary", "", "", "", "", "$1,523.50", "$1,523.50", ""],
        ["Cool Cars", "", "", "", "", "", "", ""],
        ["", "10/01/2026", "Invoice", "1010", "10/31/2026", "500.00", "200.00", "200.00"],
        ["", "11/20/2026", "Invoice", "1044", "12/20/2026", "694.00", "694.00", "894.00"],
        ["Total for Cool Cars", "", "", "", "", "$1,194.00", "$894.00", ""],
        ["TOTAL", "", "", "", "", "$2,717.50", "$2,417.50", ""],
        [], ["Accrual Basis Tuesday, December 1, 2026 10:02 AM GMT-08:00"],
    ])
    MEANING["l3_quickbooks_customer_balance_detail.csv"] = [
        ("1035", "Amy's Bird Sanctuary", "1284.50", "2026-12-02", "USD"),
        ("1041", "Amy's Bird Sanctuary", "239.00", "2026-12-15", "USD"),
        ("1010", "Cool Cars", "200.00", "2026-10-31", "USD"),
        ("1044", "Cool Cars", "694.00", "2026-12-20", "USD"),
    ]
    # Xero "Aged Receivables Summary" where a contact is in credit: "(150.00)".
    write_csv("l3_xero_aged_summary_credit.csv", [
        ["Aged Receivables Summary"], ["Demo Company (AU)"], ["As at 30 November 2026"], [],
        ["Contact", "Current", "< 1 Month", "1 Month", "2 Months", "Older", "Total"],
        ["Bayside Club", "230.00", "", "", "", "", "230.00"],
        ["City Limousines", "(150.00)", "", "", "", "", "(150.00)"],
        ["Ridgeway University", "", "", "1,200.00", "", "300.00", "1,500.00"],
        ["Total", "80.00", "", "1,200.00", "", "300.00", "1,580.00"],
    ])
    MEANING["l3_xero_aged_summary_credit.csv"] = [
        (None, "Bayside Club", "230.00", "2026-11-30", "ILS"),
        # City Limousines is in credit: nothing to remind
        (None, "Ridgeway University", "1500.00", "2026-11-30", "ILS"),
    ]


def israeli_containers():
    # Rivhit customer balances as an HTML table saved as .xls, Windows-1255 named in a meta
    # tag, <th> header cells, the header printed again on each page and a page footer.
    header = ["מס' לקוח", "שם לקוח", "טלפון", "יתרה"]
    write_html_report("l3_rivhit_balances_pages.xls", [
        ['דו"ח יתרות לקוחות'], ["נכון לתאריך: 30/11/2026"], [],
        header,
        ["301", "אלון תקשורת", "03-5551234", "1,170.00"],
        ["302", "בית הקפה", "", "585.00-"],
        ["עמוד 1 מתוך 2"],
        header,
        ["303", "גלריה כחולה", "", "2,000.00"],
        ['סה"כ', "", "", "2,585.00"],
        ["עמוד 2 מתוך 2"],
    ], encoding="cp1255", meta="windows-1255", header_rows=(3, 7))
    MEANING["l3_rivhit_balances_pages.xls"] = [
        (None, "301", "1170.00", "2026-11-30", "ILS"),
        # 302 is in credit ("585.00-"): nothing to remind
        (None, "303", "2000.00", "2026-11-30", "ILS"),
    ]
    # Priority aging as UTF-16 tab text saved as .xls: buckets newest first, a total column.
    write_text_as_xls("l3_priority_aging_utf16.xls", [
        ["גיול חובות לקוח"], ["תאריך: 30/11/26"], [],
        ["מס. לקוח", "שם לקוח", "שוטף", "1-30", "31-60", "61-90", "מעל 90", 'סה"כ'],
        ["C0045", 'חשמל הגליל בע"מ', "1,000.00", "", "", "", "190.00", "1,190.00"],
        ["C0051", "אופטיקה הכרמל", "", "585.00", "", "", "", "585.00"],
        ['סה"כ', "", "1,000.00", "585.00", "", "", "190.00", "1,775.00"],
    ], encoding="utf-16")
    MEANING["l3_priority_aging_utf16.xls"] = [
        (None, "C0045", "1190.00", "2026-11-30", "ILS"),
        (None, "C0051", "585.00", "2026-11-30", "ILS"),
    ]
    # Invoice4U documents, SpreadsheetML 2003 with two worksheets: the report's parameters first,
    # the documents on the second; a two-level header ("סכומים" over three money columns).
    write_spreadsheetml_sheets("l3_invoice4u_two_sheets.xls", [
        ("פרמטרים", [["דוח מסמכים"], ["מתאריך", "01/10/2026"], ["עד תאריך", "30/11/2026"]]),
        ("מסמכים", [
            ["", "", "", "", "סכומים", "", "", ""],
            ["מספר מסמך", "שם לקוח", "תאריך מסמך", "תאריך פירעון", 'סה"כ', "שולם", "יתרה", "מטבע"],
            ["40101", "נוף הגליל הפקות", D(2026, 10, 4), D(2026, 11, 3), 1170.0, 0.0, 1170.0, "ש\"ח"],
            ["40102", "מעדני עמק", D(2026, 10, 9), D(2026, 11, 8), 2340.0, 2000.0, 340.0, "ש\"ח"],
            ["40103", "מעדני עמק", D(2026, 11, 1), D(2026, 12, 1), 900.0, 0.0, 900.0, "דולר"],
        ]),
    ])
    MEANING["l3_invoice4u_two_sheets.xls"] = [
        ("40101", "נוף הגליל הפקות", "1170.00", "2026-11-03", "ILS"),
        ("40102", "מעדני עמק", "340.00", "2026-11-08", "ILS"),
        ("40103", "מעדני עמק", "900.00", "2026-12-01", "USD"),
    ]
    # Morning (Green Invoice) xlsx with a summary sheet first and the documents second.
    write_xlsx_sheets("l3_morning_summary_first.xlsx", [
        ("סיכום", [["סיכום מסמכים"], ["מסמכים פתוחים", 2], ['סה"כ פתוח', 1755.0]]),
        ("מסמכים", [
            ["מספר מסמך", "סוג מסמך", "תאריך", "שם הלקוח", 'סה"כ כולל מע"מ', "יתרה לתשלום", "מטבע", "תאריך לתשלום"],
            ["20101", "חשבונית מס", D(2026, 11, 1), "סטודיו ים", 1170.0, 1170.0, "ILS", D(2026, 12, 1)],
            ["20102", "חשבונית מס", D(2026, 11, 4), "גינות הצפון", 585.0, 585.0, "ILS", D(2026, 12, 4)],
        ]),
    ])
    MEANING["l3_morning_summary_first.xlsx"] = [
        ("20101", "סטודיו ים", "1170.00", "2026-12-01", "ILS"),
        ("20102", "גינות הצפון", "585.00", "2026-12-04", "ILS"),
    ]
    # EZcount documents as tab-separated UTF-8 with a BOM, 2-digit years d/m/yy.
    write_csv("l3_ezcount_tab_bom.csv", [
        ["מס' מסמך", "לקוח", "תאריך הפקה", "מועד תשלום", 'סה"כ', "יתרה"],
        ["1101", "דלתא", "01/11/26", "15/12/26", "1,170.00", "1,170.00"],
        ["1102", "אפסילון", "20/10/26", "19/11/26", "585.00", "85.00"],
    ], encoding="utf-8-sig", delimiter="\t")
    MEANING["l3_ezcount_tab_bom.csv"] = [
        ("1101", "דלתא", "1170.00", "2026-12-15", "ILS"),
        ("1102", "אפסילון", "85.00", "2026-11-19", "ILS"),
    ]
    # iCount balances in .ods: credit balances written "-₪500.00".
    write_ods("l3_icount_balances.ods", [
        ["יתרות לקוחות"], ["נכון לתאריך 30/11/2026"], [],
        ["מזהה לקוח", "שם לקוח", "יתרה"],
        ["5001", "מכולת אבי", "₪1,170.00"],
        ["5002", "גן הילדים", "-₪500.00"],
    ])
    MEANING["l3_icount_balances.ods"] = [
        (None, "5001", "1170.00", "2026-11-30", "ILS"),
        # 5002 is in credit: nothing to remind
    ]
    # Sumit documents in xlsx whose dates are plain numbers (Excel serials without a date
    # format), a leading empty column and a blank spacer row under the header.
    write_xlsx("l3_sumit_serial_dates.xlsx", [
        ["", "מסמכים פתוחים"], [],
        ["", "מספר", "לקוח", "תאריך", "תאריך פירעון", "סכום", "יתרה"],
        [],
        ["", "7001", "אור ושות'", 46327, 46357, 1170.0, 1170.0],
        ["", "7002", "מוסך הדרום", 46331, 46361, 468.0, 200.0],
    ])
    MEANING["l3_sumit_serial_dates.xlsx"] = [
        ("7001", "אור ושות'", "1170.00", "2026-12-01", "ILS"),
        ("7002", "מוסך הדרום", "200.00", "2026-12-05", "ILS"),
    ]


# --- locales ---------------------------------------------------------------------------------

def locales():
    # Zoho Books "AR Aging Summary" from an organisation in a European locale: `;` separated,
    # "1.234,56" amounts, buckets of 15 days, "> 45 Days".
    write_csv("l3_zoho_ar_aging_summary_eu.csv", [
        ["AR Aging Summary"], ["As of 30.11.2026"], [],
        ["Customer Name", "Current", "1-15 Days", "16-30 Days", "31-45 Days", "> 45 Days", "Total"],
        ["Zylker GmbH", "1.234,56", "", "", "", "", "1.234,56"],
        ["Bowman und Co", "", "300,00", "", "", "1.000,00", "1.300,00"],
        ["Total", "1.234,56", "300,00", "", "", "1.000,00", "2.534,56"],
    ], delimiter=";")
    MEANING["l3_zoho_ar_aging_summary_eu.csv"] = [
        (None, "Zylker GmbH", "1234.56", "2026-11-30", "ILS"),
        (None, "Bowman und Co", "1300.00", "2026-11-30", "ILS"),
    ]
    # FreshBooks invoices (US locale, m/d/yyyy) where a later date settles the order.
    write_csv("l3_freshbooks_invoices_us_dates.csv", [
        ["Client Name", "Invoice #", "Date Issued", "Due Date", "Invoice Status", "Amount", "Outstanding", "Currency"],
        ["Acme Corp", "0000041", "10/05/2026", "11/04/2026", "overdue", "1,200.00", "1,200.00", "USD"],
        ["Beta LLC", "0000042", "11/02/2026", "12/02/2026", "partial", "800.00", "300.00", "USD"],
        ["Gamma Inc", "0000043", "11/10/2026", "12/10/2026", "sent", "150.00", "150.00", "USD"],
        ["Acme Corp", "0000044", "11/18/2026", "12/18/2026", "draft", "90.00", "90.00", "USD"],
    ])
    MEANING["l3_freshbooks_invoices_us_dates.csv"] = [
        ("0000041", "Acme Corp", "1200.00", "2026-11-04", "USD"),
        ("0000042", "Beta LLC", "300.00", "2026-12-02", "USD"),
        ("0000043", "Gamma Inc", "150.00", "2026-12-10", "USD"),
    ]
    # The same kind of export where every day is 12 or less: 11/04 may be 11 April or 4 November.
    write_csv("l3_invoice_ninja_ambiguous_dates.csv", [
        ["Invoice Number", "Client Name", "Invoice Date", "Due Date", "Amount", "Balance", "Status"],
        ["0051", "Acme", "10/05/2026", "11/04/2026", "500.00", "500.00", "Sent"],
        ["0052", "Beta", "11/02/2026", "12/02/2026", "200.00", "120.00", "Partial"],
    ])
    MEANING["l3_invoice_ninja_ambiguous_dates.csv"] = HELD
    # SAP Business One "Customer Receivables Aging" saved as SpreadsheetML, the selection
    # criteria on the first worksheet, trailing-minus credits ("500.00-"), DD.MM.YYYY dates.
    write_spreadsheetml_sheets("l3_sap_b1_aging_spreadsheetml.xls", [
        ("Selection Criteria", [["Customer Receivables Aging"], ["Aging Date", "30.11.2026"],
                                ["Interval", "30 Days"]]),
        ("Report", [
            ["BP Code", "BP Name", "Doc. No.", "Posting Date", "Due Date", "Balance Due", "0 - 30", "31 - 60",
             "61 - 90", "91 - 120", "121+"],
            ["C20000", "Maxi-Teq", "2412", "01.10.2026", "31.10.2026", "1,500.00", "1,500.00", "", "", "", ""],
            ["C20000", "Maxi-Teq", "2433", "15.10.2026", "14.11.2026", "500.00-", "500.00-", "", "", "", ""],
            ["C30000", "Microchips", "2301", "02.07.2026", "01.08.2026", "2,000.00", "", "", "", "2,000.00", ""],
        ]),
    ])
    MEANING["l3_sap_b1_aging_spreadsheetml.xls"] = [
        ("2412", "C20000", "1500.00", "2026-10-31", "ILS"),
        ("2433", "C20000", "-500.00", "2026-11-14", "ILS"),
        ("2301", "C30000", "2000.00", "2026-08-01", "ILS"),
    ]
    # Sage 50 customer activity / statement: Dr/Cr columns, a running balance with side words,
    # opening and closing balance lines, one block per customer headed by A/C and name.
    write_csv("l3_sage_customer_statements.csv", [
        ["Customer Activity (Detailed)"], ["Date From: 01/11/2026  Date To: 30/11/2026"], [],
        ["A/C", "Name", "Date", "Ref", "Details", "Debit", "Credit", "Balance"],
        ["ABS001", "ABS Garages Ltd", "", "", "Opening Balance", "", "", "350.00 Dr"],
        ["ABS001", "ABS Garages Ltd", "03/11/2026", "INV 51", "Sales Invoice", "1,200.00", "", "1,550.00 Dr"],
        ["ABS001", "ABS Garages Ltd", "20/11/2026", "REC 12", "Sales Receipt", "", "1,550.00", "0.00"],
        ["ABS001", "ABS Garages Ltd", "", "", "Closing Balance", "", "", "0.00"],
        ["BRO001", "Bronson Inc", "", "", "Opening Balance", "", "", "100.00 Cr"],
        ["BRO001", "Bronson Inc", "11/11/2026", "INV 54", "Sales Invoice", "480.00", "", "380.00 Dr"],
        ["BRO001", "Bronson Inc", "", "", "Closing Balance", "", "", "380.00 Dr"],
    ])
    MEANING["l3_sage_customer_statements.csv"] = [
        # ABS001 closes at 0.00: nothing to remind
        (None, "BRO001", "380.00", "2026-11-30", "ILS"),
    ]
    # Wave "Aged Receivables" with its periods in the reverse order and no total column; the
    # balances are the sum of the periods.
    write_csv("l3_wave_aged_receivables_no_total.csv", [
        ["Aged Receivables"], ["Sample Bakery"], ["As of November 30, 2026"], [],
        ["Customer", "91 or more days overdue", "61 to 90 days overdue", "31 to 60 days overdue",
         "30 or less days overdue", "Not yet overdue"],
        ["Green Cafe", "", "", "$120.00", "$80.00", "$50.00"],
        ["Hill Market", "$400.00", "", "", "", ""],
        ["Total unpaid", "$400.00", "", "$120.00", "$80.00", "$50.00"],
    ])
    MEANING["l3_wave_aged_receivables_no_total.csv"] = [
        (None, "Green Cafe", "250.00", "2026-11-30", "USD"),
        (None, "Hill Market", "400.00", "2026-11-30", "USD"),
    ]
    # Stripe invoices with amounts exactly as the dashboard shows them ("$1,284.50"), a
    # ledger line for a currency with a symbol only.
    write_csv("l3_stripe_invoices_symbols.csv", [
        ["id", "Number", "Customer Name", "Customer Email", "Due Date (UTC)", "Amount Due", "Amount Paid",
         "Amount Remaining", "Status"],
        ["in_3A", "A1B2C3-0001", "Alpha Ltd", "ap@alpha.example", "2026-12-01 10:00:00", "$1,284.50", "$0.00", "$1,284.50", "open"],
        ["in_3B", "A1B2C3-0002", "Beta GmbH", "ap@beta.example", "2026-12-05 10:00:00", "€600.00", "€100.00", "€500.00", "open"],
        ["in_3C", "A1B2C3-0003", "Gamma SA", "ap@gamma.example", "2026-11-15 10:00:00", "$90.00", "$90.00", "$0.00", "paid"],
    ])
    MEANING["l3_stripe_invoices_symbols.csv"] = [
        # no customer id column: the email stands for the customer (as everywhere)
        ("A1B2C3-0001", "ap@alpha.example", "1284.50", "2026-12-01", "USD"),
        ("A1B2C3-0002", "ap@beta.example", "500.00", "2026-12-05", "EUR"),
    ]


BUILDS = (quickbooks, xero, odoo, hashavshevet, ledger_heading_with_opening, grouped_israeli, web_reports, israeli_containers, locales)


if __name__ == "__main__":
    for build in BUILDS:
        build()
    # meaning.json holds the round-2 lines (build_layouts.py, which keeps these) and these.
    path = HERE / "meaning.json"
    merged = {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("l3_")}
    merged.update(MEANING)
    path.write_text(json.dumps(merged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
