"""The language, quality and PII figures measured on real text (see ``tests/real_text.py``).

The generated sets (``lang_eval``, ``quality_eval``, ``pii_eval``) check the rules against
what they were written for; this module checks that the figures hold on text the project
neither wrote nor tuned on::

    python -m tests.real_text_eval            # all of it, about a minute
    python -m tests.real_text_eval language   # or unseen, quality, pii
    python -m tests.real_text_eval language unseen --tuning   # the tuning halves

- **Language and script**: translators' messages of every gettext catalog whose locale names
  one of the languages of the generated set (joined, in catalog order, into documents of 50+
  characters, and single messages of 10-49 characters), Chinese manual pages (technical
  text full of commands and options) and sections of the Debian Reference, labelled by
  locale: ``zh_CN`` Simplified, ``zh_TW``/``zh_HK`` Traditional.
- **Language on manual pages and Debian Reference editions** (``unseen``): sections of the
  manual pages translated into German, French, Spanish, Russian, Japanese, Vietnamese,
  Portuguese and Korean, and of the Debian Reference in German, French, Spanish, Italian,
  Japanese and Portuguese, keeping the lines most of whose words the English original lacks
  (see ``tests/real_text.py``). This set was added after the catalogs' rules were chosen;
  it is split into halves the same way, by page or section, and only its held-out half is
  reported.
- **Quality separation**: sections of the Debian Reference in Simplified and Traditional
  Chinese (300-2000 characters, paragraphs unwrapped, tables and lists as they are) are the
  clean documents; the defective ones are the same sections damaged by the defect makers of
  ``quality_eval`` (mojibake, repeated lines, boilerplate, spam, ...), so only the damage
  is generated.
- **PII**: real sentences without digits or ``@`` (so they hold no unlabelled PII) with a
  sentence of ``pii_eval`` (PII and checksum-failing look-alikes) spliced in at a
  punctuation mark; plus what ``find_pii`` reports on the untouched real sentences.
"""

from __future__ import annotations

import random
import re
import sys
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from quality import detect_language, find_pii
from tests import pii_eval, quality_eval
from tests.real_text import (
    LOCALES,
    UNSEEN_MAN_LOCALES,
    UNSEEN_REFERENCE,
    catalog_messages,
    man_page_sections,
    missing_sources,
    reference_sections,
    unseen_man_documents,
    unseen_reference_documents,
)

SEED = 0
LONG_MIN = 50
SHORT_MIN = 10
LONG_PER_LOCALE = 300
SHORT_PER_LOCALE = 100
TECH_PER_LOCALE = 200
# The languages of the generated set (tests/lang_eval.py), whose figures are promised.
PROMISED = ("zh", "ja", "ko", "en", "fr", "de", "es", "ru", "ar", "vi")


@dataclass(frozen=True)
class Sample:
    text: str
    lang: str
    script: str | None  # Hans or Hant for Chinese
    cls: str  # zh-Hans, zh-Hant, zh-tech, zh-tech-Hant, or the language


def _class(lang: str, script: str | None) -> str:
    return f"zh-{script}" if lang == "zh" else lang


def held_out(catalog: str) -> bool:
    """Half the programs' catalogs, the same half in every locale (by a hash of the name).

    The other half (the tuning half, ``--tuning``) was looked at to choose how alphabetic
    text is decided (quality.language.VOTE_BELOW_CHARS, the lingua referee); only this half
    is reported.
    """
    return zlib.crc32(catalog.split("/")[-1].encode()) % 2 == 1


def _message_documents(locale: str, tuning: bool = False) -> Iterator[tuple[str, bool]]:
    """(text, long?) from one locale's catalogs: runs of messages of 50+ chars, and singles.

    The held-out half of the catalogs, or with ``tuning`` the other half.
    """
    run: list[str] = []
    catalog = ""
    for message in catalog_messages(locale):
        if held_out(message.catalog) == tuning:
            continue
        if message.catalog != catalog:
            run, catalog = [], message.catalog
        if SHORT_MIN <= len(message.text) < LONG_MIN:
            yield message.text, False
        run.append(message.text)
        if sum(map(len, run)) >= LONG_MIN:
            yield "\n".join(run), True
            run = []


_HAN_RE = re.compile("[\u4e00-\u9fff]")
_LATIN_RE = re.compile("[A-Za-z]")


def _translated(section: str) -> bool:
    """A manual section that was translated: Chinese, not an English page left as it was.

    manpages-zh leaves many pages or sections in English; a section counts as Chinese with
    50+ Han characters that are at least a fifth of its Han and Latin letters.
    """
    han = len(_HAN_RE.findall(section))
    return han >= 50 and han >= 0.2 * (han + len(_LATIN_RE.findall(section)))


def man_sections(locale: str) -> Iterator[tuple[str, list[str]]]:
    """(page, its sections as text) of every manual page of ``locale``."""
    for name, sections in man_page_sections(locale):
        yield name, [f"{head}\n{body}" for head, body in sections]


