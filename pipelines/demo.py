"""The bundled demo: a working copy of the demo corpus and recipe, built like any dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

from connectors.errors import SourceError

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo"


def bundled_demo() -> Path:
    if not (DEMO_DIR / "recipe.yaml").exists():
        raise SourceError(
            "the demo corpus is not installed; install hqdata from its source tree "
            "(pip install -e .) to get it",
            expected=str(DEMO_DIR),
        )
    return DEMO_DIR


def prepare(workdir: Path, *, update: bool = False) -> Path:
    """Copy the demo recipe and corpus into ``workdir``; ``update`` adds the second batch.

    Returns the recipe path. The bundled files are never modified.
    """
    src = bundled_demo()
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src / "recipe.yaml", workdir / "recipe.yaml")
    if not (workdir / "corpus").exists():
        shutil.copytree(src / "corpus", workdir / "corpus")
    if update:
        shutil.copytree(src / "corpus-update", workdir / "corpus", dirs_exist_ok=True)
    return workdir / "recipe.yaml"
