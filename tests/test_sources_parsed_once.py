"""One parse of a workbook per read (issue 21): the bank statement check and the export's reader
used to parse the same sheet each, the largest single cost of a 100k-row import."""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from dunning_mailer.sources import read_invoices, tabular


def test_a_workbook_is_parsed_once_per_read(tmp_path, monkeypatch):
    wb = Workbook()
    ws = wb.active
    # Words of a bank statement's header (date, amount) are in the title: the statement check reads it.
    ws.append(["דוח חשבוניות פתוחות - תאריך הפקה", "סכום"])
    ws.append(["מס' לקוח", "שם לקוח", "דוא\"ל", "מס' חשבונית", "תאריך פירעון", "סכום", "יתרה לתשלום"])
    for n in range(30):
        ws.append([f"C{n}", f"לקוח {n}", f"c{n}@x.example", f"INV-{n}", dt.datetime(2026, 10, 1), 100.0, 100.0])
    path = tmp_path / "open.xlsx"
    wb.save(path)
    import python_calamine

    calls = []
    real = python_calamine.CalamineWorkbook.get_sheet_by_index

    class Counting:
        def __init__(self, book):
            self.book = book

        def __getattr__(self, name):
            return getattr(self.book, name)

        def get_sheet_by_index(self, index):
            calls.append(index)
            return real(self.book, index)

    opened = python_calamine.CalamineWorkbook.from_path
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path",
                        staticmethod(lambda p: Counting(opened(p))))
    result = read_invoices(path)
    assert len(result.invoices) == 30
    assert calls == [0]
    # Outside a read nothing is kept: the next read parses the file again (it may have changed).
    read_invoices(path)
    assert calls == [0, 0]
    assert tabular._parsed.get() is None
