#!/usr/bin/env python3
"""Validate corpus.jsonl.

Structural checks on every line, plus an independent check of promise_date:
for every promise whose text carries exactly one recognisable date cue, the
expected date is re-derived here from the text and the message date (with its
own day-by-day implementation of the conventions, not build.py's code) and
compared with the label.  Prints a random sample for reading by eye.
"""
import datetime as dt, json, random, re, sys
from zoneinfo import ZoneInfo

ORDER = ["dispute", "plan_request", "promise", "payment_claim", "question", "none"]
LANGS = {"he", "en", "mixed"}
REGISTERS = {"whatsapp", "spoken", "formal", "corporate", "institutional", "accountant",
             "angry", "apologetic", "sarcastic", "broken", "translit", "family", "terse",
             "autoreply"}
TZ = ZoneInfo("Asia/Jerusalem")
KEYS = ["id", "text", "intent", "intents", "promise_date", "date", "lang", "register"]
errors = []


def err(i, msg):
    errors.append("line %d: %s" % (i, msg))


# ---- independent date helpers (day-by-day walking) ----
def walk(d, pred, strict=False, limit=800):
    x = d + dt.timedelta(days=1) if strict else d
    for _ in range(limit):
        if pred(x):
            return x
        x += dt.timedelta(days=1)
    raise RuntimeError


def month_end(d):
    return walk(d, lambda x: (x + dt.timedelta(days=1)).month != x.month)


def next_month_first(d):
    return walk(d, lambda x: x.day == 1, strict=True)


def thursday_this_week(d):  # Sun..Sat weeks
    sun = d
    while sun.isoweekday() != 7:
        sun -= dt.timedelta(days=1)
    return sun + dt.timedelta(days=4)


HE_DAYS = {"ראשון": 7, "שני": 1, "שלישי": 2, "רביעי": 3, "חמישי": 4, "שישי": 5}
EN_DAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
           "saturday": 6, "sunday": 7}


def cues(text):
    """Return list of (name, function(date)->date) for date cues found."""
    t = text.lower()
    found = []
    def add(name, f):
        found.append((name, f))
    if re.search(r"מחרתיים|day after (tomorrow|tmrw)", t):
        add("+2", lambda d: d + dt.timedelta(days=2))
    if re.search(r"(^|[^א-ת])מחר($|[^א-ת])|(?<!after )tomorrow|(?<!after )tmrw|\btmr\b", t):
        add("+1", lambda d: d + dt.timedelta(days=1))
    if re.search(r"סוף (ה)?חודש הבא|end of next month", t):
        add("eonm", lambda d: month_end(next_month_first(d)))
    elif re.search(r"סוף (ה)?חודש|end of (the )?month|\beom\b|end-of-month", t):
        add("eom", month_end)
    if re.search(r"אמצע (ה)?חודש (ה)?הבא|mid next month", t):
        add("midnm", lambda d: next_month_first(d) + dt.timedelta(days=14))
    elif re.search(r"אמצע (ה)?חודש|mid-month|mid month", t):
        add("mid", lambda d: walk(d, lambda x: x.day == 15))
    if re.search(r"תחילת (ה)?חודש|beginning of next month|early next month", t):
        add("bonm", lambda d: next_month_first(d) + dt.timedelta(days=9))
    if re.search(r"(ב)?שבוע הבא|next week", t) and not re.search(r"סוף השבוע הבא|end of next week", t):
        add("nw", lambda d: thursday_this_week(d) + dt.timedelta(days=7))
    if re.search(r"סוף השבוע הבא|end of next week", t):
        add("nw", lambda d: thursday_this_week(d) + dt.timedelta(days=7))
    elif re.search(r"סוף (ה)?שבוע|סופש|this week|end of (the )?week|\beow\b", t):
        add("tw", thursday_this_week)
    m = re.search(r"(?:עד |ב-?|ב)ה?-?(\d{1,2}) לחודש|by the (\d{1,2})(?:st|nd|rd|th)\b|on the (\d{1,2})(?:st|nd|rd|th)\b", t)
    if m:
        n = int(next(g for g in m.groups() if g))
        add("dom", lambda d, n=n: walk(d, lambda x: x.day == n))
    for w, k in HE_DAYS.items():
        if re.search(r"(יום|ביום|ב)\s?" + w + r"($|[^א-ת])", t):
            add("wd", lambda d, k=k: walk(d, lambda x: x.isoweekday() == k, strict=True))
    for w, k in EN_DAYS.items():
        if re.search(r"\b" + w + r"\b", t):
            add("wd", lambda d, k=k: walk(d, lambda x: x.isoweekday() == k, strict=True))
    m = re.search(r"תוך (\d+) ימים|בעוד (\d+) ימים|within (\d+) days|in (\d+) days", t)
    if m:
        n = int(next(g for g in m.groups() if g))
        add("+N", lambda d, n=n: d + dt.timedelta(days=n))
    m = re.search(r"(?:תוך|בעוד) (\d+) יום", t)
    if m:
        add("+N", lambda d, n=int(m.group(1)): d + dt.timedelta(days=n))
    if re.search(r"(בעוד|תוך) שבוע($|[^א-ת])|within a week|in a week", t):
        add("+7", lambda d: d + dt.timedelta(days=7))
    if re.search(r"אחרי (ה)?חג|after the holidays|or next|או הבא", t) and not re.search(r"\d", t):
        add("none", lambda d: None)
    if re.search(r"שבועיים|two weeks|2 weeks", t):
        add("+14", lambda d: d + dt.timedelta(days=14))
    if re.search(r"חודש מהיום|בתוך חודש|בעוד חודש|a month from today|one month of today|within a month|in a month", t):
        add("m1", lambda d: (next_month_first(d).replace(day=min(d.day, month_end(next_month_first(d)).day))))
    elif re.search(r"(^|[^א-ת])היום($|[^א-ת])|\btoday\b|tonight", t):
        add("today", lambda d: d)
    return found


