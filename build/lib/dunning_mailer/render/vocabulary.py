"""The words a business owner writes emails with: placeholders (`{שם הלקוח}`) and the facts a
ready phrase chooses by (`אם חשבונית אחת: …`). Every name has a Hebrew and an English form; both
work in either folder.

A placeholder's value is computed from the template context only when an email uses it. One
without a value for this email (the signer's name when nobody signs, the instalments when the
stage offers none) is an error, never an empty gap: the lint renders every stage with sample
data and says which fact to put it under."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any, Callable

from .formats import format_money, isolated_html, isolated_text, long_date


@dataclass(frozen=True)
class Placeholder:
    key: str
    he: str
    en: str
    kind: str            # "ltr" (isolated), "text", "html" (already escaped and isolated per part)
    needs: str | None    # the fact that must hold for it to have a value
    doc: str


@dataclass(frozen=True)
class Fact:
    key: str
    he: str
    en: str
    doc: str


PLACEHOLDERS = (
    Placeholder("customer", "שם הלקוח", "customer name", "text", None, "the customer's name from the export"),
    Placeholder("business", "שם העסק", "business name", "text", None, "business.name"),
    Placeholder("signer", "שם החותם", "signer name", "text", "person", "business.signature_name"),
    Placeholder("role", "תפקיד החותם", "signer role", "text", "role", "business.signature_role"),
    Placeholder("phone", "טלפון", "phone", "ltr", "phone", "business.phone"),
    Placeholder("methods", "אמצעי התשלום", "payment methods", "text", "methods",
                "business.payment_methods in words: \"העברה בנקאית, כרטיס אשראי או ביט\""),
    Placeholder("number", "מספר החשבונית", "invoice number", "ltr", "one",
                "the number of the invoice the email is about (one invoice)"),
    Placeholder("numbers", "מספרי החשבוניות", "invoice numbers", "html", None,
                "every invoice number in the email, with commas"),
    Placeholder("balance", "היתרה", "balance", "html", None,
                "what is open on the invoices the email is about, per currency"),
    Placeholder("total", "סך הכול לתשלום", "total due", "html", None,
                "what is open on every invoice in the email, per currency"),
    Placeholder("due", "מועד התשלום", "due date", "text", None,
                "the (earliest) due date of the invoices the email is about, in words"),
    Placeholder("next_number", "מספר החשבונית הבאה", "next invoice number", "ltr", "also_later",
                "an invoice in the email that is not due yet"),
    Placeholder("next_due", "מועד החשבונית הבאה", "next due date", "text", "also_later",
                "its due date, in words"),
    Placeholder("instalments", "מספר התשלומים", "instalments", "ltr", "instalments_offered",
                "how many instalments the stage offers"),
    Placeholder("per_instalment", "סכום כל תשלום", "amount per instalment", "ltr", "per_instalment",
                "about how much each instalment would be"),
    Placeholder("discount", "אחוז ההנחה", "discount", "ltr", "discount_offered",
                "the early-payment discount, e.g. 5%"),
    Placeholder("discount_until", "ההנחה בתוקף עד", "discount until", "text", "discount_deadline",
                "the last day of the discount, in words"),
    Placeholder("promise_due", "המועד שסיכמנו", "promised date", "text", "promise",
                "promise_followup: the date the customer promised"),
    Placeholder("promise_amount", "הסכום שסיכמנו", "promised amount", "ltr", "promise_amount",
                "promise_followup: the amount promised"),
    Placeholder("promise_made", "מתי סיכמנו", "promise made on", "text", "promise",
                "promise_followup: when the promise was made"),
    Placeholder("plan_number", "מספר התשלום בהסדר", "plan instalment number", "text", "plan",
                "plan_instalment: which instalment this is (2)"),
    Placeholder("plan_of", "מספר התשלומים בהסדר", "plan instalments", "text", "plan",
                "plan_instalment: how many there are (3)"),
    Placeholder("plan_date", "מועד התשלום בהסדר", "plan instalment date", "text", "plan",
                "plan_instalment: its date, in words"),
    Placeholder("plan_amount", "סכום התשלום בהסדר", "plan instalment amount", "ltr", "plan",
                "plan_instalment: its amount"),
    Placeholder("today", "היום", "today", "text", None, "the date of sending, in words"),
)

FACTS = (
    Fact("one", "חשבונית אחת", "one invoice", "the email is about one invoice"),
    Fact("several", "כמה חשבוניות", "several invoices", "the email is about more than one invoice"),
    Fact("listed_one", "במייל חשבונית אחת", "one invoice listed",
         "the email lists exactly one invoice (its table has one row)"),
    Fact("partial", "שולם חלק", "partly paid", "part of one of those invoices is already paid"),
    Fact("due_later", "המועד עוד לא הגיע", "due later", "their (earliest) due date is still ahead"),
    Fact("due_today", "המועד היום", "due today", "it is today"),
    Fact("past_due", "המועד עבר", "past due", "it has passed"),
    Fact("also_later", "יש גם חשבוניות שמועדן לא הגיע", "some not due yet",
         "the email also lists invoices that are not due yet (after the due date, the email is "
         "about the late ones)"),
    Fact("also_later_one", "יש גם חשבונית אחת שמועדה לא הגיע", "one not due yet", "exactly one of those"),
    Fact("next_due_today", "מועד החשבונית הבאה היום", "next due today", "that invoice is due today"),
    Fact("person", "חותם אדם", "signed by a person", "business.signature_name is set"),
    Fact("role", "יש תפקיד לחותם", "signer has a role", "business.signature_role is set"),
    Fact("phone", "יש טלפון", "phone given", "business.phone is set"),
    Fact("methods", "יש אמצעי תשלום", "payment methods given", "business.payment_methods is not empty"),
    Fact("offer", "יש הצעה", "an offer", "the stage offers instalments or a discount"),
    Fact("instalments_offered", "הוצעו תשלומים", "instalments offered", "the stage offers instalments"),
    Fact("discount_offered", "הוצעה הנחה", "discount offered", "the stage offers an early-payment discount"),
    Fact("discount_deadline", "להנחה יש מועד אחרון", "discount has a deadline", "the discount has a last day"),
    Fact("per_instalment", "ידוע סכום כל תשלום", "amount per instalment known",
         "instalments are offered with an amount, in one currency"),
    Fact("promise", "סיכמנו מועד", "a promise", "promise_followup: the customer promised a date"),
    Fact("promise_amount", "סיכמנו סכום", "promised amount", "… and an amount"),
    Fact("plan", "יש הסדר תשלומים", "a payment plan", "plan_instalment: a payment plan is running"),
)

STAGE_FACT = ("שלב", "stage")  # "אם שלב checkin:" — the stage's name, as in config.toml


def _key(name: str) -> str:
    """How names are compared: spaces collapsed, geresh/gershayim as ASCII quotes, case folded."""
    name = name.replace("\u05f4", '"').replace("\u05f3", "'").replace("\u201d", '"').replace("\u2019", "'")
    return " ".join(name.split()).casefold()


PLACEHOLDER_NAMES = {_key(n): p for p in PLACEHOLDERS for n in (p.he, p.en)}
FACT_NAMES = {_key(n): f for f in FACTS for n in (f.he, f.en)}
BY_KEY = {p.key: p for p in PLACEHOLDERS}
FACT_BY_KEY = {f.key: f for f in FACTS}


def placeholder(name: str) -> Placeholder | None:
    return PLACEHOLDER_NAMES.get(_key(name))


def fact(name: str) -> str | None:
    """The fact key for a condition as written ("חשבונית אחת", "שלב checkin"), or None."""
    found = FACT_NAMES.get(_key(name))
    if found:
        return found.key
    word, _, rest = " ".join(name.split()).partition(" ")
    if _key(word) in STAGE_FACT and rest:
        return "stage:" + rest.strip()
    return None


def names(language: str) -> tuple[list[str], list[str]]:
    """The placeholder and fact names of one language, for messages and suggestions."""
    attr = "he" if language == "he" else "en"
    return [getattr(p, attr) for p in PLACEHOLDERS], [getattr(f, attr) for f in FACTS]


def display(key: str, language: str) -> str:
    """A placeholder's name as written in `language`."""
    item = BY_KEY.get(key)
    return (item.he if language == "he" else item.en) if item else key


