"""Understanding incoming mail: bounce, automatic reply, or a person's answer.

Pure: standard library only, no I/O, no clock (``now`` is passed in).
``classify`` never raises; a message it cannot read becomes kind ``"other"``
with the reason in ``why``.

Order of decisions (see notes/email.md): bounce first (bounces also carry
``Auto-Submitted``), then automatic reply, then ARF feedback reports
("other"), then a human reply, whose new text (quotes and signature removed)
is read for intents, a promised date and invoice numbers.
"""
from __future__ import annotations

import calendar
import datetime as dt
import email
import email.message
import email.policy
import re
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser
from typing import Collection, Iterable

__all__ = ["BounceInfo", "Verdict", "classify"]

KINDS = ("bounce", "auto_reply", "human", "other")
INTENTS = ("payment_claim", "promise", "dispute", "plan_request", "question")


# --------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class BounceInfo:
    hard: bool
    delayed: bool
    status: str | None
    recipients: tuple[str, ...]
    original_message_id: str | None

    def to_json(self) -> dict:
        return {
            "hard": self.hard,
            "delayed": self.delayed,
            "status": self.status,
            "recipients": list(self.recipients),
            "original_message_id": self.original_message_id,
        }


@dataclass(frozen=True)
class Verdict:
    kind: str
    intents: tuple[str, ...] = ()
    promise_date: dt.date | None = None
    return_date: dt.date | None = None
    bounce: BounceInfo | None = None
    message_id: str | None = None
    in_reply_to: tuple[str, ...] = ()
    sender: str | None = None
    subject: str = ""
    text: str = ""
    invoices: tuple[str, ...] = ()
    why: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "intents": list(self.intents),
            "promise_date": self.promise_date.isoformat() if self.promise_date else None,
            "bounce": self.bounce.to_json() if self.bounce else None,
            "return_date": self.return_date.isoformat() if self.return_date else None,
            "customer_id": None,
            "invoices": list(self.invoices),
            "why": list(self.why),
            "message_id": self.message_id,
            "in_reply_to": list(self.in_reply_to),
            "sender": self.sender,
            "subject": self.subject,
            "text": self.text,
        }


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------
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


# --------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------
_FOLD = re.compile(r"\r?\n(?=[ \t])")


def _unbytes(s: str) -> str:
    """Turn surrogate-escaped raw 8-bit header bytes into text."""
    if any("\udc80" <= ch <= "\udcff" for ch in s):
        b = s.encode("ascii", "surrogateescape")
        for enc in ("utf-8", "cp1255"):
            try:
                return b.decode(enc)
            except UnicodeDecodeError:
                continue
        return b.decode("latin-1")
    return s


def _decode_words(value: str) -> str:
    value = _unbytes(_FOLD.sub("", value))
    if "=?" not in value:
        return value.strip()
    try:
        return str(make_header(decode_header(value))).strip()
    except Exception:  # noqa: BLE001 - malformed encoded words
        return value.strip()


def _raw_header(msg: email.message.Message, name: str) -> str | None:
    lname = name.lower()
    for k, v in msg.raw_items():
        if k.lower() == lname:
            return v if isinstance(v, str) else str(v)
    return None


def _header(msg: email.message.Message, name: str) -> str:
    v = _raw_header(msg, name)
    return "" if v is None else _decode_words(v)


def _headers_all(msg: email.message.Message, name: str) -> list[str]:
    lname = name.lower()
    return [_decode_words(v if isinstance(v, str) else str(v))
            for k, v in msg.raw_items() if k.lower() == lname]


_ID = re.compile(r"<[^<>\s]+>")


def _first_id(value: str) -> str | None:
    m = _ID.search(value or "")
    if m:
        return m.group(0)
    v = (value or "").strip()
    return v or None


def _ids(*values: str) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        for m in _ID.findall(v or ""):
            if m not in out:
                out.append(m)
    return tuple(out)


def _addr(value: str) -> str | None:
    _, a = parseaddr(value or "")
    a = a.strip().strip("<>").lower()
    return a if "@" in a else None


def _sender(msg: email.message.Message) -> str | None:
    return _addr(_header(msg, "From"))


# --------------------------------------------------------------------------
# Parts and text
# --------------------------------------------------------------------------
def _walk(part: email.message.Message, into_rfc822: bool = False) -> Iterable[email.message.Message]:
    """Walk MIME parts; do not descend into message/rfc822 unless asked."""
    stack = [part]
    seen = 0
    while stack and seen < 500:
        p = stack.pop(0)
        seen += 1
        yield p
        ctype = p.get_content_type()
        if ctype in ("message/rfc822", "message/global") and not into_rfc822:
            continue
        if p.is_multipart():
            payload = p.get_payload()
            if isinstance(payload, list):
                stack[0:0] = [x for x in payload if isinstance(x, email.message.Message)]


