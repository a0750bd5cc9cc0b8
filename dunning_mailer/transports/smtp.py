"""The `smtp` transport: one connection per cycle, `none` / `starttls` / `ssl`, password or XOAUTH2."""
from __future__ import annotations

import base64
import re
import smtplib
import socket
import ssl

from . import SendError, SendResult

_LEADING_DOT = re.compile(rb"(?m)^\.")
# A plain address (dot-atoms on both sides of the @, RFC 5322 3.2.3): what smtplib.quoteaddr
# makes of it is "<address>", without the full parse it spends on each envelope address.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                            r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*")


def quoted(address: str) -> str:
    """smtplib.quoteaddr(address), at once for a plain address."""
    if _PLAIN_ADDRESS.fullmatch(address):
        return f"<{address}>"
    return smtplib.quoteaddr(address)


class _Envelope:
    """smtplib.SMTP, plus two call-backs: one right after MAIL FROM is written, one right after
    the message is written, each before the server's answer is read, so the caller's bookkeeping
    overlaps the server's work."""

    before_data = None
    while_data = None

    def mail(self, sender, options=()):
        """smtplib's MAIL, its envelope address quoted without a parse when it is plain."""
        if options:
            return super().mail(sender, options)
        self.putcmd("mail", f"FROM:{quoted(sender)}")
        return self.getreply()

    def rcpt(self, recip, options=()):
        if options:
            return super().rcpt(recip, options)
        self.putcmd("rcpt", f"TO:{quoted(recip)}")
        return self.getreply()

    def putcmd(self, cmd, args=""):
        super().putcmd(cmd, args)
        if cmd == "mail" and self.before_data is not None:
            self.before_data()

    def data(self, msg):
        """smtplib's DATA, with the dot-stuffing (RFC 5321 4.5.2) done only when a line starts with
        a dot: base64 bodies never do, and the regex over every message cost more than the rest of
        the client's work."""
        if not isinstance(msg, bytes):
            return super().data(msg)
        if msg.startswith(b".") or b"\n." in msg:
            msg = _LEADING_DOT.sub(b"..", msg)
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        self.send(msg + (b".\r\n" if msg.endswith(b"\r\n") else b"\r\n.\r\n"))
        if self.while_data is not None:
            self.while_data()
        return self.getreply()


class _SMTP(_Envelope, smtplib.SMTP):
    pass


class _SMTP_SSL(_Envelope, smtplib.SMTP_SSL):
    pass


# Answers after which nothing else should be tried this cycle: throttling, auth, quota.
_STOP_CODES = {421, 454, 530, 534, 535}
_QUOTA_MARKERS = ("5.4.5", "4.7.0", "quota", "rate limit", "too many")


