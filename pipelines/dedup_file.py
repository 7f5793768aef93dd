"""``hqdata dedup``: exact and near-duplicate clusters of any supported input, outside a recipe.

The input is read once, in batches: each batch becomes a signature shard (MinHash signatures,
band keys, exact key and quality score) in a work folder. The shards go through the same
out-of-core LSH join and clustering as a recipe's dedup stage (``find_duplicates``), under a
DuckDB memory limit. The output holds one row per input document, in input order:

- ``id`` and ``uri``: hqdata's stable document id and where the record is (``path#L12``);
- ``cluster`` and ``cluster_uri``: the document kept for its cluster (itself when unique);
- ``keep``: false for every duplicate;
- ``kind``: ``exact`` or ``near`` for a duplicate, null for a kept document;
- ``similarity``: Jaccard similarity to the kept document (1 for exact copies), estimated
  from the signatures or, with ``verify="exact"``, computed from the shingle sets.

The kept document of a cluster is the one with the highest quality score (``assess`` under
the chosen profile), then the smallest id (a stable choice among equals). Clusters are
connected components, so a chain of near copies is one cluster even when its two ends are
less similar than the threshold. Records that cannot be read are not
documents: they go to ``OUT.quarantined.parquet`` with the reason.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from catalogs.files import PARQUET_OPTIONS, temp_sibling, write_parquet_atomic
from connectors import FileSource, Quarantined
from connectors.base import read_records
from quality import assess, detect_language
from quality.dedup import MinHasher, MinHashParams, find_duplicates, signature_table
from quality.dedup.lsh import checked_memory_limit, shingle_sets_of
from quality.dedup.minhash import exact_key, shingle_key
from quality.profiles import quality_profile

BATCH_DOCUMENTS = 20_000

QUARANTINE_SCHEMA = pa.schema(
    [pa.field("uri", pa.string()), pa.field("reason", pa.string()), pa.field("raw", pa.string())]
)


@dataclass
class DedupFileSummary:
    output: Path
    documents: int = 0
    kept: int = 0
    exact: int = 0
    near: int = 0
    clusters: int = 0
    candidate_pairs: int = 0
    quarantined: Counter[str] = field(default_factory=Counter)
    quarantine_file: Path | None = None


def dedup_path(
    path: str | Path,
    output: str | Path,
    params: MinHashParams,
    *,
    profile: str = "web",
    memory_limit: str = "2GB",
    work_dir: str | Path | None = None,
    source_options: dict[str, Any] | None = None,
    batch_documents: int = BATCH_DOCUMENTS,
    on_document: Callable[[], None] | None = None,
    verify: bool | Literal["estimated", "exact"] = True,
) -> DedupFileSummary:
    """Cluster the documents under ``path``; write one row per document to ``output``."""
    params = params.resolved()
    memory_limit = checked_memory_limit(memory_limit)
    config = quality_profile(profile)
    source = FileSource("dedup", path, **(source_options or {}))
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    summary = DedupFileSummary(output)
    scratch = Path(tempfile.mkdtemp(prefix="hqdata-dedup-", dir=work_dir))
    hasher = MinHasher(params)
    shards: list[str] = []
    quarantined: list[dict[str, str]] = []
    ids: list[str] = []
    uris: list[str] = []
    keys: list[str] = []
    scores: list[float] = []

    def flush() -> None:
        if not ids:
            return
        table = signature_table(
            ids,
            [exact_key(k) for k in keys],
            scores,
            None,
            hasher.signatures(keys),
            params,
        )
        shard = scratch / f"signatures-{len(shards):05d}.parquet"
        pq.write_table(table, shard, **PARQUET_OPTIONS)
        docs = pa.table({"id": ids, "uri": uris, "key": keys})
        pq.write_table(docs, _uris_of(shard), **PARQUET_OPTIONS)
        shards.append(str(shard))
        ids.clear()
        uris.clear()
        keys.clear()
        scores.clear()

    try:
        for item in read_records(source):
            if isinstance(item, Quarantined):
                summary.quarantined[item.reason] += 1
                quarantined.append(
                    {"uri": item.uri, "reason": item.reason, "raw": (item.raw or "")[:1000]}
                )
                continue
            ids.append(item.id)
            uris.append(item.uri)
            keys.append(shingle_key(item.text, params))
            scores.append(assess(item.text, config, detect_language(item.text)).score)
            summary.documents += 1
            if on_document is not None:
                on_document()
            if len(ids) >= batch_documents:
                flush()
        flush()
        if quarantined:
            summary.quarantine_file = output.with_suffix(".quarantined.parquet")
            write_parquet_atomic(
                pa.Table.from_pylist(quarantined, schema=QUARANTINE_SCHEMA),
                summary.quarantine_file,
            )
        key_files = [_uris_of(Path(shard)) for shard in shards]
        result = find_duplicates(
            shards,
            [],
            params,
            work_dir=scratch / "join",
            memory_limit=memory_limit,
            verify=verify,
            shingles_of=lambda wanted: shingle_sets_of(
                key_files, wanted, params, column="key", is_key=True
            ),
        )
        summary.clusters = result.clusters
        summary.candidate_pairs = result.candidate_pairs
        kinds = Counter(result.duplicates["kind"].to_pylist())
        summary.exact, summary.near = kinds.get("exact", 0), kinds.get("near", 0)
        summary.kept = summary.documents - summary.exact - summary.near
        _write_rows(shards, result.duplicates, output, scratch, memory_limit)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return summary


def _uris_of(shard: Path) -> Path:
    return shard.with_name(shard.name.replace("signatures-", "uris-"))


_ROWS_SQL = """
COPY (
    WITH docs AS (SELECT * FROM read_parquet($uris, filename = true, file_row_number = true))
    SELECT s.id,
           s.uri,
           coalesce(d.cluster, s.id) AS cluster,
           coalesce(k.uri, s.uri) AS cluster_uri,
           d.id IS NULL AS keep,
           d.kind,
           d.similarity
    FROM docs s
    LEFT JOIN duplicates d ON d.id = s.id
    LEFT JOIN docs k ON k.id = d.cluster
    ORDER BY s.filename, s.file_row_number
) TO $out (FORMAT parquet, COMPRESSION zstd)
"""


def _write_rows(
    shards: list[str], duplicates: pa.Table, output: Path, scratch: Path, memory_limit: str
) -> None:
    tmp = temp_sibling(output)
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        spill = scratch / "rows"
        spill.mkdir(exist_ok=True)
        con.execute(f"SET temp_directory = '{spill}'")
        con.register("duplicates", duplicates)
        if shards:
            uris = [str(_uris_of(Path(shard))) for shard in shards]
            con.execute(_ROWS_SQL, {"uris": uris, "out": str(tmp)})
        else:  # no documents: still a readable file with the columns
            con.execute(
                "COPY (SELECT NULL::VARCHAR AS id, NULL::VARCHAR AS uri, NULL::VARCHAR AS "
                "cluster, NULL::VARCHAR AS cluster_uri, NULL::BOOLEAN AS keep, "
                "NULL::VARCHAR AS kind, NULL::FLOAT AS similarity LIMIT 0) TO $out "
                "(FORMAT parquet)",
                {"out": str(tmp)},
            )
        tmp.replace(output)
    finally:
        con.close()
        tmp.unlink(missing_ok=True)
