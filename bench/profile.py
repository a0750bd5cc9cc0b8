"""Profile the benchmark scenarios with py-spy (wall clock: --idle, so fsync and socket
waits count) and print the top frames.

    .venv/bin/python bench/profile.py [send|import10k|import100k|plan|idle|inbox ...]

Speedscope files go to bench/results/profiles/<scenario>.speedscope.json (open them at
https://www.speedscope.app); the summary (self and inclusive share per function) is printed
and written beside them as <scenario>.top.txt. Uses the same data and workdirs as run.py.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import run as bench  # noqa: E402

OUT = bench.RESULTS / "profiles"
PYSPY = bench.BIN / "py-spy"


def top(speedscope: Path, n: int = 15, exclude: tuple[str, int] | None = None) -> str:
    """Self and inclusive shares. `exclude=(file suffix, line)` drops the samples whose stack
    passes through that line: what the profile would look like once it is fixed."""
    doc = json.loads(speedscope.read_text())
    frames = doc["shared"]["frames"]

    def name(i):
        f = frames[i]
        file = f.get("file") or ""
        for marker in ("/site-packages/", "/lib/python3"):
            if marker in file:
                file = file.split(marker, 1)[1]
                break
        file = file.replace(str(bench.ROOT) + "/", "")
        return f"{file}:{f['name']}"

    self_c, incl, total = Counter(), Counter(), 0
    line_c = Counter()
    for prof in doc["profiles"]:
        for stack, w in zip(prof["samples"], prof["weights"]):
            if exclude and any((frames[i].get("file") or "").endswith(exclude[0])
                               and frames[i].get("line") == exclude[1] for i in stack):
                continue
            total += w
            if not stack:
                continue
            self_c[name(stack[-1])] += w
            f = frames[stack[-1]]
            line_c[f"{name(stack[-1])}:{f.get('line')}"] += w
            for fn in {name(i) for i in stack}:
                incl[fn] += w
    lines = [f"{speedscope.name}: {total:.1f} s sampled"
             + (f" (without the samples through {exclude[0]}:{exclude[1]})" if exclude else "")]
    lines.append("  self time (where the time is spent):")
    lines += [f"    {c / total:6.1%}  {fn}" for fn, c in self_c.most_common(n)]
    lines.append("  hottest lines:")
    lines += [f"    {c / total:6.1%}  {fn}" for fn, c in line_c.most_common(8)]
    lines.append("  inclusive (product code and its callers):")
    lines += [f"    {c / total:6.1%}  {fn}" for fn, c in incl.most_common(60)
              if fn.startswith(("dunning_mailer/", "bench/"))][:n]
    return "\n".join(lines)


def record(scenario: str, argv: list[str], env: dict | None = None, rate: int = 100) -> str:
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"{scenario}.speedscope.json"
    cmd = [str(PYSPY), "record", "--idle", "--subprocesses", "-r", str(rate), "--format", "speedscope",
           "-o", str(out), "--", *argv]
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - t
    if r.returncode != 0:
        print(r.stdout[-2000:], r.stderr[-3000:], file=sys.stderr)
    text = f"{scenario} ({wall:.1f} s under py-spy)\n" + top(out)
    (OUT / f"{scenario}.top.txt").write_text(text + "\n", encoding="utf-8")
    return text


def send() -> str:
    controller, sink, port = bench.start_sink()
    try:
        book = bench.gen.send_book(5000)
        w = bench.workdir("profile-send", f'[transport]\nkind = "smtp"\nhost = "127.0.0.1"\nport = {port}\n'
                                          f'security = "none"\ntimeout = 30\n')
        saved = bench.DATA / "send-ledger.sqlite3"
        if saved.exists():
            shutil.copyfile(saved, w / "dunning.sqlite3")
        else:
            shutil.copyfile(book, w / "drop" / book.name)
            bench.cli("run", "--config", w / "config.toml", "--now", bench.EVE.isoformat(), timeout=900)
        bench.cli("templates", "check", "--config", w / "config.toml")  # as in run.py
        return record("send", [str(bench.BIN / "dunning-mailer"), "run", "--config", str(w / "config.toml"),
                               "--now", bench.D.isoformat()])
    finally:
        controller.stop()


def send_import() -> str:
    book = bench.gen.send_book(5000)
    w = bench.workdir("profile-send-import")
    shutil.copyfile(book, w / "drop" / book.name)
    return record("send_import", [str(bench.BIN / "dunning-mailer"), "run", "--config", str(w / "config.toml"),
                                  "--now", bench.EVE.isoformat()])


def _import(size: str, timeout: float) -> str:
    book = bench.gen.book(size)
    w = bench.workdir(f"profile-import-{size}")
    (w / "drop" / book.name).symlink_to(book)
    return record(f"import{size}", [bench.PY, str(BENCH / "run.py"), "--child", "import", str(book), str(w),
                                    str(timeout)])


def import10k() -> str:
    text = _import("10k", 600)
    return text + "\n" + top(OUT / "import10k.speedscope.json", exclude=("sources/generic.py", 281))


def import100k() -> str:
    """The 100k import child with the reader skipped (seeded): apply_snapshot + the plan."""
    return _import("100k", -1)


def idle() -> str:
    ledger = bench.DATA / "ledger-100k.sqlite3"
    w = bench.workdir("profile-idle")
    shutil.copyfile(ledger, w / "dunning.sqlite3")
    return record("idle", [str(bench.BIN / "dunning-mailer"), "run", "--config", str(w / "config.toml"),
                           "--now", bench.NIGHT.isoformat()])


def inbox() -> str:
    import random
    server, info = bench.start_inbox(20_000)
    try:
        rng = random.Random(1)
        for i in range(10):
            server.deliver(bench.reply_message(900_000 + i, rng))
        w = bench.workdir("profile-inbox")
        return record("inbox", [bench.PY, str(BENCH / "run.py"), "--child", "inbox_sync", str(w), str(info["port"]),
                                info["user"], info["password"], str(info["uidvalidity"]), str(info["last_uid"]),
                                "20"], rate=200)
    finally:
        server.stop()


SCENARIOS = {"inbox": inbox, "send": send, "send_import": send_import, "import10k": import10k, "import100k": import100k,
             "idle": idle}


if __name__ == "__main__":
    for name in sys.argv[1:] or list(SCENARIOS):
        print(SCENARIOS[name](), flush=True)
