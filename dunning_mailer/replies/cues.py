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
    _P + r"שלמ(?:תי|נו)",                                              # typed without the yod
    _P + r"(?:עשיתי|עשינו|עשתה|עשה)\s+(?:לכם\s+|לך\s+|לכן\s+)?(?:את\s+)?(?:ה)?(?:העבר\w*|תשלום|ביט|פייבוקס|paybox|bit)",
    _P + r"(?:נתתי|נתנו|מסרתי|מסרנו|השארתי|השארנו|הפקדתי|הפקדנו)\s+(?:\S+\s+){0,3}?(?:ה)?(?:צ'?ק|צ׳ק|שיק|המחאה|מזומן|כסף)",
    _P + r"(?:ה)?(?:צ'?ק|צ׳ק|שיק|המחאה)\s+(?:כבר\s+)?(?:נשלח|אצלכם|אצלך|נמסר)",
    r"(?:עבר|עברו|נכנס|נכנסו|יצא|יצאו)\s+(?:לכם\s+|לך\s+)?(?:כבר\s+)?(?:ה)?[₪$]?\s?\d[\d,.]*",
    # "did" only after "I"/"we": "Did my transfer reach you?" asks, it claims nothing
    r"(?:made|sent|(?:(?<=i\s)|(?<=we\s))did|completed|submitted|initiated|processed)\s+(?:the\s+|a\s+|my\s+|our\s+)?(?:\w+\s+)?(?:payment|transfer|wire)",
    r"(?:cheque|check)\s+(?:was\s+|has\s+been\s+)?(?:posted|mailed|dropped|handed|given|left)",
    r"(?:dropped|posted|mailed|handed|gave|left)\s+(?:\w+\s+){0,2}?(?:cheque|check|cash)",
    r"(?:it|payment|money|the\s+money|the\s+payment|transfer)\s+(?:went\s+out|left\s+(?:my|our)\s+account)",
    r"remitted",
    r"(?:היא|הוא|זה|זו)\s+(?:כבר\s+)?(?:יצא|יצאה|עבר|עברה|ירד|ירדה)(?!\s+(?:לי|לנו)\s+ב)",
    _P + r"(?:ה)?(?:כסף|תשלום|העברה|ביט|צ'?ק)\s+(?:כבר\s+)?(?:עבר|עברה|נכנס|נכנסה|הלך|יצא|יצאה|ירד|ירדה|הגיע|הגיעה)",
    r"עבר+(?=\s*[.!]*\s*$)",
    r"(?:ha-?\s?)?kesef\s+(?:kvar\s+)?(?:avar|yatza|nichnas)",
    r"sent\s+(?:it|the\s+money|you\s+the\s+money|the\s+funds|payment)",
    r"(?:payment|it|transfer|standing\s+order|direct\s+debit|debit)\s+(?:has\s+)?(?:went|gone|go)\s+through",
    r"(?:already\s+)?paid", r"transferred", r"wired", r"settled",
    r"sent\s+(?:you\s+)?(?:the|a|our|my)\s+(?:payment|transfer|check|cheque|money)",
    r"payment\s+(?:has\s+been|was|went)\s+(?:made|sent|transferred|completed|through|out)",
    r"(?:attached|attaching|enclosed)\s+(?:is\s+|are\s+)?(?:the\s+)?(?:receipt|transfer|confirmation|"
    r"payment\s+confirmation|proof)",
    # someone on the writer's side paid: "הגזברות העבירה את התשלום", "החשבת שלנו העבירה אתמול"
    _P + r"(?:העביר|העבירה|העבירו)(?=\s+(?:לכם|לך|את\s+(?:ה)?(?:תשלום|כסף|סכום)|אתמול|היום|ביום|בשבוע|לפני))",
    r"(?:הוראת\s+(?:ה)?קבע|החיוב)\s+(?:כבר\s+)?(?:ירדה|ירדו|ירד(?!\s+(?:ב-?|עד)\s*\d))",
    r"(?:ירד|ירדה|ירדו)\s+(?:כבר\s+)?(?:לי\s+|לנו\s+)?מ(?:ה)?(?:חשבון|כרטיס)",
    _P + r"(?:נפרע|נפרעה|נפרעו)", r"כבר\s+(?:סידרתי|סגרתי|סגרנו|סידרנו)\s+את\s+(?:זה|החשבון|החוב)",
    r"(?:i|we)\s+already\s+pay(?:ed)?\s+(?:to|you|your|the|it|this)",
    r"(?:funds|money)\s+(?:were|was|has\s+been|have\s+been)\s+(?:sent|released|transferred|wired|paid)",
    r"(?:it|payment|transfer|cheque|check)\s+(?:has\s+)?cleared", r"already\s+(?:sorted|took\s+care\s+of\s+it|taken\s+care\s+of)",
    r"(?:money|it|payment|funds)(?:'s|\s+is|\s+are)\s+(?:already\s+)?in\s+your\s+account", r"(?:am|is)\s+pay\s+already",
    r"(?:the\s+)?transfer\s+(?:as|was|has\s+been)\s+(?:made|completed|done|executed)", r"(?:money|it)\s+is\s+send",
    r"(?:i|we)\s+send\s+(?:the\s+|you\s+)?money\s+(?:yesterday|today|last|this)",
    _P + r"הפקד(?:תי|נו)\s+(?:\S+\s+)?(?:בסניף|בבנק|לחשבון)", r"כבר\s+(?:נשלח|נשלחה|שולח)(?![\u05d0-\u05ea])",
    r"(?:ze\s+)?shulam", r"he+a?varti\s+(?:etmol|hayom|lecha|lachem)", r"shalachti\s+(?:check|cheque|chek|et\s+hakesef)",
)


