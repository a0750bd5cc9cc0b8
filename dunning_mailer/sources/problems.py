"""What a file lacks or leaves open about its layout, said once in plain words with the
`[[importer]]` lines that settle it: a header without a required column, a kind that does not
fit, dated rows without a document number, amounts with and without a currency sign."""
from __future__ import annotations

import datetime as dt

import re
from pathlib import Path
from typing import Mapping, Sequence

from ..model import ImportResult
from . import cells as parse
from .base import SourceError
from .columns import HEADER_SCAN_ROWS, Header, missing_required
from .containers import column_letters
from .questions import is_harmless, profile_lines, toml_string, values_look_like
from .rows import header_cells
from .tabular import Row


def header_problem(path: Path, header: Header | None,
                    overrides: Mapping[str, str] | None, header_row: int | None,
                    rows: Sequence[Row] = ()) -> SourceError:
    if header is None and overrides:
        wanted = ", ".join(f"{f} = {t!r}" for f, t in overrides.items())
        scope = f"row {header_row}" if header_row else f"the first {HEADER_SCAN_ROWS} rows"
        return SourceError(
            f"no row in {scope} holds all the configured columns ({wanted}); check "
            "[importer.columns] against the file's header",
            where=str(path),
        )
    if header_row and (header is None or not header.index):
        return SourceError(
            f"row {header_row} (header_row in the profile) holds no known column "
            "names; fix header_row or name the columns in [importer.columns]",
            where=str(path),
        )
    if header is None or not header.index:
        return SourceError(
            f"no header row found in the first {HEADER_SCAN_ROWS} rows; add an "
            "[[importer]] profile with header_row and [importer.columns] mapping "
            "number, customer_name, due_date and amount to this file's headers",
            where=str(path),
        )
    missing = missing_required(header.index)
    found = ", ".join(f"{f} = {t!r}" for f, t in header.texts.items())
    hint = ""
    if "number" in missing:
        hint = (
            "; a file without document numbers is read as customer balances when it has "
            "a customer and a balance, amount, debit/credit or aging column, and as "
            "contacts when it has a customer and emails (kind = \"balances\" or "
            "\"contacts\" in the profile forces one)"
        )
    lines = _missing_lines(rows, header, missing) if rows else []
    say = (". Say which columns they are in config.toml, then drop the file again:\n"
           + profile_lines(path, *lines)) if lines else ""
    return SourceError(
        f"the header on row {header.row} lacks {', '.join(missing)} (found {found}); "
        f"name those columns in [importer.columns] of an [[importer]] profile{hint}{say}",
        where=str(path),
    )



_LINE_FOR = {"number": ("number", "an identifier"), "due_date (or issue_date + terms)": ("due_date", "a date"),
             "amount or balance": ("balance", "money")}



def _missing_lines(rows: Sequence[Row], header: Header, missing: Sequence[str]) -> list[str]:
    """The profile lines that would name each missing field: the unused column whose values
    look like it where there is one, else a line to fill in."""
    cells = header_cells(rows, header)
    body = [c for n, c in rows if n > header.row][:500]
    used = set(header.index.values()) | set(header.buckets) | set(header.statuses)
    lines = []
    for phrase in missing:
        if phrase not in _LINE_FOR:
            continue
        field, looks = _LINE_FOR[phrase]
        found = None
        for column, cell in enumerate(cells):
            if column in used or parse.is_blank(cell) or is_harmless(cell):
                continue
            values = [r[column] if column < len(r) else "" for r in body]
            if looks in ("money", "a date") and values_look_like(values) == looks:
                found = parse.clean_text(cell)
                break
        if found:
            lines.append(f"columns.{field} = {toml_string(found)}    # if that is the {field.replace('_', ' ')}")
        else:
            lines.append(f'# columns.{field} = "…"    # the header of the {field.replace("_", " ")} column')
        if field == "due_date" and "issue_date" in header.index:
            # The file does not say when its invoices fall due: the business's own terms do.
            usual = "שוטף+30" if header.hebrew else "Net 30"
            lines.append(f'# or, if every invoice falls due a set time after its date:  terms = "{usual}"')
            lines.append('# or, if they are due on the day they are issued:  terms = "due on receipt"')
    return lines



