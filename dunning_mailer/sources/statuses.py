"""What a document's statuses say: owed, owed in part, or not owed; and which columns are statuses.

An export may carry more than one status: Odoo's invoice list has "Status" (draft / posted /
cancelled) beside "Payment Status" (not paid / partially paid / in payment / paid / reversed).
A row is owed only when none of its statuses says otherwise, so every status-like column counts:
the ones named so, and an unnamed or unknown column whose values are status words.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Sequence

from . import languages
from .cells import clean_text, is_blank
from .columns import Header
from .containers import column_letters

# Not owed, or not owed yet: paid, closed, cancelled, reversed, written off, and drafts or
# documents awaiting approval that the customer never received.
CLOSED_STATUSES = frozenset({
    "שולם", "שולמה", "שולם במלואו", "שולמה במלואה", "מבוטל", "מבוטלת", "בוטל", "בוטלה", "טיוטה",
    "טיוטא", "סגור", "סגורה", "נסגר", "נסגרה", "מחוק", "נמחק", "נמחקה", "ממתין לאישור",
    "ממתינה לאישור", "לא מאושר", "לא אושר", "הוקפא", "מוקפא", "זוכה", "זוכתה", "זיכוי מלא",
    "נמחק כחוב אבוד", "חוב אבוד", "מחיקת חוב", "בתשלום", "הופקד", "לא נשלח", "לא נשלחה",
    "מבוטל בזיכוי", "הפוך", "בוטל בהיפוך", "סגור - שולם", "נפרע", "נפרעה", "הוחזר",
    "paid", "void", "voided", "draft", "deleted", "closed", "cancelled", "canceled", "cancel",
    "awaiting approval", "pending approval", "submitted", "submitted for approval", "not sent",
    "unsent", "written off", "write off", "write-off", "writtenoff", "bad debt", "uncollectible",
    "reversed", "in payment", "credited", "refunded", "archived", "deposited", "auto-paid",
    "autopaid", "fully paid", "settled", "rejected",
    # Not a debt yet, or never one: Xero's repeating template, Wave's "Saved" (approved, never
    # sent), a pro-forma or an estimate; Morning's manually closed and cancelling documents.
    "repeating", "saved", "pro-forma", "pro forma", "proforma", "estimate", "quote", "quotation",
    "נסגר ידנית", "סגור ידנית", "נסגרה ידנית", "סגורה ידנית", "מבטל מסמך אחר", "הצעת מחיר", "מבוטלת ידנית",
    "deleted draft", "marked as paid", "paid manually", "written-off", "voided (credit)", "overpaid",
})
# Still owed.
OPEN_STATUSES = frozenset({
    "פתוח", "פתוחה", "לא שולם", "לא שולמה", "בפיגור", "ממתין לתשלום", "ממתינה לתשלום", "נשלח",
    "נשלחה", "הופק", "הופקה", "בתוקף", "פעיל", "פעילה", "באיחור", "סופי", "סופית", "נרשם", "נרשמה",
    "רשום", "רשומה", "מאושר", "מאושרת", "לתשלום", "חוב", "בגבייה", "נצפה", "נצפתה",
    "open", "sent", "overdue", "unpaid", "not paid", "awaiting payment", "authorised", "authorized",
    "approved", "viewed", "due", "pending", "outstanding", "posted", "issued", "final", "finalized",
    "past due", "active", "sent to customer", "resent", "retry", "failed", "late",
    "delivered", "not due", "not yet due", "due today", "due soon", "payment failed", "unpaid invoice",
    "open invoice", "in collection", "טרם שולם", "לא נפרע", "לא נפרעה",
})
# Owed, but whether to remind is a person's call: the customer disputes the invoice, or it is
# with a lawyer. The file is held with a question naming them (status_questions).
PERSON_STATUSES = frozenset({
    "disputed", "in dispute", "dispute", "on hold", "legal", "in legal", "with lawyer", "במחלוקת",
    "בטיפול משפטי", "בהליך משפטי", "בתביעה", "מוקפא לבקשת הלקוח", "בבירור", "בהשגה",
})
# Owed in part: the balance is what is owed, so a file without one cannot say how much.
PARTIAL_STATUSES = frozenset({
    "שולם חלקית", "שולמה חלקית", "חלקי", "חלקית", "תשלום חלקי", "partial", "partially paid",
    "partly paid", "part paid", "part-paid",
})

CLOSED_STATUSES |= languages.CLOSED
OPEN_STATUSES |= languages.OPEN
PARTIAL_STATUSES |= languages.PARTIAL

CLOSED, PARTIAL, OPEN = "closed", "partial", "open"
# What a document-type column ("סוג מסמך", "Type", "Transaction Type") says of a row: some
# documents are never a debt (a receipt, an invoice-receipt paid when issued, a quote, an order,
# a payment or an overpayment); a credit note is money the business owes back, whatever sign the
# export writes it with; an invoice says nothing the status and balance do not.
CREDIT, DOCUMENT = "credit", "document"
NOT_A_DEBT_TYPES = frozenset({
    "קבלה", "קבלות", "חשבונית מס קבלה", "חשבונית מס/קבלה", "חשבונית מס - קבלה", "חשבונית מס-קבלה",
    "חשבונית קבלה", "הזמנה", "הזמנת עבודה", "תעודת משלוח", "תעודת החזרה", "תקבול",
    "receipt", "payment", "customer payment", "incoming payment", "received payment", "overpayment",
    "prepayment", "sales overpayment", "sales prepayment", "receive payment", "sales receipt",
    "sales order", "order", "delivery note", "rc", "tax invoice/receipt", "tax invoice receipt",
    "invoice/receipt", "invoice receipt", "invoice-receipt", "tax invoice-receipt", "חשבונית/קבלה",
})
CREDIT_TYPES = frozenset({
    "חשבונית זיכוי", "זיכוי", "חשבונית מס זיכוי", "credit note", "credit memo", "sales credit note",
    "accrec credit", "accreccredit", "customer credit note", "out refund", "cn", "credit invoice",
    "credit tax invoice", "tax credit note", "חשבונית מס/זיכוי", "חשבונית זיכוי מס",
})
DEBT_TYPES = frozenset({
    "חשבונית מס", "חשבונית", "חשבון עסקה", "חשבונית עסקה", "דרישת תשלום", "invoice", "tax invoice",
    "sales invoice", "accrec", "customer invoice", "bill", "debit note", "journal entry", "in",
    "out invoice", "a/r invoice", "ar invoice", "חיוב",
})


def status_word(value: object) -> str:
    """A status cell as the word lists hold it: lower case, `_` as a space (`in_payment`)."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", clean_text(value))  # "PartiallyPaid"
    text = re.sub(r"\s*/\s*", "/", text)  # "חשבונית מס / קבלה" as "חשבונית מס/קבלה"
    return re.sub(r"\s+", " ", text.lower().replace("_", " ")).strip()


