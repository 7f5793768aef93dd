"""Deterministic synthetic Chinese text for the hqdata benchmarks (no external data).

Not a benchmark itself: ``bench_quality.py``, ``bench_minhash.py`` and ``bench_pipeline.py``
import it (run them from the repository root, e.g. ``python benchmarks/bench_quality.py``).
Every word list and sentence template below was written for these benchmarks; no outside
text is used. The same seed always gives the same text.

The text is fictional prose: templates with short fixed parts (so that 10-character
repetitions, which hqdata's repetition rules look at, only come from chance) filled from
per-domain vocabularies, plus the artifacts the cleaning stage repairs: PDF-extraction damage
(hard wraps with blank lines, page numbers, 4x-repeated heading characters) and UTF-8 text
decoded as Latin-1.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    return text.split()


# -- vocabulary ------------------------------------------------------------------------------

DOMAINS: dict[str, dict[str, list[str]]] = {
    "medical": {
        "nouns": _words(
            "门诊量 住院患者 慢性病管理 医保报销 基层医疗 护理服务 药品采购 疫苗接种 分级诊疗 "
            "手术室 临床试验 健康档案 急诊科 家庭医生 体检中心 康复训练 远程会诊 病床周转率 "
            "处方审核 中医药 检验结果 血压监测 糖尿病筛查 儿科诊室 医护人员 营养指导 传染病报告 "
            "心血管疾病 老年护理 互联网医院"
        ),
        "orgs": ["人民医院", "卫生健康委员会", "疾病预防控制中心", "社区卫生服务中心", "中医院"],
        "roles": ["院长", "主任医师", "护士长", "副主任"],
        "docs": ["年度卫生统计公报", "健康状况调查报告", "医疗服务质量通报"],
    },
    "legal": {
        "nouns": _words(
            "合同纠纷 劳动仲裁 行政复议 知识产权 证据规则 诉讼时效 调解协议 司法鉴定 法律援助 "
            "裁判文书 执行案件 公益诉讼 侵权责任 物业纠纷 消费者权益 商标注册 数据合规 婚姻家事 "
            "刑事辩护 立案登记 庭审记录 仲裁条款 担保合同 债权转让 行政处罚 普法宣传 律师事务所 "
            "案件审理期限 当事人陈述 判决书"
        ),
        "orgs": ["中级人民法院", "司法局", "仲裁委员会", "律师协会", "人民检察院"],
        "roles": ["庭长", "检察官", "首席律师", "局长"],
        "docs": ["审判工作报告", "典型案例汇编", "法治建设白皮书"],
    },
    "finance": {
        "nouns": _words(
            "营业收入 净利润 现金流 资产负债率 债券发行 信贷投放 存款余额 利率水平 汇率波动 "
            "上市公司 市盈率 分红方案 投资者关系 理财产品 保险赔付 不良贷款 融资成本 基金份额 "
            "股权结构 审计意见 财务报表 毛利率 应收账款 资本开支 跨境结算 普惠金融 小微企业贷款 "
            "外汇储备 消费信贷 风险准备金"
        ),
        "orgs": ["商业银行", "证券交易所", "金融监督管理局", "投资控股集团", "农村信用社"],
        "roles": ["首席经济学家", "财务总监", "董事长", "分析师"],
        "docs": ["半年度报告", "季度经营数据公告", "金融运行情况通报"],
    },
    "tech": {
        "nouns": _words(
            "芯片设计 云计算平台 数据中心 开源社区 人工智能模型 传感器网络 工业软件 操作系统 "
            "算力调度 网络安全 边缘计算 语音识别 自动驾驶 机器人 光纤网络 存储系统 软件测试 "
            "接口规范 移动应用 量子通信 卫星导航 数据库 编译器 虚拟现实 物联网终端 集成电路 "
            "算法优化 用户隐私 数字孪生 智能制造"
        ),
        "orgs": ["科技有限公司", "软件研究院", "信息技术协会", "工业和信息化局", "实验室"],
        "roles": ["首席技术官", "研发负责人", "架构师", "工程师"],
        "docs": ["技术白皮书", "产业发展报告", "测试评估报告"],
    },
    "education": {
        "nouns": _words(
            "课程改革 师资队伍 职业教育 学前教育 招生计划 毕业生就业 课后服务 教材建设 实验课程 "
            "校园安全 在线课堂 学科竞赛 研究生培养 乡村学校 图书馆 奖学金 教学评估 寄宿制学校 "
            "特殊教育 家校合作 体育课程 劳动教育 科研项目 留学生 校企合作 继续教育 学分认定 "
            "教师培训 阅读推广 心理健康教育"
        ),
        "orgs": ["教育局", "师范大学", "职业技术学院", "实验中学", "教育科学研究所"],
        "roles": ["校长", "教授", "教研员", "辅导员"],
        "docs": ["教育事业统计公报", "教学质量年度报告", "招生章程"],
    },
    "environment": {
        "nouns": _words(
            "空气质量 污水处理 垃圾分类 碳排放 森林覆盖率 湿地保护 噪声污染 土壤修复 饮用水源 "
            "生物多样性 可再生能源 光伏发电 风电场 节能改造 秸秆利用 河道治理 环境监测 排污许可 "
            "绿色建筑 生态补偿 水土流失 固体废物 清洁取暖 海洋保护 自然保护区 温室气体 雨水收集 "
            "城市绿地 新能源汽车 污染源普查"
        ),
        "orgs": ["生态环境局", "环境监测站", "林业和草原局", "水务集团", "能源研究中心"],
        "roles": ["站长", "高级工程师", "处长", "研究员"],
        "docs": ["生态环境状况公报", "水质监测月报", "碳排放核算报告"],
    },
    "agriculture": {
        "nouns": _words(
            "粮食产量 高标准农田 种子资源 农机装备 灌溉设施 蔬菜基地 畜牧养殖 水产品 农产品价格 "
            "冷链物流 农村电商 合作社 土地流转 病虫害防治 化肥减量 茶叶种植 果园管理 乡村旅游 "
            "农民收入 宅基地 农业保险 育种技术 耕地保护 粮食储备 生猪出栏 渔业资源 种植结构 "
            "田间管理 农技推广 特色农产品"
        ),
        "orgs": ["农业农村局", "农业科学院", "供销合作社", "粮食和物资储备局", "种业集团"],
        "roles": ["农艺师", "理事长", "技术员", "所长"],
        "docs": ["农业生产形势分析", "粮食收购进度通报", "乡村振兴工作总结"],
    },
    "transport": {
        "nouns": _words(
            "地铁线路 公交线网 高速公路 铁路客流 港口吞吐量 航班正点率 物流园区 停车设施 "
            "交通拥堵 道路养护 充电桩 共享单车 货运车辆 枢纽站 桥梁检测 出租车 城际铁路 客运量 "
            "运输成本 交通事故 信号系统 航道疏浚 机场航站楼 快递网点 乘客满意度 票价调整 "
            "隧道工程 站点布局 通勤时间 智慧交通"
        ),
        "orgs": ["交通运输局", "地铁集团", "港务集团", "机场管理公司", "公路管理处"],
        "roles": ["总经理", "总工程师", "调度主任", "副局长"],
        "docs": ["交通运行监测报告", "客流统计快报", "综合交通规划"],
    },
    "culture": {
        "nouns": _words(
            "博物馆 非物质文化遗产 文物修复 地方戏曲 图书出版 电影票房 美术展览 古籍整理 "
            "历史街区 民俗活动 演出市场 文化消费 旅游景区 书法作品 纪录片 公共文化服务 考古发掘 "
            "方言保护 传统手工艺 音乐节 文创产品 城市记忆 剧本创作 藏品数字化 阅读空间 "
            "游客接待量 文化馆 地方志 民间故事 老字号"
        ),
        "orgs": ["文化和旅游局", "博物院", "出版社", "艺术研究院", "图书馆"],
        "roles": ["馆长", "策展人", "编辑", "研究馆员"],
        "docs": ["文化发展统计公报", "文物普查报告", "旅游市场分析"],
    },
}

GENERAL_NOUNS = _words(
    "工作机制 发展质量 服务水平 管理制度 市场需求 区域协调 人才培养 基础设施 公共服务 信息公开 "
    "资金保障 社会参与 标准体系 评价方法 协同创新 运行效率 监督检查 风险防控 数据共享 政策支持 "
    "项目建设 群众满意度 专项行动 试点经验 配套措施 长效机制 年度目标 统计口径 应急预案 考核指标 "
    "技术路线 资源配置 服务窗口 办理时限 建设规模 投资规模"
)
VERBS = _words(
    "推进 完善 加强 落实 优化 提升 建立 调整 扩大 改善 规范 支持 开展 推动 部署 审议 发布 修订 "
    "评估 监测 统筹 整合 试行 引入 升级 简化 补齐 拓展 稳定 降低 控制 核查 梳理 跟踪 研判 公示 "
    "协调 培育 改造 保障"
)
ADJECTIVES = _words(
    "重要 明显 全面 稳定 持续 有效 可靠 突出 关键 基础 系统 长期 合理 积极 复杂 显著 精细 灵活 "
    "透明 多元 初步 具体 细致 扎实 广泛 直接 总体 新型 传统 紧迫"
)
ADVERBS = _words(
    "进一步 逐步 持续 明显 不断 已经 正在 基本 普遍 大幅 稳步 切实 首次 同步 全面 重点 依法 主动 "
    "及时 仍然"
)
CONNECTIVES = _words(
    "此外， 与此同时， 另一方面， 因此， 值得注意的是， 据了解， 总体来看， 具体而言， "
    "从长远看， 相比之下， 事实上， 据介绍， 不过， 同时， 在这一背景下， 对此， 目前， 近年来，"
)
CHANGES = ["增长", "下降", "上升", "减少", "提高", "回落", "扩大", "收窄"]
BAD_OUTCOMES = _words(
    "受到影响 出现波动 难以为继 效果打折 面临压力 积累风险 进展缓慢 成本上升 出现短板"
)
MODALS = ["应当", "需要", "可以", "必须", "有望", "将会", "仍需"]
PLACES = _words(
    "北京 上海 广州 深圳 杭州 南京 成都 武汉 西安 重庆 天津 苏州 郑州 长沙 青岛 宁波 厦门 昆明 "
    "合肥 福州 济南 沈阳 大连 哈尔滨 长春 石家庄 太原 南昌 贵阳 南宁 兰州 银川 西宁 乌鲁木齐 "
    "拉萨 呼和浩特 海口 三亚 无锡 佛山 东莞 温州 泉州 烟台 洛阳 桂林 扬州 绍兴 嘉兴 珠海"
)
SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰建文辉力斌宇浩凯鹏飞鑫波"
    "宁琳晨欣怡雪梅慧颖婷倩晶佳悦蕾岚峰志国庆春海涛松博远航成思源嘉瑞"
)
TIMES = _words(
    "今年上半年 去年全年 上个季度 今年以来 过去五年 本月初 近三年 截至上月底 第一季度 去年同期 "
    "本年度 十年来 年初以来 最近两个月"
)
ACRONYMS = ["AI", "GDP", "CPI", "5G", "App", "ESG", "IPO", "PM2.5", "API", "CT"]
HEADINGS = _words(
    "工作概况 主要做法 存在问题 下一步计划 基本情况 发展现状 主要成效 风险提示 政策建议 数据说明 "
    "背景介绍 总体要求 重点任务 保障措施"
)
CN_NUMS = "一二三四五六七八九十"


@dataclass(frozen=True)
class SynthDoc:
    """One generated document: ``text`` is what a connector would read."""

    title: str
    text: str
    domain: str
    kind: str  # "clean", "pdf" or "mojibake"


class ChineseTextGenerator:
    """Sentences, paragraphs and documents from a seeded :class:`random.Random`."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self._templates: list[Callable[[str], str]] = [
            self._t_time_org,
            self._t_person_says,
            self._t_statistics,
            self._t_relation,
            self._t_condition,
            self._t_place_action,
            self._t_opinion,
            self._t_measures,
            self._t_component,
            self._t_purpose,
            self._t_count,
            self._t_question,
            self._t_support,
            self._t_from_to,
            self._t_quote,
            self._t_compare,
            self._t_meeting,
            self._t_although,
            self._t_list,
            self._t_report,
            self._t_acronym,
            self._t_date,
            self._t_plan,
            self._t_problem,
        ]

    # -- slots -------------------------------------------------------------------------------

    def _pick(self, items: list[str]) -> str:
        return items[self.rng.randrange(len(items))]

    def noun(self, domain: str) -> str:
        if self.rng.random() < 0.7:
            return self._pick(DOMAINS[domain]["nouns"])
        return self._pick(GENERAL_NOUNS)

    def person(self) -> str:
        given = self._pick(GIVEN) + (self._pick(GIVEN) if self.rng.random() < 0.7 else "")
        return self._pick(SURNAMES) + given

    def org(self, domain: str) -> str:
        return self._pick(PLACES) + "市" * (self.rng.random() < 0.5) + self._pick(
            DOMAINS[domain]["orgs"]
        )

    def pct(self) -> str:
        if self.rng.random() < 0.5:
            return f"{self.rng.randint(1, 60)}.{self.rng.randint(0, 9)}%"
        return f"百分之{self._pick(list(CN_NUMS))}{self._pick(['', '点五', '点二', '点八'])}"

    def amount(self) -> str:
        unit = self._pick(["万元", "亿元", "万人次", "个", "家", "项", "吨", "公里", "台", "件"])
        return f"{self.rng.randint(2, 9800)}{unit}"

    def year(self) -> str:
        return f"{self.rng.randint(2008, 2025)}年"

    # -- templates: each returns one sentence with its final punctuation ---------------------

    def _t_time_org(self, d: str) -> str:
        r = self
        return f"{r._pick(TIMES)}，{r.org(d)}{r._pick(ADVERBS)}{r._pick(VERBS)}了{r._pick(ADJECTIVES)}的{r.noun(d)}。"  # noqa: E501

    def _t_person_says(self, d: str) -> str:
        r = self
        return (
            f"{r.person()}表示，{r.noun(d)}的{r.noun(d)}{r._pick(ADVERBS)}{r._pick(VERBS)}，"
            f"{r.noun(d)}也随之{r._pick(CHANGES)}。"
        )

    def _t_statistics(self, d: str) -> str:
        r = self
        return f"据{r.org(d)}统计，{r._pick(PLACES)}的{r.noun(d)}{r._pick(CHANGES)}{r.pct()}。"

    def _t_relation(self, d: str) -> str:
        r = self
        return (
            f"{r._pick(CONNECTIVES)}{r.noun(d)}与{r.noun(d)}之间的联系"
            f"{r._pick(ADVERBS)}{r._pick(ADJECTIVES)}。"
        )

    def _t_condition(self, d: str) -> str:
        r = self
        return (
            f"如果{r.noun(d)}得不到{r._pick(ADJECTIVES)}的{r._pick(VERBS)}，"
            f"{r.noun(d)}就可能{r._pick(BAD_OUTCOMES)}。"
        )

    def _t_place_action(self, d: str) -> str:
        r = self
        return (
            f"{r._pick(PLACES)}{r._pick(ADVERBS)}{r._pick(VERBS)}{r.noun(d)}，"
            f"以便{r._pick(VERBS)}{r.noun(d)}。"
        )

    def _t_opinion(self, d: str) -> str:
        r = self
        who = r._pick(["不少专家", "多位受访者", "业内人士", "部分居民", "研究人员", "一些企业"])
        return f"{who}认为，{r.noun(d)}{r._pick(MODALS)}{r._pick(VERBS)}{r.noun(d)}。"

    def _t_measures(self, d: str) -> str:
        r = self
        return (
            f"在{r.noun(d)}方面，{r.org(d)}{r._pick(VERBS)}了{r._pick(list(CN_NUMS))}项"
            f"{r._pick(ADJECTIVES)}措施。"
        )

    def _t_component(self, d: str) -> str:
        r = self
        return (
            f"{r.noun(d)}是{r.noun(d)}的{r._pick(ADJECTIVES)}组成部分，"
            f"{r._pick(ADVERBS)}影响着{r.noun(d)}。"
        )

    def _t_purpose(self, d: str) -> str:
        r = self
        return (
            f"为了{r._pick(VERBS)}{r.noun(d)}，{r.person()}{r._pick(TIMES)}"
            f"{r._pick(VERBS)}了{r.noun(d)}。"
        )

    def _t_count(self, d: str) -> str:
        r = self
        return (
            f"{r._pick(TIMES)}，{r._pick(PLACES)}共有{r.rng.randint(3, 900)}家单位参与"
            f"{r.noun(d)}，累计{r._pick(VERBS)}{r.amount()}。"
        )

    def _t_question(self, d: str) -> str:
        r = self
        return (
            f"{r.noun(d)}为什么{r._pick(ADVERBS)}{r._pick(BAD_OUTCOMES)}？"
            f"{r.person()}认为，关键在于{r.noun(d)}。"
        )

    def _t_support(self, d: str) -> str:
        r = self
        return (
            f"{r._pick(CONNECTIVES)}{r._pick(ADJECTIVES)}的{r.noun(d)}离不开"
            f"{r._pick(ADJECTIVES)}的{r.noun(d)}。"
        )

    def _t_from_to(self, d: str) -> str:
        r = self
        return (
            f"从{r.noun(d)}到{r.noun(d)}，{r.noun(d)}{r._pick(ADVERBS)}发生了"
            f"{r._pick(ADJECTIVES)}的变化。"
        )

    def _t_quote(self, d: str) -> str:
        r = self
        role = r._pick(DOMAINS[d]["roles"])
        return (
            f"{r.org(d)}{role}{r.person()}说：“{r.noun(d)}{r._pick(MODALS)}{r._pick(VERBS)}，"
            f"{r.noun(d)}才能{r._pick(ADVERBS)}{r._pick(CHANGES)}。”"
        )

    def _t_compare(self, d: str) -> str:
        r = self
        return f"与{r._pick(TIMES)}相比，{r.noun(d)}{r._pick(CHANGES)}了{r.pct()}。"

    def _t_meeting(self, d: str) -> str:
        r = self
        return (
            f"{r.person()}和{r.person()}{r._pick(TIMES)}在{r._pick(PLACES)}"
            f"{r._pick(VERBS)}了{r.noun(d)}的{r._pick(_words('方案 规划 细则 办法 路线图'))}。"
        )

    def _t_although(self, d: str) -> str:
        r = self
        return (
            f"虽然{r.noun(d)}{r._pick(ADVERBS)}{r._pick(VERBS)}，但{r.noun(d)}仍然"
            f"{r._pick(BAD_OUTCOMES)}。"
        )

    def _t_list(self, d: str) -> str:
        r = self
        return (
            f"{r.noun(d)}、{r.noun(d)}和{r.noun(d)}被视为{r._pick(VERBS)}"
            f"{r.noun(d)}的{r._pick(['关键', '重点', '难点', '突破口'])}。"
        )

    def _t_report(self, d: str) -> str:
        r = self
        return (
            f"{r.year()}发布的《{r._pick(PLACES)}{r._pick(DOMAINS[d]['docs'])}》显示，"
            f"{r.noun(d)}{r._pick(CHANGES)}{r.pct()}，{r.noun(d)}{r._pick(ADVERBS)}{r._pick(CHANGES)}。"
        )

    def _t_acronym(self, d: str) -> str:
        r = self
        return (
            f"围绕{r._pick(ACRONYMS)}和{r.noun(d)}，{r.org(d)}{r._pick(ADVERBS)}"
            f"{r._pick(VERBS)}了{r.amount()}的投入。"
        )

    def _t_date(self, d: str) -> str:
        r = self
        return (
            f"{r.year()}{r.rng.randint(1, 12)}月{r.rng.randint(1, 28)}日，"
            f"{r.org(d)}{r._pick(VERBS)}了关于{r.noun(d)}的{r._pick(['通知', '意见', '决定', '公告'])}。"  # noqa: E501
        )

    def _t_plan(self, d: str) -> str:
        r = self
        return (
            f"按照计划，{r._pick(PLACES)}将在{r.rng.randint(2026, 2035)}年前"
            f"{r._pick(VERBS)}{r.amount()}{r.noun(d)}。"
        )

    def _t_problem(self, d: str) -> str:
        r = self
        return (
            f"{r._pick(CONNECTIVES)}{r.noun(d)}{r._pick(['不足', '偏慢', '分散', '滞后'])}"
            f"的问题{r._pick(ADVERBS)}{r._pick(['存在', '突出', '显现'])}，"
            f"{r._pick(MODALS)}{r._pick(VERBS)}。"
        )

    # -- larger units ------------------------------------------------------------------------

    def domain(self) -> str:
        return self._pick(list(DOMAINS))

    def sentence(self, domain: str | None = None) -> str:
        d = domain or self.domain()
        return self._pick(self._templates)(d)

    def paragraph(self, domain: str, sentences: int) -> str:
        return "".join(self.sentence(domain) for _ in range(sentences))

    def title(self, domain: str) -> str:
        r = self
        return f"{r._pick(PLACES)}{r.noun(domain)}{r._pick(['情况通报', '调查', '观察', '分析', '综述'])}"  # noqa: E501

    def body(self, domain: str, target_chars: int) -> str:
        """Paragraphs (some under numbered headings) until about ``target_chars`` characters."""
        parts: list[str] = []
        size = 0
        heading = 0
        while size < target_chars:
            if parts and self.rng.random() < 0.25 and heading < len(CN_NUMS):
                line = f"{CN_NUMS[heading]}、{self._pick(HEADINGS)}"
                heading += 1
            else:
                line = self.paragraph(domain, self.rng.randint(2, 5))
            parts.append(line)
            size += len(line) + 1
        return "\n".join(parts)

    def document(self, target_bytes: int, kind: str = "clean") -> SynthDoc:
        """A document of about ``target_bytes`` UTF-8 bytes (before artifacts are added)."""
        d = self.domain()
        title = self.title(d)
        body = self.body(d, max(20, target_bytes // 3 - len(title)))
        if kind == "pdf":
            return SynthDoc(title, self.pdf_artifacts(title, body), d, kind)
        text = f"{title}\n{body}"
        if kind == "mojibake":
            text = mojibake(text)
        return SynthDoc(title, text, d, kind)

    def pdf_artifacts(self, title: str, body: str) -> str:
        """Text as a naive PDF extraction leaves it.

        Hard line breaks every ~25 characters with a blank line between lines, a page
        number on its own line every ~12 lines, and headings (the title and the numbered
        headings) with every character emitted 4 times.
        """
        out: list[str] = [repeat_chars(title, 4), ""]
        page, lines_on_page = 1, 0
        for para in body.split("\n"):
            if len(para) < 12:  # a numbered heading
                out += [repeat_chars(para, 4), ""]
                continue
            width = self.rng.randint(23, 27)
            for start in range(0, len(para), width):
                out += [para[start : start + width], ""]
                lines_on_page += 1
                if lines_on_page >= 12:
                    page += 1
                    lines_on_page = 0
                    out += [self._pick([f"{page}", f"- {page} -", f"第 {page} 页"]), ""]
        return "\n".join(out).rstrip("\n")


def repeat_chars(text: str, k: int) -> str:
    """Every character written ``k`` times in a row (spaces kept single)."""
    return "".join(ch if ch.isspace() else ch * k for ch in text)


def mojibake(text: str) -> str:
    """UTF-8 bytes decoded as Latin-1: the classic wrong-codec damage."""
    return text.encode("utf-8").decode("latin-1")


def make_documents(
    total_bytes: int,
    *,
    seed: int = 0,
    min_bytes: int = 1000,
    max_bytes: int = 3000,
    pdf_share: float = 0.10,
    mojibake_share: float = 0.03,
) -> list[SynthDoc]:
    """Documents of ``min_bytes``..``max_bytes`` until ``total_bytes`` UTF-8 bytes in all.

    The kinds are assigned by exact shares over a shuffled order, so a 5 MB set holds 10%
    PDF-damaged and 3% mojibake documents whatever the seed.
    """
    gen = ChineseTextGenerator(seed)
    sizes: list[int] = []
    size_sum = 0
    while size_sum < total_bytes:
        sizes.append(gen.rng.randint(min_bytes, max_bytes))
        size_sum += sizes[-1]
    n = len(sizes)
    n_pdf, n_moji = round(n * pdf_share), round(n * mojibake_share)
    kinds = ["pdf"] * n_pdf + ["mojibake"] * n_moji + ["clean"] * (n - n_pdf - n_moji)
    gen.rng.shuffle(kinds)
    return [gen.document(size, kind) for size, kind in zip(sizes, kinds, strict=True)]


def utf8_bytes(texts: list[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)
