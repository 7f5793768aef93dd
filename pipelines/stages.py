"""The stages of a recipe run as plain functions over Parquet shards.

No Prefect here: :mod:`pipelines.flow` wraps these functions in tasks. Every stage writes its
outputs under the run's work directory with atomic renames and finishes by writing a small
JSON manifest; a stage whose manifest exists is complete and is skipped when a crashed run
is started again.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import xxhash

from catalogs import REJECT_SCHEMA, Catalog
from catalogs.files import write_parquet_atomic, write_text_atomic
from connectors import (
    DOCUMENT_SCHEMA,
    Checkpoint,
    Document,
    Gone,
    HqdataError,
    PipelineError,
    Quarantined,
    documents_to_table,
)
from connectors.base import Partition
from connectors.registry import make_source
from pipelines.recipe import Recipe
from quality import assess, clean_text, detect_language
from quality.dedup import (
    MinHasher,
    MinHashParams,
    band_candidates,
    file_scheme,
    find_duplicates,
    same_scheme,
    signature_table,
)
from quality.dedup.lsh import shingle_sets_of
from quality.dedup.minhash import SCHEME_KEYS, exact_key, shingle_key
from quality.domains import DomainClassifier, LexiconTagger
from quality.pii import find_pii, pii_counts, redact_pii
from quality.repeated_lines import document_line_keys, frequent_lines, remove_lines

# -- plan --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedPartition:
    index: int
    source: str
    source_type: str
    partition: Partition
    # The fingerprint the latest release recorded for this partition, if any: sources that
    # read incrementally (a database cursor) read only what came after it.
    previous: str | None = None

    @property
    def slug(self) -> str:
        return f"p{self.index:05d}"


@dataclass
class RunPlan:
    name: str
    base_version: str | None
    version: str
    run_key: str
    work_dir: Path
    partitions: list[PlannedPartition]
    unchanged: int  # partitions skipped because an earlier release already holds them
    skipped_files: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_resumed(self) -> bool:
        return (self.work_dir / "plan.json").exists()


def plan_run(recipe: Recipe, catalog: Catalog, version: str | None = None) -> RunPlan:
    """List every source's partitions and keep those no published release has consumed."""
    base = catalog.latest(recipe.name)
    target = version or recipe.version or catalog.next_version(recipe.name, recipe.publish.bump)
    planned: list[PlannedPartition] = []
    unchanged = 0
    skipped: list[tuple[str, str]] = []
    for spec in recipe.sources:
        source = make_source(_source_config(spec), recipe.base_dir)
        seen = catalog.cursors(recipe.name, spec.name)
        for part in source.partitions():
            if seen.get(part.key()) == part.fingerprint:
                unchanged += 1
                continue
            planned.append(
                PlannedPartition(len(planned), spec.name, spec.type, part, seen.get(part.key()))
            )
        skipped.extend((str(p), why) for p, why in getattr(source, "skipped", []))
    digest = hashlib.sha256()
    digest.update(recipe.fingerprint().encode())
    digest.update(f"{base}->{target}".encode())
    for p in planned:
        digest.update(f"{p.source}\x00{p.partition.key()}\x00{p.partition.fingerprint}".encode())
    run_key = digest.hexdigest()[:16]
    work_dir = catalog.layout.work_dir(recipe.name, run_key)
    return RunPlan(recipe.name, base, target, run_key, work_dir, planned, unchanged, skipped)


def _source_config(spec: Any) -> dict[str, Any]:
    return {"name": spec.name, "type": spec.type, **spec.options()}


# -- manifests ---------------------------------------------------------------------------------


