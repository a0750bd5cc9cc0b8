"""An office: many businesses from one install, on SQLite files or one PostgreSQL database.

Each business keeps its own identity, limits and templates; one business's bad file, wrong
password or exhausted sending quota never holds up another's; with PostgreSQL, several workers
share the businesses and every reminder still goes out once."""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from books import book, many_customers, write_xlsx
from conftest import D, free_port, run_cli

BOTH_LEDGERS = True  # tests that take `office` run on SQLite files and on one PostgreSQL database

ALWAYS = ('[calendar]\nworkdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]\n'
          'send_window = ["00:00", "23:59"]\nholidays = "none"\n')


@pytest.fixture
def office(tmp_path, ledger_backend) -> Path:
    folder = tmp_path / "office"
    args = ["office", "init", str(folder)] + (["--database", ledger_backend] if ledger_backend else [])
    r = run_cli(*args)
    assert r.returncode == 0 and not r.stdout, r.stderr
    return folder


def add(office: Path, name: str, config: str = "", *, display: str | None = None) -> Path:
    r = run_cli("office", "add", name, "--office", str(office))
    assert r.returncode == 0, r.stderr
    text = (office / name / "config.toml").read_text(encoding="utf-8")
    text = text.replace('name = "העסק שלי"', f'name = "{display or name}"', 1)
    text = text.replace('email = "billing@example.co.il"', f'email = "billing@{name}.example"', 1)
    (office / name / "config.toml").write_text(text + "\n" + config, encoding="utf-8")
    return office / name


def smtp(port: int, extra: str = "") -> str:
    return f'[transport]\nkind = "smtp"\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\ntimeout = 5\n{extra}'


def sink(**faults):
    from aiosmtpd.controller import Controller
    from smtp_sink import Sink

    s = Sink()
    for k, v in faults.items():
        setattr(s, k, v)
    s.port = free_port()
    s.controller = Controller(s, hostname="127.0.0.1", port=s.port)
    s.controller.start()
    return s


def test_init_add_list_and_the_office_defaults(office, ledger_backend):
    (office / "office.toml").write_text((office / "office.toml").read_text() + '\n[policy]\nmin_days_between = 9\n')
    add(office, "gefen", "[policy]\nmin_days_between = 4\n")
    add(office, "ofek")
    r = run_cli("office", "list", "--office", str(office), "--json")
    assert r.returncode == 0, r.stderr
    listed = {b["business"]: b for b in json.loads(r.stdout)["businesses"]}
    assert set(listed) == {"gefen", "ofek"}
    assert listed["ofek"]["email"] == "billing@ofek.example"
    assert listed["gefen"]["ledger"] == ("postgresql schema dunning_gefen" if ledger_backend
                                         else "gefen/dunning.sqlite3")
    from dunning_mailer.config import load
    assert load(office / "gefen" / "config.toml").policy.min_days_between == 4  # its own wins
    assert load(office / "ofek" / "config.toml").policy.min_days_between == 9   # the office's default
    # A command for one business needs its name; a wrong one is named back.
    r = run_cli("history", "--office", str(office))
    assert r.returncode == 2 and "--business" in r.stderr and "gefen, ofek" in r.stderr
    r = run_cli("history", "--office", str(office), "--business", "nosuch")
    assert r.returncode == 2 and "nosuch" in r.stderr
    r = run_cli("office", "add", "Bad Name", "--office", str(office))
    assert r.returncode == 2


