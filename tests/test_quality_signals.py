"""compute_signals and assess: clean documents pass, defective ones fail for the right reason."""

from __future__ import annotations

import random
import re
from collections import Counter

import numpy as np
import pytest
from pydantic import ValidationError

import quality.signals as signals_module
from quality import Assessment, QualityConfig, assess, compute_signals, detect_language
from quality._chars import codepoints
from quality.assess import RULE_NAMES
from quality.signals import DUP_NGRAM_SIZES as DUP_SIZES
from quality.signals import NGRAM_SAMPLE_CHARS
from quality.signals import TOP_NGRAM_SIZES as TOP_SIZES

# --- clean documents (written for these tests) ----------------------------------------------

PROSE = (
    "近年来，随着人口老龄化程度不断加深，慢性病管理逐渐成为基层医疗机构的重要任务。"
    "许多社区卫生服务中心开始为高血压和糖尿病患者建立电子健康档案，定期随访并记录血压、血糖等"
    "关键指标。医生可以根据这些数据及时调整用药方案，患者也能通过手机查看自己的检查结果。\n\n"
    "不过，数据共享仍然面临不少障碍。不同医院使用的信息系统标准不一，检查报告难以互认，"
    "患者转诊时往往需要重复检查。专家建议，应当加快制定统一的数据接口规范，在保护个人隐私的"
    "前提下推动医疗数据有序流通。\n\n"
    "此外，基层医务人员的数字素养也需要提升。部分乡镇卫生院的医生对新系统的操作并不熟悉，"
    "地方卫生部门可以组织分批培训，并安排技术人员驻点指导，帮助他们尽快适应新的工作方式。"
)
LAW = (
    "第一章 总则\n"
    "第一条 为了规范数据处理活动，保障数据安全，促进数据依法合理有效利用，制定本条例。\n"
    "第二条 在本市行政区域内开展数据处理活动及其安全监管，适用本条例。\n"
    "第三条 数据处理者应当遵守法律、法规，尊重社会公德和伦理，履行数据安全保护义务。\n"
    "第二章 数据分类分级\n"
    "第四条 本市建立数据分类分级保护制度，根据数据在经济社会发展中的重要程度实行分级保护。\n"
    "第五条 重要数据的处理者应当明确数据安全负责人和管理机构，落实数据安全保护责任。\n"
    "第六条 违反本条例规定的，由有关主管部门责令改正；拒不改正的，处一万元以上十万元以下罚款。"
)
FINANCE = (
    "2024年第三季度，公司实现营业收入12.6亿元，同比增长8.3%；归属于上市公司股东的净利润"
    "1.9亿元，同比增长5.1%。经营活动产生的现金流量净额为2.4亿元，较上年同期有所改善。\n\n"
    "主要财务数据如下（单位：万元）：\n"
    "项目            本报告期        上年同期        增减\n"
    "营业收入        126,350         116,650         8.3%\n"
    "营业成本        88,120          82,470          6.9%\n"
    "净利润          19,080          18,150          5.1%\n\n"
    "报告期内，公司持续优化产品结构，高毛利产品的销售占比提升至42%。管理层表示，将继续加大"
    "研发投入，并审慎控制费用支出。"
)
TECH = (
    "## 安装步骤\n\n首先创建虚拟环境并安装依赖：\n\n```bash\npython -m venv .venv\n"
    "source .venv/bin/activate\npip install -r requirements.txt\n```\n\n"
    "安装完成后，运行 `pytest -q` 检查测试是否全部通过。如果需要连接数据库，请在 `config.yaml` "
    "中填写主机地址和端口，然后执行 `python manage.py migrate` 初始化数据表。\n\n"
    "常见问题：如果提示权限不足，可以使用 `sudo` 重新执行命令，"
    "或者检查当前用户是否属于 docker 用户组。"
)
ENGLISH = (
    "Data quality matters more than data quantity when training language models. Careful "
    "filtering removes boilerplate, spam and duplicated pages, while keeping informative "
    "articles intact. Each rule should be explained, measured and easy to switch off."
)
CLEAN = {"prose": PROSE, "law": LAW, "finance": FINANCE, "tech": TECH, "english": ENGLISH}

