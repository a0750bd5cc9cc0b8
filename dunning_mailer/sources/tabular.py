"""Rows out of csv/tsv text files, xlsx/xlsm/xls/ods workbooks, and the HTML tables,
SpreadsheetML and tab-separated text that systems save under a spreadsheet's name.

A row is (1-based row or line number, list of cells). Spreadsheet cells come
back as str, float, int, date, datetime, bool or "" (empty); text files give
only strings.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from .base import SourceError
from .containers import CellError, Sniffed, decode, sniff

Row = tuple[int, list[object]]

TEXT_SUFFIXES = frozenset({".csv", ".tsv"})
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
DELIMITERS = (",", ";", "\t", "|")
T = TypeVar("T")
_parsed: ContextVar[dict | None] = ContextVar("parsed_once", default=None)


@contextmanager
def parsed_once() -> Iterator[None]:
    """While it lasts, a workbook is sniffed, opened and each sheet parsed once, however many
    readers look at it (the bank statement check, then the export's own reader)."""
    if _parsed.get() is not None:
        yield
        return
    token = _parsed.set({})
    try:
        yield
    finally:
        _parsed.reset(token)


def _once(path: Path, what: tuple, make: Callable[[], T]) -> T:
    memo = _parsed.get()
    if memo is None:
        return make()
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, *what)
    if key not in memo:
        memo[key] = make()
    return memo[key]


def sniff_delimiter(text: str, suffix: str = "") -> str:
    """The delimiter that splits most sample lines into the same number of fields."""
    if suffix == ".tsv":
        return "\t"
    sample = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = [len(r) for r in csv.reader(sample, delimiter=delimiter)]
        width, frequency = Counter(widths).most_common(1)[0] if widths else (0, 0)
        score = (frequency if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


class SheetRows(list):
    """A sheet's rows, with the cells whose value cannot be read: {(row, column): what it holds}."""

    unreadable: dict[tuple[int, int], str] = {}


def _sheet(rows, unreadable=None) -> SheetRows:
    found = SheetRows(rows)
    if unreadable:
        found.unreadable = unreadable
    return found


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror}", where=str(path)) from None


def _text_rows(path: Path, data: bytes, encoding: str | None) -> Iterator[Row]:
    text = decode(data, path, encoding)
    delimiter = sniff_delimiter(text, path.suffix.lower())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for cells in reader:
            yield line, list(cells)
            line = reader.line_num + 1
    except csv.Error as error:
        raise SourceError(f"line {line}: {error}", where=str(path)) from None


def _with_errors(rows: list, unreadable: dict[tuple[int, int], str]) -> list:
    """Rows whose unreadable cells (read as empty by calamine) say what they hold instead."""
    for (row, column), what in unreadable.items():
        if 1 <= row <= len(rows):
            cells = rows[row - 1]
            if column >= len(cells):
                cells.extend([""] * (column + 1 - len(cells)))
            cells[column] = CellError(what)
    return rows


def _spreadsheet_sheets(path: Path, unreadable: dict) -> Iterator[tuple[str, list[Row]]]:
    # Imported here so csv-only use does not need the native wheel loaded.
    import python_calamine

    try:
        workbook = _once(path, ("workbook",), lambda: python_calamine.CalamineWorkbook.from_path(str(path)))
        visible = python_calamine.SheetVisibleEnum.Visible
        hidden = {m.name for m in workbook.sheets_metadata if m.visible != visible}
        for index, name in enumerate(workbook.sheet_names):
            if name in hidden:
                continue  # never parsed
            errors = unreadable.get(name)

            def parse(index=index, errors=errors) -> SheetRows:
                rows = workbook.get_sheet_by_index(index).to_python(skip_empty_area=False)
                if errors:
                    rows = _with_errors(rows, errors)
                # calamine gives a fresh list per row: numbered, not copied.
                return _sheet(enumerate(rows, start=1), errors)

            sheet = _once(path, ("sheet", index), parse)
            if any(any(cell not in ("", None) for cell in row) for _, row in sheet):
                yield name, sheet
    except SourceError:
        raise
    except Exception as error:  # calamine raises several unrelated types
        message = str(error)
        if "password" in message.lower() or "encrypt" in message.lower():
            reason = "it is password-protected; save it without a password"
        else:
            reason = "is it corrupt or still being written?"
        raise SourceError(
            f"cannot read the workbook ({type(error).__name__}: {error}); {reason}",
            where=str(path),
        ) from None


def _head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(size)
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror}", where=str(path)) from None


def container(path: Path) -> Sniffed:
    """What the file really is (see containers.sniff), by its content."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror}", where=str(path)) from None
    return _once(path, ("sniff",), lambda: sniff(path, _head(path, 4096), size))


def sheets(path: Path, encoding: str | None = None) -> Iterator[tuple[str, list[Row]]]:
    """The rows of a text file, or of each visible non-empty sheet of a workbook in order, each
    sheet parsed only when the caller asks for it. The content decides how the file is read,
    never its name alone."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | SPREADSHEET_SUFFIXES:
        raise SourceError(f"unsupported file type {suffix or '(none)'!r}", where=str(path))
    found = container(path)
    if found.kind in ("xlsx", "ods", "xls"):
        yield from _spreadsheet_sheets(path, found.unreadable)
    elif found.kind == "html":
        from .markup import html_rows

        yield "", _sheet(html_rows(path, _read(path), encoding))
    elif found.kind == "spreadsheetml":
        from .markup import spreadsheetml_sheets

        for name, rows in spreadsheetml_sheets(path, _read(path)):
            yield name, _sheet(rows, {(n, c): str(v) for n, cells in rows
                                      for c, v in enumerate(cells) if type(v) is CellError})
    else:
        yield "", _sheet(_text_rows(path, _read(path), encoding))


def read_rows(path: Path, encoding: str | None = None) -> list[Row]:
    """All rows of a text file or of a workbook's first non-empty visible sheet."""
    return next(sheets(path, encoding), ("", []))[1]
