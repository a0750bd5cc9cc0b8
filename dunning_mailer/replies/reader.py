"""classify: one raw message in, one Verdict out. Never raises.

Order of decisions (see notes/email.md): bounce first (bounces also carry
``Auto-Submitted``), then automatic reply, then ARF feedback reports
("other"), then a human reply, whose new text (quotes and signature removed)
is read for intents, a promised date and invoice numbers (intents.py).

Relative dates ("מחר", "next Tuesday") count from the day the message says it
was written (its Date header), but never from later than when it was received:
a reply read a week late still means the Tuesday after it was written."""
from __future__ import annotations

import datetime as dt
import email
import email.message
import email.policy
import re
from email.utils import parsedate_to_datetime
from typing import Collection

from . import intents as reading
from .autoreplies import _auto_reply_signs, _return_date
from .bounces import _arf_signs, _bounce_info, _bounce_signs, _returned_headers
from .cues import receipt_attachment
from .learned import Model, shipped
from .message import _bodies, _first_id, _header, _ids, _sender
from .numbers import NumberIndex, index_of
from .quotes import _new_text
from .teach import Teacher
from .verdict import Verdict


_DEFAULT = object()


def classify(raw: bytes, *, now: dt.datetime, known_numbers: Collection[str] | NumberIndex = (),
             teacher: Teacher | None = None, threshold: float = reading.THRESHOLD,
             model: Model | None | object = _DEFAULT) -> Verdict:
    """Classify one raw RFC 5322 message received at ``now``. Never raises.

    ``known_numbers``: the open invoice numbers (a ``NumberIndex`` built once for many messages);
    ``teacher``: a person's earlier corrections; ``threshold``: below this confidence a reading
    goes to a person; ``model``: the learned model (default: the one shipped)."""
    try:
        return _classify(raw, now, index_of(known_numbers), teacher, threshold,
                         shipped() if model is _DEFAULT else model)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        return Verdict(kind="other", confidence=0.0,
                       why=(f"message could not be read ({type(exc).__name__})",), needs_person_kind="unreadable",
                       needs_person=f"the message could not be read ({type(exc).__name__})")


def _classify(raw: bytes, now: dt.datetime, numbers: NumberIndex, teacher: Teacher | None,
              threshold: float, model: Model | None) -> Verdict:
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        return _unreadable("input is not bytes")
    raw = bytes(raw)
    if not raw.strip():
        return _unreadable("empty message")
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    if not msg.keys():
        return _unreadable("no header fields: not an email message")

    written, wwhy = _written(msg, now)
    subject = _header(msg, "Subject")
    sender = _sender(msg)
    common = dict(
        message_id=_first_id(_header(msg, "Message-ID")),
        in_reply_to=_ids(_header(msg, "In-Reply-To"), _header(msg, "References")),
        sender=sender,
        subject=subject,
        written=written,
    )

    # 1. ARF feedback reports are recognised by their structure before the
    #    bounce heuristics, because they are sent from abuse/postmaster
    #    addresses and carry the reported message.
    arf_why = _arf_signs(msg, subject)

    # 2. Bounce
    if not arf_why:
        bwhy = _bounce_signs(msg, subject)
        if bwhy:
            info, iwhy = _bounce_info(msg, subject)
            return Verdict(kind="bounce", bounce=info, why=tuple(bwhy + iwhy),
                           referenced_ids=_referenced(msg), **common)

    # 3. Automatic reply
    awhy = _auto_reply_signs(msg, subject)
    if awhy and not arf_why:
        text = _new_text(msg)
        ret = _return_date(text + "\n" + subject, written)
        why = list(awhy) + wwhy
        if ret:
            why.append(f"return date {ret.isoformat()} read from the out-of-office text")
        return Verdict(kind="auto_reply", return_date=ret, text=text,
                       invoices=numbers.find(subject, text), referenced_ids=_referenced(msg),
                       why=tuple(why), **common)

    if arf_why:
        return Verdict(kind="other", why=tuple(arf_why), **common)

    # 4. A person
    text = _new_text(msg)
    r = reading.read(text, written, model=model, teacher=teacher, attachment=receipt_attachment(msg),
                     threshold=threshold)
    why = ["no bounce or automatic-reply signs: a person's reply", *wwhy, *r.why]
    return Verdict(kind="human", intents=r.intents, intent=r.intent, promise_date=r.promise_date,
                   confidence=r.confidence, guesses=r.guesses, needs_person=r.needs_person,
                   needs_person_kind=r.needs_person_kind,
                   labelled=r.labelled, text=text, invoices=numbers.find(subject, text),
                   why=tuple(why), **common)


def _unreadable(reason: str) -> Verdict:
    return Verdict(kind="other", confidence=0.0, why=(reason,), needs_person_kind="unreadable",
                   needs_person=f"the message could not be read: {reason}")


def _written(msg: email.message.Message, now: dt.datetime) -> tuple[dt.date, list[str]]:
    """The local day the message was written: its Date header, bounded by when it was received."""
    if not isinstance(now, dt.datetime):
        raise TypeError("now must be a datetime")
    received = now.date()
    value = _header(msg, "Date")
    try:
        sent = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError, OverflowError):
        sent = None
    if sent is None:
        return received, ["no readable Date: dates read against the day it was received"] if value else []
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=dt.timezone.utc)
    if now.tzinfo is not None:
        sent = sent.astimezone(now.tzinfo)
    if sent > now:
        return received, [f"Date {value!r} is after it was received: dates read against the day received"]
    return sent.date(), []


_ID_LINE = re.compile(r"(?im)^[ \t>]*(?:Message-ID|In-Reply-To|References)\s*:\s*((?:<[^<>\s]+>\s*)+)")


def _referenced(msg: email.message.Message) -> tuple[str, ...]:
    """Message-IDs of the mail this one answers, found in a returned copy or quoted headers."""
    plain, html = _bodies(msg)
    out: list[str] = []
    for h in _returned_headers(msg):
        for name in ("Message-ID", "In-Reply-To", "References"):
            for mid in _ids(_header(h, name)):
                if mid not in out:
                    out.append(mid)
    for m in _ID_LINE.finditer(plain + "\n" + html):
        for mid in _ids(m.group(1)):
            if mid not in out:
                out.append(mid)
    return tuple(out)
