"""SAP Business One, QuickBooks Online (classic and modern), Xero (two reports)."""
from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.styles import Font

from common import (D, OUT, bal, inv, must_equal, total, write_bytes, write_csv,
                    write_expected)


# 11 --------------------------------------------------------------- SAP B1 aging (SpreadsheetML)
def sap_b1_aging():
    name = "sapb1_customer_aging.xls"
    head = ["Customer Code", "Customer Name", "Type", "Doc. No.", "Installment No.",
            "BP Ref. No.", "Posting Date", "Due Date", "Days Outstanding", "Original Amount",
            "Balance Due", "Future Remit", "0-30", "31-60", "61-90", "91-120", "121+"]
    rows = [
        ["Customer Receivables Aging"],
        ["Aging Date: 30.11.26", "", "Age By: Due Date", "", "Currency: Local Currency (ILS)"],
        [],
        head,
        ["C20001", "Ramot Engineering Ltd"],
        ["", "", "IN", "1834", "1", "PO-7781", "05.09.26", "05.10.26", "56",
         "ILS 11,700.00", "ILS 11,700.00", "", "", "ILS 11,700.00", "", "", ""],
        ["", "", "IN", "1861", "1", "PO-7802", "12.10.26", "11.11.26", "19",
         "ILS 5,850.00", "ILS 3,850.00", "", "ILS 3,850.00", "", "", "", ""],
        ["", "", "RC", "702", "", "", "20.11.26", "20.11.26", "10",
         "(ILS 1,500.00)", "(ILS 1,500.00)", "", "(ILS 1,500.00)", "", "", "", ""],
        ["", "Total C20001", "", "", "", "", "", "", "", "", "ILS 14,050.00", "",
         "ILS 2,350.00", "ILS 11,700.00", "", "", ""],
        ["C20007", "Galil Dairy Cooperative"],
        ["", "", "IN", "1870", "1", "", "20.10.26", "19.12.26", "-19",
         "ILS 2,340.00", "ILS 2,340.00", "ILS 2,340.00", "", "", "", "", ""],
        ["", "", "CN", "233", "1", "", "25.10.26", "25.10.26", "36",
         "(ILS 468.00)", "(ILS 468.00)", "", "", "(ILS 468.00)", "", "", ""],
        ["", "Total C20007", "", "", "", "", "", "", "", "", "ILS 1,872.00", "ILS 2,340.00",
         "", "(ILS 468.00)", "", "", ""],
        [],
        ["", "Total", "", "", "", "", "", "", "", "", "ILS 15,922.00", "ILS 2,340.00",
         "ILS 2,350.00", "ILS 11,232.00", "", "", ""],
    ]

    def cell(v):
        if v == "":
            return "<Cell/>"
        return f'<Cell><Data ss:Type="String">{escape(v)}</Data></Cell>'

    body = "\n".join("   <Row>" + "".join(cell(v) for v in r) + "</Row>" for r in rows)
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">
  <Author>manager</Author>
  <Created>2026-12-01T07:15:00Z</Created>
 </DocumentProperties>
 <Worksheet ss:Name="Customer Receivables Aging">
  <Table>
{body}
  </Table>
 </Worksheet>
