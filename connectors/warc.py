"""Web archives: WARC and WET files (Common Crawl's and any crawler's), local or over HTTP.

One partition per file: local files are fingerprinted by their content hash, remote ones by
their URL (Common Crawl files never change). ``path`` takes files, folders and globs; ``urls``
takes file URLs, or Common Crawl path lists (``warc.paths.gz``) expanded against
``base_url``.

Records, streamed with warcio:

- WET ``conversion`` records are text already;
- WARC ``response`` records with an HTML body are decoded (charset from the HTTP header, then
  the page's ``<meta>``, then detection: GBK, GB18030 and Big5 pages are common) and their
  main text is extracted with trafilatura;
- other records (requests, metadata, images) are not documents and are passed over.

With ``languages`` set, a cheap language check on the tag-stripped page runs before the
extraction, and pages in other languages are rejected as ``language_filtered`` without
paying for it. A truncated or corrupt record ends its file with ``truncated_record``; the
records before it are kept.
"""

from __future__ import annotations

import glob
import gzip
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import httpx
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from connectors import reasons
from connectors.base import Partition, fingerprint_file
from connectors.errors import SourceError
from connectors.html import decode_html, extract_main_text, visible_sample
from connectors.schema import Document, Quarantined, make_doc_id
from connectors.values import clip, published_or_none

LANGUAGE_FILTERED = reasons.LANGUAGE_FILTERED
TRUNCATED_RECORD = reasons.TRUNCATED_RECORD
_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".arc.gz")
_PREFILTER_CHARS = 2000


