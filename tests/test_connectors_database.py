"""The database connector: SQLite files and a real PostgreSQL server, incremental by cursor."""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import catalogs
from connectors import Document, Quarantined
from connectors.database import DatabaseSource
from connectors.errors import SourceError
from connectors.registry import make_source
from pipelines.cli import app
from tests.helpers import chinese_document, write_recipe
from tests.pg_server import postgres_bin, postgres_server

runner = CliRunner()
T0 = dt.datetime(2026, 1, 1, 8, 0)


def _sqlite(path: Path, rows: int = 12) -> Path:
    rng = random.Random(4)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT, title TEXT, "
                "updated_at TIMESTAMP)")  # fmt: skip
    for i in range(rows):
        stamp = (T0 + dt.timedelta(hours=i)).isoformat(sep=" ")
        con.execute("INSERT INTO articles VALUES (?, ?, ?, ?)",
                    (i, chinese_document(rng), f"标题{i}", stamp))  # fmt: skip
    con.execute("UPDATE articles SET body = NULL WHERE id = 2")
    con.execute("UPDATE articles SET body = '   ' WHERE id = 5")
    con.execute("UPDATE articles SET body = x'00ff' WHERE id = 9")  # bytes, not text
    con.commit()
    con.close()
    return path


def _items(source: DatabaseSource, since: str | None = None) -> list[Document | Quarantined]:
    (part,) = source.partitions()
    return list(source.read(part, since=since))


def test_rows_become_documents_and_bad_rows_are_quarantined(tmp_path: Path) -> None:
    _sqlite(tmp_path / "docs.db")
    source = make_source(
        {"name": "news", "type": "database", "url": "sqlite:///docs.db", "table": "articles",
         "text_column": "body", "cursor_column": "updated_at", "title_column": "title",
         "license": "CC-BY-4.0"},
        tmp_path,
    )  # fmt: skip
    items = _items(source)
    docs = [i for i in items if isinstance(i, Document)]
    bad = {i.uri.rsplit("/", 1)[1]: i.reason for i in items if isinstance(i, Quarantined)}
    assert len(docs) == 9 and bad == {"2": "empty_text", "5": "empty_text", "9": "text_not_string"}
    first = docs[0]
    assert first.title == "标题0" and first.license == "CC-BY-4.0" and first.source == "news"
    assert first.uri.endswith("docs.db#articles/0") and first.uri.startswith("sqlite:///")
    assert first.fetched_at.tzinfo is not None
    assert len({d.id for d in docs}) == 9
    spec = {"name": "news", "type": "database", "url": "sqlite:///docs.db", "table": "articles",
            "text_column": "body", "limit": 3}  # fmt: skip
    limited = make_source(spec, tmp_path)
    assert len(_items(limited)) == 3


def test_only_rows_past_the_recorded_cursor_are_read_again(tmp_path: Path) -> None:
    db = _sqlite(tmp_path / "docs.db")
    source = DatabaseSource("news", f"sqlite:///{db}", table="articles", text_column="body",
                            cursor_column="updated_at")  # fmt: skip
    (before,) = source.partitions()
    assert source.partitions()[0].fingerprint == before.fingerprint  # stable when unchanged
    con = sqlite3.connect(db)
    con.execute("UPDATE articles SET body = '更新后的正文内容。', "
                "updated_at = '2026-03-01 00:00:00' WHERE id = 1")  # fmt: skip
    con.execute("INSERT INTO articles VALUES (99, '新增的一篇文章。', 't', '2026-03-02 00:00:00')")
    con.commit()
    (after,) = source.partitions()
    assert after.fingerprint != before.fingerprint and after.size == 13
    changed = _items(source, since=before.fingerprint)
    assert [i.uri.rsplit("/", 1)[1] for i in changed] == ["1", "99"]
    assert _items(source, since=after.fingerprint) == []


def test_a_query_source_and_its_errors(tmp_path: Path) -> None:
    db = _sqlite(tmp_path / "docs.db")
    source = DatabaseSource("q", f"sqlite:///{db}", query="SELECT CASE WHEN id = 4 THEN NULL "
                            "ELSE id END AS id, body FROM articles WHERE id < 6",
                            text_column="body")  # fmt: skip
    items = _items(source)
    assert [type(i).__name__ for i in items].count("Document") == 3
    assert any(isinstance(i, Quarantined) and i.reason == "null_id" for i in items)
    with pytest.raises(SourceError, match="exactly one of"):
        DatabaseSource("x", "sqlite:///a.db")
    with pytest.raises(SourceError, match="not a database URL"):
        DatabaseSource("x", "no url at all", table="t")
    missing = DatabaseSource("x", f"sqlite:///{db}", table="nope")
    with pytest.raises(SourceError, match="cannot list"):
        missing.partitions()


