"""The ``huggingface`` connector's hub path, end to end against tests/hub_server.py: a Hub
look-alike on loopback that ``huggingface_hub`` and ``datasets`` reach through HF_ENDPOINT.

Both libraries read HF_ENDPOINT and the offline switches when they are imported, and this
session is offline (conftest.py), so the hub is used from a child process started with its own
environment. The child runs this module as a script: it answers one JSON command a line (list
or read a source, run the CLI) and keeps datasets and Prefect imported between commands, so
the whole module pays for one start-up.
"""

from __future__ import annotations

import io
import json
import os
import random
import select
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import catalogs
from connectors.schema import make_doc_id
from tests.helpers import chinese_document, write_recipe
from tests.hub_server import Hub

ROOT = Path(__file__).resolve().parent.parent
REPO = "example-org/chinese-news"
README = """---
license: cc-by-sa-4.0
language: [zh]
configs:
- config_name: default
  data_files:
  - {split: train, path: "data/train-*.parquet"}
  - {split: test, path: "data/test-*.parquet"}
- config_name: wiki
  data_files:
  - {split: train, path: "wiki/train-*.parquet"}
---
# 中文新闻样例
"""
SOURCE = {"name": "hf", "type": "huggingface", "dataset": REPO, "text_column": "content",
          "id_column": "uid", "title_column": "headline", "keep_columns": ["uid"],
          "license": "CC-BY-SA-4.0"}  # fmt: skip
ANSWER_SECONDS = 180.0  # the first command also imports datasets and starts Prefect


def _rows(n: int, seed: int, start: int = 0) -> dict[str, list[Any]]:
    rng = random.Random(seed)
    texts: list[str | None] = [chinese_document(rng) for _ in range(n)]
    texts[1] = None  # a missing text
    texts[2] = "   "  # a blank one
    return {"uid": [f"r{start + i}" for i in range(n)], "content": texts,
            "headline": [f"标题{start + i}" for i in range(n)]}  # fmt: skip


def _parquet(rows: dict[str, list[Any]]) -> bytes:
    out = io.BytesIO()
    pq.write_table(pa.table(rows), out, row_group_size=3)  # several row groups: ranged reads
    return out.getvalue()


def _texts(rows: dict[str, list[Any]]) -> list[str]:
    return [t for t in rows["content"] if t and t.strip()]


# -- the child ---------------------------------------------------------------------------------


class Child:
    """This module run as a script with the hub's environment; see :func:`_serve`."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        self._log_file = log.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.test_connectors_hub"],
            cwd=ROOT, env=env, text=True, encoding="utf-8",
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log_file,
        )  # fmt: skip

    def ask(self, op: str, **args: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"op": op, **args}, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], ANSWER_SECONDS)
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            tail = self.log.read_text("utf-8", errors="replace")[-3000:]
            raise AssertionError(f"the child gave no answer to {op}; its log ends:\n{tail}")
        return json.loads(line)

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log_file.close()


def _hub_env(endpoint: str, state: Path) -> dict[str, str]:
    """This session's environment with the hub at ``endpoint``, online, and caches in ``state``."""
    env = dict(os.environ)
    env.update(
        HF_ENDPOINT=endpoint,
        HF_HUB_OFFLINE="0",
        HF_DATASETS_OFFLINE="0",
        HF_HOME=str(state / "hf"),
        HF_HUB_DISABLE_TELEMETRY="1",
        HF_HUB_DISABLE_PROGRESS_BARS="1",
        PREFECT_HOME=str(state / "prefect"),  # not the session's: its server may be running
    )
    return env


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    site = Hub()
    repo = site.repo(REPO)
    first = {
        "README.md": README.encode("utf-8"),
        "data/train-00000-of-00001.parquet": _parquet(_rows(8, 1)),
        "data/test-00000-of-00001.parquet": _parquet(_rows(4, 2, start=100)),
        "wiki/train-00000-of-00001.parquet": _parquet(_rows(5, 3, start=200)),
    }
    repo.commit(first)
    repo.commit({**first, "data/train-00000-of-00001.parquet": _parquet(_rows(10, 4))})
    with site.serve():
        yield site


