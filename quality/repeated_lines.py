"""Lines repeated across many documents of one source: navigation bars, footers, notices.

A page template repeats the same lines on every page of a site ("首页 | 新闻 | 关于我们",
"版权所有 © 2024 …", "京ICP备…号"); within one document they look like ordinary short lines,
so only counting across documents finds them. A census counts, per line key, the documents
holding that line; lines held by at least ``min_documents`` documents and ``min_share`` of the
source's documents are then removed from every document of that source.

Line keys are the matching key of the line (NFKC, lower case, no punctuation or spaces, so
"首页 | 新闻" and "首页｜新闻" are one line) hashed to 64 bits. Lines longer than
MAX_LINE_CHARS are prose, never counted; structure headings (第一章 总则, 第三条) repeat
across laws and reports by design and are never removed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import xxhash

from quality.text_normalize import matching_key

MAX_LINE_CHARS = 200
_HEADING_RE = re.compile(
    r"^\s*(第[一二三四五六七八九十百千零〇两\d]+[编章节条款项部篇卷]|[一二三四五六七八九十]+、|(\d+\.)+\d*\s)"
)


def line_key(line: str) -> int | None:
    """64-bit key of a line, or None for a line that is never counted (blank, only
    punctuation, too long, or a structure heading)."""
    if len(line) > MAX_LINE_CHARS or _HEADING_RE.match(line):
        return None
    key = matching_key(line, to_simplified=False)
    return xxhash.xxh3_64_intdigest(key.encode("utf-8")) if key else None


def document_line_keys(text: str) -> set[int]:
    """The distinct line keys of one document."""
    keys = set()
    for line in text.split("\n"):
        if (k := line_key(line)) is not None:
            keys.add(k)
    return keys


def count_lines(texts: Iterable[str]) -> tuple[Counter[int], int]:
    """(documents holding each line key, documents counted)."""
    counts: Counter[int] = Counter()
    documents = 0
    for text in texts:
        counts.update(document_line_keys(text))
        documents += 1
    return counts, documents


def frequent_lines(
    counts: dict[int, int], documents: int, *, min_documents: int, min_share: float
) -> frozenset[int]:
    """Line keys held by at least ``min_documents`` and ``min_share`` of ``documents``."""
    need = max(min_documents, min_share * documents)
    return frozenset(k for k, n in counts.items() if n >= need)


def remove_lines(text: str, frequent: frozenset[int] | set[int]) -> tuple[str, int]:
    """``text`` without its lines whose key is in ``frequent``, and how many were removed."""
    if not frequent:
        return text, 0
    kept: list[str] = []
    removed = 0
    for line in text.split("\n"):
        k = line_key(line)
        if k is not None and k in frequent:
            removed += 1
        else:
            kept.append(line)
    if not removed:
        return text, 0
    return "\n".join(kept).strip("\n"), removed
