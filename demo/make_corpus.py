"""Generate the hqdata demo corpus: fictional, deterministic, with planted defects.

``python demo/make_corpus.py`` rewrites ``demo/corpus/`` (initial batch), ``demo/corpus-update/``
(new files for an incremental re-run) and ``demo/expected.json`` (planted counts and a per-document
manifest). Every sentence is assembled from templates written for this demo; people, places,
companies, institutions and figures are invented. Only the standard library and reportlab are
used, and a fixed seed makes every run byte-identical (PDFs use reportlab's invariant mode).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

SEED = 20250117
HERE = Path(__file__).resolve().parent
BATCHES = ("corpus", "corpus-update")
DOMAINS = ("medical", "legal", "finance", "industry", "mixed")
URL_ROOT = "https://demo.hqdata.example"

Value = str | Sequence[str] | Callable[[random.Random], str]
Ctx = dict[str, Value]


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass
class Doc:
    """One planted document plus the facts the tests need about it."""

    id: str
    domain: str
    title: str
    text: str
    published: str = ""
    kind: str = "good"  # one of KINDS
    lang: str = "zh"
    script: str = "Hans"  # Hans|Hant|Latn|Jpan|Kore|Zyyy (digits and symbols)
    dup_of: str | None = None
    variant: str | None = None
    license: str = "CC-BY-4.0"
    url: str = ""
    source: str = ""
    encoding: str = "utf-8"
    pages: int | None = None
    pdf: PdfDoc | None = None
    target: str = ""  # record file (JSONL/CSV) or file extension for one-file-per-document
    position: int = 0  # 1-based line (JSONL) or data row (CSV) inside a record file
    orig: Doc | None = field(default=None, repr=False)

    def record(self) -> dict[str, str]:
        """The JSONL/CSV record for this document."""
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "published": self.published,
            "license": self.license,
            "url": self.url,
        }


@dataclass
class PdfDoc:
    """Logical content of an industry report, laid out later by ``write_pdf``."""

    title: str
    byline: str
    header: str
    abstract: str
    sections: list[tuple[str, list[str]]]
    source_line: str
    first_page: int


@dataclass
class Broken:
    """A record that cannot be parsed as a document (quarantine material)."""

    domain: str
    source: str
    kind: str  # broken_json | malformed_csv
    line: int = 0


@dataclass
class Batch:
    """Everything written into one batch folder."""

    name: str
    docs: list[Doc] = field(default_factory=list)
    broken: list[Broken] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Template engine
# --------------------------------------------------------------------------------------------

SLOT = re.compile(r"\{(\w+)\}")


def T(block: str) -> list[str]:
    """Split a template block: one template per line; a line starting with '~' continues."""
    out: list[str] = []
    for raw in block.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("~"):
            out[-1] += line[1:]
        else:
            out.append(line)
    return out


def fill(template: str, ctx: Ctx, rng: random.Random) -> str:
    """Replace every ``{slot}``: strings as is, sequences by a random pick, callables called."""

    def one(match: re.Match[str]) -> str:
        value = ctx[match.group(1)]
        if callable(value):
            return value(rng)
        if isinstance(value, str):
            return value
        return rng.choice(value)

    return SLOT.sub(one, template)


def pick(rng: random.Random, templates: Sequence[str], lo: int, hi: int) -> list[str]:
    """Sample between ``lo`` and ``hi`` distinct templates, keeping a random order."""
    k = min(len(templates), rng.randint(lo, hi))
    return rng.sample(list(templates), k)


def para(rng: random.Random, templates: Sequence[str], ctx: Ctx, lo: int, hi: int) -> str:
    """One paragraph built from a random subset of templates."""
    return "".join(fill(t, ctx, rng) for t in pick(rng, templates, lo, hi))


def fit(paragraphs: list[str], rng: random.Random, lo: int, hi: int, extra: list[str]) -> list[str]:
    """Trim or extend paragraphs so the joined length lands within ``lo``..``hi`` characters."""
    paras = [p for p in paragraphs if p]
    pool = list(extra)
    rng.shuffle(pool)
    while sum(map(len, paras)) < lo and pool:
        i = rng.randrange(len(paras))
        paras[i] += pool.pop()
    while sum(map(len, paras)) > hi:
        i = max(range(len(paras)), key=lambda j: len(paras[j]))
        sentences = split_sentences(paras[i])
        if len(sentences) <= 1:
            paras.pop(i)
            continue
        sentences.pop(rng.randrange(1, len(sentences)))
        paras[i] = "".join(sentences)
    return paras


SENTENCE_END = re.compile(r"(?<=[。！？])")


def split_sentences(text: str) -> list[str]:
    """Split Chinese/Japanese prose after sentence-final punctuation."""
    return [s for s in SENTENCE_END.split(text) if s]


# --------------------------------------------------------------------------------------------
# Random values shared by the domains
# --------------------------------------------------------------------------------------------

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蒋杜叶程"
    "魏苏吕丁沈姚卢姜崔谭陆范汪廖石金贾夏付方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚"
    "邵"
)
GIVEN = (
    "立新文华明军静丽敏伟芳娜英强磊洋勇艳杰娟涛超霞平刚玉兰志建晓东海燕宇航思远嘉怡涵"
    "桐浩然鸣雪梅春晖德淑珍琳颖婷欣慧晨阳凯峰斌"
)
CITIES = ["青禾", "临澜", "云岭", "东陵", "安澜", "北湖",
          "泽川", "嘉屿", "澄阳", "禾丰", "望舒", "清溪"]
DISTRICTS = ["城东", "城西", "江北", "南湖", "高新", "河口", "新港", "平山"]
FIRM_HEAD = ["华岳", "东澜", "青禾", "远帆", "北辰", "恒晟", "嘉衡", "瑞驰", "中澄", "安拓",
             "星衍", "森屿", "博沅", "泰岚", "启曜", "合众", "鼎坤", "联昊", "宁川", "润石",
             "澜舟", "曜石", "沐恩", "衡川", "沛元", "知岸", "峰驰", "云杉", "拓境", "明湾"]
FIRM_TRADE = ["精密", "新材", "生物", "智能", "能源", "电气", "医药", "科技", "环境", "食品",
              "物流", "光电", "重工", "化学", "软件", "装备", "储能", "半导体"]


def cycle(rng: random.Random, items: Sequence[str],
          first: str | None = None) -> Callable[[random.Random], str]:
    """Slot value that walks through a shuffled copy of ``items`` (no immediate repeats)."""
    order = rng.sample(list(items), len(items))
    if first is not None:
        order.remove(first)
        order.insert(0, first)
    state = {"i": 0}

    def nxt(_: random.Random) -> str:
        state["i"] += 1
        return order[(state["i"] - 1) % len(order)]

    return nxt


def person(rng: random.Random) -> str:
    """A fictional Chinese personal name."""
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def firm(rng: random.Random, trade: str | None = None) -> str:
    """A fictional company short name such as 华岳精密."""
    return rng.choice(FIRM_HEAD) + (trade or rng.choice(FIRM_TRADE))


def pct(lo: float, hi: float, nd: int = 1) -> Callable[[random.Random], str]:
    """Slot value: a percentage between lo and hi."""
    return lambda r: f"{r.uniform(lo, hi):.{nd}f}%"


def num(lo: int, hi: int) -> Callable[[random.Random], str]:
    """Slot value: an integer between lo and hi."""
    return lambda r: str(r.randint(lo, hi))


def dec(lo: float, hi: float, nd: int = 2) -> Callable[[random.Random], str]:
    """Slot value: a decimal between lo and hi."""
    return lambda r: f"{r.uniform(lo, hi):.{nd}f}"


def day_in(rng: random.Random, start: date, end: date) -> date:
    """A random day between start and end (inclusive)."""
    return start + timedelta(days=rng.randint(0, (end - start).days))


def zh_date(d: date) -> str:
    """2024年3月5日."""
    return f"{d.year}年{d.month}月{d.day}日"


CN_DIGITS = "零一二三四五六七八九"


def cn_num(n: int) -> str:
    """Chinese numeral for 1..99 (第十二条)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def records(block: str) -> list[dict[str, str]]:
    """Parse blocks of ``key: value`` lines separated by blank lines ('~' continues a value)."""
    out: list[dict[str, str]] = []
    current: dict[str, str] = {}
    last = ""
    for raw in [*block.strip().splitlines(), ""]:
        line = raw.strip()
        if not line:
            if current:
                out.append(current)
            current = {}
            continue
        if line.startswith("~"):
            current[last] += line[1:]
            continue
        key, _, value = line.partition(":")
        last = key.strip()
        current[last] = value.strip()
    return out


# --------------------------------------------------------------------------------------------
# Medical: clinical guideline digests, hospital news and health education (JSONL)
# --------------------------------------------------------------------------------------------

MED_TOPICS = records("""
dis: 2型糖尿病
who: adult
course: chronic
pop: 40岁以上成年人
dept: 内分泌科
sym: 口干、多饮、多尿和不明原因的体重下降
exam: 空腹血糖、口服葡萄糖耐量试验和糖化血红蛋白检测
idx: 糖化血红蛋白
target: 大多数成人控制在7.0%以下，空腹血糖维持在4.4～7.0 mmol/L
follow: 3个月
drug1: 二甲双胍
dose1: 起始剂量通常为每次500 mg、每日1～2次，随餐服用可减轻胃肠道反应
drug2: 阿卡波糖
dose2: 一般每次50 mg、每日3次，与第一口主食一起嚼服
risk: 超重、腹型肥胖和长期久坐
advice: 主食定量、粗细搭配，饭后适当活动，不要一次吃大量甜食
myth: 得了糖尿病就一口米饭都不能吃

dis: 原发性高血压
who: adult
course: chronic
pop: 35岁以上成年人
dept: 心血管内科
sym: 头晕、头胀和后颈部发紧
exam: 诊室血压、家庭血压和24小时动态血压监测
idx: 血压
target: 一般患者低于140/90 mmHg，能耐受者进一步降至130/80 mmHg以下
follow: 1～3个月
drug1: 氨氯地平
dose1: 常用剂量为5 mg、每日1次，必要时可增至10 mg
drug2: 缬沙坦
dose2: 通常每次80 mg、每日1次，用药后应复查血钾和肌酐
risk: 高盐饮食、过量饮酒和长期精神紧张
advice: 每日食盐控制在5 g以内，少吃腌制食品和加工肉类
myth: 没有症状就不用吃降压药

dis: 血脂异常
who: adult
course: chronic
pop: 40岁以上成年人和有早发心血管病家族史者
dept: 心血管内科
sym: 通常没有明显不适，少数人可见眼睑黄色瘤
exam: 空腹血脂四项和颈动脉超声
idx: 低密度脂蛋白胆固醇
target: 一般人群低于3.4 mmol/L，高危人群低于2.6 mmol/L
follow: 3～6个月
drug1: 阿托伐他汀
dose1: 常用剂量为每晚10～20 mg
drug2: 依折麦布
dose2: 每次10 mg、每日1次，可与他汀类药物联合使用
risk: 高脂饮食、吸烟和缺乏运动
advice: 少吃动物内脏、肥肉和油炸食品，烹调时控制用油量
myth: 瘦的人血脂不会高

dis: 痛风和高尿酸血症
who: adult
course: chronic
pop: 中青年男性和绝经后女性
dept: 风湿免疫科
sym: 夜间突发的第一跖趾关节红肿热痛
exam: 血尿酸、关节超声和双能CT
idx: 血尿酸
target: 长期控制在360 μmol/L以下，已有痛风石者低于300 μmol/L
follow: 3个月
drug1: 别嘌醇
dose1: 起始剂量一般为每日100 mg，每2～4周根据血尿酸水平逐步加量
drug2: 非布司他
dose2: 起始剂量为每日20 mg，用药前应评估心血管风险
risk: 高嘌呤饮食、饮酒和大量饮用含糖饮料
advice: 每日饮水2000 mL以上，少喝啤酒和浓肉汤
myth: 不疼了就说明痛风已经好了

dis: 儿童缺铁性贫血
who: child
course: chronic
pop: 6月龄至6岁儿童
dept: 儿科
sym: 面色苍白、容易疲乏、食欲下降和注意力不集中
exam: 血常规和血清铁蛋白
idx: 血红蛋白
target: 6月龄至5岁儿童不低于110 g/L
follow: 1个月
drug1: 口服铁剂
dose1: 按元素铁每日3 mg/kg计算，分2～3次在两餐之间服用
drug2: 维生素C
dose2: 可与铁剂同服以促进吸收，剂量按年龄遵医嘱
risk: 早产、低出生体重和辅食添加不及时
advice: 6月龄起及时添加富含铁的泥糊状辅食，如强化铁米粉和肉泥
myth: 多喝骨头汤就能补铁

dis: 儿童发热
who: child
course: acute
pop: 3岁以下婴幼儿
dept: 儿科
sym: 精神萎靡、拒食和持续高热不退
exam: 血常规、C反应蛋白和尿常规
idx: 体温
target: 腋温达到38.5 ℃以上且伴明显不适时再考虑使用退热药
follow: 24～48小时
drug1: 对乙酰氨基酚
dose1: 每次10～15 mg/kg，两次间隔不少于4小时，24小时内不超过4次
drug2: 布洛芬
dose2: 每次5～10 mg/kg，间隔6～8小时，6月龄以下婴儿不推荐使用
risk: 免疫功能尚未成熟和集体生活中的交叉感染
advice: 发热时让孩子少量多次饮水，衣着适中，不要捂汗
myth: 发烧会把脑子烧坏

dis: 社区获得性肺炎
who: adult
course: acute
pop: 65岁以上老年人和慢性病患者
dept: 呼吸内科
sym: 咳嗽、咳痰、发热和胸痛，部分老人仅表现为精神变差
exam: 胸部X线或CT、血常规和指脉氧监测
idx: 血氧饱和度
target: 静息状态下低于93%时需评估住院治疗
follow: 48～72小时
drug1: 阿莫西林
dose1: 成人通常每次0.5～1 g、每日3次，疗程一般5～7天
drug2: 多西环素
dose2: 可用于青霉素过敏者，首剂200 mg，之后每日100～200 mg
risk: 高龄、吸烟、慢性心肺疾病和长期卧床
advice: 按时接种流感疫苗和肺炎球菌疫苗，注意口腔卫生
myth: 输液比吃药好得快

dis: 慢性肾脏病
who: adult
course: chronic
pop: 糖尿病、高血压患者和60岁以上人群
dept: 肾内科
sym: 夜尿增多、泡沫尿和下肢水肿
exam: 尿常规、尿白蛋白/肌酐比值和血肌酐
idx: 估算肾小球滤过率
target: 低于60 mL/min/1.73 m²持续3个月以上即可诊断，还要关注尿白蛋白/肌酐比值是否超过30 mg/g
follow: 3～6个月
drug1: 血管紧张素受体拮抗剂
dose1: 从小剂量开始，用药后1～2周复查血肌酐和血钾
drug2: 碳酸氢钠
dose2: 血清碳酸氢盐低于22 mmol/L时可考虑口服补充
risk: 糖尿病、高血压和长期滥用止痛药
advice: 低盐优质蛋白饮食，不要自行服用来源不明的草药
myth: 多喝水能把肾冲干净

dis: 低钾血症
who: adult
course: acute
pop: 长期服用利尿剂者和反复呕吐腹泻的患者
dept: 急诊科
sym: 四肢无力、腹胀和心悸
exam: 血电解质、心电图和尿钾测定
idx: 血钾
target: 正常范围为3.5～5.5 mmol/L，低于3.0 mmol/L时需积极处理
follow: 1～3天
drug1: 氯化钾缓释片
dose1: 轻度者通常每次1 g、每日2～3次口服
drug2: 静脉补钾
dose2: 外周静脉浓度一般不超过40 mmol/L，滴速需严格控制
risk: 使用利尿剂、腹泻和进食过少
advice: 适当多吃香蕉、橙子和土豆等含钾丰富的食物
myth: 乏力就是累的，睡一觉就好

dis: 妊娠期糖尿病
who: preg
course: chronic
pop: 孕24～28周的孕妇
dept: 产科
sym: 多数孕妇没有明显不适
exam: 75 g口服葡萄糖耐量试验
idx: 血糖
target: 空腹、服糖后1小时和2小时血糖分别达到或超过5.1、10.0、8.5 mmol/L任一项即可诊断
follow: 1～2周
drug1: 胰岛素
dose1: 剂量个体化，从小剂量开始，根据血糖监测结果调整
drug2: 二甲双胍
dose2: 仅在特定情况下经充分告知后使用，由产科和内分泌科医生共同决定
risk: 孕前超重、高龄妊娠和既往巨大儿分娩史
advice: 少量多餐，每日5～6餐，餐后散步20～30分钟
myth: 怀孕了要一人吃两人补

dis: 骨质疏松症
who: adult
course: chronic
pop: 绝经后女性和65岁以上男性
dept: 骨科
sym: 腰背酸痛、身高变矮和轻微外力下发生骨折
exam: 双能X线吸收测定法骨密度检查
idx: 骨密度T值
target: T值≤-2.5即可诊断，同时建议检测血清25羟维生素D
follow: 6～12个月
drug1: 钙剂
dose1: 成人每日元素钙总摄入量约1000 mg，饮食不足的部分再额外补充
drug2: 维生素D
dose2: 一般每日800～1200 IU，可根据血清水平调整
risk: 高龄、低体重、长期使用糖皮质激素和缺乏日照
advice: 每天保证户外活动和适量日晒，坚持负重运动
myth: 喝骨头汤可以补钙

dis: 甲状腺功能减退症
who: adult
course: chronic
pop: 育龄女性和老年人
dept: 内分泌科
sym: 怕冷、乏力、体重增加和便秘
exam: 促甲状腺激素和游离甲状腺素测定
idx: 促甲状腺激素
target: 多数成人控制在参考范围内，常用参考值约为0.27～4.2 mU/L
follow: 4～6周
drug1: 左甲状腺素钠
dose1: 成人完全替代剂量约为每日1.6～1.8 μg/kg，宜晨起空腹服用
drug2: 碘剂
dose2: 除非明确缺碘，一般不主张额外补充
risk: 自身免疫性甲状腺炎和甲状腺手术史
advice: 服药后半小时再进食，避免与钙片、铁剂同时服用
myth: 甲减吃药会上瘾

dis: 幽门螺杆菌感染
who: adult
course: acute
pop: 有胃癌家族史者和慢性胃炎患者
dept: 消化内科
sym: 上腹不适、反酸和口臭，但不少感染者没有症状
exam: 13C或14C尿素呼气试验
idx: 呼气试验结果
target: 根除治疗结束并停药至少4周后复查
follow: 4～8周
drug1: 含铋剂四联方案
dose1: 疗程一般为14天，需要按时足量服用
drug2: 质子泵抑制剂
dose2: 每日2次，于早晚餐前半小时服用
risk: 共用餐具和不洁饮食
advice: 提倡使用公筷公勺，家庭成员可以一起检测
myth: 幽门螺杆菌阳性就一定会得胃癌

dis: 季节性流感
who: adult
course: acute
pop: 老年人、孕妇、婴幼儿和慢性病患者
dept: 感染科
sym: 突发高热、头痛、肌肉酸痛和明显乏力
exam: 流感病毒抗原或核酸检测
idx: 起病时间
target: 发病48小时内开始抗病毒治疗获益最明显
follow: 1～2天
drug1: 奥司他韦
dose1: 成人每次75 mg、每日2次，疗程5天
drug2: 儿童用奥司他韦
dose2: 按体重给药，体重15 kg及以下者每次30 mg、每日2次
risk: 未接种疫苗和在人群密集场所暴露
advice: 每年秋季接种流感疫苗，勤洗手、戴口罩
myth: 流感就是重感冒，扛一扛就过去了

dis: 慢性阻塞性肺疾病
who: adult
course: chronic
pop: 40岁以上长期吸烟者
dept: 呼吸内科
sym: 慢性咳嗽、咳痰和活动后气短
exam: 肺功能检查
idx: 吸入支气管舒张剂后的FEV1/FVC
target: 低于0.70即可确认存在持续气流受限
follow: 3～6个月
drug1: 长效抗胆碱能药物
dose1: 每日吸入1次，首次使用前应由药师或护士指导吸入方法
drug2: 长效β2受体激动剂
dose2: 可与长效抗胆碱能药物联合使用，剂量按说明书执行
risk: 吸烟、职业粉尘和室内燃料烟雾
advice: 坚持呼吸康复锻炼，如缩唇呼吸和腹式呼吸
myth: 喘的时候才需要用吸入药

dis: 缺血性脑卒中
who: adult
course: chronic
pop: 既往发生过脑梗死或短暂性脑缺血发作的患者
dept: 神经内科
sym: 一侧肢体无力、口角歪斜和言语含糊
exam: 头颅CT或磁共振、颈部血管超声
idx: 低密度脂蛋白胆固醇
target: 一般建议降至1.8 mmol/L以下
follow: 3个月
drug1: 阿司匹林
dose1: 常用剂量为每日100 mg
drug2: 氯吡格雷
dose2: 每日75 mg，适用于不能耐受阿司匹林者
risk: 高血压、房颤、糖尿病和吸烟
advice: 牢记“BE FAST”识别口诀，一旦发作立即拨打急救电话
myth: 每年输两次液能疏通血管

dis: 慢性心力衰竭
who: adult
course: chronic
pop: 有高血压、冠心病或心肌病病史的患者
dept: 心血管内科
sym: 活动后气促、夜间不能平卧和下肢水肿
exam: 心脏超声和N末端B型利钠肽原检测
idx: N末端B型利钠肽原
target: 重点看变化趋势，较基线明显升高往往提示病情加重
follow: 1～3个月
drug1: 沙库巴曲缬沙坦
dose1: 从小剂量起始，每2～4周根据血压和肾功能逐步加量
drug2: 呋塞米
dose2: 常用每次20 mg，根据水肿程度和体重变化调整
risk: 血压控制不佳、感染和擅自停药
advice: 每日早晨排尿后称体重，3天内增加超过2 kg应及时就诊
myth: 心衰患者要多喝水稀释血液

dis: 儿童急性腹泻
who: child
course: acute
pop: 5岁以下儿童
dept: 儿科
sym: 大便次数增多、性状变稀，可伴呕吐和发热
exam: 大便常规和脱水程度评估
idx: 脱水程度
target: 尿量明显减少、哭时无泪或精神萎靡提示中重度脱水
follow: 24～48小时
drug1: 低渗口服补液盐
dose1: 每次稀便后补充约10 mL/kg，少量多次喂服
drug2: 锌制剂
dose2: 6月龄以上儿童每日20 mg，连续10～14天
risk: 不洁饮食和轮状病毒等肠道病毒感染
advice: 继续母乳喂养，饭前便后洗手，餐具定期消毒
myth: 拉肚子要禁食让肠胃休息
""")

MED_INTRO = T("""
{dis}是{dept}门诊中最常见的问题之一，{pop}尤其需要重视早期识别和规范管理。
近日，{org}结合基层实际，对{dis}的诊疗流程进行了梳理，形成了便于社区医生使用的操作要点。
[chronic]不少人在确诊{dis}后容易走两个极端：要么过度紧张，要么完全不当回事，这两种态度都不利于长期控
~制。
{hosp}{dept}{doctor}介绍，今年以来科室接诊的{dis}患者较去年同期增加了{pct}，其中初次就诊者约占三分之
~一。
本文依据现行临床指南和基层实践经验，围绕{dis}的筛查、诊断、治疗和随访作简要说明，供医务人员和患者参
~考。
[chronic]很多人第一次注意到{dis}，是在体检报告上看到一个醒目的箭头。
[chronic]{dis}的管理不是一次就诊就能完成的任务，而是需要医生、患者和家属共同参与的长期过程。
[chronic]每年体检季过后，{dept}门诊总会迎来一批拿着报告前来咨询{dis}的市民。
在{city}市开展的一次社区义诊中，前来咨询{dis}的居民排起了长队，可见公众对这一问题相当关注。
[chronic]对{pop}来说，{dis}往往起病隐匿，等到症状明显时，病程可能已经持续了一段时间。
{org}近期组织专家梳理基层常见问题，{dis}被列为需要重点规范的病种之一。
""")

MED_EPI = T("""
[adult chronic]一项在{city}市开展的抽样调查显示，成年居民对{dis}的知晓率约为{pct}，治疗率和控制率仍
~有较大提升空间。
{risk}是{dis}最主要的可改变危险因素，干预越早，获益越明显。
在{pop}中，同时存在两种以上危险因素的比例明显升高，应列为重点随访对象。
一项覆盖{n}家社区卫生服务中心的调查发现，约{pct}的{dis}患者从未接受过系统的健康教育。
[adult chronic]随着人口老龄化和生活方式改变，{dis}的发病年龄有提前的趋势，三四十岁就被确诊的人并不少
~见。
[chronic]{city}市卫生健康部门去年完成了{big}人次的免费筛查，新发现的{dis}病例中有近四成此前从未就医
~。
[adult]从门诊数据看，{hosp}去年收治的{dis}患者中，合并其他慢性病的比例接近{pct}。
[adult]不同性别和年龄段的患病特点有所不同，妊娠、绝经等生理阶段都可能影响病情变化。
[chronic]城乡之间差异同样明显，农村地区的规范管理率比城市低约{pct}。
值得注意的是，相当一部分{dis}患者是在因其他疾病就诊时才被发现的。
""")

MED_DIAG = T("""
常见表现包括{sym}，但也有相当一部分患者早期没有任何不适，仅在检查时偶然发现。
初诊时建议完善{exam}，同时评估有无靶器官损害和其他合并疾病。
判断病情时主要参考{idx}，一般要求{target}。
[chronic]单次检查结果异常并不能直接下结论，应在不同日期复查，排除应激、药物等因素的干扰。
如果出现{sym}并且持续加重，应及时到{dept}就诊，不要自行购药处理。
对于表现不典型的{pop}，医生需要仔细询问病史，必要时借助{exam}明确诊断。
基层医疗机构不具备相关检查条件时，可通过医联体平台预约上级医院完成{exam}。
[adult]检查前一天应避免剧烈运动和大量饮酒，需要抽血的项目一般要求空腹8小时以上。
既往的检查报告和用药记录对判断病程很有帮助，就诊时最好一并带上。
[chronic]对于{idx}处于临界值附近的人，医生通常会建议{follow}后复查，而不是立即用药。
""")

