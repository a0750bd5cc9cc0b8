"""Israeli systems: Hashavshevet, Rivhit, Morning, iCount, EZcount, Invoice4U, Sumit, Priority."""
import datetime as dt
from decimal import Decimal

from containers import (D, bal, inv, total, write_biff, write_csv, write_expected, write_html_xls,
                        write_ods, write_spreadsheetml, write_utf16_tab, write_xlsx)

LRM, RLM = "\u200e", "\u200f"


def hashavshevet_trial_balance():
    name = "hashavshevet_customer_trial_balance.xlsx"
    rows = [
        ["חשבשבת - מאזן בוחן לפי מפתח מיון", None, None, None, "עמוד 1"],
        ["נגריית הגליל בע\"מ", None, None, None, "תאריך הפקה: 02/12/26"],
        ["ממפתח מיון 300 עד מפתח מיון 300 (לקוחות), תנועות עד 30/11/26", None, None, None, None],
        [None, None, "תנועות (שקל)", None, "יתרה (שקל)"],
        ["מפתח חשבון", "שם חשבון", "חובה", "זכות", "יתרה"],
        ["30001", "אלון שיפוצים בע\"מ", 48200.00, 35800.00, "12,400.00 חובה"],
        ["30002", "מסעדת הזית", 9360.00, 9360.00, "0.00"],
        ["30005", "ד\"ר מיכל ברק", 5850.00, 2000.00, "3,850.00 חובה"],
        ["30007", "קבוצת רימון נדל\"ן", 22000.00, 25150.00, "3,150.00 זכות"],
        ["30011", "י. כהן הובלות", 17550.00, 4680.00, "12,870.00 חובה"],
        ["30014", "בית קפה לילך", 2340.50, None, "2,340.50 חובה"],
        [None, "סה\"כ מפתח מיון 300", 105300.50, 76990.00, "28,310.50 חובה"],
        [None, None, None, None, None],
        [None, "סה\"כ לדוח", 105300.50, 76990.00, "28,310.50 חובה"],
    ]
    write_xlsx(name, rows, rtl=True, merges=["A1:D1", "C4:D4"])
    b = [
        bal("30001", "אלון שיפוצים בע\"מ", "12400.00", "ILS"),
        bal("30005", "ד\"ר מיכל ברק", "3850.00", "ILS"),
        bal("30011", "י. כהן הובלות", "12870.00", "ILS"),
        bal("30014", "בית קפה לילך", "2340.50", "ILS"),
    ]
    assert total(b) - D("3150.00") == D("28310.50")  # printed net total, less the one net-credit customer
    assert D("105300.50") - D("76990.00") == D("28310.50")
    write_expected(name, "Hashavshevet", "balances", "ILS",
                   "Trial balance (מאזן בוחן) of the customer sort code, not an open-items list. The balance "
                   "cell is text that mixes a number with the side word (חובה = the customer owes, זכות = "
                   "we owe them); a zero account and a net-credit account are left out. Two-level header "
                   "with a merged 'תנועות (שקל)' band; sort-code subtotal and report total rows repeat the "
                   "same figure.", balances=b)


