"""Unit tests of the catalog: names, publishing, atomicity, pull and load."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

import catalogs
from catalogs import Catalog, ReleaseRequest, publish_release
from catalogs.files import write_parquet_atomic
from catalogs.names import Version, parse_ref, validate_name
from connectors import (
    DOCUMENT_SCHEMA,
    CatalogError,
    ChecksumError,
    Document,
    InvalidNameError,
    documents_to_table,
)


def shard(path: Path, start: int, n: int, domain: str = "medical") -> Path:
    docs = [
        Document(
            id=f"doc-{i}",
            text=f"第{i}号文件：患者血压控制在正常范围。" * 3,
            source="s",
            uri=f"file:///x#{i}",
            language="zh",
            script="Hans",
            domain=domain,
            quality_score=0.5 + (i % 50) / 100,
        )
        for i in range(start, start + n)
    ]
    return write_parquet_atomic(documents_to_table(docs), path)


@pytest.mark.parametrize(
    "bad", ["../etc", "a/b", "A", "", "a..b", "x'; DROP TABLE versions;--", "-a", "a" * 65, "名字"]
)
def test_invalid_names_are_refused(bad: str) -> None:
    with pytest.raises(InvalidNameError):
        validate_name(bad)


def test_versions_parse_and_order() -> None:
    assert Version("1.10.0") > Version("1.9.3")
    assert str(Version("1.2.3").bump("minor")) == "1.3.0"
    assert parse_ref("med-zh") == ("med-zh", "latest")
    assert parse_ref("med-zh@2.0.1") == ("med-zh", "2.0.1")
    for bad in ("med@1.0", "med@v1.0.0", "med@1.0.0-rc1", "med@../1"):
        with pytest.raises(InvalidNameError):
            parse_ref(bad)


def test_publish_two_versions_links_old_files(tmp_path: Path) -> None:
    cat = Catalog(tmp_path / "home")
    r1 = publish_release(
        cat,
        ReleaseRequest(
            name="med",
            version="1.0.0",
            new_documents=[shard(tmp_path / "a.parquet", 0, 25)],
            max_rows_per_file=10,
            cursors=[{"source": "s", "partition_key": "k", "fingerprint": "f"}],
        ),
    )
    assert [f["path"] for f in r1.files] == [
        f"data/train-0000{i}-of-00003.parquet" for i in range(3)
    ]
    r2 = publish_release(
        cat,
        ReleaseRequest(
            name="med",
            version="1.1.0",
            previous_version="1.0.0",
            new_documents=[shard(tmp_path / "b.parquet", 25, 5)],
            max_rows_per_file=10,
        ),
    )
    assert (r2.num_documents, r2.num_added) == (30, 5)
    old = r1.path / "data" / "train-00000-of-00003.parquet"
    new = r2.path / "data" / "train-00000-of-00004.parquet"
    assert old.stat().st_ino == new.stat().st_ino  # hard link: no copy, same bytes
    assert pq.read_schema(new).names == DOCUMENT_SCHEMA.names
    assert cat.versions("med") == ["1.0.0", "1.1.0"]
    assert cat.cursors("med", "s") == {"k": "f"}
    added = cat.sql("SELECT count(*) FROM version_changes WHERE version = '1.1.0'")[1]
    assert added == [(5,)]


def test_versions_are_never_overwritten(tmp_path: Path) -> None:
    cat = Catalog(tmp_path / "home")
    req = ReleaseRequest(
        name="med", version="1.0.0", new_documents=[shard(tmp_path / "a.parquet", 0, 3)]
    )
    publish_release(cat, req)
    with pytest.raises(CatalogError, match="never overwritten"):
        publish_release(cat, req)
    with pytest.raises(CatalogError, match="moved on"):
        publish_release(
            cat, ReleaseRequest(name="med", version="2.0.0", new_documents=req.new_documents)
        )


def test_failed_publish_leaves_no_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cat = Catalog(tmp_path / "home")
    docs = shard(tmp_path / "a.parquet", 0, 3)

    def boom(*_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("catalogs.publish._refresh_documents_view", boom)
    with pytest.raises(RuntimeError):
        publish_release(cat, ReleaseRequest(name="med", version="1.0.0", new_documents=[docs]))
    assert cat.versions("med") == []
    assert not cat.layout.release_dir("med", "1.0.0").exists()
    assert not any((cat.home / ".staging").iterdir())
    assert cat.sql("SELECT count(*) FROM documents")[1] == [(0,)]
    monkeypatch.undo()
    published = publish_release(
        cat, ReleaseRequest(name="med", version="1.0.0", new_documents=[docs])
    )
    assert published.num_documents == 3


def test_orphan_directory_from_a_crash_is_cleared(tmp_path: Path) -> None:
    cat = Catalog(tmp_path / "home")
    orphan = cat.layout.release_dir("med", "1.0.0") / "data"
    orphan.mkdir(parents=True)
    (orphan / "junk.parquet").write_text("half written")
    r = publish_release(
        cat,
        ReleaseRequest(
            name="med", version="1.0.0", new_documents=[shard(tmp_path / "a.parquet", 0, 2)]
        ),
    )
    assert not (r.path / "data" / "junk.parquet").exists()


def test_empty_release_is_refused(tmp_path: Path) -> None:
    cat = Catalog(tmp_path / "home")
    empty = write_parquet_atomic(documents_to_table([]), tmp_path / "e.parquet")
    with pytest.raises(CatalogError, match="empty"):
        publish_release(cat, ReleaseRequest(name="med", version="1.0.0", new_documents=[empty]))


def test_pull_verify_and_load(tmp_path: Path) -> None:
    home = tmp_path / "home"
    publish_release(
        Catalog(home),
        ReleaseRequest(
            name="fin",
            version="1.0.0",
            new_documents=[shard(tmp_path / "a.parquet", 0, 40, "finance")],
        ),
    )
    dest = catalogs.pull("fin", tmp_path / "out", home=home)
    assert catalogs.verify_release(dest)["num_documents"] == 40
    with pytest.raises(CatalogError, match="not empty"):
        catalogs.pull("fin@1.0.0", tmp_path / "out", home=home)
    with pytest.raises(CatalogError, match=r"published versions: 1\.0\.0"):
        catalogs.pull("fin@9.9.9", tmp_path / "other", home=home)
    ds = catalogs.load("fin", home=home, min_quality=0.8)
    assert ds.num_rows == sum(1 for i in range(40) if 0.5 + (i % 50) / 100 >= 0.8)
    data = next((dest / "data").glob("*.parquet"))
    data.write_bytes(data.read_bytes() + b"x")
    with pytest.raises(ChecksumError, match=data.name):
        catalogs.verify_release(dest)


def test_release_files_are_read_only(tmp_path: Path) -> None:
    r = publish_release(
        Catalog(tmp_path / "home"),
        ReleaseRequest(
            name="med", version="1.0.0", new_documents=[shard(tmp_path / "a.parquet", 0, 2)]
        ),
    )
    for f in r.path.rglob("*"):
        if f.is_file():
            assert f.stat().st_mode & 0o222 == 0


def test_query_on_missing_catalog_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no catalog here yet"):
        Catalog(tmp_path / "nothing").sql("SELECT 1")


def test_readers_wait_for_a_publish_holding_the_lock(tmp_path: Path) -> None:
    import subprocess
    import sys
    import textwrap

    home = tmp_path / "home"
    publish_release(
        Catalog(home),
        ReleaseRequest(
            name="med", version="1.0.0", new_documents=[shard(tmp_path / "a.parquet", 0, 2)]
        ),
    )
    holder = textwrap.dedent(f"""
        import sys, time, duckdb
        con = duckdb.connect({str(home / "catalog.duckdb")!r})
        print("locked", flush=True)
        time.sleep(1.5)
        con.close()
    """)
    proc = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    assert Catalog(home).versions("med") == ["1.0.0"]  # waited instead of failing
    proc.wait(timeout=30)
    proc = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    with pytest.raises(CatalogError, match="lock"):
        Catalog(home, lock_timeout=0.2).versions("med")
    proc.wait(timeout=30)
