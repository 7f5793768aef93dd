"""A JSON file of records: a top-level array of objects, an object holding such an array under
``records_key``, or a single object (one record).

The file is parsed whole, so memory grows with file size; use JSONL for large exports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from connectors import reasons
from connectors.encoding import decode_bytes
from connectors.errors import RecordError
from connectors.records import FileContext
from connectors.schema import Document, Quarantined
from connectors.values import raw_of


def read_json(ctx: FileContext) -> Iterator[Document | Quarantined]:
    data = ctx.path.read_bytes()
    try:
        text, encoding = decode_bytes(data, ctx.encoding)
    except RecordError as exc:
        yield ctx.quarantine(
            reasons.UNDECODABLE, exc.message, data[:4000].decode("utf-8", "replace")
        )
        return
    del data
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ctx.quarantine(
            reasons.INVALID_JSON, f"{exc.msg}: line {exc.lineno} column {exc.colno}", text
        )
        return
    except (ValueError, RecursionError) as exc:
        # Valid syntax Python still refuses: over-long integers, absurd nesting.
        yield ctx.quarantine(reasons.INVALID_JSON, str(exc) or type(exc).__name__, text)
        return
    del text

    records = _records(ctx, value)
    if isinstance(records, Quarantined):
        yield records
        return
    extra = {"encoding": encoding}
    for index, record in enumerate(records):
        yield ctx.from_record(record, location=str(index), fragment=f"row={index}", extra=extra)


def _records(ctx: FileContext, value: Any) -> list[Any] | Quarantined:
    if isinstance(value, list):
        return value
    if not isinstance(value, dict):
        return ctx.quarantine(
            reasons.NOT_AN_OBJECT,
            "top level is neither an array nor an object",
            raw_of(value),
        )
    if ctx.records_key is None:
        return [value]
    records = value.get(ctx.records_key)
    if not isinstance(records, list):
        keys = ", ".join(sorted(map(str, value))[:20])
        return ctx.quarantine(
            reasons.MISSING_RECORDS_KEY,
            f"no array under records_key {ctx.records_key!r} (keys: {keys})",
            raw_of(value),
        )
    return records
