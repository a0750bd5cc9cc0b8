"""Customer-balance exports: one open line per customer and currency.

Three layouts give a balance rather than open invoices:

- a balance report (יתרות לקוחות): a customer per row with a balance, total
  or amount column;
- an aging report: a customer per row with bucket columns (שוטף, 0-30, 31-60,
  מעל 90 …), summed when there is no total column;
- a ledger card (כרטסת, Hashavshevet): debit/credit movements in account
  blocks, with opening and closing balance rows. The customer's balance is
  the closing balance when the block has one, else the last running balance,
  else opening balance + debits - credits.

A balance has no invoice date and no due date of its own; the report's "as
of" date (from its title rows) stands for the due date, else the file's
modification date, and a warning says which.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Sequence

from ..model import ImportResult, Invoice
from ..phones import joined
from . import cells as parse
from .base import SourceError
from .columns import Header, header_key
from .questions import held_rows_question
from .rows import (RowError, _Extraction, _marker_text, currency_group_ends, group_headings,
                   heading_currency, is_total_row, side_sign)
from .statuses import is_closed_status, status_columns
from .tabular import Row

_OPENING = ("יתרת פתיחה", "יתרה פתיחה", "opening balance", "beginning balance", "balance forward")
_CLOSING = ("יתרת סגירה", "יתרה סגירה", "closing balance", "ending balance")
# After a Hashavshevet account total come two summary rows that belong to it.
_ACCOUNT_TOTAL = "סהכ מפתח חשבון"
_ROWS_AFTER_ACCOUNT_TOTAL = 2

_DATE = (
    r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    r"|\d{1,2}[\s\-][A-Za-z]{3,9},?[\s\-]\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
)
# "נכון ל-30/11/2026", "נכון לתאריך 30/11/2026", "לתאריך 30/11/2026",
# "מ-01/01/26 עד תאריך 30/11/26", "As of November 30, 2026", "As at 30 Nov 2026".
_AS_OF = re.compile(
    r"(?<![\u05d0-\u05eaA-Za-z])"
    r"(?:נכון\s*ל(?:תאריך|יום)?|לתאריך|ליום|עד\s*(?:ל?תאריך|ליום)?|as\s+(?:of|at)|through|ending"
    r"|(?:report|aging|ageing)\s+date\s*:?|תאריך\s+(?:הדוח|דוח|גיול)\s*:?"
    # the end of a statement's range ("Date From: 01/11/2026 Date To: 30/11/2026"), a bare
    # "תאריך: 30/11/26" on a title row (never "תאריך הדפסה", which names another word first)
    r"|date\s+to\s*:?|to\s+date\s*:?|תאריך(?=\s*:))"
    rf"\s*[-–:]?\s*{_DATE}",
    re.I,
)


@dataclass(frozen=True)
class AsOf:
    date: dt.date
    row: int
    text: str


def _title_date_text(rows: Sequence[Row]) -> tuple[int, str, str] | None:
    """(row, cell text, date text) of the first "as of" phrase in the title rows."""
    for number, cells in rows:
        for cell in cells:
            text = parse.clean_text(cell)
            if match := _AS_OF.search(text):
                return number, text, match.group(1)
    return None


def find_as_of(
    path: Path, header: Header, title: Sequence[Row], body: Sequence[Row], date_order: str | None
) -> AsOf | None:
    """The report's "as of" date from its title rows, or None when they do not say."""
    found = _title_date_text(title)
    if found is None:
        return None
    row, text, date_text = found
    order = date_order
    pair = parse.slash_date_parts(date_text)
    if order is None and pair is not None:
        pairs = [pair]
        for _, cells in body:
            for name in ("issue_date", "due_date"):
                column = header.index.get(name)
                if column is not None and column < len(cells):
                    if more := parse.slash_date_parts(cells[column]):
                        pairs.append(more)
        try:
            order = parse.decide_date_order(pairs)
        except ValueError:
            order = parse.decide_date_order([pair])  # the title's own date decides for itself
        if order is None:
            hebrew = header.hebrew or bool(re.search("[\u05d0-\u05ea]", text))
            if not hebrew:
                raise SourceError(
                    f"the report date {date_text!r} (row {row}) is ambiguous: day/month or "
                    "month/day? Add an [[importer]] profile for this file with "
                    'date_order = "MDY" (US) or "DMY"',
                    where=str(path),
                )
            order = "DMY"  # Israeli reports write day first
    try:
        date = parse.parse_date(date_text, order or "DMY")
    except ValueError:
        return None
    return AsOf(date=date, row=row, text=text)


