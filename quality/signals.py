"""Quality signals: numbers describing a document, computed before any keep/drop decision.

Repetition signals follow Gopher (Rae et al. 2021) but tokenise Han (and kana) per
character and other scripts per word, so Chinese needs no word segmenter. Counting is
vectorised over code points with numpy; n-gram statistics look at most at the first
NGRAM_SAMPLE_CHARS characters (``ngram_sample_frac`` records how much was seen).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache

import numpy as np

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
    han_ratio,
    script_counts,
    script_table,
)
from quality.language import LanguageResult
from quality.mojibake import LATIN1_MOJIBAKE_RE

NGRAM_SAMPLE_CHARS = 100_000
TOP_NGRAM_SIZES = (2, 3, 4)
DUP_NGRAM_SIZES = (5, 6, 7, 8, 9, 10)
HAN_NGRAM_SCALE = 2
SHORT_LINE_CHARS = 10
BOILERPLATE_MAX_LINE_CHARS = 200

# Terminal punctuation of a line (C4 keeps lines ending like this).
LINE_END_PUNCT = frozenset("。！？!?.…；;\"”」』’'）)】")
BULLETS = frozenset("•‣◦·●○■□◆◇▪▫▶►➤✓✔※★☆–—>")
_ASCII_BULLET_RE = re.compile(r"[-*+]\s")  # Markdown bullets, not "**bold**" or "-3"

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
# Literals are counted with str.count, far faster than one big alternation.
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
# Keyword stuffing: one short phrase over and over. Phrases end at punctuation, line breaks,
# tabs or wide gaps, and at single spaces only between Han characters ("根治糖尿病 降糖茶"):
# English words between spaces are not phrases.
_PHRASE_SPLIT_RE = re.compile(
    rf"[\n\t,，。、;；!！?？|｜/·…:：\"“”'‘’()（）\[\]【】<>《》]+| {{2,}}|\u3000+"
    rf"|(?<=[{HAN_CLASS}]) (?=[{HAN_CLASS}])"
)
_STUFFING_MIN_REPEATS = 3
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


# Polynomial hashes modulo 2**64: numpy integer arrays wrap around silently. The bases are
# odd, hence invertible, so a window's hash is (prefix[end] - prefix[start]) * base**-start.
_CHAR_BASE = 0x100000001B3
_TOKEN_BASE = 0x9E3779B97F4A7C15


@cache
def _powers(base: int) -> tuple[np.ndarray, np.ndarray]:
    """base**i and base**-i modulo 2**64 for i < NGRAM_SAMPLE_CHARS + 1 (numpy wraps)."""
    size = NGRAM_SAMPLE_CHARS + 1
    up = np.full(size, base, dtype=np.uint64)
    up[0] = 1
    down = np.full(size, pow(base, -1, 2**64), dtype=np.uint64)
    down[0] = 1
    return np.cumprod(up, dtype=np.uint64), np.cumprod(down, dtype=np.uint64)


def _fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3 finaliser: spreads polynomial hashes over all 64 bits."""
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> np.uint64(33))


def _window_sums(values: np.ndarray, base: int) -> np.ndarray:
    """Prefix sums of values[i] * base**i, with a leading zero."""
    up, _ = _powers(base)
    out = np.zeros(values.size + 1, dtype=np.uint64)
    np.cumsum(values * up[: values.size], out=out[1:])
    return out


