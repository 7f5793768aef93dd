"""Lines repeated across the documents of a source: the census, the rule, the removal, and a
recipe that removes a site's navigation and footer from every page, in later versions too."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

import catalogs
from pipelines.cli import app
from quality.repeated_lines import (
    count_lines,
    document_line_keys,
    frequent_lines,
    line_key,
    remove_lines,
)
from tests.helpers import chinese_document, write_jsonl, write_recipe

NAV = "首页 | 新闻中心 | 政务公开 | 办事服务 | 互动交流"
FOOTER = "版权所有 © 2024 某市人民政府办公室 备案号：某ICP备12345678号"


def test_line_keys_ignore_width_spacing_and_punctuation() -> None:
    assert line_key(NAV) == line_key("首页｜新闻中心｜政务公开｜办事服务｜互动交流")
    assert line_key(NAV) != line_key(FOOTER)
    assert line_key("  ") is None and line_key("—— * ——") is None
    assert line_key("长" * 201) is None  # prose, never counted
    headings = ("第一章 总则", "第十二条 本办法自发布之日起施行。", "一、总体要求", "2.5.4. 获取")
    for heading in headings:
        assert line_key(heading) is None, heading
    assert line_key("2024 年工作报告") is not None


def test_frequent_lines_need_both_a_count_and_a_share() -> None:
    rng = random.Random(1)
    pages = [f"{NAV}\n{chinese_document(rng)}\n{FOOTER}" for _ in range(30)]
    pages += [chinese_document(rng) for _ in range(70)]
    counts, documents = count_lines(pages)
    assert documents == 100 and counts[line_key(NAV)] == 30
    assert frequent_lines(counts, documents, min_documents=10, min_share=0.05) == {
        line_key(NAV), line_key(FOOTER)
    }  # fmt: skip
    assert not frequent_lines(counts, documents, min_documents=31, min_share=0.05)
    assert not frequent_lines(counts, documents, min_documents=10, min_share=0.5)


def test_remove_lines_keeps_everything_else() -> None:
    body = "第一章 总则\n第一条 为了规范管理，制定本办法。\n一段正文。"
    text = f"{NAV}\n{body}\n{FOOTER}"
    frequent = frozenset({line_key(NAV), line_key(FOOTER)})
    assert remove_lines(text, frequent) == (body, 2)
    assert remove_lines(body, frequent) == (body, 0)
    assert remove_lines(text, frozenset()) == (text, 0)
    # headings are not counted; the other lines are
    assert document_line_keys(text) == {line_key(NAV), line_key(FOOTER), line_key("一段正文。")}


@pytest.mark.e2e
def test_a_recipe_removes_the_site_template_from_every_page(tmp_path: Path) -> None:
    rng = random.Random(8)
    pages = [
        {"id": f"p{i}", "text": f"{NAV}\n{chinese_document(rng)}\n{FOOTER}"} for i in range(24)
    ]
    laws = [{"id": f"law{i}", "text": f"第一章 总则\n{chinese_document(rng)}"} for i in range(12)]
    write_jsonl(tmp_path / "site" / "a.jsonl", pages + laws)
    recipe = write_recipe(
        tmp_path / "recipe.yaml",
        "lines-zh",
        [{"name": "site", "type": "files", "path": "site", "id_field": "id"}],
        dedup={"repeated_lines": {"enabled": True, "min_documents": 10, "min_share": 0.1}},
        run={"workers": 1},
    )
    home = tmp_path / "home"
    runner = CliRunner()
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    texts = catalogs.read_table("lines-zh", home=home, columns=["text"])["text"].to_pylist()
    assert len(texts) == 36
    assert not [t for t in texts if "新闻中心" in t or "备案号" in t]
    assert sum(t.startswith("第一章 总则\n") for t in texts) == 12  # headings stay
    index = catalogs.Catalog(home).layout.index_dir("lines-zh", "1.0.0")
    assert (index / "lines" / "census.parquet").exists()

    # five new pages: too few to count on their own, the published census still marks them
    more = [{"id": f"n{i}", "text": f"{NAV}\n{chinese_document(rng)}\n{FOOTER}"} for i in range(5)]
    write_jsonl(tmp_path / "site" / "b.jsonl", more)
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    texts = catalogs.read_table("lines-zh", home=home, columns=["text"])["text"].to_pylist()
    bodies = [r["text"].split("\n")[1] for r in more]
    new = [t for t in texts if any(b in t for b in bodies)]
    assert len(new) == 5 and not [t for t in new if "新闻中心" in t or "备案号" in t]
