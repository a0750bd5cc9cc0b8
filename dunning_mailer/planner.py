"""plan(customers, now, ...) -> what a cycle should send, and what it holds back and why.

Pure: the ledger gives a view, the clock is passed in, nothing is written.
One policy for every customer (C5); the only exceptions are explicit and
dated: a pause, a promise, a payment plan, a flag, an approval.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import ROUND_UP, Decimal

from .calendar import BusinessCalendar
from .model import Customer, Invoice, Offer, PaymentPlan, Promise, Stage
from .policy import InvoiceState, decide, stage_index

# Emails outside the ladder; each has its own template of the same name.
PROMISE_FOLLOWUP = Stage("promise_followup", 0, "promise_followup")
PLAN_INSTALMENT = Stage("plan_instalment", 0, "plan_instalment")
THANK_YOU = Stage("thank_you", 0, "thank_you")
SPECIAL_STAGES = (PROMISE_FOLLOWUP, PLAN_INSTALMENT, THANK_YOU)


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
    promise: Promise | None = None          # the open promise, if any
    payment_plan: PaymentPlan | None = None
    paid_unthanked: tuple[InvoiceState, ...] = ()  # reminded invoices paid since, not thanked yet
    last_thank_you_on: dt.date | None = None
    unanswered: int = 0                     # emails since the customer last wrote to us
    awaiting_approval: bool = False


@dataclass(frozen=True)
class PlannedEmail:
    """One email to one customer: the most advanced due stage covers every due invoice."""

    customer: Customer
    recipients: tuple[str, ...]
    stage: Stage
    items: tuple[tuple[InvoiceState, Stage], ...]  # each invoice with its own stage
    thread: tuple[str, ...] = ()
    offer: Offer | None = None
    promise: Promise | None = None
    instalment: tuple[int, int, dt.date, Decimal] | None = None  # (1-based number, of, date, amount)

    @property
    def invoices(self) -> tuple[Invoice, ...]:
        return tuple(s.invoice for s, _ in self.items)

    @property
    def requires_approval(self) -> bool:
        return self.stage.requires_approval

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
class Call:
    """One customer a person should phone (C12, C13): the number, what is owed and since when."""

    customer_id: str
    name: str
    phone: str                            # as the files wrote it (phones.shown_phones); "" unknown
    totals: dict[str, Decimal]            # open balance per currency
    oldest_due: dt.date | None
    last_email_on: dt.date | None
    unanswered: int = 0                   # emails since the customer last wrote to us

    @property
    def total(self) -> Decimal:
        return sum(self.totals.values(), Decimal(0))


def _call(c: CustomerState) -> Call:
    totals: dict[str, Decimal] = {}
    for s in c.invoices:
        totals[s.invoice.currency] = totals.get(s.invoice.currency, Decimal(0)) + s.invoice.balance
    oldest = min((s.invoice.due_date for s in c.invoices), default=None)
    return Call(c.customer.id, c.customer.name, c.customer.phone, totals, oldest, c.last_email_on,
                c.unanswered)


@dataclass(frozen=True)
class Plan:
    now: dt.datetime
    emails: tuple[PlannedEmail, ...]
    held: tuple[Held, ...]
    call_list: tuple[str, ...]            # customer ids a person should phone (C12, C13)
    not_sending: str | None = None        # why nothing may go out at `now`
    next_sending: dt.datetime | None = None
    upcoming: tuple[tuple[str, str, dt.date], ...] = field(default_factory=tuple)  # (customer, stage, on)
    promise_outcomes: tuple[tuple[str, str], ...] = ()  # (customer, "kept" | "missed")
    # The call list's customers with their phone numbers, larger and older debts first (C14).
    calls: tuple[Call, ...] = ()


def _priority(email: PlannedEmail) -> tuple:
    # Larger and older debts first (C14): matters when a send limit cuts a cycle short.
    total = sum((inv.balance for inv in email.invoices), Decimal(0))
    oldest = min((inv.due_date for inv in email.invoices), default=dt.date.max)
    return (-total, oldest, email.customer.id)


def _total(states: tuple[InvoiceState, ...]) -> Decimal:
    return sum((s.invoice.balance for s in states), Decimal(0))


def offer_for(stage: Stage, total: Decimal, today: dt.date) -> Offer | None:
    """What the stage offers this customer; a plan only when every instalment meets the minimum."""
    discount_until = (today + dt.timedelta(days=stage.discount_days or 7)) if stage.discount_percent else None
    instalments = amount = None
    if stage.instalments:
        n = stage.instalments
        if stage.min_instalment:
            n = min(n, int(total // stage.min_instalment))
        if n >= 2:
            instalments = n
            amount = (total / n).quantize(Decimal("1"), rounding=ROUND_UP)
    if not stage.discount_percent and not instalments:
        return None
    return Offer(stage.discount_percent, discount_until, instalments, amount)


def plan(customers: list[CustomerState], *, now: dt.datetime, stages: tuple[Stage, ...],
         calendar: BusinessCalendar, min_days_between: int, call_after_unanswered: int = 0,
         promise_grace_days: int = 1, thank_you: bool = False) -> Plan:
    today = calendar.local(now).date()
    not_sending = calendar.why_not_sending_now(now)
    emails: list[PlannedEmail] = []
    held: list[Held] = []
    call_list: list[str] = []
    upcoming: list[tuple[str, str, dt.date]] = []
    outcomes: list[tuple[str, str]] = []

    def hold(cid: str, reason: str) -> None:
        held.append(Held(cid, reason))

    def gate(c: CustomerState) -> str | None:
        """Why no email may go to this customer now, for any reason other than the ladder."""
        if not c.customer.emails:
            return "no working email address"
        if c.last_email_on is not None and (today - c.last_email_on).days < min_days_between:
            on = c.last_email_on + dt.timedelta(days=min_days_between)
            return f"last email on {c.last_email_on.isoformat()}; next not before {on.isoformat()}"
        if not_sending:
            return f"not sending now: {not_sending}"
        return None

    for c in customers:
        cid = c.customer.id
        if not c.invoices:
            # Fully paid: only a thank-you may go out (C16).
            if thank_you and c.paid_unthanked and c.customer.emails and not not_sending and (
                    c.last_thank_you_on is None or (today - c.last_thank_you_on).days >= 7):
                emails.append(PlannedEmail(c.customer, c.customer.emails, THANK_YOU,
                                           tuple((s, THANK_YOU) for s in c.paid_unthanked), c.thread))
            continue
        if c.flags:
            call_list.append(cid)
            hold(cid, f"flagged for a person: {', '.join(c.flags)} (`resume` clears)")
            continue
        if c.awaiting_approval:
            hold(cid, "an email is waiting for approval (`dunning-mailer approve`)")
            continue
        if c.pause and (c.pause.until is None or today <= c.pause.until):
            until = f" until {c.pause.until.isoformat()}" if c.pause.until else " until `resume`"
            hold(cid, f"paused{until}: {c.pause.reason}")
            continue

        if c.promise is not None:
            deadline = c.promise.due + dt.timedelta(days=promise_grace_days)
            if today <= deadline:
                hold(cid, f"promised to pay by {c.promise.due.isoformat()}")
                continue
            paid = c.promise.balance_then - _total(c.invoices)
            kept = paid >= c.promise.amount if c.promise.amount is not None else paid >= c.promise.balance_then
            if kept:
                outcomes.append((cid, "kept"))  # the ladder goes on for what is left
            else:
                why = gate(c)
                if why:
                    hold(cid, f"promise of {c.promise.due.isoformat()} missed; follow-up waits: {why}")
                    continue
                outcomes.append((cid, "missed"))
                emails.append(PlannedEmail(c.customer, c.customer.emails, PROMISE_FOLLOWUP,
                                           tuple((s, PROMISE_FOLLOWUP) for s in c.invoices), c.thread,
                                           promise=c.promise))
                continue

        if c.payment_plan is not None:
            pp = c.payment_plan
            if pp.notes_sent < len(pp.dates):
                date = pp.dates[pp.notes_sent]
                if today >= date - dt.timedelta(days=3):
                    why = gate(c)
                    if why and not why.startswith("last email"):
                        hold(cid, f"payment plan note waits: {why}")
                    else:
                        emails.append(PlannedEmail(
                            c.customer, c.customer.emails, PLAN_INSTALMENT,
                            tuple((s, PLAN_INSTALMENT) for s in c.invoices), c.thread,
                            instalment=(pp.notes_sent + 1, len(pp.dates), date, pp.amount)))
                    continue
                upcoming.append((cid, PLAN_INSTALMENT.name, date - dt.timedelta(days=3)))
            hold(cid, "on a payment plan: the ladder is off")
            continue

        total = _total(c.invoices)
        decisions = []
        for s in c.invoices:
            due = calendar.effective_due(s.invoice.due_date)
            view = s if due == s.invoice.due_date else replace(s, invoice=replace(s.invoice, due_date=due))
            skipped = tuple(st.name for st in stages if st.min_total is not None and total < st.min_total)
            decisions.append((s, decide(view, stages, today, min_days_between, skip=skipped)))
        if any(d.finished for _, d in decisions):
            # After the last stage a person takes over: no more automatic email (C13).
            call_list.append(cid)
            hold(cid, f"on the call list: the {stages[-1].name} stage went out")
            continue
        if call_after_unanswered and c.unanswered >= call_after_unanswered:
            call_list.append(cid)  # still emailed, and a person should also phone (C12)
        due_items = [(s, d.stage) for s, d in decisions if d.stage is not None]
        for s, d in decisions:
            if d.stage is None and d.next_stage is not None and d.next_on is not None:
                upcoming.append((cid, d.next_stage.name, d.next_on))
        if not due_items:
            continue
        why = gate(c)
        if why:
            if why == "no working email address":
                call_list.append(cid)
            hold(cid, why)
            continue
        top = max((stage for _, stage in due_items), key=lambda st: stage_index(stages, st.name))
        due_items.sort(key=lambda item: (item[0].invoice.due_date, item[0].invoice.number))
        emails.append(PlannedEmail(c.customer, c.customer.emails, top, tuple(due_items), c.thread,
                                   offer=offer_for(top, total, today)))

    emails.sort(key=_priority)
    by_id = {c.customer.id: c for c in customers}
    calls = sorted((_call(by_id[cid]) for cid in dict.fromkeys(call_list)),
                   key=lambda k: (-k.total, k.oldest_due or dt.date.max, k.customer_id))
    return Plan(
        now=now,
        emails=tuple(emails),
        held=tuple(held),
        call_list=tuple(dict.fromkeys(call_list)),
        not_sending=not_sending,
        next_sending=calendar.next_sending_moment(now) if not_sending else None,
        upcoming=tuple(sorted(upcoming, key=lambda u: (u[2], u[0]))),
        promise_outcomes=tuple(outcomes),
        calls=tuple(calls),
    )