# "העברתי את החשבונית להנהלת חשבונות" forwards the invoice; it pays nothing. "העברתי לכם / לך"
# sends money to the business: a transfer. So a forward names what was passed on (the mail, the
# invoice, "it") or someone other than the business it was passed to.
_PASSED_ON = (r"(?:את\s+)?(?:ה)?(?:חשבונית|חשבוניות|שאלה|שאלות|מייל|אימייל|מיילים|הודעה|הודעות|בקשה|פנייה|פנייתכם|פנייתך|"
              r"מסמך|מסמכים|דרישה|תזכורת|תזכורות|מכתב|נושא|עניין|דף|קובץ)\S*"
              r"|(?:את\s+)?(?:זה|זאת)(?=\s+(?:גם\s+)?(?:ל|אל\s+)(?!חשבו|כם|ך|כן(?![\u05d0-\u05ea])|בנק))")
_THIRD = (r"(?:ה)?(?:טיפול|הנהלת|מחלקת|רואה|רו\"ח|חשבת|חשב(?![\u05d0-\u05ea])|רוה\"ח|גזבר|גזברות|אישור|חשבונות|חשבונאות|מנהל|מנהלת|בדיקה|כספים|"
          r"בעל|אשת|אשתי|בעלי|אבא|אמא|אבי|אמי|שותף|שותפה|שותפי|מזכיר|מזכירה|מזכירות|מי\s+ש|הבוס|בוס|הנה\"ח|הנהח|"
          r"ועדת|וועדת|ועד|הנהלה|דירקטוריון|הלקוח|המשרד|משרד|ספקים|תשלומים|תשלום|רכש|אחי|אחותי|גיס\w*|חמי|חמותי|בן\s+זוג\w*|בת\s+זוג\w*|הורי\w*|אחראי|אחראית|צוות|מחלקה|גורם|גורמים|עו\"ד|עורך|הבן|הבת|בני|בתי|[א-ת]+\s+מהנהלת)")
_FORWARDED = re.compile(
    r"\s+(?:(?:לך|לכם)\s+)?(?:" + _PASSED_ON + r")(?:\s+\S+){0,2}?\s*(?:(?:ל|אל\s+)\S+|הלאה|לטיפול)?"
    r"|\s+(?:גם\s+)?(?:ל|אל\s+)" + _THIRD +
    r"|\s+הלאה|\s+לטיפול"
    r"|\s+(?:it\s+|this\s+|that\s+|the\s+\w+\s+|your\s+\w+\s+)?(?:on\s+)?to\s+(?:our\s+|the\s+|my\s+)?(?:accounting|accounts|"
    r"finance|bookkeep|manager|accountant|partner|colleague|wife|husband|boss|ap\b|payables|team|person|office)", re.I)


# A payment other than this one: always on time, last time, another invoice.
_OTHER_PAYMENT_AFTER = re.compile(r"(?i)\s*(?:\S+\s+){0,3}?(?:תמיד|בפעם\s+הקודמת|פעם\s+קודמת|בעבר|כל\s+השנים|"
                                  r"last\s+time|always|in\s+the\s+past|a\s+different|another\s+invoice|previously)(?![\w])")
