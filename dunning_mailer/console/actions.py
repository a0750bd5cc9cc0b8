"""The one-click actions (POST /act/…): each calls exactly what the CLI command calls — the same
ledger function with the same arguments — then goes back (to the queue, or the page that sent it)
with one Hebrew line that says what was done. The forms work without JavaScript.

| action   | the CLI                         | what it calls                          |
| resume   | resume CUSTOMER                 | Ledger.resume                          |
| pause    | pause CUSTOMER --until D        | Ledger.pause(origin="manual")          |
| promise  | promise CUSTOMER --date D       | Ledger.add_promise(origin="manual")    |
| plan     | plan CUSTOMER --instalments N … | payment_plan_terms, Ledger.add_payment_plan |
| label    | label REPLY INTENT [--date] …   | cycle.relabel                          |
| approve  | approve CUSTOMER                | Ledger.approve                         |
| confirm  | payments confirm N              | Ledger.confirm_payment                 |
| reject   | payments reject N               | Ledger.reject_payment                  |
| paid     | paid INVOICE                    | Ledger.mark_paid                       |
"""
from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal, InvalidOperation

from flask import Blueprint, flash, g, redirect, request, url_for

from ..model import DunningError
from . import formats

bp = Blueprint("actions", __name__)
log = logging.getLogger(__name__)


class FormError(Exception):
    """A form that cannot be acted on: the Hebrew sentence says why; nothing was changed."""


def _back():
    target = request.form.get("next", "")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = url_for("home.needs")
    return redirect(target, code=303)


def _done(message: str):
    flash(message, "done")
    return _back()


def _customer() -> str:
    cid = request.form.get("customer", "").strip()
    if not cid or not g.ledger.customer_exists(cid):
        raise FormError("אין לקוח כזה בספר.")
    return cid


def _date(field: str, what: str, *, required: bool = True) -> dt.date | None:
    text = request.form.get(field, "").strip()
    if not text:
        if required:
            raise FormError(f"חסר תאריך: {what}.")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        try:
            return dt.datetime.strptime(text, "%d/%m/%Y").date()
        except ValueError:
            raise FormError(f"{what}: תאריך לא מובן ({text}); כותבים כך: 31/12/2026.") from None


