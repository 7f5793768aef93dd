"""Documents whose source changed replace their published version in the next release."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import catalogs
from catalogs import Catalog, ReleaseRequest, publish_release
from catalogs.files import sha256_file
from connectors import CatalogError
from connectors.schema import make_doc_id
from pipelines import flow, stages
from pipelines.cli import app
from pipelines.recipe import Recipe, load_recipe
from quality.dedup import MinHasher, MinHashParams, band_candidates, band_groups, find_duplicates
from quality.dedup.minhash import shingle_key
from tests.helpers import OBJECTS, chinese_document, write_jsonl, write_recipe
from tests.test_catalogs import shard
from tests.test_dedup_lsh import PARAMS, document, dropped, near_copy, write

runner = CliRunner()
NAME = "supersede-zh"
SOURCE = "notes"


def doc_id(key: str) -> str:
    return make_doc_id(SOURCE, key)


def estimated_jaccard(a: str, b: str, params: MinHashParams = PARAMS) -> float:
    sigs = MinHasher(params).signatures([shingle_key(a, params), shingle_key(b, params)])
    return float(np.mean(sigs[0] == sigs[1]))


def slight_edit(text: str) -> str:
    """The text with one of its objects swapped for another: a near duplicate."""
    used = next(t for t in OBJECTS if t in text)
    unused = next(t for t in OBJECTS if t not in text)
    return text.replace(used, unused, 1)


def run(recipe: Path, home: Path) -> str:
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home)])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.replace("│", " ").split())  # the summary table's cells


def sql(home: Path, query: str, params: list | None = None) -> list[tuple]:
    with Catalog(home).connect(read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def release_rows(home: Path, version: str) -> list[dict]:
    table = catalogs.read_table(NAME, version, home=home, columns=["id", "text", "char_count"])
    return table.to_pylist()


# -- find_duplicates with exclude_prior -------------------------------------------------------


@pytest.fixture(scope="module")
def replaced_prior(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A prior index holding the earlier text of ``p-old`` (replaced in 1.1.0 by another text)
    and documents still published; new documents that copy either."""
    rng = np.random.default_rng(17)
    d = tmp_path_factory.mktemp("exclude")
    old, kept, fresh = document(rng), document(rng), document(rng)
    v1 = [{"id": "p-old", "text": old}, {"id": "p-kept", "text": kept}]
    v1 += [{"id": f"p-{i}", "text": document(rng)} for i in range(6)]
    prior = [
        write(d / "v1.parquet", v1, dataset="ds", version="1.0.0"),
        write(d / "v2.parquet", [{"id": "p-old", "text": fresh}], dataset="ds", version="1.1.0"),
    ]
    new = [
        write(
            d / "new.parquet",
            [
                {"id": "n-near-old", "text": near_copy(rng, old, 0), "quality": 1.0},
                {"id": "n-exact-old", "text": old, "quality": 1.0},
                {"id": "n-near-kept", "text": near_copy(rng, kept, 1), "quality": 1.0},
                {"id": "n-near-fresh", "text": near_copy(rng, fresh, 2), "quality": 1.0},
            ],
        )
    ]
    return {"dir": d, "new": new, "prior": prior, "exclude": [("p-old", "1.0.0")]}


