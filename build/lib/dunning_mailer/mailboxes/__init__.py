"""Mailboxes yield incoming messages as raw bytes: `maildir` (a local folder) or `imap`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Protocol


@dataclass(frozen=True)
class Incoming:
    key: str                        # stable within the mailbox (Maildir unique name, or folder:UIDVALIDITY:UID)
    raw: bytes
    folder: str | None = None       # IMAP: where it was found; the cycle stores the new position
    uidvalidity: int | None = None  # with the message, in one transaction
    uid: int | None = None


class Cursor(Protocol):
    """What a mailbox may ask the ledger about its own past: read only."""

    def seen_keys(self, mailbox: str) -> set[str]: ...

    def mailbox_position(self, mailbox: str, folder: str) -> tuple[int | None, int]: ...


class Mailbox(Protocol):
    name: str

    def __enter__(self) -> "Mailbox": ...

    def __exit__(self, *exc) -> None: ...

    def fetch_new(self, cursor: Cursor) -> Iterator[Incoming]:
        """Messages not seen before, oldest first, without touching their flags."""


def open_mailbox(config, password: str | None = None, *, oauth2_token: str | None = None) -> Mailbox | None:
    kind = config.mailbox.kind
    if kind == "maildir":
        from .maildir import MaildirMailbox
        return MaildirMailbox(config.mailbox.maildir)
    if kind == "imap":
        from .imap import ImapMailbox
        return ImapMailbox(config.mailbox, password, oauth2_token=oauth2_token)
    return None
