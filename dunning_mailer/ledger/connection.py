"""The ledger's one connection: opening the file, the transaction discipline, durability and WAL
checkpoints, metadata and the event log. Every other module of the ledger writes through it."""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from ..model import DunningError


class LedgerError(DunningError):
    pass


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dec(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class Connection:
    """One SQLite file, `0600`, WAL; every write is one short transaction."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(self.path, 0o600)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self._synchronous = "FULL"
        self.db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self.db.in_transaction:  # nested: the outer transaction decides
            yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    @contextmanager
    def durable_transaction(self) -> Iterator[sqlite3.Connection]:
        """A transaction whose commit is flushed to disk, with every cheaper one before it."""
        self._durability("FULL")
        with self.transaction() as db:
            yield db

    def relaxed_durability(self) -> None:
        """Commits survive a killed process but are flushed to disk with the next durable one."""
        self._durability("NORMAL")

    def _durability(self, level: str) -> None:
        # WAL: a NORMAL commit survives a killed process, and reaches the disk with the next FULL one.
        if not self.db.in_transaction and self._synchronous != level:
            self.db.execute(f"PRAGMA synchronous={level}")
            self._synchronous = level

    @contextmanager
    def checkpoints_deferred(self) -> Iterator[None]:
        """No WAL checkpoint (copying pages into the main file, two flushes) inside this
        connection's commits while a run of sends goes on: every few hundred emails one commit
        would wait for it. A thread with its own connection checkpoints instead, beside the
        sending (SQLite lets a checkpoint and a writer work at once, and leaves the GIL while it
        copies), so little is left for the end."""
        self.db.execute("PRAGMA wal_autocheckpoint=0")
        stop = threading.Event()
        worker = None
        if self.path != Path(":memory:"):
            worker = threading.Thread(target=self._checkpoint_until, args=(stop,), name="wal-checkpoint",
                                      daemon=True)
            worker.start()
        try:
            yield
        finally:
            stop.set()
            if worker is not None:
                worker.join()
            self.db.execute("PRAGMA wal_autocheckpoint=1000")
            if not self.db.in_transaction:
                self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _checkpoint_until(self, stop: threading.Event, every: float = 0.5) -> None:
        db = sqlite3.connect(self.path, timeout=0)
        try:
            while not stop.wait(every):
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error:
                    pass  # busy: the next turn, or the end, does it
        finally:
            db.close()

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                        (key, value))

    def log(self, at: dt.datetime, kind: str, customer_id: str | None = None, **detail) -> None:
        self.db.execute("INSERT INTO events(at, customer_id, kind, detail) VALUES(?,?,?,?)",
                        (at.isoformat(), customer_id, kind, json.dumps(detail, ensure_ascii=False, default=str)))

    def copy_in_memory(self):
        """A private in-memory copy, for `--dry-run`: the whole cycle runs, nothing is kept."""
        copy = type(self).__new__(type(self))
        copy.path = Path(":memory:")
        copy.db = sqlite3.connect(":memory:", isolation_level=None)
        copy.db.row_factory = sqlite3.Row
        copy._synchronous = None
        self.db.backup(copy.db)
        return copy
