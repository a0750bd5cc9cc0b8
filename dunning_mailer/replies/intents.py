"""What a person's reply says: one main intent (PRIORITY order), the others it also says, a
promised date, a confidence and the reasons.

Three sources, in this order of authority:
1. a person's reading of a nearly identical reply (teach.py): the business's own corrections;
2. exact rules where they are exact (cues.py, dates.py): a receipt attached is a payment claim;
   a payment that waits for the business to act first ("נשלם כשתסיימו") is never a promise; a
   negated claim is no claim; dates are read against the day the reply was written;
3. the learned model (learned.py) for everything else, whose probability is the confidence;
   the hard boundaries between two readings (boundaries.py) are settled last, by exact rules.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .boundaries import settle
from .cues import _FORWARDED, Cue, cues, negated
from .dates import DateExpr, find_dates, resolve, with_finals
from .features import ngrams, normalise
from .learned import Model, top
from .teach import Teacher
from .verdict import FOR_A_PERSON, PRIORITY


# Below this confidence a reading is a guess: the customer is held and a person reads the reply.
THRESHOLD = 0.6


# A dispute is read as one at a lower probability than the others win at: reading a dispute as
# anything else lets the reminders go on while the customer says they do not owe it.
DISPUTE_AT = 0.3


# The other things a reply also says, when the model gives them at least this.
ALSO_AT = 0.3


# A payment claim read by the model alone, without words that say it was paid, needs this much.
CLAIM_WITHOUT_WORDS_AT = 0.8


# A payment conditioned on the business is read as what it waits for (cues.py), this sure.
CONDITION_CONFIDENCE = 0.8
_CONDITIONED = {"condition_dispute": "dispute", "condition_question": "question", "condition_plan": "plan_request"}


@dataclass(frozen=True)
class Reading:
    intent: str
    intents: tuple[str, ...]
    confidence: float
    guesses: tuple[tuple[str, float], ...]
    promise_date: dt.date | None
    why: tuple[str, ...]
    needs_person: str | None
    labelled: bool = False
    needs_person_kind: str | None = None


def features(text: str, found: list[Cue] | None = None, dates: list[DateExpr] | None = None) -> dict[str, float]:
    """The model's features of a reply's text: its n-grams and the exact cues found in it."""
    found = cues(text) if found is None else found
    dates = find_dates(text) if dates is None else dates
    out = ngrams(normalise(text))
    for c in found:
        out["r:" + c.name] = 1.0
    if any(d.definite for d in dates):
        out["r:date"] = 1.0
    if any(not d.definite for d in dates):
        out["r:date_vague"] = 1.0
    if "?" in text:
        out["r:question_mark"] = 1.0
    return out


def read(text: str, written: dt.date, *, model: Model | None, teacher: Teacher | None = None,
         attachment: str | None = None, threshold: float = THRESHOLD) -> Reading:
    """Read a reply's new text, written on ``written`` (relative dates count from that day)."""
    why: list[str] = []
    if not text.strip() and not attachment:
        return Reading("none", (), 0.0, (), None, ("no new text found above the quoted history",),
                       "no new text found above the quoted history: read the message", needs_person_kind="no_text")
    text = with_finals(text)           # "אני משלמ היומ": final letters a phone keyboard dropped
    found = cues(text)
    dates = find_dates(text)

    taught = teacher.nearest(text) if teacher is not None and text.strip() else None
    if taught is not None and taught[0].intent == "promise" and any(c.name.startswith("condition_") for c in found):
        taught = None    # a lesson about a promise does not cover one that waits for the business
    if taught is not None:
        example, sim = taught
        intents = () if example.intent == "none" else (example.intent,)
        why.append(f"read as a person read a similar reply ({'#' + str(example.reply_id) if example.reply_id else 'a correction'}"
                   f", similarity {sim:.2f}): {example.intent}")
        date = _promise_date(text, dates, found, written) if example.intent == "promise" else None
        conf = max(sim, 0.9)
        return _finish(example.intent, intents, conf, ((example.intent, conf),), date, why, threshold,
                       labelled=True, dates=dates)

    if model is None:
        return Reading("none", (), 0.0, (), None, ("the reply model is not installed: nothing was read",),
                       "the reply model is not installed: read the message", needs_person_kind="unsure")

    probs = model.probabilities(features(text, found, dates)) if text.strip() else {"none": 1.0}
    guesses = tuple(top(probs, 3))
    main = _main(probs)
    conf = probs.get(main, 0.0)
    why.append(f"model: {main} {conf:.2f}" + "".join(f", {i} {p:.2f}" for i, p in guesses if i != main))

    names = {c.name for c in found}
    # Exact rules.
    condition = next((c for c in found if c.name.startswith("condition_")), None)
    if main == "promise" and condition is not None:
        alt = _CONDITIONED[condition.name]
        why.append(f"the payment waits for the business first ({condition.phrase!r}): "
                   f"not a promise but a {alt.replace('_', ' ')}")
        main, conf = alt, max(probs.get(alt, 0.0), CONDITION_CONFIDENCE)
        probs = {**probs, "promise": 0.0}
    disagrees = names & {"dispute_words", "refusal", "setoff", "charged_again", "claim_disputed", "complaint"}
    complaint = next((c for c in found if c.name == "complaint"), None)
    if main in ("question", "none") and complaint is not None:
        why.append(f"a complaint ({complaint.phrase!r}): a dispute, even asked as a question")
        main, conf = "dispute", max(probs.get("dispute", 0.0), probs[main])
    if main == "question" and not disagrees and condition is None and not _WRITER_WILL.search(text) and any(
            c.name == "claim" and not _ASKED.match(text, c.start) for c in found):
        # "שילמתי. תוכלו לשלוח אישור?", "I transferred it last week, did that cover everything?": a claim
        # with a question comes first as the claim (PRIORITY)
        phrase = next(c.phrase for c in found if c.name == "claim")
        why.append(f"paid ({phrase!r}), and a question about it: a payment claim first")
        main, conf = "payment_claim", max(probs.get("payment_claim", 0.0), probs["question"])
    if condition is not None and condition.name == "condition_question" and main in ("dispute", "none") \
            and not disagrees and _COMMITS.search(text):
        # "Once you send the signed delivery note, we'll pay": it waits for a document, nothing is disputed
        why.append(f"the payment waits for a document or a detail ({condition.phrase!r}): a question")
        main, conf = "question", max(probs.get("question", 0.0), CONDITION_CONFIDENCE)
        probs = {**probs, "dispute": 0.0, "promise": 0.0}
    grievance = next((c.phrase for c in found if c.name in ("complaint", "dispute_words")
                      and not _INCOME.search(c.phrase)), "")
    if main == "promise" and not _pays(text) and grievance:
        phrase = grievance
        why.append(f"no word about paying, and a complaint ({phrase!r}): a dispute")
        main, conf = "dispute", max(probs.get("dispute", 0.0), CONDITION_CONFIDENCE)
        probs = {**probs, "promise": 0.0}
    if main == "payment_claim" and _SCHEDULED.search(text) and any(
            e.definite and (d := resolve(e.rule, written)) is not None and d > written and e.rule.split(":")[0] in _FUTURE_RULES
            for e in dates):
        # "שמתי העברה לתאריך 7.12.25", "ב-1 לחודש יורד בהוראת קבע": set up now, paid on a later day
        why.append(f"a payment set up for a later day ({_SCHEDULED.search(text).group(0)!r}): a promise")
        main, conf = "promise", max(probs.get("promise", 0.0), CONDITION_CONFIDENCE)
        probs = {**probs, "payment_claim": 0.0}
    if main == "dispute" and not disagrees and condition is None and _NOT_YET.match(text.strip()) and (
            _NOT_YET_PAID.search(text) or len(text.split()) <= 2):
        # "עוד לא", "לא שילמתי עדיין": a bare negation commits to nothing and disputes nothing
        alt = max((i for i in probs if i != "dispute"), key=lambda i: probs[i])
        alt = alt if alt in ("promise", "question", "plan_request") and probs[alt] >= ALSO_AT else "none"
        why.append(f"only 'not yet' ({text.strip()[:30]!r}): nothing disputed")
        main, conf = alt, max(probs.get(alt, 0.0), 1.0 - probs["dispute"])
        probs = {**probs, "dispute": 0.0}
    if main in ("dispute", "question", "promise") and not disagrees and condition is None and not _COMMITS.search(text) \
            and not _pays(text) \
            and _NEW_JOB.search(text):
        # a new order or a technician booked is none (the corpus conventions), not a complaint or a question
        why.append(f"asks for more work ({_NEW_JOB.search(text).group(0)!r}), nothing about this bill: none")
        main, conf = "none", max(probs.get("none", 0.0), 1.0 - probs[main])
        probs = {**probs, "dispute": 0.0}
    if main in ("promise", "question", "none") and not disagrees and _WAIT_ASK.search(text) and (
            "?" in text or _WAIT_ASK.search(text).group(0).startswith(("אבקש", "נבקש", "request", "we'd like", "i'd like"))):
        # "אתם יכולים לחכות עד ה-20?", "Can it wait until Friday?": asking the business to wait
        why.append(f"asks the business to wait ({_WAIT_ASK.search(text).group(0)!r}): a plan request")
        main, conf = "plan_request", max(probs.get("plan_request", 0.0), CONDITION_CONFIDENCE if main != "question" else 0.6)
    if main == "promise" and not _COMMITS.search(text) and not _PAY_VERB.search(text) and not _WRITER_WILL.search(text) \
            and _AWAY.search(text) and (_OOO.search(text) or not any(e.definite for e in dates)):
        # "אני בחופשה עד סוף השבוע, אטפל כשאחזור", "I'm OOO until Sunday": away, nothing promised
        why.append(f"away ({_AWAY.search(text).group(0)!r}) and no payment promised: none")
        main, conf = "none", max(probs.get("none", 0.0), 1.0 - probs["promise"])
        probs = {**probs, "promise": 0.0}
    if main == "payment_claim" and "claim_disputed" in names:
        phrase = next(c.phrase for c in found if c.name == "claim_disputed")
        why.append(f"paid, and charged again or settled otherwise ({phrase!r}): a dispute")
        main, conf = "dispute", max(probs.get("dispute", 0.0), CONDITION_CONFIDENCE)
        probs = {**probs, "payment_claim": 0.0}
    against = next((c for c in found if c.name in ("refusal", "setoff", "charged_again", "complaint")), None)
    if main in ("promise", "payment_claim") and against is not None:
        # a dispute cue never ends as a promise or a payment: "אשלם את מה שסיכמנו, את ה-600 אני לא מכיר"
        why.append(f"part of it refused or kept back ({against.phrase!r}): a dispute, whatever else is paid")
        main, conf = "dispute", max(probs.get("dispute", 0.0), CONDITION_CONFIDENCE)
    if main == "payment_claim" and "claim" not in names and not attachment and _WRITER_WILL.search(text):
        # No words that say it was paid, and words that say it is still to come: not a claim.
        alt = max((i for i in probs if i != "payment_claim"), key=lambda i: probs[i])
        why.append(f"no words that say it was paid, a payment still to come: read as {alt.replace('_', ' ')}")
        main, conf = alt, probs[alt]
        probs = {**probs, "payment_claim": 0.0}
    if main == "payment_claim" and "claim" not in names and not attachment and (
            conf < CLAIM_WITHOUT_WORDS_AT or names & {"forwarded", "claim_negated", "claim_hypothetical", "claim_other",
                                                         "claim_later"}):
        # "I paid" pauses the reminders: without words that say it was paid, only a sure reading does.
        alt = max((i for i in probs if i != "payment_claim"), key=lambda i: probs[i])
        negation = next((c.phrase for c in found if c.name == "claim_negated"), None)
        why.append(f"the claim is negated ({negation!r}): not a payment claim" if negation else
                   f"no words that say it was paid: read as {alt.replace('_', ' ')}, not a payment claim")
        main, conf = alt, probs[alt]
        probs = {**probs, "payment_claim": 0.0}
    deadline = any(e.definite and re.match(r"(?i)ו?עד|by\b|until|till|before", e.phrase) for e in dates)
    if main == "promise" and "claim" in names and not _WRITER_WILL.search(text) and not deadline:
        # "העברתי לך ביום חמישי", "I transferred it on Friday, it'll show on Sunday": a date, but
        # the only payment the writer speaks of is one already made.
        phrase = next(c.phrase for c in found if c.name == "claim")
        why.append(f"paid already ({phrase!r}) and no payment still to come: a payment claim, not a promise")
        main, conf = "payment_claim", max(probs.get("payment_claim", 0.0), CONDITION_CONFIDENCE)
        probs = {**probs, "promise": 0.0}
    other = _OTHER_ACTION.search(text) or _PASS_ON.search(text)
    if main == "promise" and other and (not _pays(text) or not (_COMMITS.search(text) or _PAY_VERB.search(text))):
        phrase = other.group(0)
        alt = max((i for i in probs if i != "promise"), key=lambda i: probs[i])
        why.append(f"no word about paying, only {phrase!r}: not a promise")
        main, conf = alt, max(probs[alt], 1.0 - probs["promise"])
        probs = {**probs, "promise": 0.0}
    if main == "question" and "forwarded" in names and "?" not in text:
        alt = max((i for i in probs if i not in ("question", "payment_claim")), key=lambda i: probs[i])
        why.append(f"forwarded to someone else, and no question asked: {alt}")
        main, conf = alt, max(probs[alt], 1.0 - probs["question"])
        probs = {**probs, "question": 0.0}
    main, conf, probs, more = settle(text, main, conf, probs, found, dates, attachment)
    why += more
    intents = {main} - {"none"}
    if main == "promise" and any(c.name == "claim" and _PART.match(text, c.start + len(c.phrase)) for c in found):
        intents.add("payment_claim")      # "העברתי חצי היום, את השאר בשבוע הבא"
    for i, p in probs.items():
        if main != "none" and i not in ("none", main) and p >= ALSO_AT:
            intents.add(i)
    if main in ("plan_request", "dispute") and "promise" not in intents and condition is None \
            and _COMMITS.search(text) and _promise_date(text, dates, found, written) is not None:
        # "אעביר 1,000 מחר, ואת השאר אפשר לפרוס?", "I'll pay the agreed part on Sunday, not the extra"
        why.append(f"also a promise to pay ({_COMMITS.search(text).group(0)!r})")
        intents.add("promise")
    if main == "dispute" and names & {"claim_disputed", "setoff"}:
        intents.discard("payment_claim")  # the payment it speaks of is the one charged again: no new claim
    if "promise" in intents and main != "promise" and not _pays(text):
        intents.discard("promise")        # a promise beside the main reading needs a word that pays
    if "payment_claim" in intents and "claim" not in names and not attachment and main != "payment_claim":
        intents.discard("payment_claim")
    if attachment:
        why.append(f"payment claim: receipt/transfer attachment {attachment!r}")
        intents.add("payment_claim")
        if main in ("none", "question"):
            main, conf = "payment_claim", max(conf, 0.9)
    for c in found:
        if c.name in ("claim", "claim_negated", "forwarded"):
            why.append(f"{c.name.replace('_', ' ')}: {c.phrase!r}")
    date = _promise_date(text, dates, found, written) if "promise" in intents else None
    return _finish(main, tuple(i for i in PRIORITY if i in intents), conf, guesses, date, why, threshold,
                   dates=dates, written=written)


