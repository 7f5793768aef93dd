"""clean_text: mojibake, PDF extraction artifacts, control characters, whitespace."""

from __future__ import annotations

import random
import re
from pathlib import Path

import ftfy
import pytest
from ftfy.badness import is_bad
from pydantic import ValidationError

import quality.clean as clean_module
import quality.mojibake as mojibake_module
import quality.pdf_repair as pdf_module
from quality import CleanOptions, CleanResult, clean_text
from quality.clean import strip_controls
from quality.mojibake import fix_mojibake
from quality.pdf_repair import repair_pdf_text

HAN = re.compile(r"[\u4e00-\u9fff]")

# --- fixtures written for these tests -------------------------------------------------------

PROSE = (
    "近年来，随着人口老龄化程度不断加深，慢性病管理逐渐成为基层医疗机构的重要任务。"
    "许多社区卫生服务中心开始为高血压和糖尿病患者建立电子健康档案，定期随访并记录关键指标。\n\n"
    "不过，数据共享仍然面临不少障碍。不同医院使用的信息系统标准不一，检查报告难以互认，"
    "患者转诊时往往需要重复检查。\n\n"
    "专家建议：应当加快制定统一的数据接口规范，在保护个人隐私的前提下推动医疗数据有序流通。"
)
LAW = (
    "第一章 总则\n"
    "第一条 为了规范数据处理活动，保障数据安全，制定本条例。\n"
    "第二条 在本市行政区域内开展数据处理活动，适用本条例。\n"
    "第二章 分类分级\n"
    "第三条 本市建立数据分类分级保护制度。\n"
    "（一）核心数据；\n"
    "（二）重要数据；\n"
    "（三）一般数据。"
)
MARKDOWN = (
    "## 安装步骤\n\n"
    "首先创建虚拟环境并安装依赖：\n\n"
    "```bash\n"
    "python -m venv .venv\n"
    "    pip install -r requirements.txt\n"
    "```\n\n"
    "安装完成后，运行 `pytest -q` 检查测试是否全部通过。"
)
ENGLISH = (
    'The committee said: "Data quality matters more than quantity." It also noted that '
    "careful filtering removes boilerplate, spam and duplicated pages (about 12% of them)."
)

# Paragraphs of the PDF-style fixture; the fixture wraps them at a fixed width the way a
# PDF page does, with a blank line after every line as some extractors emit.
PARAGRAPHS = [
    "摘要：黄河流域的农业灌溉长期依赖大水漫灌，用水效率偏低，地下水超采问题较为突出。"
    "本文结合三个灌区的调查数据，分析了节水改造的成本与收益，并提出分阶段推进的建议。",
    "近年来，各地陆续推广滴灌和喷灌技术，部分示范区的亩均用水量下降了三成左右。"
    "然而，设备投入较高、维护人员不足等因素，仍然制约着新技术在普通农户中的普及。",
    "调查发现，合作社统一经营的地块更容易完成改造，分散经营的小农户则普遍担心回收周期过长。"
    "因此，地方政府可以通过以奖代补的方式降低前期投入，并鼓励企业提供托管服务。",
]
TITLE = "黄河流域农业节水路径研究"
HEADER = "农业水利简报"


def wrap(paragraph: str, width: int = 22) -> list[str]:
    return [paragraph[i : i + width] for i in range(0, len(paragraph), width)]


def pdf_fixture() -> str:
    """A three-page PDF extraction with every artifact hqdata repairs."""
    lines: list[str] = []
    lines.append(TITLE * 3)  # title repeated on one line
    lines.append("")
    lines.append("王 明、李 华")  # letter-spaced two-character names
    lines.append("")
    for line in wrap(PARAGRAPHS[0]):
        lines += [line, ""]
    lines += ["\f" + HEADER, "", "- 1 -", ""]
    lines += ["1 引言", ""]
    for line in wrap(PARAGRAPHS[1]):
        lines += [line, ""]
    lines += ["\f" + HEADER, "", "- 2 -", ""]
    # bold heading: every run written four times, split over two lines
    lines += ["以以以以““““" + "滴灌技术" * 4 + "””””" + "推动农业节水转" * 4, ""]
    lines += ["型型型型", ""]
    for line in wrap(PARAGRAPHS[2]):
        lines += [line, ""]
    lines += ["（来源：农业水利简报，2025年第3期）", "", "\f" + HEADER, "", "- 3 -", ""]
    return "\n".join(lines)


