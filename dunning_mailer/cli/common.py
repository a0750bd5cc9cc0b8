"""What every command shares: the clock (`--now`), JSON output, the config path, the ledger, argument
reading and the usage error."""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..config import Config
from ..model import DunningError
from ..shown import shown


log = logging.getLogger("dunning_mailer")


PACKAGE_ROOT = Path(__file__).resolve().parent.parent


class UsageError(DunningError):
    pass


def _now(text: str | None, config: Config) -> dt.datetime:
    if not text:
        return dt.datetime.now(config.tz)
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--now: not an ISO 8601 time: {text!r} (e.g. 2026-12-01T10:00:00+02:00)") from None
    if value.tzinfo is None:  # a bare date or time is read in the business's time zone
        value = value.replace(tzinfo=config.tz)
        if len(text) == 10:
            value = value.replace(hour=10)
    return value


def say(line: str) -> None:
    """One line for a person on stdout; whatever came from outside in it (file names, subjects,
    names) cannot move the cursor, recolour the terminal or start a line of its own."""
    print(shown(line))


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(type(value).__name__)


def _print_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=_json_default) + "\n")


def _config_path(args) -> Path | None:
    if args.config:
        return Path(args.config)
    env = os.environ.get("DUNNING_MAILER_CONFIG")
    if env:
        return Path(env)
    default = Path("config.toml")
    return default if default.exists() else None


def _ledger(config: Config):
    from ..ledger import open_ledger
    return open_ledger(config)


def _customer(ledger, customer_id: str) -> None:
    if not ledger.customer_exists(customer_id):
        raise UsageError(f"no customer with id {customer_id!r} in the ledger")


def _date_arg(text: str, flag: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{flag}: expected a date like 2026-12-31, got {text!r}") from None


def _amount_arg(text: str | None, flag: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except ArithmeticError:
        raise UsageError(f"{flag}: not an amount: {text!r}") from None
    if value <= 0:
        raise UsageError(f"{flag}: must be above 0")
    return value
