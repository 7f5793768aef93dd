"""MinHash signatures: hqdata's MinHasher vs datasketch and rensa, speed and accuracy, one core.

Run from the repository root (well under a minute with the defaults)::

    python benchmarks/bench_minhash.py            # ~5 MB, best of 3
    python benchmarks/bench_minhash.py --mb 20 --pairs 500

Input: about ``--mb`` MB (UTF-8) of generated Chinese documents of 1-3 KB (``synth_zh.py``),
cleaned with ``clean_text`` and turned into matching keys with
``matching_key(text, word_breaks=True)`` exactly as ``process_shard`` does; the keys are made
once and are not part of any timing.

Timed, best of ``--repeat`` passes over all keys, 128 permutations, character 5-grams:

* hqdata: ``MinHasher(MinHashParams(num_perm=128, ngram=5)).signatures(keys)``;
* datasketch ``MinHash(num_perm=128)`` + ``update_batch(shingles)`` per key;
* datasketch ``MinHash.bulk(shingle_lists, num_perm=128)``;
* rensa ``RMinHash(num_perm=128).update(shingles)`` per key and ``CMinHash`` likewise (a
  Rust MinHash; ``pip install rensa``; skipped when it is not installed).

datasketch and rensa get the character 5-grams of each key (every window, like hqdata on
Chinese keys; a key shorter than 5 characters is one shingle); building those lists is timed
as part of their work, since hqdata's time includes its own shingling. MB/s counts the keys' UTF-8
bytes. Ratios are hqdata throughput over each datasketch variant (>1: hqdata is faster).

Accuracy: ``--pairs`` document pairs whose second document keeps a chosen share of the first
one's sentences and replaces the rest, so that exact 5-gram Jaccard spreads over [0, 1];
RMSE of each method's estimate against the exact Jaccard of the two keys' 5-gram sets.
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from datasketch import MinHash
from synth_zh import ChineseTextGenerator, make_documents

from quality import clean_text, matching_key
from quality.dedup import MinHasher, MinHashParams

try:
    import rensa
except ImportError:  # optional: the table then has no rensa rows
    rensa = None

NUM_PERM = 128
NGRAM = 5


def shingles(key: str, n: int = NGRAM) -> list[bytes]:
    """Character n-grams of ``key`` as UTF-8 bytes: every window, or the key if shorter."""
    if len(key) < n:
        return [key.encode("utf-8")] if key else []
    return [key[i : i + n].encode("utf-8") for i in range(len(key) - n + 1)]


def shingle_set(key: str, n: int = NGRAM) -> set[str]:
    if len(key) < n:
        return {key} if key else set()
    return {key[i : i + n] for i in range(len(key) - n + 1)}


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """(best wall seconds, CPU seconds of that pass) with the garbage collector off."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            w0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        finally:
            gc.enable()
        if wall < best[0]:
            best = (wall, cpu)
    return best


# -- the three methods --------------------------------------------------------------------


def hqdata_signatures(hasher: MinHasher, keys: list[str]) -> np.ndarray:
    return hasher.signatures(keys)


def datasketch_update_batch(keys: list[str]) -> list[MinHash]:
    out = []
    for key in keys:
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(shingles(key))
        out.append(m)
    return out


def datasketch_bulk(keys: list[str]) -> list[MinHash]:
    return MinHash.bulk([shingles(k) for k in keys], num_perm=NUM_PERM)


def rensa_minhash(keys: list[str], kind: str) -> list[Any]:
    make = getattr(rensa, kind)
    out = []
    for key in keys:
        m = make(num_perm=NUM_PERM, seed=1)
        m.update([key[i : i + NGRAM] for i in range(max(len(key) - NGRAM + 1, 1))])
        out.append(m)
    return out


# -- accuracy pairs -----------------------------------------------------------------------


def make_pairs(n: int, seed: int) -> list[tuple[str, str, float]]:
    """(key a, key b, exact 5-gram Jaccard) with target Jaccard spread evenly over [0, 1]."""
    gen = ChineseTextGenerator(seed + 7)
    pairs = []
    for i in range(n):
        d = gen.domain()
        a = [gen.sentence(d) for _ in range(gen.rng.randint(12, 24))]
        target = (i + 0.5) / n
        replace_share = (1 - target) / (1 + target)  # J ~ (1-r)/(1+r) for r replaced
        b = [gen.sentence(d) if gen.rng.random() < replace_share else s for s in a]
        ka = matching_key("".join(a), word_breaks=True)
        kb = matching_key("".join(b), word_breaks=True)
        sa, sb = shingle_set(ka), shingle_set(kb)
        pairs.append((ka, kb, len(sa & sb) / len(sa | sb)))
    return pairs