def _main(probs: dict[str, float]) -> str:
    if probs.get("dispute", 0.0) >= DISPUTE_AT:
        return "dispute"
    return max(probs, key=lambda i: (probs[i], -PRIORITY.index(i) if i in PRIORITY else 0))


def _finish(main: str, intents: tuple[str, ...], conf: float, guesses, date, why: list[str], threshold: float,
            *, labelled: bool = False, dates=(), written: dt.date | None = None) -> Reading:
    if "promise" in intents:
        if date:
            why.append(f"promise: date {date.isoformat()}")
        else:
            vague = [d.phrase for d in dates if not d.definite]
            why.append("promise: no definite date" + (f" ({vague[0]!r})" if vague else ""))
    need = kind = None
    person = [i for i in intents if i in FOR_A_PERSON]
    if conf < threshold:
        kind = "unsure"
        need = "unsure how to read this reply: best guesses " + ", ".join(f"{i} {p:.0%}" for i, p in guesses)
    elif person:
        kind = person[0]
        need = " and ".join(i.replace("_", " ") for i in person) + " in a reply"
    elif main == "none":
        kind, need = "nothing_to_act_on", "a reply with nothing to act on: read it"
    elif main == "promise" and date is None:
        kind, need = "promise_without_date", "a promise to pay without a date: record the date"
    return Reading(main, intents, conf, tuple(guesses), date, tuple(why), need, labelled, kind)


