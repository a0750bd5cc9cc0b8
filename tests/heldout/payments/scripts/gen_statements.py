"""Writes the held-out statement files and their NAME.expected.json.

Layouts follow what public parsers of real downloads expect (see README for
the sources).  Contents are invented.  Four files reuse the credits of the
matching scenarios so a reader+matcher can be scored end to end:
  hapoalim (Apr-Jun 2025 lines)  <- scenario-2 credits
  leumi    (Oct-Dec 2024)        <- scenario-1 credits
  discount (Jul-Dec 2024, ILS)   <- scenario-3 ILS credits
"""
import csv
import datetime as dt
import html
import io
import os
import random
import sys
from decimal import Decimal

import openpyxl
import xlwt
from openpyxl.styles import Font, Alignment

from stmt_common import (D, Line, money, norm, join_desc, debits, balances, order, write_expected,
                         scenario_credits, refgen, snap, next_bank_day, bank_days)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "statements")
MATCH = os.path.join(ROOT, "matching")
RLM, LRM, NBSP = "\u200f", "\u200e", "\xa0"

PEOPLE = ["לוי משה", "כהן רחל", "ביטון אברהם", "פרידמן דניאל", "שפירא ליאור", "גבאי מירב", "חדד עומר",
          "קפלן רינה", "שגיא איתי", "טל שרון", "עמר גלית", "בלום רון", "אזולאי מאיר", "KOGAN ALEX"]
FIRMS = ["ש. קרני מהנדסי", "גב אקספרט בע\"מ", "אורגד ש.נ בע\"מ", "נווה ניהול נכס", "מלון חוף התמרי",
         "דירות השקמה בע", "ועד בית הגפן 4"]


def random_credits(rng, start, end, ref, style, n):
    out = []
    days = list(bank_days(start, end))
    for _ in range(n):
        d = rng.choice(days)
        kind = rng.choices(["transfer", "bit", "cheque", "firm", "card"], [5, 3, 2, 3, 1])[0]
        amt = money(rng.randrange(300, 9000) + rng.choice([0, 0.5, 0.2, 0.8]))
        who = rng.choice(PEOPLE)
        num = rng.randint(30001, 30299)
        if kind == "transfer":
            if style == "hapoalim":
                short = rng.choice(["זיכוי מלאומי", "זיכוי מדיסקונט", "זיכוי מהמזרחי", "העברה-נייד"])
                text = rng.choice([f"חש' {num}", "תשלום", f"חשבונית {num}", "אינסטלציה"])
                out.append(Line(d, amt, short, f"המבצע: {who} עבור: {text} מח-ן:{rng.randint(10**8, 10**9 - 1)}.",
                                ref()))
            else:
                out.append(Line(d, amt, rng.choice(["זיכוי מלאומי", "זיכוי מהפועלים", "העברה מחשבון"]),
                                f"{who} {rng.choice(['תשלום', f'חש {num}', ''])}".strip(), ref()))
        elif kind == "bit":
            out.append(Line(d, amt, "bit העברת כסף" if style == "hapoalim" else "העברה בביט",
                            f"{who} {rng.choice(['תיקון', 'תודה', f'חשבונית {num}'])}", ref()))
        elif kind == "cheque":
            out.append(Line(d, amt, rng.choice(["הפקדת שיק", "הפק.שיק בסלולר"]), "", ref(),
                            vdate=next_bank_day(d)))
        elif kind == "firm":
            out.append(Line(d, amt * 3, rng.choice(FIRMS), rng.choice(["", f"חש' {num}"]), ref()))
        else:
            out.append(Line(d, amt * 2, rng.choice(["זיכוי ישראכרט", "כ.א.ל-זיכוי", "מקס איט פיננסי"]),
                            "זיכוי שוברים", ref()))
    return out


def fmt_amount(x):
    return f"{x:,.2f}"


def dmy(d, yy=False, sep="/"):
    return d.strftime(f"%d{sep}%m{sep}%y" if yy else f"%d{sep}%m{sep}%Y")


