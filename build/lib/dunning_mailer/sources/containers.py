"""What a dropped file really is, whatever its name says, and the limits checked before a parser
sees it.

Israeli "Excel" exports are often not Excel: an HTML table saved as `.xls` (Windows-1255, a
meta charset or UTF-8), SpreadsheetML 2003 XML saved as `.xls`, or UTF-16/UTF-8 tab-separated
text saved as `.xls`. The first bytes decide: a zip is an xlsx or ods, an OLE file a real BIFF
`.xls`, markup an HTML table or SpreadsheetML, anything else delimited text.

A spreadsheet's parser (calamine, native code) aborts the whole process when a sheet claims
billions of cells, so zip members are checked against their declared sizes and compression
ratio, and every xlsx sheet is scanned for its last row and column before it is parsed. The
same scan finds the cells whose value cannot be read (`#VALUE!`, a formula without a saved
value), which calamine would hand back as empty.
"""
from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .base import SourceError

MAX_FILE_BYTES = 256 << 20  # any dropped file
MAX_MARKUP_BYTES = 64 << 20  # HTML and SpreadsheetML are parsed in Python
MAX_UNPACKED_BYTES = 1 << 30  # all members of an xlsx/ods together, as declared
MAX_RATIO = 200  # uncompressed / compressed, for members larger than RATIO_FLOOR
RATIO_FLOOR = 16 << 20
MAX_ROWS = 1_048_576
MAX_COLUMNS = 1_000
MAX_CELLS = 40_000_000  # rows x columns of the grid a parser would allocate

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SPREADSHEETML = b"urn:schemas-microsoft-com:office:spreadsheet"


class CellError(str):
    """A cell whose value cannot be read: an error (`#VALUE!`) or a formula never calculated.
    Its text says which; every parser refuses it."""


@dataclass
class Sniffed:
    kind: str  # "xlsx", "ods", "xls", "html", "spreadsheetml", "text"
    unreadable: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    # sheet name -> {(1-based row, 0-based column): what the cell holds}


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


def _refuse(path: Path, message: str) -> SourceError:
    return SourceError(message, where=str(path))


def sniff(path: Path, head: bytes, size: int) -> Sniffed:
    """The file's real container, after the limits that protect the parsers."""
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"the file is {size >> 20} MB, more than the {MAX_FILE_BYTES >> 20} MB "
                      "an export can be; is it the right file?")
    if head.startswith(ZIP_MAGIC):
        return _zip(path)
    if head.startswith(OLE_MAGIC):
        return Sniffed("xls")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore").lstrip("\ufeff \t\r\n").encode("utf-8", "ignore")
    if text[:1] == b"<":
        if size > MAX_MARKUP_BYTES:
            raise _refuse(path, f"the file is {size >> 20} MB of markup, more than the "
                          f"{MAX_MARKUP_BYTES >> 20} MB that can be read; export it as .xlsx")
        lowered = text.lower()
        if SPREADSHEETML in text or b"<?mso-application" in lowered or b"<workbook" in lowered:
            return Sniffed("spreadsheetml")
        return Sniffed("html")
    return Sniffed("text")


def _zip(path: Path) -> Sniffed:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise _refuse(path, f"the file is a damaged or incomplete zip archive ({error}); export it "
                      "again") from None
    with archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        total = sum(m.file_size for m in members)
        if total > MAX_UNPACKED_BYTES:
            raise _refuse(path, f"the workbook would unpack to {total >> 20} MB, more than the "
                          f"{MAX_UNPACKED_BYTES >> 20} MB a real export needs; it was not opened")
        for member in members:
            if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise _refuse(path, f"part {member.filename!r} of the workbook is compressed "
                              f"{member.file_size // max(member.compress_size, 1)} times, as only "
                              "a zip bomb is; it was not opened")
        if "xl/workbook.xml" in names:
            return Sniffed("xlsx", _xlsx_sheets(path, archive, names))
        if "content.xml" in names:
            _check_ods(path, archive)
            return Sniffed("ods")
        if "EncryptedPackage" in names:
            raise _refuse(path, "the workbook is password-protected; save it without a password")
    raise _refuse(path, "the file is a zip archive but not a spreadsheet (no xlsx or ods inside)")


_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_SHEET_ALT = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_ALT = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


def _unescape(raw: bytes) -> str:
    from html import unescape

    return unescape(raw.decode("utf-8", errors="replace"))


def _sheet_members(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """member name -> sheet name, for every worksheet of an xlsx."""
    book = archive.read("xl/workbook.xml") if archive.getinfo("xl/workbook.xml").file_size < (8 << 20) else b""
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = archive.read(rels_name) if rels_name in names else b""
    targets = {i: t for i, t in _REL.findall(rels)} | {i: t for t, i in _REL_ALT.findall(rels)}
    found: dict[str, str] = {}
    sheets = [(n, i) for n, i in _SHEET.findall(book)] + [(n, i) for i, n in _SHEET_ALT.findall(book)]
    for name, rid in sheets:
        target = targets.get(rid)
        if target is None:
            continue
        text = target.decode("utf-8", errors="replace")
        member = text.lstrip("/") if text.startswith("/") else str(PurePosixPath("xl") / text)
        found.setdefault(member, _unescape(name))
    for member in names:  # worksheets the workbook does not list still get checked
        if member.startswith("xl/worksheets/") and member.endswith(".xml"):
            found.setdefault(member, "")
    return found


_LETTERS = re.compile(rb'c r="([A-Z][A-Z]+)\d')  # columns past Z; no optional prefix: fast
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c r="([A-Z]+)(\d+)"[^>]*?\bt="e"[^>]*>(?:<(?:\w+:)?f[^>]*(?:/>|>.*?</(?:\w+:)?f>))?'
                         rb'(?:<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>)?')
