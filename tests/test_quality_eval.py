"""The promise on quality separation, checked on the generated set of tests/quality_eval.py.

Clean documents must outscore defective ones (ROC AUC >= 0.97), every defect kind must be
rejected at least 90% of the time, and at least 95% of clean documents must be kept, all
with clean_text followed by assess under the default (web) thresholds.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.quality_eval import (
    DEFECT_KINDS,
    MAX_CLEAN_CHARS,
    MIN_CLEAN_CHARS,
    evaluate,
    make_eval_set,
)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return evaluate()


def _misses(report: dict[str, Any], kind: str) -> str:
    return "\n".join(str(row) for row in report["misses"].get(kind, []))


def test_eval_set_has_the_promised_shape() -> None:
    docs = make_eval_set()
    assert docs == make_eval_set()  # seeded: the same set every run
    clean = [text for text, kind in docs if kind == "clean"]
    assert len(clean) >= 600
    assert all(MIN_CLEAN_CHARS <= len(text) <= MAX_CLEAN_CHARS for text in clean)
    assert len(set(clean)) == len(clean)
    for kind in DEFECT_KINDS:
        assert sum(k == kind for _, k in docs) >= 80, kind
    assert all(len(text) < 50 for text, kind in docs if kind == "too_short")


def test_score_separates_clean_from_defective(report: dict[str, Any]) -> None:
    assert report["auc"] >= 0.97


@pytest.mark.parametrize("kind", DEFECT_KINDS)
def test_every_defect_kind_is_flagged(report: dict[str, Any], kind: str) -> None:
    assert report["flagged"][kind] >= 0.90, _misses(report, kind)


def test_clean_documents_are_kept(report: dict[str, Any]) -> None:
    rejected = "\n".join(str(row) for row in report["false_rejections"])
    assert report["clean_keep_rate"] >= 0.95, f"{report['clean_rules']}\n{rejected}"