def test_one_business_trouble_never_holds_up_another(office, tmp_path):
    """A bad file (A), a wrong password (B), an exhausted sending quota (C) and a broken config (E)
    each stop only their own business, each said once under its name; D sends everything."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
    from smtp_sink import Sink

    good, quota = sink(), sink(mail_reply="550 5.4.5 Daily user sending quota exceeded")
    locked = Sink()
    locked.port = free_port()
    auth = Controller(locked, hostname="127.0.0.1", port=locked.port, auth_require_tls=False, auth_required=True,
                      authenticator=lambda *a: AuthResult(success=isinstance(a[-1], LoginPassword)
                                                          and a[-1].password == b"right-pw-1"))
    auth.start()
    try:
        a = add(office, "alef", smtp(good.port))
        b = add(office, "bet", smtp(locked.port, 'username = "billing@bet.example"\n'))
        c = add(office, "gimel", smtp(quota.port))
        d = add(office, "dalet", smtp(good.port))
        e = add(office, "he")
        (e / "config.toml").write_text("[transport]\nkind = 'pigeon'\n", encoding="utf-8")
        (a / "drop" / "open-2026-11-30.csv").write_bytes(b"\x00\x01 not an export at all")
        os.utime(a / "drop" / "open-2026-11-30.csv", (time.time() - 3600, time.time() - 3600))
        for folder in (a, b, c, d):
            write_xlsx(folder / "drop" / "open-2026-11-30.xlsx", book(D.date()))
        r = run_cli("run", "--office", str(office), "--now", D.isoformat(),
                    env={"DUNNING_MAILER_SMTP_PASSWORD_BET": "wrong-pw-2"})
        assert r.returncode == 1
        errors = [line for line in r.stderr.splitlines() if line.startswith("error: ")]
        assert any(line.startswith("error: [alef]") and "open-2026-11-30.csv" in line for line in errors), errors
        assert any(line.startswith("error: [bet]") for line in errors), errors
        assert any(line.startswith("error: [gimel]") and "quota" in line for line in errors), errors
        assert any(line.startswith("error: [he]") for line in errors) and "transport.kind" in r.stderr
        assert not any(line.startswith("error: [dalet]") for line in errors), errors
        assert "wrong-pw-2" not in r.stderr + r.stdout
        assert list((a / "drop" / "rejected").glob("*open-2026-11-30.csv.error.txt"))
        senders = Counter(m["From"].addresses[0].addr_spec for m in good.parsed())
        due = len({m["To"].addresses[0].addr_spec for m in good.parsed()
                   if m["From"].addresses[0].addr_spec == "billing@dalet.example"})
        assert due >= 3 and senders["billing@dalet.example"] == due  # D: every due reminder, once
        assert senders["billing@alef.example"] == due  # A's good file went out beside its bad one
        assert not locked.messages and not quota.messages
        # Status across the office: every business, the broken one named.
        r = run_cli("status", "--office", str(office), "--now", D.isoformat(), "--json")
        doc = {x["business"]: x for x in json.loads(r.stdout)["businesses"]}
        assert r.returncode == 1 and "error" in doc["he"] and len(doc["dalet"]["customers"]) >= 3
        assert doc["bet"]["name"] == "bet" and len(doc["bet"]["customers"]) == len(doc["dalet"]["customers"])
        # An hour later, with B's password right, B's go out (the one tried first, after its
        # backoff, as the same bytes) and D is left alone (nothing twice).
        r = run_cli("run", "--office", str(office), "--business", "bet", "--now", (D + dt.timedelta(hours=1)).isoformat(),
                    env={"DUNNING_MAILER_SMTP_PASSWORD_BET": "right-pw-1"})
        assert r.returncode == 0, r.stderr
        assert len(locked.messages) == due
        assert Counter(m["From"].addresses[0].addr_spec for m in good.parsed())["billing@dalet.example"] == due
    finally:
        for s in (good, quota):
            s.controller.stop()
        auth.stop()


def test_each_business_its_own_identity_limits_calendar_and_templates(office):
    s = sink()
    try:
        a = add(office, "alef", smtp(s.port, "max_per_day = 2\n"), display="אלף בע״מ")
        b = add(office, "bet", smtp(s.port), display="בית ושות'")
        g = add(office, "gimel", smtp(s.port) + '[calendar]\nworkdays = ["fri"]\n')  # not on a Tuesday
        stage = b / "templates" / "he" / "reminder.md"  # its own wording of the reminder's subject
        stage.write_text(stage.read_text(encoding="utf-8").replace("# נושא\n", "# נושא\nתזכורת מבית – ", 1),
                         encoding="utf-8")
        for folder in (a, b, g):
            write_xlsx(folder / "drop" / "open-2026-11-30.xlsx", many_customers(D.date(), 6))
        r = run_cli("run", "--office", str(office), "--now", D.isoformat())
        assert r.returncode == 0, r.stderr
        by_sender = defaultdict(list)
        for m in s.parsed():
            by_sender[m["From"].addresses[0].addr_spec].append(m)
        assert len(by_sender["billing@alef.example"]) == 2  # its own daily limit
        assert len(by_sender["billing@bet.example"]) == 6
        assert not by_sender["billing@gimel.example"]  # its own calendar: Fridays only
        assert all(m["Message-ID"].endswith("@bet.example>") for m in by_sender["billing@bet.example"])
        assert all(str(m["Subject"]).startswith("תזכורת מבית") for m in by_sender["billing@bet.example"])
        assert not any(str(m["Subject"]).startswith("תזכורת מבית") for m in by_sender["billing@alef.example"])
        assert {m["From"].addresses[0].display_name for m in by_sender["billing@alef.example"]} == {"אלף בע״מ"}
    finally:
        s.controller.stop()


# ---- several workers on PostgreSQL ----------------------------------------------------------

def test_workers_killed_mid_send_leave_every_reminder_sent_once(tmp_path, postgres):
    """Two workers share 6 businesses (360 reminders, the sinks taking 50 ms over each); a random
    one is SIGKILLed at random moments of the sending, at least 10 times, and started again. Every business's reminders arrive: none
    missing, no two different emails to one customer, a repeat only of the very same bytes and
    at most once per kill; never two cycles of one business at once. (bench/office.py does it
    with 50 businesses, 4 workers and 20+ kills.)"""
    from office_world import cycles_overlap, delivery, make_office, run_workers, start_sink

    sinks = [start_sink(0.05) for _ in range(3)]
    try:
        expected = make_office(tmp_path / "office", postgres, 6, 60, sinks)
        total = sum(len(v) for v in expected.values())
        run = run_workers(tmp_path / "office", sinks, total, 2, tmp_path, kills=16, rng=random.Random(2026),
                          timeout=240)
        assert run.kills >= 10
        figures = delivery(sinks, expected)
        assert figures["missing"] == 0 and figures["different_duplicates"] == 0, figures
        assert figures["identical_repeats"] <= run.kills, figures
        assert not cycles_overlap(run.logs, run.deaths)
        r = run_cli("status", "--office", str(tmp_path / "office"), "--json")
        assert r.returncode == 0, r.stderr
        for b in json.loads(r.stdout)["businesses"]:
            assert len(b["customers"]) == 60 and all(c["last_email"] for c in b["customers"]), b["business"]
    finally:
        for s in sinks:
            s.controller.stop()


def test_the_daily_limit_holds_across_workers(tmp_path, postgres):
    """Two workers, one business limited to 7 a day: 7 go out, not 7 per worker."""
    from office_world import make_office, start_sink, start_worker

    s = start_sink()
    try:
        make_office(tmp_path / "office", postgres, 1, 30, [s])
        config = tmp_path / "office" / "b00" / "config.toml"
        config.write_text(config.read_text(encoding="utf-8").replace("timeout = 10\n", "timeout = 10\nmax_per_day = 7\n"),
                          encoding="utf-8")
        workers = [start_worker(tmp_path / "office", tmp_path / f"w{i}.log") for i in range(2)]
        try:
            end = time.monotonic() + 60
            while len(s.messages) < 7 and time.monotonic() < end:
                time.sleep(0.2)
            time.sleep(4)  # both workers have looked again meanwhile
        finally:
            for w in workers:
                w.send_signal(signal.SIGTERM)
                w.wait(60)
        assert len(s.messages) == 7
    finally:
        s.controller.stop()


# ---- doctor, status and plan: every business, or one ---------------------------------------

NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def test_doctor_checks_every_business_each_in_its_own_section(office, tmp_path):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
    from smtp_sink import Sink

    good = sink()
    locked = Sink()
    locked.port = free_port()
    auth = Controller(locked, hostname="127.0.0.1", port=locked.port, auth_require_tls=False, auth_required=True,
                      authenticator=lambda *a: AuthResult(success=isinstance(a[-1], LoginPassword)
                                                          and a[-1].password == b"right-pw-1"))
    auth.start()
    try:
        add(office, "alef", smtp(good.port))
        add(office, "bet", smtp(locked.port, 'username = "billing@bet.example"\n'))
        broken = add(office, "gimel")
        (broken / "config.toml").write_text("[transport]\nkind = 'pigeon'\n", encoding="utf-8")
        env = {**NO_KEYRING, "HOME": str(tmp_path)}
        r = run_cli("doctor", "--office", str(office), env=env)
        assert r.returncode == 1, r.stdout + r.stderr
        sections = {}
        for part in r.stdout.split("\n== ")[1:]:
            name, _, text = part.partition(" ==\n")
            sections[name] = text
        assert list(sections) == ["alef", "bet", "gimel"], r.stdout
        assert "ok   SMTP: connected" in sections["alef"] and "FIX" not in sections["alef"]
        assert "FIX  SMTP: no password for billing@bet.example" in sections["bet"]
        assert "DUNNING_MAILER_SMTP_PASSWORD_BET" in sections["bet"] and "--business bet" in sections["bet"]
        assert "ok   ledger" in sections["bet"]  # its other checks still ran
        assert "FIX  config" in sections["gimel"] and "transport.kind" in sections["gimel"]
        assert "bet: 1 thing(s) to fix" in r.stderr and "gimel: 1 thing(s) to fix" in r.stderr
        # Its own password: every business ready but the broken one; the JSON says the same.
        env["DUNNING_MAILER_SMTP_PASSWORD_BET"] = "right-pw-1"
        r = run_cli("doctor", "--office", str(office), "--json", env=env)
        doc = json.loads(r.stdout)
        assert r.returncode == 1 and doc["ok"] is False
        assert {b["business"]: b["ok"] for b in doc["businesses"]} == {"alef": True, "bet": True, "gimel": False}
        assert "right-pw-1" not in r.stdout + r.stderr
        # One business: its section alone, and its exit status alone.
        r = run_cli("doctor", "--office", str(office), "--business", "bet", env=env)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "== bet ==" in r.stdout and "== alef ==" not in r.stdout and "Everything is ready." in r.stdout
        r = run_cli("doctor", "--office", str(office), "--business", "gimel", "--json", env=env)
        assert r.returncode == 1 and [b["business"] for b in json.loads(r.stdout)["businesses"]] == ["gimel"]
        r = run_cli("doctor", "--office", str(office), "--business", "nosuch", env=env)
        assert r.returncode == 2 and "nosuch" in r.stderr and "alef, bet, gimel" in r.stderr
        # Its own config file, as a single business: the single business's shape.
        r = run_cli("doctor", "--config", str(office / "alef" / "config.toml"), "--json", env=env)
        assert r.returncode == 0 and set(json.loads(r.stdout)) == {"ok", "checks"}
    finally:
        good.controller.stop()
        auth.stop()


def test_status_and_plan_for_every_business_and_for_one(office, ledger_backend):
    a = add(office, "alef", ALWAYS, display="אלף")
    b = add(office, "bet", ALWAYS)
    write_xlsx(a / "drop" / "open-2026-11-30.xlsx", many_customers(D.date(), 4))
    write_xlsx(b / "drop" / "open-2026-11-30.xlsx", many_customers(D.date(), 6))
    now = ["--now", (D - dt.timedelta(days=40)).isoformat()]  # before anything is due: all of it ahead
    r = run_cli("run", "--office", str(office), *now)
    assert r.returncode == 0, r.stderr
    every = json.loads(run_cli("plan", "--office", str(office), *now, "--json").stdout)
    one = json.loads(run_cli("plan", "--office", str(office), "--business", "bet", *now, "--json").stdout)
    assert [x["business"] for x in every["businesses"]] == ["alef", "bet"]
    assert {"now", "emails", "held"} <= set(one) and "businesses" not in one    # the contract's plan shape
    assert one["upcoming"] == every["businesses"][1]["upcoming"] and len(one["upcoming"]) == 6
    r = run_cli("status", "--office", str(office), *now, "--json")
    assert r.returncode == 0, r.stderr
    every = {x["business"]: x for x in json.loads(r.stdout)["businesses"]}
    one = json.loads(run_cli("status", "--office", str(office), "--business", "alef", *now, "--json").stdout)
    assert len(every["alef"]["customers"]) == len(one["customers"]) == 4 and len(every["bet"]["customers"]) == 6
    assert {"customers", "needs_person"} <= set(one) and "businesses" not in one
    lines = run_cli("status", "--office", str(office), *now).stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("alef") and "needs a person 0" in lines[0]
    if ledger_backend:
        return
    # One business's ledger damaged: the other is still shown, the damaged one named.
    (b / "dunning.sqlite3").write_bytes(b"this is not a ledger at all" * 100)
    for command in ("status", "plan"):
        r = run_cli(command, "--office", str(office), *now)
        assert r.returncode == 1, (command, r.stdout, r.stderr)
        out = r.stdout.splitlines()
        assert out[0].startswith("alef") and out[1].startswith("bet: cannot be read:"), (command, out)


def test_each_business_gets_its_own_digest_across_the_office_or_for_one(office):
    s = sink()
    try:
        (office / "office.toml").write_text((office / "office.toml").read_text(encoding="utf-8")
                                            + '\n[digest]\nconsole_url = "https://console.office.example/{business}/"\n',
                                            encoding="utf-8")
        folders = {k: add(office, k, smtp(s.port) + ALWAYS, display=f"עסק {k}") for k in ("alef", "bet", "gimel")}
        for folder in folders.values():
            write_xlsx(folder / "drop" / "open-2026-11-30.xlsx", many_customers(D.date(), 2))
        assert run_cli("run", "--office", str(office), "--now", D.isoformat()).returncode == 0
        # The next morning, in every business's inbox, mail from nobody it knows.
        next_day = D + dt.timedelta(days=1)
        for key, folder in folders.items():
            (folder / "mail" / "new" / f"1.{key}.host").write_bytes(
                (f"From: someone@elsewhere.example\r\nTo: billing@{key}.example\r\nSubject: question {key}\r\n"
                 f"Message-ID: <q.{key}@elsewhere.example>\r\nDate: Wed, 02 Dec 2026 08:00:00 +0200\r\n"
                 "Content-Type: text/plain; charset=utf-8\r\n\r\n").encode() + "יש לי שאלה על החשבון".encode())
        r = run_cli("run", "--office", str(office), "--business", "bet", "--now", next_day.isoformat())
        assert r.returncode == 0, r.stderr

        def digests():
            return {m["To"].addresses[0].addr_spec: m for m in s.parsed() if ".digest." in m["Message-ID"]}
        assert list(digests()) == ["billing@bet.example"]  # one business: its digest alone
        r = run_cli("run", "--office", str(office), "--now", next_day.isoformat())
        assert r.returncode == 0, r.stderr
        got = digests()
        assert sorted(got) == ["billing@alef.example", "billing@bet.example", "billing@gimel.example"]
        assert len([m for m in s.parsed() if ".digest." in m["Message-ID"]]) == 3  # bet's not again
        for key, m in got.items():
            name = key.split("@")[1].split(".")[0]
            assert f"עסק {name}" in str(m["Subject"]) and m["From"].addresses[0].addr_spec == key
            text = m.get_body(("plain",)).get_content()
            assert f"question {name}" in text and all(f"question {o}" not in text for o in folders if o != name)
            assert f"https://console.office.example/{name}/" in text  # office.toml's link, its own page
    finally:
        s.controller.stop()
