"""A trainable multi-label domain classifier: character n-gram TF-IDF + one-vs-rest logistic.

Features are hashed character 1-3 grams (scikit-learn's ``HashingVectorizer``: Chinese needs
no word segmentation and hashing needs no vocabulary), weighted by sublinear TF times IDF and
L2-normalised. One logistic regression per label gives an independent probability per label,
so a document can carry several.

A saved model is a directory that holds no pickle, so loading one from elsewhere cannot run
code: ``model.json`` (format version, labels, vectorizer parameters) and ``arrays.npz`` (the IDF
of the features seen in training and the non-zero coefficient columns), loaded with
``allow_pickle=False``. Loading rebuilds the same vectorizer and predicts with the same arrays,
so a model predicts identically before and after a save/load round trip.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import normalize

from quality.domains.errors import ModelError

FORMAT = "hqdata.domain-classifier"
FORMAT_VERSION = 1
_META = "model.json"
_ARRAYS = "arrays.npz"


class DomainClassifier:
    """Multi-label text classifier over character n-grams; see the module docstring.

    ``threshold`` is the probability from which a label is predicted; ``max_chars`` bounds the
    text read per document (the head of a long document says what it is about, and it bounds
    the cost).
    """

    def __init__(
        self,
        *,
        n_features: int = 2**20,
        ngram_range: tuple[int, int] = (1, 3),
        c: float = 10.0,
        threshold: float = 0.5,
        max_chars: int = 10_000,
    ) -> None:
        if n_features <= 0 or n_features > 2**31 - 1:
            raise ModelError("n_features must be in [1, 2**31 - 1]", n_features=n_features)
        if not 1 <= ngram_range[0] <= ngram_range[1]:
            raise ModelError("ngram_range must be (low, high) with 1 <= low <= high")
        self.n_features = n_features
        self.ngram_range = (int(ngram_range[0]), int(ngram_range[1]))
        self.c = c
        self.threshold = threshold
        self.max_chars = max_chars
        self.labels: tuple[str, ...] = ()
        self._vectorizer = self._make_vectorizer()
        self._idf: np.ndarray | None = None  # (n_features,) float32
        self._coef: sp.csr_matrix | None = None  # (n_features, n_labels) float32
        self._intercept: np.ndarray | None = None  # (n_labels,) float32
        self.n_train_docs = 0

    def _make_vectorizer(self) -> HashingVectorizer:
        # Raw counts (no norm, no sign flipping): TF-IDF weighting is applied after hashing.
        return HashingVectorizer(
            analyzer="char",
            ngram_range=self.ngram_range,
            n_features=self.n_features,
            lowercase=True,
            alternate_sign=False,
            norm=None,
            dtype=np.float32,
        )

    @property
    def is_fitted(self) -> bool:
        return self._coef is not None

    # -- training -------------------------------------------------------------------------------

    def fit(self, texts: Sequence[str], labels: Sequence[Sequence[str]]) -> DomainClassifier:
        """Train on ``texts`` with their label lists (each text may have several, or none)."""
        if len(texts) != len(labels):
            raise ModelError(f"{len(texts)} texts but {len(labels)} label lists")
        names = sorted({name for row in labels for name in row})
        if not names:
            raise ModelError("no labels in the training data")
        index = {name: i for i, name in enumerate(names)}
        y = np.zeros((len(texts), len(names)), dtype=np.int8)
        for row, doc_labels in enumerate(labels):
            for name in doc_labels:
                y[row, index[name]] = 1
        positives = y.sum(axis=0)
        constant = [n for n, k in zip(names, positives, strict=True) if k == len(texts)]
        if constant:
            raise ModelError(
                "every training text has label(s) "
                + ", ".join(constant)
                + ": a classifier needs negative examples too"
            )
        counts = self._vectorizer.transform(self._clip(texts))
        idf = TfidfTransformer(sublinear_tf=True).fit(counts).idf_.astype(np.float32)
        # n-grams never seen in training get weight 0, as out-of-vocabulary words do in a
        # vocabulary-based vectorizer: they carry no coefficient, and leaving them in would
        # only dilute the L2 norm of short or unusual texts.
        idf[np.diff(counts.tocsc().indptr) == 0] = 0.0
        self._idf = idf
        x = self._weight(counts)
        model = OneVsRestClassifier(
            LogisticRegression(
                C=self.c,
                solver="lbfgs",
                class_weight="balanced",
                max_iter=1000,
                random_state=0,
            )
        )
        # Fit on the hashed columns that occur in training only (the solver's cost grows with
        # the column count); every other column would get a zero coefficient anyway.
        seen = np.unique(x.indices)
        model.fit(x[:, seen], y)
        coef = np.vstack([est.coef_[0] for est in model.estimators_]).astype(np.float32)
        rows = np.repeat(seen, coef.shape[0])
        cols = np.tile(np.arange(coef.shape[0]), seen.size)
        full = sp.csr_matrix(
            (coef.T.ravel(), (rows, cols)), shape=(self.n_features, len(names)), dtype=np.float32
        )
        full.eliminate_zeros()
        self._coef = full
        self._intercept = np.array(
            [est.intercept_[0] for est in model.estimators_], dtype=np.float32
        )
        self.labels = tuple(names)
        self.n_train_docs = len(texts)
        return self

    # -- prediction -----------------------------------------------------------------------------

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Probability of every label (columns in ``self.labels`` order) for each text."""
        if self._coef is None or self._intercept is None:
            raise ModelError("the classifier is not trained: call fit() or load() first")
        texts = list(texts)
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        x = self._weight(self._vectorizer.transform(self._clip(texts)))
        logits = np.asarray((x @ self._coef).todense(), dtype=np.float32) + self._intercept
        return (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)

    def predict(
        self, texts: Sequence[str], *, threshold: float | None = None, top_k: int | None = None
    ) -> list[list[tuple[str, float]]]:
        """Per text, the labels with probability >= threshold, most probable first."""
        cut = self.threshold if threshold is None else threshold
        proba = self.predict_proba(texts)
        out: list[list[tuple[str, float]]] = []
        for row in proba:
            order = np.argsort(-row, kind="stable")
            picked = [(self.labels[i], round(float(row[i]), 4)) for i in order if row[i] >= cut]
            out.append(picked[:top_k] if top_k is not None else picked)
        return out

    def _clip(self, texts: Iterable[str]) -> list[str]:
        return [t[: self.max_chars] for t in texts]

    def _weight(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        assert self._idf is not None
        x = sp.csr_matrix(counts, dtype=np.float32, copy=True)
        np.log(x.data, out=x.data)
        x.data += 1.0
        x.data *= self._idf[x.indices]
        return normalize(x, norm="l2", copy=False)

    # -- persistence ----------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the model to directory ``path`` (created if needed); returns the path."""
        if self._coef is None or self._idf is None or self._intercept is None:
            raise ModelError("cannot save an untrained classifier", path=str(path))
        directory = Path(path)
        directory.mkdir(parents=True, exist_ok=True)
        # Only features seen in training have a non-zero IDF or coefficient: store those.
        seen = np.flatnonzero(self._idf).astype(np.int64)
        rows = np.flatnonzero(np.diff(self._coef.indptr)).astype(np.int64)
        arrays = {
            "idf_index": seen,
            "idf_value": self._idf[seen],
            "coef_rows": rows,
            "coef_value": np.asarray(self._coef[rows].todense(), dtype=np.float32),
            "intercept": self._intercept,
        }
        tmp_arrays = directory / (_ARRAYS + ".tmp")
        with open(tmp_arrays, "wb") as fh:
            np.savez_compressed(fh, **arrays)
        os.replace(tmp_arrays, directory / _ARRAYS)
        meta = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "labels": list(self.labels),
            "threshold": self.threshold,
            "max_chars": self.max_chars,
            "c": self.c,
            "n_train_docs": self.n_train_docs,
            "vectorizer": {
                "kind": "sklearn.HashingVectorizer",
                "analyzer": "char",
                "ngram_range": list(self.ngram_range),
                "n_features": self.n_features,
                "lowercase": True,
                "alternate_sign": False,
            },
            "tfidf": {"sublinear_tf": True, "norm": "l2"},
            "trained_with": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
        }
        # model.json is written last: a directory with it holds a complete model.
        tmp_meta = directory / (_META + ".tmp")
        tmp_meta.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")
        os.replace(tmp_meta, directory / _META)
        return directory

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> DomainClassifier:
        """Read a model directory written by :meth:`save` (no pickle is ever loaded)."""
        directory = Path(path)
        meta = _read_meta(directory)
        vec = meta["vectorizer"]
        try:
            clf = cls(
                n_features=int(vec["n_features"]),
                ngram_range=(int(vec["ngram_range"][0]), int(vec["ngram_range"][1])),
                c=float(meta["c"]),
                threshold=float(meta["threshold"]),
                max_chars=int(meta["max_chars"]),
            )
            labels = tuple(str(name) for name in meta["labels"])
            n_train = int(meta.get("n_train_docs", 0))
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ModelError(f"model metadata is incomplete: {exc}", path=str(directory)) from exc
        arrays = _read_arrays(directory)
        n, k = clf.n_features, len(labels)
        try:
            idf = np.zeros(n, dtype=np.float32)
            idf[arrays["idf_index"]] = arrays["idf_value"]
            rows = arrays["coef_rows"]
            values = arrays["coef_value"].astype(np.float32)
            if values.shape != (rows.size, k) or arrays["intercept"].shape != (k,):
                raise ValueError(f"coefficients of shape {values.shape} for {k} labels")
            coef = sp.csr_matrix(
                (values.ravel(), (np.repeat(rows, k), np.tile(np.arange(k), rows.size))),
                shape=(n, k),
                dtype=np.float32,
            )
            coef.eliminate_zeros()
        except (KeyError, IndexError, ValueError) as exc:
            raise ModelError(f"model arrays are inconsistent: {exc}", path=str(directory)) from exc
        clf._idf = idf
        clf._coef = coef
        clf._intercept = arrays["intercept"].astype(np.float32)
        clf.labels = labels
        clf.n_train_docs = n_train
        return clf


