"""Tests for dunning_mailer.replies: fixture mails, quote cutting, intents, dates."""
from __future__ import annotations

import datetime as dt
import json
import pathlib
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dunning_mailer.replies import BounceInfo, Verdict, classify
from dunning_mailer import replies as R

MAIL = pathlib.Path(__file__).parent / "mail"
TZ = ZoneInfo("Asia/Jerusalem")
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=TZ)  # a Tuesday
FIXTURES = sorted(p.stem for p in MAIL.glob("*.eml"))


def test_fixture_set_is_complete():
    assert len(FIXTURES) >= 25
    for name in FIXTURES:
        assert (MAIL / f"{name}.json").exists(), name


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture(name):
    spec = json.loads((MAIL / f"{name}.json").read_text(encoding="utf-8"))
    now = dt.datetime.fromisoformat(spec["now"]).astimezone(TZ)
    v = classify((MAIL / f"{name}.eml").read_bytes(), now=now,
                 known_numbers=spec["known_numbers"])
    got = v.to_json()
    assert got["why"], "every verdict explains itself"
    assert 0.0 <= got["confidence"] <= 1.0
    assert {k: got[k] for k in spec["expected"]} == spec["expected"]


def test_contract_shape():
    v = classify((MAIL / "bounce_postfix_dsn.eml").read_bytes(), now=NOW)
    j = v.to_json()
    for key in ("kind", "intents", "promise_date", "bounce", "return_date",
                "customer_id", "invoices", "why"):
        assert key in j
    assert j["customer_id"] is None
    assert set(j["bounce"]) >= {"hard", "status", "recipients", "original_message_id"}
    assert isinstance(v.bounce, BounceInfo)
    json.dumps(j)


# --------------------------------------------------------------------------
# Hand-written messages
# --------------------------------------------------------------------------
def mail(body: str, *, subject: str = "Re: תזכורת", headers: str = "",
         ctype: str = "text/plain; charset=utf-8", frm: str = "dana@customer.co.il") -> bytes:
    return (f"From: Dana <{frm}>\nTo: billing@biz.test\nSubject: {subject}\n"
            f"Message-ID: <abc@customer.co.il>\n{headers}MIME-Version: 1.0\n"
            f"Content-Type: {ctype}\nContent-Transfer-Encoding: 8bit\n\n{body}\n").encode("utf-8")


def human(body: str, **kw) -> Verdict:
    known = kw.pop("known_numbers", ())
    v = classify(mail(body, **kw), now=NOW, known_numbers=known)
    assert v.kind == "human", v.why
    return v


@pytest.mark.parametrize("body,claim", [
    ("שילמתי אתמול", True),
    ("לא שילמתי עדיין", False),
    ("עוד לא שילמנו, מצטערים", False),
    ("טרם שולם", False),
    ("החשבונית שולמה בשבוע שעבר", True),
    ("הכסף הועבר לחשבונכם", True),
    ("ביצעתי העברה הבוקר", True),
    ("ביצענו תשלום בכרטיס", True),
    ("העברתי את החשבונית להנהלת חשבונות", False),
    ("העברתי לרואה החשבון שלנו", False),
    ("I paid it yesterday", True),
    ("We transferred the money on Monday", True),
    ("I sent the payment this morning", True),
    ("I haven't paid yet", False),
    ("The invoice is still unpaid", False),
    ("It will be paid next week", False),
    ("I forwarded this to accounting", False),
])
def test_payment_claim_and_negation(body, claim):
    v = human(body)
    assert ("payment_claim" in v.intents) is claim, (body, v.why)


@pytest.mark.parametrize("body,date", [
    ("אעביר ביום ראשון", dt.date(2026, 12, 6)),
    ("אשלם ביום שלישי", dt.date(2026, 12, 8)),  # today is Tuesday: the next one
    ("אשלם מחר", dt.date(2026, 12, 2)),
    ("נשלם מחרתיים", dt.date(2026, 12, 3)),
    ("אסדיר עד סוף החודש", dt.date(2026, 12, 31)),
    ("אשלם בשבוע הבא", dt.date(2026, 12, 10)),   # the Thursday of next week
    ("אעביר ב-15/12", dt.date(2026, 12, 15)),
    ("אעביר ב-3/1", dt.date(2027, 1, 3)),
    ("נעביר ב 20.12.2026", dt.date(2026, 12, 20)),
    ("אשלם עד ה-10 לחודש", dt.date(2026, 12, 10)),
    ("אשלם ב-15 בינואר", dt.date(2027, 1, 15)),
    ("התשלום יבוצע בחודש הבא", None),            # "next month" names no day
    ("אשלם בתחילת החודש הבא", dt.date(2027, 1, 10)),
    ("אעביר בעוד שבוע", dt.date(2026, 12, 8)),
    ("אשלם תוך 10 ימים", dt.date(2026, 12, 11)),
    ("אשלם עד ה-15", dt.date(2026, 12, 15)),
    ("נשלם אחרי החגים", None),
    ("Will pay by end of the month", dt.date(2026, 12, 31)),
    ("We will pay within 10 days", dt.date(2026, 12, 11)),
    ("I will pay next week", dt.date(2026, 12, 10)),
    ("We'll pay by Friday", dt.date(2026, 12, 4)),
    ("I will transfer on 12/15", dt.date(2026, 12, 15)),
    ("I will pay on December 20th", dt.date(2026, 12, 20)),
    ("We will settle it tomorrow", dt.date(2026, 12, 2)),
    ("אשלם בקרוב", None),
])
def test_promise_dates(body, date):
    v = human(body)
    assert "promise" in v.intents, v.why
    assert v.promise_date == date


