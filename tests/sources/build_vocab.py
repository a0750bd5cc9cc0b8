"""Round-3 fixtures (issue 14): one export per system with every column and status that
system's invoice or receivables exports can carry, in its own order and spelling. README.md
beside this file says where each column list was learned and how sure we are.

Beside each file, written by hand, VOCAB_MEANING: the open invoices a person reads in it
(number, customer id or name, balance, due date, currency; a balance row has no number), or
HELD when the file itself cannot settle something. `test_sources_vocab.py` holds every reading
to it, and every column of every file to COLUMN_DECISIONS: mapped to a field, or listed as
unused and never a question.

Run `python tests/sources/build_vocab.py`, then refresh the golden files with
`UPDATE_GOLDEN=1 pytest tests/test_sources_golden.py` and read every changed line.
"""
from __future__ import annotations

import json

from build_systems import D, HERE, write_csv, write_html, write_spreadsheetml, write_text_as_xls, write_xlsx

HELD = "held"
VOCAB_MEANING: dict[str, object] = {}
# (A file without a customer id keys its customers by their email, else their name: rows.py.)


def xero():
    # Xero "Export" of sales invoices: the import template's 44 columns, required ones marked
    # with "*", one row per line item, the invoice's figures repeated on each line.
    header = ["*ContactName", "EmailAddress", "POAddressLine1", "POAddressLine2", "POAddressLine3",
              "POAddressLine4", "POCity", "PORegion", "POPostalCode", "POCountry", "SAAddressLine1",
              "SAAddressLine2", "SAAddressLine3", "SAAddressLine4", "SACity", "SARegion", "SAPostalCode",
              "SACountry", "*InvoiceNumber", "Reference", "*InvoiceDate", "*DueDate", "PlannedDate", "Total",
              "TaxTotal", "InvoiceAmountPaid", "InvoiceAmountDue", "InventoryItemCode", "*Description",
              "*Quantity", "*UnitAmount", "Discount", "LineAmount", "*AccountCode", "*TaxType", "TaxAmount",
              "TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2", "Currency", "Type",
              "Sent", "Status"]
    address = ["Level 2", "12 Quay St", "", "", "Auckland", "", "1010", "New Zealand"]

    def line(contact, email, number, ref, issued, due, total, tax, paid, owed, item, qty, unit, status,
             sent="Sent", currency="NZD"):
        return [contact, email, *address, *[""] * 8, number, ref, issued, due, "", total, tax, paid, owed,
                item, f"{item} services", qty, unit, "", f"{float(qty) * float(unit):.2f}", "200",
                "15% GST on Income", f"{float(qty) * float(unit) * 0.15:.2f}", "Region", "North", "", "",
                currency, "Sales invoice", sent, status]

    write_csv("vocab_xero_invoices_all_columns.csv", [header,
        line("Bayside Club", "secretary@bayside.example", "INV-0101", "P/O 9921", "03/10/2026", "02/11/2026",
             "1150.00", "150.00", "0.00", "1150.00", "Design", "4", "250", "Awaiting Payment"),
        line("Bayside Club", "secretary@bayside.example", "INV-0101", "P/O 9921", "03/10/2026", "02/11/2026",
             "1150.00", "150.00", "0.00", "1150.00", "Hosting", "1", "0", "Awaiting Payment"),
        line("City Limousines", "ap@citylimo.example", "INV-0102", "", "14/10/2026", "13/11/2026",
             "575.00", "75.00", "200.00", "375.00", "Training", "2", "250", "Awaiting Payment"),
        line("Marine Systems", "pay@marine.example", "INV-0103", "", "20/10/2026", "19/11/2026",
             "230.00", "30.00", "0.00", "230.00", "Support", "1", "200", "Awaiting Approval", sent="Unsent"),
        line("Marine Systems", "pay@marine.example", "INV-0104", "", "21/10/2026", "20/11/2026",
             "230.00", "30.00", "0.00", "230.00", "Support", "1", "200", "Draft", sent="Unsent"),
        line("Ridgeway University", "ar@ridgeway.example", "INV-0105", "", "22/10/2026", "21/11/2026",
             "460.00", "60.00", "460.00", "0.00", "Support", "2", "200", "Paid"),
        line("Ridgeway University", "ar@ridgeway.example", "INV-0106", "", "23/10/2026", "22/11/2026",
             "460.00", "60.00", "0.00", "460.00", "Support", "2", "200", "Voided"),
        line("Ridgeway University", "ar@ridgeway.example", "INV-0107", "", "24/10/2026", "23/11/2026",
             "115.00", "15.00", "0.00", "115.00", "Support", "0.5", "200", "Repeating", sent="Unsent"),
    ])
    VOCAB_MEANING["vocab_xero_invoices_all_columns.csv"] = [
        ("INV-0101", "secretary@bayside.example", "1150.00", "2026-11-02", "NZD"),
        ("INV-0102", "ap@citylimo.example", "375.00", "2026-11-13", "NZD"),
    ]


