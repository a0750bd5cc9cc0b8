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
    result = read_invoices(path, hold=False)
    (invoice,) = result.invoices
    assert invoice.issue_date == dt.date(2025, 3, 4)
    # Month-first dates and no currency anywhere: dollars or the business's own? Asked.
    assert any("month first" in q and 'currency = "USD"' in q for q in result.questions)


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


def test_row_problems_name_file_and_row_and_hold_the_file(tmp_path):
    """An invoice row that cannot be read would make its invoice look paid: the file is held."""
    path = write_csv(tmp_path / "x.csv", [
        HEBREW_HEADER,
        ["1", "א", "", "01/04/2025", "01/05/2025", "abc", ""],
        ["2", "א", "", "01/04/2025", "", "100", ""],
        ["3", "א", "", "01/04/2025", "01/05/2025", "100", ""],
    ])
    with pytest.raises(SourceError, match=r"held.*rows 2, 3 .*'abc' is not an amount"):
        read_invoices(path)
    result = read_invoices(path, hold=False)
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


def test_html_table_saved_as_xls_is_read_by_its_content(tmp_path):
    path = tmp_path / "export.xls"
    path.write_bytes(
        '<html><head><meta charset="windows-1255"></head><body><table>'
        "<tr><td>מס' מסמך</td><td>שם לקוח</td><td>תאריך פירעון</td><td>יתרה</td></tr>"
        '<tr><td>7</td><td>שמש בע"מ</td><td>01/05/2025</td><td>1,234.50</td></tr>'
        "</table></body></html>".encode("cp1255"))
    [invoice] = read_invoices(path).invoices
    assert (invoice.number, invoice.customer_name, invoice.balance) == ("7", 'שמש בע"מ', Decimal("1234.50"))


