"""Releases copied to object storage (moto's S3-compatible server on loopback): a recipe that
publishes there, `hqdata push` for an existing release, `hqdata pull` from the URL with
checksums verified, and the errors a wrong location gives."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyarrow.dataset as pads
import pytest
from typer.testing import CliRunner

import catalogs
from catalogs.remote import download_release, remote_location, upload_release
from connectors.errors import CatalogError, ChecksumError
from pipelines.cli import app
from tests.conftest import S3Server
from tests.helpers import chinese_document, write_jsonl, write_recipe

runner = CliRunner()
BUCKET = "releases"


@pytest.fixture
def s3(s3_server: S3Server) -> dict:
    s3_server.client.create_bucket(Bucket=BUCKET)
    return {"client": s3_server.client, "options": s3_server.storage_options,
            "endpoint": s3_server.endpoint}  # fmt: skip


def keys(client: object, prefix: str) -> list[str]:
    listed = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix)  # type: ignore[attr-defined]
    return sorted(o["Key"] for o in listed.get("Contents", []))


def make_corpus(root: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    records = [{"id": f"{seed}-{i}", "text": chinese_document(rng)} for i in range(n)]
    write_jsonl(root / f"batch-{seed}.jsonl", records)


def test_upload_then_download_round_trips_and_checks(tmp_path: Path, s3: dict) -> None:
    release = tmp_path / "release"
    (release / "data").mkdir(parents=True)
    (release / "data" / "train-00000-of-00001.parquet").write_bytes(b"PAR1 data PAR1")
    from catalogs.files import sha256_file

    data = release / "data" / "train-00000-of-00001.parquet"
    manifest = {
        "files": [{"path": "data/train-00000-of-00001.parquet", "sha256": sha256_file(data)}]
    }
    (release / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    (release / "README.md").write_text("card", "utf-8")
    location = remote_location(f"s3://{BUCKET}/datasets", "legal-zh", "1.0.0")
    assert location == f"s3://{BUCKET}/datasets/legal-zh/1.0.0"
    copy = upload_release(release, location, s3["options"])
    assert copy.num_files == 3 and copy.num_bytes > 0
    assert keys(s3["client"], "datasets/") == [
        "datasets/legal-zh/1.0.0/README.md",
        "datasets/legal-zh/1.0.0/data/train-00000-of-00001.parquet",
        "datasets/legal-zh/1.0.0/manifest.json",
    ]
    assert upload_release(release, location, s3["options"]) == copy  # already there: kept
    pulled = download_release(location, tmp_path / "pulled", s3["options"])
    assert (pulled / "README.md").read_text("utf-8") == "card"

    # a copy whose data was changed in the store is caught on download
    s3["client"].put_object(Bucket=BUCKET, Key="datasets/legal-zh/1.0.0/data/"
                            "train-00000-of-00001.parquet", Body=b"tampered")  # fmt: skip
    with pytest.raises(ChecksumError, match="does not match"):
        download_release(location, tmp_path / "again", s3["options"])
    # another release at the same place is refused: releases are immutable
    (release / "manifest.json").write_text(json.dumps(manifest | {"other": 1}), "utf-8")
    with pytest.raises(CatalogError, match="immutable"):
        upload_release(release, location, s3["options"])
    with pytest.raises(CatalogError, match=r"manifest\.json is missing"):
        download_release(f"s3://{BUCKET}/nothing/here", tmp_path / "none", s3["options"])
    with pytest.raises(CatalogError, match="cannot upload"):
        upload_release(release, "s3://no-such-bucket/x/1.0.0", s3["options"])


@pytest.mark.e2e
def test_a_recipe_publishes_a_copy_that_model_teams_pull_by_url(tmp_path: Path, s3: dict) -> None:
    make_corpus(tmp_path / "corpus", 12, seed=1)
    base = f"s3://{BUCKET}/datasets"
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "remote-zh",
        [{"name": "notes", "type": "files", "path": "corpus", "id_field": "id"}],
        run={"workers": 1},
        publish={"remote": base, "storage_options": s3["options"]},
    )  # fmt: skip
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    assert f"Copied to {base}/remote-zh/1.0.0" in result.output
    assert "datasets/remote-zh/1.0.0/manifest.json" in keys(s3["client"], "datasets/")
    with catalogs.Catalog(home).connect(read_only=True) as con:
        copies = con.execute("SELECT version, location, num_files FROM release_copies").fetchall()
    assert copies == [("1.0.0", f"{base}/remote-zh/1.0.0", 3)]

    # a model team with no catalog pulls the copy by its URL, checksums verified
    options = json.dumps(s3["options"])
    pulled = tmp_path / "pulled"
    result = runner.invoke(app, ["pull", f"{base}/remote-zh/1.0.0", "--to", str(pulled),
                                 "--storage-options", options])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "checksums verified" in result.output
    local = catalogs.read_table("remote-zh", home=home, columns=["id"])["id"].to_pylist()
    remote_rows = pads.dataset(pulled / "data", format="parquet").to_table(columns=["id"])
    assert sorted(remote_rows["id"].to_pylist()) == sorted(local)

    # an older release copied later with push, to another prefix
    result = runner.invoke(app, ["push", "remote-zh@1.0.0", "--to", f"s3://{BUCKET}/mirror",
                                 "--home", str(home), "--storage-options", options])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "3 files" in result.output
    assert "mirror/remote-zh/1.0.0/manifest.json" in keys(s3["client"], "mirror/")


@pytest.mark.e2e
def test_a_failed_copy_is_reported_and_push_completes_it(tmp_path: Path, s3: dict) -> None:
    make_corpus(tmp_path / "corpus", 12, seed=2)
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "remote-zh",
        [{"name": "notes", "type": "files", "path": "corpus", "id_field": "id"}],
        run={"workers": 1},
        publish={"remote": "s3://missing-bucket/datasets", "storage_options": s3["options"]},
    )  # fmt: skip
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 1
    assert "published here but its copy failed" in result.output
    assert "hqdata push remote-zh@1.0.0" in result.output
    assert catalogs.Catalog(home).versions("remote-zh") == ["1.0.0"]  # the release stands
    s3["client"].create_bucket(Bucket="missing-bucket")
    options = json.dumps(s3["options"])
    result = runner.invoke(app, ["push", "remote-zh", "--to", "s3://missing-bucket/datasets",
                                 "--home", str(home), "--storage-options", options])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert keys(s3["client"], "datasets/")[-1] == "datasets/remote-zh/1.0.0/manifest.json"


def test_a_remote_that_is_not_a_url_is_a_recipe_error(tmp_path: Path) -> None:
    recipe = write_recipe(tmp_path / "recipe.yaml", "remote-zh",
                          [{"name": "notes", "type": "files", "path": "corpus"}],
                          publish={"remote": "datasets/out"})  # fmt: skip
    result = runner.invoke(app, ["validate", str(recipe)])
    assert (
        result.exit_code == 2
        and "publish.remote" in result.output
        and "is not a URL" in result.output
    )
