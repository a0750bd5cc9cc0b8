"""Invoice numbers a payer typed into a transfer's description, told apart from the numbers
banks print there themselves (account numbers, dates, amounts, phone numbers)."""
from __future__ import annotations

import re
from functools import lru_cache

_NOISE = re.compile(
    r"\bIL\d{2}[\d ]{10,}"                       # an IBAN
    r"|\b\d{2,3}-\d{3}-\d{3,12}\b"               # bank-branch-account
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"        # a date
    r"|\b\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?\b"     # an amount with thousands
    r"|\b\d+\.\d{2}\b"                           # an amount with agorot
    r"|\b0\d{1,2}-?\d{7}\b",                     # a phone number
    re.I)
_TOKEN = re.compile(r"[A-Za-z]{0,5}[-#/_]?\d[\d\-/]*\d|\d{3,}", re.A)


_NOT_ALNUM = re.compile(r"[^0-9A-Za-z\u05d0-\u05ea]")
_NOT_DIGIT = re.compile(r"\D")


def number_key(number: str) -> str:
    """An invoice number as payers may type it: letters and digits only, upper case."""
    return number if number.isdigit() else _NOT_ALNUM.sub("", number).upper()


def digits_key(number: str) -> str:
    """Only the digits, without leading zeros ("INV-00123" -> "123"); "" below three digits."""
    digits = (number if number.isdigit() else _NOT_DIGIT.sub("", number)).lstrip("0")
    return digits if len(digits) >= 3 else ""


@lru_cache(maxsize=1 << 15)
def mentioned(text: str) -> tuple[tuple[str, str], ...]:
    """(number_key, digits_key) of every number in a description that could be an invoice's."""
    text = _NOISE.sub(" ", text)
    out = []
    for token in _TOKEN.findall(text):
        parts = [token]
        if re.fullmatch(r"\d{3,}(?:[-/]\d{3,})+", token):  # "1234/1235": each one, and the whole
            parts += re.split(r"[-/]", token)
        for part in parts:
            out.append((number_key(part), digits_key(part)))
    return tuple(dict.fromkeys(out))
