"""Compiled per-document loops of the quality signals (private; numba, cached on disk).

A 1-3 KB document costs a numpy call about as much as the work inside it, and the signals
need dozens of them; one compiled pass over the code points does the same work in a few
microseconds. Each function takes plain arrays and returns plain numbers or arrays, so
``signals.py`` keeps the definitions readable and the tests compare these loops against
plain-Python references.

Grouping equal values (n-grams, phrases, characters) uses an open-addressing hash table
keyed by 64-bit hashes: two different n-grams merging needs a 64-bit collision.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying mixes low bits into the high ones
_BASE = np.uint64(0x100000001B3)  # odd polynomial base for sequences of token hashes
_EMPTY = np.int64(-1)


@njit(cache=True, nogil=True)
def _mix(x: np.uint64) -> np.uint64:
    """splitmix64 finaliser: spreads structured values (code points) over all 64 bits."""
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


@njit(cache=True, nogil=True)
def _word_key(word_hash: np.uint64, length: int) -> np.uint64:
    """Key of a word token; bit 62 keeps it apart from the keys of one-character tokens."""
    return _mix(word_hash * _BASE + np.uint64(length) + np.uint64(1 << 62))


@njit(cache=True, nogil=True)
def group_ids(keys: np.ndarray) -> tuple[np.ndarray, int]:
    """Group id of every key, ids numbered in order of first appearance."""
    k = keys.size
    bits = 4
    while (1 << bits) < 2 * k:
        bits += 1
    mask = (1 << bits) - 1
    shift = np.uint64(64 - bits)
    slot_key = np.empty(1 << bits, dtype=np.uint64)
    slot_gid = np.full(1 << bits, _EMPTY, dtype=np.int64)
    gid = np.empty(k, dtype=np.int64)
    groups = 0
    for i in range(k):
        h = keys[i]
        s = np.int64((h * _MIX) >> shift)
        while True:
            g = slot_gid[s]
            if g == _EMPTY:
                slot_gid[s] = groups
                slot_key[s] = h
                gid[i] = groups
                groups += 1
                break
            if slot_key[s] == h:
                gid[i] = g
                break
            s = (s + 1) & mask
    return gid, groups


@njit(cache=True, nogil=True)
def bit_counts(cps: np.ndarray, table: np.ndarray, n_bits: int) -> np.ndarray:
    """Number of characters carrying each of the lowest ``n_bits`` bits of ``table[cp]``."""
    hist = np.zeros(1 << n_bits, dtype=np.int64)
    mask = (1 << n_bits) - 1
    for i in range(cps.size):
        hist[table[cps[i]] & mask] += 1
    out = np.zeros(n_bits, dtype=np.int64)
    for v in range(1, 1 << n_bits):
        if hist[v]:
            for b in range(n_bits):
                if (v >> b) & 1:
                    out[b] += hist[v]
    return out


@njit(cache=True, nogil=True)
def tokens(
    cps: np.ndarray, token_class: np.ndarray, char_class: int, word_class: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """(token hashes, token lengths, one-character tokens) of a lower-cased text.

    Characters of ``char_class`` are one token each; runs of ``word_class`` characters form
    one token; everything else separates tokens. Equal tokens get equal hashes.
    """
    n = cps.size
    hashes = np.empty(n, dtype=np.uint64)
    lengths = np.empty(n, dtype=np.int64)
    count = 0
    singles = 0
    word_hash = np.uint64(0)
    word_len = 0
    for i in range(n):
        cp = cps[i]
        cls = token_class[cp]
        if cls == word_class:
            word_hash = word_hash * _BASE + np.uint64(cp)
            word_len += 1
            continue
        if word_len:
            hashes[count] = _word_key(word_hash, word_len)
            lengths[count] = word_len
            count += 1
            word_hash = np.uint64(0)
            word_len = 0
        if cls == char_class:
            hashes[count] = _mix(np.uint64(cp))
            lengths[count] = 1
            count += 1
            singles += 1
    if word_len:
        hashes[count] = _word_key(word_hash, word_len)
        lengths[count] = word_len
        count += 1
    return hashes[:count], lengths[:count], singles


@njit(cache=True, nogil=True)
def ngram_fractions(
    hashes: np.ndarray, lengths: np.ndarray, scale: int, last_top: int, last_dup: int
) -> np.ndarray:
    """Gopher's n-gram repetition for sizes 2..last_dup; an n-gram spans n * scale tokens.

    out[size - 2] is top_ngram_frac for sizes up to ``last_top`` (characters of the most
    frequent n-gram times its count, over all token characters; ties go to the n-gram with
    more characters) and dup_ngram_frac above it (characters covered by occurrences of an
    n-gram after its first). A window can only repeat where the shorter window at the same
    start repeats, so each size looks only at the starts that repeated at the size before.
    """
    out = np.zeros(last_dup - 1, dtype=np.float64)
    count = hashes.size
    char_sums = np.zeros(count + 1, dtype=np.int64)
    for i in range(count):
        char_sums[i + 1] = char_sums[i] + lengths[i]
    total = char_sums[count]
    if total == 0:
        return out
    window = np.zeros(count, dtype=np.uint64)  # hash of the current window at each start
    starts = np.arange(count)
    done = 0  # tokens already in each window
    for size in range(2, last_dup + 1):
        n = size * scale
        keep = 0
        for i in range(starts.size):
            if starts[i] + n <= count:
                starts[keep] = starts[i]
                keep += 1
        starts = starts[:keep]
        if keep < 2:
            break
        keys = np.empty(keep, dtype=np.uint64)
        for i in range(keep):
            p = starts[i]
            h = window[p]
            for t in range(done, n):
                h = h * _BASE + hashes[p + t]
            window[p] = h
            keys[i] = h
        done = n
        gid, groups = group_ids(keys)
        members = np.zeros(groups, dtype=np.int64)
        first = np.empty(groups, dtype=np.int64)
        for i in range(keep):
            g = gid[i]
            if members[g] == 0:
                first[g] = starts[i]
            members[g] += 1
        if size <= last_top:
            best_count = 0
            best_chars = 0
            for g in range(groups):
                c = members[g]
                if c > 1:
                    chars = char_sums[first[g] + n] - char_sums[first[g]]
                    if c > best_count or (c == best_count and chars > best_chars):
                        best_count = c
                        best_chars = chars
            out[size - 2] = min(1.0, best_count * best_chars / total)
        else:
            covered = 0
            reach = 0  # end of the covered stretch so far (starts are ascending)
            for i in range(keep):
                p = starts[i]
                if members[gid[i]] > 1 and first[gid[i]] != p:
                    lo = max(p, reach)
                    hi = p + n
                    if hi > lo:
                        covered += char_sums[hi] - char_sums[lo]
                        reach = hi
            out[size - 2] = covered / total
        repeated = 0
        for i in range(keep):
            if members[gid[i]] > 1:
                starts[repeated] = starts[i]
                repeated += 1
        if repeated == 0:
            break
        starts = starts[:repeated]
    return out


@njit(cache=True, nogil=True)
def entropy(cps: np.ndarray, table: np.ndarray, skip_bit: int, scratch: np.ndarray) -> float:
    """Shannon entropy (bits) of the characters whose ``table`` bits lack ``skip_bit``.

    ``scratch`` is a zeroed int32 array with one slot per code point, used for counting and
    left zeroed again (one per thread: see ``signals._scratch``).
    """
    kept = 0
    distinct = np.empty(cps.size, dtype=np.uint32)
    n_distinct = 0
    for i in range(cps.size):
        cp = cps[i]
        if not table[cp] & skip_bit:
            if scratch[cp] == 0:
                distinct[n_distinct] = cp
                n_distinct += 1
            scratch[cp] += 1
            kept += 1
    acc = 0.0
    for j in range(n_distinct):
        c = scratch[distinct[j]]
        acc += c * np.log2(c)
        scratch[distinct[j]] = 0
    if kept == 0:
        return 0.0
    return max(0.0, np.log2(kept) - acc / kept)


@njit(cache=True, nogil=True)
def repeated_phrases(
    cps: np.ndarray,
    table: np.ndarray,
    sep_bit: int,
    han_bit: int,
    min_len: int,
    max_len: int,
    short_len: int,
    short_repeats: int,
    long_repeats: int,
) -> np.ndarray:
    """(start, end, count) rows, one per distinct phrase repeated often enough.

    Phrases are the pieces between separators (characters with ``sep_bit``, runs of two or
    more spaces, and single spaces between two ``han_bit`` characters) of min_len..max_len
    characters. A phrase counts if it occurs ``short_repeats`` times (up to short_len
    characters) or ``long_repeats`` times (longer ones). Rows are in order of first
    occurrence.
    """
    n = cps.size
    sep = np.zeros(n + 1, dtype=np.bool_)
    sep[n] = True
    for i in range(n):
        cp = cps[i]
        if table[cp] & sep_bit:
            sep[i] = True
        elif cp == 32:
            prev = cps[i - 1] if i > 0 else 0
            after = cps[i + 1] if i + 1 < n else 0
            # a run of spaces, or one space between two Han characters
            sep[i] = (
                prev == 32
                or after == 32
                or (i > 0 and i + 1 < n and table[prev] & han_bit and table[after] & han_bit)
            )
    starts = np.empty(n // 2 + 1, dtype=np.int64)
    ends = np.empty(n // 2 + 1, dtype=np.int64)
    keys = np.empty(n // 2 + 1, dtype=np.uint64)
    count = 0
    begin = 0
    h = np.uint64(0)
    for i in range(n + 1):
        if sep[i]:
            size = i - begin
            if min_len <= size <= max_len:
                starts[count] = begin
                ends[count] = i
                keys[count] = _mix(h + np.uint64(size))
                count += 1
            begin = i + 1
            h = np.uint64(0)
        else:
            h = h * _BASE + np.uint64(cps[i])
    gid, groups = group_ids(keys[:count])
    members = np.zeros(groups, dtype=np.int64)
    for i in range(count):
        members[gid[i]] += 1
    rows = np.empty((groups, 3), dtype=np.int64)
    found = 0
    seen = np.zeros(groups, dtype=np.bool_)
    for i in range(count):
        g = gid[i]
        if seen[g]:
            continue
        seen[g] = True
        size = ends[i] - starts[i]
        if members[g] >= (short_repeats if size <= short_len else long_repeats):
            rows[found, 0] = starts[i]
            rows[found, 1] = ends[i]
            rows[found, 2] = members[g]
            found += 1
    return rows[:found]


@njit(cache=True, nogil=True)
def document_numbers(
    cps: np.ndarray,
    sample_size: int,
    lowered: np.ndarray,
    table: np.ndarray,
    n_bits: int,
    ws_bit: int,
    sep_bit: int,
    han_bit: int,
    token_class: np.ndarray,
    char_class: int,
    word_class: int,
    han_scale: int,
    last_top: int,
    last_dup: int,
    phrase_limits: np.ndarray,
    scratch: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, float, np.ndarray]:
    """Everything ``compute_signals`` needs from the code points, in one compiled call.

    ``cps`` is the whole text, ``lowered`` the lower-cased first ``sample_size`` characters;
    one call instead of five saves the fixed cost of each. Returns (bit counts, n-gram
    fractions, entropy of the sample, repeated phrases of the sample). The n-gram scale is
    ``han_scale`` when Han/kana tokens are at least half of the tokens (see
    signals.HAN_NGRAM_SCALE).
    """
    counts = bit_counts(cps, table, n_bits)
    hashes, lengths, singles = tokens(lowered, token_class, char_class, word_class)
    scale = han_scale if singles and singles * 2 >= hashes.size else 1
    fractions = ngram_fractions(hashes, lengths, scale, last_top, last_dup)
    ent = entropy(cps[:sample_size], table, ws_bit, scratch)
    phrases = repeated_phrases(
        lowered, table, sep_bit, han_bit, phrase_limits[0], phrase_limits[1],
        phrase_limits[2], phrase_limits[3], phrase_limits[4],
    )  # fmt: skip
    return counts, fractions, ent, phrases


@njit(cache=True, nogil=True)
def script_runs(
    cps: np.ndarray, scripts: np.ndarray, n_scripts: int, variants: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(characters per script, same-script runs per script, characters per Han variant).

    A run of characters of one script approximates a word of an alphabetic script.
    ``variants`` maps a code point to 0 (shared), 1 (Traditional only) or 2 (Simplified only).
    """
    chars = np.zeros(n_scripts, dtype=np.int64)
    runs = np.zeros(n_scripts, dtype=np.int64)
    variant = np.zeros(3, dtype=np.int64)
    previous = -1
    for i in range(cps.size):
        cp = cps[i]
        sid = np.int64(scripts[cp])
        chars[sid] += 1
        if sid != previous:
            runs[sid] += 1
            previous = sid
        variant[variants[cp]] += 1
    return chars, runs, variant


