"""The two-file layout of installations made before issue 17: three Jinja files per stage
(`<stage>.subject.txt`, `<stage>.txt`, `<stage>.html`) on `_base.txt` / `_base.html`.

Still read, so an old folder keeps sending until `dunning-mailer templates migrate` converts it."""
from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from .formats import format_date, format_money, isolated_html, isolated_text, long_date

LEGACY_PARTS = (".subject.txt", ".txt", ".html")


def _isolate(eval_ctx, text: str) -> Any:
    if eval_ctx.autoescape:
        return Markup(isolated_html(text))
    return isolated_text(text)


@jinja2.pass_eval_context
def _ltr(eval_ctx, value: Any) -> Any:
    return _isolate(eval_ctx, str(value))


@jinja2.pass_eval_context
def _money(eval_ctx, value: Any, currency: str = "ILS") -> Any:
    return _isolate(eval_ctx, format_money(value, currency))


@jinja2.pass_eval_context
def _date(eval_ctx, value) -> Any:
    return _isolate(eval_ctx, format_date(value)) if value else "—"


def filters(language: str) -> dict:
    """`|ltr`, `|money(currency)`, `|date`, `|longdate` for Jinja templates."""
    return {"ltr": _ltr, "money": _money, "date": _date,
            "longdate": lambda value: long_date(value, language)}


def render_parts(env: jinja2.Environment, template: str, ctx: dict, error) -> tuple[str, str, str]:
    """Subject, text and HTML of a two-file stage; `error(file, message, line)` makes the exception."""
    parts = []
    for suffix in LEGACY_PARTS:
        name = template + suffix
        try:
            parts.append(env.get_template(name).render(ctx))
        except jinja2.TemplateSyntaxError as e:
            raise error(e.filename or name, e.message or str(e), e.lineno) from None
        except jinja2.TemplateNotFound as e:
            raise error(name, f"template not found ({e.name})") from None
        except jinja2.UndefinedError as e:
            raise error(name, f"{e.message} (not in the template context)") from None
    return parts[0], parts[1], parts[2]
