"""End-to-end build through the real Prefect flow: workers=1 (baseline) vs workers=N.

Run from the repository root (about 2.5-3 minutes with the defaults on a shared 2-core box)::

    python benchmarks/bench_pipeline.py            # 20,000 docs, best of 3
    python benchmarks/bench_pipeline.py --docs 5000 --repeat 1

What it does, in one process and a temporary directory (removed at the end unless --keep):

1. Generates a JSONL corpus (``synth_zh.py``): ``--docs`` documents of ~1 KB in ``--files``
   files, of which 5% are exact copies of another document (new id, same text) and 5% near
   copies (3 Han characters replaced; 5-gram Jaccard of the matching keys ~0.9), each copy of
   a different original, all shuffled across the files. One more file of
   ``docs / files`` documents (with its own 5% exact and 5% near copies of documents of the
   first release) is kept aside for the incremental run.
2. Writes a recipe per worker count (``run: {workers: N, shard_rows: 2000}``) and runs
   ``pipelines.flow.run_recipe`` on a tiny corpus first, so that Prefect's temporary server
   start-up is not charged to the first measured run (its time is reported).
3. Full build, ``--repeat`` times per worker count, each into a fresh hqdata home; the best
   wall time is reported, with docs/s and MB/s (UTF-8 bytes of the JSONL text fields).
4. Adds the new file to the corpus and runs the same recipe again on each of those homes:
   the incremental run reads only the new file and publishes the next version.

Peak RSS per run: the parent's peak (``VmHWM``, reset before each run through
``/proc/self/clear_refs``; ``resource.getrusage(RUSAGE_SELF)`` is reported too but is a
lifetime maximum), the largest worker process (``getrusage(RUSAGE_CHILDREN).ru_maxrss``: a
maximum over every child reaped so far, so it carries over between runs), and the sum of
parent + live worker processes sampled every 50 ms (Prefect's temporary API server, a
subprocess started during the warm-up, is excluded).

Environment for Prefect (set before ``pipelines.flow`` is imported): ``PREFECT_HOME`` in the
temporary directory, ``PREFECT_SERVER_ANALYTICS_ENABLED=false``, ``PREFECT_LOGGING_LEVEL=WARNING``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth_zh import GIVEN, SURNAMES, ChineseTextGenerator

# -- corpus -------------------------------------------------------------------------------

# Han characters used to replace characters in near copies (none of them is punctuation).
_EDIT_CHARS = "".join(dict.fromkeys(SURNAMES + GIVEN))


@dataclass
class Corpus:
    files: list[Path]
    extra_file: Path  # the file added for the incremental run
    n_docs: int
    n_bytes: int  # UTF-8 bytes of the text fields
    exact_pairs: list[tuple[str, str]]  # (original id, copy id)
    near_pairs: list[tuple[str, str]]
    near_jaccard: list[float]
    extra_docs: int
    extra_bytes: int
    extra_exact: list[tuple[str, str]]
    extra_near: list[tuple[str, str]]


def _near_copy(text: str, rng: random.Random, edits: int = 3) -> str:
    """``text`` with ``edits`` Han characters (spread over the body) replaced by others."""
    chars = list(text)
    body_start = text.find("\n") + 1
    han = [i for i in range(body_start, len(chars)) if "\u4e00" <= chars[i] <= "\u9fff"]
    for k in range(edits):
        lo, hi = len(han) * k // edits, len(han) * (k + 1) // edits
        i = han[rng.randrange(lo, hi)]
        chars[i] = rng.choice([c for c in _EDIT_CHARS[:40] if c != chars[i]])
    return "".join(chars)


def _records(
    gen: ChineseTextGenerator,
    n: int,
    prefix: str,
    dup_share: float,
    sources: list[dict[str, str]] | None,
) -> tuple[list[dict[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """``n`` records: new documents plus exact and near copies of ``sources`` (or of their own).

    Every copy has a different original; originals come from ``sources`` when given (the
    incremental file copies documents of the first release), else from the new documents.
    """
    rng = gen.rng
    n_copies = round(n * dup_share)
    originals: list[dict[str, str]] = []
    for i in range(n - 2 * n_copies):
        doc = gen.document(rng.randint(850, 1150))
        originals.append({"id": f"{prefix}-{i:06d}", "title": doc.title, "text": doc.text})
    pool = sources if sources is not None else originals
    chosen = rng.sample(range(len(pool)), 2 * n_copies)
    records = list(originals)
    exact: list[tuple[str, str]] = []
    near: list[tuple[str, str]] = []
    for j, idx in enumerate(chosen):
        src = pool[idx]
        if j < n_copies:
            copy_id = f"{prefix}-x{j:05d}"
            records.append({"id": copy_id, "title": src["title"], "text": src["text"]})
            exact.append((src["id"], copy_id))
        else:
            copy_id = f"{prefix}-n{j:05d}"
            text = _near_copy(src["text"], rng)
            records.append({"id": copy_id, "title": src["title"], "text": text})
            near.append((src["id"], copy_id))
    rng.shuffle(records)
    return records, exact, near


def _write_jsonl(path: Path, records: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def _key_jaccard(a: str, b: str) -> float:
    from quality import matching_key

    ka, kb = matching_key(a), matching_key(b)
    sa = {ka[i : i + 5] for i in range(len(ka) - 4)}
    sb = {kb[i : i + 5] for i in range(len(kb) - 4)}
    return len(sa & sb) / len(sa | sb)


def make_corpus(root: Path, n_docs: int, n_files: int, seed: int) -> Corpus:
    gen = ChineseTextGenerator(seed)
    records, exact, near = _records(gen, n_docs, "d", 0.05, None)
    corpus_dir = root / "corpus"
    corpus_dir.mkdir(parents=True)
    files = []
    per_file = -(-len(records) // n_files)
    for f in range(n_files):
        path = corpus_dir / f"part-{f:03d}.jsonl"
        _write_jsonl(path, records[f * per_file : (f + 1) * per_file])
        files.append(path)
    by_id = {r["id"]: r["text"] for r in records}
    jaccard = [_key_jaccard(by_id[a], by_id[b]) for a, b in near]
    # The incremental file copies documents that are not already in a planted pair.
    in_pairs = {i for pair in exact + near for i in pair}
    sources = [r for r in records if r["id"] not in in_pairs]
    extra, extra_exact, extra_near = _records(gen, per_file, "e", 0.05, sources)
    extra_file = root / "extra" / f"part-{n_files:03d}.jsonl"
    extra_file.parent.mkdir()
    _write_jsonl(extra_file, extra)
    return Corpus(
        files=files,
        extra_file=extra_file,
        n_docs=len(records),
        n_bytes=sum(len(r["text"].encode("utf-8")) for r in records),
        exact_pairs=exact,
        near_pairs=near,
        near_jaccard=jaccard,
        extra_docs=len(extra),
        extra_bytes=sum(len(r["text"].encode("utf-8")) for r in extra),
        extra_exact=extra_exact,
        extra_near=extra_near,
    )


RECIPE = """\
# Written by benchmarks/bench_pipeline.py
name: {name}
description: Synthetic Chinese documents for the pipeline benchmark.
domain: multi
license: CC0-1.0
sources:
  - name: synth
    type: files
    path: {path}
    id_field: id
    title_field: title
