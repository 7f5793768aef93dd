"""Band keys, signature tables and global deduplication over a planted Chinese corpus."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from quality.dedup import (
    SIGNATURE_SCHEMA,
    DedupResult,
    MinHasher,
    MinHashParams,
    band_candidates,
    band_groups,
    band_keys,
    explain,
    find_duplicates,
    signature_table,
)
from quality.dedup.minhash import MAX_HASH

POOL = list(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两"
    "体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线"
)
PARAMS = MinHashParams()
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def sentence(rng: np.random.Generator) -> str:
    return "".join(rng.choice(POOL, size=int(rng.integers(15, 40))))


def document(rng: np.random.Generator) -> list[str]:
    return [sentence(rng) for _ in range(int(rng.integers(12, 20)))]


def near_copy(rng: np.random.Generator, sentences: list[str], kind: int) -> list[str]:
    out = list(sentences)
    if kind == 0:  # delete a sentence
        del out[int(rng.integers(len(out)))]
    elif kind == 1:  # insert a new sentence
        out.insert(int(rng.integers(len(out) + 1)), sentence(rng))
    else:  # swap two adjacent sentences
        i = int(rng.integers(len(out) - 1))
        out[i], out[i + 1] = out[i + 1], out[i]
    return out


def write(
    path: Path,
    rows: list[dict],
    params: MinHashParams = PARAMS,
    **kwargs: object,
) -> Path:
    keys = ["".join(r["text"]) for r in rows]
    table = signature_table(
        [r["id"] for r in rows],
        [r.get("dedup_key", "x:" + k) for r, k in zip(rows, keys, strict=True)],
        [r.get("quality", 0.5) for r in rows],
        [r.get("published_at") for r in rows],
        MinHasher(params).signatures(keys),
        params,
        **kwargs,  # type: ignore[arg-type]
    )
    pq.write_table(table, path)
    return path


def dropped(result: DedupResult) -> dict[str, tuple[str, str]]:
    rows = result.duplicates.to_pylist()
    assert len(rows) == len({r["id"] for r in rows})
    return {r["id"]: (r["keeper_id"], r["kind"]) for r in rows}


# -- band keys and tables ----------------------------------------------------------------


def test_band_keys_match_exactly_equal_bands() -> None:
    rng = np.random.default_rng(0)
    sigs = rng.integers(0, 2**32, size=(4, 128), dtype=np.uint64).astype(np.uint32)
    sigs[1] = sigs[0]
    sigs[1, 7 * 3 + 2] ^= 1  # one value of band 3 differs
    keys = band_keys(sigs, 13, 7)
    assert keys.shape == (4, 13) and keys.dtype == np.uint64
    same = keys[0] == keys[1]
    assert not same[3] and same[np.arange(13) != 3].all()
    assert (keys[2] != keys[3]).all()
    assert len(np.unique(keys)) == keys.size - 12
    with pytest.raises(ValueError):
        band_keys(sigs, 20, 7)


def test_signature_table_schema_metadata_and_empty_keys() -> None:
    keys = ["今天天气很好我们去公园散步", "", "短"]
    sigs = MinHasher(PARAMS).signatures(keys)
    stamps = [T0, None, datetime(2025, 1, 1, 8)]
    table = signature_table(
        ["a", "b", "c"], ["k", None, "c"], [0.5, None, 1.0], stamps, sigs, PARAMS,
        prior=True, dataset="med", version="1.0.0",
    )  # fmt: skip
    assert table.schema.equals(SIGNATURE_SCHEMA)
    scheme = json.loads(table.schema.metadata[b"hqdata.minhash"])
    assert scheme == PARAMS.scheme()
    assert [len(b) for b in table["bands"].to_pylist()] == [13, 0, 13]  # empty key: no bands
    assert table["signature"].to_pylist()[1] == [MAX_HASH] * 128
    assert table["prior"].to_pylist() == [True] * 3
    assert table["published_at"].to_pylist()[2] == datetime(2025, 1, 1, 8, tzinfo=UTC)
    with pytest.raises(ValueError):
        signature_table(["a"], None, None, None, sigs, PARAMS)


# -- find_duplicates ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """200 originals; 60 near copies (delete/insert/swap a sentence), 20 exact copies, with
    qualities that sometimes favour the copy; 30 partial rewrites that are not duplicates;
    prior docs that new docs copy; a prior pair."""
    rng = np.random.default_rng(42)
    d = tmp_path_factory.mktemp("planted")
    originals = [document(rng) for _ in range(200)]
    new_rows: list[dict] = []
    expected: dict[str, tuple[str, str]] = {}
    for i, sents in enumerate(originals):
        new_rows.append({"id": f"o{i}", "text": sents, "quality": 0.5})
    for j in range(60):
        i = j  # originals 0..59 get a near copy
        better = j % 3 == 0  # a third of the copies have higher quality than the original
        copy = near_copy(rng, originals[i], j % 3)
        new_rows.append({"id": f"n{j}", "text": copy, "quality": 0.9 if better else 0.3})
        expected[f"o{i}" if better else f"n{j}"] = (f"n{j}" if better else f"o{i}", "near")
    for j in range(20):
        i = 100 + j  # exact copies of originals 100..119
        same_quality = j % 2 == 0  # tie -> earlier published wins
        new_rows.append(
            {
                "id": f"e{j}",
                "text": originals[i],
                "quality": 0.5 if same_quality else 0.2,
                "published_at": T0 + timedelta(days=1),
            }
        )
        new_rows[i]["published_at"] = T0
        expected[f"e{j}"] = (f"o{i}", "exact")
    # hard negatives: a fifth of the sentences rewritten (Jaccard ~0.65), often LSH
    # candidates, never duplicates
    for j in range(30):
        rewritten = [sentence(rng) if k % 5 == 0 else t for k, t in enumerate(originals[150 + j])]
        new_rows.append({"id": f"h{j}", "text": rewritten, "quality": 0.9})
    # prior documents: a new near copy of a prior doc loses even with a higher quality
    prior_docs = [document(rng) for _ in range(10)]
    prior_rows = [{"id": f"p{k}", "text": s, "quality": 0.1} for k, s in enumerate(prior_docs)]
    for k in range(5):
        new_rows.append(
            {"id": f"q{k}", "text": near_copy(rng, prior_docs[k], k % 3), "quality": 1.0}
        )
        expected[f"q{k}"] = (f"p{k}", "near")
    # two prior docs that duplicate each other: never reported (already deduplicated)
    prior_rows.append({"id": "p-twin", "text": near_copy(rng, prior_docs[9], 2), "quality": 0.9})
    rng.shuffle(new_rows)
    half = len(new_rows) // 2
    new_files = [
        write(d / "new-0.parquet", new_rows[:half]),
        write(d / "new-1.parquet", new_rows[half:]),
    ]
    prior_files = [write(d / "prior.parquet", prior_rows, dataset="med", version="1.0.0")]
    result = find_duplicates(new_files, prior_files, PARAMS, work_dir=d / "work")
    return {"result": result, "expected": expected, "dir": d,
            "new": new_files, "prior": prior_files}  # fmt: skip


def test_planted_duplicates_are_found(planted: dict) -> None:
    got = dropped(planted["result"])
    expected = planted["expected"]
    hits = set(got) & set(expected)
    precision = len(hits) / len(got)
    recall = len(hits) / len(expected)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_keepers_follow_prior_quality_date_rules(planted: dict) -> None:
    got = dropped(planted["result"])
    expected = planted["expected"]
    wrong = {k: (got[k], v) for k, v in expected.items() if k in got and got[k] != v}
    assert not wrong
    rows = {r["id"]: r for r in planted["result"].duplicates.to_pylist()}
    # prior always wins and is never dropped; prior-prior pairs are ignored
    assert not [i for i in got if i.startswith("p")]
    assert rows["q0"]["keeper_dataset"] == "med" and rows["q0"]["keeper_version"] == "1.0.0"
    for row in rows.values():
        assert row["cluster"] == row["keeper_id"]
        if row["kind"] == "exact":
            assert row["similarity"] == 1.0
        else:
            assert 0.8 <= row["similarity"] < 1.0


def test_counts_are_reported(planted: dict) -> None:
    result = planted["result"]
    assert result.clusters == len({v[0] for v in planted["expected"].values()})
    assert result.candidate_pairs > result.verified_pairs >= 65  # rewrites were rejected
    assert result.exact_pairs == 20


def test_verify_off_keeps_every_candidate(planted: dict) -> None:
    result = find_duplicates(
        planted["new"], planted["prior"], PARAMS, work_dir=planted["dir"] / "w2", verify=False
    )
    assert result.verified_pairs == result.candidate_pairs
    assert set(dropped(planted["result"])) <= set(dropped(result))


@pytest.mark.parametrize("groups", [1, 4, 13])
def test_band_groups_joined_apart_give_the_identical_result(planted: dict, groups: int) -> None:
    d = planted["dir"] / f"groups-{groups}"
    files = [
        band_candidates(
            planted["new"], planted["prior"], PARAMS, bands, d / f"pairs-{i}.parquet",
            work_dir=d / "work",
        )
        for i, bands in enumerate(band_groups(PARAMS.resolved().bands, groups))
    ]  # fmt: skip
    assert len(files) == groups
    result = find_duplicates(
        planted["new"], planted["prior"], PARAMS, work_dir=d / "work", candidate_files=files
    )
    whole = planted["result"]
    assert result.duplicates.equals(whole.duplicates)
    assert (result.candidate_pairs, result.verified_pairs, result.clusters) == (
        whole.candidate_pairs, whole.verified_pairs, whole.clusters
    )  # fmt: skip
    with pytest.raises(ValueError, match="bands"):
        band_candidates(planted["new"], [], PARAMS, [0], d / "x.parquet", work_dir=d)
    assert band_groups(13, 4) == [[1, 5, 9, 13], [2, 6, 10], [3, 7, 11], [4, 8, 12]]
    assert band_groups(3, 8) == [[1], [2], [3]]


def test_several_prior_documents_in_a_cluster_are_all_kept(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    doc = document(rng)
    prior = write(
        tmp_path / "p.parquet",
        [{"id": "p1", "text": doc, "quality": 0.2}, {"id": "p2", "text": doc, "quality": 0.9}],
    )
    new = write(tmp_path / "n.parquet", [{"id": "n1", "text": doc, "quality": 1.0}])
    result = find_duplicates([new], [prior], PARAMS, work_dir=tmp_path / "w")
    assert dropped(result) == {"n1": ("p2", "exact")}


def test_keeper_ties_nan_quality_and_missing_dates(tmp_path: Path) -> None:
    rng = np.random.default_rng(6)
    d1, d2, d3 = document(rng), document(rng), document(rng)
    rows = [
        {"id": "a", "text": d1, "quality": float("nan")},  # NaN never beats a score
        {"id": "b", "text": d1, "quality": 0.1},
        {"id": "c", "text": d2, "quality": 0.5},  # no date: loses to a dated twin
        {"id": "d", "text": d2, "quality": 0.5, "published_at": T0},
        {"id": "f", "text": d3, "quality": 0.5, "published_at": T0},
        {"id": "e", "text": d3, "quality": 0.5, "published_at": T0},  # smallest id wins
    ]
    path = write(tmp_path / "n.parquet", rows)
    result = find_duplicates([path], [], PARAMS, work_dir=tmp_path / "w")
    assert dropped(result) == {"a": ("b", "exact"), "c": ("d", "exact"), "f": ("e", "exact")}
    assert not any((tmp_path / "w").iterdir())  # scratch space removed
    with pytest.raises(ValueError, match="twice"):
        find_duplicates([path], [path], PARAMS, work_dir=tmp_path / "w")


def test_oversized_buckets_are_chained_not_joined(tmp_path: Path) -> None:
    rng = np.random.default_rng(9)
    doc = document(rng)
    rows = [{"id": f"c{i:02d}", "text": doc, "quality": 0.5, "dedup_key": None} for i in range(30)]
    rows.append({"id": "other", "text": document(rng)})
    path = write(tmp_path / "n.parquet", rows)
    result = find_duplicates([path], [], PARAMS, work_dir=tmp_path / "w", max_bucket=5)
    assert dropped(result) == {f"c{i:02d}": ("c00", "near") for i in range(1, 30)}
    assert result.candidate_pairs == 29  # a chain, not 435 pairs


def test_empty_keys_never_match(tmp_path: Path) -> None:
    rows = [{"id": f"z{i}", "text": [""], "dedup_key": None} for i in range(3)]
    path = write(tmp_path / "n.parquet", rows)
    result = find_duplicates([path], [], PARAMS, work_dir=tmp_path / "w")
    assert result.duplicates.num_rows == 0 and result.candidate_pairs == 0


def test_a_100_mb_document_and_empty_ones_go_through_the_join(tmp_path: Path) -> None:
    rng = np.random.default_rng(9)
    alphabet = list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成")
    part = "".join(rng.choice(alphabet, size=60_000))
    huge = part * 600  # 36 M characters, ~108 MB of UTF-8
    assert len(huge.encode()) > 100_000_000
    rows = [
        {"id": "huge", "text": [huge], "quality": 0.9},
        {"id": "huge-again", "text": [huge + "尾"], "quality": 0.1},  # a near copy
        {"id": "empty-1", "text": [""], "dedup_key": None},
        {"id": "empty-2", "text": [""], "dedup_key": None},
        {"id": "small", "text": [part[:300]]},
    ]
    path = write(tmp_path / "big.parquet", rows)
    del huge
    got = dropped(find_duplicates([path], [], PARAMS, work_dir=tmp_path / "w"))
    assert got == {"huge-again": ("huge", "near")}


def test_incompatible_scheme_is_refused(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    rows = [{"id": "a", "text": document(rng)}]
    good = write(tmp_path / "good.parquet", rows)
    other_seed = write(tmp_path / "seed2.parquet", rows, MinHashParams(seed=2))
    other_bands = write(tmp_path / "bands.parquet", rows, MinHashParams(bands=16, rows=8))
    bare = tmp_path / "bare.parquet"
    pq.write_table(pq.read_table(good).replace_schema_metadata(None), bare)
    for bad in (other_seed, other_bands, bare):
        with pytest.raises(ValueError, match=bad.name):
            find_duplicates([good], [bad], PARAMS, work_dir=tmp_path / "w")
    with pytest.raises(ValueError, match="seed"):
        find_duplicates([other_seed], [], PARAMS, work_dir=tmp_path / "w")


def test_empty_inputs_give_an_empty_result(tmp_path: Path) -> None:
    result = find_duplicates([], [], PARAMS, work_dir=tmp_path / "w")
    assert result.duplicates.num_rows == 0 and result.clusters == 0
    empty = tmp_path / "empty.parquet"
    pq.write_table(signature_table([], [], [], [], np.empty((0, 128), np.uint32), PARAMS), empty)
    result = find_duplicates([empty], [], PARAMS, work_dir=tmp_path / "w")
    assert result.duplicates.num_rows == 0
    assert result.duplicates.schema.names == [
        "id", "keeper_id", "keeper_dataset", "keeper_version", "kind", "similarity", "cluster"
    ]  # fmt: skip


def test_explain_shows_the_s_curve() -> None:
    text = explain(PARAMS)
    assert "13 bands x 7 rows" in text
    assert "0.9531" in text and "false-negative rate" in text and "4.7%" in text