def test_promise_negated():
    v = human("לא אשלם על שירות שלא קיבלתי")
    assert "promise" not in v.intents


def test_no_promise_date_without_promise():
    v = human("נדבר מחר")
    assert v.promise_date is None and "promise" not in v.intents


@pytest.mark.parametrize("body,intent", [
    ("לא הזמנו את זה", "dispute"),
    ("הסכום לא נכון", "dispute"),
    ("יש טעות בחשבונית", "dispute"),
    ("לא קיבלנו את השירות", "dispute"),
    ("Wrong amount on this invoice", "dispute"),
    ("We never received the goods", "dispute"),
    ("אפשר לשלם בתשלומים", "plan_request"),
    ("נשמח לפריסה של החוב", "plan_request"),
    ("Could we agree on a payment plan", "plan_request"),
    ("Can I pay in installments", "plan_request"),
    ("מה המצב", None),
    ("אפשר לדבר", "question"),
    ("תתקשרו אליי", "question"),
    ("please call me", "question"),
    ("למה החיוב כפול?", "dispute"),               # a double charge is a dispute
    ("נשלם כשתסיימו את העבודה", "dispute"),       # waits for the business: never a promise
    ("ברגע שתשלחו חשבונית מס נעביר", "question"),
    ("אם תורידו 200 אני מעביר היום", "plan_request"),
    ("Once you fix the leak I'll pay the same day", "dispute"),
])
def test_other_intents(body, intent):
    v = human(body)
    if intent is None:
        assert v.intents == ()
    else:
        assert intent in v.intents, v.why


def test_receipt_attachment_is_payment_claim():
    raw = ("From: a@b.co.il\nTo: billing@biz.test\nSubject: =?UTF-8?B?15DXodee15vXqteQ?=\n"
           "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\n"
           "Content-Type: text/plain; charset=utf-8\n\n\n--XX\n"
           "Content-Type: image/jpeg\nContent-Disposition: attachment; "
           "filename*=UTF-8''%D7%90%D7%A1%D7%9E%D7%9B%D7%AA%D7%90.jpg\n"
           "Content-Transfer-Encoding: base64\n\n/9j/4AAQ\n--XX--\n").encode()
    v = classify(raw, now=NOW)
    assert v.kind == "human" and "payment_claim" in v.intents, v.why


# --------------------------------------------------------------------------
# Quote and signature cutting
# --------------------------------------------------------------------------
@pytest.mark.parametrize("quoted", [
    "\u202bבתאריך יום ג׳, 24 בנוב׳ 2026 ב-9:00 מאת \u202aביז\u202c\u200f <\u202abilling@biz.test\u202c\u200f>:\u202c\n> שילמתם?",
    "בתאריך יום ג׳, 24 בנוב׳ 2026 ב-9:00 מאת ביז <billing@biz.test>:\n\nשילמתם?",
    "בתאריך 24 בנוב׳ 2026, 9:00, ביז כתב:\nשילמתם?",
    "ב-24 בנוב׳ 2026, בשעה 9:00, ‏ביז <billing@biz.test>‏ כתב/ה:\n> שילמתם?",
    "On Tue, Nov 24, 2026 at 9:00 AM Biz Billing <\nbilling@biz.test> wrote:\n> Have you paid?",
    "On Tue, Nov 24, 2026 at 9:00 AM Biz Billing <billing@biz.test>\nwrote:\n> Have you paid?",
    "מאת: ביז חשבונות <billing@biz.test>\nנשלח: יום שלישי 24 נובמבר 2026 09:00\nאל: דנה\nנושא: תזכורת\n\nשילמתם?",
    "From: Biz <billing@biz.test>\nSent: Tuesday, November 24, 2026 9:00 AM\nTo: Dana\nSubject: x\n\nHave you paid?",
    "-----Original Message-----\nFrom: Biz\nHave you paid?",
    "-------- הודעה מקורית --------\nשילמתם?",
    "________________________________\nשילמתם?",
    "> שילמתם?\n> תודה",
    "-- \nדנה לוי, מנהלת\n054-0000000",
    "Sent from my iPhone\n\nOn 24 Nov 2026, at 9:00, Biz wrote:\n> Have you paid?",
    "נשלח מה-iPhone שלי",
])
def test_quote_cut(quoted):
    v = human("נדבר בשבוע הבא\n\n" + quoted)
    assert v.text == "נדבר בשבוע הבא", v.text
    assert "payment_claim" not in v.intents and "question" not in v.intents


