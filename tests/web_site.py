"""A small multilingual web site served by a real HTTP server on 127.0.0.1, for the web and
feed connector tests and the web benchmark.

It serves Chinese pages in UTF-8, GBK (declared by the header or by ``<meta>`` only) and Big5,
an English page, a robots.txt that forbids ``/private/``, a sitemap index pointing at a plain
and a gzipped sitemap, RSS and Atom feeds, a malformed feed, a page that answers 429 (with
Retry-After) before it succeeds, a 404, a page slower than any test timeout, a PDF and an
image. Every response carries an ETag and a Last-Modified; conditional requests get 304.
The server logs each request (path, status, User-Agent, start and end times), so tests can
assert what was fetched and how politely.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.helpers import chinese_document

_MODIFIED = "Mon, 02 Nov 2026 08:00:00 GMT"


@dataclass
class Resource:
    body: bytes
    content_type: str
    lastmod: str = "2026-11-02"


@dataclass
class Hit:
    path: str
    status: int
    user_agent: str
    conditional: bool
    start: float
    end: float


@dataclass
class Site:
    """The site's resources and request log; start it with :meth:`serve`."""

    resources: dict[str, Resource] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # page path -> the article's text
    hits: list[Hit] = field(default_factory=list)
    throttle: Counter[str] = field(default_factory=Counter)  # path -> 429s still to answer
    status: dict[str, int] = field(default_factory=dict)  # path -> an error status to answer
    retry_after: str = "1"  # what a throttled answer asks for
    delay: float = 0.0  # seconds every page takes to serve (for concurrency tests)
    slow_seconds: float = 5.0
    url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    # -- content -----------------------------------------------------------------------------

    def page(
        self,
        path: str,
        title: str,
        text: str,
        *,
        charset: str = "utf-8",
        header_charset: bool = True,
        meta: bool = True,
        lang: str = "zh-CN",
    ) -> None:
        """An article page with navigation and a footer around the text (what extraction drops)."""
        head = f'<meta charset="{charset}">' if meta else ""
        paragraphs = "".join(f"<p>{p}。</p>" for p in text.split("。") if p)
        nav, footer = (
            (("首頁", "新聞", "聯絡我們"), "版權所有 示例網站")
            if charset == "big5"
            else (("首页", "新闻", "联系我们"), "版权所有 示例网站 备案号 00000000")
        )
        html = (f'<!DOCTYPE html><html lang="{lang}"><head>{head}<title>{title}</title></head>'
                f'<body><nav><a href="/">{nav[0]}</a> | <a href="/news/">{nav[1]}</a> | {nav[2]}'
                f"</nav><article><h1>{title}</h1>{paragraphs}</article>"
                f"<footer>{footer}</footer></body></html>")  # fmt: skip
        content_type = f"text/html; charset={charset}" if header_charset else "text/html"
        self.resources[path] = Resource(html.encode(charset), content_type)
        self.texts[path] = text

    def sitemaps(self, pages: list[str]) -> None:
        """A sitemap index naming a plain sitemap (first half) and a gzipped one (the rest)."""
        half = len(pages) // 2
        for name, chunk, packed in (("pages", pages[:half], False), ("more", pages[half:], True)):
            urls = "".join(f"<url><loc>{self.url}{p}</loc><lastmod>{self._lastmod(p)}"
                           "</lastmod></url>" for p in chunk)  # fmt: skip
            xml = (
                '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            ).encode()
            path = f"/sitemap-{name}.xml" + (".gz" if packed else "")
            kind = "application/gzip" if packed else "application/xml"
            self.resources[path] = Resource(gzip.compress(xml) if packed else xml, kind)
        index = "".join(f"<sitemap><loc>{self.url}{p}</loc></sitemap>"
                        for p in ("/sitemap-pages.xml", "/sitemap-more.xml.gz"))  # fmt: skip
        self.resources["/sitemap.xml"] = Resource(
            ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
             f'sitemap/0.9">{index}</sitemapindex>').encode(), "application/xml")  # fmt: skip

    def rss(self, path: str, pages: list[str]) -> None:
        items = "".join(
            f"<item><title>{self.title(p)}</title><link>{self.url}{p}</link>"
            f"<guid>{self.url}{p}</guid><pubDate>Mon, 0{i + 1} Nov 2026 09:00:00 +0800</pubDate>"
            f"<description>{self.texts.get(p, '')[:40]}</description></item>"
            for i, p in enumerate(pages)
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>通知公告</title><link>{self.url}/</link>{items}</channel></rss>"
        )
        self.resources[path] = Resource(xml.encode(), "application/rss+xml; charset=utf-8")

    def atom(self, path: str, entries: dict[str, str]) -> None:
        """An Atom feed whose entries carry their whole text (for ``follow: false``)."""
        body = "".join(
            f"<entry><title>{key}</title><id>urn:hqdata-test:{key}</id>"
            f"<updated>2026-11-0{i + 1}T09:00:00Z</updated>"
            f'<content type="html">&lt;p&gt;{text}&lt;/p&gt;</content></entry>'
            for i, (key, text) in enumerate(entries.items())
        )
        xml = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
               f"<title>动态</title><id>urn:hqdata-test:feed</id><updated>2026-11-05T00:00:00Z"
               f"</updated>{body}</feed>")  # fmt: skip
        self.resources[path] = Resource(xml.encode(), "application/atom+xml")

    def _lastmod(self, path: str) -> str:
        resource = self.resources.get(path)
        return resource.lastmod if resource else "2026-11-02"

    def title(self, path: str) -> str:
        return f"页面 {Path(path).stem}"

    def changed(self, path: str, text: str) -> None:
        """Replace a page's article text (a new ETag, Last-Modified and sitemap lastmod)."""
        resource = self.resources[path]
        charset = (
            resource.content_type.split("charset=")[-1]
            if "charset=" in resource.content_type
            else "utf-8"
        )
        self.page(path, self.title(path), text, charset=charset)
        self.resources[path].lastmod = "2026-11-20"

    # -- server ------------------------------------------------------------------------------

    def serve(self) -> Site:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def count(self, path: str, status: int | None = None) -> int:
        with self._lock:
            return sum(1 for h in self.hits if h.path == path and status in (None, h.status))

    def bodies_sent(self) -> int:
        """Responses with a 200 body, robots.txt and sitemaps left out."""
        with self._lock:
            return sum(1 for h in self.hits if h.status == 200 and not _meta_path(h.path))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out as two writes: without TCP_NODELAY, Nagle's algorithm
            # and the client's delayed ACK add about 40 ms to every keep-alive response.
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                self.start = time.monotonic()
                self._answer()

            def _answer(self) -> int:
                path = self.path.split("?")[0]
                if path == "/slow.html":
                    time.sleep(site.slow_seconds)
                if site.delay and not _meta_path(path):
                    time.sleep(site.delay)
                with site._lock:
                    throttled = site.throttle[path] > 0
                    if throttled:
                        site.throttle[path] -= 1
                if throttled:
                    return self._send(
                        429, b"slow down", "text/plain", {"Retry-After": site.retry_after}
                    )
                if path in site.status:
                    return self._send(site.status[path], b"error", "text/plain")
                resource = site.resources.get(path)
                if resource is None:
                    return self._send(404, b"not found", "text/plain")
                etag = '"' + hashlib.sha256(resource.body).hexdigest()[:16] + '"'
                validators = {"ETag": etag, "Last-Modified": _MODIFIED}
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", None, validators)
                return self._send(200, resource.body, resource.content_type, validators)

            def _send(self, status: int, body: bytes, content_type: str | None,
                      headers: dict[str, str] | None = None) -> int:  # fmt: skip
                # Logged before the answer goes out: a client that has its answer finds the
                # request in the log (logging after the write raced with the tests).
                conditional = bool(self.headers.get("If-None-Match")
                                   or self.headers.get("If-Modified-Since"))  # fmt: skip
                with site._lock:
                    site.hits.append(Hit(self.path, status, self.headers.get("User-Agent", ""),
                                         conditional, self.start, time.monotonic()))  # fmt: skip
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    # the client may have given up (a timeout test)
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                        self.wfile.write(body)
                return status

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def _meta_path(path: str) -> bool:
    return path == "/robots.txt" or path.startswith("/sitemap")


