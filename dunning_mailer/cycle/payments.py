"""Each cycle, after the imports and the mailbox: new bank credits matched to the open invoices
(confident ones close them, unsure ones hold their customers for a person), and customers'
"I paid" checked against what came in."""
from __future__ import annotations

import datetime as dt
import logging

from ..config import Config
from ..ledger import Ledger
from .report import CycleReport

log = logging.getLogger(__name__)


def settle_payments(config: Config, ledger: Ledger, now: dt.datetime, report: CycleReport) -> None:
    from .. import payments

    today = now.astimezone(config.tz).date()
    credits = ledger.pending_credits() if config.payments.match else []
    if credits:
        p = config.payments
        policy = payments.MatchPolicy(amount_tolerance=p.amount_tolerance, confident=p.confident,
                                      days_before_issue=p.days_before_issue, max_candidates=p.max_review_customers)
        invoices, customers, known = ledger.payment_book()
        decisions = payments.match(credits, invoices, customers, known, today,
                                   claimed=ledger.claimed_customers(today), policy=policy)
        ledger.record_decisions(decisions, now=now)
        counts = {s: sum(1 for d in decisions if d.status == s) for s in payments.STATUSES}
        closed = [n for d in decisions if d.status == payments.MATCHED for n in d.closes]
        report.payments.append(
            f"{len(decisions)} bank credit(s): {counts['matched']} matched (closing {len(closed)} invoice(s)), "
            f"{counts['review']} for a person (`dunning-mailer payments`), {counts['unrelated']} unrelated, "
            f"{counts['unmatched']} unmatched")
        for d in decisions:
            if d.status == payments.REVIEW:
                report.waiting.append(f"bank credit #{d.credit_id} may pay {', '.join(d.candidates) or 'someone'}: "
                                      f"{'; '.join(d.reasons)} (`dunning-mailer payments confirm|reject {d.credit_id}`)")
    ledger.drop_settled_reviews(now)
    for customer_id, outcome in ledger.check_payment_claims(today, now):
        log.info("%s: their payment claim is %s", customer_id, outcome)
