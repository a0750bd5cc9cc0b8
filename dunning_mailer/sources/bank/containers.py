"""The rows of a bank download, whatever it was saved as: an HTML table with an .xls name (in
UTF-8, Windows-1255 or ISO-8859-8), Excel's XML spreadsheet (SpreadsheetML) with an .xls name,
a CSV (BOM or not) or a real workbook.

Small on purpose: the exports reader is learning the same containers; when it reads HTML-as-xls
by content, these fold into it (see sources/tabular.py)."""
from __future__ import annotations

import codecs
import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

from ..base import SourceError
from ..tabular import Row, decode, sheets, sniff_delimiter

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def head(path: Path, size: int = 65536) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(size)
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror}", where=str(path)) from None


def is_spreadsheet_ml(data: bytes) -> bool:
    return b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]


def spreadsheet_ml(path: Path) -> list[tuple[str, list[Row]]]:
    """Each Worksheet of an Excel 2003 XML file: Table/Row/Cell/Data, with ss:Index (a skipped
    cell) and ss:MergeAcross (a wide one) kept in place."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise SourceError(f"not readable XML: {error}", where=str(path)) from None
    ss = "{urn:schemas-microsoft-com:office:spreadsheet}"
    out = []
    for sheet in root.iter(f"{ss}Worksheet"):
        rows: list[Row] = []
        number = 0
        for row in sheet.iter(f"{ss}Row"):
            number = int(row.get(f"{ss}Index", number + 1))
            cells: list[object] = []
            for cell in row.iter(f"{ss}Cell"):
                if index := cell.get(f"{ss}Index"):
                    cells += [""] * (int(index) - 1 - len(cells))
                data = cell.find(f"{ss}Data")
                text = "".join(data.itertext()) if data is not None else ""
                cells.append(" ".join(text.split()))
                cells += [""] * int(cell.get(f"{ss}MergeAcross", 0))
            rows.append((number, cells))
        out.append((sheet.get(f"{ss}Name", ""), rows))
    return out


def is_html(data: bytes) -> bool:
    start = data.lstrip(codecs.BOM_UTF8).lstrip()[:512].lower()
    return start.startswith((b"<", b"\xef\xbb\xbf<")) and (b"<table" in data[:65536].lower() or b"<html" in start)


def html_text(data: bytes, path: Path) -> str:
    """An HTML page's text in the charset it declares, else UTF-8, else Windows-1255."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        name = {"iso-8859-8-i": "iso-8859-8", "windows-1255": "cp1255", "visual": "iso-8859-8"}.get(name, name)
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, path)


class _Tables(HTMLParser):
    """Every <table> as rows of cell texts; a colspan leaves empty cells after its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._stack: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._stack.append([])
        elif tag == "tr" and self._stack:
            self._stack[-1].append([])
        elif tag in ("td", "th") and self._stack:
            if not self._stack[-1]:
                self._stack[-1].append([])
            self._cell = []
            try:
                self._span = max(1, min(int(dict(attrs).get("colspan") or 1), 50))
            except ValueError:
                self._span = 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._stack:
            self._stack[-1][-1].extend([" ".join("".join(self._cell).split())] + [""] * (self._span - 1))
            self._cell = None
        elif tag == "table" and self._stack:
            self.tables.append(self._stack.pop())

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_tables(path: Path) -> list[tuple[str, list[Row]]]:
    data = path.read_bytes()
    parser = _Tables()
    parser.feed(html_text(data, path))
    parser.close()
    while parser._stack:  # an unclosed table still counts
        parser.tables.append(parser._stack.pop())
    out = []
    for n, table in enumerate(parser.tables, start=1):
        rows = [(i, list(cells)) for i, cells in enumerate(table, start=1) if cells]
        if rows:
            out.append((f"table {n}", rows))
    return out


def text_rows(path: Path) -> list[Row]:
    text = decode(path.read_bytes(), path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text, path.suffix.lower()))
    try:
        return [(n, list(cells)) for n, cells in enumerate(reader, start=1)]
    except csv.Error as error:
        raise SourceError(f"cannot read the text: {error}", where=str(path)) from None


def statement_sheets(path: Path) -> Iterator[tuple[str, list[Row]]]:
    """(name, rows) of each table a bank download holds, in order."""
    data = head(path)
    if is_spreadsheet_ml(data):
        yield from spreadsheet_ml(path)
    elif is_html(data):
        yield from html_tables(path)
    elif path.suffix.lower() in (".csv", ".tsv", ".txt"):
        yield "", text_rows(path)
    else:
        yield from sheets(path)
