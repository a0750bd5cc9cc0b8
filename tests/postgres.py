"""A real PostgreSQL for the tests and the benchmarks: Debian's server, started from a temporary
data folder on 127.0.0.1 (a free port, its unix socket inside the folder), with a password, and
stopped at the end. As root it runs as the unprivileged `postgres` user (or `nobody`)."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER = "dunning"
PASSWORD = "pg-Test-9f2c"   # a test server's own; the code under test reads it from the environment


def binaries() -> Path | None:
    """The folder with Debian's initdb and pg_ctl (they are not on PATH there), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path and shutil.which("initdb") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    def __init__(self, folder: Path, port: int, bin_dir: Path, run_as: str | None):
        self.folder, self.port, self.bin, self.run_as = folder, port, bin_dir, run_as
        self.databases = 0

    @classmethod
    def start(cls, *, max_connections: int = 200) -> "Postgres":
        bin_dir = binaries()
        if bin_dir is None:
            raise FileNotFoundError("PostgreSQL's initdb/pg_ctl")
        folder = Path(tempfile.mkdtemp(prefix="dunning-pg-"))
        run_as = None
        if os.getuid() == 0:
            run_as = "postgres" if _user_exists("postgres") else "nobody"
            entry = pwd.getpwnam(run_as)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        server = cls(folder, _free_port(), bin_dir, run_as)
        pwfile = folder / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if run_as:
            os.chown(pwfile, pwd.getpwnam(run_as).pw_uid, -1)
        server._as_owner("initdb", "-D", str(folder / "data"), "-U", USER, "--pwfile", str(pwfile),
                         "-A", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync")
        pwfile.unlink()
        options = (f"-c listen_addresses=127.0.0.1 -c port={server.port} "
                   f"-c unix_socket_directories={folder} -c max_connections={max_connections} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_locks_per_transaction=256")
        server._as_owner("pg_ctl", "-D", str(folder / "data"), "-l", str(folder / "log"), "-o", options,
                         "-w", "-t", "60", "start")
        return server

    def _as_owner(self, tool: str, *args: str) -> None:
        cmd = [str(self.bin / tool), *args]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if done.returncode:
            log = (self.folder / "log").read_text() if (self.folder / "log").exists() else ""
            raise RuntimeError(f"{tool} failed: {done.stderr}{done.stdout}{log[-2000:]}")

    def url(self, database: str = "postgres") -> str:
        """The URL a config names: no password in it (that comes from the environment)."""
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self, prefix: str = "t") -> str:
        """A fresh, empty database; its URL."""
        import psycopg

        self.databases += 1
        name = f"{prefix}{os.getpid()}_{self.databases}_{int(time.time() * 1000) % 100000}"
        with psycopg.connect(self.url(), password=PASSWORD, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def connect(self, url: str):
        import psycopg
        return psycopg.connect(url, password=PASSWORD, autocommit=True)

    def stop(self) -> None:
        try:
            self._as_owner("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False
