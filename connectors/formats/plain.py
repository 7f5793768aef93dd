"""Plain text and Markdown: one document per file.

The size limit is checked on the file size before reading, so an oversized file is never
loaded. A file that holds NUL bytes, does not decode, or is mostly control characters is
quarantined as ``binary_file``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from connectors import reasons
from connectors.encoding import decode_bytes
from connectors.errors import RecordError
from connectors.records import FileContext
from connectors.schema import Document, Quarantined
from connectors.values import TOO_LARGE_RAW_LIMIT

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # also prefixes of the UTF-32 BOMs
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_FRONT_MATTER_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$")


def read_text(ctx: FileContext) -> Iterator[Document | Quarantined]:
    yield from _read(ctx, markdown=False)


def read_markdown(ctx: FileContext) -> Iterator[Document | Quarantined]:
    yield from _read(ctx, markdown=True)


def _read(ctx: FileContext, *, markdown: bool) -> Iterator[Document | Quarantined]:
    size = ctx.path.stat().st_size
    if size > ctx.max_document_bytes:
        with ctx.path.open("rb") as fh:
            head = fh.read(4 * TOO_LARGE_RAW_LIMIT)
        yield ctx.quarantine(
            reasons.DOCUMENT_TOO_LARGE,
            f"file is {size} bytes, over max_document_bytes={ctx.max_document_bytes}",
            head.decode(ctx.encoding or "utf-8", "replace")[:TOO_LARGE_RAW_LIMIT],
        )
        return

    data = ctx.path.read_bytes()
    if b"\x00" in data and not data.startswith(_WIDE_BOMS):
        yield ctx.quarantine(reasons.BINARY_FILE, "file contains NUL bytes", _preview(data))
        return
    try:
        text, encoding = decode_bytes(data, ctx.encoding)
    except RecordError as exc:
        # Text in a known encoding with bad bytes is "undecodable"; bytes no encoding reads at
        # all are a binary file under a text name.
        reason = reasons.UNDECODABLE if "encoding" in exc.context else reasons.BINARY_FILE
        yield ctx.quarantine(reason, exc.message, _preview(data))
        return
    controls = len(_CONTROL.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        yield ctx.quarantine(
            reasons.BINARY_FILE,
            f"{controls} control characters in {len(text)} (decoded as {encoding})",
            _preview(data),
        )
        return

    title = first_heading(text) if markdown else None
    yield ctx.document(
        text,
        key=ctx.relpath,
        title=title or ctx.path.stem,
        metadata={"encoding": encoding, "format": "markdown" if markdown else "text"},
        raw=lambda: text,
    )


def first_heading(markdown: str) -> str | None:
    """The ``title:`` of YAML front matter, else the text of the first ATX (``# Title``) or
    setext (``Title`` over ``===``) heading outside code fences."""
    lines = markdown.lstrip("\ufeff").splitlines()
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                lines = lines[index + 1 :]
                break
            match = _FRONT_MATTER_TITLE.match(line)
            if match:
                return match.group(1).strip("\"'") or None
    in_fence = False
    previous = ""
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            previous = ""
            continue
        if in_fence:
            continue
        atx = _ATX_HEADING.match(line)
        if atx:
            return atx.group(1).strip()
        if previous.strip() and _SETEXT_UNDERLINE.match(line):
            return previous.strip()
        previous = line
    return None


def _preview(data: bytes) -> str:
    return data[:1000].decode("utf-8", "backslashreplace")