# --- good text stays as it is ---------------------------------------------------------------


@pytest.mark.parametrize("text", [PROSE, LAW, MARKDOWN, ENGLISH], ids=["prose", "law", "md", "en"])
def test_good_text_is_unchanged(text: str) -> None:
    result = clean_text(text)
    assert result.text == text
    assert result.repairs == {}


def test_full_width_punctuation_and_quotes_survive_every_step() -> None:
    text = "他说：“数据（含表格）要保留！”对吗？——是的；全角ＡＢＣ和１２３也保留。"
    assert clean_text(text, CleanOptions(to_simplified=True)).text == text


def test_legit_doubled_characters_are_not_collapsed() -> None:
    text = "谢谢大家天天来看我们。\n常常听到这样的话：谢谢，谢谢！\n哈哈哈哈"
    assert clean_text(text).text == text


def test_separator_and_laughter_lines_are_not_headings() -> None:
    body = "\n\n".join(line for p in PARAGRAPHS for line in wrap(p))
    text = "========================\n\n哈哈哈哈哈哈哈哈\n\n" + body
    lines = clean_text(text).text.split("\n")
    assert lines[:3] == ["========================", "", "哈哈哈哈哈哈哈哈"]
    assert clean_text("标题\n========\n正文内容。").text == "标题\n========\n正文内容。"


def test_short_lines_without_punctuation_are_not_joined_in_plain_text() -> None:
    text = "购物清单\n苹果\n香蕉\n牛奶\n面包"
    assert clean_text(text).text == text


# --- PDF repair ------------------------------------------------------------------------------


def test_pdf_fixture_is_repaired() -> None:
    result = clean_text(pdf_fixture())
    lines = result.text.split("\n")
    assert lines[0] == TITLE
    assert "王明、李华" in lines
    for paragraph in PARAGRAPHS:
        assert paragraph in lines  # joined back without spaces, across blank lines
    assert "以“滴灌技术”推动农业节水转型" in lines  # collapsed and merged with "型型型型"
    assert "1 引言" in lines
    assert "（来源：农业水利简报，2025年第3期）" in lines
    assert HEADER not in lines
    assert not any(re.fullmatch(r"-\s*\d+\s*-", line) for line in lines)
    assert "\f" not in result.text
    repairs = result.repairs
    assert repairs["repeated_title"] == 1
    assert repairs["repeated_headings"] == 2
    assert repairs["page_numbers"] == 3
    assert repairs["running_headers"] == 3
    assert repairs["pdf_line_joins"] == sum(len(wrap(p)) - 1 for p in PARAGRAPHS)


def test_pdf_repair_keeps_paragraph_breaks_and_headings_apart() -> None:
    lines = clean_text(pdf_fixture()).text.split("\n")
    heading = lines.index("1 引言")
    assert lines[heading + 1] == ""
    assert lines[heading + 2] == PARAGRAPHS[1]


def test_pdf_repair_is_idempotent() -> None:
    once = clean_text(pdf_fixture()).text
    again = clean_text(once)
    assert again.text == once
    assert again.repairs == {}


def test_pdf_repair_can_be_switched_off() -> None:
    text = pdf_fixture()
    result = clean_text(text, CleanOptions(repair_pdf=False))
    assert "pdf_line_joins" not in result.repairs
    assert TITLE * 3 in result.text
    assert "\f" not in result.text  # form feeds still become line breaks


def test_pdf_latin_words_are_joined_with_one_space_and_hyphens_kept() -> None:
    sentence = (
        "The committee reviewed the irrigation data from three districts and found that "
        "drip systems reduced water use by about thirty percent, although well-main"
        "tained co-operative farms saw the largest gains over the two seasons studied."
    )
    lines = [sentence[i : i + 40].strip() for i in range(0, len(sentence), 40)]
    page = "\n\n".join(lines) + "\n\n7\n"
    text = clean_text(page).text
    assert "three districts" in text
    assert "  " not in text
    assert "7" not in text.split("\n")
    assert text.count("\n") == 0