def tokens(text: str) -> tuple[np.ndarray, np.ndarray, int]:
    """(token hashes, token lengths, Han/kana tokens) of at most NGRAM_SAMPLE_CHARS chars.

    Han and kana characters are one token each; other letters and digits form word tokens;
    whitespace, punctuation and symbols separate tokens. Case is ignored.
    """
    cps = codepoints(text[:NGRAM_SAMPLE_CHARS].lower())
    cls = _token_table()[cps]
    single = cls == _TOKEN_CHAR
    word = cls == _TOKEN_WORD
    word_start = word.copy()
    word_start[1:] &= ~word[:-1]
    word_end = word.copy()
    word_end[:-1] &= ~word[1:]
    starts = np.flatnonzero(single | word_start)
    ends = np.flatnonzero(single | word_end) + 1
    if not starts.size:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64), 0
    sums = _window_sums(cps.astype(np.uint64), _CHAR_BASE)
    _, down = _powers(_CHAR_BASE)
    hashes = (sums[ends] - sums[starts]) * down[starts]
    return _fmix64(hashes), ends - starts, int(np.count_nonzero(single))


def _ngram_signals(hashes: np.ndarray, lengths: np.ndarray, scale: int) -> dict[str, float]:
    """Top and duplicated n-gram fractions; an "n"-gram spans ``n * scale`` tokens."""
    out = {f"top_ngram_frac_{n}": 0.0 for n in TOP_NGRAM_SIZES}
    out.update({f"dup_ngram_frac_{n}": 0.0 for n in DUP_NGRAM_SIZES})
    total = int(lengths.sum())
    count = hashes.size
    if not total:
        return out
    sums = _window_sums(hashes, _TOKEN_BASE)
    _, down = _powers(_TOKEN_BASE)
    char_sums = np.concatenate(([0], np.cumsum(lengths)))
    # A longer window can only repeat where the shorter window at the same position repeats,
    # so each size sorts only the positions whose previous window occurred twice or more:
    # natural text sheds most positions after the first sizes.
    candidates = np.arange(count)
    for size in range(min(TOP_NGRAM_SIZES), max(DUP_NGRAM_SIZES) + 1):
        n = size * scale
        positions = candidates[candidates <= count - n]
        if positions.size < 2:
            break
        grams = (sums[positions + n] - sums[positions]) * down[positions]
        order = np.argsort(grams, kind="stable")  # ties keep text order: the first one first
        ordered = grams[order]
        new_group = np.empty(ordered.size, dtype=bool)
        new_group[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new_group[1:])
        group = np.cumsum(new_group) - 1
        counts = np.bincount(group)
        if size in TOP_NGRAM_SIZES:
            top = int(np.argmax(counts))
            if counts[top] > 1:
                start = int(positions[order[np.flatnonzero(new_group)[top]]])
                chars = int(char_sums[start + n] - char_sums[start])
                out[f"top_ngram_frac_{size}"] = min(1.0, int(counts[top]) * chars / total)
        if size in DUP_NGRAM_SIZES:
            starts = positions[order[~new_group]]
            if starts.size:
                # Characters covered by any later occurrence of an n-gram seen before.
                delta = np.bincount(starts, minlength=count + 1)
                delta -= np.bincount(starts + n, minlength=count + 1)
                covered = np.cumsum(delta)[:count] > 0
                out[f"dup_ngram_frac_{size}"] = int(lengths[covered].sum()) / total
        keep = np.zeros(count, dtype=bool)
        keep[positions[order[counts[group] > 1]]] = True
        candidates = np.flatnonzero(keep)
    return out


def _dup_frac(items: list[str]) -> float:
    """Share of characters in items that repeat an earlier item (Gopher)."""
    total = sum(map(len, items))
    if not total:
        return 0.0
    dup = sum((c - 1) * len(item) for item, c in Counter(items).items() if c > 1)
    return dup / total


def _entropy(cps: np.ndarray) -> float:
    if not cps.size:
        return 0.0
    _, counts = np.unique(cps, return_counts=True)
    p = counts / cps.size
    return float(-(p * np.log2(p)).sum())


