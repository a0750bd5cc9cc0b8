"""Regenerate the example export used by `make demo`: python examples/make_examples.py

A Hebrew open-invoices report as a small business's accounting system would
export it on 30/11/2026: a title row, Hebrew headers, DD/MM/YYYY due dates as
real Excel dates, ₪ amounts, a partial payment, a customer with two
addresses, and one invoice in dollars.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
SNAPSHOT = dt.date(2026, 11, 30)

CUSTOMERS = [
    ("1001", "נגריית השרון בע\"מ", "office@sharon-wood.example"),
    ("1002", "דנה לוי – עיצוב פנים", "dana@levi-design.example"),
    ("1003", "מכולת השכונה", "makolet@example.co.il"),
    ("1004", "קפה ברחוב הרצל", "herzl.cafe@example.co.il"),
    ("1005", "אלון מערכות מיזוג", "billing@alon-ac.example; alon@alon-ac.example"),
    ("1006", "סטודיו יוגה שקט", "hello@sheket-yoga.example"),
    ("1007", "משרד עו\"ד כהן", "accounts@cohen-law.example"),
    ("1008", "גן ירק – משתלה", "ganyerek@example.co.il"),
    ("1009", "Blue Harbor Ltd", "ap@blueharbor.example"),
    ("1010", "מאפיית הבוקר", "boker.bakery@example.co.il"),
    ("1011", "ר.ש. הובלות", "rs.moving@example.co.il"),
    ("1012", "אופטיקה עין טובה", "ein.tova@example.co.il"),
]

# (customer, invoice number, days from the snapshot to the due date, amount, balance, currency)
INVOICES = [
    ("1001", "2026-0411", -40, "12,400.00", "12,400.00", "₪"),
    ("1001", "2026-0458", -12, "3,150.00", "3,150.00", "₪"),
    ("1001", "2026-0502", 3, "2,000.00", "2,000.00", "₪"),
    ("1002", "2026-0433", -25, "4,680.00", "2,340.00", "₪"),
    ("1002", "2026-0497", 2, "1,170.00", "1,170.00", "₪"),
    ("1003", "2026-0470", -5, "890.50", "890.50", "₪"),
    ("1004", "2026-0481", 4, "1,540.00", "1,540.00", "₪"),
    ("1004", "2026-0505", 20, "760.00", "760.00", "₪"),
    ("1005", "2026-0390", -55, "18,720.00", "18,720.00", "₪"),
    ("1005", "2026-0444", -18, "6,435.00", "6,435.00", "₪"),
    ("1006", "2026-0490", 3, "350.00", "350.00", "₪"),
    ("1007", "2026-0466", -8, "9,360.00", "9,360.00", "₪"),
    ("1007", "2026-0499", 25, "2,340.00", "2,340.00", "₪"),
    ("1008", "2026-0452", -15, "275.00", "275.00", "₪"),
    ("1009", "INV-2026-0042", -9, "2,400.00", "2,400.00", "$"),
    ("1009", "2026-0484", 1, "1,755.00", "1,755.00", "₪"),
    ("1010", "2026-0503", 30, "640.00", "640.00", "₪"),
    ("1011", "2026-0425", -33, "5,265.00", "5,265.00", "₪"),
    ("1011", "2026-0463", -10, "1,404.00", "1,404.00", "₪"),
    ("1011", "2026-0488", 2, "936.00", "936.00", "₪"),
    ("1012", "2026-0476", -3, "1,990.00", "1,990.00", "₪"),
    ("1012", "2026-0509", 45, "2,150.00", "2,150.00", "₪"),
    ("1003", "2026-0511", 12, "412.00", "412.00", "₪"),
    ("1006", "2026-0512", 40, "350.00", "350.00", "₪"),
    ("1008", "2026-0513", 9, "1,120.00", "1,120.00", "₪"),
    ("1010", "2026-0447", -20, "1,280.00", "1,280.00", "₪"),
]

HEADERS = ["מס' לקוח", "שם לקוח", "דוא\"ל", "מס' חשבונית", "תאריך חשבונית", "תאריך פירעון",
           "סכום", "יתרה לתשלום", "מטבע"]


def write(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "חשבוניות פתוחות"
    ws.sheet_view.rightToLeft = True
    ws.append([f"דוח חשבוניות פתוחות נכון ל-{SNAPSHOT:%d/%m/%Y}"])
    ws.append([])
    ws.append(HEADERS)
    names = {c[0]: c for c in CUSTOMERS}
    for cid, number, days, amount, balance, currency in INVOICES:
        _, name, emails = names[cid]
        due = SNAPSHOT + dt.timedelta(days=days)
        issued = due - dt.timedelta(days=30)
        ws.append([cid, name, emails, number, issued, due, amount, balance, currency])
    for row in ws.iter_rows(min_row=4, min_col=5, max_col=6):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"
    wb.save(path)


if __name__ == "__main__":
    write(HERE / f"open-invoices-{SNAPSHOT.isoformat()}.xlsx")
    print("wrote", HERE / f"open-invoices-{SNAPSHOT.isoformat()}.xlsx")
