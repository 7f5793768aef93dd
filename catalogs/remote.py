"""Copies of releases in object storage: ``s3://bucket/prefix`` or any other fsspec URL.

A release's copy lives at ``BASE/NAME/VERSION/`` with the same files as on disk (data
files, ``manifest.json``, ``README.md``). Uploads put the data files first and the manifest
last, so a copy with a manifest is complete; each object's size is checked after upload.
Downloads verify every file's sha256 against the manifest. ``storage_options`` go to fsspec
as they are (for an S3-compatible store: ``client_kwargs: {endpoint_url: ...}``; credentials
from the usual environment variables).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import fsspec

from catalogs.catalog import Catalog
from catalogs.names import parse_ref, validate_name, validate_version
from connectors.errors import CatalogError, ChecksumError

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class RemoteCopy:
    """Where a release was copied, and what was copied."""

    location: str
    num_files: int
    num_bytes: int


def is_remote(ref: str) -> bool:
    """Whether ``ref`` is a URL (``s3://...``) rather than ``NAME[@VERSION]``."""
    return "://" in ref


def remote_location(base: str, name: str, version: str) -> str:
    """The URL of release NAME@VERSION under the object-storage prefix ``base``."""
    return f"{base.rstrip('/')}/{validate_name(name)}/{validate_version(version)}"


def _filesystem(location: str, storage_options: dict[str, Any] | None) -> tuple[Any, str]:
    try:
        fs, root = fsspec.core.url_to_fs(location, **(storage_options or {}))
    except (ImportError, ValueError) as exc:  # no s3fs installed, a malformed URL
        raise CatalogError(f"cannot open {location}: {exc}", location=location) from exc
    return fs, root.rstrip("/")


def upload_release(
    release_dir: Path, location: str, storage_options: dict[str, Any] | None = None
) -> RemoteCopy:
    """Copy a release folder to ``location``; a complete copy already there is kept as it is.

    A copy without a manifest (an upload that was cut) is overwritten; a different release
    with a manifest at the same place is an error: releases are immutable.
    """
    fs, root = _filesystem(location, storage_options)
    local_manifest = (release_dir / MANIFEST).read_bytes()
    files = sorted(p for p in release_dir.rglob("*") if p.is_file() and p.name != MANIFEST)
    try:
        if fs.exists(f"{root}/{MANIFEST}"):
            if fs.cat_file(f"{root}/{MANIFEST}") != local_manifest:
                raise CatalogError("another release is already at this location; releases are "
                                   "immutable", location=location)  # fmt: skip
            return RemoteCopy(location, len(files) + 1, _size(files) + len(local_manifest))
        for path in [*files, release_dir / MANIFEST]:
            key = f"{root}/{PurePosixPath(*path.relative_to(release_dir).parts)}"
            fs.put_file(str(path), key)
            uploaded = int(fs.info(key).get("size") or 0)
            if uploaded != path.stat().st_size:
                raise ChecksumError("an uploaded file has the wrong size", file=key,
                                    expected=path.stat().st_size, actual=uploaded)  # fmt: skip
    except CatalogError:  # ours (a checksum too): already says what is wrong
        raise
    except Exception as exc:  # credentials, network, a missing bucket: the store's own errors
        raise CatalogError(f"cannot upload to {location}: {type(exc).__name__}: {exc}",
                           location=location) from exc  # fmt: skip
    return RemoteCopy(location, len(files) + 1, _size(files) + len(local_manifest))


def download_release(
    location: str, to: str | Path, storage_options: dict[str, Any] | None = None
) -> Path:
    """Copy the release at ``location`` into the empty folder ``to`` and verify it."""
    from catalogs.access import verify_release  # access imports this module

    fs, root = _filesystem(location, storage_options)
    dest = Path(to)
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise CatalogError("the target folder is not empty", to=str(dest))
    try:
        if not fs.exists(f"{root}/{MANIFEST}"):
            raise CatalogError("no release at this location (manifest.json is missing)",
                               location=location)  # fmt: skip
        for key in sorted(fs.find(root)):
            rel = PurePosixPath(key).relative_to(PurePosixPath(root))
            target = dest.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            fs.get_file(key, str(target))
    except CatalogError:
        raise
    except Exception as exc:
        raise CatalogError(f"cannot download {location}: {type(exc).__name__}: {exc}",
                           location=location) from exc  # fmt: skip
    verify_release(dest)
    return dest


def record_copy(catalog: Catalog, name: str, version: str, copy: RemoteCopy) -> None:
    """Note in the catalog that a complete copy of NAME@VERSION is at ``copy.location``."""
    with catalog.connect() as con:
        con.execute(
            "INSERT INTO release_copies VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
            "(dataset, version, location) DO UPDATE SET num_files = excluded.num_files, "
            "num_bytes = excluded.num_bytes, copied_at = excluded.copied_at",
            [name, version, copy.location, copy.num_files, copy.num_bytes, dt.datetime.now(dt.UTC)],
        )


def push(
    ref: str,
    base: str,
    *,
    home: str | Path | None = None,
    storage_options: dict[str, Any] | None = None,
) -> RemoteCopy:
    """Copy published release ``NAME[@VERSION]`` under the object-storage prefix ``base``
    (at ``BASE/NAME/VERSION/``) and record the copy in the catalog."""
    from catalogs.access import verify_release  # access imports this module

    catalog = Catalog(home)
    name, wanted = parse_ref(ref)
    version = catalog.resolve(name, wanted)
    release_dir = catalog.release_dir(name, version)
    verify_release(release_dir)  # never spread a damaged release
    copy = upload_release(release_dir, remote_location(base, name, version), storage_options)
    record_copy(catalog, name, version, copy)
    return copy


def remove_remote(location: str, storage_options: dict[str, Any] | None = None) -> None:
    """Best-effort removal of a partial copy (after a failed upload)."""
    with contextlib.suppress(Exception):
        fs, root = _filesystem(location, storage_options)
        fs.rm(root, recursive=True)


def _size(files: list[Path]) -> int:
    return sum(p.stat().st_size for p in files)
