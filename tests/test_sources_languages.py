"""Exports from a German or French UI (Invoice Ninja, Odoo): the headers and statuses read as
their English counterparts do."""
from __future__ import annotations

from pathlib import Path

from dunning_mailer.sources.generic import extract_rows


def read(rows):
    return extract_rows(Path("x.csv"), list(enumerate(rows, start=1)), importer="generic")


def test_a_german_invoice_list_reads_with_its_statuses():
    result = read([["Kunde", "Rechnungsnummer", "Rechnungsdatum", "Fälligkeitsdatum", "Betrag", "Saldo",
                    "Status", "Währung"],
                   ["Bäckerei Vogt", "R-141", "03.10.2026", "02.11.2026", "1.190,00", "1.190,00", "Versendet", "EUR"],
                   ["Bäckerei Vogt", "R-152", "20.10.2026", "19.11.2026", "595,00", "0,00", "Bezahlt", "EUR"],
                   ["Weber GmbH", "R-160", "25.10.2026", "24.11.2026", "800,00", "300,00", "Teilweise bezahlt", "EUR"],
                   ["Weber GmbH", "R-161", "26.10.2026", "25.11.2026", "100,00", "100,00", "Entwurf", "EUR"]])
    assert not result.questions, result.questions
    assert {(i.number, str(i.balance), i.currency) for i in result.invoices} == {
        ("R-141", "1190.00", "EUR"), ("R-160", "300.00", "EUR")}


def test_a_french_invoice_list_reads_with_its_statuses():
    result = read([["Numéro", "Client", "Date de facture", "Date d'échéance", "Montant TTC", "Montant dû",
                    "Statut du paiement"],
                   ["FAC/2026/0031", "Boulangerie Martin", "02/10/2026", "01/11/2026", "1 200,00", "1 200,00", "Non payée"],
                   ["FAC/2026/0032", "Boulangerie Martin", "15/10/2026", "14/11/2026", "480,00", "0,00", "Payée"],
                   ["FAC/2026/0033", "Atelier Roux", "20/10/2026", "19/11/2026", "900,00", "400,00",
                    "Partiellement payée"]])
    assert not result.questions, result.questions
    assert {(i.number, str(i.balance)) for i in result.invoices} == {
        ("FAC/2026/0031", "1200.00"), ("FAC/2026/0033", "400.00")}


def test_type_spellings_and_group_headings_in_the_type_column():
    rows = [["סוג מסמך", "מספר מסמך", "תאריך", "תאריך לתשלום", "יתרה"],
            ["לקוח: 1023 - גלריה כחול לבן", "", "", "", ""],
            ["חשבונית מס", "501", "01/10/2026", "31/10/2026", "1,000.00"],
            ["חשבונית מס / קבלה", "502", "02/10/2026", "", "0.00"],
            ["לקוח: 1031 - אדריכלות שחר", "", "", "", ""],
            ["Credit invoice", "503", "05/10/2026", "", "-200.00"]]
    result = extract_rows(Path("x.csv"), list(enumerate(rows, start=1)), importer="generic", group_headings=True)
    assert not any("statuses the reader does not know" in q for q in result.questions), result.questions
    assert sorted(str(i.balance) for i in result.invoices) == ["-200.00", "1000.00"]
