#!/usr/bin/env python3
"""Build corpus2.jsonl from the hand-written batches in src2/.

Same batch format as src/ (see build.py): "## INTENTS ; DATE-EXPR ; REGISTER
[; key=value ...]".  Differences from build.py:

* message dates run over 2025-2026 (build.py: 2026-2027);
* extra date rules "dmy:DD/MM/YYYY" (an explicit date with its year) and
  "domnm:N" (the Nth of next month; the message is written after the Nth);
* option hol=NAME puts the message near a holiday (see HOLIDAYS; holiday
  words in a text without hol=/mo= pick a window themselves, see AUTO_HOL), yr=YYYY
  fixes its year, after=/before= (YYYY-MM-DD or MM-DD) bound the date
  for texts that quote a dated older message;
* option q=STYLE|no, sig=no, foot=no control the programmatic additions:
  a quoted copy of our reminder below the reply (Outlook / Gmail / iPhone /
  Hebrew Gmail), a signature and a confidentiality footer.  Without an option
  they are drawn with a seeded RNG by register.  The quote is in the
  reply's language, except for 20 % of English and 4 % of Hebrew replies
  (an English customer answering our Hebrew reminder, and the reverse).  The reply the customer typed
  is everything before the quote; corpus2_quotes.tsv records, per id, the
  character offset where the programmatic quote starts (-1 = no quote);
* ~6 % of Hebrew whatsapp/spoken items lose their final letters (ם->מ ...),
  as typed on some phones/keyboards;
* ids start at 5001 (he-5001, en-5001, mx-5001) so that they never collide
  with corpus.jsonl.

Promise dates are computed with build.py's promise_date() from the message's
own local date, never by hand.
"""
import datetime as dt, glob, hashlib, json, os, random, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build  # noqa: E402  (same folder)
from quotes2 import quote_block, signature, footer  # noqa: E402

TZ = build.TZ
START, END = dt.date(2025, 1, 1), dt.date(2026, 12, 31)
HOLIDAYS = {  # (first, last) windows of message dates, both years
    "tishrei_before": [("2025-08-24", "2025-09-21"), ("2026-08-16", "2026-09-10")],
    "tishrei": [("2025-09-18", "2025-10-15"), ("2026-09-08", "2026-10-04")],
    "after_tishrei": [("2025-10-15", "2025-10-30"), ("2026-10-04", "2026-10-20")],
    "pesach_before": [("2025-03-20", "2025-04-11"), ("2026-03-08", "2026-03-31")],
    "pesach": [("2025-04-05", "2025-04-21"), ("2026-03-26", "2026-04-10")],
    "hanukkah": [("2025-12-12", "2025-12-22"), ("2026-12-02", "2026-12-12")],
    "purim": [("2025-03-09", "2025-03-15"), ("2026-02-26", "2026-03-04")],
    "shavuot": [("2025-05-26", "2025-06-02"), ("2026-05-15", "2026-05-22")],
    "summer": [("2025-07-01", "2025-08-20"), ("2026-07-01", "2026-08-15")],
    "yearend": [("2025-12-15", "2025-12-31"), ("2026-12-13", "2026-12-31")],
    "pesach_wide": [("2025-03-10", "2025-04-25"), ("2026-03-01", "2026-04-15")],
    "tishrei_wide": [("2025-08-25", "2025-10-20"), ("2026-08-20", "2026-10-10")],
    "janfeb": [("2025-01-02", "2025-02-27"), ("2026-01-02", "2026-02-27")],
}
FINALS = str.maketrans({"ם": "מ", "ן": "נ", "ץ": "צ", "ף": "פ", "ך": "כ"})
EMAILISH = {"formal", "corporate", "institutional", "accountant", "spoken", "angry",
            "apologetic", "sarcastic", "family", "broken"}


