"""Compiled signature loop of scheme ``hqdata-oph-v2`` (see ``minhash.py`` for the scheme).

One pass over the code points of all keys: tokens, token n-gram shingles, one 64-bit hash
per shingle, the minimum per bin, then densification of the bins a short key left empty.
"""

from __future__ import annotations

import numpy as np
from numba import njit

MAX_HASH = np.uint64(0xFFFFFFFF)
_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd: the polynomial over token hashes
_C1 = np.uint64(0xFF51AFD7ED558CCD)
_C2 = np.uint64(0xC4CEB9FE1A85EC53)
_DENSE_STEP = np.uint64(0xD6E8FEB86659FD93)  # odd: spreads (bin, attempt) before mixing

WORD = 0  # part of a word: consecutive word characters are one token
CHAR = 1  # a token on its own (Han, kana, Thai ...: scripts written without spaces)
SPACE = 2  # ends a word, is no token


@njit(cache=True, nogil=True, inline="always")
def fmix64(h: np.uint64) -> np.uint64:
    """MurmurHash3's 64-bit finaliser: every input bit affects every output bit."""
    h ^= h >> np.uint64(33)
    h *= _C1
    h ^= h >> np.uint64(33)
    h *= _C2
    h ^= h >> np.uint64(33)
    return h


@njit(cache=True, nogil=True, inline="always")
def _bin_of(h: np.uint64, bins: np.uint64) -> np.int64:
    # the high 32 bits scaled to [0, bins): no modulo bias worth the name, no division
    return np.int64(((h >> np.uint64(32)) * bins) >> np.uint64(32))


@njit(cache=True, nogil=True)
def _add(h: np.uint64, seed: np.uint64, bins: np.uint64, row: np.ndarray) -> None:
    x = fmix64(h ^ seed)
    b = _bin_of(x, bins)
    v = x & MAX_HASH
    if v == MAX_HASH:
        v = MAX_HASH - np.uint64(1)  # all-MAX marks an empty key
    if v < row[b]:
        row[b] = v


@njit(cache=True, nogil=True)
def _densify(row: np.ndarray, filled: np.ndarray, dense_seed: np.uint64) -> None:
    """Fill each empty bin from the first filled bin of its own fixed probe sequence.

    The sequence depends only on the bin and the seed, never on the document, so two keys
    with the same filled bins copy from the same places (optimal densification).
    """
    bins = np.uint64(row.size)
    for i in range(row.size):
        if filled[i]:
            continue
        attempt = np.uint64(0)
        while True:
            probe = fmix64(dense_seed ^ (np.uint64(i) * _DENSE_STEP + attempt))
            j = _bin_of(probe, bins)
            if filled[j]:
                row[i] = row[j]
                break
            attempt += np.uint64(1)


@njit(cache=True, nogil=True)
def _shingles(
    cps: np.ndarray, start: int, end: int, classes: np.ndarray, ngram: int,
    ring: np.ndarray, out: np.ndarray,
) -> int:  # fmt: skip
    """Polynomial hashes of the shingles of ``cps[start:end]`` into ``out``; their number.

    A shingle is ``ngram`` consecutive tokens; a key with fewer tokens is one shingle of all
    of them; a key without tokens has none. ``out`` needs room for ``end - start`` values
    (a key has at most one token, so one shingle, per character).
    """
    count = 0  # tokens so far
    slot = 0  # where the next token goes in the ring
    found = 0
    word = np.uint64(0)
    in_word = False
    for i in range(start, end + 1):
        if i < end:
            cp = cps[i]
            cls = classes[cp]
        else:
            cp = np.uint32(0)
            cls = SPACE  # the end of the key ends the last word
        if cls == WORD:
            word = word * _BASE + np.uint64(cp) + np.uint64(1)
            in_word = True
            continue
        for part in range(2):  # a pending word, then the character token itself
            if part == 0:
                if not in_word:
                    continue
                token = word
                word = np.uint64(0)
                in_word = False
            else:
                if cls != CHAR:
                    break
                token = np.uint64(cp) + np.uint64(1)
            ring[slot] = token
            slot += 1
            if slot == ngram:
                slot = 0
            count += 1
            if count >= ngram:
                h = np.uint64(0)
                for k in range(slot, ngram):  # oldest token first
                    h = h * _BASE + ring[k]
                for k in range(slot):
                    h = h * _BASE + ring[k]
                out[found] = h
                found += 1
    if 0 < count < ngram:
        h = np.uint64(0)
        for k in range(count):
            h = h * _BASE + ring[k]
        out[found] = h
        found += 1
    return found


@njit(cache=True, nogil=True)
def signatures(
    cps: np.ndarray,
    offsets: np.ndarray,
    classes: np.ndarray,
    ngram: int,
    num_perm: int,
    seed: np.uint64,
    dense_seed: np.uint64,
) -> np.ndarray:
    """``(n, num_perm)`` uint32 signatures of the keys ``cps[offsets[i]:offsets[i+1]]``.

    ``classes`` maps a code point to WORD, CHAR or SPACE. A key without shingles keeps the
    all-MAX signature, which never matches anything.
    """
    n = offsets.size - 1
    out = np.full((n, num_perm), MAX_HASH, dtype=np.uint64)
    ring = np.zeros(ngram, dtype=np.uint64)
    filled = np.zeros(num_perm, dtype=np.bool_)
    longest = 0
    for d in range(n):
        longest = max(longest, offsets[d + 1] - offsets[d])
    found = np.empty(longest + 1, dtype=np.uint64)
    bins = np.uint64(num_perm)
    for d in range(n):
        row = out[d]
        count = _shingles(cps, offsets[d], offsets[d + 1], classes, ngram, ring, found)
        if count == 0:
            continue
        for k in range(count):
            _add(found[k], seed, bins, row)
        empty = 0
        for b in range(num_perm):
            filled[b] = row[b] != MAX_HASH
            empty += not filled[b]
        if empty:
            _densify(row, filled, dense_seed)
    return out.astype(np.uint32)


@njit(cache=True, nogil=True)
def shingle_set(cps: np.ndarray, classes: np.ndarray, ngram: int, seed: np.uint64) -> np.ndarray:
    """Sorted distinct 64-bit shingle hashes of one key: its set, for exact Jaccard."""
    ring = np.zeros(ngram, dtype=np.uint64)
    found = np.empty(cps.size + 1, dtype=np.uint64)
    count = _shingles(cps, 0, cps.size, classes, ngram, ring, found)
    for k in range(count):
        found[k] = fmix64(found[k] ^ seed)
    return np.unique(found[:count])
