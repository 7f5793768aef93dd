"""MinHash signatures over token n-grams of a normalised matching key.

Scheme ``hqdata-oph-v2`` (one-permutation hashing with optimal densification):

1. The key comes from ``matching_key(text, word_breaks=True)``: NFKC, lower case,
   Traditional -> Simplified (unless ``to_simplified`` is off), punctuation and whitespace
   removed except one space between two words of a spaced script.
2. Tokens: every character of a script written without spaces (Han, kana, Bopomofo, Thai,
   Lao, Khmer, Myanmar) is a token; a run of other letters, digits and marks is a token (a
   word). A shingle is ``ngram`` consecutive tokens: character 5-grams of Chinese, word
   5-grams of English. A key with fewer tokens is one shingle; an empty key has none and its
   signature is all ``0xFFFFFFFF``, which never matches.
3. Each shingle is hashed once: a polynomial over its token hashes (base
   ``0x9E3779B97F4A7C15``, token hash = polynomial over ``code point + 1``), XOR a seed
   word, then MurmurHash3's ``fmix64``. The high 32 bits choose one of ``num_perm`` bins
   (``(hi * num_perm) >> 32``), the low 32 bits are the value; each bin keeps its minimum.
4. Bins left empty (keys with few shingles) are filled by optimal densification
   (Shrivastava, ICML 2017): bin ``i`` copies the first filled bin along a probe sequence
   ``fmix64(dense_seed ^ (i * step + attempt))`` that depends only on ``i`` and the seed.

Every position of two signatures agrees with probability equal to the Jaccard similarity of
their shingle sets, as with ``num_perm`` independent permutations, but each shingle costs one
hash instead of ``num_perm``: that is what makes the signatures run at the speed of reading
the key. There are no permutation coefficients to draw, so none can be correlated; positions
of one signature are slightly negatively correlated (a shingle lands in one bin only), which
lowers, not raises, the variance of the estimate. ``tests/test_dedup_minhash.py`` holds the
signatures against a plain-Python definition of this scheme and the estimates against exact
Jaccard and against datasketch.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.metadata
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from quality._chars import SCRIPT_ID, UNSPACED_SCRIPTS, script_table
from quality.dedup import _kernel
from quality.text_normalize import key_digest, matching_key

SCHEME_NAME = "hqdata-oph-v2"
HASH_DESCRIPTION = (
    "tokens: unspaced-script chars and words; shingle: poly64 of token hashes (base "
    "0x9E3779B97F4A7C15) ^ seed word -> murmur3 fmix64; bin: (hi32*num_perm)>>32, value: "
    "low32; empty bins: optimal densification"
)
MAX_HASH = 0xFFFFFFFF

_C1 = np.uint64(0xFF51AFD7ED558CCD)
_C2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_SEED_STEP = 0x9E3779B97F4A7C15

# Columns of the scheme that must agree for two signatures to be comparable.
SCHEME_KEYS = ("scheme", "hash", "num_perm", "ngram", "seed", "bands", "rows", "to_simplified")


@dataclass(frozen=True)
class MinHashParams:
    """MinHash and LSH settings. Call :meth:`resolved` before use to fill bands/rows."""

    num_perm: int = 128
    ngram: int = 5
    threshold: float = 0.8
    bands: int | None = None  # None -> chosen from threshold by choose_bands
    rows: int | None = None
    seed: int = 1
    # Keys in Simplified characters, so the two scripts of one text match (matching_key's
    # to_simplified); part of the scheme because it changes every key of Traditional text.
    to_simplified: bool = True

    def resolved(self) -> MinHashParams:
        """Validate and fill ``bands``/``rows`` (``bands * rows <= num_perm``)."""
        if not isinstance(self.num_perm, int) or self.num_perm < 1:
            raise ValueError(f"num_perm must be a positive integer, got {self.num_perm!r}")
        if not isinstance(self.ngram, int) or self.ngram < 1:
            raise ValueError(f"ngram must be a positive integer, got {self.ngram!r}")
        if not (0.0 < float(self.threshold) <= 1.0):
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold!r}")
        if not isinstance(self.seed, int) or not 0 <= self.seed < 2**63:
            raise ValueError(f"seed must be an integer in [0, 2**63), got {self.seed!r}")
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
            "to_simplified": p.to_simplified,
            "threshold": p.threshold,
            "hqdata": _package_version(),
            "numpy": np.__version__,
        }

    def s_curve(
        self, points: Sequence[float] = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
    ) -> list[tuple[float, float]]:
        """``(s, P(candidate))`` with ``P = 1 - (1 - s**rows)**bands``."""
        p = self.resolved()
        return [(float(s), _candidate_probability(float(s), p.bands, p.rows)) for s in points]


@functools.cache
def _package_version() -> str:
    """The hqdata version that made a signature (recorded, not compared: the scheme is)."""
    try:
        return importlib.metadata.version("hqdata")
    except importlib.metadata.PackageNotFoundError:
        return "source tree"


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


def fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser (in place on a uint64 array, which is returned)."""
    h ^= h >> _S33
    h *= _C1
    h ^= h >> _S33
    h *= _C2
    h ^= h >> _S33
    return h