def hashavshevet_aging():
    name = "hashavshevet_aging_by_customer.xls"
    rows = [
        ["גיול חובות לקוחות - מעבדות שקד בע\"מ"],
        ["לתאריך 01/12/26   גיול לפי תאריך פירעון"],
        [],
        ["מפתח חשבון", "שם חשבון", "יתרה כוללת", "שוטף", "1-30", "31-60", "61-90", "91-120", "מעל 120"],
        ["40010", "אופטיקה רמות", 7020.00, 2340.00, 4680.00, None, None, None, None],
        ["40012", "גני ילדים פרפר", 1755.00, None, None, None, 1755.00, None, None],
        ["40018", "סטודיו נגה", -600.00, -600.00, None, None, None, None, None],
        ["40021", "מרפאת השן הלבנה", 15210.00, 5850.00, None, 3510.00, None, None, 5850.00],
        ["40025", "חברת אורות הצפון בע\"מ", 4095.00, None, None, None, None, 4095.00, None],
        [None, "סה\"כ", 27480.00, 7590.00, 4680.00, 3510.00, 1755.00, 4095.00, 5850.00],
    ]
    # every row's buckets add up to its total
    for r in rows[4:]:
        assert sum(D(v) for v in r[3:] if v is not None) == D(r[2]), r
    write_biff(name, rows, rtl=True, merges=[(0, 0, 0, 8), (1, 0, 1, 8)], sheet="גיול")
    b = [
        bal("40010", "אופטיקה רמות", "7020.00", "ILS"),
        bal("40012", "גני ילדים פרפר", "1755.00", "ILS"),
        bal("40021", "מרפאת השן הלבנה", "15210.00", "ILS"),
        bal("40025", "חברת אורות הצפון בע\"מ", "4095.00", "ILS"),
    ]
    assert total(b) - D("600.00") == D("27480.00")
    write_expected(name, "Hashavshevet", "balances", "ILS",
                   "Aging summary per customer in BIFF .xls. The customer's total sits right after the name, "
                   "before the buckets; the last column is only the 'over 120' bucket. One customer is in "
                   "credit and is left out; the 'סה\"כ' row is a total.", balances=b)


def rivhit_grouped_html():
    name = "rivhit_customer_debts_detailed.xls"
    header = ["סוג מסמך", "מס' מסמך", "תאריך מסמך", "תאריך פירעון", "סכום מסמך", "שולם", "יתרה לגבייה"]
    body = [
        {"span": "לקוח: 1023 - גלריה כחול לבן"},
        ["חשבונית מס", "30412", "12/10/2026", "11/11/2026", RLM + "4,680.00", "0.00", RLM + "4,680.00"],
        ["חשבונית מס", "30455", "05/11/2026", "05/12/2026", "2,925.00", "1,000.00", "1,925.00"],
        ["חשבונית מס זיכוי", "30470", "10/11/2026", "", "-585.00", "0.00", "-585.00"],
        ["סה\"כ ללקוח", "", "", "", "7,020.00", "1,000.00", "6,020.00"],
        {"span": "לקוח: 1031 - אדריכלות שחר ושות'"},
        ["חשבונית מס", "30398", "28/09/2026", "28/10/2026", "11,700.00", "5,850.00", "5,850.00"],
        ["סה\"כ ללקוח", "", "", "", "11,700.00", "5,850.00", "5,850.00"],
        {"span": "לקוח: 1040 - מתנ\"ס נווה שאנן"},
        ["חשבונית מס", "30460", "08/11/2026", "31/12/2026", "3,276.00", "0.00", "3,276.00"],
        ["חשבונית מס", "30481", "20/11/2026", "31/12/2026", "936.00", "0.00", "936.00"],
        ["סה\"כ ללקוח", "", "", "", "4,212.00", "0.00", "4,212.00"],
        ["סה\"כ כללי", "", "", "", "22,932.00", "6,850.00", "16,082.00"],
    ]
    write_html_xls(name, ["רווחית - דוח חובות לקוחות מפורט", "הופק בתאריך 03/12/2026 10:42"],
                   header, body, charset="windows-1255")
    e = [
        inv("30412", "גלריה כחול לבן", "2026-10-12", "2026-11-11", "4680.00", "4680.00", "ILS"),
        inv("30455", "גלריה כחול לבן", "2026-11-05", "2026-12-05", "2925.00", "1925.00", "ILS"),
        inv("30470", "גלריה כחול לבן", "2026-11-10", None, "-585.00", "-585.00", "ILS"),
        inv("30398", "אדריכלות שחר ושות'", "2026-09-28", "2026-10-28", "11700.00", "5850.00", "ILS"),
        inv("30460", "מתנ\"ס נווה שאנן", "2026-11-08", "2026-12-31", "3276.00", "3276.00", "ILS"),
        inv("30481", "מתנ\"ס נווה שאנן", "2026-11-20", "2026-12-31", "936.00", "936.00", "ILS"),
    ]
    assert total(e) == D("16082.00")
    assert sum(D(x["amount"]) for x in e) == D("22932.00")
    write_expected(name, "Rivhit", "invoices", "ILS",
                   "HTML table saved as .xls in Windows-1255, RTL. Customer appears only in a spanning group "
                   "row ('לקוח: id - name'), followed by its documents and a per-customer subtotal, then a "
                   "grand total. RLM marks inside some amounts. Credit note open with a negative balance and "
                   "no due date.", invoices=e)


