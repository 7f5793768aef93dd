"""FileSource: listing, every record format, ids, rejects with reasons and locations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from connectors import (
    DOCUMENT_SCHEMA,
    SOURCE_TYPES,
    Document,
    FileSource,
    Partition,
    Quarantined,
    Source,
    SourceError,
    documents_to_table,
    make_doc_id,
    make_source,
    quarantine_to_table,
)
from connectors.reasons import ALL_REASONS

MEDICAL = "高血压患者应当定期监测血压，并在医生指导下规范用药。"
LEGAL = "当事人应当按照约定全面履行自己的义务。"
NEW_YEAR = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
FINANCE = "央行宣布下调存款准备金率0.5个百分点，释放长期资金约一万亿元。"


def read_all(source: FileSource) -> tuple[list[Document], list[Quarantined]]:
    docs: list[Document] = []
    rejects: list[Quarantined] = []
    for partition in source.partitions():
        for item in source.read(partition):
            (docs if isinstance(item, Document) else rejects).append(item)
    for reject in rejects:
        assert reject.reason in ALL_REASONS
    return docs, rejects


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


# --- formats round trip ---------------------------------------------------------------------


def test_jsonl_round_trip_maps_fields(tmp_path: Path) -> None:
    write_jsonl(
        tmp_path / "med.jsonl",
        [
            {"id": "m-1", "text": MEDICAL, "title": "高血压", "date": "2024-05-01", "tags": ["心"]},
            {"id": 2, "text": LEGAL, "title": "合同法", "date": "2023-01-02T08:00:00+08:00"},
        ],
    )
    source = FileSource(
        "med",
        tmp_path / "med.jsonl",
        id_field="id",
        title_field="title",
        published_field="date",
        license="CC-BY-4.0",
        domain="medical",
    )
    docs, rejects = read_all(source)

    assert rejects == []
    first, second = docs
    assert first.text == MEDICAL and first.char_count == len(MEDICAL)
    assert first.id == make_doc_id("med", "m-1")
    assert second.id == make_doc_id("med", "2")
    assert first.uri == f"file://{tmp_path / 'med.jsonl'}#L1"
    assert second.uri.endswith("med.jsonl#L2")
    assert (first.source, first.license, first.domain) == ("med", "CC-BY-4.0", "medical")
    assert first.title == "高血压"
    assert first.published_at == dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    assert second.published_at == dt.datetime(2023, 1, 2, 0, 0, tzinfo=dt.UTC)
    assert first.metadata == {"id": "m-1", "tags": ["心"], "encoding": "utf-8"}
    assert first.fetched_at.tzinfo is not None
    table = documents_to_table(docs)
    assert table.schema.equals(DOCUMENT_SCHEMA)
    assert json.loads(table.column("metadata")[0].as_py())["tags"] == ["心"]


def test_ids_are_stable_across_reads_and_location_based_without_id_field(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write_jsonl(tmp_path / "sub" / "a.jsonl", [{"text": MEDICAL}, {"text": LEGAL}])
    source = FileSource("s", tmp_path)

    first, _ = read_all(source)
    second, _ = read_all(FileSource("s", tmp_path))

    assert [d.id for d in first] == [d.id for d in second]
    assert first[0].id == make_doc_id("s", "sub/a.jsonl#L1")
    assert first[1].id == make_doc_id("s", "sub/a.jsonl#L2")
    assert len({d.id for d in first}) == 2


def test_broken_jsonl_lines_are_quarantined_with_their_line_number(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": MEDICAL}, ensure_ascii=False),  # 1 good
        '{"text": "坏掉的行',  # 2 invalid json
        "",  # 3 blank: skipped silently
        "[1, 2]",  # 4 not an object
        '{"title": "无正文"}',  # 5 missing text
        '{"text": "   "}',  # 6 whitespace only
        '{"text": 42}',  # 7 not a string
        '{"text": null}',  # 8 null
        '{"text": "\\ud800孤立代理"}',  # 9 lone surrogate cannot become UTF-8
        json.dumps({"text": LEGAL}, ensure_ascii=False),  # 10 good
    ]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", "utf-8")

    docs, rejects = read_all(FileSource("s", tmp_path / "mixed.jsonl"))

    assert [d.text for d in docs] == [MEDICAL, LEGAL]
    assert [d.uri.rsplit("#", 1)[1] for d in docs] == ["L1", "L10"]
    got = [(q.uri.rsplit("#", 1)[1], q.reason) for q in rejects]
    assert got == [
        ("L2", "invalid_json"),
        ("L4", "not_an_object"),
        ("L5", "missing_text_field"),
        ("L6", "empty_text"),
        ("L7", "text_not_string"),
        ("L8", "empty_text"),
        ("L9", "undecodable"),
    ]
    invalid = rejects[0]
    assert invalid.detail == "Unterminated string starting at: column 10"
    assert invalid.raw == '{"text": "坏掉的行'
    assert rejects[2].raw == '{"title": "无正文"}'
    assert quarantine_to_table(rejects).num_rows == 7


def test_json_array_records_key_and_single_object(tmp_path: Path) -> None:
    (tmp_path / "array.json").write_text(
        json.dumps([{"text": MEDICAL, "n": 1}, "不是对象", {"text": LEGAL}], ensure_ascii=False),
        "utf-8",
    )
    (tmp_path / "wrapped.json").write_text(
        json.dumps({"meta": {"v": 1}, "data": [{"text": FINANCE}]}, ensure_ascii=False), "utf-8"
    )
    docs, rejects = read_all(FileSource("j", tmp_path / "array.json"))
    assert [d.text for d in docs] == [MEDICAL, LEGAL]
    assert docs[1].uri.endswith("array.json#row=2")
    assert docs[1].id == make_doc_id("j", "array.json#2")
    assert [(q.reason, q.uri.rsplit("#", 1)[1]) for q in rejects] == [("not_an_object", "row=1")]

    docs, rejects = read_all(FileSource("j", tmp_path / "wrapped.json", records_key="data"))
    assert [d.text for d in docs] == [FINANCE] and rejects == []

    docs, rejects = read_all(FileSource("j", tmp_path / "wrapped.json", records_key="items"))
    assert docs == [] and [q.reason for q in rejects] == ["missing_records_key"]

    (tmp_path / "one.json").write_text(json.dumps({"text": LEGAL}, ensure_ascii=False), "utf-8")
    docs, _ = read_all(FileSource("j", tmp_path / "one.json"))
    assert [d.text for d in docs] == [LEGAL]

    (tmp_path / "bad.json").write_text('{"text": "未闭合"', "utf-8")
    docs, rejects = read_all(FileSource("j", tmp_path / "bad.json"))
    assert docs == [] and rejects[0].reason == "invalid_json"
    assert "line 1" in (rejects[0].detail or "")


def test_csv_round_trip_and_bad_rows(tmp_path: Path) -> None:
    content = (
        "id,text,source_url\r\n"
        f'a,"{MEDICAL}\n第二段，含逗号",http://x/1\r\n'
        "b,,http://x/2\r\n"
        "c,只有两列\r\n"
        "\r\n"
        f"d,{LEGAL},http://x/4\r\n"
    )
    (tmp_path / "rows.csv").write_text(content, "utf-8")

    docs, rejects = read_all(FileSource("c", tmp_path / "rows.csv", id_field="id"))

    assert [d.text for d in docs] == [f"{MEDICAL}\n第二段，含逗号", LEGAL]
    assert docs[0].metadata == {"id": "a", "source_url": "http://x/1", "encoding": "utf-8"}
    assert docs[0].id == make_doc_id("c", "a")
    assert docs[0].uri.endswith("rows.csv#row=0")
    assert docs[1].uri.endswith("rows.csv#row=3")  # blank line not counted
    assert [(q.reason, q.uri.rsplit("#", 1)[1]) for q in rejects] == [
        ("empty_text", "row=1"),
        ("wrong_column_count", "row=2"),
    ]
    assert "expected 3 columns, got 2" in (rejects[1].detail or "")


def test_csv_without_text_column_rejects_whole_file(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("body,id\n内容,1\n", "utf-8")
    docs, rejects = read_all(FileSource("c", tmp_path / "x.csv"))
    assert docs == []
    assert [(q.reason, q.uri) for q in rejects] == [
        ("missing_text_field", f"file://{tmp_path / 'x.csv'}")
    ]


def test_tsv_uses_tabs_and_utf16_excel_export_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(f"text\tlabel\n{FINANCE}\t金融\n", "utf-8")
    # Excel's "Unicode text" export: UTF-16 LE with BOM, tab-separated, CRLF.
    (tmp_path / "b.tsv").write_bytes(f"text\tlabel\r\n{LEGAL}\t法律\r\n".encode("utf-16"))

    docs, rejects = read_all(FileSource("t", tmp_path, pattern="*.tsv"))

    assert rejects == []
    assert [(d.text, d.metadata["label"]) for d in docs] == [(FINANCE, "金融"), (LEGAL, "法律")]
    assert docs[1].metadata["encoding"] == "utf-16"


def test_parquet_round_trip_nulls_and_metadata_types(tmp_path: Path) -> None:
    table = pa.table(
        {
            "text": [MEDICAL, None, "", "  \n", LEGAL],
            "score": [0.5, 1.0, float("nan"), 2.0, 3.0],
            "when": pa.array([NEW_YEAR] * 5, pa.timestamp("us", "UTC")),
            "blob": [b"\x00\x01", None, None, None, None],
        }
    )
    pq.write_table(table, tmp_path / "t.parquet", row_group_size=2)

    docs, rejects = read_all(FileSource("p", tmp_path / "t.parquet"))

    assert [d.text for d in docs] == [MEDICAL, LEGAL]
    assert [d.uri.rsplit("#", 1)[1] for d in docs] == ["row=0", "row=4"]
    assert [(q.reason, q.uri.rsplit("#", 1)[1]) for q in rejects] == [
        ("empty_text", "row=1"),
        ("empty_text", "row=2"),
        ("empty_text", "row=3"),
    ]
    assert docs[0].metadata == {
        "score": 0.5,
        "when": "2024-01-01T00:00:00+00:00",
        "blob": "<binary: 2 bytes>",
    }
    assert "encoding" not in docs[0].metadata
    assert documents_to_table(docs).num_rows == 2


def test_parquet_missing_text_column_and_corrupt_file(tmp_path: Path) -> None:
    pq.write_table(pa.table({"body": [MEDICAL]}), tmp_path / "a.parquet")
    (tmp_path / "b.parquet").write_bytes(b"PAR1 this is not parquet at all")

    docs, rejects = read_all(FileSource("p", tmp_path))

    assert docs == []
    assert [(Path(q.uri).name, q.reason) for q in rejects] == [
        ("a.parquet", "missing_text_field"),
        ("b.parquet", "invalid_parquet"),
    ]


def test_text_and_markdown_one_document_per_file(tmp_path: Path) -> None:
    (tmp_path / "通知.txt").write_text(FINANCE + "\n", "utf-8")
    (tmp_path / "guide.md").write_text(
        f"```bash\n# 不是标题\n```\n\n## 诊疗指南 ##\n\n{MEDICAL}\n", "utf-8"
    )
    (tmp_path / "plain.md").write_text(f"{LEGAL}\n", "utf-8")
    (tmp_path / "setext.md").write_text(f"合同编\n=====\n\n{LEGAL}\n", "utf-8")

    docs, rejects = read_all(FileSource("t", tmp_path, domain="mixed"))

    assert rejects == []
    by_name = {Path(d.uri.removeprefix("file://")).name: d for d in docs}
    assert by_name["通知.txt"].title == "通知"
    assert by_name["通知.txt"].text == FINANCE + "\n"
    assert by_name["通知.txt"].metadata == {"encoding": "utf-8", "format": "text"}
    assert by_name["guide.md"].title == "诊疗指南"
    assert by_name["guide.md"].metadata == {"encoding": "utf-8", "format": "markdown"}
    assert by_name["plain.md"].title == "plain"
    assert by_name["setext.md"].title == "合同编"
    assert by_name["guide.md"].id == make_doc_id("t", "guide.md")
    assert "#" not in by_name["guide.md"].uri


# --- bad files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.txt", "empty.csv", "empty.parquet"])
def test_empty_file_is_quarantined(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    docs, rejects = read_all(FileSource("e", tmp_path / name))
    assert docs == []
    assert [q.reason for q in rejects] == ["empty_file"]


def test_blank_only_record_files_are_reported_empty(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("\n  \n\n", "utf-8")
    (tmp_path / "b.csv").write_text("\r\n\r\n", "utf-8")
    docs, rejects = read_all(FileSource("e", tmp_path))
    assert docs == []
    assert [(Path(q.uri).name, q.reason) for q in rejects] == [
        ("a.jsonl", "empty_file"),
        ("b.csv", "empty_file"),
    ]


def test_binary_file_named_txt_or_md_is_quarantined(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "noise.md").write_bytes(bytes(range(1, 256)) * 8)  # no NUL, mostly control
    (tmp_path / "blank.txt").write_text(" \n\t\n", "utf-8")

    docs, rejects = read_all(FileSource("b", tmp_path))

    assert docs == []
    assert sorted((Path(q.uri).name, q.reason) for q in rejects) == [
        ("blank.txt", "empty_text"),
        ("image.txt", "binary_file"),
        ("noise.md", "binary_file"),
    ]
    image = next(q for q in rejects if q.uri.endswith("image.txt"))
    assert "NUL" in (image.detail or "") and image.raw is not None


def test_huge_text_file_is_quarantined_and_a_large_one_is_read(tmp_path: Path) -> None:
    line = ("中文训练数据质量" * 16 + "\n").encode()
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        block = line * (2**20 // len(line))
        while fh.tell() < 70 * 2**20:
            fh.write(block)
    big = tmp_path / "big.txt"
    big.write_bytes(line * (5 * 2**20 // len(line)))

    docs, rejects = read_all(FileSource("h", tmp_path))

    assert [(Path(q.uri).name, q.reason) for q in rejects] == [("huge.txt", "document_too_large")]
    assert rejects[0].raw is not None and 0 < len(rejects[0].raw) <= 1000
    assert [Path(d.uri).name for d in docs] == ["big.txt"]
    assert docs[0].char_count == len(big.read_text("utf-8"))


def test_oversized_jsonl_records_are_quarantined_without_stopping(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": MEDICAL}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"text": "长" * 2000}, ensure_ascii=False) + "\n")  # 6000 bytes
        fh.write(json.dumps({"text": "x" * 1_200_000}) + "\n")  # over the line cap
        fh.write(json.dumps({"text": LEGAL}, ensure_ascii=False) + "\n")

    docs, rejects = read_all(FileSource("b", path, max_document_bytes=1000))

    assert [d.text for d in docs] == [MEDICAL, LEGAL]
    assert docs[1].uri.endswith("#L4")
    assert [(q.reason, q.uri.rsplit("#", 1)[1]) for q in rejects] == [
        ("document_too_large", "L2"),
        ("document_too_large", "L3"),
    ]
    assert all(len(q.raw or "") <= 1000 for q in rejects)


def test_missing_path_raises_source_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "data.jsonl"
    with pytest.raises(SourceError) as info:
        FileSource("m", missing).partitions()
    assert str(missing) in str(info.value)
    assert info.value.context["source"] == "m"
    with pytest.raises(SourceError, match="does not exist"):
        FileSource("m", tmp_path / "nope" / "*.jsonl").partitions()


def test_vanished_file_is_quarantined_as_unreadable(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "gone.jsonl", [{"text": MEDICAL}])
    source = FileSource("v", path)
    (partition,) = source.partitions()
    path.unlink()

    items = list(source.read(partition))

    assert [(type(i), i.reason) for i in items if isinstance(i, Quarantined)] == [
        (Quarantined, "unreadable_file")
    ]
    assert len(items) == 1


# --- listing --------------------------------------------------------------------------------


def test_listing_skips_hidden_and_reports_unsupported(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    write_jsonl(tmp_path / "a.jsonl", [{"text": MEDICAL}])
    (tmp_path / "sub" / "b.TXT").write_text(LEGAL, "utf-8")
    write_jsonl(tmp_path / ".git" / "c.jsonl", [{"text": "隐藏"}])
    write_jsonl(tmp_path / ".d.jsonl", [{"text": "隐藏"}])
    (tmp_path / "e.xyz").write_text("?", "utf-8")
    (tmp_path / "README").write_text("?", "utf-8")

    source = FileSource("l", tmp_path)
    parts = source.partitions()

    assert [(Path(p.uri).relative_to(tmp_path).as_posix(), p.format) for p in parts] == [
        ("a.jsonl", "jsonl"),
        ("sub/b.TXT", "text"),
    ]
    assert all(isinstance(p, Partition) and p.source == "l" for p in parts)
    assert parts[0].size == (tmp_path / "a.jsonl").stat().st_size
    assert len(parts[0].fingerprint) == 32 and parts[0].key() == parts[0].uri
    assert sorted((Path(path).name, why) for path, why in source.skipped) == [
        ("README", "unsupported extension (none)"),
        ("e.xyz", "unsupported extension .xyz"),
    ]
    assert all(Path(s.path).parent == tmp_path for s in source.skipped)
    assert isinstance(source, Source)


def test_pattern_glob_base_dir_and_explicit_format(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "2024").mkdir(parents=True)
    write_jsonl(data / "a.jsonl", [{"text": MEDICAL}])
    write_jsonl(data / "2024" / "b.jsonl", [{"text": LEGAL}])
    (data / "2024" / "c.txt").write_text(FINANCE, "utf-8")
    write_jsonl(data / "2024" / "d.log", [{"text": FINANCE}])

    by_pattern = FileSource("g", "data", pattern="*.jsonl", base_dir=tmp_path).partitions()
    assert [Path(p.uri).name for p in by_pattern] == ["b.jsonl", "a.jsonl"]  # sorted by uri

    by_glob = FileSource("g", "data/**/*.txt", base_dir=tmp_path)
    assert [Path(p.uri).name for p in by_glob.partitions()] == ["c.txt"]
    (doc,) = read_all(by_glob)[0]
    assert doc.id == make_doc_id("g", "2024/c.txt")  # relative to the glob's fixed prefix

    explicit = FileSource("g", data / "2024", format="jsonl", pattern="*.log")
    assert [(Path(p.uri).name, p.format) for p in explicit.partitions()] == [("d.log", "jsonl")]

    empty = tmp_path / "empty"
    empty.mkdir()
    assert FileSource("g", empty).partitions() == []


def test_fingerprint_changes_with_content(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": MEDICAL}])
    source = FileSource("f", path)
    before = source.partitions()[0].fingerprint
    assert source.partitions()[0].fingerprint == before
    write_jsonl(path, [{"text": MEDICAL + "。"}])
    after = source.partitions()[0]
    assert after.fingerprint != before
    assert after.key() == str(path)


def test_limit_applies_per_read_and_counts_documents_only(tmp_path: Path) -> None:
    rows: list[object] = [{"text": f"第{i}条记录"} for i in range(5)]
    rows.insert(1, {"text": ""})
    write_jsonl(tmp_path / "a.jsonl", rows)
    write_jsonl(tmp_path / "b.jsonl", rows)

    docs, rejects = read_all(FileSource("l", tmp_path, limit=2))

    assert [d.text for d in docs] == ["第0条记录", "第1条记录"] * 2
    assert [q.reason for q in rejects] == ["empty_text", "empty_text"]
    assert read_all(FileSource("l", tmp_path, limit=0)) == ([], [])


def test_published_dates_parsed_or_noted(tmp_path: Path) -> None:
    write_jsonl(
        tmp_path / "d.jsonl",
        [
            {"text": "一", "d": "2024-03-05T10:00:00Z"},
            {"text": "二", "d": "2024年3月5日"},
            {"text": "三", "d": "上周"},
            {"text": "四", "d": None},
        ],
    )
    docs, _ = read_all(FileSource("d", tmp_path, published_field="d"))
    assert docs[0].published_at == dt.datetime(2024, 3, 5, 10, tzinfo=dt.UTC)
    assert docs[1].published_at == dt.datetime(2024, 3, 5, tzinfo=dt.UTC)
    assert docs[2].published_at is None
    assert docs[2].metadata is not None and docs[2].metadata["d"] == "上周"
    assert "not an ISO 8601 date" in docs[2].metadata["published_at_error"]
    assert docs[3].published_at is None and "published_at_error" not in (docs[3].metadata or {})


# --- construction and registry --------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"format": "xml"}, "unknown format"),
        ({"encoding": "no-such-codec"}, "unknown encoding"),
        ({"limit": -1}, "limit"),
        ({"max_document_bytes": 0}, "max_document_bytes"),
    ],
)
def test_bad_options_raise_source_error(tmp_path: Path, options: dict, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        FileSource("x", tmp_path, **options)


def test_make_source_builds_and_validates(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", [{"body": MEDICAL}])
    source = make_source(
        {"name": "reg", "type": "files", "path": "a.jsonl", "text_field": "body"}, tmp_path
    )
    assert isinstance(source, FileSource) and SOURCE_TYPES["files"] is FileSource
    assert [d.text for d in read_all(source)[0]] == [MEDICAL]

    known = "known types: ckan, database, feed, files, huggingface, objects, warc, web"
    with pytest.raises(SourceError, match=known):
        make_source({"name": "reg", "type": "ftp", "path": "a"}, tmp_path)
    with pytest.raises(SourceError, match="reg") as info:
        make_source({"name": "reg", "type": "files", "path": "a", "colour": "red"}, tmp_path)
    assert "colour" in str(info.value)
    with pytest.raises(SourceError, match="name"):
        make_source({"type": "files", "path": "a"}, tmp_path)