_UNCACHED = re.compile(rb'<(?:\w+:)?c r="([A-Z]+)(\d+)"[^>]*>'
                       rb'(<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>))(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v></(?:\w+:)?v>)?'
                       rb'</(?:\w+:)?c>')
_CHUNK = 1 << 20
_OVERLAP = 4096


def column_number(letters: str) -> int:
    """1 for A, 27 for AA."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(index: int) -> str:
    """A for 0, AA for 26."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx_sheets(path: Path, archive: zipfile.ZipFile, names: set[str]) -> dict:
    unreadable: dict[str, dict[tuple[int, int], str]] = {}
    for member, sheet in _sheet_members(archive, names).items():
        if member not in names:
            continue
        cells = _scan_sheet(path, archive, member, sheet or member)
        if cells:
            unreadable[sheet] = cells
    return unreadable


def _scan_sheet(path: Path, archive: zipfile.ZipFile, member: str, label: str) -> dict:
    """The sheet's unreadable cells; SourceError when it is larger than a parser can hold.

    Streams the member once: its last row number, its widest column reference, and (only
    where the text has formulas or errors) the cells whose value is missing."""
    info = archive.getinfo(member)
    max_row = max_col = 0
    unreadable: dict[tuple[int, int], str] = {}
    carry = b""
    read = 0
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                read += len(chunk)
                if read > info.file_size + _CHUNK or read > MAX_UNPACKED_BYTES:
                    raise _refuse(path, f"sheet {label!r} unpacks to more than its declared "
                                  f"{info.file_size >> 20} MB; it was not opened")
                text = carry + chunk
                at = text.rfind(b"<row ")
                if at < 0:
                    at = text.rfind(b":row ")
                if at >= 0:
                    found = _ROW.match(text, at) or _ROW.match(text, text.rfind(b"<", 0, at + 1))
                    if found:
                        max_row = max(max_row, int(found.group(1)))
                for letters in set(_LETTERS.findall(text)):
                    max_col = max(max_col, column_number(letters.decode()))
                if b't="e"' in text:
                    for col, row, value in _ERROR_CELL.findall(text):
                        unreadable[(int(row), column_number(col.decode()) - 1)] = (
                            value.decode("utf-8", "replace") or "#ERROR")
                # A formula element needs an "f": one memchr over the chunk, then the exact test.
                if b"f" in text and (b"<f" in text or b":f>" in text or b":f " in text):
                    for col, row, _formula in _UNCACHED.findall(text):
                        unreadable[(int(row), column_number(col.decode()) - 1)] = \
                            "a formula with no saved value"
                carry = text[-_OVERLAP:]
                if max_row > MAX_ROWS or max_col > MAX_COLUMNS or max_row * max(max_col, 26) > MAX_CELLS:
                    break
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise _refuse(path, f"sheet {label!r} is damaged ({error}); export the file again") from None
    if max_row > MAX_ROWS or max_col > MAX_COLUMNS or max_row * max(max_col, 26) > MAX_CELLS:
        raise _refuse(path, f"sheet {label!r} reaches row {max_row} and column "
                      f"{column_letters(max(max_col, 1) - 1)}, beyond what an export holds "
                      f"(at most {MAX_ROWS} rows and {MAX_COLUMNS} columns); it was not opened")
    return unreadable


_REPEAT_ROWS = re.compile(rb'number-rows-repeated="(\d+)"')
_REPEAT_COLUMNS = re.compile(rb'number-columns-repeated="(\d+)"[^>]*office:value-type'
                             rb'|office:value-type[^>]*number-columns-repeated="(\d+)"')


def _check_ods(path: Path, archive: zipfile.ZipFile) -> None:
    """An ods whose cells with values repeat beyond the caps (empty repeats are normal)."""
    with archive.open("content.xml") as stream:
        carry = b""
        while chunk := stream.read(_CHUNK):
            text = carry + chunk
            for a, b in _REPEAT_COLUMNS.findall(text):
                if int(a or b) > MAX_COLUMNS:
                    raise _refuse(path, f"a cell with a value repeats across {int(a or b)} columns, "
                                  "beyond what an export holds; it was not opened")
            for found in _REPEAT_ROWS.finditer(text):
                if int(found.group(1)) > MAX_ROWS:
                    raise _refuse(path, "the sheet repeats a row more times than a sheet has rows; "
                                  "it was not opened")
                if int(found.group(1)) > 10_000:
                    end = text.find(b"table-row>", found.end())
                    row = text[found.end(): end if end > 0 else found.end() + 4096]
                    if b"office:value-type" in row:
                        raise _refuse(path, f"a row with values repeats {int(found.group(1))} times, "
                                      "beyond what an export holds; it was not opened")
            carry = text[-_OVERLAP:]
