"""Emails rendered the evening before their send window, so the window's run only sends.

When cores are scarce (a backup, another business's import beside the run), what a run can
send follows the CPU it spends per email, and rendering is most of it (subject, both parts,
the MIME bytes: about as much again as the SMTP conversation itself). A run outside the send
window that imported a file has the evening to spare: it plans the next window's emails and
renders them into a store beside the ledger (`<ledger>.rendered`). The window's run looks each
planned email up there and renders only what it does not find.

The store is a cache and nothing else: no entry is an intent, nothing in it is ever sent
without the window's own plan asking for that very email, and each entry is keyed by
everything its bytes depend on (the day, the template folder's files and the program's
rendering code, the business, the layout, the whole template context, recipients, thread,
Cc). A stale entry is simply never found; a store that cannot be read is no store. What the
window's run takes from it gets its own Message-ID and Date (swapped into the two header
lines), so it is byte for byte what rendering it then would have produced, except the MIME
boundary, which is random anyway. The ledger still records the exact bytes before sending.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator

from ..config import Config
from ..ledger import is_database_url
from .templates import Templates

log = logging.getLogger(__name__)

SUFFIX = ".rendered"
_PACKAGE = Path(__file__).resolve().parent.parent


def store_path(config: Config) -> Path | None:
    """Beside a ledger file; none for PostgreSQL (an office's workers share no disk) or in memory."""
    db = config.paths.database
    if is_database_url(db) or str(db) == ":memory:":
        return None
    db = Path(db)
    return db.with_name(db.name + SUFFIX)


def template_of(email) -> str:
    """The template a planned email is rendered from: a customer-balance export has no invoice
    lines, so its emails are a statement, in the stage's tone."""
    if email.invoices and all(i.kind == "balance" for i in email.invoices) and email.stage.name != "thank_you":
        return "statement"
    return email.stage.template


def stamp(date_header: str, message_id: str) -> bytes:
    """The two header lines a rendered email's identity lives in (render.build_message)."""
    return f"\r\nDate: {date_header}\r\nMessage-ID: {message_id}\r\n".encode("ascii")


class Signatures:
    """What a folder's rendering depends on besides the email: its files, the program's own
    rendering code and layout, the config's [layout]. Stat'ed once per run and folder."""

    def __init__(self, config: Config, templates: Templates):
        self.config, self.templates = config, templates
        self.by_folder: dict[Path, str] = {}
        self.folders: dict[str | None, Path] = {}
        self._code: str | None = None

    def code(self) -> str:
        if self._code is None:
            from .. import __version__
            files = sorted((_PACKAGE / "render").iterdir()) + [_PACKAGE / "cycle" / "sending.py", Path(__file__)]
            self._code = repr((__version__, [_stat(p) for p in files]))
        return self._code

    def of(self, folder: Path) -> str:
        if folder not in self.by_folder:
            try:
                files = sorted(folder.iterdir())
            except OSError:
                files = []
            self.by_folder[folder] = repr((folder.name, [_stat(p) for p in files], self.code(),
                                           self.config.layout, self.config.business))
        return self.by_folder[folder]

    def made_with(self, folder: Path) -> bytes:
        """What every email of `folder` shares: its signature and the business. A store made with
        none of the current ones holds nothing this run can use."""
        text = self.of(folder)
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest()

    def key(self, email, ctx: dict, cc: tuple[str, ...]) -> bytes:
        """`ctx`: render.context of `email` with this config's business (which the folder's
        signature holds already, so it is not spelt out again per email)."""
        language = email.customer.language
        folder = self.folders.get(language) or self.folders.setdefault(language, self.templates.folder(language))
        rest = [(k, v) for k, v in ctx.items() if k != "business" or v is not self.config.business]
        text = repr((self.of(folder), template_of(email), rest, email.recipients, email.thread, cc))
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest()


def _stat(p: Path) -> tuple:
    try:
        s = p.stat()
    except OSError:
        return (p.name, None)
    return (p.name, s.st_size, s.st_mtime_ns)


def cc_of(email) -> tuple[str, ...]:
    return ((email.customer.account_manager_email,)
            if email.stage.cc_account_manager and email.customer.account_manager_email else ())


class Store:
    """The SQLite file of rendered emails: one day's, keyed as above."""

    def __init__(self, path: Path):
        self.path = path
        if not path.exists():
            # Customers' names, addresses and debts, as in the ledger: readable by its owner only.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        self.db = sqlite3.connect(path, timeout=5, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=DELETE")
        self.db.execute("CREATE TABLE IF NOT EXISTS rendered(key BLOB PRIMARY KEY, day TEXT NOT NULL, "
                        "subject TEXT NOT NULL, raw BLOB NOT NULL, stamp BLOB NOT NULL)")
        self.db.execute("CREATE TABLE IF NOT EXISTS made_with(signature BLOB PRIMARY KEY)")

    def close(self) -> None:
        self.db.close()

    def keys(self, day: dt.date) -> set[bytes]:
        return {r[0] for r in self.db.execute("SELECT key FROM rendered WHERE day=?", (day.isoformat(),))}

    def made_with(self) -> set[bytes]:
        return {r[0] for r in self.db.execute("SELECT signature FROM made_with")}

    def get(self, keys: list[bytes]) -> dict[bytes, tuple[str, bytes, bytes]]:
        """The entries of `keys` (at most a few hundred) that the store has."""
        rows = self.db.execute(f"SELECT key, subject, raw, stamp FROM rendered WHERE key IN "
                               f"({','.join('?' * len(keys))})", keys) if keys else ()
        return {bytes(r[0]): (r[1], bytes(r[2]), bytes(r[3])) for r in rows}

    def replace(self, day: dt.date, rows: Iterable[tuple[bytes, str, bytes, bytes]], made_with: Iterable[bytes]) -> int:
        """The store becomes `rows` (key, subject, raw, stamp) for `day`, made with the
        signatures `made_with` (read once the rows are written); other days go."""
        n = 0
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DELETE FROM rendered")
            self.db.execute("DELETE FROM made_with")
            for key, subject, raw, st in rows:
                self.db.execute("INSERT OR REPLACE INTO rendered VALUES(?,?,?,?,?)",
                                (key, day.isoformat(), subject, raw, st))
                n += 1
            self.db.executemany("INSERT OR IGNORE INTO made_with VALUES(?)", [(m,) for m in made_with])
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return n


def open_store(config: Config, *, create: bool = False) -> Store | None:
    path = store_path(config)
    if path is None or (not create and not path.exists()):
        return None
    try:
        return Store(path)
    except (sqlite3.Error, OSError) as e:
        log.info("the store of emails rendered ahead (%s) cannot be used: %s", path, e)
        return None


def prepare(config: Config, templates: Templates, emails, moment: dt.datetime, rendered: Iterable) -> int:
    """Keep `rendered` (sending.rendered_emails of `emails`, the next window's plan, for
    `moment`) in the store; how many."""
    from .. import render

    store = open_store(config, create=True)
    if store is None:
        return 0
    local = moment.astimezone(config.tz)
    signatures = Signatures(config, templates)

    def rows() -> Iterator[tuple[bytes, str, bytes, bytes]]:
        for out in rendered:
            if isinstance(out, str):
                continue  # a broken template: the window's run reports it
            position, message_id, subject, raw, _ = out
            email = emails[position]
            ctx = render.context(email, business=config.business, today=local.date())
            st = stamp(render_date(local), message_id)
            if raw.count(st) == 1:
                yield signatures.key(email, ctx, cc_of(email)), subject, raw, st

    try:
        return store.replace(local.date(), rows(), (signatures.made_with(templates.folder(e.customer.language))
                                                    for e in {e.customer.language: e for e in emails}.values()))
    except (sqlite3.Error, OSError) as e:
        log.warning("the emails of the next send window were not rendered ahead: %s", e)
        return 0
    finally:
        store.close()


def render_date(local: dt.datetime) -> str:
    from email.utils import format_datetime
    return format_datetime(local)


LOOKUP_CHUNK = 32  # emails whose stored bytes are read at once


class Lookup:
    """The window's side: the planned emails in their order, each from the store when it has
    it (with this run's Message-ID and Date), else rendered by `render_one` then and there."""

    def __init__(self, config: Config, templates: Templates, emails, local: dt.datetime):
        self.config, self.templates, self.emails, self.local = config, templates, emails, local
        self.store = open_store(config)
        self.found: set[bytes] = set()
        self.hits = 0
        if self.store is not None:
            try:
                signatures = Signatures(config, templates)
                now_made_with = {signatures.made_with(templates.folder(language))
                                 for language in {e.customer.language for e in emails}}
                # Templates edited or the business changed since: nothing there fits, and
                # rendering everything in line would be slower than the rendering child.
                if now_made_with & self.store.made_with():
                    self.found = self.store.keys(local.date())
            except sqlite3.Error as e:
                log.info("the store of emails rendered ahead cannot be read: %s", e)

    @property
    def usable(self) -> bool:
        """Whether the store holds anything for this day (else there is no use looking)."""
        return bool(self.found)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()

    def emails_in_order(self, new_message_id, render_one) -> Iterator[tuple | str]:
        """As `sending.rendered_emails` yields: (position, Message-ID, subject, bytes, recipients),
        or a broken template's error. The keys are worked out a few emails at a time (read from
        the store together), so the first email goes out at once."""
        from .. import render

        signatures = Signatures(self.config, self.templates)
        date = render_date(self.local)
        today = self.local.date()
        chunk: dict[bytes, tuple] = {}
        for position, email in enumerate(self.emails):
            if position % LOOKUP_CHUNK == 0:
                keys = [signatures.key(e, render.context(e, business=self.config.business, today=today), cc_of(e))
                        for e in self.emails[position:position + LOOKUP_CHUNK]]
                try:
                    chunk = self.store.get([k for k in keys if k in self.found])
                except sqlite3.Error:
                    chunk = {}
            cc = cc_of(email)
            found = chunk.pop(keys[position % LOOKUP_CHUNK], None)
            if found is None or found[1].count(found[2]) != 1:
                yield from render_one(position)
                continue
            subject, raw, st = found
            message_id = new_message_id(self.config, today, email.stage.name)
            self.hits += 1
            yield position, message_id, subject, raw.replace(st, stamp(date, message_id)), email.recipients + cc
