"""The first hour of a real user (issue 19): set-up, passwords, the plan outside the window, the first
mailbox sync, resume, what the terminal says, warnings said once, init and packaging. Each test
reproduces one numbered item of the issue; the worker's items are in test_worker_stop.py."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from books import book, write_csv, write_xlsx
from conftest import D, ROOT, free_port, run_cli, server_missing, write_config
from dunning_mailer.cli import main

EVENING = D.replace(hour=19)  # Tuesday 1 December 2026, after the send window
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
CONTROLS = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066\u2067]")  # every mark but FSI … PDI


@pytest.fixture
def auth_sink():
    """aiosmtpd on 127.0.0.1 that wants a login (billing@gefen-studio.example / the right password)."""
    try:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult
    except ImportError:
        server_missing("aiosmtpd", "pip install aiosmtpd (make test installs it)")
    from smtp_sink import Sink

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = getattr(auth_data, "password", b"") == "ש-right-pw".encode()
        return AuthResult(success=ok, handled=False)

    sink = Sink()
    sink.port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port, authenticator=authenticator,
                            auth_require_tls=False)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


def smtp_section(port: int) -> str:
    return (f'[transport]\nkind = "smtp"\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
            f'username = "billing@gefen-studio.example"\n')


def cli(*args: str, env: dict | None = None, stdin: str | None = None, clean: Path | None = None):
    """The CLI in a child process; with `clean`, in an environment with nothing but PATH and that HOME."""
    base = {"PATH": "/usr/bin:/bin", "HOME": str(clean), "LANG": "C.UTF-8"} if clean else dict(os.environ)
    return subprocess.run([sys.executable, "-m", "dunning_mailer", *args], capture_output=True, text=True,
                          env={**base, **(env or {})}, input=stdin if stdin is not None else "", timeout=180)


# ---- 1. passwords ------------------------------------------------------------------------------
def test_1_no_keyring_is_said_before_asking_and_offers_the_ways_that_work(workdir, tmp_path):
    write_config(workdir, smtp_section(2525))
    r = cli("set-password", "smtp", "--config", str(workdir / "config.toml"), stdin="secret\n",
            env={**NO_KEYRING, "HOME": str(tmp_path)})
    assert r.returncode == 1
    assert "Password for" not in r.stdout + r.stderr  # nothing was asked
    assert "unexpected" not in r.stderr and "OS keyring" not in r.stderr.replace("no OS keyring", "")
    assert "DUNNING_MAILER_SMTP_PASSWORD" in r.stderr and "keyrings.cryptfile" in r.stderr
    assert f"{sys.executable} -m pip install keyrings.cryptfile" in r.stderr  # which pip: this one


def test_1_a_base64_file_is_never_called_the_os_keyring_and_gets_no_password(workdir, tmp_path):
    write_config(workdir, smtp_section(2525))
    r = cli("set-password", "smtp", "--config", str(workdir / "config.toml"), stdin="secret\n",
            env={"PYTHON_KEYRING_BACKEND": "plain_keyring.PlaintextKeyring", "HOME": str(tmp_path),
                 "PYTHONPATH": str(ROOT / "tests")})
    assert r.returncode == 1, r.stdout
    assert "base64" in r.stderr and "OS keyring" not in r.stderr
    assert not (tmp_path / "plain.cfg").exists()


def test_1_a_piped_password_is_stored_and_the_login_tried(workdir, tmp_path, auth_sink):
    write_config(workdir, smtp_section(auth_sink.port))
    env = {"HOME": str(tmp_path), "DUNNING_MAILER_KEYRING_PASSWORD": "unlock-it"}
    args = ("set-password", "smtp", "--config", str(workdir / "config.toml"))
    wrong = cli(*args, stdin="not-it\n", env=env)
    assert wrong.returncode == 1 and "login did not work" in wrong.stderr, wrong.stderr
    assert "encrypted file" in wrong.stdout and "OS keyring" not in wrong.stdout
    skipped = cli(*args, "--no-check", stdin="not-it\n", env=env)
    assert skipped.returncode == 0 and "login" not in skipped.stdout
    right = cli(*args, stdin="ש-right-pw\n", env=env)
    assert right.returncode == 0, right.stderr
    assert "The login works" in right.stdout and "ש-right-pw" not in right.stdout + right.stderr
    doctor = cli("doctor", "--config", str(workdir / "config.toml"), env=env)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert re.search(r"ok +SMTP: logged in as billing@gefen-studio.example", doctor.stdout)


# ---- 2. the plan outside the send window ------------------------------------------------------------
def test_2_plan_and_dry_run_in_the_evening_show_tomorrows_window(workdir):
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    config = str(workdir / "config.toml")
    dry = run_cli("run", "--config", config, "--now", EVENING.isoformat(), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    m = re.search(r"When the send window opens, 02/12/2026 09:00, this would go out \((\d+) email", dry.stdout)
    assert m and int(m.group(1)) > 5, dry.stdout
    assert main(["run", "--config", config, "--now", EVENING.isoformat()]) == 0  # imports, sends nothing
    assert not list((workdir / "outbox").glob("*.eml"))
    plan = json.loads(run_cli("plan", "--config", config, "--now", EVENING.isoformat(), "--json").stdout)
    assert plan["emails"] == [] and plan["next_window"]["opens"].startswith("2026-12-02T09:00")
    assert len(plan["next_window"]["emails"]) == int(m.group(1))
    text = run_cli("plan", "--config", config, "--now", EVENING.isoformat()).stdout
    assert "02/12/2026 09:00" in text and "Nothing to send now" not in text
    assert len(re.findall(r" → ", text)) == int(m.group(1))


# ---- 3. the first mailbox sync -------------------------------------------------------------------------
def old_bounce(address: str) -> bytes:
    raw = (ROOT / "tests" / "mail" / "bounce_postfix_dsn.eml").read_bytes()
    return raw.replace(b"old.address@customer.co.il", address.encode()).replace(b"Dec 2026", b"Jun 2026")


def bad_addresses(workdir: Path) -> list:
    status = json.loads(run_cli("status", "--config", str(workdir / "config.toml"), "--now", D.isoformat(),
                                "--json").stdout)
    return [c["customer_id"] for c in status["customers"] if not c["emails"]]


def test_3_the_first_maildir_sync_leaves_old_mail_alone_until_asked(workdir):
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    old = workdir / "mail" / "cur" / "1751000000.M1.host:2,S"
    old.write_bytes(old_bounce("billing1@cust1.example"))
    june = dt.datetime(2026, 6, 10, tzinfo=D.tzinfo).timestamp()
    os.utime(old, (june, june))
    config = str(workdir / "config.toml")
    assert main(["run", "--config", config, "--now", D.isoformat()]) == 0
    history = json.loads(run_cli("history", "--config", config, "--json").stdout)["items"]
    assert not [i for i in history if i["kind"] == "reply"]
    assert "1001" not in bad_addresses(workdir)
    assert any(i["kind"] == "email" and i["customer_id"] == "1001" for i in history)
    # On request, the older mail is read; from before our first email, it changes nothing.
    assert main(["run", "--config", config, "--now", D.isoformat(), "--mail-since", "2026-06-01"]) == 0
    history = json.loads(run_cli("history", "--config", config, "--json").stdout)["items"]
    assert [i["reply_kind"] for i in history if i["kind"] == "reply"] == ["bounce"]
    assert "1001" not in bad_addresses(workdir)


def test_3_the_first_imap_sync_starts_a_few_days_before_the_first_email(workdir, dovecot):
    from dovecot import message, run_with_imap

    c = dovecot.client()
    try:
        c.select_folder("INBOX")
        c.delete_messages(c.search(["ALL"]))
        c.expunge()
        c.append("INBOX", old_bounce("billing1@cust1.example"), msg_time=dt.datetime(2026, 6, 10, 9, 0))
        c.append("INBOX", message(1, sender="billing2@cust2.example", subject="שאלה"))
    finally:
        c.logout()
    write_config(workdir, f'[mailbox]\nkind = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.port}\n'
                          f'security = "none"\nusername = "{dovecot.user}"\n')
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    r = run_with_imap(workdir, dovecot, "run", "--now", D.isoformat(), "-v")
    assert r.returncode == 0, r.stderr
    assert "bounce" not in r.stdout and "billing2@cust2.example → 1002" in r.stdout, r.stdout
    assert "1001" not in bad_addresses(workdir)
    r = run_with_imap(workdir, dovecot, "run", "--now", D.isoformat(), "--mail-since", "2026-06-01", "-v")
    assert r.returncode == 0 and "a bounce" in r.stdout, r.stdout + r.stderr
    assert "1001" not in bad_addresses(workdir)


# ---- 4. resume --------------------------------------------------------------------------------------------
def test_4_resume_clears_every_hold_and_says_what(workdir):
    from dunning_mailer.config import load
    from dunning_mailer.ledger import Ledger

    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    config = str(workdir / "config.toml")
    assert main(["run", "--config", config, "--now", (D - dt.timedelta(days=10)).isoformat()]) == 0
    with Ledger(load(Path(config)).paths.database) as ledger:
        ledger.mark_contact_bad("billing1@cust1.example", now=D, reason="bounced 5.1.1")
        ledger.flag("1001", "disputed", now=D, reason="dispute in a reply")
        ledger.pause("1001", now=D, reason="the customer replied", origin="reply")
    assert "1001" in bad_addresses(workdir)
    r = run_cli("resume", "1001", "--config", config, "--now", D.isoformat())
    assert r.returncode == 0
    assert "1 pause(s) ended" in r.stdout and "disputed" in r.stdout and "billing1@cust1.example" in r.stdout
    assert "1001" not in bad_addresses(workdir)
    plan = json.loads(run_cli("plan", "--config", config, "--now", D.isoformat(), "--json").stdout)
    assert "1001" in {e["customer_id"] for e in plan["emails"]}
    again = run_cli("resume", "1001", "--config", config, "--now", D.isoformat())
    assert "nothing was holding" in again.stdout


# ---- 6. what the terminal says ---------------------------------------------------------------------
def visual_columns(line: str) -> str:
    """How a terminal that applies the Unicode bidi algorithm lays the line out (python-bidi)."""
    from bidi import get_display
    return get_display(line)


def test_6_human_output_formats_and_bidi_layout(workdir):
    write_xlsx(workdir / "drop" / "open-2026-11-30.xlsx", book(D.date()))
    config = str(workdir / "config.toml")
    assert main(["run", "--config", config, "--now", D.isoformat()]) == 0
    main(["pause", "1003", "--config", config, "--now", D.isoformat(), "--until", "2026-12-20", "--reason", "שיחה"])
    status = run_cli("status", "--config", config, "--now", D.isoformat()).stdout.splitlines()
    history = run_cli("history", "--config", config).stdout.splitlines()
    he = run_cli("plan", "--config", config, "--now", (D + dt.timedelta(days=8)).isoformat(),
                 env={"DUNNING_MAILER_LANG": "he"}).stdout
    for line in status + history:
        assert "{" not in line and "\\u" not in line and not CONTROLS.search(line), line
        assert not re.search(r"\d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT", line), line  # one date-time format
        assert not re.search(r"\d+\.\d\d ILS", line), line
    assert any(re.search(r"01/12/2026 10:00 +email +1001 ", line) for line in history)
    assert any("until 20/12/2026" in line for line in history)
    row = next(line for line in status if line.startswith("1001 "))
    assert "4,050.00 ₪" in row  # 350 + 1,350 + 2,350
    assert "בירור אישי" in he and not re.search(r"\b(reminder|checkin|before_due)\b", he), he
    # Columns: in a bidi terminal the amount stays where a plain terminal shows it, beside its own name.
    for line in status[1:]:
        plain = line.replace("\u2068", "").replace("\u2069", "")
        shown = visual_columns(line).replace("\u2068", "").replace("\u2069", "")
        amount = re.search(r"[\d,]+\.\d\d ₪", plain).group()
        assert shown.index(amount) == plain.index(amount), (plain, shown)
        assert shown.split()[0] == plain.split()[0]  # the id stays first


def test_6_money_dates_stages_in_one_place():
    from zoneinfo import ZoneInfo

    from dunning_mailer.cli.display import Display, fit, isolate

    he, en = Display(ZoneInfo("Asia/Jerusalem"), "he"), Display(ZoneInfo("Asia/Jerusalem"), "en")
    assert en.money("12870", "ILS") == "12,870.00 ₪" and en.money("-500", "USD") == "-500.00 $"
    assert en.when("2026-12-01T08:00:00.123456+00:00") == "01/12/2026 10:00"
    assert en.day("2026-12-01") == "01/12/2026" and en.days("paused until 2026-12-20") == "paused until 20/12/2026"
    assert he.stage("checkin") == "\u2068בירור אישי\u2069" and en.stage("checkin") == "checkin"
    assert isolate("\u200fתזכורת\u2066 2026-01\u2069") == "\u2068תזכורת 2026-01\u2069"
    assert isolate("a\x1b[31mb") == "a\\x1b[31mb"  # no escape sequence reaches the terminal: it is shown
    assert fit("אבג", 5) == "\u2068אבג\u2069  " and fit("12.00 ₪", 4, ">") == "12.00 ₪"


# ---- 7. a row warning once --------------------------------------------------------------------------
def test_7_the_same_row_warning_is_said_once(workdir):
    import csv
    import dataclasses

    config = str(workdir / "config.toml")
    outputs = []
    for day in (dt.date(2026, 11, 30), dt.date(2026, 12, 1)):
        rows = book(dt.date(2026, 11, 30))
        rows[4] = dataclasses.replace(rows[4], email="office@or-yarok")  # the same bad address in every export
        path = write_csv(workdir / "drop" / f"open-{day.isoformat()}.csv", rows)
        with open(path, "a", encoding="utf-8", newline="") as f:  # and a printed page's footer, never a row
            csv.writer(f).writerow(["", "", "", "עמוד 1 מתוך 1", "", "", "", "12", ""])
        outputs.append(run_cli("run", "--config", config, "--now", D.isoformat()).stderr)
    assert "row 6" in outputs[0] and "or-yarok" in outputs[0], outputs[0]
    assert "or-yarok" not in outputs[1], outputs[1]


# ---- 8. init and packaging ------------------------------------------------------------------------
def test_8_init_says_how_to_run_the_next_steps(tmp_path):
    r = run_cli("init", str(tmp_path / "w"))
    assert r.returncode == 0
    steps = [line for line in r.stdout.splitlines() if re.match(r"\s+\d\.", line)]
    commands = " ".join(steps)
    assert "set-password smtp" in commands and "doctor" in commands and "--dry-run" in commands
    assert not re.search(r"(^|\s)dunning-mailer\s", commands)  # never a bare name that may not be on PATH
    assert f"{sys.executable} -m dunning_mailer" in commands or "/bin/dunning-mailer" in commands


def test_8_installing_prints_no_packaging_warnings(tmp_path):
    makefile = (ROOT / "Makefile").read_text()
    warnings_filter = re.search(r'PYTHONWARNINGS="([^"]+)"', makefile).group(1)
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "v")], check=True, timeout=120)
    r = subprocess.run([str(tmp_path / "v" / "bin" / "pip"), "install", "--quiet", "--no-deps", "-e", str(ROOT)],
                       capture_output=True, text=True, timeout=600,
                       env={**os.environ, "PYTHONWARNINGS": warnings_filter}, cwd=tmp_path)
    if r.returncode != 0 and "setuptools" in r.stderr and "No matching distribution" in r.stderr:
        server_missing("the package index", "pip could not fetch setuptools to build")
    assert r.returncode == 0, r.stderr
    # The machine's own pip configuration may warn about its index locations: not ours.
    ours = [line for line in r.stderr.splitlines() if line.strip() and not line.startswith("WARNING: Location")]
    assert not ours, "\n".join(ours)


# ---- doctor, and the README's steps on a machine with no keyring ---------------------------------------
def test_doctor_says_what_to_fix_in_plain_words(workdir, tmp_path):
    write_config(workdir, smtp_section(free_port()) + '[paths]\ndrop = "no-such-folder"\n')
    r = cli("doctor", "--config", str(workdir / "config.toml"), env={**NO_KEYRING, "HOME": str(tmp_path)})
    assert r.returncode == 1
    assert re.search(r"FIX +SMTP: no password for billing@gefen-studio.example", r.stdout), r.stdout
    assert re.search(r"FIX +drop folder: .*no-such-folder does not exist", r.stdout)
    assert re.search(r"ok +templates", r.stdout) and "Traceback" not in r.stderr
    doc = json.loads(cli("doctor", "--config", str(workdir / "config.toml"), "--json",
                         env={**NO_KEYRING, "HOME": str(tmp_path)}).stdout)
    assert doc["ok"] is False and {c["what"] for c in doc["checks"] if not c["ok"]} == {"SMTP", "drop folder"}


def set_key(text: str, section: str, key: str, value: str) -> str:
    """`key = value` in `[section]` of a TOML text, as a person editing the file would."""
    start = text.index(f"[{section}]\n")
    head, body = text[:start], text[start:]
    body, n = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", body, count=1)
    assert n == 1, (section, key)
    return head + body


def readme_block(title: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(title):]
    block = section[section.index("```sh") + 5:]
    return [line.split("#")[0].strip() for line in block[:block.index("```")].splitlines() if line.strip()]


def test_a_fresh_init_and_the_readme_steps_work_with_no_keyring_and_a_piped_password(tmp_path, auth_sink):
    """As the README says, in a child process with a clean environment: no keyring at first, then the
    encrypted file it offers, the password piped in."""
    home = tmp_path / "home"
    home.mkdir()
    work = home / "dunning"
    steps = readme_block("## Using it for real")
    me = f"{sys.executable} -m dunning_mailer"
    done = []
    for step in steps:
        step = step.replace(".venv/bin/dunning-mailer", me).replace("~", str(home))
        if step.startswith("$EDITOR"):  # the edit: the business and the mail provider
            text = (work / "config.toml").read_text(encoding="utf-8")
            for section, key, value in (("business", "name", '"סטודיו גפן"'),
                                        ("business", "email", '"billing@gefen-studio.example"'),
                                        ("transport", "kind", '"smtp"'), ("transport", "host", '"127.0.0.1"'),
                                        ("transport", "port", str(auth_sink.port)),
                                        ("transport", "security", '"none"'),
                                        ("transport", "username", '"billing@gefen-studio.example"')):
                text = set_key(text, section, key, value)
            (work / "config.toml").write_text(text, encoding="utf-8")
            continue
        if step.startswith("cp "):
            write_xlsx(work / "drop" / "open-invoices-2026-11-30.xlsx", book(D.date()))
            continue
        args = step[len(me):].split()
        if args[0] in ("run", "plan"):
            args += ["--now", D.isoformat()]
        env = {}
        stdin = None
        if args[0] == "set-password":
            # The machine has no keyring: said before any password is asked for.
            refused = cli(*args, stdin="ש-right-pw\n", clean=home, env=NO_KEYRING)
            assert refused.returncode == 1 and "keyrings.cryptfile" in refused.stderr, refused.stderr
            stdin = "ש-right-pw\n"  # then the encrypted file (keyrings.cryptfile, installed here)
        r = cli(*args, stdin=stdin, clean=home,
                env={**env, "DUNNING_MAILER_KEYRING_PASSWORD": "the-file's-own-password"})
        assert r.returncode == 0, f"{step}\n{r.stdout}\n{r.stderr}"
        done.append((args[0], r))
    assert [d for d, _ in done][:2] == ["init", "set-password"] and "doctor" in [d for d, _ in done]
    assert "The login works" in done[1][1].stdout
    assert len(auth_sink.messages) > 5
    assert all(re.match(r"(?i)^\S+@cust\d+\.example$", to) for _, tos, _ in auth_sink.messages for to in tos)


def test_doctor_logs_in_to_imap_and_names_a_missing_folder(workdir, dovecot):
    section = (f'[mailbox]\nkind = "imap"\nhost = "{dovecot.host}"\nport = {dovecot.port}\n'
               f'security = "none"\nusername = "{dovecot.user}"\n')
    env = {"DUNNING_MAILER_IMAP_PASSWORD": dovecot.password}
    write_config(workdir, section)
    r = cli("doctor", "--config", str(workdir / "config.toml"), env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"ok +IMAP: logged in as .*INBOX has \d+ message\(s\); Sent folder Sent", r.stdout), r.stdout
    write_config(workdir, section + 'folder = "NoSuchFolder"\n')
    r = cli("doctor", "--config", str(workdir / "config.toml"), env=env)
    assert r.returncode == 1 and re.search(r"FIX +IMAP: .*NoSuchFolder", r.stdout), r.stdout
