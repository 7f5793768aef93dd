"""DOCX and XLSX files through the file connector: reports keep their tables apart from the
prose, spreadsheets become records or table documents, broken files are quarantined."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

import catalogs
from connectors import Document, FileSource, Quarantined
from pipelines.cli import app
from tests.helpers import write_recipe

runner = CliRunner()
PROSE = "本报告分析了二〇二五年新能源汽车产业链的发展情况，重点关注电池材料与充电设施建设。"


def _report(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "新能源汽车产业年度报告"
    document.core_properties.created = dt.datetime(2025, 12, 1, 9, 30)
    document.add_heading("第一章 总体情况", level=1)
    document.add_paragraph(PROSE)
    table = document.add_table(rows=3, cols=3)
    for r, cells in enumerate([("指标", "2024年", "2025年"), ("销量（万辆）", "950", "1230"),
                               ("渗透率", "35%", "46%")]):  # fmt: skip
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    document.add_paragraph("第二章 结论：行业保持高速增长。")
    document.save(path)
    return path


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "公告"
    notes.append(["id", "text", "date"])
    notes.append(["n1", "关于开展二〇二六年度安全生产检查的通知，请各单位认真落实。", "2026-01-05"])
    notes.append([None, None, None])  # a blank row is not a record
    notes.append(["n2", None, "2026-01-06"])  # no text: quarantined
    prices = book.create_sheet("价格表")
    prices.append(["品名", "规格", "单价（元）"])
    prices.append(["螺纹钢", "HRB400 Φ12", 3850.0])
    prices.append(["热轧卷板", "Q235 5.75mm", 3920.5])
    book.save(path)
    return path


def _read(path: Path) -> list[Document | Quarantined]:
    source = FileSource("office", path, id_field="id")
    return [item for part in source.partitions() for item in source.read(part)]


def test_a_docx_report_keeps_headings_prose_and_table_rows_on_their_own_lines(
    tmp_path: Path,
) -> None:
    (doc,) = _read(_report(tmp_path / "report.docx"))
    assert isinstance(doc, Document)
    lines = doc.text.split("\n")
    assert lines[0] == "第一章 总体情况" and lines[1] == PROSE
    assert "销量（万辆）\t950\t1230" in lines and "渗透率\t35%\t46%" in lines
    assert lines[-1] == "第二章 结论：行业保持高速增长。"
    assert doc.title == "新能源汽车产业年度报告"
    assert doc.published_at == dt.datetime(2025, 12, 1, 9, 30, tzinfo=dt.UTC)
    assert doc.metadata == {"format": "docx", "tables": 1}


def test_an_xlsx_workbook_gives_records_and_a_table_document(tmp_path: Path) -> None:
    items = _read(_workbook(tmp_path / "book.xlsx"))
    docs = [i for i in items if isinstance(i, Document)]
    bad = [i for i in items if isinstance(i, Quarantined)]
    assert docs[0].text.startswith("关于开展") and docs[1].text.startswith("品名\t规格\t单价")
    assert docs[0].uri.endswith("#sheet=公告&row=0") and docs[0].metadata["sheet"] == "公告"
    rows = ["螺纹钢\tHRB400 Φ12\t3850", "热轧卷板\tQ235 5.75mm\t3920.5"]
    assert docs[1].text.split("\n")[1:] == rows
    assert docs[1].uri.endswith("#sheet=价格表")
    assert len(bad) == 1 and bad[0].reason == "empty_text"


def test_broken_office_files_are_quarantined(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "broken.xlsx").write_text("plain text", encoding="utf-8")
    items = _read(tmp_path)
    assert sorted((Path(i.uri).name, i.reason) for i in items) == [
        ("broken.docx", "office_error"), ("broken.xlsx", "office_error")]  # fmt: skip


@pytest.mark.e2e
def test_a_recipe_publishes_office_documents(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    _report(folder / "report.docx")
    _workbook(folder / "book.xlsx")
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "office-zh",
        [{"name": "reports", "type": "files", "path": "reports", "id_field": "id"}],
        # tiny test files: record what the web rules would say, publish them anyway
        quality={"annotate_only": ["min_chars", "max_digit_ratio", "min_punct_end_line_frac"]},
        run={"workers": 1},
    )  # fmt: skip
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    texts = catalogs.read_table("office-zh", home=home, columns=["text"])["text"].to_pylist()
    assert any("销量（万辆）\t950\t1230" in t for t in texts)
    assert any(t.startswith("关于开展") for t in texts)