# ---------------------------------------------------------------------------
def hapoalim_pair(rng):
    """One Hapoalim account, two downloads that overlap in March 2025:
    a new-site xlsx (Jan-Mar) and a CSV with BOM (Mar-Jun)."""
    ref = refgen(rng)
    start, end = dt.date(2025, 1, 1), dt.date(2025, 6, 30)
    lines = debits(rng, start, end, ref, "hapoalim", payroll=(18000, 26000))
    lines += random_credits(rng, start, dt.date(2025, 3, 31), ref, "hapoalim", 24)
    sc = scenario_credits(os.path.join(MATCH, "scenario-2.json"), dt.date(2025, 4, 1), end)
    lines += sc
    # a few debits in April-June push the balance below zero (overdraft, shown in parentheses in the CSV)
    lines.append(Line(dt.date(2025, 4, 3), "-38500.00", "העב' לאחר-נייד", "לטובת: ח.י. חומרי בניין", ref()))
    lines.append(Line(dt.date(2025, 5, 1), "-2450.00", "שיק", "", "00001871"))
    lines = order(lines)
    closing = balances(lines, "41250.37")
    # the "לטובת"/"עבור" columns of the new layout: filled on a few debit lines only
    for l in lines:
        if l.desc == "העב' לאחר-נייד" and rng.random() < 0.3:
            l.extra["avur_col"] = rng.choice(["חשבונית ספק", "תשלום ספק", "הזמנה 4471"])
        l.expected_desc = join_desc(l.desc, l.detail, l.extra.get("laTovat_col", ""), l.extra.get("avur_col", ""))

    # ---- xlsx, January-March
    xl = [l for l in lines if l.date <= dt.date(2025, 3, 31)]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "גיליון1"
    ws.sheet_view.rightToLeft = True
    ws["A1"] = "בנק הפועלים"
    ws["A2"] = "תנועות בחשבון"
    ws["A3"] = f"מספר חשבון  12-634-187204  לתקופה:  01.01.2025 - 31.03.2025"
    ws["A4"] = "ש.מ. אינסטלציה ושירותי צנרת בע\"מ"
    ws["A1"].font = Font(bold=True, size=14)
    head = ["תאריך", "הפעולה", "פרטים", "אסמכתא", "חובה", "זכות", "יתרה בש''ח", "תאריך ערך", "לטובת", "עבור"]
    for j, h in enumerate(head, 1):
        c = ws.cell(row=6, column=j, value=h)
        c.font = Font(bold=True)
    r = 7
    for l in xl:
        row = [dt.datetime.combine(l.date, dt.time()), l.desc, l.detail or None, l.ref,
               float(-l.amount) if l.amount < 0 else None, float(l.amount) if l.amount > 0 else None,
               float(l.balance), dt.datetime.combine(l.vdate, dt.time()),
               l.extra.get("laTovat_col"), l.extra.get("avur_col")]
        for j, v in enumerate(row, 1):
            c = ws.cell(row=r, column=j, value=v)
            if j in (1, 8):
                c.number_format = "dd/mm/yyyy"
            if j in (5, 6, 7):
                c.number_format = "#,##0.00"
            if j == 4:
                c.number_format = "@"
        r += 1
    for col, w in zip("ABCDEFGHIJ", [12, 18, 48, 12, 12, 12, 14, 12, 14, 14]):
        ws.column_dimensions[col].width = w
    name = "hapoalim-2025-01-03.xlsx"
    wb.save(os.path.join(OUT, name))
    write_expected(os.path.join(OUT, "hapoalim-2025-01-03.expected.json"), "Bank Hapoalim",
                   "xlsx of the current site: sheet 'גיליון1', title rows, header in row 6 starting with "
                   "'תאריך' (ofxstatement Hapoalim plugin's validator: A6 == 'תאריך'); columns as in a public "
                   "Apps-Script budget bot's Hapoalim test sample (תאריך, הפעולה, פרטים, אסמכתא, חובה, זכות, "
                   "יתרה בש''ח, תאריך ערך, לטובת, עבור); details text 'המבצע: … עבור: … מח-ן:…' as in "
                   "israeli-bank-scrapers' Hapoalim mock", xl,
                   extra={"account": "12-634-187204", "overlaps_with": "hapoalim-2025-03-06.csv (March 2025)",
                          "chained_scenario": None})

    # ---- CSV with BOM, March-June
    cs = [l for l in lines if l.date >= dt.date(2025, 3, 1)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["תאריך", "הפעולה", "פרטים", RLM + "אסמכתא", "חובה", "זכות", "יתרה בש''ח",
                "תאריך" + NBSP + "ערך", "לטובת", "עבור"])

    def paren(x):
        return f"({fmt_amount(-x)})" if x < 0 else fmt_amount(x)

    for l in cs:
        w.writerow([dmy(l.date, yy=True), l.desc, l.detail, l.ref,
                    fmt_amount(-l.amount) if l.amount < 0 else "", fmt_amount(l.amount) if l.amount > 0 else "",
                    paren(l.balance), dmy(l.vdate, yy=True), l.extra.get("laTovat_col", ""),
                    l.extra.get("avur_col", "")])
    w.writerow([])
    deb = sum((-l.amount for l in cs if l.amount < 0), D(0))
    cre = sum((l.amount for l in cs if l.amount > 0), D(0))
    w.writerow(["סה\"כ", "", "", "", fmt_amount(deb), fmt_amount(cre), "", "", "", ""])
    w.writerow(["יתרה לסוף התקופה", "", "", "", "", "", paren(cs[-1].balance), "", "", ""])
    with open(os.path.join(OUT, "hapoalim-2025-03-06.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())
    write_expected(os.path.join(OUT, "hapoalim-2025-03-06.expected.json"), "Bank Hapoalim",
                   "CSV download: UTF-8 with BOM, NBSP and U+200F in header cells, DD/MM/YY dates, '1,234.50' "
                   "amounts, negatives (overdraft balance) in parentheses (shared/notes/exports.md, Hapoalim CSV); "
                   "same columns as the xlsx download; a totals row and a closing-balance row that are not "
                   "transactions", cs,
                   extra={"account": "12-634-187204", "overlaps_with": "hapoalim-2025-01-03.xlsx (March 2025)",
                          "chained_scenario": "scenario-2: every credit dated 2025-04-01..2025-06-30 here is a "
                                              "credit of matching/scenario-2.json (same date, amount, reference)"})
    overlap = [l for l in lines if dt.date(2025, 3, 1) <= l.date <= dt.date(2025, 3, 31)]
    return len(xl), len(cs), len(overlap), closing


# ---------------------------------------------------------------------------
def hapoalim_old_html(rng):
    """Older site: an HTML table saved as .xls, Windows-1255, continuation rows."""
    ref = refgen(rng)
    start, end = dt.date(2024, 7, 1), dt.date(2024, 9, 30)
    lines = debits(rng, start, end, ref, "hapoalim", payroll=None, loan=False, scale=0.4)
    lines += random_credits(rng, start, end, ref, "hapoalim", 22)
    lines = order(lines)
    balances(lines, "8420.15")
    # the old layout has no details column: the details text goes into a continuation row under the line
    for l in lines:
        memo = l.detail
        l.memo = memo
        l.expected_desc = join_desc(l.desc, memo)
    rows = []
    for l in lines:
        cells = [dmy(l.date), html.escape(l.desc), l.ref or NBSP, dmy(l.vdate),
                 fmt_amount(-l.amount) if l.amount < 0 else NBSP, fmt_amount(l.amount) if l.amount > 0 else NBSP,
                 fmt_amount(l.balance)]
        tds = "".join(f'<td headers="header{k + 1}" class="TD_ROW">{c}</td>' for k, c in enumerate(cells))
        rows.append(f'<tr id="TR_ROW_BANKTABLE" class="TR_ROW_BANKTABLE">{tds}</tr>')
        if l.memo:
            rows.append(f'<tr id="TR_ROW_BANKTABLE" class="TR_ROW_COMMENT"><td>{NBSP}</td>'
                        f'<td colspan="5" class="TD_COMMENT">{html.escape(l.memo)}</td><td>{NBSP}</td></tr>')
    heads = ["תאריך", "הפעולה", "אסמכתא", "תאריך ערך", "חובה", "זכות", "יתרה בש\"ח"]
    th = "".join(f'<th id="header{k + 1}" class="TH_BANKTABLE">{h}</th>' for k, h in enumerate(heads))
    doc = f"""<html dir="rtl">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1255">
<title>תנועות בחשבון</title>
<style>.TD_ROW{{mso-number-format:"\\@";}}</style>
</head>
<body>
<table id="mytable_head" dir="rtl"><tr><td>בנק הפועלים - תנועות בחשבון</td></tr>
<tr><td>חשבון: 12-608-552913 &nbsp; דוד ישראלי - שיפוצים</td></tr>
<tr><td>תקופה: 01/07/2024 - 30/09/2024</td></tr></table>
<table id="mytable_body" dir="rtl" border="1">
<tr>{th}</tr>
{chr(10).join(rows)}
</table>
<table id="mytable_foot"><tr><td>יתרה בחשבון ליום 30/09/2024: {fmt_amount(lines[-1].balance)}</td></tr>
<tr><td>המידע אינו מהווה אישור רשמי של הבנק</td></tr></table>
</body></html>
"""
    with open(os.path.join(OUT, "hapoalim-old-2024-q3.xls"), "wb") as f:
        f.write(doc.encode("cp1255"))
    write_expected(os.path.join(OUT, "hapoalim-old-2024-q3.expected.json"), "Bank Hapoalim",
                   "older site: HTML table saved as .xls in Windows-1255 (ISO-8859-8 compatible) with a meta "
                   "charset; table id 'mytable_body', header cells th id='header1'..'header7', rows "
                   "id='TR_ROW_BANKTABLE' with td headers='headerN', NBSP in empty cells, and continuation rows "
                   "(a colspan=5 cell) that carry the details of the line above (ofxstatement Hapoalim plugin). "
                   "The labels of columns 3-4 (אסמכתא, תאריך ערך) are our assumption; the plugin reads only "
                   "1, 2, 5, 6, 7", lines, extra={"account": "12-608-552913"})
    return len(lines)


# ---------------------------------------------------------------------------
def leumi_html(rng):
    ref = refgen(rng)
    start, end = dt.date(2024, 10, 1), dt.date(2024, 12, 31)
    lines = debits(rng, start, end, ref, "leumi", payroll=None, loan=False, scale=0.5)
    lines += scenario_credits(os.path.join(MATCH, "scenario-1.json"), start, end)
    lines = order(lines)
    balances(lines, "23718.44")
    for l in lines:
        l.note_col = ""
    lines[-1].note_col = "תנועה בתהליך"
    for l in lines:
        l.expected_desc = join_desc(l.desc, l.detail, l.note_col)
    newest = list(reversed(lines))        # Leumi lists newest first
    not_final = {id(newest[0]), id(newest[1])}
    rows = []
    for l in newest:
        star = "*" if id(l) in not_final else ""
        amt_d = f"{RLM}{fmt_amount(-l.amount)}" if l.amount < 0 else ""
        amt_c = f"{RLM}{fmt_amount(l.amount)}" if l.amount > 0 else ""
        cells = [f"{star}{dmy(l.date)}", dmy(l.vdate), html.escape(l.desc), f"{LRM}{l.ref}",
                 amt_d, amt_c, f"{RLM}{fmt_amount(l.balance)}", html.escape(l.detail), html.escape(l.note_col)]
        rows.append("<tr>" + "".join(f'<td class="cell">{c}</td>' for c in cells) + "</tr>")
    heads = ["תאריך", "תאריך ערך", "תיאור", "אסמכתא", "בחובה", "בזכות", "היתרה בש\"ח", "תאור מורחב", "  הערה"]
    thead = "<tr>" + "".join(f'<td class="header">{LRM}{h}{LRM}</td>' for h in heads) + "</tr>"
    doc = f"""<html xmlns:x="urn:schemas-microsoft-com:office:excel" dir="rtl">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<style>td.cell {{ mso-number-format:"\\@"; }} .header {{ font-weight:bold; background:#dde7f0; }}</style>
</head>
<body>
<table class="reportHeader">
<tr><td>בנק לאומי</td></tr>
<tr><td>תנועות בחשבון</td></tr>
<tr><td>חשבון{RLM} <!----><span>{LRM}912-34567/89{LRM}</span> סטודיו נועה לוי - עיצוב גרפי</td></tr>
<tr><td>{RLM}לתקופה: 01/10/2024 - 31/12/2024</td></tr>
</table>
<table class="dataTable" border="1">
<tr><td colspan="9" class="title">תנועות בחשבון עו"ש</td></tr>
{thead}
{chr(10).join(rows)}
</table>
<table class="reportFooter">
<tr><td>* תנועה שטרם נקלטה סופית</td></tr>
<tr><td>המידע המוצג הינו למידע בלבד ואינו מהווה אסמכתא</td></tr>
</table>
</body></html>
"""
    with open(os.path.join(OUT, "leumi-2024-q4.xls"), "w", encoding="utf-8") as f:
        f.write(doc)
    write_expected(os.path.join(OUT, "leumi-2024-q4.expected.json"), "Bank Leumi",
                   "HTML table saved as .xls (UTF-8): three tables, the transactions in the largest with a title "
                   "row and then the header (תאריך, תאריך ערך, תיאור, אסמכתא, בחובה, בזכות, היתרה בש\"ח, "
                   "תאור מורחב, '  הערה'); newest first; U+200E/U+200F marks and an empty HTML comment between "
                   "labels and digits; '*' before the date of lines not yet final (argosy's leumi_osh/leumi_html "
                   "parsers, an ofx-import formats table listing Leumi's headers, a Leumi import notes file)",
                   lines, extra={"account": "912-34567/89", "order_in_file": "newest first (expected lists "
                                 "oldest first)", "chained_scenario": "scenario-1: every credit here is a credit "
                                 "of matching/scenario-1.json dated 2024-10-01..2024-12-31",
                                 "not_final_lines": [{"date": l.date.isoformat(), "amount": f"{l.amount:.2f}"}
                                                     for l in newest[:2]]})
    return len(lines)


# ---------------------------------------------------------------------------
def discount_xlsx(rng):
    ref = refgen(rng)
    start, end = dt.date(2024, 7, 1), dt.date(2024, 12, 31)
    lines = debits(rng, start, end, ref, "discount", payroll=(21000, 27000), loan=False)
    for m in range(7, 13):   # the company converting its own USD receipts into this ILS account
        d0 = snap(dt.date(2024, m, 3))
        lines.append(Line(d0, money(rng.randrange(28000, 41000)), "המרת מט\"ח - העברה בין חשבונות 0101-288431",
                          "", ref()))
    sc = [l for l in scenario_credits(os.path.join(MATCH, "scenario-3.json"), start, end)]
    import json
    s3 = json.load(open(os.path.join(MATCH, "scenario-3.json"), encoding="utf-8"))
    cur = {c["id"]: c["currency"] for c in s3["credits"]}
    sc = [l for l in sc if cur[l.scenario_id] == "ILS"]
    for l in sc:
        l.desc = norm(f"{l.desc} {l.detail}")
        l.detail = ""
    lines += sc
    lines = order(lines)
    balances(lines, "184220.90")
    chan = {}
    for l in lines:
        l.expected_desc = join_desc(l.desc)
        if l.amount > 0:
            chan[id(l)] = "מס\"ב" if "מס\"ב" in l.desc else rng.choice(["העברה בנקאית", "אינטרנט"])
        else:
            chan[id(l)] = rng.choice(["אינטרנט", "אפליקציה", "הוראת קבע", "סניף"]) if "העברה" in l.desc else ""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "עובר ושב"
    ws.sheet_view.rightToLeft = True
    ws["A1"] = "עובר ושב"
    ws["A3"] = "חשבון: 0219443871 | Cedarline Software Ltd. - סניף רמת החייל"
    ws["A4"] = "תנועות אחרונות"
    ws["A5"] = "מתאריך: 01/07/2024 עד תאריך: 31/12/2024"
    ws["A6"] = f"יתרה נכון ל-31/12/2024: {fmt_amount(lines[-1].balance)} ₪"
    head = ["תאריך", "יום ערך", "תיאור התנועה", "₪ זכות/חובה ", "₪ יתרה ", "אסמכתה", "עמלה", "ערוץ ביצוע"]
    for j, h in enumerate(head, 1):
        ws.cell(row=8, column=j, value=h).font = Font(bold=True)
    r = 9
    for l in reversed(lines):                 # newest first
        fee = 6.5 if chan[id(l)] == "סניף" else None
        row = [dt.datetime.combine(l.date, dt.time()), dt.datetime.combine(l.vdate, dt.time()), l.desc,
               float(l.amount), float(l.balance), l.ref, fee, chan[id(l)] or None]
        for j, v in enumerate(row, 1):
            c = ws.cell(row=r, column=j, value=v)
            if j in (1, 2):
                c.number_format = "dd/mm/yyyy"
            if j in (4, 5):
                c.number_format = "#,##0.00;-#,##0.00"
        r += 1
    for col, wdt in zip("ABCDEFGH", [12, 12, 55, 14, 14, 12, 8, 14]):
        ws.column_dimensions[col].width = wdt
    wb.save(os.path.join(OUT, "discount-2024-h2.xlsx"))
    write_expected(os.path.join(OUT, "discount-2024-h2.expected.json"), "Discount Bank",
                   "xlsx: sheet 'עובר ושב', title rows (account, 'תנועות אחרונות', period, a balance line) above "
                   "the header in row 8; columns תאריך, יום ערך, תיאור התנועה, '₪ זכות/חובה ' (one signed "
                   "column, trailing space in the header), '₪ יתרה ', אסמכתה, עמלה, ערוץ ביצוע; datetime cells; "
                   "newest first (a public skill's formats.md 'bank_xlsx_a', a Python parser of several Israeli "
                   "banks, a TypeScript Discount analyzer)", lines,
                   extra={"account": "0219443871", "order_in_file": "newest first (expected lists oldest first)",
                          "chained_scenario": "scenario-3: every credit here is an ILS credit of "
                                              "matching/scenario-3.json dated 2024-07-01..2024-12-31 (description "
                                              "= the scenario's two parts in one cell)",
                          "note": "the 'עמלה' column (6.50 on branch transfers) is a fee shown on the line, not a "
                                  "separate transaction"})
    return len(lines)


# ---------------------------------------------------------------------------
def mizrahi_html(rng):
    ref = refgen(rng)
    start, end = dt.date(2025, 7, 1), dt.date(2025, 9, 30)
    lines = debits(rng, start, end, ref, "mizrahi", payroll=(30000, 42000))
    cr = random_credits(rng, start, end, ref, "mizrahi", 20)
    for l in cr:
        l.detail = ""                          # this layout has one text column only
    lines += cr
    lines = order(lines)
    balances(lines, "67310.05")
    for l in lines:
        l.expected_desc = join_desc(l.desc, l.detail)
    rows = []
    for l in lines:
        vals = [dmy(l.date, yy=True), dmy(l.vdate, yy=True), html.escape(join_desc(l.desc, l.detail)),
                fmt_amount(l.amount) if l.amount > 0 else "&nbsp;", fmt_amount(-l.amount) if l.amount < 0 else "&nbsp;",
                fmt_amount(l.balance), l.ref]
        rows.append("<tr>" + "".join(f"<td  style=\"border:1px solid #c0c0c0\">{v}</td>" for v in vals) + "</tr>")
    deb = sum((-l.amount for l in lines if l.amount < 0), D(0))
    cre = sum((l.amount for l in lines if l.amount > 0), D(0))
    heads = ["תאריך", "תאריך ערך", "סוג תנועה", "זכות", "חובה", "יתרה בשח", "אסמכתא"]
    hrow = "<tr>" + "".join(f"<td  style=background-color: #808080><b>{h}</b></td>" for h in heads) + "</tr>"
    doc = f"""<html dir="rtl"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body>
<table>
<tr><td colspan="7"><b>יתרה ותנועות בחשבון</b></td></tr>
<tr><td>בנק מזרחי טפחות</td><td>סניף: 462</td><td>מספר חשבון:</td><td>190-118734</td></tr>
<tr><td>טעמים של בית - קייטרינג בע"מ</td></tr>
<tr><td>יתרה בחשבון:</td><td>{fmt_amount(lines[-1].balance)}</td><td>נכון לתאריך:</td><td>30/09/25</td></tr>
<tr><td>&nbsp;</td></tr>
{hrow}
{chr(10).join(rows)}
<tr><td>&nbsp;</td><td>&nbsp;</td><td><b>סך הכל לתקופה</b></td><td>{fmt_amount(cre)}</td><td>{fmt_amount(deb)}</td><td>&nbsp;</td><td>&nbsp;</td></tr>
</table>
</body></html>
"""
    with open(os.path.join(OUT, "mizrahi-2025-q3.xls"), "w", encoding="utf-8") as f:
        f.write(doc)
    write_expected(os.path.join(OUT, "mizrahi-2025-q3.expected.json"), "Mizrahi-Tefahot",
                   "HTML inside .xls: title 'יתרה ותנועות בחשבון', 'מספר חשבון:' and 'יתרה בחשבון:' cells above "
                   "the table, header cells with a grey background and <b> (תאריך, תאריך ערך, סוג תנועה, זכות, "
                   "חובה, יתרה בשח, אסמכתא), &nbsp; in empty amount cells, DD/MM/YY dates, a period-total row "
                   "that is not a transaction (a TypeScript Mizrahi-Tefahot analyzer and its tests)", lines,
                   extra={"account": "462-190-118734"})
    return len(lines)


# ---------------------------------------------------------------------------
def fibi_xlsx(rng):
    ref = refgen(rng)
    start, end = dt.date(2024, 10, 1), dt.date(2024, 12, 31)
    lines = debits(rng, start, end, ref, "fibi", payroll=None, loan=True, scale=0.3)
    cr = random_credits(rng, start, end, ref, "fibi", 18)
    for l in cr:
        l.desc = norm(f"{l.desc} {l.detail}")
        l.detail = ""
    lines += cr
    lines = order(lines)
    balances(lines, "12002.40")
    # value dates: cheques a business day later, a transfer booked on a Friday-Sunday value date
    for l in lines:
        l.expected_desc = join_desc(l.desc)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "תנועות"
    ws.sheet_view.rightToLeft = True
    ws["A1"] = "הבנק הבינלאומי"
    ws["A2"] = "תנועות בסוג חשבון: עובר ושב"
    ws["A3"] = "סניף: 126"
    ws["C3"] = "חשבון: 409069"
    ws["A4"] = "הדס פרחים - לתקופה 01/10/2024 - 31/12/2024"
    head = ["תאריך ערך", "זכות", "חובה", "תאור", "אסמכתא", "תאריך ביצוע"]
    for j, h in enumerate(head, 1):
        ws.cell(row=6, column=j, value=h).font = Font(bold=True)
    r = 7
    for l in lines:
        row = [dmy(l.vdate), float(l.amount) if l.amount > 0 else None, float(-l.amount) if l.amount < 0 else None,
               l.desc, l.ref, dmy(l.date)]
        for j, v in enumerate(row, 1):
            c = ws.cell(row=r, column=j, value=v)
            if j in (2, 3):
                c.number_format = "#,##0.00"
        r += 1
    wb.save(os.path.join(OUT, "fibi-2024-q4.xlsx"))
    write_expected(os.path.join(OUT, "fibi-2024-q4.expected.json"), "First International Bank (FIBI)",
                   "xlsx with title rows ('תנועות בסוג חשבון', 'סניף: … חשבון: …') and the header in row 6: "
                   "תאריך ערך, זכות, חובה, תאור, אסמכתא, תאריך ביצוע; no balance column; dates as DD/MM/YYYY text "
                   "(a Python parser of several Israeli banks' statements, InternationalParser)", lines,
                   extra={"account": "126-409069", "note": "'date' is תאריך ביצוע, 'value_date' is תאריך ערך"})
    return len(lines)


# ---------------------------------------------------------------------------
def yahav_xls(rng):
    ref_plain = refgen(rng)

    def ref():
        r = ref_plain(9)
        return rng.choice([f"{r[:2]}-{r}", f"{r[:3]}-{r[:7]}", r[:6]])

    start, end = dt.date(2025, 7, 1), dt.date(2025, 7, 31)
    lines = debits(rng, start, end, ref, "yahav", payroll=None, loan=False, scale=0.35)
    lines += [Line(dt.date(2025, 7, 1), "15869.53", "משכורת 09-משרד החינוך", "", ref()),
              Line(dt.date(2025, 7, 30), "-2.18", "תנועת מס 223", "", ref())]
    cr = random_credits(rng, start, end, ref, "yahav", 9)
    for l in cr:
        l.desc = norm(f"{l.desc} {l.detail}")
        l.detail = ""
    lines += cr
    lines = order(lines)
    balances(lines, "5210.00")
    for l in lines:
        l.expected_desc = join_desc(l.desc)
    pend = [Line(dt.date(2025, 7, 31), "-189.90", "כרטיס דביט - סופר השכונה", "", None),
            Line(dt.date(2025, 7, 31), "850.00", "העברה בביט - שגיא איתי", "", None)]
    for l in pend:
        l.expected_desc = join_desc(l.desc)

    wb = xlwt.Workbook(encoding="utf-8")
    bold = xlwt.easyxf("font: bold on")
    num = xlwt.easyxf(num_format_str="#,##0.00")
    s1 = wb.add_sheet("תנועות עו\"ש")
    s1.cols_right_to_left = True
    s1.write(0, 0, "בנק יהב לעובדי המדינה", bold)
    s1.write(1, 0, "תנועות בחשבון עו\"ש")
    s1.write(2, 0, "סניף 052 חשבון 418823")
    s1.write(3, 0, "מתאריך 01/07/2025 עד תאריך 31/07/2025")
    head = ["תאריך", "תאריך ערך", "אסמכתא", "תיאור פעולה", "חובה(₪)", "זכות(₪)"]
    for j, h in enumerate(head):
        s1.write(5, j, h, bold)
    r = 6
    for l in lines:
        s1.write(r, 0, dmy(l.date))
        s1.write(r, 1, dmy(l.vdate))
        s1.write(r, 2, l.ref)
        s1.write(r, 3, l.desc)
        if l.amount < 0:
            s1.write(r, 4, float(-l.amount), num)
        else:
            s1.write(r, 5, float(l.amount), num)
        r += 1
    s1.write(r, 3, "סה\"כ", bold)
    s1.write(r, 4, float(sum((-l.amount for l in lines if l.amount < 0), D(0))), num)
    s1.write(r, 5, float(sum((l.amount for l in lines if l.amount > 0), D(0))), num)
    s1.write(r + 1, 3, "יתרה")
    s1.write(r + 1, 5, float(lines[-1].balance), num)
    s2 = wb.add_sheet("תנועות זמניות בהמתנה")
    s2.cols_right_to_left = True
    s2.write(0, 0, "תנועות זמניות בהמתנה לקליטה", bold)
    for j, h in enumerate(["תאריך", "תאריך ערך", "אסמכתא", "שם הפעולה", "חובה(₪)", "זכות(₪)"]):
        s2.write(2, j, h, bold)
    for k, l in enumerate(pend):
        s2.write(3 + k, 0, dmy(l.date))
        s2.write(3 + k, 1, dmy(l.vdate))
        s2.write(3 + k, 3, l.desc)
        s2.write(3 + k, 4 if l.amount < 0 else 5, float(abs(l.amount)), num)
    wb.save(os.path.join(OUT, "yahav-2025-07.xls"))
    pend_out = [{"date": l.date.isoformat(), "value_date": l.vdate.isoformat(), "description": l.expected_desc,
                 "reference": None, "amount": f"{l.amount:.2f}", "currency": "ILS"} for l in pend]
    write_expected(os.path.join(OUT, "yahav-2025-07.expected.json"), "Bank Yahav",
                   "BIFF8 .xls with two sheets: 'תנועות עו\"ש' (header in row 6) and 'תנועות זמניות בהמתנה' "
                   "(header in row 3, 'שם הפעולה' instead of 'תיאור פעולה'); columns תאריך, תאריך ערך, אסמכתא, "
                   "תיאור פעולה, חובה(₪), זכות(₪); references like '25-343764028'; a total row and a balance "
                   "row (a public Bank Yahav import feature's documentation)", lines,
                   extra={"account": "052-418823",
                          "pending_lines": pend_out,
                          "note": "'lines' are the booked lines of the first sheet; the second sheet's pending "
                                  "lines are listed in 'pending_lines' (not yet booked; a later statement would "
                                  "show them again as booked lines)"})
    return len(lines), len(pend)


# ---------------------------------------------------------------------------
def ofx(rng):
    start, end = dt.date(2024, 7, 1), dt.date(2024, 9, 30)
    L = []
    fit = iter(range(240701001, 240799999))

    def add(d, amt, typ, name, memo="", avail=None, check=None):
        l = Line(d, amt, name, memo, f"{next(fit)}")
        l.trntype, l.avail, l.check = typ, avail, check
        l.vdate = avail
        L.append(l)

    add(dt.date(2024, 7, 2), "12000.00", "CREDIT", "WIRE IN BRIGHTLANE ANALYTICS", "/RFB/CS-2024-040 ORG BRIGHTLANE ANALYTICS INC")
    add(dt.date(2024, 7, 3), "-45.00", "FEE", "INCOMING WIRE FEE", "")
    add(dt.date(2024, 7, 8), "-1890.00", "DEBIT", "AMAZON WEB SERVICES", "AWS.AMAZON.CO WA")
    add(dt.date(2024, 7, 15), "3750.00", "CREDIT", "ACH CREDIT HARBOR AND FINCH", "INV CS-2024-045 PPD ID 9880017", avail=dt.date(2024, 7, 16))
    add(dt.date(2024, 7, 22), "-299.00", "DEBIT", "GITHUB INC", "GITHUB.COM SF CA")
    add(dt.date(2024, 7, 31), "-25000.00", "XFER", "TRANSFER TO ILS ACCOUNT", "ONLINE TRANSFER REF 55104")
    add(dt.date(2024, 7, 31), "3.41", "INT", "INTEREST PAYMENT", "")
    add(dt.date(2024, 8, 5), "5200.00", "CREDIT", "WIRE IN PAYONEER INC", "NORRICK SYSTEMS LTD CS-2024-048")
    add(dt.date(2024, 8, 12), "-1940.55", "DEBIT", "AMAZON WEB SERVICES", "AWS.AMAZON.CO WA")
    add(dt.date(2024, 8, 19), "-120.00", "CHECK", "CHECK 1042", "", check="1042")
    add(dt.date(2024, 8, 26), "8400.00", "CREDIT", "WIRE IN QUILLON LABS INC", "INVOICE CS-2024-052", avail=dt.date(2024, 8, 27))
    add(dt.date(2024, 8, 30), "3.02", "INT", "INTEREST PAYMENT", "")
    add(dt.date(2024, 9, 3), "12000.00", "CREDIT", "WIRE IN BRIGHTLANE ANALYTICS", "/RFB/CS-2024-049")
    add(dt.date(2024, 9, 3), "-45.00", "FEE", "INCOMING WIRE FEE", "")
    add(dt.date(2024, 9, 16), "-2022.10", "DEBIT", "AMAZON WEB SERVICES", "AWS.AMAZON.CO WA")
    add(dt.date(2024, 9, 23), "-18000.00", "XFER", "TRANSFER TO ILS ACCOUNT", "ONLINE TRANSFER REF 55230")
    add(dt.date(2024, 9, 30), "2.88", "INT", "INTEREST PAYMENT", "")
    balances(L, "21450.00")
    for l in L:
        l.expected_desc = join_desc(l.desc, l.detail)

    def t(d):
        return d.strftime("%Y%m%d") + "120000.000[-5:EST]"
    trs = []
    for l in L:
        x = [f"<STMTTRN>", f"<TRNTYPE>{l.trntype}", f"<DTPOSTED>{t(l.date)}"]
        if l.avail:
            x.append(f"<DTAVAIL>{t(l.avail)}")
        x += [f"<TRNAMT>{l.amount:.2f}", f"<FITID>{l.ref}"]
        if l.check:
            x.append(f"<CHECKNUM>{l.check}")
        x.append(f"<NAME>{l.desc[:32]}")
        if l.detail:
            x.append(f"<MEMO>{l.detail}")
        x.append("</STMTTRN>")
        trs.append("\n".join(x))
    body = f"""OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1>
<SONRS>
<STATUS>
<CODE>0
<SEVERITY>INFO
</STATUS>
<DTSERVER>20241001083000.000[-5:EST]
<LANGUAGE>ENG
<FI>
<ORG>EXAMPLE COMMERCE BANK
<FID>10898
</FI>
</SONRS>
</SIGNONMSGSRSV1>
<BANKMSGSRSV1>
<STMTTRNRS>
<TRNUID>1
<STATUS>
<CODE>0
<SEVERITY>INFO
</STATUS>
<STMTRS>
<CURDEF>USD
<BANKACCTFROM>
<BANKID>021000089
<ACCTID>4471902256
<ACCTTYPE>CHECKING
</BANKACCTFROM>
<BANKTRANLIST>
<DTSTART>{t(start)}
<DTEND>{t(end)}
{chr(10).join(trs)}
</BANKTRANLIST>
<LEDGERBAL>
<BALAMT>{L[-1].balance:.2f}
<DTASOF>{t(end)}
</LEDGERBAL>
<AVAILBAL>
<BALAMT>{L[-1].balance:.2f}
<DTASOF>{t(end)}
</AVAILBAL>
</STMTRS>
</STMTTRNRS>
</BANKMSGSRSV1>
</OFX>
"""
    with open(os.path.join(OUT, "usd-account-2024-q3.ofx"), "w", encoding="ascii", newline="\r\n") as f:
        f.write(body)
    write_expected(os.path.join(OUT, "usd-account-2024-q3.expected.json"), "(US bank, OFX 1.02 SGML)",
                   "OFX 1.0.2 SGML (OFX specification; ofxtools' parser): STMTTRN with TRNTYPE, DTPOSTED, "
                   "optional DTAVAIL, TRNAMT signed, FITID, CHECKNUM, NAME (32 characters), MEMO; LEDGERBAL and "
                   "AVAILBAL are balances, not transactions", L, currency="USD",
                   extra={"account": "4471902256", "conventions": "date = DTPOSTED; value_date = DTAVAIL or null; "
                          "description = NAME | MEMO; reference = FITID"})
    return len(L)


# ---------------------------------------------------------------------------
def camt(rng):
    L = []
    k = iter(range(1, 1000))

    def add(d, vd, amt, party, ustrd, code):
        l = Line(d, amt, party, ustrd, f"2024111{next(k):03d}ACSR", vdate=vd)
        l.code = code
        L.append(l)

    add(dt.date(2024, 11, 4), dt.date(2024, 11, 4), "16100.00", "Vellora Holding AG", "CS-2024-065 Vellora GmbH Projekt Q3", "PMNT/RCDT/ESCT")
    add(dt.date(2024, 11, 5), dt.date(2024, 11, 5), "-12.50", "", "Kontofuehrung Oktober", "PMNT/MDOP/CHRG")
    add(dt.date(2024, 11, 11), dt.date(2024, 11, 8), "4200.00", "Lindqvist Media AB", "Invoice CS-2024-066", "PMNT/RCDT/XBCT")
    add(dt.date(2024, 11, 14), dt.date(2024, 11, 14), "-3480.00", "Hetzner Online GmbH", "Rechnung R0019923847", "PMNT/ICDT/ESCT")
    add(dt.date(2024, 11, 20), dt.date(2024, 11, 20), "-20000.00", "Cedarline Software Ltd.", "Transfer to ILS account", "PMNT/ICDT/XBCT")
    add(dt.date(2024, 11, 25), dt.date(2024, 11, 25), "6900.00", "Vellora Holding AG", "RE CS-2024-071", "PMNT/RCDT/ESCT")
    add(dt.date(2024, 11, 29), dt.date(2024, 11, 30), "1.87", "", "Habenzinsen", "PMNT/MDOP/INTR")
    opening = D("8412.33")
    balances(L, opening)
    for l in L:
        l.expected_desc = join_desc(l.desc, l.detail)

    def ntry(l):
        cd = "CRDT" if l.amount > 0 else "DBIT"
        dom, fam, sub = l.code.split("/")
        party = ""
        if l.desc:
            role = "Dbtr" if l.amount > 0 else "Cdtr"
            party = f"<RltdPties><{role}><Nm>{html.escape(l.desc)}</Nm></{role}></RltdPties>"
        return f"""      <Ntry>
        <Amt Ccy="EUR">{abs(l.amount):.2f}</Amt>
        <CdtDbtInd>{cd}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{l.date.isoformat()}</Dt></BookgDt>
        <ValDt><Dt>{l.vdate.isoformat()}</Dt></ValDt>
        <AcctSvcrRef>{l.ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>{dom}</Cd><Fmly><Cd>{fam}</Cd><SubFmlyCd>{sub}</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          {party}
          <RmtInf><Ustrd>{html.escape(l.detail)}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>"""
    cre = sum((l.amount for l in L if l.amount > 0), D(0))
    deb = sum((-l.amount for l in L if l.amount < 0), D(0))
    doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>STMT20241130EUR0001</MsgId>
      <CreDtTm>2024-12-01T06:15:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>2024-11-DE44500105170648489890</Id>
      <ElctrncSeqNb>11</ElctrncSeqNb>
      <CreDtTm>2024-12-01T06:15:00</CreDtTm>
      <FrToDt><FrDtTm>2024-11-01T00:00:00</FrDtTm><ToDtTm>2024-11-30T23:59:59</ToDtTm></FrToDt>
      <Acct>
        <Id><IBAN>DE44500105170648489890</IBAN></Id>
        <Ccy>EUR</Ccy>
        <Ownr><Nm>Cedarline Software Ltd.</Nm></Ownr>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">{opening:.2f}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2024-11-01</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">{L[-1].balance:.2f}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2024-11-30</Dt></Dt>
      </Bal>
      <TxsSummry>
        <TtlNtries><NbOfNtries>{len(L)}</NbOfNtries></TtlNtries>
        <TtlCdtNtries><NbOfNtries>{sum(1 for l in L if l.amount > 0)}</NbOfNtries><Sum>{cre:.2f}</Sum></TtlCdtNtries>
        <TtlDbtNtries><NbOfNtries>{sum(1 for l in L if l.amount < 0)}</NbOfNtries><Sum>{deb:.2f}</Sum></TtlDbtNtries>
      </TxsSummry>
{chr(10).join(ntry(l) for l in L)}
    </Stmt>
  </BkToCstmrStmt>
</Document>
"""
    with open(os.path.join(OUT, "eur-account-2024-11.camt053.xml"), "w", encoding="utf-8") as f:
        f.write(doc)
    write_expected(os.path.join(OUT, "eur-account-2024-11.camt053.expected.json"), "(EU bank, camt.053.001.02)",
                   "ISO 20022 camt.053.001.02 BankToCustomerStatement: Ntry with Amt/@Ccy, CdtDbtInd, BookgDt, "
                   "ValDt, AcctSvcrRef, BkTxCd, NtryDtls/TxDtls (RltdPties Dbtr/Cdtr Nm, RmtInf/Ustrd); Bal "
                   "OPBD/CLBD and TxsSummry are not transactions (the published schema; public camt053 parsers)",
                   L, currency="EUR",
                   extra={"account": "DE44500105170648489890", "conventions": "date = BookgDt; value_date = ValDt; "
                          "description = counterparty Nm | Ustrd; reference = AcctSvcrRef; amount signed by CdtDbtInd"})
    return len(L)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(9090)
    res = {}
    res["hapoalim xlsx/csv/overlap"] = hapoalim_pair(rng)[:3]
    res["hapoalim old html"] = hapoalim_old_html(rng)
    res["leumi"] = leumi_html(rng)
    res["discount"] = discount_xlsx(rng)
    res["mizrahi"] = mizrahi_html(rng)
    res["fibi"] = fibi_xlsx(rng)
    res["yahav (booked, pending)"] = yahav_xls(rng)
    res["ofx"] = ofx(rng)
    res["camt"] = camt(rng)
    print(res)


if __name__ == "__main__":
    main()
