"""Validation of dataset names and versions.

Names end up in paths and SQL, so they are checked against a strict pattern before any use:
no path separators, no ``..``, no quotes, no whitespace.
"""

from __future__ import annotations

import re
from functools import total_ordering

from connectors.errors import InvalidNameError

_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9_-]|\.(?!\.)){0,62}[a-z0-9]$|^[a-z0-9]$")
_VERSION = re.compile(r"^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$")
LATEST = "latest"


def validate_name(name: str) -> str:
    """Return ``name`` if it is a valid dataset name, else raise :class:`InvalidNameError`."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise InvalidNameError(
            "dataset names use lower-case letters, digits, '-', '_' and single '.', "
            "start and end with a letter or digit, at most 64 characters",
            name=repr(name),
        )
    return name


@total_ordering
class Version:
    """A semantic version ``MAJOR.MINOR.PATCH`` (no pre-release tags: releases are final)."""

    __slots__ = ("major", "minor", "patch")

    def __init__(self, text: str) -> None:
        m = _VERSION.match(text) if isinstance(text, str) else None
        if not m:
            raise InvalidNameError("versions are MAJOR.MINOR.PATCH, e.g. 1.0.0", version=repr(text))
        self.major, self.minor, self.patch = (int(g) for g in m.groups())

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    def __repr__(self) -> str:
        return f"Version('{self}')"

    def _key(self) -> tuple[int, int, int]:
        return (self.major, self.minor, self.patch)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self._key() == other._key()

    def __lt__(self, other: Version) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def bump(self, part: str) -> Version:
        if part == "major":
            return Version(f"{self.major + 1}.0.0")
        if part == "minor":
            return Version(f"{self.major}.{self.minor + 1}.0")
        if part == "patch":
            return Version(f"{self.major}.{self.minor}.{self.patch + 1}")
        raise InvalidNameError("version bump is one of major, minor, patch", bump=part)


def validate_version(version: str) -> str:
    return str(Version(version))


def parse_ref(ref: str) -> tuple[str, str]:
    """Split ``NAME[@VERSION]`` into a validated name and a version or ``latest``."""
    name, _, version = ref.partition("@")
    validate_name(name)
    if not version or version == LATEST:
        return name, LATEST
    return name, validate_version(version)