def test_html_page_without_a_table_is_explained(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("<html><body>Session expired</body></html>")
    with pytest.raises(SourceError, match="HTML page with no table"):
        read_invoices(path)


def test_corrupt_workbook_is_a_source_error(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SourceError, match="damaged or incomplete"):
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
    with pytest.raises(SourceError, match="row 5 has a document number"):
        read_invoices(path)
    result = read_invoices(path, hold=False)
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


# --- customer balances --------------------------------------------------------

def balance_lines(result: ImportResult) -> dict:
    assert result.kind == "balances"
    assert all(i.kind == "balance" and i.issue_date is None for i in result.invoices)
    return {(i.customer_id, i.currency): i for i in result.invoices}


def test_english_aging_report_with_total_column_and_as_of_title(tmp_path):
    path = write_csv(tmp_path / "aging.csv", [
        ["Demo Co"], ["A/R Aging Summary"], ["As of November 30, 2026"], [],
        ["Customer", "Current", "1 - 30", "31 - 60", "61 - 90", "91 and over", "Total"],
        ["Acme", "100.00", "200.00", "", "", "", "300.00"],
        ["Beta", "$50.00", "", "", "", "25.00", "$70.00"],
        ["Gamma", "", "", "", "", "(40.00)", "(40.00)"],
        ["TOTAL", "150.00", "200.00", "", "", "-15.00", "330.00"],
        [], ["Monday, December 1, 2026 09:00 AM GMT+3"],
    ])
    # "$" on one row and bare amounts on the others: in which currency are those? The file is
    # held until a profile says; here they are shekels.
    with pytest.raises(SourceError, match=r"written in USD and others without a currency"):
        read_invoices(path)
    profile = profile_from_mapping("aging", {"match_filename": "aging.csv", "currency": "ILS"})
    result = read_invoices(path, profiles=[profile])
    lines = balance_lines(result)
    assert set(lines) == {("Acme", "ILS"), ("Beta", "USD")}
    acme = lines["Acme", "ILS"]
    assert (acme.number, acme.amount, acme.balance) == ("BAL-Acme-ILS", D("300.00"), D("300.00"))
    assert acme.due_date == dt.date(2026, 11, 30)
    assert result.columns["amount"] == "Total"
    assert result.columns["aging"] == "Current, 1 - 30, 31 - 60, 61 - 90, 91 and over"
    assert result.warnings[0] == ("aging.csv: each balance is due on the report's date 2026-11-30 "
                                  "(row 3: 'As of November 30, 2026')")
    assert "aging.csv row 7: the aging columns add up to 75.00, not 70.00" in result.warnings[1]
    assert result.warnings[2] == "aging.csv row 8: Gamma (Gamma) has a credit balance of 40.00 ILS; nothing to remind"


def test_balance_due_date_falls_back_to_file_date(tmp_path):
    import os

    path = write_csv(tmp_path / "yitrot.csv", [
        ["יתרות לקוחות"], ["הופק בתאריך 01/12/2026"],
        ["קוד לקוח", "שם לקוח", "יתרה"], ["7", "שמש", "100"],
    ])
    stamp = dt.datetime(2026, 11, 20, 12, 0).timestamp()
    os.utime(path, (stamp, stamp))
    result = read_invoices(path)
    (line,) = result.invoices
    assert line.due_date == dt.date(2026, 11, 20)
    assert "file's modification date 2026-11-20" in result.warnings[0]


@pytest.mark.parametrize("title, expected", [
    ("נכון ל-30/11/2026", dt.date(2026, 11, 30)),
    ("דוח יתרות נכון לתאריך: 1/12/26", dt.date(2026, 12, 1)),
    ("יתרות לתאריך 05.11.2026", dt.date(2026, 11, 5)),
    ("מתאריך 01/01/26 עד תאריך 30/11/26", dt.date(2026, 11, 30)),
    ("As at 30 Nov 2026", dt.date(2026, 11, 30)),
    ("as of 2026-11-30", dt.date(2026, 11, 30)),
])
def test_as_of_phrases(tmp_path, title, expected):
    path = write_csv(tmp_path / "b.csv", [[title], ["קוד לקוח", "שם לקוח", "יתרה"], ["7", "שמש", "100"]])
    (line,) = read_invoices(path).invoices
    assert line.due_date == expected


def test_ambiguous_english_as_of_date_is_rejected_and_profile_settles_it(tmp_path):
    rows = [["As of 03/04/2026"], ["Customer", "Balance"], ["Acme", "10"]]
    path = write_csv(tmp_path / "bal.csv", rows)
    with pytest.raises(SourceError, match='date_order = "MDY"'):
        read_invoices(path)
    profile = profile_from_mapping("us", {"match_filename": "bal.csv", "date_order": "MDY"})
    (line,) = read_invoices(path, profiles=[profile]).invoices
    assert line.due_date == dt.date(2026, 3, 4)


def test_trial_balance_debit_minus_credit_and_running_balance(tmp_path):
    path = write_csv(tmp_path / "mazan.csv", [
        ["מאזן בוחן לקוחות נכון ל-30/11/2026"],
        ["מפתח חשבון", "שם חשבון", "חובה", "זכות"],
        ["100", "שמש", "1,000.00", "400.00"],
        ["101", "ירח", "", "50.00"],
        ["102", "אור", "5.00", "5.00"],
    ])
    result = read_invoices(path)
    lines = balance_lines(result)
    assert list(lines) == [("100", "ILS")]
    assert lines["100", "ILS"].balance == D("600.00")
    assert any("ירח (101) has a credit balance of 50.00" in w for w in result.warnings)


def test_ledger_without_closing_row_adds_opening_and_movements(tmp_path):
    path = write_csv(tmp_path / "kartesset.csv", [
        ["כרטסת"], ["חברה"], ["עד תאריך 30/11/26"],
        ["מפתח חשבון", "שם חשבון", "אסמכתא", "פרטים", "חובה / זכות (שקל)"],
        ["300", "שמש", "", "יתרת פתיחה", "1,000.00 חובה"],
        ["", "", "11", "חשבונית", "500.00 חובה"],
        ["", "", "12", "קבלה", "200.00 זכות"],
        ['סה"כ מפתח חשבון 300', "", "", "", "1,300.00"],
        ["", "", "", "יתרה", "1,300.00"],
        ["", "", "", "", ""],
        ["מפתח חשבון", "שם חשבון", "אסמכתא", "פרטים", "חובה / זכות (שקל)"],
        ["301", "ירח", "13", "חשבונית", "70.00"],
    ])
    result = read_invoices(path)
    lines = balance_lines(result)
    assert result.columns["debit"] == "חובה / זכות (שקל)"
    assert {k: v.balance for k, v in lines.items()} == {
        ("300", "ILS"): D("1300.00"), ("301", "ILS"): D("70.00")}
    assert len(result.warnings) == 1  # only the as-of note


def test_same_customer_twice_in_a_balance_report_is_added_with_a_warning(tmp_path):
    path = write_csv(tmp_path / "b.csv", [
        ["נכון ל-30/11/2026"],
        ["שם לקוח", "אימייל", "יתרה", "מטבע"],
        ["שמש", "a@shemesh.co.il", "100", "ILS"],
        ["שמש", "a@shemesh.co.il; b@shemesh.co.il", "20", "ILS"],
        ["שמש", "a@shemesh.co.il", "5", "USD"],
    ])
    result = read_invoices(path)
    lines = balance_lines(result)
    # Without a customer id column the first email names the customer, as for invoices.
    ils = lines["a@shemesh.co.il", "ILS"]
    assert ils.balance == D("120.00") and ils.number == "BAL-a@shemesh.co.il-ILS"
    assert ils.emails == ("a@shemesh.co.il", "b@shemesh.co.il")
    assert lines["a@shemesh.co.il", "USD"].balance == D("5.00")
    assert "a@shemesh.co.il (ILS) is on rows 3, 4; their balances were added up" in result.warnings[1]


def test_bucket_headers():
    from dunning_mailer.sources.columns import is_bucket_header

    for text in ["שוטף", "0-30", "31 - 60", "61-90 ימים", "מעל 90", "90+", "91 or more days past due",
                 "1 - 30 days past due", "Current", "> 120", "91 and over", "120+ (ימים)"]:
        assert is_bucket_header(text), text
    for text in ["סכום", "30", "Customer", "שוטף+30", "Total", "2025-01-30"]:
        assert not is_bucket_header(text), text


def test_two_row_header_over_debit_and_credit():
    from dunning_mailer.sources.columns import find_header

    rows = [
        (1, ["כרטסת"]),
        (2, ["מפתח חשבון", "שם חשבון", "חובה / זכות (שקל)", "", "יתרה"]),
        (3, ["", "", "חובה", "זכות", ""]),
        (4, ["1", "א", "10", "", "10"]),
    ]
    header = find_header(rows)
    assert (header.top, header.row) == (2, 3)
    assert header.index == {"customer_id": 0, "customer_name": 1, "debit": 2, "credit": 3, "balance": 4}


def test_a_data_row_is_never_a_second_header_row():
    from dunning_mailer.sources.columns import find_header

    rows = [(1, HEBREW_HEADER), (2, ["1", "Total", "", "", "", "5", "5"])]
    assert find_header(rows).top is None


# --- contacts -----------------------------------------------------------------

def test_contacts_file_english_headers_merge_and_invalid_emails(tmp_path):
    path = write_csv(tmp_path / "contacts.csv", [
        ["Customer ID", "Customer Name", "Contact", "Email", "Sales Rep", "Account Manager Email", "Language"],
        ["C1", "Acme", "Jane", "ap@acme.com, jane@acme", "Avi", "avi@us.co.il", "en"],
        ["C1", "Acme", "", "AP@acme.com; billing@acme.com", "", "", ""],
        ["", "", "", "orphan@x.com", "", "", ""],
        ["C2", "Beta", "", "", "Avi", "avi@us.co.il", "he"],
        ["C2", "Beta", "", "", "Dana", "", "klingon"],
    ])
    result = read_invoices(path)
    assert result.kind == "contacts" and result.invoices == ()
    c1, c2 = result.contacts
    assert c1.customer_id == "C1" and c1.name == "Jane"
    assert c1.emails == ("ap@acme.com", "billing@acme.com")
    assert (c1.account_manager, c1.account_manager_email, c1.language) == ("Avi", "avi@us.co.il", "en")
    assert (c2.name, c2.emails, c2.account_manager, c2.language) == ("Beta", (), "Avi", "he")
    assert result.warnings == (
        "contacts.csv row 2: dropped invalid email 'jane@acme'",
        "contacts.csv row 4: no customer id or name; row skipped",
        "contacts.csv row 6: column 'Language': unknown language 'klingon'; language left unset",
        "contacts.csv row 6: customer C2: account manager 'Dana' differs from 'Avi' on row 5; kept 'Avi'",
        "contacts.csv row 5: customer C2 has no valid email",
    )


def test_contacts_by_name_only(tmp_path):
    path = write_csv(tmp_path / "c.csv", [["שם לקוח", "מייל"], ["שמש", "a@b.co.il"]])
    (contact,) = read_invoices(path).contacts
    assert (contact.customer_id, contact.name, contact.emails) == ("שמש", "שמש", ("a@b.co.il",))


# --- kinds and profiles -------------------------------------------------------

def test_profile_kind_forces_the_reading(tmp_path):
    path = write_csv(tmp_path / "clients.csv", [
        ["מס' לקוח", "שם לקוח", "אימייל", "יתרה"], ["1", "שמש", "a@b.co.il", "100"],
    ])
    assert read_invoices(path).kind == "balances"
    contacts = profile_from_mapping("c", {"match_filename": "clients*", "kind": "contacts"})
    result = read_invoices(path, profiles=[contacts])
    assert result.kind == "contacts" and result.contacts[0].emails == ("a@b.co.il",)
    invoices = profile_from_mapping("i", {"match_filename": "clients*", "kind": "invoices"})
    with pytest.raises(SourceError, match=r"read as invoices \(kind = 'invoices'.*lacks number"):
        read_invoices(path, profiles=[invoices])


def test_profile_kind_balances_ignores_a_number_column(tmp_path):
    path = write_csv(tmp_path / "x.csv", [
        ["נכון ל-30/11/2026"],
        ["מס' מסמך", "שם לקוח", "יתרה"], ["11", "שמש", "100"], ["12", "שמש", "50"],
    ])
    with pytest.raises(SourceError, match="lacks due_date"):
        read_invoices(path)  # a document number makes it an invoice list
    profile = profile_from_mapping("b", {"match_filename": "x.csv", "kind": "balances"})
    (line,) = read_invoices(path, profiles=[profile]).invoices
    assert (line.number, line.balance) == ("BAL-שמש-ILS", D("150.00"))


def test_unknown_profile_kind_names_the_key():
    with pytest.raises(ValueError, match="'kind'"):
        profile_from_mapping("bad", {"kind": "statements"})


def test_neither_invoices_balances_nor_contacts_explains_all_three(tmp_path):
    path = write_csv(tmp_path / "x.csv", [["שם לקוח", "תאריך"], ["שמש", "01/01/2026"]])
    with pytest.raises(SourceError, match="lacks number") as error:
        read_invoices(path)
    assert "customer balances" in str(error.value) and "contacts" in str(error.value)


def test_kind_without_a_file_pattern_is_refused():
    with pytest.raises(ValueError, match="'kind' needs match_filename"):
        profile_from_mapping("all", {"kind": "contacts"})
    assert profile_from_mapping("ok", {"kind": "contacts", "match_filename": "contacts*"}).kind == "contacts"


def test_invoice_list_with_a_credit_column_stays_invoices(tmp_path):
    path = write_csv(tmp_path / "x.csv", [
        ["Invoice No", "Customer", "Due Date", "Amount", "Credit"],
        ["1", "Acme", "2026-05-01", "10", "0"],
    ])
    result = read_invoices(path)
    assert result.kind == "invoices" and [i.number for i in result.invoices] == ["1"]


def test_ledger_without_customer_column_says_why_it_was_read_as_balances(tmp_path):
    path = write_csv(tmp_path / "bank.csv", [
        ["תאריך", "אסמכתא", "פרטי פעולה", "חובה", "זכות", "יתרה"],
        ["01/11/2026", "123", "העברה", "100.00", "", "900.00"],
    ])
    with pytest.raises(SourceError, match="debit/credit columns make it a ledger.*lacks customer_name"):
        read_invoices(path)
