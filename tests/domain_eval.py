"""A deterministic, generated, labelled Chinese set for evaluating the domain taggers.

Not real text: documents of ~200-600 characters are assembled from sentence templates and
vocabulary pools written for this file, one set per vertical, plus neutral filler sentences and
"distractor" sentences that mention another domain in passing (the document is not labelled
with it). Multi-label documents cover the hard cases a per-domain dataset meets: a listed
hospital group's annual report (finance + medical), energy policy documents (energy +
government), judgments on traffic accidents (legal + transport), and six other pairs.

The split is made to be harder than a random one: training documents draw only three quarters
of every vocabulary pool and four fifths of the templates; test documents draw from all of them,
so the test split holds words and sentence shapes the classifier never saw. Figures measured on
this set are figures on generated text, optimistic for real corpora.

    from tests.domain_eval import make_eval_set
    split = make_eval_set()          # split.train, split.test: lists of LabelledDoc
"""

from __future__ import annotations

import random
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


def _w(text: str) -> list[str]:
    return text.split()


@dataclass(frozen=True)
class LabelledDoc:
    text: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class EvalSplit:
    train: list[LabelledDoc]
    test: list[LabelledDoc]


# -- shared pools --------------------------------------------------------------------------------

SHARED: dict[str, list[str]] = {
    "place": _w(
        "江北市 云岭县 清河市 南湖区 东川市 白石县 临海市 望城区 西岭市 青溪县 北塘区 沙洲市 "
        "金川县 长汀市 鹤鸣区 柳江县"
    ),
    "person": _w("张某 李某某 王某 刘某 陈某某 杨某 赵某 黄某 周某某 吴某 孙某 徐某"),
    "month": _w("一月 二月 三月 四月 五月 六月 七月 八月 九月 十月 十一月 十二月"),
}

FILLERS = [
    "相关负责人表示，下一步将继续总结经验，及时回应各方关切。",
    "{month}以来，{place}天气总体平稳，各项安排按计划推进。",
    "这一做法得到了不少市民的认可，也有人提出了改进建议。",
    "据了解，此项安排自{year}年开始，目前已覆盖{n}个点位。",
    "现场工作人员逐项核对材料，并把发现的问题记录在册。",
    "多位受访者认为，细节上的改变比口号更能让人感到变化。",
    "有关情况将在官方网站上持续更新，欢迎大家提出意见。",
    "从{place}的情况看，不同区域之间的差距仍然比较明显。",
    "这些变化并非一夜之间发生，而是多年积累的结果。",
    "外界对此看法不一，有人乐观，也有人持谨慎态度。",
    "截至{month}底，相关数据已经连续{small}个月保持稳定。",
    "采访中，不少人提到了同一个词：耐心。",
]

# -- per-domain pools and templates ------------------------------------------------------------
# Each domain: named pools (used as {name}; a trailing digit reuses the pool, e.g. {topic2}),
# sentence templates, and distractor sentences that mention the domain only in passing.

