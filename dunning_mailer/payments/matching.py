"""match(credits, open_invoices, customers, known_payers, today) -> one Decision per credit.

The order reconciliation tools use: an invoice number (or a reference we gave) in the
description first; then the payer's name against the customer's names and the names learned
from confirmed payments; then the amount (one invoice, several of one customer, or a part)
and a date window. A credit the bank's wording marks as a card settlement, a loan, a refund,
interest, an own transfer or a tax refund pays nothing, even when its amount equals an open
invoice. Only a confident decision allocates; an unsure one proposes and holds its candidates.
"""
from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from decimal import Decimal
from itertools import combinations
from typing import Collection, Iterable, Sequence

from ..allocation import without_cycle_collection
from .model import (MATCHED, REVIEW, UNMATCHED, UNRELATED, Allocation, Credit, CustomerName, Decision,
                    KnownPayer, MatchPolicy, OpenInvoice)
from .names import HEBREW_PREFIXES, initials, name_score, skeleton, words
from .references import digits_key, mentioned, number_key
from .unrelated import unrelated_kind

STRONG_NAME = 0.85   # the payer is this customer, by name alone
WEAK_NAME = 0.6      # perhaps this customer: never enough on its own
_MAX_BUCKET = 60     # a name-word shared by more customers than this finds nobody by itself


class _Open:
    """An open invoice and what is still unpaid of it while credits are applied in turn."""

    __slots__ = ("inv", "left")

    def __init__(self, inv: OpenInvoice):
        self.inv = inv
        self.left = inv.balance

    def __repr__(self) -> str:
        return f"<{self.inv.number} {self.left}>"


def payer_key(description: str) -> str:
    """The payer's words of a description, as known payer names are stored and compared."""
    return " ".join(words(description))


def match(credits: Sequence[Credit], open_invoices: Iterable[OpenInvoice], customers: Iterable[CustomerName],
          known_payers: Iterable[KnownPayer], today: dt.date, *, claimed: Collection[str] = (),
          policy: MatchPolicy = MatchPolicy()) -> list[Decision]:
    """One Decision per credit, in the order given. Credits are weighed oldest first against
    the invoices still open after the confident decisions before them; `claimed`: customers
    who wrote that they paid (a hint that can firm up a name-and-amount match, never alone)."""
    with without_cycle_collection():   # 100k small acyclic objects: the collector would walk them again and again
        book = _Book(open_invoices, customers, known_payers, policy)
        decided: dict[str, Decision] = {}
        for credit in sorted(credits, key=lambda c: (c.date, c.id)):
            decision = book.decide(credit, today, frozenset(claimed))
            if decision.status == MATCHED:
                book.apply(decision)
            decided[credit.id] = decision
        return [decided[c.id] for c in credits]


