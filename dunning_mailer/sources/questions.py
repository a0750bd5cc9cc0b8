"""What a file leaves unsaid, as questions for a person instead of guesses.

A column the reading did not use but whose header or values look like money, a date or an
identifier; a status the reader does not know; a cell whose value cannot be read (`#VALUE!`,
a formula never calculated). Each question names the file, the column or rows, and the exact
`[[importer]]` lines that would settle it. Fuzzy header matching only suggests which field a
column might be; it never decides.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from pathlib import Path
from typing import Iterable, Sequence

from . import cells as parse
from .columns import SYNONYMS, Header, field_for_header, header_key, ignored_reason, second_choice
from .containers import CellError, column_letters
from .evidence import could_be_money, settled_dates, settled_money
from .statuses import is_known_status, is_total_label, needs_person, status_word

# Columns exports carry that a reminder never needs: tax and line-item money, exchange rates,
# day counts, bookkeeping timestamps. Listed in `unused_columns`, never a question.
_HARMLESS = {header_key(h) for h in (
    "Subtotal", "Sub Total", "SubTotal", "Tax", "Tax Amount", "TaxAmount", "Tax Total", "TaxTotal",
    "VAT", "VAT Amount", "Tax Percent", "Tax %", "Tax Rate", "TaxType", "Item Tax", "Item Tax %",
    "Item Tax Amount", "Discount", "Discount %", "Discount Amount", "Quantity", "Qty", "Unit Price",
    "UnitAmount", "Unit Amount", "Price", "Rate", "Item Price", "Item Total", "Line Amount",
    "LineAmount", "Line Total", "Amount (excl. tax)", "Total (excl. VAT)", "Net Amount", "Shipping",
    "Shipping Charge", "Adjustment", "Rounding", "Exchange Rate", "Currency Rate", "Base Currency Total",
    "Total (Base Currency)", "Amount (Base Currency)", "Total in base currency", "Total Overdue",
    "Overdue", "Days Overdue", "Days Past Due", "Past Due", "Days", "Age", "Aging", "Credited",
    "Credit Applied", "Credits Applied", "Starting Balance", "Ending Balance", "Attempt Count",
    "Attempted", "Finalized At", "Created", "Created At", "Created Date", "Updated At", "Last Updated",
    "Paid At", "Paid Date", "Date Paid", "Payment Date", "Last Payment Date", "Last Payment",
    "Expected Date", "Expected Payment Date", "Planned Date", "Sent Date", "Last Sent", "Sent",
    "Period Start", "Period End", "Delivery Date", "Ship Date", "Order Date", "PO Number",
    "Order Number", "Exported", "Invoice Sent", "Tax ID", "VAT Number", "Subscription",
    "Withholding", "Withholding Tax", "Credit Limit", "Credit Terms", "מסגרת אשראי", "Tax Excluded", "Untaxed Amount", "Untaxed Amount Signed",
    "Total Signed", "Total in Currency Signed", "Amount Due Signed",
    'מע"מ', 'סכום מע"מ', 'סכום לפני מע"מ', 'סכום ללא מע"מ', 'סה"כ לפני מע"מ', 'סה"כ ללא מע"מ',
    'לפני מע"מ', "כמות", "מחיר", "מחיר יחידה", "הנחה", "אחוז הנחה", "שער", "שער חליפין", "שער המרה",
    "ימי פיגור", "ימים", "ימי אשראי", "ימים בפיגור", "ניכוי במקור", "סכום ניכוי במקור",
    "תאריך תשלום", "תאריך קבלה", "תאריך עדכון", "תאריך יצירה", "תאריך שליחה", "תאריך ערך",
    "תאריך רישום", 'ע.מ./ח.פ.', "ח.פ.", "ח.פ", "ע.מ.", "ע.מ", "מספר עוסק", "עוסק מורשה", "ת.ז.",
    "מספר הזמנה", "מס' הזמנה", "Turnover", "Turnover YTD", "מחזור", "מחזור שנתי", 'סה"כ בפיגור', "יתרה בפיגור", "יתרה מצטברת לקוח",
)}

_MONEY_WORDS = re.compile(r"amount|balance|total|sum\b|owed|outstanding|due|paid|remaining|"
                          r"סכום|יתר|סהכ|חוב|תשלום|שולם|לגבייה|₪|\$|€", re.I)
_DATE_WORDS = re.compile(r"date|תאריך|מועד|\bdue\b", re.I)
_ID_WORDS = re.compile(r"\b(?:id|no|number|num|code|ref)\b|#|מס'?|מספר|קוד|מזהה|מפתח", re.I)
_ID_OWNERS = re.compile(r"customer|client|account|contact|partner|invoice|document|doc\b|bill|"
                        r"לקוח|חשבון|חשבונית|מסמך|כרטיס|אסמכת", re.I)
_SAMPLE = 300


def column_name(header_cells: Sequence[object], column: int) -> str:
    """How a column is named to a person: its header text, else its letter."""
    text = parse.clean_text(header_cells[column]) if column < len(header_cells) else ""
    return text or f"column {column_letters(column)}"


# Two decimals at the end (perhaps a side after them: "100.00 Cr", "1,170.00 חובה"), a side
# letter before the digits ("ח 1,670.00"), or a currency sign.
_MONEY_SHAPE = re.compile(r"\d[.,]\d{2}(?:\s*(?:dr|cr|חובה|זכות|ח|ז)'?)?$|^[חז]'?\s\d|[₪$€£]|ש\"?ח", re.I)


def _looks_like_money(cell: object) -> bool:
    if type(cell) is float:
        return not cell.is_integer()
    if not isinstance(cell, str) or type(cell) is CellError:
        return False
    text = parse.clean_text(cell)
    if not _MONEY_SHAPE.search(text):
        return False
    try:
        parse.parse_amount(text)
    except ValueError:
        return False
    return True


def _looks_like_date(cell: object) -> bool:
    if isinstance(cell, (dt.date, dt.datetime)):
        return True
    if not isinstance(cell, str):
        return False
    text = parse.clean_text(cell)
    if not re.fullmatch(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}(?:[ T][\d:.]+)?|[A-Za-z]{3,9}\.? \d{1,2}, \d{4}"
                        r"|\d{1,2}[ \-][A-Za-z]{3,9}[ \-]\d{2,4}", text):
        return False
    try:
        parse.parse_date(text, "DMY")
    except ValueError:
        try:
            parse.parse_date(text, "MDY")
        except ValueError:
            return False
    return True


_ISO_CODES = parse.ISO_CODES


def _looks_like_currency(cell: object) -> bool:
    if not isinstance(cell, str):
        return False
    text = parse.clean_text(cell)
    return text.upper() in _ISO_CODES or text.lower() in parse.CURRENCY_WORDS or text in parse.CURRENCY_WORDS


def values_look_like(cells: Iterable[object]) -> str | None:
    """"money" or "a date" when most of a column's filled cells are, else None."""
    sample = [c for c in cells if not parse.is_blank(c)][:_SAMPLE]
    if len(sample) < 2:
        return None
    if sum(map(_looks_like_money, sample)) * 5 >= len(sample) * 4:
        return "money"
    if sum(map(_looks_like_date, sample)) * 5 >= len(sample) * 4:
        return "a date"
    return None


