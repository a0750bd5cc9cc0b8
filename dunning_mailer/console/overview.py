"""What the console's browsing pages show, read through the same functions `status`, `plan` and
`history` use: the call list, customers and aging, one customer's timeline, the next window.

Plain data out (dicts of Decimal, date and str); the pages only lay it out. Nothing here decides
anything the planner does not: who is on the call list, who is held and why, and what goes out
next come from `cycle.make_plan` (and `cli.running.plan_doc`, the `plan` command's own document).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..config import Config
from ..digest import FLAG_WORDS, PERSON_WORDS
from ..phones import dial_uri
from ..render.formats import format_money
from .formats import INTENTS_HE, stage

# Age of a debt, in days past its due date: the buckets of an aged-receivables report.
# A range of numbers inside Hebrew is isolated left to right (LRI … PDI), or "1–30" reads "30–1".
BUCKETS = (("not_due", "טרם הגיע מועדן", None, 0), ("1_30", "\u20661–30\u2069 ימים", 1, 30),
           ("31_60", "\u206631–60\u2069 ימים", 31, 60), ("61_90", "\u206661–90\u2069 ימים", 61, 90),
           ("over_90", "מעל \u206690\u2069 ימים", 91, None))
FSI, PDI = "\u2068", "\u2069"


def _free(text: str) -> str:
    """Words that came with a reason (a person's note, a reply's subject) isolated in the sentence."""
    return f"{FSI}{text}{PDI}"


def stage_he(name: str | None) -> str:
    return stage(name)


def bucket_of(days_late: int) -> str:
    for key, _, low, high in BUCKETS:
        if (low is None or days_late >= low) and (high is None or days_late <= high):
            return key
    return BUCKETS[-1][0]


@dataclass(frozen=True)
class Snapshot:
    """One reading of the ledger for one moment: `status`'s customers and the plan of that moment."""

    today: dt.date
    customers: list[dict]      # ledger.status, largest debt first, each with "call_list"
    plan: object               # planner.Plan for `now`
    tz: dt.tzinfo | None = None


def read(config: Config, ledger, now: dt.datetime, only: str | None = None) -> Snapshot:
    """The customers and the plan, as `status` reads them (one customer_states for both); `only`:
    one customer's (the planner decides each customer on its own facts)."""
    from ..cycle import make_plan

    today = now.astimezone(config.tz).date()
    states = ledger.customer_states(today)
    if only is not None:
        states = [s for s in states if s.customer.id == only]
    customers = ledger.status(today, states)
    the_plan = make_plan(config, ledger, now, states)
    call = set(the_plan.call_list)
    for c in customers:
        c["call_list"] = c["customer_id"] in call
    # Largest debts first, the older first among equals (C14).
    customers.sort(key=lambda c: (-_total(c["balance"]), _oldest_due(c) or dt.date.max, c["customer_id"]))
    return Snapshot(today, customers, the_plan, config.tz)


def _total(balance: dict) -> Decimal:
    return sum((Decimal(v) for v in balance.values()), Decimal(0))


def _oldest_due(c: dict) -> dt.date | None:
    dues = [dt.date.fromisoformat(i["due_date"]) for i in c["invoices"]]
    return min(dues) if dues else None


def next_steps(snapshot: Snapshot, ids: set[str] | None = None) -> dict[str, str]:
    """Per customer (of `ids`, or all), the next thing the ladder does, in words: the email of this
    cycle, why it is held, or the next stage and its day."""
    p = snapshot.plan
    steps: dict[str, str] = {}
    for e in p.emails:
        if ids is None or e.customer.id in ids:
            steps[e.customer.id] = (f"{stage_he(e.stage.name)} — יוצא בחלון השליחה הקרוב"
                                    if p.not_sending else f"{stage_he(e.stage.name)} — יוצא עכשיו")
    for h in p.held:
        if ids is None or h.customer_id in ids:
            steps.setdefault(h.customer_id, "ממתין: " + reason_he(h.reason))
    for cid, name, on in p.upcoming:
        if ids is None or cid in ids:
            steps.setdefault(cid, f"{stage_he(name)} — ב־{on:%d/%m/%Y}")
    return steps


