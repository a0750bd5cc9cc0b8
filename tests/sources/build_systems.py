"""Rebuild the per-system fixtures: one export per accounting system, in the layout and the
container that system writes (see README.md beside this file for where each was learned).

Run `python tests/sources/build_systems.py`; then refresh the golden files with
`UPDATE_GOLDEN=1 pytest tests/test_sources_golden.py` and read every changed expectation
against the file before committing it.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
from pathlib import Path

HERE = Path(__file__).parent
D = dt.date


def _csv(rows, delimiter=",") -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def write_csv(name, rows, *, encoding="utf-8", delimiter=","):
    (HERE / name).write_bytes(_csv(rows, delimiter).encode(encoding))


def write_xlsx(name, rows, *, title="Sheet1"):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(HERE / name)


def write_html(name, rows, *, encoding, meta=None):
    """An HTML table saved as .xls, as many Israeli systems do."""
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c)).replace(chr(10), '<br>')}</td>" for c in row)
                   + "</tr>\n" for row in rows)
    text = (f'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>{head}</head>'
            f'<body dir="rtl"><table border="1">\n{body}</table></body></html>')
    (HERE / name).write_bytes(text.encode(encoding))


def write_spreadsheetml(name, rows):
    """SpreadsheetML 2003 (Excel's "XML Spreadsheet"), saved as .xls."""
    def cell(value):
        if value == "" or value is None:
            return "<Cell/>"
        if isinstance(value, (int, float)):
            return f'<Cell><Data ss:Type="Number">{value}</Data></Cell>'
        if isinstance(value, dt.date):
            return f'<Cell ss:StyleID="d"><Data ss:Type="DateTime">{value.isoformat()}T00:00:00.000</Data></Cell>'
        return f'<Cell><Data ss:Type="String">{html.escape(str(value))}</Data></Cell>'

    body = "".join("<Row>" + "".join(cell(v) for v in row) + "</Row>\n" for row in rows)
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
            '<Styles><Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style></Styles>\n'
            f'<Worksheet ss:Name="דוח"><Table>\n{body}</Table></Worksheet></Workbook>\n')
    (HERE / name).write_bytes(text.encode("utf-8"))


def write_text_as_xls(name, rows, *, encoding):
    """Tab-separated text saved as .xls (Excel's "Unicode text", or a system's "Excel" button)."""
    data = _csv(rows, "\t")
    (HERE / name).write_bytes(data.encode("utf-16") if encoding == "utf-16" else data.encode(encoding))


# --- international ------------------------------------------------------------

def quickbooks():
    # QuickBooks Online "Open Invoices" (classic report engine): grouped by customer, the name
    # alone on a heading row, "Total for …" closing each group, a blank first header cell.
    write_csv("quickbooks_open_invoices.csv", [
        ["Craig's Design and Landscaping Services"], ["Open Invoices"], ["As of November 30, 2026"], [],
        ["", "Date", "Transaction Type", "Num", "Term", "Due Date", "Amount", "Open Balance"],
        ["Amy's Bird Sanctuary"],
        ["", "10/15/2026", "Invoice", "1021", "Net 30", "11/14/2026", "459.00", "239.00"],
        ["", "11/02/2026", "Invoice", "1035", "Net 30", "12/02/2026", "1,284.50", "1,284.50"],
        ["Total for Amy's Bird Sanctuary", "", "", "", "", "", "$1,743.50", "$1,523.50"],
        ["Bill's Windsurf Shop"],
        ["", "09/20/2026", "Invoice", "1002", "Net 30", "10/20/2026", "175.00", "175.00"],
        ["", "10/28/2026", "Credit Memo", "1044", "", "10/28/2026", "-50.00", "-50.00"],
        ["Total for Bill's Windsurf Shop", "", "", "", "", "", "$125.00", "$125.00"],
        ["TOTAL", "", "", "", "", "", "$1,868.50", "$1,648.50"],
        [], [], ["Monday, Dec 01, 2026 09:14:02 AM GMT-08:00"],
    ])
    # QuickBooks Online "A/R Aging Detail" (new report engine): bucket sections, a customer column
    # named "Customer full name", lower-case headers.
    write_csv("quickbooks_ar_aging_detail.csv", [
        ["A/R Aging Detail Report"], ["Craig's Design and Landscaping Services"], ["As of November 30, 2026"], [],
        ["Date", "Transaction type", "Num", "Customer full name", "Due date", "Amount", "Open balance"],
        ["Current"],
        ["11/02/2026", "Invoice", "1035", "Amy's Bird Sanctuary", "12/02/2026", "1,284.50", "1,284.50"],
        ["Total for Current", "", "", "", "", "$1,284.50", "$1,284.50"],
        ["1 - 30 days past due"],
        ["10/15/2026", "Invoice", "1021", "Amy's Bird Sanctuary", "11/14/2026", "459.00", "239.00"],
        ["Total for 1 - 30 days past due", "", "", "", "", "$459.00", "$239.00"],
        ["31 - 60 days past due"],
        ["09/20/2026", "Invoice", "1002", "Bill's Windsurf Shop", "10/20/2026", "175.00", "175.00"],
        ["Total for 31 - 60 days past due", "", "", "", "", "$175.00", "$175.00"],
        ["91 or more days past due"],
        ["06/01/2026", "Invoice", "0988", "Cool Cars", "07/01/2026", "2,369.52", "694.00"],
        ["Total for 91 or more days past due", "", "", "", "", "$2,369.52", "$694.00"],
        ["TOTAL", "", "", "", "", "$4,288.02", "$2,392.50"],
        [], ["Monday, Dec 01, 2026 09:20:44 AM GMT-08:00"],
    ])


