"""Odoo Aged Receivable xlsx, SAP Business One aging (UTF-16 TSV named .xls), Sage 50 Aged Debtors CSV,
Stripe invoices CSV, Priority open invoices SpreadsheetML 2003 (.xls)."""
import csv
import datetime as dt
import io

import openpyxl
from openpyxl.styles import Font

from common import path, write_expected, inv, D, check_total


def us(iso):
    d = dt.date.fromisoformat(iso)
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


# ---------------------------------------------------------------------------
def odoo_aged():
    name = "odoo_aged_receivable.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Aged Receivable"
    hdr = ["", "Due Date", "Account", "Expected Date", "As of: 11/30/2026", "1 - 30", "31 - 60", "61 - 90",
           "91 - 120", "Older", "Total"]
    ws.append(hdr)
    for c in ws[1]:
        c.font = Font(bold=True)
    P = {"asof": 4, "1-30": 5, "31-60": 6, "61-90": 7, "91-120": 8, "older": 9}
    partners = [
        ("Ashdod Port Services Ltd", [("INV/2026/00188", "2026-09-25", "61-90", "14160.00"),
                                      ("RINV/2026/00012", "2026-11-05", "1-30", "-1180.00"),
                                      ("INV/2026/00231", "2026-11-20", "1-30", "5900.00")]),
        ("Bnei Brak Print Hub", [("INV/2026/00090", "2026-06-14", "older", "2950.00"),
                                 ("INV/2026/00244", "2026-12-25", "asof", "8850.00")]),
        ("Ofakim Agro", [("INV/2026/00205", "2026-10-15", "31-60", "3000.00")]),
    ]
    grand = [D(0)] * 7
    for pname, lines in partners:
        sums = [D(0)] * 7
        for (_, _, b, a) in lines:
            sums[P[b] - 4] += D(a)
            sums[6] += D(a)
        ws.append([pname, "", "", ""] + [float(x) if x else "" for x in sums])
        r = ws.max_row
        ws.cell(r, 1).font = Font(bold=True)
        for (mv, due, b, a) in lines:
            row = ["      " + mv, us(due), "121000 Account Receivable", ""] + [""] * 7
            row[P[b]] = float(a)
            ws.append(row)
        grand = [g + s for g, s in zip(grand, sums)]
    ws.append(["Total", "", "", ""] + [float(x) if x else "" for x in grand])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    for row in ws.iter_rows(min_row=2):
        for c in row[4:]:
            c.number_format = "#,##0.00 [$₪-40D];-#,##0.00 [$₪-40D]"
    assert grand == [D("8850.00"), D("4720.00"), D("3000.00"), D("14160.00"), D(0), D("2950.00"),
                     D("33680.00")], grand
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["C"].width = 26
    wb.save(path(name))
    exp = [
        inv("INV/2026/00188", "Ashdod Port Services Ltd", None, None, "2026-09-25", None, "14160.00"),
        inv("RINV/2026/00012", "Ashdod Port Services Ltd", None, None, "2026-11-05", None, "-1180.00"),
        inv("INV/2026/00231", "Ashdod Port Services Ltd", None, None, "2026-11-20", None, "5900.00"),
        inv("INV/2026/00090", "Bnei Brak Print Hub", None, None, "2026-06-14", None, "2950.00"),
        inv("INV/2026/00244", "Bnei Brak Print Hub", None, None, "2026-12-25", None, "8850.00"),
        inv("INV/2026/00205", "Ofakim Agro", None, None, "2026-10-15", None, "3000.00"),
    ]
    check_total(name, exp, "33680.00")
    write_expected(name, "Odoo (Enterprise accounting, v15-style Aged Receivable)",
                   "Odoo account_reports/models/account_aged_partner_balance.py (public copies; v15 "
                   "ReportAccountAgedPartner: columns Due Date, Account, Expected Date, 'As of: <date>', 1 - 30 … "
                   "Older, Total; partner hierarchy lines; Total column blanked on move lines; final Total line)",
                   "invoices",
                   "Hierarchical export: each partner line carries the SUMS of its invoices (and no Due Date), "
                   "followed by indented move lines (INV/2026/00188, credit note RINV/2026/00012). On move lines "
                   "the Total column is empty — each open amount sits only in its period column ('As of' = not yet "
                   "due). Final 'Total' line. Amounts are numbers with a ₪ number format; dates are TEXT in the "
                   "user's en_US format (MM/DD/YYYY). The report has no invoice date and no original amount (only "
                   "what is still open), so issue_date and amount are null.",
                   invoices=exp)


