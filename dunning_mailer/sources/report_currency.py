"""The currency a report states for all its amounts: in its title rows ("All amounts in CAD",
"Currency: GBP", "הסכומים בדולרים"), or beside a header ("יתרה $"), and which dollar a bare "$"
is when the title names one."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from . import cells as parse
from .columns import Header
from .tabular import Row

_ISO = frozenset("ILS USD EUR GBP CAD AUD NZD CHF JPY".split())


def parse_currency_word(mark: str) -> str | None:
    """The ISO code a currency sign, word or code beside a header stands for, or None."""
    text = mark.strip()
    if not text:
        return None
    if text.upper() in _ISO:
        return text.upper()
    return parse.CURRENCY_WORDS.get(text.lower()) or parse.CURRENCY_WORDS.get(text) or (
        "ILS" if re.fullmatch(r"ב?-?(?:₪|ש[\"״']?ח)", text) else None)


# A report's title rows that say the currency of every amount: "All amounts in CAD",
# "Currency: GBP", "הסכומים בדולרים", "מטבע הדוח: אירו".
_TITLE_CURRENCY = (
    re.compile(r"(?:all\s+)?(?:amounts?|figures|values|totals?)\s+(?:are\s+)?(?:shown\s+|stated\s+|"
               r"expressed\s+|reported\s+|displayed\s+)?in\s+([^\s.,;()]+(?:\s+dollars?)?)\s*\.?", re.I),
    re.compile(r"(?:report\s+)?currency\s*[:\-]\s*([^\s.,;()]+)", re.I),
    re.compile(r"(?:כל\s+)?ה?סכומים\s+(?:הם\s+|מוצגים\s+|נקובים\s+|רשומים\s+)?ב-?\s*([^\s.,;()]+)"),
    re.compile(r"מטבע(?:\s+הדוח)?\s*[:\-]\s*([^\s.,;()]+)"),
)
_TITLE_NAMES = {"dollars": "USD", "us dollars": "USD", "canadian dollars": "CAD", "australian dollars": "AUD",
                "דולרים": "USD", "שקלים": "ILS", "₪": "ILS", "אירו": "EUR", "יורו": "EUR", "פאונד": "GBP"}
# The currencies a bare "$" may stand for: a title that names one of them says which.
DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD"})


def title_currency(rows: Sequence[Row], header: Header) -> tuple[str, str] | None:
    """(code, the title's words) when the rows above the header name the currency of the
    report's amounts, and name only one."""
    found: dict[str, str] = {}
    for n, cells in rows:
        if n >= (header.top or header.row):
            break
        for cell in cells:
            text = parse.clean_text(cell) if isinstance(cell, str) else ""
            if not text or len(text) > 80:
                continue
            for pattern in _TITLE_CURRENCY:
                if (m := pattern.search(text)) is None:
                    continue
                word = m.group(1).strip()
                code = _TITLE_NAMES.get(word.lower()) or parse_currency_word(word)
                if code is None and word.upper() in parse.ISO_CODES and word.isupper():
                    code = word.upper()
                if code:
                    found.setdefault(code, text)
                break
    return next(iter(found.items())) if len(found) == 1 else None


def with_title_dollars(rows: Sequence[Row], header: Header, result, titled: tuple[str, str] | None):
    """A "$" read as USD in a report whose title says its dollars are another currency ("All
    amounts in CAD"): the title's currency, unless some cell writes "USD" outright."""
    if not titled or titled[0] not in DOLLARS or titled[0] == "USD":
        return result
    if not any(i.currency == "USD" for i in result.invoices):
        return result
    if any(isinstance(c, str) and re.search(r"\bUSD\b|US\$", c) for n, cells in rows if n > header.row
           for c in cells):
        return result
    code = titled[0]
    return replace(result, invoices=tuple(replace(i, currency=code) if i.currency == "USD" else i
                                          for i in result.invoices))
