"""A run killed mid-way resumes to the same release; bad input never stops a run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import catalogs
from pipelines.cli import app
from tests.helpers import chinese_document, write_jsonl, write_recipe

pytestmark = pytest.mark.e2e
runner = CliRunner()


def make_corpus(root: Path, files: int, per_file: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for f in range(files):
        write_jsonl(
            root / f"part-{f:03d}.jsonl",
            [{"id": f"{f}-{i}", "text": chinese_document(rng)} for i in range(per_file)],
        )


def release_content(home: Path, name: str) -> list[tuple[str, str]]:
    table = catalogs.read_table(name, home=home, columns=["id", "text"])
    return sorted(zip(table["id"].to_pylist(), table["text"].to_pylist(), strict=True))


def test_killed_run_resumes_and_publishes_the_same_release(tmp_path: Path) -> None:
    make_corpus(tmp_path / "corpus", files=12, per_file=40)
    recipe = write_recipe(
        tmp_path / "recipe.yaml",
        "resume-zh",
        [{"name": "notes", "type": "files", "path": "corpus", "id_field": "id"}],
        run={"workers": 1, "shard_rows": 8},
    )
    home = tmp_path / "home"
    env = os.environ | {"PYTHONPATH": str(Path(__file__).parents[1])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "run", str(recipe), "--home", str(home), "-q"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    finished: list[Path] = []
    while time.monotonic() < deadline and proc.poll() is None:
        finished = list((home / "work").glob("resume-zh/*/process/*.json"))
        if len(finished) >= 5:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed"
    assert len(finished) >= 5
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert catalogs.Catalog(home).versions("resume-zh") == []

    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    assert "Resumed an interrupted run" in result.output
    assert not list((home / "work").glob("resume-zh/*"))  # run state cleared after publish

    clean_home = tmp_path / "clean"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(clean_home), "-q"])
    assert result.exit_code == 0, result.output
    assert release_content(home, "resume-zh") == release_content(clean_home, "resume-zh")


def test_bad_inputs_are_quarantined_and_the_run_completes(tmp_path: Path) -> None:
    rng = random.Random(3)
    corpus = tmp_path / "corpus"
    good = [{"id": f"g{i}", "text": chinese_document(rng)} for i in range(5)]
    lines = [json.dumps(r, ensure_ascii=False) for r in good]
    lines.insert(2, '{"id": "broken", "text": "没有结束的引号}')
    lines.insert(4, "not json at all")
    (corpus / "jsonl").mkdir(parents=True)
    (corpus / "jsonl" / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    text_dir = corpus / "text"
    text_dir.mkdir()
    gbk_text = chinese_document(rng) + chinese_document(rng, sentences=6)
    (text_dir / "gbk.txt").write_bytes(gbk_text.encode("gbk"))
    (text_dir / "empty.txt").write_bytes(b"")
    (text_dir / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (text_dir / "huge.txt").write_text(chinese_document(rng) * 4000, encoding="utf-8")
    big = "".join(chinese_document(rng) for _ in range(2000))  # ~1 MB of varied text
    (text_dir / "big.txt").write_text(big, encoding="utf-8")
    recipe = write_recipe(
        tmp_path / "recipe.yaml",
        "bad-input",
        [
            {"name": "jsonl", "type": "files", "path": "corpus/jsonl", "id_field": "id"},
            {
                "name": "text",
                "type": "files",
                "path": "corpus/text",
                "max_document_bytes": 3_000_000,
            },
        ],
    )
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    cat = catalogs.Catalog(home)
    reasons = dict(
        cat.sql("SELECT reason, count(*) FROM rejects WHERE stage = 'ingest' GROUP BY reason")[1]
    )
    assert reasons.get("invalid_json") == 2
    assert reasons.get("empty_file") == 1
    assert reasons.get("binary_file") == 1
    assert reasons.get("document_too_large") == 1
    where = dict(cat.sql("SELECT reason, uri FROM rejects WHERE reason = 'invalid_json'")[1])
    assert "mixed.jsonl" in where["invalid_json"]
    texts = catalogs.read_table("bad-input", home=home, columns=["uri", "text"]).to_pylist()
    gbk_docs = [t for t in texts if t["uri"].endswith("gbk.txt")]
    assert len(gbk_docs) == 1 and gbk_docs[0]["text"].strip() == gbk_text
    assert sum(1 for t in texts if "mixed.jsonl" in t["uri"]) == 5
    assert (
        any(t["uri"].endswith("big.txt") for t in texts)
        or cat.sql("SELECT count(*) FROM rejects WHERE uri LIKE '%big.txt'")[1][0][0] == 1
    )