@pytest.fixture(scope="module")
def child(hub: Hub, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Child]:
    state = tmp_path_factory.mktemp("hub-child")
    process = Child(_hub_env(hub.url, state), state / "child.log")
    yield process
    process.close()


# -- listing -----------------------------------------------------------------------------------


def test_a_hub_name_is_one_partition_fingerprinted_by_the_commit(hub: Hub, child: Child) -> None:
    first, second = (c.sha for c in hub.repos[REPO].commits)
    assert first != second  # the second commit changed one file
    hub.clear()
    listed = child.ask("list", source=SOURCE)
    assert listed == {"partitions": [{"uri": f"hf://datasets/{REPO}/default/train",
                                      "format": "huggingface", "fingerprint": second}]}  # fmt: skip
    assert [(h.method, h.path) for h in hub.hits] == [("GET", f"/api/datasets/{REPO}")]
    pinned = {**SOURCE, "config": "wiki", "split": "test", "revision": first}
    (part,) = child.ask("list", source=pinned)["partitions"]
    assert part["uri"] == f"hf://datasets/{REPO}/wiki/test" and part["fingerprint"] == first
    assert hub.hits[-1].path == f"/api/datasets/{REPO}/revision/{first}"
    missing = child.ask("list", source={**SOURCE, "dataset": "example-org/missing"})
    assert missing["error"].startswith(
        "SourceError: dataset 'example-org/missing' not found on the Hugging Face Hub"
    )
    no_tag = child.ask("list", source={**SOURCE, "revision": "v9"})
    assert no_tag["error"].startswith(f"SourceError: dataset '{REPO}' has no revision 'v9'")
    assert all(h.routed for h in hub.hits)


def test_an_unreachable_hub_fails_fast_and_clearly(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    with socket.socket() as silent:  # one that accepts connections and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        for endpoint, expected in [
            (f"http://127.0.0.1:{closed}", "ConnectError"),
            (f"http://127.0.0.1:{silent.getsockname()[1]}", "Timeout"),
        ]:
            script = (
                "import time, connectors.huggingface as hf\n"
                "hf.HUB_TIMEOUT_SECONDS = 1.0\n"  # the silent port would take the full 10 s
                "source = hf.HuggingFaceSource('hf', 'example-org/chinese-news')\n"
                "started = time.monotonic()\n"
                "try:\n    source.partitions()\nexcept Exception as exc:\n"
                "    print(type(exc).__name__, round(time.monotonic() - started, 1), exc)\n"
            )
            env = _hub_env(endpoint, tmp_path)
            done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=60)  # fmt: skip
            kind, seconds, message = done.stdout.strip().split(" ", 2)
            assert kind == "SourceError", done.stdout + done.stderr
            assert float(seconds) < 5, message
            assert message.startswith("cannot reach dataset 'example-org/chinese-news' on the "
                                      "Hugging Face Hub"), message  # fmt: skip
            assert expected in message and "point 'dataset' at a local copy" in message


# -- reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize("streaming", [True, False])
def test_hub_rows_become_documents(hub: Hub, child: Child, streaming: bool) -> None:
    sha = hub.repos[REPO].commits[-1].sha
    expected = _rows(10, 4)
    hub.clear()
    read = child.ask("read", source={**SOURCE, "streaming": streaming})
    assert read["error"] is None
    docs = [i for i in read["items"] if "id" in i]
    assert [d["text"] for d in docs] == _texts(expected)  # Chinese text intact, in order
    assert [i["reason"] for i in read["items"] if "reason" in i] == ["empty_text", "empty_text"]
    assert [d["id"] for d in docs] == [make_doc_id("hf", u) for u in expected["uid"]
                                       if u not in ("r1", "r2")]  # fmt: skip
    assert docs[0]["title"] == "标题0" and docs[0]["metadata"] == {"uid": "r0"}
    assert docs[0]["uri"] == f"hf://datasets/{REPO}/default/train#0"
    assert docs[0]["license"] == "CC-BY-SA-4.0"
    # The listed commit is read, never "main"; streaming fetches ranges, the other downloads.
    assert hub.revisions_fetched() == {sha} and all(h.routed for h in hub.hits)
    train = [h for h in hub.hits if h.method == "GET" and h.path.endswith("/train-00000-of-00001"
                                                                          ".parquet")]  # fmt: skip
    assert train and {h.status for h in train} == ({206} if streaming else {200})


