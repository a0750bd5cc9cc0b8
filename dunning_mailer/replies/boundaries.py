"""The hard boundaries between two readings, where a rule is exact and the model is not.

``intents.read`` asks the model first and then the exact rules of cues.py; these run last, on
what that gives, each one narrow and named in the reasons:

* a payment claim pauses the reminders, so one the model reads with no words that say the
  writer's side paid (cues.py's "claim") is no claim when the reply asks something and names no
  act of paying at all ("did the money reach you?", "רציתי לברר אם …"), or only says that a mail
  was sent;
* a payment that waits for the business to give something back ("אשלם כשאקבל את הבגד אחרי
  התיקון", "once I get the car back") is a dispute, never a promise;
* asking for more time ("תנו לי עוד חודש", "give me another month") with no commitment to pay is
  a plan request; with one, it stays a promise (the corpora's convention).

Plain functions over the text and the readings so far; no model, no clock.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .cues import Cue

# Asking, not telling: a question mark, or a Hebrew/English opener that asks.
_ASKS = re.compile(r"\?|(?:^|[\s,.])(?:רציתי\s+(?:לברר|לבדוק|לשאול|לדעת)|אשמח\s+לדעת|מעניין\s+(?:אותי|אם)|"
                   r"האם|wondering|i\s+wanted\s+to\s+(?:check|ask|know)|could\s+you\s+(?:check|tell)|did\s+(?:the|my|you))",
                   re.I)

# Any act of paying or sending in the past, even one cues.py does not read as a claim ("I made it
# on the 2nd", "שלחתי בביט", "ההעברה נעשתה").
_PAST_ACT = re.compile(r"(?<![\w])(?:sent|send|made|did|done|paid|pay|payed|transferred|wired|took|gave|"
                       r"שלחתי|שלחנו|שילמ\w*|שלמתי|העבר\w*|עשיתי|עשינו|נעשתה|נעשה|בוצע\w*|ביצעתי|הפקדתי|נתתי|"
                       r"שולם|ירד|ירדה|יצא|יצאה|עבר|עברה|נכנס)(?![\w])", re.I)

# Sent, but a mail or a message, not money.
_SENT_WORDS = re.compile(r"(?:שלחתי|שלחנו|sent)\s+(?:לכם\s+|לך\s+|you\s+)?(?:\S+\s+)?(?:מייל|אימייל|הודעה|מכתב|"
                         r"e-?mail|message|letter)", re.I)

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


def settle(text: str, main: str, conf: float, probs: Mapping[str, float], found: Sequence[Cue],
           attachment: str | None = None) -> tuple[str, float, dict[str, float], list[str]]:
    """The main reading after the hard boundaries, its confidence, the probabilities left to
    the other intents, and the reasons for each change."""
    names = {c.name for c in found}
    probs = dict(probs)
    why: list[str] = []

    def best_other(*without: str) -> str:
        return max((i for i in probs if i not in without), key=lambda i: probs[i])

    if main == "payment_claim" and "claim" not in names and not attachment:
        asks, sent = _ASKS.search(text), _SENT_WORDS.search(text)
        asks = asks if asks and not _PAST_ACT.search(text) else None
        if asks or sent:
            alt = "question" if asks and not sent else best_other("payment_claim")
            why.append(f"no words that say it was paid, and {'it asks' if asks else 'only a mail was sent'} "
                       f"({(asks or sent).group(0).strip()!r}): read as {alt.replace('_', ' ')}, not a payment claim")
            main, conf = alt, max(probs.get(alt, 0.0), 1.0 - probs["payment_claim"])
            probs["payment_claim"] = 0.0
    if main == "promise" and (m := _GET_BACK.search(text)):
        why.append(f"the payment waits for the business to give something back ({m.group(0)!r}): a dispute")
        main, conf = "dispute", max(probs.get("dispute", 0.0), 0.8)
        probs["promise"] = 0.0
    if main in ("promise", "none") and (m := _MORE_TIME.search(text)) and not _COMMITS.search(text):
        why.append(f"asks for more time ({m.group(0).strip()!r}) and commits to nothing: a plan request")
        main, conf = "plan_request", max(probs.get("plan_request", 0.0), 0.8)
        probs["promise"] = 0.0
    return main, conf, probs, why
