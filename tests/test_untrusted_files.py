"""Issue 13, the files: what is dropped, and the ledger file itself. A file the product cannot read
or trust changes nothing it cannot undo, is named once in plain words, and never blocks the rest
of the cycle or the runs after it. Real files in a real drop folder, the real CLI."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from zoneinfo import ZoneInfo
from pathlib import Path

import pytest

from books import Row, book, write_csv, write_xlsx
from conftest import D, ROOT, run_cli, write_config

WEEK = dt.timedelta(days=7)


def emls(workdir: Path) -> list[Path]:
    return sorted((workdir / "outbox").glob("*.eml"))


def recipients(workdir: Path) -> set[str]:
    found = set()
    for path in emls(workdir):
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        found |= {a.addr_spec for a in msg["To"].addresses}
    return found


def run(workdir: Path, now: dt.datetime = D, *extra: str, plain_user: bool = False) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "dunning_mailer", "run", "--config", str(workdir / "config.toml"),
            "--now", now.isoformat(), *extra]
    return subprocess.run(args, capture_output=True, text=True, timeout=120,
                          preexec_fn=as_a_plain_user if plain_user else None)


def status(workdir: Path, now: dt.datetime = D) -> dict:
    r = run_cli("status", "--config", str(workdir / "config.toml"), "--now", now.isoformat(), "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def open_numbers(workdir: Path) -> set[str]:
    return {i["number"] for c in status(workdir)["customers"] for i in c["invoices"]}


def csv_bytes(rows: list[Row], *, footer: bool = False) -> bytes:
    path = Path(tempfile.mkdtemp()) / "x.csv"
    write_csv(path, rows)
    data = path.read_bytes()
    if footer:
        total = sum(r.balance for r in rows)
        data += f'"סה""כ",,,,,,,"{total:,.2f}",\r\n'.encode()
    shutil.rmtree(path.parent)
    return data


def age(path: Path, seconds: float = 600) -> None:
    """As if the file had sat in the folder, unchanged, for `seconds`."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def good_export(workdir: Path) -> tuple[Path, set[str]]:
    """The good export every poison sits beside, and who should get mail from it at D."""
    rows = book(D.date())
    path = write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", rows)
    return path, {r.email for r in rows if (D.date() - r.due).days >= -3}


def assert_good_one_went_through(workdir: Path, expected: set[str]) -> None:
    assert any(p.name.endswith("open-2026-11-30.xlsx") for p in (workdir / "drop" / "processed").iterdir())
    assert expected <= recipients(workdir)


def next_run_sends_too(workdir: Path, *extra: str) -> subprocess.CompletedProcess:
    """A week later the ladder climbs for the good export's customers."""
    before = set(emls(workdir))
    r = run(workdir, D + WEEK, *extra)
    assert "unexpected" not in r.stderr, r.stderr
    assert set(emls(workdir)) - before, f"nothing went out in the next run: {r.stderr}"
    return r


def as_a_plain_user() -> None:
    """For the child process: root without its power to read and write every file (the
    DAC override capabilities leave the bounding set before exec), so a file's mode holds."""
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


# ---- 2. a copy that pauses midway --------------------------------------------------------

