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


# -- the wording files, the shared layout and the older folders ------------------------------

from conftest import shipped_stages  # noqa: E402
from dunning_mailer import lint  # noqa: E402
from dunning_mailer.model import Layout  # noqa: E402

FULL = lint.sample_businesses("he")[0]


def rendered(stage_name: str = "reminder", *, layout: Layout | None = None, business=FULL, folder=None,
             language: str = "he"):
    stage = next(s for s in shipped_stages(language) if s.name == stage_name)
    env = render.environment(folder or ROOT / "templates" / language, language, layout)
    return render.render(env, stage.template, render.context(lint.sample_mixed_email(stage), business=business,
                                                            today=lint.SAMPLE_TODAY))


def test_the_card_is_centred_and_carries_a_summary_of_what_is_owed_and_by_when():
    out = rendered()
    card = out.html[out.html.index('class="card"') - 30:out.html.index('class="card"') + 400]
    assert 'align="center"' in card and "max-width:600px" in card and "margin:0 auto" in card
    summary = out.html[out.html.index('class="summary"'):out.html.index('class="invoices"')]
    assert "יתרה לתשלום" in summary and "5,400.50\u00a0₪" in summary and "950.00\u00a0$" in summary
    assert "מועד התשלום הראשון" in summary and "14/11/2026" in summary
    assert 'href="https://pay.example/gefen"' in summary and "מעבר לתשלום באתר" in summary
    assert out.html.index('class="summary"') < out.html.index("שלום נגרות הגליל")  # at the top


def test_the_layout_switches_from_config():
    plain = rendered(layout=Layout(summary=False, transfer_reference=False, width=520))
    assert 'class="summary"' not in plain.html and "max-width:520px" in plain.html
    assert "בתיאור ההעברה" not in plain.html and "בתיאור ההעברה" not in plain.text
    assert 'href="https://pay.example/gefen"' in plain.html  # the pay button moves to "how to pay"
    assert "בתיאור ההעברה את מספרי החשבוניות" in rendered().text
    no_link = rendered(business=lint.sample_businesses("he")[1])
    assert "מעבר לתשלום באתר" not in no_link.html and "איך משלמים" not in no_link.html


def test_every_hebrew_table_and_cell_is_right_to_left_and_the_english_left_to_right():
    import re

    for language, want in (("he", 'dir="rtl"'), ("en", 'dir="ltr"')):
        html = rendered(language=language).html
        for tag in re.findall(r"<(?:table|td|th)\b[^>]*>", html):
            assert want in tag and "align=" in tag, tag
        assert f'<html lang="{language}" {want}>' in html


def edited_copy(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, int]:
    """The shipped Hebrew set with one edit; the folder, and the line the edit starts on."""
    import shutil

    folder = tmp_path / "he"
    shutil.copytree(ROOT / "templates" / "he", folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, text[:text.index(old)].count("\n") + 1


def test_a_placeholder_with_no_value_stops_the_stage_naming_file_and_line(tmp_path):
    folder, line = edited_copy(tmp_path, "reminder.md", "# הודעה\n", "# הודעה\nהשיחה תהיה עם {שם החותם}.\n\n")
    line += 1
    with pytest.raises(render.TemplateError) as info:
        rendered(folder=folder, business=lint.sample_businesses("he")[1])
    assert f"reminder.md:{line}:" in str(info.value) and "אם חותם אדם" in str(info.value)
    assert "מיכל לוי" in rendered(folder=folder).text  # with a signer it has a value


@pytest.mark.parametrize("language", ["he", "en"])
def test_a_folder_from_before_still_renders_every_stage(language):
    folder = ROOT / "tests" / "templates_v1" / language
    for stage in shipped_stages(language):
        out = rendered(stage.name, folder=folder, language=language)
        assert out.subject and "950.00\u00a0$" in out.text and "950.00\u00a0$" in out.html
        if stage.name != "statement":  # a statement shows balances only
            assert "2024-0042-A" in out.text and "2024-0042-A" in out.html
        assert f'<html lang="{language}"' in out.html


def test_a_stage_file_with_a_problem_is_refused_with_file_and_line(tmp_path):
    folder, line = edited_copy(tmp_path, "checkin.md", "לפני הכול, [[חשוב לי / חשוב לנו]]", "לפני הכול, [[חשוב לי")
    with pytest.raises(render.TemplateError) as info:
        rendered("checkin", folder=folder)
    assert str(info.value).startswith(f"checkin.md:{line}:") and "not closed" in str(info.value)
    assert rendered("reminder", folder=folder).subject  # the other stages still render


def test_the_readme_names_every_placeholder_condition_and_layout_word():
    from dunning_mailer.render.layout import LAYOUT_WORDS
    from dunning_mailer.render.vocabulary import FACTS, PLACEHOLDERS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for p in PLACEHOLDERS:
        assert f"`{{{p.he}}}` | `{{{p.en}}}`" in readme, p
    for f in FACTS:
        assert f"`{f.he}` | `{f.en}`" in readme, f
    for _, he, _ in LAYOUT_WORDS:
        assert f"`[[{he}]]`" in readme, he
