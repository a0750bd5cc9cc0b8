"""Scenario 2: a plumbing contractor, one quarter (April-June 2025), account at
Bank Hapoalim (descriptions in Hapoalim's "הפעולה" + "פרטים" style:
'המבצע: <payer> עבור: <text> מח-ן:<account>.')."""
import datetime as dt
from scn_common import Builder, D, money, bank_day, run_plan, fmt, add_bank_days
from scn_text import num_text, trunc

VAT = D("1.18")


def gross(x):
    return money(D(x) * VAT)


def build(path):
    b = Builder("scenario-2", "ש.מ. אינסטלציה ושירותי צנרת בע\"מ", seed=202,
                start="2025-04-01", end="2025-06-30",
                inv_format=lambda k: str(k), inv_start=30301)
    r = b.rng
    C = b.cust
    C("C001", "נווה ניהול נכסים בע\"מ", ["invoices@naveh-nihul.example.co.il"],
      chan="masav", easy=["נווה ניהול נכס"], hard=["נווה ניהול נכס"])
    PAYER_NAVEH = "payer is the property-management company (נווה ניהול נכסים), not the building committee"
    C("C002", "ועד הבית רח' הרצל 12 רמת גן", ["vaad.herzl12@example.com"],
      chan="masav", easy=["נווה ניהול נכס"], hard=["נווה ניהול נכס"], payer_note=PAYER_NAVEH,
      text_extra="הרצל 12")
    C("C003", "ועד הבית ז'בוטינסקי 40 בני ברק", ["zhabo40@example.com"],
      chan="masav", easy=["נווה ניהול נכס"], hard=["נווה ניהול נכס"], payer_note=PAYER_NAVEH,
      text_extra="ז'בוטינסקי 40")
    C("C004", "ועד הבית שד' ירושלים 7 יפו", ["vaad.yerushalayim7@example.com"],
      chan="transfer", easy=["גולדברג אסתר"], hard=["גולדברג אסתר"],
      payer_note="payer is the committee treasurer (אסתר גולדברג), a private person")
    C("C005", "שלמה בניה והשקעות בע\"מ", ["heshbonot@shlomo-bniya.example.co.il"],
      chan="masav", easy=["שלמה בניה והשק"], hard=["שלמה בניה והשק", "ש.ב.ה השקעות"])
    C("C006", "א.י. קבלנות ושיפוצים", ["ay.kablanut@example.co.il"],
      chan="transfer", easy=["א.י. קבלנות ושיפוצים"], hard=["א.י קבלנות", "אברהם יצחק"])
    C("C007", "א.י.ל. קבלנות בע\"מ", ["office@ail-kablanut.example.co.il"],
      chan="masav", easy=["א.י.ל. קבלנות ב"], hard=["א.י.ל קבלנות"])
    C("C008", "מלון חוף התמרים", ["ap@tmarim-hotel.example.co.il"],
      chan="masav", easy=["מלון חוף התמרי"], hard=["חוף התמרים מלו"])
    C("C009", "מסעדת הנמל", ["namal.rest@example.co.il"],
      chan="transfer", easy=["מסעדת הנמל"], hard=["הנמל בע\"מ"])
    C("C010", "גן ילדים פרפר", ["gan.parpar@example.com"],
      chan="bit", easy=["דהן מירי"], hard=["מירי"],
      payer_note="payer is the kindergarten owner (מירי דהן) personally")
    C("C011", "מכון כושר אנרגיה", ["energy.gym@example.co.il"],
      chan="transfer", easy=["אנרגיה כושר בע\"מ"], hard=["אנרגיה כושר"])
    C("C012", "Dizengoff Suites Ltd", ["accounts@dizengoff-suites.example.com"],
      chan="transfer", lang="en", easy=["DIZENGOFF SUITES LTD"], hard=["DIZENGOFF SUIT"])
    people = [
        ("משה לוי", "לוי משה"), ("רחל כהן", "כהן רחל"), ("אבי ביטון", "ביטון אברהם"),
        ("יעל מזרחי", "מזרחי יעל"), ("דני פרידמן", "פרידמן דניאל"), ("סיגל אוחיון", "אוחיון סיגל"),
        ("Michael Green", "GREEN MICHAEL"), ("אולגה פטרוב", "PETROVA OLGA"), ("חיים כהן", "כהן חיים"),
        ("חיים כהנוב", "כהנוב חיים"), ("ליאור שפירא", "שפירא ליאור"), ("נועם בן דוד", "בן דוד נועם"),
        ("מירב גבאי", "גבאי מירב"), ("עומר חדד", "חדד עומר"), ("תמר רוזנברג", "רוזנברג ת."),
        ("יוסף אלמוג", "אלמוג יוסף"), ("רינה קפלן", "קפלן רינה"), ("איתי שגיא", "שגיא איתי"),
        ("דבורה לנדאו", "לנדאו דבורה"), ("אמיר נסים", "נסים אמיר"), ("שרון טל", "טל שרון"),
        ("גלית עמר", "עמר גלית"), ("רון בלום", "בלום רון"),
    ]
    for k, (name, banked) in enumerate(people):
        cid = f"C{13 + k:03d}"
        first = name.split()[0]
        em = [f"{cid.lower()}.home@example.com"] if k % 4 else []
        C(cid, name, em, chan=r.choice(["bit", "bit", "transfer", "cheque"]),
          easy=[banked], hard=[banked.split()[0] if k % 3 else first], private=True)
    for c in b.customers:
        c["acct9"] = f"{r.randint(0, 999999999):09d}"

    I = b.inv

    def spread(cid, n, lo, hi, terms, step=50, first="2025-03-20", last="2025-06-27"):
        a, z = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        span = (z - a).days
        days = sorted(r.randint(0, span) for _ in range(n))
        for x in days:
            day = bank_day(a + dt.timedelta(days=x))
            if day > z:
                day = bank_day(z, forward=False)
            I(cid, day, gross(r.randrange(lo, hi + 1, step)), terms)

    spread("C001", 4, 600, 2400, "שוטף+30")
    spread("C002", 8, 350, 3200, "שוטף+30", first="2025-03-03")
    spread("C003", 7, 400, 2600, "שוטף+30", first="2025-03-03")
    spread("C004", 6, 300, 1800, "+14")
    spread("C005", 10, 2500, 14000, "שוטף+60", step=100, first="2025-02-10")
    spread("C006", 8, 900, 5200, "+30", first="2025-03-10")
    spread("C007", 6, 1200, 6400, "שוטף+30", step=100, first="2025-03-10")
    spread("C008", 9, 450, 3800, "שוטף+45", first="2025-02-24")
    spread("C009", 6, 350, 2200, "+14")
    spread("C010", 4, 300, 900, "מיידי")
    spread("C011", 5, 400, 1900, "+30")
    spread("C012", 7, 500, 3400, "שוטף+30", first="2025-03-05")
    counts = [3, 2, 2, 3, 2, 2, 2, 3, 2, 2, 2, 2, 2, 3, 2, 2, 2, 2, 2, 2, 3, 2, 2]
    for k, n in enumerate(counts):
        spread(f"C{13 + k:03d}", n, 280, 2900, "מיידי", step=10)
    # two invoices of exactly the same amount for one private customer (C016 יעל מזרחי)
    I("C016", "2025-04-22", gross(650), "מיידי", tag="yael_a")
    I("C016", "2025-05-13", gross(650), "מיידי", tag="yael_b")
    # one water-damage job paid by the customer's insurer
    I("C019", "2025-05-06", gross(4200), "+30", tag="insured")
    b.number_invoices()

    SHORT = ["זיכוי מלאומי", "זיכוי מדיסקונט", "זיכוי מהמזרחי", "זיכוי בינלאומי", "העברה-נייד"]

    def pad(t, n=20):
        return t + " " * max(1, n - len(t))

    def describe(b, c, invs, mode, amount, date):
        lang = c.get("lang", "he")
        chan = c["chan"]
        text = num_text(r, invs, mode, lang)
        if mode == "numref":
            text = num_text(r, invs, "none", lang)
        if c.get("private") and mode in ("name", "none"):
            text = r.choice(["תיקון נזילה", "אינסטלטור", "החלפת ברז", "פתיחת סתימה", "דוד שמש",
                             "תיקון", "שלום", "ניאגרה", ""])
        if c.get("text_extra") and mode != "none":
            text = (c["text_extra"] + " " + text).strip()
        hardname = mode in ("name", "namelist", "numpartial") and r.random() < 0.6
        name = r.choice(c["hard"]) if hardname else c["easy"][0]
        ref = invs[0].number if mode == "numref" else None
        if mode == "none":
            if chan == "bit":
                return f"bit העברת כסף | {r.choice(['תודה', 'תשלום', 'אינסטלציה', 'עבודה'])}", ref
            return r.choice(["הפק.שיק בסלולר", "הפקדת שיק", "הפקדת מזומן"]), ref
        if chan == "bit":
            return f"bit העברת כסף | {name} {text}".strip(), ref
        if chan == "masav":
            t = f" | {text}" if text and (mode not in ("name", "namelist") or r.random() < 0.5) else ""
            return f"{trunc(name, 15)}{t}", ref
        short = r.choice(SHORT)
        return f"{short} | המבצע: {name} עבור: {pad(text)}מח-ן:{c['acct9']}.", ref

    def plan(cid, p, **kw):
        made = run_plan(b, cid, p, describe, **kw)
        pn = b.cmap[cid].get("payer_note")
        for cr in made:
            if pn:
                cr.note += "; " + pn
        return made

    # the special invoices first (so the procedural plans below skip them)
    ya, yb = b.by_tag("yael_a"), b.by_tag("yael_b")
    ins = b.by_tag("insured")
    for i in (ya, yb, ins):
        i.planned = True
    b.pay(ya, add_bank_days(yb.issue, 3), f"bit העברת כסף | מזרחי יעל אינסטלטור",
          hard=True, note="hard: the customer has two open invoices of exactly the same amount and the "
                          "payment names neither; a Bit with the payer name only", alternatives=[{yb: ya.amount}])
    b.pay(ins, add_bank_days(ins.due, 12),
          f"מגן חברה לביטו | תביעה 2025-118834 נזקי מים",
          hard=True, note="hard: payer is the customer's insurer (מגן חברה לביטוח), the description carries the "
                          "insurer's claim number, not the invoice number or the customer name")

    # the property-management company pays two buildings' invoices in one transfer
    h12 = sorted([i for i in b.of("C002")], key=lambda i: i.issue)[1:]
    z40 = sorted([i for i in b.of("C003")], key=lambda i: i.issue)
    if h12 and z40:
        i1, i2 = h12[0], z40[0]
        date = bank_day(max(i1.due, i2.due) + dt.timedelta(days=4))
        if date <= b.end:
            b.pay([i1, i2], date, f"נווה ניהול נכס | הרצל 12 + ז'בוטינסקי 40 חש' {i1.number},{i2.number}",
                  hard=True, note="hard: one transfer from the management company paying invoices of TWO "
                                  "customers (two building committees)")

    plan("C001", "N B2N -", delay=(0, 10))
    plan("C002", "B3N N n - -", delay=(0, 12))
    plan("C003", "N N R - - -", delay=(0, 12))
    plan("C004", "N n N - - -", delay=(0, 5))
    plan("C005", "L S50 N - - - - - - -", delay=(5, 25), late=(50, 70))
    plan("C006", "N N Q N - - - -", delay=(-5, 5))
    plan("C007", "N N - - - -", delay=(0, 10))
    plan("C008", "B2N N N - - - - -", delay=(0, 10))
    plan("C009", "N N O - - -", delay=(0, 6))
    plan("C010", "N N n -", delay=(0, 2))
    plan("C011", "N P50 N - -", delay=(0, 8))
    plan("C012", "N - - - - - -", delay=(-3, 6))
    private_tokens = ["N", "N", "N", "N", "n", "x", "-", "-", "-", "-", "-", "-", "-"]
    for k, n in enumerate(counts):
        cid = f"C{13 + k:03d}"
        left = [i for i in b.of(cid)]
        toks = " ".join(r.choice(private_tokens) for _ in left)
        plan(cid, toks, delay=(0, 6))

    # ------------------------------------------------------------ credits that pay no invoice
    def open_inv(date, pred=lambda i: True):
        paid = {}
        for c in b.credits:
            if c.date < date:
                for i, a in c.alloc.items():
                    paid[i] = paid.get(i, D(0)) + a
        cands = [i for i in b.invoices if i.issue <= date and paid.get(i, D(0)) < i.amount and pred(i)]
        return sorted(cands, key=lambda i: (i.issue, i.number))[0]

    O = b.other
    O("2025-04-02", "3187.65", "זיכוי ישראכרט | שוברים 03/25", "non-payment: card-clearing settlement (Isracard)")
    x = open_inv(dt.date(2025, 4, 8), lambda i: b.cmap[i.cid].get("private"))
    O("2025-04-08", x.amount, "כ.א.ל-זיכוי | זיכוי שוברי אשראי",
      f"non-payment: card-clearing settlement (Cal); amount equals open invoice {x.number} of {b.cmap[x.cid]['name']}")
    O("2025-04-10", "60000.00", "הלוואה | העמדת הלוואה 60 חודשים", "non-payment: loan disbursement")
    x = open_inv(dt.date(2025, 4, 24))
    O("2025-04-24", x.amount, f"זיכוי מלאומי | המבצע: טמבור צנרת בע\"מ עבור: {pad('זיכוי החזרת סחורה')}מח-ן:004417721.",
      f"non-payment: refund from a supplier for returned pipes; amount equals open invoice {x.number}")
    O("2025-05-04", "2841.10", "מקס איט פיננסי | זיכוי שוברים 04/25", "non-payment: card-clearing settlement (Max)")
    O("2025-05-06", "8000.00", f"העברה-נייד | המבצע: מזרחי שלום עבור: {pad('העברה לעסק')}מח-ן:019283746.",
      "non-payment: the owner (שלום מזרחי) moving money from his private account; a customer (יעל מזרחי) "
      "has the same surname")
    O("2025-05-15", "1512.00", "מופ\"ת מילואים | תגמול מילואים עובד",
      "non-payment: reserve-duty compensation from the National Insurance Institute")
    x = open_inv(dt.date(2025, 5, 20), lambda i: b.cmap[i.cid].get("private"))
    O("2025-05-20", x.amount, "bit העברת כסף | החזר כרטיסים להופעה",
      f"non-payment: Bit from an unrelated person; amount equals open invoice {x.number} of {b.cmap[x.cid]['name']}")
    O("2025-06-01", "21.35", "ריבית מפקדון", "non-payment: deposit interest")
    O("2025-06-02", "4409.90", "זיכוי ישראכרט | שוברים 05/25", "non-payment: card-clearing settlement (Isracard)")
    x = open_inv(dt.date(2025, 6, 16), lambda i: i.amount > 1000)
    O("2025-06-16", x.amount, "מע\"מ-החזר | החזר מע\"מ תקופה 03-04/25",
      f"non-payment: VAT refund from the tax authority; amount equals open invoice {x.number}")
    O("2025-06-25", "50.00", "מענק ללקוח", "non-payment: a bank grant to the customer")
    return b.finalize(path)


if __name__ == "__main__":
    import sys, json
    print(json.dumps(build(sys.argv[1]), ensure_ascii=False))
