"""What a person's reply says: a payment claim, a promise, a dispute, a plan request, a question; invoice numbers."""
from __future__ import annotations

import email
import email.message
import email.policy
import re
from typing import Collection

from .message import _decode_words, _strip_bidi, _walk


_HE_PREFIX = r"(?:[ושהכלבמ]{0,2})"


_NEG = re.compile(r"(?:^|\s)(?:ו?לא|טרם|עוד\s+לא|אין|בלי|not|never|haven'?t|hasn'?t|didn'?t|"
                  r"wasn'?t|weren'?t|isn'?t|no|n't|don'?t|doesn'?t|cannot|can'?t|won'?t)\s*$",
                  re.I)


_WB = r"(?<![\w])"


_WE = r"(?![\w])"


def _negated(text: str, start: int) -> bool:
    # Look back within the clause for a negation word among the last 3 words.
    before = text[max(0, start - 40):start]
    before = re.split(r"[.!?;,\n]", before)[-1]
    words = before.split()
    for k in range(1, min(3, len(words)) + 1):
        if _NEG.search(" " + " ".join(words[-k:]).strip()) and \
                re.search(r"(?i)(?:^|\s)(?:ו?לא|טרם|אין|בלי|not|never|\w+n'?t|no|cannot)$",
                          " " + words[-k]):
            return True
    return False


def _find(patterns: list[re.Pattern], text: str, *, negatable: bool = True,
          veto: re.Pattern | None = None) -> tuple[str, int] | None:
    for rx in patterns:
        for m in rx.finditer(text):
            if negatable and _negated(text, m.start()):
                continue
            if veto is not None and veto.match(text, m.end()):
                continue
            return m.group(0).strip(), m.start()
    return None


def _rx(*alts: str, flags: int = re.I) -> list[re.Pattern]:
    return [re.compile(_WB + a + _WE, flags) for a in alts]


_CLAIM_RX = _rx(
    _HE_PREFIX + r"שילמ(?:תי|נו|ת|תם|ה)",
    _HE_PREFIX + r"שול(?:ם|מה|מו)",
    _HE_PREFIX + r"העבר(?:תי|נו)",
    _HE_PREFIX + r"הועבר(?:ה|ו)?",
    _HE_PREFIX + r"ביצע(?:תי|נו)\s+(?:את\s+)?(?:ה)?(?:העברה|תשלום)",
    _HE_PREFIX + r"(?:ה)?(?:תשלום|העברה)\s+(?:כבר\s+)?בוצע(?:ה)?",
    _HE_PREFIX + r"בוצע(?:ה)?\s+(?:ה)?(?:העברה|תשלום)",
    _HE_PREFIX + r"שלח(?:תי|נו)\s+(?:את\s+)?(?:ה)?(?:תשלום|צ'?ק|המחאה|כסף)",
    _HE_PREFIX + r"מצורפ(?:ת|ה)?\s+(?:ה)?(?:אסמכתא|קבלה|אישור\s+(?:ה)?העברה)",
    _HE_PREFIX + r"מצרפ(?:ת|ים)?\s+(?:את\s+)?(?:ה)?(?:אסמכתא|קבלה|אישור\s+(?:ה)?העברה)",
    r"(?:already\s+)?paid",
    r"transferred",
    r"wired",
    r"sent\s+(?:you\s+)?(?:the|a|our|my)\s+(?:payment|transfer|check|cheque)",
    r"payment\s+(?:has\s+been|was)\s+(?:made|sent|transferred|completed)",
    r"(?:attached|attaching)\s+(?:is\s+)?(?:the\s+)?(?:receipt|transfer confirmation|"
    r"payment confirmation|proof of payment)",
)


# "העברתי את החשבונית להנהלת חשבונות" forwards the invoice, it pays nothing.
_CLAIM_VETO = re.compile(
    r"\s+(?:את\s+)?(?:ה)?(?:חשבונית|מייל|הודעה|בקשה|פנייה|זה|מסמך)?\S*\s*"
    r"(?:ל|אל\s+)(?:ה)?(?:טיפול|הנהלת|מחלקת|רואה|רו\"ח|גזברות|אישור|חשבונות|מנהל|בדיקה)"
    r"|\s+(?:it\s+|this\s+)?to\s+(?:our\s+|the\s+)?(?:accounting|accounts|finance|"
    r"bookkeep|manager)", re.I)


# "paid" in "unpaid", "paid on time?" ... "will be paid" is a promise, not a claim.
_CLAIM_VETO_BEFORE = re.compile(r"(?i)(?:will\s+be|to\s+be|be|get|getting|been\s+not)\s*$")


_PROMISE_RX = _rx(
    _HE_PREFIX + r"(?:אשלם|נשלם|אעביר|נעביר|אסדיר|נסדיר|אשלים|נשלים|אפקיד|נפקיד)",
    _HE_PREFIX + r"(?:אבצע|נבצע)\s+(?:את\s+)?(?:ה)?(?:העברה|תשלום)",
    _HE_PREFIX + r"(?:אשלח|נשלח)\s+(?:את\s+)?(?:ה)?(?:תשלום|העברה|צ'?ק|המחאה|כסף)",
    _HE_PREFIX + r"(?:ה)?(?:תשלום|כסף|סכום|העברה|יתרה)\s+(?:י|ת)(?:בוצע|ועבר|שולם|וסדר|גיע)",
    _HE_PREFIX + r"(?:י|ת)(?:שולם|ועבר|וסדר|בוצע)(?:ו)?",
    _HE_PREFIX + r"(?:תקבלו|תקבל)\s+(?:את\s+)?(?:ה)?(?:תשלום|כסף|העברה)",
    r"(?:i|we|i'll|we'll|i\s+will|we\s+will|i\s+shall|we\s+shall)\s+"
    r"(?:(?:will|shall)\s+)?(?:make\s+(?:the\s+)?payment|pay|transfer|settle|send\s+(?:the\s+|a\s+)?"
    r"(?:payment|transfer|money|check|cheque))",
    r"(?:i'm|i\s+am|we're|we\s+are)\s+going\s+to\s+(?:pay|transfer|settle)",
    r"(?:payment|it|the\s+invoice|the\s+balance)\s+will\s+be\s+(?:paid|sent|transferred|made|settled)",
)