# Words that pay: what a date is attached to. Future (a promise) and past (already paid).
_WILL_PAY = re.compile(
    r"(?<![\w])(?:ו|ש|ו?כש)?(?:אשלם|נשלם|ישולם|תשולם|ישולמו|אעביר|נעביר|יועבר|תועבר|יועברו|אסדיר|נסדיר|יוסדר|תוסדר|"
    r"אסגור|נסגור|ייסגר|אפקיד|נפקיד|אשלח|נשלח|יישלח|תישלח|יישלחו|תצא|יצא|ייצא|תיצא|יוצא|יוצאת|יוצאים|"
    r"מעביר|מעבירה|מעבירים|משלם|משלמת|משלמים|מסדר|מסדרת|שולח|שולחת|סוגר|סוגרת|מפקיד|מפקידה|אטפל|נטפל|"
    r"אבצע|נבצע|יבוצע|תבוצע|אעשה|נעשה|תקבל|תקבלו|תקבלי|יגיע|תגיע|יהיה|תהיה|יתקבל|אביא|נביא|אתן|ניתן|"
    r"מתוכנן|מתוכננת|צפוי|צפויה|ירד|ירדו|ייכנס|תיכנס|נכנס|מקבל|מקבלים|מקבלת|מעבירות|שולחים|להעביר|לשלם|לסגור|לסדר|מתחייב|מתחייבת|אוכל\s+לשלם|"
    r"ashalem|meshalem|meshalemet|maavir|maavira|naavir|aavir|ze\s+etzl\w*|ze\s+ezl\w*)(?![\w])"
    r"|(?<![\w])(?:will|'ll|shall|going\s+to|gonna|i\s+pay|we\s+pay|i\s+send|we\s+send|paying|sending|transferring|"
    r"settling|scheduled|expected|due|promise|it'?ll\s+be|i'?ll|we'?ll|pay|transfer|send|settle|wire)(?![\w])", re.I)


