"""Text quality for hqdata: cleaning, language and script, signals, rules and profiles, PII,
vertical domains and match keys.

Pure functions over text (no Prefect, no pipelines): safe to call from any process.
"""

from quality.assess import Assessment, QualityConfig, assess
from quality.clean import CleanOptions, CleanResult, clean_text
from quality.domains import DOMAINS, DomainClassifier, tag_domains, tag_sections
from quality.language import LanguageResult, detect_language
from quality.pii import PII_KINDS, PiiSpan, find_pii, pii_counts, redact_pii
from quality.profiles import PROFILES, quality_profile
from quality.signals import compute_signals
from quality.text_normalize import dedup_key, matching_key

__all__ = [
    "DOMAINS",
    "PII_KINDS",
    "PROFILES",
    "Assessment",
    "CleanOptions",
    "CleanResult",
    "DomainClassifier",
    "LanguageResult",
    "PiiSpan",
    "QualityConfig",
    "assess",
    "clean_text",
    "compute_signals",
    "dedup_key",
    "detect_language",
    "find_pii",
    "matching_key",
    "pii_counts",
    "quality_profile",
    "redact_pii",
    "tag_domains",
    "tag_sections",
]