def test_a_csv_whose_copy_pauses_midway_is_never_applied_as_a_whole_snapshot(workdir):
    """A real writer copies the export in two parts with a pause between; a cycle runs in the
    pause. Before the fix, the customers whose rows had not arrived were closed as paid."""
    good, expected = good_export(workdir)
    first = book(D.date())
    (workdir / "drop" / "branch").mkdir()
    write_csv(workdir / "drop" / "branch" / "open-2026-11-29.csv", [r for r in first if r.customer_id < "1004"])
    assert run(workdir).returncode == 0
    branch_open = {r.number for r in first if r.customer_id < "1004"}
    assert branch_open <= open_numbers(workdir)

    # The next export: one partial payment; every other invoice as it was.
    branch = [r for r in first if r.customer_id < "1004"]
    branch[0] = Row(*[getattr(branch[0], f) for f in ("customer_id", "name", "email", "number", "due", "amount")],
                    balance=branch[0].balance - 100)
    data = csv_bytes(branch)
    # In the middle of a late line, as a copy stalls: too few rows missing for the safety brake.
    cut = data.index(b"\r\n", len(data) * 3 // 4) - 7
    target = workdir / "drop" / "branch" / "open-2026-12-01.csv"
    paused, resume = threading.Event(), threading.Event()

    def copy():
        with open(target, "wb") as f:
            f.write(data[:cut])
            f.flush()
            paused.set()
            resume.wait(30)
            f.write(data[cut:])

    writer = threading.Thread(target=copy)
    writer.start()
    try:
        assert paused.wait(10)
        r = run(workdir, D, "-v")
        assert r.returncode == 0, r.stderr
        assert "open-2026-12-01.csv: waiting" in r.stdout and "no line end" in r.stdout
        assert branch_open <= open_numbers(workdir)  # nobody was thanked for paying
    finally:
        resume.set()
        writer.join()
    r = run(workdir, D, "-v")
    assert r.returncode == 0 and "open-2026-12-01.csv: applied" in r.stdout
    assert branch_open <= open_numbers(workdir)
    assert_good_one_went_through(workdir, expected)


def test_a_copy_that_stops_on_a_line_end_is_held_when_the_source_ends_with_a_total(workdir):
    """The export of this source closes with a totals line; a file cut at a line end has none."""
    rows = book(D.date())
    first = workdir / "drop" / "open-2026-11-29.csv"
    first.write_bytes(csv_bytes(rows, footer=True))
    assert run(workdir).returncode == 0
    data = csv_bytes(rows)
    lines = data.split(b"\r\n")
    cut = workdir / "drop" / "open-2026-12-01.csv"
    cut.write_bytes(b"\r\n".join(lines[:-5]) + b"\r\n")  # four rows short: under the safety brake
    r = run(workdir)
    assert r.returncode == 1
    assert "open-2026-12-01.csv" in r.stderr and "cut short" in r.stderr and "--force" in r.stderr
    assert cut.exists() and {r.number for r in rows} <= open_numbers(workdir)
    # The next run says it again (it waits for a person), and imports nothing from it.
    assert run(workdir, D + WEEK).returncode == 1 and cut.exists()
    # The bookkeeper knows it is complete.
    assert run(workdir, D, "--force").returncode == 0 and not cut.exists()


def test_a_csv_without_a_final_line_end_is_read_once_it_has_settled(workdir):
    """Some exporters (Google Sheets) never end the last line: such a file waits, then is read."""
    rows = book(D.date())
    path = workdir / "drop" / "open-2026-11-30.csv"
    path.write_bytes(csv_bytes(rows).rstrip(b"\r\n"))
    r = run(workdir, D, "-v")
    assert r.returncode == 0 and "waiting" in r.stdout and not emls(workdir)
    age(path)
    r = run(workdir, D, "-v")
    assert r.returncode == 0 and "applied" in r.stdout
    assert {r.number for r in rows} == open_numbers(workdir) and emls(workdir)


def test_a_settling_file_whose_clock_runs_ahead_is_read_by_the_cycles_that_saw_it(workdir):
    """A share whose clock runs ahead gives a modification time in the future: the file is read
    once cycles have seen it unchanged for the settle time, never "waiting" for ever."""
    from dunning_mailer.cycle.imports import SETTLE_SECONDS
    from dunning_mailer.ledger import Ledger

    path = workdir / "drop" / "open-2026-11-30.csv"
    path.write_bytes(csv_bytes(book(D.date())).rstrip(b"\r\n"))
    ahead = time.time() + 3600
    os.utime(path, (ahead, ahead))
    assert "waiting" in run(workdir, D, "-v").stdout
    with Ledger(workdir / "dunning.sqlite3") as ledger:  # the first sighting, moved back in time
        ledger.db.execute("UPDATE drop_notes SET at = at - ?", (SETTLE_SECONDS + 1,))
    r = run(workdir, D, "-v")
    assert "applied" in r.stdout, r.stdout


# ---- 3. one bad item never blocks the rest, nor the next runs --------------------------

def test_a_file_the_user_cannot_read_is_named_once_and_the_rest_goes_on(workdir):
    good, expected = good_export(workdir)
    secret = write_csv(workdir / "drop" / "open-2026-11-29.csv", book(D.date())[:3])
    os.chmod(secret, 0)
    r = run(workdir, D, plain_user=True)
    assert r.returncode == 1, r.stderr
    assert "open-2026-11-29.csv" in r.stderr and "could not be opened" in r.stderr
    assert "unexpected" not in r.stderr
    assert_good_one_went_through(workdir, expected)
    assert secret.exists()  # nothing was done to it
    # Said once: the next run is quiet about it, and sends.
    before = set(emls(workdir))
    r = run(workdir, D + WEEK, plain_user=True)
    assert r.returncode == 0 and "open-2026-11-29.csv" not in r.stderr, r.stderr
    assert set(emls(workdir)) - before
    # Readable now: it is read (and, older than the export since, changes nothing).
    os.chmod(secret, 0o644)
    r = run(workdir, D + WEEK, "-v", plain_user=True)
    assert "open-2026-11-29.csv: stale" in r.stdout, r.stdout + r.stderr


def test_a_customer_id_of_300_characters_gets_its_email_and_blocks_nothing(workdir):
    good, expected = good_export(workdir)
    long_id = "7" * 300
    (workdir / "drop" / "branch").mkdir()
    write_csv(workdir / "drop" / "branch" / "open-2026-11-30.csv", [
        Row(long_id, "לקוח ארוך", "long@cust.example", "L-1", D.date() - dt.timedelta(days=5),
            Decimal("120.00"), Decimal("120.00"))])
    r = run(workdir)
    assert r.returncode == 0, r.stderr
    assert_good_one_went_through(workdir, expected)
    assert "long@cust.example" in recipients(workdir)
    assert all(len(p.name.encode()) <= 255 for p in (workdir / "outbox").iterdir())
    history = json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)["items"]
    assert {i["status"] for i in history if i["kind"] == "email"} == {"sent"}
    next_run_sends_too(workdir)


