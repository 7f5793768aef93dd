"""Publishing a release: immutable files on disk and catalog rows, all or nothing.

Everything is first written under ``HOME/.staging``; then, inside one DuckDB transaction, the
catalog rows are inserted, the staged directories are renamed into place and the transaction
commits. Any failure rolls the transaction back and removes what was moved, so a failed publish
leaves no trace. A directory left behind by a crash between rename and commit is recognised by
the missing catalog row and cleared on the next publish of that version.

A release holds the previous one plus its new documents. Documents it ``replaces`` (their
source changed; the new text is among the new documents) are left out: a previous file
holding none of them is hard-linked unchanged, one holding some is written again without
them. Earlier releases are never touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import stat
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from catalogs.card import render_card
from catalogs.catalog import Catalog
from catalogs.files import PARQUET_OPTIONS, link_or_copy, sha256_file, write_text_atomic
from catalogs.names import Version, validate_name, validate_version
from catalogs.remote import RemoteCopy, record_copy, remote_location, upload_release
from catalogs.schema import REJECT_SCHEMA
from connectors.errors import CatalogError
from connectors.schema import DOCUMENT_SCHEMA

DATA_DIR = "data"
ROW_GROUP_SIZE = 4096


@dataclass
class ReleaseRequest:
    """What a pipeline hands to :func:`publish_release`."""

    name: str
    version: str
    new_documents: Sequence[Path]
    rejects: Sequence[Path] = ()
    signatures: Sequence[Path] = ()
    line_census: Path | None = None  # counts of lines repeated across documents, per source
    previous_version: str | None = None
    description: str = ""
    domain: str | None = None
    license: str | None = None
    recipe_yaml: str = ""
    code_version: str = ""
    run_key: str = ""
    minhash_scheme: dict[str, Any] | None = None
    run_stats: dict[str, dict[str, int]] = field(default_factory=dict)
    lineage: list[dict[str, Any]] = field(default_factory=list)
    cursors: list[dict[str, Any]] = field(default_factory=list)
    max_rows_per_file: int = 100_000
    # Ids of previous-version documents this release leaves out, recorded in ``superseded``:
    # replaced by a new text among the new documents, or removed (gone at their source).
    replaces: Sequence[str] = ()
    removes: Sequence[str] = ()
    # Object-storage prefix (s3://bucket/datasets) that receives a copy of the release at
    # REMOTE/NAME/VERSION/ once it is published, and the fsspec options to reach it.
    remote: str | None = None
    storage_options: dict[str, Any] = field(default_factory=dict)

    def left_out(self) -> list[str]:
        """Ids of the previous version's documents this release does not carry over."""
        return sorted(set(self.replaces) | set(self.removes))


@dataclass
class PublishedRelease:
    name: str
    version: str
    path: Path
    num_documents: int
    num_added: int
    files: list[dict[str, Any]]
    num_replaced: int = 0
    num_removed: int = 0
    remote: RemoteCopy | None = None
    remote_error: str | None = None
    """Why the copy to ``ReleaseRequest.remote`` failed; the release itself is published."""