def promise_date(expr, d):
    if expr.startswith("dmy:"):
        day, month, year = map(int, expr[4:].split("/"))
        return dt.date(year, month, day)
    if expr.startswith("domnm:"):  # "the Nth of next month"
        return build.add_month(d.replace(day=1), 1).replace(day=int(expr[6:]))
    return build.promise_date(expr, d)


def fits(expr, d, opts):
    if not (START <= d <= END):
        return False
    if "yr" in opts and d.year != int(opts["yr"]):
        return False
    for key, sign in (("after", 1), ("before", -1)):  # YYYY-MM-DD, or MM-DD in any year
        if key in opts:
            v = opts[key]
            lim = dt.date.fromisoformat(v) if len(v) == 10 else dt.date(d.year, int(v[:2]), int(v[3:]))
            if (d - lim).days * sign < 0:
                return False
    if "hol" in opts:
        ok = any(dt.date.fromisoformat(a) <= d <= dt.date.fromisoformat(b)
                 for a, b in HOLIDAYS[opts["hol"]])
        if not ok:
            return False
    if expr.startswith("dmy:"):
        gap = (promise_date(expr, d) - d).days
        if not 1 <= gap <= 40:
            return False
        expr = "-"
    if expr.startswith("domnm:"):
        if d.day <= int(expr[6:]):  # so that it is also the next such day
            return False
        expr = "-"
    build.START, build.END = START, END
    return build.fits(expr, d, {k: v for k, v in opts.items() if k in ("wd", "mo")})


def candidates(expr, opts):
    if expr.startswith("dmy:"):
        day, month, year = map(int, expr[4:].split("/"))
        t = dt.date(year, month, day)
        return [t - dt.timedelta(days=k) for k in range(1, 41)]
    if expr.startswith("dm:"):
        day, month = map(int, expr[3:].split("/"))
        out = []
        for y in (2025, 2026, 2027):
            try:
                t = dt.date(y, month, day)
            except ValueError:
                continue
            out += [t - dt.timedelta(days=k) for k in range(1, 41)]
        return out
    if "hol" in opts:
        out = []
        for a, b in HOLIDAYS[opts["hol"]]:
            x, b = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
            while x <= b:
                out.append(x)
                x += dt.timedelta(days=1)
        return out
    return [START + dt.timedelta(days=k) for k in range((END - START).days + 1)]


AUTO_HOL = [  # holiday words -> window, when the batch header gives no hol=/mo=
    (r"חנוכה|hanukkah", ["hanukkah"]),
    (r"פורים|purim", ["purim"]),
    (r"פסח|passover|מימונה", ["pesach_wide"]),
    (r"ראש השנה|כיפור|סוכות|שנה טובה|גמר חתימה|מועדים לשמחה|החגים|חול המועד|the holidays", ["tishrei_wide"]),
    (r"חג שמח|chag sameach|החג($|[^א-ת])", ["tishrei_wide", "pesach_wide"]),
]


def auto_holiday(rng, text, opts):
    if "hol" in opts or "mo" in opts:
        return opts
    for pat, wins in AUTO_HOL:
        if re.search(pat, text, re.I):
            return dict(opts, hol=rng.choice(wins))
    return opts


def pick_datetime(rng, expr, opts, text):
    auto = auto_holiday(rng, text, opts)
    if auto is not opts:
        try:
            return _pick(rng, expr, auto, text)
        except RuntimeError:
            pass
    return _pick(rng, expr, opts, text)


def _pick(rng, expr, opts, text):
    opts = build.seasonal_opts(text, opts)
    cands = candidates(expr, opts)
    rng.shuffle(cands)
    for d in cands:
        if fits(expr, d, opts):
            break
    else:
        raise RuntimeError("no date fits %s %s %r" % (expr, opts, text[:50]))
    low = text.lower()
    if "h" in opts:
        a, b = map(int, opts["h"].split("-"))
    elif "בוקר טוב" in text or "good morning" in low or "בוקר אור" in text:
        a, b = 6, 10
    elif "ערב טוב" in text or "good evening" in low:
        a, b = 17, 22
    elif "לילה טוב" in text or "good night" in low or "לילה" in text:
        a, b = 21, 23
    else:
        a, b = rng.choice([(7, 12), (8, 17), (8, 17), (12, 19), (17, 23), (9, 16), (0, 23)])
    return dt.datetime(d.year, d.month, d.day, rng.randint(a, b), rng.randint(0, 59),
                       rng.randint(0, 59), tzinfo=TZ)


