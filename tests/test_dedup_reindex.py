"""A release indexed under another MinHash scheme is re-indexed once, not mixed or refused."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import catalogs
from pipelines.cli import app
from quality.dedup import file_scheme
from tests.helpers import chinese_document, write_jsonl, write_recipe

pytestmark = pytest.mark.e2e
runner = CliRunner()


def _make_old_scheme(index_file: Path) -> None:
    """Rewrite a published index file as if an earlier scheme had made it."""
    table = pq.read_table(index_file)
    scheme = json.loads(table.schema.metadata[b"hqdata.minhash"])
    scheme["scheme"] = "hqdata-minhash-v1"
    meta = {b"hqdata.minhash": json.dumps(scheme).encode()}
    pq.write_table(table.replace_schema_metadata(meta), index_file)


def test_old_index_is_reindexed_from_the_release_and_still_finds_duplicates(
    tmp_path: Path,
) -> None:
    rng = random.Random(21)
    first = [{"id": f"a{i}", "text": chinese_document(rng)} for i in range(20)]
    write_jsonl(tmp_path / "corpus" / "a.jsonl", first)
    recipe = write_recipe(
        tmp_path / "recipe.yaml",
        "reindex-zh",
        [{"name": "notes", "type": "files", "path": "corpus", "id_field": "id"}],
        run={"workers": 1},
    )
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    index = catalogs.Catalog(home).layout.index_dir("reindex-zh", "1.0.0")
    (published,) = sorted(index.glob("*.parquet"))
    _make_old_scheme(published)

    # the next batch repeats one published document and edits another
    sentences = first[4]["text"].split("。")
    near = "。".join([*sentences[:-2], "这是后来补充的一句话", *sentences[-2:]])
    batch = [
        {"id": "b-copy", "text": first[3]["text"]},
        {"id": "b-near", "text": near},
        {"id": "b-new", "text": chinese_document(rng)},
    ]
    write_jsonl(tmp_path / "corpus" / "b.jsonl", batch)
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home)])
    assert result.exit_code == 0, result.output
    assert "re-indexed" in " ".join(result.output.split()), result.output
    rebuilt = [d for d in index.iterdir() if d.is_dir()]
    assert len(rebuilt) == 1 and rebuilt[0].name.startswith("hqdata-oph-v2-")
    (signatures,) = sorted(rebuilt[0].glob("*.parquet"))
    assert file_scheme(signatures)["scheme"] == "hqdata-oph-v2"
    table = pq.read_table(signatures)
    assert table.num_rows == 20 and set(table["version"].to_pylist()) == {"1.0.0"}
    assert all(table["prior"].to_pylist())
    assert file_scheme(published)["scheme"] == "hqdata-minhash-v1"  # left as published

    with catalogs.Catalog(home).connect(read_only=True) as con:
        rows = con.execute(
            "SELECT reason, matched_version FROM rejects WHERE dataset = 'reindex-zh' "
            "AND version = '1.1.0' AND stage = 'dedup' ORDER BY reason"
        ).fetchall()
    assert rows == [("duplicate_exact", "1.0.0"), ("duplicate_near", "1.0.0")]
    assert catalogs.read_table("reindex-zh", home=home).num_rows == 21
