"""Text quality for hqdata: cleaning, language and script, signals, rules and match keys.

Pure functions over text (no Prefect, no pipelines): safe to call from any process.
"""

from quality.assess import Assessment, QualityConfig, assess
from quality.clean import CleanOptions, CleanResult, clean_text
from quality.language import LanguageResult, detect_language
from quality.signals import compute_signals
from quality.text_normalize import dedup_key, matching_key

__all__ = [
    "Assessment",
    "CleanOptions",
    "CleanResult",
    "LanguageResult",
    "QualityConfig",
    "assess",
    "clean_text",
    "compute_signals",
    "dedup_key",
    "detect_language",
    "matching_key",
]
