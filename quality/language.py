"""Language identification: Unicode script statistics first, pycld2 then langdetect for alphabets.

langdetect alone mistakes Traditional Chinese for Korean and Chinese technical text for
English, and it is non-deterministic unless seeded. Scripts settle zh/ja/ko cheaply and
exactly (and a character table settles Simplified vs Traditional); only languages that share
an alphabet need a statistical model. pycld2 (CLD2, deterministic, ~30 MB/s) answers first
on long text, langdetect (seeded, ~0.1 MB/s) where CLD2 has no answer; short text is decided
by both, and where they disagree lingua (low-accuracy mode, loaded on first use) chooses
among their answers (``benchmarks/bench_language.py``, ``tests/real_text_eval.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pycld2
from langdetect import DetectorFactory, LangDetectException, detect_langs

from quality import _kernels
from quality._chars import (
    SCRIPT_ID,
    SCRIPTS,
    codepoints,
    script_counts,
    script_table,
)
from quality.text_normalize import opencc_converter

if TYPE_CHECKING:
    from lingua import LanguageDetector

DetectorFactory.seed = 0  # langdetect samples randomly; a fixed seed makes it deterministic

# Characters looked at for script statistics and the Simplified/Traditional decision, and
# for the alphabet models: the head of a document tells its language.
SCRIPT_SAMPLE_CHARS = 4_000
LANGDETECT_SAMPLE_CHARS = 2_000
# Alphabetic text shorter than this is decided by CLD2 and langdetect together: on the
# translators' messages of the real-text evaluation (tests/real_text_eval.py, tuning half)
# CLD2 alone was right on 83% of 50-200 character texts, langdetect on 95%, the vote 95%.
VOTE_BELOW_CHARS = 300
# Where CLD2 and langdetect disagree on short text, lingua's choice among their answers wins
# when lingua gives it at least this confidence. On the tuning half (as above) 0.6-0.9 were
# alike on 50+ characters and 0.7 best on short text; 0.99 left four more 50+ errors.
LINGUA_MIN_CONFIDENCE = 0.7

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
# Chinese documentation quotes configuration and shell sessions in indented blocks, which can
# hold more words than its prose. A text with this many CJK characters that lost to Latin is
# judged again with such blocks set aside (a line indented by four spaces or a tab that is a
# comment or prompt or has columns aligned by spaces, but not a plain indented paragraph;
# fenced blocks), and is CJK if its prose is.
CJK_MIN_BESIDE_CODE = 20
_CODE_BLOCK_RE = re.compile(
    r"^(?: {4,}|\t)[ \t]*(?:[#$%>;]|//|\S.*?\S {3,}\S).*\n?|^```(?s:.*?)^```.*\n?", re.M
)
# The same for other alphabets against Latin: Russian, Arabic or Greek technical text is full
# of Latin commands, options and product names, and Thai writes no spaces between words (so
# a run of Thai is a phrase, not a word); such an alphabet wins at this share of word units.
NON_LATIN_MIN_SHARE = 0.3
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
# Languages a model may answer for each shared script; anything else is a misfire.
_LANGDETECT_SCRIPT = {
    "Cyrl": {"ru", "uk", "bg", "mk", "sr", "be", "kk", "ky", "mn", "tg"},
    "Arab": {"ar", "fa", "ur", "ps", "ug", "ku", "sd"},
    "Deva": {"hi", "mr", "ne", "sa"},
    "Beng": {"bn", "as"},
}
_SCRIPT_DEFAULT = {"Cyrl": "ru", "Arab": "ar", "Deva": "hi", "Beng": "bn"}
# Persian and Urdu write yeh and kaf as ی and ک and have letters Arabic lacks (پ چ ژ گ ...);
# Arabic writes ي and ك, and teh marbuta, hamza on alef and alef maksura, which they seldom
# use. Text with Arabic forms and none of theirs is not Persian or Urdu, whatever a model
# says about a short list of names in it.
_ARABIC_ONLY_RE = re.compile("[يكةأإى]")
_PERSIAN_URDU_RE = re.compile("[یکپچژگٹڈڑںےہھ]")
_NON_LATIN_LANGS = {"zh", "ja", "ko", "ru", "uk", "bg", "mk", "el", "he", "ar", "fa", "ur", "hi",
                    "mr", "ne", "bn", "th", "ta", "te", "kn", "ml", "gu", "pa"}  # fmt: skip

# An address starts where a run of its characters does, so a long run of them stays linear.
_URL_EMAIL_RE = re.compile(r"https?://\S+|www\.\S+|(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# Tokens that belong to no natural language: command-line options, identifiers with digits
# or underscores, file names and paths, camelCase and ALL-CAPS names, bracketed syntax,
# alternatives (a|b|c) and short quoted literals ('ignore-space-change', «string»).
# Language models read them as English, which turns French or Spanish technical text
# (": --code-region nécessite un argument : {upper,lower}") into English.
# Each holds ASCII alone: translators write slot names in their own language
# ("git remote remove <имя>", "[--] [<路径>...]", "<đặc/tả/đường/dẫn>"), often the only
# translated words. Such a token holds no character of _NOT_ASCII, and paths and alternatives
# do not touch a non-ASCII letter either (_APART). Paths, alternatives and identifiers start
# where a run of ASCII does, which also keeps the search linear on a long unbroken token.
_NOT_ASCII = "\x80-\U0010ffff"
_APART = ("(?<![^\\W\\x00-\\x7f])", "(?![^\\W\\x00-\\x7f])")
_TECHNICAL_RE = re.compile(
    rf"""
    (?<![\w-])--?[A-Za-z][\w-]*(?:=[!-~]*)?  # options
    | \{{[^}}\n{_NOT_ASCII}]*\}} | \[[^\]\n{_NOT_ASCII}]*\] | <[^>\n{_NOT_ASCII}]*>  # syntax
    | (?<![!-~]){_APART[0]}[!-~]*?[./\\][A-Za-z0-9_][!-~]*{_APART[1]}  # paths, file names
    | (?<![\w-]){_APART[0]}[A-Za-z0-9_-]+(?:\|[A-Za-z0-9_-]+)+{_APART[1]}  # alternatives
    | (?<!\w)(?:'[^'\n{_NOT_ASCII}]{{1,30}}'|"[^"\n{_NOT_ASCII}]{{1,30}}")(?!\w)  # literals
    | «[^«»\n{_NOT_ASCII}]{{1,30}}» | »[^«»\n{_NOT_ASCII}]{{1,30}}«
    | “[^“”\n{_NOT_ASCII}]{{1,30}}” | „[^„“\n{_NOT_ASCII}]{{1,30}}“
    | (?<!\w)[A-Za-z0-9_]*[\d_][A-Za-z0-9_]*(?!\w)  # identifiers with digits or _, numbers
    | \b[a-z]+[A-Z]\w*\b | \b[A-Z][a-z]+[A-Z]\w*\b | \b[A-Z]{{2,}}\b  # camelCase, CAPS
    """,
    re.X,
)
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")
# Stripping stops short of leaving the models fewer words (of two letters or more) than this.
_MIN_WORDS_LEFT = 3
_WORD_RE = re.compile(r"[^\W\d_]{2,}")


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
    return {name: int(n) for name, n in zip(SCRIPTS, counts, strict=True) if n and name != "Zs"}


def _size_factor(units: int) -> float:
    """Damp confidence for very short texts: two characters are weak evidence."""
    return min(1.0, 0.5 + units / 40)


_TRAD_ONLY = 1
_SIMP_ONLY = 2
_BMP_HAN = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@cache
def _han_variant_table() -> np.ndarray:
    """uint8 flags per code point: Traditional-only / Simplified-only Han characters.

    Built once by running every BMP Han character through OpenCC on its own line: t2s
    changes only Traditional-specific characters; a Simplified-specific character is one that
    s2t, s2tw and s2hk all change (吃, 台, 床, 群 or 温 are standard in Taiwan or Hong Kong
    although s2t rewrites them). Characters changed both ways are variant pairs, not
    evidence. A character-level table is context-free (so deterministic and ~10x faster than
    converting each document twice). It spans every code point so lookups need no range
    check.
    """
    chars = [chr(cp) for lo, hi in _BMP_HAN for cp in range(lo, hi)]
    joined = "\n".join(chars)

    def changed(config: str) -> list[bool]:
        converted = opencc_converter(config).convert(joined).split("\n")
        return [a != b for a, b in zip(chars, converted, strict=True)]

    trad_only = changed("t2s.json")
    to_trad = (changed("s2t.json"), changed("s2tw.json"), changed("s2hk.json"))
    simp_only = [all(flags) for flags in zip(*to_trad, strict=True)]
    table = np.zeros(script_table().size, dtype=np.uint8)
    for ch, trad, simp in zip(chars, trad_only, simp_only, strict=True):
        if trad != simp:
            table[ord(ch)] = _TRAD_ONLY if trad else _SIMP_ONLY
    return table


def _script_of(cps: np.ndarray, han: int) -> str:
    """chinese_script over code points holding ``han`` Han characters."""
    return _script_from_counts(np.bincount(_han_variant_table()[cps], minlength=3).tolist(), han)


def _script_from_counts(flags: list[int], han: int) -> str:
    """Hans/Hant/mixed from counts of shared, Traditional-only and Simplified-only Han."""
    if not han:
        return "Hans"
    trad, simp = flags[_TRAD_ONLY], flags[_SIMP_ONLY]
    specific = trad + simp
    if specific < max(1, SCRIPT_SPECIFIC_MIN * han):
        return "Hans"
    if min(trad, simp) >= MIXED_MIN_SHARE * specific:
        return "mixed"
    return "Hant" if trad > simp else "Hans"


def chinese_script(text: str) -> str:
    """``"Hans"``, ``"Hant"`` or ``"mixed"`` for Chinese text, from its first characters.

    Text made only of characters both scripts share is reported as ``"Hans"``.
    """
    cps = codepoints(text[:SCRIPT_SAMPLE_CHARS])
    return _script_of(cps, int(script_counts(cps)[SCRIPT_ID["Hani"]]))


def _allowed(lang: str, script: str) -> bool:
    """Whether a model's answer fits the script the text is written in."""
    allowed = _LANGDETECT_SCRIPT.get(script)
    return lang in allowed if allowed is not None else lang not in _NON_LATIN_LANGS