_OTHER_PAYMENT_BEFORE = re.compile(r"(?i)(?:תמיד|always|(?:i|we)'?ve\s+always|the\s+one\s+(?:i|we))\s*$")
# a future time right after "יצא" / "עבר": it will go out
_LATER_AFTER = re.compile(r"(?i)\s*(?:(?:רק|כבר)\s+)?(?:ב?שבוע\s+הבא|מחר|מחרתיים|עד\s+|בסוף|בתחילת|באמצע|בריצה\s+הבאה|בחודש\s+הבא|"
                          r"next|tomorrow|by\s)")


# "paid" in "will be paid", "to be paid", "get paid" promises or asks; it claims nothing.
_NOT_A_CLAIM_BEFORE = re.compile(r"(?i)(?:(?:will\s+be|to\s+be|be|get|getting|gets|been\s+not|should\s+be)(?:\s+(?:fully|all|already|"
                                 r"completely|entirely|properly))?|un|"
                                 # a belief that it was paid, not a claim: "הייתי בטוח שהעברתי", "I was sure I'd paid"
                                 r"(?:(?:הייתי|היינו|הייתה)\s+(?:בטוח|בטוחה|בטוחים)|חשבתי|חשבנו|נדמה\s+לי)\s*|"
                                 r"then\s+it'?s|whether\s+(?:or\s+not\s+)?(?:i|we)(?:'ve|\s+have|\s+had)?(?:\s+already)?|"
                                 r"(?:(?:was|were)\s+sure|thought|assumed|believed)\s+(?:that\s+)?(?:i|we)(?:'d|\s+had|\s+have)?(?:\s+already)?|"
                                 r"must\s+be|is\s+to\s+be|would\s+be|(?:ש|ו)?אם|האם|(?:ש|ו)?אם\s+כבר|"
                                 r"if\s+(?:you|i|we)(?:'ve|'d|\s+have|\s+had)?(?:\s+already)?|"
                                 r"(?:if|whether)\s+(?:she|he|they|my\s+\w+)(?:'s|\s+has|\s+had)?(?:\s+already)?|"
                                 r"(?:ש|ו)?אם\s+(?:הוא|היא|הם|בעלי|אשתי|אבא|אמא)(?:\s+כבר)?|"
                                 r"(?:have|get|getting)\s+(?:it|this|that|them)(?:\s+all)?|invoices\s+are)\s*$")


# A payment that waits for the business to act first is never a promise (README, "Intent
# conventions"): what it waits for says what it is — a document or a detail (a question), better
# terms (a plan request), or a fix, a delivery, a refund (a dispute).
_IF = r"(?:ו?(?:כש|כאשר|ביום\s+ש|ברגע\s+ש|אחרי\s+ש|לאחר\s+ש|בתנאי\s+ש|עד\s+ש|רק\s+כש|מיד\s+כש|מיד\s+אחרי\s+ש|אם|לפני\s+ש|רק\s+אחרי\s+ש|קודם))"
_THEIRS = r"(?:משכורת|המשכורת|כסף|הכסף|תקציב|התקציב|החזר|ההחזר|העברה|תמיכה|התמיכה|מענק|המענק|הלוואה|ההלוואה|הלקוח|" \
          r"הפיצוי|המס|מס\s+הכנסה|הביטוח|ביטוח|החודש|הבונוס)"
