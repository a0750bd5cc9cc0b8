"""Reading a raw message: header fields decoded exactly, addresses, MIME parts and their text."""
from __future__ import annotations

import email
import email.message
import email.policy
import re
from email.header import decode_header, make_header
from email.utils import parseaddr
from typing import Iterable


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