def test_a_reply_line_that_starts_like_an_attribution_is_kept():
    body = ("בתאריך 05.03.25 בוצע תשלום בכרטיס אשראי, 4 ספרות אחרונות 4410\n\n"
            "\u202bבתאריך יום ג׳, 20 בינו׳ 2026 ב-08:30 מאת \u202aרונית\u202c <\u202abilling@biz.test\u202c>:\u202c\n\n"
            "> חשבונית 30550 עדיין פתוחה אצלנו. אם כבר שילמתם – תודה\n")
    v = human(body)
    assert v.text == "בתאריך 05.03.25 בוצע תשלום בכרטיס אשראי, 4 ספרות אחרונות 4410", v.text


def test_html_structure_cut():
    html = ('<div dir="rtl">מקבלים, תודה</div><div class="gmail_quote"><div class="gmail_attr">'
            'whatever:</div><blockquote class="gmail_quote">שילמתם? INV-9</blockquote></div>')
    v = human(html, ctype="text/html; charset=utf-8", known_numbers=["INV-9"])
    assert v.text == "מקבלים, תודה" and v.invoices == ()
    html = ('<p>ok</p><div class="moz-cite-prefix">On 24/11 Biz wrote:</div>'
            '<blockquote type="cite">paid?</blockquote>')
    assert human(html, ctype="text/html").text == "ok"
    html = ('<div>ok</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg">'
            '<b>From:</b> x</div><div>paid?</div>')
    assert human(html, ctype="text/html").text == "ok"


# --------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------
def test_subject_decoded_exactly_even_when_folded():
    # A Hebrew subject split across encoded words and folded lines (CPython 128110).
    subj = "=?UTF-8?B?16rXlteb15XXqNeqINeZ15PXmdeT15XXqteZ16o6INeX16nXkdeV?=\n =?UTF-8?B?16DXmdeqIElOVi0xMDQy?="
    v = classify(mail("ok", subject=subj), now=NOW, known_numbers=["INV-1042"])
    assert v.subject == "תזכורת ידידותית: חשבונית INV-1042"
    assert v.invoices == ("INV-1042",)


def test_raw_utf8_subject():
    v = classify(mail("ok", subject="תשלום"), now=NOW)
    assert v.subject == "תשלום"


def test_threading_and_sender():
    raw = mail("ok", headers="In-Reply-To: <a@biz.test>\nReferences: <z@biz.test>\n <a@biz.test>\n"
               "Reply-To: other@x.com\n", frm="Dana.Levi@Customer.CO.IL")
    v = classify(raw, now=NOW)
    assert v.in_reply_to == ("<a@biz.test>", "<z@biz.test>")
    assert v.sender == "dana.levi@customer.co.il"
    assert v.message_id == "<abc@customer.co.il>"


def test_invoice_numbers_whole_tokens():
    v = human("שילמתי את 1043 ואת ל-2024-0042-A אבל לא את 10430",
              known_numbers=["1043", "2024-0042-A", "2024-0042", "104"])
    assert v.invoices == ("1043", "2024-0042-A")


# --------------------------------------------------------------------------
# Automatic mail
# --------------------------------------------------------------------------
@pytest.mark.parametrize("headers,subject", [
    ("Auto-Submitted: auto-replied\n", "Re: x"),
    ("X-Autoreply: yes\n", "Re: x"),
    ("X-Autorespond: x\n", "Re: x"),
    ("Precedence: auto_reply\n", "Re: x"),
    ("Precedence: bulk\n", "Re: x"),
    ("X-Auto-Response-Suppress: All\nX-MS-Exchange-Inbox-Rules-Loop: a@b.c\n", "Re: x"),
    ("", "Automatic reply: x"),
    ("", "Auto: x"),
    ("", "Out of Office: x"),
    ("", "מענה אוטומטי: תזכורת"),
    ("", "תשובה אוטומטית: תזכורת"),
    ("", "מחוץ למשרד"),
])
def test_auto_reply_signs(headers, subject):
    v = classify(mail("אני בחופשה", headers=headers, subject=subject), now=NOW)
    assert v.kind == "auto_reply", v.why