def _read_manifest(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _write_manifest(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    write_text_atomic(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), path)
    return data


# -- ingest ------------------------------------------------------------------------------------


def ingest_partition(recipe: Recipe, planned: PlannedPartition, work_dir: Path) -> dict[str, Any]:
    """Read one partition into document shards of ``run.shard_rows`` plus its quarantine."""
    out = work_dir / "ingest"
    manifest_path = out / f"{planned.slug}.json"
    if (done := _read_manifest(manifest_path)) is not None:
        return done | {"skipped": True}
    spec = next(s for s in recipe.sources if s.name == planned.source)
    source = make_source(_source_config(spec), recipe.base_dir)
    shards: list[str] = []
    quarantined: list[Quarantined] = []
    batch: list[Document] = []
    documents = 0
    census = recipe.dedup.repeated_lines.enabled
    line_counts: Counter[int] = Counter()

    def flush() -> None:
        if batch:
            path = out / f"{planned.slug}-{len(shards):04d}.parquet"
            write_parquet_atomic(documents_to_table(batch), path)
            shards.append(str(path))
            batch.clear()

    fingerprint = planned.partition.fingerprint
    gone: list[str] = []
    try:
        reads_since = "since" in inspect.signature(source.read).parameters
        items = (
            source.read(planned.partition, since=planned.previous)  # type: ignore[call-arg]
            if reads_since
            else source.read(planned.partition)
        )
        for item in items:
            if isinstance(item, Checkpoint):  # the cursor this read leaves for the next run
                fingerprint = item.fingerprint
                continue
            if isinstance(item, Gone):  # read before, gone at the source now
                gone.append(item.id)
                continue
            if isinstance(item, Quarantined):
                quarantined.append(item)
                continue
            if item.domain is None:
                # Left empty without a source domain: the domain tagger or the recipe fills it.
                item.domain = spec.options().get("domain")
            if item.license is None:
                item.license = recipe.license
            batch.append(item)
            documents += 1
            if census:
                line_counts.update(document_line_keys(item.text))
            if len(batch) >= recipe.run.shard_rows:
                flush()
    except HqdataError as exc:
        # A source that fails part-way keeps what it read; the rest is quarantined, not lost,
        # and the partition keeps the cursor it had, so the next run reads it again instead
        # of taking it as consumed.
        quarantined.append(
            Quarantined(planned.source, planned.partition.uri, "source_error", str(exc))
        )
        fingerprint = planned.previous or ""
    flush()
    quarantine_path = None
    if quarantined:
        quarantine_path = str(out / f"{planned.slug}-quarantine.parquet")
        write_parquet_atomic(_quarantine_rejects(quarantined), Path(quarantine_path))
    lines_path = None
    if census:
        lines_path = str(out / f"{planned.slug}-lines.parquet")
        write_parquet_atomic(_line_table(planned.source, line_counts), Path(lines_path))
    return _write_manifest(
        manifest_path,
        {
            "lines": lines_path,
            "partition": planned.slug,
            "source": planned.source,
            "source_type": planned.source_type,
            "uri": planned.partition.uri,
            "partition_key": planned.partition.key(),
            "fingerprint": fingerprint,
            "gone": gone,
            "shards": shards,
            "documents": documents,
            "quarantined": len(quarantined),
            "quarantine": quarantine_path,
            "reasons": dict(Counter(q.reason for q in quarantined)),
        },
    )


def _quarantine_rejects(items: list[Quarantined]) -> pa.Table:
    rows = [
        {
            "source": q.source,
            "uri": q.uri,
            "text": q.raw,
            "fetched_at": q.at,
            "stage": q.stage,
            "reason": q.reason,
            "detail": q.detail,
        }
        for q in items
    ]
    return pa.Table.from_pylist(rows, schema=REJECT_SCHEMA)


# -- process: clean, annotate, score, sign -----------------------------------------------------


def process_shard(recipe: Recipe, shard: str, work_dir: Path) -> dict[str, Any]:
    """Clean, annotate and score every document of a shard; sign the ones that are kept."""
    out = work_dir / "process"
    stem = Path(shard).stem
    manifest_path = out / f"{stem}.json"
    if (done := _read_manifest(manifest_path)) is not None:
        return done | {"skipped": True}
    table = pq.read_table(shard, schema=DOCUMENT_SCHEMA)
    kept: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    repairs: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    annotated: Counter[str] = Counter()
    pii: Counter[str] = Counter()
    keys: dict[str, str] = {}
    configs = {name: recipe.quality_for(name) for name in set(table["source"].to_pylist())}
    rows = table.to_pylist()
    # One step at a time over the whole shard: each step's tables and code stay in the CPU
    # caches, which makes the stage about a third faster than finishing one document first.
    cleaned = [clean_text(row["text"], recipe.clean) for row in rows]
    texts = [c.text for c in cleaned]
    if recipe.dedup.repeated_lines.enabled:
        frequent = _frequent_lines(work_dir / "lines" / "frequent.parquet")
        for i, row in enumerate(rows):
            texts[i], removed = remove_lines(texts[i], frequent.get(row["source"], frozenset()))
            if removed:
                repairs["repeated_line_removed"] += removed
    found: list[dict[str, int]] = [{}] * len(rows)
    if recipe.pii.mode == "redact":
        redacted = [redact_pii(t, recipe.pii.kinds, style=recipe.pii.style) for t in texts]
        texts = [t for t, _ in redacted]
        found = [pii_counts(spans) for _, spans in redacted]
    elif recipe.pii.mode != "off":
        found = [pii_counts(find_pii(t, recipe.pii.kinds)) for t in texts]
    langs = [detect_language(t) for t in texts]
    verdicts = [
        assess(t, configs[row["source"]], lang)
        for t, row, lang in zip(texts, rows, langs, strict=True)
    ]
    # one normalisation for exact and near dedup: word shingles need the word breaks, the
    # exact key is the same key without them (unchanged from releases made before them)
    dedup_params = recipe.dedup.params()
    keys_of = [shingle_key(t, dedup_params) for t in texts]
    for row, cleaned_doc, text, pii_found, lang, verdict, key in zip(
        rows, cleaned, texts, found, langs, verdicts, keys_of, strict=True
    ):
        repairs.update(cleaned_doc.repairs)
        pii.update(pii_found)
        annotated.update(verdict.annotated)
        keys[row["id"]] = key
        row.update(
            text=text,
            language=lang.lang,
            language_confidence=lang.confidence,
            script=lang.script,
            han_ratio=lang.han_ratio,
            quality_score=verdict.score,
            char_count=len(text),
            dedup_key=exact_key(key),
            signals=json.dumps(
                {
                    "signals": verdict.signals,
                    "repairs": cleaned_doc.repairs,
                    "annotated": verdict.annotated,
                    "pii": pii_found,
                },
                ensure_ascii=False,
                sort_keys=True,
            ),
        )
        why = ["empty_after_cleaning"] if not text.strip() else list(verdict.reasons)
        if pii_found and recipe.pii.mode == "drop":
            why.append("contains_pii")
        if why:
            reasons.update(why[:1])
            rejected.append(row | {"stage": "quality", "reason": why[0], "detail": ", ".join(why)})
        else:
            kept.append(row)
    _tag_domains(recipe, kept)
    for row in kept:
        if row["domain"] is None:
            row["domain"] = recipe.domain
    kept_table = pa.Table.from_pylist(kept, schema=DOCUMENT_SCHEMA)
    kept_path = write_parquet_atomic(kept_table, out / f"{stem}-kept.parquet")
    rejects_path = None
    if rejected:
        rejects_path = str(
            write_parquet_atomic(
                pa.Table.from_pylist(rejected, schema=REJECT_SCHEMA),
                out / f"{stem}-rejects.parquet",
            )
        )
    signatures_path = None
    if recipe.dedup.enabled and kept:
        sigs = MinHasher(dedup_params).signatures([keys[r["id"]] for r in kept])
        sig_table = signature_table(
            kept_table["id"].to_pylist(),
            kept_table["dedup_key"].to_pylist(),
            kept_table["quality_score"].to_pylist(),
            kept_table["published_at"].to_pylist(),
            sigs,
            dedup_params,
        )
        signatures_path = str(write_parquet_atomic(sig_table, out / f"{stem}-signatures.parquet"))
    return _write_manifest(
        manifest_path,
        {
            "shard": shard,
            "kept": str(kept_path),
            "kept_count": len(kept),
            "rejects": rejects_path,
            "rejected_count": len(rejected),
            "signatures": signatures_path,
            "reasons": dict(reasons),
            "annotated": dict(annotated),
            "repairs": dict(repairs),
            "pii": dict(pii),
        },
    )


def _tag_domains(recipe: Recipe, rows: list[dict[str, Any]]) -> None:
    """Add vertical-domain tags to kept documents (one batch per shard for the classifier)."""
    cfg = recipe.domains
    if cfg.mode == "off" or not rows:
        return
    tags = _domain_tagger(cfg.mode, cfg.model, cfg.top_k, cfg.min_score)([r["text"] for r in rows])
    for row, labels in zip(rows, tags, strict=True):
        signals = json.loads(row["signals"])
        signals["domains"] = [[label, round(score, 4)] for label, score in labels]
        row["signals"] = json.dumps(signals, ensure_ascii=False, sort_keys=True)
        if cfg.assign and row["domain"] is None and labels:
            row["domain"] = labels[0][0]


@functools.lru_cache(maxsize=4)
def _domain_tagger(
    mode: str, model: Path | None, top_k: int, min_score: float
) -> Callable[[list[str]], list[list[tuple[str, float]]]]:
    # Cached per worker process: the lexicon automaton and a model load once, not per shard.
    if mode == "model" and model is not None:
        classifier = DomainClassifier.load(model)
        return lambda texts: classifier.predict(texts, threshold=min_score, top_k=top_k)
    tagger = LexiconTagger(top_k=top_k, min_score=min_score)
    return tagger.predict


# -- dedup -------------------------------------------------------------------------------------


def dedup_stage(
    recipe: Recipe,
    catalog: Catalog,
    plan: RunPlan,
    signature_files: list[str],
    *,
    prior: tuple[list[str], list[str]] | None = None,
    candidate_files: list[str] | None = None,
) -> dict[str, Any]:
    """Exact and near duplicates among new documents and against every published version.

    ``prior`` is what :func:`prior_index_files` returned when the caller already asked;
    ``candidate_files`` are the band groups' pairs when the band join ran elsewhere
    (:func:`band_stage`), with the same signature and prior files. Documents the base
    version already holds are decided first (:func:`published_stage`): unchanged ones are
    rejected as already published, changed ones replace it, and no earlier text a version
    replaced takes part in the comparison.
    """
    out = plan.work_dir / "dedup"
    manifest_path = out / "dedup.json"
    if (done := _read_manifest(manifest_path)) is not None:
        return done | {"skipped": True}
    published = published_stage(catalog, plan)
    already = published["already_published"]
    params = recipe.dedup.params()
    prior_files: list[str] = []
    reindexed: list[str] = []
    if recipe.dedup.enabled and signature_files:
        prior_files, reindexed = prior or prior_index_files(catalog, recipe.name, params)
    duplicates_path = out / "duplicates.parquet"
    counts: Counter[str] = Counter()
    stats: dict[str, Any] = {}
    if recipe.dedup.enabled and signature_files:
        try:
            result = find_duplicates(
                signature_files,
                prior_files,
                params,
                work_dir=out / "tmp",
                memory_limit=recipe.dedup.memory_limit,
                verify=recipe.dedup.verify,
                candidate_files=candidate_files,
                shingles_of=_text_shingles(recipe, catalog, plan)
                if recipe.dedup.verify == "exact"
                else None,
                exclude_prior=excluded_prior(published.get("exclude_prior")),
            )
        except ValueError as exc:
            raise PipelineError(
                f"cannot deduplicate against earlier versions: {exc}. Signatures of published "
                "versions were made with other dedup settings; keep dedup settings stable "
                "within a dataset",
                dataset=recipe.name,
            ) from exc
        dups = result.duplicates
        if not recipe.dedup.near:
            dups = dups.filter(pc.equal(dups["kind"], "exact"))
        # A re-read unchanged document matches its own published text: it is counted and
        # rejected as already published, not as a duplicate.
        unchanged = pa.array(already, pa.string())
        dups = dups.filter(pc.invert(pc.is_in(dups["id"], value_set=unchanged)))
        counts.update(dups["kind"].to_pylist())
        stats = {
            "clusters": result.clusters,
            "candidate_pairs": result.candidate_pairs,
            "verified_pairs": result.verified_pairs,
        }
        write_parquet_atomic(dups, duplicates_path)
    return _write_manifest(
        manifest_path,
        {
            "duplicates": str(duplicates_path) if duplicates_path.exists() else None,
            "exact": counts.get("exact", 0),
            "near": counts.get("near", 0),
            "already_published": already,
            "replaced": published["replaced"],
            "removed": published["removed"],
            "excluded_prior": published["excluded_prior"],
            "params": params.scheme(),
            "prior_index_files": len(prior_files),
            "reindexed_versions": reindexed,
            "band_join_tasks": len(candidate_files) if candidate_files is not None else 0,
            **stats,
        },
    )


# -- lines repeated across the documents of a source -----------------------------------------

LINE_CENSUS_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string()),
        pa.field("line", pa.uint64()),
        pa.field("documents", pa.int64()),
    ]
)
_LINE_TOTALS_KEY = b"hqdata.line_documents"  # {source: documents counted} in the metadata
LINE_CENSUS_FILE = Path("lines") / "census.parquet"  # under a release's index folder


