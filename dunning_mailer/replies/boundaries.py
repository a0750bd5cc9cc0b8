"""The hard boundaries between two readings, where a rule is exact and the model is not.

``intents.read`` asks the model first and then the exact rules of cues.py; these run last, on
what that gives, each one narrow and named in the reasons:

* a payment claim pauses the reminders, so one the model reads with no words that say the
  writer's side paid (cues.py's "claim") is no claim when the reply asks something and names no
  act of paying at all ("did the money reach you?", "רציתי לברר אם …"), or only says that a mail
  was sent;
* "when will you bring the other one? then I'll pay", "why should I pay for …?", "I don't think
  I owe …": the payment waits for the business or is refused, a dispute;
* a payment that waits for the business to give something back ("אשלם כשאקבל את הבגד אחרי
  התיקון", "once I get the car back") is a dispute, never a promise;
* asking for more time ("תנו לי עוד חודש", "give me another month") with no commitment to pay is
  a plan request; with one, it stays a promise (the corpora's convention);
* a reply asking something beside a plain commitment ("מחר אעביר. תשלחו שוב את מספר החשבון?")
  is a promise first, one asking for instalments a plan request first (PRIORITY), and a day
  proposed as a question ("ה-15 טוב לכם?") a promise;
* a reply the model reads as nothing that says a payment is still to come ("אני ישלם כסף בקרוב"),
  names only a day ("ראיתי ראיתי 🙂 מחר") or asks about the bill ("please let me know the exact
  amount") is that promise or question; a "promise" with nothing about paying and no time in it
  ("Thanks for the 4th reminder") is none, and a "none" that says outright the writer's side
  paid ("שילמתי מיד אחרי המייל הקודם, תודה"), asking nothing, is the payment claim.

Plain functions over the text and the readings so far; no model, no clock.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .cues import Cue, negated
from .dates import DateExpr

# Another errand on that day: "נדבר מחר", "I'll check tonight".
_OTHER = re.compile(r"(?:נדבר|אדבר|נבדוק|אבדוק|בודק|בודקת|אסתכל|נסתכל|אעבור\s+על|אשאל|אחזור|אעדכן|אתקשר|נתקשר|תתקשר\w*|"
                    r"נראה|אחשוב|לענות|זמין|זמינה|לא\s+עכשיו|talk|check|call|look|get\s+back|let\s+you\s+know|see\s+you|"
                    r"think|reply|not\s+now|can'?t|cannot|busy)", re.I)
_WEAK_DAY = {"now", "right now", "עכשיו", "כרגע", "tonight", "הערב", "בערב"}

# Asking, not telling: a question mark, or a Hebrew/English opener that asks.
_ASKS = re.compile(r"\?|(?:^|[\s,.])(?:רציתי\s+(?:לברר|לבדוק|לשאול|לדעת)|אשמח\s+לדעת|מעניין\s+(?:אותי|אם)|"
                   r"האם|wondering|i\s+wanted\s+to\s+(?:check|ask|know)|could\s+you\s+(?:check|tell)|did\s+(?:the|my|you))",
                   re.I)

# Any act of paying or sending in the past, even one cues.py does not read as a claim ("I made it
# on the 2nd", "שלחתי בביט", "ההעברה נעשתה").
_PAST_ACT = re.compile(r"(?<![\w])(?:sent|send|made|paid|pay|payed|transferred|wired|gave|"
                       r"שלחתי|שלחנו|שילמ\w*|שלמתי|העבר\w*|עשיתי|עשינו|נעשתה|נעשה|בוצע\w*|ביצעתי|הפקדתי|נתתי|"
                       r"שולם|ירדה)(?![\w])", re.I)

# One question, opened by a word that asks for information: "איפה אני רואה את התשלומים שכבר עשיתי?"
_WH_QUESTION = re.compile(r"^\s*(?:איפה|מתי|כמה|איך|where|when|how|which)\b[^.!?\n]*\?+\s*$", re.I)

# "When will you bring the second one? Then I'll pay": the payment waits for the business.
_THEN_PAY = re.compile(r"(?:מתי|when)\b[^?]*\?\s*(?:ו?אז|ורק\s+אז|and\s+then|then)\s+(?:אני\s+|אנחנו\s+|i'?ll\s+|we'?ll\s+|i\s+)?"
                       r"(?:משלם|משלמת|אשלם|נשלם|מעביר|אעביר|pay|transfer)", re.I)

# "Why should I pay for something that fell apart?": a rhetorical refusal.
_WHY_PAY = re.compile(r"(?:why\s+(?:should|would|must)\s+(?:i|we)\s+pay|למה\s+ש(?:אשלם|נשלם)|למה\s+(?:אני|אנחנו)\s+"
                      r"(?:צריך|צריכה|צריכים)\s+לשלם|ממתי\s+(?:אני\s+)?(?:משלם|משלמים)|"
                      r"(?:don'?t|do\s+not)\s+think\s+(?:i|we)\s+owe|לא\s+(?:חושב|חושבת|חושבים)\s+ש(?:אני\s+|אנחנו\s+)?חייב)", re.I)

# Sent, but a mail or a message, not money.
_SENT_WORDS = re.compile(r"(?:שלחתי|שלחנו|sent)\s+(?:לכם\s+|לך\s+|you\s+)?(?:\S+\s+)?(?:מייל|אימייל|הודעה|מכתב|"
                         r"e-?mail|message|letter)", re.I)

# Words that also pass a mail on ("העברתי ל-finance", "sent it to my wife"): no claim on their own here.
_PASSES_ON = re.compile(r"העבר|הועבר|heavarti|hevarti|transferred|sent|שלחתי|שלחנו", re.I)

# An instruction to someone else, not a payment made: "I've asked my bank to make the transfer".
_ASKED_TO = re.compile(r"(?:asked|told|instructed)\s+(?:my|our|the)\s+(?:bank|accountant|bookkeeper|office)\s+to|"
                       r"ביקשתי\s+מ(?:ה)?(?:בנק|רואה|מנהל|הנהלת)\S*\s+(?:\S+\s+)?ל", re.I)

# Waiting for the business to give something back.
_GET_BACK = re.compile(
    r"(?:כש|ברגע\s+ש|אחרי\s+ש|לאחר\s+ש|רק\s+כש)(?:אקבל|נקבל)\s+(?:בחזרה\s+)?(?:את\s+)?ה(?!משכורת|כסף|החזר|מענק|"
    r"פנסיה|קצבה|תשלום|הלוואה|ביטוח|פיצוי|בונוס|העברה)[\u05d0-\u05ea]+(?:\s+\S+){0,3}?\s+(?:מ?התיקון|בחזרה|מתוקן|מתוקנת|"
    r"מכם|ממך|אחרי\s+ה?תיקון)"
    r"|(?:once|when|as\s+soon\s+as|after)\s+(?:i|we)\s+(?:get|have)\s+(?:the|my|our)\s+\w+\s+back", re.I)

# More time asked for.
_MORE_TIME = re.compile(r"(?:^|[\s,.])(?:תנו|תן|תני)\s+לי\s+עוד\s+(?:קצת\s+)?(?:זמן|חודש|שבוע|שבועיים|כמה\s+ימים)"
                        r"|give\s+me\s+(?:another|one\s+more|a\s+bit\s+more|some\s+more)\s+(?:time|month|week|few\s+days)",
                        re.I)

# The writer commits to pay: "ואני משלם", "and I'll pay".
_COMMITS = re.compile(r"(?:ו|ש)?(?:אני\s+)?(?:אשלם|נשלם|אעביר|נעביר|משלם|משלמת|מעביר|מעבירה|סוגר|סוגרת)(?![\u05d0-\u05ea])"
                      r"|(?:i|we)(?:'ll|\s+will)\s+(?:\w+\s+)?(?:pay|transfer|settle|send)"
                      r"|(?:it|this)(?:'ll|\s+will)\s+be\s+(?:paid|settled)|(?:תקבלו|יגיע|ישולם)(?![\u05d0-\u05ea])", re.I)


# A payment still to come, said outright: "אני ישלם כסף בקרוב", "I'll bring a check Tuesday", "מחר תקבל ביט".
_WILL_PAY = re.compile(
    r"(?:^|[\s,.!\-–])(?:ו|ש)?(?:אני\s+|הוא\s+|היא\s+|אנחנו\s+)?(?:אשלם|ישלם|נשלם|תשלם|אעביר|נעביר|יעביר|תעביר|אסדר|נסדר|"
    r"אסדיר|ייפרע|ישולם|יועבר|(?:תקבל|תקבלו|תקבלי)\s+(?:את\s+)?(?:ה)?(?:כסף|ביט|צ'?ק|תשלום|הכל|העברה)|"
    r"(?:מעביר|מעבירה|משלם|משלמת)\s+(?:היום|מחר|עכשיו))(?![\u05d0-\u05ea])"
    r"|(?:i'?ll|i\s+will|we'?ll|we\s+will|i'?m|we'?re)\s+(?:\w+\s+){0,2}?(?:pay(?:ing)?|transfer(?:ring)?|settle|"
    r"bring\s+(?:a|the)\s+(?:check|cheque|cash)|send\s+(?:the\s+)?(?:money|payment|funds)|make\s+sure\s+(?:this|it)\s+gets\s+paid)\b"
    r"|(?:it'?s|payment\s+is|money\s+is)\s+coming\b", re.I)

# Passing the mail on, or another errand: no promise ("אעביר למנהל", "I'll pass it on").
_ERRAND = re.compile(r"(?:אעביר|נעביר|יעביר|מעביר)\s+(?:את\s+)?(?:זה|ה?מייל|ה?הודעה|ה?חשבונית|ל(?!כם|ך))|pass\w*\s+(?:it|this)", re.I)

# A short reply that is only a day: "ראיתי ראיתי 🙂 מחר", "Tomorrow, without fail."
_SHORT = 7

# Asks about the bill or the payment, with or without "?".
_ASK_BILL = re.compile(r"\?|(?:^|[\s,.])(?:תגידו\s+לי|תגיד\s+לי|אשמח\s+לדעת|מעניין\s+אותי\s+לדעת|רציתי\s+(?:לבדוק|לברר|לדעת)|"
                       r"please\s+(?:let\s+me\s+know|explain|tell\s+me)|let\s+me\s+know\s+(?:the|what|how|which)|could\s+you\s+explain|"
                       r"(?:not\s+sure|i\s+not\s+understand|don'?t\s+understand)\s+(?:what|this)|how\s+much|what\s+is\s+(?:the|this))", re.I)
_BILL = re.compile(r"חשבונית|חשבון|סכום|תשלום|לשלם|להעביר|חוב|חייב|יתרה|קבלה|מע\"?מ|ניכוי|בנק|swift|iban|דמי\s|"
                   r"invoice|bill|charge|amount|owe|balance|receipt|payment|account|vat|fee", re.I)
_THEY_ASK = re.compile(r"(?:והם|והיא|והוא|הם|היא|הוא)\s+(?:שואל|שואלים|שואלת|מבקש|מבקשים|מבקשת)|(?:they|she|he)\s+(?:ask|asks|are\s+asking|want\s+to\s+know)", re.I)


# Asking for instalments, a postponement or an arrangement, as a question: a plan request first.
_PLAN_ASK = re.compile(
    r"(?:אפשר|ניתן|יש\s+(?:לכם\s+)?אפשרות|efshar|אני\s+רוצה|אני\s+צריך|אני\s+צריכה|נבקש|אבקש|תוכלו|can\s+(?:i|we)|could\s+(?:i|we)|"
    r"is\s+it\s+possible|i'?d\s+like\s+to|we'?d\s+like\s+to|please\s+can\s+i)\s+(?:\S+\s+){0,4}?"
    r"(?:לחלק|לפרוס|לפריסה|פריסה|בתשלומים|(?:ב|ל)?תשלומים|bi\s+tashlumim|lidchot|לדחות|דחייה|להסדר|הסדר|לאחד\s+ו?לפרוס|"
    r"split|spread|instal?l?ments?|postpone|payment\s+plan|pay\s+(?:in\s+)?\d+\s+times|flexibility)", re.I)

# A day proposed as a question: "ה-15 טוב לכם?", "חמישי מתאים?", "20th ok?"
_DAY_OK = re.compile(r"(?:טוב|מתאים|בסדר|סבבה|קבענו|ok|okay|works|good|fine)\s*(?:לכם|לך|for\s+you)?\s*\?", re.I)

# Anything about paying at all, or a time: what a promise cannot do without.
_ABOUT_PAYING = re.compile(
    r"של[םמ]|שול[םמ]|תשלו|עביר|עבר|כס[ףפ]|ביט|פייבוקס|צ'?ק|סגור|סוגר|סדר|יסודר|תקבל|יגיע|בדרך|טיפול|אטפל|מטפל|"
    r"על\s+זה|אצלי|מבטיח|חשבו|יתרה|חוב|תכף|שולח|שלח|נסגר|ייכנס|יורד|ירד|שלכם|מתחייב|ashalem|meshalem|maavir|"
    r"pay|paid|transfer|money|settle|cheque|check|cash|wire|funds|sort|take\s+care|handle|deal\s+with|on\s+it|promise|"
    r"cover|clear|coming|do\s+it|will\s+do|have\s+it|send|invoice|balance|account|back|get\s+it|"
    r"ימים|שבוע|חודש|(?:ראשון|שני|שלישי|רביעי|חמישי|שישי)(?![\u05d0-\u05ea])|אחרי|כש|days|week|month|when|after", re.I)


# A sentence that waits for something or asks for it: its "I'll transfer" is no promise on its own.
_IF_OR_ASK = re.compile(r"כש|ברגע|אחרי\s+ש|לאחר|עם\s+קבלת|בהמשך\s+לכך|כדי\s+ש|תשלח|שלח|נבקש|בבקשה|"
                        r"once|when|as\s+soon|after|upon|send|please|from\s+abroad|מחו\"ל", re.I)


def _sentences(text: str) -> list[str]:
    return [x for x in re.split(r"(?<=[.!?\n])", text) if x.strip()]


def settle(text: str, main: str, conf: float, probs: Mapping[str, float], found: Sequence[Cue],
           dates: Sequence[DateExpr] = (), attachment: str | None = None) -> tuple[str, float, dict[str, float], list[str]]:
    """The main reading after the hard boundaries, its confidence, the probabilities left to
    the other intents, and the reasons for each change."""
    names = {c.name for c in found}
    probs = dict(probs)
    why: list[str] = []

    def best_other(*without: str) -> str:
        return max((i for i in probs if i not in without), key=lambda i: probs[i])

    if main == "payment_claim" and "claim" not in names and not attachment:
        asks, sent = _ASKS.search(text), _SENT_WORDS.search(text) or (
            _ASKED_TO.search(text) if not re.search(r"(?i)אישרו|confirmed|בוצע|went\s+out", text) else None)
        asks = asks if asks and (not _PAST_ACT.search(text) or _WH_QUESTION.match(text)) else None
        if asks or sent:
            alt = "question" if asks and not sent else best_other("payment_claim")
            why.append(f"no words that say it was paid, and {'it asks' if asks else 'only a mail was sent'} "
                       f"({(asks or sent).group(0).strip()!r}): read as {alt.replace('_', ' ')}, not a payment claim")
            main, conf = alt, max(probs.get(alt, 0.0), 1.0 - probs["payment_claim"])
            probs["payment_claim"] = 0.0
    if main in ("promise", "payment_claim", "question", "none") and (m := _THEN_PAY.search(text) or _WHY_PAY.search(text)):
        why.append(f"the payment waits for the business, or is refused ({m.group(0)!r}): a dispute")
        main, conf = "dispute", max(probs.get("dispute", 0.0), 0.8)
        probs["promise"] = probs["payment_claim"] = 0.0
    if main in ("promise", "dispute") and (m := _GET_BACK.search(text)):
        why.append(f"the payment waits for the business to give something back ({m.group(0)!r}): a dispute")
        main, conf = "dispute", max(probs.get("dispute", 0.0), 0.8)
        probs["promise"] = 0.0
    if main in ("promise", "none") and (m := _MORE_TIME.search(text)) and not _COMMITS.search(text):
        why.append(f"asks for more time ({m.group(0).strip()!r}) and commits to nothing: a plan request")
        main, conf = "plan_request", max(probs.get("plan_request", 0.0), 0.8)
        probs["promise"] = 0.0
    paid = next((c.phrase for c in found if c.name == "claim" and not _PASSES_ON.search(c.phrase)), None)
    if main == "none" and paid and "?" not in text and not names & {"claim_disputed", "forwarded", "claim_other"} \
            and not attachment and not _ASKED_TO.search(text):
        # a past act of paying by the writer's side, said outright ("שילמתי מיד אחרי המייל הקודם, תודה"),
        # is a payment claim even when the rest of the reply is thanks
        why.append(f"paid ({paid!r}), and nothing else asked or promised: a payment claim")
        main, conf = "payment_claim", max(probs.get("payment_claim", 0.0), 0.6)
    if main == "none" and not names & {"claim", "forwarded"} - {"forwarded"} and not any(
            c.name.startswith("condition_") for c in found):
        will = next((m for m in _WILL_PAY.finditer(text) if not negated(text, m.start() + 1)), None)
        if will and not _ERRAND.search(text):
            why.append(f"a payment still to come ({will.group(0).strip()!r}): a promise")
            main, conf = "promise", max(probs.get("promise", 0.0), 0.6)
        elif len(text.split()) <= _SHORT and "?" not in text and any(e.definite and e.phrase.lower() not in _WEAK_DAY for e in dates) \
                and not _OTHER.search(text):
            why.append("a short reply that names a day to pay: a promise")
            main, conf = "promise", max(probs.get("promise", 0.0), 0.6)
        elif (_ASK_BILL.search(text) and _BILL.search(text)) or _THEY_ASK.search(text):
            why.append("asks about the bill or the payment: a question")
            main, conf = "question", max(probs.get("question", 0.0), 0.6)
    if main == "question" and not any(c.name.startswith("condition_") for c in found) and "claim" not in names:
        told = [x for x in _sentences(text) if "?" not in x and not _IF_OR_ASK.search(x)]
        will = next((m for x in told for m in _WILL_PAY.finditer(x) if not negated(x, m.start() + 1)), None)
        plan = _PLAN_ASK.search(text)
        plan = plan if plan and not re.search(r"לדעת|כמה|invoice|חשבוני", plan.group(0), re.I) else None
        if plan:
            why.append(f"asks for instalments or more time ({plan.group(0).strip()!r}): a plan request first")
            main, conf = "plan_request", max(probs.get("plan_request", 0.0), 0.6)
            probs["question"] = max(probs.get("question", 0.0), 0.3)
        elif will and not _ERRAND.search(text):
            why.append(f"commits to pay ({will.group(0).strip()!r}) and asks something: a promise first")
            main, conf = "promise", max(probs.get("promise", 0.0), 0.6)
            probs["question"] = max(probs.get("question", 0.0), 0.3)
        elif len(text.split()) <= 4 and _DAY_OK.search(text) and any(e.definite for e in dates):
            why.append("proposes a day to pay: a promise")
            main, conf = "promise", max(probs.get("promise", 0.0), 0.6)
    if main == "promise" and not _ABOUT_PAYING.search(text) and not dates and len(text.split()) <= 12:
        alt = best_other("promise")
        why.append(f"nothing about paying and no time named: read as {alt.replace('_', ' ')}, not a promise")
        main, conf = alt, max(probs[alt], 1.0 - probs["promise"])
        probs["promise"] = 0.0
    return main, conf, probs, why
