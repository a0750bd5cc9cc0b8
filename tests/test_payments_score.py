"""The held-out scorer's format, on two scenarios written here (not the held-out set)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = Path(__file__).parent / "payments_scenarios"


def test_scorer_reads_scenarios_and_statements():
    sys.path.insert(0, str(ROOT))
    from bench.payments_score import score_scenarios

    r = score_scenarios(sorted((FOLDER / "matching").glob("*.json")), FOLDER / "statements")
    assert r["payments"] == 3 and r["matched_right"] == 3, r["misses"]
    assert r["invoices_closed_wrongly"] == 0 and r["unrelated_left_alone"] == 1
    assert any("target ≥ 95%" in line for line in r["lines"])
