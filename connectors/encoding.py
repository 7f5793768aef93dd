"""Decode bytes of unknown encoding, Chinese first.

Order of decisions: a byte-order mark wins; then strict UTF-8; then strict GB18030 (a superset
of GBK/GB2312) and Big5, ranked by a plausibility score (share of frequent Chinese characters and
CJK punctuation among the non-ASCII characters); only when neither is plausible is
charset-normalizer asked, restricted to common encodings. charset-normalizer alone often mistakes
short GBK text for Big5 and the reverse, which is why it comes last.

:class:`LineDecoder` applies the same detection to streamed files (JSONL, CSV) from a head sample
and decodes them line by line, so one bad line is one quarantined record, not a lost file.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable

import charset_normalizer

from connectors.cjk_common import COMMON_HAN
from connectors.errors import RecordError
from connectors.reasons import UNDECODABLE

PLAUSIBLE = 0.5
"""Minimum plausibility for a GB18030/Big5 reading to be accepted without charset-normalizer.

Measured on samples: real Chinese text scores 0.8-1.0, a GBK/Big5 mix-up 0.0-0.3, Japanese or
Korean read as GB18030 0.05-0.45.
"""

_SCORE_CHARS = 4000  # enough to judge, cheap on multi-megabyte files

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_CJK_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕—…·～　")

# Encodings charset-normalizer may answer with; exotic code pages (EBCDIC, Mac Cyrillic...)
# win too often on short or odd input to be worth it.
_FALLBACK_ENCODINGS = [
    "utf_16",
    "utf_32",
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp874",
    "shift_jis",
    "cp932",
    "euc_jp",
    "euc_kr",
    "cp949",
    "gb18030",
    "big5",
    "cp950",
]

_CHINESE_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950"})

_ASCII_PROBE = '\n\r\t ,:"{}[]azAZ09'


def detect_encoding(data: bytes, *, partial: bool = False) -> str:
    """Name of the encoding ``data`` is most plausibly written in.

    ``partial=True`` means ``data`` is a head sample that may end in the middle of a character.
    Pure ASCII is reported as ``utf-8``. Raises :class:`RecordError` when nothing decodes.
    """
    bom = _bom_encoding(data)
    if bom is not None:
        return bom
    if data.isascii() or _strict_decode(data, "utf-8", partial) is not None:
        return "utf-8"

    strict = _best_chinese(data, partial, tolerant=False)
    if strict is not None and strict[0] >= PLAUSIBLE:
        return strict[1]
    # A few corrupt bytes must not turn a whole UTF-8 or GBK file into cp1252 mojibake: name the
    # encoding that reads almost all of it, and let strict decoding reject the bad part.
    if _mostly_decodes(data, "utf-8"):
        return "utf-8"
    tolerant = _best_chinese(data, partial, tolerant=True)
    if tolerant is not None and tolerant[0] >= PLAUSIBLE:
        return tolerant[1]

    fallback = _charset_normalizer_guess(data, partial)
    if fallback is not None and not (strict is not None and _is_chinese_family(fallback)):
        return fallback
    if strict is not None:
        return strict[1]
    raise RecordError("cannot detect the text encoding", reason=UNDECODABLE)


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` strictly; return ``(text, encoding)``.

    An explicit ``encoding`` overrides detection. A UTF-8 byte-order mark is dropped.
    Raises :class:`RecordError` (context ``reason="undecodable"``) when the bytes do not decode.
    """
    chosen = normalise_encoding(encoding, data) if encoding else detect_encoding(data)
    try:
        return data.decode(chosen), chosen
    except UnicodeDecodeError as exc:
        raise RecordError(
            f"cannot decode as {chosen}: {exc.reason} at byte {exc.start}",
            reason=UNDECODABLE,
            encoding=chosen,
        ) from exc


def plausibility(text: str) -> float:
    """Share of the first non-ASCII characters that are frequent Chinese characters or CJK
    punctuation: near 1 for real Chinese, low for text decoded with the wrong codec."""
    seen = hits = 0
    for char in _non_ascii(text):
        seen += 1
        if char in COMMON_HAN or char in _CJK_PUNCTUATION or "\uff01" <= char <= "\uff5e":
            hits += 1
        if seen >= _SCORE_CHARS:
            break
    return hits / seen if seen else 0.0


