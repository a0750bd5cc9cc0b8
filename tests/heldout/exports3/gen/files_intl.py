"""International systems: QuickBooks Online, Xero, Zoho Books, FreshBooks, Sage, Wave, Odoo, Invoice Ninja,
Stripe."""
import datetime as dt
from decimal import Decimal

from containers import D, bal, inv, total, write_biff, write_csv, write_expected, write_xlsx


def qbo_aging_summary_modern():
    name = "qbo_ar_aging_summary_modern.csv"
    rows = [
        ["", "A/R Aging Summary Report"],
        ["", "Cobblestone Print & Frame LLC"],
        ["", "As of December 1, 2026"],
        [],
        ["", "Customer", "Current", "1 - 30", "31 - 60", "61 - 90", "91 and over", "Total"],
        ["", "Harbor Light Yoga", "450.00", "", "", "", "", "450.00"],
        ["", "Mendez Landscaping", "", "1,275.50", "600.00", "", "", "1,875.50"],
        ["", "Pine Ridge Dental", "", "", "", "", "3,120.00", "3,120.00"],
        ["", "Quill & Ink Stationers", "-150.00", "", "", "", "", "-150.00"],
        ["", "Riverside Auto Body", "980.00", "2,145.00", "", "", "", "3,125.00"],
        ["", "TOTAL", "$1,280.00", "$3,420.50", "$600.00", "$0.00", "$3,120.00", "$8,420.50"],
        [],
        [],
        ["", "Accrual Basis Tuesday, December 1, 2026 07:58 AM GMT-08:00"],
    ]
    write_csv(name, rows, newline="\n")
    b = [
        bal(None, "Harbor Light Yoga", "450.00", "USD"),
        bal(None, "Mendez Landscaping", "1875.50", "USD"),
        bal(None, "Pine Ridge Dental", "3120.00", "USD"),
        bal(None, "Riverside Auto Body", "3125.00", "USD"),
    ]
    assert total(b) - D("150.00") == D("8420.50")
    write_expected(name, "QuickBooks Online (modern report view)", "balances", "USD",
                   "Aging summary by customer from the new report engine: every row starts with an empty "
                   "column; empty cells for zero buckets; only the TOTAL row carries $ signs; a customer in "
                   "credit (-150.00) is left out; footer line with basis and timestamp.", balances=b)


def qbo_customer_balance_detail_classic():
    name = "qbo_customer_balance_detail_classic.xlsx"
    rows = [
        ["Cobblestone Print & Frame LLC"],
        ["Customer Balance Detail"],
        ["All Dates"],
        [],
        [None, "Date", "Transaction Type", "Num", "Due Date", "Amount", "Open Balance", "Balance"],
        ["Bluebird Cafe"],
        [None, "10/02/2026", "Invoice", "1041", "11/01/2026", 1860.00, 860.00, 860.00],
        [None, "11/05/2026", "Invoice", "1063", "12/05/2026", 1240.00, 1240.00, 2100.00],
        ["Total for Bluebird Cafe", None, None, None, None, 3100.00, 2100.00, None],
        ["Corner Pharmacy"],
        [None, "10/20/2026", "Invoice", "1052", "11/19/2026", 3400.00, 3400.00, 3400.00],
        [None, "10/29/2026", "Credit Memo", "1058", None, -400.00, -400.00, 3000.00],
        [None, "11/15/2026", "Payment", None, None, -500.00, -500.00, 2500.00],
        ["Total for Corner Pharmacy", None, None, None, None, 2500.00, 2500.00, None],
        ["Everest Fitness"],
        [None, "11/12/2026", "Invoice", "1066", "11/12/2026", 725.00, 725.00, 725.00],
        ["Total for Everest Fitness", None, None, None, None, 725.00, 725.00, None],
        ["TOTAL", None, None, None, None, 6325.00, 5325.00, None],
        [],
        ["Wednesday, Dec 02, 2026 09:12:44 AM GMT-8 - Accrual Basis"],
    ]
    write_xlsx(name, rows)
    e = [
        inv("1041", "Bluebird Cafe", "2026-10-02", "2026-11-01", "1860.00", "860.00", "USD"),
        inv("1063", "Bluebird Cafe", "2026-11-05", "2026-12-05", "1240.00", "1240.00", "USD"),
        inv("1052", "Corner Pharmacy", "2026-10-20", "2026-11-19", "3400.00", "3400.00", "USD"),
        inv("1058", "Corner Pharmacy", "2026-10-29", None, "-400.00", "-400.00", "USD"),
        inv("1066", "Everest Fitness", "2026-11-12", "2026-11-12", "725.00", "725.00", "USD"),
    ]
    assert total(e) - D("500.00") == D("5325.00")  # printed open total includes the unapplied payment
    write_expected(name, "QuickBooks Online (classic report view)", "invoices", "USD",
                   "Customer Balance Detail (not A/R aging): the customer name is a group header row, rows "
                   "below have an empty first column, MM/DD/YYYY text dates. The last column 'Balance' is a "
                   "running total per customer, not the invoice's balance (use 'Open Balance'). An unapplied "
                   "payment is left out; an open credit memo is kept, negative.", invoices=e)


