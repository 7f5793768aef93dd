"""Keep/drop decisions over quality signals, with a soft score and annotate-only rules.

Signals are computed first (:func:`quality.signals.compute_signals`); the rules here only
compare them with :class:`QualityConfig` thresholds, so a recipe can tune or switch off any
rule without recomputing anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field, field_validator

from quality.language import LanguageResult, detect_language
from quality.signals import compute_signals


class QualityConfig(BaseModel):
    """Thresholds of the quality rules; each rule is named after its field.

    Where a number comes from: Gopher = Rae et al. 2021 (MassiveText rules), C4 = Raffel
    et al. 2020, FineWeb = Penedo et al. 2024, FineWeb-2 cmn_Hani = its per-language config
    for Chinese; "hqdata" = chosen here on Chinese fixtures (clean prose, law, finance,
    technical text vs spam, navigation boilerplate and repeated lines).
    """

    model_config = ConfigDict(extra="forbid")

    min_chars: int = 50  # hqdata: below this there is no context to learn from
    max_chars: int = 2_000_000  # hqdata: dumps and concatenations, not documents
    min_han_ratio: float = 0.0  # off; Chinese recipes set ~0.3 (FineWeb-2 keeps mixed zh/en)
    max_dup_line_frac: float = 0.3  # Gopher 0.3 chars in duplicate lines (FineWeb-2 cmn 0.287)
    max_dup_para_frac: float = 0.3  # Gopher 0.3 (characters in duplicate paragraphs)
    # hqdata: extra copies of sentences seen 3+ times, over all sentences (signals.py); a
    # slogan after every sentence reaches ~0.5, a long novel's stock phrases ~0.001
    max_repeated_sentence_frac: float = 0.05
    # Top/duplicated n-grams are words for alphabetic text and 2n characters for Han text.
    # Top n-grams keep Gopher's values (FineWeb-2 cmn_Hani: 0.256/0.201/0.171). Duplicated
    # n-grams take FineWeb-2's Chinese values (Gopher: 0.15 .. 0.10): Chinese laws and
    # announcements repeat long names ("公安机关交通管理部门") in clause after clause.
    max_top_ngram_frac_2: float = 0.20  # Gopher
    max_top_ngram_frac_3: float = 0.18  # Gopher
    max_top_ngram_frac_4: float = 0.16  # Gopher
    max_dup_ngram_frac_5: float = 0.198  # FineWeb-2 cmn_Hani (Gopher 0.15)
    max_dup_ngram_frac_6: float = 0.182  # FineWeb-2 cmn_Hani (Gopher 0.14)
    max_dup_ngram_frac_7: float = 0.167  # FineWeb-2 cmn_Hani (Gopher 0.13)
    max_dup_ngram_frac_8: float = 0.154  # FineWeb-2 cmn_Hani (Gopher 0.12)
    max_dup_ngram_frac_9: float = 0.140  # FineWeb-2 cmn_Hani (Gopher 0.11)
    max_dup_ngram_frac_10: float = 0.127  # FineWeb-2 cmn_Hani (Gopher 0.10)
    min_punct_end_line_frac: float = 0.1  # FineWeb 0.12, FineWeb-2 cmn_Hani 0.106
    max_symbol_ratio: float = 0.1  # Gopher 0.1 (#, ellipsis; here also emoji and dingbats)
    max_digit_ratio: float = 0.3  # hqdata: finance tables reach ~0.25, number dumps more
    max_bullet_line_frac: float = 0.9  # Gopher 0.9
    max_short_line_frac: float = 0.67  # FineWeb 0.67 (lines under 30 chars ~ 10 Han chars)
    max_boilerplate_line_frac: float = 0.3  # hqdata: navigation/footer lines of web pages
    max_spam_keyword_frac: float = 0.05  # hqdata: gambling/ad phrases, keyword stuffing
    max_mojibake_frac: float = 0.01  # hqdata: U+FFFD and wrong-codec debris left by cleaning
    min_entropy: float = 3.0  # hqdata: Chinese prose ~8-9 bits, English ~4.5, junk below 3
    min_score: float = 0.0  # hqdata: off; recipes may require e.g. 0.5
    allowed_languages: list[str] = Field(default_factory=list)  # empty: every language
    annotate_only: list[str] = Field(default_factory=list)  # rules recorded, not enforced

    @field_validator("annotate_only")
    @classmethod
    def _known_rules(cls, names: list[str]) -> list[str]:
        unknown = sorted(set(names) - set(RULE_NAMES))
        if unknown:
            raise ValueError(f"unknown quality rule(s) {unknown}; known: {sorted(RULE_NAMES)}")
        return names


@dataclass(frozen=True)
class _Rule:
    name: str  # also the QualityConfig field holding the threshold
    signal: str
    minimum: bool  # True: the signal must reach the threshold; False: must not exceed it
    soft: bool = True  # part of the soft score as a ramp (False: pass/fail only)


_RULES: tuple[_Rule, ...] = (
    _Rule("min_chars", "char_count", minimum=True, soft=False),
    _Rule("max_chars", "char_count", minimum=False, soft=False),
    _Rule("min_han_ratio", "han_ratio", minimum=True),
    _Rule("max_dup_line_frac", "dup_line_frac", minimum=False),
    _Rule("max_dup_para_frac", "dup_para_frac", minimum=False),
    _Rule("max_repeated_sentence_frac", "repeated_sentence_frac", minimum=False),
    *(_Rule(f"max_top_ngram_frac_{n}", f"top_ngram_frac_{n}", minimum=False) for n in (2, 3, 4)),
    *(_Rule(f"max_dup_ngram_frac_{n}", f"dup_ngram_frac_{n}", minimum=False) for n in range(5, 11)),
    _Rule("min_punct_end_line_frac", "punct_end_line_frac", minimum=True),
    _Rule("max_symbol_ratio", "symbol_ratio", minimum=False),
    _Rule("max_digit_ratio", "digit_ratio", minimum=False),
    _Rule("max_bullet_line_frac", "bullet_line_frac", minimum=False),
    _Rule("max_short_line_frac", "short_line_frac", minimum=False),
    _Rule("max_boilerplate_line_frac", "boilerplate_line_frac", minimum=False),
    _Rule("max_spam_keyword_frac", "spam_keyword_frac", minimum=False),
    _Rule("max_mojibake_frac", "mojibake_frac", minimum=False),
    _Rule("min_entropy", "char_entropy", minimum=True),
)
LANGUAGE_RULE = "language_not_allowed"
SCORE_RULE = "low_quality_score"
RULE_NAMES: tuple[str, ...] = (*(r.name for r in _RULES), LANGUAGE_RULE, SCORE_RULE)


@dataclass
class Assessment:
    """Signals, a score in [0, 1] (higher is better) and the rules a document fails.

    ``reasons`` are enforced failures; ``annotated`` are failures of annotate-only rules,
    recorded so a recipe can study a rule before enforcing it.
    """

    signals: dict[str, float]
    score: float
    reasons: list[str] = field(default_factory=list)
    annotated: list[str] = field(default_factory=list)

    @property
    def keep(self) -> bool:
        return not self.reasons


def _soft_score(value: float, threshold: float, minimum: bool) -> float:
    """1.0 comfortably inside the threshold, 0.5 at it, 0.0 far beyond it.

    Maximum rules: 1 up to half the threshold, linear to 0.5 at the threshold and to 0 at
    twice it. Minimum rules mirror that: 0.5 at the threshold, 1 from 1.5 times it.
    """
    if threshold <= 0:
        return 1.0
    ratio = value / threshold
    if minimum:
        return min(1.0, max(0.0, ratio - 0.5))
    if ratio <= 1.0:
        return min(1.0, 1.5 - ratio)
    return max(0.0, 0.5 * (2.0 - ratio))


def _fails(rule: _Rule, value: float, threshold: float) -> bool:
    if rule.name == "min_han_ratio" and threshold <= 0:
        return False
    return value < threshold if rule.minimum else value > threshold


# The rules as plain tuples: this loop runs once per document.
_RULE_ROWS = tuple((r.name, r.signal, r.minimum, r.soft) for r in _RULES)
_DEFAULT_CONFIG = QualityConfig()


def _judge(signals: dict[str, float], cfg: QualityConfig) -> tuple[list[str], float]:
    """(failed rules, soft score before rounding): _fails and _soft_score, inlined."""
    failed: list[str] = []
    score = 1.0
    thresholds = cfg.__dict__  # pydantic keeps field values here; getattr costs twice as much
    for name, signal, minimum, soft in _RULE_ROWS:
        value = signals[signal]
        threshold = thresholds[name]
        if minimum:
            if value < threshold and (threshold > 0 or name != "min_han_ratio"):
                failed.append(name)
                if not soft:
                    score = 0.0
            # 1 from 1.5 times the threshold, 0.5 at it, 0 at half of it
            if soft and threshold > 0 and value < 1.5 * threshold:
                ratio = value / threshold - 0.5
                score *= ratio if ratio > 0.0 else 0.0
        else:
            if value > threshold:
                failed.append(name)
                if not soft:
                    score = 0.0
            # 1 up to half the threshold, 0.5 at it, 0 at twice it
            if soft and threshold > 0 and value > 0.5 * threshold:
                ratio = value / threshold
                if ratio <= 1.0:
                    score *= 1.5 - ratio
                elif ratio < 2.0:
                    score *= 0.5 * (2.0 - ratio)
                else:
                    score = 0.0
    return failed, score


def assess(
    text: str,
    config: QualityConfig | None = None,
    lang: LanguageResult | None = None,
    *,
    profile: str | None = None,
) -> Assessment:
    """Compute signals of ``text`` and judge them against ``config``.

    ``profile`` (``legal``, ``finance``, ... see :mod:`quality.profiles`) puts that profile's
    thresholds under ``config``: what ``config`` sets explicitly still wins.
    """
    cfg = config or _DEFAULT_CONFIG
    if profile is not None:
        from quality.profiles import apply_profile  # the profiles module imports this one

        cfg = apply_profile(profile, config or QualityConfig())
    if cfg.allowed_languages and lang is None:
        lang = detect_language(text)
    signals = compute_signals(text, lang)
    failed, score = _judge(signals, cfg)
    if cfg.allowed_languages and lang is not None and lang.lang not in cfg.allowed_languages:
        failed.append(LANGUAGE_RULE)
    score = round(score, 4)
    if not math.isfinite(score):
        score = 0.0
    if score < cfg.min_score:
        failed.append(SCORE_RULE)
    if not cfg.annotate_only:
        return Assessment(signals=signals, score=score, reasons=failed)
    annotate = set(cfg.annotate_only)
    return Assessment(
        signals=signals,
        score=score,
        reasons=[name for name in failed if name not in annotate],
        annotated=[name for name in failed if name in annotate],
    )