def _part_text(part: email.message.Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001
        payload = None
    if payload is None:
        p = part.get_payload()
        if isinstance(p, str):
            return _unbytes(p)
        if isinstance(p, list):
            return "\n".join(x.as_string() if isinstance(x, email.message.Message) else str(x)
                             for x in p)
        return ""
    charset = part.get_content_charset() or ""
    charset = charset.strip().lower()
    if charset in ("", "us-ascii", "ascii", "unknown-8bit", "x-unknown"):
        charset = "utf-8"
    for enc in (charset, "utf-8", "cp1255"):
        try:
            return payload.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("latin-1")


def _is_attachment(part: email.message.Message) -> bool:
    disp = str(part.get("Content-Disposition") or "").lower()
    return disp.startswith("attachment") or bool(part.get_filename())


def _bodies(msg: email.message.Message) -> tuple[str, str]:
    """The first inline text/plain and text/html of the message itself."""
    plain = html = None
    for p in _walk(msg):
        if p.is_multipart() or p.get_content_type().startswith("message/"):
            continue
        if _is_attachment(p) and p is not msg:
            continue
        ct = p.get_content_type()
        if ct == "text/plain" and plain is None:
            plain = _part_text(p)
        elif ct == "text/html" and html is None:
            html = _part_text(p)
        elif ct == "text/plain" and plain is not None and p is not msg:
            pass
    return plain or "", html or ""


_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")


def _strip_bidi(s: str) -> str:
    return _BIDI.sub("", s)


# --------------------------------------------------------------------------
# ARF
# --------------------------------------------------------------------------
def _arf_signs(msg: email.message.Message, subject: str) -> list[str]:
    why = []
    if msg.get_content_type() == "multipart/report":
        rt = (msg.get_param("report-type") or "")
        rt = rt if isinstance(rt, str) else str(rt)
        if rt.strip('"').lower() == "feedback-report":
            why.append("multipart/report; report-type=feedback-report (ARF abuse report)")
    if not why:
        for p in _walk(msg):
            if p.get_content_type() == "message/feedback-report":
                why.append("message/feedback-report part (ARF abuse report)")
                break
    if not why:
        m = re.search(r'\\?"notificationType\\?"\s*:\s*\\?"(Complaint|Delivery)\\?"',
                      _notice_text(msg)[:5000]) if msg.get_content_maintype() == "text" else None
        if m:
            why.append(f"Amazon SES {m.group(1).lower()} notification (not a bounce)")
    if not why:
        frm = _sender(msg) or ""
        if re.match(r"(?i)\s*complaint about message from", subject) and frm.startswith("staff@"):
            why.append("Hotmail complaint (feedback loop) report")
    return why


# --------------------------------------------------------------------------
# Bounces
# --------------------------------------------------------------------------
_DAEMON_LOCAL = re.compile(
    r"^(mailer[-_. ]?daemon|postmaster|post_master|mail\.?delivery\.?system|"
    r"mail-delivery-subsystem|mmsc|poostmaster)$", re.I)
_DAEMON_NAME = re.compile(
    r"mail delivery (sub)?system|mail deliver system|mailer[- ]daemon|"
    r"ndr administrator|postmaster|delivery status notification", re.I)

# Wording that only delivery-failure notices use.
_BOUNCE_BODY = [
    (r"This is the qmail-send program", "qmail"),
    (r"I'm afraid I wasn't able to deliver your message", "qmail"),
    (r"This message was created automatically by mail delivery software", "Exim"),
    (r"A message that you sent could not be delivered to one or more of", "Exim"),
    (r"Message delivery has been delayed|message has not yet been delivered|"
     r"has not yet been delivered to one or more of its recipients", "delay"),
    (r"This is the mail system at host", "Postfix"),
    (r"I'm sorry to have to inform you that your message could not", "Postfix"),
    (r"The original message was received at", "Sendmail"),
    (r"-{3,} ?Transcript of session follows ?-{3,}", "Sendmail"),
    (r"The following addresses had permanent fatal errors", "Sendmail"),
    (r"Delivery has failed to these recipients or groups", "Exchange"),
    (r"Your message did not reach some or all of the intended recipients", "Exchange"),
    (r"The following recipient\(s\) cannot be reached", "Exchange"),
    (r"Your message (?:to [^\n]{0,120} )?(?:wasn't|couldn't be|could not be) delivered", "Exchange/Office 365"),
    (r"Delivery to the following recipients? (?:failed|has been delayed)", "Gmail/Exchange"),
    (r"Delivery to these recipients or groups is complete", "Exchange"),
    (r"Sorry, we were unable to deliver your message to the following address", "Yahoo"),
    (r"Message from yahoo\.com\.|Unable to deliver message to the following address", "Yahoo"),
    (r"\\?\"notificationType\\?\"\s*:\s*\\?\"(?:Bounce|DeliveryDelay)\\?\"", "Amazon SES"),
    (r"Could not be delivered to:\s*<", "KDDI/au"),
    (r"This is the MAILER-DAEMON, please DO NOT REPLY", "OpenSMTPD"),
    (r"An error has occurred while attempting to deliver a message", "OpenSMTPD"),
    (r"This is an automatically generated Delivery Status Notification", "DSN text"),
    (r"Delivery to the following recipients failed permanently", "DSN text"),
    (r"could not be delivered to the following recipients?", "DSN text"),
    (r"The following message to <[^>]+> was undeliverable", "Exchange"),
    (r"automatic bounce notification|an email you sent was rejected", "bounce notice"),
    (r"Your mail message to the following address\(es\) could not be delivered", "qmail-like"),
    (r"Unable to deliver your message to the following", "DSN text"),
    (r"Message could not be delivered", "MMS gateway"),
    (r"Error: (?:Invalid user address|No valid recipients)", "MMS gateway"),
    (r"Mail Delivery Failure\.|The following recipients? (?:was|were) undeliverable", "DSN text"),
    (r"Undelivered Mail Returned to Sender", "Postfix"),
    (r"You are not a member of this mailing list", "list manager"),
    (r"Duplicated Message-ID in", "list manager"),
]
_BOUNCE_BODY_RE = [(re.compile(p, re.I), who) for p, who in _BOUNCE_BODY]

# Wording that suggests a bounce but that a person could write too.
_BOUNCE_WEAK = re.compile(
    r"could not be delivered|undeliverable|undelivered|delivery (?:has )?failed|"
    r"permanent (?:error|failure)|user unknown|no such user|unknown user|"
    r"mailbox (?:unavailable|full|is full|not found)|unable to deliver|"
    r"does not exist|recipient address rejected|returned mail|delivery failure|"
    r"failed permanently|host unknown|address not found|"
    r"\b5\d\d[ -]5\.\d{1,3}\.\d{1,3}\b", re.I)

_BOUNCE_SUBJECT = re.compile(
    r"undeliver|delivery status notification|returned mail|mail delivery failed|"
    r"failure notice|delivery failure|delivery (?:has )?failed|failed delivery|"
    r"failure delivery|mail system error|non[- ]?remis|nondeliverable|"
    r"undelivered mail|delivery notification|could not be delivered|delayed mail|"
    r"warning: message .* delayed|could not send mail|there was an error sending|"
    r"email delivery failure|mail failure|returned to sender|delivery status|"
    r"mail could not be delivered|bounce notification|"
    r"^\s*(?:fwd?|fw):\s*returned mail", re.I)


def _null_return_path(msg: email.message.Message) -> bool:
    rp = _raw_header(msg, "Return-Path")
    return rp is not None and re.fullmatch(r"\s*<\s*>\s*", rp) is not None


def _report_type(msg: email.message.Message) -> str:
    try:
        rt = msg.get_param("report-type") or ""
    except Exception:  # noqa: BLE001
        return ""
    if isinstance(rt, tuple):
        rt = rt[2] if len(rt) > 2 else ""
    return str(rt).strip('"').lower()


def _notice_text(msg: email.message.Message) -> str:
    """The text of the notification itself (not the returned message parts)."""
    chunks = []
    for p in _walk(msg):
        ct = p.get_content_type()
        if p.is_multipart() or ct in ("message/rfc822", "message/global"):
            continue
        if ct.startswith("multipart/"):
            # A multipart whose boundary never appears: the parser leaves the
            # whole body as one string; read it as text.
            chunks.append(_part_text(p))
            continue
        if ct.startswith("text/") or ct in ("message/delivery-status",
                                              "message/global-delivery-status"):
            if ct == "text/rfc822-headers":
                continue
            t = _part_text(p)
            if ct == "text/html":
                t = _html_to_text(t, cut_quotes=False)
            chunks.append(t)
    return _strip_bidi("\n".join(chunks))


def _bounce_signs(msg: email.message.Message, subject: str) -> list[str]:
    why: list[str] = []
    ctype = msg.get_content_type()
    if ctype == "multipart/report" and _report_type(msg) in ("delivery-status",
                                                            "global-delivery-status"):
        why.append("multipart/report; report-type=delivery-status")
    for p in _walk(msg):
        if p.get_content_type() in ("message/delivery-status", "message/global-delivery-status"):
            why.append(f"{p.get_content_type()} part")
            break
    if msg.get("X-Failed-Recipients") is not None:
        why.append("X-Failed-Recipients header")
    if why:
        return why

    frm = _header(msg, "From")
    name, addr = parseaddr(frm)
    local = addr.split("@", 1)[0] if addr else ""
    sender_daemon = bool(_DAEMON_LOCAL.match(local or "")) or bool(_DAEMON_NAME.search(name or "")) \
        or (not addr and re.search(r"mailer-daemon|postmaster", frm, re.I) is not None)
    text = _notice_text(msg)
    head = text[:20000]
    specific = next((who for rx, who in _BOUNCE_BODY_RE if rx.search(head)), None)
    weak = _BOUNCE_WEAK.search(head)
    subj = _BOUNCE_SUBJECT.search(subject or "")
    null_rp = _null_return_path(msg)
    returned = any(p.get_content_type() in ("message/rfc822", "text/rfc822-headers")
                   for p in _walk(msg))
    auto = _header(msg, "Auto-Submitted").strip().lower()
    auto = bool(auto) and not auto.startswith("no")

    if specific:
        why.append(f"{specific} delivery-failure wording in the body")
    if sender_daemon:
        why.append(f"sent by a mail system ({addr or frm.strip() or 'empty From'})")
    if subj:
        why.append(f"bounce subject {subj.group(0)!r}")
    if weak and (sender_daemon or subj or null_rp or auto):
        why.append(f"delivery-failure wording {weak.group(0)!r}")
    if null_rp and (sender_daemon or subj or specific):
        why.append("null Return-Path <>")

    if specific or sender_daemon:
        return why
    if subj and (weak or null_rp or returned or auto):
        if returned:
            why.append("returned message attached")
        return why
    return []


_ENH = r"[245]\.\d{1,3}\.\d{1,3}"
_STATUS_PATTERNS = [
    re.compile(r"(?im)^\s*Status:\s*(" + _ENH + r")\b"),
    re.compile(r"\\?\"status\\?\"\s*:\s*\\?\"(" + _ENH + r")\\?\""),
    re.compile(r"\b[245]\d\d[ -]#?(" + _ENH + r")(?![\d.])"),
    re.compile(r"#(" + _ENH + r")(?![\d.])"),
    re.compile(r"\((" + _ENH + r")\)"),
    re.compile(r"(?<![\w.])(" + r"[45]\.\d{1,3}\.\d{1,3}" + r")(?![\d.])"),
]
_REPLY_CODE = re.compile(
    r"(?:^|[\s:(\[\"'])([45][0-5]\d)(?:[ :-][^\d.]|[\s.:]*$|\s*$)|"
    r"(?i:(?:said|reply|response|error|code|answer)\W{0,5})([45][0-5]\d)\b", re.M)
_INFER = [(re.compile(p, re.I), code) for p, code in (
    (r"user unknown|unknown user|no such user|does(?: not|n't) exist|not recognized|"
     r"doesn't have an? .{0,40}account|invalid (?:recipient|user|mailbox|address)|"
     r"mailbox (?:not found|unavailable)|address not found|unknown recipient|"
     r"no mailbox|recipient not found|user not found|unknown address|"
     r"account (?:has been |is )?(?:disabled|deactivated|suspended)", "5.1.1"),
    (r"host unknown|domain not found|no such domain|host or domain name not found|"
     r"unknown host|name lookup failure", "5.1.2"),
    (r"mailbox (?:is )?full|over ?quota|quota exceeded|exceeded (?:the )?storage|"
     r"insufficient (?:disk )?space", "4.2.2"),
    (r"message (?:is )?too (?:large|big)|size limit|exceeds? (?:the )?(?:maximum )?"
     r"(?:message )?size", "5.3.4"),
    (r"retry timeout exceeded|timed? ?out|expired|cannot send message for|"
     r"could not send mail for past|still being retried|will (?:continue|keep) trying", "4.4.7"),
    (r"relay(?:ing)? (?:denied|not permitted|access denied)|spam|blocked|blacklist|"
     r"rejected|denied|not (?:a member|allowed|authorized|permitted)", "5.7.1"),
    (r"service unavailable|unavailable", "5.0.0"),
)]
_ADDR = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_ADDR_RE = re.compile(r"(?<![\w.+-])" + _ADDR)
_RCPT_PATTERNS = [
    re.compile(r"(?im)^\s*(?:Final|Original)-Recipient:\s*(?:rfc822|[\w-]+)?\s*;\s*<?(" + _ADDR + r")>?"),
    re.compile(r"\\?\"emailAddress\\?\"\s*:\s*\\?\"(" + _ADDR + r")\\?\""),
    re.compile(r"(?m)^\s*<(" + _ADDR + r")>(?:\s*\(expanded from[^)]*\))?:"),  # qmail, Postfix
    re.compile(r"(?m)^\s*<?(" + _ADDR + r")>?\.\.\.\s"),  # Sendmail
    re.compile(r"(?im)^\s*RCPT TO:\s*<?(" + _ADDR + r")>?"),
    re.compile(r"(?im)\b(?:failed|rejected|undeliverable|could not be delivered|unknown|"
               r"recipient|address(?:es)?|to)\b\W{0,40}?<?(?<![\w.+-])(" + _ADDR + r")>?"),
]
_DELAY_TEXT = re.compile(
    r"delayed|delay\)|not yet been delivered|still being retried|will (?:continue|keep) "
    r"(?:trying|to try|retrying)|will retry|could not send mail for past|"
    r"Cannot send message for|\bwarning\b.{0,40}(?:deliver|delay)|temporar", re.I)
_PERM_TEXT = re.compile(
    r"permanent|user unknown|unknown user|no such user|does not exist|not found|"
    r"invalid (?:user|recipient|address)|address rejected|mailbox unavailable|"
    r"not a member|host unknown|\bfatal", re.I)
_RETURN_MARK = re.compile(
    r"(?im)^.{0,20}(?:this is a copy of the message|below this line is a copy|"
    r"original message (?:follows|headers)|copy of the original message|"
    r"undelivered message headers|original mail as follows|original message:|"
    r"-{3,}\s*original message\s*-{3,}|returned message|bounced e-?mail|"
    r"original mail info|headers of the original)")


def _dsn_blocks(msg: email.message.Message) -> list[dict[str, str]]:
    blocks: list[dict[str, str]] = []
    for p in _walk(msg):
        if p.get_content_type() not in ("message/delivery-status",
                                         "message/global-delivery-status"):
            continue
        payload = p.get_payload()
        if isinstance(payload, list):
            for sub in payload:
                if isinstance(sub, email.message.Message):
                    blocks.append({k.lower(): _decode_words(str(v)) for k, v in sub.items()})
        else:
            text = _part_text(p)
            for chunk in re.split(r"\n\s*\n", text):
                fields = {}
                for m in re.finditer(r"(?m)^([A-Za-z-]+):[ \t]*(.*(?:\n[ \t].*)*)", chunk):
                    fields[m.group(1).lower()] = m.group(2).strip()
                if fields:
                    blocks.append(fields)
    return blocks


def _returned_headers(msg: email.message.Message) -> list[email.message.Message]:
    out = []
    for p in _walk(msg):
        ct = p.get_content_type()
        if ct in ("message/rfc822", "message/global"):
            payload = p.get_payload()
            if isinstance(payload, list):
                out.extend(x for x in payload if isinstance(x, email.message.Message))
            elif isinstance(payload, str):
                out.append(email.message_from_string(payload, policy=email.policy.compat32))
        elif ct == "text/rfc822-headers":
            out.append(email.message_from_string(_part_text(p).lstrip(),
                                                 policy=email.policy.compat32))
    return out


def _bounce_info(msg: email.message.Message, subject: str) -> tuple[BounceInfo, list[str]]:
    why: list[str] = []
    own = {a for a in (_addr(_header(msg, h)) for h in
                       ("From", "To", "Reply-To", "Return-Path", "Sender")) if a}
    text = _notice_text(msg)
    m = _RETURN_MARK.search(text)
    notice = text[:m.start()] if m and m.start() > 40 else text

    blocks = _dsn_blocks(msg)
    recips: list[str] = []
    statuses: list[str] = []
    actions: list[str] = []
    for b in blocks:
        r = b.get("final-recipient") or b.get("original-recipient")
        if r:
            a = _ADDR_RE.search(r)
            if a and a.group(0).lower() not in recips:
                recips.append(a.group(0).lower())
        if b.get("status"):
            s = re.search(r"[245]\.\d{1,3}\.\d{1,3}", b["status"])
            if s:
                statuses.append(s.group(0))
        if b.get("action"):
            actions.append(b["action"].strip().lower())
    if recips:
        why.append("failed recipient from the delivery-status report")

    for v in _headers_all(msg, "X-Failed-Recipients"):
        for a in _ADDR_RE.findall(v):
            if a.lower() not in recips:
                recips.append(a.lower())
                why.append("failed recipient from X-Failed-Recipients")

    msgids = {x.lower().strip("<>") for x in
              re.findall(r"(?i)(?:message-id|\"messageId\")\W{0,5}<?([^\s<>\"]+@[^\s<>\"]+)", text)}

    def usable(a: str, strict: bool = True) -> bool:
        a = a.lower()
        if a in msgids:
            return False
        local = a.split("@")[0]
        if re.match(r"(?i)(no-?reply|mailer|daemon)", local):
            return False
        return a not in own and (not strict or not _DAEMON_LOCAL.match(local))

    if not recips:
        for i, rx in enumerate(_RCPT_PATTERNS):
            # The first two patterns are report fields: trust them as they are.
            found = [a.lower() for a in rx.findall(notice if i > 1 else text)
                     if i <= 1 or usable(a, strict=False)]
            if found:
                for a in found:
                    if a not in recips:
                        recips.append(a)
                why.append("failed recipient read from the notice text")
                break

    orig_id = None
    returned = _returned_headers(msg)
    for h in returned:
        mid = _first_id(_header(h, "Message-ID"))
        if mid:
            orig_id = mid
            break
    if not recips:
        for h in returned:
            for a in (addr for _, addr in getaddresses([_header(h, "To")])):
                if "@" in a and usable(a) and a.lower() not in recips:
                    recips.append(a.lower())
        if recips:
            why.append("failed recipient from the returned message's To")
    if not recips:
        found = [a.lower() for a in _ADDR_RE.findall(notice) if usable(a)]
        for a in found[:1]:
            recips.append(a)
        if recips:
            why.append("failed recipient guessed from the first address in the notice")
    if orig_id is None:
        mm = re.search(r"(?im)^[ \t>]*Message-ID:\s*(<[^<>\s]+>)", text)
        if not mm:
            mm = re.search(r"(?i)\"messageId\"\s*:\s*\"([^\"]+)\"", text)
        if mm:
            orig_id = mm.group(1) if mm.group(1).startswith("<") else f"<{mm.group(1)}>"
    if orig_id:
        why.append(f"original Message-ID {orig_id}")

    status = None
    if statuses:
        status = next((s for s in statuses if s[0] in "54"), statuses[0])
    else:
        for rx in _STATUS_PATTERNS:
            s = rx.search(notice) or rx.search(text)
            if s:
                status = s.group(1)
                break
    if status:
        why.append(f"status {status}")
    else:
        rc = _REPLY_CODE.search(notice)
        if rc:
            code = rc.group(1) or rc.group(2)
            status = f"{code[0]}.0.0"
            why.append(f"status {status} from SMTP reply {code}")

    if not status:
        for rx, code in _INFER:
            mm = rx.search(notice)
            if mm:
                status = code
                if code == "4.2.2" and re.search(r"(?i)permanent", notice):
                    status = "5.2.2"
                why.append(f"status {status} inferred from {mm.group(0).strip()!r}")
                break

    delayed = bool(actions) and all(a.startswith("delayed") for a in actions)
    if not actions:
        delayed = bool(_DELAY_TEXT.search(subject or "")) or (
            status is None or status.startswith("4")) and bool(_DELAY_TEXT.search(notice[:3000]))
        if status and status.startswith("5"):
            delayed = False
    if delayed:
        why.append("delivery only delayed (Action: delayed / delay notice)")

    if delayed:
        hard = False
    elif status:
        hard = status.startswith("5")
    else:
        hard = bool(_PERM_TEXT.search(notice))
    why.append("hard bounce" if hard else ("soft bounce" if not delayed else "not a failure yet"))
    return BounceInfo(hard=hard, delayed=delayed, status=status, recipients=tuple(recips),
                      original_message_id=orig_id), why


# --------------------------------------------------------------------------
# Automatic replies
# --------------------------------------------------------------------------
_AUTO_SUBJECT = re.compile(
    r"^\s*(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response|respons)|autoreply|"
    r"autosvar|auto:|out of (?:the )?office|ooo\b|away from (?:the )?office|"
    r"réponse automatique|abwesenheit|מענה אוטומטי|תשובה אוטומטית|מחוץ למשרד|"
    r"הודעה אוטומטית|תגובה אוטומטית)"
    r"|(?:out of (?:the )?office|מחוץ למשרד|מענה אוטומטי|תשובה אוטומטית|automatic reply)", re.I)


def _auto_reply_signs(msg: email.message.Message, subject: str) -> list[str]:
    why = []
    auto = _header(msg, "Auto-Submitted").strip().lower()
    if auto and not auto.startswith("no"):
        why.append(f"Auto-Submitted: {auto}")
    for h in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply"):
        v = msg.get(h)
        if v is not None and str(v).strip().lower() not in ("no", "false", "0"):
            why.append(f"{h} header")
    prec = _header(msg, "Precedence").strip().lower()
    if prec in ("auto_reply", "bulk", "junk"):
        why.append(f"Precedence: {prec}")
    if msg.get("X-Auto-Response-Suppress") is not None and \
            msg.get("X-MS-Exchange-Inbox-Rules-Loop") is not None:
        why.append("Exchange out-of-office (X-Auto-Response-Suppress with "
                   "X-MS-Exchange-Inbox-Rules-Loop)")
    if _header(msg, "X-Apple-Action").strip().upper() == "VACATION":
        why.append("Apple vacation responder (X-Apple-Action: VACATION)")
    s = _AUTO_SUBJECT.search(_strip_bidi(subject or ""))
    if s:
        why.append(f"automatic-reply subject {s.group(0).strip()!r}")
    return why


# --------------------------------------------------------------------------
# New text of a reply: HTML by structure, text by patterns
# --------------------------------------------------------------------------
_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3",
               "h4", "h5", "h6", "blockquote", "pre", "hr", "section", "article",
               "header", "footer"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed",
         "source", "track", "wbr", "param"}