DOMAIN_DATA: dict[str, dict[str, list[str]]] = {
    "medical": {
        "org": _w(
            "市第一人民医院 省肿瘤医院 县中医院 市妇幼保健院 市儿童医院 大学附属医院 市口腔医院 "
            "区康复医院 市传染病医院 市第三人民医院"
        ),
        "role": _w("主任医师 护士长 科室主任 主治医生 副院长 临床药师 急诊科医生 护理部主任"),
        "topic": _w(
            "慢性阻塞性肺疾病 高血压 糖尿病足 儿童哮喘 乳腺癌 术后感染 急性胸痛 脑卒中 "
            "流行性感冒 骨质疏松 耐药菌感染 过敏性鼻炎 新生儿黄疸 静脉血栓 慢性肾病 冠心病 "
            "甲状腺结节 带状疱疹 胃溃疡 阿尔茨海默病"
        ),
        "symptom": _w("持续胸闷 反复咳嗽 高热不退 腹部剧痛 头晕乏力 视物模糊 关节肿痛 呼吸困难"),
        "drug": _w("抗肿瘤靶向药 罕见病用药 胰岛素类药品 长效降压药 抗病毒口服药 儿童退热药"),
        "crowd": _w("中老年人 有家族病史的人群 长期吸烟者 孕产妇 久坐的上班族 慢性病患者"),
        "templates": [
            "{org}{role}表示，近期门诊接诊的{topic}患者明显增多，出现{symptom}应尽早就医。",
            "据{org}统计，{year}年全院完成手术{n}台，平均住院日缩短至{small}天。",
            "针对{topic}，{org}组建了多学科诊疗团队，患者在一个诊室即可完成检查和会诊。",
            "一名{age}岁的患者因{symptom}入院，经检查确诊为{topic2}，医生为其制定了治疗方案。",
            "{org}开设{topic}专病门诊，每周二、周四由{role}坐诊，可在线预约挂号。",
            "临床观察显示，规范用药和定期复查能使{topic}患者的再入院率下降{pct}。",
            "{org}护理团队推行责任制整体护理，护士每天多次巡视病房并记录生命体征。",
            "医保部门将{drug}纳入报销范围，参保患者的自付费用预计减少{pct}。",
            "医生提醒，{topic}早期症状不明显，{crowd}最好每年做一次体检。",
            "{org}与上级医院组建医联体，基层首诊、双向转诊的就医秩序逐步形成。",
            "急诊科夜间接诊量占全天的{pct}，{org}为此增加了值班医生和抢救床位。",
        ],
        "distractor": [
            "当天，附近医院的两名医生也来到现场旁听。",
            "有工作人员身体不适，被送往社区诊所检查后已无大碍。",
        ],
    },
    "legal": {
        "court": _w(
            "江北市中级人民法院 云岭县人民法院 清河市中级人民法院 南湖区人民法院 东川市人民法院 "
            "白石县人民法院 临海市中级人民法院 望城区人民法院"
        ),
        "cause": _w(
            "民间借贷纠纷 房屋买卖合同纠纷 劳动争议 离婚纠纷 商标权侵权纠纷 物业服务合同纠纷 "
            "股权转让纠纷 建设工程施工合同纠纷 名誉权纠纷 继承纠纷 租赁合同纠纷 网络购物合同纠纷"
        ),
        "crime": _w("盗窃罪 诈骗罪 故意伤害罪 寻衅滋事罪 帮助信息网络犯罪活动罪 非法经营罪"),
        "evidence": _w("借条 银行转账记录 聊天记录 监控录像 证人证言 鉴定意见 合同原件 收据"),
        "templates": [
            "原告{person}与被告{person2}{cause}一案，{court}立案后依法适用普通程序公开开庭审理。",
            "原告向本院提出诉讼请求：判令被告支付欠款{amt}及逾期利息，并承担本案诉讼费用。",
            "被告辩称，双方之间并无{cause}所指的合意，原告提交的{evidence}不能证明其主张。",
            "经审理查明，{year}年{month}，双方签订书面协议，约定由被告分期履行付款义务。",
            "本院认为，当事人对自己提出的主张有责任提供证据，原告提交的{evidence}可以采信。",
            "依照《中华人民共和国民法典》相关条款，判决如下：被告于本判决生效之日起十日内履行。",
            "被告人{person}以非法占有为目的，多次窃取他人财物，其行为已构成{crime}。",
            "公诉机关指控的事实清楚，证据确实充分，被告人当庭自愿认罪认罚，可以从轻处罚。",
            "如不服本判决，可在判决书送达之日起十五日内向本院递交上诉状，上诉于上一级法院。",
            "案件受理费{small}00元，由被告负担；本案经合议庭评议，审判委员会讨论决定。",
            "{court}发布典型案例，提醒当事人签订合同时注意保存{evidence}。",
        ],
        "distractor": [
            "有律师在讨论中提醒，签约时要保存好书面材料。",
            "一位旁听过庭审的居民说，这次经历让他更关注自身权益。",
        ],
    },
    "finance": {
        "firm": _w(
            "某城市商业银行 云峰证券 汇通基金 安泰保险 瑞丰控股 鼎信信托 嘉禾银行 恒远资本 "
            "华盛期货 中和财险"
        ),
        "product": _w(
            "理财产品 公募基金 可转换债券 个人住房贷款 普惠小微贷款 指数基金 人寿保险 信用卡分期 "
            "大额存单 绿色债券 养老理财 科创板股票"
        ),
        "metric": _w("营业收入 净利润 不良贷款率 资本充足率 净息差 每股收益 经营现金流 总资产"),
        "templates": [
            "{firm}发布{year}年年报，全年实现{metric}{amt}，同比增长{pct}。",
            "受市场利率下行影响，{firm}的{product}收益率降至{pct}，投资者申购热情有所回落。",
            "央行宣布下调存款准备金率0.25个百分点，释放长期资金约{n}亿元。",
            "当日沪深两市成交额突破万亿元，银行、券商板块领涨，{firm}股价上涨{pct}。",
            "截至{month}末，{firm}{product}余额达到{amt}，较年初增加{pct}。",
            "分析师认为，{firm}的{metric}表现好于预期，维持对其股票的买入评级。",
            "监管部门提醒投资者，购买{product}前应充分了解风险等级，理性投资。",
            "{firm}拟发行总额{amt}的金融债券，募集资金将用于补充资本和支持实体经济。",
            "人民币对美元汇率中间价报7.1附近，外汇市场整体保持平稳。",
            "{firm}董事会审议通过利润分配方案，拟每10股派发现金红利{small}元。",
            "保险业{month}保费收入同比增长{pct}，其中健康险和养老险增长较快。",
        ],
        "distractor": [
            "当天，一家银行网点的工作人员也到现场做了讲解。",
            "有居民开玩笑说，这比看股票行情还让人紧张。",
        ],
    },
    "education": {
        "school": _w(
            "江北市实验小学 云岭县第一中学 清河师范大学 南湖职业技术学院 东川外国语学校 "
            "白石县中心幼儿园 临海大学 望城区第二初级中学 西岭理工大学 青溪县职业高中"
        ),
        "subject": _w("语文 数学 英语 物理 化学 历史 地理 生物 美术 音乐 信息技术 体育"),
        "group": _w("一年级新生 初三学生 高三考生 研究生 职校学生 留守儿童 师范生 本科新生"),
        "templates": [
            "{school}今年秋季招生{n}人，新学期开学后将新增{small}个教学班。",
            "{school}的{subject}教研组每周集体备课，青年教师与骨干教师结对听课评课。",
            "为落实课后服务要求，{school}开设了{subject}兴趣课和作业辅导，家长可自愿报名。",
            "教育局通报，全市{group}的体质健康测试合格率达到{pct}，较上一学年提高。",
            "{school}推行小班化教学，班主任每月与家长沟通一次学生的学习和心理状况。",
            "今年高考报名人数{n}人，考点将在考前一天开放，考生可以提前熟悉考场。",
            "{school}与企业共建实训基地，{group}在校期间即可参加岗位实习。",
            "新版课程标准强调跨学科学习，{subject}课将加入更多动手实践内容。",
            "{school}为家庭经济困难的{group}发放助学金，资助覆盖率达到{pct}。",
            "期末考试结束后，{school}组织教师对试卷逐题分析，查找教学中的薄弱环节。",
            "{school}图书馆延长开放时间，晚自习期间学生可以借阅教辅和课外读物。",
        ],
        "distractor": [
            "活动当天，附近一所小学的学生也来到现场参观。",
            "有位老师在发言中提到了自己的感受。",
        ],
    },
    "science": {
        "lab": _w(
            "中国科学院某研究所 省重点实验室 西岭大学物理系 国家天文台 海洋研究所 "
            "材料科学研究院 生命科学研究中心 地球物理研究所 量子信息实验室 古生物研究所"
        ),
        "field": _w(
            "凝聚态物理 结构生物学 射电天文 有机合成 古气候 粒子物理 神经科学 纳米材料 "
            "微生物组 地球化学 拓扑量子材料 深海生态"
        ),
        "object": _w(
            "一种新型催化剂 一颗系外行星 一类耐高温合金 一种蛋白质复合物 一块恐龙化石 "
            "一种二维材料 一组基因调控元件 一个脉冲星 一种古菌 一种高温超导体"
        ),
        "templates": [
            "{lab}的研究团队在{field}领域取得进展，相关论文发表在国际学术期刊上。",
            "研究人员利用同步辐射光源解析了{object}的结构，揭示了其作用机制。",
            "科研团队通过{n}次重复实验，测得该参数的误差小于{pct}，结果与理论预测吻合。",
            "{lab}首次观测到{object}，这一发现为{field}研究提供了新的证据。",
            "该项目获得国家自然科学基金支持，课题组计划在{small}年内完成样品采集和数据分析。",
            "研究者构建了数学模型，模拟了{field}过程在不同温度和压力下的变化。",
            "论文通讯作者表示，实验数据已公开，欢迎同行重复验证。",
            "{lab}与国外同行合作，利用射电望远镜对{object}进行了为期{small}个月的跟踪观测。",
            "这项基础研究目前仍处于实验室阶段，距离实际应用还有很长的路要走。",
            "{lab}召开学术研讨会，{n}名学者围绕{field}的前沿问题进行交流。",
            "新建成的大科学装置将向全国科研人员开放，年均可提供机时{n}小时。",
        ],
        "distractor": [
            "有研究人员指出，这一现象值得进一步观察。",
            "一位大学教授在座谈时也谈到了自己的看法。",
        ],
    },
    "industry": {
        "maker": _w(
            "某汽车制造厂 华锐重工 精诚机械 东川钢铁集团 恒昌化工 明光电子制造 新宇纺织 "
            "金象家电 永固水泥 瑞达精密"
        ),
        "product": _w(
            "新能源乘用车 液压挖掘机 冷轧钢板 工业机器人 数控机床 锂电池正极材料 空调压缩机 "
            "汽车零部件 光伏组件 高端轴承 特种玻璃 纺织面料"
        ),
        "templates": [
            "{maker}新建的{product}生产线正式投产，设计年产能{n}万台（件）。",
            "今年前{small}个月，全市规模以上工业增加值同比增长{pct}，制造业投资持续回升。",
            "{maker}对老旧车间进行智能化改造，产品良品率提高到{pct}。",
            "受原材料价格上涨影响，{maker}的{product}单位生产成本增加约{pct}。",
            "{maker}的{product}订单已排到{month}，工人实行两班倒，确保按期交付。",
            "工厂引入机器视觉质检系统，焊接和装配工序的检测效率提升了{small}倍。",
            "{maker}与上游零部件供应商签订长期协议，稳定供应链。",
            "本月制造业采购经理指数为50.{small}，连续三个月位于扩张区间。",
            "{maker}投资{amt}建设数字化工厂，预计{year2}年全面达产。",
            "车间主任介绍，新设备上线后，{product}的换型时间从两小时缩短到二十分钟。",
            "{maker}出口的{product}占其总产量的{pct}，主要销往东南亚和中东市场。",
        ],
        "distractor": [
            "不远处就是一座工厂，烟囱在雾里若隐若现。",
            "有位在车间上班的居民也报名参加了活动。",
        ],
    },
    "energy": {
        "plant": _w(
            "某火电厂 东川风电场 白石光伏电站 临海核电站 青溪抽水蓄能电站 西岭水电站 "
            "北塘燃气电厂 沙洲储能电站 金川特高压换流站"
        ),
        "source": _w("风电 光伏发电 水电 核电 天然气发电 生物质发电 海上风电 地热能 氢能"),
        "fuel": _w("电煤 液化天然气 原油 动力煤 管道天然气 成品油"),
        "templates": [
            "{plant}{year}年累计发电量{n}亿千瓦时，同比增长{pct}。",
            "全市{source}装机容量达到{n}万千瓦，占电力总装机的{pct}。",
            "迎峰度夏期间，电网最高用电负荷创历史新高，电力部门启动有序用电预案。",
            "{plant}新增两台机组并网运行，每年可减少二氧化碳排放约{n}万吨。",
            "{month}份{fuel}价格环比下跌{pct}，发电企业燃料成本压力有所缓解。",
            "供电公司完成{n}公里输电线路巡检，排查隐患{small}处，确保供电稳定。",
            "新型储能电站可在用电高峰时放电，缓解电网调峰压力。",
            "今冬集中供热将于{month}中旬启动，热电联产机组已完成检修。",
            "{source}项目上网电价执行燃煤基准价，超出部分通过市场化交易形成。",
            "煤矿企业在确保安全的前提下释放先进产能，原煤日产量保持在{n}万吨以上。",
            "城市燃气公司加大{fuel}储备，储气设施可满足{small}天的应急需求。",
        ],
        "distractor": [
            "当晚附近一度停电，半小时后恢复了正常。",
            "有人注意到，会场屋顶新装了几块太阳能板。",
        ],
    },
    "transport": {
        "operator": _w(
            "江北地铁集团 云岭公交公司 清河机场 南湖港务集团 东川铁路客运段 某物流公司 "
            "白石长途汽车站 临海航空公司 顺达快递 望城高速公路管理处"
        ),
        "line": _w(
            "地铁三号线 城际铁路 绕城高速 环线公交 国际航线 集装箱航线 中欧班列 跨江大桥 "
            "机场快线 城市快速路"
        ),
        "templates": [
            "{operator}数据显示，节假日期间日均客流达到{n}万人次，同比增长{pct}。",
            "{line}全线贯通后，{place}到市中心的通勤时间将缩短到{small}0分钟以内。",
            "{operator}调整运营时刻表，高峰时段发车间隔缩短至{small}分钟。",
            "受大雾天气影响，{operator}部分航班延误，旅客可通过手机查询最新动态。",
            "港口上半年完成集装箱吞吐量{n}万标箱，货物吞吐量同比增长{pct}。",
            "交警部门在重点路段增设测速设备，超速、酒驾等违法行为明显减少。",
            "{operator}新开通{line}，首批{n}名乘客体验了全程运行。",
            "快递业务量持续攀升，{operator}在{place}新建分拣中心，日处理包裹{n}万件。",
            "为缓解交通拥堵，{place}优化了{small}个路口的信号灯配时。",
            "{line}沿线新设{small}个站点，与公交线路实现零距离换乘。",
            "货车司机反映，高速公路通行费下调后，每趟运输成本减少了{pct}。",
        ],
        "distractor": [
            "不少人是坐地铁赶来的，出站口排起了长队。",
            "活动结束时正值晚高峰，附近道路一度有些拥堵。",
        ],
    },
    "agriculture": {
        "farm": _w(
            "某农民专业合作社 云岭县现代农业园 清河家庭农场 南湖水产养殖基地 东川生猪养殖场 "
            "白石县茶园 临海果蔬基地 青溪县粮食种植大户 西岭林场 金川奶牛场"
        ),
        "crop": _w("水稻 冬小麦 玉米 大豆 油菜 马铃薯 柑橘 茶叶 设施蔬菜 棉花 猕猴桃 花生"),
        "templates": [
            "{farm}今年种植{crop}{n}亩，预计亩产比去年提高{pct}。",
            "农技人员深入田间地头，指导农户做好{crop}病虫害防治和科学施肥。",
            "眼下正值{crop}收获季节，{farm}调集{n}台收割机抢收。",
            "{place}新建高标准农田{n}万亩，灌溉条件明显改善。",
            "{farm}生猪存栏{n}头，能繁母猪数量保持稳定，饲料成本下降{pct}。",
            "受持续干旱影响，部分地块墒情偏差，农业部门组织抗旱保苗。",
            "{farm}引进{crop}新品种，通过土地流转实现规模化种植，带动农民增收。",
            "今年{crop}收购价每斤上涨{small}角，种植户的积极性明显提高。",
            "{farm}推广稻渔综合种养，一水两用，每亩增加收入{n}元。",
            "春耕备耕期间，{place}储备化肥{n}吨、种子{small}万公斤，农资供应充足。",
            "{farm}负责人说，村里的年轻人回来搞养殖，乡村振兴有了带头人。",
        ],
        "distractor": [
            "路边的农田里，几位村民正在弯腰劳作。",
            "有位来自农村的代表带来了自家种的水果。",
        ],
    },
    "government": {
        "office": _w(
            "市人民政府办公室 县人民政府 区政务服务中心 市发展和改革委员会 市财政局 "
            "市民政局 市人力资源和社会保障局 市场监督管理局 省政府新闻办公室 街道办事处"
        ),
        "policy": _w(
            "优化营商环境若干措施 政务服务事项清单 基层治理三年行动计划 就业帮扶实施方案 "
            "城市更新工作方案 财政资金管理办法 社会救助实施细则 数字政府建设规划"
        ),
        "templates": [
            "{office}印发《{policy}》，要求各部门结合实际认真贯彻落实。",
            "{place}召开政府常务会议，研究部署下半年重点工作，会议由市长主持。",
            "据{office}通报，全年一般公共预算收入{amt}，民生支出占比达到{pct}。",
            "通知明确，{small}项审批事项实行告知承诺制，办理时限压缩一半以上。",
            "{office}开展专项督查，对落实不力的单位予以通报并限期整改。",
            "各级政府要压实属地责任，把政策落实情况纳入年度绩效考核。",
            "{place}推行一网通办，{pct}的政务服务事项实现网上办理。",
            "城乡低保标准提高到每人每月{n}元，惠及困难群众{n2}人。",
            "人大代表围绕{policy}提出建议，{office}逐条办理并在规定期限内答复。",
            "文件自{year}年{month}起施行，由{office}负责解释。",
            "{office}公开征求意见，社会公众可在{small}0日内通过信函或邮件反馈。",
        ],
        "distractor": [
            "有关部门也派人到场，听取了大家的意见。",
            "一位街道干部在现场维持秩序。",
        ],
    },
    "technology": {
        "company": _w(
            "某互联网公司 云栈科技 清河软件 南湖数据 东川智算 白石网络安全公司 临海通信 "
            "青溪云计算 西岭芯片设计公司 星图人工智能实验室"
        ),
        "product": _w(
            "大语言模型 云数据库 操作系统 开源框架 网络安全平台 智能客服系统 边缘计算网关 "
            "代码助手 视频会议软件 分布式存储系统 搜索引擎 推荐算法"
        ),
        "templates": [
            "{company}发布新一代{product}，参数规模和推理速度较上一版本明显提升。",
            "{company}宣布将{product}开源，开发者可在代码托管平台下载源代码。",
            "{company}数据中心新增服务器{n}台，算力规模达到{n2}PFlops。",
            "安全团队发现{product}存在高危漏洞，已推送补丁，建议用户尽快升级。",
            "{company}的{product}日活跃用户突破{n}万，月均调用量增长{pct}。",
            "工程师介绍，新版本重写了底层架构，接口响应时间缩短到{small}毫秒。",
            "5G基站建设持续推进，{place}已实现城区和重点乡镇网络全覆盖。",
            "{company}利用深度学习训练模型，图像识别准确率达到{pct}。",
            "个人信息保护新规要求应用程序不得过度收集用户数据。",
            "{company}与高校共建人工智能联合实验室，重点攻关{product}的关键算法。",
            "云计算市场竞争加剧，{company}下调{product}的订阅价格{pct}。",
        ],
        "distractor": [
            "不少人拿出手机拍照，照片很快在社交平台上传开。",
            "有人通过一款手机应用预约了参观时间。",
        ],
    },
}

