"""Exact cues in what a person writes, where a rule is exact: a claim that it was paid and whether
it is negated, "forwarded to accounting" (not a payment), a payment conditioned on the business
doing something first, a receipt attached.

Each cue is a named signal with the words that raised it. The learned reader takes them as
features, and a few of them decide on their own (intents.py says which)."""
from __future__ import annotations

import email
import email.message
import email.utils
import re
from dataclasses import dataclass

from .message import _decode_words, _walk


@dataclass(frozen=True)
class Cue:
    name: str
    phrase: str
    start: int


_P = r"(?:[ושהכלבמ]{0,2})"     # Hebrew prefixes: ו, ש, ה, כ, ל, ב, מ
_WB = r"(?<![\w'])"
_WE = r"(?![\w'])"


def _rx(*alts: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{_WB}{a}{_WE})" for a in alts), re.I)


# A negation ends the stretch of text before a claim word (within the same clause).
_NEGATION = re.compile(
    r"(?:^|[\s,(])(?:ו?לא|ו?טרם|עוד\s+לא|כבר\s+לא|אף\s+פעם\s+לא|בכלל\s+לא|ממש\s+לא|אין|בלי|"
    r"not|never|no|haven'?t|hasn'?t|hadn'?t|didn'?t|wasn'?t|weren'?t|isn'?t|aren'?t|don'?t|"
    r"doesn'?t|cannot|can'?t|couldn'?t|won'?t|yet\s+to|n't)"
    r"(?:\s+(?:\S+)){0,2}\s*$", re.I)


_CLAUSE_END = re.compile(r"[.!?;\n]|,\s|\s-\s|\s–\s|(?:^|\s)(?:אבל|אך|but|however)(?:\s|$)", re.I)


def negated(text: str, start: int) -> bool:
    """A negation word among the three words before ``start``, inside the same clause."""
    before = text[max(0, start - 60):start]
    parts = _CLAUSE_END.split(before)
    clause = parts[-1] if parts else before
    return bool(_NEGATION.search(" " + clause))


_CLAIM = _rx(
    _P + r"שילמ(?:תי|נו|ת|תם|ה|ו)",
    _P + r"שול(?:ם|מה|מו)",
    _P + r"העבר(?:תי|נו)",
    _P + r"הועבר(?:ה|ו)?",
    _P + r"ביצע(?:תי|נו)\s+(?:את\s+)?(?:ה)?(?:העברה|תשלום)",
    _P + r"(?:ה)?(?:תשלום|העברה|כסף)\s+(?:כבר\s+)?(?:בוצע(?:ה)?|יצא(?:ה)?|עבר(?:ה)?|נכנס|ירד)",
    _P + r"בוצע(?:ה)?\s+(?:ה)?(?:העברה|תשלום)",
    _P + r"שלח(?:תי|נו)\s+(?:את\s+)?(?:ה)?(?:תשלום|צ'?ק|שיק|המחאה|כסף|העברה)",
    _P + r"(?:מצורפ(?:ת|ה|ים)?|מצרפ(?:ת|ים)?|צירפתי|צירפנו|מצ\"ב)\s+(?:את\s+)?(?:ה)?(?:אסמכתא|אסמכתה|קבלה|"
    r"אישור|צילום|צלום|העתק)",
    _P + r"ירד\s+(?:לי\s+|לנו\s+)?(?:מה)?(?:חשבון|כרטיס)",
    r"(?:already\s+)?paid", r"transferred", r"wired", r"settled",
    r"sent\s+(?:you\s+)?(?:the|a|our|my)\s+(?:payment|transfer|check|cheque|money)",
    r"payment\s+(?:has\s+been|was|went)\s+(?:made|sent|transferred|completed|through|out)",
    r"(?:attached|attaching|enclosed)\s+(?:is\s+|are\s+)?(?:the\s+)?(?:receipt|transfer|confirmation|"
    r"payment\s+confirmation|proof)",
)


# "העברתי את החשבונית להנהלת חשבונות" forwards the invoice; it pays nothing.
_FORWARDED = re.compile(
    r"\s+(?:(?:את\s+)?(?:ה)?(?:חשבונית|מייל|אימייל|הודעה|בקשה|פנייה|פנייתכם|פנייתך|זה|מסמך|דרישה|תזכורת)\S*\s*)?"
    r"(?:ל|אל\s+|הלאה|לטיפול)(?:ה)?(?:טיפול|הנהלת|מחלקת|רואה|רו\"ח|גזבר|אישור|חשבונות|מנהל|בדיקה|כספים|"
    r"בעל|אשת|אשתי|בעלי|אבא|אמא|שותף|השותף|מזכיר|הלאה|מי\s+ש)?"
    r"|\s+הלאה"
    r"|\s+(?:it\s+|this\s+|your\s+\w+\s+)?(?:on\s+)?to\s+(?:our\s+|the\s+|my\s+)?(?:accounting|accounts|finance|"
    r"bookkeep|manager|accountant|partner|colleague|wife|husband)", re.I)


