"""Web pages and sites: URL lists, sitemaps and whole sites, fetched politely and incrementally.

Listing gathers page URLs from ``urls``, a ``url_file`` (one per line, ``#`` comments), sitemaps
(``sitemaps``: XML, gzipped or not, sitemap indexes followed) and ``sites`` (the sitemaps the
site's robots.txt lists, else ``/sitemap.xml``), keeps those matching ``include`` and not
``exclude`` (regular expressions), and groups them into one partition per host, so each
host's pace and concurrency are kept by one reader.

Reading fetches a host's pages with :class:`connectors.http.PoliteClient` (robots.txt, pace,
concurrency, retries with Retry-After, the recipe's User-Agent) and :class:`PageReader`
(charset, main text, conditional requests). The partition's cursor holds every page's
validators, so a re-run sends conditional requests and publishes only pages that changed.
A page that answers 404 or times out, or that robots.txt forbids, is quarantined with the
reason; the other pages still publish.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import xxhash

from connectors.base import Checkpoint, Gone, Partition
from connectors.errors import SourceError
from connectors.http import PoliteClient, Politeness, origin_of
from connectors.pages import PageReader, checkpoint, load_state, parallel_in_order
from connectors.schema import Document, Quarantined

SOURCE_FORMAT = "web"
MAX_SITEMAPS = 1000  # sitemap files followed per source: a guard against index loops


class WebSource:
    """Pages from URL lists, sitemaps and sites, one partition per host."""

    def __init__(
        self,
        name: str,
        urls: str | list[str] | None = None,
        *,
        url_file: str | None = None,
        sitemaps: str | list[str] | None = None,
        sites: str | list[str] | None = None,
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        max_pages: int | None = None,
        languages: list[str] | None = None,
        # the defaults are Politeness's, spelled out so `hqdata connectors` lists them
        user_agent: str = Politeness.user_agent,
        rate: float = Politeness.rate,
        concurrency: int = Politeness.concurrency,
        timeout: float = Politeness.timeout,
        retries: int = Politeness.retries,
        backoff: float = Politeness.backoff,
        max_wait: float = Politeness.max_wait,
        robots: bool = Politeness.robots,
        remove_gone: bool = False,
        license: str | None = None,
        domain: str | None = None,
        limit: int | None = None,
        base_dir: str | Path | None = None,
    ) -> None:
        if not (urls or url_file or sitemaps or sites):
            raise SourceError("a web source needs urls, url_file, sitemaps or sites", source=name)
        self.name = name
        self.urls, self.sitemap_urls, self.sites = _listed(urls), _listed(sitemaps), _listed(sites)
        self.url_file = url_file
        if url_file and not Path(url_file).is_absolute() and base_dir is not None:
            self.url_file = str(Path(base_dir) / url_file)
        try:
            self.include = [re.compile(p) for p in include or []]
            self.exclude = [re.compile(p) for p in exclude or []]
            self.politeness = Politeness(user_agent=user_agent, rate=rate, concurrency=concurrency,
                                         timeout=timeout, retries=retries, backoff=backoff,
                                         max_wait=max_wait, robots=robots)  # fmt: skip
        except (re.error, ValueError) as exc:
            raise SourceError(f"bad option: {exc}", source=name) from exc
        self.max_pages, self.limit = max_pages, limit
        self.languages = frozenset(languages or [])
        self.license, self.domain = license, domain
        self.remove_gone = remove_gone
        self.skipped: list[tuple[str, str]] = []

    # -- listing ---------------------------------------------------------------------------

    def partitions(self) -> list[Partition]:
        found: dict[str, str] = {}  # url -> sitemap lastmod ("" when unknown)
        for url in self.urls + self._file_urls():
            found.setdefault(_normal(url), "")
        with PoliteClient(self.politeness) as client:
            queue = list(self.sitemap_urls)
            for site in self.sites:
                listed = client.sitemaps(site)
                queue += listed or [origin_of(site) + "/sitemap.xml"]
            self._walk_sitemaps(client, queue, found)
        pages = [(u, m) for u, m in sorted(found.items()) if self._wanted(u)]
        if self.max_pages is not None:
            pages = pages[: self.max_pages]
        if not pages:
            why = "; ".join(f"{u}: {r}" for u, r in self.skipped) or "no URL matched"
            raise SourceError(f"no pages to read ({why})", source=self.name)
        by_host: dict[str, list[tuple[str, str]]] = {}
        for url, lastmod in pages:
            by_host.setdefault(origin_of(url), []).append((url, lastmod))
        return [
            Partition(
                self.name, host, SOURCE_FORMAT, len(entries), _listing_hash(entries), tuple(entries)
            )
            for host, entries in sorted(by_host.items())
        ]

    def _file_urls(self) -> list[str]:
        if not self.url_file:
            return []
        try:
            lines = Path(self.url_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(
                f"cannot read url_file: {exc}", source=self.name, file=self.url_file
            ) from exc
        urls = []
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if urlsplit(line).scheme not in ("http", "https"):
                raise SourceError(f"not an http(s) URL: {line!r}", source=self.name,
                                  file=self.url_file, line=number)  # fmt: skip
            urls.append(line)
        return urls

    def _walk_sitemaps(self, client: PoliteClient, queue: list[str], found: dict[str, str]) -> None:
        seen: set[str] = set()
        while queue and len(seen) < MAX_SITEMAPS:
            sitemap = queue.pop(0)
            if sitemap in seen:
                continue
            seen.add(sitemap)
            got = client.get(sitemap)
            if got.problem is not None:
                self.skipped.append((sitemap, f"sitemap not read: {got.problem}"))
                continue
            body = got.body
            if body[:2] == b"\x1f\x8b":
                try:
                    body = gzip.decompress(body)
                except (OSError, EOFError) as exc:
                    self.skipped.append((sitemap, f"sitemap not read: bad gzip: {exc}"))
                    continue
            try:
                children, pages = parse_sitemap(body)
            except ElementTree.ParseError as exc:
                self.skipped.append((sitemap, f"sitemap not read: malformed XML: {exc}"))
                continue
            queue += [urljoin(sitemap, c) for c in children]
            for url, lastmod in pages:
                found[_normal(urljoin(sitemap, url))] = lastmod

    def _wanted(self, url: str) -> bool:
        if urlsplit(url).scheme not in ("http", "https"):
            self.skipped.append((url, "not an http(s) URL"))
            return False
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)

    # -- reading ---------------------------------------------------------------------------

    def read(
        self, partition: Partition, since: str | None = None
    ) -> Iterator[Document | Quarantined | Checkpoint | Gone]:
        """The host's pages; ``since`` is the cursor the latest release recorded (validators)."""
        previous = load_state(since).get("pages", {})
        pages: dict[str, dict[str, str]] = {}
        produced = 0
        with PoliteClient(self.politeness) as client:
            reader = PageReader(self.name, client, self.languages, self.license, self.domain,
                                self.remove_gone)  # fmt: skip

            def one(
                entry: tuple[str, str],
            ) -> tuple[str, list[Document | Quarantined | Gone], dict | None]:
                url, lastmod = entry
                items, state = reader.read(url, previous.get(url), lastmod=lastmod)
                return url, items, state

            results = parallel_in_order(one, partition.entries, self.politeness.concurrency)
            try:
                for url, items, state in results:
                    if state is not None:
                        pages[url] = state
                    for item in items:
                        yield item
                        produced += isinstance(item, Document)
                    if self.limit is not None and produced >= self.limit:
                        break
            finally:
                results.close()  # stops the fetch threads when limit ends the read early
        yield checkpoint({"pages": pages})


def parse_sitemap(body: bytes) -> tuple[list[str], list[tuple[str, str]]]:
    """(child sitemaps, (page, lastmod) pairs) of a sitemap or sitemap index, any namespace."""
    root = ElementTree.fromstring(body)
    children: list[str] = []
    pages: list[tuple[str, str]] = []
    for element in root:
        tag = _local(element.tag)
        loc = lastmod = ""
        for child in element:
            if _local(child.tag) == "loc":
                loc = (child.text or "").strip()
            elif _local(child.tag) == "lastmod":
                lastmod = (child.text or "").strip()
        if not loc:
            continue
        if tag == "sitemap":
            children.append(loc)
        elif tag == "url":
            pages.append((loc, lastmod))
    return children, pages


def _listed(value: str | list[str] | None) -> list[str]:
    """A recipe may give one URL where a list is expected."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _normal(url: str) -> str:
    """The URL without its fragment: ``page#top`` and ``page`` are one page."""
    return urldefrag(url.strip())[0]


def _listing_hash(entries: list[tuple[str, str]]) -> str:
    digest = xxhash.xxh3_128()
    for url, lastmod in entries:
        digest.update(f"{url}\t{lastmod}\n".encode())
    return "pages:" + digest.hexdigest()