_HAS_PAID = re.compile(
    r"(?<![\w])(?:ו|ש)?(?:שילמתי|שילמנו|שילמה|שילם|שולם|שולמה|שולמו|העברתי|העברנו|הועבר|הועברה|הועברו|שלחתי|שלחנו|"
    r"עשיתי|עשינו|ביצעתי|ביצענו|בוצע|בוצעה|הפקדתי|הפקדנו|יצאה|הגיע|הגיעה|קיבלתי|קיבלנו|אושרה|אושר|"
    r"הוזנה|הוזן|נחתמה|נחתם|נקלטה|נקלט|shilamti|shalachti|heevarti)(?![\w])"
    r"|(?<![\w])(?:paid|sent|transferred|wired|remitted|went\s+out|did\s+pay|got|received|approved)(?![\w])", re.I)


# Part of it paid: "העברתי חצי", "שילמתי 300", "paid half", "sent ₪700".
_PART = re.compile(r"(?i)\s*(?:את\s+|כבר\s+|עכשיו\s+|היום\s+)?(?:ה)?(?:חצי|חלק|מחצית|שליש|רבע|מקדמה|[₪$€]?\s?\d|part|half|some|"
                   r"a\s+(?:third|quarter|part)|the\s+first|₪|\$)")


# A payment still to come from the writer's side: what keeps "paid half, the rest next week" a promise.
_WRITER_WILL = re.compile(
    r"(?<![\w])(?:ו|ש|ו?כש)?(?:אשלם|נשלם|ישולם|תשולם|ישולמו|אעביר|נעביר|יועבר|תועבר|יועברו|אסדיר|נסדיר|יוסדר|תוסדר|"
    r"אסגור|נסגור|אפקיד|נפקיד|אשלים|נשלים|יושלם|מעביר|מעבירה|מעבירים|משלם|משלמת|משלמים|להעביר|לשלם|להשלים|לסגור|"
    r"מתחייב|מתחייבת|השאר|היתרה|יתרה|ההפרש|השארית|אשלח|ייכנס|תיכנס|ייכנסו|ashalem|naavir|aavir)(?![\w])"
    r"|(?<![\w])(?:on\s+it|על\s+זה)\s*[.!]*\s*$"
    r"|(?:(?<![\w])(?:will|shall|going\s+to|gonna)|'ll)\s+(?:\w+\s+)?(?:pay|transfer|send|settle|wire|clear|cover|do)(?![\w])"
    r"|(?<![\w])(?:paying|תבוצע|יבוצע|תצא|ייצא|יצא\s+ב(?:ריצה|מחזור)\s+(?:ה)?(?:קרוב|קרובה|הבא|הבאה))(?![\w])"
    r"|(?<![\w])(?:the\s+rest|remaining|remainder|balance\s+(?:will|by|next|on))(?![\w])", re.I)


