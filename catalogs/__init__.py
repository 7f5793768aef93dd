"""Releases on disk and the DuckDB catalog: publish, pull, load, query."""

from catalogs.access import load, pull, read_table, release_files, verify_release
from catalogs.catalog import Catalog
from catalogs.layout import Layout, default_home
from catalogs.names import Version, parse_ref, validate_name, validate_version
from catalogs.publish import PublishedRelease, ReleaseRequest, publish_release
from catalogs.remote import RemoteCopy, push
from catalogs.schema import REJECT_SCHEMA

__all__ = [
    "REJECT_SCHEMA",
    "Catalog",
    "Layout",
    "PublishedRelease",
    "ReleaseRequest",
    "RemoteCopy",
    "Version",
    "default_home",
    "load",
    "parse_ref",
    "publish_release",
    "pull",
    "push",
    "read_table",
    "release_files",
    "validate_name",
    "validate_version",
    "verify_release",
]