def test_a_row_left_sending_by_the_old_file_name_is_finished_by_the_next_run(workdir):
    """The ledger of a run that crashed on the long file name: the row is `sending`."""
    from dunning_mailer.ledger import Ledger

    long_id = "7" * 300
    write_csv(workdir / "drop" / "open-2026-11-30.csv", [
        Row(long_id, "לקוח ארוך", "long@cust.example", "L-1", D.date() - dt.timedelta(days=5),
            Decimal("120.00"), Decimal("120.00"))])
    assert run(workdir).returncode == 0
    with Ledger(workdir / "dunning.sqlite3") as ledger:
        ledger.db.execute("UPDATE reminders SET status='sending', sent_at=NULL")
    for p in emls(workdir):
        p.unlink()
    r = run(workdir, D + dt.timedelta(hours=1))
    assert r.returncode == 0, r.stderr
    assert "long@cust.example" in recipients(workdir)


def test_the_worker_outlives_a_cycle_that_fails(workdir):
    """Under systemd a worker that exits on a bad ledger is restarted for ever: it stays up,
    says why once, and stops cleanly."""
    import signal

    write_config(workdir, '[worker]\ncycle_minutes = 60\ninbox_minutes = 60\ndrop_seconds = 1\n')
    (workdir / "dunning.sqlite3").write_bytes(b"")
    worker = subprocess.Popen([sys.executable, "-m", "dunning_mailer", "worker", "--config",
                               str(workdir / "config.toml")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        time.sleep(3)
        write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))  # a cycle at once
        time.sleep(3)
        assert worker.poll() is None, worker.communicate()
    finally:
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=30)
    assert worker.returncode == 0, err
    assert "dunning.sqlite3" in err and "empty" in err and "Traceback" not in err
    assert err.count("the cycle failed:") == 1  # in full once, then one line each time


# ---- 4. a file name dated in the future ---------------------------------------------------

