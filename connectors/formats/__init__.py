"""Format readers of the file connector: one module per format, one function per reader.

Every reader takes a :class:`~connectors.records.FileContext` and lazily yields Documents and
Quarantined records; I/O errors (``OSError``) are left to the caller, which quarantines the file
as ``unreadable_file``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from connectors.formats.delimited import read_delimited
from connectors.formats.json_records import read_json
from connectors.formats.jsonl import read_jsonl
from connectors.formats.office import read_docx, read_xlsx
from connectors.formats.parquet import read_parquet
from connectors.formats.pdf import read_pdf
from connectors.formats.plain import read_markdown, read_text
from connectors.records import FileContext
from connectors.schema import Document, Quarantined

Reader = Callable[[FileContext], Iterator[Document | Quarantined]]

READERS: dict[str, Reader] = {
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_delimited,
    "parquet": read_parquet,
    "text": read_text,
    "markdown": read_markdown,
    "pdf": read_pdf,
    "docx": read_docx,
    "xlsx": read_xlsx,
}

__all__ = ["READERS", "Reader"]
