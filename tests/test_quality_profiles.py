"""Profiles keep good domain text that web-prose rules would reject, and nothing more."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.recipe import load_recipe
from quality import QualityConfig, assess
from quality.profiles import PROFILES, apply_profile, quality_profile

# A statute with its table of contents and an enumerated list: short lines, few endings.
STATUTE = """城市供水管理办法
目录
第一章 总则
第二章 供水设施建设
第三章 供水设施管理
第四章 水质管理
第五章 法律责任
第六章 附则
第一章 总则
第一条 为了规范城市供水管理，保障供水安全，制定本办法。
第二条 本办法所称城市供水设施包括：
（一）取水设施
（二）净水设施
（三）输配水管网
（四）加压泵站
（五）计量设施
第三条 市供水主管部门负责全市城市供水设施的监督管理。
"""

# A financial statement excerpt: label lines and a table of figures.
STATEMENT = """主要会计数据
项目 2024年 2023年 增减
营业收入 1,254,367.81 1,103,256.40 13.70%
归母净利润 86,512.33 79,004.18 9.50%
经营现金流 120,774.05 98,365.91 22.78%
总资产 3,456,210.66 3,102,775.34 11.39%
基本每股收益 0.87 0.79 10.13%
加权平均净资产收益率 8.21% 7.95% 0.26个百分点
本报告期内，公司营业收入稳步增长，主要得益于新产品线放量及海外订单增加。
"""

# Spam stays spam under every profile.
SPAM = "加微信领取免费资料，稳赚不赔，日赚三千。\n" * 12


def test_profiles_rescue_domain_text_that_defaults_reject() -> None:
    assert not assess(STATUTE).keep
    assert assess(STATUTE, quality_profile("legal")).keep
    assert not assess(STATEMENT).keep
    assert assess(STATEMENT, quality_profile("finance")).keep


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_no_profile_lets_spam_through(profile: str) -> None:
    assert not assess(SPAM, quality_profile(profile)).keep


def test_explicit_settings_win_over_the_profile() -> None:
    config = QualityConfig(max_digit_ratio=0.2)
    merged = apply_profile("finance", config)
    assert merged.max_digit_ratio == 0.2
    assert merged.max_symbol_ratio == PROFILES["finance"]["max_symbol_ratio"]
    with pytest.raises(ValueError, match="unknown quality profile"):
        quality_profile("astrology")


def test_recipes_choose_profiles_per_recipe_and_per_source(tmp_path: Path) -> None:
    path = tmp_path / "recipe.yaml"
    path.write_text(
        "name: mixed-zh\n"
        "sources:\n"
        "  - {name: laws, path: a, quality_profile: legal}\n"
        "  - {name: reports, path: b}\n"
        "quality:\n"
        "  profile: finance\n"
        "  max_digit_ratio: 0.6\n",
        encoding="utf-8",
    )
    recipe = load_recipe(path)
    laws, reports = recipe.quality_for("laws"), recipe.quality_for("reports")
    assert laws.max_bullet_line_frac == 1.0 and laws.max_digit_ratio == 0.6
    assert reports.max_symbol_ratio == 0.2 and reports.max_digit_ratio == 0.6
    assert recipe.sources[0].options() == {"path": "a"}
    path.write_text(
        "name: x\nsources:\n  - {name: s, path: a}\nquality:\n  profile: astrology\n",
        encoding="utf-8",
    )
    with pytest.raises(Exception, match="unknown quality profile") as info:
        load_recipe(path)
    assert info.value.context["line"] == 5


def test_assess_takes_a_profile_by_name() -> None:
    assert assess(STATUTE, profile="legal").keep
    assert not assess(STATUTE, QualityConfig(max_short_line_frac=0.5), profile="legal").keep
