"""plan(customers, now, ...) -> what a cycle should send, and what it holds back and why.

Pure: the ledger gives a view, the clock is passed in, nothing is written.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .calendar import BusinessCalendar
from .model import Customer, Invoice, Stage
from .policy import InvoiceState, decide, stage_index


@dataclass(frozen=True)
class Pause:
    reason: str
    since: dt.datetime
    until: dt.date | None = None  # None: until someone runs `resume`


@dataclass(frozen=True)
class CustomerState:
    customer: Customer                      # .emails are the working addresses
    invoices: tuple[InvoiceState, ...]      # open invoices only
    last_email_on: dt.date | None = None
    pause: Pause | None = None
    thread: tuple[str, ...] = ()            # Message-IDs of earlier reminders, oldest first
    flags: tuple[str, ...] = ()             # e.g. "send_failed", "disputed": a person looks first (C17)


@dataclass(frozen=True)
class PlannedEmail:
    """One email to one customer: the most advanced due stage covers every due invoice."""

    customer: Customer
    recipients: tuple[str, ...]
    stage: Stage
    items: tuple[tuple[InvoiceState, Stage], ...]  # each invoice with its own stage
    thread: tuple[str, ...] = ()

    @property
    def invoices(self) -> tuple[Invoice, ...]:
        return tuple(s.invoice for s, _ in self.items)

    def totals(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for inv in self.invoices:
            out[inv.currency] = out.get(inv.currency, Decimal(0)) + inv.balance
        return out


@dataclass(frozen=True)
class Held:
    customer_id: str
    reason: str


@dataclass(frozen=True)
class Plan:
    now: dt.datetime
    emails: tuple[PlannedEmail, ...]
    held: tuple[Held, ...]
    call_list: tuple[str, ...]            # customer ids a person should phone (C12, C13)
    not_sending: str | None = None        # why nothing may go out at `now`
    next_sending: dt.datetime | None = None
    upcoming: tuple[tuple[str, str, dt.date], ...] = field(default_factory=tuple)  # (customer, stage, on)


def _priority(email: PlannedEmail) -> tuple:
    # Larger and older debts first (C14): matters when a send limit cuts a cycle short.
    total = sum((inv.balance for inv in email.invoices), Decimal(0))
    oldest = min(inv.due_date for inv in email.invoices)
    return (-total, oldest, email.customer.id)


def plan(customers: list[CustomerState], *, now: dt.datetime, stages: tuple[Stage, ...],
         calendar: BusinessCalendar, min_days_between: int) -> Plan:
    today = calendar.local(now).date()
    not_sending = calendar.why_not_sending_now(now)
    emails: list[PlannedEmail] = []
    held: list[Held] = []
    call_list: list[str] = []
    upcoming: list[tuple[str, str, dt.date]] = []

    for c in customers:
        cid = c.customer.id
        decisions = [(s, decide(s, stages, today, min_days_between)) for s in c.invoices]
        if any(d.finished for _, d in decisions):
            # After the last stage a person takes over: no more automatic email (C13).
            call_list.append(cid)
            held.append(Held(cid, f"on the call list: the {stages[-1].name} stage went out"))
            continue
        due = [(s, d.stage) for s, d in decisions if d.stage is not None]
        for s, d in decisions:
            if d.stage is None and d.next_stage is not None and d.next_on is not None:
                upcoming.append((cid, d.next_stage.name, d.next_on))
        if not due:
            continue
        if c.flags:
            call_list.append(cid)
            held.append(Held(cid, f"flagged for a person: {', '.join(c.flags)} (`resume` clears)"))
            continue
        if c.pause and (c.pause.until is None or today <= c.pause.until):
            until = f" until {c.pause.until.isoformat()}" if c.pause.until else " until `resume`"
            held.append(Held(cid, f"paused{until}: {c.pause.reason}"))
            continue
        if not c.customer.emails:
            call_list.append(cid)
            held.append(Held(cid, "no working email address"))
            continue
        if c.last_email_on is not None and (today - c.last_email_on).days < min_days_between:
            on = c.last_email_on + dt.timedelta(days=min_days_between)
            held.append(Held(cid, f"last email on {c.last_email_on.isoformat()}; next not before {on.isoformat()}"))
            continue
        if not_sending:
            held.append(Held(cid, f"not sending now: {not_sending}"))
            continue
        top = max((stage for _, stage in due), key=lambda st: stage_index(stages, st.name))
        due.sort(key=lambda item: (item[0].invoice.due_date, item[0].invoice.number))
        emails.append(PlannedEmail(c.customer, c.customer.emails, top, tuple(due), c.thread))

    emails.sort(key=_priority)
    return Plan(
        now=now,
        emails=tuple(emails),
        held=tuple(held),
        call_list=tuple(call_list),
        not_sending=not_sending,
        next_sending=calendar.next_sending_moment(now) if not_sending else None,
        upcoming=tuple(sorted(upcoming, key=lambda u: (u[2], u[0]))),
    )
