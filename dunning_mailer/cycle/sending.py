"""Sending: recovery of emails in doubt, the planned emails in recorded batches, the throttle,
backoff and the Sent folder. The ledger records every step (intent, `sending`, `sent`)."""
from __future__ import annotations

import datetime as dt
import logging
import random
import secrets
import time
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Iterator

from ..config import Config, files_own_sent
from ..ledger import Intent, Ledger
from ..model import DunningError
from ..planner import Plan
from ..transports import SendError, Transport
from .checkpoints import checkpoint
from .report import CycleReport, SentEmail
from .templates import Templates, template_errors

log = logging.getLogger(__name__)



def _label(local_date: dt.date, stage: str, customer_id: str, message_id: str) -> str:
    token = message_id.strip("<>").split("@")[0].rsplit(".", 1)[-1]
    return f"{local_date.isoformat()}_{stage}_{customer_id}_{token}"



def new_message_id(config: Config, local_date: dt.date, stage: str) -> str:
    return f"<{local_date:%Y%m%d}.{stage}.{secrets.token_hex(8)}@{config.business.domain}>"



def retry_delay(attempts: int, rng: random.Random) -> dt.timedelta:
    """Exponential backoff with jitter: ~5 min, 10, 20 … capped at 6 hours."""
    base = min(5 * 2 ** max(attempts - 1, 0), 360)
    return dt.timedelta(minutes=base * rng.uniform(0.8, 1.2))



class Throttle:
    """Per-minute and per-day send limits (providers cut senders off past them)."""

    def __init__(self, config: Config, ledger: Ledger, now: dt.datetime, sleep=time.sleep):
        self.per_minute = config.transport.max_per_minute
        self.left_today = (config.transport.max_per_day - ledger.sent_since(now - dt.timedelta(days=1))
                           if config.transport.max_per_day else None)
        self.sleep = sleep
        # Attempts of earlier runs in the last minute count too: a run started by cron right after
        # another, or a worker taking over a business from one that died, stays within the limit.
        self.recent: list[float] = []
        if self.per_minute:
            wall, clock = time.time(), time.monotonic()
            self.recent = [clock - (wall - t) for t in ledger.attempted_since(wall - 60)]

    def allow(self) -> bool:
        if self.left_today is not None and self.left_today <= 0:
            return False
        if self.per_minute:
            clock = time.monotonic()
            self.recent = [t for t in self.recent if clock - t < 60]
            if len(self.recent) >= self.per_minute:
                self.sleep(60 - (clock - self.recent[0]))
            self.recent.append(time.monotonic())
        if self.left_today is not None:
            self.left_today -= 1
        return True



