"""The DuckDB catalog: which datasets and versions exist, and everything known about them.

The catalog is a single DuckDB file under the hqdata home. Writers hold it only for the
duration of a publish; readers open it read-only, so analysts can point any DuckDB client
at ``catalog.duckdb``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from catalogs.layout import Layout
from catalogs.names import LATEST, Version, validate_name, validate_version
from catalogs.schema import CATALOG_DDL
from connectors.errors import CatalogError


class Catalog:
    """Access to one hqdata home: its DuckDB catalog and release directories."""

    def __init__(self, home: str | Path | None = None, *, lock_timeout: float = 30.0) -> None:
        self.layout = Layout.at(home)
        self.lock_timeout = lock_timeout  # seconds to wait while another process publishes

    @property
    def home(self) -> Path:
        return self.layout.home

    @property
    def path(self) -> Path:
        return self.layout.catalog_path

    @contextlib.contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the catalog. Read-only access never creates it and never writes to it."""
        if read_only and not self.path.exists():
            raise CatalogError(
                "no catalog here yet: run a recipe first (hqdata run RECIPE)",
                catalog=str(self.path),
            )
        if not read_only:
            self.home.mkdir(parents=True, exist_ok=True)
        con = self._open(read_only)
        try:
            if not read_only:
                con.execute(CATALOG_DDL)
            yield con
        finally:
            con.close()

    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        # A publish holds the file's write lock for a few seconds; readers and a second writer
        # wait for it instead of failing at once.
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.05
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                    raise CatalogError(
                        f"cannot open the catalog: {exc}", catalog=str(self.path)
                    ) from exc
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    # -- queries -----------------------------------------------------------------------------

    def versions(self, name: str) -> list[str]:
        """Published versions of ``name``, oldest first."""
        validate_name(name)
        if not self.path.exists():
            return []
        with self.connect(read_only=True) as con:
            if not _has_table(con, "versions"):
                return []
            rows = con.execute(
                "SELECT version FROM versions WHERE dataset = ? ORDER BY major, minor, patch",
                [name],
            ).fetchall()
        return [r[0] for r in rows]

    def resolve(self, name: str, version: str = LATEST) -> str:
        """Turn ``latest`` (or a concrete version) into a published version, or raise."""
        known = self.versions(name)
        if not known:
            raise CatalogError("no published version of this dataset", dataset=name)
        if version == LATEST:
            return known[-1]
        version = validate_version(version)
        if version not in known:
            raise CatalogError(
                f"version not found; published versions: {', '.join(known)}",
                dataset=name,
                version=version,
            )
        return version

    def latest(self, name: str) -> str | None:
        known = self.versions(name)
        return known[-1] if known else None

    def version_info(self, name: str, version: str) -> dict[str, Any]:
        with self.connect(read_only=True) as con:
            cur = con.execute(
                "SELECT * FROM versions WHERE dataset = ? AND version = ?", [name, version]
            )
            row = cur.fetchone()
            if row is None:
                raise CatalogError("version not found", dataset=name, version=version)
            cols = [d[0] for d in cur.description]
        return dict(zip(cols, row, strict=True))

    def files(self, name: str, version: str) -> list[dict[str, Any]]:
        with self.connect(read_only=True) as con:
            cur = con.execute(
                "SELECT path, num_rows, num_bytes, sha256 FROM files "
                "WHERE dataset = ? AND version = ? ORDER BY path",
                [name, version],
            )
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def cursors(self, name: str, source: str) -> dict[str, str]:
        """Partition key -> fingerprint of what earlier releases of ``name`` consumed."""
        if not self.path.exists():
            return {}
        with self.connect(read_only=True) as con:
            if not _has_table(con, "source_cursors"):
                return {}
            rows = con.execute(
                "SELECT partition_key, fingerprint FROM source_cursors "
                "WHERE dataset = ? AND source = ?",
                [name, source],
            ).fetchall()
        return dict(rows)

    def superseded(self, name: str) -> list[tuple[str, str]]:
        """(id, previous added_in) of every document text a version of ``name`` replaced."""
        if not self.path.exists():
            return []
        with self.connect(read_only=True) as con:
            if not _has_table(con, "superseded"):  # a catalog older than the table
                return []
            rows = con.execute(
                "SELECT id, previous_added_in FROM superseded WHERE dataset = ? ORDER BY ALL",
                [name],
            ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def sql(self, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one read-only query against the catalog; returns column names and rows."""
        with self.connect(read_only=True) as con:
            try:
                cur = con.execute(query)
            except duckdb.Error as exc:
                raise CatalogError(f"query failed: {exc}") from exc
            if cur.description is None:
                return [], []
            return [d[0] for d in cur.description], cur.fetchall()

    def release_dir(self, name: str, version: str) -> Path:
        return self.layout.release_dir(name, version)

    def next_version(self, name: str, bump: str = "minor") -> str:
        latest = self.latest(name)
        return "1.0.0" if latest is None else str(Version(latest).bump(bump))


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    ).fetchone()
    return bool(row and row[0])
