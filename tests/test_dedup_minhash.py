"""MinHash signatures: exactness, determinism, estimation error, edge cases, band choice."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash

from quality.dedup import MinHasher, MinHashParams, choose_bands
from quality.dedup.minhash import (
    MAX_HASH,
    MERSENNE_61,
    affine_mod_p,
    reference_signature,
    shingle_hashes,
)

# Common simplified characters: a realistic alphabet for matching keys.
POOL = list(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两"
    "体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线"
    "内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并"
    "提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见"
)


def chinese(rng: np.random.Generator, n: int) -> str:
    return "".join(rng.choice(POOL, size=n))


def shingle_set(key: str, n: int = 5) -> set[str]:
    if len(key) < n:
        return {key} if key else set()
    return {key[i : i + n] for i in range(len(key) - n + 1)}


def jaccard(a: str, b: str) -> float:
    sa, sb = shingle_set(a), shingle_set(b)
    return len(sa & sb) / len(sa | sb)


@pytest.fixture(scope="module")
def hasher() -> MinHasher:
    return MinHasher(MinHashParams())


def test_affine_map_is_exact_against_python_integers() -> None:
    rng = np.random.default_rng(7)
    p = MERSENNE_61
    a = rng.integers(1, p, size=5000, dtype=np.uint64)
    b = rng.integers(0, p, size=5000, dtype=np.uint64)
    x = rng.integers(0, 2**32, size=5000, dtype=np.uint64)
    # extremes of every operand
    a[:4] = [1, p - 1, p - 1, 2**32]
    b[:4] = [0, p - 1, 0, p - 1]
    x[:4] = [0, 2**32 - 1, 2**32 - 1, 2**32 - 1]
    got = affine_mod_p(x, a, b)
    want = [(int(ai) * int(xi) + int(bi)) % p for ai, bi, xi in zip(a, b, x, strict=True)]
    assert got.tolist() == want


def test_permutation_parameters_cover_the_whole_field() -> None:
    h = MinHasher(MinHashParams(num_perm=512))
    assert h.a.min() >= 1 and h.b.min() >= 0
    assert h.a.max() < MERSENNE_61 and h.b.max() < MERSENNE_61
    # drawn below p, not below 2**32 (which correlates the permutations)
    assert (h.a >= 2**32).mean() > 0.9 and (h.b >= 2**32).mean() > 0.9


def test_signatures_equal_the_exact_reference(hasher: MinHasher) -> None:
    rng = np.random.default_rng(1)
    keys = [chinese(rng, int(n)) for n in rng.integers(1, 400, size=40)]
    keys += ["", "a", "ab", "abcd", "abcde", "\x00abc", "abc", "重复" * 200, "𠀀𠀁𠀂𠀃𠀄𠀅"]
    sigs = hasher.signatures(keys)
    assert sigs.shape == (len(keys), 128) and sigs.dtype == np.uint32
    # long keys are processed as padded rows of a matrix: a second code path
    long_keys = [chinese(rng, n) for n in (1100, 2500, 1030)] + ["重复的句子" * 300]
    keys += long_keys
    sigs = np.vstack([sigs, hasher.signatures(long_keys)])
    for key, sig in zip(keys, sigs, strict=True):
        np.testing.assert_array_equal(sig, reference_signature(key, hasher.params))


def test_fast_path_handles_minima_next_to_the_maximum() -> None:
    """Plant b so that the only shingle hashes to within 2 of 2**32 (the wrap-around case)."""
    params = MinHashParams(num_perm=16)
    h = MinHasher(params)
    (x,) = shingle_hashes("丁", params.ngram).tolist()
    rng = np.random.default_rng(3)
    a = rng.integers(1, MERSENNE_61, size=16, dtype=np.uint64)
    target = [MAX_HASH - k % 4 for k in range(16)]  # low 32 bits of the planted hash
    b = np.array(
        [(t + (1 << 40) - int(ai) * x) % MERSENNE_61 for t, ai in zip(target, a, strict=True)],
        dtype=np.uint64,
    )
    h._set_permutations(a, b)
    want = [int(affine_mod_p(x, ai, bi)) & MAX_HASH for ai, bi in zip(a, b, strict=True)]
    assert want == target
    assert h.signature("丁").tolist() == want  # one segment
    batch = h.signatures(["丁", "今天天气很好", "丁"])  # several segments in one batch
    assert batch[0].tolist() == batch[2].tolist() == want
    assert (batch[1] != batch[0]).any()


def test_signatures_are_deterministic_for_a_seed() -> None:
    keys = ["今天天气很好我们去公园散步吧", "机器学习需要高质量的数据集"]
    one = MinHasher(MinHashParams(seed=5)).signatures(keys)
    two = MinHasher(MinHashParams(seed=5)).signatures(keys)
    other = MinHasher(MinHashParams(seed=6)).signatures(keys)
    np.testing.assert_array_equal(one, two)
    assert (one != other).mean() > 0.9
    # batching does not change a signature
    np.testing.assert_array_equal(MinHasher(MinHashParams(seed=5)).signature(keys[1]), one[1])


def test_short_and_empty_keys(hasher: MinHasher) -> None:
    sigs = hasher.signatures(["", "ab", "ab", "abc", "abcd", "abcde", ""])
    assert (sigs[0] == MAX_HASH).all() and (sigs[6] == MAX_HASH).all()
    for row in sigs[1:6]:
        assert (row != MAX_HASH).any()  # a short key is one shingle, not dropped
    np.testing.assert_array_equal(sigs[1], sigs[2])
    assert len({row.tobytes() for row in sigs[1:6]}) == 4  # ab, abc, abcd, abcde differ
    assert len(shingle_hashes("abc", 5)) == 1 and len(shingle_hashes("abcdef", 5)) == 2
    with pytest.raises(TypeError):
        hasher.signatures(["ok", None])  # type: ignore[list-item]


def test_long_key_in_chunks_equals_one_pass() -> None:
    rng = np.random.default_rng(11)
    key = chinese(rng, 700_000)  # ~2 MB of UTF-8
    assert len(key.encode()) > 2_000_000
    params = MinHashParams()
    chunked = MinHasher(params, chunk=1 << 16).signature(key)
    whole = MinHasher(params, chunk=1 << 20).signature(key)
    np.testing.assert_array_equal(chunked, whole)
    # a key spanning several chunks among short ones, with a tiny chunk
    keys = [chinese(rng, 50), chinese(rng, 3000), "", chinese(rng, 2)]
    np.testing.assert_array_equal(
        MinHasher(params, chunk=700).signatures(keys), MinHasher(params).signatures(keys)
    )


def _overlap_pairs(rng: np.random.Generator, count: int) -> list[tuple[str, str]]:
    """Pairs with 5-gram Jaccard spread evenly over (0, 1): a shared block plus own blocks."""
    pairs = []
    for target in rng.uniform(0.05, 0.98, size=count):
        shared = chinese(rng, int(rng.integers(150, 400)))
        own = int((len(shared) - 4) * (1 / target - 1))  # own shingles on both sides
        left = int(rng.integers(0, own + 1))
        pairs.append((chinese(rng, left) + shared, shared + chinese(rng, own - left)))
    return pairs


def test_jaccard_estimate_error_is_small_and_like_datasketch(hasher: MinHasher) -> None:
    rng = np.random.default_rng(2024)
    pairs = _overlap_pairs(rng, 200)
    truth = np.array([jaccard(a, b) for a, b in pairs])
    assert truth.min() < 0.1 and truth.max() > 0.95  # varied overlap
    sigs = hasher.signatures([k for pair in pairs for k in pair])
    ours = (sigs[0::2] == sigs[1::2]).mean(axis=1)
    rmse = float(np.sqrt(np.mean((ours - truth) ** 2)))
    # calibrated like an unbiased estimator with independent permutations: E[z^2] = 1
    z2 = (ours - truth) ** 2 / np.maximum(truth * (1 - truth) / 128, 1e-4)
    assert z2.mean() < 1.5, z2.mean()

    ds = []
    for a, b in pairs:
        ma, mb = MinHash(num_perm=128, seed=1), MinHash(num_perm=128, seed=1)
        ma.update_batch([s.encode() for s in shingle_set(a)])
        mb.update_batch([s.encode() for s in shingle_set(b)])
        ds.append(ma.jaccard(mb))
    ds_rmse = float(np.sqrt(np.mean((np.array(ds) - truth) ** 2)))
    assert rmse < 0.04, (rmse, ds_rmse)
    assert rmse < 1.5 * ds_rmse + 0.01, (rmse, ds_rmse)


def test_choose_bands_favours_recall() -> None:
    assert choose_bands(0.8, 128) == (13, 7)
    for threshold in (0.5, 0.7, 0.8, 0.85, 0.9):
        for num_perm in (64, 128, 256):
            b, r = choose_bands(threshold, num_perm)
            assert b * r <= num_perm
            assert 1 - (1 - threshold**r) ** b >= 0.9, (threshold, num_perm, b, r)
    # lower recall floor -> fewer false candidates
    b, r = choose_bands(0.8, 128, min_recall=0.5)
    assert 1 - (1 - 0.8**r) ** b < 0.953


def test_params_resolve_validate_and_describe() -> None:
    p = MinHashParams().resolved()
    assert (p.bands, p.rows) == (13, 7)
    assert MinHashParams(bands=16).resolved().rows == 8
    assert MinHashParams(rows=8).resolved().bands == 16
    for bad in (
        MinHashParams(bands=20, rows=7),
        MinHashParams(threshold=0.0),
        MinHashParams(threshold=1.5),
        MinHashParams(num_perm=0),
        MinHashParams(ngram=0),
        MinHashParams(seed=-1),
    ):
        with pytest.raises(ValueError):
            bad.resolved()
    scheme = MinHashParams().scheme()
    assert scheme["scheme"] == "hqdata-minhash-v1"
    assert (scheme["bands"], scheme["rows"], scheme["num_perm"]) == (13, 7, 128)
    assert {"hash", "ngram", "seed", "numpy", "perm_digest"} <= set(scheme)
    assert MinHashParams(seed=2).scheme()["perm_digest"] != scheme["perm_digest"]
    curve = dict(MinHashParams().s_curve())
    assert curve[0.8] == pytest.approx(1 - (1 - 0.8**7) ** 13)
    assert curve[0.5] < curve[0.8] < curve[0.95]