# "paid" in "will be paid", "to be paid", "get paid" promises or asks; it claims nothing.
_NOT_A_CLAIM_BEFORE = re.compile(r"(?i)(?:will\s+be|to\s+be|be|get|getting|gets|been\s+not|un|should\s+be|"
                                 r"must\s+be|is\s+to\s+be|would\s+be|אם|האם|אם\s+כבר)\s*$")


_CONDITION_YOU = re.compile(
    # the business has to do something first: "נשלם כשתסיימו", "אחרי שתשלחו חשבונית", "once you fix"
    r"(?:כש|אחרי\s+ש|לאחר\s+ש|ברגע\s+ש|עד\s+ש|רק\s+אחרי\s+ש|בתנאי\s+ש|מיד\s+כש|אם)"
    r"(?:אתם\s+|את\s+|אתה\s+|תגיעו|ה?(?:סחורה|מוצר|עבודה|תיקון|התקנה|טכנאי|חשבונית|משלוח)\S*\s+)?"
    r"(?:ת\w{2,}(?:ו|י)?|תש\w+|תביא\w*|תגיע\w*)(?![\w])"
    r"|(?:once|when|after|as\s+soon\s+as|until|unless|if|only\s+after)\s+(?:you|your\s+\w+)\s+"
    r"(?:\w+\s+){0,2}?(?:fix|send|finish|complete|correct|deliver|replace|issue|install|return|credit|"
    r"refund|sort|resolve|provide|have|are|get)"
    r"|(?:לאחר|אחרי|רק\s+אחרי|עם)\s+(?:קבלת|קבלתה|תיקון|החלפת|השלמת|סיום|הוצאת|שליחת|הסדרת|ביטול|זיכוי)"
    r"|(?:upon|after|pending)\s+(?:receipt|receiving|delivery|correction|completion)\s+of",
    re.I)


_FIRST_PERSON_FUTURE = re.compile(r"(?:כש|אחרי\s+ש|ברגע\s+ש)(?:אני\s+)?א\w+", re.I)


def cues(text: str) -> list[Cue]:
    """The exact cues in a reply's new text."""
    out: list[Cue] = []
    for m in _CLAIM.finditer(text):
        phrase = m.group(0).strip()
        if _NOT_A_CLAIM_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            continue
        if _FORWARDED.match(text, m.end()) and re.search(r"העבר|forward|transferred", phrase, re.I):
            out.append(Cue("forwarded", phrase, m.start()))
        elif negated(text, m.start()):
            out.append(Cue("claim_negated", phrase, m.start()))
        else:
            out.append(Cue("claim", phrase, m.start()))
    for m in re.finditer(r"(?i)(?<![\w])(?:forwarded|passed\s+(?:it|this)\s+on|העברתי\s+הלאה)", text):
        out.append(Cue("forwarded", m.group(0), m.start()))
    for m in _CONDITION_YOU.finditer(text):
        if _FIRST_PERSON_FUTURE.match(m.group(0)):
            continue
        out.append(Cue("condition_you", m.group(0).strip(), m.start()))
    return out


_RECEIPT_NAME = re.compile(r"אסמכתא|אסמכתה|receipt|transfer|העברה|קבלה|confirmation|"
                           r"אישור|payment|תשלום", re.I)


def receipt_attachment(msg: email.message.Message) -> str | None:
    """The name of an attached receipt or transfer confirmation (a PDF or a picture), if any."""
    for p in _walk(msg):
        if p.is_multipart():
            continue
        name = p.get_filename() or p.get_param("name") or ""
        if isinstance(name, tuple):
            name = email.utils.collapse_rfc2231_value(name)
        name = _decode_words(str(name)) if name else ""
        if not name:
            continue
        ct = p.get_content_type()
        if (ct == "application/pdf" or ct.startswith("image/") or
                name.lower().endswith((".pdf", ".png", ".jpg", ".jpeg", ".heic"))) \
                and _RECEIPT_NAME.search(name):
            return name
    return None
