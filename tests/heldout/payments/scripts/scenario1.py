"""Scenario 1: a Hebrew-speaking graphic-design studio, calendar year 2024,
account at Leumi (descriptions in Leumi's short + extended style)."""
import datetime as dt
from scn_common import Builder, D, money, bank_day, run_plan, fmt
from scn_text import num_text, trunc, acct

VAT = D("1.17")


def gross(x):
    return money(D(x) * VAT)


def build(path):
    b = Builder("scenario-1", "סטודיו נועה לוי - עיצוב גרפי", seed=101,
                start="2024-01-01", end="2024-12-31",
                inv_format=lambda k: str(k), inv_start=1001)
    r = b.rng
    C = b.cust
    C("C001", "א.ב. שיווק בע\"מ", ["office@ab-shivuk.example.co.il", "gil@ab-shivuk.example.co.il"],
      chan="masav", easy=["א.ב. שיווק בע\"מ"], hard=["A.B. MARKETING LTD", "א.ב שיווק"])
    C("C002", "א.ב.ג. שיווק ופרסום בע\"מ", ["hanna@abg-pirsum.example.co.il"],
      chan="transfer", easy=["א.ב.ג. שיווק ופרסום"], hard=["א.ב.ג שיווק ופר", "ABG MARKETING"])
    C("C003", "יוסי כהן הנדסה", ["yossi@cohen-eng.example.co.il"],
      chan="transfer", easy=["יוסי כהן הנדסה"], hard=["כהן יוסף", "COHEN YOSSI"])
    C("C004", "מאפיית הגליל בע\"מ", ["purchasing@galil-bakery.example.co.il"],
      chan="masav", easy=["מאפיית הגליל בע\"מ"], hard=["מאפיית הגליל בע"])
    C("C005", "רונית אברהם", ["ronit.avraham@example.com"],
      chan="bit", easy=["רונית אברהם"], hard=["רונית א."])
    C("C006", "גלבוע יינות בע\"מ", ["finance@gilboa-wines.example.co.il"],
      chan="masav", easy=["קבוצת גלבוע אחזקות בע\"מ"], hard=["קבוצת גלבוע אחז"],
      payer_note="payer is the parent company (קבוצת גלבוע אחזקות), not the customer")
    C("C007", "ד\"ר מיכל שטרן - מרפאת שיניים", ["clinic@stern-dental.example.co.il"],
      chan="transfer", easy=["משרד רו\"ח ברק ושות'"], hard=["ברק ושות' רו\"ח"],
      payer_note="payer is the customer's accountant (משרד רו\"ח ברק ושות'), not the customer",
      text_extra="עבור מרפאת שטרן")
    C("C008", "עמותת לב לנוער (ע\"ר)", ["info@lev-lanoar.example.org.il"],
      chan="transfer", easy=["עמותת לב לנוער"], hard=["לב לנוער ע\"ר"])
    C("C009", "Tel Aviv Tech Hub Ltd", ["ap@tlvtechhub.example.com"],
      chan="transfer", lang="en", easy=["TEL AVIV TECH HUB LTD"], hard=["TLV TECH HUB"])
    C("C010", "שירה ודני הפקות", ["shira@shira-dani.example.co.il"],
      chan="transfer", easy=["שירה ודני הפקות"], hard=["שירה ודני הפקו", "רוזן דני"])
    C("C011", "מוסך אלון", ["alon.garage@example.co.il"],
      chan="cheque", easy=["מוסך אלון"], hard=["מוסך אלון"])
    C("C012", "עיריית קריית טבעון", ["rechesh@tivon.example.gov.il"],
      chan="masav", easy=["עיריית קריית טבעון"], hard=["עירית ק. טבעון"])
    C("C013", "בית קפה לוסי", ["lucy.cafe@example.co.il"],
      chan="transfer", easy=["בית קפה לוסי"], hard=["לוסי קפה בע\"מ"])
    C("C014", "דוד ישראלי", ["david.israeli@example.net"],
      chan="cheque", easy=["דוד ישראלי"], hard=["ישראלי דוד"])
    C("C015", "אורן שמואלי אדריכלים", ["oren@shmueli-arch.example.co.il"],
      chan="transfer", easy=["אורן שמואלי אדריכלים"], hard=["שמואלי אורן", "SHMUELI OREN"])
    C("C016", "יוסי כהנא עיצוב פנים", ["yosi@kahana-design.example.co.il"],
      chan="transfer", easy=["יוסי כהנא עיצוב פנים"], hard=["כהנא יוסי", "KAHANA YOSI"])
    C("C017", "גרין אנרג'י פתרונות בע\"מ", ["accounts@greenenergy.example.co.il"],
      chan="transfer", lang="en", easy=["GREEN ENERGY SOLUTIONS LTD"], hard=["GREEN ENERGY SOLUT"])
    C("C018", "קיבוץ עין השופט", ["hanhalat.heshbonot@ein-hashofet.example.org.il"],
      chan="masav", easy=["קיבוץ עין השופט"], hard=["קבוץ עין השופט א.ש"])
    C("C019", "נטע ברק", ["neta.barak@example.com"],
      chan="bit", easy=["נטע ברק"], hard=["נטע"])
    C("C020", "מכללת אופק להנדסאים", ["gvia@ofek-college.example.ac.il"],
      chan="masav", easy=["מכללת אופק להנדסאים"], hard=["מכללת אופק"])
    C("C021", "הדס פרחים", ["hadas.flowers@example.co.il"],
      chan="cheque", easy=["הדס פרחים"], hard=["הדס"])
    for c in b.customers:
        c["acct"] = acct(r)

    # ------------------------------------------------------------ invoices
    I = b.inv
    # C001 monthly retainer, same amount every month (13 invoices incl. Dec 2023)
    for m in range(0, 13):
        y, mo = (2023, 12) if m == 0 else (2024, m)
        I("C001", dt.date(y, mo, 1), gross(4000), "שוטף+30")
    # C002: project work; the second one has the same amount as C001's retainer
    for day, amt in [("2024-01-22", 2600), ("2024-03-18", 4000), ("2024-06-10", 6500),
                     ("2024-08-26", 1800), ("2024-11-04", 3200)]:
        I("C002", day, gross(amt), "שוטף+30")
    # C003 and C016: similar names; one invoice each of 2,340.00 open at the same time
    for day, amt, tag in [("2024-01-15", 1500, None), ("2024-02-20", 2000, "c003_2340"),
                          ("2024-04-08", 3500, None), ("2024-05-27", 1200, None),
                          ("2024-07-15", 2800, None), ("2024-09-02", 900, None),
                          ("2024-10-14", 4200, None), ("2024-11-25", 1600, None)]:
        I("C003", day, gross(amt), "+30", tag=tag)
    for day, amt, tag in [("2024-01-29", 5200, None), ("2024-03-04", 2000, "c016_2340"),
                          ("2024-05-13", 3100, None), ("2024-07-29", 2200, None),
                          ("2024-10-07", 1750, None), ("2024-12-02", 2600, None)]:
        I("C016", day, gross(amt), "+30", tag=tag)
    # C004 bakery: packaging series, pays late in batches
    for day, amt in [("2023-11-20", 3400), ("2023-12-18", 2900), ("2024-01-25", 4100),
                     ("2024-03-11", 2500), ("2024-04-22", 1900), ("2024-05-20", 2150),
                     ("2024-06-24", 3600), ("2024-08-05", 2750), ("2024-09-16", 1400),
                     ("2024-10-21", 3300)]:
        I("C004", day, gross(amt), "שוטף+60")
    I("C005", "2024-02-12", gross(1500), "מיידי")
    I("C005", "2024-04-15", gross(400), "+14")
    for day, amt in [("2024-01-08", 6000), ("2024-02-26", 2400), ("2024-04-29", 1700),
                     ("2024-05-06", 1700), ("2024-06-17", 5100), ("2024-08-19", 3900),
                     ("2024-10-28", 2600), ("2024-12-09", 4400)]:
        I("C006", day, gross(amt), "שוטף+45")
    for day, amt in [("2024-02-05", 1800), ("2024-05-20", 950), ("2024-08-12", 2300),
                     ("2024-11-11", 1200)]:
        I("C007", day, gross(amt), "+30")
    for day, amt in [("2024-01-10", 3000), ("2024-03-25", 2200), ("2024-06-03", 4800),
                     ("2024-09-09", 1500), ("2024-11-18", 2000)]:
        I("C008", day, gross(amt), "שוטף+30")
    for day, amt in [("2024-01-17", 7500), ("2024-03-06", 3200), ("2024-04-17", 2800),
                     ("2024-06-05", 5400), ("2024-07-24", 1900), ("2024-09-11", 2100),
                     ("2024-09-25", 2100), ("2024-11-27", 6300)]:
        I("C009", day, gross(amt), "+30")
    for day, amt in [("2024-01-31", 1300), ("2024-03-20", 2700), ("2024-05-08", 850),
                     ("2024-06-26", 3900), ("2024-08-21", 1250), ("2024-10-09", 2200),
                     ("2024-12-11", 1700)]:
        I("C010", day, gross(amt), "+30")
    for day, amt in [("2024-02-14", 1100), ("2024-05-29", 650), ("2024-08-28", 1450),
                     ("2024-12-04", 800)]:
        I("C011", day, gross(amt), "+30")
    for day, amt in [("2024-01-24", 8200), ("2024-02-21", 4300), ("2024-03-27", 5900),
                     ("2024-06-12", 6800), ("2024-09-18", 3700), ("2024-11-13", 5200)]:
        I("C012", day, gross(amt), "שוטף+90")
    for day, amt in [("2024-03-13", 2400), ("2024-06-19", 1600), ("2024-10-16", 1250)]:
        I("C013", day, gross(amt), "+30")
    I("C014", "2024-04-03", gross(900), "+30")
    I("C014", "2024-08-07", gross(1350), "+30")
    for day, amt in [("2024-01-11", 4650), ("2024-02-28", 2300), ("2024-04-24", 3700),
                     ("2024-06-13", 1850), ("2024-07-31", 2950), ("2024-09-04", 4250),
                     ("2024-10-23", 1650), ("2024-12-16", 3350)]:
        I("C015", day, gross(amt), "+30")
    for day, amt in [("2024-02-07", 9800), ("2024-04-10", 4250), ("2024-06-27", 3150),
                     ("2024-08-14", 5600), ("2024-10-30", 2450), ("2024-12-18", 3850)]:
        I("C017", day, gross(amt), "שוטף+30")
    for day, amt in [("2024-01-18", 2600), ("2024-04-18", 1900), ("2024-07-04", 3100),
                     ("2024-09-26", 1450), ("2024-12-05", 2250)]:
        I("C018", day, gross(amt), "שוטף+60")
    I("C019", "2024-05-15", gross(1200), "+14")
    for day, amt in [("2024-01-04", 3800), ("2024-02-15", 2100), ("2024-04-04", 2900),
                     ("2024-06-06", 1600), ("2024-07-11", 4400), ("2024-09-12", 2700),
                     ("2024-11-07", 3300), ("2024-12-12", 1950)]:
        I("C020", day, gross(amt), "שוטף+60")
    I("C021", "2024-03-07", gross(700), "+30")
    I("C021", "2024-10-02", gross(560), "+30")
    b.number_invoices()

    # ------------------------------------------------------------ description style (Leumi)
    OTHER_BANK = ["זיכוי מהפועלים", "זיכוי מדיסקונט", "זיכוי מהמזרחי", "זיכוי בינלאומי", "העברה דיגיטל"]
    BANKNAME = {"זיכוי מהפועלים": "הפועלים", "זיכוי מדיסקונט": "דיסקונט", "זיכוי מהמזרחי": "מזרחי-טפחות",
                "זיכוי בינלאומי": "הבינלאומי", "העברה דיגיטל": "לאומי"}

    def describe(b, c, invs, mode, amount, date):
        lang = c.get("lang", "he")
        chan = c["chan"]
        text = num_text(r, invs, mode, lang)
        if mode == "numref":
            text = num_text(r, invs, "none", lang)
        if mode in ("name", "namelist", "numpartial", "none") and r.random() < 0.6:
            name = r.choice(c["hard"])
        else:
            name = c["easy"][0]
        if c.get("text_extra") and mode != "none":
            text = (c["text_extra"] + " " + text).strip()
        ref = invs[0].number if mode == "numref" else None
        if chan == "cheque" and mode == "none":
            return r.choice(["הפקדת שיק", "שיקים ממשמרת", "הפק.שיק בסלולר"]), ref
        if chan == "bit" or (mode == "none" and r.random() < 0.35):
            who = "" if mode == "none" else name + " "
            t = text if mode != "none" else r.choice(["תשלום", "העברה", "תודה!"])
            return f"bit העברת כסף | {who}{t}".strip(), ref
        if mode == "none":
            short = r.choice(OTHER_BANK)
            return f"{short} | העברה מאת: {BANKNAME[short]} {acct(r)}".strip(), ref
        if chan == "masav":
            ext = f"{name} {text}".strip()
            return f"{trunc(name, 16)} | {ext}", ref
        short = r.choice(OTHER_BANK)
        return f"{short} | העברה מאת: {name} {c['acct']} {text}".strip(), ref

    def plan(cid, p, **kw):
        made = run_plan(b, cid, p, describe, **kw)
        pn = b.cmap[cid].get("payer_note")
        for cr in made:
            if pn:
                cr.note += "; " + pn
        return made

    plan("C001", "N N B3N N N N N n N - -", delay=(-5, 6))
    plan("C002", "N n N - -", delay=(0, 12))
    plan("C003", "N - N N E N - -", delay=(-3, 10))
    plan("C016", "N - N E - -", delay=(0, 15))
    plan("C004", "B3N L N N B4N", delay=(15, 40), late=(80, 130))
    plan("C005", "S40 E", delay=(0, 2))
    plan("C006", "N N B2N N - - -", delay=(0, 10))
    plan("C007", "N n - -", delay=(0, 10))
    plan("C008", "L P50 - - -", late=(70, 140))
    plan("C009", "N N Q - N - - -", delay=(-2, 8))
    plan("C010", "N N - - - N -", delay=(0, 14))
    plan("C011", "x N - -", delay=(5, 25))
    plan("C012", "B3N - - -", delay=(40, 70))
    plan("C013", "P50 - -", delay=(0, 10))
    plan("C014", "N -", delay=(0, 20))
    plan("C015", "N N - - N O - -", delay=(0, 9))
    plan("C017", "N N R - - -", delay=(0, 12))
    plan("C018", "N - - L -", delay=(0, 20), late=(60, 90))
    plan("C019", "E")
    plan("C020", "E E - - - - - -", delay=(0, 10))
    plan("C021", "- -")

    # similar names + identical amounts: the two 2,340.00 invoices of C003 and C016.
    i3, i16 = b.by_tag("c003_2340"), b.by_tag("c016_2340")
    if not any(i3 in c.alloc for c in b.credits):
        b.pay(i3, bank_day(i16.issue + dt.timedelta(days=9)),
              f"זיכוי מהפועלים | העברה מאת: כהן יוסף {b.cmap['C003']['acct']} תשלום",
              hard=True, note="hard: name only, reversed and shortened (כהן יוסף = יוסי כהן הנדסה); a similar "
                              "customer (יוסי כהנא עיצוב פנים) has an open invoice of exactly the same amount")
    if not any(i16 in c.alloc for c in b.credits):
        b.pay(i16, bank_day(i16.issue + dt.timedelta(days=23)),
              f"זיכוי מדיסקונט | העברה מאת: כהנא יוסי {b.cmap['C016']['acct']}",
              hard=True, note="hard: name only (כהנא יוסי = יוסי כהנא עיצוב פנים), similar to the customer "
                              "יוסי כהן הנדסה; no number")

    # ------------------------------------------------------------ credits that pay no invoice
    def open_amount(date, cid=None):
        """An amount of some invoice that is still open at `date`."""
        paid = {}
        for c in b.credits:
            if c.date < date:
                for i, a in c.alloc.items():
                    paid[i] = paid.get(i, D(0)) + a
        cands = [i for i in b.invoices if i.issue <= date and paid.get(i, D(0)) < i.amount
                 and (cid is None or i.cid == cid)]
        return sorted(cands, key=lambda i: i.issue)[0]

    O = b.other
    O("2024-01-02", "12.87", "ריבית זכות", "non-payment: credit interest from the bank")
    O("2024-02-08", "1872.40", "ישראכרט-שוברי אשראי | זיכוי שוברים תקופה 01/24",
      "non-payment: card-clearing settlement (Isracard vouchers)")
    x = open_amount(dt.date(2024, 5, 2), "C001")
    O("2024-05-02", x.amount, "כאל-זיכוי שוברים | מס' ספק 4471029",
      f"non-payment: card-clearing settlement (Cal); amount equals open invoice {x.number} of א.ב. שיווק")
    O("2024-03-14", "40000.00", "הלוואה | הלוואה בערבות מדינה מס' 8830412",
      "non-payment: business loan disbursement")
    x = open_amount(dt.date(2024, 6, 20))
    O("2024-06-20", x.amount, "זיכוי מהפועלים | העברה מאת: דפוס הצפון בע\"מ החזר על חיוב כפול",
      f"non-payment: refund from a supplier (print shop); amount equals open invoice {x.number}")
    O("2024-07-01", "9.44", "ריבית זכות", "non-payment: credit interest")
    O("2024-08-11", "5000.00", "העברה דיגיטל | העברה מאת: נועה לוי 10-912-008765432 העברה לעסק",
      "non-payment: the owner's transfer from her private account")
    O("2024-09-08", "2316.60", "מקס איט פיננסים-זיכוי | שוברים 08/24",
      "non-payment: card-clearing settlement (Max)")
    O("2024-09-19", "180.00", "bit העברת כסף | תמר גולן החזר על ארוחה",
      "non-payment: Bit from an unrelated person (a private refund)")
    x = open_amount(dt.date(2024, 10, 22))
    O("2024-10-22", x.amount, "מס הכנסה-החזר | החזר מס שנת 2022",
      f"non-payment: income-tax refund; amount equals open invoice {x.number}")
    O("2024-11-03", "15000.00", "משיכת פקדון | פקדון 30 יום מס' 2291",
      "non-payment: the business's own deposit returned to the current account")
    O("2024-12-08", "3044.34", "ישראכרט-שוברי אשראי | זיכוי שוברים תקופה 11/24",
      "non-payment: card-clearing settlement (Isracard vouchers)")
    return b.finalize(path)


if __name__ == "__main__":
    import sys, json
    print(json.dumps(build(sys.argv[1]), ensure_ascii=False))
