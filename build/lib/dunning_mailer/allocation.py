"""Bulk work without the cyclic garbage collector.

Reading a 100k-row file and writing it to the ledger allocate millions of small
objects that form no reference cycles (reference counting frees them). Each
collection the allocations trigger walks every object alive, all the rows read
so far among them: a third of a 100k-row import went there.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """No cyclic collection inside the block; the collector's state is restored after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