# The writer commits to a payment (first person, not "can I pay …?").
_COMMITS = re.compile(
    r"(?<![\w])(?:ו|ש)?(?:אשלם|נשלם|אעביר|נעביר|אסדיר|נסדיר|אפקיד|נפקיד|מעביר|מעבירה|משלם|משלמת|שולח|שולחת)(?![\w])"
    r"|(?:(?<![\w])(?:i|we)\s+will|'ll)\s+(?:\w+\s+)?(?:pay|transfer|send|make\s+the\s+first\s+payment|wire)(?![\w])", re.I)


# Money the writer waits for, not a complaint: "I'm waiting for my tax refund".
_INCOME = re.compile(r"(?i)refund|זיכוי|החזר")


# A payment set up now for a later day.
_SCHEDULED = re.compile(r"(?<![\w])(?:עתידית|עתידי|future[- ]dated|מתוזמנ\w*|תזמנתי|תזמנו|שמתי\s+(?:\S+\s+)?(?:העברה|תשלום)|לתאריך|יורד|"
                        r"scheduled|set\s+up\s+for|post-?dated\s+for|then\s+it'?s\s+paid)(?![\w])", re.I)
_FUTURE_RULES = {"dm", "dmy", "dom", "domn", "tom", "dat", "nw", "eom", "eonm", "bonm", "midnm", "mid", "d", "m1"}


