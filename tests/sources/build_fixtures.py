"""Rebuild the committed fixtures: a Rivhit-like report in several formats, a mixed
sheet, customer-balance reports (aging, ledger card, cp1255 csv) and a contacts file.

Run `python tests/sources/build_fixtures.py`; then refresh the golden files
with `UPDATE_GOLDEN=1 pytest tests/test_sources_golden.py`.

Writing .xls needs `xlwt` and .ods needs `odfpy`; the tests read the committed
files with python-calamine and need neither.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

HERE = Path(__file__).parent
LRM, NBSP = "\u200e", "\u00a0"

TITLE = [["ריווחית - דוח מסמכים פתוחים"], [f"הופק בתאריך{NBSP}01/06/2025"], []]
HEADER = [
    f"{LRM}מס' מסמך", "שם לקוח", f"דוא\"ל{NBSP}", "תאריך מסמך", "תאריך פירעון",
    f"סכום{NBSP}מסמך", "יתרה לגבייה", "מטבע", "",
]
# Text as a csv export writes it; the xlsx gets typed cells where Excel would.
ROWS = [
    ["000123", 'שמש בע"מ', "dana@shemesh.co.il; Yossi@Shemesh.co.il", "1/4/25",
     "15/05/2025", "1,234.50", "₪ 980.00", "", ""],
    ["000124", 'שמש בע"מ', "dana@shemesh.co.il", "03/04/2025", "03/05/2025",
     "500.00", "500.00", 'ש"ח', ""],
    ["", 'סה"כ ללקוח שמש בע"מ', "", "", "", "1,734.50", "1,480.00", "", ""],
    ["125", "אור ירוק", "office@or-yarok", "10/04/2025", "31.12.2025",
     "2,000.00", "2,000.00", "", ""],
    ["126", "אור ירוק", "", "12/04/2025", "12/04/2025", "(500.00)", "(500.00)", "", ""],
    ["127", "אור ירוק", "", "13/04/2025", "13/05/2025", "300.00", "0.00", "", ""],
    ["", "", "", "", "", "", "", "", ""],
    ["", 'סה"כ לדוח', "", "", "", "3,534.50", "2,980.00", "", ""],
]


def write_csv_rows(path: Path, rows: list[list[str]], encoding: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_csv(path: Path, encoding: str) -> None:
    write_csv_rows(path, [*TITLE, HEADER, *ROWS], encoding)


def _typed(row: list[str]) -> list[object]:
    number, name, emails, issue, due, amount, balance, currency, _ = row
    cells: list[object] = [number, name, emails]
    for text in (issue, due):
        if "/" in text and text.count("/") == 2 and len(text.split("/")[2]) == 4:
            day, month, year = (int(p) for p in text.split("/"))
            cells.append(dt.date(year, month, day))
        else:
            cells.append(text)  # "1/4/25" and "31.12.2025" stay text, as in real sheets
    for text in (amount, balance):
        if text.startswith("₪") or not text:
            cells.append(text.replace("₪ ", "") + " ₪" if text else None)
        else:
            negative = text.startswith("(")
            value = float(text.strip("()").replace(",", ""))
            cells.append(-value if negative else value)
    cells.append(currency or None)
    return cells


def write_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "מסמכים פתוחים"
    sheet.sheet_view.rightToLeft = True
    for row in TITLE:
        sheet.append(row)
    sheet.merge_cells("A1:H1")
    sheet.append(HEADER[:-1])
    for row in ROWS:
        sheet.append(_typed(row))
    for cell in sheet["D"] + sheet["E"]:
        if isinstance(cell.value, dt.date):
            cell.number_format = "dd/mm/yyyy"
    book.properties.created = book.properties.modified = dt.datetime(2025, 6, 1)
    book.save(path)


MIXED_HEADER = ["מס' לקוח", "שם לקוח", "אימייל", "מס' חשבונית", "תאריך חשבונית",
                "תאריך לתשלום", "תנאי תשלום", "סכום", "סכום ששולם", "מטבע", "שפה"]
MIXED_ROWS = [
    ["501", "גל שיווק", "gal@gal.co.il, fin@gal.co.il", "9001", "03/04/2025", "", "שוטף+30",
     1000, 400, "₪", "עברית"],
    ["501", "גל שיווק", "gal@gal.co.il", "9002", "05/04/2025", "31.12.2025", "", 250, None,
     "$", "English"],
    ["502", "גל שיווק", "gal@@bad", "9003", dt.date(2025, 4, 7), dt.date(2025, 5, 7), "",
     "1,500.00", None, "", ""],
]


def write_mixed_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(MIXED_HEADER)
    for row in MIXED_ROWS:
        sheet.append(row)
    book.properties.created = book.properties.modified = dt.datetime(2025, 6, 1)
    book.save(path)


# --- .xls and .ods ------------------------------------------------------------

def write_print_xls(path: Path) -> None:
    """BIFF8 as older Israeli systems print it: merged title, print date, header on
    row 5, every number stored as text with a trailing ₪, a document number 000123."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("דוח")
    sheet.cols_right_to_left = True
    sheet.write_merge(0, 0, 0, 7, "ריווחית - דוח מסמכים פתוחים")
    sheet.write(1, 0, 'חברת הדגמה בע"מ')
    sheet.write(2, 0, f"תאריך הדפסה:{NBSP}01/06/2025 10:32")
    for column, text in enumerate(HEADER[:-1]):
        sheet.write(4, column, text)
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for offset, row in enumerate(ROWS, start=5):
        number, name, emails, issue, due, amount, balance, currency, _ = row
        cells: list[object] = [number, name, emails, issue, due]
        for text in (amount, balance):
            if not text:
                cells.append("")
            elif text.startswith("₪"):
                cells.append(text.replace("₪ ", "") + " ₪")
            else:
                cells.append(f"{text} ₪")
        cells.append(currency)
        for column, value in enumerate(cells):
            if column in (3, 4) and value.count("/") == 2 and len(value.split("/")[2]) == 4:
                day, month, year = (int(p) for p in value.split("/"))
                sheet.write(offset, column, dt.date(year, month, day), date_style)
            elif value != "":
                sheet.write(offset, column, value)
    book.save(str(path))


