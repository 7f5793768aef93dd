"""Keyword-lexicon domain tagging: weighted Chinese (and some English) terms per domain.

Every term of every lexicon file goes into one Aho-Corasick automaton (``ahocorasick_rs``,
leftmost-longest, so 中级人民法院 counts once and not also as 法院). A text is scanned once;
the weights of the matched terms are summed per domain and per GB/T 4754 section (the
evidence; a label with less than MIN_EVIDENCE is dropped), turned into a density (weighted hits
per 100 characters) and squashed into a score in [0, 1):

    share = evidence / best_evidence
    score = (1 - exp(-density / TAU)) * clip((share - SHARE_ZERO) / (SHARE_FULL - SHARE_ZERO), 0, 1)

The second factor silences domains far below the best one, so a passing mention of a hospital
in a court judgment does not tag the judgment ``medical``, while a document that really is about
two domains keeps both.

Lexicon files (``lexicons/*.txt``, one per label) hold ``WEIGHT TERM`` lines; ``@section X``
sets the GB/T 4754 letter of the terms that follow. Files named after a vertical of
:data:`~quality.domains.taxonomy.DOMAINS` feed :func:`tag_domains`; the other files only feed
:func:`tag_sections` (sections that no vertical covers, such as E 建筑业 or K 房地产业).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import ahocorasick_rs
import numpy as np

from quality.domains.errors import LexiconError
from quality.domains.taxonomy import SECTIONS, VERTICALS

# A label needs this much summed term weight (one decisive term, or a specific and a typical
# one) before it can be tagged at all.
MIN_EVIDENCE = 3.0
# Density giving a score of 1 - 1/e (0.63): about one weight-2 term per 100 characters.
TAU = 2.0
# Texts shorter than this many characters are scored as if they were this long, so that one
# term in a ten-character title is not a full-strength tag.
MIN_CHARS = 60
# A domain with less than SHARE_ZERO of the best domain's evidence scores 0, one with at least
# SHARE_FULL keeps its whole score, linearly in between. Passing mentions of another domain
# stay under ~0.15 of the main one; documents about two domains have the second above ~0.3.
SHARE_ZERO = 0.12
SHARE_FULL = 0.36
# ASCII characters carry less per character than Han characters; an English word of ~6
# characters is worth about two Chinese characters when measuring length.
ASCII_CHAR_WEIGHT = 0.3

_SECTION_LETTERS = tuple(SECTIONS)
_WORD_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_MAX_WEIGHT = 5.0


@dataclass(frozen=True)
class Term:
    """One lexicon entry: ``text`` found in a document adds ``weight`` to ``label``/``section``."""

    text: str
    label: str
    weight: float
    section: str


def parse_lexicon(source: str, label: str, *, origin: str = "<string>") -> list[Term]:
    """Parse one lexicon file's text (``WEIGHT TERM`` lines, ``@section X``, ``#`` comments)."""
    terms: list[Term] = []
    section: str | None = None
    for lineno, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@section"):
            parts = line.split()
            if len(parts) != 2 or parts[1] not in SECTIONS:
                raise LexiconError(
                    "expected '@section X' with X a GB/T 4754 letter A-T", file=origin, line=lineno
                )
            section = parts[1]
            continue
        weight_text, _, term = line.partition(" ")
        term = term.strip()
        try:
            weight = float(weight_text)
        except ValueError:
            raise LexiconError(
                f"expected 'WEIGHT TERM', got {line!r}", file=origin, line=lineno
            ) from None
        if not 0 < weight <= _MAX_WEIGHT:
            raise LexiconError(f"weight must be in (0, {_MAX_WEIGHT}]", file=origin, line=lineno)
        if len(term) < 2:
            raise LexiconError("terms need at least two characters", file=origin, line=lineno)
        if section is None:
            raise LexiconError("a term comes before any '@section' line", file=origin, line=lineno)
        terms.append(Term(term, label, weight, section))
    return terms


