"""Text from outside (file names, subjects, senders, cells) made safe to print on a terminal.

An escape character could recolour, rewrite or hide what a person reads, and a CR or LF could
fake a line of our own; each such character is shown as a visible escape (`\\x1b`, `\\r`, `\\n`)."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_CONTROL_BUT_LF = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    char = match.group()
    return _NAMED.get(char) or f"\\x{ord(char):02x}"


def shown(text: object, *, lines: bool = False) -> str:
    """`text` with control characters escaped; with `lines`, line feeds are kept (our own
    multi-line messages), so only what came from outside needs `lines=False`."""
    text = str(text)
    pattern = _CONTROL_BUT_LF if lines else _CONTROL
    return pattern.sub(_escape, text) if pattern.search(text) else text
