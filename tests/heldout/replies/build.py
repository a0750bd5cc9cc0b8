#!/usr/bin/env python3
"""Build the held-out reply set (NNN.eml + expected.jsonl) from src/*.txt.

Written for dunning-mailer's evaluation only; stdlib only (email package).

Source format (src/*.txt): entries start with a line "### key=value ..." (shlex
quoting), followed by the *new* text the customer typed. The script adds the
quoted reminder (rendered here from the wording of templates/he and
templates/en), headers, MIME structure and attachments.

Header keys
  lang   he|en              language of the new text (label)
  d      "YYYY-MM-DD HH:MM"  local time of the reply in tz
  tz     IL (default, Asia/Jerusalem) | UTC | America/New_York | Europe/London ...
  i      intents, comma separated (MAIN is derived from the priority order)
  r      promise rule (required when promise is in i), see promise_date()
  b      business key (BIZ below); inv: invoice numbers; amt: 1042=3510,...
  st     stage of the reminder replied to; rl: language of that reminder
  q      quote style (see QUOTE_STYLES); html=1 adds an HTML part; htmlonly=1
  enc    qp|b64|8bit; cs: body charset (default utf-8)
  from   "Name <addr>"; cust: customer name in the reminder greeting;
  to_orig address the reminder went to; cc
  subj   full subject (fresh or odd ones); re: reply prefix
  fresh=1  no In-Reply-To/References (a new thread)
  att    attachment file names, comma separated
  read   read_at offset after Date: +25m, +3h, +6d2h
  note   a few words for the label file
"""
import base64
import datetime as dt
import hashlib
import json
import os
import random
import re
import shlex
import sys
import textwrap
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
ORDER = ["dispute", "plan_request", "promise", "payment_claim", "question", "none"]
LRI, PDI, RLM, LRM = "\u2066", "\u2069", "\u200f", "\u200e"
NBSP = "\u00a0"

# --------------------------------------------------------------------------
# Businesses (fictional)
BIZ = {
    "levi": dict(name="נגרות לוי ובניו", en_name="Levi & Sons Carpentry", email="billing@nagarut-levi.co.il",
                 sig="מיכל לוי", role="הנהלת חשבונות", en_sig="Michal Levi", en_role="Accounts",
                 phone="04-8123456", web="www.nagarut-levi.co.il",
                 methods=["העברה בנקאית", "כרטיס אשראי", "ביט"], en_methods=["bank transfer", "credit card", "Bit"],
                 link="https://pay.nagarut-levi.co.il/i/",
                 bank="בנק לאומי (10), סניף 912\nחשבון 1234567/89\nע״ש נגרות לוי ובניו בע״מ"),
    "oren": dict(name="סטודיו אורן – עיצוב ומיתוג", en_name="Studio Oren – Design & Branding", email="oren@studio-oren.co.il",
                 sig="אורן שטרן", role="", en_sig="Oren Stern", en_role="",
                 phone="054-6631207", web="studio-oren.co.il",
                 methods=["העברה בנקאית", "ביט", "פייבוקס"], en_methods=["bank transfer", "PayPal"],
                 link="", bank="בנק הפועלים (12), סניף 618\nחשבון 402211\nאורן שטרן"),
    "teamim": dict(name="קייטרינג טעמים", en_name="Teamim Catering", email="office@teamim-catering.co.il",
                   sig="רותם אזולאי", role="מנהלת משרד", en_sig="Rotem Azulay", en_role="Office manager",
                   phone="03-5471190", web="www.teamim-catering.co.il",
                   methods=["העברה בנקאית", "כרטיס אשראי", "צ׳ק"], en_methods=["bank transfer", "credit card", "cheque"],
                   link="https://teamim-catering.co.il/pay",
                   bank="בנק דיסקונט (11), סניף 074\nחשבון 0158832\nע״ש קייטרינג טעמים בע״מ"),
    "kar": dict(name="א.ש. מיזוג אוויר", en_name="A.S. Air Conditioning", email="gvia@as-mizug.co.il",
                sig="אבי שושן", role="בעלים", en_sig="Avi Shoshan", en_role="Owner",
                phone="052-3398841", web="",
                methods=["העברה בנקאית", "ביט", "מזומן"], en_methods=["bank transfer", "Bit", "cash"],
                link="", bank="בנק מזרחי טפחות (20), סניף 461\nחשבון 339120\nאבי שושן"),
    "friedman": dict(name="דנה פרידמן – משרד רואי חשבון", en_name="Dana Friedman CPA", email="billing@friedman-cpa.co.il",
                     sig="ליאת ברק", role="מזכירות המשרד", en_sig="Liat Barak", en_role="Office",
                     phone="09-7652210", web="www.friedman-cpa.co.il",
                     methods=["העברה בנקאית", "כרטיס אשראי", "הוראת קבע"], en_methods=["bank transfer", "credit card", "standing order"],
                     link="https://friedman-cpa.co.il/pay",
                     bank="בנק לאומי (10), סניף 855\nחשבון 77012/44\nדנה פרידמן רו״ח"),
    "hovalot": dict(name="הובלות המהיר", en_name="HaMahir Movers", email="heshbonot@hamahir-movers.co.il",
                    sig="ששון דהן", role="", en_sig="Sasson Dahan", en_role="",
                    phone="050-7712440", web="hamahir-movers.co.il",
                    methods=["העברה בנקאית", "ביט", "כרטיס אשראי"], en_methods=["bank transfer", "Bit", "credit card"],
                    link="", bank="בנק הפועלים (12), סניף 532\nחשבון 219877\nהובלות המהיר בע״מ"),
    "noy": dict(name="נוי גינון ופיתוח", en_name="Noy Gardening", email="noy.ginun@gmail.com",
                sig="נוי אברהם", role="", en_sig="Noy Avraham", en_role="",
                phone="053-4420981", web="",
                methods=["העברה בנקאית", "ביט"], en_methods=["bank transfer", "Bit"],
                link="", bank="בנק יהב (4), סניף 140\nחשבון 613302\nנוי אברהם"),
    "aviram": dict(name="מרפאת השיניים ד״ר אבירם", en_name="Dr. Aviram Dental Clinic", email="office@dr-aviram.co.il",
                   sig="סיגל", role="מזכירות המרפאה", en_sig="Sigal", en_role="Clinic office",
                   phone="08-9412255", web="www.dr-aviram.co.il",
                   methods=["כרטיס אשראי", "העברה בנקאית"], en_methods=["credit card", "bank transfer"],
                   link="https://dr-aviram.co.il/pay", bank="בנק הבינלאומי (31), סניף 048\nחשבון 250991\nד״ר עמית אבירם"),
    "shaked": dict(name="שקד דפוס והפקות", en_name="Shaked Print", email="accounts@shaked-print.co.il",
                   sig="גלית נחום", role="גבייה", en_sig="Galit Nahum", en_role="Collections",
                   phone="03-6190045", web="www.shaked-print.co.il",
                   methods=["העברה בנקאית", "כרטיס אשראי", "צ׳ק"], en_methods=["bank transfer", "credit card", "cheque"],
                   link="https://shaked-print.co.il/pay",
                   bank="בנק דיסקונט (11), סניף 135\nחשבון 4410225\nשקד דפוס והפקות בע״מ"),
    "kaveret": dict(name="צהרון הכוורת", en_name="HaKaveret After-school", email="kaveret.tzaharon@gmail.com",
                    sig="שירן", role="", en_sig="Shiran", en_role="",
                    phone="058-6677310", web="",
                    methods=["העברה בנקאית", "ביט", "פייבוקס"], en_methods=["bank transfer", "Bit"],
                    link="", bank="בנק לאומי (10), סניף 701\nחשבון 55231/12\nשירן מלכה"),
    "codeleaf": dict(name="קודליף בע״מ", en_name="Codeleaf Ltd", email="billing@codeleaf.co.il",
                     sig="נעמה גולן", role="כספים", en_sig="Naama Golan", en_role="Finance",
                     phone="+972-3-7218840", web="codeleaf.co.il",
                     methods=["העברה בנקאית", "כרטיס אשראי"], en_methods=["bank transfer (SWIFT/IBAN)", "credit card"],
                     link="https://codeleaf.co.il/pay",
                     bank="Bank Hapoalim, branch 600\nIBAN IL62 0126 0000 0000 1234 567\nSWIFT POALILIT"),
    "bluefig": dict(name="בלו פיג תרגומים", en_name="Blue Fig Translations", email="accounts@bluefig.co.il",
                    sig="תמר רוזן", role="", en_sig="Tamar Rosen", en_role="Founder",
                    phone="+972-52-8890123", web="bluefig.co.il",
                    methods=["העברה בנקאית", "PayPal"], en_methods=["bank transfer", "PayPal", "credit card"],
                    link="https://bluefig.co.il/invoice/",
                    bank="Bank Leumi, branch 800\nIBAN IL31 0108 0000 0009 8765 432\nSWIFT LUMIILITXXX"),
    "sharon": dict(name="שרון אירועים והפקות", en_name="Sharon Events & Production", email="billing@sharon-events.co.il",
                   sig="דניאל שרון", role="", en_sig="Daniel Sharon", en_role="Producer",
                   phone="+972-54-2217765", web="sharon-events.co.il",
                   methods=["העברה בנקאית", "כרטיס אשראי"], en_methods=["bank transfer", "credit card"],
                   link="https://sharon-events.co.il/pay",
                   bank="Bank Discount, branch 010\nIBAN IL47 0110 1000 0000 4455 667\nSWIFT IDBLILIT"),
    "hadar": dict(name="הדר לוין צילום", en_name="Hadar Levin Photography", email="hello@hadarlevin.co.il",
                  sig="הדר לוין", role="", en_sig="Hadar Levin", en_role="",
                  phone="050-9931188", web="hadarlevin.co.il",
                  methods=["העברה בנקאית", "ביט", "PayPal"], en_methods=["bank transfer", "PayPal"],
                  link="", bank="Bank Mizrahi-Tefahot, branch 437\nIBAN IL18 0204 3700 0000 0331 890\nSWIFT MIZBILIT"),
}

