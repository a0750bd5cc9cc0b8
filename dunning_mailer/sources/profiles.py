"""Importers described in config: `[[importer]]` tables."""
from __future__ import annotations

import codecs
import datetime as dt
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..model import ImportResult
from .base import SUPPORTED_SUFFIXES, SourceError, looks_incomplete
from .cells import DATE_ORDERS, due_from_terms, parse_currency
from .containers import column_letters
from .columns import FIELDS, HEADER_SCAN_ROWS, KINDS, header_key
from .generic import column_position, extract_rows
from .invoices import REPEATS
from .tabular import read_rows

_KEYS = {"name", "match_filename", "header_row", "encoding", "date_order", "columns", "kind",
         "currency", "group_headings", "ignore_columns", "open_statuses", "closed_statuses", "terms",
         "repeated_numbers"}


@dataclass(frozen=True)
class Profile:
    """How one export is laid out, as far as the user has said."""

    name: str
    match_filename: str | None = None
    header_row: int | None = None
    encoding: str | None = None
    date_order: str | None = None
    columns: Mapping[str, object] = field(default_factory=dict)  # field -> header text or position
    kind: str | None = None  # "invoices", "balances" or "contacts"; None: the header decides
    currency: str | None = None  # for rows that state none; None: business.currency
    group_headings: bool | None = None  # customers in heading rows; None: when no customer column
    ignore_columns: tuple[str, ...] = ()
    open_statuses: tuple[str, ...] = ()
    closed_statuses: tuple[str, ...] = ()
    terms: str | None = None  # payment terms for rows with neither a due date nor terms ("Net 30")
    repeated_numbers: str | None = None  # one number on several rows: "lines" or "instalments"


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
        position = column_position(text)
        if position is not None and position < 0:
            raise ValueError(f"importer {name!r}: key 'columns.{key}': positions count from 1")
        if position is None and (not isinstance(text, str) or not header_key(text)):
            raise ValueError(f"importer {name!r}: key 'columns.{key}' must be the header text "
                             "or a position (3, or \"column C\")")
    if pattern is None and any(column_position(v) is not None for v in columns.values()):
        raise ValueError(f"importer {name!r}: columns given by position need match_filename to "
                         "say which files they apply to")
    currency = mapping.get("currency")
    if currency is not None:
        try:
            currency = parse_currency(currency) if isinstance(currency, str) else None
        except ValueError:
            currency = None
        if currency is None:
            raise ValueError(f"importer {name!r}: key 'currency' must be a currency code such as "
                             "\"ILS\" or \"USD\"")
    groups = mapping.get("group_headings")
    if groups is not None and not isinstance(groups, bool):
        raise ValueError(f"importer {name!r}: key 'group_headings' must be true or false")
    terms = mapping.get("terms")
    if terms is not None:
        try:
            due_from_terms(dt.date(2026, 1, 1), terms if isinstance(terms, str) else None)
        except (ValueError, TypeError):
            raise ValueError(f"importer {name!r}: key 'terms' must be payment terms such as "
                             '"Net 30" or "שוטף+30"') from None
    repeats = mapping.get("repeated_numbers")
    if repeats is not None and repeats not in REPEATS:
        raise ValueError(f"importer {name!r}: key 'repeated_numbers' must be \"lines\" (one invoice over "
                         "several rows: count it once) or \"instalments\" (each row a part still owed: add them)")
    lists = {}
    for key in ("ignore_columns", "open_statuses", "closed_statuses"):
        value = mapping.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise ValueError(f"importer {name!r}: key {key!r} must be a list of texts")
        lists[key] = tuple(str(v) if isinstance(v, str) else f"column {column_letters(v - 1)}"
                           for v in value)
    return Profile(
        name=str(mapping.get("name", name)),
        match_filename=pattern,
        header_row=header_row,
        encoding=encoding,
        date_order=order,
        columns=dict(columns),
        kind=kind,
        currency=currency,
        group_headings=groups,
        terms=terms,
        repeated_numbers=repeats,
        **lists,
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
        wanted = {header_key(text) for text in self.profile.columns.values()
                  if column_position(text) is None}
        if not wanted:
            return True  # columns by position only: a profile for every file
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
            default_currency=self.profile.currency or self.default_currency,
            kind=self.profile.kind,
            group_headings=self.profile.group_headings,
            ignore_columns=self.profile.ignore_columns,
            open_statuses=self.profile.open_statuses,
            closed_statuses=self.profile.closed_statuses,
            currency_given=self.profile.currency is not None,
            default_terms=self.profile.terms,
            repeated_numbers=self.profile.repeated_numbers,
        )
