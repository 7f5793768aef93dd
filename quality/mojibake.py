"""Mojibake repair: UTF-8 read as Latin-1/cp1252 (via ftfy) and UTF-8 read as GBK.

Both repairs are gated by cheap pre-checks, because ftfy runs at a few MB/s and nearly every
document is clean.
"""

from __future__ import annotations

import re
from itertools import pairwise

import ftfy
import numpy as np
from ftfy.badness import is_bad
from ftfy.chardata import ALTERED_UTF8_RE

from quality._chars import (
    SCRIPT_ID,
    codepoints,
    common_han_chars,
    common_han_table,
    script_table,
)

# ftfy with only its encoding repairs: by default it would also turn full-width punctuation
# into ASCII, straighten curly quotes, unescape HTML and NFC-normalise, all of which change
# good Chinese text.
_FTFY_OPTIONS = {
    "unescape_html": False,
    "remove_terminal_escapes": False,
    "fix_latin_ligatures": False,
    "fix_character_width": False,
    "uncurl_quotes": False,
    "fix_line_breaks": False,
    "remove_control_chars": False,
    "normalization": None,
    "explain": False,
}

# A lead byte of a multi-byte UTF-8 sequence read as Latin-1/cp1252 (Â..ô) followed by a
# continuation byte read the same way (C1 controls, Latin-1 punctuation, cp1252 specials).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
LATIN1_MOJIBAKE_RE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]")

# GBK repair: a line qualifies when most of its Han characters are rare (UTF-8 read as GBK
# yields characters from GBK's rare rows and extensions), and it is changed only when the
# repaired line is clearly better Chinese.
_GBK_MIN_HAN = 4
GBK_MIN_UNCOMMON = _GBK_MIN_HAN // 2  # fewer uncommon Han characters: nothing to repair
_GBK_MIN_UNCOMMON_SHARE = 0.4
_GBK_MIN_COMMON_AFTER = 0.8
_GBK_MIN_COMMON_GAIN = 0.3
# Text decoded with errors="replace" has lost bytes for good; a repair that restores most
# characters and marks the rest with U+FFFD still beats rare-character gibberish that
# downstream filters would take for Chinese.
_GBK_MAX_LOST_SHARE = 0.5
_NEW_REPLACEMENTS_RE = re.compile("\ufffd{2,}")

# A GBK decode with errors="replace" leaves one U+FFFD per byte it could not map. Inside
# UTF-8 text that byte is 0x80 (never a GBK lead), a lead of GBK's user-defined areas
# (A1..A7 before a low trail, AA..AF before a high one), or any byte before an invalid trail.
# The one candidate that yields a plausible character wins; when none or several do, the
# character becomes U+FFFD rather than a silent wrong guess.
_ANY_CONTINUATION = tuple(range(0x80, 0xC0))
_LOST_BEFORE_LOW_TRAIL = (0x80, *range(0xA1, 0xA8))
_LOST_BEFORE_HIGH_TRAIL = (0x80, *range(0xAA, 0xB0))
_PLAUSIBLE_NON_HAN = re.compile("[\u2010-\u2027\u3000-\u303f\uff01-\uff5e]")


def _uncommon_share(text: str) -> tuple[float, int]:
    """Share of Han characters outside the common GB2312/Big5 sets, and the Han count."""
    cps = codepoints(text)
    han = script_table()[cps] == SCRIPT_ID["Hani"]
    n_han = int(han.sum())
    if not n_han:
        return 0.0, 0
    return int((han & ~common_han_table()[cps]).sum()) / n_han, n_han


def _plausible(ch: str) -> bool:
    return ch in common_han_chars() or bool(_PLAUSIBLE_NON_HAN.match(ch))


def _char_at(raw: bytearray, pos: int) -> str | None:
    """The UTF-8 character covering byte ``pos`` of ``raw``, or None if invalid there."""
    start = pos
    while start > 0 and pos - start < 3 and raw[start] & 0xC0 == 0x80:
        start -= 1
    lead = raw[start]
    size = 3 if lead >> 4 == 0xE else 2 if lead >> 5 == 0x6 else 4 if lead >> 3 == 0x1E else 1
    if start + size <= pos:
        return None
    try:
        return bytes(raw[start : start + size]).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _lost_byte_candidates(next_byte: int | None) -> tuple[int, ...]:
    """Bytes a GBK decoder could have dropped just before ``next_byte``."""
    if next_byte is None or next_byte < 0x40 or next_byte in (0x7F, 0xFF):
        return _ANY_CONTINUATION  # any lead fails before an invalid trail byte
    if next_byte <= 0xA0:
        return _LOST_BEFORE_LOW_TRAIL
    return _LOST_BEFORE_HIGH_TRAIL


def _regbk(line: str, codec: str) -> str | None:
    """Re-encode a GBK-misread line and decode it as UTF-8, restoring lost bytes."""
    try:
        parts = [part.encode(codec) for part in line.split("\ufffd")]
    except UnicodeEncodeError:
        return None
    raw = bytearray(b"\x80".join(parts))
    pos = -1
    for part, following in pairwise(parts):
        pos += len(part) + 1
        next_byte = following[0] if following else None
        plausible = []
        for cand in _lost_byte_candidates(next_byte):
            raw[pos] = cand
            ch = _char_at(raw, pos)
            if ch is not None and _plausible(ch):
                plausible.append(cand)
        raw[pos] = plausible[0] if len(plausible) == 1 else 0xFF
    # An unrecoverable character decodes to a run of U+FFFD, one per byte: keep one.
    return _NEW_REPLACEMENTS_RE.sub("\ufffd", bytes(raw).decode("utf-8", errors="replace"))