STAGES = ["before_due", "reminder", "checkin", "solution", "final", "promise_followup", "statement", "thank_you", "plan_instalment"]
DUE_OFFSET = {"before_due": 5, "reminder": -9, "checkin": -24, "solution": -38, "final": -55,
              "promise_followup": -30, "statement": -20, "thank_you": -12, "plan_instalment": -45}

HE_MONTHS = ["ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"]
HE_MON_ABBR = ["ינו׳", "פבר׳", "מרץ", "אפר׳", "מאי", "יוני", "יולי", "אוג׳", "ספט׳", "אוק׳", "נוב׳", "דצמ׳"]
HE_DAY_ABBR = ["יום ב׳", "יום ג׳", "יום ד׳", "יום ה׳", "יום ו׳", "שבת", "יום א׳"]  # Monday first
HE_DAY_FULL = ["יום שני", "יום שלישי", "יום רביעי", "יום חמישי", "יום שישי", "שבת", "יום ראשון"]
EN_MON = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def ltr(s):
    return LRI + str(s) + PDI


def money(v, cur="ILS"):
    s = f"{v:,.2f}"
    return {"ILS": s + NBSP + "₪", "USD": "$" + s, "EUR": "€" + s, "GBP": "£" + s}[cur]


def he_long(d):
    return f"{d.day} ב{HE_MONTHS[d.month - 1]} {d.year}"


def en_long(d):
    return f"{d.day} {EN_MON[d.month - 1]} {d.year}"


def ddmmyyyy(d):
    return d.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------
