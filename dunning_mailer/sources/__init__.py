"""Open invoices, customer balances and contacts from exported spreadsheets.

Exactly one importer must claim a file. Configured profiles and third-party
importers (entry point group ``dunning_mailer.importers``) are asked first;
the generic importer takes what none of them claims.
"""
from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from typing import Sequence

from ..allocation import without_cycle_collection
from ..model import ImportResult
from .bank import BankStatementImporter, StatementResult, is_statement_file
from .base import SUPPORTED_SUFFIXES, Importer, SourceError, looks_incomplete
from .generic import GenericImporter
from .profiles import Profile, ProfileImporter, profile_from_mapping
from .tabular import parsed_once

ENTRY_POINT_GROUP = "dunning_mailer.importers"


def droppable(path: Path) -> bool:
    """What the drop folder takes: exports, and bank statements in their own formats."""
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES or is_statement_file(Path(path))


__all__ = [
    "droppable", "StatementResult", "SUPPORTED_SUFFIXES", "GenericImporter", "Importer", "Profile",
    "ProfileImporter", "SourceError", "choose_importer", "held_message", "installed_importers",
    "looks_incomplete",
    "profile_from_mapping", "read_invoices",
]


def installed_importers() -> list[Importer]:
    """Importers that other packages register under the entry point group."""
    found: list[Importer] = []
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = point.load()
            importer = loaded() if isinstance(loaded, type) or not hasattr(loaded, "identify") else loaded
        except Exception as error:  # a broken plugin must say which one it is
            raise SourceError(
                f"importer entry point {point.name!r} ({point.value}) failed to load: {error}"
            ) from None
        if not isinstance(importer, Importer):
            raise SourceError(
                f"importer entry point {point.name!r} ({point.value}) has no "
                "name/identify/extract"
            )
        found.append(importer)
    return found


def choose_importer(
    path: Path, specific: Sequence[Importer], fallback: Importer | None = None
) -> Importer:
    """The one importer that claims `path`; SourceError for none or several."""
    path = Path(path)
    claimed = []
    for importer in specific:
        try:
            if importer.identify(path):
                claimed.append(importer)
        except SourceError:
            raise
        except Exception as error:
            raise SourceError(
                f"importer {importer.name!r} failed while identifying the file: {error}",
                where=str(path),
            ) from None
    if len(claimed) > 1:
        names = ", ".join(repr(i.name) for i in claimed)
        raise SourceError(
            f"claimed by several importers ({names}); make their match_filename "
            "patterns or columns specific enough that only one matches",
            where=str(path),
        )
    if claimed:
        return claimed[0]
    if fallback is not None and fallback.identify(path):
        return fallback
    if looks_incomplete(path):
        reason = "a lock, partial-download or hidden file"
    else:
        reason = f"of an unsupported type (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})"
    raise SourceError(f"no importer claims this file: it is {reason}", where=str(path))


@parsed_once()   # the statement check and the export's reader share one parse of the file
def read_invoices(
    path: Path, *, profiles: Sequence[Profile] = (), default_currency: str = "ILS",
    hold: bool = True,
) -> ImportResult:
    """What one exported file holds, read by the one importer that claims it.

    `result.kind` says which: "invoices" (open invoices, `Invoice.kind ==
    "invoice"`), "balances" (one `Invoice(kind="balance")` per customer and
    currency, numbered "BAL-<customer_id>-<currency>", no issue date, due on
    the report's date), "contacts" (`result.contacts`, no invoices) or "bank_statement" (a
    StatementResult: `result.lines`), a bank statement being recognised first, by its content.

    A reading that leaves questions (`result.questions`: a column that looks like money and
    is not used, an unknown status, a row that cannot be read) is a SourceError that asks
    them, unless `hold` is false (`inspect` shows the reading and the questions).
    """
    path = Path(path)
    if not path.is_file():
        raise SourceError("no such file", where=str(path))
    importer: Importer = BankStatementImporter(default_currency)
    if not importer.identify(path):
        specific: list[Importer] = [ProfileImporter(p, default_currency) for p in profiles]
        specific += installed_importers()
        importer = choose_importer(path, specific, GenericImporter(default_currency))
    try:
        with without_cycle_collection():
            result = importer.extract(path)
    except SourceError:
        raise
    except Exception as error:
        raise SourceError(
            f"importer {importer.name!r} failed: {type(error).__name__}: {error}",
            where=str(path),
        ) from None
    if hold and result.questions:
        raise SourceError(held_message(result), where=str(path))
    return result


def held_message(result: ImportResult) -> str:
    """Why a file is held, in the words of its questions."""
    if len(result.questions) == 1:
        return "held, nothing imported: " + result.questions[0]
    return "held, nothing imported, until these are settled:\n" + "\n".join(
        f"{n}. {q}" for n, q in enumerate(result.questions, start=1))
