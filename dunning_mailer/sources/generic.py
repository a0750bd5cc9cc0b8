"""Rows with a recognisable header -> open invoices; the importer for any export."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..model import ImportResult
from .base import SUPPORTED_SUFFIXES, SourceError, looks_incomplete
from .columns import (HEADER_SCAN_ROWS, KINDS, Header, detect_kind, find_header, missing_for_balances,
                      missing_for_contacts, missing_required)
from .tabular import Row, sheets


def _header_problem(path: Path, header: Header | None,
                    overrides: Mapping[str, str] | None, header_row: int | None) -> SourceError:
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
    return SourceError(
        f"the header on row {header.row} lacks {', '.join(missing)} (found {found}); "
        f"name those columns in [importer.columns] of an [[importer]] profile{hint}",
        where=str(path),
    )


def _kind_problem(path: Path, header: Header, kind: str, missing: list[str],
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


def extract_rows(
    path: Path,
    rows: Sequence[Row],
    *,
    importer: str,
    header_row: int | None = None,
    columns: Mapping[str, str] | None = None,
    date_order: str | None = None,
    default_currency: str = "ILS",
    kind: str | None = None,
) -> ImportResult:
    """What a file's rows hold; row problems become warnings.

    `kind` ("invoices", "balances", "contacts") forces the reading; without it
    the header decides (see `detect_kind`).
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
    header = find_header(rows, columns, header_row)
    if header is None or not header.index:
        raise _header_problem(path, header, columns, header_row)
    chosen = kind or detect_kind(header)
    # Imported here: both build on this module's row helpers.
    if chosen == "balances":
        from .balances import extract_balances

        if missing := missing_for_balances(header):
            raise _kind_problem(path, header, chosen, missing, kind is not None)
        return extract_balances(path, rows, header, importer=importer, date_order=date_order,
                                default_currency=default_currency)
    if chosen == "contacts":
        from .contacts import extract_contacts

        if missing := missing_for_contacts(header):
            raise _kind_problem(path, header, chosen, missing, kind is not None)
        return extract_contacts(path, rows, header, importer=importer)
    if missing_required(header.index):
        if kind:
            raise _kind_problem(path, header, chosen, missing_required(header.index), True)
        raise _header_problem(path, header, columns, header_row)
    from .invoices import extract_invoices

    return extract_invoices(path, rows, header, importer=importer, date_order=date_order,
                            default_currency=default_currency)


class GenericImporter:
    """Claims any supported spreadsheet or csv and finds its header by synonyms."""

    name = "generic"

    def __init__(self, default_currency: str = "ILS"):
        self.default_currency = default_currency

    def identify(self, path: Path) -> bool:
        path = Path(path)
        return path.suffix.lower() in SUPPORTED_SUFFIXES and not looks_incomplete(path)

    def extract(self, path: Path) -> ImportResult:
        path = Path(path)
        found = sheets(path)  # the first now; the others only if the invoices need their contacts
        _, rows = next(found, ("", []))
        result = extract_rows(path, rows, importer=self.name, default_currency=self.default_currency)
        return with_contacts_sheet(path, result, found) if result.kind == "invoices" else result


def with_contacts_sheet(path: Path, result: ImportResult,
                        other_sheets: Iterable[tuple[str, Sequence[Row]]]) -> ImportResult:
    """Invoices whose workbook also has a contacts sheet (customer id and emails, perhaps names
    and the account manager) come with those contacts, as if a contacts file had been dropped."""
    from dataclasses import replace

    from .contacts import extract_contacts

    for name, rows in other_sheets:
        header = find_header(rows, None, None)
        if header is None or not header.index or detect_kind(header) != "contacts" \
                or missing_for_contacts(header):
            continue
        contacts = extract_contacts(path, rows, header, importer=result.importer)
        return replace(result, contacts=contacts.contacts, warnings=result.warnings + tuple(
            f"sheet {name!r}: {w}" for w in contacts.warnings) + (
            f"sheet {name!r}: {len(contacts.contacts)} customers' contacts",))
    return result
