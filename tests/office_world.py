"""A generated office for the tests and bench/office.py: businesses with exports, each with a
local aiosmtpd sink (or a share of a few) and a Maildir; workers started, killed and counted."""
from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from books import many_customers, write_xlsx
from smtp_sink import Sink

ALWAYS = ('[calendar]\nworkdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]\n'
          'send_window = ["00:00", "23:59"]\nholidays = "none"\n'
          '[worker]\ncycle_minutes = 60\ninbox_minutes = 60\ndrop_seconds = 1\n')


class SlowSink(Sink):
    """A sink that takes `delay` seconds over each message, as a real server does."""

    def __init__(self, delay: float = 0.0):
        super().__init__()
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sink(delay: float = 0.0) -> SlowSink:
    from aiosmtpd.controller import Controller

    s = SlowSink(delay)
    s.port = free_port()
    s.controller = Controller(s, hostname="127.0.0.1", port=s.port)
    s.controller.start()
    return s


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dunning_mailer", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


def make_office(folder: Path, database: str | None, businesses: int, customers: int, sinks: list) -> dict:
    """The office on disk: business bNN sends through sinks[NN % len(sinks)]; the expected
    recipients per sender address."""
    args = ["office", "init", str(folder)] + (["--database", database] if database else [])
    assert cli(*args).returncode == 0
    today = dt.date.today()
    expected = {}
    for i in range(businesses):
        key = f"b{i:02d}"
        done = cli("office", "add", key, "--office", str(folder))
        assert done.returncode == 0, done.stderr
        config = folder / key / "config.toml"
        text = config.read_text(encoding="utf-8").replace("billing@example.co.il", f"billing@{key}.example", 1)
        port = sinks[i % len(sinks)].port
        config.write_text(text + f'\n[transport]\nkind = "smtp"\nhost = "127.0.0.1"\nport = {port}\n'
                                 f'security = "none"\ntimeout = 10\n' + ALWAYS, encoding="utf-8")
        rows = many_customers(today, customers)
        write_xlsx(folder / key / "drop" / f"open-{today.isoformat()}.xlsx", rows)
        expected[f"billing@{key}.example"] = {r.email for r in rows}
    prelint(folder)
    return expected


def prelint(folder: Path) -> None:
    """`templates check` as a user runs it after editing templates, so the first cycle does not
    lint them again: once for real (they must pass), then, as every business has the same files
    and texts but its address, its clean verdict recorded for each of the others."""
    from dunning_mailer.config import load
    from dunning_mailer.cycle import remember_templates_ok
    from dunning_mailer.ledger import open_ledger

    keys = sorted(p.parent.name for p in folder.glob("*/config.toml"))
    done = cli("templates", "check", "--office", str(folder), "--business", keys[0])
    assert done.returncode == 0, done.stdout + done.stderr
    for key in keys[1:]:
        config = load(folder / key / "config.toml")
        open_ledger(config).close()
        remember_templates_ok(config, [config.paths.templates.parent / lang for lang in ("he", "en")])


def start_worker(office: Path, log: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dunning_mailer", "worker", "--office", str(office), "-vv"],
                            stdout=subprocess.DEVNULL, stderr=open(log, "a"), env=env or dict(os.environ))


@dataclass
class Outcome:
    seconds: float
    kills: int = 0
    deaths: dict = field(default_factory=dict)
    logs: list = field(default_factory=list)


def run_workers(office: Path, sinks: list, total: int, workers: int, logs_dir: Path, *, kills: int = 0,
                rng: random.Random | None = None, timeout: float = 600) -> Outcome:
    """`workers` workers until `total` messages arrived and nothing more comes; with `kills`,
    a random worker is SIGKILLed that many times, each after at least one more message arrived
    since the last kill and a random moment later, and started again at once."""
    rng = rng or random.Random(20)
    received = lambda: sum(len(s.messages) for s in sinks)
    logs = [logs_dir / f"worker{i}.log" for i in range(workers)]
    started = time.monotonic()
    procs = [start_worker(office, log) for log in logs]
    out = Outcome(0.0, logs=logs)
    last_kill_at = received()
    try:
        while time.monotonic() - started < timeout:
            now = received()
            if out.kills < kills and now < total and now > last_kill_at:
                time.sleep(rng.uniform(0.0, 0.2))
                i = rng.randrange(workers)
                procs[i].send_signal(signal.SIGKILL)
                procs[i].wait()
                out.deaths[procs[i].pid] = time.time()
                out.kills += 1
                last_kill_at = received()
                procs[i] = start_worker(office, logs[i])
                continue
            if now >= total:  # (kills stop with the sending: a kill later would hit nothing)
                out.seconds = time.monotonic() - started
                time.sleep(2)  # until nothing more comes
                if received() == now:
                    break
                continue
            time.sleep(0.02)
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(60)
            except subprocess.TimeoutExpired:
                p.kill()
    if not out.seconds:
        out.seconds = time.monotonic() - started
    return out


def delivery(sinks: list, expected: dict) -> dict:
    """What arrived against what was due: missing, different duplicates, identical repeats."""
    got: dict[str, Counter] = defaultdict(Counter)
    ids = defaultdict(set)
    for s in sinks:
        for m in s.parsed():
            sender, to = m["From"].addresses[0].addr_spec, m["To"].addresses[0].addr_spec
            got[sender][to] += 1
            ids[(sender, to)].add(m["Message-ID"])
    return {
        "missing": sum(len(want - set(got[b])) for b, want in expected.items()),
        "different_duplicates": sum(len(v) - 1 for v in ids.values()),
        "identical_repeats": sum(sum(c.values()) - len(c) for c in got.values()),
        "received": sum(sum(c.values()) for c in got.values()),
    }


def cycles_overlap(logs: list[Path], deaths: dict[int, float]) -> list[str]:
    """From the workers' own logs (-vv): any business whose cycle began while another was still
    on (a killed worker's cycle ends when it died)."""
    spans = defaultdict(list)
    opened: dict[tuple[str, int], float] = {}
    for log in logs:
        for line in log.read_text(errors="replace").splitlines():
            if "cycle of " not in line or " (" not in line:
                continue
            words = line.split("cycle of ", 1)[1].split()
            if len(words) < 5 or words[1] not in ("began", "ended"):
                continue
            key, what, at, pid = words[0], words[1], float(words[2].strip("(,")), int(words[4].strip(")"))
            if what == "began":
                opened[(key, pid)] = at
            elif (key, pid) in opened:
                spans[key].append((opened.pop((key, pid)), at))
    for (key, pid), began in opened.items():
        spans[key].append((began, deaths.get(pid, float("inf"))))
    bad = []
    for key, intervals in spans.items():
        intervals.sort()
        for (s1, e1), (s2, _) in zip(intervals, intervals[1:]):
            if s2 < e1:
                bad.append(f"{key}: a cycle began at {s2:.3f} while another ran {s1:.3f}–{e1:.3f}")
    return bad
