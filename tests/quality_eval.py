"""A labelled, generated evaluation of quality separation: clean documents vs defective ones.

The product promises that :func:`quality.assess.assess` separates clean from defective
documents with ROC AUC >= 0.97 on its score, and flags every kind of defect at least 90% of
the time. This module builds the set that checks it and prints the figures::

    python -m tests.quality_eval

Clean documents (300-2000 characters) come in eight registers: news, government notices,
legal clauses (第X条 lines), finance reports with figures and small tables, medical guidance
with units, technical documentation with English commands, encyclopedia prose, and
Traditional Chinese (generated text converted with OpenCC, Taiwan and Hong Kong variants).
Every template and vocabulary pool below was written for this file. Within a document each
sentence template is used once and slot values are drawn without replacement, so clean text
repeats only what real text repeats (a statute's department, an article's subject), not
fixed phrases the way spam does. About 40% of technical documents put their commands in
Markdown code fences (```bash), the others indent them.

Defective documents, each kind made from clean documents or generated outright:

- ``mojibake``: UTF-8 bytes decoded as GBK with ``errors="replace"`` (whole document or a
  run of its lines); the bytes lost to U+FFFD cannot be restored by cleaning.
- ``repeated_lines``: lines or whole paragraphs repeated many times (reply floods, pages
  appended to themselves by a scraper, a line printed on every screen).
- ``boilerplate``: navigation pages (menus, breadcrumbs, link lists, 上一篇/下一篇,
  版权所有, 登录/注册) with at most a sentence or two of content.
- ``spam``: advertising (加微信, 代开发票, loans, gambling, miracle cures) and keyword
  stuffing, alone or injected into a hacked article.
- ``too_short``: fewer than 50 characters.
- ``symbol_dump``: tables of numbers only, emoji runs, decoration lines, lottery draws.
- ``tag_cloud``: machine-generated keyword lists, many short lines without punctuation.
- ``ngram_spam``: one phrase repeated inside long lines (SEO phrases, a slogan after every
  sentence, degenerate generated text).

Figures measured here are figures on generated text: they check the rules against the
defects they were written for, not the rate on a real crawl.
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

import opencc

from quality.assess import Assessment, assess
from quality.clean import clean_text
from quality.profiles import quality_profile

DEFAULT_SEED = 0
CLEAN_PER_REGISTER = 80
DEFECTS_PER_KIND = 90
MIN_CLEAN_CHARS = 300
MAX_CLEAN_CHARS = 2000

REGISTERS = (
    "news", "government", "legal", "finance", "medical", "technical", "encyclopedia",
    "traditional",
)  # fmt: skip
DEFECT_KINDS = (
    "mojibake", "repeated_lines", "boilerplate", "spam", "too_short", "symbol_dump",
    "tag_cloud", "ngram_spam",
)  # fmt: skip

Slot = Sequence[str] | Callable[[random.Random], str]
_T = TypeVar("_T")


def _w(text: str) -> list[str]:
    return text.split()


# -- shared vocabulary -------------------------------------------------------------------------

CITIES = _w(
    "杭州 宁波 温州 绍兴 嘉兴 湖州 金华 台州 成都 绵阳 德阳 宜宾 南充 乐山 武汉 宜昌 襄阳 荆州 "
    "长沙 株洲 湘潭 岳阳 常德 郑州 洛阳 开封 新乡 许昌 合肥 芜湖 安庆 蚌埠 济南 青岛 烟台 潍坊 "
    "临沂 泉州 漳州 赣州 九江 柳州 桂林 昆明 大理 曲靖 兰州 天水 银川 西宁 呼和浩特 包头 大同"
)
SURNAMES = list(
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏"
)
GIVEN_CHARS = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏宇浩晨欣怡嘉琪子涵思远志国"
)


def _name(rng: random.Random) -> str:
    given = "".join(rng.sample(GIVEN_CHARS, rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def _int_slot(low: int, high: int) -> Callable[[random.Random], str]:
    return lambda rng: str(rng.randint(low, high))


def _pct(rng: random.Random) -> str:
    return f"{rng.uniform(0.6, 38.0):.1f}%"


def _amount(rng: random.Random) -> str:
    return f"{rng.uniform(0.8, 96.0):.2f}"


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2016, 2024)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def _mobile(rng: random.Random) -> str:
    return rng.choice(("135", "138", "150", "177", "186", "199")) + "".join(
        rng.choice("0123456789") for _ in range(8)
    )


def _landline(rng: random.Random) -> str:
    return f"0{rng.randint(310, 999)}-{rng.randint(2000000, 8999999)}"


def _wechat(rng: random.Random) -> str:
    letters = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(rng.randint(2, 5)))
    return letters + str(rng.randint(100, 99999))


_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals as statutes write them (十一, 二十, 三十五)."""
    tens, ones = divmod(n, 10)
    if n < 10:
        return _CN_DIGITS[n]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


SHARED_SLOTS: dict[str, Slot] = {
    "city": CITIES,
    "city2": CITIES,
    "name": _name,
    "n1": _int_slot(2, 9),
    "n2": _int_slot(10, 99),
    "n3": _int_slot(100, 999),
    "n4": _int_slot(1000, 9999),
    "pct": _pct,
    "pct2": _pct,
    "amt": _amount,
    "amt2": _amount,
    "year": _int_slot(2016, 2024),
    "month": _int_slot(1, 12),
    "day": _int_slot(1, 28),
    "date": _date,
    "phone": _landline,
}


# -- the writer ----------------------------------------------------------------------------------

_SLOT_RE = re.compile(r"\{(\w+)\}")


class _Writer:
    """Fills templates for one document at a time.

    List slots are drawn without replacement (a pool is reshuffled only once used up), so a
    value repeats only when a document needs more values than the pool holds; ``fixed``
    values (the subject of an article, the statute's department) stay the same all along.
    """

    def __init__(self, rng: random.Random, slots: dict[str, Slot]) -> None:
        self.rng = rng
        self.slots = {**SHARED_SLOTS, **slots}
        self.fixed: dict[str, str] = {}
        self._decks: dict[int, list[Any]] = {}

    def new_document(self, **fixed: str) -> None:
        self.fixed = dict(fixed)
        self._decks = {}

    def take(self, pool: Sequence[_T]) -> _T:
        deck = self._decks.get(id(pool))
        if not deck:
            deck = list(pool)
            self.rng.shuffle(deck)
            self._decks[id(pool)] = deck
        return deck.pop()

    def value(self, slot: str) -> str:
        if slot in self.fixed:
            return self.fixed[slot]
        source = self.slots[slot]
        return self.take(source) if isinstance(source, Sequence) else source(self.rng)

    def fill(self, template: str) -> str:
        return _SLOT_RE.sub(lambda m: self.value(m.group(1)), template)

    def sentences(self, templates: Sequence[str], target: int) -> list[str]:
        """Filled templates until ``target`` characters (or none is left): each used once."""
        out: list[str] = []
        size = 0
        for _ in range(len(templates)):
            if size >= target:
                break
            sentence = self.fill(self.take(templates))
            out.append(sentence)
            size += len(sentence)
        return out


def _paragraphs(rng: random.Random, sentences: list[str], low: int = 2, high: int = 4) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(sentences):
        k = rng.randint(low, high)
        out.append("".join(sentences[i : i + k]))
        i += k
    return out


def _join(rng: random.Random, lines: list[str]) -> str:
    """Lines of a document, separated by single or blank lines as web pages and files are."""
    return ("\n\n" if rng.random() < 0.35 else "\n").join(lines)


# -- news ----------------------------------------------------------------------------------------

NEWS_HEADLINES = [
    "加快推进城乡供水一体化建设",
    "多措并举稳就业促增收",
    "新建一批城市书房方便市民阅读",
    "推动老旧小区改造提质增效",
    "农村公路通达条件持续改善",
    "首届乡村文化旅游节开幕",
    "上半年经济运行稳中向好",
    "启动秋冬季大气污染防治攻坚",
    "夜间经济激发消费新活力",
    "智慧医疗让群众就医更便捷",
    "职业教育改革取得新进展",
    "完成首批保障性租赁住房交付",
]

NEWS_SLOTS: dict[str, Slot] = {
    "event": _w(
        "农民丰收节庆祝活动 全民健身运动会 科技创新成果展 非遗文化周 春季人才招聘会 读书月启动仪式 "
        "夏季消费季活动 半程马拉松赛 职业技能大赛 文旅推介会 青少年科普周 社区邻里节 "
        "乡村振兴论坛 新能源汽车展 中秋游园会 老年大学开学典礼"
    ),
    "venue": _w(
        "市民中心 体育中心 国际会展中心 文化广场 滨江公园 高新区创业园 市图书馆报告厅 "
        "湿地公园 工人文化宫 奥体中心 大剧院 科技馆"
    ),
    "bureau": _w(
        "市住房和城乡建设局 市交通运输局 市农业农村局 市教育局 市文化广电旅游局 "
        "市人力资源和社会保障局 市生态环境局 市商务局 市水利局 市民政局 市卫生健康委员会 "
        "市医疗保障局 市市场监督管理局 市体育局"
    ),
    "project": _w(
        "老旧小区改造项目 农村公路提升工程 城市排水管网改造 社区养老服务中心 中小学校舍改扩建 "
        "污水处理厂扩容工程 智慧停车场 高标准农田 城市绿道 公共充电桩 保障性租赁住房 "
        "乡镇卫生院改造 口袋公园"
    ),
    "project2": _w("防洪排涝工程 垃圾中转站 快递物流园 农贸市场改造 体育公园 人行天桥"),
    "metric": _w(
        "社会消费品零售总额 规模以上工业增加值 固定资产投资 外贸进出口总额 "
        "农村居民人均可支配收入 旅游总收入 数字经济核心产业增加值 高新技术产业投资"
    ),
    "district": _w(
        "东城片区 西湖街道 北岸新区 南山镇 城关镇 开发区 老城区 临港片区 河西新城 "
        "石桥乡 枫林社区 望江街道"
    ),
    "district2": _w("高铁新城 桃源乡 青石镇 白沙村 江北组团 云岭片区 梅溪街道 金沙社区"),
    "facility": _w(
        "社区食堂 便民服务站 公共停车场 母婴室 城市书房 日间照料中心 篮球场 "
        "公交首末站 共享菜园 健身步道"
    ),
    "field": _w("文化旅游 现代农业 先进制造 数字经济 医疗卫生 教育 生态环保 现代物流 养老服务"),
    "goal": [
        "城乡公交一体化全覆盖",
        "县域医共体建设全覆盖",
        "农村生活污水治理全覆盖",
        "主城区十五分钟健身圈全覆盖",
        "义务教育优质均衡发展",
        "重点行业碳排放稳中有降",
    ],
    "trend": [
        "年轻消费者更加看重产品的体验和个性化",
        "县域消费市场的潜力正在加快释放",
        "传统产业数字化改造的需求持续增加",
        "周边短途游和夜间消费逐渐成为新热点",
        "企业对复合型技术人才的需求明显上升",
        "绿色低碳产品越来越受到市场青睐",
    ],
    "opinion": [
        "项目的落地离不开各方的共同努力，接下来还要在运营管理上下功夫。",
        "群众满意不满意，是检验这项工作成效的根本标准。",
        "我们会把收集到的意见建议认真梳理，逐条研究落实。",
        "只有把基础打牢，后续的发展才会更有底气。",
        "今年的任务更重、要求更高，必须提前谋划、压茬推进。",
        "这次活动既是一次展示，也是一次交流学习的机会。",
    ],
    "resident": [
        "家住附近的市民陈女士",
        "在此经营多年的个体户老刘",
        "刚刚退休的周大爷",
        "带着孩子前来参观的李先生",
        "外卖骑手小杨",
        "返乡创业的大学生王磊",
        "村党支部书记赵建国",
    ],
    "weather": _w("连续强降雨 台风外围云系 冷空气南下 短时雷暴大风"),
    "subsidy": _w("消费券 稳岗返还资金 耕地地力保护补贴 家电以旧换新补贴 创业担保贷款"),
    "side": _w("美食市集 非遗展演 亲子研学 摄影比赛 主题讲座 义诊咨询"),
    "issue": _w("停车难 看病难 上学远 出行不便 小区加装电梯 农产品销售 就业创业 噪声扰民"),
    "hotline": ["12345", "12315", "12328", "12319"],
    "risk": _w("债务风险 安全隐患 形式主义 重建轻管"),
    "month2": _int_slot(1, 12),
}