def publish_release(catalog: Catalog, req: ReleaseRequest) -> PublishedRelease:
    """Write and register one release; see the module docstring for the guarantees."""
    name, version = validate_name(req.name), validate_version(req.version)
    _check_version_order(catalog, name, version, req.previous_version)
    layout = catalog.layout
    final_release = layout.release_dir(name, version)
    final_index = layout.index_dir(name, version)
    final_rejects = layout.rejects_dir(name, version)
    for leftover in (final_release, final_index, final_rejects):
        _clear_orphan(leftover)

    staging = layout.staging_root() / f"{name}-{version}-{uuid.uuid4().hex[:8]}"
    moved: list[Path] = []
    try:
        release_dir = staging / "release"
        files, num_added, removed = _write_data_files(catalog, req, release_dir)
        num_replaced, num_removed = len(set(req.replaces)), len(set(req.removes))
        num_documents = sum(f["num_rows"] for f in files)
        if num_documents == 0:
            raise CatalogError(
                "refusing to publish an empty release", dataset=name, version=version
            )
        rejects_dir = _stage_copies(req.rejects, staging / "rejects", "rejects")
        index_dir = _stage_copies(req.signatures, staging / "index", "signatures")
        if req.line_census is not None:
            (index_dir / "lines").mkdir()
            shutil.copyfile(req.line_census, index_dir / "lines" / "census.parquet")
        created_at = dt.datetime.now(dt.UTC)
        manifest = _manifest(req, files, num_documents, num_added, num_replaced, created_at)
        manifest["num_removed"] = num_removed
        manifest_text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
        write_text_atomic(manifest_text + "\n", release_dir / "manifest.json")

        with catalog.connect() as con:
            con.begin()
            try:
                if req.left_out():
                    ids = pa.table({"id": pa.array(req.left_out(), pa.string())})
                    con.register("replaced_ids", ids)
                    removed_ids = pa.table({"id": pa.array(sorted(set(req.removes)), pa.string())})
                    con.register("removed_ids", removed_ids)
                _insert_rows(
                    con,
                    req,
                    files,
                    num_documents,
                    num_added,
                    created_at,
                    release_dir,
                    rejects_dir,
                    final_release,
                    hashlib.sha256(manifest_text.encode()).hexdigest(),
                )
                _insert_superseded(con, req, removed)
                card = render_card(con, req, num_documents, num_added, created_at)
                write_text_atomic(card, release_dir / "README.md")
                for src, dst in (
                    (release_dir, final_release),
                    (index_dir, final_index),
                    (rejects_dir, final_rejects),
                ):
                    if src.exists():
                        dst.parent.mkdir(parents=True, exist_ok=True)
                        os.replace(src, dst)
                        moved.append(dst)
                _make_read_only(final_release)
                _refresh_documents_view(con, catalog)
                con.commit()
            except BaseException:
                con.rollback()
                raise
    except BaseException:
        for path in moved:
            _remove_tree(path)
        raise
    finally:
        _remove_tree(staging)
    published = PublishedRelease(
        name, version, final_release, num_documents, num_added, files, num_replaced, num_removed
    )
    if req.remote:
        # After the commit: an upload can take long and must not hold the catalog's lock.
        # A failed one leaves the release published here and is reported; `hqdata push`
        # completes it.
        location = remote_location(req.remote, name, version)
        try:
            published.remote = upload_release(final_release, location, req.storage_options)
            record_copy(catalog, name, version, published.remote)
        except CatalogError as exc:
            published.remote_error = str(exc)
    return published


# -- steps ------------------------------------------------------------------------------------


def _check_version_order(catalog: Catalog, name: str, version: str, previous: str | None) -> None:
    known = catalog.versions(name)
    if version in known:
        raise CatalogError(
            "this version is already published and releases are never overwritten",
            dataset=name,
            version=version,
        )
    latest = known[-1] if known else None
    if previous != latest:
        raise CatalogError(
            "the catalog moved on while this run was working; run the recipe again",
            dataset=name,
            expected_previous=previous,
            latest=latest,
        )
    if latest is not None and Version(version) < Version(latest):
        raise CatalogError(
            "a new version must be greater than the latest",
            dataset=name,
            version=version,
            latest=latest,
        )


def _clear_orphan(path: Path) -> None:
    # Only reached after _check_version_order proved the catalog has no row for this version.
    if path.exists():
        _remove_tree(path)