# pycld2 raises on C0/C1 controls (but tab, line and page breaks), lone surrogates and
# noncharacters.
_CLD2_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


def _cld2(sample: str, script: str) -> tuple[str, float] | None:
    """CLD2's answer (language, share of the text in it), or None when it has none."""
    try:
        reliable, _, details = pycld2.detect(_CLD2_UNSAFE_RE.sub("", sample))
    except pycld2.error:
        return None
    _, code, percent, _ = details[0]
    lang = code.split("-")[0]
    if code == "un" or not _allowed(lang, script):
        return None
    return lang, percent / 100 if reliable else percent / 200


def _langdetect(sample: str, script: str) -> tuple[str, float]:
    candidates = _langdetect_candidates(sample, script)
    if candidates:
        return candidates[0]
    default = _SCRIPT_DEFAULT.get(script)
    return (default, 0.5) if default else ("und", 0.0)


def _langdetect_candidates(sample: str, script: str) -> list[tuple[str, float]]:
    try:
        candidates = detect_langs(sample)
    except LangDetectException:
        return []
    return [
        (lang, float(c.prob)) for c in candidates if _allowed(lang := c.lang.split("-")[0], script)
    ]


@lru_cache(maxsize=256)
def _lingua_detector(langs: frozenset[str]) -> LanguageDetector:
    """A lingua detector for exactly ``langs``, in low-accuracy mode (trigram models only).

    Imported and built on first use, so processes that see only CJK text never load lingua.
    Models are shared by all detectors of a process and loaded per language on first use:
    about 1 MB each here, against 10-50 MB in high-accuracy mode.
    """
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, lang.upper()) for lang in sorted(langs)]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


