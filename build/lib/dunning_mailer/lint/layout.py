"""Right-to-left HTML and text layout: well-formed tags, rtl tables and cells, a Hebrew first word."""
from __future__ import annotations

import re
from html.parser import HTMLParser


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.problems: list[tuple[int, str]] = []
        self.first: tuple[str, dict] | None = None
        self.body: dict | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.first is None:
            self.first = (tag, dict(attrs))
        if tag == "body" and self.body is None:
            self.body = dict(attrs)
        if tag not in _VOID:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if self.first is None:
            self.first = (tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        line = self.getpos()[0]
        if tag in _VOID:
            return
        if not self.stack:
            self.problems.append((line, f"</{tag}> closes nothing"))
            return
        if self.stack[-1][0] == tag:
            self.stack.pop()
            return
        open_tags = [t for t, _ in self.stack]
        if tag in open_tags:
            while self.stack and self.stack[-1][0] != tag:
                t, at = self.stack.pop()
                self.problems.append((at, f"<{t}> is never closed (</{tag}> comes first)"))
            self.stack.pop()
        else:
            self.problems.append((line, f"</{tag}> has no matching <{tag}>"))

    def close(self) -> None:
        super().close()
        for t, at in self.stack:
            self.problems.append((at, f"<{t}> is never closed"))
        self.stack.clear()


_CELL_TAG = re.compile(r"<(table|td|th)\b((?:[^>{]|\{\{.*?\}\}|\{%.*?%\}|\{(?![{%]))*)>", re.S | re.I)


_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff"


def _is_hebrew_letter(ch: str) -> bool:
    return "\u05d0" <= ch <= "\u05ea" or "\ufb1d" <= ch <= "\ufb4f"


def _first_visible(text: str) -> str:
    stripped = text.lstrip(_BIDI + " \t\r\n\u00a0")
    return stripped[:1]
