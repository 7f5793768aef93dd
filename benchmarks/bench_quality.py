"""Throughput of hqdata's per-document quality stage vs ftfy and langdetect, on one core.

Run from the repository root (under a minute with the defaults on a shared 2-core box)::

    python benchmarks/bench_quality.py            # ~5 MB, best of 3
    python benchmarks/bench_quality.py --mb 20 --repeat 5

Input: about ``--mb`` MB (UTF-8) of generated Chinese documents of 1-3 KB each (see
``synth_zh.py``): 10% damaged like a naive PDF extraction (hard line breaks every ~25
characters with blank lines between, page numbers on their own lines, heading characters
written 4 times), 3% mojibake (``text.encode("utf-8").decode("latin-1")``), the rest clean.

Before/after in one run: ``--against DIR`` times the same passes, in a child process, with the
``quality`` package of another checkout (e.g. ``git worktree add /tmp/hqdata-old <commit>``)
and prints both with their ratio::

    python benchmarks/bench_quality.py --against /tmp/hqdata-old

Measured in one process, each timing the best of ``--repeat`` passes over all documents:

* ``clean_text`` on the raw documents;
* ``find_pii``, ``detect_language``, ``assess`` (computes every signal), ``tag_domains``
  (lexicon) and ``matching_key`` (the dedup key, not part of the quality stage) on the
  cleaned documents;
* the whole quality stage (clean + PII + language + assess + domains) on the raw documents,
  as :func:`pipelines.stages.process_shard` runs it (one step at a time over shards of 1000
  documents), and the same finishing one document before the next;
* baselines: ``ftfy.fix_text(text, fix_character_width=False)`` on every raw document (what
  running ftfy everywhere would cost) and seeded ``langdetect.detect`` on every cleaned
  document.

MB/s counts the UTF-8 bytes of each function's own input (mojibake documents are about twice
as long before repair). Ratios are hqdata MB/s over baseline MB/s (>1: hqdata is faster).
A second table compares language identification on a small labelled set: Simplified Chinese
paragraphs from the generator, the same paragraphs converted to Traditional with OpenCC s2t,
and English, Japanese and Korean sentences written for this benchmark (50 each);
``bench_language.py`` compares methods on the larger set of ``tests/lang_eval.py``.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# --root (used by --against) puts another checkout's quality package first.
sys.path.insert(
    0,
    sys.argv[sys.argv.index("--root") + 1]
    if "--root" in sys.argv
    else str(Path(__file__).resolve().parent.parent),
)

import ftfy
import opencc
from langdetect import DetectorFactory, LangDetectException
from langdetect import detect as langdetect_detect
from synth_zh import ChineseTextGenerator, make_documents, utf8_bytes

from quality import (
    CleanOptions,
    QualityConfig,
    assess,
    clean_text,
    detect_language,
    find_pii,
    matching_key,
    tag_domains,
)

DetectorFactory.seed = 0

# -- hand-written labelled sentences ----------------------------------------------------------

ENGLISH = [
    "The city council approved a new budget for road repairs on Tuesday evening.",
    "Researchers found that regular walking lowers blood pressure in older adults.",
    "Our team will move to the new office building at the end of next month.",
    "The library extends its opening hours during the examination period.",
    "Heavy rain is expected across the northern valleys through the weekend.",
    "She spent three years studying how bees find their way back to the hive.",
    "The company reported higher profits despite rising costs for raw materials.",
    "Please remember to bring a photo ID when you collect your parcel.",
    "A small bakery on the corner sells fresh bread every morning at seven.",
    "The museum is restoring a collection of maps drawn more than two centuries ago.",
    "Train services between the two cities will be reduced while the bridge is repaired.",
    "Farmers in the region planted more wheat this year because prices went up.",
    "The software update fixes a bug that caused the app to crash on startup.",
    "Children learn languages faster when they hear them spoken at home.",
    "The hospital opened a new wing for patients recovering from heart surgery.",
    "Local volunteers cleaned the riverbank and collected forty bags of rubbish.",
    "The court ruled that the contract was valid and dismissed the appeal.",
    "Electric buses now make up a third of the public transport fleet.",
    "He forgot his umbrella on the train and got soaked on the way home.",
    "The report recommends stricter checks on how personal data is stored.",
    "Tickets for the summer festival sold out within a few hours.",
    "Engineers tested the new turbine in strong winds off the coast.",
    "Most students said the online lectures were easier to follow than expected.",
    "The bank raised its interest rate for the second time this year.",
    "Our neighbours adopted a shy grey cat from the animal shelter.",
    "A new study questions whether coffee really helps people concentrate.",
    "The village school has only twelve pupils but three enthusiastic teachers.",
    "Prices for fresh vegetables fell sharply after a good harvest.",
    "The orchestra rehearsed the symphony every evening for two weeks.",
    "Drivers should expect delays on the motorway because of roadworks.",
    "The minister promised to publish the full results of the inquiry.",
    "Scientists measured the thickness of the ice sheet using radar from aircraft.",
    "Customers can now return items at any of our stores without a receipt.",
    "The old factory was turned into apartments and a small art gallery.",
    "Many families struggle to find affordable childcare near their homes.",
    "The committee will meet again in March to review the proposal.",
    "A sudden power cut left thousands of homes without heating overnight.",
    "The novel tells the story of two sisters who run a hotel by the sea.",
    "Exports of machinery grew steadily over the last three quarters.",
    "Doctors advise drinking plenty of water during the hot summer months.",
    "The airport added new routes to several cities in southern Europe.",
    "Our garden produced more tomatoes than we could possibly eat.",
    "The police are asking witnesses of the accident to come forward.",
    "Workers at the port voted to accept the new pay agreement.",
    "The professor explained the theory with a simple drawing on the board.",
    "Several species of birds have returned to the restored wetland.",
    "The new law requires landlords to fix heating problems within a week.",
    "He practises the piano for an hour every day before breakfast.",
    "The charity raised enough money to build two new wells in the district.",
    "Visitors are not allowed to take photographs inside the chapel.",
]

JAPANESE = [
    "今日は朝から雨が降っているので、傘を持って出かけました。",
    "駅の近くに新しいパン屋さんができて、毎朝行列ができています。",
    "来週の会議では、新しい計画について詳しく説明する予定です。",
    "この本はとても面白くて、一晩で読み終わってしまいました。",
    "週末は家族と一緒に海へ出かけて、バーベキューを楽しみました。",
    "彼女は毎日三十分ずつピアノの練習を続けています。",
    "図書館は試験期間中、夜十時まで開いているそうです。",
    "新しいソフトウェアを導入してから、作業の効率がかなり上がりました。",
    "子どもたちは公園でボールを蹴りながら元気に走り回っていました。",
    "明日の天気予報によると、午後から晴れるらしいです。",
    "このレストランのカレーは少し辛いですが、とてもおいしいです。",
    "電車が遅れたので、会社に着くのが十分ほど遅くなりました。",
    "夏休みには祖父母の家に行って、川で魚を釣るつもりです。",
    "市役所で住所変更の手続きをするには、身分証明書が必要です。",
    "先生は難しい問題を、図を使って分かりやすく説明してくれました。",
    "最近、自転車で通勤する人が増えているようです。",
    "この町には古いお寺がたくさんあって、観光客に人気があります。",
    "母が作ってくれたお弁当を持って、山登りに出かけました。",
    "会社の近くに安くておいしい定食屋さんを見つけました。",
    "新しい病院ができたおかげで、遠くまで通わなくてもよくなりました。",
    "彼は大学で環境問題について研究しているそうです。",
    "冬になると、この地方では雪がたくさん降ります。",
    "友達から借りた映画を見て、思わず泣いてしまいました。",
    "スマートフォンの電池がすぐになくなるので、新しいのを買おうと思います。",
    "駅前の広場では、毎週土曜日に市場が開かれています。",
    "このアプリを使えば、バスの到着時間を簡単に調べられます。",
    "昨日は久しぶりに友人と会って、遅くまで話し込みました。",
    "庭に植えたトマトが赤くなって、ようやく収穫できました。",
    "会議の資料は前日までにメールで送ってください。",
    "祭りの日には、通りにたくさんの屋台が並びます。",
    "外国語を勉強するときは、毎日少しずつ続けることが大切です。",
    "このホテルの部屋からは、きれいな海が見えます。",
    "弟は来年の春から東京の会社で働くことになりました。",
    "急に寒くなったので、厚いコートを出しました。",
    "博物館では、昔の人々の暮らしを紹介する展示が行われています。",
    "新しい道路が完成して、隣の町まで二十分で行けるようになりました。",
    "猫が窓のそばで気持ちよさそうに昼寝をしています。",
    "試験の結果が発表されるまで、少し不安な気持ちで待っていました。",
    "このお店では、地元でとれた野菜を安く売っています。",
    "父は毎朝早く起きて、近所を散歩するのが習慣です。",
    "雨の日は道が滑りやすいので、運転には注意してください。",
    "社長は来月から海外の支店を視察する予定です。",
    "友達の誕生日に、手作りのケーキをプレゼントしました。",
    "この地域では、お年寄りの一人暮らしが増えています。",
    "映画館の前で待ち合わせをしたのに、彼はなかなか来ませんでした。",
    "新聞によると、今年の米の収穫量は去年より多いそうです。",
    "休みの日は、たいてい家で料理をしたり本を読んだりしています。",
    "工場の見学では、製品ができるまでの流れを詳しく学びました。",
    "電気代が上がったので、エアコンの使い方を見直しています。",
    "卒業式の日、先生に感謝の手紙を渡しました。",
]

KOREAN = [
    "오늘은 아침부터 비가 내려서 우산을 챙겨 나갔습니다.",
    "역 근처에 새로 생긴 빵집에는 매일 아침 줄이 길게 늘어섭니다.",
    "다음 주 회의에서 새로운 계획을 자세히 설명할 예정입니다.",
    "이 책이 너무 재미있어서 하룻밤 만에 다 읽어 버렸어요.",
    "주말에는 가족과 함께 바닷가에 가서 바비큐를 즐겼습니다.",
    "그녀는 매일 삼십 분씩 피아노 연습을 계속하고 있어요.",
    "도서관은 시험 기간 동안 밤 열 시까지 문을 연다고 합니다.",
    "새 프로그램을 도입한 뒤로 업무 효율이 꽤 높아졌습니다.",
    "아이들이 공원에서 공을 차며 신나게 뛰어다니고 있었어요.",
    "내일 일기 예보에 따르면 오후부터 맑아진다고 합니다.",
    "이 식당의 김치찌개는 조금 맵지만 정말 맛있어요.",
    "지하철이 늦게 와서 회사에 십 분쯤 늦게 도착했습니다.",
    "여름 방학에는 할머니 댁에 가서 강에서 낚시를 할 생각입니다.",
    "주민센터에서 주소를 바꾸려면 신분증이 필요합니다.",
    "선생님께서 어려운 문제를 그림으로 알기 쉽게 설명해 주셨어요.",
    "요즘 자전거로 출퇴근하는 사람이 늘어나고 있는 것 같아요.",
    "이 마을에는 오래된 절이 많아서 관광객에게 인기가 많습니다.",
    "어머니가 싸 주신 도시락을 들고 등산을 갔습니다.",
    "회사 근처에서 싸고 맛있는 백반집을 하나 찾았어요.",
    "새 병원이 생긴 덕분에 멀리까지 다니지 않아도 됩니다.",
    "그는 대학에서 환경 문제를 연구하고 있다고 합니다.",
    "겨울이 되면 이 지역에는 눈이 많이 내립니다.",
    "친구에게 빌린 영화를 보다가 저도 모르게 울어 버렸어요.",
    "휴대폰 배터리가 금방 닳아서 새것을 살까 생각 중입니다.",
    "역 앞 광장에서는 매주 토요일마다 장이 열립니다.",
    "이 앱을 쓰면 버스 도착 시간을 쉽게 확인할 수 있어요.",
    "어제는 오랜만에 친구를 만나서 늦게까지 이야기를 나눴습니다.",
    "마당에 심은 토마토가 빨갛게 익어서 드디어 수확했어요.",
    "회의 자료는 하루 전까지 이메일로 보내 주세요.",
    "축제 날에는 거리에 포장마차가 줄지어 들어섭니다.",
    "외국어를 공부할 때는 매일 조금씩 꾸준히 하는 것이 중요합니다.",
    "이 호텔 방에서는 아름다운 바다가 한눈에 보입니다.",
    "남동생은 내년 봄부터 서울에 있는 회사에서 일하게 되었어요.",
    "갑자기 추워져서 두꺼운 외투를 꺼냈습니다.",
    "박물관에서는 옛날 사람들의 생활을 소개하는 전시가 열리고 있어요.",
    "새 도로가 완공되어 옆 마을까지 이십 분이면 갈 수 있게 되었습니다.",
    "고양이가 창가에서 기분 좋게 낮잠을 자고 있네요.",
    "시험 결과가 나올 때까지 조금 불안한 마음으로 기다렸습니다.",
    "이 가게에서는 이 지역에서 난 채소를 싸게 팔아요.",
    "아버지는 매일 아침 일찍 일어나 동네를 산책하십니다.",
    "비 오는 날에는 길이 미끄러우니 운전할 때 조심하세요.",
    "사장님은 다음 달부터 해외 지점을 둘러볼 예정입니다.",
    "친구 생일에 직접 만든 케이크를 선물했어요.",
    "이 지역에서는 혼자 사는 노인이 점점 늘고 있습니다.",
    "영화관 앞에서 만나기로 했는데 그는 좀처럼 오지 않았어요.",
    "신문에 따르면 올해 쌀 수확량이 작년보다 많다고 합니다.",
    "쉬는 날에는 보통 집에서 요리를 하거나 책을 읽습니다.",
    "공장 견학에서 제품이 만들어지는 과정을 자세히 배웠어요.",
    "전기 요금이 올라서 에어컨 사용 습관을 다시 살펴보고 있습니다.",
    "졸업식 날 선생님께 감사의 편지를 드렸습니다.",
]


# -- timing -------------------------------------------------------------------------------


@dataclass
class Timing:
    name: str
    what: str
    nbytes: int
    ndocs: int
    wall: float  # best wall seconds
    cpu: float  # CPU seconds of the same pass

    @property
    def mbps(self) -> float:
        return self.nbytes / 1e6 / self.wall

    @property
    def cpu_mbps(self) -> float:
        return self.nbytes / 1e6 / self.cpu if self.cpu > 0 else float("inf")


def best_of(
    name: str, what: str, fn: Callable[[list[str]], Any], texts: list[str], repeat: int
) -> Timing:
    """Best wall time of ``repeat`` passes of ``fn`` over all texts (GC off while timing)."""
    best_wall, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            w0, c0 = time.perf_counter(), time.process_time()
            fn(texts)
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        finally:
            gc.enable()
        if wall < best_wall:
            best_wall, best_cpu = wall, cpu
    return Timing(name, what, utf8_bytes(texts), len(texts), best_wall, best_cpu)


def first_call(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


# -- the measured passes --------------------------------------------------------------------

CLEAN = CleanOptions()
QUALITY = QualityConfig()


def pass_clean(texts: list[str]) -> None:
    for t in texts:
        clean_text(t, CLEAN)


def pass_language(texts: list[str]) -> None:
    for t in texts:
        detect_language(t)


def make_pass_assess(langs: list[Any]) -> Callable[[list[str]], None]:
    def pass_assess(texts: list[str]) -> None:
        for t, lang in zip(texts, langs, strict=True):
            assess(t, QUALITY, lang)

    return pass_assess


def pass_matching_key(texts: list[str]) -> None:
    for t in texts:
        matching_key(t, to_simplified=True)


def stage_one(raw: str) -> tuple[str, Any, Any, Any, list[Any]]:
    """The quality stage for one document: clean, PII, language, signals+rules, domains."""
    text = clean_text(raw, CLEAN).text
    spans = find_pii(text)
    lang = detect_language(text)
    verdict = assess(text, QUALITY, lang)
    return text, spans, lang, verdict, tag_domains(text)


def pass_stage_per_document(texts: list[str]) -> None:
    for t in texts:
        stage_one(t)


SHARD_DOCS = 1000
WHOLE_STAGE = "whole quality stage (clean+PII+language+assess+domains)"


def pass_stage(texts: list[str]) -> None:
    """The quality stage as process_shard runs it: one step at a time over each shard."""
    for i in range(0, len(texts), SHARD_DOCS):
        cleaned = [clean_text(t, CLEAN).text for t in texts[i : i + SHARD_DOCS]]
        spans = [find_pii(t) for t in cleaned]
        langs = [detect_language(t) for t in cleaned]
        verdicts = [assess(t, QUALITY, lang) for t, lang in zip(cleaned, langs, strict=True)]
        domains = [tag_domains(t) for t in cleaned]
        del spans, verdicts, domains


def pass_pii(texts: list[str]) -> None:
    for t in texts:
        find_pii(t)


def pass_domains(texts: list[str]) -> None:
    for t in texts:
        tag_domains(t)


def pass_ftfy(texts: list[str]) -> None:
    for t in texts:
        ftfy.fix_text(t, fix_character_width=False)


def seeded_langdetect(text: str) -> str:
    try:
        return langdetect_detect(text)
    except LangDetectException:
        return "und"


def pass_langdetect(texts: list[str]) -> None:
    for t in texts:
        seeded_langdetect(t)


# -- language-ID accuracy -----------------------------------------------------------------


def labelled_set(seed: int, per_class: int) -> list[tuple[str, str, str]]:
    """(class, expected language, text); Chinese classes also fix the script."""
    gen = ChineseTextGenerator(seed + 1000)
    simplified = [gen.paragraph(gen.domain(), gen.rng.randint(1, 3)) for _ in range(per_class)]
    s2t = opencc.OpenCC("s2t.json")
    samples = [("zh-Hans", "zh", t) for t in simplified]
    samples += [("zh-Hant", "zh", s2t.convert(t)) for t in simplified]
    samples += [("en", "en", t) for t in ENGLISH[:per_class]]
    samples += [("ja", "ja", t) for t in JAPANESE[:per_class]]
    samples += [("ko", "ko", t) for t in KOREAN[:per_class]]
    return samples


def hqdata_label(text: str) -> str:
    r = detect_language(text)
    return f"zh-{r.script}" if r.lang == "zh" else r.lang


def langdetect_label(text: str) -> str:
    lang = seeded_langdetect(text)
    return {"zh-cn": "zh-Hans", "zh-tw": "zh-Hant"}.get(lang, lang)


def accuracy_table(samples: list[tuple[str, str, str]]) -> list[str]:
    classes = list(dict.fromkeys(c for c, _, _ in samples))
    rows = [
        "| class | n | hqdata language | langdetect language "
        "| hqdata language+script | langdetect language+script |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    totals = [0, 0, 0, 0]
    confusions: dict[str, dict[str, int]] = {}
    for cls in classes:
        rows_of = [(lang, t) for c, lang, t in samples if c == cls]
        h_lang = h_full = l_lang = l_full = 0
        for lang, text in rows_of:
            h, ld = hqdata_label(text), langdetect_label(text)
            h_lang += h.split("-")[0] == lang
            l_lang += ld.split("-")[0] == lang
            h_full += h == cls
            l_full += ld == cls
            if ld != cls:
                confusions.setdefault(cls, {}).setdefault(ld, 0)
                confusions[cls][ld] += 1
            if h != cls:
                confusions.setdefault(cls, {}).setdefault(f"hqdata:{h}", 0)
                confusions[cls][f"hqdata:{h}"] += 1
        n = len(rows_of)
        for i, v in enumerate((h_lang, l_lang, h_full, l_full)):
            totals[i] += v
        rows.append(
            f"| {cls} | {n} | {h_lang / n:.2f} | {l_lang / n:.2f} | {h_full / n:.2f} "
            f"| {l_full / n:.2f} |"
        )
    n = len(samples)
    rows.append(
        f"| **all** | {n} | {totals[0] / n:.2f} | {totals[1] / n:.2f} | {totals[2] / n:.2f} "
        f"| {totals[3] / n:.2f} |"
    )
    rows.append("")
    wrong = "; ".join(
        f"{cls} -> " + ", ".join(f"{k} x{v}" for k, v in sorted(c.items()))
        for cls, c in confusions.items()
    )
    rows.append(f"Wrong answers (langdetect unless marked hqdata): {wrong or 'none'}")
    return rows


# -- main ---------------------------------------------------------------------------------


def hqdata_timings(args: argparse.Namespace) -> list[Timing]:
    """The hqdata passes (what --against compares), on freshly generated documents."""
    raw = [d.text for d in make_documents(int(args.mb * 1e6), seed=args.seed)]
    for text in raw[:20]:  # one-time tables and dictionaries out of the timings
        stage_one(text)
    cleaned = [clean_text(t, CLEAN).text for t in raw]
    langs = [detect_language(t) for t in cleaned]
    r = args.repeat
    return [
        best_of("clean_text", "raw docs", pass_clean, raw, r),
        best_of("find_pii", "cleaned docs", pass_pii, cleaned, r),
        best_of("detect_language", "cleaned docs", pass_language, cleaned, r),
        best_of("assess (signals + rules)", "cleaned docs", make_pass_assess(langs), cleaned, r),
        best_of("tag_domains (lexicon)", "cleaned docs", pass_domains, cleaned, r),
        best_of(WHOLE_STAGE, "raw docs", pass_stage, raw, r),
        best_of("same, one document at a time", "raw docs", pass_stage_per_document, raw, r),
        best_of("matching_key (dedup)", "cleaned docs", pass_matching_key, cleaned, r),
    ]


def measure_against(args: argparse.Namespace) -> dict[str, float]:
    """MB/s of the hqdata passes with the checkout at ``args.against`` (a child process)."""
    cmd = [sys.executable, __file__, "--root", str(args.against), "--timings-json", "--mb",
           str(args.mb), "--repeat", str(args.repeat), "--seed", str(args.seed)]  # fmt: skip
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="MB (UTF-8) of generated documents")
    ap.add_argument("--repeat", type=int, default=3, help="passes per measurement (best kept)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--against", type=Path, help="another checkout to time the same passes on")
    ap.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--timings-json", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.timings_json:
        print(json.dumps({t.name: t.mbps for t in hqdata_timings(args)}))
        return
    baseline = measure_against(args) if args.against else None

    t0 = time.perf_counter()
    docs = make_documents(int(args.mb * 1e6), seed=args.seed)
    raw = [d.text for d in docs]
    gen_s = time.perf_counter() - t0
    kinds = {k: sum(d.kind == k for d in docs) for k in ("clean", "pdf", "mojibake")}
    print(
        f"Generated {len(docs)} documents, {utf8_bytes(raw) / 1e6:.2f} MB UTF-8 "
        f"({kinds['clean']} clean, {kinds['pdf']} PDF-damaged, {kinds['mojibake']} mojibake) "
        f"in {gen_s:.1f} s; best of {args.repeat} passes, one process."
    )

    # One-time costs (lookup tables, OpenCC dictionaries, langdetect profiles), not timed below.
    sample = raw[0]
    init = {
        "clean_text": first_call(lambda: clean_text(sample, CLEAN)),
        "detect_language": first_call(lambda: detect_language(sample)),
        "assess": first_call(lambda: assess(sample, QUALITY)),
        "find_pii": first_call(lambda: find_pii(sample)),
        "tag_domains": first_call(lambda: tag_domains(sample)),
        "matching_key": first_call(lambda: matching_key(sample)),
        "ftfy.fix_text": first_call(lambda: ftfy.fix_text(sample, fix_character_width=False)),
        "langdetect.detect": first_call(lambda: seeded_langdetect(sample)),
    }

    cleaned = [clean_text(t, CLEAN).text for t in raw]
    r = args.repeat
    results = hqdata_timings(args)
    ftfy_t = best_of("baseline: ftfy.fix_text", "raw docs", pass_ftfy, raw, r)
    ld_t = best_of("baseline: langdetect.detect (seeded)", "cleaned docs", pass_langdetect,
                   cleaned, r)  # fmt: skip

    print()
    print("| function | input | MB | docs/s | MB/s (wall) | MB/s (CPU) | x ftfy | x langdetect |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for t in [*results, ftfy_t, ld_t]:
        print(
            f"| {t.name} | {t.what} | {t.nbytes / 1e6:.2f} | {t.ndocs / t.wall:,.0f} "
            f"| {t.mbps:.2f} | {t.cpu_mbps:.2f} | {t.mbps / ftfy_t.mbps:.2f} "
            f"| {t.mbps / ld_t.mbps:.2f} |"
        )
    if baseline is not None:
        print()
        print(f"Same passes with the quality package of {args.against} (child process, run first):")
        print()
        print("| function | before MB/s | after MB/s | after / before |")
        print("|---|---:|---:|---:|")
        for t in results:
            before = baseline.get(t.name)
            if before:
                print(f"| {t.name} | {before:.2f} | {t.mbps:.2f} | {t.mbps / before:.2f} |")
    print()
    print(
        "One-time first-call cost (s): "
        + ", ".join(f"{k} {v:.2f}" for k, v in init.items())
    )

    # What the repairs did: mojibake restored, clean documents left alone.
    moji = [(d.text, d.text.encode("latin-1").decode("utf-8")) for d in docs
            if d.kind == "mojibake"]  # fmt: skip
    h_fixed = sum(clean_text(m, CLEAN).text == clean_text(o, CLEAN).text for m, o in moji)
    f_fixed = sum(
        ftfy.fix_text(m, fix_character_width=False) == ftfy.fix_text(o, fix_character_width=False)
        for m, o in moji
    )
    clean_docs = [d.text for d in docs if d.kind == "clean"]
    h_changed = sum(clean_text(t, CLEAN).text != t for t in clean_docs)
    f_changed = sum(ftfy.fix_text(t, fix_character_width=False) != t for t in clean_docs)
    print(
        f"Mojibake documents restored: hqdata clean_text {h_fixed}/{len(moji)}, "
        f"ftfy {f_fixed}/{len(moji)}. Clean documents changed: hqdata {h_changed}/"
        f"{len(clean_docs)}, ftfy {f_changed}/{len(clean_docs)}."
    )

    print()
    print("Language identification on the labelled set (accuracy):")
    print()
    for line in accuracy_table(labelled_set(args.seed, 50)):
        print(line)
    print(f"\nTotal benchmark time {time.perf_counter() - t0:.0f} s.")


if __name__ == "__main__":
    main()