# --- defective documents --------------------------------------------------------------------

SPAM = (
    "博彩平台稳赚不赔，加微信领取888元彩金。\n时时彩、六合彩、北京赛车全天开奖，日赚千元不是梦。\n"
    "代开发票，各类发票代开，价格优惠，加微信咨询。\n真人娱乐老虎机，注册即送免费领取体验金。\n"
    "兼职刷单日结，躺赚月入过万，名额有限。"
)
NAVIGATION = (
    "首页 > 新闻中心 > 正文\n登录 | 注册\n上一篇：关于开展年度评优工作的通知\n"
    "下一篇：图书馆开放时间调整的说明\n版权所有 © 2024 某某大学 保留所有权利\n"
    "联系我们 | 网站地图 | 隐私政策\n扫码关注公众号\n京ICP备12345678号"
)
REPEATED_LINES = (
    "欢迎光临本店，全场商品八折优惠，欢迎选购。\n" * 15 + "营业时间为每天上午九点至晚上九点。"
)
STUFFING = "深圳装修公司 深圳装修 深圳装修公司哪家好 深圳装修报价 深圳装修公司 深圳装修 " * 4
SYMBOLS = (
    "★★★★★ 限时特惠 ★★★★★\n🔥🔥🔥 爆款推荐 🔥🔥🔥\n※※※ 全场包邮 ※※※\n"
    "→→→ 点我下单 ←←←\n♥♥♥ 好评返现 ♥♥♥\n●●● 品质保证 ●●●"
)
NUMBERS = "\n".join(f"{i:04d} {i * 37 % 1000:03d} {i * 91 % 10000:04d}" for i in range(40))
MOJIBAKE = PROSE.encode("utf-8").decode("gbk", errors="replace")
ENGLISH_PAGE_CHROME = (
    "Home | Pricing | Careers | Docs | About us | Contact\n"
    "We use cookies to improve your experience. By clicking Accept you agree to the storing "
    "of cookies on your device.\n"
    "[Accept all] [Reject non-essential] [Manage preferences]\n"
    "Subscribe to our newsletter for the latest product updates.\n"
    "Previous post: Release notes | Next post: Roadmap\n"
    "Privacy Policy | Terms of Use | Sitemap"
)
JAPANESE_PAGE_CHROME = (
    "ホーム ｜ 会社情報 ｜ 製品情報 ｜ お問い合わせ\n現在地：ホーム ＞ ニュース\n"
    "当サイトではクッキーを使用しています。\n前の記事へ ｜ 一覧に戻る ｜ 次の記事へ\n"
    "プライバシーポリシー ｜ サイトマップ ｜ ご利用条件"
)
HEALTH_SPAM = (
    "祖传秘方，三天见效，高血压不再复发！无效全额退款。\n进口特效药正品直供，隐私发货，货到付款。\n"
    "根治糖尿病 降糖茶 快速减肥 根治糖尿病 降糖茶 快速减肥 根治糖尿病 减肥茶 降糖茶"
)


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_documents_pass_with_a_high_score(name: str) -> None:
    result = assess(CLEAN[name])
    assert result.keep, result.reasons
    assert result.reasons == [] and result.annotated == []
    assert result.score > 0.7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SPAM, {"max_spam_keyword_frac"}),
        (NAVIGATION, {"max_boilerplate_line_frac", "min_punct_end_line_frac"}),
        (REPEATED_LINES, {"max_dup_line_frac", "max_top_ngram_frac_2", "max_dup_ngram_frac_10"}),
        (STUFFING, {"max_top_ngram_frac_2", "max_spam_keyword_frac"}),
        (SYMBOLS, {"max_symbol_ratio"}),
        (NUMBERS, {"max_digit_ratio"}),
        (MOJIBAKE, {"max_mojibake_frac"}),
        ("太短了。", {"min_chars"}),
        (ENGLISH_PAGE_CHROME, {"max_boilerplate_line_frac"}),
        (JAPANESE_PAGE_CHROME, {"max_boilerplate_line_frac"}),
        (HEALTH_SPAM, {"max_spam_keyword_frac"}),
    ],
    ids=[
        "spam", "nav", "repeated", "stuffing", "symbols", "numbers", "mojibake", "short",
        "en-chrome", "ja-chrome", "health-spam",
    ],
)
def test_defective_documents_fail_for_their_defect(text: str, expected: set[str]) -> None:
    result = assess(text)
    assert not result.keep
    assert expected <= set(result.reasons)
    assert result.score < 0.3


