#!/usr/bin/env python3
"""Build corpus.jsonl from the hand-written batch files in src/.

Batch file format (one file per batch, lang given by the file's first line
"#lang he|en|mixed"):

    ## INTENTS ; DATE-EXPR ; REGISTER [; key=value ...]
    text of the reply, any number of lines
    ## ...

INTENTS letters: D dispute, L plan_request, P promise, C payment_claim,
Q question, N none.  DATE-EXPR (only with P): see promise_date() below;
"-" = no promise date.  Options: lang=he|en|mixed, wd=<weekday of message>,
mo=<m1-m2 month range of message>, h=<h1-h2 hour range>.
Lines starting with "#!" are comments.  The message date is drawn with a
seeded RNG inside 2026-2027 under the constraints the date expression needs
(so that e.g. "by the 15th" is a few days ahead); promise_date is computed
from the message date with datetime, never by hand.
"""
import calendar, datetime as dt, glob, hashlib, json, os, random, re, sys
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Jerusalem")
ORDER = ["dispute", "plan_request", "promise", "payment_claim", "question", "none"]
CODE = {"D": "dispute", "L": "plan_request", "P": "promise", "C": "payment_claim",
        "Q": "question", "N": "none"}
WD = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
START, END = dt.date(2026, 1, 1), dt.date(2027, 12, 31)
REGISTERS = {"whatsapp", "spoken", "formal", "corporate", "institutional", "accountant",
             "angry", "apologetic", "sarcastic", "broken", "translit", "family", "terse",
             "autoreply"}


def add_month(d, n=1):
    y, m = d.year + (d.month - 1 + n) // 12, (d.month - 1 + n) % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def last_day(y, m):
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def week_thursday(d):  # weeks run Sunday..Saturday
    sunday = d - dt.timedelta(days=(d.weekday() + 1) % 7)
    return sunday + dt.timedelta(days=4)


def on_or_after_day(d, day):
    y, m = d.year, d.month
    while True:
        if day <= calendar.monthrange(y, m)[1] and dt.date(y, m, day) >= d:
            return dt.date(y, m, day)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def on_or_after_dm(d, day, month):
    for y in (d.year, d.year + 1, d.year + 2):
        try:
            c = dt.date(y, month, day)
        except ValueError:
            continue
        if c >= d:
            return c


def promise_date(expr, d):
    """d: the message's local date.  Returns a date or None."""
    if expr == "-":
        return None
    if expr == "today":
        return d
    if expr == "tom":
        return d + dt.timedelta(days=1)
    if expr == "dat":
        return d + dt.timedelta(days=2)
    if expr.startswith("wd:"):
        t = WD[expr[3:]]
        k = (t - d.weekday()) % 7 or 7
        return d + dt.timedelta(days=k)
    if expr.startswith("d:"):
        return d + dt.timedelta(days=int(expr[2:]))
    if expr == "m1":
        return add_month(d, 1)
    if expr == "tw":
        return week_thursday(d)
    if expr == "nw":
        return week_thursday(d) + dt.timedelta(days=7)
    if expr == "eom":
        return last_day(d.year, d.month)
    if expr == "eonm":
        n = add_month(d.replace(day=1), 1)
        return last_day(n.year, n.month)
    if expr == "mid":
        return on_or_after_day(d, 15)
    if expr == "midnm":
        return add_month(d.replace(day=1), 1).replace(day=15)
    if expr == "bonm":
        return add_month(d.replace(day=1), 1).replace(day=10)
    if expr.startswith("dom:"):
        return on_or_after_day(d, int(expr[4:]))
    if expr.startswith("dm:"):
        day, month = map(int, expr[3:].split("/"))
        return on_or_after_dm(d, day, month)
    raise ValueError("unknown date expression %r" % expr)


def fits(expr, d, opts):
    if not (START <= d <= END):
        return False
    if "wd" in opts and d.weekday() not in [WD[w] for w in opts["wd"].split("|")]:
        return False
    if "mo" in opts:
        a, b = map(int, opts["mo"].split("-")) if "-" in opts["mo"] else (int(opts["mo"]),) * 2
        if not (a <= d.month <= b if a <= b else (d.month >= a or d.month <= b)):
            return False
    if expr.startswith("wd:") and d.weekday() == WD[expr[3:]]:
        return False  # nobody writes "on Tuesday" on a Tuesday meaning next week
    if expr == "tw" and d.weekday() not in (6, 0, 1, 2):  # Sun-Wed
        return False
    if expr == "mid" and d.day > 12:
        return False
    if expr == "bonm" and d.day < 12:
        return False
    if expr == "eom" and d.day > 26:
        return False
    if expr.startswith("dom:") or expr.startswith("dm:"):
        gap = (promise_date(expr, d) - d).days
        lim = 21 if expr.startswith("dom:") else 40
        if not (1 <= gap <= lim):
            return False
    return True


