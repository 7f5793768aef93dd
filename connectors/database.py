"""Rows of a database table or query as documents: SQLite, PostgreSQL, MySQL/MariaDB (pymysql),
any SQLAlchemy URL.

One source is one partition (the table or query). Its fingerprint is the largest value of the
``cursor_column`` and the row count, read with one cheap aggregate query, so an unchanged
table is skipped without reading a row. A release records that fingerprint; the next run
reads only rows whose cursor is above it (``updated_at``, or an increasing id), so updated
and new rows are read and nothing else. Without a cursor column the whole table is read again
when its row count changes.

Rows stream through a server-side cursor (``stream_results``: a named cursor on PostgreSQL,
an unbuffered ``SSCursor`` on MySQL) ``batch_rows`` at a time, so memory does not grow with the
table. A row whose text is NULL, empty or not a string, or whose id is NULL, is quarantined with
the reason; the run goes on.

The URL may carry a password, in its user part or as a ``password``/``passwd`` query parameter;
it never reaches documents, rejects, logs or errors (``uri`` shows the URL without it). A
password can also come from the environment: ``password_env: PGPASSWORD``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from connectors import reasons
from connectors.base import Partition
from connectors.errors import SourceError
from connectors.schema import Document, Quarantined, make_doc_id
from connectors.values import clip, published_or_none, text_problem

NULL_ID = reasons.NULL_ID
SOURCE_FORMAT = "database"
MYSQL_STREAM_WRITE_TIMEOUT_S = 3600
"""How long a MySQL server waits on a paused reader of a streamed result. Its default (60 s)
would drop the connection while the reader writes a slow shard; PostgreSQL has no such limit."""
SECRET_QUERY_KEYS = ("password", "passwd")
"""URL query parameters that libpq (``password``) and pymysql (``passwd``) take as passwords."""


class DatabaseSource:
    """Documents from the rows of ``table`` (or of a SELECT ``query``) at ``url``."""

    def __init__(
        self,
        name: str,
        url: str,
        *,
        table: str | None = None,
        query: str | None = None,
        text_column: str = "text",
        id_column: str = "id",
        cursor_column: str | None = None,
        title_column: str | None = None,
        published_column: str | None = None,
        password_env: str | None = None,
        license: str | None = None,
        domain: str | None = None,
        limit: int | None = None,
        batch_rows: int = 5000,
        base_dir: str | Path | None = None,
    ) -> None:
        if (table is None) == (query is None):
            raise SourceError("a database source needs exactly one of 'table' or 'query'",
                              source=name)  # fmt: skip
        if batch_rows < 1 or (limit is not None and limit < 1):
            raise SourceError("batch_rows and limit must be positive", source=name)
        self.name = name
        self.url = _resolve_url(url, base_dir, password_env, name)
        self.table, self.query = table, query
        self.text_column, self.id_column = text_column, id_column
        self.cursor_column = cursor_column
        self.title_column, self.published_column = title_column, published_column
        self.license, self.domain, self.limit = license, domain, limit
        self.batch_rows = batch_rows
        self.skipped: list[tuple[str, str]] = []
        self._engine: sa.Engine | None = None

    # -- listing ---------------------------------------------------------------------------

    @property
    def engine(self) -> sa.Engine:
        if self._engine is None:
            self._engine = sa.create_engine(self.url, pool_pre_ping=True)
        return self._engine

    def _quote(self, identifier: str) -> str:
        return self.engine.dialect.identifier_preparer.quote(identifier)

    def _relation(self) -> str:
        """The rows, as something a FROM clause takes."""
        if self.table is not None:
            parts = [self._quote(p) for p in self.table.split(".")]  # schema.table
            return ".".join(parts)
        return f"({self.query}) AS hqdata_rows"

    def location(self) -> str:
        """Where the rows are, without credentials: URL and table or query digest."""
        safe = _safe_url(sa.make_url(self.url))
        what = self.table or "query-" + hashlib.sha256(self.query.encode()).hexdigest()[:12]
        return f"{safe}#{what}"

    def partitions(self) -> list[Partition]:
        """One partition; its fingerprint is the largest cursor value and the row count."""
        cursor = self._quote(self.cursor_column) if self.cursor_column else "NULL"
        sql = f"SELECT max({cursor}), count(*) FROM {self._relation()}"
        try:
            with self.engine.connect() as con:
                largest, count = con.execute(sa.text(sql)).one()
        except sa.exc.SQLAlchemyError as exc:
            raise SourceError(f"cannot list {self.location()}: {_first_line(exc)}",
                              source=self.name) from exc  # fmt: skip
        fingerprint = json.dumps({"cursor": _encode(largest), "rows": count}, sort_keys=True)
        return [Partition(self.name, self.location(), SOURCE_FORMAT, int(count), fingerprint)]

    # -- reading ---------------------------------------------------------------------------

    def read(
        self, partition: Partition, since: str | None = None
    ) -> Iterator[Document | Quarantined]:
        """The rows, streamed; with ``since`` (the fingerprint a release recorded) and a cursor
        column, only rows whose cursor is at or above the recorded largest value. The rows at
        that value are read again because a row committed after the listing can share it (a
        one-second DATETIME, a slow transaction); unchanged, they are rejected downstream as
        already published, so nothing is missed and nothing doubled."""
        columns = {"id": self.id_column, "text": self.text_column}
        for key, col in (("cursor", self.cursor_column), ("title", self.title_column),
                         ("published", self.published_column)):  # fmt: skip
            if col:
                columns[key] = col
        select = ", ".join(f"{self._quote(c)} AS {self._quote(k)}" for k, c in columns.items())
        sql = f"SELECT {select} FROM {self._relation()}"
        params: dict[str, Any] = {}
        previous = _decode(json.loads(since)["cursor"]) if since else None
        if self.cursor_column and previous is not None:
            sql += f" WHERE {self._quote(self.cursor_column)} >= :since"
            params["since"] = previous
        order = [self._quote(self.cursor_column)] if self.cursor_column else []
        sql += f" ORDER BY {', '.join([*order, self._quote(self.id_column)])}"
        if self.limit is not None:
            sql += f" LIMIT {int(self.limit)}"
        fetched = dt.datetime.now(dt.UTC)
        try:
            with self.engine.connect() as con:
                _keep_stream_open(con)
                stream = con.execution_options(stream_results=True, yield_per=self.batch_rows)
                for row in stream.execute(sa.text(sql), params):
                    yield self._document(row._mapping, partition, fetched)
        except sa.exc.SQLAlchemyError as exc:
            raise SourceError(f"cannot read {self.location()}: {_first_line(exc)}",
                              source=self.name) from exc  # fmt: skip

    def _document(
        self, row: Any, partition: Partition, fetched: dt.datetime
    ) -> Document | Quarantined:
        row_id, text = row["id"], row["text"]
        uri = f"{partition.uri}/{row_id}"
        if row_id is None:
            return Quarantined(self.name, uri, NULL_ID, f"{self.id_column} is NULL",
                               clip(str(text)) if text is not None else None)  # fmt: skip
        if problem := text_problem(text, self.text_column):
            reason, detail = problem
            return Quarantined(self.name, uri, reason, detail, clip(str(text)) if text else None)
        published = published_or_none(row.get("published"))
        metadata = {"cursor": _encode(row["cursor"])} if "cursor" in row else None
        return Document(
            id=make_doc_id(self.name, str(row_id)),
            text=text,
            source=self.name,
            uri=uri,
            license=self.license,
            fetched_at=fetched,
            published_at=published,
            title=str(row["title"]) if row.get("title") is not None else None,
            domain=self.domain,
            metadata=metadata,
            char_count=len(text),
        )


def _resolve_url(url: str, base_dir: str | Path | None, password_env: str | None, name: str) -> str:
    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError) as exc:  # ValueError: a port that is no number
        raise SourceError(f"not a database URL: {_redacted(url)!r}", source=name) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        if not path.is_absolute() and base_dir is not None:
            path = Path(base_dir) / path
        parsed = parsed.set(database=str(path))
    if password_env:
        password = os.environ.get(password_env)
        if password is None:
            raise SourceError(f"password_env {password_env} is not set", source=name)
        parsed = parsed.set(password=password)
    return parsed.render_as_string(hide_password=False)


def _safe_url(url: sa.URL) -> str:
    """The URL with its password masked and password query parameters left out."""
    return url.difference_update_query(SECRET_QUERY_KEYS).render_as_string(hide_password=True)


def _redacted(url: str) -> str:
    """An unparsable URL, masked from after ``user:`` to the last ``@`` (as SQLAlchemy reads a
    password, which may hold ``/`` or ``:``)."""
    return re.sub(r"(://[^:/?#@]*:).*@", r"\1***@", url)


def _keep_stream_open(con: sa.Connection) -> None:
    """Let a MySQL server wait for a reader that pauses between batches of a streamed result."""
    if con.dialect.name in ("mysql", "mariadb"):
        con.exec_driver_sql(f"SET SESSION net_write_timeout = {MYSQL_STREAM_WRITE_TIMEOUT_S}")


def _encode(value: Any) -> dict[str, Any] | None:
    """A cursor value as JSON that keeps its type (compared again in SQL next run)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, bool | int):
        return {"int": int(value)}
    if isinstance(value, float):
        return {"float": value}
    return {"str": str(value)}


def _decode(value: dict[str, Any] | None) -> Any:
    if not value:
        return None
    ((kind, raw),) = value.items()
    if kind == "datetime":
        return dt.datetime.fromisoformat(raw)
    if kind == "date":
        return dt.date.fromisoformat(raw)
    return {"int": int, "float": float}.get(kind, str)(raw)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
