"""Programmatic additions for corpus2: quoted reminders, signatures, footers.

The quoted reminders are short versions of our own reminder ladder written
for this corpus (not copied from the templates).  They talk about paying,
due dates, instalments and "if you already paid", on purpose: a reader that
reads the quote as if the customer wrote it will go wrong.
"""
import datetime as dt

BUSINESSES = [
    ("סטודיו גל לעיצוב", "Gal Design Studio", "גל אהרוני", "gal@galdesign.co.il"),
    ("אינסטלציה בן שושן", "Ben Shushan Plumbing", "אבי בן שושן", "office@benshushan.co.il"),
    ("מאפיית השקד", "HaShaked Bakery", "רונית", "billing@hashaked.co.il"),
    ("טל מחשבים ותקשורת", "Tal Computers", "טל נחום", "tal@talcomp.co.il"),
    ("גני אלון – גינון ותחזוקה", "Alon Gardens", "אלון פרץ", "alon@alongardens.co.il"),
    ("דפוס הצפון", "HaTzafon Print", "מירב קליין", "accounts@dfus-tzafon.co.il"),
    ("קייטרינג טעמים", "Teamim Catering", "שירן", "shiran@teamim-catering.co.il"),
    ("אור מיזוג אוויר", "Or Air Conditioning", "משרד אור מיזוג", "service@or-aircon.co.il"),
    ("ליבנה – תרגום ועריכה", "Livne Translations", "נועה ליבנה", "noa@livne-tr.co.il"),
    ("מוסך הדקל", "HaDekel Garage", "יוסי", "musach.hadekel@gmail.com"),
    ("רהיטי עץ ודק", "Etz VaDek Furniture", "דנה", "orders@etzvadek.co.il"),
    ("שחר ייעוץ מס", "Shahar Tax Consulting", "שחר מזרחי", "shahar@shahar-tax.co.il"),
    ("הובלות המהיר", "HaMahir Movers", "מוטי", "mahir.hovalot@gmail.com"),
    ("קליניקת נוף לפיזיותרפיה", "Nof Physio", "הדס", "clinic@nof-physio.co.il"),
    ("אלומיניום השרון", "HaSharon Aluminium", "ששון", "sharon.alu@gmail.com"),
]
CUSTOMERS_HE = ["ישראל", "מורן", "אבי", "רחל", "יעל", "דוד", "שירה", "עומר", "נתנאל", "לאה",
                "חברת אפיק מערכות", "עמותת יד ללב", "מועצה אזורית גלבוע", "גיל", "אורית", "משפחת כהן"]
CUSTOMERS_EN = ["David", "Sarah", "Accounts Payable", "Michael", "Rachel", "Team", "Mr. Levy", "Jonathan"]
HE_DOW = ["יום שני", "יום שלישי", "יום רביעי", "יום חמישי", "יום שישי", "שבת", "יום ראשון"]
HE_DOW_SHORT = ["יום ב׳", "יום ג׳", "יום ד׳", "יום ה׳", "יום ו׳", "שבת", "יום א׳"]
HE_MON = ["ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר",
          "אוקטובר", "נובמבר", "דצמבר"]
HE_MON_SHORT = ["ינו׳", "פבר׳", "מרץ", "אפר׳", "מאי", "יוני", "יולי", "אוג׳", "ספט׳", "אוק׳", "נוב׳", "דצמ׳"]
EN_DOW = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MON = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

