"""Regenerate every held-out file and its NAME.expected.json (run with the folder's .venv):
    ../.venv/bin/python make_all.py
The expected readings are literal, hand-worked lists inside each generator (not produced by any reader);
asserts check them against the totals each file prints."""
import gen_hashavshevet, gen_israeli, gen_quickbooks, gen_cloud, gen_erp, gen_held

for mod, fns in [
    (gen_hashavshevet, ["kartesset", "trial_balance_xls", "movements_held", "aging_ods", "kartesset_first_row_xls"]),
    (gen_israeli, ["rivhit_xlsx", "rivhit_semicolon", "morning_csv", "invoice4u_html"]),
    (gen_quickbooks, ["qbo_modern_csv", "qbo_classic_xlsx", "qbo_open_invoices_csv", "qbo_customer_balance_summary",
                      "qbd_aging_xls"]),
    (gen_cloud, ["xero_invoices", "xero_aged_detail", "zoho_invoices", "invoice_ninja"]),
    (gen_erp, ["odoo_aged", "sap_b1", "sage50", "stripe", "priority_xml"]),
    (gen_held, ["ambiguous_dates", "amount_or_balance"]),
]:
    for fn in fns:
        getattr(mod, fn)()
print("all files regenerated")
