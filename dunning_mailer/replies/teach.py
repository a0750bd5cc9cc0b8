"""What a person taught: their readings of earlier replies, consulted as nearest neighbours.

When a person corrects a reading (`dunning-mailer label REPLY INTENT`), the reply's text and the
right intent are kept in the ledger. The next reply that says nearly the same thing (the cosine of
their character n-grams at least ``SIMILAR``) is read the way the person read it, whatever the
model thinks: the business's own phrasing, learned from its own corrections. Pure: the examples
are passed in."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Iterable

from .features import ngrams, normalise


# How alike two replies must be (cosine of their n-gram counts) for a correction to decide; two
# replies that differ in a name, a number or a word or two of a short sentence are above it.
SIMILAR = 0.6


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    promise_date: dt.date | None = None
    written: dt.date | None = None
    reply_id: int | None = None


class Teacher:
    """A person's corrections, ready to be compared with a new reply."""

    def __init__(self, examples: Iterable[Example] = ()):
        self._items: list[tuple[Example, dict[str, float], float]] = []
        for e in examples:
            vec = _vector(e.text)
            if vec:
                self._items.append((e, vec, _length(vec)))

    def __len__(self) -> int:
        return len(self._items)

    def nearest(self, text: str) -> tuple[Example, float] | None:
        """The most similar taught example and its similarity, if it is similar enough. A later
        correction wins over an earlier one that is as close."""
        if not self._items:
            return None
        vec = _vector(text)
        if not vec:
            return None
        length = _length(vec)
        best: tuple[Example, float] | None = None
        for example, other, other_length in self._items:
            dot = sum(v * other.get(k, 0.0) for k, v in vec.items())
            sim = dot / (length * other_length)
            if sim >= SIMILAR and (best is None or sim >= best[1] - 1e-9):
                best = (example, sim)
        return best


# Greetings and thanks around what a reply says: left out when replies are compared.
_COURTESY = re.compile(
    r"(?<![\w])(?:שלום(?:\s+רב)?|היי|הי|בוקר\s+טוב|ערב\s+טוב|צהריים\s+טובים|תודה(?:\s+רבה)?|בברכה|יום\s+טוב|"
    r"שבוע\s+טוב|שבת\s+שלום|להתראות|בתודה|hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|thanks?(?:\s+you)?|"
    r"regards|best|kind\s+regards|cheers|have\s+a\s+(?:good|nice)\s+day)(?![\w])", re.I)


def _vector(text: str) -> dict[str, float]:
    core = _COURTESY.sub(" ", text)
    counts = ngrams(normalise(core if core.strip(" ,.!\n") else text))
    return {k: 1.0 + math.log(v) for k, v in counts.items() if k.startswith(("c", "w", "b"))}


def _length(vec: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vec.values())) or 1.0
