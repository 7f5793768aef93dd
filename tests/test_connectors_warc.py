"""WARC and WET files written by the tests with warcio: Chinese pages in UTF-8 and GBK, a
language pre-filter, a truncated file, Common Crawl path lists served over loopback HTTP."""

from __future__ import annotations

import gzip
import io
import random
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import catalogs
from connectors import Document, Quarantined
from connectors.errors import SourceError
from connectors.warc import WarcSource
from pipelines.cli import app
from tests.helpers import chinese_document, write_recipe

runner = CliRunner()


def _page(title: str, body: str, charset: str = "utf-8", meta: bool = True) -> bytes:
    head = f'<meta charset="{charset}">' if meta else ""
    html = (f"<html><head>{head}<title>{title}</title></head><body><nav>首页 | 新闻 | 关于</nav>"
            f"<article><h1>{title}</h1>" + "".join(f"<p>{p}。</p>" for p in body.split("。") if p)
            + "</article><footer>版权所有</footer></body></html>")  # fmt: skip
    return html.encode(charset)


def write_warc(path: Path, seed: int = 1) -> dict[str, str]:
    """Four responses (UTF-8, GBK by meta only, English, an image), a request, a WET text."""
    rng = random.Random(seed)
    texts = {"utf8": chinese_document(rng), "gbk": chinese_document(rng),
             "wet": chinese_document(rng)}  # fmt: skip
    english = ("The city council approved the new budget for public libraries on Monday. "
               "Officials said the money will extend opening hours across all districts. ") * 3
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        def response(url: str, body: bytes, content_type: str) -> None:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")  # fmt: skip
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                               http_headers=headers)  # fmt: skip
            writer.write_record(record)

        response("https://example.cn/a", _page("新闻一", texts["utf8"]),
                 "text/html; charset=utf-8")  # fmt: skip
        response("https://example.cn/b", _page("新闻二", texts["gbk"], "gbk"), "text/html")
        response("https://example.com/en", _page("News", english), "text/html; charset=utf-8")
        response("https://example.cn/logo.png", b"\x89PNG\r\n", "image/png")
        get = io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")
        request = writer.create_warc_record("https://example.cn/a", "request", payload=get)
        writer.write_record(request)
        wet = writer.create_warc_record("https://example.cn/c", "conversion",
                                        payload=io.BytesIO(texts["wet"].encode()),
                                        warc_content_type="text/plain")  # fmt: skip
        writer.write_record(wet)
    return texts


def _items(source: WarcSource) -> list[Document | Quarantined]:
    return [item for part in source.partitions() for item in source.read(part)]


def test_pages_are_decoded_extracted_and_filtered_by_language(tmp_path: Path) -> None:
    texts = write_warc(tmp_path / "crawl.warc.gz")
    items = _items(WarcSource("cc", str(tmp_path), languages=["zh"]))
    docs = {d.uri: d for d in items if isinstance(d, Document)}
    assert sorted(docs) == ["https://example.cn/a", "https://example.cn/b", "https://example.cn/c"]
    first_sentence = texts["gbk"].split("。")[0]
    assert first_sentence in docs["https://example.cn/b"].text  # GBK by <meta> only
    assert "版权所有" not in docs["https://example.cn/a"].text  # boilerplate left out
    assert docs["https://example.cn/c"].text == texts["wet"]
    assert docs["https://example.cn/a"].published_at is not None
    (filtered,) = [i for i in items if isinstance(i, Quarantined)]
    assert filtered.reason == "language_filtered" and filtered.uri == "https://example.com/en"
    everything = _items(WarcSource("cc", str(tmp_path)))
    assert len([i for i in everything if isinstance(i, Document)]) == 4


def test_a_truncated_file_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    write_warc(tmp_path / "whole.warc.gz")
    data = (tmp_path / "whole.warc.gz").read_bytes()
    (tmp_path / "whole.warc.gz").unlink()
    (tmp_path / "cut.warc.gz").write_bytes(data[: int(len(data) * 0.6)])
    items = _items(WarcSource("cc", str(tmp_path)))
    assert any(isinstance(i, Document) for i in items)
    assert isinstance(items[-1], Quarantined) and items[-1].reason == "truncated_record"
    with pytest.raises(SourceError, match="no WARC or WET files"):
        WarcSource("cc", str(tmp_path / "nothing-here")).partitions()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, dict[str, int]]]:
    root = tmp_path / "served"
    (root / "crawl-data").mkdir(parents=True)
    write_warc(root / "crawl-data" / "seg-0.warc.gz", seed=7)
    paths = b"crawl-data/seg-0.warc.gz\ncrawl-data/missing.warc.gz\n"
    (root / "warc.paths.gz").write_bytes(gzip.compress(paths))
    hits: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            hits[self.path] = hits.get(self.path, 0) + 1
            target = root / self.path.lstrip("/")
            if target.is_file():
                body = target.read_bytes()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_response(404)
                self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", hits
    server.shutdown()


@pytest.mark.e2e
def test_a_recipe_reads_common_crawl_paths_over_http(
    tmp_path: Path, served: tuple[str, dict[str, int]]
) -> None:
    base, hits = served
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "cc-zh",
        [{"name": "cc", "type": "warc", "paths_list": base + "warc.paths.gz", "base_url": base,
          "languages": ["zh"]}],
        run={"workers": 1},
    )  # fmt: skip
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    assert hits["/crawl-data/seg-0.warc.gz"] == 1
    with catalogs.Catalog(home).connect(read_only=True) as con:
        reasons = dict(con.execute(
            "SELECT reason, count(*) FROM rejects WHERE dataset = 'cc-zh' AND stage = 'ingest' "
            "GROUP BY 1"
        ).fetchall())  # fmt: skip
        (published,) = con.execute(
            "SELECT count(*) FROM documents WHERE dataset = 'cc-zh'"
        ).fetchone()
    assert reasons == {"language_filtered": 1, "http_error": 1} and published == 3
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0 and "Nothing new" in result.output
    assert hits["/crawl-data/seg-0.warc.gz"] == 1  # not fetched again
