"""Stable quarantine reasons of the connectors.

They are plain snake_case strings because they land in the rejects table and analysts group by
them in SQL: renaming one is a breaking change.
"""

from __future__ import annotations

INVALID_JSON = "invalid_json"
NOT_AN_OBJECT = "not_an_object"
MISSING_TEXT_FIELD = "missing_text_field"
MISSING_RECORDS_KEY = "missing_records_key"
EMPTY_TEXT = "empty_text"
TEXT_NOT_STRING = "text_not_string"
BINARY_FILE = "binary_file"
UNDECODABLE = "undecodable"
DOCUMENT_TOO_LARGE = "document_too_large"
PDF_ERROR = "pdf_error"
INVALID_PARQUET = "invalid_parquet"
WRONG_COLUMN_COUNT = "wrong_column_count"
MALFORMED_ROW = "malformed_row"
UNREADABLE_FILE = "unreadable_file"
EMPTY_FILE = "empty_file"
OFFICE_ERROR = "office_error"
NULL_ID = "null_id"
HTTP_ERROR = "http_error"
LANGUAGE_FILTERED = "language_filtered"
TRUNCATED_RECORD = "truncated_record"
ROBOTS_DISALLOWED = "robots_disallowed"
UNSUPPORTED_CONTENT = "unsupported_content"
MALFORMED_FEED = "malformed_feed"

ALL_REASONS: frozenset[str] = frozenset(
    {
        INVALID_JSON,
        NOT_AN_OBJECT,
        MISSING_TEXT_FIELD,
        MISSING_RECORDS_KEY,
        EMPTY_TEXT,
        TEXT_NOT_STRING,
        BINARY_FILE,
        UNDECODABLE,
        DOCUMENT_TOO_LARGE,
        PDF_ERROR,
        INVALID_PARQUET,
        WRONG_COLUMN_COUNT,
        MALFORMED_ROW,
        UNREADABLE_FILE,
        EMPTY_FILE,
        OFFICE_ERROR,
        NULL_ID,
        HTTP_ERROR,
        LANGUAGE_FILTERED,
        TRUNCATED_RECORD,
        ROBOTS_DISALLOWED,
        UNSUPPORTED_CONTENT,
        MALFORMED_FEED,
    }
)