def test_excluded_prior_documents_neither_match_nor_keep(replaced_prior: dict) -> None:
    d, new, prior = replaced_prior["dir"], replaced_prior["new"], replaced_prior["prior"]
    plain = find_duplicates(new, prior, PARAMS, work_dir=d / "w")
    assert dropped(plain) == {
        "n-near-old": ("p-old", "near"),
        "n-exact-old": ("p-old", "exact"),
        "n-near-kept": ("p-kept", "near"),
        "n-near-fresh": ("p-old", "near"),
    }
    versions = {r["id"]: r["keeper_version"] for r in plain.duplicates.to_pylist()}
    assert versions["n-near-old"] == "1.0.0" and versions["n-near-fresh"] == "1.1.0"

    exclude = replaced_prior["exclude"]
    result = find_duplicates(
        new, prior, PARAMS, work_dir=d / "w", exclude_prior=exclude, return_pairs=True
    )
    # The two copies of the replaced text now only match each other (the smaller id is kept
    # on a tie); the live texts still win.
    assert dropped(result) == {
        "n-near-old": ("n-exact-old", "near"),
        "n-near-kept": ("p-kept", "near"),
        "n-near-fresh": ("p-old", "near"),
    }
    keepers = {(r["keeper_id"], r["keeper_version"]) for r in result.duplicates.to_pylist()}
    assert ("p-old", "1.1.0") in keepers and ("p-old", "1.0.0") not in keepers
    # pairs are named by id even though excluded documents leave gaps in the doc numbers
    assert result.pairs is not None
    linked = {frozenset((r["a"], r["b"])) for r in result.pairs.to_pylist()}
    assert frozenset(("n-near-kept", "p-kept")) in linked
    assert frozenset(("n-near-fresh", "p-old")) in linked

    # a pair naming another version excludes nothing; an empty set changes nothing
    other = find_duplicates(
        new, prior, PARAMS, work_dir=d / "w", exclude_prior=[("p-old", "9.9.9")]
    )
    assert other.duplicates.equals(plain.duplicates)
    empty = find_duplicates(new, prior, PARAMS, work_dir=d / "w", exclude_prior=[])
    assert empty.duplicates.equals(plain.duplicates)


@pytest.mark.parametrize("groups", [1, 4])
def test_band_groups_leave_excluded_prior_documents_out_too(
    replaced_prior: dict, groups: int
) -> None:
    d, new, prior = replaced_prior["dir"], replaced_prior["new"], replaced_prior["prior"]
    exclude = replaced_prior["exclude"]
    whole = find_duplicates(new, prior, PARAMS, work_dir=d / "w", exclude_prior=exclude)
    bands = band_groups(PARAMS.resolved().bands, groups)
    for excluded_in_join in (exclude, None):
        files = [
            band_candidates(
                new, prior, PARAMS, group, d / f"g{groups}-{bool(excluded_in_join)}-{i}.parquet",
                work_dir=d / "w", exclude_prior=excluded_in_join,
            )
            for i, group in enumerate(bands)
        ]  # fmt: skip
        # pairs joined with the exclusion, or without it and dropped here: the same result
        result = find_duplicates(
            new, prior, PARAMS, work_dir=d / "w", candidate_files=files, exclude_prior=exclude
        )
        assert result.duplicates.equals(whole.duplicates), excluded_in_join
        assert result.clusters == whole.clusters


def test_chained_buckets_leave_excluded_documents_out_before_chaining(tmp_path: Path) -> None:
    """A bucket over ``max_bucket`` is chained in doc order (prior documents first). An
    excluded document must leave before the chain is made, or the link it carried is lost:
    band groups therefore take the exclusion too, and then agree with the single join."""
    rng = np.random.default_rng(23)
    text = document(rng)
    same = {"text": text, "dedup_key": None}  # near links only, through the one bucket
    prior = write(
        tmp_path / "p.parquet",
        [{"id": "live", **same}] + [{"id": f"old-{i}", **same} for i in range(3)],
        dataset="ds",
        version="1.0.0",
    )
    new = write(tmp_path / "n.parquet", [{"id": f"new-{i}", **same} for i in range(3)])
    exclude = [(f"old-{i}", "1.0.0") for i in range(3)]
    options = {"work_dir": tmp_path / "w", "max_bucket": 3, "exclude_prior": exclude}
    whole = find_duplicates([new], [prior], PARAMS, **options)
    assert dropped(whole) == {f"new-{i}": ("live", "near") for i in range(3)}
    bands = band_groups(PARAMS.resolved().bands, 3)

    def apart(exclude_in_join: bool) -> dict[str, tuple[str, str]]:
        files = [
            band_candidates(
                [new], [prior], PARAMS, group, tmp_path / f"{exclude_in_join}-{i}.parquet",
                work_dir=tmp_path / "w", max_bucket=3,
                exclude_prior=exclude if exclude_in_join else None,
            )
            for i, group in enumerate(bands)
        ]  # fmt: skip
        return dropped(find_duplicates([new], [prior], PARAMS, candidate_files=files, **options))

    assert apart(True) == dropped(whole)
    # chained with the excluded documents, then cut: new-0 loses its link to "live"
    assert apart(False) == {"new-1": ("new-0", "near"), "new-2": ("new-0", "near")}