def xero():
    # Xero invoices export: one row per line item, required columns starred, statuses.
    header = ["*ContactName", "EmailAddress", "POAddressLine1", "POCity", "POPostalCode", "POCountry",
              "*InvoiceNumber", "Reference", "*InvoiceDate", "*DueDate", "Total", "TaxTotal",
              "InvoiceAmountPaid", "InvoiceAmountDue", "InventoryItemCode", "*Description", "*Quantity",
              "*UnitAmount", "Discount", "LineAmount", "*AccountCode", "*TaxType", "TaxAmount",
              "TrackingName1", "TrackingOption1", "Currency", "Type", "Status"]
    line = lambda c, e, n, ref, i, d, tot, tax, paid, due, desc, q, u, amt, cur, st: [  # noqa: E731
        c, e, "1 Main St", "Wellington", "6011", "New Zealand", n, ref, i, d, tot, tax, paid, due, "",
        desc, q, u, "", amt, "200", "OUTPUT2", round(amt * 0.15, 2), "", "", cur, "ACCREC", st]
    write_csv("xero_invoices_export.csv", [header,
        line("Ridgeway University", "accounts@ridgeway.example", "INV-0041", "RPT445-1", "01/10/2026",
             "31/10/2026", "6187.50", "807.07", "0.00", "6187.50", "Training", 1, 3500.0, 3500.0, "NZD", "Awaiting Payment"),
        line("Ridgeway University", "accounts@ridgeway.example", "INV-0041", "RPT445-1", "01/10/2026",
             "31/10/2026", "6187.50", "807.07", "0.00", "6187.50", "Course books", 25, 87.5, 2187.5, "NZD", "Awaiting Payment"),
        line("City Limousines", "ap@citylimo.example", "INV-0043", "", "05/11/2026", "20/11/2026",
             "250.00", "32.61", "100.00", "150.00", "Consulting", 1, 250.0, 250.0, "NZD", "Awaiting Payment"),
        line("Bayside Club", "bayside@club.example", "INV-0045", "", "20/11/2026", "20/12/2026",
             "575.00", "75.00", "0.00", "575.00", "Membership", 1, 500.0, 500.0, "NZD", "Awaiting Approval"),
        line("Marine Systems", "ap@marine.example", "INV-0046", "", "21/11/2026", "21/12/2026",
             "1150.00", "150.00", "0.00", "1150.00", "Installation", 1, 1000.0, 1000.0, "NZD", "Draft"),
        line("Boom FM", "office@boomfm.example", "INV-0039", "", "01/09/2026", "30/09/2026",
             "460.00", "60.00", "460.00", "0.00", "Ads", 1, 400.0, 400.0, "NZD", "Paid"),
    ])
    # Xero "Aged Receivables Detail": the contact's name heads its invoices, "Total <contact>" ends them.
    write_xlsx("xero_aged_receivables_detail.xlsx", [
        ["Aged Receivables Detail"], ["Demo Company (NZ)"], ["As at 30 November 2026"], ["Ageing by due date"], [],
        ["Invoice Date", "Invoice Number", "Invoice Reference", "Due Date", "Current", "< 1 Month",
         "1 Month", "2 Months", "Older", "Total"],
        ["City Limousines"],
        [D(2026, 11, 5), "INV-0043", "", D(2026, 11, 20), None, 150.0, None, None, None, 150.0],
        ["Total City Limousines", None, None, None, None, 150.0, None, None, None, 150.0],
        ["Ridgeway University"],
        [D(2026, 10, 1), "INV-0041", "RPT445-1", D(2026, 10, 31), None, None, 6187.5, None, None, 6187.5],
        [D(2026, 11, 25), "INV-0048", "", D(2026, 12, 25), 820.0, None, None, None, None, 820.0],
        ["Total Ridgeway University", None, None, None, 820.0, None, 6187.5, None, None, 7007.5],
        [],
        ["Total", None, None, None, 820.0, 150.0, 6187.5, None, None, 7157.5],
    ], title="Aged Receivables Detail")


