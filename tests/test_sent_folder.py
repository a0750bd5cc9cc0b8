"""The Sent folder on a real Dovecot: copies of what we send, and the answer to
"did it go?" after a crash between the server's 250 and the ledger's commit."""
from __future__ import annotations

from collections import Counter


from books import book, write_xlsx
from conftest import D, free_port, write_config
from dovecot import run_with_imap
from smtp_sink import Sink


class FilingSink(Sink):
    """Like Gmail or Microsoft 365: the SMTP server files every message it accepts in Sent."""

    def __init__(self, dovecot):
        super().__init__()
        self.dovecot = dovecot

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        self.dovecot.append(envelope.original_content, folder="Sent")
        return answer


def start_sink(handler):
    from aiosmtpd.controller import Controller

    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    return controller


def configure(workdir, dovecot, smtp_port, save_to_sent):
    write_config(workdir, f'[transport]\nkind = "smtp"\nhost = "127.0.0.1"\nport = {smtp_port}\n'
                          f'security = "none"\nsave_to_sent = {save_to_sent}\n'
                          f'[mailbox]\nkind = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.port}\n'
                          f'security = "none"\nusername = "{dovecot.user}"\n')


def sent_ids(dovecot) -> list[str]:
    c = dovecot.client()
    try:
        c.select_folder("Sent", readonly=True)
        uids = c.search(["ALL"])
        data = c.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]) if uids else {}
        return [v[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"].decode().split(":", 1)[1].strip() for v in data.values()]
    finally:
        c.logout()


def clear_sent(dovecot):
    c = dovecot.client()
    try:
        c.select_folder("Sent")
        uids = c.search(["ALL"])
        if uids:
            c.delete_messages(uids)
            c.expunge()
    finally:
        c.logout()


def test_a_copy_of_each_email_is_filed_in_sent(workdir, dovecot, smtp_sink):
    clear_sent(dovecot)
    configure(workdir, dovecot, smtp_sink.port, '"auto"')
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    r = run_with_imap(workdir, dovecot, "run", "--now", D.isoformat())
    assert r.returncode == 0, r.stderr
    assert smtp_sink.messages
    assert sorted(sent_ids(dovecot)) == sorted(smtp_sink.message_ids())


def test_a_provider_that_files_its_own_copy_gets_no_second_one(workdir, dovecot):
    clear_sent(dovecot)
    sink = FilingSink(dovecot)
    controller = start_sink(sink)
    try:
        configure(workdir, dovecot, sink.port, "false")
        write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
        r = run_with_imap(workdir, dovecot, "run", "--now", D.isoformat())
        assert r.returncode == 0, r.stderr
        assert Counter(sent_ids(dovecot)) == Counter(sink.message_ids())
    finally:
        controller.stop()


def test_a_crash_after_the_servers_250_is_settled_by_the_sent_folder(workdir, dovecot):
    """Killed between the 250 and the commit: the next run finds the email in Sent and does not
    send it again, so the server receives every reminder exactly once."""
    clear_sent(dovecot)
    sink = FilingSink(dovecot)
    controller = start_sink(sink)
    try:
        configure(workdir, dovecot, sink.port, "false")
        write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
        # Checkpoints: imported, mailbox, then per email intent, sending, sent_unrecorded, sent.
        kills = 0
        for crash_at in (5, 6, 5, 9, 5):
            r = run_with_imap(workdir, dovecot, "run", "--now", D.isoformat(), crash_at=crash_at)
            kills += r.returncode == -9
        assert kills >= 4
        r = run_with_imap(workdir, dovecot, "run", "--now", D.isoformat())
        assert r.returncode == 0, r.stderr
        ids = sink.message_ids()
        assert len(ids) == len(set(ids)) > 3
        history = run_with_imap(workdir, dovecot, "history", "--json")
        assert '"found_in_sent"' in history.stdout
    finally:
        controller.stop()
