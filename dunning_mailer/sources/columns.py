"""The invoice fields, the header names exports use for them, and header finding."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from .cells import clean_text
from .ignored import IGNORED

# Synonyms in order of preference: when two columns match one field, the
# earlier synonym wins (Rivhit has both "מס' מסמך" and "אסמכתא").
from .languages import HEADERS as FOREIGN_HEADERS

SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": (
        "מס' חשבונית", "מספר חשבונית", "מס' מסמך", "מספר מסמך", "מס מסמך",
        "Invoice Number", "InvoiceNumber", "Invoice No", "Invoice #", "Invoice No.",
        "Document Number", "Document No", "Document No.", "Num", "No.", "IVNUM", "Number",
        "Invoice",
        "Invoice No.", "Inv #", "Inv No", "Doc No", "Doc. No.", "Document #", "Transaction Number",
        "מספר", "מס'", "מס' חשבונית מס", "מספר חשבונית מס", "חשבונית", "מס. חשבונית", "אסמכתא",
        "אסמכתה",
        "Transaction#", "Transaction #", "Transaction No", "Transaction No.", "Invoice#",
        "Inv. No.", "Inv No.", "Doc #", "Doc. #", "מספר אסמכתא", "מס' אסמכתא", "מס אסמכתא",
        "מס. מסמך", "מספר תעודה", "מס' תעודה",
        "Doc Num", "DocNum", "Document Num",
        "אסמכתא 1", "אסמכתא1",
    ),
    "customer_name": (
        "שם לקוח", "שם הלקוח", "לקוח", "שם חשבון", "Customer Name", "Customer",
        "ContactName", "Contact Name", "Client Name", "Client", "CUSTDES", "Customer full name",
        "Customer Full Name", "Partner", "Customer/Vendor Name", "BP Name", "Organization",
        "Company", "Company Name", "Name", "שם", "שם מלא", "שם כרטיס", "שם לקוח/ספק", "לקוח/ספק",
        "שם חשבון/לקוח", "שם העסק",
        "Customer Display Name", "Display Name", "Debtor", "Debtor Name", "Account Name", "Bill To",
        "Billed To", "Invoice Partner Display Name", "שם החשבון", "שם הכרטיס", "שם לקוח/חשבון",
    ),
    "customer_id": (
        "מס' לקוח", "מספר לקוח", "קוד לקוח", "מפתח חשבון", "מס' חשבון",
        "Customer ID", "CustomerID", "Customer Number", "Customer No", "Client ID",
        "Account", "Account Number", "CUSTNAME", "מזהה לקוח", "מס. לקוח", "קוד חשבון", "מס' כרטיס",
        "מספר כרטיס",
        "כרטיס", "מפתח", "Customer Code", "Customer No.", "Customer #", "Client Number",
        "Client No",
        "Account No", "Account No.", "CardCode", "Customer Ref", "Customer Reference",
        "Account Ref", "A/C Ref", "A/C", "Customer Ref.", "BP Code", "Customer/Vendor Code",
        "Contact ID", "ContactID", "Partner ID", "Customer Id",
        "Debtor Code", "Debtor ID", "Debtor Account", "קוד לקוח/ספק", "מס' לקוח/ספק",
        "מספר כרטיס לקוח", "מס' כרטיס לקוח", "מס' חשבון לקוח",
        "מפתח לקוח", "Client No.", "Client #", "Customer Account", "Customer Acct",
    ),
    "emails": (
        "אימייל", 'דוא"ל', "דואר אלקטרוני", "מייל", "כתובת מייל", "Email",
        "EmailAddress", "Email Address", "E-mail", "Emails", "Customer Email",
        "מייל איש קשר", 'דוא"ל איש קשר', "Contact Email", "Client Email", "Billing Email",
        'דוא"ל לקוח', "מייל לקוח", "Customer E-mail", "Email Addresses",
        'דוא"ל לחשבוניות', "מייל לחשבוניות", "Invoice Email", "Billing E-mail",
    ),
    "issue_date": (
        "תאריך חשבונית", "תאריך מסמך", "תאריך הפקה", "תאריך", "Invoice Date",
        "InvoiceDate", "Document Date", "Date", "Issue Date", "Invoice/Bill Date", "Date Issued",
        "Posting Date", "Transaction Date", "Invoice Issue Date", "ת. מסמך", "ת.מסמך",
        "תאריך אסמכתא",
        "תאריך הנפקה",
        "Doc Date", "Doc. Date", "Bill Date", "Date of Invoice", "Issued On",
        "Issued Date", "Invoice Created", "תאריך הוצאה", "תאריך חשבונית מס", "ת. חשבונית",
        "ת.חשבונית", "תאריך הפקת המסמך",
        "ת.הפקה", "ת.אסמכתא", "תאריך מקור",
    ),
    "due_date": (
        "תאריך פירעון", "תאריך פרעון", "תאריך לתשלום", "לתשלום עד", "מועד תשלום",
        "Due Date", "DueDate", "Payment Due", "Date Due", "Payment Due Date", "Due On",
        "Invoice Due Date", "ת. פירעון", "ת.פירעון", "ת. פרעון", "מועד פירעון", "תאריך יעד לתשלום",
        "תאריך יעד", "תאריך אחרון לתשלום",
        "Due By", "Payment Due On", "Net Due Date", "Maturity Date", "Due Date (UTC)",
        "תאריך תשלום אחרון", "מועד לתשלום", "לתשלום בתאריך", "פירעון", "ת.פרעון", "תאריך לפירעון",
        "Pay Date",  # Priority's English UI: the date the invoice is to be paid
    ),
    "amount": (
        # What the customer was asked for, VAT included, before any plain "Total" or "סכום".
        'סכום כולל מע"מ', 'סה"כ כולל מע"מ', 'סה"כ כולל מעמ', "סכום כולל", 'סה"כ כולל',
        "Total (incl. VAT)", "Total incl. VAT", "Total Including Tax", "Total incl. tax",
        "Total Including VAT", "Total Amount Incl. VAT", "Amount Incl. Tax", "Gross Amount", "Gross Total",
        "Gross", "סכום ברוטו", 'סה"כ ברוטו', "Grand Total",
        'סה"כ מסמך', "סכום חשבונית", "סכום מסמך", 'סה"כ חשבונית', "סכום החשבונית", "סכום המסמך", "סכום",
        'סה"כ', 'סה"כ לתשלום', "Total", "Amount", "Invoice Amount", "Invoice Total", "Total Amount",
        "Original Amount", "Document Total", "Doc. Total", "Doc Total", "Invoice Value", "Document Amount",
        "Orig. Amount", "Total Price",
        "סכום מקורי", "סכום לתשלום",
    ),
    "paid": (
        "סכום ששולם", "שולם", "Amount Paid", "InvoiceAmountPaid", "Paid", "Paid Amount",
        "Payments", "Amount Received", "Received", "Total Paid", "Paid to Date", "התקבל",
        "סכום שהתקבל",
        "Payments Received", "Total Payments", "Payments Made",
        "שולם עד כה", "תקבולים", 'סה"כ תקבולים', "סכום שולם", "תשלומים", 'סה"כ שולם', "סכום התקבול",
    ),
    "balance": (
        "יתרה לגבייה", "יתרה לתשלום", "יתרה פתוחה", "יתרה", "יתרת חוב", "יתרה מצטברת",
        "יתרה לסגירה", "יתרה פתוחה לתשלום", "Open Balance", "InvoiceAmountDue", "Amount Remaining",
        "Amount Outstanding", "Outstanding Amount", "Outstanding", "Open Amount", "Balance Due",
        "Amount Due", "Balance", "Remaining", "Running Balance", "IVBALANCE", "Total unpaid",
        "Total Unpaid", "Residual", "Amount Due (Signed)",
        "Remaining Balance", "Remaining Amount", "Amount Unpaid", "Unpaid Amount",
        "Open Amt", "Balance Remaining", "Due Amount", "Amount Owing", "Owing",
        "Outstanding Balance", "Total Outstanding", "Residual Amount", "Amount Residual",
        "סכום פתוח", "יתרת חשבונית", "נותר לתשלום", "סכום לגבייה", "סכום החוב", "יתרת החוב",
        "יתרה לגביה",
        "יתרה לסוף תקופה", "יתרת סגירה", "Closing Balance", "Ending Balance Due",
        "יתרה כוללת", "יתרה כללית", "Total Balance", "Total Due",
    ),
    # Ledger cards and trial balances: balance = debit - credit. A single
    # "חובה / זכות" column whose cells say the side ("334,921.00 זכות") is a
    # debit column whose credits parse negative.
    "debit": ("חובה", "חובה / זכות", "חובה/זכות", "Debit", "Dr", "חובה (שקל)", "תנועות חובה", "Debits",
              "יתרת חובה", "Debit Balance"),  # balances with a column per side
    "credit": ("זכות", "Credit", "Cr", "תנועות זכות", "Credits", "יתרת זכות", "Credit Balance"),
    "currency": ("מטבע", "Currency", "Currency Code", "CurrencyCode",
        "Curr", "Curr.", "Currency Name", "Invoice Currency", "Document Currency", "ISO Currency",
        "מטבע מסמך", "סוג מטבע", "מטבע החשבונית",
        "Client Currency", "Customer Currency", "Transaction Currency", "Invoice Currency Code",
    ),
    "status": ("סטטוס", "מצב", "מצב מסמך", "Status", "Invoice Status", "Payment Status",
               "Payment State", "State", "סטטוס תשלום", "מצב תשלום", "סטטוס מסמך",
        "Invoice State", "Document Status", "Doc Status", "Paid Status", "Collection Status",
        "מצב חשבונית", "סטטוס חשבונית", "סטטוס גבייה", "מצב גבייה", "מצב תשלום",
    ),
    "terms": ("תנאי תשלום", "Terms", "Payment Terms", "Term", "תנאים",
        "Due Terms", "תנאי אשראי",
        # Stripe's collection method: charge_automatically is charged when the invoice is
        # finalized, so without a due date it falls due on its date (cells.due_from_terms).
        "Billing", "Collection Method", "collection_method",
    ),
    "language": ("שפה", "Language"),
    # Contacts files.
    "contact_name": ("איש קשר", "שם איש קשר", "Contact", "Contact Person"),
    "account_manager": (
        "מנהל תיק", "מנהל לקוח", "מנהל החשבון", "איש מכירות", "סוכן", "Account Manager",
        "Sales Rep", "Sales Representative", "Salesperson",
    ),
    "account_manager_email": (
        "מייל מנהל תיק", 'דוא"ל מנהל תיק', "אימייל מנהל תיק", "מייל מנהל לקוח",
        'דוא"ל מנהל לקוח', "מייל איש מכירות", "Account Manager Email",
        "Account Manager E-mail", "Sales Rep Email", "Salesperson Email",
    ),
    # The customer's phone (the call list shows it; kept as written, see phones.py).
    "phone": (
        "טלפון", "טל'", "טל.", "נייד", "טלפון נייד", "פלאפון", "סלולרי", "טלפון סלולרי", "מס' טלפון",
        "מספר טלפון", "טלפון לקוח", "טלפון איש קשר", "טלפון ליצירת קשר", "מס' נייד", "מספר נייד",
        "Phone", "Mobile", "Tel", "Tel.", "Telephone", "Contact Phone", "Phone Number", "Phone No",
        "Phone No.", "Telephone Number", "Mobile Phone", "Mobile Number", "Cell", "Cell Phone",
        "Customer Phone", "Client Phone", "Billing Phone", "Phone 1", "Primary Phone",
    ),
}
# A header whose own field a better-ranked column already holds may stand for a second one:
# Stripe's "Amount Due" is the invoice's amount beside "Amount Remaining", its "Customer" the
# customer's id beside "Customer Name".
SECOND_CHOICE: dict[str, str] = {
    "Amount Due": "amount", "Balance Due": "amount", "Customer": "customer_id", "Client": "customer_id",
    "לקוח": "customer_id", "Account": "customer_name",
}
FIELDS: tuple[str, ...] = tuple(SYNONYMS)
_IGNORED_KEYS = {header_key_: reason for reason, names in IGNORED.items() for header_key_ in names}


def ignored_reason(text: object) -> str | None:
    """Why a column real exports carry is deliberately not used (see IGNORED), or None."""
    return _IGNORED_BY_KEY.get(header_key(text)) or _IGNORED_BY_KEY.get(_bare_key(text) or "\0")


HEADER_SCAN_ROWS = 30

# Quotes, gershayim and geresh in every spelling ("סה״כ", 'סה"כ', "סה''כ"), and the period of an
# abbreviation ("Doc. No.", "ת.פירעון"): none is part of a header's name.
_QUOTES = re.compile("[\"'`׳״“”‘’.]")
_JOINERS = re.compile(r"[\s_\-־–—/]+")


def header_key(text: object) -> str:
    """A header reduced to what identifies it: no marks (a template's "*" for a required
    column, at either end), quotes, case or spacing."""
    cleaned = clean_text(text).strip("*: ").strip()
    return _JOINERS.sub("", _QUOTES.sub("", cleaned)).lower()


# A currency written beside a header's name: "Balance (USD)", "יתרה ₪", "סכום בש"ח", "Total $".
_CURRENCY_MARK = (r"[₪$€£]|ils|nis|usd|eur|gbp|cad|aud|nzd|chf|ש[\"״']?ח|בש[\"״']?ח|ב-?₪|"
                  r"in (?:ils|nis|usd|eur|gbp|cad|aud|nzd|chf)")
TRAILING_CURRENCY = re.compile(rf"(?:^|\s|[-–,])({_CURRENCY_MARK})\s*$", re.I)
LEADING_CURRENCY = re.compile(rf"^\s*([₪$€£])\s*", re.I)
# Brackets that name another column, not a unit: SAP's "(FC)" (the document's foreign
# currency), "(SC)" (the system currency), "(LC)", an amount in the company's own currency.
_OTHER_COLUMN = re.compile(r"\(\s*(?:fc|sc|lc|bcy|base|company|home|local|system|foreign|functional)"
                           r"(?:\s+currency)?\s*\)"
                           # and amounts written in thousands: "סכום (אלפי ₪)", "Balance (000s)"
                           r"|thousand|\b000s?\b|\$\s?k\b|\bk\s?\$|אלפי|באלפים|million|מיליון", re.I)


def _bare_key(text: object) -> str:
    # "סכום (₪)", "Amount (ILS)", "Due Date (UTC)", "יתרה ₪": the unit is not part of the name.
    cleaned = clean_text(text)
    if _OTHER_COLUMN.search(cleaned):
        return ""
    cleaned = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", cleaned)
    cleaned = LEADING_CURRENCY.sub("", TRAILING_CURRENCY.sub("", cleaned.strip("*: ")))
    return header_key(cleaned)


_LOOKUP: dict[str, tuple[str, int]] = {}
for _field, _names in SYNONYMS.items():
    for _rank, _name in enumerate(_names):
        _LOOKUP.setdefault(header_key(_name), (_field, _rank))


for _field, _names in FOREIGN_HEADERS.items():  # German and French UIs, after every other name
    for _rank, _name in enumerate(_names, start=len(SYNONYMS[_field])):
        _LOOKUP.setdefault(header_key(_name), (_field, _rank))

_SECOND = {header_key(name): field for name, field in SECOND_CHOICE.items()}
_IGNORED_BY_KEY = {header_key(name): reason for name, reason in _IGNORED_KEYS.items()}


def field_for_header(text: object) -> tuple[str, int] | None:
    """(field, preference rank) a header names, or None.

    A header written on two lines in one cell ("חובה / זכות (שקל)" over "חובה", a flattened
    two-level header) is known by its lower line, else its upper one."""
    key = header_key(text)
    if not key:
        return None
    found = _LOOKUP.get(key) or _LOOKUP.get(_bare_key(text))
    if found is None and isinstance(text, str) and "\n" in text.strip():
        lines = [line for line in text.strip().splitlines() if header_key(line)]
        for line in reversed(lines):
            if found := _LOOKUP.get(header_key(line)) or _LOOKUP.get(_bare_key(line)):
                break
    if found is None and isinstance(text, str) and (entity := _ENTITY.match(clean_text(text))):
        # "Invoice Balance", "invoice.paid_to_date" (Invoice Ninja): the document's own field.
        inner = _LOOKUP.get(header_key(text[entity.end():]))
        if inner and inner[0] in _DOCUMENT_FIELDS:
            found = inner
    return found


_ENTITY = re.compile(r"(?:invoice|inv|document|doc)(?:\.|_|\s+)", re.I)
_DOCUMENT_FIELDS = frozenset({"amount", "balance", "paid", "status", "due_date", "issue_date",
                              "currency", "terms"})


def second_choice(text: object) -> str | None:
    """The field a header stands for when its own is taken (see SECOND_CHOICE)."""
    return _SECOND.get(header_key(text)) or _SECOND.get(_bare_key(text))


# Aging-report bucket headers: "שוטף", "0-30", "31 - 60 days", "מעל 90", "91+",
# "91 and over", "Current". Matched on the cleaned text, never on header_key,
# which would glue "31-60" into "3160".
_DAYS_WORDS = (r"(?:\s*(?:days?|ימים|יום|ימי פיגור|months?|חודשים|חודש))?"
               r"(?:\s*(?:past due|overdue|expired|late|בפיגור|באיחור))?")
_BUCKET = re.compile(
    r"(?:current|future|at date|not (?:yet )?(?:due|overdue|expired)|שוטף|לא בפיגור|טרם (?:הגיע )?מועד(?: הפירעון)?"
    r"|טרם לפירעון|לא הגיע מועד(?: הפירעון)?)"
    rf"|(?:from\s*)?\d{{1,3}}\s*(?:[-–]|to|עד)\s*\d{{1,3}}{_DAYS_WORDS}"
    rf"|(?:over|above|more than|older than|>\s*|מעל(?: ל)?-?\s*|יותר מ-?\s*)\s*\d{{1,3}}{_DAYS_WORDS}"
    rf"|(?:<\s*|less than|up to|עד(?: ל)?-?\s*)\s*\d{{1,3}}{_DAYS_WORDS}"
    rf"|\d{{1,3}}\s*\+{_DAYS_WORDS}"
    rf"|\d{{1,3}}\s*(?:or more|and over|and above|or less|and under|ומעלה|או יותר){_DAYS_WORDS}"
    rf"|\d{{1,2}}\s*(?:months?|חודשים|חודש)(?:\s*(?:past due|overdue))?"
    r"|older|ישן יותר|ישנים יותר"
)


def is_bucket_header(text: object) -> bool:
    """Whether a header names an aging bucket ("0-30", "מעל 90", "Current")."""
    cleaned = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", clean_text(text)).strip().rstrip(":").strip()
    return bool(cleaned) and bool(_BUCKET.fullmatch(cleaned.lower()))


@dataclass(frozen=True)
class Header:
    """Where the header is and which column holds which field."""

    row: int  # 1-based; the lower row of a two-row header
    index: dict[str, int]  # field -> 0-based column
    texts: dict[str, str]  # field -> header text as written (cleaned)
    hebrew: bool  # whether the header is written in Hebrew
    buckets: tuple[int, ...] = ()  # aging-bucket columns, left to right
    bucket_texts: tuple[str, ...] = ()
    top: int | None = None  # the upper row of a two-row header
    statuses: tuple[int, ...] = ()  # status columns beside index["status"] (Odoo's two)

    @property
    def score(self) -> int:
        return len(self.index) + len(self.buckets)


def _is_hebrew(cells: Sequence[object]) -> bool:
    return any(re.search("[\u05d0-\u05ea]", clean_text(c)) for c in cells)


def match_header(
    cells: Sequence[object], row: int, overrides: Mapping[str, str] | None = None
) -> Header:
    """Map one row's cells to fields: overrides by exact header, the rest by synonym."""
    index: dict[str, int] = {}
    best_rank: dict[str, int] = {}
    wanted = {header_key(text): field for field, text in (overrides or {}).items()}
    taken: set[int] = set()
    for column, cell in enumerate(cells):
        field = wanted.get(header_key(cell)) if header_key(cell) else None
        if field and field not in index:
            index[field], best_rank[field] = column, -1
            taken.add(column)
    for column, cell in enumerate(cells):
        found = field_for_header(cell)
        if column in taken or not found:
            continue
        field, rank = found
        if field in (overrides or {}):
            continue
        if field not in index or rank < best_rank[field]:
            index[field], best_rank[field] = column, rank
    used = set(index.values()) | taken
    for column, cell in enumerate(cells):
        second = second_choice(cell) if column not in used else None
        if second and second not in index and second not in (overrides or {}):
            index[second], best_rank[second] = column, len(SYNONYMS[second])
            used.add(column)
    if "contact_name" in index and not {"customer_name", "customer_id"} & index.keys():
        # Xero's reports head the customer's column "Contact": with no other, it is the customer.
        index["customer_name"] = index.pop("contact_name")
    texts = {field: clean_text(cells[column]) for field, column in index.items()}
    used = set(index.values()) | taken
    statuses = tuple(c for c, cell in enumerate(cells) if c not in used and "status" in index
                     and (field_for_header(cell) or ("",))[0] == "status")
    used |= set(statuses)
    buckets = tuple(c for c, cell in enumerate(cells) if c not in used and is_bucket_header(cell))
    return Header(row=row, index=index, texts=texts, hebrew=_is_hebrew(cells), buckets=buckets,
                  bucket_texts=tuple(clean_text(cells[c]) for c in buckets), statuses=statuses)


