"""Crash points for the fault-injection tests: a killed process at a named step."""
from __future__ import annotations

import os
import signal


_CHECKPOINTS = {"n": 0, "at": int(os.environ.get("DUNNING_MAILER_CRASH_AT") or 0)}



def checkpoint(name: str) -> None:
    """Fault injection for the crash tests: DUNNING_MAILER_CRASH_AT=N (read when the program
    starts) kills the process at the N-th checkpoint, as a power cut would."""
    if not _CHECKPOINTS["at"]:
        return
    _CHECKPOINTS["n"] += 1
    if _CHECKPOINTS["n"] == _CHECKPOINTS["at"]:
        os.kill(os.getpid(), signal.SIGKILL)
