"""Shared helpers for the held-out export generator (evaluation only).

Every expected entry is written by hand in the per-system modules; these
helpers only write files and check hand-written answers against the totals
that each file prints.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent

LRM = "\u200e"
RLM = "\u200f"
NBSP = "\u00a0"


def D(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def inv(number, customer, issue, due, amount, balance, currency):
    """One expected open invoice, everything as literal strings."""
    return {
        "number": number,
        "customer_name": customer,
        "issue_date": issue,
        "due_date": due,
        "amount": amount,
        "balance": balance,
        "currency": currency,
    }


def bal(customer_id, customer, balance, currency):
    return {
        "customer_id": customer_id,
        "customer_name": customer,
        "balance": balance,
        "currency": currency,
    }


def total(entries, currency=None) -> Decimal:
    return sum(
        (D(e["balance"]) for e in entries if currency is None or e["currency"] == currency),
        Decimal("0"),
    )


def must_equal(label: str, got: Decimal, printed: str) -> None:
    want = D(printed)
    if got != want:
        raise AssertionError(f"{label}: expected list sums to {got}, file prints {want}")


def write_expected(name, system, kind, currency_default, invoices, balances, notes):
    if kind == "invoices":
        assert invoices and not balances, name
        numbers = [e["number"] for e in invoices]
        assert len(numbers) == len(set(numbers)), f"{name}: duplicate invoice numbers"
        for e in invoices:
            assert set(e) == {"number", "customer_name", "issue_date", "due_date",
                              "amount", "balance", "currency"}, name
            D(e["balance"])
    elif kind == "balances":
        assert balances and not invoices, name
        for e in balances:
            assert D(e["balance"]) > 0, f"{name}: balances list only positive owed"
    else:
        assert kind == "held" and not invoices and not balances, name
    data = {
        "system": system,
        "kind": kind,
        "currency_default": currency_default,
        "invoices": invoices,
        "balances": balances,
        "notes": notes,
    }
    (OUT / f"{name}.expected.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_bytes(name: str, data: bytes) -> None:
    (OUT / name).write_bytes(data)


def csv_line(cells, sep=",") -> str:
    out = []
    for c in cells:
        c = "" if c is None else str(c)
        if any(ch in c for ch in (sep, '"', "\n")):
            c = '"' + c.replace('"', '""') + '"'
        out.append(c)
    return sep.join(out)


def write_csv(name, rows, encoding="utf-8", sep=",", bom=False, newline="\r\n") -> None:
    text = newline.join(csv_line(r, sep) for r in rows) + newline
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    write_bytes(name, data)
