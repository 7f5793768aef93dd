"""JSON Lines: one JSON object per line, streamed with bounded memory.

Blank lines are skipped silently; every other line is a Document or a reject naming its line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from connectors import reasons
from connectors.lines import open_decoder, read_lines
from connectors.records import FileContext
from connectors.schema import Document, Quarantined


def read_jsonl(ctx: FileContext) -> Iterator[Document | Quarantined]:
    with ctx.path.open("rb") as fh:
        decoder = open_decoder(fh, ctx.encoding)
        blank_only = True
        for line in read_lines(fh, decoder, max_line_bytes=ctx.max_line_bytes):
            fragment = f"L{line.number}"
            if line.text is None:
                blank_only = False
                yield ctx.quarantine(
                    line.reason or reasons.UNDECODABLE, line.detail, line.raw, fragment=fragment
                )
                continue
            body = line.text.rstrip("\r\n")  # so error columns refer to this line
            if not body or body.isspace():
                continue
            blank_only = False
            try:
                record = json.loads(body)
            except json.JSONDecodeError as exc:
                yield ctx.quarantine(
                    reasons.INVALID_JSON,
                    f"{exc.msg}: column {exc.colno}",
                    body,
                    fragment=fragment,
                )
                continue
            except (ValueError, RecursionError) as exc:
                # Valid syntax Python still refuses: over-long integers, absurd nesting.
                yield ctx.quarantine(
                    reasons.INVALID_JSON,
                    str(exc) or type(exc).__name__,
                    body,
                    fragment=fragment,
                )
                continue
            yield ctx.from_record(
                record, location=fragment, fragment=fragment, extra={"encoding": decoder.encoding}
            )
        if blank_only:
            yield ctx.quarantine(reasons.EMPTY_FILE, "file has only blank lines")
