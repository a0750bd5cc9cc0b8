"""Shared pieces for the statement files: transaction lines, debits
vocabulary, balances, expected-output writer.  All names and numbers are
invented."""
from __future__ import annotations

import datetime as dt
import json
import random
import re
from decimal import Decimal, ROUND_HALF_UP

D = Decimal
BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def money(x):
    return D(str(x)).quantize(D("0.01"), ROUND_HALF_UP)


def norm(s):
    """How expected descriptions are normalised: bidi marks dropped, NBSP to
    space, whitespace collapsed."""
    if s is None:
        return ""
    s = BIDI.sub("", str(s)).replace("\xa0", " ")
    return re.sub(r"\s+", " ", s).strip()


def join_desc(*parts):
    return " | ".join(p for p in (norm(x) for x in parts) if p)


def bank_days(start, end):
    x = start
    while x <= end:
        if x.weekday() in (6, 0, 1, 2, 3):
            yield x
        x += dt.timedelta(days=1)


def next_bank_day(x, n=1):
    while n:
        x += dt.timedelta(days=1)
        if x.weekday() in (6, 0, 1, 2, 3):
            n -= 1
    return x


def snap(x):
    while x.weekday() not in (6, 0, 1, 2, 3):
        x += dt.timedelta(days=1)
    return x


class Line:
    def __init__(self, date, amount, desc, detail="", ref=None, vdate=None, **extra):
        self.date = date
        self.vdate = vdate or date
        self.amount = money(amount)
        self.desc = desc
        self.detail = detail
        self.ref = ref
        self.extra = extra
        self.balance = None

    def key(self):
        return (self.date, self.ref or "", self.amount, self.desc)


def refgen(rng):
    used = set()

    def f(n=None):
        while True:
            k = n or rng.choice([5, 6, 7, 8, 9])
            r = str(rng.randrange(10 ** (k - 1), 10 ** k))
            if r not in used:
                used.add(r)
                return r
    return f


SUPPLIERS = ["טמבור צנרת בע\"מ", "ח.י. חומרי בניין", "דפוס הצפון בע\"מ", "אופיס דיפו", "ספקי הגליל",
             "סיטונאות הגליל בע\"מ", "מוביל הדרום", "יעל רואת חשבון", "גז לבית בע\"מ", "ירקות השרון"]


