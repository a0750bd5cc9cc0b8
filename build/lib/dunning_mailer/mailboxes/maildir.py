"""A local Maildir, read only: messages are never moved or flagged."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator

from . import Cursor, Incoming

log = logging.getLogger(__name__)


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

    def fetch_new(self, cursor: Cursor) -> Iterator[Incoming]:
        """New messages, oldest first. An entry that is not a message file (a folder, a broken
        link) or cannot be read is skipped with one warning per cycle, and the rest is read."""
        seen = cursor.seen_keys(self.name)
        entries = []
        for sub in ("cur", "new"):
            for path in (self.folder / sub).iterdir():
                if path.name.startswith("."):
                    continue
                key = path.name.split(":", 1)[0]  # the unique part survives new/ -> cur/ and flag changes
                if key in seen:
                    continue
                try:
                    if not path.is_file():
                        log.warning("%s: not a message file; skipped", path)
                        continue
                    entries.append((path.stat().st_mtime, key, path))
                except OSError as e:
                    log.warning("%s: skipped (%s)", path, e.strerror or e)
        for _, key, path in sorted(entries):
            try:
                raw = path.read_bytes()
            except FileNotFoundError:  # moved by a mail client between listing and reading
                continue
            except OSError as e:  # e.g. delivered by another user, mode 0600: the next cycle tries again
                log.warning("%s: could not be read (%s); skipped, the other messages are read",
                            path, e.strerror or e)
                continue
            yield Incoming(key, raw)
