"""What reading a message yields: its kind, intents, dates, bounce details, confidence and the reasons."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


KINDS = ("bounce", "auto_reply", "human", "other")


INTENTS = ("payment_claim", "promise", "dispute", "plan_request", "question")
# The readings a person may give a reply (`label`, the console): an intent, or nothing asked.
LABELS = (*INTENTS, "none")


# When a reply says several things, the one that decides what happens first: a dispute stops
# everything, a plan request needs a person, a promise outranks "I paid part of it" (C11).
PRIORITY = ("dispute", "plan_request", "promise", "payment_claim", "question", "none")


# What always needs a person to read it, whatever the confidence (C10, C13, C17).
FOR_A_PERSON = ("dispute", "plan_request", "question")


# Why a message waits for a person, as a code (the digest words each in Hebrew).
PERSON_REASONS = ("dispute", "plan_request", "question", "unsure", "nothing_to_act_on", "promise_without_date",
                  "no_text", "unreadable", "unmatched", "bounce_not_ours", "auto_reply_not_ours",
                  "return_too_far", "not_a_reply")


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
    # the main intent of a person's reply (PRIORITY order), "none" when it asks for nothing
    intent: str | None = None
    confidence: float = 1.0
    guesses: tuple[tuple[str, float], ...] = ()    # the reader's best readings, most likely first
    written: dt.date | None = None                  # the day relative dates were read against
    needs_person: str | None = None                 # why a person has to read it, if they must
    needs_person_kind: str | None = None            # the same as a code (PERSON_REASONS)
    labelled: bool = False                          # read as a person taught (a correction)
    referenced_ids: tuple[str, ...] = ()            # Message-IDs quoted in the body or a returned copy

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "intents": list(self.intents),
            "intent": self.intent,
            "promise_date": self.promise_date.isoformat() if self.promise_date else None,
            "confidence": round(self.confidence, 3),
            "guesses": [{"intent": i, "confidence": round(p, 3)} for i, p in self.guesses],
            "needs_person": self.needs_person,
            "needs_person_kind": self.needs_person_kind,
            "written": self.written.isoformat() if self.written else None,
            "labelled": self.labelled,
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