# Reminder text, following the wording of templates/he and templates/en.
def reminder_text(ctx, lang):
    b, invs, stage, today = ctx["biz"], ctx["invoices"], ctx["stage"], ctx["rem_dt"].date()
    one = len(invs) == 1
    cur = ctx.get("currency", "ILS")
    total = sum(i["balance"] for i in invs)
    first = min(i["due"] for i in invs)
    n0 = invs[0]["number"]
    L = []
    if lang == "he":
        L.append(f"שלום {ctx['cust']},")
        L.append("")

        def due_when(d):
            return f"יחול ב־{he_long(d)}" if d > today else ("הוא היום" if d == today else f"חל ב־{he_long(d)}")

        if stage == "before_due":
            if one:
                L.append(f"מועד התשלום של חשבונית {ltr(n0)} {due_when(invs[0]['due'])}. רצינו שכל הפרטים יהיו אצלכם מראש, כדי שיהיה נוח לטפל בזה בזמן.")
                L += ["", f"היתרה לתשלום היא {money(total, cur)}, והפירוט ודרכי התשלום מופיעים כאן למטה."]
            else:
                L.append(f"מועדי התשלום של החשבוניות שמפורטות כאן למטה מתקרבים, והראשון שבהם {due_when(first)}. רצינו שכל הפרטים יהיו אצלכם מראש, כדי שיהיה נוח לטפל בזה בזמן.")
                L += ["", f"היתרה הכוללת לתשלום היא {money(total, cur)}, והפירוט ודרכי התשלום מופיעים כאן למטה."]
            L += ["", "ובהזדמנות הזאת, חשוב לנו לשאול: האם קיבלתם מאיתנו את מה שציפיתם לו? אם משהו לא היה מדויק, או שיש שאלה על " + ("החשבונית" if one else "אחת החשבוניות") + ", נשמח לשמוע ולטפל בזה עוד לפני מועד התשלום. אפשר פשוט להשיב למייל הזה."]
            closing = "תודה שבחרתם בנו. נשמח להמשיך לעבוד יחד."
        elif stage in ("reminder", "statement"):
            if one:
                L.append(f"מועד התשלום של חשבונית {ltr(n0)} {due_when(invs[0]['due'])}, ולפי מה שרשום אצלנו היא עדיין פתוחה.")
            else:
                L.append(f"מועדי התשלום של החשבוניות שמפורטות כאן למטה כבר עברו, הראשון שבהם ב־{he_long(first)}, ולפי מה שרשום אצלנו הן עדיין פתוחות.")
            L += ["", "קורה שתשלום נשמט בין כל שאר הדברים, אז שלחנו שוב את כל הפרטים, כדי שיהיה קל לסגור את זה.",
                  "", "אם כבר העברתם את התשלום – תודה רבה, ואפשר להתעלם מההודעה הזאת. כנראה שהיא פשוט הצטלבה עם התשלום שלכם.",
                  "", "ואם משהו " + ("בחשבונית" if one else "באחת החשבוניות") + " לא ברור, נשמח לעזור. אפשר להשיב למייל הזה."]
            closing = "תודה רבה, ויום נעים."
        elif stage == "checkin":
            if one:
                L.append(f"חשבונית {ltr(n0)}, שמועד התשלום שלה {due_when(invs[0]['due'])}, עדיין פתוחה אצלנו, ולכן אני פונה אליכם באופן אישי.")
            else:
                L.append(f"החשבוניות שמפורטות כאן למטה עדיין פתוחות אצלנו (מועד התשלום של הראשונה שבהן חל ב־{he_long(first)}), ולכן אני פונה אליכם באופן אישי.")
            L += ["", "לפני הכול, חשוב לי לדעת: האם מה שקיבלתם מאיתנו היה כמו שסיכמנו? אם משהו לא עבד כמו שצריך, או שיש שאלה על " + ("החשבונית" if one else "אחת החשבוניות") + ", עדיף שנדבר על זה ונסדר את זה יחד.",
                  "", "ואם יש משהו אחר שמעכב את התשלום, גם על זה אפשר לדבר בפתיחות. ברוב המקרים יש פתרון פשוט.",
                  "", f"אפשר להשיב למייל הזה בכמה מילים, או להתקשר אליי במספר {ltr(b['phone'])}. ואם נוח לכם יותר שאני אתקשר, כתבו לי מתי מתאים לכם."]
            closing = "אשמח לשמוע מכם."
        elif stage == "solution":
            if one:
                L.append(f"חשבונית {ltr(n0)} פתוחה אצלנו מאז {he_long(invs[0]['due'])}, ביתרה של {money(total, cur)}.")
            else:
                L.append(f"כמה חשבוניות פתוחות אצלנו מאז {he_long(first)}, ביתרה כוללת של {money(total, cur)}. הפירוט המלא מופיע כאן למטה.")
            L += ["", "לפעמים התזמון פשוט לא מסתדר, וזה קורה לכולם. אף צד לא רוצה שתשלום יישאר תלוי באוויר, ולכן נשמח למצוא יחד דרך שתתאים גם לכם וגם לנו.",
                  "", "הנה מה שנוכל להציע:", f"• לחלק את היתרה ל־{ltr(3)} תשלומים שווים, של {money(round(total / 3, 2), cur)} כל אחד בערך.",
                  "", "ואם משהו אחר יתאים לכם יותר, ספרו לנו ונבדוק.",
                  "", f"הכי פשוט להשיב למייל הזה, או להתקשר אלינו במספר {ltr(b['phone'])}."]
            closing = "נשמח לשמוע מכם ולהמשיך לעבוד יחד."
        elif stage == "final":
            if one:
                L.append(f"חשבונית {ltr(n0)}, ביתרה של {money(total, cur)}, פתוחה אצלנו מאז {he_long(invs[0]['due'])}, ועד עכשיו עוד לא מצאנו יחד דרך לסגור אותה.")
            else:
                L.append(f"החשבוניות שמפורטות כאן למטה פתוחות אצלנו מאז {he_long(first)}, ביתרה כוללת של {money(total, cur)}, ועד עכשיו עוד לא מצאנו יחד דרך לסגור אותן.")
            L += ["", "התשלום הוא חלק ממה שסיכמנו כשהתחלנו לעבוד יחד, וחשוב לנו לסגור את העניין בדרך שמכבדת את ההסכמה הזאת ואת הקשר בינינו.",
                  "", f"לכן בימים הקרובים נתקשר אליכם. השיחה תהיה עם {b['sig']}" + (f", {b['role']}" if b['role'] else "") + ", והמטרה שלה פשוטה: לסכם יחד איך ממשיכים מכאן.",
                  "", f"אם נוח לכם לקבוע מועד לשיחה מראש, או לדבר כבר עכשיו, אפשר להשיב למייל הזה או להתקשר למספר {ltr(b['phone'])}.",
                  "", "ואם התשלום כבר בדרך – תודה, ונשמח לדעת כדי לעדכן אצלנו."]
            closing = "אנחנו מעריכים את העבודה איתכם, ומקווים להמשיך אותה עוד הרבה זמן."
        elif stage == "promise_followup":
            made, due = ctx["promise_made"], ctx["promise_due"]
            L.append(f"כפי שסיכמנו ב־{he_long(made)}, התשלום של {money(total, cur)} היה אמור להגיע עד {he_long(due)}. לפי מה שרשום אצלנו הוא עוד לא הגיע. ייתכן שהוא כבר בדרך, וייתכן שמשהו השתנה מאז.")
            L += ["", "האם התאריך עדיין מתאים לכם? אם נוח יותר לקבוע מועד אחר, או לחלק את הסכום לכמה תשלומים, כתבו לנו ונמצא יחד מה שמתאים.",
                  "", "ואם כבר העברתם – תודה רבה, ואפשר להתעלם מההודעה הזאת."]
            closing = "תודה, ונשמח לשמוע מכם."
        elif stage == "plan_instalment":
            L.append(f"רק תזכורת קטנה לפי הסדר התשלומים שסיכמנו: התשלום ה־2 מתוך 3, בסך {money(round(total / 3, 2), cur)}, חל ב־{he_long(ctx['inst_date'])}.")
            L += ["", "תודה שאתם עומדים בהסדר. אם משהו השתנה ותרצו לעדכן מועד או סכום, פשוט השיבו למייל הזה ונסדר את זה יחד."]
            closing = "תודה רבה."
        elif stage == "thank_you":
            L.append(f"קיבלנו את התשלום על חשבונית {ltr(n0)}. תודה רבה!" if one else "קיבלנו את התשלומים על החשבוניות שמופיעות כאן למטה. תודה רבה!")
            L += ["", "תודה על שיתוף הפעולה. נעים לעבוד איתכם, ונשמח לעמוד לרשותכם גם בפעם הבאה.",
                  "", "ואם יש משהו שנוכל לעשות טוב יותר – בשירות, בחשבוניות או בתנאי התשלום – נשמח לשמוע. אפשר פשוט להשיב למייל הזה."]
            closing = "שוב תודה, ויום נעים."
        # facts
        L.append("")
        if stage == "thank_you":
            L.append("החשבונית ששולמה:" if one else "החשבוניות ששולמו:")
            for i in invs:
                L.append(f"• חשבונית {ltr(i['number'])} · {money(i['amount'], cur)}")
        elif stage == "statement":
            L.append(f"סה״כ יתרה לתשלום: {money(total, cur)}")
        else:
            L.append("פרטי החשבונית:" if one else "פרטי החשבוניות:")
            for i in invs:
                L += ["", f"• חשבונית {ltr(i['number'])}",
                      f"  תאריך הפקה: {ddmmyyyy(i['issue'])} · תאריך לתשלום: {ddmmyyyy(i['due'])}",
                      f"  סכום: {money(i['amount'], cur)} · יתרה לתשלום: {money(i['balance'], cur)}"]
            if not one:
                L += ["", f"סה״כ יתרה לתשלום: {money(total, cur)}"]
        if stage != "thank_you":
            L += ["", "איך משלמים:", "אמצעי התשלום שאנחנו מקבלים: " + ", ".join(b["methods"][:-1]) + " או " + b["methods"][-1] + "."]
            if b["link"]:
                L += ["לתשלום באתר:", b["link"] + (str(n0) if b["link"].endswith("/") else "")]
            L += ["", "פרטים להעברה בנקאית:"] + b["bank"].splitlines()
            L.append("נשמח אם תציינו בהעברה את מספר החשבונית – כך נוכל לשייך אותה מהר." if one else "נשמח אם תציינו בהעברה את מספרי החשבוניות – כך נוכל לשייך אותה מהר.")
        L += ["", closing, "", "בהערכה," if stage == "final" else "בברכה,", b["sig"],
              (b["role"] + ", " if b["role"] else "") + b["name"], f"טלפון: {ltr(b['phone'])}", f"דוא״ל: {ltr(b['email'])}"]
        if b["web"]:
            L.append(f"אתר: {ltr(b['web'])}")
    else:
        L.append(f"Hello {ctx['cust']},")
        L.append("")

        def due_when(d):
            return f"is due on {en_long(d)}" if d > today else ("is due today" if d == today else f"was due on {en_long(d)}")

        if stage == "before_due":
            if one:
                L.append(f"Invoice {ltr(n0)} {due_when(invs[0]['due'])}. We wanted you to have all the details ahead of time, so it is easy to take care of on time.")
                L += ["", f"The balance is {money(total, cur)}; the details and the ways to pay are below."]
            else:
                L.append(f"The invoices listed below are coming up for payment, and the first of them {due_when(first)}. We wanted you to have all the details ahead of time, so they are easy to take care of on time.")
                L += ["", f"The total balance is {money(total, cur)}; the details and the ways to pay are below."]
            L += ["", "While we are in touch, we would like to ask: did you get from us what you expected? If something was not quite right, or you have a question about " + ("the invoice" if one else "one of the invoices") + ", we would be glad to hear it and sort it out before the due date. You can simply reply to this email."]
            closing = "Thank you for choosing us. We look forward to working together again."
        elif stage in ("reminder", "statement"):
            if one:
                L.append(f"Invoice {ltr(n0)} {due_when(invs[0]['due'])}, and our records show it as still open.")
            else:
                L.append(f"The invoices listed below are past their due date (the earliest was due on {en_long(first)}), and our records show them as still open.")
            L += ["", "A payment can easily slip between everything else, so here are all the details again to make it easy.",
                  "", "If you have already paid, thank you, and please ignore this message. It has probably just crossed with your payment.",
                  "", "And if anything in " + ("the invoice" if one else "the invoices") + " is unclear, we are happy to help. Just reply to this email."]
            closing = "Thank you, and have a good day."
        elif stage == "checkin":
            if one:
                L.append(f"Invoice {ltr(n0)}, which {due_when(invs[0]['due'])}, is still open on our side, so I wanted to reach out to you personally.")
            else:
                L.append(f"The invoices listed below are still open on our side (the earliest was due on {en_long(first)}), so I wanted to reach out to you personally.")
            L += ["", "First of all, I would like to know: was what you received from us what we agreed on? If something did not work as it should, or you have a question about " + ("the invoice" if one else "one of the invoices") + ", it is better that we talk about it and sort it out together.",
                  "", "And if something else is holding up the payment, that is fine to say too. Most of the time there is a simple way forward.",
                  "", f"You can reply to this email in a few words, or call me on {ltr(b['phone'])}. If you would rather I call you, just let me know a time that suits you."]
            closing = "I look forward to hearing from you."
        elif stage == "solution":
            if one:
                L.append(f"Invoice {ltr(n0)} has been open since {en_long(invs[0]['due'])}, with a balance of {money(total, cur)}.")
            else:
                L.append(f"A few invoices have been open since {en_long(first)}, with a total balance of {money(total, cur)}. The full details are below.")
            L += ["", "Sometimes the timing just does not work out; it happens to everyone. Neither of us wants a payment left hanging, so we would like to find a way together that works for you and for us.",
                  "", "Here is what we can offer:", f"• Splitting the balance into {ltr(3)} equal payments of about {money(round(total / 3, 2), cur)} each.",
                  "", "If something else would suit you better, tell us and we will look into it.",
                  "", f"The simplest way is to reply to this email, or call us on {ltr(b['phone'])}."]
            closing = "We look forward to hearing from you, and to continuing to work together."
        elif stage == "final":
            if one:
                L.append(f"Invoice {ltr(n0)}, with a balance of {money(total, cur)}, has been open since {en_long(invs[0]['due'])}, and so far we have not found a way together to settle it.")
            else:
                L.append(f"The invoices listed below have been open since {en_long(first)}, with a total balance of {money(total, cur)}, and so far we have not found a way together to settle them.")
            L += ["", "Payment is part of what we agreed when we started working together, and we want to close this in a way that respects that agreement and our relationship.",
                  "", f"So we will call you in the next few days. You will be speaking with {b['en_sig']}" + (f", {b['en_role']}" if b['en_role'] else "") + ", and the aim is simple: to agree together on how we move on from here.",
                  "", f"If you would like to set a time for the call in advance, or talk sooner, just reply to this email or call {ltr(b['phone'])}.",
                  "", "And if the payment is already on its way, thank you. Please let us know, so we can update our records."]
            closing = "We value working with you and hope to keep doing so for a long time."
        elif stage == "promise_followup":
            made, due = ctx["promise_made"], ctx["promise_due"]
            L.append(f"As we agreed on {en_long(made)}, the payment of {money(total, cur)} was planned for {en_long(due)}. We have not seen it yet. It may already be on its way, or something may have changed since.")
            L += ["", "Does that date still work for you? If another date suits you better, or splitting the amount would help, write to us and we will find a way that works.",
                  "", "If you have already paid, thank you, and please ignore this message."]
            closing = "Thank you; we look forward to hearing from you."
        elif stage == "plan_instalment":
            L.append(f"Just a small reminder of the payment plan we agreed on: payment 2 of 3, {money(round(total / 3, 2), cur)}, is due on {en_long(ctx['inst_date'])}.")
            L += ["", "Thank you for keeping to the plan. If something has changed and you would like to update a date or an amount, just reply to this email and we will sort it out together."]
            closing = "Thank you."
        elif stage == "thank_you":
            L.append(f"We received the payment for invoice {ltr(n0)}. Thank you!" if one else "We received the payments for the invoices listed below. Thank you!")
            L += ["", "It is a pleasure working with you, and we will be glad to help again next time.",
                  "", "If there is anything we could do better, in our service, our invoices or the payment terms, we would like to hear it. Just reply to this email."]
            closing = "Thanks again, and have a good day."
        L.append("")
        if stage == "thank_you":
            L.append("Paid invoice:" if one else "Paid invoices:")
            for i in invs:
                L.append(f"• Invoice {ltr(i['number'])} · {money(i['amount'], cur)}")
        elif stage == "statement":
            L.append(f"Total balance due: {money(total, cur)}")
        else:
            L.append("Invoice details:")
            for i in invs:
                L += ["", f"• Invoice {ltr(i['number'])}",
                      f"  Issued: {ddmmyyyy(i['issue'])} · Due: {ddmmyyyy(i['due'])}",
                      f"  Amount: {money(i['amount'], cur)} · Balance due: {money(i['balance'], cur)}"]
            if not one:
                L += ["", f"Total balance due: {money(total, cur)}"]
        if stage != "thank_you":
            m = b["en_methods"]
            L += ["", "How to pay:", "We accept " + (", ".join(m[:-1]) + " or " + m[-1] if len(m) > 1 else m[0]) + "."]
            if b["link"]:
                L += ["Pay online:", b["link"] + (str(n0) if b["link"].endswith("/") else "")]
            L += ["", "Bank transfer details:"] + b["bank"].splitlines()
            L.append("When paying by bank transfer, please mention the invoice number so we can match your payment quickly." if one else "When paying by bank transfer, please mention the invoice numbers so we can match your payment quickly.")
        L += ["", closing, "", "With appreciation," if stage == "final" else "Kind regards,", b["en_sig"],
              (b["en_role"] + ", " if b["en_role"] else "") + b["en_name"], f"Phone: {ltr(b['phone'])}", f"Email: {ltr(b['email'])}"]
        if b["web"]:
            L.append(f"Website: {ltr(b['web'])}")
    return "\n".join(L) + "\n"