def test_pdf_mixed_han_latin_join() -> None:
    body = [
        "近年来，多家机构联合发布了开放数据集，覆盖医疗、",
        "金融和制造等领域，并提供了统一的 API 接口，方便",
        "Python、Java 等语言调用。研究人员可以直接下载",
        "原始文件，也可以通过命令行工具按需获取部分数据。",
        "该项目计划在明年扩展到更多行业，并持续更新数据。",
    ]
    text = clean_text("\n\n".join(body)).text
    # the sentence end before the last line is a real break; "API 接口" keeps its space
    assert text == "".join(body[:4]) + "\n\n" + body[4]


def test_pdf_keeps_list_items_clauses_and_tables() -> None:
    wrapped = wrap(PARAGRAPHS[1], 20)
    text = "\n".join(
        [
            *wrapped,
            "一、加强统筹协调，明确各部门在节水改造中的",
            "职责分工",
            "（一）完善补贴政策",
            "第五条 灌区管理单位应当定期公布用水计划",
            "项目        面积        投资",
            "滴灌        120         36",
            "喷灌        80          20",
            "1. 建立台账",
            "2. 定期巡检",
        ]
    )
    lines = clean_text(text).text.split("\n")
    assert lines[0] == PARAGRAPHS[1]
    assert "一、加强统筹协调，明确各部门在节水改造中的职责分工" in lines
    for kept in (
        "（一）完善补贴政策",
        "第五条 灌区管理单位应当定期公布用水计划",
        "项目        面积        投资",
        "滴灌        120         36",
        "1. 建立台账",
        "2. 定期巡检",
    ):
        assert kept in lines


def test_page_number_variants_are_dropped() -> None:
    pages = [wrap(p, 20) for p in PARAGRAPHS]
    marks = ["- 3 -", "第 4 页", "5/20", "Page 6", "12"]
    lines: list[str] = []
    for page, mark in zip(pages * 2, marks, strict=False):
        lines += [*page, "", mark, ""]
    result = clean_text("\n".join(lines))
    remaining = set(result.text.split("\n"))
    assert not remaining & set(marks)
    assert result.repairs["page_numbers"] == len(marks)


def test_numbers_in_a_column_are_not_page_numbers() -> None:
    body = "\n\n".join(wrap(PARAGRAPHS[0], 20))
    text = body + "\n\n年份\n\n2021\n\n2022\n\n2023\n"
    result = clean_text(text)
    for year in ("2021", "2022", "2023"):
        assert year in result.text.split("\n")


def test_repeated_titles_separated_by_a_space_both_collapse() -> None:
    body = "\n\n".join(wrap(PARAGRAPHS[2], 20))
    text = "推进节水灌溉推进节水灌溉推进节水灌溉 完善补贴机制完善补贴机制完善补贴机制\n\n" + body
    lines = clean_text(text).text.split("\n")
    assert lines[0] == "推进节水灌溉 完善补贴机制"


def test_three_fold_heading_collapses_in_pdf_text_only() -> None:
    assert clean_text("节节节水水水灌灌灌溉溉溉\n\n" + PROSE).text.startswith("节节节水水水")
    body = "\n\n".join(line for p in PARAGRAPHS for line in wrap(p, 20))
    text = "节节节水水水灌灌灌溉溉溉\n\n" + body
    lines = clean_text(text).text.split("\n")
    assert lines[0] == "节水灌溉"


# --- mojibake --------------------------------------------------------------------------------

MOJI_SOURCE = "医疗数据，“测试”已完成（第二阶段）。"


def test_utf8_read_as_latin1_is_repaired_and_punctuation_kept() -> None:
    broken = MOJI_SOURCE.encode("utf-8").decode("latin-1")
    result = clean_text(broken)
    assert result.text == MOJI_SOURCE
    assert result.repairs["mojibake"] == 1


def test_utf8_read_as_cp1252_is_mostly_repaired() -> None:
    broken = "Hello 世界 — naïve café".encode().decode("cp1252", errors="replace")
    assert clean_text(broken).text == "Hello 世界 — naïve café"


def test_utf8_read_as_gbk_is_repaired() -> None:
    clean = "医疗数据"
    broken = clean.encode("utf-8").decode("gbk")
    assert broken != clean
    result = clean_text(broken)
    assert result.text == clean
    assert result.repairs == {"mojibake": 1}