def fact_display(key: str, language: str) -> str:
    """A fact's name as written after "אם" / "if"."""
    if key.startswith("stage:"):
        return f"{STAGE_FACT[0 if language == 'he' else 1]} {key[6:]}"
    item = FACT_BY_KEY.get(key)
    return (item.he if language == "he" else item.en) if item else key


class Unavailable(Exception):
    """A placeholder with no value in this email (it needs `fact`)."""

    def __init__(self, key: str, fact_key: str | None):
        super().__init__(key)
        self.key = key
        self.fact = fact_key


class View:
    """One email's facts and placeholder values, computed when first asked for."""

    __slots__ = ("ctx", "language", "invoices", "late_focus", "focus", "soon", "_facts", "_values")

    def __init__(self, ctx: dict, language: str):
        self.ctx = ctx
        self.language = language
        invoices = ctx["invoices"]
        self.invoices = invoices
        stage = ctx["stage"]
        late = [i for i in invoices if i.days_overdue > 0]
        # After the due date an email is about the late invoices; the others ride along.
        self.late_focus = bool(late) and getattr(stage, "days", 0) > 0 and len(late) < len(invoices)
        self.focus = late if self.late_focus else invoices
        self.soon = [i for i in invoices if i.days_overdue <= 0] if self.late_focus else []
        self._facts: dict[str, bool] = {}
        self._values: list[dict[str, str]] = [{}, {}]

    # -- facts -------------------------------------------------------------
    def fact(self, key: str) -> bool:
        try:
            return self._facts[key]
        except KeyError:
            value = self._facts[key] = bool(self._fact(key))
            return value

    def _fact(self, key: str) -> Any:
        ctx, focus = self.ctx, self.focus
        business, offer = ctx["business"], ctx["offer"]
        if key == "one":
            return len(focus) == 1
        if key == "several":
            return len(focus) > 1
        if key == "listed_one":
            return len(self.invoices) == 1
        if key == "partial":
            return any(i.balance < i.amount for i in focus)
        if key in ("due_later", "due_today", "past_due"):
            due = self.due_date()
            return {"due_later": due > ctx["today"], "due_today": due == ctx["today"],
                    "past_due": due < ctx["today"]}[key]
        if key == "also_later":
            return bool(self.soon)
        if key == "also_later_one":
            return len(self.soon) == 1
        if key == "next_due_today":
            return bool(self.soon) and self.soon[0].due_date == ctx["today"]
        if key == "person":
            return business.signature_name
        if key == "role":
            return business.signature_role
        if key == "phone":
            return business.phone
        if key == "methods":
            return business.payment_methods
        if key == "offer":
            return offer and (offer.instalments or offer.discount_percent)
        if key == "instalments_offered":
            return offer and offer.instalments
        if key == "discount_offered":
            return offer and offer.discount_percent
        if key == "discount_deadline":
            return offer and offer.discount_percent and offer.discount_until
        if key == "per_instalment":
            return offer and offer.instalments and offer.instalment_amount and len(ctx["totals"]) == 1
        if key == "promise":
            return ctx.get("promise")
        if key == "promise_amount":
            return ctx.get("promise") and ctx["promise"].amount
        if key == "plan":
            return ctx.get("instalment")
        if key.startswith("stage:"):
            return ctx["stage"].name == key[6:]
        raise KeyError(key)

    def due_date(self) -> dt.date:
        return min((i.due_date for i in self.focus), default=self.ctx["today"])

    # -- values ------------------------------------------------------------
    def value(self, key: str, html: int) -> str:
        """The placeholder's value for the HTML part (html=1) or the text part (html=0)."""
        cache = self._values[html]
        try:
            return cache[key]
        except KeyError:
            pass
        spec = BY_KEY[key]
        if spec.needs and not self.fact(spec.needs):
            raise Unavailable(key, spec.needs)
        raw = _VALUES[key](self)
        if spec.kind == "ltr":
            out = isolated_html(raw) if html else isolated_text(raw)
        elif spec.kind == "html":
            out = raw[html]
        else:
            out = escape(raw, quote=False) if html else raw
        cache[key] = out
        return out

    def long(self, value: dt.date) -> str:
        return long_date(value, self.language)

    def joined(self, items: list[str]) -> str:
        if len(items) < 2:
            return "".join(items)
        last = " ו־" if self.language == "he" else " and "
        return ", ".join(items[:-1]) + last + items[-1]

    def money_list(self, lines) -> tuple[str, str]:
        """Per currency, in the text part and the HTML part: "1,200.00 ₪ ו־300.00 $"."""
        totals: dict[str, Decimal] = {}
        for line in lines:
            totals[line.currency] = totals.get(line.currency, Decimal(0)) + line.balance
        amounts = [format_money(v, c) for c, v in totals.items()]
        return (self.joined([isolated_text(a) for a in amounts]),
                self.joined([isolated_html(a) for a in amounts]))

    def methods_text(self) -> str:
        methods = list(self.ctx["business"].payment_methods)
        if len(methods) < 2:
            return "".join(methods)
        return ", ".join(methods[:-1]) + (" או " if self.language == "he" else " or ") + methods[-1]


