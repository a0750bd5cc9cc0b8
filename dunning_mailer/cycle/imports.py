"""run_once: take new files, read the mailbox, plan, send. The one place edges meet the core."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import random
import re
import secrets
import shutil
import signal
import time
import fcntl
from contextlib import contextmanager, nullcontext
from typing import Iterator
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime
from dataclasses import dataclass, field
from pathlib import Path

from .calendar import BusinessCalendar
from .config import Config, files_own_sent
from .ledger import Intent, Ledger
from .mailboxes import Mailbox
from .matching import match_customer
from .model import DunningError
from .planner import Plan, plan
from .transports import SendError, Transport

log = logging.getLogger(__name__)

_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)|(?<!\d)(\d{2})[-_.](\d{2})[-_.](\d{4})(?!\d)")


FRESH_SECONDS = 10  # an unreadable file younger than this may still be arriving


@dataclass
class FileOutcome:
    file: str
    status: str          # applied | stale | duplicate | braked | rejected | waiting
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


# ---- the drop folder ----------------------------------------------------------

def snapshot_time(path: Path, tz) -> dt.datetime:
    """The date a snapshot describes: a date in the file name, else the file's modification time."""
    m = _DATE_IN_NAME.search(path.stem)
    if m:
        try:
            if m.group(1):
                day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            else:
                day = dt.date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
            return dt.datetime.combine(day, dt.time(0), tz)
        except ValueError:
            pass
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz)


def dropped_files(config: Config) -> list[tuple[str, Path]]:
    """(source, path) for every file waiting in the drop folder; a subfolder names its source."""
    from .sources import SUPPORTED_SUFFIXES, looks_incomplete

    drop = config.paths.drop
    skip = {config.paths.processed.resolve(), config.paths.rejected.resolve()}
    found: list[tuple[str, Path]] = []
    if not drop.is_dir():
        return found
    for entry in sorted(drop.iterdir()):
        if entry.is_dir():
            if entry.resolve() in skip or entry.name.startswith("."):
                continue
            found += [(entry.name, p) for p in sorted(entry.iterdir()) if p.is_file()]
        elif entry.is_file():
            found.append(("default", entry))
    return [(s, p) for s, p in found
            if p.suffix.lower() in SUPPORTED_SUFFIXES and not looks_incomplete(p)]