def _write_data_files(
    catalog: Catalog, req: ReleaseRequest, release_dir: Path
) -> tuple[list[dict[str, Any]], int, int]:
    """Previous release files are linked unchanged, or written again without the documents
    the release replaces; new documents are written after them.

    Returns the file entries, the documents added and the previous rows left out.
    """
    data_dir = release_dir / DATA_DIR
    data_dir.mkdir(parents=True, exist_ok=True)
    replaced = pa.array(req.left_out(), pa.string())
    if len(replaced) and not req.previous_version:
        raise CatalogError(
            "a first version has no documents to replace", dataset=req.name, version=req.version
        )
    # (staged path, rows, sha256 if known, written again without replaced documents)
    pieces: list[tuple[Path, int, str | None, bool]] = []
    removed = 0
    if req.previous_version:
        prev_dir = catalog.release_dir(req.name, req.previous_version)
        for i, f in enumerate(catalog.files(req.name, req.previous_version)):
            staged = data_dir / f".prev-{i:05d}.parquet"
            source, rows = prev_dir / f["path"], int(f["num_rows"])
            # Reading the id column is only paid for when something is replaced.
            gone = _rows_with_ids(source, replaced) if len(replaced) else 0
            if not gone:
                link_or_copy(source, staged)
                pieces.append((staged, rows, f["sha256"], False))
                continue
            left = _copy_without_ids(source, staged, replaced)
            removed += rows - left
            if left:
                pieces.append((staged, left, None, True))
            else:
                staged.unlink()
    num_added = 0
    for staged, rows in _write_new_files(req.new_documents, data_dir, req.max_rows_per_file):
        pieces.append((staged, rows, None, False))
        num_added += rows
    total = len(pieces)
    files = []
    for i, (staged, rows, sha, rewritten) in enumerate(pieces):
        final = data_dir / f"train-{i:05d}-of-{total:05d}.parquet"
        os.replace(staged, final)
        files.append(
            {
                "path": f"{DATA_DIR}/{final.name}",
                "num_rows": rows,
                "num_bytes": final.stat().st_size,
                "sha256": sha or sha256_file(final),
                # added: holds this version's new documents; rewritten: earlier documents
                # only, in a file written again without the replaced ones
                "added": sha is None and not rewritten,
                "rewritten": rewritten,
            }
        )
    return files, num_added, removed


def _rows_with_ids(path: Path, ids: pa.Array) -> int:
    """How many rows of a release file have one of ``ids``."""
    column = pq.read_table(path, columns=["id"])["id"]
    return int(pc.sum(pc.is_in(column, value_set=ids)).as_py() or 0)


def _copy_without_ids(source: Path, target: Path, ids: pa.Array) -> int:
    """Write ``source`` to ``target`` without the rows whose id is in ``ids``; rows written.

    A new file, never the linked one: the earlier release keeps its bytes and checksum.
    """
    rows = 0
    with pq.ParquetWriter(target, DOCUMENT_SCHEMA, **PARQUET_OPTIONS) as writer:
        for batch in pq.ParquetFile(source).iter_batches(batch_size=ROW_GROUP_SIZE):
            table = pa.Table.from_batches([batch]).cast(DOCUMENT_SCHEMA)
            table = table.filter(pc.invert(pc.is_in(table["id"], value_set=ids)))
            if table.num_rows:
                writer.write_table(table, row_group_size=ROW_GROUP_SIZE)
                rows += table.num_rows
    return rows


def _write_new_files(
    shards: Sequence[Path], data_dir: Path, max_rows: int
) -> list[tuple[Path, int]]:
    out: list[tuple[Path, int]] = []
    writer: pq.ParquetWriter | None = None
    rows_in_file = 0

    def close() -> None:
        nonlocal writer, rows_in_file
        if writer is not None:
            writer.close()
            out[-1] = (out[-1][0], rows_in_file)
            writer, rows_in_file = None, 0

    for shard in shards:
        pf = pq.ParquetFile(shard)
        for batch in pf.iter_batches(batch_size=ROW_GROUP_SIZE):
            table = pa.Table.from_batches([batch]).cast(DOCUMENT_SCHEMA)
            start = 0
            while start < table.num_rows:
                if writer is None:
                    path = data_dir / f".new-{len(out):05d}.parquet"
                    writer = pq.ParquetWriter(path, DOCUMENT_SCHEMA, **PARQUET_OPTIONS)
                    out.append((path, 0))
                take = min(max_rows - rows_in_file, table.num_rows - start)
                writer.write_table(table.slice(start, take), row_group_size=ROW_GROUP_SIZE)
                rows_in_file += take
                start += take
                if rows_in_file >= max_rows:
                    close()
    close()
    return out


def _stage_copies(paths: Sequence[Path], target: Path, stem: str) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for i, p in enumerate(paths):
        shutil.copyfile(p, target / f"{stem}-{i:05d}.parquet")
    return target


