"""Scheduling against a real Prefect server: `hqdata serve` registers a cron deployment whose
runs build and publish the dataset."""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import catalogs
from tests.helpers import chinese_document, write_jsonl, write_recipe

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    prefect = shutil.which("prefect")
    if prefect is None:
        pytest.skip("the prefect command is not installed")
    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = os.environ | {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_API_URL": url,
        "PYTHONPATH": str(ROOT),
    }
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed in the teardown
    proc = subprocess.Popen(
        [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(lambda: healthy(url) or proc.poll() is not None, 120, "the Prefect server")
        if proc.poll() is not None:
            pytest.fail("prefect server exited: " + (home / "server.log").read_text()[-2000:])
        yield env
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def test_serve_registers_a_cron_deployment_whose_runs_publish(
    prefect_server: dict[str, str], tmp_path: Path
) -> None:
    rng = random.Random(11)
    write_jsonl(
        tmp_path / "corpus" / "a.jsonl",
        [{"id": str(i), "text": chinese_document(rng)} for i in range(30)],
    )
    recipe = write_recipe(
        tmp_path / "recipe.yaml",
        "sched-zh",
        [{"name": "notes", "type": "files", "path": "corpus", "id_field": "id"}],
        run={"workers": 1},
    )
    home = tmp_path / "home"
    env = prefect_server | {"PREFECT_HOME": str(tmp_path / "client")}
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "serve",
            str(recipe),
            "--cron",
            "0 3 * * *",
            "--home",
            str(home),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:

        def deployment_exists() -> bool:
            out = subprocess.run(
                ["prefect", "deployment", "inspect", "hqdata-build/sched-zh"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            return out.returncode == 0 and "0 3 * * *" in out.stdout

        wait_for(deployment_exists, 120, "the deployment with its cron schedule")
        started = subprocess.run(
            ["prefect", "deployment", "run", "hqdata-build/sched-zh"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert started.returncode == 0, started.stdout + started.stderr
        wait_for(
            lambda: catalogs.Catalog(home).versions("sched-zh") == ["1.0.0"],
            180,
            "the scheduled run to publish 1.0.0",
        )
    except AssertionError as exc:
        os.killpg(serve.pid, signal.SIGKILL)
        output = serve.communicate(timeout=30)[0].decode(errors="replace")
        raise AssertionError(f"{exc}\n--- hqdata serve output ---\n{output[-3000:]}") from exc
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGTERM)
            try:
                serve.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a runner finishing a run may linger
                os.killpg(serve.pid, signal.SIGKILL)
                serve.wait(timeout=30)
    table = catalogs.read_table("sched-zh", home=home, columns=["id"])
    assert table.num_rows == 30


def test_prefect_yaml_deployment_points_at_the_flow() -> None:
    import inspect

    import yaml

    from pipelines.flow import build_dataset

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text("utf-8"))
    (deployment,) = spec["deployments"]
    path, _, name = deployment["entrypoint"].partition(":")
    assert (ROOT / path).exists() and name == build_dataset.fn.__name__
    params = inspect.signature(build_dataset.fn).parameters
    assert set(deployment["parameters"]) <= set(params)
    assert (ROOT / deployment["parameters"]["recipe_path"]).exists()
    assert deployment["schedules"][0]["cron"] == "0 2 * * *"
