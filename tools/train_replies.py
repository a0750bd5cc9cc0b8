"""Train the reply reader's model and measure the whole reader by cross-validation.

    .venv/bin/pip install scikit-learn          # training only; the product never imports it
    .venv/bin/python tools/train_replies.py [--corpus PATH ...] [--folds 5] [--no-write] [--report FILE]
                                            [--misses N]

Reads the labelled corpora (data/replies/corpus.jsonl and, when present, corpus2.jsonl, written by
another author; see their READMEs), cuts every text as the reader cuts a reply's body (quoted
reminder, signature), turns it into the features the reader computes at run time
(replies.intents.features), and fits a multinomial
logistic regression on sublinear tf-idf (scikit-learn, fixed seed: the same corpus gives the same
file byte for byte). The probabilities' temperature is fitted on out-of-fold scores.

Before writing, it measures the *whole* reader — model, exact rules, dates — on a stratified
k-fold split of the corpus: every reply is read by a model that never saw it, through the same
``intents.read`` the product runs. It prints main-intent accuracy (per language), promise-date
accuracy, the confusion table, the safety counts (disputes read as a promise or a payment, replies
that are no payment claim read as one) and how many replies would go to a person at the
threshold, for all replies and for each corpus apart. With several corpora it also reads each with a
model fitted on the other corpora alone ("out of author", each corpus in turn): the honest figure,
the one to choose by. Then it
fits on every corpus and writes dunning_mailer/replies/data/intents.model.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.feature_extraction.text import TfidfTransformer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

from dunning_mailer.replies import intents as reading  # noqa: E402
from dunning_mailer.replies.learned import MODEL_FILE, Model, dumps  # noqa: E402
from dunning_mailer.replies.quotes import _cut_text  # noqa: E402
from dunning_mailer.replies.verdict import PRIORITY  # noqa: E402

DATA = ROOT / "dunning_mailer" / "replies" / "data"
CORPORA = tuple(ROOT / "data" / "replies" / name for name in ("corpus.jsonl", "corpus2.jsonl", "corpus3.jsonl"))
SEED = 20261201
C = 30.0
MIN_DF = 3


def load(path: Path) -> list[dict]:
    """A corpus's rows, each with the text the reader would see (quotes and signature cut), the day
    it was written and the corpus it comes from."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        r["written"] = dt.datetime.fromisoformat(r["date"]).date()
        r["source"] = path.stem
        r["read_text"] = _cut_text(r["text"])
    return rows


def fit(feats: list[dict], labels: list[str]) -> tuple[Model, DictVectorizer, TfidfTransformer, LogisticRegression]:
    """A model over the features seen in at least MIN_DF replies."""
    df = collections.Counter(k for f in feats for k in f)
    keep = [{k: v for k, v in f.items() if df[k] >= MIN_DF} for f in feats]
    dv = DictVectorizer(sort=True)
    X = dv.fit_transform(keep)
    tf = TfidfTransformer(sublinear_tf=True)
    X = tf.fit_transform(X)
    lr = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
    lr.fit(X, labels)
    names = dv.get_feature_names_out()
    W = lr.coef_.T  # features x classes
    weights = {str(names[j]): (float(tf.idf_[j]), tuple(float(w) for w in W[j])) for j in range(len(names))}
    model = Model(tuple(str(c) for c in lr.classes_), tuple(float(b) for b in lr.intercept_), weights)
    return model, dv, tf, lr


def logits(model: Model, feat: dict) -> list[float]:
    p = model.probabilities(feat)
    return [math.log(max(p[c], 1e-12)) for c in model.classes]


def fit_temperature(scores: list[list[float]], gold: list[int]) -> float:
    """The temperature that minimises the log-loss of out-of-fold scores (a coarse-to-fine grid)."""
    def loss(t: float) -> float:
        total = 0.0
        for s, g in zip(scores, gold):
            z = [v / t for v in s]
            top = max(z)
            lse = top + math.log(sum(math.exp(v - top) for v in z))
            total += lse - z[g]
        return total / len(gold)
    best = min((t / 10 for t in range(3, 40)), key=loss)
    return min((best + d / 100 for d in range(-9, 10)), key=loss)


def with_temperature(model: Model, t: float, info: dict | None = None) -> Model:
    return Model(model.classes, model.intercept, model.weights, t, info or {})


def cross_validate(rows: list[dict], feats: list[dict], folds: int) -> dict:
    y = np.array([r["intent"] for r in rows])
    skf = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    fold_of = np.zeros(len(rows), dtype=int)
    oof_scores: list[list[float] | None] = [None] * len(rows)
    models = []
    for k, (tr, te) in enumerate(skf.split(feats, y)):
        model, *_ = fit([feats[i] for i in tr], [y[i] for i in tr])
        models.append(model)
        for i in te:
            fold_of[i] = k
            oof_scores[i] = logits(model, feats[i])
    classes = models[0].classes
    gold_idx = [classes.index(r["intent"]) for r in rows]
    temperature = fit_temperature(oof_scores, gold_idx)
    readings = [read_row(r, with_temperature(models[fold_of[i]], temperature)) for i, r in enumerate(rows)]
    return {"temperature": temperature, "readings": readings}


