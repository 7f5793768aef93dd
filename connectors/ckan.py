"""Resources of a CKAN open-data portal (the API many government and industry portals run).

Listing asks ``package_search`` for the datasets matching ``query`` (page by page) and keeps
their resources in the wanted ``formats``: one partition per resource, fingerprinted by the
resource's ``last_modified`` (else ``metadata_modified``, else its URL), so a second run
downloads only resources that changed. Reading downloads one resource to a temporary file
and reads it with the file connector's reader for its format (CSV, JSON, JSON Lines, XLSX,
DOCX, PDF, text); documents keep the resource URL as their ``uri`` and the dataset's license
and title.

HTTP: one shared client with a User-Agent the recipe sets, a timeout, and retries with
backoff on 429 and 5xx that honour ``Retry-After``. A resource that answers 404, times out
or cannot be parsed is quarantined with the reason; the other resources still publish.
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from connectors import reasons
from connectors.base import Partition
from connectors.errors import SourceError
from connectors.fetched import read_fetched
from connectors.http import RETRY_STATUS, retry_after_seconds
from connectors.schema import Document, Quarantined

HTTP_ERROR = reasons.HTTP_ERROR
DEFAULT_FORMATS = ("csv", "json", "jsonl", "xlsx", "docx", "pdf", "txt")
_SUFFIX = {"csv": ".csv", "json": ".json", "jsonl": ".jsonl", "xlsx": ".xlsx",
           "docx": ".docx", "pdf": ".pdf", "txt": ".txt"}  # fmt: skip
# Resource metadata (license, title) of the latest listing per portal and query, so the
# processes that read one resource each do not search the portal again.
_LISTED: dict[tuple[Any, ...], dict[str, dict[str, Any]]] = {}


class CkanSource:
    """Resources of the datasets a CKAN portal's package_search returns."""

    def __init__(
        self,
        name: str,
        url: str,
        *,
        query: str = "*:*",
        formats: list[str] | None = None,
        text_field: str = "text",
        id_field: str | None = None,
        user_agent: str = "hqdata (dataset builder)",
        timeout: float = 30.0,
        retries: int = 3,
        page_rows: int = 100,
        max_datasets: int | None = None,
        license: str | None = None,
        domain: str | None = None,
        limit: int | None = None,
    ) -> None:
        wanted = [f.lower() for f in (formats or DEFAULT_FORMATS)]
        unknown = sorted(set(wanted) - set(_SUFFIX))
        if unknown:
            raise SourceError(f"unknown formats {unknown}; known: {sorted(_SUFFIX)}", source=name)
        self.name = name
        self.api = url.rstrip("/") + "/api/3/action/"
        self.query, self.formats = query, wanted
        self.text_field, self.id_field = text_field, id_field
        self.timeout, self.retries, self.page_rows = timeout, retries, page_rows
        self.max_datasets, self.license, self.domain, self.limit = (
            max_datasets, license, domain, limit,
        )  # fmt: skip
        self.headers = {"User-Agent": user_agent}
        self.skipped: list[tuple[str, str]] = []
        self._resources: dict[str, dict[str, Any]] = {}

    # -- HTTP ------------------------------------------------------------------------------

    def _get(self, client: httpx.Client, url: str, **params: Any) -> httpx.Response:
        """GET with retries on 429/5xx (Retry-After honoured) and on network errors."""
        delay = 1.0
        for attempt in range(self.retries + 1):
            try:
                response = client.get(url, params=params or None)
            except httpx.TransportError:
                if attempt == self.retries:
                    raise
            else:
                if response.status_code not in RETRY_STATUS or attempt == self.retries:
                    return response
                delay = min(retry_after_seconds(response.headers.get("Retry-After")) or delay, 60.0)
            time.sleep(delay)
            delay = min(delay * 2, 60.0)
        raise AssertionError("unreachable")

    def _client(self) -> httpx.Client:
        return httpx.Client(headers=self.headers, timeout=self.timeout, follow_redirects=True)

    # -- listing ---------------------------------------------------------------------------

    def partitions(self) -> list[Partition]:
        found: list[Partition] = []
        start = 0
        with self._client() as client:
            while True:
                try:
                    response = self._get(client, self.api + "package_search", q=self.query,
                                         rows=self.page_rows, start=start)  # fmt: skip
                    body = response.json()
                except (httpx.HTTPError, ValueError) as exc:
                    raise SourceError(f"cannot search {self.api}: {exc}", source=self.name) from exc
                if response.status_code != 200 or not body.get("success"):
                    raise SourceError(f"{self.api}package_search answered {response.status_code}",
                                      source=self.name)  # fmt: skip
                packages = body["result"]["results"]
                for package in packages:
                    found += self._package_partitions(package)
                start += len(packages)
                done = not packages or start >= body["result"].get("count", 0)
                if done or (self.max_datasets is not None and start >= self.max_datasets):
                    break
        _LISTED[self._listing_key()] = dict(self._resources)
        return sorted(found, key=lambda p: p.uri)

    def _listing_key(self) -> tuple[Any, ...]:
        return (self.api, self.query, tuple(self.formats), self.max_datasets)

    def _package_partitions(self, package: dict[str, Any]) -> list[Partition]:
        out = []
        for resource in package.get("resources", []):
            fmt = str(resource.get("format") or "").lower().lstrip(".")
            if fmt not in self.formats or not resource.get("url"):
                if resource.get("url"):
                    self.skipped.append((resource["url"], f"format {fmt or 'unknown'!r}"))
                continue
            stamp = (resource.get("last_modified") or resource.get("metadata_modified")
                     or package.get("metadata_modified") or "")  # fmt: skip
            fingerprint = hashlib.sha256(f"{resource['url']}|{stamp}".encode()).hexdigest()
            self._resources[resource["url"]] = {
                "format": fmt,
                "license": package.get("license_id") or self.license,
                "title": resource.get("name") or package.get("title"),
                "dataset": package.get("name"),
            }
            size = int(resource.get("size") or 0)
            out.append(Partition(self.name, resource["url"], fmt, size, fingerprint))
        return out

    # -- reading ---------------------------------------------------------------------------

    def read(self, partition: Partition) -> Iterator[Document | Quarantined]:
        meta = self._resources.get(partition.uri) or _LISTED.get(self._listing_key(), {}).get(
            partition.uri
        )
        if meta is None:  # a fresh instance (another process): list once, then reuse
            with contextlib.suppress(SourceError):
                self.partitions()
            meta = self._resources.get(partition.uri, {"format": partition.format})
        with tempfile.TemporaryDirectory(prefix="hqdata-ckan-") as tmp:
            path = Path(tmp) / f"resource{_SUFFIX[partition.format]}"
            problem = self._download(partition.uri, path)
            if problem is not None:
                yield Quarantined(self.name, partition.uri, HTTP_ERROR, problem)
                return
            fmt = {"txt": "text"}.get(partition.format, partition.format)
            yield from read_fetched(
                self.name, partition.uri, path, fmt,
                title=meta.get("title"), metadata={"dataset": meta.get("dataset")},
                text_field=self.text_field, id_field=self.id_field,
                license=meta.get("license"), domain=self.domain, limit=self.limit,
            )  # fmt: skip

    def _download(self, url: str, path: Path) -> str | None:
        """Save ``url`` to ``path``; a description of the failure, or None."""
        try:
            with self._client() as client:
                response = self._get(client, url)
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"
        if response.status_code != 200:
            return f"HTTP {response.status_code}"
        path.write_bytes(response.content)
        return None