def _repair_gbk_line(line: str) -> str | None:
    """The line with its UTF-8-read-as-GBK mojibake undone, or None if that is no gain."""
    uncommon, han = _uncommon_share(line)
    if han < _GBK_MIN_HAN or uncommon < _GBK_MIN_UNCOMMON_SHARE:
        return None
    before = 1.0 - uncommon
    best: str | None = None
    best_common = before
    for codec in ("gbk", "gb18030"):
        fixed = _regbk(line, codec)
        if fixed is None:
            continue
        fixed_uncommon, fixed_han = _uncommon_share(fixed)
        after = 1.0 - fixed_uncommon
        lost = fixed.count("\ufffd") - line.count("\ufffd")
        if (
            fixed_han
            and after >= _GBK_MIN_COMMON_AFTER
            and after - before >= _GBK_MIN_COMMON_GAIN
            and lost <= _GBK_MAX_LOST_SHARE * fixed_han
            and after > best_common
        ):
            best, best_common = fixed, after
    return best


def fix_gbk_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8 bytes decoded as GBK/GB18030, line by line; returns (text, lines fixed)."""
    cps = codepoints(text)
    uncommon = np.flatnonzero(
        (script_table()[cps] == SCRIPT_ID["Hani"]) & ~common_han_table()[cps]
    )
    if uncommon.size < GBK_MIN_UNCOMMON:
        return text, 0
    # Only lines holding a few rare characters can be mojibake; clean text has almost none.
    line_of = np.searchsorted(np.flatnonzero(cps == 0x0A), uncommon)
    per_line = np.bincount(line_of)
    candidates = np.flatnonzero(per_line >= GBK_MIN_UNCOMMON)
    if not candidates.size:
        return text, 0
    lines = text.split("\n")
    fixed = 0
    for i in map(int, candidates):
        repaired = _repair_gbk_line(lines[i])
        if repaired is not None:
            lines[i] = repaired
            fixed += 1
    return ("\n".join(lines), fixed) if fixed else (text, 0)


_C1_OR_SURROGATE_RE = re.compile("[\x80-\x9f\ud800-\udfff]")  # ftfy's later fixers act on these
_FTFY_MAX_SEGMENT = 1_000_000  # ftfy's max_decode_length
# Every pattern of ftfy's badness regex needs one of these characters (its character
# classes hold Latin, Greek, Cyrillic, punctuation, symbols and box drawing, all below
# U+3000, plus four specials) and matches at most 7 characters.
_BADNESS_TRIGGER_RE = re.compile("[\x80-\u2fff\uf8ff\ufb01\ufb02\ufffd]")
_BADNESS_REACH = 8


def _is_bad(segment: str) -> bool:
    """``ftfy.badness.is_bad(segment)``, run only on the stretches around trigger characters.

    The badness regex costs ~150 ns per character; Chinese text has few triggers. A window
    cut mid-line can only add ``^`` matches, never lose one: errs towards True, which sends
    the text to ftfy itself.
    """
    start = end = 0
    for m in _BADNESS_TRIGGER_RE.finditer(segment):
        lo, hi = max(0, m.start() - _BADNESS_REACH), m.end() + _BADNESS_REACH
        if lo <= end and end:
            end = hi
            continue
        if end and is_bad(segment[start:end]):
            return True
        start, end = lo, hi
    return bool(end) and is_bad(segment[start:end])


def _ftfy_latin1_lines(text: str) -> str | None:
    """What ``ftfy.fix_text(text, **_FTFY_OPTIONS)`` returns, when that is easy to know.

    ftfy fixes each line on its own. A line that ftfy's badness check flags and that is
    UTF-8 read as Latin-1 (the usual mojibake) gets exactly that one step undone, and a line
    that is not flagged is left alone, provided neither holds the C1 controls or surrogates
    that ftfy's later fixers would touch. This is ftfy's own decision procedure for such
    lines, minus its slow general machinery; any other line returns None (use ftfy).
    """
    if len(text) > _FTFY_MAX_SEGMENT:
        return None
    lines = text.split("\n")
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        segment = line if i == last else line + "\n"  # ftfy's segments keep their "\n"
        if _C1_OR_SURROGATE_RE.search(line) is None and not _is_bad(segment):
            continue  # ftfy leaves it
        try:
            raw = line.encode("latin-1")
            if ALTERED_UTF8_RE.search(raw) or 0xED in raw or 0xC0 in raw:
                return None  # ftfy would patch the bytes or use a UTF-8 variant
            fixed = raw.decode("utf-8")
        except UnicodeError:
            return None
        if not is_bad(segment) or _C1_OR_SURROGATE_RE.search(fixed):
            return None
        if not fixed.isascii() and _is_bad(fixed if i == last else fixed + "\n"):
            return None  # mojibake twice over
        lines[i] = fixed
    return "\n".join(lines)


def fix_latin1_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8 decoded as Latin-1/cp1252 with ftfy; returns (text, lines changed)."""
    if not LATIN1_MOJIBAKE_RE.search(text) and "\ufffd" not in text:
        return text, 0
    fixed = _ftfy_latin1_lines(text)
    if fixed is None:
        fixed = ftfy.fix_text(text, **_FTFY_OPTIONS)
    if fixed == text:
        return text, 0
    old_lines, new_lines = text.split("\n"), fixed.split("\n")
    if len(old_lines) != len(new_lines):
        return fixed, 1
    return fixed, sum(a != b for a, b in zip(old_lines, new_lines, strict=True))


def fix_mojibake(text: str) -> tuple[str, int]:
    """Both repairs in turn; returns (text, number of lines repaired)."""
    text, latin = fix_latin1_mojibake(text)
    text, gbk = fix_gbk_mojibake(text)
    return text, latin + gbk
