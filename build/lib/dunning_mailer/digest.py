"""The daily digest to the business (C12–C17): who needs a person today, largest debts first. Pure."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .planner import Plan

FLAG_WORDS = {"disputed": "מחלוקת", "question": "שאלה", "plan_request": "בקשה לפריסה",
              "bounced": "כתובת לא תקינה", "send_failed": "שליחה נכשלה"}


@dataclass(frozen=True)
class DigestLine:
    customer_id: str
    name: str
    balance: dict[str, Decimal]
    why: str

    @property
    def total(self) -> Decimal:
        return sum(self.balance.values(), Decimal(0))


def build(customers: list[dict], plan: Plan, awaiting: list[dict], unmatched: list[dict],
          today: dt.date) -> dict | None:
    """The digest's template context, or None when there is nothing a person needs to do."""
    by_id = {c["customer_id"]: c for c in customers}

    def line(cid: str, why: str) -> DigestLine:
        c = by_id.get(cid, {"name": cid, "balance": {}})
        return DigestLine(cid, c["name"], {k: Decimal(v) for k, v in c["balance"].items()}, why)

    held = {h.customer_id: h.reason for h in plan.held}
    call = [line(cid, held.get(cid, "")) for cid in plan.call_list]
    flagged = [line(c["customer_id"], ", ".join(FLAG_WORDS.get(f, f) for f in c["flags"]))
               for c in customers if c["flags"]]
    promises = [line(c["customer_id"], f"הבטחה לתשלום עד {dt.date.fromisoformat(c['promise']['due']):%d/%m/%Y}")
                for c in customers if c.get("promise") and dt.date.fromisoformat(c["promise"]["due"]) <= today]
    approvals = [line(a["customer_id"], a["stage"]) for a in awaiting]
    sections = [(title, sorted(lines, key=lambda x: -x.total)) for title, lines in (
        ("לשיחה טלפונית", call), ("דורשים תשומת לב", flagged), ("הבטחות שמועדן הגיע", promises),
        ("ממתינים לאישור שלכם", approvals))]
    sections = [(t, ls) for t, ls in sections if ls]
    if not sections and not unmatched:
        return None
    return {"today": today, "sections": sections, "unmatched": unmatched,
            "emails_today": len(plan.emails)}
