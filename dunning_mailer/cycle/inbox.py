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
from .digest import digest_message_key
from .report import CycleReport

log = logging.getLogger(__name__)


# An out-of-office that names a return further away than this is not trusted to hold reminders:
# "back on 1/1/2099" is a typo or a trick, and a person decides.
RETURN_DATE_AT_MOST = dt.timedelta(days=60)



class MessageReader:
    """Classifies a message and finds its customer against what the ledger knows. Everything it
    looks up is built once, so reading one more message costs the same at 0 and 1M open invoices."""

    def __init__(self, ledger: Ledger, config: Config | None = None):
        from ..replies import Example, NumberIndex, Teacher, classify  # the model loads only when mail came

        self.classify = classify
        self.ours = ledger.known_message_ids()
        self.contacts = ledger.contacts_by_email()
        self.invoice_customers = ledger.open_invoice_customers()
        self.numbers = NumberIndex(self.invoice_customers)
        self.teacher = Teacher(
            Example(text=x["text"], intent=x["intent"], reply_id=x["reply_id"],
                    promise_date=dt.date.fromisoformat(x["promise_date"]) if x["promise_date"] else None)
            for x in ledger.labels())
        self.threshold = config.policy.reply_confidence if config else None

    def read(self, raw: bytes, now: dt.datetime):
        """(verdict, customer_id or None, how it was matched or None)."""
        extra = {"threshold": self.threshold} if self.threshold is not None else {}
        verdict = self.classify(raw, now=now, known_numbers=self.numbers, teacher=self.teacher, **extra)
        customer_id, how = match_customer(in_reply_to=_refs(verdict), sender=verdict.sender, invoices=verdict.invoices,
                                          our_message_ids=self.ours, contacts=self.contacts,
                                          invoice_customers=self.invoice_customers)
        return verdict, customer_id, how

    def our_mail(self, verdict) -> list[str]:
        """Our Message-IDs this message refers to: in its headers, a returned copy or quoted headers."""
        return [m for m in dict.fromkeys(_refs(verdict)) if m in self.ours]


def _refs(verdict) -> list[str]:
    refs = [*verdict.in_reply_to, *verdict.referenced_ids]
    if verdict.bounce and verdict.bounce.original_message_id:
        refs.append(verdict.bounce.original_message_id)
    return refs



def sync_start(config: Config, ledger: Ledger, mailbox_name: str, now: dt.datetime) -> dt.date:
    """The day the mailbox is read from: `mailbox.read_since`, else `mailbox.first_sync_days` before the
    first email we sent (or before the first sync, when nothing went out yet), fixed at the first sync.
    Mail from before the product was installed is never read on its own: an old bounce must not mark
    an address bad before we ever wrote to it."""
    if config.mailbox.read_since:
        return config.mailbox.read_since
    key = f"mail_since:{mailbox_name}"
    stored = ledger.meta(key)
    if stored:
        return dt.date.fromisoformat(stored)
    first = ledger.first_email_at(None) or now
    start = first.astimezone(config.tz).date() - dt.timedelta(days=config.mailbox.first_sync_days)
    ledger.set_meta(key, start.isoformat())
    return start


