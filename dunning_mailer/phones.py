"""Customers' phone numbers: kept as the files write them, shown in one Israeli form. Pure.

A number is stored as text exactly as its cell says (invisible marks and odd spaces aside): a
cell may hold several numbers, an extension or a word, and only a person knows what they meant.
For display a recognised Israeli number takes the form people dial here (`050-1234567`,
`03-5551234`, `072-2345678`, `1-800-123-456`; `+972 …` becomes `0…`); anything else is shown as
written. Nothing is guessed: a number Excel stripped of its leading zero (`501234567`) stays so.
"""
from __future__ import annotations

import re

_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# Between two numbers in one cell: a comma, a semicolon, a slash or bar, a line break, "or"/"או".
_BETWEEN = re.compile(r"\s*(?:[,;|/\n]|\s(?:or|או|and|ו-?)\s)\s*", re.I)
_DIAL_CHARS = re.compile(r"\+?[\d\s().\-\u2010-\u2015]+")
_NATIONAL = (
    (re.compile(r"0(5\d|7\d)(\d{7})"), "0{}-{}"),     # mobile 05N, VoIP/non-geographic 07N
    (re.compile(r"0([2-489])(\d{7})"), "0{}-{}"),     # landlines: 02, 03, 04, 08, 09
    (re.compile(r"1([5-9]00)(\d{3})(\d{3})"), "1-{}-{}-{}"),   # 1-800, 1-700 …
)


def phone_text(cell: object) -> str:
    """A cell's phone numbers as written: one line, no invisible marks; "" for an empty cell.
    Several lines become "; "-separated (the line break was a separator)."""
    if cell is None or isinstance(cell, bool):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = _INVISIBLE.sub("", str(cell)).replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "; ".join(line for line in lines if line)


def joined(texts: list[str] | tuple[str, ...]) -> str:
    """Several cells' numbers in one text, each distinct one once, in order."""
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return "; ".join(seen)


def _national(piece: str) -> str | None:
    """One number in the Israeli dialling form, or None when it is not one we know."""
    if not _DIAL_CHARS.fullmatch(piece):
        return None
    digits = re.sub(r"\D", "", piece)
    if piece.lstrip().startswith("+") or digits.startswith("00972"):
        digits = digits[2:] if digits.startswith("00") else digits
        if not digits.startswith("972"):
            return None  # a foreign number: shown as written
        digits = "0" + digits[3:].removeprefix("0")  # "+972 (0)3 …"
    for pattern, form in _NATIONAL:
        if m := pattern.fullmatch(digits):
            return form.format(*m.groups())
    return None


def shown_phones(text: str) -> tuple[str, ...]:
    """The numbers of a stored phone text, each in the Israeli dialling form when every one of
    them is recognised; otherwise the text as written, whole (a partial reading could mislead)."""
    text = phone_text(text)
    if not text:
        return ()
    whole = _national(text)
    if whole:
        return (whole,)
    pieces = [p for p in _BETWEEN.split(text) if p.strip()]
    read = [_national(p) for p in pieces]
    if len(pieces) > 1 and all(read):
        return tuple(dict.fromkeys(read))  # type: ignore[arg-type]
    # Two numbers with only spaces between them ("050-1234567 03-5551234").
    words = text.split()
    if len(words) > 1 and all(_national(w) for w in words):
        return tuple(dict.fromkeys(_national(w) for w in words))  # type: ignore[arg-type]
    return (text,)


def dial_uri(shown: str) -> str | None:
    """`tel:+97250…` for a number in the Israeli form (a link a phone can dial), else None."""
    national = _national(shown)
    if national is None:
        return None
    digits = re.sub(r"\D", "", national)
    return f"tel:{digits}" if digits.startswith("1") else f"tel:+972{digits[1:]}"