def status_meaning(value: object, closed: frozenset = frozenset(),
                   opened: frozenset = frozenset()) -> str | None:
    """CLOSED, PARTIAL, OPEN, or None for a blank or unknown status (`closed`/`opened`: a
    profile's own words, lower case)."""
    word = status_word(value)
    if not word:
        return None
    if word in closed or word in CLOSED_STATUSES:
        return CLOSED
    if word in NOT_A_DEBT_TYPES:
        return CLOSED
    if word in CREDIT_TYPES:
        return CREDIT
    if word in DEBT_TYPES:
        return DOCUMENT
    if word in PARTIAL_STATUSES:
        return PARTIAL
    if word in opened or word in OPEN_STATUSES:
        return OPEN
    for pattern, meaning in _PHRASES:  # "Overdue 12 days", "Paid 02/11/2026", "בפיגור 30 יום"
        if pattern.match(word):
            return meaning
    return None


# A status word followed by its details: the word decides. Partial first ("partially paid…").
_PHRASES = (
    (re.compile(r"(?:partially paid|partly paid|part paid|partial|שולם חלקית|שולמה חלקית)\b"), PARTIAL),
    (re.compile(r"(?:paid|voided|void|deposited|closed|cancell?ed|written off|שולם|שולמה|בוטל|בוטלה|"
                r"מבוטל|מבוטלת|סגור|סגורה)(?:\s|$|[-–:,(])"), CLOSED),
    (re.compile(r"(?:overdue|due|late|open|sent|viewed|unpaid|not paid|בפיגור|באיחור|פתוח|פתוחה|"
                r"לא שולם|לא שולמה)(?:\s|$|[-–:,(])"), OPEN),
)