def _what_it_looks_like(header_text: str, cells: Iterable[object]) -> str | None:
    """"money", "a date", "a currency", "an identifier", or None for a column that reads as
    neither."""
    sample = []
    for cell in cells:
        if not parse.is_blank(cell):
            sample.append(cell)
            if len(sample) >= _SAMPLE:
                break
    if len(sample) >= 2 and sum(map(_looks_like_currency, sample)) * 5 >= len(sample) * 4:
        return "a currency"
    if len(sample) >= 2 and all(isinstance(c, str) and parse.clean_text(c).lower() in parse.SIDES
                                for c in sample):
        return _SIDE
    if sample and all(isinstance(c, str) and _PERCENT.fullmatch(parse.clean_text(c)) for c in sample):
        return None  # a share of the total ("66.67%"), never an amount
    if sample:
        money = sum(map(_looks_like_money, sample))
        if money >= 2 and money * 2 >= len(sample):
            return "money"
        dates = sum(map(_looks_like_date, sample))
        if dates >= 2 and dates * 2 >= len(sample):
            return "a date"
    if not header_text:
        return None
    if sample and sum(isinstance(c, str) and not re.search(r"\d", c) for c in sample) * 2 > len(sample):
        # Words, not numbers: a money or date header over text ("אמצעי תשלום": "העברה").
        return "an identifier" if _ID_WORDS.search(header_text) and _ID_OWNERS.search(header_text) \
            else None
    if _DATE_WORDS.search(header_text):
        return "a date"
    if _MONEY_WORDS.search(header_text):
        return "money"
    if _ID_WORDS.search(header_text) and _ID_OWNERS.search(header_text):
        return "an identifier"
    return None


