"""How the console's pages show dates, money, stages and what people wrote: the same formats as the
emails and the terminal (`1,234.00 ₪`, DD/MM/YYYY, the business's time zone), as Jinja filters.
Numbers and ids go in a left-to-right island (`<bdi dir="ltr">`), so they keep their order inside
Hebrew; everything from outside is escaped by Jinja's autoescape."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from markupsafe import Markup, escape

from ..cli.display import STAGES_HE
from ..digest import FLAG_WORDS, PERSON_WORDS
from ..render.formats import format_date, format_money
from ..replies.verdict import LABELS

INTENTS_HE = {"payment_claim": "כתבו ששילמו", "promise": "הבטחה לשלם", "dispute": "מחלוקת",
              "plan_request": "בקשה לפריסה", "question": "שאלה", "none": "בלי בקשה"}


def ltr(text) -> Markup:
    """A number, an id or an address inside Hebrew: one left-to-right island."""
    return Markup('<bdi dir="ltr">%s</bdi>') % escape("" if text is None else str(text))


def isolated(text) -> str:
    """Plain text for inside a Hebrew sentence: a number or an id in Unicode isolates (FSI … PDI)."""
    return f"\u2068{text}\u2069"


def money_text(value, currency: str = "ILS") -> str:
    return isolated(format_money(Decimal(str(value)), currency or "ILS"))


def day_text(value: dt.date | str) -> str:
    return isolated(format_date(_parse(value)))


def money(value, currency: str = "ILS") -> Markup:
    if value is None or value == "":
        return Markup("—")
    return ltr(format_money(Decimal(str(value)), currency or "ILS"))


def totals(balance: dict) -> Markup:
    """`{"ILS": "1200.00", "USD": "10.00"}` -> `1,200.00 ₪ + 10.00 $`."""
    if not balance:
        return Markup("—")
    return Markup(" + ").join(money(v, c) for c, v in sorted(balance.items()))


def _parse(value):
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value or " " in value else dt.date.fromisoformat(value)
    return value


def day(value, tz=None) -> Markup:
    """DD/MM/YYYY (a time is shown on its day in the business's time zone)."""
    value = _parse(value) if value else None
    if value is None:
        return Markup("—")
    if isinstance(value, dt.datetime):
        value = (value.astimezone(tz) if tz else value).date()
    return ltr(format_date(value))


def when(value, tz=None) -> Markup:
    """DD/MM/YYYY HH:MM in the business's time zone."""
    value = _parse(value) if value else None
    if value is None:
        return Markup("—")
    if not isinstance(value, dt.datetime):
        return day(value)
    if tz is not None and value.tzinfo is not None:
        value = value.astimezone(tz)
    return ltr(f"{format_date(value.date())} {value:%H:%M}")


def stage(name: str | None) -> str:
    return STAGES_HE.get(name or "", name or "—")


def intent(name: str | None) -> str:
    return INTENTS_HE.get(name or "", name or "—")


def flag(name: str) -> str:
    return FLAG_WORDS.get(name, name)


def person_reason(code: str | None, fallback: str = "") -> str:
    return PERSON_WORDS.get(code or "", fallback)


def install(app) -> None:
    """The filters every console page may use: `{{ x|money }}`, `{{ t|when }}`, `{{ s|stage }}` …
    (`day` and `when` take the business's time zone from the request's config)."""
    from flask import g

    def _tz():
        config = g.get("config")
        return config.tz if config is not None else None

    app.jinja_env.filters.update(
        money=money, totals=totals, ltr=ltr, stage=stage, intent=intent, flag=flag,
        day=lambda v: day(v, _tz()), when=lambda v: when(v, _tz()))
    app.jinja_env.globals.update(LABELS=LABELS, INTENTS_HE=INTENTS_HE)