def reminder_subject(ctx, lang):
    invs, stage = ctx["invoices"], ctx["stage"]
    one = len(invs) == 1
    n0 = ltr(invs[0]["number"]) if ctx.get("subj_ltr") else invs[0]["number"]
    if lang == "he":
        return {
            "before_due": f"לקראת מועד התשלום: חשבונית {n0}" if one else "לקראת מועד התשלום: פירוט החשבוניות שלכם",
            "reminder": f"תזכורת קצרה: חשבונית {n0}" if one else "תזכורת קצרה: החשבוניות הפתוחות שלכם",
            "checkin": f"הכול בסדר? לגבי חשבונית {n0}" if one else "הכול בסדר? לגבי החשבוניות הפתוחות",
            "solution": f"בואו נמצא דרך נוחה: חשבונית {n0}" if one else "בואו נמצא דרך נוחה לחשבוניות הפתוחות",
            "final": f"חשבונית {n0}: נתקשר לתאם את ההמשך" if one else "החשבוניות הפתוחות: נתקשר לתאם את ההמשך",
            "promise_followup": f"לגבי התשלום שסיכמנו – חשבונית {n0}" if one else "לגבי התשלום שסיכמנו",
            "statement": "עדכון יתרה: היתרה הפתוחה בחשבונכם",
            "thank_you": f"תודה רבה! התשלום על חשבונית {n0} התקבל" if one else "תודה רבה! התשלומים התקבלו",
            "plan_instalment": "תזכורת קטנה: תשלום 2 מתוך 3 בהסדר שסיכמנו",
        }[stage]
    return {
        "before_due": f"Payment coming up: invoice {n0}" if one else "Payment coming up: your invoice details",
        "reminder": f"A quick reminder: invoice {n0}" if one else "A quick reminder: your open invoices",
        "checkin": f"Is everything all right? About invoice {n0}" if one else "Is everything all right? About your open invoices",
        "solution": f"Let's find a way that works: invoice {n0}" if one else "Let's find a way that works for your open invoices",
        "final": f"Invoice {n0}: we'll call to agree on next steps" if one else "Your open invoices: we'll call to agree on next steps",
        "promise_followup": f"About the payment we agreed on – invoice {n0}" if one else "About the payment we agreed on",
        "statement": "Your account: the open balance",
        "thank_you": f"Thank you! We received the payment for invoice {n0}" if one else "Thank you! We received your payments",
        "plan_instalment": "A small reminder: payment 2 of 3 in our plan",
    }[stage]


def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_to_html_paras(text, rtl, tag="div"):
    out = []
    d = ' dir="rtl"' if rtl else ' dir="ltr"'
    for line in text.split("\n"):
        if line.strip() == "":
            out.append(f"<{tag}{d}><br></{tag}>")
        else:
            out.append(f"<{tag}{d}>{html_escape(line)}</{tag}>")
    return "\n".join(out)


def reminder_html(text, lang):
    rtl = lang == "he"
    d = "rtl" if rtl else "ltr"
    al = "right" if rtl else "left"
    paras = []
    for block in text.strip("\n").split("\n\n"):
        paras.append(f'<p dir="{d}" style="margin:0 0 14px 0;font-family:Arial, Helvetica, sans-serif;font-size:16px;line-height:1.6;color:#1f2933;direction:{d};text-align:{al};">'
                     + "<br>".join(html_escape(x) for x in block.split("\n")) + "</p>")
    return (f'<div dir="{d}" style="direction:{d};text-align:{al};"><table role="presentation" dir="{d}" align="{al}" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;">'
            f'<tr><td dir="{d}" align="{al}" style="padding:16px 24px 4px 24px;">' + "\n".join(paras) + "</td></tr></table></div>")


# --------------------------------------------------------------------------
# Quote headers
def h12(t):
    h = t.hour % 12 or 12
    return f"{h}:{t.minute:02d}", ("AM" if t.hour < 12 else "PM")


def attribution(style, rem_dt, sender_name, sender_addr, rnd):
    d = rem_dt
    if style == "gmail_he":
        core = f"בתאריך {HE_DAY_ABBR[d.weekday()]}, {d.day} ב{HE_MON_ABBR[d.month-1]} {d.year} ב-{d.hour}:{d.minute:02d} מאת {sender_name} <{sender_addr}>:"
        if rnd.random() < 0.6:
            core = "\u202b" + core.replace(sender_name, "\u202a" + sender_name + "\u202c" + RLM).replace(f"<{sender_addr}>", f"<\u202a{sender_addr}\u202c{RLM}>") + "\u202c"
        return core
    if style == "gmail_en":
        hm, ap = h12(d)
        sp = "\u202f" if rnd.random() < 0.5 else " "
        return f"On {d.strftime('%a')}, {d.strftime('%b')} {d.day}, {d.year} at {hm}{sp}{ap} {sender_name} <{sender_addr}> wrote:"
    if style == "apple_he":
        if rnd.random() < 0.5:
            return f"ב-{d.day} ב{HE_MON_ABBR[d.month-1]} {d.year}, בשעה {d.hour}:{d.minute:02d}, {sender_name} <{sender_addr}> כתב/ה:"
        return f"{RLM}ב-{d.day} ב{HE_MON_ABBR[d.month-1]} {d.year}, בשעה {d.hour}:{d.minute:02d}, {RLM}{sender_name} {RLM}<{sender_addr}>{RLM} כתב/ה:"
    if style == "apple_en":
        hm, ap = h12(d)
        return f"On {d.strftime('%b')} {d.day}, {d.year}, at {hm}\u202f{ap}, {sender_name} <{sender_addr}> wrote:" if rnd.random() < 0.5 else \
               f"On {d.day} {d.strftime('%b')} {d.year}, at {d.hour:02d}:{d.minute:02d}, {sender_name} <{sender_addr}> wrote:"
    if style == "tbird_en":
        return f"On {d.day:02d}/{d.month:02d}/{d.year} {d.hour:02d}:{d.minute:02d}, {sender_name} wrote:"
    if style == "tbird_he":
        return f"ב־{d.day}.{d.month}.{d.year} ב־{d.hour}:{d.minute:02d}, {sender_name} כתב:"
    raise ValueError(style)