def xero_aged_detail():
    name = "xero_aged_receivables_detail.csv"
    H = ["Invoice Date", "Invoice Number", "Invoice Reference", "Due Date", "Current", "< 1 Month", "1 Month",
         "2 Months", "3 Months", "Older", "Total"]
    rows = [
        ["Aged Receivables Detail"],
        ["Hollybush Joinery Ltd"],
        ["As at 2 December 2026"],
        ["Ageing by due date"],
        [],
        H,
        ["Ashdown Bakery"],
        ["15 Oct 2026", "INV-0412", "PO 5521", "14 Nov 2026", "", "1,320.00", "", "", "", "", "1,320.00"],
        ["12 Nov 2026", "INV-0440", "", "12 Dec 2026", "480.00", "", "", "", "", "", "480.00"],
        ["Total Ashdown Bakery", "", "", "", "480.00", "1,320.00", "", "", "", "", "1,800.00"],
        [],
        ["Fenwick & Daughters"],
        ["01 Sep 2026", "INV-0398", "Stair rails", "01 Oct 2026", "", "", "", "2,250.00", "", "", "2,250.00"],
        ["20 Nov 2026", "CN-0021", "Return of 2 rails", "", "-250.00", "", "", "", "", "", "-250.00"],
        ["Total Fenwick & Daughters", "", "", "", "-250.00", "", "", "2,250.00", "", "", "2,000.00"],
        [],
        ["Marlow Events"],
        ["05 Nov 2026", "INV-0431", "1043", "05 Dec 2026", "3,600.00", "", "", "", "", "", "3,600.00"],
        ["Total Marlow Events", "", "", "", "3,600.00", "", "", "", "", "", "3,600.00"],
        [],
        ["Total", "", "", "", "3,830.00", "1,320.00", "0.00", "2,250.00", "0.00", "0.00", "7,400.00"],
    ]
    write_csv(name, rows, bom=True)
    e = [
        inv("INV-0412", "Ashdown Bakery", "2026-10-15", "2026-11-14", None, "1320.00", "GBP"),
        inv("INV-0440", "Ashdown Bakery", "2026-11-12", "2026-12-12", None, "480.00", "GBP"),
        inv("INV-0398", "Fenwick & Daughters", "2026-09-01", "2026-10-01", None, "2250.00", "GBP"),
        inv("CN-0021", "Fenwick & Daughters", "2026-11-20", None, None, "-250.00", "GBP"),
        inv("INV-0431", "Marlow Events", "2026-11-05", "2026-12-05", None, "3600.00", "GBP"),
    ]
    assert total(e) == D("7400.00")
    write_expected(name, "Xero", "invoices", "GBP",
                   "New Aged Receivables Detail (UK organisation, GBP, no currency column). Contact names are "
                   "heading rows; 'Total <contact>' rows and a grand 'Total'. 'Invoice Reference' holds free "
                   "text and a number that looks like an invoice number (1043); the invoice number is the "
                   "second column. Only outstanding amounts per bucket: no invoice total, so amount is null. "
                   "Dates like '05 Nov 2026'.", invoices=e)


