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
import signal
import threading
import traceback
from contextlib import contextmanager, nullcontext
from typing import Iterator

from .model import DunningError

PIPE_BYTES = 1 << 20
CHILD_NICENESS = 10  # about 50 emails of 20 KB rendered ahead: one batch of intents


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def rendered_ahead(items: Iterator, *, fork: bool | None = None):
    """Iterate `items` (a generator that only renders) ahead of the caller, in a child process
    when possible. A context manager: leaving it stops the child."""
    if fork is None:
        fork = can_fork()
    return _in_child(items) if fork else nullcontext(items)


@contextmanager
def _in_child(items: Iterator) -> Iterator[Iterator]:
    r, w = os.pipe()
    try:
        import fcntl

        fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # a smaller pipe: fewer emails ahead, same result
    pid = os.fork()
    if pid == 0:  # the child: render, write, exit without running the parent's clean-ups
        os._exit(_render_into(w, r, items))
    os.close(w)
    src = os.fdopen(r, "rb")

    def received():
        while True:
            try:
                kind, item = pickle.load(src)
            except EOFError:
                raise DunningError("the rendering process stopped before its last email") from None
            if kind == "done":
                return
            if kind == "error":
                raise DunningError(f"rendering the emails failed: {item}")
            yield item

    try:
        yield received()
    finally:
        src.close()  # a child still writing gets EPIPE and leaves
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)


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
                    pickle.dump(("item", item), out, protocol=pickle.HIGHEST_PROTOCOL)
            except BrokenPipeError:
                raise
            except Exception as e:  # noqa: BLE001 - a bug in rendering is reported by the parent
                pickle.dump(("error", f"{type(e).__name__}: {e}"), out)
                os.write(2, traceback.format_exc().encode(errors="replace"))  # fd 2: sys.stderr may be gone
                return 1
            pickle.dump(("done", None), out)
        return 0
    except BrokenPipeError:  # the parent stopped reading: nothing more is wanted
        return 0
    except BaseException:  # noqa: BLE001 - never return into the parent's code
        return 1
