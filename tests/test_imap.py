"""ImapMailbox against a real Dovecot 2.3 on 127.0.0.1: incremental sync, flags, UIDVALIDITY,
crashes, dropped connections, the Sent folder, and one run of the CLI end to end."""
from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from conftest import D, run_cli, server_missing, write_config
from dovecot import Dovecot, dovecot_binary, lda_binary, message
from dunning_mailer.config import Mailbox as MailboxSettings, from_mapping
from dunning_mailer.cycle import CycleReport, read_mailbox
from dunning_mailer.ledger import Ledger
from dunning_mailer.mailboxes.imap import ImapError, ImapMailbox
from dunning_mailer.model import DunningError


@pytest.fixture(scope="module")
def dovecot():
    if dovecot_binary() is None or lda_binary() is None:
        server_missing("Dovecot", "apt-get install dovecot-imapd (make system-deps installs it)")
    server = Dovecot.start(tls=shutil.which("openssl") is not None)
    try:
        yield server
    finally:
        server.stop()


_folders = itertools.count(1)


@pytest.fixture
def folder(dovecot) -> str:
    """A folder of its own for each test: the module shares one server, INBOX is the CLI test's."""
    name = f"Replies{next(_folders)}"
    c = dovecot.client()
    try:
        c.create_folder(name)
    finally:
        c.logout()
    return name


def settings(dovecot, folder="INBOX", **kw) -> MailboxSettings:
    return MailboxSettings(kind="imap", host=dovecot.host, port=dovecot.port, security="none",
                           username=dovecot.user, folder=folder, **kw)


def mailbox(dovecot, folder="INBOX", *, password=None, **kw) -> ImapMailbox:
    return ImapMailbox(settings(dovecot, folder), dovecot.password if password is None else password, **kw)


@pytest.fixture
def ledger(tmp_path):
    with Ledger(tmp_path / "ledger.sqlite3") as led:
        yield led


@pytest.fixture
def config(tmp_path):
    return from_mapping({}, base=tmp_path)


def sync(config, ledger, mb) -> list[dict]:
    """The real cycle step: each message stored with its IMAP position in one transaction."""
    report = CycleReport(now=D, dry_run=False)
    read_mailbox(config, ledger, mb, D, report)
    return report.replies


def logged(ledger) -> list[str]:
    return [r[0] for r in ledger.db.execute("SELECT message_id FROM replies ORDER BY id")]


def flags(dovecot, folder) -> dict[int, tuple]:
    c = dovecot.client()
    try:
        c.select_folder(folder, readonly=True)
        return {uid: d[b"FLAGS"] for uid, d in c.fetch(c.search(["ALL"]), ["FLAGS"]).items()}
    finally:
        c.logout()


# ---- sync ------------------------------------------------------------------------------

def test_incremental_sync_returns_only_new_messages(dovecot, folder, config, ledger):
    for n in (1, 2):
        dovecot.deliver(message(f"inc{n}"), folder)
    with mailbox(dovecot, folder) as mb:
        assert [r["subject"] for r in sync(config, ledger, mb)] == ["message inc1", "message inc2"]
        validity, last = ledger.mailbox_position(mb.name, folder)
        assert validity and last == 2
        dovecot.deliver(message("inc3"), folder)
        got = list(mb.fetch_new(ledger))
    assert [(i.uid, i.key) for i in got] == [(3, f"{folder}:{validity}:3")]
    assert got[0].folder == folder and got[0].uidvalidity == validity
    assert b"<minc3@cust.example>" in got[0].raw
    assert logged(ledger) == ["<minc1@cust.example>", "<minc2@cust.example>"]


def test_nothing_new_yields_nothing_without_select(dovecot, folder, config, ledger, monkeypatch):
    dovecot.deliver(message("quiet1"), folder)
    with mailbox(dovecot, folder) as mb:
        assert len(sync(config, ledger, mb)) == 1
        client = mb.connect()
        selects = []
        real = client.select_folder
        monkeypatch.setattr(client, "select_folder", lambda *a, **k: selects.append(a) or real(*a, **k))
        assert list(mb.fetch_new(ledger)) == []
        assert selects == []  # STATUS said UIDNEXT <= last_uid + 1
        dovecot.deliver(message("quiet2"), folder)
        assert [i.uid for i in mb.fetch_new(ledger)] == [2]
        assert len(selects) == 1


