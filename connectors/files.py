"""Local files as a source: JSONL, JSON, CSV/TSV, Parquet, plain text, Markdown and PDF.

``FileSource(name, path)`` lists files (one :class:`Partition` per file, fingerprinted for
incremental runs) and reads each lazily. Bad input never stops a run: every malformed record or
file becomes a :class:`Quarantined` with a stable reason (see :mod:`connectors.reasons`).

Ids are ``make_doc_id(name, key)`` where ``key`` is the record's ``id_field`` value when present,
else its location relative to the source root: ``data/a.jsonl#L12`` (JSONL line),
``a.csv#3`` (0-based JSON/CSV/Parquet row), ``notes/b.md`` (text, Markdown, PDF). Moving the
whole folder keeps ids; renaming a file changes location-based ones.
"""

from __future__ import annotations

import codecs
import contextlib
from collections.abc import Iterator
from pathlib import Path

from connectors import reasons
from connectors.base import FORMATS, Partition, fingerprint_file
from connectors.errors import SourceError
from connectors.formats import READERS, Reader
from connectors.listing import SkippedFile, absolute, list_files, relpath, root_of
from connectors.records import DEFAULT_MAX_DOCUMENT_BYTES, FieldMap, FileContext
from connectors.schema import Document, Quarantined


class FileSource:
    """Documents from local files.

    ``path`` is a file, a folder (read recursively) or a glob (``data/**/*.jsonl``), relative to
    ``base_dir`` when relative. ``pattern`` filters the files found (``*.jsonl``, matched against
    the path relative to the root from the right). ``format="auto"`` picks by extension and
    records other files in :attr:`skipped`; an explicit format applies to every file found.

    ``limit`` caps the Documents yielded by each :meth:`read` call (per partition, not per
    source: the listing cannot know how many documents a file holds). Rejects do not count.

    ``max_document_bytes`` caps one document's UTF-8 text (for text and Markdown: the file
    size); larger ones are quarantined as ``document_too_large`` without being held in memory.
    """

    def __init__(
        self,
        name: str,
        path: str | Path,
        *,
        format: str = "auto",
        pattern: str | None = None,
        text_field: str = "text",
        id_field: str | None = None,
        title_field: str | None = None,
        published_field: str | None = None,
        records_key: str | None = None,
        encoding: str | None = None,
        license: str | None = None,
        domain: str | None = None,
        limit: int | None = None,
        max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
        base_dir: str | Path | None = None,
    ) -> None:
        if not isinstance(name, str) or not name.strip():
            raise SourceError("source name must be a non-empty string", source=repr(name))
        if format != "auto" and format not in FORMATS:
            known = ", ".join(sorted(FORMATS))
            raise SourceError(f"unknown format {format!r}; known: auto, {known}", source=name)
        if encoding is not None:
            try:
                codecs.lookup(encoding)
            except LookupError as exc:
                raise SourceError(f"unknown encoding {encoding!r}", source=name) from exc
        if limit is not None and not _is_int_at_least(limit, 0):
            raise SourceError(f"limit must be a non-negative integer, got {limit!r}", source=name)
        if not _is_int_at_least(max_document_bytes, 1):
            raise SourceError(
                f"max_document_bytes must be a positive integer, got {max_document_bytes!r}",
                source=name,
            )
        if not isinstance(text_field, str) or not text_field:
            raise SourceError("text_field must be a non-empty string", source=name)

        self.name = name
        self.path = absolute(path, base_dir)
        self.format = format
        self.pattern = pattern
        self.fields = FieldMap(
            text=text_field, id=id_field, title=title_field, published=published_field
        )
        self.records_key = records_key
        self.encoding = encoding
        self.license = license
        self.domain = domain
        self.limit = limit
        self.max_document_bytes = max_document_bytes
        self.skipped: list[SkippedFile] = []
        """Files the last :meth:`partitions` call found but will not read, with the reason."""

    def __repr__(self) -> str:
        return f"FileSource(name={self.name!r}, path={str(self.path)!r}, format={self.format!r})"

    def partitions(self) -> list[Partition]:
        """One partition per file, sorted by uri. Raises SourceError when ``path`` is missing."""
        listing = list_files(self.path, format=self.format, pattern=self.pattern, source=self.name)
        self.skipped = listing.skipped
        partitions = []
        for file, fmt in listing.files:
            try:
                size = file.stat().st_size
                fingerprint = fingerprint_file(file)
            except OSError:
                # Listed anyway: reading it will quarantine it as unreadable_file, so it shows
                # in the rejects instead of silently vanishing.
                size, fingerprint = 0, ""
            partitions.append(Partition(self.name, str(file), fmt, size, fingerprint))
        return sorted(partitions, key=Partition.key)

    def read(self, partition: Partition) -> Iterator[Document | Quarantined]:
        """Lazily yield the Documents of one file, and a Quarantined for each bad record."""
        if partition.source != self.name:
            raise SourceError(
                "partition belongs to another source", source=self.name, partition=partition.uri
            )
        reader = READERS.get(partition.format)
        if reader is None:
            raise SourceError(
                f"unknown format {partition.format!r}", source=self.name, partition=partition.uri
            )
        return self._read(reader, self._context(Path(partition.uri)))

    def _read(self, reader: Reader, ctx: FileContext) -> Iterator[Document | Quarantined]:
        if self.limit == 0:
            return
        produced = 0
        try:
            if ctx.path.stat().st_size == 0:
                yield ctx.quarantine(reasons.EMPTY_FILE, "file is empty")
                return
            with contextlib.closing(reader(ctx)) as items:
                for item in items:
                    yield item
                    if isinstance(item, Document):
                        produced += 1
                        if self.limit is not None and produced >= self.limit:
                            return
        except OSError as exc:
            yield ctx.quarantine(
                reasons.UNREADABLE_FILE, f"{type(exc).__name__}: {exc.strerror or exc}"
            )

    def _context(self, path: Path) -> FileContext:
        return FileContext(
            source=self.name,
            path=path,
            relpath=relpath(path, root_of(self.path)),
            fields=self.fields,
            license=self.license,
            domain=self.domain,
            encoding=self.encoding,
            records_key=self.records_key,
            max_document_bytes=self.max_document_bytes,
        )


def _is_int_at_least(value: object, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum
