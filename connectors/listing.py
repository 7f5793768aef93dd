"""Resolve a source's ``path`` (file, directory or glob) into the files to read and their format.

Hidden files and directories are left out silently; files that cannot be read as any format
are reported in :attr:`Listing.skipped` instead of failing the listing.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from connectors.errors import SourceError

EXTENSION_FORMATS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
}

_GLOB_CHARS = frozenset("*?[")


class SkippedFile(NamedTuple):
    """A file (or folder) the listing found but will not read, and why; unpacks as a pair."""

    path: str
    reason: str


@dataclass(slots=True)
class Listing:
    root: Path
    """Folder that relative paths (and so location-based ids) are computed from."""
    files: list[tuple[Path, str]] = field(default_factory=list)
    """(absolute path, format) pairs, sorted by path."""
    skipped: list[SkippedFile] = field(default_factory=list)


def absolute(path: str | Path, base_dir: str | Path | None) -> Path:
    """``path`` made absolute against ``base_dir`` (or the working directory), not resolved:
    symlinked folders keep the name the recipe used."""
    path = Path(os.path.expanduser(path))
    if not path.is_absolute():
        path = Path(base_dir or os.getcwd()) / path
    return Path(os.path.abspath(path))


def is_glob(path: Path) -> bool:
    return any(char in _GLOB_CHARS for char in str(path))


def root_of(path: Path) -> Path:
    """The folder relative paths are taken from: the folder itself, a file's parent, or the
    longest wildcard-free prefix of a glob."""
    if is_glob(path):
        parts: list[str] = []
        for part in path.parts:
            if any(char in _GLOB_CHARS for char in part):
                break
            parts.append(part)
        return Path(*parts)
    return path if path.is_dir() else path.parent


def list_files(
    path: Path, *, format: str = "auto", pattern: str | None = None, source: str | None = None
) -> Listing:
    """All readable files under an absolute ``path``; raises SourceError when it is missing."""
    root = root_of(path)
    listing = Listing(root=root)
    if is_glob(path):
        if not root.is_dir():
            raise SourceError("glob base folder does not exist", path=str(root), source=source)
        # glob.glob leaves out dot-files for wildcards; hidden folders spelt out are checked below.
        candidates = [Path(p) for p in glob.glob(str(path), recursive=True)]
        candidates = [p for p in candidates if not _hidden(p.relative_to(root))]
    elif path.is_dir():
        candidates = _walk(path, listing)
    elif path.exists() or path.is_symlink():
        candidates = [path]
    else:
        raise SourceError("path does not exist", path=str(path), source=source)

    for candidate in sorted(candidates, key=str):
        if candidate.is_dir():
            continue
        relative = relpath(candidate, root)
        if pattern and not PurePosixPath(relative).match(pattern):
            continue
        if not candidate.is_file():
            listing.skipped.append(SkippedFile(str(candidate), "not a regular file"))
            continue
        fmt = format if format != "auto" else EXTENSION_FORMATS.get(candidate.suffix.lower())
        if fmt is None:
            suffix = candidate.suffix or "(none)"
            listing.skipped.append(SkippedFile(str(candidate), f"unsupported extension {suffix}"))
            continue
        listing.files.append((candidate, fmt))
    return listing


def relpath(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with POSIX separators; the file name when outside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _walk(top: Path, listing: Listing) -> list[Path]:
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        if Path(error.filename or "") == top:
            raise SourceError("cannot list folder", path=str(top), error=str(error)) from error
        listing.skipped.append(SkippedFile(str(error.filename), f"cannot list: {error.strerror}"))

    for folder, dirs, files in os.walk(top, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # prune hidden folders in place
        found.extend(Path(folder) / name for name in files if not name.startswith("."))
    return found


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