def test_a_file_name_dated_in_the_future_is_reported_and_never_makes_real_exports_stale(workdir):
    rows = book(D.date())
    write_csv(workdir / "drop" / "x-2026-12-31.csv", rows)
    r = run(workdir)
    assert r.returncode == 0 and "later than today" in r.stderr and "31/12/2026" in r.stderr
    the_next_real_export_closes_what_was_paid(workdir, rows)


def the_next_real_export_closes_what_was_paid(workdir: Path, rows: list[Row]) -> None:
    paid = {r.number for r in rows[::5]}
    write_csv(workdir / "drop" / "x-2026-12-02.csv", [r for r in rows if r.number not in paid])
    r = run(workdir, D + dt.timedelta(days=1), "-v")
    assert "x-2026-12-02.csv: applied" in r.stdout, r.stdout
    assert not paid & open_numbers(workdir)


def test_a_ledger_that_took_a_future_date_before_the_fix_does_not_make_real_exports_stale(workdir):
    from dunning_mailer.ledger import Ledger

    rows = book(D.date())
    write_csv(workdir / "drop" / "x-2026-11-30.csv", rows)
    assert run(workdir).returncode == 0
    with Ledger(workdir / "dunning.sqlite3") as ledger:  # as the older version recorded it
        ledger.db.execute("UPDATE imports SET snapshot_at='2026-12-31T00:00:00+02:00'")
    the_next_real_export_closes_what_was_paid(workdir, rows)


def test_force_applies_an_older_snapshot_the_bookkeeper_puts_back(workdir):
    rows = book(D.date())
    write_csv(workdir / "drop" / "x-2026-11-30.csv", rows)
    assert run(workdir).returncode == 0
    older = write_csv(workdir / "drop" / "x-2026-11-20.csv", rows[:-4])
    r = run(workdir, D, "-v")
    assert r.returncode == 0 and "stale" in r.stdout and "--force" in r.stdout
    moved = next(p for p in (workdir / "drop" / "processed").iterdir() if p.name.endswith("x-2026-11-20.csv"))
    shutil.move(moved, older)
    r = run(workdir, D, "-v")
    assert r.returncode == 1 and "--force" in r.stderr and older.exists()
    assert run(workdir, D, "--force").returncode == 0
    assert open_numbers(workdir) == {r.number for r in rows[:-4]}


# ---- 6. a placeholder due date --------------------------------------------------------------

def test_a_due_date_of_9999_with_next_workday_crashes_nothing(workdir):
    write_config(workdir, '[calendar]\ndue_on_non_workday = "next_workday"\n')
    good, expected = good_export(workdir)
    (workdir / "drop" / "branch").mkdir()
    write_csv(workdir / "drop" / "branch" / "open-2026-11-30.csv", [
        Row("1999", "לקוח בלי מועד", "far@cust.example", "F-1", dt.date(9999, 12, 31),
            Decimal("50.00"), Decimal("50.00"))])
    r = run(workdir)
    assert r.returncode == 0, r.stderr
    assert "F-1" in r.stderr and "31/12/9999" in r.stderr  # said at import: it gets no reminder
    assert_good_one_went_through(workdir, expected)
    assert "far@cust.example" not in recipients(workdir)
    assert "F-1" in open_numbers(workdir)
    r = run_cli("status", "--config", str(workdir / "config.toml"), "--now", D.isoformat())
    assert r.returncode == 0, r.stderr
    assert run_cli("plan", "--config", str(workdir / "config.toml"), "--json").returncode == 0
    next_run_sends_too(workdir)


# ---- 7 and 11. the ledger file: empty, damaged, read-only; its backups -------------------

