"""What wakes the office worker between its rounds, per business: its IMAP inbox (IDLE) and its
drop folder. Each business's mailbox is watched by a thread of its own, so a mailbox that is
down, refuses the password or hangs holds up only its own watch; the worker polls that inbox on
schedule meanwhile, as the single-business worker does without IDLE.

The watches live in a child process of the worker (MailWatcher), which tells it down a pipe which
business has mail: the worker itself keeps a single thread, so each cycle can still fork the
child that renders emails ahead of sending (prerender.py forks only a single-threaded process)."""
from __future__ import annotations

import errno
import logging
import os
import select
import signal
import threading
import time
from typing import Callable

from ..config import Config
from ..cycle import drop_signature

log = logging.getLogger(__name__)

IDLE_SPAN_S = 300.0     # one idle_wait (the mailbox renews IDLE inside it)
RETRY_FIRST_S = 5.0     # a watch that failed is tried again after this, doubling …
RETRY_MOST_S = 600.0    # … up to this


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


class MailWatcher:
    """Every IMAP business's IDLE watch, in one child process; `wait(t)` gives the businesses
    whose mail came, waiting at most t seconds (less when `interrupt()` is called, e.g. by a
    signal handler). The child reloads the office's configs itself, ends with SIGTERM/SIGINT,
    and ends when the worker is gone (even killed with SIGKILL)."""

    def __init__(self, office, only: str | None = None):
        self.office, self.only = office, only
        self.pid: int | None = None
        self.fd: int | None = None
        self.buffer = b""
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_r, False)
        os.set_blocking(self.wake_w, False)

    @property
    def running(self) -> bool:
        return self.pid is not None

    def start(self) -> None:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: only the watches
            os.close(r)
            code = 0
            try:
                _watch_office(self.office, self.only, w)
            except BaseException:  # noqa: BLE001 - never back into the worker's own code
                log.exception("the IMAP watches stopped")
                code = 1
            finally:
                os._exit(code)
        os.close(w)
        os.set_blocking(r, False)
        self.pid, self.fd = pid, r

    def interrupt(self) -> None:
        try:
            os.write(self.wake_w, b"x")
        except OSError:  # full: it is awake already
            pass

    def wait(self, timeout: float) -> set[str]:
        fds = [self.wake_r] + ([self.fd] if self.fd is not None else [])
        try:
            ready, _, _ = select.select(fds, [], [], max(0.0, timeout))
        except InterruptedError:
            ready = []
        if self.wake_r in ready:
            _drain(self.wake_r)
        keys: set[str] = set()
        if self.fd is not None and self.fd in ready:
            data = _drain(self.fd)
            if not data:  # the child is gone: the schedule polls every inbox until it is back
                self._reap()
            self.buffer += data
            *lines, self.buffer = self.buffer.split(b"\n")
            keys = {line.decode("utf-8", "replace") for line in lines if line}
        return keys

    def _reap(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
        if self.pid is not None:
            try:
                os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                pass
        self.pid = self.fd = None

    def stop(self, timeout: float = 3.0) -> None:
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                done, _ = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                break
            if done:
                break
            time.sleep(0.05)
        else:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        if self.fd is not None:
            os.close(self.fd)
        self.pid = self.fd = None


def _drain(fd: int) -> bytes:
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except BlockingIOError:
            return out
        except OSError as e:
            if e.errno == errno.EINTR:
                continue
            return out
        if not chunk:
            return out
        out += chunk


def _watch_office(office, only: str | None, out: int, reload_s: float = 60.0) -> None:
    """The child's life: one MailWatch per IMAP business, the configs read again every
    `reload_s`, until a signal or the worker's end."""
    from ..model import DunningError

    parent = os.getppid()
    halt = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: halt.set())
    write = threading.Lock()

    def on_mail(key: str) -> None:
        with write:
            try:
                os.write(out, key.encode("utf-8") + b"\n")
            except OSError:  # the worker is gone
                halt.set()

    watches: dict[str, MailWatch] = {}
    loaded = 0.0
    try:
        while not halt.is_set() and os.getppid() == parent:
            if time.monotonic() - loaded >= reload_s or not loaded:
                loaded = time.monotonic()
                try:
                    found = office.configs(only)
                except Exception:  # noqa: BLE001 - the worker says what is wrong with the config
                    found = []
                configs = {k: c for k, c in found if not isinstance(c, DunningError)}
                for key, watch in list(watches.items()):
                    config = configs.get(key)
                    if config is None or config.mailbox != watch.config.mailbox or not watch.is_alive():
                        watch.stop()
                        del watches[key]
                for key, config in configs.items():
                    if key not in watches and config.mailbox.kind == "imap":
                        watches[key] = MailWatch(key, config, on_mail)
                        watches[key].start()
                        log.debug("%s: watching %s at %s (IMAP IDLE)", key, config.mailbox.folder,
                                  config.mailbox.host)
            halt.wait(0.5)
    finally:
        for watch in watches.values():
            watch.stop()
        for watch in watches.values():
            watch.join(timeout=2)


def _open_imap(config: Config):
    from ..cycle import open_edges
    return open_edges(config)[1]
