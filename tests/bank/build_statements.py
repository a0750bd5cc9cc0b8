"""Write the bank-statement fixtures and, beside each, the reading it must give.

Run `python tests/bank/build_statements.py` (needs openpyxl). The expected lines come from the
movements written here, not from the reader. Where each layout was learned is in README.md and
in each expected file's "layout_source".
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

HERE = Path(__file__).parent
NBSP = "\u00a0"
D = dt.date


def expected(name: str, importer: str, account: str, lines: list[dict], source: str, warnings: list[str]) -> None:
    doc = {"layout_source": source, "kind": "bank_statement", "importer": importer, "account": account,
           "lines": lines, "warnings": warnings}
    (HERE / f"{name}.expected.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")


def line(date, amount, description, reference="", value_date=None, currency="ILS") -> dict:
    return {"date": date.isoformat(), "value_date": value_date.isoformat() if value_date else None,
            "description": description, "reference": reference, "amount": f"{amount:.2f}", "currency": currency}


def money(x: float) -> str:
    return f"{x:,.2f}"


def xlsx(path: Path, sheets: list[tuple[str, list[list]]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
    book.save(path)


# --- Hapoalim, newer download: xlsx, title rows, header on row 6 -------------------------------

def hapoalim() -> None:
    header = ["תאריך", "תאריך ערך", "קוד פעולה", "הפעולה", "פרטים", "אסמכתא", "צרור", "חובה", "זכות",
              "יתרה בש''ח", "הערה"]
    moves = [
        (D(2026, 11, 2), D(2026, 11, 2), 500, "העברה-נייד", 'אור ירוק בע"מ חשבונית 4117', "99012345", None, 2340.00),
        (D(2026, 11, 3), D(2026, 11, 3), 175, "עמלת פעולה בערוץ ישיר", "", "", 6.90, None),
        (D(2026, 11, 5), D(2026, 11, 6), 485, "שוברי אשראי", "ישראכרט", "3004411", None, 1180.00),
        (D(2026, 11, 9), D(2026, 11, 9), 620, "זיכוי מבנק אחר", "SHEMESH PRODUCTIONS", "77123", None, 4500.00),
        (D(2026, 11, 10), D(2026, 11, 10), 124, "הוראת קבע", "חברת החשמל", "5521", 812.40, None),
    ]
    balance, rows = 10000.0, []
    for date, value, code, action, details, ref, debit, credit in moves:
        balance += (credit or 0) - (debit or 0)
        rows.append([date, value, code, action, details, ref, "", debit, credit, round(balance, 2), ""])
    title = [["בנק הפועלים"], ["תנועות בחשבון עו\"ש"], ["מספר חשבון: 12-618-123456"],
             ["לתאריכים 01/11/2026 - 30/11/2026"], []]
    xlsx(HERE / "hapoalim.xlsx", [("גיליון1", title + [header] + rows + [[], ["", "", "", "סה\"כ", "", "", "", 819.30, 8020.00]])])
    expected("hapoalim.xlsx", "bank:hapoalim", "12-618-123456", [
        line(m[0], (m[7] or 0) - (m[6] or 0), " ".join(x for x in (m[3], m[4]) if x), m[5], m[1]) for m in moves],
        "ofxstatement Hapoalim plugin (xlsx: sheet 'גיליון1', 'תאריך' in A6); CliveBl/ExpenseCalculator "
        "bankHapoalim.py (header row 6; הפעולה + פרטים; חובה, זכות, תאריך ערך); shared/notes/banks.md columns",
        ["hapoalim.xlsx sheet 'גיליון1': 1 balance or total line(s) skipped (row 13): not movements"])


# --- Hapoalim, older download: an HTML table saved as .xls, ISO-8859-8 ----------------------------

def hapoalim_old() -> None:
    heads = ["תאריך", "תיאור", "אסמכתא", "תאריך ערך", "חובה", "זכות", "יתרה"]
    moves = [
        (D(2026, 10, 28), "העברה מחשבון", "41002", D(2026, 10, 28), None, 3900.00, "מאת: תדמור לוגיסטיקה בע\"מ"),
        (D(2026, 10, 29), "משיכת שיק", "100235", D(2026, 10, 29), 1200.00, None, None),
        (D(2026, 10, 30), "ריבית זכות", "0", D(2026, 10, 31), None, 3.12, None),
    ]
    out = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-8"></head><body dir="rtl">',
           "<table><tr><td>בנק הפועלים - פירוט תנועות בחשבון 12-600-555444</td></tr></table>",
           '<table id="mytable_body"><tr>' + "".join(f'<th id="header{i}">{h}</th>' for i, h in enumerate(heads, 1)) + "</tr>"]
    balance = 5000.0
    exp = []
    for date, desc, ref, value, debit, credit, memo in moves:
        balance += (credit or 0) - (debit or 0)
        cells = [f"{date:%d/%m/%Y}", desc, ref, f"{value:%d/%m/%Y}", money(debit) if debit else NBSP,
                 money(credit) if credit else NBSP, money(balance)]
        out.append('<tr id="TR_ROW_BANKTABLE">' + "".join(f'<td headers="header{i}">{c}</td>'
                                                          for i, c in enumerate(cells, 1)) + "</tr>")
        if memo:
            out.append(f'<tr id="TR_ROW_BANKTABLE"><td colspan="5">{memo}</td></tr>')
        exp.append(line(date, (credit or 0) - (debit or 0), f"{desc} {memo}" if memo else desc,
                        "" if ref == "0" else ref, value))
    out.append("</table></body></html>")
    (HERE / "hapoalim_old.xls").write_bytes("\n".join(out).encode("iso-8859-8"))
    expected("hapoalim_old.xls", "bank:hapoalim", "12-600-555444", exp,
             "ofxstatement Hapoalim plugin (old format: HTML in ISO-8859-8, table id mytable_body, th "
             "header1..header7, rows TR_ROW_BANKTABLE, a colspan=5 continuation row carries a memo, "
             "NBSP in empty cells; header1 date, header2 description, header5 debit, header6 credit, "
             "header7 balance)", [])


# --- Leumi: HTML saved as .xls (td class xlHeader); and a CSV with a BOM -------------------------

LEUMI_HEAD = ["תאריך", "תאריך ערך", "תיאור", "אסמכתא", "בחובה", "בזכות", 'היתרה בש"ח', "תאור מורחב"]
LEUMI_MOVES = [
    (D(2026, 11, 1), D(2026, 11, 1), "העברה דיגיטל", "2001551", None, 1650.00, "ז.ב. כהן ושות' רו\"ח חשבונית 4120"),
    (D(2026, 11, 4), D(2026, 11, 4), "מסלול בסיסי", "", 22.00, None, ""),
    (D(2026, 11, 8), D(2026, 11, 8), "הע. אינטרנט", "880172", None, 980.00, "GEFEN STUDIO LTD"),
    (D(2026, 11, 12), D(2026, 11, 12), "לאומי למשכנת", "", 3100.00, None, ""),
    (D(2026, 11, 15), D(2026, 11, 15), "העברה עצמית", "771", None, 5000.00, "מחשבון 10-800-99887766"),
    (D(2026, 11, 20), D(2026, 11, 20), "העברה דיגיטל", "2001907", None, 2200.00, "גל ושות' הנדסה 4133 4134"),
]
LEUMI_SOURCE = ("Leumi import notes and BankLeumiXLSParser (an HTML table saved as .xls; header cells "
                "td class=xlHeader; columns תאריך, תאריך ערך, תיאור, אסמכתא, בחובה, בזכות, היתרה בש\"ח, "
                "תאור מורחב; DD/MM/YYYY); descriptions such as העברה דיגיטל, הע. אינטרנט, מסלול בסיסי, "
                "העברה עצמית, לאומי למשכנת from the same notes")


def _leumi_rows(moves) -> list[list[str]]:
    rows, balance = [], 20000.0
    for date, value, desc, ref, debit, credit, extra in moves:
        balance += (credit or 0) - (debit or 0)
        rows.append([f"{date:%d/%m/%Y}", f"{value:%d/%m/%Y}", desc, ref, money(debit) if debit else "",
                     money(credit) if credit else "", money(balance), extra])
    return rows


def _leumi_expected(moves) -> list[dict]:
    return [line(m[0], (m[5] or 0) - (m[4] or 0), " ".join(x for x in (m[2], m[6]) if x), m[3], m[1]) for m in moves]


def leumi() -> None:
    moves = LEUMI_MOVES[:4]
    out = ['<html><head><meta charset="utf-8"></head><body>',
           "<table><tr><td>בנק לאומי לישראל</td></tr><tr><td>תנועות בחשבון מספר 800-12345678</td></tr></table>",
           "<table><tr>" + "".join(f'<td class="xlHeader">{h}</td>' for h in LEUMI_HEAD) + "</tr>",
           '<tr><td colspan="6">יתרת פתיחה</td><td>20,000.00</td><td></td></tr>']
    for row in _leumi_rows(moves):
        out.append("<tr>" + "".join(f"<td>{c.replace(chr(39), '&#39;')}</td>" for c in row) + "</tr>")
    out.append("</table></body></html>")
    (HERE / "leumi.xls").write_text("\n".join(out), encoding="utf-8")
    expected("leumi.xls", "bank:leumi", "800-12345678", _leumi_expected(moves), LEUMI_SOURCE,
             ["leumi.xls: 1 balance or total line(s) skipped (row 2): not movements"])


def leumi_csv() -> None:
    """A later download of the same account, overlapping the .xls by two movements."""
    moves = LEUMI_MOVES[2:]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([["בנק לאומי לישראל"], ["תנועות בחשבון מספר 800-12345678"], [], LEUMI_HEAD])
    balance_rows = _leumi_rows(LEUMI_MOVES)[2:]
    writer.writerows(balance_rows)
    (HERE / "leumi_utf8bom.csv").write_bytes(buffer.getvalue().encode("utf-8-sig"))
    expected("leumi_utf8bom.csv", "bank:leumi", "800-12345678", _leumi_expected(moves),
             LEUMI_SOURCE + "; the same columns written as a UTF-8 CSV with a BOM (the container is our "
             "assumption: a spreadsheet saved as CSV)", [])


def leumi_spreadsheet_ml() -> None:
    """The same download as Excel's XML spreadsheet (2003), still named .xls."""
    from xml.sax.saxutils import escape

    moves = LEUMI_MOVES[:3]

    def row(cells, index=None):
        attr = f' ss:Index="{index}"' if index else ""
        return f"<Row{attr}>" + "".join(f'<Cell><Data ss:Type="String">{escape(c)}</Data></Cell>' if c else "<Cell/>"
                                         for c in cells) + "</Row>"

    body = ['<?xml version="1.0" encoding="UTF-8"?>', '<?mso-application progid="Excel.Sheet"?>',
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
            '<Worksheet ss:Name="תנועות"><Table>', row(["בנק לאומי לישראל"]), row(["תנועות בחשבון מספר 800-12345678"]),
            row(LEUMI_HEAD, index=4)] + [row(r) for r in _leumi_rows(moves)] + ["</Table></Worksheet></Workbook>"]
    (HERE / "leumi_spreadsheetml.xls").write_text("\n".join(body), encoding="utf-8")
    expected("leumi_spreadsheetml.xls", "bank:leumi", "800-12345678", _leumi_expected(moves),
             LEUMI_SOURCE + "; the same columns in Excel 2003 XML (SpreadsheetML: Workbook/Worksheet/Table/Row/Cell/"
             "Data, ss:Index for a skipped row), which Excel saves as 'XML Spreadsheet' (the container is our "
             "assumption for this bank)", [])


