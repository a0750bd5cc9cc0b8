"""Sample businesses, invoices and offers the lint renders every stage with."""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any, Iterable

from .. import render
from ..config import Business
from ..model import Stage


SAMPLE_TODAY = dt.date(2026, 12, 1)


def sample_businesses(language: str) -> tuple[Business, Business]:
    """A business with every optional part set, and one with none of them."""
    if language == "he":
        full = Business(name="סטודיו גפן", email="billing@gefen.example", reply_to="michal@gefen.example",
                        phone="+972-50-555-1234", website="https://gefen.example", signature_name="מיכל לוי",
                        signature_role="מנהלת לקוחות", payment_methods=("העברה בנקאית", "כרטיס אשראי", "ביט"),
                        payment_link="https://pay.example/gefen", color="#2b6cb0",
                        bank_details="בנק לאומי (10), סניף 800\nחשבון 123456/78\nIBAN IL620108000000012345678",
                        logo_url="https://gefen.example/logo.png")
    else:
        full = Business(name="Gefen Studio", email="billing@gefen.example", reply_to="michal@gefen.example",
                        phone="+972-50-555-1234", website="https://gefen.example", signature_name="Michal Levi",
                        signature_role="Account manager", payment_methods=("bank transfer", "credit card", "PayPal"),
                        payment_link="https://pay.example/gefen", color="#2b6cb0",
                        bank_details="Bank Leumi (10), branch 800\nAccount 123456/78\nIBAN IL620108000000012345678",
                        logo_url="https://gefen.example/logo.png")
    minimal = Business(name=full.name, email=full.email, payment_methods=())
    return full, minimal


def _make(cls: type, **values: Any) -> Any:
    """An instance of a dataclass from the values it knows (its fields change over time)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in names})


def sample_offers() -> tuple[Any, ...]:
    """No offer, a discount with instalments, instalments only."""
    offer = getattr(render, "Offer", None)
    if offer is None:
        return (None,)
    until = SAMPLE_TODAY + dt.timedelta(days=10)
    return (None,
            _make(offer, discount_percent=Decimal("5"), discount_until=until, instalments=3,
                  instalment_amount=Decimal("1180")),
            _make(offer, instalments=4, instalment_amount=Decimal("885")))


def sample_email(stage: Stage, invoices: int = 2, currencies: tuple[str, ...] = ("ILS",)) -> Any:
    from ..testing import sample_email as make

    return make(stage, SAMPLE_TODAY, invoices=invoices, currencies=currencies)


def sample_mixed_email(stage: Stage, today: dt.date = SAMPLE_TODAY) -> Any:
    """Ids with letters, a partial payment, a credit note (a negative amount) and two currencies:
    what breaks right-to-left layout when a number is not isolated."""
    from ..model import Customer, Invoice
    from ..policy import InvoiceState

    email = sample_email(stage)
    customer = Customer("C-2042", "נגרות הגליל בע״מ", ("office@galil-wood.example",))
    due = today - dt.timedelta(days=stage.days)
    rows = (("2024-0042-A", due - dt.timedelta(days=14), "2360.00", "1180.00", "ILS"),
            ("2026-1043", due, "4720.50", "4720.50", "ILS"),
            ("CN-2026-007", due, "-500.00", "-500.00", "ILS"),
            ("INV-88/2026", due - dt.timedelta(days=7), "950.00", "950.00", "USD"))
    states = tuple(InvoiceState(Invoice(number, customer.id, customer.name, customer.emails,
                                        d - dt.timedelta(days=30), d, Decimal(amount), Decimal(balance), currency))
                   for number, d, amount, balance, currency in rows)
    return dataclasses.replace(email, customer=customer, recipients=customer.emails,
                               items=tuple((s, stage) for s in states))


def sample_contexts(stage: Stage, language: str, business: Business | None = None) -> Iterable[tuple[str, dict]]:
    """(label, context) pairs: 1 and 3 invoices, 2 currencies, with and without an offer and config parts."""
    businesses = (business,) if business is not None else sample_businesses(language)
    for invoices, currencies in ((1, ("ILS",)), (3, ("ILS",)), (3, ("ILS", "USD"))):
        email = sample_email(stage, invoices, currencies)
        for b_index, biz in enumerate(businesses):
            for offer in sample_offers():
                label = (f"{invoices} invoice{'s' if invoices > 1 else ''}, {'/'.join(currencies)}, "
                         f"{'full' if b_index == 0 else 'minimal'} business, "
                         f"{'no offer' if offer is None else 'an offer'}")
                this = email
                if offer is None and getattr(email, "offer", None) is not None:
                    this = dataclasses.replace(email, offer=None)
                yield label, render.context(this, business=biz, today=SAMPLE_TODAY, offer=offer)
    for b_index, biz in enumerate(businesses):
        label = f"ids with letters, a credit note, ILS/USD, {'full' if b_index == 0 else 'minimal'} business"
        yield label, render.context(sample_mixed_email(stage), business=biz, today=SAMPLE_TODAY)
    if stage.days > 0:  # one invoice late, and one not due yet riding along (its own stage: before_due)
        for soon in (5, 0):
            email = sample_email(stage, 2)
            (late, _), (ahead, _) = email.items
            ahead = dataclasses.replace(ahead, invoice=dataclasses.replace(
                ahead.invoice, due_date=SAMPLE_TODAY + dt.timedelta(days=soon)))
            email = dataclasses.replace(email, items=((late, stage), (ahead, stage)))
            for b_index, biz in enumerate(businesses):
                label = (f"one invoice late and one due {'today' if not soon else 'later'}, "
                         f"{'full' if b_index == 0 else 'minimal'} business")
                yield label, render.context(email, business=biz, today=SAMPLE_TODAY)
