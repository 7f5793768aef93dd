"""Near-duplicate detection measured against brute-force exact Jaccard.

The corpus: the clean generated documents of ``quality_eval`` (eight registers of templated
Chinese prose, so unrelated documents already share phrases) plus edited copies of some of
them. Each copy gets one to three realistic edits:

- ``delete``: a sentence removed; ``insert``: a sentence of another document added;
  ``swap``: two sentences exchanged; ``truncate``: the last 5-15% cut off;
- ``punct_width``: full-width punctuation made half-width (，→, 。→.);
- ``header``: a source/date/editor line added on top; ``footer``: a repost notice added;
- ``traditional``: the whole text converted to Traditional characters (OpenCC s2t).

Truth: every pair of documents whose shingle sets (the scheme's tokens, 5-token shingles of
``matching_key(text, word_breaks=True)``) have exact Jaccard >= the threshold, found by
multiplying the sparse document-by-shingle matrix with its transpose (all pairs, no LSH).
Found: the pairs ``find_duplicates`` links (LSH candidates kept by verification, and exact
key matches). Precision and recall are over pairs::

    python -m tests.dedup_eval [SEED] [estimated|exact]   # threshold 0.8, about 10 s
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import opencc
import pyarrow.parquet as pq
from scipy.sparse import csr_matrix

from quality.dedup import MinHasher, MinHashParams, find_duplicates, signature_table
from quality.dedup.minhash import exact_key, shingle_key, shingle_set, token_classes
from tests.quality_eval import make_clean_documents

EDITS = (
    "delete", "insert", "swap", "truncate", "punct_width", "header", "footer", "traditional",
)  # fmt: skip
COPY_SHARE = 0.6  # documents that get edited copies
HEADERS = (
    "来源：本地新闻网 2024年3月18日 09:42 编辑：陈晓",
    "发布时间：2023-11-02 浏览次数：1532",
    "【转载】原文链接见文末",
)
FOOTERS = ("（完）", "本文来源于网络，如有侵权请联系删除。", "责任编辑：李明")
_HALF = str.maketrans({"，": ",", "。": ".", "；": ";", "：": ":", "？": "?", "！": "!"})


def _sentences(text: str) -> list[str]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in "。！？\n":
            out.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        out.append(text[start:])
    return out


def _edit(rng: random.Random, text: str, kind: str, other: str) -> str:
    parts = _sentences(text)
    if kind == "delete" and len(parts) > 3:
        del parts[rng.randrange(len(parts))]
    elif kind == "insert":
        donor = _sentences(other)
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(donor))
    elif kind == "swap" and len(parts) > 2:
        i, j = rng.sample(range(len(parts)), 2)
        parts[i], parts[j] = parts[j], parts[i]
    elif kind == "truncate":
        return text[: int(len(text) * rng.uniform(0.85, 0.95))]
    elif kind == "punct_width":
        return text.translate(_HALF)
    elif kind == "header":
        return rng.choice(HEADERS) + "\n" + text
    elif kind == "footer":
        return text + "\n" + rng.choice(FOOTERS)
    elif kind == "traditional":
        return opencc.OpenCC("s2t.json").convert(text)
    return "".join(parts)


PER_REGISTER = 250  # originals per register of quality_eval: 2,000 in all


def make_corpus(
    seed: int = 0, per_register: int = PER_REGISTER
) -> tuple[list[str], list[str], dict[str, tuple[str, ...]]]:
    """(ids, texts, edits of each copy by id): originals first, then edited copies."""
    rng = random.Random(seed + 17)
    bases = [text for text, _ in make_clean_documents(seed, per_register)]
    ids = [f"doc{i}" for i in range(len(bases))]
    texts = list(bases)
    edits: dict[str, tuple[str, ...]] = {}
    for i, base in enumerate(bases):
        if rng.random() >= COPY_SHARE:
            continue
        for c in range(rng.choice((1, 1, 2))):
            kinds = tuple(rng.sample(EDITS, rng.randint(1, 3)))
            text = base
            for kind in kinds:
                text = _edit(rng, text, kind, rng.choice(bases))
            ids.append(f"doc{i}-copy{c}")
            texts.append(text)
            edits[ids[-1]] = kinds
    return ids, texts, edits


def shingle_ids(key: str, ngram: int = 5) -> list[int]:
    """The scheme's shingles of one key, as Python hashes of token tuples (plain definition)."""
    classes = token_classes()
    tokens: list[str] = []
    word = ""
    for ch in key + " ":
        cls = classes[ord(ch)]
        if cls == 0:
            word += ch
            continue
        if word:
            tokens.append(word)
            word = ""
        if cls == 1:
            tokens.append(ch)
    if not tokens:
        return []
    windows = [tuple(tokens[i : i + ngram]) for i in range(len(tokens) - ngram + 1)]
    return list({hash(w) for w in (windows or [tuple(tokens)])})


