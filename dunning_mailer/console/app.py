"""The console's Flask app: server-rendered Hebrew pages over the business's ledger.

Every request gets `g.config` (the business it is about), `g.ledger` (opened for this request
alone and closed after it, so each request is a few short transactions beside a running worker,
through the same ledger code the CLI uses) and `g.now` (the clock, or the fixed `--now`)."""
from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Callable

from flask import Flask, flash, g, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException

from ..config import Config
from ..model import DunningError
from . import formats, security

HERE = Path(__file__).resolve().parent
ERRORS = {
    400: ("הבקשה לא מובנת", "הכתובת או הטופס לא שלמים, או שהכתובת שבה נפתח הדף אינה של הקונסולה."),
    403: ("הפעולה לא בוצעה", "הטופס לא הגיע מדף הקונסולה עצמו, או שהוא כבר לא תקף (למשל אחרי הפעלה מחדש). "
                             "טענו את הדף מחדש ונסו שוב. שום דבר לא השתנה."),
    404: ("הדף לא נמצא", "אין דף בכתובת הזאת. אפשר לחזור לדף הראשי."),
    405: ("אי אפשר כך", "שינוי נעשה רק בלחיצה על כפתור בדף. שום דבר לא השתנה."),
}

# The browsing pages own these beginnings of a path; the templates editor owns /templates.
BROWSE_PREFIXES = ("/calls", "/customers", "/next")


def _open_ledger(config: Config):
    from ..ledger import open_ledger
    return open_ledger(config)


def create_app(config: Config | None, *, token: str, now: dt.datetime | None = None,
               ledger_factory: Callable[[Config], object] = _open_ledger, office=None,
               hosts: tuple[str, ...] = ()) -> Flask:
    """The console for one business (`config`), or for every business of `office` (an
    office.Office; then a picker chooses the business and `config` may be None).

    `token` is the first one-time access token (more with `app.extensions["console"].new_token()`);
    `now` fixes the clock (`--now`); `hosts` are Host names accepted besides 127.0.0.1, localhost
    and ::1 (the one given with `--host`)."""
    if config is None and office is None:
        raise ValueError("create_app needs a config or an office")
    app = Flask("dunning_mailer.console", root_path=str(HERE), template_folder="pages",
                static_folder="static", static_url_path="/static")
    # Cookies do not tell ports apart: two consoles on 127.0.0.1 (two businesses, two ports) must
    # not overwrite each other's session, so each running console has a cookie name of its own.
    app.config.update(SESSION_COOKIE_NAME=f"dunning_console_{secrets.token_hex(4)}", SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_SECURE=False,
                      TEMPLATES_AUTO_RELOAD=False, MAX_CONTENT_LENGTH=2 * 1024 * 1024)
    app.jinja_env.autoescape = True
    state = Console(config=config, office=office, fixed_now=now, ledger_factory=ledger_factory)
    app.extensions["console"] = state
    guard = security.Guard(app, first_token=token, hosts=hosts)
    formats.install(app)
    state.new_token = guard.new_token

    from . import actions, browse, editing, home
    app.register_blueprint(home.bp)
    app.register_blueprint(actions.bp, url_prefix="/act")
    app.register_blueprint(browse.bp)
    app.register_blueprint(editing.bp, url_prefix="/templates")
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("browse.") and not rule.rule.startswith(BROWSE_PREFIXES):
            raise RuntimeError(f"console: the browsing page {rule.rule} is outside {BROWSE_PREFIXES}")

    @app.before_request
    def _business_and_ledger():
        g.now = state.now()
        g.office = office
        g.business = None
        g.config = config
        g.ledger = None
        if request.endpoint in (None, "static") or request.endpoint in security.OPEN_ENDPOINTS:
            return None
        if office is not None:
            key = session.get("business")
            if key not in state.businesses():
                key = None
            if key is None and config is not None:
                g.config = config
            elif key is None:
                if request.endpoint in home.WITHOUT_BUSINESS:
                    return None
                return redirect(url_for("home.businesses"))
            else:
                try:
                    g.config = state.config_of(key)
                except DunningError as e:  # its config is broken: say so, and let another be chosen
                    session.pop("business", None)
                    flash(f"לא אפשר לפתוח את {key}: {e}", "error")
                    return redirect(url_for("home.businesses"))
                g.business = key
        g.now = state.now(g.config)
        g.ledger = ledger_factory(g.config)
        return None

    @app.teardown_request
    def _close_ledger(_exc):
        ledger = g.pop("ledger", None)
        if ledger is not None:
            ledger.close()

    @app.context_processor
    def _page_facts():
        return {"business_name": (g.config.business.name if g.get("config") is not None else ""),
                "business_key": g.get("business"), "in_office": office is not None}

    @app.errorhandler(HTTPException)
    def _refused(e: HTTPException):
        title, message = ERRORS.get(e.code, ("הבקשה לא בוצעה", ""))
        return render_template("error.html", title=title, message=message or e.description), e.code

    @app.errorhandler(DunningError)
    def _ledger_trouble(e: DunningError):  # the ledger cannot be opened, a broken config: named, once
        return render_template("error.html", title="לא הצלחנו לקרוא את הספר", message=str(e)), 500

    return app


class Console:
    """What the app keeps between requests: the business(es) and the clock; never the ledger."""

    def __init__(self, *, config, office, fixed_now, ledger_factory):
        self.config, self.office, self.fixed_now = config, office, fixed_now
        self.ledger_factory = ledger_factory
        self._configs: dict[str, Config] = {}
        self.new_token = None  # set by create_app

    def now(self, config: Config | None = None) -> dt.datetime:
        if self.fixed_now is not None:
            return self.fixed_now
        tz = (config or self.config).tz if (config or self.config) is not None else dt.timezone.utc
        return dt.datetime.now(tz)

    def businesses(self) -> list[str]:
        return self.office.keys() if self.office is not None else []

    def config_of(self, key: str) -> Config:
        """The business's config, read once (a broken one raises, named, on its page)."""
        if key not in self._configs:
            self._configs[key] = self.office.config(key)
        return self._configs[key]
