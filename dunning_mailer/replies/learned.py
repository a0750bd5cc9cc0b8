"""The learned part of the reader: a linear model over character and word n-grams, scored in plain
Python from weights shipped with the package (data/intents.model), read the first time a reply
has to be understood.

The weights come from tools/train_replies.py (scikit-learn, a fixed seed, the corpus in
data/corpus.jsonl): logistic regression over sublinear tf-idf features, L2-normalised, as
scikit-learn computes them; the scores are turned into probabilities with the temperature found
by cross-validation, so that a confidence of 0.8 is right about four times in five.

File format (gzip, UTF-8): a JSON header line ``{"classes": [...], "intercept": [...],
"temperature": T, "scale": S, ...}``, then one line per feature: ``feature<TAB>idf<TAB>w1,w2,…``
with the weights multiplied by S and rounded to integers.
"""
from __future__ import annotations

import gzip
import importlib.resources
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence


MODEL_FILE = "intents.model"


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    # feature -> (idf, per-class weights)
    weights: Mapping[str, tuple[float, tuple[float, ...]]]
    temperature: float = 1.0
    info: Mapping[str, object] = field(default_factory=dict)

    def probabilities(self, counts: Mapping[str, float]) -> dict[str, float]:
        """Class probabilities for the feature counts of one text."""
        k = len(self.classes)
        scores = [0.0] * k
        norm = 0.0
        for f, tf in counts.items():
            entry = self.weights.get(f)
            if entry is None or tf <= 0:
                continue
            idf, w = entry
            x = (1.0 + math.log(tf)) * idf
            norm += x * x
            for c in range(k):
                scores[c] += x * w[c]
        norm = math.sqrt(norm) or 1.0
        logits = [(self.intercept[c] + scores[c] / norm) / self.temperature for c in range(k)]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {self.classes[c]: exps[c] / total for c in range(k)}


def dumps(model: Model, scale: int = 1000) -> bytes:
    """The model as the shipped file's bytes (deterministic: same model, same bytes)."""
    header = {"format": 1, "classes": list(model.classes), "intercept": [round(v, 6) for v in model.intercept],
              "temperature": round(model.temperature, 6), "scale": scale, **model.info}
    lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
    for f in sorted(model.weights):
        idf, w = model.weights[f]
        q = [round(v * scale) for v in w]
        if not any(q):
            continue
        lines.append(f"{f}\t{idf:.4f}\t{','.join(map(str, q))}")
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0)


def loads(data: bytes) -> Model:
    text = gzip.decompress(data).decode("utf-8")
    first, _, rest = text.partition("\n")
    header = json.loads(first)
    scale = float(header["scale"])
    weights: dict[str, tuple[float, tuple[float, ...]]] = {}
    for line in rest.split("\n"):
        if not line:
            continue
        f, idf, w = line.split("\t")
        weights[f] = (float(idf), tuple(int(v) / scale for v in w.split(",")))
    info = {k: v for k, v in header.items() if k not in ("classes", "intercept", "temperature", "scale")}
    return Model(tuple(header["classes"]), tuple(header["intercept"]), weights,
                 float(header.get("temperature", 1.0)), info)


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    """The model shipped with the package, or None when the file is missing (the reader then
    works from its exact rules alone and says so)."""
    try:
        data = importlib.resources.files(__package__).joinpath("data", MODEL_FILE).read_bytes()
    except (FileNotFoundError, OSError):
        return None
    return loads(data)


def top(probabilities: Mapping[str, float], n: int = 3) -> Sequence[tuple[str, float]]:
    return sorted(probabilities.items(), key=lambda kv: -kv[1])[:n]
