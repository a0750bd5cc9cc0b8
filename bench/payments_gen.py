"""A year of a small business's invoices and bank credits, for measuring the payments matcher.

    year(seed) -> Year: 300 invoices of ~60 customers, 120 customer payments with descriptions
    as Israeli banks print them (an invoice number, a part of one, the payer's name in Hebrew,
    in English capitals, cut short or as initials, one payment for several invoices, part
    payments, a little too much), and ~45 credits that pay nothing (card settlements, loans,
    refunds, interest, own transfers, tax refunds), some of them for exactly an open balance.
    big(n_invoices, n_credits) -> the same kinds at scale, for timing.

Every credit carries its truth: which invoices it pays and how much of each.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from dunning_mailer.payments import Credit, CustomerName, OpenInvoice

SURNAMES = [("כהן", "COHEN"), ("לוי", "LEVI"), ("מזרחי", "MIZRAHI"), ("פרץ", "PERETZ"), ("ביטון", "BITON"),
            ("דהן", "DAHAN"), ("אברהם", "AVRAHAM"), ("פרידמן", "FRIEDMAN"), ("שפירא", "SHAPIRA"),
            ("גולן", "GOLAN"), ("אזולאי", "AZULAY"), ("קרביץ", "KRAVITZ"), ("רוזן", "ROZEN"), ("שמש", "SHEMESH"),
            ("גפן", "GEFEN"), ("תדמור", "TADMOR"), ("אלון", "ALON"), ("ברק", "BARAK"), ("נחום", "NACHUM"),
            ("סלע", "SELA"), ("זיו", "ZIV"), ("הדר", "HADAR"), ("שגיא", "SAGI"), ("עמית", "AMIT"),
            ("וקנין", "VAKNIN"), ("חדד", "HADAD"), ("גבאי", "GABAY"), ("יוסף", "YOSEF"), ("מלכה", "MALKA"),
            ("אוחיון", "OHAYON"), ("בן דוד", "BEN DAVID"), ("אשכנזי", "ASHKENAZI"), ("ששון", "SASSON"),
            ("קפלן", "KAPLAN"), ("ויס", "WEISS"), ("גרין", "GREEN"), ("רבינוביץ", "RABINOVICH"), ("טל", "TAL")]
FIRST = [("דני", "DANI"), ("מיכל", "MICHAL"), ("יוסי", "YOSSI"), ("רונית", "RONIT"), ("אבי", "AVI"),
         ("שירה", "SHIRA"), ("עומר", "OMER"), ("נועה", "NOA"), ("איתי", "ITAY"), ("תמר", "TAMAR")]
TRADES = [("הנדסה", "ENGINEERING"), ("שיווק", "MARKETING"), ("הפקות", "PRODUCTIONS"), ("עיצוב", "DESIGN"),
          ("מערכות", "SYSTEMS"), ("ייעוץ", "CONSULTING"), ("סחר", "TRADING"), ("בנייה", "CONSTRUCTION"),
          ("תוכנה", "SOFTWARE"), ("לוגיסטיקה", "LOGISTICS"), ("אדריכלות", "ARCHITECTURE"), ("הובלות", "TRANSPORT")]
BANK_PREFIX = ["העברה מאת:", "הע. אינטרנט", "העברה דיגיטל", "זיכוי מבנק אחר", "העברה-נייד", "העב' מאת",
               "זיכוי מיידי", "TRF FROM", ""]
UNRELATED = [("שוברי אשראי", "card"), ("ישראכרט", "card"), ("כ.א.ל - זיכוי", "card"), ("מקס איט פיננסים", "card"),
             ("זיכוי כרטיסי אשראי ויזה", "card"), ("העמדת הלוואה", "loan"), ("החזר חיוב הוראת קבע", "refund"),
             ("ביטול חיוב", "refund"), ("רבית זכות", "interest"), ("העברה עצמית", "own"),
             ("פרעון פקדון", "own"), ("החזר מס הכנסה", "tax"), ("מס הכנסה החזר", "tax"), ("החזר מע\"מ", "tax")]


@dataclass
class Truth:
    kind: str                                  # full | number | partial_ref | several | part | over | unrelated | cheque
    pays: dict[tuple[str, str], Decimal] = field(default_factory=dict)   # (source, number) -> amount
    customer_id: str | None = None


@dataclass
class Year:
    customers: list[CustomerName]
    english: dict[str, str]                    # customer id -> the English spelling banks print
    invoices: list[OpenInvoice]
    credits: list[Credit]
    truth: dict[str, Truth]


def _customers(rng: random.Random, n: int, start: int = 1001) -> tuple[list[CustomerName], dict[str, str]]:
    out, english, used = [], {}, set()
    while len(out) < n:
        sur = rng.choice(SURNAMES)
        if rng.random() < 0.7:
            trade = rng.choice(TRADES)
            he, en = f"{sur[0]} {trade[0]} בע\"מ", f"{sur[1]} {trade[1]} LTD"
        else:
            first = rng.choice(FIRST)
            he, en = f"{first[0]} {sur[0]}", f"{first[1]} {sur[1]}"
        if he in used:
            continue
        used.add(he)
        cid = str(start + len(out))
        out.append(CustomerName(cid, he))
        english[cid] = en
    return out, english


def _payer_text(rng: random.Random, c: CustomerName, english: str) -> str:
    """The payer's name as a bank prints it."""
    style = rng.random()
    he = c.name.replace(" בע\"מ", "")
    if style < 0.35:
        name = rng.choice([c.name, he])
    elif style < 0.65:
        name = rng.choice([english, english.replace(" LTD", ""), english.title()])
    elif style < 0.85:
        name = (he if rng.random() < 0.5 else english)[:12].rstrip()     # the bank cut it short
    else:
        name = he.split()[0] + " " + "".join(w[0] + "." for w in he.split()[1:])   # "כהן ה."
    prefix = rng.choice(BANK_PREFIX)
    account = f" {rng.randint(10, 31)}-{rng.randint(100, 999)}-{rng.randint(100000, 9999999)}" if rng.random() < 0.3 else ""
    return " ".join(x for x in (prefix, name + account) if x)