def _surface_forms(term: str) -> tuple[str, ...]:
    """The strings searched for a term: English lower-case terms also capitalised and plural.

    Acronyms and mixed-case terms (``AI``, ``IT``, ``Nasdaq``) are matched exactly as written so
    that ``IT`` does not match the English word "it".
    """
    if not term.isascii() or term != term.lower():
        return (term,)
    # English terms must sit on word bounds, so "interest rates" needs its own pattern.
    words = [term] if term.endswith("s") or not term[-1].isalpha() else [term, term + "s"]
    forms = [f(w) for w in words for f in (str, str.capitalize, str.title, str.upper)]
    return tuple(dict.fromkeys(forms))


class Lexicon:
    """Terms of several labels compiled into one automaton and two weight matrices."""

    def __init__(self, terms: Iterable[Term], *, verticals: Sequence[str] = VERTICALS) -> None:
        self.verticals: tuple[str, ...] = tuple(verticals)
        vertical_index = {name: i for i, name in enumerate(self.verticals)}
        section_index = {letter: i for i, letter in enumerate(_SECTION_LETTERS)}
        # Merge duplicates: per surface form, the highest weight per label and per section, so
        # a term listed twice counts once while a term shared by two domains counts for both.
        by_form: dict[str, tuple[dict[str, float], dict[str, float]]] = {}
        self.sizes: dict[str, int] = {}
        for term in terms:
            self.sizes[term.label] = self.sizes.get(term.label, 0) + 1
            for form in _surface_forms(term.text):
                labels, sections = by_form.setdefault(form, ({}, {}))
                labels[term.label] = max(labels.get(term.label, 0.0), term.weight)
                sections[term.section] = max(sections.get(term.section, 0.0), term.weight)
        missing = [name for name in self.verticals if name not in self.sizes]
        if missing:
            raise LexiconError(f"no lexicon terms for vertical(s) {', '.join(missing)}")
        self.patterns: tuple[str, ...] = tuple(sorted(by_form))
        n = len(self.patterns)
        self._vertical_w = np.zeros((n, len(self.verticals)), dtype=np.float64)
        self._section_w = np.zeros((n, len(_SECTION_LETTERS)), dtype=np.float64)
        for row, form in enumerate(self.patterns):
            labels, sections = by_form[form]
            for label, weight in labels.items():
                if label in vertical_index:
                    self._vertical_w[row, vertical_index[label]] = weight
            for letter, weight in sections.items():
                self._section_w[row, section_index[letter]] = weight
        self._ascii_ids = frozenset(i for i, p in enumerate(self.patterns) if p.isascii())
        self._automaton = ahocorasick_rs.AhoCorasick(
            list(self.patterns), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )

    @classmethod
    def from_directory(cls, directory: Path | None = None) -> Lexicon:
        """Load every ``*.txt`` of ``directory`` (default: the lexicons shipped with hqdata)."""
        terms: list[Term] = []
        if directory is None:
            root = resources.files("quality.domains").joinpath("lexicons")
            files = sorted((f for f in root.iterdir() if f.name.endswith(".txt")), key=str)
            for f in files:
                label = f.name.removesuffix(".txt")
                terms += parse_lexicon(f.read_text(encoding="utf-8"), label, origin=f.name)
        else:
            for path in sorted(Path(directory).glob("*.txt")):
                text = path.read_text(encoding="utf-8")
                terms += parse_lexicon(text, path.stem, origin=str(path))
        return cls(terms)

    def matched_terms(self, text: str) -> list[str]:
        """The terms found in ``text``, in order (leftmost-longest, English on word bounds)."""
        return [self.patterns[i] for i in self._hit_ids(text)]

    def _hit_ids(self, text: str) -> list[int]:
        matches = self._automaton.find_matches_as_indexes(text)
        ascii_ids = self._ascii_ids
        if ascii_ids.isdisjoint(m[0] for m in matches):
            return [m[0] for m in matches]
        # English terms only count as whole words: "bank" must not fire inside "embankment".
        return [
            pid
            for pid, start, end in matches
            if pid not in ascii_ids or _on_word_bounds(text, start, end)
        ]

    def evidence(self, text: str, *, sections: bool = False) -> np.ndarray:
        """Summed weights of the matched terms, per vertical (or per section A-T)."""
        weights = self._section_w if sections else self._vertical_w
        ids = self._hit_ids(text)
        if not ids:
            return np.zeros(weights.shape[1])
        counts = Counter(ids)
        # Sublinear in repeats: a term said ten times is stronger evidence, not ten times more.
        repeats = np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        repeats += 1.0
        return repeats @ weights[list(counts)]

    def scores(self, text: str, *, sections: bool = False) -> np.ndarray:
        """Score in [0, 1] of every vertical (or section), in label order."""
        return np.asarray(self._score_list(text, sections), dtype=np.float64)

    def _score_list(self, text: str, sections: bool) -> list[float]:
        # A dozen labels: plain floats beat numpy's per-call cost here.
        # Below MIN_EVIDENCE a label has no more than one weak term: no tag however short the
        # text is.
        evidence = [
            e if e >= MIN_EVIDENCE else 0.0 for e in self.evidence(text, sections=sections).tolist()
        ]
        best = max(evidence)
        if best <= 0.0:
            return evidence
        per_100 = 100.0 / _effective_length(text)
        span = SHARE_FULL - SHARE_ZERO
        return [
            (1.0 - math.exp(-e * per_100 / TAU))
            * min(1.0, max(0.0, (e / best - SHARE_ZERO) / span))
            for e in evidence
        ]

    def tag(
        self, text: str, *, top_k: int = 3, min_score: float = 0.2, sections: bool = False
    ) -> list[tuple[str, float]]:
        """Labels scoring at least ``min_score``, best first (ties in label order), <= top_k."""
        if not text or top_k <= 0:
            return []
        names = _SECTION_LETTERS if sections else self.verticals
        ranked = sorted(
            (-score, i)
            for i, score in enumerate(self._score_list(text, sections))
            if score >= min_score
        )
        return [(names[i], round(-neg, 4)) for neg, i in ranked[:top_k]]


