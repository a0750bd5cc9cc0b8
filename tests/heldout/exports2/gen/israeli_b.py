"""iCount, EZcount, Invoice4U, Sumit, Priority, and the two held files."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from common import (D, NBSP, OUT, bal, inv, must_equal, total, write_bytes,
                    write_csv, write_expected)


# 6 ---------------------------------------------------------------- iCount
def icount_open_documents():
    name = "icount_open_docs.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "מסמכים פתוחים"
    ws.sheet_view.rightToLeft = True
    ws.append(["דוח מסמכים פתוחים - מתן אולפני הקלטה"])
    ws.append(["הופק בתאריך 01/12/2026 ע\"י iCount"])
    ws.append([])
    ws.append(["מס' מסמך", "סוג מסמך", "תאריך", "לקוח", "ח.פ / ת.ז", "לתשלום עד",
               "סה\"כ", "שולם", "יתרה", "מטבע"])
    d = dt.date
    rows = [
        [30112, "חשבונית מס", d(2026, 9, 10), "טכנו-גל בע\"מ", "515555551", "10.10.2026",
         7020, 0, 7020, "₪"],
        [30118, "חשבונית מס", d(2026, 9, 24), "טכנו-גל בע\"מ", "515555551", "24.10.2026",
         2400, 1200, 1200, "$"],
        [30125, "חשבונית מס", d(2026, 10, 8), "דנה שרון - יעוץ", "034567891", "07.11.2026",
         1638, 0, 1638, "₪"],
        [30131, "חשבונית מס", d(2026, 10, 29), "Meyer GmbH", "", "28.11.2026",
         3100, 0, 3100, "€"],
        [30133, "חשבונית זיכוי", d(2026, 11, 3), "דנה שרון - יעוץ", "034567891", "",
         -234, 0, -234, "₪"],
    ]
    for r in rows:
        ws.append(r)
        ws.cell(ws.max_row, 3).number_format = "dd/mm/yyyy"
    ws.append([])
    ws.append([None, "סה\"כ ₪", None, None, None, None, 8424, 0, 8424, "₪"])
    ws.append([None, "סה\"כ $", None, None, None, None, 2400, 1200, 1200, "$"])
    ws.append([None, "סה\"כ €", None, None, None, None, 3100, 0, 3100, "€"])
    wb.save(OUT / name)
    expected = [
        inv("30112", "טכנו-גל בע\"מ", "2026-09-10", "2026-10-10", "7020.00", "7020.00", "ILS"),
        inv("30118", "טכנו-גל בע\"מ", "2026-09-24", "2026-10-24", "2400.00", "1200.00", "USD"),
        inv("30125", "דנה שרון - יעוץ", "2026-10-08", "2026-11-07", "1638.00", "1638.00", "ILS"),
        inv("30131", "Meyer GmbH", "2026-10-29", "2026-11-28", "3100.00", "3100.00", "EUR"),
        inv("30133", "דנה שרון - יעוץ", "2026-11-03", None, "-234.00", "-234.00", "ILS"),
    ]
    must_equal(name + " ILS", total(expected, "ILS"), "8424")
    must_equal(name + " USD", total(expected, "USD"), "1200")
    must_equal(name + " EUR", total(expected, "EUR"), "3100")
    write_expected(name, "iCount", "invoices", "ILS", expected, [],
                   "Column names beyond 'לתשלום עד' are our reconstruction. One customer owes in "
                   "ILS and USD; currency only as ₪/$/€ symbols; the issue date is a real date "
                   "cell while the due date is 'dd.mm.yyyy' text; per-currency totals at the "
                   "bottom must not be summed into one figure; a partial payment; an open credit "
                   "note without a due date.")


# 7 ---------------------------------------------------------------- EZcount
def ezcount_documents():
    name = "ezcount_documents.csv"
    rows = [
        ["מספר מסמך", "סוג מסמך", "תאריך הפקה", "שם הלקוח", "אימייל", "תנאי תשלום",
         "תאריך לתשלום", "סכום לפני מע\"מ", "מע\"מ", "סכום כולל", "שולם", "סטטוס"],
        ["20501", "חשבונית מס", "14.09.2026", "פלאפל הנביאים", "falafel@example.co.il",
         "שוטף+30", "", "1000.00", "180.00", "1180.00", "0.00", "לא שולם"],
        ["20502", "חשבונית מס", "05.10.2026", "נגרות עוז", "oz.wood@example.co.il",
         "שוטף+60", "", "4500.00", "810.00", "5310.00", "2000.00", "שולם חלקית"],
        ["20503", "חשבונית מס", "20.10.2026", "אביטל כהן", "avital@example.com",
         "+30", "", "300.00", "54.00", "354.00", "0.00", "לא שולם"],
        ["20504", "חשבונית מס", "22.10.2026", "מאיה פלדמן", "maya.f@example.com",
         "שוטף+30", "30.11.2026", "2000.00", "360.00", "2360.00", "2360.00", "שולם"],
        ["20505", "חשבונית מס", "01.11.2026", "פלאפל הנביאים", "falafel@example.co.il",
         "", "15.11.2026", "750.00", "135.00", "885.00", "0.00", "לא שולם"],
        ["20506", "חשבונית מס", "03.11.2026", "נגרות עוז", "oz.wood@example.co.il",
         "שוטף+30", "", "1000.00", "180.00", "1180.00", "0.00", "מבוטל"],
    ]
    write_csv(name, rows, encoding="utf-8", sep=";", newline="\n")
    expected = [
        inv("20501", "פלאפל הנביאים", "2026-09-14", "2026-10-30", "1180.00", "1180.00", "ILS"),
        inv("20502", "נגרות עוז", "2026-10-05", "2026-12-30", "5310.00", "3310.00", "ILS"),
        inv("20503", "אביטל כהן", "2026-10-20", "2026-11-19", "354.00", "354.00", "ILS"),
        inv("20505", "פלאפל הנביאים", "2026-11-01", "2026-11-15", "885.00", "885.00", "ILS"),
    ]
    open_rows = [r for r in rows[1:] if r[11] in ("לא שולם", "שולם חלקית")]
    must_equal(name, total(expected), str(sum(D(r[9]) - D(r[10]) for r in open_rows)))
    write_expected(name, "EZcount", "invoices", "ILS", expected, [],
                   "Column names are our reconstruction (layout not public). Semicolon CSV, "
                   "UTF-8 without BOM, LF line ends, dd.mm.yyyy. No balance column: balance = "
                   "total minus paid. Due dates blank on three rows and fixed by the terms: "
                   "שוטף+30 from 14.09 = end of September + 30 = 2026-10-30; שוטף+60 from 05.10 "
                   "= 31.10 + 60 = 2026-12-30; plain '+30' from 20.10 = 2026-11-19. Paid and "
                   "cancelled rows left out.")


# 8 ---------------------------------------------------------------- Invoice4U (HTML as .xls)
def invoice4u_open_accounts():
    name = "invoice4u_open_accounts.xls"
    head = ["מספר מסמך", "סוג מסמך", "תאריך", "שם לקוח", "דוא\"ל", "סכום", "שולם", "יתרה",
            "תאריך פירעון"]
    rows = [
        ["7781", "חשבונית מס", "01/10/2026", "קליניקת ד\"ר אבני", "clinic@avni.example",
         "3,510.00 ₪", "0.00 ₪", "3,510.00 ₪", "31/10/2026"],
        ["7790", "חשבון עסקה", "12/10/2026", "יוסי מזרחי - שיפוצים", "yossi.m@example.com",
         "4,000.00 ₪", "0.00 ₪", "4,000.00 ₪", "12/11/2026"],
        ["7795", "חשבונית מס", "13/10/2026", "קליניקת ד\"ר אבני", "clinic@avni.example",
         "1,755.00 ₪", "1,000.00 ₪", "755.00 ₪", "12/11/2026"],
        ["7802", "חשבונית מס", "02/11/2026", "Orbit Labs", "finance@orbitlabs.example",
         "$2,200.00", "$0.00", "$2,200.00", "02/12/2026"],
    ]

    def tr(cells, tag="td"):
        return "<tr>" + "".join(f"<{tag}>{c if c else '&nbsp;'}</{tag}>" for c in cells) + "</tr>"

    html = [
        '<html dir="rtl"><head><meta http-equiv="Content-Type" '
        'content="text/html; charset=windows-1255"></head><body>',
        "<table border=\"1\">",
        '<tr><td colspan="9"><b>דוח חשבונות פתוחים</b></td></tr>',
        '<tr><td colspan="9">לקוחות: הכל&nbsp;&nbsp;טווח תאריכים: 01/01/2026 - 30/11/2026</td></tr>',
        tr(head, "th"),
    ]
    html += [tr(r) for r in rows]
    html.append(tr(["", "", "", "סה\"כ ₪", "", "9,265.00 ₪", "1,000.00 ₪", "8,265.00 ₪", ""]))
    html.append(tr(["", "", "", "סה\"כ $", "", "$2,200.00", "$0.00", "$2,200.00", ""]))
    html.append("</table></body></html>")
    write_bytes(name, "\r\n".join(html).encode("cp1255"))
    expected = [
        inv("7781", "קליניקת ד\"ר אבני", "2026-10-01", "2026-10-31", "3510.00", "3510.00", "ILS"),
        inv("7790", "יוסי מזרחי - שיפוצים", "2026-10-12", "2026-11-12", "4000.00", "4000.00",
            "ILS"),
        inv("7795", "קליניקת ד\"ר אבני", "2026-10-13", "2026-11-12", "1755.00", "755.00", "ILS"),
        inv("7802", "Orbit Labs", "2026-11-02", "2026-12-02", "2200.00", "2200.00", "USD"),
    ]
    must_equal(name + " ILS", total(expected, "ILS"), "8,265.00")
    must_equal(name + " USD", total(expected, "USD"), "2,200.00")
    write_expected(name, "Invoice4U", "invoices", "ILS", expected, [],
                   "HTML table saved as .xls in Windows-1255 (declared in a meta tag), dir=rtl, "
                   "two title rows inside the table, &nbsp; for empty cells, amounts as text with "
                   "'₪' after or '$' before. Invoice4U's open-accounts report covers tax invoices "
                   "and חשבונות עסקה (payment demands); the open חשבון עסקה 7790 is owed and kept. "
                   "Two per-currency total rows.")


# 9 ---------------------------------------------------------------- Sumit (.ods)
def sumit_customer_balances():
    name = "sumit_customer_balances.ods"
    doc = OpenDocumentSpreadsheet()
    table = Table(name="יתרות לקוחות")

    def row(cells):
        tr = TableRow()
        for c in cells:
            if isinstance(c, (int, float, Decimal)):
                cell = TableCell(valuetype="float", value=str(c))
                cell.addElement(P(text=f"{Decimal(str(c)):,.2f}"))
            elif c is None:
                cell = TableCell()
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=c))
            tr.addElement(cell)
        table.addElement(tr)

    row(["דוח יתרות לקוחות - נכון ל-30/11/2026"])
    row([])
    row(["מספר לקוח", "שם לקוח", "דוא\"ל", "חובה", "זכות", "יתרה"])
    row([1001, "הדר אירועים", "hadar@events.example", 14040.00, 9360.00, 4680.00])
    row([1002, "עינת גרפיקה", "einat@graphic.example", 2925.00, 2925.00, 0.00])
    row([1003, "מעבדות צפון", "lab@north.example", 8775.00, 0.00, 8775.00])
    row([1004, "רז שירותי מחשוב", "raz@it.example", 1170.00, 1500.00, -330.00])
    row([1005, "בית הקפה של תמר", "tamar.cafe@example.com", 3276.00, 1000.00, 2276.00])
    row([None, "סה\"כ", None, 30186.00, 14785.00, 15401.00])
    doc.spreadsheet.addElement(table)
    doc.save(str(OUT / name))
    expected = [
        bal("1001", "הדר אירועים", "4680.00", "ILS"),
        bal("1003", "מעבדות צפון", "8775.00", "ILS"),
        bal("1005", "בית הקפה של תמר", "2276.00", "ILS"),
    ]
    must_equal(name, total(expected) - D("330.00"), "15401.00")
    write_expected(name, "Sumit", "balances", "ILS", [], expected,
                   "Customer balances re-saved as .ods (column names our reconstruction). "
                   "Separate חובה/זכות columns and a signed יתרה; a zero customer (1002) and a "
                   "customer in credit (1004) are left out; a total row.")


# 10 --------------------------------------------------------------- Priority (UTF-16 text .xls)
def priority_open_invoices():
    name = "priority_open_invoices.xls"
    rows = [
        ["חשבוניות פתוחות - לקוחות"],
        ["תאריך: 30/11/26"],
        [],
        ["לקוח", "שם לקוח", "חשבונית", "סוג", "ת. חשבונית", "ת. פרעון", "סכום", "מטבע",
         "יתרה לתשלום"],
        ["C1020", "א.ש. חלקי חילוף", "IN26000145", "חשבונית מרכזת", "06/09/26", "31/10/26",
         "23,400.00", "ש\"ח", "23,400.00"],
        ["C1020", "א.ש. חלקי חילוף", "IN26000162", "חשבונית מרכזת", "22/09/26", "30/11/26",
         "11,700.00", "ש\"ח", "6,700.00"],
        ["C1033", "קבוצת רימון", "IN26000170", "חשבונית מס", "01/10/26", "30/11/26",
         "4,680.00", "ש\"ח", "4,680.00"],
        ["C1033", "קבוצת רימון", "CN26000008", "חשבונית זיכוי", "15/10/26", "15/10/26",
         "-1,170.00", "ש\"ח", "-1,170.00"],
        ["C1041", "Delta Foods Ltd", "IN26000181", "חשבונית מס", "20/10/26", "19/11/26",
         "8,000.00", "$", "8,000.00"],
        [],
        ["", "סה\"כ ש\"ח", "", "", "", "", "", "ש\"ח", "33,610.00"],
        ["", "סה\"כ $", "", "", "", "", "", "$", "8,000.00"],
    ]
    text = "\r\n".join("\t".join(r) for r in rows) + "\r\n"
    write_bytes(name, text.encode("utf-16"))  # BOM + little endian
    expected = [
        inv("IN26000145", "א.ש. חלקי חילוף", "2026-09-06", "2026-10-31", "23400.00", "23400.00",
            "ILS"),
        inv("IN26000162", "א.ש. חלקי חילוף", "2026-09-22", "2026-11-30", "11700.00", "6700.00",
            "ILS"),
        inv("IN26000170", "קבוצת רימון", "2026-10-01", "2026-11-30", "4680.00", "4680.00", "ILS"),
        inv("CN26000008", "קבוצת רימון", "2026-10-15", "2026-10-15", "-1170.00", "-1170.00",
            "ILS"),
        inv("IN26000181", "Delta Foods Ltd", "2026-10-20", "2026-11-19", "8000.00", "8000.00",
            "USD"),
    ]
    must_equal(name + " ILS", total(expected, "ILS"), "33,610.00")
    must_equal(name + " USD", total(expected, "USD"), "8,000.00")
    write_expected(name, "Priority", "invoices", "ILS", expected, [],
                   "Tab-separated UTF-16 (with BOM) text saved as .xls, as older Priority "
                   "'export to Excel' produces; Hebrew headers (our reconstruction of the "
                   "report's labels); currency written 'ש\"ח' or '$'; dd/mm/yy (22/09/26 proves "
                   "day first); a partial payment; a credit invoice with a negative balance; "
                   "per-currency totals.")


# 23 --------------------------------------------------------------- held: no header row
def held_headerless_continuation():
    name = "held_report_page2_no_header.xls"
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    ws.cols_right_to_left = True
    rows = [
        ("30077", "אחים ברגר", "14/10/26", "4,680.00", "1,170.00"),
        ("30078", "מגדלי הים", "21/10/26", "2,000.00", "5,850.00"),
        ("30081", "נחשון תקשורת", "02/11/26", "", "3,510.00"),
        ("30084", "פרחי השרון", "09/11/26", "936.00", ""),
        ("", "", "", "7,616.00", "10,530.00"),
    ]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    wb.save(str(OUT / name))
    write_expected(name, "unknown (Hashavshevet or Priority style)", "held", "ILS", [], [],
                   "A continuation page saved on its own: no title, no header row, nothing "
                   "names the report. Each row has an account, a name, a date and two unlabeled "
                   "amounts. They are not (total, open balance) in either order — each column "
                   "is sometimes the larger — and reading them as (debit, credit) or as (credit, "
                   "debit) is equally plausible: the same figures could mean 'owes 3,510' or 'has paid 3,510'. Nothing in the "
                   "file settles which column is owed, so importing anything would be a guess; "
                   "a person must say which report this is.")


# 24 --------------------------------------------------------------- held: amounts in unnamed currencies
def held_original_currency():
    name = "held_balances_original_currency.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "יתרות"
    ws.sheet_view.rightToLeft = True
    ws.append(["יתרות פתוחות לפי מסמך - כל המטבעות"])
    ws.append(["הסכומים במטבע המסמך המקורי"])
    ws.append([])
    ws.append(["מס' מסמך", "לקוח", "תאריך", "יתרה (מטבע מקור)"])
    ws.append([5101, "Hartmann Logistik GmbH", dt.date(2026, 10, 2), 3200])
    ws.append([5104, "שקד מערכות", dt.date(2026, 10, 9), 3200])
    ws.append([5110, "Pacific Rim Traders", dt.date(2026, 10, 21), 1450])
    ws.append([5112, "אלה הפקות", dt.date(2026, 11, 4), 11700])
    for r in range(5, 9):
        ws.cell(r, 3).number_format = "dd/mm/yyyy"
    ws.append([])
    ws.append([None, "סה\"כ מסמכים: 4"])
    wb.save(OUT / name)
    write_expected(name, "unknown", "held", "ILS", [], [],
                   "The file says outright that every amount is in the document's original "
                   "currency and that all currencies are mixed, but it has no currency column, "
                   "symbol or rate. 3,200 owed by a German company may be EUR, USD or ILS; "
                   "the Hebrew-named customers are probably ILS but the file does not say so. "
                   "The 'ILS unless the file says otherwise' default does not apply because the "
                   "file does say otherwise. Importing would put wrong sums in reminders; hold "
                   "and ask which currency each document is in.")


def make():
    icount_open_documents()
    ezcount_documents()
    invoice4u_open_accounts()
    sumit_customer_balances()
    priority_open_invoices()
    held_headerless_continuation()
    held_original_currency()