def _read_meta(directory: Path) -> dict[str, Any]:
    meta_path = directory / _META
    if not meta_path.is_file():
        raise ModelError("not a domain classifier directory (no model.json)", path=str(directory))
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"unreadable model.json: {exc}", path=str(meta_path)) from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(f"model.json is not a {FORMAT} file", path=str(meta_path))
    version = meta.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelError(
            f"unsupported model format version {version!r}; this hqdata reads version "
            f"{FORMAT_VERSION} (retrain the model or use a matching hqdata)",
            path=str(meta_path),
        )
    if meta.get("vectorizer", {}).get("kind") != "sklearn.HashingVectorizer":
        raise ModelError("unknown vectorizer kind in model.json", path=str(meta_path))
    return meta


def _read_arrays(directory: Path) -> dict[str, np.ndarray]:
    arrays_path = directory / _ARRAYS
    try:
        with np.load(arrays_path, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    except (OSError, ValueError, EOFError) as exc:
        raise ModelError(f"unreadable model arrays: {exc}", path=str(arrays_path)) from exc


def read_labelled_jsonl(
    path: Path, *, text_field: str = "text", label_field: str = "domains"
) -> tuple[list[str], list[list[str]]]:
    """Texts and label lists of a JSONL file; labels are a list or a comma-separated string.

    Blank lines and records with an empty text are skipped; a malformed record raises
    :class:`ModelError` naming the file and line.
    """
    texts: list[str] = []
    labels: list[list[str]] = []
    try:
        # split("\n"), not splitlines(): JSON strings may hold U+2028, which is not a record end.
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"cannot read training file: {exc}", file=str(path)) from exc
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ModelError(f"invalid JSON: {exc.msg}", file=str(path), line=lineno) from exc
        if not isinstance(record, dict):
            raise ModelError("a record must be a JSON object", file=str(path), line=lineno)
        text = record.get(text_field)
        if not isinstance(text, str):
            raise ModelError(f"field {text_field!r} must be a string", file=str(path), line=lineno)
        if not text.strip():
            continue
        texts.append(text)
        labels.append(_parse_labels(record.get(label_field), path, lineno, label_field))
    return texts, labels


def _parse_labels(value: object, path: Path, lineno: int, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.replace("，", ",").split(",")
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        parts = value
    else:
        raise ModelError(
            f"field {field!r} must be a list of strings or a comma-separated string",
            file=str(path),
            line=lineno,
        )
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def train_from_files(
    paths: Sequence[Path],
    text_field: str = "text",
    label_field: str = "domains",
    **options: Any,
) -> DomainClassifier:
    """Train a :class:`DomainClassifier` on labelled JSONL files (``options`` go to it)."""
    texts: list[str] = []
    labels: list[list[str]] = []
    for path in paths:
        t, y = read_labelled_jsonl(Path(path), text_field=text_field, label_field=label_field)
        texts += t
        labels += y
    if not texts:
        raise ModelError("no training records in " + ", ".join(str(p) for p in paths))
    return DomainClassifier(**options).fit(texts, labels)
