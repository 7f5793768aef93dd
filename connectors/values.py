"""Small value conversions shared by the readers: JSON-safe metadata, dates, clipping.

Everything a connector emits must survive ``json.dumps`` and Arrow's UTF-8 strings, whatever the
input held (NaN, Decimal, bytes, lone surrogates from ``"\\ud800"`` JSON escapes).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from decimal import Decimal
from typing import Any

from connectors import reasons

RAW_LIMIT = 10_000
"""Characters of raw input kept with a quarantined record."""

TOO_LARGE_RAW_LIMIT = 1_000
"""Characters kept for a document that is quarantined for its size."""

_CHINESE_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$")
_SLASHED_DATE = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")


def clip(text: str, limit: int = RAW_LIMIT) -> str:
    return clean_str(text[:limit])


def raw_of(value: Any, limit: int = RAW_LIMIT) -> str:
    """A record rendered as JSON text for the quarantine table, clipped."""
    if isinstance(value, str):
        return clip(value, limit)
    return clip(json.dumps(to_jsonable(value), ensure_ascii=False), limit)


def clean_str(text: str) -> str:
    """Replace lone surrogates, which cannot be written as UTF-8 (Arrow rejects them)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def utf8_length(text: str) -> int:
    """Bytes ``text`` takes as UTF-8; raises UnicodeEncodeError on a lone surrogate."""
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def to_jsonable(value: Any) -> Any:
    """A JSON-serialisable copy of ``value`` (metadata of a record)."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        # NaN/Infinity would be written as invalid JSON that DuckDB's json functions reject.
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return clean_str(value)
    if isinstance(value, dict):
        return {clean_str(str(k)): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        # Blobs do not belong in document metadata; keep a trace that something was there.
        return f"<binary: {len(value)} bytes>"
    return clean_str(str(value))


def parse_published(value: Any) -> dt.datetime | None:
    """A UTC datetime from an ISO 8601 date/datetime (also ``2024年5月1日``, ``2024/05/01``).

    Naive values are taken as UTC. Empty values give None; unparseable ones raise ValueError.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return _as_utc(value)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 date string, got {type(value).__name__}")
    text = value.strip()
    try:
        return _as_utc(dt.datetime.fromisoformat(text))
    except ValueError:
        pass
    match = _CHINESE_DATE.match(text) or _SLASHED_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return dt.datetime(year, month, day, tzinfo=dt.UTC)  # ValueError for 2024-13-40
    raise ValueError(f"not an ISO 8601 date: {clip(text, 100)!r}")


def _as_utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def published_or_none(value: Any) -> dt.datetime | None:
    """parse_published, with an unparseable value read as no date (a column of free text)."""
    try:
        return parse_published(value)
    except ValueError:
        return None


def text_problem(text: Any, column: str) -> tuple[str, str] | None:
    """(reason, detail) when a record's text cannot make a document, else None."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return reasons.EMPTY_TEXT, f"{column} is {'NULL' if text is None else 'blank'}"
    if not isinstance(text, str):
        return reasons.TEXT_NOT_STRING, f"{column} is {type(text).__name__}, not a string"
    return None
