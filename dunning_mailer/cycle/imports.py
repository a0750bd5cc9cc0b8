"""The drop folder: which files wait, what date each describes, reading them into the ledger.

Nothing dropped can block the rest or the runs after it: a file that cannot be opened, read or
trusted changes nothing, is named once in plain words, and the other files are read as usual."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..ledger import Ledger
from ..shown import shown
from .report import CycleReport, FileOutcome

log = logging.getLogger(__name__)


_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)|(?<!\d)(\d{2})[-_.](\d{2})[-_.](\d{4})(?!\d)")


# A file that shows a sign of being cut short, or cannot be read, is trusted only once nothing
# has changed it for this long (by its modification time, or across cycles): a copy over a
# network share can stall for a minute (SMB and NFS clients wait about 60 s before they give up
# on a server) and then go on.
SETTLE_SECONDS = 120
FRESH_SECONDS = SETTLE_SECONDS  # the older name
BANK_SOURCE = "bank"  # drop/bank/: bank statements only (they are also recognised anywhere else)

TEXT_SUFFIXES = frozenset({".csv", ".tsv"})

# Due dates this far away are placeholders ("31/12/9999" for "no due date"), not agreements.
FAR_YEARS = 10

_RSYNC_PART = re.compile(r"\..+\.[A-Za-z0-9]{6}")  # rsync writes `.name.XXXXXX`, then renames

_TOTAL = re.compile(r'^(סה"?כ|סך הכל|total|totals|grand total)\b', re.IGNORECASE)



def snapshot_time(path: Path, tz, now: dt.datetime | None = None) -> dt.datetime:
    """The date a snapshot describes: a date in the file name, else the file's modification time;
    never later than `now`."""
    return snapshot_date(path, tz, now)[0]



def snapshot_date(path: Path, tz, now: dt.datetime | None = None) -> tuple[dt.datetime, str | None]:
    """(the moment a snapshot describes, what to tell a person about it or None). A date in the
    name later than today is not believed: the file's modification time (or now) stands in."""
    mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, tz)
    if now is not None:
        mtime = min(mtime, now.astimezone(tz))  # a share whose clock runs ahead
    m = _DATE_IN_NAME.search(path.stem)
    if m:
        try:
            if m.group(1):
                day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            else:
                day = dt.date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
        except ValueError:
            return mtime, None
        if now is not None and day > now.astimezone(tz).date():
            return mtime, (f"the date in its name ({day:%d/%m/%Y}) is later than today, so it was dated by "
                           f"the file's time instead ({mtime:%d/%m/%Y %H:%M})")
        return dt.datetime.combine(day, dt.time(0), tz), None
    return mtime, None



@dataclass(frozen=True)
class Ignored:
    name: str   # relative to the drop folder
    why: str



def scan_drop(config: Config) -> tuple[list[tuple[str, Path]], list[Ignored]]:
    """(source, path) for every file waiting in the drop folder (a subfolder names its source),
    and what is there but not read, with why. Links to folders are never followed: files read
    are moved, and must not be moved out of a folder elsewhere."""
    from ..sources import SUPPORTED_SUFFIXES, droppable, looks_incomplete

    drop = config.paths.drop
    skip = {config.paths.processed.resolve(), config.paths.rejected.resolve()}
    found: list[tuple[str, Path]] = []
    ignored: list[Ignored] = []
    kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))

    def look(folder: Path, source: str | None, prefix: str) -> None:
        try:
            entries = sorted(folder.iterdir())
        except OSError as e:
            ignored.append(Ignored(prefix.rstrip("/") or str(folder),
                                   f"not read: the folder cannot be listed ({e.strerror or e})"))
            return
        for entry in entries:
            rel = prefix + entry.name
            if _RSYNC_PART.fullmatch(entry.name):
                continue  # rsync's copy under way: it is renamed to the real file when whole
            if entry.name.startswith("."):
                ignored.append(Ignored(rel, "ignored: its name starts with a dot (a hidden or temporary file)"))
            elif looks_incomplete(entry):
                continue  # a lock file or a download under way: it becomes the real file
            elif entry.is_symlink() and entry.is_dir():
                ignored.append(Ignored(rel, "not read: it is a link to another folder, and links are not "
                                            "followed out of the drop folder; put the files themselves here"))
            elif entry.is_dir():
                if source is not None:
                    ignored.append(Ignored(rel, "ignored: folders inside a source's folder are not read"))
                elif entry.resolve() not in skip:
                    look(entry, entry.name, rel + "/")
            elif not entry.is_file():
                continue
            elif not droppable(entry):
                ignored.append(Ignored(rel, f"ignored: not a kind of file dunning-mailer reads ({kinds})"))
            else:
                found.append((source or "default", entry))

    if drop.is_dir():
        look(drop, None, "")
    return found, ignored