def morning_documents():
    name = "morning_documents_report.csv"
    rows = [
        ["תאריך", "סוג מסמך", "מספר מסמך", "שם הלקוח", "סה\"כ\u00a0כולל מע\"מ", "מטבע", "סטטוס",
         "תאריך לתשלום" + RLM, RLM + "נותר לתשלום"],
        ["03/11/2026", "חשבונית מס", "20231", "לוטם עיצובים", "3,510.00", "ILS", "פתוח", "03/12/2026", "2,010.00"],
        ["05/11/2026", "חשבונית מס / קבלה", "20232", "יוסי אברהם", "702.00", "ILS", "סגור", "", "0.00"],
        ["09/11/2026", "חשבונית מס", "20233", "Nordlicht GmbH", "1,200.00", "USD", "פתוח", "09/12/2026",
         "1,200.00"],
        ["12/11/2026", "קבלה", "50110", "לוטם עיצובים", "1,500.00", "ILS", "סגור", "", ""],
        ["15/11/2026", "חשבונית מס", "20234", "עמותת צעד קדימה", "4,212.00", "ILS", "מבוטל", "15/12/2026", "0.00"],
        ["18/11/2026", "חשבונית מס", "20235", "מרכז יוגה שלווה", "1,872.00", "ILS", "פתוח", "18/12/2026",
         "1,872.00"],
        ["24/11/2026", "חשבונית זיכוי", "20236", "מרכז יוגה שלווה", "-468.00", "ILS", "פתוח", "", "-468.00"],
        [],
        ["", "", "", "סה\"כ ILS", "", "", "", "", "3,414.00"],
        ["", "", "", "סה\"כ USD", "", "", "", "", "1,200.00"],
    ]
    write_csv(name, rows, bom=True)
    e = [
        inv("20231", "לוטם עיצובים", "2026-11-03", "2026-12-03", "3510.00", "2010.00", "ILS"),
        inv("20233", "Nordlicht GmbH", "2026-11-09", "2026-12-09", "1200.00", "1200.00", "USD"),
        inv("20235", "מרכז יוגה שלווה", "2026-11-18", "2026-12-18", "1872.00", "1872.00", "ILS"),
        inv("20236", "מרכז יוגה שלווה", "2026-11-24", None, "-468.00", "-468.00", "ILS"),
    ]
    assert total(e, "ILS") == D("3414.00") and total(e, "USD") == D("1200.00")
    write_expected(name, "Morning (Green Invoice)", "invoices", "ILS",
                   "All-documents report (not the open-invoices screen), UTF-8 with BOM: receipts, a paid "
                   "invoice-receipt and a cancelled invoice are mixed in. The open column is titled "
                   "'נותר לתשלום' (a newer wording). One USD invoice; per-currency total rows at the end; NBSP and RLM marks inside headers.",
                   invoices=e)