def language_samples(seed: int = SEED, tuning: bool = False) -> list[Sample]:
    rng = random.Random(seed)
    samples: list[Sample] = []
    for locale, (lang, script) in LOCALES.items():
        docs = list(_message_documents(locale, tuning))
        long = [t for t, is_long in docs if is_long]
        short = [t for t, is_long in docs if not is_long]
        cls = _class(lang, script)
        for group, n in ((long, LONG_PER_LOCALE), (short, SHORT_PER_LOCALE)):
            picked = rng.sample(group, min(n, len(group)))
            samples += [Sample(t, lang, script, cls) for t in picked]
    for locale, script, cls in (("zh_CN", "Hans", "zh-tech"), ("zh_TW", "Hant", "zh-tech-Hant")):
        sections = [s for _, page in man_sections(locale) for s in page if _translated(s)]
        for text in rng.sample(sections, min(TECH_PER_LOCALE, len(sections))):
            samples.append(Sample(text[:600], "zh", script, cls))
    for variant, script in (("zh-cn", "Hans"), ("zh-tw", "Hant")):
        for _, text in reference_sections(variant):
            samples.append(Sample(text[:1000], "zh", script, _class("zh", script)))
    return samples


UNSEEN_PER_SOURCE = 300


def unseen_samples(seed: int = SEED, tuning: bool = False) -> list[Sample]:
    """Translated manual pages and Debian Reference editions (tests/real_text.py).

    Up to UNSEEN_PER_SOURCE documents per language and source, from half the pages and
    sections (by a hash of the page name or section number, as held_out does for catalogs);
    ``tuning`` takes the other half.
    """
    rng = random.Random(seed)
    samples: list[Sample] = []
    sources = [
        *((lang, "man", unseen_man_documents(loc)) for loc, lang in UNSEEN_MAN_LOCALES.items()),
        *((lang, "reference", unseen_reference_documents(lang)) for lang in UNSEEN_REFERENCE),
    ]  # fmt: skip
    for lang, source, documents in sources:
        docs = [text for name, text in documents if held_out(name) != tuning]
        picked = rng.sample(docs, min(UNSEEN_PER_SOURCE, len(docs)))
        samples += [Sample(text, lang, None, f"{lang} {source}") for text in picked]
    return samples


def evaluate_language(samples: list[Sample] | None = None, tuning: bool = False) -> dict[str, Any]:
    """Accuracy of language (and, for Chinese, script) per class, long and short apart.

    ``tuning`` measures the tuning half of the catalogs (for choosing rules) instead of the
    held-out half.
    """
    samples = language_samples(tuning=tuning) if samples is None else samples
    rows: dict[tuple[str, bool], Counter[str]] = {}
    errors: list[dict[str, str]] = []
    for s in samples:
        got = detect_language(s.text)
        is_long = len(s.text) >= LONG_MIN
        row = rows.setdefault((s.cls, is_long), Counter())
        row["n"] += 1
        row["lang"] += got.lang == s.lang
        row["full"] += got.lang == s.lang and (s.script is None or got.script == s.script)
        if got.lang != s.lang and len(errors) < 30:
            errors.append({"class": s.cls, "got": got.lang, "text": s.text[:80]})

    def total(long: bool, promised: bool) -> dict[str, float]:
        picked = [
            c for (cls, is_long), c in rows.items()
            if is_long == long and (cls.split("-")[0].split()[0] in PROMISED) == promised
        ]  # fmt: skip
        n = sum(c["n"] for c in picked)
        return {
            "n": n,
            "language": sum(c["lang"] for c in picked) / n if n else float("nan"),
            "language_and_script": sum(c["full"] for c in picked) / n if n else float("nan"),
        }

    return {
        "per_class": {
            f"{cls} {'50+' if is_long else 'short'}": {
                "n": c["n"],
                "language": c["lang"] / c["n"],
                "language_and_script": c["full"] / c["n"],
            }
            for (cls, is_long), c in sorted(rows.items())
        },
        "promised_long": total(True, True),
        "promised_short": total(False, True),
        "other_long": total(True, False),
        "errors": errors,
    }


# -- quality ---------------------------------------------------------------------------------

MIN_CLEAN = 300
MAX_CLEAN = 2000
DEFECTS_PER_KIND = 90


_TOC_LINE_RE = re.compile(r"^\s*(?:\d+|[A-Z])(?:\.\d+)*\.\s")


def _is_contents(body: str) -> bool:
    """A table of contents (most lines numbered headings): navigation, not text."""
    lines = [line for line in body.split("\n") if line.strip()]
    return sum(bool(_TOC_LINE_RE.match(line)) for line in lines) >= 0.5 * len(lines)


