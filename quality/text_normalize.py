"""Matching keys: one normal form of a text for exact dedup, MinHash shingles and rules.

The key is never stored as the document text; it only decides whether two texts are "the
same" regardless of full/half width, letter case, Traditional vs Simplified characters,
spacing and punctuation.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import threading
import unicodedata
from functools import cache
from pathlib import Path

import numpy as np
import opencc
import xxhash

from quality._chars import SCRIPT_ID, UNSPACED_SCRIPTS, codepoints, script_table

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


_ALNUM = 4  # str.isalnum(): what _STRIP_RE keeps


@cache
def _key_table() -> np.ndarray:
    """_flags_table plus the _ALNUM bit: one lookup serves the common case whole."""
    alnum = np.frombuffer(
        bytes(map(str.isalnum, map(chr, range(sys.maxunicode + 1)))), dtype=np.bool_
    )
    return _flags_table() | np.where(alnum, _ALNUM, 0).astype(np.uint8)


_SPACE = np.uint32(32)


def _kept(cps: np.ndarray, bits: np.ndarray, word_breaks: bool = False) -> str:
    keep = (bits & _ALNUM) != 0
    if not word_breaks:
        return cps[keep].tobytes().decode("utf-32-le")
    return _with_breaks(cps, np.flatnonzero(keep))


def _with_breaks(cps: np.ndarray, kept_at: np.ndarray) -> str:
    """The kept characters, with one space where something was removed between two
    characters of spaced scripts (so words stay apart; Han text gets no spaces)."""
    kept = cps[kept_at]
    if kept.size < 2:
        return kept.tobytes().decode("utf-32-le", "surrogatepass")
    spaced = _spaced_table()[kept]
    gap = np.diff(kept_at) > 1
    breaks = np.flatnonzero(gap & spaced[:-1] & spaced[1:]) + 1
    if breaks.size:
        kept = np.insert(kept, breaks, _SPACE)
    return kept.tobytes().decode("utf-32-le", "surrogatepass")


@cache
def _spaced_table() -> np.ndarray:
    """bool per code point: a character of a script that separates words with spaces
    (not Han, kana, Bopomofo, Thai, Lao, Khmer or Myanmar)."""
    scripts = script_table()
    unspaced = np.isin(scripts, [SCRIPT_ID[name] for name in UNSPACED_SCRIPTS])
    return ~unspaced


def _strip(lowered: str, word_breaks: bool = False) -> str:
    """_STRIP_RE.sub("", lowered) by table lookup: a regex scan costs ~5x more."""
    cps = codepoints(lowered)
    return _kept(cps, _key_table()[cps], word_breaks)


def _breaks_after_regex(stripped_with_spaces: str) -> str:
    """A key made by replacing removed runs with one space: spaces next to characters of
    unspaced scripts dropped, ends stripped (the rare path that keeps combining marks)."""
    cps = codepoints(stripped_with_spaces)
    return _with_breaks(cps, np.flatnonzero(cps != _SPACE))


_T2S_ALONE = 1  # t2s changes the character on its own
_T2S_IN_PHRASE = 2  # t2s changes it only inside some phrase of its dictionaries


@cache
def _t2s_triggers() -> tuple[np.ndarray, dict[str, frozenset[str]]] | None:
    """What can make OpenCC t2s change a text, read from the installed dictionaries.

    Returns (per code point: _T2S_ALONE / _T2S_IN_PHRASE flags, for each _T2S_IN_PHRASE
    character the two-character strings it forms with its neighbours in those phrases), or
    None when the dictionaries cannot be read (then every key is converted). A text holding
    no _T2S_ALONE character and none of those pairs comes out of t2s unchanged: every
    dictionary entry that changes something holds one of them. Most Simplified keys qualify,
    and t2s costs about as much as the rest of the key.
    """
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    try:
        config = json.loads((share / "t2s.json").read_text(encoding="utf-8"))
        files = re.findall(r'"file":\s*"([^"]+)"', json.dumps(config))
        entries: list[tuple[str, str]] = []
        with tempfile.TemporaryDirectory() as tmp:
            for name in files:
                out = Path(tmp) / "dict.txt"
                subprocess.run(
                    [str(tool), "-i", str(share / name), "-o", str(out), "-f", "ocd2",
                     "-t", "text"],
                    check=True, capture_output=True, timeout=30,
                )  # fmt: skip
                lines = out.read_text(encoding="utf-8").splitlines()
                if not lines or any(line.count("\t") != 1 for line in lines):
                    return None
                entries += [(k, v.split(" ")[0]) for k, v in (line.split("\t") for line in lines)]
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    flags = np.zeros(sys.maxunicode + 1, dtype=np.uint8)
    for key, value in entries:
        if len(key) == 1 and value != key:
            flags[ord(key)] |= _T2S_ALONE
    pairs: dict[str, set[str]] = {}
    for key, value in entries:
        if len(key) < 2 or value == key:
            continue
        changed = (
            [i for i, (a, b) in enumerate(zip(key, value, strict=True)) if a != b]
            if len(key) == len(value)
            else range(len(key))
        )
        for i in changed:
            if not flags[ord(key[i])] & _T2S_ALONE:
                flags[ord(key[i])] |= _T2S_IN_PHRASE
                near = pairs.setdefault(key[i], set())
                near.update(key[j : j + 2] for j in (i - 1, i) if 0 <= j < len(key) - 1)
    return flags, {ch: frozenset(near) for ch, near in pairs.items()}


def _t2s_may_change(key: str, cps: np.ndarray) -> bool:
    """False only when OpenCC t2s surely leaves ``key`` (code points ``cps``) unchanged."""
    triggers = _t2s_triggers()
    if triggers is None:
        return True
    flags, pairs = triggers
    hits = flags[cps]
    if np.count_nonzero(hits & _T2S_ALONE):
        return True
    for i in (hits & _T2S_IN_PHRASE).nonzero()[0].tolist():
        near = pairs[key[i]]
        if key[max(0, i - 1) : i + 1] in near or key[i : i + 2] in near:
            return True
    return False


def matching_key(text: str, *, to_simplified: bool = True, word_breaks: bool = False) -> str:
    """Normal form of ``text`` for matching (not for storage).

    NFKC (folds full/half width and compatibility forms), lowercase, all whitespace,
    punctuation, symbols and control/format characters (categories P*, S*, Z*, C*) removed,
    then Traditional -> Simplified with OpenCC so both scripts of one text share a key.

    ``word_breaks=True`` keeps one space wherever something was removed between two
    characters of scripts that separate words with spaces ("hello, world" -> "hello world",
    "你好，世界" -> "你好世界"), for word shingles; removing those spaces gives exactly the
    key without them.
    """
    if not text:
        return ""
    cps = codepoints(text)
    bits = _key_table()[cps]
    if not np.count_nonzero(bits & (_MARK | _COMPAT)):
        lowered = text.lower()
        key = _kept(cps, bits, word_breaks) if lowered == text else _strip(lowered, word_breaks)
    elif np.count_nonzero(bits & _MARK):
        folded = unicodedata.normalize("NFKC", text).lower()
        if word_breaks:
            key = _breaks_after_regex(_strip_keep_marks().sub(" ", folded))
        else:
            key = _strip_keep_marks().sub("", folded)
    else:
        key = _strip(_nfkc_runs(text, bits & (_MARK | _COMPAT)).lower(), word_breaks)
    if to_simplified and not key.isascii() and _t2s_may_change(key, codepoints(key)):
        key = opencc_converter("t2s.json").convert(key)
    return key


def key_digest(key: str) -> str:
    """dedup_key from a matching key already made: a caller that needs both (MinHash
    shingles and the exact-duplicate key) normalises the text once."""
    return xxhash.xxh3_128_hexdigest(key.encode("utf-8"))


def dedup_key(text: str) -> str:
    """Exact-duplicate key: xxh3_128 hex digest of :func:`matching_key`."""
    return key_digest(matching_key(text))
