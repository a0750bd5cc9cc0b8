"""Reading exports: layouts, cells, row skipping, profiles and importer choice."""
from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from dunning_mailer.model import DunningError, ImportResult
from dunning_mailer.sources import (
    SUPPORTED_SUFFIXES,
    GenericImporter,
    SourceError,
    choose_importer,
    looks_incomplete,
    profile_from_mapping,
    read_invoices,
)
from dunning_mailer.sources import cells

D = Decimal


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def by_number(result: ImportResult) -> dict:
    return {i.number: i for i in result.invoices}


HEBREW_HEADER = ["מס' חשבונית", "שם לקוח", "אימייל", "תאריך", "תאריך פירעון", "סכום", "יתרה"]


# --- cells ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("1,234.50", (D("1234.50"), None)),
    ("₪ 980.00", (D("980.00"), "ILS")),
    ("980.00 ₪", (D("980.00"), "ILS")),
    ("$1,284.50", (D("1284.50"), "USD")),
    ("$(250.00)", (D("-250.00"), "USD")),
    ("(500.00)", (D("-500.00"), None)),
    ("500.00-", (D("-500.00"), None)),
    ("-12", (D("-12.00"), None)),
    ("1.234,56", (D("1234.56"), None)),
    ("334,921.00 זכות", (D("-334921.00"), None)),
    ("\u200e1,000\u00a0ש\"ח", (D("1000.00"), "ILS")),
    (1234.5, (D("1234.50"), None)),
    (1234.4999999999998, (D("1234.50"), None)),
    (7, (D("7.00"), None)),
])
def test_amounts(text, expected):
    assert cells.parse_amount(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,23,4", "", "1.2.3", "--", True, dt.date(2025, 1, 1)])
def test_bad_amounts_raise_value_error(text):
    with pytest.raises(ValueError):
        cells.parse_amount(text)


@pytest.mark.parametrize("value, order, expected", [
    ("15/05/2025", "DMY", dt.date(2025, 5, 15)),
    ("1/4/25", "DMY", dt.date(2025, 4, 1)),
    ("1/4/25", "MDY", dt.date(2025, 1, 4)),
    ("31.12.2025", "DMY", dt.date(2025, 12, 31)),
    ("2025-03-04", "DMY", dt.date(2025, 3, 4)),
    ("2025-03-04 00:00:00", "MDY", dt.date(2025, 3, 4)),
    (45658.0, "DMY", dt.date(2025, 1, 1)),
    ("45658", "DMY", dt.date(2025, 1, 1)),
    (dt.datetime(2025, 1, 2, 13, 0), "DMY", dt.date(2025, 1, 2)),
    ("05-Jan-2025", "DMY", dt.date(2025, 1, 5)),
    ("Jan 5, 2025", "MDY", dt.date(2025, 1, 5)),
])
def test_dates(value, order, expected):
    assert cells.parse_date(value, order) == expected


@pytest.mark.parametrize("value", ["31/31/2025", "hello", 12.0, "", "2025-02-30"])
def test_bad_dates_raise_value_error(value):
    with pytest.raises(ValueError):
        cells.parse_date(value)


def test_emails_split_lowercased_and_invalid_reported():
    assert cells.parse_emails("A@X.co.il; b@x.co.il, c@y.com d@z.org") == (
        ("a@x.co.il", "b@x.co.il", "c@y.com", "d@z.org"), ())
    assert cells.parse_emails("Dana <dana@x.com>, bad@, nope") == (("dana@x.com",), ("bad@", "nope"))


@pytest.mark.parametrize("terms, expected", [
    ("שוטף+30", dt.date(2025, 3, 2)),  # end of January + 30
    ("שוטף + 60", dt.date(2025, 4, 1)),
    ("שוטף", dt.date(2025, 1, 31)),
    ("+30", dt.date(2025, 2, 14)),
    ("נטו 30", dt.date(2025, 2, 14)),
    ("Net 30", dt.date(2025, 2, 14)),
    ("Due on receipt", dt.date(2025, 1, 15)),
])
def test_terms(terms, expected):
    assert cells.due_from_terms(dt.date(2025, 1, 15), terms) == expected


def test_document_numbers_stay_text():
    assert cells.parse_document_number(1042.0) == "1042"
    assert cells.parse_document_number("000123") == "000123"
    assert cells.parse_document_number("\u200fINV-0007 ") == "INV-0007"


# --- layouts ----------------------------------------------------------------

def test_title_rows_totals_and_hebrew_header_in_xlsx(tmp_path):
    path = write_xlsx(tmp_path / "report.xlsx", [
        ["חברת הדגמה בע\"מ"],
        ["דוח חובות פתוחים לתאריך 30/06/2025"],
        [],
        ["\u200f*מס' חשבונית\u200f", "שם\u00a0לקוח", "אימייל", "תאריך", "תאריך פירעון", "סכום", "יתרה"],
        [1042.0, "כהן ושות'", "a@cohen.co.il; B@cohen.co.il", dt.datetime(2025, 5, 1),
         dt.datetime(2025, 5, 31), 1200.0, "₪ 1,200.00"],
        ["00077", "לוי", "bad-address", dt.datetime(2025, 5, 2), dt.datetime(2025, 6, 1), 300, 100],
        [None, 'סה"כ', None, None, None, 1500.0, 1300.0],
    ])
    result = read_invoices(path)
    assert result.header_row == 4
    assert result.columns["number"] == "*מס' חשבונית"
    assert result.columns["customer_name"] == "שם לקוח"
    invoices = by_number(result)
    assert set(invoices) == {"1042", "00077"}
    assert invoices["1042"].emails == ("a@cohen.co.il", "b@cohen.co.il")
    assert invoices["1042"].customer_id == "a@cohen.co.il"
    assert invoices["1042"].balance == D("1200.00")
    assert invoices["00077"].customer_id == "לוי"
    assert invoices["00077"].amount == D("300.00") and invoices["00077"].balance == D("100.00")
    assert result.warnings == ("report.xlsx row 6: dropped invalid email 'bad-address'",)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1255"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_encodings_and_delimiters(tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "open.csv", [
        HEBREW_HEADER,
        ["5", 'שמש בע"מ', "x@y.com", "01/04/2025", "01/05/2025", "1,234.50", "(500.00)"],
    ], encoding=encoding, delimiter=delimiter)
    (invoice,) = read_invoices(path).invoices
    assert invoice.customer_name == 'שמש בע"מ'
    assert invoice.amount == D("1234.50") and invoice.balance == D("-500.00")
    assert invoice.due_date == dt.date(2025, 5, 1)