HE_BODIES = [
    # light reminder after the due date
    """שלום {cust},

מועד התשלום של חשבונית {inv} היה ב-{due}, ולפי הרישומים שלנו היא עדיין פתוחה.
יתרה לתשלום: {amt} ₪

אם כבר העברתם את התשלום – תודה רבה, ואפשר להתעלם מההודעה. כנראה שהיא הצטלבה עם התשלום.
ניתן לשלם בהעברה בנקאית, בכרטיס אשראי דרך הקישור או בביט.

בברכה,
{sender}
{biz}""",
    # before due
    """שלום {cust},

רק רצינו שהפרטים יהיו אצלכם מראש: חשבונית {inv} על סך {amt} ₪ לתשלום עד {due}.
הפירוט ודרכי התשלום מופיעים למטה. ואם משהו לא היה כמו שציפיתם – אפשר פשוט להשיב למייל הזה.

תודה שבחרתם בנו,
{sender} | {biz}""",
    # personal check-in
    """היי {cust},

חשבונית {inv} ({amt} ₪, מועד תשלום {due}) עדיין פתוחה אצלנו, ולכן אני פונה באופן אישי.
הכול היה בסדר מבחינתכם? אם משהו מעכב את התשלום – אפשר לדבר על זה, ברוב המקרים יש פתרון פשוט.

אשמח לשמוע,
{sender}
{biz}""",
    # solution / instalments
    """שלום {cust},

היתרה הפתוחה בחשבונית {inv} עומדת על {amt} ₪ (המועד היה {due}).
אם נוח לכם יותר, אפשר לחלק את הסכום לשלושה תשלומים חודשיים שווים, או לשלם עד סוף החודש ולקבל הנחה של 2%.
מה יעבוד בשבילכם?

{sender}
{biz}""",
    # promise follow-up
    """שלום {cust},

כפי שסיכמנו, התשלום על חשבונית {inv} ({amt} ₪) אמור היה להגיע עד {due}.
עדיין לא ראינו אותו אצלנו. האם המועד עדיין מתאים לכם? אם כבר שילמתם, תודה ואפשר להתעלם.

יום טוב,
{sender}
{biz}""",
    # final personal note
    """שלום {cust},

חשבונית {inv} על סך {amt} ₪ פתוחה מאז {due}.
{sender} מהמשרד שלנו יתקשר אליכם ביום חמישי הקרוב כדי לסכם יחד איך מסדרים את התשלום.
אנחנו מעריכים את העבודה המשותפת ומקווים לסגור את זה בקלות.

{biz}""",
]
EN_BODIES = [
    """Hi {cust},

Invoice {inv} was due on {due} and our records still show it as open.
Balance due: ₪{amt}

If you have already paid, thank you, and please ignore this message - it has probably crossed with your payment.
You can pay by bank transfer or by card using the link below.

Best regards,
{sender}
{biz}""",
    """Dear {cust},

A friendly heads-up: invoice {inv} for ₪{amt} is due on {due}.
All the details and payment options are below. If anything was not as expected, just reply to this email.

Thank you,
{sender} | {biz}""",
    """Hello {cust},

Invoice {inv} (₪{amt}, due {due}) is still open, so I wanted to check in personally.
Is everything all right on your side? If something is holding up the payment, we are happy to find a way - for example, splitting it into instalments.

{sender}
{biz}""",
    """Hi {cust},

As agreed, payment of invoice {inv} (₪{amt}) was expected by {due}. We have not seen it yet.
Does that date still work for you? If you already paid, thanks and please disregard.

Kind regards,
{sender}
{biz}""",
]


def _slots(rng, lang, when):
    b = rng.choice(BUSINESSES)
    sent = when - dt.timedelta(days=rng.randint(0, 9), hours=rng.randint(0, 8),
                               minutes=rng.randint(0, 59))
    sent = sent.replace(hour=rng.choice([8, 9, 9, 10, 10, 11, 13, 16]), minute=rng.randint(0, 59))
    if sent > when:
        sent = when - dt.timedelta(hours=3)
    amt = rng.choice([350, 480, 1170, 1404, 2340, 3510, 936, 5850, 12870, 760.5, 2106, 8190.9, 432, 29250])
    amt = "{:,.2f}".format(amt)
    inv = str(rng.choice([rng.randint(1000, 9999), rng.randint(20000, 40999), rng.randint(100, 999)]))
    if rng.random() < 0.25:
        inv = rng.choice(["INV-", "חש-", "", "2025-"]) + inv
    cust = rng.choice(CUSTOMERS_EN if lang == "en" else CUSTOMERS_HE)
    return b, sent, amt, inv, cust


def _fmt_due(due, lang, rng):
    if lang == "en":
        return rng.choice([due.strftime("%d/%m/%Y"), "%d %s %d" % (due.day, EN_MON[due.month - 1], due.year)])
    return rng.choice([due.strftime("%d/%m/%Y"), "%d ב%s %d" % (due.day, HE_MON[due.month - 1], due.year)])


def quote_block(rng, style, lang, when, _unused=None):
    b, sent, amt, inv, cust = _slots(rng, lang, when)
    biz = b[1] if lang == "en" else b[0]
    sender = b[2] if lang != "en" else b[1].split()[0] + " team"
    body = rng.choice(EN_BODIES if lang == "en" else HE_BODIES)
    if "עד {due}" in body.split("\n")[2] or "is due on {due}" in body:   # a heads-up before the due date
        due = (sent + dt.timedelta(days=rng.choice([2, 3, 5, 7, 10, 14]))).date()
    else:
        due = (sent - dt.timedelta(days=rng.choice([3, 6, 10, 14, 21, 30, 45, 60]))).date()
    body = body.format(
        cust=cust, inv=inv, amt=amt, due=_fmt_due(due, lang, rng), sender=sender, biz=biz)
    subj_he = rng.choice(["תזכורת קצרה: חשבונית %s" % inv, "לקראת מועד התשלום: חשבונית %s" % inv,
                          "הכול בסדר? לגבי חשבונית %s" % inv, "חשבונית %s – יתרה פתוחה" % inv])
    subj_en = rng.choice(["A quick reminder: invoice %s" % inv, "Invoice %s is due soon" % inv,
                          "Checking in about invoice %s" % inv])
    wd = sent.weekday()
    email = b[3]
    name = b[2] if lang != "en" else b[1]
    hm = sent.strftime("%H:%M")
    if style == "ol":
        if lang == "en":
            hdr = ("-----Original Message-----\nFrom: %s <%s>\nSent: %s, %s %d, %d %s\nTo: %s\nSubject: %s"
                   % (name, email, EN_DOW[wd], EN_MON[sent.month - 1], sent.day, sent.year,
                      sent.strftime("%I:%M %p").lstrip("0"), "customer@example.co.il", subj_en))
        else:
            hdr = ("________________________________\nמאת: %s <%s>\nנשלח: %s %d %s %d %s\nאל: %s\nנושא: %s"
                   % (name, email, HE_DOW[wd], sent.day, HE_MON[sent.month - 1], sent.year, hm,
                      "lakoach@walla.co.il", subj_he))
        return hdr + "\n\n" + body
    quoted = "\n".join(("> " + l) if l else ">" for l in body.split("\n"))
    if style == "gm":
        if lang == "en":
            hdr = "On %s, %d %s %d at %s, %s <%s> wrote:" % (
                EN_DOW[wd][:3], sent.day, EN_MON[sent.month - 1][:3], sent.year, hm, name, email)
        else:
            hdr = "\u202bבתאריך %s, %d ב%s %d ב-%s מאת \u202a%s\u202c <\u202a%s\u202c>:\u202c" % (
                HE_DOW_SHORT[wd], sent.day, HE_MON_SHORT[sent.month - 1], sent.year, hm, name, email)
        return hdr + "\n\n" + quoted
    if style == "ip":
        if lang == "en":
            hdr = "Sent from my iPhone\n\n> On %d %s %d, at %s, %s <%s> wrote:\n>" % (
                sent.day, EN_MON[sent.month - 1][:3], sent.year, hm, name, email)
        else:
            hdr = "נשלח מה-iPhone שלי\n\n> ב-%d ב%s %d, בשעה %s, ‏%s <%s> כתב/ה:\n>" % (
                sent.day, HE_MON_SHORT[sent.month - 1], sent.year, hm, name, email)
        return hdr + "\n" + quoted
    raise ValueError(style)