def seasonal_opts(text, opts):
    """Greetings and holidays in the text pin the weekday/month of the message."""
    opts = dict(opts)
    low = text.lower()
    if "wd" not in opts:
        if "שבת שלום" in text or "shabbat shalom" in low:
            opts["wd"] = "fri"
        elif "שבוע טוב" in text:
            opts["wd"] = "sat|sun"
    if "mo" not in opts:
        if "שנה טובה" in text or "סוכות" in text:
            opts["mo"] = "9-10"
        elif "פסח" in text or "מימונה" in text:
            opts["mo"] = "3-4"
    return opts


def pick_datetime(rng, expr, opts, text):
    opts = seasonal_opts(text, opts)
    span = (END - START).days
    if expr.startswith("dm:"):
        day, month = map(int, expr[3:].split("/"))
        for _ in range(1000):
            y = rng.choice([2026, 2027])
            try:
                target = dt.date(y, month, day)
            except ValueError:
                continue
            d = target - dt.timedelta(days=rng.randint(1, 40))
            if fits(expr, d, opts):
                break
        else:
            raise RuntimeError("no date fits %s %s" % (expr, opts))
    else:
        for _ in range(5000):
            d = START + dt.timedelta(days=rng.randint(0, span))
            if fits(expr, d, opts):
                break
        else:
            raise RuntimeError("no date fits %s %s" % (expr, opts))
    low = text.lower()
    if "h" in opts:
        a, b = map(int, opts["h"].split("-"))
    elif "בוקר טוב" in text or "good morning" in low:
        a, b = 6, 11
    elif "ערב טוב" in text or "good evening" in low:
        a, b = 17, 22
    elif "לילה טוב" in text or "good night" in low:
        a, b = 21, 23
    else:
        a, b = rng.choice([(7, 12), (8, 17), (8, 17), (12, 19), (17, 23), (9, 16)])
    t = dt.datetime(d.year, d.month, d.day, rng.randint(a, b), rng.randint(0, 59),
                    rng.randint(0, 59), tzinfo=TZ)
    return t


def parse_file(path):
    items, lang, cur = [], None, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for ln in lines:
        if ln.startswith("#lang "):
            lang = ln.split()[1]
            continue
        if ln.startswith("#!"):
            continue
        if ln.startswith("## "):
            if cur:
                items.append(cur)
            parts = [p.strip() for p in ln[3:].split(";")]
            opts = dict(p.split("=", 1) for p in parts[3:] if p)
            cur = {"codes": parts[0], "expr": parts[1], "register": parts[2],
                   "opts": opts, "lines": [], "src": os.path.basename(path)}
            continue
        if cur is not None:
            cur["lines"].append(ln)
    if cur:
        items.append(cur)
    out = []
    for it in items:
        text = "\n".join(it["lines"]).strip("\n")
        text = "\n".join(l.rstrip() for l in text.split("\n"))
        if not text.strip():
            raise ValueError("empty text in %s" % it["src"])
        intents = [CODE[c] for c in it["codes"]]
        intents = sorted(set(intents), key=ORDER.index)
        if "none" in intents and len(intents) > 1:
            raise ValueError("none mixed with others in %s: %r" % (it["src"], text[:60]))
        if it["expr"] != "-" and "promise" not in intents:
            raise ValueError("date without promise in %s: %r" % (it["src"], text[:60]))
        if it["register"] not in REGISTERS:
            raise ValueError("register %r in %s" % (it["register"], it["src"]))
        out.append({"text": text, "intents": intents, "expr": it["expr"],
                    "register": it["register"], "lang": it["opts"].get("lang", lang),
                    "opts": it["opts"], "src": it["src"]})
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    items = []
    for p in sorted(glob.glob(os.path.join(here, "src", "*.txt"))):
        items.extend(parse_file(p))
    seen = {}
    for it in items:
        k = re.sub(r"\s+", " ", it["text"]).strip()
        if k in seen:
            print("duplicate text:", k[:70], "|", seen[k], it["src"], file=sys.stderr)
        seen[k] = it["src"]
    rng_order = random.Random(20260101)
    bylang = {}
    for it in items:
        bylang.setdefault(it["lang"], []).append(it)
    prefix = {"he": "he", "en": "en", "mixed": "mx"}
    rows = []
    for lang in ("he", "en", "mixed"):
        group = bylang.get(lang, [])
        rng_order.shuffle(group)
        for i, it in enumerate(group, 1):
            iid = "%s-%04d" % (prefix[lang], i)
            seed = int(hashlib.sha256(it["text"].encode()).hexdigest()[:12], 16)
            rng = random.Random(seed)
            when = pick_datetime(rng, it["expr"], it["opts"], it["text"])
            pd = promise_date(it["expr"], when.date())
            rows.append({"id": iid, "text": it["text"], "intent": it["intents"][0],
                         "intents": it["intents"],
                         "promise_date": pd.isoformat() if pd else None,
                         "date": when.isoformat(), "lang": lang,
                         "register": it["register"]})
            it["id"] = iid
    with open(os.path.join(here, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # side file for the validator: which date rule each item was labelled with
    with open(os.path.join(here, "date_rules.tsv"), "w", encoding="utf-8") as f:
        f.write("id\trule\tsource\n")
        for it in items:
            f.write("%s\t%s\t%s\n" % (it["id"], it["expr"], it["src"]))
    print("wrote %d rows" % len(rows))


if __name__ == "__main__":
    main()