def missing_required(index: Mapping[str, int], default_terms: bool = False) -> list[str]:
    """The required fields (or alternatives) an invoices header lacks, as readable phrases
    (`default_terms`: a profile gives payment terms, so an issue date is enough)."""
    missing = []
    if "number" not in index:
        missing.append("number")
    if "customer_name" not in index and "customer_id" not in index:
        missing.append("customer_name (or customer_id)")
    if "due_date" not in index and not ({"issue_date", "terms"} <= index.keys()
                                        or (default_terms and "issue_date" in index)):
        missing.append("due_date (or issue_date + terms)")
    if "amount" not in index and "balance" not in index:
        missing.append("amount or balance")
    return missing


_MONEY_FIELDS = ("balance", "amount", "debit", "credit")


def missing_for_balances(header: Header) -> list[str]:
    """What a customer-balance header lacks."""
    missing = []
    if "customer_name" not in header.index and "customer_id" not in header.index:
        missing.append("customer_name (or customer_id)")
    if not header.buckets and not any(f in header.index for f in _MONEY_FIELDS):
        missing.append("balance (or amount, debit/credit, or aging columns such as 0-30)")
    return missing


def missing_for_contacts(header: Header) -> list[str]:
    """What a contacts header lacks."""
    missing = []
    if "customer_name" not in header.index and "customer_id" not in header.index:
        missing.append("customer_id (or customer_name)")
    if not {"emails", "account_manager_email", "phone"} & header.index.keys():
        missing.append("emails")
    return missing


