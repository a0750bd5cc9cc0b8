"""Sending that never loses, doubles or leaks — against real aiosmtpd servers on 127.0.0.1."""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path


import pytest

from books import book, many_customers, write_xlsx
from conftest import D, free_port, run_cli, write_config
from dunning_mailer.cli import main


def smtp_config(workdir: Path, port: int, extra: str = "") -> None:
    write_config(workdir, f'[transport]\nkind = "smtp"\nhost = "127.0.0.1"\nport = {port}\n'
                          f'security = "none"\ntimeout = 5\n{extra}')


def run(workdir: Path, now: dt.datetime = D, *extra: str) -> int:
    return main(["run", "--config", str(workdir / "config.toml"), "--now", now.isoformat(), *extra])


def status(workdir: Path) -> dict:
    r = run_cli("status", "--config", str(workdir / "config.toml"), "--now", D.isoformat(), "--json")
    return json.loads(r.stdout)


def history(workdir: Path) -> list[dict]:
    return json.loads(run_cli("history", "--config", str(workdir / "config.toml"), "--json").stdout)["items"]


def expected_count(workdir: Path, now: dt.datetime = D) -> int:
    r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", now.isoformat(), "--dry-run")
    return sum(1 for line in r.stdout.splitlines() if " → " in line)


def one_email_per_customer_and_stage(sink) -> None:
    """No customer ever gets two *different* emails for one stage."""
    ids_by_stage = defaultdict(set)
    for m in sink.parsed():
        ids_by_stage[(m["To"].addresses[0].addr_spec, m["Message-ID"].split(".")[1])].add(m["Message-ID"])
    assert all(len(ids) == 1 for ids in ids_by_stage.values()), ids_by_stage


def test_451_is_retried_next_cycle_as_the_same_bytes(workdir, smtp_sink):
    smtp_config(workdir, smtp_sink.port)
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    n = expected_count(workdir)
    smtp_sink.data_reply = "451 4.3.0 try again later"
    assert run(workdir) == 0          # temporary: not the user's problem yet
    assert smtp_sink.messages == []
    pending = [i for i in history(workdir) if i["kind"] == "email"]
    assert len(pending) == n and {i["status"] for i in pending} == {"pending"}
    smtp_sink.data_reply = None
    assert run(workdir, D + dt.timedelta(minutes=2)) == 0   # backoff: not yet
    assert smtp_sink.messages == []
    assert run(workdir, D + dt.timedelta(hours=1)) == 0
    assert sorted(smtp_sink.message_ids()) == sorted(i["message_id"] for i in pending)
    assert {i["status"] for i in history(workdir) if i["kind"] == "email"} == {"sent"}


def test_a_dropped_connection_after_data_resends_the_same_message(workdir, smtp_sink):
    smtp_config(workdir, smtp_sink.port)
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    n = expected_count(workdir)
    smtp_sink.drop_after_data = 1
    run(workdir)
    assert run(workdir, D + dt.timedelta(hours=1)) == 0
    ids = smtp_sink.message_ids()
    assert len(set(ids)) == n                       # nobody missing
    assert len(ids) == n + 1                        # the unknown one went twice, as the same message
    one_email_per_customer_and_stage(smtp_sink)


def test_550_for_one_address_marks_it_bad_and_others_still_get_mail(workdir, smtp_sink):
    smtp_config(workdir, smtp_sink.port)
    from dataclasses import replace
    rows = [replace(r, email=f"{r.email}; second{r.customer_id}@cust.example") for r in book(D.date())]
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", rows)
    smtp_sink.rcpt_replies = {"billing1@cust1.example": "550 5.1.1 no such user",
                              "billing2@cust2.example": "550 5.1.1 no such user",
                              "second1002@cust.example": "550 5.1.1 no such user"}
    assert run(workdir) == 1  # customer 1002 has no working address left: a person must act
    delivered = {addr for _, rcpts, _ in smtp_sink.messages for addr in rcpts}
    assert "second1001@cust.example" in delivered and "billing1@cust1.example" not in delivered
    customers = {c["customer_id"]: c for c in status(workdir)["customers"]}
    assert "billing1@cust1.example" not in customers["1001"]["emails"]
    assert "second1001@cust.example" in customers["1001"]["emails"]
    assert customers["1002"]["emails"] == [] and customers["1002"]["call_list"]