def stripe():
    # Stripe Dashboard > Invoices > Export, with the invoice object's columns. "Billing" is the
    # collection method: a charge_automatically invoice has no due date; it was to be charged
    # when it was finalized, so a bookkeeper reads it as due on its date.
    header = ["id", "Number", "Customer", "Customer Name", "Customer Email", "Customer Phone",
              "Customer Tax Exempt", "Billing", "Billing Reason", "Status", "Currency", "Date (UTC)",
              "Due Date (UTC)", "Finalized At (UTC)", "Paid At (UTC)", "Marked Uncollectible At (UTC)",
              "Voided At (UTC)", "Period Start (UTC)", "Period End (UTC)", "Next Payment Attempt (UTC)",
              "Subtotal", "Total Discount Amounts", "Tax", "Tax Percent", "Total", "Amount Due",
              "Amount Paid", "Amount Remaining", "Starting Balance", "Ending Balance",
              "Pre Payment Credit Notes Amount", "Post Payment Credit Notes Amount", "Application Fee",
              "Attempt Count", "Attempted", "Auto Advance", "Closed", "Forgiven", "Paid Out Of Band",
              "Charge", "Payment Intent", "Subscription", "Receipt Number", "Statement Descriptor",
              "Description", "Footer", "Hosted Invoice URL", "Invoice PDF", "Livemode"]

    def row(id_, number, cus, name, email, billing, status, cur, date, due, total, paid, left,
            finalized="", attempted="true", subscription=""):
        return [id_, number, cus, name, email, "", "none", billing, "subscription_cycle" if subscription
                else "manual", status, cur, date, due, finalized, "", "", "", "2026-10-01 00:00:00",
                "2026-11-01 00:00:00", "", total, "0.00", "0.00", "", total, total, paid, left, "0.00", "0.00",
                "0.00", "0.00", "", "1", attempted, "true", "false", "false", "false", "", "",
                subscription, "", "", "", "", "", "", "true"]

    write_csv("vocab_stripe_invoices_all_columns.csv", [header,
        row("in_1QA", "8F3A21C0-0004", "cus_QA1", "Orbit Labs", "billing@orbit.example", "send_invoice",
            "open", "usd", "2026-10-15 09:12:44", "2026-11-14 09:12:44", "480.00", "0.00", "480.00",
            "2026-10-15 09:13:01"),
        row("in_1QB", "8F3A21C0-0005", "cus_QB2", "Nimbus GmbH", "ap@nimbus.example", "charge_automatically",
            "open", "eur", "2026-11-01 00:04:10", "", "99.00", "0.00", "99.00", "2026-11-01 01:04:10",
            subscription="sub_1N"),
        row("in_1QC", "8F3A21C0-0006", "cus_QB2", "Nimbus GmbH", "ap@nimbus.example", "charge_automatically",
            "paid", "eur", "2026-10-01 00:04:10", "", "99.00", "99.00", "0.00", "2026-10-01 01:04:10",
            subscription="sub_1N"),
        row("in_1QD", "8F3A21C0-0007", "cus_QD4", "Kite & Co", "kite@kite.example", "send_invoice",
            "uncollectible", "usd", "2026-06-01 10:00:00", "2026-07-01 10:00:00", "300.00", "0.00", "300.00",
            "2026-06-01 10:00:00"),
        row("in_1QE", "8F3A21C0-0008", "cus_QD4", "Kite & Co", "kite@kite.example", "send_invoice",
            "void", "usd", "2026-06-02 10:00:00", "2026-07-02 10:00:00", "300.00", "0.00", "300.00",
            "2026-06-02 10:00:00"),
        row("in_1QF", "", "cus_QD4", "Kite & Co", "kite@kite.example", "send_invoice",
            "draft", "usd", "2026-11-20 10:00:00", "2026-12-20 10:00:00", "120.00", "0.00", "120.00",
            attempted="false"),
        row("in_1QG", "8F3A21C0-0009", "cus_QA1", "Orbit Labs", "billing@orbit.example", "send_invoice",
            "open", "usd", "2026-11-02 09:00:00", "2026-12-02 09:00:00", "250.00", "100.00", "150.00",
            "2026-11-02 09:00:30"),
    ])
    VOCAB_MEANING["vocab_stripe_invoices_all_columns.csv"] = [
        ("8F3A21C0-0004", "cus_QA1", "480.00", "2026-11-14", "USD"),
        ("8F3A21C0-0005", "cus_QB2", "99.00", "2026-11-01", "EUR"),
        ("8F3A21C0-0009", "cus_QA1", "150.00", "2026-12-02", "USD"),
    ]


def zoho():
    # Zoho Books > Sales > Invoices > Export (CSV, all fields): one row per item.
    header = ["Invoice Date", "Invoice ID", "Invoice Number", "Invoice Status", "Customer ID",
              "Customer Name", "Company Name", "Is Inclusive Tax", "Due Date", "Expected Payment Date",
              "Last Payment Date", "PurchaseOrder", "Template Name", "Currency Code", "Exchange Rate",
              "Discount Type", "Is Discount Before Tax", "Entity Discount Percent", "Entity Discount Amount",
              "Item Name", "Item Desc", "Quantity", "Usage unit", "Item Price", "Discount", "Discount Amount",
              "Item Tax", "Item Tax %", "Item Tax Amount", "Item Tax Type", "Item Total", "SubTotal", "Total",
              "Balance", "Shipping Charge", "Adjustment", "Adjustment Description", "Round Off",
              "Sales person", "Payment Terms", "Payment Terms Label", "Notes", "Terms & Conditions",
              "Subject", "Account", "Project Name", "Billing Address", "Billing City", "Billing State",
              "Billing Country", "Billing Code", "Billing Phone", "Billing Fax", "Shipping Address",
              "Shipping City", "Shipping State", "Shipping Country", "Shipping Code", "Shipping Phone",
              "Shipping Fax", "Primary Contact EmailID", "Primary Contact Mobile", "Primary Contact Phone",
              "Branch ID", "Branch Name", "Reference#", "Sales Order Number", "Write Off Amount"]

    def row(date, iid, number, status, cid, name, due, item, qty, price, total, balance, terms, label,
            email, cur="USD", last_paid=""):
        return [date, iid, number, status, cid, name, name, "false", due, "", last_paid, "", "Standard",
                cur, "1.00", "entity_level", "true", "0.00", "0.00", item, "", qty, "hrs", price, "0.00", "0.00",
                "", "", "0.00", "", f"{float(qty) * float(price):.2f}", total, total, balance, "0.00", "0.00", "",
                "0.00", "Patricia Boyle", terms, label, "Thanks for your business.", "", "", "Sales", "",
                "4900 Hopyard Rd", "Pleasanton", "CA", "U.S.A", "94588", "", "", "", "", "", "", "", "", "",
                email, "", "", "", "", "", "", "0.00"]

    write_csv("vocab_zoho_books_invoices_all_fields.csv", [header,
        row("2026-10-02", "98200000000101", "INV-000101", "Overdue", "98200000000011", "Zylker Corp",
            "2026-11-01", "Consulting", "10", "120.00", "1200.00", "1200.00", "30", "Net 30", "ap@zylker.example"),
        row("2026-10-02", "98200000000101", "INV-000101", "Overdue", "98200000000011", "Zylker Corp",
            "2026-11-01", "Setup", "0", "0.00", "1200.00", "1200.00", "30", "Net 30", "ap@zylker.example"),
        row("2026-10-20", "98200000000102", "INV-000102", "PartiallyPaid", "98200000000012", "Bowman and Co",
            "2026-11-19", "Design", "5", "160.00", "800.00", "300.00", "30", "Net 30", "pay@bowman.example",
            last_paid="2026-11-10"),
        row("2026-11-03", "98200000000103", "INV-000103", "Pending Approval", "98200000000012", "Bowman and Co",
            "2026-11-03", "Design", "1", "160.00", "160.00", "160.00", "0", "Due on Receipt",
            "pay@bowman.example"),
        row("2026-11-04", "98200000000104", "INV-000104", "Void", "98200000000013", "Alpine Ltd",
            "2026-12-04", "Audit", "2", "300.00", "600.00", "600.00", "30", "Net 30", "fin@alpine.example"),
        row("2026-11-05", "98200000000105", "INV-000105", "Viewed", "98200000000013", "Alpine Ltd",
            "2026-12-05", "Audit", "1", "300.00", "300.00", "300.00", "30", "Net 30", "fin@alpine.example",
            cur="EUR"),
    ])
    VOCAB_MEANING["vocab_zoho_books_invoices_all_fields.csv"] = [
        ("INV-000101", "98200000000011", "1200.00", "2026-11-01", "USD"),
        ("INV-000102", "98200000000012", "300.00", "2026-11-19", "USD"),
        ("INV-000105", "98200000000013", "300.00", "2026-12-05", "EUR"),
    ]


