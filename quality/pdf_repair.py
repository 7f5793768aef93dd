"""Repair of text extracted from PDFs.

Extraction leaves lines broken wherever the page wrapped them (often with blank lines in
between), page numbers and running headers between pages, bold headings whose every glyph run
was emitted k times ("以以以以““““链式思维链式思维..."), and titles repeated on one line. All of
this is repaired only when the document looks PDF-extracted: ordinary prose, Markdown, code
and tables come back unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# Line ends after which a line break is a real break: sentence ends, closing brackets,
# colons that introduce what follows. A closing quote ends a sentence only after one of
# these ("……。”"); "坚持“科研即服务”" at a line end is mid-sentence.
TERMINAL = frozenset("。！？!?；;：:…）)】》〉]．.")
_CLOSING_QUOTES = frozenset("」』”’\"'")
# Sentence ends only: a header/footer line never ends with one of these.
_SENTENCE_END = frozenset("。！？!?；;.")
_SENTENCE_PUNCT_RE = re.compile(r"[，。；！？,;!?]")

# Structure that starts a line of its own: law clauses and chapters, Chinese and Arabic
# enumerations, circled numbers, bullets, Markdown markers and fences.
_CN_NUM = "一二三四五六七八九十百千零〇两"
_STRUCTURAL_START_RE = re.compile(
    rf"""(?x)
    第[{_CN_NUM}\d]+[条章节编款项篇部]
    | 第[{_CN_NUM}]+[，,、]
    | [{_CN_NUM}]{{1,3}}[、．]
    | [{_CN_NUM}]{{1,2}}是
    | [（(][{_CN_NUM}\d]{{1,3}}[）)]
    | \d{{1,3}}[、)）]
    | \d{{1,3}}[.．](?!\d)
    | [①-⑳⑴-⒇⒈-⒛]
    | [•·●○■□◆◇▪▶►✓✔※★☆]
    | [-*+](?=\s)
    | [a-zA-Z][.)](?=\s)
    | (?:首先|其次|再次|最后)[，,]
    | \#{{1,6}}\s | > | \|
    | [\[【(（]\d{{4}}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?[\]】)）]
    | (?:上一篇|下一篇|上一条|下一条|当前位置|责任编辑|主办单位|来源)[：:]
    | 返回顶部 | 上一页 | 下一页
    """
)
"""Line starts that never continue the previous line's sentence: clauses, list items, Markdown,
dated list entries of news pages ("[2024-05-01] ..."), and web page furniture (上一篇：...)."""
# "1 引言", "2.1思想理论基础": a numbered heading, recognised only on a short line without
# sentence punctuation that does not continue the previous line.
_HEADING_RE = re.compile(
    r"\d{1,2}(?:[.．]\d{1,2}){0,3}\s*[^\d\s.．,，。、%％年月日号个万亿元次位名家条项)）]"
)
_HEADING_MAX_CHARS = 30
_FENCE_RE = re.compile(r"\s*(?:```|~~~)")
_INDENTED_CODE_RE = re.compile(r"(?: {4,}|\t)\S")
# Two gaps of 2+ spaces (or tabs / pipes): columns of a table.
_TABLE_RE = re.compile(r"\S(?:[ \u3000]{2,}|\t)\S.*?(?:[ \u3000]{2,}|\t)\S|\|.*\|")
_TABLE_GAPS = ("  ", "\u3000\u3000", " \u3000", "\u3000 ")  # a column gap holds one of these

_PAGE_NUMBER_RE = re.compile(
    r"""(?ix)
    [-–—~]\s*\d{1,4}\s*[-–—~]
    | 第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?
    | \d{1,4}\s*/\s*\d{1,4}
    | (?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?
    | \d{1,3}
    | (?-i:[ivx]{1,5})
    """
)
_PAGE_TOKEN_RE = re.compile(
    r"(?i)第\s*\d{1,4}\s*页|[-–—]\s*\d{1,4}\s*[-–—]|page\s*\d|\d+\s*/\s*\d+"
)
_DIGITS_SPACE_RE = re.compile(r"[\d\s]+")

# Running headers and footers: short lines seen on many pages.
_HEADER_MAX_CHARS = 40
_HEADER_MIN_REPEATS = 3
_EDGE_DISTANCE = 2  # non-blank lines between a header and a page break / page number

# Wrapped lines: the wrap width is the 90th percentile width of prose lines; a line at
# least this share of it that ends mid-sentence was broken by the page, not by the author.
_FULL_LINE_SHARE = 0.8
_MIN_WRAP_WIDTH = 16  # display columns (a Han character is 2)
_MAX_WRAP_WIDTH = 240  # beyond this, lines are paragraphs, not page lines
_MIN_BROKEN_LINES = 3
_MIN_BROKEN_SHARE = 0.25

# Repeated headings: units of up to this many characters, each emitted k times in a row.
_MAX_UNIT = 40
_MAX_REPEAT_LINE = 600
_KFOLD_START = {
    k: re.compile(rf"(.{{1,{_MAX_UNIT}}}?)\1{{{k - 1}}}", re.DOTALL) for k in (4, 3, 2)
}
_MIN_TITLE_UNIT = 4
# Some segment starts with a unit written twice: necessary for any collapse below.
_MAY_REPEAT_RE = re.compile(rf"(?:^|\s)(.{{1,{_MAX_UNIT}}}?)\1", re.DOTALL)
_MIN_INLINE_GROUPS = 4
_WORDISH_RE = re.compile(r"[^\W\d_]")
_WS_SPLIT_RE = re.compile(r"(\s+)")

# A cheap look at the whole text decides whether the line-level analysis is worth running.
_BROKEN_END_RE = re.compile(r"[^\s" + re.escape("".join(TERMINAL)) + r"]\n")
_KFOLD_LINE_RE = re.compile(rf"^[ \t\u3000]*(.{{1,{_MAX_UNIT}}}?)\1{{3}}", re.MULTILINE)

BLANK, BREAK, CONTENT, DROPPED = 0, 1, 2, 3


@dataclass
class _Doc:
    raw: list[str]
    text: list[str]  # stripped lines
    kind: list[int]
    frozen: list[bool]  # code, tables: never touched
    width: list[int] = field(default_factory=list)
    structural: list[bool] = field(default_factory=list)
    repairs: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.width = [width(t) for t in self.text]
        self.structural = [_is_structural(t) for t in self.text]

    def set_text(self, i: int, text: str) -> None:
        self.text[i] = text
        self.width[i] = width(text)
        self.structural[i] = _is_structural(text)


def width(line: str) -> int:
    """Display width: a CJK character takes two columns (bytes + chars, halved, for speed)."""
    return (len(line.encode("utf-8", "surrogatepass")) + len(line)) // 2


def _ends_terminal(line: str) -> bool:
    if not line:
        return False
    last = line[-1]
    if last in _CLOSING_QUOTES:
        stripped = line.rstrip("".join(_CLOSING_QUOTES))
        return bool(stripped) and stripped[-1] in TERMINAL
    return last in TERMINAL


def _is_structural(line: str) -> bool:
    return bool(_STRUCTURAL_START_RE.match(line))


def _is_heading(line: str) -> bool:
    return (
        len(line) <= _HEADING_MAX_CHARS
        and bool(_HEADING_RE.match(line))
        and not _SENTENCE_PUNCT_RE.search(line)
    )


def _is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER_RE.fullmatch(line))


def _split(text: str) -> _Doc:
    if "\f" in text:
        text = text.replace("\f", "\n\f\n")
    raw = text.split("\n")
    stripped = [line.strip() for line in raw]
    kind = [
        BREAK if r == "\f" else CONTENT if s else BLANK
        for r, s in zip(raw, stripped, strict=True)
    ]
    frozen = [False] * len(raw)
    # Fences, indented code and tables need these; most documents have none of them.
    fences = "```" in text or "~~~" in text
    indents = "    " in text or "\t" in text
    tables = "|" in text or "\t" in text or any(gap in text for gap in _TABLE_GAPS)
    if not (fences or indents or tables):
        return _Doc(raw, stripped, kind, frozen)
    in_fence = False
    for i, line in enumerate(raw):
        if fences and _FENCE_RE.match(line):
            frozen[i] = True
            in_fence = not in_fence
        elif (
            in_fence
            or (indents and _INDENTED_CODE_RE.match(line))
            or (tables and _TABLE_RE.search(stripped[i]))
        ):
            frozen[i] = True
    return _Doc(raw, stripped, kind, frozen)


def wrap_width(doc: _Doc) -> tuple[int, bool]:
    """(wrap width, whether the prose lines look hard-wrapped by a page layout)."""
    prose = [
        i
        for i, k in enumerate(doc.kind)
        if k == CONTENT
        and not doc.frozen[i]
        and not doc.structural[i]
        and not _is_page_number(doc.text[i])
    ]
    if len(prose) < _MIN_BROKEN_LINES + 1:
        return 0, False
    widths = sorted(doc.width[i] for i in prose)
    wrap = widths[int(0.9 * (len(widths) - 1))]
    if not _MIN_WRAP_WIDTH <= wrap <= _MAX_WRAP_WIDTH:
        return wrap, False
    full = _FULL_LINE_SHARE * wrap
    broken = sum(1 for i in prose if doc.width[i] >= full and not _ends_terminal(doc.text[i]))
    return wrap, broken >= _MIN_BROKEN_LINES and broken >= _MIN_BROKEN_SHARE * len(prose)


# --- repeated headings and titles -------------------------------------------------------


def _kfold_units(seg: str, k: int, start: int, failed: set[int]) -> list[str] | None:
    """Split seg[start:] into units each written k times in a row, or None."""
    if start == len(seg):
        return []
    if start in failed:
        return None
    for size in range(1, min(_MAX_UNIT, (len(seg) - start) // k) + 1):
        unit = seg[start : start + size]
        if seg.startswith(unit * k, start):
            rest = _kfold_units(seg, k, start + k * size, failed)
            if rest is not None:
                return [unit, *rest]
    failed.add(start)
    return None


def _kfold_prefix(seg: str, k: int) -> tuple[list[str], int]:
    """Greedy run of k-fold units at the start of seg: (units, characters consumed)."""
    units: list[str] = []
    pos = 0
    while True:
        for size in range(1, min(_MAX_UNIT, (len(seg) - pos) // k) + 1):
            unit = seg[pos : pos + size]
            if seg.startswith(unit * k, pos):
                units.append(unit)
                pos += k * size
                break
        else:
            return units, pos


def _title_unit(seg: str) -> str | None:
    """The unit of a segment that is one title written 2+ times, or None."""
    if len(seg) < 2 * _MIN_TITLE_UNIT:
        return None
    period = (seg + seg).find(seg, 1)
    if period >= len(seg) or period < _MIN_TITLE_UNIT:
        return None
    unit = seg[:period]
    return unit if len(_WORDISH_RE.findall(unit)) >= 2 else None


@dataclass
class _Collapse:
    text: str
    kind: str  # "repeated_headings" or "repeated_title"
    k: int = 0  # repeat factor of a heading


def _collapse_kfold(seg: str, allow_weak: bool) -> _Collapse | None:
    for k in (4, 3, 2):
        if not _KFOLD_START[k].match(seg):
            continue
        units = _kfold_units(seg, k, 0, set()) if len(seg) % k == 0 else None
        if units is not None:
            # Four copies of two or more different runs cannot be prose; doubled and tripled
            # runs ("谢谢", "常常") are, unless a whole line of them sits in a PDF-like
            # document. One unit over and over ("========", "哈哈哈哈") is not a heading.
            varied = len(set(units)) >= 2
            if varied and (
                (k == 4 and len(units) >= 2)
                or (allow_weak and len(units) >= (2 if k == 3 else _MIN_INLINE_GROUPS))
            ):
                return _Collapse("".join(units), "repeated_headings", k)
            return None
        units, used = _kfold_prefix(seg, k)
        if allow_weak and k >= 3 and len(set(units)) >= _MIN_INLINE_GROUPS:
            return _Collapse("".join(units) + seg[used:], "repeated_headings", k)
    return None


def _collapse_segment(seg: str, allow_weak: bool) -> _Collapse | None:
    unit = _title_unit(seg)
    if unit is None:
        return _collapse_kfold(seg, allow_weak)
    inner = _collapse_kfold(unit, allow_weak)
    return _Collapse(inner.text if inner else unit, "repeated_title")


def _collapse_line(line: str, allow_weak: bool) -> _Collapse | None:
    """Collapse a line made of repeated headings/titles (segments split by whitespace)."""
    if len(line) > _MAX_REPEAT_LINE or len(line) < 2 or not _MAY_REPEAT_RE.search(line):
        return None
    spaced = line + " "
    whole = _title_unit(spaced) if " " in line else None
    if whole is not None:
        return _Collapse(whole.strip(), "repeated_title")
    parts = _WS_SPLIT_RE.split(line)
    found: list[_Collapse] = []
    for i in range(0, len(parts), 2):
        collapsed = _collapse_segment(parts[i], allow_weak)
        if collapsed is not None:
            parts[i] = collapsed.text
            found.append(collapsed)
    if not found:
        return None
    heading = next((c for c in found if c.kind == "repeated_headings"), found[0])
    return _Collapse("".join(parts), heading.kind, heading.k)


def _has_strong_kfold(doc: _Doc) -> bool:
    for t, k, f in zip(doc.text, doc.kind, doc.frozen, strict=True):
        # four units from the start: the first character occurs four times (cheap test first)
        if (
            k == CONTENT
            and not f
            and t.count(t[0], 0, 4 * _MAX_UNIT) >= 4
            and _KFOLD_START[4].match(t)
        ):
            found = _collapse_line(t, allow_weak=False)
            if found is not None and found.kind == "repeated_headings":
                return True
    return False


def _collapse_repeats(doc: _Doc) -> None:
    last_heading: tuple[int, int] | None = None  # (line index, k) of the last collapsed heading
    for i, t in enumerate(doc.text):
        if doc.kind[i] != CONTENT:
            continue
        if doc.frozen[i]:
            last_heading = None
            continue
        found = _collapse_line(t, allow_weak=True)
        if found is None:
            # A lone k-fold unit ("设设设设") ends the heading of the previous line.
            if last_heading is not None:
                prev, k = last_heading
                units = _kfold_units(t, k, 0, set()) if len(t) % k == 0 else None
                if units is not None and not _ends_terminal(doc.text[prev]):
                    doc.set_text(prev, doc.text[prev] + "".join(units))
                    doc.kind[i] = DROPPED
                    doc.repairs["repeated_headings"] += 1
                    continue
            last_heading = None
            continue
        doc.set_text(i, found.text)
        doc.repairs[found.kind] += 1
        last_heading = (i, found.k) if found.kind == "repeated_headings" else None


# --- page numbers and running headers ---------------------------------------------------


def _nonblank(doc: _Doc) -> list[int]:
    return [i for i, k in enumerate(doc.kind) if k != BLANK]


def _drop_page_numbers(doc: _Doc) -> None:
    order = _nonblank(doc)
    numeric = [doc.kind[i] == CONTENT and _is_page_number(doc.text[i]) for i in order]
    for pos, i in enumerate(order):
        if not numeric[pos] or doc.frozen[i]:
            continue
        # A run of numbers is a table column or a list, not a page number.
        neighbours = (pos > 0 and numeric[pos - 1]) or (pos + 1 < len(order) and numeric[pos + 1])
        if not neighbours:
            doc.kind[i] = DROPPED
            doc.repairs["page_numbers"] += 1


def _drop_running_headers(doc: _Doc, page_edges: set[int], wrap: int) -> None:
    order = [i for i in _nonblank(doc) if doc.kind[i] != DROPPED or i in page_edges]
    near_edge = [False] * len(order)
    for pos, i in enumerate(order):
        if i in page_edges:
            lo, hi = max(0, pos - _EDGE_DISTANCE), min(len(order), pos + _EDGE_DISTANCE + 1)
            near_edge[lo:hi] = [True] * (hi - lo)
    near_edge[:_EDGE_DISTANCE] = [True] * min(_EDGE_DISTANCE, len(order))
    near_edge[-_EDGE_DISTANCE:] = [True] * min(_EDGE_DISTANCE, len(order))
    full = _FULL_LINE_SHARE * wrap if wrap else float("inf")
    groups: dict[str, list[int]] = {}
    for pos, i in enumerate(order):
        t = doc.text[i]
        if (
            doc.kind[i] != CONTENT
            or doc.frozen[i]
            or len(t) > _HEADER_MAX_CHARS
            or t[-1] in _SENTENCE_END
            or (doc.width[i] >= full and not _ends_terminal(t))  # a wrapped body line
            or doc.structural[i]
        ):
            continue
        key = _DIGITS_SPACE_RE.sub("", t)
        if len(key) >= 2:
            groups.setdefault(key, []).append(pos)
    for positions in groups.values():
        if len(positions) < _HEADER_MIN_REPEATS:
            continue
        near = sum(
            1 for pos in positions if near_edge[pos] or _PAGE_TOKEN_RE.search(doc.text[order[pos]])
        )
        if near >= max(2, (len(positions) + 1) // 2):
            for pos in positions:
                doc.kind[order[pos]] = DROPPED
            doc.repairs["running_headers"] += len(positions)


# --- joining wrapped lines --------------------------------------------------------------


def _glue(left: str, right: str) -> str:
    a, b = left[-1], right[0]
    if a == "-" and len(left) > 1 and left[-2].isascii() and left[-2].isalpha() and b.islower():
        return left + right  # "co-" + "operate": keep the hyphen, no space
    latin_end = a.isascii() and (a.isalnum() or a in ",;:)%'\"")
    latin_start = b.isascii() and (b.isalnum() or b in "(\"'")
    return f"{left} {right}" if latin_end and latin_start else left + right


def _assemble(doc: _Doc, wrap: int, join: bool) -> str:
    full = _FULL_LINE_SHARE * wrap
    out: list[str] = []
    gap: list[str] = []
    gap_dropped = False
    open_line: int | None = None  # index in out of a line that may continue
    for i, kind in enumerate(doc.kind):
        if kind in (BREAK, DROPPED):
            gap_dropped = True
            continue
        if kind == BLANK:
            gap.append(doc.raw[i].strip())
            continue
        t = doc.raw[i] if doc.frozen[i] else doc.text[i]
        if open_line is not None and not doc.frozen[i] and not doc.structural[i]:
            out[open_line] = _glue(out[open_line], t)
            doc.repairs["pdf_line_joins"] += 1
            continuation = True
        else:
            if gap_dropped:
                out.extend([""] if gap else [])
            else:
                out.extend(gap)
            out.append(t)
            continuation = False
        gap, gap_dropped = [], False
        can_continue = (
            join
            and not doc.frozen[i]
            and doc.width[i] >= full
            and not _ends_terminal(t)
            and (continuation or not _is_heading(t))
        )
        open_line = len(out) - 1 if can_continue else None
    if gap:
        out.extend([""] if gap_dropped else gap)
    return "\n".join(out)


def _broken_line_ends(lines: list[str]) -> int:
    """Line breaks after a character that is neither whitespace nor terminal punctuation.

    The same count as ``len(_BROKEN_END_RE.findall(text))`` without a regex scan of every
    character.
    """
    broken = 0
    for line in lines[:-1]:
        if line:
            last = line[-1]
            if last not in TERMINAL and not last.isspace():
                broken += 1
    return broken


def _has_kfold_line(lines: list[str]) -> bool:
    """``_KFOLD_LINE_RE.search`` over the lines of a text, skipping lines that cannot match.

    A unit written four times from the start of a line makes its first character appear
    four times in the first 4 * _MAX_UNIT characters (lines that start with the optional
    indentation go to the regex unfiltered).
    """
    for line in lines:
        if not line:
            continue
        first = line[0]
        if (first in " \t\u3000" or line.count(first, 0, 4 * _MAX_UNIT) >= 4) and (
            _KFOLD_LINE_RE.match(line)
        ):
            return True
    return False


def looks_pdf_extracted(text: str) -> bool:
    """Cheap whole-text check: hard-wrapped lines, form feeds or a repeated bold heading."""
    if "\f" in text:
        return True
    lines = text.split("\n")
    broken = _broken_line_ends(lines)
    if broken >= _MIN_BROKEN_LINES and broken >= _MIN_BROKEN_SHARE * 0.5 * (len(lines) - 1):
        return True
    return _has_kfold_line(lines)


def _may_need_repair(text: str) -> bool:
    """False when neither hard wrapping nor a strong repeated heading can be found.

    Cheap necessary conditions for what repair_pdf_text decides on the parsed document:
    wrapping needs _MIN_BROKEN_LINES prose lines that end mid-sentence (prose lines are
    neither structural nor page numbers), and a strong heading needs a line starting with a
    unit written four times. Headings of ordinary documents end mid-sentence too, which is
    why looks_pdf_extracted alone lets many of them through.
    """
    open_lines = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.count(line[0], 0, 4 * _MAX_UNIT) >= 4 and _KFOLD_START[4].match(line):
            return True
        if not _ends_terminal(line) and not _is_structural(line) and not _is_page_number(line):
            open_lines += 1
            if open_lines >= _MIN_BROKEN_LINES:
                return True
    return False


def repair_pdf_text(text: str) -> tuple[str, dict[str, int]]:
    """Repair PDF extraction artifacts; returns (text, repair counts).

    Text that does not look PDF-extracted is returned unchanged.
    """
    if text.count("\n") < 2 or not looks_pdf_extracted(text):
        return text, {}
    if "\f" not in text and not _may_need_repair(text):
        return text, {}
    doc = _split(text)
    wrap, wrapped = wrap_width(doc)
    if not (wrapped or "\f" in text or _has_strong_kfold(doc)):
        return text, {}
    _collapse_repeats(doc)
    page_edges = {i for i, k in enumerate(doc.kind) if k == BREAK}
    before = {i for i, k in enumerate(doc.kind) if k == DROPPED}
    _drop_page_numbers(doc)
    page_edges |= {i for i, k in enumerate(doc.kind) if k == DROPPED} - before
    _drop_running_headers(doc, page_edges, wrap)
    wrap, wrapped = wrap_width(doc)
    repaired = _assemble(doc, wrap, wrapped)
    return repaired, {name: n for name, n in doc.repairs.items() if n}
