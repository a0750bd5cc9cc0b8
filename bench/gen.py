"""Data for the benchmarks: Hebrew open-invoice books as .xlsx, cached under bench/data/.

Books are deterministic (seeded); a file is regenerated only when missing or when
GENERATOR_VERSION changes (it is part of the file name).
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
GENERATOR_VERSION = 2

SNAPSHOT = dt.date(2026, 11, 30)
HEADERS = ["מס' לקוח", "שם לקוח", "דוא\"ל", "מס' חשבונית", "תאריך חשבונית", "תאריך פירעון",
           "סכום", "יתרה לתשלום", "מטבע"]

FIRST = ["אבי", "אורית", "איתי", "אלון", "אסתר", "בני", "גלית", "דנה", "דוד", "הילה", "חיים", "טל",
         "יעל", "יוסי", "כרמית", "לאה", "מיכל", "משה", "נועה", "ניר", "עדי", "עומר", "רונית", "רחל",
         "שי", "שרה", "תמר", "אריאל", "ליאור", "מאיה"]
LAST = ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם", "פרידמן", "אזולאי", "דהן", "שפירא",
        "גולן", "חדד", "אוחיון", "בן דוד", "רוזנברג", "קליין", "וקנין", "שטרן", "עמר", "נחום"]
TRADES = ["נגריית", "מאפיית", "משרד עו\"ד", "סטודיו", "מוסך", "קפה", "אופטיקה", "מכולת", "משתלת",
          "דפוס", "הובלות", "חשמל", "אינסטלציה", "מספרת", "קליניקה", "יוגה", "גלריה", "פיצריה"]
PLACES = ["השרון", "הכרמל", "הגליל", "המרכז", "הנגב", "העמק", "השכונה", "הרצל", "הבוקר", "הים"]
SUFFIX = ["בע\"מ", "ושות'", "", "", "", "(2005) בע\"מ"]


def customer_name(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.45:
        return f"{rng.choice(TRADES)} {rng.choice(PLACES)} {rng.choice(SUFFIX)}".strip()
    if kind < 0.8:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return f"{rng.choice(LAST)} {rng.choice(TRADES)} {rng.choice(SUFFIX)}".strip()


def book_rows(n_invoices: int, n_customers: int, *, seed: int = 8, due_days=(-420, 45),
              snapshot: dt.date = SNAPSHOT) -> list[list]:
    """Rows of a realistic export: customers with 1..many invoices (skewed), due dates
    spread over a year back (a ladder of ages: some not yet due, most overdue),
    mostly ₪ with some $ and €, partial payments, a few customers with two addresses."""
    rng = random.Random(seed)
    customers = []
    for i in range(n_customers):
        cid = f"{10000 + i}"
        emails = f"billing{i}@c{i}.example"
        if rng.random() < 0.1:
            emails += f"; accounts{i}@c{i}.example"
        currency = "₪" if rng.random() < 0.9 else rng.choice(["$", "€"])
        customers.append((cid, customer_name(rng), emails, currency))
    # Every customer gets one invoice; the rest go to a skewed few (big accounts).
    owners = list(range(n_customers)) + [int(n_customers * rng.random() ** 3) if rng.random() < 0.3
                                         else rng.randrange(n_customers)
                                         for _ in range(n_invoices - n_customers)]
    rng.shuffle(owners)
    rows = []
    lo, hi = due_days
    for k, owner in enumerate(owners):
        cid, name, emails, currency = customers[owner]
        due = snapshot + dt.timedelta(days=rng.randint(lo, hi))
        issue = due - dt.timedelta(days=rng.choice((0, 30, 30, 30, 45, 60)))
        amount = round(rng.lognormvariate(7.5, 1.0), 2)
        balance = amount if rng.random() < 0.85 else round(amount * rng.uniform(0.1, 0.9), 2)
        rows.append([cid, name, emails, f"{2024 + k % 3}-{k:06d}", issue, due, amount, balance, currency])
    return rows


def write_book(path: Path, rows: list[list], title: str = "דוח חשבוניות פתוחות") -> Path:
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("חשבוניות פתוחות")
    ws.append([title])
    ws.append([f"נכון לתאריך {SNAPSHOT:%d/%m/%Y}"])
    ws.append([])
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(tmp)
    tmp.replace(path)
    return path


SIZES = {"1k": (1_000, 300), "10k": (10_000, 3_000), "100k": (100_000, 30_000)}


def book(size: str) -> Path:
    """The cached .xlsx book of `size` ("1k", "10k", "100k")."""
    path = DATA / f"book-{size}-v{GENERATOR_VERSION}-{SNAPSHOT:%Y-%m-%d}.xlsx"
    if not path.exists():
        n, c = SIZES[size]
        write_book(path, book_rows(n, c))
    return path


def send_book(n_customers: int = 5_000) -> Path:
    """A book where exactly `n_customers` customers are due one email each on SNAPSHOT+1:
    1-3 invoices per customer, all 5..60 days overdue (the `reminder` stage)."""
    path = DATA / f"send-{n_customers}-v{GENERATOR_VERSION}-{SNAPSHOT:%Y-%m-%d}.xlsx"
    if not path.exists():
        rng = random.Random(5)
        n_invoices = n_customers + n_customers // 2
        write_book(path, book_rows(n_invoices, n_customers, seed=5, due_days=(-60, -5)))
        del rng
    return path


if __name__ == "__main__":
    import sys
    import time
    for size in sys.argv[1:] or ["1k", "10k", "100k"]:
        t = time.perf_counter()
        p = book(size)
        print(p, f"{time.perf_counter() - t:.1f}s", p.stat().st_size)