def _totals_unit(header: Header, body: Sequence[Row]) -> str | None:
    """The one currency the total rows write ("$2,608.52") when no data row writes any and the
    file has no currency column: a QuickBooks report marks its currency only there."""
    if "currency" in header.index:
        return None
    money = [c for f, c in header.index.items() if f in ("balance", "amount", "debit", "credit")]
    money += list(header.buckets)
    found: set[str] = set()
    for _, cells in body:
        total = is_total_row(cells, header)
        for column in money:
            cell = cells[column] if column < len(cells) else ""
            if not isinstance(cell, str) or not cell or cell[:1].isdigit():
                continue
            try:
                code = parse.parse_amount(cell)[1]
            except ValueError:
                continue
            if code and not total:
                return None  # the rows state their own currencies
            if code:
                found.add(code)
    return found.pop() if len(found) == 1 else None


def _file_date(path: Path) -> dt.date:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError as error:
        raise SourceError(
            "the report's title rows give no \"as of\" date and the file's own date "
            f"cannot be read ({error.strerror})",
            where=str(path),
        ) from None


def _header_unit(rows: Sequence[Row], header: Header) -> str | None:
    """The currency a header names in brackets ("חובה / זכות (שקל)"), if only one."""
    first = header.top or header.row
    found = set()
    for number, cells in rows:
        if first <= number <= header.row:
            for cell in cells:
                for inside in re.findall(r"\(([^)]*)\)", parse.clean_text(cell)):
                    try:
                        if code := parse.parse_currency(inside):
                            found.add(code)
                    except ValueError:
                        continue
    return found.pop() if len(found) == 1 else None


def _marker(cells: Sequence[object]) -> str | None:
    for cell in cells:
        text = _marker_text(cell)
        if text.startswith(_OPENING):
            return "opening"
        if text.startswith(_CLOSING):
            return "closing"
    return None


def has_balance_rows(rows: Sequence[Row]) -> bool:
    """Whether some row is an opening or a closing balance (a ledger card's block ends)."""
    return any(_marker(cells) for _, cells in rows)


def _without_markers(cells: Sequence[object]) -> list[object]:
    # An opening-balance row may carry its label in the name column.
    return ["" if _marker_text(c).startswith(_OPENING + _CLOSING) else c for c in cells]


_KEY_AND_NAME = re.compile(r"(?:(?:חשבון|מפתח(?: חשבון)?|account|a/c)\s*:?\s*)?(\d[\d\-/]*)\s*[-–:]?\s+(\S.*)", re.I)


def account_heading(customer: dict) -> dict:
    """A heading's customer with "20011 אורן שיווק" ("חשבון: 20011 - name") split into the
    account key and the name."""
    if found := _KEY_AND_NAME.fullmatch(customer["name"]):
        return {**customer, "id": found.group(1), "name": found.group(2)}
    return customer


_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def opening_headings(body: Sequence[Row], header: Header) -> dict[int, dict]:
    """Row numbers of a ledger card's account headings that carry the opening balance on the
    same row ("20011 אורן שיווק" … "יתרת פתיחה" … "ח 500.00"), with the account each names:
    a key and a name in one cell outside the money columns, on a row marked as the opening."""
    money = {header.index[f] for f in ("debit", "credit", "balance", "amount") if f in header.index}
    found: dict[int, dict] = {}
    for number, cells in body:
        if _marker(cells) != "opening":
            continue
        for column, cell in enumerate(cells):
            text = parse.clean_text(cell) if isinstance(cell, str) else ""
            if column in money or not text or _marker_text(cell).startswith(_OPENING):
                continue
            if (named := _KEY_AND_NAME.fullmatch(text)) and re.search(r"[^\W\d_]", named.group(2)) \
                    and not _DATE_LIKE.fullmatch(named.group(1)):
                found[number] = {"name": named.group(2), "id": named.group(1), "emails": ()}
                break
    return found


@dataclass
class _Account:
    customer: dict
    currency: str
    first_row: int
    language: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    summed: Decimal = Decimal("0.00")  # balance reports: the rows' balances added
    opening: Decimal | None = None  # ledgers
    movement: Decimal = Decimal("0.00")
    running: Decimal | None = None
    closing: Decimal | None = None