def payment_platform():
    # Stripe dashboard "Invoices" export: "Amount Due" is what the invoice asks, "Amount Remaining"
    # what is still open; statuses draft/open/paid/uncollectible/void; lower-case currency.
    write_csv("stripe_invoices.csv", [
        ["id", "Number", "Customer", "Customer Name", "Customer Email", "Amount Due", "Amount Paid",
         "Amount Remaining", "Attempt Count", "Attempted", "Currency", "Date (UTC)", "Due Date (UTC)",
         "Paid", "Status", "Subtotal", "Tax", "Total"],
        ["in_1Q2w3E", "8F2A1C3D-0007", "cus_PbX1", "Northwind Traders", "billing@northwind.example",
         "120.00", "0.00", "120.00", "1", "true", "usd", "2026-11-01 10:15", "2026-12-01 10:15",
         "false", "open", "120.00", "0.00", "120.00"],
        ["in_1Q2w3F", "8F2A1C3D-0008", "cus_PbX2", "Contoso Ltd", "ap@contoso.example",
         "480.00", "200.00", "280.00", "2", "true", "usd", "2026-10-10 08:00", "2026-11-09 08:00",
         "false", "open", "400.00", "80.00", "480.00"],
        ["in_1Q2w3G", "8F2A1C3D-0009", "cus_PbX3", "Fabrikam", "pay@fabrikam.example",
         "99.00", "99.00", "0.00", "1", "true", "usd", "2026-11-03 09:00", "2026-12-03 09:00",
         "true", "paid", "99.00", "0.00", "99.00"],
        ["in_1Q2w3H", "", "cus_PbX4", "Tailspin Toys", "ap@tailspin.example",
         "50.00", "0.00", "50.00", "0", "false", "usd", "2026-11-20 12:00", "", "false", "draft",
         "50.00", "0.00", "50.00"],
        ["in_1Q2w3I", "8F2A1C3D-0004", "cus_PbX5", "Litware", "ap@litware.example",
         "300.00", "0.00", "300.00", "4", "true", "usd", "2026-06-01 12:00", "2026-07-01 12:00",
         "false", "uncollectible", "300.00", "0.00", "300.00"],
    ])


