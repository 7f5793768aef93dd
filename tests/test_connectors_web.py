"""The web connector against a real HTTP server on loopback (tests/web_site.py): sitemaps
found through robots.txt, pages in UTF-8, GBK and Big5, robots.txt obeyed, 404s, timeouts and
429s handled, conditional re-runs, and the pace and concurrency kept per host."""

from __future__ import annotations

import datetime as dt
import email.utils
import itertools
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import catalogs
from connectors import Checkpoint, Document, Gone, Quarantined
from connectors.errors import SourceError
from connectors.http import retry_after_seconds
from connectors.web import WebSource, parse_sitemap
from pipelines import stages
from pipelines.cli import app
from pipelines.recipe import load_recipe
from tests.helpers import chinese_document, write_recipe
from tests.test_connectors_pdf import make_pdf
from tests.web_site import ARTICLES, Resource, Site, build_site

runner = CliRunner()
AGENT = "hqdata-test/1.0 (+https://example.org/crawler)"
FAST = {"rate": 50.0, "timeout": 1.0, "retries": 1, "backoff": 0.05, "user_agent": AGENT}
ZH_ARTICLES = [p for p in ARTICLES if p.startswith("/zh/")]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    pdf = make_pdf(tmp_path / "report.pdf", [["第一页：年度工作报告", "本年度各项工作进展顺利。"]])
    served = build_site(pdf=pdf.read_bytes())
    served.slow_seconds = 3.0
    yield served
    served.close()


def read_all(
    source: WebSource, since: str | None = None
) -> tuple[dict[str, Document], dict[str, Quarantined], str]:
    docs: dict[str, Document] = {}
    rejects: dict[str, Quarantined] = {}
    cursor = ""
    for part in source.partitions():
        for item in source.read(part, since=since):
            if isinstance(item, Document):
                docs[item.uri] = item
            elif isinstance(item, Quarantined):
                rejects[item.uri] = item
            else:
                assert isinstance(item, Checkpoint)
                cursor = item.fingerprint
    return docs, rejects, cursor


def first_sentence(text: str) -> str:
    return text.split("。")[0]


def test_a_site_is_listed_from_the_sitemaps_its_robots_txt_names(site: Site) -> None:
    source = WebSource("web", sites=[site.url], **FAST)
    (part,) = source.partitions()
    assert part.uri == site.url and part.format == "web"
    listed = dict(part.entries)
    # the index names a plain sitemap and a gzipped one: pages from both are found
    assert set(listed) == {
        site.url + p for p in [*ARTICLES, "/private/secret.html", "/missing.html"]
    }
    assert set(listed.values()) == {"2026-11-02"}
    assert source.skipped == []
    filtered = WebSource("web", sites=[site.url], include=["/zh/"], exclude=["gbk"], **FAST)
    assert [u for u, _ in filtered.partitions()[0].entries] == [
        site.url + "/zh/big5.html", site.url + "/zh/busy.html", site.url + "/zh/utf8.html"
    ]  # fmt: skip


def test_a_broken_sitemap_is_reported_and_the_rest_is_listed(site: Site) -> None:
    site.resources["/bad-sitemap.xml"] = Resource(b"<urlset><url><loc>oops", "application/xml")
    source = WebSource("web", site.url + "/zh/utf8.html", sitemaps=[site.url + "/bad-sitemap.xml",
                       site.url + "/no-sitemap.xml"], **FAST)  # fmt: skip
    (part,) = source.partitions()
    assert [u for u, _ in part.entries] == [site.url + "/zh/utf8.html"]
    why = dict(source.skipped)
    assert "malformed XML" in why[site.url + "/bad-sitemap.xml"]
    assert why[site.url + "/no-sitemap.xml"] == "sitemap not read: HTTP 404"
    with pytest.raises(SourceError, match="no pages to read"):
        WebSource("web", sitemaps=[site.url + "/no-sitemap.xml"], **FAST).partitions()


def test_pages_in_every_charset_keep_their_article_and_lose_navigation(site: Site) -> None:
    source = WebSource("web", [site.url + p for p in ARTICLES], **FAST)
    docs, rejects, _ = read_all(source)
    assert rejects == {}
    assert set(docs) == {site.url + p for p in ARTICLES}
    for path in ARTICLES:
        doc = docs[site.url + path]
        assert first_sentence(site.texts[path]) in doc.text, path  # UTF-8, GBK, Big5 decoded
        assert (
            "联系我们" not in doc.text and "备案号" not in doc.text and "聯絡我們" not in doc.text
        )
        assert doc.metadata["content_type"].startswith("text/html")
    assert "巡迴醫療車" in docs[site.url + "/zh/big5.html"].text
    assert docs[site.url + "/zh/gbk.html"].title == "页面 gbk"