# -- publishing a release that replaces documents -------------------------------------------------


def test_publish_refuses_to_replace_what_the_previous_version_lacks(tmp_path: Path) -> None:
    cat = Catalog(tmp_path / "home")
    publish_release(
        cat,
        ReleaseRequest(
            name="med", version="1.0.0", new_documents=[shard(tmp_path / "a.parquet", 0, 5)]
        ),
    )
    with pytest.raises(CatalogError, match="not in the previous version"):
        publish_release(
            cat,
            ReleaseRequest(
                name="med",
                version="1.1.0",
                previous_version="1.0.0",
                new_documents=[shard(tmp_path / "b.parquet", 1, 1)],
                replaces=["doc-1", "doc-99"],
            ),
        )
    assert cat.versions("med") == ["1.0.0"]
    assert cat.sql("SELECT count(*) FROM superseded")[1] == [(0,)]
    assert not cat.layout.release_dir("med", "1.1.0").exists()
    release = publish_release(
        cat,
        ReleaseRequest(
            name="med",
            version="1.1.0",
            previous_version="1.0.0",
            new_documents=[shard(tmp_path / "b.parquet", 1, 1)],
            replaces=["doc-1"],
        ),
    )
    assert (release.num_documents, release.num_added, release.num_replaced) == (5, 1, 1)
    assert cat.superseded("med") == [("doc-1", "1.0.0")]


def test_a_catalog_older_than_the_superseded_table_gains_it(tmp_path: Path) -> None:
    cat = Catalog(tmp_path / "home")
    publish_release(
        cat,
        ReleaseRequest(
            name="med", version="1.0.0", new_documents=[shard(tmp_path / "a.parquet", 0, 2)]
        ),
    )
    with cat.connect() as con:
        con.execute("DROP TABLE superseded")
    assert cat.superseded("med") == []  # read-only: no table, nothing superseded
    publish_release(
        cat,
        ReleaseRequest(
            name="med",
            version="1.1.0",
            previous_version="1.0.0",
            new_documents=[shard(tmp_path / "b.parquet", 0, 1)],
            replaces=["doc-0"],
        ),
    )
    assert cat.superseded("med") == [("doc-0", "1.0.0")]


# -- a dataset whose records change between versions ----------------------------------------------


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """1.0.0 from twelve records; 1.1.0 after one record was rewritten, one slightly edited,
    one changed in a symbol only and one added; 1.2.0 with new records copying the earlier
    texts of the first two."""
    root = tmp_path_factory.mktemp("supersede")
    rng = random.Random(11)
    v1 = {f"r{i:02d}": chinese_document(rng) for i in range(12)}
    v1["r05"] += "本方案适用于年龄≥18岁的人群。"
    corpus = root / "corpus" / "a.jsonl"
    write_jsonl(corpus, [{"id": k, "text": t} for k, t in v1.items()])
    recipe = write_recipe(
        root / "recipe.yaml",
        NAME,
        [{"name": SOURCE, "type": "files", "path": "corpus", "id_field": "id"}],
        run={"workers": 1},
        publish={"max_rows_per_file": 4},
    )
    home = root / "home"
    out1 = run(recipe, home)

    v2 = dict(v1)
    v2["r03"] = chinese_document(rng)  # rewritten
    v2["r07"] = slight_edit(v1["r07"])  # a near duplicate of its published text
    v2["r05"] = v1["r05"].replace("≥", "≤")  # the same match key, another meaning
    v2["r12"] = chinese_document(rng)  # new
    write_jsonl(corpus, [{"id": k, "text": t} for k, t in v2.items()])
    out2 = run(recipe, home)

    v3 = {"g-near": slight_edit(v1["r03"]), "g-small": v1["r07"]}
    write_jsonl(root / "corpus" / "b.jsonl", [{"id": k, "text": t} for k, t in v3.items()])
    out3 = run(recipe, home)
    return {
        "home": home, "recipe": recipe, "v1": v1, "v2": v2, "v3": v3,
        "outputs": [out1, out2, out3],
    }  # fmt: skip


