"""`doctor`: is this working folder ready? The config, the passwords, the SMTP login, the IMAP login and
folders, the templates, the drop folder and the ledger, each said in plain words. Exit 1 when
something needs fixing. The same login checks run after `set-password`."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..config import Config, ConfigError, load
from ..model import DunningError
from .common import _config_path, _print_json


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
        secret = password("smtp", f"{t.username}@{t.host}")
        if secret is None:
            return Finding("SMTP", False, f"no password for {t.username} at {t.host}",
                           "set DUNNING_MAILER_SMTP_PASSWORD, or run `dunning-mailer set-password smtp`")
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
            secret = password("imap", f"{m.username}@{m.host}")
        if not (secret or token):
            return Finding("IMAP", False, f"no password for {m.username} at {m.host}",
                           "set DUNNING_MAILER_IMAP_PASSWORD, or run `dunning-mailer set-password imap`")
        with ImapMailbox(m, secret, oauth2_token=token) as box:
            seen = box.check_folders()
    except DunningError as e:
        return Finding("IMAP", False, str(e), "check mailbox.host, port, security, username and folder")
    sent = f"; Sent folder {seen['sent']}" if seen["sent"] else "; no Sent folder found (set mailbox.sent_folder)"
    return Finding("IMAP", True, f"logged in as {m.username} at {m.host}; {seen['folder']} has "
                                 f"{seen['messages']} message(s){sent}")


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
        found.append(smtp_login(config))
    else:
        found.append(_folder("outbox", config.transport.outbox))
    if config.mailbox.kind == "imap":
        found.append(imap_login(config))
    elif config.mailbox.kind == "maildir":
        found.append(_folder("Maildir", config.mailbox.maildir))
    found += [_templates(config), *_drop(config), _ledger(config)]
    return found


def cmd_doctor(args) -> int:
    try:
        config = load(_config_path(args))
    except (ConfigError, DunningError) as e:
        found = [Finding("config", False, str(e), "fix the config file (`config.example.toml` lists every key)")]
    else:
        found = checks(config)
    if getattr(args, "json", False):
        _print_json({"ok": all(f.ok for f in found),
                     "checks": [{"what": f.what, "ok": f.ok, "says": f.says, "fix": f.fix} for f in found]})
    else:
        for f in found:
            print(f.line())
        bad = [f for f in found if not f.ok]
        print("Everything is ready." if not bad else f"{len(bad)} thing(s) to fix.",
              file=sys.stdout if not bad else sys.stderr)
    return 0 if all(f.ok for f in found) else 1