def zoho_balances_biff():
    name = "zoho_books_customer_balance_summary.xls"
    rows = [
        ["Apex Studio Inc"],
        ["Customer Balance Summary"],
        ["As of 12/01/2026"],
        [],
        ["Customer Name", "Currency", "Closing Balance (FCY)", "Closing Balance (BCY)"],
        ["Lumen Architects", "USD", 4250.00, 4250.00],
        ["Brightwater Clinic", "USD", 0.00, 0.00],
        ["Kessler Maschinenbau", "EUR", 3100.00, 3348.00],
        ["Okafor Consulting", "USD", -320.00, -320.00],
        ["Tidewater Marine", "USD", 1915.40, 1915.40],
        ["Total", None, None, 9193.40],
    ]
    write_biff(name, rows, sheet="Customer Balance Summary")
    b = [
        bal(None, "Lumen Architects", "4250.00", "USD"),
        bal(None, "Kessler Maschinenbau", "3100.00", "EUR"),
        bal(None, "Tidewater Marine", "1915.40", "USD"),
    ]
    bcy = D("4250.00") + D("3348.00") + D("1915.40")
    assert bcy - D("320.00") == D("9193.40")
    write_expected(name, "Zoho Books", "balances", "USD",
                   "BIFF .xls customer balance summary with two balance columns: FCY (the customer's own "
                   "currency) and BCY (converted to the organisation's USD). The EUR customer is owed in EUR "
                   "(3,100.00), not the converted 3,348.00; the printed Total is BCY only. Zero and credit "
                   "customers left out.", balances=b)


def freshbooks_aging():
    name = "freshbooks_accounts_aging.csv"
    rows = [
        ["Accounts Aging"],
        ["Northbay Web Studio"],
        ["As of December 3, 2026"],
        ["Currency: CAD"],
        [],
        ["Client", "Organization", "0-30 Days", "31-60 Days", "61-90 Days", "91+ Days", "Total"],
        ["Nadia Roy", "Roy Design Co.", "$1,150.00", "$0.00", "$0.00", "$0.00", "$1,150.00"],
        ["Tom Becker", "", "$0.00", "$420.00", "$0.00", "$0.00", "$420.00"],
        ["Priya Shah", "Maple Leaf Tutoring", "$300.00", "$0.00", "$0.00", "$2,400.00", "$2,700.00"],
        ["Total", "", "$1,450.00", "$420.00", "$0.00", "$2,400.00", "$4,270.00"],
    ]
    write_csv(name, rows)
    b = [
        bal(None, "Roy Design Co.", "1150.00", "CAD"),
        bal(None, "Tom Becker", "420.00", "CAD"),
        bal(None, "Maple Leaf Tutoring", "2700.00", "CAD"),
    ]
    assert total(b) == D("4270.00")
    write_expected(name, "FreshBooks", "balances", "CAD",
                   "Accounts Aging per client in CAD (stated only in a preamble line, amounts carry a bare $). "
                   "The billed party is the Organization when there is one, else the person in Client. The "
                   "last row is a 'Total' that looks like a client.", balances=b)


def sage_aged_debtors():
    name = "sage_aged_debtors_detailed.csv"
    H = ["Customer", "Type", "Reference", "Date", "Due Date", "< 30 days", "< 60 days", "< 90 days", "< 120 days",
         "Older", "Outstanding"]
    rows = [
        ["Aged Debtors - Detailed"],
        ["Wren & Sons Garden Supplies"],
        ["Report date: 01/12/2026", "", "Aged by: Transaction date"],
        [],
        H,
        ["Abbott Plumbing Ltd (ABB001)"],
        ["", "Sales Invoice", "SI-311", "05/11/2026", "05/12/2026", "960.00", "", "", "", "", "960.00"],
        ["", "Sales Invoice", "SI-288", "02/09/2026", "02/10/2026", "", "", "", "1440.00", "", "1440.00"],
        ["Customer Total", "", "", "", "", "960.00", "", "", "1440.00", "", "2400.00"],
        ["Greenway Nursery (GRE002)"],
        ["", "Sales Invoice", "SI-305", "20/10/2026", "19/11/2026", "", "2880.00", "", "", "", "2880.00"],
        ["", "Sales Credit Note", "SC-019", "10/11/2026", "", "-360.00", "", "", "", "", "-360.00"],
        ["", "Customer Receipt", "SA-044", "25/11/2026", "", "-500.00", "", "", "", "", "-500.00"],
        ["Customer Total", "", "", "", "", "-860.00", "2880.00", "", "", "", "2020.00"],
        ["Oakfield Primary School (OAK003)"],
        ["", "Sales Invoice", "SI-299", "01/10/2026", "31/10/2026", "", "", "1200.00", "", "", "1200.00"],
        ["Customer Total", "", "", "", "", "", "", "1200.00", "", "", "1200.00"],
        ["Total", "", "", "", "", "100.00", "2880.00", "1200.00", "1440.00", "0.00", "5620.00"],
    ]
    write_csv(name, rows)
    e = [
        inv("SI-311", "Abbott Plumbing Ltd", "2026-11-05", "2026-12-05", None, "960.00", "GBP"),
        inv("SI-288", "Abbott Plumbing Ltd", "2026-09-02", "2026-10-02", None, "1440.00", "GBP"),
        inv("SI-305", "Greenway Nursery", "2026-10-20", "2026-11-19", None, "2880.00", "GBP"),
        inv("SC-019", "Greenway Nursery", "2026-11-10", None, None, "-360.00", "GBP"),
        inv("SI-299", "Oakfield Primary School", "2026-10-01", "2026-10-31", None, "1200.00", "GBP"),
    ]
    assert total(e) - D("500.00") == D("5620.00")
    write_expected(name, "Sage Accounting", "invoices", "GBP",
                   "Aged Debtors detailed, buckets by transaction date, GBP with no currency column, "
                   "dd/mm/yyyy. The customer heading carries the account ref in brackets; repeated 'Customer "
                   "Total' rows carry no customer name; the outstanding amount is the far-right column after "
                   "the buckets. A customer receipt on account is left out; the credit note is kept.",
                   invoices=e)


