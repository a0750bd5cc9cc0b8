"""Never silently wrong, over every fixture: an import either stops with a report, or every
amount, balance, customer, due date and currency it reads is the file's own meaning.

- `meaning.json` (written by hand in build_layouts.py) says what a person reads in each round-2
  file, or that the file cannot settle it ("held");
- each fixture's `.expected.json` is its reviewed reading: an import that goes through (no
  question, no error) reads exactly those invoices;
- the same files with a column's header renamed to a name no system writes, their columns in
  the reverse order, or a notes column added: each reads the same, or stops.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dunning_mailer.sources import SUPPORTED_SUFFIXES, SourceError, read_invoices
from dunning_mailer.sources.columns import find_header
from dunning_mailer.sources.generic import extract_rows, header_cells
from dunning_mailer.sources.tabular import sheets

FIXTURES = Path(__file__).parent / "sources"
FILES = sorted(p for p in FIXTURES.iterdir() if p.suffix in SUPPORTED_SUFFIXES)
MEANING = json.loads((FIXTURES / "meaning.json").read_text(encoding="utf-8"))
# The fields a reminder states as facts, and the customer it goes to.
FACTS = ("number", "customer_id", "customer_name", "amount", "balance", "due_date", "currency")


def _facts(invoices) -> list[tuple]:
    return sorted((i.number, i.customer_id, i.customer_name, str(i.amount), str(i.balance),
                   i.due_date.isoformat(), i.currency) for i in invoices)


def _expected_facts(doc: dict) -> list[tuple]:
    return sorted(tuple(i[f] for f in FACTS) for i in doc["invoices"])


@pytest.mark.parametrize("name", sorted(MEANING), ids=sorted(MEANING))
def test_each_round_two_file_reads_as_a_person_reads_it_or_is_held(name: str):
    path = FIXTURES / name
    meaning = MEANING[name]
    if meaning == "held":
        with pytest.raises(SourceError):
            read_invoices(path)
        return
    result = read_invoices(path)
    read = sorted((None if i.kind == "balance" else i.number, i.customer_id, str(i.balance),
                   i.due_date.isoformat(), i.currency) for i in result.invoices)
    assert read == sorted(tuple(m) for m in meaning)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_an_import_that_goes_through_reads_the_expected_facts(path: Path):
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text(encoding="utf-8"))
    try:
        result = read_invoices(path)  # held or refused: the import stops, nothing to compare
    except SourceError:
        return
    assert "error" not in expected and not expected["questions"], "a held file went through"
    assert _facts(result.invoices) == _expected_facts(expected)


# --- the same files, changed in ways that must never change a number silently ---------------

_RENAMED_FIELDS = ("number", "amount", "balance", "paid", "due_date", "currency", "status")


def _rows(path: Path) -> list[tuple[int, list]]:
    _, rows = next(sheets(path))
    return [(n, list(cells)) for n, cells in rows]


def _reading(path: Path, rows) -> tuple | None:
    """The facts an import of these rows would apply, or None when it stops."""
    try:
        result = extract_rows(path, rows, importer="generic")
    except SourceError:
        return None
    if result.questions or result.kind == "contacts":
        return None  # held; or contacts, which change no debt
    return tuple((i.kind, i.number, i.customer_id, str(i.amount), str(i.balance),
                  i.due_date.isoformat(), i.currency) for i in sorted(
        result.invoices, key=lambda i: (i.number, i.customer_id)))


def _mutations(rows):
    """(what was changed, the changed rows)."""
    header = find_header(rows)
    if header is None or not header.index:
        return
    cells = header_cells(rows, header)
    for field in _RENAMED_FIELDS:
        columns = [header.index[field]] if field in header.index else []
        if field == "status":
            columns += list(header.statuses)
        for column in columns:
            changed = [(n, [("Zq" + str(column)) if n in (header.row, header.top) and c == column else v
                            for c, v in enumerate(r)]) for n, r in rows]
            yield f"header of {field} ({cells[column]!r}) renamed", changed
    width = max(len(r) for _, r in rows)
    yield "columns reversed", [(n, list(reversed([*r, *[""] * (width - len(r))]))) for n, r in rows]
    yield "a notes column added", [(n, [*r, "Notes" if n == header.row else ("see file" if n > header.row else "")])
                                   for n, r in rows]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_a_renamed_reordered_or_widened_file_reads_the_same_or_stops(path: Path):
    rows = _rows(path)
    baseline = _reading(path, rows)
    if baseline is None:
        return  # the file itself stops; a changed copy may only stop too
    for change, changed in _mutations(rows):
        reading = _reading(path, changed)
        assert reading is None or reading == baseline, change


def test_inspect_json_of_each_round_two_file_is_its_expected_reading(tmp_path: Path):
    """What `inspect --json` prints is the reading the expected file holds (one process per file)."""
    from conftest import run_cli

    for name in sorted(MEANING):
        expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
        r = run_cli("inspect", str(FIXTURES / name), "--json", cwd=tmp_path)
        if "error" in expected:
            assert r.returncode == 1 and expected["error"] in r.stderr, name
            continue
        doc = json.loads(r.stdout)
        assert r.returncode == (1 if expected["questions"] else 0), name
        for key in ("kind", "header_row", "columns", "unused_columns", "questions"):
            assert doc[key] == expected[key], (name, key)
        assert sorted(tuple(str(i[f]) for f in FACTS) for i in doc["invoices"]) == sorted(
            tuple(str(i[f]) for f in FACTS) for i in expected["invoices"]), name