class _Book:
    def __init__(self, invoices: Iterable[OpenInvoice], customers: Iterable[CustomerName],
                 known_payers: Iterable[KnownPayer], policy: MatchPolicy):
        self.policy = policy
        self.tol = policy.amount_tolerance
        self.opens: dict[tuple[str, str], _Open] = {}
        self.by_customer: dict[str, list[_Open]] = defaultdict(list)
        self.by_number: dict[str, list[_Open]] = defaultdict(list)
        self.by_digits: dict[str, list[_Open]] = defaultdict(list)
        self.by_amount: dict[tuple[str, Decimal], list[_Open]] = defaultdict(list)   # equal Decimals hash alike
        opens, by_customer, by_number, by_digits = self.opens, self.by_customer, self.by_number, self.by_digits
        for inv in invoices:
            if inv.balance <= 0:
                continue
            o = _Open(inv)
            number = inv.number
            opens[(inv.source, number)] = o
            by_customer[inv.customer_id].append(o)
            if not inv.references and number.isdigit() and number[0] != "0":   # the common case, at 100k rows
                if len(number) >= 3:
                    by_number[number].append(o)
                continue
            for text in (number, *inv.references):
                key, digits = number_key(text), digits_key(text)
                if len(key) >= 3:
                    by_number[key].append(o)
                if digits and digits != key:
                    by_digits[digits].append(o)
        self._sorted: set[str] = set()        # customers whose invoices are in due-date order (sorted when asked)
        self._amounts_built = False
        self.names: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self.display: dict[str, str] = {}
        for c in customers:
            self.display[c.id] = c.name
            for text in (c.name, *c.aliases):
                if w := words(text):
                    self.names[c.id].append(w)
        self.known: dict[str, set[str]] = defaultdict(set)
        for k in known_payers:
            key = payer_key(k.name)
            if key:
                self.known[key].add(k.customer_id)
                if w := words(k.name):
                    self.names[k.customer_id].append(w)
        self.common: dict[str, int] = defaultdict(int)
        for cid, variants in self.names.items():
            for w in {w for variant in variants for w in variant}:
                self.common[w] += 1
        self.index: dict[str, set[str]] = defaultdict(set)
        self.by_initials: dict[str, set[str]] = defaultdict(set)
        for cid, variants in self.names.items():
            for variant in variants:
                if len(variant) >= 2 and all(len(w) >= 2 for w in variant):   # not a learned "כהן א."
                    self.by_initials[initials(variant)].add(cid)
                for w in variant:
                    for key in _index_keys(w):
                        self.index[key].add(cid)

    # --- evidence ---------------------------------------------------------------------------

    def _numbered(self, credit: Credit, text: str) -> set[_Open]:
        found: set[_Open] = set()
        for nk, dk in mentioned(text):
            for o in (*self.by_number.get(nk, ()), *self.by_digits.get(dk, ())):
                if o.left > 0 and o.inv.currency == credit.currency:
                    found.add(o)
        return found

    def _name_candidates(self, payer: tuple[str, ...]) -> dict[str, float]:
        if not payer:
            return {}
        hits: dict[str, int] = defaultdict(int)
        for w in payer:
            for key in _index_keys(w):
                bucket = self.index.get(key, ())
                if len(bucket) <= _MAX_BUCKET:
                    for cid in bucket:
                        hits[cid] += 1
        if len(payer) >= 2 and all(len(p) == 1 for p in payer):   # initials: "א.ב.ד." for a three-word name
            hits = {cid: 1 for cid in self.by_initials.get("".join(payer), ())}
        ranked = heapq.nlargest(80, hits, key=hits.__getitem__) if len(hits) > 80 else list(hits)
        scores = {}
        for cid in ranked:
            best = max(name_score(variant, payer, self.common) for variant in self.names[cid])
            if best >= WEAK_NAME:
                scores[cid] = best
        return scores

    def _date_ok(self, credit: Credit, o: _Open) -> bool:
        start = o.inv.issue_date or (o.inv.due_date - dt.timedelta(days=180))
        return credit.date >= start - dt.timedelta(days=self.policy.days_before_issue)

    def _open_of(self, cid: str, credit: Credit) -> list[_Open]:
        if cid not in self._sorted:
            self.by_customer.get(cid, []).sort(key=_order)
            self._sorted.add(cid)
        return [o for o in self.by_customer.get(cid, ()) if o.left > 0 and o.inv.currency == credit.currency
                and self._date_ok(credit, o)]

    # --- the decision -------------------------------------------------------------------------

    def decide(self, credit: Credit, today: dt.date, claimed: frozenset[str]) -> Decision:
        cid_of = credit.id
        if credit.amount <= 0:
            return Decision(cid_of, UNRELATED, 1.0, ("not a credit: money went out",))
        payer = words(credit.description)
        numbered = self._numbered(credit, credit.description)
        by_reference = self._numbered(credit, credit.reference) - numbered if credit.reference else set()
        names = self._name_candidates(payer)
        key = payer_key(credit.description)
        known = self.known.get(key, set()) if key else set()
        for cid in known:
            names[cid] = 1.0
        unrelated = unrelated_kind(credit.description)

        owners = {o.inv.customer_id for o in numbered}
        if unrelated:
            # Only a name in words can outweigh the bank's wording (not initials: "כ.א.ל" is a card company).
            strong = {cid for cid, s in names.items() if s >= STRONG_NAME} if any(len(w) > 1 for w in payer) else set()
            if not owners and not strong:
                return Decision(cid_of, UNRELATED, 0.95, (f"the bank's wording says {unrelated}; it pays no invoice",))
        if len(owners) > 1:
            held = tuple(sorted(owners))[: self.policy.max_candidates]
            return Decision(cid_of, REVIEW, 0.5, (
                f"the description names invoices of several customers ({', '.join(sorted(o.inv.number for o in numbered))})",),
                candidates=held, basis="invoice numbers")
        if owners:
            cid = owners.pop()
            others = sorted(c for c, s in names.items() if s >= STRONG_NAME and c != cid)
            if others and names.get(cid, 0.0) < WEAK_NAME:   # another customer's name, this one's invoice number
                held = tuple([cid, *others])[: self.policy.max_candidates]
                return Decision(cid_of, REVIEW, 0.5, (
                    f"the description names invoice {', '.join(o.inv.number for o in numbered)} of "
                    f"{self.display.get(cid, cid)}, but the payer's name is {self.display.get(others[0], others[0])}'s",),
                    cid, _close_all(sorted(numbered, key=_order)), held, Decimal(0), "invoice numbers")
            decision = self._by_numbers(credit, cid, sorted(numbered, key=_order), names.get(cid, 0.0), cid in known)
        else:
            decision = self._by_name(credit, names, known, by_reference)
        if decision is None:
            decision = self._by_amount(credit)
        if unrelated and decision.status in (MATCHED, REVIEW):
            decision = _unsure(decision, f"but the bank's wording says {unrelated}")
        if (decision.status == REVIEW and decision.customer_id in claimed and decision.allocations
                and decision.confidence >= 0.7 and decision.basis.startswith("payer name")):
            decision = _firmed(decision, self.policy.confident, "the customer wrote that they paid")
        if decision.status == REVIEW and decision.confidence >= self.policy.confident:
            decision = _with(decision, status=MATCHED)
        return decision

    def _by_numbers(self, credit: Credit, cid: str, named: list[_Open], name: float, known: bool) -> Decision:
        amount = credit.amount
        numbers = ", ".join(o.inv.number for o in named)
        reasons = [f"invoice{'s' if len(named) > 1 else ''} {numbers} in the description"]
        if name >= STRONG_NAME:
            reasons.append("the payer's name is the customer's" + (" (learned)" if known else ""))
        total = sum((o.left for o in named), Decimal(0))
        late = [o for o in named if not self._date_ok(credit, o)]
        bonus = 0.02 if name >= STRONG_NAME else 0.0
        if abs(amount - total) <= self.tol:
            reasons.append("the amount equals their balance" if amount == total
                           else f"the amount is within {self.tol} of their balance")
            conf, allocs, surplus, basis = 0.96 + bonus, _close_all(named), Decimal(0), "invoice number"
        elif amount < total:
            if len(named) == 1:
                reasons.append(f"a part payment: {amount} of {total}")
                conf, allocs, surplus, basis = 0.92 + bonus, (_part(named[0], amount),), Decimal(0), "invoice number, part payment"
            else:
                reasons.append(f"{amount} covers only part of their {total}; which ones is for a person")
                conf, allocs, surplus, basis = 0.6, _oldest_first(named, amount), Decimal(0), "invoice numbers, part payment"
        else:
            surplus = amount - total
            reasons.append(f"{surplus} more than their balance: an overpayment a person should settle")
            conf, allocs, basis = 0.92 + bonus, _close_all(named), "invoice number, overpayment"
        if late:
            reasons.append(f"but the payment predates invoice {late[0].inv.number}")
            conf = min(conf, 0.6)
        status = MATCHED if conf >= self.policy.confident else REVIEW
        return Decision(credit.id, status, round(min(conf, 0.99), 2), tuple(reasons), cid, allocs,
                        () if status == MATCHED else (cid,), surplus, basis)

    def _by_name(self, credit: Credit, names: dict[str, float], known: set[str],
                 by_reference: set[_Open]) -> Decision | None:
        if not names:
            return None
        ranked = sorted(names.items(), key=lambda kv: -kv[1])
        best_cid, best = ranked[0]
        rivals = [cid for cid, s in ranked[1:] if s >= max(WEAK_NAME, best - 0.1)]
        fits = {cid: self._fit(credit, cid, by_reference) for cid in [best_cid, *rivals]}
        if rivals:
            fitting = [cid for cid in fits if fits[cid][0]]
            if len(fitting) == 1 and names[fitting[0]] >= STRONG_NAME and best - names[fitting[0]] < 0.1:
                best_cid = fitting[0]   # several similar names, but the amount fits only one of them
            held = tuple([best_cid] + [c for c in fits if c != best_cid])[: self.policy.max_candidates]
            allocs, why, conf = fits[best_cid]
            return Decision(credit.id, REVIEW, round(min(conf, 0.65), 2), (   # never firmed up by a claim
                f"the payer's name fits several customers ({', '.join(self.display.get(c, c) for c in held)})",
                *why), best_cid, allocs, held, Decimal(0), "payer name")
        allocs, why, fit = fits[best_cid]
        who = self.display.get(best_cid, best_cid)
        reasons = [f"the payer's name is {who}'s" + (" (learned from a confirmed payment)" if best_cid in known else "")
                   if best >= STRONG_NAME else f"the payer's name resembles {who}'s ({best:.2f})", *why]
        if best >= STRONG_NAME:
            conf = fit
        else:
            conf = min(fit, 0.75) if allocs else 0.5
        surplus = Decimal(0)
        if allocs:
            surplus = max(credit.amount - sum((a.amount for a in allocs), Decimal(0)), Decimal(0))
        status = MATCHED if conf >= self.policy.confident else REVIEW
        return Decision(credit.id, status, round(conf, 2), tuple(reasons), best_cid, allocs,
                        () if status == MATCHED else (best_cid,), surplus, "payer name and amount")

    def _fit(self, credit: Credit, cid: str, by_reference: set[_Open]) -> tuple[tuple[Allocation, ...], list[str], float]:
        """How the amount fits this customer's open invoices: (allocations, reasons, confidence
        if the customer is certain)."""
        amount, tol = credit.amount, self.tol
        opens = self._open_of(cid, credit)
        if not opens:
            return (), ["but the customer has no open invoice this could pay"], 0.5
        # The end of an invoice number ("ח-ן 457" for 2026-0457), or the bank reference, picks one.
        tails = {dk for _, dk in mentioned(credit.description) if dk}
        refs = [o for o in opens if o in by_reference
                or any(digits_key(o.inv.number).endswith(t) for t in tails)]
        singles = [o for o in opens if abs(o.left - amount) <= tol]
        if len(singles) > 1 and len([o for o in refs if o in singles]) == 1:
            singles = [o for o in refs if o in singles]
        if len(singles) == 1:
            o = singles[0]
            return _close_all([o]), [f"the amount equals invoice {o.inv.number}'s balance"], 0.93
        if len(singles) > 1:
            return _close_all(singles[:1]), [
                f"{len(singles)} open invoices have this balance ({', '.join(o.inv.number for o in singles[:4])}); "
                "which one is for a person"], 0.6
        total = sum((o.left for o in opens), Decimal(0))
        if len(opens) > 1 and abs(total - amount) <= tol:
            return _close_all(opens), [f"the amount equals all {len(opens)} open invoices together"], 0.92
        combos = _combinations(opens, amount, tol, self.policy.max_subset)
        if len(combos) == 1:
            combo = combos[0]
            return _close_all(combo), [
                f"the amount equals invoices {', '.join(o.inv.number for o in combo)} together"], 0.9
        if len(combos) > 1:
            return _close_all(combos[0]), ["several combinations of open invoices add up to the amount; "
                                           "which one is for a person"], 0.6
        if amount < total and len(opens) == 1:
            return (_part(opens[0], amount),), [f"a part payment of invoice {opens[0].inv.number}"], 0.9
        if amount < total:
            return _oldest_first(opens, amount), [
                f"{amount} pays part of {total} open over {len(opens)} invoices; which ones is for a person"], 0.6
        return _close_all(opens), [f"{amount - total} more than everything open ({total}): perhaps an invoice "
                                   "not in the export yet"], 0.6

    def _by_amount(self, credit: Credit) -> Decision:
        if not self._amounts_built:   # only credits nothing else explains need it
            for o in self.opens.values():
                self.by_amount[(o.inv.currency, o.inv.balance)].append(o)
            self._amounts_built = True
        same = [o for o in self.by_amount.get((credit.currency, credit.amount), ())
                if o.left == credit.amount and self._date_ok(credit, o)]
        if not same:
            return Decision(credit.id, UNMATCHED, 0.0, ("no invoice number, known payer or open balance fits",))
        owners = sorted({o.inv.customer_id for o in same})
        if len(owners) > self.policy.max_candidates:
            return Decision(credit.id, UNMATCHED, 0.1, (
                f"the amount equals open invoices of {len(owners)} customers; nothing else points to one",))
        reason = (f"only the amount fits: invoice {same[0].inv.number}" if len(same) == 1
                  else f"only the amount fits: {len(same)} open invoices ({', '.join(o.inv.number for o in same[:4])})")
        allocs = _close_all(same[:1]) if len(owners) == 1 and len(same) == 1 else ()
        return Decision(credit.id, REVIEW, 0.4, (reason, "the payer's name is not a customer's we know"),
                        owners[0] if len(owners) == 1 else None, allocs, tuple(owners), Decimal(0), "amount")

    def apply(self, decision: Decision) -> None:
        for a in decision.allocations:
            o = self.opens.get((a.source, a.number))
            if o is not None:
                o.left = Decimal(0) if a.closes else o.left - a.amount