def test_config_split_and_revision_choose_what_is_read(hub: Hub, child: Child) -> None:
    first = hub.repos[REPO].commits[0].sha

    def texts(**options: Any) -> list[str]:
        read = child.ask("read", source={**SOURCE, **options})
        assert read["error"] is None, read["error"]
        return [i["text"] for i in read["items"] if "id" in i]

    assert texts(config="wiki") == _texts(_rows(5, 3, start=200))
    assert texts(split="test") == _texts(_rows(4, 2, start=100))
    assert texts(revision=first) == _texts(_rows(8, 1))
    assert texts(revision=first, streaming=False) == _texts(_rows(8, 1))
    no_split = child.ask("read", source={**SOURCE, "split": "dev"})
    assert no_split["error"].startswith(
        f"SourceError: cannot read hf://datasets/{REPO}/default/dev: "
    )
    assert no_split["items"] == []


def test_a_listed_commit_is_read_after_the_repo_moves_on(hub: Hub, child: Child) -> None:
    repo = hub.repo("example-org/moving")
    old = repo.commit({"data/train-00000-of-00001.parquet": _parquet(_rows(6, 5))})
    source = {**SOURCE, "dataset": "example-org/moving"}
    (part,) = child.ask("list", source=source)["partitions"]
    repo.commit({"data/train-00000-of-00001.parquet": _parquet(_rows(7, 6))})
    hub.clear()
    read = child.ask("read", source=source, partition=part)
    assert part["fingerprint"] == old and hub.revisions_fetched() == {old}
    assert [i["text"] for i in read["items"] if "id" in i] == _texts(_rows(6, 5))


def test_a_broken_shard_stops_its_partition_with_the_rows_before_it(hub: Hub, child: Child) -> None:
    good = _rows(5, 7)
    hub.repo("example-org/broken").commit({
        "data/train-00000-of-00002.parquet": _parquet(good),
        "data/train-00001-of-00002.parquet": b"PAR1 but not really a Parquet file",
    })  # fmt: skip
    source = {**SOURCE, "dataset": "example-org/broken"}
    streamed = child.ask("read", source=source)
    assert [i["text"] for i in streamed["items"] if "id" in i] == _texts(good)
    assert streamed["error"].startswith(
        "SourceError: cannot read hf://datasets/example-org/broken/default/train after 5 rows"
    )
    downloaded = child.ask("read", source={**source, "streaming": False})
    assert downloaded["items"] == [] and downloaded["error"].startswith("SourceError: cannot read")


# -- a recipe ----------------------------------------------------------------------------------


