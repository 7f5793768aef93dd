"""The feed connector against RSS and Atom feeds on a loopback HTTP server: entries followed to
their pages (titles and dates kept), entry content read in place, a malformed feed
quarantined, and re-runs that cost one conditional request per unchanged feed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import catalogs
from connectors import Checkpoint, Document, Quarantined
from connectors.errors import SourceError
from connectors.feeds import FeedSource
from pipelines.cli import app
from tests.helpers import chinese_document, write_recipe
from tests.web_site import Resource, Site, build_site

runner = CliRunner()
FAST = {"rate": 50.0, "timeout": 1.0, "retries": 1, "backoff": 0.05, "user_agent": "hqdata-test"}
FOLLOWED = ["/zh/utf8.html", "/zh/gbk.html", "/zh/big5.html", "/missing.html"]


@pytest.fixture
def site() -> Iterator[Site]:
    served = build_site()
    served.rss("/feeds/notices.xml", FOLLOWED)
    rng = random.Random(3)
    served.atom("/feeds/updates.atom", {f"update-{i}": chinese_document(rng) for i in range(3)})
    served.resources["/feeds/broken.xml"] = Resource(
        b"<rss><channel><title>x</title><item><title>a</ite", "application/rss+xml"
    )
    yield served
    served.close()


def read_all(
    source: FeedSource, since: str | None = None
) -> tuple[list[Document], list[Quarantined], str]:
    docs, rejects, cursor = [], [], ""
    for part in source.partitions():
        for item in source.read(part, since=since):
            if isinstance(item, Document):
                docs.append(item)
            elif isinstance(item, Quarantined):
                rejects.append(item)
            else:
                assert isinstance(item, Checkpoint)
                cursor = item.fingerprint
    return docs, rejects, cursor


def test_rss_entries_are_followed_to_their_pages(site: Site) -> None:
    docs, rejects, _ = read_all(FeedSource("news", site.url + "/feeds/notices.xml", **FAST))
    assert [d.uri for d in docs] == [site.url + p for p in FOLLOWED[:3]]
    for doc, path in zip(docs, FOLLOWED, strict=False):
        assert site.texts[path].split("。")[0] in doc.text  # the page, not the short description
        assert doc.title == site.title(path) and doc.metadata["feed"].endswith("/notices.xml")
    assert docs[0].published_at == dt.datetime(2026, 11, 1, 1, 0, tzinfo=dt.UTC)
    assert [(r.uri, r.reason, r.detail) for r in rejects] == [
        (site.url + "/missing.html", "http_error", "HTTP 404")
    ]


def test_atom_entries_are_read_in_place_without_following(site: Site) -> None:
    source = FeedSource("updates", [site.url + "/feeds/updates.atom"], follow=False, **FAST)
    docs, rejects, _ = read_all(source)
    assert rejects == [] and [d.title for d in docs] == ["update-0", "update-1", "update-2"]
    assert all("<p>" not in d.text and len(d.text) > 50 for d in docs)
    assert docs[2].published_at == dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC)


def test_a_malformed_feed_is_quarantined_and_the_other_feeds_are_read(site: Site) -> None:
    feeds = [site.url + "/feeds/broken.xml", site.url + "/feeds/updates.atom",
             site.url + "/feeds/gone.xml"]  # fmt: skip
    docs, rejects, _ = read_all(FeedSource("mixed", feeds, follow=False, **FAST))
    assert len(docs) == 3
    reasons = {r.uri.removeprefix(site.url): r.reason for r in rejects}
    assert reasons == {
        "/feeds/broken.xml": "malformed_feed",
        "/feeds/broken.xml#entry=1": "empty_text",  # recovered, but cut before its content
        "/feeds/gone.xml": "http_error",
    }
    broken = next(r for r in rejects if r.reason == "malformed_feed")
    assert "entries recovered" in broken.detail and broken.raw.startswith("<rss>")


def test_a_rerun_costs_one_conditional_request_per_unchanged_feed(site: Site) -> None:
    source = FeedSource("news", [site.url + "/feeds/notices.xml"], **FAST)
    _, _, cursor = read_all(source)
    before = len(site.hits)
    docs, rejects, cursor = read_all(source, since=cursor)
    second = site.hits[before:]
    assert docs == [] and rejects == []
    assert [(h.path, h.status) for h in second if h.path != "/robots.txt"] == [
        ("/feeds/notices.xml", 304)
    ]
    # a new entry: the feed is read again, only the new page is downloaded
    site.page("/zh/extra.html", "页面 extra", chinese_document(random.Random(8)))
    site.rss("/feeds/notices.xml", ["/zh/extra.html", *FOLLOWED])
    before = len(site.hits)
    docs, _, _ = read_all(source, since=cursor)
    assert [d.uri for d in docs] == [site.url + "/zh/extra.html"]
    bodies = [h.path for h in site.hits[before:] if h.status == 200 and h.path != "/robots.txt"]
    assert bodies == ["/feeds/notices.xml", "/zh/extra.html"]


def test_a_feed_source_needs_feeds() -> None:
    with pytest.raises(SourceError, match="needs a list of feed URLs"):
        FeedSource("news", [])


@pytest.mark.e2e
def test_a_feed_recipe_publishes_its_entries(tmp_path: Path, site: Site) -> None:
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "notices",
        [{"name": "gov", "type": "feed", "feeds": [site.url + "/feeds/notices.xml",
          site.url + "/feeds/broken.xml"], **FAST}],
        run={"workers": 1},
    )  # fmt: skip
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    table = catalogs.read_table("notices", home=home, columns=["uri", "title", "published_at"])
    assert sorted(table["uri"].to_pylist()) == sorted(site.url + p for p in FOLLOWED[:3])
    with catalogs.Catalog(home).connect(read_only=True) as con:
        reasons = dict(con.execute(
            "SELECT reason, count(*) FROM rejects WHERE dataset = 'notices' GROUP BY 1"
        ).fetchall())  # fmt: skip
    assert reasons == {"malformed_feed": 1, "http_error": 1, "empty_text": 1}
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    assert "Nothing new" in result.output and "No version published" in result.output
    assert catalogs.Catalog(home).versions("notices") == ["1.0.0"]
