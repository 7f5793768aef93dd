"""Quiet, local defaults for Prefect, applied before Prefect is imported.

Without a configured server Prefect starts a temporary local API (no service needed). These
defaults keep that quiet: no telemetry (whose failing DNS lookups print errors offline), only
warnings in the log, and a generous start-up timeout for slow shared machines. Anything the
user set in the environment or a Prefect profile wins.
"""

from __future__ import annotations

import os
from pathlib import Path

_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    # The temporary in-process server logs cancelled event flushes as errors when the process
    # exits after a finished flow; they are harmless and only alarm users.
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
}


def configure(home: Path | None = None, *, verbose: bool = False) -> None:
    """Set Prefect defaults; ``home`` keeps Prefect's local state beside the hqdata home."""
    for key, value in _DEFAULTS.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
        os.environ["PREFECT_SERVER_LOGGING_LEVEL"] = "WARNING"
    if (
        home is not None
        and "PREFECT_HOME" not in os.environ
        and "PREFECT_API_URL" not in os.environ
    ):
        os.environ["PREFECT_HOME"] = str(home / "prefect")
    if "PREFECT_HOME" in os.environ:
        # Prefect's temporary server cannot create its database in a missing folder.
        Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)
