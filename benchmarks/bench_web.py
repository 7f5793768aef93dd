"""Is the web connector bounded by its politeness settings or by its own code?

Run from the repository root (about a minute and a half)::

    python benchmarks/bench_web.py
    python benchmarks/bench_web.py --seconds 5 --latency 0.05

A loopback HTTP server (``tests/web_site.py``) serves generated Chinese article pages
(about 2 KB of text each, inside navigation and a footer), with ``--latency`` seconds of
server think time per page. Each row reads a fresh set of pages with
:class:`connectors.web.WebSource` (robots.txt checked, charset decoded, main text extracted
by trafilatura, one document per page) and reports pages per second:

* paced rows: ``rate`` requests per second per host, for about ``--seconds`` seconds each;
  "of limit" is achieved pages/s over the rate. Close to 100% means politeness, not code,
  sets the speed.
* unpaced rows (``rate`` 10,000/s): what the connector can do on this machine with one and
  with four requests in flight; this is the headroom above any polite rate.
* baseline: the same pages fetched by a bare ``httpx.Client`` loop (no robots.txt, no
  pacing, no extraction), in the same run.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from connectors import Document
from connectors.web import WebSource
from tests.helpers import chinese_document
from tests.web_site import Resource, Site


def make_site(pages: int, latency: float) -> Site:
    site = Site().serve()
    rng = random.Random(11)
    for i in range(pages):
        site.page(f"/a/{i:05d}.html", f"第{i}号公告", chinese_document(rng) + chinese_document(rng))
    site.resources["/robots.txt"] = Resource(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.delay = latency
    return site


class Pages:
    """Hands out pages no earlier row has read, so every row pays full price."""

    def __init__(self, site: Site, total: int) -> None:
        self.urls = [f"{site.url}/a/{i:05d}.html" for i in range(total)]
        self.next = 0

    def take(self, n: int) -> list[str]:
        if self.next + n > len(self.urls):
            self.next = 0  # reuse: each row has its own client, so nothing is cached
        out = self.urls[self.next : self.next + n]
        self.next += n
        return out


def connector_row(urls: list[str], rate: float, concurrency: int) -> tuple[float, int]:
    source = WebSource("bench", urls, rate=rate, concurrency=concurrency, retries=0)
    (part,) = source.partitions()
    start = time.perf_counter()
    docs = sum(isinstance(item, Document) for item in source.read(part))
    return time.perf_counter() - start, docs


def baseline_row(urls: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    with httpx.Client() as client:
        ok = sum(client.get(url).status_code == 200 for url in urls)
    return time.perf_counter() - start, ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each paced row")
    parser.add_argument("--latency", type=float, default=0.02, help="server time per page, s")
    parser.add_argument("--unpaced-pages", type=int, default=400)
    args = parser.parse_args()
    site = make_site(2000, args.latency)
    pages = Pages(site, 2000)
    connector_row(pages.take(20), 10_000, 2)  # warm-up: imports, trafilatura's first parse
    rows = []
    for rate, concurrency in ((2, 2), (5, 2), (10, 2), (20, 2), (40, 4)):
        n = max(10, int(rate * args.seconds))
        seconds, docs = connector_row(pages.take(n), rate, concurrency)
        rows.append((f"{rate}/s", concurrency, n, docs, seconds, rate))
    for concurrency in (1, 4):
        n = args.unpaced_pages
        seconds, docs = connector_row(pages.take(n), 10_000, concurrency)
        rows.append(("unpaced", concurrency, n, docs, seconds, None))
    n = args.unpaced_pages
    seconds, ok = baseline_row(pages.take(n))
    site.close()
    print(f"\nserver latency {args.latency * 1000:.0f} ms per page; pages of about 2 KB of text\n")
    print("| rate per host | in flight | pages | documents | seconds | pages/s | of limit |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, concurrency, n, docs, secs, rate in rows:
        speed = n / secs
        share = f"{speed / rate:.0%}" if rate else ""
        print(f"| {label} | {concurrency} | {n} | {docs} | {secs:.1f} | {speed:.1f} | {share} |")
    print(f"| baseline: bare httpx GET loop | 1 | {n} | {ok} | {seconds:.1f} | "
          f"{n / seconds:.1f} | |")  # fmt: skip


if __name__ == "__main__":
    main()