class _Balances(_Extraction):
    def money(self, cells: Sequence[object], name: str) -> Decimal | None:
        found = self.value(cells, name, parse.parse_amount)
        return found[0] if found else None

    def written_currency(self, cells: Sequence[object]) -> str | None:
        currency = self.value(cells, "currency", parse.parse_currency)
        if currency:
            return currency
        for name in ("balance", "amount", "debit", "credit"):
            found = self.value(cells, name, parse.parse_amount)
            if found and found[1]:
                return found[1]
        for column in self.header.buckets:
            if column < len(cells) and not parse.is_blank(cells[column]):
                try:
                    _, code = parse.parse_amount(cells[column])
                except ValueError:
                    continue
                if code:
                    return code
        return None

    def sided(self, cells: Sequence[object], value: Decimal) -> Decimal:
        """The value with the sign the row's side column gives it (as it is without one); a
        value already signed minus beside a side word is a doubt, not a double negative."""
        cell = self.cell(cells, "side")
        if parse.is_blank(cell):
            return value
        sign = side_sign(cell)
        if sign is None:
            raise RowError(f"column {self.header.texts['side']!r}: {parse.clean_text(cell)!r} "
                           "is neither debit nor credit")
        if value < 0:
            raise RowError(f"{value} is signed and also marked {parse.clean_text(cell)!r} in column "
                           f"{self.header.texts['side']!r}: which side is it?")
        return value * sign

    def movement(self, cells: Sequence[object]) -> Decimal | None:
        """Debit - credit of one row, or None when neither is filled."""
        debit, credit = self.money(cells, "debit"), self.money(cells, "credit")
        if debit is None and credit is None:
            return None
        return (debit or Decimal("0.00")) - (credit or Decimal("0.00"))

    def buckets(self, row: int, cells: Sequence[object]) -> Decimal | None:
        total, seen = Decimal("0.00"), False
        for column, text in zip(self.header.buckets, self.header.bucket_texts):
            if column >= len(cells) or parse.is_blank(cells[column]):
                continue
            try:
                total += parse.parse_amount(cells[column])[0]
            except ValueError as error:
                raise RowError(f"column {text!r}: {error}") from None
            seen = True
        return total if seen else None

    def stated(self, row: int, cells: Sequence[object]) -> Decimal | None:
        """The balance a report row states: its balance or total, else debit - credit, else buckets."""
        for name in ("balance", "amount"):
            value = self.money(cells, name)
            if value is not None:
                buckets = self.buckets(row, cells) if self.header.buckets else None
                if buckets is not None and buckets != value:
                    self.warn(row, f"the aging columns add up to {buckets}, not {value} as "
                              f"column {self.header.texts[name]!r} says; kept {value}")
                return value
        movement = self.movement(cells)
        if movement is not None:
            return movement
        return self.buckets(row, cells)