def _move(path: Path, folder: Path, now: dt.datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{now:%Y-%m-%d}_{path.name}"
    n = 1
    while target.exists():
        target = folder / f"{now:%Y-%m-%d}_{n}_{path.name}"
        n += 1
    shutil.move(str(path), target)
    return target


def import_files(config: Config, ledger: Ledger, now: dt.datetime, report: CycleReport, *,
                 force: bool = False, move_files: bool = True) -> None:
    from .sources import SourceError, profile_from_mapping, read_invoices

    profiles = [profile_from_mapping(str(m.get("name", f"importer{i}")), m)
                for i, m in enumerate(config.importers)]
    for source, path in dropped_files(config):
        name = path.name if source == "default" else f"{source}/{path.name}"
        before = path.stat()
        data = path.read_bytes()
        after = path.stat()
        if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(data) != after.st_size:
            report.files.append(FileOutcome(name, "waiting", "still being written; left for the next cycle"))
            continue
        sha = hashlib.sha256(data).hexdigest()
        snap = snapshot_time(path, config.tz)
        try:
            result = read_invoices(path, profiles=profiles)
        except SourceError as e:
            if time.time() - after.st_mtime < FRESH_SECONDS:
                # A file copied in this very moment may be unreadable only because it is incomplete.
                report.files.append(FileOutcome(name, "waiting", f"not readable yet ({e}); "
                                                "left for the next cycle in case it is still being copied"))
                continue
            message = str(e)
            report.files.append(FileOutcome(name, "rejected", message))
            report.errors.append(f"{name} could not be read and was moved to {config.paths.rejected}: {message}")
            ledger.record_import(source=source, file_name=name, sha256=sha, snapshot_at=snap, now=now,
                                 status="rejected", report=message)
            if move_files:
                target = _move(path, config.paths.rejected, now)
                target.with_name(target.name + ".error.txt").write_text(_rejection_report(name, message),
                                                                        encoding="utf-8")
            continue
        if result.kind == "contacts":
            outcome = ledger.apply_contacts(source=source, file_name=name, sha256=sha, snapshot_at=snap,
                                            result=result, now=now)
        else:
            # A balances report is a snapshot of its own: it never closes invoices from an invoice export.
            outcome = ledger.apply_snapshot(
                source=source if result.kind == "invoices" else f"{source}:{result.kind}", file_name=name,
                sha256=sha, snapshot_at=snap, result=result, now=now,
                max_close_fraction=config.policy.max_close_fraction,
                brake_min_open=config.policy.brake_min_open, force=force)
        for warning in result.warnings:
            log.warning("%s: %s", name, warning)
        report.files.append(FileOutcome(name, outcome.status, outcome.message))
        if outcome.status == "braked":
            report.errors.append(f"{name} was left in the drop folder: {outcome.message}")
            continue
        if move_files:
            _move(path, config.paths.processed, now)


def _rejection_report(name: str, message: str) -> str:
    return (f"dunning-mailer could not read {name}.\n\n{message}\n\n"
            "Nothing from this file was imported. Fix the file (or describe its layout in an\n"
            "[[importer]] section of config.toml; `dunning-mailer inspect FILE` shows how it is read),\n"
            "then drop it into the folder again.\n")


# ---- the mailbox ----------------------------------------------------------------

class MessageReader:
    """Classifies a message and finds its customer against what the ledger knows."""

    def __init__(self, ledger: Ledger):
        from .replies import classify  # its patterns cost a moment to compile: only when mail came

        self.classify = classify
        self.ours = ledger.known_message_ids()
        self.contacts = ledger.contacts_by_email()
        self.invoice_customers = ledger.open_invoice_customers()

    def read(self, raw: bytes, now: dt.datetime):
        """(verdict, customer_id or None, how it was matched or None)."""
        verdict = self.classify(raw, now=now, known_numbers=self.invoice_customers.keys())
        refs = list(verdict.in_reply_to)
        if verdict.bounce and verdict.bounce.original_message_id:
            refs.append(verdict.bounce.original_message_id)
        customer_id, how = match_customer(in_reply_to=refs, sender=verdict.sender, invoices=verdict.invoices,
                                          our_message_ids=self.ours, contacts=self.contacts,
                                          invoice_customers=self.invoice_customers)
        return verdict, customer_id, how


def read_mailbox(config: Config, ledger: Ledger, mailbox: Mailbox, now: dt.datetime,
                 report: CycleReport) -> None:
    local_now = now.astimezone(config.tz)
    # One transaction per message, not flushed each time: a message replayed after a power cut
    # is recognised by its Message-ID.
    ledger.relaxed_durability()
    reader = None  # built at the first new message: an idle inbox costs nothing here
    for incoming in mailbox.fetch_new(ledger):
        reader = reader or MessageReader(ledger)
        verdict, customer_id, how = reader.read(incoming.raw, local_now)
        dedup = verdict.message_id or "sha256:" + hashlib.sha256(incoming.raw).hexdigest()
        with ledger.transaction():
            ledger.mark_seen(mailbox.name, incoming.key)
            if incoming.uid is not None:
                ledger.set_mailbox_position(mailbox.name, incoming.folder, incoming.uidvalidity, incoming.uid)
            added = ledger.add_reply(dedup=dedup, message_id=verdict.message_id, customer_id=customer_id,
                                     sender=verdict.sender, subject=verdict.subject, received_at=now,
                                     kind=verdict.kind, matched_by=how, detail=verdict.to_json(),
                                     raw=incoming.raw)
            if not added:
                continue
            report.replies.append({"customer_id": customer_id, "kind": verdict.kind,
                                   "subject": verdict.subject, "matched_by": how})
            if how == "thread" or not _older_than_our_mail(ledger, customer_id, incoming.raw):
                act_on_reply(config, ledger, verdict, customer_id, now)
        checkpoint("message_stored")


def _older_than_our_mail(ledger: Ledger, customer_id: str | None, raw: bytes) -> bool:
    """Old mail found on a first sync is logged, but does not pause anyone: it cannot be an
    answer to a reminder that was sent after it."""
    if not customer_id:
        return False
    first = ledger.first_email_at(customer_id)
    if first is None:
        return True
    try:
        sent = parsedate_to_datetime(BytesHeaderParser().parsebytes(raw).get("Date", ""))
    except (TypeError, ValueError, IndexError):
        return False
    if sent is None:
        return False
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=dt.timezone.utc)
    return sent < first


# What a person should look at, by what the customer said (C10, C15, C17).
_FLAG_FOR = {"dispute": "disputed", "plan_request": "plan_request", "question": "question"}