class _HTMLText(HTMLParser):
    def __init__(self, cut_quotes: bool):
        super().__init__(convert_charrefs=True)
        self.cut = cut_quotes
        self.out: list[str] = []
        self.skip_depth = 0          # >0 while inside a skipped subtree
        self.stack: list[tuple[str, bool]] = []
        self.stopped = False

    def _skip_this(self, tag: str, attrs: dict[str, str]) -> bool | str:
        if tag in ("script", "style", "head", "title"):
            return True
        if not self.cut:
            return False
        cls = " " + (attrs.get("class") or "").lower() + " "
        ident = (attrs.get("id") or "").lower()
        if ident in ("divrplyfwdmsg", "appendonsend", "stopspelling", "olk_src_body_section") \
                or "olk_src_body_section" in cls:
            return "stop"
        if tag == "hr" and ident == "stopspelling":
            return "stop"
        if " gmail_quote" in cls or " gmail_quote_container" in cls or " gmail_attr" in cls \
                or " yahoo_quoted" in cls or " moz-cite-prefix" in cls \
                or " gmail_signature" in cls or " moz-signature" in cls \
                or ident in ("signature", "x_signature", "divsignature") \
                or "applemailsignature" in ident:
            return True
        if tag == "blockquote":
            return True
        return False

    def handle_starttag(self, tag, attrs):
        if self.stopped:
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        if self.skip_depth:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        s = self._skip_this(tag, a)
        if s == "stop":
            self.stopped = True
            return
        if s:
            if tag not in _VOID:
                self.skip_depth = 1
            return
        if tag in _BLOCK_TAGS:
            self.out.append("\n")

    def handle_startendtag(self, tag, attrs):
        if self.stopped or self.skip_depth:
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        if self._skip_this(tag, a) == "stop":
            self.stopped = True
            return
        if tag in _BLOCK_TAGS:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if self.stopped:
            return
        if self.skip_depth:
            if tag not in _VOID:
                self.skip_depth -= 1
            return
        if tag in _BLOCK_TAGS:
            self.out.append("\n")

    def handle_data(self, data):
        if self.stopped or self.skip_depth:
            return
        self.out.append(re.sub(r"[ \t\r\n]+", " ", data))