def outlook_block(kind, rem_dt, sender_name, sender_addr, to_addr, subject, rnd, cc=None):
    d = rem_dt
    if kind == "en":
        hm, ap = h12(d)
        sent = f"{d.strftime('%A')}, {d.strftime('%B')} {d.day}, {d.year} {hm} {ap}" if rnd.random() < 0.6 else \
            f"{d.strftime('%A')}, {d.day} {d.strftime('%B')} {d.year} {d.hour:02d}:{d.minute:02d}"
        lines = [f"From: {sender_name} <{sender_addr}>", f"Sent: {sent}", f"To: {to_addr}"]
        if cc:
            lines.append(f"Cc: {cc}")
        lines.append(f"Subject: {subject}")
    elif kind == "he":
        sent = f"{HE_DAY_FULL[d.weekday()]} {d.day} {HE_MONTHS[d.month-1]} {d.year} {d.hour:02d}:{d.minute:02d}" if rnd.random() < 0.5 else \
            f"{HE_DAY_FULL[d.weekday()]}, {d.day} ב{HE_MONTHS[d.month-1]} {d.year} {d.hour:02d}:{d.minute:02d}"
        lines = [f"מאת: {sender_name} <{sender_addr}>", f"נשלח: {sent}", f"אל: {to_addr}"]
        if cc:
            lines.append(f"עותק: {cc}")
        lines.append(f"נושא: {subject}")
    elif kind == "en_mailto":
        hm, ap = h12(d)
        lines = [f"From: {sender_name} [mailto:{sender_addr}]", f"Sent: {d.strftime('%A')}, {d.strftime('%B')} {d.day}, {d.year} {hm} {ap}",
                 f"To: {to_addr}", f"Subject: {subject}"]
    elif kind == "samsung_he":
        lines = [f"מאת: {sender_name} <{sender_addr}> ", f"תאריך: {d.day}.{d.month}.{d.year} {d.hour}:{d.minute:02d} (GMT+0{int(d.utcoffset().total_seconds()//3600)}:00) ",
                 f"אל: {to_addr} ", f"נושא: {subject} "]
    elif kind == "samsung_en":
        lines = [f"From: {sender_name} <{sender_addr}> ", f"Date: {d.month}/{d.day}/{d.strftime('%y')} {d.hour}:{d.minute:02d} (GMT+0{int(d.utcoffset().total_seconds()//3600)}:00) ",
                 f"To: {to_addr} ", f"Subject: {subject} "]
    elif kind == "fwd_en":
        hm, ap = h12(d)
        lines = [f"From: {sender_name} <{sender_addr}>", f"Date: {d.strftime('%a')}, {d.strftime('%b')} {d.day}, {d.year} at {hm} {ap}",
                 f"Subject: {subject}", f"To: <{to_addr}>"]
    elif kind == "fwd_he":
        lines = [f"מאת: {sender_name} <{sender_addr}>", f"Date: {HE_DAY_ABBR[d.weekday()]}, {d.day} ב{HE_MON_ABBR[d.month-1]} {d.year} ב-{d.hour}:{d.minute:02d}",
                 f"Subject: {subject}", f"To: <{to_addr}>"]
    return lines


def wrap_quote(text, width=None, prefix="> "):
    out = []
    for line in text.split("\n"):
        if width and len(line) > width:
            for w in textwrap.wrap(line, width) or [""]:
                out.append(prefix + w)
        else:
            out.append((prefix + line) if line else prefix.rstrip())
    return "\n".join(out)


QUOTE_STYLES = ["gmail_he", "gmail_en", "gmail_he_bottom", "outlook_he", "outlook_en", "outlook_en_mailto", "orig_en", "orig_he",
                "owa_he", "iphone_he", "iphone_en", "apple_he", "apple_en", "samsung_he", "samsung_en", "tbird_en", "tbird_he",
                "fwd_he", "fwd_en", "none", "raw"]
CLIENT = {"gmail": ["gmail_he", "gmail_en", "gmail_he_bottom", "fwd_he", "fwd_en"],
          "outlook": ["outlook_he", "outlook_en", "outlook_en_mailto", "orig_en", "orig_he", "owa_he"],
          "apple": ["iphone_he", "iphone_en", "apple_he", "apple_en"],
          "samsung": ["samsung_he", "samsung_en"], "tbird": ["tbird_en", "tbird_he"]}


def client_of(q, rnd):
    for c, qs in CLIENT.items():
        if q in qs:
            return c
    return rnd.choice(["gmail", "gmail", "outlook", "apple", "webmail"])


# --------------------------------------------------------------------------
def parse_sources():
    entries = []
    for fn in sorted(os.listdir(SRC)):
        if not fn.endswith(".txt"):
            continue
        cur = None
        with open(os.path.join(SRC, fn), encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if line.startswith("### "):
                    if cur:
                        entries.append(cur)
                    kv = {}
                    for tok in shlex.split(line[4:]):
                        k, _, v = tok.partition("=")
                        kv[k] = v
                    cur = {"kv": kv, "lines": [], "where": f"{fn}:{lineno}"}
                elif line.startswith("#!"):
                    continue
                elif cur is not None:
                    cur["lines"].append(line.rstrip("\n"))
        if cur:
            entries.append(cur)
    for e in entries:
        while e["lines"] and not e["lines"][-1].strip():
            e["lines"].pop()
        while e["lines"] and not e["lines"][0].strip():
            e["lines"].pop(0)
        e["text"] = "\n".join(e["lines"])
    return entries


WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def add_month(d):
    y, m = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
    return d.replace(year=y, month=m)


def last_day(y, m):
    nxt = dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)
    return nxt - dt.timedelta(days=1)


def promise_date(rule, d):
    """d = message date in its own zone. Returns date or None; raises on rules the conventions forbid."""
    if rule == "null":
        return None
    if rule == "today":
        return d
    if re.fullmatch(r"\+\d+", rule):
        return d + dt.timedelta(days=int(rule[1:]))
    if rule in WEEKDAYS:
        k = (WEEKDAYS[rule] - d.weekday()) % 7
        if k == 0:
            raise ValueError("same weekday as the message: avoid")
        return d + dt.timedelta(days=k)
    if rule.startswith("dom:"):   # day of month, next on/after d
        n = int(rule[4:])
        c = d.replace(day=n) if n <= last_day(d.year, d.month).day else None
        if c and c >= d:
            return c
        nm = add_month(d.replace(day=1))
        return nm.replace(day=n)
    if rule.startswith("dm:"):    # day/month without year, next on/after d
        dd, mm = map(int, rule[3:].split("/"))
        c = dt.date(d.year, mm, dd)
        return c if c >= d else dt.date(d.year + 1, mm, dd)
    if rule.startswith("date:"):
        return dt.date.fromisoformat(rule[5:])
    sunday = d - dt.timedelta(days=(d.weekday() + 1) % 7)
    if rule == "thisweek":
        if d.weekday() in (3, 4, 5):
            raise ValueError("'this week' written Thu-Sat: avoid")
        return sunday + dt.timedelta(days=4)
    if rule == "nextweek":
        if d.weekday() in (3, 4, 5):
            raise ValueError("'next week' written Thu-Sat: avoid")
        return sunday + dt.timedelta(days=11)
    if rule == "eom":
        return last_day(d.year, d.month)
    if rule == "eonm":
        n = add_month(d.replace(day=1))
        return last_day(n.year, n.month)
    if rule == "mid":
        return promise_date("dom:15", d)
    if rule == "bonm":
        return add_month(d.replace(day=1)).replace(day=10)
    if rule == "month":
        if d.day > 28:
            raise ValueError("'a month' from the 29th-31st: avoid")
        return add_month(d)
    raise ValueError("unknown rule " + rule)


def parse_offset(s):
    m = re.fullmatch(r"\+(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?", s)
    if not m:
        raise ValueError("bad read offset " + s)
    d, h, mi = (int(x or 0) for x in m.groups())
    return dt.timedelta(days=d, hours=h, minutes=mi)


TZ = {"IL": "Asia/Jerusalem"}

# Who the reminder was addressed to, when the reply comes from a department mailbox.
COMPANY = {
    "hadar-school.org.il": "בית ספר הדר", "yam-tech.co.il": "ים טכנולוגיות", "veltra-pharma.com": "Veltra Pharma",
    "ein-tova.co.il": "רשת אופטיקה עין טובה", "pizza-esh.co.il": "רשת פיצה אש", "sb-yazamut.co.il": "ש.ב. יזמות",
    "ofek-college.ac.il": "מכללת אופק", "nitzanim-schools.org.il": "רשת ניצנים", "givat-alonim.muni.il": "עיריית גבעת אלונים",
    "galim-group.co.il": "קבוצת גלים", "hadekel-events.co.il": "גן אירועים הדקל", "or-lanoar.org.il": "עמותת אור לנוער",
    "migdal-rechev.co.il": "מגדל רכב", "northbridge-health.com": "Northbridge Health", "dfus-hasharon.co.il": "דפוס השרון",
    "electra-digital.co.il": "אלקטרה דיגיטל", "ad-handasa.co.il": "א.ד. הנדסה ובנייה", "emek-shikmim.org.il": "מועצה אזורית עמק השקמים",
    "harrowgate-legal.co.uk": "Harrowgate Legal", "quaypoint.co.uk": "Quaypoint Ltd", "tamar-group.co.il": "קבוצת תמר",
}
TITLES = {"ד״ר", "פרופ׳", "רו״ח", "עו״ד", "Dr.", "Prof."}


