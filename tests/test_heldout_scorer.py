"""bench/heldout.py scores the held-out sets; here its payments part runs on a scenario written
here, in the held-out format (not the held-out set itself)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_payments_scorer_walks_credits_in_date_order(tmp_path):
    sys.path.insert(0, str(ROOT))
    from bench.heldout import score_payments

    (tmp_path / "matching").mkdir()
    (tmp_path / "statements").mkdir()
    scenario = {
        "business": "סטודיו", "currency": "ILS",
        "customers": [{"id": "C1", "name": "כהן יוסף הנדסה", "emails": []},
                      {"id": "C2", "name": "Blue Sky Ltd", "emails": []}],
        "invoices": [
            {"number": "1042", "customer_id": "C1", "issue_date": "2026-10-01", "due_date": "2026-10-31",
             "amount": "1170.00", "currency": "ILS"},
            {"number": "1043", "customer_id": "C2", "issue_date": "2026-10-05", "due_date": "2026-11-04",
             "amount": "2340.00", "currency": "ILS"}],
        "credits": [
            {"id": "L1", "date": "2026-11-02", "value_date": "2026-11-02",
             "description": "זיכוי מהפועלים | העברה מאת: כהן יוסף תשלום חשבונית 1042", "reference": "118",
             "amount": "1170.00", "currency": "ILS"},
            {"id": "L2", "date": "2026-11-03", "value_date": "2026-11-03", "description": "שוברי אשראי ישראכרט",
             "reference": "9", "amount": "2340.00", "currency": "ILS"}],
        "expected": {"L1": {"1042": "1170.00"}, "L2": {}},
        "notes": {"L1": "easy: the number", "L2": "non-payment: card settlement equal to 1043"},
    }
    (tmp_path / "matching" / "scenario-1.json").write_text(json.dumps(scenario, ensure_ascii=False), encoding="utf-8")
    r = score_payments(tmp_path)
    assert r["counts"]["paying"] == 1 and r["counts"]["matched_right"] == 1, r["misses"]
    assert r["counts"].get("applied_to_unrelated", 0) == 0 and r["counts"].get("closed_wrongly", 0) == 0
    assert any("target ≥ 95 %" in line for line in r["lines"])
