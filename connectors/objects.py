"""Files in object storage: ``s3://bucket/prefix`` and any other fsspec URL (``gs://``,
``abfs://``, ``memory://`` ... with their fsspec package installed).

Listing walks the prefix (or glob) once and keeps the files of a known format, one partition
per object, fingerprinted by what the store reports (ETag, else checksum, else size and
modification time), so a second run fetches only objects that changed. Reading copies one
object to a temporary file and reads it with the file connector's reader for its format;
documents keep the object URL as their ``uri``. ``storage_options`` go to fsspec as they are
(for S3: ``key``, ``secret``, ``client_kwargs: {endpoint_url: ...}`` for MinIO or another
S3-compatible store); credentials can also come from the usual environment variables.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import fsspec

from connectors import reasons
from connectors.base import Partition
from connectors.errors import SourceError
from connectors.fetched import read_fetched
from connectors.listing import EXTENSION_FORMATS
from connectors.schema import Document, Quarantined


class ObjectStoreSource:
    """Files under an object-storage URL (s3:// and other fsspec URLs)."""

    def __init__(
        self,
        name: str,
        url: str,
        *,
        storage_options: dict[str, Any] | None = None,
        format: str = "auto",
        text_field: str = "text",
        id_field: str | None = None,
        title_field: str | None = None,
        published_field: str | None = None,
        license: str | None = None,
        domain: str | None = None,
        limit: int | None = None,
    ) -> None:
        if "://" not in url:
            raise SourceError(f"{url!r} is not a URL (s3://bucket/prefix); local paths are "
                              "the files source's", source=name)  # fmt: skip
        self.name, self.url = name, url.rstrip("/")
        self.storage_options = dict(storage_options or {})
        self.format = format
        self.file_options = {
            "text_field": text_field, "id_field": id_field, "title_field": title_field,
            "published_field": published_field, "license": license, "domain": domain,
            "limit": limit,
        }  # fmt: skip
        self.skipped: list[tuple[str, str]] = []
        try:
            self.fs, self.root = fsspec.core.url_to_fs(self.url, **self.storage_options)
        except (ImportError, ValueError) as exc:
            raise SourceError(f"cannot open {url}: {exc}", source=name) from exc
        self.protocol = url.split("://", 1)[0]

    def _url_of(self, path: str) -> str:
        return f"{self.protocol}://{path.lstrip('/')}"

    def partitions(self) -> list[Partition]:
        try:
            if any(c in self.root for c in "*?["):
                found = self.fs.glob(self.root, detail=True)
            elif self.fs.isfile(self.root):
                found = {self.root: self.fs.info(self.root)}
            else:
                found = self.fs.find(self.root, detail=True)
        except Exception as exc:  # credentials, network, a missing bucket
            raise SourceError(f"cannot list {self.url}: {type(exc).__name__}: {exc}",
                              source=self.name) from exc  # fmt: skip
        parts = []
        for path, info in sorted(found.items()):
            if info.get("type") == "directory":
                continue
            suffix = PurePosixPath(path).suffix.lower()
            fmt = self.format if self.format != "auto" else EXTENSION_FORMATS.get(suffix)
            if fmt is None:
                self.skipped.append((self._url_of(path), f"unknown extension {suffix!r}"))
                continue
            modified = info.get("LastModified") or info.get("mtime")
            stamp = (info.get("ETag") or info.get("etag") or info.get("checksum")
                     or f"{info.get('size')}|{modified}")  # fmt: skip
            fingerprint = hashlib.sha256(f"{path}|{stamp}".encode()).hexdigest()
            size = int(info.get("size") or 0)
            parts.append(Partition(self.name, self._url_of(path), fmt, size, fingerprint))
        return parts

    def read(self, partition: Partition) -> Iterator[Document | Quarantined]:
        path = partition.uri.split("://", 1)[1]
        with tempfile.TemporaryDirectory(prefix="hqdata-objects-") as tmp:
            local = Path(tmp) / PurePosixPath(path).name
            try:
                self.fs.get_file(path, str(local))
            except Exception as exc:  # gone since the listing, or no permission to read
                yield Quarantined(self.name, partition.uri, reasons.UNREADABLE_FILE,
                                  f"{type(exc).__name__}: {exc}")  # fmt: skip
                return
            yield from read_fetched(self.name, partition.uri, local, partition.format,
                                    **self.file_options)  # fmt: skip
