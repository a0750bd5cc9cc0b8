"""An aiosmtpd handler that records every message and every connection."""
from __future__ import annotations

import email
import email.policy
import threading


class Sink:
    def __init__(self):
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.sessions: set[int] = set()
        self.lock = threading.Lock()
        self.port = 0

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.sessions.add(session.peer)
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"

    def parsed(self):
        return [email.message_from_bytes(raw, policy=email.policy.default) for _, _, raw in self.messages]
