"""Scores the payments matcher on scenario files (bench/heldout.py payments calls this).

A scenario is one JSON document; every key below has the spelling given first, the others are
accepted too (the held-out set was written independently: the lead may need to map its keys):

    {"today": "2026-12-01",
     "customers": [{"id", "name", "aliases": [...]}],
     "invoices" | "open_invoices": [{"number", "customer_id", "balance", "due_date", "issue_date"?,
                                      "currency"?, "source"?}],
     "known_payers"?: [{"name", "customer_id"}],
     "claimed"?: [customer ids who wrote that they paid],
     "credits": [{"id", "date", "amount", "description", "reference"?, "currency"?}]
       | "statement": "FILE" (read from the statements folder; its credits, numbered from 1),
     "expected" | "expect": [{"credit": id, "pays": {"INVOICE": "AMOUNT", ...}}]   # {} : pays nothing
    }

Each credit's decision is right when it applies exactly the expected amounts, or when it sends
the credit to a person; a credit expected to pay nothing is right unless it is applied. Invoices
closed by an applied decision that the expectation does not close count as closed wrongly.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dunning_mailer.payments import (MATCHED, REVIEW, Credit, CustomerName, KnownPayer, OpenInvoice,  # noqa: E402
                                     match)


def _get(doc: dict, *names, default=None):
    for name in names:
        if name in doc:
            return doc[name]
    return default


def _date(text) -> dt.date | None:
    return dt.date.fromisoformat(str(text)[:10]) if text else None


def load(path: Path, statements: Path) -> tuple:
    doc = json.loads(path.read_text(encoding="utf-8"))
    today = _date(_get(doc, "today", "as_of", "date"))
    customers = [CustomerName(str(_get(c, "id", "customer_id")), _get(c, "name", default=""),
                              tuple(_get(c, "aliases", "other_names", default=())))
                 for c in _get(doc, "customers", default=[])]
    invoices = [OpenInvoice(str(_get(i, "number", "invoice")), str(_get(i, "customer_id", "customer")),
                            Decimal(str(_get(i, "balance", "amount"))), _date(_get(i, "due_date", "due")),
                            _get(i, "currency", default="ILS"), _date(_get(i, "issue_date", "issued")),
                            _get(i, "source", default="default"))
                for i in _get(doc, "invoices", "open_invoices", default=[])]
    known = [KnownPayer(k["name"], str(k["customer_id"])) for k in _get(doc, "known_payers", default=[])]
    if "statement" in doc:
        from dunning_mailer.sources import read_invoices

        lines = read_invoices(statements / doc["statement"]).lines
        credits = [Credit(str(n), x.date, x.amount, x.description, x.reference, x.currency)
                   for n, x in enumerate((x for x in lines if x.amount > 0), start=1)]
    else:
        credits = [Credit(str(_get(c, "id", default=n)), _date(c["date"]), Decimal(str(c["amount"])),
                   _get(c, "description", "text", default=""), _get(c, "reference", default=""),
                   _get(c, "currency", default="ILS"))
                   for n, c in enumerate(_get(doc, "credits", default=[]), start=1)]
    expected = {str(_get(e, "credit", "id")): {str(k): Decimal(str(v)) for k, v in (_get(e, "pays", default={}) or {}).items()}
                for e in _get(doc, "expected", "expect", default=[])}
    return today or max(c.date for c in credits), customers, invoices, known, set(_get(doc, "claimed", default=[])), \
        credits, expected


def score_scenarios(paths: list[Path], statements: Path) -> dict:
    payments = right = review = wrong_closed = nothing = nothing_right = 0
    misses: list[str] = []
    unreadable: list[str] = []
    for path in paths:
        try:
            today, customers, invoices, known, claimed, credits, expected = load(path, statements)
        except Exception as error:   # another author's format: say which file and why, score the rest
            unreadable.append(f"{path.name}: {type(error).__name__}: {error}")
            continue
        balances = {i.number: i.balance for i in invoices}
        for credit, d in zip(credits, match(credits, invoices, customers, known, today, claimed=claimed)):
            if credit.id not in expected:
                continue
            want = expected[credit.id]
            applied = {a.number: a.amount for a in d.allocations} if d.status == MATCHED else {}
            closed = {a.number for a in d.allocations if a.closes} if d.status == MATCHED else set()
            wrong = {n for n in closed if n not in want or want[n] < balances.get(n, want[n])}
            wrong_closed += len(wrong)
            if want:
                payments += 1
                if d.status == REVIEW:
                    review += 1
                elif applied and set(applied) == set(want) and all(
                        applied[n] == v or (n in closed and v >= balances.get(n, v)) for n, v in want.items()):
                    right += 1
                else:
                    misses.append(f"{path.name} credit {credit.id}: expected {dict(want)}, got {d.status} "
                                  f"{applied} ({'; '.join(d.reasons)})")
            else:
                nothing += 1
                if d.status != MATCHED:
                    nothing_right += 1
                else:
                    misses.append(f"{path.name} credit {credit.id}: expected to pay nothing, got {applied}")
    pct = 100.0 * (right + review) / payments if payments else 0.0
    lines = [f"held-out payments: {len(paths)} scenario(s)",
             f"  payments matched right or sent to review: {right + review}/{payments} = {pct:.1f}% "
             f"({right} matched, {review} to review; target ≥ 95%)",
             f"  invoices closed wrongly: {wrong_closed} (target 0)",
             f"  credits that pay nothing left alone: {nothing_right}/{nothing}"]
    if unreadable:
        lines.append(f"  {len(unreadable)} scenario(s) not in the format this scorer reads (see its docstring):")
        lines += [f"    {u}" for u in unreadable[:20]]
    return {"scenarios": len(paths), "payments": payments, "matched_right": right, "review": review,
            "right_or_review_pct": pct, "invoices_closed_wrongly": wrong_closed,
            "unrelated": nothing, "unrelated_left_alone": nothing_right, "unreadable": unreadable, "lines": lines,
            "misses": misses}
