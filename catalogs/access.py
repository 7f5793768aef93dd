"""What model teams use: pull a release to a folder, verify it, load it as a Dataset."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads

from catalogs.catalog import Catalog
from catalogs.files import sha256_file
from catalogs.names import LATEST, parse_ref
from catalogs.remote import download_release, is_remote
from connectors.errors import CatalogError, ChecksumError
from connectors.schema import DOCUMENT_SCHEMA

if TYPE_CHECKING:
    import datasets


def verify_release(path: str | Path) -> dict[str, Any]:
    """Check every data file of a release directory against its manifest; return the manifest."""
    root = Path(path)
    manifest_path = root / "manifest.json"
    if not manifest_path.exists():
        raise CatalogError("not a release directory: manifest.json is missing", path=str(root))
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for f in manifest["files"]:
        target = root / f["path"]
        if not target.exists():
            raise ChecksumError("a release file is missing", file=str(target))
        actual = sha256_file(target)
        if actual != f["sha256"]:
            raise ChecksumError(
                "a release file does not match its manifest checksum",
                file=str(target),
                expected=f["sha256"],
                actual=actual,
            )
    return manifest


def pull(
    ref: str,
    to: str | Path,
    *,
    home: str | Path | None = None,
    storage_options: dict[str, Any] | None = None,
) -> Path:
    """Copy release ``NAME[@VERSION]`` into ``to`` and verify every checksum there.

    The catalog's own record of the checksums is compared as well, so a release directory
    whose manifest was edited together with its data is still caught. ``ref`` may also be
    the URL of a release copied to object storage (``s3://bucket/datasets/NAME/VERSION``):
    it is downloaded and checked against its manifest, no catalog needed.
    """
    if is_remote(ref):
        return download_release(ref, to, storage_options)
    catalog = Catalog(home)
    name, version = parse_ref(ref)
    version = catalog.resolve(name, version)
    src = catalog.release_dir(name, version)
    dest = Path(to)
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise CatalogError("the target folder is not empty", to=str(dest))
    for item in sorted(src.rglob("*")):
        rel = item.relative_to(src)
        if item.is_dir():
            (dest / rel).mkdir(parents=True, exist_ok=True)
        else:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item, dest / rel)
            os.chmod(dest / rel, 0o644)
    manifest = verify_release(dest)
    recorded = {f["path"]: f["sha256"] for f in catalog.files(name, version)}
    in_manifest = {f["path"]: f["sha256"] for f in manifest["files"]}
    if recorded != in_manifest:
        raise ChecksumError(
            "the release manifest disagrees with the catalog", dataset=name, version=version
        )
    return dest


def release_files(
    name: str, version: str = LATEST, *, home: str | Path | None = None
) -> list[Path]:
    """Absolute paths of a release's Parquet files (for DuckDB, pyarrow or pandas)."""
    catalog = Catalog(home)
    version = catalog.resolve(name, version)
    root = catalog.release_dir(name, version)
    return [root / f["path"] for f in catalog.files(name, version)]


def read_table(
    name: str,
    version: str = LATEST,
    *,
    home: str | Path | None = None,
    min_quality: float | None = None,
    domains: Sequence[str] | None = None,
    scripts: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    verify: bool = True,
) -> pa.Table:
    """A release (optionally filtered) as an Arrow table; filters are pushed into the scan."""
    catalog = Catalog(home)
    version = catalog.resolve(name, version)
    root = catalog.release_dir(name, version)
    if verify:
        verify_release(root)
    paths = [str(root / f["path"]) for f in catalog.files(name, version)]
    dataset = pads.dataset(paths, format="parquet", schema=DOCUMENT_SCHEMA)
    condition: pc.Expression | None = None
    clauses: list[pc.Expression] = []
    if min_quality is not None:
        clauses.append(pc.field("quality_score") >= float(min_quality))
    for column, values in (("domain", domains), ("script", scripts), ("language", languages)):
        if values:
            clauses.append(pc.field(column).isin(list(values)))
    for clause in clauses:
        condition = clause if condition is None else condition & clause
    if columns:
        unknown = [c for c in columns if c not in DOCUMENT_SCHEMA.names]
        if unknown:
            raise CatalogError("unknown columns", columns=", ".join(unknown))
    return dataset.to_table(columns=list(columns) if columns else None, filter=condition)


def load(
    name: str,
    version: str = LATEST,
    *,
    home: str | Path | None = None,
    min_quality: float | None = None,
    domains: Sequence[str] | None = None,
    scripts: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    verify: bool = True,
) -> datasets.Dataset:
    """A release as a ``datasets.Dataset``, checksums verified, without a cache copy."""
    import datasets

    table = read_table(
        name,
        version,
        home=home,
        min_quality=min_quality,
        domains=domains,
        scripts=scripts,
        languages=languages,
        columns=columns,
        verify=verify,
    )
    # Dataset(arrow table) keeps the data in memory instead of copying it into the HF cache.
    return datasets.Dataset(table.combine_chunks())
