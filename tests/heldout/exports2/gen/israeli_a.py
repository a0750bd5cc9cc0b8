"""Hashavshevet (three reports), Rivhit and Morning files."""
from __future__ import annotations

import datetime as dt

import openpyxl
import xlwt
from openpyxl.styles import Alignment, Font

from common import (D, LRM, RLM, OUT, bal, inv, must_equal, total,
                    write_csv, write_expected)


# 1 ---------------------------------------------------------------- Hashavshevet ledger card
def hashavshevet_karteset():
    name = "hashavshevet_karteset_2026.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "כרטסת"
    ws.sheet_view.rightToLeft = True
    ws.append(["כרטסת הנהלת חשבונות בשקלים"])
    ws.append(["אורן ושות' שיווק בע\"מ", None, None, "תאריך הדפסה: 01/12/26", None, "שעה 08:47"])
    ws.append(["מתאריך ערך 01/01/26 עד 30/11/26", None, None, "חתך: מפתח חשבון 30001 - 30999"])
    ws.append(["מפתח חשבון", "שם חשבון", "ת.אסמכתא", "אסמכתא", "ת.ערך", "פרטים",
               "חובה / זכות (שקל)", None, "יתרה מצטברת"])
    ws.merge_cells(start_row=4, start_column=7, end_row=4, end_column=8)
    ws.append([None, None, None, None, None, None, "חובה", "זכות", None])
    for c in ws[4] + ws[5]:
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center")

    def block(key, title, opening, moves, closing_text, pages_after=True):
        # opening: text like "1,500.00 חובה" or None
        first = True
        if opening is not None:
            ws.append([key, title, None, None, None, "יתרת פתיחה", None, None, opening])
            first = False
        for (date, ref, detail, debit, credit, running) in moves:
            ws.append([key if first else None, title if first else None, date, ref, date,
                       detail, debit, credit, running])
            first = False
        ws.append([None, None, None, None, None, "יתרת סגירה", None, None, closing_text])
        dsum = sum((m[3] for m in moves if m[3] is not None), 0.0)
        csum = sum((m[4] for m in moves if m[4] is not None), 0.0)
        ws.append([None, None, None, None, None, f"סה\"כ מפתח חשבון {key}",
                   round(dsum, 2), round(csum, 2), closing_text])
        ws.append([])
        ws.append([None, None, None, None, None, None, None, None, "-" * 12])
        return dsum, csum

    t = []
    t.append(block(30011, "מאפיית השקד בע\"מ", "1,500.00 חובה", [
        ("15/09/26", "40211", "חשבונית מס 40211", 3510.00, None, "5,010.00 חובה"),
        ("20/09/26", "7714", "קבלה 7714 העברה בנקאית", None, 2000.00, "3,010.00 חובה"),
        ("12/10/26", "40236", "חשבונית מס 40236", 1170.00, None, "4,180.00 חובה"),
    ], "4,180.00 חובה"))
    t.append(block(30012, "כהן את כהן הנדסה", None, [
        ("03/10/26", "40229", "חשבונית מס 40229", 11700.00, None, "11,700.00 חובה"),
        ("10/10/26", "40233", "חשבונית זיכוי 40233", None, 1170.00, "10,530.00 חובה"),
        ("01/11/26", "7760", "קבלה 7760 שיק", None, 5000.00, "5,530.00 חובה"),
    ], "5,530.00 חובה"))
    t.append(block(30015, "ד\"ר לוי - קליניקה", None, [
        ("18/10/26", "40241", "חשבונית מס 40241", 2340.00, None, "2,340.00 חובה"),
        ("30/10/26", "7771", "קבלה 7771 אשראי", None, 2340.00, "0.00"),
    ], "0.00"))
    t.append(block(30018, "גן ירוק בע\"מ", None, [
        ("02/11/26", "7780", "קבלה 7780 מקדמה", None, 3000.00, "3,000.00 זכות"),
        ("09/11/26", "40262", "חשבונית מס 40262", 1755.00, None, "1,245.00 זכות"),
    ], "1,245.00 זכות"))
    t.append(block(30021, "סטודיו נגה", None, [
        ("28/11/26", "40277", "חשבונית מס 40277", 8190.00, None, "8,190.00 חובה"),
    ], "8,190.00 חובה"))
    dsum = round(sum(x[0] for x in t), 2)
    csum = round(sum(x[1] for x in t), 2)
    ws.append([None, None, None, None, None, "סה\"כ לדוח", dsum, csum, "16,655.00 חובה"])
    wb.save(OUT / name)

    # net of the report: opening 1,500 + debits - credits
    net = D("1500.00") + D(str(dsum)) - D(str(csum))
    must_equal(name + " net", net, "16,655.00")
    expected = [
        bal("30011", "מאפיית השקד בע\"מ", "4180.00", "ILS"),
        bal("30012", "כהן את כהן הנדסה", "5530.00", "ILS"),
        bal("30021", "סטודיו נגה", "8190.00", "ILS"),
    ]
    # positive customers minus the one credit balance equals the report net
    must_equal(name, total(expected) - D("1245.00"), "16,655.00")
    write_expected(name, "Hashavshevet", "balances", "ILS", [], expected,
                   "Ledger card (כרטסת): three metadata rows, a two-level header with a merged "
                   "'חובה / זכות (שקל)', account key and name only on each block's first row, "
                   "opening/closing/total rows per account plus two rows after each total, a "
                   "report total, and running balances written as '4,180.00 חובה' text. Balance "
                   "per customer is the closing balance; 30015 closes at 0.00 and 30018 is in "
                   "credit (זכות), so both are left out.")