MED_TREAT = T("""
药物治疗方面，常用{drug1}，{dose1}，具体方案需由医生结合肝肾功能和体重确定。
[chronic]若规范治疗{n}周后{idx}仍不理想，可在医生指导下加用或换用{drug2}，{dose2}。
[chronic]用药期间不要因为指标暂时正常就擅自停药或减量，否则病情容易反复。
使用{drug1}后如出现皮疹、明显乏力或其他不适，应尽快与接诊医生联系。
{drug2}主要用于初始治疗效果不佳或不能耐受{drug1}的情况，{dose2}。
非药物治疗是一切治疗的基础，{advice}。
[adult]对合并多种慢性病的老年患者，处方时要特别留意药物相互作用，尽量精简用药种类。
目前不推荐用所谓的偏方或保健品代替正规治疗，这类产品的疗效和安全性都缺乏证据。
选择药物时，医生会综合考虑疗效、安全性、价格和服用便利性，与患者共同商定方案。
如果漏服一次，一般不需要在下次服药时加倍，按原计划继续即可，具体以说明书和医嘱为准。
[chronic]纳入集中带量采购的品种价格明显下降，长期用药的经济负担随之减轻。
""")

MED_FOLLOW = T("""
[chronic]病情稳定者一般每{follow}复诊一次，复查{idx}并记录在随访表中。
家庭自测数据很有参考价值，建议把每次结果记在本子或手机里，复诊时带给医生看。
[chronic]随访中如发现{idx}波动明显，应先排查漏服药物、饮食变化和作息紊乱等原因。
[chronic]{hosp}自去年起推行签约医生线上随访，目前已覆盖{big}名{dis}患者，按时复诊率提高了{pct}。
[chronic]每年至少做一次全面评估，内容包括{exam}以及心、肾、眼等相关检查。
[chronic]{city}市部分社区卫生服务中心已开通慢病长处方，病情稳定者一次可开具{n}周左右的药量。
随访不只是查指标，医生还会询问饮食、运动、睡眠和情绪等情况，并据此调整建议。
[adult chronic]智能血压计、血糖仪等设备可以把数据自动上传到家庭医生的工作平台，方便及时发现异常。
[chronic]对连续两次未按时复诊的患者，社区医生会通过电话或上门的方式进行提醒。
[acute]症状缓解后仍应按医嘱完成整个疗程，不要自行提前停药。
[acute]如果用药{n}天后症状没有改善甚至加重，应及时复诊重新评估。
[acute]居家观察期间，应记录体温、进食和尿量等情况，复诊时告诉医生。
[acute]多数患者在一至两周内恢复，少数人可能出现并发症，需要提高警惕。
""")

MED_SPECIAL = T("""
孕妇、哺乳期妇女和儿童属于特殊人群，用药选择和控制目标与普通成人不同，应由专科医生制订方案。
[adult chronic]高龄患者的控制目标可以适当放宽，避免为了追求数值达标而增加跌倒等风险。
[adult]合并肾功能不全的患者要按估算肾小球滤过率调整用药，eGFR低于30 mL/min/1.73 m²时尤其需要谨慎。
[adult]对于独居老人，社区可以安排家庭医生或志愿者定期上门，帮助核对药盒和记录结果。
儿童处于生长发育阶段，用药剂量通常需要按体重计算，不能简单按成人剂量减半。
[adult]计划怀孕的女性应提前告知医生，必要时调整为妊娠期相对安全的药物。
[adult]肝功能异常者应避免使用主要经肝脏代谢的药物，或在密切监测下减量使用。
[adult]长期卧床或行动不便的患者，可以申请家庭病床服务，由医护人员定期上门评估。
[child]早产儿和低出生体重儿的情况更为特殊，应在新生儿科或儿科专科随访。
[child]托育机构和幼儿园应做好晨检，发现孩子有异常时及时通知家长。
[child]给孩子用药时应使用药品自带的量具，不要用家里的汤匙估量。
""")

MED_REFER = T("""
[chronic]出现以下情况应及时转诊：病情急剧变化、规范治疗{n}个月仍不达标，或者出现严重药物不良反应。
转诊时请带上近期检查结果和用药清单，方便上级医院医生快速了解病情。
上级医院明确方案后，病情稳定的患者可以转回社区继续管理，形成双向转诊的闭环。
[acute]出现以下情况应立即就医：持续高热不退、精神明显变差、呼吸急促或尿量明显减少。
[child]婴幼儿病情变化快，家长发现异常时宜尽早就诊，不要在家等待观察太久。
基层医生如果对诊断没有把握，可以通过远程会诊平台邀请上级医院专家共同判断。
遇到需要急诊处理的情况，应直接拨打急救电话，而不是先到社区排队就诊。
转诊信息会同步到区域健康信息平台，上级医院可以直接调阅患者在社区的随访记录。
{city}市已有{n}家医院与社区卫生服务中心建立专科联盟，转诊预约的平均等待时间缩短了{pct}。
""")

MED_LIFE = T("""
[adult chronic]饮食上建议控制总热量，每日食盐不超过5 g，多吃新鲜蔬菜和全谷物。
[adult]每周至少进行150分钟中等强度的有氧运动，例如快走、骑车或游泳，可以分多次完成。
[adult]吸烟者应尽早戒烟，必要时可到戒烟门诊寻求帮助，同时要限制饮酒。
[adult chronic]保证每晚7小时左右的睡眠，学会调节情绪，对控制{dis}同样有帮助。
[adult chronic]体重超标者只要减重5%～10%，就能带来明显的代谢改善。
[chronic]家属的支持很重要，全家一起调整饮食结构，比让患者一个人忍口更容易坚持。
网上流传的一些说法，例如“{myth}”，并没有可靠依据，请以医生的建议为准。
{doctor}特别提醒，{advice}。
三餐定时定量，晚餐不宜过饱，睡前两小时尽量不再进食。
烹调方式以蒸、煮、炖为主，少用油炸和红烧，既能减少油盐摄入，也更容易消化。
[adult]久坐人群每隔一小时最好起身活动几分钟，办公室里也可以做一些简单的拉伸。
[child]保证孩子充足睡眠、按时接种疫苗，是增强抵抗力的基础。
[child]孩子生病期间饮食宜清淡易消化，不必强迫进食。
[acute]患病期间注意休息，室内定时开窗通风，家庭成员之间避免共用毛巾和餐具。
""")

MED_QA = T("""
[chronic]问：{dis}需要终身用药吗？答：这要看具体病情，部分早期患者通过生活方式干预即可达标，但多数人
~需要长期治疗。
[chronic]问：指标正常了可以停药吗？答：指标正常往往是药物在起作用，擅自停药可能导致反弹，应与医生商
~量后再调整。
问：{drug1}会伤肝伤肾吗？答：在医生指导下按规定剂量使用，总体安全性良好，定期复查就能及时发现问题。
[chronic]问：多久复查一次{idx}？答：调整方案期间可每2～4周复查，稳定后每{follow}复查一次即可。
[chronic]问：家里人也需要检查吗？答：{dis}有一定的家族聚集性，建议直系亲属定期体检。
问：听说“{myth}”，是真的吗？答：这种说法缺乏科学依据，照着做反而可能耽误治疗。
问：可以吃保健品代替药物吗？答：保健品不能替代药物，选择前最好先咨询医生或药师。
问：复诊时需要准备什么？答：请带上近期检查报告、家庭自测记录和正在服用的全部药物。
[chronic]问：{dis}会遗传给孩子吗？答：遗传只是影响因素之一，良好的生活习惯可以在很大程度上降低风险。
[acute]问：症状好转了还需要继续用药吗？答：应按医生要求完成疗程，过早停药可能导致病情反复。
[acute]问：一定要去医院输液吗？答：大多数情况下口服治疗即可，是否需要静脉用药由医生评估决定。
[child]问：孩子不肯吃药怎么办？答：可以选择适合儿童的剂型，少量多次喂服，不要把药混在奶瓶里。
""")

MED_STORY = {
    "acute": T("""
{age}岁的{pname}是一名{job}，前几天开始出现{sym}，起初以为只是劳累。
症状持续不缓解，{pname}来到{hosp}{dept}，接诊医生安排了{exam}。
明确诊断后，医生给予{drug1}治疗，并交代{dose1}。
{n}天后复诊时，{pname}的症状已明显缓解，医生又叮嘱了居家注意事项。
"""),
    "adult": T("""
{age}岁的{pname}是一名{job}，半年前体检时发现{idx}异常，但一直没有放在心上。
直到最近出现{sym}，{pname}才在家人陪同下来到{hosp}{dept}就诊。
经过{n}个月的规范治疗和饮食调整，{pname}的{idx}已基本回到目标范围。
回忆起这段经历，{pname}说最大的体会是“小问题拖成了大麻烦”。
"""),
    "child": T("""
{kid}今年{kage}岁，最近{n}天反复出现{sym}，家长一度以为只是普通着凉。
在{hosp}{dept}，接诊医生详细询问了喂养和作息情况，并安排了{exam}。
医生向家长解释了{drug1}的用法，并叮嘱{dose1}。
复诊时{kid}精神明显好转，家长也学会了在家观察孩子病情的方法。
"""),
    "preg": T("""
{pname}怀孕{weeks}周，在常规产检中接受了{exam}，结果提示需要进一步评估。
刚拿到报告时{pname}十分焦虑，担心会影响胎儿发育。
营养门诊为她制订了个体化的饮食方案，两周后复查，各项数值明显改善。
产科医生提醒，分娩后6～12周还应再做一次检查，评估远期风险。
"""),
}

MED_CLOSE = T("""
[chronic]总之，{dis}可防可控，关键在于早发现、早诊断、规范治疗和长期坚持。
如有疑问，可拨打{hosp}健康咨询热线，或在工作日到{dept}门诊咨询。
本文内容仅供健康科普参考，不能替代医生面对面的诊疗意见。
{org}表示，下一步将继续组织基层医生培训，推动{dis}规范化管理在{city}市全面落地。
[adult]希望每一位{dis}患者都能成为自己健康的第一责任人。
健康的生活方式需要一点一滴地积累，从今天开始行动永远不晚。
{hosp}{dept}每周{weekday}上午开设专病门诊，有需要的市民可通过官方平台预约。
[adult]关注自身健康信号、定期体检，是远离{dis}困扰最简单也最有效的办法。
[acute]只要及时识别、规范处理，绝大多数{dis}患者都能顺利康复，不必过度恐慌。
[child]呵护孩子健康需要家庭、托幼机构和医疗机构共同努力。
""")

MED_HEADINGS = {
    "guide": [("一、适用范围", MED_INTRO), ("二、流行情况与危险因素", MED_EPI),
              ("三、诊断要点", MED_DIAG), ("四、治疗原则", MED_TREAT),
              ("五、随访管理", MED_FOLLOW), ("六、特殊人群", MED_SPECIAL),
              ("七、转诊指征", MED_REFER)],
    "edu": [("", MED_INTRO), ("", MED_LIFE), ("常见问题解答", MED_QA), ("", MED_CLOSE)],
    "news": [("", MED_INTRO), ("", MED_EPI), ("", MED_TREAT), ("", MED_FOLLOW),
             ("", MED_CLOSE)],
}

MED_TITLES = {
    "guide": ["{dis}基层诊疗要点解读（{year}年版）", "{dis}规范化管理：社区医生操作指引",
              "{pop}{dis}筛查与管理建议", "{dis}诊疗共识要点速览"],
    "edu": ["关于{dis}，这些知识你需要知道", "{dis}患者日常管理的{n}个要点",
            "医生答疑：{dis}怎么治、怎么防", "走出误区：正确认识{dis}"],
    "news": ["{hosp}开展{dis}规范化管理工作", "{city}市推进{dis}基层防治",
             "{hosp}{dept}：{dis}患者随访率明显提升"],
}

JOBS = ["出租车司机", "中学教师", "会计", "退休工人", "外卖骑手", "软件工程师", "个体店主",
        "公交车司机", "社区保安", "护工", "装修工人", "银行柜员"]
HOSP_KIND = ["第一人民医院", "第二人民医院", "中心医院", "中医院", "妇幼保健院", "人民医院"]
DOC_TITLE = ["主任医师", "副主任医师", "主治医师"]


def med_ctx(rng: random.Random, topic: dict[str, str], year: int) -> Ctx:
    """Slot values for one medical document."""
    city = rng.choice(CITIES)
    kind = "妇幼保健院" if topic["who"] in ("child", "preg") else rng.choice(HOSP_KIND)
    title = "女士" if topic["who"] == "preg" else rng.choice(["先生", "女士"])
    pname = rng.choice(SURNAMES) + title
    ctx: Ctx = dict(topic)
    ctx.update({
        "city": city,
        "hosp": f"{city}市{kind}",
        "org": rng.choice([f"{city}市医学会全科医学分会", f"{city}市基层卫生协会",
                           f"{city}市{topic['dept']}质控中心"]),
        "doctor": rng.choice(DOC_TITLE) + person(rng),
        "pname": pname,
        "kid": "小" + rng.choice(GIVEN) + rng.choice(GIVEN),
        "kage": str(rng.randint(1, 5)),
        "weeks": str(rng.randint(24, 30)),
        "age": str(rng.randint(32, 76)),
        "job": rng.choice(JOBS),
        "year": str(year),
        "pct": pct(5, 40),
        "n": num(2, 12),
        "big": lambda r: f"{r.randint(3, 95) * 100 + r.randint(1, 99)}",
        "weekday": ["一", "二", "三", "四", "五"],
    })
    return ctx


TAG = re.compile(r"^\[([a-z ]+)\]")


def usable(pool: Sequence[str], tags: set[str]) -> list[str]:
    """Templates whose ``[tags]`` prefix (if any) is satisfied by ``tags``, prefix removed."""
    out = []
    for t in pool:
        m = TAG.match(t)
        if m is None:
            out.append(t)
        elif set(m.group(1).split()) <= tags:
            out.append(t[m.end():])
    return out


def med_doc(rng: random.Random, doc_id: str, start: date, end: date, style: str = "") -> Doc:
    """A coherent medical article (guideline digest, education piece or hospital news)."""
    topic = rng.choice(MED_TOPICS)
    style = style or rng.choice(["guide", "guide", "edu", "edu", "news"])
    day = day_in(rng, start, end)
    ctx = med_ctx(rng, topic, day.year)
    tags = {topic["who"], topic["course"]}
    paras: list[str] = []
    for heading, full_pool in MED_HEADINGS[style]:
        pool = usable(full_pool, tags)
        body = para(rng, pool, ctx, 2, 3)
        if heading == "常见问题解答":
            qa = [fill(t, ctx, rng) for t in pick(rng, pool, 2, 4)]
            paras.append(heading + "\n" + "\n".join(qa))
            continue
        paras.append(f"{heading}\n{body}" if heading else body)
    if style != "guide" and rng.random() < 0.7:
        who = topic["who"]
        story = MED_STORY["acute" if who == "adult" and topic["course"] == "acute" else who]
        k = rng.randint(2, len(story))
        paras.insert(rng.randint(1, 2), "".join(fill(t, ctx, rng) for t in story[:k]))
    extra = [fill(t, ctx, rng) for t in usable(MED_LIFE + MED_FOLLOW + MED_DIAG, tags)]
    paras = fit(paras, rng, 420, 1500, extra)
    if rng.random() < 0.35:
        paras.append(f"（来源：{ctx['hosp']}健康教育科）")
    title = fill(rng.choice(MED_TITLES[style]), ctx, rng)
    return Doc(id=doc_id, domain="medical", title=title, text="\n".join(paras),
               published=day.isoformat(), license=rng.choice(["CC-BY-4.0", "CC0-1.0"]),
               url=f"{URL_ROOT}/medical/{doc_id}")


# --------------------------------------------------------------------------------------------
# Legal: local regulations (Markdown/txt), court notices (txt), Taiwan-style rules (Traditional)
# --------------------------------------------------------------------------------------------

LAW_SUBJECTS = records("""
subj: 公共数据
name: 公共数据管理办法
act: 公共数据的收集、归集、共享、开放和安全管理
party: 公共管理和服务机构
auth: 市大数据主管部门
auth2: 网信、公安、保密等部门
goal: 规范公共数据管理，促进公共数据依法有序流动和开发利用，保障数据安全
law: 《中华人民共和国数据安全法》《中华人民共和国个人信息保护法》
duty: 编制本单位公共数据目录，并按照目录及时、准确归集数据
ban: 超出履职需要收集数据，或者擅自向第三方提供公共数据
fine: 一万元以上十万元以下
define: 各级行政机关以及具有公共管理和服务职能的单位在依法履职过程中收集、产生的数据

subj: 电梯安全
name: 电梯安全管理办法
act: 电梯的生产、使用、维护保养、检验检测
party: 电梯使用单位
auth: 市场监督管理部门
auth2: 住房城乡建设、应急管理、消防救援等部门
goal: 加强电梯安全管理，预防和减少电梯事故，保障人身和财产安全
law: 《中华人民共和国特种设备安全法》
duty: 委托具备相应资质的维护保养单位对电梯每15日至少进行一次维护保养
ban: 使用未经定期检验或者检验不合格的电梯
fine: 一万元以上十万元以下
define: 动力驱动，利用沿刚性导轨运行的箱体或者沿固定线路运行的梯级进行升降或者平行运送人、货物的机电
~设备

subj: 生活垃圾分类
name: 生活垃圾分类管理办法
act: 生活垃圾的源头减量、分类投放、分类收集、分类运输和分类处理
party: 生活垃圾分类管理责任人
auth: 城市管理部门
auth2: 生态环境、商务、教育、机关事务管理等部门
goal: 加强生活垃圾分类管理，改善人居环境，促进资源循环利用
law: 《中华人民共和国固体废物污染环境防治法》
duty: 按照可回收物、有害垃圾、厨余垃圾和其他垃圾的类别设置收集容器
ban: 将已经分类投放的生活垃圾混合收集、混合运输
fine: 单位五千元以上五万元以下、个人五十元以上二百元以下
define: 在日常生活中或者为日常生活提供服务的活动中产生的固体废物

subj: 养犬
name: 养犬管理规定
act: 犬只的登记、免疫、携带外出和收容
party: 养犬人
auth: 公安机关
auth2: 农业农村、城市管理、卫生健康、市场监管等部门
goal: 规范养犬行为，保障公民健康和人身安全，维护市容环境和社会公共秩序
law: 《中华人民共和国动物防疫法》
duty: 为犬只办理登记并按期注射狂犬病疫苗
ban: 携带犬只进入餐饮场所、学校、医院等禁止区域
fine: 五百元以上二千元以下
define: 个人或者单位饲养的各类犬只，但军队、公安等单位因工作需要饲养的犬只除外

subj: 物业服务
name: 物业服务管理办法
act: 物业服务活动以及业主自治
party: 物业服务人
auth: 住房城乡建设部门
auth2: 街道办事处、乡镇人民政府和市场监管部门
goal: 规范物业服务活动，维护业主、物业使用人和物业服务人的合法权益
law: 《中华人民共和国民法典》
duty: 按照合同约定提供服务，并每半年公开一次物业服务费用收支情况
ban: 擅自占用、挖掘物业管理区域内的道路和场地
fine: 五千元以上五万元以下
define: 物业服务人按照物业服务合同约定，对房屋及配套设施设备和相关场地进行维修、养护和管理的活动

subj: 电动自行车安全
name: 电动自行车安全管理条例
act: 电动自行车的生产、销售、登记、通行、停放和充电
party: 电动自行车所有人和使用人
auth: 公安机关交通管理部门
auth2: 市场监管、消防救援、住房城乡建设、商务等部门
goal: 加强电动自行车安全管理，保障道路交通和消防安全
law: 《中华人民共和国道路交通安全法》《中华人民共和国消防法》
duty: 在集中停放场所或者符合安全条件的位置停放、充电
ban: 在建筑物的公共门厅、疏散通道、楼梯间停放电动自行车或者为其充电
fine: 单位一万元以上五万元以下、个人五百元以上一千元以下
define: 以车载蓄电池作为辅助能源，具有脚踏骑行能力，能实现电助动或者电驱动功能的两轮自行车

subj: 公共场所控烟
name: 公共场所控制吸烟条例
act: 公共场所的控制吸烟工作
party: 公共场所经营者和管理者
auth: 卫生健康主管部门
auth2: 教育、文化旅游、交通运输、市场监管等部门
goal: 减少烟草烟雾对人体的危害，保障公众健康，营造清洁卫生的公共环境
law: 《中华人民共和国基本医疗卫生与健康促进法》
duty: 在禁止吸烟场所的显著位置设置统一的禁烟标识和监督电话
ban: 在禁止吸烟场所放置烟具，或者对吸烟者不予劝阻
fine: 二千元以上一万元以下
define: 吸入、呼出烟草烟雾或者携带点燃的卷烟、雪茄、烟斗以及使用电子烟的行为

subj: 扬尘污染防治
name: 建设工程扬尘污染防治办法
act: 建设工程施工、渣土运输和裸露地面管理中的扬尘污染防治
party: 建设单位和施工单位
auth: 住房城乡建设部门
auth2: 生态环境、交通运输、城市管理、水务等部门
goal: 防治扬尘污染，改善大气环境质量，保障公众身体健康
law: 《中华人民共和国大气污染防治法》
duty: 在施工现场设置连续硬质围挡，并对裸露土方和易扬尘物料进行覆盖
ban: 使用未密闭的车辆运输渣土，或者在运输途中抛洒、遗撒
fine: 一万元以上十万元以下
define: 在建设施工、物料运输和堆放等活动中产生的松散颗粒物进入大气的现象

subj: 历史建筑保护
name: 历史建筑保护办法
act: 历史建筑的确定、保护和利用
party: 历史建筑所有权人和使用人
auth: 规划和自然资源部门
auth2: 住房城乡建设、文物、文化旅游等部门
goal: 加强历史建筑保护，传承历史文化，延续城市风貌
law: 《历史文化名城名镇名村保护条例》
duty: 按照保护图则开展日常保养和修缮，保持建筑原有的外观和主要结构
ban: 擅自迁移、拆除历史建筑，或者改变其外立面和主要承重结构
fine: 五万元以上二十万元以下
define: 经市人民政府确定公布的具有一定保护价值，能够反映历史风貌和地方特色的建筑物、构筑物

subj: 学校食堂食品安全
name: 中小学校食堂食品安全管理办法
act: 中小学校和幼儿园集中用餐的食品安全管理
party: 学校和承包经营企业
auth: 市场监督管理部门
auth2: 教育、卫生健康、公安等部门
goal: 保障学生饮食安全和身体健康，落实学校食品安全主体责任
law: 《中华人民共和国食品安全法》
duty: 建立食品原料进货查验记录制度，并实行学校负责人陪餐制度
ban: 采购、使用不符合食品安全标准的食品原料
fine: 五千元以上五万元以下
define: 学校自主经营或者委托经营，为学生和教职工提供集中用餐服务的场所

subj: 网约车
name: 网络预约出租汽车经营服务管理实施细则
act: 网络预约出租汽车的经营服务
party: 网约车平台公司
auth: 交通运输主管部门
auth2: 公安、网信、市场监管、税务等部门
goal: 规范网络预约出租汽车经营服务行为，保障运营安全和乘客合法权益
law: 《中华人民共和国电子商务法》
duty: 对驾驶员进行背景核查，并按照规定实时报送运营数据
ban: 使用未取得运输证的车辆或者未取得从业资格的人员提供经营服务
fine: 五千元以上三万元以下
define: 依托互联网技术构建服务平台，整合供需信息，使用符合条件的车辆和驾驶员提供的出租汽车服务

subj: 无障碍环境
name: 无障碍环境建设办法
act: 无障碍设施建设、信息交流无障碍和社会服务无障碍
party: 无障碍设施所有权人和管理人
auth: 住房城乡建设部门
auth2: 民政、残联、交通运输、工业和信息化等部门
goal: 加强无障碍环境建设，保障残疾人、老年人等平等、充分参与社会生活
law: 《中华人民共和国无障碍环境建设法》
duty: 对无障碍设施进行维护，保持其功能完好和正常使用
ban: 擅自占用无障碍停车位、盲道等无障碍设施
fine: 一百元以上五百元以下
define: 为便利残疾人、老年人等自主安全地通行和使用所建设的物质环境、信息环境和服务环境

subj: 城市绿化
name: 城市绿化管理办法
act: 城市绿地的规划、建设、养护和管理
party: 绿地养护管理责任人
auth: 园林绿化主管部门
auth2: 规划和自然资源、住房城乡建设、城市管理等部门
goal: 促进城市绿化事业发展，改善生态环境，提升城市品质
law: 《城市绿化条例》
duty: 按照养护技术规范对绿地进行浇灌、修剪和病虫害防治
ban: 擅自占用城市绿地，或者砍伐、移植城市树木
fine: 二千元以上二万元以下
define: 以植物为主要存在形态，用于改善城市生态、为居民提供游憩场地和美化城市的区域

subj: 机动车停车场
name: 机动车停车场管理办法
act: 机动车停车设施的规划、建设、使用和管理
party: 停车场经营者
auth: 交通运输主管部门
auth2: 公安机关交通管理、发展改革、住房城乡建设等部门
goal: 规范停车秩序，缓解停车难问题，改善城市交通环境
law: 《中华人民共和国道路交通安全法》
duty: 在停车场出入口显著位置公示收费标准、车位数量和监督电话
ban: 擅自将停车场改作他用，或者未经许可在道路上施划停车泊位
fine: 二千元以上二万元以下
define: 供机动车停放的露天或者室内场所，包括公共停车场、专用停车场和道路停车泊位

subj: 燃气安全
name: 燃气安全管理办法
act: 燃气经营、使用以及燃气设施的保护
party: 燃气经营企业
auth: 燃气主管部门
auth2: 应急管理、市场监管、消防救援等部门
goal: 加强燃气安全管理，预防和减少燃气事故，保障人民群众生命财产安全
law: 《城镇燃气管理条例》
duty: 定期对用户燃气设施进行入户安全检查，并建立安全检查档案
ban: 擅自改装、拆除或者迁移燃气设施
fine: 一万元以上十万元以下
define: 作为燃料使用并符合一定要求的气体燃料，包括天然气、液化石油气和人工煤气

subj: 农贸市场
name: 农贸市场管理办法
act: 农贸市场的规划、建设和经营
party: 市场开办者
auth: 商务主管部门
auth2: 市场监管、城市管理、卫生健康等部门
goal: 规范农贸市场经营秩序，保障农产品质量安全，方便群众生活
law: 《中华人民共和国农产品质量安全法》
duty: 配备农产品快速检测设备，并每日公示检测结果
ban: 销售未经检疫或者检疫不合格的肉类产品
fine: 二千元以上二万元以下
define: 以农产品零售为主，为买卖双方提供固定场地和相关服务的交易场所

subj: 户外广告设施
name: 户外广告设施设置管理办法
act: 户外广告设施和招牌的设置、维护
party: 设施设置人
auth: 城市管理部门
auth2: 市场监管、规划和自然资源、应急管理等部门
goal: 规范户外广告设施设置，维护城市容貌，保障公共安全
law: 《中华人民共和国广告法》
duty: 定期对设施进行安全检查，并在恶劣天气来临前采取加固措施
ban: 在建筑物屋顶或者利用交通安全设施设置户外广告
fine: 五千元以上五万元以下
define: 利用建筑物、构筑物、场地等设置的，向户外发布广告的设施

subj: 城市供水
name: 城市供水管理办法
act: 城市供水水源保护、供水设施建设和供水经营服务
party: 供水企业
auth: 水务主管部门
auth2: 卫生健康、生态环境、住房城乡建设等部门
goal: 加强城市供水管理，保障供水安全，维护用户合法权益
law: 《城市供水条例》
duty: 按照国家标准对出厂水和管网水进行水质检测，并定期公布检测结果
ban: 擅自在公共供水管道上接管，或者绕过计量设施用水
fine: 五千元以上三万元以下
define: 供水企业以公共供水管道及其附属设施向单位和居民提供生活、生产和其他用水的活动
""")

