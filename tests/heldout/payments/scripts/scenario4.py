"""Scenario 4: a catering company, calendar year 2025, account at
Mizrahi-Tefahot.  Offices billed monthly, a school and a community centre
paid by the municipality in batches, private events billed as a deposit
invoice plus a balance invoice (sometimes two equal halves)."""
import datetime as dt
from scn_common import Builder, D, money, bank_day, run_plan, fmt, add_bank_days
from scn_text import num_text, trunc

VAT = D("1.18")


def gross(x):
    return money(D(x) * VAT)


def build(path):
    b = Builder("scenario-4", "טעמים של בית - קייטרינג בע\"מ", seed=404,
                start="2025-01-01", end="2025-12-31",
                inv_format=lambda k: str(k), inv_start=7001)
    r = b.rng
    C = b.cust
    C("C001", "טק-וויז'ן מערכות בע\"מ", ["ap@techvision.example.co.il"], chan="masav",
      easy=["טק-וויז'ן מערכו"], hard=["TECH VISION"])
    C("C002", "משרד עו\"ד כספי, רגב ושות'", ["hanhala@caspi-regev.example.co.il"], chan="transfer",
      easy=["כספי רגב ושות' עורכי דין"], hard=["כספי רגב ושות"])
    MUNI = "payer is the municipality (עיריית נווה הדר), which pays for both the school and the community centre"
    C("C003", "תיכון הדר", ["mazkirut@tichon-hadar.example.org.il"], chan="masav",
      easy=["עיריית נווה הד"], hard=["עיריית נווה הד"], payer_note=MUNI, text_extra="תיכון הדר")
    C("C004", "מתנ\"ס נווה הדר", ["matnas@nevehadar.example.org.il"], chan="masav",
      easy=["עיריית נווה הד"], hard=["עיריית נווה הד"], payer_note=MUNI, text_extra="מתנ\"ס")
    C("C005", "קבוצת אורן נדל\"ן בע\"מ", ["events@oren-nadlan.example.co.il"], chan="transfer",
      easy=["קבוצת אורן נדלן"], hard=["אורן נדלן"])
    C("C006", "בית אבות נאות השקד", ["kaspim@neot-hashaked.example.org.il"], chan="masav",
      easy=["נאות השקד בע\"מ"], hard=["נאות השקד"])
    C("C007", "Brightwave Events Ltd", ["ops@brightwave.example.com"], chan="transfer", lang="en",
      easy=["BRIGHTWAVE EVENTS LTD"], hard=["BRIGHTWAVE EV"])
    private = [("אורית ושי לוי", "לוי שי"), ("משפחת אזולאי", "אזולאי מאיר"), ("נעמה ברגר", "ברגר נעמה"),
               ("יוני ודנה כץ", "כץ דנה"), ("מרים חדד", "חדד מרים"), ("אלכס קוגן", "KOGAN ALEX"),
               ("שירן אלמוג", "אלמוג שירן"), ("רפי מימון", "מימון רפאל"), ("הילה ועמית שגב", "שגב עמית"),
               ("משפחת טייב", "טייב יעקב"), ("לילך פרץ", "פרץ לילך"), ("דוד ואסתר בן חמו", "בן חמו דוד"),
               ("עדי גולן", "גולן עדי"), ("Sarah Goldstein", "GOLDSTEIN SARAH"), ("בני אוחנה", "אוחנה בנימין"),
               ("מור ויוסי דהן", "דהן יוסף"), ("טלי רבינוביץ", "רבינוביץ טלי"), ("אייל שמש", "שמש אייל")]
    for k, (name, banked) in enumerate(private):
        C(f"C{10 + k:03d}", name, [f"event{k + 1}@example.com"],
          chan=r.choice(["bit", "transfer", "transfer", "cheque"]), easy=[banked],
          hard=[banked.split()[-1] if k % 2 else banked.split()[0]], private=True)
    corp = [("אופק תקשורת בע\"מ", "אופק תקשורת ב", "OFEK COMM"), ("סטארט-אפ נקסט בע\"מ", "נקסט סטארט אפ", "NEXT START UP"),
            ("ביה\"ח הרצוג - ועד עובדים", "ועד עובדים הרצו", "ועד עובדים"), ("גלעד ביטוחים בע\"מ", "גלעד ביטוחים", "גלעד ביטו"),
            ("חברת ים-תיכון לוגיסטיקה", "ים תיכון לוגיס", "ים-תיכון לוג"), ("עמותת יד לחבר", "יד לחבר ע\"ר", "יד לחבר"),
            ("אדריכלות מור-לב", "מור לב אדריכלו", "מור-לב"), ("רשת סטודיו פילאטיס גוף", "גוף פילאטיס", "גוף סטודיו")]
    for k, (name, banked, short) in enumerate(corp):
        C(f"C{30 + k:03d}", name, [f"office{k + 1}@corp{k + 1}.example.co.il"], chan="transfer",
          easy=[banked], hard=[short])
    for c in b.customers:
        c["acct"] = f"{r.choice(['12', '10', '11', '20', '31'])}-{r.randint(100, 999)}-{r.randint(100000, 999999)}"

    I = b.inv
    for m in range(1, 13):
        I("C001", bank_day(dt.date(2025, m, 28), forward=False), gross(r.randrange(15000, 22001, 10)), "שוטף+60")
        I("C006", bank_day(dt.date(2025, m, 25), forward=False), gross(r.randrange(8000, 11001, 10)), "שוטף+30")
    for m in range(1, 13):
        I("C002", bank_day(dt.date(2025, m, 27), forward=False), gross(r.randrange(3200, 5801, 10)), "+30")
    # school: two invoices a month during the school year
    for m in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12):
        for day in (7, 14, 21, 28):
            if m == 6 and day > 14:
                continue
            I("C003", bank_day(dt.date(2025, m, day), forward=False), gross(r.randrange(2100, 3601, 10)), "שוטף+90")
    for m in (1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12):
        I("C004", bank_day(dt.date(2025, m, 20), forward=False), gross(r.randrange(900, 2401, 10)), "שוטף+90")
    for day, amt in [("2025-02-10", 6000), ("2025-03-02", 14000), ("2025-09-07", 5000), ("2025-09-28", 11500)]:
        I("C005", day, gross(amt), "+14")
    for day, amt in [("2025-03-16", 9000), ("2025-04-06", 21000), ("2025-06-22", 7500), ("2025-10-12", 18000)]:
        I("C007", day, gross(amt), "+30")
    # private events: deposit invoice + balance invoice (50/50 for some: two equal amounts)
    ev_days = sorted(r.sample(range(20, 350), len(private)))
    for k in range(len(private)):
        cid = f"C{10 + k:03d}"
        event = dt.date(2025, 1, 1) + dt.timedelta(days=ev_days[k])
        total = r.randrange(18000, 76001, 500)
        half = k % 3 == 0
        dep = D(total) / 2 if half else money(D(total) * D("0.3"))
        dep_day = bank_day(event - dt.timedelta(days=r.randint(45, 80)), forward=False)
        if dep_day < dt.date(2024, 11, 1):
            dep_day = dt.date(2024, 11, 3)
        I(cid, dep_day, gross(dep), "מיידי", tag=f"dep{k}")
        I(cid, bank_day(event, forward=False), gross(D(total) - dep), "+7", tag=f"bal{k}")
    for k in range(len(corp)):
        cid = f"C{30 + k:03d}"
        n = [3, 2, 3, 2, 3, 2, 2, 3][k]
        for j in range(n):
            day = bank_day(dt.date(2025, 1, 1) + dt.timedelta(days=r.randint(10, 345)))
            I(cid, day, gross(r.randrange(2500, 16001, 100)), "שוטף+30")
    b.number_invoices()

    SHORT = ["זיכוי מלאומי", "זיכוי מהפועלים", "זיכוי מדיסקונט", "זיכוי בינלאומי", "העברה מחשבון"]

    def describe(b, c, invs, mode, amount, date):
        lang = c.get("lang", "he")
        chan = c["chan"]
        text = num_text(r, invs, mode, lang)
        if mode == "numref":
            text = num_text(r, invs, "none", lang)
        if c.get("private") and mode in ("name", "none"):
            text = r.choice(["מקדמה אירוע", "חתונה", "בר מצווה", "קייטרינג", "אירוע", "ברית", ""])
        if c.get("text_extra") and mode != "none":
            text = (c["text_extra"] + " " + text).strip()
        hardname = mode in ("name", "namelist", "numpartial") and r.random() < 0.6
        name = r.choice(c["hard"]) if hardname else c["easy"][0]
        ref = invs[0].number if mode == "numref" else None
        if mode == "none":
            return r.choice(["הפקדת שיק", "הפקדת שיקים", "הפקדה במכשיר"]), ref
        if chan == "bit":
            return f"העברה בביט | {name} {text}".strip(), ref
        if chan == "masav":
            return f"{trunc(name, 15)} | זיכוי מס\"ב {text}".strip(), ref
        if chan == "cheque" and mode == "name":
            return "הפקדת שיק", ref
        return f"{r.choice(SHORT)} | מאת: {name} {c['acct']} {text}".strip(), ref

    def plan(cid, p, **kw):
        made = run_plan(b, cid, p, describe, **kw)
        pn = b.cmap[cid].get("payer_note")
        for cr in made:
            if pn:
                cr.note += "; " + pn
            if b.cmap[cid]["chan"] == "cheque" and cr.desc == "הפקדת שיק" and "payer name only" in cr.note:
                cr.note = "hard: cheque deposit: no name and no number, amount and date only"
        return made

    # --- private events -----------------------------------------------------
    advance_done = False
    for k in range(len(private)):
        cid = f"C{10 + k:03d}"
        dep, bal = b.by_tag(f"dep{k}"), b.by_tag(f"bal{k}")
        style = k % 6
        if k == 6:
            # deposit and balance are two equal halves; the deposit is still unpaid at the event and one
            # name-only transfer arrives after it: nothing tells which half it pays
            assert dep.amount == bal.amount
            dep.planned = bal.planned = True
            c = b.cmap[cid]
            b.pay(dep, add_bank_days(bal.issue, 4),
                  f"{SHORT[0]} | מאת: {c['easy'][0]} {c['acct']} {r.choice(['אירוע', 'קייטרינג'])}",
                  hard=True, alt_same=True,
                  note="hard: payer name only; the customer has two open invoices of exactly the same amount "
                       "(deposit and balance halves)")
            continue
        if style == 0 and not advance_done and dep.issue > dt.date(2025, 1, 15):
            # the client transfers the deposit before the deposit invoice exists
            advance_done = True
            dep.planned = bal.planned = True
            cr = b.other(bank_day(dep.issue - dt.timedelta(days=3), forward=False),
                         dep.amount, f"העברה בביט | {b.cmap[cid]['easy'][0]} מקדמה לאירוע",
                         f"non-payment (by the rule): the client paid the deposit 3 days BEFORE the deposit invoice "
                         f"{dep.number} was issued; an invoice is open only from its issue date, so this credit pays "
                         f"no invoice")
            continue
        toks = {0: "E N", 1: "E -", 2: "n x", 3: "E P50", 4: "- -", 5: "E N"}[style]
        plan(cid, toks, delay=(0, 10))
    plan("C001", "N - N N B2N - N N - -", delay=(-3, 8))
    plan("C002", "L N L - - - - N - - - -", delay=(0, 12), late=(40, 80))
    plan("C003", "B8N B7N B6N - - - - - - - - - - - - - - - - -", delay=(20, 50))
    plan("C004", "B4N - - - - -", delay=(15, 40))
    plan("C005", "N O - -", delay=(0, 6))
    plan("C006", "N - N - N R - N - -", delay=(-4, 6))
    plan("C007", "N Q N -", delay=(0, 20))
    for k in range(len(corp)):
        cid = f"C{30 + k:03d}"
        n = len(b.of(cid))
        toks = ["N", "-", "-", "N", "N", "-", "n", "-"]
        plan(cid, " ".join(r.choice(toks) for _ in range(n)), delay=(0, 25))

    # ------------------------------------------------------------ credits that pay no invoice
    def untouched(date, pred):
        paid = {}
        for c in b.credits:
            if c.date < date:
                for i, a in c.alloc.items():
                    paid[i] = paid.get(i, D(0)) + a
        cands = [i for i in b.invoices if i.issue <= date and i not in paid and pred(i)]
        return sorted(cands, key=lambda i: (i.issue, i.number))[0]

    O = b.other
    for day, amt, who in [("2025-01-02", "18412.30", "כאל"), ("2025-02-02", "9120.00", "ישראכרט"),
                          ("2025-04-08", "22904.75", "מקס"), ("2025-07-02", "15330.40", "כאל"),
                          ("2025-10-08", "27118.90", "ישראכרט")]:
        O(day, amt, f"{who} - שוברי אשראי | זיכוי שוברים", f"non-payment: card-clearing settlement ({who})")
    x = untouched(dt.date(2025, 5, 4), lambda i: b.cmap[i.cid].get("private"))
    O("2025-05-04", x.amount, "ישראכרט - שוברי אשראי | זיכוי שוברים",
      f"non-payment: card-clearing settlement; amount equals open invoice {x.number} of {b.cmap[x.cid]['name']}")
    O("2025-03-12", "120000.00", "הלוואה | הלוואה לרכישת ציוד מטבח", "non-payment: equipment loan")
    x = untouched(dt.date(2025, 6, 18), lambda i: i.amount < 20000)
    O("2025-06-18", x.amount, f"זיכוי מלאומי | מאת: סיטונאות הגליל בע\"מ החזר על משלוח פגום",
      f"non-payment: refund from a supplier; amount equals open invoice {x.number}")
    O("2025-07-01", "31.80", "ריבית זכות", "non-payment: credit interest")
    O("2025-08-14", "25000.00", "העברה מחשבון | מאת: רונן אביטל 20-455-118822 העברה בין חשבונות",
      "non-payment: the owner's transfer between his own accounts")
    x = untouched(dt.date(2025, 9, 9), lambda i: b.cmap[i.cid].get("private"))
    O("2025-09-09", x.amount, "העברה בביט | קרן לוי החזר מתנה משותפת",
      f"non-payment: Bit from an unrelated person whose surname (לוי) matches a customer's; amount equals "
      f"open invoice {x.number}")
    O("2025-11-20", "6320.00", "מס הכנסה | החזר מקדמות 2024", "non-payment: income-tax refund")
    return b.finalize(path)


if __name__ == "__main__":
    import sys, json
    print(json.dumps(build(sys.argv[1]), ensure_ascii=False))
