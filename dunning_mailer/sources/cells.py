"""Pure parsers for single cells: text, money, dates, emails, currency, terms.

Each parser takes what a reader returns (str, int, float, date, datetime,
bool or "") and either returns a value or raises ValueError with a short
reason; the caller adds the file and row.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Direction marks and isolates that Hebrew exports sprinkle into cells.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200E, 0x200F, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_SPACES = {0x00A0: " ", 0x2007: " ", 0x202F: " ", 0x2009: " "}
_CLEAN = {**_INVISIBLE, **_SPACES}  # one pass instead of two

DATE_ORDERS = ("DMY", "MDY", "YMD")


def clean_text(value: object) -> str:
    """The cell as text without invisible marks, odd spaces or padding."""
    if type(value) is str:
        return _clean_str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    text = str(value)
    if not text.isascii():  # ASCII has no direction marks or odd spaces
        text = text.translate(_CLEAN)
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def _clean_str(text: str) -> str:
    # Exports repeat the same names, currencies and addresses on thousands of rows.
    if not text.isascii():  # ASCII has no direction marks or odd spaces
        text = text.translate(_CLEAN)
    return " ".join(text.split())


def is_blank(value: object) -> bool:
    if value is None or value == "":
        return True
    if not isinstance(value, str):
        return False  # numbers, dates and booleans are never blank
    return clean_text(value) == ""


def parse_document_number(value: object) -> str:
    """Document numbers stay text: leading zeros kept, 1042.0 becomes "1042"."""
    if isinstance(value, (dt.date, bool)):
        raise ValueError(f"{value!r} is not a document number")
    text = clean_text(value).lstrip("#").strip()
    if not text:
        raise ValueError("empty document number")
    return text


# --- currency -------------------------------------------------------------

_CURRENCY_WORDS = {
    "₪": "ILS", 'ש"ח': "ILS", "ש״ח": "ILS", "שח": "ILS", "nis": "ILS", "ils": "ILS",
    "שקל": "ILS", "שקלים": "ILS", "שקל חדש": "ILS",
    "$": "USD", "us$": "USD", "usd": "USD", "דולר": "USD", "דולר ארה\"ב": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "אירו": "EUR", "יורו": "EUR",
    "£": "GBP", "gbp": "GBP", "ליש\"ט": "GBP",
}
_CURRENCY_IN_AMOUNT = re.compile(r"₪|\$|€|£|ש[\"״]?ח|\bNIS\b|\bILS\b|\bUSD\b|\bEUR\b|\bGBP\b", re.I)


def parse_currency(value: object) -> str | None:
    """An ISO code from a currency cell, or None when the cell is empty."""
    text = clean_text(value)
    if not text:
        return None
    code = _CURRENCY_WORDS.get(text.lower()) or _CURRENCY_WORDS.get(text)
    if code:
        return code
    if re.fullmatch(r"[A-Za-z]{3}", text):
        return text.upper()
    raise ValueError(f"unknown currency {text!r}")


# --- money ----------------------------------------------------------------

_CENT = Decimal("0.01")
# Ledger cards write the side next to the number: "334,921.00 זכות" (credit).
_SIDES = {"זכות": -1, "חובה": 1, "cr": -1, "dr": 1}


def _canonical(amount: Decimal) -> Decimal:
    # Two decimals unless the file wrote more, so every format compares equal.
    return amount.quantize(_CENT) if amount.as_tuple().exponent > -2 else amount


def parse_amount(value: object) -> tuple[Decimal, str | None]:
    """Money from a cell: the amount and the currency written in it, if any."""
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        raise ValueError(f"{clean_text(value)!r} is not an amount")
    if isinstance(value, int):
        return _canonical(Decimal(value)), None
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= 1e15:
            raise ValueError(f"{value!r} is not an amount")
        # Spreadsheet arithmetic leaves 1234.4999999999998; money has cents.
        return Decimal(repr(value)).quantize(_CENT), None
    text = clean_text(value)
    if not text:
        raise ValueError("empty amount")
    currency = None
    found = _CURRENCY_IN_AMOUNT.search(text)
    if found:
        currency = parse_currency(found.group(0).replace("״", '"'))
        text = (text[: found.start()] + text[found.end():]).strip()
    sign = 1
    words = text.split()
    if len(words) == 2 and words[1].lower() in _SIDES:
        sign, text = _SIDES[words[1].lower()], words[0]
    text = text.replace(" ", "")
    if text.startswith("(") and text.endswith(")"):
        sign, text = -sign, text[1:-1]
    if text.endswith("-"):
        sign, text = -sign, text[:-1]
    elif text.startswith("-"):
        sign, text = -sign, text[1:]
    elif text.startswith("+"):
        text = text[1:]
    # After the sign, a currency may still sit between it and the digits: "-$5".
    text = text.strip("()")
    number = _normalise_separators(text)
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise ValueError(f"{clean_text(value)!r} is not an amount") from None
    if not amount.is_finite():
        raise ValueError(f"{clean_text(value)!r} is not an amount")
    return _canonical(sign * amount), currency


def _normalise_separators(text: str) -> str:
    if not re.fullmatch(r"[0-9.,']+", text) or not re.search(r"\d", text):
        raise ValueError(f"{text!r} is not an amount")
    text = text.replace("'", "")  # Swiss-style thousands
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
    elif text.count(",") == 1 and not re.fullmatch(r"\d{1,3},\d{3}", text):
        decimal_mark = ","
    else:
        decimal_mark = "."
    thousands = "," if decimal_mark == "." else "."
    whole, _, fraction = text.rpartition(decimal_mark) if decimal_mark in text else (text, "", "")
    if thousands in fraction or (decimal_mark == "." and text.count(".") > 1 and "," not in text):
        raise ValueError(f"{text!r} is not an amount")
    if thousands in whole and not re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})+", whole):
        raise ValueError(f"{text!r} has misplaced thousands separators")
    whole = whole.replace(thousands, "")
    return f"{whole}.{fraction}" if fraction else whole


# --- dates ----------------------------------------------------------------

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # Two-digit years in these exports are this century.
        year += 2000
    return year


def _excel_serial(number: float) -> dt.date:
    # Serials outside 1982..2173 are almost surely amounts or ids, not dates.
    if not 30000 <= number <= 100000:
        raise ValueError(f"{clean_text(number)!r} is not a date")
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


def slash_date_parts(value: object) -> tuple[int, int] | None:
    """The first two numbers of a D/M/Y-or-M/D/Y text date, for deciding the order."""
    if not isinstance(value, str):
        return None
    match = _NUMERIC.fullmatch(clean_text(value))
    if not match:
        return None
    return int(match.group(1)), int(match.group(3))


def decide_date_order(pairs: list[tuple[int, int]]) -> str | None:
    """DMY or MDY if some date settles it, None if all are ambiguous.

    Raises ValueError when the dates contradict each other.
    """
    day_first = any(a > 12 for a, _ in pairs)
    month_first = any(b > 12 for _, b in pairs)
    if day_first and month_first:
        raise ValueError("the dates mix day/month and month/day order")
    if day_first:
        return "DMY"
    if month_first:
        return "MDY"
    return None


def parse_date(value: object, order: str = "DMY") -> dt.date:
    """A date from a cell; `order` settles D/M/Y against M/D/Y text dates."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date")
    if isinstance(value, (int, float)):
        return _excel_serial(value)
    text = clean_text(value)
    if not text:
        raise ValueError("empty date")
    try:
        if match := _ISO.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := _NUMERIC.fullmatch(text):
            first, sep, second, year = match.groups()
            if order == "MDY":
                month, day = int(first), int(second)
            elif order == "YMD":
                raise ValueError(f"{text!r} is not year-month-day")
            else:
                day, month = int(first), int(second)
            return dt.date(_year(year), month, day)
        if re.fullmatch(r"\d{5}(\.\d+)?", text):
            return _excel_serial(float(text))
        return _named_month_date(text)
    except ValueError as error:
        if "is not" in str(error):
            raise
        raise ValueError(f"{text!r} is not a valid date") from None