def read_row(r: dict, model: Model):
    return reading.read(r["read_text"], r["written"], model=model)


def out_of_author(train: list[dict], test: list[dict], feats: dict[int, dict], temperature: float) -> list:
    """Read ``test`` with a model fitted on ``train`` alone (another author's replies)."""
    model, *_ = fit([feats[id(r)] for r in train], [r["intent"] for r in train])
    model = with_temperature(model, temperature)
    return [read_row(r, model) for r in test]


def report(rows: list[dict], readings: list, threshold: float) -> dict:
    n = len(rows)
    right = [rd.intent == r["intent"] for r, rd in zip(rows, readings)]
    by_lang: dict[str, list[bool]] = collections.defaultdict(list)
    for r, ok in zip(rows, right):
        by_lang[r["lang"]].append(ok)
    promises = [(r, rd) for r, rd in zip(rows, readings) if "promise" in r["intents"]]
    date_ok = [rd.promise_date == (dt.date.fromisoformat(r["promise_date"]) if r["promise_date"] else None)
               for r, rd in promises]
    dated = [(r, rd) for r, rd in promises if r["promise_date"]]
    confusion = collections.Counter((r["intent"], rd.intent) for r, rd in zip(rows, readings))
    disputes_missed = [r["id"] for r, rd in zip(rows, readings)
                       if r["intent"] == "dispute" and rd.intent in ("promise", "payment_claim")]
    false_claims = [r["id"] for r, rd in zip(rows, readings)
                    if "payment_claim" not in r["intents"] and "payment_claim" in rd.intents]
    auto = [(r, rd) for r, rd in zip(rows, readings) if rd.needs_person is None]
    out = {
        "replies": n,
        "main_intent_accuracy": sum(right) / n,
        "by_language": {k: {"n": len(v), "accuracy": sum(v) / len(v)} for k, v in sorted(by_lang.items())},
        "promise_date_accuracy": sum(date_ok) / len(date_ok) if date_ok else None,
        "promise_date_accuracy_dated": (sum(rd.promise_date == dt.date.fromisoformat(r["promise_date"])
                                            for r, rd in dated) / len(dated)) if dated else None,
        "promises": len(promises),
        "disputes_read_as_promise_or_payment": disputes_missed,
        "non_claims_read_as_payment_claim": false_claims,
        "to_a_person": n - len(auto),
        "held_unsure": sum(rd.needs_person_kind == "unsure" for rd in readings),
        "handled_alone": len(auto),
        "handled_alone_accuracy": (sum(rd.intent == r["intent"] for r, rd in auto) / len(auto)) if auto else None,
        "threshold": threshold,
        "confusion": {g: {p: confusion[(g, p)] for p in PRIORITY} for g in PRIORITY},
    }
    return out


def print_report(rep: dict) -> None:
    print(f"replies: {rep['replies']}  main intent accuracy: {rep['main_intent_accuracy']:.1%}")
    for lang, v in rep["by_language"].items():
        print(f"  {lang}: {v['accuracy']:.1%} of {v['n']}")
    print(f"promise dates: {rep['promise_date_accuracy']:.1%} of {rep['promises']} promises "
          f"(with a definite date: {rep['promise_date_accuracy_dated']:.1%})")
    print(f"disputes read as a promise or a payment: {len(rep['disputes_read_as_promise_or_payment'])} "
          f"{rep['disputes_read_as_promise_or_payment'][:20]}")
    print(f"not a payment claim, read as one: {len(rep['non_claims_read_as_payment_claim'])} "
          f"{rep['non_claims_read_as_payment_claim'][:20]}")
    alone = rep["handled_alone_accuracy"]
    print(f"handled without a person: {rep['handled_alone']} ({alone or 0:.1%} right); "
          f"to a person: {rep['to_a_person']} (held as unsure: {rep['held_unsure']})")
    short = {"dispute": "disp", "plan_request": "plan", "promise": "prom", "payment_claim": "paid",
             "question": "ques", "none": "none"}
    print("gold \\ read  " + " ".join(f"{short[p]:>5}" for p in PRIORITY))
    for g in PRIORITY:
        print(f"{short[g]:>11}  " + " ".join(f"{rep['confusion'][g][p]:5d}" for p in PRIORITY))


def misses(rows: list[dict], readings: list) -> list[dict]:
    out = []
    for r, rd in zip(rows, readings):
        read_date = rd.promise_date.isoformat() if rd.promise_date else None
        if rd.intent != r["intent"] or ("promise" in r["intents"] and read_date != r["promise_date"]):
            out.append({"id": r["id"], "gold": r["intent"], "read": rd.intent, "confidence": round(rd.confidence, 3),
                        "gold_date": r["promise_date"], "read_date": read_date, "text": r["read_text"],
                        "why": list(rd.why)})
    return out


