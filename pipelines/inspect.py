"""``hqdata inspect``: annotate any supported input without dropping anything.

Every document gets every signal, its score, the reasons the chosen quality profile would
reject it, the PII found and its domain tags, written to one Parquet file, so an engineer can
tune thresholds on their own data (with DuckDB, pandas or any Parquet reader) before writing a
recipe.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from catalogs.files import PARQUET_OPTIONS, temp_sibling
from connectors import FileSource, Quarantined
from connectors.base import read_records
from quality import CleanOptions, QualityConfig, assess, clean_text, detect_language
from quality.domains import tag_domains
from quality.pii import find_pii, pii_counts
from quality.profiles import quality_profile

BATCH_ROWS = 2048


@dataclass
class InspectSummary:
    output: Path
    documents: int = 0
    quarantined: Counter[str] = field(default_factory=Counter)
    would_reject: Counter[str] = field(default_factory=Counter)
    rejected_documents: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    scripts: Counter[str] = field(default_factory=Counter)
    scores: list[float] = field(default_factory=list)
    pii: Counter[str] = field(default_factory=Counter)
    domains: Counter[str] = field(default_factory=Counter)

    def score_quantiles(self) -> dict[str, float]:
        if not self.scores:
            return {}
        ordered = sorted(self.scores)
        pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
        return {"p10": pick(0.1), "median": pick(0.5), "p90": pick(0.9)}


def inspect_path(
    path: str | Path,
    output: str | Path,
    *,
    profile: str = "web",
    quality: QualityConfig | None = None,
    clean: CleanOptions | None = None,
    source_options: dict[str, Any] | None = None,
    on_document: Callable[[], None] | None = None,
) -> InspectSummary:
    """Annotate every record under ``path`` and write them all to ``output`` (Parquet)."""
    config = quality or quality_profile(profile)
    clean = clean or CleanOptions()
    source = FileSource("inspect", path, **(source_options or {}))
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    summary = InspectSummary(output)
    rows: list[dict[str, Any]] = []
    writer: pq.ParquetWriter | None = None
    tmp = temp_sibling(output)

    def flush() -> None:
        nonlocal writer
        if not rows:
            return
        table = _to_table(rows)
        if writer is None:
            writer = pq.ParquetWriter(tmp, table.schema, **PARQUET_OPTIONS)
        writer.write_table(table.cast(writer.schema))
        rows.clear()

    try:
        for item in read_records(source):
            if isinstance(item, Quarantined):
                summary.quarantined[item.reason] += 1
                rows.append(
                    {
                        "uri": item.uri,
                        "quarantined": item.reason,
                        "text": (item.raw or "")[:1000],
                    }
                )
            else:
                rows.append(_annotate(item.id, item.uri, item.text, config, clean, summary))
            if on_document is not None:
                on_document()
            if len(rows) >= BATCH_ROWS:
                flush()
        flush()
        if writer is None:  # nothing at all: still write a readable, empty file
            writer = pq.ParquetWriter(tmp, _to_table([]).schema, **PARQUET_OPTIONS)
        writer.close()
        writer = None
        tmp.replace(output)
    finally:
        if writer is not None:
            writer.close()
        tmp.unlink(missing_ok=True)
    return summary


def _annotate(
    doc_id: str,
    uri: str,
    raw: str,
    config: QualityConfig,
    clean: CleanOptions,
    summary: InspectSummary,
) -> dict[str, Any]:
    cleaned = clean_text(raw, clean)
    lang = detect_language(cleaned.text)
    verdict = assess(cleaned.text, config, lang)
    pii = pii_counts(find_pii(cleaned.text))
    domains = tag_domains(cleaned.text)
    summary.documents += 1
    summary.languages[lang.lang] += 1
    summary.scripts[lang.script] += 1
    summary.scores.append(verdict.score)
    summary.would_reject.update(verdict.reasons + verdict.annotated)
    summary.pii.update(pii)
    if domains:
        summary.domains[domains[0][0]] += 1
    if verdict.reasons or verdict.annotated:
        summary.rejected_documents += 1
    row: dict[str, Any] = {
        "id": doc_id,
        "uri": uri,
        "quarantined": None,
        "text": cleaned.text,
        "original_chars": len(raw),
        "language": lang.lang,
        "language_confidence": lang.confidence,
        "script": lang.script,
        "han_ratio": lang.han_ratio,
        "quality_score": verdict.score,
        "would_keep": not (verdict.reasons or verdict.annotated),
        "reasons": verdict.reasons + verdict.annotated,
        "repairs": [f"{k}:{v}" for k, v in sorted(cleaned.repairs.items())],
        "pii": [f"{k}:{v}" for k, v in pii.items()],
        "domains": [label for label, _ in domains],
        "domain_scores": [score for _, score in domains],
    }
    for name, value in verdict.signals.items():
        row[f"signal_{name}"] = float(value)
    return row


_BASE_FIELDS = [
    pa.field("id", pa.string()),
    pa.field("uri", pa.string()),
    pa.field("quarantined", pa.string()),
    pa.field("text", pa.large_string()),
    pa.field("original_chars", pa.int64()),
    pa.field("language", pa.string()),
    pa.field("language_confidence", pa.float32()),
    pa.field("script", pa.string()),
    pa.field("han_ratio", pa.float32()),
    pa.field("quality_score", pa.float32()),
    pa.field("would_keep", pa.bool_()),
    pa.field("reasons", pa.list_(pa.string())),
    pa.field("repairs", pa.list_(pa.string())),
    pa.field("pii", pa.list_(pa.string())),
    pa.field("domains", pa.list_(pa.string())),
    pa.field("domain_scores", pa.list_(pa.float32())),
]


def _signal_columns() -> list[str]:
    # The signal names are whatever quality.signals computes; ask it once per process.
    global _SIGNALS
    if _SIGNALS is None:
        sample = "样例文本。"
        _SIGNALS = [
            f"signal_{n}" for n in sorted(assess(sample, None, detect_language(sample)).signals)
        ]
    return _SIGNALS


_SIGNALS: list[str] | None = None


def _to_table(rows: list[dict[str, Any]]) -> pa.Table:
    schema = pa.schema(_BASE_FIELDS + [pa.field(n, pa.float64()) for n in _signal_columns()])
    return pa.Table.from_pylist(rows, schema=schema)