def zoho_report():
    # Zoho Books Reports > Sales > "Invoice Details": each figure twice, in the invoice's own
    # currency (FCY) and in the organisation's base currency (BCY), beside "Currency Code".
    write_csv("vocab_zoho_books_invoice_details_report.csv", [
        ["Invoice Details"], ["Zylker Inc"], ["From 01/10/2026 To 30/11/2026"], [],
        ["Status", "Invoice Date", "Due Date", "Invoice#", "Order Number", "Customer Name", "Currency Code",
         "Total (FCY)", "Balance (FCY)", "Total (BCY)", "Balance (BCY)", "Sales Person"],
        ["Overdue", "02/10/2026", "01/11/2026", "INV-000201", "SO-00012", "Zylker Corp", "USD", "1,200.00",
         "1,200.00", "4,440.00", "4,440.00", "Patricia Boyle"],
        ["Partially Paid", "20/10/2026", "19/11/2026", "INV-000202", "", "Bowman and Co", "EUR", "800.00",
         "300.00", "3,200.00", "1,200.00", ""],
        ["Paid", "21/10/2026", "20/11/2026", "INV-000203", "", "Bowman and Co", "EUR", "100.00", "0.00",
         "400.00", "0.00", ""],
        ["Total", "", "", "", "", "", "", "", "", "8,040.00", "5,640.00", ""],
    ])
    VOCAB_MEANING["vocab_zoho_books_invoice_details_report.csv"] = [
        ("INV-000201", "Zylker Corp", "1200.00", "2026-11-01", "USD"),
        ("INV-000202", "Bowman and Co", "300.00", "2026-11-19", "EUR"),
    ]


def quickbooks():
    # QuickBooks Online "Invoice List" (classic engine) with the optional columns its
    # "Customize > Rows/Columns" adds: terms, P.O., sales rep, email, past due, open balance.
    write_csv("vocab_quickbooks_invoice_list_classic.csv", [
        ["Craig's Design and Landscaping Services"], ["Invoice List"], ["All Dates"], [],
        ["", "Date", "Transaction Type", "Num", "Customer", "Memo/Description", "Terms", "Due Date",
         "P.O. Number", "Sales Rep", "Email", "Phone", "Ship Via", "Past Due", "Amount", "Open Balance",
         "Create Date", "Created By", "Last Modified", "Last Modified By", "Class", "Location"],
        ["", "10/05/2026", "Invoice", "1037", "Sonnenschein Family Store", "", "Net 30", "11/04/2026",
         "", "LB", "Familiystore@intuit.example", "(650) 555-4477", "", "27", "362.07", "362.07",
         "10/05/2026 10:14:33 AM", "Craig Carlson", "10/05/2026 10:14:33 AM", "Craig Carlson", "", ""],
        ["", "10/19/2026", "Invoice", "1036", "Freeman Sporting Goods:0969 Ocean View Road", "", "Net 30",
         "11/18/2026", "PO-4471", "", "Sporting_goods@intuit.example", "", "", "13", "477.50", "160.00",
         "10/19/2026 08:01:09 AM", "Craig Carlson", "11/01/2026 04:22:51 PM", "Craig Carlson", "", ""],
        ["", "11/14/2026", "Invoice", "1038", "Amy's Bird Sanctuary", "Weekly gardening", "Due on receipt",
         "11/14/2026", "", "", "Birds@intuit.example", "", "", "17", "225.00", "0.00",
         "11/14/2026 09:00:00 AM", "Craig Carlson", "11/20/2026 09:00:00 AM", "Craig Carlson", "", ""],
        ["", "11/22/2026", "Invoice", "1039", "Amy's Bird Sanctuary", "", "Net 15", "12/07/2026", "", "",
         "Birds@intuit.example", "", "", "", "108.00", "108.00", "11/22/2026 09:00:00 AM", "Craig Carlson",
         "11/22/2026 09:00:00 AM", "Craig Carlson", "", ""],
        [], ["", "TOTAL", "", "", "", "", "", "", "", "", "", "", "", "", "$1,172.57", "$630.07"], [], [],
        ["", "Monday, Dec 01, 2026 09:12:41 AM GMT-08:00"],
    ])
    VOCAB_MEANING["vocab_quickbooks_invoice_list_classic.csv"] = [
        ("1037", "familiystore@intuit.example", "362.07", "2026-11-04", "USD"),
        ("1036", "sporting_goods@intuit.example", "160.00", "2026-11-18", "USD"),
        ("1039", "birds@intuit.example", "108.00", "2026-12-07", "USD"),
    ]
    # The new report engine ("Modern view") of the same list: "Transaction date", "No.",
    # "Customer full name", "Open balance", a "Status" column and lower-case headers.
    write_csv("vocab_quickbooks_invoice_list_modern.csv", [
        ["Invoice List"], ["Craig's Design and Landscaping Services"], ["All dates"], [],
        ["Transaction date", "Transaction type", "No.", "Customer full name", "Customer email",
         "Memo/Description", "Terms", "Due date", "Past due", "Status", "Amount", "Open balance",
         "Currency", "Exchange rate", "Sales rep", "P.O. number"],
        ["10/05/2026", "Invoice", "2037", "Sonnenschein Family Store", "Familiystore@intuit.example", "",
         "Net 30", "11/04/2026", "27", "Overdue", "362.07", "362.07", "USD", "1", "LB", ""],
        ["10/19/2026", "Invoice", "2036", "Freeman Sporting Goods", "Sporting_goods@intuit.example", "",
         "Net 30", "11/18/2026", "13", "Partially paid", "477.50", "160.00", "USD", "1", "", "PO-4471"],
        ["11/14/2026", "Invoice", "2038", "Amy's Bird Sanctuary", "Birds@intuit.example", "",
         "Due on receipt", "11/14/2026", "", "Paid", "225.00", "0.00", "USD", "1", "", ""],
        ["11/15/2026", "Invoice", "2040", "Amy's Bird Sanctuary", "Birds@intuit.example", "",
         "Net 30", "12/15/2026", "", "Voided", "0.00", "0.00", "USD", "1", "", ""],
        ["11/22/2026", "Invoice", "2039", "Amy's Bird Sanctuary", "Birds@intuit.example", "",
         "Net 15", "12/07/2026", "", "Due in 6 days", "108.00", "108.00", "USD", "1", "", ""],
        ["Total", "", "", "", "", "", "", "", "", "", "$1,172.57", "$630.07", "", "", "", ""],
    ])
    VOCAB_MEANING["vocab_quickbooks_invoice_list_modern.csv"] = [
        ("2037", "familiystore@intuit.example", "362.07", "2026-11-04", "USD"),
        ("2036", "sporting_goods@intuit.example", "160.00", "2026-11-18", "USD"),
        ("2039", "birds@intuit.example", "108.00", "2026-12-07", "USD"),
    ]


