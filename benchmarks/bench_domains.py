"""Throughput of hqdata's domain taggers vs a naive term-counting loop, on one core.

Run from the repository root (about half a minute with the defaults)::

    python benchmarks/bench_domains.py            # ~5 MB, best of 3
    python benchmarks/bench_domains.py --mb 20 --repeat 5

Input: about ``--mb`` MB (UTF-8) of generated Chinese documents of 1-3 KB each (clean text from
``synth_zh.py``, no PDF damage or mojibake).

Timed in one process, each the best of ``--repeat`` passes over all documents:

* ``tag_domains(text)`` per document (the keyword lexicons, one Aho-Corasick pass);
* ``tag_sections(text)`` per document (same pass, GB/T 4754 letters);
* ``DomainClassifier.predict`` on batches of 256 documents (character 1-3 gram TF-IDF + logistic
  regression), trained beforehand on the generated set of ``tests/domain_eval.py`` (training is
  not timed);
* baseline, one pass: ``sum(text.count(term) for term in terms)`` per document over every
  search string of the same lexicon (what a hand-rolled keyword counter costs; it counts, it
  does not even score).

MB/s counts the documents' UTF-8 bytes. A last line checks the lexicon tagger against the
generator's own domain for the ``synth_zh`` domains that are hqdata verticals (vocabulary that
was written separately from the lexicons).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth_zh import make_documents, utf8_bytes

from quality.domains import DomainClassifier, default_lexicon, tag_domains, tag_sections
from tests.domain_eval import make_eval_set

# synth_zh domain -> hqdata vertical (environment and culture have no vertical).
SYNTH_TO_VERTICAL = {
    "medical": "medical",
    "legal": "legal",
    "finance": "finance",
    "tech": "technology",
    "education": "education",
    "agriculture": "agriculture",
    "transport": "transport",
}


def best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="MB (UTF-8) of generated documents")
    ap.add_argument("--repeat", type=int, default=3, help="passes per measurement (best kept)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    docs = make_documents(int(args.mb * 1e6), seed=args.seed, pdf_share=0.0, mojibake_share=0.0)
    texts = [d.text for d in docs]
    mb = utf8_bytes(texts) / 1e6
    lexicon = default_lexicon()  # compiled once, not timed
    terms = list(lexicon.patterns)
    split = make_eval_set()
    t0 = time.perf_counter()
    clf = DomainClassifier().fit([d.text for d in split.train], [d.labels for d in split.train])
    fit_s = time.perf_counter() - t0
    print(
        f"{len(texts)} documents, {mb:.2f} MB UTF-8, {len(terms)} lexicon search strings; "
        f"classifier trained on {len(split.train)} generated documents in {fit_s:.1f} s; "
        f"best of {args.repeat} passes."
    )

    def run_classifier() -> None:
        for i in range(0, len(texts), 256):
            clf.predict(texts[i : i + 256])

    rows = [
        ("tag_domains", best_of(lambda: [tag_domains(t) for t in texts], args.repeat)),
        ("tag_sections", best_of(lambda: [tag_sections(t) for t in texts], args.repeat)),
        ("DomainClassifier.predict", best_of(run_classifier, args.repeat)),
    ]
    base = best_of(lambda: [sum(t.count(term) for term in terms) for t in texts], 1)
    rows.append(("baseline: sum(text.count(term) for term in terms)", base))

    print()
    print("| method | seconds | docs/s | MB/s | x baseline |")
    print("|---|---:|---:|---:|---:|")
    for name, secs in rows:
        print(
            f"| {name} | {secs:.2f} | {len(texts) / secs:,.0f} | {mb / secs:.1f} "
            f"| {base / secs:.1f} |"
        )

    judged = [(d, SYNTH_TO_VERTICAL[d.domain]) for d in docs if d.domain in SYNTH_TO_VERTICAL]
    top1 = sum(
        bool(tags) and tags[0][0] == want for d, want in judged for tags in [tag_domains(d.text)]
    )
    print()
    print(
        f"tag_domains top label = synth_zh domain on {top1}/{len(judged)} documents "
        f"({top1 / len(judged):.1%}) of the synth_zh domains that are hqdata verticals."
    )


if __name__ == "__main__":
    main()
