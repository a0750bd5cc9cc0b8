"""What needs a person, built from the ledger's own lists — the ones `status --json` shows
(`needs_person_list`, `payments_to_review`, `awaiting_approval`) and the flags and bad addresses
`resume` clears — so the console never decides a second time who needs a person.

Each item: the customer, why in Hebrew, the reply's text (escaped by the page), when, and the
actions that fit it (names of routes in actions.py)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from . import formats

# Flags the queue shows as items of their own; the others (dispute, question, plan request) come
# with the reply that set them, and stay on the call list once a person has read it.
OWN_ITEM_FLAGS = ("send_failed", "bounced")
ORDER = {"reply": 0, "payment": 1, "claim": 2, "approval": 3, "failed": 4, "bad_address": 5}


@dataclass
class Item:
    kind: str                      # reply, payment, claim, approval, failed, bad_address
    customer_id: str | None
    name: str
    reason: str                    # in Hebrew
    when: str | None               # ISO time
    actions: tuple[str, ...]
    text: str = ""                 # what the customer wrote (escaped on the page)
    detail: str = ""               # the ledger's own words (English), for the curious
    reply_id: int | None = None
    decision_id: int | None = None
    stage: str | None = None
    facts: dict = field(default_factory=dict)
    invoices: list = field(default_factory=list)   # the customer's open invoices (for "mark paid")
    balance: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        """A stable id for the page (an anchor, a test's locator)."""
        ref = self.reply_id or self.decision_id or self.stage or self.facts.get("email") or ""
        return f"{self.kind}-{self.customer_id or 'none'}-{ref}"


REPLY_ACTIONS = ("resume", "pause", "promise", "plan", "label", "paid")
UNMATCHED_ACTIONS = ("label",)


def needs_you(ledger, config, now: dt.datetime) -> list[Item]:
    """Every item waiting for a person: replies first (oldest first), then bank credits, payment
    claims, approvals, failed sending and bad addresses."""
    needs = ledger.needs_person_list()
    review = {p["id"]: p for p in ledger.payments_to_review()}
    awaiting = ledger.awaiting_approval()
    flags = [f for f in ledger.open_flags() if f["flag"] in OWN_ITEM_FLAGS]
    bad: dict[str, list[dict]] = {}
    for b in ledger.bad_addresses():
        bad.setdefault(b["customer_id"], []).append(b)
    who = ({n["customer_id"] for n in needs} | {c for p in review.values() for c in p["candidates"]}
           | {p["customer_id"] for p in review.values()} | {a["customer_id"] for a in awaiting}
           | {f["customer_id"] for f in flags} | set(bad))
    known = ledger.customer_summaries(who)

    def name(cid: str | None) -> str:
        return known[cid]["name"] if cid in known else (cid or "")

    def invoices_of(cid: str | None) -> tuple[list, dict]:
        if cid not in known:
            return [], {}
        balance: dict[str, Decimal] = {}
        for inv in known[cid]["invoices"]:
            balance[inv["currency"]] = balance.get(inv["currency"], Decimal(0)) + Decimal(inv["balance"])
        return known[cid]["invoices"], {c: str(v) for c, v in balance.items()}

    items: list[Item] = []
    credit_customers: set[str] = set()
    for need in needs:
        cid = need["customer_id"]
        if "reason_code" in need:  # a message a person has to read
            row = ledger.reply(need["reply_id"]) or {"detail": {}}
            reading = row["detail"] or {}
            code = need["reason_code"]
            invoices, balance = invoices_of(cid)
            items.append(Item(
                kind="reply", customer_id=cid, name=name(cid) or (need.get("sender") or ""),
                reason=formats.person_reason(code, need["reason"]), when=need["received_at"],
                actions=REPLY_ACTIONS if cid else UNMATCHED_ACTIONS,
                text=reading.get("text") or need.get("subject") or "", detail=need["reason"],
                reply_id=need["reply_id"], invoices=invoices, balance=balance,
                facts={"sender": need.get("sender") or "", "subject": need.get("subject") or "",
                       "code": code, "intent": reading.get("intent"), "intents": reading.get("intents") or [],
                       "confidence": reading.get("confidence"), "promise_date": reading.get("promise_date"),
                       "message_kind": need.get("kind")}))
        elif cid in credit_customers:
            continue
        else:
            held = [p for p in review.values() if cid in p["candidates"] or p["customer_id"] == cid]
            if held:  # one item per bank credit, however many customers it holds
                for p in held:
                    if any(i.decision_id == p["id"] for i in items):
                        continue
                    credit_customers.update(p["candidates"])
                    items.append(_credit(p, name, invoices_of))
            else:  # "I paid", and the bank shows nothing
                invoices, balance = invoices_of(cid)
                items.append(Item(kind="claim", customer_id=cid, name=name(cid),
                                  reason=formats.flag("payment_unconfirmed"), when=None, detail=need["reason"],
                                  actions=("resume", "paid", "pause", "promise"), reply_id=need.get("reply_id"),
                                  invoices=invoices, balance=balance))
    for p in review.values():  # a credit no customer is held for (it names nobody we know)
        if not any(i.decision_id == p["id"] for i in items):
            items.append(_credit(p, name, invoices_of))
    for a in awaiting:
        invoices, balance = invoices_of(a["customer_id"])
        items.append(Item(kind="approval", customer_id=a["customer_id"], name=name(a["customer_id"]),
                          reason=f"מייל בשלב \u201c{formats.stage(a['stage'])}\u201d מחכה לאישור שלך לפני שהוא יוצא",
                          when=a["created_at"], actions=("approve", "pause", "paid"), stage=a["stage"],
                          text=a["subject"] or "", invoices=invoices, balance=balance))
    for f in flags:
        cid = f["customer_id"]
        invoices, balance = invoices_of(cid)
        working = known.get(cid, {}).get("emails", [])
        items.append(Item(kind="failed" if f["flag"] == "send_failed" else "bad_address", customer_id=cid,
                          name=name(cid), reason=_flag_reason(f["flag"], working), when=f["since"],
                          detail=f["reason"] or "", actions=("resume", "pause", "paid"), invoices=invoices,
                          balance=balance, facts={"addresses": [b["email"] for b in bad.pop(cid, [])]}))
    for cid, addresses in bad.items():
        invoices, balance = invoices_of(cid)
        if not invoices:
            continue  # nothing open: nobody will be written to
        emails = [b["email"] for b in addresses]
        working = known.get(cid, {}).get("emails", [])
        items.append(Item(
            kind="bad_address", customer_id=cid, name=name(cid),
            reason=("כתובת שהשרת דחה: " + ", ".join(formats.isolated(e) for e in emails)
                    + ("; המיילים ממשיכים לכתובות האחרות" if working else "; אין ללקוח כתובת אחרת שעובדת")),
            when=None, detail="; ".join(b["reason"] or "" for b in addresses), actions=("resume",),
            invoices=invoices, balance=balance, facts={"addresses": emails}))
    items.sort(key=lambda i: (ORDER[i.kind], i.when or "", i.key))
    return items


def _credit(p: dict, name, invoices_of) -> Item:
    line = p["line"]
    who = p["candidates"] or ([p["customer_id"]] if p["customer_id"] else [])
    cid = who[0] if who else None
    invoices, balance = invoices_of(cid)
    amount = formats.money_text(line["amount"], line["currency"])
    return Item(kind="payment", customer_id=cid, name=", ".join(name(c) for c in who) or "",
                reason=f"זיכוי בבנק של {amount} מ־{formats.day_text(line['date'])} אולי שייך ללקוח: "
                       "לאשר את ההתאמה, או לומר שזה לא התשלום הזה",
                when=line["date"], actions=("confirm", "reject"), text=line.get("description") or "",
                detail="; ".join(p["reasons"]), decision_id=p["id"], invoices=invoices, balance=balance,
                facts={"proposal": p["invoices"], "confidence": p["confidence"], "candidates": who,
                       "file": line.get("file"), "amount": line["amount"], "currency": line["currency"]})


def _flag_reason(flag: str, working) -> str:
    if flag == "send_failed":
        return "מייל ללקוח לא נשלח: השרת דחה אותו. כדאי לבדוק את הכתובת או להתקשר"
    return "אין ללקוח כתובת שעובדת: המיילים חזרו" + ("" if working else ", ולכן צריך להתקשר")


def counts(items: list[Item]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in items:
        out[i.kind] = out.get(i.kind, 0) + 1
    return out
