"""Invoice numbers in what people write, found by tokens looked up in an index.

Reading one message must cost the same with no open invoice and with a million
(issue 13): the text is cut into tokens once, and each run of up to a few
tokens is looked up in a dict built once per mailbox sync, never a pattern per
invoice.

A number is found as a whole: "1043" is not in "10430", nor in "1043-A" or
"X-1043" (a dash joins Latin letters and digits into one number), but it is in
"ב1043" or "ל-1043", where a Hebrew prefix stands before it.
"""
from __future__ import annotations

import re
from typing import Collection, Iterable

from .message import _strip_bidi


# Latin letters and digits make up invoice numbers; any other letter (Hebrew) is a word of its own,
# so "ב1043" reads as the prefix "ב" and the number "1043".
_TOKEN = re.compile(r"[0-9A-Za-z]+|[^\W\d_A-Za-z]+")


_JOINED = re.compile(r"[0-9A-Za-z]")


# A number of more tokens than this ("INV 2024 / 0042 - A") is rare; longer ones are found by
# their first MAX_TOKENS tokens only if they also end there, so they are simply not found.
MAX_TOKENS = 8


class NumberIndex:
    """The open invoice numbers, ready to be looked up token by token. Build once, use for many
    messages: ``NumberIndex(numbers)`` costs time in the number of invoices, ``find`` does not."""

    __slots__ = ("_by_key", "_longest")

    def __init__(self, numbers: Iterable[str] = ()):
        self._by_key: dict[str, str] = {}
        longest = 0
        for n in numbers:
            key, count = _key(str(n))
            if not key or count > MAX_TOKENS:
                continue
            self._by_key.setdefault(key, str(n).strip())
            longest = max(longest, count)
        self._longest = longest

    def __len__(self) -> int:
        return len(self._by_key)

    def find(self, *texts: str) -> tuple[str, ...]:
        """The numbers mentioned in ``texts``, in the order they first appear, each once."""
        if not self._by_key:
            return ()
        out: list[str] = []
        for text in texts:
            for n in self._scan(_strip_bidi(text or "")):
                if n not in out:
                    out.append(n)
        return tuple(out)

    def _scan(self, text: str) -> Iterable[str]:
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        low = text.lower()
        for i, (start, _) in enumerate(tokens):
            if _joined_before(text, start):
                continue
            for j in range(i, min(i + self._longest, len(tokens))):
                end = tokens[j][1]
                hit = self._by_key.get(low[start:end])
                if hit is not None and not _joined_after(text, end):
                    yield hit
                    break


def _key(number: str) -> tuple[str, int]:
    """A number's lookup key (its text from the first token to the last, lower case) and its
    number of tokens."""
    s = _strip_bidi(number).strip()
    tokens = list(_TOKEN.finditer(s))
    if not tokens:
        return "", 0
    return s[tokens[0].start():tokens[-1].end()].lower(), len(tokens)


def _joined_before(text: str, start: int) -> bool:
    """A Latin letter or digit, or one followed by a dash, right before ``start``."""
    if start >= 1 and _JOINED.match(text, start - 1):
        return True
    return start >= 2 and text[start - 1] == "-" and bool(_JOINED.match(text, start - 2))


def _joined_after(text: str, end: int) -> bool:
    if end < len(text) and _JOINED.match(text, end):
        return True
    return end + 1 < len(text) and text[end] == "-" and bool(_JOINED.match(text, end + 1))


def index_of(known: Collection[str] | NumberIndex) -> NumberIndex:
    """``known`` as an index (built here when a plain collection is given)."""
    return known if isinstance(known, NumberIndex) else NumberIndex(known)