def customers_page(snapshot: Snapshot, start: int = 0, count: int | None = None) -> dict:
    """Totals by age bucket (per currency) over every open invoice, and the customers from `start`
    (`count` of them; all when None) in `status` order, largest debt first: each invoice with its age
    and the stages sent, and the customer's next step."""
    today = snapshot.today
    totals: dict[str, dict[str, Decimal]] = {key: defaultdict(Decimal) for key, *_ in BUCKETS}
    counts = dict.fromkeys(totals, 0)
    ages: dict[str, int] = {}   # a due date's age, once per date: thousands of invoices share few dates
    for c in snapshot.customers:
        for i in c["invoices"]:
            late = ages.get(i["due_date"])
            if late is None:
                late = ages.setdefault(i["due_date"], (today - dt.date.fromisoformat(i["due_date"])).days)
            key = bucket_of(late)
            totals[key][i["currency"]] += Decimal(i["balance"])
            counts[key] += 1
    chosen = snapshot.customers[start:None if count is None else start + count]
    steps = next_steps(snapshot, {c["customer_id"] for c in chosen})
    rows = []
    for c in chosen:
        invoices = []
        for i in c["invoices"]:
            late = ages[i["due_date"]]
            invoices.append({**i, "due": dt.date.fromisoformat(i["due_date"]), "days_late": late,
                             "bucket": bucket_of(late), "stages_sent_he": [stage_he(s) for s in i["stages_sent"]]})
        invoices.sort(key=lambda i: (i["due"], i["number"]))
        rows.append({**c, "total": _total(c["balance"]), "open_invoices": invoices,
                     "oldest_due": _oldest_due(c), "next_step": steps.get(c["customer_id"], "—"),
                     "flags_he": [FLAG_WORDS.get(f, f) for f in c["flags"]]})
    buckets = [{"key": key, "label": label, "totals": dict(totals[key]), "count": counts[key]}
               for key, label, *_ in BUCKETS]
    return {"today": today, "buckets": buckets, "customers": rows, "count": len(snapshot.customers)}


def call_list(snapshot: Snapshot) -> list[dict]:
    """The planner's call list (C12, C13) in its own order, largest and oldest debt first (C14),
    with why each customer is on it and when we last heard from or wrote to them."""
    why = {h.customer_id: reason_he(h.reason) for h in snapshot.plan.held}
    by_id = {c["customer_id"]: c for c in snapshot.customers}
    rows = []
    for k in snapshot.plan.calls:
        c = by_id.get(k.customer_id)
        if c is None:
            continue
        last_email = c.get("last_email")
        reply = c.get("last_reply") or {}
        last_reply = reply.get("at") if reply.get("kind") == "human" else None   # a bounce is no contact
        contacts = [("email", dt.date.fromisoformat(last_email)) if last_email else None,
                    ("reply", _day(last_reply, snapshot.tz)) if last_reply else None]
        contacts = [x for x in contacts if x and x[1]]
        last = max(contacts, key=lambda x: x[1]) if contacts else None
        rows.append({"customer_id": c["customer_id"], "name": c["name"], "emails": c["emails"],
                     "phones": [(p, dial_uri(p)) for p in c.get("phones", ())],
                     "balance": c["balance"], "total": k.total, "oldest_due": k.oldest_due,
                     "days_late": (snapshot.today - k.oldest_due).days if k.oldest_due else None,
                     "unanswered": c.get("unanswered_emails", 0),
                     "last_contact": {"kind": last[0], "on": last[1]} if last else None,
                     "last_email": dt.date.fromisoformat(last_email) if last_email else None,
                     "last_reply": _day(last_reply, snapshot.tz) if last_reply else None,
                     "why": why.get(c["customer_id"]) or _why_still_emailed(c)})
    return rows