def freshbooks():
    # FreshBooks invoices CSV export: client, invoice number, dates, status (FreshBooks' own
    # words, "disputed" among them), totals and what is outstanding.
    header = ["Client Name", "Organization", "Client Email", "Invoice #", "Date Issued", "Due Date",
              "Invoice Status", "Date Paid", "PO Number", "Currency", "Subtotal", "Tax 1 Name",
              "Tax 1 Amount", "Tax 2 Name", "Tax 2 Amount", "Discount", "Invoice Total", "Amount Paid",
              "Amount Outstanding", "Notes", "Terms", "Last Sent"]
    write_csv("vocab_freshbooks_invoices_export.csv", [header,
        ["Gordon Moss", "Moss Architecture", "gordon@moss.example", "0000041", "2026-10-01", "2026-10-31",
         "overdue", "", "", "USD", "1000.00", "Sales Tax", "80.00", "", "0.00", "0.00", "1080.00", "0.00",
         "1080.00", "", "Net 30", "2026-10-01"],
        ["Gordon Moss", "Moss Architecture", "gordon@moss.example", "0000042", "2026-10-15", "2026-11-14",
         "partial", "", "", "USD", "500.00", "Sales Tax", "40.00", "", "0.00", "0.00", "540.00", "200.00",
         "340.00", "", "Net 30", "2026-10-15"],
        ["Lena Ortiz", "Ortiz Bakery", "lena@ortiz.example", "0000043", "2026-10-20", "2026-11-19",
         "paid", "2026-11-02", "", "USD", "200.00", "Sales Tax", "16.00", "", "0.00", "0.00", "216.00", "216.00",
         "0.00", "", "Net 30", "2026-10-20"],
        ["Lena Ortiz", "Ortiz Bakery", "lena@ortiz.example", "0000044", "2026-11-01", "2026-12-01",
         "draft", "", "", "USD", "90.00", "Sales Tax", "7.20", "", "0.00", "0.00", "97.20", "0.00",
         "97.20", "", "Net 30", ""],
        ["Lena Ortiz", "Ortiz Bakery", "lena@ortiz.example", "0000045", "2026-11-02", "2026-12-02",
         "viewed", "", "PO-7", "USD", "150.00", "Sales Tax", "12.00", "", "0.00", "0.00", "162.00", "0.00",
         "162.00", "", "Net 30", "2026-11-02"],
        ["Paul Wen", "Wen Digital", "paul@wen.example", "0000046", "2026-11-03", "2026-12-03",
         "auto-paid", "2026-11-03", "", "USD", "49.00", "", "0.00", "", "0.00", "0.00", "49.00", "49.00",
         "0.00", "", "", ""],
    ])
    VOCAB_MEANING["vocab_freshbooks_invoices_export.csv"] = [
        ("0000041", "gordon@moss.example", "1080.00", "2026-10-31", "USD"),
        ("0000042", "gordon@moss.example", "340.00", "2026-11-14", "USD"),
        ("0000045", "lena@ortiz.example", "162.00", "2026-12-02", "USD"),
    ]
    # The same export with one invoice the client disputes: only a person can say whether to
    # remind, so the file is held.
    write_csv("vocab_freshbooks_invoices_disputed.csv", [header,
        ["Gordon Moss", "Moss Architecture", "gordon@moss.example", "0000051", "2026-10-01", "2026-10-31",
         "disputed", "", "", "USD", "1000.00", "Sales Tax", "80.00", "", "0.00", "0.00", "1080.00", "0.00",
         "1080.00", "", "Net 30", "2026-10-01"],
        ["Lena Ortiz", "Ortiz Bakery", "lena@ortiz.example", "0000052", "2026-11-02", "2026-12-02",
         "sent", "", "", "USD", "150.00", "Sales Tax", "12.00", "", "0.00", "0.00", "162.00", "0.00",
         "162.00", "", "Net 30", "2026-11-02"],
    ])
    VOCAB_MEANING["vocab_freshbooks_invoices_disputed.csv"] = HELD


def wave():
    # Wave > Sales > Invoices export: its statuses (Draft, Saved, Sent, Viewed, Unpaid, Partial,
    # Overdue, Paid) and both the total and the amount still due.
    write_csv("vocab_wave_invoices_export.csv", [
        ["Invoice Number", "Customer", "Customer Email", "Invoice Date", "Due Date", "Status", "Currency",
         "P.O./S.O. Number", "Subtotal", "Discount Total", "Tax Total", "Total", "Amount Paid", "Amount Due",
         "Memo", "Last Sent", "Last Viewed"],
        ["0071", "Harbor Yoga", "studio@harbor.example", "2026-10-02", "2026-11-01", "Overdue", "CAD", "",
         "400.00", "0.00", "52.00", "452.00", "0.00", "452.00", "", "2026-10-02", "2026-10-03"],
        ["0072", "Harbor Yoga", "studio@harbor.example", "2026-10-16", "2026-11-15", "Partial", "CAD", "",
         "200.00", "0.00", "26.00", "226.00", "100.00", "126.00", "", "2026-10-16", ""],
        ["0073", "Pine & Co", "hello@pine.example", "2026-11-05", "2026-12-05", "Saved", "CAD", "", "100.00",
         "0.00", "13.00", "113.00", "0.00", "113.00", "", "", ""],
        ["0074", "Pine & Co", "hello@pine.example", "2026-11-06", "2026-12-06", "Viewed", "CAD", "", "100.00",
         "0.00", "13.00", "113.00", "0.00", "113.00", "", "2026-11-06", "2026-11-07"],
        ["0075", "Pine & Co", "hello@pine.example", "2026-11-07", "2026-12-07", "Paid", "CAD", "", "100.00",
         "0.00", "13.00", "113.00", "113.00", "0.00", "", "2026-11-07", ""],
        ["0076", "Pine & Co", "hello@pine.example", "2026-11-08", "2026-12-08", "Draft", "CAD", "", "100.00",
         "0.00", "13.00", "113.00", "0.00", "113.00", "", "", ""],
    ])
    VOCAB_MEANING["vocab_wave_invoices_export.csv"] = [
        ("0071", "studio@harbor.example", "452.00", "2026-11-01", "CAD"),
        ("0072", "studio@harbor.example", "126.00", "2026-11-15", "CAD"),
        ("0074", "hello@pine.example", "113.00", "2026-12-06", "CAD"),
    ]


def sage():
    # Sage Accounting (Business Cloud) > Sales > Invoices, "Export": reference, dates, net / VAT /
    # total, outstanding and its statuses (Unpaid, Part Paid, Paid, Overdue, Void, Draft, Pro-Forma).
    write_csv("vocab_sage_sales_invoices.csv", [
        ["Invoice No.", "Customer Ref", "Customer Name", "Reference", "Date", "Due Date", "Status",
         "Currency", "Net", "VAT", "Total", "Outstanding", "Sent", "Days Overdue"],
        ["SI-310", "WIND001", "Windmill Tea Rooms", "", "02/10/2026", "01/11/2026", "Overdue", "GBP",
         "500.00", "100.00", "600.00", "600.00", "Yes", "30"],
        ["SI-311", "WIND001", "Windmill Tea Rooms", "", "15/10/2026", "14/11/2026", "Part Paid", "GBP",
         "250.00", "50.00", "300.00", "120.00", "Yes", "17"],
        ["SI-312", "BRIG002", "Brightside Dental", "job 44", "03/11/2026", "03/12/2026", "Unpaid", "GBP",
         "80.00", "16.00", "96.00", "96.00", "Yes", ""],
        ["SI-313", "BRIG002", "Brightside Dental", "", "04/11/2026", "04/12/2026", "Pro-Forma", "GBP",
         "80.00", "16.00", "96.00", "96.00", "No", ""],
        ["SI-314", "BRIG002", "Brightside Dental", "", "05/11/2026", "05/12/2026", "Void", "GBP",
         "80.00", "16.00", "96.00", "0.00", "No", ""],
    ])
    VOCAB_MEANING["vocab_sage_sales_invoices.csv"] = [
        ("SI-310", "WIND001", "600.00", "2026-11-01", "GBP"),
        ("SI-311", "WIND001", "120.00", "2026-11-14", "GBP"),
        ("SI-312", "BRIG002", "96.00", "2026-12-03", "GBP"),
    ]


