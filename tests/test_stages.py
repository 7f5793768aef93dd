"""Unit tests of the pipeline stages, without Prefect."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from catalogs import REJECT_SCHEMA, Catalog
from connectors import DOCUMENT_SCHEMA, Document, Partition
from connectors.errors import SourceError
from connectors.registry import SOURCE_TYPES
from pipelines import stages
from pipelines.cli import app
from pipelines.recipe import Recipe, load_recipe
from tests.helpers import chinese_document, write_jsonl, write_recipe


def setup(tmp_path: Path, docs: int = 12) -> tuple[Path, Path]:
    rng = random.Random(5)
    records = [{"id": str(i), "text": chinese_document(rng)} for i in range(docs)]
    records.append({"id": "short", "text": "太短了。"})
    records.append({"id": "dup", "text": records[0]["text"]})
    write_jsonl(tmp_path / "corpus" / "a.jsonl", records)
    write_jsonl(tmp_path / "corpus" / "b.jsonl", [{"id": "b", "text": chinese_document(rng)}])
    recipe = write_recipe(
        tmp_path / "recipe.yaml",
        "unit-zh",
        [{"name": "notes", "type": "files", "path": "corpus", "id_field": "id"}],
        run={"shard_rows": 5},
    )
    return recipe, tmp_path / "home"


def test_plan_is_stable_and_lists_every_partition(tmp_path: Path) -> None:
    recipe_path, home = setup(tmp_path)
    recipe = load_recipe(recipe_path)
    plan = stages.plan_run(recipe, Catalog(home))
    assert plan.version == "1.0.0" and plan.base_version is None
    assert [Path(p.partition.uri).name for p in plan.partitions] == ["a.jsonl", "b.jsonl"]
    assert stages.plan_run(recipe, Catalog(home)).run_key == plan.run_key
    (tmp_path / "corpus" / "b.jsonl").write_text('{"id": "b", "text": "改了"}\n', "utf-8")
    assert stages.plan_run(recipe, Catalog(home)).run_key != plan.run_key


def test_ingest_shards_and_resumes_from_its_manifest(tmp_path: Path) -> None:
    recipe_path, home = setup(tmp_path)
    recipe = load_recipe(recipe_path)
    plan = stages.plan_run(recipe, Catalog(home))
    first = stages.ingest_partition(recipe, plan.partitions[0], plan.work_dir)
    assert first["documents"] == 14 and len(first["shards"]) == 3  # 5 + 5 + 4
    assert pq.read_schema(first["shards"][0]) == DOCUMENT_SCHEMA
    again = stages.ingest_partition(recipe, plan.partitions[0], plan.work_dir)
    assert again["skipped"] and again["shards"] == first["shards"]


def test_process_annotates_keeps_rejects_and_signs(tmp_path: Path) -> None:
    recipe_path, home = setup(tmp_path)
    recipe = load_recipe(recipe_path)
    plan = stages.plan_run(recipe, Catalog(home))
    ingest = stages.ingest_partition(recipe, plan.partitions[0], plan.work_dir)
    results = [stages.process_shard(recipe, s, plan.work_dir) for s in ingest["shards"]]
    kept = sum(r["kept_count"] for r in results)
    rejected = sum(r["rejected_count"] for r in results)
    assert kept + rejected == 14
    assert any(r["reasons"].get("min_chars") for r in results)
    table = pq.read_table(results[0]["kept"])
    row = table.to_pylist()[0]
    assert row["language"] == "zh" and row["script"] == "Hans" and row["han_ratio"] > 0.8
    assert 0.0 <= row["quality_score"] <= 1.0 and row["dedup_key"]
    assert "signals" in json.loads(row["signals"])
    rejects = [r for r in results if r["rejects"]]
    assert pq.read_schema(rejects[0]["rejects"]).names == REJECT_SCHEMA.names
    assert pq.read_table(results[0]["signatures"]).num_rows == results[0]["kept_count"]


def _ingest_and_process(
    recipe: Recipe, catalog: Catalog
) -> tuple[stages.RunPlan, list[dict], list[dict], list[str]]:
    """Plan, ingest and process a recipe's run: (plan, ingests, processed, signature files)."""
    plan = stages.plan_run(recipe, catalog)
    ingests = [stages.ingest_partition(recipe, p, plan.work_dir) for p in plan.partitions]
    processed = [
        stages.process_shard(recipe, s, plan.work_dir) for s in stages.iter_shards(ingests)
    ]
    return plan, ingests, processed, [p["signatures"] for p in processed if p["signatures"]]


def test_dedup_and_finalize_remove_the_exact_copy(tmp_path: Path) -> None:
    recipe_path, home = setup(tmp_path)
    recipe = load_recipe(recipe_path)
    catalog = Catalog(home)
    plan, ingests, processed, sigs = _ingest_and_process(recipe, catalog)
    dedup = stages.dedup_stage(recipe, catalog, plan, sigs)
    assert dedup["exact"] == 1
    final = stages.finalize(plan, ingests, processed, dedup)
    published = sum(pq.read_metadata(p).num_rows for p in final.documents)
    assert published == final.stats["quality"]["kept"] - 1
    assert final.stats["dedup"]["exact_duplicates"] == 1
    dup_rows = [
        r for p in final.rejects for r in pq.read_table(p).to_pylist() if r["stage"] == "dedup"
    ]
    assert len(dup_rows) == 1 and dup_rows[0]["reason"] == "duplicate_exact"
    assert dup_rows[0]["matched_id"] and dup_rows[0]["similarity"] == 1.0


