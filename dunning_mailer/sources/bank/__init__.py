"""Bank statements dropped beside the exports, recognised by their content: Israeli banks'
account downloads (tables), and OFX/QFX, MT940 and CAMT.053. `read_invoices` asks this importer
first; what it reads is a StatementResult (kind "bank_statement") whose `lines` the ledger stores
and the payments matcher weighs."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from ...model import ImportResult
from ...payments import BankLine
from ..base import SUPPORTED_SUFFIXES, SourceError, looks_incomplete
from .containers import head, is_html, is_spreadsheet_ml, statement_sheets
from .standards import READERS, kind_of
from .tables import account_in, bank_of, find_header, is_pending, read_lines

# Standard statement files; the Israeli downloads come as the export suffixes.
STATEMENT_SUFFIXES = frozenset({".ofx", ".qfx", ".sta", ".mt940", ".940"})
BANK_SUFFIXES = STATEMENT_SUFFIXES | {".xml", ".txt"}   # .xml and .txt only when the content is a statement


def is_statement_file(path: Path) -> bool:
    """A file the drop folder takes as a statement by its name, or (.xml, .txt) by its first bytes."""
    suffix = path.suffix.lower()
    if suffix in STATEMENT_SUFFIXES:
        return True
    try:
        return suffix in BANK_SUFFIXES and kind_of(path) is not None
    except SourceError:
        return False

# Words every Israeli download's header has (in one spelling or another): a cheap first look
# before a workbook is parsed, so an invoice export is not read twice.
_HINTS = ("זכות", "חובה", "credit", "debit", "amount", "סכום")
_ALSO = ("יתרה", "אסמכת", "ערך", "balance", "reference")


@dataclass(frozen=True)
class StatementResult(ImportResult):
    """What a bank statement holds: its movements (credits positive), the account, and the
    columns it did not use."""

    lines: tuple[BankLine, ...] = ()
    account: str = ""
    unused_columns: tuple[str, ...] = ()

    @property
    def credits(self) -> tuple[BankLine, ...]:
        return tuple(line for line in self.lines if line.amount > 0)


def _sniff_text(path: Path) -> str:
    """Enough of the file's text to see whether its header could be a bank's."""
    data = head(path, 262144)
    suffix = path.suffix.lower()
    if is_html(data) or is_spreadsheet_ml(data) or suffix in (".csv", ".tsv", ".txt"):
        for encoding in ("utf-8", "cp1255", "utf-16"):
            try:
                return data.decode(encoding, errors="strict" if encoding != "utf-16" else "ignore")
            except UnicodeDecodeError:
                continue
        return ""
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(path) as book:
                names = book.namelist()
                for member in ("xl/sharedStrings.xml", "content.xml", "xl/worksheets/sheet1.xml"):
                    if member in names:
                        with book.open(member) as stream:
                            return stream.read(262144).decode("utf-8", "ignore")
        except (zipfile.BadZipFile, OSError):
            return ""
        return ""
    # An old binary workbook keeps Hebrew text as UTF-16.
    return data.decode("utf-16-le", "ignore") + data.decode("latin-1")


class BankStatementImporter:
    """Claims a file whose content is a bank statement; reads it into a StatementResult."""

    name = "bank"

    def __init__(self, default_currency: str = "ILS"):
        self.default_currency = default_currency
        self._read: dict[tuple, StatementResult] = {}

    def identify(self, path: Path) -> bool:
        try:
            return self._identify(Path(path))
        except Exception:   # whatever this file is, it is not a statement we can read: the exports' readers say why
            return False

    def _identify(self, path: Path) -> bool:
        suffix = path.suffix.lower()
        if looks_incomplete(path) or suffix not in SUPPORTED_SUFFIXES | BANK_SUFFIXES:
            return False
        if kind_of(path):
            return True
        text = _sniff_text(path).lower()
        if not (any(w in text for w in _HINTS) and any(w in text for w in _ALSO)):
            return False
        result = self._tables(path)
        if result is None:
            return False
        self._read[self._key(path)] = result
        return True

    def extract(self, path: Path) -> StatementResult:
        path = Path(path)
        if (cached := self._read.pop(self._key(path), None)) is not None:
            return cached
        kind = kind_of(path)
        if kind:
            lines, account, warnings = READERS[kind](path, self.default_currency)
            return StatementResult(importer=f"bank:{kind}", invoices=(), warnings=tuple(warnings),
                                   kind="bank_statement", lines=tuple(lines), account=account)
        result = self._tables(path)
        if result is None:
            raise SourceError("no table of bank movements found (a header with a date, a description and "
                              "debit/credit or amount columns)", where=str(path))
        return result

    @staticmethod
    def _key(path: Path) -> tuple:
        stat = path.stat()
        return (str(path.resolve()), stat.st_size, stat.st_mtime_ns)

    def _tables(self, path: Path) -> StatementResult | None:
        before = []   # title text: rows above the header, and tables before it (a page's account box)
        for sheet, rows in statement_sheets(path):
            if is_pending(sheet):
                continue
            header = find_header(rows)
            if header is None:
                before += [" ".join(str(c) for c in cells if c not in ("", None)) for _, cells in rows[:40]]
                continue
            title = " ".join(before + [" ".join(str(c) for c in cells if c not in ("", None))
                                       for n, cells in rows if n < header.row])
            where = path.name + (f" sheet {sheet!r}" if sheet and not sheet.startswith("table") else "")
            account = account_in(title)
            lines, warnings = read_lines(rows, header, where=where, account=account,
                                         currency=self.default_currency)
            if not lines:
                warnings.append(f"{where}: the table of movements under row {header.row} is empty")
            return StatementResult(
                importer=f"bank:{bank_of(title + ' ' + path.name, header)}", invoices=(), header_row=header.row,
                columns=header.texts, warnings=tuple(warnings), kind="bank_statement", lines=tuple(lines),
                account=account, unused_columns=tuple(header.unused))
        return None