def _line_table(source: str, counts: Counter[int]) -> pa.Table:
    return pa.table(
        {
            "source": pa.array([source] * len(counts), pa.string()),
            "line": pa.array(list(counts), pa.uint64()),
            "documents": pa.array(list(counts.values()), pa.int64()),
        },
        schema=LINE_CENSUS_SCHEMA,
    )


def line_census_stage(
    recipe: Recipe, catalog: Catalog, plan: RunPlan, ingests: list[dict[str, Any]]
) -> dict[str, Any]:
    """Documents per line and source over this run and every earlier version; the lines
    frequent enough to be a source's template go to ``lines/frequent.parquet``."""
    out = plan.work_dir / "lines"
    manifest_path = out / "census.json"
    if (done := _read_manifest(manifest_path)) is not None:
        return done | {"skipped": True}
    cfg = recipe.dedup.repeated_lines
    totals: Counter[str] = Counter()
    tables = []
    for ing in ingests:
        if ing.get("lines"):
            tables.append(pq.read_table(ing["lines"], schema=LINE_CENSUS_SCHEMA))
            totals[ing["source"]] += int(ing["documents"])
    earlier = None
    if plan.base_version is not None:
        earlier = catalog.layout.index_dir(recipe.name, plan.base_version) / LINE_CENSUS_FILE
    if earlier is not None and earlier.exists():
        table = pq.read_table(earlier)
        tables.append(table.cast(LINE_CENSUS_SCHEMA).replace_schema_metadata(None))
        for source, n in json.loads(table.schema.metadata[_LINE_TOTALS_KEY]).items():
            totals[source] += int(n)
    merged = (
        pa.concat_tables(tables)
        .group_by(["source", "line"])
        .aggregate([("documents", "sum")])
        .rename_columns(["source", "line", "documents"])
        if tables
        else LINE_CENSUS_SCHEMA.empty_table()
    )
    frequent_rows: dict[str, list[int]] = {}
    for source, total in totals.items():
        mine = merged.filter(pc.equal(merged["source"], source))
        counts = dict(zip(mine["line"].to_pylist(), mine["documents"].to_pylist(), strict=True))
        frequent_rows[source] = sorted(
            frequent_lines(counts, total, min_documents=cfg.min_documents, min_share=cfg.min_share)
        )
    frequent = pa.table(
        {
            "source": [s for s, keys in frequent_rows.items() for _ in keys],
            "line": pa.array([k for keys in frequent_rows.values() for k in keys], pa.uint64()),
        }
    )
    frequent_path = write_parquet_atomic(frequent, out / "frequent.parquet")
    # Lines seen once are left out of what the release keeps: they can only matter if they
    # recur later, and they are most of the lines.
    kept = merged.filter(pc.greater(merged["documents"], 1)).cast(LINE_CENSUS_SCHEMA)
    meta = {_LINE_TOTALS_KEY: json.dumps(dict(totals), sort_keys=True).encode()}
    census_path = write_parquet_atomic(kept.replace_schema_metadata(meta), out / "census.parquet")
    return _write_manifest(
        manifest_path,
        {
            "frequent": str(frequent_path),
            "census": str(census_path),
            "frequent_lines": {s: len(keys) for s, keys in frequent_rows.items()},
        },
    )


