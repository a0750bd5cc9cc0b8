"""Header and status words of exports written in a European UI language (Odoo and Invoice Ninja
are used in German and French; a bookkeeper abroad exports in their own language). The
English and Hebrew names in columns.SYNONYMS rank first; these come after them."""
from __future__ import annotations

HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("Rechnungsnummer", "Rechnungs-Nr.", "Rechnung Nr.", "Rechnungsnr.", "Belegnummer", "Beleg-Nr.",
               "Numéro", "Numéro de facture", "N° facture", "No facture", "N° de facture", "Référence facture"),
    "customer_name": ("Kunde", "Kundenname", "Name des Kunden", "Nom du client", "Partenaire", "Raison sociale"),
    "customer_id": ("Kundennummer", "Kunden-Nr.", "Kundennr.", "Code client", "N° client", "Numéro client"),
    "emails": ("E-Mail", "E-Mail-Adresse", "Courriel", "Adresse e-mail"),
    "issue_date": ("Rechnungsdatum", "Belegdatum", "Datum", "Date de facture", "Date de facturation",
                   "Date facture"),
    "due_date": ("Fälligkeitsdatum", "Fällig am", "Fälligkeit", "Zahlungsziel", "Date d'échéance", "Échéance",
                 "Date d’échéance"),
    "amount": ("Rechnungsbetrag", "Gesamtbetrag", "Bruttobetrag", "Brutto", "Betrag", "Montant TTC", "Total TTC", "Total signé",
               "Montant total", "Montant"),
    "paid": ("Gezahlt", "Bezahlter Betrag", "Montant payé", "Déjà payé"),
    "balance": ("Montant dû signé", "Offener Betrag", "Restbetrag", "Saldo", "Offen", "Montant dû", "Reste à payer",
                "Montant restant", "Solde", "Montant résiduel"),
    "currency": ("Währung", "Devise"),
    "status": ("Statut", "État", "Zahlungsstatus", "Statut du paiement", "État du paiement", "Statut de paiement"),
}

CLOSED = frozenset({
    "entwurf", "bezahlt", "storniert", "gelöscht", "abgeschrieben", "archiviert", "erstattet",
    "brouillon", "payé", "payée", "payées", "annulé", "annulée", "en paiement", "extourné", "extournée", "remboursé",
    "remboursée", "archivé", "archivée", "supprimé", "supprimée",
})
OPEN = frozenset({
    "versendet", "gesendet", "verschickt", "überfällig", "offen", "angesehen", "genehmigt", "unbezahlt",
    "fällig", "gebucht", "envoyé", "envoyée", "non payé", "non payée", "impayé", "impayée", "non payées", "impayées", "en retard",
    "comptabilisé", "comptabilisée", "ouvert", "ouverte", "vue", "approuvé", "approuvée", "à payer",
})
PARTIAL = frozenset({"teilweise bezahlt", "teilbezahlt", "partiellement payé", "partiellement payée",
                     "paiement partiel"})
