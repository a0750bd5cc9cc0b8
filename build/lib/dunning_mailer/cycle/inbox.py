"""The mailbox: each new message read, matched to a customer, stored once, and acted on."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime

from ..config import Config
from ..ledger import Ledger
from ..mailboxes import Mailbox
from ..matching import match_customer
from ..shown import shown
from .checkpoints import checkpoint
from .report import CycleReport

log = logging.getLogger(__name__)



class MessageReader:
    """Classifies a message and finds its customer against what the ledger knows."""

    def __init__(self, ledger: Ledger):
        from ..replies import classify  # its patterns cost a moment to compile: only when mail came

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
        try:
            verdict, customer_id, how = reader.read(incoming.raw, local_now)
        except Exception as e:  # noqa: BLE001 - one message we cannot read never stops the inbox
            _skip_unreadable(ledger, mailbox, incoming, report, e)
            continue
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



def _skip_unreadable(ledger: Ledger, mailbox: Mailbox, incoming, report: CycleReport, e: Exception) -> None:
    """Passed over for good (it is not read again each cycle) and named once for a person."""
    log.exception("message %s could not be read", incoming.key)
    with ledger.transaction():
        ledger.mark_seen(mailbox.name, incoming.key)
        if incoming.uid is not None:
            ledger.set_mailbox_position(mailbox.name, incoming.folder, incoming.uidvalidity, incoming.uid)
    report.errors.append(f"a message in the mailbox ({shown(incoming.key)}) could not be read "
                         f"({type(e).__name__}) and was skipped; the other messages were read. Open it in "
                         "your mail program")



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
