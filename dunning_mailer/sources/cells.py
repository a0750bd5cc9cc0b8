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
from typing import Sequence

# Direction marks and isolates that Hebrew exports sprinkle into cells.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200E, 0x200F, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_SPACES = {0x00A0: " ", 0x2007: " ", 0x202F: " ", 0x2009: " "}
_CLEAN = {**_INVISIBLE, **_SPACES}  # one pass instead of two
# Whether a text has anything for that pass to do: most Hebrew cells have not.
_TO_CLEAN = re.compile("[" + "".join(re.escape(chr(c)) for c in _CLEAN) + "]")

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
    if not text.isascii() and _TO_CLEAN.search(text):  # ASCII has no direction marks or odd spaces
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
CURRENCY_WORDS = _CURRENCY_WORDS  # the names and signs a currency cell may hold
# The codes a text alone may be taken for (a three-letter customer name is not a currency).
ISO_CODES = frozenset("ILS USD EUR GBP CAD AUD NZD CHF JPY CNY SEK NOK DKK PLN CZK HUF RON ZAR INR MXN "
                      "BRL SGD HKD RUB TRY AED JOD EGP".split())
_CURRENCY_IN_AMOUNT = re.compile(r"₪|\$|€|£|ש[\"״]?ח|\bNIS\b|\bILS\b|\bUSD\b|\bEUR\b|\bGBP\b", re.I)


def names_currency(text: str) -> bool:
    """Whether an amount's text writes its currency ("₪ 9,360.00", "USD 12.00")."""
    return bool(_CURRENCY_IN_AMOUNT.search(text))


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
# Or the side's letter before it, as a ledger card's running balance: "ח 1,670.00", "ז 500.00".
_SIDES = {"זכות": -1, "חובה": 1, "cr": -1, "dr": 1, "ז": -1, "ח": 1, "ז'": -1, "ח'": 1}
SIDES = _SIDES


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
        return _amount_from_float(value)
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
    elif len(words) == 2 and words[0].lower() in _SIDES and words[1][:1].isdigit():
        sign, text = _SIDES[words[0].lower()], words[1]
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


def _amount_from_float(value: float) -> tuple[Decimal, None]:
    if not math.isfinite(value) or abs(value) >= 1e15:
        raise ValueError(f"{value!r} is not an amount")
    # Spreadsheet arithmetic leaves 1234.4999999999998; money has cents.
    return Decimal(repr(value)).quantize(_CENT), None


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
# Stripe's charge_automatically: charged when the invoice is finalized, so due on its date.
_IMMEDIATE = re.compile(r"מיידי|מזומן|due on receipt|on receipt|immediate|cash|charge[_ ]automatically",
                        re.I)


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


_LINE_BREAK = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")


def parse_emails(value: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(valid addresses, rejected pieces) from a cell with one or several emails.

    Addresses apart by `,`, `;` or spaces are all recipients (a customer's billing contacts).
    A line break ends the list: whatever follows it in the cell (a note, a second line pasted
    in) never adds a recipient, and is returned among the rejected pieces."""
    dropped: list[str] = []
    if isinstance(value, str) and _LINE_BREAK.search(value.strip()):
        value, rest = _LINE_BREAK.split(value.strip(), maxsplit=1)
        dropped.append(f"{clean_text(rest)} (after a line break in the cell: not used)")
    text = clean_text(value)
    if _EMAIL.fullmatch(text):
        # One plain address: no separator, space, bracket or "mailto:" can match _EMAIL.
        return (text.lower(),), tuple(dropped)
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
    return tuple(valid), tuple(rejected + dropped)


# --- language ------------------------------------------------------------

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


# --- whole columns --------------------------------------------------------


class Refusal:
    """What a parser said against a cell, kept until (and unless) the cell's row needs it."""

    __slots__ = ("error",)

    def __init__(self, error: Exception):
        self.error = error


def read_cell(parser, cell: object, args: tuple = ()):
    """One cell's reading: None when blank, the parsed value, or a Refusal."""
    if is_blank(cell):
        return None
    try:
        return parser(cell, *args)
    except Exception as error:  # raised again, as it was, when the row asks for the value
        return Refusal(error)


class _Readings(dict):
    """Distinct cell -> its reading; a cell not seen yet is read on the lookup."""

    __slots__ = ("parser", "args")

    def __init__(self, parser, args: tuple):
        super().__init__()
        self.parser, self.args = parser, args

    def __missing__(self, cell):
        reading = self[cell] = read_cell(self.parser, cell, self.args)
        return reading


class ColumnReader:
    """One parser read down whole columns: each distinct text or number is parsed once.

    The cells of a column repeat (dates, names, addresses, currencies, the balance that
    equals the amount), so readings are kept by value, per type: equal texts and equal
    non-zero floats are the same input to a parser (zero is read every time: its sign
    shows in the reading). `ready` names a type whose cells already are the parser's
    answer (dates for the date parser); `floats` is the parser's own answer for a float,
    without its checks for other types.
    """

    def __init__(self, parser, *args, ready: type | None = None, floats=None):
        self._texts = _Readings(parser, args)
        self._floats: dict[float, object] = {}
        self._parser, self._args, self._ready = parser, args, ready
        self._float_parser = floats or (lambda cell: parser(cell, *args))

    def read(self, cells: Sequence[object]) -> list:
        texts, floats, ready = self._texts, self._floats, self._ready
        parser, args, float_parser = self._parser, self._args, self._float_parser
        readings = []
        add = readings.append
        for cell in cells:
            kind = type(cell)
            if kind is float and cell:
                reading = floats.get(cell)
                if reading is None:
                    try:
                        reading = float_parser(cell)
                    except Exception as error:
                        reading = Refusal(error)
                    floats[cell] = reading
                add(reading)
            elif kind is str:
                add(texts[cell])
            elif kind is ready:
                add(cell)
            else:
                add(read_cell(parser, cell, args))
        return readings


def money_reader() -> ColumnReader:
    """A ColumnReader of parse_amount."""
    return ColumnReader(parse_amount, floats=_amount_from_float)


def clean_column(cells) -> list[str]:
    """clean_text of every cell, each distinct text cleaned once."""
    return [_clean_str(cell) if type(cell) is str else clean_text(cell) for cell in cells]
