"""TOML config -> one frozen Config, with every problem reported at once.

Every key has an embedded default, so an empty file (or none) is a working
demo setup: SQLite ledger, the `outbox` transport, a local Maildir.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..model import DunningError, Layout, Stage
from .settings import (BUSINESS_KEY_RE, DEFAULT_STAGES, EMAIL_RE, OFFICE_FILE, WEEKDAYS, Business, Calendar, Config,
                       ConfigError, Digest, Mailbox, Paths, Payments, Policy, Transport, Worker)


def load(path: Path | None) -> Config:
    """Read `path` (None: embedded defaults in the current folder)."""
    if path is None:
        return from_mapping({}, base=Path.cwd(), path=None)
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except FileNotFoundError:
        raise DunningError("config file not found (create one with `dunning-mailer init DIR`)",
                           where=str(path)) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError([f"not valid TOML: {e}"], path) from None
    folder = path.resolve().parent
    office = folder.parent / OFFICE_FILE
    if not office.is_file():
        return from_mapping(raw, base=folder, path=path)
    # A business of an office: office.toml's sections are the defaults under its own config.
    defaults = office_defaults(office)
    merged = {**defaults, **{k: ({**defaults[k], **v} if isinstance(v, dict) and isinstance(defaults.get(k), dict)
                                 else v) for k, v in raw.items()}}
    if not BUSINESS_KEY_RE.fullmatch(folder.name):
        raise ConfigError([f"the business folder's name {folder.name!r} must be lowercase letters, digits, "
                           "- and _ (it names the business in the office)"], path)
    config = from_mapping(merged, base=folder, path=path)
    return replace(config, key=folder.name, office=folder.parent)


def office_defaults(office_file: Path) -> dict:
    """office.toml without its own [office] table: the config every business starts from."""
    try:
        with open(office_file, "rb") as f:
            raw = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError([f"not valid TOML: {e}"], office_file) from None
    return {k: v for k, v in raw.items() if k != "office"}


class _Reader:
    """Pulls typed values out of a TOML table, collecting problems instead of raising."""

    def __init__(self, problems: list[str]):
        self.problems = problems

    def table(self, raw: dict, name: str) -> dict:
        value = raw.get(name, {})
        if not isinstance(value, dict):
            self.problems.append(f"[{name}] must be a table")
            return {}
        return value

    def take(self, table: dict, section: str, key: str, kind: type | tuple, default: Any) -> Any:
        if key not in table:
            return default
        value = table[key]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if not ok:
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.problems.append(f"{section}.{key}: expected {names}, got {value!r}")
            return default
        return value

    def unknown(self, table: dict, section: str, known: set[str]) -> None:
        for key in table:
            if key not in known:
                self.problems.append(f"{section}.{key}: unknown key")

    def choice(self, table, section, key, choices, default):
        value = self.take(table, section, key, str, default)
        if value not in choices:
            self.problems.append(f"{section}.{key}: must be one of {', '.join(choices)}, got {value!r}")
            return default
        return value


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _window(r: "_Reader", table: dict, key: str) -> tuple[dt.time, dt.time] | None:
    """["HH:MM", "HH:MM"] with start < end; None when absent or empty (a problem is noted if bad)."""
    value = r.take(table, "calendar", key, list, None)
    if not value:
        return None
    try:
        start, end = (_time(x) for x in value)
        if start < end:
            return start, end
    except (ValueError, TypeError):
        pass
    r.problems.append(f"calendar.{key}: expected [\"HH:MM\", \"HH:MM\"] with start < end, got {value!r}")
    return None


def _database(r: _Reader, p: dict, base: Path) -> Path | str:
    """A file beside the config, or a PostgreSQL URL, which must not hold the password."""
    from urllib.parse import parse_qs, urlsplit

    value = r.take(p, "paths", "database", str, "dunning.sqlite3")
    if not value.startswith(("postgresql://", "postgres://")):
        return base / value
    try:
        parts = urlsplit(value)
        secret = parts.password is not None or "password" in parse_qs(parts.query)
    except ValueError:
        r.problems.append("paths.database: not a valid postgresql:// URL")
        return value
    if secret:  # never repeat the URL here: it holds the password
        r.problems.append("paths.database: the URL holds a password; remove it and set "
                          "DUNNING_MAILER_DATABASE_PASSWORD or run `dunning-mailer set-password database`")
    return value


def _date_key(r: "_Reader", table: dict, section: str, key: str) -> dt.date | None:
    value = r.take(table, section, key, (str, dt.date), "")  # TOML has dates: 2026-11-01 or "2026-11-01"
    try:
        return value if isinstance(value, dt.date) or not value else dt.date.fromisoformat(value)
    except ValueError:
        r.problems.append(f"{section}.{key}: expected a date like 2026-11-01, got {value!r}")


def _save_to_sent(r: _Reader, t: dict) -> str:
    value = t.get("save_to_sent", "auto")
    if isinstance(value, bool):
        return "true" if value else "false"
    if value not in ("auto", "true", "false"):
        r.problems.append(f"transport.save_to_sent: expected true, false or \"auto\", got {value!r}")
        return "auto"
    return value


# Providers that file SMTP-submitted mail in Sent themselves: a second copy would be a duplicate.
SELF_FILING_HOSTS = ("gmail.com", "googlemail.com", "office365.com", "outlook.com")


def files_own_sent(host: str) -> bool:
    return any(host.lower().endswith(h) for h in SELF_FILING_HOSTS)


def _decimal(r: _Reader, table: dict, where: str, key: str) -> Decimal | None:
    value = r.take(table, where, key, (int, float, str), None)
    if value is None:
        return None
    try:
        out = Decimal(str(value))
    except InvalidOperation:
        r.problems.append(f"{where}.{key}: not a number: {value!r}")
        return None
    if out < 0:
        r.problems.append(f"{where}.{key}: must not be negative")
    return out


def _stage_options(r: _Reader, s: dict, where: str, name: str, days: int) -> Stage:
    discount = r.take(s, where, "offer_discount", dict, {})
    r.unknown(discount, f"{where}.offer_discount", {"percent", "days"})
    plan = r.take(s, where, "offer_plan", dict, {})
    r.unknown(plan, f"{where}.offer_plan", {"instalments", "min_instalment"})
    percent = _decimal(r, discount, f"{where}.offer_discount", "percent")
    if percent is not None and not 0 < percent < 50:
        r.problems.append(f"{where}.offer_discount.percent: expected a percentage between 0 and 50")
    instalments = r.take(plan, f"{where}.offer_plan", "instalments", int, None)
    if instalments is not None and not 2 <= instalments <= 36:
        r.problems.append(f"{where}.offer_plan.instalments: expected 2 to 36")
    return Stage(
        name, days, r.take(s, where, "template", str, name),
        requires_approval=r.take(s, where, "requires_approval", bool, False),
        min_total=_decimal(r, s, where, "min_total"),
        discount_percent=percent,
        discount_days=r.take(discount, f"{where}.offer_discount", "days", int, 7 if percent else None),
        instalments=instalments,
        min_instalment=_decimal(r, plan, f"{where}.offer_plan", "min_instalment"),
        cc_account_manager=r.take(s, where, "cc_account_manager", bool, False),
    )


def from_mapping(raw: dict, *, base: Path, path: Path | None = None) -> Config:
    problems: list[str] = []
    r = _Reader(problems)
    r.unknown(raw, "config", {"business", "paths", "transport", "mailbox", "calendar",
                              "policy", "stage", "importer", "worker", "digest", "layout",
                              "payments"})

    b = r.table(raw, "business")
    d = Business()
    r.unknown(b, "business", set(Business.__dataclass_fields__))
    business = Business(
        name=r.take(b, "business", "name", str, d.name),
        email=r.take(b, "business", "email", str, d.email),
        timezone=r.take(b, "business", "timezone", str, d.timezone),
        reply_to=r.take(b, "business", "reply_to", str, d.reply_to),
        phone=r.take(b, "business", "phone", str, d.phone),
        website=r.take(b, "business", "website", str, d.website),
        signature_name=r.take(b, "business", "signature_name", str, d.signature_name),
        signature_role=r.take(b, "business", "signature_role", str, d.signature_role),
        payment_methods=tuple(r.take(b, "business", "payment_methods", list, list(d.payment_methods))),
        payment_link=r.take(b, "business", "payment_link", str, d.payment_link),
        bank_details=r.take(b, "business", "bank_details", str, d.bank_details),
        color=r.take(b, "business", "color", str, d.color),
        logo_url=r.take(b, "business", "logo_url", str, d.logo_url),
        currency=r.take(b, "business", "currency", str, d.currency).strip().upper(),
    )
    if not re.fullmatch(r"[A-Z]{3}", business.currency):
        problems.append(f"business.currency: expected a currency code like \"ILS\" or \"USD\", "
                        f"got {business.currency!r}")
    try:
        ZoneInfo(business.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"business.timezone: unknown time zone {business.timezone!r}")
    for key in ("email", "reply_to"):
        value = getattr(business, key)
        if value and not EMAIL_RE.match(value):
            problems.append(f"business.{key}: not an email address: {value!r}")
    if not re.fullmatch(r"#[0-9A-Fa-f]{3}([0-9A-Fa-f]{3})?", business.color):
        problems.append(f"business.color: expected a colour like \"#2b6cb0\", got {business.color!r}")

    p = r.table(raw, "paths")
    r.unknown(p, "paths", {"drop", "processed", "rejected", "database", "templates"})
    drop = base / r.take(p, "paths", "drop", str, "drop")
    database = _database(r, p, base)
    paths = Paths(
        drop=drop,
        processed=base / r.take(p, "paths", "processed", str, "drop/processed"),
        rejected=base / r.take(p, "paths", "rejected", str, "drop/rejected"),
        database=database,
        templates=base / r.take(p, "paths", "templates", str, "templates/he"),
    )

    t = r.table(raw, "transport")
    td = Transport()
    r.unknown(t, "transport", {"kind", "outbox", "host", "port", "security", "username", "timeout",
                               "max_per_minute", "max_per_day", "give_up_after_days", "oauth2_token_command",
                               "save_to_sent"})
    transport = Transport(
        kind=r.choice(t, "transport", "kind", ("outbox", "smtp"), td.kind),
        outbox=base / r.take(t, "transport", "outbox", str, "outbox"),
        host=r.take(t, "transport", "host", str, td.host),
        port=r.take(t, "transport", "port", int, td.port),
        security=r.choice(t, "transport", "security", ("none", "starttls", "ssl"), td.security),
        username=r.take(t, "transport", "username", str, td.username),
        timeout=float(r.take(t, "transport", "timeout", (int, float), td.timeout)),
        max_per_minute=r.take(t, "transport", "max_per_minute", int, td.max_per_minute),
        max_per_day=r.take(t, "transport", "max_per_day", int, td.max_per_day),
        give_up_after_days=float(r.take(t, "transport", "give_up_after_days", (int, float),
                                        td.give_up_after_days)),
        oauth2_token_command=r.take(t, "transport", "oauth2_token_command", str, td.oauth2_token_command),
        save_to_sent=_save_to_sent(r, t),
    )
    for key in ("max_per_minute", "max_per_day"):
        if getattr(transport, key) < 0:
            problems.append(f"transport.{key}: must be 0 (no limit) or more")

    m = r.table(raw, "mailbox")
    md = Mailbox()
    r.unknown(m, "mailbox", {"kind", "maildir", "host", "port", "security", "username",
                             "folder", "sent_folder", "oauth2_token_command", "read_since", "first_sync_days"})
    mailbox = Mailbox(
        kind=r.choice(m, "mailbox", "kind", ("maildir", "imap", "none"), md.kind),
        maildir=base / r.take(m, "mailbox", "maildir", str, "mail"),
        host=r.take(m, "mailbox", "host", str, md.host),
        port=r.take(m, "mailbox", "port", int, md.port),
        security=r.choice(m, "mailbox", "security", ("none", "starttls", "ssl"), md.security),
        username=r.take(m, "mailbox", "username", str, md.username),
        folder=r.take(m, "mailbox", "folder", str, md.folder),
        sent_folder=r.take(m, "mailbox", "sent_folder", str, md.sent_folder),
        oauth2_token_command=r.take(m, "mailbox", "oauth2_token_command", str, md.oauth2_token_command),
        read_since=_date_key(r, m, "mailbox", "read_since"),
        first_sync_days=r.take(m, "mailbox", "first_sync_days", int, md.first_sync_days),
    )

    c = r.table(raw, "calendar")
    cd = Calendar()
    r.unknown(c, "calendar", {"workdays", "send_window", "holidays", "holiday_eves", "friday_window",
                              "due_on_non_workday", "holiday_weeks"})
    workdays = cd.workdays
    names = r.take(c, "calendar", "workdays", list, None)
    if names is not None:
        bad = [n for n in names if str(n).lower() not in WEEKDAYS]
        if bad or not names:
            problems.append(f"calendar.workdays: expected day names like \"sun\", \"mon\"; got {names!r}")
        else:
            workdays = tuple(WEEKDAYS.index(str(n).lower()) for n in names)
    window = _window(r, c, "send_window") or cd.send_window
    friday = _window(r, c, "friday_window")
    calendar = Calendar(
        workdays=workdays,
        send_window=window,
        holidays=r.take(c, "calendar", "holidays", str, cd.holidays),
        holiday_eves=r.take(c, "calendar", "holiday_eves", bool, cd.holiday_eves),
        friday_window=friday,
        holiday_weeks=r.take(c, "calendar", "holiday_weeks", bool, cd.holiday_weeks),
        due_on_non_workday=r.choice(c, "calendar", "due_on_non_workday", ("as_is", "next_workday"),
                                    cd.due_on_non_workday),
    )
    if calendar.holidays.lower() not in ("none", "il"):  # IL is always there; others are checked
        try:
            import holidays as holidays_lib
            holidays_lib.country_holidays(calendar.holidays)
        except (NotImplementedError, KeyError, ImportError):
            problems.append(f"calendar.holidays: unknown country code {calendar.holidays!r} (use e.g. \"IL\" or \"none\")")

    po = r.table(raw, "policy")
    pd = Policy()
    r.unknown(po, "policy", set(Policy.__dataclass_fields__))
    policy = Policy(
        min_days_between=r.take(po, "policy", "min_days_between", int, pd.min_days_between),
        max_close_fraction=float(r.take(po, "policy", "max_close_fraction", (int, float), pd.max_close_fraction)),
        brake_min_open=r.take(po, "policy", "brake_min_open", int, pd.brake_min_open),
        call_after_unanswered=r.take(po, "policy", "call_after_unanswered", int, pd.call_after_unanswered),
        promise_grace_days=r.take(po, "policy", "promise_grace_days", int, pd.promise_grace_days),
        thank_you=r.take(po, "policy", "thank_you", bool, pd.thank_you),
        payment_claim_grace_days=r.take(po, "policy", "payment_claim_grace_days", int, pd.payment_claim_grace_days),
        reminder_language=r.choice(po, "policy", "reminder_language", ("he", "en"), pd.reminder_language),
        reply_confidence=float(r.take(po, "policy", "reply_confidence", (int, float), pd.reply_confidence)),
    )
    if not 0 <= policy.reply_confidence <= 1:
        problems.append("policy.reply_confidence: must be between 0 and 1")
    if policy.min_days_between < 0:
        problems.append("policy.min_days_between: must be 0 or more")
    if not 0 < policy.max_close_fraction <= 1:
        problems.append("policy.max_close_fraction: must be above 0 and at most 1")

    w = r.table(raw, "worker")
    wd = Worker()
    r.unknown(w, "worker", set(Worker.__dataclass_fields__))
    worker = Worker(**{k: r.take(w, "worker", k, int, getattr(wd, k)) for k in Worker.__dataclass_fields__})
    for k in Worker.__dataclass_fields__:
        if getattr(worker, k) < 1:
            problems.append(f"worker.{k}: must be 1 or more")

    dg = r.table(raw, "digest")
    r.unknown(dg, "digest", set(Digest.__dataclass_fields__))
    digest = Digest(to=r.take(dg, "digest", "to", str, ""), enabled=r.take(dg, "digest", "enabled", bool, True),
                    console_url=r.take(dg, "digest", "console_url", str, ""))
    if digest.to and not EMAIL_RE.match(digest.to):
        problems.append(f"digest.to: not an email address: {digest.to!r}")
    if digest.console_url and not re.fullmatch(r"https?://[^\s\"'<>]+", digest.console_url):
        problems.append(f"digest.console_url: expected an http:// or https:// address, got {digest.console_url!r}")
    at = r.take(dg, "digest", "at", str, None)
    if at is not None:
        try:
            digest = replace(digest, at=_time(at))
        except ValueError:
            problems.append(f"digest.at: expected \"HH:MM\", got {at!r}")

    la = r.table(raw, "layout")
    ld = Layout()
    r.unknown(la, "layout", set(Layout.__dataclass_fields__))
    layout = Layout(summary=r.take(la, "layout", "summary", bool, ld.summary),
                    transfer_reference=r.take(la, "layout", "transfer_reference", bool, ld.transfer_reference),
                    width=r.take(la, "layout", "width", int, ld.width))
    if not 320 <= layout.width <= 900:
        problems.append(f"layout.width: the card's width in pixels, between 320 and 900; got {layout.width}")

    pm = r.table(raw, "payments")
    pmd = Payments()
    r.unknown(pm, "payments", set(Payments.__dataclass_fields__))
    tolerance = _decimal(r, pm, "payments", "amount_tolerance")
    payments = Payments(
        match=r.take(pm, "payments", "match", bool, pmd.match),
        amount_tolerance=pmd.amount_tolerance if tolerance is None else tolerance,
        confident=float(r.take(pm, "payments", "confident", (int, float), pmd.confident)),
        days_before_issue=r.take(pm, "payments", "days_before_issue", int, pmd.days_before_issue),
        max_review_customers=r.take(pm, "payments", "max_review_customers", int, pmd.max_review_customers),
    )
    if not 0.5 <= payments.confident <= 1:
        problems.append("payments.confident: expected a number from 0.5 to 1")
    if payments.max_review_customers < 1:
        problems.append("payments.max_review_customers: must be 1 or more")

    stages = DEFAULT_STAGES
    raw_stages = raw.get("stage")
    if raw_stages is not None:
        if not isinstance(raw_stages, list) or not raw_stages:
            problems.append("stage: expected one or more [[stage]] tables")
        else:
            parsed = []
            for i, s in enumerate(raw_stages):
                where = f"stage[{i}]"
                if not isinstance(s, dict):
                    problems.append(f"{where}: must be a table")
                    continue
                r.unknown(s, where, {"name", "days", "template", "requires_approval", "min_total",
                                     "offer_discount", "offer_plan", "cc_account_manager"})
                name = r.take(s, where, "name", str, None)
                days = r.take(s, where, "days", int, None)
                if name is None or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
                    problems.append(f"{where}.name: required, lowercase letters, digits and _")
                    continue
                if days is None:
                    problems.append(f"{where}.days: required (days relative to the due date)")
                    continue
                parsed.append(_stage_options(r, s, where, name, days))
            names_seen = [s.name for s in parsed]
            if len(set(names_seen)) != len(names_seen):
                problems.append("stage: two stages share a name")
            if [s.days for s in parsed] != sorted(s.days for s in parsed):
                problems.append("stage: stages must be listed in order of their days")
            stages = tuple(parsed) or DEFAULT_STAGES

    importers = raw.get("importer", [])
    if not isinstance(importers, list):
        problems.append("importer: expected [[importer]] tables")
        importers = []
    else:
        for i, imp in enumerate(importers):
            try:
                from .sources import profile_from_mapping
                profile_from_mapping(str(imp.get("name", f"importer{i}")), imp)
            except ImportError:
                pass
            except (ValueError, AttributeError) as e:
                problems.append(f"importer[{i}]: {e}")

    if problems:
        raise ConfigError(problems, path)
    return Config(path=path, business=business, paths=paths, transport=transport,
                  mailbox=mailbox, calendar=calendar, policy=policy, stages=stages,
                  importers=tuple(importers), worker=worker, digest=digest, layout=layout,
                  payments=payments)
