"""Polite HTTP for crawling: robots.txt, per-host pacing and concurrency, retries, validators.

One :class:`PoliteClient` is shared by the threads that read one partition. Per host it keeps

- a pace: requests start at least ``1 / rate`` seconds apart (or the robots.txt
  ``Crawl-delay`` when that is longer), and a ``Retry-After`` pushes every thread's next
  request back, not only the one that was told to wait;
- a bound on requests in flight (``concurrency``);
- the parsed robots.txt (RFC 9309: a 4xx robots.txt allows everything, an unreachable one
  or a 5xx disallows everything for this run).

GETs retry on 429, 5xx and network errors with exponential backoff, honouring
``Retry-After`` (seconds or an HTTP date) up to ``max_wait``; a longer wait is not slept
through but reported, so a run is never stuck on one host. ``etag`` / ``last_modified`` turn a
GET into a conditional one: an unchanged page answers 304 with no body.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import threading
import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

import httpx
from protego import Protego

DEFAULT_USER_AGENT = "hqdata (dataset builder)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Politeness:
    """How a crawler behaves towards each host; every field is a recipe option."""

    user_agent: str = DEFAULT_USER_AGENT
    rate: float = 1.0
    """Requests per second per host (a robots.txt Crawl-delay can only make it slower)."""
    concurrency: int = 2
    """Requests in flight per host."""
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0
    """First wait before a retry without Retry-After, doubled on each attempt."""
    max_wait: float = 120.0
    """Longest Retry-After honoured, in seconds; a longer one ends the attempt with an error."""
    robots: bool = True
    max_bytes: int = 50 << 20
    """Bodies larger than this are not read (an error names the size)."""

    def __post_init__(self) -> None:
        if self.rate <= 0:
            raise ValueError(f"rate must be positive (requests per second), got {self.rate}")
        if self.concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, got {self.concurrency}")
        if self.retries < 0 or self.timeout <= 0:
            raise ValueError("retries must be >= 0 and timeout > 0")


@dataclass
class Fetched:
    """The outcome of one GET: a response (``status`` > 0) or an ``error``."""

    url: str
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    final_url: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    @property
    def problem(self) -> str | None:
        """What went wrong, for a quarantine detail; None for 200 and 304."""
        if self.error is not None:
            return self.error
        return None if self.status in (200, 304) else f"HTTP {self.status}"


class _Host:
    def __init__(self, interval: float, concurrency: int) -> None:
        self.lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(concurrency)
        self.interval = interval
        self.next_at = 0.0
        self.robots: Protego | None = None
        self.robots_checked = False
        self.robots_lock = threading.Lock()  # one robots.txt request per host, not per thread

    def wait_turn(self) -> None:
        with self.lock:
            now = time.monotonic()
            at = max(now, self.next_at)
            self.next_at = at + self.interval
        if at > now:
            time.sleep(at - now)

    def hold_off(self, seconds: float) -> None:
        with self.lock:
            self.next_at = max(self.next_at, time.monotonic() + seconds)


class PoliteClient:
    """Thread-safe GETs that respect each host's robots.txt, pace and concurrency."""

    def __init__(self, politeness: Politeness | None = None) -> None:
        self.politeness = politeness or Politeness()
        self._client = httpx.Client(
            headers={"User-Agent": self.politeness.user_agent},
            timeout=self.politeness.timeout,
            follow_redirects=True,
        )
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- robots.txt --------------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this user agent fetch ``url`` (always True with robots off)."""
        if not self.politeness.robots:
            return True
        robots = self._robots(url)
        return robots is None or robots.can_fetch(url, self.politeness.user_agent)

    def sitemaps(self, url: str) -> list[str]:
        """Sitemap URLs the robots.txt of ``url``'s host lists."""
        robots = self._robots(url)
        return list(robots.sitemaps) if robots is not None else []

    def _robots(self, url: str) -> Protego | None:
        host = self._host(url)
        with host.robots_lock:
            return self._robots_locked(host, url)

    def _robots_locked(self, host: _Host, url: str) -> Protego | None:
        if host.robots_checked:
            return host.robots
        origin = origin_of(url)
        got = self._send(host, origin + "/robots.txt", {})
        if got.status == 200:
            robots = Protego.parse(got.body.decode("utf-8", errors="replace"))
        elif 400 <= got.status < 500 and got.status != 429:
            robots = None  # no robots.txt: everything is allowed
        else:  # unreachable (or still throttled): RFC 9309 says assume complete disallow
            robots = Protego.parse("User-agent: *\nDisallow: /\n")
        delay = robots.crawl_delay(self.politeness.user_agent) if robots is not None else None
        with host.lock:
            host.robots, host.robots_checked = robots, True
            if delay:
                host.interval = max(host.interval, float(delay))
        return robots

    # -- GET -----------------------------------------------------------------------------------

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url`` (conditionally when validators are given), paced and retried."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._send(self._host(url), url, headers)

    def _send(self, host: _Host, url: str, headers: dict[str, str]) -> Fetched:
        p = self.politeness
        delay = p.backoff
        for attempt in range(p.retries + 1):
            with host.slots:
                host.wait_turn()
                got = self._once(url, headers)
            if attempt == p.retries or (got.error is None and got.status not in RETRY_STATUS):
                return got
            wait = (
                retry_after_seconds(got.headers.get("retry-after")) if got.error is None else None
            )
            if wait is not None and wait > p.max_wait:
                got.error = (
                    f"HTTP {got.status} with Retry-After {wait:.0f} s (max_wait {p.max_wait:.0f} s)"
                )
                return got
            wait = delay if wait is None else wait
            host.hold_off(wait)
            delay = min(delay * 2, p.max_wait)
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                limit = self.politeness.max_bytes
                status, headers = response.status_code, dict(response.headers)
                declared = int(response.headers.get("content-length") or 0)
                if declared > limit:
                    return Fetched(url, status, headers, error=_too_large(declared, limit))
                chunks, size = [], 0
                for chunk in response.iter_bytes(1 << 16):
                    size += len(chunk)
                    if size > limit:
                        return Fetched(url, status, headers, error=_too_large(size, limit))
                    chunks.append(chunk)
                return Fetched(url, status, headers, b"".join(chunks), str(response.url))
        except httpx.HTTPError as exc:
            return Fetched(url, error=f"{type(exc).__name__}: {exc or 'no detail'}")

    def _host(self, url: str) -> _Host:
        key = origin_of(url)
        with self._hosts_lock:
            host = self._hosts.get(key)
            if host is None:
                p = self.politeness
                host = self._hosts[key] = _Host(1.0 / p.rate, p.concurrency)
            return host


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL: the unit of politeness."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _too_large(size: int, limit: int) -> str:
    return f"body of {size} bytes is larger than max_bytes={limit}"