def test_the_password_never_shows(tmp_path: Path) -> None:
    os.environ["HQDATA_TEST_PG_PASSWORD"] = "s3cret-from-env"
    try:
        source = DatabaseSource("pg", "postgresql+psycopg://reader:s3cret@127.0.0.1:1/db",
                                table="t", password_env="HQDATA_TEST_PG_PASSWORD")  # fmt: skip
        assert "s3cret" not in source.location() and "***" in source.location()
        with pytest.raises(SourceError) as err:
            source.partitions()  # nothing listens on port 1
        assert "s3cret" not in str(err.value)
    finally:
        del os.environ["HQDATA_TEST_PG_PASSWORD"]
    with pytest.raises(SourceError, match="is not set"):
        DatabaseSource("pg", "postgresql+psycopg://reader@127.0.0.1/db", table="t",
                       password_env="HQDATA_TEST_UNSET")  # fmt: skip


def _lineage(home: Path, name: str) -> list[tuple]:
    with catalogs.Catalog(home).connect(read_only=True) as con:
        return con.execute(
            "SELECT version, documents_read, quarantined FROM lineage WHERE dataset = ? "
            "ORDER BY version", [name]
        ).fetchall()  # fmt: skip


@pytest.mark.e2e
def test_a_sqlite_recipe_publishes_and_then_reads_only_the_changes(tmp_path: Path) -> None:
    db = _sqlite(tmp_path / "docs.db")
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "sqlite-zh",
        [{"name": "news", "type": "database", "url": "sqlite:///docs.db", "table": "articles",
          "text_column": "body", "cursor_column": "updated_at"}],
        run={"workers": 1},
    )  # fmt: skip
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(db)
    con.execute("INSERT INTO articles VALUES (50, ?, 't', '2026-05-01 00:00:00')",
                (chinese_document(random.Random(50)),))  # fmt: skip
    con.commit()
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    assert _lineage(home, "sqlite-zh") == [("1.0.0", 9, 3), ("1.1.0", 1, 0)]
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0 and "Nothing new" in result.output


pg_missing = postgres_bin() is None
if pg_missing and os.environ.get("CI"):
    raise RuntimeError("CI must test against PostgreSQL: .ci/run installs Debian's postgresql")


@pytest.mark.e2e
@pytest.mark.skipif(pg_missing, reason="PostgreSQL is not installed (apt-get install postgresql)")
def test_a_postgresql_recipe_streams_rows_and_reads_only_the_changes(tmp_path: Path) -> None:
    rng = random.Random(6)
    with postgres_server() as url:
        engine = sa.create_engine(url)
        with engine.begin() as con:
            con.execute(sa.text("CREATE TABLE news (id bigint PRIMARY KEY, body text, "
                                "updated_at timestamptz NOT NULL)"))  # fmt: skip
            rows = [{"id": i, "body": chinese_document(rng) if i != 17 else None,
                     "at": T0.replace(tzinfo=dt.UTC) + dt.timedelta(minutes=i)}
                    for i in range(300)]  # fmt: skip
            con.execute(sa.text("INSERT INTO news VALUES (:id, :body, :at)"), rows)
        source = {"name": "pg", "type": "database", "url": url, "table": "news",
                  "text_column": "body", "cursor_column": "updated_at",
                  "batch_rows": 40}  # fmt: skip
        recipe = write_recipe(tmp_path / "recipe.yaml", "pg-zh", [source], run={"workers": 1})
        home = tmp_path / "home"
        result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
        assert result.exit_code == 0, result.output
        with engine.begin() as con:
            con.execute(sa.text("INSERT INTO news VALUES (1000, :b, now()), (1001, :c, now())"),
                        {"b": chinese_document(rng), "c": chinese_document(rng)})  # fmt: skip
        result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
        assert result.exit_code == 0, result.output
        engine.dispose()
    assert _lineage(home, "pg-zh") == [("1.0.0", 299, 1), ("1.1.0", 2, 0)]
    with catalogs.Catalog(home).connect(read_only=True) as con:
        (reason,) = con.execute(
            "SELECT reason FROM rejects WHERE dataset = 'pg-zh' AND stage = 'ingest'"
        ).fetchone()
    assert reason == "empty_text"


def test_connectors_lists_every_source_type_with_its_options() -> None:
    result = runner.invoke(app, ["connectors"], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    kinds = ("ckan", "database", "feed", "files", "huggingface", "objects", "warc", "web")
    assert all(kind in result.output for kind in kinds)
    assert "cursor_column" in result.output and "text_field" in result.output