# --- Discount: xlsx, sheet "עובר ושב", header on row 9, one signed column -----------------------

def discount() -> None:
    header = ["תאריך", "יום ערך", "תיאור התנועה", "₪ זכות/חובה ", "₪ יתרה", "אסמכתה", "עמלה", "ערוץ ביצוע"]
    moves = [
        (D(2026, 11, 3), D(2026, 11, 3), "העברה מ- שמש הפקות", 2750.00, "31887", "אינטרנט"),
        (D(2026, 11, 6), D(2026, 11, 8), "כ.א.ל - זיכוי", 612.50, "98100", ""),
        (D(2026, 11, 10), D(2026, 11, 10), "ארנונה עיריית ת\"א", -1450.00, "7781", "הוראת קבע"),
        (D(2026, 11, 17), D(2026, 11, 17), "ביט העברה אבי לוי", 450.00, "5012", "אפליקציה"),
    ]
    rows, balance = [], 8000.0
    for date, value, desc, amount, ref, channel in moves:
        balance += amount
        rows.append([date, value, desc, amount, round(balance, 2), ref, 0, channel])
    title = [["בנק דיסקונט"], ["עובר ושב"], ["חשבון: 0123-456789"], ["תאריך הפקה: 30/11/2026"],
             ["הצגת תנועות מתאריך 01/11/2026 עד 30/11/2026"], [], [], []]
    xlsx(HERE / "discount.xlsx", [("עובר ושב", title + [header] + rows)])
    expected("discount.xlsx", "bank:discount", "0123-456789",
             [line(m[0], m[3], m[2], m[4], m[1]) for m in moves],
             "CliveBl/ExpenseCalculator bankDiscountHebrew.py (sheet 'עובר ושב', header on row 9, "
             "'₪ זכות/חובה ' with a trailing space, 'יום ערך', 'תיאור התנועה'); a public Discount analyzer's "
             "column map (תאריך, יום ערך, תיאור התנועה, ₪ זכות/חובה, ₪ יתרה, אסמכתה, עמלה, ערוץ ביצוע)", [])