def test_robots_404_timeout_and_other_types_are_quarantined_and_the_rest_publish(
    site: Site,
) -> None:
    site.throttle["/zh/busy.html"] = 1
    urls = [site.url + p for p in ["/zh/utf8.html", "/zh/busy.html", "/private/secret.html",
            "/missing.html", "/slow.html", "/files/logo.png", "/files/report.pdf"]]  # fmt: skip
    docs, rejects, cursor = read_all(WebSource("web", urls, **FAST))
    assert {u.removeprefix(site.url): r.reason for u, r in rejects.items()} == {
        "/private/secret.html": "robots_disallowed",
        "/missing.html": "http_error",
        "/slow.html": "http_error",
        "/files/logo.png": "unsupported_content",
    }
    assert rejects[site.url + "/missing.html"].detail == "HTTP 404"
    assert "Timeout" in rejects[site.url + "/slow.html"].detail
    assert site.count("/private/secret.html") == 0  # forbidden pages are never requested
    assert set(docs) == {
        site.url + p for p in ["/zh/utf8.html", "/zh/busy.html", "/files/report.pdf"]
    }
    assert "年度工作报告" in docs[site.url + "/files/report.pdf"].text
    # 429 then success: retried once, after the Retry-After the server asked for
    busy = [h for h in site.hits if h.path == "/zh/busy.html"]
    assert [h.status for h in busy] == [429, 200]
    assert busy[1].start - busy[0].end >= 0.95
    assert {h.user_agent for h in site.hits} == {AGENT}
    assert site.url + "/missing.html" not in cursor  # failures are tried again next run


def test_a_rerun_asks_conditionally_and_reads_only_the_changed_page(site: Site) -> None:
    urls = [site.url + p for p in ZH_ARTICLES]  # a URL list: no sitemap lastmod to go by
    source = WebSource("web", urls, **FAST)
    docs, _, cursor = read_all(source)
    assert len(docs) == len(ZH_ARTICLES) and site.bodies_sent() == len(ZH_ARTICLES)
    site.changed("/zh/utf8.html", "本市发布新的城市更新规划，将在三年内完成老旧小区改造任务。" * 3)
    before = len(site.hits)
    again, rejects, _ = read_all(source, since=cursor)
    assert rejects == {} and list(again) == [site.url + "/zh/utf8.html"]
    assert "城市更新规划" in again[site.url + "/zh/utf8.html"].text
    second = site.hits[before:]
    assert all(h.conditional for h in second if h.path in ZH_ARTICLES)
    assert sorted(h.status for h in second if h.path in ZH_ARTICLES) == [200] + [304] * (
        len(ZH_ARTICLES) - 1
    )


def test_sitemap_lastmod_spares_even_the_conditional_request(site: Site) -> None:
    source = WebSource("web", sites=[site.url], include=["/zh/"], **FAST)
    docs, _, cursor = read_all(source)
    assert len(docs) == len(ZH_ARTICLES)
    site.changed("/zh/gbk.html", "新版公告：各区应于本月底前报送年度总结材料。" * 3)
    site.sitemaps(ARTICLES)  # the sitemap now shows the new lastmod
    before = len(site.hits)
    again, _, _ = read_all(source, since=cursor)
    assert list(again) == [site.url + "/zh/gbk.html"]
    pages = [h.path for h in site.hits[before:] if h.path.startswith("/zh/")]
    assert pages == ["/zh/gbk.html"]  # the others were not requested at all


def test_requests_to_a_host_keep_its_pace(site: Site) -> None:
    urls = [site.url + p for p in ARTICLES]
    read_all(WebSource("web", urls, **(FAST | {"rate": 4.0, "concurrency": 2})))
    starts = sorted(h.start for h in site.hits if h.path in ARTICLES)
    # 4 requests per second at most, even with two in flight. Measured where the server
    # thread starts, which can lag the client by a scheduling slice: hence the margins.
    assert starts[-1] - starts[0] >= 0.95 * 0.25 * (len(starts) - 1)
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.15


