"""Multi-label evaluation of any domain tagger that has a batch ``predict``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np


class Predictor(Protocol):
    def predict(self, texts: Sequence[str]) -> list[list[tuple[str, float]]]: ...


def evaluate(
    clf: Predictor, texts: Sequence[str], labels: Sequence[Sequence[str]]
) -> dict[str, Any]:
    """Per-label precision/recall/F1 and micro/macro F1 of ``clf`` against gold ``labels``.

    ``clf`` is a :class:`~quality.domains.classifier.DomainClassifier`, a
    :class:`~quality.domains.lexicon.LexiconTagger` or anything with the same ``predict``.
    Every predicted label counts, so a label the gold set never uses is a false positive. The
    macro average runs over the labels present in the gold set.
    """
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} label lists")
    predicted = [{name for name, _ in row} for row in clf.predict(list(texts))]
    gold = [set(row) for row in labels]
    names = sorted(set().union(*gold, *predicted))
    index = {name: i for i, name in enumerate(names)}
    tp = np.zeros(len(names))
    fp = np.zeros(len(names))
    fn = np.zeros(len(names))
    for g, p in zip(gold, predicted, strict=True):
        for name in p & g:
            tp[index[name]] += 1
        for name in p - g:
            fp[index[name]] += 1
        for name in g - p:
            fn[index[name]] += 1
    per_label = {}
    for name, i in index.items():
        precision, recall, f1 = _prf(tp[i], fp[i], fn[i])
        per_label[name] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": int(tp[i] + fn[i]),
        }
    micro_p, micro_r, micro_f1 = _prf(tp.sum(), fp.sum(), fn.sum())
    gold_names = sorted(set().union(*gold))
    macro_f1 = float(np.mean([per_label[n]["f1"] for n in gold_names])) if gold_names else 0.0
    exact = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {
        "n_docs": len(gold),
        "micro_precision": micro_p,
        "micro_recall": micro_r,
        "micro_f1": micro_f1,
        "macro_f1": macro_f1,
        "exact_match": exact / len(gold) if gold else 0.0,
        "per_label": per_label,
    }


def _prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)
