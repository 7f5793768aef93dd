"""Quality profiles: threshold presets per kind of text, so good domain text is not rejected
by rules tuned on web prose.

A profile only overrides some thresholds of :class:`quality.assess.QualityConfig`; whatever a
recipe sets explicitly wins over the profile. Why each override exists:

- legal / government: statutes and notices are lists of numbered clauses (第一条, 一、),
  chapter headings are short lines without end punctuation, and long official names repeat
  from clause to clause.
- finance: reports carry tables of figures (digits, %, currency signs), short label lines
  and few sentence endings inside the tables.
- medical: dosages and lab values bring units and symbols (mg/kg, μmol/L, ±, ≥, ℃) and
  numbered recommendations.
- science / technology: formulas, units, code and option lists raise symbol and digit shares.
"""

from __future__ import annotations

from typing import Any

from quality.assess import QualityConfig

_CLAUSES: dict[str, Any] = {
    "max_short_line_frac": 0.85,
    "max_bullet_line_frac": 1.0,
    "min_punct_end_line_frac": 0.05,
    "max_top_ngram_frac_2": 0.25,
    "max_top_ngram_frac_3": 0.22,
    "max_top_ngram_frac_4": 0.20,
    "max_dup_ngram_frac_5": 0.25,
    "max_dup_ngram_frac_6": 0.23,
    "max_dup_ngram_frac_7": 0.21,
    "max_dup_ngram_frac_8": 0.20,
    "max_dup_ngram_frac_9": 0.19,
    "max_dup_ngram_frac_10": 0.18,
}

PROFILES: dict[str, dict[str, Any]] = {
    "web": {},
    "legal": dict(_CLAUSES),
    "government": dict(_CLAUSES),
    "finance": {
        "max_digit_ratio": 0.5,
        "max_symbol_ratio": 0.2,
        "max_short_line_frac": 0.85,
        "min_punct_end_line_frac": 0.03,
    },
    "medical": {
        "max_digit_ratio": 0.4,
        "max_symbol_ratio": 0.2,
        "max_bullet_line_frac": 1.0,
        "max_short_line_frac": 0.8,
    },
    "science": {"max_digit_ratio": 0.4, "max_symbol_ratio": 0.25, "max_short_line_frac": 0.8},
    "technology": {"max_digit_ratio": 0.4, "max_symbol_ratio": 0.25, "max_short_line_frac": 0.8},
}
"""Profile name -> the thresholds it changes (everything else keeps the defaults)."""


def quality_profile(name: str, **overrides: Any) -> QualityConfig:
    """The :class:`QualityConfig` of a profile, with ``overrides`` applied on top."""
    try:
        base = PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown quality profile {name!r}; known: {sorted(PROFILES)}") from None
    return QualityConfig(**{**base, **overrides})


def apply_profile(name: str, config: QualityConfig) -> QualityConfig:
    """``config`` with the profile underneath: fields the user set explicitly still win."""
    explicit = config.model_dump(include=config.model_fields_set)
    return quality_profile(name, **explicit)
