"""Documents from a Hugging Face dataset: a hub name, a folder written by ``save_to_disk``, or
local data files (Parquet, JSON Lines, CSV).

Partitions follow the files, so a second run reads only the files that changed:

- a ``save_to_disk`` folder: one partition per Arrow file of the split, read memory-mapped;
- local data files (a file, folder or glob): one partition per file, read with
  ``datasets.load_dataset(<format>, data_files=..., streaming=True)`` (nothing is cached);
- a hub name (``user/name``): one partition per configuration and split, fingerprinted by the
  repository commit (``revision`` pins it), read with ``datasets.load_dataset(name, config,
  split=..., streaming=...)``. The commit is asked for first, with a short timeout, so a
  machine without access to the hub fails at once with a clear error instead of hanging.

Columns map to the Document: ``text_column`` (required), ``id_column`` (default: the row's
position in its partition), ``title_column``, ``published_column``; every other column goes
to ``metadata`` when ``keep_columns`` lists it. A row whose text is missing, empty or not a
string is quarantined with the reason.
"""

from __future__ import annotations

import datetime as dt
import glob as globlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from connectors import reasons
from connectors.base import Partition, fingerprint_file
from connectors.errors import SourceError
from connectors.schema import Document, Quarantined, make_doc_id
from connectors.values import clip, published_or_none, text_problem

HUB_TIMEOUT_SECONDS = 10.0
_BUILDERS = {".parquet": "parquet", ".jsonl": "json", ".json": "json", ".csv": "csv"}


