"""Mixed direction inside Hebrew: what a right-to-left sentence does to the numbers, ranges,
addresses and Latin words written straight into it.

In a Hebrew sentence a neutral character between two numbers takes the sentence's direction:
`9:00–16:00` shows as 16:00–9:00, `-500` as 500-, `2024-0042-A` as A-2024-0042, and a phone
number may wrap after its dash at 375 px. Whatever is isolated (a placeholder, `text in
backticks`, `|ltr` or `<span dir="ltr">` in the older templates) is safe; this finds the rest,
each with a one-line fix."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import ERROR, WARNING

_HEBREW = re.compile(r"[\u05d0-\u05ea\ufb1d-\ufb4f]")
_DASH = r"\s*[-–—]\s*"
_TIME = r"\d{1,2}:\d{2}"
_DATE = r"\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?"
_NUM = r"\d+(?:[.,]\d+)*%?"

# (kind, pattern, severity, what it does in Hebrew); the first that claims a stretch of text wins.
_KINDS = (
    ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", ERROR, "an e-mail address can lose its order"),
    ("web", r"(?:https?://|www\.)[^\s<>\"]+", ERROR, "a web address can lose its order"),
    ("id", r"(?<![A-Za-z0-9/-])[A-Za-z0-9/-]*(?:\d[A-Za-z0-9/-]*[A-Za-z]|[A-Za-z][A-Za-z0-9/-]*\d)[A-Za-z0-9/-]*",
     ERROR, "an id of letters and digits loses its order"),
    ("time range", rf"{_TIME}{_DASH}{_TIME}", ERROR, "a time range shows reversed"),
    ("date range", rf"{_DATE}{_DASH}{_DATE}", ERROR, "a date range shows reversed"),
    ("phone", r"(?<![\w+])(?:\+\d{1,3}[ -]?|0|1-?[78]00)[\d -]{5,}\d(?![\w])", ERROR,
     "a phone number can be split across two lines or lose its order"),
    ("range", rf"{_NUM}{_DASH}{_NUM}", ERROR, "a range shows reversed"),
    ("signed", r"(?<![\w])[-+−]\d[\d,.]*|\d+(?:-\d+)+", ERROR, "a minus sign or dash moves to the other side"),
    ("number", r"\d[\d,./:]*\d%?|\d%?", WARNING, "a number is safest isolated"),
    ("Latin word", r"[A-Za-z][A-Za-z'’.&-]*", WARNING, "a Latin word can move the punctuation next to it"),
)
_PATTERNS = [(kind, re.compile(p), severity, why) for kind, p, severity, why in _KINDS]
_REVERSIBLE = re.compile(r"^(.*?\d)(\s*[-–—]\s*)(\d.*)$")


@dataclass(frozen=True)
class Unisolated:
    kind: str
    text: str
    severity: str
    why: str

    def message(self, fix: str) -> str:
        shown = self.why
        m = _REVERSIBLE.match(self.text)
        if self.kind.endswith("range") and m:
            shown = f"{self.why} (as {m.group(3)}{m.group(2)}{m.group(1)})"
        return f"the {self.kind} {self.text} inside a Hebrew sentence: {shown}; {fix}"


def has_hebrew(text: str) -> bool:
    return bool(_HEBREW.search(text))


def unisolated(text: str) -> list[Unisolated]:
    """What in this stretch of Hebrew text is not isolated and should be, in order of appearance."""
    if not has_hebrew(text):
        return []
    claimed = [False] * len(text)
    found: list[tuple[int, Unisolated]] = []
    for kind, pattern, severity, why in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            value = m.group(0).strip().rstrip(".,;:")
            if not value or any(claimed[start:end]):
                continue
            if kind == "phone" and sum(c.isdigit() for c in value) < 7:
                continue
            for i in range(start, end):
                claimed[i] = True
            found.append((start, Unisolated(kind, value, severity, why)))
    return [u for _, u in sorted(found, key=lambda pair: pair[0])]


def wording_fix(u: Unisolated) -> str:
    fix = f"write it between backticks, `{u.text}`, so it stays in order and in one piece"
    if u.kind == "phone":
        fix += " (the business's own number is {טלפון})"
    return fix


def jinja_fix(u: Unisolated, is_html: bool) -> str:
    if is_html:
        return f"wrap it: <span dir=\"ltr\">{u.text}</span>"
    return f"wrap it: {{{{ \"{u.text}\"|ltr }}}}"
