"""The drop folder: which files wait, what date each describes, reading them into the ledger."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import shutil
import time
from pathlib import Path

from ..config import Config
from ..ledger import Ledger
from .report import CycleReport, FileOutcome

log = logging.getLogger(__name__)


_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)|(?<!\d)(\d{2})[-_.](\d{2})[-_.](\d{4})(?!\d)")


FRESH_SECONDS = 10  # an unreadable file younger than this may still be arriving



def snapshot_time(path: Path, tz) -> dt.datetime:
    """The date a snapshot describes: a date in the file name, else the file's modification time."""
    m = _DATE_IN_NAME.search(path.stem)
    if m:
        try:
            if m.group(1):
                day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            else:
                day = dt.date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
            return dt.datetime.combine(day, dt.time(0), tz)
        except ValueError:
            pass
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz)



def dropped_files(config: Config) -> list[tuple[str, Path]]:
    """(source, path) for every file waiting in the drop folder; a subfolder names its source."""
    from ..sources import SUPPORTED_SUFFIXES, looks_incomplete

    drop = config.paths.drop
    skip = {config.paths.processed.resolve(), config.paths.rejected.resolve()}
    found: list[tuple[str, Path]] = []
    if not drop.is_dir():
        return found
    for entry in sorted(drop.iterdir()):
        if entry.is_dir():
            if entry.resolve() in skip or entry.name.startswith("."):
                continue
            found += [(entry.name, p) for p in sorted(entry.iterdir()) if p.is_file()]
        elif entry.is_file():
            found.append(("default", entry))
    return [(s, p) for s, p in found
            if p.suffix.lower() in SUPPORTED_SUFFIXES and not looks_incomplete(p)]



def _move(path: Path, folder: Path, now: dt.datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{now:%Y-%m-%d}_{path.name}"
    n = 1
    while target.exists():
        target = folder / f"{now:%Y-%m-%d}_{n}_{path.name}"
        n += 1
    shutil.move(str(path), target)
    return target



def import_files(config: Config, ledger: Ledger, now: dt.datetime, report: CycleReport, *,
                 force: bool = False, move_files: bool = True) -> None:
    from ..sources import SourceError, profile_from_mapping, read_invoices

    profiles = [profile_from_mapping(str(m.get("name", f"importer{i}")), m)
                for i, m in enumerate(config.importers)]
    for source, path in dropped_files(config):
        name = path.name if source == "default" else f"{source}/{path.name}"
        before = path.stat()
        data = path.read_bytes()
        after = path.stat()
        if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(data) != after.st_size:
            report.files.append(FileOutcome(name, "waiting", "still being written; left for the next cycle"))
            continue
        sha = hashlib.sha256(data).hexdigest()
        snap = snapshot_time(path, config.tz)
        try:
            result = read_invoices(path, profiles=profiles)
        except SourceError as e:
            if time.time() - after.st_mtime < FRESH_SECONDS:
                # A file copied in this very moment may be unreadable only because it is incomplete.
                report.files.append(FileOutcome(name, "waiting", f"not readable yet ({e}); "
                                                "left for the next cycle in case it is still being copied"))
                continue
            message = str(e)
            report.files.append(FileOutcome(name, "rejected", message))
            report.errors.append(f"{name} could not be read and was moved to {config.paths.rejected}: {message}")
            ledger.record_import(source=source, file_name=name, sha256=sha, snapshot_at=snap, now=now,
                                 status="rejected", report=message)
            if move_files:
                target = _move(path, config.paths.rejected, now)
                target.with_name(target.name + ".error.txt").write_text(_rejection_report(name, message),
                                                                        encoding="utf-8")
            continue
        if result.kind == "contacts":
            outcome = ledger.apply_contacts(source=source, file_name=name, sha256=sha, snapshot_at=snap,
                                            result=result, now=now)
        else:
            # A balances report is a snapshot of its own: it never closes invoices from an invoice export.
            outcome = ledger.apply_snapshot(
                source=source if result.kind == "invoices" else f"{source}:{result.kind}", file_name=name,
                sha256=sha, snapshot_at=snap, result=result, now=now,
                max_close_fraction=config.policy.max_close_fraction,
                brake_min_open=config.policy.brake_min_open, force=force)
        for warning in ledger.new_warnings(source, path.name, result.warnings, now=now):
            log.warning("%s: %s", name, warning)
        report.files.append(FileOutcome(name, outcome.status, outcome.message))
        if outcome.status == "braked":
            report.errors.append(f"{name} was left in the drop folder: {outcome.message}")
            continue
        if move_files:
            _move(path, config.paths.processed, now)



def _rejection_report(name: str, message: str) -> str:
    return (f"dunning-mailer could not read {name}.\n\n{message}\n\n"
            "Nothing from this file was imported. Fix the file (or describe its layout in an\n"
            "[[importer]] section of config.toml; `dunning-mailer inspect FILE` shows how it is read),\n"
            "then drop it into the folder again.\n")