_SIDE = "a debit/credit side"
_PERCENT = re.compile(r"-?\d{1,3}(?:[.,]\d+)?\s?%")
_FIELD_FOR = {_SIDE: "amount", "money": "amount", "a date": "due_date", "an identifier": "customer_id",
              "a currency": "currency"}
_KEYS = {header_key(name): field for field, names in SYNONYMS.items() for name in names}


def _suggest(header_text: str, looks: str) -> str:
    """The field a column might be: the closest known header, else by what its values are."""
    if looks == "a currency":
        return "currency"
    if looks == "an identifier":
        return "number" if re.search(r"invoice|document|doc\b|bill|חשבונית|מסמך|אסמכת", header_text, re.I) \
            else "customer_id"
    if header_text:
        close = difflib.get_close_matches(header_key(header_text), list(_KEYS), n=1, cutoff=0.75)
        if close:
            return _KEYS[close[0]]
    return _FIELD_FOR[looks]


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def profile_lines(path: Path, *lines: str) -> str:
    """An `[[importer]]` section for files named like `path`, with `lines` in it."""
    stem = re.sub(r"\d+", "*", path.stem)
    stem = re.sub(r"\*(?:[-_.]\*)+", "*", stem)
    pattern = f"{stem}{path.suffix.lower()}"
    name = re.sub(r"[^\w]+", "-", re.sub(r"\d+", "", path.stem)).strip("-").lower() or "export"
    return "\n".join(["[[importer]]", f"name = {toml_string(name)}",
                      f"match_filename = {toml_string(pattern)}", *lines])


def _reference(header_cells: Sequence[object], column: int) -> str:
    text = parse.clean_text(header_cells[column]) if column < len(header_cells) else ""
    return toml_string(text) if text and "\n" not in str(header_cells[column]) else \
        toml_string(f"column {column_letters(column)}")