_frequent_cache: dict[str, dict[str, frozenset[int]]] = {}


def _frequent_lines(path: Path) -> dict[str, frozenset[int]]:
    """source -> frequent line keys, read once per process and run."""
    key = str(path)
    if key not in _frequent_cache:
        by_source: dict[str, set[int]] = {}
        if path.exists():
            table = pq.read_table(path)
            for source, line in zip(
                table["source"].to_pylist(), table["line"].to_pylist(), strict=True
            ):
                by_source.setdefault(source, set()).add(line)
        _frequent_cache.clear()  # one run at a time per worker
        _frequent_cache[key] = {s: frozenset(v) for s, v in by_source.items()}
    return _frequent_cache[key]


def _text_shingles(
    recipe: Recipe, catalog: Catalog, plan: RunPlan
) -> Callable[[list[str]], dict[str, np.ndarray]]:
    """Shingle sets by document id, from the text of this run's kept documents and of the
    base version (for exact verification).

    The base version holds every prior document still published, once; an id in both is a
    document read again, whose new text is the one compared (its earlier text, if replaced,
    takes no part in deduplication).
    """
    params = recipe.dedup.params()
    new = [str(p) for p in sorted((plan.work_dir / "process").glob("*-kept.parquet"))]
    base: list[str] = []
    if plan.base_version is not None:
        data = catalog.layout.release_dir(recipe.name, plan.base_version) / "data"
        base = [str(p) for p in sorted(data.glob("*.parquet"))]

    def shingles_of(ids: list[str]) -> dict[str, np.ndarray]:
        found = shingle_sets_of(new, ids, params)
        rest = [i for i in ids if i not in found]
        return found | shingle_sets_of(base, rest, params)

    return shingles_of