# ---------------------------------------------------------------------------
def sap_b1():
    name = "sap_b1_customer_aging.xls"

    def ils(x):
        v = D(x)
        return f"(ILS {-v:,.2f})" if v < 0 else f"ILS {v:,.2f}"

    cols = ["#", "BP Code", "BP Name", "Type", "Doc. No.", "Installment", "BP Ref. No.", "Posting Date",
            "Due Date", "Days Overdue", "Original Amount", "Balance Due", "Future Remit", "0-30", "31-60", "61-90",
            "91-120", "120+"]
    B = {"future": 12, "0-30": 13, "31-60": 14, "61-90": 15, "91-120": 16, "120+": 17}
    lines = [["Customer Receivables Aging"], ["Aging Date\t30.11.26"], ["Age By\tDue Date"],
             ["Currency\tLocal Currency"], [], cols]
    customers = [
        ("C20001", "Eilat Marine Supplies Ltd", [
            ("IN", "30045", "1 of 2", "PO-8831", "15.08.26", "14.09.26", 77, "5850.00", "5850.00", "61-90"),
            ("IN", "30045", "2 of 2", "PO-8831", "15.08.26", "14.10.26", 47, "5850.00", "5850.00", "31-60"),
            ("CN", "4012", "1 of 1", "", "02.10.26", "02.10.26", 59, "-585.00", "-585.00", "31-60"),
        ]),
        ("C20007", "Kiryat Gat Plastics", [
            ("IN", "30061", "1 of 1", "KGP-2207", "03.09.26", "03.10.26", 58, "23400.00", "13400.00", "31-60"),
            ("IN", "30102", "1 of 1", "KGP-2291", "20.11.26", "20.12.26", -20, "4680.00", "4680.00", "future"),
        ]),
    ]
    n = 0
    grand = D(0)
    gb = {k: D(0) for k in B}
    for code, nm, docs in customers:
        n += 1
        tot = sum(D(d[8]) for d in docs)
        bk = {k: D(0) for k in B}
        for d in docs:
            bk[d[9]] += D(d[8])
        row = [str(n), code, nm, "", "", "", "", "", "", "", "", ils(tot)] + \
              [ils(bk[k]) if bk[k] else "" for k in B]
        lines.append(row)
        for (typ, no, inst, ref, post, due, days, orig, balv, b) in docs:
            row = ["", "", "", typ, no, inst, ref, post, due, str(days), ils(orig), ils(balv)] + [""] * 6
            row[B[b]] = ils(balv)
            lines.append(row)
        grand += tot
        for k in B:
            gb[k] += bk[k]
    lines.append(["", "", "Total", "", "", "", "", "", "", "", "", ils(grand)] +
                 [ils(gb[k]) if gb[k] else "" for k in B])
    assert grand == D("29195.00")
    text = "\r\n".join("\t".join(r) for r in lines) + "\r\n"
    with open(path(name), "wb") as f:
        f.write(text.encode("utf-16"))  # UTF-16 LE with BOM, as Excel's 'Unicode Text'
    exp = [
        inv("30045", "Eilat Marine Supplies Ltd", "C20001", "2026-08-15", None, "11700.00", "11700.00"),
        inv("4012", "Eilat Marine Supplies Ltd", "C20001", "2026-10-02", "2026-10-02", "-585.00", "-585.00"),
        inv("30061", "Kiryat Gat Plastics", "C20007", "2026-09-03", "2026-10-03", "23400.00", "13400.00"),
        inv("30102", "Kiryat Gat Plastics", "C20007", "2026-11-20", "2026-12-20", "4680.00", "4680.00"),
    ]
    check_total(name, exp, "29195.00")
    write_expected(name, "SAP Business One",
                   "help.sap.com SAP Business One 'Customer Receivables Aging Report' (sbo92/sbo882: Type, "
                   "Installment No. — each installment its own row, BP Ref. No., Original Amount, Balance Due, brackets "
                   "for credits, Future Remit, 0-30/31-60/61-90/91-120/120+ intervals, customer code/name/total) and "
                   "sbohub.com KB; the exported grid's exact column captions and the UTF-16 text container are my "
                   "reconstruction (confidence low-medium)",
                   "invoices",
                   "UTF-16 LE tab-separated text with a .xls name. Four title lines, blank line, header. Each "
                   "customer row carries the customer code, name and the customer's TOTALS (not an invoice); its "
                   "documents follow. Money as 'ILS 5,850.00', credit memo '(ILS 585.00)'; dates dd.mm.yy. Invoice "
                   "30045 has two installments on two rows (same Doc. No.) — one invoice: amount and balance are "
                   "the sum of both rows, and there is no single due date (null). 30061 is partly paid; 30102 is "
                   "not yet due (Future Remit, negative days).",
                   invoices=exp)