def _manifest(
    req: ReleaseRequest,
    files: list[dict[str, Any]],
    num_documents: int,
    num_added: int,
    num_replaced: int,
    created_at: dt.datetime,
) -> dict[str, Any]:
    return {
        "name": req.name,
        "version": req.version,
        "previous_version": req.previous_version,
        "created_at": created_at.isoformat(),
        "num_documents": num_documents,
        "num_added": num_added,
        "num_replaced": num_replaced,
        "files": files,
        "schema": {f.name: str(f.type) for f in DOCUMENT_SCHEMA},
        "schema_version": DOCUMENT_SCHEMA.metadata[b"hqdata.schema_version"].decode(),
        "recipe_sha256": hashlib.sha256(req.recipe_yaml.encode()).hexdigest(),
        "recipe": req.recipe_yaml,
        "code_version": req.code_version,
        "minhash": req.minhash_scheme,
        "run_stats": req.run_stats,
    }


def _insert_rows(
    con: duckdb.DuckDBPyConnection,
    req: ReleaseRequest,
    files: list[dict[str, Any]],
    num_documents: int,
    num_added: int,
    created_at: dt.datetime,
    release_dir: Path,
    rejects_dir: Path,
    final_release: Path,
    manifest_sha256: str,
) -> None:
    name, version = req.name, req.version
    con.execute(
        "INSERT INTO datasets VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
        "description = excluded.description, domain = excluded.domain, license = excluded.license",
        [name, req.description, req.domain, req.license, created_at],
    )
    v = Version(version)
    new_paths = [str(release_dir / f["path"]) for f in files if f["added"]]
    num_chars = 0
    if new_paths:
        row = con.execute(
            "SELECT coalesce(sum(char_count), 0) FROM read_parquet(?)", [new_paths]
        ).fetchone()
        num_chars = int(row[0]) if row else 0
    if req.previous_version:
        row = con.execute(
            "SELECT num_chars FROM versions WHERE dataset = ? AND version = ?",
            [name, req.previous_version],
        ).fetchone()
        num_chars += int(row[0] or 0) if row else 0
    if req.left_out():
        row = con.execute(
            "SELECT coalesce(sum(char_count), 0) FROM documents WHERE dataset = ? AND "
            f"version = ? AND {_REPLACED}",
            [name, req.previous_version],
        ).fetchone()
        num_chars -= int(row[0]) if row else 0
    con.execute(
        "INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            name,
            version,
            v.major,
            v.minor,
            v.patch,
            req.previous_version,
            created_at,
            str(final_release),
            num_documents,
            num_added,
            num_chars,
            sum(f["num_bytes"] for f in files),
            req.recipe_yaml,
            hashlib.sha256(req.recipe_yaml.encode()).hexdigest(),
            req.code_version,
            req.run_key,
            json.dumps(req.minhash_scheme, sort_keys=True) if req.minhash_scheme else None,
            manifest_sha256,
        ],
    )
    con.executemany(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)",
        [[name, version, f["path"], f["num_rows"], f["num_bytes"], f["sha256"]] for f in files],
    )
    if req.previous_version:
        carried = f" AND NOT {_REPLACED}" if req.left_out() else ""
        con.execute(
            "INSERT INTO documents SELECT dataset, ?, id, added_in, source, uri, language, "
            "script, domain, quality_score, han_ratio, char_count, published_at, dedup_key "
            f"FROM documents WHERE dataset = ? AND version = ?{carried}",
            [version, name, req.previous_version],
        )
    if new_paths:
        con.execute(
            "INSERT INTO documents SELECT ?, ?, id, ?, source, uri, language, script, domain, "
            "quality_score, han_ratio, char_count, published_at, dedup_key "
            "FROM read_parquet(?)",
            [name, version, version, new_paths],
        )
    reject_paths = sorted(str(p) for p in rejects_dir.glob("*.parquet"))
    if reject_paths:
        cols = ", ".join(f.name for f in REJECT_SCHEMA)
        con.execute(
            "INSERT INTO rejects SELECT ?, ?, id, source, uri, stage, reason, detail, matched_id, "
            "matched_dataset, matched_version, similarity, language, script, domain, "
            "quality_score, left(text, 300) "
            f"FROM (SELECT {cols} FROM read_parquet(?, union_by_name = true))",
            [name, version, reject_paths],
        )
    stats_rows = [
        [name, version, stage, metric, int(value)]
        for stage, metrics in req.run_stats.items()
        for metric, value in metrics.items()
    ]
    if stats_rows:
        con.executemany("INSERT INTO run_stats VALUES (?, ?, ?, ?, ?)", stats_rows)
    if req.lineage:
        con.executemany(
            "INSERT INTO lineage VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    name,
                    version,
                    r["source"],
                    r.get("source_type"),
                    r["partition_uri"],
                    r.get("fingerprint"),
                    r.get("documents_read", 0),
                    r.get("quarantined", 0),
                    r.get("documents_published", 0),
                ]
                for r in req.lineage
            ],
        )
    if req.cursors:
        con.executemany(
            "INSERT INTO source_cursors VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (dataset, source, partition_key) DO UPDATE SET "
            "fingerprint = excluded.fingerprint, version = excluded.version, "
            "updated_at = excluded.updated_at",
            [
                [name, c["source"], c["partition_key"], c["fingerprint"], version, created_at]
                for c in req.cursors
            ],
        )


