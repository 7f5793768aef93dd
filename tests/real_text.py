"""Real text for evaluation, written by people outside the project and never tuned on.

Three kinds of text that a Debian system carries or installs from its own archive:

- gettext catalogs (``/usr/share/locale/<locale>/LC_MESSAGES/*.mo``): the translations of
  the system's programs, written by translators, one catalog per program and language.
  The locale names the language (``zh_CN`` Simplified, ``zh_TW``/``zh_HK`` Traditional,
  ``en_GB`` English, ...). Every base system has some; more packages bring more.
- Chinese manual pages (package ``manpages-zh``, ``/usr/share/man/zh_CN`` and ``zh_TW``):
  technical Chinese full of commands, options and paths.
- The Debian Reference in Simplified and Traditional Chinese (packages
  ``debian-reference-zh-cn`` and ``-zh-tw``, ``/usr/share/debian-reference``): long
  technical prose, as text and as a PDF.

Text the language rules were never tuned on, read only to report figures
(``unseen_man_documents``, ``unseen_reference_documents``): manual pages translated into
German, French, Spanish, Russian, Japanese, Vietnamese, Portuguese and Korean (packages
``manpages-de`` ...), and the Debian Reference in German, French, Spanish, Italian, Japanese
and Portuguese (with the English edition, to tell translated lines from lines left as they
were).

``.ci/run`` installs these packages when they are missing. Nothing here is copied into the
project: the loaders read the files where the system keeps them.
"""

from __future__ import annotations

import gzip
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LOCALE_DIR = Path("/usr/share/locale")
MAN_DIR = Path("/usr/share/man")
REFERENCE_DIR = Path("/usr/share/debian-reference")
PACKAGES = ("debian-reference-zh-cn", "debian-reference-zh-tw", "manpages-zh")
# The unseen set: manual page locale -> language, and Debian Reference editions.
UNSEEN_MAN_LOCALES = {
    "de": "de", "fr": "fr", "es": "es", "ru": "ru", "ja": "ja", "vi": "vi", "pt_BR": "pt",
    "ko": "ko",
}  # fmt: skip
UNSEEN_REFERENCE = ("de", "fr", "es", "it", "ja", "pt")

# Locale directory -> (ISO 639-1 language, Chinese script or None).
LOCALES: dict[str, tuple[str, str | None]] = {
    "zh_CN": ("zh", "Hans"), "zh_Hans": ("zh", "Hans"), "zh_TW": ("zh", "Hant"),
    "zh_HK": ("zh", "Hant"), "zh_Hant": ("zh", "Hant"), "ja": ("ja", None), "ko": ("ko", None),
    "en_GB": ("en", None), "en_AU": ("en", None), "en_CA": ("en", None), "fr": ("fr", None),
    "de": ("de", None), "es": ("es", None), "ru": ("ru", None), "ar": ("ar", None),
    "vi": ("vi", None), "it": ("it", None), "pt": ("pt", None), "pt_BR": ("pt", None),
    "nl": ("nl", None), "pl": ("pl", None), "sv": ("sv", None), "tr": ("tr", None),
    "uk": ("uk", None), "cs": ("cs", None), "el": ("el", None), "he": ("he", None),
    "th": ("th", None), "hi": ("hi", None), "id": ("id", None), "hu": ("hu", None),
    "fi": ("fi", None), "da": ("da", None), "ro": ("ro", None),
}  # fmt: skip


# Catalogs of names (languages, countries, currencies, scripts, keyboard layouts): their
# entries are proper names, not running text of the locale's language.
NAME_LIST_CATALOGS = ("iso_", "xkeyboard-config")


@dataclass(frozen=True)
class Message:
    catalog: str  # e.g. "zh_CN/apt"
    text: str


def missing_sources() -> list[str]:
    """What is absent, as Debian package names or paths (empty when everything is here)."""
    missing = []
    if not (REFERENCE_DIR / "debian-reference.zh-cn.txt.gz").exists():
        missing.append("debian-reference-zh-cn")
    if not (REFERENCE_DIR / "debian-reference.zh-tw.txt.gz").exists():
        missing.append("debian-reference-zh-tw")
    if not (MAN_DIR / "zh_CN" / "man1" / "ls.1.gz").exists():
        missing.append("manpages-zh")
    if not any(LOCALE_DIR.glob("zh_CN/LC_MESSAGES/*.mo")):
        missing.append(f"{LOCALE_DIR}/zh_CN/LC_MESSAGES/*.mo")
    for locale in UNSEEN_MAN_LOCALES:
        if locale != "ko" and not any((MAN_DIR / locale).glob("man1/*.gz")):
            missing.append(f"manpages-{locale.lower().replace('_', '-')}")
    for edition in (*UNSEEN_REFERENCE, "en"):
        if not (REFERENCE_DIR / f"debian-reference.{edition}.txt.gz").exists():
            missing.append(f"debian-reference-{edition}")
    return missing