def test_server_down_loses_nothing(workdir, smtp_sink):
    down = free_port()
    smtp_config(workdir, down)
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", D.isoformat())
    assert r.returncode == 1 and "cannot reach the SMTP server" in r.stderr
    assert r.stderr.count("cannot reach") <= 2  # one clear message, not one per email
    smtp_config(workdir, smtp_sink.port)
    assert run(workdir, D + dt.timedelta(hours=2)) == 0
    emails = [i for i in history(workdir) if i["kind"] == "email"]
    assert {i["status"] for i in emails} == {"sent"}
    assert sorted(smtp_sink.message_ids()) == sorted(i["message_id"] for i in emails)


def test_421_stops_the_queue_for_this_cycle(workdir, smtp_sink):
    smtp_config(workdir, smtp_sink.port)
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    n = expected_count(workdir)
    smtp_sink.mail_reply = "421 4.7.0 too many messages, slow down"
    r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", D.isoformat())
    assert r.returncode == 1 and "stopped for this cycle" in r.stderr
    emails = [i for i in history(workdir) if i["kind"] == "email"]
    # The queue stopped after the first refusal: the batch stays recorded, nothing went out.
    assert smtp_sink.messages == [] and {i["status"] for i in emails} == {"pending"}
    smtp_sink.mail_reply = None
    assert run(workdir, D + dt.timedelta(hours=1)) == 0
    assert len(set(smtp_sink.message_ids())) == n


def test_temporary_failures_are_given_up_after_three_days(workdir, smtp_sink):
    smtp_config(workdir, smtp_sink.port)
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    smtp_sink.data_reply = "451 4.3.0 try again later"
    codes = [run(workdir, D + dt.timedelta(hours=h)) for h in (0, 24, 48, 120)]  # +120 h: Sunday, Fri and Shabbat send nothing
    assert codes[:3] == [0, 0, 0] and codes[3] == 1
    doc = status(workdir)
    flagged = [c for c in doc["customers"] if "send_failed" in c["flags"]]
    assert flagged and all(c["call_list"] for c in flagged)


def test_daily_limit_cuts_the_cycle_largest_debts_first(workdir, smtp_sink):
    smtp_config(workdir, smtp_sink.port, "max_per_day = 3\n")
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    n = expected_count(workdir)
    assert run(workdir) == 0
    assert len(smtp_sink.messages) == 3
    assert run(workdir, D + dt.timedelta(hours=1)) == 0
    assert len(smtp_sink.messages) == 3   # the day is not over
    for day in range(1, 6):
        run(workdir, D + dt.timedelta(days=day, hours=1))
    assert len(set(smtp_sink.message_ids())) >= n


def test_the_password_never_appears_in_anything_written(tmp_path, workdir):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    from smtp_sink import Sink

    secret = "pa55-Wörd-7f3a9c"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password.decode() == secret
        return AuthResult(success=ok)

    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_require_tls=False, auth_required=True)
    controller.start()
    try:
        smtp_config(workdir, port, 'username = "billing@gefen-studio.example"\n')
        write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
        env = {"DUNNING_MAILER_SMTP_PASSWORD": secret}
        outputs = []
        r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", D.isoformat(), "-vv", env=env)
        assert r.returncode == 0, r.stderr
        assert sink.messages
        outputs += [r.stdout, r.stderr]
        for cmd in (["status", "--json"], ["history", "--json"], ["plan", "--json"]):
            r = run_cli(*cmd, "--config", str(workdir / "config.toml"), env=env)
            outputs += [r.stdout, r.stderr]
        # A wrong password: the error must not echo anything secret either.
        r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", (D + dt.timedelta(days=9)).isoformat(),
                    env={"DUNNING_MAILER_SMTP_PASSWORD": secret + "-wrong"})
        outputs += [r.stdout, r.stderr]
    finally:
        controller.stop()
    needles = [secret.encode(), secret.encode("utf-8").hex().encode(),
               __import__("base64").b64encode(secret.encode())]
    for path in workdir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                assert needle not in data, f"the secret is in {path}"
    for out in outputs:
        assert secret not in out and secret + "-wrong" not in out


def test_two_runs_at_once_never_send_twice(workdir, smtp_sink):
    smtp_config(workdir, smtp_sink.port)
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", many_customers(D.date(), 60))
    cmd = [sys.executable, "-m", "dunning_mailer", "run", "--config", str(workdir / "config.toml"),
           "--now", D.isoformat()]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    ids = smtp_sink.message_ids()
    assert len(ids) == len(set(ids)) == 60


