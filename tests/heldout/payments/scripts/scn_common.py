"""Shared machinery for the held-out matching scenarios.

Everything here is invented.  A scenario is built in phases:
  1. customers and invoices (explicit ones plus procedural background),
  2. invoice numbering in issue-date order,
  3. payment planning (hand-placed hard cases first, procedural rest),
  4. credits that pay nothing,
  5. sorting credits by date, assigning ids,
  6. validation by replaying the credits in date order with Decimal.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import random
from decimal import Decimal, ROUND_HALF_UP

D = Decimal
CENT = D("0.01")


def money(x) -> Decimal:
    return D(str(x)).quantize(CENT, ROUND_HALF_UP)


def fmt(x: Decimal) -> str:
    return f"{money(x):.2f}"


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def iso(x: dt.date) -> str:
    return x.isoformat()


def is_bank_day(x: dt.date) -> bool:
    # Israeli banks book Sunday..Thursday (weekday(): Mon=0 .. Sun=6)
    return x.weekday() in (6, 0, 1, 2, 3)


def bank_day(x: dt.date, forward=True) -> dt.date:
    step = dt.timedelta(days=1 if forward else -1)
    while not is_bank_day(x):
        x += step
    return x


def add_bank_days(x: dt.date, n: int) -> dt.date:
    while n > 0:
        x += dt.timedelta(days=1)
        if is_bank_day(x):
            n -= 1
    return x


def due_from_terms(issue: dt.date, terms: str) -> dt.date:
    """שוטף+N = end of issue month + N days; +N / נטו N = issue + N; מיידי = issue."""
    if terms == "מיידי":
        return issue
    if terms.startswith("שוטף+"):
        n = int(terms.split("+")[1])
        last = calendar.monthrange(issue.year, issue.month)[1]
        return dt.date(issue.year, issue.month, last) + dt.timedelta(days=n)
    if terms.startswith("+") or terms.startswith("נטו"):
        n = int(terms.replace("נטו", "").replace("+", "").strip())
        return issue + dt.timedelta(days=n)
    if terms.startswith("Net "):
        return issue + dt.timedelta(days=int(terms[4:]))
    raise ValueError(terms)


class Inv:
    def __init__(self, cid, issue, amount, terms, currency, tag=None, due=None):
        self.cid = cid
        self.issue = issue
        self.amount = money(amount)
        self.terms = terms
        self.currency = currency
        self.due = due or due_from_terms(issue, terms)
        self.tag = tag
        self.number = None
        self.rem = self.amount  # remaining during planning
        self.planned = False    # a payment plan has been decided (incl. "leave open")

    def __repr__(self):
        return f"<Inv {self.number} {self.cid} {self.issue} {self.amount}>"


class Cr:
    def __init__(self, date, amount, desc, ref, currency="ILS", value_date=None,
                 alloc=None, note="", kind="pay", hard=False, overpay=False, alternatives=None):
        self.date = date
        self.value_date = value_date or date
        self.amount = money(amount)
        self.desc = desc
        self.ref = ref
        self.currency = currency
        self.alloc = alloc or {}   # Inv -> Decimal
        self.note = note
        self.kind = kind
        self.hard = hard
        self.overpay = overpay
        self.alternatives = alternatives or []
        self.alt_same = False
        self.id = None


class Builder:
    def __init__(self, key, business, seed, start, end, inv_format, inv_start, currency="ILS"):
        self.key = key
        self.business = business
        self.currency = currency
        self.rng = random.Random(seed)
        self.start = d(start)
        self.end = d(end)
        self.inv_format = inv_format
        self.inv_start = inv_start
        self.customers = []
        self.cmap = {}
        self.invoices = []
        self.credits = []
        self.used_refs = set()

    # ---------------------------------------------------------- customers
    def cust(self, cid, name, emails, **extra):
        c = {"id": cid, "name": name, "emails": emails}
        c.update(extra)
        self.customers.append(c)
        self.cmap[cid] = c
        return c

    # ---------------------------------------------------------- invoices
    def inv(self, cid, issue, amount, terms="שוטף+30", currency=None, tag=None, due=None):
        if isinstance(issue, str):
            issue = d(issue)
        i = Inv(cid, issue, amount, terms, currency or self.currency, tag, due)
        self.invoices.append(i)
        return i

    def number_invoices(self):
        self.invoices.sort(key=lambda i: (i.issue, i.cid, i.amount))
        for k, i in enumerate(self.invoices):
            i.number = self.inv_format(self.inv_start + k)

    def by_tag(self, tag):
        r = [i for i in self.invoices if i.tag == tag]
        assert len(r) == 1, (tag, r)
        return r[0]

    def of(self, cid, open_only=True):
        return [i for i in self.invoices if i.cid == cid and (not open_only or not i.planned)]

    # ---------------------------------------------------------- credits
    def ref(self, digits=None):
        while True:
            n = digits or self.rng.choice([5, 6, 7, 8, 9])
            r = str(self.rng.randrange(10 ** (n - 1), 10 ** n))
            if r not in self.used_refs:
                self.used_refs.add(r)
                return r

    def pay(self, invs, date, desc, amount=None, ref=None, note="", hard=False,
            overpay=False, value_date=None, currency=None, alloc=None, alternatives=None,
            close=True, alt_same=False):
        """Plan one credit paying `invs` (in order, FIFO when partial)."""
        if isinstance(date, str):
            date = d(date)
        if isinstance(invs, Inv):
            invs = [invs]
        total_rem = sum((i.rem for i in invs), D(0))
        amount = money(amount) if amount is not None else total_rem
        if alloc is None:
            alloc = {}
            left = amount
            for k, i in enumerate(invs):
                take = min(i.rem, left)
                if overpay and k == len(invs) - 1:
                    take = left
                alloc[i] = take
                left -= take
            assert left == 0 or overpay, (desc, amount, total_rem)
        for i, a in alloc.items():
            i.rem -= a
            if close:
                i.planned = True
        cr = Cr(date, amount, desc, ref if ref is not None else self.ref(), currency or invs[0].currency,
                value_date, alloc, note, "pay", hard, overpay, alternatives)
        cr.alt_same = alt_same
        self.credits.append(cr)
        return cr

    def other(self, date, amount, desc, note, ref=None, currency=None, value_date=None):
        if isinstance(date, str):
            date = d(date)
        cr = Cr(date, amount, desc, ref if ref is not None else self.ref(), currency or self.currency,
                value_date, {}, note, "none")
        self.credits.append(cr)
        return cr

    # ---------------------------------------------------------- output
    def finalize(self, path):
        for c in self.credits:
            if "שיק" in c.desc and c.value_date == c.date:
                c.value_date = add_bank_days(c.date, 1)   # cheques get value the next business day
        self.credits.sort(key=lambda c: (c.date, c.value_date, c.kind != "none", c.ref))
        for k, c in enumerate(self.credits):
            c.id = f"L{k + 1:04d}"
        self.validate()
        out = {
            "business": self.business,
            "currency": self.currency,
            "customers": [{"id": c["id"], "name": c["name"], "emails": c["emails"]} for c in self.customers],
            "invoices": [
                {"number": i.number, "customer_id": i.cid, "issue_date": iso(i.issue),
                 "due_date": iso(i.due), "amount": fmt(i.amount), "currency": i.currency}
                for i in self.invoices
            ],
            "credits": [
                {"id": c.id, "date": iso(c.date), "value_date": iso(c.value_date),
                 "description": c.desc, "reference": c.ref, "amount": fmt(c.amount),
                 "currency": c.currency}
                for c in self.credits
            ],
            "expected": {c.id: {i.number: fmt(a) for i, a in c.alloc.items()} for c in self.credits},
            "notes": {c.id: c.note for c in self.credits},
        }
        alts = {c.id: [{i.number: fmt(a) for i, a in alt.items()} for alt in c.alternatives]
                for c in self.credits if c.alternatives}
        if alts:
            out["acceptable_alternatives"] = alts
        with open(path, "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)
            f.write("\n")
        return self.stats()

    def validate(self):
        # replay in id (= date) order
        rem = {i: i.amount for i in self.invoices}
        nums = [i.number for i in self.invoices]
        assert len(nums) == len(set(nums)), "duplicate invoice numbers"
        cids = {c["id"] for c in self.customers}
        for i in self.invoices:
            assert i.cid in cids
            assert self.start - dt.timedelta(days=120) <= i.issue <= self.end, i
            assert i.due >= i.issue
        prev = None
        for c in self.credits:
            if prev:
                assert c.date >= prev
            prev = c.date
            assert c.amount > 0
            assert c.value_date >= c.date - dt.timedelta(days=3)
            assert self.start <= c.date <= self.end, (c.id, c.date)
            if c.kind == "none":
                assert not c.alloc
                continue
            s = sum(c.alloc.values(), D(0))
            assert s == c.amount, (c.id, c.desc, s, c.amount)
            if c.note.startswith("easy"):
                norm = lambda t: "".join(ch for ch in t if ch.isalnum())
                assert all(norm(i.number) in norm(c.desc) for i in c.alloc), ("easy without number", c.id, c.desc)
            if "no invoice number" in c.note or "no number" in c.note or "numbers listed" not in c.note and "payer name only" in c.note:
                assert not any(i.number in c.desc or i.number in c.ref for i in c.alloc), ("number present", c.id, c.desc)
            if c.alt_same and len(c.alloc) == 1:
                (i0, a0), = c.alloc.items()
                if a0 == rem[i0]:
                    others = [j for j in self.invoices if j is not i0 and j.cid == i0.cid and
                              j.issue <= c.date and rem[j] == a0 and j.currency == c.currency]
                    if others:
                        c.alternatives = [{j: a0} for j in others]
                        c.note += ("; the customer had %d other open invoice(s) of exactly this amount "
                                   "(%s) at that date: nothing in the line tells them apart, so those are listed "
                                   "as acceptable alternatives" % (len(others), ", ".join(j.number for j in others)))
            if c.hard and len(c.alloc) == 1 and not any(i.number in c.desc for i in c.alloc):
                (i0, a0), = c.alloc.items()
                twins = sorted({self.cmap[j.cid]["name"] for j in self.invoices if j.cid != i0.cid and
                                j.issue <= c.date and rem[j] == c.amount and j.currency == c.currency})
                if twins and "another customer" not in c.note:
                    c.note += "; another customer also has an open invoice of exactly this amount (" + \
                              ", ".join(twins) + ")"
            for i, a in c.alloc.items():
                assert a > 0, (c.id, i)
                assert i.issue <= c.date, ("paid before issue", c.id, i)
                assert i.currency == c.currency, (c.id, i)
                if a > rem[i]:
                    assert c.overpay and len(c.alloc) == 1, ("overpaid", c.id, i, a, rem[i])
                rem[i] -= a
            for alt in c.alternatives:
                assert sum(alt.values(), D(0)) == c.amount
        self.final_rem = rem

    def stats(self):
        paying = [c for c in self.credits if c.alloc]
        hard = [c for c in paying if c.hard]
        rem = self.final_rem
        fully = sum(1 for i in self.invoices if rem[i] <= 0)
        partly = sum(1 for i in self.invoices if 0 < rem[i] < i.amount)
        return {
            "scenario": self.key, "customers": len(self.customers), "invoices": len(self.invoices),
            "credits": len(self.credits), "paying_credits": len(paying), "hard_paying": len(hard),
            "non_paying": len(self.credits) - len(paying),
            "multi_invoice_credits": sum(1 for c in paying if len(c.alloc) > 1),
            "invoices_fully_paid": fully, "invoices_partly_paid": partly,
            "invoices_open_untouched": len(self.invoices) - fully - partly,
            "overpayments": sum(1 for c in paying if c.overpay),
        }


# ---------------------------------------------------------------------------
# A small plan language: each token consumes one or more of a customer's
# invoices in issue order.
#   N      one invoice, invoice number in the description (easy)
#   E      like N but paid early (before the due date)
#   L      like N but paid months late
#   R      number only in the reference field, not in the description (hard)
#   Q      mangled / partial number in the description + name (hard)
#   n      payer name only, no number (hard)
#   x      neither name nor number: amount and date only (hard)
#   B3N    three invoices in one transfer, all numbers listed (hard: several)
#   B2n    two invoices in one transfer, name only (hard)
#   P60    partial payment of 60 %, number given, rest stays open (hard)
#   S50    split: 50 % now, the rest later with a second credit (both hard)
#   O      overpayment (rounded up), number given (hard, noted)
#   -      leave the invoice open
# ---------------------------------------------------------------------------
import re as _re

TOKEN = _re.compile(r"^(B(\d)([Nn])|P(\d+)|S(\d+)|[NELRQnxO\-])$")


def run_plan(b: Builder, cid, plan, describe, delay=(0, 20), late=(60, 150), min_date=None):
    """describe(b, cust, invs, mode, amount, date) -> (description, reference or None)."""
    cust = b.cmap[cid]
    invs = sorted(b.of(cid), key=lambda i: (i.issue, i.number))
    k = 0
    made = []
    for tok in plan.split():
        m = TOKEN.match(tok)
        assert m, tok
        if k >= len(invs):
            raise AssertionError(f"plan for {cid} longer than invoices: {plan}")
        if tok == "-":
            invs[k].planned = True
            k += 1
            continue
        if tok.startswith("B"):
            n = int(m.group(2))
            grp = invs[k:k + n]
            assert len(grp) == n, (cid, plan)
            k += n
            base = max(i.due for i in grp)
            date = base + dt.timedelta(days=b.rng.randint(*delay))
        else:
            grp = [invs[k]]
            k += 1
            i = grp[0]
            if tok == "E":
                span = max(1, min(12, (i.due - i.issue).days - 2))
                date = i.issue + dt.timedelta(days=b.rng.randint(1, span))
            elif tok == "L":
                date = i.due + dt.timedelta(days=b.rng.randint(*late))
            else:
                date = i.due + dt.timedelta(days=b.rng.randint(*delay))
        date = bank_day(date)
        floor = max(max(i.issue for i in grp), b.start)
        if min_date:
            floor = max(floor, min_date)
        if date < floor:
            date = bank_day(floor + dt.timedelta(days=b.rng.randint(0, 6)))
        if date > b.end:
            for i in grp:
                i.planned = True   # would be paid after the period: stays open
            continue
        total = sum((i.rem for i in grp), D(0))
        if tok.startswith("B"):
            mode = "numlist" if m.group(3) == "N" else "namelist"
            desc, ref = describe(b, cust, grp, mode, total, date)
            what = "several invoices in one transfer (" + ", ".join(i.number for i in grp) + ")"
            what += ", all numbers listed" if mode == "numlist" else ", payer name only"
            made.append(b.pay(grp, date, desc, ref=ref, hard=True, note="hard: " + what,
                              alt_same=(mode == "namelist")))
        elif tok.startswith("P"):
            frac = D(m.group(4)) / 100
            amt = money(total * frac)
            desc, ref = describe(b, cust, grp, "partial_num", amt, date)
            made.append(b.pay(grp, date, desc, amount=amt, ref=ref, hard=True,
                              note=f"hard: partial payment {fmt(amt)} of {fmt(total)} on {grp[0].number}; rest stays open"))
        elif tok.startswith("S"):
            frac = D(m.group(5)) / 100
            amt = money(total * frac)
            desc, ref = describe(b, cust, grp, "partial_num", amt, date)
            made.append(b.pay(grp, date, desc, amount=amt, ref=ref, hard=True, close=False,
                              note=f"hard: first part {fmt(amt)} of {fmt(total)} on {grp[0].number}"))
            date2 = bank_day(date + dt.timedelta(days=b.rng.randint(20, 45)))
            if date2 <= b.end:
                rest = grp[0].rem
                desc, ref = describe(b, cust, grp, "rest_num", rest, date2)
                made.append(b.pay(grp, date2, desc, amount=rest, ref=ref, hard=True,
                                  note=f"hard: remaining balance {fmt(rest)} of {grp[0].number} after an earlier part-payment"))
            grp[0].planned = True
        elif tok == "O":
            i = grp[0]
            step = D(100) if i.amount >= 1000 else D(10)
            amt = ((i.amount / step).to_integral_value(rounding="ROUND_CEILING")) * step
            if amt == i.amount:
                amt += step
            desc, ref = describe(b, cust, grp, "num", amt, date)
            made.append(b.pay(grp, date, desc, amount=amt, ref=ref, hard=True, overpay=True,
                              note=f"hard: deliberate OVERPAYMENT: invoice {i.number} is {fmt(i.amount)}, "
                                   f"paid {fmt(amt)} (excess {fmt(amt - i.amount)} stays as customer credit)"))
        else:
            mode = {"N": "num", "E": "num", "L": "num", "R": "numref", "Q": "numpartial",
                    "n": "name", "x": "none"}[tok]
            desc, ref = describe(b, cust, grp, mode, total, date)
            i = grp[0]
            hard = mode in ("numref", "numpartial", "name", "none")
            lateness = (date - i.due).days
            if hard:
                note = {"numref": "hard: invoice number only in the reference field, not in the description",
                        "numpartial": "hard: invoice number given partially / mistyped",
                        "name": "hard: payer name only, no invoice number",
                        "none": "hard: no name and no number: amount and date only"}[mode]
            else:
                note = "easy: invoice number in the description"
            if lateness < 0:
                note += f"; paid {-lateness} days before the due date"
            elif lateness >= 45:
                note += f"; paid {lateness} days after the due date"
            made.append(b.pay(grp, date, desc, ref=ref, hard=hard, note=note,
                              alt_same=(mode in ("name", "none"))))
    return made
