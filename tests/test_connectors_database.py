"""The database connector: SQLite files, a real PostgreSQL and a real MariaDB server (the same
assertions run on all three), incremental by cursor."""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
from tests.mysql_server import MySQLServer, ServerUnavailable, mysql_server, pymysql_url
from tests.pg_server import postgres_bin, postgres_server

runner = CliRunner()
T0 = dt.datetime(2026, 1, 1, 8, 0)
RARE = "𠮷"  # outside the BMP: four bytes in UTF-8, which MySQL keeps only in utf8mb4
ENGINES = ("sqlite", "postgresql", "mysql")


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
    assert _lineage(home, "sqlite-zh") == [("1.0.0", 9, 3), ("1.1.0", 2, 0)]
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0 and "Nothing new" in result.output


# -- the same assertions on SQLite, PostgreSQL and MariaDB -----------------------------------

pg_missing = postgres_bin() is None
if pg_missing and os.environ.get("CI"):
    raise RuntimeError("CI must test against PostgreSQL: .ci/run installs Debian's postgresql")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """One PostgreSQL server for the session (each test uses its own table)."""
    if pg_missing:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def mysql() -> Iterator[MySQLServer]:
    """One MariaDB server for the session; skipped when none starts, except under CI."""
    with ExitStack() as stack:
        try:
            server = stack.enter_context(mysql_server())
        except ServerUnavailable as exc:
            if os.environ.get("CI"):
                pytest.fail(f"CI must test against MariaDB: {exc}")
            pytest.skip(str(exc))
        yield server


