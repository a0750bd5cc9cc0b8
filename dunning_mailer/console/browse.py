"""Browsing pages: the call list (/calls), customers and aging (/customers, a customer's timeline and
the exact emails sent), what goes out next (/next). They only read; the data comes from
`overview`, through the functions `status`, `plan` and `history` use."""
from __future__ import annotations

from email import policy
from email.parser import BytesParser

from flask import Blueprint, Response, abort, g, render_template, request
from markupsafe import Markup

from . import charts, formats, overview

bp = Blueprint("browse", __name__)

# What an email's own HTML may do inside the console: nothing but show itself. No script, no
# form, no fetch (remote images, fonts and tracking pixels stay out), no navigation of the page.
EMAIL_CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src 'none'; "
             "form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox")


# ---- how values look: the console's own filters (formats), and a timeline fact ----------------

@bp.app_template_filter("fact")
def fact(value) -> Markup:
    """One fact of a timeline event: a date or a time in the one format, anything else as text."""
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            tz = g.config.tz if g.get("config") is not None else None
            return formats.when(value, tz) if "T" in value else formats.day(value, tz)
        except ValueError:
            pass
    if isinstance(value, (list, tuple)):
        return Markup(", ").join(fact(v) for v in value)
    return Markup("<bdi>%s</bdi>") % value


# ---- the pages ----------------------------------------------------------------------------------

@bp.get("/calls/")
def calls():
    snap = overview.read(g.config, g.ledger, g.now)
    rows = overview.call_list(snap)
    return render_template("browse_calls.html", title="רשימת שיחות", rows=rows, today=snap.today)


@bp.get("/customers/")
def customers():
    snap = overview.read(g.config, g.ledger, g.now)
    number, pages = _page_number(len(snap.customers))
    first = (number - 1) * PER_PAGE
    page = overview.customers_page(snap, first, PER_PAGE)
    currencies = sorted({cur for b in page["buckets"] for cur in b["totals"]},
                        key=lambda c: (c != g.config.business.currency, c))
    svgs = [Markup(charts.aging_svg(page["buckets"], cur)) for cur in currencies] or \
        [Markup(charts.aging_svg(page["buckets"], g.config.business.currency))]
    return render_template("browse_customers.html", title="לקוחות וגיל החובות", page=page, charts=svgs,
                           shown=page["customers"], number=number, pages=pages, first=first)


# A page of customers: a ledger of thousands opens at once, largest debts on the first page.
PER_PAGE = 100


def _page_number(count: int) -> tuple[int, int]:
    pages = max(1, -(-count // PER_PAGE))
    try:
        number = int(request.args.get("page", "1"))
    except ValueError:
        number = 1
    return min(max(number, 1), pages), pages


@bp.get("/customers/<path:customer_id>")
def timeline(customer_id: str):
    if not g.ledger.customer_exists(customer_id):
        abort(404)
    snap = overview.read(g.config, g.ledger, g.now, only=customer_id)
    page = overview.customers_page(snap)
    customer = page["customers"][0] if page["customers"] else None
    name = customer["name"] if customer else g.ledger.customer_names().get(customer_id, customer_id)
    items = overview.timeline(g.ledger, customer_id)
    return render_template("browse_timeline.html", title=f"ציר הזמן של {name}", name=name,
                           customer_id=customer_id, customer=customer,
                           items=[(i, overview.timeline_item(i)) for i in items])


@bp.get("/customers/-/email")
def email():
    """One email we sent, as stored: its facts, its HTML part in a sandbox, its text part, its bytes."""
    row = _sent_email()
    parts = _parts(row["raw"]) if row["raw"] else {}
    return render_template("browse_email.html", title=f"מייל שנשלח: {row['subject']}", row=row,
                           text=parts.get("text"), has_html="html" in parts, stage_he=overview.stage_he,
                           size=len(row["raw"] or b""))


@bp.get("/customers/-/email.html")
def email_html():
    """The sent email's HTML part, for the sandboxed frame of /customers/-/email only."""
    row = _sent_email()
    html = _parts(row["raw"]).get("html") if row["raw"] else None
    if html is None:
        abort(404)
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = EMAIL_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


@bp.get("/customers/-/email.eml")
def email_raw():
    """The exact bytes that went out (the stored message), to open in a mail program."""
    row = _sent_email()
    if not row["raw"]:
        abort(404)
    response = Response(row["raw"], mimetype="message/rfc822")
    label = "".join(ch for ch in row["message_id"] if ch.isalnum() or ch in ".-_")[:80] or "email"
    response.headers["Content-Disposition"] = f'attachment; filename="{label}.eml"'
    return response


def _sent_email() -> dict:
    message_id = request.args.get("mid", "")
    row = g.ledger.sent_email(message_id) if message_id else None
    if row is None:
        abort(404)
    return row


def _parts(raw: bytes) -> dict[str, str]:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    out = {}
    for kind in ("html", "plain"):
        part = message.get_body(preferencelist=(kind,))
        if part is not None and part.get_content_subtype() == kind:
            try:
                out["text" if kind == "plain" else kind] = part.get_content()
            except (LookupError, UnicodeDecodeError):
                continue
    return out


@bp.get("/next/")
def next_window():
    window = overview.next_window(g.config, g.now, g.ledger.customer_names())
    return render_template("browse_next.html", title="מה יוצא בחלון השליחה הבא", window=window,
                           calendar_he=overview.calendar_he, calls=set(window["doc"]["call_list"]),
                           stage_he=overview.stage_he, limit=NEXT_LIMIT)


# The next window's lists on one page: a ledger of thousands shows the first ones (largest debts
# first, the planner's order) and how many more there are; `plan --json` has them all.
NEXT_LIMIT = 300
