"""Shared helpers for the held-out export generators.

Each generator module writes its files into the folder above gen/ and, for every
file, a NAME.expected.json written from a literal, hand-worked list of expected
entries (not computed by any reader).  `check_total` asserts that the expected
balances add up to the grand total the file itself prints, as a guard against
typing mistakes in either the rows or the expectation.
"""
import json
import os
from decimal import Decimal

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LRM = "\u200e"
RLM = "\u200f"
NBSP = "\u00a0"


def path(name):
    return os.path.join(OUT, name)


def D(x):
    return Decimal(str(x))


def m(x):
    """Decimal string with two decimals."""
    return f"{D(x):.2f}"


def inv(number, customer_name, customer_id, issue_date, due_date, amount, balance, currency="ILS"):
    return {
        "number": str(number),
        "customer_name": customer_name,
        "customer_id": None if customer_id is None else str(customer_id),
        "issue_date": issue_date,
        "due_date": due_date,
        "amount": None if amount is None else m(amount),
        "balance": m(balance),
        "currency": currency,
    }


def bal(customer_name, customer_id, balance, currency="ILS"):
    return {
        "customer_name": customer_name,
        "customer_id": None if customer_id is None else str(customer_id),
        "balance": m(balance),
        "currency": currency,
    }


def write_expected(name, system, layout_source, kind, notes, invoices=None, balances=None,
                   held_reason=None, currency_default="ILS"):
    doc = {
        "system": system,
        "layout_source": layout_source,
        "kind": kind,
        "currency_default": currency_default,
        "invoices": invoices or [],
        "balances": balances or [],
    }
    if kind == "held":
        assert held_reason, name
        doc["held_reason"] = held_reason
    doc["notes"] = notes
    with open(path(name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


def check_total(label, entries, printed_total, currency=None):
    s = sum(D(e["balance"]) for e in entries if currency is None or e["currency"] == currency)
    assert s == D(printed_total), f"{label}: expected sum {s} != printed total {printed_total}"


def excel_serial(iso):
    import datetime as dt
    d = dt.date.fromisoformat(iso)
    return (d - dt.date(1899, 12, 30)).days


def fmt_he(x):
    """1234.5 -> '1,234.50'"""
    return f"{D(x):,.2f}"