clean:
  fix_mojibake: true
  repair_pdf: true
quality:
  min_chars: 50
dedup:
  threshold: 0.8
  num_perm: 128
  ngram: 5
run:
  workers: {workers}
  shard_rows: 2000
"""


def write_recipe(path: Path, name: str, corpus_dir: Path, workers: int) -> Path:
    path.write_text(RECIPE.format(name=name, path=corpus_dir, workers=workers), encoding="utf-8")
    return path


# -- memory -------------------------------------------------------------------------------


def _status_kb(pid: int | str, field_name: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children_of(pid: int) -> list[int]:
    """Direct and indirect children of ``pid`` (scans /proc: no psutil needed)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
            parents[int(entry)] = int(stat[stat.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError):
            continue
    found: list[int] = []
    frontier = [pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        found += kids
        frontier += kids
    return found


class RssSampler:
    """Peak of (this process + its new descendants) RSS, sampled in a thread."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.exclude = set(_children_of(os.getpid()))  # e.g. Prefect's API server
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            total = _status_kb(me, "VmRSS")
            total += sum(_status_kb(c, "VmRSS") for c in _children_of(me) if c not in self.exclude)
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def reset_peak_rss() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


# -- runs ---------------------------------------------------------------------------------


@dataclass
class Run:
    label: str
    workers: int
    wall: float
    docs: int
    nbytes: int
    parent_peak_mb: float
    child_maxrss_mb: float
    total_peak_mb: float
    summary: dict[str, Any] = field(default_factory=dict)
    home: Path | None = None


def timed_run(
    run_recipe: Any, recipe: Path, home: Path, label: str, workers: int, docs: int, nbytes: int
) -> Run:
    gc.collect()
    reset_peak_rss()
    with RssSampler() as sampler:
        t0 = time.perf_counter()
        summary = run_recipe(recipe, home=home)
        wall = time.perf_counter() - t0
    parent_kb = _status_kb("self", "VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return Run(
        label,
        workers,
        wall,
        docs,
        nbytes,
        parent_kb / 1024,
        child_kb / 1024,
        max(sampler.peak_kb, parent_kb) / 1024,
        summary,
        home,
    )


def survivors(release: str) -> set[str]:
    """Corpus ids of a release's documents (hqdata keeps the record's id in ``metadata``)."""
    import pyarrow.parquet as pq

    ids: set[str] = set()
    for f in sorted(Path(release).rglob("*.parquet")):
        for meta in pq.read_table(f, columns=["metadata"])["metadata"].to_pylist():
            ids.add(json.loads(meta)["id"])
    return ids


def pair_outcome(pairs: list[tuple[str, str]], kept: set[str]) -> tuple[int, int, int]:
    """(pairs with exactly one survivor, with both, with none)."""
    one = both = none = 0
    for a, b in pairs:
        n = (a in kept) + (b in kept)
        one += n == 1
        both += n == 2
        none += n == 0
    return one, both, none


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=20_000, help="documents in the first build")
    ap.add_argument("--files", type=int, default=20, help="JSONL files they are spread over")
    ap.add_argument("--workers", type=int, default=2, help="worker count compared with 1")
    ap.add_argument("--repeat", type=int, default=3, help="runs per configuration (best kept)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()

    t_start = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="hqdata-bench-pipeline-"))
    os.environ["PREFECT_HOME"] = str(root / "prefect")
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
    (root / "prefect").mkdir()
    try:
        _bench(args, root, t_start)
    finally:
        if args.keep:
            print(f"Kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def _bench(args: argparse.Namespace, root: Path, t_start: float) -> None:
    corpus = make_corpus(root, args.docs, args.files, args.seed)
    corpus_dir = corpus.files[0].parent
    nj = sorted(corpus.near_jaccard)
    print(
        f"Corpus: {corpus.n_docs:,} documents, {corpus.n_bytes / 1e6:.2f} MB of text in "
        f"{len(corpus.files)} JSONL files; planted {len(corpus.exact_pairs)} exact and "
        f"{len(corpus.near_pairs)} near copies (key 5-gram Jaccard min {nj[0]:.3f}, median "
        f"{nj[len(nj) // 2]:.3f}). Incremental file: {corpus.extra_docs:,} documents with "
        f"{len(corpus.extra_exact)} exact and {len(corpus.extra_near)} near copies of "
        f"first-release documents. Generated in {time.perf_counter() - t_start:.1f} s."
    )

    # Prefect reads its settings when imported: the environment is set by now.
    from pipelines.flow import run_recipe

    # Warm-up: Prefect's temporary API server starts with the first flow of the process.
    warm_dir = root / "warm"
    warm_dir.mkdir()
    shutil.copy(corpus.files[0], warm_dir / "warm.jsonl")
    with (warm_dir / "warm.jsonl").open(encoding="utf-8") as fh:
        head = [next(fh) for _ in range(50)]
    (warm_dir / "warm.jsonl").write_text("".join(head), encoding="utf-8")
    warm_recipe = write_recipe(root / "warm.yaml", "bench-warm", warm_dir, 1)
    t0 = time.perf_counter()
    run_recipe(warm_recipe, home=root / "home-warm")
    warm_s = time.perf_counter() - t0

    worker_counts = [1, args.workers] if args.workers != 1 else [1]
    recipes = {
        w: write_recipe(root / f"recipe-w{w}.yaml", "bench-zh", corpus_dir, w)
        for w in worker_counts
    }
    full: dict[int, list[Run]] = {}
    for w in worker_counts:
        full[w] = [
            timed_run(run_recipe, recipes[w], root / f"home-w{w}-r{rep}", "full build", w,
                      corpus.n_docs, corpus.n_bytes)
            for rep in range(args.repeat)
        ]  # fmt: skip

    shutil.copy(corpus.extra_file, corpus_dir / corpus.extra_file.name)
    incremental: dict[int, list[Run]] = {}
    for w in worker_counts:
        incremental[w] = [
            timed_run(run_recipe, recipes[w], r.home, "incremental (+1 file)", w,
                      corpus.extra_docs, corpus.extra_bytes)
            for r in full[w] if r.home is not None
        ]  # fmt: skip

    best_full = {w: min(runs, key=lambda r: r.wall) for w, runs in full.items()}
    best_inc = {w: min(runs, key=lambda r: r.wall) for w, runs in incremental.items()}
    base = best_full[1]

    print()
    print(
        "| run | workers | docs | wall s (best) | docs/s | MB/s | speed-up vs workers=1 "
        "| vs full build | parent peak RSS MB | largest worker RSS MB (cumulative) "
        "| parent+workers peak RSS MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for table in (best_full, best_inc):
        for w, r in table.items():
            ref = base if table is best_full else best_inc[1]
            child = f"{r.child_maxrss_mb:.0f}" if w > 1 else "-"
            print(
                f"| {r.label} | {w} | {r.docs:,} | {r.wall:.1f} | {r.docs / r.wall:,.0f} "
                f"| {r.nbytes / 1e6 / r.wall:.2f} | {ref.wall / r.wall:.2f} "
                f"| {r.wall / best_full[w].wall:.2f} | {r.parent_peak_mb:.0f} | {child} "
                f"| {r.total_peak_mb:.0f} |"
            )

    print()
    print(
        "All wall times (s): "
        + "; ".join(
            f"{label} w={w}: " + ", ".join(f"{r.wall:.1f}" for r in runs)
            for label, group in (("full", full), ("incremental", incremental))
            for w, runs in group.items()
        )
    )
    print(f"Warm-up flow (Prefect temporary server start + 50 documents): {warm_s:.1f} s.")

    # Duplicates: planted vs removed, and whether each planted pair kept exactly one copy.
    print()
    print("| build | planted exact | planted near | removed exact | removed near "
          "| already published | exact pairs with 1 survivor | near pairs with 1 survivor "
          "| quality rejects | published |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for w in worker_counts:
        for label, r, ex, ne in (
            ("full", best_full[w], corpus.exact_pairs, corpus.near_pairs),
            ("incremental", best_inc[w], corpus.extra_exact, corpus.extra_near),
        ):
            stats = r.summary.get("stats", {})
            dd, qq = stats.get("dedup", {}), stats.get("quality", {})
            kept = survivors(r.summary["release"]) if r.summary.get("release") else set()
            e1, e2, e0 = pair_outcome(ex, kept)
            n1, n2, n0 = pair_outcome(ne, kept)
            print(
                f"| {label} w={w} ({r.summary.get('version')}) | {len(ex)} | {len(ne)} "
                f"| {dd.get('exact_duplicates', 0)} | {dd.get('near_duplicates', 0)} "
                f"| {dd.get('already_published', 0)} "
                f"| {e1}/{len(ex)} (both kept {e2}, none {e0}) "
                f"| {n1}/{len(ne)} (both kept {n2}, none {n0}) "
                f"| {qq.get('rejected', 0)} | {r.summary.get('num_added')} added, "
                f"{r.summary.get('num_documents')} in release |"
            )
    reasons = {
        k.split(":", 1)[1]: v
        for k, v in best_full[1].summary.get("stats", {}).get("quality", {}).items()
        if k.startswith("rejected:")
    }
    print()
    print(f"Quality rejects of the full build by rule: {reasons or 'none'}.")
    inc = best_inc[worker_counts[-1]].summary
    print(
        f"Incremental run read {inc.get('partitions')} new partition(s), skipped "
        f"{inc.get('unchanged_partitions')} unchanged; documents read: "
        f"{inc.get('stats', {}).get('ingest', {}).get('documents_read')}."
    )
    print(
        f"getrusage over the whole script: self ru_maxrss "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, children "
        f"ru_maxrss {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB."
    )
    print(f"\nTotal benchmark time {time.perf_counter() - t_start:.0f} s.")


if __name__ == "__main__":
    main()
