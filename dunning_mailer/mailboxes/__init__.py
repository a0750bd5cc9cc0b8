"""Mailboxes yield incoming messages as raw bytes: `maildir` (a local folder) or `imap`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Protocol


@dataclass(frozen=True)
class Incoming:
    key: str      # stable within the mailbox (Maildir unique name, or UIDVALIDITY:UID)
    raw: bytes


class Mailbox(Protocol):
    name: str

    def __enter__(self) -> "Mailbox": ...

    def __exit__(self, *exc) -> None: ...

    def fetch_new(self, seen: set[str]) -> Iterator[Incoming]:
        """Messages whose key is not in `seen`, oldest first, without touching their flags."""


def open_mailbox(config, password: str | None = None) -> Mailbox | None:
    kind = config.mailbox.kind
    if kind == "maildir":
        from .maildir import MaildirMailbox
        return MaildirMailbox(config.mailbox.maildir)
    if kind == "imap":
        from .imap import ImapMailbox  # noqa: F401 — comes with the inbox issue
        return ImapMailbox(config.mailbox, password)
    return None
