"""The `outbox` transport: each email becomes an .eml file, plus an .html to open in a browser."""
from __future__ import annotations

import email
import email.policy
import os
import re
from pathlib import Path

from . import SendResult


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
        _write_atomic(path, raw)
        if while_data is not None:
            while_data()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        html = message.get_body(preferencelist=("html",))
        if html is not None:
            _write_atomic(path.with_suffix(".html"), html.get_content().encode("utf-8"))
        return SendResult()


def eml_path(folder: Path, label: str) -> Path:
    """Where the email called `label` is written: the same label, the same file."""
    safe = re.sub(r"[^\w.@+-]+", "_", label, flags=re.UNICODE).strip("._") or "email"
    return Path(folder) / f"{safe}.eml"


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
