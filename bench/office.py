"""An office on PostgreSQL: many businesses, several workers (issue 20).

    .venv/bin/python bench/office.py [--businesses 50] [--customers 40] [--delay 0.02]
                                     [--kills 24] [--invoices 2000] [--only throughput,kills,status,dialect]

- throughput: the office (every business its exports, its own aiosmtpd sink that takes --delay
  seconds over each message, as a real server does, and its Maildir) sent by 1, 2 and 4
  `dunning-mailer worker --office` processes against the same sinks; messages per second from
  the workers' start until the last one arrived, and the ratio to one worker (goal ≥ 0.8·N while
  the sinks are not the limit);
- kills: the same office with 4 workers, a random one SIGKILLed --kills times at random moments
  of the sending and started again: missing, different duplicates, identical repeats, and any
  business with two cycles at once (from the workers' own logs);
- status: `dunning-mailer status --office --json` over --businesses × --invoices open invoices
  (fresh process), beside `status` of one such business, and on SQLite files beside PostgreSQL;
- dialect: the outbox's hot statements (mark `sending`, mark `sent`, one commit each) through
  the ledger's thin dialect, through bare psycopg, and through SQLAlchemy Core when installed.

A real PostgreSQL is started from a temporary folder (tests/postgres.py) and stopped at the end.
Results go to bench/results/office-<date>.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from office_world import cycles_overlap, delivery, make_office, run_workers, start_sink  # noqa: E402
from postgres import PASSWORD, Postgres  # noqa: E402

os.environ["DUNNING_MAILER_DATABASE_PASSWORD"] = PASSWORD


def throughput(pg: Postgres, args, work: Path) -> dict:
    sinks = [start_sink(args.delay) for _ in range(args.businesses)]
    out = {}
    try:
        for workers in (1, 2, 4):
            for s in sinks:
                s.messages.clear()
            folder = work / f"tp{workers}"
            expected = make_office(folder, pg.new_database("tp"), args.businesses, args.customers, sinks)
            total = sum(len(v) for v in expected.values())
            run = run_workers(folder, sinks, total, workers, folder, timeout=1800)
            figures = delivery(sinks, expected)
            out[workers] = {"emails": total, "seconds": round(run.seconds, 2),
                            "per_second": round(total / run.seconds, 1), **figures}
            print(f"  {workers} worker(s): {total} emails in {run.seconds:.1f} s = {total / run.seconds:.1f}/s "
                  f"(missing {figures['missing']}, repeats {figures['identical_repeats']})", flush=True)
        for workers in (2, 4):
            out[workers]["ratio_to_one"] = round(out[workers]["per_second"] / out[1]["per_second"], 2)
    finally:
        for s in sinks:
            s.controller.stop()
    # The sinks' own ceiling: one message per --delay each, all of them in parallel.
    out["sink_ceiling_per_second"] = round(args.businesses / args.delay, 1) if args.delay else None
    return out


def kills(pg: Postgres, args, work: Path) -> dict:
    sinks = [start_sink(args.delay) for _ in range(args.businesses)]
    try:
        folder = work / "kills"
        expected = make_office(folder, pg.new_database("k"), args.businesses, args.customers, sinks)
        total = sum(len(v) for v in expected.values())
        run = run_workers(folder, sinks, total, 4, folder, kills=args.kills, rng=random.Random(20), timeout=1800)
        figures = delivery(sinks, expected)
        overlaps = cycles_overlap(run.logs, run.deaths)
        out = {"emails": total, "workers": 4, "kills": run.kills, "seconds": round(run.seconds, 1), **figures,
               "repeats_within_kills": figures["identical_repeats"] <= run.kills,
               "two_cycles_at_once": len(overlaps), "overlaps": overlaps[:5]}
        print(f"  {run.kills} kills over {total} emails: missing {figures['missing']}, different duplicates "
              f"{figures['different_duplicates']}, identical repeats {figures['identical_repeats']}, "
              f"two cycles at once {len(overlaps)}", flush=True)
        return out
    finally:
        for s in sinks:
            s.controller.stop()


def fill_office(folder: Path, database: str | None, businesses: int, invoices: int) -> None:
    """An office whose ledgers each hold `invoices` open invoices of invoices/4 customers, written
    straight through the ledger (an import of each, without spreadsheets)."""
    from dunning_mailer.config import load
    from dunning_mailer.ledger import open_ledger
    from dunning_mailer.model import ImportResult, Invoice
    from office_world import cli

    assert cli("office", "init", str(folder), *(["--database", database] if database else [])).returncode == 0
    today = dt.date(2026, 12, 1)
    now = dt.datetime(2026, 11, 30, 20, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    rows = tuple(Invoice(f"{n:06d}", f"C{n % (invoices // 4):05d}", f"לקוח {n % (invoices // 4)}",
                         (f"c{n % (invoices // 4)}@x.example",), today - dt.timedelta(days=90),
                         today - dt.timedelta(days=n % 60 - 10), Decimal(100 + n % 900), Decimal(100 + n % 900),
                         "ILS") for n in range(invoices))
    for i in range(businesses):
        key = f"s{i:02d}"
        assert cli("office", "add", key, "--office", str(folder)).returncode == 0
        with open_ledger(load(folder / key / "config.toml")) as ledger:
            ledger.apply_snapshot(source="default", file_name="gen.xlsx", sha256=f"gen{i}", snapshot_at=now,
                                  result=ImportResult("generic", rows), now=now, max_close_fraction=0.5,
                                  brake_min_open=4)


def timed(*args: str, reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "dunning_mailer", *args], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        assert done.returncode == 0, done.stderr[-2000:]
    return statistics.median(times)


def status(pg: Postgres, args, work: Path) -> dict:
    out = {}
    now = "2026-12-01T10:00:00+02:00"
    for kind in ("postgresql", "sqlite"):
        folder = work / f"status-{kind}"
        t0 = time.perf_counter()
        fill_office(folder, pg.new_database("st") if kind == "postgresql" else None, args.businesses,
                    args.invoices)
        filled = time.perf_counter() - t0
        office = timed("status", "--office", str(folder), "--now", now, "--json", reps=args.reps)
        one = timed("status", "--office", str(folder), "--business", "s00", "--now", now, "--json", reps=args.reps)
        version = timed("--version", reps=args.reps)
        out[kind] = {"businesses": args.businesses, "invoices_each": args.invoices, "fill_seconds": round(filled, 1),
                     "office_status_seconds": round(office, 2), "one_business_status_seconds": round(one, 2),
                     "startup_seconds": round(version, 2),
                     "per_business_ms": round((office - version) / args.businesses * 1000, 1)}
        print(f"  {kind}: office status {office:.2f} s over {args.businesses} × {args.invoices} invoices "
              f"({out[kind]['per_business_ms']} ms a business); one business {one:.2f} s; start-up {version:.2f} s",
              flush=True)
    return out


def dialect(pg: Postgres, args, work: Path) -> dict:
    """The per-email statements of the send loop: the thin dialect against bare psycopg and
    SQLAlchemy Core, on the same server and table."""
    import psycopg

    from dunning_mailer.ledger import PostgresLedger

    url = pg.new_database("d")
    n = 2000
    ledger = PostgresLedger(url, schema="dunning_bench", password=PASSWORD)
    now = dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone.utc)
    from dunning_mailer.ledger import Intent
    rids = ledger.record_intents([Intent(f"C{i}", "reminder", f"<d{i}@x>", ("a@x.example",), "s", b"x" * 20000, [])
                                  for i in range(n)], now=now, local_date=now.date(), transport="smtp")
    stamp = now.isoformat()

    def ours():
        for rid in rids:
            with ledger.transaction():
                ledger.mark_sent(rid - 1, now=now) if rid > rids[0] else None
                ledger.mark_sending(rid, time.time())

    raw = psycopg.connect(url, password=PASSWORD, autocommit=True)
    raw.execute('SET search_path TO "dunning_bench"')

    def bare():
        for rid in rids:
            raw.execute("BEGIN")
            if rid > rids[0]:
                raw.execute("UPDATE reminders SET status='sent', sent_at=%s, error=NULL, recovered=%s WHERE id=%s",
                            (stamp, 0, rid - 1))
            raw.execute("UPDATE reminders SET status='sending', attempts=attempts+1, attempted_at=%s WHERE id=%s",
                        (time.time(), rid))
            raw.execute("COMMIT")

    runs = {"thin dialect (ledger)": ours, "bare psycopg": bare}
    try:
        import sqlalchemy as sa
        engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"),
                                  connect_args={"password": PASSWORD})
        conn = engine.connect()
        conn.execute(sa.text('SET search_path TO "dunning_bench"'))
        conn.commit()
        sent = sa.text("UPDATE reminders SET status='sent', sent_at=:at, error=NULL, recovered=:r WHERE id=:id")
        sending = sa.text("UPDATE reminders SET status='sending', attempts=attempts+1, attempted_at=:t WHERE id=:id")

        def core():
            for rid in rids:
                with conn.begin():
                    if rid > rids[0]:
                        conn.execute(sent, {"at": stamp, "r": 0, "id": rid - 1})
                    conn.execute(sending, {"t": time.time(), "id": rid})
        runs["SQLAlchemy Core (text)"] = core
    except ImportError:
        print("  (SQLAlchemy is not installed: `pip install sqlalchemy` to compare it)")
    out = {}
    for _ in range(args.reps):
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            out.setdefault(name, []).append((time.perf_counter() - start) / n * 1e6)
    figures = {name: round(statistics.median(v), 1) for name, v in out.items()}
    for name, us in figures.items():
        print(f"  {name}: {us} µs per email (two statements and a commit)", flush=True)
    return {"emails": n, "microseconds_per_email": figures}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--businesses", type=int, default=50)
    p.add_argument("--customers", type=int, default=40, help="due reminders per business")
    p.add_argument("--delay", type=float, default=0.02, help="each sink's seconds per message")
    p.add_argument("--kills", type=int, default=24)
    p.add_argument("--invoices", type=int, default=2000, help="open invoices per business for `status`")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--only", default="throughput,kills,status,dialect")
    args = p.parse_args()
    pg = Postgres.start(max_connections=300)
    results = {"date": dt.date.today().isoformat(), "args": vars(args), "cpus": os.cpu_count()}
    try:
        with tempfile.TemporaryDirectory(prefix="office-bench-") as tmp:
            for name in args.only.split(","):
                print(f"{name}:", flush=True)
                results[name] = globals()[name](pg, args, Path(tmp))
    finally:
        pg.stop()
    out = BENCH / "results" / f"office-{results['date']}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"results: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