def print_misses(found: list[dict], n: int) -> None:
    for e in found[:n]:
        date = f" date {e['gold_date']} read {e['read_date']}" if e["gold_date"] != e["read_date"] else ""
        print(f"  {e['id']}: {e['gold']} read {e['read']} ({e['confidence']:.2f}){date}: "
              f"{e['text'][:140]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, action="append", help="a corpus (repeat; default: the shipped ones)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-write", action="store_true", help="measure only")
    ap.add_argument("--no-cv", action="store_true", help="fit and write only")
    ap.add_argument("--misses", type=int, default=0, help="print this many misses of each measurement")
    ap.add_argument("--report", type=Path, help="write the figures and the misses here (JSON)")
    ap.add_argument("--ooa-only", action="store_true",
                    help="skip the k-fold split: only the out-of-author readings, at the shipped model's temperature")
    ap.add_argument("--shipped", action="store_true",
                    help="read every corpus with the shipped model file as it is, fit nothing")
    args = ap.parse_args(argv)

    paths = args.corpus or [p for p in CORPORA if p.exists()]
    corpora = [load(p) for p in paths]
    rows = [r for c in corpora for r in c]
    feats = [reading.features(r["read_text"]) for r in rows]
    by_row = {id(r): f for r, f in zip(rows, feats)}
    temperature = 1.0
    figures: dict = {}
    if args.shipped:
        from dunning_mailer.replies.learned import shipped
        model = shipped()
        for p, c in zip(paths, corpora):
            print(f"== the shipped model ({model.info.get('corpora')}) reads {p.name}")
            got = [read_row(r, model) for r in c]
            rep = report(c, got, reading.THRESHOLD)
            print_report(rep)
            figures["shipped_" + p.stem] = {**rep, "misses": misses(c, got)}
            print_misses(figures["shipped_" + p.stem]["misses"], args.misses)
        if args.report:
            args.report.write_text(json.dumps(figures, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        return 0
    if args.ooa_only:
        from dunning_mailer.replies.learned import shipped
        temperature = shipped().temperature
        for k, (p, c) in enumerate(zip(paths, corpora)):
            others = [o for j, o in enumerate(corpora) if j != k]
            names = " + ".join(q.name for j, q in enumerate(paths) if j != k)
            print(f"== out of author: trained on {names}, read {p.name} (temperature {temperature:.2f})")
            got = out_of_author([r for o in others for r in o], c, by_row, temperature)
            sub = report(c, got, reading.THRESHOLD)
            print_report(sub)
            figures["ooa_" + p.stem] = {**sub, "misses": misses(c, got)}
            print_misses(figures["ooa_" + p.stem]["misses"], args.misses)
        if args.report:
            args.report.write_text(json.dumps(figures, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        return 0
    if not args.no_cv:
        cv = cross_validate(rows, feats, args.folds)
        temperature = cv["temperature"]
        print(f"== cross-validation, {args.folds} folds over {' + '.join(p.name for p in paths)}")
        rep = report(rows, cv["readings"], reading.THRESHOLD)
        rep["temperature"] = temperature
        print_report(rep)
        figures["cv"] = {**rep, "misses": misses(rows, cv["readings"])}
        print_misses(figures["cv"]["misses"], args.misses)
        if len(corpora) > 1:
            for p, c in zip(paths, corpora):
                idx = [i for i, r in enumerate(rows) if r["source"] == p.stem]
                print(f"== cross-validation, the replies of {p.name} alone")
                sub = report([rows[i] for i in idx], [cv["readings"][i] for i in idx], reading.THRESHOLD)
                print_report(sub)
                figures["cv_" + p.stem] = sub
            for k, (p, c) in enumerate(zip(paths, corpora)):
                others = [o for j, o in enumerate(corpora) if j != k]
                names = " + ".join(q.name for j, q in enumerate(paths) if j != k)
                print(f"== out of author: trained on {names}, read {p.name}")
                got = out_of_author([r for o in others for r in o], c, by_row, temperature)
                sub = report(c, got, reading.THRESHOLD)
                print_report(sub)
                figures["ooa_" + p.stem] = {**sub, "misses": misses(c, got)}
                print_misses(figures["ooa_" + p.stem]["misses"], args.misses)
        if args.report:
            args.report.write_text(json.dumps(figures, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    if args.no_write:
        return 0
    model, *_ = fit(feats, [r["intent"] for r in rows])
    info = {"corpus_rows": len(rows), "corpora": {p.name: len(c) for p, c in zip(paths, corpora)},
            "seed": SEED, "C": C, "min_df": MIN_DF}
    data = dumps(with_temperature(model, temperature, info))
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / MODEL_FILE).write_bytes(data)
    print(f"wrote {DATA / MODEL_FILE}: {len(data) / 1024:.0f} KiB, {len(model.weights)} features, "
          f"temperature {temperature:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
