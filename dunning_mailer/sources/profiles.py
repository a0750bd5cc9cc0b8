"""Importers described in config: `[[importer]]` tables."""
from __future__ import annotations

import codecs
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..model import ImportResult
from .base import SUPPORTED_SUFFIXES, SourceError, looks_incomplete
from .cells import DATE_ORDERS
from .columns import FIELDS, HEADER_SCAN_ROWS, KINDS, header_key
from .generic import extract_rows
from .tabular import read_rows

_KEYS = {"name", "match_filename", "header_row", "encoding", "date_order", "columns", "kind"}


@dataclass(frozen=True)
class Profile:
    """How one export is laid out, as far as the user has said."""

    name: str
    match_filename: str | None = None
    header_row: int | None = None
    encoding: str | None = None
    date_order: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    kind: str | None = None  # "invoices", "balances" or "contacts"; None: the header decides


def profile_from_mapping(name: str, mapping: dict) -> Profile:
    """A Profile from one `[[importer]]` table; ValueError names the bad key."""
    unknown = sorted(set(mapping) - _KEYS)
    if unknown:
        raise ValueError(f"importer {name!r}: unknown key {unknown[0]!r} "
                         f"(known: {', '.join(sorted(_KEYS))})")
    pattern = mapping.get("match_filename")
    if pattern is not None and (not isinstance(pattern, str) or not pattern.strip()):
        raise ValueError(f"importer {name!r}: key 'match_filename' must be a filename glob")
    header_row = mapping.get("header_row")
    if header_row is not None and (
        isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1
    ):
        raise ValueError(f"importer {name!r}: key 'header_row' must be a row number from 1")
    encoding = mapping.get("encoding")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except (LookupError, TypeError):
            raise ValueError(f"importer {name!r}: key 'encoding': unknown encoding {encoding!r}") from None
    order = mapping.get("date_order")
    if order is not None:
        if not isinstance(order, str) or order.upper() not in DATE_ORDERS:
            raise ValueError(f"importer {name!r}: key 'date_order' must be one of "
                             f"{', '.join(DATE_ORDERS)}")
        order = order.upper()
    kind = mapping.get("kind")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"importer {name!r}: key 'kind' must be one of {', '.join(KINDS)} "
                         f"(got {kind!r})")
    columns = mapping.get("columns", {})
    if kind is not None and pattern is None and not columns:
        # A settings-only profile claims every file: forcing a kind on all of them
        # would read every invoice list as contacts (or the reverse).
        raise ValueError(f"importer {name!r}: key 'kind' needs match_filename (or columns) "
                         "to say which files it applies to")
    if not isinstance(columns, Mapping):
        raise ValueError(f"importer {name!r}: key 'columns' must be a table of field = header")
    for key, text in columns.items():
        if key not in FIELDS:
            raise ValueError(f"importer {name!r}: key 'columns.{key}' is not a field "
                             f"(fields: {', '.join(FIELDS)})")
        if not isinstance(text, str) or not header_key(text):
            raise ValueError(f"importer {name!r}: key 'columns.{key}' must be the header text")
    return Profile(
        name=str(mapping.get("name", name)),
        match_filename=pattern,
        header_row=header_row,
        encoding=encoding,
        date_order=order,
        columns=dict(columns),
        kind=kind,
    )


class ProfileImporter:
    """Claims files by filename glob, else by the configured headers; reads them generically."""

    def __init__(self, profile: Profile, default_currency: str = "ILS"):
        self.profile = profile
        self.name = profile.name
        self.default_currency = default_currency

    def identify(self, path: Path) -> bool:
        path = Path(path)
        if looks_incomplete(path) or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            return False
        if self.profile.match_filename:
            return fnmatch.fnmatch(path.name.lower(), self.profile.match_filename.lower())
        if not self.profile.columns:
            return True  # a profile of settings only applies to every file
        wanted = {header_key(text) for text in self.profile.columns.values()}
        try:
            rows = read_rows(path, self.profile.encoding)
        except SourceError:
            return False
        last = self.profile.header_row or HEADER_SCAN_ROWS
        return any(
            wanted <= {header_key(cell) for cell in cells}
            for number, cells in rows[:last]
            if self.profile.header_row is None or number == self.profile.header_row
        )

    def extract(self, path: Path) -> ImportResult:
        path = Path(path)
        return extract_rows(
            path,
            read_rows(path, self.profile.encoding),
            importer=self.name,
            header_row=self.profile.header_row,
            columns=self.profile.columns,
            date_order=self.profile.date_order,
            default_currency=self.default_currency,
            kind=self.profile.kind,
        )