def customer_name(from_name, from_addr, lang):
    dom = from_addr.split("@")[1]
    dept = not from_name or "|" in from_name or " - " in from_name or from_name.split()[0] in (
        "הנהלת", "מחלקת", "רכש", "כספים", "גזברות", "אגף", "מזכירות", "חשבות", "Accounts", "AP", "Finance", "Procurement")
    if dom in COMPANY and (dept or "חשבות" in from_name):
        return COMPANY[dom]
    if dept:
        return "לקוח יקר" if lang == "he" else "there"
    toks = [t for t in from_name.split() if t not in TITLES]
    return toks[0]

HE_FIRST = ["יוסי כהן", "מירב אוחיון", "אלון ביטון", "שירה גבאי", "רונן פרץ", "טל מזרחי", "עדי שפירא", "אורית דוד", "אמיר חדד",
            "ליאור אשכנזי", "נטע ברגר", "משה אלמוג", "חני פרידמן", "ויקטור זילברמן", "סהר עמר", "יעל רבינוביץ", "איציק מלול"]


def slug(s):
    return re.sub(r"[^a-z0-9]", "", s.lower())


def make_msgid(client, domain, rnd):
    h = lambda n: "".join(rnd.choice("0123456789abcdef") for _ in range(n))
    H = lambda n: "".join(rnd.choice("0123456789ABCDEF") for _ in range(n))
    a = lambda n: "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))
    if client == "gmail":
        return f"<CA{a(2)}{a(40)}@mail.gmail.com>"
    if client == "outlook":
        srv = rnd.choice(["AM0PR08MB", "DB9PR07MB", "VI1PR06MB", "PAXPR04MB", "GV1PR10MB"]) + str(rnd.randint(1000, 9999))
        return f"<{srv}{H(6)}{a(10)}@{srv}.eurprd0{rnd.randint(1,9)}.prod.outlook.com>"
    if client == "apple":
        return f"<{H(8)}-{H(4)}-{H(4)}-{H(4)}-{H(12)}@{domain}>"
    if client == "samsung":
        return f"<{h(8)}-{h(4)}-{h(4)}-{h(4)}-{h(12)}@email.android.com>"
    if client == "tbird":
        return f"<{h(8)}-{h(4)}-{h(4)}-{h(4)}-{h(12)}@{domain}>"
    return f"<{a(16)}.{rnd.randint(1000,99999)}@{domain}>"


def encode_subject(s, mode):
    """Return an RFC 2047 header value, folded, with our choice of charset/encoding."""
    try:
        s.encode("ascii")
        return s
    except UnicodeEncodeError:
        pass
    charset, enc = {"b": ("UTF-8", "B"), "bl": ("utf-8", "B"), "q": ("utf-8", "Q"), "w": ("windows-1255", "B")}[mode]
    words, chunk = [], ""
    limit = 36 if enc == "B" else 18
    for ch in s:
        if len((chunk + ch).encode(charset)) > limit:
            words.append(chunk)
            chunk = ""
        chunk += ch
    if chunk:
        words.append(chunk)
    out = []
    for w in words:
        raw = w.encode(charset)
        if enc == "B":
            out.append(f"=?{charset}?B?{base64.b64encode(raw).decode()}?=")
        else:
            q = "".join(chr(c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122) else ("_" if c == 32 else f"={c:02X}") for c in raw)
            out.append(f"=?{charset}?Q?{q}?=")
    return "\n ".join(out)


DUMMY_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
DUMMY_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
DUMMY_JPG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + bytes(range(64)) + bytes.fromhex("ffd9")


