"""HTML pages as text: charset from the HTTP header, the page's ``<meta>`` or detection, then
the main text (trafilatura). Shared by the web, feed and WARC connectors."""

from __future__ import annotations

import html as html_entities
import re

from connectors.encoding import decode_bytes
from connectors.errors import RecordError

_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.I)
_HEADER_CHARSET = re.compile(r"charset=[\"']?([A-Za-z0-9_-]+)", re.I)
_TAG = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.I | re.S)
_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|li|tr|h[1-6]|blockquote|pre|table)>", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
# Pages that declare GB2312 or GBK are very often GB18030 in fact (a superset): decoding them
# as the superset keeps characters the declared subset would turn into errors.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}


def decode_html(body: bytes, content_type: str = "") -> str:
    """HTML bytes as text: HTTP charset, then ``<meta charset>``, then the project's
    Chinese-first detection (connectors.encoding), which tells GBK from Big5 where
    charset-normalizer alone often does not."""
    declared = _HEADER_CHARSET.search(content_type)
    meta = _META_CHARSET.search(body[:4096])
    for name in (declared.group(1) if declared else None,
                 meta.group(1).decode("ascii") if meta else None):  # fmt: skip
        if not name:
            continue
        name = _SUPERSETS.get(name.lower(), name)
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue  # a wrong declaration: try the next clue
    try:
        return decode_bytes(body)[0]
    except RecordError:  # no encoding decodes it strictly: keep what can be read
        return body.decode("utf-8", errors="replace")


def extract_main_text(html: str) -> str | None:
    """The main text of a page (navigation, footers and scripts left out), or None."""
    import trafilatura  # imported on first use: it loads lxml and its models

    return trafilatura.extract(html, include_comments=False, include_tables=True,
                               favor_precision=True)  # fmt: skip


def html_title(html: str) -> str | None:
    """The page's ``<title>``, whitespace collapsed."""
    found = _TITLE.search(html[:65536])
    if not found:
        return None
    title = " ".join(_TAG.sub(" ", found.group(1)).split())
    return title or None


def visible_sample(html: str, chars: int = 2000) -> str:
    """A cheap tag-stripped sample of a page, for a language check before extraction."""
    return " ".join(_TAG.sub(" ", html[: chars * 4]).split())[:chars]


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content): block ends become line breaks,
    tags go, entities are resolved. Main-text extraction is for whole pages, not fragments."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", fragment))
    lines = (" ".join(line.split()) for line in html_entities.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)
