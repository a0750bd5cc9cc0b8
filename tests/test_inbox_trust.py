"""Forged mail cannot silence a customer (issue 13, item 5): a bounce or an out-of-office acts
only when it is tied to an email we sent — our Message-ID in its headers or in the returned
copy — and a bounce only for the addresses that email went to. Anything else changes nothing,
is logged, and is listed for a person. Real messages through the Maildir and through Dovecot."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import D, run_cli, write_config
from dovecot import run_with_imap
from test_inbox_kinds import FOLDER, recreate
from test_ladder import drop, one_customer, run, sent

DAY = dt.timedelta(days=1)


def bounce(failed: str, *, returned_id: str | None, frm: str = "MAILER-DAEMON@mx.cust.example", n: int = 1) -> bytes:
    returned = (f"--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {returned_id}\r\nSubject: reminder\r\n\r\n"
                if returned_id else "")
    return (f"From: {frm}\r\nTo: billing@gefen-studio.example\r\nSubject: Undelivered Mail Returned to Sender\r\n"
            f"Message-ID: <bounce-{n}@mx.cust.example>\r\nDate: Wed, 02 Dec 2026 09:01:00 +0200\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
            "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
            "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.cust.example\r\n\r\n"
            f"Final-Recipient: rfc822; {failed}\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n{returned}--B--\r\n").encode()


def out_of_office(frm: str, body: str, *, in_reply_to: str | None = None, n: int = 1) -> bytes:
    thread = f"In-Reply-To: {in_reply_to}\r\nReferences: {in_reply_to}\r\n" if in_reply_to else ""
    return (f"From: {frm}\r\nTo: billing@gefen-studio.example\r\nSubject: מענה אוטומטי: החשבונית 2026-0042\r\n"
            f"Message-ID: <ooo-{n}@elsewhere.example>\r\nAuto-Submitted: auto-replied\r\n{thread}"
            "Date: Wed, 02 Dec 2026 09:02:00 +0200\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n").encode() + body.encode()


def to_maildir(workdir: Path, raw: bytes, name: str) -> None:
    (workdir / "mail" / "new" / f"1700000000.{name}.host").write_bytes(raw)


def status(workdir: Path, now: dt.datetime, runner=None) -> dict:
    r = (runner or run_cli)("status", "--json", "--now", now.isoformat(), "--config", str(workdir / "config.toml"))
    return json.loads(r.stdout)


def started(workdir: Path):
    drop(workdir, [one_customer(D.date() - dt.timedelta(days=5))], D.date())
    assert run(workdir, D) == 0
    (email,) = sent(workdir)
    return email


def test_a_forged_bounce_marks_no_address_bad(workdir):
    started(workdir)
    to_maildir(workdir, bounce("c1@cust.example", returned_id=None), "b1")
    to_maildir(workdir, bounce("c1@cust.example", returned_id="<guessed@gefen-studio.example>", n=2), "b2")
    run(workdir, D + DAY)
    doc = status(workdir, D + DAY)
    assert doc["customers"][0]["emails"] == ["c1@cust.example"]          # still a working address
    assert "C1" not in doc["call_list"]
    reasons = [n["reason"] for n in doc["needs_person"]]
    assert len(reasons) == 2 and all("names no email we sent" in r for r in reasons)


def test_a_bounce_of_our_email_marks_that_address_and_only_that_one(workdir):
    email = started(workdir)
    to_maildir(workdir, bounce("someone.else@cust.example", returned_id=email["Message-ID"], n=3), "b3")
    run(workdir, D + DAY)
    doc = status(workdir, D + DAY)
    assert doc["customers"][0]["emails"] == ["c1@cust.example"]
    assert any("did not go to" in n["reason"] for n in doc["needs_person"])
    to_maildir(workdir, bounce("c1@cust.example", returned_id=email["Message-ID"], n=4), "b4")
    run(workdir, D + 2 * DAY)
    doc = status(workdir, D + 2 * DAY)
    assert doc["customers"][0]["emails"] == []                          # the bounced address is bad


def test_a_strangers_out_of_office_quoting_an_invoice_number_pauses_nobody(workdir):
    started(workdir)
    to_maildir(workdir, out_of_office("stranger@elsewhere.example", "אני מחוץ למשרד עד 1/1/2099. בנוגע לחשבונית 2026-0042"),
               "o1")
    run(workdir, D + DAY)
    doc = status(workdir, D + DAY)
    assert doc["customers"][0]["pause"] is None
    assert any(n["customer_id"] == "C1" and "names no email we sent" in n["reason"] for n in doc["needs_person"])


def test_our_customers_out_of_office_holds_the_reminders_but_not_until_2099(workdir):
    email = started(workdir)
    to_maildir(workdir, out_of_office("c1@cust.example", "אני מחוץ למשרד עד 15/12/2026", in_reply_to=email["Message-ID"]),
               "o2")
    run(workdir, D + DAY)
    assert status(workdir, D + DAY)["customers"][0]["pause"]["until"] == "2026-12-15"
    to_maildir(workdir, out_of_office("c1@cust.example", "אני מחוץ למשרד עד 1/1/2099", in_reply_to=email["Message-ID"], n=3),
               "o3")
    run(workdir, D + 2 * DAY)
    doc = status(workdir, D + 2 * DAY)
    assert doc["customers"][0]["pause"]["until"] == "2026-12-15"
    assert any("too far ahead" in n["reason"] for n in doc["needs_person"])


def test_forged_mail_through_dovecot_changes_nothing(workdir, dovecot):
    recreate(dovecot)
    write_config(workdir, f'[mailbox]\nkind = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.port}\n'
                          f'security = "none"\nusername = "{dovecot.user}"\nfolder = "{FOLDER}"\n')
    drop(workdir, [one_customer(D.date() - dt.timedelta(days=5))], D.date())
    r = run_with_imap(workdir, dovecot, "run", "--now", D.isoformat())
    assert r.returncode == 0, r.stderr
    dovecot.append(bounce("c1@cust.example", returned_id=None, n=5), folder=FOLDER)
    dovecot.append(out_of_office("stranger@elsewhere.example", "Out of the office until 1/1/2099. Re invoice 2026-0042",
                                 n=6), folder=FOLDER)
    r = run_with_imap(workdir, dovecot, "run", "--now", (D + DAY).isoformat())
    assert r.returncode == 0, r.stderr
    doc = status(workdir, D + DAY, runner=lambda *a: run_with_imap(workdir, dovecot, *a[:-2]))
    customer = doc["customers"][0]
    assert customer["emails"] == ["c1@cust.example"] and customer["pause"] is None
    assert len(doc["needs_person"]) == 2
    # and the reminders go on: the next stage is planned as if nothing had come
    plan = json.loads(run_with_imap(workdir, dovecot, "plan", "--json", "--now", (D + 6 * DAY).isoformat()).stdout)
    assert [e["customer_id"] for e in plan["emails"]] == ["C1"]