def read_mailbox(config: Config, ledger: Ledger, mailbox: Mailbox, now: dt.datetime,
                 report: CycleReport, *, older_since: dt.date | None = None) -> None:
    """New messages since the last sync; with `older_since`, also the older ones from that day on
    that were left out (`run --mail-since`)."""
    local_now = now.astimezone(config.tz)
    # One transaction per message, not flushed each time: a message replayed after a power cut
    # is recognised by its Message-ID.
    ledger.relaxed_durability()
    reader = None  # built at the first new message: an idle inbox costs nothing here
    since = older_since or sync_start(config, ledger, mailbox.name, now)
    # Mailboxes date mail on the real clock; a replay (`--now`) shifts the start by as much.
    since -= local_now.date() - dt.datetime.now(config.tz).date()
    for incoming in mailbox.fetch_new(ledger, since=since, older=older_since is not None):
        reader = reader or MessageReader(ledger, config)
        try:
            verdict, customer_id, how = reader.read(incoming.raw, local_now)
        except Exception as e:  # noqa: BLE001 - one message we cannot read never stops the inbox
            _skip_unreadable(ledger, mailbox, incoming, report, e)
            continue
        if verdict.message_id and ledger.meta(digest_message_key(verdict.message_id)):
            # Our own daily digest, delivered to the mailbox we read: not a customer's reply.
            with ledger.transaction():
                ledger.mark_seen(mailbox.name, incoming.key)
                if incoming.uid is not None:
                    ledger.set_mailbox_position(mailbox.name, incoming.folder, incoming.uidvalidity, incoming.uid)
            continue
        dedup = verdict.message_id or "sha256:" + hashlib.sha256(incoming.raw).hexdigest()
        with ledger.transaction():
            ledger.mark_seen(mailbox.name, incoming.key)
            if incoming.uid is not None:
                ledger.set_mailbox_position(mailbox.name, incoming.folder, incoming.uidvalidity, incoming.uid)
            reply_id = ledger.add_reply(dedup=dedup, message_id=verdict.message_id, customer_id=customer_id,
                                        sender=verdict.sender, subject=verdict.subject, received_at=now,
                                        kind=verdict.kind, matched_by=how, detail=verdict.to_json(),
                                        raw=incoming.raw)
            if reply_id is None:
                continue
            report.replies.append({"customer_id": customer_id, "kind": verdict.kind,
                                   "subject": verdict.subject, "matched_by": how, "sender": verdict.sender,
                                   "intents": list(verdict.intents)})
            ours = reader.our_mail(verdict)
            if how == "thread" or not _older_than_our_mail(ledger, customer_id, incoming.raw):
                need = act_on_reply(config, ledger, verdict, customer_id, now, reply_id=reply_id, ours=ours)
            else:
                need = None
            if need:
                ledger.needs_person(reply_id, *need)
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
    first = ledger.first_email_at(customer_id)  # no customer: before our first email to anyone
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



def act_on_reply(config: Config, ledger: Ledger, verdict, customer_id: str | None, now: dt.datetime, *,
                 reply_id: int | None = None, ours: list[str] | None = None,
                 by_person: bool = False) -> tuple[str, str] | None:
    """Turn a classified message into ledger facts; returns why a person has to read it, if they
    must: (a code of PERSON_REASONS, a sentence). ``by_person``: the reading is a person's (`label`),
    so nothing of it waits for a person again.

    Only an export or a person marks anything paid: a message that merely claims to come from the
    customer can pause, never close. A bounce or an automatic reply acts only when it is tied to an
    email we sent (``ours``: our Message-IDs it refers to), and a bounce only for addresses that
    email went to: anyone can forge a mailer-daemon message or an out-of-office."""
    today = now.astimezone(config.tz).date()
    if verdict.kind == "bounce":
        return _bounce(config, ledger, verdict, customer_id, now, reply_id, ours or [])
    if verdict.kind == "auto_reply":
        return _auto_reply(ledger, verdict, customer_id, now, today, reply_id, ours or [])
    if verdict.kind != "human":
        if verdict.needs_person:
            return verdict.needs_person_kind or "unreadable", verdict.needs_person
        return "not_a_reply", "a message that is neither a reply, a bounce nor an out-of-office: read it"
    if not customer_id:
        return "unmatched", "a reply that matches no customer: " + (
            verdict.needs_person or "read it, then `label REPLY INTENT --customer ID`")
    intents = set(verdict.intents)
    subject = verdict.subject[:80]
    ref = {"reply_id": reply_id}
    for intent, flag in _FLAG_FOR.items():
        if intent in intents:
            ledger.flag(customer_id, flag, now=now, reason=f"{intent.replace('_', ' ')} in a reply: {subject}", **ref)
    if verdict.needs_person_kind == "unsure" and not by_person:
        # A guess decides nothing: the ladder waits until a person has read it (`label` or `resume`).
        ledger.pause(customer_id, now=now, origin="reply", **ref,
                     reason=f"a reply on {today.isoformat()} waits for a person to read it: {subject}")
        return "unsure", verdict.needs_person
    if "promise" in intents and verdict.promise_date:
        ledger.add_promise(customer_id, due=verdict.promise_date, amount=None, now=now, origin="reply", **ref)
    if "payment_claim" in intents:
        until = today + dt.timedelta(days=config.policy.payment_claim_grace_days)
        # Its own origin: the bank cross-check (ledger/payments.py) looks for exactly these pauses.
        ledger.pause(customer_id, now=now, origin="payment_claim", until=until, **ref,
                     reason="the customer says it was paid; waiting for the export or the bank to confirm")
    if "promise" in intents and not verdict.promise_date and not intents & {"payment_claim", *_FLAG_FOR}:
        ledger.pause(customer_id, now=now, origin="reply", **ref,
                     reason=f"the customer promised to pay, with no date, on {today.isoformat()}: {subject}")
    elif not intents and not by_person:
        # Any other answer: the ladder waits until a person has read it.
        ledger.pause(customer_id, now=now, origin="reply", **ref,
                     reason=f"the customer replied on {today.isoformat()}: {subject}")
    if by_person or not verdict.needs_person:
        return None
    return verdict.needs_person_kind or "unsure", verdict.needs_person