@pytest.mark.e2e
def test_a_recipe_reads_a_hub_dataset_again_only_after_a_new_commit(
    hub: Hub, child: Child, tmp_path: Path
) -> None:
    rng = random.Random(8)
    texts = [chinese_document(rng) for _ in range(10)]
    repo = hub.repo("example-org/news-feed")
    shard = "data/train-00000-of-00001.parquet"
    repo.commit({shard: _parquet({"content": texts})})
    # No id column: ids come from the row's place in the split, which a commit keeps.
    recipe = write_recipe(
        tmp_path / "recipe.yaml", "hub-zh",
        [{"name": "hub", "type": "huggingface", "dataset": "example-org/news-feed",
          "text_column": "content"}],
        run={"workers": 1},
    )  # fmt: skip
    home = tmp_path / "home"
    argv = ["run", str(recipe), "--home", str(home), "-q"]
    first = child.ask("cli", argv=argv)
    assert first["exit_code"] == 0, first["output"]
    hub.clear()
    again = child.ask("cli", argv=argv)
    assert again["exit_code"] == 0 and "Nothing new" in again["output"], again["output"]
    assert [h.path for h in hub.hits] == ["/api/datasets/example-org/news-feed"]  # no data
    changed = [*texts[:3], chinese_document(rng), *texts[4:], chinese_document(rng)]
    new_sha = repo.commit({shard: _parquet({"content": changed})})
    hub.clear()
    third = child.ask("cli", argv=argv)
    assert third["exit_code"] == 0, third["output"]
    assert hub.revisions_fetched() == {new_sha} and all(h.routed for h in hub.hits)

    with catalogs.Catalog(home).connect(read_only=True) as con:
        lineage = con.execute(
            "SELECT version, documents_read, fingerprint FROM lineage WHERE dataset = 'hub-zh' "
            "ORDER BY version"
        ).fetchall()
        superseded = con.execute("SELECT version, id FROM superseded").fetchall()
    assert lineage == [("1.0.0", 10, repo.commits[0].sha), ("1.1.0", 11, new_sha)]
    uri = "hf://datasets/example-org/news-feed/default/train"
    assert superseded == [("1.1.0", make_doc_id("hub", f"{uri}#3"))]  # the edited row
    table = catalogs.read_table("hub-zh", "1.1.0", home=home, columns=["id", "text"])
    published = {r["id"]: r["text"] for r in table.to_pylist()}
    assert published == {make_doc_id("hub", f"{uri}#{i}"): t for i, t in enumerate(changed)}


# -- the child's side --------------------------------------------------------------------------


def _partition_json(part: Any) -> dict[str, Any]:
    return {"uri": part.uri, "format": part.format, "fingerprint": part.fingerprint}


def _partition(source: str, listed: dict[str, Any]) -> Any:
    from connectors.base import Partition

    return Partition(source, listed["uri"], listed["format"], 0, listed["fingerprint"])


def _list(source: dict[str, Any]) -> dict[str, Any]:
    from connectors.registry import make_source

    made = make_source(source, ROOT)
    return {"partitions": [_partition_json(p) for p in made.partitions()]}


def _read(source: dict[str, Any], partition: dict[str, Any] | None = None) -> dict[str, Any]:
    from connectors import Document
    from connectors.registry import make_source

    made = make_source(source, ROOT)
    items: list[dict[str, Any]] = []
    try:
        parts = made.partitions() if partition is None else [_partition(source["name"], partition)]
        for part in parts:
            for item in made.read(part):
                if isinstance(item, Document):
                    items.append({"id": item.id, "text": item.text, "title": item.title,
                                  "uri": item.uri, "metadata": item.metadata,
                                  "license": item.license})  # fmt: skip
                else:
                    items.append({"reason": item.reason, "uri": item.uri})
    except Exception as exc:
        return {"items": items, "error": f"{type(exc).__name__}: {exc}"}
    return {"items": items, "error": None}


def _cli(argv: list[str]) -> dict[str, Any]:
    from typer.testing import CliRunner

    from pipelines.cli import app

    result = CliRunner().invoke(app, argv)
    return {"exit_code": result.exit_code, "output": result.output}


def _serve() -> None:
    """One JSON command per line of stdin, one JSON answer per line of the real stdout."""
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # anything else printed goes to the log, not between the answers
    commands = {"list": _list, "read": _read, "cli": _cli}
    for line in sys.stdin:
        command = json.loads(line)
        try:
            answer = commands[command.pop("op")](**command)
        except Exception as exc:
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        answers.write(json.dumps(answer, ensure_ascii=False, default=str) + "\n")
        answers.flush()


if __name__ == "__main__":
    _serve()