def _why_still_emailed(c: dict) -> str:
    n = c.get("unanswered_emails") or 0
    return f"{n} מיילים בלי מענה: עדיין מקבל מיילים, וכדאי גם להתקשר" if n else "—"


def _day(value: str | None, tz: dt.tzinfo | None = None) -> dt.date | None:
    """The day of an ISO time in the business's time zone (a reply stored in UTC at 23:30 is the next day)."""
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if tz is not None and moment.tzinfo is not None:
        moment = moment.astimezone(tz)
    return moment.date()


def timeline(ledger, customer_id: str) -> list[dict]:
    """One customer's history (the `history CUSTOMER` items) with the imports that touched their
    invoices, oldest first."""
    items = ledger.history(customer_id) + ledger.customer_imports(customer_id)
    items.sort(key=lambda i: i["at"] or "")
    return items


def next_window(config: Config, now: dt.datetime, names: dict[str, str]) -> dict:
    """The `plan` command's document for `now` (so the console and `plan` say the same), with the
    window it describes: this one when sending is on, else the next one."""
    from ..cli.running import plan_doc

    doc = plan_doc(config, now)
    window = doc["next_window"]
    if window is None:
        shown = {"opens": None, "emails": doc["emails"], "held": doc["held"]}
    else:
        shown = {"opens": dt.datetime.fromisoformat(window["opens"]), "emails": window["emails"],
                 "held": window["held"]}
    for h in shown["held"]:
        h["name"] = names.get(h["customer_id"], "")
        h["reason_he"] = reason_he(h["reason"])
    for e in shown["emails"]:
        e["stage_he"] = stage_he(e["stage"])
    return {"doc": doc, "sending": doc["sending"], "not_sending_reason": doc["not_sending_reason"],
            **shown}


# The planner's reasons (planner.plan, calendar.why_not_sending_now) in the page's language; a
# reason not listed here is shown as the planner wrote it.
_DATE = r"(\d{4}-\d{2}-\d{2})"
_REASONS = [
    (r"no working email address$", lambda m: "אין כתובת מייל תקינה"),
    (rf"last email on {_DATE}; next not before {_DATE}$",
     lambda m: f"מייל אחרון נשלח ב־{_d(m[1])}; הבא לא לפני {_d(m[2])}"),
    (r"not sending now: (.*)$", lambda m: f"לא שולחים עכשיו: {calendar_he(m[1])}"),
    (r"flagged for a person: (.*) \(`resume` clears\)$",
     lambda m: "מסומן לטיפול של אדם: " + ", ".join(FLAG_WORDS.get(f.strip(), f.strip()) for f in m[1].split(","))),
    (r"an email is waiting for approval.*$", lambda m: "מייל ממתין לאישור שלכם"),
    (rf"paused until {_DATE}: (.*)$", lambda m: f"מושהה עד {_d(m[1])}: {note_he(m[2])}"),
    (r"paused until `resume`: (.*)$", lambda m: f"מושהה עד שתחדשו: {note_he(m[1])}"),
    (rf"promised to pay by {_DATE}$", lambda m: f"הבטיח לשלם עד {_d(m[1])}"),
    (rf"promise of {_DATE} missed; follow-up waits: (.*)$",
     lambda m: f"ההבטחה ל־{_d(m[1])} לא קוימה; המעקב ממתין: {reason_he(m[2])}"),
    (r"payment plan note waits: (.*)$", lambda m: f"תזכורת ההסדר ממתינה: {reason_he(m[1])}"),
    (r"on a payment plan: the ladder is off$", lambda m: "בהסדר תשלומים: התזכורות הרגילות לא נשלחות"),
    (r"on the call list: the (\w+) stage went out$",
     lambda m: f"ברשימת השיחות: השלב „{stage_he(m[1])}” כבר נשלח"),
]


