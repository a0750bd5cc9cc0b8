"""What the per-system fixtures promise beyond their golden files: a held or refused file is
settled by exactly the config lines its report prints; profiles describe columns by position,
group headings and a currency; `business.currency` is the default; `inspect --json` lists the
columns it did not use."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import run_cli, write_config
from dunning_mailer.sources import SourceError, profile_from_mapping, read_invoices

FIXTURES = Path(__file__).parent / "sources"


def _suggested(message: str) -> list:
    """The [[importer]] section a report prints, as the profiles config.toml would give."""
    start = message.index("\n[[importer]]") + 1
    lines = [line.split("#")[0].rstrip() if not line.lstrip().startswith("#") else ""
             for line in message[start:].splitlines()]
    section = []
    for line in lines:
        if line.startswith("[[importer]]") and section:
            break  # one section: the first question's
        section.append(line)
    raw = tomllib.loads("\n".join(section))
    return [profile_from_mapping(m["name"], m) for m in raw["importer"]]


def _copy(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copy(FIXTURES / name, tmp_path / name))


def test_the_unnamed_ledger_card_reads_its_account_columns_from_the_account_rows(tmp_path: Path):
    # The only words in an unnamed column sit on rows without a date or reference (the account
    # headings), the numbers before them on the same rows: the account's name and number.
    path = _copy("hashavshevet_ledger_card_unnamed.xlsx", tmp_path)
    result = read_invoices(path)
    assert result.kind == "balances"
    balances = {i.customer_id: (i.customer_name, i.balance) for i in result.invoices}
    assert balances == {"10012": ('אופק שיווק בע"מ', Decimal("4680.00")),
                        "10015": ("מאפיית הכרמל", Decimal("1250.00"))}


def _sage_with_periods_that_do_not_add_up(tmp_path: Path) -> Path:
    path = tmp_path / "sage_aged_debtors.csv"
    text = (FIXTURES / "sage_aged_debtors.csv").read_text(encoding="utf-8")
    path.write_text(text.replace('250.00,"1,000.00",0.00', '250.00,"1,000.00",99.00'), encoding="utf-8")
    return path


def test_aging_periods_that_add_up_to_the_balance_are_read_as_its_breakdown(tmp_path: Path):
    result = read_invoices(_copy("sage_aged_debtors.csv", tmp_path))
    assert {i.customer_id: i.balance for i in result.invoices} == {
        "ABC001": Decimal("1250.00"), "BRI002": Decimal("420.00")}
    assert {"Period 1", "Period 2", "Period 3"} <= set(result.unused_columns)


def test_unknown_aging_periods_hold_the_file_until_the_printed_line_settles_them(tmp_path: Path):
    path = _sage_with_periods_that_do_not_add_up(tmp_path)
    with pytest.raises(SourceError, match="'Period 1' .* looks like money") as held:
        read_invoices(path)
    assert "ignore_columns" in held.value.message
    profile = profile_from_mapping("sage", {"match_filename": "sage_aged_debtors.csv",
                                            "ignore_columns": ["Period 1", "Period 2", "Period 3"]})
    result = read_invoices(path, profiles=[profile])
    assert {i.customer_id: i.balance for i in result.invoices} == {
        "ABC001": Decimal("1250.00"), "BRI002": Decimal("420.00")}


def test_an_unknown_money_column_is_a_question_with_the_line_that_settles_it(tmp_path: Path):
    path = tmp_path / "docs-2026-11.csv"
    path.write_text("מספר מסמך,שם לקוח,תאריך פירעון,יתרה,סכום ברוטו לפני הנחה\n"
                    "1,שמש,01/12/2026,100.00,150.00\n2,ירח,02/12/2026,80.50,99.90\n", encoding="utf-8")
    with pytest.raises(SourceError) as held:
        read_invoices(path)
    message = held.value.message
    assert "'סכום ברוטו לפני הנחה' (column E) looks like money" in message
    assert 'match_filename = "docs-*.csv"' in message
    [profile] = _suggested(message)  # columns.amount = "…": the column is used, nothing is left open
    result = read_invoices(path, profiles=[profile])
    assert [(i.number, i.amount, i.balance) for i in result.invoices] == [
        ("1", Decimal("150.00"), Decimal("100.00")), ("2", Decimal("99.90"), Decimal("80.50"))]


def test_an_unknown_status_is_a_question_and_open_statuses_settles_it(tmp_path: Path):
    path = tmp_path / "x.csv"
    path.write_text("Invoice Number,Customer,Due Date,Balance,Status\n"
                    "A1,Acme,2026-12-01,100.00,Awaiting Payment\nA2,Acme,2026-12-02,50.00,Queued\n"
                    "A3,Acme,2026-12-03,70.00,Awaiting Approval\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r'statuses the reader does not know \("Queued"\)'):
        read_invoices(path)
    profile = profile_from_mapping("p", {"match_filename": "x.csv", "open_statuses": ["Queued"]})
    assert [i.number for i in read_invoices(path, profiles=[profile]).invoices] == ["A1", "A2"]
    profile = profile_from_mapping("p", {"match_filename": "x.csv", "closed_statuses": ["queued"]})
    assert [i.number for i in read_invoices(path, profiles=[profile]).invoices] == ["A1"]


def test_profile_columns_by_position_group_headings_and_currency(tmp_path: Path):
    path = tmp_path / "grouped.csv"
    path.write_text(",Ref,Due,Open\nAcme Ltd,,,\n,17,2026-12-01,40.00\nTotal for Acme Ltd,,,40.00\n"
                    "Blue Co,,,\n,18,2026-12-02,5.50\n", encoding="utf-8")
    profile = profile_from_mapping("g", {
        "match_filename": "grouped.csv", "columns": {"number": 2, "due_date": "column C", "balance": "Open"},
        "group_headings": True, "currency": "usd"})
    result = read_invoices(path, profiles=[profile])
    assert [(i.number, i.customer_name, i.balance, i.currency) for i in result.invoices] == [
        ("17", "Acme Ltd", Decimal("40.00"), "USD"), ("18", "Blue Co", Decimal("5.50"), "USD")]
    with pytest.raises(ValueError, match="need match_filename"):
        profile_from_mapping("g", {"columns": {"number": 2}})
    with pytest.raises(ValueError, match="currency"):
        profile_from_mapping("g", {"currency": "dollars!"})


def test_business_currency_is_the_default_and_inspect_lists_unused_columns(workdir: Path):
    write_config(workdir, "").write_text(
        (workdir / "config.toml").read_text(encoding="utf-8").replace(
            "[business]", '[business]\ncurrency = "USD"', 1), encoding="utf-8")
    path = _copy("invoice_ninja_invoices.csv", workdir)
    r = run_cli("inspect", str(path), "--json", "--config", str(workdir / "config.toml"))
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert {i["currency"] for i in doc["invoices"]} == {"USD"}
    assert doc["unused_columns"] == ["PO Number", "Discount", "Public Notes"] and doc["questions"] == []


def test_inspect_of_a_held_file_shows_the_reading_and_its_questions_and_exits_1(tmp_path: Path):
    r = run_cli("inspect", str(_sage_with_periods_that_do_not_add_up(tmp_path)), "--json", cwd=tmp_path)
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert doc["kind"] == "balances" and len(doc["questions"]) == 3
    assert "Period 1" in doc["unused_columns"]


def test_a_payment_platform_csv_is_invoices_with_their_numbers_and_due_dates(tmp_path: Path):
    result = read_invoices(_copy("stripe_invoices.csv", tmp_path))
    assert result.kind == "invoices"
    assert {i.number: i.due_date for i in result.invoices} == {
        "8F2A1C3D-0007": dt.date(2026, 12, 1), "8F2A1C3D-0008": dt.date(2026, 11, 9)}


@pytest.mark.parametrize("name", ["xero_invoices_export.csv", "zoho_books_invoices.csv", "sumit_documents.xlsx",
                                  "morning_documents.xlsx", "odoo_customer_invoices.xlsx",
                                  "invoice_ninja_invoices.csv", "icount_documents.xls"])
def test_not_owed_statuses_are_never_debts(name: str):
    path = FIXTURES / name
    result = read_invoices(path)
    text = path.read_bytes().decode("utf-8", errors="ignore")
    for status in ("Awaiting Approval", "Draft", "Void", "Cancelled", "טיוטה", "מבוטל", "In Payment"):
        for number in re.findall(rf"([\w/-]+)[^\n]*{re.escape(status)}", text):
            assert number not in {i.number for i in result.invoices}, (status, number)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1255"])
def test_an_html_table_without_a_declared_charset_is_read_in_utf8_or_windows_1255(tmp_path: Path, encoding):
    path = tmp_path / "docs.xls"
    path.write_bytes(("<table><tr><th>מס' מסמך</th><th>שם לקוח</th><th>תאריך פירעון</th><th>יתרה</th></tr>"
                      '<tr><td>12</td><td>נגריית&nbsp;העמק</td><td>01/12/2026</td><td>₪ 1,500.00</td></tr>'
                      "</table>").encode(encoding))
    [invoice] = read_invoices(path).invoices
    assert (invoice.customer_name, invoice.balance, invoice.currency) == ("נגריית העמק", Decimal("1500.00"), "ILS")


def test_a_spreadsheetml_error_cell_holds_the_file_naming_the_row(tmp_path: Path):
    path = tmp_path / "docs.xls"
    cells = lambda *values: "<Row>" + "".join(values) + "</Row>"  # noqa: E731
    text = lambda v: f'<Cell><Data ss:Type="String">{v}</Data></Cell>'  # noqa: E731
    path.write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="a"><Table>'
        + cells(text("Invoice Number"), text("Customer"), text("Due Date"), text("Balance"))
        + cells(text("A1"), text("Acme"), text("2026-12-01"), '<Cell><Data ss:Type="Number">10.5</Data></Cell>')
        + cells(text("A2"), text("Acme"), text("2026-12-02"),
                '<Cell ss:Formula="=1/0"><Data ss:Type="Error">#DIV/0!</Data></Cell>')
        + "</Table></Worksheet></Workbook>", encoding="utf-8")
    with pytest.raises(SourceError, match=r"row 3 'Balance': #DIV/0!"):
        read_invoices(path)