def test_signal_names_and_ranges() -> None:
    signals = compute_signals(PROSE)
    expected = {
        "char_count", "line_count", "han_ratio", "dup_line_frac", "dup_para_frac",
        "top_ngram_frac_2", "top_ngram_frac_3", "top_ngram_frac_4",
        *(f"dup_ngram_frac_{n}" for n in range(5, 11)),
        "char_entropy", "punct_end_line_frac", "symbol_ratio", "digit_ratio",
        "bullet_line_frac", "short_line_frac", "boilerplate_line_frac", "spam_keyword_frac",
        "mojibake_frac", "url_ratio", "ngram_sample_frac",
    }  # fmt: skip
    assert expected <= set(signals)
    assert all(isinstance(v, float) for v in signals.values())
    assert signals["char_count"] == len(PROSE)
    assert signals["line_count"] == 3
    assert signals["han_ratio"] == 1.0
    assert signals["char_entropy"] > 6


def test_duplicate_line_fraction_counts_characters_of_repeats() -> None:
    text = "第一行内容\n重复的一行\n重复的一行\n最后一行"
    # only the second "重复的一行" counts: 5 of the 19 characters in lines
    assert compute_signals(text)["dup_line_frac"] == pytest.approx(5 / 19)
    paragraphs = "同一段话。\n\n同一段话。\n\n另一段话。"
    assert compute_signals(paragraphs)["dup_para_frac"] == pytest.approx(1 / 3)


def test_word_ngrams_for_latin_text() -> None:
    signals = compute_signals("a b c a b c a b c x y z")
    assert signals["top_ngram_frac_2"] == pytest.approx(6 / 12)  # "ab" three times
    assert signals["dup_ngram_frac_5"] == pytest.approx(6 / 12)


def test_han_ngrams_span_two_characters_per_word() -> None:
    unique = "我们今天讨论农业节水技术的推广问题"
    text = unique + "数据治理数据治理数据治理"
    signals = compute_signals(text)
    # the most frequent 2-"word" gram is 4 characters: "数据治理" appears three times
    assert signals["top_ngram_frac_2"] == pytest.approx(12 / len(text))


def test_line_shape_signals() -> None:
    text = "• 第一项说明文字。\n• 第二项说明文字。\n短行\n没有结尾标点的一行文字内容"
    signals = compute_signals(text)
    assert signals["bullet_line_frac"] == 0.5
    assert signals["short_line_frac"] == 0.25
    assert signals["punct_end_line_frac"] == 0.5


def test_markdown_bold_and_negative_numbers_are_not_bullets() -> None:
    text = "**第一条** 为了规范管理，制定本办法。\n- 第一项\n* 第二项\n-3 摄氏度以下停止施工。"
    assert compute_signals(text)["bullet_line_frac"] == 0.5


def test_repeated_english_words_are_not_keyword_stuffing() -> None:
    text = (
        "The company said the plan would help the company grow, and the board said the plan "
        "was the best plan the company had. The market agreed with the company and the board."
    )
    assert compute_signals(text)["spam_keyword_frac"] == 0.0


def test_url_and_digit_ratios() -> None:
    text = "详见 https://example.com/a?b=1 和 www.test.cn 页面"
    assert compute_signals(text)["url_ratio"] == pytest.approx((25 + 11) / len(text))
    assert compute_signals("12345")["digit_ratio"] == 1.0