def odoo():
    # Odoo 17 Invoicing > Customers > Invoices, "Export all" with the fields' own labels: both
    # statuses, the signed and company-currency amounts, payment reference, journal, team. A
    # credit note's "Amount Due" is positive; only "Amount Due Signed" (in the company's
    # currency) says it is owed to the customer.
    write_xlsx("vocab_odoo_invoices_export_all.xlsx", [
        ["Number", "Partner", "Invoice Partner Display Name", "Invoice/Bill Date", "Due Date", "Accounting Date",
         "Payment Reference", "Reference", "Source Document", "Salesperson", "Sales Team", "Company", "Journal",
         "Currency", "Untaxed Amount", "Tax", "Total", "Amount Due", "Untaxed Amount Signed", "Total Signed",
         "Amount Due Signed", "Payment Terms", "Fiscal Position", "Incoterm", "Payment Status", "Status",
         "Type", "Next Activity Deadline", "Invoice Sent", "Checked"],
        ["INV/2026/00201", "Azure Interior", "Azure Interior", D(2026, 10, 1), D(2026, 10, 31), D(2026, 10, 1),
         "INV/2026/00201", "", "S00041", "Mitchell Admin", "Sales", "My Company", "Customer Invoices", "USD",
         1000.0, 150.0, 1150.0, 1150.0, 1000.0, 1150.0, 1150.0, "30 Days", "", "", "Not Paid", "Posted",
         "Customer Invoice", "", True, False],
        ["INV/2026/00202", "Deco Addict", "Deco Addict", D(2026, 10, 10), D(2026, 11, 9), D(2026, 10, 10),
         "INV/2026/00202", "PO 18", "", "Mitchell Admin", "Sales", "My Company", "Customer Invoices", "USD",
         2000.0, 300.0, 2300.0, 800.0, 2000.0, 2300.0, 800.0, "30 Days", "", "", "Partially Paid", "Posted",
         "Customer Invoice", "", True, False],
        ["INV/2026/00203", "Deco Addict", "Deco Addict", D(2026, 10, 12), D(2026, 10, 12), D(2026, 10, 12),
         "INV/2026/00203", "", "", "Mitchell Admin", "Sales", "My Company", "Customer Invoices", "USD",
         100.0, 15.0, 115.0, 0.0, 100.0, 115.0, 0.0, "Immediate Payment", "", "", "In Payment", "Posted",
         "Customer Invoice", "", True, False],
        ["RINV/2026/00004", "Gemini Furniture", "Gemini Furniture", D(2026, 10, 20), D(2026, 10, 20),
         D(2026, 10, 20), "", "Reversal of: INV/2026/00190", "", "Mitchell Admin", "Sales", "My Company",
         "Customer Invoices", "USD", 200.0, 30.0, 230.0, 230.0, -200.0, -230.0, -230.0, "", "", "", "Not Paid",
         "Posted", "Customer Credit Note", "", False, False],
        ["INV/2026/00204", "Lumber Inc", "Lumber Inc", D(2026, 11, 2), D(2026, 12, 2), D(2026, 11, 2),
         "", "", "", "Mitchell Admin", "Sales", "My Company", "Customer Invoices", "EUR",
         300.0, 45.0, 345.0, 345.0, 330.0, 379.5, 379.5, "30 Days", "", "", "Not Paid", "Draft",
         "Customer Invoice", "", False, False],
        ["INV/2026/00205", "Ready Mat", "Ready Mat", D(2026, 11, 10), D(2026, 12, 10), D(2026, 11, 10),
         "INV/2026/00205", "", "", "Mitchell Admin", "Sales", "My Company", "Customer Invoices", "EUR",
         800.0, 120.0, 920.0, 920.0, 880.0, 1012.0, 1012.0, "30 Days", "", "", "Not Paid", "Posted",
         "Customer Invoice", D(2026, 12, 11), True, False],
    ])
    VOCAB_MEANING["vocab_odoo_invoices_export_all.xlsx"] = [
        ("INV/2026/00201", "Azure Interior", "1150.00", "2026-10-31", "USD"),
        ("INV/2026/00202", "Deco Addict", "800.00", "2026-11-09", "USD"),
        ("RINV/2026/00004", "Gemini Furniture", "-230.00", "2026-10-20", "USD"),  # a credit note
        ("INV/2026/00205", "Ready Mat", "920.00", "2026-12-10", "EUR"),
    ]


def invoice_ninja():
    # Invoice Ninja v5 > Invoices > Export (CSV) with its report keys as labels, the client's
    # columns first; "Partial" is a deposit asked before the due date, not a payment.
    write_csv("vocab_invoice_ninja_export.csv", [
        ["Client Name", "Client Number", "Client Email", "Client Currency", "Invoice Number", "Amount",
         "Balance", "Paid to Date", "Discount", "PO Number", "Date", "Due Date", "Terms", "Footer", "Status",
         "Public Notes", "Private Notes", "Uses Inclusive Taxes", "Is Amount Discount", "Partial",
         "Partial Due Date", "Custom Value 1", "Custom Surcharge 1", "Exchange Rate", "Total Taxes",
         "Tax Name 1", "Tax Rate 1", "Assigned User", "User", "Last Sent Date", "Next Send Date"],
        ["Kessler Group", "0011", "ap@kessler.example", "USD", "0031", "1100.00", "1100.00", "0.00", "0.00", "",
         "2026-10-01", "2026-10-31", "Payment within 30 days, thank you", "", "Sent", "", "", "No", "Yes",
         "0.00", "", "", "0.00", "1", "100.00", "VAT", "10", "", "Demo User", "2026-10-01", ""],
        ["Kessler Group", "0011", "ap@kessler.example", "USD", "0032", "550.00", "250.00", "300.00", "0.00", "",
         "2026-10-15", "2026-11-14", "", "", "Partial", "", "", "No", "Yes", "0.00", "", "", "0.00", "1",
         "50.00", "VAT", "10", "", "Demo User", "2026-10-15", ""],
        ["Rowe Studio", "0012", "hi@rowe.example", "USD", "0033", "220.00", "220.00", "0.00", "0.00", "", "2026-11-01",
         "2026-12-01", "", "", "Draft", "", "", "No", "Yes", "0.00", "", "", "0.00", "1", "20.00", "VAT", "10",
         "", "Demo User", "", ""],
        ["Rowe Studio", "0012", "hi@rowe.example", "USD", "0034", "330.00", "0.00", "330.00", "0.00", "", "2026-11-02",
         "2026-12-02", "", "", "Paid", "", "", "No", "Yes", "0.00", "", "", "0.00", "1", "30.00", "VAT", "10",
         "", "Demo User", "2026-11-02", ""],
        ["Rowe Studio", "0012", "hi@rowe.example", "USD", "0035", "440.00", "440.00", "0.00", "0.00", "", "2026-11-03",
         "2026-12-03", "", "", "Cancelled", "", "", "No", "Yes", "0.00", "", "", "0.00", "1", "40.00", "VAT", "10",
         "", "Demo User", "2026-11-03", ""],
        ["Rowe Studio", "0012", "hi@rowe.example", "USD", "0036", "660.00", "660.00", "0.00", "0.00", "", "2026-11-04",
         "2026-12-04", "", "", "Overdue", "", "", "No", "Yes", "200.00", "2026-11-20", "", "0.00", "1", "60.00",
         "VAT", "10", "", "Demo User", "2026-11-04", ""],
    ])
    VOCAB_MEANING["vocab_invoice_ninja_export.csv"] = [
        ("0031", "0011", "1100.00", "2026-10-31", "USD"),
        ("0032", "0011", "250.00", "2026-11-14", "USD"),
        ("0036", "0012", "660.00", "2026-12-04", "USD"),
    ]


