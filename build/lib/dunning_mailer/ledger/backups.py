"""Rolling backups of the ledger file: one a day, the last few days kept, and putting one back.

A backup is a whole, checked copy made with SQLite's backup API (see `connection.checked_copy`),
in a folder beside the ledger: `dunning.sqlite3.backups/2026-12-01.sqlite3`. The day's copy is
made by the first cycle of the day and made again after a cycle that sent email or applied an
export when it is more than an hour old: what went out is at most an hour missing from it, and
a run of cycles that each send a few retries does not copy the whole file each time."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

from .connection import LedgerError, backup_folder, backups, checked_copy, file_problem, newest_backup

__all__ = ["GENERATIONS", "REFRESH_SECONDS", "backup_folder", "backups", "keep_daily_backup", "newest_backup", "restore"]

GENERATIONS = 7  # days of backups kept
REFRESH_SECONDS = 3600  # the day's backup is made again after a change once it is this old


def keep_daily_backup(ledger, day: dt.date, *, changed: bool) -> Path | None:
    """Write the day's backup if there is none yet, or again when this cycle `changed` the ledger
    and the backup is older than REFRESH_SECONDS; then drop the generations beyond GENERATIONS.
    Returns the backup written, if any."""
    folder = backup_folder(ledger.path)
    target = folder / f"{day.isoformat()}.sqlite3"
    if target.exists() and (not changed or time.time() - target.stat().st_mtime < REFRESH_SECONDS):
        return None
    folder.mkdir(mode=0o700, exist_ok=True)
    checked_copy(ledger.db, target)
    for old in backups(ledger.path)[:-GENERATIONS]:
        old.unlink(missing_ok=True)
    return target


def restore(ledger_path: Path, backup: Path | None, now: dt.datetime) -> tuple[Path, Path | None]:
    """Put a backup (the newest by default) in place of the ledger file. The file it replaces,
    and its journal, are renamed beside it, never deleted. Returns (the backup used, where the
    replaced file went or None). The caller holds the run lock."""
    ledger_path = Path(ledger_path)
    backup = Path(backup) if backup is not None else newest_backup(ledger_path)
    if backup is None:
        raise LedgerError(f"there is no backup in {backup_folder(ledger_path)}", where=str(ledger_path))
    if not backup.is_file():
        raise LedgerError("no such backup file", where=str(backup))
    problem = file_problem(backup)
    if problem:
        raise LedgerError(f"this backup cannot be used ({problem}); try an older one "
                          f"(`dunning-mailer restore FILE`)", where=str(backup))
    kept = None
    if ledger_path.exists():
        kept = ledger_path.with_name(f"{ledger_path.name}.replaced-{now:%Y%m%dT%H%M%S}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(ledger_path) + suffix)
            if part.exists():
                os.replace(part, Path(str(kept) + suffix))
    fresh = ledger_path.with_name(ledger_path.name + ".restoring")
    shutil.copyfile(backup, fresh)
    os.chmod(fresh, 0o600)
    os.replace(fresh, ledger_path)
    return backup, kept
