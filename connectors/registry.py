"""Build sources from plain recipe dicts: ``{"name": ..., "type": "files", "path": ...}``.

Unknown types and bad options raise :class:`SourceError` naming the source, so a recipe error
points at the recipe entry rather than at a Python signature.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from connectors.base import Source
from connectors.ckan import CkanSource
from connectors.database import DatabaseSource
from connectors.errors import SourceError
from connectors.feeds import FeedSource
from connectors.files import FileSource
from connectors.huggingface import HuggingFaceSource
from connectors.objects import ObjectStoreSource
from connectors.warc import WarcSource
from connectors.web import WebSource

SOURCE_TYPES: dict[str, type] = {
    "files": FileSource,
    "database": DatabaseSource,
    "huggingface": HuggingFaceSource,
    "ckan": CkanSource,
    "objects": ObjectStoreSource,
    "warc": WarcSource,
    "web": WebSource,
    "feed": FeedSource,
}


def make_source(spec: dict[str, Any], base_dir: Path) -> Source:
    """A source from its recipe entry; relative paths resolve against ``base_dir``."""
    if not isinstance(spec, dict):
        raise SourceError(f"source spec must be a mapping, got {type(spec).__name__}")
    options = dict(spec)
    name = options.pop("name", None)
    if not isinstance(name, str) or not name.strip():
        raise SourceError("source spec needs a non-empty 'name'", spec=spec)
    kind = options.pop("type", None)
    cls = SOURCE_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        known = ", ".join(sorted(SOURCE_TYPES))
        raise SourceError(f"unknown source type {kind!r}; known types: {known}", source=name)

    signature = inspect.signature(cls)
    if "base_dir" in signature.parameters and "base_dir" not in options:
        options["base_dir"] = base_dir
    # Bind first so only a mismatch of options becomes a SourceError, never a TypeError raised
    # deep inside a constructor.
    try:
        signature.bind(name, **options)
    except TypeError as exc:
        raise SourceError(f"bad options for source {name!r}: {exc}", source=name) from exc
    return cls(name, **options)