class Sender:
    """Delivers outbox rows one by one; the ledger says what happened to each.

    Per email, one commit, made while the server works on the message (so the bookkeeping costs
    the conversation nothing): once email n's data is written and before its answer is read,
    the ledger records `sent` for email n-1 (its 250 came back before n began) and `sending` for
    email n+1. An email not marked ahead (the first, one after a failure) is marked while the
    server reads its envelope. Either way `sending` is on disk before the data can go, and at
    most the one email the server accepted last is not yet recorded `sent`: `flush()` records
    it; a kill before that leaves it `sending`, and the next cycle settles it as it settles a
    kill between a 250 and its commit."""

    def __init__(self, config: Config, ledger: Ledger, transport: Transport, now: dt.datetime,
                 report: CycleReport, rng: random.Random | None = None, sleep=time.sleep, sent_box=None):
        self.config, self.ledger, self.transport, self.now, self.report = config, ledger, transport, now, report
        self.rng = rng or random.Random()
        self.throttle = Throttle(config, ledger, now, sleep)
        self.stopped = False
        # An IMAP mailbox beside an SMTP transport: the Sent folder settles "did it go?" after a
        # crash, and gets a copy of each email unless the provider files one itself.
        self.sent_box = sent_box if transport.name == "smtp" and hasattr(sent_box, "append_sent") else None
        mode = config.transport.save_to_sent
        self.save_copy = self.sent_box is not None and (
            mode == "true" or (mode == "auto" and not files_own_sent(config.transport.host)))
        self.confirmed: tuple[int, dict[str, str], bool] | None = None  # accepted, not yet recorded
        self.marked_ahead: int | None = None  # the next row, already `sending`
        self.meanwhile = None  # more work for the time the server spends on a message

    def already_in_sent(self, message_id: str) -> bool:
        """Whether an email whose fate is unknown (`sending` at a crash) reached the Sent folder."""
        if self.sent_box is None:
            return False
        try:
            folder = self.sent_box.find_sent_folder()
            return bool(folder) and self.sent_box.message_id_in_folder(folder, message_id)
        except (OSError, DunningError) as e:
            log.warning("could not look in the Sent folder: %s", e)
            return False

    def file_copy(self, raw: bytes, label: str) -> None:
        if not self.save_copy:
            return
        try:
            self.sent_box.append_sent(raw, self.now)
        except (OSError, DunningError) as e:
            self.report.waiting.append(f"{label}: sent, but no copy was filed in the Sent folder ({e})")

    def deliver(self, *, rid: int, raw: bytes, recipients: tuple[str, ...], label: str, created_at: dt.datetime,
                attempts: int, recovered: bool, next_rid: int | None = None) -> bool:
        """Send one row; True when it is confirmed sent. `next_rid`: the row that comes next, if
        it is known, to be marked `sending` while the server works on this one."""
        if not self.throttle.allow():
            self.stopped = True
            self.report.waiting.append("the daily send limit (transport.max_per_day) is reached; "
                                       "the rest goes out on the next cycle")
            return False

        def before_data():
            if self.marked_ahead == rid:
                self.marked_ahead = None
            else:
                self._record_progress(sending=rid)

        def while_data():
            if self.meanwhile is not None:
                self.meanwhile()
            if next_rid is not None or self.confirmed is not None:
                self._record_progress(sending=next_rid)
                self.marked_ahead = next_rid

        try:
            result = self.transport.send(raw, sender=self.config.business.email, recipients=recipients,
                                         label=label, before_data=before_data, while_data=while_data)
        except SendError as e:
            checkpoint("send_failed")
            self._failed(rid, e, label, created_at, attempts + 1)
            return False
        checkpoint("sent_unrecorded")  # the server has it, the ledger does not know yet
        self.confirmed = (rid, result.refused, recovered)
        self.file_copy(raw, label)
        return True

    def batch_size(self, batches_before: int) -> int:
        """How many emails to record at once: 8, 16, 32 … 256, and no more than may still go
        out today (the rest would wait, recorded, for tomorrow)."""
        size = min(INTENT_BATCH, FIRST_BATCH << batches_before)
        left = self.throttle.left_today
        return size if left is None else max(1, min(size, left))

    def _record_progress(self, *, sending: int | None) -> None:
        """One commit: `sent` for the email the server accepted last, `sending` for `sending`.
        Not flushed to disk (WAL, synchronous=NORMAL: it survives a killed process; the next
        batch's flushed commit takes it to the disk). Set before the transaction opens: inside
        one SQLite cannot change it, and the batch's flushed commit left FULL behind, which
        made every email wait for an fsync."""
        self.ledger.relaxed_durability()
        with self.ledger.transaction():
            self._record_confirmed()
            if sending is not None:
                self.ledger.mark_sending(sending, time.time())
        checkpoint("sending")

    def flush(self) -> None:
        """Record the last email the server accepted; a row marked ahead whose turn did not come
        (the cycle stopped) goes back to `pending`."""
        if self.confirmed is not None or self.marked_ahead is not None:
            with self.ledger.durable_transaction():  # the end of a run of sends: to the disk
                self._record_confirmed()
                if self.marked_ahead is not None:
                    self.ledger.unmark_sending(self.marked_ahead)
                    self.marked_ahead = None
            checkpoint("sent")

    def _record_confirmed(self) -> None:
        if self.confirmed is None:
            return
        rid, refused, recovered = self.confirmed
        for addr, answer in refused.items():
            if answer[:1] == "5":
                self.ledger.mark_contact_bad(addr, now=self.now, reason=answer)
        self.ledger.mark_sent(rid, now=self.now, recovered=recovered)
        self.confirmed = None

    def _failed(self, rid, e: SendError, label, created_at, attempts) -> None:
        age = self.now - created_at
        give_up_after = dt.timedelta(days=self.config.transport.give_up_after_days)
        for addr in e.bad_recipients:
            self.ledger.mark_contact_bad(addr, now=self.now, reason=str(e))
        if not e.transient:
            self.ledger.give_up(rid, now=self.now, error=str(e))
            self.report.errors.append(f"{label}: {e}")
        elif age >= give_up_after:
            self.ledger.give_up(rid, now=self.now, error=f"still failing after {age.days} days: {e}")
            self.report.errors.append(f"{label}: given up after {age.days} days: {e}")
        else:
            at = self.now + retry_delay(attempts, self.rng)
            self.ledger.retry_later(rid, error=str(e), at=at)
            self.report.waiting.append(f"{label}: {e} (retry after {at.astimezone(self.config.tz):%d/%m %H:%M})")
        if e.stop_queue:
            self.stopped = True
            self.report.errors.append(f"sending stopped for this cycle: {e}")



