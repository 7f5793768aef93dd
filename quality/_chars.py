"""Character tables shared by the quality modules (private).

Everything here is built once, lazily, from the Unicode database and Python's own codecs, so
no data file ships with the package. Per-document work then uses numpy lookups over code
points, which is what keeps signals and language detection fast on long documents.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

import numpy as np

# Han ideographs: URO, extension A, compatibility block, extensions B..I, plus 〇 and 々,
# which behave as Han characters in running text.
HAN_CLASS = (
    "\u3005\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002ebef\U00030000-\U000323af"
)
HAN_RE = re.compile(f"[{HAN_CLASS}]")

# Script ids used by the code point lookup table. 0 is "no script" (digits, punctuation,
# symbols, unassigned); whitespace has its own id so it can be skipped cheaply.
SCRIPTS: tuple[str, ...] = (
    "Zyyy", "Zs", "Hani", "Hira", "Kana", "Hang", "Bopo", "Latn", "Cyrl", "Grek", "Arab",
    "Hebr", "Deva", "Thai", "Armn", "Geor", "Ethi", "Beng", "Taml", "Telu", "Knda", "Mlym",
    "Gujr", "Guru", "Orya", "Sinh", "Laoo", "Tibt", "Mymr", "Khmr", "Mong",
)  # fmt: skip
SCRIPT_ID = {name: i for i, name in enumerate(SCRIPTS)}
# Scripts written without spaces between words: each character counts as a word.
UNSPACED_SCRIPTS = ("Hani", "Hira", "Kana", "Bopo", "Thai", "Laoo", "Khmr", "Mymr")

_SCRIPT_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "Hani": (
        (0x3005, 0x3005), (0x3007, 0x3007), (0x3021, 0x3029), (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2EBEF), (0x30000, 0x323AF),
    ),
    # U+30FB (katakana middle dot) is left out: Chinese uses it in transliterated names.
    "Hira": ((0x3041, 0x309F),),
    "Kana": ((0x30A1, 0x30FA), (0x30FC, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9D)),
    "Hang": ((0x1100, 0x11FF), (0x3131, 0x318E), (0xA960, 0xA97F), (0xAC00, 0xD7A3)),
    "Bopo": ((0x3105, 0x312F), (0x31A0, 0x31BF)),
    "Latn": (
        (0x41, 0x5A), (0x61, 0x7A), (0xAA, 0xAA), (0xBA, 0xBA), (0xC0, 0xD6), (0xD8, 0xF6),
        (0xF8, 0x24F), (0x1E00, 0x1EFF), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A),
    ),
    "Cyrl": ((0x400, 0x482), (0x48A, 0x52F)),
    "Grek": ((0x370, 0x373), (0x376, 0x377), (0x37B, 0x37D), (0x386, 0x3FF), (0x1F00, 0x1FFF)),
    "Arab": (
        (0x620, 0x64A), (0x66E, 0x6D3), (0x6FA, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF),
        (0xFB50, 0xFDFF), (0xFE70, 0xFEFC),
    ),
    "Hebr": ((0x5D0, 0x5F2),),
    "Deva": ((0x900, 0x963), (0x966, 0x97F)),
    "Thai": ((0xE01, 0xE3A), (0xE40, 0xE4E)),
    "Armn": ((0x531, 0x587),),
    "Geor": ((0x10A0, 0x10FF),),
    "Ethi": ((0x1200, 0x137C),),
    "Beng": ((0x980, 0x9FF),),
    "Taml": ((0xB80, 0xBFF),),
    "Telu": ((0xC00, 0xC7F),),
    "Knda": ((0xC80, 0xCFF),),
    "Mlym": ((0xD00, 0xD7F),),
    "Gujr": ((0xA80, 0xAFF),),
    "Guru": ((0xA00, 0xA7F),),
    "Orya": ((0xB00, 0xB7F),),
    "Sinh": ((0xD80, 0xDFF),),
    "Laoo": ((0xE80, 0xEFF),),
    "Tibt": ((0xF00, 0xFFF),),
    "Mymr": ((0x1000, 0x109F),),
    "Khmr": ((0x1780, 0x17FF),),
    "Mong": ((0x1800, 0x18AF),),
}  # fmt: skip

# Character-class bits of the second lookup table.
WS = 1  # whitespace
DIGIT = 2  # any Unicode decimal digit
PUNCT = 4  # Unicode category P*
SYMBOL = 8  # quality "symbol" characters: #, ellipsis, reference marks, dingbats, emoji
MOJI = 16  # U+FFFD, C1 controls: leftovers of a wrong decode
LETTER = 32  # Unicode category L* (Han included)

_MAX_CP = sys.maxunicode + 1

# Symbols counted by the symbol-ratio signal. Gopher counts "#" and the ellipsis; web spam
# and decorated listings add reference marks, stars, geometric shapes, arrows and emoji.
_SYMBOL_CHARS = "#…※★☆●○■□◆◇▲△▼▽►▶◀◁♥♡❤✔✓✘✗➤➜→←↑↓⇒⇐⇨✿❀☀☎☏✉✈♪♫☞☛√×§¤"
_SYMBOL_RANGES = (
    (0x2190, 0x21FF),  # arrows
    (0x2500, 0x25FF),  # box drawing, blocks, geometric shapes
    (0x2600, 0x27BF),  # miscellaneous symbols, dingbats
    (0x2B00, 0x2BFF),  # miscellaneous symbols and arrows
    (0x1F000, 0x1FAFF),  # mahjong/cards, emoji, pictographs
)


@cache
def script_table() -> np.ndarray:
    """uint8 script id for every code point."""
    table = np.zeros(_MAX_CP, dtype=np.uint8)
    for name, ranges in _SCRIPT_RANGES.items():
        sid = SCRIPT_ID[name]
        for lo, hi in ranges:
            table[lo : hi + 1] = sid
    for ch in " \t\n\r\f\v\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\u0085":
        table[ord(ch)] = SCRIPT_ID["Zs"]
    table[0x2000:0x200B] = SCRIPT_ID["Zs"]
    return table


@cache
def class_table() -> np.ndarray:
    """uint8 bit set (WS, DIGIT, PUNCT, SYMBOL, MOJI, LETTER) for every code point.

    Categories are read for the BMP and the first supplementary planes only (that is where
    letters, digits and punctuation of living scripts are); the Han extensions above are
    filled from ranges, which keeps the one-off build short.
    """
    bits = {"L": LETTER, "P": PUNCT, "Z": WS}
    low = bytes(
        DIGIT if cat == "Nd" else bits.get(cat[0], 0)
        for cat in map(unicodedata.category, map(chr, range(0x20000)))
    )
    table = np.zeros(_MAX_CP, dtype=np.uint8)
    table[:0x20000] = np.frombuffer(low, dtype=np.uint8)
    table[0x20000:0x2EBF0] = LETTER
    table[0x30000:0x323B0] = LETTER
    for ch in " \t\n\r\f\v\u0085\u200b\ufeff":
        table[ord(ch)] = WS
    for lo, hi in _SYMBOL_RANGES:
        table[lo : hi + 1] |= SYMBOL
    for ch in _SYMBOL_CHARS:
        table[ord(ch)] |= SYMBOL
    table[0xFFFD] |= MOJI
    table[0x80:0xA0] |= MOJI
    return table


def codepoints(text: str) -> np.ndarray:
    """Code points of ``text`` as a uint32 array (lone surrogates pass through)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def script_counts(cps: np.ndarray) -> np.ndarray:
    """Number of characters per script id (index into SCRIPTS)."""
    return np.bincount(script_table()[cps], minlength=len(SCRIPTS))


