"""The code base stays ruff clean (the linter is part of the test extras)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def test_ruff_reports_nothing() -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([ruff, "check", str(root)], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
