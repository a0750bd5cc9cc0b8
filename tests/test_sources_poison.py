"""Poison files in a real drop folder beside a good export (issue 13, items 1 and 3).

A zip bomb named .xlsx, a tiny workbook whose one far cell would make the spreadsheet parser
allocate half a terabyte (it aborts the process), and an export whose balance cell holds
#VALUE! or a formula never calculated: each is rejected with a plain report; the good export
beside it is imported and its reminders go out, in that run and the next; no invoice of the
poisoned source is closed as paid.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from books import HEADERS_HE, book, write_xlsx
from conftest import D, run_cli
from dunning_mailer.sources import SourceError, read_invoices

_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
         '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
         '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
              'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
              'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def _workbook(path: Path, sheet: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _BOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def zip_bomb(path: Path) -> Path:
    """A 100 KB .xlsx whose sheet unpacks to 96 MB of nothing."""
    padding = b" " * (96 << 20)
    return _workbook(path, b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                           b'spreadsheetml/2006/main"><sheetData>' + padding + b"</sheetData></worksheet>")


def far_cell(path: Path) -> Path:
    """A 1.5 KB .xlsx with a cell in A1 and one in XFD1048576: a dense grid of 17 billion cells."""
    return _workbook(path, b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                           b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
                           b'<t>x</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
                           b'</sheetData></worksheet>')


def _old(path: Path) -> Path:
    """Copied in ten minutes ago: not a file still arriving (cycle/imports.py SETTLE_SECONDS)."""
    then = time.time() - 600
    os.utime(path, (then, then))
    return path


def _run(workdir: Path, now: dt.datetime):
    return run_cli("run", "--config", str(workdir / "config.toml"), "--now", now.isoformat())


def _outbox(workdir: Path) -> list[Path]:
    return sorted((workdir / "outbox").glob("*.eml"))


def _stages_sent(workdir: Path) -> set[str]:
    history = json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)
    return {item["stage"] for item in history["items"] if item["kind"] == "email"}


def _open_numbers(workdir: Path) -> set[str]:
    status = json.loads(run_cli("status", "--config", str(workdir / "config.toml"), "--json").stdout)
    return {i["number"] for c in status["customers"] for i in c["invoices"]}


@pytest.mark.parametrize("make", [zip_bomb, far_cell], ids=["zip-bomb", "far-cell"])
def test_a_spreadsheet_bomb_is_rejected_and_the_good_export_beside_it_goes_out(workdir: Path, make):
    drop = workdir / "drop"
    write_xlsx(drop / "open-2026-11-30.xlsx", book(D.date()))
    _old(make(drop / "scan-2026-11-30.xlsx"))

    first = _run(workdir, D)
    assert first.returncode == 1, first.stderr  # something needs a person: the bad file
    assert "scan-2026-11-30.xlsx" in first.stderr and "Traceback" not in first.stderr
    sent = _outbox(workdir)
    assert sent  # the good export's reminders went out in the same run
    rejected = workdir / "drop" / "rejected"
    [report] = rejected.glob("*.error.txt")
    text = report.read_text(encoding="utf-8")
    assert "scan-2026-11-30.xlsx" in text and "was not opened" in text
    assert any(p.name.endswith("open-2026-11-30.xlsx") for p in (drop / "processed").iterdir())

    # The next run: nothing blocked, the ladder goes on.
    later = D + dt.timedelta(days=7)
    second = _run(workdir, later)
    assert second.returncode == 0, second.stderr
    assert len(_outbox(workdir)) > len(sent)


def test_the_bombs_are_source_errors_not_crashes(tmp_path: Path):
    for make in (zip_bomb, far_cell):
        with pytest.raises(SourceError, match="was not opened"):
            read_invoices(make(tmp_path / f"{make.__name__}.xlsx"))


def _unreadable_export(path: Path, snapshot: dt.date, how: str) -> Path:
    """The book's export with the balance of invoice 2026-0100 unreadable."""
    rows = book(snapshot)
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS_HE)
    for r in rows:
        ws.append([r.customer_id, r.name, r.email, r.number, r.due - dt.timedelta(days=30), r.due,
                   float(r.amount), float(r.balance), r.currency])
    target = ws.cell(row=2, column=8)  # the first invoice's balance
    if how == "error":
        target.value, target.data_type = "#VALUE!", "e"
    else:
        target.value = "=G2-#REF!"  # openpyxl saves formulas without a calculated value
    wb.save(path)
    return path


@pytest.mark.parametrize("how", ["error", "formula"])
def test_an_unreadable_balance_holds_the_file_and_closes_nothing(workdir: Path, how):
    drop = workdir / "drop"
    (drop / "erp").mkdir()
    yesterday = D.date() - dt.timedelta(days=1)
    write_xlsx(drop / "erp" / f"open-{yesterday}.xlsx", book(yesterday))
    assert _run(workdir, D - dt.timedelta(days=1)).returncode == 0
    before = _open_numbers(workdir)
    assert "2026-0100" in before

    # The next export of that source has one balance that cannot be read; a good export of
    # another source sits beside it.
    _old(_unreadable_export(drop / "erp" / f"open-{D.date()}.xlsx", D.date(), how))
    write_xlsx(drop / "other-2026-11-30.xlsx", [replace(r, customer_id=f"9{r.customer_id}", number=f"X{r.number}")
                                                for r in book(D.date())])
    result = _run(workdir, D)
    assert result.returncode == 1
    assert "row 2" in result.stderr and "Traceback" not in result.stderr
    [report] = (drop / "rejected").glob("*.error.txt")
    assert "row 2" in report.read_text(encoding="utf-8")
    after = _open_numbers(workdir)
    assert before <= after  # nothing of the held export was closed as paid
    assert any(n.startswith("X") for n in after)  # the good export beside it was imported
    assert "thank_you" not in _stages_sent(workdir)

    second = _run(workdir, D + dt.timedelta(days=7))
    assert second.returncode == 0, second.stderr
    assert before <= _open_numbers(workdir)
    assert "thank_you" not in _stages_sent(workdir)