def write_ods(path: Path, rows: list[list[object]], merge_first: int = 0) -> None:
    """A one-sheet .ods with typed cells; the first row's first cell spans `merge_first` columns."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="מסמכים פתוחים")
    for index, row in enumerate(rows):
        table_row = TableRow()
        for column, value in enumerate(row):
            if index == 0 and merge_first and column == 0:
                cell = TableCell(valuetype="string", numbercolumnsspanned=merge_first)
                cell.addElement(P(text=str(value)))
                table_row.addElement(cell)
                for _ in range(merge_first - 1):
                    table_row.addElement(CoveredTableCell())
                continue
            if value is None or value == "":
                cell = TableCell()
            elif isinstance(value, dt.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
                cell.addElement(P(text=value.strftime("%d/%m/%Y")))
            elif isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


def write_rivhit_ods(path: Path) -> None:
    """The Rivhit report of rivhit_open_docs.xlsx, cell for cell, as LibreOffice saves it."""
    write_ods(path, [*TITLE, HEADER[:-1], *(_typed(r) for r in ROWS)], merge_first=8)


# --- customer balances ----------------------------------------------------------

AGING_TITLE = [
    ['חברת הדגמה בע"מ'],
    ["יתרות לקוחות לפי גיל חוב"],
    [f"נכון{NBSP}ל-30/11/2026"],
    [],
]
AGING_HEADER = ["מס' לקוח", "שם לקוח", "אימייל", "מטבע", "שוטף", "1-30", "31-60", "61-90",
                "מעל 90"]
AGING_ROWS = [
    ["1001", 'שמש בע"מ', "dana@shemesh.co.il; yossi@shemesh.co.il", "₪", 1200, 800, None, None, 250.5],
    ["1001", 'שמש בע"מ', "dana@shemesh.co.il", "USD", None, "$300.00", None, None, None],
    ["1002", "אור ירוק", "office@or-yarok.co.il", "", 0, 0, 0, 0, 0],
    ["1003", "גל שיווק", "gal@gal", "", "(500.00)", None, None, None, None],
    ["1004", "ירח הפקות", "", "", None, None, 1000, "2,500.00", None],
    ["", 'סה"כ', "", "", 700, 800, 1000, 2500, 250.5],
]


def write_aging_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "גיול חובות"
    sheet.sheet_view.rightToLeft = True
    for row in [*AGING_TITLE, AGING_HEADER, *AGING_ROWS]:
        sheet.append(row)
    sheet.merge_cells("A1:I1")
    book.properties.created = book.properties.modified = dt.datetime(2026, 12, 1)
    book.save(path)


# Hashavshevet ledger card (כרטסת): three metadata rows, a two-level header,
# the account on the first row of its block only, opening/closing balance rows,
# an account total followed by two summary rows, and a report total.
LEDGER_ROWS: list[list[object]] = [
    ["כרטסת הנהלת חשבונות"],
    ['חברת הדגמה בע"מ', "", "", "", "", "תיק 512345678"],
    ["מתאריך 01/01/26 עד תאריך 30/11/26", "", "", "", "", "הופק 01/12/26 08:14"],
    ["מפתח חשבון", "שם חשבון", "תאריך", "אסמכתא", "פרטים", "חובה / זכות (שקל)", "",
     "יתרה (שקל)"],
    ["", "", "", "", "", "חובה", "זכות", ""],
    ["30001", 'שמש בע"מ', "01/01/26", "", "יתרת פתיחה", "", "", "5,000.00 חובה"],
    ["", "", "15/01/26", "000451", "חשבונית מס", "2,340.00", "", "7,340.00 חובה"],
    ["", "", "20/02/26", "000452", "קבלה", "", "4,000.00", "3,340.00 חובה"],
    ["", "", "30/11/26", "", "יתרת סגירה", "", "", "3,340.00 חובה"],
    ['סה"כ מפתח חשבון 30001', "", "", "", "", "7,340.00", "4,000.00", ""],
    ["", "", "", "", "יתרה חובה", "3,340.00", "", ""],
    ["", "", "", "", "מספר תנועות", "3", "", ""],
    ["30002", "אור ירוק", "01/01/26", "", "יתרת פתיחה", "", "", "0.00"],
    ["", "", "03/03/26", "000460", "קבלה", "", "334,921.00", "334,921.00 זכות"],
    ["", "", "30/11/26", "", "יתרת סגירה", "", "", "334,921.00 זכות"],
    ['סה"כ מפתח חשבון 30002', "", "", "", "", "0.00", "334,921.00", ""],
    ["", "", "", "", "יתרה זכות", "", "334,921.00", ""],
    ["", "", "", "", "מספר תנועות", "1", "", ""],
    ["30003", "גל שיווק", "05/04/26", "000470", "חשבונית מס", "1,170.00", "", "1,170.00 חובה"],
    ["", "", "07/05/26", "000471", "חשבונית מס", "585.00", "", "1,755.00 חובה"],
    ['סה"כ מפתח חשבון 30003', "", "", "", "", "1,755.00", "0.00", ""],
    ["", "", "", "", "יתרה חובה", "1,755.00", "", ""],
    ["", "", "", "", "מספר תנועות", "2", "", ""],
    ['סה"כ לדוח', "", "", "", "", "9,095.00", "338,921.00", ""],
]


def write_ledger_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "כרטסת"
    sheet.sheet_view.rightToLeft = True
    for row in LEDGER_ROWS:
        sheet.append(row)
    sheet.merge_cells("A1:H1")
    sheet.merge_cells("F4:G4")
    for column in "ABCDEH":
        sheet.merge_cells(f"{column}4:{column}5")
    book.properties.created = book.properties.modified = dt.datetime(2026, 12, 1)
    book.save(path)


BALANCES_CSV = [
    ["יתרות לקוחות"],
    ["לתאריך 30/11/2026"],
    [],
    ["קוד לקוח", "שם לקוח", "טלפון", 'דוא"ל', "יתרה"],
    ["2001", 'שמש בע"מ', "03-5551234", "dana@shemesh.co.il", "1,234.50"],
    ["2002", "אור ירוק", "", "", "(500.00)"],
    ["2003", 'כהן ושות\'', "", "", "₪ 980.00"],
    ["2004", "לוי", "", "", "0.00"],
    ["", "", "", "", ""],
    ["", 'סה"כ', "", "", "1,714.50"],
]


CONTACTS_ROWS = [
    ["מס' לקוח", "שם לקוח", "איש קשר", 'דוא"ל', "מנהל תיק", "מייל מנהל תיק", "שפה"],
    ["1001", 'שמש בע"מ', "דנה כהן", "dana@shemesh.co.il; Yossi@Shemesh.co.il", "רונית",
     "ronit@demo.co.il", "עברית"],
    ["1002", "אור ירוק", "", "office@or-yarok", "אבי", "avi@demo.co.il", ""],
    ["1001", 'שמש בע"מ', "", "billing@shemesh.co.il", "", "", ""],
    ["1003", "Acme Ltd", "John Smith", "ap@acme.com", "Sales Rep Avi", "avi@demo", "English"],
]


def write_contacts_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "אנשי קשר"
    for row in CONTACTS_ROWS:
        sheet.append(row)
    book.properties.created = book.properties.modified = dt.datetime(2026, 12, 1)
    book.save(path)


if __name__ == "__main__":
    write_aging_xlsx(HERE / "aging_balances.xlsx")
    write_ledger_xlsx(HERE / "hashavshevet_ledger_card.xlsx")
    write_csv_rows(HERE / "balances_cp1255.csv", BALANCES_CSV, "cp1255")
    write_contacts_xlsx(HERE / "contacts.xlsx")
    write_print_xls(HERE / "rivhit_print.xls")
    write_rivhit_ods(HERE / "rivhit_open_docs.ods")
    write_mixed_xlsx(HERE / "mixed_currencies.xlsx")
    write_csv(HERE / "rivhit_open_docs_utf8bom.csv", "utf-8-sig")
    write_csv(HERE / "rivhit_open_docs_cp1255.csv", "cp1255")
    write_xlsx(HERE / "rivhit_open_docs.xlsx")
