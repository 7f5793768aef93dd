"""CSV and TSV (``.tsv`` files are tab-separated): a header row, then one record per row.

Rows are decoded line by line (see :mod:`connectors.lines`), so a bad line costs one row. Row
numbers in ids and uris are 0-based indexes of the data rows; blank rows are not counted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from connectors import reasons
from connectors.lines import Line, open_decoder, read_lines
from connectors.records import FileContext
from connectors.schema import Document, Quarantined


def read_delimited(ctx: FileContext) -> Iterator[Document | Quarantined]:
    _allow_fields_up_to(ctx.max_document_bytes + 1)
    delimiter = "\t" if ctx.path.suffix.lower() == ".tsv" else ","
    with ctx.path.open("rb") as fh:
        decoder = open_decoder(fh, ctx.encoding)
        bad_lines: dict[int, Line] = {}

        def texts() -> Iterator[str]:
            for line in read_lines(fh, decoder, max_line_bytes=ctx.max_line_bytes):
                if line.text is None:
                    bad_lines[line.number] = line
                    yield "\n"  # keeps csv's line count equal to the physical line number
                else:
                    yield line.text

        reader = csv.reader(texts(), delimiter=delimiter)
        header: list[str] | None = None
        index = 0
        last_line = 0
        while True:
            try:
                row = next(reader)
                error = None
            except StopIteration:
                if header is None:
                    yield ctx.quarantine(reasons.EMPTY_FILE, "no header row: only blank lines")
                return
            except csv.Error as exc:
                row, error = [], exc
            first_line, last_line = last_line + 1, reader.line_num
            bad = [bad_lines.pop(n) for n in range(first_line, last_line + 1) if n in bad_lines]
            if not row and not bad and error is None:
                continue  # blank line

            if header is None:
                if bad or error is not None:
                    detail = bad[0].detail if bad else str(error)
                    yield ctx.quarantine(
                        bad[0].reason if bad else reasons.MALFORMED_ROW,
                        f"header row unreadable: {detail}",
                    )
                    return
                if ctx.fields.text not in row:
                    yield ctx.quarantine(
                        reasons.MISSING_TEXT_FIELD,
                        f"no column {ctx.fields.text!r} in header {row[:20]}",
                        delimiter.join(row),
                    )
                    return
                header = row
                continue

            fragment = f"row={index}"
            where = f"lines {first_line}-{last_line}"
            if first_line == last_line:
                where = f"line {first_line}"
            if bad:
                yield ctx.quarantine(
                    bad[0].reason or reasons.UNDECODABLE,
                    f"{where}: {bad[0].detail}",
                    bad[0].raw,
                    fragment=fragment,
                )
            elif error is not None:
                too_large = "field larger than field limit" in str(error)
                yield ctx.quarantine(
                    reasons.DOCUMENT_TOO_LARGE if too_large else reasons.MALFORMED_ROW,
                    f"{where}: {error}",
                    fragment=fragment,
                )
            elif len(row) != len(header):
                yield ctx.quarantine(
                    reasons.WRONG_COLUMN_COUNT,
                    f"{where}: expected {len(header)} columns, got {len(row)}",
                    delimiter.join(row),
                    fragment=fragment,
                )
            else:
                yield ctx.from_record(
                    dict(zip(header, row, strict=True)),
                    location=str(index),
                    fragment=fragment,
                    extra={"encoding": decoder.encoding},
                )
            index += 1


def _allow_fields_up_to(size: int) -> None:
    # The csv module caps fields at 128 KiB by default, far below a legitimate long document.
    # The cap is process-wide, so only ever raise it.
    if csv.field_size_limit() < size:
        csv.field_size_limit(size)