def extract_balances(
    path: Path,
    rows: Sequence[Row],
    header: Header,
    *,
    importer: str,
    date_order: str | None = None,
    default_currency: str = "ILS",
    closed: frozenset = frozenset(),
    headings: bool = False,
) -> ImportResult:
    """One `Invoice(kind="balance")` per customer and currency with money owed; a customer's
    row that cannot be read holds the file (the customer would look paid up). `headings`: the
    customers are heading rows above their movements (rows.group_headings), "20011 name" read
    as the account key and its name."""
    first = header.top or header.row
    title = [(n, c) for n, c in rows if n < first]
    body = [(n, c) for n, c in rows if n > header.row]
    work = _Balances(path, header, date_order or "DMY", default_currency)
    as_of = find_as_of(path, header, title, body, date_order)
    if as_of:
        due = as_of.date
        work.warnings.append(
            f"{path.name}: each balance is due on the report's date {due.isoformat()} "
            f"(row {as_of.row}: {as_of.text!r})"
        )
    else:
        due = _file_date(path)
        work.warnings.append(
            f"{path.name}: the title rows give no \"as of\" date; each balance is due on the "
            f"file's modification date {due.isoformat()}"
        )
    unit = _header_unit(rows, header) or _totals_unit(header, body)
    ledger = (
        "debit" in header.index or "credit" in header.index
        or any(_marker(cells) for _, cells in body)
    )
    customer_keys = {
        header_key(header.texts[f]) for f in ("customer_name", "customer_id") if f in header.texts
    }
    accounts: dict[tuple[str, str], _Account] = {}
    held: list[tuple[int, str]] = []
    carried: dict | None = None
    group_currency: str | None = None
    used = frozenset(header.index.values()) | frozenset(header.buckets)
    skip, ended = 0, None
    errors = 0
    group = {body[i][0]: account_heading(c) for i, c in group_headings(body, header).items()} \
        if headings else {}
    opening = opening_headings(body, header) if headings else {}
    for row, cells in body:
        if all(parse.is_blank(c) for c in cells):
            carried = None  # a gap ends an account block
            continue
        if row in group:
            carried = group[row]  # the account's heading: its movements follow
            continue
        if code := heading_currency(cells, used):
            group_currency = code  # the customers below are in this currency
            continue
        marker = _marker(cells)
        if marker is None and is_total_row(cells, header):
            if group_currency and currency_group_ends(cells, group_currency):
                group_currency = None
            if any(_marker_text(c).startswith(_ACCOUNT_TOTAL) for c in cells):
                skip, ended = _ROWS_AFTER_ACCOUNT_TOTAL, (carried or {}).get("id")
            carried = None
            continue
        if any(header_key(work.cell(cells, f)) in customer_keys
               for f in ("customer_name", "customer_id")):
            continue  # the header repeated on every printed page
        # An account heading that carries its opening balance names the row's customer.
        own = opening.get(row) or work.customer(row, _without_markers(cells))
        if skip:
            skip -= 1
            if own is None or own["id"] == ended:
                continue
        skip = 0
        if any(is_closed_status(cells[c] if c < len(cells) else "", closed) for c in status_columns(header)):
            continue
        customer = own or carried
        if own:
            carried = own
        try:
            if ledger and marker is None:
                value = work.movement(cells)
                if value is None and "debit" not in header.index and "credit" not in header.index:
                    value = work.money(cells, "amount")
                running = work.money(cells, "balance")
                if running is not None:
                    running = work.sided(cells, running)
                if value is None and running is None:
                    continue  # an account label, carried to the rows below
            else:
                value = work.stated(row, cells)
                if value is not None:
                    value = work.sided(cells, value)
                running = None
                if value is None:
                    if marker:
                        work.warn(row, "an opening or closing balance row without an amount; ignored")
                    continue
            currency = work.written_currency(cells) or group_currency or unit or default_currency
        except (RowError, ValueError) as error:
            work.warn(row, f"{error}; row skipped")
            errors += 1
            if customer is not None:
                held.append((row, str(error)))
            continue
        if customer is None:
            work.warn(row, "no customer name, id or email; row skipped")
            errors += 1
            continue
        key = (customer["id"], currency)
        account = accounts.get(key)
        if account is None:
            account = accounts[key] = _Account(customer, currency, row)
        for email in customer["emails"]:
            if email not in account.emails:
                account.emails.append(email)
        account.phones.append(customer.get("phone", ""))
        try:
            language = work.value(cells, "language", parse.parse_language)
        except RowError as error:
            work.warn(row, f"{error}; language left unset")
            language = None
        account.language = account.language or language
        account.rows.append(row)
        if marker == "opening":
            account.opening = value
        elif marker == "closing":
            account.closing = value
        elif ledger:
            account.movement += value or Decimal("0.00")
            if running is not None:
                account.running = running
        else:
            account.summed += value
    if errors and not accounts:
        raise SourceError(
            "no row could be read as a customer balance: " + "; ".join(work.warnings[1:4]),
            where=str(path),
        )
    lines = []
    for (customer_id, currency), account in accounts.items():
        if ledger:
            if account.closing is not None:
                total = account.closing
            elif account.running is not None:
                total = account.running
            else:
                total = (account.opening or Decimal("0.00")) + account.movement
        else:
            total = account.summed
            if len(account.rows) > 1:
                listed = ", ".join(str(r) for r in account.rows)
                work.warn(account.first_row, f"customer {customer_id} ({currency}) is on rows "
                          f"{listed}; their balances were added up")
        name = account.customer["name"]
        if total < 0:
            work.warn(account.first_row, f"{name} ({customer_id}) has a credit balance of "
                      f"{-total} {currency}; nothing to remind")
            continue
        if total == 0:
            continue
        lines.append(Invoice(
            number=f"BAL-{customer_id}-{currency}",
            customer_id=customer_id,
            customer_name=name,
            emails=tuple(account.emails),
            issue_date=None,
            due_date=due,
            amount=total,
            balance=total,
            currency=currency,
            language=account.language,
            kind="balance",
            phone=joined(account.phones),
        ))
    columns = dict(header.texts)
    if header.buckets:
        columns["aging"] = ", ".join(header.bucket_texts)
    return ImportResult(
        importer=importer,
        invoices=tuple(lines),
        header_row=header.row,
        columns=columns,
        warnings=tuple(work.warnings),
        kind="balances",
        questions=(held_rows_question(held, "a customer", "balances"),) if held else (),
    )
