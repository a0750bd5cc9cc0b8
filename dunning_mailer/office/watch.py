"""What wakes the office worker between its rounds, per business: its IMAP inbox (IDLE) and its
drop folder. Each business's mailbox is watched by a thread of its own, so a mailbox that is
down, refuses the password or hangs holds up only its own watch; the worker polls that inbox on
schedule meanwhile, as the single-business worker does without IDLE."""
from __future__ import annotations

import logging
import threading
from typing import Callable

from ..config import Config
from ..cycle import dropped_files

log = logging.getLogger(__name__)

IDLE_SPAN_S = 300.0     # one idle_wait (the mailbox renews IDLE inside it)
RETRY_FIRST_S = 5.0     # a watch that failed is tried again after this, doubling …
RETRY_MOST_S = 600.0    # … up to this


def drop_signature(config: Config) -> set[tuple[str, int, int]]:
    """The files waiting in a business's drop folder, each as (path, size, mtime): a file that
    stays (one left for a person by the brake) keeps its signature and starts no new cycle."""
    seen = set()
    for _, path in dropped_files(config):
        try:
            st = path.stat()
        except OSError:
            continue
        seen.add((str(path), st.st_size, st.st_mtime_ns))
    return seen


class DropWatch:
    """Per business: has its drop folder gained a file, or a file changed, since the last look?"""

    def __init__(self):
        self.seen: dict[str, set] = {}

    def changed(self, key: str, config: Config) -> bool:
        now = drop_signature(config)
        before = self.seen.get(key)
        self.seen[key] = now
        return bool(now - before) if before is not None else bool(now)


class MailWatch(threading.Thread):
    """One business's IMAP inbox in IDLE on a connection of its own; `on_mail(key)` when mail may
    have come. Failures are logged once each (again when they change), and the watch is tried
    again with a growing pause; it never raises."""

    def __init__(self, key: str, config: Config, on_mail: Callable[[str], None], *,
                 open_box: Callable[[Config], object] | None = None):
        super().__init__(name=f"imap-watch-{key}", daemon=True)
        self.key, self.config, self.on_mail = key, config, on_mail
        self.open_box = open_box or _open_imap
        self.halt = threading.Event()
        self.watching = threading.Event()   # set while the folder is selected and IDLE can wake us
        self.last_failure: str | None = None

    def stop(self) -> None:
        self.halt.set()

    def run(self) -> None:
        pause = RETRY_FIRST_S
        while not self.halt.is_set():
            box = None
            try:
                box = self.open_box(self.config)
                if box is None or not hasattr(box, "idle_wait"):
                    return
                box.watch()
                self.watching.set()
                log.debug("%s: waiting for new mail in %s (IMAP IDLE)", self.key, self.config.mailbox.folder)
                if self.last_failure:
                    log.info("%s: IMAP IDLE works again", self.key)
                    self.on_mail(self.key)  # what came while it was down is read now
                self.last_failure = None
                pause = RETRY_FIRST_S
                while not self.halt.is_set():
                    if box.idle_wait(IDLE_SPAN_S, should_stop=self.halt.is_set):
                        self.on_mail(self.key)
            except Exception as e:  # noqa: BLE001 - a watch outlives any mailbox failure
                self.watching.clear()
                text = str(e) or type(e).__name__
                if text != self.last_failure:
                    log.warning("%s: IMAP IDLE stopped (%s); its inbox is polled on schedule, IDLE is "
                                "tried again", self.key, text)
                self.last_failure = text
                self.halt.wait(pause)
                pause = min(pause * 2, RETRY_MOST_S)
            finally:
                self.watching.clear()
                if box is not None:
                    try:
                        box.close()
                    except Exception:  # noqa: BLE001 - logging out is courtesy
                        pass


def _open_imap(config: Config):
    from ..cycle import open_edges
    return open_edges(config)[1]
