"""Customers' phone numbers, from the files to the call list (issue 18): read from invoice exports,
balances reports and contacts files as text, stored beside the customer (an older ledger gains the
column), and shown on `plan`, `status` (text and --json) and the daily digest, never guessed."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import D, run_cli, write_config
from dunning_mailer.cli import main
from dunning_mailer.ledger import Ledger
from dunning_mailer.model import Contact, ImportResult, Invoice
from dunning_mailer.phones import dial_uri, phone_text, shown_phones
from dunning_mailer.sources import read_invoices
from dunning_mailer.sources.columns import field_for_header
from test_ledger import Place

BOTH_LEDGERS = True
LRI, PDI = "\u2066", "\u2069"


# ---- the numbers ------------------------------------------------------------------------------

@pytest.mark.parametrize("written, shown", [
    ("050-1234567", ("050-1234567",)),
    ("0501234567", ("050-1234567",)),
    ("052 765 4321", ("052-7654321",)),
    ("+972-50-123-4567", ("050-1234567",)),
    ("+972 (0)3 555 1234", ("03-5551234",)),
    ("00972-4-8123456", ("04-8123456",)),
    ("072-2345678", ("072-2345678",)),
    ("1-800-123-456", ("1-800-123-456",)),
    ("03-5551234, 052-7654321", ("03-5551234", "052-7654321")),
    ("03-5551234 / 052-7654321", ("03-5551234", "052-7654321")),
    ("050-1234567 או 03-5551234", ("050-1234567", "03-5551234")),
    ("050-1234567\n04-8123456", ("050-1234567", "04-8123456")),
    ("050-1234567 03-5551234", ("050-1234567", "03-5551234")),
    ("\u200f050-1234567\u200e", ("050-1234567",)),
    # Never guessed: shown as written, whole.
    ("501234567", ("501234567",)),              # Excel dropped the leading zero: not ours to restore
    ("03-5551234/5", ("03-5551234/5",)),        # two lines, or an extension?
    ("03-5551234 שלוחה 12", ("03-5551234 שלוחה 12",)),
    ("050-1234567, 12345", ("050-1234567, 12345",)),   # one piece unknown: the whole cell as written
    ("+1 212 555 1234", ("+1 212 555 1234",)),
    ("*2700", ("*2700",)),
    ("", ()),
    ("   ", ()),
])
def test_a_number_is_shown_in_the_israeli_form_or_as_written(written, shown):
    assert shown_phones(phone_text(written)) == shown


def test_cells_become_text_and_numbers_typed_as_numbers_keep_their_digits():
    assert phone_text(501234567) == phone_text(501234567.0) == "501234567"
    assert phone_text(None) == phone_text("") == ""
    assert phone_text("050-1234567\n\n03-5551234") == "050-1234567; 03-5551234"


def test_a_dial_link_only_for_a_number_we_know():
    assert dial_uri("050-1234567") == "tel:+972501234567"
    assert dial_uri("03-5551234") == "tel:+97235551234"
    assert dial_uri("1-800-123-456") == "tel:1800123456"
    assert dial_uri("501234567") is None and dial_uri("+1 212 555 1234") is None


@pytest.mark.parametrize("header", ["טלפון", "טל'", "טל׳", "נייד", "טלפון נייד", "פלאפון", "Phone", "Mobile",
                                    "Tel", "Telephone", "Contact phone", "Phone Number", "טלפון:", "*טלפון"])
def test_phone_headers_are_known(header):
    assert field_for_header(header)[0] == "phone"


def test_a_fax_or_a_second_phone_is_not_the_phone():
    assert field_for_header("Fax") is None and field_for_header("פקס") is None


# ---- the files --------------------------------------------------------------------------------

def _xlsx(path: Path, header: list[str], rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


INVOICE_HEADER = ["מס' לקוח", "שם לקוח", "טלפון", 'דוא"ל', "מס' חשבונית", "תאריך פירעון", "סכום"]


def test_an_invoice_export_with_a_phone_column(tmp_path):
    path = _xlsx(tmp_path / "open.xlsx", INVOICE_HEADER, [
        ["C1", "נגריית השרון", "050-1234567", "", "A-1", dt.date(2026, 11, 1), 1200],
        ["C1", "נגריית השרון", "03-5551234", "", "A-2", dt.date(2026, 11, 5), 300],
        ["C2", "קפה הרצל", None, "c2@cust.example", "A-3", dt.date(2026, 11, 1), 500],
        ["C3", "יוגה שקט", 526543210, "", "A-4", dt.date(2026, 11, 1), 90],
    ])
    result = read_invoices(path)
    assert result.columns["phone"] == "טלפון" and "טלפון" not in result.unused_columns
    assert [(i.number, i.phone) for i in result.invoices] == [
        ("A-1", "050-1234567"), ("A-2", "03-5551234"), ("A-3", ""), ("A-4", "526543210")]


def test_a_balances_report_with_a_phone_keeps_every_number_of_its_rows(tmp_path):
    path = _xlsx(tmp_path / "balances.xlsx", ["קוד לקוח", "שם לקוח", "נייד", "יתרה"], [
        ["C1", "נגריית השרון", "050-1234567", 1000],
        ["C1", "נגריית השרון", "052-7654321", 200],
        ["C2", "קפה הרצל", "", 300],
    ])
    result = read_invoices(path)
    assert result.kind == "balances"
    assert {i.customer_id: i.phone for i in result.invoices} == {"C1": "050-1234567; 052-7654321", "C2": ""}


def test_a_contacts_file_of_phones_alone(tmp_path):
    path = _xlsx(tmp_path / "contacts.xlsx", ["Customer ID", "Customer Name", "Mobile"], [
        ["C1", "Sharon Carpentry", "+972-50-123-4567"], ["C2", "Herzl Cafe", ""]])
    result = read_invoices(path)
    assert result.kind == "contacts"
    assert [(c.customer_id, c.phone) for c in result.contacts] == [("C1", "+972-50-123-4567"), ("C2", "")]
    # A file of phones wants no emails: only the customer with neither is named.
    assert [w for w in result.warnings if "no valid email" in w] == [
        w for w in result.warnings if "customer C2 " in w] != []


# ---- the ledger -------------------------------------------------------------------------------

NOW = dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def _invoice(number: str, cid: str, phone: str) -> Invoice:
    return Invoice(number, cid, "נגריית השרון", (), None, dt.date(2026, 11, 1), Decimal("100.00"),
                   Decimal("100.00"), phone=phone)


def _snapshot(ledger: Ledger, sha: str, day: int, invoices: list[Invoice]) -> None:
    result = ImportResult("test", tuple(invoices))
    outcome = ledger.apply_snapshot(source="s", file_name=f"{sha}.xlsx", sha256=sha,
                                    snapshot_at=NOW + dt.timedelta(days=day), result=result,
                                    now=NOW + dt.timedelta(days=day), max_close_fraction=1.0, brake_min_open=100)
    assert outcome.status == "applied", outcome.message


def _phones(ledger: Ledger) -> dict[str, str]:
    return {c.customer.id: c.customer.phone for c in ledger.customer_states(dt.date(2026, 12, 1))}


@pytest.fixture
def place(tmp_path, ledger_backend) -> Place:
    return Place(tmp_path, ledger_backend)


def test_a_file_that_states_a_phone_sets_it_and_one_that_does_not_keeps_it(place):
    with place.open() as ledger:
        _snapshot(ledger, "a", 0, [_invoice("1", "C1", "050-1234567"), _invoice("2", "C1", "03-5551234"),
                                   _invoice("3", "C2", "")])
        assert _phones(ledger) == {"C1": "050-1234567; 03-5551234", "C2": ""}
        ledger.apply_contacts(source="c", file_name="contacts.xlsx", sha256="c", snapshot_at=NOW, now=NOW,
                              result=ImportResult("test", (), kind="contacts", contacts=(
                                  Contact("C2", "קפה הרצל", phone="052-7654321"), Contact("C1", "נגריית השרון"))))
        assert _phones(ledger) == {"C1": "050-1234567; 03-5551234", "C2": "052-7654321"}
        _snapshot(ledger, "b", 1, [_invoice("1", "C1", ""), _invoice("3", "C2", "04-8123456")])
        assert _phones(ledger) == {"C1": "050-1234567; 03-5551234", "C2": "04-8123456"}
        assert [c["phones"] for c in ledger.status(dt.date(2026, 12, 1))] == [
            ["050-1234567", "03-5551234"], ["04-8123456"]]


def test_an_older_ledger_gains_the_phone_column(place):
    with place.open() as ledger:
        _snapshot(ledger, "a", 0, [_invoice("1", "C1", "")])
    # As the program before phones left it (on PostgreSQL it also wrote that SCHEMA's fingerprint).
    place.tamper("ALTER TABLE customers DROP COLUMN phone",
                 "UPDATE meta SET value='older' WHERE key='schema_sha256'")
    with place.open() as ledger:
        assert "phone" in ledger._columns("customers")
        assert _phones(ledger) == {"C1": ""}
        assert ledger.status(dt.date(2026, 12, 1))[0]["phone"] == ""
        _snapshot(ledger, "b", 1, [_invoice("1", "C1", "050-1234567")])
        assert _phones(ledger) == {"C1": "050-1234567"}


# ---- what a person sees -----------------------------------------------------------------------

def _config(workdir: Path) -> str:
    return str(workdir / "config.toml")


def _status(workdir: Path, now: dt.datetime) -> dict:
    return json.loads(run_cli("status", "--config", _config(workdir), "--now", now.isoformat(), "--json").stdout)


def _drop_export(workdir: Path, name: str, header: list[str], rows: list[list]) -> None:
    _xlsx(workdir / "drop" / name, header, rows)


def test_the_call_list_carries_the_phone_from_the_export(workdir):
    late = D.date() - dt.timedelta(days=20)
    _drop_export(workdir, "open-2026-12-01.xlsx", INVOICE_HEADER, [
        # No email: a person has to phone; the largest debt first.
        ["C1", "נגריית השרון", "050-1234567", "", "A-1", late, 1200],
        ["C2", "קפה הרצל", "", "", "A-2", late - dt.timedelta(days=9), 4000],
        ["C3", "יוגה שקט", "03-5551234", "c3@cust.example", "A-3", late, 500],
    ])
    assert main(["run", "--config", _config(workdir), "--now", D.isoformat()]) == 0
    doc = _status(workdir, D)
    assert doc["call_list"] == ["C1", "C2"]   # unchanged: ids
    calls = doc["calls"]
    assert [(k["customer_id"], k["phone"], k["phones"]) for k in calls] == [
        ("C2", "", []), ("C1", "050-1234567", ["050-1234567"])]
    assert calls[1]["balance"] == {"ILS": "1200.00"} and calls[1]["oldest_due"] == late.isoformat()
    assert calls[1]["reason"] == "no working email address"
    customers = {c["customer_id"]: c for c in doc["customers"]}
    assert customers["C3"]["phone"] == "03-5551234" and customers["C2"]["phone"] == ""

    text = run_cli("status", "--config", _config(workdir), "--now", D.isoformat()).stdout
    lines = {line.split()[0]: line for line in text.split("Call list")[1].splitlines()[1:] if line.strip()}
    assert "050-1234567" in lines["C1"] and "1,200.00" in lines["C1"]
    assert "—" in lines["C2"] and "None" not in text   # no number: a dash, nothing odd
    assert text.index("C2 ", text.index("Call list")) < text.index("C1 ", text.index("Call list"))

    planned = json.loads(run_cli("plan", "--config", _config(workdir), "--now", D.isoformat(), "--json").stdout)
    assert [k["phone"] for k in planned["calls"]] == ["", "050-1234567"]
    assert "050-1234567" in run_cli("plan", "--config", _config(workdir), "--now", D.isoformat()).stdout


def test_a_contacts_file_gives_the_call_list_its_phone(workdir):
    late = D.date() - dt.timedelta(days=20)
    _drop_export(workdir, "open-2026-12-01.xlsx", ["מס' לקוח", "שם לקוח", 'דוא"ל', "מס' חשבונית", "תאריך פירעון",
                                                   "סכום"], [["C1", "נגריית השרון", "", "A-1", late, 1200]])
    assert main(["run", "--config", _config(workdir), "--now", D.isoformat()]) == 0
    assert [k["phone"] for k in _status(workdir, D)["calls"]] == [""]
    _drop_export(workdir, "contacts.xlsx", ["קוד לקוח", "שם לקוח", "פלאפון", 'דוא"ל'],
                 [["C1", "נגריית השרון", "+972 52 765 4321", ""]])
    assert main(["run", "--config", _config(workdir), "--now", D.isoformat()]) in (0, 1)
    calls = _status(workdir, D)["calls"]
    assert [(k["customer_id"], k["phone"], k["phone_as_written"]) for k in calls] == [
        ("C1", "052-7654321", "+972 52 765 4321")]


def test_the_digest_lists_the_phone_isolated(workdir):
    write_config(workdir, '[digest]\nto = "owner@gefen-studio.example"\nat = "09:00"\n')
    late = D.date() - dt.timedelta(days=20)
    _drop_export(workdir, "open-2026-12-01.xlsx", INVOICE_HEADER, [
        ["C1", "נגריית השרון", "050-1234567", "", "A-1", late, 1200],
        ["C2", "קפה הרצל", "", "", "A-2", late, 400]])
    assert main(["run", "--config", _config(workdir), "--now", D.isoformat()]) == 0
    digests = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
               for p in sorted((workdir / "outbox").glob("*.eml"))]
    digest = next(m for m in digests if m["To"].addresses[0].addr_spec == "owner@gefen-studio.example")
    text = digest.get_body(("plain",)).get_content()
    line = next(x for x in text.splitlines() if "נגריית השרון" in x)
    assert f"טלפון {LRI}050-1234567{PDI}" in line
    other = next(x for x in text.splitlines() if "קפה הרצל" in x)
    assert "טלפון" not in other and "None" not in other
    html = digest.get_body(("html",)).get_content()
    assert '<a href="tel:+972501234567"' in html and '<span dir="ltr"' in html


def test_a_contacts_file_and_an_export_dropped_together_are_both_applied(workdir):
    """The contacts file's date (the copy's time) is later than the export's: it must not make the
    export of the same source look stale, in whatever order the two are read."""
    late = D.date() - dt.timedelta(days=20)
    _drop_export(workdir, "open-2026-12-01.xlsx", ["מס' לקוח", "שם לקוח", 'דוא"ל', "מס' חשבונית", "תאריך פירעון",
                                                   "סכום"], [["C1", "נגריית השרון", "", "A-1", late, 1200]])
    _drop_export(workdir, "a-contacts.xlsx", ["קוד לקוח", "שם לקוח", "פלאפון"],
                 [["C1", "נגריית השרון", "052-7654321"]])
    out = run_cli("run", "--config", _config(workdir), "--now", D.isoformat(), "-v")
    assert "stale" not in out.stdout + out.stderr and "older than" not in out.stdout + out.stderr
    calls = _status(workdir, D)["calls"]
    assert [(k["customer_id"], k["phone"]) for k in calls] == [("C1", "052-7654321")]
    # The next export of the same source is read as usual.
    _drop_export(workdir, "open-2026-12-02.xlsx", ["מס' לקוח", "שם לקוח", 'דוא"ל', "מס' חשבונית", "תאריך פירעון",
                                                   "סכום"], [["C1", "נגריית השרון", "", "A-1", late, 700]])
    later = D + dt.timedelta(days=1)
    run_cli("run", "--config", _config(workdir), "--now", later.isoformat())
    status = _status(workdir, later)
    balances = [c["balance"] for c in status["customers"] if c["customer_id"] == "C1"]
    assert balances and "700" in json.dumps(balances[0])
