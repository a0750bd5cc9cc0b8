"""Who may use the console, and which requests may change anything.

- The address printed at start carries a one-time token; presented once, it is exchanged for an
  HttpOnly, SameSite=Strict session cookie (and removed from the address bar by a redirect).
  A token works once; `new_token()` mints another (the CLI prints only the first).
- Only POST changes anything (GET never does). Every POST needs the session, a CSRF token that
  matches the session's, and an Origin (or, without one, a Referer) that is the console itself.
- A Host header that is not the console's (127.0.0.1, localhost, ::1, or the `--host` given) is
  refused, so a web page whose own name points at 127.0.0.1 (DNS rebinding) reads nothing.
"""
from __future__ import annotations

import hmac
import secrets
import threading
from urllib.parse import urlsplit

from flask import Flask, abort, g, redirect, render_template, request, session
from markupsafe import Markup, escape

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# What anyone who reached the right Host may fetch without the session: the page that says how to
# get in. (Static files too: plain CSS, nothing of the ledger.)
OPEN_ENDPOINTS = frozenset({"home.locked"})


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class Guard:
    """The checks of one app; its tokens live in this process only."""

    def __init__(self, app: Flask, *, first_token: str, hosts: tuple[str, ...] = ()):
        self.hosts = LOCAL_HOSTS | {h.strip("[]").lower() for h in hosts if h}
        self._tokens = {first_token}
        self._lock = threading.Lock()
        app.secret_key = secrets.token_bytes(32)  # a restart signs every session out
        app.before_request(self.check)
        app.after_request(self.headers)
        app.jinja_env.globals["csrf_field"] = csrf_field
        app.jinja_env.globals["csrf_token"] = csrf_token

    def new_token(self) -> str:
        token = new_secret()
        with self._lock:
            self._tokens.add(token)
        return token

    def _spend(self, token: str) -> bool:
        with self._lock:
            for known in self._tokens:
                if hmac.compare_digest(known.encode(), token.encode()):
                    self._tokens.discard(known)
                    return True
        return False

    def check(self):
        if _hostname(request.host) not in self.hosts:
            abort(400, "unknown Host")
        token = request.args.get("token")
        if token is not None and request.method == "GET":
            if self._spend(token):
                session.clear()
                session["signed_in"] = True
                session["csrf"] = new_secret()
                session.permanent = False
                rest = [(k, v) for k, v in request.args.items(multi=True) if k != "token"]
                from urllib.parse import urlencode
                return redirect(request.path + ("?" + urlencode(rest) if rest else ""), code=303)
            if not session.get("signed_in"):
                return _locked(used=True)
        if request.endpoint == "static" or request.endpoint in OPEN_ENDPOINTS:
            return None
        if not session.get("signed_in"):
            return _locked(used=False)
        if request.method not in ("GET", "HEAD"):
            if request.method != "POST":
                abort(405)
            if not self._same_origin():
                abort(403, "this request did not come from the console's own page")
            sent = request.form.get("csrf", "")
            if not sent or not hmac.compare_digest(sent.encode(), session.get("csrf", "").encode()):
                abort(403, "the form's check (CSRF) does not match this session: reload the page")
        return None

    def _same_origin(self) -> bool:
        here = f"{request.scheme}://{request.host}".lower()
        origin = request.headers.get("Origin")
        if origin is not None:
            return origin.lower() == here
        referer = request.headers.get("Referer")
        if referer:
            parts = urlsplit(referer)
            return f"{parts.scheme}://{parts.netloc}".lower() == here
        return False

    @staticmethod
    def headers(response):
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            "frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'")
        if request.endpoint != "static":
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def _hostname(host: str) -> str:
    host = host.lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _locked(*, used: bool):
    g.locked = True
    message = ("הקישור הזה כבר שימש פעם אחת, או שאינו תקף. כדי להיכנס שוב, הפעילו מחדש את "
               "dunning-mailer console והשתמשו בכתובת החדשה שהוא מדפיס." if used else
               "כדי להיכנס, פתחו את הכתובת ש-dunning-mailer console הדפיס בשורה הראשונה (עם ה-token).")
    return render_template("error.html", title="צריך להיכנס דרך הקישור", message=message), 401


def csrf_token() -> str:
    return session.get("csrf", "")


def csrf_field() -> Markup:
    """The hidden input every POST form carries: `{{ csrf_field() }}`."""
    return Markup('<input type="hidden" name="csrf" value="%s">' % escape(csrf_token()))
