"""MinHash signatures over character n-grams of a normalised matching key.

Scheme ``hqdata-minhash-v1``:

1. The key (already NFKC-folded, lowercased, Traditional->Simplified, with whitespace and
   punctuation removed by another module) is read as Unicode code points.
2. Each character n-gram is hashed with a polynomial over ``code point + 1`` in wrapping
   uint64 arithmetic, then spread with the 64-bit MurmurHash3 finaliser; the low 32 bits are
   the shingle hash ``x``. A key shorter than ``ngram`` is one shingle (the whole key); an
   empty key has no shingle and its signature is all ``0xFFFFFFFF``.
3. Permutation ``i`` is ``h_i(x) = ((a_i * x + b_i) mod p) & 0xFFFFFFFF`` with
   ``p = 2**61 - 1``, ``a_i`` uniform in ``[1, p)`` and ``b_i`` uniform in ``[0, p)`` drawn
   from ``np.random.default_rng(seed)`` (all ``a`` first, then all ``b``). Signature value
   ``i`` is the minimum of ``h_i`` over the shingles.

The affine map is computed exactly. The fast path never forms the 93-bit product: since
``p = -1 (mod 2**32)``, ``(N mod p) = N + floor(N / p) (mod 2**32)`` for ``N = a*x + b``, so
the low 32 bits need ``a*x + b`` modulo ``2**32`` (a uint32 multiply) plus the quotient, which
float64 gets right to within one. The per-shingle values are therefore exact up to a known
offset in {0, 1, 2}; the few shingles that can still be a document's minimum are then
re-evaluated with exact integer arithmetic (see ``_verified_minima``).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import xxhash

SCHEME_NAME = "hqdata-minhash-v1"
HASH_DESCRIPTION = (
    "shingle: poly64(codepoint+1, base 0x9E3779B97F4A7C15) -> murmur3 fmix64 -> low32; "
    "perm: ((a*x+b) mod 2^61-1) & 0xFFFFFFFF, a in [1,p), b in [0,p) from "
    "numpy default_rng(seed)"
)
MERSENNE_61 = (1 << 61) - 1
MAX_HASH = 0xFFFFFFFF

_P = np.uint64(MERSENNE_61)
_LOW32 = np.uint64(0xFFFFFFFF)
_LOW29 = np.uint64((1 << 29) - 1)
_POLY_BASE = np.uint64(0x9E3779B97F4A7C15)
_FMIX_C1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX_C2 = np.uint64(0xC4CEB9FE1A85EC53)
_LIMIT_CAP = np.uint32(MAX_HASH - 2)
_TWO = np.uint32(2)
_S29, _S32, _S33, _S61 = np.uint64(29), np.uint64(32), np.uint64(33), np.uint64(61)
# float64 values in [2**52, 2**53) have an ulp of exactly 1: adding this constant rounds a
# smaller non-negative float to an integer that sits in the low mantissa bits.
_ROUND_MAGIC = float(3 << 51)

# Shingles per batch: big enough to amortise the per-permutation Python loop (measured best
# at 2**17: 3.5 MB of scratch arrays), and a bound on memory for any document size.
DEFAULT_CHUNK = 1 << 17

# Keys at least this long are processed as rows of a matrix (argmin per row is cheaper than
# the compare-and-gather pass, but has a per-row cost that only long rows amortise).
_ROWS_MIN_SHINGLES = 1024

# Columns of the scheme that must agree for two signatures to be comparable.
SCHEME_KEYS = ("scheme", "hash", "num_perm", "ngram", "seed", "bands", "rows", "perm_digest")


@dataclass(frozen=True)
class MinHashParams:
    """MinHash and LSH settings. Call :meth:`resolved` before use to fill bands/rows."""

    num_perm: int = 128
    ngram: int = 5
    threshold: float = 0.8
    bands: int | None = None  # None -> chosen from threshold by choose_bands
    rows: int | None = None
    seed: int = 1

    def resolved(self) -> MinHashParams:
        """Validate and fill ``bands``/``rows`` (``bands * rows <= num_perm``)."""
        if not isinstance(self.num_perm, int) or self.num_perm < 1:
            raise ValueError(f"num_perm must be a positive integer, got {self.num_perm!r}")
        if not isinstance(self.ngram, int) or self.ngram < 1:
            raise ValueError(f"ngram must be a positive integer, got {self.ngram!r}")
        if not (0.0 < float(self.threshold) <= 1.0):
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold!r}")
        if not isinstance(self.seed, int) or self.seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {self.seed!r}")
        bands, rows = self.bands, self.rows
        for name, value in (("bands", bands), ("rows", rows)):
            if value is not None and (not isinstance(value, int) or value < 1):
                raise ValueError(f"{name} must be a positive integer or None, got {value!r}")
        if bands is None and rows is None:
            bands, rows = choose_bands(self.threshold, self.num_perm)
        elif rows is None:
            rows = self.num_perm // bands
        elif bands is None:
            bands = self.num_perm // rows
        if bands < 1 or rows < 1 or bands * rows > self.num_perm:
            raise ValueError(
                f"bands * rows must be between 1 and num_perm={self.num_perm}, "
                f"got bands={bands} rows={rows}"
            )
        return dataclasses.replace(self, threshold=float(self.threshold), bands=bands, rows=rows)

    def scheme(self) -> dict[str, Any]:
        """Everything that decides signature values and band keys, stored beside signatures."""
        p = self.resolved()
        return {
            "scheme": SCHEME_NAME,
            "hash": HASH_DESCRIPTION,
            "num_perm": p.num_perm,
            "ngram": p.ngram,
            "seed": p.seed,
            "bands": p.bands,
            "rows": p.rows,
            "threshold": p.threshold,
            # Guards against a future numpy whose default_rng stream differs.
            "perm_digest": _perm_digest(p.num_perm, p.seed),
            "numpy": np.__version__,
        }

    def s_curve(
        self, points: Sequence[float] = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
    ) -> list[tuple[float, float]]:
        """``(s, P(candidate))`` with ``P = 1 - (1 - s**rows)**bands``."""
        p = self.resolved()
        return [(float(s), _candidate_probability(float(s), p.bands, p.rows)) for s in points]


@functools.lru_cache(maxsize=64)
def _perm_digest(num_perm: int, seed: int) -> str:
    a, b = _draw_permutations(num_perm, seed)
    return xxhash.xxh3_64_hexdigest(a.tobytes() + b.tobytes())


def _candidate_probability(s: float, bands: int, rows: int) -> float:
    return 1.0 - (1.0 - s**rows) ** bands


def choose_bands(
    threshold: float,
    num_perm: int,
    false_negative_weight: float = 0.5,
    *,
    min_recall: float = 0.95,
) -> tuple[int, int]:
    """Pick ``(bands, rows)`` for LSH explicitly, favouring recall.

    Every ``(b, r)`` with ``b * r <= num_perm`` is scored by the weighted areas of the
    S-curve ``P(s) = 1 - (1 - s**r)**b``: false positives ``FP = integral of P over
    [0, threshold]`` and false negatives ``FN = integral of 1 - P over [threshold, 1]``,
    ``error = (1 - w) * FP + w * FN`` with ``w = false_negative_weight``.

    Minimising the error alone is what datasketch does, and it lands on a curve centred on the
    threshold: with 128 permutations at 0.8 it picks 9 x 13, which finds a pair of Jaccard
    exactly 0.8 with probability 0.40 (0.83 averaged over [0.8, 1]). Missed pairs are
    lost for good, while extra candidates only cost a signature comparison in the verify
    step, so here the recall at the threshold comes first: only settings with
    ``P(threshold) >= min_recall`` are eligible, and the weighted error chooses among them.
    If none reaches ``min_recall`` the setting with the highest recall wins.

    For 128 permutations at 0.8 the result is 13 bands x 7 rows (91 permutations banded; all
    128 still count in the Jaccard estimate): P(0.8) = 0.953, P(0.9) = 0.9998, at the price
    of P(0.7) = 0.67 and P(0.6) = 0.31 candidates that verification has to discard.
    """
    if not (0.0 < threshold <= 1.0):
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    if num_perm < 1:
        raise ValueError(f"num_perm must be positive, got {num_perm!r}")
    if not (0.0 <= false_negative_weight <= 1.0):
        raise ValueError(f"false_negative_weight must be in [0, 1], got {false_negative_weight}")
    if not (0.0 <= min_recall <= 1.0):
        raise ValueError(f"min_recall must be in [0, 1], got {min_recall}")
    return _choose_bands(float(threshold), int(num_perm), float(false_negative_weight), min_recall)


@functools.lru_cache(maxsize=64)
def _choose_bands(
    threshold: float, num_perm: int, false_negative_weight: float, min_recall: float
) -> tuple[int, int]:
    s = np.linspace(0.0, 1.0, 2001)
    step = s[1] - s[0]
    below = s <= threshold
    combos: list[tuple[int, int]] = []
    errors: list[np.ndarray] = []
    recalls: list[np.ndarray] = []
    for r in range(1, num_perm + 1):
        bands = np.arange(1, num_perm // r + 1, dtype=np.float64)
        curve = 1.0 - (1.0 - s[None, :] ** r) ** bands[:, None]
        fp = _trapezoid(np.where(below, curve, 0.0), step)
        fn = _trapezoid(np.where(below, 0.0, 1.0 - curve), step)
        errors.append((1.0 - false_negative_weight) * fp + false_negative_weight * fn)
        recalls.append(1.0 - (1.0 - threshold**r) ** bands)
        combos.extend((int(b), r) for b in bands)
    error = np.concatenate(errors)
    recall = np.concatenate(recalls)
    used = np.array([b * r for b, r in combos])
    eligible = recall >= min_recall
    if eligible.any():
        # Least weighted error; ties go to the setting that bands more permutations.
        order = np.lexsort((-used, np.where(eligible, error, np.inf)))
    else:
        order = np.lexsort((-used, error, -recall))
    return combos[int(order[0])]


def _trapezoid(y: np.ndarray, step: float) -> np.ndarray:
    """Integral of each row of ``y`` sampled at equal steps."""
    return (y[:, 1:] + y[:, :-1]).sum(axis=1) * (step / 2.0)


def _draw_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, MERSENNE_61, size=num_perm, dtype=np.uint64)
    b = rng.integers(0, MERSENNE_61, size=num_perm, dtype=np.uint64)
    return a, b


def fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser (in place on a uint64 array, which is returned)."""
    h ^= h >> _S33
    h *= _FMIX_C1
    h ^= h >> _S33
    h *= _FMIX_C2
    h ^= h >> _S33
    return h


