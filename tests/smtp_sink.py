"""aiosmtpd handlers for the tests: a sink that records everything, with faults on demand."""
from __future__ import annotations

import email
import email.policy
import threading


class Sink:
    """Records every message and every connection (by the client's address and port).

    Faults, set by the tests while the server runs:
    - `rcpt_replies`: {address: "550 5.1.1 no such user"} answers for some recipients;
    - `mail_reply`: an answer to MAIL FROM (e.g. "421 4.7.0 slow down");
    - `data_reply`: an answer to DATA instead of 250 (e.g. "451 4.3.0 try later");
    - `drop_after_data`: how many of the next messages are received but the connection is
      cut before the client hears 250 (RFC 1047: the client cannot know it arrived);
    - `on_data`: called with each message's bytes when its data has arrived, before the 250.
    """

    def __init__(self):
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.sessions: set = set()
        self.lock = threading.Lock()
        self.port = 0
        self.rcpt_replies: dict[str, str] = {}
        self.mail_reply: str | None = None
        self.data_reply: str | None = None
        self.drop_after_data = 0
        self.on_data = None

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.mail_reply:
            return self.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        answer = self.rcpt_replies.get(address.lower())
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        if self.on_data is not None:
            self.on_data(envelope.original_content)
        with self.lock:
            self.sessions.add(session.peer)
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
            if self.drop_after_data > 0:
                self.drop_after_data -= 1
                server.transport.close()
        return "250 OK"

    def parsed(self):
        return [email.message_from_bytes(raw, policy=email.policy.default) for _, _, raw in self.messages]

    def message_ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.parsed()]
