"""Text cleaning: mojibake, PDF extraction artifacts, control characters, whitespace.

Every repair is conservative: good text (full-width Chinese punctuation, English, lists,
law clauses, tables, code) comes out unchanged, and each change is counted so a run can
report what it did.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from quality._chars import HAN_CLASS
from quality.mojibake import fix_mojibake
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

_DEFAULT_OPTIONS = CleanOptions()


def strip_controls(text: str) -> tuple[str, int]:
    """Remove control and invisible characters; page breaks become line breaks."""
    text, breaks = _LINE_BREAK_CONTROLS_RE.subn("\n", text)
    text, removed = _CONTROL_RE.subn("", text)
    return text, breaks + removed


def normalize_whitespace(text: str) -> tuple[str, int]:
    """Line endings, odd spaces, trailing spaces, blank-line runs and letter-spaced Han."""
    changes = 0
    text, n = _CRLF_RE.subn("\n", text)
    changes += n
    text, n = _INDENT_RE.subn("", text)
    changes += n
    text, n = _ODD_SPACE_RE.subn(" ", text)
    changes += n
    text, n = _TRAILING_SPACE_RE.subn("", text)
    changes += n
    if " " in text:
        text, n = _LETTER_SPACED_RE.subn(lambda m: m.group().replace(" ", ""), text)
        changes += n
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
    if opts.fix_mojibake:
        text, n = fix_mojibake(text)
        repairs["mojibake"] += n
    if opts.repair_pdf:
        text, pdf_repairs = repair_pdf_text(text)
        repairs.update(pdf_repairs)
    if opts.strip_control:
        text, n = strip_controls(text)
        repairs["control_chars"] += n
    if opts.normalize_whitespace:
        text, n = normalize_whitespace(text)
        repairs["whitespace"] += n
    if opts.to_simplified:
        text, n = _to_simplified(text)
        repairs["to_simplified"] += n
    return CleanResult(text, {name: n for name, n in repairs.items() if n})