def test_a_zero_byte_ledger_is_refused_by_name_and_restored_from_its_backup(workdir):
    good, expected = good_export(workdir)
    assert run(workdir).returncode == 0
    sent = set(emls(workdir))
    ledger = workdir / "dunning.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(ledger) + suffix).unlink(missing_ok=True)
    ledger.write_bytes(b"")
    write_xlsx(workdir / "drop" / "open-2026-12-01.xlsx", book(D.date()))
    r = run(workdir, D + dt.timedelta(hours=2))
    assert r.returncode == 1
    assert str(ledger) in r.stderr and "empty" in r.stderr and "dunning-mailer restore" in r.stderr
    assert "unexpected" not in r.stderr
    assert ledger.stat().st_size == 0  # no new, empty ledger started in its place
    assert set(emls(workdir)) == sent and (workdir / "drop" / "open-2026-12-01.xlsx").exists()
    r = run_cli("restore", "--config", str(workdir / "config.toml"))
    assert r.returncode == 0, r.stderr
    assert any(p.name.startswith("dunning.sqlite3.replaced-") for p in workdir.iterdir())
    # The same stage is not sent to anyone again.
    assert run(workdir, D + dt.timedelta(hours=2)).returncode == 0
    assert set(emls(workdir)) == sent


def test_a_damaged_ledger_is_refused_by_name(workdir):
    assert run(workdir).returncode == 0
    ledger = workdir / "dunning.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(ledger) + suffix).unlink(missing_ok=True)
    damaged = b"not a database at all " * 500
    ledger.write_bytes(damaged)
    for command in (["run", "--now", D.isoformat()], ["status"], ["history"]):
        r = run_cli(*command, "--config", str(workdir / "config.toml"))
        assert r.returncode == 1 and str(ledger) in r.stderr and "damaged" in r.stderr, r.stderr
        assert "unexpected" not in r.stderr and "please report" not in r.stderr
    assert ledger.read_bytes() == damaged


def test_a_ledger_file_without_its_tables_is_not_started_over(workdir):
    """An SQLite file at the ledger's path that lost its tables (a journal left behind) or is
    someone else's: refused, never filled with a new empty schema."""
    ledger = workdir / "dunning.sqlite3"
    db = sqlite3.connect(ledger)
    db.execute("CREATE TABLE notes(x)")
    db.commit()
    db.close()
    r = run(workdir)
    assert r.returncode == 1 and "not a dunning-mailer ledger" in r.stderr
    assert {n for (n,) in sqlite3.connect(ledger).execute("SELECT name FROM sqlite_master")} == {"notes"}


def test_a_read_only_ledger_is_reported_naming_the_file(workdir):
    good_export(workdir)
    assert run(workdir).returncode == 0
    ledger = workdir / "dunning.sqlite3"
    os.chmod(ledger, 0o444)
    r = run(workdir, D + WEEK, plain_user=True)
    assert r.returncode == 1 and str(ledger) in r.stderr and "read-only" in r.stderr, r.stderr
    assert "unexpected" not in r.stderr


def test_backups_are_checked_copies_kept_for_a_week(workdir):
    from dunning_mailer.ledger.backups import GENERATIONS, backup_folder, backups

    good_export(workdir)
    ledger = workdir / "dunning.sqlite3"
    folder = backup_folder(ledger)
    folder.mkdir()
    for n in range(GENERATIONS + 2):  # older generations, from earlier days
        shutil.copyfile(ROOT / "examples" / "config.toml", folder / f"2020-01-{n + 1:02d}.sqlite3")
    assert run(workdir).returncode == 0
    kept = backups(ledger)
    assert len(kept) == GENERATIONS and kept[-1].name == f"{israel_today().isoformat()}.sqlite3"
    assert kept[-1].stat().st_mode & 0o777 == 0o600
    db = sqlite3.connect(kept[-1])
    assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM reminders").fetchone()[0] == len(emls(workdir))
    # A restore never takes a broken backup.
    r = run_cli("restore", str(kept[0]), "--config", str(workdir / "config.toml"))
    assert r.returncode == 1 and "cannot be used" in r.stderr and ledger.stat().st_size > 0


def israel_today() -> dt.date:
    """Backups are named by the business's own day (Asia/Jerusalem), which is ahead of UTC
    after 22:00 UTC in winter: the machine's local date would be yesterday's name."""
    return dt.datetime.now(ZoneInfo("Asia/Jerusalem")).date()


# ---- 8. re-dropping an older, correct export after a bad one ------------------------------

