"""Vertical-domain tagging of Chinese-first text, aligned with GB/T 4754-2017 sections.

Two taggers with one output shape, ``[(label, score), ...]`` best first, multi-label:

* :func:`tag_domains` / :func:`tag_sections`: weighted keyword lexicons written for hqdata
  (``lexicons/*.txt``), one Aho-Corasick pass per text; no training, fast, explainable.
* :class:`DomainClassifier`: character n-gram TF-IDF + one-vs-rest logistic regression
  (scikit-learn), trained on labelled JSONL with :func:`train_from_files`, saved as a directory
  of JSON + ``.npz`` arrays (no pickle).

:func:`evaluate` scores either against gold labels. :data:`DOMAINS` maps each vertical name to
its GB/T 4754 section letters.
"""

from quality.domains.classifier import DomainClassifier, read_labelled_jsonl, train_from_files
from quality.domains.errors import LexiconError, ModelError
from quality.domains.lexicon import (
    Lexicon,
    LexiconTagger,
    default_lexicon,
    lexicon_sizes,
    tag_domains,
    tag_sections,
)
from quality.domains.metrics import evaluate
from quality.domains.taxonomy import DOMAIN_INFO, DOMAINS, SECTIONS, VERTICALS, DomainInfo

__all__ = [
    "DOMAINS",
    "DOMAIN_INFO",
    "SECTIONS",
    "VERTICALS",
    "DomainClassifier",
    "DomainInfo",
    "Lexicon",
    "LexiconError",
    "LexiconTagger",
    "ModelError",
    "default_lexicon",
    "evaluate",
    "lexicon_sizes",
    "read_labelled_jsonl",
    "tag_domains",
    "tag_sections",
    "train_from_files",
]
