"""The Hugging Face connector on datasets the tests make: save_to_disk folders, Parquet and
JSON Lines files; a hub name fails fast and clearly offline. The hub path itself is tested in
test_connectors_hub.py."""

from __future__ import annotations

import random
import time
from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import catalogs
from connectors import Document, Quarantined
from connectors.errors import SourceError
from connectors.huggingface import HuggingFaceSource
from connectors.registry import make_source
from pipelines.cli import app
from tests.helpers import chinese_document, write_jsonl, write_recipe

runner = CliRunner()


def _rows(n: int, seed: int, start: int = 0) -> dict[str, list]:
    rng = random.Random(seed)
    texts: list = [chinese_document(rng) for _ in range(n)]
    texts[1] = None  # a missing text
    texts[2] = "   "  # a blank one
    return {"uid": [f"r{start + i}" for i in range(n)], "content": texts,
            "headline": [f"标题{start + i}" for i in range(n)]}  # fmt: skip


def _items(source: HuggingFaceSource) -> list[Document | Quarantined]:
    return [item for part in source.partitions() for item in source.read(part)]


def test_a_save_to_disk_dataset_dict_maps_columns_and_quarantines(tmp_path: Path) -> None:
    dd = datasets.DatasetDict({"train": datasets.Dataset.from_dict(_rows(8, 1)),
                               "test": datasets.Dataset.from_dict(_rows(4, 2))})  # fmt: skip
    dd.save_to_disk(tmp_path / "saved")
    source = make_source(
        {"name": "hf", "type": "huggingface", "dataset": "saved", "split": "train",
         "text_column": "content", "id_column": "uid", "title_column": "headline",
         "keep_columns": ["uid"], "license": "CC-BY-SA-4.0"},
        tmp_path,
    )  # fmt: skip
    items = _items(source)
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 6 and sorted(i.reason for i in items if isinstance(i, Quarantined)) == [
        "empty_text", "empty_text"]  # fmt: skip
    assert docs[0].title == "标题0" and docs[0].metadata == {"uid": "r0"}
    assert docs[0].license == "CC-BY-SA-4.0" and docs[0].uri.endswith(".arrow#0")
    test_split = HuggingFaceSource("hf", str(tmp_path / "saved"), split="test",
                                   text_column="content")  # fmt: skip
    assert len([i for i in _items(test_split) if isinstance(i, Document)]) == 2
    with pytest.raises(SourceError, match="no split 'dev'"):
        HuggingFaceSource("hf", str(tmp_path / "saved"), split="dev").partitions()


def test_data_files_are_one_partition_each_and_limit_applies(tmp_path: Path) -> None:
    data = tmp_path / "files"
    data.mkdir()
    datasets.Dataset.from_dict(_rows(5, 3)).to_parquet(data / "a.parquet")
    rows = _rows(5, 4, start=5)
    write_jsonl(data / "b.jsonl", [dict(zip(rows, values, strict=True))
                                   for values in zip(*rows.values(), strict=True)])  # fmt: skip
    source = HuggingFaceSource("hf", str(data), text_column="content", id_column="uid")
    parts = source.partitions()
    assert [p.format for p in parts] == ["parquet", "json"]
    items = _items(source)
    assert len([i for i in items if isinstance(i, Document)]) == 6
    limited = HuggingFaceSource("hf", str(data), text_column="content", limit=2)
    assert len(_items(limited)) == 4  # two per partition
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourceError, match="no Parquet"):
        HuggingFaceSource("hf", str(tmp_path / "empty")).partitions()


def test_a_data_file_broken_past_its_first_rows_stops_only_its_partition(tmp_path: Path) -> None:
    rng = random.Random(9)
    table = pa.table({"id": [f"r{i}" for i in range(200)],
                      "text": [chinese_document(rng) for _ in range(200)]})  # fmt: skip
    path = tmp_path / "data" / "part.parquet"
    path.parent.mkdir()
    pq.write_table(table, path, row_group_size=50, compression="none")
    damaged = bytearray(path.read_bytes())
    start = pq.ParquetFile(path).metadata.row_group(2).column(1).data_page_offset
    damaged[start + 20 : start + 4000] = b"\xff" * 3980  # the third row group's text pages
    path.write_bytes(bytes(damaged))
    source = HuggingFaceSource("hf", str(tmp_path / "data"), text_column="text", id_column="id")
    (part,) = source.partitions()
    read: list[Document | Quarantined] = []
    with pytest.raises(SourceError, match=r"after \d+ rows: OSError") as failure:
        read.extend(source.read(part))
    assert len(read) >= 50 and all(isinstance(d, Document) for d in read)  # kept, in order
    assert read[0].text == table["text"][0].as_py() and part.uri in str(failure.value)


def test_a_hub_name_fails_fast_and_clearly_offline() -> None:
    # This session is offline (conftest.py); huggingface_hub read HF_ENDPOINT when imported, so
    # an unreachable endpoint is tested in a child process in test_connectors_hub.py.
    source = HuggingFaceSource("hf", "example-org/chinese-news", split="train")
    started = time.monotonic()
    with pytest.raises(SourceError, match="cannot reach dataset 'example-org/chinese-news' on the "
                       "Hugging Face Hub: OfflineModeIsEnabled"):  # fmt: skip
        source.partitions()
    assert time.monotonic() - started < 15
    with pytest.raises(SourceError, match="not a hub name"):
        HuggingFaceSource("hf", "no/such/local/path")


@pytest.mark.e2e
def test_a_recipe_reads_only_the_new_file_the_second_time(tmp_path: Path) -> None:
    data = tmp_path / "hf"
    data.mkdir()
    datasets.Dataset.from_dict(_rows(10, 5)).to_parquet(data / "part-0.parquet")
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "hf-zh",
        [{"name": "hub", "type": "huggingface", "dataset": "hf", "text_column": "content",
          "id_column": "uid"}],
        run={"workers": 1},
    )  # fmt: skip
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    datasets.Dataset.from_dict(_rows(6, 6, start=10)).to_parquet(data / "part-1.parquet")
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    with catalogs.Catalog(home).connect(read_only=True) as con:
        rows = con.execute(
            "SELECT version, documents_read, quarantined FROM lineage WHERE dataset = 'hf-zh' "
            "ORDER BY version"
        ).fetchall()
    assert rows == [("1.0.0", 8, 2), ("1.1.0", 4, 2)]