def test_an_earlier_export_dropped_again_after_a_bad_one_is_applied_with_force(workdir):
    rows = book(D.date())
    right = write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", rows)
    kept = right.read_bytes()
    assert run(workdir).returncode == 0
    # A bad export the next day: a third of the invoices missing (under the brake).
    missing = {r.number for r in rows[::3]}
    write_xlsx(workdir / "drop" / "open-2026-12-01.xlsx", [r for r in rows if r.number not in missing])
    assert run(workdir, D + dt.timedelta(hours=1)).returncode == 0
    assert not missing & open_numbers(workdir)
    # The bookkeeper drops the right one again.
    again = workdir / "drop" / "open-2026-11-30.xlsx"
    again.write_bytes(kept)
    r = run(workdir, D + dt.timedelta(hours=2))
    assert r.returncode == 1 and again.exists()
    assert "open-2026-11-30.xlsx" in r.stderr and "--force" in r.stderr and "open-2026-12-01.xlsx" in r.stderr
    r = run(workdir, D + dt.timedelta(hours=2), "--force")
    assert r.returncode == 0, r.stderr
    assert missing <= open_numbers(workdir) and not again.exists()
    # And the same content once more is only a duplicate now: it is the current state.
    again.write_bytes(kept)
    r = run(workdir, D + dt.timedelta(hours=3), "-v")
    assert r.returncode == 0 and "duplicate" in r.stdout


# ---- 11. the lesser ones ---------------------------------------------------------------------

def test_dot_files_are_ignored_with_one_word_once(workdir):
    good, expected = good_export(workdir)
    for name in (".~lock.open-2026-11-30.xlsx#", "._open-2026-11-30.xlsx"):
        (workdir / "drop" / name).write_bytes(b"\x00\x05\x16\x07")
    r = run(workdir)
    assert r.returncode == 0
    assert "._open-2026-11-30.xlsx: ignored: its name starts with a dot" in r.stderr
    assert ".~lock.open-2026-11-30.xlsx#: ignored" in r.stderr
    assert_good_one_went_through(workdir, expected)
    r = next_run_sends_too(workdir)
    assert "ignored" not in r.stderr  # once


def test_a_linked_folder_in_drop_is_not_followed(workdir, tmp_path):
    good, expected = good_export(workdir)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    theirs = write_csv(elsewhere / "open-2026-11-29.csv", book(D.date())[:4])
    (workdir / "drop" / "linked").symlink_to(elsewhere, target_is_directory=True)
    r = run(workdir)
    assert r.returncode == 0 and "linked: not read: it is a link to another folder" in r.stderr
    assert theirs.exists()  # never moved out of the folder it belongs to
    assert_good_one_went_through(workdir, expected)
    assert "linked" not in next_run_sends_too(workdir).stderr


def test_escape_characters_in_a_file_name_never_reach_the_terminal(workdir):
    good, expected = good_export(workdir)
    evil = workdir / "drop" / "x\x1b[2J\x1b]0;owned\x07\rerror: fake.csv"
    evil.write_bytes(b"not,a\r\nreal,export")
    age(evil)
    r = run(workdir, D, "-v")
    for stream in (r.stdout, r.stderr):
        assert "\x1b" not in stream and "\x07" not in stream and "\r" not in stream
    assert "x\\x1b[2J" in r.stderr
    assert not any(line.startswith("error: fake") for line in r.stderr.splitlines())
    assert_good_one_went_through(workdir, expected)


def test_a_multi_address_cell_mails_each_address_but_a_line_break_adds_none(workdir):
    rows = [Row("2001", "שני נמענים", "a@two.example, b@two.example", "T-1", D.date() - dt.timedelta(days=5),
                Decimal("100.00"), Decimal("100.00")),
            Row("2002", "שורה שנייה", "c@one.example\nevil@elsewhere.example", "T-2",
                D.date() - dt.timedelta(days=5), Decimal("100.00"), Decimal("100.00"))]
    write_csv(workdir / "drop" / "open-2026-11-30.csv", rows)
    r = run(workdir)
    assert r.returncode == 0, r.stderr
    assert recipients(workdir) == {"a@two.example", "b@two.example", "c@one.example"}
    assert "evil@elsewhere.example" in r.stderr and "line break" in r.stderr
