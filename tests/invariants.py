"""The promises the ladder keeps, checked on a ledger's history (issue 6's invariants)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from dunning_mailer.calendar import BusinessCalendar

LADDER_EXEMPT_FROM_SPACING = {"thank_you", "plan_instalment"}


def check(history: list[dict], calendar: BusinessCalendar, min_days_between: int,
          promise_grace_days: int = 1) -> list[str]:
    """Every broken rule, as a sentence; [] when the schedule is right."""
    problems: list[str] = []
    emails = [i for i in history if i["kind"] == "email" and i["status"] == "sent"]
    paid_at: dict[str, str] = {}
    pauses: dict[str, list[tuple[dt.datetime, dt.date | None, dt.datetime | None]]] = defaultdict(list)
    promises: dict[str, list[tuple[dt.datetime, dt.date]]] = defaultdict(list)
    for i in history:
        at = dt.datetime.fromisoformat(i["at"]) if i.get("at") else None
        if i["kind"] == "paid":
            paid_at.setdefault(i["number"], i["at"])
        elif i["kind"] == "paused":
            until = dt.date.fromisoformat(i["until"]) if i.get("until") else None
            pauses[i["customer_id"]].append([at, until, None])
        elif i["kind"] == "resumed":
            for p in pauses[i["customer_id"]]:
                if p[2] is None:
                    p[2] = at
        elif i["kind"] == "promise":
            promises[i["customer_id"]].append((at, dt.date.fromisoformat(i["due"])))

    stages_seen: dict[str, list[str]] = defaultdict(list)
    last_by_customer: dict[str, dt.date] = {}
    for e in sorted(emails, key=lambda e: e["at"]):
        at = dt.datetime.fromisoformat(e["at"])
        local = calendar.local(at)
        cid = e["customer_id"]
        if calendar.why_not_sending_now(at):
            problems.append(f"{e['message_id']} went out at {local} ({calendar.why_not_sending_now(at)})")
        for inv in e["invoices"]:
            if inv["stage"] in ("thank_you", "promise_followup", "plan_instalment"):
                continue  # outside the ladder: one per promise or instalment, not one per invoice
            key = inv["number"]
            if inv["stage"] in stages_seen[key]:
                problems.append(f"invoice {key} got stage {inv['stage']} twice")
            stages_seen[key].append(inv["stage"])
            if key in paid_at and paid_at[key] < e["at"]:
                problems.append(f"{e['message_id']} mentions {key}, paid at {paid_at[key]}")
        if e["stage"] == "thank_you":
            continue
        for since, until, ended in pauses[cid]:
            if since < at and (until is None or local.date() <= until) and (ended is None or at < ended):
                problems.append(f"{e['message_id']} went to {cid} during a pause since {since}")
        for made, due in promises[cid]:
            if made < at and local.date() <= due + dt.timedelta(days=promise_grace_days) \
                    and e["stage"] != "promise_followup":
                problems.append(f"{e['message_id']} ({e['stage']}) went to {cid} before its promise date {due}")
        if e["stage"] not in LADDER_EXEMPT_FROM_SPACING:
            last = last_by_customer.get(cid)
            if last is not None and (local.date() - last).days < min_days_between:
                problems.append(f"{e['message_id']} went to {cid} {(local.date() - last).days} days after the last")
            last_by_customer[cid] = local.date()
    return problems
