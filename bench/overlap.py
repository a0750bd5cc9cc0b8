"""Can the import overlap its ledger writes with the reader's Python in one process? (issue 21)

    .venv/bin/python bench/overlap.py

100k rows of `executemany` into SQLite alone, 1 s of pure Python alone, then both at once with
the writes in a thread. sqlite3 binds and steps each row holding the GIL, so together they take
about as long as one after the other: streaming rows into the transaction from a thread gains
nothing; only another process could."""
import tempfile
from pathlib import Path
import sqlite3, threading, time, os
def db():
    p = str(Path(tempfile.gettempdir()) / "bench-overlap.sqlite3")
    if os.path.exists(p): os.remove(p)
    c = sqlite3.connect(p, check_same_thread=False, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL"); c.execute("CREATE TABLE t(a TEXT PRIMARY KEY, b TEXT, c TEXT, d TEXT, e TEXT)")
    return c
rows = [(f"INV-{i:07d}", "C%05d" % (i % 30000), "2026-10-01", "1234.50", "ILS") for i in range(100000)]
def write(c):
    c.execute("BEGIN"); c.executemany("INSERT INTO t VALUES(?,?,?,?,?)", rows); c.execute("COMMIT")
def busy(sec):
    t = time.perf_counter(); n = 0
    while time.perf_counter() - t < sec:
        n += sum(range(100))
    return n
c = db(); t = time.perf_counter(); write(c); w = time.perf_counter() - t; print("write alone", round(w, 2))
t = time.perf_counter(); busy(1.0); print("busy alone", round(time.perf_counter() - t, 2))
c = db(); t = time.perf_counter()
th = threading.Thread(target=write, args=(c,)); th.start(); busy(1.0); b = time.perf_counter() - t; th.join()
print("concurrent: busy done", round(b, 2), "both done", round(time.perf_counter() - t, 2))
