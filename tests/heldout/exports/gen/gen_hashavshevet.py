"""Hashavshevet files: ledger card xlsx, customers trial balance BIFF .xls,
movements-only CSV (held), customer aging .ods."""
import csv
import datetime as dt

import openpyxl
from openpyxl.styles import Alignment, Font
import xlwt

from common import path, write_expected, bal, inv, D, m, fmt_he, check_total

SRC_CARD = ("public parsers of real Hashavshevet ledger-card Excel exports: a TS 'Expense Excel Processor "
            "for Hashbshevet' (3 metadata rows, account blocks, col8 ת.אסמכ serial, col14/15 'חובה / זכות "
            "(שקל) חובה/זכות', col16 'יתרה (שקל)'), a Python income-ledger cleaning pipeline test (17 columns; "
            "יתרת פתיחה / יתרת סגירה rows; 'סה\"כ מפתח חשבון' + 2 follower rows; 'סה\"כ לדוח'), JS ledger "
            "parsers ('36,170.00 חובה' text cells) — see NOTES.md")


def d(s):
    return dt.datetime.strptime(s, "%d/%m/%y")


# ---------------------------------------------------------------------------
# 1. Ledger card (כרטסת) xlsx -> balances
# ---------------------------------------------------------------------------
def kartesset():
    name = "hashavshevet_kartesset_customers.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "כרטסת"
    ws.sheet_view.rightToLeft = True
    ws.append(['ש.ב. ייעוץ הנדסי בע"מ', None, None, None, None, None, None, None, None, None, None, None,
               "ע.מ. 514433221"])
    ws.append(["כרטסת הנהלת חשבונות", None, None, None, None, None, None, None,
               "מתאריך 01/01/26 עד תאריך 30/11/26", None, None, None, "קוד מיון 300 - 310"])
    ws.append(["תאריך הדפסה 04/12/26  10:42", None, None, None, None, None, None, None, None, None, None,
               None, "עמוד 1 מתוך 1"])
    h1 = ["שם חשבון", "מפתח חשבון", "קוד מיון", "שם קוד מיון", "מנה", "תנועה", 'ס"ת', "ח-ן נגדי",
          "ת.אסמכ", "ת.ערך", "אסמ'", "אסמ'2", "פרטים", "שם חשבון נגדי", "חובה / זכות (שקל)", None,
          "יתרה (שקל)"]
    h2 = [None] * 14 + ["חובה", "זכות", None]
    ws.append(h1)
    ws.append(h2)
    ws.merge_cells(start_row=4, start_column=15, end_row=4, end_column=16)
    for r in (4, 5):
        for c in ws[r]:
            c.font = Font(bold=True)
            c.alignment = Alignment(horizontal="center")

    def block(acc_name, key, opening, txs, closing_text):
        ws.append([acc_name, key, 300, "לקוחות"])
        ws.append([None, None, "יתרת פתיחה"] + [None] * 13 + [opening])
        running = D(opening)
        tot_d = D(0)
        tot_c = D(0)
        batch = 118
        for (date, st, ref, details, debit, credit, counter, counter_name) in txs:
            running = running + D(debit or 0) - D(credit or 0)
            tot_d += D(debit or 0)
            tot_c += D(credit or 0)
            row = [None, None, None, None, batch, 1000 + batch, st, counter, d(date), d(date), ref, None,
                   details, counter_name, float(debit) if debit else None, float(credit) if credit else None,
                   float(running)]
            ws.append(row)
            r = ws.max_row
            ws.cell(r, 9).number_format = "dd/mm/yy"
            ws.cell(r, 10).number_format = "dd/mm/yy"
            for c in (15, 16, 17):
                ws.cell(r, c).number_format = "#,##0.00"
            batch += 7
        ws.append([None] * 12 + ["יתרת סגירה", None, None, None, closing_text])
        ws.append(['סה"כ מפתח חשבון', key] + [None] * 12 + [float(tot_d), float(tot_c), None])
        ws.append([None] * 12 + ["מספר תנועות", None, len(txs), None, None])
        ws.append([None] * 12 + ["הפרש", None, None, None, float(tot_d - tot_c)])
        return tot_d, tot_c

    t = [D(0), D(0)]
    for args in [
        ('אלון מערכות בע"מ', 30012, 4680.00, [
            ("12/01/26", "חש", 1051, "חשבונית מס 1051", 11700.00, None, 40001, "הכנסות ממכירות"),
            ("05/02/26", "קב", 2210, "קבלה 2210", None, 4680.00, 10010, "בנק הפועלים 12-600"),
            ("18/03/26", "חש", 1077, "חשבונית מס 1077", 2340.00, None, 40001, "הכנסות ממכירות"),
            ("30/04/26", "קב", 2251, "קבלה 2251", None, 10000.00, 10010, "בנק הפועלים 12-600"),
        ], "4,040.00 חובה"),
        ('קפה נחת - ש.ג. בע"מ', 30027, 0.00, [
            ("07/06/26", "חש", 1102, "חשבונית מס 1102", 5850.00, None, 40001, "הכנסות ממכירות"),
            ("21/07/26", "חז", 1118, "חשבונית זיכוי 1118", None, 1170.00, 40001, "הכנסות ממכירות"),
            ("15/09/26", "חש", 1140, "חשבונית מס 1140", 3510.00, None, 40001, "הכנסות ממכירות"),
        ], "8,190.00 חובה"),
        ('ד"ר מיכל ברק', 30031, 2000.00, [
            ("10/02/26", "קב", 2230, "קבלה 2230", None, 2500.00, 10010, "בנק הפועלים 12-600"),
        ], "500.00 זכות"),
        ("עמותת גשר לקהילה", 30044, 0.00, [
            ("03/03/26", "חש", 1070, "חשבונית מס 1070", 23400.00, None, 40001, "הכנסות ממכירות"),
            ("01/04/26", "קב", 2240, "קבלה 2240", None, 23400.00, 10010, "בנק הפועלים 12-600"),
        ], "0.00"),
        ("Blue Harbor Ltd", 30058, 0.00, [
            ("14/10/26", "חש", 1161, "חשבונית מס 1161", 17550.00, None, 40002, "הכנסות ייצוא"),
        ], "17,550.00 חובה"),
    ]:
        a, b = block(*args)
        t[0] += a
        t[1] += b
    ws.append([])
    ws.append(['סה"כ לדוח'] + [None] * 13 + [float(t[0]), float(t[1]), None])
    assert t == [D("64350.00"), D("41750.00")], t
    for col, w in zip("ABCDEFGHIJKLMNOPQ", [22, 11, 8, 12, 6, 7, 5, 8, 10, 10, 7, 7, 20, 20, 12, 12, 14]):
        ws.column_dimensions[col].width = w
    wb.save(path(name))

    exp = [bal('אלון מערכות בע"מ', "30012", "4040.00"),
           bal('קפה נחת - ש.ג. בע"מ', "30027", "8190.00"),
           bal("Blue Harbor Ltd", "30058", "17550.00")]
    # closing balances incl. the credit (-500) and zero ones = opening 6680 + 64350 - 41750 = 29280
    assert sum(D(e["balance"]) for e in exp) - 500 == D(6680) + D(64350) - D(41750)
    write_expected(name, "Hashavshevet", SRC_CARD, "balances",
                   "Ledger card (כרטסת) of the customers' sort code, xlsx, sheet right-to-left. 3 metadata rows; "
                   "two-level header (merged 'חובה / זכות (שקל)' over חובה/זכות). Each account block: heading row "
                   "(name|key|sort code), 'יתרת פתיחה' row (opening balance only in the balance column), movements "
                   "with empty account columns, 'יתרת סגירה' row whose balance cell is TEXT like '4,040.00 חובה', "
                   "'סה\"כ מפתח חשבון' anchor + 2 follower rows (מספר תנועות, הפרש), 'סה\"כ לדוח' at the end. "
                   "The balance owed is the closing balance (debit), not the sum of the movement columns (which "
                   "ignore the opening balance). One customer ends '500.00 זכות' (credit, owes nothing) and one "
                   "at 0.00 — neither is listed. Dates are real date cells (dd/mm/yy).",
                   balances=exp)