def icount_collection():
    name = "icount_documents_for_collection.xlsx"
    rows = [
        ["iCount - מסמכים לגבייה", None, None, None, None, None, None, None],
        ["סטודיו אורן פרסום | הופק 01/12/2026", None, None, None, None, None, None, None],
        [None] * 8,
        ["מס' מסמך", "סוג", "ת. הפקה", "לתשלום עד", "סכום", "שולם", "יתרה", "לקוח"],
        ["8801", "חשבונית מס", "14/09/2026", "14/10/2026", "₪ 9,360.00", "₪ 4,000.00", "₪ 5,360.00",
         "רפאל טכנולוגיות ירוקות"],
        ["8815", "חשבונית מס", "02/10/2026", "01/11/2026", "₪ 1,404.00", "₪ 0.00", "₪ 1,404.00",
         "קונדיטוריית הדס"],
        ["8842", "חשבונית מס", "03/11/2026", "03/12/2026", "₪ 1,638.00", "₪ 0.00", "₪ 1,638.00",
         "קונדיטוריית הדס"],
        ["8850", "חשבונית מס", "10/11/2026", "31/12/2026", "$ 2,500.00", "$ 0.00", "$ 2,500.00",
         "משרד עו\"ד לוי-גבאי"],
        [None, None, None, None, None, None, "סה\"כ ₪ 8,402.00", None],
        [None, None, None, None, None, None, "סה\"כ $ 2,500.00", None],
    ]
    write_xlsx(name, rows, rtl=True, merges=["A1:H1", "A2:H2"])
    e = [
        inv("8801", "רפאל טכנולוגיות ירוקות", "2026-09-14", "2026-10-14", "9360.00", "5360.00", "ILS"),
        inv("8815", "קונדיטוריית הדס", "2026-10-02", "2026-11-01", "1404.00", "1404.00", "ILS"),
        inv("8842", "קונדיטוריית הדס", "2026-11-03", "2026-12-03", "1638.00", "1638.00", "ILS"),
        inv("8850", "משרד עו\"ד לוי-גבאי", "2026-11-10", "2026-12-31", "2500.00", "2500.00", "USD"),
    ]
    assert total(e, "ILS") == D("8402.00") and total(e, "USD") == D("2500.00")
    write_expected(name, "iCount", "invoices", "ILS",
                   "Documents-for-collection report. Customer name is the LAST column; dates are text; money "
                   "is text with a ₪ or $ sign (one invoice in USD). The per-currency totals are written into "
                   "the balance column as 'סה\"כ ₪ …' text with no document number.", invoices=e)


def ezcount_ods():
    name = "ezcount_documents_report_en.ods"
    d = dt.date
    rows = [
        ["EZcount - Documents report"],
        ["Period: 01/10/2026 - 30/11/2026", None, None, "Printed: 02/12/2026"],
        [],
        ["Document type", "Number", "Issue date", "Customer", "Amount (incl. VAT)", "Paid", "Left to pay",
         "Currency", "Status", "Due date"],
        ["Tax invoice", "1207", d(2026, 10, 20), "Kfar Blum Guesthouse", 5850.0, 0.0, 5850.0, "ILS", "Open",
         d(2026, 11, 19)],
        ["Tax invoice", "1211", d(2026, 10, 28), "Ofek Dental", 2106.0, 1000.0, 1106.0, "ILS", "Partially paid",
         d(2026, 11, 27)],
        ["Receipt", "4410", d(2026, 11, 2), "Ofek Dental", 1000.0, None, None, "ILS", "Closed", None],
        ["Tax invoice/Receipt", "1215", d(2026, 11, 5), "Dana Ziv", 351.0, 351.0, 0.0, "ILS", "Closed", None],
        [None, None, None, "Page 1 total", 9307.0, None, 6956.0, None, None, None],
        ["Tax invoice", "1219", d(2026, 11, 12), "Tel Hai Robotics Club", 3042.0, 0.0, 3042.0, "ILS", "Open",
         d(2026, 12, 12)],
        ["Tax invoice", "1224", d(2026, 11, 23), "Tel Hai Robotics Club", 890.0, 0.0, 890.0, "EUR", "Open",
         d(2026, 12, 23)],
        ["Credit invoice", "1226", d(2026, 11, 25), "Kfar Blum Guesthouse", -585.0, 0.0, -585.0, "ILS", "Open",
         None],
        [None, None, None, "Total ILS", None, None, 9413.0, None, None, None],
        [None, None, None, "Total EUR", None, None, 890.0, None, None, None],
    ]
    write_ods(name, rows, sheet="Documents")
    e = [
        inv("1207", "Kfar Blum Guesthouse", "2026-10-20", "2026-11-19", "5850.00", "5850.00", "ILS"),
        inv("1211", "Ofek Dental", "2026-10-28", "2026-11-27", "2106.00", "1106.00", "ILS"),
        inv("1219", "Tel Hai Robotics Club", "2026-11-12", "2026-12-12", "3042.00", "3042.00", "ILS"),
        inv("1224", "Tel Hai Robotics Club", "2026-11-23", "2026-12-23", "890.00", "890.00", "EUR"),
        inv("1226", "Kfar Blum Guesthouse", "2026-11-25", None, "-585.00", "-585.00", "ILS"),
    ]
    assert total(e, "ILS") == D("9413.00") and total(e, "EUR") == D("890.00")
    assert D("5850") + D("1106") + D("0") == D("6956")
    write_expected(name, "EZcount", "invoices", "ILS",
                   "ODS with the UI set to English. A 'Page 1 total' row sits in the middle of the data "
                   "(its label is in the Customer column). A receipt and a paid invoice-receipt are mixed in; "
                   "one invoice is in EUR; a credit invoice is open with a negative amount.", invoices=e)


