"""Errors of the domain tagger: a bad lexicon file or a model directory that cannot be used."""

from __future__ import annotations

from connectors.errors import HqdataError


class LexiconError(HqdataError):
    """A lexicon file is malformed (names the file and the line)."""


class ModelError(HqdataError):
    """A classifier cannot be trained, saved or loaded (names the path and what is wrong)."""
