"""Vertical-domain tagging: the keyword lexicons, the trained classifier and their evaluation.

The F1 figures below are measured on the generated set of ``tests/domain_eval.py`` (templates
and vocabulary written for it, test split with held-out words and templates): they show the
taggers work end to end, not how they do on real corpora. The hand-written sentences are the
closer check of real text.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from connectors.errors import HqdataError
from quality.domains import (
    DOMAIN_INFO,
    DOMAINS,
    SECTIONS,
    VERTICALS,
    DomainClassifier,
    Lexicon,
    LexiconError,
    LexiconTagger,
    ModelError,
    default_lexicon,
    evaluate,
    lexicon_sizes,
    read_labelled_jsonl,
    tag_domains,
    tag_sections,
    train_from_files,
)
from quality.domains.classifier import FORMAT_VERSION
from quality.domains.lexicon import parse_lexicon
from tests.domain_eval import PAIRS, EvalSplit, LabelledDoc, make_documents, make_eval_set

# Written for these tests: everyday news-style sentences, not drawn from the generator.
EXAMPLES: dict[str, list[str]] = {
    "medical": [
        "今年入冬以来，儿科门诊每天接诊发热患儿三百多人次，医院临时增开了夜间门诊。",
        "老人术后第三天就能下床活动，主治医生说这得益于微创手术创口小、出血少。",
        "社区卫生服务中心为辖区65岁以上老人免费体检，并为高血压、糖尿病患者建立健康档案。",
    ],
    "legal": [
        "法院审理后认为，被告未按约定归还借款，应承担违约责任，遂判决其偿还本金及利息。",
        "因不服一审判决，上诉人向中级人民法院提起上诉，请求撤销原判、发回重审。",
        "律师提醒，劳动者遭遇欠薪可以先申请劳动仲裁，仲裁不服再向法院起诉。",
    ],
    "finance": [
        "受降息预期影响，银行股午后走强，沪指收涨0.8%，两市成交额超过九千亿元。",
        "这家城商行一季度不良贷款率降至1.2%，净利润同比增长6%，拨备覆盖率保持在200%以上。",
        "多只债券基金净值回撤，部分投资者赎回理财产品，转投大额存单。",
    ],
    "education": [
        "新学期开始，学校把课后服务延长到下午六点，家长不用再急着提前下班接孩子。",
        "今年高考报名人数再创新高，各地教育考试院提醒考生核对准考证信息。",
        "这所职业技术学院与本地企业合办订单班，学生毕业即可上岗。",
    ],
    "science": [
        "研究团队在国际期刊发表论文，首次在实验中观测到这种量子态的相变。",
        "科学家利用射电望远镜捕捉到一颗脉冲星的异常信号，相关数据已向同行公开。",
        "课题组通过基因测序比对了上千个样本，发现该蛋白质在细胞分裂中起关键作用。",
    ],
    "industry": [
        "工厂新上了一条自动化生产线，车间工人从八十人减少到三十人，产能却翻了一番。",
        "上半年全省规模以上工业增加值增长6.5%，装备制造业和高技术制造业增速领先。",
        "受原材料涨价影响，这家家电企业的零部件采购成本上升，部分订单被迫推迟交付。",
    ],
    "energy": [
        "迎峰度夏期间，电网最高负荷创新高，多地启动需求响应，引导工业用户错峰用电。",
        "这座海上风电场全部机组并网发电后，每年可提供清洁电力约十亿千瓦时。",
        "今年冬季天然气供应偏紧，城市燃气公司提前增加了储气量，确保居民供暖。",
    ],
    "transport": [
        "春运首日，火车站发送旅客十二万人次，铁路部门加开了多趟夜间高铁。",
        "地铁五号线延伸段开通后，从城东到机场只需四十分钟，沿线公交线路同步调整。",
        "台风过境，港口暂停集装箱装卸作业，多条航线的货轮在锚地等待进港。",
    ],
    "agriculture": [
        "眼下正是小麦收割的关键期，合作社的收割机在田里连轴转，农民忙着晾晒新麦。",
        "今年生猪出栏量增加，猪价持续低迷，不少养殖户开始调减能繁母猪存栏。",
        "农技站的技术员下乡指导果农修剪果树、防治病虫害，帮助提高苹果品质。",
    ],
    "government": [
        "市政府常务会议审议通过了优化营商环境实施方案，要求各部门在年底前完成任务清单。",
        "国务院办公厅印发通知，部署进一步规范涉企行政检查，减轻企业负担。",
        "县委书记带队督查乡镇基层治理工作，对落实不力的单位进行了通报。",
    ],
    "technology": [
        "这家公司发布了新一代大模型，开发者可以通过云平台调用接口，推理成本下降一半。",
        "安全研究人员发现该操作系统存在高危漏洞，厂商已紧急推送补丁。",
        "运营商在县城新建了一批5G基站，宽带网络实现了村村通光纤。",
    ],
}

# The three hard cases of the brief, hand-written: each is about two domains.
MULTI_LABEL = [
    (
        "康华医疗集团发布年报：全年营收增长18%，旗下12家眼科医院门诊量创新高，"
        "但受集采影响药品毛利率下滑，股价应声下跌。",
        {"finance", "medical"},
    ),
    (
        "国家发展改革委、国家能源局印发通知，要求各地加快新型储能项目并网，"
        "并将新能源消纳纳入地方政府考核。",
        {"energy", "government"},
    ),
    (
        "法院审理查明，被告驾驶货车在高速公路上追尾前车，致一人受伤，交警认定其负事故全部"
        "责任，判决保险公司在交强险限额内赔偿。",
        {"legal", "transport"},
    ),
]

HAND_WRITTEN = [(text, domain) for domain, texts in EXAMPLES.items() for text in texts]


@pytest.fixture(scope="module")
def split() -> EvalSplit:
    return make_eval_set()


@pytest.fixture(scope="module")
def trained(split: EvalSplit) -> DomainClassifier:
    return DomainClassifier().fit([d.text for d in split.train], [d.labels for d in split.train])


def _texts(docs: list[LabelledDoc]) -> list[str]:
    return [d.text for d in docs]


def _labels(docs: list[LabelledDoc]) -> list[tuple[str, ...]]:
    return [d.labels for d in docs]


# -- metadata ------------------------------------------------------------------------------------


def test_domains_map_every_vertical_to_gbt4754_sections() -> None:
    assert set(SECTIONS) == set("ABCDEFGHIJKLMNOPQRST")
    expected = {
        "medical": ("Q",),
        "legal": ("S",),
        "finance": ("J",),
        "education": ("P",),
        "science": ("M",),
        "industry": ("C",),
        "energy": ("D", "B"),
        "transport": ("G",),
        "agriculture": ("A",),
        "government": ("S",),
        "technology": ("I",),
    }
    assert dict(DOMAINS) == expected
    assert tuple(expected) == VERTICALS
    assert "Not a GB/T 4754 section" in DOMAIN_INFO["legal"].note


def test_lexicon_sizes_and_terms() -> None:
    sizes = lexicon_sizes()
    for name in VERTICALS:
        assert 80 <= sizes[name] <= 200, (name, sizes[name])
    lexicon = default_lexicon()
    assert all(len(p) >= 2 for p in lexicon.patterns)
    # Every vertical has some English for mixed text.
    for name in VERTICALS:
        column = lexicon.verticals.index(name)
        english = [
            p
            for i, p in enumerate(lexicon.patterns)
            if p.isascii() and lexicon._vertical_w[i, column] > 0
        ]
        assert len(english) >= 5, name
    # Section-only lexicons cover the sections no vertical maps to.
    covered = {s for row in lexicon._section_w for s, w in zip(SECTIONS, row, strict=True) if w}
    assert covered == set(SECTIONS)


# -- lexicon tagger ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "domain"), HAND_WRITTEN)
def test_lexicon_tags_hand_written_sentences(text: str, domain: str) -> None:
    tags = tag_domains(text)
    assert tags, text
    assert tags[0][0] == domain, (text, tags)
    assert 0.2 <= tags[0][1] <= 1.0


@pytest.mark.parametrize(("text", "expected"), MULTI_LABEL)
def test_lexicon_is_multi_label(text: str, expected: set[str]) -> None:
    tags = tag_domains(text)
    assert {name for name, _ in tags} == expected, tags


def test_passing_mention_does_not_add_a_label() -> None:
    text = (
        "原告与被告借款合同纠纷一案，本院依法组成合议庭公开开庭审理。被告辩称其已归还部分借款，"
        "但未能提交证据。庭审当天，被告因身体不适先到附近医院就诊，下午到庭参加诉讼。"
    )
    assert [name for name, _ in tag_domains(text)] == ["legal"]


def test_english_and_mixed_text() -> None:
    assert tag_domains("Hospitals reported more patients after the vaccine trial.")[0][0] == (
        "medical"
    )
    mixed = "The central bank cut interest rates again，银行股应声上涨，bond yields fell."
    assert tag_domains(mixed)[0][0] == "finance"
    ai = "医院引入AI辅助诊断系统，用deep learning模型筛查肺结节，患者等待时间缩短了一半。"
    assert {name for name, _ in tag_domains(ai)} == {"medical", "technology"}
    # English terms only match whole words, and acronyms keep their case.
    assert tag_domains("The embankment by the riverbank was stable.") == []
    assert default_lexicon().matched_terms("it said IT budgets grow") == ["IT"]


def test_empty_and_unrelated_text() -> None:
    assert tag_domains("") == []
    assert tag_domains("   \n ") == []
    assert tag_domains("今天天气不错，我们去公园散步吧。") == []
    assert tag_sections("") == []
    assert tag_domains("医生说", top_k=3) == []  # one weak term is not enough evidence
    assert tag_domains(EXAMPLES["medical"][0], top_k=0) == []


def test_tagging_is_deterministic_and_bounded() -> None:
    text = MULTI_LABEL[0][0] * 3
    first = tag_domains(text, top_k=5, min_score=0.0)
    assert first == tag_domains(text, top_k=5, min_score=0.0)
    assert [s for _, s in first] == sorted((s for _, s in first), reverse=True)
    assert all(0.0 <= s <= 1.0 for _, s in first)
    assert len(tag_domains(text, top_k=1)) == 1


def test_sections() -> None:
    assert tag_sections(EXAMPLES["energy"][1])[0][0] == "D"
    assert tag_sections(EXAMPLES["technology"][0])[0][0] == "I"
    coal = "煤矿企业加快释放先进产能，原煤产量同比增长，井下采煤工作面实现智能化。"
    assert tag_sections(coal)[0][0] == "B"
    build = "项目部组织施工单位开展脚手架安全检查，混凝土浇筑前必须通过监理验收。"
    assert tag_sections(build)[0][0] == "E"
    housing = "物业公司与业主就小区停车费发生纠纷，房价下跌后不少购房者要求退房。"
    assert tag_sections(housing)[0][0] == "K"
    assert tag_domains(housing) == []  # real estate is a section, not a vertical
    law_firm = "这家律师事务所的律师为企业提供法律顾问服务，并代理了多起知识产权诉讼。"
    assert {letter for letter, _ in tag_sections(law_firm)} >= {"L", "S"}


def test_lexicon_file_errors_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="line=3"):
        parse_lexicon("@section Q\n2 医院\nabc 护士\n", "medical", origin="medical.txt")
    with pytest.raises(LexiconError, match="at least two characters"):
        parse_lexicon("@section Q\n2 医\n", "medical")
    with pytest.raises(LexiconError, match="before any '@section'"):
        parse_lexicon("2 医院\n", "medical")
    with pytest.raises(LexiconError, match="GB/T 4754 letter"):
        parse_lexicon("@section Z\n", "medical")
    (tmp_path / "medical.txt").write_text("@section Q\n2 医院\n3 门诊量\n", "utf-8")
    with pytest.raises(LexiconError, match="no lexicon terms for vertical"):
        Lexicon.from_directory(tmp_path)


def test_custom_lexicon() -> None:
    terms = parse_lexicon("@section Q\n3 门诊量\n2 医院\n", "medical")
    terms += parse_lexicon("@section J\n3 净利润\n2 营收\n", "finance")
    lexicon = Lexicon(terms, verticals=("medical", "finance"))
    tagger = LexiconTagger(lexicon, top_k=2)
    assert tagger.labels == ("medical", "finance")
    [tags] = tagger.predict(["这家医院门诊量上升，营收和净利润都在增长。"])
    assert {name for name, _ in tags} == {"medical", "finance"}


# -- evaluation on the generated set -------------------------------------------------------------


def test_generated_set_shape(split: EvalSplit) -> None:
    docs = split.train + split.test
    for name in VERTICALS:
        assert sum(name in d.labels for d in docs) >= 100, name
    assert all(190 <= len(d.text) <= 700 for d in docs)
    pairs = {d.labels for d in docs if len(d.labels) == 2}
    for hard in [("finance", "medical"), ("energy", "government"), ("legal", "transport")]:
        assert hard in pairs
    assert pairs == {tuple(sorted(p)) for p in PAIRS}
    # Deterministic: the same seed gives the same documents.
    assert make_documents(seed=3, per_domain=2, per_pair=1) == make_documents(
        seed=3, per_domain=2, per_pair=1
    )


def test_lexicon_micro_f1_on_generated_test_split(
    split: EvalSplit, record_property: pytest.RecordProperty
) -> None:
    report = evaluate(LexiconTagger(), _texts(split.test), _labels(split.test))
    record_property("lexicon_micro_f1", report["micro_f1"])
    print(f"\nlexicon on generated test split: micro-F1 {report['micro_f1']:.3f}")
    assert report["micro_f1"] >= 0.8, report


def test_classifier_f1_on_generated_test_split(
    split: EvalSplit, trained: DomainClassifier, record_property: pytest.RecordProperty
) -> None:
    report = evaluate(trained, _texts(split.test), _labels(split.test))
    record_property("classifier_micro_f1", report["micro_f1"])
    record_property("classifier_macro_f1", report["macro_f1"])
    print(
        f"\nclassifier on generated test split: micro-F1 {report['micro_f1']:.3f}, "
        f"macro-F1 {report['macro_f1']:.3f}"
    )
    assert report["micro_f1"] >= 0.9, report
    assert report["macro_f1"] >= 0.9, report
    assert set(report["per_label"]) == set(VERTICALS)


def test_classifier_ranks_hand_written_sentences(trained: DomainClassifier) -> None:
    # Trained on generated text only, so its probabilities on real short sentences are low;
    # the ranking still has to put the right domain first.
    texts = [t for t, _ in HAND_WRITTEN]
    top = trained.predict(texts, threshold=0.0, top_k=1)
    right = sum(row[0][0] == domain for row, (_, domain) in zip(top, HAND_WRITTEN, strict=True))
    assert right / len(texts) >= 0.9, right


def test_evaluate_counts() -> None:
    class Fixed:
        def predict(self, texts: list[str]) -> list[list[tuple[str, float]]]:
            return [[("a", 0.9)], [("a", 0.8), ("b", 0.6)], []]

    report = evaluate(Fixed(), ["x", "y", "z"], [["a"], ["b"], ["b"]])
    assert report["per_label"]["a"] == {"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "support": 1}
    assert report["per_label"]["b"]["recall"] == 0.5
    assert report["micro_precision"] == pytest.approx(2 / 3)
    assert report["micro_recall"] == pytest.approx(2 / 3)
    assert report["macro_f1"] == pytest.approx((2 / 3 + 2 / 3) / 2)
    assert report["exact_match"] == pytest.approx(1 / 3)
    with pytest.raises(ValueError):
        evaluate(Fixed(), ["x"], [["a"], ["b"]])


# -- classifier: persistence and errors ----------------------------------------------------------


def test_save_load_round_trip(trained: DomainClassifier, split: EvalSplit, tmp_path: Path) -> None:
    texts = _texts(split.test[:60]) + [t for t, _ in HAND_WRITTEN] + ["", "hello"]
    model_dir = trained.save(tmp_path / "model")
    assert sorted(p.name for p in model_dir.iterdir()) == ["arrays.npz", "model.json"]
    meta = json.loads((model_dir / "model.json").read_text("utf-8"))
    assert meta["format_version"] == FORMAT_VERSION
    assert meta["labels"] == sorted(VERTICALS)
    loaded = DomainClassifier.load(model_dir)
    assert loaded.labels == trained.labels
    assert np.array_equal(loaded.predict_proba(texts), trained.predict_proba(texts))
    assert loaded.predict(texts) == trained.predict(texts)
    # Saving again over the same directory is allowed and gives the same model.
    loaded.save(model_dir)
    assert DomainClassifier.load(model_dir).predict(texts) == trained.predict(texts)


def test_wrong_format_version_is_a_clear_error(trained: DomainClassifier, tmp_path: Path) -> None:
    model_dir = trained.save(tmp_path / "model")
    meta_path = model_dir / "model.json"
    meta = json.loads(meta_path.read_text("utf-8"))
    meta["format_version"] = FORMAT_VERSION + 1
    meta_path.write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ModelError, match=r"unsupported model format version 2") as info:
        DomainClassifier.load(model_dir)
    assert isinstance(info.value, HqdataError)
    assert str(meta_path) in str(info.value)


def test_bad_model_directories(trained: DomainClassifier, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"no model\.json"):
        DomainClassifier.load(tmp_path / "missing")
    model_dir = trained.save(tmp_path / "model")
    (model_dir / "arrays.npz").write_bytes(b"not an npz file")
    with pytest.raises(ModelError, match="unreadable model arrays"):
        DomainClassifier.load(model_dir)
    (model_dir / "model.json").write_text("{not json", "utf-8")
    with pytest.raises(ModelError, match=r"unreadable model\.json"):
        DomainClassifier.load(model_dir)
    (model_dir / "model.json").write_text(json.dumps({"format": "other"}), "utf-8")
    with pytest.raises(ModelError, match=r"is not a hqdata\.domain-classifier"):
        DomainClassifier.load(model_dir)


def test_untrained_and_degenerate_training() -> None:
    with pytest.raises(ModelError, match="not trained"):
        DomainClassifier().predict(["医院"])
    with pytest.raises(ModelError, match="untrained"):
        DomainClassifier().save("/nonexistent/never-written")
    with pytest.raises(ModelError, match="negative examples"):
        DomainClassifier().fit(["医院门诊", "医生护士"], [["medical"], ["medical"]])
    with pytest.raises(ModelError, match="no labels"):
        DomainClassifier().fit(["a", "b"], [[], []])


# -- training from files -------------------------------------------------------------------------


def test_train_from_jsonl_files(split: EvalSplit, tmp_path: Path) -> None:
    docs = split.train[:400]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    with open(first, "w", encoding="utf-8") as fh:
        for d in docs[:200]:  # labels as a list
            fh.write(json.dumps({"text": d.text, "domains": list(d.labels)}, ensure_ascii=False))
            fh.write("\n\n")
    with open(second, "w", encoding="utf-8") as fh:
        for d in docs[200:]:  # labels as a comma string, full-width comma too
            fh.write(json.dumps({"body": d.text, "tags": "，".join(d.labels)}, ensure_ascii=False))
            fh.write("\n")
    texts, labels = read_labelled_jsonl(second, text_field="body", label_field="tags")
    assert texts == _texts(docs[200:])
    assert labels == [list(d.labels) for d in docs[200:]]
    texts, labels = read_labelled_jsonl(first)
    assert labels == [list(d.labels) for d in docs[:200]]

    clf = train_from_files([first], n_features=2**18)
    assert clf.n_train_docs == 200
    report = evaluate(clf, _texts(split.test), _labels(split.test))
    assert report["micro_f1"] >= 0.8, report


def test_training_file_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "医院", "domains": ["medical"]}\n{oops\n', "utf-8")
    with pytest.raises(ModelError, match=r"line=2"):
        read_labelled_jsonl(bad)
    bad.write_text('{"text": "医院", "domains": 3}\n', "utf-8")
    with pytest.raises(ModelError, match="list of strings"):
        read_labelled_jsonl(bad)
    bad.write_text('{"text": 5}\n', "utf-8")
    with pytest.raises(ModelError, match="must be a string"):
        read_labelled_jsonl(bad)
    with pytest.raises(ModelError, match="cannot read"):
        read_labelled_jsonl(tmp_path / "missing.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"text": "  ", "domains": "medical"}\n', "utf-8")
    with pytest.raises(ModelError, match="no training records"):
        train_from_files([empty])
