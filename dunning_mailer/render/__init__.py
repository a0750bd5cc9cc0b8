"""A planned email + the templates -> subject, text and RTL HTML -> the exact bytes to send.

Templates live in a folder the user edits (`templates/he/`): for each stage
`<stage>.subject.txt`, `<stage>.txt` and `<stage>.html`, on the shared
`_base.txt` / `_base.html` layouts.
"""
from __future__ import annotations

import base64
import datetime as dt
import re
import secrets
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from email.header import Header
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .model import Offer
from .planner import PlannedEmail

NBSP = "\u00a0"
LRI, PDI = "\u2066", "\u2069"
CURRENCY_SIGNS = {"ILS": "₪", "USD": "$", "EUR": "€", "GBP": "£"}
HEBREW_MONTHS = ("ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט",
                 "ספטמבר", "אוקטובר", "נובמבר", "דצמבר")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
                  "August", "September", "October", "November", "December")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")



class TemplateError(Exception):
    """A template that cannot be loaded or rendered; names the file and line."""

    def __init__(self, template: str, message: str, line: int | None = None):
        where = f"{template}:{line}" if line else template
        super().__init__(f"{where}: {message}")
        self.template = template
        self.line = line


def _isolate(eval_ctx, text: str) -> Any:
    # Numbers, ids and dates inside Hebrew keep their order only when isolated:
    # `-500` would show as `500-` and `2024-0042-A` as `A-2024-0042`.
    if eval_ctx.autoescape:
        return Markup('<span dir="ltr">%s</span>') % text
    return f"{LRI}{text}{PDI}"


def format_money(value: Decimal | int | float | str, currency: str = "ILS") -> str:
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = CURRENCY_SIGNS.get(currency.upper(), currency.upper())
    return f"{amount:,.2f}{NBSP}{sign}"


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


@jinja2.pass_eval_context
def _ltr(eval_ctx, value: Any) -> Any:
    return _isolate(eval_ctx, str(value))


@jinja2.pass_eval_context
def _money(eval_ctx, value: Any, currency: str = "ILS") -> Any:
    return _isolate(eval_ctx, format_money(value, currency))


@jinja2.pass_eval_context
def _date(eval_ctx, value: dt.date | None) -> Any:
    return _isolate(eval_ctx, format_date(value)) if value else "—"


def _longdate_for(language: str):
    def longdate(value: dt.date | None) -> str:
        if not value:
            return "—"
        if language == "he":
            return f"{value.day} ב{HEBREW_MONTHS[value.month - 1]} {value.year}"
        return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"
    return longdate


def environment(folder: Path, language: str | None = None) -> jinja2.Environment:
    """Templates from `folder`; the language (for month names) defaults to the folder's name."""
    language = language or ("en" if Path(folder).name == "en" else "he")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # one environment serves one cycle; no stat() of every template per email
    )
    env.filters.update(ltr=_ltr, money=_money, date=_date, longdate=_longdate_for(language))
    return env


@dataclass(frozen=True)
class InvoiceLine:
    number: str
    issue_date: dt.date | None
    due_date: dt.date
    amount: Decimal
    balance: Decimal
    currency: str
    days_overdue: int
    stage: str
    kind: str = "invoice"   # "balance": a line of a customer-balance export, not an invoice


@dataclass(frozen=True)
class Total:
    currency: str
    balance: Decimal


@dataclass(frozen=True)
class Instalment:
    number: int
    of: int
    date: dt.date
    amount: Decimal


def context(email: PlannedEmail, *, business: Any, today: dt.date, offer: Offer | None = None) -> dict:
    """The documented template context (see README, "Templates")."""
    lines = [
        InvoiceLine(s.invoice.number, s.invoice.issue_date, s.invoice.due_date, s.invoice.amount,
                    s.invoice.balance, s.invoice.currency, (today - s.invoice.due_date).days, stage.name,
                    s.invoice.kind)
        for s, stage in email.items
    ]
    instalment = None
    if email.instalment:
        instalment = Instalment(*email.instalment)
    return {
        "business": business,
        "customer": email.customer,
        "stage": email.stage,
        "invoices": lines,
        "totals": [Total(cur, bal) for cur, bal in email.totals().items()],
        "today": today,
        "earliest_due": min((line.due_date for line in lines), default=today),
        "offer": offer if offer is not None else email.offer,
        "promise": email.promise,          # promise_followup: .due, .amount, .made_at
        "instalment": instalment,          # plan_instalment: .number, .date, .amount
    }


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def render(env: jinja2.Environment, template: str, ctx: dict) -> RenderedEmail:
    parts = []
    for suffix in (".subject.txt", ".txt", ".html"):
        name = template + suffix
        try:
            parts.append(env.get_template(name).render(ctx))
        except jinja2.TemplateSyntaxError as e:
            raise TemplateError(e.filename or name, e.message or str(e), e.lineno) from None
        except jinja2.TemplateNotFound as e:
            raise TemplateError(name, f"template not found ({e.name})") from None
        except jinja2.UndefinedError as e:
            raise TemplateError(name, f"{e.message} (not in the template context)") from None
    subject = " ".join(parts[0].split())
    if not subject:
        raise TemplateError(template + ".subject.txt", "the subject is empty")
    return RenderedEmail(subject, parts[1].strip() + "\n", parts[2])


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
