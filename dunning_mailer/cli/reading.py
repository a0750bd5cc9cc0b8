"""How outside input is read: `inspect FILE`, `classify FILE.eml` (changing nothing), and a person's
reading of a reply, `label REPLY INTENT` (which changes what the reply meant)."""
from __future__ import annotations

from pathlib import Path

from ..config import Config
from .common import UsageError, _customer, _date_arg, _ledger, _now, _print_json
from .display import Display, isolate


def cmd_inspect(args, config: Config) -> int:
    from ..sources import profile_from_mapping, read_invoices

    profiles = [profile_from_mapping(str(m.get("name", f"importer{i}")), m)
                for i, m in enumerate(config.importers)]
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    result = read_invoices(path, profiles=profiles, default_currency=config.business.currency,
                           hold=False)
    if result.kind == "bank_statement":
        return _inspect_statement(args, config, path, result)
    doc = {
        "file": str(path), "importer": result.importer, "kind": result.kind, "header_row": result.header_row,
        "columns": result.columns,
        "invoices": [{"number": i.number, "customer_id": i.customer_id, "customer_name": i.customer_name,
                      "emails": list(i.emails), "issue_date": i.issue_date, "due_date": i.due_date,
                      "amount": i.amount, "balance": i.balance, "currency": i.currency, "kind": i.kind,
                      "phone": i.phone}
                     for i in result.invoices],
        "contacts": [{"customer_id": c.customer_id, "name": c.name, "emails": list(c.emails),
                      "account_manager": c.account_manager, "account_manager_email": c.account_manager_email,
                      "language": c.language, "phone": c.phone} for c in result.contacts],
        "warnings": list(result.warnings),
        "unused_columns": list(result.unused_columns),
        "questions": list(result.questions),
    }
    held = 1 if result.questions else 0  # a run would hold this file: something needs you
    if args.json:
        _print_json(doc)
        return held
    show = Display(config.tz)
    what = {"invoices": "open invoices", "balances": "customer balances", "contacts": "contacts"}[result.kind]
    print(f"{isolate(path)}: {what}, read by {result.importer}, header on row {result.header_row}")
    for field, header in result.columns.items():
        print("  " + show.row((field, 14), f"← {header}"))
    for c in result.contacts:
        manager = f"  (account manager: {c.account_manager})" if c.account_manager else ""
        print("  " + show.row((c.customer_id, 14), (c.name, 24), f"{', '.join(c.emails)}{manager}"))
    if result.kind != "contacts":
        print(f"{len(result.invoices)} {'balance line' if result.kind == 'balances' else 'open invoice'}(s):")
    for i in result.invoices:
        print("  " + show.row((i.number, 14), (i.customer_id, 14), (i.customer_name, 24), (show.day(i.due_date), 10),
                              (show.money(i.balance, i.currency), 16, ">"), ", ".join(i.emails)))
    for w in result.warnings:
        print(f"warning: {isolate(w)}")
    if result.unused_columns:
        print(f"not used: {isolate(', '.join(result.unused_columns))}")
    for q in result.questions:
        first, *rest = q.splitlines() or [""]
        print(f"held: {isolate(first)}")
        for line in rest:  # the config lines that would settle it, as they are to be written
            print(f"      {isolate(line)}")
    return held


def _inspect_statement(args, config: Config, path: Path, result) -> int:
    doc = {"file": str(path), "importer": result.importer, "kind": "bank_statement", "header_row": result.header_row,
           "columns": result.columns, "account": result.account,
           "lines": [{"date": x.date, "value_date": x.value_date, "description": x.description,
                      "reference": x.reference, "amount": x.amount, "currency": x.currency, "balance": x.balance,
                      "row": x.row} for x in result.lines],
           "warnings": list(result.warnings), "unused_columns": list(result.unused_columns)}
    if args.json:
        _print_json(doc)
        return 0
    show = Display(config.tz)
    credits = sum(1 for x in result.lines if x.amount > 0)
    print(f"{isolate(path)}: a bank statement, read by {result.importer}"
          + (f", header on row {result.header_row}" if result.header_row else "")
          + (f", account {isolate(result.account)}" if result.account else ""))
    for field, header in result.columns.items():
        print("  " + show.row((field, 14), f"← {header}"))
    print(f"{len(result.lines)} line(s), {credits} credit(s):")
    for x in result.lines:
        print("  " + show.row((show.day(x.date), 10), (show.money(x.amount, x.currency), 16, ">"),
                              (x.reference, 12, ">"), x.description))
    for column in result.unused_columns:
        print(f"  (not used: {isolate(column)})")
    for w in result.warnings:
        print(f"warning: {isolate(w)}")
    return 0


def cmd_classify(args, config: Config) -> int:
    from ..replies import classify

    raw = Path(args.file).read_bytes()
    now = _now(args.now, config).astimezone(config.tz)
    customer_id = how = None
    from ..ledger import ledger_exists
    if ledger_exists(config):
        from ..cycle import MessageReader
        with _ledger(config) as ledger:
            verdict, customer_id, how = MessageReader(ledger, config).read(raw, now)
    else:
        verdict = classify(raw, now=now, threshold=config.policy.reply_confidence)
    doc = verdict.to_json()
    doc["customer_id"] = customer_id
    if how:
        doc["why"] = list(doc.get("why", [])) + [f"matched to customer {customer_id} by {how}"]
    if args.json:
        _print_json(doc)
    else:
        head = doc["kind"] + (f" ({', '.join(doc['intents'])})" if doc.get("intents") else "")
        if doc["kind"] == "human":
            head += f", main intent {doc['intent']}, confidence {doc['confidence']:.0%}"
        if doc.get("promise_date"):
            head += f", promised for {doc['promise_date']}"
        print(isolate(head))
        for w in doc.get("why", []):
            print(f"  - {isolate(w)}")
        if doc.get("needs_person"):
            print(f"  a person should read it: {isolate(doc['needs_person'])}")
    return 0




def cmd_label(args, config: Config) -> int:
    from ..cycle import relabel
    from ..replies.verdict import LABELS   # lazily, as the cycle: no reader at every start-up

    intent = args.intent.replace("-", "_").lower()
    if intent not in LABELS:
        raise UsageError(f"INTENT: one of {', '.join(LABELS)}, got {args.intent!r}")
    date = _date_arg(args.date, "--date") if args.date else None
    if date and intent != "promise":
        raise UsageError("--date goes with the intent promise")
    try:
        reply_id = int(str(args.reply).lstrip("#"))
    except ValueError:
        raise UsageError(f"REPLY: a reply's id (a number, from `history --json` or `status --json`), "
                         f"got {args.reply!r}") from None
    now = _now(args.now, config)
    with _ledger(config) as ledger:
        row = ledger.reply(reply_id)
        if row is None:
            raise UsageError(f"no reply with id {reply_id} in the ledger")
        if args.customer:
            _customer(ledger, args.customer)
        elif not row["customer_id"] and intent != "none":
            raise UsageError(f"reply {reply_id} is not matched to a customer: add --customer ID")
        done = relabel(config, ledger, reply_id, intent, promise_date=date, now=now, customer_id=args.customer)
    if args.json:
        _print_json(done)
    elif args.verbose:
        ended = ", ".join(f"{n} {k}" for k, n in done["ended"].items() if n) or "nothing"
        print(f"reply {reply_id} ({done['customer_id'] or 'no customer'}): read as {intent}"
              + (f" for {date:%d/%m/%Y}" if date else "") + f"; ended {ended}.")
    return 0