def column_questions(path: Path, header: Header, header_cells: Sequence[object],
                     columns: Sequence[Sequence[object]], used: set[int],
                     ignored: Iterable[str] = (), date_order: str | None = None,
                     dates_matter: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the unused columns' names, the questions some of them raise). A column the file's own
    arithmetic explains (evidence.py) is listed, not asked about. `dates_matter`: False for a
    customer-balances reading, whose figures no date column can change (a ledger card's value
    date): such a column is listed, not asked about."""
    ignore = {header_key(text) for text in ignored}
    width = max(len(header_cells), len(columns))
    unused, pending = [], []
    for column in range(width):
        if column in used:
            continue
        cells = columns[column] if column < len(columns) else ()
        text = parse.clean_text(header_cells[column]) if column < len(header_cells) else ""
        if not text and all(parse.is_blank(c) for c in cells):
            continue  # an empty spacer column
        name = column_name(header_cells, column)
        unused.append(name)
        key = header_key(text)
        letter = f"column {column_letters(column)}"
        if is_harmless(text) or key in ignore or letter.lower() in ignore or header_key(letter) in ignore:
            continue
        if field_for_header(text) or second_choice(text):
            continue  # a known name whose field a better-ranked column holds ("Amount Due" by "Total")
        looks = _what_it_looks_like(text, cells)
        if looks is None and could_be_money(header, columns, column):
            looks = "money"  # plain numbers beside the money the reading has (evidence.py)
        codes = looks is None and "number" in header.index and _unique_codes(cells)
        if codes:
            looks = "an identifier"  # a column of document numbers under a name nobody wrote down
        if looks is None or (looks == "a date" and not dates_matter):
            continue
        field = "number" if codes else _suggest(text, looks)
        if looks == "an identifier" and field in header.index and not codes:
            continue  # a second identifier (Zoho's "Invoice ID" beside "Invoice Number")
        if looks == "a currency" and "currency" in header.index:
            continue  # a second currency (the company's own beside the invoice's)
        pending.append((column, text, name, letter, looks, field))
    settled = settled_money(header, columns, [c for c, *_, looks, _f in pending if looks == "money"])
    order = _date_order(header, columns, [c for c, *_, looks, _f in pending if looks == "a date"],
                        date_order)
    if order:
        settled.update(settled_dates(header, columns, [c for c, *_, looks, _f in pending
                                                       if looks == "a date"], order))
    questions = []
    for column, text, name, letter, looks, field in pending:
        if column in settled:
            continue
        ref = _reference(header_cells, column)
        where = f"{name!r} ({letter})" if text else letter + " (no header)"
        if looks == _SIDE:  # read only beside a balance report's balance (rows.with_side_column)
            questions.append(
                f"{where} looks like {looks} (ח/ז, Dr/Cr), and this reading cannot use it: a line "
                "on the credit side would read as owed. Export the report with signed amounts "
                "(credits as minus), or, if it does not matter, say so in config.toml:\n"
                + profile_lines(path, f"ignore_columns = [{ref}]"))
            continue
        questions.append(
            f"{where} looks like {looks}, and the reading does not use it. Say what it is "
            "in config.toml, then drop the file again:\n"
            + profile_lines(path, f"columns.{field} = {ref}    # if it is the {field.replace('_', ' ')}",
                            f"# or, if it does not matter:  ignore_columns = [{ref}]"))
    return tuple(unused), tuple(questions)


def _unique_codes(cells: Sequence[object]) -> bool:
    """Whether a column's values read as document numbers: several, each different, each a
    short code with a digit, and not a running count 1, 2, 3…"""
    values = [parse.clean_text(c) for c in cells if not parse.is_blank(c)]
    if len(values) < 3 or len(set(values)) != len(values):
        return False
    if not all(re.search(r"\d", v) and len(v) <= 24 and not _looks_like_money(v) and not _looks_like_date(v)
               for v in values):
        return False
    numbers = [int(v) for v in values if v.isdigit()]
    return not (len(numbers) == len(values) and max(numbers) - min(numbers) == len(numbers) - 1
                and max(numbers) <= len(numbers) + 1)


def _date_order(header: Header, columns: Sequence[Sequence[object]], candidates: Sequence[int],
                given: str | None) -> str | None:
    """The day/month order of the dates the evidence compares, or None when undecidable."""
    if given or not candidates:
        return given
    due = header.index.get("due_date")
    pairs = [pair for c in [*candidates, due] if c is not None and c < len(columns)
             for pair in map(parse.slash_date_parts, set(columns[c])) if pair]
    try:
        order = parse.decide_date_order(pairs)
    except ValueError:
        return None
    return order or ("DMY" if header.hebrew or not pairs else None)


def cell_questions(path: Path, unreadable: dict[tuple[int, int], str], header: Header,
                   header_cells: Sequence[object], used: set[int]) -> tuple[str, ...]:
    """Unreadable cells in the columns the reading uses, below the header."""
    found = sorted((row, column, what) for (row, column), what in unreadable.items()
                   if row > header.row and column in used)
    if not found:
        return ()
    listed = "; ".join(f"row {row} {column_name(header_cells, column)!r}: {what}"
                       for row, column, what in found[:8])
    more = f" and {len(found) - 8} more" if len(found) > 8 else ""
    return (f"{len(found)} cell(s) hold no readable value ({listed}{more}). Their invoices "
            "cannot be read, and would look paid. Fix those cells (a formula's value is saved "
            "when the file is opened and saved in Excel or LibreOffice), then drop the file again.",)


# Informational columns, by the words in their header: tax parts (never a total "incl. VAT"),
# references, notes, people, addresses, projects, orders, rates, and the dates of things other
# than payment falling due.
_INFORMATIONAL = re.compile(
    r"^(?!.*(?:incl|including|inclusive|gross|with|כולל|ברוטו)).*"
    r"(?:\b(?:tax|taxes|vat|gst|hst|withholding)\b|מעמ|מס במקור|ניכוי)"
    r"|\b(?:notes?|memo|description|comments?|remarks?|reference|references|ref\.?|your ref|our ref|"
    r"sales ?person|sales ?rep(?:resentative)?|agent|owner|phone|mobile|tel|fax|address(?: ?line ?\d)?|"
    r"street|city|state/province|province|region|zip|postcode|postal code|country|project|job|"
    r"po|p\.o\.|purchase order|order (?:no|number|#|id)|branch|department|division|class|location|tags?|category|"
    r"cost cent(?:er|re)|exchange rate|currency rate|fx rate|rate|activities|activity|journal|"
    r"company|source document|origin|payment reference|payment method|payment link|pdf|url|link|"
    r"discounts?|shipping|freight|handling|adjustments?|rounding|fees?|commission|bank|iban|swift|bic)\b"
    r"|^(?:הערות?|פרטים|תיאור|תאור|טלפון|נייד|פקס|כתובת|עיר|מיקוד|ארץ|פרויקט|הזמנה|סניף|מחלקה|"
    r"סוכן|איש מכירות|קטגוריה|ענף|שער|שער יציג|אמצעי תשלום|אופן תשלום|מספר הקצאה|קישור|"
    r"מספר חשבון בנק|חשבון בנק|בנק|מספר בנק)"
    r"|\b(?:paid|payment|void(?:ed)?|created|sent|updated|modified|finali[sz]ed|closed|accounting|"
    r"posting|delivery|ship(?:ping|ped)?|order|last|expected|planned|period|value|entry|"
    r"uncollectible|marked)\b.*\b(?:date|at|on)\b"
    r"|^תאריך (?:תשלום|קבלה|עדכון|יצירה|שליחה|ערך|רישום|הזמנה|אספקה|משלוח|סגירה|ביטול|הדפסה)",
    re.I)


def is_harmless(header_text: object) -> bool:
    """Whether a header names a column a reminder never needs (tax, line items, timestamps,
    references, notes, people, addresses…)."""
    if header_key(header_text) in _HARMLESS or ignored_reason(header_text):
        return True
    text = re.sub("[\"'׳״]", "", parse.clean_text(header_text)).strip().lower()
    return bool(text) and field_for_header(header_text) is None and bool(_INFORMATIONAL.search(text))


def status_questions(path: Path, name: str, cells: Sequence[object],
                     open_words: Iterable[str], closed_words: Iterable[str]) -> tuple[str, ...]:
    """Statuses the reader does not know in the status column `name`: owed or not?"""
    known = {status_word(w) for w in [*open_words, *closed_words]}
    header_text = header_key(name)
    unknown = sorted({parse.clean_text(c) for c in set(cells)
                      if not is_known_status(c) and status_word(c) not in known
                      and header_key(c) != header_text and not parse.is_blank(c)
                      and not is_total_label(c)})
    if not unknown:
        return ()
    person = [w for w in unknown if needs_person(w)]
    if person:
        listed = ", ".join(toml_string(w) for w in person[:8])
        return (f"column {name!r} says some documents are {listed}: they are owed, but whether a "
                "reminder should go out is a person's call (the customer disputes them, or they are "
                "with a lawyer). Nothing from this file was applied. Settle them, or say what to do in "
                "config.toml, then drop the file again:\n"
                + profile_lines(path, f"closed_statuses = [{listed}]    # leave them out of the reminders",
                                f"# or, to remind them like any open invoice:  open_statuses = [{listed}]"),
                ) + status_questions(path, name, [c for c in cells if not needs_person(c)],
                                     open_words, closed_words)
    listed = ", ".join(toml_string(w) for w in unknown[:8])
    return (f"column {name!r} has statuses the reader does not know ({listed}): "
            "is a document with that status owed? Say so in config.toml, then drop the file again:\n"
            + profile_lines(path, f"open_statuses = [{listed}]    # owed: remind",
                            f"# or, if not owed (draft, cancelled…):  closed_statuses = [{listed}]"),)


def held_rows_question(rows: Sequence[tuple[int, str]], has: str = "a document number",
                       things: str = "invoices") -> str:
    """Rows with a document number (or a customer) that could not be read."""
    listed = "; ".join(f"row {row}: {why}" for row, why in rows[:5])
    more = f" (and {len(rows) - 5} more rows)" if len(rows) > 5 else ""
    numbers = ", ".join(str(row) for row, _ in rows[:20])
    rows_are = f"row {numbers} has" if len(rows) == 1 else f"rows {numbers} have"
    return (f"{rows_are} {has} but could not be read ({listed}{more}). Their "
            f"{things} would look paid, so nothing from this file was applied. Fix those rows, "
            "then drop the file again.")


def overstated_question(path: Path, header: Header, rows: Sequence[int]) -> str:
    """Rows whose balance is more than their amount less what was paid."""
    texts = header.texts
    less = f" less {texts['paid']!r}" if "paid" in texts else ""
    numbers = ", ".join(str(r) for r in rows[:20]) + (" …" if len(rows) > 20 else "")
    return (f"on row(s) {numbers}, {texts['balance']!r} is more than {texts['amount']!r}{less}: a "
            "reminder would ask for more than the invoice, perhaps money already paid (a running "
            "balance, or the amount asked rather than what is still open). Say which column is "
            "what is still owed in config.toml, then drop the file again:\n"
            + profile_lines(path, '# columns.balance = "…"    # the header of what is still owed',
                            f"# or, if {texts['balance']!r} is the amount asked (what is owed is "
                            "then it less what was paid), these two lines:",
                            f"# columns.amount = {toml_string(texts['balance'])}",
                            f"# ignore_columns = [{toml_string(texts['amount'])}]"))


# Headers only a line of an invoice has: when rows repeat a document number with the same
# balance, due date and currency, these say the rows are its lines, not separate debts.
_LINE_WORDS = re.compile(r"\b(?:item|items|product|sku|quantity|qty|unit price|unit amount|line|description|"
                         r"service|article|inventory)\b|^(?:פריט|מוצר|כמות|תיאור|תאור|מחיר יחידה|שורה|מק\"?ט|שירות)",
                         re.I)


def is_line_column(header_text: object) -> bool:
    """Whether a header names a line-item column (item, quantity, description…)."""
    return bool(_LINE_WORDS.search(parse.clean_text(header_text).strip()))


def us_dates_question(path: Path, default_currency: str) -> str:
    """Dates written month first (a US-locale system) and nothing in the file naming a currency:
    the bare amounts may as well be dollars as the business's own currency."""
    return (f"the dates in {path.name} are written month first (a US-style export), and nothing in "
            f"the file says which currency its amounts are in; they would be read as {default_currency}. "
            "Say which in config.toml, then drop the file again:\n"
            + profile_lines(path, 'currency = "USD"    # the currency of every amount in these files',
                            f"# or, if they are in {default_currency}:  currency = {toml_string(default_currency)}"))


def repeated_question(path: Path, repeated: Sequence[tuple[str, int, int, bool]]) -> str:
    """One document number on several rows, not as the lines of one invoice: count it once, or
    add the rows up? A person says which (a wrong choice is a wrong amount in a reminder)."""
    listed = "; ".join(f"invoice {number}: rows {first} and {row}"
                       + ("" if same else " (different balance, due date or currency)")
                       for number, first, row, same in repeated[:5])
    more = f" (and {len(repeated) - 5} more)" if len(repeated) > 5 else ""
    add_up = 'repeated_numbers = "instalments"    # each row is a part still owed: add them up'
    if not all(same for *_, same in repeated):  # rows that disagree cannot be one invoice's lines
        return (f"the same document number is on more than one row, with different figures ({listed}{more}). "
                "Are they parts of one invoice that are each still owed (instalments)? Nothing from this "
                "file was applied. If so, say it in config.toml and drop the file again; if not, fix the "
                "export:\n" + profile_lines(path, add_up))
    return (f"the same document number is on more than one row ({listed}{more}). Are these lines of one "
            "invoice, or parts of it that are each still owed (instalments, to add up)? Nothing from "
            "this file was applied. Say which in config.toml, then drop the file again:\n"
            + profile_lines(path, 'repeated_numbers = "lines"    # one invoice over several rows: count it once',
                            f"# or, if each row is a part still owed:  {add_up.split('    #')[0]}"))
