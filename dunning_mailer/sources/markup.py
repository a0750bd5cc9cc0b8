"""Rows out of the markup that accounting systems save under a spreadsheet's name: HTML tables
(the ".xls" of many Israeli systems) and SpreadsheetML 2003 XML. Both are read with the
standard library's parsers; cells come back as text, as in a csv, except SpreadsheetML's typed
numbers and dates.
"""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from .base import SourceError
from .containers import MAX_COLUMNS, MAX_ROWS, CellError, decode

Row = tuple[int, list[object]]

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\n\f]+")  # HTML whitespace; a no-break space is text
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)


def decode_markup(data: bytes, path: Path, encoding: str | None) -> str:
    """The markup's text: a profile's encoding, a BOM, the declared charset, else UTF-8, else
    Windows-1255 (each strict, so a wrong guess fails instead of producing mojibake)."""
    if encoding or data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return decode(data, path, encoding)
    declared = _CHARSET.search(data[:4096]) or _XML_ENCODING.search(data[:512])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = {"windows-1255": "cp1255", "iso-8859-8-i": "iso-8859-8"}.get(name, name)
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: the usual guesses below
    return decode(data, path, None)


def _span(value: str | None, limit: int) -> int:
    value = (value or "1").strip()
    return max(1, min(int(value), limit)) if value.isdigit() else 1


class _Tables(HTMLParser):
    """Every <tr> of every table, in order; colspan repeats nothing (the cells after it shift,
    as Excel shows them), a rowspan leaves its columns empty on the rows below it (a two-level
    header's "מס' לקוח" beside "סכומים" over "סה"כ", "יתרה"), a <br> is a line break."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[object]] = []
        self.row: list[object] | None = None
        self.cell: list[str] | None = None
        self.span = 1
        self.down = 1  # the open cell's rowspan
        self.tables = 0
        self.above: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
        self.started: dict[int, int] = {}  # the rowspans this row starts

    def _skip_covered(self):
        while self.row is not None and len(self.row) in self.above:
            self.row.append("")

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables += 1
            self._end_row()
            self.above = {}
        elif tag == "tr":
            self._end_row()
            self.row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = []
            self._skip_covered()
            self.cell = []
            found = dict(attrs)
            self.span = _span(found.get("colspan"), MAX_COLUMNS)
            self.down = _span(found.get("rowspan"), MAX_ROWS)
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_row()

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(_SPACES.sub(" ", data))

    def _end_cell(self):
        if self.cell is not None and self.row is not None:
            lines = "".join(self.cell).split("\n")
            first = len(self.row)
            self.row.append("\n".join(line.strip() for line in lines).strip())
            self.row.extend([""] * (self.span - 1))
            if len(self.row) > MAX_COLUMNS:
                raise ValueError(f"a row has more than {MAX_COLUMNS} cells")
            if self.down > 1:
                self.started.update(dict.fromkeys(range(first, first + self.span), self.down - 1))
            self._skip_covered()
        self.cell, self.span, self.down = None, 1, 1

    def _end_row(self):
        self._end_cell()
        if self.row is not None:
            self.rows.append(self.row)
            if len(self.rows) > MAX_ROWS:
                raise ValueError(f"more than {MAX_ROWS} rows")
            self.above = {c: n - 1 for c, n in self.above.items() if n > 1}
            self.above.update(self.started)
        self.started = {}
        self.row = None


def html_rows(path: Path, data: bytes, encoding: str | None) -> list[Row]:
    text = decode_markup(data, path, encoding)
    parser = _Tables()
    try:
        parser.feed(text)
        parser.close()
    except ValueError as error:
        raise SourceError(f"the HTML table is too large to be an export ({error})", where=str(path)) from None
    if not parser.tables:
        raise SourceError(
            "this is an HTML page with no table in it, saved with a spreadsheet name; export the "
            "report again as Excel (.xlsx) or csv",
            where=str(path),
        )
    return list(enumerate(parser.rows, start=1))


_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _ss(element: ET.Element, name: str) -> str | None:
    return element.get(_SS + name)


def _typed(data: ET.Element | None, formula: str | None) -> object:
    if data is None:
        return CellError("a formula with no saved value") if formula else ""
    text = "".join(data.itertext())
    kind = _ss(data, "Type") or "String"
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if kind == "DateTime":
        try:
            stamp = dt.datetime.fromisoformat(text[:19])
        except ValueError:
            return text
        return stamp.date() if stamp.time() == dt.time(0) else stamp
    if kind == "Boolean":
        return text.strip() == "1"
    if kind == "Error":
        return CellError(text or "#ERROR")
    return text


def spreadsheetml_sheets(path: Path, data: bytes) -> list[tuple[str, list[Row]]]:
    """(name, rows) of each worksheet with something in it."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise SourceError(f"the SpreadsheetML file is damaged ({error}); export it again",
                          where=str(path)) from None
    found = []
    for sheet in root.iter(_SS + "Worksheet"):
        rows: list[Row] = []
        number = 0
        for row in sheet.iter(_SS + "Row"):
            index = _ss(row, "Index")
            number = int(index) if index and index.isdigit() else number + 1
            if number > MAX_ROWS:
                raise SourceError(f"sheet {_ss(sheet, 'Name')!r} goes past row {MAX_ROWS}; it was "
                                  "not read", where=str(path))
            cells: list[object] = []
            for cell in row.iter(_SS + "Cell"):
                at = _ss(cell, "Index")
                if at and at.isdigit():
                    cells.extend([""] * (int(at) - 1 - len(cells)))
                cells.append(_typed(cell.find(_SS + "Data"), _ss(cell, "Formula")))
                across = _ss(cell, "MergeAcross")
                if across and across.isdigit():
                    cells.extend([""] * int(across))
                if len(cells) > MAX_COLUMNS:
                    raise SourceError(f"sheet {_ss(sheet, 'Name')!r} has a row wider than "
                                      f"{MAX_COLUMNS} columns; it was not read", where=str(path))
            rows.append((number, cells))
        if any(any(c not in ("", None) for c in cells) for _, cells in rows):
            found.append((_ss(sheet, "Name") or "", rows))
    return found
