"""`hqdata inspect` annotates everything, drops nothing, and summarises would-be rejections."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from pipelines.cli import app
from tests.helpers import chinese_document

runner = CliRunner()


def test_inspect_keeps_every_record_with_every_signal(tmp_path: Path) -> None:
    good = chinese_document(random.Random(1))
    records = [
        {"id": "good", "text": good},
        {"id": "spam", "text": "加微信领取免费资料，稳赚不赔。\n" * 10},
        {"id": "short", "text": "你好。"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + ['{"id": "broken"']
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    result = runner.invoke(app, ["inspect", str(src), "-o", str(out), "--id-field", "id"])
    assert result.exit_code == 0, result.output
    assert "3 documents annotated, 1 quarantined" in result.output
    assert "would reject 2 of 3" in result.output
    table = pq.read_table(out)
    assert table.num_rows == 4
    rows = {r["uri"].rsplit("#", 1)[-1]: r for r in table.to_pylist()}
    assert any(r["quarantined"] == "invalid_json" for r in rows.values())
    by_keep = {r["would_keep"] for r in rows.values() if r["quarantined"] is None}
    assert by_keep == {True, False}
    signal_columns = [c for c in table.column_names if c.startswith("signal_")]
    assert {"signal_han_ratio", "signal_dup_line_frac", "signal_char_entropy"} <= set(
        signal_columns
    )
    reasons = [r["reasons"] for r in rows.values() if r["quarantined"] is None]
    assert any("min_chars" in r for r in reasons) and [] in reasons


def test_inspect_profile_changes_the_verdict(tmp_path: Path) -> None:
    table_text = "项目 2024年 2023年\n" + "营业收入 1,254.81 1,103.40\n" * 3 + "利润 86.33 79.18\n"
    src = tmp_path / "report.txt"
    src.write_text(table_text * 3, encoding="utf-8")
    web = runner.invoke(app, ["inspect", str(src), "-o", str(tmp_path / "a.parquet")])
    fin = runner.invoke(
        app, ["inspect", str(src), "-o", str(tmp_path / "b.parquet"), "--profile", "finance"]
    )
    assert web.exit_code == 0 and fin.exit_code == 0
    assert pq.read_table(tmp_path / "a.parquet")["would_keep"].to_pylist() == [False]
    bad = runner.invoke(
        app, ["inspect", str(src), "-o", str(tmp_path / "c.parquet"), "--profile", "astrology"]
    )
    assert bad.exit_code == 2 and "unknown quality profile" in bad.output
