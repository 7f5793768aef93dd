"""Exact and near-duplicate detection: MinHash signatures, LSH banding, global clustering."""

from quality.dedup.lsh import (
    SIGNATURE_SCHEMA,
    DedupResult,
    band_keys,
    explain,
    find_duplicates,
    signature_table,
)
from quality.dedup.minhash import MinHasher, MinHashParams, choose_bands

__all__ = [
    "SIGNATURE_SCHEMA",
    "DedupResult",
    "MinHashParams",
    "MinHasher",
    "band_keys",
    "choose_bands",
    "explain",
    "find_duplicates",
    "signature_table",
]