def _named_month_date(text: str) -> dt.date:
    # "05-Jan-2025", "5 Jan 2025", "Jan 5, 2025"
    words = re.split(r"[\s,\-/]+", text.lower())
    if len(words) == 3:
        if words[1][:3] in _MONTHS and words[0].isdigit() and words[2].isdigit():
            return dt.date(_year(words[2]), _MONTHS[words[1][:3]], int(words[0]))
        if words[0][:3] in _MONTHS and words[1].isdigit() and words[2].isdigit():
            return dt.date(_year(words[2]), _MONTHS[words[0][:3]], int(words[1]))
    raise ValueError(f"{text!r} is not a date")


# --- payment terms --------------------------------------------------------

_END_OF_MONTH = re.compile(r"(?:שוטף|eom|end of month)\s*(?:\+?\s*(\d{1,3}))?", re.I)
_NET = re.compile(r"(?:נטו|net|\+)\s*(\d{1,3})(?:\s*(?:יום|ימים|days?))?", re.I)
_DAYS = re.compile(r"(\d{1,3})(?:\s*(?:יום|ימים|days?))?", re.I)
_IMMEDIATE = re.compile(r"מיידי|מזומן|due on receipt|on receipt|immediate|cash", re.I)


def due_from_terms(issue: dt.date, terms: object) -> dt.date:
    """The due date that payment terms give for an issue date."""
    text = clean_text(terms)
    if match := _END_OF_MONTH.fullmatch(text):
        next_month = (issue.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        end_of_month = next_month - dt.timedelta(days=1)
        return end_of_month + dt.timedelta(days=int(match.group(1) or 0))
    if match := _NET.fullmatch(text) or _DAYS.fullmatch(text):
        return issue + dt.timedelta(days=int(match.group(1)))
    if _IMMEDIATE.fullmatch(text):
        return issue
    raise ValueError(f"unknown payment terms {text!r}")


# --- emails ---------------------------------------------------------------

_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def parse_emails(value: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(valid addresses, rejected pieces) from a cell with one or several emails."""
    text = clean_text(value)
    valid: list[str] = []
    rejected: list[str] = []
    for part in re.split(r"[;,]", text):
        part = part.strip()
        if not part:
            continue
        # "Dana Cohen <dana@example.co.il>" carries the address in brackets.
        bracketed = re.fullmatch(r"[^<>]*<([^<>]+)>", part)
        tokens = [bracketed.group(1)] if bracketed else part.split()
        for token in tokens:
            token = token.strip().strip("<>").removeprefix("mailto:")
            if _EMAIL.fullmatch(token):
                if token.lower() not in valid:
                    valid.append(token.lower())
            elif token:
                rejected.append(token)
    return tuple(valid), tuple(rejected)


# --- status and language --------------------------------------------------

_CLOSED_STATUSES = {
    "שולם", "שולמה", "מבוטל", "מבוטלת", "בוטל", "טיוטה", "סגור", "סגורה",
    "paid", "void", "voided", "draft", "deleted", "closed", "cancelled", "canceled",
}


def is_closed_status(value: object) -> bool:
    return clean_text(value).lower() in _CLOSED_STATUSES


_LANGUAGES = {
    "he": "he", "heb": "he", "hebrew": "he", "עברית": "he", "iw": "he",
    "en": "en", "eng": "en", "english": "en", "אנגלית": "en",
    "ar": "ar", "arabic": "ar", "ערבית": "ar", "ru": "ru", "russian": "ru", "רוסית": "ru",
}


def parse_language(value: object) -> str | None:
    text = clean_text(value).lower()
    if not text:
        return None
    if text in _LANGUAGES:
        return _LANGUAGES[text]
    if re.fullmatch(r"[a-z]{2}", text):
        return text
    raise ValueError(f"unknown language {text!r}")
