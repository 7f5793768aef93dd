"""Quality signals: numbers describing a document, computed before any keep/drop decision.

Repetition signals follow Gopher (Rae et al. 2021) but tokenise Han (and kana) per
character and other scripts per word, so Chinese needs no word segmenter. n-gram statistics
look at most at the first NGRAM_SAMPLE_CHARS characters (``ngram_sample_frac`` records how
much was seen).

Speed: documents are mostly 1-3 KB, where the fixed cost of each numpy call and each regex
scan dominates. Character counts, tokens, n-gram repetition, entropy and repeated phrases
come from compiled passes over the code points (``_kernels``); regex scans run only when
the character counts say a match is possible. Results equal the plain definitions (the
tests hold them against plain-Python references).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import cache

import numpy as np

from quality import _kernels
from quality._chars import (
    DIGIT,
    HAN_CLASS,
    LETTER,
    MOJI,
    SCRIPT_ID,
    SYMBOL,
    WS,
    class_table,
    codepoints,
    common_han_table,
    script_table,
)
from quality.language import LanguageResult
from quality.mojibake import LATIN1_MOJIBAKE_RE

NGRAM_SAMPLE_CHARS = 100_000
TOP_NGRAM_SIZES = (2, 3, 4)
DUP_NGRAM_SIZES = (5, 6, 7, 8, 9, 10)
# A Chinese word is one to three characters: on text made mostly of Han (or kana) tokens
# (at least half of them), an n-gram spans 2n characters, so Gopher's word n-gram
# thresholds still fit.
HAN_NGRAM_SCALE = 2
SHORT_LINE_CHARS = 10
BOILERPLATE_MAX_LINE_CHARS = 200

# Terminal punctuation of a line (C4 keeps lines ending like this).
# A colon ends a line that introduces a list, a clause's items or a command (可以运行：).
# Only text lines count: a table row (| ... |) or a rule without letters is not prose.
LINE_END_PUNCT = frozenset("。！？!?.…；;：:\"”」』’'）)】")
# Bullets start a line; Markdown's "-", "*" and "+" count only when a space follows them
# (not "**bold**" or "-3").
BULLETS = frozenset("•‣◦·●○■□◆◇▪▫▶►➤✓✔※★☆–—>")
# Repeated sentences: a slogan or call to action pasted after the sentences of an article
# repeats inside lines, where duplicate-line counts do not see it. A sentence ends in one of
# these (not "." : decimals and abbreviations), has SENTENCE_MIN_LETTERS letters or more, and
# counts as repeated at SENTENCE_MIN_COPIES copies: in clean prose, law and technical text
# (the real-text sections of tests/real_text_eval.py among them) no sentence of six letters
# occurs three times, while two copies do occur (a step repeated in a how-to).
SENTENCE_END_PUNCT = frozenset("。！？!?")
SENTENCE_MIN_LETTERS = 6
SENTENCE_MIN_COPIES = 3

# Navigation, legal, cookie and sharing boilerplate of web pages in Chinese, English and
# Japanese. Matched only on lines up to BOILERPLATE_MAX_LINE_CHARS: a paragraph that
# mentions copyright is prose, a cookie banner is not. Plain phrases (matched on the
# lower-cased line) let the regex engine skip ahead by first character, which keeps this
# per-line test cheap; the few real patterns run only on lines holding a separator.
_BOILERPLATE_PHRASES = (
    "版权所有", "版权声明", "免责声明", "上一篇", "下一篇", "上一页", "下一页", "返回顶部",
    "返回首页", "返回列表", "点击这里", "点击查看", "点击进入", "点击下载", "扫码关注", "扫一扫",
    "关注公众号", "关注我们", "长按识别", "网站地图", "联系我们", "关于我们", "隐私政策",
    "用户协议", "责任编辑", "icp备", "公网安备", "分享到", "收藏本站", "设为首页", "加入收藏",
    "阅读原文", "阅读全文", "相关阅读", "相关文章", "热门推荐", "猜你喜欢", "发表评论", "打印本页",
    "关闭窗口", "忘记密码", "立即登录", "免费注册", "当前位置", "您的位置", "使用cookie",
    "お問い合わせ", "サイトマップ", "プライバシーポリシー", "利用規約", "ご利用条件", "クッキー",
    "前の記事", "次の記事", "一覧に戻る", "ページの先頭へ", "現在地",
    "use cookies", "cookie settings", "cookie policy", "cookie preferences", "accept cookies",
    "accept all cookies", "copyright", "©", "all rights reserved", "privacy policy",
    "terms of use", "terms of service", "subscribe to", "click here", "read more", "share this",
    "follow us", "previous post", "next post", "previous article", "next article",
    "skip to content", "skip to main content", "back to top", "powered by",
)  # fmt: skip
_BOILERPLATE_PHRASE_RE = re.compile("|".join(map(re.escape, _BOILERPLATE_PHRASES)))
_BOILERPLATE_PATTERN_RE = re.compile(
    r"""(?x)
    登录\s*[|/｜]\s*注册 | ^首页\s*[>»|/＞｜] | [>»＞]\s*正文$ | ^ホーム\s*[｜|＞>]
    | \(c\)\s*\d{4} | \b(?:sign|log)\s+(?:in|up)\b
    # a menu: three or more short items between separators
    | ^(?:[^|｜>＞»\n]{1,24}[|｜>＞»]\s*){2,}[^|｜>＞»\n]{1,24}$
    # a row of buttons: [Accept all] [Reject]
    | ^(?:[\[［][^\]］]{1,30}[\]］]\s*){2,}$
    """
)
_SEPARATOR_CHARS = frozenset("|｜>＞»[［(")


def _is_boilerplate(line: str) -> bool:
    if len(line) > BOILERPLATE_MAX_LINE_CHARS:
        return False
    lowered = line.lower()
    if _BOILERPLATE_PHRASE_RE.search(lowered):
        return True
    return not _SEPARATOR_CHARS.isdisjoint(line) and bool(_BOILERPLATE_PATTERN_RE.search(lowered))


# Spam and advertising phrases (gambling, fake invoices, adult content, get-rich offers,
# "add me on WeChat"). Mentions in news stay far below the threshold; spam repeats them.
# One alternation finds whether any literal occurs at all (one scan, skipping ahead by first
# character); only then is each literal counted with str.count, so overlapping literals
# still count separately.
_SPAM_LITERALS = (
    "代开发票", "代开增值税发票", "发票代开", "免费领取", "点击购买", "立即购买", "限时抢购",
    "博彩", "赌场", "澳门威尼斯人", "新葡京", "百家乐", "六合彩", "时时彩", "北京赛车", "老虎机",
    "真人娱乐", "棋牌游戏", "稳赚", "日赚", "躺赚", "刷单", "兼职日结", "裸聊", "约炮", "一夜情",
    "成人视频", "无抵押贷款", "贷款秒批", "套现", "代孕", "高仿", "私服",
    "祖传秘方", "包治", "药到病除", "三天见效", "无效退款", "全额退款", "隐私发货", "货到付款",
    "点击咨询", "免费评估", "特效药", "根治",
    "casino", "viagra", "cialis", "payday loan", "porn", "escort service", "free money",
    "work from home", "buy now", "limited offer", "miracle cure", "click here to claim",
)  # fmt: skip
_SPAM_RE = re.compile(
    r"加\s*(?:我\s*)?(?:微\s*信|v\s*信|vx|wx|v)(?![a-z])|微信号?\s*[:：]|qq\s*[:：]?\s*\d{5,}"
    r"|月入[过上]?[万千]|earn \$\d"
)
_SPAM_ANY_RE = re.compile("|".join([*map(re.escape, _SPAM_LITERALS), _SPAM_RE.pattern]))
# Keyword stuffing: one short phrase over and over. Phrases end at punctuation, line breaks,
# tabs or wide gaps, and at single spaces only between Han characters ("根治糖尿病 降糖茶"):
# English words between spaces are not phrases.
_PHRASE_SEPARATORS = "\n\t,，。、;；!！?？|｜/·…:：\"“”'‘’()（）[]【】<>《》\u3000"
_PHRASE_SPLIT_RE = re.compile(
    rf"[\n\t,，。、;；!！?？|｜/·…:：\"“”'‘’()（）\[\]【】<>《》]+| {{2,}}|\u3000+"
    rf"|(?<=[{HAN_CLASS}]) (?=[{HAN_CLASS}])"
)
_STUFFING_MIN_REPEATS = 3
_CODE_FENCES = ("```", "~~~")
# A whole clause repeated many times ("更多精彩内容请关注本站！" after every paragraph) is
# stuffing too; legal text repeats its clauses' names, but not whole clauses five times.
_SLOGAN_MAX_PHRASE = 24
_SLOGAN_MIN_REPEATS = 5
_STUFFING_MAX_PHRASE = 8  # keywords; a repeated clause is left to the n-gram signals
_WORDISH_RE = re.compile(r"[^\W\d_]")

_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'，。）)】]+")
_PARAGRAPH_SPLIT_RE = re.compile(r"\n[ \t\u3000]*\n")

# Mojibake Han: a document whose Han characters are mostly outside the common GB2312/Big5
# sets was almost surely decoded with the wrong codec.
_UNCOMMON_HAN_SHARE = 0.3
_UNCOMMON_HAN_MIN = 10

_TOKEN_CHAR = 1  # Han, kana, bopomofo: one token per character
_TOKEN_WORD = 2  # letters and digits of other scripts: one token per run


@cache
def _token_table() -> np.ndarray:
    scripts = script_table()
    table = np.where((class_table() & (LETTER | DIGIT)) != 0, _TOKEN_WORD, 0).astype(np.uint8)
    for name in ("Hani", "Hira", "Kana", "Bopo"):
        table[scripts == SCRIPT_ID[name]] = _TOKEN_CHAR
    return table


# Bits of the per-character signal table: one lookup and one bincount give every count.
_B_WS = 1 << 0  # whitespace (class WS)
_B_DIGIT = 1 << 1
_B_ZYYY = 1 << 2  # script: no letter (digits, punctuation, symbols)
_B_ZS = 1 << 3  # script: whitespace
_B_HANI = 1 << 4
_B_PHRASE_SEP = 1 << 5  # phrase separators of keyword stuffing (spaces aside)
# Rare bits last: the bincount over bit sets then stays short.
_B_SYMBOL = 1 << 6
_B_MOJI = 1 << 7
_B_UNCOMMON = 1 << 8  # Han outside the common GB2312/Big5 sets
_B_LATIN1_LEAD = 1 << 9  # Â..ô: first character of every Latin-1 mojibake pair
_B_BOILER_SEP = 1 << 10  # separators the boilerplate patterns need
_N_BITS = 11  # bits counted per document; the ones below only mark characters
_B_SPACE = 1 << 11  # str.isspace(): what str.strip() removes
_B_LINE_END = 1 << 12  # LINE_END_PUNCT
_B_BULLET = 1 << 13  # BULLETS
_B_SENTENCE_END = 1 << 14  # SENTENCE_END_PUNCT


@cache
def _signal_table() -> np.ndarray:
    """uint16 bit set (the _B_* bits) for every code point."""
    classes, scripts = class_table(), script_table()
    table = np.zeros(classes.size, dtype=np.uint16)
    for bit, cls in ((_B_WS, WS), (_B_DIGIT, DIGIT), (_B_SYMBOL, SYMBOL), (_B_MOJI, MOJI)):
        table[(classes & cls) != 0] |= bit
    han = scripts == SCRIPT_ID["Hani"]
    table[scripts == SCRIPT_ID["Zyyy"]] |= _B_ZYYY
    table[scripts == SCRIPT_ID["Zs"]] |= _B_ZS
    table[han] |= _B_HANI
    table[han & ~common_han_table()] |= _B_UNCOMMON
    table[0xC2:0xF5] |= _B_LATIN1_LEAD
    for ch in _SEPARATOR_CHARS:
        table[ord(ch)] |= _B_BOILER_SEP
    for ch in _PHRASE_SEPARATORS:
        table[ord(ch)] |= _B_PHRASE_SEP
    for cp in range(0x3001):  # every str.isspace() character is below U+3001
        if chr(cp).isspace():
            table[cp] |= _B_SPACE
    for chars, bit in (
        (LINE_END_PUNCT, _B_LINE_END), (BULLETS, _B_BULLET), (SENTENCE_END_PUNCT, _B_SENTENCE_END)
    ):  # fmt: skip
        for ch in chars:
            table[ord(ch)] |= bit
    return table


def _count(counts: list[int], bit: int) -> int:
    return counts[bit.bit_length() - 1]


def tokens(text: str) -> tuple[np.ndarray, np.ndarray, int]:
    """(token hashes, token lengths, Han/kana tokens) of at most NGRAM_SAMPLE_CHARS chars.

    Han and kana characters are one token each; other letters and digits form word tokens;
    whitespace, punctuation and symbols separate tokens. Case is ignored. Equal tokens have
    equal 64-bit hashes.
    """
    lowered = codepoints(text[:NGRAM_SAMPLE_CHARS].lower())
    hashes, lengths, singles = _kernels.tokens(lowered, _token_table(), _TOKEN_CHAR, _TOKEN_WORD)
    return hashes, lengths, int(singles)


_NGRAM_KEYS = [
    f"top_ngram_frac_{n}" if n in TOP_NGRAM_SIZES else f"dup_ngram_frac_{n}"
    for n in range(2, max(DUP_NGRAM_SIZES) + 1)
]


def _ngram_signals(hashes: np.ndarray, lengths: np.ndarray, scale: int) -> dict[str, float]:
    """Top and duplicated n-gram fractions; an "n"-gram spans ``n * scale`` tokens.

    top_ngram_frac_n: characters of the most frequent n-gram (times its count) over all
    token characters, ties going to the n-gram with more characters; dup_ngram_frac_n:
    characters covered by repeats of an n-gram seen earlier (not its first occurrence).
    """
    fractions = _kernels.ngram_fractions(
        hashes, lengths, scale, max(TOP_NGRAM_SIZES), max(DUP_NGRAM_SIZES)
    )
    return dict(zip(_NGRAM_KEYS, fractions.tolist(), strict=True))


_per_thread = threading.local()


def _scratch() -> np.ndarray:
    """A zeroed int32 slot per code point for counting characters, one per thread."""
    scratch = getattr(_per_thread, "scratch", None)
    if scratch is None:
        scratch = _per_thread.scratch = np.zeros(len(_signal_table()), dtype=np.int32)
    return scratch


def _entropy(cps: np.ndarray) -> float:
    """Shannon entropy (bits) of the distribution of the non-space characters."""
    return float(_kernels.entropy(cps, _signal_table(), _B_WS, _scratch()))


# Phrase lengths and repeats of keyword stuffing, in the order the kernels take them.
_PHRASE_LIMITS = np.array(
    [2, _SLOGAN_MAX_PHRASE, _STUFFING_MAX_PHRASE, _STUFFING_MIN_REPEATS, _SLOGAN_MIN_REPEATS],
    dtype=np.int64,
)


def _phrase_counts(lowered: str, rows: np.ndarray) -> Counter[str]:
    return Counter({lowered[a:b]: c for a, b, c in rows.tolist()})


def _phrases(lowered: str, lowered_cps: np.ndarray) -> Counter[str]:
    """Phrases repeated often enough to be stuffing, with their counts.

    The same pieces as _PHRASE_SPLIT_RE.split finds (2.._SLOGAN_MAX_PHRASE characters),
    counted in one compiled pass over the code points of ``lowered``.
    """
    rows = _kernels.repeated_phrases(
        lowered_cps, _signal_table(), _B_PHRASE_SEP, _B_HANI, *_PHRASE_LIMITS.tolist()
    )
    return _phrase_counts(lowered, rows)


def _is_stuffed(phrase: str, count: int) -> bool:
    need = _STUFFING_MIN_REPEATS if len(phrase) <= _STUFFING_MAX_PHRASE else _SLOGAN_MIN_REPEATS
    return count >= need


def _dup_frac(items: list[str]) -> float:
    """Share of characters in items that repeat an earlier item (Gopher)."""
    total = sum(map(len, items))
    if not total or len(set(items)) == len(items):
        return 0.0
    dup = sum((c - 1) * len(item) for item, c in Counter(items).items() if c > 1)
    return dup / total


def _phrases_by_regex(lowered: str) -> Counter[str]:
    return Counter(p for p in _PHRASE_SPLIT_RE.split(lowered) if 2 <= len(p) <= _SLOGAN_MAX_PHRASE)


def _spam_frac(sample: str, lowered: str, phrases: Counter[str]) -> float:
    """Share of characters in spam literals, spam patterns and stuffed keywords.

    ``phrases`` are the repeated phrases of ``lowered`` (see _phrases).
    """
    if not sample:
        return 0.0
    spam = 0
    if _SPAM_ANY_RE.search(lowered):
        spam = sum(len(word) * lowered.count(word) for word in _SPAM_LITERALS)
        spam += sum(len(m) for m in _SPAM_RE.findall(lowered))
    stuffed = sum(
        c * len(p)
        for p, c in phrases.items()
        if _is_stuffed(p, c)
        and _WORDISH_RE.search(p)
        # one ASCII token (dev, usr, then) is a path part or identifier in technical text;
        # English spam words are in _SPAM_LITERALS, stuffed English phrases have spaces
        and not (p.isascii() and " " not in p.strip())
        and not p.startswith(_CODE_FENCES)  # ```bash fences repeat in every README
    )
    return min(1.0, (spam + stuffed) / len(sample))


def _url_ratio(text: str) -> float:
    if "http" not in text and "www." not in text:
        return 0.0
    return sum(map(len, _URL_RE.findall(text))) / len(text)


def _boilerplate_lines(text: str, lowered_sample: str, boiler_seps: bool) -> int:
    """Lines of at most BOILERPLATE_MAX_LINE_CHARS that are navigation, legal or sharing text.

    No phrase spans a line break, so one scan of the whole text rules most documents out
    before any line is looked at; ``boiler_seps`` tells whether a pattern can match at all.
    """
    lowered = lowered_sample if len(lowered_sample) == len(text) else text.lower()
    phrases = _BOILERPLATE_PHRASE_RE.search(lowered) is not None
    if not (phrases or boiler_seps):
        return 0
    boiler = 0
    for line in text.split("\n"):
        s = line.strip()
        if not s or len(s) > BOILERPLATE_MAX_LINE_CHARS:
            continue
        low = s.lower()
        if (phrases and _BOILERPLATE_PHRASE_RE.search(low)) or (
            boiler_seps
            and not _SEPARATOR_CHARS.isdisjoint(s)
            and _BOILERPLATE_PATTERN_RE.search(low)
        ):
            boiler += 1
    return boiler


def compute_signals(text: str, lang: LanguageResult | None = None) -> dict[str, float]:
    """All quality signals of one document (see the module docstring)."""
    n_chars = len(text)
    cps = codepoints(text)
    sample = text[:NGRAM_SAMPLE_CHARS]
    m = len(sample)
    lowered = sample.lower()
    lowered_cps = cps[:m] if lowered == sample else codepoints(lowered)
    counts_array, fractions, entropy, phrase_rows = _kernels.document_numbers(
        cps, m, lowered_cps, _signal_table(), _N_BITS, _B_WS, _B_PHRASE_SEP, _B_HANI,
        _token_table(), _TOKEN_CHAR, _TOKEN_WORD, HAN_NGRAM_SCALE,
        max(TOP_NGRAM_SIZES), max(DUP_NGRAM_SIZES), _PHRASE_LIMITS, _scratch(),
    )  # fmt: skip
    counts = counts_array.tolist()
    if lowered_cps.size == m:
        phrases = _phrase_counts(lowered, phrase_rows)
    else:  # lower-casing changed the length ("İ"): positions no longer line up
        phrases = Counter(_phrases_by_regex(lowered))
    visible = n_chars - _count(counts, _B_WS)

    (
        n_lines, punct, bullet, short, dup_line_chars, line_chars, text_lines, sentences,
        repeated_sentences,
    ) = _kernels.line_stats(
        cps, _signal_table(), _B_SPACE, _B_LINE_END, _B_BULLET, SHORT_LINE_CHARS,
        _B_ZYYY | _B_ZS, _B_SENTENCE_END, SENTENCE_MIN_LETTERS, SENTENCE_MIN_COPIES,
    ).tolist()  # fmt: skip
    if _PARAGRAPH_SPLIT_RE.search(text):
        paragraphs = [s for s in (p.strip() for p in _PARAGRAPH_SPLIT_RE.split(text)) if s]
        dup_para = _dup_frac(paragraphs)
    else:
        dup_para = 0.0  # one paragraph at most

    n_han = _count(counts, _B_HANI)
    uncommon = _count(counts, _B_UNCOMMON)
    suspicious_han = (
        uncommon if n_han >= _UNCOMMON_HAN_MIN and uncommon >= _UNCOMMON_HAN_SHARE * n_han else 0
    )
    latin1 = 2 * len(LATIN1_MOJIBAKE_RE.findall(text)) if _count(counts, _B_LATIN1_LEAD) else 0
    mojibake = _count(counts, _B_MOJI) + latin1 + suspicious_han
    letters = n_chars - _count(counts, _B_ZYYY) - _count(counts, _B_ZS)
    boiler = _boilerplate_lines(text, lowered, _count(counts, _B_BOILER_SEP) > 0)

    def per_line(count: int) -> float:
        return count / n_lines if n_lines else 0.0

    def per_visible(count: int) -> float:
        return count / visible if visible else 0.0

    signals: dict[str, float] = {
        "char_count": float(n_chars),
        "line_count": float(n_lines),
        "han_ratio": n_han / letters if letters else 0.0,
        "dup_line_frac": dup_line_chars / line_chars if line_chars else 0.0,
        "dup_para_frac": dup_para,
        "repeated_sentence_frac": repeated_sentences / sentences if sentences else 0.0,
    }
    signals.update(zip(_NGRAM_KEYS, fractions.tolist(), strict=True))
    signals.update(
        {
            "char_entropy": float(entropy),
            "punct_end_line_frac": punct / text_lines if text_lines else 0.0,
            "symbol_ratio": per_visible(_count(counts, _B_SYMBOL)),
            "digit_ratio": per_visible(_count(counts, _B_DIGIT)),
            "bullet_line_frac": per_line(bullet),
            "short_line_frac": per_line(short),
            "boilerplate_line_frac": per_line(boiler),
            "spam_keyword_frac": _spam_frac(sample, lowered, phrases),
            "mojibake_frac": min(1.0, mojibake / n_chars) if n_chars else 0.0,
            "url_ratio": _url_ratio(text),
            "ngram_sample_frac": m / n_chars if n_chars else 1.0,
        }
    )
    if lang is not None:
        signals["lang_confidence"] = float(lang.confidence)
    return signals  # all Python floats, none NaN: every ratio guards its denominator