def is_closed_status(value: object, closed: frozenset = frozenset()) -> bool:
    """Whether a status says the document is not owed (`closed`: a profile's own words)."""
    return status_meaning(value, closed) == CLOSED


def is_known_status(value: object) -> bool:
    return not status_word(value) or status_meaning(value) is not None


_TOTAL_LABEL = re.compile(r"(?:grand |sub ?)?totals?(?: for .*)?|סה\"?כ.*|סהכ.*|סך הכל.*|סיכום.*")


def is_total_label(value: object) -> bool:
    """Whether a status column's cell is a footer's label ("Total", 'סה"כ'), not a status."""
    return bool(_TOTAL_LABEL.fullmatch(status_word(value).replace("״", '"')))


def needs_person(value: object) -> bool:
    """Whether a status says the invoice is owed but a person decides about reminding it."""
    return status_word(value) in PERSON_STATUSES


def row_meaning(meanings: Iterable[str | None]) -> str | None:
    """What a row's statuses say together: not owed if any says so, else a credit note (by its
    document type), else in part, else owed."""
    found = set(meanings)
    for meaning in (CLOSED, CREDIT, PARTIAL, OPEN):
        if meaning in found:
            return meaning
    return None


def looks_like_status_column(cells: Sequence[object]) -> bool:
    """Whether a column's values are status words: several rows, short words without digits,
    most distinct values known and at least one that says "not owed"."""
    filled = [c for c in cells if not is_blank(c)]
    words = {status_word(c) for c in filled if isinstance(c, str)}
    if len(filled) < 2 or not words or len(words) > 12 or any(re.search(r"\d", w) or len(w) > 30 for w in words):
        return False
    if any(not isinstance(c, str) for c in cells if not is_blank(c)):
        return False
    known = [w for w in words if is_known_status(w)]
    says_closed = any(w in CLOSED_STATUSES or w in PARTIAL_STATUSES for w in words)
    return says_closed and len(known) * 2 > len(words) and len(known) >= 1


def status_columns(header: Header) -> tuple[int, ...]:
    """Every status column of a header, the named one first."""
    first = (header.index["status"],) if "status" in header.index else ()
    return first + tuple(c for c in header.statuses if c not in first)


def with_status_columns(header: Header, header_cells: Sequence[object],
                        columns: Sequence[Sequence[object]], skip: Iterable[int] = ()) -> Header:
    """The header with every unused column whose values are status words counted as a status
    (a "Payment State" the synonyms do not know, a status column left without a header)."""
    used = set(header.index.values()) | set(header.buckets) | set(header.statuses) | set(skip)
    found = tuple(c for c, cells in enumerate(columns)
                  if c not in used and looks_like_status_column(cells))
    return counted_as_statuses(header, header_cells, found)


def counted_as_statuses(header: Header, header_cells: Sequence[object], found: Sequence[int]) -> Header:
    """The header with the columns `found` read as statuses: the first as `status` when the
    header names none, the rest beside it."""
    if not found:
        return header
    if "status" not in header.index:
        first, *rest = found
        text = clean_text(header_cells[first]) if first < len(header_cells) else ""
        return replace(header, index={**header.index, "status": first},
                       texts={**header.texts, "status": text or f"column {column_letters(first)}"},
                       statuses=header.statuses + tuple(rest))
    return replace(header, statuses=header.statuses + tuple(found))
