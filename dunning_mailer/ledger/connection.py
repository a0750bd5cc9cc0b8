"""The ledger's one connection: opening the file, the transaction discipline, durability and WAL
checkpoints, metadata and the event log. Every other module of the ledger writes through it.

Two dialects, one SQL: `Connection` is one SQLite file; `PostgresConnection` is one schema of a
PostgreSQL database (one per business), reached through psycopg 3. The other modules write plain
portable SQL with `?` placeholders, `INSERT … ON CONFLICT`, `RETURNING id`; what differs
(placeholders, parameter types, transactions and their locks, durability, bulk-write tuning,
new ids) is decided here, and the DDL, migrations and introspection in schema.py."""
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
from typing import Iterator, Sequence

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


_BULK_CACHE_KIB = 64 * 1024


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
        self.db.execute(self._begin)
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

    # What the two dialects do differently, beyond SQL itself.
    shared = False  # one file, one machine: the run lock is a file lock beside it (cycle/run.py)
    _begin = "BEGIN IMMEDIATE"  # a write transaction takes the file's write lock at once

    def _next_ids(self, table: str, count: int) -> list[int]:
        """Ids for `count` new rows of `table`, for a batch written with executemany. The caller
        holds the write transaction (BEGIN IMMEDIATE), so nobody else takes them meanwhile."""
        first = self.db.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0]
        return list(range(first, first + count))

    @contextmanager
    def _bulk_write(self) -> Iterator[None]:
        """A page cache big enough for a 100k-invoice snapshot (the default 2 MiB spills
        pages to the WAL while the transaction is still open); the usual size after it."""
        size = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size={min(size, -_BULK_CACHE_KIB)}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size={int(size)}")

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


def _postgres_sql(sql: str) -> str:
    """`?` placeholders as psycopg's `%s` (and a literal `%` doubled), outside quoted strings."""
    out, quoted = [], False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
        if quoted:
            out.append("%%" if ch == "%" else ch)
        else:
            out.append("%s" if ch == "?" else "%%" if ch == "%" else ch)
    return "".join(out)


class _Rows:
    """Rows that answer to `row[0]` and `row["name"]`, as sqlite3.Row does; one class per shape."""
    classes: dict[tuple[str, ...], type] = {}

    @classmethod
    def factory(cls, cursor):
        names = tuple(c.name for c in cursor.description or ())
        row = cls.classes.get(names)
        if row is None:
            row = cls.classes[names] = type("Row", (_Row,), {"__slots__": (), "_index": {
                n: i for i, n in enumerate(names)}})
        return row


class _Row(tuple):
    __slots__ = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key):
        if type(key) is str:
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


class _PostgresDB:
    """psycopg's connection with sqlite3's face, the little of it the ledger uses: `execute` and
    `executemany` with `?` placeholders, rows by index or name, `in_transaction`. Parameters go
    as untyped literals, so PostgreSQL reads them in the column's type, as SQLite's affinity does
    (an int compared with a TEXT column, a str stored in a BIGINT one); dates and datetimes as
    ISO text, as sqlite3 stores them; NUL, which PostgreSQL text cannot hold, as U+FFFD."""

    def __init__(self, conn):
        self.conn = conn
        self._sql: dict[str, str] = {}

    def execute(self, sql: str, params: Sequence = ()):
        if not params:
            return self.conn.execute(sql)
        if any(type(p) is str and "\x00" in p for p in params):
            params = [p.replace("\x00", "\ufffd") if type(p) is str else p for p in params]
        return self.conn.execute(self._translated(sql), params)

    def executemany(self, sql: str, rows):
        cur = self.conn.cursor()
        cur.executemany(self._translated(sql), rows)
        return cur

    def _translated(self, sql: str) -> str:
        out = self._sql.get(sql)
        if out is None:
            out = self._sql[sql] = _postgres_sql(sql)
        return out

    @property
    def in_transaction(self) -> bool:
        from psycopg import pq
        return self.conn.info.transaction_status != pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.conn.close()


def _untyped_dumpers(adapters) -> None:
    from psycopg.adapt import Dumper

    class Untyped(Dumper):
        oid = 0  # "unknown": the server takes the type the column or the operator wants

        def dump(self, obj):
            return str(obj).encode()

    class UntypedBool(Untyped):
        def dump(self, obj):
            return b"1" if obj else b"0"

    class UntypedDateTime(Untyped):
        def dump(self, obj):
            return obj.isoformat(" ").encode()

    for kind in (int, Decimal, dt.date):
        adapters.register_dumper(kind, Untyped)
    adapters.register_dumper(bool, UntypedBool)
    adapters.register_dumper(dt.datetime, UntypedDateTime)