def _spam_frac(sample: str) -> float:
    if not sample:
        return 0.0
    lowered = sample.lower()
    spam = sum(len(word) * lowered.count(word) for word in _SPAM_LITERALS)
    spam += sum(len(m) for m in _SPAM_RE.findall(lowered))
    phrases = Counter(
        p
        for p in _PHRASE_SPLIT_RE.split(lowered)
        if 2 <= len(p) <= _STUFFING_MAX_PHRASE
    )
    stuffed = sum(
        c * len(p)
        for p, c in phrases.items()
        if c >= _STUFFING_MIN_REPEATS and _WORDISH_RE.search(p)
    )
    return min(1.0, (spam + stuffed) / len(sample))


def _url_ratio(text: str) -> float:
    if "http" not in text and "www." not in text:
        return 0.0
    return sum(map(len, _URL_RE.findall(text))) / len(text)


def compute_signals(text: str, lang: LanguageResult | None = None) -> dict[str, float]:
    """All quality signals of one document (see the module docstring)."""
    n_chars = len(text)
    cps = codepoints(text)
    classes = class_table()[cps]
    visible = int(np.count_nonzero((classes & WS) == 0))
    scripts = script_counts(cps)

    lines = [s for s in (line.strip() for line in text.split("\n")) if s]
    n_lines = len(lines)
    paragraphs = [s for s in (p.strip() for p in _PARAGRAPH_SPLIT_RE.split(text)) if s]

    sample = text[:NGRAM_SAMPLE_CHARS]
    hashes, lengths, han_tokens = tokens(sample)
    # A Chinese word is one to three characters: on text made mostly of Han (or kana)
    # tokens, an n-gram spans 2n characters, so Gopher's word n-gram thresholds still fit.
    scale = HAN_NGRAM_SCALE if han_tokens and han_tokens * 2 >= lengths.size else 1
    sample_cps = cps[: len(sample)]

    han_mask = script_table()[cps] == SCRIPT_ID["Hani"]
    n_han = int(np.count_nonzero(han_mask))
    uncommon = int(np.count_nonzero(han_mask & ~common_han_table()[cps]))
    suspicious_han = (
        uncommon if n_han >= _UNCOMMON_HAN_MIN and uncommon >= _UNCOMMON_HAN_SHARE * n_han else 0
    )
    mojibake = (
        int(np.count_nonzero(classes & MOJI))
        + 2 * len(LATIN1_MOJIBAKE_RE.findall(text))
        + suspicious_han
    )

    def per_line(count: int) -> float:
        return count / n_lines if n_lines else 0.0

    def per_visible(count: int) -> float:
        return count / visible if visible else 0.0

    signals: dict[str, float] = {
        "char_count": float(n_chars),
        "line_count": float(n_lines),
        "han_ratio": han_ratio(scripts),
        "dup_line_frac": _dup_frac(lines),
        "dup_para_frac": _dup_frac(paragraphs),
    }
    signals.update(_ngram_signals(hashes, lengths, scale))
    signals.update(
        {
            "char_entropy": _entropy(sample_cps[(classes[: len(sample)] & WS) == 0]),
            "punct_end_line_frac": per_line(sum(1 for s in lines if s[-1] in LINE_END_PUNCT)),
            "symbol_ratio": per_visible(int(np.count_nonzero(classes & SYMBOL))),
            "digit_ratio": per_visible(int(np.count_nonzero(classes & DIGIT))),
            "bullet_line_frac": per_line(
                sum(1 for s in lines if s[0] in BULLETS or _ASCII_BULLET_RE.match(s))
            ),
            "short_line_frac": per_line(sum(1 for s in lines if len(s) < SHORT_LINE_CHARS)),
            "boilerplate_line_frac": per_line(sum(map(_is_boilerplate, lines))),
            "spam_keyword_frac": _spam_frac(sample),
            "mojibake_frac": min(1.0, mojibake / n_chars) if n_chars else 0.0,
            "url_ratio": _url_ratio(text),
            "ngram_sample_frac": len(sample) / n_chars if n_chars else 1.0,
        }
    )
    if lang is not None:
        signals["lang_confidence"] = float(lang.confidence)
    return {name: (0.0 if math.isnan(v) else float(v)) for name, v in signals.items()}