def build(e, idx):
    kv = e["kv"]
    rnd = random.Random(hashlib.sha256(e["text"].encode()).hexdigest())
    lang = kv["lang"]
    tzname = kv.get("tz", "IL")
    tz = ZoneInfo(TZ.get(tzname, tzname))
    local = dt.datetime.fromisoformat(kv["d"]).replace(tzinfo=tz, second=rnd.randint(0, 59))
    intents = [x for x in kv["i"].split(",") if x]
    for x in intents:
        if x not in ORDER:
            raise ValueError(f"{e['where']}: bad intent {x}")
    if "none" in intents and len(intents) > 1:
        raise ValueError(f"{e['where']}: none with others")
    intents = sorted(set(intents), key=ORDER.index)
    main = intents[0]
    pd = None
    if "promise" in intents:
        if "r" not in kv:
            raise ValueError(f"{e['where']}: promise without rule")
        pd = promise_date(kv["r"], local.date())
    elif "r" in kv:
        raise ValueError(f"{e['where']}: rule without promise")
    bkey = kv["b"]
    b = BIZ[bkey]
    rl = kv.get("rl", lang)
    stage = kv.get("st", "reminder")
    q = kv.get("q") or ("gmail_he" if lang == "he" else "gmail_en")
    # reminder context
    gap = int(kv["gap"]) if "gap" in kv else rnd.choice([0, 0, 1, 1, 1, 2, 3, 5])
    rem_date = local.date() - dt.timedelta(days=gap)
    if rem_date.weekday() == 5 and "gap" not in kv:   # the businesses do not send on Saturday
        rem_date -= dt.timedelta(days=1)
    rt = dt.time.fromisoformat(kv["rt"]) if "rt" in kv else dt.time(rnd.choice([8, 9, 9, 9, 10]), rnd.choice([0, 0, 30]))
    rem_local = dt.datetime.combine(rem_date, rt).replace(tzinfo=ZoneInfo("Asia/Jerusalem"))
    if rem_local > local:
        rem_local = local - dt.timedelta(hours=2, minutes=rnd.randint(0, 50))
        rem_date = rem_local.date()
    amts = {}
    for part in kv.get("amt", "").split(","):
        if part:
            k, v = part.split("=")
            amts[k] = float(v)
    invoices = []
    for j, n in enumerate(kv["inv"].split(",")):
        amount = amts.get(n) or round(rnd.choice([480, 650, 900, 1170, 1404, 1850, 2340, 2925, 3510, 4680, 5850, 7020, 9360, 12870]) * rnd.choice([1, 1, 1.0]), 2)
        due = rem_date + dt.timedelta(days=DUE_OFFSET[stage] - 7 * j)
        invoices.append(dict(number=n, amount=amount, balance=amts.get(n + "b", amount), due=due, issue=due - dt.timedelta(days=30)))
    frm = kv.get("from") or rnd.choice(HE_FIRST) + " <" + slug(str(idx)) + "@example.co.il>"
    m = re.fullmatch(r"\s*(.*?)\s*<([^>]+)>\s*", frm)
    from_name, from_addr = (m.group(1), m.group(2)) if m else ("", frm)
    cust = kv.get("cust") or customer_name(from_name, from_addr, rl)
    to_orig = kv.get("to_orig", from_addr)
    ctx = dict(biz=b, invoices=invoices, stage=stage, rem_dt=rem_local, cust=cust, currency=kv.get("cur", "ILS"),
               promise_made=rem_date - dt.timedelta(days=14), promise_due=rem_date - dt.timedelta(days=3),
               inst_date=dt.date.fromisoformat(kv["inst"]) if "inst" in kv else rem_date + dt.timedelta(days=3))
    rtext = reminder_text(ctx, rl)
    rsubj = reminder_subject(ctx, rl)
    bname = b["name"] if rl == "he" else b["en_name"]
    sender_name = rnd.choice([bname, b["sig"] if rl == "he" else b["en_sig"], (b["sig"] if rl == "he" else b["en_sig"]) + " | " + bname])
    biz_addr = b["email"]
    # subject
    prefix = kv.get("re")
    if prefix is None:
        prefix = {"gmail": "Re: ", "outlook": rnd.choice(["RE: ", "RE: ", "השב: "] if lang == "he" else ["RE: "]),
                  "apple": "Re: ", "samsung": "Re: ", "tbird": "Re: "}.get(client_of(q, rnd), "Re: ")
        if q.startswith("fwd"):
            prefix = "Fwd: "
        if q == "owa_he":
            prefix = rnd.choice(["השב: ", "תשובה: "])
    else:
        prefix = prefix + " "
    subject = kv["subj"] if "subj" in kv else prefix + rsubj
    fresh = kv.get("fresh") == "1" or (q == "none" and "subj" in kv and kv.get("fresh") != "0")
    # new text (+ signature line of the client)
    new = e["text"]
    client = client_of(q, rnd)
    # quote assembly
    plain_parts = [new]
    qtxt = None
    rsubj_q = rsubj
    if q in ("gmail_he", "gmail_en", "gmail_he_bottom"):
        att = attribution("gmail_he" if q != "gmail_en" else "gmail_en", rem_local, sender_name, biz_addr, rnd)
        qtxt = att + "\n\n" + wrap_quote(rtext)
        if q == "gmail_he_bottom":
            plain_parts = [qtxt, new]
        else:
            plain_parts = [new, qtxt]
    elif q in ("outlook_he", "outlook_en", "outlook_en_mailto", "owa_he"):
        kind = {"outlook_he": "he", "owa_he": "he", "outlook_en": "en", "outlook_en_mailto": "en_mailto"}[q]
        blk = outlook_block(kind, rem_local, sender_name, biz_addr, to_orig, rsubj, rnd, cc=kv.get("qcc"))
        qtxt = ("________________________________\n" if q != "outlook_en_mailto" else "\n") + "\n".join(blk) + "\n\n" + rtext
        plain_parts = [new, qtxt]
    elif q in ("orig_en", "orig_he"):
        blk = outlook_block("en" if q == "orig_en" else "he", rem_local, sender_name, biz_addr, to_orig, rsubj, rnd)
        qtxt = ("-----Original Message-----\n" if q == "orig_en" else "-----הודעה מקורית-----\n") + "\n".join(blk) + "\n\n" + rtext
        plain_parts = [new, qtxt]
    elif q in ("iphone_he", "iphone_en", "apple_he", "apple_en"):
        att = attribution("apple_he" if q.endswith("he") else "apple_en", rem_local, sender_name, biz_addr, rnd)
        sig = {"iphone_he": "נשלח מה-iPhone שלי", "iphone_en": "Sent from my iPhone"}.get(q)
        if sig and sig not in new:
            new = new + "\n\n" + sig
        if rnd.random() < 0.5:
            qtxt = att + "\n\n" + wrap_quote(rtext)
        else:
            qtxt = "> " + att + "\n> \n" + wrap_quote(rtext)
        plain_parts = [new, qtxt]
    elif q in ("samsung_he", "samsung_en"):
        sig = {"samsung_he": "נשלח מסמארטפון Samsung Galaxy שלי.", "samsung_en": "Sent from my Galaxy"}[q]
        if sig not in new:
            new = new + "\n\n\n" + sig
        hdr = "-------- הודעה מקורית --------" if q == "samsung_he" else "-------- Original message --------"
        blk = outlook_block(q, rem_local, sender_name, biz_addr, to_orig, rsubj, rnd)
        qtxt = hdr + "\n" + "\n".join(blk) + "\n\n" + rtext
        plain_parts = [new, qtxt]
    elif q in ("tbird_en", "tbird_he"):
        att = attribution(q, rem_local, sender_name, biz_addr, rnd)
        qtxt = att + "\n" + wrap_quote(rtext, width=72, prefix="> ")
        plain_parts = [new, qtxt]
    elif q in ("fwd_he", "fwd_en"):
        hdr = "---------- Forwarded message ---------" if q == "fwd_en" else "---------- הודעה שהועברה ----------"
        blk = outlook_block(q, rem_local, sender_name, biz_addr, to_orig, rsubj, rnd)
        qtxt = hdr + "\n" + "\n".join(blk) + "\n\n" + rtext
        plain_parts = [new, qtxt]
    elif q in ("none", "raw"):
        plain_parts = [new]
    else:
        raise ValueError(q)
    footer = kv.get("footer")
    if footer:
        # corporate footers sit under the new text, above the quote
        plain_parts.insert(1 if q != "gmail_he_bottom" else 2, FOOTERS[footer])
    plain = "\n\n".join(p.rstrip("\n") for p in plain_parts) + "\n"
    if q == "raw":
        # raw texts carry their own {{QUOTE}} / {{ATTR}} markers for inline replies
        plain = plain.replace("{{ATTR_HE}}", attribution("gmail_he", rem_local, sender_name, biz_addr, rnd)) \
                     .replace("{{ATTR_EN}}", attribution("gmail_en", rem_local, sender_name, biz_addr, rnd))
        plain = plain.replace("{{REMINDER}}", wrap_quote(rtext))
    # HTML
    html = None
    want_html = kv.get("html") == "1" or kv.get("htmlonly") == "1"
    if want_html:
        rtl = lang == "he"
        newh = text_to_html_paras(new if q != "gmail_he_bottom" else e["text"], rtl)
        foot_h = ("<div>" + text_to_html_paras(FOOTERS[footer], rtl) + "</div>") if footer else ""
        rh = reminder_html(rtext, rl)
        if client == "gmail" or q in ("none", "raw"):
            gattr = attribution("gmail_he" if rl == "he" else "gmail_en", rem_local, sender_name, biz_addr, rnd)
            body = (f'<div dir="{"rtl" if rtl else "ltr"}">{newh}</div>{foot_h}<br><div class="gmail_quote gmail_quote_container">'
                    f'<div dir="{"rtl" if rl == "he" else "ltr"}" class="gmail_attr">{html_escape(gattr)}<br></div>'
                    f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">{rh}</blockquote></div>')
            if q in ("none",):
                body = f'<div dir="{"rtl" if rtl else "ltr"}">{newh}</div>{foot_h}'
        elif client == "outlook":
            lab = ("מאת:", "נשלח:", "אל:", "נושא:") if q in ("outlook_he", "owa_he", "orig_he") else ("From:", "Sent:", "To:", "Subject:")
            blk = outlook_block("he" if lab[0] == "מאת:" else "en", rem_local, sender_name, biz_addr, to_orig, rsubj, rnd)
            vals = [x.split(":", 1)[1].strip() for x in blk]
            hdrs = "<br>\n".join(f"<b>{l}</b> {html_escape(v)}" for l, v in zip(lab, [vals[0], vals[1], vals[2], vals[-1]]))
            body = (f'<div class="WordSection1">' + newh.replace("<div", '<p class="MsoNormal"').replace("</div>", "</p>") + foot_h + "</div>"
                    f'<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
                    f'<div id="divRplyFwdMsg" dir="{"rtl" if lab[0] == "מאת:" else "ltr"}"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">{hdrs}</font>'
                    f'<div>&nbsp;</div></div>{rh}')
        elif client == "apple":
            aattr = attribution("apple_he" if rl == "he" else "apple_en", rem_local, sender_name, biz_addr, rnd)
            body = (f'<div dir="{"rtl" if rtl else "ltr"}">{newh}</div>{foot_h}<div dir="{"rtl" if rtl else "ltr"}"><br><blockquote type="cite">{html_escape(aattr)}<br><br></blockquote></div>'
                    f'<blockquote type="cite"><div dir="{"rtl" if rl == "he" else "ltr"}">{rh}</div></blockquote>')
        elif client == "tbird":
            tattr = attribution("tbird_he" if rl == "he" else "tbird_en", rem_local, sender_name, biz_addr, rnd)
            body = (f'<p>{newh}</p>{foot_h}<div class="moz-cite-prefix">{html_escape(tattr)}<br></div>'
                    f'<blockquote type="cite" cite="mid:{"x"}">{rh}</blockquote>')
        else:
            body = f'<div dir="{"rtl" if rtl else "ltr"}">{newh}</div>{foot_h}<br><blockquote style="border-left:2px solid #ccc;padding-left:8px">{rh}</blockquote>'
        dattr = ' dir="rtl"' if rtl else ""
        html = (f'<html{dattr}><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
                f'<body{dattr}>\n{body}\n</body></html>\n')
    # ---------------- MIME
    msg = EmailMessage(policy=policy.default)
    msg["From"] = frm
    to = kv.get("to") or rnd.choice([biz_addr, biz_addr, f"{bname} <{biz_addr}>"])
    msg["To"] = to
    if kv.get("cc"):
        msg["Cc"] = kv["cc"]
    msg["Subject"] = "SUBJECT-PLACEHOLDER"
    msg["Date"] = format_datetime(local)
    dom = from_addr.split("@")[1]
    msg["Message-ID"] = make_msgid(client, dom, rnd)
    rem_id = f"<{rem_local.strftime('%Y%m%d%H%M%S')}.{rnd.randint(1000, 9999)}.reminder@{biz_addr.split('@')[1]}>"
    if not fresh:
        msg["In-Reply-To"] = rem_id
        refs = [rem_id]
        if stage in ("checkin", "solution", "final", "promise_followup") and rnd.random() < 0.6:
            earlier = rem_local - dt.timedelta(days=14)
            refs.insert(0, f"<{earlier.strftime('%Y%m%d%H%M%S')}.{rnd.randint(1000, 9999)}.reminder@{biz_addr.split('@')[1]}>")
        msg["References"] = " ".join(refs)
    for xh in [x for x in kv.get("xh", "").split("|") if x]:
        hk, _, hv = xh.partition(":")
        msg[hk.strip()] = hv.strip()
    if client == "outlook":
        msg["Thread-Topic"] = rsubj
        msg["Thread-Index"] = base64.b64encode(rnd.randbytes(22)).decode()
        msg["Content-Language"] = "he-IL" if lang == "he" else "en-US"
        msg["X-MS-Has-Attach"] = "yes" if kv.get("att") else ""
        if rnd.random() < 0.5:
            msg["X-Mailer"] = "Microsoft Outlook 16.0"
    elif client == "apple":
        msg["X-Mailer"] = rnd.choice(["iPhone Mail (22B91)", "iPhone Mail (21G93)", "Apple Mail (2.3826.600.51.1.1)"])
    elif client == "tbird":
        msg["User-Agent"] = "Mozilla Thunderbird"
    cs = kv.get("cs", "utf-8")
    enc = kv.get("enc") or rnd.choice(["qp", "qp", "b64", "8bit"] if client != "gmail" else ["qp", "b64", "b64"])
    cte = {"qp": "quoted-printable", "b64": "base64", "8bit": "8bit"}[enc]
    if cs != "utf-8":
        if html:
            html = html.replace(LRI, "").replace(PDI, "").replace("\u202a", "").replace("\u202b", "").replace("\u202c", "").replace("\u202f", " ")
        plain = plain.replace(LRI, "").replace(PDI, "").replace("\u202a", "").replace("\u202b", "").replace("\u202c", "").replace("\u202f", " ")
    if kv.get("htmlonly") == "1":
        msg.set_content(html, subtype="html", charset=cs, cte=cte)
    else:
        msg.set_content(plain, charset=cs, cte=cte)
        if html:
            msg.add_alternative(html, subtype="html", charset=cs, cte="quoted-printable" if enc != "b64" else "base64")
    for fname in [x for x in kv.get("att", "").split(",") if x]:
        ext = fname.rsplit(".", 1)[-1].lower()
        data, mt, st_ = {"pdf": (DUMMY_PDF, "application", "pdf"), "png": (DUMMY_PNG, "image", "png"),
                         "jpg": (DUMMY_JPG, "image", "jpeg"), "jpeg": (DUMMY_JPG, "image", "jpeg")}[ext]
        msg.add_attachment(data, maintype=mt, subtype=st_, filename=fname)
    # boundaries like real clients
    if msg.is_multipart():
        for part in msg.walk():
            if part.is_multipart():
                bnd = {"gmail": "000000000000" + "".join(rnd.choice("0123456789abcdef") for _ in range(16)),
                       "outlook": "_000_" + "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(30)) + "_",
                       "apple": "Apple-Mail=_" + "".join(rnd.choice("0123456789ABCDEF") for _ in range(8)) + "-" + "".join(rnd.choice("0123456789ABCDEF") for _ in range(4)) + "-4C1D-9E2A-" + "".join(rnd.choice("0123456789ABCDEF") for _ in range(12)),
                       }.get(client, "----=_Part_" + str(rnd.randint(100000, 999999)) + "_" + str(rnd.randint(10**8, 10**9)) + "." + str(rnd.randint(10**12, 10**13)))
                part.set_boundary(bnd)
    raw = msg.as_bytes()
    smode = kv.get("senc") or ("w" if cs == "windows-1255" else rnd.choice(["b", "b", "bl", "q"]))
    enc_subj = encode_subject(subject, smode)
    raw = raw.replace(b"Subject: SUBJECT-PLACEHOLDER", ("Subject: " + enc_subj).encode("ascii"), 1)
    # read_at
    if "read" in kv:
        read = local + parse_offset(kv["read"])
    else:
        read = local + dt.timedelta(minutes=rnd.choice([3, 7, 12, 25, 40, 55, 90, 130, 200, 310]))
    read = read.astimezone(ZoneInfo("Asia/Jerusalem"))
    label = {"file": f"{idx:03d}.eml", "intent": main, "intents": intents,
             "promise_date": pd.isoformat() if pd else None,
             "read_at": read.isoformat(timespec="seconds"),
             "known_numbers": [i["number"] for i in invoices], "language": lang, "note": kv.get("note", "")}
    return raw, label, dict(local=local, rule=kv.get("r"), text=e["text"], where=e["where"], q=q, subject=subject)


FOOTERS = {
    "legal_he": ("--\nהודעה זו והמידע הכלול בה מיועדים לנמען בלבד, ועשויים להכיל מידע סודי, חסוי או מוגן על פי דין. "
                 "אם קיבלת הודעה זו בטעות, נא הודע לשולח מיד ומחק אותה מכל מערכותיך. אין להעתיק, להפיץ או לעשות כל שימוש במידע זה. "
                 "הקבוצה אינה אחראית לכל נזק שייגרם כתוצאה מהעברת ההודעה או קבצים מצורפים. "
                 "כל התחייבות כספית מטעם החברה תהיה בתוקף רק אם נחתמה על ידי מורשי החתימה.\n"
                 "This message is intended only for the addressee and may contain confidential or privileged information. "
                 "If you are not the intended recipient, please notify the sender and delete it. "
                 "Payment terms are governed solely by the purchase order.\n"
                 "P  אנא שקלו את הסביבה לפני הדפסת מייל זה"),
    "legal_en": ("________________________________\nCONFIDENTIALITY NOTICE: This e-mail message, including any attachments, is for the sole use of the "
                 "intended recipient(s) and may contain confidential and privileged information. Any unauthorized review, use, "
                 "disclosure or distribution is prohibited. If you are not the intended recipient, please contact the sender by "
                 "reply e-mail and destroy all copies of the original message. Nothing in this e-mail constitutes an acknowledgement "
                 "of debt or a commitment to pay unless confirmed by an authorised purchase order.\n"
                 "Please consider the environment before printing this e-mail."),
    "legal_he2": ("*** המידע בדואר אלקטרוני זה סודי ומיועד לנמענים בלבד. אם הגיע אליך בטעות - אנא החזר לשולח ומחק. "
                  "הודעה זו נסרקה לאיתור וירוסים. מחלקת הכספים - שעות פעילות א׳-ה׳ 08:00-16:00. ***"),
    "muni": ("בברכה,\nמחלקת רכש והתקשרויות\nעמותת אור לנוער\nרח׳ הנביאים 14, חיפה | טל׳ 04-8550123 | פקס 04-8550124\n"
             "--\nתוכן הודעה זו חסוי ומיועד לנמען בלבד. כל שימוש, העתקה או הפצה שלא על ידי הנמען אסורים. "
             "עמותת אור לנוער (ע״ר 580123456) אינה אחראית לכל נזק שייגרם כתוצאה מקבלת הודעה זו."),
}


def verify(labels, infos):
    """Re-read every written file with the stdlib parser and check it against its label."""
    import email as _email
    from email.header import decode_header, make_header
    from email.utils import parsedate_to_datetime
    for lab, info in zip(labels, infos):
        raw = open(os.path.join(HERE, lab["file"]), "rb").read()
        m = _email.message_from_bytes(raw, policy=policy.default)
        subj = str(make_header(decode_header(_email.message_from_bytes(raw)["Subject"])))
        assert subj == info["subject"], (lab["file"], subj, info["subject"])
        date = parsedate_to_datetime(m["Date"])
        assert dt.datetime.fromisoformat(lab["read_at"]) > date, lab["file"]
        body = m.get_body(("plain", "html")).get_content()
        body = re.sub(r"<[^>]+>", "", body).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        first = next(l for l in info["text"].split("\n") if l.strip() and "{{" not in l and not l.startswith(">"))
        assert first.strip() in body, (lab["file"], first)
        assert lab["intent"] == lab["intents"][0] and lab["intents"] == sorted(lab["intents"], key=ORDER.index)
        assert (lab["promise_date"] is not None) <= ("promise" in lab["intents"])
        if lab["promise_date"]:
            assert dt.date.fromisoformat(lab["promise_date"]) >= date.date(), lab["file"]


def main():
    entries = parse_sources()
    order = list(range(len(entries)))
    random.Random(20261124).shuffle(order)
    out_dir = HERE
    for fn in os.listdir(out_dir):
        if re.fullmatch(r"\d{3}\.eml", fn):
            os.remove(os.path.join(out_dir, fn))
    labels, infos = [], []
    for idx, k in enumerate(order, 1):
        raw, label, info = build(entries[k], idx)
        with open(os.path.join(out_dir, label["file"]), "wb") as f:
            f.write(raw)
        labels.append(label)
        infos.append(info)
    with open(os.path.join(out_dir, "expected.jsonl"), "w", encoding="utf-8") as f:
        for lab in labels:
            f.write(json.dumps(lab, ensure_ascii=False) + "\n")
    verify(labels, infos)
    if "--review" in sys.argv:
        for lab, info in zip(labels, infos):
            if lab["promise_date"] or "promise" in lab["intents"]:
                pdv = lab["promise_date"]
                wd = dt.date.fromisoformat(pdv).strftime("%a") if pdv else ""
                print(f"{lab['file']} {info['local'].strftime('%a %Y-%m-%d %H:%M %z')} rule={info['rule']:<10} -> {pdv} {wd} [{lab['intent']}] {info['where']}")
                print("    " + info["text"].replace("\n", " / ")[:300])
    from collections import Counter
    c = Counter((l["intent"], l["language"]) for l in labels)
    print("total", len(labels))
    for it in ORDER:
        print(f"{it:14s} he={c[(it, 'he')]:3d} en={c[(it, 'en')]:3d} all={c[(it, 'he')] + c[(it, 'en')]}")
    print("he", sum(v for (i, l), v in c.items() if l == "he"), "en", sum(v for (i, l), v in c.items() if l == "en"))


if __name__ == "__main__":
    main()