_DISPUTE_RX = _rx(
    _HE_PREFIX + r"לא\s+הזמנ(?:ו|תי|נו)",
    r"(?:ה)?סכום\s+(?:הוא\s+|ב\S+\s+)?(?:לא\s+נכון|שגוי|לא\s+תואם|לא\s+מדויק|מוגזם)",
    r"(?:יש|נפלה)\s+טעות",
    r"טעות\s+ב(?:חשבונית|סכום|חיוב)",
    r"(?:ה)?חשבונית\s+(?:שגויה|לא\s+נכונה|לא\s+תקינה)",
    _HE_PREFIX + r"לא\s+(?:קיבלנו|קיבלתי)\s+(?:את\s+)?(?:ה)?(?:שירות|סחורה|מוצר|הזמנה|עבודה|משלוח)",
    r"(?:ה)?(?:שירות|סחורה|מוצר|עבודה)\s+לא\s+(?:סופק|סופקה|ניתן|ניתנה|הושלמ)\S*",
    r"לא\s+(?:מגיע|חייבים|חייב|חייבת)\s+(?:לכם|לך)?",
    r"(?:אני\s+)?(?:חולק|חולקת|חולקים)\s+על",
    r"wrong\s+(?:amount|invoice|price|charge)",
    r"incorrect\s+(?:amount|invoice|charge|price)",
    r"(?:we|i)\s+never\s+(?:received|ordered|got)",
    r"(?:we|i)\s+(?:did\s+not|didn'?t)\s+(?:order|receive)",
    r"(?:billing|invoice)\s+(?:error|mistake)",
    r"overcharged",
    r"(?:we|i)\s+(?:do\s+not|don'?t)\s+owe",
    r"dispute",
)


_PLAN_RX = _rx(
    _HE_PREFIX + r"תשלומים",
    _HE_PREFIX + r"פריס(?:ה|ת)",
    _HE_PREFIX + r"לפרוס",
    r"הסדר\s+(?:תשלום|תשלומים)",
    r"(?:payment|instal?ment)\s+plan",
    r"instal?lments?",
    r"split\s+(?:the\s+|it\s+|this\s+)?(?:payment|amount|bill|invoice)",
    r"pay\s+in\s+(?:parts|instal?ments|stages)",
)


_QUESTION_RX = _rx(
    r"אפשר\s+(?:ל)?דבר",
    _HE_PREFIX + r"(?:תתקשרו|תתקשר|תתקשרי|התקשרו|התקשר|התקשרי)",
    r"(?:תחזרו|תחזור|תחזרי|חזרו)\s+(?:אליי|אלי|אלינו)",
    r"אשמח\s+(?:ל)?(?:שיחה|לדבר)",
    r"call\s+me", r"can\s+we\s+talk", r"please\s+call", r"give\s+me\s+a\s+call",
)


def _payment_claim(text: str) -> str | None:
    for rx in _CLAIM_RX:
        for m in rx.finditer(text):
            if _negated(text, m.start()):
                continue
            if _CLAIM_VETO.match(text, m.end()):
                continue
            if _CLAIM_VETO_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
                continue
            return m.group(0).strip()
    return None


def _promise(text: str) -> tuple[str, int] | None:
    return _find(_PROMISE_RX, text)


def _dispute(text: str) -> str | None:
    hit = _find(_DISPUTE_RX, text, negatable=False)
    return hit[0] if hit else None


def _plan_request(text: str) -> str | None:
    hit = _find(_PLAN_RX, text)
    return hit[0] if hit else None


def _question(text: str) -> str | None:
    hit = _find(_QUESTION_RX, text, negatable=False)
    if hit:
        return hit[0]
    # A question mark at the end of a sentence (not inside a URL).
    for m in re.finditer(r"[^\s?]\s?\?", text):
        if not re.search(r"https?://\S*$", text[max(0, m.start() - 200):m.end()]):
            line = text[:m.end()].rsplit("\n", 1)[-1]
            return line.strip()[-60:]
    return None


_RECEIPT_NAME = re.compile(r"אסמכתא|אסמכתה|receipt|transfer|העברה|קבלה|confirmation|"
                           r"אישור|payment|תשלום", re.I)


def _receipt_attachment(msg: email.message.Message) -> str | None:
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


def _invoices(known: Collection[str], subject: str, text: str) -> tuple[str, ...]:
    if not known:
        return ()
    hay = _strip_bidi(subject or "") + "\n" + (text or "")
    found: list[tuple[int, str]] = []
    for n in known:
        n = str(n).strip()
        if not n:
            continue
        rx = re.compile(r"(?<![0-9A-Za-z])(?<![0-9A-Za-z]-)" + re.escape(n) +
                        r"(?![0-9A-Za-z])(?!-[0-9A-Za-z])", re.I)
        m = rx.search(hay)
        if m:
            found.append((m.start(), n))
    found.sort()
    out: list[str] = []
    for _, n in found:
        if n not in out:
            out.append(n)
    return tuple(out)
