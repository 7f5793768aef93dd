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


def chinese_document(rng: random.Random, sentences: int = 12) -> str:
    parts = []
    for _ in range(sentences):
        n = rng.randint(10, 999)
        parts.append(
            f"{rng.choice(SUBJECTS)}在第{n}次会议上{rng.choice(VERBS)}{rng.choice(OBJECTS)}"
            f"{rng.choice(TAILS)}"
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