def test_the_slight_edit_would_be_a_near_duplicate_of_its_published_text(versions: dict) -> None:
    params = load_recipe(versions["recipe"]).dedup.params()
    assert estimated_jaccard(versions["v1"]["r07"], versions["v2"]["r07"], params) >= 0.85
    assert estimated_jaccard(versions["v1"]["r03"], versions["v2"]["r03"], params) < 0.5


def test_changed_records_replace_their_published_version(versions: dict) -> None:
    home, v2 = versions["home"], versions["v2"]
    assert Catalog(home).versions(NAME) == ["1.0.0", "1.1.0", "1.2.0"]
    rows = release_rows(home, "1.1.0")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) == 13  # one row per id
    assert {r["id"]: r["text"] for r in rows} == {doc_id(k): t for k, t in v2.items()}
    added = dict(sql(home, "SELECT id, added_in FROM documents WHERE version = '1.1.0'"))
    assert len(added) == 13
    assert {k for k in v2 if added[doc_id(k)] == "1.1.0"} == {"r03", "r05", "r07", "r12"}
    (n_docs, n_added, n_chars), = sql(
        home, "SELECT num_documents, num_added, num_chars FROM versions WHERE version = '1.1.0'"
    )  # fmt: skip
    assert (n_docs, n_added) == (13, 4)
    assert n_chars == sum(r["char_count"] for r in rows)
    superseded = sql(home, "SELECT version, id, previous_added_in FROM superseded ORDER BY id")
    assert sorted(superseded) == sorted(
        ("1.1.0", doc_id(k), "1.0.0") for k in ("r03", "r05", "r07")
    )
    # exact dedup cannot tell r05's two texts apart; the text decides, and nothing matched
    keys = sql(home, "SELECT DISTINCT dedup_key FROM documents WHERE id = ?", [doc_id("r05")])
    assert len(keys) == 1
    stats = dict(
        sql(home, "SELECT metric, value FROM run_stats WHERE version = '1.1.0' AND stage = 'dedup'")
    )
    assert stats["replaced"] == 3 and stats["already_published"] == 9
    assert stats["exact_duplicates"] == 0 and stats["near_duplicates"] == 0
    rejects = sql(home, "SELECT id, reason FROM rejects WHERE version = '1.1.0'")
    assert sorted(reason for _, reason in rejects) == ["already_published"] * 9
    assert doc_id("r07") not in {i for i, _ in rejects}  # not a duplicate of its old text
    assert "replaced (changed since published) 3" in versions["outputs"][1]
    assert "already published 9" in versions["outputs"][1]