def sap_b1():
    # SAP Business One, A/R Invoice list (Sales - A/R > A/R Invoice, "Find" and export to Excel,
    # saved as tab text): the document's own UI labels.
    write_text_as_xls("vocab_sap_b1_ar_invoices.xls", [
        ["Doc. No.", "Customer Code", "Customer Name", "Contact Person", "Customer Ref. No.", "Status",
         "Posting Date", "Due Date", "Document Date", "Sales Employee", "Remarks", "Document Currency",
         "Total Before Discount", "Discount", "Freight", "Tax", "Document Total", "Paid to Date",
         "Balance Due", "Journal Remark"],
        ["5101", "C20000", "Maxi-Teq", "Bill Levine", "PO 3003", "Open", "01.10.2026", "31.10.2026",
         "01.10.2026", "Sophie Klogg", "", "ILS", "2,000.00", "0.00", "0.00", "340.00", "2,340.00", "0.00",
         "2,340.00", "A/R Invoices - C20000"],
        ["5102", "C20000", "Maxi-Teq", "Bill Levine", "", "Open", "05.11.2026", "05.12.2026", "05.11.2026",
         "Sophie Klogg", "", "ILS", "1,000.00", "0.00", "0.00", "170.00", "1,170.00", "500.00", "670.00",
         "A/R Invoices - C20000"],
        ["5103", "C30000", "Mashina Corporation", "", "", "Closed", "15.10.2026", "14.11.2026", "15.10.2026",
         "", "", "ILS", "100.00", "0.00", "0.00", "17.00", "117.00", "117.00", "0.00",
         "A/R Invoices - C30000"],
    ], encoding="utf-8")
    VOCAB_MEANING["vocab_sap_b1_ar_invoices.xls"] = [
        ("5101", "C20000", "2340.00", "2026-10-31", "ILS"),
        ("5102", "C20000", "670.00", "2026-12-05", "ILS"),
    ]


def priority():
    # Priority, "חשבוניות מרכזות/חשבוניות מס" export (UTF-16 tab text saved as .xls) with the
    # screen's columns: status, agent, order, details, value date, VAT split and balance.
    write_text_as_xls("vocab_priority_ainvoices.xls", [
        ["חשבונית", "סטטוס", "מס. לקוח", "שם לקוח", "תאריך", "ת. פרעון", "סוכן", "הזמנה", "פרטים",
         'סה"כ לפני מע"מ', 'מע"מ', 'סה"כ לתשלום', "יתרה", "מטבע", "ת. ערך"],
        ["IN2600301", "סופית", "C0045", 'חשמל הגליל בע"מ', "01/10/26", "30/11/26", "יוסי", "SO2600012", "",
         "7,000.00", "1,190.00", "8,190.00", "8,190.00", 'ש"ח', "30/11/26"],
        ["IN2600302", "סופית", "C0051", "אופטיקה הכרמל", "15/10/26", "15/12/26", "", "", "תיקון",
         "1,000.00", "170.00", "1,170.00", "585.00", 'ש"ח', "15/12/26"],
        ["IN2600303", "טיוטא", "C0051", "אופטיקה הכרמל", "20/11/26", "20/12/26", "", "", "",
         "100.00", "17.00", "117.00", "117.00", 'ש"ח', "20/12/26"],
        ["IN2600304", "מבוטלת", "C0045", 'חשמל הגליל בע"מ', "21/11/26", "21/12/26", "", "", "",
         "100.00", "17.00", "117.00", "117.00", 'ש"ח', "21/12/26"],
    ], encoding="utf-16")
    VOCAB_MEANING["vocab_priority_ainvoices.xls"] = [
        ("IN2600301", "C0045", "8190.00", "2026-11-30", "ILS"),
        ("IN2600302", "C0051", "585.00", "2026-12-15", "ILS"),
    ]


def rivhit():
    # Rivhit "דוח מסמכים" with every column its view offers (agent, phone, tax id, VAT split,
    # withholding, paid, open balance, status, currency, reference).
    write_xlsx("vocab_rivhit_documents_all_columns.xlsx", [
        ["ריווחית - דוח מסמכים"], ["לתקופה 01/10/2026 - 30/11/2026"], [],
        ["סוג מסמך", "מס' מסמך", "אסמכתא", "תאריך מסמך", "תאריך פירעון", "מס' לקוח", "שם לקוח", "ע.מ./ח.פ.",
         "טלפון", "אימייל", "סוכן", "הערות", 'סכום לפני מע"מ', 'מע"מ', 'סכום כולל מע"מ', "ניכוי במקור",
         "סכום ששולם", "יתרה לגבייה", "מטבע", "סטטוס"],
        ["חשבונית מס", "20501", "PO-88", D(2026, 10, 1), D(2026, 10, 31), "1001", 'שמש בע"מ', "514000011",
         "03-5550001", "ap@shemesh.example", "דנה", "", 2000.0, 340.0, 2340.0, 0.0, 1000.0, 1340.0, "₪", "פתוחה"],
        ["חשבונית מס זיכוי", "20502", "", D(2026, 10, 15), D(2026, 10, 15), "1001", 'שמש בע"מ', "514000011",
         "03-5550001", "ap@shemesh.example", "דנה", "החזר", -290.6, -49.4, -340.0, 0.0, 0.0, -340.0, "₪", "פתוחה"],
        ["חשבונית מס", "20503", "", D(2026, 11, 5), D(2026, 12, 5), "1002", "אור ירוק", "",
         "052-5550002", "or@yarok.example", "", "", 837.61, 142.39, 980.0, 0.0, 0.0, 980.0, "₪", "פתוחה"],
        ["חשבונית מס", "20504", "", D(2026, 11, 6), D(2026, 12, 6), "1002", "אור ירוק", "",
         "052-5550002", "or@yarok.example", "", "", 100.0, 17.0, 117.0, 0.0, 117.0, 0.0, "₪", "סגורה"],
        ["חשבונית מס", "20505", "", D(2026, 11, 7), D(2026, 12, 7), "1003", "מאפיית הגורן", "",
         "", "goren@example.co.il", "", "", 500.0, 85.0, 585.0, 0.0, 0.0, 585.0, "₪", "מבוטלת"],
    ])
    VOCAB_MEANING["vocab_rivhit_documents_all_columns.xlsx"] = [
        ("20501", "1001", "1340.00", "2026-10-31", "ILS"),
        ("20502", "1001", "-340.00", "2026-10-15", "ILS"),
        ("20503", "1002", "980.00", "2026-12-05", "ILS"),
    ]