def _html_to_text(html: str, cut_quotes: bool = True) -> str:
    p = _HTMLText(cut_quotes)
    try:
        p.feed(html)
        p.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; be safe anyway
        pass
    text = "".join(p.out).replace("\xa0", " ")
    lines = [ln.strip() for ln in text.split("\n")]
    return "\n".join(lines)


_ATTRIB_PATTERNS = [
    re.compile(r"^\s*On\b.{0,400}\bwrote\s*:\s*$", re.I | re.S),
    re.compile(r"^\s*בתאריך\b.{0,400}(?:כתב(?:/ה|ה)?|>)\s*:\s*$", re.S),
    re.compile(r"^\s*ב-?\s?\d{1,2}\s.{0,400}כתב(?:/ה|ה)?\s*:\s*$", re.S),
    re.compile(r"^.{0,300}\bכתב(?:/ה|ה)?\s*:\s*$", re.S),
    re.compile(r"^.{0,300}<[^<>\s]+@[^<>\s]+>\s*(?:wrote|schrieb|a écrit)\s*:\s*$", re.I | re.S),
    re.compile(r"^\s*-{2,}\s*(?:Original Message|Forwarded message|Reply message|"
               r"הודעה מקורית|ההודעה המקורית|הודעה שהועברה)\s*-{2,}\s*$", re.I),
    re.compile(r"^\s*(?:הודעה מקורית|Original Message)\s*:?\s*$", re.I),
    re.compile(r"^\s*_{8,}\s*$"),
]
_OUTLOOK_FROM = re.compile(r"^\s*\**\s*(?:From|מאת|מ)\s*\**\s*:\s*\**\s*\S", re.I)
_OUTLOOK_NEXT = re.compile(r"^\s*\**\s*(?:Sent|Date|נשלח|תאריך|To|אל|Subject|נושא)\s*\**\s*:", re.I)
_SIG_LINE = re.compile(
    r"^\s*(?:--|—|Sent from my \w+.*|Sent from (?:Outlook|Mail|Yahoo Mail).*|"
    r"Get Outlook for \w+.*|נשלח מה-?\s?iPhone שלי|נשלח מה-?\s?iPad שלי|"
    r"נשלח מהסמארטפון.*|נשלח מ-?\s?Outlook.*|נשלח מהנייד.*|נשלח מ.{0,20}Samsung.*|"
    r"קבל את Outlook.*|השג את Outlook.*)\s*$", re.I)


