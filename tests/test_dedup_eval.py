"""Near-duplicate pairs against brute-force exact Jaccard on realistically edited copies."""

from __future__ import annotations

from tests import dedup_eval


def test_precision_and_recall_at_0_8_against_brute_force() -> None:
    report = dedup_eval.evaluate(seed=0, threshold=0.8)
    assert report["true_pairs"] > 1500 and report["copies"] > 1000
    assert report["precision"] >= 0.97, report
    assert report["recall"] >= 0.97, report
    # every kind of edit is found, script conversion and punctuation width included
    for kind, recall in report["recall_by_edit"].items():
        assert recall >= 0.95, (kind, recall)


def test_brute_force_finds_what_it_should() -> None:
    same = "甲乙丙丁戊己庚辛壬癸"
    keys = [same, same, "甲乙丙丁戊己庚辛壬子", "完全不同的一段文字内容"]
    pairs = dedup_eval.brute_force_pairs(keys, 0.5)
    assert pairs[(0, 1)] == 1.0
    assert abs(pairs[(0, 2)] - 5 / 7) < 1e-9  # 6 shingles each, 5 shared
    assert (0, 3) not in pairs and (2, 3) not in pairs


def test_exact_verification_links_exactly_the_true_pairs() -> None:
    report = dedup_eval.evaluate(seed=1, threshold=0.8, per_register=100, verify="exact")
    assert report["true_pairs"] > 500
    assert report["precision"] == 1.0, report
    assert report["recall"] >= 0.99, report