_YOU_DO = (
    # "כשתסיימו", "ברגע שתשלחו", "אם תבואו לסדר", "בתנאי שעד אז תחזירו" — not "כשתיכנס המשכורת"
    _IF + r"(?:\s*(?:אתם|אתה|את|עד\s+אז|כבר|רק))?\s*ת(?!היה|משיכ|חזור\b)[\u05d0-\u05ea]{2,}(?:ו|י)?(?![\u05d0-\u05ea])"
    r"(?!\s+(?:ה|לי\s+)?" + _THEIRS + r")"
    # "תחליף את המסך ואני מעביר", "שלח חשבונית ותקבל", "תן פרטי בנק ואני מעביר", "תוריד 200 ואני מעביר"
    r"|(?:^|[.!?\n,]\s*|(?<=\s))(?!תן\s+לי|תנו\s+לי|תני\s+לי|תכף|תודה|תמיד|תקשיב|תשמע|תראה|תאמין|תבין)(?:ת[\u05d0-\u05ea]{2,}(?:ו|י)?|תן|שלח|שלחו|קודם)\s[^.!?\n]{0,40}?"
    r"\s(?:ו(?:אני|אנחנו)\s+\S+|ו(?:אעביר|אשלם|נעביר|נשלם|תקבל|תקבלו|תקבלי|אסגור|נסגור|משלם|מעביר|סוגרים))"
    # "תבואו לתקן, אחר כך תקבלו את היתרה"
    r"|(?:^|[.!?\n,]\s*|(?<=\s))ת[\u05d0-\u05ea]{2,}(?:ו|י)?\s[^.!?\n]{0,40}?(?:ואז|אחר\s+כך|ואחרי\s+זה|ורק\s+אז)\s+(?:\S+\s+)?"
    r"(?:תקבל\w*|אשלם|נשלם|אעביר|נעביר|משלם|מעביר|אסגור|נסגור)"
    # "כשהאתר יעלה לאוויר ויעבוד", "לאחר שהציוד החלופי יסופק", "ברגע שהמשאבה תעבוד"
    r"|" + _IF + r"\s*(?:ה\S+\s+){0,3}?(?:ה\S+)?\s*(?:יסופק|תסופק|יותקן|תותקן|יתוקן|תתוקן|יוחלף|תוחלף|יעבוד|תעבוד|יעלה|"
    r"יקרר|יתחיל|תתחיל|יוחזר|תוחזר|יושלם|תושלם|יגיע\s+(?:ה)?זיכוי|יגיע\s+הזיכוי|יתוקנו|יוחלפו|יסופקו|תפסיק|יפסיק)"
    r"|(?:once|when|as\s+soon\s+as|if|after|until|unless|only\s+after|the\s+day)\s+(?:you(?:'ve|'d)?|your\s+\w+)\s+"
    r"(?:\w+\s+){0,2}?(?:fix|fixed|send|sent|finish|finished|complete|completed|correct|deliver|delivered|replace|"
    r"replaced|issue|install|return|credit|refund|sort|resolve|provide|tell|give|agree|drop|knock|remove|clear|come|"
    r"bring|repair|show|make|do|can)"
    r"|(?:on\s+)?the\s+day\s+(?:that\s+)?(?:the|your|my)\s+\w+\s+(?:gets|is|works|starts|actually)"
    r"|(?:once|when|as\s+soon\s+as|until|after)\s+(?:the|this|your)\s+(?:\w+\s+){0,4}?(?:actually\s+)?"
    r"(?:works|work|is\s+(?:fixed|replaced|working|delivered|installed|done|finished|up)|gets|starts|arrives|goes\s+live)"
    r"|(?:^|[.!?\n]\s*)(?:please\s+)?(?:fix|replace|send|tell|give|clear|finish|bring|knock|drop|remove|resend|come)\s"
    r"[^.!?\n]{0,60}?\s(?:and|then|&)\s+(?:then\s+)?(?:i|we|you)(?:'ll|\s+will|\s+can)?\s+(?:\w+\s+)?(?:pay|transfer|"
    r"get|talk|settle|send)"
)
_YOU_DO += (r"|" + _IF + r"\s*(?:אראה|אקבל|נקבל|נראה|יתקבל|תתקבל|יגיע|תגיע|יגיעו)\s+(?:את\s+)?(?:ה)?(?:פירוט|חשבונית|קבלה|"
            r"אישור|הצעת|תעוד|העתק|עותק|מסמך|מסמכים|חוזה|הסכם|טופס)"
            r"|(?:once|when|as\s+soon\s+as|after)\s+(?:i|we)\s+(?:get|receive|see|have)\s+(?:the|a|your)\s+(?:\w+\s+)?"
            r"(?:invoice|receipt|breakdown|contract|form|document|statement|quote|copy|details|note|certificate)"
            r"|(?:once|when|as\s+soon\s+as|after)\s+(?:the|your)\s+(?:\w+\s+){0,2}?(?:invoice|receipt|contract|form|document|"
            r"statement|quote|copy|note|certificate|po)\s+(?:is\s+|are\s+)?(?:back|received|arrives|signed|here|in)")
_DOC = (r"(?:חשבונית|חשבוניות|קבלה|אישור|תעודת|תעודות|מסמך|מסמכים|טופס|הצעת|העתק|עותק|הזמנת|invoice|receipt|certificate|"
        r"form|document|statement|quote|copy|delivery\s+note|po\b|purchase\s+order|contract)")
_YOU_DO += (r"|(?<![\w])(?:עם|לאחר|אחרי|רק\s+עם|מיד\s+עם)\s+(?:קבלת|קבלה\s+של)\s+(?:ה)?" + _DOC +
            r"|(?:upon|on|after)\s+(?:the\s+)?(?:receipt\s+of|receiving)\s+(?:the\s+|a\s+|your\s+)?(?:\w+\s+){0,2}?" + _DOC +
            r"|once\s+(?:it\s+is\s+|it'?s\s+|this\s+is\s+)?(?:received|registered|approved\s+by\s+you)")
