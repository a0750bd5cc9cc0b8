"""Israeli banks' account downloads: a table of movements under a few title rows, found by its
header words (not by position), with one signed amount column or separate debit/credit columns.

Layouts seen in public parsers of these downloads (see tests/bank/README.md): Hapoalim
(תאריך, הפעולה, פרטים, אסמכתא, חובה, זכות, יתרה בש''ח), Leumi (תאריך, תאריך ערך, תיאור, אסמכתא,
בחובה, בזכות, היתרה בש"ח, תאור מורחב), Discount (תאריך, יום ערך, תיאור התנועה, ₪ זכות/חובה,
₪ יתרה, אסמכתה), Mizrahi-Tefahot (תאריך, תאריך ערך, סוג תנועה, זכות, חובה, יתרה בשח, אסמכתא),
First International (תאריך ערך, זכות, חובה, תאור, אסמכתא, תאריך ביצוע) and Yahav (תאריך,
תאריך ערך, אסמכתא, תיאור פעולה, חובה(₪), זכות(₪))."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

from ...payments import BankLine
from ..cells import clean_text, is_blank, parse_amount, parse_date
from ..tabular import Row

HEADER_SCAN_ROWS = 40

# field -> header texts, compared after `header_key` (no quotes, ₪, brackets or "בש"ח").
SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("תאריך", "תאריך פעולה", "תאריך הפעולה", "תאריך ביצוע", "תאריך תנועה", "תאריך התנועה",
             "תאריך רישום", "date", "transaction date", "posting date", "booking date", "entry date"),
    "value_date": ("תאריך ערך", "יום ערך", "ערך", "ת ערך", "value date"),
    "description": ("תיאור", "תיאור התנועה", "תיאור תנועה", "תיאור פעולה", "תיאור הפעולה", "תאור", "תאור פעולה",
                    "תאור הפעולה", "תאור התנועה", "הפעולה", "סוג תנועה", "סוג פעולה", "סוג הפעולה", "שם הפעולה",
                    "פעולה", "פרטי הפעולה", "פירוט הפעולה", "description", "narrative", "transaction"),
    "details": ("פרטים", "תאור מורחב", "תיאור מורחב", "פרטים נוספים", "תיאור נוסף", "הערה", "הערות", "לטובת",
                "עבור", "שם המעביר", "שם המשלם", "פרטי המעביר", "מאת", "details", "memo", "remarks",
                "payer", "counterparty"),
    "reference": ("אסמכתא", "אסמכתה", "מספר אסמכתא", "מס אסמכתא", "אסמ", "reference", "ref", "reference number"),
    "debit": ("חובה", "בחובה", "חיוב", "סכום חובה", "סכום בחובה", "debit", "withdrawal", "withdrawals",
              "money out", "paid out"),
    "credit": ("זכות", "בזכות", "זיכוי", "סכום זכות", "סכום בזכות", "credit", "deposit", "deposits", "money in",
               "paid in"),
    "signed": ("זכות/חובה", "סכום", "סכום התנועה", "סכום הפעולה", "amount", "transaction amount"),
    "balance": ("יתרה", "היתרה", "יתרה בחשבון", "יתרה לאחר פעולה", "יתרה משוערת", "יתרה משוערכת", "balance",
                "running balance"),
}
_BY_KEY: dict[str, str] = {}
for _field, _texts in SYNONYMS.items():
    for _text in _texts:
        _BY_KEY.setdefault(_text, _field)

# Columns of invoice exports and ledger cards: a table with these is not a bank statement.
_NOT_A_STATEMENT = ("שם לקוח", "מספר לקוח", "קוד לקוח", "מפתח חשבון", "שם חשבון", "תאריך פירעון",
                    "תאריך פרעון", "מס' חשבונית", "מספר חשבונית", "customer", "customer name", "due date",
                    "invoice number", "מספר מסמך", "מס' מסמך", "לקוח", "שם הלקוח", "מזהה לקוח",
                    "תאריך יעד לתשלום", "לתשלום עד", "תאריך לתשלום", "client", "client name", "invoice #",
                    "invoice no", "invoice date")

# Lines that are not movements: balances carried in or out, totals.
_NOT_A_MOVEMENT = re.compile(
    r"יתרת פתיחה|יתרת סגירה|יתרה קודמת|יתרה לתחילת|יתרה לסוף|יתרה סופית|יתרה נוכחית|יתרה בתחילת|יתרה בסוף|"
    r"סה\"?כ|סהכ|סך הכל|סך חיוב|opening balance|closing balance|balance brought|balance carried|\btotal\b",
    re.I)
# Tables or sheets of movements that have not happened yet.
_PENDING = re.compile(r"עתידי|בהמתנה|ממתינ|טרם|pending|future", re.I)

BANKS = (("hapoalim", ("בנק הפועלים", "הפועלים", "hapoalim", "poalim")),
         ("first-international", ("הבינלאומי", "בינלאומי", "first international", "fibi")),   # before לאומי
         ("leumi", ("בנק לאומי", "לאומי", "leumi")),
         ("discount", ("בנק דיסקונט", "דיסקונט", "discount")),
         ("mizrahi-tefahot", ("מזרחי טפחות", "מזרחי", "mizrahi", "tefahot")),
         ("yahav", ("בנק יהב", "יהב", "yahav")))
# Header words one bank's layout uses and the others' do not.
_SIGNATURES = (("leumi", {"בחובה", "בזכות"}), ("discount", {"יום ערך", "זכות/חובה"}),
               ("mizrahi-tefahot", {"סוג תנועה"}), ("first-international", {"תאור", "תאריך ביצוע"}),
               ("yahav", {"תיאור פעולה", "חובה(₪)"}), ("hapoalim", {"הפעולה", "פרטים"}))
_ACCOUNT = re.compile(r"(?:חשבון|חשבונ|account)[^\d\n]{0,25}(\d[\d\-/ ]{3,}\d)", re.I)


def header_key(text: object) -> str:
    key = re.sub(r"[\"'׳״`]", "", clean_text(text).lower())
    key = re.sub(r"[₪:()\[\]]", " ", key)
    key = re.sub(r"\s*/\s*", "/", key)
    key = re.sub(r"\s+(?:בשח|בש\"ח|שח|ש\"ח|nis|ils)$", "", " ".join(key.split()))
    return re.sub(r"\s+(?:בשח|שח)$", "", key).strip()


@dataclass
class Header:
    row: int
    index: dict[str, int]
    texts: dict[str, str]
    details: list[int]
    cells: list[str]
    unused: list[str] = field(default_factory=list)


def find_header(rows: Sequence[Row]) -> Header | None:
    """The first row that names a date, a description and money (a signed column or debit and
    credit), and no column of an invoice export."""
    for number, cells in rows[:HEADER_SCAN_ROWS]:
        keys = [header_key(c) for c in cells]
        if any(k in _NOT_A_STATEMENT for k in keys):
            return None
        index: dict[str, int] = {}
        details: list[int] = []
        for i, key in enumerate(keys):
            name = _BY_KEY.get(key)
            if name is None and key.startswith("תאריך") and "ערך" in key:
                name = "value_date"
            if name == "details":
                details.append(i)
            if name is not None and name not in index:
                index[name] = i
        money = "signed" in index or ("debit" in index and "credit" in index)
        dated = "date" in index or "value_date" in index
        if money and dated and "description" in index and len(index) >= 4:
            texts = {f: clean_text(cells[i]) for f, i in index.items()}
            if len(details) > 1:
                texts["details"] = " + ".join(clean_text(cells[i]) for i in details)
            used = set(index.values()) | set(details)
            unused = [clean_text(c) for i, c in enumerate(cells) if i not in used and not is_blank(c)]
            return Header(number, index, texts, details, [clean_text(c) for c in cells], unused)
    return None


def bank_of(title: str, header: Header) -> str:
    text = title.lower()
    for name, words in BANKS:
        if any(w in text for w in words):
            return name
    keys = {header_key(c) for c in header.cells} | {clean_text(c) for c in header.cells}
    for name, words in _SIGNATURES:
        if words <= keys:
            return name
    return "table"


def account_in(title: str) -> str:
    found = _ACCOUNT.search(title)
    return re.sub(r"\s+", "", found.group(1)) if found else ""


def is_pending(name: str) -> bool:
    return bool(_PENDING.search(name or ""))


def _amount(cell: object) -> Decimal | None:
    if is_blank(cell) or clean_text(cell) in ("-", "0", "0.00"):
        return None
    return parse_amount(cell)[0]


def read_lines(rows: Sequence[Row], header: Header, *, where: str, account: str, currency: str
               ) -> tuple[list[BankLine], list[str]]:
    """The movements under `header`; lines that are not movements are skipped, and every row
    that cannot be read is named in a warning."""
    ix = header.index
    lines: list[BankLine] = []
    warnings: list[str] = []
    skipped: list[int] = []
    date_col = ix.get("date", ix.get("value_date"))

    def cell(cells, name):
        i = ix.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    for number, cells in rows:
        if number <= header.row or all(is_blank(c) for c in cells):
            continue
        texts = [clean_text(c) for c in cells if not is_blank(c)]
        joined = " ".join(texts)
        if find_header([(number, cells)]) is not None:
            break   # a second table (e.g. card charges) follows: not this account's movements
        if is_pending(joined) and len(texts) <= 2:
            break   # a title: movements that have not happened yet follow
        raw_date = cell(cells, "date") if "date" in ix else cell(cells, "value_date")
        try:
            date = parse_date(raw_date, "DMY")
        except ValueError:
            if _NOT_A_MOVEMENT.search(joined):
                skipped.append(number)
            elif lines and len(texts) == 1 and date_col is not None:
                last = lines[-1]   # a continuation line: more text for the movement above it
                lines[-1] = _with_description(last, f"{last.description} {texts[0]}")
            else:
                warnings.append(f"{where} row {number}: no date in {clean_text(raw_date)!r}; not read")
            continue
        try:
            if "signed" in ix:
                amount = _amount(cell(cells, "signed"))
            else:
                debit, credit = _amount(cell(cells, "debit")), _amount(cell(cells, "credit"))
                amount = None if debit is None and credit is None else (credit or 0) - abs(debit or 0)
        except ValueError as error:
            warnings.append(f"{where} row {number}: {error}; not read")
            continue
        if amount is None or amount == 0:
            if _NOT_A_MOVEMENT.search(joined):
                skipped.append(number)
            else:
                warnings.append(f"{where} row {number}: no amount; not read")
            continue
        if _NOT_A_MOVEMENT.search(clean_text(cell(cells, "description"))):
            skipped.append(number)
            continue
        value_date = None
        if "value_date" in ix and "date" in ix:
            try:
                value_date = parse_date(cell(cells, "value_date"), "DMY")
            except ValueError:
                value_date = None
        try:
            balance = _amount(cell(cells, "balance")) if "balance" in ix else None
        except ValueError:
            balance = None
        parts = [clean_text(cell(cells, "description"))]
        parts += [clean_text(cells[i]) for i in header.details if i < len(cells)]
        description = " ".join(t for t in parts if t)
        reference = clean_text(cell(cells, "reference"))
        lines.append(BankLine(date, amount, description, "" if not reference.strip("0") else reference, value_date,
                              currency, account, balance, number))
    if skipped:
        warnings.append(f"{where}: {len(skipped)} balance or total line(s) skipped (row "
                        f"{', '.join(map(str, skipped[:10]))}{'…' if len(skipped) > 10 else ''}): not movements")
    return lines, warnings


def _with_description(line: BankLine, description: str) -> BankLine:
    from dataclasses import replace
    return replace(line, description=description)
