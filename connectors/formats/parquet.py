"""Parquet files: one record per row, read in record batches so memory stays bounded.

Row numbers in ids and uris are 0-based row indexes in the file.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from connectors import reasons
from connectors.records import FileContext
from connectors.schema import Document, Quarantined

BATCH_ROWS = 512


def read_parquet(ctx: FileContext) -> Iterator[Document | Quarantined]:
    try:
        parquet = pq.ParquetFile(ctx.path)
    except (pa.ArrowException, OSError) as exc:
        _reraise_io_error(exc)
        yield ctx.quarantine(reasons.INVALID_PARQUET, f"{type(exc).__name__}: {exc}")
        return
    with parquet:
        names = parquet.schema_arrow.names
        if ctx.fields.text not in names:
            yield ctx.quarantine(
                reasons.MISSING_TEXT_FIELD,
                f"no column {ctx.fields.text!r} (columns: {', '.join(names[:20])})",
            )
            return
        index = 0
        batches = parquet.iter_batches(batch_size=BATCH_ROWS)
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                return
            except (pa.ArrowException, OSError) as exc:
                _reraise_io_error(exc)
                yield ctx.quarantine(
                    reasons.INVALID_PARQUET,
                    f"{type(exc).__name__}: {exc}; rows from {index} on skipped",
                    fragment=f"row={index}",
                )
                return
            for record in batch.to_pylist():
                yield ctx.from_record(record, location=str(index), fragment=f"row={index}")
                index += 1


def _reraise_io_error(exc: Exception) -> None:
    # pyarrow reports corrupt data as OSError without errno; a real I/O failure (permission,
    # vanished file) has one and is the caller's "unreadable_file".
    if isinstance(exc, OSError) and exc.errno is not None:
        raise exc
