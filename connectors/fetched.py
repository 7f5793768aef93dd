"""Reading a file fetched from elsewhere (a portal, object storage) with the file readers.

The file is read from a temporary copy by the file connector (so every format, encoding and
quarantine rule is the same as for local files); each document and reject is then placed
at the remote address: ``uri`` becomes the remote URL plus the record's fragment and the id
is made from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from connectors.files import FileSource
from connectors.schema import Document, Quarantined, make_doc_id


def read_fetched(
    source: str,
    url: str,
    path: Path,
    fmt: str,
    *,
    title: str | None = None,
    metadata: dict[str, Any] | None = None,
    **file_options: Any,
) -> Iterator[Document | Quarantined]:
    """The items of the local copy ``path`` of ``url``, as if read at ``url``."""
    reader = FileSource(source, path, format=fmt, **file_options)
    local = f"file://{path.as_posix()}"
    for part in reader.partitions():
        for item in reader.read(part):
            fragment = item.uri[len(local) :] if item.uri.startswith(local) else ""
            if isinstance(item, Quarantined):
                yield Quarantined(source, url + fragment, item.reason, item.detail, item.raw,
                                  item.stage, item.at)  # fmt: skip
                continue
            item.uri = url + fragment
            item.id = make_doc_id(source, item.uri)
            if title and (item.title is None or item.title == path.stem):
                item.title = title
            if metadata:
                item.metadata = {**(item.metadata or {}), **metadata}
            yield item