def _numbers(v: View) -> tuple[str, str]:
    numbers = [i.number for i in v.invoices]
    return ", ".join(isolated_text(n) for n in numbers), ", ".join(isolated_html(n) for n in numbers)


def _percent(value: Decimal) -> str:
    return f"{value:g}%"


_VALUES: dict[str, Callable[[View], Any]] = {
    "customer": lambda v: v.ctx["customer"].name,
    "business": lambda v: v.ctx["business"].name,
    "signer": lambda v: v.ctx["business"].signature_name,
    "role": lambda v: v.ctx["business"].signature_role,
    "phone": lambda v: v.ctx["business"].phone,
    "methods": lambda v: v.methods_text(),
    "number": lambda v: v.focus[0].number,
    "numbers": _numbers,
    "balance": lambda v: v.money_list(v.focus),
    "total": lambda v: v.money_list(v.invoices),
    "due": lambda v: v.long(v.due_date()),
    "next_number": lambda v: v.soon[0].number,
    "next_due": lambda v: v.long(v.soon[0].due_date),
    "instalments": lambda v: str(v.ctx["offer"].instalments),
    "per_instalment": lambda v: format_money(v.ctx["offer"].instalment_amount, v.ctx["totals"][0].currency),
    "discount": lambda v: _percent(v.ctx["offer"].discount_percent),
    "discount_until": lambda v: v.long(v.ctx["offer"].discount_until),
    "promise_due": lambda v: v.long(v.ctx["promise"].due),
    "promise_amount": lambda v: format_money(v.ctx["promise"].amount, v.invoices[0].currency if v.invoices else "ILS"),
    "promise_made": lambda v: v.long(v.ctx["promise"].made_at),
    "plan_number": lambda v: str(v.ctx["instalment"].number),
    "plan_of": lambda v: str(v.ctx["instalment"].of),
    "plan_date": lambda v: v.long(v.ctx["instalment"].date),
    "plan_amount": lambda v: format_money(v.ctx["instalment"].amount, v.invoices[0].currency if v.invoices else "ILS"),
    "today": lambda v: v.long(v.ctx["today"]),
}
assert set(_VALUES) == set(BY_KEY), "every placeholder has a value"