# ---------------------------------------------------------------------------
# 2. Customers trial balance (מאזן בוחן) BIFF .xls -> balances
# ---------------------------------------------------------------------------
def trial_balance_xls():
    name = "hashavshevet_trial_balance_customers.xls"
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("מאזן בוחן")
    ws.cols_right_to_left = True
    bold = xlwt.easyxf("font: bold on; align: horiz center")
    title = xlwt.easyxf("font: bold on, height 280; align: horiz center")
    ws.write_merge(0, 0, 0, 5, "מאזן בוחן - לקוחות", title)
    ws.write_merge(1, 1, 0, 5, 'מ.ר. בניה ופיתוח בע"מ   ח.פ. 513987654', bold)
    ws.write(2, 0, "תאריך הדפסה: 04/12/2026 11:05")
    ws.write(2, 4, "עמוד: 1")
    ws.write(3, 0, "מתאריך: 01/01/2026  עד תאריך: 30/11/2026")
    hdr = ["מפתח חשבון", "שם חשבון", "קוד מיון", "חובה", "זכות", "יתרה"]
    for c, h in enumerate(hdr):
        ws.write(4, c, h, bold)
    rows = [
        # key, name, sort, debit, credit, balance text
        ("0030061", "מרכז רפואי השרון", "300", "48,200.00", "35,720.00", "12,480.00 ח"),
        ("0030075", 'שמש בע"מ', "300", "9,945.00", "9,945.00", "0.00"),
        ("0030089", "א.ב. שיווק ירוקים", "300", "3,276.00", "3,626.00", "350.00 ז"),
        ("0030092", "נגריית הגליל", "300", "27,495.00", "12,000.00", "15,495.00 ח"),
    ]
    r = 5
    for row in rows:
        for c, v in enumerate(row):
            ws.write(r, c, v)
        r += 1
    ws.write(r, 1, 'סה"כ קוד מיון 300 - לקוחות בארץ', bold)
    ws.write(r, 3, "88,916.00")
    ws.write(r, 4, "61,291.00")
    ws.write(r, 5, "27,625.00 ח")
    r += 2
    ws.write(r, 0, "0031004")
    ws.write(r, 1, "Nordlicht GmbH")
    ws.write(r, 2, "310")
    ws.write(r, 3, "14,000.00")
    ws.write(r, 4, "0.00")
    ws.write(r, 5, "14,000.00 ח")
    r += 1
    ws.write(r, 1, 'סה"כ קוד מיון 310 - לקוחות בחו"ל', bold)
    ws.write(r, 3, "14,000.00")
    ws.write(r, 4, "0.00")
    ws.write(r, 5, "14,000.00 ח")
    r += 2
    ws.write(r, 1, 'סה"כ לדוח', bold)
    ws.write(r, 3, "102,916.00")
    ws.write(r, 4, "61,291.00")
    ws.write(r, 5, "41,625.00 ח")
    for c, w in enumerate([12, 26, 9, 13, 13, 15]):
        ws.col(c).width = w * 300
    wb.save(path(name))

    exp = [bal("מרכז רפואי השרון", "0030061", "12480.00"),
           bal("נגריית הגליל", "0030092", "15495.00"),
           bal("Nordlicht GmbH", "0031004", "14000.00")]
    assert sum(D(e["balance"]) for e in exp) - 350 == D("41625.00")
    write_expected(name, "Hashavshevet",
                   "Hashavshevet report conventions from the public ledger-card parsers in NOTES.md (מפתח חשבון / "
                   "שם חשבון / קוד מיון, 'סה\"כ' subtotal rows, balance cells mixing a number and a word); the exact "
                   "trial-balance column set is my reconstruction (confidence low-medium)",
                   "balances",
                   "Real BIFF8 .xls (xlwt), sheet right-to-left, merged title, print date, header on row 5. Every "
                   "number is stored as TEXT ('48,200.00'); the balance column carries a side letter: 'ח' (חובה, "
                   "customer owes) or 'ז' (זכות, credit). Account keys have leading zeros ('0030061') and must stay "
                   "text. Subtotal per sort code and a report total must be dropped. 'א.ב. שיווק ירוקים' has a "
                   "credit balance and 'שמש בע\"מ' zero — not owed, not listed. Nordlicht GmbH is a foreign customer "
                   "but the trial balance is in shekels.",
                   balances=exp)


