"""The language, quality and PII figures hold on real text (see tests/real_text_eval.py).

The text comes from Debian packages (gettext catalogs, manual pages, the Debian Reference),
which ``.ci/run`` installs. Elsewhere, without them, these tests skip and say
what to install; in CI (``CI`` set) a missing package is a failure.
"""

from __future__ import annotations

import os

import pytest

from tests import real_text_eval
from tests.real_text import missing_sources

MISSING = missing_sources()
if MISSING and not os.environ.get("CI"):
    pytest.skip(
        "real text not installed (apt-get install " + " ".join(MISSING) + ")",
        allow_module_level=True,
    )


def test_the_real_text_is_installed() -> None:
    assert not MISSING, f"install with apt-get: {' '.join(MISSING)}"


def test_language_on_real_text() -> None:
    report = real_text_eval.evaluate_language()
    per_class = report["per_class"]
    for cls in ("zh-Hans", "zh-Hant", "zh-tech", "zh-tech-Hant", "ja", "ko"):
        row = per_class[f"{cls} 50+"]
        assert row["language"] >= 0.995, (cls, row)
    for cls in ("zh-Hans", "zh-Hant", "zh-tech"):
        assert per_class[f"{cls} 50+"]["language_and_script"] >= 0.99, cls
    # translators' messages in alphabets are harder: measured 0.9948 and 0.953 (README)
    assert report["promised_long"]["language"] >= 0.994, report["promised_long"]
    assert report["promised_short"]["language"] >= 0.945, report["promised_short"]


def test_language_on_manual_pages_and_reference_editions() -> None:
    report = real_text_eval.evaluate_language(real_text_eval.unseen_samples())
    assert report["promised_long"]["language"] >= 0.995, report["promised_long"]  # 0.9974
    assert report["promised_long"]["n"] >= 2500
    for name, row in report["per_class"].items():
        assert row["language"] >= 0.98, (name, row)


def test_quality_separation_on_real_text() -> None:
    report = real_text_eval.evaluate_quality()
    assert report["auc"] >= 0.97
    assert report["clean_keep_rate"] >= 0.9
    for kind, rate in report["flagged"].items():
        assert rate >= 0.9, (kind, rate)


def test_pii_in_real_sentences() -> None:
    report = real_text_eval.evaluate_pii()
    assert report["overall"]["f1"] >= 0.98
    assert report["lookalike_fp_rate"] < 0.01
    # what the untouched text holds is real: loopback and example addresses, maintainers'
    # emails; no identity, card or phone numbers
    found = report["untouched_reference"]["found"]
    assert set(found) <= {"ipv4", "ipv6", "email"}, found
