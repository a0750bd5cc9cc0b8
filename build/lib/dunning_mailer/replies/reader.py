"""classify: one raw message in, one Verdict out. Never raises.

Order of decisions (see notes/email.md): bounce first (bounces also carry
``Auto-Submitted``), then automatic reply, then ARF feedback reports
("other"), then a human reply, whose new text (quotes and signature removed)
is read for intents, a promised date and invoice numbers."""
from __future__ import annotations

import datetime as dt
import email
import email.message
import email.policy
from typing import Collection

from .autoreplies import _auto_reply_signs, _return_date
from .bounces import _arf_signs, _bounce_info, _bounce_signs
from .dates import _date_in
from .intents import _dispute, _invoices, _payment_claim, _plan_request, _promise, _question, _receipt_attachment
from .message import _first_id, _header, _ids, _sender
from .quotes import _new_text
from .verdict import INTENTS, Verdict


def classify(raw: bytes, *, now: dt.datetime,
             known_numbers: Collection[str] = ()) -> Verdict:
    """Classify one raw RFC 5322 message. Never raises."""
    try:
        return _classify(raw, now, known_numbers)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        return Verdict(kind="other",
                       why=(f"message could not be read ({type(exc).__name__})",))


def _classify(raw: bytes, now: dt.datetime, known_numbers: Collection[str]) -> Verdict:
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        return Verdict(kind="other", why=("input is not bytes",))
    raw = bytes(raw)
    if not raw.strip():
        return Verdict(kind="other", why=("empty message",))
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    if not msg.keys():
        return Verdict(kind="other", why=("no header fields: not an email message",))

    today = _today(now)
    subject = _header(msg, "Subject")
    sender = _sender(msg)
    common = dict(
        message_id=_first_id(_header(msg, "Message-ID")),
        in_reply_to=_ids(_header(msg, "In-Reply-To"), _header(msg, "References")),
        sender=sender,
        subject=subject,
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
            return Verdict(kind="bounce", bounce=info, why=tuple(bwhy + iwhy), **common)

    # 3. Automatic reply
    awhy = _auto_reply_signs(msg, subject)
    if awhy and not arf_why:
        text = _new_text(msg)
        ret = _return_date(text + "\n" + subject, today)
        why = list(awhy)
        if ret:
            why.append(f"return date {ret.isoformat()} read from the out-of-office text")
        return Verdict(kind="auto_reply", return_date=ret, text=text,
                       invoices=_invoices(known_numbers, subject, text),
                       why=tuple(why), **common)

    if arf_why:
        return Verdict(kind="other", why=tuple(arf_why), **common)

    # 4. A person
    text = _new_text(msg)
    why: list[str] = ["no bounce or automatic-reply signs: a person's reply"]
    intents: list[str] = []
    promise_date = None

    claim = _payment_claim(text)
    att = _receipt_attachment(msg)
    if claim:
        why.append(f"payment claim: {claim!r}")
    elif att:
        why.append(f"payment claim: receipt/transfer attachment {att!r}")
    if claim or att:
        intents.append("payment_claim")

    prom = _promise(text)
    if prom:
        phrase, pos = prom
        intents.append("promise")
        promise_date, dphrase = _date_in(text, today, near=pos)
        if promise_date:
            why.append(f"promise: {phrase!r}, date {promise_date.isoformat()} from {dphrase!r}")
        else:
            why.append(f"promise: {phrase!r} (no date given)")

    for name, finder in (("dispute", _dispute), ("plan_request", _plan_request),
                         ("question", _question)):
        hit = finder(text)
        if hit:
            intents.append(name)
            why.append(f"{name.replace('_', ' ')}: {hit!r}")

    if not text.strip():
        why.append("no new text found above the quoted history")

    return Verdict(kind="human", intents=tuple(i for i in INTENTS if i in intents),
                   promise_date=promise_date, text=text,
                   invoices=_invoices(known_numbers, subject, text),
                   why=tuple(why), **common)


def _today(now: dt.datetime) -> dt.date:
    if isinstance(now, dt.datetime):
        return now.date()
    if isinstance(now, dt.date):
        return now
    raise TypeError("now must be a datetime")