# --- Mizrahi-Tefahot: HTML in an .xls, an account box, then the movements -----------------------

def mizrahi() -> None:
    heads = ["תאריך", "תאריך ערך", "סוג תנועה", "זכות", "חובה", "יתרה בשח", "אסמכתא"]
    moves = [
        (D(2026, 11, 2), D(2026, 11, 2), "העב' מאת תדמור לוגיסטיקה", 3900.00, None, "410021"),
        (D(2026, 11, 4), D(2026, 11, 4), "מס הכנסה החזר", 1240.00, None, "90017"),
        (D(2026, 11, 9), D(2026, 11, 9), "העברה לספק", None, 2500.00, "410377"),
        (D(2026, 11, 14), D(2026, 11, 14), "הפקדת שיק", 1800.00, None, "300122"),
    ]
    out = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1255"></head><body>',
           "<table><tr><td>יתרה ותנועות בחשבון</td></tr><tr><td>מספר חשבון:</td><td>20-451-123456</td></tr>"
           "<tr><td>יתרה בחשבון:</td><td>15,203.40</td></tr></table>",
           "<table><tr>" + "".join(f'<td style="background-color: #808080"><b>{h}</b></td>' for h in heads) + "</tr>"]
    balance = 10763.40
    for date, value, kind, credit, debit, ref in moves:
        balance += (credit or 0) - (debit or 0)
        cells = [f"{date:%d/%m/%y}", f"{value:%d/%m/%y}", kind, money(credit) if credit else "&nbsp;",
                 money(debit) if debit else "&nbsp;", money(balance), ref]
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("<tr><td></td><td></td><td>סה\"כ</td><td>6,940.00</td><td>2,500.00</td><td></td><td></td></tr>")
    out.append("</table></body></html>")
    (HERE / "mizrahi.xls").write_bytes("\n".join(out).encode("cp1255"))
    expected("mizrahi.xls", "bank:mizrahi-tefahot", "20-451-123456",
             [line(m[0], (m[3] or 0) - (m[4] or 0), m[2], m[5], m[1]) for m in moves],
             "a public Mizrahi-Tefahot analyzer and its tests (HTML content; 'יתרה ותנועות בחשבון', "
             "'מספר חשבון:', 'יתרה בחשבון:' above; header cells in <b>: תאריך, תאריך ערך, סוג תנועה, זכות, "
             "חובה, יתרה בשח, אסמכתא; DD/MM/YY dates; &nbsp; in empty cells; 'סך' total rows skipped)",
             ["mizrahi.xls: 1 balance or total line(s) skipped (row 6): not movements"])


