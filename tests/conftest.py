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


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder made by `dunning-mailer init`, with the demo business."""
    from dunning_mailer.cli import main

    assert main(["init", str(tmp_path / "w")]) == 0
    shutil.copyfile(ROOT / "examples" / "config.toml", tmp_path / "w" / "config.toml")
    return tmp_path / "w"


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