def lock_key(name: str) -> int:
    """A stable 32-bit key for PostgreSQL's advisory locks, from a schema's name."""
    import zlib
    return zlib.crc32(name.encode()) - 2 ** 31


# Advisory lock classes (the first of the two keys): one per purpose, so they never meet.
CYCLE_LOCK, WRITE_LOCK = 1, 2


class PostgresConnection(Connection):
    """One business's schema in a PostgreSQL database: every business of an office in one database,
    each in its own schema, so the ledger's SQL never names a business and one business's rows can
    never show up in another's. The password comes from the caller (environment or keyring).

    Transactions: SQLite's BEGIN IMMEDIATE takes the file's one write lock; here each write
    transaction takes the schema's transaction-level advisory lock (WRITE_LOCK) instead, so the
    writes of one business are serialised just the same, across processes and machines, and two
    businesses never wait for each other. `cycle_lock` is the session-level lock that lets one
    worker at a time run a business's cycle; PostgreSQL drops it when the holder's connection
    ends, a killed worker's too. Durability: a `NORMAL` commit is `synchronous_commit = off`
    (it survives a killed process, and reaches the disk a moment later), `FULL` waits for the
    disk, as in SQLite's WAL; checkpoints and cache sizes are the server's business."""

    shared = True

    def __init__(self, url: str, *, schema: str, password: str | None = None, display: str | None = None):
        import psycopg

        self.path = None
        self.url, self.schema = url, schema
        self.where = f"{display or url} (schema {schema})"
        self._key = lock_key(schema)
        self._begin = f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK}, {self._key})"
        self._synchronous = "FULL"
        extra = {"password": password} if password else {}
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=15, application_name="dunning-mailer",
                                   row_factory=_Rows.factory, **extra)
        except psycopg.Error as e:
            raise LedgerError(f"the PostgreSQL database cannot be reached: {_plain(e)}", where=self.where) from None
        _untyped_dumpers(conn.adapters)
        self.db = _PostgresDB(conn)
        self.db.execute(f'SET search_path TO "{schema}"')
        try:
            self._migrate()
        except psycopg.Error as e:
            conn.close()
            raise LedgerError(f"the PostgreSQL ledger cannot be opened: {_plain(e)}", where=self.where) from None

    @contextmanager
    def reading(self) -> Iterator[_PostgresDB]:
        """Several reads that see one moment of the ledger, taking no write lock (SQLite's
        deferred BEGIN gives that; PostgreSQL's default isolation sees each statement's moment)."""
        if self.db.in_transaction:
            yield self.db
            return
        self.db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield self.db
        finally:
            self.db.execute("COMMIT")

    def _durability(self, level: str) -> None:
        if not self.db.in_transaction and self._synchronous != level:
            self.db.execute(f"SET synchronous_commit TO {'on' if level == 'FULL' else 'off'}")
            self._synchronous = level

    @contextmanager
    def checkpoints_deferred(self) -> Iterator[None]:
        yield

    @contextmanager
    def _bulk_write(self) -> Iterator[None]:
        yield

    def _next_ids(self, table: str, count: int) -> list[int]:
        return [r[0] for r in self.db.execute(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, ?)", (count,))]

    @contextmanager
    def cycle_lock(self, wait_seconds: float = 0.0) -> Iterator[bool]:
        """The business's cycle lock, held by this connection (see the class); False when another
        worker holds it past `wait_seconds`."""
        import time
        deadline = time.monotonic() + wait_seconds
        while not self.db.execute("SELECT pg_try_advisory_lock(?, ?)", (CYCLE_LOCK, self._key)).fetchone()[0]:
            if time.monotonic() >= deadline:
                yield False
                return
            time.sleep(0.2)
        try:
            yield True
        finally:
            if not self.db.conn.closed:
                self.db.execute("SELECT pg_advisory_unlock(?, ?)", (CYCLE_LOCK, self._key))


def _plain(e: Exception) -> str:
    """A driver error in one line (libpq never puts the password in its messages)."""
    return " ".join(str(e).split()) or type(e).__name__