# 2 ---------------------------------------------------------------- Hashavshevet aging (BIFF)
def hashavshevet_aging():
    name = "hashavshevet_aging_301126.xls"
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("גיול חובות")
    ws.cols_right_to_left = True
    bold = xlwt.easyxf("font: bold on; align: horiz center")
    ws.write_merge(0, 0, 0, 7, "גיול חובות לקוחות - לפי תאריך ערך", bold)
    ws.write(1, 0, "לתאריך: 30/11/26")
    ws.write(2, 0, "הודפס: 01/12/26 10:02")
    ws.write(2, 5, "עמוד 1 מתוך 1")
    head = ["מפתח", "שם חשבון", "יתרה", "0-30", "31-60", "61-90", "91-120", "מעל 120"]
    for i, h in enumerate(head):
        ws.write(4, i, h, bold)
    rows = [
        ("00310", "א.ב. ניקיון ואחזקה", "12,450.00 ₪", "4,150.00 ₪", "8,300.00 ₪", "", "", ""),
        ("00311", "מסעדת הזית", "3,900.00 ₪", "", "", "", "3,900.00 ₪", ""),
        ("00314", "שמש בע\"מ", "-1,200.00 ₪", "-1,200.00 ₪", "", "", "", ""),
        ("00317", "ליאור פרסום", "27,040.50 ₪", "27,040.50 ₪", "", "", "", ""),
        ("00320", "קפה נמרוד", "0.00 ₪", "", "", "", "", ""),
        ("", "סה\"כ קוד מיון 300 - לקוחות מקומיים", "42,190.50 ₪", "29,990.50 ₪",
         "8,300.00 ₪", "", "3,900.00 ₪", ""),
        ("00405", "עמותת אור לילד", "6,020.00 ₪", "", "", "6,020.00 ₪", "", ""),
        ("", "סה\"כ קוד מיון 400 - מוסדות", "6,020.00 ₪", "", "", "6,020.00 ₪", "", ""),
        ("", "סה\"כ לדוח", "48,210.50 ₪", "29,990.50 ₪", "8,300.00 ₪", "6,020.00 ₪",
         "3,900.00 ₪", ""),
    ]
    r = 5
    for row in rows:
        for i, v in enumerate(row):
            ws.write(r, i, v)  # every number stored as text with a trailing shekel sign
        r += 1
    wb.save(str(OUT / name))

    expected = [
        bal("00310", "א.ב. ניקיון ואחזקה", "12450.00", "ILS"),
        bal("00311", "מסעדת הזית", "3900.00", "ILS"),
        bal("00317", "ליאור פרסום", "27040.50", "ILS"),
        bal("00405", "עמותת אור לילד", "6020.00", "ILS"),
    ]
    must_equal(name, total(expected) - D("1200.00"), "48,210.50")
    must_equal(name + " group 300", total(expected[:3]) - D("1200.00"), "42,190.50")
    write_expected(name, "Hashavshevet", "balances", "ILS", [], expected,
                   "BIFF8 .xls aging (גיול חובות) laid out right-to-left: merged title, print "
                   "date, header on row 5, account keys with leading zeros stored as text, all "
                   "amounts text with a trailing '₪', sort-code subtotals interleaved with "
                   "customers and a report total. 00314 is a credit balance and 00320 is zero: "
                   "both left out.")