class HuggingFaceSource:
    """Rows of a Hugging Face dataset (hub name, save_to_disk folder or data files)."""

    def __init__(
        self,
        name: str,
        dataset: str,
        *,
        config: str | None = None,
        split: str = "train",
        revision: str | None = None,
        streaming: bool = True,
        text_column: str = "text",
        id_column: str | None = None,
        title_column: str | None = None,
        published_column: str | None = None,
        keep_columns: list[str] | None = None,
        license: str | None = None,
        domain: str | None = None,
        limit: int | None = None,
        base_dir: str | Path | None = None,
    ) -> None:
        if limit is not None and limit < 1:
            raise SourceError("limit must be positive", source=name)
        self.name = name
        self.dataset, self.config, self.split, self.revision = dataset, config, split, revision
        self.streaming = streaming
        self.text_column, self.id_column = text_column, id_column
        self.title_column, self.published_column = title_column, published_column
        self.keep_columns = list(keep_columns or [])
        self.license, self.domain, self.limit = license, domain, limit
        self.skipped: list[tuple[str, str]] = []
        local = Path(dataset).expanduser()
        if not local.is_absolute() and base_dir is not None:
            local = Path(base_dir) / local
        self.local = local if (local.exists() or any(c in dataset for c in "*?[")) else None
        if self.local is None and dataset.count("/") > 1:
            raise SourceError(f"{dataset}: no such local path, and not a hub name (user/name)",
                              source=name)  # fmt: skip

    # -- listing ---------------------------------------------------------------------------

    def partitions(self) -> list[Partition]:
        if self.local is None:
            return [self._hub_partition()]
        saved = self._saved_split()
        if saved is not None:
            files = [saved / f["filename"] for f in json.loads(
                (saved / "state.json").read_text("utf-8"))["_data_files"]]  # fmt: skip
            return [_file_partition(self.name, f, "arrow") for f in files]
        found = self._data_files()
        if not found:
            raise SourceError(
                f"{self.local}: no Parquet, JSON Lines or CSV files", source=self.name
            )
        return [_file_partition(self.name, f, _BUILDERS[f.suffix.lower()]) for f in found]

    def _saved_split(self) -> Path | None:
        """The folder of the split in a save_to_disk folder, if ``local`` is one."""
        root = self.local
        if root is None or not root.is_dir():
            return None
        if (root / "state.json").exists():  # a single Dataset
            return root
        if (root / "dataset_dict.json").exists():
            splits = json.loads((root / "dataset_dict.json").read_text("utf-8"))["splits"]
            if self.split not in splits:
                raise SourceError(f"{root}: no split {self.split!r}; splits: {splits}",
                                  source=self.name)  # fmt: skip
            return root / self.split
        return None

    def _data_files(self) -> list[Path]:
        root = self.local
        assert root is not None
        if root.is_file():
            candidates: Iterable[Path] = [root]
        elif root.is_dir():
            candidates = root.rglob("*")
        else:
            candidates = (Path(p) for p in globlib.glob(str(root), recursive=True))
        return sorted(p for p in candidates if p.is_file() and p.suffix.lower() in _BUILDERS)

    def _hub_partition(self) -> Partition:
        from huggingface_hub import HfApi
        from huggingface_hub.utils import RepositoryNotFoundError, RevisionNotFoundError

        try:
            info = HfApi().dataset_info(
                self.dataset, revision=self.revision, timeout=HUB_TIMEOUT_SECONDS
            )
        except RevisionNotFoundError as exc:  # the hub answered: no hint about going offline
            raise SourceError(f"dataset {self.dataset!r} has no revision {self.revision!r} on the "
                              "Hugging Face Hub", source=self.name) from exc  # fmt: skip
        except RepositoryNotFoundError as exc:
            raise SourceError(f"dataset {self.dataset!r} not found on the Hugging Face Hub, or "
                              "private or gated: set HF_TOKEN to a token with access",
                              source=self.name) from exc  # fmt: skip
        except Exception as exc:  # network and other errors stop the listing
            first_line = str(exc).splitlines()[0].rstrip(".") if str(exc) else ""
            raise SourceError(
                f"cannot reach dataset {self.dataset!r} on the Hugging Face Hub: "
                f"{type(exc).__name__}: {first_line}. "
                "Offline, point 'dataset' at a local copy (save_to_disk folder or data files)",
                source=self.name,
            ) from exc
        # The commit is the fingerprint, not part of the URI: the partition's key and the ids of
        # its rows stay the same across commits, so a new commit replaces changed rows.
        uri = f"hf://datasets/{self.dataset}/{self.config or 'default'}/{self.split}"
        return Partition(self.name, uri, "huggingface", 0, info.sha or "")

    # -- reading ---------------------------------------------------------------------------

    def read(self, partition: Partition) -> Iterator[Document | Quarantined]:
        rows = self._rows(partition)
        fetched = dt.datetime.now(dt.UTC)
        done = 0
        try:
            for row in rows:
                if self.limit is not None and done >= self.limit:
                    return
                yield self._document(row, done, partition, fetched)
                done += 1
        except Exception as exc:
            # Splits and data files are streamed: a dropped connection or a file broken past
            # its first rows stops this partition (the rows read so far are kept), not the run.
            detail = f"{type(exc).__name__}: {exc}"
            raise SourceError(f"cannot read {partition.uri} after {done} rows: {detail}",
                              source=self.name) from exc  # fmt: skip

    def _rows(self, partition: Partition) -> Iterable[dict[str, Any]]:
        import datasets

        try:
            if partition.format == "arrow":
                return datasets.Dataset.from_file(partition.uri.removeprefix("file://"))
            if partition.format in _BUILDERS.values():
                return datasets.load_dataset(
                    partition.format,
                    data_files=[partition.uri.removeprefix("file://")],
                    split="train",
                    streaming=True,
                )
            revision = partition.fingerprint or self.revision
            return datasets.load_dataset(
                self.dataset, self.config, split=self.split, revision=revision,
                streaming=self.streaming,
            )  # fmt: skip
        except Exception as exc:  # a broken file or dataset stops this partition only
            raise SourceError(f"cannot read {partition.uri}: {type(exc).__name__}: {exc}",
                              source=self.name) from exc  # fmt: skip

    def _document(
        self, row: dict[str, Any], index: int, partition: Partition, fetched: dt.datetime
    ) -> Document | Quarantined:
        key = str(row.get(self.id_column)) if self.id_column else f"{partition.uri}#{index}"
        uri = f"{partition.uri}#{index}"
        if self.text_column not in row:
            detail = f"no column {self.text_column!r}; columns: {sorted(row)}"
            return Quarantined(self.name, uri, reasons.MISSING_TEXT_FIELD, detail)
        text = row[self.text_column]
        if problem := text_problem(text, self.text_column):
            reason, detail = problem
            return Quarantined(self.name, uri, reason, detail, clip(str(text)) if text else None)
        if self.id_column and row.get(self.id_column) is None:
            detail = f"{self.id_column} is empty"
            return Quarantined(self.name, uri, reasons.NULL_ID, detail, clip(text))
        published = published_or_none(row.get(self.published_column or ""))
        title = row.get(self.title_column) if self.title_column else None
        kept = {c: row[c] for c in self.keep_columns if c in row}
        return Document(
            id=make_doc_id(self.name, key),
            text=text,
            source=self.name,
            uri=uri,
            license=self.license,
            fetched_at=fetched,
            published_at=published,
            title=str(title) if title is not None else None,
            domain=self.domain,
            metadata=kept or None,
            char_count=len(text),
        )


def _file_partition(source: str, path: Path, fmt: str) -> Partition:
    return Partition(source, f"file://{path.resolve().as_posix()}", fmt, path.stat().st_size,
                     fingerprint_file(path))  # fmt: skip
