"""The office worker reacts per business as the single worker does: new mail in a business's IMAP
inbox (IDLE, on a real Dovecot) is read at once, a file dropped in its drop folder starts its
cycle within `worker.drop_seconds`, and a business whose mailbox fails holds up no other."""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from books import book, write_xlsx
from conftest import run_cli

# Never due on its own: only IDLE and the drop folder can start a cycle within the test.
QUIET = ('[calendar]\nworkdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]\n'
         'send_window = ["00:00", "23:59"]\nholidays = "none"\n'
         '[worker]\ncycle_minutes = 600\ninbox_minutes = 600\ndrop_seconds = 1\n')


def imap(server, extra: str = "") -> str:
    return (f'[mailbox]\nkind = "imap"\nhost = "{server.host}"\nport = {server.port}\nsecurity = "none"\n'
            f'username = "{server.user}"\n{extra}')


def add(office: Path, name: str, config: str) -> Path:
    r = run_cli("office", "add", name, "--office", str(office))
    assert r.returncode == 0, r.stderr
    path = office / name / "config.toml"
    text = path.read_text(encoding="utf-8").replace("billing@example.co.il", f"billing@{name}.example", 1)
    path.write_text(text + "\n" + QUIET + config, encoding="utf-8")
    return office / name


class OfficeWorkerProcess:
    """`dunning-mailer worker --office DIR -vv` in a child process, its log lines as they come."""

    def __init__(self, office: Path, env: dict):
        self.lines: list[str] = []
        self.proc = subprocess.Popen([sys.executable, "-m", "dunning_mailer", "worker", "--office", str(office),
                                      "-vv"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, **env})
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    def wait_for(self, predicate, seconds: float = 30.0) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end and self.proc.poll() is None:
            if predicate():
                return True
            time.sleep(0.05)
        return predicate()

    def stop(self) -> float:
        start = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        self.reader.join(timeout=5)
        return time.monotonic() - start


def test_the_office_worker_reads_new_mail_at_once_and_takes_dropped_files_per_business(tmp_path, dovecot):
    from dovecot import message

    office = tmp_path / "office"
    assert run_cli("office", "init", str(office)).returncode == 0
    add(office, "alef", imap(dovecot))                     # its inbox in IDLE
    add(office, "bet", imap(dovecot))                      # the same server, a wrong password
    add(office, "gimel", imap(dovecot).replace(f"port = {dovecot.port}", "port = 9"))  # nothing listens
    dalet = add(office, "dalet", "")                       # a Maildir, an outbox
    worker = OfficeWorkerProcess(office, {"DUNNING_MAILER_IMAP_PASSWORD_ALEF": dovecot.password,
                                          "DUNNING_MAILER_IMAP_PASSWORD_BET": "not-the-password",
                                          "DUNNING_MAILER_IMAP_PASSWORD_GIMEL": "whatever"})
    try:
        assert worker.wait_for(lambda: worker.count("alef: waiting for new mail in INBOX (IMAP IDLE)")
                               and all(worker.count(f"cycle of {k} ended") for k in ("alef", "bet", "gimel", "dalet"))), \
            worker.lines
        assert worker.count("4 business(es) (3 watched with IMAP IDLE)")
        # The two broken mailboxes are said once each, under their names; the others are not held up.
        assert worker.wait_for(lambda: worker.count("bet: IMAP IDLE stopped") and worker.count("gimel: IMAP IDLE stopped"))

        # New mail: read at once (the schedule would not read it for 10 hours).
        sent_at = time.monotonic()
        dovecot.deliver(message(time.time_ns(), sender="someone@else.example", subject="שאלה קטנה"))
        assert worker.wait_for(lambda: worker.count("alef: mail: someone@else.example"), 15), worker.lines
        print(f"new mail read {time.monotonic() - sent_at:.2f} s after delivery")
        assert worker.count("bet: mail:") == 0 and worker.count("gimel: mail:") == 0

        # A dropped export: imported and sent within seconds, for that business alone.
        cycles = {k: worker.count(f"cycle of {k} ended") for k in ("alef", "bet", "gimel")}
        today = dt.date.today()
        write_xlsx(dalet / "drop" / f"open-{today.isoformat()}.xlsx", book(today - dt.timedelta(days=20)))
        dropped_at = time.monotonic()
        assert worker.wait_for(lambda: list((dalet / "outbox").glob("*.eml")), 20), worker.lines
        print(f"dropped export sent from {time.monotonic() - dropped_at:.2f} s after the drop")
        assert list((dalet / "drop" / "processed").iterdir())
        assert {k: worker.count(f"cycle of {k} ended") for k in ("bet", "gimel")} == \
            {k: cycles[k] for k in ("bet", "gimel")}

        # The failures are not repeated line by line while they stay the same.
        time.sleep(1.0)
        assert worker.count("bet: IMAP IDLE stopped") == 1 and worker.count("gimel: IMAP IDLE stopped") == 1
        elapsed = worker.stop()
    finally:
        if worker.proc.poll() is None:
            worker.proc.kill()
    assert worker.proc.returncode == 0, worker.lines
    print(f"office worker stopped {elapsed:.2f} s after SIGTERM")
    assert elapsed < 3.0, f"stopped {elapsed:.2f} s after SIGTERM, IDLE watches and all"
    assert worker.count("stopped")
    assert "not-the-password" not in "\n".join(worker.lines)


