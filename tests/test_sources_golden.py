"""Every fixture under tests/sources/ reads to the golden JSON beside it (README.md there says
where each layout was learned).

The .xls and .ods fixtures are committed binaries (written by
build_fixtures.py with xlwt and odfpy); reading them needs only python-calamine.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dunning_mailer.model import ImportResult
from dunning_mailer.sources import SUPPORTED_SUFFIXES, SourceError, read_invoices

FIXTURES = Path(__file__).parent / "sources"
FILES = sorted(p for p in FIXTURES.iterdir() if p.suffix in SUPPORTED_SUFFIXES)
RIVHIT = [p for p in FILES if p.name.startswith("rivhit_open_docs")]


def as_json(result: ImportResult) -> dict:
    doc = {
        "importer": result.importer,
        "kind": result.kind,
        "header_row": result.header_row,
        "columns": result.columns,
        "warnings": list(result.warnings),
        "unused_columns": list(result.unused_columns),
        "questions": list(result.questions),
        "invoices": [
            {
                "number": i.number,
                "customer_id": i.customer_id,
                "customer_name": i.customer_name,
                "emails": list(i.emails),
                "issue_date": i.issue_date.isoformat() if i.issue_date else None,
                "due_date": i.due_date.isoformat(),
                "amount": str(i.amount),
                "balance": str(i.balance),
                "currency": i.currency,
                "language": i.language,
                "kind": i.kind,
                **({"phone": i.phone} if i.phone else {}),  # only where the file has phones
            }
            for i in result.invoices
        ],
    }
    if result.kind == "contacts":
        doc["contacts"] = [
            {
                "customer_id": c.customer_id,
                "name": c.name,
                "emails": list(c.emails),
                "account_manager": c.account_manager,
                "account_manager_email": c.account_manager_email,
                "language": c.language,
                **({"phone": c.phone} if c.phone else {}),
            }
            for c in result.contacts
        ]
    return doc


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_fixture_matches_golden(path: Path) -> None:
    try:  # a held file's expectation lists its questions; a refused one, its message
        actual = as_json(read_invoices(path, hold=False))
    except SourceError as error:
        actual = {"error": error.message}
    golden = path.with_name(path.name + ".expected.json")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_same_report_in_every_format_reads_the_same() -> None:
    """xlsx, ods, UTF-8-BOM and Windows-1255 csv: one report, one reading."""
    assert {p.suffix for p in RIVHIT} == {".xlsx", ".ods", ".csv"} and len(RIVHIT) == 4
    results = [read_invoices(p) for p in RIVHIT]
    for path, result in zip(RIVHIT[1:], results[1:]):
        assert result.invoices == results[0].invoices, path.name
        assert result.columns == results[0].columns, path.name
        assert [w.split(" ", 1)[1] for w in result.warnings] == [
            w.split(" ", 1)[1] for w in results[0].warnings], path.name
    ods, xlsx = (next(p for p in RIVHIT if p.suffix == s) for s in (".ods", ".xlsx"))
    assert read_invoices(ods).header_row == read_invoices(xlsx).header_row


def test_ods_golden_is_the_xlsx_golden() -> None:
    def golden(name: str) -> dict:
        doc = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
        doc["warnings"] = [w.split(" ", 1)[1] for w in doc["warnings"]]
        return doc

    assert golden("rivhit_open_docs.ods") == golden("rivhit_open_docs.xlsx")