LAW_CH1 = T("""
本市行政区域内{act}及其监督管理活动，适用本办法。
{subj}管理工作坚持政府主导、属地负责、社会参与、依法治理的原则。
市、区人民政府应当加强对{subj}管理工作的领导，建立协调机制，所需经费列入本级财政预算。
{auth}负责本市{subj}管理工作的统筹协调和监督指导；{auth2}按照各自职责做好相关工作。
街道办事处、乡镇人民政府应当做好辖区内{subj}管理的具体工作，居民委员会、村民委员会予以协助。
鼓励行业协会制定行业规范，开展培训和评价，引导会员单位依法经营、诚信服务。
任何单位和个人有权对违反本办法的行为进行投诉和举报，接到举报的部门应当及时核实处理。
各级人民政府及有关部门应当通过多种形式开展宣传，提高全社会对{subj}管理的认识。
市人民政府应当将{subj}管理工作纳入年度目标责任考核。
新闻媒体应当开展{subj}相关公益宣传，对违反本办法的行为进行舆论监督。
本市建立{subj}管理联席会议制度，研究解决工作中的重大问题。
""")

LAW_CH2 = T("""
{party}应当{duty}，并明确专人负责日常管理。
{party}应当建立健全内部管理制度，明确岗位职责，定期开展自查，发现问题及时整改。
{party}应当建立管理档案，如实记录有关情况，档案保存期限不少于{years}年。
{auth}应当制定{subj}管理技术规范，并根据实际情况适时修订，向社会公布。
禁止下列行为：（一）{ban}；（二）伪造、变造或者擅自涂改相关记录；（三）拒绝、阻碍依法实施的监督检查
~；
~（四）法律、法规禁止的其他行为。
{party}的名称、地址等登记事项发生变更的，应当自变更之日起{days}日内向{auth}办理变更手续。
{party}应当每年组织不少于{n}次的业务培训和应急演练，并做好记录。
{auth}应当依托全市统一的信息平台，实现{subj}相关信息的归集、共享和公开，方便公众查询。
鼓励{party}采用新技术、新工艺提升管理水平，对成效显著的按照有关规定给予支持。
{party}委托第三方机构提供服务的，应当签订书面合同，明确双方权利义务，并对受托方的履约情况进行监督。
处理个人信息的，应当遵循合法、正当、必要和诚信原则，不得过度收集，不得泄露或者非法向他人提供。
{auth}应当会同{auth2}制定突发事件应急预案，明确处置流程和责任分工，并定期组织演练。
新建、改建、扩建项目涉及{subj}的，建设单位应当在设计阶段同步考虑相关要求，所需费用纳入项目投资。
{auth}应当编制{subj}管理专项规划，报市人民政府批准后组织实施。
{party}应当在显著位置公示管理责任人、联系方式和投诉渠道。
{party}不得擅自改变已经批准的用途；确需改变的，应当依法办理相关手续。
鼓励保险机构开发与{subj}相关的责任保险产品，{party}可以自愿投保。
{party}应当配合有关部门开展统计调查，如实提供相关数据，不得虚报、瞒报。
利用信息化手段开展管理的，应当采取必要措施保障网络和数据安全。
""")

LAW_CH3 = T("""
{auth}应当建立日常巡查制度，采取随机抽取检查对象、随机选派执法检查人员的方式开展监督检查。
监督检查人员依法履行职责时，可以进入现场检查，查阅、复制有关资料，被检查单位应当如实提供，不得拒绝。
{auth}应当将检查结果和违法行为查处情况依法向社会公开，并按照规定纳入公共信用信息平台。
发现重大安全隐患的，{auth}应当责令立即整改；整改期间无法保证安全的，应当责令暂时停止相关活动。
有关部门应当建立投诉举报处理机制，自受理之日起{days}个工作日内作出处理，并将结果告知举报人。
{auth}可以委托具备条件的专业机构开展评估，评估费用列入部门预算，不得向被评估单位收取。
市人民政府每年对各区{subj}管理工作进行考核，考核结果作为绩效评价的重要内容。
{auth}应当建立信用评价制度，对{party}实施分级分类监管。
上级部门可以对下级部门的监督检查工作进行督导，发现问题的，责令限期整改。
有关部门应当加强执法协作，建立案件移送、信息通报和联合惩戒机制。
{auth}应当每年向社会公布{subj}管理工作情况，接受社会监督。
""")

LAW_CH4 = T("""
违反本办法规定，{party}未{duty}的，由{auth}责令限期改正；逾期不改正的，处{fine}罚款。
违反本办法规定，{ban}的，由{auth}责令改正，处{fine}罚款；情节严重的，依法从重处罚。
违反本办法规定，拒绝、阻碍监督检查的，由有关部门依照治安管理处罚的有关规定处理。
行政机关及其工作人员在{subj}管理工作中玩忽职守、滥用职权、徇私舞弊的，
~由有权机关对直接负责的主管人员和其他直接责任人员依法给予处分。
违反本办法规定，构成犯罪的，依法追究刑事责任；造成他人损失的，依法承担民事责任。
本办法规定的行政处罚，依法由综合行政执法部门实施的，从其规定。
{party}拒不执行整改决定的，由{auth}依法申请人民法院强制执行。
当事人对行政处罚决定不服的，可以依法申请行政复议或者提起行政诉讼。
""")

LAW_CH5 = T("""
本办法下列用语的含义：{subj}，是指{define}。
区人民政府可以根据本办法制定具体实施细则，报市人民政府备案。
{year0}年发布的《{city}市{subj}管理暂行规定》同时废止。
""")

LAW_CH_NAMES = [("总则", LAW_CH1, 3, 6), ("{subj}管理", LAW_CH2, 4, 8),
                ("监督检查", LAW_CH3, 2, 4), ("法律责任", LAW_CH4, 2, 4), ("附则", LAW_CH5, 1, 2)]


def law_ctx(rng: random.Random, subject: dict[str, str], year: int) -> Ctx:
    """Slot values for one regulation."""
    ctx: Ctx = dict(subject)
    ctx.update({"city": rng.choice(CITIES), "years": num(3, 10), "days": num(5, 30),
                "n": num(1, 4), "year0": str(year - rng.randint(5, 12))})
    return ctx