@cache
def _lingua_languages() -> frozenset[str]:
    from lingua import Language

    return frozenset(lang.iso_code_639_1.name.lower() for lang in Language.all())


def _lingua(sample: str, langs: set[str]) -> tuple[str, float] | None:
    """lingua's choice among ``langs`` (those it knows), or None with fewer than two."""
    known = frozenset(langs & _lingua_languages())
    if len(known) < 2:
        return None
    best = _lingua_detector(known).compute_language_confidence_values(sample)[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)


def _vote(sample: str, script: str) -> tuple[str, float]:
    """Short text: CLD2 and langdetect; when they disagree, lingua picks among their answers.

    On short text CLD2 often answers English, "reliably", for plain French or Dutch, and
    langdetect confuses neighbours (Spanish and Catalan, Russian and Bulgarian); where the
    two agree they are rarely wrong. On the tuning half of the real-text evaluation, lingua
    choosing among their answers was as accurate as a third vote over all its languages and
    far better than lingua alone, and it loads only the models of the languages proposed.
    """
    votes: dict[str, float] = {}
    voters = 0
    cld2 = _cld2(sample, script)
    if cld2 is not None:
        votes[cld2[0]] = cld2[1]
        voters += 1
    candidates = _langdetect_candidates(sample, script)
    if candidates:
        voters += 1
        for lang, prob in candidates:
            votes[lang] = votes.get(lang, 0.0) + prob
    if not votes:
        default = _SCRIPT_DEFAULT.get(script)
        return (default, 0.5) if default else ("und", 0.0)
    if cld2 is None or not candidates or candidates[0][0] != cld2[0]:
        referee = _lingua(sample, set(votes))
        if referee is not None and referee[1] >= LINGUA_MIN_CONFIDENCE:
            return referee
    lang = max(votes, key=lambda k: votes[k])
    return lang, min(1.0, votes[lang] / voters)