def _cut_text(text: str) -> str:
    text = _strip_bidi(text).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = text.split("\n")
    cut = len(lines)
    for i, line in enumerate(lines):
        st = line.strip()
        if not st:
            continue
        two = st + " " + (lines[i + 1].strip() if i + 1 < len(lines) else "")
        three = two + " " + (lines[i + 2].strip() if i + 2 < len(lines) else "")
        hit = False
        for rx in _ATTRIB_PATTERNS:
            if rx.match(st) or (rx.match(two) and not st.endswith(":")) or \
                    (st.lower().startswith(("on ", "בתאריך")) and rx.match(three)):
                hit = True
                break
        if not hit and _OUTLOOK_FROM.match(st):
            nxt = [ln for ln in lines[i + 1:i + 6] if ln.strip()]
            if any(_OUTLOOK_NEXT.match(ln) for ln in nxt[:4]):
                hit = True
        if not hit and _SIG_LINE.match(line.rstrip()) and (st in ("--", "—") or len(st) < 60):
            hit = True
        if hit:
            cut = i
            break
    kept = [ln.rstrip() for ln in lines[:cut] if not ln.lstrip().startswith(">")]
    out = "\n".join(kept).strip()
    out = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", out)
    return out


def _new_text(msg: email.message.Message) -> str:
    plain, html = _bodies(msg)
    if html.strip():
        t = _cut_text(_html_to_text(html, cut_quotes=True))
        if t or not plain.strip():
            return t
    return _cut_text(plain)


