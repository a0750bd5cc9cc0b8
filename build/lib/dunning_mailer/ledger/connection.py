"""The ledger's one connection: opening the file, the transaction discipline, durability and WAL
checkpoints, metadata and the event log. Every other module of the ledger writes through it."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
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


def unusable_file(path: Path) -> str | None:
    """Why the ledger file at `path` cannot be opened as it is, in plain words, or None."""
    try:
        size = path.stat().st_size
    except OSError as e:
        return f"the ledger file cannot be read ({e.strerror})"
    if size == 0:
        return ("the ledger file is empty (0 bytes): it was cut short or overwritten. Nothing was done, "
                "and no new ledger was started in its place (that would forget every email already sent)"
                + restore_hint(path))
    if not os.access(path, os.R_OK | os.W_OK):
        return (f"the ledger file is read-only for this user (uid {os.getuid()}): give it write access "
                "(chmod u+rw) or run dunning-mailer as the user who owns it")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return (f"the folder {path.parent} is read-only for this user: the ledger needs to write its journal "
                "files beside it")
    return None


def ledger_failure(e: sqlite3.Error, path: Path) -> str:
    """An SQLite error on the ledger file at `path`, in plain words."""
    text = str(e)
    if "readonly" in text or "read-only" in text:
        return f"the ledger file cannot be written ({text}); check its permissions and the disk"
    if "locked" in text or "busy" in text:
        return f"the ledger file is in use by another program ({text}); try again in a moment"
    if "is full" in text:
        return f"the disk holding the ledger is full ({text}); make room, then run again"
    return (f"the ledger file is damaged or is not a dunning-mailer ledger ({text}). Nothing was changed, "
            "and no new ledger was started in its place" + restore_hint(path))


_BACKUP_NAME = re.compile(r"\d{4}-\d{2}-\d{2}\.sqlite3")


def backup_folder(ledger_path: Path) -> Path:
    return Path(ledger_path).with_name(Path(ledger_path).name + ".backups")


def backups(ledger_path: Path) -> list[Path]:
    """The backups of a ledger file, oldest first."""
    folder = backup_folder(ledger_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _BACKUP_NAME.fullmatch(p.name))


def newest_backup(ledger_path: Path) -> Path | None:
    found = backups(ledger_path)
    return found[-1] if found else None


def restore_hint(path: Path) -> str:
    newest = newest_backup(path)
    if newest is None:
        return " (there is no backup of it yet)"
    return (f". The newest backup is {newest.name} in {newest.parent}: `dunning-mailer restore` puts it in "
            "place (the current file is kept beside it)")


class Connection:
    """One SQLite file, `0600`, WAL; every write is one short transaction."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            self._create()
        refusal = unusable_file(self.path)
        if refusal:
            raise LedgerError(refusal, where=str(self.path))
        try:
            self._open(self.path)
            self._migrate()
        except sqlite3.Error as e:
            self.db.close()
            raise LedgerError(ledger_failure(e, self.path), where=str(self.path)) from None

    def _open(self, path: Path, journal: str = "WAL") -> None:
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute(f"PRAGMA journal_mode={journal}")
        self.db.execute("PRAGMA synchronous=FULL")
        self._synchronous = "FULL"
        self.db.execute("PRAGMA foreign_keys=ON")
        if journal == "WAL" and not self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone():
            # Ours are made whole before they get their name (see _create): a file without its
            # tables lost them, or is someone else's. Starting over in it would forget every email sent.
            raise sqlite3.DatabaseError("it has no ledger tables (no schema version)")

    def _create(self) -> None:
        """A new ledger is written under a temporary name and renamed into place with its tables,
        so a file at the ledger's path that is empty or has no tables is never one we are making."""
        fresh = self.path.with_name(self.path.name + ".new")
        fresh.unlink(missing_ok=True)
        os.close(os.open(fresh, os.O_CREAT | os.O_WRONLY, 0o600))
        self._open(fresh, journal="DELETE")
        try:
            self._migrate()
        finally:
            self.db.close()
        os.chmod(fresh, 0o600)
        os.replace(fresh, self.path)

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


def checked_copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live ledger to `target` with SQLite's backup API (a consistent picture, even while
    another connection writes) and check the copy before it gets its name; mode `0600`."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY, 0o600))
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
        verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as e:
        verdict = str(e)
    finally:
        copy.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise LedgerError(f"the ledger failed its integrity check ({verdict}); the backups were left as they "
                          "were", where=str(target.parent))
    with open(partial, "rb") as f:
        os.fsync(f.fileno())
    os.replace(partial, target)


def file_problem(path: Path) -> str | None:
    """What is wrong with a ledger file at rest (a backup), or None when it is whole."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as e:
        return str(e)
    try:
        verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            return verdict
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone():
            return "it is not a dunning-mailer ledger"
        return None
    except sqlite3.Error as e:
        return str(e)
    finally:
        db.close()