def wave_aged_summary():
    name = "wave_aged_receivables.csv"
    rows = [
        ["Aged Receivables"],
        ["Pinecone Print Shop"],
        ["As of Dec 02, 2026"],
        [],
        ["Customer", "Coming Due", "1-30 days", "31-60 days", "61-90 days", "> 90 days", "Total Unpaid"],
        ["Blue Heron Books", "$320.00", "$0.00", "$0.00", "$0.00", "$0.00", "$320.00"],
        ["Cedar & Sage Spa", "$0.00", "$540.00", "$540.00", "$0.00", "$0.00", "$1,080.00"],
        ["Drift Surf School", "$0.00", "$0.00", "$0.00", "$0.00", "$1,875.00", "$1,875.00"],
        [],
        ["Total", "$320.00", "$540.00", "$540.00", "$0.00", "$1,875.00", "$3,275.00"],
    ]
    write_csv(name, rows)
    b = [
        bal(None, "Blue Heron Books", "320.00", "USD"),
        bal(None, "Cedar & Sage Spa", "1080.00", "USD"),
        bal(None, "Drift Surf School", "1875.00", "USD"),
    ]
    assert total(b) == D("3275.00")
    write_expected(name, "Wave", "balances", "USD",
                   "Aged receivables summary; straightforward apart from the preamble, $ signs, a blank line "
                   "before the 'Total' row and an ampersand in a name.", balances=b)