# --------------------------------------------------------------------------
# Intents
# --------------------------------------------------------------------------
_HE_PREFIX = r"(?:[ושהכלבמ]{0,2})"
_NEG = re.compile(r"(?:^|\s)(?:ו?לא|טרם|עוד\s+לא|אין|בלי|not|never|haven'?t|hasn'?t|didn'?t|"
                  r"wasn'?t|weren'?t|isn'?t|no|n't|don'?t|doesn'?t|cannot|can'?t|won'?t)\s*$",
                  re.I)
_WB = r"(?<![\w])"
_WE = r"(?![\w])"


def _negated(text: str, start: int) -> bool:
    # Look back within the clause for a negation word among the last 3 words.
    before = text[max(0, start - 40):start]
    before = re.split(r"[.!?;,\n]", before)[-1]
    words = before.split()
    for k in range(1, min(3, len(words)) + 1):
        if _NEG.search(" " + " ".join(words[-k:]).strip()) and \
                re.search(r"(?i)(?:^|\s)(?:ו?לא|טרם|אין|בלי|not|never|\w+n'?t|no|cannot)$",
                          " " + words[-k]):
            return True
    return False


def _find(patterns: list[re.Pattern], text: str, *, negatable: bool = True,
          veto: re.Pattern | None = None) -> tuple[str, int] | None:
    for rx in patterns:
        for m in rx.finditer(text):
            if negatable and _negated(text, m.start()):
                continue
            if veto is not None and veto.match(text, m.end()):
                continue
            return m.group(0).strip(), m.start()
    return None


def _rx(*alts: str, flags: int = re.I) -> list[re.Pattern]:
    return [re.compile(_WB + a + _WE, flags) for a in alts]


_CLAIM_RX = _rx(
    _HE_PREFIX + r"שילמ(?:תי|נו|ת|תם|ה)",
    _HE_PREFIX + r"שול(?:ם|מה|מו)",
    _HE_PREFIX + r"העבר(?:תי|נו)",
    _HE_PREFIX + r"הועבר(?:ה|ו)?",
    _HE_PREFIX + r"ביצע(?:תי|נו)\s+(?:את\s+)?(?:ה)?(?:העברה|תשלום)",
    _HE_PREFIX + r"(?:ה)?(?:תשלום|העברה)\s+(?:כבר\s+)?בוצע(?:ה)?",
    _HE_PREFIX + r"בוצע(?:ה)?\s+(?:ה)?(?:העברה|תשלום)",
    _HE_PREFIX + r"שלח(?:תי|נו)\s+(?:את\s+)?(?:ה)?(?:תשלום|צ'?ק|המחאה|כסף)",
    _HE_PREFIX + r"מצורפ(?:ת|ה)?\s+(?:ה)?(?:אסמכתא|קבלה|אישור\s+(?:ה)?העברה)",
    _HE_PREFIX + r"מצרפ(?:ת|ים)?\s+(?:את\s+)?(?:ה)?(?:אסמכתא|קבלה|אישור\s+(?:ה)?העברה)",
    r"(?:already\s+)?paid",
    r"transferred",
    r"wired",
    r"sent\s+(?:you\s+)?(?:the|a|our|my)\s+(?:payment|transfer|check|cheque)",
    r"payment\s+(?:has\s+been|was)\s+(?:made|sent|transferred|completed)",
    r"(?:attached|attaching)\s+(?:is\s+)?(?:the\s+)?(?:receipt|transfer confirmation|"
    r"payment confirmation|proof of payment)",
)
# "העברתי את החשבונית להנהלת חשבונות" forwards the invoice, it pays nothing.
_CLAIM_VETO = re.compile(
    r"\s+(?:את\s+)?(?:ה)?(?:חשבונית|מייל|הודעה|בקשה|פנייה|זה|מסמך)?\S*\s*"
    r"(?:ל|אל\s+)(?:ה)?(?:טיפול|הנהלת|מחלקת|רואה|רו\"ח|גזברות|אישור|חשבונות|מנהל|בדיקה)"
    r"|\s+(?:it\s+|this\s+)?to\s+(?:our\s+|the\s+)?(?:accounting|accounts|finance|"
    r"bookkeep|manager)", re.I)
# "paid" in "unpaid", "paid on time?" ... "will be paid" is a promise, not a claim.
_CLAIM_VETO_BEFORE = re.compile(r"(?i)(?:will\s+be|to\s+be|be|get|getting|been\s+not)\s*$")

_PROMISE_RX = _rx(
    _HE_PREFIX + r"(?:אשלם|נשלם|אעביר|נעביר|אסדיר|נסדיר|אשלים|נשלים|אפקיד|נפקיד)",
    _HE_PREFIX + r"(?:אבצע|נבצע)\s+(?:את\s+)?(?:ה)?(?:העברה|תשלום)",
    _HE_PREFIX + r"(?:אשלח|נשלח)\s+(?:את\s+)?(?:ה)?(?:תשלום|העברה|צ'?ק|המחאה|כסף)",
    _HE_PREFIX + r"(?:ה)?(?:תשלום|כסף|סכום|העברה|יתרה)\s+(?:י|ת)(?:בוצע|ועבר|שולם|וסדר|גיע)",
    _HE_PREFIX + r"(?:י|ת)(?:שולם|ועבר|וסדר|בוצע)(?:ו)?",
    _HE_PREFIX + r"(?:תקבלו|תקבל)\s+(?:את\s+)?(?:ה)?(?:תשלום|כסף|העברה)",
    r"(?:i|we|i'll|we'll|i\s+will|we\s+will|i\s+shall|we\s+shall)\s+"
    r"(?:(?:will|shall)\s+)?(?:make\s+(?:the\s+)?payment|pay|transfer|settle|send\s+(?:the\s+|a\s+)?"
    r"(?:payment|transfer|money|check|cheque))",
    r"(?:i'm|i\s+am|we're|we\s+are)\s+going\s+to\s+(?:pay|transfer|settle)",
    r"(?:payment|it|the\s+invoice|the\s+balance)\s+will\s+be\s+(?:paid|sent|transferred|made|settled)",
)

