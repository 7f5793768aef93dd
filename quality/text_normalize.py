"""Matching keys: one normal form of a text for exact dedup, MinHash shingles and rules.

The key is never stored as the document text; it only decides whether two texts are "the
same" regardless of full/half width, letter case, Traditional vs Simplified characters,
spacing and punctuation.
"""

from __future__ import annotations

import re
import sys
import threading
import unicodedata
from functools import cache

import numpy as np
import opencc
import xxhash

from quality._chars import codepoints

_converters: dict[str, opencc.OpenCC] = {}
_converters_lock = threading.Lock()


def opencc_converter(config: str) -> opencc.OpenCC:
    """A process-wide OpenCC converter (``"t2s.json"``, ``"s2t.json"``), created on first use.

    Loading a converter reads its dictionaries from disk, far too slow to repeat per document.
    """
    conv = _converters.get(config)
    if conv is None:
        with _converters_lock:
            conv = _converters.get(config)
            if conv is None:
                conv = opencc.OpenCC(config)
                _converters[config] = conv
    return conv


_MARK = 1  # combining mark (category M*) other than a variation selector
_COMPAT = 2  # NFKC changes the character and the result holds a letter, digit or mark


def _is_variation_selector(cp: int) -> bool:
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


@cache
def _flags_table() -> np.ndarray:
    """uint8 flags (_MARK, _COMPAT) per code point, built once.

    Planes 0-2 hold every combining mark and compatibility character but the variation
    selector supplement, which is dropped from keys anyway.
    """
    table = np.zeros(sys.maxunicode + 1, dtype=np.uint8)
    for cp in range(0x30000):
        ch = chr(cp)
        if unicodedata.category(ch)[0] == "M":
            if not _is_variation_selector(cp):
                table[cp] = _MARK
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch and any(unicodedata.category(c)[0] in "LNM" for c in folded):
            table[cp] = _COMPAT
    return table


# P*, S*, Z*, C* and the underscore; also combining marks, which only the slow path keeps.
_STRIP_RE = re.compile(r"[\W_]+")


@cache
def _strip_keep_marks() -> re.Pattern[str]:
    """Like _STRIP_RE but keeps combining marks, which carry meaning in Indic, Thai or
    Arabic text (variation selectors excepted: they only choose a glyph shape)."""
    table = _flags_table()
    marks = np.flatnonzero(table & _MARK)
    parts: list[str] = []
    run_start = prev = int(marks[0])
    for cp in [*map(int, marks[1:]), -2]:
        if cp == prev + 1:
            prev = cp
            continue
        parts.append(f"{re.escape(chr(run_start))}-{re.escape(chr(prev))}")
        run_start = prev = cp
    return re.compile(f"[^\\w{''.join(parts)}]+|_+")


def _nfkc_runs(text: str, flags: np.ndarray) -> str:
    """NFKC applied only to runs of compatibility characters (and the character before
    each run, which a half-width sound mark composes with); identical to NFKC of the
    whole text when it holds no combining marks, and many times faster on Chinese."""
    pos = np.flatnonzero(flags & _COMPAT)
    breaks = np.flatnonzero(np.diff(pos) != 1) + 1
    pieces: list[str] = []
    last = 0
    for run in np.split(pos, breaks):
        start = max(int(run[0]) - 1, last)
        stop = int(run[-1]) + 1
        pieces.append(text[last:start])
        pieces.append(unicodedata.normalize("NFKC", text[start:stop]))
        last = stop
    pieces.append(text[last:])
    return "".join(pieces)


def matching_key(text: str, *, to_simplified: bool = True) -> str:
    """Normal form of ``text`` for matching (not for storage).

    NFKC (folds full/half width and compatibility forms), lowercase, all whitespace,
    punctuation, symbols and control/format characters (categories P*, S*, Z*, C*) removed,
    then Traditional -> Simplified with OpenCC so both scripts of one text share a key.
    """
    if not text:
        return ""
    flags = _flags_table()[codepoints(text)]
    if (flags & _MARK).any():
        key = _strip_keep_marks().sub("", unicodedata.normalize("NFKC", text).lower())
    else:
        if (flags & _COMPAT).any():
            text = _nfkc_runs(text, flags)
        key = _STRIP_RE.sub("", text.lower())
    if to_simplified and not key.isascii():
        key = opencc_converter("t2s.json").convert(key)
    return key


def dedup_key(text: str) -> str:
    """Exact-duplicate key: xxh3_128 hex digest of :func:`matching_key`."""
    return xxhash.xxh3_128_hexdigest(matching_key(text).encode("utf-8"))