def test_utf8_read_as_gbk_with_replacement_is_repaired_where_possible() -> None:
    line = "这是一段被错误解码的文字，内容涉及医疗数据治理。"
    broken = line.encode("utf-8").decode("gbk", errors="replace")
    text = PROSE + "\n" + broken
    result = clean_text(text)
    assert result.text.startswith(PROSE)
    repaired = result.text.split("\n")[-1]
    assert "解码的文字" in repaired and "医疗数" in repaired
    assert result.repairs["mojibake"] == 1


def test_mojibake_check_leaves_real_text_alone() -> None:
    rare_but_real = "魑魅魍魉，饕餮耄耋，龃龉踟蹰。"
    for text in ("Café au lait… “quoted” – fine", rare_but_real, "Ã is a letter"):
        result = clean_text(text)
        assert result.text == text
        assert "mojibake" not in result.repairs


# --- control characters, whitespace, script -----------------------------------------------


def test_control_characters_are_removed_and_breaks_become_newlines() -> None:
    result = clean_text("数据\x00处理\x07规范\u200b第一\ufeff部分\f第二部分\x85结束")
    assert result.text == "数据处理规范第一部分\n第二部分\n结束"
    assert result.repairs["control_chars"] == 6


def test_whitespace_normalisation() -> None:
    text = "\u3000\u3000第一段内容。  \r\n\r\n\r\n\r\n第二段\u00a0内容。\t\n\n\n"
    result = clean_text(text)
    assert result.text == "第一段内容。\n\n第二段 内容。"
    assert result.repairs["whitespace"] >= 4


def test_letter_spaced_han_is_joined_but_word_spaces_stay() -> None:
    text = "作者：杨 洋、李 哲\n目 录\n床前明月光 疑是地上霜\n刘冬梅 杨洋"
    assert clean_text(text).text == "作者：杨洋、李哲\n目录\n床前明月光 疑是地上霜\n刘冬梅 杨洋"


def test_to_simplified_is_opt_in_and_counted() -> None:
    text = "軟件開發與網絡數據"
    assert clean_text(text).text == text
    result = clean_text(text, CleanOptions(to_simplified=True))
    assert result.text == "软件开发与网络数据"
    assert result.repairs["to_simplified"] == 8  # 件 is the same in both scripts


def test_every_option_off_returns_the_input() -> None:
    options = CleanOptions(
        fix_mojibake=False, repair_pdf=False, normalize_whitespace=False, strip_control=False
    )
    text = pdf_fixture() + "\x00\r\n"
    assert clean_text(text, options) == CleanResult(text, {})


def test_options_reject_unknown_fields() -> None:
    with pytest.raises(ValidationError):
        CleanOptions(fix_everything=True)  # type: ignore[call-arg]


# --- the real reference text (optional) -----------------------------------------------------

NEWSLETTER = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "newsletter-2025-zh.txt"


@pytest.mark.skipif(not NEWSLETTER.exists(), reason="shared reference corpus not available")
def test_newsletter_reference_text() -> None:
    raw = NEWSLETTER.read_text(encoding="utf-8")
    result = clean_text(raw)
    lines = result.text.split("\n")
    assert not any(re.search(r"(.)\1\1\1", line) for line in lines)
    assert not any(re.fullmatch(r"\s*\d+\s*", line) for line in lines)
    assert len(lines) < len(raw.split("\n")) / 4
    raw_han, clean_han = len(HAN.findall(raw)), len(HAN.findall(result.text))
    assert clean_han <= raw_han
    assert clean_han >= 0.98 * raw_han
    assert result.repairs["pdf_line_joins"] > 500


# --- the fast paths give what the plain steps give ------------------------------------------
# clean_text skips repairs a text gives no occasion for and answers some questions without a
# regex scan; these tests hold the shortcuts to the plain implementations on generated text.

