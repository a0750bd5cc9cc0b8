"""Every bank statement fixture under tests/bank/ reads to the lines beside it (built from the
movements build_statements.py wrote, not from the reader), recognised by content."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dunning_mailer.sources import SourceError, read_invoices

FIXTURES = Path(__file__).parent / "bank"
FILES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith((".json", ".py", ".md")))


def reading(path: Path) -> dict:
    result = read_invoices(path)
    return {"kind": result.kind, "importer": result.importer, "account": result.account,
            "lines": [{"date": x.date.isoformat(), "value_date": x.value_date.isoformat() if x.value_date else None,
                       "description": x.description, "reference": x.reference, "amount": f"{x.amount:.2f}",
                       "currency": x.currency} for x in result.lines],
            "warnings": list(result.warnings)}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_fixture_reads_to_its_expected_lines(path: Path):
    want = json.loads((FIXTURES / f"{path.name}.expected.json").read_text(encoding="utf-8"))
    assert want["layout_source"], "each fixture says where its layout was learned"
    got = reading(path)
    assert got["kind"] == "bank_statement"
    assert got["importer"] == want["importer"]
    assert got["account"] == want["account"]
    assert got["lines"] == want["lines"]
    assert got["warnings"] == want["warnings"]


def test_every_bank_and_standard_has_a_fixture():
    importers = {json.loads(p.read_text(encoding="utf-8"))["importer"] for p in FIXTURES.glob("*.expected.json")}
    assert {"bank:hapoalim", "bank:leumi", "bank:discount", "bank:mizrahi-tefahot", "bank:first-international",
            "bank:yahav", "bank:ofx", "bank:mt940", "bank:camt053"} <= importers


def test_recognised_by_content_not_by_name(tmp_path: Path):
    for path in FILES:
        renamed = tmp_path / f"download{path.suffix}"
        shutil.copyfile(path, renamed)
        assert read_invoices(renamed).kind == "bank_statement", path.name


def test_an_invoice_export_or_ledger_card_is_not_a_statement():
    sources = Path(__file__).parent / "sources"
    for path in sorted(sources.glob("*.xlsx")) + sorted(sources.glob("*.csv")):
        try:
            kind = read_invoices(path, hold=False).kind
        except SourceError:  # a fixture the reader refuses is not taken for a statement either
            continue
        assert kind != "bank_statement", path.name
