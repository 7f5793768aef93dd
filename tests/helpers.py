"""Shared helpers for tests that build small corpora and run recipes."""

from __future__ import annotations

import json
import random
from pathlib import Path

import yaml

# Short, varied Chinese clauses written for the tests; documents are built by sampling them so
# that unrelated documents share few character 5-grams.
SUBJECTS = [
    "本院",
    "该企业",
    "研究团队",
    "市卫生健康委",
    "项目组",
    "监管部门",
    "合作社",
    "检测中心",
    "董事会",
    "课题组",
    "地方政府",
    "医疗机构",
    "供电公司",
    "运输企业",
    "实验室",
    "学校",
]
VERBS = [
    "组织开展了",
    "系统评估了",
    "逐步完善了",
    "重点推进了",
    "认真研究了",
    "全面梳理了",
    "统筹部署了",
    "持续优化了",
    "深入分析了",
    "稳步实施了",
    "明确规范了",
    "及时公开了",
]
OBJECTS = [
    "慢性病随访管理流程",
    "合同纠纷调解机制",
    "季度经营数据",
    "设备运行维护方案",
    "农田灌溉用水计划",
    "课程教学质量评价",
    "输电线路巡检记录",
    "城市公交线网调整",
    "药品不良反应监测",
    "知识产权保护措施",
    "企业债券发行安排",
    "安全生产责任清单",
    "疫苗冷链运输标准",
    "土壤墒情监测数据",
    "新能源装机容量",
    "高校科研成果转化",
]
TAILS = [
    "，相关结果已向社会公布。",
    "，为下一步工作提供了依据。",
    "，并在年底前完成验收。",
    "，有关情况将适时通报。",
    "，取得了阶段性进展。",
    "，群众反映良好。",
    "，具体数据详见附表。",
    "，整改措施已经落实到位。",
]


PATTERNS = [
    "{s}{v}{o}{t}",
    "据了解，{s}于{n}年{v}{o}{t}",
    "截至{m}月底，{s}已{v}{o}{t}",
    "{s}表示，将结合第{n}号通知要求{v}{o}{t}",
    "在有关方面支持下，{s}{v}{o}{t}",
    "按照年度计划，{s}共{v}{n}项{o}{t}",
    "为落实上级部署，{s}在{m}个片区{v}{o}{t}",
    "记者从{s}获悉，该单位{v}{o}{t}",
]


def chinese_document(rng: random.Random, sentences: int = 8) -> str:
    """Sentences whose fixed phrases are each used at most once, as in real prose."""
    patterns = rng.sample(PATTERNS, k=min(sentences, len(PATTERNS)))
    tails = rng.sample(TAILS, k=sentences)
    parts = []
    for i in range(sentences):
        parts.append(
            patterns[i % len(patterns)].format(
                s=rng.choice(SUBJECTS),
                v=rng.choice(VERBS),
                o=rng.choice(OBJECTS),
                t=tails[i],
                n=rng.randint(10, 2024),
                m=rng.randint(1, 12),
            )
        )
    return "".join(parts)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def write_recipe(path: Path, name: str, sources: list[dict], **extra: object) -> Path:
    recipe = {"name": name, "license": "CC-BY-4.0", "sources": sources, **extra}
    path.write_text(yaml.safe_dump(recipe, allow_unicode=True, sort_keys=False), "utf-8")
    return path
