"""Where things live under an hqdata home directory.

```
HOME/
  catalog.duckdb                      the catalog (open it with any DuckDB client)
  releases/NAME/VERSION/              immutable release, Hugging Face layout
      README.md  manifest.json  data/train-00000-of-0000N.parquet
  indexes/NAME/VERSION/               MinHash signatures of the release (for later dedup)
  rejects/NAME/VERSION/               every rejected or quarantined record, with its reason
  work/NAME/RUN_KEY/                  state of an unfinished run (resumable), removed on publish
```
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from catalogs.names import validate_name, validate_version

HOME_ENV = "HQDATA_HOME"
DEFAULT_HOME = ".hqdata"


def default_home() -> Path:
    """``$HQDATA_HOME`` if set, else ``.hqdata`` in the working directory."""
    return Path(os.environ.get(HOME_ENV) or DEFAULT_HOME).resolve()


@dataclass(frozen=True)
class Layout:
    home: Path

    @classmethod
    def at(cls, home: str | Path | None = None) -> Layout:
        return cls(Path(home).resolve() if home is not None else default_home())

    @property
    def catalog_path(self) -> Path:
        return self.home / "catalog.duckdb"

    def release_dir(self, name: str, version: str) -> Path:
        return self.home / "releases" / validate_name(name) / validate_version(version)

    def index_dir(self, name: str, version: str) -> Path:
        return self.home / "indexes" / validate_name(name) / validate_version(version)

    def rejects_dir(self, name: str, version: str) -> Path:
        return self.home / "rejects" / validate_name(name) / validate_version(version)

    def work_dir(self, name: str, run_key: str) -> Path:
        return self.home / "work" / validate_name(name) / run_key

    def staging_root(self) -> Path:
        return self.home / ".staging"
