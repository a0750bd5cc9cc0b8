"""Rendering: RTL, isolation of numbers, escaping of spreadsheet text, safe headers."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT
from dunning_mailer import render
from dunning_mailer.config import DEFAULT_STAGES, Business
from dunning_mailer.model import Customer, Invoice
from dunning_mailer.planner import PlannedEmail
from dunning_mailer.policy import InvoiceState
from dunning_mailer.testing import sample_email

TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))
BUSINESS = Business(name="סטודיו גפן", email="billing@gefen.example", signature_name="מיכל",
                    phone="03-5551234", payment_link="https://pay.example/x")


@pytest.fixture(scope="module")
def env():
    return render.environment(ROOT / "templates" / "he")


def test_money_and_dates():
    assert render.format_money(Decimal("1234.5")) == "1,234.50\u00a0₪"
    assert render.format_money(Decimal("-500"), "USD") == "-500.00\u00a0$"
    assert render.format_date(dt.date(2027, 1, 5)) == "05/01/2027"


def test_isolation_in_html_and_text():
    e = render.environment(ROOT / "templates" / "he")
    out = e.from_string("{% autoescape true %}{{ '2024-0042-A'|ltr }}{% endautoescape %}").render()
    assert out == '<span dir="ltr" style="white-space:nowrap">2024-0042-A</span>'
    text = e.from_string("{{ '2024-0042-A'|ltr }} {{ -500|money('ILS') }}").render()
    assert text == "\u20662024-0042-A\u2069 \u2066-500.00\u00a0₪\u2069"


@pytest.mark.parametrize("stage", DEFAULT_STAGES, ids=lambda s: s.name)
@pytest.mark.parametrize("invoices,currencies", [(1, ("ILS",)), (3, ("ILS",)), (3, ("ILS", "USD"))])
def test_every_stage_renders(env, stage, invoices, currencies):
    email_ = sample_email(stage, TODAY, invoices=invoices, currencies=currencies)
    out = render.render(env, stage.template, render.context(email_, business=BUSINESS, today=TODAY))
    assert out.subject and "\n" not in out.subject
    assert '<html lang="he" dir="rtl">' in out.html.replace("\n", " ") or 'dir="rtl"' in out.html.split(">")[0]
    for inv in email_.invoices:
        assert inv.number in out.text and inv.number in out.html
        balance = f"{inv.balance:,.2f}"
        assert balance in out.text and balance in out.html


def hostile_email() -> PlannedEmail:
    name = 'רעות <script>alert(1)</script>\r\nBcc: victim@evil.example'
    c = Customer("X1", name, ("r@x.example",))
    inv = Invoice("<b>99</b>", "X1", name, c.emails, None, TODAY, Decimal(10), Decimal(10))
    return PlannedEmail(c, c.emails, DEFAULT_STAGES[1], ((InvoiceState(inv), DEFAULT_STAGES[1]),))


def test_spreadsheet_text_is_escaped_in_html_and_cannot_add_headers(env):
    e = hostile_email()
    out = render.render(env, "reminder", render.context(e, business=BUSINESS, today=TODAY))
    assert "<script>" not in out.html and "&lt;script&gt;" in out.html
    assert "<b>99</b>" not in out.html
    raw = render.build_message(out, business=BUSINESS, recipients=e.recipients, customer_name=e.customer.name,
                               message_id="<m1@gefen.example>", now=NOW)
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Bcc"] is None
    assert [a.addr_spec for a in msg["To"].addresses] == ["r@x.example"]
    header_block = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in header_block


def test_message_headers(env):
    e = sample_email(DEFAULT_STAGES[2], TODAY)
    out = render.render(env, "checkin", render.context(e, business=BUSINESS, today=TODAY))
    raw = render.build_message(out, business=BUSINESS, recipients=e.recipients, customer_name=e.customer.name,
                               message_id="<m2@gefen.example>", now=NOW, thread=("<m1@gefen.example>",))
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["In-Reply-To"] == "<m1@gefen.example>" and msg["References"] == "<m1@gefen.example>"
    assert msg["Subject"] == out.subject
    assert msg["Date"].datetime == NOW


def test_broken_template_names_file_and_line(tmp_path: Path):
    (tmp_path / "reminder.subject.txt").write_text("שלום", encoding="utf-8")
    (tmp_path / "reminder.txt").write_text("שורה\n{{ no_such_thing }}\n", encoding="utf-8")
    (tmp_path / "reminder.html").write_text("<p>{% if %}</p>", encoding="utf-8")
    env = render.environment(tmp_path)
    e = sample_email(DEFAULT_STAGES[1], TODAY)
    with pytest.raises(render.TemplateError) as info:
        render.render(env, "reminder", render.context(e, business=BUSINESS, today=TODAY))
    assert "reminder.txt" in str(info.value) and "no_such_thing" in str(info.value)