def affine_mod_p(x: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Exact ``(a * x + b) mod (2**61 - 1)`` for ``x < 2**32``, ``a, b < 2**61`` (broadcasts).

    ``a = a_hi * 2**32 + a_lo`` keeps every product below 2**64; ``2**61 = 1 (mod p)`` folds
    the high bits back in (the Mersenne reduction). Two buffers, all in place.
    """
    x = np.asarray(x, dtype=np.uint64)
    a = np.asarray(a, dtype=np.uint64)
    b = np.asarray(b, dtype=np.uint64)
    shape = np.broadcast_shapes(x.shape, a.shape, b.shape)
    t = np.empty(shape, dtype=np.uint64)
    u = np.empty(shape, dtype=np.uint64)
    np.right_shift(a, _S32, out=u)
    u *= x  # hi = x * a_hi < 2**61
    # hi * 2**32 = (hi >> 29) * 2**61 + (hi & (2**29-1)) * 2**32 = (hi >> 29) + ... (mod p)
    np.bitwise_and(u, _LOW29, out=t)
    t <<= _S32
    u >>= _S29
    t += u
    t += b
    np.bitwise_and(a, _LOW32, out=u)
    u *= x  # lo = x * a_lo < 2**64
    np.add(t, u >> _S61, out=t)
    u &= _P
    t += u  # < 3 * 2**61 + 2**32 + 8 < 2**63
    np.right_shift(t, _S61, out=u)
    t &= _P
    t += u  # < 2**61 + 4
    np.add(t, np.uint64(1), out=u)
    u >>= _S61  # 1 exactly when t >= p ...
    t += u
    t &= _P  # ... and clearing bit 61 subtracts 2**61: net -p
    return t


def _horner(cp: np.ndarray, width: int) -> np.ndarray:
    """Polynomial hash of every window of ``width`` code points (wrapping uint64)."""
    m = len(cp) - width + 1
    h = cp[:m].copy()
    for k in range(1, width):
        h *= _POLY_BASE
        h += cp[k : k + m]
    return h


def _code_points(text: str) -> np.ndarray:
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    cp += np.uint64(1)  # so that a NUL code point still changes the hash
    return cp


def _finish(h: np.ndarray) -> np.ndarray:
    return fmix64(h).astype(np.uint32)


def shingle_hashes(key: str, ngram: int = 5) -> np.ndarray:
    """All shingle hashes of one key (uint32) in order: one for a key shorter than ngram."""
    if not key:
        return np.empty(0, dtype=np.uint32)
    return _finish(_horner(_code_points(key), min(len(key), ngram)))


def _batch_shingles(keys: Sequence[str], ngram: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes of several non-empty keys, concatenated, and the count per key.

    One joined string keeps the numpy call count independent of the number of keys; windows
    that would cross a key boundary are simply not selected.
    """
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    offsets = np.zeros(len(keys), dtype=np.int64)
    np.cumsum(lengths[:-1], out=offsets[1:])
    counts = np.where(lengths >= ngram, lengths - ngram + 1, 1)
    first = np.zeros(len(keys), dtype=np.int64)
    np.cumsum(counts[:-1], out=first[1:])
    total = int(counts.sum())
    # window start of every output shingle: o, o+1, ..., o+count-1 for a key at offset o
    pos = np.arange(total, dtype=np.int64) + np.repeat(offsets - first, counts)
    cp = _code_points("".join(keys))
    h = cp.copy()  # after step w, h[j] is the hash of the w code points starting at j
    out = np.empty(total, dtype=np.uint64)
    for w in range(1, min(ngram, int(lengths.max())) + 1):
        if w > 1:
            valid = len(cp) - w + 1
            h[:valid] *= _POLY_BASE
            h[:valid] += cp[w - 1 :]
        if w < ngram and (short := lengths == w).any():
            out[first[short]] = h[offsets[short]]
    full = lengths >= ngram
    if full.all():
        out = h[pos]
    elif full.any():
        sel = np.repeat(full, counts)
        out[sel] = h[pos[sel]]
    return _finish(out), counts


class MinHasher:
    """Computes ``hqdata-minhash-v1`` signatures; one instance can be reused for any keys."""

    def __init__(self, params: MinHashParams, *, chunk: int = DEFAULT_CHUNK) -> None:
        self.params = params.resolved()
        if chunk < 1:
            raise ValueError(f"chunk must be positive, got {chunk}")
        self.chunk = chunk
        self.num_perm = self.params.num_perm
        self._set_permutations(*_draw_permutations(self.num_perm, self.params.seed))

    def _set_permutations(self, a: np.ndarray, b: np.ndarray) -> None:
        """Install the affine parameters and the fast-path constants derived from them."""
        self.a = np.asarray(a, dtype=np.uint64)
        self.b = np.asarray(b, dtype=np.uint64)
        self._alpha = np.array([int(v) / MERSENNE_61 for v in self.a], dtype=np.float64)
        self._a_lo = (self.a & _LOW32).astype(np.uint32)
        # The +1 offset keeps the approximation error in {0, 1, 2}, never negative.
        self._kappa = np.array(
            [_ROUND_MAGIC + float((int(v) + 1) & MAX_HASH) for v in self.b], dtype=np.float64
        )

    def signature(self, key: str) -> np.ndarray:
        """Signature of one key: ``(num_perm,)`` uint32."""
        return self.signatures([key])[0]

    def signatures(self, keys: Sequence[str] | Iterable[str]) -> np.ndarray:
        """Signatures of many keys: ``(n, num_perm)`` uint32; row i belongs to keys[i].

        Keys are taken shortest first and batched up to ``chunk`` shingles, so that the
        per-permutation loop runs over many keys of similar length at once; a key longer
        than ``chunk`` shingles is processed alone, one slice of the string at a time, so
        memory stays bounded by ``chunk`` whatever the key length.
        """
        keys = list(keys)
        for i, key in enumerate(keys):
            if not isinstance(key, str):
                raise TypeError(f"key {i} is {type(key).__name__}, expected str")
        out = np.full((len(keys), self.num_perm), MAX_HASH, dtype=np.uint32)
        g = self.params.ngram
        lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
        counts = np.where(lengths >= g, lengths - g + 1, np.minimum(lengths, 1))
        batch: list[int] = []
        for doc in np.argsort(counts, kind="stable").tolist():
            count = int(counts[doc])
            if count == 0:
                continue  # empty key: stays all MAX_HASH
            if count > self.chunk:
                self._long_key(doc, keys[doc], out)
                continue
            # ascending counts: the padded size of the batch is its length x this count
            if batch and (len(batch) + 1) * count > self.chunk:
                self._batch(batch, keys, out)
                batch = []
            batch.append(doc)
        if batch:
            self._batch(batch, keys, out)
        return out

    def _batch(self, docs: list[int], keys: list[str], out: np.ndarray) -> None:
        x, counts = _batch_shingles([keys[d] for d in docs], self.params.ngram)
        if counts.min() >= _ROWS_MIN_SHINGLES:
            # pad every key to the longest with copies of its own last shingle (harmless
            # for a minimum) so that the keys are the rows of a matrix
            width = int(counts.max())
            starts = np.cumsum(counts) - counts
            cols = np.minimum(np.arange(width)[None, :], counts[:, None] - 1)
            out[docs] = self._row_minima(x[starts[:, None] + cols], counts)
        else:
            out[docs] = self._flat_minima(x, counts)

    def _long_key(self, doc: int, key: str, out: np.ndarray) -> None:
        g = self.params.ngram
        n_shingles = len(key) - g + 1
        for start in range(0, n_shingles, self.chunk):
            stop = min(n_shingles, start + self.chunk)
            # Slicing the str keeps memory bounded for very long keys.
            x = shingle_hashes(key[start : stop + g - 1], g)
            part = self._row_minima(x[None, :], np.array([len(x)], dtype=np.int64))[0]
            np.minimum(out[doc], part, out=out[doc])

    # Exact minima. Per permutation, the fast pass computes for every shingle
    # ``v = (a_lo*x + b + 1 + round(x*a/p)) mod 2**32``, which equals ``h + d`` (mod 2**32)
    # with ``d`` in {0, 1, 2}: ``round(x*a/p)`` is within 1 of the true quotient
    # ``floor((a*x + b)/p)`` because float64 errs by < 2**-19 here and ``b/p < 1``. Let
    # ``m`` be a key's minimum of ``v``. A shingle with ``v > m + 2`` has ``h >= v - 2 > m``
    # (no wrap-around, as ``v >= 3``), so only shingles with ``v <= m + 2`` can hold the
    # minimum: those candidates are evaluated exactly (_exact_minima). If their exact
    # minimum exceeds ``m``, the minimum shingle wrapped past 2**32 (its value is within 2
    # of the maximum): then that key is redone exactly for that permutation.

    def _approximate(self, x: np.ndarray, xf: np.ndarray, i: int, scratch: tuple) -> np.ndarray:
        """``v`` for permutation ``i`` over the flat shingle array ``x``."""
        f, v, t = scratch
        np.multiply(xf, self._alpha[i], out=f)
        np.add(f, self._kappa[i], out=f)
        np.copyto(v, f.view(np.uint64), casting="unsafe")  # low 32 bits of the mantissa
        np.multiply(x, self._a_lo[i], out=t)
        np.add(v, t, out=v)
        return v

    def _flat_minima(self, x: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """Minima ``(n_keys, num_perm)`` of short keys stored back to back in ``x``.

        Candidates: one compare of ``v`` against each key's ``m + 2``, then their positions.
        """
        n, nkeys = len(x), len(lens)
        starts = np.cumsum(lens) - lens
        xf = x.astype(np.float64)
        scratch = (np.empty(n), np.empty(n, np.uint32), np.empty(n, np.uint32))
        mask = np.empty(n, dtype=bool)
        approx = np.empty((self.num_perm, nkeys), dtype=np.uint32)
        found: list[np.ndarray] = []
        for i in range(self.num_perm):
            v = self._approximate(x, xf, i, scratch)
            approx[i] = np.minimum.reduceat(v, starts)
            limits = np.minimum(approx[i], _LIMIT_CAP) + _TWO
            np.less_equal(v, np.repeat(limits, lens), out=mask)
            found.append(np.flatnonzero(mask))
        pos = np.concatenate(found)
        perm = np.repeat(np.arange(self.num_perm), [len(c) for c in found])
        key = np.repeat(np.arange(nkeys), lens)[pos]
        exact = self._exact_minima(x[pos], perm, key, nkeys)
        for i, k in zip(*np.nonzero(exact > approx), strict=True):
            exact[i, k] = self._exact_min(x[starts[k] : starts[k] + lens[k]], i)
        return exact.T.astype(np.uint32)

    def _row_minima(self, x2: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """Minima ``(n_keys, num_perm)`` of long keys, one per row of ``x2`` (padded).

        Candidates: the row's argmin alone when no other value lies within 2 of it (checked
        with a second minimum), else a compare of the row against ``m + 2``. For long rows
        this is cheaper than the compare-and-gather pass of _flat_minima.
        """
        nkeys, width = x2.shape
        x = x2.ravel()
        n = len(x)
        xf = x.astype(np.float64)
        scratch = (np.empty(n), np.empty(n, np.uint32), np.empty(n, np.uint32))
        rows = np.arange(nkeys)
        approx = np.empty((self.num_perm, nkeys), dtype=np.uint32)
        found: list[np.ndarray] = []
        for i in range(self.num_perm):
            v2 = self._approximate(x, xf, i, scratch).reshape(nkeys, width)
            arg = v2.argmin(axis=1)
            low = v2[rows, arg]
            approx[i] = low
            limits = np.minimum(low, _LIMIT_CAP) + _TWO
            v2[rows, arg] = MAX_HASH
            pos = rows * width + arg
            crowded = np.flatnonzero(v2.min(axis=1) <= limits)
            if len(crowded):
                r, c = np.nonzero(v2[crowded] <= limits[crowded, None])
                pos = np.concatenate((pos, crowded[r] * width + c))
            found.append(pos)
        pos = np.concatenate(found)
        perm = np.repeat(np.arange(self.num_perm), [len(c) for c in found])
        exact = self._exact_minima(x[pos], perm, pos // width, nkeys)
        for i, k in zip(*np.nonzero(exact > approx), strict=True):
            exact[i, k] = self._exact_min(x2[k, : lens[k]], i)
        return exact.T.astype(np.uint32)

    def _exact_minima(
        self, x: np.ndarray, perm: np.ndarray, key: np.ndarray, nkeys: int
    ) -> np.ndarray:
        """Exact minimum per (permutation, key) cell over candidate shingles ``x``."""
        value = affine_mod_p(x, self.a[perm], self.b[perm]) & _LOW32
        result = np.full((self.num_perm, nkeys), MAX_HASH, dtype=np.uint64)
        np.minimum.at(result.ravel(), perm * nkeys + key, value)
        return result

    def _exact_min(self, x: np.ndarray, i: int) -> int:
        return int((affine_mod_p(x, self.a[i], self.b[i]) & _LOW32).min())


def reference_signature(key: str, params: MinHashParams) -> np.ndarray:
    """The same signature by exact integer arithmetic on every shingle (slow; for checks)."""
    p = params.resolved()
    a, b = _draw_permutations(p.num_perm, p.seed)
    x = shingle_hashes(key, p.ngram)
    if len(x) == 0:
        return np.full(p.num_perm, MAX_HASH, dtype=np.uint32)
    return np.array(
        [(affine_mod_p(x, a[i], b[i]) & _LOW32).min() for i in range(p.num_perm)],
        dtype=np.uint32,
    )
