"""How the terminal shows things, for every command: one date-time format (`01/12/2026 10:00`), money as
`1,234.00 ₪`, stage names in the output's language, and lines that read the same in a bidi-aware
terminal and in a plain one.

The layout rule: ids, dates and amounts sit in fixed columns, and every run of Hebrew (a customer's
name, a subject, a Hebrew label) is wrapped in Unicode isolates (FSI … PDI). A terminal that applies
the Unicode bidi algorithm then lays the line out left to right, as a plain terminal does, and only
reverses the Hebrew inside its own isolate: the amount stays beside its own name. Text that comes from
outside (a subject, a file name) loses its own direction marks and control characters first.

The output's language: `DUNNING_MAILER_LANG` (`he` or `en`), else the locale (`LANG=he_IL.UTF-8`
gives Hebrew), else English.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from ..shown import shown

FSI, PDI = "\u2068", "\u2069"
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_BIDI_CONTROLS = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"[\t\n\r\v\f\u2028\u2029]")
SIGNS = {"ILS": "₪", "NIS": "₪", "USD": "$", "EUR": "€", "GBP": "£"}

STAGES_HE = {
    "before_due": "תזכורת מקדימה", "reminder": "תזכורת", "checkin": "בירור אישי",
    "solution": "הצעת פתרון", "final": "פנייה אחרונה", "promise_followup": "מעקב אחרי הבטחה",
    "plan_instalment": "תשלום בהסדר", "thank_you": "תודה", "digest": "סיכום יומי",
}

# The words of the human output; English is the key.
WORDS_HE = {
    "customer": "לקוח", "name": "שם", "stage": "שלב", "invoices": "חשבוניות", "amount": "סכום",
    "to": "אל", "last email": "מייל אחרון", "flags": "סימונים",
    "Would send": "יישלחו", "Sent": "נשלחו", "email(s)": "מיילים",
    "Nothing new to send.": "אין מה לשלוח כרגע.",
    "Nothing to send now.": "אין מה לשלוח כרגע.",
    "No open invoices.": "אין חשבוניות פתוחות.",
    "held": "ממתין", "email": "מייל", "reply": "תשובה", "import": "קליטה",
}

KINDS_EN = {"human": "a person's reply", "auto_reply": "an automatic reply", "bounce": "a bounce",
            "other": "not a reply"}
KINDS_HE = {"human": "תשובה של אדם", "auto_reply": "מענה אוטומטי", "bounce": "החזרה",
            "other": "לא תשובה"}


def output_language(environ=os.environ) -> str:
    chosen = environ.get("DUNNING_MAILER_LANG", "").strip().lower()
    if chosen in ("he", "en"):
        return chosen
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(key, "")
        if value:
            return "he" if value.lower().startswith(("he", "iw")) else "en"
    return "en"


def clean(text: object) -> str:
    """Outside text made safe to print: no direction marks, control characters as visible escapes, one line."""
    text = _BIDI_CONTROLS.sub("", str(text if text is not None else ""))
    # Line breaks and tabs become spaces; any other control character stays visible (`\\x1b`).
    return " ".join(shown(_BREAKS.sub(" ", text)).split())


def isolate(text: object) -> str:
    """`text` cleaned, and wrapped in FSI … PDI when it holds right-to-left letters."""
    text = clean(text)
    return f"{FSI}{text}{PDI}" if _RTL.search(text) else text


def width(text: str) -> int:
    """Terminal columns: combining marks and format characters take none, wide characters two."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def fit(text: object, columns: int, align: str = "<") -> str:
    """One fixed-width cell: cleaned, cut with `…` when too long (never a right-aligned one: amounts
    are shown whole), isolated, padded outside the isolate."""
    text = clean(text)
    if width(text) > columns and align != ">":
        while text and width(text) > columns - 1:
            text = text[:-1]
        text += "…"
    pad = " " * max(0, columns - width(text))
    isolated = isolate(text)
    return pad + isolated if align == ">" else isolated + pad


class Display:
    """The formats of one command's output: its time zone and its language."""

    def __init__(self, tz: ZoneInfo, language: str | None = None):
        self.tz = tz
        self.language = language or output_language()

    # ---- words ---------------------------------------------------------------------------
    # Hebrew words come isolated, so that a line starting with one keeps its left-to-right layout.
    def word(self, english: str) -> str:
        return isolate(WORDS_HE.get(english, english)) if self.language == "he" else english

    def stage(self, name: str | None) -> str:
        if not name:
            return "—"
        return isolate(STAGES_HE.get(name, name)) if self.language == "he" else name

    def kind(self, kind: str | None) -> str:
        table = KINDS_HE if self.language == "he" else KINDS_EN
        return isolate(table.get(kind or "", kind or "?"))

    # ---- values --------------------------------------------------------------------------
    def when(self, value: dt.datetime | str | None) -> str:
        """`01/12/2026 10:00` in the business's time zone."""
        if value is None or value == "":
            return "—"
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value)
            except ValueError:
                return clean(value)
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(self.tz)
            return value.strftime("%d/%m/%Y %H:%M")
        return self.day(value)

    def day(self, value: dt.date | str | None) -> str:
        """`01/12/2026`."""
        if value is None or value == "":
            return "—"
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value[:10])
            except ValueError:
                return clean(value)
        return value.strftime("%d/%m/%Y")

    @staticmethod
    def money(amount: Decimal | str | int | float, currency: str = "ILS") -> str:
        """`1,234.00 ₪` (a plain space: the terminal does not wrap inside a column)."""
        try:
            value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        except (InvalidOperation, ValueError):
            return clean(amount)
        code = (currency or "ILS").upper()
        return f"{value:,.2f} {SIGNS.get(code, code)}"

    def totals(self, totals: dict) -> str:
        return " + ".join(self.money(v, k) for k, v in totals.items()) or self.money(0)

    def days(self, text: str) -> str:
        """ISO dates inside a sentence (reasons the planner gives) in the one date format."""
        return re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", lambda m: f"{m[3]}/{m[2]}/{m[1]}", clean(text))

    # ---- lines ---------------------------------------------------------------------------
    def mail(self, r: dict) -> str:
        """One incoming message as a person reads it: from whom, whose it is, what it was read as,
        its subject."""
        who = r.get("customer_id") or "an unknown sender"
        meaning = self.kind(r.get("kind"))
        if r.get("intents"):
            meaning += f" ({', '.join(i.replace('_', ' ') for i in r['intents'])})"
        sender = f"{isolate(r['sender'])} → " if r.get("sender") else ""
        return f"{sender}{who}: {meaning}: {isolate(r.get('subject') or '')}"

    @staticmethod
    def row(*cells: tuple[object, int] | tuple[object, int, str] | str) -> str:
        """A line of fixed-width cells (`(text, columns[, ">"])`) and free text (a plain string,
        isolated); trailing blanks removed."""
        parts = []
        for c in cells:
            parts.append(fit(*c) if isinstance(c, tuple) else isolate(c))
        return "  ".join(parts).rstrip()
