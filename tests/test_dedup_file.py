"""`hqdata dedup` on files outside a recipe: one row per document, clusters, quarantine."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.dedup_file import dedup_path
from quality.dedup import MinHashParams
from tests.helpers import chinese_document, write_jsonl

runner = CliRunner()


def _corpus(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Originals, an exact copy (other punctuation width), a near copy, an English pair."""
    rng = random.Random(3)
    originals = {f"doc{i}": chinese_document(rng, sentences=8) for i in range(30)}
    records = [{"id": k, "text": v} for k, v in originals.items()]
    records.append({"id": "exact-of-3", "text": originals["doc3"].replace("，", ",")})
    sentences = originals["doc7"].split("。")
    near = "。".join([*sentences[:-2], "这是新加的一句话", *sentences[-2:]])
    records.append({"id": "near-of-7", "text": near})
    english = (
        "The committee met on Monday to discuss the new budget plan for the coming year, and "
        "after a long debate it agreed to fund the library, the clinic and the new school. "
        "Members of the public asked why the bus service to the northern villages had been "
        "cut twice in three years, and the chair promised a written answer within a month. "
        "The next meeting will review the water supply contract and the repair of the old "
        "bridge over the river, which has been closed to heavy traffic since the spring."
    )  # one word changed: 5 of about 85 word 5-grams differ
    records.append({"id": "en", "text": english})
    records.append({"id": "en-edit", "text": english.replace("Monday", "Tuesday")})
    path = write_jsonl(tmp_path / "in" / "docs.jsonl", records)
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "broken"\n')
        fh.write(json.dumps({"id": "blank", "text": "  "}) + "\n")
    return path, {r["id"]: r["text"] for r in records}


def test_dedup_writes_one_row_per_document_with_its_cluster(tmp_path: Path) -> None:
    src, _ = _corpus(tmp_path)
    out = tmp_path / "out.parquet"
    result = runner.invoke(app, ["dedup", str(src), "--threshold", "0.8", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "34 documents: 31 kept, 1 exact and 2 near duplicates" in result.output
    assert "invalid_json 1, empty_text 1" in result.output
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == 34
    assert [r["uri"].rsplit("#L", 1)[1] for r in rows] == [str(i) for i in range(1, 35)]
    by_line = {int(r["uri"].rsplit("#L", 1)[1]): r for r in rows}
    pairs = {"doc3": (4, 31), "doc7": (8, 32), "en": (33, 34)}
    for name, (a, b) in pairs.items():
        ra, rb = by_line[a], by_line[b]
        assert ra["cluster"] == rb["cluster"], name
        assert ra["keep"] != rb["keep"], name
        dropped = ra if not ra["keep"] else rb
        kept = rb if dropped is ra else ra
        assert dropped["cluster_uri"] == kept["uri"]
        assert dropped["similarity"] >= 0.8 and kept["similarity"] is None
    assert by_line[31]["keep"] is False or by_line[4]["keep"] is False
    assert {by_line[31]["kind"], by_line[4]["kind"]} == {"exact", None}
    singles = [r for line, r in by_line.items() if line not in {4, 31, 8, 32, 33, 34}]
    assert all(r["keep"] and r["cluster"] == r["id"] for r in singles)
    quarantine = pq.read_table(out.with_suffix(".quarantined.parquet")).to_pylist()
    assert sorted(r["reason"] for r in quarantine) == ["empty_text", "invalid_json"]


def test_dedup_api_on_a_folder_and_on_nothing(tmp_path: Path) -> None:
    src, _ = _corpus(tmp_path)
    summary = dedup_path(src.parent, tmp_path / "a.parquet", MinHashParams(threshold=0.9))
    assert summary.documents == 34 and summary.exact == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    summary = dedup_path(empty, tmp_path / "none.parquet", MinHashParams())
    table = pq.read_table(tmp_path / "none.parquet")
    assert summary.documents == 0 and table.num_rows == 0
    assert table.column_names == [
        "id", "uri", "cluster", "cluster_uri", "keep", "kind", "similarity"
    ]  # fmt: skip


def test_exact_verification_gives_the_same_clusters_with_exact_similarities(
    tmp_path: Path,
) -> None:
    src, _ = _corpus(tmp_path)
    rows = {}
    for verify in ("estimated", "exact"):
        out = tmp_path / f"{verify}.parquet"
        result = runner.invoke(app, ["dedup", str(src), "-o", str(out), "--verify", verify])
        assert result.exit_code == 0, result.output
        rows[verify] = pq.read_table(out).to_pylist()
    assert [(r["id"], r["cluster"], r["keep"]) for r in rows["exact"]] == [
        (r["id"], r["cluster"], r["keep"]) for r in rows["estimated"]
    ]
    near = [r for r in rows["exact"] if r["kind"] == "near"]
    assert near and all(0.8 <= r["similarity"] < 1.0 for r in near)
    bad = runner.invoke(app, ["dedup", str(src), "--verify", "maybe"])
    assert bad.exit_code == 2 and "--verify" in bad.output


def test_explain_prints_the_s_curve_without_input() -> None:
    result = runner.invoke(app, ["dedup", "--explain", "--threshold", "0.8"])
    assert result.exit_code == 0, result.output
    assert "13 bands x 7 rows" in result.output
    assert "<- threshold" in result.output and "P(candidate)" in result.output
    bad = runner.invoke(app, ["dedup", "--explain", "--threshold", "1.5"])
    assert bad.exit_code == 2 and "threshold" in bad.output
    missing = runner.invoke(app, ["dedup"])
    assert missing.exit_code == 2 and "input path" in missing.output