# --- First International: xlsx, header on row 5 -------------------------------------------------

def first_international() -> None:
    header = ["תאריך ערך", "זכות", "חובה", "תאור", "אסמכתא", "תאריך ביצוע"]
    moves = [
        (D(2026, 11, 5), D(2026, 11, 5), 1650.00, None, "זיכוי מלאומי כהן ושות", "551"),
        (D(2026, 11, 6), D(2026, 11, 5), None, 85.00, "דמי ניהול חשבון", "552"),
        (D(2026, 11, 12), D(2026, 11, 11), 30000.00, None, "העמדת הלוואה", "553"),
    ]
    rows = [[f"{value:%d/%m/%Y}", credit or "", debit or "", desc, ref, f"{date:%d/%m/%Y}"]
            for date, value, credit, debit, desc, ref in moves]
    title = [["הבנק הבינלאומי"], ["פירוט תנועות בחשבון 31-046-987654"], ["מתאריך 01/11/2026 עד 30/11/2026"], []]
    xlsx(HERE / "first_international.xlsx", [("תנועות", title + [header] + rows)])
    expected("first_international.xlsx", "bank:first-international", "31-046-987654",
             [line(m[0], (m[2] or 0) - (m[3] or 0), m[4], m[5], m[1]) for m in moves],
             "shared/notes/banks.md (First International: xlsx, header around row 5: תאריך ערך, זכות, חובה, "
             "תאור, אסמכתא, תאריך ביצוע); no public parser of this download was found", [])