def recover_unsent(ledger: Ledger, sender: Sender, now: dt.datetime, local_date: dt.date,
                   report: CycleReport, should_stop) -> None:
    """Emails recorded in an earlier cycle and not confirmed sent go first, as the same bytes with
    the same Message-ID: never re-rendered, so one stage is never two different emails."""
    for row in ledger.unsent(now):
        if should_stop() or sender.stopped:
            return
        if row.status == "pending" and ledger.cancel_if_paid(row.id, now=now):
            continue  # never attempted, and it would mention a paid invoice
        if row.status == "sending" and sender.already_in_sent(row.message_id):
            with ledger.transaction():
                ledger.mark_sent(row.id, now=now, recovered=True)
                ledger.log(now, "found_in_sent", row.customer_id, message_id=row.message_id)
            continue
        label = _label(local_date, row.stage, row.customer_id, row.message_id)
        if sender.deliver(rid=row.id, raw=row.raw, recipients=row.recipients, label=label,
                          created_at=row.created_at, attempts=row.attempts, recovered=True):
            report.sent.append(SentEmail(row.customer_id, "", row.stage, row.message_id,
                                         row.recipients, row.invoices, label, recovered=True))



def send_planned(config: Config, ledger: Ledger, sender: Sender, the_plan: Plan, now: dt.datetime,
                 report: CycleReport, should_stop) -> None:
    """Render the plan's emails, record them in batches, send them.

    The emails the evening before rendered (prepared.py) are taken from its store; without one
    the rendering runs ahead in a child process (see prerender.py) while this one records and
    sends. The ledger and the connection stay here, so the order of writes is the same either way."""
    local = now.astimezone(config.tz)
    templates = Templates(config)
    folders = sorted({templates.folder(e.customer.language) for e in the_plan.emails})
    problems = template_errors(config, ledger, folders)
    if problems:
        report.errors.append("the templates have errors, so nothing new was sent "
                             "(`dunning-mailer templates check` lists them):\n  " + "\n  ".join(problems))
        return
    from ..prerender import rendered_ahead  # only now: most cron runs send nothing
    from .prepared import Lookup

    # Emails rendered the evening before (prepared.py) are taken as they are, and the few that
    # changed since rendered here, in line. Without such a store the emails are rendered ahead
    # of the sending, in a child process when there is one to spare.
    found = Lookup(config, templates, the_plan.emails, local)
    batch: list[Outgoing] = []
    batches = 0
    if found.usable:
        broken: set[str] = set()
        renderer = nullcontext(found.emails_in_order(new_message_id, lambda position: rendered_emails(
            config, templates, the_plan.emails, local, only=[position], broken=broken)))
    else:
        # The renderer is forked first: a fork must not copy the checkpoint thread.
        renderer = rendered_ahead(rendered_emails(config, templates, the_plan.emails, local))
    with renderer as emails, ledger.checkpoints_deferred():
        sender.meanwhile = getattr(emails, "drain", None)  # rendered emails, off the pipe
        try:
            for out in emails:
                if should_stop() or sender.stopped:
                    break
                if isinstance(out, str):
                    report.errors.append(out)
                    continue
                position, *rendered = out
                batch.append(Outgoing(the_plan.emails[position], *rendered))
                if len(batch) >= sender.batch_size(batches):
                    send_batch(ledger, sender, batch, now, local.date(), report, should_stop)
                    batch = []
                    batches += 1
            if batch and not sender.stopped and not should_stop():
                send_batch(ledger, sender, batch, now, local.date(), report, should_stop)
        finally:
            sender.meanwhile = None
            found.close()
            if found.usable:
                log.info("%d of %d emails came rendered from the evening before", found.hits, len(the_plan.emails))



