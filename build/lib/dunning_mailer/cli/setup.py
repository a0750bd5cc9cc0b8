"""Setting up: `init` a working folder, `set-password`."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ..config import Config, load
from ..model import DunningError
from .common import PACKAGE_ROOT, UsageError


def cmd_init(args) -> int:
    target = Path(args.dir)
    config_file = target / "config.toml"
    if config_file.exists() and not args.force:
        print(f"{config_file} already exists; nothing was changed (use --force to overwrite).",
              file=sys.stderr)
        return 1
    target.mkdir(parents=True, exist_ok=True)
    example = _shipped("config.example.toml")
    shutil.copyfile(example, config_file)
    templates = target / "templates"
    for lang_dir in _shipped("templates").iterdir():
        dest = templates / lang_dir.name
        if dest.exists() and not args.force:
            continue
        shutil.copytree(lang_dir, dest, dirs_exist_ok=True)
    config = load(config_file)
    for folder in (config.paths.drop, config.paths.processed, config.paths.rejected,
                   config.transport.outbox, config.mailbox.maildir / "new",
                   config.mailbox.maildir / "cur", config.mailbox.maildir / "tmp"):
        folder.mkdir(parents=True, exist_ok=True)
    print(f"Created {target}/: config.toml, templates/, {os.path.relpath(config.paths.drop, target)}/ "
          f"(drop exports here).")
    print(f"Next: edit {config_file}, then run `dunning-mailer run --config {config_file} --dry-run -v`.")
    return 0


def _shipped(name: str) -> Path:
    """Files that ship with the program: in the package when installed, else the checkout."""
    for base in (PACKAGE_ROOT / "data", PACKAGE_ROOT.parent):
        if (base / name).exists():
            return base / name
    raise DunningError(f"{name} is missing from this installation")


def cmd_set_password(args, config: Config) -> int:
    import getpass

    section = config.transport if args.which == "smtp" else config.mailbox
    if not section.username:
        raise UsageError(f"set {args.which == 'smtp' and 'transport' or 'mailbox'}.username in the config first")
    account = f"{args.which}:{section.username}@{section.host}"
    secret_value = getpass.getpass(f"Password for {section.username} at {section.host}: ")
    try:
        import keyring
        keyring.set_password("dunning-mailer", account, secret_value)
    except Exception as e:  # no keyring backend on a headless server
        print(f"error: the OS keyring is not available ({type(e).__name__}). Either set "
              f"DUNNING_MAILER_{args.which.upper()}_PASSWORD in the environment of the job, or install "
              f"a file-based backend (pip install keyrings.alt).", file=sys.stderr)
        return 1
    print(f"Stored in the OS keyring as {account}.")
    return 0


def cmd_restore(args, config: Config) -> int:
    """Put a backup of the ledger (the newest by default) in place of the ledger file."""
    import datetime as dt

    from ..cycle import run_lock
    from ..ledger.backups import backups, restore

    ledger_path = config.paths.database
    if args.list:
        for path in backups(ledger_path):
            print(path)
        return 0
    with run_lock(config, wait_seconds=10) as got:
        if not got:
            raise DunningError("a dunning-mailer run is in progress; stop the worker, then restore")
        used, kept = restore(ledger_path, Path(args.backup) if args.backup else None,
                             dt.datetime.now(config.tz))
    if args.verbose:
        print(f"The ledger is now the backup {used}" + (f"; the file it replaced is kept as {kept}" if kept else ""))
        print("Emails sent after that backup was made are not in it: look at `dunning-mailer plan` "
              "before the next run.")
    return 0
