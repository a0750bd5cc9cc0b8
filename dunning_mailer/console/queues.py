"""What needs a person, built from the ledger's own lists (the same ones `status --json` shows)."""
from __future__ import annotations


def needs_you(ledger, config, now) -> list[dict]:
    """Every item waiting for a person, oldest first."""
    return [{"customer_id": w["customer_id"], "reason": w["reason"], "reply_id": w["reply_id"],
             "when": w["received_at"], "kind": "reply", "text": w.get("subject") or "", "actions": []}
            for w in ledger.waiting_for_a_person()]