def odoo_grouped_fr():
    name = "odoo_factures_clients_groupees.xlsx"
    d = dt.date
    rows = [
        ["Partenaire", "Numéro", "Date de facturation", "Date d'échéance", "Total signé", "Montant dû signé",
         "Statut du paiement", "Statut", "Devise"],
        ["Atelier Lemoine (2)", None, None, None, 2880.0, 2100.0, None, None, None],
        ["Atelier Lemoine", "FAC/2026/00211", d(2026, 11, 6), d(2026, 12, 6), 780.0, 0.0, "En paiement",
         "Comptabilisé", "EUR"],
        ["Atelier Lemoine", None, d(2026, 11, 28), d(2026, 12, 28), 2100.0, 2100.0, "Non payées", "Brouillon",
         "EUR"],
        ["Boulangerie Martin (2)", None, None, None, 1200.0, 1200.0, None, None, None],
        ["Boulangerie Martin", "FAC/2026/00187", d(2026, 10, 14), d(2026, 11, 13), 1440.0, 1440.0, "Non payées",
         "Comptabilisé", "EUR"],
        ["Boulangerie Martin", "RFAC/2026/00009", d(2026, 11, 18), d(2026, 11, 18), -240.0, -240.0,
         "Non payées", "Comptabilisé", "EUR"],
        ["Cabinet Dufresne (1)", None, None, None, 3600.0, 1600.0, None, None, None],
        ["Cabinet Dufresne", "FAC/2026/00203", d(2026, 10, 30), d(2026, 11, 29), 3600.0, 1600.0,
         "Partiellement réglé", "Comptabilisé", "EUR"],
        ["Hôtel des Tilleuls (2)", None, None, None, 7680.0, 5280.0, None, None, None],
        ["Hôtel des Tilleuls", "FAC/2026/00199", d(2026, 10, 22), d(2026, 11, 21), 2400.0, 0.0, "Non payées",
         "Annulé", "EUR"],
        ["Hôtel des Tilleuls", "FAC/2026/00215", d(2026, 11, 12), d(2026, 12, 12), 5280.0, 5280.0, "Non payées",
         "Comptabilisé", "EUR"],
    ]
    write_xlsx(name, rows, date_fmt="yyyy-mm-dd", title="Sheet 1")
    e = [
        inv("FAC/2026/00187", "Boulangerie Martin", "2026-10-14", "2026-11-13", "1440.00", "1440.00", "EUR"),
        inv("RFAC/2026/00009", "Boulangerie Martin", "2026-11-18", "2026-11-18", "-240.00", "-240.00", "EUR"),
        inv("FAC/2026/00203", "Cabinet Dufresne", "2026-10-30", "2026-11-29", "3600.00", "1600.00", "EUR"),
        inv("FAC/2026/00215", "Hôtel des Tilleuls", "2026-11-12", "2026-12-12", "5280.00", "5280.00", "EUR"),
    ]
    group_due = D("2100.00") + D("1200.00") + D("1600.00") + D("5280.00")
    assert total(e) + D("2100.00") == group_due  # the draft is inside the group sums
    write_expected(name, "Odoo", "invoices", "EUR",
                   "List-view export of customer invoices grouped by partner, French UI. Group rows "
                   "('Atelier Lemoine (2)') carry sums and look like data rows. A draft with no number, a "
                   "cancelled invoice and one 'En paiement' (payment registered, not yet reconciled; nothing "
                   "due) are left out; the RFAC credit note is kept, negative.", invoices=e)


def invoiceninja_de():
    name = "invoiceninja_rechnungen.csv"
    rows = [
        ["Kunde", "Rechnungsnummer", "Rechnungsdatum", "Fälligkeitsdatum", "Betrag", "Saldo", "Status", "Währung"],
        ["Bäckerei Vogt", "R-2026-0141", "03.10.2026", "02.11.2026", "1.190,00", "1.190,00", "Versendet", "EUR"],
        ["Bäckerei Vogt", "R-2026-0152", "20.10.2026", "19.11.2026", "595,00", "0,00", "Bezahlt", "EUR"],
        ["Kanzlei Hartmann", "R-2026-0158", "28.10.2026", "27.11.2026", "4.760,00", "2.380,00", "Teilweise bezahlt",
         "EUR"],
        ["Kanzlei Hartmann", "R-2026-0163", "04.11.2026", "", "833,00", "833,00", "Entwurf", "EUR"],
        ["Studio Lind AB", "R-2026-0166", "09.11.2026", "09.12.2026", "12.500,00", "12.500,00", "Versendet",
         "SEK"],
        ["Praxis Dr. Kaya", "R-2026-0170", "15.11.2026", "15.12.2026", "357,00", "0,00", "Storniert", "EUR"],
        ["Praxis Dr. Kaya", "R-2026-0171", "16.11.2026", "16.12.2026", "357,00", "357,00", "Versendet", "EUR"],
    ]
    write_csv(name, rows, delimiter=";", bom=True, newline="\n")
    e = [
        inv("R-2026-0141", "Bäckerei Vogt", "2026-10-03", "2026-11-02", "1190.00", "1190.00", "EUR"),
        inv("R-2026-0158", "Kanzlei Hartmann", "2026-10-28", "2026-11-27", "4760.00", "2380.00", "EUR"),
        inv("R-2026-0166", "Studio Lind AB", "2026-11-09", "2026-12-09", "12500.00", "12500.00", "SEK"),
        inv("R-2026-0171", "Praxis Dr. Kaya", "2026-11-16", "2026-12-16", "357.00", "357.00", "EUR"),
    ]
    # no printed totals: check against the file's non-draft Saldo column
    assert total(e, "EUR") == D("1190.00") + D("0.00") + D("2380.00") + D("0.00") + D("357.00")
    assert total(e, "SEK") == D("12500.00")
    write_expected(name, "Invoice Ninja", "invoices", "EUR",
                   "Invoice report export with the UI in German: semicolons, decimal comma and dot thousands "
                   "(1.190,00), dd.mm.yyyy. Statuses Teilweise bezahlt (partly paid, kept), Bezahlt (paid), Entwurf (draft, still shows a Saldo) and "
                   "Storniert (cancelled) are left out; one invoice is in SEK.", invoices=e)