# -- gettext catalogs -------------------------------------------------------------------------


def read_mo(path: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a GNU .mo file; plural forms joined by newlines.

    Layout: magic, revision, count N, offset of the original-string table, offset of the
    translation table; each table holds N (length, offset) pairs.
    """
    data = path.read_bytes()
    if len(data) < 20:
        return []
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">" if magic == 0xDE120495 else None
    if order is None:
        return []
    _, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    pairs = []
    for i in range(count):
        olen, ooff = struct.unpack(order + "2I", data[originals + 8 * i : originals + 8 * i + 8])
        tlen, toff = struct.unpack(
            order + "2I", data[translations + 8 * i : translations + 8 * i + 8]
        )
        try:
            msgid = data[ooff : ooff + olen].decode("utf-8")
            msgstr = data[toff : toff + tlen].decode("utf-8")
        except UnicodeDecodeError:
            return []  # a catalog in a legacy charset: leave it out whole
        pairs.append((msgid.replace("\0", "\n"), msgstr.replace("\0", "\n")))
    return pairs


# printf and brace format specifiers, markup tags (not translated <参数> names), entities,
# mnemonic underscores ("_Open"; not those inside identifiers such as max_wal_senders, which
# would become English words) and escapes
_FORMAT_RE = re.compile(
    r"%[-+ #0-9.]*[a-zA-Z]|\{\w*\}|</?[A-Za-z][^>]*>|&\w+;|(?<!\w)_(?=\w)|\\[nt]"
)
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_CJK_RE = {"zh": re.compile("[\u4e00-\u9fff]"), "ja": re.compile("[\u3040-\u30ff]"),
           "ko": re.compile("[\uac00-\ud7a3]")}  # fmt: skip


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD_RE.findall(text)}


def is_text(message: str, lang: str) -> bool:
    """Whether a translated message is text at all, not a name, size or command synopsis.

    Chinese, Japanese and Korean messages need two characters of their script (kana for
    Japanese); others two words of three or more letters.
    """
    cjk = _CJK_RE.get(lang)
    if cjk is not None:
        return len(cjk.findall(message)) >= 2
    return len(_WORD_RE.findall(message)) >= 2


def catalog_messages(locale: str) -> Iterator[Message]:
    """Translated messages of every catalog of ``locale``, catalogs in name order.

    Skipped: the header (empty msgid), untranslated messages (msgstr equal to msgid, or
    holding no word the msgid lacks: "git add [<Datei>...]" for "git add [<file>...]" is
    left as it was but for its placeholders, which are markup and removed) and messages that
    are not text (see is_text) once format specifiers and markup are removed.
    """
    lang = LOCALES[locale][0]
    for path in sorted((LOCALE_DIR / locale / "LC_MESSAGES").glob("*.mo")):
        if path.stem.startswith(NAME_LIST_CATALOGS):
            continue
        name = f"{locale}/{path.stem}"
        for msgid, msgstr in read_mo(path):
            if not msgid or msgstr == msgid:
                continue
            text = " ".join(_FORMAT_RE.sub(" ", msgstr).split())
            if is_text(text, lang) and not _words(text) <= _words(_FORMAT_RE.sub(" ", msgid)):
                yield Message(name, text)


# -- manual pages -----------------------------------------------------------------------------

# font changes (\fB), zero-width and spacing escapes, special characters, sizes
_ROFF_ESCAPE_RE = re.compile(
    r"\\f(?:\[[^\]]*\]|\(..|.)|\\[,/&|^%]|\\\(..|\\\*\(..|\\\*.|\\s[-+]?\d"
)
_MACRO_WITH_TEXT = frozenset({"SH", "SS", "B", "I", "BR", "BI", "IB", "IR", "RB", "RI", "TP", "IP"})


def roff_text(source: str) -> list[tuple[str, str]]:
    """(section heading, plain text) of a man page, roughly: macros out, their text kept."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    for raw in source.splitlines():
        line = raw.replace("\\-", "-").replace("\\e", "\\").replace("\\ ", " ")
        if line.startswith((".\\\"", "'\\\"", '.\\"')):
            continue
        if line.startswith((".", "'")):
            macro, _, rest = line[1:].partition(" ")
            if macro == "SH":
                sections.append((rest.strip().strip('"'), []))
                continue
            if macro not in _MACRO_WITH_TEXT or not rest.strip():
                continue
            line = rest.replace('"', "")
        line = _ROFF_ESCAPE_RE.sub("", line).strip()
        if line:
            sections[-1][1].append(line)
    return [(head, "\n".join(lines)) for head, lines in sections if lines]


def man_page_sections(locale: str) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """(page name, its (heading, text) sections) of every manual page of ``locale``."""
    for path in sorted((MAN_DIR / locale).glob("man*/*.gz")):
        try:
            source = gzip.decompress(path.read_bytes()).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        sections = roff_text(source)
        if sections:
            yield path.name.removesuffix(".gz"), sections


# -- the Debian Reference --------------------------------------------------------------------

_HEADING_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.|[A-Z]\.\d+(?:\.\d+)*\.)\s+\S")  # "1.3.5.\xa0 MC"
_HAN_END_RE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$")
_HAN_START_RE = re.compile(r"^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _unwrap(lines: list[str]) -> str:
    """One paragraph from its hard-wrapped lines: no space where two Han characters meet."""
    out = ""
    for line in (s.strip() for s in lines):
        if out and not (_HAN_END_RE.search(out) and _HAN_START_RE.match(line)):
            out += " "
        out += line
    return out


def reference_sections(variant: str) -> list[tuple[str, str]]:
    """(heading, text) of each numbered section of the Debian Reference text (zh-cn, zh-tw).

    The text edition wraps paragraphs at about 70 columns; paragraphs are unwrapped here so
    the documents are as an author wrote them. Tables, lists and code blocks (indented
    deeper than prose, or drawn with | and +) keep their lines.
    """
    path = REFERENCE_DIR / f"debian-reference.{variant}.txt.gz"
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    sections: list[tuple[str, list[str]]] = []
    block: list[str] = []

    def flush() -> None:
        if block and sections:
            # a paragraph: every line indented 4-7 (spaces and no-break spaces); lists,
            # prompts and tables start otherwise, code is indented deeper
            first = block[0].lstrip(" \xa0")
            prose = not first.startswith(("* ", "$ ", "# ", "|", "+")) and all(
                4 <= len(s) - len(s.lstrip(" \xa0")) <= 7 and not s.strip().startswith(("|", "+"))
                for s in block
            )
            if prose:
                sections[-1][1].append(_unwrap(block))
            else:
                sections[-1][1].extend(s.rstrip().replace("\xa0", " ") for s in block)
        block.clear()

    for line in lines:
        if _HEADING_RE.match(line):
            flush()
            sections.append((line.strip(), []))
        elif not line.strip():
            flush()
        else:
            block.append(line)
    flush()
    return [(head, "\n".join(body)) for head, body in sections if body]


def reference_pdf() -> Path:
    return REFERENCE_DIR / "debian-reference.zh-cn.pdf"


# -- the unseen set ---------------------------------------------------------------------------


def _english_man_words(page: str) -> set[str]:
    """The words of the English manual page ``page`` (e.g. ``ls.1``), empty without one."""
    words: set[str] = set()
    for path in MAN_DIR.glob(f"man*/{page}.gz"):
        try:
            source = gzip.decompress(path.read_bytes()).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for _, text in roff_text(source):
            words |= _words(text)
    return words


def _translated_lines(text: str, english: set[str]) -> str:
    """The lines of ``text`` most of whose words the English original lacks.

    The others (synopses, options, paths, lists of pages to see, English paragraphs left
    untranslated but for a cross-reference) are not text of the translation's language,
    however their lines were wrapped.
    """
    return "\n".join(line for line in text.split("\n") if _mostly_new(line, english))


def _mostly_new(line: str, english: set[str]) -> bool:
    words = _WORD_RE.findall(line)
    return sum(word.casefold() not in english for word in words) * 2 > len(words)


def unseen_man_documents(locale: str, head: int = 600) -> Iterator[tuple[str, str]]:
    """(page, section) of the translated manual pages of ``locale``, translated lines only.

    Pages without their English original installed are left out. What is left of a section
    (see _translated_lines) is a document when it has 50+ characters and is text (see
    is_text); its first ``head`` characters are used.
    """
    for name, sections in man_page_sections(locale):
        english = _english_man_words(name)
        translated = set().union(*(_words(text) for _, text in sections))
        if len(english) < 0.3 * len(translated):
            # no English page, or not the original (rbash.1 only points to bash.1): nothing
            # tells what was translated
            continue
        for _, text in sections:
            kept = _translated_lines(text, english)
            if len(kept) >= 50 and is_text(kept, UNSEEN_MAN_LOCALES[locale]):
                yield name, kept[:head]


def unseen_reference_documents(edition: str, head: int = 1000) -> Iterator[tuple[str, str]]:
    """(heading, text) of the Debian Reference ``edition``, translated lines only (as above)."""
    english: set[str] = set()
    for _, body in reference_sections("en"):
        english |= _words(body)
    for heading, body in reference_sections(edition):
        kept = _translated_lines(body, english)
        if len(kept) >= 50 and is_text(kept, edition):
            yield heading.split()[0], kept[:head]