# 3 ---------------------------------------------------------------- Hashavshevet open items (cp1255)
def hashavshevet_open_items():
    name = "hashavshevet_open_items.csv"
    rows = [
        ["מאזן פתוחים מפורט"],
        ["לתאריך: 30/11/26", "", "", "", "", "", ""],
        [],
        ["מפתח חשבון", "שם חשבון", "אסמכתא", "תאריך אסמכתא", "תאריך ערך", "פרטים", "סכום פתוח"],
        ["30040", "שמש בע\"מ", "10455", "3/9/26", "3/10/26", "חשבונית מס 10455", "4,680.00"],
        ["", "", "10471", "15/10/26", "14/11/26", "חשבונית מס 10471", "1,234.50"],
        ["", "", "10480", "20/10/26", "20/10/26", "חשבונית זיכוי 10480", "(500.00)"],
        ["", "סה\"כ לחשבון 30040", "", "", "", "", "5,414.50"],
        ["30041", "ברק ובניו", "10462", "28/9/26", "31/10/26", "חשבונית מס 10462", "₪ 980.00"],
        ["", "סה\"כ לחשבון 30041", "", "", "", "", "980.00"],
        ["30043", "מרכז ספורט רמת גן", "10490", "1/11/26", "1/12/26", "חשבונית מס 10490",
         "2,106.00"],
        ["", "סה\"כ לחשבון 30043", "", "", "", "", "2,106.00"],
        [],
        ["", "סה\"כ כללי", "", "", "", "", "8,500.50"],
    ]
    write_csv(name, rows, encoding="cp1255")
    expected = [
        inv("10455", "שמש בע\"מ", "2026-09-03", "2026-10-03", None, "4680.00", "ILS"),
        inv("10471", "שמש בע\"מ", "2026-10-15", "2026-11-14", None, "1234.50", "ILS"),
        inv("10480", "שמש בע\"מ", "2026-10-20", "2026-10-20", None, "-500.00", "ILS"),
        inv("10462", "ברק ובניו", "2026-09-28", "2026-10-31", None, "980.00", "ILS"),
        inv("10490", "מרכז ספורט רמת גן", "2026-11-01", "2026-12-01", None, "2106.00", "ILS"),
    ]
    must_equal(name, total(expected), "8,500.50")
    must_equal(name + " 30040", total(expected[:3]), "5,414.50")
    write_expected(name, "Hashavshevet", "invoices", "ILS", expected, [],
                   "Open-items balance (מאזן פתוחים מפורט) as Windows-1255 CSV: title lines, "
                   "the account name only on the first row of each block, per-account and "
                   "report totals, 'שמש בע\"\"מ' quoting, d/m/yy dates (15/10/26 proves day "
                   "first), '(500.00)' for an open credit note, '₪ 980.00'. Only the open "
                   "amount is printed, so amount is null. Hashavshevet's תאריך ערך on a "
                   "customer invoice is its payment date, read here as the due date.")


