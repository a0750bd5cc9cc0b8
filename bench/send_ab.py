"""The send run with and without the evening's prepared store, bare smtplib between them,
interleaved, with the sink's own timestamps (first and last message after the start, gaps
between messages: the flushed commits show as the largest gaps).

    .venv/bin/python bench/send_ab.py REPS BUSY [BEFORE]   # BUSY 1: beside a CPU-bound neighbour;
                                                          # BEFORE: a checkout of the older code

Needs the workdir and the saved ledger of `bench/run.py --only send` (bench/data/work/send).
"""
import sys, shutil, time, os, statistics
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench
reps, busy = int(sys.argv[1]), sys.argv[2] == "1"
# Optionally a checkout of the code before (its dunning_mailer package), as a third variant.
BEFORE = sys.argv[3] if len(sys.argv) > 3 else None
controller, sink, port = bench.start_sink()
STAMPS = []
_orig = sink.handle_DATA
async def handle_DATA(server, session, envelope):
    STAMPS.append(time.perf_counter())
    return await _orig(server, session, envelope)
sink.handle_DATA = handle_DATA
w = bench.WORK / "send"
import re
t = (w / "config.toml").read_text(); (w / "config.toml").write_text(re.sub(r"port = \d+", f"port = {port}", t))
db = w / "dunning.sqlite3"; store = w / "dunning.sqlite3.rendered"
shutil.copyfile(store, str(bench.DATA / "send-store.bak"))
VARIANTS = ("store", "bare", "nostore") + (("before",) if BEFORE else ())
res = {v: [] for v in VARIANTS}
cpu = {v: [] for v in VARIANTS}
for rep in range(reps):
    for variant in VARIANTS:
        with sink.lock: sink.messages.clear()
        STAMPS.clear(); t0 = time.perf_counter()
        if variant == "bare":
            with bench.neighbour(busy):
                p = bench.child("smtp_bare", bench.DATA / "send-messages.pickle", port)
        else:
            for s in ("-wal", "-shm"): Path(str(db) + s).unlink(missing_ok=True)
            shutil.copyfile(bench.DATA / "send-ledger.sqlite3", db)
            if variant == "store": shutil.copyfile(str(bench.DATA / "send-store.bak"), store)
            else: store.unlink(missing_ok=True)
            with bench.neighbour(busy):
                p = bench.cli("run", "--config", w / "config.toml", "--now", bench.D.isoformat(), timeout=900,
                              env={**os.environ, "PYTHONPATH": BEFORE} if variant == "before" else None)
            assert p.rc == 0, p.err[-2000:]
        with sink.lock: n = len(sink.messages)
        res[variant].append(p.wall); cpu[variant].append(p.cpu)
        gaps = sorted(b - a for a, b in zip(STAMPS, STAMPS[1:]))
        print(rep, variant, "%.2f s cpu %.2f n %d first %.2f last %.2f  gap med %.2f ms p99 %.1f ms top20 %.2f s" % (p.wall, p.cpu, n, STAMPS[0]-t0, STAMPS[-1]-t0, 1e3*gaps[len(gaps)//2], 1e3*gaps[int(.99*len(gaps))], sum(gaps[-20:])), os.getloadavg()[0], flush=True)
shutil.copyfile(str(bench.DATA / "send-store.bak"), store)
for k, v in res.items():
    print(k, "min %.2f med %.2f max %.2f  cpu med %.2f" % (min(v), statistics.median(v), max(v), statistics.median(cpu[k])))
print("bare/store per rep", [round(b / s, 2) for b, s in zip(res["bare"], res["store"])])
print("bare/nostore per rep", [round(b / s, 2) for b, s in zip(res["bare"], res["nostore"])])
if BEFORE:
    print("bare/before per rep", [round(b / s, 2) for b, s in zip(res["bare"], res["before"])])
controller.stop()