# --- Yahav: a workbook with a sheet of pending movements, header on row 6 ------------------------

def yahav() -> None:
    header = ["תאריך", "תאריך ערך", "אסמכתא", "תיאור פעולה", "חובה(₪)", "זכות(₪)", "יתרה(₪)"]
    moves = [
        (D(2026, 11, 3), D(2026, 11, 3), "61022", "העברה מחשבון אור ירוק", None, 2340.00),
        (D(2026, 11, 7), D(2026, 11, 7), "61090", "משיכת מזומן", 500.00, None),
    ]
    rows, balance = [], 3000.0
    for date, value, ref, desc, debit, credit in moves:
        balance += (credit or 0) - (debit or 0)
        rows.append([f"{date:%d/%m/%Y}", f"{value:%d/%m/%Y}", ref, desc, debit, credit, balance])
    title = [["בנק יהב"], ['תנועות בחשבון עו"ש'], ["חשבון 4-123-445566"], [], []]
    pending = [["תנועות עתידיות"], [], [], [], [], header,
               ["20/12/2026", "20/12/2026", "61555", "הוראת קבע עתידית", 300.00, None, None]]
    xlsx(HERE / "yahav.xlsx", [("תנועות עתידיות", pending), ('תנועות עו"ש', title + [header] + rows)])
    expected("yahav.xlsx", "bank:yahav", "4-123-445566",
             [line(m[0], (m[5] or 0) - (m[4] or 0), m[3], m[2], m[1]) for m in moves],
             "CliveBl/ExpenseCalculator bankYahav.py (sheet 'תנועות עו\"ש', header on row 6, 'זכות(₪)', "
             "'חובה(₪)', 'תיאור פעולה', 'תאריך ערך'); shared/notes/banks.md (several sheets, one of pending "
             "lines, which is not read)", [])


# --- OFX 1 (SGML), QFX (OFX 2 XML), MT940, CAMT.053 ----------------------------------------------