def act_on_reply(config: Config, ledger: Ledger, verdict, customer_id: str | None, now: dt.datetime) -> None:
    """Turn a classified message into ledger facts. Only an export or a person marks anything
    paid: a message that merely claims to come from the customer can pause, never close."""
    today = now.astimezone(config.tz).date()
    bounce = verdict.bounce
    if verdict.kind == "bounce" and bounce:
        if bounce.hard:
            for addr in bounce.recipients:
                ledger.mark_contact_bad(addr, now=now, reason=f"bounced {bounce.status or ''}".strip())
        elif not bounce.delayed and bounce.original_message_id:
            tries = ledger.requeue_after_soft_bounce(bounce.original_message_id, now=now,
                                                     at=now + dt.timedelta(days=1))
            if tries >= 3 and customer_id:
                ledger.flag(customer_id, "bounced", now=now,
                            reason=f"soft bounces {tries} times ({bounce.status or 'no status'})")
        return
    if not customer_id:
        return
    if verdict.kind == "auto_reply":
        if verdict.return_date and verdict.return_date >= today:
            ledger.pause(customer_id, now=now, origin="auto_reply", until=verdict.return_date,
                         reason=f"out of office until {verdict.return_date.isoformat()}")
        return
    if verdict.kind != "human":
        return
    intents = set(verdict.intents)
    subject = verdict.subject[:80]
    for intent, flag in _FLAG_FOR.items():
        if intent in intents:
            ledger.flag(customer_id, flag, now=now, reason=f"{intent.replace('_', ' ')} in a reply: {subject}")
    if "promise" in intents and verdict.promise_date:
        ledger.add_promise(customer_id, due=verdict.promise_date, amount=None, now=now, origin="reply")
    if "payment_claim" in intents:
        until = today + dt.timedelta(days=config.policy.payment_claim_grace_days)
        ledger.pause(customer_id, now=now, origin="reply", until=until,
                     reason="the customer says it was paid; waiting for the export to confirm")
    if not intents & {"promise", "payment_claim", *_FLAG_FOR}:
        # Any other answer: the ladder waits until a person has read it (`resume`).
        ledger.pause(customer_id, now=now, origin="reply",
                     reason=f"the customer replied on {today.isoformat()}: {subject}")


def make_plan(config: Config, ledger: Ledger, now: dt.datetime, states=None) -> Plan:
    """The plan for `now` from the ledger: the one way `run`, `plan` and `status` decide.
    `states`: the ledger's customer states for that day, when the caller already has them."""
    calendar = BusinessCalendar.from_config(config)
    p = config.policy
    if states is None:
        states = ledger.customer_states(calendar.local(now).date())
    return plan(states, now=now, stages=config.stages,
                calendar=calendar, min_days_between=p.min_days_between,
                call_after_unanswered=p.call_after_unanswered, promise_grace_days=p.promise_grace_days,
                thank_you=p.thank_you)


class Templates:
    """One Jinja environment per language folder, loaded when first needed."""

    def __init__(self, config: Config):
        self.default = config.paths.templates
        self.language = config.policy.reminder_language
        self.envs: dict[str, object] = {}

    def folder(self, language: str | None) -> Path:
        language = (language or self.language).lower()[:2]
        sibling = self.default.parent / language
        if language != self.default.name and sibling.is_dir():
            return sibling
        return self.default

    def env(self, language: str | None):
        from . import render

        folder = self.folder(language)
        key = str(folder)
        if key not in self.envs:
            self.envs[key] = render.environment(folder)
        return self.envs[key]


def template_errors(config: Config, ledger: Ledger, folders: list[Path]) -> list[str]:
    """The template lint's errors for `folders`; a folder that passed before, unchanged (and with
    the same stages and business texts), is not checked again: the check renders every stage
    several ways and costs about a second. `templates check` leaves the same mark."""
    out: list[str] = []
    for folder in folders:
        fingerprint = templates_fingerprint(config, folder)
        if ledger.meta(f"templates_ok:{folder}") == fingerprint:
            continue
        from . import lint  # only now: importing it costs as much as the check it skips

        problems = lint.errors(lint.check_templates(folder, config.stages, language=folder.name[:2],
                                                    business=config.business))
        if problems:
            out += [str(p) for p in problems]
        else:
            ledger.set_meta(f"templates_ok:{folder}", fingerprint)
    return out


