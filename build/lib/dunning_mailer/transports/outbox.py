"""The `outbox` transport: each email becomes an .eml file, plus an .html to open in a browser."""
from __future__ import annotations

import email
import email.policy
import hashlib
import logging
import os
import re
from pathlib import Path

from . import SendError, SendResult

log = logging.getLogger(__name__)


class OutboxTransport:
    name = "outbox"

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def __enter__(self) -> "OutboxTransport":
        self.folder.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc) -> None:
        pass

    def path_for(self, label: str) -> Path:
        return eml_path(self.folder, label)

    def send(self, raw: bytes, *, sender: str, recipients: tuple[str, ...], label: str,
             before_data=None, while_data=None) -> SendResult:
        if before_data is not None:
            before_data()
        # Same label -> same file: a recovered re-send replaces, never adds.
        path = self.path_for(label)
        try:
            _write_atomic(path, raw)
        except OSError as e:
            # A full disk or a folder we may not write to stops every email alike: the row goes
            # back to wait, and the next cycle tries again.
            raise SendError(f"the outbox folder {self.folder} could not be written ({e.strerror or e})",
                            stop_queue=True) from None
        if while_data is not None:
            while_data()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        html = message.get_body(preferencelist=("html",))
        if html is not None:
            try:
                _write_atomic(path.with_suffix(".html"), html.get_content().encode("utf-8"))
            except OSError as e:  # the .eml is written: the email counts as sent
                log.warning("%s: the browser copy could not be written (%s)", path, e.strerror or e)
        return SendResult()


# File systems allow 255 bytes in a name; `.{name}.tmp` and `.html` must fit as well.
_NAME_BYTES = 200


def eml_path(folder: Path, label: str) -> Path:
    """Where the email called `label` is written: the same label, the same file. A label too long
    for a file name (a customer id of hundreds of characters) is cut, and a digest of the
    whole label keeps two such names apart."""
    safe = re.sub(r"[^\w.@+-]+", "_", label, flags=re.UNICODE).strip("._") or "email"
    if len(safe.encode("utf-8")) > _NAME_BYTES:
        digest = hashlib.sha256(label.encode("utf-8")).hexdigest()[:16]
        cut = safe.encode("utf-8")[:_NAME_BYTES - len(digest) - 1].decode("utf-8", "ignore")
        safe = f"{cut}_{digest}"
    return Path(folder) / f"{safe}.eml"


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
