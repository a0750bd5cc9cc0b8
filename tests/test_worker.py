"""`dunning-mailer worker`: a dropped export is picked up within seconds; SIGTERM stops it cleanly."""
from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import sys
import time

from books import book, many_customers, write_xlsx
from conftest import run_cli, write_config

ALWAYS = ('[calendar]\nworkdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]\n'
          'send_window = ["00:00", "23:59"]\nholidays = "none"\n'
          '[worker]\ncycle_minutes = 60\ninbox_minutes = 60\ndrop_seconds = 1\n')


def start(workdir):
    return subprocess.Popen([sys.executable, "-m", "dunning_mailer", "worker", "--config",
                             str(workdir / "config.toml"), "-v"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(predicate, seconds=30.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_dropped_export_is_sent_within_seconds_and_sigterm_stops_cleanly(workdir):
    write_config(workdir, ALWAYS)
    worker = start(workdir)
    try:
        time.sleep(1.5)
        today = dt.date.today()
        write_xlsx(workdir / "drop" / f"open-{today.isoformat()}.xlsx", book(today))
        assert wait_for(lambda: len(list((workdir / "outbox").glob("*.eml"))) >= 5), "nothing was sent"
    finally:
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=30)
    assert worker.returncode == 0, err
    assert "stopped" in err


def test_sigterm_in_the_middle_of_a_cycle_leaves_a_consistent_ledger(workdir):
    write_config(workdir, ALWAYS)
    today = dt.date.today()
    write_xlsx(workdir / "drop" / f"open-{today.isoformat()}.xlsx", many_customers(today, 400))
    worker = start(workdir)
    assert wait_for(lambda: len(list((workdir / "outbox").glob("*.eml"))) >= 1, 60)
    worker.send_signal(signal.SIGTERM)
    worker.communicate(timeout=60)
    assert worker.returncode == 0
    history = json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)["items"]
    statuses = {i["status"] for i in history if i["kind"] == "email"}
    assert statuses <= {"sent", "pending"}, statuses  # nothing left half-done ("sending")
    sent = [i for i in history if i["kind"] == "email" and i["status"] == "sent"]
    assert len(sent) == len(list((workdir / "outbox").glob("*.eml")))
    # The next run sends what was recorded and not yet sent, as the same messages.
    run_cli("run", "--config", str(workdir / "config.toml"))
    history = json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)["items"]
    emails = [i for i in history if i["kind"] == "email"]
    assert {i["status"] for i in emails} == {"sent"}
    assert len(emails) == len(list((workdir / "outbox").glob("*.eml"))) == 400
