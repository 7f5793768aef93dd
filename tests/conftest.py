"""Test-wide settings: an isolated, quiet Prefect and an offline Hugging Face stack."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

_STATE = tempfile.mkdtemp(prefix="hqdata-tests-")
os.environ["PREFECT_HOME"] = os.path.join(_STATE, "prefect")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["HF_HOME"] = os.path.join(_STATE, "hf")
os.environ.pop("HQDATA_HOME", None)


@dataclass
class S3Server:
    endpoint: str
    client: Any  # a boto3 S3 client
    storage_options: dict[str, Any]  # for fsspec / s3fs


@pytest.fixture
def s3_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[S3Server]:
    """moto's S3-compatible server on loopback, with test credentials in the environment."""
    import boto3  # test extras only: imported when a test asks for the server
    from moto.server import ThreadedMotoServer

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server._server.server_address
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint)
    options = {"client_kwargs": {"endpoint_url": endpoint}, "use_listings_cache": False}
    yield S3Server(endpoint, client, options)
    server.stop()