_CONDITION = re.compile(_YOU_DO, re.I)
_CONDITION_ASKS = re.compile(
    r"חשבונית\s+מס|קבלה|פרטי|פרטים|מספר\s+(?:ה)?חשבון|לאיזה\s+חשבון|לינק|קישור|אישור|טופס|אסמכתא|הסכום\s+הסופי|מה\s+הסכום|"
    r"תעוד(?:ת|ות)\s+(?:ה)?משלוח|הצעת\s+(?:ה)?מחיר|העתק|עותק|פירוט|דו\"ח|כרטסת|מסמך|מסמכים|מספר\s+(?:ה)?הזמנה|"
    r"tax\s+invoice|receipt|details|account|link|invoice|certificate|form|final\s+amount|which|po\b|purchase\s+order|"
    r"delivery\s+note|statement|quote|copy|document|paperwork|breakdown|w-?9|w-?8|contract|חוזה|הסכם", re.I)
_CONDITION_TERMS = re.compile(
    r"הנחה|תוריד|תורידו|תוריד\w*|לחלק|נחלק|לפצל|נסגור\s+על|הריבית|מע\"?מ|תסכימו|תסכים|10%|%|"
    r"discount|knock|drop\s+the|interest|split|settle\s+on|agree\s+to|off\b", re.I)


# Charged twice, not "I sent the receipt twice" or "I don't want to pay twice".
_DOUBLE = re.compile(r"(?<![\w])(?:(?:ה)?חשבונית\s+(?:\S+\s+){0,2}?(?:כפולה|כפול)|(?:זה|זו|החיוב|החשבון)\s+(?:\S+\s+)?(?:כפול|כפולה)|(?:ה)?חיוב\s+(?:ה)?כפול|חיוב\s+כפול|(?:חויב|חויבתי|חויבנו|חייבתם|חייבו|גביתם|גבו)\w*\s+"
                     r"(?:\S+\s+){0,2}?פעמיים|charged\s+(?:\w+\s+){0,2}?twice|billed\s+(?:\w+\s+){0,2}?twice|"
                     r"double[- ]?(?:charged|billed|charge|billing)|duplicate\w*|כפילות|"
                     r"(?<!לא\s)(?:שילמתי|שילמנו)\s+(?:לכם|לך)\s+(?:כבר\s+)?פעמיים|paid\s+(?:you|for\s+(?:it|this))\s+twice|"
                     r"(?:אתם|אתה)\s+חייב(?:ים)?\s+לי|you\s+owe\s+(?:me|us))(?![\w])", re.I)
_ELSEWHERE = re.compile(r"(?:settlement\s+agreement|הסכם\s+(?:ה)?פשרה|חברה\s+הקודמת|לחברה\s+הקודמת|קבלן|לקבלן|contractor|קיזזתי|קיזזנו|קוזז|מקוזז|previous\s+company|before\s+the\s+merger|"
                        r"set[- ]?off|offset|deducted\s+(?:it\s+)?from|ניכיתי|הורדתי\s+מ|"
                        r"(?:ל)?(?:בעלים|ספק|מנהל)\s+(?:ה)?קודם|previous\s+owner|former\s+(?:owner|partner|supplier)|"
                        r"לבטל\s+את\s+(?:ה)?(?:קנס|חיוב|ריבית)|cancel\s+the\s+(?:fine|penalty|late\s+fee|charge))", re.I)


