"""End-to-end journeys on the bundled demo: build, rebuild, pull and load, query."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import catalogs
from pipelines.cli import app

pytestmark = pytest.mark.e2e
runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("demo")
    home, work = root / "home", root / "work"
    result = runner.invoke(app, ["demo", "--workdir", str(work), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    return {"home": home, "work": work, "output": result.output}


@pytest.fixture(scope="module")
def demo_updated(demo: dict[str, Path]) -> dict[str, Path]:
    result = runner.invoke(
        app, ["demo", "--update", "--workdir", str(demo["work"]), "--home", str(demo["home"]), "-q"]
    )
    assert result.exit_code == 0, result.output
    return demo | {"output_update": result.output}


def sql(home: Path, query: str) -> list[tuple]:
    return catalogs.Catalog(home).sql(query)[1]


def expected() -> dict:
    return json.loads((Path(__file__).parents[1] / "demo" / "expected.json").read_text("utf-8"))


# -- data engineer -----------------------------------------------------------------------------


def test_demo_publishes_1_0_0_and_reports_every_stage(demo: dict[str, Path]) -> None:
    out = demo["output"]
    assert "demo-zh 1.0.0" in out
    for words in (
        "documents read",
        "quarantined",
        "rejected",
        "near duplicates",
        "documents added",
    ):
        assert words in out
    assert "hqdata sql" in out and "hqdata pull" in out
    ((version, n_docs, n_added),) = sql(
        demo["home"], "SELECT version, num_documents, num_added FROM versions"
    )
    assert version == "1.0.0" and n_docs == n_added
    planted = expected()["batches"]["corpus"]
    repairable = planted["mojibake_codecs"]["latin-1"] + planted["mojibake_codecs"]["cp1252"]
    # Every good document survives; repaired mojibake may join them; no planted defect does.
    assert planted["good_documents"] <= n_docs <= planted["good_documents"] + repairable


def test_every_stage_did_something_on_the_demo(demo: dict[str, Path]) -> None:
    stats = dict(
        ((stage, metric), value)
        for stage, metric, value in sql(
            demo["home"], "SELECT stage, metric, value FROM run_stats WHERE version = '1.0.0'"
        )
    )
    assert stats[("ingest", "quarantined")] >= 3  # broken JSON lines, empty and malformed rows
    assert stats[("quality", "rejected")] >= 20
    assert stats[("dedup", "exact_duplicates")] >= 5
    assert stats[("dedup", "near_duplicates")] >= 5
    assert any(k[0] == "clean" and k[1].startswith("repaired:") for k in stats)
    total_read = stats[("ingest", "documents_read")]
    published = stats[("publish", "documents_added")]
    rejected = sql(demo["home"], "SELECT count(*) FROM rejects WHERE stage <> 'ingest'")[0][0]
    assert published + rejected == total_read  # nothing disappears silently


def test_update_publishes_1_1_0_reading_only_new_files(demo_updated: dict[str, Path]) -> None:
    home = demo_updated["home"]
    rows = sql(home, "SELECT version, num_documents, num_added FROM versions ORDER BY version")
    (v1, n1, _), (v2, n2, added) = rows
    assert (v1, v2) == ("1.0.0", "1.1.0")
    assert n2 == n1 + added
    assert added == expected()["batches"]["corpus-update"]["good_documents"]
    new_files = {
        str(p)
        for p in (Path(__file__).parents[1] / "demo" / "corpus-update").rglob("*")
        if p.is_file()
    }
    read = sql(home, "SELECT partition_uri FROM lineage WHERE version = '1.1.0'")
    assert len(read) == len(new_files)
    names = {Path(uri).name for (uri,) in read}
    assert names == {Path(p).name for p in new_files}
    # Near duplicates of 1.0.0 documents are dropped, naming what they matched.
    matched = sql(
        home,
        "SELECT count(*) FROM rejects WHERE version = '1.1.0' AND reason LIKE 'duplicate_%' "
        "AND matched_version = '1.0.0'",
    )[0][0]
    assert matched >= 3
    # Old documents are carried over unchanged: the same ids and the same files' checksums.
    old_ids = sql(home, "SELECT id FROM documents WHERE version = '1.0.0' ORDER BY id")
    carried = sql(
        home, "SELECT id FROM documents WHERE version = '1.1.0' AND added_in = '1.0.0' ORDER BY id"
    )
    assert old_ids == carried


def test_rerun_without_changes_publishes_nothing(demo_updated: dict[str, Path]) -> None:
    result = runner.invoke(
        app,
        [
            "run",
            str(demo_updated["work"] / "recipe.yaml"),
            "--home",
            str(demo_updated["home"]),
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Nothing new" in result.output
    assert len(sql(demo_updated["home"], "SELECT * FROM versions")) == 2


# -- model team --------------------------------------------------------------------------------


def test_pull_copies_and_verifies(demo_updated: dict[str, Path], tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["pull", "demo-zh@1.0.0", "--to", str(tmp_path / "r"), "--home", str(demo_updated["home"])],
    )
    assert result.exit_code == 0, result.output
    assert "checksums verified" in result.output
    manifest = json.loads((tmp_path / "r" / "manifest.json").read_text("utf-8"))
    assert manifest["version"] == "1.0.0"
    assert (tmp_path / "r" / "README.md").read_text("utf-8").startswith("---\n")


def test_pull_detects_a_corrupted_release(demo_updated: dict[str, Path], tmp_path: Path) -> None:
    pulled = catalogs.pull("demo-zh", tmp_path / "ok", home=demo_updated["home"])
    victim = sorted((pulled / "data").glob("*.parquet"))[0]
    victim.write_bytes(victim.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(catalogs.verify_release.__globals__["ChecksumError"]) as info:
        catalogs.verify_release(pulled)
    assert victim.name in str(info.value)


def test_load_returns_a_filtered_dataset(demo_updated: dict[str, Path]) -> None:
    home = demo_updated["home"]
    ds = catalogs.load("demo-zh", home=home)
    assert ds.num_rows == sql(home, "SELECT num_documents FROM latest_versions")[0][0]
    v1 = catalogs.load("demo-zh", version="1.0.0", home=home)
    assert v1.num_rows < ds.num_rows
    medical = catalogs.load("demo-zh", home=home, domains=["medical"], min_quality=0.5)
    assert medical.num_rows > 0
    assert set(medical["domain"]) == {"medical"} and min(medical["quality_score"]) >= 0.5
    hant = catalogs.load("demo-zh", home=home, scripts=["Hant"])
    assert hant.num_rows > 0 and set(hant["language"]) == {"zh"}


def test_release_loads_with_plain_datasets_and_duckdb(demo_updated: dict[str, Path]) -> None:
    import datasets

    home = demo_updated["home"]
    release = catalogs.Catalog(home).release_dir("demo-zh", "1.1.0")
    ds = datasets.load_dataset(
        "parquet", data_dir=str(release), split="train", cache_dir=str(home / "hf-cache")
    )
    n = sql(home, "SELECT num_documents FROM versions WHERE version = '1.1.0'")[0][0]
    assert ds.num_rows == n
    con = duckdb.connect()
    count = con.execute(f"SELECT count(*) FROM read_parquet('{release}/data/*.parquet')").fetchall()
    con.close()
    assert count == [(n,)]


# -- analyst -----------------------------------------------------------------------------------


def test_sql_answers_the_analyst_questions(demo_updated: dict[str, Path]) -> None:
    home = str(demo_updated["home"])

    def cli_sql(query: str) -> list[dict]:
        result = runner.invoke(app, ["sql", query, "--home", home, "--format", "json"])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines() if line.strip()]

    versions = cli_sql("SELECT dataset, version FROM versions ORDER BY version")
    assert [v["version"] for v in versions] == ["1.0.0", "1.1.0"]
    by_lang = cli_sql(
        "SELECT language, script, domain, source, documents FROM composition "
        "WHERE version = '1.1.0'"
    )
    languages = {r["language"] for r in by_lang}
    assert {"zh", "en", "ja"} <= languages
    assert {"Hans", "Hant"} <= {r["script"] for r in by_lang}
    assert {"medical", "legal", "finance", "industry"} <= {r["domain"] for r in by_lang}
    histogram = cli_sql("SELECT bucket_low, documents FROM quality_histogram WHERE version='1.1.0'")
    assert sum(r["documents"] for r in histogram) == sum(r["documents"] for r in by_lang)
    reasons = cli_sql("SELECT stage, reason, records FROM reject_reasons WHERE version = '1.0.0'")
    assert {"ingest", "quality", "dedup"} <= {r["stage"] for r in reasons}
    added = cli_sql(
        "SELECT count(*) AS n FROM version_changes WHERE dataset = 'demo-zh' AND version = '1.1.0'"
    )
    assert (
        added[0]["n"]
        == cli_sql("SELECT num_added FROM versions WHERE version = '1.1.0'")[0]["num_added"]
    )
    texts = cli_sql(
        "SELECT count(*) AS n FROM release_documents WHERE version = '1.1.0' AND text LIKE '%。%'"
    )
    assert texts[0]["n"] > 100


def test_catalog_file_opens_in_a_plain_duckdb_client(demo_updated: dict[str, Path]) -> None:
    con = duckdb.connect(str(demo_updated["home"] / "catalog.duckdb"), read_only=True)
    try:
        sources = con.execute(
            "SELECT DISTINCT source FROM lineage WHERE dataset = 'demo-zh' ORDER BY 1"
        ).fetchall()
    finally:
        con.close()
    assert [s for (s,) in sources] == ["finance", "industry", "legal", "medical", "mixed"]


def test_bad_sql_is_a_clear_error(demo: dict[str, Path]) -> None:
    result = runner.invoke(app, ["sql", "SELEC nope", "--home", str(demo["home"])])
    assert result.exit_code == 2
    assert "query failed" in result.output
    result = runner.invoke(app, ["sql", "DROP TABLE versions", "--home", str(demo["home"])])
    assert result.exit_code == 2  # the catalog is opened read-only for queries