@njit(cache=True, nogil=True)
def _is_table_edge(cp: int) -> bool:
    # | + and the box-drawing verticals │ ┃ ║
    return cp == 124 or cp == 43 or cp == 0x2502 or cp == 0x2503 or cp == 0x2551


@njit(cache=True, nogil=True)
def line_stats(
    cps: np.ndarray, table: np.ndarray, space_bit: int, end_bit: int, bullet_bit: int,
    short_chars: int, no_letter_bits: int, sentence_bit: int, sentence_letters: int,
    sentence_copies: int,
) -> np.ndarray:  # fmt: skip
    """Counts over the non-blank lines of a text, each stripped of ``space_bit`` characters.

    Returns [lines, text lines ending in an ``end_bit`` character, bullet lines (first
    character with ``bullet_bit``, or "-", "*" or "+" then a space), lines shorter than
    ``short_chars``, characters of lines repeating an earlier line, characters of all
    lines, text lines, sentences, extra copies of repeated sentences]. Repeats count only
    lines with a letter (a character without any of ``no_letter_bits``): a table rule or a
    row of dashes repeats by design. Text lines are lines with a letter that are not table
    rows (first and last character | or +, or box-drawing verticals).

    A sentence is a run inside one line ending in a ``sentence_bit`` character with at
    least ``sentence_letters`` letters, compared without its spaces. Extra copies are
    counted for sentences that occur ``sentence_copies`` times or more (all copies but one).
    """
    n = cps.size
    sizes = np.empty(n // 2 + 2, dtype=np.int64)
    keys = np.empty(n // 2 + 2, dtype=np.uint64)
    sentence_keys = np.empty(n // (sentence_letters + 1) + 2, dtype=np.uint64)
    sentences = 0
    out = np.zeros(9, dtype=np.int64)
    lines = 0
    begin = 0
    for i in range(n + 1):
        if i < n and cps[i] != 10:
            continue
        s, e = begin, i
        begin = i + 1
        while s < e and table[cps[s]] & space_bit:
            s += 1
        while e > s and table[cps[e - 1]] & space_bit:
            e -= 1
        if e == s:
            continue
        first = cps[s]
        last = cps[e - 1]
        if table[first] & bullet_bit or (
            (first == 45 or first == 42 or first == 43)
            and s + 1 < e
            and table[cps[s + 1]] & space_bit
        ):
            out[2] += 1
        if e - s < short_chars:
            out[3] += 1
        h = np.uint64(0)
        letters = False
        sh = np.uint64(0)
        sentence_size = 0
        sentence_letter_count = 0
        for j in range(s, e):
            cp = cps[j]
            bits = table[cp]
            h = h * _BASE + np.uint64(cp)
            is_letter = not bits & no_letter_bits
            letters = letters or is_letter
            if bits & space_bit:
                continue
            sh = sh * _BASE + np.uint64(cp)
            sentence_size += 1
            sentence_letter_count += is_letter
            if bits & sentence_bit:
                if sentence_letter_count >= sentence_letters:
                    sentence_keys[sentences] = _mix(sh + np.uint64(sentence_size))
                    sentences += 1
                sh = np.uint64(0)
                sentence_size = 0
                sentence_letter_count = 0
        out[0] += 1
        if not letters:
            continue
        if not (_is_table_edge(first) and _is_table_edge(last)):
            out[6] += 1
            if table[last] & end_bit:
                out[1] += 1
        sizes[lines] = e - s
        keys[lines] = _mix(h + np.uint64(e - s))
        lines += 1
    gid, groups = group_ids(keys[:lines])
    seen = np.zeros(groups, dtype=np.bool_)
    for i in range(lines):
        out[5] += sizes[i]
        if seen[gid[i]]:
            out[4] += sizes[i]
        seen[gid[i]] = True
    out[7] = sentences
    gid, groups = group_ids(sentence_keys[:sentences])
    copies = np.zeros(groups, dtype=np.int64)
    for i in range(sentences):
        copies[gid[i]] += 1
    for g in range(groups):
        if copies[g] >= sentence_copies:
            out[8] += copies[g] - 1
    return out