_FAMILIES = {
    # disagreeing with the debt or the amount
    "dispute_words": _rx(
        _P + r"לא\s+הזמנ(?:ו|תי|נו)", r"(?:ה)?סכום\s+(?:הוא\s+|ב\S+\s+)?(?:לא\s+נכון|שגוי|לא\s+תואם|לא\s+מדויק|מוגזם)",
        r"(?:יש|נפלה)\s+טעות", r"טעות\s+ב(?:חשבונית|סכום|חיוב)", r"(?:ה)?חשבונית\s+(?:שגויה|לא\s+נכונה|לא\s+תקינה)",
        _P + r"לא\s+(?:קיבלנו|קיבלתי)\s+(?:את\s+)?(?:ה)?(?:שירות|סחורה|מוצר|הזמנה|עבודה|משלוח)",
        r"(?:לא\s+)?(?:מגיע|חייבים|חייב|חייבת)\s+(?:לכם|לך)", r"(?:אני\s+)?(?:חולק|חולקת|חולקים)\s+על",
        _P + r"(?:חיוב|חייבתם|חייבו)\s+(?:כפול|פעמיים)", r"כפול", r"פעמיים", _P + r"(?:שבור|שבורה|פגום|פגומה|פגומים)",
        _P + r"(?:ביטלתי|ביטלנו|בוטל|בוטלה)", r"לא\s+(?:גמור|גמורה|נגמר|נגמרה|הסתיים|הסתיימה|הושלם|הושלמה|עובד|עובדת)",
        r"לא\s+שלנו", r"לא\s+שלי", r"אין\s+לי\s+קשר", r"תפנו\s+(?:אליו|אליה|אליהם)", r"not\s+my\s+debt",
        r"nothing\s+to\s+do\s+with\s+(?:me|us)", _P + r"(?:נשבר|נשברה|נשברו|התקלקל|התקלקלה|התקלקלו|דולף|דולפת|נוזל)",
        r"stopped\s+working", r"(?:it|this)\s+broke", r"אין\s+מצב", _P + r"(?:זיכוי|קיזוז|קיזזנו|קיזזתי)", r"הוסכם", r"סיכמנו",
        r"wrong\s+(?:amount|invoice|price|charge|company|rate)", r"incorrect", r"(?:we|i)\s+never\s+(?:received|ordered|got|agreed)",
        r"(?:we|i)\s+(?:did\s+not|didn'?t)\s+(?:order|receive|agree)", r"(?:billing|invoice)\s+(?:error|mistake)",
        r"overcharged", r"charged\s+(?:us\s+|me\s+)?twice", r"double[- ]?(?:charged|billed|charge)", r"duplicate",
        r"(?:we|i)\s+(?:do\s+not|don'?t)\s+owe", r"disput\w*", r"broken", r"damaged", r"defective", r"cancel(?:l?ed)",
        r"not\s+(?:finished|complete|completed|done|working|ours)", r"credit\s+note", r"refund"),
    # instalments, postponing, a discount or a settlement
    "plan_words": _rx(
        _P + r"(?:ב)?תשלומים", _P + r"פריס(?:ה|ת)", _P + r"לפרוס", _P + r"(?:לפצל|לחלק|פיצול|חלוקה)",
        r"הסדר(?:\s+תשלומים)?", _P + r"(?:לדחות|דחייה|דחיה)", _P + r"הנחה", r"חצי\s+עכשיו", r"כל\s+חודש",
        r"(?:payment|instal?ment)\s+plan", r"instal?l?ments?", r"split", r"in\s+(?:parts|stages|halves)",
        r"postpone", r"extension", r"more\s+time", r"discount", r"(?:half|part)\s+now", r"per\s+month",
        r"(?:each|every|a)\s+month", r"waive", r"settle\s+for", r"defer"),
    # asks for something: a document, details, a call
    "ask_words": _rx(
        r"אפשר\s+(?:ל)?(?:דבר|לקבל|לשלוח)", _P + r"(?:תתקשרו|תתקשר|תתקשרי|התקשרו|התקשר|תחזרו|תחזור|תשלחו|תשלח|תשלחי)",
        r"אשמח\s+(?:ל)?(?:שיחה|לדבר|לקבל)", _P + r"(?:חשבונית\s+מס|קבלה|העתק|פירוט|פרטי\s+(?:ה)?(?:חשבון|בנק)|"
        r"מספר\s+(?:ה)?חשבון|לינק|קישור|אישור\s+ניכוי)", r"(?:למה|מה|איך|מתי|איפה|כמה|האם|איזה|איזו)",
        r"call\s+me", r"can\s+we\s+talk", r"please\s+(?:call|send|provide|advise|confirm|share)",
        r"(?:tax\s+invoice|receipt|statement|copy|bank\s+details|account\s+(?:number|details)|iban|purchase\s+order|po\b)",
        r"(?:what|why|how|when|where|which|could\s+you|can\s+you|would\s+you)"),
}