# Only "not yet": "עוד לא", "לא שילמתי עדיין", "still haven't had time to pay".
_NOT_YET = re.compile(r"(?i)^(?:\S+\s+){0,3}?(?:(?:עוד|עדיין|עדיינ)\s+לא|לא\s+(?:\S+\s+)?(?:עדיין|עוד)|"
                      r"not\s+yet|haven'?t\s+(?:\w+\s+)?(?:paid|had)|still\s+haven'?t|not\s+paid\s+yet)"
                      r"(?:\s+\S+){0,4}?\s*[.!,]*\s*$")


_NOT_YET_PAID = re.compile(r"(?i)שילמ|שלמ|העבר|לשלם|יצא|הספקתי|paid|pay|sent|transferred")


# Asking the business to wait, or for more time.
_WAIT_ASK = re.compile(
    r"(?<![\w])(?:(?:אבקש|נבקש|מבקש|מבקשת)\s+(?:ל)?(?:דחות|לדחות|דחייה|הארכה|extension)|לחכות|תחכו|תחכה|תחכי|נדחה|לדחות|"
    r"can\s+(?:you|it|we|this)\s+(?:\w+\s+)?wait|(?:we'?d|i'?d)\s+like\s+(?:to\s+request\s+)?(?:an?\s+)?(?:extension|postpone\w*)|"
    r"request\s+(?:an?\s+)?extension|(?:an?\s+)?extension|postpone|(?:a\s+(?:bit|little)\s+)?more\s+time|hold\s+off)(?![\w])", re.I)


