"""Rebuild the committed fixtures: a Rivhit-like report in three encodings, and a mixed sheet.

Run `python tests/sources/build_fixtures.py`; then refresh the golden files
with `UPDATE_GOLDEN=1 pytest tests/test_sources_golden.py`.
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


def write_csv(path: Path, encoding: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([*TITLE, HEADER, *ROWS])
    path.write_bytes(buffer.getvalue().encode(encoding))


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


if __name__ == "__main__":
    write_mixed_xlsx(HERE / "mixed_currencies.xlsx")
    write_csv(HERE / "rivhit_open_docs_utf8bom.csv", "utf-8-sig")
    write_csv(HERE / "rivhit_open_docs_cp1255.csv", "cp1255")
    write_xlsx(HERE / "rivhit_open_docs.xlsx")