def zoho_freshbooks_wave_sage_odoo_ninja():
    # Zoho Books invoice export: one row per item, "Balance" repeated, ISO dates.
    header = ["Invoice Date", "Invoice ID", "Invoice Number", "Invoice Status", "Customer Name",
              "Customer ID", "Due Date", "Currency Code", "Exchange Rate", "Item Name", "Quantity",
              "Item Price", "Item Total", "SubTotal", "Total", "Balance", "Payment Terms Label"]
    write_csv("zoho_books_invoices.csv", [header,
        ["2026-10-01", "460000000012", "INV-000012", "Overdue", "Zylker Corp", "460000000001", "2026-10-31",
         "USD", "1", "Design", "10", "50", "500", "500", "500", "500", "Net 30"],
        ["2026-10-01", "460000000012", "INV-000012", "Overdue", "Zylker Corp", "460000000001", "2026-10-31",
         "USD", "1", "Hosting", "1", "0", "0", "500", "500", "500", "Net 30"],
        ["2026-11-10", "460000000015", "INV-000015", "Partially Paid", "Bowman and Co", "460000000002",
         "2026-12-10", "USD", "1", "Support", "5", "80", "400", "400", "400", "150", "Net 30"],
        ["2026-11-12", "460000000016", "INV-000016", "Draft", "Bowman and Co", "460000000002",
         "2026-12-12", "USD", "1", "Support", "1", "80", "80", "80", "80", "80", "Net 30"],
        ["2026-09-01", "460000000009", "INV-000009", "Void", "Zylker Corp", "460000000001", "2026-10-01",
         "USD", "1", "Design", "1", "90", "90", "90", "90", "90", "Net 30"],
    ])
    # FreshBooks "Invoice Details" report export.
    write_csv("freshbooks_invoice_details.csv", [
        ["Invoice Details"], ["Jan 1, 2026 - Nov 30, 2026"], [],
        ["Client", "Invoice #", "Date Issued", "Due Date", "Invoice Status", "Currency", "Amount", "Paid",
         "Outstanding"],
        ["Acme Widgets", "0000123", "Oct 12, 2026", "Nov 11, 2026", "Overdue", "CAD", "1,500.00", "500.00", "1,000.00"],
        ["Globex", "0000124", "Nov 20, 2026", "Dec 20, 2026", "Sent", "CAD", "320.00", "0.00", "320.00"],
        ["Initech", "0000125", "Nov 25, 2026", "Dec 25, 2026", "Draft", "CAD", "90.00", "0.00", "90.00"],
        ["Globex", "0000119", "Aug 02, 2026", "Sep 01, 2026", "Paid", "CAD", "780.00", "780.00", "0.00"],
        ["Total", "", "", "", "", "", "2,690.00", "1,280.00", "1,410.00"],
    ])
    # Wave "Aged Receivables": a customer per row, its buckets and "Total unpaid"; footers.
    write_csv("wave_aged_receivables.csv", [
        ["Aged Receivables"], ["Acme Design Studio"], ["As of Nov 30, 2026"], [],
        ["Customer", "Not yet overdue", "30 or less days overdue", "31 to 60 days overdue",
         "61 to 90 days overdue", "91 or more days overdue", "Total unpaid"],
        ["Blue Fin Sushi", "$0.00", "$0.00", "$0.00", "$0.00", "$740.00", "$740.00"],
        ["Coastal Realty", "$1,200.00", "$300.00", "$0.00", "$0.00", "$0.00", "$1,500.00"],
        ["Dune Bakery", "$80.00", "$0.00", "$0.00", "$0.00", "$0.00", "$80.00"],
        ["Total unpaid", "$1,280.00", "$300.00", "$0.00", "$0.00", "$740.00", "$2,320.00"],
        ["Total overdue", "", "$300.00", "$0.00", "$0.00", "$740.00", "$1,040.00"],
    ])
    # Sage Accounting "Aged Debtors" summary: periods named "Period 1…3": no reader can know
    # what a period is, so the file is held with the lines to write.
    write_csv("sage_aged_debtors.csv", [
        ["Aged Debtors Report"], ["Report Date: 30/11/2026"], [],
        ["Customer Ref", "Customer Name", "Credit Limit", "Balance", "Current", "Period 1", "Period 2",
         "Period 3", "Older"],
        ["ABC001", "ABC Ltd", "5,000.00", "1,250.00", "250.00", "1,000.00", "0.00", "0.00", "0.00"],
        ["BRI002", "Bristol Motors", "2,000.00", "420.00", "0.00", "0.00", "420.00", "0.00", "0.00"],
    ])
    # Odoo "Customer Invoices" list exported to xlsx.
    write_xlsx("odoo_customer_invoices.xlsx", [
        ["Number", "Partner", "Invoice/Bill Date", "Due Date", "Tax Excluded", "Total", "Amount Due",
         "Payment Status", "Status"],
        ["INV/2026/00031", "Azure Interior", D(2026, 10, 3), D(2026, 11, 2), 1000.0, 1150.0, 1150.0, "Not Paid", "Posted"],
        ["INV/2026/00034", "Deco Addict", D(2026, 11, 8), D(2026, 12, 8), 2000.0, 2300.0, 800.0, "Partially Paid", "Posted"],
        ["INV/2026/00035", "Deco Addict", D(2026, 11, 9), D(2026, 12, 9), 100.0, 115.0, 0.0, "In Payment", "Posted"],
        ["INV/2026/00036", "Gemini Furniture", D(2026, 11, 20), D(2026, 12, 20), 50.0, 57.5, 57.5, "Not Paid", "Cancelled"],
    ])
    # Invoice Ninja v5 invoices export.
    write_csv("invoice_ninja_invoices.csv", [
        ["Client Name", "Invoice Number", "Amount", "Balance", "Paid to Date", "Date", "Due Date", "Status",
         "PO Number", "Discount", "Public Notes"],
        ["Kozey Group", "0017", "1250.00", "1250.00", "0.00", "2026-10-20", "2026-11-19", "Sent", "", "0", ""],
        ["Kozey Group", "0018", "300.00", "100.00", "200.00", "2026-11-01", "2026-12-01", "Partial", "PO-7", "0", ""],
        ["Hane Ltd", "0019", "90.00", "90.00", "0.00", "2026-11-22", "2026-12-22", "Draft", "", "0", ""],
        ["Hane Ltd", "0012", "400.00", "0.00", "400.00", "2026-08-01", "2026-08-31", "Paid", "", "0", ""],
        ["Hane Ltd", "0013", "75.00", "75.00", "0.00", "2026-08-05", "2026-09-04", "Cancelled", "", "0", ""],
    ])


