"""Quality signals: numbers describing a document, computed before any keep/drop decision.

Repetition signals follow Gopher (Rae et al. 2021) but tokenise Han (and kana) per
character and other scripts per word, so Chinese needs no word segmenter. n-gram statistics
look at most at the first NGRAM_SAMPLE_CHARS characters (``ngram_sample_frac`` records how
much was seen).

Speed: documents are mostly 1-3 KB, where the fixed cost of each numpy call and each regex
scan dominates. Every per-character count comes from one lookup into a bit table and one
bincount; regex scans run only when the bit counts say a match is possible; the two smallest
n-gram sizes share one sort, and since n-gram groups shrink fast, the few positions left for
the larger sizes are grouped in dicts. Results equal the plain definitions except for ties
of top_ngram_frac (now broken towards the longer n-gram, formerly by hash order).
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
# A colon ends a line that introduces a list, a clause's items or a command (可以运行：).
LINE_END_PUNCT = frozenset("。！？!?.…；;：:\"”」』’'）)】")
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
_N_BITS = 11
_BIT_MATRIX = (np.arange(1 << _N_BITS)[:, None] >> np.arange(_N_BITS)) & 1


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
    return table


def _bit_counts(bits: np.ndarray) -> list[int]:
    """Number of characters carrying each _B_* bit."""
    hist = np.bincount(bits)
    present = hist.nonzero()[0]
    return (hist[present] @ _BIT_MATRIX[present]).tolist()


def _count(counts: list[int], bit: int) -> int:
    return counts[bit.bit_length() - 1]


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


def _window_sums(values: np.ndarray, base: int) -> np.ndarray:
    """Prefix sums of values[i] * base**i, with a leading zero."""
    out = np.zeros(values.size + 1, dtype=np.uint64)
    (values * _powers(base)[0][: values.size]).cumsum(out=out[1:])
    return out


def _tokens_of(lowered_cps: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    cls = _token_table()[lowered_cps]
    single = cls == _TOKEN_CHAR
    word = cls == _TOKEN_WORD
    if np.count_nonzero(word):
        edge = np.empty(word.size + 1, dtype=bool)  # word[i] != word[i - 1]
        np.not_equal(word[1:], word[:-1], out=edge[1:-1])
        edge[0] = edge[-1] = True
        starts = (single | (word & edge[:-1])).nonzero()[0]
        ends = (single | (word & edge[1:])).nonzero()[0]
        ends += 1
        # A one-character token hashes to its code point: (cp * up[s]) * down[s] == cp.
        sums = _window_sums(lowered_cps.astype(np.uint64), _CHAR_BASE)
        hashes = sums[ends]
        hashes -= sums[starts]
        hashes *= _powers(_CHAR_BASE)[1][starts]
    else:
        starts = single.nonzero()[0]
        ends = starts + 1
        hashes = lowered_cps[starts].astype(np.uint64)
    return hashes, ends - starts, int(np.count_nonzero(single))


def tokens(text: str) -> tuple[np.ndarray, np.ndarray, int]:
    """(token hashes, token lengths, Han/kana tokens) of at most NGRAM_SAMPLE_CHARS chars.

    Han and kana characters are one token each; other letters and digits form word tokens;
    whitespace, punctuation and symbols separate tokens. Case is ignored. Equal tokens have
    equal hashes (a polynomial hash modulo 2**64).
    """
    return _tokens_of(codepoints(text[:NGRAM_SAMPLE_CHARS].lower()))


# Below this many candidate positions, grouping n-grams in a dict beats numpy's fixed costs.
_SMALL_GROUPING = 48
_NGRAM_KEY = {
    **{n: f"top_ngram_frac_{n}" for n in TOP_NGRAM_SIZES},
    **{n: f"dup_ngram_frac_{n}" for n in DUP_NGRAM_SIZES},
}


def _run_lengths(repeat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(length, last index) of each run of equal values in a sorted array.

    ``repeat[i]`` tells whether element i + 1 equals element i.
    """
    last = np.empty(repeat.size + 1 - np.count_nonzero(repeat), dtype=np.intp)
    last[:-1] = (~repeat).nonzero()[0]
    last[-1] = repeat.size
    runs = last.copy()
    runs[1:] -= last[:-1]
    runs[0] += 1
    return runs, last


