"""Where the 100k import's time goes over the bare calamine read, interleaved with that read:
calamine's open, parse and to_python (as the reader calls them), the reader's own Python
(read_invoices less calamine), apply_snapshot, and what cycle/imports.py does around them.

    .venv/bin/python bench/import_split.py REPS
"""
import sys
if sys.argv[1:2] == ["--child"]:
    sys.argv = [sys.argv[0], *sys.argv[2:]]
    import sys, time, json
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import datetime as dt
    from pathlib import Path
    T = {}
    def timed(name, f):
        def g(*a, **k):
            t = time.perf_counter()
            try:
                return f(*a, **k)
            finally:
                T[name] = T.get(name, 0) + time.perf_counter() - t
        return g
    import python_calamine
    wb_cls = python_calamine.CalamineWorkbook
    real_from_path = wb_cls.from_path
    class WB:
        def __init__(self, wb): self.wb = wb
        def __getattr__(self, n): return getattr(self.wb, n)
        def get_sheet_by_index(self, i):
            s = timed("calamine parse", self.wb.get_sheet_by_index)(i)
            return Sheet(s)
    class Sheet:
        def __init__(self, s): self.s = s
        def __getattr__(self, n): return getattr(self.s, n)
        def to_python(self, **k): return timed("calamine to_python", self.s.to_python)(**k)
    python_calamine.CalamineWorkbook = type("X", (), {"from_path": staticmethod(lambda p: WB(timed("calamine open", real_from_path)(p)))})
    import dunning_mailer.sources as sources
    from dunning_mailer import cycle
    import dunning_mailer.cycle.imports as imports
    from dunning_mailer.ledger import Ledger
    from dunning_mailer.config import load
    sources.read_invoices = timed("read_invoices (all)", sources.read_invoices)
    for n in ("truncation_sign", "text_ending"):
        if hasattr(imports, n): setattr(imports, n, timed(n, getattr(imports, n)))
    Ledger.apply_snapshot = timed("apply_snapshot", Ledger.apply_snapshot)
    w = Path(sys.argv[1]); config = load(w / "config.toml")
    ledger = Ledger(config.paths.database)
    EVE = dt.datetime(2026, 11, 30, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    report = cycle.CycleReport(now=EVE, dry_run=False)
    t = time.perf_counter()
    cycle.import_files(config, ledger, EVE, report, move_files=False)
    T["import_files (all)"] = time.perf_counter() - t
    assert report.files[0].status == "applied", report.files
    cal = sum(v for k, v in T.items() if k.startswith("calamine"))
    T["reader's own Python"] = T["read_invoices (all)"] - cal
    T["imports.py around (hash, sniff, moves)"] = T["import_files (all)"] - T["read_invoices (all)"] - T["apply_snapshot"]
    print(json.dumps({k: round(v, 3) for k, v in T.items()}))
    sys.exit(0)

import sys, time, json, subprocess, statistics, os
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench
book = bench.gen.book("100k")
reps = int(sys.argv[1])
rows = []
for r in range(reps):
    c = bench.child("calamine", book)
    w = bench.workdir("import-100k")
    (w / "drop" / book.name).symlink_to(book)
    p = subprocess.run([bench.PY, __file__, "--child", str(w)], capture_output=True, text=True)
    j = json.loads(p.stdout.strip().splitlines()[-1]) if p.returncode == 0 else {"err": p.stderr[-1500:]}
    j["bare calamine"] = round(c.json()["t"], 3)
    rows.append(j)
    print(r, j, "ratio %.2f" % (j["import_files (all)"] / j["bare calamine"]), "load %.1f" % os.getloadavg()[0], flush=True)
for k in rows[0]:
    v = [x[k] for x in rows]
    print(f"{k:40s} min {min(v):.3f} med {statistics.median(v):.3f} max {max(v):.3f}")
r = [x["import_files (all)"] / x["bare calamine"] for x in rows]
print("ratio min %.2f med %.2f max %.2f" % (min(r), statistics.median(r), max(r)))