# --- Israeli ------------------------------------------------------------------

def hashavshevet():
    write_xlsx("hashavshevet_customer_balances.xlsx", [
        ["חשבשבת - יתרות לקוחות"], ["נכון לתאריך 30/11/26"], [],
        ["מפתח חשבון", "שם חשבון", "יתרה"],
        ["10012", 'אופק שיווק בע"מ', 4680.0],
        ["10015", "מאפיית הכרמל", "1,250.00 חובה"],
        ["10019", "גלריה הים", "300.00 זכות"],
        ['סה"כ לדוח', "", 5630.0],
    ])
    write_xlsx("hashavshevet_aging.xlsx", [
        ["גיול חובות לקוחות"], ["נכון לתאריך 30/11/2026"], [],
        ["מפתח חשבון", "שם חשבון", "שוטף", "1-30", "31-60", "61-90", "מעל 90", 'סה"כ'],
        ["10012", 'אופק שיווק בע"מ', 1200.0, 2000.0, 1480.0, 0.0, 0.0, 4680.0],
        ["10015", "מאפיית הכרמל", 0.0, 0.0, 0.0, 0.0, 1250.0, 1250.0],
        ['סה"כ', "", 1200.0, 2000.0, 1480.0, 0.0, 1250.0, 5930.0],
    ])
    # A ledger card whose account columns have no header, without a running balance, its
    # debit/credit headers each one cell with a line break under the currency label.
    write_xlsx("hashavshevet_ledger_card_unnamed.xlsx", [
        ["כרטסת הנהלת חשבונות"], ["מתאריך 01/01/26 עד תאריך 30/11/26"], [],
        ["", "", "תאריך", "אסמכתא", "פרטים", "חובה / זכות (שקל)\nחובה", "חובה / זכות (שקל)\nזכות"],
        ["10012", 'אופק שיווק בע"מ', "", "", "יתרת פתיחה", 1000.0, ""],
        ["", "", "05/10/26", "3101", "חשבונית", 4680.0, ""],
        ["", "", "20/10/26", "7712", "קבלה", "", 1000.0],
        ["", "", "", "", 'סה"כ מפתח חשבון', 5680.0, 1000.0],
        [],
        ["10015", "מאפיית הכרמל", "", "", "", "", ""],
        ["", "", "11/11/26", "3107", "חשבונית", 1250.0, ""],
    ])


