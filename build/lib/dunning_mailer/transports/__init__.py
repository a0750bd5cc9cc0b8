"""Transports deliver the exact bytes of a reminder: `outbox` (a folder of .eml files) or `smtp`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

from ..model import DunningError


class SendError(DunningError):
    """Nothing was delivered; `transient` errors are retried on a later cycle."""

    def __init__(self, message: str, *, transient: bool = True, stop_queue: bool = False,
                 bad_recipients: tuple[str, ...] = ()):
        super().__init__(message)
        self.transient = transient
        self.stop_queue = stop_queue            # the whole queue waits (throttling, auth, quota)
        self.bad_recipients = bad_recipients    # refused for good (5xx on RCPT)


@dataclass(frozen=True)
class SendResult:
    refused: dict[str, str] = field(default_factory=dict)  # address -> server answer


class Transport(Protocol):
    name: str

    def __enter__(self) -> "Transport": ...

    def __exit__(self, *exc) -> None: ...

    def send(self, raw: bytes, *, sender: str, recipients: tuple[str, ...], label: str,
             before_data: Callable[[], None] | None = None,
             while_data: Callable[[], None] | None = None) -> SendResult:
        """Deliver `raw` as is. `label` names the email for people (file names, logs).

        `before_data` is called exactly once, before any byte of the message can reach the server,
        even when the delivery fails. `while_data` is called once the message is handed over and
        before the answer is known, if it got that far. The SMTP transport calls them while the
        server reads the envelope and the message, so the caller's bookkeeping costs no time."""


def open_transport(config, password: str | None = None) -> Transport:
    if config.transport.kind == "smtp":
        from .smtp import SmtpTransport
        return SmtpTransport(config.transport, password)
    from .outbox import OutboxTransport
    return OutboxTransport(config.transport.outbox)
