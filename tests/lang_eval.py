"""A deterministic, generated, labelled set for evaluating language and script identification.

Every sentence template and word list below was written for this file (no outside text).
Documents are assembled from templates filled with vocabulary; the same seed always gives the
same set. Classes (the expected language, and for Chinese the expected script):

- ``zh-Hans``: Simplified Chinese prose on everyday, economic, technical and cultural topics;
- ``zh-Hant``: Traditional Chinese: the Simplified documents converted with OpenCC ``s2t``
  (Traditional characters, mainland vocabulary: 軟件, 網絡, 信息), with ``s2twp`` (Taiwan
  vocabulary and phrasing) and ``s2hk``, plus templates written in Traditional directly;
- ``zh-tech``: Simplified Chinese technical text full of shell commands, options, paths and
  English identifiers (still Chinese, still Simplified);
- ``ja`` (kanji with kana, including kanji-heavy news style and katakana-heavy text),
  ``ko``, ``en``;
- ``fr``, ``de``, ``es``, ``ru``, ``ar``, ``vi``: fewer documents, simpler templates.

Each class has long documents (50 characters or more, several sentences) and short texts
(under 50 characters: one short sentence or phrase); accuracy is reported separately for the
two, because short texts carry far less evidence. Generated text is more regular than real
text, so figures measured here are optimistic for real corpora.

    from tests.lang_eval import make_lang_eval_set
    samples = make_lang_eval_set()   # list of LangSample(text, lang, script, cls)
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import opencc

SHORT_MAX_CHARS = 50  # texts shorter than this are "short"


@dataclass(frozen=True)
class LangSample:
    """One labelled text: ``lang`` ISO 639-1, ``script`` "Hans"/"Hant" for Chinese else None."""

    text: str
    lang: str
    script: str | None
    cls: str  # evaluation class, e.g. "zh-Hant" or "en"

    @property
    def short(self) -> bool:
        return len(self.text) < SHORT_MAX_CHARS


def _w(text: str) -> list[str]:
    return text.split()


Pools = Mapping[str, Sequence[str]]


def _fill(rng: random.Random, template: str, pools: Pools) -> str:
    """Replace each ``{slot}`` by a random word of that pool."""
    out = template
    while "{" in out:
        start = out.index("{")
        end = out.index("}", start)
        slot = out[start + 1 : end]
        out = out[:start] + rng.choice(pools[slot]) + out[end + 1 :]
    return out


# -- Simplified Chinese ---------------------------------------------------------------------

ZH_POOLS: dict[str, list[str]] = {
    "city": _w("北京 上海 广州 深圳 成都 杭州 武汉 西安 南京 重庆 天津 苏州 长沙 郑州 青岛 昆明"),
    "org": _w(
        "市政府 教育局 人民医院 图书馆 科技公司 合作社 博物馆 交通局 环保组织 社区服务中心 "
        "研究所 银行 电视台 出版社 体育馆 农业大学"
    ),
    "person": _w("王老师 李医生 张经理 刘阿姨 陈教授 小明 老赵 杨女士 周师傅 孙记者 吴同学"),
    "thing": _w(
        "新能源汽车 垃圾分类 网络安全 乡村旅游 健康饮食 公共交通 数字经济 人工智能 传统手工艺 "
        "城市绿化 老年护理 在线教育 食品安全 文化遗产 快递服务 节能建筑"
    ),
    "verb": _w("推广 讨论 调查 改进 支持 关注 介绍 研究 解决 发展 评估 组织 宣传 完善"),
    "time": _w("今年 去年 最近 上个月 周末 今天上午 明年 这几年 春节期间 暑假里"),
    "adj": _w("明显 持续 积极 迅速 稳定 普遍 重要 复杂 新鲜 热闹"),
    "food": _w("饺子 米饭 面条 火锅 包子 豆浆 馄饨 烤鸭 月饼 粽子"),
    "place": _w("公园 车站 学校 商场 菜市场 医院 小区 工厂 农村 海边"),
}
ZH_TEMPLATES = [
    "{time}，{city}{org}开始{verb}{thing}，受到了市民的{adj}欢迎。",
    "{person}说，{thing}的问题需要大家一起想办法解决。",
    "据{org}介绍，{city}的{thing}工作{time}取得了{adj}进展。",
    "很多年轻人认为，{thing}会改变我们的生活方式。",
    "{time}我们一家人去{place}散步，还吃了{food}。",
    "为了{verb}{thing}，{org}专门组织了一次座谈会。",
    "{person}每天早上都会去{place}买{food}，这已经成了习惯。",
    "专家指出，{thing}的发展离不开政策支持和社会参与。",
    "这个问题看起来简单，其实比我们想象的要{adj}得多。",
    "{city}的{place}附近新开了一家店，专门卖{food}。",
    "如果没有足够的资金，{thing}很难持续下去。",
    "孩子们对{thing}特别感兴趣，经常向{person}提问。",
    "{org}的工作人员表示，他们会继续{verb}相关服务。",
    "虽然天气不太好，但是来{place}参观的人还是很多。",
    "记者在{city}走访时发现，{thing}已经走进了普通家庭。",
    "我觉得这件事情应该先{verb}清楚，再决定怎么办。",
    "{time}的数据显示，{city}{thing}的规模增长了百分之{num}。",
    "他们希望通过{thing}，让更多人了解这座城市的历史。",
]
ZH_SHORT = [
    "今天天气很好。", "我们明天见。", "这个问题很重要。", "你吃饭了吗？", "请稍等一下。",
    "谢谢你的帮助！", "会议推迟到下午三点。", "这家店的面条很好吃。", "他已经回家了。",
    "我想买一张火车票。", "欢迎来到北京。", "数据已经更新。", "请把门关上。", "她在图书馆看书。",
    "周末一起去爬山吧。", "这个软件怎么下载？", "电脑又死机了。", "价格比去年便宜。",
    "孩子们都很开心。", "我们需要更多时间。", "新的规定下个月实施。", "路上注意安全。",
    "这是我的朋友小王。", "说明书在盒子里。", "请在这里签字。", "医院就在前面。",
]  # fmt: skip

# -- Traditional Chinese written directly (Taiwan and Hong Kong usage) -----------------------

ZH_HANT_POOLS: dict[str, list[str]] = {
    "city": _w("臺北 高雄 臺中 臺南 新竹 花蓮 香港 九龍 澳門 基隆"),
    "thing": _w(
        "捷運 資訊安全 軟體開發 網路購物 長照服務 夜市文化 再生能源 垃圾分類 數位學習 公共自行車"
    ),
    "verb": _w("推動 討論 調查 改善 支持 關注 介紹 研究 處理 規劃"),
    "person": _w("陳老師 林醫師 黃經理 張阿姨 李教授 王同學 吳先生 蔡小姐"),
    "time": _w("今年 去年 最近 上個月 週末 明年 這幾年 過年期間"),
}
ZH_HANT_TEMPLATES = [
    "{time}，{city}市政府開始{verb}{thing}，許多民眾都表示支持。",
    "{person}說，{thing}的問題需要大家一起想辦法。",
    "這個專案的品質非常好，值得其他單位參考。",
    "我們在{city}的夜市吃了很多小吃，還買了紀念品。",
    "根據調查，{thing}在年輕族群中越來越受歡迎。",
    "{person}認為，政府應該投入更多資源在{thing}上。",
    "請各位同學記得準時繳交報告，逾期將不予受理。",
    "這支手機的電池續航力很強，螢幕也相當清楚。",
    "颱風來襲期間，請民眾盡量避免前往山區和海邊。",
    "{time}的統計顯示，{city}的觀光人數明顯增加。",
]
ZH_HANT_SHORT = [
    "謝謝您的協助。", "我們下週見。", "這個軟體很好用。", "請稍候片刻。", "捷運站就在前面。",
    "網路連線不穩定。", "資料已經更新了。", "今天天氣真好。", "這家餐廳很有名。",
    "請問洗手間在哪裡？", "颱風假取消了。", "報告明天要交。", "這是我們的新產品。", "歡迎光臨！",
    "電腦又當機了。",
]  # fmt: skip

# -- Chinese technical text with shell commands ------------------------------------------------

TECH_POOLS: dict[str, list[str]] = {
    "cmd": [
        "pip install -r requirements.txt", "docker compose up -d --build",
        "kubectl get pods -n kube-system -o wide", "git rebase -i HEAD~3",
        "git push --force-with-lease origin main", "ls -la /var/log/nginx",
        "grep -rn 'ERROR' ./logs --include=*.log", "sudo systemctl restart postgresql",
        "curl -sSL -X POST http://localhost:8080/api/v1/jobs -H 'Content-Type: application/json'",
        "ssh -i ~/.ssh/id_ed25519 deploy@10.0.0.12", "tar -xzvf backup-2024.tar.gz -C /opt/data",
        "python -m pytest -q --maxfail=1 -k 'not slow'", "npm run build -- --mode production",
        "apt-get update && apt-get install -y build-essential", "chmod 600 ~/.ssh/config",
        "export CUDA_VISIBLE_DEVICES=0,1", "make -j8 && make install PREFIX=/usr/local",
        "rsync -avz --delete src/ backup:/srv/src/", "find . -name '*.pyc' -delete",
        "df -h /dev/sda1", "journalctl -u kubelet --since '10 min ago'",
    ],
    "opt": _w("--verbose --dry-run --no-cache --timeout=30 -v -f --force --help --config"),
    "file": _w(
        "config.yaml settings.py Dockerfile .env nginx.conf pyproject.toml main.go app.log "
        "values.yaml Makefile"
    ),
    "thing": _w("容器 依赖 服务 数据库 日志 镜像 集群 配置文件 环境变量 测试用例 缓存 证书"),
    "result": _w("报错 超时 卡住 退出 成功 失败 内存不足 权限不足 端口被占用"),
}  # fmt: skip
TECH_TEMPLATES = [
    "先执行 `{cmd}`，然后检查{thing}是否正常启动。",
    "如果运行 `{cmd}` 时{result}，可以加上 {opt} 参数重试。",
    "在 {file} 中修改{thing}的设置，保存后再运行 `{cmd}`。",
    "我们建议用 `{cmd}` 代替手动操作，这样{thing}更容易维护。",
    "注意：{opt} 选项会覆盖 {file} 里的默认值。",
    "升级之后{thing}经常{result}，原因是 {file} 里少了一行配置。",
    "部署脚本最后一步是 `{cmd}`，大约需要两分钟。",
    "排查问题时，可以先看 {file}，再用 `{cmd}` 查看详细输出。",
]

# -- Japanese -----------------------------------------------------------------------------

JA_POOLS: dict[str, list[str]] = {
    "place": _w("東京 大阪 京都 福岡 札幌 名古屋 横浜 神戸 仙台 広島"),
    "person": _w("田中さん 佐藤先生 鈴木部長 山田さん 母 兄 友人 店長"),
    "thing": _w(
        "新しいシステム 地域の祭り 環境問題 オンライン授業 電気自動車 観光客の増加 防災訓練 "
        "スマートフォンのアプリ 健康診断 図書館の改装"
    ),
    "food": _w("ラーメン 寿司 天ぷら カレー おにぎり うどん 焼き鳥 抹茶のケーキ"),
    "time": _w("昨日 今朝 先週 来月 週末 去年 最近 毎朝"),
    "org": _w("市役所 大学 研究所 銀行 病院 警察 鉄道会社 県庁"),
}
JA_TEMPLATES = [
    "{time}、{person}と一緒に{place}へ行って、{food}を食べました。",
    "{org}によると、{thing}についての説明会が{time}開かれるそうです。",
    "{person}は{thing}にとても興味を持っているようです。",
    "この問題は思ったより複雑なので、もう少し時間がかかりそうです。",
    "{place}では{thing}が話題になっていて、ニュースでもよく取り上げられています。",
    "雨が降っていたので、{time}は家でゆっくり本を読んでいました。",
    "駅の近くに新しい店ができたので、今度{food}を食べに行くつもりです。",
    "{org}は{time}、{thing}に関する調査結果を発表した。",
    "政府は本日、{thing}の推進に向けた基本方針を閣議決定した。",
    "{place}市議会は{time}、新年度予算案を賛成多数で可決した。",
    "アプリをアップデートしたら、ログインできなくなってしまいました。",
    "すみませんが、この書類を明日までに確認していただけますか。",
]
JA_SHORT = [
    "ありがとうございます。", "おはようございます。", "すみません、駅はどこですか。",
    "明日は雨が降るそうです。", "また会いましょう。", "このケーキはおいしいです。",
    "少々お待ちください。", "会議は三時からです。", "東京都は本日、対策会議を開いた。",
    "電車が遅れています。", "よろしくお願いします。", "今日はとても暑いですね。",
    "パソコンが動かない。", "予約をキャンセルしたいです。", "新商品が発売された。",
]  # fmt: skip

# -- Korean -----------------------------------------------------------------------------------

KO_POOLS: dict[str, list[str]] = {
    "place": _w("서울 부산 대구 인천 광주 대전 제주도 수원 강릉 전주"),
    "person": [
        "김 선생님", "이 과장님", "박 교수님", "친구", "어머니", "동생", "사장님", "최 기자",
    ],
    "thing": [
        "새로운 정책", "환경 문제", "온라인 수업", "전기차", "관광객 증가", "공공 데이터",
        "건강 검진", "지역 축제", "인공지능 기술", "대중교통",
    ],
    "food": _w("김치찌개 비빔밥 불고기 떡볶이 냉면 삼겹살 김밥 칼국수"),
    "time": ["어제", "오늘 아침", "지난주", "다음 달", "주말에", "작년", "요즘"],
}
KO_TEMPLATES = [
    "{time} {person}와 함께 {place}에 가서 {food}를 먹었습니다.",
    "{person}는 {thing}에 대해 많은 관심을 가지고 있습니다.",
    "{place}시는 {time}부터 {thing}을 본격적으로 추진하기로 했습니다.",
    "이 문제는 생각보다 복잡해서 시간이 좀 더 걸릴 것 같아요.",
    "전문가들은 {thing}이 우리 생활을 크게 바꿀 것이라고 말합니다.",
    "비가 와서 {time}은 집에서 책을 읽으며 쉬었어요.",
    "역 근처에 새 가게가 생겨서 다음에 {food}를 먹으러 갈 생각입니다.",
    "정부는 {thing}과 관련한 조사 결과를 발표했다.",
    "앱을 업데이트한 뒤로 로그인이 되지 않아 불편합니다.",
    "죄송하지만 이 서류를 내일까지 확인해 주실 수 있을까요?",
]
KO_SHORT = [
    "감사합니다.", "안녕하세요.", "내일 비가 온대요.", "다음에 또 만나요.", "잠시만 기다려 주세요.",
    "회의는 세 시에 시작합니다.", "이 케이크 정말 맛있어요.", "지하철이 늦게 와요.",
    "잘 부탁드립니다.", "오늘 너무 덥네요.", "컴퓨터가 고장 났어요.", "예약을 취소하고 싶어요.",
    "새 제품이 나왔습니다.",
]  # fmt: skip

# -- English ----------------------------------------------------------------------------------

EN_POOLS: dict[str, list[str]] = {
    "place": _w("London Chicago Sydney Toronto Dublin Boston Denver Seattle Leeds Auckland"),
    "person": [
        "the mayor", "my neighbour", "our teacher", "the manager", "a local farmer",
        "the researchers", "a spokesperson",
    ],
    "thing": [
        "the new bus route", "renewable energy", "online classes", "the river clean-up",
        "electric cars", "the housing plan", "data privacy", "the summer festival",
        "public libraries", "remote work", "the school budget", "food prices",
    ],
    "time": ["yesterday", "today", "recently", "last week", "next month", "this year"],
    "verb": _w("discussed supported criticised reviewed announced delayed welcomed"),
}  # fmt: skip
EN_POOLS["Person"] = [p[0].upper() + p[1:] for p in EN_POOLS["person"]]
EN_TEMPLATES = [
    "{Person} said that {thing} would be reviewed again {time}.",
    "In {place}, {thing} has become a popular topic of conversation.",
    "The council {verb} {thing} after a long public meeting.",
    "Many people think {thing} will change the way we live and work.",
    "We walked along the river in {place} and stopped for coffee.",
    "According to {person}, the results were better than expected.",
    "{Person} {verb} {thing} {time}.",
    "If the weather stays dry, the work should be finished by the end of the month.",
    "Critics argue that {thing} costs too much and helps too few people.",
    "Please remember to bring a printed copy of your ticket.",
    "The report found that {thing} had improved in most districts.",
]
EN_SHORT = [
    "Thank you very much.", "See you tomorrow.", "Where is the station?",
    "The meeting starts at 3.", "This cake is delicious.", "Please wait a moment.",
    "The train is late again.", "Good morning!",
    "My laptop stopped working.", "I would like to cancel my booking.", "It is very hot today.",
    "The new product is out.", "Happy birthday, Anna!", "Turn left at the bank.",
]  # fmt: skip

# -- other alphabetic languages (fewer documents) --------------------------------------------

OTHER: dict[str, tuple[list[str], list[str]]] = {
    "fr": (
        [
            "Le conseil municipal a approuvé le nouveau budget pour les écoles de la ville.",
            "Nous sommes allés au marché samedi matin pour acheter des légumes frais.",
            "Selon les chercheurs, la qualité de l'air s'est nettement améliorée cette année.",
            "Le train pour Lyon a été retardé à cause d'un problème technique.",
            "Beaucoup de jeunes préfèrent désormais travailler depuis chez eux.",
            "La bibliothèque restera fermée pendant les travaux de rénovation.",
            "Il faut réserver sa place au moins une semaine à l'avance.",
            "Les agriculteurs attendent la pluie depuis le début du mois.",
        ],
        ["Merci beaucoup !", "À demain.", "Où est la gare ?", "Il fait très chaud.",
         "Bonne journée à vous.", "Le magasin est fermé."],
    ),
    "de": (
        [
            "Der Stadtrat hat gestern den neuen Haushalt für die Schulen beschlossen.",
            "Am Wochenende sind wir mit dem Fahrrad an den See gefahren.",
            "Nach Angaben der Forscher hat sich die Luftqualität deutlich verbessert.",
            "Der Zug nach München hatte wegen einer Störung eine Stunde Verspätung.",
            "Viele junge Leute arbeiten inzwischen lieber von zu Hause aus.",
            "Die Bibliothek bleibt während der Umbauarbeiten geschlossen.",
            "Man sollte die Karten mindestens eine Woche vorher reservieren.",
            "Die Bauern warten seit Anfang des Monats auf Regen.",
        ],
        ["Vielen Dank!", "Bis morgen.", "Wo ist der Bahnhof?", "Es ist sehr heiß heute.",
         "Guten Appetit!", "Das Geschäft ist geschlossen."],
    ),
    "es": (
        [
            "El ayuntamiento aprobó ayer el nuevo presupuesto para las escuelas.",
            "El fin de semana fuimos al mercado a comprar fruta y verduras frescas.",
            "Según los investigadores, la calidad del aire ha mejorado mucho este año.",
            "El tren a Sevilla salió con una hora de retraso por una avería.",
            "Muchos jóvenes prefieren ahora trabajar desde casa.",
            "La biblioteca permanecerá cerrada durante las obras de reforma.",
            "Es necesario reservar las entradas con una semana de antelación.",
            "Los agricultores esperan la lluvia desde principios de mes.",
        ],
        ["¡Muchas gracias!", "Hasta mañana.", "¿Dónde está la estación?", "Hace mucho calor.",
         "Buenos días a todos.", "La tienda está cerrada."],
    ),
    "ru": (
        [
            "Городской совет вчера утвердил новый бюджет для школ.",
            "В выходные мы ездили на озеро на велосипедах.",
            "По словам исследователей, качество воздуха заметно улучшилось.",
            "Поезд в Казань опоздал на час из-за технической неисправности.",
            "Многие молодые люди теперь предпочитают работать из дома.",
            "Библиотека будет закрыта на время ремонта.",
            "Билеты лучше бронировать как минимум за неделю.",
            "Фермеры ждут дождя с начала месяца.",
        ],
        ["Большое спасибо!", "До завтра.", "Где находится вокзал?", "Сегодня очень жарко.",
         "Доброе утро!", "Магазин закрыт."],
    ),
    "ar": (
        [
            "وافق مجلس المدينة أمس على الميزانية الجديدة للمدارس.",
            "ذهبنا في عطلة نهاية الأسبوع إلى السوق لشراء الخضار الطازجة.",
            "وفقا للباحثين، تحسنت جودة الهواء بشكل ملحوظ هذا العام.",
            "تأخر القطار المتجه إلى الإسكندرية ساعة بسبب عطل فني.",
            "يفضل كثير من الشباب الآن العمل من المنزل.",
            "ستبقى المكتبة مغلقة خلال أعمال الترميم.",
            "يجب حجز التذاكر قبل أسبوع على الأقل.",
            "ينتظر المزارعون المطر منذ بداية الشهر.",
        ],
        ["شكرا جزيلا!", "أراك غدا.", "أين محطة القطار؟", "الجو حار جدا اليوم.",
         "صباح الخير!", "المتجر مغلق."],
    ),
    "vi": (
        [
            "Hội đồng thành phố hôm qua đã thông qua ngân sách mới cho các trường học.",
            "Cuối tuần chúng tôi đi chợ để mua rau và trái cây tươi.",
            "Theo các nhà nghiên cứu, chất lượng không khí năm nay đã cải thiện rõ rệt.",
            "Chuyến tàu đi Huế bị trễ một tiếng vì sự cố kỹ thuật.",
            "Nhiều bạn trẻ bây giờ thích làm việc ở nhà hơn.",
            "Thư viện sẽ đóng cửa trong thời gian sửa chữa.",
            "Bạn nên đặt vé trước ít nhất một tuần.",
            "Nông dân đã chờ mưa từ đầu tháng.",
        ],
        ["Cảm ơn rất nhiều!", "Hẹn gặp lại ngày mai.", "Nhà ga ở đâu?", "Hôm nay trời rất nóng.",
         "Chào buổi sáng!", "Cửa hàng đã đóng cửa."],
    ),
}  # fmt: skip


# -- assembly -------------------------------------------------------------------------------


def _document(
    rng: random.Random,
    templates: Sequence[str],
    pools: Pools,
    sentences: tuple[int, int],
    joiner: str,
) -> str:
    """Sentences from random templates; some boundaries become line breaks."""
    parts = [_fill(rng, rng.choice(templates), pools) for _ in range(rng.randint(*sentences))]
    text = parts[0]
    for part in parts[1:]:
        text += ("\n" if rng.random() < 0.15 else joiner) + part
    return text


def _long(make: Callable[[], str]) -> str:
    """A document of at least SHORT_MAX_CHARS characters."""
    text = make()
    while len(text) < SHORT_MAX_CHARS:
        text += make()
    return text


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _numbers(rng: random.Random) -> dict[str, list[str]]:
    return {"num": [str(rng.randint(2, 60)) for _ in range(8)]}


def make_lang_eval_set(seed: int = 0, per_class: int = 300, short_per_class: int = 60) -> list[
    LangSample
]:
    """The labelled set: ``per_class`` long documents and ``short_per_class`` short texts for
    zh-Hans, zh-Hant, zh-tech, ja, ko and en; a fifth of that for fr, de, es, ru, ar, vi."""
    rng = random.Random(seed)
    samples: list[LangSample] = []
    zh_pools: dict[str, Sequence[str]] = {**ZH_POOLS, **_numbers(rng)}

    def add(cls: str, lang: str, script: str | None, texts: list[str]) -> None:
        samples.extend(LangSample(t, lang, script, cls) for t in texts)

    def zh_doc() -> str:
        return _document(rng, ZH_TEMPLATES, zh_pools, (2, 6), "")

    simplified = [_long(zh_doc) for _ in range(per_class)]
    add("zh-Hans", "zh", "Hans", simplified)
    add("zh-Hans", "zh", "Hans", [rng.choice(ZH_SHORT) for _ in range(short_per_class)])

    # Traditional: a third each s2t (mainland vocabulary), s2twp (Taiwan), written directly;
    # s2hk for a few. Converted from Simplified documents not used above.
    sources = [_long(zh_doc) for _ in range(per_class)]
    third = per_class // 3
    hant = [_converter("s2t.json").convert(t) for t in sources[:third]]
    hant += [_converter("s2twp.json").convert(t) for t in sources[third : 2 * third]]
    hant += [_converter("s2hk.json").convert(t) for t in sources[2 * third : 2 * third + 20]]
    while len(hant) < per_class:
        hant.append(_long(lambda: _document(rng, ZH_HANT_TEMPLATES, ZH_HANT_POOLS, (2, 5), "")))
    add("zh-Hant", "zh", "Hant", hant)
    short_sources = [rng.choice(ZH_SHORT) for _ in range(short_per_class // 2)]
    short_hant = [_converter("s2twp.json").convert(t) for t in short_sources]
    short_hant += [rng.choice(ZH_HANT_SHORT) for _ in range(short_per_class - len(short_hant))]
    add("zh-Hant", "zh", "Hant", short_hant)

    def tech_doc() -> str:
        return _document(rng, TECH_TEMPLATES, TECH_POOLS, (1, 4), "")

    add("zh-tech", "zh", "Hans", [_long(tech_doc) for _ in range(per_class)])
    short_tech = [t for t in (_fill(rng, rng.choice(TECH_TEMPLATES), TECH_POOLS)
                              for _ in range(20 * short_per_class)) if len(t) < SHORT_MAX_CHARS]
    add("zh-tech", "zh", "Hans", short_tech[:short_per_class])  # fmt: skip

    alphabets: list[tuple[str, list[str], Pools, list[str], str]] = [
        ("ja", JA_TEMPLATES, JA_POOLS, JA_SHORT, ""),
        ("ko", KO_TEMPLATES, KO_POOLS, KO_SHORT, " "),
        ("en", EN_TEMPLATES, EN_POOLS, EN_SHORT, " "),
    ]
    for lang, templates, pools, short, joiner in alphabets:

        def doc(t: list[str] = templates, p: Pools = pools, j: str = joiner) -> str:
            return _document(rng, t, p, (2, 5), j)

        add(lang, lang, None, [_long(doc) for _ in range(per_class)])
        add(lang, lang, None, [rng.choice(short) for _ in range(short_per_class)])

    for lang, (sentences, short) in OTHER.items():

        def other_doc(s: list[str] = sentences) -> str:
            return " ".join(rng.sample(s, rng.randint(2, 4)))

        add(lang, lang, None, [other_doc() for _ in range(per_class // 5)])
        add(lang, lang, None, [rng.choice(short) for _ in range(short_per_class // 5)])
    return samples
