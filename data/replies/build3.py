#!/usr/bin/env python3
"""Build corpus3.jsonl from the hand-written batches in src3/ (the third author).

Same batch format as src/ and src2/ (see build.py, build2.py) and the same
programmatic parts as build2.py, reused from it: the message date under the
constraints the date rule and the greetings need, the promise date computed
from it with datetime, the quoted reminder / signature / footer / dropped final
letters.  Differences:

* ids start at 8001 (he-8001, en-8001, mx-8001), so they never collide with
  corpus.jsonl or corpus2.jsonl;
* every random draw is seeded with "c3" + the text, so a rebuild gives the
  same corpus, and the draws differ from corpus2's;
* texts identical to one in corpus.jsonl or corpus2.jsonl are reported.

    python3 build3.py && python3 validate.py corpus3.jsonl --years 2025-2026 --quotes corpus3_quotes.tsv
    python3 build3.py --stats
"""
import glob, hashlib, json, os, random, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import build  # noqa: E402
import build2  # noqa: E402


def main():
    items = []
    for p in sorted(glob.glob(os.path.join(HERE, "src3", "*.txt"))):
        items.extend(build.parse_file(p))
    old = set()
    for name in ("corpus.jsonl", "corpus2.jsonl"):
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            for line in f:
                old.add(re.sub(r"\s+", " ", json.loads(line)["text"]).strip())
    seen = {}
    for it in items:
        k = re.sub(r"\s+", " ", it["text"]).strip()
        if k in seen:
            print("duplicate text:", k[:70], "|", seen[k], it["src"], file=sys.stderr)
        if k in old:
            print("same text as in an earlier corpus:", k[:70], it["src"], file=sys.stderr)
        seen[k] = it["src"]
    order = random.Random(20261204)
    bylang = {}
    for it in items:
        bylang.setdefault(it["lang"], []).append(it)
    prefix = {"he": "he", "en": "en", "mixed": "mx"}
    rows, side = [], []
    for lang in ("he", "en", "mixed"):
        group = bylang.get(lang, [])
        order.shuffle(group)
        for i, it in enumerate(group, 8001):
            iid = "%s-%04d" % (prefix[lang], i)
            seed = int(hashlib.sha256(("c3" + it["text"]).encode()).hexdigest()[:12], 16)
            rng = random.Random(seed)
            when = build2.pick_datetime(rng, it["expr"], it["opts"], it["text"])
            pd = build2.promise_date(it["expr"], when.date())
            if pd is not None and pd < when.date():
                raise RuntimeError("promise before message: %r" % it["text"][:50])
            text, off, added = build2.decorate(rng, it, when)
            rows.append({"id": iid, "text": text, "intent": it["intents"][0], "intents": it["intents"],
                         "promise_date": pd.isoformat() if pd else None,
                         "date": when.isoformat(), "lang": lang, "register": it["register"]})
            side.append((iid, it["expr"], off, ",".join(added) or "-", it["src"]))
    with open(os.path.join(HERE, "corpus3.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "corpus3_quotes.tsv"), "w", encoding="utf-8") as f:
        f.write("id\tdate_rule\tquote_offset\tadded\tsource\n")
        for s in side:
            f.write("%s\t%s\t%d\t%s\t%s\n" % s)
    print("wrote %d rows" % len(rows))


if __name__ == "__main__":
    if sys.argv[1:] == ["--stats"]:
        import builtins
        real_open = builtins.open
        # build2.stats reads corpus2_quotes.tsv by name; point it at corpus3's
        builtins.open = lambda p, *a, **k: real_open(str(p).replace("corpus2_quotes", "corpus3_quotes"), *a, **k)
        build2.stats(os.path.join(HERE, "corpus3.jsonl"))
    else:
        main()