def test_suppress_alone_is_human():
    v = classify(mail("שילמתי", headers="X-Auto-Response-Suppress: All\n"), now=NOW)
    assert v.kind == "human" and v.intents == ("payment_claim",)


def test_auto_submitted_no_is_human():
    v = classify(mail("שילמתי", headers="Auto-Submitted: no\n"), now=NOW)
    assert v.kind == "human"


@pytest.mark.parametrize("body,date", [
    ("I'm back on 3/12", dt.date(2026, 12, 3)),
    ("I will return on December 10", dt.date(2026, 12, 10)),
    ("Away until 7.12.2026", dt.date(2026, 12, 7)),
    ("אחזור ב-8/12", dt.date(2026, 12, 8)),
    ("אני בחופשה עד יום חמישי", dt.date(2026, 12, 3)),
    ("אני בחופשה", None),
])
def test_return_date(body, date):
    v = classify(mail(body, subject="Out of Office"), now=NOW)
    assert v.kind == "auto_reply" and v.return_date == date


def test_bounce_beats_auto_submitted():
    body = ("This message was created automatically by mail delivery software.\n\n"
            "A message that you sent could not be delivered to one or more of its\n"
            "recipients. This is a permanent error. The following address(es) failed:\n\n"
            "  gone@customer.co.il\n    550 5.1.1 User unknown\n")
    v = classify(mail(body, subject="Mail delivery failed", frm="mailer-daemon@mx.c.co.il",
                      headers="Auto-Submitted: auto-replied\n"), now=NOW)
    assert v.kind == "bounce"
    assert v.bounce == BounceInfo(hard=True, delayed=False, status="5.1.1",
                                  recipients=("gone@customer.co.il",), original_message_id=None)


def test_x_failed_recipients_alone():
    v = classify(mail("?", headers="X-Failed-Recipients: x@y.co.il\n", subject="hi"), now=NOW)
    assert v.kind == "bounce" and v.bounce.recipients == ("x@y.co.il",)


def test_soft_failure_is_not_hard():
    body = ("Hi. This is the qmail-send program at mx.\n"
            "<x@y.co.il>:\n452 4.2.2 mailbox full, try later\n")
    v = classify(mail(body, subject="failure notice", frm="MAILER-DAEMON@mx.y.co.il"), now=NOW)
    assert v.kind == "bounce" and not v.bounce.hard and v.bounce.status == "4.2.2"


def test_person_mentioning_delivery_is_not_bounce():
    v = classify(mail("The package could not be delivered, we will pay when it arrives"),
                 now=NOW)
    assert v.kind == "human"


# --------------------------------------------------------------------------
# Robustness
# --------------------------------------------------------------------------
@pytest.mark.parametrize("raw", [
    b"", b"\n\n\n", b"garbage", b"\xff\xfe\x00", b"Subject: x\n\n",
    b"Content-Type: multipart/mixed; boundary=\n\n--\n--",
    b"Content-Type: multipart/report; report-type=delivery-status\n\nno boundary",
    b"Content-Type: text/plain; charset=no-such-charset\n\n\xe0\xe1",
    b"Subject: =?utf-8?b?broken\n\n",
    b"From: <>\nContent-Type: message/rfc822\n\nFrom: x\n",
    # 8-bit bytes in headers come back from the parser as Header objects
    b"Auto-Submitted: \xff\xfe\nPrecedence: \xe0\nContent-Disposition: attachment\xff\n\nx",
])
def test_malformed_never_raises(raw):
    v = classify(raw, now=NOW)
    assert v.kind in R.KINDS and v.why


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(raw):
    v = classify(raw, now=NOW)
    assert v.kind in R.KINDS
    assert v.why
    json.dumps(v.to_json())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=800), st.sampled_from([
    "text/plain; charset=utf-8", "text/html; charset=utf-8",
    "multipart/report; report-type=delivery-status; boundary=b"]),
    st.sampled_from(["", "Auto-Submitted: auto-replied\n", "X-Failed-Recipients: a@b.c\n"]))
def test_random_text_bodies_never_raise(body, ctype, headers):
    raw = mail(body, ctype=ctype, headers=headers)
    v = classify(raw, now=NOW, known_numbers=["1", "INV-1"])
    assert v.kind in R.KINDS
    json.dumps(v.to_json())
