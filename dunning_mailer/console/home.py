"""The console's front page: what needs you; in an office, the business picker first."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for

bp = Blueprint("home", __name__)

# Pages that work before a business is chosen (in an office).
WITHOUT_BUSINESS = frozenset({"home.businesses", "home.choose_business"})


@bp.get("/")
def needs():
    from .queues import needs_you

    items = needs_you(g.ledger, g.config, g.now)
    return render_template("needs.html", title="צריך אותך", items=items)


@bp.get("/locked")
def locked():
    return render_template("error.html", title="צריך להיכנס דרך הקישור",
                           message="פתחו את הכתובת ש-dunning-mailer console הדפיס."), 401


@bp.get("/businesses")
def businesses():
    state = current_app.extensions["console"]
    return render_template("businesses.html", title="בחירת עסק", businesses=state.businesses(),
                           chosen=session.get("business"))


@bp.post("/businesses")
def choose_business():
    state = current_app.extensions["console"]
    key = request.form.get("business", "")
    if key not in state.businesses():
        abort(400, "no such business in this office")
    session["business"] = key
    flash(f"עוברים לעסק {key}.", "done")
    return redirect(url_for("home.needs"), code=303)
