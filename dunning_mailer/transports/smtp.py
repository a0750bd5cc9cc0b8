"""The `smtp` transport: one connection per cycle, `none` / `starttls` / `ssl`."""
from __future__ import annotations

import smtplib
import socket
import ssl

from . import SendError, SendResult

# Answers after which nothing else should be tried this cycle.
_STOP_CODES = {421, 530, 534, 535}


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

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        host, port = s.host, s.effective_port
        try:
            if s.security == "ssl":
                conn = smtplib.SMTP_SSL(host, port, timeout=s.timeout, context=ssl.create_default_context())
            else:
                conn = smtplib.SMTP(host, port, timeout=s.timeout)
                if s.security == "starttls":
                    conn.starttls(context=ssl.create_default_context())
            if s.username:
                if not self._password:
                    conn.close()
                    raise SendError(f"no SMTP password for {s.username}: set DUNNING_MAILER_SMTP_PASSWORD "
                                    f"or run `dunning-mailer set-password smtp`", transient=False, stop_queue=True)
                conn.login(s.username, self._password)
        except smtplib.SMTPAuthenticationError as e:
            raise SendError(f"the SMTP server {host}:{port} refused the login for {s.username} "
                            f"({e.smtp_code})", transient=False, stop_queue=True) from None
        except (OSError, smtplib.SMTPException) as e:
            raise SendError(f"cannot reach the SMTP server {host}:{port}: {type(e).__name__}: "
                            f"{_safe(e)}", stop_queue=True) from None
        return conn

    def send(self, raw: bytes, *, sender: str, recipients: tuple[str, ...], label: str) -> SendResult:
        if self._conn is None:
            self._conn = self._connect()
        try:
            refused = self._conn.sendmail(sender, list(recipients), raw)
        except smtplib.SMTPRecipientsRefused as e:
            answers = {addr: f"{code} {msg.decode(errors='replace')}" for addr, (code, msg) in e.recipients.items()}
            codes = {code for code, _ in e.recipients.values()}
            if all(c >= 500 for c in codes):
                raise SendError(f"every recipient was refused: {answers}", transient=False) from None
            raise SendError(f"recipients refused for now: {answers}") from None
        except smtplib.SMTPResponseException as e:
            self.close()
            raise SendError(f"the SMTP server answered {e.smtp_code} {_safe(e.smtp_error)}",
                            transient=e.smtp_code < 500 or e.smtp_code in _STOP_CODES,
                            stop_queue=e.smtp_code in _STOP_CODES) from None
        except (smtplib.SMTPServerDisconnected, OSError, socket.timeout) as e:
            self._conn = None
            raise SendError(f"the SMTP connection dropped: {type(e).__name__}", stop_queue=True) from None
        return SendResult({a: f"{c} {m.decode(errors='replace')}" for a, (c, m) in refused.items()})


def _safe(e) -> str:
    text = e.decode(errors="replace") if isinstance(e, bytes) else str(e)
    return " ".join(text.split())[:200]
