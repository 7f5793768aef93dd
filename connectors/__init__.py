"""Where documents come from: connectors that yield :class:`Document` records."""

from connectors.base import Checkpoint, Gone, Partition, Source
from connectors.encoding import decode_bytes, detect_encoding
from connectors.errors import (
    CatalogError,
    ChecksumError,
    HqdataError,
    InvalidNameError,
    PipelineError,
    RecipeError,
    RecordError,
    SourceError,
)
from connectors.files import FileSource
from connectors.registry import SOURCE_TYPES, make_source
from connectors.schema import (
    DOCUMENT_SCHEMA,
    QUARANTINE_SCHEMA,
    Document,
    Quarantined,
    documents_to_table,
    make_doc_id,
    quarantine_to_table,
)

__all__ = [
    "DOCUMENT_SCHEMA",
    "QUARANTINE_SCHEMA",
    "SOURCE_TYPES",
    "CatalogError",
    "Checkpoint",
    "ChecksumError",
    "Document",
    "FileSource",
    "Gone",
    "HqdataError",
    "InvalidNameError",
    "Partition",
    "PipelineError",
    "Quarantined",
    "RecipeError",
    "RecordError",
    "Source",
    "SourceError",
    "decode_bytes",
    "detect_encoding",
    "documents_to_table",
    "make_doc_id",
    "make_source",
    "quarantine_to_table",
]
