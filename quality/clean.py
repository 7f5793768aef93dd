"""Text cleaning: mojibake, PDF extraction artifacts, control characters, whitespace.

Every repair is conservative: good text (full-width Chinese punctuation, English, lists,
law clauses, tables, code) comes out unchanged, and each change is counted so a run can
report what it did.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from pydantic import BaseModel, ConfigDict

from quality._chars import HAN_CLASS, SCRIPT_ID, codepoints, common_han_table, script_table
from quality.mojibake import GBK_MIN_UNCOMMON, fix_gbk_mojibake, fix_latin1_mojibake
from quality.pdf_repair import repair_pdf_text
from quality.text_normalize import opencc_converter


class CleanOptions(BaseModel):
    """Which repairs :func:`clean_text` applies."""

    model_config = ConfigDict(extra="forbid")

    fix_mojibake: bool = True
    repair_pdf: bool = True
    normalize_whitespace: bool = True
    strip_control: bool = True
    to_simplified: bool = False


@dataclass
class CleanResult:
    """Cleaned text and the number of repairs of each kind (non-zero entries only)."""

    text: str
    repairs: dict[str, int] = field(default_factory=dict)


# Page and vertical-tab breaks, NEL and the Unicode line/paragraph separators end a line.
_LINE_BREAK_CONTROLS_RE = re.compile("[\f\v\x85\u2028\u2029]")
# C0/C1 controls but \t \n \r, DEL, lone surrogates (they cannot even be written to
# Parquet), BOM, zero-width space, word joiner and soft hyphen: invisible debris. Zero-width
# (non-)joiners stay: emoji sequences and Indic/Persian spelling need them.
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\u200b\u2060\u00ad]+"
)

_CRLF_RE = re.compile(r"\r\n?")
# Exotic spaces inside a line become an ordinary space; at the start of a line, ideographic
# and no-break spaces are paragraph indentation and go.
_INDENT_RE = re.compile("^[\u3000\u00a0]+", re.MULTILINE)
_ODD_SPACE_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
_TRAILING_SPACE_RE = re.compile("[ \t\u3000]+$", re.MULTILINE)
_BLANK_RUN_RE = re.compile(r"\n{3,}")
# Letter-spaced Han ("杨 洋", "目 录"): single Han characters separated by single spaces.
# "床前明月光 疑是地上霜" or "刘冬梅 杨洋" keep their spaces: only lone characters are joined.
_LETTER_SPACED_RE = re.compile(
    f"(?<![{HAN_CLASS} ])[{HAN_CLASS}](?: [{HAN_CLASS}])+(?![{HAN_CLASS}])"
)

# Exotic and trailing spaces, letter-spaced Han: cheap substring tests rule these out first.
_TRAILING_SPACE_ENDS = (" \n", "\t\n", "\u3000\n")
_HAN_SPACE_HAN_RE = re.compile(f" (?<=[{HAN_CLASS}] )(?=[{HAN_CLASS}])")  # literal first: fast

_DEFAULT_OPTIONS = CleanOptions()

# Bits of a per-character table telling which repairs a text may need at all: one lookup
# over the code points replaces a regex scan per repair on the (many) texts that need none.
_C_LATIN1_LEAD = 1  # Â..ô: every Latin-1/cp1252 mojibake pair starts with one
_C_REPLACEMENT = 2  # U+FFFD
_C_UNCOMMON_HAN = 4  # Han outside the common GB2312/Big5 sets: GBK mojibake
_C_CONTROL = 8  # what strip_controls removes or turns into a line break
_C_CR = 16
_C_INDENT = 32  # ideographic / no-break space (paragraph indentation)
_C_ODD_SPACE = 64


@cache
def _repair_table() -> np.ndarray:
    """uint8 bit set (the _C_* bits) for every code point."""
    scripts = script_table()
    table = np.zeros(scripts.size, dtype=np.uint8)
    table[0xC2:0xF5] |= _C_LATIN1_LEAD
    table[0xFFFD] |= _C_REPLACEMENT
    table[(scripts == SCRIPT_ID["Hani"]) & ~common_han_table()] |= _C_UNCOMMON_HAN
    # The classes come from the regexes themselves, so the table cannot drift from them;
    # they all lie in the BMP (lone surrogates included).
    every_char = "".join(map(chr, range(0x10000)))
    for pattern, bit in (
        (_LINE_BREAK_CONTROLS_RE, _C_CONTROL),
        (_CONTROL_RE, _C_CONTROL),
        (_INDENT_CHARS_RE, _C_INDENT),
        (_ODD_SPACE_RE, _C_ODD_SPACE),
    ):
        for m in pattern.finditer(every_char):
            table[m.start() : m.end()] |= bit
    table[ord("\r")] |= _C_CR
    return table


_INDENT_CHARS_RE = re.compile("[\u3000\u00a0]")


def _repairs_possible(text: str) -> tuple[int, int]:
    """(_C_* bits present in text, number of uncommon Han characters)."""
    bits = _repair_table()[codepoints(text)]
    present = int(np.bitwise_or.reduce(bits)) if bits.size else 0
    uncommon = int(np.count_nonzero(bits & _C_UNCOMMON_HAN)) if present & _C_UNCOMMON_HAN else 0
    return present, uncommon


def strip_controls(text: str) -> tuple[str, int]:
    """Remove control and invisible characters; page breaks become line breaks."""
    text, breaks = _LINE_BREAK_CONTROLS_RE.subn("\n", text)
    text, removed = _CONTROL_RE.subn("", text)
    return text, breaks + removed


def normalize_whitespace(text: str) -> tuple[str, int]:
    """Line endings, odd spaces, trailing spaces, blank-line runs and letter-spaced Han."""
    return _normalize_whitespace(text, _C_CR | _C_INDENT | _C_ODD_SPACE)


def _normalize_whitespace(text: str, present: int) -> tuple[str, int]:
    """normalize_whitespace; ``present`` (_C_* bits) may rule out the first three steps."""
    changes = 0
    if present & _C_CR:
        text, n = _CRLF_RE.subn("\n", text)
        changes += n
    if present & _C_INDENT:
        text, n = _INDENT_RE.subn("", text)
        changes += n
    if present & _C_ODD_SPACE:
        text, n = _ODD_SPACE_RE.subn(" ", text)
        changes += n
    if text.endswith((" ", "\t", "\u3000")) or any(e in text for e in _TRAILING_SPACE_ENDS):
        text, n = _TRAILING_SPACE_RE.subn("", text)
        changes += n
    if " " in text and _HAN_SPACE_HAN_RE.search(text):
        text, n = _LETTER_SPACED_RE.subn(lambda m: m.group().replace(" ", ""), text)
        changes += n
    if "\n\n\n" in text:
        text, n = _BLANK_RUN_RE.subn("\n\n", text)
        changes += n
    stripped = text.strip("\n")
    if stripped != text:
        changes += 1
    return stripped, changes


def _to_simplified(text: str) -> tuple[str, int]:
    converted = opencc_converter("t2s.json").convert(text)
    if converted == text:
        return text, 0
    if len(converted) == len(text):
        return converted, sum(map(str.__ne__, text, converted))
    return converted, 1


def clean_text(text: str, options: CleanOptions | None = None) -> CleanResult:
    """Clean one document's text; see :class:`CleanOptions` for what is done."""
    opts = options or _DEFAULT_OPTIONS
    repairs: Counter[str] = Counter()
    # Repairs only remove characters or add spaces and line breaks, so what the input lacks
    # the later steps will lack too; only a mojibake repair calls for a fresh look.
    present, uncommon = _repairs_possible(text)
    if opts.fix_mojibake:
        # fix_mojibake, skipping each repair the text gives no occasion for
        latin = gbk = 0
        if present & (_C_LATIN1_LEAD | _C_REPLACEMENT):
            text, latin = fix_latin1_mojibake(text)
            if latin:
                present, uncommon = _repairs_possible(text)
        if uncommon >= GBK_MIN_UNCOMMON:
            text, gbk = fix_gbk_mojibake(text)
            if gbk:
                present, uncommon = _repairs_possible(text)
        repairs["mojibake"] += latin + gbk
    if opts.repair_pdf:
        text, pdf_repairs = repair_pdf_text(text)
        repairs.update(pdf_repairs)
    if opts.strip_control and present & _C_CONTROL:
        text, n = strip_controls(text)
        repairs["control_chars"] += n
    if opts.normalize_whitespace:
        text, n = _normalize_whitespace(text, present)
        repairs["whitespace"] += n
    if opts.to_simplified:
        text, n = _to_simplified(text)
        repairs["to_simplified"] += n
    return CleanResult(text, {name: n for name, n in repairs.items() if n})