def invoice4u_cp1255():
    name = "invoice4u_debtors_report.csv"
    rows = [
        ["מספר מסמך", "סוג מסמך", "תאריך", "שם לקוח", "מס' לקוח", "תנאי תשלום", "תאריך תשלום", "סכום", "יתרה"],
        ["5512", "חשבונית מס", "3/10/26", "שמש בע\"מ", "611", "שוטף+30", "", "4,563.00", "4,563.00"],
        ["5520", "חשבונית מס", "15/10/26", "שמש בע\"מ", "611", "שוטף+60", "", "2,340.00", "1,340.00"],
        ["5531", "חשבונית מס", "2/11/26", "מוסך אחים דהן", "702", "+30", "2/12/26", "1,170.00", "1,170.00"],
        ["5537", "חשבונית מס", "9/11/26", "מוסך אחים דהן", "702", "שוטף+30", "", "819.00", "819.00"],
        ["5540", "חשבונית מס", "16/11/26", "ליאור קרמיקה", "715", "מיידי", "16/11/26", "585.00", "585.00"],
        ["", "", "", "סה\"כ", "", "", "", "9,477.00", "8,477.00"],
    ]
    write_csv(name, rows, encoding="cp1255")
    e = [
        inv("5512", "שמש בע\"מ", "2026-10-03", "2026-11-30", "4563.00", "4563.00", "ILS"),
        inv("5520", "שמש בע\"מ", "2026-10-15", "2026-12-30", "2340.00", "1340.00", "ILS"),
        inv("5531", "מוסך אחים דהן", "2026-11-02", "2026-12-02", "1170.00", "1170.00", "ILS"),
        inv("5537", "מוסך אחים דהן", "2026-11-09", "2026-12-30", "819.00", "819.00", "ILS"),
        inv("5540", "ליאור קרמיקה", "2026-11-16", "2026-11-16", "585.00", "585.00", "ILS"),
    ]
    assert total(e) == D("8477.00") and sum(D(x["amount"]) for x in e) == D("9477.00")
    write_expected(name, "Invoice4U", "invoices", "ILS",
                   "Windows-1255 CSV, d/m/yy dates, quoted thousands, a name with a doubled quote (שמש בע\"\"מ). "
                   "Three invoices have no due date but terms שוטף+30/שוטף+60: end of the issue month plus N "
                   "days (31/10+30 = 30/11; 31/10+60 = 30/12; 30/11+30 = 30/12). A totals row at the end.",
                   invoices=e)


