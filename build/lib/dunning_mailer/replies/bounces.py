"""Bounces (delivery status notifications) and ARF feedback reports: the signs, the status and the failed recipients."""
from __future__ import annotations

import email
import email.message
import email.policy
import re
from email.utils import getaddresses, parseaddr

from .message import _addr, _decode_words, _first_id, _header, _headers_all, _part_text, _raw_header, _sender, _strip_bidi, _walk
from .quotes import _html_to_text
from .verdict import BounceInfo


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
