"""A local Maildir, read only: messages are never moved or flagged."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

from . import Cursor, Incoming


class MaildirMailbox:
    name = "maildir"

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def __enter__(self) -> "MaildirMailbox":
        for sub in ("new", "cur", "tmp"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc) -> None:
        pass

    def fetch_new(self, cursor: Cursor, *, since: dt.date | None = None, older: bool = False) -> Iterator[Incoming]:
        seen = cursor.seen_keys(self.name)
        # A Maildir file's modification time is when it was delivered.
        oldest = dt.datetime.combine(since, dt.time(0)).timestamp() if since else None
        entries = []
        for sub in ("cur", "new"):
            for path in (self.folder / sub).iterdir():
                if path.name.startswith("."):
                    continue
                key = path.name.split(":", 1)[0]  # the unique part survives new/ -> cur/ and flag changes
                if key not in seen:
                    delivered = path.stat().st_mtime
                    if oldest is None or delivered >= oldest:
                        entries.append((delivered, key, path))
        for _, key, path in sorted(entries):
            try:
                raw = path.read_bytes()
            except FileNotFoundError:  # moved by a mail client between listing and reading
                continue
            yield Incoming(key, raw)
