"""The daily digest to the business (C12–C17): who needs a person today, largest debts first. Pure."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from .phones import dial_uri
from .planner import Plan

FLAG_WORDS = {"disputed": "מחלוקת", "question": "שאלה", "plan_request": "בקשה לפריסה",
              "bounced": "כתובת לא תקינה", "send_failed": "שליחה נכשלה",
              "payment_unconfirmed": "כתבו ששילמו, והתשלום לא נמצא בבנק"}


# Why a message waits for a person (replies.verdict.PERSON_REASONS), in the digest's words.
PERSON_WORDS = {
    "dispute": "הלקוח חולק על החיוב",
    "plan_request": "בקשה לפריסה או להסדר",
    "question": "שאלה שמחכה לתשובה",
    "unsure": "לא ברור לנו מה נכתב, התזכורות ממתינות",
    "nothing_to_act_on": "תשובה בלי בקשה, התזכורות ממתינות",
    "promise_without_date": "הבטחה לשלם בלי תאריך",
    "no_text": "תשובה בלי טקסט חדש",
    "unreadable": "הודעה שלא הצלחנו לקרוא",
    "unmatched": "לא זיהינו לאיזה לקוח היא שייכת",
    "bounce_not_ours": "הודעת כשל מסירה שלא קשורה למייל שלנו, לא שינינו דבר",
    "auto_reply_not_ours": "מענה אוטומטי שלא קשור למייל שלנו, לא שינינו דבר",
    "return_too_far": "מענה אוטומטי עם תאריך חזרה רחוק, לא שינינו דבר",
    "not_a_reply": "הודעה שאינה תשובה של לקוח",
}


@dataclass(frozen=True)
class DigestLine:
    customer_id: str
    name: str
    balance: dict[str, Decimal]
    why: str
    # On the call list: each number as a person dials it, with its `tel:` link ("" for none).
    phones: tuple[tuple[str, str], ...] = ()

    @property
    def total(self) -> Decimal:
        return sum(self.balance.values(), Decimal(0))


def build(customers: list[dict], plan: Plan, awaiting: list[dict], unmatched: list[dict],
          today: dt.date, payments: list[dict] = (), waiting: list[dict] = (),
          console_url: str = "") -> dict | None:
    """The digest's template context, or None when there is nothing a person needs to do.
    ``unmatched``: replies matched to no customer; ``payments``: bank credits to review;
    ``waiting``: the messages a person has to read (`status` "needs_person"); ``console_url``:
    the console's address, linked from the digest ("" for none)."""
    by_id = {c["customer_id"]: c for c in customers}

    def line(cid: str, why: str) -> DigestLine:
        c = by_id.get(cid, {"name": cid, "balance": {}})
        return DigestLine(cid, c["name"], {k: Decimal(v) for k, v in c["balance"].items()}, why)

    held = {h.customer_id: h.reason for h in plan.held}
    call = [replace(line(cid, held.get(cid, "")),
                    phones=tuple((p, dial_uri(p) or "") for p in by_id.get(cid, {}).get("phones", ())))
            for cid in plan.call_list]
    flagged = [line(c["customer_id"], ", ".join(FLAG_WORDS.get(f, f) for f in c["flags"]))
               for c in customers if c["flags"]]
    promises = [line(c["customer_id"], f"הבטחה לתשלום עד {dt.date.fromisoformat(c['promise']['due']):%d/%m/%Y}")
                for c in customers if c.get("promise") and dt.date.fromisoformat(c["promise"]["due"]) <= today]
    approvals = [line(a["customer_id"], a["stage"]) for a in awaiting]
    # Bank credits the matcher was unsure of: each holds its customers' reminders until a person decides.
    credits = [line(cid, f"זיכוי בבנק של {p['line']['amount']} מ־"
                         f"{dt.date.fromisoformat(p['line']['date']):%d/%m/%Y} (#{p['id']})")
               for p in payments for cid in (p["candidates"] or ([p["customer_id"]] if p["customer_id"] else []))]
    sections = [(title, sorted(lines, key=lambda x: -x.total)) for title, lines in (
        ("לשיחה טלפונית", call), ("דורשים תשומת לב", flagged), ("הבטחות שמועדן הגיע", promises),
        ("ממתינים לאישור שלכם", approvals), ("תשלומים מהבנק שמחכים לבדיקה שלכם", credits))]
    sections = [(t, ls) for t, ls in sections if ls]
    names = {c["customer_id"]: c["name"] for c in customers}
    to_read = [{"reply_id": w["reply_id"], "customer_id": w["customer_id"] or "",
                "who": names.get(w["customer_id"]) or w["customer_id"] or w["sender"] or "",
                "why": PERSON_WORDS.get(w.get("reason_code") or "", w["reason"]), "subject": w["subject"] or ""}
               for w in waiting if w.get("reason_code") != "unmatched"]   # those are listed as unmatched
    if not sections and not unmatched and not to_read:
        return None
    return {"today": today, "sections": sections, "unmatched": unmatched, "to_read": to_read,
            "emails_today": len(plan.emails), "console_url": console_url}
