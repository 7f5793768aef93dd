"""The same build on a local Ray instance through prefect-ray: identical release and clusters."""

from __future__ import annotations

import importlib.util
import os
import random
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import catalogs
from pipelines.cli import app
from tests.helpers import chinese_document, write_jsonl, write_recipe

pytestmark = pytest.mark.e2e
runner = CliRunner()

if importlib.util.find_spec("prefect_ray") is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must test the Ray path: pip install -e '.[test]' installs it")
    pytest.skip("prefect-ray is not installed (pip install 'hqdata[ray]')", allow_module_level=True)


def _corpus(root: Path) -> None:
    rng = random.Random(17)
    docs = [chinese_document(rng) for _ in range(30)]
    first = [{"id": f"a{i}", "text": t} for i, t in enumerate(docs[:20])]
    second = [{"id": f"b{i}", "text": t} for i, t in enumerate(docs[20:])]
    second.append({"id": "b-exact", "text": docs[2]})
    for k in (5, 12, 25):
        sentences = docs[k].split("。")
        near = "。".join([*sentences[:-2], "这里补充了一句新的说明", *sentences[-2:]])
        second.append({"id": f"b-near-{k}", "text": near})
    write_jsonl(root / "a.jsonl", first)
    write_jsonl(root / "b.jsonl", second)


def _dedup_rows(home: Path, name: str) -> list[tuple]:
    rejects = catalogs.Catalog(home).layout.rejects_dir(name, "1.0.0")
    rows = [r for p in sorted(rejects.glob("*.parquet")) for r in pq.read_table(p).to_pylist()]
    return sorted(
        (r["id"], r["reason"], r["matched_id"], round(r["similarity"], 6))
        for r in rows
        if r["stage"] == "dedup"
    )


def test_ray_build_equals_the_local_build(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus")
    source = [{"name": "notes", "type": "files", "path": "corpus", "id_field": "id"}]
    homes = {}
    for executor in ("local", "ray"):
        run = {"workers": 2, "shard_rows": 8, "executor": executor}
        if executor == "ray":
            run["band_groups"] = 3
        recipe = write_recipe(tmp_path / f"{executor}.yaml", "ray-zh", source, run=run)
        homes[executor] = tmp_path / executor
        result = runner.invoke(app, ["run", str(recipe), "--home", str(homes[executor]), "-q"])
        assert result.exit_code == 0, result.output
    local = catalogs.read_table("ray-zh", home=homes["local"], columns=["id", "text"])
    on_ray = catalogs.read_table("ray-zh", home=homes["ray"], columns=["id", "text"])
    assert sorted(local.to_pylist(), key=str) == sorted(on_ray.to_pylist(), key=str)
    dedup = _dedup_rows(homes["local"], "ray-zh")
    assert [r[1] for r in dedup].count("duplicate_exact") == 1
    assert [r[1] for r in dedup].count("duplicate_near") == 3
    assert _dedup_rows(homes["ray"], "ray-zh") == dedup
    tasks = {}
    for executor, home in homes.items():
        with catalogs.Catalog(home).connect(read_only=True) as con:
            (tasks[executor],) = con.execute(
                "SELECT value FROM run_stats WHERE metric = 'band_join_tasks'"
            ).fetchone()
    assert tasks == {"local": 0, "ray": 3}  # the band join ran as three Ray tasks
    assert not list((homes["ray"] / "work").glob("*/*"))  # run state cleared after publishing