KINDS = ("invoices", "balances", "contacts")


def detect_kind(header: Header) -> str:
    """Which kind of export a header describes.

    Debit/credit columns without a due date make a ledger (a balance per
    customer, even with a reference column); a document number makes
    invoices; otherwise money columns make balances, and a customer with
    emails and no money a contacts file. Anything else is read as invoices,
    whose error says what is missing.
    """
    index = header.index
    if ("debit" in index or "credit" in index) and "due_date" not in index:
        return "balances"
    if "number" in index:
        return "invoices"
    if not missing_for_balances(header):
        return "balances"
    if not missing_for_contacts(header):
        return "contacts"
    return "invoices"


def _recognised(cell: object, wanted: set[str]) -> bool:
    return bool(header_key(cell) in wanted or field_for_header(cell) or is_bucket_header(cell))


def _two_row(upper: Sequence[object], lower: Sequence[object], wanted: set[str]) -> list[object] | None:
    """The cells of a two-row header (group labels above, names below), or None.

    Every filled cell of the lower row must be a known header name, so a data
    row under a header never counts as its second level.
    """
    filled = [c for c in lower if clean_text(c)]
    if not filled or not all(_recognised(c, wanted) for c in filled):
        return None
    width = max(len(upper), len(lower))
    merged = []
    for column in range(width):
        low = lower[column] if column < len(lower) else ""
        high = upper[column] if column < len(upper) else ""
        merged.append(low if clean_text(low) else high)
    return merged


