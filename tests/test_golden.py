"""Golden emails: every stage, Hebrew and English, rendered from fixed data and compared part by part.

A changed template shows up here as a readable diff of the decoded subject,
text and HTML. After reviewing it, regenerate with:

    UPDATE_GOLDEN=1 .venv/bin/pytest -q tests/test_golden.py
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import email
import email.policy
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, shipped_stages as stages
from dunning_mailer import render
from dunning_mailer.config import DEFAULT_STAGES, Business
from dunning_mailer.model import Customer, Invoice, Stage
from dunning_mailer.policy import InvoiceState
from dunning_mailer.testing import sample_email

GOLDEN = ROOT / "tests" / "golden"
TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
UPDATE = os.environ.get("UPDATE_GOLDEN", "") not in ("", "0")

BUSINESS = {
    "he": Business(name="סטודיו גפן", email="billing@gefen.example", reply_to="michal@gefen.example",
                   phone="03-5551234", website="https://gefen.example", signature_name="מיכל לוי",
                   signature_role="מנהלת לקוחות", payment_methods=("העברה בנקאית", "כרטיס אשראי", "ביט"),
                   payment_link="https://pay.example/gefen", bank_details="בנק לאומי (10), סניף 800\nחשבון 123456/78"),
    "en": Business(name="Gefen Studio", email="billing@gefen.example", reply_to="michal@gefen.example",
                   phone="+972-3-555-1234", website="https://gefen.example", signature_name="Michal Levi",
                   signature_role="Account manager", payment_methods=("bank transfer", "credit card", "PayPal"),
                   payment_link="https://pay.example/gefen", bank_details="Bank Leumi (10), branch 800\nAccount 123456/78"),
}
CUSTOMER = {"he": Customer("C-2042", "נגרות הגליל בע״מ", ("office@galil-wood.example",)),
            "en": Customer("C-3042", "Harbour Books Ltd", ("accounts@harbour-books.example",))}


def fixed_email(stage: Stage, language: str):
    """Three invoices (one partly paid, one credit note), shekels and dollars, fixed dates."""
    customer = CUSTOMER[language]
    due = TODAY - dt.timedelta(days=stage.days)
    rows = (("2024-0042-A", due - dt.timedelta(days=14), "2360.00", "1180.00", "ILS"),
            ("2026-1043", due, "4720.50", "4720.50", "ILS"),
            ("CN-2026-007", due, "-500.00", "-500.00", "ILS"),
            ("INV-88/2026", due - dt.timedelta(days=7), "950.00", "950.00", "USD"))
    states = tuple(InvoiceState(Invoice(n, customer.id, customer.name, customer.emails, d - dt.timedelta(days=30),
                                        d, Decimal(a), Decimal(b), cur)) for n, d, a, b, cur in rows)
    # The skeleton (offer, promise, instalment for the stages that have them) comes from sample_email.
    skeleton = sample_email(stage, TODAY, invoices=3)
    return dataclasses.replace(skeleton, customer=customer, recipients=customer.emails,
                               items=tuple((s, stage) for s in states))


def build(stage: Stage, language: str, folder: Path | None = None) -> bytes:
    env = render.environment(folder or ROOT / "templates" / language, language)
    planned = fixed_email(stage, language)
    out = render.render(env, stage.template,
                        render.context(planned, business=BUSINESS[language], today=TODAY))
    raw = render.build_message(out, business=BUSINESS[language], recipients=planned.recipients,
                               customer_name=planned.customer.name,
                               message_id=f"<golden-{language}-{stage.name}@gefen.example>", now=NOW)
    boundary = re.search(rb'boundary="([^"]+)"', raw).group(1)
    return raw.replace(boundary, b"==golden-boundary==")  # the same bytes on every run


def decoded(raw: bytes) -> str:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    parts = {part.get_content_type(): part.get_content() for part in msg.iter_parts()}
    return (f"Subject: {msg['Subject']}\n\n----- text/plain -----\n{parts['text/plain']}"
            f"\n----- text/html -----\n{parts['text/html']}")


CASES = [(language, stage) for language in ("he", "en") for stage in stages(language)]


@pytest.mark.parametrize("language,stage", CASES, ids=[f"{lang}-{s.name}" for lang, s in CASES])
def test_golden_email(language, stage):
    path = GOLDEN / language / f"{stage.name}.eml"
    raw = build(stage, language)
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        if not UPDATE:
            pytest.fail(f"{path.relative_to(ROOT)} was missing and is now written: review it and commit it")
        return
    want, got = decoded(path.read_bytes()), decoded(raw)
    if want != got:
        diff = "\n".join(difflib.unified_diff(want.splitlines(), got.splitlines(), "golden", "now", lineterm=""))
        pytest.fail(f"{path.relative_to(ROOT)} differs (UPDATE_GOLDEN=1 to accept after review):\n{diff}")


def test_golden_files_are_real_messages():
    for language, stage in CASES:
        msg = email.message_from_bytes((GOLDEN / language / f"{stage.name}.eml").read_bytes(),
                                       policy=email.policy.default)
        assert msg.get_content_type() == "multipart/alternative"
        assert msg["Message-ID"] == f"<golden-{language}-{stage.name}@gefen.example>"
        assert [p.get_content_charset() for p in msg.iter_parts()] == ["utf-8", "utf-8"]
        html = msg.get_body(("html",)).get_content()
        assert (f'<html lang="{language}" dir="{"rtl" if language == "he" else "ltr"}">') in html


def test_no_stray_golden_files():
    expected = {f"{lang}/{s.name}.eml" for lang, s in CASES}
    present = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.eml")}
    assert present <= expected, f"golden files for stages that no longer exist: {sorted(present - expected)}"


def test_one_sentence_is_one_edit_in_one_file_and_shows_in_both_parts(tmp_path):
    """The business owner's edit: one line of reminder.md. The golden comparison shows it in the
    text part and in the HTML part, and nothing else changes."""
    import shutil

    folder = tmp_path / "he"
    shutil.copytree(ROOT / "templates" / "he", folder)
    old = "קורה שתשלום נשמט בין כל שאר הדברים, אז שלחנו שוב את כל הפרטים, כדי שיהיה קל לסגור את זה."
    new = "לפעמים תשלום פשוט מתפספס, אז הנה כל הפרטים שוב, במקום אחד."
    stage = next(s for s in stages("he") if s.name == "reminder")
    source = (folder / "reminder.md").read_text(encoding="utf-8")
    assert source.count(old) == 1
    (folder / "reminder.md").write_text(source.replace(old, new), encoding="utf-8")
    want = decoded((GOLDEN / "he" / "reminder.eml").read_bytes())
    got = decoded(build(stage, "he", folder))
    diff = [line for line in difflib.unified_diff(want.splitlines(), got.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    text_at = got.index("----- text/plain -----")
    html_at = got.index("----- text/html -----")
    assert len(diff) == 4, diff  # one line out and one in, in each part
    assert got.find(new, text_at) < html_at and got.find(new, html_at) > html_at
    assert old not in got