# Pair documents: bridge templates that are about both domains at once.
PAIRS: dict[tuple[str, str], dict[str, list[str]]] = {
    ("finance", "medical"): {
        "medco": _w("康华医疗集团 瑞宁医药股份 华康医院管理公司 明德眼科集团 仁和口腔连锁"),
        "bridge": [
            "{medco}发布{year}年年度报告，全年营业收入{amt}，归属于上市公司股东的净利润增长{pct}。",
            "报告期内，{medco}旗下{small}家专科医院门诊量和手术量上升，眼科和口腔业务贡献主要收入。",
            "受药品集中带量采购影响，{medco}药品板块毛利率下降，股价当日收跌{pct}。",
            "多家券商研报认为，民营医院的床位扩张和医保支付方式改革将影响{medco}的估值。",
            "{medco}拟定向增发募集资金{amt}，用于新建肿瘤医院和购置医学影像设备。",
        ],
    },
    ("energy", "government"): {
        "bridge": [
            "{place}人民政府办公室印发《关于加快新型储能发展的实施意见》，要求各部门贯彻落实。",
            "文件提出，到{year2}年全市新能源装机容量达到{n}万千瓦，非化石能源消费比重提高到{pct}。",
            "发展改革委、能源局会同财政部门设立专项资金，对分布式光伏和充电设施给予补贴。",
            "各级政府要把能源保供纳入年度考核，建立煤电油气运协调保障机制。",
            "通知要求电网企业简化新能源并网审批流程，办理时限压缩至{small}个工作日。",
        ],
    },
    ("legal", "transport"): {
        "road": _w("国道某路段 城市快速路 高速公路出口匝道 十字路口 隧道入口 学校门前道路"),
        "bridge": [
            "原告{person}诉被告{person2}及某保险公司机动车交通事故责任纠纷一案，本院公开开庭审理。",
            "经审理查明，被告驾驶重型货车在{road}行驶时未与前车保持安全距离，追尾原告的小型轿车。",
            "交警部门出具的道路交通事故认定书认定被告负事故全部责任，原告无责任。",
            "本院认为，机动车发生交通事故造成人身伤亡的，由保险公司在交强险责任限额内先行赔偿。",
            "被告人醉酒驾驶机动车在{road}逆行，其行为已构成危险驾驶罪，判处拘役{small}个月并处罚金。",
        ],
    },
    ("medical", "technology"): {
        "bridge": [
            "{place}互联网医院上线人工智能辅助诊断系统，医生上传影像后几秒钟即可得到初筛结果。",
            "该算法模型使用{n}例标注病例训练，对肺结节的识别准确率达到{pct}。",
            "患者通过手机应用完成复诊和处方续方，药品由物流配送到家。",
        ],
    },
    ("agriculture", "science"): {
        "bridge": [
            "农业科学研究团队利用基因编辑技术培育出抗病水稻新品系，田间试验亩产提高{pct}。",
            "研究人员连续{small}年在试验田观测土壤微生物群落，相关论文发表在学术期刊上。",
            "实验室筛选出一种耐盐碱大豆种质资源，已在{place}的盐碱地开展示范种植。",
        ],
    },
    ("education", "technology"): {
        "bridge": [
            "{place}教育局推进智慧校园建设，全市中小学课堂接入在线教学平台。",
            "学校引入人工智能作业批改系统，教师可以实时查看每名学生的答题数据。",
            "信息技术课新增编程和人工智能启蒙内容，学生用图形化软件完成小项目。",
        ],
    },
    ("industry", "energy"): {
        "bridge": [
            "东川钢铁集团实施节能改造，吨钢综合能耗下降{pct}，余热发电量增长{small}成。",
            "光伏组件制造商扩建生产线，新增产能{n}兆瓦，产品主要供应大型光伏电站。",
            "高耗能工厂错峰生产，电力部门按负荷曲线为制造企业安排用电计划。",
        ],
    },
    ("legal", "finance"): {
        "bridge": [
            "投资者诉某上市公司证券虚假陈述责任纠纷一案，法院判决公司赔偿投资损失{amt}。",
            "被告人以高额回报为诱饵非法吸收公众存款{amt}，法院以非法吸收公众存款罪判处其有期徒刑。",
            "金融借款合同纠纷中，银行请求判令借款人归还贷款本金并支付逾期利息，法院予以支持。",
        ],
    },
    ("agriculture", "government"): {
        "bridge": [
            "{place}人民政府印发耕地地力保护补贴实施方案，补贴资金直接发放到种粮农户。",
            "农业农村部门会同财政部门下达农机购置补贴资金{amt}，各县要在规定时限内落实。",
            "县政府召开乡村振兴工作会议，部署高标准农田建设和粮食生产目标任务。",
        ],
    },
}

