#!/usr/bin/env python3
"""Held-out set of customer replies to dunning-mailer reminders (evaluation only).

Every reply text below was written by hand, one situation at a time.  The
labels sit literally beside each text.  This script only wraps the texts in
RFC 5322 messages (headers, the quoted reminder each customer answered, MIME
structure and charsets) and computes promise dates from the rule codes of
/work/brief/reply_conventions.md with zoneinfo, anchored on the message's
local date.

Run:  python3 gen/build.py      (writes messages/NNN.eml and expected.jsonl)
"""
import datetime as dt
import hashlib
import html
import json
import random
import re
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from pathlib import Path
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Jerusalem")
ROOT = Path(__file__).resolve().parent.parent
INTENTS = ["dispute", "plan_request", "promise", "payment_claim", "question", "none"]
PRIORITY = INTENTS[:5]
WD = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

# ---------------------------------------------------------------- businesses
# key: (display name, address, language of its reminders, signer)
BIZ = {
    "plumb":  ("אינסטלציה אבי כהן", "avi@cohen-plumbing.co.il", "he", "אבי כהן"),
    "design": ("סטודיו נועה לעיצוב", "studio@noa-design.co.il", "he", "נועה ברק"),
    "gan":    ("גן השקד", "office@gan-hashaked.org.il", "he", "מיכל, מנהלת הגן"),
    "acct":   ("לוי ושות' רואי חשבון", "gvia@levi-cpa.co.il", "he", "רונית, הנהלת חשבונות"),
    "supply": ("ספקי הגליל – חומרי ניקיון", "billing@galil-supply.co.il", "he", "שירן, מחלקת לקוחות"),
    "elec":   ("מאור חשמל", "office@maor-elec.co.il", "he", "מאור דהן"),
    "ac":     ("קור מיזוג אוויר", "service@kor-ac.co.il", "he", "דנה, שירות לקוחות"),
    "print":  ("דפוס המרכז", "accounts@dfus-hamerkaz.co.il", "he", "יעל, חשבונות"),
    "cater":  ("הקייטרינג של מירי", "miri@miri-catering.co.il", "he", "מירי"),
    "garden": ("גינון ירוק", "office@yarok-gardens.co.il", "he", "עומר, משרד"),
    "tutor":  ("מרכז הלמידה צעד", "office@tzaad-learning.org.il", "he", "אורנה, מזכירות"),
    "physio": ("פיזיותרפיה רמת השרון", "clinic@physio-rs.co.il", "he", "ליאת, קבלה"),
    "movers": ("הובלות אלון", "alon@alon-movers.co.il", "he", "אלון"),
    "it":     ("ByteFix IT Services", "billing@bytefix.co.il", "en", "Gal Shani, Accounts"),
    "trans":  ("Tamar Translations", "tamar@tamar-translate.com", "en", "Tamar Weiss"),
    "coffee": ("Beans & Co. Roasters", "ar@beansco.co.il", "en", "Efrat, Accounts receivable"),
    "photo":  ("Yoav Mor Photography", "yoav@yoavmor.photo", "en", "Yoav Mor"),
    "dev":    ("Kodkod Software", "billing@kodkod.dev", "en", "Shira Levin, Finance"),
    "villa":  ("Galilee Stone Cottages", "stay@galilee-stone.co.il", "en", "Ronen"),
}

# ------------------------------------------------- reminder subjects / quotes
SUBJ_HE = {
    "reminder": "תזכורת קצרה: חשבונית {n}",
    "reminder_many": "תזכורת קצרה: החשבוניות הפתוחות שלכם",
    "before_due": "לקראת מועד התשלום: חשבונית {n}",
    "checkin": "הכול בסדר? לגבי חשבונית {n}",
    "solution": "בואו נמצא דרך נוחה: חשבונית {n}",
    "final": "חשבונית {n}: נתקשר לתאם את ההמשך",
    "followup": "לגבי התשלום שסיכמנו – חשבונית {n}",
    "plan": "תזכורת קצרה: תשלום {k} מתוך {of} בהסדר שסיכמנו",
    "thanks": "תודה רבה! התשלום על חשבונית {n} התקבל",
    "statement": "עדכון יתרה: היתרה הפתוחה בחשבונכם",
}
SUBJ_EN = {
    "reminder": "A quick reminder: invoice {n}",
    "reminder_many": "A quick reminder: your open invoices",
    "before_due": "Payment coming up: invoice {n}",
    "checkin": "Is everything all right? About invoice {n}",
    "solution": "Let's find a way that works: invoice {n}",
    "final": "Invoice {n}: we'll call to agree on next steps",
    "followup": "About the payment we agreed on – invoice {n}",
    "plan": "A small reminder: payment {k} of {of} in our plan",
    "thanks": "Thank you! We received the payment for invoice {n}",
    "statement": "Your account: the open balance",
}

QUOTE_HE = {
    "reminder": "מועד התשלום של חשבונית {n} חל ב־{due}, ולפי מה שרשום אצלנו היא עדיין פתוחה.\n\nקורה שתשלום נשמט בין כל שאר הדברים, אז שלחנו שוב את כל הפרטים, כדי שיהיה קל לסגור את זה.\n\nאם כבר העברתם את התשלום – תודה רבה, ואפשר להתעלם מההודעה הזאת.",
    "reminder_many": "מועדי התשלום של החשבוניות שמפורטות כאן למטה כבר עברו, הראשון שבהם ב־{due}, ולפי מה שרשום אצלנו הן עדיין פתוחות.\n\n{table}\n\nאם כבר העברתם את התשלום – תודה רבה, ואפשר להתעלם מההודעה הזאת.",
    "before_due": "מועד התשלום של חשבונית {n} יחול ב־{due}. רצינו שכל הפרטים יהיו אצלכם מראש, כדי שיהיה נוח לטפל בזה בזמן.\n\nהיתרה לתשלום היא {amt}, והפירוט ודרכי התשלום מופיעים כאן למטה.\n\nובהזדמנות הזאת, חשוב לנו לשאול: האם קיבלתם מאיתנו את מה שציפיתם לו?",
    "checkin": "חשבונית {n}, שמועד התשלום שלה חל ב־{due}, עדיין פתוחה אצלנו, ולכן אנחנו פונים אליכם באופן אישי.\n\nלפני הכול, חשוב לנו לדעת: האם מה שקיבלתם מאיתנו היה כמו שסיכמנו?\n\nואם יש משהו אחר שמעכב את התשלום, גם על זה אפשר לדבר בפתיחות.",
    "solution": "חשבונית {n} פתוחה אצלנו מאז {due}, ביתרה של {amt}.\n\nלפעמים התזמון פשוט לא מסתדר, וזה קורה לכולם.\n\nהנה מה שנוכל להציע:\n• לחלק את היתרה ל־3 תשלומים שווים\n• הנחה של 5% על היתרה, אם תסדירו אותה בתשלום אחד",
    "final": "חשבונית {n}, ביתרה של {amt}, פתוחה אצלנו מאז {due}, ועד עכשיו עוד לא מצאנו יחד דרך לסגור אותה.\n\nלכן בימים הקרובים נתקשר אליכם, והמטרה של השיחה פשוטה: לסכם יחד איך ממשיכים מכאן.",
    "followup": "כפי שסיכמנו, התשלום היה אמור להגיע עד {due}. לפי מה שרשום אצלנו הוא עוד לא הגיע. ייתכן שהוא כבר בדרך, וייתכן שמשהו השתנה מאז.\n\nהאם התאריך עדיין מתאים לכם?",
    "plan": "רק תזכורת קטנה לפי הסדר התשלומים שסיכמנו: התשלום ה־{k} מתוך {of}, בסך {amt}, חל ב־{due}.\n\nתודה שאתם עומדים בהסדר.",
    "thanks": "קיבלנו את התשלום על חשבונית {n}. תודה רבה!\n\nתודה על שיתוף הפעולה. נעים לעבוד איתכם, ונשמח לעמוד לרשותכם גם בפעם הבאה.",
    "statement": "לפי הרישומים שלנו, נכון ל־{due}, היתרה הפתוחה בחשבונכם אצלנו היא {amt}.\n\nאם כבר העברתם את התשלום – תודה רבה, ואפשר להתעלם מההודעה.",
}
QUOTE_EN = {
    "reminder": "Invoice {n} was due on {due}, and our records show it as still open.\n\nA payment can easily slip between everything else, so here are all the details again to make it easy.\n\nIf you have already paid, thank you, and please ignore this message.",
    "reminder_many": "The invoices listed below are past their due date (the earliest was due on {due}), and our records show them as still open.\n\n{table}\n\nIf you have already paid, thank you, and please ignore this message.",
    "before_due": "Invoice {n} is due on {due}. We wanted you to have all the details ahead of time, so it is easy to take care of on time.\n\nThe balance is {amt}; the details and the ways to pay are below.",
    "checkin": "Invoice {n}, which was due on {due}, is still open on our side, so we wanted to reach out to you personally.\n\nFirst of all, we would like to know: was what you received from us what we agreed on?",
    "solution": "Invoice {n} has been open since {due}, with a balance of {amt}.\n\nHere is what we can offer:\n• Splitting the balance into 3 equal payments\n• A 5% discount on the balance if you settle it in one payment",
    "final": "Invoice {n}, with a balance of {amt}, has been open since {due}, and so far we have not found a way together to settle it.\n\nSo we will call you in the next few days.",
    "followup": "As we agreed, the payment was planned for {due}. We have not seen it yet. It may already be on its way, or something may have changed since.\n\nDoes that date still work for you?",
    "plan": "A small reminder of the payment plan we agreed on: payment {k} of {of}, {amt}, is due on {due}.",
    "thanks": "We received the payment for invoice {n}. Thank you!\n\nIt is a pleasure working with you, and we will be glad to help again next time.",
    "statement": "According to our records, as of {due}, the open balance on your account with us is {amt}.",
}

TABLED = {"reminder", "reminder_many", "before_due", "checkin", "solution", "final", "followup"}

HE_DAYS = ["יום שני", "יום שלישי", "יום רביעי", "יום חמישי", "יום שישי", "שבת", "יום ראשון"]
HE_DAY_LETTER = ["ב׳", "ג׳", "ד׳", "ה׳", "ו׳", "ש׳", "א׳"]
HE_MONTHS = ["ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר",
             "אוקטובר", "נובמבר", "דצמבר"]
