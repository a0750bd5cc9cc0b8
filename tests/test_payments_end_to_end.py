"""With real files: an export, then a bank statement with payments, then `run`. The customers
who paid get a thank-you and no reminder; the unsure credit holds its customer and is listed;
a person confirms it; an overlapping statement changes nothing; a later export that still
lists a bank-paid invoice does not re-open it."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import os
from pathlib import Path

from books import book, write_xlsx
from conftest import D, run_cli
from dunning_mailer.cli import main

BOTH_LEDGERS = True  # the bank payments cycle runs on SQLite and on PostgreSQL too (conftest.py)

LEUMI_HEAD = ["תאריך", "תאריך ערך", "תיאור", "אסמכתא", "בחובה", "בזכות", 'היתרה בש"ח', "תאור מורחב"]


def leumi_statement(path: Path, moves: list[tuple[dt.date, str, str, float]]) -> Path:
    """A Leumi download (an HTML table saved as .xls): (date, description, extended, amount);
    the bank's reference is the movement's own (the same in every download that shows it)."""
    rows = ["<html><head><meta charset='utf-8'></head><body><table><tr><td>בנק לאומי</td></tr>"
            "<tr><td>תנועות בחשבון מספר 800-55555</td></tr></table><table><tr>"
            + "".join(f"<td class='xlHeader'>{h}</td>" for h in LEUMI_HEAD) + "</tr>"]
    for date, desc, extended, amount in moves:
        debit, credit = (f"{-amount:,.2f}", "") if amount < 0 else ("", f"{amount:,.2f}")
        reference = str(70000 + sum(map(ord, desc + extended)) % 9000)
        cells = [f"{date:%d/%m/%Y}", f"{date:%d/%m/%Y}", desc, reference, debit, credit, "1,000.00", extended]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    path.write_text("\n".join(rows) + "</table></body></html>", encoding="utf-8")
    return path


def run(workdir: Path, now: dt.datetime) -> int:
    return main(["run", "--config", str(workdir / "config.toml"), "--now", now.isoformat()])


def cli_json(workdir: Path, *args: str) -> dict:
    r = run_cli(*args, "--config", str(workdir / "config.toml"), "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def sent_since(workdir: Path, before: set[Path]) -> dict[str, str]:
    """Recipient -> subject of each new .eml."""
    out = {}
    for p in sorted((workdir / "outbox").glob("*.eml")):
        if p not in before:
            msg = email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            out[msg["To"].addresses[0].addr_spec] = str(msg["Subject"])
    return out


def test_bank_payments_close_thank_and_hold(workdir: Path):
    snapshot = D.date() - dt.timedelta(days=1)
    rows = book(snapshot)
    write_xlsx(workdir / "drop" / f"open-{snapshot}.xlsx", rows)
    assert run(workdir, D) == 0
    first = set((workdir / "outbox").glob("*.eml"))
    by_customer = {}
    for r in rows:
        by_customer.setdefault(r.customer_id, []).append(r)
    dana, cafe, alon, yoga = by_customer["1001"], by_customer["1004"], by_customer["1005"], by_customer["1006"]
    day = D.date() + dt.timedelta(days=2)
    moves = [
        (day, "העברה דיגיטל", "נגריית השרון בע\"מ", float(sum(r.balance for r in dana))),     # name + all open
        *[(day, "הע. אינטרנט", f"תשלום חשבונית {r.number}", float(r.balance)) for r in cafe],  # numbers
        (day, "העברה דיגיטל", "מ. פרידמן", float(alon[1].balance)),                            # only the amount fits
        (day, "שוברי אשראי", "ישראכרט", float(yoga[0].balance)),                               # a card settlement
        (day, "עמלת ערוץ", "", -12.5),
    ]
    leumi_statement(workdir / "drop" / "leumi-2026-12.xls", moves)
    later = D + dt.timedelta(days=7)
    assert run(workdir, later) == 0

    new = sent_since(workdir, first)
    dana_to, cafe_to, alon_to, yoga_to = (x[0].email for x in (dana, cafe, alon, yoga))
    assert dana_to in new and cafe_to in new, new
    history = cli_json(workdir, "history")["items"]
    thanked = {i["customer_id"] for i in history if i["kind"] == "email" and i["stage"] == "thank_you"}
    reminded_later = {i["customer_id"] for i in history if i["kind"] == "email" and i["stage"] != "thank_you"
                      and i["at"] >= later.isoformat()[:10]}
    assert {"1001", "1004"} <= thanked and not {"1001", "1004"} & reminded_later
    bank_paid = [i for i in history if i["kind"] == "paid" and i.get("reason") == "bank"]
    assert {i["number"] for i in bank_paid} == {r.number for r in dana + cafe}
    assert all(i["line"]["description"] and i["line"]["date"] == day.isoformat() for i in bank_paid)
    assert alon_to not in new   # held: a person decides

    status = cli_json(workdir, "status", "--now", later.isoformat())
    review = status["payments_to_review"]
    assert [p["customers"] for p in review] == [["1005"]]
    assert any(n["customer_id"] == "1005" for n in status["needs_person"])
    assert {"1001", "1004"}.isdisjoint(c["customer_id"] for c in status["customers"])
    assert "1006" in {c["customer_id"] for c in status["customers"]}   # the card settlement paid nothing
    payments = cli_json(workdir, "payments")
    assert payments["to_review"] == [review[0]["id"]]
    statuses = sorted(p["status"] for p in payments["payments"])
    assert statuses == ["matched"] * 4 + ["review", "unrelated"]

    # A person confirms the unsure one: the invoice closes, the hold ends, the payer is learned.
    n = str(review[0]["id"])
    assert main(["payments", "confirm", n, "--config", str(workdir / "config.toml"), "--now", later.isoformat()]) == 0
    status = cli_json(workdir, "status", "--now", later.isoformat())
    assert status["payments_to_review"] == []
    alon_open = next(c for c in status["customers"] if c["customer_id"] == "1005")
    assert alon[1].number not in {i["number"] for i in alon_open["invoices"]}
    assert alon_open["pause"] is None

    # The same movements in an overlapping download count once.
    leumi_statement(workdir / "drop" / "leumi-2026-12-b.xls", moves[2:] + [(day, "הע. אינטרנט", "גל", 10.0)])
    assert run(workdir, later + dt.timedelta(hours=1)) == 0
    assert len(cli_json(workdir, "payments")["payments"]) == 7

    # The accounting export has not caught up: it still lists Dana's invoices. They stay closed.
    write_xlsx(workdir / "drop" / f"open-{later.date()}.xlsx", rows)
    assert run(workdir, later + dt.timedelta(hours=2)) == 0
    status = cli_json(workdir, "status", "--now", later.isoformat())
    assert "1001" not in {c["customer_id"] for c in status["customers"]}
    history = cli_json(workdir, "history")["items"]
    assert {i["number"] for i in history if i["kind"] == "bank_paid_still_listed"} >= {r.number for r in dana}


def test_inspect_says_bank_statement(workdir: Path):
    path = leumi_statement(workdir / "s.xls", [(D.date(), "העברה דיגיטל", "דנה לוי עיצוב", 100.0)])
    doc = cli_json(workdir, "inspect", str(path))
    assert doc["kind"] == "bank_statement" and doc["unused_columns"] == []
    assert doc["lines"][0]["amount"] == "100.00" and doc["lines"][0]["description"] == "העברה דיגיטל דנה לוי עיצוב"


def test_drop_bank_folder_takes_statements_only(workdir: Path):
    import shutil

    bank = workdir / "drop" / "bank"
    bank.mkdir()
    fixtures = Path(__file__).parent / "bank"
    for name in ("statement.sta", "camt053.xml", "statement.ofx"):
        shutil.copyfile(fixtures / name, bank / name)
    (workdir / "drop" / "notes.txt").write_text("call the bank on Sunday\n", encoding="utf-8")
    export = write_xlsx(bank / "open-2026-11-30.xlsx", book(D.date()))
    os.utime(export, (export.stat().st_atime - 600, export.stat().st_mtime - 600))   # not still arriving (SETTLE_SECONDS)
    assert run(workdir, D) == 1   # the export in drop/bank/ is refused, the rest goes on
    assert (workdir / "drop" / "notes.txt").exists()
    rejected = list((workdir / "drop" / "rejected").glob("*.error.txt"))
    assert len(rejected) == 1 and "is for bank statements" in rejected[0].read_text(encoding="utf-8")
    lines = cli_json(workdir, "payments")["payments"]
    assert len(lines) == 7   # the credits of the three statements: MT940 2, CAMT.053 3, OFX 2
