"""The columns real exports carry that a reminder deliberately does not use, by why.

Plain data: columns.py keys them (`ignored_reason`); `inspect` lists them as unused, and they
are never a question (questions.is_harmless). A column whose meaning is really unknown stays a
question. Where each was seen: tests/sources/README.md.
"""
from __future__ import annotations

IGNORED: dict[str, tuple[str, ...]] = {
    "the customer's tax id or the tax authority's allocation number": (
        "מס' עוסק", "מספר עוסק מורשה", "ח.פ./ת.ז.", "עוסק מורשה/ח.פ", "ח.פ/ע.מ", "ע.מ / ח.פ",
        "מס' הקצאה", "מספר הקצאה", "Tax Number", "Tax Reg No", "Company Reg No", "VAT Reg No",
    ),
    "already inside the total or the balance": (
        "Round Off", "Rounding Adjustment", "עיגול", "עיגול אגורות", "אגורות", "סה\"כ שורה",
        "Custom Surcharge 1", "Custom Surcharge 2", "Custom Surcharge 3", "Custom Surcharge 4", "Total Discount Amounts", "Discount Total", "Freight", "Total Before Discount",
        "Pre Payment Credit Notes Amount", "Post Payment Credit Notes Amount", "Write Off Amount",
        "Total Taxes", "Line Subtotal", "Entity Discount Amount", "Entity Discount Percent",
    ),
    "the amount before VAT or tax": (
        "Net", "Net Total", "Amount Before Tax", "Untaxed", "Total Excl. Tax", "Total excl VAT",
        "סכום לפני הנחה", "סכום נטו",
    ),
    "a deposit asked before the due date; the balance is still what is owed": (
        "Partial", "Partial Due Date", "Deposit", "Deposit Due Date",
    ),
    "the platform's fee, not the customer's debt": ("Application Fee", "Fee", "Stripe Fee"),
    "the service period, not when payment falls due": (
        "Period Start", "Period End", "Service Period Start", "Service Period End", "Service Date",
        "תקופת שירות", "תאריך אספקה",
    ),
    "a bookkeeping or sending timestamp": (
        "Create Date", "Created By", "Last Modified", "Last Modified By", "Modified Date", "Last Viewed",
        "Last Sent Date", "Next Send Date", "Next Payment Attempt", "Marked Uncollectible At",
        "Voided At", "Webhooks Delivered At", "Accounting Date", "Next Activity Deadline", "Date Paid",
        "Document Date Created", "נוצר בתאריך", "עודכן בתאריך", "תאריך הדפסה", "תאריך ביטול",
        "Last Delivered", "Email Status", "Tracking No.",
        "מס' קבלה", "מספר קבלה", "מספר חשבונית ספק",
    ),
    "the system's own flags and ids": (
        "Auto Advance", "Forgiven", "Paid Out Of Band", "Livemode", "Attempt Count", "Attempted",
        "Billing Reason", "Charge", "Payment Intent", "Receipt Number", "Statement Descriptor",
        "Hosted Invoice URL", "Invoice PDF", "Customer Tax Exempt", "Checked", "Uses Inclusive Taxes",
        "Is Amount Discount", "Is Inclusive Tax", "Is Discount Before Tax", "Invoice ID", "Template Name",
        "Usage unit", "Journal Remark", "Transaction Type", "מס' תנועה", "מנה", "סוג תנועה", "חשבון נגדי",
        "שם חשבון נגדי", "אסמכתא 2", "נוצר ע\"י", "נוצר על ידי", "מזהה", "id",
        "External ID", "Internal ID", "Record ID", "Transaction ID", "Document ID", "DocEntry",
    ),
    "a day count the reader works out itself": (
        "Past Due", "Days Past Due", "Days Overdue", "ימי פיגור", "Overdue By", "Overdue by (days)",
        "Days Outstanding", "Age (Days)", "Aging (days)", "ימים באיחור", "ימים לפירעון", "ימי חוב",
    ),
    "the amount in the company's own currency, beside the document's": (
        "Total (SC)", "Document Total (SC)", "Paid to Date (SC)", "Balance Due (SC)",
        # Zoho's (BCY): the base currency, beside the transaction's own (FCY) that is read.
        "Amount (BCY)", "Balance (BCY)", "Total (BCY)", "Balance Due (BCY)", "Sub Total (BCY)",
    ),
}