def test_exact_verification_reads_the_kept_text_again(tmp_path: Path) -> None:
    recipe_path, home = setup(tmp_path)
    recipe = load_recipe(recipe_path)
    recipe.dedup.verify = "exact"
    catalog = Catalog(home)
    plan, _, processed, sigs = _ingest_and_process(recipe, catalog)
    shingles_of = stages._text_shingles(recipe, catalog, plan)
    kept = pq.read_table(processed[0]["kept"])
    sets = shingles_of(kept["id"].to_pylist()[:2])
    assert len(sets) == 2 and all(len(v) > 10 for v in sets.values())
    dedup = stages.dedup_stage(recipe, catalog, plan, sigs)
    assert dedup["exact"] == 1 and dedup["near"] == 0


def _pii_recipe(tmp_path: Path, mode: str) -> Path:
    rng = random.Random(9)
    text = chinese_document(rng) + "如有疑问请致电13812345678或发送邮件至service@example.com。"
    write_jsonl(tmp_path / "corpus" / "a.jsonl", [{"id": "1", "text": text}])
    return write_recipe(
        tmp_path / "recipe.yaml",
        "pii-zh",
        [{"name": "notes", "type": "files", "path": "corpus", "id_field": "id"}],
        pii={"mode": mode},
    )


def _process_one(recipe_path: Path, home: Path) -> dict:
    recipe = load_recipe(recipe_path)
    plan = stages.plan_run(recipe, Catalog(home))
    ingest = stages.ingest_partition(recipe, plan.partitions[0], plan.work_dir)
    return stages.process_shard(recipe, ingest["shards"][0], plan.work_dir)


def test_pii_is_annotated_redacted_or_dropped(tmp_path: Path) -> None:
    annotated = _process_one(_pii_recipe(tmp_path / "a", "annotate"), tmp_path / "a" / "home")
    assert annotated["pii"] == {"mobile": 1, "email": 1} and annotated["kept_count"] == 1
    row = pq.read_table(annotated["kept"]).to_pylist()[0]
    assert "13812345678" in row["text"]
    assert json.loads(row["signals"])["pii"] == {"mobile": 1, "email": 1}

    redacted = _process_one(_pii_recipe(tmp_path / "r", "redact"), tmp_path / "r" / "home")
    text = pq.read_table(redacted["kept"]).to_pylist()[0]["text"]
    assert "13812345678" not in text and "<mobile>" in text and "<email>" in text

    dropped = _process_one(_pii_recipe(tmp_path / "d", "drop"), tmp_path / "d" / "home")
    assert dropped["kept_count"] == 0 and dropped["reasons"] == {"contains_pii": 1}


def test_domains_are_tagged_and_a_trained_model_can_replace_the_lexicon(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipelines.cli import app
    from tests.domain_eval import make_eval_set

    split = make_eval_set(per_domain=30, per_pair=6)
    train = tmp_path / "train.jsonl"
    test = tmp_path / "test.jsonl"
    write_jsonl(train, [{"text": d.text, "domains": list(d.labels)} for d in split.train])
    write_jsonl(test, [{"text": d.text, "domains": list(d.labels)} for d in split.test])
    result = CliRunner().invoke(
        app, ["train-domains", str(train), "-o", str(tmp_path / "model"), "--eval", str(test)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output[result.output.index("{") :])["micro_f1"] >= 0.9

    docs = [d for d in split.test if d.labels == ("medical",)][:3]
    write_jsonl(
        tmp_path / "corpus" / "a.jsonl",
        [{"id": str(i), "text": d.text} for i, d in enumerate(docs)],
    )
    for mode, extra in (("lexicon", {}), ("model", {"model": "model"})):
        recipe = write_recipe(
            tmp_path / f"{mode}.yaml",
            "dom-zh",
            [{"name": "notes", "type": "files", "path": "corpus", "id_field": "id"}],
            domains={"mode": mode, **extra},
        )
        result = _process_one(recipe, tmp_path / f"home-{mode}")
        rows = pq.read_table(result["kept"]).to_pylist()
        assert rows and all(r["domain"] == "medical" for r in rows), mode
        assert json.loads(rows[0]["signals"])["domains"][0][0] == "medical"


class _FailsOnce:
    """A source whose one partition breaks after three documents on its first read."""

    reads = 0

    def __init__(self, name: str, base_dir: Path | None = None) -> None:
        self.name = name

    def partitions(self) -> list[Partition]:
        return [Partition(self.name, "flaky://feed", "jsonl", 6, "state-2")]

    def read(self, partition: Partition) -> Iterator[Document]:
        type(self).reads += 1
        rng = random.Random(5)
        for i in range(6):
            if i == 3 and type(self).reads == 1:
                raise SourceError("connection reset", source=self.name)
            yield Document(id=f"f{i}", text=chinese_document(rng), source=self.name,
                           uri=f"flaky://feed#{i}")  # fmt: skip


def test_a_partition_that_fails_part_way_is_read_again_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(SOURCE_TYPES, "fails-once", _FailsOnce)
    recipe = write_recipe(tmp_path / "recipe.yaml", "flaky",
                          [{"name": "feed", "type": "fails-once"}], run={"workers": 1})  # fmt: skip
    home = tmp_path / "home"
    result = CliRunner().invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    catalog = Catalog(home)
    assert catalog.cursors("flaky", "feed") == {"flaky://feed": ""}  # not taken as consumed
    result = CliRunner().invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    assert catalog.cursors("flaky", "feed") == {"flaky://feed": "state-2"}
    with catalog.connect(read_only=True) as con:
        rows = con.execute(
            "SELECT version, count(*) FROM documents WHERE dataset = 'flaky' GROUP BY 1 ORDER BY 1"
        ).fetchall()
        (broke,) = con.execute(
            "SELECT detail FROM rejects WHERE dataset = 'flaky' AND reason = 'source_error'"
        ).fetchone()
    assert rows == [("1.0.0", 3), ("1.1.0", 6)] and "connection reset" in broke