# ---------------------------------------------------------------------------
def sage50():
    name = "sage50_aged_debtors_detailed.csv"
    rows = [
        ["Date: 01/12/2026", "", "", "Highland Dental Supplies Ltd", "", "", "", "", "", "", "", "Page: 1"],
        ["Time: 09:41:12", "", "", "Aged Debtors Analysis (Detailed)", "", "", "", "", "", "", "", ""],
        [],
        ["Date From:", "01/01/1980", "", "", "", "", "", "", "Customer From:", "", "", ""],
        ["Date To:", "30/11/2026", "", "", "", "", "", "", "Customer To:", "ZZZZZZZZ", "", ""],
        ["Include future transactions: No"],
        ["Exclude later payments: No"],
        ["** NOTE: All report values are shown in Base Currency, unless otherwise indicated **"],
        [],
        ["No", "Type", "Date", "Ref", "Details", "Balance", "Future", "Current", "Period 1", "Period 2",
         "Period 3", "Older"],
    ]
    cols = {"cur": 7, "p1": 8, "p2": 9, "p3": 10, "old": 11}
    custs = [
        ("ABE001", "Aberdeen Smiles", "Fiona Grant", "01224 555012", "5,000.00", "3,400.00", [
            ("2211", "SI", "15/09/2026", "INV1043", "Dental chairs service", "1250.00", "p2"),
            ("2356", "SI", "22/10/2026", "INV1077", "Autoclave parts", "960.00", "p1"),
            ("2390", "SC", "05/11/2026", "CRN1102", "Returned handpiece", "-120.00", "cur"),
        ]),
        ("BRI002", "Bristol Orthodontics LLP", "Sam Patel", "0117 496 0331", "10,000.00", "8,250.00", [
            ("1987", "SI", "28/07/2026", "INV0998", "Imaging unit install", "1800.00", "old"),
            ("2421", "SI", "27/11/2026", "INV1120", "Consumables November", "2400.00", "cur"),
        ]),
    ]
    g = [D(0)] * 7
    for ac, nm, contact, tel, limit, turnover, tx in custs:
        rows.append([f"A/C: {ac}", f"Name: {nm}", "", f"Contact: {contact}", "", "", f"Tel: {tel}"])
        t = [D(0)] * 7
        for (no, typ, date, ref, det, b, per) in tx:
            r = [no, typ, date, ref, det, f"{D(b):,.2f}", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"]
            r[cols[per]] = f"{D(b):,.2f}"
            rows.append(r)
            t[0] += D(b)
            t[cols[per] - 5] += D(b)
        rows.append(["", "", "", "", "Totals:"] + [f"{x:,.2f}" for x in t])
        rows.append(["", "", "", "", "Turnover:", turnover])
        rows.append(["", "", "", "", "Credit Limit £", limit])
        rows.append([])
        g = [a + b for a, b in zip(g, t)]
    rows.append(["", "", "", "", "Grand Totals:"] + [f"{x:,.2f}" for x in g])
    rows.append([])
    rows.append(["", "", "", "", "", "", "", "", "", "", "", "End of Report"])
    assert g == [D("6290.00"), D(0), D("2280.00"), D("960.00"), D("1250.00"), D(0), D("1800.00")], g
    with open(path(name), "w", encoding="cp1252", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    G = "GBP"
    exp = [
        inv("INV1043", "Aberdeen Smiles", "ABE001", "2026-09-15", None, None, "1250.00", G),
        inv("INV1077", "Aberdeen Smiles", "ABE001", "2026-10-22", None, None, "960.00", G),
        inv("CRN1102", "Aberdeen Smiles", "ABE001", "2026-11-05", None, None, "-120.00", G),
        inv("INV0998", "Bristol Orthodontics LLP", "BRI002", "2026-07-28", None, None, "1800.00", G),
        inv("INV1120", "Bristol Orthodontics LLP", "BRI002", "2026-11-27", None, None, "2400.00", G),
    ]
    check_total(name, exp, "6290.00")
    write_expected(name, "Sage 50 Accounts (UK)",
                   "description of Sage 50 'Aged Debtors Analysis (Detailed)' (smallbusinessblogupdate.blogspot.com, "
                   "2012: sectioned by customer with A/C, contact and telephone title line; columns No, Type, Date, Ref, "
                   "Details, Balance, Future, Current, Period 1-3, Older; Turnover and credit limit lines; grand "
                   "totals); report header lines are my reconstruction (confidence medium)",
                   "invoices",
                   "Windows-1252 CSV of a printed report: page header lines (date, time, company, 'Page: 1'), "
                   "criteria lines, a Base Currency note, then one section per customer starting 'A/C: ABE001', "
                   "'Name: …'. 'No' is Sage's audit-trail number — the invoice number is 'Ref' (INV1043). SC = sales "
                   "credit (negative). Per-customer 'Totals:', 'Turnover:' (not a balance!) and 'Credit Limit £' "
                   "lines; 'Grand Totals:'; 'End of Report'. Balance is the outstanding amount; no invoice total and "
                   "no due date in the report. dd/mm/yyyy. The currency is pounds: 'Credit Limit £' and the Base "
                   "Currency note of a UK Sage 50 company.",
                   invoices=exp, currency_default="GBP")


# ---------------------------------------------------------------------------
def stripe():
    name = "stripe_invoices.csv"
    hdr = ["id", "Number", "Customer", "Customer Name", "Customer Email", "Currency", "Subtotal", "Tax", "Total",
           "Amount Due", "Amount Paid", "Amount Remaining", "Status", "Billing", "Date (UTC)", "Due Date (UTC)",
           "Finalized At (UTC)", "Paid At (UTC)", "Subscription", "Description"]
    rows = [
        ["in_1Qx7Rk2eZvKYlo2CqA1B2C3D", "8F3C21A0-0004", "cus_QxA1b2C3d4E5f6", "Ramon Crater Tours",
         "office@ramontours.co.il", "ils", "1000.00", "180.00", "1180.00", "1180.00", "0.00", "1180.00", "open",
         "send_invoice", "2026-09-14 10:02:11", "2026-10-14 10:02:11", "2026-09-14 10:05:40", "", "",
         "Desert jeep tour - group booking deposit"],
        ["in_1Qy9Tm2eZvKYlo2CbB4C5D6E", "8F3C21A0-0005", "cus_QyB7c8D9e0F1g2", "Mitzpe Coffee",
         "hello@mitzpecoffee.com", "usd", "450.00", "0.00", "450.00", "450.00", "450.00", "0.00", "paid",
         "send_invoice", "2026-09-30 14:20:00", "2026-10-30 14:20:00", "2026-09-30 14:21:09",
         "2026-10-03 07:44:52", "", "Wholesale beans"],
        ["in_1R0aUn2eZvKYlo2CcC7D8E9F", "", "cus_QxA1b2C3d4E5f6", "Ramon Crater Tours", "office@ramontours.co.il",
         "ils", "800.00", "144.00", "944.00", "944.00", "0.00", "944.00", "draft", "send_invoice",
         "2026-11-02 09:00:00", "", "", "", "", "Draft - stargazing night"],
        ["in_1R1bVo2eZvKYlo2CdD1E2F3G", "8F3C21A0-0007", "cus_QxA1b2C3d4E5f6", "Ramon Crater Tours",
         "office@ramontours.co.il", "ils", "2000.00", "360.00", "2360.00", "2360.00", "0.00", "2360.00", "open",
         "send_invoice", "2026-10-21 12:30:45", "2026-11-20 12:30:45", "2026-10-21 12:31:02", "", "",
         "Corporate retreat - transport"],
        ["in_1R2cWp2eZvKYlo2CeE4F5G6H", "8F3C21A0-0008", "cus_QzC3d4E5f6G7h8", "Arava Solar Co-op",
         "pay@aravasolar.org", "ils", "5000.00", "900.00", "5900.00", "5900.00", "0.00", "0.00", "void",
         "send_invoice", "2026-10-25 08:10:00", "2026-11-24 08:10:00", "2026-10-25 08:10:30", "", "",
         "Issued in error"],
        ["in_1R3dXq2eZvKYlo2CfF7G8H9I", "8F3C21A0-0009", "cus_R0D5e6F7g8H9i0", "Negev Cycling Club",
         "treasurer@negevcycling.org", "usd", "99.00", "0.00", "99.00", "99.00", "0.00", "99.00", "open",
         "charge_automatically", "2026-11-15 00:04:12", "", "2026-11-15 01:04:30", "", "sub_1Pq2Rs3Tu4Vw5Xy",
         "Club plan - monthly"],
    ]
    with open(path(name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(hdr)
        w.writerows(rows)
    exp = [
        inv("8F3C21A0-0004", "Ramon Crater Tours", "cus_QxA1b2C3d4E5f6", "2026-09-14", "2026-10-14", "1180.00",
            "1180.00"),
        inv("8F3C21A0-0007", "Ramon Crater Tours", "cus_QxA1b2C3d4E5f6", "2026-10-21", "2026-11-20", "2360.00",
            "2360.00"),
        inv("8F3C21A0-0009", "Negev Cycling Club", "cus_R0D5e6F7g8H9i0", "2026-11-15", None, "99.00", "99.00",
            "USD"),
    ]
    write_expected(name, "Stripe",
                   "Stripe invoice object fields (number, customer, customer_name, customer_email, currency, "
                   "amount_due, amount_paid, amount_remaining, status draft/open/paid/void/uncollectible, "
                   "collection_method, due_date) as exposed by Stripe table schemas (e.g. a public Steampipe "
                   "stripe_invoice doc) and dashboard export conventions ('(UTC)' timestamp columns); the exact "
                   "dashboard CSV column captions are from memory — confidence low-medium",
                   "invoices",
                   "Stripe-style invoice export: lower-case ISO currency per row ('ils', 'usd'), UTC timestamps "
                   "'2026-09-14 10:02:11' (the date part is the issue/due date), the Stripe object id ('in_…') in "
                   "the first column while the human invoice number is 'Number' (empty on the draft). Owed = status "
                   "open with Amount Remaining; paid, draft and void are not (the void still shows Amount Due 5900). "
                   "An auto-charged subscription invoice has no due date. 'Customer' holds the cus_… id.",
                   invoices=exp)


# ---------------------------------------------------------------------------
def priority_xml():
    name = "priority_open_invoices.xls"
    rows = [
        ("IN26000123", "2026-09-10", "2026-10-10", "100234", 'מלונות ים המלח בע"מ', 35100.00, 'ש"ח', 35100.00),
        ("IN26000131", "2026-09-25", "2026-10-25", "100234", 'מלונות ים המלח בע"מ', 8775.00, 'ש"ח', 4775.00),
        ("CR26000007", "2026-10-05", "2026-10-05", "100234", 'מלונות ים המלח בע"מ', -2340.00, 'ש"ח', -2340.00),
        ("IN26000150", "2026-10-18", "2026-11-17", "100411", "Dynamo Sports GmbH", 12000.00, "$", 12000.00),
        ("IN26000166", "2026-11-12", "2026-12-31", "100502", "עיריית אילת", 58500.00, 'ש"ח', 58500.00),
    ]
    hdr = ["חשבונית", "תאריך", "ת. פרעון", "מס' לקוח", "שם לקוח", "סכום", "מטבע", "יתרה לתשלום"]

    def s(v):
        return (str(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))

    def cell(v, style=None, typ=None):
        st = f' ss:StyleID="{style}"' if style else ""
        if typ == "date":
            return f'<Cell{st}><Data ss:Type="DateTime">{v}T00:00:00.000</Data></Cell>'
        if isinstance(v, (int, float)):
            return f'<Cell{st}><Data ss:Type="Number">{v}</Data></Cell>'
        return f'<Cell{st}><Data ss:Type="String">{s(v)}</Data></Cell>'

    x = ['<?xml version="1.0" encoding="UTF-8"?>', '<?mso-application progid="Excel.Sheet"?>',
         '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"',
         ' xmlns:o="urn:schemas-microsoft-com:office:office"',
         ' xmlns:x="urn:schemas-microsoft-com:office:excel"',
         ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"',
         ' xmlns:html="http://www.w3.org/TR/REC-html40">',
         '<Styles>',
         '<Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Bottom" ss:ReadingOrder="RightToLeft"/>'
         '<Font ss:FontName="Arial"/></Style>',
         '<Style ss:ID="title"><Font ss:FontName="Arial" ss:Size="12" ss:Bold="1"/></Style>',
         '<Style ss:ID="hdr"><Font ss:FontName="Arial" ss:Bold="1"/><Interior ss:Color="#C0C0C0" '
         'ss:Pattern="Solid"/></Style>',
         '<Style ss:ID="date"><NumberFormat ss:Format="dd/mm/yy"/></Style>',
         '<Style ss:ID="num"><NumberFormat ss:Format="#,##0.00"/></Style>',
         '<Style ss:ID="tot"><Font ss:FontName="Arial" ss:Bold="1"/><NumberFormat ss:Format="#,##0.00"/></Style>',
         '</Styles>',
         '<Worksheet ss:Name="חשבוניות פתוחות">', '<Table>']
    x.append('<Row>' + cell("חשבוניות לקוח פתוחות - כל הלקוחות", "title") + '</Row>')
    x.append('<Row>' + cell('הופק ע"י: דנה  02/12/26  10:15') + '</Row>')
    x.append('<Row/>')
    x.append('<Row>' + "".join(cell(h, "hdr") for h in hdr) + '</Row>')
    for (n, d1, d2, cid, cn, amt, cur, balv) in rows:
        x.append('<Row>' + cell(n) + cell(d1, "date", "date") + cell(d2, "date", "date") + cell(cid) + cell(cn)
                 + cell(amt, "num") + cell(cur) + cell(balv, "num") + '</Row>')
    x.append('<Row/>')
    x.append('<Row>' + cell('סה"כ ש"ח', "tot") + '<Cell ss:Index="8" ss:StyleID="tot"><Data ss:Type="Number">'
             '96035</Data></Cell></Row>')
    x.append('<Row>' + cell('סה"כ $', "tot") + '<Cell ss:Index="8" ss:StyleID="tot"><Data ss:Type="Number">'
             '12000</Data></Cell></Row>')
    x += ['</Table>',
          '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><DisplayRightToLeft/>'
          '<Selected/></WorksheetOptions>',
          '</Worksheet>', '</Workbook>']
    with open(path(name), "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(x) + "\r\n")
    exp = [
        inv("IN26000123", 'מלונות ים המלח בע"מ', "100234", "2026-09-10", "2026-10-10", "35100.00", "35100.00"),
        inv("IN26000131", 'מלונות ים המלח בע"מ', "100234", "2026-09-25", "2026-10-25", "8775.00", "4775.00"),
        inv("CR26000007", 'מלונות ים המלח בע"מ', "100234", "2026-10-05", "2026-10-05", "-2340.00", "-2340.00"),
        inv("IN26000150", "Dynamo Sports GmbH", "100411", "2026-10-18", "2026-11-17", "12000.00", "12000.00", "USD"),
        inv("IN26000166", "עיריית אילת", "100502", "2026-11-12", "2026-12-31", "58500.00", "58500.00"),
    ]
    check_total(name, exp, "96035.00", currency="ILS")
    check_total(name, exp, "12000.00", currency="USD")
    write_expected(name, "Priority",
                   "Priority open-invoice fields known from its API (IVNUM, IVDATE, CUSTNAME, CUSTDES, IVBALANCE with "
                   "credits negative — team notes); the Hebrew column captions and the SpreadsheetML container are my "
                   "reconstruction (confidence low); SpreadsheetML-as-.xls facts from hhurz/tableExport.jquery.plugin "
                   "issue #212",
                   "invoices",
                   "SpreadsheetML 2003 XML with a .xls name (UTF-8, RTL worksheet option). Title and 'הופק ע\"י' "
                   "rows, blank row, header. Dates are typed DateTime cells, numbers typed Number. Two currencies in "
                   "one column 'מטבע' — 'ש\"ח' and '$' — with a total row per currency at the end (ss:Index skips to "
                   "column 8). One invoice partly paid (סכום ≠ יתרה לתשלום), one credit invoice negative.",
                   invoices=exp)


if __name__ == "__main__":
    odoo_aged()
    sap_b1()
    sage50()
    stripe()
    priority_xml()
    print("erp done")
