"""What the learned reader sees of a reply: normalised text cut into character and word n-grams.

The same function serves the training script (tools/train_replies.py) and the reader at run
time, so the model is scored on exactly the features it was trained on. Pure, standard library.

Character n-grams carry Hebrew well: a prefix (ו, ש, ה, ב, ל) or a typo changes a few of a word's
n-grams, not all of them.
"""
from __future__ import annotations

import re
import unicodedata

from .message import _strip_bidi


_FINALS = str.maketrans({"ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ",
                         "״": '"', "׳": "'", "’": "'", "‘": "'", "“": '"', "”": '"', "`": "'",
                         "־": "-", "–": "-", "—": "-"})


_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_MAIL = re.compile(r"\S+@\S+\.\w+")
_PHONE = re.compile(r"\+?\d[\d\- ]{7,}\d")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"[ \t\u00a0]+")
_LINES = re.compile(r"\s*\n\s*")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[?!]")
_REPEAT = re.compile(r"(.)\1{2,}")


def normalise(text: str) -> str:
    """Lower case, no bidi marks or Hebrew points, final letters as their plain form, numbers as 0,
    links, addresses and phone numbers as one token each, letters repeated for emphasis cut to two."""
    t = _strip_bidi(text or "")
    t = unicodedata.normalize("NFKC", t)
    t = "".join(ch for ch in t if not ("\u0591" <= ch <= "\u05c7"))   # niqqud and cantillation
    t = t.lower().translate(_FINALS)
    t = _URL.sub(" url ", t)
    t = _MAIL.sub(" email ", t)
    t = _PHONE.sub(" phone ", t)
    t = _DIGITS.sub("0", t)
    t = _REPEAT.sub(r"\1\1", t)
    t = _SPACE.sub(" ", t)
    t = _LINES.sub(" \n ", t)
    return t.strip()


CHAR_N = (2, 5)


def ngrams(norm: str) -> dict[str, float]:
    """Counts of the n-grams of a normalised text: characters inside words (with their edges),
    characters across words, words and word pairs."""
    out: dict[str, float] = {}
    words = _WORD.findall(norm)
    lo, hi = CHAR_N
    for w in words:
        padded = f" {w} "
        for n in range(lo, hi + 1):
            for i in range(len(padded) - n + 1):
                g = "c" + padded[i:i + n]
                out[g] = out.get(g, 0.0) + 1.0
    flat = " ".join(words)
    for n in (6, 7):
        for i in range(len(flat) - n + 1):
            g = flat[i:i + n]
            if " " in g.strip():
                key = "x" + g
                out[key] = out.get(key, 0.0) + 1.0
    prev = "^"
    for w in words + ["$"]:
        out["w" + w] = out.get("w" + w, 0.0) + 1.0
        key = "b" + prev + " " + w
        out[key] = out.get(key, 0.0) + 1.0
        prev = w
    out.pop("w$", None)
    return out