# Why the product paused or flagged a customer (cycle.inbox, ledger.outbox, ledger.payments), in
# words; what came from outside (a subject, a server's answer) stays isolated as it was written.
_NOTES = [
    (r"(payment claim|promise|dispute|plan request|question) in a reply: (.*)$",
     lambda m: f"{INTENTS_HE.get(m[1].replace(' ', '_'), m[1])} בתשובה: {_free(m[2])}"),
    (rf"a reply on {_DATE} waits for a person to read it: (.*)$",
     lambda m: f"תשובה מ־{_d(m[1])} מחכה שאדם יקרא אותה: {_free(m[2])}"),
    (r"the customer says it was paid; waiting for the export or the bank to confirm$",
     lambda m: "הלקוח כתב ששילם; ממתינים שהקובץ או הבנק יאשרו"),
    (rf"the customer promised to pay, with no date, on {_DATE}: (.*)$",
     lambda m: f"הלקוח הבטיח לשלם, בלי תאריך, ב־{_d(m[1])}: {_free(m[2])}"),
    (rf"the customer replied on {_DATE}: (.*)$", lambda m: f"הלקוח ענה ב־{_d(m[1])}: {_free(m[2])}"),
    (rf"out of office until {_DATE}$", lambda m: f"מחוץ למשרד עד {_d(m[1])}"),
    (r"soft bounces (\d+) times \((.*)\)$", lambda m: f"המסירה נדחתה זמנית {m[1]} פעמים ({_free(m[2])})"),
    (r"the (\w+) email could not be sent: (.*)$", lambda m: f"המייל „{stage_he(m[1])}” לא נשלח: {_free(m[2])}"),
    (rf"a bank credit of ([\d.]+) (\w+) on {_DATE} may be their payment; .*?(\d+)`",
     lambda m: f"זיכוי בבנק של {_free(format_money(Decimal(m[1]), m[2]))} מ־{_d(m[3])} אולי הוא התשלום שלהם; "
               f"מחכה לאישור שלכם (זיכוי #{m[4]})"),
]


def note_he(text: str) -> str:
    """A pause's or a flag's reason, as the product wrote it, in the page's language."""
    for pattern, words in _NOTES:
        m = re.match(pattern, text)
        if m:
            return words(m)
    return _free(text)