def _model_sample(text: str, script: str) -> str:
    """The head of ``text`` with what is not natural language removed (see _TECHNICAL_RE).

    In a non-Latin alphabet every Latin word is set aside. The stripped text is used only
    when it keeps a few words, so a text that is all commands is still judged on something.
    """
    head = _URL_EMAIL_RE.sub(" ", text[: LANGDETECT_SAMPLE_CHARS * 2])
    stripped = _TECHNICAL_RE.sub(" ", head)
    if script != "Latn":
        stripped = _LATIN_WORD_RE.sub(" ", stripped)
    if len(_WORD_RE.findall(stripped)) >= _MIN_WORDS_LEFT:
        head = stripped
    return head[:LANGDETECT_SAMPLE_CHARS]


def _alphabet_language(text: str, script: str) -> tuple[str, float]:
    """Language of a text in an alphabet several languages share.

    Long text: CLD2 (fast, and right on long text), else langdetect. Short text: both vote.
    """
    sample = _model_sample(text, script)
    if len(sample) < VOTE_BELOW_CHARS:
        lang, prob = _vote(sample, script)
    else:
        lang, prob = _cld2(sample, script) or _langdetect(sample, script)
    if lang in ("fa", "ur") and _written_in_arabic(sample):
        return "ar", prob
    return lang, prob


def _written_in_arabic(sample: str) -> bool:
    return bool(_ARABIC_ONLY_RE.search(sample)) and not _PERSIAN_URDU_RE.search(sample)


def _latin_language_words(head: str) -> int:
    """Runs of Latin letters in ``head`` once URLs and technical tokens are set aside."""
    stripped = _TECHNICAL_RE.sub(" ", _URL_EMAIL_RE.sub(" ", head))
    _, runs, _ = _kernels.script_runs(
        codepoints(stripped), script_table(), len(SCRIPTS), _han_variant_table()
    )
    return int(runs[_ID["Latn"]])


