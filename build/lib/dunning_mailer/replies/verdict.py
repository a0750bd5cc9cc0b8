"""What reading a message yields: its kind, intents, dates, bounce details and the reasons."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


KINDS = ("bounce", "auto_reply", "human", "other")


INTENTS = ("payment_claim", "promise", "dispute", "plan_request", "question")


@dataclass(frozen=True)
class BounceInfo:
    hard: bool
    delayed: bool
    status: str | None
    recipients: tuple[str, ...]
    original_message_id: str | None

    def to_json(self) -> dict:
        return {
            "hard": self.hard,
            "delayed": self.delayed,
            "status": self.status,
            "recipients": list(self.recipients),
            "original_message_id": self.original_message_id,
        }


@dataclass(frozen=True)
class Verdict:
    kind: str
    intents: tuple[str, ...] = ()
    promise_date: dt.date | None = None
    return_date: dt.date | None = None
    bounce: BounceInfo | None = None
    message_id: str | None = None
    in_reply_to: tuple[str, ...] = ()
    sender: str | None = None
    subject: str = ""
    text: str = ""
    invoices: tuple[str, ...] = ()
    why: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "intents": list(self.intents),
            "promise_date": self.promise_date.isoformat() if self.promise_date else None,
            "bounce": self.bounce.to_json() if self.bounce else None,
            "return_date": self.return_date.isoformat() if self.return_date else None,
            "customer_id": None,
            "invoices": list(self.invoices),
            "why": list(self.why),
            "message_id": self.message_id,
            "in_reply_to": list(self.in_reply_to),
            "sender": self.sender,
            "subject": self.subject,
            "text": self.text,
        }
