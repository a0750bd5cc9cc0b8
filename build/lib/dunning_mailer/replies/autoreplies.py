"""Automatic replies (RFC 3834, Exchange, Hebrew out-of-office) and the return date they name."""
from __future__ import annotations

import datetime as dt
import email
import email.message
import email.policy
import re

from .dates import _DATE_RX, _date_in
from .message import _header, _strip_bidi


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