def test_uid_star_trap_never_returns_the_last_message_again(dovecot, folder, config, ledger):
    for n in (1, 2, 3):
        dovecot.deliver(message(f"trap{n}"), folder)
    with mailbox(dovecot, folder) as mb:
        assert len(sync(config, ledger, mb)) == 3
    # A fourth arrives and is deleted before we look: UIDNEXT=5 says "something new",
    # and `UID 4:*` answers with UID 3, the highest there is.
    uid = dovecot.append(message("trap4"), folder)
    c = dovecot.client()
    try:
        c.select_folder(folder)
        c.delete_messages([uid])
        c.expunge()
        assert c.search(["UID", "4:*"]) == [3]
    finally:
        c.logout()
    with mailbox(dovecot, folder) as mb:
        assert list(mb.fetch_new(ledger)) == []
        assert sync(config, ledger, mb) == []
    assert len(logged(ledger)) == 3


def test_flags_stay_untouched(dovecot, folder, ledger):
    from imapclient import SEEN

    dovecot.deliver(message("unread"), folder)
    dovecot.append(message("read"), folder, flags=[SEEN])
    before = flags(dovecot, folder)
    assert SEEN not in before[1] and SEEN in before[2]
    with mailbox(dovecot, folder) as mb:
        assert [i.uid for i in mb.fetch_new(ledger)] == [1, 2]
    assert flags(dovecot, folder) == before


@pytest.mark.parametrize("batch, max_bytes, fetches", [(3, 10**9, [3, 3, 1]), (100, 700, [2, 2, 2, 1])])
def test_batches_by_count_and_size_keep_uid_order(dovecot, folder, ledger, monkeypatch, batch, max_bytes, fetches):
    for n in range(7):
        dovecot.deliver(message(f"batch{n}"), folder)  # ~300 bytes each
    with mailbox(dovecot, folder, batch=batch, max_batch_bytes=max_bytes) as mb:
        client = mb.connect()
        real, seen = client.fetch, []
        monkeypatch.setattr(client, "fetch", lambda uids, what: (
            seen.append(len(uids)) if b"BODY.PEEK[]" in what else None) or real(uids, what))
        got = list(mb.fetch_new(ledger))
    assert [i.uid for i in got] == list(range(1, 8))
    assert all(f"<mbatch{i.uid - 1}@cust.example>".encode() in i.raw for i in got)
    assert seen == fetches


def test_new_uidvalidity_rescans_and_the_ledger_dedups(dovecot, folder, config, ledger):
    for n in (1, 2):
        dovecot.deliver(message(f"uv{n}"), folder)
    with mailbox(dovecot, folder) as mb:
        assert len(sync(config, ledger, mb)) == 2
        old_validity, _ = ledger.mailbox_position(mb.name, folder)
    # The folder is deleted and made again (a server migration does the same): new UIDVALIDITY,
    # UIDs from 1 again, the old messages back plus a new one.
    c = dovecot.client()
    try:
        c.delete_folder(folder)
        c.create_folder(folder)
    finally:
        c.logout()
    for n in (1, 2, 3):
        dovecot.deliver(message(f"uv{n}"), folder)
    with mailbox(dovecot, folder) as mb:
        replies = sync(config, ledger, mb)
        validity, last = ledger.mailbox_position(mb.name, folder)
    assert validity != old_validity and last == 3
    assert [r["subject"] for r in replies] == ["message uv3"]  # uv1, uv2: already logged
    assert logged(ledger) == [f"<muv{n}@cust.example>" for n in (1, 2, 3)]


class Crash(Exception):
    pass


def test_a_crash_mid_sync_logs_each_message_exactly_once(dovecot, folder, config, ledger, monkeypatch):
    for n in (1, 2, 3):
        dovecot.deliver(message(f"crash{n}"), folder)

    # A reader that stops after the first of three without storing anything.
    with mailbox(dovecot, folder) as mb:
        first = next(iter(mb.fetch_new(ledger)))
        assert first.uid == 1
    assert ledger.mailbox_position(mb.name, folder)[1] == 0

    # The real cycle crashes inside the second message's transaction: it rolls back.
    calls = itertools.count(1)
    real_add = ledger.add_reply

    def add_reply(**kw):
        if next(calls) == 2:
            raise Crash("power cut")
        return real_add(**kw)

    monkeypatch.setattr(ledger, "add_reply", add_reply)
    with mailbox(dovecot, folder) as mb, pytest.raises(Crash):
        sync(config, ledger, mb)
    assert logged(ledger) == ["<mcrash1@cust.example>"]
    assert ledger.mailbox_position(mb.name, folder)[1] == 1
    monkeypatch.setattr(ledger, "add_reply", real_add)

    with mailbox(dovecot, folder) as mb:
        assert [r["subject"] for r in sync(config, ledger, mb)] == ["message crash2", "message crash3"]
        assert sync(config, ledger, mb) == []
    assert logged(ledger) == [f"<mcrash{n}@cust.example>" for n in (1, 2, 3)]


