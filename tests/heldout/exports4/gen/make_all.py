"""Writes every held-out export in exports4/ and the expected reading beside it.

Evaluation only. Every expected entry below is written by hand, literally; the
asserts compare each hand-written list with the totals the file itself prints.
Run: /work/heldout_new/.venv/bin/python gen/make_all.py
"""
import codecs
import datetime as dt
import json
import os
from decimal import Decimal as D

import openpyxl
import xlwt
from openpyxl.styles import Alignment, Font
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LRM, RLM = "\u200e", "\u200f"
NBSP = "\u00a0"


def inv(number, customer, issue, due, amount, balance, currency="ILS"):
    return {"number": number, "customer_name": customer, "issue_date": issue,
            "due_date": due, "amount": amount, "balance": balance, "currency": currency}


def bal(cid, name, balance, currency="ILS"):
    return {"customer_id": cid, "customer_name": name, "balance": balance, "currency": currency}


def total(entries, currency=None, field="balance"):
    return sum(D(e[field]) for e in entries if currency is None or e["currency"] == currency)


def expect(name, system, kind, cur, notes, invoices=(), balances=()):
    doc = {"system": system, "kind": kind, "currency_default": cur,
           "invoices": list(invoices), "balances": list(balances), "notes": notes}
    with open(os.path.join(OUT, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


def d(y, m, day):
    return dt.datetime(y, m, day)


def xlsx_write(path, rows, rtl=False, merges=(), date_fmt="dd/mm/yyyy", title=None, widths=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title or "Sheet1"
    if rtl:
        ws.sheet_view.rightToLeft = True
    for r in rows:
        ws.append(list(r))
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, dt.datetime):
                c.number_format = date_fmt
            elif isinstance(c.value, float):
                c.number_format = "#,##0.00"
    for m in merges:
        ws.merge_cells(m)
    if widths:
        for col, w in widths.items():
            ws.column_dimensions[col].width = w
    wb.save(os.path.join(OUT, path))
    return ws


def ods_write(path, rows, name="Sheet1"):
    doc = OpenDocumentSpreadsheet()
    t = Table(name=name)
    for r in rows:
        tr = TableRow()
        for v in r:
            if v is None or v == "":
                tc = TableCell()
            elif isinstance(v, dt.datetime):
                tc = TableCell(valuetype="date", datevalue=v.strftime("%Y-%m-%d"))
                tc.addElement(P(text=v.strftime("%d/%m/%Y")))
            elif isinstance(v, (int, float)):
                tc = TableCell(valuetype="float", value=str(v))
                tc.addElement(P(text=f"{v:,.2f}"))
            else:
                tc = TableCell(valuetype="string")
                tc.addElement(P(text=str(v)))
            tr.addElement(tc)
        t.addElement(tr)
    doc.spreadsheet.addElement(t)
    doc.save(os.path.join(OUT, path))


def write_text(path, text, encoding, bom=b""):
    with open(os.path.join(OUT, path), "wb") as f:
        f.write(bom + text.encode(encoding))


def csv_line(cells, sep=","):
    out = []
    for c in cells:
        c = "" if c is None else str(c)
        if any(ch in c for ch in (sep, '"', "\n")):
            c = '"' + c.replace('"', '""') + '"'
        out.append(c)
    return sep.join(out)


# ---------------------------------------------------------------- 01 Hashavshevet ledger card
def f01():
    name = "01_hashavshevet_kartesa_lakochot.xlsx"
    H = ["מפתח חשבון", "שם חשבון", "תאריך אסמכתא", "אסמכתא", "סוג תנועה", "פרטים",
         "חובה / זכות (שקל)", None, "יתרה מצטברת"]
    rows = [
        ["כרטסת הנהלת חשבונות", None, None, "נגרות הגליל בע\"מ", None, None, None, None, "עמוד 1"],
        ["מתאריך 01/01/26 עד תאריך 03/12/26", None, None, None, None, None, None, None, "תאריך הפקה 03/12/26"],
        ["מפתח חשבון מ- 30001 עד 39999   מיון: מפתח חשבון", None, None, None, None, None, None, None, None],
        H,
        [None, None, None, None, None, None, "חובה", "זכות", None],
        # block 30012
        ["30012", "מאפיית השחר בע\"מ", None, None, None, "יתרת פתיחה", "4,000.00", None, "4,000.00 חובה"],
        [None, None, "11/10/26", "10231", "חש", "חשבונית מס", "12,870.00", None, "16,870.00 חובה"],
        [None, None, "05/11/26", "5120", "קב", "קבלה - העברה בנקאית", None, "4,000.00", "12,870.00 חובה"],
        [None, None, "15/11/26", "10288", "חש", "חשבונית מס", "7,020.00", None, "19,890.00 חובה"],
        [None, None, None, None, None, "יתרת סגירה", None, None, "19,890.00 חובה"],
        [None, "סה\"כ מפתח חשבון 30012", None, None, None, None, "23,890.00", "4,000.00", "19,890.00 חובה"],
        [None] * 9,
        ["-" * 10, None, None, None, None, None, None, None, None],
        # block 30027
        ["30027", "ד\"ר לוי רפאל - מרפאת שיניים", None, None, None, "יתרת פתיחה", "0.00", None, "0.00"],
        [None, None, "02/09/26", "10190", "חש", "חשבונית מס", "2,340.00", None, "2,340.00 חובה"],
        [None, None, "20/09/26", "5077", "קב", "קבלה - אשראי", None, "2,340.00", "0.00"],
        [None, None, None, None, None, "יתרת סגירה", None, None, "0.00"],
        [None, "סה\"כ מפתח חשבון 30027", None, None, None, None, "2,340.00", "2,340.00", "0.00"],
        [None] * 9,
        ["-" * 10, None, None, None, None, None, None, None, None],
        # block 30031
        ["30031", "אדריכלות קרן ושות'", None, None, None, "יתרת פתיחה", None, "1,500.00", "1,500.00 זכות"],
        [None, None, "28/10/26", "10262", "חש", "חשבונית מס", "3,510.00", None, "2,010.00 חובה"],
        [None, None, None, None, None, "יתרת סגירה", None, None, "2,010.00 חובה"],
        [None, "סה\"כ מפתח חשבון 30031", None, None, None, None, "3,510.00", "1,500.00", "2,010.00 חובה"],
        [None] * 9,
        ["-" * 10, None, None, None, None, None, None, None, None],
        # block 30044
        ["30044", "קפה נחת", None, None, None, "יתרת פתיחה", "0.00", None, "0.00"],
        [None, None, "07/10/26", "10240", "חש", "חשבונית מס", "8,190.00", None, "8,190.00 חובה"],
        [None, None, "14/10/26", "611", "חז", "חשבונית זיכוי", None, "1,170.00", "7,020.00 חובה"],
        [None, None, "01/11/26", "5101", "קב", "קבלה - שיק", None, "8,000.00", "980.00 זכות"],
        [None, None, None, None, None, "יתרת סגירה", None, None, "980.00 זכות"],
        [None, "סה\"כ מפתח חשבון 30044", None, None, None, None, "8,190.00", "9,170.00", "980.00 זכות"],
        [None] * 9,
        ["-" * 10, None, None, None, None, None, None, None, None],
        # block 30058
        ["30058", "גני ילדים אור לי", None, None, None, "יתרת פתיחה", "0.00", None, "0.00"],
        [None, None, "01/09/26", "10185", "חש", "חשבונית מס - שנת לימודים", "46,800.00", None, "46,800.00 חובה"],
        [None, None, "10/11/26", "5133", "קב", "קבלה - העברה בנקאית", None, "20,000.00", "26,800.00 חובה"],
        [None, None, None, None, None, "יתרת סגירה", None, None, "26,800.00 חובה"],
        [None, "סה\"כ מפתח חשבון 30058", None, None, None, None, "46,800.00", "20,000.00", "26,800.00 חובה"],
        [None] * 9,
        ["-" * 10, None, None, None, None, None, None, None, None],
        [None, "סה\"כ לדוח", None, None, None, None, "84,730.00", "37,010.00", "47,720.00 חובה"],
    ]
    xlsx_write(name, rows, rtl=True, merges=["G4:H4"], title="כרטסת")
    b = [bal("30012", "מאפיית השחר בע\"מ", "19890.00"),
         bal("30031", "אדריכלות קרן ושות'", "2010.00"),
         bal("30058", "גני ילדים אור לי", "26800.00")]
    # printed net total 47,720 = owed customers minus the one net-credit customer (980)
    assert total(b) - D("980.00") == D("47720.00")
    assert D("84730.00") - D("37010.00") == D("47720.00")
    expect(name, "Hashavshevet", "balances", "ILS",
           "Ledger card (כרטסת) of the customer range: a balance per account, not open invoices. "
           "Account key and name only on the first row of a block; opening/closing/total rows; "
           "balances written as 'number + חובה/זכות' text; two-level debit/credit header (merged). "
           "One customer is net credit (980 זכות) and one is zero: both left out. Sheet is RTL.",
           balances=b)


# ---------------------------------------------------------------- 02 Hashavshevet open items (BIFF)
def f02():
    name = "02_hashavshevet_maazan_ptuhim_mefurat.xls"
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("מאזן פתוחים")
    ws.cols_right_to_left = True
    dfmt = xlwt.easyxf(num_format_str="DD/MM/YY")
    nfmt = xlwt.easyxf(num_format_str="#,##0.00")
    bold = xlwt.easyxf("font: bold on")
    ws.write_merge(0, 0, 0, 7, "מערכות מיזוג צפון בע\"מ - מאזן פתוחים מפורט", bold)
    ws.write_merge(1, 1, 0, 7, "לתאריך 02/12/26   כרטיסים 30100 - 30199")
    ws.write(2, 0, "הופק ב- 02/12/26 16:05")
    hdr = ["סוג", "אסמכתא", "תאריך אסמכתא", "תאריך ערך", "פרטים", "סכום מקורי", "יתרה פתוחה", "ימים"]
    for c, h in enumerate(hdr):
        ws.write(4, c, h, bold)
    r = 5

    def card(key, nm, items, sub):
        nonlocal r
        ws.write(r, 0, f"כרטיס: {key}", bold)
        ws.write(r, 1, nm, bold)
        r += 1
        for typ, ref, idate, vdate, det, orig, opn, days in items:
            ws.write(r, 0, typ)
            ws.write(r, 1, ref)
            ws.write(r, 2, idate, dfmt)
            ws.write(r, 3, vdate, dfmt)
            ws.write(r, 4, det)
            ws.write(r, 5, orig, nfmt)
            ws.write(r, 6, opn, nfmt)
            ws.write(r, 7, days)
            r += 1
        ws.write(r, 4, f"סה\"כ לכרטיס {key}", bold)
        ws.write(r, 6, sub, nfmt)
        r += 2

    card("30105", "בית אבות נווה שלום", [
        ("חש", 20871, d(2026, 9, 14), d(2026, 10, 31), "חשבונית מס - תחזוקה רבעונית", 14040.0, 14040.0, 32),
        ("חש", 20933, d(2026, 10, 22), d(2026, 11, 30), "חשבונית מס - התקנה", 9360.0, 4360.0, 2),
    ], 18400.0)
    card("30118", "עיריית קריית שמונה - מחלקת רכש", [
        ("חש", 20902, d(2026, 10, 6), d(2026, 12, 15), "חשבונית מס - מכרז 14/26", 58500.0, 58500.0, -13),
        ("חש", 20977, d(2026, 11, 17), d(2027, 1, 31), "חשבונית מס - חלקי חילוף", 11700.0, 11700.0, -60),
        ("חז", 20990, d(2026, 11, 28), d(2026, 11, 28), "חשבונית זיכוי - החזרת מדחס", -2340.0, -2340.0, 4),
    ], 67860.0)
    card("30126", "מלון פסגות", [
        ("חש", 20951, d(2026, 11, 10), d(2026, 12, 10), "חשבונית מס - שירות חירום", 6435.0, 6435.0, -8),
        ("קב", 7715, d(2026, 12, 1), d(2026, 12, 1), "קבלה על חשבון - טרם הותאמה", -3000.0, -3000.0, 1),
    ], 3435.0)
    # grand total: the count of open items sits in the reference column
    ws.write(r, 0, "סה\"כ כללי", bold)
    ws.write(r, 1, 7)
    ws.write(r, 6, 89695.0, nfmt)
    wb.save(os.path.join(OUT, name))
    i = [inv("20871", "בית אבות נווה שלום", "2026-09-14", "2026-10-31", "14040.00", "14040.00"),
         inv("20933", "בית אבות נווה שלום", "2026-10-22", "2026-11-30", "9360.00", "4360.00"),
         inv("20902", "עיריית קריית שמונה - מחלקת רכש", "2026-10-06", "2026-12-15", "58500.00", "58500.00"),
         inv("20977", "עיריית קריית שמונה - מחלקת רכש", "2026-11-17", "2027-01-31", "11700.00", "11700.00"),
         inv("20990", "עיריית קריית שמונה - מחלקת רכש", "2026-11-28", "2026-11-28", "-2340.00", "-2340.00"),
         inv("20951", "מלון פסגות", "2026-11-10", "2026-12-10", "6435.00", "6435.00")]
    assert total(i) - D("3000.00") == D("89695.00")
    assert total(i[:2]) == D("18400.00") and total(i[2:5]) == D("67860.00")
    expect(name, "Hashavshevet", "invoices", "ILS",
           "BIFF8 'open items detail' (מאזן פתוחים מפורט): card header rows carry customer key+name, "
           "item rows do not; תאריך ערך is the due date; a ימים (days) column of small integers; "
           "an unapplied receipt on account (קב, -3,000) is a receipt, left out; open credit note kept "
           "negative; the grand-total row has the item count (7) in the reference column.",
           invoices=i)


# ---------------------------------------------------------------- 03 Hashavshevet aging (cp1255 csv)
def f03():
    name = "03_hashavshevet_gioul_hovot.csv"
    lines = [
        csv_line(["גיול חובות לקוחות - לפי תאריך ערך", "", "", "", "", "", "", "", ""]),
        csv_line(["קבוצת הדס יזמות בע\"מ", "", "לתאריך 02/12/26", "", "", "", "", "", ""]),
        "",
        csv_line(["מפתח", "שם חשבון", "סה\"כ יתרה", "טלפון", "עד 30 יום", "31-60", "61-90", "91-120", "מעל 120"]),
        csv_line(["30201", "שמש בע\"מ", "7,605.00", "04-6901234", "3,510.00", "4,095.00", "", "", ""]),
        csv_line(["30207", "י.ד. הובלות", "23,400.00", "050-7123456", "", "11,700.00", "11,700.00", "", ""]),
        csv_line(["30215", "סטודיו נועה", "(1,250.00)", "052-3344556", "(1,250.00)", "", "", "", ""]),
        csv_line(["30219", "מכולת אבו-סאלח", "0.00", "04-6987654", "", "", "", "", ""]),
        csv_line(["30224", "קבוצת אלון נכסים", "152,100.00", "03-5551212", "46,800.00", "", "", "52,650.00", "52,650.00"]),
        csv_line(["30230", "משה כהן - קבלן שיפוצים", "2,925.00", "054-9988776", "", "", "", "", "2,925.00"]),
        csv_line(["", "סה\"כ", "184,780.00", "", "49,060.00", "15,795.00", "11,700.00", "52,650.00", "55,575.00"]),
    ]
    write_text(name, "\r\n".join(lines) + "\r\n", "cp1255")
    b = [bal("30201", "שמש בע\"מ", "7605.00"), bal("30207", "י.ד. הובלות", "23400.00"),
         bal("30224", "קבוצת אלון נכסים", "152100.00"), bal("30230", "משה כהן - קבלן שיפוצים", "2925.00")]
    assert total(b) - D("1250.00") == D("184780.00")
    assert D("49060") + D("15795") + D("11700") + D("52650") + D("55575") == D("184780")
    expect(name, "Hashavshevet", "balances", "ILS",
           "Windows-1255 CSV aging summary. The total column comes third, before the phone and the "
           "buckets (not last); a phone number column between; \"\" escaped quote in a name; credit in "
           "parentheses (net-credit customer left out), zero customer left out, total row.",
           balances=b)


# ---------------------------------------------------------------- 04 Rivhit documents for collection
def f04():
    name = "04_rivhit_mismachim_legvia.xlsx"
    rows = [
        [RLM + "דוח מסמכים לגבייה", None, None, None, None, None, None, None],
        ["סטודיו אור-גל הפקות", None, None, None, None, None, None, "הופק: 03/12/2026"],
        ["לקוחות: כולם   מסמכים: פתוחים בלבד", None, None, None, None, None, None, None],
        [None] * 8,
        ["שם לקוח", "סוג מסמך", "מס' מסמך", "תאריך מסמך", "תאריך פירעון", "סכום מסמך", "סכום ששולם", "יתרה לגבייה"],
        [RLM + "חברת הגפן שיווק בע\"מ", "חשבונית מס", "31877" + LRM, d(2026, 9, 3), d(2026, 10, 3), 5850.0, 0.0, 5850.0],
        [RLM + "חברת הגפן שיווק בע\"מ", "חשבונית מס", "32010" + LRM, d(2026, 11, 1), d(2026, 12, 1), 17550.0, 10000.0, 7550.0],
        ["סה\"כ ללקוח: חברת הגפן שיווק בע\"מ", None, None, None, None, 23400.0, 10000.0, 13400.0],
        [RLM + "עמותת יד ביד", "חשבונית מס", "31990" + LRM, d(2026, 10, 20), d(2026, 11, 19), 2808.0, 0.0, 2808.0],
        [RLM + "עמותת יד ביד", "חשבונית מס זיכוי", "32044" + LRM, d(2026, 11, 15), d(2026, 11, 15), -468.0, 0.0, -468.0],
        ["סה\"כ ללקוח: עמותת יד ביד", None, None, None, None, 2340.0, 0.0, 2340.0],
        [RLM + "פרחי רמת הגולן", "חשבונית מס", "32051" + LRM, d(2026, 11, 25), d(2026, 12, 25), 9945.0, 0.0, 9945.0],
        ["סה\"כ ללקוח: פרחי רמת הגולן", None, None, None, None, 9945.0, 0.0, 9945.0],
        ["סה\"כ כללי", None, None, None, None, 35685.0, 10000.0, 25685.0],
    ]
    xlsx_write(name, rows, rtl=True, merges=["A1:H1"], title="מסמכים לגבייה")
    i = [inv("31877", "חברת הגפן שיווק בע\"מ", "2026-09-03", "2026-10-03", "5850.00", "5850.00"),
         inv("32010", "חברת הגפן שיווק בע\"מ", "2026-11-01", "2026-12-01", "17550.00", "7550.00"),
         inv("31990", "עמותת יד ביד", "2026-10-20", "2026-11-19", "2808.00", "2808.00"),
         inv("32044", "עמותת יד ביד", "2026-11-15", "2026-11-15", "-468.00", "-468.00"),
         inv("32051", "פרחי רמת הגולן", "2026-11-25", "2026-12-25", "9945.00", "9945.00")]
    assert total(i) == D("25685.00") and total(i, field="amount") == D("35685.00")
    expect(name, "Rivhit", "invoices", "ILS",
           "RTL sheet, merged title, 3 preamble rows; U+200F before names and U+200E after document "
           "numbers stored as text; Excel dates; customer subtotal rows that repeat the customer name "
           "after 'סה\"כ ללקוח:'; a partial payment; a credit note negative.",
           invoices=i)


# ---------------------------------------------------------------- 05 Rivhit open docs grouped by agent (ods)
def f05():
    name = "05_rivhit_ptuhim_lefi_sochen.ods"
    rows = [
        ["מסמכים פתוחים לפי סוכן", None, None, None, None, None, None],
        ["קפה וקונדיטוריה ברקאי", None, None, None, None, "תאריך: 02/12/2026", None],
        [None] * 7,
        ["מס' מסמך", "תאריך", "לקוח", "תאריך פירעון", "סכום", "יתרה", "מטבע"],
        ["סוכן: אבי מזרחי", None, None, None, None, None, None],
        ["40312", "12/10/2026", "מסעדת הנמל", "11/11/2026", 4680.0, 4680.0, "₪"],
        ["40388", "02/11/2026", "מסעדת הנמל", "02/12/2026", 3159.0, 1159.0, "₪"],
        ["40401", "09/11/2026", "Blue Harbor Ltd", "09/12/2026", 1200.0, 1200.0, "$"],
        ["סה\"כ לסוכן (₪)", None, None, None, 7839.0, 5839.0, "₪"],
        ["סה\"כ לסוכן ($)", None, None, None, 1200.0, 1200.0, "$"],
        ["סוכן: רונית שגיא", None, None, None, None, None, None],
        ["40350", "21/10/2026", "קייטרינג טעמים", "20/11/2026", 12636.0, 12636.0, "₪"],
        ["40415", "16/11/2026", "בית ספר אורט גליל", "31/12/2026", 7488.0, 7488.0, "₪"],
        ["סה\"כ לסוכן (₪)", None, None, None, 20124.0, 20124.0, "₪"],
        ["סה\"כ כללי (₪)", None, None, None, 27963.0, 25963.0, "₪"],
        ["סה\"כ כללי ($)", None, None, None, 1200.0, 1200.0, "$"],
    ]
    ods_write(name, rows, "פתוחים")
    i = [inv("40312", "מסעדת הנמל", "2026-10-12", "2026-11-11", "4680.00", "4680.00"),
         inv("40388", "מסעדת הנמל", "2026-11-02", "2026-12-02", "3159.00", "1159.00"),
         inv("40401", "Blue Harbor Ltd", "2026-11-09", "2026-12-09", "1200.00", "1200.00", "USD"),
         inv("40350", "קייטרינג טעמים", "2026-10-21", "2026-11-20", "12636.00", "12636.00"),
         inv("40415", "בית ספר אורט גליל", "2026-11-16", "2026-12-31", "7488.00", "7488.00")]
    assert total(i, "ILS") == D("25963.00") and total(i, "USD") == D("1200.00")
    assert total(i, "ILS", "amount") == D("27963.00")
    expect(name, "Rivhit", "invoices", "ILS",
           "ODS grouped by sales agent (group rows 'סוכן: …' are NOT customers); per-agent and grand "
           "totals split by currency; one document in $ (USD); dates dd/mm/yyyy as text.",
           invoices=i)


# ---------------------------------------------------------------- 06 Morning documents list (utf-8 bom csv)
def f06():
    name = "06_morning_reshimat_mismachim.csv"
    H = ["סוג מסמך", "מספר מסמך", "תאריך מסמך", "שם לקוח", "סכום לפני מע\"מ", "סה\"כ", "מטבע",
         "סטטוס", "תאריך לתשלום", "יתרה לתשלום"]
    R = [
        ["חשבונית מס", "1187", "02/11/2026", "סטודיו לעיצוב גל", "3,470.34", "4,095.00", "ILS", "פתוח", "02/12/2026", "4,095.00"],
        ["חשבונית מס", "1190", "08/11/2026", "Tel Aviv Tech Hub Ltd", "2,500.00", "2,500.00", "USD", "פתוח", "08/12/2026", "2,500.00"],
        ["חשבונית מס קבלה", "1191", "10/11/2026", "יעל אברהם", "495.76", "585.00", "ILS", "סגור", "", "0.00"],
        ["חשבונית מס", "1195", "17/11/2026", "גלריה 39", "9,915.25", "11,700.00", "ILS", "פתוח", "17/12/2026", "6,700.00"],
        ["קבלה", "2204", "20/11/2026", "גלריה 39", "5,000.00", "5,000.00", "ILS", "סגור", "", "0.00"],
        ["הצעת מחיר", "3051", "24/11/2026", "חברת המים הגליל", "19,830.51", "23,400.00", "ILS", "פתוח", "", "23,400.00"],
        ["חשבונית מס", "1198", "25/11/2026", "מסעדת ליבנה", "1,586.44", "1,872.00", "ILS", "מבוטל", "25/12/2026", "0.00"],
        ["חשבונית זיכוי", "1199", "26/11/2026", "סטודיו לעיצוב גל", "-594.92", "-702.00", "ILS", "פתוח", "", "-702.00"],
    ]
    lines = [csv_line(H)] + [csv_line(r) for r in R]
    lines += [csv_line(["", "", "", "סה\"כ יתרה לתשלום - חשבוניות (ILS)", "", "", "ILS", "", "", "10,093.00"]),
              csv_line(["", "", "", "סה\"כ יתרה לתשלום - חשבוניות (USD)", "", "", "USD", "", "", "2,500.00"])]
    write_text(name, "\n".join(lines) + "\n", "utf-8", codecs.BOM_UTF8)
    i = [inv("1187", "סטודיו לעיצוב גל", "2026-11-02", "2026-12-02", "4095.00", "4095.00"),
         inv("1190", "Tel Aviv Tech Hub Ltd", "2026-11-08", "2026-12-08", "2500.00", "2500.00", "USD"),
         inv("1195", "גלריה 39", "2026-11-17", "2026-12-17", "11700.00", "6700.00"),
         inv("1199", "סטודיו לעיצוב גל", "2026-11-26", None, "-702.00", "-702.00")]
    assert total(i, "ILS") == D("10093.00") and total(i, "USD") == D("2500.00")
    expect(name, "Morning (Green Invoice)", "invoices", "ILS",
           "All-documents list, not an open-invoices report: closed invoice-receipt, receipt, cancelled "
           "invoice and an open price quote (הצעת מחיר, 23,400 'open') must all be left out; amount "
           "before VAT comes before the total; a USD invoice; open credit note without due date.",
           invoices=i)


# ---------------------------------------------------------------- 07 Morning clients report, English UI
def f07():
    name = "07_morning_clients_report_en.xlsx"
    rows = [
        ["Clients", None, None, None, None],
        ["Exported 04/12/2026 08:30", None, None, None, None],
        ["Client Name", "Email", "Phone", "Total Income", "Balance"],
        ["מרפאת ד\"ר שירה בן דוד", "clinic.shira@example.co.il", "04-8123456", 28080.0, 4680.0],
        ["Levant Imports Ltd", "ap@levant-imports.example", "+972-3-6123456", 15210.0, 0.0],
        ["עמית גרפיקה", "amit.g@example.co.il", "052-1234567", 9360.0, -1170.0],
        ["הפקות ירח כחול", "office@yareach.example.co.il", "03-7654321", 46215.0, 12285.0],
        ["נוי ושות' עורכי דין", "billing@noy-law.example.co.il", "02-6543210", 7020.0, 7020.0],
        ["Total", None, None, 105885.0, 22815.0],
    ]
    xlsx_write(name, rows, title="Clients")
    b = [bal(None, "מרפאת ד\"ר שירה בן דוד", "4680.00"), bal(None, "הפקות ירח כחול", "12285.00"),
         bal(None, "נוי ושות' עורכי דין", "7020.00")]
    assert total(b) - D("1170.00") == D("22815.00")
    expect(name, "Morning (Green Invoice)", "balances", "ILS",
           "Client list exported with the UI in English; 'Total Income' (lifetime turnover, larger) "
           "sits next to 'Balance' and must not be taken as the debt; a client in credit (-1,170) and "
           "a zero client left out; a Total row. No client id column.",
           balances=b)


# ---------------------------------------------------------------- 08 iCount debtors, HTML saved as .xls
def f08():
    name = "08_icount_doch_hayavim.xls"
    rows = [
        ("50071", "חשבונית מס", "05/10/2026", "אלקטרו-גל מערכות", "04/11/2026", "7,956.00", "0.00", "7,956.00"),
        ("50093", "חשבונית מס", "19/10/2026", "כרמל ייעוץ ארגוני", "18/11/2026", "3,744.00", "1,000.00", "2,744.00"),
        ("50104", "חשבונית מס", "02/11/2026", "אלקטרו-גל מערכות", "02/12/2026", "15,093.00", "0.00", "15,093.00"),
        ("50118", "חשבונית מס", "20/11/2026", "מוסך האחים חדאד", "20/12/2026", "1,404.00", "0.00", "1,404.00"),
    ]
    H = ["מס' מסמך", "סוג מסמך", "תאריך", "לקוח", "לתשלום עד", "סכום", "שולם", "יתרה"]
    tr = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>\n" for r in rows)
    html = f"""<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>דוח חייבים</title></head>
<body dir="rtl">
<table border="1" dir="rtl">
<tr><td colspan="8"><b>iCount - דוח חייבים - פירוט מסמכים</b></td></tr>
<tr><td colspan="8">נכון לתאריך 03/12/2026 | עסק: ש.ב. חשמל ותקשורת</td></tr>
<tr>{''.join(f'<th>{h}</th>' for h in H)}</tr>
{tr}<tr><td colspan="5"><b>סה"כ</b></td><td><b>28,197.00</b></td><td><b>1,000.00</b></td><td><b>27,197.00</b></td></tr>
</table>
</body></html>
"""
    write_text(name, html, "utf-8")
    i = [inv("50071", "אלקטרו-גל מערכות", "2026-10-05", "2026-11-04", "7956.00", "7956.00"),
         inv("50093", "כרמל ייעוץ ארגוני", "2026-10-19", "2026-11-18", "3744.00", "2744.00"),
         inv("50104", "אלקטרו-גל מערכות", "2026-11-02", "2026-12-02", "15093.00", "15093.00"),
         inv("50118", "מוסך האחים חדאד", "2026-11-20", "2026-12-20", "1404.00", "1404.00")]
    assert total(i) == D("27197.00") and total(i, field="amount") == D("28197.00")
    expect(name, "iCount", "invoices", "ILS",
           "HTML table saved as .xls (Excel namespaces, dir=rtl); due column labelled 'לתשלום עד'; "
           "the total row starts with a colspan=5 label, so cell-by-cell its numbers land under the "
           "wrong headers; partial payment.",
           invoices=i)


# ---------------------------------------------------------------- 09 iCount document list, UTF-16 text .xls
def f09():
    name = "09_icount_reshimat_mismachim_utf16.xls"
    H = ["תאריך", "מסמך", "מספר", "לקוח", "סכום כולל מע\"מ", "סכום ששולם", "סטטוס", "לתשלום עד"]
    R = [
        ["2026-10-12", "חשבונית מס", "7301", "ספריית הילדים", "2340.00", "0.00", "פתוח", "2026-11-11"],
        ["2026-10-28", "חשבונית מס", "7315", "בית קפה הפינה", "5265.00", "2000.00", "שולם חלקית", "2026-11-27"],
        ["2026-11-03", "חשבונית מס", "7322", "אופטיקה ראיה", "936.00", "936.00", "שולם", "2026-12-03"],
        ["2026-11-14", "חשבונית מס", "7330", "ספריית הילדים", "4680.00", "0.00", "מבוטל", "2026-12-14"],
        ["2026-11-18", "חשבונית מס", "7334", "משק שדה ורד", "14625.00", "0.00", "פתוח", "2027-01-31"],
        ["2026-11-30", "חשבונית זיכוי", "7340", "בית קפה הפינה", "-585.00", "0.00", "פתוח", ""],
        ["", "", "", "סה\"כ", "27261.00", "2936.00", "", ""],
    ]
    text = "\r\n".join("\t".join(r) for r in [H] + R) + "\r\n"
    write_text(name, text, "utf-16-le", codecs.BOM_UTF16_LE)
    i = [inv("7301", "ספריית הילדים", "2026-10-12", "2026-11-11", "2340.00", "2340.00"),
         inv("7315", "בית קפה הפינה", "2026-10-28", "2026-11-27", "5265.00", "3265.00"),
         inv("7334", "משק שדה ורד", "2026-11-18", "2027-01-31", "14625.00", "14625.00"),
         inv("7340", "בית קפה הפינה", "2026-11-30", None, "-585.00", "-585.00")]
    # printed totals include the paid and the cancelled documents
    assert D("27261.00") - D("2936.00") - D("4680.00") == total(i)
    expect(name, "iCount", "invoices", "ILS",
           "UTF-16LE tab-separated text named .xls; there is NO balance column (balance = amount - paid); "
           "status column decides: paid and cancelled (מבוטל, still showing 0 paid) left out; ISO dates; "
           "the total row mixes all statuses.",
           invoices=i)


# ---------------------------------------------------------------- 10 EZcount invoices by payment status (; csv)
def f10():
    name = "10_ezcount_hashboniot_lefi_status.csv"
    H = ["מספר מסמך", "סוג מסמך", "תאריך", "שם לקוח", "מייל", "סכום לפני מע\"מ", "סכום כולל מע\"מ",
         "יתרה פתוחה", "תאריך פירעון", "סטטוס תשלום"]
    R = [
        ["9012", "חשבונית מס", "01.10.2026", "גל-רון הנדסה", "ron@galron.example.co.il; cfo@galron.example.co.il", "₪ 10,000.00", "₪ 11,800.00", "₪ 11,800.00", "31.10.2026", "לא שולם"],
        ["9020", "חשבונית מס", "15.10.2026", "פיזיותרפיה בתנועה", "info@batnua.example.co.il", "₪ 2,400.00", "₪ 2,832.00", "₪ 0.00", "14.11.2026", "שולם"],
        ["9027", "חשבונית מס", "29.10.2026", "ליאור ביטון", "lior.biton@example.com", "₪ 1,500.00", "₪ 1,770.00", "₪ 770.00", "28.11.2026", "שולם חלקית"],
        ["9033", "חשבונית מס", "12.11.2026", "גל-רון הנדסה", "ron@galron.example.co.il; cfo@galron.example.co.il", "₪ 6,250.00", "₪ 7,375.00", "₪ 7,375.00", "12.12.2026", "לא שולם"],
        ["9041", "חשבונית מס", "24.11.2026", "מעבדות ביו-טק צפון", "finance@biotech-north.example.co.il", "₪ 20,000.00", "₪ 23,600.00", "₪ 23,600.00", "24.01.2027", "לא שולם"],
        ["", "", "", "סה\"כ", "", "₪ 40,150.00", "₪ 47,377.00", "₪ 43,545.00", "", ""],
    ]
    lines = ["דוח חשבוניות לפי סטטוס תשלום;;;;;;;;;", "תקופה: 01.10.2026 - 03.12.2026;;;;;;;;;", ""]
    lines += [csv_line(r, ";") for r in [H] + R]
    write_text(name, "\n".join(lines) + "\n", "utf-8")
    i = [inv("9012", "גל-רון הנדסה", "2026-10-01", "2026-10-31", "11800.00", "11800.00"),
         inv("9027", "ליאור ביטון", "2026-10-29", "2026-11-28", "1770.00", "770.00"),
         inv("9033", "גל-רון הנדסה", "2026-11-12", "2026-12-12", "7375.00", "7375.00"),
         inv("9041", "מעבדות ביו-טק צפון", "2026-11-24", "2027-01-24", "23600.00", "23600.00")]
    assert total(i) == D("43545.00") and total(i, field="amount") + D("2832.00") == D("47377.00")
    expect(name, "EZcount", "invoices", "ILS",
           "Semicolon CSV, UTF-8 without BOM, two preamble lines; '₪ 1,234.00' amounts; dd.mm.yyyy; "
           "the pre-VAT amount column comes before the VAT-inclusive one (amount = incl. VAT); "
           "two emails in one cell; a paid invoice with 0 balance; total row.",
           invoices=i)


# ---------------------------------------------------------------- 11 Invoice4U open accounts with terms
def f11():
    name = "11_invoice4u_heshbonot_ptuhim.xlsx"
    rows = [
        ["דוח חשבונות פתוחים (דוח גבייה)", None, None, None, None, None, None, None],
        ["אלון שרותי ניקיון | 02/12/2026", None, None, None, None, None, None, None],
        ["תאריך", "מס' מסמך", "סוג מסמך", "לקוח", "תנאי תשלום", "סכום", "שולם", "יתרה"],
        [d(2026, 9, 12), 6120, "חשבונית מס", "בית מלאכה ליהלומים א.ש", "שוטף+60", 35100.0, 0.0, 35100.0],
        [d(2026, 10, 7), 6134, "חשבונית מס", "קליניקה לפיזיותרפיה דנה", "שוטף+30", 1638.0, 0.0, 1638.0],
        [d(2026, 10, 21), 6141, "חשבונית מס", "אחים עזרא שיווק", "נטו 45", 8424.0, 4000.0, 4424.0],
        [d(2026, 11, 5), 6150, "חשבונית מס", "אחים עזרא שיווק", "שוטף+30", 2106.0, 0.0, 2106.0],
        [d(2026, 11, 19), 6158, "חשבונית מס", "ורד ליבוביץ", None, 760.5, 0.0, 760.5],
        [None, None, None, "סה\"כ", None, 48028.5, 4000.0, 44028.5],
    ]
    xlsx_write(name, rows, rtl=True, merges=["A1:H1", "A2:H2"], title="חשבונות פתוחים")
    i = [inv("6120", "בית מלאכה ליהלומים א.ש", "2026-09-12", "2026-11-29", "35100.00", "35100.00"),
         inv("6134", "קליניקה לפיזיותרפיה דנה", "2026-10-07", "2026-11-30", "1638.00", "1638.00"),
         inv("6141", "אחים עזרא שיווק", "2026-10-21", "2026-12-05", "8424.00", "4424.00"),
         inv("6150", "אחים עזרא שיווק", "2026-11-05", "2026-12-30", "2106.00", "2106.00"),
         inv("6158", "ורד ליבוביץ", "2026-11-19", None, "760.50", "760.50")]
    assert total(i) == D("44028.50") and total(i, field="amount") == D("48028.50")
    expect(name, "Invoice4U", "invoices", "ILS",
           "No due-date column: due dates follow from the terms column (שוטף+N = end of issue month + N "
           "days; נטו 45 = issue date + 45); one row without terms -> due_date null. Merged title rows, "
           "RTL, partial payment, total row with the label in the customer column.",
           invoices=i)


# ---------------------------------------------------------------- 12 Sumit customer debts (ods, 2 currencies)
def f12():
    name = "12_sumit_hovot_lakochot.ods"
    rows = [
        ["חובות לקוחות", None, None, None, None],
        ["נכון ל-03/12/2026", None, None, None, None],
        ["מזהה לקוח", "שם לקוח", "מייל", "יתרה", "מטבע"],
        ["1001", "רשת חנויות טבע-בית", "orders@teva-bait.example.co.il", 18954.0, "ILS"],
        ["1004", "ג'יי.אם. טכנולוגיות", "jm@jmtech.example.com", 3200.0, "USD"],
        ["1004", "ג'יי.אם. טכנולוגיות", "jm@jmtech.example.com", 5850.0, "ILS"],
        ["1009", "אורית שמעוני - מאמנת", "orit@example.co.il", -400.0, "ILS"],
        ["1013", "בית הספר למוזיקה רימון", "rimon@example.org.il", 2457.0, "ILS"],
        ["1017", "טל ושירן צילום", "tal.shiran@example.co.il", 0.0, "ILS"],
        [None, "סה\"כ (ILS)", None, 26861.0, "ILS"],
        [None, "סה\"כ (USD)", None, 3200.0, "USD"],
    ]
    ods_write(name, rows, "חובות")
    b = [bal("1001", "רשת חנויות טבע-בית", "18954.00"),
         bal("1004", "ג'יי.אם. טכנולוגיות", "3200.00", "USD"),
         bal("1004", "ג'יי.אם. טכנולוגיות", "5850.00"),
         bal("1013", "בית הספר למוזיקה רימון", "2457.00")]
    assert total(b, "ILS") - D("400.00") == D("26861.00") and total(b, "USD") == D("3200.00")
    expect(name, "Sumit", "balances", "ILS",
           "One customer has two rows, a USD balance and an ILS balance: both are debts, keep both, do "
           "not add them; a credit customer and a zero customer left out; totals split by currency.",
           balances=b)


# ---------------------------------------------------------------- 13 Priority aging, SpreadsheetML 2003
def f13():
    name = "13_priority_hashboniot_ptuhot.xls"
    H = ["מס. לקוח", "שם לקוח", "חשבונית", "ת. חשבונית", "ת. פרעון", "סכום חשבונית", "מטבע",
         "יתרה (מטבע חשבונית)", "יתרה בש\"ח", "ימי פיגור"]
    R = [
        ["C10023", "תעשיות פלסט-אור בע\"מ", "IN26000412", "2026-09-30", "2026-11-30", 47970, "ש\"ח", 47970, 47970, 3],
        ["C10023", "תעשיות פלסט-אור בע\"מ", "IN26000455", "2026-10-31", "2026-12-30", 23985, "ש\"ח", 13985, 13985, 0],
        ["C10023", "תעשיות פלסט-אור בע\"מ", "CI26000031", "2026-11-10", "2026-11-10", -2925, "ש\"ח", -2925, -2925, 23],
        ["C10041", "Nordic Fittings AB", "IN26000470", "2026-11-05", "2026-12-05", 8400, "$", 8400, 30828, 0],
        ["C10057", "מפעלי ים המלח - רכש", "IN26000481", "2026-11-20", "2027-01-31", 117000, "ש\"ח", 117000, 117000, 0],
    ]

    def cell(v, date=False):
        if v is None:
            return "<Cell/>"
        if date:
            return f'<Cell ss:StyleID="d"><Data ss:Type="DateTime">{v}T00:00:00.000</Data></Cell>'
        if isinstance(v, (int, float)):
            return f'<Cell ss:StyleID="n"><Data ss:Type="Number">{v}</Data></Cell>'
        v = v.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
        return f'<Cell><Data ss:Type="String">{v}</Data></Cell>'

    rows = ["<Row>" + cell("חשבוניות פתוחות ללקוח - גיול") + "</Row>",
            "<Row>" + cell("תאריך הדוח: 03/12/26   חברה: אגם מוצרי פלסטיק") + "</Row>",
            "<Row/>",
            "<Row>" + "".join(cell(h) for h in H) + "</Row>"]
    for r in R:
        rows.append("<Row>" + "".join(cell(v, date=(k in (3, 4))) for k, v in enumerate(r)) + "</Row>")
    rows.append("<Row>" + cell(None) + cell("סה\"כ") + "".join(cell(None) for _ in range(6)) + cell(206858) + "</Row>")
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Styles><Style ss:ID="d"><NumberFormat ss:Format="dd/mm/yy"/></Style><Style ss:ID="n"><NumberFormat ss:Format="#,##0.00"/></Style></Styles>
<Worksheet ss:Name="גיול">
<Table>
{chr(10).join(rows)}
</Table>
<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><DisplayRightToLeft/></WorksheetOptions>
</Worksheet>
</Workbook>
"""
    write_text(name, xml, "utf-8")
    i = [inv("IN26000412", "תעשיות פלסט-אור בע\"מ", "2026-09-30", "2026-11-30", "47970.00", "47970.00"),
         inv("IN26000455", "תעשיות פלסט-אור בע\"מ", "2026-10-31", "2026-12-30", "23985.00", "13985.00"),
         inv("CI26000031", "תעשיות פלסט-אור בע\"מ", "2026-11-10", "2026-11-10", "-2925.00", "-2925.00"),
         inv("IN26000470", "Nordic Fittings AB", "2026-11-05", "2026-12-05", "8400.00", "8400.00", "USD"),
         inv("IN26000481", "מפעלי ים המלח - רכש", "2026-11-20", "2027-01-31", "117000.00", "117000.00")]
    assert total(i, "ILS") + D("30828") == D("206858")
    expect(name, "Priority", "invoices", "ILS",
           "SpreadsheetML 2003 XML saved as .xls (RTL option inside WorksheetOptions). Newer column naming: "
           "two balance columns, 'יתרה (מטבע חשבונית)' in the invoice currency and 'יתרה בש\"ח' converted; "
           "the USD invoice must be read as 8,400 USD, not 30,828; currency written ש\"ח / $; a 'ימי פיגור' "
           "days column; total row only in the ILS-converted column.",
           invoices=i)


# ---------------------------------------------------------------- 14 SAP Business One aging (Hebrew)
def f14():
    name = "14_sap_b1_gioul_lakochot.xlsx"
    rows = [
        ["גיול חובות לקוחות", None, None, None, None, None, None, None],
        ["תאריך גיול: 04.12.26   גיל לפי: תאריך פירעון   מטבע: מטבע מקומי", None, None, None, None, None, None, None],
        [None] * 8,
        ["סוג", "מס' מסמך", "מס' תשלום", "תאריך רישום", "תאריך פירעון", "ימי פיגור", "סכום מקורי", "יתרה לתשלום"],
        ["C20001 - קבוצת רימונים מלונות", None, None, None, None, None, None, None],
        ["IN", "14520", "1", "15.08.26", "14.09.26", 81, "ILS 17,550.00", "ILS 7,550.00"],
        ["IN", "14520", "2", "15.08.26", "14.10.26", 51, "ILS 17,550.00", "ILS 17,550.00"],
        ["CN", "1733", "1", "02.11.26", "02.11.26", 32, "ILS (1,755.00)", "ILS (1,755.00)"],
        ["RC", "8801", None, "30.11.26", "30.11.26", 4, "ILS (5,000.00)", "ILS (5,000.00)"],
        ["סה\"כ", None, None, None, None, None, None, "ILS 18,345.00"],
        ["C20014 - אופק לוגיסטיקה בע\"מ", None, None, None, None, None, None, None],
        ["IN", "14602", "1", "12.11.26", "12.12.26", -8, "ILS 9,828.00", "ILS 9,828.00"],
        ["סה\"כ", None, None, None, None, None, None, "ILS 9,828.00"],
        ["סה\"כ כללי", None, None, None, None, None, None, "ILS 28,173.00"],
    ]
    xlsx_write(name, rows, rtl=True, title="גיול")
    i = [inv("14520", "קבוצת רימונים מלונות", "2026-08-15", "2026-09-14", "35100.00", "25100.00"),
         inv("1733", "קבוצת רימונים מלונות", "2026-11-02", "2026-11-02", "-1755.00", "-1755.00"),
         inv("14602", "אופק לוגיסטיקה בע\"מ", "2026-11-12", "2026-12-12", "9828.00", "9828.00")]
    assert total(i[:2]) - D("5000.00") == D("18345.00")
    assert total(i) - D("5000.00") == D("28173.00")
    expect(name, "SAP Business One", "invoices", "ILS",
           "Hebrew SAP B1 aging exported to Excel: customer header rows 'code - name'; amounts as text "
           "'ILS 1,234.00' with negatives in parentheses; a 'ימי פיגור' integer column before the amounts; invoice 14520 in two installment rows -> one entry "
           "(amount 35,100, balance 25,100, due = earliest open installment 14.09.26); an unapplied incoming "
           "payment (RC) left out; dd.mm.yy; customer code not given per row.",
           invoices=i)


# ---------------------------------------------------------------- 15 held: headerless Hashavshevet movements
def f15():
    name = "15_hashavshevet_tnuot_export.csv"
    R = [
        ["30012", "11/10/26", "10231", "חשבונית", "12870.00", "0.00", "12870.00"],
        ["30012", "05/11/26", "5120", "קבלה", "0.00", "4000.00", "8870.00"],
        ["30031", "28/10/26", "10262", "חשבונית", "3510.00", "1500.00", "2010.00"],
        ["30044", "07/10/26", "10240", "", "8190.00", "9170.00", "-980.00"],
        ["40010", "15/11/26", "883", "", "0.00", "5616.00", "5616.00"],
        ["30058", "01/09/26", "10185", "", "46800.00", "20000.00", "26800.00"],
    ]
    write_text(name, "\r\n".join(",".join(r) for r in R) + "\r\n", "cp1255")
    expect(name, "Hashavshevet", "held", "ILS",
           "Raw movement export with no header row and no title: three unnamed amount columns whose roles "
           "(debit/credit/running or net balance) change from row to row (row 1: third = first - second; "
           "row 5: third = second), no customer names, and an account outside the customer range "
           "(40010, likely a supplier or income account). Which number is owed, by whom, cannot be "
           "told from the file: hold and ask.")


# ---------------------------------------------------------------- 16 held: Sage customer balances, two 'Balance'
def f16():
    name = "16_sage_customer_balances.csv"
    lines = [
        "Customer Balances,,,,",
        "Haifa Print Works Ltd,,,,",
        "As at 03/12/2026,,,,",
        ",,,,",
        "Customer Reference,Customer Name,Balance,Balance,Credit Limit",
        "ALDER01,Alder & Finch Ltd,\"2,400.00\",\"8,928.00\",\"10,000.00\"",
        "BRIGH02,Brighton Dental Group,\"1,150.00\",\"1,150.00\",\"5,000.00\"",
        "COAST01,Coastline Marine,\"-320.00\",\"-1,190.40\",\"2,000.00\"",
        "DUNE03,Dune Street Bakery,\"760.00\",\"2,827.20\",\"3,000.00\"",
        "Total,,\"3,990.00\",\"11,714.80\",",
    ]
    write_text(name, "\r\n".join(lines) + "\r\n", "utf-8")
    expect(name, "Sage", "held", "ILS",
           "Two columns both headed 'Balance' with different values and no currency anywhere; one is "
           "presumably the customer's currency and the other the base currency, but the file does not say "
           "which currency either is, and the first column's total cannot be summed across currencies "
           "meaningfully. The amount owed (and its currency) cannot be determined: hold and ask.")


# ---------------------------------------------------------------- 17 QuickBooks Online A/R aging summary (classic)
def f17():
    name = "17_qbo_ar_aging_summary_classic.csv"
    lines = [
        "Galil Woodworks Ltd",
        "A/R Aging Summary",
        "As of December 3, 2026",
        "",
        ",Current,1 - 30,31 - 60,61 - 90,91 and over,Total",
        "Amsel Hardware,\"1,250.00\",,,,,\"1,250.00\"",
        "Brightline Interiors,,\"3,400.00\",\"1,100.00\",,,\"4,500.00\"",
        "Cedar & Pine Co.,-300.00,,,,,-300.00",
        "Delgado Construction,,,,,\"7,850.00\",\"7,850.00\"",
        "Fjord Marine Supply,\"2,975.40\",,,,,\"2,975.40\"",
        "TOTAL,\"$3,925.40\",\"$3,400.00\",\"$1,100.00\",$0.00,\"$7,850.00\",\"$16,275.40\"",
        "",
        "",
        "\"Thursday, Dec 03, 2026 08:41:12 AM GMT+02:00\"",
    ]
    write_text(name, "\n".join(lines) + "\n", "utf-8")
    b = [bal(None, "Amsel Hardware", "1250.00", "USD"), bal(None, "Brightline Interiors", "4500.00", "USD"),
         bal(None, "Delgado Construction", "7850.00", "USD"), bal(None, "Fjord Marine Supply", "2975.40", "USD")]
    assert total(b) - D("300.00") == D("16275.40")
    expect(name, "QuickBooks Online (classic reports)", "balances", "USD",
           "A/R Aging Summary (per customer), not an invoice list: title rows, header whose first cell is "
           "empty, buckets with a Total column last; '$' only on the TOTAL row; a customer with a net "
           "credit (-300) left out; footer timestamp line. Currency USD from the '$' in the file.",
           balances=b)


# ---------------------------------------------------------------- 18 QuickBooks Online open invoices (modern)
def f18():
    name = "18_qbo_open_invoices_modern.xlsx"
    rows = [
        [None, "Galil Woodworks Ltd", None, None, None, None, None, None, None],
        [None, "Open Invoices", None, None, None, None, None, None, None],
        [None, "As of December 2, 2026", None, None, None, None, None, None, None],
        [None] * 9,
        [None, "Transaction date", "Transaction type", "Num", "Customer full name", "Due date", "Past due", "Amount", "Open balance"],
        [None, "Harper & Lowe Architects", None, None, None, None, None, None, None],
        [None, "10/15/2026", "Invoice", "1043", "Harper & Lowe Architects", "11/14/2026", 18, 6200.0, 6200.0],
        [None, "11/05/2026", "Invoice", "1051", "Harper & Lowe Architects", "12/05/2026", None, 2480.0, 1480.0],
        [None, "Total for Harper & Lowe Architects", None, None, None, None, None, 8680.0, 7680.0],
        [None, "Kestrel Analytics Inc.", None, None, None, None, None, None, None],
        [None, "09/30/2026", "Invoice", "1038", "Kestrel Analytics Inc.", "10/30/2026", 33, 12750.0, 12750.0],
        [None, "11/01/2026", "Credit Memo", "1049", "Kestrel Analytics Inc.", None, None, -750.0, -750.0],
        [None, "Total for Kestrel Analytics Inc.", None, None, None, None, None, 12000.0, 12000.0],
        [None, "Saltwater Surf School", None, None, None, None, None, None, None],
        [None, "11/20/2026", "Invoice", "1055", "Saltwater Surf School", "12/20/2026", None, 3315.75, 3315.75],
        [None, "Total for Saltwater Surf School", None, None, None, None, None, 3315.75, 3315.75],
        [None, "TOTAL", None, None, None, None, None, 23995.75, 22995.75],
        [None] * 9,
        [None, "Accrual basis Wednesday, December 2, 2026 10:02 AM GMT+02:00", None, None, None, None, None, None, None],
    ]
    ws = xlsx_write(name, rows, title="Open Invoices")
    wb = ws.parent
    for row in ws.iter_rows(min_row=6):
        for c in row[7:9]:
            if isinstance(c.value, float):
                c.number_format = '[$$-409]#,##0.00'
    wb.save(os.path.join(OUT, name))
    i = [inv("1043", "Harper & Lowe Architects", "2026-10-15", "2026-11-14", "6200.00", "6200.00", "USD"),
         inv("1051", "Harper & Lowe Architects", "2026-11-05", "2026-12-05", "2480.00", "1480.00", "USD"),
         inv("1038", "Kestrel Analytics Inc.", "2026-09-30", "2026-10-30", "12750.00", "12750.00", "USD"),
         inv("1049", "Kestrel Analytics Inc.", "2026-11-01", None, "-750.00", "-750.00", "USD"),
         inv("1055", "Saltwater Surf School", "2026-11-20", "2026-12-20", "3315.75", "3315.75", "USD")]
    assert total(i) == D("22995.75") and total(i, field="amount") == D("23995.75")
    expect(name, "QuickBooks Online (modern reports)", "invoices", "USD",
           "Modern report engine: empty first column; renamed headers ('Transaction date', 'Customer full "
           "name', 'Open balance'); grouped by customer with group header and 'Total for …' rows; a 'Past "
           "due' integer column just before Amount; MM/DD/YYYY text dates; credit memo without due date. "
           "Currency USD is stated only by the cells' number format ([$$-409]#,##0.00).",
           invoices=i)


# ---------------------------------------------------------------- 19 Xero aged receivables detail
def f19():
    name = "19_xero_aged_receivables_detail.xlsx"
    rows = [
        ["Aged Receivables Detail", None, None, None, None, None, None, None, None, None],
        ["Ofek Translations Ltd", None, None, None, None, None, None, None, None, None],
        ["As at 4 December 2026", None, None, None, None, None, None, None, None, None],
        ["Ageing by due date. Amounts in USD", None, None, None, None, None, None, None, None, None],
        [None] * 10,
        ["Invoice Date", "Invoice Number", "Reference", "Due Date", "Current", "< 1 Month", "1 Month", "2 Months", "Older", "Total"],
        ["Baumann Legal GmbH", None, None, None, None, None, None, None, None, None],
        ["3 Sep 2026", "INV-0231", "PO 5521", "3 Oct 2026", None, None, None, 4200.0, None, 4200.0],
        ["5 Nov 2026", "INV-0262", "Contract DE-HE", "5 Dec 2026", 1850.0, None, None, None, None, 1850.0],
        ["Total Baumann Legal GmbH", None, None, None, 1850.0, None, None, 4200.0, None, 6050.0],
        ["Meridian Health Partners", None, None, None, None, None, None, None, None, None],
        ["10 Oct 2026", "INV-0249", "Q4 brochures", "9 Nov 2026", None, 1230.0, None, None, None, 1230.0],
        ["20 Nov 2026", "CN-0012", "Rework credit", "20 Nov 2026", None, -300.0, None, None, None, -300.0],
        ["Total Meridian Health Partners", None, None, None, None, 930.0, None, None, None, 930.0],
        ["Sato Robotics K.K.", None, None, None, None, None, None, None, None, None],
        ["22 Oct 2026", "INV-0255", "JP manuals", "21 Nov 2026", None, 9600.0, None, None, None, 9600.0],
        ["Total Sato Robotics K.K.", None, None, None, None, 9600.0, None, None, None, 9600.0],
        [None] * 10,
        ["Total", None, None, None, 1850.0, 10530.0, 0.0, 4200.0, 0.0, 16580.0],
        ["Percentage of total", None, None, None, "11.16%", "63.51%", "0.00%", "25.33%", "0.00%", "100.00%"],
    ]
    xlsx_write(name, rows, title="Aged Receivables Detail")
    i = [inv("INV-0231", "Baumann Legal GmbH", "2026-09-03", "2026-10-03", None, "4200.00", "USD"),
         inv("INV-0262", "Baumann Legal GmbH", "2026-11-05", "2026-12-05", None, "1850.00", "USD"),
         inv("INV-0249", "Meridian Health Partners", "2026-10-10", "2026-11-09", None, "1230.00", "USD"),
         inv("CN-0012", "Meridian Health Partners", "2026-11-20", "2026-11-20", None, "-300.00", "USD"),
         inv("INV-0255", "Sato Robotics K.K.", "2026-10-22", "2026-11-21", None, "9600.00", "USD")]
    assert total(i) == D("16580.00") and D("1850") + D("10530") + D("4200") == D("16580")
    expect(name, "Xero", "invoices", "USD",
           "Aged Receivables Detail: contact name as a group row, amounts only in bucket columns plus Total "
           "(the open amount; no invoice total -> amount null); 'Total <contact>' rows; a 'Percentage of "
           "total' row of percent strings; d Mmm yyyy dates; currency stated in a preamble line.",
           invoices=i)


# ---------------------------------------------------------------- 20 Zoho Books invoice export, line items
def f20():
    name = "20_zoho_books_invoices.csv"
    H = ["Invoice Date", "Invoice ID", "Invoice Number", "Invoice Status", "Customer ID", "Customer Name",
         "Due Date", "Currency Code", "Exchange Rate", "Item Name", "Quantity", "Item Price", "Item Total",
         "SubTotal", "Total", "Balance"]
    R = [
        ["2026-10-04", "4600000001311", "INV-000311", "Overdue", "4600000000041", "Lumen Events", "2026-11-03", "USD", "1", "Stage lighting rental", "1", "2400.00", "2400.00", "3300.00", "3300.00", "3300.00"],
        ["2026-10-04", "4600000001311", "INV-000311", "Overdue", "4600000000041", "Lumen Events", "2026-11-03", "USD", "1", "Technician day", "2", "450.00", "900.00", "3300.00", "3300.00", "3300.00"],
        ["2026-10-22", "4600000001318", "INV-000318", "PartiallyPaid", "4600000000052", "Orchard Schools Trust", "2026-11-21", "USD", "1", "Workshop", "3", "800.00", "2400.00", "2400.00", "2400.00", "900.00"],
        ["2026-10-30", "4600000001320", "INV-000320", "Paid", "4600000000041", "Lumen Events", "2026-11-29", "USD", "1", "Follow-up session", "1", "1200.00", "1200.00", "1200.00", "1200.00", "0.00"],
        ["2026-11-09", "4600000001324", "INV-000324", "Void", "4600000000063", "Pinewood Clinic", "2026-12-09", "USD", "1", "Signage", "1", "650.00", "650.00", "650.00", "650.00", "0.00"],
        ["2026-11-15", "4600000001327", "INV-000327", "Sent", "4600000000070", "Vogel Architekten", "2026-12-15", "EUR", "1.08", "Translation DE-HE (words)", "12000", "0.12", "1440.00", "1800.00", "1800.00", "1800.00"],
        ["2026-11-15", "4600000001327", "INV-000327", "Sent", "4600000000070", "Vogel Architekten", "2026-12-15", "EUR", "1.08", "Proofreading", "1", "360.00", "360.00", "1800.00", "1800.00", "1800.00"],
        ["2026-11-28", "4600000001329", "INV-000329", "Draft", "4600000000052", "Orchard Schools Trust", "2026-12-28", "USD", "1", "Workshop", "2", "800.00", "1600.00", "1600.00", "1600.00", "1600.00"],
    ]
    write_text(name, "\n".join(csv_line(r) for r in [H] + R) + "\n", "utf-8")
    i = [inv("INV-000311", "Lumen Events", "2026-10-04", "2026-11-03", "3300.00", "3300.00", "USD"),
         inv("INV-000318", "Orchard Schools Trust", "2026-10-22", "2026-11-21", "2400.00", "900.00", "USD"),
         inv("INV-000327", "Vogel Architekten", "2026-11-15", "2026-12-15", "1800.00", "1800.00", "EUR")]
    # no printed totals: check against the per-invoice Balance of the non-draft, non-void rows
    open_rows = {r[2]: D(r[15]) for r in R if r[3] in ("Overdue", "PartiallyPaid", "Sent")}
    assert total(i) == sum(open_rows.values())
    expect(name, "Zoho Books", "invoices", "USD",
           "One row per line item with invoice fields repeated (count each invoice once); the Customer ID "
           "is a long digit string; statuses Paid/Void/Draft left out (the Draft still shows a Balance); "
           "an EUR invoice with Exchange Rate 1.08 (keep EUR amounts); 'Item Total' is not the invoice total.",
           invoices=i)


# ---------------------------------------------------------------- 21 Stripe invoices export
def f21():
    name = "21_stripe_invoices.csv"
    H = ["id", "Number", "Customer", "Customer Name", "Customer Email", "Amount Due", "Amount Paid",
         "Amount Remaining", "Currency", "Status", "Date (UTC)", "Due Date (UTC)", "Collection Method"]
    R = [
        ["in_1QaT7yLk2Pq9Ab01", "7A1C2F-0007", "cus_R1aXk2", "Noa Peretz", "noa.peretz@example.com", "450.00", "0.00", "450.00", "ils", "open", "2026-11-02 09:15", "2026-11-16 09:15", "send_invoice"],
        ["in_1QbU8zLk2Pq9Ab02", "7A1C2F-0008", "cus_R1bYl3", "Studio Kavana", "hello@kavana.example", "1200.00", "1200.00", "0.00", "ils", "paid", "2026-11-05 11:40", "2026-11-19 11:40", "send_invoice"],
        ["in_1QcV9aLk2Pq9Ab03", "7A1C2F-0009", "cus_R1cZm4", "Harbor Yoga LLC", "billing@harboryoga.example", "300.00", "0.00", "300.00", "usd", "open", "2026-11-10 14:02", "2026-12-10 14:02", "send_invoice"],
        ["in_1QdW0bLk2Pq9Ab04", "7A1C2F-0010", "cus_R1dAn5", "Eitan Mor", "eitan.mor@example.com", "180.00", "0.00", "180.00", "ils", "void", "2026-11-12 08:20", "2026-11-26 08:20", "send_invoice"],
        ["in_1QeX1cLk2Pq9Ab05", "", "cus_R1eBo6", "Ruth Alon", "ruth.alon@example.com", "600.00", "0.00", "600.00", "ils", "draft", "2026-11-25 10:00", "", "send_invoice"],
        ["in_1QfY2dLk2Pq9Ab06", "7A1C2F-0011", "cus_R1fCp7", "Galia Ceramics", "galia@ceramics.example", "950.00", "0.00", "950.00", "ils", "open", "2026-11-20 12:30", "2026-12-04 12:30", "send_invoice"],
    ]
    write_text(name, "\n".join(csv_line(r) for r in [H] + R) + "\n", "utf-8")
    i = [inv("7A1C2F-0007", "Noa Peretz", "2026-11-02", "2026-11-16", "450.00", "450.00"),
         inv("7A1C2F-0009", "Harbor Yoga LLC", "2026-11-10", "2026-12-10", "300.00", "300.00", "USD"),
         inv("7A1C2F-0011", "Galia Ceramics", "2026-11-20", "2026-12-04", "950.00", "950.00")]
    assert total(i, "ILS") == sum(D(r[7]) for r in R if r[9] == "open" and r[8] == "ils")
    expect(name, "Stripe", "invoices", "ILS",
           "Dashboard invoice export: 'id' (in_…) is not the invoice number ('Number' is); lowercase "
           "currency codes ils/usd; void still shows Amount Remaining 180 and the draft 600 (no number): "
           "both left out; date-times in UTC (all midday, same date in Jerusalem).",
           invoices=i)


# ---------------------------------------------------------------- 22 Odoo customer invoices list export
def f22():
    name = "22_odoo_customer_invoices.xlsx"
    rows = [
        ["Number", "Partner", "Invoice/Bill Date", "Due Date", "Total Signed", "Amount Due", "Currency", "Payment Status", "Status"],
        ["INV/2026/00187", "Shoham Logistics Ltd", d(2026, 10, 8), d(2026, 11, 7), 14160.0, 14160.0, "ILS", "Not Paid", "Posted"],
        ["INV/2026/00195", "Kibbutz Yagur Factory", d(2026, 10, 19), d(2026, 11, 30), 8260.0, 3260.0, "ILS", "Partially Paid", "Posted"],
        ["INV/2026/00199", "Amir Haddad", d(2026, 10, 22), d(2026, 11, 21), 590.0, 590.0, "ILS", "Not Paid", "Cancelled"],
        ["INV/2026/00201", "Amir Haddad", d(2026, 10, 27), d(2026, 11, 26), 1180.0, 0.0, "ILS", "In Payment", "Posted"],
        ["INV/2026/00208", "Rhein Medical GmbH", d(2026, 11, 10), d(2026, 12, 10), 3400.0, 3400.0, "EUR", "Not Paid", "Posted"],
        ["RINV/2026/00014", "Shoham Logistics Ltd", d(2026, 11, 18), d(2026, 11, 18), -1180.0, -1180.0, "ILS", "Not Paid", "Posted"],
        [None, "Kibbutz Yagur Factory", d(2026, 11, 30), d(2026, 12, 30), 4720.0, 4720.0, "ILS", "Not Paid", "Draft"],
    ]
    xlsx_write(name, rows, date_fmt="yyyy-mm-dd", title="Sheet1")
    i = [inv("INV/2026/00187", "Shoham Logistics Ltd", "2026-10-08", "2026-11-07", "14160.00", "14160.00"),
         inv("INV/2026/00195", "Kibbutz Yagur Factory", "2026-10-19", "2026-11-30", "8260.00", "3260.00"),
         inv("INV/2026/00208", "Rhein Medical GmbH", "2026-11-10", "2026-12-10", "3400.00", "3400.00", "EUR"),
         inv("RINV/2026/00014", "Shoham Logistics Ltd", "2026-11-18", "2026-11-18", "-1180.00", "-1180.00")]
    assert total(i, "ILS") == sum(D(str(r[5])) for r in rows[1:] if r[8] == "Posted" and r[6] == "ILS")
    expect(name, "Odoo", "invoices", "ILS",
           "List-view export with user-chosen fields, no title and no totals: two status columns; "
           "Cancelled keeps a non-zero Amount Due (590) and must be dropped; 'In Payment' has 0 due; a "
           "Draft without number dropped; refund RINV negative; an EUR invoice.",
           invoices=i)


if __name__ == "__main__":
    for f in [f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17,
              f18, f19, f20, f21, f22]:
        f()
    print("written", len([n for n in os.listdir(OUT) if n.endswith(".expected.json")]), "expected files")