def _amount(field: str) -> Decimal | None:
    text = request.form.get(field, "").strip().replace(",", "").replace("₪", "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise FormError(f"סכום לא מובן: {text}.") from None
    if value <= 0:
        raise FormError("הסכום צריך להיות גדול מאפס.")
    return value


def _today() -> dt.date:
    return g.now.astimezone(g.config.tz).date()


def _not_past(day: dt.date, what: str) -> None:
    if day < _today():
        raise FormError(f"{what}: התאריך כבר עבר.")


def action(name: str):
    """A POST route that turns a FormError or a DunningError into a Hebrew line and changes nothing."""
    def wrap(fn):
        def view():
            try:
                return _done(fn())
            except FormError as e:
                flash(str(e), "error")
            except DunningError as e:
                flash(f"לא בוצע: {e}", "error")
            except LookupError as e:
                flash(f"לא בוצע: {e}", "error")
            return _back()
        view.__name__ = fn.__name__
        return bp.post(f"/{name}")(view)
    return wrap


@action("resume")
def resume():
    cid = _customer()
    cleared = g.ledger.resume(cid, now=g.now, reason="in the console")
    done = []
    if cleared["pauses"]:
        done.append(f"הסתיימו {formats.isolated(len(cleared['pauses']))} השהיות")
    if cleared["flags"]:
        done.append("סימונים שהוסרו: " + ", ".join(formats.flag(f) for f in cleared["flags"]))
    if cleared["addresses"]:
        done.append("כתובות שחזרו לשימוש: " + ", ".join(formats.isolated(a) for a in cleared["addresses"]))
    line = f"{_who(cid)}: " + ("; ".join(done) if done else "שום דבר לא עיכב את התזכורות") + "."
    still = _still_in_place(cid)
    return line + (f" עדיין בתוקף: {'; '.join(still)}." if still else " התזכורות ממשיכות כרגיל.")


def _still_in_place(cid: str) -> list[str]:
    """What `resume` does not lift, as the CLI says after it: a promise, a plan, an approval."""
    still = []
    promise = g.ledger.open_promises().get(cid)
    if promise is not None:
        still.append(f"הבטחה לשלם עד {formats.day_text(promise.due)} (התזכורות מחכות לה)")
    if cid in g.ledger.active_payment_plans():
        still.append("הסדר תשלומים (הודעות קצרות במקום התזכורות)")
    if any(a["customer_id"] == cid for a in g.ledger.awaiting_approval()):
        still.append("מייל שמחכה לאישור")
    return still


@action("pause")
def pause():
    cid = _customer()
    until = _date("until", "עד מתי להשהות", required=False)
    if until is not None:
        _not_past(until, "עד מתי להשהות")
    reason = request.form.get("reason", "").strip()[:200] or "paused by hand"
    g.ledger.pause(cid, now=g.now, reason=reason, origin="manual", until=until)
    return f"{_who(cid)}: התזכורות מושהות " + (f"עד {formats.day_text(until)}." if until else "עד שתחדשו אותן.")


@action("promise")
def promise():
    cid = _customer()
    due = _date("date", "מתי הלקוח הבטיח לשלם")
    _not_past(due, "מועד ההבטחה")
    amount = _amount("amount")
    g.ledger.add_promise(cid, due=due, amount=amount, now=g.now, origin="manual")
    return (f"{_who(cid)}: נרשמה הבטחה לשלם עד {formats.day_text(due)}"
            + (f" ({formats.money_text(amount)})" if amount else "")
            + ". התזכורות מחכות עד אז; אחר כך תודה, או פנייה ידידותית אחת.")


@action("plan")
def plan():
    from ..cli.people import PLAN_INSTALMENTS, payment_plan_terms

    cid = _customer()
    try:
        count = int(request.form.get("instalments", ""))
    except ValueError:
        raise FormError("כמה תשלומים? מספר בין 2 ל־36.") from None
    if count not in PLAN_INSTALMENTS:
        raise FormError("מספר התשלומים: בין 2 ל־36.")
    first = _date("first", "מועד התשלום הראשון")
    _not_past(first, "מועד התשלום הראשון")
    dates, amount = payment_plan_terms(g.ledger.open_balance(cid), count, first, _amount("amount"))
    g.ledger.add_payment_plan(cid, dates=dates, amount=amount, now=g.now)
    return (f"{_who(cid)}: נרשם הסדר של {formats.isolated(count)} תשלומים של {formats.money_text(amount)} "
            f"החל מ־{formats.day_text(first)}; לפני כל תשלום יוצאת הודעה קצרה במקום התזכורות.")


@action("label")
def label():
    from ..cycle import relabel

    try:
        reply_id = int(request.form.get("reply", ""))
    except ValueError:
        raise FormError("איזו תשובה? חסר מספר ההודעה.") from None
    intent = request.form.get("intent", "")
    if intent not in formats.LABELS:
        raise FormError("בחרו מה הלקוח כתב.")
    date = _date("date", "התאריך שהובטח", required=False)
    if date and intent != "promise":
        date = None  # the date field belongs to "promise" only; the form shows it for every choice
    row = g.ledger.reply(reply_id)
    if row is None:
        raise FormError("אין הודעה כזאת בספר.")
    customer = request.form.get("customer", "").strip() or None
    if customer and not g.ledger.customer_exists(customer):
        raise FormError(f"אין לקוח שמספרו {customer}.")
    if not customer and not row["customer_id"] and intent != "none":
        raise FormError("ההודעה לא שויכה ללקוח: כתבו את מספר הלקוח.")
    done = relabel(g.config, g.ledger, reply_id, intent, promise_date=date, now=g.now, customer_id=customer)
    who = _who(done["customer_id"]) if done["customer_id"] else "הודעה בלי לקוח"
    return (f"{who}: ההודעה נקראה כ\u201c{formats.intent(intent)}\u201d"
            + (f" עד {formats.day_text(date)}" if date else "")
            + ". מהיום הודעה דומה תיקרא כך.")


@action("approve")
def approve():
    cid = _customer()
    n = g.ledger.approve(cid, now=g.now)
    if not n:
        raise FormError(f"{_who(cid)}: אין מייל שמחכה לאישור.")
    return f"{_who(cid)}: אושר{'ו' if n > 1 else ''} {formats.isolated(n)} מייל{'ים' if n > 1 else ''}; הם יוצאים בהרצה הבאה."


def _decision() -> int:
    try:
        return int(request.form.get("payment", ""))
    except ValueError:
        raise FormError("איזה זיכוי? חסר מספר.") from None


@action("confirm")
def confirm():
    n = _decision()
    numbers = [x.strip() for x in request.form.getlist("invoice") if x.strip()] or None
    doc = g.ledger.confirm_payment(n, now=g.now, invoices=numbers)
    closed = [a["number"] for a in doc["invoices"] if a["applied"] and a["closes"]]
    return (f"זיכוי #{formats.isolated(n)} אושר" + (": נסגרו " + ", ".join(formats.isolated(c) for c in closed)
                                                  if closed else "") + ". שם המשלם נשמר לפעם הבאה.")


@action("reject")
def reject():
    n = _decision()
    g.ledger.reject_payment(n, now=g.now)
    return f"זיכוי #{formats.isolated(n)} סומן כלא שייך; הלקוח לא מוחזק יותר בגללו."


@action("paid")
def paid():
    number = request.form.get("invoice", "").strip()
    if not number:
        raise FormError("איזו חשבונית? בחרו אחת.")
    n = g.ledger.mark_paid(number, now=g.now, reason="marked paid by hand")
    if n == 0:
        raise FormError(f"אין חשבונית פתוחה שמספרה {formats.isolated(number)}.")
    return f"חשבונית {formats.isolated(number)} סומנה כשולמה; לא נזכיר אותה יותר."


def _who(cid: str) -> str:
    row = g.ledger.db.execute("SELECT name FROM customers WHERE id=?", (cid,)).fetchone()
    return f"{row[0]} ({formats.isolated(cid)})" if row else formats.isolated(cid)