# The previous version's rows of the documents a release replaces (``replaced_ids`` is
# registered on the publishing connection).
_REPLACED = "id IN (SELECT id FROM replaced_ids)"


def _insert_superseded(con: duckdb.DuckDBPyConnection, req: ReleaseRequest, removed: int) -> None:
    """Record the replaced documents with the version that added their earlier text, after
    checking that the catalog and the rewritten files agree on them."""
    if not req.left_out():
        return
    key = [req.name, req.previous_version]
    row = con.execute(
        "SELECT count(*), count(DISTINCT id) FROM documents "
        f"WHERE dataset = ? AND version = ? AND {_REPLACED}",
        key,
    ).fetchone()
    rows, found = (int(row[0]), int(row[1])) if row else (0, 0)
    wanted = len(req.left_out())
    if found != wanted:
        raise CatalogError(
            "some documents to replace or remove are not in the previous version",
            dataset=req.name,
            previous_version=req.previous_version,
            missing=wanted - found,
        )
    if rows != removed:
        raise CatalogError(
            "the previous version's files and catalog disagree on the replaced documents",
            dataset=req.name,
            catalog_rows=rows,
            file_rows=removed,
        )
    con.execute(
        "INSERT INTO superseded (dataset, version, id, previous_added_in, change) "
        "SELECT dataset, ?, id, added_in, CASE WHEN id IN (SELECT id FROM removed_ids) "
        "THEN 'removed' ELSE 'replaced' END FROM documents "
        f"WHERE dataset = ? AND version = ? AND {_REPLACED}",
        [req.version, *key],
    )


def _refresh_documents_view(con: duckdb.DuckDBPyConnection, catalog: Catalog) -> None:
    """``release_documents``: every published document with its text, readable from SQL."""
    rows = con.execute(
        "SELECT f.dataset, f.version, v.path || '/' || f.path FROM files f "
        "JOIN versions v USING (dataset, version) ORDER BY f.dataset, v.major, v.minor, v.patch, "
        "f.path"
    ).fetchall()
    by_release: dict[tuple[str, str], list[str]] = {}
    for dataset, version, path in rows:
        by_release.setdefault((dataset, version), []).append(path)
    if not by_release:
        return
    parts = []
    for (dataset, version), paths in by_release.items():
        listed = ", ".join(_sql_literal(p) for p in paths)
        parts.append(
            f"SELECT {_sql_literal(dataset)} AS dataset, {_sql_literal(version)} AS version, * "
            f"FROM read_parquet([{listed}])"
        )
    con.execute("CREATE OR REPLACE VIEW release_documents AS " + " UNION ALL ".join(parts))


def _sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _make_read_only(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)


def _remove_tree(path: Path) -> None:
    if not path.exists():
        return

    def make_writable(func: Any, p: str, _exc: Any) -> None:
        os.chmod(p, stat.S_IWUSR | stat.S_IRUSR | stat.S_IXUSR)
        func(p)

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=make_writable)
    else:
        shutil.rmtree(path, onerror=make_writable)
