"""matching_key / dedup_key: one key for texts that differ only in form."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

import quality.text_normalize as text_normalize
from quality import dedup_key, matching_key
from quality.text_normalize import opencc_converter


def test_width_case_space_and_punctuation_are_folded() -> None:
    assert matching_key("ＡＢＣ，数据　处理！Hello_World 123") == "abc数据处理helloworld123"
    assert matching_key("数据处理。") == matching_key("数据 处理")


def test_traditional_folds_to_simplified_unless_asked_not_to() -> None:
    assert matching_key("軟件開發，網絡數據") == "软件开发网络数据"
    assert matching_key("軟件開發", to_simplified=False) == "軟件開發"


def test_compatibility_characters_are_folded() -> None:
    assert matching_key("温度２５℃，①号") == "温度25c1号"
    assert matching_key("ｶﾞｲﾄﾞ") == "ガイド"  # half-width kana with sound marks compose
    assert matching_key("カﾞ") == "ガ"


def test_combining_marks_are_kept_but_variation_selectors_dropped() -> None:
    assert matching_key("नमस्ते दुनिया") == "नमस्तेदुनिया"
    assert matching_key("e\u0301") == "é"
    assert matching_key("葛\U000e0100城") == matching_key("葛城")
    assert matching_key("❤\ufe0f爱") == "爱"


def test_controls_format_characters_and_symbols_are_removed() -> None:
    assert matching_key("数\x00据\u200b处\ufeff理→★©") == "数据处理"


@pytest.mark.parametrize(
    "text",
    [
        "医疗数据治理：2025 年第 1 期（试行）",
        "Ｔｈｅ Ｑｕｉｃｋ — brown fox… “quoted”",
        "臺灣的軟體工程師 ｶﾞ ①②",
        "mixed नमस्ते e\u0301 text",
    ],
)
def test_key_matches_the_reference_definition(text: str) -> None:
    reference = unicodedata.normalize("NFKC", text).lower()
    reference = "".join(
        c
        for c in reference
        if unicodedata.category(c)[0] not in "PSZC" and not 0xFE00 <= ord(c) <= 0xFE0F
    )
    assert matching_key(text) == opencc_converter("t2s.json").convert(reference)


def test_empty_and_punctuation_only_texts() -> None:
    assert matching_key("") == ""
    assert matching_key("，。！？…… \n\t") == ""


def test_dedup_key_is_equal_for_equivalent_texts_and_differs_otherwise() -> None:
    a = dedup_key("軟件開發：數據處理。")
    b = dedup_key("软件开发 数据处理")
    assert a == b
    assert re.fullmatch(r"[0-9a-f]{32}", a)
    assert dedup_key("软件开发数据处理") != dedup_key("软件开发数据治理")


def test_long_text_keeps_every_han_character() -> None:
    text = "随着数字经济的发展，数据已经成为新的生产要素，“数据治理”也越来越受到重视。" * 20_000
    key = matching_key(text)
    assert len(key) == len(re.findall(r"[\u4e00-\u9fff]", text))


def test_table_lookup_strip_matches_the_regex() -> None:
    rng = random.Random(5)
    alphabet = "数据Ab_ \t\n，。!？-–—·★①２ＡｶﾞéЖ\u200b\ufeff\x00\ud800😀" + "".join(
        map(chr, range(0x2000, 0x2070))
    )
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        lowered = text.lower()
        assert text_normalize._strip(lowered) == text_normalize._STRIP_RE.sub("", lowered)


def test_skipping_t2s_never_changes_a_key() -> None:
    # Characters t2s changes only inside phrases (沈 in 深沈, 覆 in 答覆) next to their
    # ordinary Simplified uses (沈阳, 覆盖), Traditional text and text in both scripts.
    rng = random.Random(6)
    words = ["沈阳", "深沈", "覆盖", "答覆", "什么", "俱乐部", "慰藉", "憑藉", "明瞭", "数据",
             "軟件", "網絡", "处理", "著名", "乾隆", "干净", "台湾", "臺灣", "么", "沈",
             "覆"]  # fmt: skip
    t2s = opencc_converter("t2s.json")
    for _ in range(2000):
        text = "".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
        assert matching_key(text) == t2s.convert(matching_key(text, to_simplified=False)), text


def test_key_digest_turns_a_matching_key_into_the_dedup_key() -> None:
    text = "軟件開發，網絡數據：Hello World！"
    assert text_normalize.key_digest(matching_key(text)) == dedup_key(text)
