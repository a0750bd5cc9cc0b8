"""The console's front page: what needs you; in an office, the business picker first."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for

bp = Blueprint("home", __name__)

# The queue shows this many items at first (a whole day's work); "show all" shows the rest.
PAGE = 200
# Pages that work before a business is chosen (in an office).
WITHOUT_BUSINESS = frozenset({"home.businesses", "home.choose_business"})


@bp.get("/")
def needs():
    from .queues import counts, needs_you

    items = needs_you(g.ledger, g.config, g.now)
    shown = items if request.args.get("show") == "all" else items[:PAGE]
    return render_template("needs.html", title="צריך אותך", items=shown, total=len(items), counts=counts(items))


@bp.get("/locked")
def locked():
    return render_template("error.html", title="צריך להיכנס דרך הקישור",
                           message="פתחו את הכתובת ש-dunning-mailer console הדפיס."), 401


@bp.get("/businesses")
def businesses():
    from ..model import DunningError

    state = current_app.extensions["console"]
    if state.office is None:  # one business: nothing to choose
        return redirect(url_for("home.needs"))
    found = []
    for key in state.businesses():
        try:
            found.append({"key": key, "name": state.config_of(key).business.name, "problem": ""})
        except DunningError as e:  # a broken config is named, and the others still work
            found.append({"key": key, "name": "", "problem": str(e)})
    return render_template("businesses.html", title="בחירת עסק", businesses=found, chosen=session.get("business"))


@bp.post("/businesses")
def choose_business():
    state = current_app.extensions["console"]
    key = request.form.get("business", "")
    if key not in state.businesses():
        abort(400, "no such business in this office")
    session["business"] = key
    flash(f"עוברים לעסק {key}.", "done")
    return redirect(url_for("home.needs"), code=303)