def clean_documents() -> list[str]:
    """Debian Reference sections of 300+ characters, cut at a line break before 2000.

    Tables of contents are left out: they are navigation, which the rules should reject.
    """
    docs = []
    for variant in ("zh-cn", "zh-tw"):
        for heading, body in reference_sections(variant):
            if _is_contents(body):
                continue
            text = f"{heading}\n{body}"
            if len(text) > MAX_CLEAN:
                text = text[: text.rfind("\n", 0, MAX_CLEAN)]
            if len(text) >= MIN_CLEAN:
                docs.append(text)
    return docs


def quality_documents(seed: int = SEED) -> list[tuple[str, str]]:
    """(text, kind): the clean sections, and DEFECTS_PER_KIND damaged ones per defect kind."""
    clean = clean_documents()
    rng = random.Random(seed)
    docs = [(text, "clean") for text in clean]
    for kind in quality_eval.DEFECT_KINDS:
        maker = quality_eval._DEFECT_MAKERS[kind]
        docs += [(maker(rng, rng.choice(clean)), kind) for _ in range(DEFECTS_PER_KIND)]
    return docs


def evaluate_quality(seed: int = SEED) -> dict[str, Any]:
    return quality_eval.evaluate(docs=quality_documents(seed))


# -- PII -------------------------------------------------------------------------------------

_CLAUSE_END_RE = re.compile("[，。；：！？]")


def real_sentences() -> list[str]:
    """Sentences of the Debian Reference prose (Simplified) holding no digit and no '@'."""
    out = []
    for _, body in reference_sections("zh-cn"):
        for line in body.split("\n"):
            for sentence in re.split("(?<=[。！？])", line):
                if 8 <= len(sentence) <= 200 and not re.search(r"[0-9０-９@＠]", sentence):
                    out.append(sentence)
    return out


def _shifted(spans: tuple[pii_eval.Labelled, ...], by: int) -> tuple[pii_eval.Labelled, ...]:
    return tuple(pii_eval.Labelled(s.kind, s.start + by, s.end + by) for s in spans)


def pii_examples(size: int = pii_eval.DEFAULT_SIZE, seed: int = SEED) -> list[pii_eval.Example]:
    """pii_eval sentences spliced into real sentences after a punctuation mark."""
    rng = random.Random(seed)
    hosts = real_sentences()
    examples = []
    for ex in pii_eval.build_eval_set(size, seed):
        host = rng.choice(hosts)
        cuts = [m.end() for m in _CLAUSE_END_RE.finditer(host)] or [len(host)]
        cut = rng.choice(cuts)
        text = host[:cut] + ex.text + host[cut:]
        examples.append(pii_eval.Example(text, _shifted(ex.gold, cut), _shifted(ex.decoys, cut)))
    return examples


def evaluate_pii(seed: int = SEED) -> dict[str, Any]:
    report = pii_eval.evaluate(examples=pii_examples(seed=seed))
    found: Counter[str] = Counter()
    shown: list[str] = []
    for variant in ("zh-cn", "zh-tw"):
        for _, body in reference_sections(variant):
            for span in find_pii(body):
                found[span.kind] += 1
                if len(shown) < 10:
                    shown.append(f"{span.kind}: {span.text}")
    report["untouched_reference"] = {"found": dict(found), "examples": shown}
    return report


# -- report ----------------------------------------------------------------------------------


def _print_language(report: dict[str, Any]) -> None:
    print("| class | n | language | language + script |")
    print("|---|---:|---:|---:|")
    for name, row in report["per_class"].items():
        print(f"| {name} | {row['n']} | {row['language']:.4f} | {row['language_and_script']:.4f} |")
    for key, label in (("promised_long", "**all, 50+ characters**"),
                       ("promised_short", "**all, under 50**"),
                       ("other_long", "other languages, 50+ (not promised)")):  # fmt: skip
        row = report[key]
        print(f"| {label} | {row['n']} | {row['language']:.4f} "
              f"| {row['language_and_script']:.4f} |")  # fmt: skip
    for error in report["errors"][:15]:
        print("WRONG", error)


def main(which: list[str]) -> None:
    missing = missing_sources()
    if missing:
        sys.exit("real text missing; install with apt-get: " + " ".join(missing))
    tuning = "--tuning" in which
    which = [w for w in which if w != "--tuning"]
    half = "tuning half" if tuning else "held-out half"
    if not which or "language" in which:
        print(f"## Language and script on real text ({half} of the catalogs)\n")
        _print_language(evaluate_language(tuning=tuning))
    if not which or "unseen" in which:
        print(f"\n## Language on manual pages and Debian Reference editions ({half})\n")
        _print_language(evaluate_language(unseen_samples(tuning=tuning)))
    if not which or "quality" in which:
        print("\n## Quality separation on real text\n")
        quality_eval._print_report(evaluate_quality())
    if not which or "pii" in which:
        print("\n## PII in real sentences\n")
        report = evaluate_pii()
        pii_eval._print_report(report)
        print("\nfind_pii on the untouched Debian Reference:", report["untouched_reference"])


if __name__ == "__main__":
    main(sys.argv[1:])