_PIECES = [
    "\r\n", "\r", "\f", "\v", "\x85", "\u2028", "\x00", "\x07", "\ufeff", "\u200b", "\xad",
    "\ud800", "\u3000", "\xa0", "\u2003", "\u202f", "  ", "\t", " ", "\n\n\n\n", "\n \n",
    "   \n", "\u3000\n", "汉 字", "数 据 治 理", "| a | b |", "col1  col2  col3", "```",
    "    code()", "第 3 页", "- 12 -", "设设设设计计计计", "标题标题标题标题", "Ã©", "\ufffd",
    "é", "鐢ㄦ埛", "\n12\n", "。", "，", "\n一、说明\n", "\n", "\n\n",
]  # fmt: skip


def _fuzzed(count: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    base = [PROSE, LAW, MARKDOWN, ENGLISH, pdf_fixture(), *PARAGRAPHS]
    out = []
    for _ in range(count):
        chars = list(rng.choice(base))
        for _ in range(rng.randint(1, 10)):
            at = rng.randint(0, len(chars))
            chars[at:at] = rng.choice(_PIECES)
        out.append("".join(chars))
    out += [p.encode("utf-8").decode("latin-1") for p in base]
    out += ["\n\n".join(wrap(p, 18)) for p in PARAGRAPHS]
    return out


def _plain_clean(text: str) -> CleanResult:
    """clean_text without shortcuts: every step on every text."""
    repairs: dict[str, int] = {}
    text, n = fix_mojibake(text)
    repairs["mojibake"] = n
    text, pdf = repair_pdf_text(text)
    repairs.update(pdf)
    text, repairs["control_chars"] = strip_controls(text)
    text, repairs["whitespace"] = _plain_whitespace(text)
    return CleanResult(text, {k: v for k, v in repairs.items() if v})


def _plain_whitespace(text: str) -> tuple[str, int]:
    changes = 0
    for pattern, repl in (
        (clean_module._CRLF_RE, "\n"),
        (clean_module._INDENT_RE, ""),
        (clean_module._ODD_SPACE_RE, " "),
        (clean_module._TRAILING_SPACE_RE, ""),
    ):
        text, n = pattern.subn(repl, text)
        changes += n
    text, n = clean_module._LETTER_SPACED_RE.subn(lambda m: m.group().replace(" ", ""), text)
    changes += n
    text, n = clean_module._BLANK_RUN_RE.subn("\n\n", text)
    changes += n
    stripped = text.strip("\n")
    return stripped, changes + (stripped != text)


def test_clean_text_shortcuts_match_the_plain_steps() -> None:
    for text in _fuzzed(300):
        assert clean_text(text) == _plain_clean(text), repr(text[:80])


def test_pdf_prefilters_match_their_regexes() -> None:
    for text in _fuzzed(300, seed=1):
        lines = text.split("\n")
        broken = len(pdf_module._BROKEN_END_RE.findall(text))
        assert pdf_module._broken_line_ends(lines) == broken
        assert pdf_module._has_kfold_line(lines) == bool(pdf_module._KFOLD_LINE_RE.search(text))
        if "\f" not in text and not pdf_module._may_need_repair(text):
            doc = pdf_module._split(text)
            assert not pdf_module.wrap_width(doc)[1]
            assert not pdf_module._has_strong_kfold(doc)


def test_latin1_mojibake_shortcut_matches_ftfy() -> None:
    texts = [t.encode("utf-8").decode("latin-1") for t in (PROSE, LAW, MARKDOWN, *PARAGRAPHS)]
    texts += [PROSE + "\n" + LAW.encode("utf-8").decode("latin-1"), "café\nÃ©tÃ©", "Â°C"]
    texts += [t.encode("utf-8").decode("latin-1") for t in texts[:2]]  # twice over
    fixed_fast = 0
    for text in texts:
        fast = mojibake_module._ftfy_latin1_lines(text)
        if fast is not None:
            fixed_fast += fast != text
            assert fast == ftfy.fix_text(text, **mojibake_module._FTFY_OPTIONS)
    assert fixed_fast >= 5


def test_windowed_badness_never_misses_what_ftfy_flags() -> None:
    rng = random.Random(2)
    alphabet = "ÃÂâ€™œ”“…—·ÐØÙ²³×ВГРСЂўΒΓΞΟ ¡«¿©ÀÉéèàaz.,!?\n中文，。" + "".join(
        map(chr, range(0xA0, 0x180))
    )
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        assert mojibake_module._is_bad(text) or not is_bad(text), repr(text)