# Away from the office or the mail: out of office, abroad, on holiday, "will reply when back".
_AWAY = re.compile(r"(?<![\w])(?:בחופשה|בחופש|בחו\"ל|בכנס|מחוץ\s+למשרד|במילואים|אענה|אחזור\s+אלי|כשאחזור|עם\s+חזרתי|ooo|out\s+of\s+(?:the\s+)?office|"
                   r"on\s+(?:leave|holiday|vacation)|abroad|travell?ing|(?:will|i'?ll)\s+(?:reply|respond|get\s+back|be\s+in\s+touch)|"
                   r"on\s+(?:my|his|her)\s+return|closed\s+(?:for|until)|reopen\w*)(?![\w])", re.I)


_OOO = re.compile(r"(?<![\w])(?:אענה|אחזור\s+אלי\w*|כשאחזור|עם\s+חזרתי|מחוץ\s+למשרד|ooo|out\s+of\s+(?:the\s+)?office|"
                  r"(?:will|i'?ll)\s+(?:reply|respond|get\s+back|be\s+in\s+touch)|on\s+(?:my|his|her)\s+return|closed\s+(?:for|until)|"
                  r"reopen\w*)(?![\w])", re.I)


# More work asked for is no complaint about the work billed: "אתם יכולים לבוא לתקן גם את הדלת?"
_NEW_JOB = re.compile(r"(?<![\w])(?:(?:לבוא|תבוא|תבואו|תבואי|להגיע|תגיע|תגיעו)\s+גם\s+(?:\S+\s+){0,3}?(?:לתקן|להחליף|"
                      r"להתקין|לסדר|לבדוק|לנקות|לצבוע)|(?:לבוא|תבוא|תבואו|תבואי)\s+(?:\S+\s+){0,2}?(?:לתקן|להחליף|להתקין)\s+גם|"
                      r"גם\s+(?:עבודות|עבודה|להתקין)|(?:עוד|נוספת)\s+(?:עבודה|הזמנה)|עבודה\s+חדשה|"
                      r"come\s+(?:and\s+|back\s+and\s+|to\s+)?also\s+(?:fix|replace|install|look\s+at)|another\s+job|"
                      r"extra\s+work|quote\s+(?:me|us)\s+for)(?![\w])", re.I)


# Passing the mail on is no promise to pay: "אעביר למנהל", "I'll pass it on to accounts".
_PASS_ON = re.compile(r"(?<![\w])(?:אעביר|נעביר|מעביר|מעבירה|אעבור|pass(?:ing)?|forward(?:ing)?)(?=\s+(?:את\s+)?(?:זה|זאת|"
                      r"ה?מייל|ה?הודעה|ה?חשבונית|it|this|the\s+\w+|on|ל|אל))", re.I)


def _pays(text: str) -> bool:
    """A word that pays, not one that passes the mail on."""
    return any(not _FORWARDED.match(text, m.end()) for m in _WILL_PAY.finditer(text))


# Doing something else tomorrow is no promise to pay: "נדבר מחר", "I'll check tonight".
_OTHER_ACTION = re.compile(
    r"(?<![\w])(?:נדבר|אדבר|נבדוק|אבדוק|בודקת|בודק|אשאל|נשאל|אחזור\s+אלי\w*|נחזור\s+אלי\w*|אעדכן|נעדכן|אתקשר|נתקשר|"
    r"אסתכל|נסתכל|נראה|אחשוב|נחשוב|לחשוב|תתקשר\w*|שתתקשר\w*|תחזרו\s+אלי|talk|check|look\s+(?:at|into)|get\s+back|ask|"
    r"let\s+you\s+know|update\s+you|call\s+you|call\s+(?:me|us)|think\s+(?:about|it\s+over))(?![\w])",
    re.I)


