"""Generated exports for the tests: a Hebrew open-invoices book of a dozen customers."""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

HEADERS_HE = ["מס' לקוח", "שם לקוח", "דוא\"ל", "מס' חשבונית", "תאריך חשבונית", "תאריך פירעון",
              "סכום", "יתרה לתשלום", "מטבע"]

NAMES = ["נגריית השרון", "דנה לוי עיצוב", "מכולת השכונה", "קפה הרצל", "אלון מיזוג", "יוגה שקט",
         "משרד כהן", "משתלת גן ירק", "מאפיית הבוקר", "ר.ש. הובלות", "אופטיקה עין טובה", "דפוס המרכז"]


@dataclass(frozen=True)
class Row:
    customer_id: str
    name: str
    email: str
    number: str
    due: dt.date
    amount: Decimal
    balance: Decimal
    currency: str = "₪"


def book(snapshot: dt.date) -> list[Row]:
    """36 invoices for 12 customers, due dates spread from 60 days late to 40 days ahead."""
    rows = []
    offsets = [-60, -33, -20, -12, -8, -4, -1, 1, 2, 3, 15, 40]
    for c, name in enumerate(NAMES):
        for k in range(3):
            days = offsets[(c + 5 * k) % len(offsets)] + k
            if c >= 10:  # the last two customers have nothing due for weeks
                days = 15 + 12 * k
            amount = Decimal(350 + 137 * c + 1000 * k).quantize(Decimal("0.01"))
            rows.append(Row(f"{1001 + c}", name, f"billing{c + 1}@cust{c + 1}.example",
                            f"2026-{100 + 3 * c + k:04d}", snapshot + dt.timedelta(days=days), amount, amount))
    return rows


def write_xlsx(path: Path, rows: list[Row], *, title: str | None = "דוח חשבוניות פתוחות") -> Path:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.append([])
    ws.append(HEADERS_HE)
    for r in rows:
        ws.append([r.customer_id, r.name, r.email, r.number, r.due - dt.timedelta(days=30), r.due,
                   f"{r.amount:,.2f}", f"{r.balance:,.2f}", r.currency])
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[Row], *, encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADERS_HE)
        for r in rows:
            w.writerow([r.customer_id, r.name, r.email, r.number,
                        (r.due - dt.timedelta(days=30)).strftime("%d/%m/%Y"), r.due.strftime("%d/%m/%Y"),
                        f"{r.amount:,.2f}", f"{r.balance:,.2f}", r.currency])
    return path


def many_customers(snapshot: dt.date, n: int) -> list[Row]:
    """`n` customers with one invoice each, all past due: `n` reminders in one cycle."""
    return [Row(f"{5000 + i}", f"לקוח {i}", f"c{i}@many.example", f"M-{i:05d}",
                snapshot - dt.timedelta(days=5 + i % 20), Decimal(100 + i), Decimal(100 + i))
            for i in range(n)]