def test_a_dropped_connection_mid_fetch_reconnects(dovecot, folder, ledger):
    for n in (1, 2, 3):
        dovecot.deliver(message(f"drop{n}"), folder)
    with mailbox(dovecot, folder, batch=1) as mb:
        got = []
        for incoming in mb.fetch_new(ledger):
            got.append(incoming.uid)
            if len(got) == 1:
                dovecot.kick()  # the server ends the session between two FETCHes
        assert got == [1, 2, 3]
        assert mb.reconnects == 1
    assert "kick" in dovecot.log().lower() or "disconnected" in dovecot.log().lower()


def test_a_connection_that_keeps_dropping_is_one_clear_error(dovecot, folder, ledger, monkeypatch):
    from imapclient.exceptions import IMAPClientAbortError

    dovecot.deliver(message("flaky"), folder)
    with mailbox(dovecot, folder) as mb:
        def always_drop(self, *a, **k):
            raise IMAPClientAbortError("socket error: EOF")
        monkeypatch.setattr("imapclient.IMAPClient.fetch", always_drop)
        with pytest.raises(ImapError, match="dropped while fetching"):
            list(mb.fetch_new(ledger))
        assert mb.reconnects == 1


# ---- the Sent folder and IDLE ---------------------------------------------------------------

def test_sent_folder_helpers(dovecot):
    from imapclient import SEEN

    raw = message("sent1", sender="billing@gefen-studio.example")
    # In the past: Dovecot ignores an APPEND date in the future.
    when = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2)).replace(microsecond=0)
    with mailbox(dovecot) as mb:
        assert mb.find_sent_folder() == "Sent"
        assert not mb.message_id_in_folder("Sent", "<msent1@cust.example>")
        uid = mb.append_sent(raw, when)
        assert uid is not None
        assert mb.message_id_in_folder("Sent", "<msent1@cust.example>")
        assert not mb.message_id_in_folder("Sent", "<other@cust.example>")
    assert SEEN in flags(dovecot, "Sent")[uid]
    c = dovecot.client()
    try:
        c.select_folder("Sent", readonly=True)
        internal = c.fetch([uid], ["INTERNALDATE"])[uid][b"INTERNALDATE"]  # naive local time
        assert internal.astimezone(dt.timezone.utc) == when
    finally:
        c.logout()
    with ImapMailbox(settings(dovecot, sent_folder="Archive/Sent"), dovecot.password) as mb:
        assert mb.find_sent_folder() == "Archive/Sent"


def test_idle_wait(dovecot, folder):
    with mailbox(dovecot, folder) as mb:
        t = time.monotonic()
        assert mb.idle_wait(0.5) is False
        assert 0.4 < time.monotonic() - t < 3
        timer = threading.Timer(0.3, dovecot.deliver, args=(message("idle1"), folder))
        timer.start()
        t = time.monotonic()
        try:
            assert mb.idle_wait(10, renew_s=0.2) is True  # re-issued IDLE still hears it
        finally:
            timer.join()
        assert time.monotonic() - t < 5


# ---- TLS -------------------------------------------------------------------------------------

@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_tls(dovecot, folder, ledger, security):
    import ssl

    if not dovecot.ssl_port:
        server_missing("openssl", "apt-get install openssl (to make a test certificate)")
    dovecot.deliver(message(f"tls-{security}"), folder)
    port = dovecot.ssl_port if security == "ssl" else dovecot.port
    s = MailboxSettings(kind="imap", host=dovecot.host, port=port, security=security,
                        username=dovecot.user, folder=folder)
    trusted = ssl.create_default_context(cafile=str(dovecot.ca_file))
    with ImapMailbox(s, dovecot.password, ssl_context=trusted) as mb:
        assert [i.uid for i in mb.fetch_new(ledger)] == [1]
        assert mb.connect().socket().version().startswith("TLS")
    # A certificate nobody vouches for is refused, in one sentence.
    with ImapMailbox(s, dovecot.password) as mb, pytest.raises(DunningError) as err:
        list(mb.fetch_new(ledger))
    assert f"secure ({security}) connection" in str(err.value)
    assert "certificate is not trusted (self-signed" in str(err.value)


# ---- the CLI end to end --------------------------------------------------------------------