TEST_HOLDOUT_POOL = 4  # pool items i with i % 4 == 3 appear only in test documents
TEST_HOLDOUT_TEMPLATE = 5  # templates i with i % 5 == 4 appear only in test documents


def _numbers(rng: random.Random, name: str) -> str | None:
    base = name.rstrip("0123456789")
    if base == "n":
        return str(
            rng.choice([rng.randint(12, 99), rng.randint(100, 999), rng.randint(1000, 9000)])
        )
    if base == "pct":
        return f"{rng.randint(1, 60)}.{rng.randint(0, 9)}%"
    if base == "amt":
        return f"{rng.randint(2, 900)}.{rng.randint(0, 9)}{rng.choice(['亿元', '万元'])}"
    if base == "small":
        return str(rng.randint(2, 9))
    if base == "age":
        return str(rng.randint(18, 88))
    if base == "year":
        return str(rng.randint(2018, 2025) + (5 if name == "year2" else 0))
    return None


class _Writer:
    def __init__(self, rng: random.Random, held_out: bool) -> None:
        self.rng = rng
        self.held_out = held_out  # True: may use every item; False: training subset only
        self._decks: dict[str, list[str]] = {}

    def _pool(self, items: Sequence[str], step: int) -> Sequence[str]:
        if self.held_out or len(items) < step:
            return items
        return [x for i, x in enumerate(items) if i % step != step - 1]

    def fill(self, template: str, pools: Mapping[str, list[str]]) -> str:
        values: dict[str, str] = {}
        for _, field, _, _ in string.Formatter().parse(template):
            if not field or field in values:
                continue
            number = _numbers(self.rng, field)
            if number is not None:
                values[field] = number
                continue
            base = field.rstrip("0123456789")
            items = pools.get(base) or SHARED[base]
            values[field] = self.rng.choice(list(self._pool(items, TEST_HOLDOUT_POOL)))
        return template.format(**values)

    def new_document(self) -> None:
        self._decks: dict[str, list[str]] = {}

    def sentence(self, domain: str) -> str:
        # Templates are dealt from a shuffled deck so that a document repeats one only after
        # using all the others.
        data = DOMAIN_DATA[domain]
        deck = self._decks.get(domain)
        if not deck:
            deck = list(self._pool(data["templates"], TEST_HOLDOUT_TEMPLATE))
            self.rng.shuffle(deck)
            self._decks[domain] = deck
        return self.fill(deck.pop(), data)

    def extras(self, domains: Sequence[str], sentences: list[str]) -> None:
        """Mix in neutral fillers and, in half the documents, passing mentions of another domain.

        Mentions go early in the document, so that they survive the cut to the target length;
        a fifth of the documents get two of them, of the same other domain.
        """
        for _ in range(self.rng.randint(1, 3)):
            sentences.insert(self.rng.randint(1, len(sentences)), self.fill_filler())
        if self.rng.random() < 0.5:
            other = self.rng.choice([d for d in DOMAIN_DATA if d not in domains])
            mentions = list(DOMAIN_DATA[other]["distractor"])
            self.rng.shuffle(mentions)
            for mention in mentions[: 2 if self.rng.random() < 0.4 else 1]:
                sentences.insert(self.rng.randint(1, min(4, len(sentences))), mention)

    def fill_filler(self) -> str:
        return self.fill(self.rng.choice(FILLERS), {})