def test_earlier_releases_stay_as_published_and_unchanged_files_are_linked(
    versions: dict,
) -> None:
    home, v1 = versions["home"], versions["v1"]
    cat = Catalog(home)
    old_files = cat.files(NAME, "1.0.0")
    v1_dir = cat.release_dir(NAME, "1.0.0")
    for f in old_files:
        assert sha256_file(v1_dir / f["path"]) == f["sha256"]
    assert {r["id"]: r["text"] for r in release_rows(home, "1.0.0")} == {
        doc_id(k): t for k, t in v1.items()
    }
    assert sql(home, "SELECT count(*) FROM documents WHERE version = '1.0.0'") == [(12,)]

    replaced = {doc_id("r03"), doc_id("r05"), doc_id("r07")}
    holding = {
        f["sha256"]
        for f in old_files
        if replaced & set(pq.read_table(v1_dir / f["path"], columns=["id"])["id"].to_pylist())
    }
    v2_dir = cat.release_dir(NAME, "1.1.0")
    manifest = json.loads((v2_dir / "manifest.json").read_text("utf-8"))
    assert manifest["num_replaced"] == 3 and manifest["num_added"] == 4
    linked = [f for f in manifest["files"] if not f["added"] and not f["rewritten"]]
    rewritten = [f for f in manifest["files"] if f["rewritten"]]
    assert len(rewritten) == len(holding) and linked
    assert {f["sha256"] for f in linked} == {f["sha256"] for f in old_files} - holding
    old_inodes = {os.stat(v1_dir / f["path"]).st_ino for f in old_files}
    for f in linked:
        assert os.stat(v2_dir / f["path"]).st_ino in old_inodes  # hard links, not copies
    for f in rewritten:
        assert f["sha256"] not in holding
        ids = set(pq.read_table(v2_dir / f["path"], columns=["id"])["id"].to_pylist())
        assert not ids & replaced and len(ids) == f["num_rows"]
    card = (v2_dir / "README.md").read_text("utf-8")
    assert "4 added in this version; 3 of the previous version's superseded" in card


def test_copies_of_replaced_texts_are_judged_against_the_release_as_it_is(
    versions: dict,
) -> None:
    """1.2.0 brings a near copy of r03's replaced text, which no release still holds, and
    r07's replaced text, which is a near copy of r07's new text: the first is published, the
    second is a duplicate of the new text, never of the replaced one."""
    home = versions["home"]
    rows = {r["id"]: r["text"] for r in release_rows(home, "1.2.0")}
    assert len(rows) == 14 and rows[doc_id("g-near")] == versions["v3"]["g-near"]
    assert doc_id("g-small") not in rows
    rejects = sql(
        home,
        "SELECT id, reason, matched_id, matched_version FROM rejects WHERE version = '1.2.0'",
    )
    assert rejects == [(doc_id("g-small"), "duplicate_near", doc_id("r07"), "1.1.0")]
    assert sql(home, "SELECT count(*) FROM superseded WHERE version = '1.2.0'") == [(0,)]
    params = load_recipe(versions["recipe"]).dedup.params()
    assert estimated_jaccard(versions["v1"]["r03"], versions["v3"]["g-near"], params) >= 0.85


# -- resuming and the band-group path ------------------------------------------------------------


def small_dataset(root: Path, seed: int) -> tuple[Path, Path, dict[str, str]]:
    """A published 1.0.0 of six records: (recipe, home, texts by record key)."""
    rng = random.Random(seed)
    texts = {f"r{i}": chinese_document(rng) for i in range(6)}
    write_jsonl(root / "corpus" / "a.jsonl", [{"id": k, "text": t} for k, t in texts.items()])
    recipe = write_recipe(
        root / "recipe.yaml",
        NAME,
        [{"name": SOURCE, "type": "files", "path": "corpus", "id_field": "id"}],
        run={"workers": 1},
    )
    run(recipe, root / "home")
    return recipe, root / "home", texts


def write_corpus(root: Path, texts: dict[str, str]) -> None:
    write_jsonl(root / "corpus" / "a.jsonl", [{"id": k, "text": t} for k, t in texts.items()])


def ingest_and_process(recipe: Recipe, catalog: Catalog) -> tuple:
    """(plan, ingests, processed, signature files) of the next run, stage by stage."""
    plan = stages.plan_run(recipe, catalog)
    ingests = [stages.ingest_partition(recipe, p, plan.work_dir) for p in plan.partitions]
    shards = stages.iter_shards(ingests)
    processed = [stages.process_shard(recipe, s, plan.work_dir) for s in shards]
    return plan, ingests, processed, [p["signatures"] for p in processed if p["signatures"]]