def _d(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


def calendar_he(text: str) -> str:
    m = re.match(r"outside the send window (.*)$", text)
    if m:
        return f"מחוץ לשעות השליחה ({m[1]})"
    if text.startswith("not a workday"):
        return "שבת" if "Shabbat" in text else "לא יום עבודה"
    if text.startswith("holiday: "):
        return "חג: " + text[len("holiday: "):]
    return text


def reason_he(reason: str) -> str:
    for pattern, words in _REASONS:
        m = re.match(pattern, reason)
        if m:
            return words(m)
    return _free(re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", lambda m: f"{m[3]}/{m[2]}/{m[1]}", reason))


# ---- the timeline in words ------------------------------------------------------------------------

EVENT_WORDS = {
    "import": "קליטת קובץ", "email": "מייל שלנו", "reply": "הודעה שהתקבלה", "paid": "חשבונית נסגרה כשולמה",
    "part_paid": "תשלום חלקי", "promise": "הבטחה לתשלום", "promise_kept": "ההבטחה קוימה",
    "promise_missed": "ההבטחה לא קוימה", "promise_replaced": "הבטחה הוחלפה", "promise_corrected": "הבטחה תוקנה",
    "payment_plan": "הסדר תשלומים", "approved": "מייל אושר לשליחה", "paused": "השהיה", "resumed": "חידוש",
    "flagged": "סימון לטיפול של אדם", "labelled": "קריאה של אדם", "send_failed": "השליחה נכשלה",
    "soft_bounce": "מסירה נדחתה זמנית", "email_cancelled": "מייל בוטל", "invoice_reopened": "חשבונית נפתחה שוב",
    "address_bad": "כתובת לא תקינה", "payment_confirmed": "תשלום מהבנק אושר", "payment_rejected": "התאמה מהבנק נדחתה",
    "bank_paid_still_listed": "הבנק שילם והקובץ עוד מציג", "payment_claim_confirmed": "התשלום שכתבו עליו נמצא",
    "found_in_sent": "נמצא בתיקיית הנשלחים",
}
REPLY_KINDS = {"human": "תשובה של אדם", "auto_reply": "מענה אוטומטי", "bounce": "החזרה (כשל מסירה)",
               "other": "לא תשובה"}
STATUS_WORDS = {"sent": "נשלח", "pending": "ממתין לשליחה", "sending": "בשליחה", "failed": "נכשל",
                "cancelled": "בוטל", "awaiting_approval": "ממתין לאישור", "applied": "נקלט", "stale": "ישן, לא שינה דבר",
                "duplicate": "כפול, לא שינה דבר", "braked": "נעצר (בלם בטיחות)", "rejected": "נדחה"}
# The facts an event carries that its line shows itself, or that mean nothing to a person.
_HIDDEN = {"at", "kind", "customer_id", "source", "origin"}
FACT_WORDS = {"number": "חשבונית", "reason": "סיבה", "until": "עד", "due": "מועד", "amount": "סכום",
              "stage": "שלב", "intent": "נקרא כ", "balance": "יתרה", "left": "נותר", "flag": "סימון",
              "email": "כתובת", "error": "שגיאה", "instalments": "תשלומים", "first": "ראשון", "payment": "זיכוי",
              "message_id": "מזהה", "reply_id": "הודעה", "closed": "נסגרו", "reopened": "נפתחו", "file": "קובץ",
              "promise_date": "תאריך", "pauses_ended": "השהיות שהסתיימו", "flags_cleared": "סימונים שנוקו",
              "paid_on": "שולם ב", "payer": "משלם"}


def timeline_item(item: dict) -> dict:
    """What one timeline item shows: its title, and its facts as (label, value) pairs."""
    kind = item["kind"]
    out = {"kind": kind, "at": item["at"], "title": EVENT_WORDS.get(kind, kind.replace("_", " ")), "facts": []}
    if kind == "email":
        out["title"] = f"{EVENT_WORDS['email']}: {stage_he(item['stage'])}"
        out["status"] = STATUS_WORDS.get(item["status"], item["status"])
    elif kind == "reply":
        detail = item.get("detail") or {}
        out["title"] = REPLY_KINDS.get(item["reply_kind"], item["reply_kind"])
        out["intents"] = [INTENTS_HE.get(i, i) for i in detail.get("intents") or []]
        out["confidence"] = detail.get("confidence")
        out["promise_date"] = detail.get("promise_date")
        out["text"] = detail.get("text") or ""
        waiting = item.get("needs_person")
        out["needs_person"] = (PERSON_WORDS.get(detail.get("needs_person_kind") or "", _free(waiting))
                               if waiting else None)
        label = item.get("label")
        out["label"] = ({"intent": INTENTS_HE.get(label["intent"], label["intent"]), "at": label["at"]}
                        if label else None)
    elif kind == "import":
        out["status"] = STATUS_WORDS.get(item["status"], item["status"])
    else:
        for key, value in item.items():
            if key in _HIDDEN or value in (None, "", [], {}):
                continue
            if key == "stage":
                value = stage_he(value)
            elif key == "intent":
                value = INTENTS_HE.get(value, value)
            elif key == "flag":
                value = FLAG_WORDS.get(value, value)
            elif key == "reason" and isinstance(value, str):
                value = note_he(value)
            elif key in ("balance", "amount", "left"):
                value = format_money(Decimal(str(value)), item.get("currency") or "ILS")
            elif key == "currency":
                continue
            out["facts"].append((FACT_WORDS.get(key, key.replace("_", " ")), value))
    return out
