"""Rendering ahead of sending, in a forked process.

Sending is a conversation: most of a cycle's wall time is spent waiting for the SMTP server's
answers, and the rest is rendering (three Jinja templates and a MIME message per email) and the
ledger. A thread cannot overlap rendering with the waiting (the GIL serialises the Python), so
the emails are rendered by a child process forked for the cycle, which pickles each one down a
pipe while the parent records and sends the ones before it. The child does no I/O besides
reading templates: the ledger, the SMTP connection and every decision stay in the parent, in the
same order as without it.

Where there is no fork (or other threads run, which a fork could leave holding a lock), the
emails are rendered in line, one at a time.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import threading
import traceback
from collections import deque
from contextlib import contextmanager, nullcontext
from typing import Iterator

from .model import DunningError

PIPE_BYTES = 1 << 20   # about 50 emails of 20 KB in the pipe
AHEAD = 400            # emails rendered ahead at most (~8 MB in the parent)
CHILD_NICENESS = 10


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def rendered_ahead(items: Iterator, *, fork: bool | None = None):
    """Iterate `items` (a generator that only renders) ahead of the caller, in a child process
    when possible. A context manager: leaving it stops the child."""
    if fork is None:
        fork = can_fork()
    return _in_child(items) if fork else nullcontext(items)


@contextmanager
def _in_child(items: Iterator) -> Iterator["FromChild"]:
    r, w = os.pipe()
    try:
        import fcntl

        fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # a smaller pipe: the parent drains it more often, same result
    pid = os.fork()
    if pid == 0:  # the child: render, write, exit without running the parent's clean-ups
        os._exit(_render_into(w, r, items))
    os.close(w)
    emails = FromChild(r)
    try:
        yield emails
    finally:
        os.close(r)  # a child still writing gets EPIPE and leaves
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)


class FromChild:
    """The parent's end of the pipe: length-prefixed pickles, read into memory by `drain()`
    without ever waiting (the caller runs it while the SMTP server works on a message) and by
    iteration, which waits only when nothing is ready. The child thus stays up to AHEAD emails
    ahead although a pipe holds about fifty, and no thread competes with the sending one."""

    def __init__(self, fd: int):
        self.fd = fd
        os.set_blocking(fd, False)
        self.buffer = bytearray()
        self.ready: deque = deque()
        self.ended = False

    def drain(self) -> None:
        while len(self.ready) < AHEAD and not self.ended:
            try:
                chunk = os.read(self.fd, PIPE_BYTES)
            except BlockingIOError:
                return
            if not chunk:
                self.ended = True
                return
            self.buffer += chunk
            view, at = memoryview(self.buffer), 0
            while len(view) - at >= 4:
                size = int.from_bytes(view[at:at + 4], "big")
                if len(view) - at - 4 < size:
                    break
                self.ready.append(pickle.loads(view[at + 4:at + 4 + size]))
                at += 4 + size
            view.release()
            del self.buffer[:at]

    def __iter__(self) -> Iterator:
        while True:
            if not self.ready:
                if self.ended:
                    raise DunningError("the rendering process stopped before its last email")
                select.select([self.fd], [], [])
                self.drain()
                continue
            kind, item = self.ready.popleft()
            if kind == "done":
                return
            if kind == "error":
                raise DunningError(f"rendering the emails failed: {item}")
            yield item


def _frame(message) -> bytes:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(4, "big") + data


def _render_into(w: int, r: int, items: Iterator) -> int:
    try:
        os.close(r)
        try:
            # Background work: the SMTP conversation (the parent, and a local server) goes first,
            # rendering takes the CPU they leave.
            os.nice(CHILD_NICENESS)
        except OSError:
            pass
        # The parent's files stay the parent's: the run lock, the ledger, the SMTP socket.
        os.closerange(3, w)
        os.closerange(w + 1, max(w + 2, os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 4096))
        with os.fdopen(w, "wb") as out:
            try:
                for item in items:
                    out.write(_frame(("item", item)))
                    out.flush()
            except BrokenPipeError:
                raise
            except Exception as e:  # noqa: BLE001 - a bug in rendering is reported by the parent
                out.write(_frame(("error", f"{type(e).__name__}: {e}")))
                os.write(2, traceback.format_exc().encode(errors="replace"))  # fd 2: sys.stderr may be gone
                return 1
            out.write(_frame(("done", None)))
        return 0
    except BrokenPipeError:  # the parent stopped reading: nothing more is wanted
        return 0
    except BaseException:  # noqa: BLE001 - never return into the parent's code
        return 1