def headerless_hint(path: Path, rows: Sequence[Row], header: Header | None) -> str:
    """For columns with words below the header but no header text: the profile lines that name
    them by position (a Hashavshevet ledger card leaves its account columns unnamed)."""
    if header is None:
        return ""
    cells = header_cells(rows, header)
    body = [c for n, c in rows if n > header.row][:200]

    def unnamed(column: int) -> bool:
        return column not in header.index.values() and (column >= len(cells) or parse.is_blank(cells[column]))

    def filled(column: int, words: bool) -> bool:
        return any(column < len(row) and not parse.is_blank(row[column])
                   and (not words or re.search(r"[^\W\d_]", parse.clean_text(row[column]))) for row in body)

    width = max(map(len, body), default=0)
    named = [c for c in range(width) if unnamed(c) and filled(c, words=True)]
    if not named:
        return ""
    lines = [f'columns.customer_name = "column {column_letters(named[0])}"    # the customer\'s name']
    if named[0] > 0 and unnamed(named[0] - 1) and filled(named[0] - 1, words=False):
        lines.append(f'columns.customer_id = "column {column_letters(named[0] - 1)}"      # its number')
    letters = ", ".join(column_letters(c) for c in named)
    return (f"; column(s) {letters} have no header but hold words: if they name the customer, say so "
            "in config.toml:\n" + profile_lines(path, *lines))



def kind_problem(path: Path, header: Header, kind: str, missing: list[str],
                  forced: bool) -> SourceError:
    found = ", ".join(f"{f} = {t!r}" for f, t in header.texts.items()) or "nothing known"
    why = (f"kind = {kind!r} in the profile" if forced
           else "its debit/credit columns make it a ledger" if kind == "balances"
           else "it has no document number column")
    return SourceError(
        f"read as {kind} ({why}), but the header on row {header.row} lacks "
        f"{', '.join(missing)} (found {found}); name those columns in [importer.columns] "
        "of an [[importer]] profile, or set its kind",
        where=str(path),
    )



def with_hint(error: SourceError, path: Path, rows: Sequence[Row], header: Header) -> SourceError:
    if "customer" not in str(error):
        return error
    hint = headerless_hint(path, rows, header)
    return SourceError(error.message + hint, where=error.where) if hint else error



def currency_questions(path: Path, header: Header, result: ImportResult,
                        default_currency: str, rows: Sequence[Row] = ()) -> tuple[str, ...]:
    """Amounts written with a currency sign beside amounts without one, and no currency column:
    are the bare ones in the default currency, or in the one the others write? (Not when every
    amount writes its sign: "₪ 9,360.00" beside "$ 2,500.00" says it all.)"""
    if "currency" in header.index or result.kind not in ("invoices", "balances"):
        return ()
    found = {i.currency for i in result.invoices}
    if default_currency not in found or len(found) < 2:
        return ()
    money = header.index.get("balance", header.index.get("amount"))
    if money is not None and rows:
        cells = [r[money] for n, r in rows if n > header.row and money < len(r)]
        amounts = [c for c in cells if isinstance(c, (int, float)) or (
            isinstance(c, str) and re.search(r"\d", c))]
        if amounts and all(isinstance(c, str) and parse.names_currency(c) for c in amounts):
            return ()
    others = sorted(found - {default_currency})
    listed = ", ".join(others)
    return (f"some amounts are written in {listed} and others without a currency, which were read "
            f"as {default_currency} (the default). Say which currency those are in config.toml, "
            "then drop the file again:\n"
            + profile_lines(path, f"currency = {toml_string(others[0])}    # the amounts without a sign",
                            f"# or, if they are in {default_currency}:  currency = "
                            f"{toml_string(default_currency)}"),)



def numberless_question(path: Path, rows: Sequence[Row], header: Header) -> str:
    """Rows with their own due dates and no document number: invoices whose number column has a
    name the reader does not know, or balances? Only the file's owner can say."""
    cells = header_cells(rows, header)
    body = [c for n, c in rows if n > header.row][:500]
    used = set(header.index.values()) | set(header.buckets) | set(header.statuses)
    best = None
    for column in range(len(cells)):
        values = [parse.clean_text(r[column]) for r in body if column < len(r) and not parse.is_blank(r[column])]
        if column in used or len(values) < 2 or not all(re.search(r"\d", v) for v in values):
            continue
        if len(set(values)) == len(values) and not is_harmless(cells[column]):
            best = column
            break
    ref = f"column {column_letters(best)}" if best is not None else "column ?"
    if best is not None and not parse.is_blank(cells[best]):
        ref = parse.clean_text(cells[best])
    dated = "due_date" if "due_date" in header.texts else "issue_date"
    return (f"column {header.texts[dated]!r} gives each row its own date, but no column is "
            "a document number, so the rows would be added up per customer as balances. Say which "
            "it is in config.toml, then drop the file again:\n"
            + profile_lines(path, f"columns.number = {toml_string(ref)}    # if that is the document number",
                            '# or, if the file is customer balances:  kind = "balances"'))