def test_a_file_left_in_the_drop_folder_starts_no_cycle_again_and_again(tmp_path):
    """DropWatch: a new or changed file counts once; one that stays (left for a person) does not."""
    from dunning_mailer.config import load
    from dunning_mailer.office.watch import DropWatch

    office = tmp_path / "office"
    assert run_cli("office", "init", str(office)).returncode == 0
    folder = add(office, "alef", "")
    config = load(folder / "config.toml")
    watch = DropWatch()
    assert not watch.changed("alef", config)  # an empty drop folder
    export = folder / "drop" / "open.csv"
    export.write_text("x\n", encoding="utf-8")
    assert watch.changed("alef", config)
    assert not watch.changed("alef", config)  # the same file, still there
    export.write_text("x\ny\n", encoding="utf-8")
    os.utime(export, (time.time() + 5, time.time() + 5))
    assert watch.changed("alef", config)      # changed: once more
    assert not watch.changed("alef", config)


def test_the_watches_leave_the_worker_single_threaded_so_cycles_still_render_ahead(tmp_path, dovecot):
    """The IDLE watches run in a child process: the worker keeps one thread, so prerender.py may
    fork its rendering child for each cycle (it does not fork a process with other threads)."""
    office = tmp_path / "office"
    assert run_cli("office", "init", str(office)).returncode == 0
    add(office, "alef", imap(dovecot))
    script = ("import sys, threading, time\n"
              "from dunning_mailer.office import load_office\n"
              "from dunning_mailer.office.worker import OfficeWorker\n"
              "from dunning_mailer.prerender import can_fork\n"
              "w = OfficeWorker(load_office(sys.argv[1]))\n"
              "w.reload()\n"
              "time.sleep(0.5)\n"
              "print(w.watcher.running, threading.active_count(), can_fork())\n"
              "w.watcher.stop()\n")
    r = subprocess.run([sys.executable, "-c", script, str(office)], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "DUNNING_MAILER_IMAP_PASSWORD_ALEF": dovecot.password})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["True", "1", "True"], r.stdout + r.stderr


def test_the_watches_end_with_a_worker_killed_outright(tmp_path, dovecot):
    office = tmp_path / "office"
    assert run_cli("office", "init", str(office)).returncode == 0
    add(office, "alef", imap(dovecot))
    worker = OfficeWorkerProcess(office, {"DUNNING_MAILER_IMAP_PASSWORD_ALEF": dovecot.password})
    try:
        assert worker.wait_for(lambda: worker.count("alef: waiting for new mail in INBOX (IMAP IDLE)")), worker.lines
        children = Path(f"/proc/{worker.proc.pid}/task/{worker.proc.pid}/children").read_text().split()
        assert len(children) == 1, children
        worker.proc.kill()
        worker.proc.wait(10)
        end = time.monotonic() + 5
        while Path(f"/proc/{children[0]}").exists() and time.monotonic() < end:
            time.sleep(0.05)
        assert not Path(f"/proc/{children[0]}").exists(), "the watches outlived their worker"
    finally:
        if worker.proc.poll() is None:
            worker.proc.kill()