def morning():
    # Morning (Green Invoice) documents export: document type, number, date, client, amounts
    # before and with VAT, the open amount, currency, status (פתוח / סגור / נסגר ידנית /
    # מבוטל). The export has no due date column: when the invoice falls due is the business's
    # own terms, which only a person can give; the file is held with the line that settles it.
    header = ["סוג מסמך", "מספר מסמך", "תאריך מסמך", "מספר לקוח", "שם לקוח", "מספר עוסק", "אימייל",
              "תיאור", 'סכום לפני מע"מ', 'מע"מ', 'סה"כ כולל מע"מ', "יתרה לתשלום", "מטבע", "שער", "סטטוס"]
    rows = [
        ["חשבונית מס", "30101", "05/10/2026", "77", "סטודיו נגה", "514000001", "noga@studio.example",
         "עיצוב", "1,000.00", "180.00", "1,180.00", "1,180.00", "ILS", "1", "פתוח"],
        ["חשבונית מס", "30102", "01/11/2026", "78", 'דפוס הגליל בע"מ', "514000002", "office@dfus.example",
         "", "2,000.00", "360.00", "2,360.00", "1,000.00", "ILS", "1", "פתוח"],
        ["חשבונית מס", "30103", "02/11/2026", "79", "קפה הבוקר", "", "cafe@boker.example", "", "500.00",
         "90.00", "590.00", "590.00", "ILS", "1", "נסגר ידנית"],
        ["חשבונית מס קבלה", "30104", "03/11/2026", "79", "קפה הבוקר", "", "cafe@boker.example", "", "300.00",
         "54.00", "354.00", "0.00", "ILS", "1", "סגור"],
    ]
    write_csv("vocab_morning_documents_no_due_date.csv", [header, *rows], encoding="utf-8-sig")
    VOCAB_MEANING["vocab_morning_documents_no_due_date.csv"] = HELD


def icount():
    # iCount document list (HTML table saved as .xls, UTF-8 with a charset) with every column:
    # client number, tax id, VAT split, paid, balance, "לתשלום עד", status, currency, issuer.
    write_html("vocab_icount_doclist_all_columns.xls", [
        ["מס' מסמך", "סוג מסמך", "תאריך", "מס' לקוח", "לקוח", "ח.פ/ע.מ", "אימייל", "טלפון", 'סכום לפני מע"מ',
         'מע"מ', 'סה"כ', "שולם", "יתרה", "לתשלום עד", "מטבע", "סטטוס", 'נוצר ע"י', "הערות"],
        ["1101", "חשבונית מס", "02/10/2026", "501", "אלון כהן", "", "alon@example.co.il", "050-5550101",
         "3,000.00", "510.00", "3,510.00", "0.00", "3,510.00", "01/11/2026", "₪", "פתוח", "מנהל", ""],
        ["1102", "חשבונית מס", "20/10/2026", "502", "מוסך השרון", "514000033", "garage@example.co.il", "",
         "600.00", "102.00", "702.00", "351.00", "351.00", "19/11/2026", "₪", "שולם חלקית", "מנהל", ""],
        ["1103", "חשבונית מס", "21/11/2026", "502", "מוסך השרון", "514000033", "garage@example.co.il", "",
         "84.62", "14.38", "99.00", "0.00", "99.00", "21/12/2026", "₪", "טיוטה", "מנהל", ""],
        ["1104", "חשבונית מס", "22/11/2026", "503", "גן הילד", "", "gan@example.co.il", "",
         "100.00", "17.00", "117.00", "117.00", "0.00", "22/12/2026", "₪", "סגור", "מנהל", ""],
    ], encoding="utf-8", meta="utf-8")
    VOCAB_MEANING["vocab_icount_doclist_all_columns.xls"] = [
        ("1101", "501", "3510.00", "2026-11-01", "ILS"),
        ("1102", "502", "351.00", "2026-11-19", "ILS"),
    ]


def ezcount():
    # EZcount documents report (csv, UTF-8 with BOM): document type and number, client, dates,
    # payment terms and the due date they give (שוטף+N: the end of the issue month plus N days),
    # VAT split, paid, balance, status.
    write_csv("vocab_ezcount_documents_report.csv", [
        ["סוג מסמך", "מספר מסמך", "תאריך מסמך", "שם הלקוח", "מספר לקוח", "ע.מ / ח.פ", 'דוא"ל', "טלפון",
         "תנאי תשלום", "תאריך פירעון", 'סכום לפני מע"מ', 'מע"מ', 'סה"כ כולל מע"מ', "שולם", "יתרה לתשלום",
         "סטטוס", "הערות"],
        ["חשבונית מס", "5101", "14/10/2026", "נגריית העמק", "31", "514000044", "nagar@example.co.il", "",
         "שוטף+30", "30/11/2026", "3,846.15", "653.85", "4,500.00", "0.00", "4,500.00", "פתוח", ""],
        ["חשבונית מס", "5102", "03/11/2026", "הובלות הנגב", "32", "", "move@example.co.il", "08-5550102",
         "שוטף+60", "29/01/2027", "1,000.00", "170.00", "1,170.00", "170.00", "1,000.00", "שולם חלקית", ""],
        ["חשבונית מס", "5103", "04/11/2026", "הובלות הנגב", "32", "", "move@example.co.il", "08-5550102",
         "שוטף+30", "30/12/2026", "100.00", "17.00", "117.00", "0.00", "117.00", "בוטל", ""],
    ], encoding="utf-8-sig")
    VOCAB_MEANING["vocab_ezcount_documents_report.csv"] = [
        ("5101", "31", "4500.00", "2026-11-30", "ILS"),
        ("5102", "32", "1000.00", "2027-01-29", "ILS"),
    ]


