"""Encoding detection, Chinese first: GB18030/GBK and Big5 on short and long text, BOMs."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from connectors import (
    Document,
    FileSource,
    Quarantined,
    RecordError,
    decode_bytes,
    detect_encoding,
)
from connectors.encoding import PLAUSIBLE, LineDecoder, plausibility
from connectors.lines import HEAD_BYTES

SIMPLIFIED_SHORT = ["中文", "数据", "你好世界", "医疗数据质量"]
TRADITIONAL_SHORT = ["中文測試", "臺灣", "資料品質", "醫療"]
SIMPLIFIED_LONG = (
    "为了构建高质量的中文训练语料，我们需要对原始数据进行清洗、去重和质量评估。"
    "医疗、法律、金融等垂直领域的数据尤其需要仔细处理，以保证模型学到可靠的知识。"
)
TRADITIONAL_LONG = (
    "為了建構高品質的中文訓練語料，我們需要對原始資料進行清洗、去重與品質評估。"
    "醫療、法律、金融等垂直領域的資料尤其需要仔細處理，以確保模型學到可靠的知識。"
)


@pytest.mark.parametrize("text", [*SIMPLIFIED_SHORT, SIMPLIFIED_LONG])
def test_gbk_bytes_are_detected_as_gb18030(text: str) -> None:
    data = text.encode("gbk")
    assert detect_encoding(data) == "gb18030"
    assert decode_bytes(data) == (text, "gb18030")


@pytest.mark.parametrize("text", [*TRADITIONAL_SHORT, TRADITIONAL_LONG])
def test_big5_bytes_are_detected_as_big5(text: str) -> None:
    data = text.encode("big5")
    assert detect_encoding(data) == "big5"
    assert decode_bytes(data) == (text, "big5")


def test_traditional_text_written_in_gbk_stays_gb18030() -> None:
    # GBK also encodes traditional characters; they must not be mistaken for Big5.
    data = TRADITIONAL_LONG.encode("gbk")
    assert decode_bytes(data) == (TRADITIONAL_LONG, "gb18030")


def test_gb18030_four_byte_characters() -> None:
    text = "𠀀字与€符号"  # outside GBK: needs GB18030's four-byte sequences
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")


def test_utf8_wins_and_bom_is_dropped() -> None:
    assert decode_bytes(SIMPLIFIED_LONG.encode()) == (SIMPLIFIED_LONG, "utf-8")
    text, encoding = decode_bytes(codecs.BOM_UTF8 + "带BOM的文本".encode())
    assert (text, encoding) == ("带BOM的文本", "utf-8-sig")
    assert decode_bytes("宽字符".encode("utf-16")) == ("宽字符", "utf-16")
    assert detect_encoding(b"plain ascii") == "utf-8"


def test_explicit_encoding_overrides_and_failure_is_a_record_error() -> None:
    data = "中文".encode("gbk")
    assert decode_bytes(data, "big5") == ("中文".encode("gbk").decode("big5"), "big5")
    # utf-8 named explicitly still drops a BOM.
    assert decode_bytes(codecs.BOM_UTF8 + b"ok", "utf-8") == ("ok", "utf-8-sig")
    with pytest.raises(RecordError) as info:
        decode_bytes(b"\xff\xfe\xfd", "utf-8")
    assert info.value.context["reason"] == "undecodable"


def test_other_languages_fall_back_to_charset_normalizer() -> None:
    russian = "Привет, мир! Это проверка кодировки текста."
    assert decode_bytes(russian.encode("cp1251"))[0] == russian
    japanese = "こんにちは世界、日本語のテキストです。"
    assert decode_bytes(japanese.encode("shift_jis"))[0] == japanese


def test_plausibility_separates_right_and_wrong_decoding() -> None:
    right = SIMPLIFIED_LONG
    wrong = TRADITIONAL_LONG.encode("big5").decode("gb18030", "replace")
    assert plausibility(right) >= 0.8 > PLAUSIBLE > 0.3 >= plausibility(wrong)
    assert plausibility("ascii only") == 0.0


def test_line_decoder_upgrades_after_an_ascii_head() -> None:
    decoder = LineDecoder(b'{"text": "ascii"}\n', complete=False)
    assert decoder.encoding == "utf-8"
    line = '{"text": "后来出现的中文"}\n'.encode("gb18030")
    assert decoder.decode(line) == '{"text": "后来出现的中文"}\n'
    assert decoder.encoding == "gb18030"
    with pytest.raises(RecordError):
        decoder.decode(b"\xff\xff\n")  # no longer provisional: a bad line is a bad line


@pytest.mark.parametrize(
    ("encoding", "expected"), [("gbk", "gb18030"), ("big5", "big5"), ("utf-8-sig", "utf-8-sig")]
)
def test_files_in_chinese_encodings_are_read(tmp_path: Path, encoding: str, expected: str) -> None:
    text = TRADITIONAL_LONG if encoding == "big5" else SIMPLIFIED_LONG
    (tmp_path / "a.jsonl").write_bytes(
        (json.dumps({"text": text}, ensure_ascii=False) + "\n").encode(encoding)
    )
    (tmp_path / "b.csv").write_bytes(f"text,n\n{text},1\n".encode(encoding))
    (tmp_path / "c.txt").write_bytes(text.encode(encoding))
    records = json.dumps([{"text": text}], ensure_ascii=False)
    (tmp_path / "d.json").write_bytes(records.encode(encoding))

    source = FileSource("e", tmp_path)
    items = [item for p in source.partitions() for item in source.read(p)]

    assert all(isinstance(i, Document) for i in items), items
    assert [i.text for i in items] == [text] * 4
    assert {i.metadata["encoding"] for i in items if i.metadata} == {expected}


def test_short_big5_text_file(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_bytes("臺灣".encode("big5"))
    (tmp_path / "s.txt").write_bytes("你好".encode("gbk"))
    source = FileSource("e", tmp_path)
    docs = {p.uri[-5:]: next(iter(source.read(p))) for p in source.partitions()}
    assert docs["s.txt"].text == "你好" and docs["t.txt"].text == "臺灣"


def test_jsonl_with_long_ascii_head_then_gbk(tmp_path: Path) -> None:
    path = tmp_path / "late.jsonl"
    ascii_line = (json.dumps({"text": "x" * 1000}) + "\n").encode()
    with path.open("wb") as fh:
        fh.write(ascii_line * (HEAD_BYTES // len(ascii_line) + 1))
        late = json.dumps({"text": "头部之后才出现的中文"}, ensure_ascii=False) + "\n"
        fh.write(late.encode("gbk"))

    source = FileSource("e", path)
    (partition,) = source.partitions()
    items = list(source.read(partition))

    assert all(isinstance(i, Document) for i in items)
    last = items[-1]
    assert isinstance(last, Document)
    assert last.text == "头部之后才出现的中文"
    assert last.metadata is not None and last.metadata["encoding"] == "gb18030"


def test_undecodable_line_is_quarantined_and_others_read(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    good = (json.dumps({"text": "好的一行"}, ensure_ascii=False) + "\n").encode()
    # One corrupt line in a UTF-8 file must not make the whole file read as cp1252 mojibake.
    path.write_bytes(good * 20 + b'{"text": "\xff\xfe\xfa"}\n' + good * 20)

    source = FileSource("e", path)
    (partition,) = source.partitions()
    items = list(source.read(partition))

    assert [i.reason for i in items if isinstance(i, Quarantined)] == ["undecodable"]
    assert [i.uri.rsplit("#", 1)[1] for i in items if isinstance(i, Quarantined)] == ["L21"]
    assert {i.text for i in items if isinstance(i, Document)} == {"好的一行"}
    assert len(items) == 41


def test_text_file_with_corrupt_bytes_is_undecodable_not_mojibake(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SIMPLIFIED_LONG.encode() * 3 + b"\xff" + "尾".encode())
    source = FileSource("e", tmp_path)
    (reject,) = [i for p in source.partitions() for i in source.read(p)]
    assert isinstance(reject, Quarantined) and reject.reason == "undecodable"
    assert "utf-8" in (reject.detail or "")


def test_explicit_encoding_on_source(tmp_path: Path) -> None:
    # Two characters that are valid both ways; the recipe knows the file is Big5.
    data = "中文".encode("gbk")
    (tmp_path / "x.txt").write_bytes(data)
    source = FileSource("e", tmp_path, encoding="big5")
    (doc,) = [i for p in source.partitions() for i in source.read(p)]
    assert isinstance(doc, Document)
    assert doc.text == data.decode("big5")
    assert doc.metadata == {"encoding": "big5", "format": "text"}