NEWS_TEMPLATES = [
    "{date}，{city}{event}在{venue}举行，来自{n2}个单位的{n3}余名代表参加。",
    "记者从{bureau}获悉，今年以来全市累计完成{project}{n3}个，总投资约{amt}亿元。",
    "{bureau}相关负责人{name}介绍，{project2}计划分三期实施，首期预计于{year}年底前完工。",
    "与去年同期相比，全市{metric}增长了{pct}，增幅位居全省前列。",
    "“过去办一件事要跑好几趟，现在在手机上几分钟就能搞定。”{resident}说。",
    "据悉，{city}还将在{district}新建{n1}处{facility}，进一步方便周边居民的日常生活。",
    "为保障活动顺利开展，主办单位提前制定了应急预案，并安排专人在现场值守。",
    "在{venue}附近的施工现场，记者看到工人们正在紧张有序地进行设备安装。",
    "业内人士分析认为，{trend}，这一趋势在未来一段时间内仍将持续。",
    "下一步，{city}将继续加大{field}领域投入，力争早日实现{goal}。",
    "本次活动共吸引{n4}人次参与，线上直播观看量突破{n2}万。",
    "{bureau}负责人{name}表示：{opinion}",
    "截至{month}月底，{city}已累计发放{subsidy}{amt}亿元，惠及群众{n2}万余人。",
    "受{weather}影响，{city}部分低洼路段一度出现积水，交警部门及时实施了临时交通管制。",
    "该项目建成后，每年可减少二氧化碳排放约{n2}万吨，节约标准煤{n4}吨。",
    "值得一提的是，新建的{facility}采用装配式建造，施工周期比传统方式缩短了近三分之一。",
    "不少市民在社交平台上分享了自己的体验，相关话题阅读量已超过{n3}万次。",
    "目前，{city}{field}从业人员已超过{n2}万人，形成了较为完整的产业链条。",
    "活动期间，主办方还组织了{side}、{side}等配套活动，现场气氛热烈。",
    "有关部门提醒，市民如遇问题可拨打服务热线{hotline}进行咨询。",
    "专家指出，{field}发展既要看速度，更要看质量，不能简单以规模论英雄。",
    "从{district}到{district2}，一条条新修的道路串起了沿线的村庄和产业园区。",
    "去年冬天，{resident}所在的村子第一次通上了天然气，屋里再也不用烧煤取暖了。",
    "数据显示，{year}年全市{metric}达到{n3}.{n1}亿元，连续{n1}年保持较快增长。",
    "在随后的座谈环节，与会代表围绕{issue}、{issue}等问题进行了深入交流。",
    "据介绍，这是{city}首次举办此类活动，今后有望每年定期举行。",
    "这些举措有效缓解了{issue}问题，得到了群众的普遍认可。",
    "针对群众反映较多的{issue}问题，相关部门已建立台账，逐项明确了整改时限。",
    "{name}是土生土长的{city}人，十几年来一直在基层从事{field}工作。",
    "按照计划，{project}将于明年春天投入使用，届时可满足约{n4}户居民的需求。",
    "为了让项目早日见效，施工方采取白天和夜间两班轮换的方式加快进度。",
    "在{district}的一处{facility}里，几位老人正围坐在一起下棋聊天。",
    "“以前孩子放学没地方去，现在有了{facility}，我们上班也放心多了。”一位家长告诉记者。",
    "此外，{city}还出台了配套扶持政策，对符合条件的经营主体给予最高{n2}万元奖励。",
    "今年上半年，全市新增城镇就业{n2}万人，城镇调查失业率控制在{n1}.{n1}%以内。",
    "据气象部门预测，未来一周当地以多云天气为主，气温将逐步回升。",
    "走进{venue}，各类展位排列整齐，不少展品吸引了观众驻足拍照。",
    "这位负责人坦言，项目推进过程中也遇到过征地拆迁、资金筹措等难题。",
    "经过几个月的试运行，新系统的日均处理量已稳定在{n4}件左右。",
    "在{city2}务工多年的{name}今年回到家乡，和几位伙伴一起办起了农产品加工厂。",
    "记者注意到，今年参展企业带来的新产品中，首次亮相的占比接近一半。",
    "根据安排，相关工作将于{month}月中旬全面启动，年底前完成阶段性任务。",
    "对于下一步工作，{name}认为关键在于把好事办实、把实事办好。",
    "现场还设置了咨询台，工作人员为前来询问的市民逐一解答政策问题。",
    "近三年来，{city}累计投入财政资金{amt}亿元，用于改善农村人居环境。",
    "不少网友留言称，希望类似的便民举措能够在更多地方推广。",
    "另据了解，{city2}等地也在开展类似探索，部分做法已被写入省级文件。",
    "也有专家提醒，推进过程中要注意防范{risk}，做到稳中求进。",
    "当天下午，参会人员还实地参观了{project2}和周边的{facility}。",
    "按照一村一策的思路，{district2}因地制宜发展{field}，村集体收入明显增加。",
    "今年{month2}月，这一做法入选了全省改革创新典型案例。",
]


def _news(w: _Writer, target: int) -> str:
    w.new_document()
    title = w.value("city") + w.take(NEWS_HEADLINES)
    lead = w.fill(
        w.rng.choice(("本报讯（记者 {name}）", "{city}讯 ", "（记者 {name} 通讯员 {name}）"))
    )
    body = _paragraphs(w.rng, w.sentences(NEWS_TEMPLATES, target))
    body[0] = lead + body[0]
    lines = [title, *body]
    if w.rng.random() < 0.4:
        lines.append(w.fill("（责任编辑：{name}）"))
    return _join(w.rng, lines)


# -- government notices --------------------------------------------------------------------------

GOV_TASKS = [
    "做好今冬明春供暖保障工作",
    "进一步加强城市生活垃圾分类管理",
    "开展安全生产大排查大整治",
    "推进基层卫生服务能力提升",
    "做好高校毕业生就业创业工作",
    "加快发展社区居家养老服务",
    "加强农村集体资产管理",
    "推进政务服务一网通办",
    "做好汛期地质灾害防治工作",
    "促进民营经济高质量发展",
]
GOV_MEASURES = [
    "健全部门协同机制，定期召开联席会议研究解决重大问题",
    "建立问题清单、责任清单和整改清单，实行销号管理",
    "加大财政投入力度，统筹用好各级专项资金",
    "强化基层网格员队伍建设，做到底数清、情况明",
    "推行“双随机、一公开”监管，提高监管的精准性",
    "优化审批流程，将办理时限压缩至五个工作日以内",
    "加强重点时段、重点区域的巡查值守和隐患排查",
    "完善考核评价办法，考核结果与评先评优挂钩",
    "鼓励行业协会制定自律公约，引导企业诚信经营",
    "发挥志愿服务组织作用，动员群众广泛参与",
    "推进信息平台建设，实现数据实时汇聚和动态更新",
    "加强业务培训，提升基层工作人员的履职能力",
]
GOV_HEADINGS = _w(
    "总体要求 工作目标 重点任务 保障措施 职责分工 时间安排 工作要求 组织实施 监督检查"
)

GOV_SLOTS: dict[str, Slot] = {
    "office": _w("发展改革委 财政局 应急管理局 政务服务管理办公室 城市管理局 农业农村局 教育局"),
    "target": _w("覆盖率 达标率 群众满意度 办结率 网上办理率 设施完好率"),
    "target2": _w("城区 重点乡镇 中心村 工业园区 中小学校 二级以上医院"),
    "mech": _w("联络员制度 定期通报制度 首问负责制 包保责任制 督办问责机制 信息报送制度"),
    "risk": _w("安全事故 环境污染事件 群体性事件 食品安全事件 公共卫生事件"),
    "project": _w("城市停车设施 农村供水工程 社区养老设施 公共体育设施 污水处理设施"),
    "field": _w("教育 医疗卫生 养老托育 公共文化 农业农村 生态环境"),
    "facility": _w("住宅小区 商业综合体 学校 医院 办公楼"),
    "facility2": _w("电动汽车充电设施 垃圾分类收集点 无障碍设施 应急避难场所 非机动车停放区"),
    "district": _w("高新区 经开区 北部新城 临空经济区 滨海新区 南部山区"),
    "signer": _w("人民政府办公室 人民政府 应急管理局 教育局 民政局"),
}

GOV_TEMPLATES = [
    "各地要把这项工作摆在突出位置，纳入年度目标考核，确保各项措施落到实处。",
    "到{year}年底，全市{target}达到{pct}以上，{target2}基本实现全覆盖。",
    "各区县要在{month}月{day}日前将工作方案报送市{office}，逾期未报的将予以通报。",
    "对工作推进不力、群众反映强烈的单位，由市政府督查室依规进行约谈。",
    "财政部门要统筹安排资金，优先保障{field}等重点领域支出。",
    "要充分利用报刊、广播、政务新媒体等渠道开展政策宣传，提高群众知晓率。",
    "鼓励社会资本通过特许经营、政府购买服务等方式参与{project}的建设和运营。",
    "各有关部门要按照职责分工，加强协调配合，形成工作合力。",
    "严禁以任何名义向企业和群众摊派费用，切实减轻基层负担。",
    "对在工作中表现突出的集体和个人，按照有关规定给予表彰。",
    "市{office}负责统筹协调，每季度对各地工作进展情况进行一次调度。",
    "建立健全{mech}，实行清单化管理、项目化推进。",
    "加强数据共享，推动{field}相关业务系统互联互通，减少群众重复提交材料。",
    "坚持问题导向，聚焦群众急难愁盼问题，每年办好一批民生实事。",
    "统筹发展和安全，守牢不发生重大{risk}的底线。",
    "探索在{district}先行开展试点，形成可复制可推广的经验后在全市推开。",
    "各区县政府是本地区工作的责任主体，主要负责同志是第一责任人。",
    "审计部门要加强对专项资金使用情况的审计监督，确保资金安全高效使用。",
    "对群众的投诉举报，相关部门应当在{n1}个工作日内予以答复。",
    "要做好政策解读和舆论引导工作，及时回应社会关切。",
    "完善{field}人才培养和引进机制，落实住房、子女入学等配套保障政策。",
    "自{year}年起，全市新建{facility}应当同步配套建设{facility2}。",
    "工作中遇到的重大问题，请及时向市{office}报告。",
    "各地要结合实际制定具体实施方案，明确时间表和路线图。",
    "要加强对重点人群的排查帮扶，做到早发现、早介入、早解决。",
    "市直有关部门要主动靠前服务，帮助基层解决实际困难。",
    "对于已经完成的事项，要及时组织验收，确保质量经得起检验。",
    "建立工作月报制度，各单位于每月{n1}日前报送上月工作进展。",
    "严格落实值班值守制度，遇有重大情况要第一时间报告，不得迟报、漏报、瞒报。",
    "统筹用好中央和省级补助资金，市级财政按照不低于{n2}%的比例给予配套。",
    "支持符合条件的企业申报省级示范项目，市级给予一次性奖励。",
    "加强与周边城市的协作，推动跨区域事项一次办理。",
    "注重总结推广基层的好经验、好做法，发挥典型示范带动作用。",
    "推进过程中要防止简单化、一刀切，切实维护群众合法权益。",
    "相关工作情况将纳入年度综合考核，考核结果向社会公开。",
    "充分发挥人大代表、政协委员和社会各界的监督作用。",
    "市{office}牵头制定评估指标体系，适时开展第三方评估。",
    "对因工作失职造成严重后果的，依法依规追究相关人员责任。",
    "各级领导干部要带头深入一线，及时掌握新情况、新问题。",
    "在保障措施上，要落实人员编制，确保专人负责、专款专用。",
    "对符合条件的困难群众，按规定及时纳入救助范围，做到应保尽保。",
    "推动政务服务事项标准化，编制并公布办事指南，方便群众查询。",
    "鼓励高校、科研院所与企业联合攻关，加快科技成果就地转化。",
    "完善应急物资储备体系，确保关键时刻调得出、用得上。",
    "以上任务的完成情况，将作为安排下一年度专项资金的重要依据。",
    "此前印发的文件与本通知不一致的，以本通知为准。",
    "涉及多个部门的事项，由牵头部门负责协调，其他部门积极配合。",
    "专项整治行动期间，各地每周报送一次进展情况和典型案例。",
]