def regulation(rng: random.Random, subject: dict[str, str], day: date, markdown: bool) -> str:
    """A local regulation with chapters and numbered articles (第一章 / 第一条)."""
    ctx = law_ctx(rng, subject, day.year)
    name = f"{ctx['city']}市{subject['name']}"
    eff = day + timedelta(days=rng.randint(20, 90))
    articles_by_ch: list[tuple[str, list[str]]] = []
    for ch_name, pool, lo, hi in LAW_CH_NAMES:
        chosen = sorted(pick(rng, pool, lo, hi), key=pool.index)
        arts = [fill(t, ctx, rng) for t in chosen]
        if ch_name == "总则":
            purpose = "为了{goal}，根据{law}等法律、法规，结合本市实际，制定本办法。"
            arts.insert(0, fill(purpose, ctx, rng))
        if ch_name == "附则":
            arts.append(f"本办法自{zh_date(eff)}起施行。")
        articles_by_ch.append((fill(ch_name, ctx, rng), arts))
    if subject["name"].endswith(("条例", "规定", "细则")):
        kind = subject["name"][-2:]
        articles_by_ch = [(c, [a.replace("本办法", "本" + kind) for a in arts])
                          for c, arts in articles_by_ch]
    council = rng.randint(8, 60)
    order = rng.randint(1, 20)
    preface = (f"（{zh_date(day)}{ctx['city']}市人民政府第{council}次常务会议通过　"
               f"{zh_date(day + timedelta(days=rng.randint(3, 15)))}"
               f"{ctx['city']}市人民政府令第{order}号公布　自{zh_date(eff)}起施行）")
    lines: list[str] = [f"# {name}" if markdown else name, "", preface, ""]
    k = 0
    for i, (ch_name, arts) in enumerate(articles_by_ch, start=1):
        heading = f"第{cn_num(i)}章　{ch_name}"
        lines += [f"## {heading}" if markdown else heading, ""]
        for art in arts:
            k += 1
            label = f"第{cn_num(k)}条"
            lines.append(f"**{label}**　{art}" if markdown else f"{label}　{art}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


CAUSES = ["买卖合同", "民间借贷", "房屋租赁合同", "建设工程施工合同", "金融借款合同", "劳务合同",
          "物业服务合同", "机动车交通事故责任", "装饰装修合同", "承揽合同", "服务合同"]
ROADS = ["滨江路", "文昌路", "和平街", "新华路", "望湖路", "兴业大道", "桂香路", "清风街"]

NOTICE_PARTS: dict[str, list[list[str]]] = {
    "judgment": [
        ["{defendant}：", "被告{defendant}："],
        ["本院受理原告{plaintiff}诉你{cause}纠纷一案，已审理终结。",
         "原告{plaintiff}与你{cause}纠纷一案，本院已审理完毕。"],
        ["因你下落不明，现依法向你公告送达{case}民事判决书。",
         "因无法通过其他方式向你送达，本院依法向你公告送达{case}民事判决书。"],
        ["判决主要内容为：被告于判决生效之日起十日内向原告支付{what}{amount}元及逾期利息；"
         "案件受理费{fee}元由被告负担。",
         "本院判决：你应于判决生效后十日内支付原告{what}{amount}元，并承担案件受理费{fee}元。"],
        ["自本公告发出之日起经过三十日即视为送达。", "本公告自发出之日起满三十日，即视为送达。"],
        ["如不服本判决，可在公告期满后十五日内向本院递交上诉状及副本，上诉于{upper}。"
         "逾期未上诉的，本判决即发生法律效力。",
         "如不服本判决，可于公告期满之日起十五日内向本院提交上诉状，上诉于{upper}。"],
    ],
    "summons": [
        ["{defendant}：", "被告{defendant}："],
        ["本院受理原告{plaintiff}诉你{cause}纠纷一案，因你下落不明，",
         "关于原告{plaintiff}起诉你{cause}纠纷一案，因多次直接送达未果，"],
        ["依照《中华人民共和国民事诉讼法》的有关规定，向你公告送达起诉状副本、应诉通知书、"
         "举证通知书及开庭传票。",
         "本院现向你公告送达起诉状副本、应诉通知书、举证通知书、合议庭组成人员通知书和传票。"],
        ["原告的诉讼请求为：判令被告支付{what}{amount}元并承担本案诉讼费用。",
         "原告请求判令你偿还{what}{amount}元，并支付自起诉之日起计算的利息。"],
        ["自公告之日起经过三十日即视为送达，答辩期和举证期限均为公告期满后十五日。",
         "公告期满后十五日内为答辩期和举证期限。"],
        ["本案定于{hdate}上午九时在本院第{room}法庭公开开庭审理，逾期不到庭的，本院将依法缺席判决。",
         "本院定于{hdate}下午二时三十分在第{room}法庭开庭，请准时到庭，否则将依法缺席审理。"],
    ],
    "auction": [
        ["本院将于{adate}10时至{adate2}10时止（延时的除外）在网络司法拍卖平台上公开拍卖",
         "本院定于{adate}10时起在网络司法拍卖平台进行第一次公开拍卖，拍卖周期为24小时，标的为"],
        ["被执行人{defendant}名下位于{city}市{district}区{road}{no}号{bld}幢{flat}室的住宅一套。",
         "被执行人{defendant}所有的{city}市{district}区{road}{no}号临街商铺一间。"],
        ["该房产建筑面积{area}平方米，起拍价{price}万元，保证金{deposit}万元，增价幅度{inc}元。",
         "标的物建筑面积{area}平方米，起拍价为{price}万元，竞买保证金{deposit}万元，"
         "加价幅度{inc}元及其整数倍。"],
        ["意向竞买人应当在拍卖开始前办理注册和实名认证手续，并自行了解标的物现状。",
         "竞买人应具备完全民事行为能力，法律、行政法规对买受人资格有规定的，应当具备相应条件。"],
        ["标的物以现状拍卖，本院不负责清场，过户产生的税费按照法律规定由相应主体承担。",
         "拍卖成交后，买受人应在规定期限内将余款交至本院指定账户，逾期不交的保证金不予退还。"],
    ],
    "bankruptcy": [
        ["本院于{rdate}根据{applicant}的申请，裁定受理{company}破产清算一案，"
         "并于同日指定{firm}为管理人。",
         "{applicant}以{company}不能清偿到期债务且明显缺乏清偿能力为由申请破产清算，"
         "本院已于{rdate}裁定受理，并指定{firm}担任管理人。"],
        ["{company}的债权人应当自本公告发布之日起{days}日内向管理人申报债权，"
         "书面说明债权数额、有无财产担保以及是否属于连带债权，并提供相关证据材料。",
         "债权人应于{days}日内向管理人申报债权并提交证明材料，申报地址可向管理人咨询。"],
        ["未在上述期限内申报的，可以在破产财产最后分配前补充申报，但对此前已进行的分配无权要求补充"
         "分配。",
         "逾期申报的，应当承担为审查和确认补充申报债权所产生的费用。"],
        ["{company}的债务人或者财产持有人应当向管理人清偿债务或者交付财产。",
         "持有{company}财产的单位和个人应当及时向管理人交付。"],
        ["第一次债权人会议定于{mdate}上午九时在本院第{room}法庭召开。",
         "第一次债权人会议将于{mdate}以网络会议方式召开，具体参会方式由管理人另行通知。"],
    ],
    "reward": [
        ["申请执行人{plaintiff}与被执行人{defendant}{cause}纠纷一案，{case}民事判决书已经发生法律效"
         "力。",
         "关于{plaintiff}申请执行{defendant}{cause}纠纷一案，生效判决确定的义务至今未履行。"],
        ["因被执行人未履行生效法律文书确定的义务，申请执行人向本院申请悬赏执行。",
         "经申请执行人申请，本院决定发布悬赏公告。"],
        ["凡提供被执行人可供执行财产线索并协助执行到位的，本院将按实际执行到位金额的{ratio}%给予奖"
         "励，"
         "最高不超过{cap}万元。",
         "举报人提供的线索经查证属实且执行到位的，按到位金额的{ratio}%予以奖励，奖金由申请执行人承"
         "担。"],
        ["举报人的信息本院将依法予以保密。", "本院对举报人的身份信息严格保密。"],
    ],
}


def notice_ctx(rng: random.Random, court_city: str, day: date) -> Ctx:
    """Slot values for court notices of one court published on ``day``."""
    code = f"{court_city[0]}{rng.randint(1, 9):02d}{rng.randint(1, 12):02d}"
    year = day.year

    def case(r: random.Random) -> str:
        return f"（{year - r.randint(0, 1)}）{code}民初{r.randint(100, 9999)}号"

    def when(lo: int, hi: int) -> Callable[[random.Random], str]:
        return lambda r: zh_date(day + timedelta(days=r.randint(lo, hi)))

    auction = day + timedelta(days=rng.randint(30, 45))

    def company(r: random.Random) -> str:
        return f"{court_city}市{firm(r)}有限公司"

    return {
        "defendant": lambda r: person(r) if r.random() < 0.7 else company(r),
        "plaintiff": lambda r: company(r) if r.random() < 0.6 else person(r),
        "applicant": lambda r: f"{court_city}市{firm(r)}有限公司",
        "company": f"{court_city}市{firm(rng)}有限公司",
        "firm": f"{rng.choice(['明衡', '正澄', '立诚', '恒信'])}会计师事务所（特殊普通合伙）",
        "cause": CAUSES, "case": case, "hdate": when(48, 80), "rdate": when(-40, -10),
        "mdate": when(50, 90), "adate": zh_date(auction),
        "adate2": zh_date(auction + timedelta(days=1)),
        "what": ["货款", "借款本金", "租金", "工程款", "服务费", "劳务报酬", "修理费"],
        "amount": lambda r: f"{r.randint(12, 980) * 1000 + r.randint(0, 999):,}",
        "fee": lambda r: f"{r.randint(50, 9000)}", "upper": f"{court_city}市中级人民法院",
        "room": num(1, 28), "city": court_city, "district": DISTRICTS, "road": ROADS,
        "no": num(1, 399), "bld": num(1, 30),
            "flat": lambda r: f"{r.randint(1, 32)}0{r.randint(1, 4)}",
        "area": dec(45, 210), "price": dec(30, 460), "deposit": num(5, 60),
        "inc": ["1000", "2000", "5000"], "days": ["三十", "四十五", "六十", "九十"],
        "ratio": num(5, 15), "cap": num(2, 30),
    }


def court_notice(rng: random.Random, day: date) -> tuple[str, str]:
    """A court notice page with two or three notices; returns (title, text)."""
    city = rng.choice(CITIES)
    level = rng.random()
    court = f"{city}市中级人民法院" if level < 0.4 else f"{city}市{rng.choice(DISTRICTS)}区人民法院"
    ctx = notice_ctx(rng, city, day)
    kinds = rng.sample(list(NOTICE_PARTS), rng.choice((2, 3)))
    titles = {"judgment": "公告送达判决书", "summons": "公告送达开庭传票",
              "auction": "网络司法拍卖公告",
              "bankruptcy": "破产清算案件受理公告", "reward": "悬赏执行公告"}
    blocks = []
    for kind in kinds:
        body = "".join(fill(rng.choice(alts), ctx, rng) for alts in NOTICE_PARTS[kind])
        blocks.append(f"【{titles[kind]}】\n{body}")
    title = f"{court}公告（{zh_date(day)}）"
    text = f"{court}\n公　告\n\n" + "\n\n".join(blocks) + f"\n\n{court}\n{zh_date(day)}\n"
    return title, text


TW_SUBJECTS = records("""
subj: 個人資料保護
name: 個人資料保護管理要點
goal: 落實個人資料之保護及管理，避免人格權受侵害，並促進個人資料之合理利用
law: 個人資料保護法
duty: 訂定個人資料檔案安全維護計畫，並定期檢討修正
ban: 未經授權蒐集、處理或利用他人之個人資料
define: 得以直接或間接方式識別該個人之資料

subj: 資通安全
name: 資通安全管理作業要點
goal: 強化資通系統之安全防護，確保資料、系統及網路之機密性、完整性與可用性
law: 資通安全管理法
duty: 依資通系統之防護需求等級辦理風險評估，並落實各項防護措施
ban: 擅自關閉防毒軟體或變更系統安全設定
define: 用以蒐集、控制、傳輸、儲存、流通、刪除資訊或對資訊為其他處理、使用或分享之系統

subj: 電腦軟體使用
name: 電腦軟體使用管理規範
goal: 尊重智慧財產權，規範電腦軟體之採購、安裝及使用
law: 著作權法
duty: 建立軟體授權清冊，載明軟體名稱、版本、授權數量及安裝位置
ban: 重製、散布或安裝未經合法授權之軟體
define: 電腦程式及其相關之說明文件、授權證明與儲存媒體

subj: 開放資料
name: 政府開放資料作業要點
goal: 推動政府資料開放，提升施政透明度，並促進資料之加值應用
law: 政府資訊公開法
duty: 盤點所屬業務資料，以機器可讀格式於開放資料平臺公開
ban: 開放涉及國家機密、個人隱私或營業秘密之資料
define: 各機關依職權蒐集、製作並得以開放供公眾利用之資料

subj: 校園網路使用
name: 校園網路使用規範
goal: 充分發揮校園網路之功能，提供師生安全、穩定之網路使用環境
law: 著作權法及個人資料保護法
duty: 公告網路使用規範，並建立違規事件之處理程序
ban: 利用校園網路散布電腦病毒或其他干擾、破壞系統之程式
define: 學校所建置之有線網路、無線網路及其附屬之伺服器與網路設備

subj: 資訊設備借用
name: 資訊設備借用管理要點
goal: 有效管理公用資訊設備，提高設備使用效率並減少損壞遺失
law: 國有財產法及相關財物管理規定
duty: 建立設備借用登記制度，並於歸還時檢查設備狀況
ban: 將借用之設備轉借他人或移作私人用途
define: 筆記型電腦、平板電腦、投影機及其他可攜式資訊設備

subj: 雲端服務
name: 雲端服務採購及使用作業要點
goal: 規範雲端服務之採購及使用，確保資料存放與處理之安全
law: 政府採購法及資通安全管理法
duty: 於契約中明定資料存放地點、備份機制及服務終止後之資料返還方式
ban: 將機敏資料存放於未經核准之雲端服務
define: 透過網路提供運算資源、軟體或資料儲存等服務之模式

subj: 視訊會議系統
name: 視訊會議系統使用管理規範
goal: 規範視訊會議系統之使用，兼顧會議效率與資訊安全
law: 資通安全管理法
duty: 採用經資安檢測之視訊軟體，並設定會議密碼及等候室功能
ban: 未經與會者同意錄製會議內容或對外散布
define: 透過網路傳送影像及聲音，使分處不同地點之人員得以即時開會之系統
""")

TW_ARTS = T("""
本{kind}之主管機關為本府，執行機關為本府{unit}。
本{kind}用詞，定義如下：一、{subj}：指{define}。二、使用者：指經核准使用本府資訊設備或服務之人員。
本{kind}適用於本府各一級機關、所屬二級機關及學校（以下簡稱各機關）。
各機關應指定專人負責{subj}業務，並將名單送{unit}備查；人員異動時，亦同。
各機關應{duty}，並每年至少辦理一次內部稽核。
{unit}應建立{subj}相關資料之清冊，並定期檢視其正確性及完整性。
使用者不得有下列行為：一、{ban}。二、擅自安裝未經授權之軟體。三、將帳號、密碼提供他人使用。
~四、其他違反法令之行為。
各機關發現資料外洩、遭竄改或其他資安事件時，應於{hours}小時內通報{unit}，並採取必要之應變措施。
委外辦理{subj}相關業務者，應於契約中明定受託者之保密義務，並得派員查核其執行情形。
{unit}得視業務需要，邀請學者專家及相關機關代表組成諮詢小組，提供專業意見。
各機關辦理{subj}業務之績效，列入年度考核項目；成效優良者，依規定予以獎勵。
違反本{kind}規定者，由各機關依相關法令及人事規定議處；涉及刑事責任者，移送司法機關偵辦。
本{kind}所需經費，由各機關編列年度預算支應。
各機關應於每年{month}月底前，將前一年度辦理情形提報{unit}彙整，並陳報本府。
當事人請求查詢、閱覽或製給複製本者，各機關應於受理之日起{days}日內為准駁之決定；必要時得延長一次。
{unit}應定期辦理教育訓練，使用者每年應至少參加{n}小時之相關課程。
為確保服務不中斷，{unit}應訂定備援及復原計畫，並每年至少演練一次。
各機關使用之資訊系統，應依其重要性分級管理，核心系統應每年進行弱點掃描及滲透測試。
離職或調職人員應於離職前繳回相關設備，並由單位主管確認其帳號權限已註銷。
各機關不得以行動裝置之通訊軟體傳送機密文書；確有需要者，應使用經核准之加密工具。
資料之銷毀應作成紀錄，載明銷毀之日期、方式及執行人員，紀錄至少保存{years}年。
軟體之採購應優先考量開放格式及互通性，避免過度依賴單一廠商。
本府網站及行動應用程式應揭露隱私權政策，並說明蒐集資料之目的、類別及利用期間。
使用者發現系統異常或疑似遭入侵時，應立即停止操作並通知{unit}，不得自行刪除紀錄。
{unit}應每季統計{subj}相關業務之執行情形，並於本府網站公開摘要資訊。
各機關對外提供資料時，應評估是否含有個人資料，必要時以去識別化方式處理後始得提供。
區公所及學校等基層單位人力不足者，得申請由{unit}提供技術協助。
外部人員使用本府網路或設備者，應經單位主管核准，並簽署保密切結書。
各機關應將本{kind}納入新進人員講習課程，並於內部網站公告週知。
""")

TW_CITIES = ["澄陽", "嘉嶼", "臨瀾", "雲嶺", "東陵", "安瀾", "北湖", "澤川"]
TW_UNITS = ["資訊處", "研究發展考核委員會", "秘書處", "數位發展局"]
TW_NUMS = "〇一二三四五六七八九"


def roc_year(year: int) -> str:
    """Taiwan (ROC) year in Chinese numerals, e.g. 2023 -> 一百十二."""
    n = year - 1911
    rest = n - 100
    if rest == 0:
        return "一百"
    if rest < 10:
        return "一百零" + TW_NUMS[rest]
    return "一百" + ("十" if rest < 20 else TW_NUMS[rest // 10] + "十") + (
        TW_NUMS[rest % 10] if rest % 10 else "")


def tw_rule(rng: random.Random, subject: dict[str, str], day: date, markdown: bool) -> str:
    """A Taiwan-style administrative rule in Traditional Chinese (條、規定、資料、軟體)."""
    city = rng.choice(TW_CITIES)
    kind = subject["name"][-2:]
    ctx: Ctx = dict(subject)
    ctx.update({"kind": kind, "unit": rng.choice(TW_UNITS), "hours": ["一", "二", "四"],
                "month": ["一", "二", "三"], "days": ["十五", "二十", "三十"],
                "n": ["三", "四", "六"], "years": ["三", "五"]})
    name = f"{city}市政府{subject['name']}"
    arts = [f"{city}市政府（以下簡稱本府）為{subject['goal']}，特訂定本{kind}。"]
    arts += [fill(t, ctx, rng) for t in sorted(pick(rng, TW_ARTS, 10, 15), key=TW_ARTS.index)]
    arts.append(f"本{kind}未規定事項，依{subject['law']}及其他相關法令辦理。")
    arts.append(f"本{kind}自發布日施行。")
    doc_no = f"府{rng.choice('資秘研數')}字第{day.year - 1911}{rng.randint(1000000, 9999999)}號"
    promul = (f"中華民國{roc_year(day.year)}年{cn_num(day.month)}月{cn_num(day.day)}日"
              f"{city}市政府{doc_no}令訂定發布")
    lines = [f"# {name}" if markdown else name, "", promul, ""]
    for i, art in enumerate(arts, start=1):
        label = f"{cn_num(i)}、" if kind == "要點" else f"第 {i} 條　"
        lines += [f"{label}{art}", ""]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------------------------
# Finance: company announcements and market commentary (CSV)
# --------------------------------------------------------------------------------------------

FIN_REASONS = T("""
报告期内公司主要产品{prod}销量同比增长{g}%，规模效应逐步显现
原材料价格较上年同期有所回落，综合毛利率提升约{pp}个百分点
海外订单交付节奏加快，境外收入占营业收入的比例提升至{share}%
公司持续推进降本增效，期间费用率同比下降{pp}个百分点
报告期内确认政府补助和理财收益等非经常性损益约{a}万元
受下游需求阶段性疲软影响，主要产品销售价格同比下降{g}%
公司对部分存在减值迹象的资产计提减值准备约{a}万元
新建产线处于产能爬坡阶段，折旧和人工成本增加较多
""")

FIN_ANN: dict[str, list[list[str]]] = {
    "业绩预告": [
        ["一、本期业绩预计情况\n业绩预告期间：{year}年1月1日至{year}年12月31日。",
         "一、预计的本期业绩\n本次业绩预告适用于{year}年年度，预计净利润为正值且同向{dir}。"],
        ["经公司财务部门初步测算，预计{year}年度实现归属于上市公司股东的净利润{a}万元至{b}万元，"
         "与上年同期相比{dir}{p1}%至{p2}%。",
         "公司预计{year}年度归属于母公司所有者的净利润为{a}万元到{b}万元，同比{dir}{p1}%到{p2}%。"],
        ["扣除非经常性损益后的净利润预计为{c}万元至{d}万元。",
         "预计扣除非经常性损益后的净利润为{c}万元到{d}万元。"],
        ["二、与会计师事务所沟通情况\n本次业绩预告相关的财务数据未经注册会计师审计，"
         "公司已就有关事项与年审会计师进行了预沟通，双方不存在分歧。",
         "二、审计情况\n本次业绩预告未经会计师事务所审计。"],
        ["三、业绩变动原因说明\n{reason}；{reason}。", "三、本期业绩变化的主要原因\n{reason}；"
                                           "{reason}；{reason}。"],
        ["四、风险提示\n本次业绩预告是公司财务部门初步测算的结果，具体数据以公司正式披露的{year}年"
         "年度报告为准，"
         "敬请广大投资者注意投资风险。",
         "四、其他说明\n以上预告数据仅为初步核算结果，请投资者理性投资，注意风险。"],
        ["五、其他相关说明\n公司不存在影响本次业绩预告内容准确性的重大不确定因素。",
         "五、其他事项\n公司董事会将持续关注经营情况，并按规定履行信息披露义务。"],
    ],
    "回购股份": [
        ["公司于{date}召开第{term}届董事会第{meet}次会议，审议通过了《关于以集中竞价交易方式回购公"
         "司股份方案的议案》。",
         "{date}，公司董事会审议通过了股份回购方案。",
         "基于对公司未来发展前景的信心，公司董事会于{date}审议通过了回购部分股份的议案。"],
        ["公司拟使用自有资金回购部分社会公众股份，回购资金总额不低于人民币{a}万元且不超过人民币{b}"
         "万元，"
         "回购价格不超过{price}元/股。",
         "本次回购资金来源为公司自有资金及股票回购专项贷款，回购金额为{a}万元至{b}万元，价格上限为"
         "每股{price}元。",
         "按回购价格上限{price}元/股测算，预计可回购股份数量约占公司总股本的{ratio}%，资金总额上限"
         "为{b}万元。"],
        ["回购的股份拟用于员工持股计划或者股权激励，回购期限为自董事会审议通过之日起不超过12个月。",
         "本次回购的股份将全部予以注销并相应减少注册资本。",
         "回购股份将在披露回购结果公告后三年内转让，未转让部分将依法予以注销。"],
        ["截至{date2}，公司已累计回购股份{shares}股，占公司总股本的{ratio}%，成交总金额为{paid}万元"
         "（不含交易费用）。",
         "截至本公告披露日，公司尚未实施回购，后续将根据市场情况在回购期限内择机实施。",
         "{date2}，公司首次实施回购，回购股份{shares}股，最高成交价{price}元/股。"],
        ["本次回购方案的实施不会对公司的经营、财务、研发和债务履行能力产生重大影响，不会导致公司控"
         "制权发生变化。",
         "回购期间如公司股票因筹划重大事项连续停牌10个交易日以上，回购方案将在股票复牌后顺延实施。"],
    ],
    "利润分配": [
        ["经{auditor}会计师事务所审计，公司{year}年度实现归属于上市公司股东的净利润{np}万元，母公司"
         "期末可供分配利润{dp}万元。",
         "公司{year}年度合并报表归属于母公司股东的净利润为{np}万元。",
         "根据年度审计结果，公司{year}年合并口径实现净利润{np}万元，期末未分配利润为{dp}万元。"],
        ["公司拟以实施权益分派股权登记日的总股本为基数，向全体股东每10股派发现金红利{cash}元（含税"
         "），"
         "不送红股，不以资本公积金转增股本。",
         "本次利润分配方案为：每10股派发现金红利{cash}元（含税），同时以资本公积金每10股转增{bonus}"
         "股。",
         "董事会提议向全体股东每股派发现金红利{cash}角（含税），剩余未分配利润结转以后年度。"],
        ["本年度现金分红总额占归属于上市公司股东净利润的比例为{payout}%。",
         "公司近三年累计现金分红金额占年均净利润的比例为{payout}%。",
         "如在分配方案披露后至实施前公司总股本发生变动，将维持每股分配比例不变，相应调整分配总额。"],
        ["本方案尚需提交公司{year2}年第{meet}次临时股东大会审议。",
            "本方案尚需经公司年度股东大会审议通过后方可实施。",
         "该预案已经董事会和监事会审议通过，最终以股东大会审议结果为准。"],
        ["本次利润分配预案综合考虑了行业特点、发展阶段和未来资金需求，兼顾了股东的即期利益和长远利"
         "益。",
         "独立董事认为，该预案符合公司实际情况，不存在损害中小股东利益的情形。",
         "公司将于年度报告披露后召开业绩说明会，就现金分红等事项与投资者进行交流。"],
    ],
    "股东减持": [
        ["持有本公司股份{holding}股（占公司总股本比例{ratio}%）的股东{holder}，计划自本公告披露之日"
         "起"
         "15个交易日后的3个月内以集中竞价方式减持本公司股份不超过{sell}股。",
         "公司于近日收到持股5%以上股东{holder}出具的《股份减持计划告知函》，该股东拟减持不超过"
         "{sell}股。",
         "股东{holder}拟通过大宗交易方式减持公司股份不超过{sell}股，减持期间为本公告披露之日起15个"
         "交易日后的3个月内。"],
        ["减持原因为股东自身资金安排，减持价格将根据减持时的市场价格确定。",
         "本次减持股份来源为公司首次公开发行前取得的股份。",
         "该股东表示，本次减持系出于优化个人资产配置的需要。"],
        ["截至本公告披露日，该股东所作的股份锁定承诺已履行完毕，未出现违反承诺的情况。",
         "若减持期间公司发生送股、资本公积金转增股本等股份变动事项，减持数量将相应调整。"],
        ["本次减持计划的实施不会导致公司控制权发生变更，不会对公司治理结构及持续经营产生重大影响。",
         "该股东不是公司控股股东或实际控制人，减持计划实施不会影响公司的日常经营。",
         "减持计划存在减持时间、数量和价格的不确定性，也存在是否按期实施完成的不确定性。"],
        ["公司将持续关注上述股东减持计划的实施进展，并按照相关规定及时履行信息披露义务。",
         "敬请广大投资者理性投资。"],
    ],
    "中标": [
        ["公司近日收到{client}发出的《中标通知书》，确认公司为“{project}”项目的中标单位。",
         "近日，公司在{client}组织的“{project}”招标中被确定为中标人。"],
        ["中标金额约为人民币{amt}万元，约占公司上一年度经审计营业收入的{ratio}%。",
         "本项目中标价为{amt}万元，项目工期约{months}个月。",
         "项目合同总额约{amt}万元，将在未来{months}个月内分阶段确认收入。"],
        ["本次中标对公司未来经营业绩将产生积极影响，但对公司业务独立性不构成影响。",
         "项目的顺利实施将进一步巩固公司在该领域的市场地位。",
         "这是公司在{city}地区取得的第{meet}个同类项目，有助于形成区域示范效应。"],
        ["招标人与公司不存在关联关系，本次中标不构成关联交易。",
         "项目主要内容包括设备供货、安装调试、人员培训和三年运维服务。"],
        ["截至本公告披露日，公司尚未与招标人签订正式合同，合同条款尚存在不确定性。",
         "公司将在签订正式合同后及时履行信息披露义务，敬请投资者注意投资风险。"],
    ],
    "异常波动": [
        ["公司股票连续三个交易日内日收盘价格涨幅偏离值累计超过20%，根据证券交易所的有关规定，属于股"
         "票交易异常波动的情形。",
         "公司股票于{date}至{date2}连续三个交易日收盘价格涨幅偏离值累计达到{dev}%，构成异常波动。",
         "{date}起连续三个交易日，公司股票收盘价格涨幅偏离值累计超过20%，触及异常波动标准。"],
        ["经公司自查并向控股股东及实际控制人书面问询，截至本公告披露日，不存在应披露而未披露的重大"
         "信息。",
         "公司董事会确认，目前没有任何根据有关规定应予以披露而未披露的事项。",
         "针对股票交易异常波动情况，公司核查了有关事项并问询了控股股东，不存在处于筹划阶段的重大事"
         "项。"],
        ["公司近期经营情况正常，内外部经营环境未发生重大变化。",
            "公司前期披露的信息不存在需要更正、补充之处。",
         "公司主营业务和生产经营活动正常，市场环境和行业政策没有发生重大调整。"],
        ["公司关注到近期市场对{concept}概念关注度较高，经核实，相关业务收入占比不足{small}%，对公司"
         "业绩影响有限。",
         "公司未发现近期公共传媒报道了可能对公司股票交易价格产生较大影响的未公开重大信息。",
         "经自查，公司未发现对公司股票交易价格可能产生重大影响的媒体报道或市场传闻。"],
        ["经核实，公司控股股东、实际控制人在股票交易异常波动期间未买卖公司股票。",
         "公司目前不存在违反公平信息披露规定的情形。",
         "异常波动期间，公司董事、监事和高级管理人员不存在买卖公司股票的情形。"],
        ["公司郑重提醒广大投资者，有关信息以公司在指定信息披露媒体刊登的公告为准。",
         "公司股价短期涨幅较大，敬请广大投资者注意二级市场交易风险，理性决策、审慎投资。",
         "公司当前股价涨幅明显高于同期行业指数，存在较高的回落风险，请投资者注意。"],
    ],
    "政府补助": [
        ["公司及下属子公司自{date}至{date2}累计收到与收益相关的政府补助资金共计人民币{amt}万元。",
         "近日，公司全资子公司收到{city}市财政部门拨付的专项扶持资金{amt}万元。"],
        ["上述补助主要用于支持公司{prod}技术改造和研发项目，资金已全部到账。",
         "该笔资金属于与资产相关的政府补助，将在相关资产使用寿命内分期计入当期损益。"],
        ["根据企业会计准则的有关规定，上述资金预计将增加公司本年度利润总额约{amt}万元。",
         "具体会计处理以及对公司损益的影响，最终以会计师事务所年度审计确认的结果为准。"],
        ["本次获得的政府补助不具有可持续性，敬请广大投资者注意投资风险。",
         "公司将根据相关规定对上述政府补助进行会计处理，并在定期报告中披露。"],
    ],
    "对外投资": [
        ["为进一步完善产业布局，公司拟以自有资金出资{amt}万元，在{city}市设立全资子公司。",
         "公司拟与{partner}共同投资设立合资公司，注册资本{amt}万元，其中公司持股{hold}%。"],
        ["新公司主要从事{prod}的研发、生产和销售，预计建设期为{months}个月。",
         "合资公司将聚焦{field}领域，重点开发{prod}相关产品。"],
        ["本次对外投资事项已经公司董事会审议通过，无需提交股东大会审议，不构成关联交易，也不构成重"
         "大资产重组。",
         "根据公司章程的有关规定，本次投资在董事会审批权限范围内。"],
        ["新公司设立后可能面临市场、技术和管理等方面的风险，公司将完善内部控制流程，积极防范和应对"
         "上述风险。",
         "本次投资短期内不会对公司财务状况和经营成果产生重大影响。"],
    ],
}

FIN_MKT = T("""
{date}，A股三大指数{trend}。截至收盘，上证指数报{sh}点，{chg}；深证成指报{sz}点，{chg}；创业板指报{cy}点，{chg}
~。
今日沪深两市合计成交{turn}亿元，较上一交易日{more}{diff}亿元。
个股方面，全市场上涨个股{up}只，下跌{down}只，另有{lim}只个股涨停。
行业板块方面，{sec}、{sec}板块涨幅居前，{sec}、{sec}板块跌幅居前。
{sec}板块午后持续走强，板块内{n}只个股涨幅超过5%，成交额明显放大。
资金面上，央行今日开展{rr}亿元7天期逆回购操作，当日有{mat}亿元逆回购到期。
债市方面，10年期国债活跃券收益率{bpdir}{bp}个基点至{y10}%，30年期国债期货主力合约{chg}。
汇市方面，在岸人民币对美元16:30收盘报{fx}，较上一交易日{fxdir}{pips}个基点。
商品期货方面，沪铜主力合约收报{cu}元/吨，{chg}；螺纹钢主力合约报{rb}元/吨，{chg}。
海外市场方面，隔夜美股三大股指涨跌不一，道琼斯工业平均指数{chg}，纳斯达克综合指数{chg}。
港股方面，恒生指数收报{hs}点，{chg}；恒生科技指数{chg}。
融资融券方面，截至上一交易日两融余额为{margin}亿元，较前一日{more}{mdiff}亿元。
{broker}研究所认为，{view}。
{broker}首席策略分析师{analyst}表示，{view}。
从盘面结构看，权重股与题材股走势分化，市场热点轮动速度较快。
""")

FIN_MACRO = T("""
最新公布的数据显示，{month}月份全国居民消费价格指数（CPI）同比{updown}{cpi}%，环比{cpim}%。
{month}月份工业生产者出厂价格指数（PPI）同比下降{ppi}%，降幅较上月收窄{ppid}个百分点。
{month}月份制造业采购经理指数（PMI）为{pmi}%，比上月{updown}{pmid}个百分点。
从分项看，新订单指数为{noi}%，生产指数为{pi}%，表明市场需求{demand}。
前{month}个月，规模以上工业增加值同比增长{ip}%，社会消费品零售总额同比增长{rs}%。
{month}月末，广义货币（M2）余额同比增长{m2}%，社会融资规模存量同比增长{tsf}%。
{month}月份出口以美元计价同比增长{ex}%，进口同比{updown}{im}%，贸易顺差{tb}亿美元。
{economist}指出，{mview}。
{broker}宏观团队预计，下一季度GDP增速有望保持在{gdp}%左右。
{month}月份，全国城镇调查失业率为{unemp}%，与上月{flat}。
{month}月份，全国房地产开发投资同比下降{re}%，新建商品房销售面积降幅有所收窄。
前{month}个月，全国固定资产投资同比增长{fai}%，其中制造业投资增长{mfg}%，基础设施投资增长{infra}%。
{month}月份，社会消费品零售总额中餐饮收入同比增长{cat}%，商品零售同比增长{ret}%。
{month}月份，人民币贷款增加{loan}亿元，其中居民中长期贷款{hh}。
从物价结构看，食品价格同比{updown}{food}%，核心CPI同比上涨{core}%，保持温和水平。
非制造业商务活动指数为{nmi}%，建筑业和服务业走势有所分化。
{month}月末，外汇储备规模为{fxr}亿美元，较上月末{updown}{fxd}亿美元。
{month}月份，全国规模以上工业企业利润同比{updown}{prof}%，装备制造业利润增长较快。
从地区看，东部地区经济增速保持领先，中西部地区投资增速有所加快。
{month}月份，高技术制造业增加值同比增长{ht}%，明显快于全部规模以上工业。
服务业生产指数同比增长{svc}%，信息传输、软件和信息技术服务业增长较快。
{month}月份，全国一般公共预算收入同比{updown}{fisc}%，税收收入降幅有所收窄。
有分析认为，政策效果的显现存在时滞，后续几个月的数据更值得关注。
""")

FIN_FUND = T("""
上周权益类基金整体{ftrend}，普通股票型基金平均收益率为{fr}，偏股混合型基金平均收益率为{fr}。
全市场有{n}只基金周内净值增长超过5%，其中多数重仓{sec}板块。
债券型基金表现稳健，中长期纯债基金平均收益率为{fbond}，短债基金平均收益率为{fbond}。
新发基金方面，上周共有{nf}只基金成立，合计募集规模{ns}亿元，环比{more}{nsd}%。
指数基金方面，宽基ETF获得资金净流入{etf}亿元，其中跟踪沪深300指数的产品净流入居前。
{fundco}基金经理{analyst}表示，{view}。
QDII基金受海外市场影响，周内平均收益率为{fr}，分化较为明显。
货币市场基金七日年化收益率平均为{mmf}%，较前一周小幅{updown}。
行业主题基金中，{sec}主题产品平均收益率为{fr}，位居各类主题前列。
上周新成立的基金中，债券型基金占比约{bshare}%，权益类产品发行依然偏冷。
从仓位测算看，主动权益基金平均股票仓位约为{pos}%，较前一周{updown}{posd}个百分点。
FOF基金整体表现平稳，平均收益率为{fr}。
{fundco}旗下一只科技主题基金周内净值增长{frp}，规模突破{aum}亿元。
机构人士建议，普通投资者应根据自身风险承受能力进行配置，避免追涨杀跌。
上周基金市场整体申购意愿有所回升，权益类基金份额小幅增加。
从风格看，小盘成长风格基金表现优于大盘价值风格基金。
红利主题基金延续稳健表现，周内平均收益率为{fr}。
{fundco}发布公告称，旗下部分基金将于下周起暂停大额申购。
港股通主题基金平均收益率为{fr}，受港股市场波动影响较大。
可转债基金平均收益率为{fr}，转债市场成交有所活跃。
""")

FIN_NOTE = T("""
{company}{year}年前三季度实现营业收入{rev}亿元，同比增长{g}%；归母净利润{np2}亿元，同比增长{g2}%。
分季度看，第三季度单季营收{q3}亿元，环比{updown}{qg}%，单季毛利率为{gm}%。
报告期内公司综合毛利率同比提升{pp}个百分点，主要得益于产品结构优化和规模效应。
销售费用率和管理费用率分别为{sr}%和{ar}%，费用控制能力保持稳定。
经营活动产生的现金流量净额为{cf}亿元，同比明显改善，应收账款周转天数缩短{dd}天。
公司新产能预计于明年上半年投产，届时总产能将提升约{cap}%。
我们预计公司{y1}—{y3}年每股收益分别为{e1}元、{e2}元、{e3}元，对应市盈率分别为{pe1}倍、{pe2}倍、{pe3}倍
~。
考虑到公司在细分领域的竞争优势，维持“{rating}”评级。
风险提示：原材料价格大幅波动、下游需求不及预期、行业竞争加剧。
公司海外业务收入占比提升至{share}%，新兴市场客户贡献了主要增量。
报告期末公司存货{inv}亿元，较年初{updown}{g}%，库存周转保持在合理水平。
公司持续加大研发投入，前三季度研发费用{rdx}亿元，同比增长{g}%。
管理层在业绩说明会上表示，第四季度订单饱满，全年经营目标有望顺利完成。
公司拟投资{inv2}亿元建设智能制造基地，项目达产后将新增年产值约{out}亿元。
短期来看，原材料价格下行有望进一步增厚公司利润。
公司第三季度经营活动现金流入{cfi}亿元，回款节奏明显好于去年同期。
从产品结构看，高毛利新品的收入占比已提升至{share}%。
公司前十大客户收入占比为{share}%，客户集中度有所下降。
费用端，公司财务费用同比减少{g}%，主要受汇兑收益增加影响。
公司账面货币资金{cash2}亿元，资产负债结构稳健，为后续扩产提供了保障。
我们上调公司盈利预测，主要考虑到新产品放量速度快于此前预期。
公司所处细分行业集中度持续提升，龙头企业的议价能力不断增强。
本季度公司计提信用减值损失{imp}亿元，对利润形成一定拖累。
""")

FIN_VIEWS = [
    "短期市场仍以结构性行情为主，可关注业绩确定性较高的细分龙头",
    "随着稳增长政策持续落地，市场风险偏好有望逐步修复",
    "当前整体估值处于历史偏低区间，中长期配置价值较为突出",
    "成交量能否持续放大是判断行情延续性的关键",
    "外部不确定性依然存在，投资者宜控制仓位、均衡配置",
    "财报披露期临近，业绩超预期的品种或更受资金青睐",
    "在利率下行的环境中，高股息资产仍具备较强吸引力",
    "科技成长板块波动加大，需警惕短期情绪过热带来的回撤",
    "消费板块的修复节奏偏慢，建议等待数据进一步验证",
    "顺周期板块的弹性取决于地产链和基建投资的实际进展",
]
FIN_MVIEWS = [
    "内需修复仍需政策继续发力，消费和投资的内生动力有待增强",
    "价格水平温和回升有利于改善企业利润和居民收入预期",
    "出口韧性超出市场预期，但外需前景仍有较大不确定性",
    "房地产对经济的拖累有所减弱，但企稳仍需时间",
    "货币政策仍有适度宽松空间，财政政策有望加快发力",
]
SECTORS = ["半导体", "消费电子", "光伏设备", "电池", "汽车整车", "白酒", "银行", "保险",
           "证券", "煤炭", "有色金属", "医疗器械", "创新药", "房地产", "军工", "通信设备",
           "软件开发", "电力", "家电", "养殖", "化学原料", "钢铁", "航运港口", "游戏"]
BROKERS = ["澄明证券", "嘉岳证券", "临川证券", "北辰证券", "衡远证券", "泽安证券"]
FUNDCOS = ["云杉基金", "明湾基金", "知岸基金", "启曜基金"]


def signed(lo: float, hi: float, up: float = 0.5) -> Callable[[random.Random], str]:
    """A move such as 涨0.82% or 跌1.15%; ``up`` is the chance of a rise."""
    return lambda r: f"{'涨' if r.random() < up else '跌'}{r.uniform(lo, hi):.2f}%"


def signed_pct(lo: float, hi: float) -> Callable[[random.Random], str]:
    """A return such as +0.82% or -1.15%."""
    return lambda r: f"{r.choice('+-')}{r.uniform(lo, hi):.2f}%"


CLIENTS = ["城市建设投资", "轨道交通", "水务", "供电"]
PROJECTS = ["智慧水务", "轨道交通信号", "储能电站", "污水处理厂提标改造", "数据中心"]
MOODS = {"up": (["集体收涨", "低开高走", "震荡上行"], 0.85),
         "down": (["集体收跌", "冲高回落", "震荡走低"], 0.15),
         "mixed": (["涨跌不一", "震荡整理", "窄幅波动"], 0.5)}


def fin_ctx(rng: random.Random, day: date, lead: str | None = None) -> Ctx:
    """Slot values for one finance document (``lead`` = sector named in the title)."""
    year = day.year
    short = firm(rng)
    trends, up = MOODS[rng.choice(list(MOODS))]
    return {
        "date": zh_date(day), "date2": zh_date(day + timedelta(days=rng.randint(2, 20))),
        "year": str(year - 1), "year2": str(year), "company": f"{short}股份有限公司",
        "short": short, "prod": rng.choice(["核心零部件", "新能源材料", "智能终端", "工业软件",
                                            "特种化学品", "医疗耗材", "功能性食品", "精密模具"]),
        "g": num(3, 46), "g2": num(2, 60), "pp": dec(0.5, 6.0, 1), "share": num(12, 48),
        "a": lambda r: f"{r.randint(800, 48000):,}", "b": lambda r: f"{r.randint(50000, 98000):,}",
        "c": lambda r: f"{r.randint(600, 40000):,}", "d": lambda r: f"{r.randint(42000, 90000):,}",
        "p1": num(8, 40), "p2": num(41, 120), "dir": ["增长", "上升"],
        "reason": lambda r: fill(r.choice(FIN_REASONS), fin_reason_ctx, r),
        "term": ["三", "四", "五"], "meet": ["二", "五", "七", "十一", "十三"],
        "price": dec(12, 96), "shares": lambda r: f"{r.randint(100, 9000) * 1000:,}",
        "ratio": dec(0.1, 9.5), "paid": lambda r: f"{r.uniform(300, 12000):,.2f}",
        "auditor": ["明衡", "正澄", "立诚", "恒信"],
            "np": lambda r: f"{r.uniform(800, 90000):,.2f}",
        "dp": lambda r: f"{r.uniform(1000, 150000):,.2f}", "cash": dec(0.5, 12.0),
        "bonus": ["2", "3", "4"], "payout": num(20, 65),
        "holding": lambda r: f"{r.randint(5, 90) * 1000000:,}", "holder": person,
        "sell": lambda r: f"{r.randint(1, 30) * 100000:,}",
        "client": lambda r: f"{r.choice(CITIES)}市{r.choice(CLIENTS)}集团有限公司",
        "project": lambda r: f"{r.choice(CITIES)}{r.choice(PROJECTS)}项目",
        "amt": lambda r: f"{r.randint(1200, 98000):,}", "months": num(6, 30), "dev": dec(20, 32),
        "trend": rng.choice(trends),
        "sh": dec(2850, 3550), "sz": dec(8800, 11600), "cy": dec(1650, 2350),
        "chg": signed(0.05, 2.8, up), "turn": num(6200, 14800), "more": ["增加", "减少"],
        "diff": num(80, 1900), "up": num(800, 4200), "down": num(800, 4200), "lim": num(18, 130),
        "sec": cycle(rng, SECTORS, lead), "n": num(5, 40), "rr": num(200, 4500), "mat": num(300,
            5000),
        "bpdir": ["上行", "下行"], "bp": dec(0.2, 4.0, 1), "y10": dec(1.60, 2.40),
        "fx": lambda r: f"7.{r.randint(1000, 2999)}", "fxdir": ["升值", "贬值"], "pips": num(5,
            260),
        "cu": num(68000, 82000), "rb": num(3100, 3900), "hs": dec(16500, 21500),
        "margin": dec(14500, 19500), "mdiff": dec(5, 160), "broker": BROKERS, "analyst": person,
        "view": FIN_VIEWS, "month": str(rng.randint(2, 11)), "updown": ["上涨", "下降"],
        "cpi": dec(0.1, 1.9, 1), "cpim": dec(-0.5, 0.6, 1), "ppi": dec(0.4, 3.2, 1),
        "ppid": dec(0.1, 0.8, 1), "pmi": dec(48.6, 51.4, 1), "pmid": dec(0.1, 1.2, 1),
        "noi": dec(47.5, 52.5, 1), "pi": dec(48.5, 53.0, 1), "demand": ["有所回暖", "仍显不足",
            "基本平稳"],
        "ip": dec(3.5, 7.2, 1), "rs": dec(2.0, 6.5, 1), "m2": dec(6.5, 9.8, 1), "tsf": dec(7.5,
            9.5, 1),
        "ex": dec(-3.0, 12.0, 1), "im": dec(0.5, 6.0, 1), "tb": num(600, 1100),
        "economist": lambda r: f"{r.choice(BROKERS)}首席经济学家{person(r)}", "mview": FIN_MVIEWS,
        "gdp": dec(4.6, 5.4, 1), "ftrend": ["小幅上涨", "普遍回调", "涨跌互现"],
            "fr": signed_pct(0.1, 3.5),
        "fbond": pct(0.01, 0.35, 2), "nf": num(12, 46), "ns": num(80, 520), "nsd": num(3, 60),
        "etf": num(15, 260), "fundco": FUNDCOS, "rev": dec(5, 480), "np2": dec(0.5, 60),
        "unemp": dec(4.9, 5.4, 1), "flat": ["持平", "相比下降0.1个百分点", "相比上升0.1个百分点"],
        "re": dec(5, 12, 1), "fai": dec(2, 5, 1), "mfg": dec(6, 10, 1), "infra": dec(3, 8, 1),
        "cat": dec(3, 9, 1), "ret": dec(2, 6, 1), "loan": num(3000, 25000),
        "hh": ["同比少增", "同比多增", "与上年同期基本持平"], "food": dec(0.5, 4, 1),
        "core": dec(0.3, 1.0, 1), "nmi": dec(49.5, 52.5, 1), "fxr": num(31000, 33500),
        "fxd": num(50, 600), "mmf": dec(1.3, 2.0, 3), "bshare": num(50, 85), "pos": dec(78, 90, 1),
        "posd": dec(0.2, 1.5, 1), "aum": num(10, 90), "inv": dec(2, 60, 1), "inv2": num(5, 80),
        "out": num(10, 150), "frp": pct(5, 9, 2),
        "cfi": dec(5, 120, 1), "cash2": dec(3, 90, 1), "imp": dec(0.1, 3.5, 2),
        "prof": dec(1, 12, 1), "ht": dec(7, 12, 1), "svc": dec(4, 7, 1), "fisc": dec(0.5, 5, 1),
            "q3": dec(2, 180),
        "qg": dec(0.5, 25, 1), "gm": dec(15, 55, 1), "sr": dec(2, 12, 1), "ar": dec(3, 9, 1),
        "cf": dec(0.5, 60), "dd": num(3, 25), "cap": num(15, 80), "y1": str(year),
        "y3": str(year + 2), "e1": dec(0.3, 2.0), "e2": dec(2.1, 3.0), "e3": dec(3.1, 4.2),
        "pe1": num(25, 40), "pe2": num(18, 24), "pe3": num(12, 17), "rating": ["买入", "增持"],
        "founded": lambda r: str(r.randint(1994, 2016)),
            "staff": lambda r: f"{r.randint(3, 90) * 100}",
        "field": rng.choice(["新能源汽车、储能", "医疗健康", "消费电子、通信", "建筑、交通",
                             "工业自动化"]),
        "city": CITIES,
        "partner": lambda r: f"{firm(r)}有限公司", "hold": num(51, 80), "small": num(1, 5),
        "concept": ["人工智能", "低空经济", "固态电池", "人形机器人", "算力", "创新药"],
        "assets": dec(8, 320, 1), "lev": dec(22, 68, 1), "rdx": dec(0.3, 18, 2),
        "rdr": dec(2.5, 12, 1), "pat": num(8, 160), "backlog": dec(3, 120, 1), "ur": num(62, 95),
    }


fin_reason_ctx: Ctx = {"prod": ["核心产品", "主营产品", "新能源业务产品"], "g": num(3, 35),
                       "pp": dec(0.5, 5.0, 1), "share": num(15, 45),
                       "a": lambda r: f"{r.randint(300, 9000):,}"}
FIN_ANN_OPS = T("""
公司{year}年实现营业收入{rev}亿元，同比增长{g}%，其中{prod}业务收入占比约{share}%。
截至{year}年末，公司总资产{assets}亿元，资产负债率为{lev}%。
报告期内公司研发投入{rdx}亿元，占营业收入的比例为{rdr}%，新增授权专利{pat}项。
公司目前在手订单金额约{backlog}亿元，主要生产线的产能利用率维持在{ur}%左右。
""")
FIN_ANN_INTRO = T("""
{company}成立于{founded}年，主要从事{prod}的研发、生产和销售，产品应用于{field}等领域。
公司是一家专注于{prod}领域的高新技术企业，现有员工约{staff}人，在{city}等地设有生产基地。
""")
FIN_ANN_TAIL = T("""
备查文件：1.第{term}届董事会第{meet}次会议决议；2.独立董事关于相关事项的独立意见。
公司指定的信息披露媒体为证券交易所网站及符合条件的媒体，有关信息均以在上述媒体刊登的公告为准。
如有疑问，投资者可通过公司投资者关系邮箱或证券事务部电话咨询，公司将在工作时间内予以回复。
""")
ANN_TITLES = {"政府补助": "获得政府补助的公告", "对外投资": "对外投资设立子公司的公告",
              "业绩预告": "{year}年度业绩预告",
                  "回购股份": "以集中竞价交易方式回购公司股份的进展公告",
              "利润分配": "{year}年度利润分配预案的公告",
                  "股东减持": "持股5%以上股东减持股份计划的预披露公告",
              "中标": "项目中标的公告", "异常波动": "股票交易异常波动公告"}


def fin_announcement(rng: random.Random, doc_id: str, day: date) -> Doc:
    """A listed-company announcement with a disclosure header."""
    ctx = fin_ctx(rng, day)
    kind = rng.choice(list(FIN_ANN))
    code = f"{rng.choice(['60', '00', '30', '68'])}{rng.randint(1000, 9999)}"
    title = f"{ctx['company']}关于{fill(ANN_TITLES[kind], ctx, rng)}"
    serial = f"{day.year}-{rng.randint(1, 98):03d}"
    head = f"证券代码：{code}　证券简称：{ctx['short']}　公告编号：{serial}\n{title}\n"
    if rng.random() < 0.6:
        head += rng.choice([
            "本公司及董事会全体成员保证信息披露的内容真实、准确、完整，没有虚假记载、误导性陈述或重"
            "大遗漏。\n",
            "本公司董事会及全体董事保证本公告内容不存在任何虚假记载、误导性陈述或者重大遗漏，"
            "并对其内容的真实性、准确性和完整性承担法律责任。\n"])
    clauses = [alts for i, alts in enumerate(FIN_ANN[kind]) if i < 2 or rng.random() < 0.8]
    body = "\n".join(fill(rng.choice(alts), ctx, rng) for alts in clauses)
    intro = fill(rng.choice(FIN_ANN_INTRO), ctx, rng) + para(rng, FIN_ANN_OPS, ctx, 1, 3)
    body = intro + "\n" + body
    body += "\n" + "".join(fill(t, ctx, rng) for t in pick(rng, FIN_ANN_TAIL, 1, 2))
    tail = f"\n特此公告。\n{ctx['company']}董事会\n{zh_date(day)}"
    return Doc(id=doc_id, domain="finance", title=title, text=head + body + tail,
               published=day.isoformat(), license="CC-BY-4.0")


def fin_commentary(rng: random.Random, doc_id: str, day: date) -> Doc:
    """Market wrap, macro data note, fund weekly or a company research note."""
    kind = rng.choice(["market", "market", "macro", "fund", "note"])
    lead = rng.choice(SECTORS)
    ctx = fin_ctx(rng, day, lead)
    pools = {"market": FIN_MKT, "macro": FIN_MACRO, "fund": FIN_FUND, "note": FIN_NOTE}
    if kind == "market":
        title = f"{zh_date(day)}收评：{lead}板块{rng.choice(['领涨', '走强', '活跃', '回调'])}"
    elif kind == "macro":
        topic = rng.choice(["内需", "物价", "外贸", "信贷"])
        title = f"{ctx['month']}月宏观数据点评：{topic}数据解读"
    elif kind == "fund":
        title = f"基金周报（{day.month}月第{rng.randint(1, 4)}周）：{lead}主题基金表现居前"
    else:
        title = f"{ctx['short']}点评：{rng.choice(['盈利能力改善', '新产能释放在即', '经营稳健'])}"
    pool = pools[kind]
    if kind == "market":
        chosen = [pool[0], *pick(rng, pool[1:], 6, 9), *pick(rng, FIN_MACRO, 2, 4)]
    else:
        chosen = pick(rng, pool, 9, 12)
    sents = [fill(t, ctx, rng) for t in chosen]
    cuts = sorted(rng.sample(range(2, len(sents) - 1), 2))
    paras = ["".join(sents[:cuts[0]]), "".join(sents[cuts[0]:cuts[1]]), "".join(sents[cuts[1]:])]
    paras = fit(paras, rng, 450, 1200, [])
    if rng.random() < 0.4:
        paras.append(f"（来源：{rng.choice(BROKERS)}研究所；本文不构成投资建议）")
    return Doc(id=doc_id, domain="finance", title=title, text="\n".join(paras),
               published=day.isoformat(), license=rng.choice(["CC-BY-4.0", "CC-BY-SA-4.0"]))


# --------------------------------------------------------------------------------------------
# Industry: manufacturing and energy reports laid out as PDFs
# --------------------------------------------------------------------------------------------

IND_TOPICS = records("""
ind: 光伏制造业
prod: 光伏组件
output: 全国光伏组件产量
unit: 吉瓦
tech1: N型TOPCon电池
tech2: 异质结电池
tech3: 钙钛矿叠层电池
mat: 多晶硅
cost: 主流组件价格
cvr: 0.8-1.2
costu: 元/瓦
issue: 阶段性产能过剩，产品价格持续下探
link: 硅料、硅片、电池片和组件
region: 长三角|西北地区|环渤海

ind: 风电装备制造业
prod: 风电机组
output: 全国新增风电装机容量
unit: 万千瓦
tech1: 大兆瓦机组
tech2: 碳纤维主梁叶片
tech3: 漂浮式海上风电
mat: 稀土永磁材料
cost: 陆上风机中标均价
cvr: 1400-2200
costu: 元/千瓦
issue: 低价竞争加剧，供应链回款周期拉长
link: 叶片、齿轮箱、发电机和塔筒
region: 东南沿海|华北地区|东北地区

ind: 新型储能产业
prod: 储能电池
output: 储能电池出货量
unit: 吉瓦时
tech1: 大容量磷酸铁锂电芯
tech2: 液冷温控系统
tech3: 构网型储能变流器
mat: 碳酸锂
cost: 两小时储能系统报价
cvr: 0.5-0.9
costu: 元/瓦时
issue: 部分电站利用率偏低，商业模式尚不清晰
link: 电芯、电池管理系统、储能变流器和系统集成
region: 珠三角|长三角|西南地区

ind: 氢能产业
prod: 电解槽
output: 电解槽出货量
unit: 兆瓦
tech1: 碱性电解水制氢
tech2: 质子交换膜电解
tech3: 高压气态储运
mat: 铂族催化剂
cost: 可再生能源制氢成本
cvr: 18-35
costu: 元/千克
issue: 终端应用场景有限，储运成本偏高
link: 制氢、储运、加注和燃料电池
region: 西北地区|华北地区|长三角

ind: 钢铁行业
prod: 粗钢
output: 全国粗钢产量
unit: 万吨
tech1: 烧结烟气循环
tech2: 高炉煤气精脱硫
tech3: 氢基竖炉直接还原
mat: 铁矿石
cost: 吨钢环保运行成本
cvr: 120-260
costu: 元/吨
issue: 需求下行与环保投入叠加，企业经营压力加大
link: 烧结、炼铁、炼钢和轧钢
region: 华北地区|华东地区|中南地区

ind: 动力电池回收利用产业
prod: 再生电池材料
output: 退役动力电池回收量
unit: 万吨
tech1: 智能化拆解
tech2: 湿法冶金回收
tech3: 梯次利用检测分选
mat: 镍钴锂资源
cost: 磷酸铁锂废料回收价格
cvr: 3000-9000
costu: 元/吨
issue: 回收渠道分散，小作坊无序竞争
link: 回收、拆解、梯次利用和再生利用
region: 华中地区|珠三角|长三角

ind: 工业互联网
prod: 工业互联网平台
output: 接入工业互联网平台的工业设备
unit: 万台（套）
tech1: 工业数据采集与边缘计算
tech2: 工业大模型
tech3: 标识解析体系
mat: 工业芯片
cost: 中小企业上云平均投入
cvr: 8-30
costu: 万元/家
issue: 中小企业转型意愿不足，数据互通水平较低
link: 网络、平台、安全和应用服务
region: 长三角|珠三角|成渝地区

ind: 数控机床产业
prod: 五轴联动数控机床
output: 金属切削机床产量
unit: 万台
tech1: 高速电主轴
tech2: 数控系统
tech3: 热误差补偿
mat: 高精度滚珠丝杠
cost: 中档数控机床均价
cvr: 25-60
costu: 万元/台
issue: 高端功能部件依赖进口，整机可靠性有待提高
link: 铸件、功能部件、数控系统和整机装配
region: 东北地区|长三角|山东半岛

ind: 化工园区
prod: 基础化学品
output: 重点化工园区工业总产值
unit: 亿元
tech1: 智慧化安全监管平台
tech2: 园区封闭化管理
tech3: 危险化学品全流程追溯
mat: 基础化工原料
cost: 园区单位产值能耗
cvr: 0.4-1.2
costu: 吨标准煤/万元
issue: 部分园区安全风险底数不清，应急处置能力不足
link: 原料供应、生产加工、仓储物流和废物处置
region: 沿海地区|长江沿线|西北地区

ind: 煤电行业
prod: 煤电机组
output: 完成灵活性改造的煤电装机
unit: 万千瓦
tech1: 低负荷稳燃
tech2: 热电解耦
tech3: 熔盐储热调峰
mat: 动力煤
cost: 深度调峰补偿价格
cvr: 0.2-0.5
costu: 元/千瓦时
issue: 改造收益回收机制不完善，部分机组亏损运行
link: 燃料供应、发电、调峰和供热
region: 华北地区|西北地区|东北地区

ind: 特高压输电
prod: 特高压线路
output: 在运特高压线路长度
unit: 公里
tech1: 柔性直流输电
tech2: 大容量换流阀
tech3: 输电线路状态监测
mat: 取向硅钢
cost: 跨区输电价格
cvr: 0.05-0.1
costu: 元/千瓦时
issue: 送受端协同不足，部分通道利用率偏低
link: 换流站、输电线路、调度和配套电源
region: 西北地区|西南地区|华中地区

ind: 工业机器人产业
prod: 工业机器人
output: 全国工业机器人产量
unit: 万套
tech1: 精密减速器
tech2: 伺服电机
tech3: 视觉引导与力控
mat: 高性能轴承钢
cost: 六轴机器人均价
cvr: 8-20
costu: 万元/台
issue: 核心零部件性能与国际先进水平仍有差距
link: 减速器、伺服系统、控制器和本体制造
region: 长三角|珠三角|京津冀
""")

IND_ABSTRACT = T("""
本文梳理了{yp}年{ind}的运行情况，分析了{tech1}等技术的最新进展和行业面临的主要问题，
~并从规划布局、技术创新和要素保障等方面提出建议。
{yp}年{ind}在复杂环境中保持增长，但结构性矛盾依然突出。本文基于公开数据和企业调研，
~对产量、价格、技术和企业动向进行了分析，并提出若干政策建议。
围绕{ind}高质量发展这一主题，本文从产业规模、技术进步、市场竞争和外部环境四个维度进行了考察，
~认为行业正处于由规模扩张向质量提升转变的关键阶段。
""")

IND_OVERVIEW = T("""
{yp}年，{output}约为{v1}{unit}，同比增长{g}%，增速较上年{acc}{pp}个百分点。
从区域分布看，{region}和{region}仍是{ind}最集中的地区，两地合计占全国总量的{share}%左右。
出口方面，{prod}出口额同比增长{g}%，对新兴市场的出口占比首次超过{share}%。
产业链各环节中，{link}的集中度差异较大，头部企业市场份额普遍在{share}%以上。
{mat}价格全年波动明显，年末较年初{updown}约{g}%，对中下游企业的成本管控提出了较高要求。
{cost}已降至约{cv}{costu}，较三年前下降了近{g}%。
行业固定资产投资保持较快增长，全年新开工项目{np}个，计划总投资超过{ti}亿元。
规模以上企业数量达到{ne}家，其中高新技术企业占比约为{share}%。
从季度走势看，一季度受春节因素影响增速偏低，二季度起明显回升，四季度订单尤为集中。
据{assoc}统计，{yp}年行业产能利用率约为{ur}%，较上年{updown2}。
行业营业收入约{rev}亿元，同比增长{g}%，但利润总额同比下降{pp}个百分点，呈现“量增价减”的特征。
""")

IND_TECH = T("""
{tech1}加快走向规模化应用，主流企业的量产效率和良品率持续提升。
{tech2}已完成多个示范项目，{company}建成的首条产线于{yp}年{m}月投入运行。
{tech3}仍处于中试阶段，实验室数据表现良好，但长期可靠性有待更多实证。
在数字化方面，越来越多企业将生产数据接入统一平台，通过算法优化工艺参数，单位能耗平均下降{g}%。
标准体系建设同步推进，全年新发布行业标准{ns}项，覆盖设计、制造、检测和运维等环节。
围绕{mat}的替代和减量，科研院所与企业联合开展攻关，部分成果已进入工程验证阶段。
{univ}团队提出的新型工艺方案，使关键工序的处理时间缩短了约{g}%。
装备国产化率进一步提高，{link}等环节的核心设备已基本实现自主供应。
企业研发投入强度普遍在{rd}%至{rd2}%之间，头部企业每年新增专利数百项。
检测认证能力不断完善，{region}建成的国家级检验中心已能开展全项目型式试验。
智能工厂建设成效初显，典型企业的人均产值较改造前提升了{g}%以上。
产学研合作模式日趋多样，共建实验室、揭榜挂帅和联合培养工程师等方式被广泛采用。
""")

IND_FIRMS = T("""
{company}年内宣布在{region}投资建设{prod}生产基地，项目总投资约{inv}亿元，预计{y2}年建成投产。
{company}与海外客户签订长期供货协议，合同期限{yrs}年，涉及金额约{amt}亿元。
多家龙头企业披露的年报显示，{prod}业务毛利率普遍下滑{pp}个百分点左右。
行业并购重组趋于活跃，全年披露的并购事件{ma}起，交易总额超过{mv}亿元。
部分中小企业因订单不足选择减产或转型，产能加速向具备技术和成本优势的企业集中。
{company}发布的新一代{prod}产品，在能效、寿命和可维护性等指标上较上一代有明显改进。
上市企业中，研发人员占比超过{share}%的公司数量较上年增加了{ri}家。
{company}牵头组建的产业创新联合体吸纳了上下游{mem}家单位，重点突破{tech3}等共性技术。
""")

IND_ISSUES = T("""
当前行业面临的突出问题是{issue}，部分企业经营压力明显加大。
关键材料和高端零部件的对外依存度仍然较高，一旦供应链出现波动，容易影响正常生产。
复合型技术人才短缺，特别是既懂工艺又懂数据分析的工程师供不应求。
一些地方在项目引进中存在盲目跟风现象，低水平重复建设的风险值得警惕。
标准和检测体系与产业发展速度不相匹配，新产品认证周期偏长。
中小企业融资渠道有限，技术改造投入不足，数字化转型进展相对缓慢。
国际贸易环境变化带来不确定性，部分出口市场提高了准入门槛。
资源环境约束趋紧，能耗和排放指标成为项目落地的重要制约因素。
""")

IND_ADVICE = T("""
加强统筹规划，引导产能合理布局，遏制低水平重复建设。
加大{tech1}和{tech3}等关键技术的研发投入，支持首台（套）装备示范应用。
完善产业链协同机制，鼓励上下游企业围绕{mat}供应签订中长期协议。
健全标准体系，加快制定与国际接轨的检测认证规范，缩短新产品上市周期。
创新金融支持方式，探索设备融资租赁、绿色信贷和知识产权质押等融资渠道。
加强人才培养，鼓励高校与企业联合设置专业方向，扩大工程技术人才供给。
深化国际合作，支持企业以多种方式参与海外项目，提升品牌影响力和抗风险能力。
推动数字化和绿色化协同转型，对中小企业的技术改造给予针对性补助。
建立行业运行监测和预警机制，及时发布产能、价格和库存等信息，稳定市场预期。
强化质量监管，严厉打击以次充好、虚标参数等扰乱市场秩序的行为。
支持{region}等优势地区建设产业集群，完善配套服务和公共技术平台。
发挥行业协会作用，倡导公平竞争，抵制恶性价格战。
""")

IND_PUBS = ["产业经济观察", "制造与能源评论", "工业发展研究", "能源转型通讯"]
IND_UNITS = ["澄阳工业技术研究院", "嘉屿大学经济管理学院",
             "临澜能源发展研究中心", "东陵产业规划研究所"]
ORDINALS = "一二三四五六七八九十"


def cost_value(span: str) -> Callable[[random.Random], str]:
    """Slot value inside a topic's ``lo-hi`` range, with sensible decimals."""
    lo, hi = (float(x) for x in span.split("-"))
    digits = 0 if hi >= 100 else 3 if hi < 0.2 else 2
    return dec(lo, hi, digits)


def ind_ctx(rng: random.Random, topic: dict[str, str], year: int) -> Ctx:
    """Slot values for one industry report."""
    ctx: Ctx = {k: v for k, v in topic.items() if k != "region"}
    ctx.update({
        "region": cycle(rng, topic["region"].split("|")), "yp": str(year - 1),
            "y2": str(year + rng.randint(1, 2)),
        "v1": lambda r: f"{r.randint(120, 9800):,}", "g": num(4, 38), "acc": ["加快", "回落"],
        "pp": dec(0.5, 6.5, 1), "share": num(18, 65), "updown": ["上涨", "下降"],
        "updown2": ["有所提高", "小幅下降", "基本持平"], "cv": cost_value(topic["cvr"]),
        "np": num(40, 420), "ti": num(300, 6800), "ne": num(180, 2600),
        "assoc": [f"{topic['ind'].removesuffix('产业').removesuffix('行业')}相关行业协会",
            "行业研究机构"],
        "ur": num(58, 86), "rev": lambda r: f"{r.randint(800, 24000):,}",
        "company": lambda r: f"{firm(r)}集团", "m": num(2, 11), "ns": num(6, 48),
        "univ": [f"{c}大学" for c in ("澄阳", "嘉屿", "临澜", "泽川")], "rd": dec(2.0, 3.5, 1),
        "rd2": dec(4.0, 7.5, 1), "inv": num(12, 260), "yrs": num(3, 8), "amt": dec(5, 90, 1),
        "ma": num(12, 70), "mv": num(60, 900), "ri": num(4, 31), "mem": num(20, 120),
    })
    return ctx


def ind_report(rng: random.Random, topic: dict[str, str], day: date) -> Doc:
    """An industry report (2-3 PDF pages) with abstract, numbered sections and a source line."""
    ctx = ind_ctx(rng, topic, day.year)
    title = fill(rng.choice([
        "{yp}年{ind}发展回顾与展望", "{ind}运行分析及高质量发展路径", "{ind}：现状、问题与对策",
        "推动{ind}转型升级的思考与建议"]), ctx, rng)
    author = person(rng)
    unit = rng.choice(IND_UNITS)
    pub = rng.choice(IND_PUBS)
    issue = f"{day.year}年第{rng.randint(1, 12)}期"
    sections: list[tuple[str, list[str]]] = []
    specs = [("行业运行概况", IND_OVERVIEW, 6, 9), ("技术进展", IND_TECH, 6, 9),
             ("重点企业动向", IND_FIRMS, 4, 6), ("存在的主要问题", IND_ISSUES, 4, 6)]
    for i, (name, pool, lo, hi) in enumerate(specs):
        sents = [fill(t, ctx, rng) for t in pick(rng, pool, lo, hi)]
        cut = len(sents) // 2
        sections.append((f"{ORDINALS[i]}、{name}", ["".join(sents[:cut]), "".join(sents[cut:])]))
    advice = [fill(t, ctx, rng) for t in pick(rng, IND_ADVICE, 5, 7)]
    numbered = "".join(f"{ORDINALS[i]}是{a}" for i, a in enumerate(advice))
    sections.append((f"{ORDINALS[len(specs)]}、对策建议", [numbered]))
    source = f"（来源：《{pub}》{issue}；作者：{author}，{unit}）"
    pdf = PdfDoc(title=title, byline=f"{author}（{unit}）", header=f"《{pub}》　{issue}",
                 abstract="摘要：" + fill(rng.choice(IND_ABSTRACT), ctx, rng),
                 sections=sections, source_line=source, first_page=rng.randint(3, 60))
    return Doc(id="", domain="industry", title=title, text=pdf_text(pdf),
               published=day.isoformat(), pdf=pdf, target="pdf")


def pdf_text(pdf: PdfDoc) -> str:
    """Logical text of a report (what a perfect PDF extractor would return)."""
    parts = [pdf.title, pdf.byline, pdf.abstract]
    for heading, paras in pdf.sections:
        parts.append(heading)
        parts.extend(paras)
    parts.append(pdf.source_line)
    return "\n".join(parts)


# --------------------------------------------------------------------------------------------
# Mixed: English, Japanese and Korean documents (JSONL)
# --------------------------------------------------------------------------------------------

EN_TECH = T("""
The {proj} team released version {ver} this week, with most of the work going into {focus}.
The ingestion layer now streams records in batches of {n} rows instead of loading whole files into
~ memory.
On a {cores}-core test machine, the largest benchmark finished {pct} faster than with the previous
~ release.
One change needs attention before upgrading: the {opt} setting has been renamed,
~ and the old spelling now logs a deprecation warning.
Deduplication relies on MinHash signatures with {perm} permutations, so memory use stays flat as
~ the corpus grows.
Custom connectors must now return timezone-aware timestamps; naive values are rejected with a clear
~ message.
A long-standing bug that caused empty files to be skipped silently has been fixed,
~ and such files are now reported in the run summary.
The documentation gained a chapter on incremental runs, covering how cursors are stored, inspected
~ and reset.
For most users the upgrade is simple: bump the dependency, run the test suite and skim the
~ changelog.
Thanks go to the {n2} people who sent patches, reviews and bug reports during this cycle.
Memory profiling showed that peak usage was dominated by temporary string copies, which the new
~ tokenizer avoids.
Error messages now include the shard name and record offset, which makes failed runs far easier to
~ debug.
Support for Python {oldpy} has been dropped, which allowed several type annotations to be
~ simplified.
The command-line interface gained a {flag} flag that prints the execution plan without running it.
Looking ahead, the next milestone will focus on {next}.
Continuous integration now runs the full test matrix on Linux, macOS and Windows for every pull
~ request.
If you hit a problem, please open an issue with the exact command, the version number and a minimal
~ example.
Parquet output is now written with explicit column statistics, so downstream readers can skip row
~ groups.
Configuration files are validated against a schema at startup, so typos fail fast instead of midway
~ through a run.
The scheduler retries failed shards with exponential backoff, capped at {n3} attempts by default.
Logs are emitted as structured JSON, which makes them easy to search in any log aggregation tool.
A new tutorial walks through building a small dataset from a folder of PDFs, end to end, in about
~ fifteen minutes.
Language detection now looks at Unicode script statistics before falling back to a statistical
~ model.
Checksums are recorded for every output shard, and readers verify them before loading any data.
Several dependencies were updated, and the minimum supported version of pyarrow was raised.
The team also removed about {n2} lines of dead code left over from the old plugin loader.
""")

EN_FIN = T("""
{company} reported {q} revenue of ${rev} million, up {pct} from a year earlier and ahead of analyst
~ estimates.
Gross margin widened to {gm}%, helped by lower freight costs and a richer product mix.
Operating expenses rose {pct} as the company kept hiring engineers for its {seg} business.
Management raised its full-year outlook and now expects revenue between ${lo} million and ${hi}
~ million.
The shares rose {jump} in after-hours trading following the announcement.
Analysts at {bank} noted that inventories remain high, which could weigh on margins over the next
~ two quarters.
Stocks ended mixed on {day}, with the broad index {updown} {move} while technology shares lagged.
The ten-year government bond yield moved to {y}%, its {hl} level in {n} weeks.
Oil prices {oil} after a weekly report showed crude inventories {chg} by {m} million barrels.
Currency markets were quiet, and the dollar traded in a narrow range against the euro and the yen.
The company ended the quarter with ${cash} million in cash and no outstanding bank debt.
Free cash flow came in at ${fcf} million, roughly {pct} of revenue.
Chief executive {ceo} told investors on the earnings call that demand in {region} was steady but
~ not spectacular.
The board approved a quarterly dividend of {div} cents per share, payable next month.
Some investors worry that recent price cuts by competitors could trigger a longer price war.
Trading volume was {vol} percent above the thirty-day average, a sign of broad participation.
Credit spreads narrowed slightly, suggesting that investors are comfortable with corporate balance
~ sheets.
Revenue from subscriptions grew faster than hardware sales for the {nth} consecutive quarter.
The company repurchased shares worth ${buy} million during the period and said the program would
~ continue.
Net income was ${ni} million, or {eps} cents per diluted share, compared with a loss a year earlier.
Orders from automotive customers slowed, while demand from data-center operators stayed strong.
The stronger dollar trimmed reported sales by roughly {fxp} percentage points.
Bond investors pushed yields on short-dated notes lower, betting that interest rates have peaked.
Small-cap stocks outperformed for a second week as investors rotated out of the largest technology
~ names.
Gold held near record territory, supported by steady buying from central banks.
""")

JA_THEMES = [
    T("""
{jco}は{jdate}、新型の{jprod}を来春から発売すると発表した。
{jco}は、工場向けの新しい{jprod}を開発したと明らかにした。
同社によると、従来モデルと比べて消費電力を約{pct}削減したという。
価格は未定だが、初年度に{n}台の販売を目指す。
開発チームは、工場の作業員から寄せられた意見をもとに操作画面を一から見直した。
製造業では人手不足が深刻になっており、自動化への投資は今後も続く見通しだ。
業界団体の調べでは、国内市場の規模は{year}年に{big}億円に達する見込みである。
専門家は「中小企業にとっては導入費用が最大の壁になる」と指摘している。
同社の{jname}社長は記者会見で「海外展開も視野に入れて準備を進めたい」と語った。
部品の調達先を複数に分けることで、供給網の混乱に備える狙いもある。
一方で、原材料価格の高止まりが利益を圧迫する懸念も残る。
新製品は{jcity}市の工場で生産し、来年度中に月産{n}台の体制を整える。
販売代理店向けの説明会は、全国{n2}か所で順次開かれる予定だ。
同社は昨年、研究開発費を前年より{pct}増やし、若手技術者の採用も強化してきた。
発売に合わせて、{jcity}市内にショールームを新設する。
"""),
    T("""
{jcity}市の保健所は、気温の上昇に伴い熱中症への注意を呼びかけている。
{jcity}市は、本格的な夏を前に熱中症対策の強化を発表した。
特に高齢者は喉の渇きを感じにくいため、時間を決めてこまめに水分をとることが大切だ。
室内でもエアコンを適切に使い、室温を28度以下に保つよう勧めている。
めまいや頭痛、吐き気などの症状が出た場合は、涼しい場所で休み、首や脇の下を冷やしてほしい。
意識がはっきりしないときは、ためらわずに救急車を呼ぶよう求めている。
昨年の夏には、市内で{n}人が熱中症の疑いで救急搬送された。
学校では、部活動の時間を短くしたり、屋外での活動を朝夕に移したりする対策がとられている。
保健所の担当者は「暑さに慣れていない梅雨明け直後が特に危ない」と話す。
市は公共施設の一部を「涼み処」として開放し、誰でも休憩できるようにした。
市のホームページでは、地域ごとの暑さ指数を毎日公表している。
屋外で働く人に対しては、事業者が休憩時間を十分に確保するよう求めている。
乳幼児は体温調節機能が未熟なため、車内に残さないよう改めて注意を促した。
市は町内会と連携し、一人暮らしの高齢者宅への声かけ訪問も始めた。
就寝中の熱中症も多いため、夜間もエアコンを止めないよう呼びかけている。
"""),
    T("""
{jlab}の研究グループが、学習用テキストの品質を高める新たな手法をまとめた。
近年、大規模言語モデルの学習には膨大な量のテキストデータが必要とされている。
しかし、ウェブから集めたデータには重複や広告、文字化けなどが数多く含まれる。
そのため、品質の低い文書を取り除く前処理の工程が欠かせない。
{jlab}の研究チームは、文字単位の類似度を使って重複文書を効率よく検出する手法を開発した。
日本語や中国語は単語の区切りに空白を使わないため、英語とは異なる工夫が必要になる。
実験では、処理後のデータで学習したモデルの正答率が{pct}向上した。
研究チームは、手法の実装をオープンソースとして公開する予定だという。
今後は、表や数式を多く含む専門文書への応用も検討している。
重複の判定には、文書を短い文字列に分割して比較する方法が広く使われている。
ただし、表記の揺れや句読点の違いがあると、同じ内容でも別の文書と判定されることがある。
チームは、全角と半角の違いや旧字体などを統一してから比較する工夫を加えた。
処理にかかる時間は、従来の方法と比べて約{pct}短縮できたという。
公開されたデータセットを使った比較では、既存の手法を上回る結果が得られた。
研究者は「データの質を高めることが、モデルの性能向上への近道だ」と強調する。
"""),
    T("""
{jcity}市の商店街で、空き店舗を活用した週末市場が始まった。
{jcity}市の中心部で、地元の生産者が集まる朝市が毎週末開かれるようになった。
地元の農家や手作り雑貨の作家など、約{n}の店が軒を連ねる。
初日は家族連れを中心に多くの人が訪れ、用意した野菜は昼過ぎには売り切れた。
企画した商店街振興組合の理事長は「人の流れを取り戻すきっかけにしたい」と意気込む。
市は出店料の一部を補助し、若い世代の起業を後押しする。
会場では、地元の高校生が考案したご当地グルメの試食会も開かれた。
次回は来月の第二土曜日に開催され、出店者の募集も始まっている。
出店者の多くは二十代から三十代で、初めて店を持つ人も少なくない。
手作りのパンを販売する女性は「お客さんと直接話せるのがうれしい」と笑顔を見せた。
商店街では、ここ十年で店舗数が半分近くまで減っていた。
市の担当者は、観光客の呼び込みにもつなげたいと期待を寄せる。
雨の日でも買い物ができるよう、アーケードの改修も検討されている。
地元の信用金庫も、出店者向けの低利融資制度を用意した。
主催者は、年間を通じて毎月開催することを目標にしている。
"""),
    T("""
{jcity}市の教育委員会は、来年度から市内の全小学校で英語の授業時間を増やす方針を決めた。
{jcity}市は、子どもたちが英語に親しむ機会を増やす取り組みを始める。
外国語指導助手を新たに{n}人採用し、一人ひとりが話す機会を増やすという。
保護者からは期待の声が上がる一方、教員の負担増を心配する意見もある。
教育委員会は、授業で使うデジタル教材を共同で開発し、準備の手間を減らすとしている。
文部科学省の調査によると、英語に苦手意識を持つ児童の割合は学年が上がるにつれて高くなる。
専門家は「早い段階で楽しさを知ることが、その後の学びにつながる」と話している。
授業では、歌やゲームを取り入れ、子どもたちが楽しみながら学べるよう工夫する。
高学年では、自分の町を英語で紹介する発表活動にも取り組む。
一部の学校では、海外の学校とオンラインで交流する試みも始まっている。
教員向けの研修は夏休み期間中に集中して行われる予定だ。
保護者向けの説明会は来月、市内{n}か所で開かれる。
教育委員会の担当者は「地域全体で子どもの学びを支えたい」と話した。
新しい教材には、地域の観光地や特産品を題材にした会話例が多く盛り込まれている。
市内の中学校とも連携し、小中学校で学ぶ内容の一貫性を高める。
"""),
]
JA_TITLES = ["{jco}、新型{jprod}を発表", "{jcity}市、熱中症への注意を呼びかけ",
             "重複文書を効率よく検出する新手法", "{jcity}市の商店街で週末市場",
             "小学校の英語授業を拡充へ"]
JA_COMMON = T("""
関係者は今後の動向を注意深く見守っている。
詳しい内容は、近く公式サイトで公表される予定だ。
同様の取り組みは、ほかの自治体や企業にも広がりつつある。
課題も少なくないが、一定の成果が出始めていることは確かだ。
関係機関は、引き続き情報の収集に努めるとしている。
地域の住民からは、おおむね好意的な声が聞かれた。
専門家の間では、長期的な視点での評価が必要だとの意見もある。
""")

KO_THEMES = [
    T("""
{kco}는 {kmonth}월 새로운 전기차 배터리 공장을 착공한다고 밝혔다.
회사 측은 이번 투자로 연간 생산 능력이 약 {pct} 늘어날 것으로 기대하고 있다.
업계에서는 세계 수요 둔화에도 불구하고 장기적인 성장 가능성이 여전히 크다고 본다.
전문가들은 원자재 가격 변동이 수익성에 영향을 줄 수 있다고 지적했다.
정부는 관련 기업의 연구 개발을 돕기 위해 세제 혜택을 확대할 계획이다.
새 공장은 내후년 하반기부터 본격적인 가동에 들어갈 예정이다.
이 회사는 지난해 매출이 전년보다 {pct} 증가했다고 발표했다.
회사 관계자는 "품질과 안전을 최우선으로 생각하겠다"고 말했다.
공장이 들어설 부지는 약 {n2}만 제곱미터 규모로, 축구장 수십 개를 합친 넓이다.
회사는 생산 과정에서 나오는 폐열을 재활용해 에너지 사용량을 줄일 방침이다.
지방자치단체는 도로와 전력망 등 기반 시설 구축을 지원하기로 했다.
"""),
    T("""
보건 당국은 독감 유행에 대비해 예방 접종을 서두를 것을 당부했다.
특히 65세 이상 노인과 어린이는 가까운 보건소에서 무료로 접종을 받을 수 있다.
손 씻기와 기침 예절 등 기본적인 위생 수칙을 지키는 것도 중요하다.
고열과 근육통 같은 증상이 나타나면 가까운 병원에서 진료를 받아야 한다.
지난주 외래 환자 천 명당 의심 환자 수는 {n}명으로 집계됐다.
당국은 학교와 요양 시설을 중심으로 감시를 강화하겠다고 밝혔다.
전문가들은 올겨울 유행 규모가 예년보다 클 수 있다고 경고했다.
예방 접종 후에는 주사 부위를 문지르지 말고 당일에는 무리한 운동을 피하는 것이 좋다.
병원을 찾는 환자가 늘면서 일부 소아청소년과에서는 대기 시간이 길어지고 있다.
보건 당국은 해열제를 복용할 때 용법과 용량을 반드시 지켜야 한다고 강조했다.
"""),
    T("""
{kcity}시는 올해 여름방학 동안 어린이를 위한 무료 코딩 교실을 운영한다고 밝혔다.
프로그램은 초등학교 4학년부터 6학년까지를 대상으로 하며 모두 {n}개 반으로 나뉜다.
참가 학생들은 간단한 게임을 직접 만들어 보면서 논리적 사고력을 기를 수 있다.
강사는 지역 대학의 컴퓨터공학과 학생들이 맡는다.
신청은 다음 달 1일부터 시청 누리집에서 선착순으로 받는다.
시 관계자는 "디지털 교육의 격차를 줄이는 데 도움이 되기를 바란다"고 말했다.
작년에는 약 {n2}명의 학생이 참여해 높은 만족도를 보였다.
수업은 평일 오후 두 시간씩 모두 열 차례 진행된다.
수업을 모두 마친 학생에게는 수료증과 함께 작은 기념품이 주어진다.
시는 학부모 의견을 반영해 내년에는 중학생 과정도 새로 만들 계획이다.
"""),
]


def mixed_ctx(rng: random.Random, day: date) -> Ctx:
    """Slot values for English, Japanese and Korean documents."""
    return {
        "proj": rng.choice(["Lakeside", "Tern", "Quarry", "Harbor", "Juniper", "Ledger"]),
        "ver": f"{rng.randint(1, 4)}.{rng.randint(0, 19)}", "n": num(12, 480),
        "n2": num(18, 140), "cores": ["8", "16", "32", "64"], "pct": pct(6, 41),
        "focus": ["memory use", "error reporting", "incremental loading", "Windows support",
                  "startup time"],
        "opt": ["max_workers", "shard_size", "cache_dir", "retry_policy"],
        "perm": ["128", "256"], "oldpy": ["3.8", "3.9"], "flag": ["--dry-run", "--plan"],
        "next": ["streaming sources", "a plugin system for filters", "better progress reporting"],
        "company": rng.choice([f"{a} {b}" for a in ("Northwind", "Bluestem", "Harrow", "Calder")
                               for b in ("Systems", "Industries")]),
        "q": ["first-quarter", "second-quarter", "third-quarter", "fourth-quarter"],
        "rev": lambda r: f"{r.randint(120, 4800):,}", "gm": dec(28, 64, 1),
        "seg": ["cloud", "industrial automation", "medical devices", "payments"],
        "lo": lambda r: f"{r.randint(500, 900):,}", "hi": lambda r: f"{r.randint(901, 1400):,}",
        "bank": ["Marlow & Pike", "Eastgate Securities", "Fenwick Capital"],
        "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        "updown": ["up", "down"], "y": dec(3.6, 4.8), "hl": ["highest", "lowest"],
        "oil": ["rose", "fell", "edged higher", "slipped"], "chg": ["rose", "fell"],
        "m": dec(0.5, 6.5, 1), "cash": lambda r: f"{r.randint(80, 2600):,}",
        "fcf": lambda r: f"{r.randint(10, 480):,}", "ceo": ["Dana Whitfield", "Omar Reyes",
                                                           "Claire Osei", "Martin Vogel"],
        "region": ["Europe", "North America", "Southeast Asia"], "div": num(8, 45),
        "vol": num(12, 70), "n3": num(3, 8), "move": pct(0.1, 2.4, 2), "jump": pct(1.5, 12),
        "nth": ["third", "fourth", "fifth"],
        "buy": num(20, 400), "ni": num(15, 900), "eps": num(5, 180), "fxp": dec(0.5, 3.0, 1),
        "jco": rng.choice(["みなと精機", "北星テクノロジー", "さくら電子工業", "あおば化成"]),
        "jdate": lambda r: f"{r.randint(1, 12)}月{r.randint(1, 28)}日", "year": str(day.year + 2),
        "jprod": rng.choice(["産業用ロボット", "業務用洗浄機", "小型蓄電池", "検査装置"]),
        "big": num(800, 9500), "jname": ["佐藤", "鈴木", "高橋", "田中", "伊藤"],
        "jcity": rng.choice(["みどり野", "若葉台", "港南", "白樺"]),
        "jlab": rng.choice(["東都大学", "北陵大学", "情報基盤研究所"]),
        "kco": rng.choice(["한빛전자", "미래소재", "누리테크"]),
        "kmonth": num(1, 12), "kcity": rng.choice(["해온", "가람", "새빛"]),
    }


def en_doc(rng: random.Random, doc_id: str, day: date) -> Doc:
    """An English technical or finance document."""
    ctx = mixed_ctx(rng, day)
    if rng.random() < 0.5:
        title = fill(rng.choice(["{proj} {ver} release notes", "What's new in {proj} {ver}",
                                 "{proj}: notes from the {ver} cycle"]), ctx, rng)
        pool = EN_TECH
    else:
        title = fill(rng.choice(["{company} results beat estimates", "Markets wrap: {day}",
                                 "{company} raises outlook"]), ctx, rng)
        pool = EN_FIN
    sents = [fill(t, ctx, rng) for t in pick(rng, pool, 7, 9)]
    cut = len(sents) // 2
    text = " ".join(sents[:cut]) + "\n\n" + " ".join(sents[cut:])
    return Doc(id=doc_id, domain="mixed", title=title, text=text, published=day.isoformat(),
               lang="en", script="Latn", license="CC-BY-4.0", url=f"{URL_ROOT}/mixed/{doc_id}")


class ThemeDealer:
    """Hands out sentences so documents sharing a theme use disjoint ones.

    The first two templates of every theme are leads: each document opens with a different one.
    """

    def __init__(self, rng: random.Random, themes: list[list[str]]) -> None:
        self.rng = rng
        self.themes = themes
        self.left = [rng.sample(t[2:], len(t) - 2) for t in themes]
        self.order = rng.sample(range(len(themes)), len(themes))
        self.turn = 0

    def deal(self, k: int) -> tuple[int, list[str]]:
        """The next theme in rotation, one lead and up to ``k`` of its unused body templates."""
        i = self.order[self.turn % len(self.order)]
        lead = self.themes[i][(self.turn // len(self.order)) % 2]
        self.turn += 1
        if len(self.left[i]) < 3:
            self.left[i] = self.rng.sample(self.themes[i][2:], len(self.themes[i]) - 2)
        out, self.left[i] = self.left[i][:k], self.left[i][k:]
        return i, [lead, *out]


def ja_doc(rng: random.Random, doc_id: str, day: date, dealer: ThemeDealer) -> Doc:
    """A Japanese news item (kanji and kana)."""
    ctx = mixed_ctx(rng, day)
    theme, templates = dealer.deal(6)
    sents = [fill(t, ctx, rng) for t in templates]
    common = rng.sample(JA_COMMON, len(JA_COMMON))
    while sum(map(len, sents)) < 310 and common:
        sents.append(fill(common.pop(), ctx, rng))
    text = "".join(sents[:3]) + "\n" + "".join(sents[3:])
    title = fill(JA_TITLES[theme], ctx, rng)
    return Doc(id=doc_id, domain="mixed", title=title, text=text, published=day.isoformat(),
               lang="ja", script="Jpan", license="CC-BY-4.0", url=f"{URL_ROOT}/mixed/{doc_id}")


def ko_doc(rng: random.Random, doc_id: str, day: date, theme: int) -> Doc:
    """A Korean news item (Hangul)."""
    ctx = mixed_ctx(rng, day)
    sents = [fill(t, ctx, rng) for t in KO_THEMES[theme]]
    text = " ".join(sents[:5]) + "\n" + " ".join(sents[5:])
    title = ["배터리 공장 착공 소식", "독감 예방 접종 당부", "어린이 코딩 교실 운영"][theme]
    return Doc(id=doc_id, domain="mixed", title=title, text=text, published=day.isoformat(),
               lang="ko", script="Kore", license="CC-BY-4.0", url=f"{URL_ROOT}/mixed/{doc_id}")


# --------------------------------------------------------------------------------------------
# Defective documents: boilerplate, spam, too short, digits/symbols, mojibake
# --------------------------------------------------------------------------------------------

NAV_SITES = {
    "medical": (["{city}市卫生健康委员会", "健康{city}网", "{city}市人民医院"],
                ["健康科普", "就医指南", "专家介绍", "科室导航", "通知公告", "医保政策",
                    "预约挂号"]),
    "legal": (["{city}市人民政府门户网站", "{city}法院网", "{city}市司法局"],
              ["政务公开", "政策法规", "规范性文件", "法院公告", "办事服务", "审判执行",
                  "普法宣传"]),
    "finance": (["{city}财经网", "{city}金融服务网", "财经{city}"],
                ["行情中心", "公司公告", "研究报告", "基金频道", "理财", "债券", "期货"]),
}
NAV_TAGS = {"medical": ["慢病管理", "儿童健康", "合理用药", "健康生活方式", "疫苗接种"],
            "legal": ["行政规范性文件", "公告送达", "司法拍卖", "政策解读", "依法行政"],
            "finance": ["A股", "上市公司", "宏观经济", "基金", "债市", "汇率"]}


def boilerplate_zh(
    rng: random.Random, domain: str, titles: list[str], day: date
) -> tuple[str, str]:
    """A navigation/footer page with almost no content of its own."""
    city = rng.choice(CITIES)
    sites, sections = NAV_SITES[domain]
    site = rng.choice(sites).format(city=city)
    secs = rng.sample(sections, rng.randint(4, 6))
    picked = rng.sample(titles, 6)
    lines = [site, " | ".join(["首页", *secs, "联系我们"]), f"当前位置：首页 > {secs[0]} > 正文"]
    optional = [
        f"发布时间：{day.isoformat()}　来源：{site}　浏览次数：{rng.randint(12, 98765)}",
        "【字体：大 中 小】【打印本页】【关闭窗口】",
        "分享到：微信 | 微博 | QQ空间 | 复制链接",
        f"上一篇：{picked[0]}\n下一篇：{picked[1]}",
        "相关阅读\n" + "\n".join(f"· {t}" for t in picked[2:2 + rng.randint(2, 4)]),
        "热门标签：" + " ".join(rng.sample(NAV_TAGS[domain], 3)),
        "本网站使用Cookie来改善您的浏览体验。继续浏览即表示您同意我们使用Cookie。[同意] [拒绝] [了"
        "解更多]",
        f"扫一扫在手机上查看当前页面　{rng.choice(['微信公众号', '官方微博', '手机版'])}",
    ]
    lines += rng.sample(optional, rng.randint(4, len(optional)))
    lines += [
        f"版权所有 © {rng.randint(2008, 2019)}-{day.year} {site}　保留所有权利",
        f"地址：{city}市{rng.choice(DISTRICTS)}区{rng.choice(ROADS)}{rng.randint(1, 300)}号　"
        f"邮编：{rng.randint(100000, 899999)}",
        f"备案号：示例ICP备{rng.randint(10000000, 99999999)}号-{rng.randint(1, 9)}　"
        f"技术支持：{firm(rng, '信息')}技术有限公司",
        " | ".join(rng.sample(["关于我们", "网站地图", "隐私声明", "免责条款", "友情链接",
            "无障碍浏览"], 4)),
    ]
    return f"{site} - {picked[0]}", "\n".join(lines)


def boilerplate_en(rng: random.Random, titles: list[str], day: date) -> tuple[str, str]:
    """An English page that is only cookie banner, menu and footer."""
    company = rng.choice(["Northwind Systems", "Harrow Industries", "Calder Labs"])
    lines = [
        " | ".join(["Home", *rng.sample(["Products", "Solutions", "Pricing", "Blog", "Careers",
                                         "Docs"], 4), "About us", "Contact"]),
        "We use cookies to improve your experience and to analyse traffic. By clicking "
        "\"Accept all\" you agree to the storing of cookies on your device.",
        "[Accept all] [Reject non-essential] [Manage preferences]",
        "Subscribe to our newsletter - enter your email address [Subscribe]",
        f"Previous post: {titles[0]} | Next post: {titles[1]}",
        f"(c) {day.year} {company}. All rights reserved.",
        "Privacy Policy | Terms of Use | Cookie Settings | Sitemap",
    ]
    return f"{company} - Blog", "\n".join(lines)


def boilerplate_ja(rng: random.Random, day: date) -> tuple[str, str]:
    """A Japanese corporate page made of navigation and footer only."""
    company = rng.choice(["みなと精機", "さくら電子工業"])
    lines = [
        "ホーム ｜ 会社情報 ｜ 製品・サービス ｜ ニュース ｜ 採用情報 ｜ お問い合わせ",
        "現在地：ホーム ＞ ニュース ＞ お知らせ",
        "当サイトではクッキーを使用しています。閲覧を続けることで、クッキーの使用に同意したものとみ"
        "なされます。",
        "［同意する］［詳しく見る］",
        "前の記事へ ｜ 一覧に戻る ｜ 次の記事へ",
        "このページの先頭へ",
        "プライバシーポリシー ｜ サイトマップ ｜ ご利用条件 ｜ アクセス",
        f"Copyright © {day.year} {company} Co., Ltd. All Rights Reserved.",
    ]
    return f"{company} ニュース", "\n".join(lines)


SPAM_LINES = {
    "medical": ["祖传秘方，三天见效，{dis}不再复发！", "无效全额退款，已帮助{n}万名患者摆脱病痛",
                "加微信{wx}领取专属调理方案，名额有限", "进口特效药正品直供，隐私发货，货到付款",
                "点击咨询专家，免费评估，立减{n}元", "不打针不吃药，一贴见效"],
    "legal": ["代办各类证件，刻章办证，资质代办，当天出证！",
        "打官司找我们，不胜诉不收费，加微信{wx}",
              "代写诉状、代办离婚、快速调解，电话{phone}", "专业清收欠款，快速回款，成功后再付费"],
    "finance": ["代开发票，增值税专用发票、普通发票，点数低，可先验后付！",
        "内部消息，明日必涨停，加群领取牛股",
                "稳赚不赔，月收益{n}%，QQ群{qq}", "无抵押贷款当天放款，征信不好也可办理，联系"
                                        "{phone}",
                "带你抄底翻倍股，名额仅剩{n}个，加微信{wx}",
                    "各地正规发票代开，全网最低，可查可验"],
}
SPAM_WORDS = {
    "medical": ["降血糖", "降糖神器", "快速降血糖", "血糖高怎么办", "降糖茶", "根治糖尿病",
        "降压药",
                "减肥药", "快速减肥", "减肥茶", "增高药", "壮骨粉", "特效药"],
    "legal": ["办证", "刻章", "代办", "资质代办", "加急办证", "包过", "离婚律师", "讨债公司"],
    "finance": ["股票", "炒股", "牛股", "涨停", "涨停板", "股票推荐", "荐股", "发票", "代开发票",
                "贷款", "秒批", "理财"],
}


def spam_zh(rng: random.Random, domain: str, form: str) -> tuple[str, str]:
    """Spam: one line repeated, keyword stuffing, or a contact-bait mix."""
    ctx: Ctx = {"dis": [t["dis"] for t in MED_TOPICS], "n": num(3, 99),
                "wx": lambda r: f"demo{r.randint(1000, 9999)}{r.choice('abcxyz')}",
                "qq": lambda r: str(r.randint(10000000, 99999999)),
                "phone": lambda r: f"1{r.randint(30, 89)}****{r.randint(1000, 9999)}"}
    lines = SPAM_LINES[domain]
    words = SPAM_WORDS[domain]
    if form == "repeat":
        line = fill(rng.choice(lines), ctx, rng)
        return line[:18], "\n".join([line] * rng.randint(8, 16))
    if form == "stuffing":
        stuffed = " ".join(rng.choice(words) for _ in range(rng.randint(60, 120)))
        return " ".join(rng.sample(words, 4)), stuffed
    body = [fill(t, ctx, rng) for t in rng.sample(lines, min(4, len(lines)))]
    body += [fill("联系微信：{wx}　手机：{phone}", ctx, rng)] * rng.randint(2, 4)
    body.append(" ".join(rng.choice(words) for _ in range(30)))
    return body[0][:18], "\n".join(body)


def spam_en(rng: random.Random, form: str) -> tuple[str, str]:
    """English spam."""
    item = rng.choice(["watches", "pills", "followers", "sneakers"])
    if form == "repeat":
        line = (f"BUY CHEAP {item.upper()} ONLINE!!! BEST PRICE, FREE SHIPPING. "
                f"CLICK HERE >>> www.cheap-{item}-{rng.randint(10, 99)}.example")
        return f"Cheap {item}", "\n".join([line] * rng.randint(8, 14))
    words = ["casino", "bonus", "free spins", "jackpot", "win big", "no deposit", "crypto",
             "double your money", "limited offer"]
    return "Casino bonus", " ".join(rng.choice(words) for _ in range(rng.randint(70, 110)))


SHORT_TEXTS = {
    "medical": ["详见附件。", "本页面暂无内容。", "停诊通知：本周三下午专家门诊暂停。"],
    "legal": ["（此件公开发布）", "附件：1.申请表（略）"],
    "finance": ["暂无数据", "公告全文详见附件。", "今日休市。"],
    "mixed": ["Click here to read more.", "자세한 내용은 첨부 파일 참조"],
    "update-finance": ["数据更新中，请稍后刷新。"],
    "update-mixed": ["Page not found."],
}


def symbols_doc(rng: random.Random, domain: str) -> tuple[str, str]:
    """A record that is mostly digits and punctuation (tables, quote dumps, logs)."""
    rows: list[str] = []
    if domain == "medical":
        title = "血压记录"
        for i in range(rng.randint(18, 26)):
            rows.append(f"2024-0{rng.randint(1, 9)}-{i + 1:02d} | {rng.randint(6, 9):02d}:"
                        f"{rng.randint(0, 59):02d} | {rng.randint(110, 160)}/{rng.randint(65, 100)}"
                        f" | {rng.randint(58, 96)} | {rng.uniform(4.5, 9.5):.1f}")
    elif domain == "finance":
        title = "行情"
        for _ in range(rng.randint(18, 26)):
            rows.append(f"{rng.randint(600000, 603999)}  {rng.uniform(3, 90):.2f}  "
                        f"{rng.uniform(-9.9, 9.9):+.2f}%  {rng.randint(10000, 9999999):,}  "
                        f"{rng.uniform(1000, 99999):,.2f}")
    else:
        title = "案号"
        rows.append("| # | No. | CNY | % |")
        rows.append("|---|---|---|---|")
        for i in range(rng.randint(18, 26)):
            rows.append(f"| {i + 1} | (2023)-{rng.randint(100, 999)}-{rng.randint(1000, 9999)} | "
                        f"{rng.uniform(100, 99999):,.2f} | {rng.uniform(0, 15):.1f}% |")
    return title, "\n".join(rows)


def sloppy_cp1252(data: bytes) -> str:
    """Decode as Windows-1252, mapping its five undefined bytes like latin-1 would."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def garble(text: str, codec: str) -> str:
    """Mojibake: UTF-8 bytes read back with the wrong codec."""
    raw = text.encode("utf-8")
    if codec == "latin-1":
        return raw.decode("latin-1")
    if codec == "cp1252":
        return sloppy_cp1252(raw)
    return raw.decode("gbk", errors="replace")


# --------------------------------------------------------------------------------------------
# Near-duplicate edits and Simplified <-> Traditional conversion
# --------------------------------------------------------------------------------------------

# Character pairs (simplified+traditional, then traditional+simplified) for every Han
# character this file uses; derived once from OpenCC character tables.
S2T_TABLE = """
万萬 与與 专專 业業 东東 丝絲 两兩 严嚴 个個 丰豐 临臨 为爲 丽麗 举舉
么麼 义義 习習 乡鄉 书書 买買 乱亂 争爭 于於 亏虧 云雲 产產 亲親 亿億
仅僅 从從 仓倉 仪儀 们們 价價 众衆 优優 伙夥 会會 伟偉 传傳 伤傷 伪僞
体體 余餘 侦偵 侧側 债債 偿償 储儲 儿兒 兰蘭 关關 兴興 养養 内內 册冊
写寫 军軍 农農 冯馮 冲衝 决決 况況 净淨 准準 凉涼 减減 几幾 凯凱 击擊
划劃 刘劉 则則 刚剛 创創 删刪 别別 剂劑 剧劇 劝勸 办辦 务務 动動 励勵
劳勞 势勢 区區 医醫 华華 协協 单單 卖賣 占佔 卢盧 卧臥 卫衛 厂廠 厅廳
历歷 厉厲 压壓 厨廚 参參 双雙 发發 变變 叠疊 台臺 叶葉 号號 吃喫 后後
吕呂 吗嗎 吨噸 听聽 启啓 吴吳 呕嘔 员員 咨諮 响響 唇脣 嘱囑 团團 园園
围圍 国國 图圖 场場 坏壞 块塊 坚堅 壮壯 声聲 处處 备備 复復 够夠 头頭
奖獎 奥奧 妇婦 婴嬰 孙孫 学學 宁寧 实實 审審 宽寬 寝寢 对對 寻尋 导導
寿壽 将將 尘塵 尽盡 层層 届屆 属屬 屿嶼 岁歲 岗崗 岚嵐 岛島 岭嶺 岳嶽
峰峯 巩鞏 币幣 帅帥 师師 帐帳 带帶 帮幫 干幹 并並 广廣 床牀 库庫 应應
废廢 开開 异異 张張 弹彈 强強 归歸 当當 录錄 征徵 径徑 忆憶 怀懷 态態
总總 恒恆 恶惡 悬懸 惩懲 惯慣 愿願 戏戲 战戰 户戶 执執 扩擴 扫掃 扬揚
扰擾 抛拋 护護 报報 担擔 拟擬 拨撥 择擇 挂掛 挡擋 挥揮 损損 换換 据據
揽攬 携攜 摄攝 摆擺 数數 斗鬥 断斷 无無 旧舊 时時 昼晝 显顯 晒曬 晓曉
晕暈 晖暉 暂暫 术術 机機 杂雜 权權 杠槓 条條 来來 杨楊 杰傑 极極 构構
柜櫃 标標 树樹 样樣 档檔 桥橋 桦樺 检檢 楼樓 槛檻 残殘 毁毀 毕畢 气氣
氢氫 汇匯 汤湯 沟溝 没沒 沪滬 泪淚 泻瀉 泽澤 洁潔 洒灑 浇澆 测測 济濟
浏瀏 浓濃 涂塗 涛濤 润潤 涨漲 渗滲 温溫 游遊 湾灣 湿溼 滚滾 满滿 滤濾
滥濫 滨濱 澜瀾 灵靈 炉爐 炖燉 点點 炼煉 烟煙 烦煩 烧燒 热熱 牵牽 状狀
独獨 环環 现現 琼瓊 电電 画畫 疗療 瘾癮 盐鹽 监監 盖蓋 盘盤 睐睞 睑瞼
瞒瞞 矿礦 码碼 础礎 确確 碍礙 碱鹼 离離 种種 秘祕 积積 称稱 税稅 稳穩
窜竄 竖豎 竞競 笔筆 筑築 筛篩 筹籌 签籤 简簡 类類 紧緊 纠糾 红紅 纤纖
约約 级級 纪紀 纯純 纳納 纷紛 纹紋 线線 练練 组組 细細 织織 终終 绍紹
经經 结結 绕繞 给給 络絡 绝絕 统統 继繼 绩績 绪緒 续續 维維 综綜 绿綠
缓緩 编編 缘緣 缩縮 缬纈 缮繕 缴繳 网網 罗羅 罚罰 羟羥 群羣 职職 联聯
肠腸 肾腎 肿腫 胀脹 胆膽 胜勝 脉脈 脏髒 脑腦 脚腳 脱脫 腌醃 舆輿 艳豔
艺藝 节節 苍蒼 苏蘇 范範 荐薦 荡蕩 药藥 获獲 营營 蒋蔣 虑慮 虚虛 虫蟲
补補 装裝 见見 观觀 规規 视視 览覽 觉覺 计計 订訂 认認 讨討 让讓 训訓
议議 讯訊 记記 讲講 许許 论論 讼訟 设設 访訪 诀訣 证證 评評 识識 诉訴
诊診 词詞 试試 诚誠 话話 询詢 该該 详詳 语語 误誤 说說 请請 诺諾 读讀
课課 谁誰 调調 谓謂 谢謝 谨謹 谭譚 负負 财財 责責 账賬 货貨 质質 贩販
贫貧 贬貶 购購 贴貼 贷貸 贸貿 费費 贺賀 贾賈 赁賃 资資 赏賞 赔賠 赖賴
赚賺 赵趙 趋趨 跃躍 跖蹠 践踐 踪蹤 车車 轧軋 轨軌 轩軒 转轉 轮輪 软軟
轴軸 轻輕 载載 较較 辅輔 辆輛 辑輯 输輸 辖轄 辩辯 边邊 达達 迁遷 过過
运運 还還 这這 进進 远遠 违違 连連 迹跡 适適 选選 递遞 遗遺 邓鄧 邮郵
邹鄒 郑鄭 采採 释釋 里裏 针針 钙鈣 钛鈦 钟鍾 钠鈉 钢鋼 钴鈷 钾鉀 铁鐵
铂鉑 铃鈴 铋鉍 铜銅 银銀 铸鑄 铺鋪 链鏈 销銷 锁鎖 锂鋰 锌鋅 键鍵 锻鍛
镇鎮 镍鎳 长長 门門 闭閉 问問 间間 闻聞 阀閥 阅閱 队隊 阳陽 阶階 际際
陆陸 陈陳 险險 随隨 隐隱 难難 雾霧 霉黴 静靜 韦韋 韧韌 韩韓 页頁 顶頂
项項 顺順 顾顧 预預 颅顱 领領 颈頸 频頻 颖穎 颗顆 题題 颜顏 额額 颤顫
风風 饭飯 饮飲 饰飾 饱飽 饲飼 马馬 驰馳 驱驅 驳駁 驶駛 驾駕 验驗 骑騎
鲜鮮 鸣鳴 麦麥 黄黃 齿齒 龄齡 龙龍 龚龔
"""
T2S_TABLE = """
並并 亂乱 佔占 來来 係系 倉仓 個个 們们 偉伟 側侧 偵侦 傑杰 備备 傳传
債债 傷伤 僅仅 僞伪 價价 億亿 償偿 優优 儲储 兒儿 內内 兩两 冊册 凱凯
別别 刪删 則则 剛刚 創创 劃划 劇剧 劉刘 劑剂 動动 務务 勝胜 勞劳 勢势
勵励 勸劝 匯汇 區区 協协 厲厉 參参 吳吴 呂吕 員员 問问 啓启 喫吃 單单
嗎吗 嘔呕 噸吨 嚴严 囑嘱 國国 圍围 園园 圖图 團团 執执 堅坚 報报 場场
塊块 塗涂 塵尘 壓压 壞坏 壯壮 壽寿 夠够 夥伙 奧奥 婦妇 嬰婴 孫孙 學学
實实 寧宁 審审 寫写 寬宽 將将 專专 尋寻 對对 導导 屆届 層层 屬属 峯峰
島岛 崗岗 嵐岚 嶺岭 嶼屿 嶽岳 帥帅 師师 帳帐 帶带 幣币 幫帮 幹干 庫库
廚厨 廠厂 廢废 廣广 廳厅 張张 強强 彈弹 彙汇 後后 徑径 從从 復复 徵征
恆恒 惡恶 態态 慣惯 慮虑 憶忆 應应 懷怀 懸悬 戰战 戲戏 戶户 拋抛 掃扫
掛挂 採采 揚扬 換换 揮挥 損损 撥拨 擇择 擊击 擋挡 擔担 據据 擬拟 擴扩
擺摆 擾扰 攜携 攝摄 攬揽 數数 斷断 於于 昇升 時时 晝昼 暈晕 暉晖 暫暂
曉晓 曬晒 書书 會会 東东 査查 條条 楊杨 業业 極极 構构 槓杠 樓楼 標标
樣样 樺桦 橋桥 機机 檔档 檢检 檻槛 櫃柜 權权 歲岁 歷历 歸归 殘残 毀毁
氣气 氫氢 決决 沒没 況况 洩泄 涼凉 淚泪 淨净 減减 測测 湯汤 準准 溝沟
溫温 溼湿 滬沪 滲渗 滾滚 滿满 漲涨 潔洁 潤润 澤泽 濃浓 濟济 濤涛 濫滥
濱滨 濾滤 瀉泻 瀏浏 瀾澜 灑洒 灣湾 為为 無无 煉炼 煙烟 煩烦 熱热 燒烧
營营 爐炉 爭争 爲为 牀床 牽牵 狀状 獎奖 獨独 獲获 現现 環环 瓊琼 產产
産产 畢毕 畫画 異异 當当 疊叠 療疗 癮瘾 發发 盡尽 監监 盤盘 盧卢 眾众
睞睐 瞼睑 確确 碼码 礎础 礙碍 礦矿 祕秘 稅税 種种 稱称 積积 穎颖 穩稳
竄窜 競竞 筆笔 節节 範范 築筑 篩筛 簡简 簽签 籌筹 籤签 糾纠 紀纪 約约
紅红 紋纹 納纳 純纯 級级 紛纷 細细 紹绍 終终 組组 結结 絕绝 絡络 給给
統统 絲丝 經经 綜综 綠绿 維维 網网 緊紧 緒绪 線线 緣缘 編编 緩缓 練练
縮缩 總总 績绩 織织 繕缮 繞绕 繳缴 繼继 纈缬 續续 纖纤 罰罚 羅罗 羣群
羥羟 義义 習习 聞闻 聯联 聲声 職职 聽听 脈脉 脣唇 脫脱 脹胀 腎肾 腦脑
腫肿 腳脚 腸肠 膽胆 臥卧 臨临 臺台 與与 興兴 舉举 舊旧 華华 萬万 葉叶
蒐搜 蒼苍 蓋盖 蔣蒋 蕩荡 薦荐 藝艺 藥药 蘇苏 蘭兰 處处 虛虚 號号 虧亏
衆众 術术 衛卫 衝冲 裏里 補补 裝装 製制 複复 見见 規规 視视 親亲 覺觉
覽览 觀观 訂订 計计 訊讯 討讨 訓训 託托 記记 訟讼 訣诀 訪访 設设 許许
訴诉 診诊 註注 評评 詞词 詢询 試试 話话 該该 詳详 認认 語语 誠诚 誤误
說说 説说 誰谁 課课 調调 請请 論论 諮咨 謂谓 講讲 謝谢 謹谨 證证 識识
譚谭 議议 護护 讀读 變变 讓让 豎竖 豐丰 豔艳 負负 財财 貧贫 貨货 販贩
貫贯 責责 貶贬 買买 貸贷 費费 貼贴 貿贸 賀贺 賃赁 資资 賈贾 賞赏 賠赔
賣卖 質质 賬账 賴赖 賺赚 購购 趙赵 趨趋 跡迹 踐践 蹠跖 蹤踪 躍跃 車车
軋轧 軌轨 軍军 軒轩 軟软 軸轴 較较 載载 輔辅 輕轻 輛辆 輪轮 輯辑 輸输
轄辖 轉转 辦办 辯辩 農农 這这 連连 週周 進进 遊游 運运 過过 達达 違违
遞递 遠远 適适 遷迁 選选 遺遗 還还 邊边 郵邮 鄉乡 鄒邹 鄧邓 鄭郑 醃腌
醫医 釋释 針针 鈉钠 鈣钙 鈦钛 鈴铃 鈷钴 鉀钾 鉍铋 鉑铂 銀银 銅铜 銷销
鋅锌 鋪铺 鋰锂 鋼钢 錄录 鍛锻 鍵键 鍾钟 鎮镇 鎳镍 鏈链 鐵铁 鑄铸 長长
門门 閉闭 開开 間间 閥阀 閱阅 閲阅 關关 陳陈 陸陆 陽阳 隊队 階阶 際际
隨随 險险 隱隐 雙双 雜杂 離离 雲云 電电 霧雾 靈灵 靜静 鞏巩 韋韦 韌韧
韓韩 響响 頁页 項项 順顺 預预 領领 頭头 頸颈 頻频 顆颗 題题 額额 顏颜
顔颜 願愿 類类 顧顾 顫颤 顯显 顱颅 風风 飯饭 飲饮 飼饲 飽饱 飾饰 養养
餘余 馬马 馮冯 馳驰 駁驳 駕驾 駛驶 騎骑 驅驱 驗验 髒脏 體体 鬥斗 鮮鲜
鳴鸣 鹼碱 鹽盐 麗丽 麥麦 麼么 黃黄 點点 黴霉 齒齿 齡龄 龍龙 龔龚
"""


def _pairs(table: str) -> dict[str, str]:
    chars = "".join(table.split())
    return {chars[i]: chars[i + 1] for i in range(0, len(chars), 2)}


HALF_PUNCT = str.maketrans("，：；（）！？", ",:;()!?")
FULL_DIGITS = str.maketrans("0123456789%", "０１２３４５６７８９％")


def to_traditional(text: str) -> str:
    """Character-level Simplified -> Traditional (enough for a demo near-duplicate)."""
    return "".join(S2T.get(ch, ch) for ch in text)


def to_simplified(text: str) -> str:
    """Character-level Traditional -> Simplified."""
    return "".join(T2S.get(ch, ch) for ch in text)


def drop_sentence(rng: random.Random, text: str, english: bool = False) -> str:
    """Delete one non-leading sentence of a paragraph (or, failing that, one middle line)."""
    paras = text.split("\n")
    joiner = " " if english else ""

    def parts_of(p: str) -> list[str]:
        return re.split(r"(?<=\.) ", p) if english else split_sentences(p)

    cands = [(len(part), i, j) for i, p in enumerate(paras)
             for j, part in enumerate(parts_of(p)) if j > 0]
    if cands:
        _, i, j = rng.choice(sorted(cands)[:3])  # one of the shortest: a light edit
        parts = parts_of(paras[i])
        del parts[j]
        paras[i] = joiner.join(parts)
    else:
        lines = [i for i, p in enumerate(paras) if len(p) > 20][1:-1]
        del paras[rng.choice(lines)]
    return "\n".join(paras)


def add_sentence(rng: random.Random, text: str, sentence: str) -> str:
    """Insert one extra sentence at the end of a paragraph."""
    paras = text.split("\n")
    i = max(range(len(paras)), key=lambda j: len(paras[j]))
    paras[i] = paras[i] + sentence
    return "\n".join(paras)


EXTRA_SENTENCES = {
    "medical": "编者注：文中药物剂量仅为一般性介绍，具体用法请遵医嘱。",
    "legal": "本文件由市司法局负责解释。",
    "finance": "以上内容根据公开信息整理，数据如有出入以官方发布为准。",
    "mixed": " (This article was updated to fix a typo.)",
}


def near_edit(rng: random.Random, doc: Doc, op: str, day: date) -> str:
    """Apply one light edit of kind ``op`` to a document's text."""
    text = doc.text
    if op == "sentence_deleted":
        return drop_sentence(rng, text, english=doc.lang == "en")
    if op == "sentence_added":
        return add_sentence(rng, text, EXTRA_SENTENCES[doc.domain])
    if op == "punct_halfwidth":
        return text.translate(HALF_PUNCT)
    if op == "digits_fullwidth":
        return text.translate(FULL_DIGITS)
    if op == "s2t":
        return to_traditional(text)
    if op == "t2s":
        return to_simplified(text)
    if op == "header_added":
        if doc.lang == "ja":
            return f"【転載】{day.month}月{day.day}日配信\n{text}"
        site = rng.choice({"medical": ["健康资讯网", "医药卫生在线"],
                           "legal": ["政务新媒体", "法治在线"],
                           "finance": ["财经早知道", "证券资讯汇"]}[doc.domain])
        head = f"【转载】来源：{site}　发布时间：{day.isoformat()}　责任编辑：{person(rng)}\n"
        if doc.text.startswith("# "):
            return head + "\n" + text
        return head + text
    raise ValueError(op)


def pdf_edit(rng: random.Random, pdf: PdfDoc, op: str) -> PdfDoc:
    """Light edits to a report that keep the page layout before the edit point."""
    sections = [(h, list(p)) for h, p in pdf.sections]
    new = PdfDoc(**{**pdf.__dict__, "sections": sections})
    if op == "last_section_sentence_deleted":
        paras = sections[-2][1]
        paras[-1] = drop_sentence(rng, paras[-1])
    elif op == "editor_note_appended":
        new.source_line = pdf.source_line.replace("）", "；转载时有删节）")
        sections[-1] = (sections[-1][0], [*sections[-1][1],
                                          "编者按：本文观点仅代表作者本人，供业内交流参考。"])
    elif op == "reprint_header":
        new.header = f"《{rng.choice(IND_PUBS)}》转载　{pdf.header.split('　')[-1]}"
        new.first_page = pdf.first_page + rng.randint(5, 30)
        new.source_line = pdf.source_line.replace("（来源：", "（原载：")
    else:
        raise ValueError(op)
    return new


# --------------------------------------------------------------------------------------------
# PDF layout (reportlab, built-in CID font, invariant mode for byte-stable output)
# --------------------------------------------------------------------------------------------

FONT = "STSong-Light"


def write_pdf(path: Path, pdf: PdfDoc) -> int:
    """Lay a report out in a narrow column like a journal page; return the page count.

    Lines wrap at the column edge regardless of punctuation, every page has a running header
    and a page number, the title is drawn four times on top of itself and each heading
    character four times (a fake-bold trick whose extracted text repeats the characters).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    width, height = A4
    left, col_w, top, bottom, leading = 92.0, 228.0, height - 104, 92.0, 19.0
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(pdf.title)
    c.setAuthor("hqdata demo corpus (fictional)")
    c.setCreator("demo/make_corpus.py")
    state: dict[str, float] = {"y": top, "page": pdf.first_page, "count": 1}

    def header() -> None:
        c.setFont(FONT, 8.5)
        c.drawString(left, height - 62, pdf.header)
        c.drawRightString(width - left, height - 62, "产业研究")
        c.setLineWidth(0.4)
        c.line(left, height - 68, width - left, height - 68)

    def footer() -> None:
        c.setFont(FONT, 9)
        c.drawCentredString(width / 2, 52, str(int(state["page"])))

    def room(needed: float) -> None:
        if state["y"] - needed < bottom:
            footer()
            c.showPage()
            header()
            state["y"] = top
            state["page"] += 1
            state["count"] += 1

    def wrap(text: str, size: float, limit: float) -> list[str]:
        lines, cur = [], ""
        for ch in text:
            if pdfmetrics.stringWidth(cur + ch, FONT, size) > limit:
                lines.append(cur)
                cur = ""
            cur += ch
        return [*lines, cur] if cur else lines

    def lines_out(text: str, size: float, limit: float, gap: float) -> None:
        for line in wrap(text, size, limit):
            room(leading)
            c.setFont(FONT, size)
            c.drawString(left, state["y"], line)
            state["y"] -= leading
        state["y"] -= gap

    def overdraw_line(text: str, size: float, limit: float) -> None:
        for line in wrap(text, size, limit):
            room(size * 1.8)
            t = c.beginText(left, state["y"])
            t.setFont(FONT, size)
            for k in range(4):
                t.setTextOrigin(left + 0.35 * k, state["y"])
                t.textOut(line)
            c.drawText(t)
            state["y"] -= size * 1.8

    def overdraw_chars(text: str, size: float) -> None:
        room(leading * 2.2)
        state["y"] -= 6
        t = c.beginText(left, state["y"])
        t.setFont(FONT, size)
        x = left
        for ch in text:
            for k in range(4):
                t.setTextOrigin(x + 0.25 * k, state["y"])
                t.textOut(ch)
            x += pdfmetrics.stringWidth(ch, FONT, size)
        c.drawText(t)
        state["y"] -= leading * 1.4

    header()
    overdraw_line(pdf.title, 15, width - 2 * left)
    lines_out(pdf.byline, 10, width - 2 * left, 8)
    lines_out(pdf.abstract, 9.5, col_w, 10)
    for heading, paras in pdf.sections:
        overdraw_chars(heading, 12)
        for p in paras:
            lines_out(p, 11, col_w, 6)
    lines_out(pdf.source_line, 9.5, col_w, 0)
    footer()
    c.showPage()
    c.save()
    return int(state["count"])


# --------------------------------------------------------------------------------------------
# Building the two batches
# --------------------------------------------------------------------------------------------

INITIAL = (date(2023, 1, 1), date(2024, 12, 31))
UPDATE = (date(2025, 1, 1), date(2025, 6, 30))
S2T: dict[str, str] = {}
T2S: dict[str, str] = {}


def later(rng: random.Random, doc: Doc, span: tuple[date, date]) -> date:
    """A publication day after ``doc`` and inside ``span``."""
    base = max(date.fromisoformat(doc.published), span[0]) if doc.published else span[0]
    return min(base + timedelta(days=rng.randint(1, 90)), span[1])


class Builder:
    """Creates documents of every kind and remembers which originals are already used."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[int] = set()
        self.ja = ThemeDealer(rng, JA_THEMES)
        self.spare_topics: list[dict[str, str]] = []

    def day(self, span: tuple[date, date]) -> date:
        return day_in(self.rng, *span)

    # -- defects ---------------------------------------------------------------------------
    def simple(self, domain: str, kind: str, title: str, text: str, day: date, target: str,
               lang: str = "zh", script: str = "Hans", variant: str | None = None) -> Doc:
        return Doc(id="", domain=domain, title=title, text=text, published=day.isoformat(),
                   kind=kind, lang=lang, script=script, target=target, variant=variant)

    def mojibake(self, src: Doc, codec: str) -> Doc:
        src.title, src.text = garble(src.title, codec), garble(src.text, codec)
        src.kind, src.variant = "mojibake", codec
        return src

    def pick_original(self, goods: list[Doc], min_len: int = 600) -> Doc:
        pool = [d for d in goods if id(d) not in self.used and len(d.text) >= min_len]
        doc = self.rng.choice(pool)
        self.used.add(id(doc))
        return doc

    def near(self, goods: list[Doc], op: str, span: tuple[date, date],
             where: Callable[[Doc], bool] = lambda d: True, min_len: int = 600) -> Doc:
        """A near-duplicate of an unused original; retried until its Jaccard is at least 0.92."""
        cands = [d for d in goods if where(d)]
        for _ in range(50):
            orig = self.pick_original(cands, min_len)
            day = later(self.rng, orig, span)
            if orig.pdf is not None:
                pdf = pdf_edit(self.rng, orig.pdf, op)
                text, title = pdf_text(pdf), pdf.title
            else:
                pdf, text = None, near_edit(self.rng, orig, op, day)
                title = to_traditional(orig.title) if op == "s2t" else (
                    to_simplified(orig.title) if op == "t2s" else orig.title)
            j = jaccard(shingles(text), shingles(orig.text))
            if j >= 0.92 and text != orig.text:
                script = {"s2t": "Hant", "t2s": "Hans"}.get(op, orig.script)
                return Doc(id="", domain=orig.domain, title=title, text=text,
                           published=day.isoformat(), kind="near_dup", lang=orig.lang,
                           script=script, variant=op, license=orig.license,
                           target=orig.target, encoding="utf-8", pdf=pdf, orig=orig)
            self.used.discard(id(orig))
        raise RuntimeError(f"no original fits near-duplicate edit {op}")

    def exact(self, goods: list[Doc], span: tuple[date, date], target: str | None = None) -> Doc:
        orig = self.pick_original(goods, 400)
        return Doc(id="", domain=orig.domain, title=orig.title, text=orig.text,
                   published=later(self.rng, orig, span).isoformat(), kind="exact_dup",
                   lang=orig.lang, script=orig.script, license=orig.license,
                   target=target or orig.target, orig=orig)

    # -- domains ---------------------------------------------------------------------------
    def medical(self, span: tuple[date, date], styles: list[str], target: str | None) -> list[Doc]:
        out = []
        for style in styles:
            d = med_doc(self.rng, "", span[0], span[1], style)
            d.target = target or ("medical/health-education.jsonl" if style == "edu"
                                  else "medical/guidelines.jsonl")
            out.append(d)
        return out

    def legal_reg(self, subject: dict[str, str], span: tuple[date, date], ext: str) -> Doc:
        day = self.day(span)
        text = regulation(self.rng, subject, day, markdown=ext == "md")
        return Doc(id="", domain="legal", title=text.split("\n", 1)[0].lstrip("# "), text=text,
                   published=day.isoformat(), target=ext, license="CC0-1.0")

    def legal_notice(self, span: tuple[date, date]) -> Doc:
        day = self.day(span)
        title, text = court_notice(self.rng, day)
        return Doc(id="", domain="legal", title=title, text=text, published=day.isoformat(),
                   target="txt", license="CC0-1.0")

    def legal_tw(self, subject: dict[str, str], span: tuple[date, date], ext: str) -> Doc:
        day = self.day(span)
        text = tw_rule(self.rng, subject, day, markdown=ext == "md")
        return Doc(id="", domain="legal", title=text.split("\n", 1)[0].lstrip("# "), text=text,
                   published=day.isoformat(), target=ext, script="Hant", license="CC0-1.0")

    def finance(self, span: tuple[date, date], n_ann: int, n_com: int,
                target: str | None) -> list[Doc]:
        out = []
        for i in range(n_ann + n_com):
            day = self.day(span)
            if i < n_ann:
                d = fin_announcement(self.rng, "", day)
                d.target = target or "finance/announcements.csv"
            else:
                d = fin_commentary(self.rng, "", day)
                d.target = target or "finance/market-commentary.csv"
            out.append(d)
        return out


def build_initial(b: Builder) -> Batch:
    """The initial corpus: about 300 documents with every planted defect."""
    rng, span, batch = b.rng, INITIAL, Batch("corpus")
    docs = batch.docs

    # medical (JSONL): 80 good + 40 defective or duplicated
    med_files = ["medical/guidelines.jsonl", "medical/health-education.jsonl"]
    styles = ["guide"] * 32 + ["news"] * 14 + ["edu"] * 34
    med = b.medical(span, styles, None)
    docs += med
    codecs = ["latin-1", "cp1252", "gbk"]
    for i in range(13):
        src = b.medical(span, [rng.choice(["guide", "edu", "news"])], rng.choice(med_files))[0]
        docs.append(b.mojibake(src, codecs[i % 3]))
    med_titles = [d.title for d in med]
    for _ in range(5):
        t, x = boilerplate_zh(rng, "medical", med_titles, b.day(span))
        docs.append(b.simple("medical", "boilerplate", t, x, b.day(span), rng.choice(med_files)))
    for form in ["repeat", "stuffing", "mix", "repeat"]:
        t, x = spam_zh(rng, "medical", form)
        docs.append(b.simple("medical", "spam", t, x, b.day(span), rng.choice(med_files),
                             variant=form))
    for x in SHORT_TEXTS["medical"]:
        docs.append(b.simple("medical", "too_short", x[:8], x, b.day(span), rng.choice(med_files)))
    for _ in range(2):
        t, x = symbols_doc(rng, "medical")
        docs.append(b.simple("medical", "symbols", t, x, b.day(span), rng.choice(med_files),
                             script="Zyyy"))
    for op in ["sentence_deleted", "sentence_deleted", "sentence_added", "sentence_added",
               "punct_halfwidth", "punct_halfwidth", "header_added", "header_added", "s2t"]:
        docs.append(b.near(med, op, span))
    for _ in range(4):
        docs.append(b.exact(med, span, rng.choice(med_files)))

    # legal (Markdown / txt, one document per file): 42 good + 18 others
    subjects = [*LAW_SUBJECTS, *rng.sample(LAW_SUBJECTS, 20 - len(LAW_SUBJECTS))]
    rng.shuffle(subjects)
    regs = [b.legal_reg(s, span, "md" if i < 14 else "txt") for i, s in enumerate(subjects)]
    notices = [b.legal_notice(span) for _ in range(12)]
    notices[0].encoding = "gb18030"
    tw_subjects = [*TW_SUBJECTS, *rng.sample(TW_SUBJECTS, 2)]
    tws = [b.legal_tw(s, span, "md" if i < 8 else "txt") for i, s in enumerate(tw_subjects)]
    tws[-1].encoding = "big5"
    legal = regs + notices + tws
    docs += legal
    law_titles = [d.title for d in legal]
    for i in range(4):
        t, x = boilerplate_zh(rng, "legal", law_titles, b.day(span))
        docs.append(b.simple("legal", "boilerplate", t, x, b.day(span), "txt" if i % 2 else "md"))
    for form in ["repeat", "mix", "stuffing"]:
        t, x = spam_zh(rng, "legal", form)
        docs.append(b.simple("legal", "spam", t, x, b.day(span), "txt", variant=form))
    for x in SHORT_TEXTS["legal"]:
        docs.append(b.simple("legal", "too_short", x, x, b.day(span), "txt"))
    t, x = symbols_doc(rng, "legal")
    docs.append(b.simple("legal", "symbols", t, x, b.day(span), "md", script="Zyyy"))
    utf8_regs = [d for d in regs if d.encoding == "utf-8"]
    docs.append(b.near(utf8_regs, "s2t", span, lambda d: d.target == "md"))
    docs.append(b.near(tws, "t2s", span, lambda d: d.target == "md"))
    docs.append(b.near(utf8_regs, "sentence_deleted", span))
    docs.append(b.near(notices[1:], "header_added", span, min_len=500))
    docs.append(b.near(utf8_regs, "punct_halfwidth", span))
    docs.append(b.near(utf8_regs, "sentence_added", span))
    docs.append(b.exact(utf8_regs, span))
    docs.append(b.exact(notices[1:], span))

    # finance (CSV): 54 good + 26 others (one of them a malformed row)
    fin_files = ["finance/announcements.csv", "finance/market-commentary.csv"]
    fin = b.finance(span, 27, 27, None)
    docs += fin
    fin_titles = [d.title for d in fin]
    for _ in range(4):
        t, x = boilerplate_zh(rng, "finance", fin_titles, b.day(span))
        docs.append(b.simple("finance", "boilerplate", t, x, b.day(span), rng.choice(fin_files)))
    for form in ["repeat", "stuffing", "mix", "repeat", "mix", "stuffing"]:
        t, x = spam_zh(rng, "finance", form)
        docs.append(b.simple("finance", "spam", t, x, b.day(span), rng.choice(fin_files),
                             variant=form))
    for x in SHORT_TEXTS["finance"]:
        docs.append(b.simple("finance", "too_short", x[:6], x, b.day(span), rng.choice(fin_files)))
    for _ in range(2):
        t, x = symbols_doc(rng, "finance")
        docs.append(b.simple("finance", "symbols", t, x, b.day(span), rng.choice(fin_files),
                             script="Zyyy"))
    docs.append(b.simple("finance", "empty_text", "关于召开2023年年度股东大会的通知", "",
                         b.day(span), fin_files[0], lang="und", script="Zyyy"))
    for op in ["sentence_deleted", "sentence_added", "punct_halfwidth", "header_added",
               "digits_fullwidth", "s2t"]:
        docs.append(b.near(fin, op, span, min_len=500))
    for _ in range(3):
        docs.append(b.exact(fin, span, rng.choice(fin_files)))
    batch.broken.append(Broken("finance", fin_files[1], "malformed_csv"))

    # industry (PDF): 10 reports + 2 near-duplicates
    topics = rng.sample(IND_TOPICS, len(IND_TOPICS))
    b.spare_topics = topics[10:]
    ind = [ind_report(rng, t, b.day(span)) for t in topics[:10]]
    docs += ind
    docs.append(b.near(ind, "last_section_sentence_deleted", span))
    docs.append(b.near(ind, "editor_note_appended", span))

    # mixed languages (JSONL): 17 good + 11 others
    mix_file = "mixed/multilingual.jsonl"
    en = [en_doc(rng, "", b.day(span)) for _ in range(9)]
    ja = [ja_doc(rng, "", b.day(span), b.ja) for _ in range(6)]
    ko = [ko_doc(rng, "", b.day(span), theme) for theme in (0, 1)]
    for d in en + ja + ko:
        d.target = mix_file
    docs += en + ja + ko
    for codec in ("latin-1", "cp1252"):
        src = ja_doc(rng, "", b.day(span), b.ja)
        src.target = mix_file
        docs.append(b.mojibake(src, codec))
    t, x = boilerplate_en(rng, [d.title for d in en], b.day(span))
    docs.append(b.simple("mixed", "boilerplate", t, x, b.day(span), mix_file, "en", "Latn"))
    t, x = boilerplate_ja(rng, b.day(span))
    docs.append(b.simple("mixed", "boilerplate", t, x, b.day(span), mix_file, "ja", "Jpan"))
    for form in ("repeat", "stuffing"):
        t, x = spam_en(rng, form)
        docs.append(b.simple("mixed", "spam", t, x, b.day(span), mix_file, "en", "Latn", form))
    en_short, ko_short = SHORT_TEXTS["mixed"]
    docs.append(b.simple("mixed", "too_short", "Read more", en_short, b.day(span), mix_file,
                         "en", "Latn"))
    docs.append(b.simple("mixed", "too_short", "첨부", ko_short, b.day(span), mix_file, "ko",
                         "Kore"))
    docs.append(b.near(en, "sentence_added", span, min_len=500))
    docs.append(b.near(ja, "header_added", span, min_len=250))
    docs.append(b.exact(en, span))

    batch.broken.append(Broken("medical", med_files[1], "broken_json"))
    batch.broken.append(Broken("mixed", mix_file, "broken_json"))
    return batch


def build_update(b: Builder, initial: Batch) -> Batch:
    """New files for an incremental re-run: 50 good, 5 near-dups of published docs, 6 others."""
    rng, span, batch = b.rng, UPDATE, Batch("corpus-update")
    docs = batch.docs
    old = {dom: [d for d in initial.docs if d.domain == dom and d.kind == "good"]
           for dom in DOMAINS}

    med_file = "medical/guidelines-2025.jsonl"
    docs += b.medical(span, ["guide"] * 8 + ["edu"] * 8 + ["news"] * 4, med_file)
    t, x = spam_zh(rng, "medical", "mix")
    docs.append(b.simple("medical", "spam", t, x, b.day(span), med_file, variant="mix"))
    docs.append(b.mojibake(b.medical(span, ["edu"], med_file)[0], "gbk"))
    for op in ("header_added", "s2t"):
        near = b.near(old["medical"], op, span)
        near.target = med_file
        docs.append(near)

    seen = Counter(d.title.split("市", 1)[-1] for d in old["legal"])
    subjects = sorted(LAW_SUBJECTS, key=lambda x: (seen[x["name"]], rng.random()))[:5]
    legal = [b.legal_reg(s, span, "md") for s in subjects]
    legal += [b.legal_notice(span) for _ in range(2)]
    legal += [b.legal_tw(s, span, "md") for s in rng.sample(TW_SUBJECTS, 3)]
    docs += legal
    t, x = boilerplate_zh(rng, "legal", [d.title for d in legal], b.day(span))
    docs.append(b.simple("legal", "boilerplate", t, x, b.day(span), "txt"))
    docs.append(b.near([d for d in old["legal"] if d.script == "Hans" and d.encoding == "utf-8"
                        and d.target == "md"], "s2t", span))

    fin_file = "finance/announcements-2025h1.csv"
    docs += b.finance(span, 6, 6, fin_file)
    docs.append(b.simple("finance", "too_short", "数据更新", SHORT_TEXTS["update-finance"][0],
                         b.day(span), fin_file))
    near = b.near(old["finance"], "sentence_added", span, min_len=500)
    exact = b.exact(old["finance"], span)
    near.target = exact.target = fin_file
    docs += [near, exact]

    docs += [ind_report(rng, t, b.day(span)) for t in b.spare_topics]
    docs.append(b.near(old["industry"], "reprint_header", span))

    mix_file = "mixed/multilingual-2025.jsonl"
    mixed = [en_doc(rng, "", b.day(span)) for _ in range(3)]
    mixed += [ja_doc(rng, "", b.day(span), b.ja) for _ in range(2)]
    mixed.append(ko_doc(rng, "", b.day(span), 2))
    for d in mixed:
        d.target = mix_file
    docs += mixed
    docs.append(b.simple("mixed", "too_short", "404", SHORT_TEXTS["update-mixed"][0],
                         b.day(span), mix_file, "en", "Latn"))
    return batch


# --------------------------------------------------------------------------------------------
# Writing files
# --------------------------------------------------------------------------------------------

PREFIX = {"medical": "med", "finance": "fin", "mixed": "mix"}
CSV_FIELDS = ["id", "title", "text", "published", "license"]


def broken_line(kind: str, domain: str, rid: str) -> str:
    """The raw text of a record that must fail to parse."""
    if kind == "broken_json" and domain == "medical":
        return ('{"id": "' + rid + '", "title": "儿童发热居家护理要点", "text": "孩子发热时家长先不'
                                   '要慌，'
                '首先观察精神状态和饮水情况，如果')
    if kind == "broken_json":
        return ("{'id': '" + rid + "', 'title': 'Release notes', 'text': 'This record uses "
                "single quotes, so it is not valid JSON.'}")
    return (f"{rid},关于召开临时股东大会的通知,公司定于近期召开临时股东大会,审议关联交易等议案,"
            "请全体股东准时参加,2024-04-28,CC-BY-4.0")


def finalize(batch: Batch, counters: Counter[str], rng: random.Random) -> None:
    """Shuffle each file's documents, assign ids and file names, and write everything."""
    root = HERE / batch.name
    by_target: dict[str, list[Doc]] = {}
    for d in batch.docs:
        key = d.target if d.target.endswith((".jsonl", ".csv")) else f"{d.domain}/*"
        by_target.setdefault(key, []).append(d)
    for target in sorted(by_target):
        group = by_target[target]
        rng.shuffle(group)
        if target.endswith("/*"):
            write_file_docs(root, group, counters)
            continue
        domain = target.split("/")[0]
        entries: list[Doc | Broken] = list(group)
        for x in (x for x in batch.broken if x.source == target):
            entries.insert(rng.randint(len(entries) // 3, 2 * len(entries) // 3), x)
        lines: list[str] = []
        for pos, e in enumerate(entries, start=1):
            counters[domain] += 1
            rid = f"{PREFIX[domain]}-{counters[domain]:04d}"
            if isinstance(e, Broken):
                e.line = pos
                lines.append(broken_line(e.kind, domain, rid))
                continue
            e.id, e.source, e.position = rid, target, pos
            if domain != "finance":
                e.url = f"{URL_ROOT}/{domain}/{rid}"
            if target.endswith(".jsonl"):
                lines.append(json.dumps(e.record(), ensure_ascii=False))
            else:
                buf = io.StringIO()
                csv.writer(buf, lineterminator="\n").writerow([e.record()[k] for k in CSV_FIELDS])
                lines.append(buf.getvalue().rstrip("\n"))
        header = [] if target.endswith(".jsonl") else [",".join(CSV_FIELDS)]
        path = root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")


def write_file_docs(root: Path, group: list[Doc], counters: Counter[str]) -> None:
    """Legal documents as one Markdown/txt file each; industry reports as PDFs."""
    for d in group:
        counters[d.domain] += 1
        n = counters[d.domain]
        if d.domain == "industry":
            name = f"industry/report-{n:03d}.pdf"
        else:
            enc = "" if d.encoding == "utf-8" else f".{d.encoding}"
            name = f"legal/law-{n:04d}{enc}.{d.target}"
        d.id, d.source = Path(name).name.split(".")[0], name
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if d.pdf is not None:
            d.pages = write_pdf(path, d.pdf)
        else:
            path.write_bytes(d.text.encode(d.encoding))


# --------------------------------------------------------------------------------------------
# Self-check (character 5-gram Jaccard on a normalised key) and expected.json
# --------------------------------------------------------------------------------------------


def match_key(text: str) -> str:
    """NFKC, Traditional -> Simplified, lower case, no whitespace: the dedup matching key."""
    return re.sub(r"\s+", "", to_simplified(unicodedata.normalize("NFKC", text)).lower())


def shingles(text: str, k: int = 5) -> set[str]:
    """Character k-grams of the matching key."""
    key = match_key(text)
    return {key[i:i + k] for i in range(max(1, len(key) - k + 1))} if key else set()


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two shingle sets."""
    return len(a & b) / len(a | b) if a | b else 1.0


def verify(docs: list[Doc]) -> dict[str, float]:
    """Check the planted structure: dups are dups and nothing else is near another document."""
    sets = [shingles(d.text) for d in docs]
    index = {id(d): i for i, d in enumerate(docs)}
    planned = {frozenset((index[id(d)], index[id(d.orig)])) for d in docs if d.orig is not None}
    problems: list[str] = []
    near_min, worst, worst_pair = 1.0, 0.0, ("", "")
    for d in docs:
        if d.kind == "exact_dup" and (d.orig is None or d.text != d.orig.text):
            problems.append(f"{d.id}: exact duplicate differs from its original")
        if d.kind == "near_dup" and d.orig is not None:
            j = jaccard(sets[index[id(d)]], sets[index[id(d.orig)]])
            near_min = min(near_min, j)
            if j < 0.8 or d.text == d.orig.text:
                problems.append(f"{d.id}: near duplicate with Jaccard {j:.3f}")
        if d.kind == "too_short" and len(d.text) >= 30:
            problems.append(f"{d.id}: 'too short' text has {len(d.text)} characters")
        hi = 3200 if d.domain == "industry" else 2000
        if d.kind == "good" and not 300 <= len(d.text) <= hi:
            problems.append(f"{d.id}: good document with {len(d.text)} characters")
        if d.kind == "symbols" and sum(not c.isalpha() for c in d.text) < 0.7 * len(d.text):
            problems.append(f"{d.id}: symbols document has too many letters")
    for i, j in combinations(range(len(docs)), 2):
        if frozenset((i, j)) in planned or not sets[i] or not sets[j]:
            continue
        small, big = sorted((sets[i], sets[j]), key=len)
        if len(small) / len(big) <= worst:
            continue  # Jaccard cannot exceed the size ratio
        sim = jaccard(sets[i], sets[j])
        if sim > worst:
            worst, worst_pair = sim, (docs[i].id, docs[j].id)
    if worst >= 0.6:
        problems.append(f"unplanned similarity {worst:.3f} between {worst_pair}")
    if problems:
        raise SystemExit("self-check failed:\n" + "\n".join(problems))
    return {"near_dup_min_jaccard": round(near_min, 3),
            "unplanned_max_jaccard": round(worst, 3)}


def summarize(batch: Batch) -> dict[str, object]:
    """Planted counts of one batch."""
    docs = batch.docs
    per_kind = Counter(d.kind for d in docs)
    return {
        "files": len({d.source for d in docs} | {x.source for x in batch.broken}),
        "records": len(docs) + len(batch.broken),
        "documents": len(docs),
        "per_domain": dict(Counter(d.domain for d in docs)),
        "per_kind": {k: per_kind[k] for k in KINDS if per_kind[k]},
        "per_domain_kind": {dom: dict(Counter(d.kind for d in docs if d.domain == dom))
                            for dom in DOMAINS},
        "per_language": dict(Counter(d.lang for d in docs)),
        "per_script": dict(Counter(d.script for d in docs)),
        "near_duplicates": per_kind["near_dup"],
        "exact_duplicates": per_kind["exact_dup"],
        "duplicates_of_earlier_batch": sum(
            1 for d in docs if d.orig is not None and d.orig not in docs),
        "near_dup_edits": dict(Counter(d.variant for d in docs if d.kind == "near_dup")),
        "mojibake_codecs": dict(Counter(d.variant for d in docs if d.kind == "mojibake")),
        "broken_records": dict(Counter(x.kind for x in batch.broken)),
        "broken_record_locations": [{"source": x.source, "position": x.line}
                                    for x in batch.broken],
        "non_utf8_files": {d.source: d.encoding for d in docs if d.encoding != "utf-8"},
        "pdf_pages": {d.source: d.pages for d in docs if d.pages},
        "good_documents": per_kind["good"],
        "clean_after_dedup": per_kind["good"],
    }


KINDS = ["good", "near_dup", "exact_dup", "mojibake", "boilerplate", "spam", "too_short",
         "symbols", "empty_text"]


def manifest(d: Doc) -> dict[str, object]:
    """Per-document facts for tests."""
    row: dict[str, object] = {"id": d.id, "domain": d.domain, "kind": d.kind, "source": d.source}
    if d.position:
        row["position"] = d.position
    row.update({"lang": d.lang, "script": d.script, "chars": len(d.text),
                "published": d.published})
    if d.orig is not None:
        row["dup_of"] = d.orig.id
        row["dup_of_source"] = d.orig.source
    if d.variant:
        row["variant"] = d.variant
    if d.encoding != "utf-8":
        row["encoding"] = d.encoding
    return row


def main() -> None:
    """Regenerate demo/corpus, demo/corpus-update and demo/expected.json."""
    S2T.update(_pairs(S2T_TABLE))
    T2S.update(_pairs(T2S_TABLE))
    rng = random.Random(SEED)
    builder = Builder(rng)
    initial = build_initial(builder)
    update = build_update(builder, initial)
    for name in BATCHES:
        shutil.rmtree(HERE / name, ignore_errors=True)
    counters: Counter[str] = Counter()
    for batch in (initial, update):
        finalize(batch, counters, rng)
    checks = verify(initial.docs + update.docs)
    summaries = {b.name: summarize(b) for b in (initial, update)}
    expected = {
        "generator": "demo/make_corpus.py",
        "seed": SEED,
        "note": "Fictional content written for the hqdata demo. Counts are what was planted; "
                "'clean_after_dedup' assumes every defect is caught and one keeper per "
                "duplicate cluster survives (the original).",
        "self_check": checks,
        "batches": summaries,
        "documents": {b.name: [manifest(d) for d in sorted(b.docs, key=lambda d: (
            d.source, d.position))] for b in (initial, update)},
    }
    (HERE / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for b in (initial, update):
        s = summaries[b.name]
        print(f"{b.name}: {s['documents']} documents, {s['records']} records, "
              f"kinds {s['per_kind']}")
    print(f"self-check: {checks}")


if __name__ == "__main__":
    main()