class WarcSource:
    """Pages and texts of WARC / WET files (local paths, URLs or Common Crawl path lists)."""

    def __init__(
        self,
        name: str,
        path: str | None = None,
        *,
        urls: list[str] | None = None,
        paths_list: str | None = None,
        base_url: str = "https://data.commoncrawl.org/",
        languages: list[str] | None = None,
        user_agent: str = "hqdata (dataset builder)",
        timeout: float = 60.0,
        license: str | None = None,
        domain: str | None = None,
        limit: int | None = None,
        base_dir: str | Path | None = None,
    ) -> None:
        if not (path or urls or paths_list):
            raise SourceError("a warc source needs path, urls or paths_list", source=name)
        self.name = name
        self.path = path
        if path and not Path(path).is_absolute() and base_dir is not None:
            self.path = str(Path(base_dir) / path)
        self.urls, self.paths_list = list(urls or []), paths_list
        self.base_url = base_url.rstrip("/") + "/"
        self.languages = set(languages or [])
        self.headers = {"User-Agent": user_agent}
        self.timeout, self.license, self.domain, self.limit = timeout, license, domain, limit
        self.skipped: list[tuple[str, str]] = []

    # -- listing ---------------------------------------------------------------------------

    def partitions(self) -> list[Partition]:
        parts: list[Partition] = []
        if self.path:
            for file in self._local_files():
                parts.append(Partition(self.name, f"file://{file.as_posix()}", "warc",
                                       file.stat().st_size, fingerprint_file(file)))  # fmt: skip
        urls = list(self.urls)
        if self.paths_list:
            urls += [self.base_url + line for line in self._paths_list()]
        parts += [Partition(self.name, url, "warc", 0, url) for url in urls]
        return sorted(parts, key=lambda p: p.uri)

    def _local_files(self) -> list[Path]:
        root = Path(self.path or "")
        if root.is_file():
            return [root.resolve()]
        if root.is_dir():
            found = list(root.rglob("*"))
        else:
            found = [Path(p) for p in glob.glob(str(root), recursive=True)]
        files = sorted(p.resolve() for p in found if p.is_file() and p.name.endswith(_SUFFIXES))
        if not files:
            raise SourceError(f"{root}: no WARC or WET files", source=self.name)
        return files

    def _paths_list(self) -> list[str]:
        """Lines of a Common Crawl paths list (a local file or a URL, gzipped or not)."""
        source = self.paths_list or ""
        try:
            if "://" in source:
                response = httpx.get(source, headers=self.headers, timeout=self.timeout,
                                     follow_redirects=True)  # fmt: skip
                response.raise_for_status()
                data = response.content
            else:
                data = Path(source).read_bytes()
        except (httpx.HTTPError, OSError) as exc:
            raise SourceError(f"cannot read paths list {source}: {exc}", source=self.name) from exc
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        return [line.strip() for line in data.decode("utf-8").splitlines() if line.strip()]

    # -- reading ---------------------------------------------------------------------------

    def read(self, partition: Partition) -> Iterator[Document | Quarantined]:
        if partition.uri.startswith("file://"):
            with open(partition.uri.removeprefix("file://"), "rb") as stream:
                yield from self._records(stream, partition.uri)
            return
        with tempfile.TemporaryFile() as spool:  # large files: on disk, not in memory
            try:
                request = {"headers": self.headers, "timeout": self.timeout,
                           "follow_redirects": True}  # fmt: skip
                with httpx.stream("GET", partition.uri, **request) as response:
                    if response.status_code != 200:
                        yield Quarantined(self.name, partition.uri, reasons.HTTP_ERROR,
                                          f"HTTP {response.status_code}")  # fmt: skip
                        return
                    for chunk in response.iter_bytes(1 << 20):
                        spool.write(chunk)
            except httpx.HTTPError as exc:
                yield Quarantined(self.name, partition.uri, reasons.HTTP_ERROR,
                                  f"{type(exc).__name__}: {exc}")  # fmt: skip
                return
            spool.seek(0)
            yield from self._records(spool, partition.uri)

    def _records(self, stream: IO[bytes], file_uri: str) -> Iterator[Document | Quarantined]:
        produced = 0
        index = 0
        try:
            for record in ArchiveIterator(stream):
                index += 1
                item = self._item(record, file_uri, index)
                if item is None:
                    continue
                yield item
                if isinstance(item, Quarantined) and item.reason == TRUNCATED_RECORD:
                    return  # nothing after a cut can be trusted
                if isinstance(item, Document):
                    produced += 1
                    if self.limit is not None and produced >= self.limit:
                        return
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            yield Quarantined(self.name, f"{file_uri}#record={index + 1}", TRUNCATED_RECORD,
                              f"{type(exc).__name__}: {exc}")  # fmt: skip

    def _item(self, record: Any, file_uri: str, index: int) -> Document | Quarantined | None:
        kind = record.rec_type
        target = record.rec_headers.get_header("WARC-Target-URI") or f"{file_uri}#record={index}"
        date = published_or_none(record.rec_headers.get_header("WARC-Date"))
        if kind == "conversion":
            body = record.content_stream().read()
            if _cut(record):
                return self._truncated(file_uri, index, len(body))
            text = body.decode("utf-8", errors="replace")
        elif kind == "response":
            headers = record.http_headers
            content_type = (headers.get_header("Content-Type") or "").lower() if headers else ""
            if "html" not in content_type:
                return None
            body = record.content_stream().read()
            if _cut(record):
                return self._truncated(file_uri, index, len(body))
            html = decode_html(body, content_type)
            if self.languages and not self._wanted(html):
                return Quarantined(self.name, target, LANGUAGE_FILTERED,
                                   f"not in {sorted(self.languages)}")  # fmt: skip
            text = extract_main_text(html)
        else:
            return None
        if not text or not text.strip():
            raw = clip(body.decode("utf-8", errors="replace"))
            detail = f"{kind} record: no text"
            return Quarantined(self.name, target, reasons.EMPTY_TEXT, detail, raw)
        return Document(
            id=make_doc_id(self.name, f"{target}|{date.isoformat() if date else index}"),
            text=text,
            source=self.name,
            uri=target,
            license=self.license,
            published_at=date,
            domain=self.domain,
            metadata={"warc": file_uri, "record": index, "type": kind},
            char_count=len(text),
        )

    def _truncated(self, file_uri: str, index: int, got: int) -> Quarantined:
        return Quarantined(self.name, f"{file_uri}#record={index}", TRUNCATED_RECORD,
                           f"the file ends inside record {index} after {got} bytes")  # fmt: skip

    def _wanted(self, html: str) -> bool:
        from quality import detect_language  # connectors may use the quality library

        return detect_language(visible_sample(html, _PREFILTER_CHARS)).lang in self.languages


def _cut(record: Any) -> bool:
    """Whether the file ended before the record's declared length (a truncated download)."""
    return getattr(record.raw_stream, "limit", 0) > 0
