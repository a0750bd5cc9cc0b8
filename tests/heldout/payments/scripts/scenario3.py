"""Scenario 3: an English-speaking software consultancy with Israeli and
foreign clients, calendar year 2024.  ILS account at Discount, USD/EUR
received on the same bank's foreign-currency accounts (SWIFT, Wise,
Payoneer).  Exports of services carry 0 % VAT; Israeli clients 17 %."""
import datetime as dt
from scn_common import Builder, D, money, bank_day, run_plan, fmt, add_bank_days
from scn_text import num_text, trunc, mangle, HE_NOTEXT

VAT = D("1.17")


def gross(x):
    return money(D(x) * VAT)


def build(path):
    b = Builder("scenario-3", "Cedarline Software Ltd.", seed=303,
                start="2024-01-01", end="2024-12-31",
                inv_format=lambda k: f"CS-2024-{k:03d}", inv_start=1)
    r = b.rng
    C = b.cust
    C("C001", "Brightlane Analytics Inc.", ["ap@brightlane.example.com"], cur="USD", chan="swift",
      easy=["BRIGHTLANE ANALYTICS INC"], hard=["BRIGHTLANE ANALYT", "BRIGHTLANE"])
    C("C002", "Vellora GmbH", ["buchhaltung@vellora.example.de"], cur="EUR", chan="swift",
      easy=["VELLORA HOLDING AG"], hard=["VELLORA HOLDING"],
      payer_note="payer is the parent company (Vellora Holding AG), not the customer")
    C("C003", "Norrick Systems Ltd", ["finance@norrick.example.co.uk"], cur="USD", chan="payoneer",
      easy=["NORRICK SYSTEMS LTD"], hard=["NORRICK SYS"])
    C("C004", "BlueSky Data Ltd", ["ap@bluesky-data.example.co.il"], chan="transfer",
      easy=["BLUESKY DATA LTD"], hard=["BLUESKY D", "בלו סקיי דאטה"])
    C("C005", "Bluesky Digital Ltd", ["office@bluesky-digital.example.co.il"], chan="transfer",
      easy=["BLUESKY DIGITAL LTD"], hard=["BLUESKY D", "בלוסקיי דיגיטל"])
    C("C006", "ענן שחר פתרונות בע\"מ", ["shachar@anan-shachar.example.co.il"], chan="transfer", lang="he",
      easy=["ענן שחר פתרונות"], hard=["ANAN SHACHAR", "ענן שחר פתרונו"])
    C("C007", "Pixelfarm Studio Ltd", ["hello@pixelfarm.example.co.il"], chan="transfer",
      easy=["GOLAN & CO CPA"], hard=["משרד רו\"ח גולן ושות'"], text_extra="for Pixelfarm",
      payer_note="payer is the customer's accountants (Golan & Co CPA), not the customer")
    C("C008", "Tamar Ben-Ami", ["tamar.benami@example.com"], chan="bit", lang="he",
      easy=["תמר בן עמי"], hard=["בן עמי תמר"])
    C("C009", "Harbor & Finch LLC", ["billing@harborfinch.example.com"], cur="USD", chan="wise",
      easy=["HARBOR AND FINCH LLC"], hard=["HARBOR AND FINCH"])
    C("C010", "Kinneret Research Institute", ["rechesh@kinneret-ri.example.ac.il"], chan="masav", lang="he",
      easy=["מכון כנרת למחקר"], hard=["מכון כנרת למחק"])
    C("C011", "Orvo Mobile Ltd", ["payables@orvo.example.co.il"], chan="transfer",
      easy=["ORVO MOBILE LTD"], hard=["אורבו מובייל"])
    C("C012", "Quillon Labs Inc.", ["ap@quillon.example.com"], cur="USD", chan="swift",
      easy=["QUILLON LABS INC"], hard=["QUILLON LABS"])
    C("C013", "Lumen & Co Advisory", ["accounts@lumenco.example.co.il"], chan="transfer",
      easy=["LUMEN AND CO ADVISORY"], hard=["LUMEN & CO"])

    I = b.inv
    for m in range(1, 13):
        I("C001", dt.date(2024, m, 1), "12000.00", "Net 30", currency="USD")
        I("C004", bank_day(dt.date(2024, m, 2)), gross(20000), "שוטף+30")
    for day, amt in [("2024-01-15", "18400.00"), ("2024-03-11", "9200.00"), ("2024-05-06", "13800.00"),
                     ("2024-07-22", "9200.00"), ("2024-09-30", "16100.00"), ("2024-11-25", "6900.00")]:
        I("C002", day, amt, "Net 30", currency="EUR")
    for day, amt in [("2024-01-31", "4850.00"), ("2024-02-29", "5200.00"), ("2024-03-31", "3950.00"),
                     ("2024-05-31", "6100.00"), ("2024-06-30", "5200.00"), ("2024-08-31", "4400.00"),
                     ("2024-10-31", "5750.00"), ("2024-12-31", "3300.00")]:
        I("C003", day, amt, "Net 15", currency="USD")
    for day, amt in [("2024-02-12", 8500), ("2024-04-08", 6200), ("2024-06-10", 11400),
                     ("2024-08-05", 4300), ("2024-10-14", 7600), ("2024-12-09", 5100)]:
        I("C005", day, gross(amt), "שוטף+30")
    for day, amt in [("2024-01-22", 7200), ("2024-02-26", 7200), ("2024-04-29", 9600), ("2024-06-24", 4800),
                     ("2024-08-26", 7200), ("2024-09-23", 3600), ("2024-11-18", 9600), ("2024-12-23", 4800)]:
        I("C006", day, gross(amt), "שוטף+45")
    for day, amt in [("2024-02-05", 12500), ("2024-05-13", 9800), ("2024-07-08", 6400), ("2024-09-09", 6400),
                     ("2024-11-11", 8700)]:
        I("C007", day, gross(amt), "+30")
    for day, amt in [("2024-03-04", 2500), ("2024-06-03", 1800), ("2024-10-07", 2500)]:
        I("C008", day, gross(amt), "+14")
    for day, amt in [("2024-02-19", "7500.00"), ("2024-04-15", "3750.00"), ("2024-06-17", "3750.00"),
                     ("2024-08-19", "5625.00"), ("2024-10-21", "3750.00"), ("2024-12-16", "7500.00")]:
        I("C009", day, amt, "Net 30", currency="USD")
    for m in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11):
        I("C010", bank_day(dt.date(2024, m, 28), forward=False), gross(r.randrange(4000, 9001, 250)), "שוטף+90")
    for m in (1, 2, 3, 4, 6, 7, 8, 9, 10, 12):
        I("C011", bank_day(dt.date(2024, m, 10)), gross(10000), "+30")
    for day, amt in [("2024-03-18", "21000.00"), ("2024-05-20", "8400.00"), ("2024-08-12", "14700.00"),
                     ("2024-10-28", "6300.00"), ("2024-12-02", "8400.00")]:
        I("C012", day, amt, "Net 45", currency="USD")
    for day, amt in [("2024-04-22", 3800), ("2024-07-15", 5200), ("2024-09-16", 3800), ("2024-11-04", 2900)]:
        I("C013", day, gross(amt), "+30")
    b.number_invoices()

    def en_num(n, mode):
        if mode == "numlist":
            return r.choice(["INV ", "invoices ", "/RFB/", ""]) + r.choice([", ", " ", "+", "/"]).join(n)
        if mode == "partial_num":
            return r.choice(["part payment ", "on account ", "instalment 1 "]) + n[0]
        if mode == "rest_num":
            return r.choice(["balance ", "remaining ", "final payment "]) + n[0]
        if mode == "numpartial":
            x = mangle(r, n[0])
            return r.choice([f"inv {x}", f"INV {x}", f"invoice #{x}", f"CS{x}"])
        if mode in ("num",):
            return r.choice([n[0], f"INV {n[0]}", f"invoice {n[0]}", f"/RFB/{n[0]}", f"Inv. {n[0]}",
                             n[0].replace("-", "")])
        return r.choice(["SERVICES", "CONSULTING FEES", "PAYMENT", "", "/RFB/NOTPROVIDED"])

    def describe(b, c, invs, mode, amount, date):
        nums = [i.number for i in invs]
        lang = c.get("lang", "en")
        if mode == "numref":
            text = en_num(nums, "none")
        elif lang == "he" and mode in ("num", "numlist", "partial_num", "rest_num"):
            text = num_text(r, invs, mode, "he")
        else:
            text = en_num(nums, mode)
        if c.get("text_extra") and mode != "none":
            text = (c["text_extra"] + " " + text).strip()
        hardname = mode in ("name", "namelist", "numpartial") and r.random() < 0.6
        name = r.choice(c["hard"]) if hardname else c["easy"][0]
        ref = invs[0].number if mode == "numref" else None
        chan = c["chan"]
        if mode == "none":
            if c.get("cur"):
                return "העברת מט\"ח נכנסת | /RFB/NOTPROVIDED", ref
            return r.choice(["מס\"ב-זיכוי | ספקים", "העברה מבנק אחר", "הפקדת שיק"]), ref
        if chan == "swift":
            return f"העברת מט\"ח נכנסת | {name} {text}".strip(), ref
        if chan == "wise":
            return f"העברת מט\"ח נכנסת | WISE US INC /{name} {text}".strip(), ref
        if chan == "payoneer":
            return f"העברת מט\"ח נכנסת | PAYONEER INC /{name} {text}".strip(), ref
        if chan == "masav":
            return f"{trunc(name, 15)} | מס\"ב {text}".strip(), ref
        if chan == "bit":
            return f"bit העברת כסף | {name} {text}".strip(), ref
        short = r.choice(["זיכוי מלאומי", "זיכוי מהפועלים", "העברה מבנק אחר", "זיכוי מהמזרחי"])
        return f"{short} | {name} {text}".strip(), ref

    def plan(cid, p, **kw):
        made = run_plan(b, cid, p, describe, **kw)
        pn = b.cmap[cid].get("payer_note")
        for cr in made:
            if pn:
                cr.note += "; " + pn
        return made

    # --- hand-placed cases --------------------------------------------------
    c1 = sorted(b.of("C001"), key=lambda i: i.issue)
    # wire fee deducted by the intermediary bank (USD 25 short)
    fee = c1[2]
    fee.planned = True
    b.pay(fee, bank_day(fee.due + dt.timedelta(days=3)), f"העברת מט\"ח נכנסת | BRIGHTLANE ANALYTICS INC /RFB/{fee.number} CHG SHA",
          amount=fee.amount - D(25), hard=True,
          note=f"hard: intermediary-bank charges: paid {fmt(fee.amount - D(25))} of {fmt(fee.amount)} USD on "
               f"{fee.number}; 25.00 stays open")
    # withholding tax deducted by an Israeli client (5 % of the pre-VAT amount)
    c11 = sorted(b.of("C011"), key=lambda i: i.issue)
    w = c11[1]
    w.planned = True
    net = w.amount - D(500)
    b.pay(w, bank_day(w.due + dt.timedelta(days=6)), f"זיכוי מהפועלים | ORVO MOBILE LTD {w.number} ניכוי במקור 5%",
          amount=net, hard=True,
          note=f"hard: the client withheld income tax at source (ניכוי במקור, 500.00) and paid {fmt(net)} of "
               f"{fmt(w.amount)}; by the bank line the invoice stays open for 500.00")
    # the similar-name pair: a line whose truncated name fits both customers
    c4 = sorted(b.of("C004"), key=lambda i: i.issue)
    c5 = sorted(b.of("C005"), key=lambda i: i.issue)
    t = c5[1]
    t.planned = True
    b.pay(t, bank_day(t.due + dt.timedelta(days=2)), "זיכוי מלאומי | BLUESKY D PAYMENT",
          hard=True, note="hard: the bank cut the payer name to 'BLUESKY D', which fits both BlueSky Data Ltd "
                          "and Bluesky Digital Ltd; only the amount tells it is Bluesky Digital's invoice")

    plan("C001", "N N N N N N B3N - -", delay=(0, 9))
    plan("C004", "N N N n N - N R - - -", delay=(-2, 4))
    plan("C002", "N L N O - -", delay=(3, 20), late=(60, 90))
    plan("C003", "B3N N N N - -", delay=(10, 35))
    plan("C005", "N N n - -", delay=(0, 12))
    plan("C006", "N N Q N L - - -", delay=(0, 12), late=(45, 75))
    plan("C007", "N n N - -", delay=(0, 15))
    plan("C008", "E S50 -", delay=(0, 5))
    plan("C009", "N N N x - -", delay=(0, 10))
    plan("C010", "B4n B3N - - -", delay=(10, 40))
    plan("C011", "N N - N - - - - -", delay=(0, 8))
    plan("C012", "N E P60 - -", delay=(0, 14))
    plan("C013", "N - - -", delay=(0, 10))

    # ------------------------------------------------------------ credits that pay no invoice
    def open_inv(date, pred):
        paid = {}
        for c in b.credits:
            if c.date < date:
                for i, a in c.alloc.items():
                    paid[i] = paid.get(i, D(0)) + a
        cands = [i for i in b.invoices if i.issue <= date and paid.get(i, D(0)) < i.amount and pred(i)]
        return sorted(cands, key=lambda i: (i.issue, i.number))[0]

    O = b.other
    O("2024-01-31", "3.12", "INTEREST CREDIT | ריבית זכות פקדון דולרי", "non-payment: interest on a USD deposit",
      currency="USD")
    x = open_inv(dt.date(2024, 3, 20), lambda i: i.cid == "C004")
    O("2024-03-20", x.amount, "המרת מט\"ח | העברה בין חשבונות 0101-288431 USD->ILS",
      f"non-payment: the company converting its own USD into its ILS account; amount equals open invoice "
      f"{x.number} of BlueSky Data")
    O("2024-04-25", "150000.00", "הלוואה | הלוואה לעסקים קטנים", "non-payment: bank loan")
    x = open_inv(dt.date(2024, 6, 12), lambda i: i.currency == "USD")
    O("2024-06-12", x.amount, "העברת מט\"ח נכנסת | AMAZON WEB SERVICES EMEA SARL REFUND",
      f"non-payment: refund from a supplier (cloud credits); amount equals open USD invoice {x.number}",
      currency="USD")
    O("2024-07-08", "1240.50", "כאל-שוברי אשראי | כנס מפתחים - דמי השתתפות",
      "non-payment: card-clearing settlement for a workshop's registration fees")
    O("2024-08-29", "2188.74", "העברת מט\"ח נכנסת | STRIPE PAYMENTS UK LTD PAYOUT",
      "non-payment: Stripe payout of a small SaaS add-on, no invoice in the books", currency="USD")
    O("2024-09-17", "58500.00", "רשות החדשנות | מענק מו\"פ תיק 74421",
      "non-payment: Israel Innovation Authority grant")
    O("2024-10-10", "250.00", "bit העברת כסף | אורי שלום החזר פיצה",
      "non-payment: Bit from an unrelated person")
    x = open_inv(dt.date(2024, 11, 14), lambda i: i.currency == "ILS" and i.cid == "C011")
    O("2024-11-14", "4210.00", "מס הכנסה | החזר מס 2023",
      "non-payment: income-tax refund")
    O("2024-12-31", "4.87", "INTEREST CREDIT | ריבית זכות פקדון דולרי", "non-payment: interest", currency="USD")
    return b.finalize(path)


if __name__ == "__main__":
    import sys, json
    print(json.dumps(build(sys.argv[1]), ensure_ascii=False))
