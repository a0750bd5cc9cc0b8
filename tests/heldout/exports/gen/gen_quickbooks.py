"""QuickBooks files: QBO A/R Aging Detail (modern CSV, classic xlsx), QBO Open Invoices CSV (USD),
QBO Customer Balance Summary xlsx, QuickBooks Desktop A/R Aging Detail BIFF .xls."""
import csv
import datetime as dt

import openpyxl
from openpyxl.styles import Alignment, Font
import xlwt

from common import path, write_expected, inv, bal, D, check_total, excel_serial

SRC_QBO = ("public QBO Aging Detail parsers and tests: a Python 'QBO A/R & A/P Aging Detail parser' (header names, "
           "'Total for <bucket>', TOTAL, footer timestamp), a TS test of parseCmrApQboRows (QBO_HEADER / AR_HEADER "
           "fixtures with a leading empty column, title block, 'Thursday, September 25, 2026 11:05 AM GMT-07:00' "
           "footer, money as numbers or '$2,000.00' / '(2,000.00)'), QBO Reports API AgedReceivableDetail docs")


def us(iso):
    d = dt.date.fromisoformat(iso)
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def q(x):
    return f"{D(x):,.2f}"


# ---------------------------------------------------------------------------
def qbo_modern_csv():
    name = "qbo_ar_aging_detail_modern.csv"
    rows = [["A/R Aging Detail Report"], ["Galil Design Studio Ltd"], ["As of November 30, 2026"], [],
            ["", "Date", "Transaction type", "Num", "Customer full name", "Location full name", "Due date",
             "Amount", "Open balance"]]
    buckets = [
        ("91 or more days past due", [("2026-07-02", "Invoice", "1041", "Carmel Winery", "2026-08-01",
                                       "11700.00", "11700.00")]),
        ("61 - 90 days past due", [("2026-08-14", "Invoice", "1055", "Oren Architects", "2026-09-13",
                                    "4680.00", "2680.00")]),
        ("31 - 60 days past due", [("2026-10-05", "Credit Memo", "1060", "Carmel Winery", "2026-10-05",
                                    "-1170.00", "-1170.00")]),
        ("1 - 30 days past due", [("2026-10-20", "Invoice", "1066", "Negev Solar Ltd.", "2026-11-19",
                                   "9360.00", "9360.00")]),
        ("CURRENT", [("2026-11-12", "Invoice", "1072", "Oren Architects", "2026-12-12", "3042.00", "3042.00"),
                     ("2026-11-25", "Invoice", "1075", "Tel Aviv Bakery Co.", "2026-12-25", "1755.00",
                      "1755.00")]),
    ]
    ta = to = D(0)
    for label, lines in buckets:
        rows.append([f"{label} ({len(lines)})"] + [""] * 8)
        sa = so = D(0)
        for (date, typ, num, cust, due, amt, ob) in lines:
            rows.append(["", us(date), typ, num, cust, "", us(due), q(amt), q(ob)])
            sa += D(amt)
            so += D(ob)
        rows.append([f"Total for {label}", "", "", "", "", "", "", q(sa), q(so)])
        ta += sa
        to += so
    rows.append(["TOTAL", "", "", "", "", "", "", q(ta), q(to)])
    rows.append([])
    rows.append([])
    rows.append(["Tuesday, December 1, 2026 09:14 AM GMT+02:00"])
    assert (ta, to) == (D("29367.00"), D("27367.00"))
    with open(path(name), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    exp = [
        inv("1041", "Carmel Winery", None, "2026-07-02", "2026-08-01", "11700.00", "11700.00"),
        inv("1055", "Oren Architects", None, "2026-08-14", "2026-09-13", "4680.00", "2680.00"),
        inv("1060", "Carmel Winery", None, "2026-10-05", "2026-10-05", "-1170.00", "-1170.00"),
        inv("1066", "Negev Solar Ltd.", None, "2026-10-20", "2026-11-19", "9360.00", "9360.00"),
        inv("1072", "Oren Architects", None, "2026-11-12", "2026-12-12", "3042.00", "3042.00"),
        inv("1075", "Tel Aviv Bakery Co.", None, "2026-11-25", "2026-12-25", "1755.00", "1755.00"),
    ]
    check_total(name, exp, "27367.00")
    write_expected(name, "QuickBooks Online (modern report view)", SRC_QBO, "invoices",
                   "Modern QBO export: title block in column A, blank row, header starting with an EMPTY column, "
                   "lower-case 'Open balance' / 'Customer full name', an empty 'Location full name' column. Bucket "
                   "headings oldest first with a count ('91 or more days past due (1)', 'CURRENT (2)'), 'Total for "
                   "…' after each bucket, TOTAL, then a generated-at footer line. MM/DD/YYYY dates; amounts quoted "
                   "'11,700.00'; a Credit Memo is negative; invoice 1055 is partly paid (Amount ≠ Open balance). "
                   "No currency symbol anywhere, so the business default applies.",
                   invoices=exp)


# ---------------------------------------------------------------------------
def qbo_classic_xlsx():
    name = "qbo_ar_aging_detail_classic.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "A R Aging Detail"
    for i, t in enumerate(["Hadar Legal Services", "A/R Aging Detail", "As of November 30, 2026"], start=1):
        ws.cell(i, 1, t).font = Font(bold=True, size=14 if i == 1 else 11)
        ws.cell(i, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=8)
    ws.append([])
    hdr = ["", "Date", "Transaction Type", "Num", "Customer", "Due Date", "Amount", "Open Balance"]
    ws.append(hdr)
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    buckets = [
        ("Current", [("2026-11-18", "Invoice", "2210", "Ben-Ami, Noa", "2026-12-18", "2925.00", "2925.00"),
                     ("2026-11-27", "Invoice", "2214", "Kfar Saba Dental Clinic", "2026-12-27", "7020.00",
                      "7020.00")]),
        ("1 - 30 days past due", [("2026-10-15", "Invoice", "2188", "Kfar Saba Dental Clinic", "2026-11-14",
                                   "5850.00", "3850.00")]),
        ("31 - 60 days past due", [("2026-10-22", "Credit Memo", "2195", "Ben-Ami, Noa", "2026-10-22",
                                    "-585.00", "-585.00")]),
        ("91 or more days past due", [("2026-06-03", "Invoice", "2101", "Herzliya Marina Ltd", "2026-07-03",
                                       "16380.00", "16380.00")]),
    ]
    ta = to = D(0)
    for label, lines in buckets:
        ws.append([label])
        sa = so = D(0)
        for (date, typ, num, cust, due, amt, ob) in lines:
            ws.append(["", dt.date.fromisoformat(date), typ, num, cust, dt.date.fromisoformat(due),
                       float(amt), float(ob)])
            r = ws.max_row
            ws.cell(r, 2).number_format = "mm/dd/yyyy"
            ws.cell(r, 6).number_format = "mm/dd/yyyy"
            ws.cell(r, 7).number_format = "#,##0.00;-#,##0.00"
            ws.cell(r, 8).number_format = "#,##0.00;-#,##0.00"
            sa += D(amt)
            so += D(ob)
        ws.append([f"Total for {label}", None, None, None, None, None, float(sa), float(so)])
        for c in ws[ws.max_row]:
            c.font = Font(bold=True)
        ws.append([])
        ta += sa
        to += so
    ws.append(["TOTAL", None, None, None, None, None, float(ta), float(to)])
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    ws.append([])
    ws.append([])
    ws.append(["Accrual Basis Tuesday, December 1, 2026 09:20 AM GMT+02:00"])
    assert (ta, to) == (D("31590.00"), D("29590.00"))
    for col, w in zip("ABCDEFGH", [26, 11, 16, 7, 26, 11, 12, 13]):
        ws.column_dimensions[col].width = w
    wb.save(path(name))
    exp = [
        inv("2210", "Ben-Ami, Noa", None, "2026-11-18", "2026-12-18", "2925.00", "2925.00"),
        inv("2214", "Kfar Saba Dental Clinic", None, "2026-11-27", "2026-12-27", "7020.00", "7020.00"),
        inv("2188", "Kfar Saba Dental Clinic", None, "2026-10-15", "2026-11-14", "5850.00", "3850.00"),
        inv("2195", "Ben-Ami, Noa", None, "2026-10-22", "2026-10-22", "-585.00", "-585.00"),
        inv("2101", "Herzliya Marina Ltd", None, "2026-06-03", "2026-07-03", "16380.00", "16380.00"),
    ]
    check_total(name, exp, "29590.00")
    write_expected(name, "QuickBooks Online (classic report view)", SRC_QBO, "invoices",
                   "Classic-view QBO export to Excel: merged title cells (company, report, 'As of'), blank row, "
                   "header 'Date / Transaction Type / Num / Customer / Due Date / Amount / Open Balance' after an "
                   "empty first column; buckets newest first ('Current' … '91 or more days past due'), the empty "
                   "61-90 bucket omitted; 'Total for …', TOTAL and an 'Accrual Basis …' footer. Real date cells and "
                   "numeric money. Customer 'Ben-Ami, Noa' contains a comma (QBO last, first). A credit memo is "
                   "negative and 2188 is partly paid.",
                   invoices=exp)


# ---------------------------------------------------------------------------
def qbo_open_invoices_csv():
    name = "qbo_open_invoices_by_customer.csv"

    def usd(x):
        v = D(x)
        return f"$({-v:,.2f})" if v < 0 else f"${v:,.2f}"

    rows = [["Open Invoices"], ["Sababa Foods US Inc."], ["As of November 30, 2026"], [],
            ["", "Date", "Transaction type", "Num", "Terms", "Due date", "Amount", "Open balance"]]
    groups = [
        ("Acme Robotics Inc.", [("2026-09-15", "Invoice", "1001", "Net 30", "2026-10-15", "4200.00", "4200.00"),
                                ("2026-10-28", "Invoice", "1009", "Net 30", "2026-11-27", "1284.50", "1284.50")]),
        ("Baker & Sons LLC", [("2026-10-02", "Invoice", "1004", "Net 15", "2026-10-17", "2750.00", "750.00"),
                              ("2026-11-05", "Credit Memo", "1012", "", "2026-11-05", "-250.00", "-250.00")]),
        ("Zeta Health Partners", [("2026-11-20", "Invoice", "1015", "Due on receipt", "2026-11-20", "9990.00",
                                   "9990.00")]),
    ]
    ta = to = D(0)
    for cust, lines in groups:
        rows.append([cust, "", "", "", "", "", "", ""])
        sa = so = D(0)
        for (date, typ, num, terms, due, amt, ob) in lines:
            rows.append(["", us(date), typ, num, terms, us(due), usd(amt), usd(ob)])
            sa += D(amt)
            so += D(ob)
        rows.append([f"Total for {cust}", "", "", "", "", "", usd(sa), usd(so)])
        ta += sa
        to += so
    rows.append(["TOTAL", "", "", "", "", "", usd(ta), usd(to)])
    rows.append([])
    rows.append(["Tuesday, December 1, 2026 08:02 AM GMT-05:00"])
    assert (ta, to) == (D("17974.50"), D("15974.50"))
    with open(path(name), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    U = "USD"
    exp = [
        inv("1001", "Acme Robotics Inc.", None, "2026-09-15", "2026-10-15", "4200.00", "4200.00", U),
        inv("1009", "Acme Robotics Inc.", None, "2026-10-28", "2026-11-27", "1284.50", "1284.50", U),
        inv("1004", "Baker & Sons LLC", None, "2026-10-02", "2026-10-17", "2750.00", "750.00", U),
        inv("1012", "Baker & Sons LLC", None, "2026-11-05", "2026-11-05", "-250.00", "-250.00", U),
        inv("1015", "Zeta Health Partners", None, "2026-11-20", "2026-11-20", "9990.00", "9990.00", U),
    ]
    check_total(name, exp, "15974.50")
    write_expected(name, "QuickBooks Online", SRC_QBO + "; Open Invoices grouping by customer with 'Total for "
                   "<customer>' and a Terms column (team notes, QBO report conventions)", "invoices",
                   "Grouped report: the customer appears ONLY in a heading row in column A above its invoices; data "
                   "rows start with an empty cell and have no customer column; 'Total for <customer>' rows, TOTAL, "
                   "footer timestamp. Money as '$1,284.50' and the credit memo as '$(250.00)' — the dollar sign is "
                   "the file's own currency statement. Terms 'Net 30' / 'Due on receipt' alongside explicit due "
                   "dates. MM/DD/YYYY.",
                   invoices=exp, currency_default="USD")


# ---------------------------------------------------------------------------
def qbo_customer_balance_summary():
    name = "qbo_customer_balance_summary.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Customer Balance Summary"
    for i, t in enumerate(["Hadar Legal Services", "Customer Balance Summary", "All Dates"], start=1):
        ws.cell(i, 1, t).font = Font(bold=True)
        ws.cell(i, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=2)
    ws.append([])
    ws.append(["", "Total"])
    data = [("Ben-Ami, Noa", 2340.00), ("Herzliya Marina Ltd", 16380.00), ("Kfar Saba Dental Clinic", 10870.00),
            ("Yaffo Books", -400.00)]
    for n, v in data:
        ws.append([n, v])
        ws.cell(ws.max_row, 2).number_format = "#,##0.00;-#,##0.00"
    ws.append(["TOTAL", 29190.00])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.cell(ws.max_row, 2).number_format = "#,##0.00"
    ws.append([])
    ws.append([])
    ws.append(["Accrual Basis Tuesday, December 1, 2026 09:25 AM GMT+02:00"])
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 14
    wb.save(path(name))
    exp = [bal("Ben-Ami, Noa", None, "2340.00"), bal("Herzliya Marina Ltd", None, "16380.00"),
           bal("Kfar Saba Dental Clinic", None, "10870.00")]
    assert sum(D(e["balance"]) for e in exp) - 400 == D("29190.00")
    write_expected(name, "QuickBooks Online",
                   "QBO Reports API CustomerBalanceSummary + QBO export conventions (title block, TOTAL, footer) from "
                   "the sources in NOTES.md; the two-column layout is from memory of the report — confidence "
                   "medium-low",
                   "balances",
                   "Minimal balances report: merged title rows, a header row whose first cell is EMPTY and second "
                   "is 'Total', one row per customer, TOTAL, footer. A customer with a credit (-400.00) owes nothing. "
                   "No invoice numbers or dates.",
                   balances=exp)


# ---------------------------------------------------------------------------
def qbd_aging_xls():
    name = "qbd_ar_aging_detail.xls"
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    datef = xlwt.easyxf(num_format_str="MM/DD/YYYY")
    moneyf = xlwt.easyxf(num_format_str="#,##0.00;-#,##0.00")
    boldmoney = xlwt.easyxf("font: bold on", num_format_str="#,##0.00;-#,##0.00")
    bold = xlwt.easyxf("font: bold on")
    hdr = ["", "", "", "Type", "", "Date", "", "Num", "", "Name", "", "Due Date", "", "Aging", "",
           "Open Balance"]
    for c, h in enumerate(hdr):
        ws.write(0, c, h, bold)
    buckets = [
        ("Current", [("Invoice", "2026-11-16", "7731", "Shoham Logistics", "2026-12-16", None, "8775.00"),
                     ("Invoice", "2026-11-24", "7735", "Modi'in Print House", "2026-12-24", None, "1404.00")]),
        ("1 - 30", [("Invoice", "2026-10-08", "7702", "Modi'in Print House", "2026-11-07", 23, "2106.00")]),
        ("31 - 60", [("Credit Memo", "2026-10-12", "7710", "Shoham Logistics", None, 49, "-936.00")]),
        ("> 90", [("Invoice", "2026-07-20", "7611", "Beit Shemesh Builders", "2026-08-19", 103, "21060.00")]),
    ]
    r = 1
    tot = D(0)
    for label, lines in buckets:
        ws.write(r, 0, label, bold)
        r += 1
        s = D(0)
        for (typ, date, num, nm, due, aging, ob) in lines:
            ws.write(r, 3, typ)
            ws.write(r, 5, excel_serial(date), datef)
            ws.write(r, 7, num)
            ws.write(r, 9, nm)
            if due:
                ws.write(r, 11, excel_serial(due), datef)
            if aging is not None:
                ws.write(r, 13, aging)
            ws.write(r, 15, float(ob), moneyf)
            s += D(ob)
            r += 1
        ws.write(r, 0, f"Total {label}", bold)
        ws.write(r, 15, float(s), boldmoney)
        r += 2
        tot += s
    ws.write(r, 0, "TOTAL", bold)
    ws.write(r, 15, float(tot), boldmoney)
    assert tot == D("32409.00")
    for c, w in [(0, 4), (1, 2), (2, 2), (3, 12), (5, 11), (7, 7), (9, 24), (11, 11), (13, 6), (15, 13)]:
        ws.col(c).width = w * 300
    for c in (4, 6, 8, 10, 12, 14):
        ws.col(c).width = 2 * 300
    wb.save(path(name))
    exp = [
        inv("7731", "Shoham Logistics", None, "2026-11-16", "2026-12-16", None, "8775.00"),
        inv("7735", "Modi'in Print House", None, "2026-11-24", "2026-12-24", None, "1404.00"),
        inv("7702", "Modi'in Print House", None, "2026-10-08", "2026-11-07", None, "2106.00"),
        inv("7710", "Shoham Logistics", None, "2026-10-12", None, None, "-936.00"),
        inv("7611", "Beit Shemesh Builders", None, "2026-07-20", "2026-08-19", None, "21060.00"),
    ]
    check_total(name, exp, "32409.00")
    write_expected(name, "QuickBooks Desktop",
                   "a public TS test (DESKTOP_HEADER / dtLine / dtLabel fixtures of a QuickBooks Desktop aging detail "
                   "exported to Excel: spacer columns, Excel serial dates, labels in column 0, TOTAL)",
                   "invoices",
                   "Real BIFF .xls. QuickBooks Desktop's Excel export puts the report title in the page header, so "
                   "the sheet starts directly with the column header — and every other column is an empty spacer "
                   "('', '', '', Type, '', Date, '', Num, …). Bucket labels and 'Total …' rows live in column A; "
                   "dates are Excel serial numbers formatted MM/DD/YYYY; there is an Aging (days) column but NO "
                   "amount column — only Open Balance (so amount is null). The credit memo has no due date.",
                   invoices=exp)


if __name__ == "__main__":
    qbo_modern_csv()
    qbo_classic_xlsx()
    qbo_open_invoices_csv()
    qbo_customer_balance_summary()
    qbd_aging_xls()
    print("quickbooks done")