def find_header(
    rows: Sequence[tuple[int, Sequence[object]]],
    overrides: Mapping[str, str] | None = None,
    header_row: int | None = None,
) -> Header | None:
    """The row among the first few that names the most fields, or None.

    Two consecutive rows count as one header when together they name more
    fields than either alone (a ledger's "חובה / זכות (שקל)" over "חובה",
    "זכות"). With `header_row` only that row (as the lower one) is
    considered; with `overrides` a header must contain every overridden name.
    """
    best: Header | None = None
    wanted = {header_key(text) for text in (overrides or {}).values()}
    previous: tuple[int, Sequence[object]] | None = None
    for number, cells in rows:
        if header_row is None and number > HEADER_SCAN_ROWS:
            break
        above, previous = previous, (number, cells)
        if header_row is not None and number != header_row:
            continue
        candidates = [match_header(cells, number, overrides)]
        if above is not None and above[0] == number - 1:
            merged = _two_row(above[1], cells, wanted)
            if merged is not None:
                double = match_header(merged, number, overrides)
                single = max(candidates[0].score, match_header(above[1], above[0], overrides).score)
                if double.score > single:
                    candidates.append(Header(
                        row=number, index=double.index, texts=double.texts,
                        hebrew=double.hebrew, buckets=double.buckets,
                        bucket_texts=double.bucket_texts, top=above[0], statuses=double.statuses,
                    ))
        for header in candidates:
            if overrides and not overrides.keys() <= header.index.keys():
                continue
            if best is None or header.score > best.score:
                best = header
    return best
