"""An IMAP mailbox, read only and incremental: positions are (folder, UIDVALIDITY, last UID).

The business's own read/unread marks are never touched: the folder is selected
read-only and bodies are fetched with BODY.PEEK[]. The cycle stores each
message together with its UID in one transaction, so a crash replays at most
one message, which the ledger's Message-ID dedup absorbs.

The connection is opened on first use, not in `__enter__`: an unreachable
server then becomes "the mailbox could not be read" in the cycle's report,
and reminders still go out.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import socket
import ssl
import time
from typing import Callable, Iterator, TypeVar

from ..model import DunningError
from . import Cursor, Incoming

log = logging.getLogger(__name__)

T = TypeVar("T")

BATCH = 100
MAX_BATCH_BYTES = 20 * 1024 * 1024  # a batch of bodies held in memory at once (one big mail still goes alone)
IDLE_RENEW_S = 290.0  # re-issue IDLE before providers drop a quiet session (~10 min for some)

_APPENDUID = re.compile(rb"APPENDUID (\d+) (\d+)")


class ImapError(DunningError):
    """The IMAP server could not be reached, refused us, or dropped the connection twice."""


def _dropped_errors() -> tuple[type[BaseException], ...]:
    from imapclient.exceptions import IMAPClientAbortError
    return (IMAPClientAbortError, OSError)  # socket.error, ssl.SSLError and timeouts are OSErrors


class ImapMailbox:
    """`Mailbox` over IMAP (imapclient). Use as a context manager: it always logs out."""

    def __init__(self, settings, password: str | None, *, oauth2_token: str | None = None,
                 timeout: float = 30.0, batch: int = BATCH, max_batch_bytes: int = MAX_BATCH_BYTES,
                 ssl_context: ssl.SSLContext | None = None):
        self.settings = settings
        self.host = settings.host
        self.port = settings.port or (993 if settings.security == "ssl" else 143)
        self.security = settings.security
        self.username = settings.username
        self.folder = settings.folder or "INBOX"
        self.name = f"imap:{self.username}@{self.host}"
        self.batch = max(1, int(batch))
        self.max_batch_bytes = max_batch_bytes
        self.timeout = timeout
        self._password = password
        self._token = oauth2_token
        self._ssl_context = ssl_context
        self._client = None
        self._selected: str | None = None
        self.reconnects = 0  # for tests and logs

    def __repr__(self) -> str:  # never shows the secret
        return f"ImapMailbox({self.username}@{self.host}:{self.port}, {self.security}, folder={self.folder!r})"

    # ---- connection ------------------------------------------------------------------
    def __enter__(self) -> "ImapMailbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def where(self) -> str:
        return f"IMAP {self.host}:{self.port}"

    def _scrub(self, text: str) -> str:
        for secret in (self._password, self._token):
            if secret:
                text = text.replace(secret, "***")
        return text

    def connect(self):
        """The logged-in imapclient connection, opened if needed."""
        if self._client is not None:
            return self._client
        from imapclient import IMAPClient
        from imapclient.exceptions import IMAPClientError, LoginError

        if not self.username:
            raise ImapError("set mailbox.username in the config", where=self.where)
        if not (self._password or self._token):
            raise ImapError(f"no password for {self.username}: set DUNNING_MAILER_IMAP_PASSWORD or run "
                            "`dunning-mailer set-password imap`", where=self.where)
        if self.security == "none" and self.host not in ("localhost", "127.0.0.1", "::1"):
            log.warning("%s: mailbox.security is \"none\": the password crosses the network unencrypted",
                        self.where)
        # Loading the system's CA store costs more than the whole incremental sync: only for TLS.
        context = None if self.security == "none" else (self._ssl_context or ssl.create_default_context())
        try:
            client = IMAPClient(self.host, port=self.port, ssl=self.security == "ssl",
                                ssl_context=context if self.security == "ssl" else None,
                                timeout=self.timeout)
        except ssl.SSLError as e:
            raise self._tls_error(e) from None
        except (OSError, IMAPClientError) as e:
            raise ImapError(f"could not connect to the IMAP server: {self._scrub(_reason(e))}",
                            where=self.where) from None
        try:
            if self.security == "starttls":
                client.starttls(context)
            if self._token:
                client.oauth2_login(self.username, self._token)
            else:
                self._login(client)
        except ssl.SSLError as e:
            _quietly(client.shutdown)
            raise self._tls_error(e) from None
        except ImapError:
            _quietly(client.shutdown)
            raise
        except LoginError as e:
            _quietly(client.shutdown)
            how = "the OAuth2 token" if self._token else "the password"
            raise ImapError(f"the IMAP server refused the login of {self.username} with {how} "
                            f"({self._scrub(_reason(e))})", where=self.where) from None
        except (OSError, IMAPClientError) as e:
            _quietly(client.shutdown)
            raise ImapError(f"could not log in as {self.username}: {self._scrub(_reason(e))}",
                            where=self.where) from None
        self._client = client
        self._selected = None
        return client

    def _login(self, client) -> None:
        """LOGIN carries ASCII only (imaplib refuses anything else); a password or user name with
        other characters goes through AUTHENTICATE PLAIN, which is UTF-8 (RFC 4616)."""
        if (self._password + self.username).isascii():
            client.login(self.username, self._password)
            return
        if b"AUTH=PLAIN" not in client.capabilities():
            raise ImapError(f"the password (or user name) of {self.username} has characters beyond plain "
                            "English letters, digits and signs, and this IMAP server offers no way to send "
                            "them (no AUTH=PLAIN); use such a password, or mailbox.oauth2_token_command",
                            where=self.where)
        client.plain_login(self.username, self._password)

    def _tls_error(self, e: ssl.SSLError) -> ImapError:
        if isinstance(e, ssl.SSLCertVerificationError):
            why = f"its certificate is not trusted ({e.verify_message or e.reason})"
        else:
            why = _reason(e)
        return ImapError(f"a secure ({self.security}) connection to the IMAP server failed: {why}",
                         where=self.where)

    def close(self) -> None:
        client, self._client, self._selected = self._client, None, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # the connection may already be gone; logging out is courtesy
            _quietly(client.shutdown)

    def _drop(self) -> None:
        client, self._client, self._selected = self._client, None, None
        if client is not None:
            _quietly(client.shutdown)

    def _call(self, what: str, fn: Callable[[object], T], *, retry: bool = True) -> T:
        """Run `fn(client)`; on a dropped connection reconnect once and run it again."""
        from imapclient.exceptions import IMAPClientError

        dropped = _dropped_errors()
        for attempt in (1, 2):
            client = self.connect()
            try:
                return fn(client)
            except dropped as e:
                self._drop()
                if attempt == 2 or not retry:
                    raise ImapError(f"the connection dropped while {what}: {self._scrub(_reason(e))}",
                                    where=self.where) from None
                self.reconnects += 1
                log.info("%s: connection dropped while %s (%s); reconnecting", self.where, what, _reason(e))
            except IMAPClientError as e:
                raise ImapError(f"the server refused {what}: {self._scrub(_reason(e))}",
                                where=self.where) from None
        raise AssertionError("unreachable")

    def _status(self, client, folder: str) -> dict:
        if self._selected == folder:
            # STATUS on the selected folder answers from this session's view (Dovecot does):
            # NOOP brings the view up to date first.
            client.noop()
        return client.folder_status(folder, [b"UIDVALIDITY", b"UIDNEXT"])

    def _select(self, client, folder: str) -> dict:
        info = client.select_folder(folder, readonly=True)
        self._selected = folder
        return info

    # ---- reading -------------------------------------------------------------------------
    def fetch_new(self, cursor: Cursor) -> Iterator[Incoming]:
        """Messages after the stored position, in UID order, flags untouched."""
        folder = self.folder
        known_validity, last_uid = cursor.mailbox_position(self.name, folder)

        status = self._call(f"asking for the status of {folder}", lambda c: self._status(c, folder))
        validity = _int(status.get(b"UIDVALIDITY"))
        uidnext = _int(status.get(b"UIDNEXT"))
        if known_validity is not None and validity is not None and validity != known_validity:
            log.warning("%s: %s has a new UIDVALIDITY (%s, was %s): reading it again from the start; "
                        "messages already logged are recognised by their Message-ID",
                        self.where, folder, validity, known_validity)
            last_uid = 0
        elif validity == known_validity and uidnext is not None and uidnext <= last_uid + 1:
            return  # nothing new, and no SELECT needed

        pending = self._search_after(folder, last_uid, validity)
        if pending is None:  # UIDVALIDITY changed between STATUS and SELECT: rescan next cycle
            return
        validity, uids = pending
        while uids:
            chunk, uids = uids[:self.batch], uids[self.batch:]
            sizes = self._in_folder(folder, validity, f"fetching sizes from {folder}",
                                    lambda c: c.fetch(chunk, [b"RFC822.SIZE"]))
            if sizes is None:
                return
            for part in _by_size(chunk, {u: d.get(b"RFC822.SIZE", 0) for u, d in sizes.items()},
                                 self.max_batch_bytes):
                got = self._in_folder(folder, validity, f"fetching from {folder}",
                                      lambda c: c.fetch(part, [b"BODY.PEEK[]"]))
                if got is None:
                    return
                for uid in part:
                    raw = got.get(uid, {}).get(b"BODY[]")
                    if raw is None:  # expunged since the search
                        continue
                    yield Incoming(key=f"{folder}:{validity}:{uid}", raw=raw, folder=folder,
                                   uidvalidity=validity, uid=uid)

    def _search_after(self, folder: str, last_uid: int, validity: int | None):
        def search(client):
            info = self._select(client, folder)
            selected_validity = _int(info.get(b"UIDVALIDITY"))
            # `UID n:*` always matches the highest UID, even when it is below n: filter.
            found = client.search(["UID", f"{last_uid + 1}:*"])
            return selected_validity, sorted(u for u in found if u > last_uid)

        selected_validity, uids = self._call(f"searching {folder}", search)
        if validity is not None and selected_validity != validity:
            log.warning("%s: UIDVALIDITY of %s changed while reading; trying again next cycle", self.where, folder)
            return None
        return selected_validity, uids

    def _in_folder(self, folder: str, validity: int | None, what: str, fn: Callable[[object], T]) -> T | None:
        """`fn(client)` with `folder` selected; None when a reconnect finds a new UIDVALIDITY."""
        def run(client):
            if self._selected != folder:  # after a reconnect
                info = self._select(client, folder)
                if _int(info.get(b"UIDVALIDITY")) != validity:
                    return None
            return fn(client)

        got = self._call(what, run)
        if got is None:
            log.warning("%s: UIDVALIDITY of %s changed after a reconnect; trying again next cycle",
                        self.where, folder)
        return got

    # ---- the Sent folder (for the sending side) ---------------------------------------
    def find_sent_folder(self) -> str | None:
        """The configured `sent_folder`, else the SPECIAL-USE \\Sent folder (or a well-known name)."""
        if self.settings.sent_folder:
            return self.settings.sent_folder
        from imapclient.imapclient import SENT
        return self._call("looking for the Sent folder", lambda c: c.find_special_folder(SENT))

    def message_id_in_folder(self, folder: str, message_id: str) -> bool:
        """Whether a message with this Message-ID is in `folder` (e.g. already filed in Sent)."""
        def search(client):
            self._select(client, folder)
            return client.search(["HEADER", "Message-ID", message_id])
        return bool(self._call(f"searching {folder}", search))

    def append_sent(self, raw: bytes, when: dt.datetime | None = None) -> int | None:
        """File a sent message in the Sent folder, marked \\Seen; its new UID when the server says it.

        Not retried after a dropped connection: the message may already be there
        (check with `message_id_in_folder`)."""
        from imapclient import SEEN

        folder = self.find_sent_folder()
        if folder is None:
            raise ImapError("no Sent folder found: set mailbox.sent_folder in the config", where=self.where)
        answer = self._call(f"filing a copy in {folder}",
                            lambda c: c.append(folder, raw, flags=[SEEN], msg_time=when), retry=False)
        m = _APPENDUID.search(answer or b"")
        return int(m.group(2)) if m else None

    # ---- waiting --------------------------------------------------------------------------
    def idle_wait(self, timeout_s: float, *, renew_s: float = IDLE_RENEW_S) -> bool:
        """Block until the folder may have new mail (True) or `timeout_s` passes (False).

        Uses IDLE, re-issued every `renew_s`; without IDLE, polls STATUS once a minute."""
        folder = self.folder
        deadline = time.monotonic() + max(0.0, timeout_s)
        client = self.connect()
        if not client.has_capability("IDLE"):
            before = self._call("polling", lambda c: self._status(c, folder)).get(b"UIDNEXT")
            while (left := deadline - time.monotonic()) > 0:
                time.sleep(min(60.0, left))
                now = self._call("polling", lambda c: self._status(c, folder)).get(b"UIDNEXT")
                if now != before:
                    return True
            return False

        def idle(c):
            if self._selected != folder:
                self._select(c, folder)
            while (left := deadline - time.monotonic()) > 0:
                c.idle()
                try:
                    responses = c.idle_check(timeout=min(renew_s, left))
                finally:
                    _, tail = c.idle_done()  # what arrived while leaving IDLE counts too
                if any(isinstance(r, tuple) and len(r) >= 2 and r[1] in (b"EXISTS", b"RECENT")
                       for r in [*responses, *tail]):
                    return True
            return False

        return self._call("waiting for new mail", idle)


def _by_size(uids: list[int], sizes: dict[int, int], limit: int) -> Iterator[list[int]]:
    """Consecutive runs of `uids` whose sizes add up to at most `limit` (at least one UID each)."""
    part: list[int] = []
    total = 0
    for uid in uids:
        size = int(sizes.get(uid) or 0)
        if part and total + size > limit:
            yield part
            part, total = [], 0
        part.append(uid)
        total += size
    if part:
        yield part


def _int(value) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _reason(e: BaseException) -> str:
    if isinstance(e, socket.timeout):
        return "timed out"
    if isinstance(e, ConnectionRefusedError):
        return "connection refused"
    if isinstance(e, socket.gaierror):
        return f"unknown host ({e.strerror or e})"
    if isinstance(e, ssl.SSLError):
        return f"TLS failed ({e.reason or e})"
    text = str(e).strip()
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1]
    return text or type(e).__name__


def _quietly(fn: Callable[[], object]) -> None:
    try:
        fn()
    except Exception:
        pass
