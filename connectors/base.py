"""The contract every connector implements: a cheap listing of partitions, then lazy reads.

A :class:`Partition` is the unit of incremental work: the pipeline keeps a cursor per
``Partition.key()`` and re-reads a partition only when its fingerprint changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import xxhash

from connectors.schema import Document, Quarantined

FORMATS: frozenset[str] = frozenset(
    {"jsonl", "json", "csv", "parquet", "text", "markdown", "pdf", "docx", "xlsx"}
)
"""Formats a partition can have."""

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Partition:
    """One readable unit of a source (today: one file)."""

    source: str
    uri: str
    format: str
    size: int
    fingerprint: str
    """What identifies this state of the partition (a file's ``xxh3_128``, a table's largest
    cursor value, a hash of a site's page list); empty when a file could not be read."""
    entries: tuple[tuple[str, str], ...] = ()
    """What the listing found inside the partition, as (address, stamp) pairs (a site's pages
    with their sitemap ``lastmod``), so a reader in another process need not list again."""

    def key(self) -> str:
        """Stable cursor key of this partition."""
        return self.uri


@dataclass(frozen=True)
class Checkpoint:
    """Yielded last by a source that learns a partition's cursor while reading it (a site's
    ETag and Last-Modified per page); the run records it in place of the listing fingerprint,
    and the next run passes it back as ``since``."""

    fingerprint: str


@dataclass(frozen=True)
class Gone:
    """Yielded by a source that finds a record it read before no longer exists (a page that
    now answers 404 or 410). The run leaves that document out of the next version."""

    id: str
    uri: str
    detail: str


@runtime_checkable
class Source(Protocol):
    """What every connector implements."""

    name: str

    def partitions(self) -> list[Partition]:
        """Cheap listing, sorted by uri."""
        ...

    def read(self, partition: Partition) -> Iterator[Document | Quarantined | Checkpoint | Gone]:
        """Lazily yield the documents of one partition, quarantining malformed records."""
        ...


def read_records(source: Source) -> Iterator[Document | Quarantined]:
    """Every document and reject of every partition of ``source``, in order, for tools that
    read a source once; cursors and removal notices, which only a pipeline run records, are
    left out."""
    for partition in source.partitions():
        for item in source.read(partition):
            if not isinstance(item, Checkpoint | Gone):
                yield item


def fingerprint_file(path: str | Path) -> str:
    """``xxh3_128`` hex digest of a file, streamed so memory stays bounded."""
    digest = xxhash.xxh3_128()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