# 4 ---------------------------------------------------------------- Rivhit open documents
def rivhit_open_documents():
    name = "rivhit_open_documents.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "מסמכים פתוחים"
    ws.sheet_view.rightToLeft = True
    ws.append(["ריווחית - דוח מסמכים פתוחים ללקוחות"])
    ws.append(["סטודיו כרמל בע\"מ"])
    ws.append(["תאריך הפקה: 01/12/2026"])
    ws.append([])
    ws.append(["שם לקוח", "סוג מסמך", "מס' מסמך", "תאריך מסמך", "תאריך פירעון",
               "סכום מסמך", "סכום ששולם", "יתרה לגבייה"])
    d = dt.date
    data = [
        [RLM + "מוסך הדקל", "חשבונית מס", 2201, d(2026, 9, 7), d(2026, 10, 7), 5850, 2000, 3850],
        [RLM + "מוסך הדקל", "חשבונית מס", LRM + "2230", d(2026, 10, 19), d(2026, 11, 18),
         1404, 0, 1404],
        [None, "סה\"כ ללקוח", None, None, None, 7254, 2000, 5254],
        ["רונית עיצובים" + LRM, "חשבונית מס", 2215, d(2026, 10, 1), d(2026, 10, 31),
         2925, 0, 2925],
        ["רונית עיצובים" + LRM, "חשבונית מס זיכוי", 2219, d(2026, 10, 5), None, -585, 0, -585],
        [None, "סה\"כ ללקוח", None, None, None, 2340, 0, 2340],
        ["אלון הובלות", "חשבונית מס", 2244, d(2026, 11, 2), d(2026, 12, 2), 17550, 7550, 10000],
        [None, "סה\"כ ללקוח", None, None, None, 17550, 7550, 10000],
        [None, None, None, None, None, None, None, None],
        ["סה\"כ כללי", None, None, None, None, 27144, 9550, 17594],
    ]
    for row in data:
        ws.append(row)
        r = ws.max_row
        for col in (4, 5):
            ws.cell(r, col).number_format = "dd/mm/yyyy"
        for col in (6, 7, 8):
            ws.cell(r, col).number_format = "#,##0.00"
    wb.save(OUT / name)

    expected = [
        inv("2201", "מוסך הדקל", "2026-09-07", "2026-10-07", "5850.00", "3850.00", "ILS"),
        inv("2230", "מוסך הדקל", "2026-10-19", "2026-11-18", "1404.00", "1404.00", "ILS"),
        inv("2215", "רונית עיצובים", "2026-10-01", "2026-10-31", "2925.00", "2925.00", "ILS"),
        inv("2219", "רונית עיצובים", "2026-10-05", None, "-585.00", "-585.00", "ILS"),
        inv("2244", "אלון הובלות", "2026-11-02", "2026-12-02", "17550.00", "10000.00", "ILS"),
    ]
    must_equal(name, total(expected), "17,594.00")
    write_expected(name, "Rivhit", "invoices", "ILS", expected, [],
                   "Right-to-left sheet with title rows, real Excel date cells, invisible "
                   "U+200F/U+200E marks in names and in one document number stored as text, "
                   "customer subtotal rows ('סה\"כ ללקוח') and a grand total. A partial payment "
                   "(2201, 2244) and a credit note with no due date (2219, negative).")


