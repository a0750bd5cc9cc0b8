"""How outside input is read, changing nothing: `inspect FILE`, `classify FILE.eml`."""
from __future__ import annotations

from pathlib import Path

from ..config import Config
from .common import UsageError, _ledger, _now, _print_json, say


def cmd_inspect(args, config: Config) -> int:
    from ..sources import profile_from_mapping, read_invoices

    profiles = [profile_from_mapping(str(m.get("name", f"importer{i}")), m)
                for i, m in enumerate(config.importers)]
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    result = read_invoices(path, profiles=profiles, default_currency=config.business.currency,
                           hold=False)
    doc = {
        "file": str(path), "importer": result.importer, "kind": result.kind, "header_row": result.header_row,
        "columns": result.columns,
        "invoices": [{"number": i.number, "customer_id": i.customer_id, "customer_name": i.customer_name,
                      "emails": list(i.emails), "issue_date": i.issue_date, "due_date": i.due_date,
                      "amount": i.amount, "balance": i.balance, "currency": i.currency, "kind": i.kind}
                     for i in result.invoices],
        "contacts": [{"customer_id": c.customer_id, "name": c.name, "emails": list(c.emails),
                      "account_manager": c.account_manager, "account_manager_email": c.account_manager_email,
                      "language": c.language} for c in result.contacts],
        "warnings": list(result.warnings),
        "unused_columns": list(result.unused_columns),
        "questions": list(result.questions),
    }
    held = 1 if result.questions else 0  # a run would hold this file: something needs you
    if args.json:
        _print_json(doc)
        return held
    what = {"invoices": "open invoices", "balances": "customer balances", "contacts": "contacts"}[result.kind]
    say(f"{path}: {what}, read by {result.importer}, header on row {result.header_row}")
    for field, header in result.columns.items():
        say(f"  {field:14} ← {header}")
    for c in result.contacts:
        manager = f"  (account manager: {c.account_manager})" if c.account_manager else ""
        say(f"  {c.customer_id:14} {c.name:24} {', '.join(c.emails)}{manager}")
    if result.kind != "contacts":
        say(f"{len(result.invoices)} {'balance line' if result.kind == 'balances' else 'open invoice'}(s):")
    for i in result.invoices:
        say(f"  {i.number:>10}  {i.customer_id:14} {i.customer_name:24} due {i.due_date}  "
            f"{i.balance} {i.currency}  {', '.join(i.emails)}")
    for w in result.warnings:
        say(f"warning: {w}")
    if result.unused_columns:
        say(f"not used: {', '.join(result.unused_columns)}")
    for q in result.questions:
        say(f"held: {q}")
    return held


def cmd_classify(args, config: Config) -> int:
    from ..replies import classify

    raw = Path(args.file).read_bytes()
    now = _now(args.now, config).astimezone(config.tz)
    customer_id = how = None
    if config.paths.database.exists():
        from ..cycle import MessageReader
        with _ledger(config) as ledger:
            verdict, customer_id, how = MessageReader(ledger).read(raw, now)
    else:
        verdict = classify(raw, now=now)
    doc = verdict.to_json()
    doc["customer_id"] = customer_id
    if how:
        doc["why"] = list(doc.get("why", [])) + [f"matched to customer {customer_id} by {how}"]
    if args.json:
        _print_json(doc)
    else:
        say(f"{doc['kind']}" + (f" ({', '.join(doc['intents'])})" if doc.get("intents") else ""))
        for w in doc.get("why", []):
            say(f"  - {w}")
    return 0
