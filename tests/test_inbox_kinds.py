"""A reply, a bounce and an out-of-office on a real Dovecot: each logged once with the right kind,
across a crash in the middle of the sync and a UIDVALIDITY change."""
from __future__ import annotations

import json


from books import book, write_xlsx
from conftest import D, write_config
from dovecot import run_with_imap

FOLDER = "Replies"


def recreate(dovecot):
    c = dovecot.client()
    try:
        if c.folder_exists(FOLDER):
            c.delete_folder(FOLDER)
        c.create_folder(FOLDER)
    finally:
        c.logout()


def three_messages(emails: list[dict]) -> list[bytes]:
    a, b, c = emails[0], emails[1], emails[2]
    reply = (f"From: {a['recipients'][0]}\r\nTo: billing@gefen-studio.example\r\nSubject: Re: החשבונית\r\n"
             f"Message-ID: <reply-1@cust.example>\r\nIn-Reply-To: {a['message_id']}\r\n"
             "Date: Wed, 02 Dec 2026 09:00:00 +0200\r\nContent-Type: text/plain; charset=utf-8\r\n"
             "Content-Transfer-Encoding: 8bit\r\n\r\n").encode() + "שלום, יש לי שאלה על החשבונית?\r\n".encode()
    bounce = (
        "From: MAILER-DAEMON@mx.cust.example\r\nTo: billing@gefen-studio.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <bounce-1@mx.cust.example>\r\n"
        "Date: Wed, 02 Dec 2026 09:01:00 +0200\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.cust.example\r\n\r\n"
        f"Final-Recipient: rfc822; {b['recipients'][0]}\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        f"--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {b['message_id']}\r\n"
        "Subject: reminder\r\n\r\n--B--\r\n").encode()
    ooo = (f"From: {c['recipients'][0]}\r\nTo: billing@gefen-studio.example\r\nSubject: מענה אוטומטי: החשבונית\r\n"
           "Message-ID: <ooo-1@cust.example>\r\nAuto-Submitted: auto-replied\r\n"
           f"In-Reply-To: {c['message_id']}\r\nDate: Wed, 02 Dec 2026 09:02:00 +0200\r\n"
           "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").encode() \
        + "אני מחוץ למשרד עד 15/12/2026.\r\n".encode()
    return [reply, bounce, ooo]


def replies(workdir, dovecot) -> list[dict]:
    items = json.loads(run_with_imap(workdir, dovecot, "history", "--json").stdout)["items"]
    return [i for i in items if i["kind"] == "reply"]


def test_each_kind_logged_once_across_a_crash_and_a_uidvalidity_change(workdir, dovecot):
    recreate(dovecot)
    write_config(workdir, f'[mailbox]\nkind = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.port}\n'
                          f'security = "none"\nusername = "{dovecot.user}"\nfolder = "{FOLDER}"\n')
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    r = run_with_imap(workdir, dovecot, "run", "--now", D.isoformat())
    assert r.returncode == 0, r.stderr
    items = json.loads(run_with_imap(workdir, dovecot, "history", "--json").stdout)["items"]
    emails = [i for i in items if i["kind"] == "email"]
    messages = three_messages(emails)
    for raw in messages:
        dovecot.append(raw, folder=FOLDER)

    later = D.replace(day=2)
    # Checkpoints: imported, then one after each stored message: die after the first.
    r = run_with_imap(workdir, dovecot, "run", "--now", later.isoformat(), crash_at=2)
    assert r.returncode == -9
    assert len(replies(workdir, dovecot)) == 1
    r = run_with_imap(workdir, dovecot, "run", "--now", later.isoformat())
    assert r.returncode == 0, r.stderr
    logged = replies(workdir, dovecot)
    assert sorted(i["reply_kind"] for i in logged) == ["auto_reply", "bounce", "human"]

    # The folder is re-created: a new UIDVALIDITY, the same messages again.
    recreate(dovecot)
    for raw in messages:
        dovecot.append(raw, folder=FOLDER)
    r = run_with_imap(workdir, dovecot, "run", "--now", later.replace(hour=11).isoformat())
    assert r.returncode == 0, r.stderr
    assert len(replies(workdir, dovecot)) == 3

    status = json.loads(run_with_imap(workdir, dovecot, "status", "--json", "--now", later.isoformat()).stdout)
    by_id = {c["customer_id"]: c for c in status["customers"]}
    a, b, c = (emails[k]["customer_id"] for k in range(3))
    assert "question" in by_id[a]["flags"]                                # a person answers the question
    assert emails[1]["recipients"][0] not in by_id[b]["emails"]           # the bounced address is bad
    assert by_id[c]["pause"] and by_id[c]["pause"]["until"] == "2026-12-15"  # back on the 15th