def invoice4u_sumit():
    # Invoice4U documents report as SpreadsheetML 2003 (.xls) with its columns.
    write_spreadsheetml("vocab_invoice4u_documents_all_columns.xls", [
        ["דוח מסמכים"], [],
        ["סוג מסמך", "מספר מסמך", "תאריך מסמך", "תאריך פירעון", "מספר לקוח", "שם לקוח", "מייל לקוח",
         "טלפון", 'סכום לפני מע"מ', 'מע"מ', 'סה"כ כולל מע"מ', "סכום ששולם", "יתרה", "מטבע", "סטטוס", "הערות"],
        ["חשבונית מס", "7801", D(2026, 10, 1), D(2026, 10, 31), "C-201", "קליניקה יעל", "yael@example.co.il",
         "", 1200.0, 204.0, 1404.0, 0.0, 1404.0, "ILS", "פתוח", ""],
        ["חשבונית מס", "7802", D(2026, 11, 5), D(2026, 12, 5), "C-118", "משתלת השרון", "nursery@example.co.il",
         "", 500.0, 85.0, 585.0, 299.5, 285.5, "ILS", "שולם חלקית", ""],
        ["חשבון עסקה", "7803", D(2026, 11, 6), D(2026, 12, 6), "C-118", "משתלת השרון", "nursery@example.co.il",
         "", 100.0, 17.0, 117.0, 0.0, 117.0, "ILS", "מבוטל", ""],
    ])
    VOCAB_MEANING["vocab_invoice4u_documents_all_columns.xls"] = [
        ("7801", "C-201", "1404.00", "2026-10-31", "ILS"),
        ("7802", "C-118", "285.50", "2026-12-05", "ILS"),
    ]
    # Sumit (OfficeGuy) documents folder export with its columns.
    write_xlsx("vocab_sumit_documents_all_columns.xlsx", [
        ["מספר", "סוג", "תאריך", "לקוח", "מזהה לקוח", 'דוא"ל', "טלפון", "תיאור", 'סכום לפני מע"מ', 'מע"מ',
         "סכום", "שולם", "יתרה", "תאריך יעד לתשלום", "מטבע", "סטטוס", "נוצר על ידי"],
        ["40101", "חשבונית מס", D(2026, 10, 20), "יוגה בגליל", "88112", "yoga@example.co.il", "", "מנוי",
         641.03, 108.97, 750.0, 0.0, 750.0, D(2026, 11, 19), "₪", "פתוח", "רונה"],
        ["40102", "חשבונית מס", D(2026, 11, 1), "מספרת רונית", "88113", "ronit@example.co.il", "", "",
         205.13, 34.87, 240.0, 0.0, 240.0, D(2026, 12, 1), "₪", "טיוטה", "רונה"],
        ["40103", "חשבונית מס", D(2026, 11, 2), "מספרת רונית", "88113", "ronit@example.co.il", "", "",
         410.26, 69.74, 480.0, 280.0, 200.0, D(2026, 12, 2), "₪", "ממתין לתשלום", "רונה"],
    ])
    VOCAB_MEANING["vocab_sumit_documents_all_columns.xlsx"] = [
        ("40101", "88112", "750.00", "2026-11-19", "ILS"),
        ("40103", "88113", "200.00", "2026-12-02", "ILS"),
    ]


def hashavshevet():
    # Hashavshevet "כרטסת הנהלת חשבונות" for customers with every column it can show: counter
    # account, movement and batch numbers, second reference, value date, running balance.
    write_xlsx("vocab_hashavshevet_ledger_all_columns.xlsx", [
        ["חשבשבת - כרטסת הנהלת חשבונות"], ["מתאריך 01/01/2026 עד 30/11/2026"], [],
        ["מפתח חשבון", "שם חשבון", "מס' תנועה", "מנה", "סוג תנועה", "אסמכתא", "אסמכתא 2", "תאריך אסמכתא",
         "תאריך ערך", "פרטים", "חשבון נגדי", "חובה", "זכות", "יתרה מצטברת"],
        ["20011", "אלקטרה שירותים", "", "", "", "", "", "", "", "", "", "", "", ""],
        ["", "", "1501", "12", "חשבונית", "30021", "", "05/10/26", "04/11/26", "הכנסות", "40001", "5,850.00", "", "5,850.00"],
        ["", "", "1540", "14", "קבלה", "8011", "", "01/11/26", "01/11/26", "קבלה", "10001", "", "2,000.00", "3,850.00"],
        ['סה"כ מפתח חשבון', "", "", "", "", "", "", "", "", "", "", "5,850.00", "2,000.00", "3,850.00"],
        ["20012", "גלובוס תקשורת", "", "", "", "", "", "", "", "", "", "", "", ""],
        ["", "", "1550", "15", "חשבונית", "30022", "", "10/11/26", "10/12/26", "הכנסות", "40001", "1,170.00", "", "1,170.00"],
        ['סה"כ מפתח חשבון', "", "", "", "", "", "", "", "", "", "", "1,170.00", "", "1,170.00"],
        ['סה"כ לדוח', "", "", "", "", "", "", "", "", "", "", "7,020.00", "2,000.00", "5,020.00"],
    ])
    # A ledger card gives each customer's balance, due on the report's date (its title's "עד").
    VOCAB_MEANING["vocab_hashavshevet_ledger_all_columns.xlsx"] = [
        (None, "20011", "3850.00", "2026-11-30", "ILS"), (None, "20012", "1170.00", "2026-11-30", "ILS")]


def header_variants():
    # Real header variation over one invoice list: case, "*" marks, the currency in the header
    # ("Balance (USD)" makes the file's amounts dollars), units, RTL marks, punctuation.
    write_csv("vocab_header_variants_currency.csv", [
        ["*INVOICE NO.", "customer name", "\u200fInvoice Date:", "Due date *", "Total (USD)", "Balance (USD)",
         "invoice status"],
        ["A-17", "Harlow Inc", "10/14/2026", "11/13/2026", "1,000.00", "400.00", "Open"],
        ["A-18", "Harlow Inc", "10/20/2026", "11/19/2026", "250.00", "250.00", "Sent"],
        ["A-19", "Mercer LLC", "10/21/2026", "11/20/2026", "90.00", "0.00", "Paid"],
    ])
    VOCAB_MEANING["vocab_header_variants_currency.csv"] = [
        ("A-17", "Harlow Inc", "400.00", "2026-11-13", "USD"),
        ("A-18", "Harlow Inc", "250.00", "2026-11-19", "USD"),
    ]
    # Hebrew: gershayim and geresh as ״ ׳ or as " ', RLM marks, the currency sign after the name.
    write_csv("vocab_header_variants_hebrew.csv", [
        ["\u200fמס׳ חשבונית", "שם הלקוח\u200f", "תאריך חשבונית", "תאריך פרעון", "סה״כ כולל מע״מ $",
         "יתרה לתשלום $", "סטטוס"],
        ["9001", "טכנולוגיות הים", "01/10/2026", "31/10/2026", "1,170.00", "1,170.00", "פתוח"],
        ["9002", "טכנולוגיות הים", "15/10/2026", "14/11/2026", "585.00", "285.00", "שולם חלקית"],
        ["9003", "בית הקפה", "16/10/2026", "15/11/2026", "117.00", "117.00", "מבוטל"],
    ], encoding="utf-8-sig")
    VOCAB_MEANING["vocab_header_variants_hebrew.csv"] = [
        ("9001", "טכנולוגיות הים", "1170.00", "2026-10-31", "USD"),
        ("9002", "טכנולוגיות הים", "285.00", "2026-11-14", "USD"),
    ]


BUILDS = (xero, stripe, zoho, zoho_report, quickbooks, freshbooks, wave, sage, odoo, invoice_ninja, sap_b1, priority,
          rivhit, morning, icount, ezcount, invoice4u_sumit, hashavshevet, header_variants)

if __name__ == "__main__":
    for build in BUILDS:
        build()
    (HERE / "vocab_meaning.json").write_text(
        json.dumps(VOCAB_MEANING, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