def _government(w: _Writer, target: int) -> str:
    task = w.take(GOV_TASKS)
    w.new_document()
    city, signer = w.value("city"), w.value("signer")
    lines = [
        f"{city}市{signer}关于{task}的通知",
        "各区县人民政府，市政府各部门、各直属机构：",
        f"为{task}，根据上级有关文件精神，结合本市实际，现就有关事项通知如下。",
    ]
    sentences = w.sentences(GOV_TEMPLATES, target)
    headings = w.rng.sample(GOV_HEADINGS, k=min(5, max(2, len(sentences) // 3)))
    chunk = max(1, len(sentences) // len(headings))
    for i, heading in enumerate(headings):
        lines.append(f"{cn_number(i + 1)}、{heading}")
        part = sentences[i * chunk : (i + 1) * chunk if i < len(headings) - 1 else None]
        if w.rng.random() < 0.5:
            lines.append(f"（一）{w.take(GOV_MEASURES)}。" + "".join(part[:1]))
            lines.append(f"（二）{w.take(GOV_MEASURES)}。" + "".join(part[1:]))
        else:
            lines.extend(_paragraphs(w.rng, part, 1, 3))
    contact = w.fill("联系人：{name}，联系电话：{phone}。")
    lines += [w.rng.choice(("特此通知。", contact)), f"{city}市{signer}", _date(w.rng)]
    return _join(w.rng, lines)


# -- legal clauses -------------------------------------------------------------------------------

# (title, subject, how the act names itself)
LEGAL_SUBJECTS = [
    ("城市绿化管理条例", "城市绿化", "本条例"),
    ("饮用水水源保护条例", "饮用水水源保护", "本条例"),
    ("养犬管理规定", "养犬管理", "本规定"),
    ("生活垃圾分类管理条例", "生活垃圾分类", "本条例"),
    ("物业管理条例", "物业管理", "本条例"),
    ("电动自行车管理条例", "电动自行车管理", "本条例"),
    ("历史文化街区保护条例", "历史文化街区保护", "本条例"),
    ("公共场所控制吸烟条例", "公共场所控制吸烟", "本条例"),
    ("农贸市场管理办法", "农贸市场管理", "本办法"),
    ("住房租赁管理条例", "住房租赁管理", "本条例"),
    ("河道管理条例", "河道管理", "本条例"),
    ("消防安全管理规定", "消防安全管理", "本规定"),
]
LEGAL_DEPTS = _w(
    "公安 市场监督管理 住房城乡建设 生态环境 交通运输 自然资源和规划 卫生健康 应急管理"
)
LEGAL_BANS = [
    "擅自占用、损毁公共设施",
    "向水体排放油类、酸液、碱液或者剧毒废液",
    "在禁止区域内焚烧秸秆、垃圾等废弃物",
    "擅自改变规划确定的用地性质",
    "伪造、变造、出租、出借许可证件",
    "在公共场所随意丢弃废弃物",
    "破坏、擅自移动监测设施和标志",
    "违反规定堆放易燃易爆物品",
    "擅自搭建建筑物、构筑物",
    "拒绝、阻碍执法人员依法执行公务",
]
LEGAL_CHAPTERS = _w("规划与建设 管理与保护 服务与保障 社会参与 监督检查")
LEGAL_SLOTS: dict[str, Slot] = {
    "dept2": LEGAL_DEPTS,
    "activity": _w("经营活动 维护保养 收集运输 检测评估 租赁经营 施工作业"),
    "record": _w("经营台账 进货查验记录 维护保养记录 巡查记录 检测数据"),
    "area": _w("一级保护区 核心保护范围 河道管理范围 绿线控制范围 建设控制地带"),
    "fine": [
        "二百元以上一千元以下",
        "五百元以上二千元以下",
        "一千元以上五千元以下",
        "二千元以上一万元以下",
        "五千元以上三万元以下",
        "一万元以上五万元以下",
    ],
    "term": [
        "专项规划，是指针对特定领域编制的、用于指导该领域建设和管理的规划",
        "经营者，是指从事相关生产、销售或者服务活动的法人、非法人组织和个人",
        "公共场所，是指供公众从事社会生活的各类室内外场所",
        "管理责任人，是指对特定区域或者设施负有日常管理义务的单位和个人",
        "设施，是指为实现{act}目的而建设的建筑物、构筑物及其附属设备",
    ],
    "clause": lambda rng: cn_number(rng.randint(2, 6)),  # a clause every statute here has
}
LEGAL_FIRST = (
    "为了加强{subject}，保障公民、法人和其他组织的合法权益，"
    "根据有关法律、行政法规，结合本市实际，制定{act}。"
)
LEGAL_TEMPLATES = [
    "{act}适用于本市行政区域内的{subject}及其相关监督管理活动。",
    "{subject}工作应当遵循政府主导、部门协同、社会参与、属地管理的原则。",
    "市、区人民政府应当将{subject}纳入国民经济和社会发展规划，所需经费列入本级财政预算。",
    "{dept}负责本行政区域内{subject}的统一监督管理工作。",
    "发展改革、财政、{dept2}等部门按照各自职责，做好相关工作。",
    "任何单位和个人都有权对违反{act}的行为进行劝阻、投诉和举报。",
    "{dept}应当公布投诉举报电话，接到投诉举报后及时调查处理，并将处理结果告知举报人。",
    "违反{act}第{clause}条规定的，由{dept}责令改正，处{fine}罚款；情节严重的，依法从重处罚。",
    "国家机关工作人员在监督管理工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。",
    "{dept}应当会同有关部门编制专项规划，报本级人民政府批准后公布实施。",
    "编制专项规划应当征求有关单位、专家和公众的意见，并进行科学论证。",
    "经批准的专项规划不得擅自变更；确需变更的，应当按照原审批程序报批。",
    "鼓励和支持科研机构、高等院校开展相关技术研究，推广应用先进适用技术。",
    "从事{activity}的单位，应当具备相应的场地、设备和专业技术人员，并建立安全管理制度。",
    "经营者应当如实记录{record}，记录保存期限不得少于{n1}年。",
    "{dept}应当建立信用档案，将违法行为信息依法纳入公共信用信息平台。",
    "监督检查人员依法履行职责时，应当出示执法证件；被检查单位应当予以配合，不得拒绝或者阻挠。",
    "对举报属实的，可以按照规定给予举报人奖励，并对举报人的信息予以保密。",
    "区人民政府应当组织街道办事处、乡镇人民政府做好辖区内的日常管理工作。",
    "居民委员会、村民委员会应当协助做好宣传和引导工作，并可以制定相应的居民公约。",
    "新闻媒体应当开展公益宣传，对违反{act}的行为进行舆论监督。",
    "发生突发事件时，有关单位应当立即启动应急预案，采取必要的处置措施，并及时向{dept}报告。",
    "当事人对行政处罚决定不服的，可以依法申请行政复议或者提起行政诉讼。",
    "{act}中下列用语的含义：{term}。",
    "违反{act}规定，造成他人人身、财产损害的，依法承担民事责任。",
    "{dept}应当每年向本级人民政府报告工作情况，并向社会公开。",
    "在{area}内，不得新建、改建、扩建与保护无关的建设项目。",
    "相关单位应当按照国家标准设置明显的警示标志，并定期检查维护。",
    "违反{act}规定，有下列行为之一的，由{dept}责令限期改正；逾期不改正的，处{fine}罚款：",
    "{dept}应当制定年度监督检查计划，并向社会公布检查结果。",
    "单位和个人享有依法使用公共设施的权利，同时负有爱护公共设施的义务。",
    "市人民政府应当建立{subject}工作协调机制，研究解决重大问题。",
    "本市对{subject}实行分类管理，具体办法由{dept}会同有关部门制定。",
    "申请人提交的材料齐全、符合法定形式的，应当当场或者在五个工作日内作出决定。",
    "不予许可的，应当书面说明理由，并告知申请人依法享有的救济权利。",
    "许可证有效期为{n1}年；有效期届满需要延续的，应当在届满前三十日内提出申请。",
    "管理责任人应当履行日常巡查、维护和报告义务，发现问题及时处理。",
    "鼓励公民、法人和其他组织通过捐赠、志愿服务等方式参与相关公益活动。",
    "对做出显著成绩的单位和个人，按照国家和本市有关规定给予表彰和奖励。",
    "实施行政处罚前，应当告知当事人拟作出处罚的事实、理由和依据，并听取其陈述、申辩。",
    "{dept}可以委托符合条件的专业机构开展检测、评估等技术服务工作。",
    "信息的采集和使用应当遵守个人信息保护的法律规定，不得泄露或者非法向他人提供。",
    "因公共利益需要占用相关设施的，应当依法办理审批手续，并按照规定予以补偿。",
    "相关费用的收取标准由价格主管部门会同有关部门核定，并向社会公布。",
    "本市与周边城市建立区域协作机制，加强信息共享和联合执法。",
    "重大事项的决策，应当依法进行风险评估和合法性审查。",
    "违反{act}规定的行为，法律、行政法规已有处罚规定的，从其规定。",
    "行政执法信息应当依法公开，接受社会监督。",
    "乡镇人民政府、街道办事处可以根据需要配备专职或者兼职工作人员。",
]
LEGAL_LAST = "{act}自{year}年{month}月{day}日起施行。"


def _legal(w: _Writer, target: int) -> str:
    title, subject, act = w.rng.choice(LEGAL_SUBJECTS)
    dept = w.rng.choice(("市", "区")) + w.take(LEGAL_DEPTS) + "主管部门"
    w.new_document(subject=subject, dept=dept, act=act)
    city = w.value("city")
    lines = [f"{city}市{title}"]
    if w.rng.random() < 0.6:
        session = cn_number(w.rng.randint(12, 16))
        meeting = cn_number(w.rng.randint(3, 35))
        lines.append(
            f"（{_date(w.rng)}{city}市第{session}届人民代表大会常务委员会第{meeting}次会议通过）"
        )
    clauses = [w.fill(LEGAL_FIRST)]
    for clause in w.sentences(LEGAL_TEMPLATES, target - 120):
        if clause.endswith("：") and "下列行为" in clause:
            bans = w.rng.sample(LEGAL_BANS, k=3)
            clause += "\n" + "\n".join(f"（{cn_number(i + 1)}）{b}；" for i, b in enumerate(bans))
        clauses.append(clause)
    clauses.append(w.fill(LEGAL_LAST))
    chapters = ["总则", *w.rng.sample(LEGAL_CHAPTERS, k=2), "法律责任", "附则"]
    per_chapter = max(1, len(clauses) // len(chapters))
    use_chapters = len(clauses) >= 8
    n_chapter = 0
    for i, clause in enumerate(clauses):
        if use_chapters and i % per_chapter == 0 and n_chapter < len(chapters):
            n_chapter += 1
            lines.append(f"第{cn_number(n_chapter)}章 {chapters[n_chapter - 1]}")
        lines.append(f"第{cn_number(i + 1)}条 {clause}")
    return "\n".join(lines)


# -- finance reports -----------------------------------------------------------------------------

FIN_SLOTS: dict[str, Slot] = {
    "prefix": _w("华晟 恒远 瑞丰 中科 东方 金桥 天成 安泰 博信 宏达 凯润 明阳 海川 星辰 正通 嘉和"),
    "industry": _w("新材料 电子 医药 智能装备 食品 环保科技 物流 化工 能源 软件 精密制造 生物科技"),
    "period": _w("半年度 第一季度 第三季度 年度"),
    "biz": [
        "高性能复合材料的研发、生产和销售",
        "工业自动化控制系统及核心零部件",
        "化学原料药和制剂的研发与生产",
        "冷链食品的加工和配送",
        "锂电池正极材料及前驱体",
        "企业管理软件和云服务",
        "城乡污水处理设备及运营服务",
        "光伏组件封装材料",
    ],
    "apps": _w("汽车 家电 轨道交通 航空航天 医疗器械 储能 通信设备 建筑节能"),
    "updown": _w("增长 下降"),
    "factor": [
        "主要原材料价格上涨",
        "下游需求阶段性放缓",
        "汇率波动",
        "行业产能集中释放",
        "海外市场贸易政策调整",
        "部分产品降价促销",
    ],
    "region": _w("华东 华南 西南 东南亚 欧洲 中东"),
    "plant": _w("二期扩产 智能工厂 研发中心 西部生产基地 年产五万吨新材料"),
    "strategy": [
        "主业做强、创新驱动的发展思路",
        "数字化转型和精益生产",
        "国内国际两个市场协同发展",
        "高端产品线布局",
    ],
    "holder": _w("某投资集团有限公司 某控股有限公司 某实业发展有限公司"),
    "material": _w("铜材 钢材 碳酸锂 聚丙烯 棉纱 天然气"),
    "div": lambda rng: f"{rng.uniform(0.5, 6.0):.2f}",
    "eps": lambda rng: f"{rng.uniform(0.05, 3.5):.2f}",
    "rate": lambda rng: f"{rng.uniform(85.0, 99.5):.1f}%",
}
FIN_TEMPLATES = [
    "报告期内，公司实现营业收入{amt}亿元，同比增长{pct}；归属于上市公司股东的净利润{amt2}亿元，同比{updown}{pct2}。",
    "经营活动产生的现金流量净额为{amt}亿元，主要系销售回款增加所致。",
    "公司主营业务为{biz}，产品广泛应用于{apps}、{apps}等领域。",
    "报告期末，公司总资产{amt}亿元，较上年末增长{pct}，资产负债率为{pct2}。",
    "受{factor}影响，公司综合毛利率较上年同期下降{n1}.{n1}个百分点。",
    "研发投入{amt}亿元，占营业收入的比例为{pct}，新增授权发明专利{n2}项。",
    "公司拟以实施权益分派股权登记日的总股本为基数，向全体股东每10股派发现金红利{div}元（含税）。",
    "{region}市场收入占比提升至{pct}，海外业务成为新的增长点。",
    "公司{plant}项目已于{month}月建成投产，预计将新增年产值约{n2}亿元。",
    "面对{factor}等不利因素，公司通过优化产品结构、加强成本管控，保持了经营的总体稳定。",
    "销售费用同比增加{pct}，主要是市场推广费用及销售人员薪酬增加。",
    "财务费用为{n4}万元，上年同期为{n3}万元，变动主要系汇兑损益变化所致。",
    "期末应收账款余额{amt}亿元，公司已按照会计政策足额计提坏账准备。",
    "报告期内公司未发生重大诉讼、仲裁事项，亦不存在违规对外担保的情况。",
    "本报告所载财务数据未经会计师事务所审计，敬请投资者注意投资风险。",
    "展望下一阶段，公司将坚持{strategy}，持续提升核心竞争力。",
    "存货周转天数为{n2}天，较上年同期减少{n1}天，库存管理效率有所改善。",
    "公司控股股东为{holder}，持股比例为{pct}，报告期内未发生变化。",
    "非经常性损益合计{n4}万元，主要为政府补助和理财产品收益。",
    "基本每股收益为{eps}元，加权平均净资产收益率为{pct}。",
    "公司客户集中度较高，前五名客户销售额占营业收入的{pct}。",
    "主要原材料{material}价格波动较大，对公司成本控制带来一定压力。",
    "所处行业竞争加剧，部分中低端产品的价格持续承压。",
    "截至报告期末，募集资金累计投入{amt}亿元，投资进度为{pct}。",
    "公司董事会、监事会及董事、监事、高级管理人员保证本报告内容真实、准确、完整。",
    "报告期内，公司主要产品销量为{n2}.{n1}万吨，产销率保持在{rate}的较高水平。",
    "公司经营业绩的季节性特征较为明显，下半年通常为销售旺季。",
    "报告期内新增银行借款{amt}亿元，主要用于补充流动资金。",
    "商誉账面价值为{n4}万元，经减值测试，报告期内无需计提减值准备。",
    "公司新开拓客户{n2}家，其中包括多家行业头部企业。",
    "直销模式收入占比为{rate}，经销模式收入占比相应下降。",
    "期末在职员工{n4}人，其中研发人员占比{pct}。",
    "公司已建立较为完善的内部控制体系，报告期内未发现内部控制重大缺陷。",
    "管理费用同比下降{pct}，主要系股份支付费用减少。",
    "公司持有的交易性金融资产主要为银行理财产品，整体风险较低。",
    "报告期内，公司获得政府补助{n4}万元，已计入当期损益。",
    "固定资产原值增加{amt}亿元，主要系新建产线完工转入。",
    "公司计划在未来三年内将高端产品的收入占比提高到一半以上。",
    "汇率变动对出口业务利润产生一定影响，公司已开展远期结汇业务加以管理。",
    "公司不存在控股股东及其关联方非经营性占用资金的情况。",
    "报告期内，公司完成了董事会换届选举，新一届董事会由{n1}名董事组成。",
    "在建工程期末余额{amt}亿元，主要为新生产基地的厂房和设备安装工程。",
    "公司产品已通过多项国际认证，为开拓海外市场奠定了基础。",
    "投资者可通过证券交易所网站查阅本报告全文。",
    "本期合同负债较期初增加{pct}，主要为预收客户货款增加。",
]
FIN_ROWS = _w("营业收入 营业成本 净利润 归母净利润 扣非净利润 经营现金流 总资产 净资产 研发投入")


def _money(rng: random.Random) -> str:
    return f"{rng.uniform(3_000, 900_000):,.2f}"


def _finance(w: _Writer, target: int) -> str:
    w.new_document()
    company = w.value("prefix") + w.value("industry") + "股份有限公司"
    lines = [f"{company}{w.value('year')}年{w.value('period')}报告摘要"]
    sentences = w.sentences(FIN_TEMPLATES, target - (200 if target > 800 else 0))
    sections = ["一、重要提示", "二、公司基本情况", "三、经营情况讨论与分析"]
    cut = max(1, len(sentences) // 3)
    for i, section in enumerate(sections):
        lines.append(section)
        part = sentences[i * cut : (i + 1) * cut if i < 2 else None]
        lines.extend(_paragraphs(w.rng, part))
    if target > 800:
        lines.append("四、主要会计数据和财务指标（单位：元）")
        lines.append("项目  本报告期  上年同期  增减变动")
        for row in w.rng.sample(FIN_ROWS, k=w.rng.randint(3, 5)):
            lines.append(f"{row}  {_money(w.rng)}  {_money(w.rng)}  {w.rng.uniform(-20, 40):.2f}%")
    return "\n".join(line for line in lines if line)


# -- medical guidance ----------------------------------------------------------------------------

DISEASES = {
    "高血压": [
        "非同日三次测量诊室血压，收缩压≥140 mmHg和（或）舒张压≥90 mmHg，即可诊断为高血压。",
        "一般患者的血压应控制在140/90 mmHg以下，能耐受者可进一步降至130/80 mmHg以下。",
        "长期血压升高会损害心、脑、肾等重要器官，是脑卒中最主要的危险因素。",
    ],
    "2型糖尿病": [
        "空腹血糖的控制目标一般为4.4～7.0 mmol/L，非空腹血糖不超过10.0 mmol/L。",
        "糖化血红蛋白反映近2～3个月的平均血糖水平，多数患者的控制目标为低于7.0%。",
        "注射胰岛素的部位应轮换，同一部位两次注射的间隔应大于1 cm。",
        "发生低血糖时可立即口服15～20 g含糖食物，15 min后复测血糖。",
    ],
    "痛风": [
        "血尿酸水平应长期控制在360 μmol/L以下，有痛风石者宜控制在300 μmol/L以下。",
        "急性发作期应卧床休息，抬高患肢，局部可冷敷以减轻疼痛。",
        "少吃动物内脏、浓肉汤和海鲜，避免饮用啤酒和含果糖的饮料。",
    ],
    "骨质疏松症": [
        "成人钙的推荐摄入量为每日800 mg，50岁以上人群为每日1000 mg。",
        "维生素D缺乏者可在医生指导下每日补充400～800 IU。",
        "居家环境应保持地面干燥、光线充足，浴室加装扶手，预防跌倒。",
    ],
    "慢性阻塞性肺疾病": [
        "戒烟是延缓肺功能下降最有效的措施，任何时候戒烟都不算晚。",
        "需要长期家庭氧疗的患者，每日吸氧时间一般不少于15 h，流量为1～2 L/min。",
        "缩唇呼吸和腹式呼吸训练有助于改善通气，每次练习10～15 min。",
    ],
    "缺铁性贫血": [
        "成年男性血红蛋白低于120 g/L、成年非妊娠女性低于110 g/L，可考虑贫血。",
        "口服铁剂宜在两餐之间服用，同时服用维生素C有助于铁的吸收。",
        "红肉、动物血和肝脏中的铁吸收率较高，可适当增加摄入。",
    ],
}
MED_SLOTS: dict[str, Slot] = {
    "symptom": _w("皮疹 明显乏力 持续咳嗽 下肢水肿 心悸 头晕 恶心呕吐"),
    "drug": _w("二甲双胍 氨氯地平 别嘌醇 阿仑膦酸钠 硫酸亚铁 缬沙坦"),
    "dose": ["5", "10", "50", "100", "250", "500"],
    "indicator": _w("血压 血糖 脉搏 体重"),
    "period": _w("个月 两个月 三个月"),
}
MED_TEMPLATES = [
    "{disease}是一种常见的慢性病，早期多无明显症状，不少患者是在体检时才发现的。",
    "建议每日食盐摄入量不超过5 g，少吃腌制食品和加工肉类。",
    "每周进行至少150 min中等强度的有氧运动，如快走、游泳或骑自行车。",
    "体重指数宜控制在18.5～23.9 kg/m²，男性腰围不超过90 cm，女性不超过85 cm。",
    "服药期间应定期复查肝肾功能，如出现{symptom}等不适，应及时就医。",
    "{drug}的常用剂量为每次{dose} mg，具体用法用量请遵医嘱。",
    "切勿自行停药或更改剂量，以免病情反复。",
    "戒烟限酒，成年男性每日饮酒的酒精量不超过25 g，女性不超过15 g。",
    "保证充足睡眠，成年人每晚睡眠时间以7～8 h为宜。",
    "饮食上应多吃新鲜蔬菜和水果，适量摄入鱼、禽、蛋和瘦肉。",
    "老年患者起床时动作宜缓慢，防止发生体位性低血压而跌倒。",
    "如体温超过38.5 ℃且持续不退，应尽快到发热门诊就诊。",
    "家庭自测{indicator}时，应在安静状态下休息5 min后再测量，并做好记录。",
    "市面上宣称能够“根治”慢性病的保健品缺乏科学依据，患者切勿轻信。",
    "每日饮水量一般为1500～1700 mL，心肾功能不全者应遵医嘱限制饮水。",
    "{disease}患者每{period}应至少随访一次，评估病情控制情况和药物不良反应。",
    "出现胸痛、呼吸困难、意识模糊等情况时，应立即拨打120急救电话。",
    "孕妇、哺乳期妇女及儿童用药需特别谨慎，应在专科医生指导下使用。",
    "抽血检查血脂前应空腹10～12 h，前一天避免高脂饮食和饮酒。",
    "家属应帮助患者建立健康档案，记录每次检查结果和用药调整情况。",
    "运动前后应做好热身和放松，避免在空腹或饱餐后立即进行剧烈运动。",
    "心理压力过大也会影响病情，患者可以通过听音乐、散步等方式放松心情。",
    "外出旅行时应随身携带常用药物和病历摘要，以备不时之需。",
    "合并其他慢性病的患者，就诊时应向医生说明正在服用的全部药物。",
    "患者应学会识别病情加重的早期信号，症状与平时不同时应及时联系医生。",
    "烹调宜采用蒸、煮、炖等方式，少用油炸和煎烤。",
    "每天吃蔬菜300～500 g，其中深色蔬菜应占一半以上。",
    "每日烹饪用油控制在25～30 g，尽量选择植物油。",
    "秋冬季节是呼吸道传染病高发期，建议按时接种流感疫苗。",
    "长期卧床的患者应每2 h翻身一次，预防压力性损伤。",
    "同时服用多种药物时要注意相互作用，不要自行联合用药。",
    "药品应存放在阴凉干燥处，避免阳光直射，并放在儿童接触不到的地方。",
    "过期或变质的药品不能继续服用，应交回药店或社区回收点。",
    "就诊前可以把近期的测量记录整理好，方便医生评估病情。",
    "吸烟者可以拨打戒烟热线，或到医院戒烟门诊寻求专业帮助。",
    "肥胖患者减重不宜过快，每周减少0.5～1 kg较为合适。",
    "冬季外出要注意保暖，尤其是头部和手脚，避免受凉诱发不适。",
    "夏季出汗较多时要及时补充水分，避免在高温时段进行户外活动。",
    "家中可常备体温计、血压计等简易设备，并学会正确的使用方法。",
    "社区卫生服务中心可提供免费的健康咨询和慢病随访服务。",
    "定期参加健康讲座，有助于掌握自我管理的知识和技能。",
    "如需进行手术或拔牙，应提前告知医生正在使用的药物。",
    "保持规律作息，避免熬夜和过度劳累。",
    "适当进行力量训练，每周2～3次，有助于维持肌肉量和骨密度。",
    "体检报告中的异常指标应由医生解读，不要自行下结论。",
    "家属也要学习基本的急救知识，如心肺复苏和海姆立克急救法。",
    "网络上的健康信息良莠不齐，应选择正规医疗机构发布的科普内容。",
    "饮食要定时定量，每餐七八分饱，避免暴饮暴食。",
    "病情稳定后也不要随意延长复诊间隔，以免错过调整治疗的时机。",
]
MED_SECTIONS = _w("认识疾病 日常生活管理 用药注意事项 何时需要就医 家庭护理要点")


def _medical(w: _Writer, target: int) -> str:
    disease = w.rng.choice(list(DISEASES))
    w.new_document(disease=disease)
    title = w.rng.choice((f"{disease}患者居家健康管理指导", f"{disease}防治知识要点"))
    facts = list(DISEASES[disease])
    w.rng.shuffle(facts)
    sentences = w.sentences(MED_TEMPLATES, target - sum(map(len, facts)))
    mixed = facts + sentences
    sections = w.rng.sample(MED_SECTIONS, k=min(4, max(2, len(mixed) // 4)))
    lines = [title]
    cut = max(1, len(mixed) // len(sections))
    numbered = w.rng.random() < 0.6
    for i, section in enumerate(sections):
        lines.append(f"{cn_number(i + 1)}、{section}")
        part = mixed[i * cut : (i + 1) * cut if i < len(sections) - 1 else None]
        if numbered:
            lines.extend(f"{j + 1}. {s}" for j, s in enumerate(part))
        else:
            lines.extend(_paragraphs(w.rng, part, 1, 3))
    return _join(w.rng, lines)


# -- technical documentation ---------------------------------------------------------------------

TOOLS = [
    ("数据同步服务", "datasync"),
    ("日志采集代理", "logagent"),
    ("任务调度平台", "taskctl"),
    ("内部知识库系统", "kbase"),
    ("监控告警组件", "alertd"),
    ("文件存储网关", "filegw"),
    ("接口网关", "apigw"),
    ("报表生成工具", "reportgen"),
    ("消息推送服务", "pushsvc"),
    ("用户权限中心", "authctl"),
]
TECH_SLOTS: dict[str, Slot] = {
    "os": ["Ubuntu 22.04", "Debian 12", "CentOS Stream 9", "openEuler 22.03", "macOS 14"],
    "pyver": ["3.9", "3.10", "3.11", "3.12"],
    "port": ["8080", "8000", "9090", "5000", "3000", "8443"],
    "key": _w("server.port log.level debug cache.ttl worker.count db.pool_size"),
    "user": _w("admin app ops deploy"),
    "team": _w("platform infra data-team ops backend"),
    "license": ["Apache-2.0", "MIT", "BSD-3-Clause"],
}
TECH_TEMPLATES: list[tuple[str, str]] = [
    ("本文介绍如何在{os}上安装和配置{tool}，其他发行版的步骤大体相同。", ""),
    ("安装前请确认系统已安装Python {pyver}或更高版本，并具备管理员权限。", "python3 --version"),
    ("首先执行以下命令克隆代码仓库：", "git clone https://git.example.com/{team}/{cli}.git"),
    (
        "进入项目目录后，建议先创建虚拟环境，以免与系统中的其他依赖发生冲突：",
        "python3 -m venv .venv && source .venv/bin/activate",
    ),
    (
        "使用下面的命令安装运行所需的依赖包，整个过程大约需要几分钟：",
        "pip install -r requirements.txt",
    ),
    ("配置文件位于/etc/{cli}/config.yaml，其中{key}字段的默认值可以按需修改。", ""),
    ("如果需要在后台运行服务，可以使用容器方式启动：", "docker compose up -d"),
    ("启动完成后，在浏览器中访问 http://localhost:{port} 即可打开管理界面。", ""),
    (
        "日志默认输出到/var/log/{cli}目录，可以通过以下命令实时查看：",
        "tail -f /var/log/{cli}/app.log",
    ),
    ("若出现端口被占用的提示，请先查看占用该端口的进程：", "lsof -i :{port}"),
    ("修改配置后需要重启服务才能生效：", "sudo systemctl restart {cli}"),
    ("升级到新版本前，请务必备份数据库，避免数据丢失。", ""),
    (
        "数据库备份可以使用如下命令完成，备份文件会保存在当前目录：",
        "pg_dump -U {user} -d {cli} -f backup.sql",
    ),
    ("{tool}支持通过环境变量覆盖配置项，环境变量的优先级高于配置文件。", ""),
    ("在生产环境中，建议关闭调试模式，以免在日志中输出敏感信息。", ""),
    ("想确认当前安装的版本，可以运行：", "{cli} --version"),
    ("为提高并发处理能力，可将工作进程数调整为CPU核心数的两倍左右。", ""),
    ("启动时如果报错“连接被拒绝”，通常是数据库服务未启动或者地址配置错误。", ""),
    ("页面加载缓慢时，可以检查缓存服务是否正常，并适当增大连接池。", ""),
    ("清理七天前的临时文件可以释放磁盘空间：", "find /tmp/{cli} -mtime +7 -delete"),
    ("所有接口均以JSON格式返回数据，请求失败时返回的code字段不为0。", ""),
    ("调用接口前需先获取访问令牌，令牌有效期为{n2}分钟，过期后需要重新申请。", ""),
    ("可以用curl快速检查服务是否可用：", "curl -s http://localhost:{port}/api/health"),
    ("在Windows上请使用PowerShell执行安装脚本，并注意安装路径中不要包含中文字符。", ""),
    (
        "统计错误日志中出现次数最多的几类错误，可以把几个常用命令组合起来：",
        "grep ERROR app.log | sort | uniq -c | sort -rn | head",
    ),
    ("本文档会随版本更新持续修订，如发现问题，欢迎通过工单系统反馈。", ""),
    ("项目采用{license}许可证发布，在遵守许可条款的前提下可以自由使用和修改。", ""),
    ("运行单元测试，确认安装无误：", "python -m pytest -q"),
    ("如果要在容器外调试，可以先设置日志级别再启动：", "export LOG_LEVEL=debug && {cli} serve"),
    ("查看容器的运行状态和资源占用：", "docker stats --no-stream"),
    ("默认情况下服务只监听本机地址，如需对外提供访问，请修改绑定地址并配置防火墙规则。", ""),
    ("开放防火墙端口的示例命令如下：", "sudo firewall-cmd --add-port={port}/tcp --permanent"),
    ("{tool}的数据目录建议放在独立的磁盘分区上，便于扩容和备份。", ""),
    ("如需卸载，先停止服务，再删除安装目录和配置文件即可。", ""),
    ("同步远程仓库的最新代码：", "git pull --rebase origin main"),
    ("批量导入数据时，建议先关闭索引，导入完成后再重建，可以明显缩短耗时。", ""),
    ("创建管理员账号：", "{cli} user create --role admin --name {user}"),
    ("集群部署时，各节点的系统时间必须保持一致，建议启用时间同步服务。", ""),
    ("检查磁盘剩余空间：", "df -h"),
    ("遇到无法解决的问题时，请附上完整的错误日志和版本信息，便于维护人员定位原因。", ""),
    (
        "定时任务可以写入系统的计划任务表，例如每天凌晨两点执行一次清理：",
        "0 2 * * * /usr/local/bin/{cli} cleanup",
    ),
]
TECH_SECTIONS = _w("环境要求 安装步骤 配置说明 运行与验证 常见问题 升级与备份")


def _technical(w: _Writer, target: int) -> str:
    tool, cli = w.rng.choice(TOOLS)
    w.new_document(tool=tool, cli=cli)
    title = w.rng.choice((f"{tool}部署与使用说明", f"{tool}快速入门", f"# {tool}安装指南"))
    lines = [title]
    fenced = w.rng.random() < 0.4
    size = 0
    steps: list[tuple[str, str]] = []
    for _ in range(len(TECH_TEMPLATES)):
        if size >= target:
            break
        step = w.take(TECH_TEMPLATES)
        steps.append(step)
        size += len(step[0]) + len(step[1]) + 4
    sections = w.rng.sample(TECH_SECTIONS, k=min(4, max(1, len(steps) // 4)))
    cut = max(1, len(steps) // len(sections))
    for i, section in enumerate(sections):
        lines.append(f"## {section}")
        for prose, command in steps[i * cut : (i + 1) * cut if i < len(sections) - 1 else None]:
            lines.append(w.fill(prose))
            if command:
                block = [w.fill(command)]
                lines.extend(["```bash", *block, "```"] if fenced else ["    " + block[0]])
    return "\n".join(lines)


# -- encyclopedia ----------------------------------------------------------------------------------

ENC_SLOTS: dict[str, Slot] = {
    "province": _w("浙江省 四川省 湖南省 河南省 安徽省 山东省 江西省 云南省 甘肃省 山西省"),
    "dir": _w("东 西 南 北 东北 西南 东南 西北 中"),
    "terrain": ["西高东低", "北高南低", "以丘陵为主", "山地与河谷相间", "平坦开阔"],
    "climate": ["亚热带季风气候", "温带大陆性季风气候", "暖温带半湿润气候", "高原季风气候"],
    "t": lambda rng: f"{rng.uniform(6.0, 19.5):.1f}",
    "dynasty": _w("西汉 东汉 三国 西晋 隋 唐 北宋 南宋 元 明"),
    "river": _w("清水河 白沙河 青溪 龙潭河 石门河 桃花江 柳溪"),
    "basin": _w("长江 黄河 珠江 淮河 钱塘江"),
    "prod": _w("板栗 茶叶 香菇 柑橘 核桃 蜂蜜 竹笋 豆腐干 黄酒 蚕丝被"),
    "road": ["高速公路", "国道", "铁路干线", "高速铁路"],
    "scenic": _w("古镇 溶洞 森林公园 水库 古寺 摩崖石刻 湿地 峡谷"),
    "dialect": _w("吴语 西南官话 中原官话 赣语 湘语 江淮官话 晋语"),
    "industry": _w("生态旅游 农产品加工 竹木制品 新型建材 中药材种植 电子元件"),
    "building": _w("文庙 钟楼 石拱桥 古塔 书院 城隍庙"),
    "family": _w("蔷薇科 菊科 唇形科 百合科 豆科 毛茛科 伞形科 兰科"),
    "form": _w("多年生草本 一年生草本 落叶灌木 常绿小乔木 攀援藤本"),
    "origin": _w("中国南部 喜马拉雅山区 东亚 地中海沿岸 中国西南"),
    "leaf": ["卵形至椭圆形", "披针形", "心形", "掌状深裂", "羽状复叶"],
    "edge": _w("细锯齿 粗齿 波状齿 全缘"),
    "color": _w("白色 淡紫色 黄色 粉红色 淡绿色"),
    "inflor": _w("总状花序 伞房花序 圆锥花序 头状花序"),
    "light": ["温暖湿润", "阳光充足", "半阴环境", "凉爽气候"],
    "tol": _w("寒 旱 瘠薄 盐碱"),
    "habitat": _w("山坡林下 溪边草丛 林缘灌丛 高山草甸 石缝"),
    "prop": _w("播种 扦插 分株 压条 嫁接"),
    "part": _w("根 全草 花 果实 叶"),
    "ailment": _w("咽喉肿痛 跌打损伤 风寒感冒 湿疹 消化不良"),
    "use": ["花境材料", "行道树", "地被植物", "盆栽观赏", "绿篱"],
    "fieldname": _w("统计学 物理学 生态学 经济学 语言学 材料科学 信息论"),
    "related": _w("抽样方法 误差分析 数值模拟 实验设计 比较研究 定量模型"),
    "app": _w("气象预报 医学影像 工程设计 金融风险评估 农业育种 交通规划 环境监测"),
    "prereq": _w("微积分 线性代数 概率论 热力学 普通化学"),
    "oldname": _w("临溪 白鹿 平陵 兰江 石泉 安澜"),
    "mineral": _w("石灰石 萤石 高岭土 花岗岩 石英砂"),
}
PLACE_TEMPLATES = [
    "{place}是{province}下辖的一个县，位于该省{dir}部，总面积约{n4}平方千米。",
    "全县辖{n1}个镇、{n1}个乡，户籍人口约{n2}万人。",
    "境内地势{terrain}，属{climate}，年平均气温{t}℃，年降水量约{n3}毫米。",
    "{place}历史悠久，{dynasty}时期已在此设县，此后建置屡有变更。",
    "县境内河流众多，主要有{river}、{river}等，均属{basin}水系。",
    "当地特产有{prod}、{prod}等，其中部分产品获得了地理标志保护。",
    "{place}交通较为便利，{road}穿境而过，县城距省会约{n3}千米。",
    "主要旅游景点包括{scenic}和{scenic}，每年吸引不少游客前来观光。",
    "当地居民以汉族为主，另有少数民族散居于各乡镇。",
    "{place}方言属{dialect}，与邻近县市的口音略有差异。",
    "近年来，{place}大力发展{industry}，逐步形成了以{industry}为主导的产业格局。",
    "县城中心保存有一座{building}，始建于{dynasty}，现为省级文物保护单位。",
    "{place}古称{oldname}，因境内有{river}流过而得名。",
    "县域内矿产资源以{mineral}为主，已探明储量较为可观。",
    "明清时期，这里是周边地区重要的商品集散地，商贾往来频繁。",
    "全县森林覆盖率约为{n2}%，是省级生态县。",
    "境内最高峰海拔{n4}米，最低处位于东部河谷地带。",
    "县内有普通高中{n1}所，另设有职业技术学校和特殊教育学校各一所。",
    "当地民间保留着舞龙、社戏等传统习俗，每逢节庆尤为热闹。",
    "抗日战争时期，这一带曾是游击队活动的区域之一。",
]
SPECIES_TEMPLATES = [
    "{sp}，{family}{form}植物，原产于{origin}，现各地多有栽培。",
    "茎直立，高{n2}至{n3}厘米，全株被短柔毛。",
    "叶互生，{leaf}，边缘具{edge}，叶柄长{n1}至{n2}毫米。",
    "花期{n1}至{month}月，果期随海拔高低而有所不同。",
    "花{color}，单生于叶腋或数朵组成{inflor}。",
    "{sp}喜{light}，耐{tol}，对土壤要求不严，在排水良好的砂质壤土中生长最好。",
    "野生植株常见于海拔{n3}至{n4}米的{habitat}。",
    "繁殖方式以{prop}为主，也可用{prop}繁殖。",
    "其{part}可入药，民间常用于缓解{ailment}，但须在医师指导下使用。",
    "园林中常将{sp}用作{use}，观赏价值较高。",
    "由于过度采挖和生境破坏，部分地区野生{sp}的数量已明显减少。",
    "{sp}的种子含油量较高，榨出的油可供工业使用。",
    "根状茎粗短，须根多数，黄褐色。",
    "蒴果椭圆形，成熟时开裂，种子细小，褐色。",
    "本种与近缘种的主要区别在于叶片形状和花序结构。",
    "{sp}在我国分布较广，从东北到西南的多个省区均有记录。",
    "栽培时应注意通风透光，夏季高温期需适当遮阴。",
    "常见病害有叶斑病和根腐病，虫害以蚜虫为主。",
]
CONCEPT_TEMPLATES = [
    "{concept}是{fieldname}中的一个重要概念，用来刻画系统在变化条件下的整体表现。",
    "这一概念最早由{name}于{year}年前后提出，后经多位学者补充完善。",
    "在实际应用中，{concept}常与{related}结合使用。",
    "早期研究主要依靠实验观察，直到二十世纪中期才建立起较为严格的理论框架。",
    "对于规模较大的问题，{concept}的计算通常需要借助计算机完成。",
    "学界对{concept}的适用范围仍有争议，部分学者认为其前提假设过于理想化。",
    "{concept}在{app}、{app}等领域都有广泛应用。",
    "国内较早系统介绍{concept}的教材出版于二十世纪八十年代，此后相关研究迅速增多。",
    "理解{concept}需要一定的{prereq}基础。",
    "一些科普读物用生活中的例子来解释{concept}，帮助初学者建立直观印象。",
    "近年来，随着观测手段和计算能力的提升，关于{concept}的研究又有了不少新进展。",
    "从数学形式上看，{concept}可以用一组并不复杂的方程来表达。",
    "教学中，教师通常先从直观现象入手，再引出{concept}的严格定义。",
    "这一概念提出之初曾引起不小的争论，直到后来的实验结果才使其被广泛接受。",
    "有学者指出，对{concept}的误用往往源于忽视了其成立的前提条件。",
    "{concept}与日常生活的联系，比许多人想象的更为紧密。",
    "相关的国际学术会议每隔几年举办一次，专门讨论这一方向的最新成果。",
]
ENC_GENERAL = [
    "关于其名称的由来，民间流传着多种说法，尚无定论。",
    "二十世纪八十年代以后，相关的调查和研究工作逐步展开。",
    "{year}年，有关部门组织专家进行了一次较为全面的考察。",
    "现存的文献记载较为零散，许多细节仍有待进一步考证。",
    "在不同的地区和时代，人们对它的认识也不尽相同。",
    "相关内容可参阅各地方志及专业学术期刊的论述。",
    "条目所述数据均来自公开资料，不同来源之间可能存在出入。",
    "有研究者将其与其他地区的同类对象进行过比较，发现二者既有共性也有差异。",
    "上世纪九十年代，有关方面曾出版过一本较为系统的专题资料汇编。",
    "当地博物馆收藏有若干相关的实物和照片资料。",
    "近年来，相关话题在网络上引起了较多讨论。",
    "更多信息可以到图书馆的地方文献部查阅。",
]
PLACE_NAMES = _w("青阳 石门 安平 临川 永宁 东溪 白水 丰城 宁远 清河 桃源 云和 江华 武平 泰顺 新田")
SPECIES_NAMES = _w("紫花地丁 野薄荷 山茱萸 白头翁 金银花 蓝花参 石竹 鸢尾 虎耳草 鱼腥草 夏枯草")
CONCEPTS = _w("稳健性 相变 边际效应 信息熵 生态位 语言接触 弹性模量 贝叶斯推断 反馈调节")


def _encyclopedia(w: _Writer, target: int) -> str:
    kind = w.rng.choice(("place", "species", "concept"))
    if kind == "place":
        name = w.rng.choice(PLACE_NAMES) + "县"
        w.new_document(place=name)
        templates = PLACE_TEMPLATES
    elif kind == "species":
        name = w.rng.choice(SPECIES_NAMES)
        w.new_document(sp=name)
        templates = SPECIES_TEMPLATES
    else:
        name = w.rng.choice(CONCEPTS)
        w.new_document(concept=name)
        templates = CONCEPT_TEMPLATES
    sentences = w.sentences(templates + ENC_GENERAL, target)
    heads = ["概述", "特征", "分布", "研究简史", "应用", "参考资料"]
    lines = [name]
    paragraphs = _paragraphs(w.rng, sentences, 2, 5)
    for i, paragraph in enumerate(paragraphs):
        if i and w.rng.random() < 0.4:
            lines.append(heads[min(i, len(heads) - 1)])
        lines.append(paragraph)
    return _join(w.rng, lines)


# -- Traditional Chinese -------------------------------------------------------------------------


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


_REGISTER_SLOTS: dict[str, dict[str, Slot]] = {
    "news": NEWS_SLOTS,
    "government": GOV_SLOTS,
    "legal": LEGAL_SLOTS,
    "finance": FIN_SLOTS,
    "medical": MED_SLOTS,
    "technical": TECH_SLOTS,
    "encyclopedia": ENC_SLOTS,
}
_REGISTER_WRITERS: dict[str, Callable[[_Writer, int], str]] = {
    "news": _news,
    "government": _government,
    "legal": _legal,
    "finance": _finance,
    "medical": _medical,
    "technical": _technical,
    "encyclopedia": _encyclopedia,
}


def _traditional(rng: random.Random, writers: dict[str, _Writer], target: int) -> str:
    register = rng.choice(("news", "encyclopedia", "medical", "government", "legal"))
    simplified = _REGISTER_WRITERS[register](writers[register], target)
    config = "s2hk.json" if rng.random() < 0.3 else "s2twp.json"
    return _converter(config).convert(simplified)


def make_clean_documents(
    seed: int = DEFAULT_SEED, per_register: int = CLEAN_PER_REGISTER
) -> list[tuple[str, str]]:
    """(text, register) of ``per_register`` clean documents per register, 300-2000 chars."""
    rng = random.Random(seed)
    writers = {name: _Writer(rng, slots) for name, slots in _REGISTER_SLOTS.items()}
    docs: list[tuple[str, str]] = []
    for register in REGISTERS:
        made = 0
        while made < per_register:
            target = int(MIN_CLEAN_CHARS * (MAX_CLEAN_CHARS / MIN_CLEAN_CHARS) ** rng.random())
            target = max(MIN_CLEAN_CHARS + 40, min(target, MAX_CLEAN_CHARS - 200))
            if register == "traditional":
                text = _traditional(rng, writers, target)
            else:
                text = _REGISTER_WRITERS[register](writers[register], target)
            if MIN_CLEAN_CHARS <= len(text) <= MAX_CLEAN_CHARS:
                docs.append((text, register))
                made += 1
    return docs


# -- defects -------------------------------------------------------------------------------------


def _mojibake(rng: random.Random, clean: str) -> str:
    """UTF-8 read as GBK with errors="replace": the whole text, or a run of its lines."""
    lines = clean.split("\n")
    if rng.random() < 0.5 or len(lines) < 4:
        return clean.encode("utf-8").decode("gbk", errors="replace")
    start = rng.randint(0, len(lines) // 3)
    end = rng.randint(start + max(2, len(lines) // 2), len(lines))
    broken = "\n".join(lines[start:end]).encode("utf-8").decode("gbk", errors="replace")
    return "\n".join([*lines[:start], broken, *lines[end:]])


FLOOD_REPLIES = [
    "顶一下，楼主说得很有道理。",
    "支持楼主，继续关注后续进展。",
    "mark一下，回头再看。",
    "同求资料，谢谢分享！",
    "沙发",
    "路过帮顶",
    "已收藏，感谢楼主分享。",
    "前排围观",
]
SCREEN_LINES = [
    "本文内容由网友自行上传，如有侵权请联系删除。",
    "温馨提示：请在WiFi环境下观看视频。",
    "图片来源于网络",
    "正在加载中，请稍候……",
    "暂无评论，快来抢沙发吧！",
    "本页面内容仅供参考。",
]


def _repeated_lines(rng: random.Random, clean: str) -> str:
    lines = [line for line in clean.split("\n") if line.strip()]
    style = rng.randrange(4)
    if style == 0:  # a reply flood under a short post
        post = lines[: rng.randint(1, 2)]
        replies = rng.sample(FLOOD_REPLIES, k=rng.randint(1, 3))
        flood = [rng.choice(replies) for _ in range(rng.randint(25, 60))]
        return "\n".join(post + flood)
    if style == 1:  # a scraper appended the page to itself again and again
        page = lines[: rng.randint(2, min(6, len(lines)))]
        return "\n".join(page * rng.randint(3, 6))
    if style == 2:  # a notice printed on every screen of a paginated article
        notice = rng.choice(SCREEN_LINES)
        out: list[str] = []
        for line in lines[:4]:
            out += [line] + [notice] * rng.randint(3, 6)
        return "\n".join(out)
    # some lines repeated many times in place (a stuck feed or a broken template loop)
    chosen = set(rng.sample(range(len(lines)), k=min(len(lines), rng.randint(1, 3))))
    out = []
    for i, line in enumerate(lines):
        out += [line] * (rng.randint(6, 15) if i in chosen else 1)
    return "\n".join(out)


NAV_ITEMS = _w(
    "新闻中心 政务公开 办事服务 互动交流 走进本市 通知公告 图片新闻 视频专区 专题专栏 "
    "政策文件 数据发布 人事信息 领导之窗 机构设置 在线访谈 产品中心 解决方案 客户案例 "
    "下载中心 招贤纳士 关于我们 联系我们"
)
FOOTER_LINES = [
    "版权所有 © {year} {city}市人民政府办公室",
    "主办单位：{city}市大数据发展管理局  {city}ICP备{n4}{n4}号",
    "{city}公网安备 {n4}{n4}{n4}号",
    "联系我们 | 网站地图 | 隐私政策 | 免责声明",
    "关于我们 | 用户协议 | 加入收藏 | 设为首页",
    "扫一扫关注公众号",
    "返回顶部",
    "分享到：微信 微博 QQ空间",
    "登录 | 注册",
    "立即登录 忘记密码 免费注册",
    "打印本页 关闭窗口",
    "责任编辑：{name}",
    "Copyright © {year} All Rights Reserved",
]
LINK_TITLES = [
    "关于开展{year}年度统计执法检查的通知",
    "{city}召开全市安全生产工作会议",
    "我市举办第{n1}届职工技能大赛",
    "{city}市民政局开展养老机构消防检查",
    "关于公布第{n1}批市级非遗项目名录的公告",
    "{city}市{year}年国民经济和社会发展统计公报",
    "市领导调研重点项目建设工作",
    "{city}举行秋季征兵欢送仪式",
    "关于调整城乡居民医保缴费标准的说明",
    "2024年公开招聘事业单位工作人员公告",
    "{city}市防汛抗旱指挥部发布防汛预警",
]


def _boilerplate(rng: random.Random, clean: str) -> str:
    w = _Writer(rng, {})
    menu = ["首页", *rng.sample(NAV_ITEMS, k=rng.randint(4, 8))]
    sep = rng.choice((" | ", "｜", "  |  "))
    lines = [sep.join(menu)]
    if rng.random() < 0.7:
        lines.append(f"当前位置：首页 > {rng.choice(menu[1:])} > 正文")
    links = rng.sample(LINK_TITLES, k=rng.randint(3, 8))
    bullet = rng.choice(("· ", "", "> "))
    date_first = rng.random() < 0.5
    for link in links:
        stamp = f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = w.fill(link)
        lines.append(f"[{stamp}] {title}" if date_first else f"{bullet}{title}  {stamp}")
    if rng.random() < 0.6:  # a sentence or two of the article the page once held
        first = next(line for line in clean.split("\n") if len(line) > 20)
        lines.append(first[: rng.randint(30, 120)])
    lines.append(w.fill("上一篇：" + rng.choice(LINK_TITLES)))
    lines.append(w.fill("下一篇：" + rng.choice(LINK_TITLES)))
    lines += [w.fill(line) for line in rng.sample(FOOTER_LINES, k=rng.randint(3, 7))]
    return "\n".join(lines)


SPAM_LINES = [
    "专业代开各地增值税发票，点数低，可先验票后付款，加微信{wx}详谈。",
    "代开发票 代开增值税发票 发票代开 正规渠道 当天出票",
    "{city}代开发票联系电话{mobile}，诚信合作，长期有效。",
    "澳门威尼斯人官方网站，真人娱乐百家乐，注册即送{n2}元彩金！",
    "新葡京娱乐城：时时彩、北京赛车、六合彩一站式投注，日赚千元不是梦。",
    "老虎机免费试玩，首存加赠{n2}%，提款秒到账，加微信{wx}领取福利。",
    "兼职日结，在家用手机刷单，日赚300-800元，宝妈学生均可，加V：{wx}",
    "无抵押贷款，贷款秒批，凭身份证即可办理，当天放款，QQ：{qq}",
    "信用卡套现，费率低至0.38%，秒到账，微信号：{wx}",
    "祖传秘方，专治{ailment}，三天见效，无效退款，隐私发货，货到付款。",
    "点击咨询，免费评估，特效药限时抢购，立即购买享八折优惠！",
    "高仿名表、高仿包包，一比一做工，支持货到付款，加微信{wx}看实拍。",
    "月入过万不是梦，零基础轻松上手，稳赚不赔，躺赚收益每天到账。",
    "棋牌游戏下载，真人在线对战，充值返利，加我微信{wx}拉你进群。",
    "BUY NOW: casino bonus, free money for new players, limited offer!",
]
SPAM_KEYWORDS = _w(
    "代开发票 百家乐 时时彩 无抵押贷款 刷单 兼职日结 高仿 套现 真人娱乐 老虎机 稳赚 日赚 "
    "私服 棋牌游戏 祖传秘方 无效退款"
)
SPAM_SLOTS: dict[str, Slot] = {
    "wx": _wechat,
    "qq": lambda rng: str(rng.randint(10_000_000, 2_999_999_999)),
    "mobile": _mobile,
    "ailment": _w("糖尿病 痛风 脱发 鼻炎 失眠 颈椎病 高血压"),
}


def _spam(rng: random.Random, clean: str) -> str:
    w = _Writer(rng, SPAM_SLOTS)
    ads = [w.fill(line) for line in rng.sample(SPAM_LINES, k=rng.randint(3, 8))]
    if rng.random() < 0.5:  # keyword stuffing line(s)
        words = rng.sample(SPAM_KEYWORDS, k=rng.randint(4, 8))
        for _ in range(rng.randint(1, 3)):
            rng.shuffle(words)
            ads.insert(rng.randint(0, len(ads)), " ".join(words))
    if rng.random() < 0.35:  # injected into a hacked article: the article's opening stays
        opening = clean.split("\n")[:2]
        return "\n".join(opening + ads)
    return "\n".join(ads)


SHORT_TEXTS = [
    "暂无内容",
    "本页面已删除。",
    "图片",
    "点击加载更多",
    "该帖子已被管理员屏蔽",
    "404 页面不存在",
    "正在跳转，请稍候……",
    "视频加载失败，请刷新重试。",
    "附件下载",
    "谢谢分享！",
    "楼主好人",
    "内容审核中",
]


def _too_short(rng: random.Random, clean: str) -> str:
    style = rng.randrange(3)
    if style == 0:
        return rng.choice(SHORT_TEXTS)
    if style == 1:  # a title line alone
        return clean.split("\n")[0][:49]
    # the first sentence of a document, cut short
    return clean.replace("\n", "")[: rng.randint(12, 49)]


EMOJI = "😀😂🤣😍😘😎🔥🎉👍👏💪🙏🌹🌸⭐✨💯💰🧧🎁🚀❤💖👉✅❗"
DECORATION = ["★☆", "●○", "◆◇", "■□", "→", "※", "#", "=", "*", "~"]


def _symbol_dump(rng: random.Random, clean: str) -> str:
    style = rng.randrange(5)
    rows = rng.randint(10, 40)
    if style == 0:  # a table of prices or readings, numbers only
        out = []
        for _ in range(rows):
            stamp = f"{rng.randint(2018, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            cells = [f"{rng.uniform(1, 500):.2f}" for _ in range(rng.randint(3, 6))]
            out.append("  ".join([stamp, *cells, str(rng.randint(1000, 9_999_999))]))
        return "\n".join(out)
    if style == 1:  # emoji runs with a word here and there
        out = []
        for _ in range(rows):
            run = "".join(rng.choice(EMOJI) * rng.randint(1, 4) for _ in range(rng.randint(3, 10)))
            out.append(
                run
                + (rng.choice(("好看", "冲", "赞", "哈哈", "", "")) if rng.random() < 0.4 else "")
            )
        return "\n".join(out)
    if style == 2:  # decoration lines framing a few words
        out = []
        for _ in range(rows):
            mark = rng.choice(DECORATION)
            out.append(mark * rng.randint(8, 30))
            if rng.random() < 0.2:
                out.append(rng.choice(("精品推荐", "新品上架", "热卖", "限时")))
        return "\n".join(out)
    if style == 3:  # lottery draws
        out = []
        for _ in range(rows):
            balls = sorted(rng.sample(range(1, 34), k=6))
            issue = f"{rng.randint(2019, 2024)}{rng.randint(1, 150):03d}"
            out.append(
                f"{issue}期 " + " ".join(f"{b:02d}" for b in balls) + f" + {rng.randint(1, 16):02d}"
            )
        return "\n".join(out)
    # sensor readings as comma-separated values
    return "\n".join(
        ",".join(f"{rng.uniform(-20, 120):.3f}" for _ in range(rng.randint(5, 12)))
        for _ in range(rows)
    )


TAGS = _w(
    "人工智能 大数据 云计算 区块链 新能源汽车 光伏 储能 半导体 芯片 医疗器械 养老 教育培训 考研 "
    "公务员考试 留学 房价 二手房 装修 家居 美食 旅游攻略 自驾游 露营 减肥 健身 瑜伽 中医养生 育儿 "
    "早教 宠物 摄影 手机评测 笔记本电脑 游戏 动漫 电影 综艺 音乐 篮球 足球 股票 基金 理财 保险 "
    "汽车 驾照 天气 星座 高考 英语四级 编程 Python Java 前端开发 数据库 运维 网络安全 短视频 "
    "直播带货 电商 跨境电商 物流 外卖 共享单车 地铁 高铁票 机票 租房 小区 学区房 面试技巧 简历模板"
)
SEO_SUFFIXES = _w("哪家好 价格 多少钱 电话 排名 官网 怎么样 地址 推荐 报价 收费标准 口碑")
SEO_SERVICES = _w("装修公司 搬家公司 驾校 月嫂 家政 开锁 律师 英语培训 口腔医院 宠物医院 网站建设")


def _tag_cloud(rng: random.Random, clean: str) -> str:
    style = rng.randrange(4)
    header = rng.choice(("热门标签", "相关搜索", "标签云", "热门关键词", "大家都在搜"))
    if style == 0:  # one tag per line
        return "\n".join([header, *rng.sample(TAGS, k=rng.randint(15, 45))])
    if style == 1:  # rows of tags separated by spaces
        rows = [" ".join(rng.sample(TAGS, k=rng.randint(4, 8))) for _ in range(rng.randint(6, 14))]
        return "\n".join([header, *rows])
    if style == 2:  # SEO search suggestions: city x service x suffix
        city = rng.choice(CITIES)
        combos = [f"{city}{s}{x}" for s in rng.sample(SEO_SERVICES, k=3) for x in SEO_SUFFIXES]
        return "\n".join([header, *rng.sample(combos, k=rng.randint(15, 30))])
    # category listings: a title with a count, each on its own line
    return "\n".join(
        [
            header,
            *(f"{tag}({rng.randint(3, 999)})" for tag in rng.sample(TAGS, k=rng.randint(12, 30))),
        ]
    )


SLOGANS = [
    "更多精彩内容请关注本站",
    "本站所有商品均为正品，假一赔十",
    "专业团队一对一服务，欢迎来电咨询",
    "想了解更多请访问我们的官方网站",
    "点赞关注不迷路，每天都有新干货",
]
LOOP_STEMS = [
    ("我们要进一步加强", "的建设"),
    ("坚决落实", "的要求"),
    ("深入推进", "工作"),
    ("全面提升", "的水平"),
]
LOOP_FILLERS = _w("基层组织 队伍 制度 作风 服务能力 工作机制 责任意识 宣传教育 监督管理 业务培训")


def _ngram_spam(rng: random.Random, clean: str) -> str:
    style = rng.randrange(3)
    if style == 0:  # SEO phrases: one service name with changing suffixes, in long lines
        city, service = rng.choice(CITIES), rng.choice(SEO_SERVICES)
        out = []
        for _ in range(rng.randint(2, 5)):
            parts = [
                f"{city}{service}{rng.choice(SEO_SUFFIXES)}" for _ in range(rng.randint(8, 16))
            ]
            out.append("，".join(parts) + "。")
        return "\n".join(out)
    if style == 1:  # a slogan after every sentence of an article
        slogan = rng.choice(SLOGANS) + "！"
        wanted, found = rng.randint(6, 15), 0
        lines = []
        for line in clean.split("\n"):
            if found >= wanted:
                break
            lines.append(line.replace("。", "。" + slogan))
            found += line.count("。")
        return "\n".join(lines)
    # degenerate generated text: one clause stem looping with small changes
    head, tail = rng.choice(LOOP_STEMS)
    clauses = [f"{head}{rng.choice(LOOP_FILLERS)}{tail}" for _ in range(rng.randint(20, 45))]
    lines: list[str] = []
    while clauses:
        k = rng.randint(6, 12)
        lines.append("，".join(clauses[:k]) + "。")
        clauses = clauses[k:]
    return "\n".join(lines)


_DEFECT_MAKERS: dict[str, Callable[[random.Random, str], str]] = {
    "mojibake": _mojibake,
    "repeated_lines": _repeated_lines,
    "boilerplate": _boilerplate,
    "spam": _spam,
    "too_short": _too_short,
    "symbol_dump": _symbol_dump,
    "tag_cloud": _tag_cloud,
    "ngram_spam": _ngram_spam,
}


def _labelled(seed: int) -> list[tuple[str, str, str]]:
    """(text, kind, register of the clean document it was made from or "" if generated)."""
    clean = make_clean_documents(seed)
    rng = random.Random(seed + 1)
    docs = [(text, "clean", register) for text, register in clean]
    for kind in DEFECT_KINDS:
        maker = _DEFECT_MAKERS[kind]
        for _ in range(DEFECTS_PER_KIND):
            docs.append((maker(rng, rng.choice(clean)[0]), kind, ""))
    return docs


def make_eval_set(seed: int = DEFAULT_SEED) -> list[tuple[str, str]]:
    """(text, kind): clean documents (kind "clean") and DEFECTS_PER_KIND per defect kind."""
    return [(text, kind) for text, kind, _ in _labelled(seed)]


# -- evaluation ------------------------------------------------------------------------------------


def roc_auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """Probability that a positive outscores a negative (ties count half): the rank formula."""
    pooled = sorted([(v, 1) for v in positive] + [(v, 0) for v in negative])
    rank_sum = 0.0
    i = 0
    while i < len(pooled):
        j = i
        while j < len(pooled) and pooled[j][0] == pooled[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2  # ranks i+1 .. j share their mean
        rank_sum += mean_rank * sum(label for _, label in pooled[i:j])
        i = j
    n_pos, n_neg = len(positive), len(negative)
    if not n_pos or not n_neg:
        return float("nan")
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def _default_assess(text: str) -> Assessment:
    return assess(text, quality_profile("web"))


def _default_clean(text: str) -> str:
    return clean_text(text).text


_SHOWN_SIGNALS = (
    "char_count", "dup_line_frac", "dup_ngram_frac_5", "top_ngram_frac_2", "punct_end_line_frac",
    "short_line_frac", "boilerplate_line_frac", "spam_keyword_frac", "symbol_ratio",
    "digit_ratio", "mojibake_frac",
)  # fmt: skip


def evaluate(
    assess_fn: Callable[[str], Assessment] | None = None,
    clean_fn: Callable[[str], str] | None = None,
    docs: Sequence[tuple[str, str]] | None = None,
    *,
    seed: int = DEFAULT_SEED,
    examples: int = 3,
) -> dict[str, Any]:
    """Clean, then assess every document of the set (default: web profile thresholds).

    Returns ``auc`` (score, clean positive), ``clean_keep_rate`` and
    ``false_rejection_rate``, ``flagged`` (defect kind -> share rejected), ``counts``,
    ``clean_rules`` (rule -> clean documents it rejected), ``register_keep`` (only when the
    set is the default one), and up to ``examples`` ``misses`` per defect kind and
    ``false_rejections``, each with its reasons and main signals.
    """
    assess_fn = assess_fn or _default_assess
    clean_fn = clean_fn or _default_clean
    registers: list[str] | None = None
    if docs is None:
        labelled = _labelled(seed)
        docs = [(text, kind) for text, kind, _ in labelled]
        registers = [register for _, kind, register in labelled if kind == "clean"]
    started = time.perf_counter()
    scores: dict[str, list[float]] = {}
    kept: Counter[str] = Counter()
    clean_rules: Counter[str] = Counter()
    register_kept: Counter[str] = Counter()
    misses: dict[str, list[dict[str, Any]]] = {}
    false_rejections: list[dict[str, Any]] = []
    n_clean = 0
    for text, kind in docs:
        result = assess_fn(clean_fn(text))
        scores.setdefault(kind, []).append(result.score)
        kept[kind] += result.keep
        shown = {
            "text": text[:160],
            "score": result.score,
            "reasons": result.reasons,
            "signals": {k: round(result.signals.get(k, 0.0), 4) for k in _SHOWN_SIGNALS},
        }
        if kind == "clean":
            if registers is not None:
                register_kept[registers[n_clean]] += result.keep
                shown["register"] = registers[n_clean]
            n_clean += 1
            clean_rules.update(result.reasons)
            if not result.keep and len(false_rejections) < 4 * examples:
                false_rejections.append(shown)
        elif result.keep and len(misses.setdefault(kind, [])) < examples:
            misses[kind].append(shown)
    counts = {kind: len(values) for kind, values in scores.items()}
    clean_scores = scores.get("clean", [])
    defect_scores = [s for kind, values in scores.items() if kind != "clean" for s in values]
    keep_rate = kept["clean"] / counts["clean"] if counts.get("clean") else float("nan")
    report: dict[str, Any] = {
        "documents": len(docs),
        "counts": counts,
        "auc": roc_auc(clean_scores, defect_scores),
        "clean_keep_rate": keep_rate,
        "false_rejection_rate": 1.0 - keep_rate,
        "flagged": {kind: 1.0 - kept[kind] / counts[kind] for kind in counts if kind != "clean"},
        "clean_rules": dict(clean_rules.most_common()),
        "misses": misses,
        "false_rejections": false_rejections,
        "seconds": time.perf_counter() - started,
    }
    if registers is not None:
        per_register = Counter(registers)
        report["register_keep"] = {r: register_kept[r] / per_register[r] for r in REGISTERS}
    return report


def _print_report(report: dict[str, Any]) -> None:
    counts = report["counts"]
    print(f"{report['documents']} documents, assessed in {report['seconds']:.1f} s\n")
    print("| set | documents | measure | value | target |")
    print("|---|---:|---|---:|---:|")
    print(f"| all | {report['documents']} | ROC AUC of score (clean vs defective) "
          f"| {report['auc']:.4f} | >= 0.97 |")  # fmt: skip
    print(f"| clean | {counts['clean']} | kept | {report['clean_keep_rate']:.4f} | >= 0.95 |")
    for register, rate in report.get("register_keep", {}).items():
        print(f"| clean: {register} | {CLEAN_PER_REGISTER} | kept | {rate:.4f} | |")
    for kind, rate in report["flagged"].items():
        print(f"| {kind} | {counts[kind]} | flagged | {rate:.4f} | >= 0.90 |")
    if report["clean_rules"]:
        print("\nRules rejecting clean documents:", report["clean_rules"])
    for kind, rows in report["misses"].items():
        for row in rows:
            print(f"\nMISSED {kind}: {row}")
    for row in report["false_rejections"]:
        print(f"\nFALSE REJECTION: {row}")


if __name__ == "__main__":
    _print_report(evaluate())
