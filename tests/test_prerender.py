"""Rendering ahead in a forked child: same emails, same order, errors surface, nothing leaks."""
from __future__ import annotations

import os

import pytest

from dunning_mailer.model import DunningError
from dunning_mailer.prerender import rendered_ahead

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system: rendering runs in line")


def emails(n: int):
    for i in range(n):
        yield {"n": i, "pid": os.getpid(), "raw": b"x" * 20_000}  # as big as a real email


def test_the_child_yields_every_item_in_order_from_another_process():
    with rendered_ahead(emails(300), fork=True) as got:
        items = list(got)
    assert [i["n"] for i in items] == list(range(300))
    assert {i["pid"] for i in items} != {os.getpid()}
    with rendered_ahead(emails(3), fork=False) as got:
        assert [i["pid"] for i in got] == [os.getpid()] * 3


def test_a_failure_in_the_child_is_raised_in_the_parent_after_what_came_before():
    def broken():
        yield 1
        raise ValueError("bad template context")

    got = []
    with pytest.raises(DunningError, match="ValueError: bad template context"):
        with rendered_ahead(broken(), fork=True) as items:
            for item in items:
                got.append(item)
    assert got == [1]


def test_leaving_early_stops_the_child(tmp_path):
    def endless():
        i = 0
        while True:
            i += 1
            yield os.getpid(), i

    with rendered_ahead(endless(), fork=True) as items:
        child_pid, _ = next(iter(items))
    with pytest.raises(ChildProcessError):
        os.waitpid(child_pid, os.WNOHANG)  # already reaped: no zombie left behind


def test_the_child_closes_the_parents_files(tmp_path):
    """The run lock, the ledger and the SMTP socket stay the parent's alone."""
    fd = os.open(tmp_path / "lock", os.O_CREAT | os.O_RDWR)

    def probe():
        try:
            os.fstat(fd)
            yield "open"
        except OSError:
            yield "closed"

    try:
        with rendered_ahead(probe(), fork=True) as items:
            assert list(items) == ["closed"]
        os.fstat(fd)  # still open here
    finally:
        os.close(fd)


def test_a_child_that_dies_midway_is_an_error_not_a_short_cycle():
    def dying():
        yield 1
        yield 2
        os._exit(3)  # as the OOM killer would

    got = []
    with pytest.raises(DunningError, match="stopped before its last email"):
        with rendered_ahead(dying(), fork=True) as items:
            for item in items:
                got.append(item)
    assert got == [1, 2]


def test_drain_reads_what_is_ready_without_waiting():
    import time

    def slow():
        yield "first"
        time.sleep(30)  # never reached in time: the parent leaves first
        yield "late"

    with rendered_ahead(slow(), fork=True) as items:
        deadline = time.monotonic() + 10
        while not items.ready and time.monotonic() < deadline:
            items.drain()  # returns at once when the pipe is empty
            time.sleep(0.01)
        started = time.monotonic()
        items.drain()
        assert time.monotonic() - started < 0.5
        assert next(iter(items)) == "first"
