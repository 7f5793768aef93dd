"""The Document record and its one explicit Arrow schema.

Every stage reads and writes Parquet shards with exactly :data:`DOCUMENT_SCHEMA`; nothing is
inferred from the first row. Connectors fill the source fields; the quality stage fills the
annotation fields; publishing writes them unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import pyarrow as pa
import xxhash

SCHEMA_VERSION = 1

DOCUMENT_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("text", pa.large_string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("uri", pa.string(), nullable=False),
        pa.field("license", pa.string()),
        pa.field("fetched_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("published_at", pa.timestamp("us", tz="UTC")),
        pa.field("title", pa.string()),
        pa.field("language", pa.string()),
        pa.field("language_confidence", pa.float32()),
        pa.field("script", pa.string()),
        pa.field("han_ratio", pa.float32()),
        pa.field("domain", pa.string()),
        pa.field("quality_score", pa.float32()),
        pa.field("signals", pa.string()),
        pa.field("metadata", pa.string()),
        pa.field("char_count", pa.int64()),
        pa.field("dedup_key", pa.string()),
    ],
    metadata={"hqdata.schema_version": str(SCHEMA_VERSION)},
)
"""Column meanings:

- ``id``: stable id, ``xxh3_128`` of source name and record key (see :func:`make_doc_id`).
- ``text``: the cleaned text (the original form is kept unless a recipe asks to convert).
- ``source`` / ``uri``: the recipe's source name and where the record came from
  (``path#line``, ``path#row``, ``path#page``...).
- ``signals`` / ``metadata``: JSON objects (quality signals; extra fields of the record).
- ``script``: ``Hans``, ``Hant``, ``mixed`` for Chinese, else the dominant Unicode script.
- ``dedup_key``: hash of the normalised matching key, for exact dedup.
"""

QUARANTINE_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("uri", pa.string(), nullable=False),
        pa.field("stage", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("detail", pa.string()),
        pa.field("raw", pa.large_string()),
        pa.field("at", pa.timestamp("us", tz="UTC"), nullable=False),
    ]
)
"""Malformed input records: where (``uri`` names file and line), why, and the raw bytes as text."""


def make_doc_id(source: str, key: str) -> str:
    """A stable document id from the source name and the record's own key or location."""
    return xxhash.xxh3_128_hexdigest(f"{source}\x00{key}".encode())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(slots=True)
class Document:
    """One document as a connector yields it; annotation fields are filled later."""

    id: str
    text: str
    source: str
    uri: str
    license: str | None = None
    fetched_at: dt.datetime = field(default_factory=utcnow)
    published_at: dt.datetime | None = None
    title: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    script: str | None = None
    han_ratio: float | None = None
    domain: str | None = None
    quality_score: float | None = None
    signals: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    char_count: int | None = None
    dedup_key: str | None = None

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["signals"] = _dump_json(self.signals)
        row["metadata"] = _dump_json(self.metadata)
        if row["char_count"] is None:
            row["char_count"] = len(self.text)
        return row


@dataclass(slots=True)
class Quarantined:
    """A record that could not become a Document, with where and why."""

    source: str
    uri: str
    reason: str
    detail: str | None = None
    raw: str | None = None
    stage: str = "ingest"
    at: dt.datetime = field(default_factory=utcnow)

    def to_row(self) -> dict[str, Any]:
        return asdict(self)


def _dump_json(value: dict[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def documents_to_table(docs: list[Document]) -> pa.Table:
    """Build a table with exactly :data:`DOCUMENT_SCHEMA` from Document records."""
    return pa.Table.from_pylist([d.to_row() for d in docs], schema=DOCUMENT_SCHEMA)


def quarantine_to_table(items: list[Quarantined]) -> pa.Table:
    return pa.Table.from_pylist([q.to_row() for q in items], schema=QUARANTINE_SCHEMA)