def test_a_stale_lock_from_a_killed_run_is_taken_over(workdir):
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl,sys,time; f=open(sys.argv[1],'a+'); fcntl.flock(f, fcntl.LOCK_EX); "
        "print('locked', flush=True); time.sleep(60)"), str(workdir / "dunning.sqlite3.lock")],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    holder.kill()
    holder.wait()
    assert run(workdir) == 0
    assert list((workdir / "outbox").glob("*.eml"))


def test_a_second_run_while_one_holds_the_lock_exits_0_and_says_so(workdir):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl,sys,time; f=open(sys.argv[1],'a+'); fcntl.flock(f, fcntl.LOCK_EX); "
        "print('locked', flush=True); time.sleep(30)"), str(workdir / "dunning.sqlite3.lock")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", D.isoformat(),
                    env={"DUNNING_MAILER_LOCK_WAIT": "1"})
        assert r.returncode == 0 and "in progress" in r.stderr
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("where", ["in_process", "child_process"])
def test_the_ledger_is_ahead_of_every_data_it_sends(workdir, smtp_sink, where):
    """Whenever an email's data reaches the server, the ledger already says `sending` for it and
    `sent` for every email before it but the last one (whose `sent` is being written while the
    server reads this one): a kill at that instant can repeat one email, never lose one."""
    import email as email_lib
    import sqlite3

    smtp_config(workdir, smtp_sink.port)
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", many_customers(D.date(), 60))
    seen: list[tuple[str, str, list[str]]] = []

    def look(raw: bytes) -> None:
        mid = email_lib.message_from_bytes(raw)["Message-ID"]
        db = sqlite3.connect(f"file:{workdir / 'dunning.sqlite3'}?mode=ro", uri=True)
        try:
            rows = db.execute("SELECT id, message_id, status FROM reminders ORDER BY id").fetchall()
        finally:
            db.close()
        mine = next(r for r in rows if r[1] == mid)
        seen.append((mine[2], mid, [r[2] for r in rows if r[0] < mine[0]]))

    smtp_sink.on_data = look
    if where == "in_process":
        assert run(workdir) == 0  # the server's thread is running: emails are rendered in line
    else:
        r = run_cli("run", "--config", str(workdir / "config.toml"), "--now", D.isoformat())
        assert r.returncode == 0, r.stderr  # rendered ahead in a forked child
    assert len(seen) == 60
    assert {status for status, _, _ in seen} == {"sending"}
    assert all(set(before[:-1]) <= {"sent"} and set(before[-1:]) <= {"sent", "sending"} for _, _, before in seen)
    assert {i["status"] for i in history(workdir) if i["kind"] == "email"} == {"sent"}


def test_killed_at_many_points_every_reminder_arrives_exactly_once(workdir, smtp_sink):
    """SIGKILL the worker again and again in a cycle of 300 emails; restart; count on the server.

    (Two kill points per email and one per batch of 50: 300 emails keep the kills spread over the
    cycle rather than bunched at its start once everything went out.)"""
    smtp_config(workdir, smtp_sink.port)
    n = 300
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", many_customers(D.date(), n))
    cmd = [sys.executable, "-m", "dunning_mailer", "run", "--config", str(workdir / "config.toml"),
           "--now", D.isoformat()]
    rng = random.Random(20261122)
    kills, points = 0, Counter()
    while True:
        crash_at = rng.randint(1, 24) if kills < 60 else 0
        env = {**os.environ, "DUNNING_MAILER_CRASH_AT": str(crash_at)} if crash_at else dict(os.environ)
        env.pop("DUNNING_MAILER_CRASH_AT", None) if not crash_at else None
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if p.returncode == -9:
            kills += 1
            points[crash_at] += 1
            continue
        assert p.returncode == 0, p.stderr
        if not crash_at:
            break
    assert kills >= 50 and len(points) >= 20
    ids = smtp_sink.message_ids()
    recipients = Counter(m["To"].addresses[0].addr_spec for m in smtp_sink.parsed())
    assert len(set(ids)) == n, "every due reminder arrived"
    assert set(recipients) == {f"c{i}@many.example" for i in range(n)}
    one_email_per_customer_and_stage(smtp_sink)
    # Re-deliveries of the very same message happen only after a kill between the server's 250
    # and the ledger's commit (RFC 1047); they are byte-identical, with the same Message-ID.
    repeats = len(ids) - len(set(ids))
    assert repeats <= kills
    emails = [i for i in history(workdir) if i["kind"] == "email"]
    assert len(emails) == n and {i["status"] for i in emails} == {"sent"}