SIG_HE = [
    "בברכה,\nמיכל אוחיון\nהנהלת חשבונות\nטל׳ 03-6123456 שלוחה 4",
    "תודה,\nרוני גבאי | מנהל כספים\n052-7788123",
    "--\nאסנת דהן\nמזכירות ראשית\nטלפון: 04-8521477 | פקס: 04-8521478",
    "בכבוד רב,\nעו\"ד יוסי ברגר\nברגר ושות׳ משרד עורכי דין\nרח׳ הרצל 12, חולון",
    "שרית – הנה\"ח\nנייד 054-3322110\nשעות פעילות: א׳-ה׳ 8:00-15:00",
    "בברכה\nצוות הכספים | אפיק מערכות בע\"מ\nap@afik-systems.co.il",
    "ד\"ר ענבל שמואלי\nמרפאת שיניים שמואלי\n08-9412233",
]
SIG_EN = [
    "Best regards,\nKaren Mizrahi\nAccounts Payable Specialist\nTel: +972-3-7654321",
    "Thanks,\nDaniel\n\nDaniel Cohen | Finance Manager | Nexor Ltd.\nM: +972-54-6677889",
    "Regards,\nAP Team\nGlobalTech Israel Ltd.",
    "Kind regards,\nSusan Adler\nOffice Manager",
]
FOOT_HE = [
    "הודעה זו והמידע הכלול בה מיועדים לנמען בלבד ועשויים להכיל מידע חסוי. אם קיבלתם הודעה זו בטעות, אנא הודיעו לשולח ומחקו אותה.",
    "*** המידע בדואר זה חסוי ומוגן על פי דין. אין להעביר, להעתיק או להפיץ ללא אישור. ***",
    "לפני הדפסת המייל, חשבו על הסביבה 🌱",
    "אין באמור בהודעה זו כדי להוות הודאה בחוב או ויתור על טענה כלשהי.",
    "הודעה זו נסרקה ע\"י מערכת אבטחת הדואר של הארגון.",
]
FOOT_EN = [
    "CONFIDENTIALITY NOTICE: This e-mail and any attachments are intended only for the addressee and may contain privileged information. If you received it in error, please notify the sender and delete it.",
    "This message does not constitute an admission of liability or a waiver of any right.",
    "Please consider the environment before printing this email.",
    "The information in this email is confidential. Any unauthorised use or disclosure is prohibited.",
]


SIG_PERSONAL_HE = [
    "אלי\n050-1234987",
    "תודה,\nמורן כהן\n052-6617720",
    "--\nיוסי ל.\nנשלח מהנייד, סליחה על הקיצור",
    "רותי\n(הטלפון שלי: 054-8802113)",
    "בתודה,\nנתן גרינברג",
]
SIG_PERSONAL_EN = [
    "Cheers,\nTom",
    "Thanks,\nRachel\n054-3390112",
    "Best,\nJ.",
    "--\nSent from my phone, excuse typos",
]


def signature(rng, lang, reg):
    if reg in ("spoken", "apologetic"):
        return rng.choice(SIG_PERSONAL_EN if lang == "en" else SIG_PERSONAL_HE)
    return rng.choice(SIG_EN if lang == "en" else SIG_HE)


def footer(rng, lang):
    if lang != "en" and rng.random() < 0.35:
        return rng.choice(FOOT_HE) + "\n" + rng.choice(FOOT_EN)
    return rng.choice(FOOT_EN if lang == "en" else FOOT_HE)
