"""Fetching web pages as documents, incrementally: shared by the web and feed connectors.

A page's state after a run (its ``etag``, ``last_modified``, a hash of its body and the
sitemap ``lastmod`` it was listed with) goes into the partition's cursor. The next run sends
a conditional GET with those validators: a 304 costs no body and yields nothing; a 200 whose
body hash did not change yields nothing either; a page whose sitemap ``lastmod`` did not
change is not requested at all.

HTML is decoded (header, ``<meta>``, then detection) and reduced to its main text; PDF, Word,
Excel and plain-text answers go through the file connector's readers; other content types
are quarantined as ``unsupported_content``.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import xxhash

from connectors import reasons
from connectors.base import Checkpoint, Gone
from connectors.fetched import read_fetched
from connectors.html import decode_html, extract_main_text, html_title, visible_sample
from connectors.http import Fetched, PoliteClient
from connectors.schema import Document, Quarantined, make_doc_id
from connectors.values import clip

Item = Document | Quarantined | Gone
_Job = TypeVar("_Job")
_Result = TypeVar("_Result")
PageState = dict[str, Any]
# Content types read with the file connector's readers, by the format they are read as.
_FILE_TYPES = {
    "application/pdf": ("pdf", ".pdf"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", ".docx"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx", ".xlsx"),
    "text/plain": ("text", ".txt"),
}
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class PageReader:
    """Turns fetched pages into documents for source ``source``."""

    source: str
    client: PoliteClient
    languages: frozenset[str] = frozenset()
    license: str | None = None
    domain: str | None = None
    remove_gone: bool = False
    """A page read before that now answers 404 or 410 leaves the dataset (else it stays)."""

    def read(
        self,
        url: str,
        previous: PageState | None,
        *,
        lastmod: str = "",
        title: str | None = None,
        published: Any = None,
        metadata: dict[str, Any] | None = None,
    ) -> tuple[list[Item], PageState | None]:
        """The items of one page and its state for the next run (None: nothing to remember)."""
        if previous and lastmod and previous.get("lastmod") == lastmod:
            return [], previous  # the sitemap says it has not changed: no request at all
        if not self.client.allowed(url):
            detail = f"robots.txt forbids {self.client.politeness.user_agent!r}"
            return [Quarantined(self.source, url, reasons.ROBOTS_DISALLOWED, detail)], None
        previous = previous or {}
        got = self.client.get(
            url, etag=previous.get("etag"), last_modified=previous.get("last_modified")
        )
        if got.not_modified:
            return [], previous | ({"lastmod": lastmod} if lastmod else {})
        if got.problem is not None:
            failed: list[Item] = [Quarantined(self.source, url, reasons.HTTP_ERROR, got.problem)]
            if self.remove_gone and previous.get("sha") and got.status in (404, 410):
                # Read and published before, gone now: its document leaves the next version.
                failed.append(Gone(make_doc_id(self.source, url), url, got.problem))
                return failed, None
            return failed, previous or None
        state = {
            "etag": got.headers.get("etag"),
            "last_modified": got.headers.get("last-modified"),
            "sha": xxhash.xxh3_64_hexdigest(got.body),
            "lastmod": lastmod or None,
        }
        state = {k: v for k, v in state.items() if v}
        if previous.get("sha") == state["sha"]:
            return [], state  # served again without validators, but the same bytes
        meta = {"content_type": got.headers.get("content-type", "")} | (metadata or {})
        if got.final_url and got.final_url != url:
            meta["final_url"] = got.final_url
        return self._items(url, got, title, published, meta), state

    def _items(
        self, url: str, got: Fetched, title: str | None, published: Any, meta: dict[str, Any]
    ) -> list[Item]:
        content_type = got.headers.get("content-type", "").lower()
        kind = content_type.split(";")[0].strip()
        if kind in _FILE_TYPES or (not kind and url.lower().endswith(".pdf")):
            fmt, suffix = _FILE_TYPES.get(kind, ("pdf", ".pdf"))
            return self._file(url, got.body, fmt, suffix, title, meta)
        if kind and kind not in _HTML_TYPES:
            detail = f"content type {kind!r} is not a page or a document hqdata reads"
            return [Quarantined(self.source, url, reasons.UNSUPPORTED_CONTENT, detail)]
        html = decode_html(got.body, content_type)
        if self.languages and not self._wanted(html):
            detail = f"not in {sorted(self.languages)}"
            return [Quarantined(self.source, url, reasons.LANGUAGE_FILTERED, detail)]
        text = extract_main_text(html)
        if not text or not text.strip():
            detail = "no main text found in the page"
            return [Quarantined(self.source, url, reasons.EMPTY_TEXT, detail, clip(html))]
        return [
            Document(
                id=make_doc_id(self.source, url),
                text=text,
                source=self.source,
                uri=url,
                license=self.license,
                published_at=published,
                title=title or html_title(html),
                domain=self.domain,
                metadata=meta,
                char_count=len(text),
            )
        ]

    def _file(
        self, url: str, body: bytes, fmt: str, suffix: str, title: str | None, meta: dict[str, Any]
    ) -> list[Item]:
        with tempfile.TemporaryDirectory(prefix="hqdata-web-") as tmp:
            path = Path(tmp) / f"page{suffix}"
            path.write_bytes(body)
            items = list(read_fetched(self.source, url, path, fmt, title=title, metadata=meta,
                                      license=self.license, domain=self.domain))  # fmt: skip
        return items

    def _wanted(self, html: str) -> bool:
        from quality import detect_language  # connectors may use the quality library

        return detect_language(visible_sample(html)).lang in self.languages


def parallel_in_order(
    work: Callable[[_Job], _Result], jobs: Iterable[_Job], workers: int
) -> Iterator[_Result]:
    """``work`` over ``jobs`` on ``workers`` threads, results in job order; stopping early
    cancels what has not started (``limit`` reached)."""
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hqdata-fetch")
    try:
        futures = [pool.submit(work, job) for job in jobs]
        for future in futures:
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def load_state(since: str | None) -> dict[str, Any]:
    """The cursor a release recorded for a crawled partition; ``{}`` when there is none or it
    was a listing fingerprint (a release made before pages were tracked)."""
    if not since:
        return {}
    try:
        state = json.loads(since)
    except ValueError:
        return {}
    return state if isinstance(state, dict) else {}


def checkpoint(state: dict[str, Any]) -> Checkpoint:
    return Checkpoint(json.dumps(state, sort_keys=True, ensure_ascii=False, separators=(",", ":")))