def normalise_encoding(encoding: str, head: bytes = b"") -> str:
    """Validate an explicit encoding name; read UTF-8 with a BOM as ``utf-8-sig``.

    Raises :class:`LookupError` for unknown names.
    """
    name = codecs.lookup(encoding).name
    if name == "utf-8" and head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return encoding


def is_ascii_compatible(encoding: str) -> bool:
    """Whether ASCII bytes (newlines, JSON/CSV punctuation) mean the same in ``encoding``.

    Such files can be split into lines on raw bytes before decoding.
    """
    if codecs.lookup(encoding).name == "utf-8-sig":
        return True
    try:
        return _ASCII_PROBE.encode(encoding) == _ASCII_PROBE.encode("ascii")
    except UnicodeEncodeError:
        return False


class LineDecoder:
    """Decodes one streamed file line by line with an encoding detected from its head.

    When the head is pure ASCII the choice is provisional: the first line that is not valid UTF-8
    picks the encoding for the rest of the file (large exports often start with ASCII-only rows).
    """

    def __init__(self, head: bytes, *, encoding: str | None = None, complete: bool = False):
        self._provisional = False
        if encoding:
            self.encoding = normalise_encoding(encoding, head)
            return
        try:
            self.encoding = detect_encoding(head, partial=not complete)
        except RecordError:
            # The head is garbage; decode line by line as UTF-8 so good lines still come through.
            self.encoding = "utf-8"
            return
        self._provisional = head.isascii()

    @property
    def ascii_compatible(self) -> bool:
        return is_ascii_compatible(self.encoding)

    def decode(self, line: bytes) -> str:
        """Decode one line; raises :class:`RecordError` (reason ``undecodable``)."""
        try:
            text = line.decode(self.encoding)
        except UnicodeDecodeError as exc:
            upgraded = self._upgrade(line)
            if upgraded is not None:
                return upgraded
            raise RecordError(
                f"cannot decode line as {self.encoding}: {exc.reason} at byte {exc.start}",
                reason=UNDECODABLE,
                encoding=self.encoding,
            ) from exc
        if self._provisional and not line.isascii():
            self._provisional = False  # valid non-ASCII UTF-8: evidence enough
        return text

    def _upgrade(self, line: bytes) -> str | None:
        if not self._provisional:
            return None
        try:
            encoding = detect_encoding(line)
            text = line.decode(encoding)
        except (RecordError, UnicodeDecodeError):
            return None
        self.encoding = encoding
        self._provisional = False
        return text


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _best_chinese(data: bytes, partial: bool, *, tolerant: bool) -> tuple[float, str] | None:
    """(plausibility, encoding) of the best GB18030/Big5 reading of ``data``, if any decodes.

    Ties go to GB18030. ``tolerant`` also accepts readings with a few undecodable characters.
    """
    best: tuple[float, str] | None = None
    for family in (("gb18030",), ("big5", "cp950")):
        # cp950 is Big5 plus the Microsoft extensions real Taiwanese files use.
        for encoding in family:
            text = _strict_decode(data, encoding, partial)
            if text is None and tolerant and _mostly_decodes(data, encoding):
                text = data.decode(encoding, "replace")
            if text is not None:
                score = plausibility(text)
                if best is None or score > best[0]:
                    best = (score, encoding)
                break
    return best


def _mostly_decodes(data: bytes, encoding: str) -> bool:
    """Whether at most 10% of the non-ASCII characters of ``data`` fail to decode.

    A wrong codec fails far more often: GBK read as UTF-8 fails about four times per success.
    """
    text = data.decode(encoding, "replace")
    errors = text.count("\ufffd")
    decoded = sum(1 for _ in _non_ascii(text)) - errors
    return decoded > 0 and errors * 10 <= decoded


def _strict_decode(data: bytes, encoding: str, partial: bool) -> str | None:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        return decoder.decode(data, final=not partial)
    except UnicodeDecodeError:
        return None


def _charset_normalizer_guess(data: bytes, partial: bool) -> str | None:
    if partial:
        # Cut at the last newline so a character split by the sample does not veto an encoding.
        cut = data.rfind(b"\n")
        if cut > 0:
            data = data[: cut + 1]
    best = charset_normalizer.from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS).best()
    return None if best is None else best.encoding


def _is_chinese_family(encoding: str) -> bool:
    return codecs.lookup(encoding).name in _CHINESE_FAMILY


def _non_ascii(text: str) -> Iterable[str]:
    return (char for char in text if char > "\x7f")
