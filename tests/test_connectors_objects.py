"""Object storage against a local S3-compatible server (moto in server mode): listing,
formats, an object that vanishes, and a second run that fetches only the changed object."""

from __future__ import annotations

import io
import json
import random
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

import catalogs
from connectors import Document, Quarantined
from connectors.errors import SourceError
from connectors.objects import ObjectStoreSource
from connectors.registry import make_source
from pipelines.cli import app
from tests.conftest import S3Server
from tests.helpers import chinese_document, write_recipe

runner = CliRunner()
BUCKET = "corpus"


@pytest.fixture
def s3(s3_server: S3Server) -> Iterator[dict]:
    client = s3_server.client
    client.create_bucket(Bucket=BUCKET)
    rng = random.Random(3)
    lines = "".join(json.dumps({"id": f"j{i}", "text": chinese_document(rng)}, ensure_ascii=False)
                    + "\n" for i in range(4))  # fmt: skip
    client.put_object(Bucket=BUCKET, Key="news/2026/a.jsonl", Body=lines.encode())
    client.put_object(Bucket=BUCKET, Key="news/2026/b.txt",
                      Body=chinese_document(rng).encode("gb18030"))  # fmt: skip
    report = docx.Document()
    report.add_paragraph(chinese_document(rng))
    buffer = io.BytesIO()
    report.save(buffer)
    client.put_object(Bucket=BUCKET, Key="news/reports/r.docx", Body=buffer.getvalue())
    client.put_object(Bucket=BUCKET, Key="news/image.png", Body=b"\x89PNG")
    yield {"client": client, "options": s3_server.storage_options, "rng": rng}


def test_objects_are_listed_read_and_placed_at_their_url(s3: dict) -> None:
    spec = {"name": "s3", "type": "objects", "url": f"s3://{BUCKET}/news",
            "storage_options": s3["options"], "id_field": "id"}  # fmt: skip
    source = make_source(spec, Path("."))
    parts = source.partitions()
    assert [p.uri for p in parts] == [f"s3://{BUCKET}/news/2026/a.jsonl",
                                      f"s3://{BUCKET}/news/2026/b.txt",
                                      f"s3://{BUCKET}/news/reports/r.docx"]  # fmt: skip
    assert [why for _, why in source.skipped] == ["unknown extension '.png'"]
    items = [i for p in parts for i in source.read(p)]
    assert len(items) == 6 and all(isinstance(i, Document) for i in items)
    assert items[0].uri == f"s3://{BUCKET}/news/2026/a.jsonl#L1"
    assert items[4].metadata["encoding"].lower() in {"gb18030", "gbk"}
    s3["client"].delete_object(Bucket=BUCKET, Key="news/2026/b.txt")
    (gone,) = list(source.read(parts[1]))
    assert isinstance(gone, Quarantined) and gone.reason == "unreadable_file"


def test_bad_urls_and_unreachable_stores_are_clear_errors(s3: dict) -> None:
    with pytest.raises(SourceError, match="is not a URL"):
        ObjectStoreSource("s3", "corpus/news")
    missing = ObjectStoreSource("s3", "s3://no-such-bucket/x", storage_options=s3["options"])
    with pytest.raises(SourceError, match="cannot list"):
        missing.partitions()


@pytest.mark.e2e
def test_a_recipe_fetches_only_the_changed_object_the_second_time(tmp_path: Path, s3: dict) -> None:
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "s3-zh",
        [{"name": "s3", "type": "objects", "url": f"s3://{BUCKET}/news/2026",
          "storage_options": s3["options"], "id_field": "id"}],
        run={"workers": 1},
    )  # fmt: skip
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    extra = json.dumps({"id": "j9", "text": chinese_document(s3["rng"])}, ensure_ascii=False)
    body = s3["client"].get_object(Bucket=BUCKET, Key="news/2026/a.jsonl")["Body"].read()
    s3["client"].put_object(Bucket=BUCKET, Key="news/2026/a.jsonl",
                            Body=body + extra.encode() + b"\n")  # fmt: skip
    result = runner.invoke(app, ["run", str(recipe), "--home", str(home), "-q"])
    assert result.exit_code == 0, result.output
    with catalogs.Catalog(home).connect(read_only=True) as con:
        rows = con.execute(
            "SELECT version, partition_uri, documents_read FROM lineage "
            "WHERE dataset = 's3-zh' ORDER BY version, partition_uri"
        ).fetchall()
    assert rows == [
        ("1.0.0", f"s3://{BUCKET}/news/2026/a.jsonl", 4),
        ("1.0.0", f"s3://{BUCKET}/news/2026/b.txt", 1),
        ("1.1.0", f"s3://{BUCKET}/news/2026/a.jsonl", 5),
    ]  # only the changed object was read again
