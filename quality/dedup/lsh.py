"""LSH banding and global deduplication over signature Parquet files.

Flow of :func:`find_duplicates`:

1. Every input file must carry the same MinHash scheme (``hqdata.minhash`` schema metadata)
   as ``params``; mixing signatures from other settings would silently miss duplicates.
2. The document attributes and the unnested band keys go into DuckDB, which spills to disk
   beyond ``memory_limit``.
3. Candidate pairs: a self-join of band rows on ``(band, key)``; exact pairs: documents with
   the same ``dedup_key``, each chained to its group's first member (linear, not quadratic).
   Pairs of two prior documents are skipped: earlier versions were already deduplicated.
   Prior documents named in ``exclude_prior`` (by id and version: texts a later version
   replaced) are left out before the join, so they neither match nor keep anything.
4. Verification: the estimated Jaccard (equal signature positions) of each candidate pair,
   in numpy batches; pairs below the threshold are dropped. Only the signatures of documents
   in some pair are read back, so memory follows the duplicates, not the corpus.
5. Connected components (scipy) over the kept pairs; one keeper per component: prior documents
   first (all prior documents are kept), then highest quality, earliest ``published_at``
   (nulls last), smallest id. Every other new document is reported as a duplicate.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from quality.dedup.minhash import (
    MAX_HASH,
    SCHEME_KEYS,
    MinHashParams,
    fmix64,
    shingle_key,
    shingle_set,
)

METADATA_KEY = b"hqdata.minhash"

SIGNATURE_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("dedup_key", pa.string()),  # exact-duplicate key; null: no exact matching
        pa.field("quality_score", pa.float32()),
        pa.field("published_at", pa.timestamp("us", tz="UTC")),
        pa.field("prior", pa.bool_(), nullable=False),  # from an earlier published version
        pa.field("dataset", pa.string()),
        pa.field("version", pa.string()),
        pa.field("signature", pa.list_(pa.uint32()), nullable=False),
        # Empty for an empty key (all-max signature): such rows never become candidates.
        pa.field("bands", pa.list_(pa.uint64()), nullable=False),
    ]
)

DUPLICATES_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("keeper_id", pa.string(), nullable=False),
        pa.field("keeper_dataset", pa.string()),
        pa.field("keeper_version", pa.string()),
        pa.field("kind", pa.string(), nullable=False),  # "exact" | "near"
        pa.field("similarity", pa.float32(), nullable=False),
        pa.field("cluster", pa.string(), nullable=False),  # the keeper's id
    ]
)

# Keys of a band are hashed two signature rows (one uint64 word) at a time.
_BAND_SEED = np.uint64(0x2545F4914F6CDD1D)
_S32 = np.uint64(32)
_MEMORY_LIMIT = re.compile(r"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)\s*$", re.I)
_PAIR_BATCH = 1 << 16  # candidate pairs verified per numpy batch (2 x 32 MB of signatures)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One uint64 key per band: ``(n, bands)``, a hash of that band's ``rows`` values.

    Equal band values give equal keys; different ones collide with probability ~2**-64, and
    verification would discard such a pair anyway.
    """
    sig = np.asarray(signatures)
    if sig.ndim != 2:
        raise ValueError(f"signatures must be 2-D (n, num_perm), got shape {sig.shape}")
    if bands < 1 or rows < 1 or bands * rows > sig.shape[1]:
        raise ValueError(
            f"bands={bands} x rows={rows} does not fit {sig.shape[1]} signature columns"
        )
    n = sig.shape[0]
    block = sig[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    h = np.full((n, bands), _BAND_SEED, dtype=np.uint64)
    for j in range(0, rows, 2):
        word = block[:, :, j] << _S32
        if j + 1 < rows:
            word |= block[:, :, j + 1]
        h ^= word
        h = fmix64(h)
    return h


def _column(values: Any, type_: pa.DataType, n: int) -> pa.Array:
    """An Arrow column of ``type_`` from a sequence, numpy array or Arrow array; None: nulls."""
    if values is None:
        return pa.nulls(n, type_)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        if pa.types.is_timestamp(values.type) and values.type.tz is None:
            values = values.cast(pa.timestamp(values.type.unit, tz="UTC"))  # naive = UTC
        return values.cast(type_)
    # Aware datetimes are converted to UTC, naive ones taken as UTC.
    return pa.array(values if isinstance(values, np.ndarray) else list(values), type=type_)


def signature_table(
    ids: Sequence[str] | pa.Array,
    dedup_keys: Sequence[str | None] | pa.Array | None,
    quality_scores: Sequence[float | None] | np.ndarray | pa.Array | None,
    published_at: Sequence[datetime | None] | pa.Array | None,
    signatures: np.ndarray,
    params: MinHashParams,
    *,
    prior: bool = False,
    dataset: str | None = None,
    version: str | None = None,
) -> pa.Table:
    """Signatures with their band keys and keeper attributes, in :data:`SIGNATURE_SCHEMA`.

    The scheme (``params.scheme()``) is stored as JSON in the schema metadata under
    ``b"hqdata.minhash"`` so that incompatible files are refused later. ``None`` for
    ``dedup_keys``/``quality_scores``/``published_at`` means all null.
    """
    p = params.resolved()
    sig = np.ascontiguousarray(signatures, dtype=np.uint32)
    n = len(ids)
    if sig.ndim != 2 or sig.shape != (n, p.num_perm):
        raise ValueError(f"signatures must have shape ({n}, {p.num_perm}), got {sig.shape}")
    for name, col in (
        ("dedup_keys", dedup_keys),
        ("quality_scores", quality_scores),
        ("published_at", published_at),
    ):
        if col is not None and len(col) != n:
            raise ValueError(f"{name} has {len(col)} values for {n} ids")
    keys = band_keys(sig, p.bands, p.rows)
    empty = (sig == MAX_HASH).all(axis=1)  # empty key: must never match anything
    band_counts = np.where(empty, 0, p.bands).astype(np.int32)
    band_offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(band_counts, out=band_offsets[1:])
    if n * p.num_perm >= 2**31:
        raise ValueError(f"{n} signatures are too many for one table; write smaller shards")
    sig_offsets = np.arange(0, (n + 1) * p.num_perm, p.num_perm, dtype=np.int64)
    id_column = _column(ids, pa.string(), n)
    if id_column.null_count:
        raise ValueError("ids must not be null")
    columns = [
        id_column,
        _column(dedup_keys, pa.string(), n),
        _column(quality_scores, pa.float32(), n),
        _column(published_at, pa.timestamp("us", tz="UTC"), n),
        pa.array(np.full(n, bool(prior))),
        pa.array([dataset] * n, type=pa.string()),
        pa.array([version] * n, type=pa.string()),
        pa.ListArray.from_arrays(pa.array(sig_offsets.astype(np.int32)), pa.array(sig.ravel())),
        pa.ListArray.from_arrays(pa.array(band_offsets), pa.array(keys[~empty].ravel())),
    ]
    metadata = {METADATA_KEY: json.dumps(p.scheme(), sort_keys=True).encode()}
    return pa.Table.from_arrays(columns, schema=SIGNATURE_SCHEMA.with_metadata(metadata))


@dataclass
class DedupResult:
    """Outcome of :func:`find_duplicates`."""

    # One row per dropped document, in DUPLICATES_SCHEMA.
    duplicates: pa.Table = field(default_factory=DUPLICATES_SCHEMA.empty_table)
    clusters: int = 0  # connected components with more than one member
    candidate_pairs: int = 0  # distinct LSH band-collision pairs (prior-prior excluded)
    verified_pairs: int = 0  # candidate pairs kept (estimated Jaccard >= threshold)
    exact_pairs: int = 0  # same-dedup_key links (each member to its group's first)
    # With return_pairs=True: every kept link (a, b, similarity, kind) in PAIRS_SCHEMA.
    pairs: pa.Table | None = None


PAIRS_SCHEMA = pa.schema(
    [
        pa.field("a", pa.string(), nullable=False),
        pa.field("b", pa.string(), nullable=False),
        pa.field("similarity", pa.float32(), nullable=False),  # estimated; 1 for exact
        pa.field("kind", pa.string(), nullable=False),  # "near" (LSH + verify) | "exact"
    ]
)


def file_scheme(path: str | Path) -> dict[str, Any] | None:
    """The MinHash scheme stored in a signature file, or None when it has none."""
    raw = (pq.read_schema(path).metadata or {}).get(METADATA_KEY)
    try:
        return json.loads(raw) if raw is not None else None
    except json.JSONDecodeError:
        return None


def same_scheme(found: dict[str, Any] | None, expected: dict[str, Any]) -> bool:
    """Whether signatures made under ``found`` can be compared with ``expected`` ones."""
    return found is not None and all(found.get(k) == expected.get(k) for k in SCHEME_KEYS)


def _check_scheme(path: Path, expected: dict[str, Any]) -> int:
    """Refuse a file whose MinHash scheme differs from ``expected``; return its row count."""
    try:
        pf = pq.ParquetFile(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise ValueError(f"{path}: not a readable signature Parquet file: {exc}") from exc
    schema = pf.schema_arrow
    missing = [f.name for f in SIGNATURE_SCHEMA if f.name not in schema.names]
    if missing:
        raise ValueError(f"{path}: not a signature file, missing columns {missing}")
    raw = (schema.metadata or {}).get(METADATA_KEY)
    if raw is None:
        raise ValueError(f"{path}: no {METADATA_KEY.decode()} metadata (unknown MinHash scheme)")
    try:
        found = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: unreadable {METADATA_KEY.decode()} metadata") from exc
    diffs = [
        f"{k}: file {found.get(k)!r} != expected {expected.get(k)!r}"
        for k in SCHEME_KEYS
        if found.get(k) != expected.get(k)
    ]
    if diffs:
        raise ValueError(f"{path}: incompatible MinHash signatures ({'; '.join(diffs)})")
    return pf.metadata.num_rows


class _SignatureRows:
    """The signatures of some documents (sorted doc numbers), indexed by doc number.

    Only documents of candidate or exact pairs are read, so memory follows the duplicates
    found, not the corpus: at 10 M documents with 5% near copies that is ~1 M rows.
    """

    def __init__(self, docs: np.ndarray, num_perm: int) -> None:
        self.docs = docs
        self.values = np.empty((len(docs), num_perm), dtype=np.uint32)

    def __getitem__(self, doc: np.ndarray) -> np.ndarray:
        return self.values[np.searchsorted(self.docs, doc)]

    def equal_counts(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Number of equal signature positions of each pair (a[i], b[i]), in batches."""
        out = np.empty(len(a), dtype=np.int32)
        for s in range(0, len(a), _PAIR_BATCH):
            e = s + _PAIR_BATCH
            out[s:e] = (self[a[s:e]] == self[b[s:e]]).sum(axis=1)
        return out

    def similarity(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Estimated Jaccard similarity of each pair (float32)."""
        return self.equal_counts(a, b).astype(np.float32) / np.float32(self.values.shape[1])

    def read(self, path: Path, offset: int) -> None:
        """Fill the rows of the documents of one file (doc numbers ``offset`` onwards)."""
        num_perm = self.values.shape[1]
        row = offset
        for batch in pq.ParquetFile(path).iter_batches(columns=["signature"], batch_size=1 << 16):
            col = batch.column(0)
            start, row = row, row + batch.num_rows
            lo, hi = np.searchsorted(self.docs, [start, row])
            if col.null_count:
                raise ValueError(f"{path}: null signature")
            if lo == hi:
                continue
            lengths = np.diff(col.offsets.to_numpy())
            if len(lengths) and (lengths != num_perm).any():
                raise ValueError(f"{path}: signature length differs from num_perm={num_perm}")
            values = col.flatten().to_numpy(zero_copy_only=False).reshape(-1, num_perm)
            self.values[lo:hi] = values[self.docs[lo:hi] - start]


class _ExactSets:
    """The shingle sets of the documents in some pair, for exact Jaccard."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        docs: np.ndarray,
        shingles_of: Callable[[list[str]], Mapping[str, np.ndarray]],
    ) -> None:
        con.register("involved", pa.table({"doc": docs}))
        rows = con.execute(
            "SELECT d.doc, d.id FROM docs d SEMI JOIN involved i ON d.doc = i.doc"
        ).fetchall()
        con.unregister("involved")
        sets = shingles_of([doc_id for _, doc_id in rows])
        missing = [doc_id for _, doc_id in rows if doc_id not in sets]
        if missing:
            raise ValueError(f"no shingles for {len(missing)} document(s), e.g. {missing[0]!r}")
        self.sets = {doc: sets[doc_id] for doc, doc_id in rows}

    def similarity(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Exact Jaccard similarity of each pair (float32)."""
        out = np.empty(len(a), dtype=np.float32)
        for i, (x, y) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
            sa, sb = self.sets[x], self.sets[y]
            both = len(np.intersect1d(sa, sb, assume_unique=True))
            union = len(sa) + len(sb) - both
            out[i] = both / union if union else 1.0
        return out


def shingle_sets_of(
    files: Sequence[str | Path],
    ids: Sequence[str],
    params: MinHashParams,
    *,
    column: str = "text",
    is_key: bool = False,
) -> dict[str, np.ndarray]:
    """Shingle sets (:func:`shingle_set`) of the documents ``ids`` read from Parquet files
    holding ``id`` and ``column`` (text, or an already made key when ``is_key``): what
    ``find_duplicates(verify="exact")`` asks ``shingles_of`` for."""
    out: dict[str, np.ndarray] = {}
    if not ids or not files:
        return out
    with duckdb.connect(":memory:") as con:
        con.register("wanted", pa.table({"id": pa.array(list(ids), pa.string())}))
        rel = con.sql(
            f'SELECT id, "{column}" AS value FROM read_parquet($files, union_by_name = true) '
            "SEMI JOIN wanted USING (id)",
            params={"files": [str(f) for f in files]},
        )
        to_reader = getattr(rel, "to_arrow_reader", None) or rel.fetch_arrow_reader
        for batch in to_reader(4096):
            values = batch.column("value").to_pylist()
            for doc_id, value in zip(batch.column("id").to_pylist(), values, strict=True):
                key = (value or "") if is_key else shingle_key(value or "", params)
                out[doc_id] = shingle_set(key, params)
    return out


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def checked_memory_limit(memory_limit: str) -> str:
    """``memory_limit`` stripped, if it is a DuckDB size like '2GB' or '512MiB'."""
    if not isinstance(memory_limit, str) or not _MEMORY_LIMIT.match(memory_limit):
        raise ValueError(f"memory_limit must look like '2GB' or '512MiB', got {memory_limit!r}")
    return memory_limit.strip()


def _connect(tmp: Path, memory_limit: str, threads: int) -> duckdb.DuckDBPyConnection:
    memory_limit = checked_memory_limit(memory_limit)
    if int(threads) < 1:
        raise ValueError(f"threads must be positive, got {threads}")
    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = {_sql_string(memory_limit)}")
    con.execute(f"SET threads = {int(threads)}")
    spill = tmp / "duckdb"
    spill.mkdir()
    con.execute(f"SET temp_directory = {_sql_string(str(spill))}")
    con.execute("SET preserve_insertion_order = false")
    return con


EXCLUDED_SCHEMA = pa.schema([pa.field("id", pa.string()), pa.field("version", pa.string())])


def excluded_table(exclude_prior: Iterable[tuple[str, str]] | None) -> pa.Table | None:
    """``exclude_prior`` as an Arrow table of (id, version), or None when it names nothing."""
    if exclude_prior is None:
        return None
    pairs = list(exclude_prior)
    if not pairs:
        return None
    ids, versions = zip(*pairs, strict=True)
    return pa.Table.from_arrays(
        [pa.array(ids, pa.string()), pa.array(versions, pa.string())], schema=EXCLUDED_SCHEMA
    )


def _load_tables(
    con: duckdb.DuckDBPyConnection,
    files: list[tuple[Path, bool, int]],
    *,
    docs: bool = True,
    bands: Sequence[int] | None = None,
    band_rows: bool = True,
    excluded: pa.Table | None = None,
) -> bool:
    """The ``docs`` table and the unnested ``band_rows`` (of ``bands`` only, 1-based).

    With ``excluded`` (id, version) rows, the prior documents they name are left out of both
    and their doc numbers listed in the ``dropped`` table; other doc numbers do not move, so
    every step that numbers the same files still agrees. Returns whether any was left out.
    """
    con.execute(
        "CREATE TABLE docs (doc BIGINT, id VARCHAR, dedup_key VARCHAR, quality_score FLOAT, "
        "published_at TIMESTAMPTZ, prior BOOLEAN, dataset VARCHAR, version VARCHAR)"
    )
    con.execute("CREATE TABLE band_rows (doc BIGINT, band INTEGER, key UBIGINT, prior BOOLEAN)")
    dropping = excluded is not None and _drop_excluded(con, files, excluded)
    conditions = [] if bands is None else [f"band IN ({', '.join(str(int(b)) for b in bands)})"]
    keep_doc = ""
    if dropping:
        keep_doc = " WHERE doc NOT IN (SELECT doc FROM dropped)"
        conditions.append("doc NOT IN (SELECT doc FROM dropped)")
    wanted = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    for path, is_prior, offset in files:
        src = "read_parquet($path, file_row_number = true)"
        args = {"path": str(path), "offset": offset, "is_prior": is_prior}
        if docs:
            con.execute(
                f"INSERT INTO docs SELECT * FROM (SELECT $offset + file_row_number AS doc, id, "
                f"dedup_key, quality_score, published_at, coalesce(prior, false) OR $is_prior, "
                f"dataset, version FROM {src}){keep_doc}",
                args,
            )
        if band_rows:
            con.execute(
                f"INSERT INTO band_rows SELECT * FROM (SELECT $offset + file_row_number AS doc, "
                f"generate_subscripts(bands, 1) AS band, unnest(bands) AS key, "
                f"coalesce(prior, false) OR $is_prior AS prior FROM {src}) {wanted}",
                args,
            )
    return dropping


def _drop_excluded(
    con: duckdb.DuckDBPyConnection, files: list[tuple[Path, bool, int]], excluded: pa.Table
) -> bool:
    """Fill ``dropped`` with the doc numbers of the prior documents ``excluded`` names."""
    con.execute("CREATE TABLE dropped (doc BIGINT)")
    named = sorted({v for v in excluded["version"].to_pylist() if v is not None})
    if not named:  # a null version matches no document
        return False
    # A constant list the Parquet scan can test against each row group's version statistics:
    # signature files of other versions (one version each) are skipped unread.
    versions = "(" + ", ".join(_sql_string(v) for v in named) + ")"
    con.register("excluded", excluded)
    try:
        for path, is_prior, offset in files:
            con.execute(
                "INSERT INTO dropped SELECT $offset + file_row_number FROM "
                "read_parquet($path, file_row_number = true) f SEMI JOIN excluded e "
                "ON f.id = e.id AND f.version = e.version "
                f"WHERE f.version IN {versions} AND (coalesce(f.prior, false) OR $is_prior)",
                {"path": str(path), "offset": offset, "is_prior": is_prior},
            )
    finally:
        con.unregister("excluded")
    row = con.execute("SELECT count(*) FROM dropped").fetchone()
    return bool(row and row[0])


def _candidate_sql(max_bucket: int) -> str:
    # Buckets above max_bucket members (boilerplate shared by thousands of documents) are
    # chained in doc order instead of joined all-pairs, which would be quadratic.
    return f"""
    WITH sizes AS (
        SELECT band, key, count(*) AS n FROM band_rows GROUP BY band, key HAVING n > 1
    ),
    small AS (
        SELECT r.* FROM band_rows r SEMI JOIN sizes s
        ON r.band = s.band AND r.key = s.key AND s.n <= {max_bucket}
    ),
    big AS (
        SELECT r.* FROM band_rows r SEMI JOIN sizes s
        ON r.band = s.band AND r.key = s.key AND s.n > {max_bucket}
    ),
    pairs AS (
        SELECT l.doc AS a, r.doc AS b
        FROM small l JOIN small r ON l.band = r.band AND l.key = r.key AND l.doc < r.doc
        WHERE NOT (l.prior AND r.prior)
        UNION ALL
        SELECT least(prev, doc), greatest(prev, doc) FROM (
            SELECT doc, prior,
                   lag(doc) OVER w AS prev, lag(prior) OVER w AS prev_prior
            FROM big WINDOW w AS (PARTITION BY band, key ORDER BY prior DESC, doc)
        ) WHERE prev IS NOT NULL AND NOT (prior AND prev_prior)
    )
    SELECT DISTINCT a, b FROM pairs
    """


_EXACT_SQL = """
SELECT a, doc AS b FROM (
    SELECT doc, prior,
           first_value(doc) OVER w AS a, first_value(prior) OVER w AS a_prior
    FROM docs WHERE dedup_key IS NOT NULL
    WINDOW w AS (PARTITION BY dedup_key ORDER BY prior DESC, doc)
) WHERE doc <> a AND NOT (prior AND a_prior)
"""

_KEEPER_SQL = """
WITH ranked AS (
    SELECT m.comp, d.doc, d.id, d.dedup_key, d.prior, d.dataset, d.version,
           row_number() OVER (
               PARTITION BY m.comp
               ORDER BY d.prior DESC,
                        CASE WHEN isnan(d.quality_score) THEN NULL ELSE d.quality_score END
                            DESC NULLS LAST,
                        d.published_at ASC NULLS LAST,
                        d.id ASC,
                        d.doc ASC
           ) AS rk
    FROM members m JOIN docs d ON d.doc = m.doc
),
keepers AS (SELECT * FROM ranked WHERE rk = 1)
SELECT r.doc, r.id, k.doc AS keeper_doc, k.id AS keeper_id,
       k.dataset AS keeper_dataset, k.version AS keeper_version,
       coalesce(r.dedup_key = k.dedup_key, false) AS exact
FROM ranked r JOIN keepers k ON r.comp = k.comp
WHERE r.rk > 1 AND NOT r.prior
ORDER BY r.doc
"""


def _numbered_files(
    new_files: Sequence[str | Path], prior_files: Sequence[str | Path], params: MinHashParams
) -> tuple[list[tuple[Path, bool, int]], int]:
    """(path, is prior, first doc number) per file, checked against the scheme; doc count.

    Doc numbers follow the order of the files, so every step that numbers the same files
    the same way (band groups on other machines included) agrees on them.
    """
    expected = params.scheme()
    files: list[tuple[Path, bool, int]] = []
    total = 0
    seen: set[Path] = set()
    for paths, is_prior in ((new_files, False), (prior_files, True)):
        for raw in paths:
            path = Path(raw)
            if path.resolve() in seen:
                raise ValueError(f"{path}: given twice (as new and prior, or repeated)")
            seen.add(path.resolve())
            rows = _check_scheme(path, expected)
            files.append((path, is_prior, total))
            total += rows
    return files, total


def _sql_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_sql_string(v) for v in values) + "]"


PAIR_FILE_SCHEMA = pa.schema([pa.field("a", pa.int64()), pa.field("b", pa.int64())])


def band_groups(bands: int, groups: int) -> list[list[int]]:
    """Bands 1..``bands`` dealt into at most ``groups`` non-empty groups of similar size."""
    groups = max(1, min(groups, bands))
    return [list(range(g + 1, bands + 1, groups)) for g in range(groups)]


def band_candidates(
    new_files: Sequence[str | Path],
    prior_files: Sequence[str | Path],
    params: MinHashParams,
    bands: Sequence[int],
    output: str | Path,
    *,
    work_dir: Path,
    memory_limit: str = "2GB",
    threads: int = 2,
    max_bucket: int = 1000,
    exclude_prior: Iterable[tuple[str, str]] | None = None,
) -> Path:
    """The LSH candidate pairs of some bands (1-based) written to ``output`` (Parquet).

    One independent piece of :func:`find_duplicates`'s band join: run one call per group of
    :func:`band_groups` anywhere the files can be read, then pass the outputs to
    ``find_duplicates(..., candidate_files=...)`` with the same files in the same order and
    the same ``exclude_prior``.
    """
    p = params.resolved()
    if max_bucket < 2:
        raise ValueError(f"max_bucket must be at least 2, got {max_bucket}")
    bad = [b for b in bands if not 1 <= int(b) <= (p.bands or 0)]
    if bad or not bands:
        raise ValueError(f"bands must be a non-empty subset of 1..{p.bands}, got {list(bands)}")
    files, _ = _numbered_files(new_files, prior_files, p)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bands-", dir=work_dir))
    partial = output.with_name(output.name + ".partial")
    con = None
    try:
        con = _connect(tmp, memory_limit, threads)
        _load_tables(con, files, docs=False, bands=bands, excluded=excluded_table(exclude_prior))
        con.execute(
            f"COPY ({_candidate_sql(max_bucket)}) TO {_sql_string(str(partial))} "
            "(FORMAT parquet, COMPRESSION zstd)"
        )
        partial.replace(output)
        return output
    finally:
        if con is not None:
            con.close()
        partial.unlink(missing_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)


def _reader_pairs(
    con: duckdb.DuckDBPyConnection, sql: str
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The (a, b) doc pairs of a query, streamed batch by batch."""
    rel = con.sql(sql)
    # duckdb 2 names it to_arrow_reader; 1.x has fetch_arrow_reader
    to_reader = getattr(rel, "to_arrow_reader", None) or rel.fetch_arrow_reader
    for batch in to_reader(1 << 20):
        if batch.num_rows:
            yield (
                batch.column(0).to_numpy(zero_copy_only=False).astype(np.int64),
                batch.column(1).to_numpy(zero_copy_only=False).astype(np.int64),
            )


def find_duplicates(
    new_files: Sequence[str | Path],
    prior_files: Sequence[str | Path],
    params: MinHashParams,
    *,
    work_dir: Path,
    memory_limit: str = "2GB",
    threads: int = 2,
    verify: bool | Literal["estimated", "exact"] = True,
    max_bucket: int = 1000,
    return_pairs: bool = False,
    candidate_files: Sequence[str | Path] | None = None,
    shingles_of: Callable[[list[str]], Mapping[str, np.ndarray]] | None = None,
    exclude_prior: Iterable[tuple[str, str]] | None = None,
) -> DedupResult:
    """Exact and near duplicates among ``new_files`` and against ``prior_files``.

    Files are signature Parquet files (:data:`SIGNATURE_SCHEMA`); a document is prior when
    its file is in ``prior_files`` or its ``prior`` column is true. Prior documents are never
    reported as duplicates. Candidate pairs are verified by their estimated Jaccard
    (``verify=True`` or ``"estimated"``: equal signature positions), by their exact Jaccard
    (``"exact"``: ``shingles_of(ids)`` returns each document's :func:`shingle_set`; the sets
    of the documents in candidate pairs are held in memory, 8 bytes per shingle), or not at
    all (``False``: every LSH candidate pair is kept). Similarities reported follow the same
    choice.
    ``return_pairs=True`` also returns the kept pairs (for evaluation and audits).
    ``candidate_files`` are the outputs of :func:`band_candidates` over groups of bands that
    together cover every band (run elsewhere, for instance on a cluster): their union replaces
    the band join here, with the same files in the same order, so the result is identical.
    ``exclude_prior`` names prior documents by (id, version) that take no part at all: no
    pair, no keeper (the earlier text of a document a later version replaced). Pairs of
    ``candidate_files`` naming one of them are dropped; give :func:`band_candidates` the same
    pairs so that its buckets are chained without them, as the join here would.
    Raises ValueError naming the file whose MinHash scheme differs from ``params``.
    """
    p = params.resolved()
    if max_bucket < 2:
        raise ValueError(f"max_bucket must be at least 2, got {max_bucket}")
    modes = {True: "estimated", False: "off", "estimated": "estimated", "exact": "exact"}
    if verify not in modes:
        raise ValueError(f"verify must be True, False, 'estimated' or 'exact', got {verify!r}")
    mode = modes[verify]
    if mode == "exact" and shingles_of is None:
        raise ValueError("verify='exact' needs shingles_of, the shingle sets of documents")
    files, total = _numbered_files(new_files, prior_files, p)
    if total == 0:
        return DedupResult()
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="dedup-", dir=work_dir))
    con = None
    try:
        con = _connect(tmp, memory_limit, threads)
        dropping = _load_tables(
            con, files, band_rows=candidate_files is None, excluded=excluded_table(exclude_prior)
        )
        need = max(0, math.ceil(p.threshold * p.num_perm - 1e-9))
        cand_a: list[np.ndarray] = []
        cand_b: list[np.ndarray] = []
        exact_a: list[np.ndarray] = []
        exact_b: list[np.ndarray] = []
        if candidate_files is None:
            pairs_sql: str | None = _candidate_sql(max_bucket)
        elif candidate_files:  # band groups joined elsewhere: their union, each pair once
            listed = _sql_list([str(f) for f in candidate_files])
            pairs_sql = f"SELECT DISTINCT a, b FROM read_parquet({listed})"
            if dropping:  # pairs joined without the exclusion: none may name a dropped doc
                pairs_sql += (
                    " WHERE a NOT IN (SELECT doc FROM dropped) "
                    "AND b NOT IN (SELECT doc FROM dropped)"
                )
        else:
            pairs_sql = None
        for a, b in _reader_pairs(con, pairs_sql) if pairs_sql else ():
            cand_a.append(a)
            cand_b.append(b)
        for a, b in _reader_pairs(con, _EXACT_SQL):
            exact_a.append(a)
            exact_b.append(b)
        involved = [*cand_a, *cand_b, *exact_a, *exact_b]
        docs = np.unique(np.concatenate(involved)) if involved else np.empty(0, np.int64)
        if mode == "exact":
            assert shingles_of is not None
            similarity = _ExactSets(con, docs, shingles_of).similarity
        else:
            sigs = _SignatureRows(docs, p.num_perm)
            if len(docs):
                for path, _, offset in files:
                    sigs.read(path, offset)
            similarity = sigs.similarity
        kept_a: list[np.ndarray] = []
        kept_b: list[np.ndarray] = []
        candidates = sum(len(a) for a in cand_a)
        for a, b in zip(cand_a, cand_b, strict=True):
            if mode == "estimated":
                ok = sigs.equal_counts(a, b) >= need
                a, b = a[ok], b[ok]
            elif mode == "exact":
                ok = similarity(a, b) >= p.threshold - 1e-9
                a, b = a[ok], b[ok]
            kept_a.append(a)
            kept_b.append(b)
        del cand_a, cand_b
        verified = near_links = sum(len(a) for a in kept_a)
        exact_pairs = sum(len(a) for a in exact_a)
        kept_a += exact_a
        kept_b += exact_b
        pairs = _pairs_table(con, kept_a, kept_b, near_links, similarity) if return_pairs else None
        if not kept_a or sum(len(a) for a in kept_a) == 0:
            return DedupResult(
                candidate_pairs=candidates,
                verified_pairs=verified,
                exact_pairs=exact_pairs,
                pairs=pairs,
            )
        a = np.concatenate(kept_a)
        b = np.concatenate(kept_b)
        nodes = np.unique(np.concatenate([a, b]))
        index_type = np.int32 if len(nodes) < 2**31 else np.int64
        ia = np.searchsorted(nodes, a).astype(index_type)
        ib = np.searchsorted(nodes, b).astype(index_type)
        del a, b, kept_a, kept_b
        graph = coo_matrix(
            (np.ones(len(ia), dtype=np.int8), (ia, ib)), shape=(len(nodes), len(nodes))
        ).tocsr()
        graph.data[:] = 1  # a pair found twice (band and exact key) is still one edge
        n_comp, labels = connected_components(graph, directed=False)
        members = pa.table({"doc": nodes, "comp": labels.astype(np.int64)})
        con.register("members", members)
        rel = con.sql(_KEEPER_SQL)
        dups = (getattr(rel, "to_arrow_table", None) or rel.fetch_arrow_table)()
        duplicates = _duplicates_table(dups, similarity)
        return DedupResult(
            duplicates=duplicates,
            clusters=int(n_comp),
            candidate_pairs=candidates,
            verified_pairs=verified,
            exact_pairs=exact_pairs,
            pairs=pairs,
        )
    finally:
        if con is not None:
            con.close()
        shutil.rmtree(tmp, ignore_errors=True)


Similarity = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _pairs_table(
    con: duckdb.DuckDBPyConnection,
    kept_a: list[np.ndarray],
    kept_b: list[np.ndarray],
    near_links: int,
    similarity_of: Similarity,
) -> pa.Table:
    """Kept links as ids, in PAIRS_SCHEMA: the first ``near_links`` came from LSH."""
    if not kept_a:
        return PAIRS_SCHEMA.empty_table()
    a = np.concatenate(kept_a)
    b = np.concatenate(kept_b)
    similarity = similarity_of(a, b)
    similarity[near_links:] = 1.0
    kind = np.where(np.arange(len(a)) < near_links, "near", "exact")
    # doc numbers follow file order; excluded prior documents leave gaps in them
    rows = con.sql("SELECT doc, id FROM docs ORDER BY doc").to_arrow_table()
    docs = rows["doc"].to_numpy()
    ids = rows["id"]
    ida = ids.take(pa.array(np.searchsorted(docs, a)))
    idb = ids.take(pa.array(np.searchsorted(docs, b)))
    return pa.Table.from_arrays(
        [ida, idb, pa.array(similarity), pa.array(kind)], schema=PAIRS_SCHEMA
    )


def _duplicates_table(dups: pa.Table, similarity_of: Similarity) -> pa.Table:
    doc = dups["doc"].to_numpy().astype(np.int64)
    keeper = dups["keeper_doc"].to_numpy().astype(np.int64)
    exact = dups["exact"].to_numpy(zero_copy_only=False).astype(bool)
    similarity = similarity_of(doc, keeper)
    similarity[exact] = 1.0
    return pa.Table.from_arrays(
        [
            dups["id"].cast(pa.string()),
            dups["keeper_id"].cast(pa.string()),
            dups["keeper_dataset"].cast(pa.string()),
            dups["keeper_version"].cast(pa.string()),
            pa.array(np.where(exact, "exact", "near"), type=pa.string()),
            pa.array(similarity, type=pa.float32()),
            dups["keeper_id"].cast(pa.string()),
        ],
        schema=DUPLICATES_SCHEMA,
    )


def explain(params: MinHashParams) -> str:
    """Human-readable LSH settings: bands, rows, threshold, S-curve and miss rate."""
    p = params.resolved()
    t = p.threshold
    at_t = 1.0 - (1.0 - t**p.rows) ** p.bands
    stderr = math.sqrt(t * (1.0 - t) / p.num_perm)
    points = sorted({*(s for s, _ in p.s_curve()), round(t, 4)})
    lines = [
        f"MinHash: {p.num_perm} one-permutation bins over {p.ngram}-token shingles "
        f"(characters of Han text, words of spaced scripts), seed {p.seed}",
        f"LSH: {p.bands} bands x {p.rows} rows "
        f"({p.bands * p.rows} of {p.num_perm} permutations banded)",
        f"threshold: {t:.2f} (estimated Jaccard; standard error at the threshold {stderr:.3f})",
        f"false-negative rate of the band join at the threshold: {1.0 - at_t:.1%} "
        f"(P(candidate) = {at_t:.3f})",
        "",
        "  Jaccard   P(candidate) = 1 - (1 - s^r)^b",
    ]
    for s, prob in p.s_curve(points):
        marker = "  <- threshold" if math.isclose(s, t) else ""
        lines.append(f"  {s:7.2f}   {prob:12.4f}{marker}")
    return "\n".join(lines)
