"""What the lint reports: a finding names its file, line, rule and the principle it protects."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable


ERROR, WARNING = "error", "warning"


RTL_LANGUAGES = frozenset({"he", "ar", "fa", "ur", "yi"})


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    severity: str  # "error" | "warning"
    principle: str | None  # "C2", "C1", "RTL", "context", "syntax", ...
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        tag = f" [{self.principle}]" if self.principle else ""
        return f"{where}: {self.severity}{tag} {self.message}"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    principle: str
    pattern: re.Pattern
    message: str


# How a finding from rendering with sample data is told apart from the same static one.
_WHEN = " (when rendering with "


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    static_context = {(f.file, f.line) for f in findings if f.principle == "context" and _WHEN not in f.message}
    for f in findings:
        if f.principle == "context" and _WHEN in f.message and (f.file, f.line) in static_context:
            continue
        key = (f.file, f.line, f.severity, f.principle, f.message.split(_WHEN)[0])
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    order = {ERROR: 0, WARNING: 1}
    return sorted(out, key=lambda f: (f.file, f.line or 0, order.get(f.severity, 2), f.principle or ""))


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]