def test_cli_logs_a_customer_reply_from_imap_once_and_pauses_the_customer(dovecot, tmp_path, monkeypatch):
    from books import book, write_xlsx
    from dunning_mailer.cli import main

    work = tmp_path / "w"
    assert main(["init", str(work)]) == 0
    write_config(work, f"""
[mailbox]
kind = "imap"
host = "127.0.0.1"
port = {dovecot.port}
security = "none"
username = "{dovecot.user}"
""")
    monkeypatch.setenv("DUNNING_MAILER_IMAP_PASSWORD", dovecot.password)
    cfg = str(work / "config.toml")

    def history() -> list[dict]:
        r = run_cli("history", "--config", cfg, "--json")
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)["items"]

    write_xlsx(work / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    assert main(["run", "--config", cfg, "--now", D.isoformat()]) == 0
    assert list((work / "outbox").glob("*.eml"))
    emails = [i for i in history() if i["kind"] == "email"]
    first = emails[0]
    cid = first["customer_id"]

    dovecot.deliver(message("e2e-reply", sender=first["recipients"][0], subject="Re: החשבונית",
                            in_reply_to=first["message_id"], body="קיבלנו, נבדוק ונחזור אליכם."))
    later = D + dt.timedelta(days=40)
    assert main(["run", "--config", cfg, "--now", later.isoformat()]) == 0
    items = history()
    replies = [i for i in items if i["kind"] == "reply"]
    assert len(replies) == 1
    assert replies[0]["matched_by"] == "thread" and replies[0]["customer_id"] == cid
    assert replies[0]["message_id"] == "<me2e-reply@cust.example>"
    assert len([i for i in items if i["kind"] == "email" and i["customer_id"] == cid]) == 1
    r = run_cli("plan", "--config", cfg, "--now", (later + dt.timedelta(days=1)).isoformat(), "--json")
    assert any(h["customer_id"] == cid and "paused" in h["reason"] for h in json.loads(r.stdout)["held"])

    assert main(["run", "--config", cfg, "--now", (later + dt.timedelta(days=1)).isoformat()]) == 0
    assert len([i for i in history() if i["kind"] == "reply"]) == 1
    assert flags(dovecot, "INBOX")  # the reply is still there, unread
    assert all(b"\\Seen" not in f for f in flags(dovecot, "INBOX").values())


# ---- errors (last: after a failed login Dovecot slows the next ones from 127.0.0.1) ----

def test_a_wrong_password_is_one_sentence_without_the_password(dovecot, ledger):
    wrong = "Wr0ng-Pa55word-xyz"
    with mailbox(dovecot, password=wrong) as mb, pytest.raises(DunningError) as err:
        list(mb.fetch_new(ledger))
    text = str(err.value)
    assert "refused the login" in text and dovecot.user in text
    assert wrong not in text and wrong not in repr(err.value) and "\n" not in text
    assert err.value.__cause__ is None and err.value.__suppress_context__


def test_an_unreachable_server_is_one_sentence(ledger):
    from conftest import free_port

    s = MailboxSettings(kind="imap", host="127.0.0.1", port=free_port(), security="none",
                        username="u@example.com")
    with ImapMailbox(s, "secret-pw", timeout=3) as mb, pytest.raises(DunningError) as err:
        list(mb.fetch_new(ledger))
    assert "could not connect" in str(err.value) and "connection refused" in str(err.value)
    assert "secret-pw" not in str(err.value)


def test_an_oauth2_token_is_sent_as_xoauth2_and_never_shown(dovecot, ledger):
    token = "ya29.a0Af-fake-token"
    with mailbox(dovecot, password="", oauth2_token=token) as mb, pytest.raises(DunningError) as err:
        list(mb.fetch_new(ledger))
    assert "OAuth2 token" in str(err.value) and token not in str(err.value)


def test_cli_run_with_a_wrong_imap_password_still_sends_and_says_why(dovecot, tmp_path, monkeypatch, capsys):
    from books import book, write_xlsx
    from dunning_mailer.cli import main

    work = tmp_path / "w"
    assert main(["init", str(work)]) == 0
    write_config(work, f"""
[mailbox]
kind = "imap"
host = "127.0.0.1"
port = {dovecot.port}
security = "none"
username = "{dovecot.user}"
""")
    monkeypatch.setenv("DUNNING_MAILER_IMAP_PASSWORD", "not-the-password-42")
    write_xlsx(work / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    assert main(["run", "--config", str(work / "config.toml"), "--now", D.isoformat()]) == 1
    err = capsys.readouterr().err
    assert "refused the login" in err and "not-the-password-42" not in err
    assert list((work / "outbox").glob("*.eml"))  # reminders went out anyway