def test_requests_in_flight_per_host_are_bounded(site: Site) -> None:
    site.delay = 0.3
    urls = [site.url + p for p in ARTICLES]
    read_all(WebSource("web", urls, **(FAST | {"rate": 1000.0, "concurrency": 2})))
    pages = [h for h in site.hits if h.path in ARTICLES]
    # requests in flight when each one started (the server logs its end a moment after the
    # client has its answer, hence the slack)
    in_flight = max(sum(1 for o in pages if o.start <= h.start < o.end - 0.05) for h in pages)
    assert in_flight == 2  # two at a time, never more


def test_robots_crawl_delay_and_an_unreachable_robots_txt(site: Site) -> None:
    site.resources["/robots.txt"] = Resource(b"User-agent: *\nCrawl-delay: 1\n", "text/plain")
    urls = [site.url + p for p in ZH_ARTICLES[:3]]
    docs, _, _ = read_all(WebSource("web", urls, **FAST))
    starts = sorted(h.start for h in site.hits if h.path in ZH_ARTICLES)
    assert len(docs) == 3 and min(b - a for a, b in itertools.pairwise(starts)) >= 0.95
    site.status["/robots.txt"] = 503  # RFC 9309: an unreachable robots.txt forbids everything
    docs, rejects, _ = read_all(WebSource("web", urls, **FAST))
    assert docs == {} and {r.reason for r in rejects.values()} == {"robots_disallowed"}
    docs, _, _ = read_all(WebSource("web", urls, **(FAST | {"robots": False})))
    assert len(docs) == 3


def test_a_retry_after_beyond_max_wait_is_reported_not_slept_through(site: Site) -> None:
    site.throttle["/zh/busy.html"] = 5
    site.retry_after = "3600"
    docs, rejects, _ = read_all(WebSource("web", [site.url + "/zh/busy.html"], **FAST))
    (reject,) = rejects.values()
    assert docs == {} and reject.reason == "http_error"
    assert reject.detail == "HTTP 429 with Retry-After 3600 s (max_wait 120 s)"
    assert site.count("/zh/busy.html") == 1


def test_retry_after_takes_seconds_or_an_http_date() -> None:
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)
    assert retry_after_seconds("120") == 120.0
    assert 25 <= (retry_after_seconds(email.utils.format_datetime(soon, usegmt=True)) or 0) <= 30
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # already past
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_options_are_checked_when_the_source_is_made() -> None:
    with pytest.raises(SourceError, match="needs urls"):
        WebSource("web")
    with pytest.raises(SourceError, match="rate must be positive"):
        WebSource("web", ["http://127.0.0.1/"], rate=0)
    with pytest.raises(SourceError, match="bad option"):
        WebSource("web", ["http://127.0.0.1/"], include=["("])


