"""Test-wide settings: an isolated, quiet Prefect and an offline Hugging Face stack."""

from __future__ import annotations

import os
import tempfile

_STATE = tempfile.mkdtemp(prefix="hqdata-tests-")
os.environ["PREFECT_HOME"] = os.path.join(_STATE, "prefect")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["HF_HOME"] = os.path.join(_STATE, "hf")
os.environ.pop("HQDATA_HOME", None)