def main(path, years=(2026, 2027), quotes=None):
    """years: allowed message years; quotes: optional TSV (id, _, quote_offset)
    whose offset cuts the quoted reminder off before the date cues are read."""
    cut = {}
    if quotes:
        with open(quotes, encoding="utf-8") as f:
            next(f)
            for ln in f:
                p = ln.rstrip("\n").split("\t")
                cut[p[0]] = int(p[2])
    rows, ids = [], set()
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            try:
                r = json.loads(line)
            except Exception as e:
                err(i, "does not parse: %s" % e)
                continue
            rows.append((i, r))
            if sorted(r) != sorted(KEYS):
                err(i, "keys %s" % sorted(r))
                continue
            if r["id"] in ids:
                err(i, "duplicate id")
            ids.add(r["id"])
            pre = {"he": "he-", "en": "en-", "mixed": "mx-"}.get(r["lang"])
            if r["lang"] not in LANGS:
                err(i, "lang")
            elif not re.fullmatch(re.escape(pre) + r"\d{4}", r["id"]):
                err(i, "id format %s" % r["id"])
            if r["register"] not in REGISTERS:
                err(i, "register %s" % r["register"])
            if not isinstance(r["text"], str) or not r["text"].strip():
                err(i, "empty text")
            its = r["intents"]
            if not its or any(x not in ORDER for x in its) or len(set(its)) != len(its):
                err(i, "intents %s" % its)
                continue
            if its != sorted(its, key=ORDER.index):
                err(i, "intents not in priority order %s" % its)
            if r["intent"] != min(its, key=ORDER.index):
                err(i, "main intent %s does not follow the order for %s" % (r["intent"], its))
            if "none" in its and len(its) > 1:
                err(i, "none mixed with other intents")
            try:
                when = dt.datetime.fromisoformat(r["date"])
            except Exception:
                err(i, "bad date %r" % r["date"])
                continue
            if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[23]:00", r["date"]):
                err(i, "date format %s" % r["date"])
            if when.year not in years:
                err(i, "date outside %d-%d" % (years[0], years[-1]))
            local = when.replace(tzinfo=None).replace(tzinfo=TZ)
            if local.utcoffset() != when.utcoffset():
                err(i, "offset %s wrong for Israel time on %s" % (r["date"][-6:], r["date"][:10]))
            pd = r["promise_date"]
            if pd is not None:
                if "promise" not in its:
                    err(i, "promise_date without a promise")
                try:
                    p = dt.date.fromisoformat(pd)
                    if p < when.date():
                        err(i, "promise_date before message date")
                except Exception:
                    err(i, "bad promise_date %r" % pd)
    # ---- independent promise-date check ----
    checked = agree = 0
    mism = []
    for i, r in rows:
        if "promise" not in r.get("intents", []):
            continue
        text = r["text"]
        if cut.get(r["id"], -1) >= 0:
            text = text[:cut[r["id"]]]
        cs = cues(text)
        if len(cs) != 1:
            continue
        d = dt.datetime.fromisoformat(r["date"]).date()
        e = cs[0][1](d)
        exp = e.isoformat() if e else None
        checked += 1
        if r["promise_date"] == exp:
            agree += 1
        else:
            mism.append((r["id"], cs[0][0], r["date"][:10], r["promise_date"], exp, r["text"][:70].replace("\n", " ")))
    print("rows: %d, structural errors: %d" % (len(rows), len(errors)))
    for e in errors[:50]:
        print("  ", e)
    print("promise dates re-derived from the text (single-cue items): %d, agree %d" % (checked, agree))
    for m in mism:
        print("  cue/label differ:", m)
    rnd = random.Random(7)
    pool = [r for _, r in rows if r.get("promise_date")]
    sample = rnd.sample(pool, min(15, len(pool)))
    print("\nrandom sample of dated promises (read by eye):")
    for r in sample:
        d = dt.date.fromisoformat(r["date"][:10])
        print("  %s %s(%s) -> %s | %s" % (r["id"], r["date"][:10], d.strftime("%a"), r["promise_date"],
                                       r["text"][:80].replace("\n", " ")))
    return 1 if errors else 0


if __name__ == "__main__":
    # validate.py [FILE] [--years 2025-2026] [--quotes corpus2_quotes.tsv]
    args, years, quotes = sys.argv[1:], (2026, 2027), None
    if "--years" in args:
        k = args.index("--years")
        a, b = map(int, args[k + 1].split("-"))
        years, args = tuple(range(a, b + 1)), args[:k] + args[k + 2:]
    if "--quotes" in args:
        k = args.index("--quotes")
        quotes, args = args[k + 1], args[:k] + args[k + 2:]
    sys.exit(main(args[0] if args else "corpus.jsonl", years, quotes))
