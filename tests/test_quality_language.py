"""detect_language: scripts first, CLD2/langdetect (lingua where they disagree) for alphabets."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from quality import LanguageResult, detect_language, language
from quality.language import chinese_script, script_stats
from tests.lang_eval import LangSample, make_lang_eval_set

SIMPLIFIED = (
    "人工智能技术的快速发展正在深刻改变医疗行业。医院利用大数据分析病历，提高诊断的准确性。"
)
# Traditional characters with mainland vocabulary (軟件, 網絡, 信息, 數據) - langdetect
# alone tends to call such text Korean.
TRADITIONAL_MAINLAND = (
    "這款軟件支持多種網絡協議，用戶可以通過手機遠程查看設備的運行狀態和數據信息。"
)
TRADITIONAL_TAIWAN = "臺灣的軟體工程師在網路上分享資訊，這個專案的品質非常好，值得參考。"
MIXED_SCRIPTS = (
    "这是简体中文的段落，说明数据处理流程。這是繁體中文的段落，說明資料處理流程與網路設定。"
)
SHARED_ONLY = "中山大学的学生在上海工作。"
JAPANESE = (
    "昨日、東京都内の研究所で新しい医療機器の発表会が開かれました。"
    "開発チームによると、小型化に成功したということです。"
)
JAPANESE_KANJI_HEAVY = "東京都は本日、新型感染症対策本部会議を開催した。"
KOREAN = (
    "서울시는 내년부터 공공 데이터 개방을 확대하기로 했습니다. "
    "시민들은 교통 정보를 더 쉽게 이용할 수 있습니다."
)
ENGLISH = "Data quality matters more than data quantity when training language models on the web."
FRENCH = "Le gouvernement a annoncé de nouvelles mesures pour soutenir les entreprises innovantes."
RUSSIAN = "Правительство объявило о новых мерах поддержки инновационных компаний в этом году."
ARABIC = "أعلنت الحكومة عن إجراءات جديدة لدعم الشركات المبتكرة هذا العام."
GREEK = "Η κυβέρνηση ανακοίνωσε νέα μέτρα για τη στήριξη των καινοτόμων επιχειρήσεων."
CHINESE_TECH = (
    "使用 `pip install -r requirements.txt` 安装依赖，然后运行 `python -m pytest -q --maxfail=1` "
    "执行测试，最后用 `docker compose up -d` 启动服务并检查 nginx 日志。"
)
ENGLISH_WITH_CHINESE = (
    "The Great Wall (长城) is one of the most visited landmarks in China, and millions of "
    "tourists walk along its restored sections near Beijing every single year."
)
CHINESE_WITH_JAPANESE_TITLE = (
    "这部动画电影《となりのトトロ》在国内重新上映后，受到了许多家庭观众的喜爱和好评。"
)


@pytest.mark.parametrize(
    ("text", "lang", "script"),
    [
        (SIMPLIFIED, "zh", "Hans"),
        (TRADITIONAL_MAINLAND, "zh", "Hant"),
        (TRADITIONAL_TAIWAN, "zh", "Hant"),
        (MIXED_SCRIPTS, "zh", "mixed"),
        (SHARED_ONLY, "zh", "Hans"),
        (JAPANESE, "ja", "Jpan"),
        (JAPANESE_KANJI_HEAVY, "ja", "Jpan"),
        (KOREAN, "ko", "Kore"),
        (ENGLISH, "en", "Latn"),
        (FRENCH, "fr", "Latn"),
        (RUSSIAN, "ru", "Cyrl"),
        (ARABIC, "ar", "Arab"),
        (GREEK, "el", "Grek"),
        (CHINESE_TECH, "zh", "Hans"),
        (ENGLISH_WITH_CHINESE, "en", "Latn"),
        (CHINESE_WITH_JAPANESE_TITLE, "zh", "Hans"),
    ],
)
def test_language_and_script(text: str, lang: str, script: str) -> None:
    result = detect_language(text)
    assert (result.lang, result.script) == (lang, script)
    assert 0.0 < result.confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   \n\t", "12345 67890", "！？。，……", "2024-05-01 12:00"])
def test_no_letters_is_undetermined(text: str) -> None:
    assert detect_language(text) == LanguageResult("und", 0.0, "Zyyy", 0.0)


def test_detection_is_deterministic() -> None:
    texts = [ENGLISH, FRENCH, "ok", "Hallo Welt, wie geht es dir heute?", CHINESE_TECH]
    first = [detect_language(t) for t in texts]
    for _ in range(3):
        assert [detect_language(t) for t in texts] == first


def test_han_ratio_counts_letters_not_punctuation_or_digits() -> None:
    assert detect_language(SIMPLIFIED).han_ratio == 1.0
    mixed = detect_language("数据ab，12")
    assert mixed.han_ratio == pytest.approx(0.5)
    tech = detect_language(CHINESE_TECH)
    assert 0.2 < tech.han_ratio < 0.5  # per character Latin dominates, per word Han does


def test_short_text_is_less_confident() -> None:
    short, long = detect_language("你好"), detect_language(SIMPLIFIED)
    assert short.lang == "zh"
    assert short.confidence < long.confidence == 1.0


def test_tech_text_confidence_reflects_its_latin_share() -> None:
    assert detect_language(CHINESE_TECH).confidence < detect_language(SIMPLIFIED).confidence


def test_only_the_head_of_a_long_document_is_read() -> None:
    text = SIMPLIFIED * 200 + ENGLISH * 2000
    assert detect_language(text).lang == "zh"


def test_chinese_script_helper() -> None:
    assert chinese_script(TRADITIONAL_MAINLAND) == "Hant"
    assert chinese_script(SIMPLIFIED) == "Hans"
    assert chinese_script("hello") == "Hans"


def test_script_stats_counts_characters_per_script() -> None:
    stats = script_stats("数据 data データ 데이터 данные 123！")
    assert stats == {"Hani": 2, "Latn": 4, "Kana": 3, "Hang": 3, "Cyrl": 6, "Zyyy": 4}
    assert script_stats("") == {}


# --- the labelled evaluation set (tests/lang_eval.py) -----------------------------------------


@pytest.fixture(scope="module")
def eval_results() -> list[tuple[LangSample, LanguageResult]]:
    return [(s, detect_language(s.text)) for s in make_lang_eval_set()]


def _accuracy(results: list[tuple[LangSample, LanguageResult]], *, script: bool) -> float:
    ok = sum(
        r.lang == s.lang and (not script or s.script is None or r.script == s.script)
        for s, r in results
    )
    return ok / len(results)


def test_eval_set_covers_every_class() -> None:
    samples = make_lang_eval_set()
    for cls in ("zh-Hans", "zh-Hant", "zh-tech", "ja", "ko", "en"):
        assert sum(s.cls == cls and not s.short for s in samples) >= 300
    for cls in ("fr", "de", "es", "ru", "ar", "vi"):
        assert sum(s.cls == cls for s in samples) >= 50
    assert sum(s.short for s in samples) >= 300
    assert make_lang_eval_set()[:50] == samples[:50]  # deterministic


def test_documents_of_50_chars_or_more_meet_the_target(
    eval_results: list[tuple[LangSample, LanguageResult]],
) -> None:
    long = [(s, r) for s, r in eval_results if not s.short]
    assert _accuracy(long, script=False) >= 0.995
    assert _accuracy(long, script=True) >= 0.995  # Hans/Hant right as well
    for cls in {s.cls for s, _ in long}:
        assert _accuracy([(s, r) for s, r in long if s.cls == cls], script=True) >= 0.99, cls


def test_short_texts_stay_accurate(eval_results: list[tuple[LangSample, LanguageResult]]) -> None:
    short = [(s, r) for s, r in eval_results if s.short]
    assert _accuracy(short, script=True) >= 0.95  # 97.9% when written; CJK classes 100%
    cjk = [(s, r) for s, r in short if s.lang in ("zh", "ja", "ko")]
    assert _accuracy(cjk, script=True) == 1.0


def test_eval_set_answers_are_deterministic(
    eval_results: list[tuple[LangSample, LanguageResult]],
) -> None:
    for s, r in eval_results[::25]:
        assert detect_language(s.text) == r


def test_text_pycld2_would_reject_is_still_identified() -> None:
    text = "The committee\x00 met on\x85 Monday \ud800 to discuss\ufffe the new budget plan."
    result = detect_language(text)
    assert (result.lang, result.script) == ("en", "Latn")


@pytest.mark.parametrize(
    ("text", "lang", "script"),
    [
        # Cyrillic and Arabic words are fewer than the Latin names around them
        ("debug find named type: нет текущего модуля компиляции", "ru", "Cyrl"),
        ("--plt-localentry преобразовывать вызовы в функции ELFv2 localentry:0", "ru", "Cyrl"),
        ("صورة PNG وملف PDF ومستند CSV جديد", "ar", "Arab"),
        # Thai writes no spaces between words: a run of Thai is a phrase, not a word
        ("ไม่สามารถเปิดไฟล์ ตรวจสอบ แล้วลองใหม่: could not open the config file", "th", "Thai"),
    ],
)
def test_a_non_latin_alphabet_wins_over_latin_commands_and_names(
    text: str, lang: str, script: str
) -> None:
    result = detect_language(text)
    assert (result.lang, result.script) == (lang, script)


def test_options_paths_and_identifiers_do_not_make_text_english() -> None:
    french = (
        "--code-region nécessite un argument : {upper,lower,either,none}; "
        "voir /usr/share/doc/README.txt et la variable LD_LIBRARY_PATH pour les détails"
    )
    assert detect_language(french).lang == "fr"
    # text that is nothing but commands is still judged on what it has
    commands = "git reset --hard HEAD~1 && git push --force origin main"
    assert detect_language(commands).lang != "und"


@pytest.mark.parametrize(
    ("text", "lang", "script"),
    [
        # the placeholders are the only translated words of a synopsis; without its options
        # the synopsis has too few Latin words to outvote them
        ("tool archive create [-q | --quiet] [--verbose] [--level=<n>] <文件>", "zh", "Hans"),
        ("tool remote add [-f] [--tags | --no-tags] [--mirror] <имя> <адрес>", "ru", "Cyrl"),
        # ordinary words still count: English with a Chinese gloss stays English
        ("Use the --force option when the cache (缓存) is stale; see the manual.", "en", "Latn"),
    ],
)
def test_translated_placeholders_outweigh_options(text: str, lang: str, script: str) -> None:
    result = detect_language(text)
    assert (result.lang, result.script) == (lang, script)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a placeholder in the translator's words keeps its slashes and underscores
        ("tool log [--since=<ngày>] [--] [<tệp/đường/dẫn>…]", "vi"),
        ("tool tag --sign [--format=<định_dạng>] <tên_thẻ>", "vi"),
    ],
)
def test_placeholders_with_slashes_or_underscores_stay_words(text: str, lang: str) -> None:
    assert detect_language(text).lang == lang


def test_quoted_literals_and_alternatives_do_not_make_text_english() -> None:
    german = (
        "Unbekannter Wert für die Ausgabe, erlaubt sind 'never', 'always', 'auto-detect' "
        "sowie »compact« und »verbose«; Standard ist (short|medium|full|raw|oneline)."
    )
    assert detect_language(german).lang == "de"
    spanish = "Opción desconocida, valores posibles: «none», «fast», «best» y «ignore-errors»."
    assert detect_language(spanish).lang == "es"
    # a quote holding letters beyond ASCII is the text's own language and stays
    assert language._TECHNICAL_RE.sub(" ", "le mode « accéléré » est actif") == (
        "le mode « accéléré » est actif"
    )


def test_arabic_lists_of_names_are_not_taken_for_persian() -> None:
    # an Arabic form (ة, ي) and none of Persian's; the models alone answer Persian
    for arabic in (
        "مستند Writer\nقالب مستند Writer\nمستند Impress\nقالب Impress جديد",
        "مستند Scribus\nشفرة مصدر Rust\nمستند Kate\nمستند Krita",
    ):
        assert detect_language(arabic).lang == "ar"
    persian = "فایل LibreOffice\nسند Markdown\nفهرست پخش VLC\nبایگانی ZIP فشرده\nتصویر PNG"
    assert detect_language(persian).lang == "fa"


CHINESE_WITH_CONFIG_BLOCK = (
    "修改日志轮转的配置可以控制保存的天数。下面是一个典型的配置文件：\n"
    "    # keep four weeks of logs and compress the old ones\n"
    "    weekly\n"
    "    rotate          4\n"
    "    compress        yes\n"
    "    # create new empty files after rotating the old ones away\n"
    "    create          0640 root adm\n"
    "    # include the per-package settings from the drop-in directory below\n"
    "    include         /etc/logrotate.d\n"
    "保存之后，下一次运行时就会按新的规则处理。"
)


def test_chinese_prose_around_a_configuration_block_stays_chinese() -> None:
    result = detect_language(CHINESE_WITH_CONFIG_BLOCK)
    assert (result.lang, result.script) == ("zh", "Hans")
    # plain indented paragraphs are prose, not code: English stays English
    english = "标题\n" + "\n".join(f"    {ENGLISH}" for _ in range(3))
    assert detect_language(english).lang == "en"
    # a text that is all code keeps the answer its words give
    line = "    # This block sets the paths that the nightly import reads and writes 见说明文档"
    comments = "\n".join([line] * 6)
    assert detect_language(comments).lang == "en"


# --- lingua, the referee where CLD2 and langdetect disagree on short text ---------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # CLD2 has no answer, langdetect leans Catalan; the vote alone said "ca"
        ("taille du bloc invalide\nformat invalide", "fr"),
        # CLD2 says Dutch, langdetect Afrikaans at 1.0; the vote alone said "af"
        ("ongeldige waarde\nonbekende optie", "nl"),
    ],
)
def test_where_the_detectors_disagree_lingua_decides(text: str, lang: str) -> None:
    sample = language._model_sample(text, "Latn")
    cld2 = language._cld2(sample, "Latn")
    langdetect = language._langdetect_candidates(sample, "Latn")
    assert cld2 is None or cld2[0] != langdetect[0][0]  # they do disagree
    result = detect_language(text)
    assert result.lang == lang
    assert result.confidence >= language.LINGUA_MIN_CONFIDENCE


def _lingua_says(answer: tuple[str, float]) -> Callable[[str, set[str]], tuple[str, float]]:
    def fake(sample: str, langs: set[str]) -> tuple[str, float]:
        assert len(langs) >= 2  # asked only to choose among the detectors' answers
        return answer

    return fake


def test_a_sure_referee_overrules_the_vote(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_lingua", _lingua_says(("pt", 1.0)))
    assert detect_language("taille du bloc invalide\nformat invalide").lang == "pt"


def test_an_unsure_referee_leaves_the_vote(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_lingua", _lingua_says(("pt", 0.6)))
    assert detect_language("ongeldige waarde\nonbekende optie").lang == "af"  # the vote's


def test_lingua_is_not_asked_when_the_detectors_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(sample: str, langs: set[str]) -> None:
        raise AssertionError(f"lingua asked about {sample!r}")

    monkeypatch.setattr(language, "_lingua", fail)
    for text in (FRENCH, ENGLISH, RUSSIAN, "Fehler beim Lesen\nUngültiges Argument"):
        detect_language(text)


def test_lingua_is_not_loaded_for_chinese_japanese_or_korean() -> None:
    texts = [SIMPLIFIED, TRADITIONAL_TAIWAN, CHINESE_TECH, MIXED_SCRIPTS, JAPANESE, KOREAN]
    script = (
        "import sys\n"
        "from quality import detect_language\n"
        f"langs = [detect_language(t).lang for t in {texts!r}]\n"
        "print(langs, 'lingua' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['zh', 'zh', 'zh', 'zh', 'ja', 'ko'] False"
