"""RSS and Atom feeds (news, government announcements), following entries to their pages.

``feeds`` lists feed URLs; they are grouped into one partition per host. Reading fetches each
feed with a conditional GET (an unchanged feed answers 304 and costs nothing more), parses it
with feedparser, and for each entry either follows its link to the page (``follow: true``, the
default: the page's main text, fetched politely and conditionally like the web connector's)
or takes the entry's own content or summary (``follow: false``). Entry titles and
publication dates go into the documents.

A feed that cannot be parsed is quarantined as ``malformed_feed`` (with the entries that could
be recovered still read); a linked page that fails is quarantined with its own reason.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import xxhash

from connectors import reasons
from connectors.base import Checkpoint, Gone, Partition
from connectors.errors import SourceError
from connectors.html import fragment_text
from connectors.http import PoliteClient, Politeness, origin_of
from connectors.pages import PageReader, PageState, checkpoint, load_state
from connectors.schema import Document, Quarantined, make_doc_id
from connectors.values import clip

SOURCE_FORMAT = "feed"
# feedparser flags these as problems, but the entries it read are complete.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class FeedSource:
    """Entries of RSS / Atom feeds, as their linked pages or their own content."""

    def __init__(
        self,
        name: str,
        feeds: str | list[str],
        *,
        follow: bool = True,
        max_entries: int | None = None,
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
        feeds = [feeds] if isinstance(feeds, str) else feeds
        if not feeds or not all(isinstance(f, str) and f for f in feeds):
            raise SourceError("a feed source needs a list of feed URLs in 'feeds'", source=name)
        self.name, self.feeds, self.follow = name, list(feeds), follow
        self.max_entries, self.limit = max_entries, limit
        try:
            self.politeness = Politeness(user_agent=user_agent, rate=rate, concurrency=concurrency,
                                         timeout=timeout, retries=retries, backoff=backoff,
                                         max_wait=max_wait, robots=robots)  # fmt: skip
        except ValueError as exc:
            raise SourceError(f"bad option: {exc}", source=name) from exc
        self.languages = frozenset(languages or [])
        self.license, self.domain = license, domain
        self.remove_gone = remove_gone

    def partitions(self) -> list[Partition]:
        by_host: dict[str, list[tuple[str, str]]] = {}
        for feed in sorted(set(self.feeds)):
            by_host.setdefault(origin_of(feed), []).append((feed, ""))
        return [
            Partition(
                self.name,
                host,
                SOURCE_FORMAT,
                len(entries),
                "feeds:" + xxhash.xxh3_64_hexdigest("\n".join(f for f, _ in entries).encode()),
                tuple(entries),
            )
            for host, entries in sorted(by_host.items())
        ]

    def read(
        self, partition: Partition, since: str | None = None
    ) -> Iterator[Document | Quarantined | Checkpoint | Gone]:
        """The entries of the host's feeds; ``since`` is the cursor of the latest release."""
        previous = load_state(since)
        old_feeds: dict[str, PageState] = previous.get("feeds", {})
        old_pages: dict[str, PageState] = previous.get("pages", {})
        feeds: dict[str, PageState] = {}
        pages: dict[str, PageState] = {}
        produced = 0
        with PoliteClient(self.politeness) as client:
            reader = PageReader(self.name, client, self.languages, self.license, self.domain,
                                self.remove_gone)  # fmt: skip
            for feed, _ in partition.entries:
                if self.limit is not None and produced >= self.limit:
                    break
                for item in self._feed(client, reader, feed, old_feeds, old_pages, feeds, pages):
                    yield item
                    produced += isinstance(item, Document)
        yield checkpoint({"feeds": feeds, "pages": pages})

    def _feed(
        self,
        client: PoliteClient,
        reader: PageReader,
        feed: str,
        old_feeds: dict[str, PageState],
        old_pages: dict[str, PageState],
        feeds: dict[str, PageState],
        pages: dict[str, PageState],
    ) -> Iterator[Document | Quarantined | Gone]:
        mine = {k: v for k, v in old_pages.items() if v.get("feed") == feed}
        before = old_feeds.get(feed, {})
        if not client.allowed(feed):
            yield Quarantined(self.name, feed, reasons.ROBOTS_DISALLOWED,
                              f"robots.txt forbids {self.politeness.user_agent!r}")  # fmt: skip
            return
        got = client.get(feed, etag=before.get("etag"), last_modified=before.get("last_modified"))
        sha = xxhash.xxh3_64_hexdigest(got.body) if got.ok else None
        if got.not_modified or (sha is not None and sha == before.get("sha")):
            feeds[feed] = before  # unchanged: nothing to read
            pages.update(mine)
            return
        if got.problem is not None:
            yield Quarantined(self.name, feed, reasons.HTTP_ERROR, got.problem)
            pages.update(mine)
            return
        # The header's charset is a clue feedparser weighs against the XML declaration.
        declared = {
            k: v for k, v in got.headers.items() if k in ("content-type", "content-location")
        }
        parsed = feedparser.parse(got.body, response_headers=declared)
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        if problem is not None and not isinstance(problem, _HARMLESS):
            recovered = len(parsed.entries)
            yield Quarantined(self.name, feed, reasons.MALFORMED_FEED,
                              f"{type(problem).__name__}: {problem}; {recovered} entries recovered",
                              clip(got.body.decode("utf-8", errors="replace")))  # fmt: skip
            if not recovered:
                pages.update(mine)
                return  # validators not kept: the next run reads the feed again
        feeds[feed] = {k: v for k, v in {"etag": got.headers.get("etag"),
                                          "last_modified": got.headers.get("last-modified"),
                                          "sha": sha}.items() if v}  # fmt: skip
        entries = parsed.entries[: self.max_entries] if self.max_entries else parsed.entries
        for number, entry in enumerate(entries, 1):
            yield from self._entry(reader, feed, number, entry, mine, pages)

    def _entry(
        self,
        reader: PageReader,
        feed: str,
        number: int,
        entry: Any,
        old: dict[str, PageState],
        pages: dict[str, PageState],
    ) -> Iterator[Document | Quarantined | Gone]:
        link = entry.get("link") or ""
        key = link or entry.get("id") or f"{feed}#entry={number}"
        title = entry.get("title") or None
        published = _entry_date(entry)
        if self.follow and link.startswith(("http://", "https://")):
            items, state = reader.read(link, old.get(key), title=title, published=published,
                                       metadata={"feed": feed})  # fmt: skip
            if state is not None:
                pages[key] = state | {"feed": feed}
            yield from items
            return
        body = _entry_html(entry)
        text = fragment_text(body)
        if not text.strip():
            yield Quarantined(self.name, key, reasons.EMPTY_TEXT, "feed entry without content")
            return
        sha = xxhash.xxh3_64_hexdigest(text.encode())
        pages[key] = {"sha": sha, "feed": feed}
        if old.get(key, {}).get("sha") == sha:
            return  # published before, unchanged
        yield Document(
            id=make_doc_id(self.name, key),
            text=text,
            source=self.name,
            uri=key,
            license=self.license,
            published_at=published,
            title=title,
            domain=self.domain,
            metadata={"feed": feed},
            char_count=len(text),
        )


def _entry_html(entry: Any) -> str:
    content = entry.get("content") or []
    if content and content[0].get("value"):
        return str(content[0]["value"])
    return str(entry.get("summary") or "")


def _entry_date(entry: Any) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC)
    return None
