"""What every importer is, and what the package promises about files."""
from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from ..model import DunningError, ImportResult

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv"})

# Browsers and office suites write these while a file is still arriving.
_PARTIAL_SUFFIXES = frozenset({".crdownload", ".part", ".partial", ".tmp", ".download"})


class SourceError(DunningError):
    """A file that cannot be turned into invoices; `where` names the file (and row)."""


@runtime_checkable
class Importer(Protocol):
    """One kind of export: a cheap `identify` and a full `extract`."""

    name: str

    def identify(self, path: Path) -> bool: ...

    def extract(self, path: Path) -> ImportResult: ...


def looks_incomplete(path: Path) -> bool:
    """Whether a file is a lock file, a download in progress or hidden."""
    name = Path(path).name
    return (
        name.startswith(("~$", ".~lock", "."))
        or Path(name).suffix.lower() in _PARTIAL_SUFFIXES
        or name.endswith("~")
    )