def _assemble(sentences: list[str], target: int) -> str:
    text = ""
    for s in sentences:
        if len(text) >= target:
            break
        text += s
    return text


def _single_doc(w: _Writer, domain: str) -> LabelledDoc:
    w.new_document()
    target = w.rng.randint(200, 600)
    sentences: list[str] = []
    while sum(map(len, sentences)) < target + 100:
        sentences.append(w.sentence(domain))
    w.extras([domain], sentences)
    return LabelledDoc(_assemble(sentences, target), (domain,))


def _pair_doc(w: _Writer, pair: tuple[str, str]) -> LabelledDoc:
    w.new_document()
    target = w.rng.randint(250, 600)
    data = PAIRS[pair]
    bridges = list(data["bridge"])
    w.rng.shuffle(bridges)
    # One bridge opens the document; the rest are interleaved with sentences of both domains so
    # that each domain contributes content of its own.
    sentences = [w.fill(bridges[0], data)]
    rest = [w.fill(b, data) for b in bridges[1:3]]
    rest += [w.sentence(pair[0]), w.sentence(pair[1]), w.sentence(pair[0]), w.sentence(pair[1])]
    w.rng.shuffle(rest)
    sentences += rest
    while sum(map(len, sentences)) < target + 100:
        sentences.append(w.sentence(w.rng.choice(pair)))
    w.extras(pair, sentences)
    return LabelledDoc(_assemble(sentences, target), tuple(sorted(pair)))