@dataclass
class Database:
    kind: str
    url: str  # with the password, when the server has one
    table: sa.Table
    engine: sa.Engine

    @property
    def name(self) -> str:
        return str(self.table.name)  # a plain str: the recipe is written as YAML

    def insert(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        with self.engine.begin() as con:
            con.execute(self.table.insert(), rows)
        return rows

    def update(self, row_id: int, **values: Any) -> None:
        with self.engine.begin() as con:
            con.execute(self.table.update().where(self.table.c.id == row_id).values(**values))


@pytest.fixture(params=ENGINES)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty ``articles_*`` table (id, body, title, updated_at) on one engine."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'docs.db'}"
    elif request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
    else:
        url = request.getfixturevalue("mysql").url
    table = sa.Table(
        f"articles_{uuid.uuid4().hex[:8]}", sa.MetaData(),
        sa.Column("id", sa.BigInteger),  # nullable: a row without an id is quarantined
        sa.Column("body", sa.Text), sa.Column("title", sa.String(100)),
        sa.Column("updated_at", sa.DateTime(timezone=True)),  # timestamptz on PostgreSQL
    )  # fmt: skip
    engine = sa.create_engine(url)
    table.create(engine)
    yield Database(request.param, url, table, engine)
    table.drop(engine)
    engine.dispose()


def _at(hours: float) -> dt.datetime:
    return T0.replace(tzinfo=dt.UTC) + dt.timedelta(hours=hours)


def _articles(rows: int = 12) -> list[dict[str, Any]]:
    """Chinese rows; id 2 has a NULL text, id 5 a blank one, and the last row no id."""
    rng = random.Random(4)
    out = [{"id": i, "body": chinese_document(rng), "title": f"标题{i}", "updated_at": _at(i)}
           for i in range(rows)]  # fmt: skip
    out[0]["body"] += RARE
    out[2]["body"], out[5]["body"] = None, "   "
    out.append(
        {"id": None, "body": chinese_document(rng), "title": "无编号", "updated_at": _at(rows)}
    )
    return out


def _key(item: Document | Quarantined) -> str:
    return item.uri.rsplit("/", 1)[1]


def _password(url: str) -> str | None:
    return sa.make_url(url).password


def test_rows_become_documents_on_every_engine(db: Database) -> None:
    rows = db.insert(_articles())
    source = DatabaseSource("news", db.url, table=db.name, text_column="body",
                            cursor_column="updated_at", title_column="title",
                            license="CC-BY-4.0", batch_rows=3)  # fmt: skip
    items = _items(source)
    assert [_key(i) for i in items] == [*map(str, range(12)), "None"]  # cursor order
    bad = {_key(i): (i.reason, i.detail) for i in items if isinstance(i, Quarantined)}
    assert bad == {"2": ("empty_text", "body is NULL"), "5": ("empty_text", "body is blank"),
                   "None": ("null_id", "id is NULL")}  # fmt: skip
    docs = {_key(d): d for d in items if isinstance(d, Document)}
    assert {k: d.text for k, d in docs.items()} == {
        str(r["id"]): r["body"] for r in rows if r["id"] not in (2, 5, None)
    }
    assert docs["0"].text.endswith(RARE) and docs["3"].title == "标题3"
    assert docs["0"].license == "CC-BY-4.0" and docs["0"].metadata["cursor"]
    assert all(i.uri.startswith(source.location() + "/") for i in items)
    if password := _password(db.url):
        assert password not in repr(items) and ":***@" in source.location()


def test_only_rows_past_the_recorded_cursor_are_read_again(db: Database) -> None:
    db.insert(_articles())
    source = DatabaseSource("news", db.url, table=db.name, text_column="body",
                            cursor_column="updated_at")  # fmt: skip
    (before,) = source.partitions()
    assert source.partitions()[0].fingerprint == before.fingerprint  # stable when unchanged
    db.update(1, body="更新后的正文内容。", updated_at=_at(24 * 60))
    db.insert([{"id": 99, "body": "新增的一篇文章。", "title": "t", "updated_at": _at(24 * 61)}])
    (after,) = source.partitions()
    assert after.fingerprint != before.fingerprint and after.size == 14
    changed = _items(source, since=before.fingerprint)
    # the row at the recorded value (here the one without an id) is read again: a row
    # committed later with the same value would otherwise be missed
    assert [_key(i) for i in changed] == ["None", "1", "99"]
    assert changed[1].text == "更新后的正文内容。"
    assert [_key(i) for i in _items(source, since=after.fingerprint)] == ["99"]


def test_a_query_source_on_every_engine(db: Database) -> None:
    db.insert(_articles())
    # '%' must reach the server as it is, whatever the driver's parameter style.
    query = f"SELECT id, body, updated_at FROM {db.name} WHERE title LIKE '标题%'"
    source = DatabaseSource("q", db.url, query=query, text_column="body",
                            cursor_column="updated_at")  # fmt: skip
    assert [_key(i) for i in _items(source)] == [str(i) for i in range(12)]
    limited = DatabaseSource("q", db.url, query=query, text_column="body", limit=4)
    assert len(_items(limited)) == 4


# Each driver's streaming cursor: pysqlite steps through rows as they are fetched anyway.
STREAMING_CURSORS = {"sqlite": "Cursor", "postgresql": "ServerCursor", "mysql": "SSCursor"}


def test_rows_stream_in_batches_and_memory_stays_flat(db: Database) -> None:
    rows, chunk = 2000, "中文语料按批读取，内存不随表增长。" * 125  # 2,000 characters a row
    db.insert([{"id": i, "body": f"{i}{chunk}", "title": None, "updated_at": _at(0)}
               for i in range(rows)])  # fmt: skip
    source = DatabaseSource("big", db.url, table=db.name, text_column="body", batch_rows=20)
    (part,) = source.partitions()
    cursors: list[str] = []
    sa.event.listen(source.engine, "before_cursor_execute",
                    lambda _c, cursor, *_: cursors.append(type(cursor).__name__))  # fmt: skip
    tracemalloc.start()
    try:
        read = sum(isinstance(item, Document) for item in source.read(part))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    whole = rows * len(chunk) * 2  # bytes of these characters in Python strings
    assert read == rows and peak < whole / 8, f"peak {peak} bytes for {whole} bytes of text"
    assert cursors[-1] == STREAMING_CURSORS[db.kind]


def test_a_mysql_stream_survives_a_reader_that_pauses(mysql: MySQLServer) -> None:
    """MySQL drops a streamed result whose reader stops for ``net_write_timeout`` seconds
    once the socket buffers are full; the connector raises it for its own session."""
    with mysql.admin() as con, con.cursor() as cur:
        cur.execute("CREATE TABLE hqdata.slow (id bigint PRIMARY KEY, body text)")
        cur.execute(
            "INSERT INTO hqdata.slow WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
            "SELECT i + 1 FROM n WHERE i < 800) SELECT i, REPEAT('慢', 8000) FROM n"
        )
        cur.execute("SELECT @@GLOBAL.net_write_timeout")
        (default,) = cur.fetchone()
        cur.execute("SET GLOBAL net_write_timeout = 1")
    try:
        source = DatabaseSource("slow", mysql.url, table="slow", text_column="body",
                                batch_rows=20)  # fmt: skip
        items = source.read(source.partitions()[0])
        next(items)
        time.sleep(2.5)  # 19 MB behind the first row: far more than the socket buffers
        assert 1 + sum(1 for _ in items) == 800
    finally:
        with mysql.admin() as con, con.cursor() as cur:
            cur.execute("SET GLOBAL net_write_timeout = %s", (default,))
            cur.execute("DROP TABLE hqdata.slow")


def test_a_mysql_password_from_the_environment(
    mysql: MySQLServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = pymysql_url(mysql.port, None)
    monkeypatch.setenv("HQDATA_TEST_MYSQL_PASSWORD", mysql.password)  # holds : @ / %
    source = DatabaseSource("m", bare, query="SELECT 1 AS id, '正文' AS body", text_column="body",
                            password_env="HQDATA_TEST_MYSQL_PASSWORD")  # fmt: skip
    assert [d.text for d in _items(source)] == ["正文"]
    assert mysql.password not in source.location()
    monkeypatch.setenv("HQDATA_TEST_MYSQL_PASSWORD", "wrong-password")
    refused = DatabaseSource("m", bare, table="t", password_env="HQDATA_TEST_MYSQL_PASSWORD")
    with pytest.raises(SourceError, match="Access denied") as err:
        refused.partitions()
    assert "wrong-password" not in str(err.value)


@pytest.mark.parametrize("scheme", ["postgresql+psycopg", "mysql+pymysql"])
def test_the_password_never_shows(scheme: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HQDATA_TEST_DB_PASSWORD", "s3cret-from-env")
    source = DatabaseSource("db", f"{scheme}://reader:s3cret@127.0.0.1:1/db", table="t",
                            password_env="HQDATA_TEST_DB_PASSWORD")  # fmt: skip
    assert "s3cret" not in source.location() and "***" in source.location()
    with pytest.raises(SourceError) as err:
        source.partitions()  # nothing listens on port 1
    assert "s3cret" not in str(err.value)
    # libpq takes ``password``, pymysql ``passwd`` from the query string as well
    in_query = DatabaseSource("db", f"{scheme}://reader@127.0.0.1:1/db?password=s3cret&"
                              "passwd=s3cret&connect_timeout=5", table="t")  # fmt: skip
    assert "s3cret" not in in_query.location() and "connect_timeout=5" in in_query.location()
    with pytest.raises(SourceError, match="not a database URL") as err:
        DatabaseSource("db", f"{scheme}://reader:s3/cr@t@127.0.0.1:port/db", table="t")
    assert "s3/cr" not in str(err.value)
    monkeypatch.delenv("HQDATA_TEST_DB_PASSWORD")
    with pytest.raises(SourceError, match="is not set"):
        DatabaseSource("db", f"{scheme}://reader@127.0.0.1/db", table="t",
                       password_env="HQDATA_TEST_DB_PASSWORD")  # fmt: skip


@pytest.mark.e2e
@pytest.mark.parametrize("db", ["postgresql", "mysql"], indirect=True)
def test_a_server_recipe_streams_rows_and_reads_only_the_changes(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(6)
    db.insert([{"id": i, "body": chinese_document(rng) if i != 17 else None, "title": None,
                "updated_at": _at(i / 60)} for i in range(300)])  # fmt: skip
    url = sa.make_url(db.url)
    source = {"name": db.kind, "type": "database", "table": db.name, "text_column": "body",
              "cursor_column": "updated_at", "batch_rows": 40,
              "url": url.set(password=None).render_as_string(hide_password=False)}  # fmt: skip
    if url.password:  # the recipe names a variable, not the password
        monkeypatch.setenv("HQDATA_TEST_DB_PASSWORD", url.password)
        source["password_env"] = "HQDATA_TEST_DB_PASSWORD"
    name = f"{db.kind}-zh"
    recipe = write_recipe(tmp_path / "recipe.yaml", name, [source], run={"workers": 1})
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    db.insert([{"id": 1000 + i, "body": chinese_document(rng), "title": None,
                "updated_at": _at(24 + i)} for i in range(2)])  # fmt: skip
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    # the two new rows, and the row at the recorded cursor value read again
    assert _lineage(home, name) == [("1.0.0", 299, 1), ("1.1.0", 3, 0)]
    with catalogs.Catalog(home).connect(read_only=True) as con:
        rejects = con.execute("SELECT reason, uri FROM rejects WHERE dataset = ? AND "
                              "stage = 'ingest'", [name]).fetchall()  # fmt: skip
        (again,) = con.execute(
            "SELECT uri FROM rejects WHERE dataset = ? AND version = '1.1.0' "
            "AND reason = 'already_published'",
            [name],
        ).fetchone()
    assert again.endswith(f"#{db.name}/299")
    assert [reason for reason, _ in rejects] == ["empty_text"]
    assert rejects[0][1].endswith(f"#{db.name}/17")
    assert not url.password or url.password not in rejects[0][1]


def test_connectors_lists_every_source_type_with_its_options() -> None:
    result = runner.invoke(app, ["connectors"], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    kinds = ("ckan", "database", "feed", "files", "huggingface", "objects", "warc", "web")
    assert all(kind in result.output for kind in kinds)
    assert "cursor_column" in result.output and "text_field" in result.output
