"""Language and script identification: hqdata vs langdetect, pycld2 and hanzidentifier.

Run from the repository root (about 10 s, most of it in langdetect)::

    python benchmarks/bench_language.py
    python benchmarks/bench_language.py --per-class 600 --seed 1

Input: the generated, labelled set of ``tests/lang_eval.py`` (``--per-class`` long documents
and a fifth as many short texts per class for zh-Hans, zh-Hant, zh-tech, ja, ko and en; a
fifth of that for fr, de, es, ru, ar and vi). Documents of 50 characters or more and short
texts (< 50) are reported separately.

Methods:

* hqdata ``detect_language`` (scripts, then pycld2 for alphabets that several languages
  share, langdetect where pycld2 has no answer and on short text, lingua where the two
  disagree on short text);
* langdetect, seeded (``DetectorFactory.seed = 0``); ``zh-cn``/``zh-tw`` give the script;
* pycld2 ``detect`` (C0 control characters and lone surrogates stripped first: it raises on
  them); ``zh``/``zh-Hant`` give the script;
* for the Simplified/Traditional decision on Chinese texts: hqdata's OpenCC character table
  (``chinese_script``) vs ``hanzidentifier.identify``.

Printed: language accuracy per class (long and short texts), language+script accuracy,
script accuracy on Chinese texts, the wrong answers, and throughput (MB/s of UTF-8 input,
one pass over every text, one core).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import hanzidentifier
import pycld2
from langdetect import DetectorFactory, LangDetectException
from langdetect import detect as langdetect_detect

from quality import detect_language
from quality.language import chinese_script
from tests.lang_eval import LangSample, make_lang_eval_set

DetectorFactory.seed = 0

Label = tuple[str, str | None]  # (language, script for Chinese)
_CLD2_UNSAFE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def hqdata_label(text: str) -> Label:
    r = detect_language(text)
    return (r.lang, r.script) if r.lang == "zh" else (r.lang, None)


def langdetect_label(text: str) -> Label:
    try:
        lang = langdetect_detect(text)
    except LangDetectException:
        return ("und", None)
    if lang.startswith("zh"):
        return ("zh", "Hant" if lang == "zh-tw" else "Hans")
    return (lang, None)


def cld2_label(text: str) -> Label:
    try:
        _, _, details = pycld2.detect(_CLD2_UNSAFE_RE.sub("", text))
    except pycld2.error:
        return ("und", None)
    code = details[0][1]
    if code == "un":
        return ("und", None)
    if code.startswith("zh"):
        return ("zh", "Hant" if code == "zh-Hant" else "Hans")
    return (code.split("-")[0], None)


METHODS: dict[str, Callable[[str], Label]] = {
    "hqdata": hqdata_label,
    "langdetect": langdetect_label,
    "pycld2": cld2_label,
}

_HANZI = {
    hanzidentifier.SIMPLIFIED: "Hans",
    hanzidentifier.TRADITIONAL: "Hant",
    hanzidentifier.BOTH: "Hans",  # shared characters only: hqdata's convention too
    hanzidentifier.MIXED: "mixed",
    hanzidentifier.UNKNOWN: "Hans",
}
SCRIPT_METHODS: dict[str, Callable[[str], str]] = {
    "OpenCC table (hqdata)": chinese_script,
    "hanzidentifier": lambda text: _HANZI[hanzidentifier.identify(text)],
}


def _pct(ok: int, n: int) -> str:
    return f"{100 * ok / n:.1f}" if n else "-"


def accuracy_tables(samples: list[LangSample], labels: dict[str, list[Label]]) -> list[str]:
    classes = list(dict.fromkeys(s.cls for s in samples))
    names = list(labels)
    rows: list[str] = []
    for title, with_script in (("Language", False), ("Language + script (zh)", True)):
        rows += [
            f"{title} accuracy (%), documents >= 50 chars | short texts < 50 chars:",
            "",
            "| class | n long | n short | "
            + " | ".join(f"{m} long | {m} short" for m in names)
            + " |",
            "|---|---:|---:|" + "---:|---:|" * len(names),
        ]
        totals = {(m, short): [0, 0] for m in names for short in (False, True)}
        for cls in classes:
            cells = []
            idx = [i for i, s in enumerate(samples) if s.cls == cls]
            n_long = sum(not samples[i].short for i in idx)
            n_short = len(idx) - n_long
            for m in names:
                for short in (False, True):
                    part = [i for i in idx if samples[i].short == short]
                    ok = sum(_correct(samples[i], labels[m][i], with_script) for i in part)
                    totals[m, short][0] += ok
                    totals[m, short][1] += len(part)
                    cells.append(_pct(ok, len(part)))
            rows.append(f"| {cls} | {n_long} | {n_short} | " + " | ".join(cells) + " |")
        cells = [_pct(*totals[m, short]) for m in names for short in (False, True)]
        n_long = totals[names[0], False][1]
        n_short = totals[names[0], True][1]
        rows.append(f"| **all** | {n_long} | {n_short} | " + " | ".join(cells) + " |")
        rows.append("")
    return rows


def _correct(sample: LangSample, label: Label, with_script: bool) -> bool:
    if label[0] != sample.lang:
        return False
    return not (with_script and sample.script is not None) or label[1] == sample.script


def script_table(samples: list[LangSample]) -> tuple[list[str], dict[str, float]]:
    zh = [s for s in samples if s.lang == "zh"]
    rows = [
        "Script accuracy (%) on Chinese texts (Hans vs Hant; the language is given):",
        "",
        "| method | long | short | MB/s |",
        "|---|---:|---:|---:|",
    ]
    speeds = {}
    for name, fn in SCRIPT_METHODS.items():
        t0 = time.perf_counter()
        got = [fn(s.text) for s in zh]
        wall = time.perf_counter() - t0
        speeds[name] = sum(len(s.text.encode()) for s in zh) / 1e6 / wall
        long_ok = [g == s.script for g, s in zip(got, zh, strict=True) if not s.short]
        short_ok = [g == s.script for g, s in zip(got, zh, strict=True) if s.short]
        rows.append(
            f"| {name} | {_pct(sum(long_ok), len(long_ok))} "
            f"| {_pct(sum(short_ok), len(short_ok))} | {speeds[name]:.1f} |"
        )
    return rows, speeds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--per-class", type=int, default=300, help="long documents per main class")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    samples = make_lang_eval_set(args.seed, args.per_class, args.per_class // 5)
    nbytes = sum(len(s.text.encode()) for s in samples)
    print(
        f"{len(samples)} labelled texts ({sum(not s.short for s in samples)} of 50+ characters, "
        f"{sum(s.short for s in samples)} shorter), {nbytes / 1e6:.2f} MB UTF-8, "
        f"seed {args.seed}."
    )
    for fn in METHODS.values():  # warm-up: profiles, tables, dictionaries
        fn(samples[0].text)
    labels: dict[str, list[Label]] = {}
    speed: dict[str, float] = {}
    for name, fn in METHODS.items():
        t0 = time.perf_counter()
        labels[name] = [fn(s.text) for s in samples]
        speed[name] = nbytes / 1e6 / (time.perf_counter() - t0)
    print()
    for line in accuracy_tables(samples, labels):
        print(line)
    rows, _ = script_table(samples)
    for line in rows:
        print(line)
    print()
    print("Throughput (MB/s, all texts, one pass): " + ", ".join(
        f"{name} {mbps:.2f}" for name, mbps in speed.items()
    ))  # fmt: skip
    print()
    for name in METHODS:
        wrong = Counter(
            f"{s.cls}{' short' if s.short else ''} -> {lab[0]}{'-' + lab[1] if lab[1] else ''}"
            for s, lab in zip(samples, labels[name], strict=True)
            if not _correct(s, lab, with_script=True)
        )
        listed = ", ".join(f"{k} x{v}" for k, v in wrong.most_common(12))
        print(f"Wrong answers, {name}: {listed or 'none'}")


if __name__ == "__main__":
    main()