def _top_frac(
    repeat: np.ndarray, at: np.ndarray, n: int, char_sums: np.ndarray, total: int
) -> float:
    """top_ngram_frac from grouped windows: ``at`` holds their starts in sorted order.

    Groups show as runs of consecutive indices i with ``repeat[i]``; there are few of them,
    so a loop over those indices beats a dozen numpy calls.
    """
    best, firsts = 0, []  # longest run of repeats, and the first index of each such group
    run = first = 0
    prev = -2
    for i in repeat.nonzero()[0].tolist():
        if i != prev + 1:
            run, first = 0, i
        run += 1
        prev = i
        if run > best:
            best, firsts = run, [first]
        elif run == best:
            firsts.append(first)
    starts = at[firsts]
    chars = int((char_sums[starts + n] - char_sums[starts]).max())
    return min(1.0, (best + 1) * chars / total)


def _covered_chars(starts: list[int], n: int, char_sums: np.ndarray) -> int:
    """Characters in the union of token windows [s, s + n) over sorted, distinct starts."""
    covered = 0
    for i, s in enumerate(starts):
        end = s + n
        if i + 1 < len(starts) and starts[i + 1] < end:
            end = starts[i + 1]
        covered += int(char_sums[end] - char_sums[s])
    return covered


def _members(repeat: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Sorted starts of the windows that occur more than once."""
    member = np.zeros(at.size, dtype=bool)
    member[1:] = repeat
    member[:-1] |= repeat
    starts = at[member]
    starts.sort(kind="stable")
    return starts


# The first two sizes share one sort: 40 bits of the shorter window's hash above 24 bits of
# the longer one's. Equal high bits group the first size, equal keys the second; a false
# merge needs a 40-bit (or, inside a group, 24-bit) collision. Window hashes of one-character
# tokens differ mostly in their low bits, so they are multiplied by an odd constant first.
_LOW_BITS = 24
_HIGH_MASK = np.uint64(~((1 << _LOW_BITS) - 1) & (2**64 - 1))
_MIX = 0xFF51AFD7ED558CCD


@cache
def _mixed_down() -> np.ndarray:
    """_TOKEN_BASE**-i * _MIX modulo 2**64: unscales a window hash and mixes it at once."""
    return _powers(_TOKEN_BASE)[1] * np.uint64(_MIX)


def _ngram_signals(hashes: np.ndarray, lengths: np.ndarray, scale: int) -> dict[str, float]:
    """Top and duplicated n-gram fractions; an "n"-gram spans ``n * scale`` tokens.

    top_ngram_frac_n: characters of the most frequent n-gram (times its count) over all
    token characters, ties going to the n-gram with more characters; dup_ngram_frac_n:
    characters covered by repeats of an n-gram seen earlier (not its first occurrence).
    A longer window can only repeat where the shorter window at the same position repeats,
    so each size groups only the positions whose previous window occurred twice or more;
    natural text sheds most positions at once.
    """
    out = dict.fromkeys(_NGRAM_KEY.values(), 0.0)
    count = hashes.size
    if not count:
        return out
    char_sums = np.zeros(count + 1, dtype=np.int64)
    lengths.cumsum(out=char_sums[1:])
    total = int(char_sums[-1])
    sums = _window_sums(hashes, _TOKEN_BASE)
    down = _powers(_TOKEN_BASE)[1]
    size, largest = min(TOP_NGRAM_SIZES), max(DUP_NGRAM_SIZES)
    n1, n2 = size * scale, (size + 1) * scale
    k1, k2 = count - n1 + 1, count - n2 + 1  # positions holding a whole window
    if k1 <= _SMALL_GROUPING:
        positions = np.arange(max(k1, 0))
    else:
        # Sizes 2 and 3 at once (stable sort: the first occurrence comes first in a group).
        key = sums[n1 : n1 + k1] - sums[:k1]
        mixed_down = _mixed_down()
        key *= mixed_down[:k1]  # the top bits of a product depend on every bit
        key &= _HIGH_MASK
        if k2 > 0:
            longer = sums[n2 : n2 + k2] - sums[:k2]
            longer *= mixed_down[:k2]
            key[:k2] |= longer >> np.uint64(64 - _LOW_BITS)
        order = key.argsort(kind="stable")
        ordered = key[order]
        repeat = (ordered[1:] ^ ordered[:-1]) <= (1 << _LOW_BITS) - 1
        if not np.count_nonzero(repeat):
            return out
        out[_NGRAM_KEY[size]] = _top_frac(repeat, order, n1, char_sums, total)
        # the last windows of the first size have no second-size window: never equal
        whole = order < k2
        repeat = (ordered[1:] == ordered[:-1]) & whole[1:] & whole[:-1]
        if not np.count_nonzero(repeat):
            return out
        size += 1
        if size in TOP_NGRAM_SIZES:
            out[_NGRAM_KEY[size]] = _top_frac(repeat, order, n2, char_sums, total)
        if size in DUP_NGRAM_SIZES:
            later = order[1:][repeat]
            later.sort(kind="stable")
            out[_NGRAM_KEY[size]] = _covered_chars(later.tolist(), n2, char_sums) / total
        positions = _members(repeat, order)
        size += 1
    # Many candidates left (repetitive text): sort the window hashes of each size.
    while size <= largest and positions.size > _SMALL_GROUPING:
        n = size * scale
        positions = positions[: positions.searchsorted(count - n, "right")]
        if positions.size < 2:
            return out
        grams = sums[positions + n]
        grams -= sums[positions]
        grams *= down[positions]
        order = grams.argsort(kind="stable")
        ordered = grams[order]
        repeat = ordered[1:] == ordered[:-1]  # repeat[i]: ordered[i + 1] is a later occurrence
        if not np.count_nonzero(repeat):
            return out
        at = positions[order]
        if size in TOP_NGRAM_SIZES:
            out[_NGRAM_KEY[size]] = _top_frac(repeat, at, n, char_sums, total)
        if size in DUP_NGRAM_SIZES:
            later = at[1:][repeat]
            later.sort(kind="stable")
            out[_NGRAM_KEY[size]] = _covered_chars(later.tolist(), n, char_sums) / total
        positions = _members(repeat, at)
        size += 1
    # Few candidates left: group them in dicts. Candidates are in text order, so each group
    # starts with its first occurrence.
    candidates = positions.tolist()
    for size in range(size, largest + 1):  # noqa: B020 (continues from the loops above)
        n = size * scale
        while candidates and candidates[-1] + n > count:
            candidates.pop()
        if len(candidates) < 2:
            break
        at = np.array(candidates)
        grams = sums[at + n]
        grams -= sums[at]
        grams *= down[at]
        groups: dict[int, list[int]] = {}
        for gram, p in zip(grams.tolist(), candidates, strict=True):
            groups.setdefault(gram, []).append(p)
        repeated = [g for g in groups.values() if len(g) > 1]
        if not repeated:
            break
        if size in TOP_NGRAM_SIZES:
            most = max(map(len, repeated))
            chars = max(
                int(char_sums[g[0] + n] - char_sums[g[0]]) for g in repeated if len(g) == most
            )
            out[_NGRAM_KEY[size]] = min(1.0, most * chars / total)
        if size in DUP_NGRAM_SIZES:
            later = sorted(p for g in repeated for p in g[1:])
            out[_NGRAM_KEY[size]] = _covered_chars(later, n, char_sums) / total
        candidates = sorted(p for g in repeated for p in g)
    return out


def _dup_frac(items: list[str]) -> float:
    """Share of characters in items that repeat an earlier item (Gopher)."""
    total = sum(map(len, items))
    if not total or len(set(items)) == len(items):
        return 0.0
    dup = sum((c - 1) * len(item) for item, c in Counter(items).items() if c > 1)
    return dup / total


def _entropy(cps: np.ndarray) -> float:
    """Shannon entropy (bits) of the character distribution."""
    size = cps.size
    if not size:
        return 0.0
    ordered = cps.copy()
    ordered.sort()
    bounds = np.empty(size + 1, dtype=bool)  # where a run of equal characters starts or ends
    bounds[0] = bounds[-1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=bounds[1:-1])
    at = bounds.nonzero()[0]
    counts = at[1:] - at[:-1]
    # H = log2(N) - sum(c * log2 c) / N
    return max(0.0, math.log2(size) - float(counts @ np.log2(counts)) / size)


def _phrases_by_regex(lowered: str) -> Counter[str]:
    return Counter(p for p in _PHRASE_SPLIT_RE.split(lowered) if 2 <= len(p) <= _SLOGAN_MAX_PHRASE)


def _phrases(lowered: str, cps: np.ndarray, bits: np.ndarray) -> Counter[str]:
    """Phrases of 2.._SLOGAN_MAX_PHRASE characters, as _PHRASE_SPLIT_RE.split finds them.

    ``cps``/``bits`` describe the text ``lowered`` was made from, character for character:
    the separators come from the bit table instead of a regex scan.
    """
    sep = (bits & _B_PHRASE_SEP) != 0
    if " " in lowered:
        space = cps == 0x20
        before = np.zeros(space.size, dtype=bool)  # space before this position
        before[1:] = space[:-1]
        after = np.zeros(space.size, dtype=bool)
        after[:-1] = space[1:]
        han = (bits & _B_HANI) != 0
        han_before = np.zeros(space.size, dtype=bool)
        han_before[1:] = han[:-1]
        han_after = np.zeros(space.size, dtype=bool)
        han_after[:-1] = han[1:]
        # runs of two or more spaces, or one space between two Han characters
        sep |= space & (before | after | (han_before & han_after))
    padded = np.ones(sep.size + 2, dtype=np.int8)
    padded[1:-1] = sep
    edge = padded[1:] - padded[:-1]  # -1: a phrase starts, 1: it ended just before
    starts = (edge == -1).nonzero()[0]
    ends = (edge == 1).nonzero()[0]
    size = ends - starts
    keep = (size >= 2) & (size <= _SLOGAN_MAX_PHRASE)
    return Counter(
        lowered[a:b] for a, b in zip(starts[keep].tolist(), ends[keep].tolist(), strict=True)
    )


def _spam_frac(
    sample: str,
    lowered: str | None = None,
    cps: np.ndarray | None = None,
    bits: np.ndarray | None = None,
) -> float:
    """Share of characters in spam literals, spam patterns and stuffed keywords."""
    if not sample:
        return 0.0
    if lowered is None:
        lowered = sample.lower()
    spam = 0
    if _SPAM_ANY_RE.search(lowered):
        spam = sum(len(word) * lowered.count(word) for word in _SPAM_LITERALS)
        spam += sum(len(m) for m in _SPAM_RE.findall(lowered))
    if cps is not None and bits is not None and len(lowered) == cps.size:
        phrases = _phrases(lowered, cps, bits)
    else:
        phrases = _phrases_by_regex(lowered)
    stuffed = sum(
        c * len(p)
        for p, c in phrases.items()
        if c >= (_STUFFING_MIN_REPEATS if len(p) <= _STUFFING_MAX_PHRASE else _SLOGAN_MIN_REPEATS)
        and _WORDISH_RE.search(p)
        and not p.startswith(_CODE_FENCES)  # ```bash fences repeat in every README
    )
    return min(1.0, (spam + stuffed) / len(sample))


def _url_ratio(text: str) -> float:
    if "http" not in text and "www." not in text:
        return 0.0
    return sum(map(len, _URL_RE.findall(text))) / len(text)


def _line_signals(lines: list[str], boiler_seps: bool) -> tuple[int, int, int, int]:
    """Lines ending in terminal punctuation, bullet lines, short lines, boilerplate lines."""
    punct = bullet = short = boiler = 0
    # No phrase spans a line break: one scan over the short lines rules them all out.
    candidates = [s for s in lines if len(s) <= BOILERPLATE_MAX_LINE_CHARS]
    phrases = bool(candidates) and bool(
        _BOILERPLATE_PHRASE_RE.search("\n".join(candidates).lower())
    )
    for s in lines:
        if s[-1] in LINE_END_PUNCT:
            punct += 1
        first = s[0]
        if first in BULLETS or (first in "-*+" and _ASCII_BULLET_RE.match(s)):
            bullet += 1
        size = len(s)
        if size < SHORT_LINE_CHARS:
            short += 1
        if (phrases or boiler_seps) and size <= BOILERPLATE_MAX_LINE_CHARS:
            low = s.lower()
            if (phrases and _BOILERPLATE_PHRASE_RE.search(low)) or (
                boiler_seps
                and not _SEPARATOR_CHARS.isdisjoint(s)
                and _BOILERPLATE_PATTERN_RE.search(low)
            ):
                boiler += 1
    return punct, bullet, short, boiler


def compute_signals(text: str, lang: LanguageResult | None = None) -> dict[str, float]:
    """All quality signals of one document (see the module docstring)."""
    n_chars = len(text)
    cps = codepoints(text)
    bits = _signal_table()[cps]
    counts = _bit_counts(bits) if n_chars else [0] * _N_BITS
    visible = n_chars - _count(counts, _B_WS)

    lines = [s for s in (line.strip() for line in text.split("\n")) if s]
    n_lines = len(lines)
    if _PARAGRAPH_SPLIT_RE.search(text):
        paragraphs = [s for s in (p.strip() for p in _PARAGRAPH_SPLIT_RE.split(text)) if s]
        dup_para = _dup_frac(paragraphs)
    else:
        dup_para = 0.0  # one paragraph at most

    sample = text[:NGRAM_SAMPLE_CHARS]
    m = len(sample)
    sample_lowered = sample.lower()
    sample_cps, sample_bits = cps[:m], bits[:m]
    lowered_cps = sample_cps if sample_lowered == sample else codepoints(sample_lowered)
    hashes, lengths, han_tokens = _tokens_of(lowered_cps)
    # A Chinese word is one to three characters: on text made mostly of Han (or kana)
    # tokens, an n-gram spans 2n characters, so Gopher's word n-gram thresholds still fit.
    scale = HAN_NGRAM_SCALE if han_tokens and han_tokens * 2 >= lengths.size else 1

    n_han = _count(counts, _B_HANI)
    uncommon = _count(counts, _B_UNCOMMON)
    suspicious_han = (
        uncommon if n_han >= _UNCOMMON_HAN_MIN and uncommon >= _UNCOMMON_HAN_SHARE * n_han else 0
    )
    latin1 = 2 * len(LATIN1_MOJIBAKE_RE.findall(text)) if _count(counts, _B_LATIN1_LEAD) else 0
    mojibake = _count(counts, _B_MOJI) + latin1 + suspicious_han
    letters = n_chars - _count(counts, _B_ZYYY) - _count(counts, _B_ZS)
    punct, bullet, short, boiler = _line_signals(lines, _count(counts, _B_BOILER_SEP) > 0)

    def per_line(count: int) -> float:
        return count / n_lines if n_lines else 0.0

    def per_visible(count: int) -> float:
        return count / visible if visible else 0.0

    signals: dict[str, float] = {
        "char_count": float(n_chars),
        "line_count": float(n_lines),
        "han_ratio": n_han / letters if letters else 0.0,
        "dup_line_frac": _dup_frac(lines),
        "dup_para_frac": dup_para,
    }
    signals.update(_ngram_signals(hashes, lengths, scale))
    signals.update(
        {
            "char_entropy": _entropy(sample_cps[(sample_bits & _B_WS) == 0]),
            "punct_end_line_frac": per_line(punct),
            "symbol_ratio": per_visible(_count(counts, _B_SYMBOL)),
            "digit_ratio": per_visible(_count(counts, _B_DIGIT)),
            "bullet_line_frac": per_line(bullet),
            "short_line_frac": per_line(short),
            "boilerplate_line_frac": per_line(boiler),
            "spam_keyword_frac": _spam_frac(sample, sample_lowered, sample_cps, sample_bits),
            "mojibake_frac": min(1.0, mojibake / n_chars) if n_chars else 0.0,
            "url_ratio": _url_ratio(text),
            "ngram_sample_frac": m / n_chars if n_chars else 1.0,
        }
    )
    if lang is not None:
        signals["lang_confidence"] = float(lang.confidence)
    return signals  # all Python floats, none NaN: every ratio guards its denominator