def _number_text(rng: random.Random, numbers: list[str]) -> str:
    word = rng.choice(["חשבונית", "חש'", "ח-ן", "inv", "INVOICE", "תשלום", "עבור חשבונית", ""])
    return f"{word} {' '.join(numbers) if rng.random() < 0.6 else '+'.join(numbers)}".strip()


def year(seed: int = 2026, n_customers: int = 60, n_invoices: int = 300, n_payments: int = 120,
         n_unrelated: int = 45) -> Year:
    rng = random.Random(seed)
    customers, english = _customers(rng, n_customers)
    start = dt.date(2026, 1, 1)
    weights = [rng.paretovariate(1.2) for _ in customers]
    retainers = {c.id: Decimal(rng.choice([1500, 2000, 2500, 3000, 4500])) for c in customers if rng.random() < 0.3}
    invoices = []
    for n in range(n_invoices):
        c = rng.choices(customers, weights)[0]
        issue = start + dt.timedelta(days=rng.randint(0, 330))
        if c.id in retainers and rng.random() < 0.6:
            amount = retainers[c.id]                # the same amount every month
        else:
            amount = Decimal(rng.randint(300, 20000)) + Decimal(rng.choice([0, 0, 50, 90, 99])) / 100
        invoices.append(OpenInvoice(str(41001 + n), c.id, amount, issue + dt.timedelta(days=30), "ILS", issue))
    by_id = {c.id: c for c in customers}
    left = {i.number: i.balance for i in invoices}
    credits: list[Credit] = []
    truth: dict[str, Truth] = {}
    kinds = (["number"] * 30 + ["partial_ref"] * 8 + ["full"] * 34 + ["several"] * 10 + ["part"] * 9
             + ["over"] * 4 + ["cheque"] * 5)
    order = sorted(invoices, key=lambda i: i.issue_date)
    made = 0
    tries = 0
    while made < n_payments and tries < 5000:
        tries += 1
        inv = rng.choice(order)
        if left[inv.number] <= 0:
            continue
        kind = rng.choice(kinds)
        c = by_id[inv.customer_id]
        when = inv.issue_date + dt.timedelta(days=rng.randint(3, 75))
        if when > dt.date(2026, 12, 31):
            continue
        group = [inv]
        if kind == "several":
            others = [i for i in invoices if i.customer_id == c.id and i is not inv and left[i.number] > 0
                      and i.issue_date <= when]
            if not others:
                continue
            group += rng.sample(others, min(len(others), rng.randint(1, 2)))
        total = sum((left[i.number] for i in group), Decimal(0))
        pays = {(i.source, i.number): left[i.number] for i in group}
        amount = total
        if kind == "part":
            amount = (total * Decimal(rng.choice([0.3, 0.5, 0.25]))).quantize(Decimal("1"))
            pays = {(inv.source, inv.number): amount}
        elif kind == "over":
            amount = total + Decimal(rng.choice(["100", "250", "0.40"]))
        payer = _payer_text(rng, c, english[c.id])
        if kind in ("number", "several") or (kind in ("part", "over") and rng.random() < 0.6):
            text = f"{payer} {_number_text(rng, [i.number for i in group])}" if rng.random() < 0.7 \
                else f"{rng.choice(BANK_PREFIX)} {_number_text(rng, [i.number for i in group])}"
        elif kind == "partial_ref":
            text = f"{payer} {rng.choice(['ח-ן', 'חשבונית', 'inv'])} {inv.number[-3:]}"
        elif kind == "cheque":
            text = rng.choice(["הפקדת שיק", "הפקדת שיקים בסניף", "שיק 100233"])
        else:
            text = payer
        cid = f"p{made}"
        credits.append(Credit(cid, when, amount, " ".join(text.split()), str(rng.randint(10000, 99999))))
        truth[cid] = Truth(kind, pays, c.id)
        for key, paid in pays.items():
            left[key[1]] -= paid if kind != "over" else left[key[1]]
        made += 1
    for n in range(n_unrelated):
        text, what = rng.choice(UNRELATED)
        when = start + dt.timedelta(days=rng.randint(20, 360))
        open_now = [i for i in invoices if i.issue_date <= when and left[i.number] > 0]
        if open_now and rng.random() < 0.4:
            amount = left[rng.choice(open_now).number]    # exactly some open balance, by chance
        else:
            amount = Decimal(rng.randint(50, 15000)) + Decimal(rng.randint(0, 99)) / 100
        cid = f"u{n}"
        credits.append(Credit(cid, when, amount, text, str(rng.randint(10000, 99999))))
        truth[cid] = Truth("unrelated:" + what)
    credits.sort(key=lambda c: (c.date, c.id))
    return Year(customers, english, invoices, credits, truth)