def band_stage(
    recipe: Recipe,
    plan: RunPlan,
    signature_files: list[str],
    prior_files: list[str],
    bands: list[int],
    index: int,
    exclude_prior: str | None = None,
) -> str:
    """The LSH candidate pairs of one group of bands (one task of a distributed band join).

    ``exclude_prior`` is the file of (id, version) pairs :func:`published_stage` wrote; the
    prior documents it names are left out of the join as :func:`dedup_stage` leaves them out.
    """
    out = plan.work_dir / "dedup" / "bands" / f"pairs-{index:03d}.parquet"
    if out.exists():  # written by rename: complete, from a run of the same plan
        return str(out)
    path = band_candidates(
        signature_files,
        prior_files,
        recipe.dedup.params(),
        bands,
        out,
        work_dir=plan.work_dir / "dedup" / "tmp",
        memory_limit=recipe.dedup.memory_limit,
        exclude_prior=excluded_prior(exclude_prior),
    )
    return str(path)


def prior_index_files(
    catalog: Catalog, name: str, params: MinHashParams
) -> tuple[list[str], list[str]]:
    """(signature files of every published version under ``params``, versions re-indexed).

    A release keeps the signatures it was published with. When they were made under another
    MinHash scheme (other settings, or an older hqdata), comparing them would silently miss
    duplicates, so the version is signed again, once, from its published text into
    ``indexes/NAME/VERSION/SCHEME-TAG/``, and later runs reuse that.
    """
    expected = params.scheme()
    files: list[Path] = []
    reindexed: list[str] = []
    for version in catalog.versions(name):
        index = catalog.layout.index_dir(name, version)
        published = sorted(index.glob("*.parquet"))
        if published and same_scheme(file_scheme(published[0]), expected):
            files += published
            continue
        rebuilt = index / scheme_tag(expected)
        if not rebuilt.is_dir():
            _reindex_release(catalog, name, version, params, rebuilt)
            reindexed.append(version)
        files += sorted(rebuilt.glob("*.parquet"))
    return [str(f) for f in files], reindexed


