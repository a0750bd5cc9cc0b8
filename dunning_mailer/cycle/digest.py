"""The daily digest email to the business: the call list, flags, promises, approvals and every
message that waits for a person. On by default once email really goes out (an SMTP transport),
to the business's own reply-to address, else its sender address."""
from __future__ import annotations

import datetime as dt

from ..config import Config
from ..ledger import Ledger
from ..planner import Plan
from ..transports import SendError
from .report import CycleReport
from .sending import Sender, new_message_id



def digest_recipient(config: Config) -> str | None:
    """Where the daily digest goes, or None when there is none: `digest.to`; else, with an SMTP
    transport, the business's reply-to address (where its replies reach a person), else its From
    address. With the outbox transport (nothing leaves the machine) only an explicit `digest.to`.
    `digest.enabled = false` turns it off."""
    d = config.digest
    if not d.enabled:
        return None
    if d.to:
        return d.to
    if config.transport.kind != "smtp":
        return None
    return config.business.reply_to or config.business.email


def console_link(config: Config) -> str:
    """`digest.console_url`, with `{business}` replaced by the business's folder name in an office
    (one `office.toml` line then links every business's digest to its own page)."""
    return config.digest.console_url.replace("{business}", config.key or "")


def digest_message_key(message_id: str) -> str:
    """The ledger meta key that marks a Message-ID as one of our digests (the inbox skips it when
    the digest lands in the mailbox the product reads)."""
    return f"digest_sent:{message_id.strip().strip('<>').lower()}"


def digest_due(config: Config, ledger: Ledger, now: dt.datetime) -> bool:
    """Whether this cycle's digest goes out (inside the send window): once a day, from `digest.at`,
    when it has a recipient (`digest_recipient`)."""
    local = now.astimezone(config.tz)
    return bool(digest_recipient(config)) and local.time() >= config.digest.at and not ledger.meta(
        f"digest:{local.date().isoformat()}")


def send_digest(config: Config, ledger: Ledger, sender: Sender, the_plan: Plan, now: dt.datetime,
                report: CycleReport) -> None:
    """Once a day, to the business: the call list, flags, promises due and approvals (C12–C17)."""
    from .. import digest, render

    local = now.astimezone(config.tz)
    key = f"digest:{local.date().isoformat()}"
    to = digest_recipient(config)
    if not to or the_plan.not_sending or not digest_due(config, ledger, now):
        return
    waiting = ledger.waiting_for_a_person()
    # Replies matched to no customer that still wait for a person (a relabelled one is done).
    unmatched = [w for w in waiting if w.get("reason_code") == "unmatched"]
    ctx = digest.build(ledger.status(local.date()), the_plan, ledger.awaiting_approval(), unmatched,
                       local.date(), payments=ledger.payments_to_review(), waiting=waiting,
                       console_url=console_link(config))
    ledger.set_meta(key, "nothing to report" if ctx is None else "sending")
    if ctx is None:
        return
    env = render.environment(config.paths.templates)
    parts = []
    for suffix in (".subject.txt", ".txt", ".html"):
        parts.append(env.get_template(f"business/digest{suffix}").render(ctx, business=config.business.name))
    rendered = render.RenderedEmail(" ".join(parts[0].split()), parts[1], parts[2])
    message_id = new_message_id(config, local.date(), "digest")
    raw = render.build_message(rendered, business=config.business, recipients=(to,),
                               customer_name="", message_id=message_id, now=local)
    ledger.set_meta(digest_message_key(message_id), local.date().isoformat())
    try:
        sender.transport.send(raw, sender=config.business.email, recipients=(to,),
                              label=f"{local.date().isoformat()}_digest")
    except SendError as e:
        ledger.set_meta(key, "")
        report.waiting.append(f"the daily digest was not sent ({e}); next cycle")
        return
    ledger.set_meta(key, message_id)