def prepare_next_window(config: Config, ledger: Ledger, the_plan: Plan, moment: dt.datetime) -> int:
    """Outside the send window: render the next window's emails (`the_plan`, planned for
    `moment`) into the store of prepared.py, so that window's run only has to send them.
    Nothing is recorded or sent; with broken templates nothing is rendered (the window's run
    says why)."""
    from . import prepared

    templates = Templates(config)
    folders = sorted({templates.folder(e.customer.language) for e in the_plan.emails})
    if not the_plan.emails or template_errors(config, ledger, folders):
        return 0
    local = moment.astimezone(config.tz)
    return prepared.prepare(config, templates, the_plan.emails, moment,
                            rendered_emails(config, templates, the_plan.emails, local))



def rendered_emails(config: Config, templates: Templates, emails, local: dt.datetime,
                    only: list[int] | None = None, broken: set[str] | None = None) -> Iterator[tuple | str]:
    """Each planned email as (its position, Message-ID, subject, exact bytes, recipients), or the
    error (a string) of a broken template. No I/O besides reading templates: it may run in another
    process, so what it yields is kept small (the planned email itself stays with the caller)."""
    from .. import render  # only now: nothing to render on most cron runs
    from .prepared import cc_of, template_of

    broken = set() if broken is None else broken
    for position in range(len(emails)) if only is None else only:
        email = emails[position]
        stage = email.stage
        env = templates.env(email.customer.language)
        template = template_of(email)
        key = f"{templates.folder(email.customer.language)}/{template}"
        if key in broken:
            continue
        try:
            rendered = render.render(env, template,
                                     render.context(email, business=config.business, today=local.date()))
        except render.TemplateError as e:
            broken.add(key)
            yield f"template for stage {stage.name} is broken, its emails were not sent: {e}"
            continue
        message_id = new_message_id(config, local.date(), stage.name)
        cc = cc_of(email)
        raw = render.build_message(rendered, business=config.business, recipients=email.recipients,
                                   customer_name=email.customer.name, message_id=message_id, now=local,
                                   thread=email.thread, cc=cc)
        yield position, message_id, rendered.subject, raw, email.recipients + cc



# Emails recorded per flushed commit, before any of them is attempted: 8, 16, 32 … 256. Small
# first, so the first email does not wait for many to be rendered; then few commits to flush
# (each waits for the disk, which a busy machine makes slow).
FIRST_BATCH, INTENT_BATCH = 8, 256



@dataclass(frozen=True)
class Outgoing:
    email: object  # PlannedEmail
    message_id: str
    subject: str
    raw: bytes
    recipients: tuple[str, ...]



def send_batch(ledger: Ledger, sender: Sender, batch: list[Outgoing], now: dt.datetime, local_date: dt.date,
               report: CycleReport, should_stop) -> None:
    """Record a batch of emails (their exact bytes) in one flushed commit, then send them one by one.

    A stop in between leaves the rest `pending`: the next cycle sends those same bytes."""
    with ledger.durable_transaction():
        rids = ledger.record_intents([Intent(
            customer_id=out.email.customer.id, stage=out.email.stage.name, message_id=out.message_id,
            recipients=out.recipients, subject=out.subject, raw=out.raw,
            items=[(s.source, s.invoice.number, st.name, s.invoice.balance, s.invoice.currency)
                   for s, st in out.email.items],
            status="awaiting_approval" if out.email.requires_approval else "pending") for out in batch],
            now=now, local_date=local_date, transport=sender.transport.name)
        for out in batch:
            if out.email.instalment:
                ledger.plan_note_recorded(out.email.customer.id)
    checkpoint("intent")
    to_send = [rid for out, rid in zip(batch, rids) if not out.email.requires_approval]
    next_rids = dict(zip(to_send, to_send[1:]))
    for out, rid in zip(batch, rids):
        email = out.email
        if email.requires_approval:
            report.awaiting.append(f"{email.customer.id} {email.customer.name}: {email.stage.name}")
            continue
        if should_stop() or sender.stopped:
            return
        label = _label(local_date, email.stage.name, email.customer.id, out.message_id)
        if sender.deliver(rid=rid, raw=out.raw, recipients=out.recipients, label=label, created_at=now,
                          attempts=0, recovered=False, next_rid=next_rids.get(rid)):
            report.sent.append(SentEmail(email.customer.id, email.customer.name, email.stage.name, out.message_id,
                                         email.recipients, tuple(i.number for i in email.invoices), label))