def stripe_invoices():
    name = "stripe_invoices_export.csv"
    H = ["id", "Number", "Customer", "Customer Name", "Customer Email", "Status", "Currency", "Total",
         "Amount Due", "Amount Paid", "Amount Remaining", "Date (UTC)", "Due Date (UTC)"]
    rows = [
        H,
        ["in_1Q7hZk8RmWq4Tn3X0a1b2c3d", "8F3A21C0-0011", "cus_QzT81mLk2", "Kestrel Analytics GmbH",
         "billing@kestrel-analytics.de", "open", "eur", "2000.00", "2000.00", "0.00", "2000.00",
         "2026-11-18 08:05:59", "2026-12-18 08:05:59"],
        ["in_1Q7hYt8RmWq4Tn3X9z8y7x6w", "8F3A21C0-0012", "cus_QzT81mLk2", "Kestrel Analytics GmbH",
         "billing@kestrel-analytics.de", "void", "eur", "150.00", "150.00", "0.00", "0.00",
         "2026-11-17 12:30:00", "2026-12-17 12:30:00"],
        ["in_1Q6fAa8RmWq4Tn3XfedcBA98", "8F3A21C0-0010", "cus_Qa09LnRt4", "Northwind Labs", "ap@northwindlabs.io",
         "paid", "usd", "1250.00", "1250.00", "1250.00", "0.00", "2026-11-14 16:20:41", "2026-12-14 16:20:41"],
        ["in_1Q5eBb8RmWq4Tn3X11223344", "8F3A21C0-0009", "cus_Qb77PwYe1", "Brookline Yoga Collective",
         "hello@brooklineyoga.com", "open", "usd", "300.00", "300.00", "100.00", "200.00",
         "2026-11-10 15:40:11", "2026-11-24 15:40:11"],
        ["in_1Q5dCc8RmWq4Tn3X55667788", "", "cus_Qc12HsQa9", "Alder & Finch", "accounts@alderfinch.com",
         "draft", "usd", "480.00", "480.00", "0.00", "480.00", "2026-11-08 09:00:00", ""],
        ["in_1Q4cDd8RmWq4Tn3X99aabbcc", "8F3A21C0-0007", "cus_Qa09LnRt4", "Northwind Labs", "ap@northwindlabs.io",
         "open", "usd", "1250.00", "1250.00", "0.00", "1250.00", "2026-11-04 10:12:03", "2026-12-04 10:12:03"],
    ]
    write_csv(name, rows, newline="\n")
    e = [
        inv("8F3A21C0-0011", "Kestrel Analytics GmbH", "2026-11-18", "2026-12-18", "2000.00", "2000.00", "EUR"),
        inv("8F3A21C0-0009", "Brookline Yoga Collective", "2026-11-10", "2026-11-24", "300.00", "200.00", "USD"),
        inv("8F3A21C0-0007", "Northwind Labs", "2026-11-04", "2026-12-04", "1250.00", "1250.00", "USD"),
    ]
    assert total(e, "USD") == D("200.00") + D("1250.00") and total(e, "EUR") == D("2000.00")
    write_expected(name, "Stripe", "invoices", "USD",
                   "Dashboard invoice export: 'Amount Due' is the invoice's full amount, what is owed now is "
                   "'Amount Remaining'. The id column (in_…) is not the invoice number ('Number'). Lowercase "
                   "currency codes, UTC timestamps (all well inside the Israeli day), a draft with a "
                   "remaining amount, a void and a paid invoice to leave out; newest first.", invoices=e)


ALL = [qbo_aging_summary_modern, qbo_customer_balance_detail_classic, xero_aged_detail, zoho_balances_biff,
       freshbooks_aging, sage_aged_debtors, wave_aged_summary, odoo_grouped_fr, invoiceninja_de, stripe_invoices]
