"""Shared fixtures: a working folder with a config, example exports, real local servers."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# The console's prepared ledger, its server and a real Chromium (tests/console_fixtures.py).
pytest_plugins = ["console_fixtures"]


def server_missing(what: str, how: str) -> None:
    """Skip loudly on a laptop; fail in CI, where every server must be there."""
    message = f"{what} is not available: {how}"
    if IN_CI:
        pytest.fail(f"CI=true and {message}")
    pytest.skip(f"SKIPPED FOR A MISSING SERVER — {message}")


def shipped_stages(language: str = "he") -> list:
    """The configured ladder and every other stage the templates folder ships (promise_followup,
    thank_you, statement…)."""
    from dunning_mailer.config import DEFAULT_STAGES
    from dunning_mailer.model import Stage

    out = list(DEFAULT_STAGES)
    names = {s.template for s in out}
    for path in sorted((ROOT / "templates" / language).glob("*.md")):
        name = path.name[: -len(".md")]
        if name not in names and not name.startswith("_"):
            out.append(Stage(name, 0, name))
    return out


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in a file; the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, at) + 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL on 127.0.0.1 for the session (tests/postgres.py starts it from a temp folder)."""
    from postgres import Postgres, binaries

    if binaries() is None:
        server_missing("PostgreSQL", "apt-get install postgresql (make system-deps installs it)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        server_missing("psycopg", "pip install 'psycopg[binary]' (make test installs it)")
    server = Postgres.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres(postgres_server, monkeypatch):
    """A fresh PostgreSQL database: its URL (no password in it; the password is in the environment)."""
    from postgres import PASSWORD

    monkeypatch.setenv("DUNNING_MAILER_DATABASE_PASSWORD", PASSWORD)
    return postgres_server.new_database()


def pytest_generate_tests(metafunc):
    """`ledger_backend`: SQLite everywhere; both SQLite and PostgreSQL in a module that says
    BOTH_LEDGERS = True (the ledger's contract tests and the end-to-end cycle)."""
    if "ledger_backend" in metafunc.fixturenames:
        both = getattr(metafunc.module, "BOTH_LEDGERS", False)
        metafunc.parametrize("ledger_backend", ["sqlite", "postgresql"] if both else ["sqlite"], indirect=True)


@pytest.fixture
def ledger_backend(request) -> str | None:
    """None for SQLite; for PostgreSQL, the URL of a fresh database."""
    return request.getfixturevalue("postgres") if request.param == "postgresql" else None


@pytest.fixture
def workdir(tmp_path: Path, ledger_backend) -> Path:
    """A folder made by `dunning-mailer init`, with the demo business. On PostgreSQL it is a
    business of an office whose office.toml names the database (its config does not)."""
    from dunning_mailer.cli import main

    base = tmp_path
    if ledger_backend:
        base = tmp_path / "office"
        base.mkdir()
        (base / "office.toml").write_text(f'[paths]\ndatabase = "{ledger_backend}"\n', encoding="utf-8")
    assert main(["init", str(base / "w")]) == 0
    shutil.copyfile(ROOT / "examples" / "config.toml", base / "w" / "config.toml")
    return base / "w"


def write_config(workdir: Path, extra: str) -> Path:
    path = workdir / "config.toml"
    path.write_text((ROOT / "examples" / "config.toml").read_text(encoding="utf-8") + "\n" + extra,
                    encoding="utf-8")
    return path


@pytest.fixture
def smtp_sink():
    """A real aiosmtpd server on 127.0.0.1 that keeps what it receives and counts connections."""
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        server_missing("aiosmtpd", "pip install aiosmtpd (make test installs it)")
    from smtp_sink import Sink

    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.port = port
    try:
        yield sink
    finally:
        controller.stop()


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real console entry point in a child process: stdout and stderr kept apart."""
    return subprocess.run([sys.executable, "-m", "dunning_mailer", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


D = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


@pytest.fixture(scope="module")
def dovecot():
    """A real Dovecot on 127.0.0.1 for the module (tests/dovecot.py starts it from a temp config)."""
    from dovecot import Dovecot, dovecot_binary

    if dovecot_binary() is None:
        server_missing("Dovecot", "apt-get install dovecot-imapd (make system-deps installs it)")
    server = Dovecot.start()
    try:
        yield server
    finally:
        server.stop()