def has_signature(text):
    return bool(re.search(r"0\d{1,2}-?\d{7}|\d{3}-\d{3}-\d{4}|\+972|בברכה|Regards|Thanks,\n|תודה,\n|Best,|Sincerely", text))


def decorate(rng, it, when):
    """Return (full text, offset of the quote or -1, list of additions)."""
    text, reg, opts, lang = it["text"], it["register"], it["opts"], it["lang"]
    added = []
    qlang = "en" if lang == "en" else "he"
    if lang == "he" and reg in ("whatsapp", "spoken") and opts.get("typo") != "no" and rng.random() < 0.06:
        text = re.sub(r"[םןץףך](?=$|[\s.,!?])", lambda m: m.group(0).translate(FINALS), text)
        added.append("finals")
    if opts.get("sig") != "no" and reg in ("formal", "corporate", "accountant", "institutional", "spoken", "apologetic") \
            and not has_signature(text) and rng.random() < (0.35 if reg != "spoken" else 0.12):
        text += "\n\n" + signature(rng, qlang, reg)
        added.append("sig")
    if opts.get("foot") != "no" and reg in ("corporate", "institutional", "accountant", "formal") \
            and rng.random() < 0.3:
        text += "\n\n" + footer(rng, qlang)
        added.append("footer")
    q = opts.get("q")
    if q is None:
        p = 0.5 if reg in EMAILISH else (0.25 if reg == "autoreply" else 0.1)
        if rng.random() < p:
            q = rng.choice(["ol", "gm", "ip", "gm", "ol"] if reg != "whatsapp" else ["ip", "gm"])
    offset = -1
    if q and q != "no":
        sep = "\n\n" if q != "ip" else "\n\n"
        offset = len(text) + len(sep)
        ql = qlang
        if rng.random() < (0.2 if lang == "en" else 0.04):  # the reminder was in the other language
            ql = "he" if lang == "en" else "en"
        text += sep + quote_block(rng, q, ql, when)
        added.append("quote:" + q)
    return text, offset, added


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    items = []
    for p in sorted(glob.glob(os.path.join(here, "src2", "*.txt"))):
        items.extend(build.parse_file(p))
    seen, old = {}, set()
    with open(os.path.join(here, "corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            old.add(re.sub(r"\s+", " ", json.loads(line)["text"]).strip())
    for it in items:
        k = re.sub(r"\s+", " ", it["text"]).strip()
        if k in seen:
            print("duplicate text:", k[:70], "|", seen[k], it["src"], file=sys.stderr)
        if k in old:
            print("same text as in corpus.jsonl:", k[:70], it["src"], file=sys.stderr)
        seen[k] = it["src"]
    rng_order = random.Random(20250101)
    bylang = {}
    for it in items:
        bylang.setdefault(it["lang"], []).append(it)
    prefix = {"he": "he", "en": "en", "mixed": "mx"}
    rows, side = [], []
    for lang in ("he", "en", "mixed"):
        group = bylang.get(lang, [])
        rng_order.shuffle(group)
        for i, it in enumerate(group, 5001):
            iid = "%s-%04d" % (prefix[lang], i)
            seed = int(hashlib.sha256(("c2" + it["text"]).encode()).hexdigest()[:12], 16)
            rng = random.Random(seed)
            when = pick_datetime(rng, it["expr"], it["opts"], it["text"])
            pd = promise_date(it["expr"], when.date())
            if pd is not None and pd < when.date():
                raise RuntimeError("promise before message: %r" % it["text"][:50])
            text, off, added = decorate(rng, it, when)
            rows.append({"id": iid, "text": text, "intent": it["intents"][0],
                         "intents": it["intents"],
                         "promise_date": pd.isoformat() if pd else None,
                         "date": when.isoformat(), "lang": lang,
                         "register": it["register"]})
            side.append((iid, it["expr"], off, ",".join(added) or "-", it["src"]))
    with open(os.path.join(here, "corpus2.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(here, "corpus2_quotes.tsv"), "w", encoding="utf-8") as f:
        f.write("id\tdate_rule\tquote_offset\tadded\tsource\n")
        for s in side:
            f.write("%s\t%s\t%d\t%s\t%s\n" % s)
    print("wrote %d rows" % len(rows))


if __name__ == "__main__" and sys.argv[1:] != ["--stats"]:
    main()


def stats(path=None):
    """Print the markdown count tables used in README.md (corpus2 section)."""
    import collections
    here = os.path.dirname(os.path.abspath(__file__))
    rows = [json.loads(l) for l in open(path or os.path.join(here, "corpus2.jsonl"), encoding="utf-8")]
    side = {}
    with open(os.path.join(here, "corpus2_quotes.tsv"), encoding="utf-8") as f:
        next(f)
        for ln in f:
            p = ln.rstrip("\n").split("\t")
            side[p[0]] = p[3]
    order = build.ORDER
    print("| lang | total | " + " | ".join(order) + " |")
    print("|---|---|" + "---|" * len(order))
    for lang in ("he", "en", "mixed"):
        rs = [r for r in rows if r["lang"] == lang]
        c = collections.Counter(r["intent"] for r in rs)
        print("| %s | %d | %s |" % (lang, len(rs), " | ".join(str(c[o]) for o in order)))
    c = collections.Counter(r["intent"] for r in rows)
    print("| **all (main intent)** | %d | %s |" % (len(rows), " | ".join(str(c[o]) for o in order)))
    c = collections.Counter(i for r in rows for i in r["intents"])
    print("| all (intent anywhere in `intents`) | | %s |" % " | ".join(str(c[o]) for o in order))
    pr = [r for r in rows if "promise" in r["intents"]]
    print("\nPromises: %d, of which %d have a date. Multi-intent items: %d."
          % (len(pr), sum(1 for r in pr if r["promise_date"]), sum(1 for r in rows if len(r["intents"]) > 1)))
    mc = collections.Counter(" + ".join(r["intents"]) for r in rows if len(r["intents"]) > 1)
    print("\n| intents (multi-intent items) | n |\n|---|---|")
    for k, n in mc.most_common():
        print("| %s | %d |" % (k, n))
    rc = collections.Counter(r["register"] for r in rows)
    print("\n| register | n |\n|---|---|")
    for k, n in rc.most_common():
        print("| %s | %d |" % (k, n))
    yc = collections.Counter(r["date"][:4] for r in rows)
    wc = collections.Counter(dt.date.fromisoformat(r["date"][:10]).strftime("%a") for r in rows)
    print("\nMessage dates: %s; weekdays: %s." % (", ".join("%d in %s" % (n, y) for y, n in sorted(yc.items())),
                                                ", ".join("%s %d" % (d, wc[d]) for d in ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"))))
    add = collections.Counter()
    for v in side.values():
        for a in v.split(","):
            add[a.split(":")[0] if a.startswith("quote") else a] += 1
    qs = collections.Counter(a for v in side.values() for a in v.split(",") if a.startswith("quote"))
    print("Programmatic additions: quoted reminder %d (%s), signature %d, footer %d, final letters dropped %d; %d items untouched."
          % (add["quote"], ", ".join("%s %d" % (k[6:], n) for k, n in sorted(qs.items())), add["sig"], add["footer"],
             add["finals"], add["-"]))


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--stats":
    stats()
