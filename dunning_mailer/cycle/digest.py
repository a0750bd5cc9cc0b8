"""The daily digest email to the business: the call list, flags, promises and approvals."""
from __future__ import annotations

import datetime as dt

from ..config import Config
from ..ledger import Ledger
from ..planner import Plan
from ..transports import SendError
from .report import CycleReport
from .sending import Sender, new_message_id



def digest_due(config: Config, ledger: Ledger, now: dt.datetime) -> bool:
    """Whether this cycle's digest goes out (inside the send window): once a day, from `digest.at`."""
    local = now.astimezone(config.tz)
    return bool(config.digest.to) and local.time() >= config.digest.at and not ledger.meta(
        f"digest:{local.date().isoformat()}")


def send_digest(config: Config, ledger: Ledger, sender: Sender, the_plan: Plan, now: dt.datetime,
                report: CycleReport) -> None:
    """Once a day, to the business: the call list, flags, promises due and approvals (C12–C17)."""
    from .. import digest, render

    local = now.astimezone(config.tz)
    key = f"digest:{local.date().isoformat()}"
    if the_plan.not_sending or not digest_due(config, ledger, now):
        return
    ctx = digest.build(ledger.status(local.date()), the_plan, ledger.awaiting_approval(),
                       ledger.unmatched_replies(), local.date(), payments=ledger.payments_to_review(),
                       waiting=ledger.waiting_for_a_person())
    ledger.set_meta(key, "nothing to report" if ctx is None else "sending")
    if ctx is None:
        return
    env = render.environment(config.paths.templates)
    parts = []
    for suffix in (".subject.txt", ".txt", ".html"):
        parts.append(env.get_template(f"business/digest{suffix}").render(ctx))
    rendered = render.RenderedEmail(" ".join(parts[0].split()), parts[1], parts[2])
    message_id = new_message_id(config, local.date(), "digest")
    raw = render.build_message(rendered, business=config.business, recipients=(config.digest.to,),
                               customer_name="", message_id=message_id, now=local)
    try:
        sender.transport.send(raw, sender=config.business.email, recipients=(config.digest.to,),
                              label=f"{local.date().isoformat()}_digest")
    except SendError as e:
        ledger.set_meta(key, "")
        report.waiting.append(f"the daily digest was not sent ({e}); next cycle")
        return
    ledger.set_meta(key, message_id)