# Refusing part of the bill, or keeping the money back, is disagreeing with it: never a promise or
# a claim, whatever else the reply pays ("את ה-600 הנוספים אני לא מכיר", "but not the delivery fee").
_REFUSAL = re.compile(
    r"(?<![\w])(?:ו?לא\s+(?:אשלם|נשלם|משלם|משלמת|משלמים|שילמתי|שילמנו|אעביר|נעביר|מעביר|מעבירה)\s+(?:על|את|עבור|בשביל)|"
    r"(?:אני\s+|אנחנו\s+)?לא\s+(?:מכיר|מכירה|מכירים|מסכים|מסכימה|מסכימים|מקבל|מקבלת|מקבלים)\s+(?:ב|את|עם|ל)|"
    r"(?:לעכב|מעכב|מעכבת|מעכבים|נעכב|אעכב)\s+(?:את\s+)?(?:ה)?(?:תשלום|יתרה|כסף)|"
    r"אין\s+מצב|no\s+payment\s+until|לא\s+(?:יהיה\s+)?(?:תשלום|אשלם|נשלם)\s+עד\s+ש|אין\s+תשלום\s+עד|won'?t\s+(?:be\s+)?pay(?:ing)?\s+(?:for\s+)?(?:that|the|this|it|any)|not\s+(?:paying|going\s+to\s+pay)\s+(?:for\s+)?(?:that|the|this)|"
    r"but\s+not\s+the|(?:don'?t|do\s+not|can'?t|cannot)\s+accept|"
    r"(?:hold|withhold|holding|withholding|keep)\s+(?:back\s+)?(?:the\s+|our\s+|my\s+)?(?:final\s+|last\s+|remaining\s+)?payment)", re.I)
_SETOFF = re.compile(r"(?<![\w])(?:ו?(?:קיזזתי|קיזזנו|קוזז|קוזזה|קוזזו|מקוזז|ניכיתי|ניכינו|לקזז|מקזז|מקזזת|מקזזים|מנכה|מנכים)|"
                     r"(?:מוריד|מורידה|מורידים|אוריד|נוריד)\s+(?:לכם\s+|לך\s+)?(?:₪\s?)?\d[\d,]*|set[- ]?off|offset|"
                     r"deducted\s+(?:it\s+|this\s+|that\s+)?from)(?![\w])", re.I)
_CHARGED_AGAIN = re.compile(r"(?<![\w])(?:גובים|גביתם|חייבתם|חייבו|מחייבים|חויבתי|חויבנו|charged|charging|billed|billing|"
                            r"invoiced)\s+(?:\S+\s+){0,2}?(?:שוב|again|פעמיים|twice|עוד\s+פעם)(?![\w])", re.I)


# A complaint that says on its own that the bill is wrong or the work is not done: cancelled, never
# ordered, broken, not fixed, missing, the wrong amount. Read as a dispute even when asked as a
# question ("מה??? ביטלתי את זה מזמן", "מה עם הדלת?? לא תוקנה").
_COMPLAINT = re.compile(
    r"(?<![\w])(?:" + _P + r"(?:ביטלתי|ביטלנו|בוטל|בוטלה|ביטלנו)|לא\s+(?:הזמנתי|הזמנו|הזמנתם|ביקשתי|ביקשנו)|"
    r"(?:ה)?(?:שבור|שבורה|שבורים|פגום|פגומה|פגומים|רטוב|רטובה|רטובים|נשבר|נשברה|נשברו|התקלקל|התקלקלה|מקולקל|מקולקלת)|"
    r"לא\s+(?:תוקן|תוקנה|תוקנו|סיימתם|סיימת|גמור|גמורה|הושלם|הושלמה|נסגר|הגיע|הגיעה|הגיעו|סופק|סופקה)|"
    r"(?:ה)?סכום\s+(?:\S+\s+)?(?:לא\s+נכון|שגוי|מוגזם)|(?:יש|נפלה)\s+טעות\s+ב(?:סכום|חשבונית|חיוב|מחיר|שעות|חישוב)|"
    r"טעות\s+ב(?:סכום|חשבונית|חיוב|מחיר|שעות|חישוב)|מדובר\s+בכפל|כפל\s+חיוב|"
    r"(?:חסר|חסרה|חסרים|חסרות)\s+(?:לי|לנו)(?!\s+(?:\S+\s+){0,2}?(?:ה)?(?:חשבוני|מספר|אישור|קבל|פרט|טופס|מסמך|מייל))|"
    r"איפה\s+(?:ה)?(?:שאר|יתר)|לא\s+(?:קיבלתי|קבלתי|קיבלנו)\s+(?:כלום|שום|את\s+(?:ה)?(?:סחורה|מוצר|"
    r"הזמנה|שירות|עבודה|ציוד|משלוח))|(?:הגיע|הגיעה|הגיעו)\s+(?:אחרי|באיחור|מאוחר|שבור|שבורה|רטוב|רטובים|פגום)|"
    r"אמרת(?:ם)?\s+(?:ש(?:זה|הוא|היא)?\s*)?(?:כולל|חינם|בחינם|ניסיון|במחיר)|אמרנו\s+\d|סיכמנו\s+(?:על\s+)?\d|זה\s+לא\s+(?:אני|שלי|שלנו)|"
    r"cancel(?:l)?ed|(?:never\s+(?:got|received|ordered|agreed)|(?:did\s+not|didn'?t)\s+(?:order|receive|get|agree))"
    r"(?!\s+(?:\w+\s+){0,2}?(?:invoice|receipt|bill|e-?mail|statement|copy|link|reminder|tax))|"
    r"broken|damaged|defective|wrong\s+(?:amount|price|invoice|charge|total)|overcharged|not\s+(?:fixed|finished|done|working|delivered)|"
    r"בעיה\s+(?:רק\s+)?עם\s+(?:ה)?(?:חיוב|סכום|חשבונית)|problem\s+with\s+(?:the|one|this)\s+(?:charge|amount|item)|"
    r"still\s+(?:broken|not|missing|leaking)|missing|arrived\s+(?:late|broken|damaged|wet)|you\s+(?:said|told\s+me|promised)\s+(?:it|this|that|the))"
    r"(?![\w])", re.I)