def sumit_balances():
    name = "sumit_customer_balances.xlsx"
    rows = [
        ["סאמיט - יתרות לקוחות נכון ל-01/12/2026"],
        [],
        ["מזהה", "שם", "מספר עוסק", "טלפון", "אימייל", "יתרה", "מטבע"],
        ["1001", "אורן גינון ונוף", "514229871", "052-3318842", "office@oren-garden.co.il", 8190.00, "₪"],
        ["1004", "ספריית האור", "580112233", "04-6612090", "sifria@haor.org.il", 0.00, "₪"],
        ["1009", "רותם אירועים", "037745521", "054-7719003", "rotem.events@gmail.com", 2457.00, "₪"],
        ["1012", "TechNova Ltd", "", "+44 20 7946 0321", "ap@technova.co.uk", 3400.00, "$"],
        ["1015", "שירן פילאטיס", "301558742", "050-4412876", "shiran.pilates@walla.co.il", -350.00, "₪"],
        ["1018", "קליניקת מור", "515998120", "03-5238871", "mor.clinic@gmail.com", 1287.00, "₪"],
        [None, "סה\"כ (₪)", None, None, None, 11584.00, "₪"],
        [None, "סה\"כ ($)", None, None, None, 3400.00, "$"],
    ]
    write_xlsx(name, rows, rtl=True, merges=["A1:G1"])
    b = [
        bal("1001", "אורן גינון ונוף", "8190.00", "ILS"),
        bal("1009", "רותם אירועים", "2457.00", "ILS"),
        bal("1012", "TechNova Ltd", "3400.00", "USD"),
        bal("1018", "קליניקת מור", "1287.00", "ILS"),
    ]
    assert total(b, "ILS") - D("350.00") == D("11584.00") and total(b, "USD") == D("3400.00")
    write_expected(name, "Sumit", "balances", "ILS",
                   "Customer balances with currency given as a symbol (₪ / $) in its own column; a zero and a "
                   "negative (credit) customer are left out; per-currency total rows; the VAT-number column "
                   "holds 9-digit numbers that are not money.", balances=b)


def priority_utf16():
    name = "priority_customer_invoices_balance.xls"
    rows = [
        ["Customer Invoices - Balances", "", "", "", "", "", "", "", ""],
        ["Printed 02/12/26 08:31 by ORNA", "", "", "", "", "", "", "", ""],
        ["Customer", "Customer Name", "Invoice", "Inv. Date", "Pay Date", "Curr", "Total Price", "Open Amount",
         "Status"],
        ["C10045", "Galil Print House Ltd", "IN26000311", "01/10/26", "31/10/26", "ILS", "7,020.00", "7,020.00",
         "Final"],
        ["C10045", "Galil Print House Ltd", "IN26000348", "03/11/26", "03/12/26", "ILS", "3,861.00", "1,861.00",
         "Final"],
        ["C10052", "Meitar Logistics", "IN26000352", "05/11/26", "05/01/27", "USD", "4,250.00", "4,250.00",
         "Final"],
        ["C10052", "Meitar Logistics", "IN26000360", "10/11/26", "10/01/27", "USD", "980.00", "980.00", "Draft"],
        ["C10060", "Kinneret Hotels", "IN26000333", "22/10/26", "21/11/26", "ILS", "12,870.00", "12,870.00",
         "Final"],
        ["C10060", "Kinneret Hotels", "IC26000019", "12/11/26", "12/11/26", "ILS", "-1,170.00", "-1,170.00",
         "Final"],
    ]
    write_utf16_tab(name, rows)
    e = [
        inv("IN26000311", "Galil Print House Ltd", "2026-10-01", "2026-10-31", "7020.00", "7020.00", "ILS"),
        inv("IN26000348", "Galil Print House Ltd", "2026-11-03", "2026-12-03", "3861.00", "1861.00", "ILS"),
        inv("IN26000352", "Meitar Logistics", "2026-11-05", "2027-01-05", "4250.00", "4250.00", "USD"),
        inv("IN26000333", "Kinneret Hotels", "2026-10-22", "2026-11-21", "12870.00", "12870.00", "ILS"),
        inv("IC26000019", "Kinneret Hotels", "2026-11-12", "2026-11-12", "-1170.00", "-1170.00", "ILS"),
    ]
    # this report prints no totals: check against the file's own Final rows
    file_final = {"ILS": D("7020.00") + D("1861.00") + D("12870.00") - D("1170.00"), "USD": D("4250.00")}
    assert total(e, "ILS") == file_final["ILS"] and total(e, "USD") == file_final["USD"]
    write_expected(name, "Priority", "invoices", "ILS",
                   "UTF-16 tab-separated text saved with an .xls name (English UI). The balance column is "
                   "'Open Amount' (renamed from 'Balance') and the due date is 'Pay Date'; dd/mm/yy dates; one "
                   "Draft invoice to leave out; an IC credit invoice with a negative open amount; USD rows.",
                   invoices=e)


