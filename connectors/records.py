"""Turning one record (or one file's text) into a Document, or into a Quarantined with a reason.

:class:`FileContext` carries what every format reader needs about the file it reads, so the
readers only parse and the rules for ids, uris, titles, dates and rejects live here once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from connectors import reasons
from connectors.schema import Document, Quarantined, make_doc_id
from connectors.values import (
    TOO_LARGE_RAW_LIMIT,
    clean_str,
    clip,
    parse_published,
    raw_of,
    to_jsonable,
    utf8_length,
)

DEFAULT_MAX_DOCUMENT_BYTES = 64 * 2**20


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which record fields hold the text, id, title and publication date."""

    text: str = "text"
    id: str | None = None
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class FileContext:
    """One file of one source, as the format readers see it."""

    source: str
    path: Path
    relpath: str
    """Path relative to the source root (POSIX separators); part of location-based ids."""
    fields: FieldMap
    license: str | None = None
    domain: str | None = None
    encoding: str | None = None
    records_key: str | None = None
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES

    @property
    def max_line_bytes(self) -> int:
        # JSON escapes such as \u4e2d can double a text's size on the line; beyond this the line is
        # dropped without being held in memory.
        return 2 * self.max_document_bytes + 2**20

    def uri(self, fragment: str | None = None) -> str:
        base = f"file://{self.path.as_posix()}"
        return f"{base}#{fragment}" if fragment else base

    def quarantine(
        self,
        reason: str,
        detail: str | None = None,
        raw: str | None = None,
        *,
        fragment: str | None = None,
    ) -> Quarantined:
        return Quarantined(
            source=self.source,
            uri=self.uri(fragment),
            reason=reason,
            detail=clip(detail, 2000) if detail else None,
            raw=clip(raw) if raw else None,
        )

    def document(
        self,
        text: str,
        *,
        key: str,
        fragment: str | None = None,
        title: str | None = None,
        published_at: dt.datetime | None = None,
        metadata: dict[str, Any] | None = None,
        raw: Callable[[], str] | None = None,
    ) -> Document | Quarantined:
        """A Document, unless the text is blank, too large or not valid Unicode."""
        if not text or text.isspace():
            return self.quarantine(
                reasons.EMPTY_TEXT,
                "text is empty or whitespace",
                raw() if raw else None,
                fragment=fragment,
            )
        try:
            size = utf8_length(text)
        except UnicodeEncodeError as exc:
            return self.quarantine(
                reasons.UNDECODABLE,
                f"lone surrogate at character {exc.start} (invalid \\u escape?)",
                raw() if raw else clip(text),
                fragment=fragment,
            )
        if size > self.max_document_bytes:
            return self.quarantine(
                reasons.DOCUMENT_TOO_LARGE,
                f"text is {size} bytes, over max_document_bytes={self.max_document_bytes}",
                text[:TOO_LARGE_RAW_LIMIT],
                fragment=fragment,
            )
        return Document(
            id=make_doc_id(self.source, key),
            text=text,
            source=self.source,
            uri=self.uri(fragment),
            license=self.license,
            domain=self.domain,
            title=clean_str(title) if title else None,
            published_at=published_at,
            metadata=metadata,
            char_count=len(text),
        )

    def from_record(
        self,
        record: Any,
        *,
        location: str,
        fragment: str,
        extra: dict[str, Any] | None = None,
    ) -> Document | Quarantined:
        """Map one parsed record (JSON object, CSV row, Parquet row) to a Document.

        ``location`` (``L12`` or ``3``) makes the id when the record has no id of its own.
        ``extra`` is merged into the metadata last (e.g. the detected ``encoding``).
        """
        fields = self.fields
        if not isinstance(record, dict):
            return self.quarantine(
                reasons.NOT_AN_OBJECT,
                f"expected an object, got {_type_name(record)}",
                raw_of(record),
                fragment=fragment,
            )
        if fields.text not in record:
            names = ", ".join(sorted(map(str, record))[:20])
            return self.quarantine(
                reasons.MISSING_TEXT_FIELD,
                f"no field {fields.text!r} (fields: {names})",
                raw_of(record),
                fragment=fragment,
            )
        text = record[fields.text]
        if text is None:
            return self.quarantine(
                reasons.EMPTY_TEXT,
                f"field {fields.text!r} is null",
                raw_of(record),
                fragment=fragment,
            )
        if not isinstance(text, str):
            return self.quarantine(
                reasons.TEXT_NOT_STRING,
                f"field {fields.text!r} is {_type_name(text)}, not a string",
                raw_of(record),
                fragment=fragment,
            )

        skip = {fields.text, fields.title}
        published_at = None
        if fields.published is not None and fields.published in record:
            try:
                published_at = parse_published(record[fields.published])
                skip.add(fields.published)
            except ValueError as exc:
                published_at = None
                extra = {**(extra or {}), "published_at_error": str(exc)}
        metadata = {clean_str(str(k)): to_jsonable(v) for k, v in record.items() if k not in skip}
        metadata.update(extra or {})

        return self.document(
            text,
            key=self._record_key(record, location),
            fragment=fragment,
            title=_title_of(record.get(fields.title)) if fields.title else None,
            published_at=published_at,
            metadata=metadata,
            raw=lambda: raw_of(record),
        )

    def _record_key(self, record: dict[str, Any], location: str) -> str:
        if self.fields.id is not None:
            value = record.get(self.fields.id)
            if value is not None and value != "":
                return (
                    value
                    if isinstance(value, str)
                    else json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=True)
                )
        return f"{self.relpath}#{location}"


def _title_of(value: Any) -> str | None:
    if value is None:
        return None
    title = value if isinstance(value, str) else str(value)
    return title.strip() or None


def _type_name(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), type(value).__name__)