def rmse(errors: np.ndarray) -> float:
    return float(np.sqrt(np.mean(errors**2))) if errors.size else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="MB (UTF-8) of generated documents")
    ap.add_argument("--repeat", type=int, default=3, help="passes per measurement (best kept)")
    ap.add_argument("--pairs", type=int, default=200, help="pairs for the Jaccard RMSE")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    t_start = time.perf_counter()
    docs = make_documents(int(args.mb * 1e6), seed=args.seed)
    doc_bytes = sum(len(d.text.encode("utf-8")) for d in docs)
    keys = [matching_key(clean_text(d.text).text, word_breaks=True) for d in docs]
    key_bytes = sum(len(k.encode("utf-8")) for k in keys)
    n_shingles = sum(max(len(k) - NGRAM + 1, 1) for k in keys)
    print(
        f"{len(keys)} documents ({doc_bytes / 1e6:.2f} MB) -> matching keys of "
        f"{key_bytes / 1e6:.2f} MB UTF-8, {n_shingles:,} 5-gram shingles; num_perm={NUM_PERM}, "
        f"best of {args.repeat} passes, one process."
    )

    params = MinHashParams(num_perm=NUM_PERM, ngram=NGRAM)
    hasher = MinHasher(params)
    scheme = MinHash(num_perm=NUM_PERM).scheme
    hasher.signatures(keys[:10])  # warm-up
    datasketch_bulk(keys[:10])

    runs = [
        ("hqdata MinHasher.signatures", best_of(lambda: hqdata_signatures(hasher, keys),
                                                args.repeat)),
        ("datasketch MinHash + update_batch", best_of(lambda: datasketch_update_batch(keys),
                                                      args.repeat)),
        ("datasketch MinHash.bulk", best_of(lambda: datasketch_bulk(keys), args.repeat)),
    ]  # fmt: skip
    if rensa is not None:
        for kind in ("RMinHash", "CMinHash"):
            rensa_minhash(keys[:10], kind)
            runs.append((f"rensa {kind}", best_of(lambda k=kind: rensa_minhash(keys, k),
                                                   args.repeat)))  # fmt: skip
    base = runs[0][1][0]
    print()
    print(
        "| method | signatures/s | MB/s (wall) | MB/s (CPU) | Mshingles/s "
        "| hqdata speed-up vs this |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, (wall, cpu) in runs:
        print(
            f"| {name} | {len(keys) / wall:,.0f} | {key_bytes / 1e6 / wall:.2f} "
            f"| {key_bytes / 1e6 / cpu:.2f} | {n_shingles / 1e6 / wall:.2f} | {wall / base:.2f} |"
        )

    pairs = make_pairs(args.pairs, args.seed)
    truth = np.array([j for _, _, j in pairs])
    sig_a = hasher.signatures([a for a, _, _ in pairs])
    sig_b = hasher.signatures([b for _, b, _ in pairs])
    est_h = (sig_a == sig_b).mean(axis=1)
    ms_a = datasketch_bulk([a for a, _, _ in pairs])
    ms_b = datasketch_bulk([b for _, b, _ in pairs])
    est_d = np.array([x.jaccard(y) for x, y in zip(ms_a, ms_b, strict=True)])
    theory = math.sqrt(float(np.mean(truth * (1 - truth))) / NUM_PERM)
    high = truth >= 0.5
    print()
    print(
        f"Jaccard estimate vs exact 5-gram Jaccard on {len(pairs)} pairs (exact J from "
        f"{truth.min():.2f} to {truth.max():.2f}, median {np.median(truth):.2f}; "
        f"{int(high.sum())} pairs with J >= 0.5):"
    )
    print()
    print("| method | RMSE | RMSE (J >= 0.5) | mean error | max abs error | RMSE / datasketch |")
    print("|---|---:|---:|---:|---:|---:|")
    r_d = rmse(est_d - truth)
    for name, est in (("hqdata MinHasher", est_h), (f"datasketch MinHash ({scheme})", est_d)):
        err = est - truth
        print(
            f"| {name} | {rmse(err):.4f} | {rmse(err[high]):.4f} | {err.mean():+.4f} "
            f"| {np.abs(err).max():.4f} | {rmse(err) / r_d:.2f} |"
        )
    print()
    print(f"Expected RMSE of an ideal {NUM_PERM}-permutation MinHash on these pairs: {theory:.4f}.")
    print(f"\nTotal benchmark time {time.perf_counter() - t_start:.0f} s.")


if __name__ == "__main__":
    main()
