"""The worker as a person meets it (issue 19, item 5): a start line, one line per message read, and a
stop within 2 s of SIGTERM or Ctrl-C (SIGINT) — in the middle of a cycle against a real SMTP server,
and while it waits in IMAP IDLE on a real Dovecot."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from books import book, many_customers, write_xlsx
from conftest import run_cli, write_config

STOP_WITHIN_S = 2.0
ALWAYS = ('[calendar]\nworkdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]\n'
          'send_window = ["00:00", "23:59"]\nholidays = "none"\n'
          '[worker]\ncycle_minutes = 60\ninbox_minutes = 60\ndrop_seconds = 1\n')


class Running:
    """`dunning-mailer worker` in a child process, its log lines collected as they come."""

    def __init__(self, workdir, *flags: str, env: dict | None = None):
        self.lines: list[str] = []
        self.proc = subprocess.Popen([sys.executable, "-m", "dunning_mailer", "worker", "--config",
                                      str(workdir / "config.toml"), *flags], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, predicate, seconds: float = 60.0) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if predicate():
                return True
            if self.proc.poll() is not None:
                return predicate()
            time.sleep(0.05)
        return False

    def logged(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    def stop_and_time(self, sig) -> float:
        start = time.monotonic()
        self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        elapsed = time.monotonic() - start
        self.reader.join(timeout=5)
        return elapsed


def test_5_the_worker_says_how_it_runs_and_what_each_message_was_read_as(workdir):
    write_config(workdir, ALWAYS)
    write_xlsx(workdir / "drop" / f"open-{dt.date.today().isoformat()}.xlsx", book(dt.date.today()))
    reply = (b"From: billing1@cust1.example\r\nTo: billing@gefen-studio.example\r\n"
             b"Subject: =?utf-8?b?15TXoteR16jXqteZ?=\r\nMessage-ID: <r1@cust1.example>\r\n"
             b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
             + "שלום, העברתי את התשלום אתמול.\r\n".encode())
    (workdir / "mail" / "new" / "1.reply").write_bytes(reply)
    worker = Running(workdir, "-v")
    assert worker.wait_for(lambda: worker.logged("mail: ")), worker.lines
    worker.stop_and_time(signal.SIGTERM)
    start = next(line for line in worker.lines if "worker started" in line)
    for part in (str(workdir / "config.toml"), "mailbox Maildir", "transport outbox folder",
                 "a full cycle every 60 min", "the inbox every 60 min", "the drop folder every 1 s"):
        assert part in start, start
    line = next(line for line in worker.lines if "mail: " in line)
    assert "billing1@cust1.example → 1001: a person's reply (payment claim)" in line, line
    assert not any("read 1 new message" in line for line in worker.lines)
    assert worker.logged("stopped")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_5_a_signal_mid_cycle_against_a_real_smtp_server_stops_within_2_s(workdir, smtp_sink, sig):
    write_config(workdir, ALWAYS + f'[transport]\nkind = "smtp"\nhost = "127.0.0.1"\nport = {smtp_sink.port}\n'
                                   'security = "none"\n')
    smtp_sink.on_data = lambda raw: time.sleep(0.05)  # a server that takes its time: the cycle is long
    write_xlsx(workdir / "drop" / f"open-{dt.date.today().isoformat()}.xlsx", many_customers(dt.date.today(), 400))
    worker = Running(workdir, "-v")
    assert worker.wait_for(lambda: len(smtp_sink.messages) >= 5, 90), worker.lines
    elapsed = worker.stop_and_time(sig)
    assert worker.proc.returncode == 0, worker.lines
    print(f"stop time mid-cycle ({sig.name}): {elapsed:.2f} s")
    assert elapsed < STOP_WITHIN_S, f"stopped {elapsed:.2f} s after the signal"
    assert len(smtp_sink.messages) < 400  # it stopped mid-cycle, between two emails
    history = json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)["items"]
    statuses = {i["status"] for i in history if i["kind"] == "email"}
    assert statuses <= {"sent", "pending"}, statuses
    assert len([i for i in history if i["kind"] == "email" and i["status"] == "sent"]) == len(smtp_sink.messages)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_5_a_signal_while_waiting_in_imap_idle_stops_within_2_s(workdir, dovecot, sig):
    from dovecot import message

    write_config(workdir, ALWAYS + f'[mailbox]\nkind = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.port}\n'
                                   f'security = "none"\nusername = "{dovecot.user}"\n')
    worker = Running(workdir, "-vv", env={"DUNNING_MAILER_IMAP_PASSWORD": dovecot.password})
    assert worker.wait_for(lambda: worker.logged("(IMAP IDLE)") and worker.logged("worker started")), worker.lines
    assert worker.logged("mailbox IMAP billing@gefen-studio.example@127.0.0.1 folder INBOX (IDLE)")
    # IDLE wakes it for new mail, and the message gets its line.
    n = time.time_ns()
    dovecot.deliver(message(n, sender="someone@else.example", subject="שאלה קטנה"))
    assert worker.wait_for(lambda: worker.logged("someone@else.example → an unknown sender")), worker.lines
    waits = sum("(IMAP IDLE)" in line for line in worker.lines)
    assert worker.wait_for(lambda: sum("(IMAP IDLE)" in line for line in worker.lines) > waits)
    time.sleep(1.0)  # well inside the IDLE
    elapsed = worker.stop_and_time(sig)
    print(f"stop time in IMAP IDLE ({sig.name}): {elapsed:.2f} s")
    assert worker.proc.returncode == 0, worker.lines
    assert elapsed < STOP_WITHIN_S, f"stopped {elapsed:.2f} s after the signal"
    assert worker.logged("stopped")
