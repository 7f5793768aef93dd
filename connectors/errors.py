"""The one exception hierarchy of hqdata.

Every error raised on purpose by hqdata derives from :class:`HqdataError` and carries
structured context (file, line, record, field) so that a message can name what is at fault.
"""

from __future__ import annotations

from typing import Any


class HqdataError(Exception):
    """Root of every error hqdata raises on purpose."""

    def __init__(self, message: str, **context: Any) -> None:
        self.message = message
        self.context = {k: v for k, v in context.items() if v is not None}
        super().__init__(self._render())

    def _render(self) -> str:
        if not self.context:
            return self.message
        where = ", ".join(f"{k}={v}" for k, v in self.context.items())
        return f"{self.message} ({where})"


class SourceError(HqdataError):
    """A source could not be listed or opened at all (missing path, unreadable folder)."""


class RecordError(HqdataError):
    """One record of a source is malformed; it is quarantined and the run goes on."""


class RecipeError(HqdataError):
    """A recipe file is invalid: names the file, the field and the line."""

    def _render(self) -> str:
        # Compiler style, so editors and terminals can jump to the place: file:line: message
        where = self.context.get("file", "")
        if "line" in self.context:
            where = f"{where}:{self.context['line']}"
        return f"{where}: {self.message}" if where else self.message


class CatalogError(HqdataError):
    """The catalog or a release is inconsistent, missing or would be overwritten."""


class InvalidNameError(CatalogError):
    """A dataset name or version is not valid (path escape, bad characters, not semver)."""


class ChecksumError(CatalogError):
    """A release file does not match the sha256 recorded in its manifest."""


class PipelineError(HqdataError):
    """A stage of a run failed in a way that stops the run."""
