"""What one cycle did: the files it read, the replies, the emails, what waits and what needs you."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..planner import Plan



@dataclass
class FileOutcome:
    file: str
    status: str          # applied | stale | duplicate | braked | held | rejected | waiting | ignored
    message: str



@dataclass
class SentEmail:
    customer_id: str
    customer_name: str
    stage: str
    message_id: str
    recipients: tuple[str, ...]
    invoices: tuple[str, ...]
    label: str
    recovered: bool = False



@dataclass
class CycleReport:
    now: dt.datetime
    dry_run: bool
    files: list[FileOutcome] = field(default_factory=list)
    replies: list[dict] = field(default_factory=list)
    sent: list[SentEmail] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)    # will be retried next cycle
    awaiting: list[str] = field(default_factory=list)   # recorded, waiting for `approve`
    errors: list[str] = field(default_factory=list)     # the user must act: exit 1
    plan: Plan | None = None