def debits(rng, start, end, ref, style="hapoalim", payroll=(14000, 26000), loan=True, scale=1.0):
    """Monthly pattern of an Israeli small business's debits."""
    out = []
    months = sorted({(d.year, d.month) for d in bank_days(start, end)})
    S = style

    def L(day, amt, desc, detail="", r=None, **kw):
        day = snap(day)
        if start <= day <= end:
            out.append(Line(day, -money(amt), desc, detail, r if r is not None else ref(), **kw))

    card = {"hapoalim": "כרטיסי אשראי ל", "leumi": "מקס איט פיננ-י", "discount": "ישראכרט",
            "mizrahi": "מסטרקרד", "fibi": "כ.א.ל", "yahav": "ויזה כ.א.ל"}[S]
    for (y, m) in months:
        base = dt.date(y, m, 1)
        L(base + dt.timedelta(days=1), rng.randrange(2500, 9000) * scale + rng.randrange(0, 99) / 100, card)
        if payroll:
            L(dt.date(y, m, 9), rng.randrange(*payroll) * scale + rng.randrange(0, 99) / 100,
              {"hapoalim": "מס\"ב-משכורות", "leumi": "משכורות", "discount": "העברת משכורות",
               "mizrahi": "מס\"ב משכורת", "fibi": "משכורות מס\"ב", "yahav": "העברת משכורות"}[S])
        L(dt.date(y, m, 15), rng.randrange(3000, 12000) * scale, "מע\"מ" if S != "leumi" else "מע\"מ-תשלום",
          "תשלום דו\"ח תקופתי" if S in ("hapoalim",) else "")
        L(dt.date(y, m, 15), rng.randrange(800, 3500) * scale, "מס הכנסה ניכויים")
        L(dt.date(y, m, 15), rng.randrange(900, 3900) * scale, "ביטוח לאומי" if S != "hapoalim" else "בטוח לאומי")
        if loan:
            L(dt.date(y, m, 10), "2140.00", "הו\"ק הלואה קרן")
            L(dt.date(y, m, 10), rng.randrange(380, 520) + rng.randrange(0, 99) / 100, "הו\"ק הלו' רבית")
        L(dt.date(y, m, 1) + dt.timedelta(days=rng.randint(0, 27)), rng.randrange(30, 90) + 0.9,
          {"hapoalim": "עמלת מסלול", "leumi": "עמל.ערוץ", "discount": "עמלת פנקס שיקים",
           "mizrahi": "עמלת ניהול חשבון", "fibi": "עמלות", "yahav": "עמלת מסלול"}[S])
        L(dt.date(y, m, 20), rng.randrange(280, 950) + rng.randrange(0, 99) / 100,
          rng.choice(["חברת החשמל", "בזק-הוראות קבע", "פרטנר תקשורת", "ארנונה עירייה"]))
        for _ in range(rng.randint(2, 4)):
            sup = rng.choice(SUPPLIERS)
            day = dt.date(y, m, rng.randint(1, 28))
            amt = rng.randrange(400, 9000) * scale + rng.randrange(0, 99) / 100
            if S == "hapoalim":
                L(day, amt, "העב' לאחר-נייד", f"לטובת: {sup}", laTovat=sup)
            elif S == "leumi":
                L(day, amt, rng.choice(["הע. אינטרנט", "העברה דיגיטל"]), f"לטובת: {sup} {rng.randint(10, 31)}-"
                  f"{rng.randint(100, 999)}-{rng.randint(100000, 999999)}")
            elif S == "mizrahi":
                L(day, amt, "העברה לאחר", f"לטובת: {sup}")
            else:
                L(day, amt, f"העברה ל{sup}" if S != "discount" else f"העברה: {sup}")
        if rng.random() < 0.6:
            num = str(rng.randint(1000, 1999)).zfill(8) if S == "hapoalim" else str(rng.randint(1000, 1999))
            L(dt.date(y, m, rng.randint(3, 27)), rng.randrange(1000, 7000), "שיק", r=num)
        if rng.random() < 0.4:
            L(dt.date(y, m, rng.randint(3, 27)), rng.choice([500, 1000, 1500, 2000]), "משיכה מבנקט")
    return out


def balances(lines, opening):
    bal = money(opening)
    for l in lines:
        bal += l.amount
        l.balance = bal
    return bal


def order(lines):
    return sorted(lines, key=lambda l: (l.date, 0 if l.amount > 0 else 1, l.ref or ""))


def write_expected(path, bank, layout_source, lines, currency="ILS", extra=None):
    out = {"bank": bank, "layout_source": layout_source, "lines": []}
    for l in lines:
        out["lines"].append({
            "date": l.date.isoformat(),
            "value_date": l.vdate.isoformat() if l.vdate is not None else None,
            "description": l.expected_desc,
            "reference": l.ref if l.ref not in (None, "") else None,
            "amount": f"{l.amount:.2f}",
            "currency": currency,
        })
    if extra:
        out.update(extra)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return len(out["lines"])


def scenario_credits(path, start, end, split=" | "):
    """Credits of a matching scenario as statement lines (description split
    into the bank's short column and its detail column)."""
    s = json.load(open(path, encoding="utf-8"))
    out = []
    for c in s["credits"]:
        d = dt.date.fromisoformat(c["date"])
        if not (start <= d <= end):
            continue
        if split in c["description"]:
            a, b = c["description"].split(split, 1)
        else:
            a, b = c["description"], ""
        l = Line(d, c["amount"], a, b, c["reference"], dt.date.fromisoformat(c["value_date"]))
        l.scenario_id = c["id"]
        out.append(l)
    return out