def dropped_files(config: Config) -> list[tuple[str, Path]]:
    """(source, path) for every file waiting in the drop folder; a subfolder names its source."""
    return scan_drop(config)[0]


def drop_signature(config: Config) -> set[tuple[str, int, int]]:
    """The files waiting in a business's drop folder, each as (path, size, mtime): a file that
    stays (one left for a person by the brake) keeps its signature and starts no new cycle."""
    seen = set()
    for _, path in dropped_files(config):
        try:
            st = path.stat()
        except OSError:
            continue
        seen.add((str(path), st.st_size, st.st_mtime_ns))
    return seen



def truncation_sign(path: Path, data: bytes) -> str | None:
    """What makes a file look cut short (a copy still under way), in plain words, or None."""
    if not data:
        return "it is empty"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):  # an HTML or XML "spreadsheet"
        tail = data[-4096:].lower()
        if not any(end in tail for end in (b"</html>", b"</table>", b"</workbook>", b"</document>", b"</ofx>")):
            return "it ends before its closing tag"
        return None
    if path.suffix.lower() in TEXT_SUFFIXES:
        utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
        ends = (b"\n\x00", b"\r\x00") if data[:2] == b"\xff\xfe" else (b"\x00\n", b"\x00\r") if utf16 \
            else (b"\n", b"\r")
        if not data.endswith(ends):
            return "its last line has no line end"
    return None



def text_ending(path: Path, data: bytes) -> str | None:
    """How a CSV ends: "footer" (a totals line, or a one-cell note such as a print time), "row"
    (a line of data), or None for other kinds of file."""
    if path.suffix.lower() not in TEXT_SUFFIXES or not data:
        return None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data[-4096:].decode("utf-16", errors="replace")
    else:
        tail = data[-4096:]
        if len(data) > len(tail):  # the cut may fall inside a UTF-8 character
            tail = tail.lstrip(bytes(range(0x80, 0xC0)))
        try:
            text = tail.decode("utf-8")
        except UnicodeDecodeError:
            text = tail.decode("cp1255", errors="replace")
    lines = [line for line in text.splitlines() if line.strip(" ,;\t\"'")]
    if not lines:
        return None
    last = lines[-1]
    delimiter = max(",;\t", key=last.count)
    cells = [c.strip() for c in next(csv.reader([last], delimiter=delimiter), []) if c.strip()]
    widest = max(len(next(csv.reader([line], delimiter=delimiter), [])) for line in lines)
    if any(_TOTAL.match(c) for c in cells) or (len(cells) == 1 and widest >= 3):
        return "footer"
    return "row"



def import_files(config: Config, ledger: Ledger, now: dt.datetime, report: CycleReport, *,
                 force: bool = False, move_files: bool = True) -> None:
    from ..sources import profile_from_mapping

    profiles = [profile_from_mapping(str(m.get("name", f"importer{i}")), m)
                for i, m in enumerate(config.importers)]
    files, ignored = scan_drop(config)
    for item in ignored:
        _say_once(ledger, report, shown(item.name), "ignored", "", item.why)
    for source, path in files:
        _import_one(config, ledger, now, report, source, path, profiles, force=force, move_files=move_files)



