"""Bounded line reading for streamed text formats (JSONL, CSV).

Lines are read with a size cap, so one gigantic line costs at most the cap in memory and becomes
one ``document_too_large`` reject; undecodable lines become ``undecodable`` rejects. Line numbers
are 1-based physical lines and line endings are kept (the csv module needs them).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from connectors import reasons
from connectors.encoding import LineDecoder
from connectors.errors import RecordError
from connectors.values import RAW_LIMIT, TOO_LARGE_RAW_LIMIT, clip

HEAD_BYTES = 2**20
"""Bytes sampled from the start of a streamed file to detect its encoding."""

_SKIP_CHUNK = 2**20


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line: its text, or why it could not be read."""

    number: int
    text: str | None = None
    reason: str | None = None
    detail: str | None = None
    raw: str | None = None


def open_decoder(fh: BinaryIO, encoding: str | None) -> LineDecoder:
    """A decoder for ``fh`` from its head sample; rewinds ``fh``."""
    head = fh.read(HEAD_BYTES)
    complete = len(head) < HEAD_BYTES
    fh.seek(0)
    return LineDecoder(head, encoding=encoding, complete=complete)


def read_lines(fh: BinaryIO, decoder: LineDecoder, *, max_line_bytes: int) -> Iterator[Line]:
    """Yield every line of a binary file, decoded, with errors as reasons."""
    if decoder.ascii_compatible:
        yield from _byte_lines(fh, decoder, max_line_bytes)
    else:
        yield from _text_lines(fh, decoder.encoding, max_line_bytes)


def _byte_lines(fh: BinaryIO, decoder: LineDecoder, max_line_bytes: int) -> Iterator[Line]:
    # Splitting raw bytes on b"\n" is safe: in ASCII-compatible encodings (UTF-8, GB18030, Big5)
    # 0x0A never occurs inside a multi-byte character.
    number = 0
    while chunk := fh.readline(max_line_bytes + 1):
        number += 1
        if len(chunk) > max_line_bytes and not chunk.endswith(b"\n"):
            _skip_rest_of_line(fh)
            yield Line(
                number,
                reason=reasons.DOCUMENT_TOO_LARGE,
                detail=f"line is over {max_line_bytes} bytes",
                raw=chunk[: 4 * TOO_LARGE_RAW_LIMIT].decode(decoder.encoding, "replace")[
                    :TOO_LARGE_RAW_LIMIT
                ],
            )
            continue
        try:
            yield Line(number, text=decoder.decode(chunk))
        except RecordError as exc:
            yield Line(
                number,
                reason=reasons.UNDECODABLE,
                detail=exc.message,
                raw=clip(chunk[: 4 * RAW_LIMIT].decode(decoder.encoding, "replace")),
            )


def _text_lines(fh: BinaryIO, encoding: str, max_line_chars: int) -> Iterator[Line]:
    # UTF-16/32: bytes cannot be split on b"\n", so let the codec find lines. A decoding error
    # leaves the stream position unknown, so it ends the file.
    wrapper = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline="")
    number = 0
    try:
        while True:
            try:
                text = wrapper.readline(max_line_chars + 1)
                too_long = len(text) > max_line_chars and not text.endswith(("\n", "\r"))
                if too_long:
                    while (more := wrapper.readline(_SKIP_CHUNK)) and not more.endswith(
                        ("\n", "\r")
                    ):
                        pass
            except UnicodeDecodeError as exc:
                yield Line(
                    number + 1,
                    reason=reasons.UNDECODABLE,
                    detail=f"cannot decode as {encoding}: {exc.reason}; rest of file skipped",
                )
                return
            if not text:
                return
            number += 1
            if too_long:
                yield Line(
                    number,
                    reason=reasons.DOCUMENT_TOO_LARGE,
                    detail=f"line is over {max_line_chars} characters",
                    raw=text[:TOO_LARGE_RAW_LIMIT],
                )
            else:
                yield Line(number, text=text)
    finally:
        wrapper.detach()  # the caller owns and closes fh


def _skip_rest_of_line(fh: BinaryIO) -> None:
    while (chunk := fh.readline(_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
        pass