def _index_keys(word: str) -> tuple[str, ...]:
    keys = [word[:3]]
    if len(word) > 3 and "\u05d0" <= word[0] <= "\u05ea" and word[0] in HEBREW_PREFIXES:
        keys.append(word[1:4])
    if (s := skeleton(word)) and len(s) >= 2:
        keys.append("~" + s)
    return tuple(keys)


def _order(o: _Open):
    return (o.inv.due_date, o.inv.number)


def _close_all(opens: Iterable[_Open]) -> tuple[Allocation, ...]:
    return tuple(Allocation(o.inv.number, o.inv.source, o.left, True) for o in opens)


def _part(o: _Open, amount: Decimal) -> Allocation:
    return Allocation(o.inv.number, o.inv.source, amount, amount >= o.left)


def _oldest_first(opens: Sequence[_Open], amount: Decimal) -> tuple[Allocation, ...]:
    out, left = [], amount
    for o in sorted(opens, key=_order):
        if left <= 0:
            break
        take = min(o.left, left)
        out.append(Allocation(o.inv.number, o.inv.source, take, take >= o.left))
        left -= take
    return tuple(out)


def _combinations(opens: list[_Open], amount: Decimal, tol: Decimal, limit: int) -> list[list[_Open]]:
    """Every set of two or more open invoices whose balances add up to the amount (at most two)."""
    if len(opens) > limit:
        opens = opens[:limit]
    found: list[list[_Open]] = []
    for size in range(2, len(opens) + 1):
        for combo in combinations(opens, size):
            if abs(sum((o.left for o in combo), Decimal(0)) - amount) <= tol:
                found.append(list(combo))
                if len(found) > 1:
                    return found
    return found


def _with(decision: Decision, **changes) -> Decision:
    from dataclasses import replace
    if changes.get("status") == MATCHED:
        changes.setdefault("candidates", ())
    return replace(decision, **changes)


def _unsure(decision: Decision, why: str) -> Decision:
    held = decision.candidates or ((decision.customer_id,) if decision.customer_id else ())
    return _with(decision, status=REVIEW, confidence=min(decision.confidence, 0.6),
                 reasons=decision.reasons + (why,), candidates=held)


def _firmed(decision: Decision, confident: float, why: str) -> Decision:
    return _with(decision, status=MATCHED, confidence=max(decision.confidence, confident),
                 reasons=decision.reasons + (why,))