_DATED = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def movements_question(path: Path, rows: Sequence[Row], header: Header, marked: bool) -> str | None:
    """A period's debit/credit movements with no opening, closing or running balance anywhere
    (`marked`: whether some row is an opening or closing balance): their sum is what moved in the
    period, not what the customer owes, unless the file starts when the account did."""
    if marked or not {"debit", "credit"} & header.index.keys() or "balance" in header.index:
        return None
    body = [c for n, c in rows if n > header.row][:500]
    width = max(map(len, body), default=0)
    dated = [c for c in range(width)
             if sum(1 for r in body if c < len(r) and (isinstance(r[c], (dt.date, dt.datetime))
                    or (isinstance(r[c], str) and _DATED.fullmatch(r[c].strip())))) * 2 > len(body)]
    if not dated:
        return None
    return (f"{path.name} holds dated debit/credit movements but no opening, closing or running "
            "balance: their sum is what moved in those dates, not necessarily what each customer "
            "owes. Export the customer card with its opening balance (or a balances report); or, if "
            "this file holds every movement since each account was opened, say so in config.toml, "
            "then drop the file again:\n" + profile_lines(path, 'kind = "balances"'))


# Reports of every account in the books, not only the customers'.
_ALL_ACCOUNTS = re.compile(r"מאזן\s*בוחן|trial\s+balance|general\s+ledger|ספר\s+(?:ה)?ראשי", re.I)
# "מאזן בוחן לקוחות", "Trial balance - customers": the customers' part of the books only.
_CUSTOMERS_ONLY = re.compile(r"לקוח|חייבים|customer|debtor|receivable", re.I)
_OTHER_ACCOUNTS = re.compile(r"ספק|זכאים|supplier|vendor|creditor|payable", re.I)


def all_accounts_question(path: Path, rows: Sequence[Row], header: Header) -> str | None:
    """A question when the title rows say the report lists every account of the books (a trial
    balance, a general ledger): suppliers, the bank and income read as customers' balances
    would be debts nobody owes."""
    first = header.top or header.row
    titles = [(number, parse.clean_text(cell)) for number, cells in rows if number < first for cell in cells]
    if any(_CUSTOMERS_ONLY.search(text) and not _OTHER_ACCOUNTS.search(text) for _, text in titles):
        return None  # "ממפתח מיון 300 עד 300 (לקוחות)": the report was limited to the customers
    for number, text in titles:
        if _ALL_ACCOUNTS.search(text):
            return (
                f"row {number} says {text!r}: a report of every account in the books "
                "(suppliers, bank, income beside the customers), and nothing in it says which "
                "rows are customers. Export the customers' balances or aging report instead "
                "(יתרות לקוחות, גיול חובות), or keep only the customer accounts in the file "
                "and say so in config.toml, then drop the file again:\n"
                + profile_lines(path, 'kind = "balances"    # every row left is a customer'))
    return None


def _row_money(cells: Sequence[object], columns: Sequence[int]):
    total, seen = 0, False
    for column in columns:
        cell = cells[column] if column < len(cells) else ""
        if parse.is_blank(cell):
            continue
        try:
            total += parse.parse_amount(cell)[0]
        except ValueError:
            return None
        seen = True
    return total if seen else None


def unfolded_problem(path: Path, rows: Sequence[Row], header: Header) -> SourceError | None:
    """A report whose group rows carry the total of the rows under them in the same columns
    (Odoo's "Aged Receivable" unfolded: a partner's line, then its invoices' lines), the group's
    name and the invoices' labels sharing one unnamed column: reading it row by row would
    count every debt twice. None when the file is not like that."""
    from .rows import is_total_row

    due = header.index.get("due_date")
    money = [header.index[f] for f in ("amount", "balance") if f in header.index][:1] or list(header.buckets)
    if due is None or not money:
        return None
    body = [(n, c) for n, c in rows if n > header.row and not is_total_row(c, header)
            and not all(parse.is_blank(x) for x in c)]
    groups: list[int] = []
    position = 0
    while position < len(body):
        number, cells = body[position]
        value = _row_money(cells, money)
        if value is None or not (due >= len(cells) or parse.is_blank(cells[due])):
            position += 1
            continue
        below, summed = position + 1, 0
        while below < len(body) and due < len(body[below][1]) and not parse.is_blank(body[below][1][due]):
            summed += _row_money(body[below][1], money) or 0
            below += 1
        if below > position + 1 and summed == value:
            groups.append(number)
        position = below
    if not groups:
        return None
    listed = ", ".join(str(n) for n in groups[:5]) + (" …" if len(groups) > 5 else "")
    return SourceError(
        f"rows {listed} each hold the total of the rows under them (a report with its customers "
        "unfolded into their invoices, as Odoo's Aged Receivable), and the customers' names and "
        "the invoices' labels share one column: read row by row, every debt would count twice. "
        "Export the report folded (one line per customer, read as balances), or export the "
        "invoice list (Customer Invoices) instead",
        where=str(path),
    )