def make_documents(
    *, seed: int = 0, per_domain: int = 100, per_pair: int = 40, held_out: bool = False
) -> list[LabelledDoc]:
    """``per_domain`` single-label documents per vertical and ``per_pair`` per pair."""
    rng = random.Random(seed)
    w = _Writer(rng, held_out)
    docs = [_single_doc(w, d) for d in DOMAIN_DATA for _ in range(per_domain)]
    docs += [_pair_doc(w, p) for p in PAIRS for _ in range(per_pair)]
    rng.shuffle(docs)
    return docs


def make_eval_set(
    *, seed: int = 0, per_domain: int = 100, per_pair: int = 40, test_share: float = 0.3
) -> EvalSplit:
    """Train and test documents; every vertical has >= ``per_domain`` documents in all.

    The test split is drawn with held-out vocabulary and templates (see the module docstring),
    from a different seed than the training split, in proportion ``test_share``.
    """
    n_test_domain = max(1, round(per_domain * test_share))
    n_test_pair = max(1, round(per_pair * test_share))
    train = make_documents(
        seed=seed,
        per_domain=per_domain - n_test_domain,
        per_pair=per_pair - n_test_pair,
        held_out=False,
    )
    test = make_documents(
        seed=seed + 1, per_domain=n_test_domain, per_pair=n_test_pair, held_out=True
    )
    return EvalSplit(train, test)