def _say_once(ledger: Ledger, report: CycleReport, name: str, kind: str, signature: str, why: str,
              *, error: bool = False) -> None:
    """Tell a person about a file once (a warning, or an error: exit 1), not every cycle."""
    note = ledger.drop_note(name)
    if note is not None and note["kind"] == kind and note["signature"] == signature:
        return
    ledger.note_drop(name, kind, signature, time.time())
    if error:
        report.errors.append(f"{name}: {why}")
    else:
        report.files.append(FileOutcome(name, kind, why))
        log.warning("%s: %s", name, why)



def _settled(ledger: Ledger, name: str, signature: str, mtime: float) -> bool:
    """Whether nothing has changed the file for SETTLE_SECONDS: by its modification time, or
    (a clock that runs ahead) by an earlier cycle that saw it just like this."""
    clock = time.time()
    if clock - mtime >= SETTLE_SECONDS:
        return True
    note = ledger.drop_note(name)
    if note is not None and note["signature"] == signature and note["kind"] == "settling":
        return clock - note["at"] >= SETTLE_SECONDS
    ledger.note_drop(name, "settling", signature, clock)
    return False



def _import_one(config: Config, ledger: Ledger, now: dt.datetime, report: CycleReport, source: str,
                path: Path, profiles, *, force: bool, move_files: bool) -> None:
    from ..sources import SourceError, read_invoices

    name = shown(path.name if source == "default" else f"{source}/{path.name}")
    try:
        before = path.stat()
        data = path.read_bytes()
        after = path.stat()
    except OSError as e:
        why = (f"it could not be opened ({e.strerror or e}): the user running dunning-mailer may not read it. "
               "Nothing was imported from it; give it read access (for example `chmod a+r`) and it is read "
               "on the next cycle")
        report.files.append(FileOutcome(name, "waiting", why))
        _say_once(ledger, report, name, "unopenable", _signature(path), why, error=True)
        return
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(data) != after.st_size:
        report.files.append(FileOutcome(name, "waiting", "still being written; left for the next cycle"))
        return
    signature = f"{after.st_size}:{after.st_mtime_ns}"
    sign = truncation_sign(path, data)
    if sign and not _settled(ledger, name, signature, after.st_mtime):
        report.files.append(FileOutcome(name, "waiting", f"{sign}: it may still be arriving, so it is read once "
                                        f"it has not changed for {SETTLE_SECONDS // 60} minutes"))
        return
    sha = hashlib.sha256(data).hexdigest()
    snap, date_note = snapshot_date(path, config.tz, now)
    try:
        result = read_invoices(path, profiles=profiles, default_currency=config.business.currency)
        if source == BANK_SOURCE and result.kind != "bank_statement":
            raise SourceError(f"{BANK_SOURCE}/ is for bank statements, and this file reads as {result.kind} "
                              f"(by {result.importer}); drop exports directly in the drop folder", where=str(path))
    except Exception as e:  # noqa: BLE001 - whatever a file does to a reader, the other files go on
        message = str(e) if isinstance(e, SourceError) else f"it could not be read ({type(e).__name__}: {e})"
        if not _settled(ledger, name, signature, after.st_mtime):
            # A file copied in this very moment may be unreadable only because it is incomplete.
            report.files.append(FileOutcome(name, "waiting", f"not readable yet ({message}); left for the next "
                                            "cycle in case it is still being copied"))
            return
        _reject(config, ledger, now, report, source, name, path, sha, snap, message, move_files)
        return
    if date_note:
        log.warning("%s: %s", name, date_note)
    _warn_far_due_dates(name, result, now)
    ending_key = f"file_ending:{source}:{result.kind}"
    ending = text_ending(path, data)
    if (not force and result.kind not in ("contacts", "bank_statement") and ending == "row"
            and ledger.meta(ending_key) == "footer"):
        message = ("it ends on a line of data, without the closing line (a total or a note) that the last "
                   "file from this source had: it looks cut short. Nothing was changed. If it is complete, "
                   "run again with --force")
        report.files.append(FileOutcome(name, "held", message))
        report.errors.append(f"{name} was left in the drop folder: {message}")
        return
    # A bank statement or a contacts file is no snapshot of the source's invoices: recorded under a
    # source of its own, its (often later) date never makes the same source's next export look old.
    if result.kind == "bank_statement":
        outcome = ledger.apply_bank_statement(source=f"{source}:{result.kind}", file_name=name, sha256=sha,
                                              snapshot_at=snap, result=result, now=now)
    elif result.kind == "contacts":
        outcome = ledger.apply_contacts(source=f"{source}:{result.kind}", file_name=name, sha256=sha,
                                        snapshot_at=snap, result=result, now=now)
    else:
        # A balances report is a snapshot of its own: it never closes invoices from an invoice export.
        outcome = ledger.apply_snapshot(
            source=source if result.kind == "invoices" else f"{source}:{result.kind}", file_name=name,
            sha256=sha, snapshot_at=snap, result=result, now=now,
            max_close_fraction=config.policy.max_close_fraction,
            brake_min_open=config.policy.brake_min_open, force=force)
    for warning in ledger.new_warnings(source, path.name, result.warnings, now=now):
        log.warning("%s: %s", name, warning)
    message = f"{outcome.message} ({date_note})" if date_note else outcome.message
    report.files.append(FileOutcome(name, outcome.status, message))
    if outcome.status in ("braked", "held"):
        report.errors.append(f"{name} was left in the drop folder: {outcome.message}")
        return
    if outcome.status == "applied" and ending is not None:
        ledger.set_meta(ending_key, ending)
    if ledger.drop_note(name) is not None:
        ledger.forget_drop_note(name)
    if move_files:
        try:
            _move(path, config.paths.processed, now)
        except OSError as e:
            report.errors.append(f"{name} was read, but could not be moved to {config.paths.processed} "
                                 f"({e.strerror or e}); it is recognised as already imported next time")