_DISPUTE_RX = _rx(
    _HE_PREFIX + r"לא\s+הזמנ(?:ו|תי|נו)",
    r"(?:ה)?סכום\s+(?:הוא\s+|ב\S+\s+)?(?:לא\s+נכון|שגוי|לא\s+תואם|לא\s+מדויק|מוגזם)",
    r"(?:יש|נפלה)\s+טעות",
    r"טעות\s+ב(?:חשבונית|סכום|חיוב)",
    r"(?:ה)?חשבונית\s+(?:שגויה|לא\s+נכונה|לא\s+תקינה)",
    _HE_PREFIX + r"לא\s+(?:קיבלנו|קיבלתי)\s+(?:את\s+)?(?:ה)?(?:שירות|סחורה|מוצר|הזמנה|עבודה|משלוח)",
    r"(?:ה)?(?:שירות|סחורה|מוצר|עבודה)\s+לא\s+(?:סופק|סופקה|ניתן|ניתנה|הושלמ)\S*",
    r"לא\s+(?:מגיע|חייבים|חייב|חייבת)\s+(?:לכם|לך)?",
    r"(?:אני\s+)?(?:חולק|חולקת|חולקים)\s+על",
    r"wrong\s+(?:amount|invoice|price|charge)",
    r"incorrect\s+(?:amount|invoice|charge|price)",
    r"(?:we|i)\s+never\s+(?:received|ordered|got)",
    r"(?:we|i)\s+(?:did\s+not|didn'?t)\s+(?:order|receive)",
    r"(?:billing|invoice)\s+(?:error|mistake)",
    r"overcharged",
    r"(?:we|i)\s+(?:do\s+not|don'?t)\s+owe",
    r"dispute",
)
_PLAN_RX = _rx(
    _HE_PREFIX + r"תשלומים",
    _HE_PREFIX + r"פריס(?:ה|ת)",
    _HE_PREFIX + r"לפרוס",
    r"הסדר\s+(?:תשלום|תשלומים)",
    r"(?:payment|instal?ment)\s+plan",
    r"instal?lments?",
    r"split\s+(?:the\s+|it\s+|this\s+)?(?:payment|amount|bill|invoice)",
    r"pay\s+in\s+(?:parts|instal?ments|stages)",
)
_QUESTION_RX = _rx(
    r"אפשר\s+(?:ל)?דבר",
    _HE_PREFIX + r"(?:תתקשרו|תתקשר|תתקשרי|התקשרו|התקשר|התקשרי)",
    r"(?:תחזרו|תחזור|תחזרי|חזרו)\s+(?:אליי|אלי|אלינו)",
    r"אשמח\s+(?:ל)?(?:שיחה|לדבר)",
    r"call\s+me", r"can\s+we\s+talk", r"please\s+call", r"give\s+me\s+a\s+call",
)


def _payment_claim(text: str) -> str | None:
    for rx in _CLAIM_RX:
        for m in rx.finditer(text):
            if _negated(text, m.start()):
                continue
            if _CLAIM_VETO.match(text, m.end()):
                continue
            if _CLAIM_VETO_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
                continue
            return m.group(0).strip()
    return None


def _promise(text: str) -> tuple[str, int] | None:
    return _find(_PROMISE_RX, text)


def _dispute(text: str) -> str | None:
    hit = _find(_DISPUTE_RX, text, negatable=False)
    return hit[0] if hit else None


def _plan_request(text: str) -> str | None:
    hit = _find(_PLAN_RX, text)
    return hit[0] if hit else None


def _question(text: str) -> str | None:
    hit = _find(_QUESTION_RX, text, negatable=False)
    if hit:
        return hit[0]
    # A question mark at the end of a sentence (not inside a URL).
    for m in re.finditer(r"[^\s?]\s?\?", text):
        if not re.search(r"https?://\S*$", text[max(0, m.start() - 200):m.end()]):
            line = text[:m.end()].rsplit("\n", 1)[-1]
            return line.strip()[-60:]
    return None


_RECEIPT_NAME = re.compile(r"אסמכתא|אסמכתה|receipt|transfer|העברה|קבלה|confirmation|"
                           r"אישור|payment|תשלום", re.I)


def _receipt_attachment(msg: email.message.Message) -> str | None:
    for p in _walk(msg):
        if p.is_multipart():
            continue
        name = p.get_filename() or p.get_param("name") or ""
        if isinstance(name, tuple):
            name = email.utils.collapse_rfc2231_value(name)
        name = _decode_words(str(name)) if name else ""
        if not name:
            continue
        ct = p.get_content_type()
        if (ct == "application/pdf" or ct.startswith("image/") or
                name.lower().endswith((".pdf", ".png", ".jpg", ".jpeg", ".heic"))) \
                and _RECEIPT_NAME.search(name):
            return name
    return None


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------
_HE_MONTHS = {
    "ינואר": 1, "פברואר": 2, "מרץ": 3, "מרס": 3, "אפריל": 4, "מאי": 5, "יוני": 6,
    "יולי": 7, "אוגוסט": 8, "ספטמבר": 9, "אוקטובר": 10, "נובמבר": 11, "דצמבר": 12,
}
_EN_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_EN_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_EN_MONTHS["sept"] = 9
_HE_DAYS = {"ראשון": 6, "שני": 0, "שלישי": 1, "רביעי": 2, "חמישי": 3, "שישי": 4, "שבת": 5}
_HE_DAY_LETTERS = {"א": 6, "ב": 0, "ג": 1, "ד": 2, "ה": 3, "ו": 4}
_EN_DAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_EN_DAYS.update({d.lower(): i for i, d in enumerate(calendar.day_abbr)})

_MONTH_RE = "|".join(sorted(list(_HE_MONTHS) + list(_EN_MONTHS), key=len, reverse=True))
_DAY_RE_HE = "|".join(_HE_DAYS)
_DAY_RE_EN = "|".join(sorted(_EN_DAYS, key=len, reverse=True))

