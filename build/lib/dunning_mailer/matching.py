"""Which customer an incoming message belongs to. Pure; first hit wins.

Order: our Message-IDs in In-Reply-To/References, then invoice numbers
mentioned, then the sender's address. Replies from a colleague or an
accountant are normal, which is why the thread comes before the sender.
"""
from __future__ import annotations

from typing import Collection, Mapping


def match_customer(*, in_reply_to: Collection[str], sender: str | None, invoices: Collection[str],
                   our_message_ids: Mapping[str, str], contacts: Mapping[str, str],
                   invoice_customers: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(customer_id, how) or (None, None) when a person has to look."""
    for mid in reversed(list(in_reply_to)):
        if mid in our_message_ids:
            return our_message_ids[mid], "thread"
    owners = {invoice_customers[n] for n in invoices if n in invoice_customers}
    if len(owners) == 1:
        return owners.pop(), "invoice number"
    if sender and sender.lower() in contacts:
        return contacts[sender.lower()], "sender address"
    return None, None