# 5 ---------------------------------------------------------------- Morning (Green Invoice)
def morning_documents():
    name = "morning_documents_export.csv"
    head = ["סוג מסמך", "מספר מסמך", "תאריך מסמך", "תאריך לתשלום", "שם לקוח", "מספר לקוח",
            "מייל לקוח", "סכום כולל מע\"מ", "מטבע", "יתרה לתשלום", "סטטוס"]
    rows = [head,
            ["חשבונית מס", "1043", "01/10/2026", "31/10/2026", "נוי קוסמטיקס", "17",
             "office@noy-cosmetics.example", "4,212.00", "₪", "4,212.00", "פתוח"],
            ["חשבונית מס", "1044", "03/10/2026", "02/11/2026", "Blue Harbor Ltd", "22",
             "ap@blueharbor.example", "1,500.00", "$", "1,500.00", "פתוח"],
            ["חשבונית מס קבלה", "1045", "05/10/2026", "", "יעל כץ", "31",
             "yael.k@example.com", "702.00", "₪", "0.00", "סגור"],
            ["קבלה", "5020", "06/10/2026", "", "נוי קוסמטיקס", "17",
             "office@noy-cosmetics.example", "1,000.00", "₪", "0.00", "סגור"],
            ["חשבונית מס", "1046", "12/10/2026", "11/11/2026", "מכולת השכונה", "8",
             "", "2,340.00", "₪", "1,340.00", "פתוח"],
            ["הצעת מחיר", "88", "15/10/2026", "", "גלעד אדריכלים", "40",
             "gilad@arch.example", "9,360.00", "₪", "9,360.00", "פתוח"],
            ["חשבונית מס", "1047", "20/10/2026", "19/11/2026", "גלעד אדריכלים", "40",
             "gilad@arch.example", "9,360.00", "₪", "9,360.00", "מבוטל"],
            ["חשבונית זיכוי", "1048", "22/10/2026", "", "נוי קוסמטיקס", "17",
             "office@noy-cosmetics.example", "-351.00", "₪", "-351.00", "פתוח"],
            ["חשבונית מס", "1049", "01/11/2026", "01/12/2026", "אופיר מערכות", "12",
             "billing@ofir.example", "5,265.00", "₪", "5,265.00", "נסגר ידנית"],
            ["חשבונית מס", "1050", "16/11/2026", "16/12/2026", "אופיר מערכות", "12",
             "billing@ofir.example", "3,042.00", "₪", "3,042.00", "פתוח"],
            ]
    write_csv(name, rows, encoding="utf-8", bom=True)
    expected = [
        inv("1043", "נוי קוסמטיקס", "2026-10-01", "2026-10-31", "4212.00", "4212.00", "ILS"),
        inv("1044", "Blue Harbor Ltd", "2026-10-03", "2026-11-02", "1500.00", "1500.00", "USD"),
        inv("1046", "מכולת השכונה", "2026-10-12", "2026-11-11", "2340.00", "1340.00", "ILS"),
        inv("1048", "נוי קוסמטיקס", "2026-10-22", None, "-351.00", "-351.00", "ILS"),
        inv("1050", "אופיר מערכות", "2026-11-16", "2026-12-16", "3042.00", "3042.00", "ILS"),
    ]
    # the file prints no total: check against the open rows that are tax documents
    printed_open_ils = sum(D(r[9]) for r in rows[1:] if r[10] == "פתוח" and r[8] == "₪"
                           and r[0] != "הצעת מחיר")
    must_equal(name, total(expected, "ILS"), str(printed_open_ils))
    write_expected(name, "Morning (Green Invoice)", "invoices", "ILS", expected, [],
                   "UTF-8 with BOM document list (column names are our reconstruction; Morning's "
                   "UI export layout is not public). Currency as a symbol (₪/$). Left out: a "
                   "closed חשבונית מס קבלה, a receipt, an open price quote (הצעת מחיר is not a "
                   "debt even with status פתוח and a 'balance'), a cancelled invoice whose "
                   "balance column still shows the full sum, and a manually closed invoice "
                   "(נסגר ידנית) that also still shows a balance. Open credit note 1048 "
                   "kept, negative.")


def make():
    hashavshevet_karteset()
    hashavshevet_aging()
    hashavshevet_open_items()
    rivhit_open_documents()
    morning_documents()