def _on_word_bounds(text: str, start: int, end: int) -> bool:
    """No ASCII letter or digit right before ``start`` or at ``end``."""
    before = start > 0 and text[start - 1] in _WORD_CHARS
    after = end < len(text) and text[end] in _WORD_CHARS
    return not (before or after)


def _effective_length(text: str) -> float:
    # Non-ASCII characters take 2-4 bytes in UTF-8 (3 for Han); this counts them without a
    # Python-level loop over the text.
    n_bytes = len(text.encode("utf-8", "surrogatepass"))
    n_wide = min(len(text), (n_bytes - len(text)) / 2)
    n_ascii = len(text) - n_wide
    return max(float(MIN_CHARS), n_wide + ASCII_CHAR_WEIGHT * n_ascii)


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped with hqdata, compiled once per process."""
    return Lexicon.from_directory()


def tag_domains(text: str, *, top_k: int = 3, min_score: float = 0.2) -> list[tuple[str, float]]:
    """Vertical domains of ``text`` with scores in [0, 1), best first; ``[]`` if none fits.

    Multi-label: a finance report on a hospital group gives both ``finance`` and ``medical``.
    Deterministic (same text, same result) and fast (one automaton pass per text).
    """
    return default_lexicon().tag(text, top_k=top_k, min_score=min_score)


def tag_sections(text: str, *, top_k: int = 3, min_score: float = 0.2) -> list[tuple[str, float]]:
    """GB/T 4754-2017 section letters (A-T) of ``text`` with scores, best first."""
    return default_lexicon().tag(text, top_k=top_k, min_score=min_score, sections=True)


class LexiconTagger:
    """:func:`tag_domains` with the batch ``predict`` interface of the trained classifier."""

    def __init__(
        self, lexicon: Lexicon | None = None, *, top_k: int = 3, min_score: float = 0.2
    ) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.top_k = top_k
        self.min_score = min_score

    @property
    def labels(self) -> tuple[str, ...]:
        return self.lexicon.verticals

    def predict(self, texts: Iterable[str]) -> list[list[tuple[str, float]]]:
        return [self.lexicon.tag(t, top_k=self.top_k, min_score=self.min_score) for t in texts]


def lexicon_sizes() -> dict[str, int]:
    """Number of terms per lexicon file (verticals and section-only lexicons)."""
    return dict(sorted(default_lexicon().sizes.items()))