def ofx() -> None:
    body = """OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20261130120000<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>026009593<ACCTID>000123456789<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20261101<DTEND>20261130
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261103200000[-5:EST]<TRNAMT>2400.00<FITID>2026110301<NAME>GEFEN STUDIO LTD<MEMO>INV 2026-0457</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261104<TRNAMT>-45.10<FITID>2026110401<NAME>WIRE FEE</STMTTRN>
<STMTTRN><TRNTYPE>INT<DTPOSTED>20261130<TRNAMT>1.27<FITID>2026113001<NAME>INTEREST PAID</STMTTRN>
</BANKTRANLIST><LEDGERBAL><BALAMT>12000.00<DTASOF>20261130</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
"""
    (HERE / "statement.ofx").write_bytes(body.replace("\n", "\r\n").encode("ascii"))
    expected("statement.ofx", "bank:ofx", "000123456789", [
        line(D(2026, 11, 3), 2400.00, "GEFEN STUDIO LTD INV 2026-0457", "2026110301", currency="USD"),
        line(D(2026, 11, 4), -45.10, "WIRE FEE", "2026110401", currency="USD"),
        line(D(2026, 11, 30), 1.27, "INTEREST PAID", "2026113001", currency="USD")],
        "OFX 1.0.2 specification (SGML headers, STMTRS/BANKTRANLIST/STMTTRN with TRNTYPE, DTPOSTED, TRNAMT, "
        "FITID, NAME, MEMO), read with ofxtools; the posting date is the bank's (not moved to UTC)", [])


def qfx() -> None:
    body = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><DTSERVER>20261130120000</DTSERVER><LANGUAGE>ENG</LANGUAGE><INTU.BID>3000</INTU.BID></SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
<STMTRS><CURDEF>USD</CURDEF><BANKACCTFROM><BANKID>121000248</BANKID><ACCTID>9988776655</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>
<BANKTRANLIST><DTSTART>20261101</DTSTART><DTEND>20261130</DTEND>
<STMTTRN><TRNTYPE>DIRECTDEP</TRNTYPE><DTPOSTED>20261112</DTPOSTED><TRNAMT>1250.00</TRNAMT><FITID>A1</FITID><NAME>TADMOR LOGISTICS</NAME><MEMO>INVOICE 1188</MEMO></STMTTRN>
<STMTTRN><TRNTYPE>CHECK</TRNTYPE><DTPOSTED>20261115</DTPOSTED><TRNAMT>-300.00</TRNAMT><FITID>A2</FITID><CHECKNUM>1042</CHECKNUM><NAME>CHECK 1042</NAME></STMTTRN>
</BANKTRANLIST><LEDGERBAL><BALAMT>5000.00</BALAMT><DTASOF>20261130</DTASOF></LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>
"""
    (HERE / "statement.qfx").write_text(body, encoding="utf-8")
    expected("statement.qfx", "bank:ofx", "9988776655", [
        line(D(2026, 11, 12), 1250.00, "TADMOR LOGISTICS INVOICE 1188", "A1", currency="USD"),
        line(D(2026, 11, 15), -300.00, "CHECK 1042", "1042", currency="USD")],
        "OFX 2.2 specification (XML, the same aggregates) with Quicken's INTU.BID in SONRS (what makes "
        "a .qfx), read with ofxtools", [])


def mt940() -> None:
    body = """:20:STMT20261130