</Workbook>
"""
    write_bytes(name, xml.encode("utf-8"))
    expected = [
        inv("1834", "Ramot Engineering Ltd", "2026-09-05", "2026-10-05", "11700.00", "11700.00",
            "ILS"),
        inv("1861", "Ramot Engineering Ltd", "2026-10-12", "2026-11-11", "5850.00", "3850.00",
            "ILS"),
        inv("1870", "Galil Dairy Cooperative", "2026-10-20", "2026-12-19", "2340.00", "2340.00",
            "ILS"),
        inv("233", "Galil Dairy Cooperative", "2026-10-25", "2026-10-25", "-468.00", "-468.00",
            "ILS"),
    ]
    # the printed total nets the unapplied incoming payment (RC 702, 1,500) which is left out
    must_equal(name, total(expected) - D("1500.00"), "15,922.00")
    write_expected(name, "SAP Business One", "invoices", "ILS", expected, [],
                   "SpreadsheetML 2003 XML saved as .xls. Customer Receivables Aging by due "
                   "date, grouped by customer with a header row and a 'Total <code>' row per "
                   "customer, every value a string such as 'ILS 11,700.00' or '(ILS 468.00)', "
                   "dd.mm.yy dates. Doc types: IN invoice, CN credit memo (kept, negative), RC "
                   "an incoming payment not yet applied (bracketed; a receipt, left out, so the "
                   "list sums to the printed total plus 1,500). Invoice 1870 is not yet due "
                   "(Future Remit).")


# 12 --------------------------------------------------------------- QuickBooks classic A/R Aging Detail
def qbo_aging_detail_classic():
    name = "qbo_ar_aging_detail.csv"
    hdr = ["", "Date", "Transaction Type", "Num", "Customer", "Due Date", "Past Due", "Amount",
           "Open Balance"]
    e = ""
    rows = [
        [e, "Harbor Lights Design LLC"], [e, "A/R Aging Detail"], [e, "As of November 30, 2026"],
        [],
        hdr,
        [e, "Current"],
        [e, "11/20/2026", "Invoice", "1088", "Pine & Co", "12/20/2026", "-20", "1,284.50",
         "1,284.50"],
        [e, "11/30/2026", "Credit Memo", "1091", "Bright Dental", "11/30/2026", "0", "-250.00",
         "-250.00"],
        [e, "Total for Current", "", "", "", "", "", "1,034.50", "1,034.50"],
        [e, "1 - 30 days past due"],
        [e, "10/15/2026", "Invoice", "1075", "Bright Dental", "11/14/2026", "16", "3,400.00",
         "1,400.00"],
        [e, "Total for 1 - 30 days past due", "", "", "", "", "", "3,400.00", "1,400.00"],
        [e, "31 - 60 days past due"],
        [e, "09/20/2026", "Invoice", "1062", "Oakridge HOA", "10/20/2026", "41", "5,000.00",
         "5,000.00"],
        [e, "09/28/2026", "Invoice", "1066", "Pine & Co", "10/28/2026", "33", "760.00",
         "760.00"],
        [e, "Total for 31 - 60 days past due", "", "", "", "", "", "5,760.00", "5,760.00"],
        [e, "91 or more days past due"],
        [e, "07/02/2026", "Invoice", "1031", "Marlow Studio", "08/01/2026", "121", "2,150.00",
         "2,150.00"],
        [e, "Total for 91 or more days past due", "", "", "", "", "", "2,150.00", "2,150.00"],
        [e, "TOTAL", "", "", "", "", "", "12,344.50", "10,344.50"],
        [], [], [e, "Tuesday, Dec 01, 2026 09:14:05 AM GMT-8"],
    ]
    write_csv(name, rows)
    expected = [
        inv("1088", "Pine & Co", "2026-11-20", "2026-12-20", "1284.50", "1284.50", "USD"),
        inv("1091", "Bright Dental", "2026-11-30", "2026-11-30", "-250.00", "-250.00", "USD"),
        inv("1075", "Bright Dental", "2026-10-15", "2026-11-14", "3400.00", "1400.00", "USD"),
        inv("1062", "Oakridge HOA", "2026-09-20", "2026-10-20", "5000.00", "5000.00", "USD"),
        inv("1066", "Pine & Co", "2026-09-28", "2026-10-28", "760.00", "760.00", "USD"),
        inv("1031", "Marlow Studio", "2026-07-02", "2026-08-01", "2150.00", "2150.00", "USD"),
    ]
    must_equal(name, total(expected), "10,344.50")
    write_expected(name, "QuickBooks Online (classic report)", "invoices", "USD", expected, [],
                   "Classic A/R Aging Detail CSV: a leading empty column, company/report/as-of "
                   "title rows, bucket section headers with 'Total for …' rows (the empty 61-90 "
                   "bucket is omitted), TOTAL, then a timestamp footer. MM/DD/YYYY, quoted "
                   "thousands, negative Past Due for a not-yet-due invoice, a credit memo with a "
                   "negative open balance, a partial payment (1075). The currency is never "
                   "written: a US QuickBooks file, USD.")


# 13 --------------------------------------------------------------- QuickBooks modern Open Invoices
def qbo_open_invoices_modern():
    name = "qbo_open_invoices_modern.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Open Invoices"
    ws.append(["Cedar Lane Consulting"])
    ws.append(["Open Invoices"])
    ws.append(["As of November 30, 2026"])
    ws.append([])
    ws.append(["", "Transaction date", "Transaction type", "Num", "Terms", "Due date",
               "Amount", "Open balance"])
    for c in ws[5]:
        c.font = Font(bold=True)
    d = dt.datetime
    groups = [
        ("Anchor Bay Marina", [
            (d(2026, 9, 3), "Invoice", "2041", "Net 30", d(2026, 10, 3), 4200.00, 4200.00),
            (d(2026, 10, 14), "Invoice", "2057", "Net 30", d(2026, 11, 13), 1050.00, 525.00),
        ], 4725.00),
        ("Kestrel Analytics", [
            (d(2026, 10, 30), "Invoice", "2060", "Net 15", d(2026, 11, 14), 980.00, 980.00),
        ], 980.00),
        ("Oakridge HOA", [
            (d(2026, 11, 5), "Invoice", "2063", "Net 30", d(2026, 12, 5), 2600.00, 2600.00),
            (d(2026, 11, 18), "Payment", "", "", d(2026, 11, 18), -300.00, -300.00),
        ], 2300.00),
    ]
    for cust, lines, tot in groups:
        ws.append([cust])
        for ln in lines:
            ws.append([""] + list(ln))
            r = ws.max_row
            ws.cell(r, 2).number_format = "mm/dd/yyyy"
            ws.cell(r, 6).number_format = "mm/dd/yyyy"
        ws.append([f"Total for {cust}", "", "", "", "", "", None, tot])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append(["TOTAL", "", "", "", "", "", None, 8005.00])
    ws.append([])
    ws.append([])
    ws.append(["Accrual Basis Tuesday, December 1, 2026 09:20 AM GMT-08:00"])
    wb.save(OUT / name)
    expected = [
        inv("2041", "Anchor Bay Marina", "2026-09-03", "2026-10-03", "4200.00", "4200.00", "USD"),
        inv("2057", "Anchor Bay Marina", "2026-10-14", "2026-11-13", "1050.00", "525.00", "USD"),
        inv("2060", "Kestrel Analytics", "2026-10-30", "2026-11-14", "980.00", "980.00", "USD"),
        inv("2063", "Oakridge HOA", "2026-11-05", "2026-12-05", "2600.00", "2600.00", "USD"),
    ]
    must_equal(name, total(expected) - D("300.00"), "8,005.00")
    write_expected(name, "QuickBooks Online (modern report)", "invoices", "USD", expected, [],
                   "Modern-engine Open Invoices as .xlsx: title rows, the customer only as a "
                   "group heading row above its lines, 'Total for <customer>' rows, TOTAL and an "
                   "'Accrual Basis …' footer; real date cells. An unapplied Payment of -300.00 "
                   "sits among Oakridge's lines and in its total: a receipt, left out (the list "
                   "sums to TOTAL + 300).")


# 14 --------------------------------------------------------------- Xero invoices export
XERO_COLS = ["ContactName", "EmailAddress", "POAddressLine1", "POAddressLine2",
             "POAddressLine3", "POAddressLine4", "POCity", "PORegion", "POPostalCode",
             "POCountry", "SAAddressLine1", "SAAddressLine2", "SAAddressLine3", "SAAddressLine4",
             "SACity", "SARegion", "SAPostalCode", "SACountry", "InvoiceNumber", "Reference",
             "InvoiceDate", "DueDate", "PlannedDate", "Total", "TaxTotal", "InvoiceAmountPaid",
             "InvoiceAmountDue", "InventoryItemCode", "Description", "Quantity", "UnitAmount",
             "Discount", "LineAmount", "AccountCode", "TaxType", "TaxAmount", "TrackingName1",
             "TrackingOption1", "TrackingName2", "TrackingOption2", "Currency", "Type", "Sent",
             "Status"]


def xero_invoices():
    name = "xero_sales_invoices.csv"
    vat = "20% (VAT on Income)"
    # (contact, email, city, number, ref, date, due, total, tax, paid, due_amt, cur, type,
    #  status, [(desc, qty, unit, line, tax)])
    invs = [
        ("Fernhill Bakery", "accounts@fernhill.example", "Bristol", "INV-0412", "Sept supply",
         "02/09/2026", "02/10/2026", "1440.00", "240.00", "0.00", "1440.00", "GBP",
         "Sales invoice", "Awaiting Payment",
         [("Flour 25kg", "20", "30.00", "600.00", "120.00"),
          ("Delivery", "1", "600.00", "600.00", "120.00")]),
        ("Quayside Lettings", "ops@quayside.example", "Cardiff", "INV-0415", "",
         "14/09/2026", "14/10/2026", "3000.00", "500.00", "1000.00", "2000.00", "GBP",
         "Sales invoice", "Awaiting Payment",
         [("Property photography", "1", "2500.00", "2500.00", "500.00")]),
        ("Fernhill Bakery", "accounts@fernhill.example", "Bristol", "INV-0418", "",
         "01/10/2026", "31/10/2026", "480.00", "80.00", "480.00", "0.00", "GBP",
         "Sales invoice", "Paid",
         [("Flour order", "1", "400.00", "400.00", "80.00")]),
        ("Northgate Ltd", "finance@northgate.example", "Leeds", "INV-0420", "Q4 retainer",
         "05/10/2026", "04/11/2026", "2160.00", "360.00", "0.00", "2160.00", "GBP",
         "Sales invoice", "Draft",
         [("Retainer October", "1", "900.00", "900.00", "180.00"),
          ("Retainer November", "1", "900.00", "900.00", "180.00")]),
        ("Brightwater Inc", "ap@brightwater.example", "Boston", "INV-0421", "BW-PO-3391",
         "10/10/2026", "09/11/2026", "5000.00", "0.00", "0.00", "5000.00", "USD",
         "Sales invoice", "Awaiting Payment",
         [("Design sprint", "1", "3000.00", "3000.00", "0.00"),
          ("Prototype build", "1", "1500.00", "1500.00", "0.00"),
          ("Travel", "1", "500.00", "500.00", "0.00")]),
        ("Quayside Lettings", "ops@quayside.example", "Cardiff", "INV-0423", "",
         "20/10/2026", "19/11/2026", "960.00", "160.00", "0.00", "960.00", "GBP",
         "Sales invoice", "Awaiting Approval",
         [("Floor plans", "4", "200.00", "800.00", "160.00")]),
        ("Northgate Ltd", "finance@northgate.example", "Leeds", "INV-0424", "",
         "22/10/2026", "21/11/2026", "720.00", "120.00", "0.00", "0.00", "GBP",
         "Sales invoice", "Voided",
         [("Workshop", "1", "600.00", "600.00", "120.00")]),
        ("Quayside Lettings", "ops@quayside.example", "Cardiff", "CN-0031", "Refund INV-0415",
         "25/10/2026", "", "240.00", "40.00", "0.00", "240.00", "GBP",
         "Sales credit note", "Awaiting Payment",
         [("Reshoot discount", "1", "200.00", "200.00", "40.00")]),
        ("Fernhill Bakery", "accounts@fernhill.example", "Bristol", "", "",
         "28/10/2026", "", "150.00", "0.00", "0.00", "150.00", "GBP",
         "Sales overpayment", "Awaiting Payment",
         [("", "", "", "150.00", "0.00")]),
    ]
    rows = [XERO_COLS]
    for (contact, email, city, num, ref, date, due, tot, tax, paid, due_amt, cur, typ, status,
         lines) in invs:
        assert D(tot) == sum(D(l[3]) + D(l[4]) for l in lines), num
        for (desc, qty, unit, line, ltax) in lines:
            r = dict.fromkeys(XERO_COLS, "")
            r.update(ContactName=contact, EmailAddress=email, POCity=city, POCountry=(
                "United States" if cur == "USD" else "United Kingdom"), InvoiceNumber=num,
                Reference=ref, InvoiceDate=date, DueDate=due, Total=tot, TaxTotal=tax,
                InvoiceAmountPaid=paid, InvoiceAmountDue=due_amt, Description=desc,
                Quantity=qty, UnitAmount=unit, Discount="", LineAmount=line, AccountCode="200",
                TaxType=vat if ltax != "0.00" else "No VAT", TaxAmount=ltax, Currency=cur,
                Type=typ, Sent="Sent" if status not in ("Draft", "Awaiting Approval") else "Unsent",
                Status=status)
            rows.append([r[c] for c in XERO_COLS])
    write_csv(name, rows, bom=True)
    expected = [
        inv("INV-0412", "Fernhill Bakery", "2026-09-02", "2026-10-02", "1440.00", "1440.00",
            "GBP"),
        inv("INV-0415", "Quayside Lettings", "2026-09-14", "2026-10-14", "3000.00", "2000.00",
            "GBP"),
        inv("INV-0421", "Brightwater Inc", "2026-10-10", "2026-11-09", "5000.00", "5000.00",
            "USD"),
        inv("CN-0031", "Quayside Lettings", "2026-10-25", None, "-240.00", "-240.00",
            "GBP"),
    ]
    # no printed total: check against one row per invoice of the Awaiting Payment rows
    seen, owed = set(), D("0")
    for i in invs:
        if i[13] == "Awaiting Payment" and i[12] != "Sales overpayment" and i[3] not in seen:
            seen.add(i[3])
            owed += D(i[10]) * (-1 if i[12] == "Sales credit note" else 1)
    must_equal(name + " GBP", total(expected, "GBP"), str(owed - D("5000.00")))
    write_expected(name, "Xero", "invoices", "GBP", expected, [],
                   "Xero sales-invoice export (44 columns, UTF-8 with BOM) from a UK "
                   "organisation: dd/mm/yyyy dates, one row per line item with the invoice "
                   "fields repeated (count InvoiceAmountDue once), GBP and one USD invoice. Left "
                   "out: Paid, Draft (amount due shown), Awaiting Approval (not yet approved, "
                   "so not sent), Voided, and a 'Sales overpayment' row with no invoice "
                   "number (money the customer paid too much, not a debt). The credit note is written with positive amounts "
                   "and only its Type says it reduces what is owed: -240.00 (no due date).")


# 15 --------------------------------------------------------------- Xero Aged Receivables Summary
def xero_aged_receivables():
    name = "xero_aged_receivables_summary.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Aged Receivables Summary"
    ws.append(["Aged Receivables Summary"])
    ws.append(["Fernhill Trading Ltd"])
    ws.append(["As at 30 November 2026"])
    ws.append(["Ageing by due date"])
    ws.append([])
    ws.append(["Contact", "Current", "< 1 Month", "1 Month", "2 Months", "3 Months", "Older",
               "Total"])
    for c in ws[6]:
        c.font = Font(bold=True)
    data = [
        ["Abbey Print Co", 450.00, 1200.00, 0, 0, 0, 0, 1650.00],
        ["Harrow & Sons", 0, 0, 3300.00, 0, 0, 0, 3300.00],
        ["Meadow Vets", -120.00, 0, 0, 0, 0, 0, -120.00],
        ["Old Mill Cafe", 0, 0, 0, 860.40, 0, 200.00, 1060.40],
    ]
    for r in data:
        ws.append(r)
    ws.append(["Total", 330.00, 1200.00, 3300.00, 860.40, 0, 200.00, 5890.40])
    ws.append(["Percentage of total", "5.60%", "20.37%", "56.02%", "14.61%", "0.00%", "3.40%",
               "100.00%"])
    for row in ws.iter_rows(min_row=7, max_row=11, min_col=2, max_col=8):
        for c in row:
            c.number_format = "#,##0.00;(#,##0.00)"
    wb.save(OUT / name)
    expected = [
        bal(None, "Abbey Print Co", "1650.00", "GBP"),
        bal(None, "Harrow & Sons", "3300.00", "GBP"),
        bal(None, "Old Mill Cafe", "1060.40", "GBP"),
    ]
    must_equal(name, total(expected) - D("120.00"), "5,890.40")
    write_expected(name, "Xero", "balances", "GBP", [], expected,
                   "Aged Receivables Summary .xlsx: four title rows, month buckets, a Total row "
                   "and a 'Percentage of total' row of percent strings that must not be read as "
                   "a customer; Meadow Vets is in credit (-120.00) and left out. No currency "
                   "written anywhere: a UK organisation, GBP.")


def make():
    sap_b1_aging()
    qbo_aging_detail_classic()
    qbo_open_invoices_modern()
    xero_invoices()
    xero_aged_receivables()
