"""The ledger's side of bank payments: lines stored once, decisions applied or holding, a person's
confirm and reject, exports that have not caught up, and "I paid" checked against credits."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from dunning_mailer.ledger import Ledger
from dunning_mailer.model import ImportResult, Invoice
from dunning_mailer.payments import BankLine, match
from dunning_mailer.sources import StatementResult

TZ = dt.timezone(dt.timedelta(hours=2))
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=TZ)


def invoice(number, customer, name, balance, due=dt.date(2026, 11, 1)):
    return Invoice(number, customer, name, (f"{customer}@x.example",), dt.date(2026, 10, 1), due,
                   Decimal(balance), Decimal(balance))


BOOK = [invoice("4117", "c1", 'אור ירוק בע"מ', "2340.00"), invoice("4118", "c1", 'אור ירוק בע"מ', "800.00"),
        invoice("4125", "c2", "שמש הפקות", "1800.00"), invoice("4140", "c3", "Kravitz Engineering", "5000.00")]


@pytest.fixture
def ledger(tmp_path: Path):
    with Ledger(tmp_path / "l.sqlite3") as led:
        export(led, BOOK, NOW - dt.timedelta(days=5), "a")
        yield led


def export(led, invoices, at, sha):
    return led.apply_snapshot(source="default", file_name=f"export-{sha}.xlsx", sha256=sha, snapshot_at=at,
                              result=ImportResult("generic", tuple(invoices)), now=at, max_close_fraction=1.0,
                              brake_min_open=100)


def statement(led, lines, sha, name="s.xls"):
    result = StatementResult("bank:leumi", (), kind="bank_statement", lines=tuple(lines), account="800-1")
    return led.apply_bank_statement(source="default", file_name=name, sha256=sha, snapshot_at=NOW, result=result,
                                    now=NOW)


def line(day, amount, text, ref=""):
    return BankLine(dt.date(2026, 11, day), Decimal(amount), text, ref, None, "ILS", "800-1")


def settle(led, now=NOW, claimed=()):
    invoices, customers, known = led.payment_book()
    decisions = match(led.pending_credits(), invoices, customers, known, now.date(), claimed=claimed)
    led.record_decisions(decisions, now=now)
    return decisions


def open_numbers(led):
    return {r[0] for r in led.db.execute("SELECT number FROM invoices WHERE status='open'")}


def test_overlapping_statements_store_each_line_once(ledger):
    a = [line(2, "2340.00", "אור ירוק 4117", "11"), line(3, "-20.00", "עמלה"), line(4, "50", "ביט", "9"),
         line(4, "50", "ביט", "9")]   # the same movement twice in one statement: two movements
    b = a[1:] + [line(6, "1800.00", "שמש הפקות 4125", "12")]
    assert statement(ledger, a, "s1").opened == 4
    outcome = statement(ledger, b, "s2", "s2.csv")
    assert outcome.opened == 1 and "3 already read" in outcome.message
    assert statement(ledger, b, "s2").status == "duplicate"
    assert len(ledger.pending_credits()) == 4


def test_a_confident_match_closes_with_reason_bank_and_the_line(ledger):
    statement(ledger, [line(2, "2340.00", "העברה מאת: אור ירוק חשבונית 4117", "11")], "s1")
    settle(ledger)
    assert "4117" not in open_numbers(ledger)
    paid = [i for i in ledger.history("c1") if i["kind"] == "paid"]
    assert paid[0]["reason"] == "bank" and paid[0]["line"]["reference"] == "11"
    assert paid[0]["line"]["description"] == "העברה מאת: אור ירוק חשבונית 4117"


def test_a_part_payment_lowers_the_balance_until_the_export_shows_it(ledger):
    statement(ledger, [line(25, "2000", "KRAVITZ ENGINEERING inv 4140", "13")], "s1")
    settle(ledger)
    balance = lambda: ledger.db.execute("SELECT balance FROM invoices WHERE number='4140'").fetchone()[0]
    assert balance() == "3000.00" and "4140" in open_numbers(ledger)
    export(ledger, BOOK, NOW - dt.timedelta(days=2), "b")   # the accounts have not recorded it yet
    assert balance() == "3000.00"
    caught_up = [invoice("4140", "c3", "Kravitz Engineering", "3000.00") if i.number == "4140" else i for i in BOOK]
    export(ledger, caught_up, NOW - dt.timedelta(days=1), "c")
    assert balance() == "3000.00"
    paid_more = [invoice("4140", "c3", "Kravitz Engineering", "1000.00") if i.number == "4140" else i for i in BOOK]
    export(ledger, paid_more, NOW, "d")
    assert balance() == "1000.00"


def test_an_unsure_credit_holds_its_customer_until_a_person_confirms(ledger):
    statement(ledger, [line(2, "1800.00", "הפקדת שיק", "14")], "s1")
    (d,) = settle(ledger)
    assert d.status == "review" and ledger.active_pauses(NOW.date())["c2"].reason.startswith("a bank credit")
    assert "4125" in open_numbers(ledger)
    assert [p["customer_id"] for p in ledger.needs_person_payments()] == ["c2"]
    ledger.confirm_payment(int(d.credit_id), now=NOW)
    assert "4125" not in open_numbers(ledger) and "c2" not in ledger.active_pauses(NOW.date())
    assert ledger.payments_to_review() == []
    # The payer's words were "הפקדת שיק": bank wording, nothing to learn.
    assert ledger.db.execute("SELECT COUNT(*) FROM known_payers").fetchone()[0] == 0


def test_an_unsure_credit_whose_invoice_the_export_closed_lets_go(ledger):
    statement(ledger, [line(2, "1800.00", "הפקדת שיק", "14")], "s1")
    (d,) = settle(ledger)
    export(ledger, [i for i in BOOK if i.number != "4125"], NOW, "z")
    assert ledger.drop_settled_reviews(NOW) == [int(d.credit_id)]
    assert "c2" not in ledger.active_pauses(NOW.date()) and ledger.payments_to_review() == []


def test_confirm_with_named_invoices_learns_the_payer(ledger):
    statement(ledger, [line(2, "3140.00", "ח.ש. תקשורת", "15")], "s1")
    (d,) = settle(ledger)
    assert d.status != "matched"
    ledger.confirm_payment(int(d.credit_id), now=NOW, invoices=["4117", "4118"])
    assert {"4117", "4118"}.isdisjoint(open_numbers(ledger))
    assert ledger.db.execute("SELECT customer_id FROM known_payers").fetchone()[0] == "c1"


def test_reject_undoes_an_applied_match(ledger):
    statement(ledger, [line(2, "2340.00", "חשבונית 4117", "16")], "s1")
    (d,) = settle(ledger)
    assert d.status == "matched"
    ledger.reject_payment(int(d.credit_id), now=NOW)
    assert "4117" in open_numbers(ledger)
    assert ledger.payment(int(d.credit_id))["status"] == "rejected"


def test_a_later_export_listing_a_bank_paid_invoice_keeps_it_closed_and_says_so(ledger):
    statement(ledger, [line(2, "2340.00", "חשבונית 4117", "17")], "s1")
    settle(ledger)
    outcome = export(ledger, BOOK, NOW, "d")
    assert "4117" not in open_numbers(ledger) and "kept closed" in outcome.message
    events = [json.loads(r[0]) for r in ledger.db.execute("SELECT detail FROM events WHERE kind='bank_paid_still_listed'")]
    assert events and events[0]["number"] == "4117"
    export(ledger, [i for i in BOOK if i.number != "4117"], NOW + dt.timedelta(days=1), "e")   # caught up
    assert "4117" not in open_numbers(ledger)


def claim(led, customer, when):
    led.pause(customer, now=when, origin="reply", until=(when + dt.timedelta(days=7)).date(),
              reason="the customer says it was paid; waiting for the export to confirm")


def test_i_paid_is_confirmed_by_a_matching_credit(ledger):
    claim(ledger, "c1", NOW - dt.timedelta(days=2))
    statement(ledger, [line(29, "800.00", "אור ירוק", "18")], "s1")
    assert ledger.claimed_customers(NOW.date()) == {"c1"}
    settle(ledger, claimed=ledger.claimed_customers(NOW.date()))
    assert ledger.check_payment_claims(NOW.date(), NOW) == [("c1", "confirmed")]
    assert ledger.claimed_customers(NOW.date()) == set()


def test_i_paid_without_a_credit_goes_to_a_person_when_the_grace_ends(ledger):
    statement(ledger, [line(2, "12.00", "רבית זכות")], "s1")
    claim(ledger, "c3", NOW - dt.timedelta(days=10))
    assert ledger.check_payment_claims(NOW.date(), NOW) == [("c3", "unconfirmed")]
    assert "payment_unconfirmed" in ledger.active_flags()["c3"]
    assert [p["customer_id"] for p in ledger.needs_person_payments()] == ["c3"]
    assert ledger.check_payment_claims(NOW.date(), NOW) == []   # reported once


def test_without_any_statement_the_claim_is_left_to_the_export(ledger):
    claim(ledger, "c3", NOW - dt.timedelta(days=10))
    assert ledger.check_payment_claims(NOW.date(), NOW) == []
