"""Arrow schema of rejected records and the DuckDB catalog's tables."""

from __future__ import annotations

import pyarrow as pa

from connectors.schema import DOCUMENT_SCHEMA

REJECT_FIELDS = [
    pa.field("stage", pa.string(), nullable=False),
    pa.field("reason", pa.string(), nullable=False),
    pa.field("detail", pa.string()),
    pa.field("matched_id", pa.string()),
    pa.field("matched_dataset", pa.string()),
    pa.field("matched_version", pa.string()),
    pa.field("similarity", pa.float32()),
]

REJECT_SCHEMA = pa.schema(
    [f.with_nullable(True) for f in DOCUMENT_SCHEMA] + REJECT_FIELDS,
    metadata=DOCUMENT_SCHEMA.metadata,
)
"""A rejected record: the document as far as it got, plus the stage and reason (and for
duplicates the document it matched). Quarantined input records have only source, uri and the
raw text in ``text``."""

CATALOG_DDL = """
CREATE TABLE IF NOT EXISTS datasets (
    name VARCHAR PRIMARY KEY,
    description VARCHAR,
    domain VARCHAR,
    license VARCHAR,
    created_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS versions (
    dataset VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    major INTEGER, minor INTEGER, patch INTEGER,
    previous_version VARCHAR,
    created_at TIMESTAMPTZ,
    path VARCHAR,
    num_documents BIGINT,
    num_added BIGINT,
    num_chars BIGINT,
    num_bytes BIGINT,
    recipe_yaml VARCHAR,
    recipe_sha256 VARCHAR,
    code_version VARCHAR,
    run_key VARCHAR,
    minhash_scheme VARCHAR,
    manifest_sha256 VARCHAR,
    PRIMARY KEY (dataset, version)
);
CREATE TABLE IF NOT EXISTS files (
    dataset VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    num_rows BIGINT,
    num_bytes BIGINT,
    sha256 VARCHAR,
    PRIMARY KEY (dataset, version, path)
);
CREATE TABLE IF NOT EXISTS documents (
    dataset VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    added_in VARCHAR NOT NULL,
    source VARCHAR,
    uri VARCHAR,
    language VARCHAR,
    script VARCHAR,
    domain VARCHAR,
    quality_score FLOAT,
    han_ratio FLOAT,
    char_count BIGINT,
    published_at TIMESTAMPTZ,
    dedup_key VARCHAR
);
CREATE TABLE IF NOT EXISTS rejects (
    dataset VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    id VARCHAR,
    source VARCHAR,
    uri VARCHAR,
    stage VARCHAR,
    reason VARCHAR,
    detail VARCHAR,
    matched_id VARCHAR,
    matched_dataset VARCHAR,
    matched_version VARCHAR,
    similarity FLOAT,
    language VARCHAR,
    script VARCHAR,
    domain VARCHAR,
    quality_score FLOAT,
    text_preview VARCHAR
);
CREATE TABLE IF NOT EXISTS run_stats (
    dataset VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    metric VARCHAR NOT NULL,
    value BIGINT
);
CREATE TABLE IF NOT EXISTS lineage (
    dataset VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    source VARCHAR,
    source_type VARCHAR,
    partition_uri VARCHAR,
    fingerprint VARCHAR,
    documents_read BIGINT,
    quarantined BIGINT,
    documents_published BIGINT
);
CREATE TABLE IF NOT EXISTS source_cursors (
    dataset VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    partition_key VARCHAR NOT NULL,
    fingerprint VARCHAR,
    version VARCHAR,
    updated_at TIMESTAMPTZ,
    PRIMARY KEY (dataset, source, partition_key)
);
CREATE TABLE IF NOT EXISTS superseded (
    dataset VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    previous_added_in VARCHAR NOT NULL
);
-- replaced: a new text took the document's place; removed: its source said it is gone.
ALTER TABLE superseded ADD COLUMN IF NOT EXISTS change VARCHAR DEFAULT 'replaced';
CREATE TABLE IF NOT EXISTS release_copies (
    dataset VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    location VARCHAR NOT NULL,
    num_files BIGINT,
    num_bytes BIGINT,
    copied_at TIMESTAMPTZ,
    PRIMARY KEY (dataset, version, location)
);
CREATE OR REPLACE VIEW latest_versions AS
    SELECT * FROM versions
    QUALIFY row_number() OVER (
        PARTITION BY dataset ORDER BY major DESC, minor DESC, patch DESC) = 1;
CREATE OR REPLACE VIEW version_changes AS
    SELECT dataset, version, id, source, uri, language, script, domain, quality_score
    FROM documents WHERE added_in = version;
CREATE OR REPLACE VIEW composition AS
    SELECT dataset, version, language, script, domain, source,
           count(*) AS documents, sum(char_count) AS chars,
           round(avg(quality_score), 3) AS mean_quality
    FROM documents GROUP BY ALL;
CREATE OR REPLACE VIEW quality_histogram AS
    SELECT dataset, version,
           least(floor(quality_score * 10) / 10, 0.9) AS bucket_low,
           count(*) AS documents
    FROM documents GROUP BY ALL;
CREATE OR REPLACE VIEW reject_reasons AS
    SELECT dataset, version, stage, reason, count(*) AS records
    FROM rejects GROUP BY ALL;
"""
"""Tables are created once; views are recreated every time the catalog is opened for writing,
so a newer hqdata can improve them in place. ``superseded`` lists, per version, the documents
of the previous version it replaced by a changed text (``id`` and the ``added_in`` of the
text it replaced); a catalog made before the table existed gains it on the next publish.
``release_copies`` lists where complete copies of a release were uploaded (object storage)."""
