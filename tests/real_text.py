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

``.ci/run`` installs the three packages when they are missing. Nothing here is copied into
the project: the loaders read the files where the system keeps them.
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
# mnemonic underscores and escapes
_FORMAT_RE = re.compile(
    r"%[-+ #0-9.]*[a-zA-Z]|\{\w*\}|</?[A-Za-z][^>]*>|&\w+;|_(?=\w)|\\[nt]"
)
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_CJK_RE = {"zh": re.compile("[\u4e00-\u9fff]"), "ja": re.compile("[\u3040-\u30ff]"),
           "ko": re.compile("[\uac00-\ud7a3]")}  # fmt: skip


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

    Skipped: the header (empty msgid), untranslated messages (msgstr equal to msgid) and
    messages that are not text (see is_text) once format specifiers and markup are removed.
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
            if is_text(text, lang):
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
