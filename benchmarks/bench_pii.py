"""PII detection throughput: ``quality.pii.find_pii`` vs one naive combined regex, one core.

Run from the repository root (well under a minute with the defaults)::

    python benchmarks/bench_pii.py            # ~5 MB, best of 3
    python benchmarks/bench_pii.py --mb 20 --density 0.03

Input: about ``--mb`` MB (UTF-8) of generated Chinese documents of 1-3 KB (``synth_zh.py``,
clean prose with years, amounts and percentages), into which sentences of the PII evaluation
set (``tests/pii_eval.py``) are inserted at sentence boundaries until the PII values make up
``--density`` of all characters (default 1%). Decoy-only sentences of the same set (ID numbers
with a wrong check character, cards failing Luhn, order numbers, versions, times, ...) are
inserted at the same rate.

Timed, best of ``--repeat`` passes over all documents, one call per document:

* hqdata: ``find_pii(doc)`` (all kinds, every candidate validated);
* baseline: ``finditer`` of one combined regex over the same kinds with no validation (what a
  quick pattern-only scrubber does);
* hqdata: ``redact_pii(doc)`` (detection plus rebuilding the text).

MB/s counts the documents' UTF-8 bytes. The report also gives, for each method, how many of
the inserted PII values it found exactly and how many of its matches hit no inserted value
(false positives on decoys and prose).
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth_zh import make_documents, utf8_bytes

from quality.pii import find_pii, redact_pii
from tests.pii_eval import Example, build_eval_set

# One alternation over the same kinds, pattern only: no checksums, dates, prefixes or context.
NAIVE_RE = re.compile(
    r"[1-9][0-9]{16}[0-9Xx]"  # ID number
    r"|[0-9]{16,19}"  # bank card
    r"|[0-9A-Z]{18}"  # credit code
    r"|(?:\+?86[- ]?)?1[3-9][0-9]{9}"  # mobile
    r"|0[0-9]{2,3}-[0-9]{7,8}"  # landline
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"  # e-mail
    r"|(?:[0-9]{1,3}\.){3}[0-9]{1,3}"  # IPv4
    r"|[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}"  # IPv6
    r"|[EGPSD][0-9]{8}"  # passport
)

Span = tuple[int, int]


def naive_find(text: str) -> list[Span]:
    return [m.span() for m in NAIVE_RE.finditer(text)]


def hq_find(text: str) -> list[Span]:
    return [(s.start, s.end) for s in find_pii(text)]


def build_corpus(mb: float, density: float, seed: int) -> tuple[list[str], list[set[Span]]]:
    """Documents with eval-set sentences spliced in, and the gold spans of each document."""
    rng = random.Random(seed)
    docs = [d.text for d in make_documents(int(mb * 1e6), seed=seed, pdf_share=0.0,
                                           mojibake_share=0.0)]  # fmt: skip
    pool = build_eval_set(20_000, seed=seed + 1)
    with_pii = [ex for ex in pool if ex.gold]
    decoys = [ex for ex in pool if not ex.gold]
    target = density * sum(map(len, docs))
    inserts: list[list[Example]] = [[] for _ in docs]
    pii_chars = 0
    i = 0
    while pii_chars < target:
        ex = with_pii[i % len(with_pii)]
        inserts[rng.randrange(len(docs))].append(ex)
        inserts[rng.randrange(len(docs))].append(decoys[i % len(decoys)])
        pii_chars += sum(g.end - g.start for g in ex.gold)
        i += 1
    out_docs: list[str] = []
    gold: list[set[Span]] = []
    for doc, extra in zip(docs, inserts, strict=True):
        pieces = re.split(r"(?<=。)", doc)
        at: dict[int, list[Example]] = {}
        for ex in extra:
            at.setdefault(rng.randrange(len(pieces) + 1), []).append(ex)
        text: list[str] = []
        spans: set[Span] = set()
        pos = 0
        for k in range(len(pieces) + 1):
            for ex in at.get(k, []):
                spans.update((pos + g.start, pos + g.end) for g in ex.gold)
                # Some templates end without punctuation (form fields): end their line.
                text.append(ex.text + "\n")
                pos += len(ex.text) + 1
            if k < len(pieces):
                text.append(pieces[k])
                pos += len(pieces[k])
        out_docs.append("".join(text))
        gold.append(spans)
    return out_docs, gold


def best_of(fn: Callable[[str], Any], docs: list[str], repeat: int) -> tuple[float, list[Any]]:
    best = float("inf")
    results: list[Any] = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            results = [fn(doc) for doc in docs]
            best = min(best, time.perf_counter() - t0)
        finally:
            gc.enable()
    return best, results


def score(found: list[list[Span]], gold: list[set[Span]]) -> tuple[int, int]:
    """(gold spans found exactly, matches overlapping no gold span)."""
    hits = spurious = 0
    for spans, truth in zip(found, gold, strict=True):
        hits += len(truth & set(spans))
        for s, e in spans:
            if not any(s < ge and gs < e for gs, ge in truth):
                spurious += 1
    return hits, spurious


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="MB (UTF-8) of generated documents")
    ap.add_argument("--density", type=float, default=0.01, help="share of characters that are PII")
    ap.add_argument("--repeat", type=int, default=3, help="passes per measurement (best kept)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    t0 = time.perf_counter()
    docs, gold = build_corpus(args.mb, args.density, args.seed)
    n_bytes = utf8_bytes(docs)
    n_gold = sum(map(len, gold))
    print(
        f"{len(docs)} documents, {n_bytes / 1e6:.2f} MB UTF-8, {sum(map(len, docs)):,} chars, "
        f"{n_gold} inserted PII values (built in {time.perf_counter() - t0:.1f} s)"
    )
    find_pii(docs[0])  # compile patterns outside the timings
    rows = []
    for label, fn in (("find_pii (hqdata)", hq_find), ("naive regex (baseline)", naive_find)):
        seconds, found = best_of(fn, docs, args.repeat)
        hits, spurious = score(found, gold)
        rows.append((label, seconds, hits, spurious))
    seconds, _ = best_of(lambda doc: redact_pii(doc)[0], docs, args.repeat)
    rows.append(("redact_pii (hqdata)", seconds, None, None))

    print(f"\n{'method':<24}{'seconds':>9}{'MB/s':>9}{'found':>14}{'false matches':>15}")
    for label, sec, hits, spurious in rows:
        found = f"{hits}/{n_gold}" if hits is not None else "-"
        false = f"{spurious}" if spurious is not None else "-"
        print(f"{label:<24}{sec:>9.3f}{n_bytes / sec / 1e6:>9.1f}{found:>14}{false:>15}")
    ratio = rows[1][1] / rows[0][1]
    print(f"\nfind_pii throughput / baseline throughput: {ratio:.2f} (>1: hqdata is faster)")


if __name__ == "__main__":
    main()
