"""The cycle: where edges meet the core. Its rooms follow one run:

- ``imports``   the drop folder: which files wait, their dates, reading them into the ledger
- ``inbox``     the mailbox: each new message read, matched, stored once and acted on
- ``payments``  new bank credits matched to open invoices; "I paid" checked against them
- ``templates`` the template folders and the lint that must pass before sending
- ``sending``   recovery of emails in doubt, the planned emails in recorded batches, throttle, backoff
- ``digest``    the daily email to the business
- ``run``       run_once, the run lock, the configured edges: one guarded cycle
"""
from .checkpoints import checkpoint
from .digest import send_digest
from .imports import FRESH_SECONDS, drop_signature, dropped_files, import_files, snapshot_time
from .inbox import MessageReader, act_on_reply, read_mailbox, relabel
from .payments import settle_payments
from .report import CycleReport, FileOutcome, SentEmail
from .run import locked_cycle, make_plan, open_edges, run_lock, run_once
from .sending import (FIRST_BATCH, INTENT_BATCH, Outgoing, Sender, Throttle, new_message_id, recover_unsent,
                      rendered_emails, retry_delay, send_batch, send_planned)
from .templates import Templates, remember_templates_ok, template_errors, templates_fingerprint

__all__ = ["CycleReport", "FileOutcome", "FRESH_SECONDS", "FIRST_BATCH", "INTENT_BATCH", "MessageReader", "Outgoing", "SentEmail",
           "Sender", "Templates", "Throttle", "act_on_reply", "checkpoint", "drop_signature", "dropped_files", "import_files",
           "locked_cycle", "make_plan", "new_message_id", "open_edges", "read_mailbox", "recover_unsent", "relabel",
           "remember_templates_ok", "rendered_emails", "retry_delay", "run_lock", "run_once", "send_batch",
           "send_digest", "send_planned", "settle_payments", "snapshot_time", "template_errors", "templates_fingerprint"]
