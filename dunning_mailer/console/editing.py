"""The templates editor (/templates): each stage's file beside its live rendering (desktop and
phone width), with the lint's findings inline; saving writes the file atomically."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for

from . import stagefiles

bp = Blueprint("editing", __name__)

# What a rendering may do inside the console: show itself, nothing else (see browse.EMAIL_CSP).
PREVIEW_CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src 'none'; "
               "form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox")
RUN_REFUSES = ("כל עוד יש שגיאות בתבניות, dunning-mailer run לא ישלח אף מייל חדש "
               "(הוא בודק את התבניות לפני כל שליחה); תקנו ושמרו שוב.")


@bp.get("/")
def index():
    files = stagefiles.stage_files(g.config) + [stagefiles.phrases_file(g.config)]
    findings = stagefiles.lint(g.config)
    rows = []
    for f in files:
        mine = [x for x in findings if x.file == f.name]
        rows.append({"file": f, "stage_he": f.title,
                     "errors": sum(x.severity == "error" for x in mine),
                     "warnings": sum(x.severity != "error" for x in mine)})
    shared = [x for x in findings if x.file not in {f.name for f in files}]
    return render_template("editing_index.html", title="תבניות המיילים", rows=rows, shared=shared,
                           errors=sum(x.severity == "error" for x in findings), run_refuses=RUN_REFUSES)


def _file(stage: str):
    found = stagefiles.find(g.config, stage)
    if found is None:
        abort(404)
    return found


def _page(file, text: str, findings: list, *, unsaved: bool = False, changed: bool = False, status: int = 200):
    mine = stagefiles.for_file(findings, file)
    errors = [x for x in findings if x.severity == "error"]
    invoices = request.args.get("invoices", "2")
    invoices = invoices if invoices in ("1", "2", "3") else "2"
    rendered = stagefiles.rendering(g.config, file, g.now.astimezone(g.config.tz).date(), int(invoices))
    broken = rendered if isinstance(rendered, Exception) else None
    return render_template(
        "editing_stage.html", title=f"תבנית: {file.title}", file=file, text=text,
        lines=text.split("\n"), findings=mine, errors=errors,
        other_errors=len(errors) - sum(x.severity == "error" for x in mine),
        unsaved=unsaved, changed=changed, base=stagefiles.fingerprint(file), run_refuses=RUN_REFUSES,
        invoices=invoices, rendered=None if broken else rendered, broken=broken), status


@bp.get("/<stage>")
def stage(stage: str):
    file = _file(stage)
    if file.kind != "wording":
        return _legacy(file)
    text = file.path.read_text(encoding="utf-8", errors="replace")
    return _page(file, text, stagefiles.lint(g.config))


def _legacy(file):
    return render_template("editing_legacy.html", title=f"תבנית: {file.title}",
                           file=file), 200


@bp.post("/<stage>")
def save(stage: str):
    file = _file(stage)
    if file.kind != "wording":
        abort(409, "this stage is in the older three-file layout: `dunning-mailer templates migrate` converts it")
    text = stagefiles.normalized(request.form.get("text", ""))
    if request.form.get("base") != stagefiles.fingerprint(file):
        # Someone (another tab, an editor) changed the file since this page was opened: writing
        # now would throw their change away. Nothing is written; the page shows both.
        return _page(file, text, stagefiles.lint_with(g.config, file, text), unsaved=True, changed=True,
                     status=409)
    findings = stagefiles.lint_with(g.config, file, text)
    errors = [x for x in findings if x.severity == "error"]
    if errors and request.form.get("confirm") != "yes":
        # Nothing written: the page shows the findings and asks to confirm.
        return _page(file, text, findings, unsaved=True, status=422)
    stagefiles.save(g.config, file, text)
    if errors:
        flash(f"הקובץ {file.name} נשמר, ויש בתבניות {len(errors)} שגיאות. {RUN_REFUSES}", "error")
    else:
        stagefiles.remember_clean(g.config)
        warnings = len(findings)
        flash(f"הקובץ {file.name} נשמר. בדיקת התבניות עברה" +
              (f", עם {warnings} הערות." if warnings else " בלי הערות."), "done")
    return redirect(url_for("editing.stage", stage=file.key), code=303)


@bp.get("/<stage>/preview.html")
def preview(stage: str):
    """The saved file rendered with sample data, for the page's frames only."""
    file = _file(stage)
    try:
        invoices = max(1, min(3, int(request.args.get("invoices", "2"))))
    except ValueError:
        invoices = 2
    rendered = stagefiles.rendering(g.config, file, g.now.astimezone(g.config.tz).date(), invoices)
    if isinstance(rendered, Exception):
        body = render_template("editing_broken.html", error=rendered)
    else:
        body = rendered.html
    response = Response(body, mimetype="text/html")
    response.headers["Content-Security-Policy"] = PREVIEW_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response