class SmtpTransport:
    name = "smtp"

    def __init__(self, settings, password: str | None):
        self.settings = settings
        self._password = password
        self._conn: smtplib.SMTP | None = None

    def __enter__(self) -> "SmtpTransport":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.quit()
            except (smtplib.SMTPException, OSError):
                self._conn.close()
            self._conn = None

    def check_login(self) -> None:
        """Connect and log in, then leave (`doctor`, `set-password`); a SendError says what failed."""
        self.close()
        self._conn = self._connect()
        self.close()

    def _token(self) -> str:
        from ..credentials import oauth2_token
        from ..model import DunningError

        try:
            return oauth2_token(self.settings.oauth2_token_command, key="transport.oauth2_token_command")
        except DunningError as e:
            raise SendError(str(e), transient=False, stop_queue=True) from None

    def _login(self, conn: smtplib.SMTP) -> None:
        s = self.settings
        if s.oauth2_token_command:
            token = self._token()
            blob = f"user={s.username}\x01auth=Bearer {token}\x01\x01"
            code, _ = conn.docmd("AUTH", "XOAUTH2 " + base64.b64encode(blob.encode()).decode())
            if code != 235:
                raise smtplib.SMTPAuthenticationError(code, b"XOAUTH2 refused")
            return
        if not self._password:
            raise SendError(f"no SMTP password for {s.username}: set DUNNING_MAILER_SMTP_PASSWORD "
                            f"or run `dunning-mailer set-password smtp`", transient=False, stop_queue=True)
        conn.ehlo_or_helo_if_needed()
        if "PLAIN" in conn.esmtp_features.get("auth", "").upper().split():
            # smtplib encodes credentials as ASCII; RFC 4616 allows UTF-8, and people use it.
            blob = f"\0{s.username}\0{self._password}".encode("utf-8")
            code, _ = conn.docmd("AUTH", "PLAIN " + base64.b64encode(blob).decode("ascii"))
            if code not in (235, 503):
                raise smtplib.SMTPAuthenticationError(code, b"PLAIN refused")
            return
        conn.login(s.username, self._password)

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        host, port = s.host, s.effective_port
        conn = None
        try:
            if s.security == "ssl":
                conn = _SMTP_SSL(host, port, timeout=s.timeout, context=ssl.create_default_context())
            else:
                conn = _SMTP(host, port, timeout=s.timeout)
                if s.security == "starttls":
                    conn.starttls(context=ssl.create_default_context())
            if s.username:
                self._login(conn)
        except smtplib.SMTPAuthenticationError as e:
            _close_quietly(conn)
            raise SendError(f"the SMTP server {host}:{port} refused the login for {s.username} "
                            f"({e.smtp_code}); check the password or token", transient=True,
                            stop_queue=True) from None
        except SendError:
            _close_quietly(conn)
            raise
        except (OSError, smtplib.SMTPException) as e:
            _close_quietly(conn)
            raise SendError(f"cannot reach the SMTP server {host}:{port}: {type(e).__name__}: "
                            f"{_safe(e)}", stop_queue=True) from None
        return conn

    def send(self, raw: bytes, *, sender: str, recipients: tuple[str, ...], label: str,
             before_data=None, while_data=None) -> SendResult:
        pending = [before_data] if before_data is not None else []

        def once():
            if pending:
                pending.pop()()

        try:
            return self._send(raw, sender, recipients, once, while_data)
        finally:
            if self._conn is not None:
                self._conn.before_data = self._conn.while_data = None
            once()  # the conversation ended before MAIL FROM: still exactly once

    def _send(self, raw: bytes, sender: str, recipients: tuple[str, ...], before_data, while_data) -> SendResult:
        if self._conn is None:
            self._conn = self._connect()
        try:
            self._conn.before_data, self._conn.while_data = before_data, while_data
            refused = self._conn.sendmail(sender, list(recipients), raw)
        except smtplib.SMTPRecipientsRefused as e:
            answers = {addr: f"{code} {_safe(msg)}" for addr, (code, msg) in e.recipients.items()}
            bad = tuple(addr for addr, (code, _) in e.recipients.items() if code >= 500)
            stop = any(code in _STOP_CODES for code, _ in e.recipients.values())
            if stop:
                self._drop()
            raise SendError(f"every recipient was refused: {answers}",
                            transient=len(bad) < len(recipients), stop_queue=stop, bad_recipients=bad) from None
        except smtplib.SMTPResponseException as e:
            text = _safe(e.smtp_error)
            stop = e.smtp_code in _STOP_CODES or any(m in text.lower() for m in _QUOTA_MARKERS)
            self._drop() if e.smtp_code == 421 else self._reset()
            raise SendError(f"the SMTP server answered {e.smtp_code} {text}",
                            transient=e.smtp_code < 500 or stop, stop_queue=stop) from None
        except (smtplib.SMTPServerDisconnected, OSError, socket.timeout) as e:
            # Whether the message went is unknown (RFC 1047): the row stays pending and is
            # re-sent as the same bytes with the same Message-ID.
            self._drop()
            raise SendError(f"the SMTP connection dropped: {type(e).__name__}") from None
        return SendResult({a: f"{c} {_safe(m)}" for a, (c, m) in refused.items()})

    def _drop(self) -> None:
        _close_quietly(self._conn)
        self._conn = None

    def _reset(self) -> None:
        try:
            self._conn.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()


def _close_quietly(conn) -> None:
    if conn is not None:
        try:
            conn.close()
        except OSError:
            pass


def _safe(e) -> str:
    text = e.decode(errors="replace") if isinstance(e, bytes) else str(e)
    return " ".join(text.split())[:200]
