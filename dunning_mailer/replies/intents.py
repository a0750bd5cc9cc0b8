"""What a person's reply says: one main intent (PRIORITY order), the others it also says, a
promised date, a confidence and the reasons.

Three sources, in this order of authority:
1. a person's reading of a nearly identical reply (teach.py): the business's own corrections;
2. exact rules where they are exact (cues.py, dates.py): a receipt attached is a payment claim;
   a payment that waits for the business to act first ("נשלם כשתסיימו") is never a promise; a
   negated claim is no claim; dates are read against the day the reply was written;
3. the learned model (learned.py) for everything else, whose probability is the confidence.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .cues import Cue, cues
from .dates import DateExpr, find_dates, resolve
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
    found = cues(text)
    dates = find_dates(text)

    taught = teacher.nearest(text) if teacher is not None and text.strip() else None
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
    if main == "promise" and "condition_you" in names:
        phrase = next(c.phrase for c in found if c.name == "condition_you")
        alt = max(("dispute", "question", "plan_request"), key=lambda i: probs.get(i, 0.0))
        why.append(f"the payment waits for the business to act first ({phrase!r}): not a promise but a {alt}")
        main, conf = alt, max(probs.get(alt, 0.0), 1.0 - probs.get("promise", 0.0), 0.5)
    if main == "payment_claim" and "claim" not in names and not attachment and "claim_negated" in names:
        phrase = next(c.phrase for c in found if c.name == "claim_negated")
        alt = max((i for i in probs if i != "payment_claim"), key=lambda i: probs[i])
        why.append(f"the claim is negated ({phrase!r}): not a payment claim")
        main, conf = alt, probs[alt]
    intents = {main} - {"none"}
    for i, p in probs.items():
        if i not in ("none", main) and p >= ALSO_AT:
            intents.add(i)
    if "payment_claim" in intents and "claim" not in names and not attachment and main != "payment_claim":
        intents.discard("payment_claim")
    if attachment:
        why.append(f"payment claim: receipt/transfer attachment {attachment!r}")
        intents.add("payment_claim")
        if main in ("none", "question"):
            main, conf = "payment_claim", max(conf, 0.9)
    for c in found:
        if c.name in ("claim", "claim_negated", "forwarded", "condition_you"):
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


_FUTURE = re.compile(r"(?<![\w])[ו]?(?:א|נ|י|ת)(?:\w{2,})|(?<![\w])(?:will|'ll|going\s+to|shall|by|until)(?![\w])|"
                     r"(?<![\w])(?:מעביר|מעבירה|משלם|משלמת|מסדר|מסדרת|נעביר|נסדיר|יוצא|תצא|מתוכנן|"
                     r"אעביר|אשלם|נשלם|תשולם|יועבר|יוסדר)(?![\w])", re.I)


def _promise_date(text: str, dates: list[DateExpr], found: list[Cue], written: dt.date) -> dt.date | None:
    """The date a promise names: the first definite date that is not in a clause saying what was
    already paid ("שולם ביום חמישי, היתרה בתחילת החודש הבא")."""
    claims = [c.start for c in found if c.name == "claim"]
    candidates = []
    for e in dates:
        if not e.definite:
            continue
        d = resolve(e.rule, written)
        if d is None:
            continue
        lo = max([m.end() for m in re.finditer(r"[.!?;\n]|,\s", text[:e.start])], default=0)
        hi_m = re.search(r"[.!?;\n]|,\s", text[e.end:])
        hi = e.end + hi_m.start() if hi_m else len(text)
        in_claim = any(lo <= s < hi for s in claims)
        past = d < written
        candidates.append((in_claim or past, e.start, d))
    if not candidates:
        return None
    candidates.sort()
    return candidates[0][2]
