"""The dataset card (``README.md``) of a release: Hugging Face YAML metadata and summaries."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import duckdb
import yaml

if TYPE_CHECKING:
    from catalogs.publish import ReleaseRequest

# Licence names a recipe may use, mapped to the identifiers the Hugging Face hub knows.
_HF_LICENSES = {
    "cc-by-4.0",
    "cc-by-sa-4.0",
    "cc-by-nc-4.0",
    "cc-by-nc-sa-4.0",
    "cc0-1.0",
    "mit",
    "apache-2.0",
    "odc-by",
    "odbl",
    "pddl",
    "other",
    "unknown",
}


def _size_category(n: int) -> str:
    for limit, label in (
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
        (10_000_000, "1M<n<10M"),
    ):
        if n < limit:
            return label
    return "n>10M"


def _table(headers: list[str], rows: list[tuple[Any, ...]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for r in rows:
        lines.append("| " + " | ".join("" if v is None else str(v) for v in r) + " |")
    return "\n".join(lines)


def render_card(
    con: duckdb.DuckDBPyConnection,
    req: ReleaseRequest,
    num_documents: int,
    num_added: int,
    created_at: dt.datetime,
) -> str:
    """Summaries are read from the catalog rows of this release (inserted just before)."""
    key = [req.name, req.version]

    def grouped(column: str) -> list[tuple[Any, ...]]:
        return con.execute(
            f"SELECT coalesce({column}, 'unknown') AS k, count(*) AS n, sum(char_count) "
            "FROM documents WHERE dataset = ? AND version = ? GROUP BY k ORDER BY n DESC, k",
            key,
        ).fetchall()

    languages = grouped("language")
    quality = con.execute(
        "SELECT round(min(q), 3), round(quantile_cont(q, 0.1), 3), "
        "round(median(q), 3), round(quantile_cont(q, 0.9), 3), "
        "round(max(q), 3) FROM (SELECT quality_score::DOUBLE AS q FROM documents "
        "WHERE dataset = ? AND version = ?)",
        key,
    ).fetchall()
    rejects = con.execute(
        "SELECT stage, reason, count(*) AS n FROM rejects WHERE dataset = ? AND version = ? "
        "GROUP BY ALL ORDER BY n DESC, stage, reason",
        key,
    ).fetchall()
    n_replaced, n_removed = len(set(req.replaces)), len(set(req.removes))
    replaced = (
        f"; {n_replaced} of the previous version's superseded because their source changed"
        if n_replaced
        else ""
    )
    if n_removed:
        replaced += f"; {n_removed} of the previous version's removed because their source is gone"
    license_id = (req.license or "unknown").lower()
    meta = {
        "pretty_name": req.name,
        "license": license_id if license_id in _HF_LICENSES else "other",
        "language": [lang for lang, _, _ in languages if lang not in ("unknown", "und")],
        "size_categories": [_size_category(num_documents)],
        "task_categories": ["text-generation"],
        "tags": sorted({"hqdata", *([req.domain] if req.domain else [])}),
        "configs": [
            {"config_name": "default", "data_files": [{"split": "train", "path": "data/train-*"}]}
        ],
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    parts = [
        f"---\n{front}---\n",
        f"# {req.name} {req.version}\n",
        (req.description.strip() + "\n") if req.description else "",
        f"- Documents: {num_documents} ({num_added} added in this version{replaced})",
        f"- Previous version: {req.previous_version or 'none'}",
        f"- Published: {created_at.isoformat(timespec='seconds')}",
        f"- Licence: {req.license or 'unknown'}",
        f"- Built by hqdata {req.code_version}; the recipe is in `manifest.json`.\n",
        "## Languages\n",
        _table(["language", "documents", "characters"], languages),
        "\n## Scripts\n",
        _table(["script", "documents", "characters"], grouped("script")),
        "\n## Domains\n",
        _table(["domain", "documents", "characters"], grouped("domain")),
        "\n## Sources\n",
        _table(["source", "documents", "characters"], grouped("source")),
        "\n## Quality score\n",
        _table(["min", "p10", "median", "p90", "max"], quality),
        "\n## Rejected in this version\n",
        _table(["stage", "reason", "records"], rejects) if rejects else "None.",
        "\n## Loading\n",
        "```python\nimport datasets\n"
        'ds = datasets.load_dataset("parquet", data_dir="<this directory>", split="train")\n'
        "```\n",
        "Every file's sha256 is in `manifest.json`; `hqdata pull` verifies them.\n",
    ]
    return "\n".join(p for p in parts if p != "")