def israeli_documents():
    # Rivhit "open documents" as the HTML table its "Excel" button saves, in Windows-1255.
    write_html("rivhit_html_open_docs.xls", [
        ["ריווחית - דוח מסמכים פתוחים"], ["הופק בתאריך 01/12/2026"],
        ["שם לקוח", "סוג מסמך", "מס' מסמך", "תאריך מסמך", "תאריך פירעון", "סכום מסמך", "סכום ששולם", "יתרה לגבייה"],
        ['שמש בע"מ', "חשבונית מס", "20451", "01/10/2026", "31/10/2026", "2,340.00", "1,000.00", "1,340.00"],
        ['שמש בע"מ', "חשבונית מס זיכוי", "20460", "15/10/2026", "15/10/2026", "-340.00", "0.00", "-340.00"],
        ["אור ירוק", "חשבונית מס", "20477", "05/11/2026", "05/12/2026", "980.00", "0.00", "980.00"],
        ['סה"כ', "", "", "", "", "2,980.00", "1,000.00", "1,980.00"],
    ], encoding="cp1255", meta="windows-1255")
    # Morning (Green Invoice) documents export: amounts with and without VAT, statuses.
    write_xlsx("morning_documents.xlsx", [
        ["מספר מסמך", "סוג מסמך", "תאריך", "שם לקוח", "מייל", "ח.פ/ע.מ", 'סכום לפני מע"מ', 'מע"מ',
         'סכום כולל מע"מ', "יתרה לתשלום", "תאריך לתשלום", "מטבע", "סטטוס"],
        ["30012", "חשבונית מס", D(2026, 10, 5), "סטודיו נגה", "noga@studio.example", "514000001",
         1000.0, 180.0, 1180.0, 1180.0, D(2026, 11, 4), "ILS", "פתוח"],
        ["30015", "חשבונית מס", D(2026, 11, 1), 'דפוס הגליל בע"מ', "office@dfus.example", "514000002",
         2000.0, 360.0, 2360.0, 1000.0, D(2026, 12, 1), "ILS", "פתוח"],
        ["30016", "חשבונית מס", D(2026, 11, 2), "קפה הבוקר", "cafe@boker.example", "", 500.0, 90.0,
         590.0, 590.0, D(2026, 12, 2), "ILS", "מבוטל"],
        ["30017", "חשבונית מס", D(2026, 11, 3), "קפה הבוקר", "cafe@boker.example", "", 300.0, 54.0,
         354.0, 0.0, D(2026, 12, 3), "ILS", "סגור"],
    ], title="מסמכים")
    # iCount documents as an HTML table in UTF-8 with a meta charset; "לתשלום עד" is its due date.
    write_html("icount_documents.xls", [
        ["מס' מסמך", "סוג מסמך", "תאריך", "לקוח", "אימייל", "לתשלום עד", 'סה"כ', "יתרה", "סטטוס"],
        ["1045", "חשבונית מס", "02/10/2026", "אלון כהן", "alon@example.co.il", "01/11/2026", "₪ 3,510.00", "₪ 3,510.00", "פתוח"],
        ["1046", "חשבונית מס", "20/10/2026", "מוסך השרון", "garage@example.co.il", "19/11/2026", "₪ 702.00", "₪ 351.00", "שולם חלקית"],
        ["1047", "חשבונית מס", "21/11/2026", "מוסך השרון", "garage@example.co.il", "21/12/2026", "₪ 99.00", "₪ 99.00", "טיוטה"],
    ], encoding="utf-8", meta="utf-8")
    # EZcount open-documents csv: semicolons, UTF-8 with a BOM, "שוטף+30" terms.
    write_csv("ezcount_open_documents.csv", [
        ["מספר מסמך", "שם הלקוח", "דוא\"ל", "תאריך מסמך", "תנאי תשלום", "סכום", "יתרה לתשלום"],
        ["5001", "נגריית העמק", "nagar@example.co.il", "14/10/2026", "שוטף+30", "4,500.00", "4,500.00"],
        ["5002", "הובלות הנגב", "move@example.co.il", "03/11/2026", "שוטף+60", "1,170.00", "1,170.00"],
    ], encoding="utf-8-sig", delimiter=";")
    # Invoice4U as SpreadsheetML 2003 saved as .xls, typed dates and numbers.
    write_spreadsheetml("invoice4u_documents.xls", [
        ["דוח מסמכים פתוחים"], [],
        ["מספר מסמך", "שם לקוח", "מספר לקוח", "תאריך מסמך", "תאריך פירעון", 'סה"כ כולל מע"מ', "יתרה"],
        ["7781", "קליניקה יעל", "C-201", D(2026, 10, 1), D(2026, 10, 31), 1404.0, 1404.0],
        ["7790", "משתלת השרון", "C-118", D(2026, 11, 5), D(2026, 12, 5), 585.0, 285.5],
    ])
    # Sumit (OfficeGuy) documents export: its statuses, one of them not owed.
    write_xlsx("sumit_documents.xlsx", [
        ["מספר", "סוג", "תאריך", "לקוח", "מזהה לקוח", "דוא\"ל", "סכום", "יתרה", "תאריך יעד לתשלום", "סטטוס"],
        ["40021", "חשבונית מס", D(2026, 10, 20), "יוגה בגליל", "88112", "yoga@example.co.il", 750.0, 750.0, D(2026, 11, 19), "פתוח"],
        ["40022", "חשבונית מס", D(2026, 11, 1), "מספרת רונית", "88113", "ronit@example.co.il", 240.0, 240.0, D(2026, 12, 1), "טיוטה"],
        ["40023", "חשבונית מס", D(2026, 11, 2), "מספרת רונית", "88113", "ronit@example.co.il", 480.0, 200.0, D(2026, 12, 2), "ממתין לתשלום"],
    ])
    # Priority open invoices from its "export to Excel" (UTF-16 tab text saved as .xls).
    write_text_as_xls("priority_open_invoices.xls", [
        ["חשבונית", "מס. לקוח", "שם לקוח", "תאריך", "ת. פרעון", 'סה"כ לתשלום', "יתרה", "מטבע"],
        ["IN2600123", "C0045", 'חשמל הגליל בע"מ', "01/10/26", "30/11/26", "8,190.00", "8,190.00", "ש\"ח"],
        ["IN2600131", "C0051", "אופטיקה הכרמל", "15/10/26", "15/12/26", "1,170.00", "585.00", "ש\"ח"],
        ["IN2600140", "C0045", 'חשמל הגליל בע"מ', "02/11/26", "31/12/26", "$2,000.00", "$2,000.00", "$"],
    ], encoding="utf-16")
    # SAP Business One "Customer Receivables Aging" by document, UTF-8 tab text saved as .xls.
    write_text_as_xls("sap_b1_receivables_aging.xls", [
        ["Customer Receivables Aging"], ["Aging Date: 30.11.2026"], [],
        ["Customer/Vendor Code", "Customer/Vendor Name", "Document No.", "Posting Date", "Due Date",
         "Balance Due", "0-30", "31-60", "61-90", "91-120", "121+"],
        ["C20000", "Maxi-Teq", "1012", "01.10.2026", "31.10.2026", "2,500.00", "2,500.00", "", "", "", ""],
        ["C20000", "Maxi-Teq", "1019", "05.11.2026", "05.12.2026", "730.00", "730.00", "", "", "", ""],
        ["C30000", "Mashina Corporation", "988", "15.06.2026", "15.07.2026", "1,100.00", "", "", "", "1,100.00", ""],
    ], encoding="utf-8")


if __name__ == "__main__":
    for build in (quickbooks, xero, payment_platform, zoho_freshbooks_wave_sage_odoo_ninja,
                  hashavshevet, israeli_documents):
        build()
