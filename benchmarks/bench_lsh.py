"""Out-of-core LSH: band join and clustering time and peak memory at 1 M and 10 M documents.

Run from the repository root (1 M takes about a minute, 10 M about ten)::

    python benchmarks/bench_lsh.py                       # 1 M and 10 M, 2GB DuckDB limit
    python benchmarks/bench_lsh.py --docs 1000000 --baseline-docs 200000

Input: synthetic MinHash signatures (128 x uint32, random, so unrelated documents share no
band), with ``--dup-share`` of the documents planted as near copies of an earlier one: each
copy changes ``128 * (1 - J)`` positions of its original for a J drawn in [0.82, 1]. They are
written as signature shards of 1 M rows, exactly as a recipe writes them; signing the text is
measured by ``bench_minhash.py``.

Timed, each in a fresh process so that its peak RSS is its own:

* hqdata ``find_duplicates`` (DuckDB band self-join under ``--memory-limit``, verification,
  connected components, keepers), 13 bands x 7 rows (threshold 0.8);
* baseline, at ``--baseline-docs``: datasketch ``MinHashLSH`` with the same bands and rows,
  inserting every signature (as ``LeanMinHash``) and querying each, all in memory.

Reported: wall time, documents per second, peak RSS, and the share of planted copies found.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import pyarrow.parquet as pq

NUM_PERM = 128
SHARD_ROWS = 1_000_000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_signatures(n: int, dup_share: float, seed: int, start: int) -> tuple[np.ndarray, int]:
    """Signatures of documents start..start+n-1; copies point back within the same block."""
    rng = np.random.default_rng(seed + start)
    sigs = rng.integers(0, 2**32 - 1, size=(n, NUM_PERM), dtype=np.uint32)
    copies = rng.choice(np.arange(1, n), size=int(n * dup_share), replace=False)
    copies.sort()
    for c in copies:
        j = rng.uniform(0.82, 1.0)
        change = rng.choice(NUM_PERM, size=round(NUM_PERM * (1 - j)), replace=False)
        sigs[c] = sigs[rng.integers(0, c)]
        sigs[c, change] = rng.integers(0, 2**32 - 1, size=len(change), dtype=np.uint32)
    return sigs, len(copies)


def stage_write(n: int, dup_share: float, seed: int, folder: Path) -> dict:
    from quality.dedup import MinHashParams, signature_table

    params = MinHashParams(threshold=0.8).resolved()
    planted = 0
    t0 = time.perf_counter()
    for start in range(0, n, SHARD_ROWS):
        size = min(SHARD_ROWS, n - start)
        sigs, copies = make_signatures(size, dup_share, seed, start)
        planted += copies
        ids = [f"d{i}" for i in range(start, start + size)]
        table = signature_table(ids, None, None, None, sigs, params)
        pq.write_table(table, folder / f"signatures-{start // SHARD_ROWS:05d}.parquet",
                       compression="none")  # fmt: skip
    return {"planted": planted, "write_s": time.perf_counter() - t0}


def stage_join(folder: Path, memory_limit: str) -> dict:
    from quality.dedup import MinHashParams, find_duplicates

    params = MinHashParams(threshold=0.8).resolved()
    shards = sorted(folder.glob("signatures-*.parquet"))
    t0 = time.perf_counter()
    result = find_duplicates(
        shards, [], params, work_dir=folder / "join", memory_limit=memory_limit, threads=2
    )
    return {
        "seconds": time.perf_counter() - t0,
        "peak_mb": _peak_mb(),
        "duplicates": result.duplicates.num_rows,
        "candidate_pairs": result.candidate_pairs,
        "verified_pairs": result.verified_pairs,
    }


def stage_baseline(n: int, dup_share: float, seed: int) -> dict:
    from datasketch import LeanMinHash, MinHashLSH

    sigs, planted = make_signatures(n, dup_share, seed, 0)
    base_mb = _peak_mb()
    t0 = time.perf_counter()
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(13, 7))
    hashes = [LeanMinHash(seed=1, hashvalues=row, scheme="affine32") for row in sigs]
    for i, m in enumerate(hashes):
        lsh.insert(i, m, check_duplication=False)
    linked = 0
    for i, m in enumerate(hashes):
        linked += any(j < i for j in lsh.query(m))
    return {
        "seconds": time.perf_counter() - t0,
        "peak_mb": _peak_mb(),
        "signatures_mb": base_mb,
        "duplicates": linked,
        "planted": planted,
    }


def _in_subprocess(args: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[1_000_000, 10_000_000])
    ap.add_argument("--baseline-docs", type=int, default=1_000_000)
    ap.add_argument("--dup-share", type=float, default=0.05)
    ap.add_argument("--memory-limit", default="2GB")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--stage", choices=["write", "join", "baseline"], help=argparse.SUPPRESS)
    ap.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.stage == "write":
        print(json.dumps(stage_write(args.docs[0], args.dup_share, args.seed, args.folder)))
        return
    if args.stage == "join":
        print(json.dumps(stage_join(args.folder, args.memory_limit)))
        return
    if args.stage == "baseline":
        print(json.dumps(stage_baseline(args.docs[0], args.dup_share, args.seed)))
        return

    rows = []
    for n in args.docs:
        folder = Path(tempfile.mkdtemp(prefix="bench-lsh-"))
        try:
            common = ["--dup-share", str(args.dup_share), "--seed", str(args.seed)]
            wrote = _in_subprocess(
                ["--stage", "write", "--docs", str(n), "--folder", str(folder), *common]
            )
            joined = _in_subprocess(
                ["--stage", "join", "--folder", str(folder), "--memory-limit", args.memory_limit]
            )
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        rows.append(("hqdata find_duplicates", n, joined, wrote["planted"]))
        print(f"{n:,} documents: {json.dumps(joined)} (shards written in {wrote['write_s']:.0f} s)",
              file=sys.stderr)  # fmt: skip
    if args.baseline_docs:
        n = args.baseline_docs
        base = _in_subprocess(
            ["--stage", "baseline", "--docs", str(n), "--dup-share", str(args.dup_share),
             "--seed", str(args.seed)]
        )  # fmt: skip
        rows.append(("datasketch MinHashLSH (in memory)", n, base, base["planted"]))

    print(f"\nDuckDB memory limit {args.memory_limit}, 2 threads; 13 bands x 7 rows; "
          f"{args.dup_share:.0%} planted near copies (J 0.82-1).\n")  # fmt: skip
    print("| method | documents | wall s | documents/s | peak RSS MB | copies found |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, n, r, planted in rows:
        print(
            f"| {name} | {n:,} | {r['seconds']:.1f} | {n / r['seconds']:,.0f} "
            f"| {r['peak_mb']:,.0f} | {r['duplicates'] / planted:.3f} |"
        )


if __name__ == "__main__":
    main()