def test_a_publish_that_fails_after_replacing_is_resumed_without_doubling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recipe_path, home, texts = small_dataset(tmp_path, 3)
    texts["r2"] = chinese_document(random.Random(4))
    write_corpus(tmp_path, texts)
    recipe, catalog = load_recipe(recipe_path), Catalog(home)

    def stages_once() -> tuple:
        plan, ingests, processed, sigs = ingest_and_process(recipe, catalog)
        return plan, ingests, processed, stages.dedup_stage(recipe, catalog, plan, sigs)

    plan, ingests, processed, dedup = stages_once()
    assert dedup["replaced"] == [[doc_id("r2"), "1.0.0"]] and len(dedup["already_published"]) == 5

    def boom(*_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("catalogs.publish._refresh_documents_view", boom)
    with pytest.raises(RuntimeError):
        flow.publish_task.fn(recipe, home, plan, ingests, processed, dedup)
    monkeypatch.undo()
    assert catalog.versions(NAME) == ["1.0.0"] and catalog.superseded(NAME) == []

    plan, ingests, processed, dedup = stages_once()  # every stage from its manifest
    assert dedup.get("skipped") and all(p.get("skipped") for p in processed)
    published = flow.publish_task.fn(recipe, home, plan, ingests, processed, dedup)
    assert (published["num_documents"], published["num_added"]) == (6, 1)
    rows = release_rows(home, "1.1.0")
    assert sorted(r["id"] for r in rows) == sorted(doc_id(k) for k in texts)
    assert {r["id"]: r["text"] for r in rows}[doc_id("r2")] == texts["r2"]
    assert catalog.superseded(NAME) == [(doc_id("r2"), "1.0.0")]


def test_the_band_group_path_leaves_replaced_texts_out_like_the_single_join(
    tmp_path: Path,
) -> None:
    """What a Ray run does (band groups as tasks, then clustering) on a run that replaces
    documents gives the local run's outcome: no replaced text matches anything."""
    recipe_path, home, texts = small_dataset(tmp_path, 5)
    old = dict(texts)
    texts["r1"] = slight_edit(old["r1"])
    texts["r2"] = chinese_document(random.Random(6))
    texts["copy-of-old-r2"] = slight_edit(old["r2"])
    write_corpus(tmp_path, texts)
    apart_home = tmp_path / "apart"
    shutil.copytree(home, apart_home)
    recipe = load_recipe(recipe_path)

    local = Catalog(home)
    plan, _, _, sigs = ingest_and_process(recipe, local)
    single = stages.dedup_stage(recipe, local, plan, sigs)

    catalog = Catalog(apart_home)
    plan, _, _, sigs = ingest_and_process(recipe, catalog)
    prior = stages.prior_index_files(catalog, NAME, recipe.dedup.params())
    exclude = stages.published_stage(catalog, plan)["exclude_prior"]
    assert exclude is not None
    groups = band_groups(recipe.dedup.params().bands or 1, 3)
    pairs = [
        stages.band_stage(recipe, plan, sigs, prior[0], bands, i, exclude)
        for i, bands in enumerate(groups)
    ]
    apart = stages.dedup_stage(recipe, catalog, plan, sigs, prior=prior, candidate_files=pairs)

    for result in (single, apart):
        assert sorted(result["replaced"]) == sorted(
            [[doc_id("r1"), "1.0.0"], [doc_id("r2"), "1.0.0"]]
        )
        assert (result["exact"], result["near"], result["excluded_prior"]) == (0, 0, 2)
    assert apart["band_join_tasks"] == 3
    # without the exclusion both edits would be near duplicates of r1's and r2's old texts
    params = recipe.dedup.params()
    assert estimated_jaccard(old["r1"], texts["r1"], params) >= 0.85
    assert estimated_jaccard(old["r2"], texts["copy-of-old-r2"], params) >= 0.85
