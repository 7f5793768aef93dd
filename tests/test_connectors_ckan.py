"""The CKAN connector against a CKAN-shaped API on loopback: listing, downloads by format,
a resource that answers 429 then succeeds, a 404, and a second run that downloads only the
resource that changed (asserted by the server's request log)."""

from __future__ import annotations

import io
import json
import random
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import openpyxl
import pytest
from typer.testing import CliRunner

import catalogs
from connectors import Document
from connectors.ckan import CkanSource
from connectors.errors import SourceError
from pipelines.cli import app
from tests.helpers import chinese_document, write_recipe

runner = CliRunner()


class Portal:
    """Datasets, resources and a request log, served by a real HTTP server on 127.0.0.1."""

    def __init__(self) -> None:
        rng = random.Random(12)
        notices = "id,text\n" + "".join(
            f"n{i},\"{chinese_document(rng)}\"\n" for i in range(6)
        )
        book = openpyxl.Workbook()
        book.active.append(["id", "text"])
        for i in range(3):
            book.active.append([f"x{i}", chinese_document(rng)])
        buffer = io.BytesIO()
        book.save(buffer)
        self.files: dict[str, bytes] = {
            "/files/notices.csv": notices.encode("utf-8"),
            "/files/reports.xlsx": buffer.getvalue(),
            "/files/plan.txt": chinese_document(rng).encode("gb18030"),
            "/files/slow.jsonl": "".join(
                json.dumps({"id": f"s{i}", "text": chinese_document(rng)}, ensure_ascii=False)
                + "\n" for i in range(2)
            ).encode("utf-8"),
        }
        self.modified = {path: "2026-01-01T00:00:00" for path in self.files}
        self.log: Counter[str] = Counter()
        self.throttled: set[str] = set()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def resource(self, path: str, fmt: str) -> dict:
        return {"url": self.url + path, "format": fmt, "name": Path(path).stem,
                "last_modified": self.modified.get(path, "2026-01-01T00:00:00")}  # fmt: skip

    def packages(self) -> list[dict]:
        return [
            {"name": "notices", "title": "政务公告", "license_id": "cc-by",
             "resources": [self.resource("/files/notices.csv", "CSV"),
                           self.resource("/files/plan.txt", "TXT"),
                           self.resource("/files/map.shp", "SHP")]},
            {"name": "reports", "title": "行业报表", "license_id": "odc-by",
             "resources": [self.resource("/files/reports.xlsx", "XLSX"),
                           self.resource("/files/slow.jsonl", "JSONL"),
                           self.resource("/files/gone.csv", "CSV")]},
        ]  # fmt: skip

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                url = urlparse(self.path)
                portal.log[url.path] += 1
                assert "hqdata" in self.headers.get("User-Agent", "")
                if url.path == "/api/3/action/package_search":
                    query = parse_qs(url.query)
                    start, rows = int(query["start"][0]), int(query["rows"][0])
                    packages = portal.packages()
                    body = {"success": True, "result": {"count": len(packages),
                            "results": packages[start:start + rows]}}  # fmt: skip
                    self._send(200, json.dumps(body).encode(), "application/json")
                elif url.path == "/files/slow.jsonl" and url.path not in portal.throttled:
                    portal.throttled.add(url.path)
                    self.send_response(429)
                    self.send_header("Retry-After", "0")
                    self.end_headers()
                elif url.path in portal.files:
                    self._send(200, portal.files[url.path], "application/octet-stream")
                else:
                    self._send(404, b"not found", "text/plain")

            def _send(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


@pytest.fixture
def portal() -> Iterator[Portal]:
    server = Portal()
    yield server
    server.server.shutdown()


def test_listing_reading_retries_and_quarantine(portal: Portal) -> None:
    source = CkanSource("portal", portal.url, page_rows=1, user_agent="hqdata-test")
    parts = source.partitions()
    assert sorted(Path(p.uri).name for p in parts) == [
        "gone.csv", "notices.csv", "plan.txt", "reports.xlsx", "slow.jsonl"]  # fmt: skip
    assert portal.log["/api/3/action/package_search"] == 2  # one page per dataset
    assert [why for _, why in source.skipped] == ["format 'shp'"]
    items = {Path(p.uri).name: list(source.read(p)) for p in parts}
    assert [type(i).__name__ for i in items["gone.csv"]] == ["Quarantined"]
    assert items["gone.csv"][0].reason == "http_error" and "404" in items["gone.csv"][0].detail
    notices = items["notices.csv"]
    assert len(notices) == 6 and all(isinstance(d, Document) for d in notices)
    assert notices[0].uri == portal.url + "/files/notices.csv#row=0"
    assert notices[0].license == "cc-by" and notices[0].metadata["dataset"] == "notices"
    assert len(items["reports.xlsx"]) == 3 and items["reports.xlsx"][0].license == "odc-by"
    assert len(items["slow.jsonl"]) == 2 and portal.log["/files/slow.jsonl"] == 2  # 429, then 200
    (plan,) = items["plan.txt"]
    assert isinstance(plan, Document) and plan.metadata["encoding"].lower() in {"gb18030", "gbk"}
    with pytest.raises(SourceError, match="unknown formats"):
        CkanSource("p", portal.url, formats=["exe"])


def test_an_unreachable_portal_is_a_clear_error() -> None:
    source = CkanSource("portal", "http://127.0.0.1:9", retries=0, timeout=2)
    with pytest.raises(SourceError, match="cannot search"):
        source.partitions()


@pytest.mark.e2e
def test_a_recipe_publishes_and_then_downloads_only_the_changed_resource(
    tmp_path: Path, portal: Portal
) -> None:
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "ckan-zh",
        [{"name": "portal", "type": "ckan", "url": portal.url, "id_field": "id",
          "user_agent": "hqdata-test"}],
        run={"workers": 1},
    )  # fmt: skip
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    first = Counter(portal.log)
    assert first["/files/notices.csv"] == 1 and first["/files/reports.xlsx"] == 1
    rng = random.Random(99)
    portal.files["/files/notices.csv"] += f"n9,\"{chinese_document(rng)}\"\n".encode()
    portal.modified["/files/notices.csv"] = "2026-02-01T00:00:00"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    second = portal.log - first
    downloads = {path for path in second if path.startswith("/files/")}
    assert downloads == {"/files/notices.csv"}  # nothing else was fetched again
    with catalogs.Catalog(home).connect(read_only=True) as con:
        rows = con.execute(
            "SELECT version, count(*) FROM documents WHERE dataset = 'ckan-zh' GROUP BY 1 "
            "ORDER BY 1"
        ).fetchall()
        (gone,) = con.execute(
            "SELECT count(*) FROM rejects WHERE dataset = 'ckan-zh' AND reason = 'http_error'"
        ).fetchone()
    assert rows[0][1] == 12 and rows[1][1] == 13 and gone == 1