def seed_words(seed: int) -> tuple[int, int]:
    """The two 64-bit words derived from ``seed``: shingle hashes, then densification."""
    words = np.array([(seed * 2 + 1) * _SEED_STEP % 2**64, (seed * 2 + 2) * _SEED_STEP % 2**64])
    return tuple(int(w) for w in fmix64(words.astype(np.uint64)))  # type: ignore[return-value]


@functools.cache
def token_classes() -> np.ndarray:
    """uint8 per code point: _kernel.CHAR (unspaced scripts), WORD (other letters, digits,
    marks) or SPACE (everything else)."""
    scripts = script_table()
    classes = np.full(scripts.size, _kernel.SPACE, dtype=np.uint8)
    wordy = np.frombuffer(
        bytes(ch.isalnum() or ch.isdecimal() for ch in map(chr, range(scripts.size))),
        dtype=np.bool_,
    )
    classes[wordy] = _kernel.WORD
    for cp in range(0x30000):  # combining marks belong to the word they sit on
        if unicodedata.category(chr(cp))[0] == "M":
            classes[cp] = _kernel.WORD
    for name in UNSPACED_SCRIPTS:
        classes[(scripts == SCRIPT_ID[name]) & (classes != _kernel.SPACE)] = _kernel.CHAR
    return classes


def shingle_set(key: str, params: MinHashParams) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the shingles of ``key``: its set, for exact Jaccard."""
    seed, _ = seed_words(params.seed)
    cps = np.frombuffer(key.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _kernel.shingle_set(cps, token_classes(), params.ngram, np.uint64(seed))


def shingle_key(text: str, params: MinHashParams) -> str:
    """The key a signature is made from, as ``params`` say (see the module docstring)."""
    return matching_key(text, to_simplified=params.to_simplified, word_breaks=True)


def exact_key(shingled: str) -> str | None:
    """The exact-duplicate key (dedup_key) of a key from shingle_key; None when empty."""
    return key_digest(shingled.replace(" ", "")) if shingled else None


class MinHasher:
    """Computes ``hqdata-oph-v2`` signatures; one instance can be reused for any keys."""

    def __init__(self, params: MinHashParams) -> None:
        self.params = params.resolved()
        self.num_perm = self.params.num_perm
        seed, dense = seed_words(self.params.seed)
        self._seed = np.uint64(seed)
        self._dense_seed = np.uint64(dense)
        self._classes = token_classes()

    def signature(self, key: str) -> np.ndarray:
        """Signature of one key: ``(num_perm,)`` uint32."""
        return self.signatures([key])[0]

    def signatures(self, keys: Sequence[str] | Iterable[str]) -> np.ndarray:
        """Signatures of many keys: ``(n, num_perm)`` uint32; row i belongs to keys[i]."""
        keys = list(keys)
        for i, key in enumerate(keys):
            if not isinstance(key, str):
                raise TypeError(f"key {i} is {type(key).__name__}, expected str")
        offsets = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum([len(k) for k in keys], out=offsets[1:])
        cps = np.frombuffer("".join(keys).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return _kernel.signatures(
            cps, offsets, self._classes, self.params.ngram, self.num_perm,
            self._seed, self._dense_seed,
        )  # fmt: skip
