"""The settings a business runs with: frozen dataclasses, their embedded defaults, and the names
every room shares. Reading them from TOML (and every problem reported at once) is config.reading."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from ..model import DunningError, Layout, Stage

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index == date.weekday()
EMAIL_RE = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


class ConfigError(DunningError):
    """One or more config problems; each names its key."""

    def __init__(self, problems: list[str], path: Path | None = None):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"the config has {len(problems)} problem(s):\n{lines}",
                         where=str(path) if path else None)


@dataclass(frozen=True)
class Business:
    name: str = "העסק שלי"
    email: str = "billing@example.co.il"
    timezone: str = "Asia/Jerusalem"
    reply_to: str = ""
    phone: str = ""
    website: str = ""
    signature_name: str = ""
    signature_role: str = ""
    payment_methods: tuple[str, ...] = ("העברה בנקאית", "כרטיס אשראי")
    payment_link: str = ""
    bank_details: str = ""
    color: str = "#2b6cb0"
    logo_url: str = ""
    currency: str = "ILS"  # for exports that state no currency

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2]


@dataclass(frozen=True)
class Paths:
    drop: Path
    processed: Path
    rejected: Path
    database: Path | str   # a file, or a "postgresql://…" URL (see ledger.open_ledger)
    templates: Path


@dataclass(frozen=True)
class Transport:
    kind: str = "outbox"
    outbox: Path = Path("outbox")
    host: str = "localhost"
    port: int = 0  # 0: the usual port for `security`
    security: str = "starttls"
    username: str = ""
    timeout: float = 30.0
    max_per_minute: int = 0          # 0: no limit (Microsoft 365 allows 30)
    max_per_day: int = 0             # 0: no limit (Google Workspace ~2,000)
    give_up_after_days: float = 3.0  # a temporary failure older than this is given up, the customer flagged
    oauth2_token_command: str = ""   # XOAUTH2: a command that prints an access token
    save_to_sent: str = "auto"       # "auto", "true", "false": file a copy in the IMAP Sent folder

    @property
    def effective_port(self) -> int:
        return self.port or {"ssl": 465, "starttls": 587, "none": 25}[self.security]


@dataclass(frozen=True)
class Mailbox:
    kind: str = "maildir"
    maildir: Path = Path("mail")
    host: str = "localhost"
    port: int = 0
    security: str = "ssl"
    username: str = ""
    folder: str = "INBOX"
    sent_folder: str = ""
    oauth2_token_command: str = ""   # XOAUTH2: a command that prints an access token
    # The first sync reads mail from this date on ("" = `first_sync_days` before the first reminder
    # we send); older mail only with `run --mail-since DATE`.
    read_since: dt.date | None = None
    first_sync_days: int = 3


@dataclass(frozen=True)
class Calendar:
    workdays: tuple[int, ...] = (6, 0, 1, 2, 3)  # Sun–Thu, as date.weekday() numbers
    send_window: tuple[dt.time, dt.time] = (dt.time(9), dt.time(17))
    holidays: str = "IL"
    holiday_eves: bool = True
    friday_window: tuple[dt.time, dt.time] | None = None  # e.g. 09:00–12:00; None: no Friday email
    holiday_weeks: bool = True                             # IL: also skip Chol HaMoed of Sukkot and Pesach
    due_on_non_workday: str = "as_is"                      # or "next_workday"


@dataclass(frozen=True)
class Policy:
    min_days_between: int = 5
    max_close_fraction: float = 0.5
    brake_min_open: int = 4
    call_after_unanswered: int = 3   # emails without any answer before a person should phone (C12)
    promise_grace_days: int = 1      # a promise counts as missed this many days after its date
    thank_you: bool = True           # a short thank-you when a reminded invoice is paid (C16)
    payment_claim_grace_days: int = 7  # "I paid": reminders wait this long for the export to show it
    reminder_language: str = "he"    # templates for customers whose export names no language
    reply_confidence: float = 0.6    # a reply read with less confidence waits for a person


@dataclass(frozen=True)
class Payments:
    """Bank statements dropped in the drop folder, their credits matched to open invoices."""

    match: bool = True                           # false: statements are read and kept, nothing is matched
    amount_tolerance: Decimal = Decimal("1.00")  # a credit within this of a balance pays it in full
    confident: float = 0.9                       # a match at or above this closes invoices; below, a person decides
    days_before_issue: int = 7                   # a credit older than an invoice by more than this is not for it
    max_review_customers: int = 3                # customers one unsure credit may hold at once


@dataclass(frozen=True)
class Digest:
    to: str = ""                     # empty: the business's reply_to, else its email (SMTP only)
    at: dt.time = dt.time(9, 0)      # the first cycle after this local time sends it, once a day
    enabled: bool = True             # false: no digest at all
    console_url: str = ""            # the console's address, linked from the digest; empty: no link


@dataclass(frozen=True)
class Worker:
    cycle_minutes: int = 15   # a full cycle (import, inbox, send) this often
    inbox_minutes: int = 3    # the inbox alone in between (IMAP IDLE wakes it sooner)
    drop_seconds: int = 60    # a new export in the drop folder is imported within this


DEFAULT_STAGES = (
    Stage("before_due", -3, "before_due"),
    Stage("reminder", 3, "reminder"),
    Stage("checkin", 10, "checkin"),
    Stage("solution", 21, "solution", instalments=3),
    Stage("final", 35, "final", requires_approval=True),
)


@dataclass(frozen=True)
class Config:
    path: Path | None
    business: Business
    paths: Paths
    transport: Transport
    mailbox: Mailbox
    calendar: Calendar
    policy: Policy
    stages: tuple[Stage, ...] = DEFAULT_STAGES
    importers: tuple[dict, ...] = field(default_factory=tuple)
    worker: Worker = Worker()
    digest: Digest = Digest()
    layout: Layout = Layout()
    payments: Payments = Payments()
    key: str = ""                 # in an office: the business's folder name; "" for a single business
    office: Path | None = None    # in an office: its folder

    @property
    def tz(self) -> ZoneInfo:
        return self.business.tz


OFFICE_FILE = "office.toml"
BUSINESS_KEY_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