def brute_force_pairs(keys: list[str], threshold: float) -> dict[tuple[int, int], float]:
    """Every pair (i < j) with exact shingle Jaccard >= threshold, with its Jaccard."""
    rows, cols, vocab = [], [], {}
    for i, key in enumerate(keys):
        for s in shingle_ids(key):
            rows.append(i)
            cols.append(vocab.setdefault(s, len(vocab)))
    m = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), (len(keys), len(vocab)))
    sizes = np.asarray(m.sum(axis=1)).ravel()
    inter = (m @ m.T).tocoo()
    keep = inter.row < inter.col
    i, j, n = inter.row[keep], inter.col[keep], inter.data[keep]
    jaccard = n / (sizes[i] + sizes[j] - n)
    hit = jaccard >= threshold - 1e-12
    found = zip(i[hit].tolist(), j[hit].tolist(), jaccard[hit].tolist(), strict=True)
    return {(a, b): v for a, b, v in found}


def found_pairs(
    ids: list[str],
    keys: list[str],
    params: MinHashParams,
    work_dir: Path,
    verify: bool | str = True,
) -> set[tuple[int, int]]:
    """The pairs find_duplicates links, as (i < j) positions in ``ids``."""
    table = signature_table(
        ids,
        [exact_key(k) for k in keys],
        None,
        None,
        MinHasher(params).signatures(keys),
        params,
    )
    shard = work_dir / "signatures.parquet"
    pq.write_table(table, shard)
    key_of = dict(zip(ids, keys, strict=True))
    result = find_duplicates(
        [shard], [], params, work_dir=work_dir, return_pairs=True, verify=verify,  # type: ignore[arg-type]
        shingles_of=lambda wanted: {i: shingle_set(key_of[i], params) for i in wanted},
    )  # fmt: skip
    assert result.pairs is not None
    position = {doc_id: i for i, doc_id in enumerate(ids)}
    out = set()
    for a, b in zip(result.pairs["a"].to_pylist(), result.pairs["b"].to_pylist(), strict=True):
        i, j = position[a], position[b]
        out.add((min(i, j), max(i, j)))
    return out


def evaluate(
    seed: int = 0,
    threshold: float = 0.8,
    per_register: int = PER_REGISTER,
    verify: bool | str = True,
) -> dict[str, Any]:
    started = time.perf_counter()
    ids, texts, edits = make_corpus(seed, per_register)
    params = MinHashParams(threshold=threshold).resolved()
    keys = [shingle_key(t, params) for t in texts]
    truth = brute_force_pairs(keys, threshold)
    with tempfile.TemporaryDirectory() as tmp:
        found = found_pairs(ids, keys, params, Path(tmp), verify)
    hits = found & truth.keys()
    # recall per edit kind, over the true pairs of a copy and its original
    per_kind: dict[str, Counter[str]] = {k: Counter() for k in EDITS}
    for (i, j), _ in truth.items():
        copy = ids[j]
        if "-copy" in copy and ids[i] == copy.split("-copy")[0]:
            for kind in edits[copy]:
                per_kind[kind]["n"] += 1
                per_kind[kind]["found"] += (i, j) in found
    return {
        "documents": len(ids),
        "copies": len(edits),
        "true_pairs": len(truth),
        "found_pairs": len(found),
        "precision": len(hits) / len(found) if found else 1.0,
        "recall": len(hits) / len(truth) if truth else 1.0,
        "missed": sorted(round(truth[p], 3) for p in truth.keys() - found)[:20],
        "false": len(found - truth.keys()),
        "recall_by_edit": {
            k: c["found"] / c["n"] for k, c in per_kind.items() if c["n"]
        },
        "bands_rows": (params.bands, params.rows),
        "seconds": time.perf_counter() - started,
    }


def main(args: list[str]) -> None:
    seed = int(args[0]) if args else 0
    verify = args[1] if len(args) > 1 else "estimated"
    report = evaluate(seed, verify=verify)
    for key, value in report.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main(sys.argv[1:])