HE_MON_SHORT = ["ינו׳", "פבר׳", "מרץ", "אפר׳", "מאי", "יוני", "יולי", "אוג׳", "ספט׳", "אוק׳", "נוב׳", "דצמ׳"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def amt_he(a):
    return f"{a:,.2f}\u00a0₪" if isinstance(a, float) else f"{a:,}\u00a0₪"


def amt_en(a):
    return f"ILS {a:,.2f}" if isinstance(a, float) else f"ILS {a:,}"


# ------------------------------------------------------------------ the items
ITEMS = []


def R(lang, intents, date, body, *, rule=None, biz, frm, stage="reminder", inv=(), amt=1200,
      due=None, prefix="Re:", quote="gmail", fmt=None, cs="utf-8", cte=None, read=None,
      ago=None, on=None, subj=None, extra_headers=None, quoted=True, k=2, of=4, html_body=None, attach=None, fw=None):
    """One reply.  intents[0] need not be the main one; main is derived by priority."""
    ITEMS.append(dict(lang=lang, intents=list(intents), date=date, body=body, rule=rule, biz=biz,
                      frm=frm, stage=stage, inv=list(inv), amt=amt, due=due, prefix=prefix,
                      quote=quote, fmt=fmt, cs=cs, cte=cte, read=read, ago=ago, on=on, subj=subj,
                      extra_headers=extra_headers or {}, quoted=quoted, k=k, of=of,
                      html_body=html_body, attach=attach, fw=fw))


# ------------------------------------------------------------ promise dates
def promise_date(rule, d):
    """d: the message's local date.  Rule codes as in the conventions file."""
    if rule is None:
        return None
    if rule == "today":
        return d
    if rule == "tom":
        return d + dt.timedelta(days=1)
    if rule == "dat":
        return d + dt.timedelta(days=2)
    if rule == "tw":
        s = (d.weekday() + 1) % 7          # Sunday = 0
        out = d + dt.timedelta(days=4 - s)
        assert out >= d, ("'this week' written on a Friday/Saturday", d)
        return out
    if rule == "m1":
        y, m = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
        last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
        return dt.date(y, m, min(d.day, last))
    kind, _, arg = rule.partition(":")
    if kind == "d":
        return d + dt.timedelta(days=int(arg))
    if kind == "wd":
        target = WD.index(arg)
        assert target != d.weekday(), ("weekday named on that same weekday", rule, d)
        delta = (target - d.weekday()) % 7 or 7
        return d + dt.timedelta(days=delta)
    if kind == "dom":
        n = int(arg)
        y, m = d.year, d.month
        if n < d.day:
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        out = dt.date(y, m, n)
        assert (out - d).days <= 24, ("day of month too far ahead to be plausible", rule, d)
        return out
    if kind == "dm":
        dd, mm = (int(x) for x in arg.split("/"))
        out = dt.date(d.year, mm, dd)
        if out < d:
            out = dt.date(d.year + 1, mm, dd)
        assert (out - d).days <= 120, ("explicit date too far ahead", rule, d)
        return out
    raise ValueError(rule)


# ------------------------------------------------------------------ quoting
def fmt_due(lang, day):
    if lang == "he":
        return f"{day.day} ב{HE_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"


def reminder_parts(it, sent):
    b = BIZ[it["biz"]]
    rlang = b[2]
    n = it["inv"][0] if it["inv"] else ""
    later = {"before_due": 5, "plan": 3}.get(it["stage"], -9)
    due = it["due"] or (sent.date() + dt.timedelta(days=later))
    if isinstance(due, str):
        due = dt.date.fromisoformat(due)
    a = it["amt"]
    stage = it["stage"]
    if stage == "reminder" and len(it["inv"]) > 1:
        stage = "reminder_many"
    if not it["inv"] and stage in ("reminder", "before_due", "checkin", "solution", "final"):
        stage = "statement"
    subj_t = (SUBJ_HE if rlang == "he" else SUBJ_EN)[stage]
    subject = it["subj"] or subj_t.format(n=n, k=it["k"], of=it["of"])
    if rlang == "he":
        rows = "\n".join(f"חשבונית {x}" for x in it["inv"])
        body = QUOTE_HE[stage].format(n=n, due=fmt_due("he", due), amt=amt_he(a), table=rows,
                                      k=it["k"], of=it["of"])
        if stage in TABLED:
            if len(it["inv"]) == 1:
                body += (f"\n\nפרטי החשבונית\nחשבונית: {n}\nיתרה לתשלום: {amt_he(a)}\n"
                         f"תאריך לתשלום: {due.strftime('%d/%m/%Y')}")
            else:
                body += f"\n\nסה״כ יתרה לתשלום: {amt_he(a)}"
            body += "\n\nאיך משלמים\nאמצעי התשלום שאנחנו מקבלים: העברה בנקאית, כרטיס אשראי, ביט."
        greet = "שלום,"
        close = f"תודה רבה, ויום נעים.\n\nבברכה,\n{b[3]}\n{b[0]}\nטלפון: 03-555{sum(map(ord, b[1])) % 9000 + 1000}"
    else:
        rows = "\n".join(f"Invoice {x}" for x in it["inv"])
        body = QUOTE_EN[stage].format(n=n, due=fmt_due("en", due), amt=amt_en(a), table=rows,
                                      k=it["k"], of=it["of"])
        if stage in TABLED:
            if len(it["inv"]) == 1:
                body += (f"\n\nInvoice details\nInvoice: {n}\nBalance due: {amt_en(a)}\n"
                         f"Due: {due.strftime('%d/%m/%Y')}")
            else:
                body += f"\n\nTotal balance due: {amt_en(a)}"
            body += "\n\nHow to pay\nWe accept bank transfer, credit card and PayPal."
        greet = "Hello,"
        close = f"Thank you, and have a good day.\n\nKind regards,\n{b[3]}\n{b[0]}"
    return subject, f"{greet}\n\n{body}\n\n{close}"


def attribution(style, sent, bname, baddr, subject, cust):
    h, mi = sent.hour, sent.minute
    wd = sent.weekday()
    if style == "gmail":          # English Gmail
        ampm = "AM" if h < 12 else "PM"
        h12 = h % 12 or 12
        return (f"On {EN_DAYS[wd][:3]}, {EN_MONTHS[sent.month-1][:3]} {sent.day}, {sent.year} "
                f"at {h12}:{mi:02d} {ampm} {bname} <{baddr}> wrote:"), True
    if style == "gmail_he":
        return (f"\u202bבתאריך יום {HE_DAY_LETTER[wd]}, {sent.day} ב{HE_MON_SHORT[sent.month-1]} "
                f"{sent.year} ב-{h}:{mi:02d} מאת \u202a{bname}\u202c\u200f <\u202a{baddr}\u202c\u200f>:\u202c"), True
    if style == "gmail_he_mobile":
        return (f"בתאריך יום {HE_DAY_LETTER[wd]}, {sent.day} ב{HE_MONTHS[sent.month-1]} {sent.year}, "
                f"{h}:{mi:02d}, מאת {bname} <\n{baddr}>:"), True
    if style == "gmail_mobile":
        return (f"On {EN_DAYS[wd][:3]}, {sent.day} {EN_MONTHS[sent.month-1][:3]} {sent.year}, "
                f"{h}:{mi:02d} {bname}, <\n{baddr}> wrote:"), True
    if style == "gmail_he_plain":
        return (f"בתאריך יום {HE_DAY_LETTER[wd]}, {sent.day} ב{HE_MON_SHORT[sent.month-1]} {sent.year} "
                f"ב-{h}:{mi:02d} מאת {bname} <{baddr}>:"), True
    if style == "apple_he":
        return f"ב-{sent.day} ב{HE_MON_SHORT[sent.month-1]} {sent.year}, בשעה {h}:{mi:02d}, \u200f{bname} <{baddr}> כתב/ה:", True
    if style == "apple_en":
        ampm = "AM" if h < 12 else "PM"
        return f"On {EN_MONTHS[sent.month-1][:3]} {sent.day}, {sent.year}, at {h % 12 or 12}:{mi:02d} {ampm}, {bname} <{baddr}> wrote:", True
    if style == "outlook":
        ampm = "AM" if h < 12 else "PM"
        return (f"________________________________\nFrom: {bname} <{baddr}>\nSent: {EN_DAYS[wd]}, "
                f"{EN_MONTHS[sent.month-1]} {sent.day}, {sent.year} {h % 12 or 12}:{mi:02d} {ampm}\n"
                f"To: {cust}\nSubject: {subject}"), False
    if style == "outlook_he":
        return (f"מאת: {bname} <{baddr}>\nנשלח: {HE_DAYS[wd]} {sent.day} {HE_MONTHS[sent.month-1]} "
                f"{sent.year} {h:02d}:{mi:02d}\nאל: {cust}\nנושא: {subject}"), False
    if style in ("outlook_fw", "outlook_fw_he"):
        return attribution(style.replace("_fw", ""), sent, bname, baddr, subject, cust)
    if style == "original":
        return (f"-----Original Message-----\nFrom: {bname} [mailto:{baddr}]\nSent: {EN_DAYS[wd]}, "
                f"{EN_MONTHS[sent.month-1]} {sent.day}, {sent.year} {h:02d}:{mi:02d}\nTo: {cust}\n"
                f"Subject: {subject}"), False
    if style == "original_he":
        return (f"-----הודעה מקורית-----\nמאת: {bname} [mailto:{baddr}]\nנשלח: {HE_DAYS[wd]}, "
                f"{sent.day} {HE_MONTHS[sent.month-1]} {sent.year} {h:02d}:{mi:02d}\nאל: {cust}\n"
                f"נושא: {subject}"), False
    raise ValueError(style)


# ------------------------------------------------------------------ building
LEGACY = {"\u2013": "-", "\u20aa": 'ש"ח', "\u05f4": '"', "\u05f3": "'", "\u2022": "*",
          "\u202a": "", "\u202b": "", "\u202c": "", "\u2066": "", "\u2069": "", "\u05be": "-"}


def legacy(text, cs):
    """What an old client does to the quoted part when it answers in a legacy charset."""
    out = "".join(LEGACY.get(c, c) if c in LEGACY else c for c in text)
    try:
        out.encode(cs)
    except UnicodeEncodeError:
        out = "".join(c if c.encode(cs, "ignore") else "?" for c in out)
    return out


def tiny_pdf(name):
    """A one-page PDF standing in for a bank confirmation (content is not read by anyone)."""
    text = f"Transfer confirmation {name}".encode("ascii", "ignore")
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offs = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return out


def local(s):
    return dt.datetime.fromisoformat(s).replace(tzinfo=TZ)


def main_intent(intents):
    for i in PRIORITY:
        if i in intents:
            return i
    return "none"


def to_html(text, rtl):
    d = ' dir="rtl"' if rtl else ""
    paras = []
    for block in text.split("\n\n"):
        paras.append(f"<div{d}>" + "<br>".join(html.escape(x) for x in block.split("\n")) + "</div>")
    return "\n<div><br></div>\n".join(paras)


def build(num, it):
    random.seed(f"mime-boundary-{num}")    # the email package draws boundaries from random
    # Gmail's phone apps write the attribution differently (full month, address wrapped)
    if it["quote"] == "gmail_he" and num % 6 == 1:
        it = dict(it, quote="gmail_he_mobile")
    elif it["quote"] == "gmail" and num % 6 == 1:
        it = dict(it, quote="gmail_mobile")
    b = BIZ[it["biz"]]
    bname, baddr = b[0], b[1]
    cust_name, cust_addr = it["frm"]
    date = local(it["date"])
    ago = it["ago"]
    if ago is None:
        ago = 1 + num % 4
    sent = (date - dt.timedelta(days=ago)).replace(hour=9, minute=(num * 7) % 50 + 2)
    if sent.weekday() == 5:                    # no reminders on Saturday
        sent -= dt.timedelta(days=1)
    sent = sent.replace(tzinfo=TZ)
    subject, quoted = reminder_parts(it, sent)
    body = it["body"].strip("\n")
    if it["cs"] != "utf-8":
        body.encode(it["cs"])          # the customer's own words must fit the charset as written
        quoted = legacy(quoted, it["cs"])
    rtl = it["lang"] != "en"
    cust = f"{cust_name} <{cust_addr}>" if cust_name else cust_addr
    if it["quote"] in ("apple_he", "apple_en") and num % 3 != 0 and "iPhone" not in body:
        body += "\n\n" + ("נשלח מה-iPhone שלי" if it["quote"] == "apple_he" else "Sent from my iPhone")
    plain = body
    html_quote = ""
    if it["quoted"] and it["quote"]:
        attr, gt = attribution(it["quote"], sent, bname, baddr, subject, cust)
        if it["cs"] != "utf-8":
            attr = legacy(attr, it["cs"])
        qtext = "\n".join(("> " + x if x else ">") for x in quoted.split("\n")) if gt else quoted
        if it["quote"] in ("outlook_fw", "outlook_fw_he"):
            fname, faddr, note = it["fw"]
            fsent = sent + dt.timedelta(days=1, hours=1, minutes=13)
            if fsent.weekday() == 5:
                fsent += dt.timedelta(days=1)
            assert fsent < date, num
            attr2, _ = attribution(it["quote"], sent, bname, baddr, subject, f"{fname} <{faddr}>")
            attr, _ = attribution(it["quote"], fsent, fname, faddr, "FW: " + subject, cust)
            qtext = f"{note}\n\n{attr2}\n\n{quoted}"
            quoted = qtext
        plain = f"{body}\n\n{attr}\n\n{qtext}\n" if gt else f"{body}\n\n{attr}\n\n{qtext}\n"
        if it["quote"].startswith("outlook") or it["quote"].startswith("original"):
            html_quote = (f'<div id="divRplyFwdMsg"{" dir=rtl" if rtl else ""}><hr>'
                          + "<br>".join(html.escape(x) for x in attr.split("\n") if x and not x.startswith(("___", "-----"))) +
                          f"</div>\n<div>{to_html(quoted, rtl)}</div>")
        else:
            html_quote = (f'<div class="gmail_quote"><div dir="{"rtl" if rtl else "ltr"}" class="gmail_attr">'
                          f'{html.escape(attr)}<br></div><blockquote class="gmail_quote" '
                          f'style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
                          f'{to_html(quoted, rtl)}</blockquote></div>')
    msg = EmailMessage(policy=SMTP)
    msg["From"] = formataddr((cust_name, cust_addr)) if cust_name else cust_addr
    msg["To"] = formataddr((bname, baddr))
    prefix = it["prefix"]
    if prefix == "Re:":
        prefix = {"outlook_he": "השב:", "outlook": "RE:", "original": "RE:", "original_he": "תשובה:",
                  "outlook_fw_he": "השב: FW:", "outlook_fw": "RE: FW:"}.get(it["quote"], "Re:")
    msg["Subject"] = f"{prefix} {subject}" if prefix else subject
    msg["Date"] = format_datetime(date)
    cdom = cust_addr.split("@")[1]
    h = hashlib.sha1(f"{num}{it['date']}{cust_addr}".encode()).hexdigest()
    msg["Message-ID"] = f"<{h[:20]}@{cdom}>"
    bdom = baddr.split("@")[1]
    rid = f"<dm.{h[20:32]}.{sent.strftime('%Y%m%d')}@{bdom}>"
    msg["In-Reply-To"] = rid
    msg["References"] = rid
    for k2, v in it["extra_headers"].items():
        msg[k2] = v
    if it["html_body"] is not None:
        hbody = it["html_body"]
    else:
        hbody = to_html(body, rtl)
    hdir = ' dir="rtl"' if rtl else ""
    hdoc = (f'<html{hdir}><head><meta http-equiv="Content-Type" '
            f'content="text/html; charset={it["cs"]}"></head><body>'
            f'<div dir="{"rtl" if rtl else "ltr"}">{hbody}</div><br>{html_quote}</body></html>\n')
    cs, cte = it["cs"], it["cte"]
    fmt = it["fmt"]
    if fmt is None:        # what the mail client sends when the text does not say otherwise
        q = it["quote"] or ""
        fmt = "alt" if q.startswith(("gmail", "outlook", "original")) and num % 5 else "plain"
    if fmt == "plain":
        msg.set_content(plain + "\n", charset=cs, cte=cte)
    elif fmt == "html":
        msg.set_content(hdoc, subtype="html", charset=cs, cte=cte)
    elif fmt == "alt":
        msg.set_content(plain + "\n", charset=cs, cte=cte)
        msg.add_alternative(hdoc, subtype="html", charset=cs, cte=cte)
    else:
        raise ValueError(fmt)
    if it["attach"]:
        name = it["attach"]
        msg.add_attachment(tiny_pdf(name), maintype="application", subtype="pdf", filename=name)
    return msg, date


def check_and_label(num, it, date):
    ints = it["intents"]
    assert ints and len(set(ints)) == len(ints), num
    assert all(i in INTENTS for i in ints), (num, ints)
    assert "none" not in ints or ints == ["none"], (num, ints)
    main = main_intent(ints)
    ordered = [i for i in INTENTS if i in ints]
    assert it["lang"] in ("he", "en", "mixed"), num
    if it["on"]:
        assert WD[date.weekday()] == it["on"], (num, "message must be on", it["on"], date)
    pd = None
    if it["rule"] is not None:
        assert "promise" in ints, (num, "promise_date only with promise")
        pd = promise_date(it["rule"], date.date())
        assert pd >= date.date(), (num, pd, date)
    assert date.year in (2026, 2027), num
    read = it["read"]
    if read is None:                       # the worker polls at odd times; some mail waits a weekend
        read = [0.3, 1.2, 2.5, 5.0, 9.5, 14.0, 20.0, 26.5, 40.0, 61.0][(num * 7) % 10]
    assert 0 <= read <= 72, num
    read_at = (date.astimezone(dt.timezone.utc) + dt.timedelta(hours=read)).astimezone(TZ)
    return {"file": f"{num:03d}.eml", "intent": main, "intents": ordered,
            "promise_date": pd.isoformat() if pd else None,
            "read_at": read_at.isoformat(timespec="seconds"), "language": it["lang"],
            "known_numbers": it["inv"]}


def legacy_subject(data, subject, cs):
    """Old Outlook builds encode the Subject in the body's charset, not in UTF-8."""
    from email.header import Header
    enc = Header(legacy(subject, cs), charset=cs, maxlinelen=76).encode(linesep="\r\n")
    new, n = re.subn(rb"^Subject:.*?\r\n(?![ \t])", b"Subject: " + enc.encode("ascii") + b"\r\n",
                     data, count=1, flags=re.M | re.S)
    assert n == 1
    return new


def roundtrip(num, it, data):
    """Parse the written bytes back: the customer's words and the headers must survive."""
    import email
    from email import policy
    m = email.message_from_bytes(data, policy=policy.default)
    assert m["Date"].datetime.utcoffset() == local(it["date"]).utcoffset(), num
    texts = [p.get_content() for p in m.walk() if p.get_content_maintype() == "text"]
    assert texts, num
    words = it["body"].strip().split("\n")[0][:25]
    if it["html_body"] is None and words:
        w = html.escape(words)
        words = [words, w]
        assert any(w in t for t in texts for w in words), (num, words)
    assert m["In-Reply-To"] and m["Message-ID"], num


def main():
    items = list(ITEMS)
    random.Random(20261204).shuffle(items)
    out = ROOT / "messages"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.eml"):
        old.unlink()
    rows = []
    for num, it in enumerate(items, 1):
        msg, date = build(num, it)
        rows.append(check_and_label(num, it, date))
        data = msg.as_bytes()
        if it["cs"] != "utf-8":
            data = legacy_subject(data, str(msg["Subject"]), it["cs"])
        roundtrip(num, it, data)
        (out / f"{num:03d}.eml").write_bytes(data)
    with open(ROOT / "expected.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(rows), "messages")
    print("intent:", dict(Counter(r["intent"] for r in rows)))
    print("language:", dict(Counter(r["language"] for r in rows)))
    pr = [r for r in rows if r["intent"] == "promise"]
    print("promises with a date:", sum(1 for r in pr if r["promise_date"]), "of", len(pr))
    print("multi-intent:", sum(1 for r in rows if len(r["intents"]) > 1))
    return rows


# =================================================================== TEXTS
# ---------------------------------------------------------- Hebrew: promises
R("he", ["promise"], "2026-03-10 21:40", "מחר", rule="tom", biz="plumb",
  frm=("רונן שטרן", "ronen.shtern@gmail.com"), stage="followup", inv=["1043"], quote="gmail_he", read=11)
R("he", ["promise"], "2026-04-06 10:05", """היי נועה,
סליחה על העיכוב! הלקוח שלי שילם לי רק היום (אחרי חודשיים...), אז אני מעבירה לך עד ה-15 לחודש.
תודה על הסבלנות 🙏
שני""", rule="dom:15", biz="design", frm=("שני אלמוג", "shani.almog.art@gmail.com"),
  inv=["INV-2026-0187"], quote="gmail_he_plain", cte="quoted-printable")
R("he", ["promise"], "2026-11-12 23:12", """שלום מיכל,
שכחתי לגמרי, אנחנו בחו"ל עד סוף השבוע. אני מסדרת את זה ביום ראשון כשנחזור.
רותם (אמא של יונתן מקבוצת הפרפרים)""", rule="wd:sun", biz="gan",
  frm=("Rotem Dahan", "rotemdahan82@walla.co.il"), inv=["40217"], quote="apple_he", on="thu")
R("he", ["promise"], "2026-06-29 11:30", """לכבוד גב' רונית,

בהמשך לפנייתך, החשבונית הועברה לאישור המנכ"ל ותשולם במסגרת מחזור התשלומים הקרוב, ב-10 לחודש.

בברכה,
אורית גולן
מנהלת חשבונות
גולן-פרץ הנדסה בע"מ
טל' 04-8553120

הודעה זו עשויה להכיל מידע חסוי. אם קיבלת אותה בטעות, אנא הודע לשולח ומחק אותה.""",
  rule="dom:10", biz="acct", frm=("אורית גולן", "orit@golan-peretz.co.il"), inv=["7731"],
  quote="outlook_he", fmt="alt", stage="checkin")
R("he", ["promise"], "2026-02-03 14:20", """שלום שירן,

החשבוניות התקבלו במחלקת הכספים. לידיעתכם, אצלנו התשלום לספקים הוא שוטף+60, והן ישולמו בהתאם.

בברכה,
מחלקת כספים
רשת מעונות "צעדים ראשונים"
""", biz="supply", frm=("כספים – צעדים ראשונים", "finance@tsadim-rishonim.org.il"),
  inv=["SI-58211", "SI-58340"], quote="outlook_fw_he", fmt="html", ago=2,
  fw=("דפנה – מעון הרצל", "herzl@tsadim-rishonim.org.il", "לטיפולכם, זה הגיע אלינו למעון.\nדפנה"))
R("he", ["promise"], "2026-02-16 08:47", "מאור היי, אני מעביר לך ביום חמישי בבוקר, בלי לחץ 👍",
  rule="wd:thu", biz="elec", frm=("ניר", "nir.bs@gmail.com"), inv=["3310"], quote="gmail_he")
R("he", ["promise"], "2026-08-24 17:02", """שלום דנה,
המשכורת שלי נכנסת ב-1 לחודש, באותו יום אני מעבירה לכם את התשלום על ההתקנה.
תודה, סיגל""", rule="dom:1", biz="ac", frm=("סיגל מזרחי", "sigalmiz@hotmail.com"),
  inv=["KR-10452"], quote="outlook_he")
R("he", ["promise"], "2026-05-19 12:40", """היי יעל,
נעביר בעוד שבוע, אחרי שהתקציב של העמותה ייכנס. סליחה שזה לוקח זמן, זה לא תלוי בי.
אסנת
עמותת "יד לקשיש" – רכזת""", rule="d:7", biz="print",
  frm=("אסנת פרידמן", "osnat@yad-lakashish.org.il"), inv=["88120"], quote="gmail_he")
R("he", ["promise"], "2026-10-26 20:15", """מירי יקרה,
האירוע היה מושלם!! אבא שלי עדיין מדבר על הקובה 😍
אני מעבירה את היתרה מחרתיים, ביום שנכנסת המשכורת.
חיבוק, הדס""", rule="dat", biz="cater", frm=("הדס", "hadas.levi1990@gmail.com"),
  inv=["612"], quote="apple_he", fmt="alt")
R("he", ["promise"], "2026-07-15 18:20", "היי עומר ראיתי את המייל אני מעביר היום בערב סורי על העיכוב",
  rule="today", biz="garden", frm=("", "yossi.k77@gmail.com"), inv=["G-2207"], quote="gmail_he")
R("he", ["promise"], "2027-01-25 07:55", """שלום אורנה,
אשלם את יתרת חוג הרובוטיקה ב-3/2, ביחד עם התשלום של פברואר.
תודה,
אלון אבוטבול (אבא של נועם, כיתה ד')""", rule="dm:03/02", biz="tutor",
  frm=("אלון אבוטבול", "alon.abutbul@gmail.com"), inv=["2026-318"], quote="gmail_he_plain")
R("he", ["promise"], "2026-12-03 16:10", """היי ליאת,
אני מגיעה לטיפול ביום שלישי ואשלם שם באשראי גם על שני הטיפולים הקודמים.
מאיה""", rule="wd:tue", biz="physio", frm=("מאיה רוזן", "maya.rozen@gmail.com"),
  inv=["11842", "11907"], quote="apple_he")
R("he", ["promise"], "2026-04-28 09:12", """אלון שלום,
ההובלה הייתה מצוינת, תודה לך ולצוות.
אני מחכה להחזר מהחברה שלי על הוצאות המעבר, וברגע שזה נכנס אני משלם לך את כל הסכום.
בני""", biz="movers", frm=("בני עטיה", "benny.atia@intel-mail.co.il"), inv=["455"],
  quote="outlook_he")
R("he", ["promise"], "2026-03-12 13:33", "אעביר ביום ראשון", rule="wd:sun", biz="design",
  frm=("גלית", "galit.p@bezeqint.net"), inv=["INV-2026-0201"], quote="gmail_he_plain",
  cs="windows-1255", on="thu")
R("he", ["promise"], "2026-03-09 10:48", """שלום שירן,

החשבונית אושרה לתשלום ותועבר בהעברה בנקאית ב-20.3.

בברכה,
צביקה הורוביץ
מנהל רכש
מלון חוף הכרמל""", rule="dm:20/03", biz="supply",
  frm=("צביקה הורוביץ", "purchasing@carmel-beach-hotel.co.il"), inv=["SI-58502"],
  quote="original_he", cs="iso-8859-8", cte="quoted-printable")
R("he", ["promise"], "2027-02-07 07:21", """מחר בבוקר בלי נדר

נשלח מה-iPhone שלי""", rule="tom", biz="ac", frm=("Eli Cohen", "elico@icloud.com"),
  inv=["KR-11020"], quote="apple_he", stage="final")
R("he", ["promise"], "2026-06-14 22:05", """רונית,
אני בחו"ל כרגע, חוזר ב-22 ומעביר לכם באותו יום.
עמית""", rule="dom:22", biz="acct", frm=("עמית ברגר", "amit@berger-studio.co.il"),
  inv=["7790"], quote="gmail_he")
R("he", ["promise", "payment_claim"], "2026-09-08 15:30", """מיכל שלום,
העברנו עכשיו חצי מהסכום, והשאר בעוד שבועיים כשנקבל את המענק מהעירייה.
תודה על ההבנה,
ועד ההורים""", rule="d:14", biz="gan", frm=("ועד הורים גן השקד", "vaad.hashaked@gmail.com"),
  inv=["40301"], quote="gmail_he", amt=3600)
R("he", ["promise"], "2026-04-20 19:50", "עוד לא שילמתי, אשלם ב30 לחודש", rule="dom:30", biz="elec",
  frm=("", "moshe.ohana@walla.com"), inv=["3356"], quote=None)
R("he", ["promise"], "2026-11-23 11:14", """שלום יעל,
סליחה, היה לנו בלגן עם רואה החשבון החדש. התשלום יוצא השבוע.
עידו | קפה ברחוב""", rule="tw", biz="print", frm=("עידו שגיא", "ido@cafe-barechov.co.il"),
  stage="final", inv=["88410"], quote="gmail_he_plain", fmt="alt")
R("he", ["promise"], "2026-05-05 21:48", """מירי, אני יודע שזה מתעכב. אני במילואים כבר חודש וחצי והתגמולים מביטוח לאומי עוד לא הגיעו.
ברגע שהם נכנסים אני סוגר איתך הכל, מילה.""", biz="cater",
  frm=("דור", "dor.ashkenazi@gmail.com"), inv=["598"], quote="apple_he")
R("he", ["promise"], "2026-08-10 08:03", """שלום,
תוך 3 ימים תקבלו את הכסף.
יעקב""", rule="d:3", biz="garden", frm=("יעקב לוי", "yaakov.levi@netvision.net.il"),
  inv=["G-2233"], quote="outlook_he", cs="windows-1255")
R("he", ["promise"], "2026-10-18 07:40", "בוקר טוב, אשלם ביום רביעי הקרוב דרך האתר. תודה!",
  rule="wd:wed", biz="tutor", frm=("מורן", "moran.ben@gmail.com"), inv=["2026-402"],
  quote="gmail_he")
R("he", ["promise"], "2026-02-11 20:37", """די עם המיילים כל יומיים. כבר אמרתי לליאת בטלפון שאני משלם, אני לא בורח לשום מקום.
ביום ראשון תקבלו.""", rule="wd:sun", biz="physio", frm=("", "shlomi.h@gmail.com"),
  inv=["11650"], quote="gmail_he_plain", stage="followup")
R("he", ["promise"], "2026-07-05 13:25", "היי אלון, עד ה-15 זה בסדר מבחינתך? אז נכנס לי הכסף מהשכירות",
  rule="dom:15", biz="movers", frm=("קרן", "keren.g@gmail.com"), inv=["471"], quote="apple_he")
R("he", ["promise"], "2026-12-21 14:02", """היי שירן,
דיברתי עם החשב שלנו. התשלום ייצא ב-5 לחודש הבא, יחד עם כל הספקים.
בברכה,
רינת | מנהלת משק
בית ספר דמוקרטי הוד השרון""", rule="dom:5", biz="supply",
  frm=("רינת", "rinat@democratic-hod.org.il"), stage="final", inv=["SI-59117"], quote="outlook_he", fmt="alt")
R("he", ["promise"], "2026-06-07 09:30", "אני מבטיח שעד יום חמישי זה אצלכם", rule="wd:thu",
  biz="ac", frm=("אבירם", "aviram.sh@gmail.com"), stage="followup", inv=["KR-10688"], quote="gmail_he")
R("he", ["promise"], "2026-01-20 18:45", """אבי, תודה שוב על התיקון המהיר ביום שישי.
אני אשלם כשאשתי תחזור מהמילואים, היא זאת שמנהלת את החשבון בבית ואני לא מכיר את הסיסמאות 🙈""",
  biz="plumb", frm=("עוז", "oz.friedman@gmail.com"), inv=["1012"], quote="gmail_he")
R("he", ["promise"], "2026-09-01 10:10", """שלום רב,

החשבונית נקלטה במערכת ותשולם בתנאי שוטף+30, כנהוג בחברתנו.

בכבוד רב,
מחלקת ספקים
אלקטרו-טק מערכות בע"מ

-----------------------------------------------------
המידע בהודעה זו מיועד לנמען בלבד ועשוי להיות חסוי. כל שימוש, העתקה או הפצה ללא אישור אסורים.""",
  biz="acct", frm=("ספקים – אלקטרו-טק", "ap@electro-tech.co.il"), inv=["7802"],
  quote="outlook_he", fmt="html", stage="before_due")
R("he", ["promise", "question"], "2026-03-02 19:30", """היי, אעביר היום בערב בביט.
ורק שאלה – הסכום כולל גם את ההסעות של פברואר?""",
  rule="today", biz="gan", frm=("ליה", "lia.shamir@gmail.com"), inv=["40188"], quote="apple_he")
R("he", ["promise"], "2026-09-15 13:05", "בעוד שעה אצלך", rule="today", biz="elec",
  frm=("", "kobi.m@012.net.il"), stage="followup", inv=["3421"], quote="gmail_he", read=1.5)
R("he", ["promise"], "2026-04-15 08:55", """שלום יעל,
התשלום יבוצע ביום ב' הקרוב.
בברכה,
אבנר – הנהלת חשבונות, משרד עו"ד כץ""", rule="wd:mon", biz="print",
  frm=("אבנר", "avner@katz-law.co.il"), stage="final", inv=["88201"], quote="outlook_he", cte="base64")
R("he", ["promise"], "2026-05-20 16:40", "היי מירי, נעביר את היתרה ביחד עם המקדמה לאירוע של יוני, ב-1 ביוני. מתאים?",
  rule="dm:01/06", biz="cater", frm=("תמר ואיתי", "tamar.itay.wedding@gmail.com"), inv=["640"],
  quote="gmail_he")
R("he", ["promise"], "2026-02-24 21:30", """שלום אורנה,
אני ממתינה להחזר ממס הכנסה, ואז אשלם הכל בבת אחת.
תודה על ההבנה
ענת""", biz="tutor", frm=("ענת", "anat.kohavi@walla.co.il"), inv=["2026-211"],
  quote="gmail_he_plain")
R("he", ["promise"], "2027-03-14 12:15", "אשלם כשאני מגיע לטיפול הבא, תודה",
  biz="physio", frm=("", "gideon.a@gmail.com"), inv=["12210"], quote="apple_he")
R("he", ["promise"], "2027-01-31 22:40", """אלון,
אני מתנצל שאני לא עונה. היה לי חודש קשה מאוד, עברנו דירה (איתך 😅) ואז אבא שלי אושפז.
אני אסגור את הכל תוך חודש מהיום, מבטיח. אם יש בעיה תתקשר אליי.
שגיא""", rule="m1", biz="movers", frm=("שגיא נחום", "sagi.nachum@gmail.com"), inv=["502"],
  quote="gmail_he", stage="checkin")
R("he", ["promise"], "2026-10-05 09:45", """היי נועה,
ראיתי. אני בחופשת לידה ובעלי יעביר את זה בימים הקרובים.
ליטל""", biz="design", frm=("ליטל", "lital.design.client@gmail.com"), inv=["INV-2026-0266"],
  quote="apple_he")
R("he", ["promise"], "2026-11-09 10:30", """העברה תצא ביום רביעי.
אם יש בעיה תתקשרו 052-6614380
חיים""", rule="wd:wed", biz="garden", frm=("חיים", "haim.v@bezeqint.net"), inv=["G-2290"],
  quote="outlook_he", cs="windows-1255", cte="quoted-printable")
R("he", ["promise"], "2026-07-23 11:02", "ok מחר", rule="tom", biz="ac", frm=("", "tal.b@gmail.com"),
  stage="followup", inv=["KR-10741"], quote="gmail_he")
R("he", ["promise"], "2026-10-13 15:18", """שלום,
אנחנו עוברים בימים אלה על כל החשבוניות הפתוחות, ואת החשבונית שלכם נשלם עד ה-28 לחודש.
בברכה,
מלי, הנהלת חשבונות
"פיצה טוני" – 3 סניפים""", rule="dom:28", biz="supply",
  frm=("מלי", "office@pizza-toni.co.il"), inv=["SI-58988"], quote="outlook_he", fmt="alt")
R("he", ["promise"], "2026-03-01 08:20", """רונית בוקר טוב,
אני יודע שאני מאחר. המשכורות אצלי יוצאות ב-9, ואני מעביר לכם ב-10, יום אחרי.
תודה שאתם סבלניים איתי
גיל""", rule="dom:10", biz="acct", frm=("גיל אורן", "gil@oren-carpentry.co.il"),
  inv=["7688", "7702"], quote="gmail_he")
R("he", ["promise"], "2026-12-06 20:00", "שלום מיכל, אני מעבירה בשבועיים הקרובים. תודה ושבוע טוב",
  rule="d:14", biz="gan", frm=("אורלי", "orly.ben.david@gmail.com"), inv=["40420"], quote="gmail_he")
R("he", ["promise"], "2026-05-27 17:35", """מאור שלום,
ביום ראשון אשאיר לך צ'יק אצל השומר בלובי, על שמך. תאסוף מתי שנוח.
ועד הבית, רח' הגפן 12""", rule="wd:sun", biz="elec", frm=("ועד בית הגפן 12", "vaad.hagefen12@gmail.com"),
  inv=["3388"], quote="outlook_he", cte="quoted-printable")
R("he", ["promise"], "2026-08-03 10:20", "", rule="dm:12/08", biz="print",
  frm=("הנהלת חשבונות – עמותת אור לנוער", "accounts@or-lanoar.org.il"), inv=["88355"],
  quote="outlook_he", fmt="html", html_body='<p dir="rtl" style="font-family:Arial;font-size:11pt">שלום יעל,</p><p dir="rtl" style="font-family:Arial;font-size:11pt">נעביר את התשלום ב-<span dir="ltr">12.8</span>.</p><p dir="rtl" style="font-family:Arial;font-size:11pt">בתודה,<br>הנהלת חשבונות<br>עמותת אור לנוער</p>')
R("he", ["promise"], "2026-06-20 21:10", "תודה על התזכורת, ממש שכחתי. אעביר עכשיו מהנייד.",
  rule="today", biz="cater", frm=("רחל", "rachel.sason@gmail.com"), inv=["633"], quote="apple_he")
R("he", ["promise"], "2026-01-27 15:50", """אבי, אני עם אבא שלי בבית חולים כבר שבוע.
אשלם כשהעניינים יירגעו קצת, מבטיחה שלא אשכח.""", biz="plumb",
  frm=("נורית", "nurit.sh@gmail.com"), inv=["1019"], quote="gmail_he")
R("he", ["promise"], "2027-03-22 18:12", """ערב טוב,
נשלם את שכר הלימוד של מרץ ב-2 באפריל.
משפחת וקנין""", rule="dm:02/04", biz="tutor", frm=("אילנה וקנין", "ilana.vaknin@gmail.com"),
  stage="checkin", inv=["2027-077"], quote="gmail_he")
R("he", ["promise"], "2026-10-05 12:30", """היי נועה,
הפקתי פקודת תשלום, זה ייצא אצלנו בריצת התשלומים של יום חמישי.
רועי | סטארט-אפ קטן עם הרבה חשבוניות""", rule="wd:thu", biz="design",
  frm=("רועי", "roi@loopwise.io"), inv=["INV-2026-0259"], quote="gmail_he", fmt="alt")

# ---------------------------------------------------- Hebrew: payment claims
R("he", ["payment_claim"], "2026-03-11 07:58", "שולם", biz="plumb", frm=("", "dganit.r@gmail.com"),
  inv=["1047"], quote="gmail_he", read=2)
R("he", ["payment_claim"], "2026-02-18 12:10", """העברתי אתמול, תבדקו שוב.
זיו""", biz="elec", frm=("זיו", "ziv.elkayam@gmail.com"), inv=["3318"], quote="gmail_he_plain")
R("he", ["payment_claim"], "2026-05-12 20:44", "אתמול", biz="design",
  frm=("", "hila.tz@gmail.com"), inv=["INV-2026-0224"], quote="apple_he", stage="reminder")
R("he", ["payment_claim"], "2026-09-22 16:05", "שילמתי, לא? 🤔 לפחות ככה זכרתי", biz="gan",
  frm=("שרון", "sharon.kfir@gmail.com"), inv=["40330"], quote="apple_he")
R("he", ["payment_claim"], "2026-06-30 09:17", """מה?? שילמתי לפני שבוע!!
תבדקו אצלכם לפני שאתם שולחים תזכורות""", biz="ac", frm=("", "yael.m.home@gmail.com"),
  stage="checkin", inv=["KR-10702"], quote="gmail_he")
R("he", ["payment_claim"], "2026-04-23 13:40", "היי שירן, העברתי ביום שני 1,860 ₪, הגיע?", biz="supply",
  frm=("אופיר – מספרת קלאסי", "ofir.classic.hair@gmail.com"), inv=["SI-58640"], amt=1860, quote="gmail_he")
R("he", ["payment_claim"], "2026-08-17 18:30", """שלום דנה,
שילמתי במזומן לטכנאי שהגיע לתקן את המזגן (בחור צעיר, נדמה לי שקוראים לו אליאור). הוא אמר שהוא מעביר לכם.
אם זה לא הגיע, תבדקו מולו בבקשה.
רבקה""", biz="ac", frm=("רבקה שפירא", "rivka.shapira@walla.co.il"), inv=["KR-10790"],
  quote="outlook_he", cs="windows-1255")
R("he", ["payment_claim"], "2026-11-04 10:25", """שלום יעל,
הצ'ק נשלח בדואר ביום ראשון לכתובת של הדפוס ברחוב המלאכה. כנראה יגיע אליכם בימים הקרובים.
בברכה,
שמואל, גזבר בית הכנסת""", biz="print", frm=("שמואל גזבר", "ohel.yitzhak.shul@gmail.com"),
  inv=["88402"], quote="gmail_he_plain")
R("he", ["payment_claim"], "2026-01-14 08:35", "שלחתי בביט למספר שמופיע בחשבונית, אתמול בערב",
  biz="gan", frm=("", "nofar.ab@gmail.com"), inv=["40105"], quote="apple_he")
R("he", ["payment_claim"], "2026-07-08 11:50", """שלום רב,

מצורפת אסמכתא להעברה בנקאית על סך 4,212.00 ש"ח בגין חשבוניות SI-58801 ו-SI-58815.

בברכה,
לאה כהן
הנהלת חשבונות
מעון יום "הדר"
""", biz="supply", frm=("לאה כהן", "hanhalat@maon-hadar.org.il"), inv=["SI-58801", "SI-58815"],
  quote="outlook_he", fmt="alt", attach="asmachta_SI-58801.pdf", amt=4212.0)
R("he", ["payment_claim"], "2026-10-11 21:00", """היי אורנה,
יש לנו הוראת קבע לצעד, זה אמור לרדת אוטומטית ב-10 לכל חודש. אולי הייתה תקלה בבנק?""",
  biz="tutor", frm=("נטע", "neta.golan@gmail.com"), inv=["2026-431"], quote="gmail_he")
R("he", ["payment_claim"], "2026-03-25 14:15", """שלום ליאת,
הטיפולים שלי משולמים ע"י המעסיק (דרך קרן הרווחה של העובדים). לפי מה שאמרו לי במשאבי אנוש, הם העבירו לכם בשבוע שעבר.
אם צריך, אשלח לך את הטלפון של הרכזת שם.
יובל""", biz="physio", frm=("יובל", "yuval.d@mekorot-mail.co.il"), inv=["11980"], quote="outlook_he")
R("he", ["payment_claim"], "2027-02-15 09:05", """שלום,
קיבלתי אישור מהביטוח המשלים שהם שילמו לכם ישירות על סדרת הטיפולים. מספר תביעה 88-41230.
דליה""", biz="physio", frm=("דליה", "dalia.rub@gmail.com"), inv=["12155"], quote="gmail_he",
  cte="base64")
R("he", ["payment_claim"], "2026-04-30 22:18", """נועה היי 🙂
שילמתי באשראי דרך הקישור שבמייל לפני יומיים, קיבלתי אפילו אישור במייל.
יכול להיות שזה עוד לא התעדכן אצלך?""", biz="design", frm=("מעיין", "maayan.yoga@gmail.com"),
  inv=["INV-2026-0219"], quote="apple_he")
R("he", ["payment_claim"], "2026-12-15 08:10", "העברתי את הכסף הבוקר לחשבון שמופיע בחשבונית. תודה על הסבלנות",
  biz="movers", frm=("אביטל", "avital.n@gmail.com"), inv=["520"], quote="gmail_he")
R("he", ["payment_claim"], "2026-02-05 19:22", "שילמתי בפייבוקס לקבוצה של הגן, יחד עם הכסף למתנה לגננת",
  biz="gan", frm=("אלינור", "elinor.tamir@gmail.com"), inv=["40140"], quote="apple_he")
R("he", ["payment_claim"], "2026-03-16 10:40", """לכבוד משרד לוי ושות',

הריני להודיעכם כי ביום 12/3 הועבר לחשבונכם סך של 2,340 ש"ח, אסמכתא 448120, בגין חשבונית 7745.

בכבוד רב,
יורם שלו
שלו ייבוא ושיווק בע"מ""", biz="acct", frm=("יורם שלו", "yoram@shalev-import.co.il"),
  inv=["7745"], quote="original_he", cs="windows-1255", cte="quoted-printable", amt=2340)
R("he", ["payment_claim"], "2026-06-09 17:55", """אבי שלום,
שילמתי לך 500 במזומן כשסיימת את העבודה, ואת השאר (700) העברתי ביום שישי שעבר.
אז לפי החשבון שלי הכול סגור.
אהרון""", biz="plumb", frm=("אהרון", "aharon.biton@gmail.com"), inv=["1088"], quote="gmail_he",
  amt=1200)
R("he", ["payment_claim"], "2026-05-06 11:00", "", biz="supply",
  frm=("הנהלת חשבונות – גני ילדים כרמל", "accounts@ganei-carmel.co.il"), inv=["SI-58722"],
  quote="outlook_he", fmt="html",
  html_body='<div dir="rtl" style="font-family:David,serif;font-size:12pt">שלום,<br><br>התשלום בוצע בתאריך <span dir="ltr">04/05/2026</span> בהעברה בנקאית. מצ"ב אישור.<br>נבקש לעדכן את הכרטסת שלנו אצלכם.<br><br>בברכה,<br><b>סיוון</b><br>הנהלת חשבונות | גני ילדים כרמל<br><span style="color:#888;font-size:9pt">נא לשקול את הצורך בהדפסת מייל זה</span></div>',
  attach="ishur_haavara.pdf")
R("he", ["payment_claim"], "2026-08-27 23:40", "שילמתי כבר מזמן, תבדקו אצלכם 🙄", biz="garden",
  frm=("", "itzik.dagan@gmail.com"), inv=["G-2241"], quote="gmail_he")
R("he", ["payment_claim"], "2026-10-20 12:30", """שלום שירן,
תבדקי שוב בבקשה, שילמנו בצ'ק דחוי שמסרנו לנהג שלכם עם המשלוח של אוקטובר (צ'ק ל-15/10).
נחום – מכולת השכונה""", biz="supply", frm=("נחום", "nachum.makolet@walla.co.il"),
  inv=["SI-59002"], quote="gmail_he_plain")
R("he", ["payment_claim"], "2026-03-31 15:20", """היי רונית,
זה כבר שולם ע"י הרו"ח החדש שלי, הוא סידר את כל הפתוחים מסוף השנה.
דני""", biz="acct", frm=("דני", "dani.photo.il@gmail.com"), stage="final", inv=["7760"], quote="gmail_he")
R("he", ["payment_claim"], "2026-07-19 14:48", "אחי העברתי לך בביט לפני שעה תבדוק", biz="elec",
  frm=("", "liran.k@gmail.com"), inv=["3402"], quote="apple_he", read=0.5)
R("he", ["payment_claim"], "2026-09-29 09:40", """בוקר טוב,
שילמתי דרך האפליקציה של הבנק אתמול בצהריים. אולי לוקח יום-יומיים עד שזה נכנס?
רוני""", biz="cater", frm=("רוני", "roni.halperin@gmail.com"), inv=["655"], quote="gmail_he")
R("he", ["payment_claim"], "2026-11-18 13:05", """שלום,
שילמנו את שתי החשבוניות ביחד בהעברה אחת של 4,200 ₪ ב-5 לחודש. אולי זה שויך רק לאחת מהן?
הנהלת חשבונות, מסעדת זית""", biz="print", frm=("מסעדת זית", "zait.rest@gmail.com"),
  stage="checkin", inv=["88430", "88446"], quote="outlook_he", amt=4200)
R("he", ["payment_claim"], "2026-06-03 10:12", "שולם ב-01/06 בכרטיס אשראי בשלושה תשלומים, 4 ספרות אחרונות 4471",
  biz="ac", frm=("", "moti.b@bezeqint.net"), inv=["KR-10677"], quote="gmail_he_plain",
  cs="windows-1255")
R("he", ["payment_claim"], "2026-01-09 12:20", "", biz="garden",
  frm=("ועד בית הרימון 4", "vaad.harimon4@gmail.com"), inv=["G-2180"], quote="gmail_he", fmt="html",
  html_body='<div dir="rtl">שלום עומר,</div><div dir="rtl"><br></div><div dir="rtl">התשלום הועבר ביום חמישי מחשבון הוועד.</div><div dir="rtl"><br></div><div dir="rtl">בברכה,</div><div dir="rtl">--<br><div dir="rtl" class="gmail_signature"><b>ועד הבית</b><br>רח\' הרימון 4, כפר סבא</div></div>')
R("he", ["payment_claim", "question"], "2026-02-26 18:00", "העברתי אתמול. אפשר לקבל קבלה למייל? אני צריכה אותה להחזר מהעבודה",
  biz="tutor", frm=("סהר", "sahar.m@gmail.com"), inv=["2026-240"], quote="gmail_he")
R("he", ["payment_claim"], "2026-12-09 11:35", """שלום,
שלחתי צ'ק בדואר רשום לפני שבועיים. לא קיבלתם?
יהודית""", biz="acct", frm=("יהודית", "yehudit.tzur@gmail.com"), inv=["7840"], quote="outlook_he")
R("he", ["payment_claim"], "2026-05-28 08:50", """מיכל בוקר טוב,
סבתא של יעלי שילמה במזומן לגננת ביום שלישי, במעטפה. אולי זה עוד לא עודכן?""",
  biz="gan", frm=("משפחת אדלר", "adler.family@gmail.com"), inv=["40266"], quote="gmail_he")
R("he", ["payment_claim"], "2026-04-13 16:33", """שילמתי כבר במרץ, אני בטוח בזה.
תבדקו בבקשה אם זה לא נכנס לחשבונית אחרת שלי, כי היו שתיים.""", biz="physio",
  frm=("ארז", "erez.t@gmail.com"), inv=["11888"], quote="gmail_he")
R("he", ["payment_claim"], "2026-08-05 10:05", """הנה האישור מהבנק.

---------- Forwarded message ---------
מאת: בנק הפועלים <noreply@bankhapoalim.co.il>
Date: יום ג׳, 4 באוג׳ 2026 ב-15:12
Subject: אישור ביצוע העברה
To: <eyal.shefer@gmail.com>


לקוח יקר,
ההעברה בוצעה בהצלחה.
סכום: 2,950.00 ש"ח
לטובת: הובלות אלון
תאריך ביצוע: 04/08/2026
אסמכתא: 90312277""", biz="movers", frm=("אייל שפר", "eyal.shefer@gmail.com"), inv=["533"],
  quote=None, prefix="Re:", amt=2950.0)
R("he", ["payment_claim"], "2026-10-28 19:45", "העברתי את הסכום בבוקר, תודה על ההבנה ועל העבודה המעולה!",
  biz="design", frm=("אור", "or.shalom@gmail.com"), inv=["INV-2026-0281"], quote="gmail_he",
  stage="checkin")
R("he", ["payment_claim"], "2027-01-11 10:55", """שלום ליאת
בעלי שילם על שנינו בקבלה בפעם האחרונה שהיינו, באשראי שלו. זה היה ביום חמישי.
אסתר""", biz="physio", frm=("אסתר", "esther.levin@walla.co.il"), inv=["12080"], quote="apple_he",
  cs="windows-1255")
R("he", ["payment_claim"], "2026-07-27 08:15", "כבר העברתי ביום ראשון. מצרף צילום מסך", biz="elec",
  frm=("", "amir.natan@gmail.com"), inv=["3410"], quote="apple_he", attach="screenshot_bit.pdf")

# ---------------------------------------------------------- Hebrew: disputes
R("he", ["dispute", "question"], "2026-02-09 07:45", """אבי,
הנזילה מתחת לכיור חזרה יומיים אחרי שהיית פה. יש שוב שלולית כל בוקר.
אני לא משלם על עבודה שלא החזיקה. תתקשר אליי.""", biz="plumb", frm=("גדי", "gadi.ron@gmail.com"),
  stage="checkin", inv=["1031"], quote="gmail_he")
R("he", ["dispute"], "2026-03-18 12:25", """שלום שירן,
במשלוח האחרון קיבלנו רק 8 ארגזים של נוזל רצפות מתוך 10 שמופיעים בחשבונית. הנהג אמר שהשאר יגיעו, ולא הגיעו.
לא נשלם על סחורה שלא קיבלנו.
מוטי, אחראי משק, אולמי הגן הקסום""", biz="supply", frm=("מוטי", "meshek@hagan-hakasum.co.il"),
  inv=["SI-58560"], quote="outlook_he")
R("he", ["dispute"], "2026-05-14 21:05", """בחשבונית כתובות 6 שעות עבודה. החשמלאי היה אצלנו 3 וחצי שעות, מ-9 עד 12:30, יש לי את זה במצלמה של הכניסה.
לא אשלם על שעות שלא היו.""", biz="elec", frm=("שלומית", "shlomit.arad@gmail.com"),
  stage="checkin", inv=["3371"], quote="gmail_he")
R("he", ["dispute"], "2026-12-02 09:50", """שלום,
חויבתי פעמיים על חודש נובמבר: פעם בהוראת הקבע ופעם באשראי שעשיתי בטעות באתר. ועכשיו אתם שולחים לי תזכורת על דצמבר שכבר שולם בכלל מהכפל?
נא לבדוק ולהחזיר.
אבישג""", biz="tutor", frm=("אבישג", "avishag.cohen@gmail.com"), inv=["2026-455"], quote="gmail_he")
R("he", ["dispute"], "2026-06-16 14:30", """לא הזמנו את הפלאיירים האלה.
אולי התבלבלתם עם עסק אחר? אנחנו הזמנו רק כרטיסי ביקור בחודש מרץ, וזה שולם.""", biz="print",
  frm=("מספרת שלי", "shelly.hair.salon@gmail.com"), inv=["88290"], quote="gmail_he")
R("he", ["dispute"], "2026-08-19 16:12", """היי נועה,
כמו שדיברנו, נשלם כשתסיימי את הלוגו בגרסה הסופית, עם שני הצבעים שסיכמנו. כרגע יש לנו רק סקיצות.""",
  biz="design", frm=("יונתן – בית קפה אגס", "yonatan@agas-cafe.co.il"), inv=["INV-2026-0240"],
  quote="gmail_he", stage="before_due")
R("he", ["dispute"], "2026-07-02 10:40", """מירי שלום,
באירוע חסרו 20 מנות עיקריות, חלק מהאורחים קיבלו רק סלטים. הזמנו ל-120 איש ושילמנו מקדמה על 120.
עד שלא תתני זיכוי על המנות שלא הגיעו, אני לא משלמת את היתרה.
גלית""", biz="cater", frm=("גלית רביבו", "galit.rev@gmail.com"), stage="checkin", inv=["628"], quote="apple_he")
R("he", ["dispute"], "2026-09-10 11:55", """סיכמנו בטלפון על 3,500 לכל ההובלה כולל פירוק והרכבה של הארונות, ופתאום בחשבונית יש 4,200.
מה זה?""", biz="movers", frm=("ערן", "eran.vaknin@gmail.com"), inv=["488"], quote="gmail_he", amt=4200)
R("he", ["dispute"], "2026-03-31 13:15", """שלום רב,
את החשבונית הזאת סגרנו מול המפיץ האזורי שלכם בצפון (אחים עזרא), בקיזוז מול סחורה שהחזרנו.
נא לעדכן את הרישום אצלכם.
שאול, מנהל רכש, רשת מרכולי השלום""", biz="supply", frm=("שאול", "rechesh@makolet-hashalom.co.il"),
  inv=["SI-58590"], quote="outlook_he", fmt="alt")
R("he", ["dispute"], "2026-10-27 15:40", """שירן,
קיזזנו 600 ₪ מהתשלום בגלל העיכוב של שבועיים באספקה, כפי שהודענו לנציג שלכם בזמן אמת. מבחינתנו החשבונית סגורה.
איתן""", biz="supply", frm=("איתן", "eitan@green-laundry.co.il"), inv=["SI-59030"], amt=3850, quote="gmail_he")
R("he", ["dispute"], "2026-11-30 20:30", """נועה יקרה,
את יודעת כמה אני אוהבת לעבוד איתך, והתוצאה יצאה מהממת. באמת.
אבל החשבונית כוללת שלושה סבבי תיקונים נוספים שלא ביקשתי. הסבב השני והשלישי היו כי הקובץ הראשון הגיע עם הטעות בשם של העסק.
אני לא חושבת שזה הוגן שאשלם עליהם. אשמח שנסגור את זה 💛""", biz="design",
  frm=("טל", "tal.ceramics@gmail.com"), inv=["INV-2026-0290"], quote="gmail_he", stage="checkin")
R("he", ["dispute"], "2026-09-03 08:25", """שלום מיכל,
עדי לא הייתה בגן כל חודש אוגוסט, הודענו על זה מראש עוד ביוני ואת אישרת. למה אני מחויבת על אוגוסט?""",
  biz="gan", frm=("מירב", "meirav.sh@gmail.com"), inv=["40305"], quote="gmail_he")
R("he", ["dispute"], "2026-02-22 12:00", """שלום ליאת,
ביטלתי את התור של יום חמישי יותר מ-24 שעות מראש, בהודעה לקבלה. יש לי צילום מסך.
ובכל זאת חויבתי על "אי הגעה". אני לא אשלם את זה.""", biz="physio", frm=("רז", "raz.elbaz@gmail.com"),
  inv=["11672"], quote="apple_he")
R("he", ["dispute"], "2026-07-29 19:18", """עוד לא שילמתי כי המזגן עדיין מטפטף על הקיר, בדיוק כמו לפני הטיפול.
כשהטכנאי יחזור ויתקן את זה – אשלם באותו יום, לא לפני.""", biz="ac",
  frm=("", "boaz.ha@gmail.com"), inv=["KR-10760"], quote="gmail_he_plain")
R("he", ["dispute"], "2026-04-12 10:30", """רונית שלום,
החיוב על הדוח השנתי גבוה ממה שסוכם בהצעת המחיר: 2,800 ₪ ולא 3,600 ₪. הצעת המחיר נמצאת אצלי במייל מנובמבר.
אני לא מתכוונת לשלם יותר ממה שסיכמנו.
קרן""", biz="acct", frm=("קרן שמש", "keren.shemesh.cpa.client@gmail.com"), inv=["7751"],
  quote="outlook_he", amt=3600)
R("he", ["dispute"], "2026-12-17 13:45", """לא היה גנן אצלנו בשבועיים האחרונים של נובמבר, אפשר לשאול כל שכן בבניין.
ובכל זאת חויבנו על חודש מלא.""", biz="garden", frm=("ועד בית השושנים 8", "shoshanim8@gmail.com"),
  inv=["G-2301"], quote="gmail_he")
R("he", ["dispute", "promise"], "2026-03-04 18:20", """אבי,
את החשבונית של ינואר (1021) אני משלם ביום ראשון.
אבל על החשבונית של פברואר אני לא משלם עד שתחליף את הצינור שנסדק, כמו שהבטחת.""", rule="wd:sun",
  biz="plumb", frm=("שמעון", "shimon.azulay@gmail.com"), inv=["1021", "1036"], quote="gmail_he",
  stage="reminder")
R("he", ["dispute"], "2026-05-25 09:02", "לא שלנו", biz="print", frm=("", "office@bialik-dental.co.il"),
  inv=["88233"], quote="outlook_he")
R("he", ["dispute"], "2026-01-29 16:50", """אני אשלם, אבל רק אחרי שתחזירו לי את הכסף על הצבע שקניתי ולא השתמשתם בו. זה 450 ₪.
ואז נהיה מסודרים.""", biz="elec", frm=("מרים", "miriam.ka@walla.co.il"), inv=["3301"],
  quote="gmail_he", cs="windows-1255")
R("he", ["dispute"], "2026-09-14 22:10", """אלון,
שברתם לי את המראה הגדולה בהובלה ושרטתם את השולחן. שלחתי לך תמונות בוואטסאפ באותו ערב.
עד שלא נסגור את הפיצוי אני לא משלם את היתרה.""", biz="movers", frm=("אסף", "asaf.mizrahi@gmail.com"),
  stage="final", inv=["492"], quote="apple_he")
R("he", ["dispute"], "2026-06-22 11:22", """שלום יעל,
הצבעים בחוברות יצאו שונים לגמרי ממה שאישרנו בהגהה. הכחול יצא סגול. אנחנו לא יכולים לחלק את זה ללקוחות.
נשמח שתדפיסו מחדש, ועד אז התשלום מוקפא.
בברכה,
לימור, שיווק""", biz="print", frm=("לימור", "limor@arbel-realty.co.il"), stage="checkin", inv=["88301"],
  quote="outlook_he", fmt="alt")
R("he", ["dispute"], "2026-12-28 19:30", """ביטלנו את חוג השחמט באמצע נובמבר, במייל לאורנה. למה אתם ממשיכים לחייב על דצמבר?
אני מצרף את המייל ששלחתי אז.""", biz="tutor", frm=("יגאל", "yigal.peretz@gmail.com"),
  inv=["2026-470"], quote="gmail_he")
R("he", ["dispute", "payment_claim"], "2026-04-26 14:05", """זאת אותה חשבונית ששילמתי בחודש שעבר, רק עם מספר אחר: 3377 במקום 3345. אותו תאריך, אותה עבודה, אותו סכום.
תבדקו ותבטלו אחת מהן.""", biz="elec", frm=("", "ronit.sela@gmail.com"), inv=["3377", "3345"],
  quote="gmail_he")
R("he", ["dispute"], "2026-05-07 10:15", """מיכל,
אנחנו מאוד אוהבים את הגן ואת הצוות, באמת.
אבל באפריל הגן היה סגור 9 ימים בגלל החגים ועוד 3 ימים של שביתה, ואנחנו חושבים שזה לא הוגן לשלם על חודש מלא.
נשמח לשמוע מה אתם חושבים.
הילה ועומרי""", biz="gan", frm=("הילה", "hila.omri@gmail.com"), inv=["40250"], quote="gmail_he")
R("he", ["dispute"], "2027-02-02 09:35", """שלום רונית,
שילמנו לכם על הנהלת החשבונות עד סוף דצמבר, ומינואר עברנו למשרד אחר. הודענו על זה בכתב.
החשבונית על ינואר לא רלוונטית אלינו.
בברכה,
עופר""", biz="acct", frm=("עופר", "ofer@tzuk-logistics.co.il"), inv=["7902"], quote="outlook_he",
  cte="base64")
R("he", ["dispute"], "2026-08-12 17:40", """דנה שלום,
ההתקנה הייתה אמורה לכלול צנרת עד 4 מטר. הטכנאי אמר שזה כלול, ובחשבונית מופיעים 3 מטר נוספים בתשלום.
איך זה יכול להיות? אני לא מוכן לשלם על זה.""", biz="ac", frm=("יוסי", "yossi.gabay@gmail.com"),
  inv=["KR-10782"], quote="gmail_he")
R("he", ["dispute"], "2026-10-14 12:50", """שלום,
ההדברה של הדשא לא בוצעה בכלל, רק כיסוח. למה זה מופיע בחשבונית?
לא נשלם על משהו שלא נעשה.""", biz="garden", frm=("נירית", "nirit.hod@gmail.com"), stage="checkin", inv=["G-2266"],
  quote="apple_he")
R("he", ["dispute"], "2026-01-22 08:40", """הי ליאת, קיבלתי את החשבונית על 10 טיפולים. עשיתי 7, שלושה בוטלו ע"י הקליניקה כי הפיזיותרפיסטית הייתה חולה.
אני בטוחה שזה סתם טעות, אבל על שלושת הטיפולים שלא היו אני לא משלמת 🙂""", biz="physio", frm=("שרית", "sarit.ben@gmail.com"),
  inv=["11620"], quote="gmail_he")

# ------------------------------------------------------ Hebrew: plan requests
R("he", ["plan_request"], "2026-09-06 21:15", "אפשר לחלק לשלושה תשלומים?", biz="gan",
  frm=("", "adi.ve@gmail.com"), stage="solution", inv=["40312"], quote="apple_he", amt=2850)
R("he", ["plan_request"], "2026-02-23 13:00", """מאור היי,
אפשר לחכות שבועיים? התקופה קצת לחוצה אצלנו.
רונן""", biz="elec", frm=("רונן", "ronen.p@gmail.com"), stage="checkin", inv=["3331"], quote="gmail_he")
R("he", ["plan_request", "promise"], "2026-06-15 08:30", "אחי תן לי עד סוף השבוע ואני סוגר איתך הכל", rule="tw",
  biz="plumb", frm=("", "avi.mazor1@gmail.com"), inv=["1091"], quote="gmail_he", on="mon")
R("he", ["plan_request"], "2026-11-02 19:40", "אבי, אם תעשה לי 1,000 עגול אני מעביר עוד היום. מה אומר?",
  biz="plumb", frm=("יניב", "yaniv.tsur@gmail.com"), inv=["1133"], quote="apple_he", amt=1180)
R("he", ["plan_request", "question"], "2026-04-19 10:20", """שלום,
אני רוצה לנצל את ההנחה של 5% ולשלם את הכל בתשלום אחד. כמה יוצא אחרי ההנחה?
תודה, רינה""", biz="supply", frm=("רינה", "rina.bakery@gmail.com"), inv=["SI-58670"],
  quote="gmail_he", stage="solution", amt=3980)
R("he", ["plan_request", "promise"], "2026-07-21 11:45", """שלום רונית,
אשמח אם תוכלו לוותר על ריבית הפיגורים שנוספה. זו הפעם הראשונה שאני מאחר, והייתה לי תקלה עם הבנק.
את הקרן אשלם כמובן.
תודה, אלי""", biz="acct", frm=("אלי", "eli.carmi@gmail.com"), inv=["7811"], quote="outlook_he")
R("he", ["plan_request"], "2026-05-09 22:00", """היי,
אפשר להזיז את התשלום השלישי בהסדר מה-10 ל-20 לחודש? המשכורת שלי עברה לתאריך אחר בעבודה החדשה.""",
  biz="ac", frm=("הדר", "hadar.sh@gmail.com"), inv=["KR-10610"], quote="gmail_he", stage="plan", k=3, of=5)
R("he", ["plan_request"], "2026-10-22 14:10", """שלום אלון,
אני מובטל כרגע ולא יכול לשלם את כל הסכום בבת אחת. אפשר 300 ₪ בחודש עד שזה נסגר?
מצטער על העיכוב.
עמרי""", biz="movers", frm=("עמרי", "omri.dayan@walla.co.il"), inv=["508"], quote="gmail_he",
  cs="windows-1255", stage="solution")
R("he", ["plan_request"], "2026-03-23 17:30", "אפשר לשלם באשראי ב-6 תשלומים?", biz="design",
  frm=("", "liat.cohen.coach@gmail.com"), stage="solution", inv=["INV-2026-0210"], quote="gmail_he", amt=6400)
R("he", ["plan_request"], "2027-01-12 09:55", """שלום דנה,
אני מעדיף לשלם בתשלומים, כמו בפעם הקודמת שעשיתם לי את התחזוקה. זה אפשרי?""", biz="ac",
  frm=("שמואל", "shmuel.gold@gmail.com"), inv=["KR-11002"], quote="outlook_he")
R("he", ["plan_request", "promise"], "2026-08-04 12:35", """היי עומר,
אפשר לחכות איתי עד ה-20? אז נכנס לי החזר מס, ואני מעביר את כל הסכום.""", rule="dom:20",
  biz="garden", frm=("מתן", "matan.hr@gmail.com"), inv=["G-2238"], quote="gmail_he")
R("he", ["plan_request"], "2026-09-09 10:00", """יעל שלום,
נוכל לדחות את התשלום לאחרי החגים? העסק סגור כמעט כל החודש והמחזור אצלנו נופל.
בברכה, צחי""", biz="print", frm=("צחי", "tzachi@sababa-events.co.il"), inv=["88370"],
  quote="outlook_he", fmt="alt")
R("he", ["plan_request"], "2026-12-10 20:20", """אלון, בוא נגמור עם זה.
אני מציע לסגור את כל הסיפור ב-2,000 במקום 2,600, בהתחשב בעיכוב ביום ההובלה ובזה שחיכינו 4 שעות למשאית.""",
  biz="movers", frm=("שי", "shai.ben.ami@gmail.com"), stage="final", inv=["515"], quote="gmail_he", amt=2600)
R("he", ["plan_request"], "2026-02-02 11:10", """לכבוד ספקי הגליל,

בשל קשיים בתזרים בחודשים האחרונים, נבקש לפרוס את היתרה הפתוחה על פני 4 חודשים, בצ'קים דחויים.
נשמח לאישורכם.

בכבוד רב,
אברהם נגר
מנכ"ל, נגר הסעדה בע"מ""", biz="supply", frm=("אברהם נגר", "avraham@nagar-catering.co.il"),
  inv=["SI-58190", "SI-58230", "SI-58266"], quote="original_he", amt=18400)
R("he", ["plan_request"], "2026-06-01 09:25", """היי נועה,
את ההנחה של 5% עדיין אפשר לקבל אם אני משלמת השבוע? ראיתי שהיא הייתה עד סוף מאי 🙈""",
  biz="design", frm=("נגה", "noga.pilates@gmail.com"), inv=["INV-2026-0231"], quote="gmail_he",
  stage="solution")
R("he", ["plan_request", "question"], "2026-11-16 15:55", "תחלקו את זה ל-3 ותשלחו לי לינק לכל תשלום בנפרד",
  biz="tutor", frm=("", "shiran.elmaliah@gmail.com"), inv=["2026-450"], quote="apple_he")
R("he", ["plan_request"], "2026-07-13 18:05", """דנה,
המצב קשה עכשיו, אשתי בחל"ת ואני עובד חצי משרה. אפשר להקפיא את זה לחודשיים?""", biz="ac",
  frm=("משה", "moshe.dadon@gmail.com"), stage="solution", inv=["KR-10733"], quote="gmail_he_plain")
R("he", ["plan_request"], "2026-03-29 21:45", """אני לא יכולה לשלם הכל עכשיו.
אפשר חצי החודש וחצי בחודש הבא?""", biz="cater", frm=("ספיר", "sapir.az@gmail.com"), inv=["580"],
  quote="apple_he")
R("he", ["plan_request"], "2026-08-30 12:40", """שלום אורנה,
הבנתי מהורים אחרים שיש אפשרות להסדר תשלומים על שנת הלימודים. אשמח לעשות את זה גם לנו, על שני הילדים.""",
  biz="tutor", frm=("ליאור", "lior.ashkenazi@gmail.com"), inv=["2026-380", "2026-381"],
  quote="gmail_he", stage="before_due")
R("he", ["plan_request"], "2026-05-31 08:15", "אפשר לשלם על הסדרה בשני חלקים? חלק עכשיו וחלק בסוף הסדרה",
  biz="physio", frm=("", "noam.ariel@gmail.com"), inv=["11960"], quote="gmail_he")
R("he", ["plan_request"], "2026-01-06 16:30", "תן לי עוד שבוע בבקשה", biz="elec",
  frm=("", "haim.ozeri@gmail.com"), inv=["3297"], quote="gmail_he_plain", cs="windows-1255")
R("he", ["plan_request", "promise"], "2026-04-27 19:00", """מירי, אפשר לחכות איתי עד יום חמישי?
ביום חמישי אני מעבירה הכל, כולל המשלוח.""", rule="wd:thu", biz="cater",
  frm=("אפרת", "efrat.h@gmail.com"), inv=["602"], quote="gmail_he", on="mon")

# ---------------------------------------------------------- Hebrew: questions
R("he", ["question"], "2026-02-12 10:14", "?", biz="print", frm=("", "b.shoshana@gmail.com"),
  inv=["88150"], quote="gmail_he", read=6)
R("he", ["question"], "2026-03-26 09:30", """שלום שירן,
אפשר לקבל חשבונית מס? קיבלתי רק דרישת תשלום, ובלי חשבונית מס רו"ח שלנו לא מאשר.
תודה, גלעד""", biz="supply", frm=("גלעד", "gilad@sushi-bar-tlv.co.il"), inv=["SI-58605"], quote="gmail_he")
R("he", ["question"], "2026-07-09 20:05", "מה מספר החשבון להעברה? לא מופיע לי במייל", biz="movers",
  frm=("", "tali.b86@gmail.com"), inv=["476"], quote="apple_he")
R("he", ["question"], "2026-03-03 12:50", """שלום,
על מה החיוב הזה? אני לא זוכר שהזמנתי משהו בפברואר. אפשר פירוט?
משה""", biz="elec", frm=("משה", "moshe.lev@bezeqint.net"), stage="checkin", inv=["3340"], quote="outlook_he",
  cs="windows-1255")
R("he", ["question"], "2026-08-25 14:40", """היי דנה,
תשלחו לי חשבונית מס מקור ואז אני מעביר, בלי זה אני לא יכול להגיש לחברה.""", biz="ac",
  frm=("אורן", "oren.k@gmail.com"), inv=["KR-10795"], quote="gmail_he")
R("he", ["question"], "2026-10-01 19:25", "יש לך פייבוקס? תשלח מספר ואני שולח עכשיו", biz="garden",
  frm=("", "ben.alush@gmail.com"), inv=["G-2259"], quote="apple_he")
R("he", ["question"], "2026-01-18 11:00", """שלום רב,

על מנת שנוכל לשלם את החשבונית, נא לשלוח אישור ניכוי מס במקור ואישור ניהול ספרים בתוקף לשנת 2026.
ללא האישורים נאלץ לנכות 30% במקור, בהתאם להוראות.

בברכה,
הנהלת חשבונות
עיריית קריית השקמים – מחלקת רכש""", biz="print", frm=("רכש – עיריית קריית השקמים", "rechesh@kiryat-hashkamim.muni.il"),
  inv=["88130"], quote="outlook_he", fmt="html", amt=8200)
R("he", ["question"], "2026-06-24 08:45", """שלום,
החשבונית חייבת לכלול את מספר ההזמנה שלנו (PO 4500231), אחרת המערכת לא קולטת אותה.
נא להפיק מחדש ולשלוח.
צוות ספקים""", biz="supply", frm=("צוות ספקים – אלקטרה מזון", "suppliers@elektra-food.co.il"),
  inv=["SI-58760"], quote="outlook_he", fmt="alt")
R("he", ["question"], "2026-12-14 16:20", """היי רונית,
אפשר לקבל כרטסת של השנה האחרונה? נראה לי שיש פער בין מה שאצלי למה שאצלכם.
אלינור""", biz="acct", frm=("אלינור", "elinor@lavender-spa.co.il"), stage="statement", inv=["7850", "7861"],
  quote="gmail_he")
R("he", ["question"], "2026-04-14 13:10", """תתקשרי אליי בבקשה, יותר קל לי בטלפון.
054-7723190, אחרי 16:00""", biz="gan", frm=("ריטה", "rita.kogan@gmail.com"), inv=["40231"],
  quote="gmail_he", stage="checkin")
R("he", ["question"], "2026-09-02 10:35", """שלום,
נא לשלוח חשבוניות מעכשיו לכתובת invoices@hamoshava-winery.co.il ולא אליי.
תודה,
אביגיל""", biz="print", frm=("אביגיל", "avigail@hamoshava-winery.co.il"), inv=["88365"],
  quote="outlook_he")
R("he", ["question"], "2026-11-25 18:50", """היי מאור,
למה החשבונית על 12 שעות? אפשר לקבל פירוט של הימים והשעות? רוצה להבין על מה כל שעה לפני שאני משלמת.""",
  biz="elec", frm=("אנה", "anna.k@gmail.com"), inv=["3440"], quote="gmail_he")
R("he", ["question"], "2026-05-17 09:05", "אפשר לשלם לך במזומן? אני לא מסתדר עם העברות באפליקציה", biz="plumb",
  frm=("", "zehava.m@walla.co.il"), inv=["1076"], quote="gmail_he_plain")
R("he", ["question"], "2026-08-31 21:10", "עד מתי צריך לשלם?", biz="tutor", frm=("", "ella.r@gmail.com"),
  inv=["2026-377"], quote="apple_he", stage="before_due")
R("he", ["question"], "2026-02-17 15:05", """שלום,
קיבלתי שתי חשבוניות עם אותו סכום בדיוק. זה כפול, או שאלה שני חודשים שונים?
יוסי""", biz="garden", frm=("יוסי", "yossi.m.home@gmail.com"), inv=["G-2195", "G-2203"], quote="gmail_he")
R("he", ["question"], "2026-12-22 12:00", """העברתי את המייל לרו"ח שלנו. הוא שואל אם אפשר לקבל את החשבונית כקובץ PDF ולא כקישור לאתר.""",
  biz="design", frm=("אביב", "aviv@aviv-studio.co.il"), inv=["INV-2026-0301"], quote="gmail_he")
R("he", ["question"], "2026-06-11 11:40", "איזה בנק וסניף? אני ליד הבנק עכשיו ויכול להפקיד במקום",
  biz="movers", frm=("", "david.hazan@gmail.com"), inv=["466"], quote="apple_he", read=0.2)
R("he", ["question"], "2026-03-17 10:22", "הסכום כולל מע\"מ?", biz="ac", frm=("", "nava.t@gmail.com"),
  inv=["KR-10530"], quote="gmail_he", stage="before_due")
R("he", ["question"], "2026-10-29 13:30", """שלום נועה,
אפשר להוציא את החשבונית על שם החברה ולא על שמי הפרטי? ח.פ. 516223408, "שחר תקשורת בע"מ".
תודה!""", biz="design", frm=("שחר", "shahar@shahar-media.co.il"), inv=["INV-2026-0284"], quote="gmail_he")
R("he", ["question"], "2026-07-30 08:55", "איזו חשבונית זאת? יש לי כמה אצלכם ואני לא מצליח לפתוח את הקובץ", biz="supply",
  frm=("", "rafi.kiosk@gmail.com"), inv=["SI-58880"], quote="gmail_he")
R("he", ["question"], "2026-12-29 14:25", """רונית שלום,
אפשר לקבל אישור יתרה לסוף שנה? רואה החשבון שלנו מבקש אישור שאין יתרה פתוחה ביניכם לבינינו.""",
  biz="acct", frm=("שגית", "sagit@taliyah-travel.co.il"), inv=[], quote="outlook_he", stage="statement")
R("he", ["question"], "2026-04-05 20:40", """עוד לא שילמתי, כי לא קיבלתי חשבונית בכלל. רק את התזכורת הזאת.
תשלחו?""", biz="cater", frm=("מאיר", "meir.sror@gmail.com"), inv=["595"], quote="gmail_he")
R("he", ["question"], "2026-09-16 22:30", """הקישור לתשלום לא עובד, אני מקבלת "שגיאה 500".
יש דרך אחרת לשלם באשראי?""", biz="gan", frm=("טליה", "talia.s@gmail.com"), inv=["40320"], quote="apple_he")
R("he", ["question"], "2026-05-21 16:15", """מה ההבדל בין החשבונית הזאת לזאת ששלחתם בשבוע שעבר? יש שם מספר אחר וסכום קצת שונה""",
  biz="print", frm=("", "hagit.n@gmail.com"), inv=["88250"], quote="gmail_he")
R("he", ["question"], "2026-11-05 07:50", """בוקר טוב מיכל,
התשלומים על הצהרון נפרדים מהגן? לא הבנתי מהמייל אם 2,450 כולל את הצהרון או לא.""", biz="gan",
  frm=("תמר", "tamar.z@gmail.com"), inv=["40415"], quote="gmail_he", amt=2450)
R("he", ["question"], "2027-02-21 12:45", """שלום ליאת,
אפשר לקבל קבלה מפורטת לביטוח המשלים, עם קוד טיפול ותאריכים? הם לא מקבלים את הקבלה הרגילה.""",
  biz="physio", frm=("בתיה", "batya.s@gmail.com"), inv=["12190"], quote="gmail_he")
R("he", ["question"], "2026-01-26 10:05", "", biz="supply",
  frm=("קליטת ספקים – קבוצת מלונות הים", "supplier.onboarding@hayam-hotels.co.il"), inv=["SI-58170"],
  quote="outlook_he", fmt="html",
  html_body='<div dir="rtl" style="font-family:Calibri,Arial;font-size:11pt"><p>שלום רב,</p><p>לצורך קליטת החשבונית במערכת ותשלומה נבקש להעביר אלינו:</p><ol dir="rtl"><li>חשבונית מס מקור</li><li>אישור ניהול ספרים בתוקף</li><li>פרטי חשבון בנק על גבי מכתב רשמי של החברה</li></ol><p>בברכה,<br>מחלקת קליטת ספקים<br>קבוצת מלונות הים</p><p style="font-size:8pt;color:gray">הודעה זו והמידע הכלול בה מיועדים לנמען בלבד.</p></div>')

# --------------------------------------------------------------- Hebrew: none
R("he", ["none"], "2026-04-05 11:20", "תודה 🙏", biz="design", frm=("", "mor.fitness@gmail.com"),
  inv=["INV-2026-0215"], quote="apple_he", stage="thanks")
R("he", ["none"], "2026-03-19 09:10", "העברתי לרו\"ח", biz="acct", frm=("", "yossi@y-bakery.co.il"),
  inv=["7742"], quote="gmail_he")
R("he", ["none"], "2026-10-07 19:55", """היי מיכל,
העברתי את המייל לבעלי, הוא מטפל בכל התשלומים של הגן.
שירה""", biz="gan", frm=("שירה", "shira.bl@gmail.com"), inv=["40360"], quote="gmail_he")
R("he", ["none"], "2026-02-25 13:35", "אבדוק ואחזור אלייך", biz="supply", frm=("", "dudi.hamizrach@gmail.com"),
  stage="final", inv=["SI-58420"], quote="apple_he")
R("he", ["none"], "2026-07-16 22:50", "עוד לא שילמתי", biz="garden", frm=("", "eyal.stern@gmail.com"),
  inv=["G-2225"], quote="gmail_he")
R("he", ["none"], "2026-05-11 10:30", """שלום,
אני לא דנה, כנראה יש טעות בכתובת. אין לי שום קשר למיזוג אוויר 🙂""", biz="ac",
  frm=("דנה גרינברג", "dana.greenberg@gmail.com"), inv=["KR-10590"], quote="gmail_he")
R("he", ["none"], "2026-09-24 12:15", """שלום יעל,
אני כבר לא עובדת בעמותה מתחילת החודש. את הכספים מנהל עכשיו רפי בן שושן, 050-4418223.
בהצלחה!
מיכל""", biz="print", frm=("מיכל ארז", "michal.erez.private@gmail.com"), inv=["88380"], quote="gmail_he")
R("he", ["none"], "2026-03-08 09:00", """שלום,
אני מחוץ למשרד עד 15.3 ללא גישה למייל.
בעניינים דחופים ניתן לפנות לנעמה בטלפון 03-6120450.
תודה,
רותי""", biz="supply", frm=("רותי פרלמן", "ruti@perlman-gallery.co.il"), inv=["SI-58490"],
  quote=None, prefix="מענה אוטומטי:",
  extra_headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"}, read=0.1)
R("he", ["none"], "2026-06-25 20:10", "תודה אבי, אגב הברז במקלחת עובד מעולה מאז שהחלפת 👌", biz="plumb",
  frm=("", "inbar.s@gmail.com"), inv=["1095"], quote="gmail_he", stage="thanks")
R("he", ["none"], "2026-01-13 21:30", """מירי היי,
אפשר להזמין ממך קייטרינג לבר מצווה של הבן שלי ב-20 ביוני? בערך 80 איש, חלבי.
נשמח להצעת מחיר 😊""", biz="cater", frm=("אורנית", "ornit.m@gmail.com"), inv=["571"], quote="gmail_he",
  stage="thanks")
R("he", ["none"], "2026-04-23 08:40", "היי, אפשר לתאם טכנאי לתחזוקה שנתית? המזגן בסלון עושה רעש", biz="ac",
  frm=("", "rami.levi.home@gmail.com"), inv=["KR-10560"], quote="apple_he", stage="before_due")
R("he", ["none"], "2026-08-13 17:20", """אבי, שכחת אצלנו את הסולם הקטן ואת הארגז עם המפתחות.
זה מחכה לך ליד הדלת.""", biz="plumb", frm=("מירה", "mira.dror@gmail.com"), inv=["1110"], quote="gmail_he")
R("he", ["none"], "2026-11-19 14:00", "אחשוב על זה ואחזור אליכם", biz="movers", frm=("", "hen.barak@gmail.com"),
  inv=["511"], quote="gmail_he", stage="solution")
R("he", ["none"], "2026-02-04 08:05", "קיבלתי, תודה", biz="tutor", frm=("", "revital.g@walla.co.il"),
  inv=["2026-220"], quote="gmail_he_plain", cs="windows-1255", stage="before_due")
R("he", ["none"], "2026-10-19 18:45", "👍", biz="elec", frm=("", "gal.mizrachi@gmail.com"),
  inv=["3430"], quote="apple_he")
R("he", ["none"], "2026-05-26 11:50", """שלום שירן,
אני בודקת את זה מול הנהלת החשבונות ואעדכן אותך.
בברכה, נטלי""", biz="supply", frm=("נטלי", "natali@bagel-house.co.il"), inv=["SI-58730"],
  quote="outlook_he")
R("he", ["none"], "2026-12-08 10:25", "תודה רבה על הגמישות, זה באמת עוזר לנו בתקופה הזאת", biz="ac",
  frm=("שושי", "shoshi.k@gmail.com"), inv=["KR-10980"], quote="gmail_he", stage="plan", k=1, of=3)
R("he", ["none"], "2026-07-01 19:30", """תודה לכם! היה כיף לעבוד איתכם, הגינה נראית מדהים.
נתראה באביב 🌱""", biz="garden", frm=("ענבל", "inbal.katz@gmail.com"), inv=["G-2215"], quote="gmail_he",
  stage="thanks")
R("he", ["none"], "2026-09-17 20:35", "העברתי לאבא שלי, הוא משלם על החוגים של הילדים", biz="tutor",
  frm=("", "yarden.h@gmail.com"), inv=["2026-395"], quote="apple_he")
R("he", ["none"], "2026-03-05 16:40", """היי ליאת מה שלומך? עוד לא שילמתי, אבל הגב כבר הרבה יותר טוב 😊
מתגעגעת לטיפולים""", biz="physio", frm=("רוני", "roni.gefen@gmail.com"), inv=["11720"], quote="gmail_he")
R("he", ["none"], "2026-06-18 09:15", """שלום רב,
פנייתך התקבלה במערכת ותטופל בהקדם. מספר הפנייה: 2026-48813.
אין להשיב להודעה זו.
שירות לקוחות – נדל"ן אביב""", biz="garden", frm=("שירות לקוחות", "no-reply@aviv-nadlan.co.il"),
  inv=["G-2210"], quote=None, prefix="RE:",
  extra_headers={"Auto-Submitted": "auto-replied", "Precedence": "auto_reply"}, read=0.1)
R("he", ["none"], "2026-01-15 12:40", "ראיתי שהמחירים שלכם עלו השנה 😄 כל הכבוד על ההצלחה, מגיע לכם", biz="cater",
  frm=("", "tzipi.h@gmail.com"), inv=["566"], quote="gmail_he", stage="before_due")
R("he", ["none"], "2026-11-26 11:05", """שלום רונית,
רק שתדעו, המשכורות אצלנו מתעכבות החודש בגלל המעבר לתוכנת שכר חדשה. כולם פה בהמתנה.
עדי""", biz="acct", frm=("עדי", "adi@kesem-toys.co.il"), inv=["7870"], quote="outlook_he")
R("he", ["none"], "2026-08-20 15:25", "העברתי את זה למחלקת כספים", biz="print",
  frm=("אלעד", "elad@tzahal-museum-shop.org.il"), inv=["88340"], quote="outlook_he", cte="base64")
R("he", ["none"], "2026-04-16 23:05", "ראיתי", biz="design", frm=("", "keren.photos@gmail.com"),
  inv=["INV-2026-0214"], quote="apple_he")

# ==================================================================== ENGLISH
# ---------------------------------------------------------- English: promises
R("en", ["promise"], "2026-03-17 16:42", "Haven't paid yet, will pay Friday.", rule="wd:fri", biz="it",
  frm=("Mark Feldman", "mark@feldman-law.co.il"), inv=["BF-2026-0410"], quote="outlook", on="tue")
R("en", ["promise"], "2026-05-04 10:12", """Hello,

Thank you for your email. Invoice KD-2026-051 has been received and approved. Per our Net 45 payment terms, it is scheduled for payment in an upcoming payment cycle.

Best regards,
Accounts Payable
Northwind Analytics Ltd.
ap@northwind-analytics.com

CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it.""",
  biz="dev", frm=("Accounts Payable", "ap@northwind-analytics.com"), inv=["KD-2026-051"],
  quote="outlook_fw", fmt="alt", stage="reminder",
  fw=("Gideon Shaked", "gideon@northwind-analytics.com", "AP team - can you take care of this? Thanks, Gideon"))
R("en", ["promise"], "2026-08-18 09:35", """Hi Tamar,
I'll transfer on the 25th when our payroll goes out. Sorry for the wait!
Daniel""", rule="dom:25", biz="trans", frm=("Daniel Brook", "daniel@brookmedia.io"), stage="followup", inv=["TT-118"],
  quote="gmail")
R("en", ["promise"], "2026-11-10 22:48", """Tomorrow morning, promise.

Sent from my iPhone""", rule="tom", biz="photo", frm=("Jess", "jess.m.levy@gmail.com"), inv=["YM-0934"],
  quote="apple_en")
R("en", ["promise"], "2026-02-19 18:25", "Sorry!! Totally slipped my mind. Paying tonight 🙈", rule="today",
  biz="coffee", frm=("Noa @ Little Fox Café", "hello@littlefoxcafe.co.il"), inv=["BC-7720"], quote="gmail")
R("en", ["promise"], "2026-06-08 12:05", "20th ok?", rule="dom:20", biz="villa",
  frm=("", "p.oconnell@eircom.net"), inv=["GS-3381"], quote="gmail", stage="before_due")
R("en", ["promise"], "2026-09-23 14:30", """Hi Tamar,

Honest answer: my end client (a publisher in Berlin) still hasn't paid me for the book, and your part comes out of that. Once they pay, I'll settle yours straight away. You won't be forgotten.

Thanks for your patience,
Laura""", biz="trans", frm=("Laura Stein", "laura.stein.agency@gmail.com"), inv=["TT-125", "TT-129"],
  quote="gmail", stage="checkin")
R("en", ["promise"], "2026-04-13 11:11", "We'll process this week. Thanks for the reminder.", rule="tw",
  biz="it", frm=("Orly Ben-Ami", "orly@ba-architects.co.il"), inv=["BF-2026-0388"], quote="outlook",
  on="mon")
R("en", ["promise"], "2026-02-24 08:50", """Hi Efrat,

Payment will go out on 3 March with our monthly supplier run.

Regards,
Ben Avraham
Finance, The Olive Tree Restaurant Group""", rule="dm:03/03", biz="coffee",
  frm=("Ben Avraham", "finance@olivetree-group.co.il"), inv=["BC-7702", "BC-7715"], quote="outlook")
R("en", ["promise"], "2026-10-21 15:55", "Hi Shira, we'll pay within 10 days. Cheers, Tom", rule="d:10",
  biz="dev", frm=("Tom Harel", "tom@pixelharbor.com"), stage="final", inv=["KD-2026-088"], quote="gmail")
R("en", ["promise"], "2027-01-19 10:40", """Dear Yoav,

We're waiting for the grant from the Ministry of Culture to come through. As soon as it lands, you're first in line – I know we owe you for the rehearsal shoot.

Warmly,
Ruth Adler
Managing Director, Jaffa Fringe Theatre""", biz="photo", frm=("Ruth Adler", "ruth@jaffafringe.org"),
  inv=["YM-0950"], quote="gmail", fmt="alt", stage="checkin")
R("en", ["promise"], "2026-07-22 19:10", """Hi Ronen,
We'll pay the balance next Monday. Can't wait for our stay!
The Morrisons""", rule="wd:mon", biz="villa", frm=("Claire Morrison", "claire.morrison@btinternet.com"),
  inv=["GS-3402"], quote="gmail", stage="before_due")
R("en", ["promise"], "2026-12-31 13:20", """Hi Michal,
Sorry, my Hebrew isn't great so I'm writing in English. I'll pay the balance on Sunday after Shabbat.
Thanks,
Rachel (Ayala's mom)""", rule="wd:sun", biz="gan", frm=("Rachel Gold", "rachel.gold.aliyah@gmail.com"),
  inv=["40470"], quote="gmail_he_plain", on="thu")
R("en", ["promise"], "2026-05-27 21:15", """?? I told your colleague on the phone that it's coming. Stop emailing me every other day, seriously.
You'll have it Thursday.""", rule="wd:thu", biz="it", frm=("", "gary.shapiro@shapiro-optics.com"),
  inv=["BF-2026-0432"], quote="outlook", stage="followup")
R("en", ["promise"], "2026-03-30 09:05", "Thanks Gal. Will pay within a week.", rule="d:7", biz="it",
  frm=("Nadav", "nadav@greenroof.co.il"), inv=["BF-2026-0395"], quote="gmail")

# ---------------------------------------------------- English: payment claims
R("en", ["payment_claim"], "2026-04-07 08:30", "Paid.", biz="dev", frm=("", "ops@lumen-labs.io"),
  inv=["KD-2026-060"], quote="gmail", read=1)
R("en", ["payment_claim"], "2026-07-14 23:10", """Hi Yoav, I paid via PayPal yesterday – transaction ID 4RK21937HX880512C.
Thanks again for the amazing pictures!
Mia""", biz="photo", frm=("Mia Klein", "mia.klein.nyc@gmail.com"), inv=["YM-0941"], quote="apple_en")
R("en", ["payment_claim"], "2026-09-04 17:45", """Hello Ronen,
I paid by card through your website on the 2nd and got a confirmation email. Perhaps the reminder crossed with the payment?
Regards, Henrik""", biz="villa", frm=("Henrik Nilsson", "henrik.nilsson@telia.se"), inv=["GS-3419"],
  quote="gmail")
R("en", ["payment_claim"], "2026-06-22 12:15", """Dear Shira,

Our AP team released the payment on Friday. Please find the remittance advice attached.

Kind regards,
Priya Raman
Finance Operations, Helix Bio Inc.""", biz="dev", frm=("Priya Raman", "priya.raman@helixbio.com"),
  inv=["KD-2026-071"], quote="outlook", fmt="alt", attach="remittance_advice_KD-2026-071.pdf")
R("en", ["payment_claim"], "2026-10-12 10:25", """The cheque was mailed last week to your Petah Tikva office.

-----
Avi Green | Office Manager | Green & Sons Accounting""", biz="it", frm=("Avi Green", "avi@greensons.co.il"),
  inv=["BF-2026-0470"], quote="original")
R("en", ["payment_claim"], "2026-04-29 20:00", "I thought I paid this? Pretty sure I did back in March.",
  biz="trans", frm=("", "sam.rosenthal@outlook.com"), stage="followup", inv=["TT-112"], quote="outlook")
R("en", ["payment_claim"], "2026-11-24 15:35", "Sent it, did it arrive?", biz="coffee",
  frm=("Yuval – Bean There", "yuval@beanthere.co.il"), inv=["BC-7790"], quote="gmail")
R("en", ["payment_claim"], "2026-03-11 11:05", """Hi,
The transfer went out on Monday, ref. 5512093. Banks here can take up to 2 business days.
Best, Alex""", biz="coffee", frm=("Alex Marom", "alex@marom-hotels.com"), stage="final", inv=["BC-7710"], quote="outlook",
  cte="base64")
R("en", ["payment_claim"], "2027-02-10 09:20", """Hi Tamar,
My company pays these directly – finance told me it was wired on the 8th. Let me know if it hasn't shown up by next week and I'll chase them.
Oren""", biz="trans", frm=("Oren Sadeh", "oren.sadeh@vectorsec.com"), inv=["TT-140"], quote="gmail")
R("en", ["payment_claim"], "2026-08-13 13:40", "Paid cash to your driver with the last delivery (Tuesday). He signed the delivery note.",
  biz="coffee", frm=("Marco", "marco@trattoria-haifa.co.il"), inv=["BC-7760"], quote="gmail")

# ---------------------------------------------------------- English: disputes
R("en", ["dispute"], "2026-08-26 21:30", """Yoav,

The photos were delivered three weeks after the date we agreed, and about half of the ceremony shots are out of focus. We're not paying the full amount for that – it is not what we paid for.

Daniel & Maya""", biz="photo", frm=("Daniel Cohen", "daniel.maya.wedding@gmail.com"), inv=["YM-0945"],
  quote="gmail", stage="checkin")
R("en", ["dispute"], "2026-04-09 14:05", """Hi Shira,
We were charged twice for March hosting – KD-2026-058 and KD-2026-061 are the same line items. Please cancel one.
Thanks, Lior""", biz="dev", frm=("Lior Ben Haim", "lior@cartwheel.app"), inv=["KD-2026-061", "KD-2026-058"], quote="gmail")
R("en", ["dispute"], "2026-01-28 10:50", """Hello,

We never ordered the extra 5 Microsoft 365 licenses on this invoice. We have 12 users, not 17. Please correct it.

Regards,
Irit Sharabi
Office Manager""", biz="it", frm=("Irit Sharabi", "irit@sharabi-dental.co.il"), stage="checkin", inv=["BF-2026-0371"],
  quote="outlook")
R("en", ["dispute"], "2026-07-06 16:20", """Tamar,

Our client rejected the translation – chapters 3 and 4 had terminology errors that their legal team flagged. Once you fix those chapters, we'll pay the full invoice.

Best,
Hannah Goldberg
Project Manager, LinguaBridge""", biz="trans", frm=("Hannah Goldberg", "hannah@linguabridge.com"),
  inv=["TT-121"], quote="outlook", fmt="alt")
R("en", ["dispute"], "2026-12-03 09:45", """Shira,
The invoice shows 40 hours for the integration work, but the SOW we signed caps that phase at 30 hours. 40 is not what we signed.
Amir""", biz="dev", frm=("Amir Navon", "amir@fleetly.io"), stage="final", inv=["KD-2026-102"], quote="gmail", amt=18000)
R("en", ["dispute"], "2026-05-18 19:40", """Hi Ronen,
We cancelled our booking on 2 May, well inside the free cancellation window in your terms. Why is there still a balance on our account?
Sophie""", biz="villa", frm=("Sophie Martin", "sophie.martin@orange.fr"), inv=["GS-3390"], quote="gmail")
R("en", ["dispute"], "2026-10-05 11:30", """Efrat,
The last two bags of the Ethiopia blend were stale – we sent them back with your driver on Thursday. Please issue a credit note for them and we'll pay the rest after that.
Shai""", biz="coffee", frm=("Shai", "shai@brewlab.co.il"), inv=["BC-7781"], quote="gmail")
R("en", ["dispute"], "2026-02-10 12:55", """Hi Gal,

Hope you're well, and thanks again for sorting out the server last month – your team was great.

One thing on this invoice though: the on-site visit on 4 February was cancelled by us the evening before, as your technician confirmed by phone. So we don't think the call-out fee should be there. Could you take it off?

Many thanks,
Dvora""", biz="it", frm=("Dvora Klein", "dvora@kleinpr.co.il"), inv=["BF-2026-0380"], quote="outlook",
  stage="checkin")
R("en", ["dispute", "promise"], "2026-09-15 10:10", """Hi Shira,
I'll pay the hosting part today. The design hours are wrong though – we agreed on 12, not 20 – so that part is on hold until it's fixed.
Noam""", rule="today", biz="dev", frm=("Noam Peled", "noam@tinyroots.co"), inv=["KD-2026-083"], quote="gmail")

# ------------------------------------------------------ English: plan requests
R("en", ["plan_request"], "2026-06-17 10:30", "Could we split this into 3 payments?", biz="it",
  frm=("", "yael@yaelstudio.co.il"), stage="solution", inv=["BF-2026-0441"], quote="gmail", amt=9600)
R("en", ["plan_request"], "2026-01-21 15:15", "Hi Efrat, can you wait two weeks? Slow month here.", biz="coffee",
  frm=("Ido", "ido@corner-espresso.co.il"), stage="checkin", inv=["BC-7690"], quote="gmail")
R("en", ["plan_request", "promise"], "2026-11-03 11:50", """Hi Shira,

We've paid late, I know, and we'll pay the invoice. But would you be willing to waive the late fee? We've been with you for six years and this is the first time it's happened.

Thanks,
Ella""", biz="dev", frm=("Ella Weiss", "ella@weiss-consulting.com"), inv=["KD-2026-094"], quote="outlook")
R("en", ["plan_request"], "2026-08-03 08:20", "Happy to take the 5% discount and pay in full by Friday, if the offer still stands?",
  biz="it", frm=("Ron", "ron@ronbikes.co.il"), inv=["BF-2026-0455"], quote="gmail", stage="solution")
R("en", ["plan_request"], "2026-12-16 20:45", """Hi Yoav,
Things are rough right now – I lost a big client in November. Could we do ILS 500 a month until it's cleared? I'd rather pay it slowly than not at all.
Jonathan""", biz="photo", frm=("Jonathan Bar", "jonathan.bar.design@gmail.com"), inv=["YM-0958"],
  quote="gmail", stage="solution")
R("en", ["plan_request"], "2026-03-24 17:05", "Can I pay half now and half next month?", biz="villa",
  frm=("", "mike.obrien77@gmail.com"), stage="solution", inv=["GS-3360"], quote="apple_en")
R("en", ["plan_request", "promise"], "2026-07-01 09:40", "Give me until the 15th? I'll clear it all then.",
  rule="dom:15", biz="trans", frm=("Gil", "gil.a@startupnation.dev"), inv=["TT-123"], quote="gmail")

# ---------------------------------------------------------- English: questions
R("en", ["question"], "2026-05-12 13:25", "Hi Tamar, can you resend the invoice? I can't find it anywhere.",
  biz="trans", frm=("Anna", "anna.kowalski@wp.pl"), inv=["TT-116"], quote="gmail")
R("en", ["question"], "2026-08-28 18:05", """Hi Ronen,
What are your bank details? We're in the UK so we'll need the IBAN and SWIFT code.
Thanks, Paul""", biz="villa", frm=("Paul Hughes", "paul.hughes@sky.com"), inv=["GS-3410"], quote="gmail",
  stage="before_due")
R("en", ["question"], "2026-02-03 09:15", """Hello,

Please add our PO number 4500-118 to the invoice and reissue it. Our system rejects invoices without a PO.

Thank you,
Accounts Payable – Meridian Health""", biz="dev", frm=("AP Meridian", "ap@meridianhealth.com"),
  inv=["KD-2026-044"], quote="outlook")
R("en", ["question"], "2026-09-29 12:35", "Send me your bank details and I'll transfer right now.", biz="photo",
  frm=("Dana", "dana.events.tlv@gmail.com"), inv=["YM-0947"], quote="gmail")
R("en", ["question"], "2026-04-21 10:10", "Quick one: is VAT included in this amount?", biz="it",
  frm=("Shlomo", "shlomo@shpilman-clinic.co.il"), inv=["BF-2026-0401"], quote="outlook", stage="before_due")
R("en", ["question"], "2026-12-20 14:50", """Hi Efrat,
Could you send me a statement of account for 2026? Our accountant is closing the year.
Best, Karen""", biz="coffee", frm=("Karen", "karen@sunrise-bakery.co.il"), stage="statement", inv=["BC-7795", "BC-7801"], quote="gmail")
R("en", ["question"], "2026-06-02 11:40", """Hi,
Going forward, please send all invoices to ap@brightpath.education rather than to me.
Thanks,
Michael""", biz="dev", frm=("Michael Stern", "michael@brightpath.education"), inv=["KD-2026-067"], quote="gmail")
R("en", ["question"], "2026-10-27 16:30", "What is this charge for? I don't recognise YM-0952.", biz="photo",
  frm=("", "s.abramov@gmail.com"), inv=["YM-0952"], quote="gmail")
R("en", ["question"], "2026-07-28 21:05", "Can I pay by credit card? The link in your email isn't working for me.",
  biz="villa", frm=("Lena", "lena.fischer@gmx.de"), inv=["GS-3405"], quote="gmail")
R("en", ["question"], "2026-01-07 12:20", """Gal, can we hop on a call tomorrow? Easier to sort this out by phone.
I'm free after 2.
– Eyal""", biz="it", frm=("Eyal", "eyal@eyal-law.co.il"), inv=["BF-2026-0360"], quote="outlook", stage="final")

# --------------------------------------------------------------- English: none
R("en", ["none"], "2026-05-06 09:45", "Thanks!", biz="dev", frm=("", "hadas@kinetic.co.il"),
  inv=["KD-2026-063"], quote="gmail", stage="thanks")
R("en", ["none"], "2026-09-10 10:05", "Forwarded to our accounts team.", biz="dev",
  frm=("Yaron", "yaron@qubitron.ai"), inv=["KD-2026-081"], quote="gmail")
R("en", ["none"], "2026-03-20 14:15", "I'll check with my partner and get back to you.", biz="photo",
  frm=("Ben", "ben.tal.music@gmail.com"), inv=["YM-0920"], quote="apple_en")
R("en", ["none"], "2027-01-04 08:00", """Thank you for your email.

I am out of the office until 12 January with limited access to email. For urgent matters please contact office@hartman-arch.com.

Best regards,
David Hartman""", biz="it", frm=("David Hartman", "david@hartman-arch.com"), inv=["BF-2026-0480"],
  quote=None, prefix="Automatic reply:", extra_headers={"Auto-Submitted": "auto-replied",
  "X-Auto-Response-Suppress": "All", "X-MS-Exchange-Inbox-Rules-Loop": "david@hartman-arch.com"}, read=0.1)
R("en", ["none"], "2026-06-29 19:20", "Hi, I think you have the wrong Sarah – I've never used a translation service.",
  biz="trans", frm=("Sarah Katz", "sarah.katz.1985@gmail.com"), inv=["TT-122"], quote="gmail")
R("en", ["none"], "2026-11-17 22:30", "Haven't paid yet.", biz="villa", frm=("", "tom.jenkins@yahoo.co.uk"),
  inv=["GS-3431"], quote="gmail")
R("en", ["none"], "2026-02-26 11:35", "ok", biz="coffee", frm=("", "roy@kaffa-bar.co.il"), inv=["BC-7700"],
  quote="gmail")
R("en", ["none"], "2026-08-05 10:50", """Hi Gal,
Dana left the company last month; I'm handling her accounts from now on. My direct line is 03-7710442.
Best,
Yoni Peretz""", biz="it", frm=("Yoni Peretz", "yoni@maayan-insurance.co.il"), inv=["BF-2026-0450"], quote="outlook")
R("en", ["none"], "2026-10-14 20:25", """Hi Ronen!
We loved our stay. Do you have availability for the first week of August next year? Same cottage if possible.
Emma""", biz="villa", frm=("Emma Walsh", "emma.walsh@icloud.com"), inv=["GS-3425"], quote="apple_en",
  stage="thanks")
R("en", ["none"], "2026-12-07 13:00", "Let me think about the offer and I'll come back to you.", biz="photo",
  frm=("Guy", "guy.amsalem@gmail.com"), inv=["YM-0955"], quote="gmail", stage="solution")

# ====================================================================== MIXED
R("mixed", ["promise"], "2026-04-14 22:35", "ahi ani maavir lecha mahar baboker, sorry al haikuv", rule="tom",
  biz="elec", frm=("", "dudu.bakshi@gmail.com"), inv=["3362"], quote="gmail")
R("mixed", ["promise"], "2026-10-01 08:40", """היי Shira,
I'll pay on the 10th, המשכורת נכנסת ב-9.
Thanks!""", rule="dom:10", biz="dev", frm=("Roni Adar", "roni@adar-ux.co.il"), inv=["KD-2026-086"], quote="gmail")
R("mixed", ["payment_claim"], "2026-07-20 16:15", "שלחתי transfer אתמול, reference 77120, תבדקו בבקשה", biz="it",
  frm=("Itamar", "itamar@itamar-photo.co.il"), inv=["BF-2026-0449"], quote="gmail")
R("mixed", ["payment_claim"], "2026-12-01 12:05", """Hi Gal,
שילמנו via credit card בפורטל שלכם אתמול, האישור מצורף.
Best, מיכאל""", biz="it", frm=("Michael Avrahami", "michael@avrahami-law.co.il"), inv=["BF-2026-0476"],
  quote="outlook", attach="payment_confirmation.pdf")
R("mixed", ["dispute"], "2026-03-15 10:20", """החשבונית לא correct – we agreed on 2,500 not 3,100.
תתקנו please ואז נסגור.""", biz="design", frm=("Yoni", "yoni@hummus-republic.co.il"), inv=["INV-2026-0205"],
  quote="gmail_he", amt=3100)
R("mixed", ["dispute"], "2026-07-07 14:50", """The AC is still not cooling, בקושי 26 מעלות בחדר.
אני לא משלם עד שתבואו לתקן את זה.""", biz="ac", frm=("David Levin", "david.levin.ta@gmail.com"),
  inv=["KR-10728"], quote="gmail_he")
R("mixed", ["plan_request"], "2026-09-22 19:05", "אפשר לעשות את זה ב-installments? like 3 payments, אם זה ok", biz="design",
  frm=("", "natalie.k.brand@gmail.com"), inv=["INV-2026-0252"], quote="gmail_he", amt=5400)
R("mixed", ["plan_request"], "2026-11-11 10:45", """Hi Yoav,
Can we do a payment plan? המצב לא פשוט אצלנו מאז שסגרו את המתחם.
Thanks, Shir""", biz="photo", frm=("Shir Eden", "shir@edenevents.co.il"), inv=["YM-0953"], quote="gmail",
  stage="solution")
R("mixed", ["question"], "2026-05-24 09:30", "תשלחו לי את ה-invoice בבקשה, I need it for my reimbursement מהעבודה",
  biz="physio", frm=("Adam Fein", "adam.fein@gmail.com"), inv=["11930"], quote="gmail_he")
R("mixed", ["question"], "2026-08-09 13:55", "What's the IBAN? אני מעביר מחשבון בחו\"ל ואין להם אפשרות לשלוח בלי זה",
  biz="movers", frm=("Nathan Bloom", "nathan.bloom@gmail.com"), inv=["530"], quote="gmail_he")
R("mixed", ["none"], "2026-06-04 18:30", "Thanks! תודה רבה 🙏", biz="cater", frm=("Lisa", "lisa.amar@gmail.com"),
  inv=["622"], quote="gmail_he", stage="thanks")
R("mixed", ["none"], "2026-02-15 11:25", "Forwarding to my accountant – מעביר לרו\"ח שלי, הוא יחזור אליכם",
  biz="it", frm=("Shai Gordon", "shai@gordon-films.com"), inv=["BF-2026-0384"], quote="outlook")
R("mixed", ["none"], "2026-10-25 09:50", "sorry wrong address, אני לא הלקוח שלכם", biz="garden",
  frm=("", "omer.segal.dev@gmail.com"), inv=["G-2270"], quote="gmail_he")
R("mixed", ["none"], "2027-01-17 21:20", """אני במילואים (reserve duty) עד סוף החודש.
I'll look at it when I'm back.""", biz="trans", frm=("Avi Ronen", "avi.ronen.pm@gmail.com"),
  inv=["TT-138"], quote="gmail")


if __name__ == "__main__":
    main()
