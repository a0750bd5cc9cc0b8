"""A rendered email -> the exact bytes to send."""
from __future__ import annotations

import base64
import datetime as dt
import re
import secrets
from dataclasses import dataclass
from email.header import Header
from email.utils import format_datetime, formataddr
from typing import Any

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _display(name: str) -> str:
    # Spreadsheet text reaches headers: never let it carry a line break.
    return " ".join(_CONTROL.sub(" ", name).split())[:120]


def build_message(rendered: RenderedEmail, *, business: Any, recipients: tuple[str, ...],
                  customer_name: str, message_id: str, now: dt.datetime,
                  thread: tuple[str, ...] = (), cc: tuple[str, ...] = ()) -> bytes:
    """The exact bytes to send (CRLF line ends): multipart/alternative, UTF-8, text then HTML.

    Written out directly rather than through email.mime: building a Hebrew message with the
    email package costs several times the template render, and a cycle builds thousands."""
    name = _display(customer_name)
    headers = [
        ("From", formataddr((_display(business.name), business.email), charset="utf-8")),
        ("To", ", ".join(formataddr((name, addr), charset="utf-8") for addr in recipients)),
    ]
    if cc:
        headers.append(("Cc", ", ".join(cc)))
    if business.reply_to:
        headers.append(("Reply-To", business.reply_to))
    headers += [
        ("Subject", Header(_display(rendered.subject), "utf-8", header_name="Subject").encode(linesep="\r\n")),
        ("Date", format_datetime(now)),
        ("Message-ID", message_id),
    ]
    if thread:
        headers += [("In-Reply-To", thread[-1]), ("References", " ".join(thread[-10:]))]
    boundary = "=_" + secrets.token_hex(12)
    headers += [("MIME-Version", "1.0"),
                ("Content-Type", f'multipart/alternative; boundary="{boundary}"')]
    lines = [f"{k}: {v}" for k, v in headers]
    for subtype, body in (("plain", rendered.text), ("html", rendered.html)):
        lines += ["", f"--{boundary}", f'Content-Type: text/{subtype}; charset="utf-8"',
                  "MIME-Version: 1.0", "Content-Transfer-Encoding: base64", "", _base64_lines(body)]
    lines += ["", f"--{boundary}--", ""]
    return "\r\n".join(lines).encode("ascii")


def _base64_lines(text: str) -> str:
    # encodebytes: lines of 76 characters (RFC 2045), each ending in \n
    return base64.encodebytes(text.encode("utf-8")).decode("ascii").rstrip("\n").replace("\n", "\r\n")