def test_url_file_errors_name_the_line(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("# pages\nhttp://127.0.0.1:9/a.html\nftp://example.org/b\n", "utf-8")
    with pytest.raises(SourceError, match=r"not an http\(s\) URL.*line=3"):
        WebSource("web", url_file="urls.txt", base_dir=tmp_path).partitions()


def test_parse_sitemap_reads_both_kinds_in_any_namespace() -> None:
    children, pages = parse_sitemap(
        b"<sitemapindex><sitemap><loc> a.xml </loc></sitemap><sitemap/></sitemapindex>"
    )
    assert children == ["a.xml"] and pages == []
    children, pages = parse_sitemap(
        b'<urlset xmlns="urn:x"><url><loc>p1</loc><lastmod>2026-01-01</lastmod></url>'
        b"<url><loc>p2</loc></url></urlset>"
    )
    assert children == [] and pages == [("p1", "2026-01-01"), ("p2", "")]


@pytest.mark.e2e
def test_a_site_recipe_publishes_then_a_rerun_fetches_only_what_changed(
    tmp_path: Path, site: Site
) -> None:
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "web-zh",
        [{"name": "site", "type": "web", "sites": [site.url], "exclude": ["/en/"], **FAST}],
        run={"workers": 1},
    )  # fmt: skip
    home = tmp_path / "home"
    # A run killed after its ingest: the pages it read are on disk; the rerun resumes from
    # them without fetching a page again, and publishes each page once.
    loaded = load_recipe(recipe)
    plan = stages.plan_run(loaded, catalogs.Catalog(home))
    stages.save_plan(plan)
    for planned in plan.partitions:
        stages.ingest_partition(loaded, planned, plan.work_dir)
    fetched = site.bodies_sent()
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    assert "Resumed an interrupted run" in result.output
    assert site.bodies_sent() == fetched
    table = catalogs.read_table("web-zh", home=home, columns=["uri", "text"])
    uris = sorted(table["uri"].to_pylist())
    assert uris == sorted(site.url + p for p in ZH_ARTICLES)
    with catalogs.Catalog(home).connect(read_only=True) as con:
        reasons = dict(con.execute(
            "SELECT reason, count(*) FROM rejects WHERE dataset = 'web-zh' GROUP BY 1"
        ).fetchall())  # fmt: skip
    assert reasons == {"robots_disallowed": 1, "http_error": 1}

    # a new page and a changed one: only they are downloaded; the changed page replaces its
    # published text in the next version
    site.page("/zh/new.html", "页面 new", chinese_document(random.Random(5)))
    revised = chinese_document(random.Random(6))
    site.changed("/zh/utf8.html", revised)
    site.sitemaps([*ARTICLES, "/private/secret.html", "/missing.html", "/zh/new.html"])
    before = len(site.hits)
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    pages = [h.path for h in site.hits[before:] if h.path.endswith(".html")]
    assert sorted(pages) == ["/missing.html", "/zh/new.html", "/zh/utf8.html"]  # + the 404 again
    table = catalogs.read_table("web-zh", home=home, columns=["uri", "text"])
    texts = dict(zip(table["uri"].to_pylist(), table["text"].to_pylist(), strict=True))
    assert sorted(texts) == sorted(site.url + p for p in [*ZH_ARTICLES, "/zh/new.html"])
    assert first_sentence(revised) in texts[site.url + "/zh/utf8.html"]
    with catalogs.Catalog(home).connect(read_only=True) as con:
        (replaced,) = con.execute(
            "SELECT count(*) FROM superseded WHERE dataset = 'web-zh' AND version = '1.1.0'"
        ).fetchone()
    assert replaced == 1

    # nothing changed: conditional requests only, and no new version
    before = len(site.hits)
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0 and "Nothing new" in result.output, result.output
    assert [
        h.path for h in site.hits[before:] if h.status == 200 and h.path.endswith(".html")
    ] == []
    assert catalogs.Catalog(home).versions("web-zh") == ["1.0.0", "1.1.0"]


def test_a_published_page_that_is_gone_is_reported_only_when_asked(site: Site) -> None:
    urls = [site.url + p for p in ZH_ARTICLES[:2]]
    _, _, cursor = read_all(WebSource("web", urls, **FAST))
    del site.resources["/zh/utf8.html"]
    for remove_gone in (False, True):
        items = list(WebSource("web", urls, remove_gone=remove_gone, **FAST).read(
            WebSource("web", urls, **FAST).partitions()[0], since=cursor))  # fmt: skip
        gone = [i for i in items if isinstance(i, Gone)]
        assert [i.reason for i in items if isinstance(i, Quarantined)] == ["http_error"]
        assert [(g.uri, g.detail) for g in gone] == (
            [(site.url + "/zh/utf8.html", "HTTP 404")] if remove_gone else []
        )
    # a page never read before is not "gone", only missing
    fresh = list(WebSource("web", urls, remove_gone=True, **FAST).read(
        WebSource("web", urls, **FAST).partitions()[0]))  # fmt: skip
    assert not any(isinstance(i, Gone) for i in fresh)


@pytest.mark.e2e
def test_a_page_gone_from_the_site_leaves_the_next_version(tmp_path: Path, site: Site) -> None:
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "web-gone",
        [{"name": "site", "type": "web", "urls": [site.url + p for p in ZH_ARTICLES],
          "remove_gone": True, **FAST}],
        run={"workers": 1},
    )  # fmt: skip
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    site.status["/zh/gbk.html"] = 410
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    assert "removed (gone at the source)" in result.output
    catalog = catalogs.Catalog(home)
    assert catalog.versions("web-gone") == ["1.0.0", "1.1.0"]
    uris = catalogs.read_table("web-gone", home=home, columns=["uri"])["uri"].to_pylist()
    assert sorted(uris) == sorted(site.url + p for p in ZH_ARTICLES if p != "/zh/gbk.html")
    old = catalogs.read_table("web-gone", "1.0.0", home=home, columns=["uri"])["uri"]
    assert site.url + "/zh/gbk.html" in old.to_pylist()  # earlier versions stay as published
    with catalog.connect(read_only=True) as con:
        rows = con.execute(
            "SELECT version, previous_added_in, change FROM superseded WHERE dataset = 'web-gone'"
        ).fetchall()
    assert rows == [("1.1.0", "1.0.0", "removed")]
    # gone stays gone: the next run publishes nothing new
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0 and "Nothing new" in result.output, result.output