def han_ratio(counts: np.ndarray) -> float:
    """Han characters over all letters, Han included (from script_counts)."""
    letters = int(counts.sum() - counts[SCRIPT_ID["Zyyy"]] - counts[SCRIPT_ID["Zs"]])
    return int(counts[SCRIPT_ID["Hani"]]) / letters if letters else 0.0


def script_word_counts(cps: np.ndarray) -> np.ndarray:
    """Number of maximal same-script letter runs per script id (≈ words for alphabets)."""
    if cps.size == 0:
        return np.zeros(len(SCRIPTS), dtype=np.int64)
    ids = script_table()[cps]
    starts = np.empty(ids.size, dtype=bool)
    starts[0] = True
    np.not_equal(ids[1:], ids[:-1], out=starts[1:])
    return np.bincount(ids[starts], minlength=len(SCRIPTS))


@cache
def common_han_table() -> np.ndarray:
    """Boolean per code point: a frequently used Han character (see common_han_chars)."""
    table = np.zeros(_MAX_CP, dtype=bool)
    table[[ord(c) for c in common_han_chars()]] = True
    return table


@cache
def common_han_chars() -> frozenset[str]:
    """Frequently used Han characters: GB2312 level 1 plus Big5 common characters."""
    common: set[str] = set()
    for lead in range(0xB0, 0xD8):  # GB2312 level 1 (3755 characters)
        for trail in range(0xA1, 0xFF):
            try:
                common.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for lead in range(0xA4, 0xC7):  # Big5 frequently used characters (A440..C67E)
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                common.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(c for c in common if HAN_RE.match(c))