def _bounce(config: Config, ledger: Ledger, verdict, customer_id: str | None, now: dt.datetime,
            reply_id: int | None, ours: list[str]) -> tuple[str, str] | None:
    bounce = verdict.bounce
    if bounce is None:
        return "unreadable", "a delivery failure that could not be read: nothing changed"
    if not ours:
        who = ", ".join(bounce.recipients) or "an unknown address"
        return ("bounce_not_ours", f"a delivery failure for {who} that names no email we sent: nothing changed "
                                   f"(anyone can send such a message; check the address by hand)")
    if bounce.hard:
        sent_to = set()
        for mid in ours:
            sent_to |= set(ledger.reminder_recipients(mid) or ())
        strangers = [a for a in bounce.recipients if a.lower() not in sent_to]
        for addr in bounce.recipients:
            if addr.lower() in sent_to:
                ledger.mark_contact_bad(addr, now=now, reason=f"bounced {bounce.status or ''}".strip())
        if strangers:
            return ("bounce_not_ours", f"a delivery failure for {', '.join(strangers)}, an address our email "
                                       f"did not go to: nothing changed for it")
        if not bounce.recipients:
            return "bounce_not_ours", "a delivery failure that names no address: nothing changed; check which failed"
        return None
    if not bounce.delayed:
        tries = ledger.requeue_after_soft_bounce(ours[-1], now=now, at=now + dt.timedelta(days=1))
        if tries >= 3 and customer_id:
            ledger.flag(customer_id, "bounced", now=now, reply_id=reply_id,
                        reason=f"soft bounces {tries} times ({bounce.status or 'no status'})")
    return None



def _auto_reply(ledger: Ledger, verdict, customer_id: str | None, now: dt.datetime, today: dt.date,
                reply_id: int | None, ours: list[str]) -> tuple[str, str] | None:
    ret = verdict.return_date
    if not ours:
        if not customer_id and not ret:
            return None   # a newsletter or a stranger's autoresponder: logged, it concerns nobody
        back = f" (back {ret.isoformat()})" if ret else ""
        return ("auto_reply_not_ours", f"an automatic reply{back} that names no email we sent: nothing changed; "
                                       f"pause the customer by hand if it is right")
    if not customer_id or not ret or ret < today:
        return None
    if ret - today > RETURN_DATE_AT_MOST:
        return ("return_too_far", f"an out-of-office until {ret.isoformat()}, too far ahead to hold reminders "
                                  f"for it: nothing changed; pause the customer by hand if it is right")
    ledger.pause(customer_id, now=now, origin="auto_reply", until=ret, reply_id=reply_id,
                 reason=f"out of office until {ret.isoformat()}")
    return None



def relabel(config: Config, ledger: Ledger, reply_id: int, intent: str, *, promise_date: dt.date | None,
            now: dt.datetime, customer_id: str | None = None) -> dict:
    """A person's reading of a stored reply (`label`): recorded, what the first reading started
    (its pause, flag, promise) ended, and what the right reading means applied instead. The reader
    learns it: the next reply that says nearly the same is read this way."""
    from ..replies import Verdict

    row = ledger.reply(reply_id)
    if row is None:
        raise LookupError(f"no reply with id {reply_id}")
    with ledger.transaction():
        if customer_id and customer_id != row["customer_id"]:
            ledger.set_reply_customer(reply_id, customer_id, matched_by="person")
        customer_id = customer_id or row["customer_id"]
        undone = ledger.undo_reply(reply_id, now=now)
        ledger.add_label(reply_id, intent=intent, promise_date=promise_date, now=now)
        verdict = Verdict(kind="human", intent=intent, intents=() if intent == "none" else (intent,),
                          promise_date=promise_date, confidence=1.0, labelled=True,
                          subject=row["subject"] or "", sender=row["sender"])
        if customer_id:
            act_on_reply(config, ledger, verdict, customer_id, now, reply_id=reply_id, by_person=True)
        ledger.log(now, "labelled", customer_id, reply_id=reply_id, intent=intent,
                   promise_date=promise_date.isoformat() if promise_date else None, **undone)
    return {"reply_id": reply_id, "customer_id": customer_id, "intent": intent,
            "promise_date": promise_date.isoformat() if promise_date else None, "ended": undone}