def scheme_tag(scheme: dict[str, Any]) -> str:
    """A folder name for one MinHash scheme: its name and a digest of what decides it."""
    # "documents": such folders once signed a whole release, carried documents too, under the
    # later version, so a replaced text could outlive its exclusion there; a new name signs
    # those versions again, their own documents only.
    decided = json.dumps(
        {**{k: scheme.get(k) for k in SCHEME_KEYS}, "documents": "added_in"}, sort_keys=True
    )
    return f"{scheme['scheme']}-{xxhash.xxh3_64_hexdigest(decided.encode())}"


_REINDEX_COLUMNS = ["id", "text", "quality_score", "published_at"]
REINDEX_BATCH = 20_000  # documents signed per signature file when re-indexing


def _reindex_release(
    catalog: Catalog, name: str, version: str, params: MinHashParams, target: Path
) -> None:
    """Sign the documents a release added under ``params`` into ``target`` (all or none).

    Like the index the release was published with: documents carried over from earlier
    versions are signed in theirs, so each published text has one signature, under the
    version that added it.
    """
    hasher = MinHasher(params)
    staging = target.with_name(f".{target.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    release = catalog.layout.release_dir(name, version)
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    data = [release / f["path"] for f in manifest["files"] if f.get("added")]
    shard = 0
    for path in data:
        for batch in pq.ParquetFile(path).iter_batches(REINDEX_BATCH, columns=_REINDEX_COLUMNS):
            texts = batch.column("text").to_pylist()
            keys = [shingle_key(t or "", params) for t in texts]
            table = signature_table(
                batch.column("id"),
                [exact_key(k) for k in keys],  # under these settings, like the new documents
                batch.column("quality_score"),
                batch.column("published_at"),
                hasher.signatures(keys),
                params,
                prior=True,
                dataset=name,
                version=version,
            )
            write_parquet_atomic(table, staging / f"signatures-{shard:05d}.parquet")
            shard += 1
    staging.rename(target)


# -- documents an earlier version holds --------------------------------------------------------


def published_stage(catalog: Catalog, plan: RunPlan) -> dict[str, Any]:
    """Sort the new documents whose id the base version holds, once per run.

    The same text: already published, rejected. Another text: the new document replaces the
    published one. The text decides, not ``dedup_key``: the match key drops punctuation and
    symbols (``≥18`` and ``≤18`` share it) and follows the dedup settings of its time. The
    prior signatures deduplication must leave out, as (id, version) pairs in
    ``exclude_prior``, are those of the texts replaced now and of every text an earlier
    version replaced.
    """
    out = plan.work_dir / "dedup"
    manifest_path = out / "published.json"
    if (done := _read_manifest(manifest_path)) is not None:
        return done | {"skipped": True}
    already, replaced = _published_matches(catalog, plan)
    removed = _gone_matches(catalog, plan, {doc_id for doc_id, _ in replaced} | set(already))
    excluded = sorted({*replaced, *removed, *catalog.superseded(plan.name)})
    exclude_path = None
    if excluded:
        ids, versions = zip(*excluded, strict=True)
        table = pa.table({"id": pa.array(ids, pa.string()), "version": pa.array(versions)})
        exclude_path = str(write_parquet_atomic(table, out / "exclude-prior.parquet"))
    return _write_manifest(
        manifest_path,
        {
            "already_published": already,
            "replaced": [list(pair) for pair in replaced],
            "removed": [list(pair) for pair in removed],
            "exclude_prior": exclude_path,
            "excluded_prior": len(excluded),
        },
    )


def _published_matches(catalog: Catalog, plan: RunPlan) -> tuple[list[str], list[tuple[str, str]]]:
    """(ids already published unchanged, (id, added_in) of the published documents replaced)."""
    if plan.base_version is None:
        return [], []
    kept_files = sorted((plan.work_dir / "process").glob("*-kept.parquet"))
    if not kept_files:
        return [], []
    # Through the catalog's own connection: it waits while another run holds the lock.
    with catalog.connect(read_only=True) as con:
        rows = con.execute(
            "SELECT DISTINCT d.id, d.added_in FROM read_parquet(?) k JOIN documents d "
            "ON d.id = k.id AND d.dataset = ? AND d.version = ?",
            [[str(p) for p in kept_files], plan.name, plan.base_version],
        ).fetchall()
    if not rows:
        return [], []
    added_in = dict(rows)
    ids = pa.array(sorted(added_in), pa.string())
    base = catalog.release_dir(plan.name, plan.base_version)
    base_files = [base / f["path"] for f in catalog.files(plan.name, plan.base_version)]
    published = _text_digests(base_files, ids)
    reread = _text_digests(kept_files, ids)
    # An id read twice counts as unchanged if either copy is.
    same = {i for i, digests in reread.items() if digests & published.get(i, set())}
    already = sorted(same)
    replaced = [(i, added_in[i]) for i in sorted(added_in) if i not in same]
    return already, replaced


def _gone_matches(catalog: Catalog, plan: RunPlan, reread: set[str]) -> list[tuple[str, str]]:
    """(id, added_in) of the base version's documents whose source said they are gone (the
    ``gone`` ids of this run's ingest manifests), unless the run read them again."""
    gone = set()
    for manifest in sorted((plan.work_dir / "ingest").glob("*.json")):
        gone.update(json.loads(manifest.read_text(encoding="utf-8")).get("gone", []))
    gone -= reread
    if plan.base_version is None or not gone:
        return []
    with catalog.connect(read_only=True) as con:
        rows = con.execute(
            "SELECT id, added_in FROM documents WHERE dataset = ? AND version = ? "
            "AND list_contains(?, id) ORDER BY id",
            [plan.name, plan.base_version, sorted(gone)],
        ).fetchall()
    return [(r[0], r[1]) for r in rows]


def _text_digests(files: Iterable[Path], ids: pa.Array) -> dict[str, set[str]]:
    """Digests of the texts of the documents ``ids`` in Parquet ``files``, by id.

    Only files holding one of them have their text read: the files a re-read partition's
    documents went to, not the whole release.
    """
    found: dict[str, set[str]] = {}
    for path in files:
        file_ids = pq.read_table(path, columns=["id"])["id"]
        hit = pc.is_in(file_ids, value_set=ids)
        if not pc.any(hit).as_py():
            continue
        texts = pq.read_table(path, columns=["text"])["text"].filter(hit)
        for doc_id, text in zip(file_ids.filter(hit).to_pylist(), texts.to_pylist(), strict=True):
            digest = xxhash.xxh3_128_hexdigest((text or "").encode())
            found.setdefault(doc_id, set()).add(digest)
    return found


def excluded_prior(path: str | None) -> list[tuple[str, str]]:
    """The (id, version) pairs :func:`published_stage` wrote, for ``find_duplicates``."""
    if path is None:
        return []
    table = pq.read_table(path)
    return list(zip(table["id"].to_pylist(), table["version"].to_pylist(), strict=True))


# -- finalize ----------------------------------------------------------------------------------


@dataclass
class FinalOutputs:
    documents: list[Path]
    rejects: list[Path]
    signatures: list[Path]
    published_per_partition: dict[str, int]
    stats: dict[str, dict[str, int]]
    # ids of base-version documents the release leaves out: their source changed
    replaced: list[str] = field(default_factory=list)
    # ... or their source said they are gone
    removed: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("documents", "rejects", "signatures"):
            d[k] = [str(p) for p in d[k]]
        return d


def finalize(
    plan: RunPlan,
    ingests: list[dict[str, Any]],
    processed: list[dict[str, Any]],
    dedup: dict[str, Any],
) -> FinalOutputs:
    """Remove duplicates from the kept shards and gather every reject of the run.

    Documents the base version holds unchanged are rejected as already published; changed
    ones stay (unless they duplicate another document) and their earlier text is listed in
    ``replaced`` for the publish to leave out.
    """
    out = plan.work_dir / "final"
    drop: dict[str, dict[str, Any]] = {}
    if dedup.get("duplicates"):
        for row in pq.read_table(dedup["duplicates"]).to_pylist():
            drop[row["id"]] = row
    already = set(dedup.get("already_published", []))
    shard_partition = {s: ing["partition"] for ing in ingests for s in ing["shards"]}
    documents: list[Path] = []
    rejects: list[Path] = [Path(i["quarantine"]) for i in ingests if i.get("quarantine")]
    rejects += [Path(p["rejects"]) for p in processed if p.get("rejects")]
    signatures: list[Path] = []
    published: Counter[str] = Counter()
    drop_ids = pa.array(sorted(set(drop) | already), pa.string())
    for i, proc in enumerate(processed):
        table = pq.read_table(proc["kept"], schema=DOCUMENT_SCHEMA)
        if table.num_rows == 0:
            continue
        dropped_mask = pc.is_in(table["id"], value_set=drop_ids)
        keep = table.filter(pc.invert(dropped_mask))
        gone = table.filter(dropped_mask)
        if keep.num_rows:
            documents.append(write_parquet_atomic(keep, out / f"documents-{i:05d}.parquet"))
            published[shard_partition[proc["shard"]]] += keep.num_rows
        if gone.num_rows:
            rejects.append(
                write_parquet_atomic(
                    _duplicate_rejects(gone, drop, already), out / f"duplicates-{i:05d}.parquet"
                )
            )
        if proc.get("signatures"):
            sig = pq.read_table(proc["signatures"])
            sig = sig.filter(pc.invert(pc.is_in(sig["id"], value_set=drop_ids)))
            if sig.num_rows:
                # The index names the release, so later duplicates can say what they matched.
                sig = _stamp(sig, "dataset", plan.name)
                sig = _stamp(sig, "version", plan.version)
                signatures.append(write_parquet_atomic(sig, out / f"signatures-{i:05d}.parquet"))
    stats = run_stats(ingests, processed, dedup, sum(published.values()))
    replaced = [doc_id for doc_id, _ in dedup.get("replaced", [])]
    removed = [doc_id for doc_id, _ in dedup.get("removed", [])]
    return FinalOutputs(documents, rejects, signatures, dict(published), stats, replaced, removed)


def _stamp(table: pa.Table, column: str, value: str) -> pa.Table:
    i = table.schema.get_field_index(column)
    return table.set_column(
        i, table.schema.field(i), pa.array([value] * table.num_rows, pa.string())
    )


def _duplicate_rejects(
    gone: pa.Table, drop: dict[str, dict[str, Any]], already: set[str]
) -> pa.Table:
    rows = []
    for row in gone.to_pylist():
        match = drop.get(row["id"])
        if match is None or row["id"] in already:
            rows.append(row | {"stage": "dedup", "reason": "already_published"})
            continue
        rows.append(
            row
            | {
                "stage": "dedup",
                "reason": f"duplicate_{match['kind']}",
                "detail": f"cluster {match['cluster']}",
                "matched_id": match["keeper_id"],
                "matched_dataset": match.get("keeper_dataset"),
                "matched_version": match.get("keeper_version"),
                "similarity": match.get("similarity"),
            }
        )
    return pa.Table.from_pylist(rows, schema=REJECT_SCHEMA)


def run_stats(
    ingests: Iterable[dict[str, Any]],
    processed: Iterable[dict[str, Any]],
    dedup: dict[str, Any],
    published: int,
) -> dict[str, dict[str, int]]:
    ingests, processed = list(ingests), list(processed)
    quarantine: Counter[str] = Counter()
    for i in ingests:
        quarantine.update(i.get("reasons", {}))
    quality: Counter[str] = Counter()
    repairs: Counter[str] = Counter()
    annotated: Counter[str] = Counter()
    pii: Counter[str] = Counter()
    for p in processed:
        quality.update(p.get("reasons", {}))
        pii.update(p.get("pii", {}))
        repairs.update(p.get("repairs", {}))
        annotated.update(p.get("annotated", {}))
    return {
        "ingest": {
            "partitions": len(ingests),
            "documents_read": sum(i["documents"] for i in ingests),
            "quarantined": sum(i["quarantined"] for i in ingests),
            **{f"quarantined:{k}": v for k, v in quarantine.items()},
        },
        "clean": {f"repaired:{k}": v for k, v in repairs.items()},
        "pii": {f"found:{k}": v for k, v in pii.items()},
        "quality": {
            "kept": sum(p["kept_count"] for p in processed),
            "rejected": sum(p["rejected_count"] for p in processed),
            **{f"rejected:{k}": v for k, v in quality.items()},
            **{f"annotated:{k}": v for k, v in annotated.items()},
        },
        "dedup": {
            "exact_duplicates": int(dedup.get("exact", 0)),
            "near_duplicates": int(dedup.get("near", 0)),
            "already_published": len(dedup.get("already_published", [])),
            "replaced": len(dedup.get("replaced", [])),
            "removed": len(dedup.get("removed", [])),
            "reindexed_versions": len(dedup.get("reindexed_versions", [])),
            "band_join_tasks": int(dedup.get("band_join_tasks", 0)),
            "clusters": int(dedup.get("clusters", 0)),
            "candidate_pairs": int(dedup.get("candidate_pairs", 0)),
        },
        "publish": {"documents_added": published},
    }


def iter_shards(ingests: Iterable[dict[str, Any]]) -> Iterator[str]:
    for i in ingests:
        yield from i["shards"]


def save_plan(plan: RunPlan) -> None:
    plan.work_dir.mkdir(parents=True, exist_ok=True)
    _write_manifest(
        plan.work_dir / "plan.json",
        {
            "name": plan.name,
            "base_version": plan.base_version,
            "version": plan.version,
            "run_key": plan.run_key,
            "partitions": [
                {"slug": p.slug, "source": p.source, "uri": p.partition.uri}
                for p in plan.partitions
            ],
            "pid": os.getpid(),
        },
    )
