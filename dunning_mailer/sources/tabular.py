"""Rows out of csv/tsv text files and xlsx/xlsm/xls/ods workbooks.

A row is (1-based row or line number, list of cells). Spreadsheet cells come
back as str, float, int, date, datetime, bool or "" (empty); text files give
only strings.
"""
from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from pathlib import Path
from typing import Iterator

from .base import SourceError

Row = tuple[int, list[object]]

TEXT_SUFFIXES = frozenset({".csv", ".tsv"})
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
DELIMITERS = (",", ";", "\t", "|")


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Text of a file: the stated encoding, else UTF-8 (BOM or not), else Windows-1255.

    Each attempt is strict, so a wrong guess fails instead of producing mojibake.
    """
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise SourceError(
                f"cannot decode the file as {encoding!r} ({error}); fix `encoding` "
                "in its [[importer]] profile",
                where=str(path),
            ) from None
    # Excel's "Unicode text" export is UTF-16 with a BOM.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    for candidate in ("utf-8-sig", "cp1255"):
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise SourceError(
        "the file is neither UTF-8 nor Windows-1255; set `encoding` in an "
        "[[importer]] profile for it",
        where=str(path),
    )


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


def _text_rows(path: Path, encoding: str | None) -> Iterator[Row]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror}", where=str(path)) from None
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


def _spreadsheet_sheets(path: Path) -> Iterator[tuple[str, list[Row]]]:
    # Imported here so csv-only use does not need the native wheel loaded.
    import python_calamine

    head = _head(path, 512).lstrip()
    if head[:1] == b"<":
        raise SourceError(
            "this is an HTML page saved with a spreadsheet name; open it in Excel "
            "or LibreOffice and save it as .xlsx",
            where=str(path),
        )
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        visible = python_calamine.SheetVisibleEnum.Visible
        hidden = {m.name for m in workbook.sheets_metadata if m.visible != visible}
        for index, name in enumerate(workbook.sheet_names):
            if name in hidden:
                continue  # never parsed
            rows = workbook.get_sheet_by_index(index).to_python(skip_empty_area=False)
            if any(any(cell not in ("", None) for cell in row) for row in rows):
                # calamine gives a fresh list per row: numbered, not copied.
                yield name, list(enumerate(rows, start=1))
    except SourceError:
        raise
    except Exception as error:  # calamine raises several unrelated types
        raise SourceError(
            f"cannot read the workbook ({type(error).__name__}: {error}); is it "
            "password-protected, corrupt or still being written?",
            where=str(path),
        ) from None


def _head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(size)
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror}", where=str(path)) from None


def sheets(path: Path, encoding: str | None = None) -> Iterator[tuple[str, list[Row]]]:
    """The rows of a text file, or of each visible non-empty sheet of a workbook in order, each
    sheet parsed only when the caller asks for it."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield "", list(_text_rows(path, encoding))
    elif suffix in SPREADSHEET_SUFFIXES:
        yield from _spreadsheet_sheets(path)
    else:
        raise SourceError(f"unsupported file type {suffix or '(none)'!r}", where=str(path))


def read_rows(path: Path, encoding: str | None = None) -> list[Row]:
    """All rows of a text file or of a workbook's first non-empty visible sheet."""
    return next(sheets(path, encoding), ("", []))[1]