def templates_fingerprint(config: Config, folder: Path) -> str:
    """What a lint verdict depends on: the folder's files, the stages and the business's texts."""
    digest = hashlib.sha256(repr((config.stages, config.business)).encode())
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def remember_templates_ok(config: Config, folders: list[Path]) -> None:
    """After a clean `templates check`: the next `run` need not check the same files again."""
    if not config.paths.database.exists():
        return
    with Ledger(config.paths.database) as ledger:
        for folder in folders:
            ledger.set_meta(f"templates_ok:{folder}", templates_fingerprint(config, folder))


# ---- sending ----------------------------------------------------------------------

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
        self.recent: list[float] = []

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
        """One commit: `sent` for the email the server accepted last, `sending` for `sending`."""
        with self.ledger.transaction():
            self._record_confirmed()
            if sending is not None:
                self.ledger.mark_sending(sending)
        checkpoint("sending")

    def flush(self) -> None:
        """Record the last email the server accepted; a row marked ahead whose turn did not come
        (the cycle stopped) goes back to `pending`."""
        if self.confirmed is not None or self.marked_ahead is not None:
            with self.ledger.transaction():
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


_CHECKPOINTS = {"n": 0, "at": int(os.environ.get("DUNNING_MAILER_CRASH_AT") or 0)}


def checkpoint(name: str) -> None:
    """Fault injection for the crash tests: DUNNING_MAILER_CRASH_AT=N (read when the program
    starts) kills the process at the N-th checkpoint, as a power cut would."""
    if not _CHECKPOINTS["at"]:
        return
    _CHECKPOINTS["n"] += 1
    if _CHECKPOINTS["n"] == _CHECKPOINTS["at"]:
        os.kill(os.getpid(), signal.SIGKILL)


