"""The spine: an export dropped in a folder becomes Hebrew reminders, each sent exactly once."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import os
import re
import time
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from books import book, write_csv, write_xlsx
from conftest import D, run_cli, write_config
from dunning_mailer.cli import main

HEBREW = re.compile(r"[\u0590-\u05FF]")
BOTH_LEDGERS = True  # every test here runs on SQLite and on PostgreSQL (conftest.py)


def emls(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.eml"))


def parse(path_or_bytes):
    raw = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    return email.message_from_bytes(raw, policy=email.policy.default)


def run(workdir: Path, now: dt.datetime, *extra: str) -> int:
    return main(["run", "--config", str(workdir / "config.toml"), "--now", now.isoformat(), *extra])


def plan_json(workdir: Path, now: dt.datetime) -> dict:
    r = run_cli("plan", "--config", str(workdir / "config.toml"), "--now", now.isoformat(), "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def due_customers(workdir: Path, now: dt.datetime) -> set[str]:
    return {e["customer_id"] for e in plan_json(workdir, now)["emails"]}


def test_one_email_per_due_customer_then_nothing_twice(workdir: Path):
    snapshot = D.date() - dt.timedelta(days=1)
    rows = book(snapshot)
    write_xlsx(workdir / "drop" / f"open-{snapshot}.xlsx", rows)

    assert run(workdir, D) == 0
    sent = emls(workdir / "outbox")
    customers = {r.customer_id for r in rows}
    # Who should get mail: anyone with an invoice past due, or due within 3 days.
    expected = {r.customer_id for r in rows if (D.date() - r.due).days >= -3}
    recipients = [parse(p)["To"].addresses[0].addr_spec for p in sent]
    assert len(sent) == len(expected) and len(set(recipients)) == len(recipients)
    assert {f"billing{int(c) - 1000}@cust{int(c) - 1000}.example" for c in expected} == set(recipients)
    assert expected < customers  # some customers have nothing due and got nothing

    # The same moment again: nothing new.
    assert run(workdir, D) == 0
    assert emls(workdir / "outbox") == sent

    # A week later: only stages that became due since.
    later = D + dt.timedelta(days=7)
    expected_later = due_customers(workdir, later)
    assert run(workdir, later) == 0
    new = [p for p in emls(workdir / "outbox") if p not in sent]
    assert len(new) == len(expected_later)
    history = json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)
    stages_by_invoice: dict[str, list[str]] = {}
    for item in history["items"]:
        if item["kind"] == "email":
            for inv in item["invoices"]:
                stages_by_invoice.setdefault(inv["number"], []).append(inv["stage"])
    for number, stages in stages_by_invoice.items():
        assert len(stages) == len(set(stages)), f"{number} got a stage twice: {stages}"


def test_email_shape(workdir: Path):
    snapshot = D.date() - dt.timedelta(days=1)
    rows = book(snapshot)
    write_xlsx(workdir / "drop" / f"open-{snapshot}.xlsx", rows)
    assert run(workdir, D) == 0
    history = json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)
    ids = {i["message_id"]: i for i in history["items"] if i["kind"] == "email"}
    files = emls(workdir / "outbox")
    assert files and len(files) == len(ids)
    for path in files:
        raw = path.read_bytes()
        msg = parse(raw)
        assert msg.get_content_type() == "multipart/alternative"
        text = msg.get_body(("plain",))
        html = msg.get_body(("html",))
        assert text.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
        body_text, body_html = text.get_content(), html.get_content()
        assert re.search(r'<html[^>]*dir="rtl"', body_html) and re.search(r'<html[^>]*lang="he"', body_html)
        raw_subject = re.search(rb"^Subject:(.*?)\r\n(?! )", raw, re.S | re.M).group(1).decode()
        subject = str(make_header(decode_header(raw_subject)))
        assert HEBREW.match(subject.strip()), subject
        assert msg["Message-ID"] in ids
        assert msg["Message-ID"].endswith("@gefen-studio.example>")
        for header in ("Auto-Submitted", "X-Auto-Response-Suppress", "Precedence"):
            assert header not in msg
        for inv in ids[msg["Message-ID"]]["invoices"]:
            amount = f"{float(inv['balance']):,.2f}"
            for part in (body_text, body_html):
                assert inv["number"] in part
                assert amount in part


def test_newer_snapshot_closes_paid_invoices_for_good(workdir: Path):
    snapshot = D.date() - dt.timedelta(days=1)
    rows = book(snapshot)
    write_xlsx(workdir / "drop" / f"open-{snapshot}.xlsx", rows)
    assert run(workdir, D) == 0
    paid = {r.number for r in rows[::4]}  # a quarter of them were paid
    later = D + dt.timedelta(days=14)
    write_xlsx(workdir / "drop" / f"open-{later.date()}.xlsx", [r for r in rows if r.number not in paid])
    before = set(emls(workdir / "outbox"))
    for step in range(0, 60, 1):
        assert run(workdir, later + dt.timedelta(days=step)) == 0
    for path in set(emls(workdir / "outbox")) - before:
        msg = parse(path)
        body = msg.get_body(("plain",)).get_content() + msg.get_body(("html",)).get_content()
        for number in paid:
            assert number not in body, f"{number} was paid but {path.name} mentions it"
    status = json.loads(run_cli("status", "--config", str(workdir / "config.toml"),
                                "--now", later.isoformat(), "--json").stdout)
    open_numbers = {i["number"] for c in status["customers"] for i in c["invoices"]}
    assert not open_numbers & paid


def test_older_snapshot_changes_nothing(workdir: Path):
    rows = book(D.date())
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", rows)
    assert run(workdir, D) == 0
    write_xlsx(workdir / "drop" / "open-2026-11-20.xlsx", rows[:3])
    assert run(workdir, D) == 0
    history = json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)
    imports = [i for i in history["items"] if i["kind"] == "import"]
    assert [i["status"] for i in imports] == ["applied", "stale"]
    assert "older" in imports[1]["report"]
    status = json.loads(run_cli("status", "--config", str(workdir / "config.toml"), "--json").stdout)
    assert sum(len(c["invoices"]) for c in status["customers"]) == len(rows)


def test_safety_brake_then_force(workdir: Path):
    rows = book(D.date())
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", rows)
    assert run(workdir, D) == 0
    truncated = workdir / "drop" / "open-2026-12-01.xlsx"
    write_xlsx(truncated, rows[:5])
    r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", D.isoformat())
    assert r.returncode == 1 and "--force" in r.stderr
    assert truncated.exists()  # left where it was
    status = json.loads(run_cli("status", "--config", str(workdir / "config.toml"), "--json").stdout)
    assert sum(len(c["invoices"]) for c in status["customers"]) == len(rows)
    assert run(workdir, D, "--force") == 0
    assert not truncated.exists()
    status = json.loads(run_cli("status", "--config", str(workdir / "config.toml"), "--json").stdout)
    assert sum(len(c["invoices"]) for c in status["customers"]) == 5


def test_bad_file_is_rejected_with_a_report_and_the_rest_still_runs(workdir: Path):
    write_csv(workdir / "drop" / "good-2026-11-30.csv", book(D.date()))
    bad = workdir / "drop" / "broken.xlsx"
    bad.write_bytes(b"this is not a spreadsheet")
    # Just copied in, it might be incomplete: it waits for the next cycle, nothing is lost.
    r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", D.isoformat(), "-v")
    assert r.returncode == 0 and "broken.xlsx: waiting" in r.stdout and bad.exists()
    old = time.time() - 600
    os.utime(bad, (old, old))
    r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", D.isoformat())
    assert r.returncode == 1
    assert "broken.xlsx" in r.stderr
    rejected = list((workdir / "drop" / "rejected").iterdir())
    assert any(p.name.endswith("broken.xlsx") for p in rejected)
    report = next(p for p in rejected if p.name.endswith(".error.txt"))
    assert "broken.xlsx" in report.read_text(encoding="utf-8")
    assert emls(workdir / "outbox")  # the good file was processed and its reminders went out
    assert any(p.name.endswith("good-2026-11-30.csv") for p in (workdir / "drop" / "processed").iterdir())


@pytest.mark.parametrize("command", [["plan", "--json"], ["status", "--json"], ["history", "--json"]])
def test_json_commands_print_only_json(workdir: Path, command):
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    assert run(workdir, D) == 0
    r = run_cli(*command, "--config", str(workdir / "config.toml"), "-v")
    assert r.returncode == 0, r.stderr
    json.loads(r.stdout)


def test_inspect_json(tmp_path: Path):
    path = write_xlsx(tmp_path / "book.xlsx", book(D.date()))
    r = run_cli("inspect", str(path), "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["header_row"] == 3 and len(doc["invoices"]) == 36
    assert {"number", "customer_id", "customer_name", "due_date", "balance"} <= set(doc["columns"])


def test_plan_json_shape(workdir: Path):
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    main(["run", "--config", str(workdir / "config.toml"), "--now", (D - dt.timedelta(days=30)).isoformat()])
    doc = plan_json(workdir, D)
    assert doc["emails"]
    for e in doc["emails"]:
        assert {"customer_id", "recipients", "stage", "invoices"} <= set(e)
        for inv in e["invoices"]:
            assert {"number", "due_date", "balance", "currency"} <= set(inv)
    assert isinstance(doc["held"], list)


def test_bad_config_key_exits_2_and_names_it(tmp_path: Path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[transport]\nkind = "pigeon"\nhots = "x"\n[policy]\nmin_days_between = "five"\n',
                   encoding="utf-8")
    r = run_cli("run", "--config", str(cfg))
    assert r.returncode == 2
    for key in ("transport.kind", "transport.hots", "policy.min_days_between"):
        assert key in r.stderr


def test_smtp_one_connection_for_a_cycle(workdir: Path, smtp_sink):
    write_config(workdir, f'[transport]\nkind = "smtp"\nhost = "127.0.0.1"\nport = {smtp_sink.port}\n'
                          f'security = "none"\n')
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    expected = due_customers_after_import(workdir)
    assert run(workdir, D) == 0
    assert len(smtp_sink.messages) == expected > 3
    assert len(smtp_sink.sessions) == 1
    for mail_from, rcpts, raw in smtp_sink.messages:
        assert mail_from == "billing@gefen-studio.example"
        assert parse(raw)["Message-ID"]
    assert run(workdir, D) == 0
    assert len(smtp_sink.messages) == expected


def due_customers_after_import(workdir: Path) -> int:
    r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", D.isoformat(), "--dry-run")
    assert r.returncode == 0, r.stderr
    m = re.search(r"Would send (\d+) email", r.stdout)
    return int(m.group(1)) if m else 0


def test_dry_run_keeps_nothing(workdir: Path):
    dropped = write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", D.isoformat(), "--dry-run")
    assert r.returncode == 0 and "Would send" in r.stdout
    assert dropped.exists() and not emls(workdir / "outbox")
    status = json.loads(run_cli("status", "--config", str(workdir / "config.toml"), "--json").stdout)
    assert status["customers"] == []


def test_a_reply_pauses_the_customer_until_resume(workdir: Path):
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    assert run(workdir, D) == 0
    first = parse(emls(workdir / "outbox")[0])
    customer = first["To"].addresses[0].addr_spec
    reply = (f"From: {customer}\r\nTo: billing@gefen-studio.example\r\nSubject: =?utf-8?b?"
             + __import__("base64").b64encode("תשובה: החשבונית".encode()).decode()
             + f"?=\r\nMessage-ID: <r1@cust.example>\r\nIn-Reply-To: {first['Message-ID']}\r\n"
             "Content-Type: text/plain; charset=utf-8\r\n\r\n").encode() + "קיבלנו, נבדוק ונחזור אליכם.\r\n".encode()
    (workdir / "mail" / "new" / "1700000000.r1.host").write_bytes(reply)
    later = D + dt.timedelta(days=40)
    assert run(workdir, later) == 0
    history = json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)
    replies = [i for i in history["items"] if i["kind"] == "reply"]
    assert len(replies) == 1 and replies[0]["matched_by"] == "thread"
    cid = replies[0]["customer_id"]
    emails_to = [i for i in history["items"] if i["kind"] == "email" and i["customer_id"] == cid]
    assert len(emails_to) == 1  # nothing after the reply
    doc = plan_json(workdir, later + dt.timedelta(days=1))
    assert any(h["customer_id"] == cid and "paused" in h["reason"] for h in doc["held"])
    assert main(["resume", cid, "--config", str(workdir / "config.toml")]) == 0
    assert cid in due_customers(workdir, later + dt.timedelta(days=1))
    # Read once: the same message is not logged again.
    assert run(workdir, later + dt.timedelta(days=1)) == 0
    history = json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)
    assert len([i for i in history["items"] if i["kind"] == "reply"]) == 1


def test_ledger_file_is_private(workdir: Path, ledger_backend):
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    assert run(workdir, D) == 0
    if ledger_backend is None:
        assert (workdir / "dunning.sqlite3").stat().st_mode & 0o777 == 0o600
        return
    # PostgreSQL: no ledger file at all, and the database password is in nothing written.
    from postgres import PASSWORD
    assert not list(workdir.parent.rglob("*.sqlite3"))
    assert not [p for p in workdir.parent.rglob("*") if p.is_file() and PASSWORD.encode() in p.read_bytes()]


def test_nothing_goes_out_on_shabbat(workdir: Path):
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    saturday = dt.datetime(2026, 12, 5, 11, 0, tzinfo=D.tzinfo)
    assert run(workdir, saturday) == 0
    assert not emls(workdir / "outbox")
    doc = plan_json(workdir, saturday)
    assert doc["sending"] is False and doc["next_sending"].startswith("2026-12-06T09:00")


def test_run_refuses_to_send_with_a_broken_template_and_says_which(workdir: Path):
    reminder = workdir / "templates" / "he" / "reminder.md"
    reminder.write_text(reminder.read_text(encoding="utf-8").replace(
        "# הודעה\n", "# הודעה\nכדי שנוכל לשלם לספקים, נבקש להסדיר.\n\n", 1), encoding="utf-8")
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", D.isoformat())
    assert r.returncode == 1
    assert "reminder.md" in r.stderr and "C2" in r.stderr
    assert not emls(workdir / "outbox")
    check = run_cli("templates", "check", "--config", str(workdir / "config.toml"))
    assert check.returncode == 1 and "reminder.md:" in check.stdout


def test_a_clean_templates_check_is_remembered_until_the_templates_or_texts_change(workdir: Path):
    from dunning_mailer.config import load
    from dunning_mailer.ledger import open_ledger

    config = str(workdir / "config.toml")
    assert run_cli("run", "--config", config, "--now", D.isoformat()).returncode == 0  # makes the ledger
    assert run_cli("templates", "check", "--config", config).returncode == 0
    with open_ledger(load(workdir / "config.toml")) as ledger:
        marks = {k for (k,) in ledger.db.execute("SELECT key FROM meta WHERE key LIKE 'templates_ok:%'")}
    assert any(k.endswith("/templates/he") for k in marks)
    # An edit after the check is checked again by the run that would send it.
    reminder = workdir / "templates" / "he" / "reminder.md"
    original = reminder.read_text(encoding="utf-8")
    reminder.write_text(original.replace(
        "# הודעה\n", "# הודעה\nכדי שנוכל לשלם לספקים, נבקש להסדיר.\n\n", 1), encoding="utf-8")
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    r = run_cli("run", "--config", config, "--now", D.isoformat())
    assert r.returncode == 1 and "C2" in r.stderr and not emls(workdir / "outbox")
    # So is a business text from the config that the templates print.
    reminder.write_text(original, encoding="utf-8")
    text = (workdir / "config.toml").read_text(encoding="utf-8")
    (workdir / "config.toml").write_text(text.replace('signature_role = "הנהלת חשבונות"',
                                                      'signature_role = "כדי שנוכל לשלם לספקים"'), encoding="utf-8")
    r = run_cli("run", "--config", config, "--now", D.isoformat())
    assert r.returncode == 1 and "C2" in r.stderr and not emls(workdir / "outbox")


def test_a_contacts_sheet_in_the_invoices_workbook_gives_the_addresses(workdir: Path):
    """One workbook: open invoices without emails on the first sheet, a contacts sheet beside it."""
    from openpyxl import Workbook

    write_config(workdir, '[[stage]]\nname = "reminder"\ndays = 3\ncc_account_manager = true\n')
    wb = Workbook()
    ws = wb.active
    ws.title = "חשבוניות פתוחות"
    ws.append(["מס' חשבונית", "מס' לקוח", "שם לקוח", "תאריך", "תאריך פירעון", "סכום", "יתרה"])
    ws.append(["3001", "601", "נגריית השרון", "01/10/2026", "20/11/2026", "2,340.00", "2,340.00"])
    ws.append(["3002", "602", "קפה פינה", "05/10/2026", "22/11/2026", "780.00", "780.00"])
    contacts = wb.create_sheet("אנשי קשר")
    contacts.append(["מס' לקוח", "שם לקוח", "דוא\"ל", "מנהל תיק", "מייל מנהל תיק"])
    contacts.append(["601", "נגריית השרון", "office@sharon-wood.example", "רונית", "ronit@gefen-studio.example"])
    contacts.append(["602", "קפה פינה", "hello@pina.example", "", ""])
    path = workdir / "drop" / "open-2026-11-30.xlsx"
    wb.save(path)
    inspect = json.loads(run_cli("inspect", str(path), "--json").stdout)
    assert inspect["kind"] == "invoices" and len(inspect["invoices"]) == 2
    assert any("2 customers' contacts" in w for w in inspect["warnings"])

    assert run(workdir, D) == 0
    sent = {parse(p)["To"].addresses[0].addr_spec: parse(p) for p in emls(workdir / "outbox")}
    assert set(sent) == {"office@sharon-wood.example", "hello@pina.example"}
    assert sent["office@sharon-wood.example"]["Cc"] == "ronit@gefen-studio.example"
    assert "3001" in sent["office@sharon-wood.example"].get_body(("plain",)).get_content()


def test_balances_and_contacts_files_become_statement_emails(workdir: Path):
    """An export with only a balance per customer and no emails, plus a contacts file."""
    from openpyxl import Workbook

    write_config(workdir, '[[stage]]\nname = "reminder"\ndays = 3\ncc_account_manager = true\n'
                          '[[stage]]\nname = "checkin"\ndays = 10\n')
    wb = Workbook()
    ws = wb.active
    ws.append(["יתרות לקוחות נכון ל-20/11/2026"])
    ws.append([])
    ws.append(["מס' לקוח", "שם לקוח", "יתרה"])
    ws.append(["501", "סטודיו אורן", "4,250.00"])
    ws.append(["502", "מאפיית הבוקר", "980.00"])
    ws.append(['סה"כ', "", "5,230.00"])
    wb.save(workdir / "drop" / "balances-2026-11-30.xlsx")
    wb = Workbook()
    ws = wb.active
    ws.append(["מס' לקוח", "שם לקוח", "דוא\"ל", "מנהל תיק", "מייל מנהל תיק"])
    ws.append(["501", "סטודיו אורן", "oren@studio.example", "רונית", "ronit@gefen-studio.example"])
    ws.append(["502", "מאפיית הבוקר", "boker@bakery.example; orders@bakery.example", "", ""])
    wb.save(workdir / "drop" / "contacts.xlsx")
    inspect = json.loads(run_cli("inspect", str(workdir / "drop" / "contacts.xlsx"), "--json").stdout)
    assert inspect["kind"] == "contacts" and len(inspect["contacts"]) == 2

    assert run(workdir, D) == 0
    sent = {parse(p)["To"].addresses[0].addr_spec: parse(p) for p in emls(workdir / "outbox")}
    assert set(sent) == {"oren@studio.example", "boker@bakery.example"}
    oren = sent["oren@studio.example"]
    assert oren["Cc"] == "ronit@gefen-studio.example"
    text = oren.get_body(("plain",)).get_content()
    assert "4,250.00" in text and "BAL-" not in text and "היתרה הפתוחה" in text
    bakery = sent["boker@bakery.example"]
    assert [a.addr_spec for a in bakery["To"].addresses] == ["boker@bakery.example", "orders@bakery.example"]
    assert bakery["Cc"] is None  # no account manager on file
    status = json.loads(run_cli("status", "--config", str(workdir / "config.toml"), "--json").stdout)
    names = {c["customer_id"]: c["name"] for c in status["customers"]}
    assert names == {"501": "סטודיו אורן", "502": "מאפיית הבוקר"}
