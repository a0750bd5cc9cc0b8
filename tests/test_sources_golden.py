"""Every fixture under tests/sources/ reads to the golden JSON beside it."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dunning_mailer.model import ImportResult
from dunning_mailer.sources import SUPPORTED_SUFFIXES, read_invoices

FIXTURES = Path(__file__).parent / "sources"
FILES = sorted(p for p in FIXTURES.iterdir() if p.suffix in SUPPORTED_SUFFIXES)
RIVHIT = [p for p in FILES if p.name.startswith("rivhit_open_docs")]


def as_json(result: ImportResult) -> dict:
    return {
        "importer": result.importer,
        "header_row": result.header_row,
        "columns": result.columns,
        "warnings": list(result.warnings),
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
            }
            for i in result.invoices
        ],
    }


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_fixture_matches_golden(path: Path) -> None:
    actual = as_json(read_invoices(path))
    golden = path.with_name(path.name + ".expected.json")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_same_report_in_three_encodings_reads_the_same() -> None:
    assert len(RIVHIT) == 3
    results = [read_invoices(p) for p in RIVHIT]
    assert results[0].invoices == results[1].invoices == results[2].invoices
    assert results[0].columns == results[1].columns == results[2].columns