def sap_spreadsheetml():
    name = "sap_b1_customer_receivables_aging.xls"
    d = dt.date
    H = ["BP Code", "BP Name", "Type", "Doc. No.", "Installment", "Posting Date", "Due Date", "Days Overdue",
         "Original Amount", "Balance Due", "Future Remit", "0-30", "31-60", "61-90", "91-120", "121+"]
    rows = [
        ["Customer Receivables Aging"],
        ["Hermon Tools Ltd.  Aging Date: 01.12.2026  Age By: Due Date  Currency: Local Currency (ILS)"],
        [],
        H,
        ["C20001", "Hermon Dairy Ltd", "IN", "1405", "1 of 1", d(2026, 10, 15), d(2026, 11, 14), "17",
         9945.0, 9945.0, None, 9945.0, None, None, None, None],
        ["C20001", "Hermon Dairy Ltd", "IN", "1433", "1 of 1", d(2026, 11, 6), d(2026, 12, 6), "",
         2925.0, 2925.0, 2925.0, None, None, None, None, None],
        ["", "Total C20001", "", "", "", None, None, "", None, 12870.0, 2925.0, 9945.0, None, None, None, None],
        ["C20007", "Arava Solar Systems", "IN", "1388", "1 of 1", d(2026, 9, 22), d(2026, 10, 22), "40",
         18720.0, 6720.0, None, None, 6720.0, None, None, None],
        ["C20007", "Arava Solar Systems", "CN", "212", "1 of 1", d(2026, 11, 1), d(2026, 11, 1), "30",
         -1755.0, -1755.0, None, -1755.0, None, None, None, None],
        ["", "Total C20007", "", "", "", None, None, "", None, 4965.0, None, -1755.0, 6720.0, None, None, None],
        ["C20011", "Golan Heights Winery Shop", "RC", "5530", "", d(2026, 11, 20), d(2026, 11, 20), "11",
         -2000.0, -2000.0, None, -2000.0, None, None, None, None],
        ["", "Total C20011", "", "", "", None, None, "", None, -2000.0, None, -2000.0, None, None, None, None],
        ["C20015", "Negev Tech Park", "IN", "1440", "1 of 1", d(2026, 11, 12), d(2027, 1, 12), "",
         4680.0, 4680.0, 4680.0, None, None, None, None, None],
        ["", "Total C20015", "", "", "", None, None, "", None, 4680.0, 4680.0, None, None, None, None, None],
        ["", "Total", "", "", "", None, None, "", None, 20515.0, 7605.0, 6190.0, 6720.0, None, None, None],
    ]
    write_spreadsheetml(name, rows, sheet="Aging")
    e = [
        inv("1405", "Hermon Dairy Ltd", "2026-10-15", "2026-11-14", "9945.00", "9945.00", "ILS"),
        inv("1433", "Hermon Dairy Ltd", "2026-11-06", "2026-12-06", "2925.00", "2925.00", "ILS"),
        inv("1388", "Arava Solar Systems", "2026-09-22", "2026-10-22", "18720.00", "6720.00", "ILS"),
        inv("212", "Arava Solar Systems", "2026-11-01", "2026-11-01", "-1755.00", "-1755.00", "ILS"),
        inv("1440", "Negev Tech Park", "2026-11-12", "2027-01-12", "4680.00", "4680.00", "ILS"),
    ]
    assert total(e) - D("2000.00") == D("20515.00")  # printed total still nets the unapplied receipt
    write_expected(name, "SAP Business One", "invoices", "ILS",
                   "SpreadsheetML 2003 XML saved as .xls; dates as DateTime cells shown dd.mm.yyyy; negatives "
                   "shown in brackets by the number format. Rows of type RC are customer payments not yet "
                   "applied (left out); CN is an open credit memo (kept, negative). Per-customer 'Total Cxxxx' "
                   "rows and a grand total; not-yet-due amounts sit in 'Future Remit'.", invoices=e)