# ---------------------------------------------------------------------------
# 3. Movements-only export, Windows-1255 CSV -> held
# ---------------------------------------------------------------------------
def movements_held():
    name = "hashavshevet_movements_sep_nov.csv"
    rows = [
        ["קוד מיון", "שם קוד מיון", "מפתח חשבון", "שם חשבון", "ת.אסמכ", "פרטים", "חובה / זכות (שקל)",
         "שם חשבון נגדי", "ח-ן נגדי"],
        ["300", "לקוחות", "30012", 'אלון מערכות בע"מ', "05/09/26", "חשבונית 1131", "5,850.00",
         "הכנסות ממכירות", "40001"],
        ["300", "לקוחות", "30027", 'קפה נחת - ש.ג. בע"מ', "15/09/26", "חשבונית 1140", "3,510.00",
         "הכנסות ממכירות", "40001"],
        ["300", "לקוחות", "30058", "Blue Harbor Ltd", "14/10/26", "חשבונית 1161", "17,550.00",
         "הכנסות ייצוא", "40002"],
        ["300", "לקוחות", "30012", 'אלון מערכות בע"מ', "20/10/26", "קבלה 2301", "-3,000.00",
         "בנק הפועלים 12-600", "10010"],
        ["300", "לקוחות", "30027", 'קפה נחת - ש.ג. בע"מ', "02/11/26", "קבלה 2318", "-3,510.00",
         "בנק הפועלים 12-600", "10010"],
        ["300", "לקוחות", "30058", "Blue Harbor Ltd", "28/11/26", "קבלה 2330", "-7,000.00",
         "בנק הפועלים 12-600", "10010"],
    ]
    with open(path(name), "w", encoding="cp1255", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerows(rows)
    write_expected(name, "Hashavshevet",
                   "CSV column names of a Hashavshevet movements export as read by a public React dashboard "
                   "(קוד מיון, שם קוד מיון, מפתח חשבון, שם חשבון, 'חובה / זכות (שקל)', פרטים, ת.אסמכ, שם חשבון "
                   "נגדי, ח-ן נגדי) — see NOTES.md",
                   "held",
                   "Windows-1255 CSV, quoted names with doubled quotes ('אלון מערכות בע\"\"מ'), one signed "
                   "'חובה / זכות (שקל)' column, d/m/yy dates. It is a movements extract for Sep–Nov only.",
                   held_reason="Movements of a date range with no opening balance and no open/closed marking: the "
                               "signed sums per account (e.g. +2,850.00 for 30012) are the period's net movement, "
                               "not what the customer owes, and the rows do not say which invoices are still open. "
                               "A reader must not turn these into balances or open invoices without an opening "
                               "balance or an open-items report.")


# ---------------------------------------------------------------------------
# 4. Customer aging summary re-saved as .ods -> balances
# ---------------------------------------------------------------------------
def aging_ods():
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow, TableCell, TableColumn
    from odf.text import P
    from odf.style import Style, TableColumnProperties

    name = "hashavshevet_aging_resaved.ods"
    doc = OpenDocumentSpreadsheet()
    t = Table(name="גיול חובות")

    def row(values):
        tr = TableRow()
        for v in values:
            if v is None:
                tr.addElement(TableCell())
            elif isinstance(v, (int, float)):
                c = TableCell(valuetype="float", value=v)
                c.addElement(P(text=f"{v:,.2f}"))
                tr.addElement(c)
            else:
                c = TableCell(valuetype="string")
                c.addElement(P(text=str(v)))
                tr.addElement(c)
        t.addElement(tr)

    row(['דוח גיול חובות לקוחות - לפי תאריך פירעון', None, None, None, None, None, None, None])
    row(['ק.ל. הפקות ואירועים בע"מ', None, None, None, None, None, None, None])
    row(["נכון לתאריך 30/11/2026", None, None, None, None, "הופק: 01/12/2026 08:17", None, None])
    row([None] * 8)
    row(["מפתח חשבון", "שם חשבון", "טרם הגיע מועדו", "1-30 יום", "31-60 יום", "61-90 יום", "מעל 90 יום",
         'סה"כ יתרה'])
    data = [
        ("30105", "אולמי הדר", 11700.00, 4680.00, 0.00, 0.00, 0.00, 16380.00),
        ("30112", "גלית ואבי כהן", 0.00, 0.00, 2925.00, 0.00, 0.00, 2925.00),
        ("30120", 'רשת "טעם וריח" בע"מ', 8190.00, 0.00, 0.00, 3510.00, 12870.00, 24570.00),
        ("30133", "מתנ\"ס רמת אביב", 0.00, -1170.00, 0.00, 0.00, 0.00, -1170.00),
        ("30147", "Tamar Events LLC", 0.00, 0.00, 0.00, 0.00, 6084.00, 6084.00),
    ]
    for rr in data:
        row(list(rr))
    row([None] * 8)
    row([None, 'סה"כ', 19890.00, 3510.00, 2925.00, 3510.00, 18954.00, 48789.00])
    doc.spreadsheet.addElement(t)
    doc.save(path(name))

    exp = [bal("אולמי הדר", "30105", "16380.00"),
           bal("גלית ואבי כהן", "30112", "2925.00"),
           bal('רשת "טעם וריח" בע"מ', "30120", "24570.00"),
           bal("Tamar Events LLC", "30147", "6084.00")]
    assert sum(D(e["balance"]) for e in exp) - D("1170.00") == D("48789.00")
    write_expected(name, "Hashavshevet",
                   "aging report concept from Hashavshevet/Wizcloud help (open movements per card, 'מאזן פתוחים "
                   "מפורט') and the Hebrew report conventions in NOTES.md; bucket headings and the summary layout "
                   "are my reconstruction (confidence low); container: a bookkeeper re-saving the export in "
                   "LibreOffice",
                   "balances",
                   ".ods (OpenDocument) re-saved by a bookkeeper. Title rows, 'נכון לתאריך' date, blank row, "
                   "Hebrew bucket columns and a 'סה\"כ יתרה' column per customer; a final 'סה\"כ' row. The balance "
                   "is the 'סה\"כ יתרה' column, not any one bucket. One customer has a net credit (-1,170.00) and "
                   "owes nothing (not listed). Names contain gershayim and quotes.",
                   balances=exp)


# ---------------------------------------------------------------------------
# 5. Ledger card, older layout: key/name only on the FIRST row of each block, BIFF .xls
# ---------------------------------------------------------------------------
def kartesset_first_row_xls():
    name = "hashavshevet_kartesset_first_row.xls"
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    ws.cols_right_to_left = True
    bold = xlwt.easyxf("font: bold on; align: horiz center")
    num = xlwt.easyxf(num_format_str="#,##0.00")
    ws.write(0, 0, 'א.ג. שיווק מזון בע"מ')
    ws.write(0, 5, "תיק: 0412")
    ws.write(1, 0, "כרטסת חשבונות")
    ws.write(1, 4, "מתאריך 01/09/26 עד 30/11/26")
    ws.write(2, 0, "הודפס ב- 01/12/26 12:40")
    h1 = ["מפתח חשבון", "שם חשבון", "ת.אסמכ", "אסמ'", "פרטים"]
    for c, h in enumerate(h1):
        ws.write_merge(3, 4, c, c, h, bold)
    ws.write_merge(3, 3, 5, 6, "חובה / זכות (שקל)", bold)
    ws.write(4, 5, "חובה", bold)
    ws.write(4, 6, "זכות", bold)
    ws.write_merge(3, 4, 7, 7, "יתרה (שקל)", bold)
    r = 5
    blocks = [
        ("40013", "מאפיית לחם הארץ", "2,340.00 חובה", [
            ("14/09/26", "611", "חשבונית 611", 7020.00, None),
            ("02/10/26", "915", "קבלה 915", None, 3510.00)], "5,850.00 חובה"),
        ("40027", "א.ש. לוגיסטיקה", "334,921.00 זכות", [
            ("20/10/26", "655", "חשבונית 655", 200000.00, None)], "134,921.00 זכות"),
        ("40031", "רשת מרפאות שיניים חיוך", "12,870.00 חובה", [
            ("05/11/26", "671", "חשבונית 671", 4095.00, None),
            ("25/11/26", "680", "חשבונית זיכוי 680", None, 1755.00)], "15,210.00 חובה"),
    ]
    td = tc = D(0)
    for key, nm, opening, txs, closing in blocks:
        ws.write(r, 0, key)
        ws.write(r, 1, nm)
        ws.write(r, 4, "יתרת פתיחה")
        ws.write(r, 7, opening)
        r += 1
        bd = bc = D(0)
        for (date, ref, det, debit, credit) in txs:
            ws.write(r, 2, date)
            ws.write(r, 3, ref)
            ws.write(r, 4, det)
            if debit:
                ws.write(r, 5, debit, num)
                bd += D(debit)
            if credit:
                ws.write(r, 6, credit, num)
                bc += D(credit)
            r += 1
        ws.write(r, 4, "יתרת סגירה")
        ws.write(r, 7, closing)
        r += 1
        ws.write(r, 0, 'סה"כ מפתח חשבון')
        ws.write(r, 1, key)
        ws.write(r, 5, float(bd), num)
        ws.write(r, 6, float(bc), num)
        r += 1
        ws.write(r, 4, f"מספר תנועות: {len(txs)}")
        r += 1
        r += 1  # second follower row: empty
        td += bd
        tc += bc
    ws.write(r, 0, 'סה"כ לדוח')
    ws.write(r, 5, float(td), num)
    ws.write(r, 6, float(tc), num)
    assert (td, tc) == (D("211115.00"), D("5265.00"))
    for c, w in enumerate([12, 24, 9, 7, 22, 13, 13, 17]):
        ws.col(c).width = w * 300
    wb.save(path(name))
    exp = [bal("מאפיית לחם הארץ", "40013", "5850.00"),
           bal("רשת מרפאות שיניים חיוך", "40031", "15210.00")]
    write_expected(name, "Hashavshevet", SRC_CARD + "; older variant per team notes (account name/number only "
                   "on the first row of each block, to be carried down)", "balances",
                   "Real BIFF .xls, right-to-left. The account key and name appear only on the block's first row — "
                   "which is the 'יתרת פתיחה' row — and must be carried down; opening and closing balances are TEXT "
                   "with a side word ('2,340.00 חובה', '334,921.00 זכות'); movements have numeric debit/credit "
                   "cells and text dates dd/mm/yy. Two-level merged header. Each block ends with 'סה\"כ מפתח "
                   "חשבון' + 2 follower rows; 'סה\"כ לדוח' at the end. 'א.ש. לוגיסטיקה' closes in credit "
                   "(134,921.00 זכות — an advance) and owes nothing; the movement totals (211,115.00 debit) are "
                   "not balances.",
                   balances=exp)


if __name__ == "__main__":
    kartesset()
    trial_balance_xls()
    movements_held()
    aging_ods()
    kartesset_first_row_xls()
    print("hashavshevet done")
