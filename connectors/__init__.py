"""Where documents come from: connectors that yield :class:`Document` records."""

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
    "CatalogError",
    "ChecksumError",
    "Document",
    "HqdataError",
    "InvalidNameError",
    "PipelineError",
    "Quarantined",
    "RecipeError",
    "RecordError",
    "SourceError",
    "documents_to_table",
    "make_doc_id",
    "quarantine_to_table",
]