def rivhit_held_noheader():
    name = "rivhit_copied_rows_noheader.csv"
    rows = [
        ["גלריה כחול לבן", "31407", "12/10/2026", "4680.00", "0.00"],
        ["אדריכלות שחר ושות'", "31391", "28/09/2026", "5850.00", "5850.00"],
        ["מתנ\"ס נווה שאנן", "31452", "08/11/2026", "0.00", "3276.00"],
        ["גלריה כחול לבן", "31448", "05/11/2026", "1000.00", "1925.00"],
        ["קפה ברחוב הגפן", "31460", "14/11/2026", "702.00", "0.00"],
    ]
    write_csv(name, rows, delimiter="\t", bom=True)
    write_expected(name, "Rivhit", "held", "ILS",
                   "Rows copied out of a report without the header row. There are two money columns and "
                   "neither is always the larger: they could be 'paid' and 'balance' or 'balance' and 'paid' "
                   "(zeros sit on both sides), so what each customer owes cannot be known. Nothing should be "
                   "imported; a person must re-export with headers.")


def priority_held_doc_currency():
    name = "priority_open_invoices_doc_currency.xlsx"
    rows = [
        ["Open Customer Invoices - amounts in document currency (ILS / USD / EUR)"],
        ["Printed 03/12/26"],
        ["Customer", "Customer Name", "Invoice", "Inv. Date", "Pay Date", "Total", "Balance"],
        ["C10052", "Meitar Logistics", "IN26000371", "12/11/26", "12/01/27", 4250.0, 4250.0],
        ["C10060", "Kinneret Hotels", "IN26000375", "15/11/26", "15/12/26", 9360.0, 9360.0],
        ["C10071", "Amsterdam Bulbs BV", "IN26000380", "18/11/26", "18/12/26", 2600.0, 2600.0],
        ["C10045", "Galil Print House Ltd", "IN26000384", "20/11/26", "20/12/26", 3510.0, 1510.0],
        [None, "Total", None, None, None, 19720.0, 17720.0],
    ]
    write_xlsx(name, rows, merges=["A1:G1"])
    write_expected(name, "Priority", "held", "ILS",
                   "The title says every amount is in the document's own currency, but the user left the "
                   "currency column out of the report, and the customers include foreign ones. No row says "
                   "whether it is ILS, USD or EUR (the 'Total' simply adds unlike currencies), so no amount "
                   "can be trusted; hold the file and ask for a re-export with the currency column.")


ALL = [hashavshevet_trial_balance, hashavshevet_aging, rivhit_grouped_html, morning_documents, icount_collection,
       ezcount_ods, invoice4u_cp1255, sumit_balances, priority_utf16, sap_spreadsheetml, rivhit_held_noheader,
       priority_held_doc_currency]