def big(n_invoices: int = 100_000, n_credits: int = 10_000, seed: int = 7) -> Year:
    """At scale: ~n/3.3 customers, credits of every kind against the open invoices (not scored)."""
    rng = random.Random(seed)
    customers, english = _customers_fast(rng, n_invoices * 3 // 10)
    today = dt.date(2026, 12, 1)
    invoices = []
    for n in range(n_invoices):
        c = customers[int(rng.paretovariate(1.1) * 7) % len(customers)] if rng.random() < 0.3 else rng.choice(customers)
        issue = today - dt.timedelta(days=rng.randint(1, 400))
        amount = Decimal(rng.randint(100, 50000)) + Decimal(rng.randint(0, 99)) / 100
        invoices.append(OpenInvoice(f"{200000 + n}", c.id, amount, issue + dt.timedelta(days=30), "ILS", issue))
    by_id = {c.id: c for c in customers}
    credits = []
    for n in range(n_credits):
        inv = rng.choice(invoices)
        c = by_id[inv.customer_id]
        r = rng.random()
        if r < 0.3:
            text = f"{rng.choice(BANK_PREFIX)} חשבונית {inv.number}"
        elif r < 0.7:
            text = _payer_text(rng, c, english[c.id])
        elif r < 0.85:
            text = rng.choice(UNRELATED)[0]
        else:
            text = f"{_payer_text(rng, c, english[c.id])} {inv.number[-3:]}"
        credits.append(Credit(f"b{n}", today - dt.timedelta(days=rng.randint(0, 30)), inv.balance, text))
    return Year(customers, english, invoices, credits, {})


def _customers_fast(rng: random.Random, n: int) -> tuple[list[CustomerName], dict[str, str]]:
    """Many customers: the same pools, numbered so names repeat as they do in a big book."""
    out, english = [], {}
    for k in range(n):
        sur, trade, first = rng.choice(SURNAMES), rng.choice(TRADES), rng.choice(FIRST)
        if rng.random() < 0.7:
            he, en = f"{sur[0]} {trade[0]} {k % 97} בע\"מ", f"{sur[1]} {trade[1]} LTD"
        else:
            he, en = f"{first[0]} {sur[0]}", f"{first[1]} {sur[1]}"
        cid = str(100000 + k)
        out.append(CustomerName(cid, he))
        english[cid] = en
    return out, english
