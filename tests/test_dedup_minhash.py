"""MinHash signatures: exactness, determinism, estimation error, edge cases, band choice."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash

from quality.dedup import MinHasher, MinHashParams, choose_bands
from quality.dedup.minhash import (
    MAX_HASH,
    SCHEME_KEYS,
    exact_key,
    seed_words,
    shingle_key,
    token_classes,
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


M64 = 2**64 - 1


def _fmix(h: int) -> int:
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & M64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & M64
    return h ^ (h >> 33)


def _tokens(key: str) -> list[int]:
    """Token hashes by the scheme's words: unspaced-script characters alone, other runs."""
    classes = token_classes()
    out: list[int] = []
    word: int | None = None
    for ch in key + " ":
        cls = classes[ord(ch)]
        if cls == 0:  # WORD
            word = ((word or 0) * 0x9E3779B97F4A7C15 + ord(ch) + 1) & M64
            continue
        if word is not None:
            out.append(word)
            word = None
        if cls == 1:  # CHAR
            out.append(ord(ch) + 1)
    return out


def reference_signature(key: str, params: MinHashParams) -> list[int]:
    """hqdata-oph-v2 by its definition (minhash.py docstring), in plain Python integers."""
    p = params.resolved()
    seed, dense = seed_words(p.seed)
    tokens = _tokens(key)
    if not tokens:
        return [MAX_HASH] * p.num_perm
    n = p.ngram
    windows = [tokens[i : i + n] for i in range(len(tokens) - n + 1)] or [tokens]
    bins = [MAX_HASH] * p.num_perm
    for window in windows:
        h = 0
        for t in window:
            h = (h * 0x9E3779B97F4A7C15 + t) & M64
        x = _fmix(h ^ seed)
        value = min(x & MAX_HASH, MAX_HASH - 1)
        b = ((x >> 32) * p.num_perm) >> 32
        bins[b] = min(bins[b], value)
    filled = [v != MAX_HASH for v in bins]
    out = list(bins)
    for i in range(p.num_perm):
        attempt = 0
        while not filled[i]:
            probe = _fmix(dense ^ ((i * 0xD6E8FEB86659FD93 + attempt) & M64))
            j = ((probe >> 32) * p.num_perm) >> 32
            if filled[j]:
                out[i] = bins[j]
                break
            attempt += 1
    return out


def test_signatures_equal_the_plain_definition(hasher: MinHasher) -> None:
    rng = np.random.default_rng(1)
    keys = [chinese(rng, int(n)) for n in rng.integers(1, 400, size=40)]
    keys += ["", " ", "a", "ab", "abcd", "abcde", "\x00abc", "重复" * 200, "𠀀𠀁𠀂𠀃𠀄𠀅",
             "hello world this is a key with words", "混合 text 中文 and english 词",
             "สวัสดีครับ ภาษาไทย", "한국어 문장 입니다 좋은 날", "é\u0301 x", "\ud800x"]  # fmt: skip
    sigs = hasher.signatures(keys)
    assert sigs.shape == (len(keys), 128) and sigs.dtype == np.uint32
    for key, sig in zip(keys, sigs, strict=True):
        assert sig.tolist() == reference_signature(key, hasher.params), repr(key)


def test_shingles_are_characters_for_han_and_words_for_spaced_scripts() -> None:
    assert _tokens("你好world 第2条") == [
        ord("你") + 1, ord("好") + 1, _tokens("world")[0], _tokens("第")[0], _tokens("2")[0],
        ord("条") + 1,
    ]  # fmt: skip
    h = MinHasher(MinHashParams())
    words = "the quick brown fox jumps over the lazy dog again and again today"
    # a changed word changes five word shingles of nine, not the whole key
    changed = words.replace("lazy", "sleepy")
    sa, sb = h.signatures([words, changed])
    assert 0.1 < (sa == sb).mean() < 0.7


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
    sigs = hasher.signatures(["", "ab", "ab", "abc", "abcd", "abcde", "", "   "])
    for empty in (0, 6, 7):
        assert (sigs[empty] == MAX_HASH).all()
    for row in sigs[1:6]:
        assert (row != MAX_HASH).all()  # one shingle fills every bin by densification
    np.testing.assert_array_equal(sigs[1], sigs[2])
    assert len({row.tobytes() for row in sigs[2:6]}) == 4  # ab, abc ... are one word each
    with pytest.raises(TypeError):
        hasher.signatures(["ok", None])  # type: ignore[list-item]


def test_a_100_mb_key_and_an_empty_one_in_one_batch() -> None:
    rng = np.random.default_rng(11)
    part = chinese(rng, 50_000)
    key = part * 700  # 35 M characters, ~105 MB of UTF-8
    assert len(key.encode()) > 100_000_000
    h = MinHasher(MinHashParams())
    sigs = h.signatures(["", key, "短"])
    assert (sigs[0] == MAX_HASH).all()
    # repeating a text does not change its shingle set, only the boundary shingles
    assert (sigs[1] == h.signature(part + part[:4])).all()
    assert (sigs[2] != MAX_HASH).all()


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
    assert scheme["scheme"] == "hqdata-oph-v2"
    assert (scheme["bands"], scheme["rows"], scheme["num_perm"]) == (13, 7, 128)
    assert {"hash", "ngram", "seed", "numpy"} <= set(scheme)
    assert MinHashParams(seed=2).scheme()["seed"] != scheme["seed"]
    curve = dict(MinHashParams().s_curve())
    assert curve[0.8] == pytest.approx(1 - (1 - 0.8**7) ** 13)
    assert curve[0.5] < curve[0.8] < curve[0.95]


def test_estimates_stay_unbiased_on_short_keys_filled_by_densification(hasher: MinHasher) -> None:
    """Keys of 10-80 shingles leave most of the 128 bins empty before densification."""
    rng = np.random.default_rng(7)
    pairs = []
    for _ in range(300):
        shared = chinese(rng, int(rng.integers(8, 60)))
        pairs.append((chinese(rng, int(rng.integers(0, 20))) + shared,
                      shared + chinese(rng, int(rng.integers(0, 20)))))  # fmt: skip
    truth = np.array([jaccard(a, b) for a, b in pairs])
    sigs = hasher.signatures([k for pair in pairs for k in pair])
    ours = (sigs[0::2] == sigs[1::2]).mean(axis=1)
    assert abs(float((ours - truth).mean())) < 0.01  # no bias
    z2 = (ours - truth) ** 2 / np.maximum(truth * (1 - truth) / 128, 1e-4)
    assert z2.mean() < 2.0, z2.mean()


def test_traditional_and_simplified_copies_match_unless_switched_off() -> None:
    simplified = "这款软件支持多种网络协议，用户可以通过手机远程查看设备的运行状态。"
    traditional = "這款軟件支持多種網絡協議，用戶可以通過手機遠程查看設備的運行狀態。"
    on, off = MinHashParams(), MinHashParams(to_simplified=False)
    assert shingle_key(simplified, on) == shingle_key(traditional, on)
    assert exact_key(shingle_key(simplified, on)) == exact_key(shingle_key(traditional, on))
    assert shingle_key(simplified, off) != shingle_key(traditional, off)
    assert exact_key("") is None
    # signatures of one setting are never compared with the other's
    assert on.scheme()["to_simplified"] is True and off.scheme()["to_simplified"] is False
    assert "to_simplified" in SCHEME_KEYS
