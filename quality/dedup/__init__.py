"""Exact and near-duplicate detection: MinHash signatures, LSH banding, global clustering."""

from quality.dedup.lsh import (
    SIGNATURE_SCHEMA,
    DedupResult,
    band_candidates,
    band_groups,
    band_keys,
    explain,
    file_scheme,
    find_duplicates,
    same_scheme,
    signature_table,
)
from quality.dedup.minhash import MinHasher, MinHashParams, choose_bands

__all__ = [
    "SIGNATURE_SCHEMA",
    "DedupResult",
    "MinHashParams",
    "MinHasher",
    "band_candidates",
    "band_groups",
    "band_keys",
    "choose_bands",
    "explain",
    "file_scheme",
    "find_duplicates",
    "same_scheme",
    "signature_table",
]