_DOCUMENT = re.compile(r"(?i)חשבוני|קבלה|קישור|לינק|מייל|invoice|receipt|link|e-?mail|statement")


def cues(text: str) -> list[Cue]:
    """The exact cues in a reply's new text."""
    out: list[Cue] = []
    for m in _CLAIM.finditer(text):
        phrase = m.group(0).strip()
        before = _NOT_A_CLAIM_BEFORE.search(text[max(0, m.start() - 20):m.start()])
        if before:
            if re.search(r"(?i)אם|if", before.group(0)):
                out.append(Cue("claim_hypothetical", phrase, m.start()))   # "if you already paid, ignore this"
            continue
        if _OTHER_PAYMENT_AFTER.match(text, m.end()) or _OTHER_PAYMENT_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            out.append(Cue("claim_other", phrase, m.start()))     # "שילמתי תמיד בזמן", "the one I paid last time"
        elif re.search(r"(?:יצא|ירד)$", phrase) and _LATER_AFTER.match(text, m.end()):
            out.append(Cue("claim_later", phrase, m.start()))     # "התשלום יצא בשבוע הבא": ייצא, not יצא
        elif _FORWARDED.match(text, m.end()) and re.search(r"העבר|הועבר|forward|transferred|sent", phrase, re.I):
            out.append(Cue("forwarded", phrase, m.start()))
        elif negated(text, m.start()):
            out.append(Cue("claim_negated", phrase, m.start()))
        else:
            out.append(Cue("claim", phrase, m.start()))
    for m in re.finditer(r"(?i)(?<![\w])(?:forwarded|(?:passed|sent)\s+(?:it|this)\s+on|העברתי\s+הלאה)", text):
        out.append(Cue("forwarded", m.group(0), m.start()))
    for name, rx in _FAMILIES.items():
        for m in rx.finditer(text):
            out.append(Cue(name, m.group(0).strip(), m.start()))
            break
    for m in _CONDITION.finditer(text):
        phrase = m.group(0).strip(" ,.\n")
        window = text[m.start():m.end() + 40]
        kind = ("condition_question" if _CONDITION_ASKS.search(window) else
                "condition_plan" if _CONDITION_TERMS.search(window) else "condition_dispute")
        out.append(Cue(kind, phrase, m.start()))
    for m in _COMPLAINT.finditer(text):
        if negated(text, m.start()):
            continue              # "לא ביטלתי את ההוראה"
        line_start = max(text.rfind(ch, 0, m.start()) for ch in ".!?\n") + 1
        ends = [i for i in (text.find(ch, m.end()) for ch in ".!?\n") if i >= 0]
        if re.match(r"(?i)לא\s+(?:קיבלתי|קבלתי|קיבלנו)|never|didn|did\s+not", m.group(0)) and \
                _DOCUMENT.search(text, line_start, min(ends, default=len(text))):
            continue              # "לא קיבלתי שום דבר, החשבונית נשלחה?": a document asked for, a question
        out.append(Cue("complaint", m.group(0).strip(), m.start()))
        break
    for name, rx in (("refusal", _REFUSAL), ("setoff", _SETOFF), ("charged_again", _CHARGED_AGAIN)):
        m = rx.search(text)
        if m:
            out.append(Cue(name, m.group(0).strip(), m.start()))
    if any(c.name == "claim" for c in out):
        m = _DOUBLE.search(text) or _ELSEWHERE.search(text) or _CHARGED_AGAIN.search(text)
        if m:
            out.append(Cue("claim_disputed", m.group(0), m.start()))
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
