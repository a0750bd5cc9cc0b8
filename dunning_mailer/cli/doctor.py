"""`doctor`: is this working folder ready? The config, the passwords, the SMTP login, the IMAP login and
folders, the templates, the drop folder and the ledger, each said in plain words. Exit 1 when
something needs fixing. The same login checks run after `set-password`.

In an office (`--office DIR`, $DUNNING_MAILER_OFFICE, or inside its folder) it checks every
business, one section each, or one with `--business NAME`; whatever fails in one business —
a config that does not load, a check that breaks — is said in its section and the others are
still checked."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..config import Config, ConfigError, load
from ..model import DunningError
from .common import UsageError, _config_path, _print_json


@dataclass(frozen=True)
class Finding:
    what: str
    ok: bool
    says: str
    fix: str = ""

    def line(self) -> str:
        mark = "ok " if self.ok else "FIX"
        return f"{mark}  {self.what}: {self.says}" + (f"\n       → {self.fix}" if self.fix else "")


def smtp_login(config: Config, secret: str | None = None) -> Finding:
    """Log in to the SMTP server with `secret` (None: the password from the environment or keyring)."""
    from ..credentials import password
    from ..transports.smtp import SmtpTransport

    t = config.transport
    where = f"{t.host}:{t.effective_port} ({t.security})"
    if t.username and not t.oauth2_token_command and secret is None:
        secret = password("smtp", f"{t.username}@{t.host}", config.key)
        if secret is None:
            return Finding("SMTP", False, f"no password for {t.username} at {t.host}",
                           f"set {_password_env('smtp', config)}, or run `dunning-mailer set-password smtp"
                           f"{_business_flag(config)}`")
    try:
        SmtpTransport(t, secret).check_login()
    except DunningError as e:
        return Finding("SMTP", False, str(e), "check transport.host, port, security and username, and the password")
    who = f"logged in as {t.username}" if t.username else "connected (no login configured)"
    return Finding("SMTP", True, f"{who} at {where}")


def imap_login(config: Config, secret: str | None = None) -> Finding:
    """Log in to the IMAP server and look at the inbox folder and the Sent folder."""
    from ..credentials import oauth2_token, password
    from ..mailboxes.imap import ImapMailbox

    m = config.mailbox
    token = None
    try:
        if m.oauth2_token_command:
            token = oauth2_token(m.oauth2_token_command, key="mailbox.oauth2_token_command")
        elif secret is None:
            secret = password("imap", f"{m.username}@{m.host}", config.key)
        if not (secret or token):
            return Finding("IMAP", False, f"no password for {m.username} at {m.host}",
                           f"set {_password_env('imap', config)}, or run `dunning-mailer set-password imap"
                           f"{_business_flag(config)}`")
        with ImapMailbox(m, secret, oauth2_token=token) as box:
            seen = box.check_folders()
    except DunningError as e:
        return Finding("IMAP", False, str(e), "check mailbox.host, port, security, username and folder")
    sent = f"; Sent folder {seen['sent']}" if seen["sent"] else "; no Sent folder found (set mailbox.sent_folder)"
    return Finding("IMAP", True, f"logged in as {m.username} at {m.host}; {seen['folder']} has "
                                 f"{seen['messages']} message(s){sent}")


def _password_env(name: str, config: Config) -> str:
    from ..credentials import env_name
    base = env_name(name)
    return f"{base}_{config.key.upper().replace('-', '_')}" if config.key else base


def _business_flag(config: Config) -> str:
    return f" --business {config.key}" if config.key else ""


def _folder(what: str, path: Path, *, create_hint: str = "") -> Finding:
    if not path.is_dir():
        return Finding(what, False, f"{path} does not exist", create_hint or f"mkdir -p {path}")
    if not os.access(path, os.W_OK | os.X_OK):
        return Finding(what, False, f"{path} is not writable by this user", f"chown or chmod {path}")
    return Finding(what, True, str(path))


def _templates(config: Config) -> Finding:
    from .. import lint

    folder = config.paths.templates
    if not folder.is_dir():
        return Finding("templates", False, f"{folder} does not exist",
                       "set paths.templates, or copy the templates with `dunning-mailer init`")
    folders = sorted({folder, *(p for p in folder.parent.glob("[a-z][a-z]") if p.is_dir())})
    findings = [f for d in folders for f in lint.check_templates(d, config.stages, language=d.name[:2],
                                                                 business=config.business)]
    errors = lint.errors(findings)
    if errors:
        return Finding("templates", False, f"{len(errors)} error(s), e.g. {errors[0]}",
                       "run `dunning-mailer templates check` and fix each one")
    return Finding("templates", True, f"{', '.join(str(d) for d in folders)}: no errors, "
                                      f"{len(findings)} warning(s)")


def _drop(config: Config) -> list[Finding]:
    from ..cycle import dropped_files

    found = [_folder("drop folder", config.paths.drop)]
    if found[0].ok:
        waiting = dropped_files(config)
        found[0] = Finding("drop folder", True, f"{config.paths.drop}: {len(waiting)} file(s) waiting"
                           + ("" if waiting else " (copy an open-invoices export here)"))
    for what, path in (("processed folder", config.paths.processed), ("rejected folder", config.paths.rejected)):
        if path.exists() or not path.parent.is_dir():  # made on first use when its parent is there
            found.append(_folder(what, path))
    return found


def _ledger(config: Config) -> Finding:
    from ..ledger import Ledger, is_database_url, open_ledger

    db = config.paths.database
    if is_database_url(db):  # PostgreSQL: reach it, with its password, and open the business's schema
        try:
            with open_ledger(config) as ledger:
                ledger.customer_exists("")
                return Finding("ledger", True, ledger.where)
        except DunningError as e:
            return Finding("ledger", False, str(e), "check paths.database and DUNNING_MAILER_DATABASE_PASSWORD "
                                                    "(or `dunning-mailer set-password database`)")
    if not db.parent.is_dir() or not os.access(db.parent, os.W_OK):
        return Finding("ledger", False, f"cannot write beside {db}", f"make {db.parent} writable")
    if not db.exists():
        return Finding("ledger", True, f"{db} (made by the first run)")
    try:
        with Ledger(db) as ledger:
            ledger.customer_exists("")
    except DunningError as e:
        return Finding("ledger", False, str(e), "see `Concepts → The ledger` in the README")
    return Finding("ledger", True, str(db))


def checks(config: Config) -> list[Finding]:
    found = [Finding("config", True, f"{config.path or '(built-in defaults)'}; sending as {config.business.email}")]
    if config.business.email.endswith("@example.co.il"):
        found[0] = Finding("config", False, f"{config.path}: business.email is still the example address",
                           "set business.name and business.email")
    if config.transport.kind == "smtp":
        found.append(_guarded("SMTP", smtp_login, config))
    else:
        found.append(_folder("outbox", config.transport.outbox))
    if config.mailbox.kind == "imap":
        found.append(_guarded("IMAP", imap_login, config))
    elif config.mailbox.kind == "maildir":
        found.append(_folder("Maildir", config.mailbox.maildir))
    found.append(_guarded("templates", _templates, config))
    try:
        found += _drop(config)
    except Exception as e:  # noqa: BLE001 - one broken check never hides the others
        found.append(_broken("drop folder", e))
    found.append(_guarded("ledger", _ledger, config))
    found.append(_digest(config))
    return found


def _digest(config: Config) -> Finding:
    from ..cycle.digest import console_link, digest_recipient

    to = digest_recipient(config)
    if to:
        link = f", linking to {console_link(config)}" if config.digest.console_url else ""
        return Finding("daily digest", True, f"to {to} after {config.digest.at:%H:%M} on sending days{link}")
    why = ("digest.enabled = false" if not config.digest.enabled
           else "the outbox transport sends nothing out; set digest.to to have it in the outbox")
    return Finding("daily digest", True, f"none: {why}")


def _guarded(what: str, check, config: Config) -> Finding:
    try:
        return check(config)
    except Exception as e:  # noqa: BLE001 - one broken check never hides the others
        return _broken(what, e)


def _broken(what: str, e: Exception) -> Finding:
    import logging
    logging.getLogger(__name__).debug("the %s check failed", what, exc_info=True)
    text = str(e) if isinstance(e, DunningError) else f"the check failed: unexpected {type(e).__name__}: {e}"
    return Finding(what, False, text, "run with -vv for details")


def _as_json(found: list[Finding]) -> list[dict]:
    return [{"what": f.what, "ok": f.ok, "says": f.says, "fix": f.fix} for f in found]


def _config_checks(load_config) -> list[Finding]:
    try:
        config = load_config()
    except (ConfigError, DunningError) as e:
        return [Finding("config", False, str(e), "fix the config file (`config.example.toml` lists every key)")]
    try:
        return checks(config)
    except Exception as e:  # noqa: BLE001 - in an office, the next business is still checked
        return [_broken("checks", e)]


def cmd_doctor(args) -> int:
    from ..office import find_office

    folder = None if args.config and not args.office else \
        find_office(args.office, os.environ.get("DUNNING_MAILER_OFFICE"), Path.cwd())
    if folder is not None:
        return _doctor_office(args, folder)
    if args.business:
        raise UsageError("no office here: give --office DIR (a folder with office.toml)")
    found = _config_checks(lambda: load(_config_path(args)))
    if getattr(args, "json", False):
        _print_json({"ok": all(f.ok for f in found), "checks": _as_json(found)})
    else:
        for f in found:
            print(f.line())
        bad = [f for f in found if not f.ok]
        print("Everything is ready." if not bad else f"{len(bad)} thing(s) to fix.",
              file=sys.stdout if not bad else sys.stderr)
    return 0 if all(f.ok for f in found) else 1


def _doctor_office(args, folder: Path) -> int:
    """Every business of the office (or the one of --business), each its own section."""
    from ..office import load_office

    try:
        office = load_office(folder)
    except ConfigError as e:  # a broken office.toml: every business inherits it, nothing else to say
        office, top = None, [Finding("office", False, str(e), f"fix {folder}/office.toml")]
    else:
        keys = [args.business] if args.business else office.keys()
        if args.business:
            office.config_path(args.business)   # an unknown name is bad usage (exit 2)
        top = [Finding("office", True, f"{office.file}: {len(keys)} business(es)")] if keys else \
            [Finding("office", False, f"{office.file}: no businesses yet", "dunning-mailer office add NAME")]
    sections = []
    for key in (keys if office is not None else []):
        found = _config_checks(lambda: office.config(key))
        sections.append((key, found))
    ok = all(f.ok for f in top) and all(f.ok for _, found in sections for f in found)
    if getattr(args, "json", False):
        doc = {"office": office.name if office else folder.name,
               "folder": str(office.folder if office else folder), "ok": ok,
               "checks": _as_json(top),
               "businesses": [{"business": key, "ok": all(f.ok for f in found), "checks": _as_json(found)}
                              for key, found in sections]}
        _print_json(doc)
        return 0 if ok else 1
    for f in top:
        print(f.line())
    for key, found in sections:
        print(f"\n== {key} ==")
        for f in found:
            print(f.line())
    summary = [f"{key}: {sum(not f.ok for f in found)} thing(s) to fix" for key, found in sections
               if not all(f.ok for f in found)]
    if ok:
        print("Everything is ready." if len(sections) == 1 else f"All {len(sections)} businesses are ready.")
    else:
        print("; ".join(summary) or "The office needs fixing.", file=sys.stderr)
    return 0 if ok else 1