:25:IL620108000000099999999
:28C:00045/001
:60F:C261101ILS10000,00
:61:2611051105C4680,00NTRFNONREF//20261105-001
:86:INVOICE 2026-0457 GEFEN STUDIO LTD
:61:2611101110D350,00NMSCNONREF//FEE
:86:BANK FEES NOVEMBER
:61:2611121112C1200,00NTRFPO-8812//20261112-007
:86:/ORDP/ISRAEL TADMOR LOGISTICS/REMI/INV 1188
:62F:C261130ILS15530,00
"""
    (HERE / "statement.sta").write_text(body.replace("\n", "\r\n"), encoding="ascii")
    expected("statement.sta", "bank:mt940", "IL620108000000099999999", [
        line(D(2026, 11, 5), 4680.00, "INVOICE 2026-0457 GEFEN STUDIO LTD", "20261105-001", D(2026, 11, 5)),
        line(D(2026, 11, 10), -350.00, "BANK FEES NOVEMBER", "FEE", D(2026, 11, 10)),
        line(D(2026, 11, 12), 1200.00, "ISRAEL TADMOR LOGISTICS INV 1188", "PO-8812", D(2026, 11, 12))],
        "SWIFT MT940 (fields :20: :25: :28C: :60F: :61: :86: :62F:; /ORDP/ and /REMI/ subfields of :86:), "
        "read with mt-940", [])


def camt053() -> None:
    ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
    body = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="{ns}">
 <BkToCstmrStmt>
  <GrpHdr><MsgId>STMT-20261130</MsgId><CreDtTm>2026-11-30T18:00:00</CreDtTm></GrpHdr>
  <Stmt>
   <Id>20261130-1</Id>
   <Acct><Id><IBAN>IL620108000000099999999</IBAN></Id><Ccy>ILS</Ccy></Acct>
   <Ntry>
    <Amt Ccy="ILS">2340.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
    <BookgDt><Dt>2026-11-02</Dt></BookgDt><ValDt><Dt>2026-11-02</Dt></ValDt><AcctSvcrRef>B261102-77</AcctSvcrRef>
    <NtryDtls><TxDtls>
     <Refs><EndToEndId>E2E-4117</EndToEndId></Refs>
     <RltdPties><Dbtr><Nm>OR YAROK LTD</Nm></Dbtr></RltdPties>
     <RmtInf><Ustrd>INVOICE 4117</Ustrd></RmtInf>
    </TxDtls></NtryDtls>
   </Ntry>
   <Ntry>
    <Amt Ccy="ILS">3000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
    <BookgDt><Dt>2026-11-09</Dt></BookgDt><ValDt><Dt>2026-11-10</Dt></ValDt><AcctSvcrRef>B261109-12</AcctSvcrRef>
    <NtryDtls>
     <TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="ILS">1800.00</Amt></TxAmt></AmtDtls>
      <RltdPties><Dbtr><Nm>SHEMESH PRODUCTIONS</Nm></Dbtr></RltdPties><RmtInf><Strd><CdtrRefInf><Ref>4125</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>
     <TxDtls><Refs><EndToEndId>E2E-88</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="ILS">1200.00</Amt></TxAmt></AmtDtls>
      <RltdPties><Dbtr><Nm>GAL ENGINEERING</Nm></Dbtr></RltdPties><RmtInf><Ustrd>4133</Ustrd></RmtInf></TxDtls>
    </NtryDtls>
   </Ntry>
   <Ntry>
    <Amt Ccy="ILS">118.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
    <BookgDt><Dt>2026-11-11</Dt></BookgDt><AcctSvcrRef>B261111-03</AcctSvcrRef><AddtlNtryInf>ACCOUNT FEES</AddtlNtryInf>
   </Ntry>
   <Ntry>
    <Amt Ccy="ILS">999.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts>
    <BookgDt><Dt>2026-11-30</Dt></BookgDt><AcctSvcrRef>B261130-01</AcctSvcrRef>
   </Ntry>
  </Stmt>
 </BkToCstmrStmt>
</Document>
"""
    (HERE / "camt053.xml").write_text(body, encoding="utf-8")
    expected("camt053.xml", "bank:camt053", "IL620108000000099999999", [
        line(D(2026, 11, 2), 2340.00, "OR YAROK LTD INVOICE 4117", "E2E-4117", D(2026, 11, 2)),
        line(D(2026, 11, 9), 1800.00, "SHEMESH PRODUCTIONS 4125", "B261109-12", D(2026, 11, 10)),
        line(D(2026, 11, 9), 1200.00, "GAL ENGINEERING 4133", "E2E-88", D(2026, 11, 10)),
        line(D(2026, 11, 11), -118.00, "ACCOUNT FEES", "B261111-03")],
        "ISO 20022 camt.053.001.02 message definition (BkToCstmrStmt/Stmt/Acct/Id/IBAN, Ntry with Amt@Ccy, "
        "CdtDbtInd, Sts, BookgDt, ValDt, AcctSvcrRef, NtryDtls/TxDtls/Refs/EndToEndId, AmtDtls/TxAmt, "
        "RltdPties/Dbtr/Nm, RmtInf/Ustrd and Strd/CdtrRefInf/Ref; a batch entry gives one line per TxDtls; "
        "a PDNG entry is not booked)", ["1 pending (not booked) entry left out"])


if __name__ == "__main__":
    for build in (hapoalim, hapoalim_old, leumi, leumi_csv, leumi_spreadsheet_ml, discount, mizrahi, first_international, yahav,
                  ofx, qfx, mt940, camt053):
        build()
    print("written to", HERE)
