"""Language identification: Unicode script statistics first, langdetect only for alphabets.

langdetect alone mistakes Traditional Chinese for Korean and Chinese technical text for
English, and it is non-deterministic unless seeded. Scripts settle zh/ja/ko cheaply and
exactly; langdetect (seeded) only separates languages that share an alphabet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from langdetect import DetectorFactory, LangDetectException, detect_langs

from quality._chars import (
    SCRIPT_ID,
    SCRIPTS,
    codepoints,
    han_ratio,
    script_counts,
    script_word_counts,
)
from quality.text_normalize import opencc_converter

DetectorFactory.seed = 0  # langdetect samples randomly; a fixed seed makes it deterministic

# Characters looked at for script statistics and the Simplified/Traditional decision, and
# for langdetect (slow, pure Python): the head of a document tells its language.
SCRIPT_SAMPLE_CHARS = 4_000
LANGDETECT_SAMPLE_CHARS = 2_000

# CJK units (one per Han/kana/hangul character) against alphabetic units (one per word):
# a Han character carries about as much as a short English word, so Chinese technical text
# full of commands and options still counts as Chinese when Han holds this share of units.
CJK_MIN_SHARE = 0.3
# Japanese writes grammar in kana, so even kanji-heavy prose has well above this share;
# Chinese only borrows the odd kana in names and titles.
KANA_MIN_SHARE = 0.1
# Chinese function characters Japanese does not write (这, 们, 吗, 说, 个 ...). When they are
# frequent, kana are quoted names or titles, and Japanese needs a far larger kana share.
_ZH_FUNCTION_RE = re.compile("[这们吗呢吧么说没还个过给让对从很她它哪啊呀嘛了]")
_ZH_FUNCTION_DENSITY = 0.03
KANA_MIN_SHARE_IN_CHINESE = 0.3
HANGUL_MIN_SHARE = 0.3
# Simplified/Traditional: share of script-specific characters needed for a call.
SCRIPT_SPECIFIC_MIN = 0.01
MIXED_MIN_SHARE = 0.2

_CJK = ("Hani", "Bopo", "Hira", "Kana", "Hang")
_WORD_SCRIPTS = tuple(s for s in SCRIPTS if s not in (*_CJK, "Zyyy", "Zs"))
# Scripts written by (essentially) one language of the ISO 639-1 set we report.
_SINGLE_LANGUAGE = {
    "Grek": "el", "Hebr": "he", "Thai": "th", "Armn": "hy", "Geor": "ka", "Ethi": "am",
    "Taml": "ta", "Telu": "te", "Knda": "kn", "Mlym": "ml", "Gujr": "gu", "Guru": "pa",
    "Orya": "or", "Sinh": "si", "Laoo": "lo", "Tibt": "bo", "Mymr": "my", "Khmr": "km",
    "Mong": "mn",
}  # fmt: skip
# Languages langdetect may answer for each shared script; anything else is a misfire.
_LANGDETECT_SCRIPT = {
    "Cyrl": {"ru", "uk", "bg", "mk", "sr", "be", "kk", "ky", "mn", "tg"},
    "Arab": {"ar", "fa", "ur", "ps", "ug", "ku", "sd"},
    "Deva": {"hi", "mr", "ne", "sa"},
    "Beng": {"bn", "as"},
}
_SCRIPT_DEFAULT = {"Cyrl": "ru", "Arab": "ar", "Deva": "hi", "Beng": "bn"}
_NON_LATIN_LANGS = {"zh", "ja", "ko", "ru", "uk", "bg", "mk", "el", "he", "ar", "fa", "ur", "hi",
                    "mr", "ne", "bn", "th", "ta", "te", "kn", "ml", "gu", "pa"}

_URL_EMAIL_RE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")


@dataclass(frozen=True)
class LanguageResult:
    """Language of a document.

    ``lang`` is ISO 639-1 (``"zh"``, ``"en"``, ``"ja"`` ...) or ``"und"``; ``script`` is
    ``"Hans"``, ``"Hant"`` or ``"mixed"`` for Chinese, otherwise the dominant script code
    (``"Latn"``, ``"Jpan"``, ``"Kore"``, ``"Cyrl"`` ...; ``"Zyyy"`` when there are no letters);
    ``han_ratio`` is Han characters over all letters (Han included) in the sampled head of
    the text (SCRIPT_SAMPLE_CHARS); compute_signals reports it over the whole text.
    """

    lang: str
    confidence: float
    script: str
    han_ratio: float


def script_stats(text: str) -> dict[str, int]:
    """Characters per script code (ISO 15924) over the whole text.

    Whitespace is not counted; digits, punctuation, symbols and letters of scripts not
    tracked are counted as ``"Zyyy"``. Only scripts that occur are listed.
    """
    counts = script_counts(codepoints(text))
    return {
        name: int(n) for name, n in zip(SCRIPTS, counts, strict=True) if n and name != "Zs"
    }


def _size_factor(units: int) -> float:
    """Damp confidence for very short texts: two characters are weak evidence."""
    return min(1.0, 0.5 + units / 40)


_TRAD_ONLY = 1
_SIMP_ONLY = 2
_BMP_HAN = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@cache
def _han_variant_table() -> np.ndarray:
    """uint8 flags per BMP code point: Traditional-only / Simplified-only Han characters.

    Built once by running every BMP Han character through OpenCC on its own line: t2s
    changes only Traditional-specific characters, s2t only Simplified-specific ones, and
    characters both scripts share change under neither. A character-level table is
    context-free (so deterministic and ~10x faster than converting each document twice).
    """
    chars = [chr(cp) for lo, hi in _BMP_HAN for cp in range(lo, hi)]
    joined = "\n".join(chars)
    to_simp = opencc_converter("t2s.json").convert(joined).split("\n")
    to_trad = opencc_converter("s2t.json").convert(joined).split("\n")
    table = np.zeros(0x10000, dtype=np.uint8)
    for ch, simp, trad in zip(chars, to_simp, to_trad, strict=True):
        trad_only, simp_only = simp != ch, trad != ch
        if trad_only != simp_only:  # changed both ways: a variant pair, not evidence
            table[ord(ch)] = _TRAD_ONLY if trad_only else _SIMP_ONLY
    return table


def chinese_script(text: str) -> str:
    """``"Hans"``, ``"Hant"`` or ``"mixed"`` for Chinese text, from its first characters.

    Text made only of characters both scripts share is reported as ``"Hans"``.
    """
    cps = codepoints(text[:SCRIPT_SAMPLE_CHARS])
    han = int(script_counts(cps)[SCRIPT_ID["Hani"]])
    if not han:
        return "Hans"
    flags = np.bincount(_han_variant_table()[cps[cps < 0x10000]], minlength=3)
    trad, simp = int(flags[_TRAD_ONLY]), int(flags[_SIMP_ONLY])
    specific = trad + simp
    if specific < max(2, SCRIPT_SPECIFIC_MIN * han):
        return "Hans"
    if min(trad, simp) >= MIXED_MIN_SHARE * specific:
        return "mixed"
    return "Hant" if trad > simp else "Hans"


def _langdetect(text: str, script: str) -> tuple[str, float]:
    sample = _URL_EMAIL_RE.sub(" ", text[: LANGDETECT_SAMPLE_CHARS * 2])[:LANGDETECT_SAMPLE_CHARS]
    try:
        candidates = detect_langs(sample)
    except LangDetectException:
        return "und", 0.0
    allowed = _LANGDETECT_SCRIPT.get(script)
    for cand in candidates:
        lang = cand.lang.split("-")[0]
        if (allowed is not None and lang in allowed) or (
            allowed is None and lang not in _NON_LATIN_LANGS
        ):
            return lang, float(cand.prob)
    default = _SCRIPT_DEFAULT.get(script)
    return (default, 0.5) if default else ("und", 0.0)


def _kana_needed(text: str, han: int) -> float:
    """Kana share of CJK characters above which a text is Japanese."""
    markers = len(_ZH_FUNCTION_RE.findall(text[:SCRIPT_SAMPLE_CHARS]))
    chinese = han and markers >= 2 and markers >= _ZH_FUNCTION_DENSITY * han
    return KANA_MIN_SHARE_IN_CHINESE if chinese else KANA_MIN_SHARE


def detect_language(text: str) -> LanguageResult:
    """Language, confidence, script and Han ratio of ``text``. Deterministic."""
    cps = codepoints(text[:SCRIPT_SAMPLE_CHARS])
    chars = script_counts(cps)
    ratio = han_ratio(chars)
    words = script_word_counts(cps)

    def n(script: str) -> int:
        return int(chars[SCRIPT_ID[script]])

    han = n("Hani") + n("Bopo")
    kana = n("Hira") + n("Kana")
    hangul = n("Hang")
    cjk = han + kana + hangul
    alpha = {s: int(words[SCRIPT_ID[s]]) for s in _WORD_SCRIPTS}
    total = cjk + sum(alpha.values())
    if total == 0:
        return LanguageResult("und", 0.0, "Zyyy", 0.0)

    cjk_share = cjk / total
    if cjk_share >= CJK_MIN_SHARE:
        confidence = round(min(1.0, 0.5 + cjk_share / 2) * _size_factor(cjk), 4)
        if kana >= 2 and kana >= hangul and kana >= _kana_needed(text, han) * (han + kana):
            return LanguageResult("ja", confidence, "Jpan", ratio)
        if hangul >= 2 and hangul >= HANGUL_MIN_SHARE * cjk:
            return LanguageResult("ko", confidence, "Kore", ratio)
        return LanguageResult("zh", confidence, chinese_script(text), ratio)

    script = max(alpha, key=lambda s: alpha[s])
    share = alpha[script] / total
    if script in _SINGLE_LANGUAGE:
        confidence = round(share * _size_factor(alpha[script]), 4)
        return LanguageResult(_SINGLE_LANGUAGE[script], confidence, script, ratio)
    lang, prob = _langdetect(text, script)
    return LanguageResult(lang, round(prob * share, 4), script, ratio)