_DATE_RX = re.compile(
    r"(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)"
    r"|(?P<num>(?<![\d/.])(?P<d>\d{1,2})[/.](?P<m>\d{1,2})(?:[/.](?P<y>\d{2,4}))?(?![\d/]|\.\d))"
    r"|(?P<dm>(?<!\d)(?P<dd>\d{1,2})(?:st|nd|rd|th)?\s+(?:ב|ל|of\s+)?(?P<mn>" + _MONTH_RE +
    r")\.?(?:,?\s+(?P<yy>\d{4}))?)"
    r"|(?P<md>(?<![\w])(?P<mn2>" + _MONTH_RE + r")\.?\s+(?P<dd2>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+(?P<yy2>\d{4}))?(?!\d))"
    r"|(?P<afterto>מחרתיים|day after tomorrow)"
    r"|(?P<tomorrow>מחר|tomorrow)"
    r"|(?P<today>היום|today)"
    r"|(?P<eom>(?:עד\s+|ב)?סוף\s+(?:ה)?חודש(?:\s+הזה|\s+הנוכחי)?|end\s+of\s+(?:the\s+|this\s+)?month)"
    r"|(?P<eow>(?:עד\s+|ב)?סוף\s+(?:ה)?שבוע(?!\s+הבא)|end\s+of\s+(?:the\s+|this\s+)?week)"
    r"|(?P<nextweek>(?:ב)?שבוע\s+הבא|next\s+week)"
    r"|(?P<nextmonth>(?:ב)?חודש\s+הבא|next\s+month)"
    r"|(?P<dom>(?:עד\s+|ב)?(?:ה-?|-)?(?P<domd>\d{1,2})\s+(?:לחודש|בחודש)|the\s+(?P<domd2>\d{1,2})"
    r"(?:st|nd|rd|th)(?:\s+of\s+(?:the|this|next)\s+month)?)"
    r"|(?P<wd>(?:ב?יום\s+)(?P<wdn>" + _DAY_RE_HE + r")|ב?יום\s+(?P<wdl>[אבגדהו])['׳]"
    r"|(?<![\w])(?P<wde>" + _DAY_RE_EN + r")(?![\w]))",
    re.I)


def _shift_year(d: dt.date, today: dt.date, explicit_year: bool) -> dt.date:
    if not explicit_year and d < today - dt.timedelta(days=45):
        try:
            return d.replace(year=d.year + 1)
        except ValueError:
            return d + dt.timedelta(days=365)
    return d


def _next_weekday(today: dt.date, wd: int) -> dt.date:
    delta = (wd - today.weekday()) % 7
    return today + dt.timedelta(days=delta or 7)


def _resolve(m: re.Match, today: dt.date) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["iso"]:
            return dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g["num"]:
            d, mo = int(g["d"]), int(g["m"])
            if mo > 12 and d <= 12:
                d, mo = mo, d
            y = g["y"]
            year = (int(y) + 2000 if len(y) == 2 else int(y)) if y else today.year
            if y and len(y) == 3:
                return None
            return _shift_year(dt.date(year, mo, d), today, bool(y))
        if g["dm"] or g["md"]:
            name = (g["mn"] or g["mn2"]).lower()
            mo = _HE_MONTHS.get(name) or _EN_MONTHS.get(name)
            day = int(g["dd"] or g["dd2"])
            y = g["yy"] or g["yy2"]
            return _shift_year(dt.date(int(y) if y else today.year, mo, day), today, bool(y))
        if g["afterto"]:
            return today + dt.timedelta(days=2)
        if g["tomorrow"]:
            return today + dt.timedelta(days=1)
        if g["today"]:
            return today
        if g["eom"]:
            return today.replace(day=calendar.monthrange(today.year, today.month)[1])
        if g["eow"]:
            # The end of the Israeli working week: the coming Thursday.
            return today + dt.timedelta(days=(3 - today.weekday()) % 7)
        if g["nextweek"]:
            return _next_weekday(today, 6)
        if g["nextmonth"]:
            y, mo = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
            return dt.date(y, mo, 1)
        if g["dom"]:
            day = int(g["domd"] or g["domd2"])
            d = dt.date(today.year, today.month, day)
            if d < today:
                y, mo = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
                d = dt.date(y, mo, day)
            return d
        if g["wd"]:
            if g["wdn"]:
                return _next_weekday(today, _HE_DAYS[g["wdn"]])
            if g["wdl"]:
                return _next_weekday(today, _HE_DAY_LETTERS[g["wdl"]])
            return _next_weekday(today, _EN_DAYS[g["wde"].lower()])
    except (ValueError, KeyError, TypeError, OverflowError):
        return None
    return None


def _date_in(text: str, today: dt.date, near: int = 0) -> tuple[dt.date | None, str]:
    """The date expression closest to position ``near`` (after it preferred)."""
    best = None
    for m in _DATE_RX.finditer(text):
        if m.group("wde") and m.group("wde").lower() in ("may", "sat", "sun", "wed") and \
                not re.search(r"(?i)(?:on|by|until|till|this|next)\s+$", text[:m.start()]):
            continue  # "may", "sun" as plain words
        if m.group("wde") and m.group("wde").lower() in ("mon", "tue", "thu", "fri") and \
                not re.search(r"(?i)(?:on|by|until|till|this|next)\s+$", text[:m.start()]):
            continue
        if m.group("today") and m.group("today") == "היום" and \
                re.match(r"\s*(?:אני|אנחנו)", text[m.end():]):
            pass
        d = _resolve(m, today)
        if d is None:
            continue
        dist = m.start() - near
        key = (0 if dist >= -5 else 1, abs(dist))
        if best is None or key < best[0]:
            best = (key, d, m.group(0).strip())
    if best is None:
        return None, ""
    return best[1], best[2]


_RETURN_CUES = (
    # A stated return day first ...
    re.compile(r"back\s+(?:in\s+the\s+office\s+)?(?:on|by)?|return(?:ing)?\s+"
               r"(?:to\s+the\s+office\s+)?(?:on)?|אחזור|אשוב|נחזור|נשוב|חוזר(?:ת)?\s|"
               r"(?:אהיה\s+)?זמין(?:ה)?\s+(?:שוב\s+)?(?:החל\s+)?מ", re.I),
    # ... else "away until" (the last day away).
    re.compile(r"until|till|through|עד", re.I),
)


def _return_date(text: str, today: dt.date) -> dt.date | None:
    text = _strip_bidi(text)
    for rx in _RETURN_CUES:
        for cue in rx.finditer(text):
            seg = text[cue.end():cue.end() + 60]
            m = _DATE_RX.search(seg)
            if not m or m.start() > 25:
                continue
            d, _ = _date_in(seg, today, near=0)
            if d is not None and d >= today - dt.timedelta(days=1):
                return d
    return None


# --------------------------------------------------------------------------
# Invoices
# --------------------------------------------------------------------------
def _invoices(known: Collection[str], subject: str, text: str) -> tuple[str, ...]:
    if not known:
        return ()
    hay = _strip_bidi(subject or "") + "\n" + (text or "")
    found: list[tuple[int, str]] = []
    for n in known:
        n = str(n).strip()
        if not n:
            continue
        rx = re.compile(r"(?<![0-9A-Za-z])(?<![0-9A-Za-z]-)" + re.escape(n) +
                        r"(?![0-9A-Za-z])(?!-[0-9A-Za-z])", re.I)
        m = rx.search(hay)
        if m:
            found.append((m.start(), n))
    found.sort()
    out: list[str] = []
    for _, n in found:
        if n not in out:
            out.append(n)
    return tuple(out)
