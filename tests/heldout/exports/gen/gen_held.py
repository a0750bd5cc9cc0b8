"""Files a careful reader must not read silently (kind "held")."""
import csv

import openpyxl
from openpyxl.styles import Font

from common import path, write_expected

# Zoho Books lets the organisation choose its date format (dd/MM/yyyy or MM/dd/yyyy); the export follows it.
ZOHO_SUBSET = ["Invoice Date", "Invoice ID", "Invoice Number", "Invoice Status", "Customer Name", "Customer ID",
               "Due Date", "Currency Code", "Exchange Rate", "Item Name", "Quantity", "Item Price", "Item Tax %",
               "Item Total", "SubTotal", "Total", "Balance", "Payment Terms", "Payment Terms Label"]


def ambiguous_dates():
    name = "zoho_books_invoices_ambiguous_dates.csv"
    rows = [
        ["01/02/2026", "5811000000004011", "INV-00211", "Overdue", "Shefa Catering", "5811000000001201",
         "01/02/2026", "ILS", "1", "Event catering", "1", "5000.00", "18", "5000.00", "5000.00", "5900.00",
         "5900.00", "0", "Due on Receipt"],
        ["02/03/2026", "5811000000004019", "INV-00212", "Overdue", "Beit Hakerem Kindergarten", "5811000000001207",
         "02/03/2026", "ILS", "1", "Lunch boxes - month", "1", "2500.00", "18", "2500.00", "2500.00", "2950.00",
         "2950.00", "0", "Due on Receipt"],
        ["03/04/2026", "5811000000004027", "INV-00213", "Paid", "Shefa Catering", "5811000000001201",
         "03/04/2026", "ILS", "1", "Event catering", "1", "3000.00", "18", "3000.00", "3000.00", "3540.00",
         "0.00", "0", "Due on Receipt"],
        ["04/05/2026", "5811000000004035", "INV-00214", "PartiallyPaid", "Tech Hub Jerusalem", "5811000000001219",
         "04/05/2026", "ILS", "1", "Office breakfasts", "1", "8000.00", "18", "8000.00", "8000.00", "9440.00",
         "4440.00", "0", "Due on Receipt"],
        ["05/06/2026", "5811000000004043", "INV-00215", "Overdue", "Beit Hakerem Kindergarten", "5811000000001207",
         "05/06/2026", "ILS", "1", "Lunch boxes - month", "1", "2500.00", "18", "2500.00", "2500.00", "2950.00",
         "2950.00", "0", "Due on Receipt"],
        ["06/07/2026", "5811000000004051", "INV-00216", "Overdue", "Tech Hub Jerusalem", "5811000000001219",
         "06/07/2026", "ILS", "1", "Office breakfasts", "1", "6000.00", "18", "6000.00", "6000.00", "7080.00",
         "7080.00", "0", "Due on Receipt"],
    ]
    with open(path(name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(ZOHO_SUBSET)
        w.writerows(rows)
    write_expected(name, "Zoho Books",
                   "Zoho Books Invoice.csv column names (see zoho_books_invoices.csv and NOTES.md); the date format of "
                   "a Zoho export follows the organisation's date-format setting",
                   "held",
                   "Every date has day ≤ 12 and due date = invoice date ('Due on Receipt', 0 days), invoice numbers "
                   "rise with the dates under BOTH readings (1 Feb, 2 Mar, 3 Apr… or 2 Jan, 3 Feb, 4 Mar…), and no "
                   "other column (no payment date, no 'as of' line) settles the order. Otherwise an ordinary "
                   "one-line-per-invoice Zoho export with a Paid row and a PartiallyPaid row.",
                   held_reason="Day/month order cannot be decided from the file: all dates are ambiguous "
                               "(01/02/2026 … 06/07/2026), the org's date-format setting is not in the export, and "
                               "no date or sequence in the file breaks the tie. Reading them either way silently "
                               "would give due dates months apart and wrong overdue reminders; the reader should ask "
                               "(or take the org's date format from configuration) before using the dates.")


def amount_or_balance():
    name = "invoices_for_collection_amount_unclear.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "לגבייה"
    ws.sheet_view.rightToLeft = True
    ws.append(["רשימת חשבוניות לקוחות - לגבייה"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(["עודכן 29/11/2026"])
    ws.append([])
    ws.append(["מס' חשבונית", "לקוח", "תאריך", "סכום", "הערות"])
    for c in ws[4]:
        c.font = Font(bold=True)
    data = [
        ("10233", 'אורן אחזקות בע"מ', "12/08/2026", 9360.00, "שולם חלקית - ראה קבלה 771"),
        ("10240", "ד\"ר נעמה שחר", "25/08/2026", 1755.00, ""),
        ("10251", "בית ספר ניצנים", "14/09/2026", 4680.00, "נשלחה תזכורת 20/10"),
        ("10266", 'אורן אחזקות בע"מ', "03/10/2026", 2340.00, "שולם 1,000 בהעברה"),
        ("10279", "קפה רוטשילד 12", "19/10/2026", 11700.00, "הסדר תשלומים - 3 תשלומים"),
    ]
    for (n, c, d, a, note) in data:
        ws.append([n, c, d, a, note or None])
        ws.cell(ws.max_row, 4).number_format = "#,##0.00"
    ws.append([])
    ws.append(['סה"כ', None, None, 29835.00, None])
    ws.cell(ws.max_row, 4).number_format = "#,##0.00"
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["E"].width = 30
    wb.save(path(name))
    write_expected(name, "unknown (a bookkeeper's collection list kept in Excel)",
                   "no vendor layout — a hand-kept list in the shape Israeli bookkeepers commonly send; included "
                   "because the product reads whatever lands in the folder",
                   "held",
                   "Hebrew RTL sheet, title and 'עודכן' rows, one money column 'סכום', a notes column that says "
                   "some invoices were partly paid ('שולם חלקית - ראה קבלה 771', 'שולם 1,000 בהעברה') or are on a "
                   "payment plan, and a 'סה\"כ' row (29,835.00 = the sum of the column).",
                   held_reason="The only amount column cannot be told apart from a balance: 'סכום' could be each "
                               "invoice's full amount or what is still open, and the notes say at least two "
                               "invoices were partly paid without saying whether the column already reflects it "
                               "(e.g. 10266: 2,340.00 after or before the 1,000 transfer?). Sending reminders for "
                               "these amounts could demand money already paid; the reader must hold the file and "
                               "ask what the column means.")


if __name__ == "__main__":
    ambiguous_dates()
    amount_or_balance()
    print("held done")