def run_once(config: Config, ledger: Ledger, transport: Transport, mailbox: Mailbox | None,
             now: dt.datetime, *, dry_run: bool = False, force: bool = False, sleep=time.sleep,
             rng: random.Random | None = None, should_stop=lambda: False, send: bool = True) -> CycleReport:
    """One full cycle. With `dry_run`, the caller passes an in-memory ledger copy and a
    transport that keeps nothing; files stay where they are."""
    report = CycleReport(now=now, dry_run=dry_run)
    calendar = BusinessCalendar.from_config(config)
    local = calendar.local(now)

    import_files(config, ledger, now, report, force=force, move_files=not dry_run)
    checkpoint("imported")
    if mailbox is not None:
        try:
            read_mailbox(config, ledger, mailbox, now, report)
        except (OSError, DunningError) as e:
            report.errors.append(f"the mailbox could not be read: {e}")
    checkpoint("mailbox")
    if not send:
        return report

    closed = calendar.why_not_sending_now(now)
    with transport:
        sender = Sender(config, ledger, transport, now, report, rng, sleep, sent_box=mailbox)
        try:
            if not closed:
                recover_unsent(ledger, sender, now, local.date(), report, should_stop)
                sender.flush()  # the plan must see them sent
            if should_stop():
                return report
            # When nothing can go out, there is no need to weigh every open invoice: idle cron runs stay cheap.
            the_plan = Plan(now, (), (), (), closed) if closed else make_plan(config, ledger, now)
            report.plan = the_plan
            for customer_id, outcome in the_plan.promise_outcomes:
                ledger.resolve_promise(customer_id, outcome, now=now)
            if sender.stopped:
                return report
            if the_plan.emails:
                send_planned(config, ledger, sender, the_plan, now, report, should_stop)
                sender.flush()  # and so must the digest
            if not sender.stopped:
                send_digest(config, ledger, sender, the_plan, now, report)
        finally:
            sender.flush()
    return report


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

    The rendering runs ahead in a child process (see prerender.py) while this one records and
    sends; the ledger and the connection stay here, so the order of writes is the same without it."""
    local = now.astimezone(config.tz)
    templates = Templates(config)
    folders = sorted({templates.folder(e.customer.language) for e in the_plan.emails})
    problems = template_errors(config, ledger, folders)
    if problems:
        report.errors.append("the templates have errors, so nothing new was sent "
                             "(`dunning-mailer templates check` lists them):\n  " + "\n  ".join(problems))
        return
    from .prerender import rendered_ahead  # only now: most cron runs send nothing

    batch: list[Outgoing] = []
    batches = 0
    # The renderer is forked first: a fork must not copy the checkpoint thread.
    with rendered_ahead(rendered_emails(config, templates, the_plan.emails, local)) as emails, \
            ledger.checkpoints_deferred():
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


def rendered_emails(config: Config, templates: Templates, emails, local: dt.datetime) -> Iterator[tuple | str]:
    """Each planned email as (its position, Message-ID, subject, exact bytes, recipients), or the
    error (a string) of a broken template. No I/O besides reading templates: it may run in another
    process, so what it yields is kept small (the planned email itself stays with the caller)."""
    from . import render  # only now: nothing to render on most cron runs

    broken: set[str] = set()
    for position, email in enumerate(emails):
        stage = email.stage
        env = templates.env(email.customer.language)
        # A customer-balance export has no invoice lines: a statement, in the stage's tone.
        template = "statement" if all(i.kind == "balance" for i in email.invoices) and email.invoices \
            and stage.name not in ("thank_you",) else stage.template
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
        cc = ((email.customer.account_manager_email,)
              if stage.cc_account_manager and email.customer.account_manager_email else ())
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


def send_digest(config: Config, ledger: Ledger, sender: Sender, the_plan: Plan, now: dt.datetime,
                report: CycleReport) -> None:
    """Once a day, to the business: the call list, flags, promises due and approvals (C12–C17)."""
    from . import digest, render

    local = now.astimezone(config.tz)
    key = f"digest:{local.date().isoformat()}"
    if not config.digest.to or the_plan.not_sending or local.time() < config.digest.at or ledger.meta(key):
        return
    ctx = digest.build(ledger.status(local.date()), the_plan, ledger.awaiting_approval(),
                       ledger.unmatched_replies(), local.date())
    ledger.set_meta(key, "nothing to report" if ctx is None else "sending")
    if ctx is None:
        return
    env = render.environment(config.paths.templates)
    parts = []
    for suffix in (".subject.txt", ".txt", ".html"):
        parts.append(env.get_template(f"business/digest{suffix}").render(ctx))
    rendered = render.RenderedEmail(" ".join(parts[0].split()), parts[1], parts[2])
    message_id = new_message_id(config, local.date(), "digest")
    raw = render.build_message(rendered, business=config.business, recipients=(config.digest.to,),
                               customer_name="", message_id=message_id, now=local)
    try:
        sender.transport.send(raw, sender=config.business.email, recipients=(config.digest.to,),
                              label=f"{local.date().isoformat()}_digest")
    except SendError as e:
        ledger.set_meta(key, "")
        report.waiting.append(f"the daily digest was not sent ({e}); next cycle")
        return
    ledger.set_meta(key, message_id)


# ---- one guarded cycle: what `run` and the worker both do ------------------------------

@contextmanager
def run_lock(config: Config, wait_seconds: float = 10.0) -> Iterator[bool]:
    """An exclusive lock beside the ledger, so overlapping runs can never send twice.

    The kernel drops a flock when its process dies, so a stale lock cannot block.
    """
    path = config.paths.database.with_name(config.paths.database.name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as f:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.2)
        try:
            f.seek(0)
            f.truncate()
            f.write(f"{os.getpid()}\n")
            f.flush()
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def open_edges(config: Config, dry_run: bool = False):
    """The transport and the mailbox the config names, with their secrets (env or keyring)."""
    from .credentials import oauth2_token, password
    from .mailboxes import open_mailbox
    from .transports import open_transport

    if dry_run:
        from .testing import RecordingTransport
        transport = RecordingTransport()
    else:
        secret = None
        t = config.transport
        if t.kind == "smtp" and t.username and not t.oauth2_token_command:
            secret = password("smtp", f"{t.username}@{t.host}")
        transport = open_transport(config, secret)
    m = config.mailbox
    mailbox_password = token = None
    if m.kind == "imap":
        if m.oauth2_token_command:
            token = oauth2_token(m.oauth2_token_command, key="mailbox.oauth2_token_command")
        elif m.username:
            mailbox_password = password("imap", f"{m.username}@{m.host}")
    return transport, open_mailbox(config, mailbox_password, oauth2_token=token)


def locked_cycle(config: Config, now: dt.datetime, *, wait_seconds: float, dry_run: bool = False,
                 **options) -> CycleReport | None:
    """run_once under the run lock, with the configured edges; None when another run holds it.
    With `dry_run` the cycle works on an in-memory copy of the ledger and keeps nothing."""
    with run_lock(config, wait_seconds) as got:
        if not got:
            return None
        with Ledger(config.paths.database) as ledger:
            transport, mailbox = open_edges(config, dry_run)
            target = ledger.copy_in_memory() if dry_run else ledger
            with mailbox if mailbox is not None else nullcontext():
                return run_once(config, target, transport, mailbox, now, dry_run=dry_run, **options)
