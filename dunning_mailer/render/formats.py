"""How values look in an email: money, dates, and the isolation that keeps them in order in Hebrew."""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from html import escape

NBSP = "\u00a0"
LRI, PDI = "\u2066", "\u2069"
CURRENCY_SIGNS = {"ILS": "₪", "USD": "$", "EUR": "€", "GBP": "£"}
HEBREW_MONTHS = ("ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט",
                 "ספטמבר", "אוקטובר", "נובמבר", "דצמבר")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
                  "August", "September", "October", "November", "December")

# Short values with a dash or a space in them (ids, phone numbers, ranges) never break across
# lines: a phone number wrapped after its "-" reads as two numbers. Amounts and dates have
# nowhere to break (a no-break space before the currency sign); longer values (a web address)
# may break, or a phone screen would scroll sideways.
NOWRAP_UP_TO = 32
_BREAKS = re.compile(r"[-\u2010-\u2015 ]")


def format_money(value: Decimal | int | float | str, currency: str = "ILS") -> str:
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = CURRENCY_SIGNS.get(currency.upper(), currency.upper())
    return f"{amount:,.2f}{NBSP}{sign}"


def format_date(value: dt.date | None) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else "—"


def long_date(value: dt.date | None, language: str) -> str:
    """"5 בינואר 2027" / "5 January 2027"."""
    if not value:
        return "—"
    if language == "he":
        return f"{value.day} ב{HEBREW_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"


def isolated_html(text: str) -> str:
    """Escaped `text` in a left-to-right island: `-500` would otherwise show as `500-` in Hebrew,
    and `2024-0042-A` as `A-2024-0042`."""
    if len(text) <= NOWRAP_UP_TO and _BREAKS.search(text):
        return f'<span dir="ltr" style="white-space:nowrap">{escape(text, quote=False)}</span>'
    return f'<span dir="ltr">{escape(text, quote=False)}</span>'


def isolated_text(text: str) -> str:
    """The plain-text part's island: Unicode isolates (LRI … PDI)."""
    return f"{LRI}{text}{PDI}"