def test_mojibake_fraction() -> None:
    assert compute_signals(PROSE)["mojibake_frac"] == 0.0
    assert compute_signals(MOJIBAKE)["mojibake_frac"] > 0.3
    latin1 = PROSE.encode("utf-8").decode("latin-1")
    assert compute_signals(latin1)["mojibake_frac"] > 0.3


def test_long_documents_sample_the_ngram_work() -> None:
    text = PROSE * (2 * NGRAM_SAMPLE_CHARS // len(PROSE))
    signals = compute_signals(text)
    assert 0.4 < signals["ngram_sample_frac"] < 0.6
    assert compute_signals(PROSE)["ngram_sample_frac"] == 1.0
    assert signals["dup_ngram_frac_10"] > 0.9  # the sample already shows the repetition


def test_language_confidence_is_recorded_when_given() -> None:
    lang = detect_language(PROSE)
    assert compute_signals(PROSE, lang)["lang_confidence"] == lang.confidence
    assert "lang_confidence" not in compute_signals(PROSE)


def test_empty_text_has_zero_signals() -> None:
    signals = compute_signals("")
    assert signals["char_count"] == 0.0
    assert all(v == 0.0 for k, v in signals.items() if k != "ngram_sample_frac")
    assert assess("").reasons == ["min_chars", "min_punct_end_line_frac", "min_entropy"]


# --- configuration -------------------------------------------------------------------------


def test_annotate_only_records_without_rejecting() -> None:
    config = QualityConfig(annotate_only=["max_spam_keyword_frac"])
    result = assess(SPAM, config)
    assert result.keep
    assert result.annotated == ["max_spam_keyword_frac"]
    assert result.score < 0.3  # the score still tells the truth


def test_unknown_rule_names_are_rejected() -> None:
    with pytest.raises(ValidationError, match="unknown quality rule"):
        QualityConfig(annotate_only=["max_typos"])
    with pytest.raises(ValidationError):
        QualityConfig(max_typo_frac=0.1)  # type: ignore[call-arg]
    assert "language_not_allowed" in RULE_NAMES and "low_quality_score" in RULE_NAMES


def test_min_han_ratio_is_off_by_default() -> None:
    assert assess(ENGLISH).keep
    result = assess(ENGLISH, QualityConfig(min_han_ratio=0.3))
    assert result.reasons == ["min_han_ratio"]
    assert assess(TECH, QualityConfig(min_han_ratio=0.3)).keep


def test_allowed_languages() -> None:
    config = QualityConfig(allowed_languages=["zh"])
    assert assess(PROSE, config).keep
    assert assess(ENGLISH, config).reasons == ["language_not_allowed"]
    english_as_zh = detect_language(PROSE)
    assert assess(ENGLISH, config, lang=english_as_zh).keep  # a given result is trusted


def test_min_score_rejects_low_scores() -> None:
    result = assess(FINANCE, QualityConfig(min_score=0.99))
    assert result.reasons == ["low_quality_score"]
    assert assess(FINANCE, QualityConfig(min_score=0.5)).keep


def test_thresholds_change_the_decision_and_the_score() -> None:
    strict = QualityConfig(max_digit_ratio=0.1)
    assert "max_digit_ratio" in assess(FINANCE, strict).reasons
    assert assess(FINANCE, strict).score < assess(FINANCE).score


def test_assessment_keep_property() -> None:
    assert Assessment(signals={}, score=1.0).keep
    assert not Assessment(signals={}, score=0.1, reasons=["min_chars"]).keep


# --- the fast paths against plain reference implementations ---------------------------------


def _reference_ngrams(tokens: list[int], lengths: list[int], scale: int) -> dict[str, float]:
    """Gopher's definitions, one dict of windows per size (ties: the longer n-gram)."""
    out = {}
    total = sum(lengths)
    for size in (*TOP_SIZES, *DUP_SIZES):
        n = size * scale
        seen: dict[tuple[int, ...], list[int]] = {}
        for p in range(len(tokens) - n + 1):
            seen.setdefault(tuple(tokens[p : p + n]), []).append(p)
        if size in TOP_SIZES:
            best = (0, 0)
            for starts in seen.values():
                if len(starts) > 1:
                    best = max(best, (len(starts), sum(lengths[starts[0] : starts[0] + n])))
            out[f"top_ngram_frac_{size}"] = min(1.0, best[0] * best[1] / total) if total else 0.0
        else:
            covered = [False] * len(tokens)
            for starts in seen.values():
                for p in starts[1:]:
                    covered[p : p + n] = [True] * n
            chars = sum(c for c, hit in zip(lengths, covered, strict=True) if hit)
            out[f"dup_ngram_frac_{size}"] = chars / total if total else 0.0
    return out


@pytest.mark.parametrize("seed", range(6))
def test_ngram_signals_match_a_plain_implementation(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        vocab = rng.randint(2, 40)  # small vocabularies repeat a lot, large ones little
        size = rng.choice([5, 30, 200, 700])
        if rng.random() < 0.3:  # a repeated block, as in spam
            block = [rng.randrange(vocab) for _ in range(rng.randint(3, 25))]
            toks = (block * (size // len(block) + 1))[:size]
        else:
            toks = [rng.randrange(vocab) for _ in range(size)]
        lengths = [1 + t % (2 + seed % 3) for t in toks]  # equal tokens, equal lengths
        for scale in (1, 2):
            got = signals_module._ngram_signals(
                np.array(toks, dtype=np.uint64) * np.uint64(0x9E3779B1) + np.uint64(7),
                np.array(lengths, dtype=np.int64),
                scale,
            )
            want = _reference_ngrams(toks, lengths, scale)
            assert got == pytest.approx(want), (size, vocab, scale)


def test_repeated_phrases_match_the_split_regex() -> None:
    rng = random.Random(3)
    parts = ["根治", "糖尿病", "降糖茶", "ab", "数据", " ", "  ", "，", "。", "\u3000", "\n",
             "x y", "汉 字", "Ab", "1", "、", "《", "》", "|", "…", "减肥"]  # fmt: skip
    for _ in range(500):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 40)))
        lowered = text.lower()
        got = signals_module._phrases(lowered, codepoints(lowered))
        every = signals_module._phrases_by_regex(lowered)
        want = {p: c for p, c in every.items() if signals_module._is_stuffed(p, c)}
        assert got == want, repr(text)


def test_entropy_matches_its_definition() -> None:
    rng = np.random.default_rng(4)
    for size in (1, 2, 50, 700):
        cps = rng.integers(0x4E00, 0x4E40, size).astype(np.uint32)
        _, counts = np.unique(cps, return_counts=True)
        p = counts / size
        assert signals_module._entropy(cps) == pytest.approx(float(-(p * np.log2(p)).sum()))
    assert signals_module._entropy(np.zeros(0, dtype=np.uint32)) == 0.0


def _reference_line_stats(text: str) -> list[float]:
    """The per-line signals by their plain definitions on str.strip()ped lines."""
    lines = [s for s in (line.strip() for line in text.split("\n")) if s]
    n = len(lines)
    worded = [s for s in lines if any(ch.isalpha() for ch in s)]  # table rules do not count
    total = sum(map(len, worded))
    seen: set[str] = set()
    dup = 0
    for line in worded:
        if line in seen:
            dup += len(line)
        seen.add(line)
    text_lines = [s for s in worded if not (s[0] in "|+│┃║" and s[-1] in "|+│┃║")]
    ends = sum(s[-1] in signals_module.LINE_END_PUNCT for s in text_lines)
    bullets = sum(
        s[0] in signals_module.BULLETS or bool(re.match(r"[-*+]\s", s)) for s in lines
    )
    short = sum(len(s) < signals_module.SHORT_LINE_CHARS for s in lines)
    per_line = [x / n if n else 0.0 for x in (bullets, short)]
    ends_frac = ends / len(text_lines) if text_lines else 0.0
    return [float(n), dup / total if total else 0.0, ends_frac, *per_line]


def _line_stat_signals(text: str) -> list[float]:
    got = compute_signals(text)
    names = ("line_count", "dup_line_frac", "punct_end_line_frac", "bullet_line_frac")
    return [got[k] for k in names] + [got["short_line_frac"]]


def test_line_signals_match_their_plain_definitions() -> None:
    rng = random.Random(5)
    parts = ["第一条 规定。", "数据", "\n", "\n", " ", "\u3000", "\t", "- 项目", "* x", "+",
             "-3", "**粗体**", "• 要点", "短", "。", "：", "a b", "\r", "\x85",
             "重复的一行\n", "|----+----|\n", "|名称|说明|\n", "| 值 |"]  # fmt: skip
    docs = [PROSE, LAW, TECH, SPAM, NAVIGATION, ENGLISH_PAGE_CHROME, JAPANESE_PAGE_CHROME, ""]
    docs += ["".join(rng.choice(parts) for _ in range(rng.randint(0, 60))) for _ in range(400)]
    for doc in docs:
        assert _line_stat_signals(doc) == pytest.approx(_reference_line_stats(doc)), repr(doc)


def _reference_repeated_sentence_frac(text: str) -> float:
    """Extra copies of sentences seen 3+ times over all sentences, by the plain definition."""
    sentences = []
    for line in text.split("\n"):
        squeezed = "".join(ch for ch in line if not ch.isspace())
        for piece in re.findall(r"[^。！？!?]*[。！？!?]", squeezed):
            no_letter = signals_module._B_ZYYY | signals_module._B_ZS
            if sum(not signals_module._signal_table()[ord(ch)] & no_letter for ch in piece) >= 6:
                sentences.append(piece)
    copies = Counter(sentences)
    extra = sum(n - 1 for n in copies.values() if n >= signals_module.SENTENCE_MIN_COPIES)
    return extra / len(sentences) if sentences else 0.0


def test_repeated_sentences_match_their_plain_definition() -> None:
    rng = random.Random(6)
    parts = ["本站欢迎您关注！", "欢迎 关注本站 更多！", "这是一句普通的话。", "短句。", "?", "\n",
             " ", "abc def!", "1234567。", "第一条 规定如下：", "还有一句不同的话？"]  # fmt: skip
    docs = [PROSE, LAW, TECH, SPAM, ""]
    docs += ["".join(rng.choice(parts) for _ in range(rng.randint(0, 40))) for _ in range(400)]
    for doc in docs:
        got = compute_signals(doc)["repeated_sentence_frac"]
        assert got == pytest.approx(_reference_repeated_sentence_frac(doc)), repr(doc)


def test_a_slogan_after_every_sentence_is_rejected_and_prose_is_not() -> None:
    slogan = "点赞关注不迷路，精彩内容天天有！"
    spammed = PROSE.replace("。", "。" + slogan)
    assert spammed.count(slogan) >= 3
    assert compute_signals(spammed)["repeated_sentence_frac"] > 0.3
    assert "max_repeated_sentence_frac" in assess(spammed).reasons
    assert compute_signals(PROSE)["repeated_sentence_frac"] == 0.0
    twice = PROSE + "\n" + "请按回车键确认输入。" * 2  # a step repeated once is not spam
    assert compute_signals(twice)["repeated_sentence_frac"] == 0.0


def test_boilerplate_lines_match_the_per_line_test() -> None:
    docs = [NAVIGATION, ENGLISH_PAGE_CHROME, JAPANESE_PAGE_CHROME, PROSE, TECH, SPAM, LAW]
    for doc in docs:
        lines = [s for s in (line.strip() for line in doc.split("\n")) if s]
        got = signals_module._boilerplate_lines(doc, doc.lower(), boiler_seps=True)
        assert got == sum(map(signals_module._is_boilerplate, lines))
        assert got == round(compute_signals(doc)["boilerplate_line_frac"] * len(lines))