# Money or paying named at all: what "I'll think about it" lacks.
_PAY_VERB = re.compile(r"(?i)שלם|שולם|העבר|מעביר|תשלום|כסף|סגור|סוגר|יעבור|יוצא|ייצא|ביט|צ'?ק|pay|paid|transfer|money|"
                       r"settle|cheque|check\s+(?:is|was)|wire|funds|invoice\s+will")


_SENTENCE = re.compile(r"[.!?;\n]+")


# The rest of a sentence that asks: "תשלומים שכבר שילמתי או משהו שעוד צריך?"
_ASKED = re.compile(r"[^.!?\n]*\?")


_RULED_OUT = re.compile(r"(?i)(?:^|[\s,(])(?:לא|not)\s*$")


_CLAUSE = re.compile(r"[.!?;\n,]")


_TO_BE = re.compile(r"(?i)(?:\bbe|\bto\s+be|'ll\s+be|should\s+be|get|gets)\s+$")


def _promise_date(text: str, dates: list[DateExpr], found: list[Cue], written: dt.date) -> dt.date | None:
    """The date a promise names: the definite date closest to a word that promises to pay, and
    not closer to one that says what was already paid ("שולם ביום חמישי, היתרה תשולם בתחילת החודש
    הבא"). With no such word at all, the first date ("מחר!!!", "חמישי 🙏")."""
    # "לא מחר, מחרתיים": a day ruled out is not the day promised
    definite = [(e, d) for e in dates if e.definite and not _RULED_OUT.search(text, 0, e.start)
                for d in [resolve(e.rule, written)] if d is not None]
    if not definite:
        return None
    will = [(m.start(), m.end()) for m in _WILL_PAY.finditer(text) if not negated(text, m.start())]
    paid = [(m.start(), m.end()) for m in _HAS_PAID.finditer(text)
            if not negated(text, m.start()) and not _TO_BE.search(text[max(0, m.start() - 12):m.start()])]
    bounds = [0] + [m.end() for m in _SENTENCE.finditer(text)] + [len(text) + 1]

    def sentence(pos: int) -> int:
        return next(i for i in range(len(bounds) - 1) if bounds[i] <= pos < bounds[i + 1])

    def distance(e: DateExpr, spans) -> float:
        # in the same sentence; a date after the word ("אשלם ביום ראשון") a little nearer than one
        # before it, one across a comma ("מחר אני משלם, היום אני בטיסה") much farther
        near = []
        for a, b in spans:
            if sentence(a) != sentence(e.start) or e.start <= a < e.end:
                continue
            gap = e.start - b if b <= e.start else a - e.end + 3
            lo, hi = (b, e.start) if b <= e.start else (e.end, a)
            near.append(abs(gap) + (30 if _CLAUSE.search(text, lo, max(lo, hi)) else 0))
        return min(near, default=float("inf"))

    best = None
    for e, d in definite:
        to_will, to_paid = distance(e, will), distance(e, paid)
        weak = e.phrase.lower() in ("now", "right now", "עכשיו", "כרגע")
        before = max(((b, kind) for kind, spans in (("will", will), ("paid", paid)) for a, b in spans
                      if b <= e.start and not _CLAUSE.search(text, b, e.start) and e.start - b <= 20), default=None)
        # "שולם ביום חמישי", "העברתי 600 עכשיו", "I've paid half today and will pay the rest …"
        said_paid = (to_paid <= 12 and to_paid < to_will) or (before is not None and before[1] == "paid")
        key = (said_paid or d < written, to_will == float("inf"), weak, to_will, e.start)
        if best is None or key < best[0]:
            best = (key, d)
    # "מחר חג, אחרי החג אשלם": the payment goes with a time that names no day
    vague = min((distance(e, will) for e in dates if not e.definite), default=float("inf"))
    if vague < best[0][3] and vague <= 12:
        return None
    key, d = best
    return None if key[0] else d
