"""`status` and `history`."""
from __future__ import annotations

from decimal import Decimal

from ..config import Config
from .common import _ledger, _now, _print_json
from .display import Display, clean, isolate
from .running import AMOUNT, COUNT, ID, NAME, call_doc, print_calls


def cmd_status(args, config: Config) -> int:
    doc, waiting = _status(config, _now(args.now, config))
    calls = doc["calls"]
    if args.json:
        _print_json(doc)
        return 0
    customers, to_review = doc["customers"], doc["payments_to_review"]
    show = Display(config.tz)
    if customers:
        print(show.row((show.word("customer"), ID), (show.word("name"), NAME), (show.word("amount"), AMOUNT, ">"),
                       ("#", COUNT, ">"), (show.word("last email"), 10), show.word("flags")))
    for c in customers:
        flags = [*c["flags"]] + [f for f, on in (("call-list", c["call_list"]), ("paused", c["pause"])) if on]
        print(show.row((c["customer_id"], ID), (c["name"], NAME), (show.totals(c["balance"]), AMOUNT, ">"),
                       (len(c["invoices"]), COUNT, ">"), (show.day(c["last_email"]), 10), ", ".join(flags)))
    if not customers:
        print(show.word("No open invoices."))
    if calls:
        print()
        print(f"Call list ({len(calls)}; a person should phone, the largest and oldest debt first):")
        print_calls(show, calls)
    if to_review:
        print(f"{len(to_review)} bank credit(s) wait for you (`dunning-mailer payments`), holding "
              f"{isolate(', '.join(sorted({c for p in to_review for c in p['customers']})))}.")
    if waiting:
        print()
        print(f"Replies a person should read ({len(waiting)}; `label REPLY INTENT` or `resume CUSTOMER`):")
    for w in waiting:
        print("  " + show.row((f"#{w['reply_id']}", 6), (w["customer_id"] or "—", ID), (show.day(w["received_at"]), 10),
                              (w["sender"] or "?", NAME), show.days(w["reason"])))
    return 0


def status_doc(config: Config, now) -> dict:
    """What `status --json` prints for one business."""
    return _status(config, now)[0]


def _status(config: Config, now) -> tuple[dict, list[dict]]:
    """The status document, and the replies waiting for a person (the text shows them apart)."""
    from ..cycle import make_plan

    with _ledger(config) as ledger:
        today = now.astimezone(config.tz).date()
        states = ledger.customer_states(today)
        customers = ledger.status(today, states)
        the_plan = make_plan(config, ledger, now, states)
        awaiting = ledger.awaiting_approval()
        unmatched = ledger.unmatched_replies()
        to_review, needs_person = ledger.payments_to_review(), ledger.needs_person_list()
    call = set(the_plan.call_list)
    for c in customers:
        c["call_list"] = c["customer_id"] in call
    customers.sort(key=lambda c: -sum(Decimal(v) for v in c["balance"].values()))
    doc = {"now": now.isoformat(), "customers": customers, "call_list": sorted(call),
           "awaiting_approval": awaiting, "unmatched_replies": unmatched}
    doc["needs_person"] = needs_person
    waiting = [w for w in needs_person if "reason_code" in w]  # the messages (the rest: payments)
    doc["payments_to_review"] = [{"id": p["id"], "line": p["line"], "customers": p["candidates"],
                                  "proposal": p["invoices"], "confidence": p["confidence"], "reasons": p["reasons"]}
                                 for p in to_review]
    doc["calls"] = [call_doc(k, {h.customer_id: h.reason for h in the_plan.held}) for k in the_plan.calls]
    return doc, waiting


def cmd_history(args, config: Config) -> int:
    with _ledger(config) as ledger:
        items = ledger.history(args.customer)
    if args.json:
        _print_json({"customer_id": args.customer, "items": items})
        return 0
    show = Display(config.tz)
    for i in items:
        print(history_line(show, i))
    return 0


_SHOWN_ELSEWHERE = {"at", "kind", "customer_id"}


def history_line(show: Display, i: dict) -> str:
    """One timeline item as a readable line: when, what, who, and the facts in words."""
    kind = i["kind"]
    who = i.get("customer_id") or ""
    if kind == "email":
        numbers = ", ".join(x["number"] for x in i["invoices"])
        what = (f"{show.stage(i['stage'])} ({i['status']}) → {', '.join(i['recipients'])}; "
                f"invoices {numbers}; {i['message_id']}")
    elif kind == "import":
        what = f"{clean(i['file'])}: {i['status']}" + (f" — {show.days(i['report'])}" if i.get("report") else "")
    elif kind == "reply":
        intents = (i.get("detail") or {}).get("intents") or []
        meaning = show.kind(i["reply_kind"]) + (f" ({', '.join(intents)})" if intents else "")
        if i.get("label"):  # a person's reading replaces the reader's
            meaning += f", labelled {i['label']['intent']}"
        what = (f"#{i['id']} " if i.get("id") else "") + \
            f"{meaning} from {isolate(i.get('sender') or '?')}: {isolate(i.get('subject') or '')}"
        who = who or "—"
    else:
        facts = []
        for key, value in i.items():
            if key in _SHOWN_ELSEWHERE or value in (None, "", [], {}):
                continue
            facts.append(f"{key.replace('_', ' ')} {_fact(show, key, value)}")
        what = "; ".join(facts)
    return show.row((show.when(i["at"]), 16), (show.word(kind).replace("_", " "), 14), (who, ID), what)


def _fact(show: Display, key: str, value) -> str:
    if key in ("stage",):
        return show.stage(value)
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        return show.when(value) if "T" in value else show.day(value)
    return isolate(value) if isinstance(value, str) else clean(value)