def test_undecodable_bytes_are_a_source_error_not_mojibake(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("מס' חשבונית,".encode("cp1255") + b"\xd9\xda\n")
    with pytest.raises(SourceError, match="neither UTF-8 nor Windows-1255"):
        read_invoices(path)


def test_ambiguous_mdy_english_file_is_rejected(tmp_path):
    path = write_csv(tmp_path / "aging.csv", [
        ["Demo Co"], ["A/R Aging Detail"], ["As of June 30, 2025"], [],
        ["", "Date", "Transaction Type", "Num", "Customer", "Due Date", "Amount", "Open Balance"],
        ["", "03/04/2025", "Invoice", "1001", "Acme", "04/03/2025", "1,284.50", "1,284.50"],
    ])
    with pytest.raises(SourceError, match='date_order = "MDY"') as error:
        read_invoices(path)
    assert "aging.csv" in str(error.value)


def test_quickbooks_aging_with_profile_date_order(tmp_path):
    path = write_csv(tmp_path / "aging.csv", [
        ["Demo Co"], ["A/R Aging Detail"], ["As of June 30, 2025"], [],
        ["", "Date", "Transaction Type", "Num", "Customer", "Due Date", "Amount", "Open Balance"],
        ["Current"],
        ["", "03/04/2025", "Invoice", "1001", "Acme", "04/03/2025", "$1,284.50", "1,284.50"],
        ["", "03/05/2025", "Credit Memo", "1002", "Acme", "03/05/2025", "$(250.00)", "(250.00)"],
        ["Total for Current", "", "", "", "", "", "", "1,034.50"],
        ["TOTAL", "", "", "", "", "", "", "1,034.50"],
        [], ["Monday, July 1, 2025 09:00 AM GMT+3"],
    ])
    profile = profile_from_mapping("qbo", {"match_filename": "aging*.csv", "date_order": "MDY"})
    result = read_invoices(path, profiles=[profile])
    assert result.importer == "qbo"
    invoices = by_number(result)
    assert set(invoices) == {"1001", "1002"}
    assert invoices["1001"].issue_date == dt.date(2025, 3, 4)
    assert invoices["1001"].due_date == dt.date(2025, 4, 3)
    assert invoices["1001"].currency == "USD"
    assert invoices["1002"].balance == D("-250.00")


def test_unambiguous_dates_decide_mdy(tmp_path):
    path = write_csv(tmp_path / "x.csv", [
        ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount"],
        ["1", "Acme", "03/04/2025", "12/25/2025", "10"],
    ])
    (invoice,) = read_invoices(path).invoices
    assert invoice.issue_date == dt.date(2025, 3, 4)


def test_contradictory_dates_are_rejected(tmp_path):
    path = write_csv(tmp_path / "x.csv", [
        ["מס' חשבונית", "לקוח", "תאריך", "תאריך פירעון", "סכום"],
        ["1", "א", "25/03/2025", "12/25/2025", "10"],
    ])
    with pytest.raises(SourceError, match="mix"):
        read_invoices(path)


def test_xero_line_items_aggregated_status_and_star_headers(tmp_path):
    header = ["*ContactName", "EmailAddress", "*InvoiceNumber", "*InvoiceDate", "*DueDate",
              "Total", "InvoiceAmountPaid", "InvoiceAmountDue", "Currency", "Status", "Description"]
    path = write_csv(tmp_path / "Invoices.csv", [
        header,
        ["Acme", "ap@acme.com", "INV-0001", "2025-03-01", "2025-03-31", "300.00", "0", "300.00", "USD", "Awaiting Payment", "line 1"],
        ["Acme", "ap@acme.com", "INV-0001", "2025-03-01", "2025-03-31", "300.00", "0", "300.00", "USD", "Awaiting Payment", "line 2"],
        ["Acme", "ap@acme.com", "INV-0002", "2025-03-02", "2025-04-01", "50.00", "50.00", "0.00", "USD", "Paid", "x"],
        ["Beta", "", "INV-0003", "2025-03-02", "2025-04-01", "80.00", "0", "80.00", "USD", "Draft", "x"],
        ["Beta", "", "INV-0004", "2025-03-02", "2025-04-01", "80.00", "0", "80.00", "USD", "Voided", "x"],
    ])
    result = read_invoices(path)
    assert [i.number for i in result.invoices] == ["INV-0001"]
    assert result.invoices[0].balance == D("300.00")
    assert result.invoices[0].currency == "USD"
    assert result.columns["customer_name"] == "*ContactName"
    assert result.warnings == ()


def test_hebrew_status_and_zero_balance_rows_dropped(tmp_path):
    path = write_csv(tmp_path / "x.csv", [
        [*HEBREW_HEADER, "סטטוס"],
        ["1", "א", "", "01/04/2025", "01/05/2025", "100", "100", "פתוח"],
        ["2", "א", "", "01/04/2025", "01/05/2025", "100", "100", "שולם"],
        ["3", "א", "", "01/04/2025", "01/05/2025", "100", "100", "מבוטל"],
        ["4", "א", "", "01/04/2025", "01/05/2025", "100", "100", "טיוטה"],
        ["5", "א", "", "01/04/2025", "01/05/2025", "100", "0", "פתוח"],
    ])
    assert [i.number for i in read_invoices(path).invoices] == ["1"]


def test_shotef_terms_and_carried_account_blocks(tmp_path):
    path = write_csv(tmp_path / "x.csv", [
        ["מס' לקוח", "שם לקוח", "מס' מסמך", "תאריך מסמך", "תאריך פירעון", "תנאי תשלום", "יתרה"],
        ["1001", "שמש", "", "", "", "", ""],
        ["", "", "71", "15/01/2025", "", "שוטף+30", "100"],
        ["", "", "72", "15/01/2025", "", "+30", "200"],
        ["", "", "73", "15/01/2025", "20/02/2025", "שוטף+30", "300"],
        ["", 'סה"כ מפתח חשבון', "", "", "", "", "600"],
        ["1002", "ירח", "81", "31/01/2025", "", "שוטף+60", "50"],
        ["", "", "82", "01/02/2025", "", "נטו 30", "60"],
        ["", 'סה"כ לדוח', "", "", "", "", "710"],
    ])
    invoices = by_number(read_invoices(path))
    assert invoices["71"].due_date == dt.date(2025, 3, 2)
    assert invoices["72"].due_date == dt.date(2025, 2, 14)
    assert invoices["73"].due_date == dt.date(2025, 2, 20)
    assert {invoices[n].customer_id for n in ("71", "72", "73")} == {"1001"}
    assert invoices["71"].customer_name == "שמש"
    assert invoices["81"].due_date == dt.date(2025, 4, 1)
    assert invoices["82"].customer_name == "ירח"
    assert invoices["82"].due_date == dt.date(2025, 3, 3)


def test_row_problems_name_file_and_row_and_skip_the_row(tmp_path):
    path = write_csv(tmp_path / "x.csv", [
        HEBREW_HEADER,
        ["1", "א", "", "01/04/2025", "01/05/2025", "abc", ""],
        ["2", "א", "", "01/04/2025", "", "100", ""],
        ["3", "א", "", "01/04/2025", "01/05/2025", "100", ""],
    ])
    result = read_invoices(path)
    assert [i.number for i in result.invoices] == ["3"]
    assert result.warnings[0].startswith("x.csv row 2: column 'סכום'")
    assert result.warnings[1].startswith("x.csv row 3: no due date")


def test_every_row_failing_is_a_source_error(tmp_path):
    path = write_csv(tmp_path / "x.csv", [
        HEBREW_HEADER, ["1", "א", "", "01/04/2025", "01/05/2025", "abc", "xyz"],
    ])
    with pytest.raises(SourceError, match="row 2"):
        read_invoices(path)


def test_no_header_is_a_source_error_with_config_hint(tmp_path):
    path = write_csv(tmp_path / "x.csv", [["a", "b", "c"], ["1", "2", "3"]])
    with pytest.raises(SourceError, match=r"\[importer.columns\]") as error:
        read_invoices(path)
    assert isinstance(error.value, DunningError)
    assert str(tmp_path / "x.csv") in str(error.value)


def test_header_missing_required_field_names_it(tmp_path):
    path = write_csv(tmp_path / "x.csv", [["מס' חשבונית", "שם לקוח", "סכום"], ["1", "א", "5"]])
    with pytest.raises(SourceError, match=r"lacks due_date"):
        read_invoices(path)


def test_html_saved_as_xls_is_explained(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("<html><table><tr><td>x</td></tr></table></html>")
    with pytest.raises(SourceError, match="HTML"):
        read_invoices(path)


def test_corrupt_workbook_is_a_source_error(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SourceError, match="cannot read the workbook"):
        read_invoices(path)


# --- profiles ---------------------------------------------------------------

def test_profile_columns_and_header_row(tmp_path):
    path = write_xlsx(tmp_path / "open_docs_june.xlsx", [
        ["x"], ["y"],
        ["Doc", "Who", "Mail", "When due", "Owed", "Ccy"],
        ["A-1", "Acme", "a@acme.com", "2025-07-01", 10, "€"],
    ])
    profile = profile_from_mapping("my-erp", {
        "match_filename": "open_docs*.xlsx", "header_row": 3,
        "columns": {"number": "Doc", "customer_name": "Who", "emails": "Mail",
                    "due_date": "When due", "balance": "Owed", "currency": "Ccy"},
    })
    result = read_invoices(path, profiles=[profile])
    assert result.importer == "my-erp" and result.header_row == 3
    (invoice,) = result.invoices
    assert (invoice.number, invoice.currency, invoice.balance) == ("A-1", "EUR", D("10.00"))


def test_profile_without_filename_claims_by_headers(tmp_path):
    path = write_csv(tmp_path / "whatever.csv", [
        ["Doc", "Who", "When due", "Owed"], ["1", "Acme", "2025-07-01", "10"],
    ])
    mine = profile_from_mapping("mine", {"columns": {"number": "Doc", "customer_name": "Who",
                                                     "due_date": "When due", "balance": "Owed"}})
    other = profile_from_mapping("other", {"columns": {"number": "Something else"}})
    assert read_invoices(path, profiles=[mine, other]).importer == "mine"


def test_profile_encoding(tmp_path):
    path = write_csv(tmp_path / "x.csv", [HEBREW_HEADER, ["1", "א", "", "01/04/2025", "01/05/2025", "1", ""]],
                     encoding="cp1255")
    profile = profile_from_mapping("p", {"match_filename": "x.csv", "encoding": "utf-8"})
    with pytest.raises(SourceError, match="encoding"):
        read_invoices(path, profiles=[profile])


@pytest.mark.parametrize("mapping, key", [
    ({"header_rows": 3}, "header_rows"),
    ({"header_row": 0}, "header_row"),
    ({"date_order": "DDMM"}, "date_order"),
    ({"encoding": "klingon"}, "encoding"),
    ({"columns": {"invoice": "x"}}, "columns.invoice"),
    ({"columns": {"number": ""}}, "columns.number"),
    ({"match_filename": 5}, "match_filename"),
])
def test_bad_profile_names_the_key(mapping, key):
    with pytest.raises(ValueError, match=key.replace(".", r"\.")):
        profile_from_mapping("bad", mapping)


def test_two_claiming_profiles_is_an_error(tmp_path):
    path = write_csv(tmp_path / "open.csv", [HEBREW_HEADER])
    a = profile_from_mapping("a", {"match_filename": "*.csv"})
    b = profile_from_mapping("b", {"match_filename": "open*"})
    with pytest.raises(SourceError, match="'a', 'b'"):
        read_invoices(path, profiles=[a, b])


def test_unclaimed_file(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(SourceError, match="unsupported type"):
        read_invoices(path)
    lock = tmp_path / "~$report.xlsx"
    lock.write_bytes(b"")
    with pytest.raises(SourceError, match="lock"):
        read_invoices(lock)


def test_third_party_importer_takes_precedence_over_generic(tmp_path):
    class Custom:
        name = "custom"

        def identify(self, path):
            return path.name.startswith("custom")

        def extract(self, path):
            return ImportResult(importer=self.name, invoices=())

    path = write_csv(tmp_path / "custom.csv", [HEBREW_HEADER])
    assert choose_importer(path, [Custom()], GenericImporter()).name == "custom"
    other = write_csv(tmp_path / "other.csv", [HEBREW_HEADER])
    assert choose_importer(other, [Custom()], GenericImporter()).name == "generic"


def test_supported_suffixes_and_incomplete_files():
    assert SUPPORTED_SUFFIXES == {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv"}
    for name in ["~$open.xlsx", "open.xlsx.crdownload", "open.csv.part", "x.tmp", ".hidden.csv"]:
        assert looks_incomplete(Path(name)), name
    assert not looks_incomplete(Path("open.xlsx"))


def test_blank_row_ends_an_account_block(tmp_path):
    path = write_csv(tmp_path / "x.csv", [
        ["מס' מסמך", "שם לקוח", "תאריך פירעון", "יתרה"],
        ["1", "שמש", "01/05/2025", "10"],
        ["2", "", "01/05/2025", "20"],
        [],
        ["3", "", "01/05/2025", "30"],
    ])
    result = read_invoices(path)
    assert [(i.number, i.customer_name) for i in result.invoices] == [("1", "שמש"), ("2", "שמש")]
    assert result.warnings == ("x.csv row 5: no customer name, id or email; row skipped",)


def test_profile_header_row_without_headers(tmp_path):
    path = write_csv(tmp_path / "x.csv", [HEBREW_HEADER, ["1", "א", "", "01/04/2025", "01/05/2025", "1", ""]])
    profile = profile_from_mapping("p", {"match_filename": "x.csv", "header_row": 2})
    with pytest.raises(SourceError, match="row 2 .header_row"):
        read_invoices(path, profiles=[profile])


def test_entry_point_importers_are_loaded(tmp_path, monkeypatch):
    from importlib.metadata import EntryPoint

    import dunning_mailer.sources as sources

    (tmp_path / "plugin_mod.py").write_text(
        "from dunning_mailer.model import ImportResult\n"
        "class PluginImporter:\n"
        "    name = 'plugin'\n"
        "    def identify(self, path):\n"
        "        return path.name.startswith('plugin')\n"
        "    def extract(self, path):\n"
        "        return ImportResult(importer=self.name, invoices=())\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    points = [EntryPoint("plugin", "plugin_mod:PluginImporter", sources.ENTRY_POINT_GROUP)]
    monkeypatch.setattr(sources, "entry_points", lambda group: points)
    data = tmp_path / "data"
    data.mkdir()
    assert read_invoices(write_csv(data / "plugin.csv", [["x"]])).importer == "plugin"
    assert read_invoices(write_csv(data / "mine.csv", [HEBREW_HEADER])).importer == "generic"
    clash = profile_from_mapping("mine", {"match_filename": "plugin*"})
    with pytest.raises(SourceError, match="'mine', 'plugin'"):
        read_invoices(data / "plugin.csv", profiles=[clash])

    points[:] = [EntryPoint("broken", "no_such_module:X", sources.ENTRY_POINT_GROUP)]
    with pytest.raises(SourceError, match="'broken'"):
        read_invoices(data / "mine.csv")


def test_names_and_descriptions_starting_with_total_are_not_totals(tmp_path):
    path = write_csv(tmp_path / "x.csv", [
        ["Invoice Number", "Customer", "Description", "Due Date", "Amount"],
        ["1", "Total Solutions Ltd", "Total package fee", "2025-05-01", "10"],
        ["", "Total for Total Solutions Ltd", "", "", "10"],
        ["2", "Acme", "Subtotal", "2025-05-01", "10"],
        ["3", "Acme", "", "Total", "10"],
    ])
    assert [i.number for i in read_invoices(path).invoices] == ["1"]
