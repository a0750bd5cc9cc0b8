"""Setting up: `init` a working folder, `set-password`."""
from __future__ import annotations

import os
import re
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
    config = make_working_folder(target, force=args.force)
    me = _command()
    config_arg = f"--config {_quoted(config_file)}"
    print(f"Created {target}/: config.toml, templates/, {os.path.relpath(config.paths.drop, target)}/ "
          f"(drop exports here).")
    print("Next:")
    print(f"  1. edit {config_file}: your business, and [transport] / [mailbox] for your mail provider")
    print(f"  2. {me} set-password smtp {config_arg}   (and imap, if the mailbox is IMAP)")
    print(f"  3. {me} doctor {config_arg}")
    print(f"  4. copy an open-invoices export into {config.paths.drop}/, then: "
          f"{me} run {config_arg} --dry-run -v")
    return 0


def make_working_folder(target: Path, *, force: bool, in_office: bool = False) -> Config:
    """config.toml from the example, the templates and the folders the config names."""
    config_file = target / "config.toml"
    target.mkdir(parents=True, exist_ok=True)
    example = _shipped("config.example.toml")
    if in_office:
        # Only the business's own section: every other key comes from office.toml (a copy of the
        # example's defaults here would hide the office's).
        text = example.read_text(encoding="utf-8")
        own = re.search(r"(?ms)^\[business\].*?(?=^\[)", text).group(0)
        config_file.write_text(f"# {target.name}: this business's own settings. Every other key comes from "
                               f"../office.toml,\n# else the embedded defaults (config.example.toml lists "
                               f"them all).\n\n{own}", encoding="utf-8")
    else:
        shutil.copyfile(example, config_file)
    templates = target / "templates"
    for lang_dir in _shipped("templates").iterdir():
        dest = templates / lang_dir.name
        if dest.exists() and not force:
            continue
        shutil.copytree(lang_dir, dest, dirs_exist_ok=True)
    config = load(config_file)
    for folder in (config.paths.drop, config.paths.processed, config.paths.rejected,
                   config.transport.outbox, config.mailbox.maildir / "new",
                   config.mailbox.maildir / "cur", config.mailbox.maildir / "tmp"):
        folder.mkdir(parents=True, exist_ok=True)
    return config


def _command() -> str:
    """How to run this program again from here: the installed script when it is there (a .venv's bin is
    rarely on PATH), else the module."""
    script = Path(sys.executable).parent / "dunning-mailer"
    if script.exists():
        rel = os.path.relpath(script)
        return _quoted(script if rel.startswith("..") else rel)
    return f"{_quoted(sys.executable)} -m dunning_mailer"


def _quoted(path) -> str:
    import shlex
    return shlex.quote(str(path))


def _shipped(name: str) -> Path:
    """Files that ship with the program: in the package when installed, else the checkout."""
    for base in (PACKAGE_ROOT / "data", PACKAGE_ROOT.parent):
        if (base / name).exists():
            return base / name
    raise DunningError(f"{name} is missing from this installation")


def _database_account(config: Config) -> tuple[str, str]:
    from ..ledger import is_database_url
    if not is_database_url(config.paths.database):
        raise UsageError("paths.database is a file: only a postgresql:// database has a password")
    from psycopg.conninfo import conninfo_to_dict
    info = conninfo_to_dict(config.paths.database)
    return info.get("user", ""), info.get("host", "")


def cmd_set_password(args, config: Config) -> int:
    from ..credentials import UNLOCK_ENV, env_name, locked, secret_store, store_password

    if args.which == "database":
        username, host = _database_account(config)
    else:
        section = config.transport if args.which == "smtp" else config.mailbox
        if not section.username:
            raise UsageError(f"set {args.which == 'smtp' and 'transport' or 'mailbox'}.username in the config first")
        username, host = section.username, section.host
    account = f"{args.which}:{username}@{host}"
    variable = env_name(args.which)
    store = secret_store()
    # Said before asking: nobody should type a password only to hear it cannot be kept.
    if not store.usable:
        print(f"error: there is nowhere safe to store the password on this machine: {store.description}.\n"
              f"Either:\n"
              f"  - give it in the environment of the job instead: {variable}=… (a systemd\n"
              f"    EnvironmentFile= with mode 0600, or the crontab's environment), then check it with\n"
              f"    `{_command()} doctor`; or\n"
              f"  - keep it in an encrypted file: `{_quoted(sys.executable)} -m pip install keyrings.cryptfile`,\n"
              f"    then run set-password again (the file's own password comes from {UNLOCK_ENV}\n"
              f"    or is asked for on the terminal).", file=sys.stderr)
        return 1
    if locked(store):
        print(f"error: the password would go into {store.description}, which has its own password: "
              f"set {UNLOCK_ENV} (nobody is at a terminal to type it).", file=sys.stderr)
        return 1
    if os.environ.get(variable):
        print(f"note: {variable} is set here; it is used instead of the stored password.", file=sys.stderr)
    secret_value = _read_secret(f"Password for {username} at {host}: ")
    store_password(args.which, f"{username}@{host}", secret_value, store)
    print(f"Stored in {store.description} as {account}.")
    if args.no_check or args.which == "database":  # the database's login is tried by the next command
        return 0
    from .doctor import imap_login, smtp_login

    found = (smtp_login if args.which == "smtp" else imap_login)(config, secret_value)
    if found.ok:
        print(f"The login works: {found.says}.")
        return 0
    print(f"error: the password is stored, but the login did not work: {found.says}\n"
          f"Run set-password again with the right password, or fix the config ({found.fix}).", file=sys.stderr)
    return 1


def _read_secret(prompt: str) -> str:
    """From the terminal without echo, else the first line of standard input (`echo … | set-password`)."""
    import getpass

    if sys.stdin is not None and sys.stdin.isatty():
        value = getpass.getpass(prompt)
    else:
        value = (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")
    if not value:
        raise UsageError("no password given (type it, or pipe it in on standard input)")
    return value


def cmd_restore(args, config: Config) -> int:
    """Put a backup of the ledger (the newest by default) in place of the ledger file."""
    import datetime as dt

    from ..cycle import run_lock
    from ..ledger.backups import backups, restore

    from ..ledger import is_database_url
    if is_database_url(config.paths.database):
        raise UsageError("restore puts back a backup of a SQLite ledger file; a PostgreSQL ledger is backed up "
                         "and restored with the database's own tools (pg_dump, pg_restore)")
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