def _signature(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{st.st_size}:{st.st_mtime_ns}"



def _warn_far_due_dates(name: str, result, now: dt.datetime) -> None:
    limit = dt.date(min(now.year + FAR_YEARS, dt.MAXYEAR), 1, 1)
    far = [i for i in result.invoices if i.due_date > limit]
    if far:
        first = far[0]
        log.warning("%s: %d invoice(s) have a due date more than %d years away (%s: %s); they get no reminder "
                    "until the export gives a real due date", name, len(far), FAR_YEARS, first.number,
                    f"{first.due_date:%d/%m/%Y}")



def _reject(config: Config, ledger: Ledger, now: dt.datetime, report: CycleReport, source: str, name: str,
            path: Path, sha: str, snap: dt.datetime, message: str, move_files: bool) -> None:
    report.files.append(FileOutcome(name, "rejected", message))
    report.errors.append(f"{name} could not be read and was moved to {config.paths.rejected}: {message}")
    ledger.record_import(source=source, file_name=name, sha256=sha, snapshot_at=snap, now=now,
                         status="rejected", report=message)
    if ledger.drop_note(name) is not None:
        ledger.forget_drop_note(name)
    if not move_files:
        return
    try:
        target = _move(path, config.paths.rejected, now)
        target.with_name(target.name + ".error.txt").write_text(_rejection_report(name, message),
                                                                encoding="utf-8")
    except OSError as e:
        report.errors.append(f"{name} could not be moved to {config.paths.rejected} ({e.strerror or e})")



def _move(path: Path, folder: Path, now: dt.datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{now:%Y-%m-%d}_{path.name}"
    n = 1
    while target.exists():
        target = folder / f"{now:%Y-%m-%d}_{n}_{path.name}"
        n += 1
    shutil.move(str(path), target)
    return target



def _rejection_report(name: str, message: str) -> str:
    return (f"dunning-mailer could not read {name}.\n\n{message}\n\n"
            "Nothing from this file was imported. Fix the file (or describe its layout in an\n"
            "[[importer]] section of config.toml; `dunning-mailer inspect FILE` shows how it is read),\n"
            "then drop it into the folder again.\n")