ARTICLES = ["/zh/utf8.html", "/zh/gbk.html", "/zh/gbk-meta.html", "/zh/big5.html",
            "/en/page.html", "/zh/busy.html"]  # fmt: skip
BROKEN = ["/private/secret.html", "/missing.html", "/slow.html", "/files/logo.png",
          "/files/report.pdf"]  # fmt: skip


def build_site(seed: int = 7, pdf: bytes | None = None) -> Site:
    """The test site, started. ``pdf`` is served as ``/files/report.pdf`` when given."""
    rng = random.Random(seed)
    site = Site().serve()
    site.page("/zh/utf8.html", "页面 utf8", chinese_document(rng))
    site.page("/zh/gbk.html", "页面 gbk", chinese_document(rng), charset="gbk", meta=False)
    site.page("/zh/gbk-meta.html", "页面 gbk-meta", chinese_document(rng), charset="gbk",
              header_charset=False)  # fmt: skip
    traditional = ("臺灣地區的醫療機構應當依據規定，完善資訊系統並定期報告服務數據。"
                   "衛生主管機關每季公布各區門診量與病床使用率，供民眾查詢。"
                   "偏遠鄉鎮的巡迴醫療車增加班次，長者看診不必再長途奔波。"
                   "醫院評鑑結果將納入補助計畫的審查，以提升整體照護品質。")  # fmt: skip
    site.page("/zh/big5.html", "頁面 big5", traditional, charset="big5", meta=False)
    english = (
        "The county health office published its annual report on clinic visits. "
        "Vaccination rates rose in every district, and waiting times fell by a third."
    ) * 3
    site.page("/en/page.html", "page", english, lang="en")
    site.page("/zh/busy.html", "页面 busy", chinese_document(rng))
    site.page("/private/secret.html", "内部", chinese_document(rng))
    site.page("/slow.html", "慢", chinese_document(rng))
    site.resources["/files/logo.png"] = Resource(b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    if pdf is not None:
        site.resources["/files/report.pdf"] = Resource(pdf, "application/pdf")
    site.resources["/robots.txt"] = Resource(
        f"User-agent: *\nDisallow: /private/\n\nSitemap: {site.url}/sitemap.xml\n".encode(),
        "text/plain")  # fmt: skip
    site.sitemaps([*ARTICLES, "/private/secret.html", "/missing.html"])
    return site