def _kana_needed(text: str, han: int) -> float:
    """Kana share of CJK characters above which a text is Japanese."""
    markers = len(_ZH_FUNCTION_RE.findall(text[:SCRIPT_SAMPLE_CHARS]))
    chinese = han and markers >= 2 and markers >= _ZH_FUNCTION_DENSITY * han
    return KANA_MIN_SHARE_IN_CHINESE if chinese else KANA_MIN_SHARE


_ID = SCRIPT_ID
_WORD_SCRIPT_IDS = tuple((name, SCRIPT_ID[name]) for name in _WORD_SCRIPTS)
_WORD_SCRIPT_INDEX = tuple(i for _, i in _WORD_SCRIPT_IDS)


def detect_language(text: str) -> LanguageResult:
    """Language, confidence, script and Han ratio of ``text``. Deterministic."""
    cps = codepoints(text[:SCRIPT_SAMPLE_CHARS])
    if not cps.size:
        return LanguageResult("und", 0.0, "Zyyy", 0.0)
    # same-script runs approximate words
    char_counts, run_counts, variants = _kernels.script_runs(
        cps, script_table(), len(SCRIPTS), _han_variant_table()
    )
    chars, words = char_counts.tolist(), run_counts.tolist()
    letters = cps.size - chars[_ID["Zyyy"]] - chars[_ID["Zs"]]
    ratio = chars[_ID["Hani"]] / letters if letters else 0.0

    han = chars[_ID["Hani"]] + chars[_ID["Bopo"]]
    kana = chars[_ID["Hira"]] + chars[_ID["Kana"]]
    hangul = chars[_ID["Hang"]]
    cjk = han + kana + hangul
    total = cjk + sum(map(words.__getitem__, _WORD_SCRIPT_INDEX))
    if total == 0:
        return LanguageResult("und", 0.0, "Zyyy", 0.0)

    latin = words[_ID["Latn"]]
    if 0 < latin < total and cjk < CJK_MIN_SHARE * total:
        # Latin next to a script that has not won: count only Latin words of a language, so
        # a translated synopsis ("git remote remove <имя>") is not English. Only mixed-script
        # texts pay for this; Chinese prose never gets here.
        words[_ID["Latn"]] = _latin_language_words(text[:SCRIPT_SAMPLE_CHARS])
        total += words[_ID["Latn"]] - latin

    cjk_share = cjk / total
    if cjk_share < CJK_MIN_SHARE and cjk >= CJK_MIN_BESIDE_CODE:
        prose = _CODE_BLOCK_RE.sub("", text[:SCRIPT_SAMPLE_CHARS])
        if len(prose) < min(len(text), SCRIPT_SAMPLE_CHARS):
            # shorter each time, so this ends; only a CJK answer is taken from the prose
            again = detect_language(prose)
            if again.lang in ("zh", "ja", "ko"):
                return again
    if cjk_share >= CJK_MIN_SHARE:
        confidence = round(min(1.0, 0.5 + cjk_share / 2) * _size_factor(cjk), 4)
        if kana >= 2 and kana >= hangul and kana >= _kana_needed(text, han) * (han + kana):
            return LanguageResult("ja", confidence, "Jpan", ratio)
        if hangul >= 2 and hangul >= HANGUL_MIN_SHARE * cjk:
            return LanguageResult("ko", confidence, "Kore", ratio)
        script = _script_from_counts(variants.tolist(), chars[_ID["Hani"]])
        return LanguageResult("zh", confidence, script, ratio)

    alpha = {name: words[i] for name, i in _WORD_SCRIPT_IDS}
    script = max(alpha, key=lambda s: alpha[s])
    if script == "Latn":
        other = max((s for s in alpha if s != "Latn"), key=lambda s: alpha[s])
        if alpha[other] >= NON_LATIN_MIN_SHARE * total:
            script = other
    share = alpha[script] / total
    if script in _SINGLE_LANGUAGE:
        confidence = round(share * _size_factor(alpha[script]), 4)
        return LanguageResult(_SINGLE_LANGUAGE[script], confidence, script, ratio)
    lang, prob = _alphabet_language(text, script)
    return LanguageResult(lang, round(prob * share, 4), script, ratio)
