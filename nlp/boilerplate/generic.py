"""The supervised signal: a character TF-IDF model of the hand-marked `generic` flag.

Character n-grams need no word segmentation and carry the template's fixed phrases
(`高度重视`, `进一步`) as well as the marks of concrete content (`条`, `件`, `《`).
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

import numpy as np

from nlp.boilerplate.spans import Span


class GenericModel:
    """TF-IDF over character n-grams + logistic regression; `predict_proba` is P(generic).

    Parameters
    ----------
    ngram_range: lengths of the character n-grams.
    C: inverse regularisation strength of the logistic regression.
    min_df: n-grams seen in fewer training paragraphs are dropped.
    """

    def __init__(self, ngram_range: tuple[int, int] = (1, 3), C: float = 10.0, min_df: int = 2) -> None:
        self.ngram_range = ngram_range
        self.C = C
        self.min_df = min_df

    def _pipeline(self):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        return Pipeline(
            [
                (
                    "tfidf",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=self.ngram_range,
                        sublinear_tf=True,
                        min_df=self.min_df,
                    ),
                ),
                ("model", LogisticRegression(C=self.C, solver="liblinear", random_state=0)),
            ]
        )

    def fit(self, texts: Sequence[str], y: Sequence[int]) -> GenericModel:
        self.pipeline_ = self._pipeline().fit(list(texts), np.asarray(y, dtype=int))
        self.feature_names_ = self.pipeline_.named_steps["tfidf"].get_feature_names_out()
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """P(generic) for each text (1-d array)."""
        texts = list(texts)
        matrix = _tfidf_transform(self.pipeline_.named_steps["tfidf"], texts)
        return self.pipeline_.named_steps["model"].predict_proba(matrix)[:, 1]

    def predict_and_explain(self, texts: Sequence[str], top: int = 3) -> tuple[np.ndarray, list[list[Span]]]:
        """P(generic) and the spans of `explain` for each text, from one TF-IDF pass over all of them."""
        texts = list(texts)
        matrix = _tfidf_transform(self.pipeline_.named_steps["tfidf"], texts).tocsr()
        proba = self.pipeline_.named_steps["model"].predict_proba(matrix)[:, 1]
        # rows sliced from the CSR arrays directly: indexing the matrix row by row costs more than the spans
        bounds, indices, data = matrix.indptr, matrix.indices, matrix.data
        return proba, [
            self._spans(text, indices[bounds[row] : bounds[row + 1]], data[bounds[row] : bounds[row + 1]], top)
            for row, text in enumerate(texts)
        ]

    def explain(self, text: str, top: int = 3) -> list[Span]:
        """The character n-grams of `text` that moved its score most, each way (located in the text).

        The contribution of an n-gram is its TF-IDF weight times its coefficient; positive pushes
        towards template.
        """
        return self.predict_and_explain([text], top)[1][0]

    def _spans(self, text: str, row_columns: np.ndarray, row_values: np.ndarray, top: int) -> list[Span]:
        if not hasattr(self, "longest_"):
            # The longest n-grams are the readable evidence; shorter ones repeat parts of them.
            lengths = np.fromiter((len(name.strip()) for name in self.feature_names_), dtype=int, count=len(self.feature_names_))
            self.longest_ = lengths == self.ngram_range[1]
        coefficients = self.pipeline_.named_steps["model"].coef_[0]
        longest = self.longest_[row_columns]
        columns = row_columns[longest]
        values = row_values[longest]
        weights = values * coefficients[columns]
        negative = self._strongest(np.flatnonzero(weights < 0), weights, columns, top, largest=False)
        positive = self._strongest(np.flatnonzero(weights > 0), weights, columns, top, largest=True)
        spans: list[Span] = []
        for i in sorted(negative + positive, key=lambda i: -abs(weights[i])):
            gram = str(self.feature_names_[columns[i]]).strip()
            start = text.find(gram)
            if start >= 0 and not any(s.start < start + len(gram) and start < s.end for s in spans):
                kind = "template_ngram" if weights[i] > 0 else "specific_ngram"
                spans.append(Span(start, start + len(gram), gram, "generic", kind, float(weights[i])))
        return sorted(spans, key=lambda span: span.start)

    def _strongest(self, candidates: np.ndarray, weights: np.ndarray, columns: np.ndarray, top: int, largest: bool) -> list[int]:
        """The `top` candidates of largest (or smallest) weight, in that order.

        A paragraph has hundreds of n-grams and only `top` are shown: the `top`-th weight is found
        with a partition, and only the n-grams at least that far out (ties included) are sorted.
        """
        if top <= 0 or not candidates.size:
            return []
        values = weights[candidates]
        if candidates.size > top:
            if largest:
                candidates = candidates[values >= np.partition(values, candidates.size - top)[candidates.size - top]]
            else:
                candidates = candidates[values <= np.partition(values, top - 1)[top - 1]]
        # Ties broken by the n-gram itself, so that the choice does not depend on column order.
        names = self.feature_names_
        keyed = sorted(((weights[i], str(names[columns[i]]), i) for i in candidates.tolist()), reverse=largest)
        return [i for _, _, i in keyed[:top]]

    def __repr__(self) -> str:
        return f"GenericModel(ngram_range={self.ngram_range}, C={self.C}, min_df={self.min_df})"


# --------------------------------------------------------------------------------------------
# The fitted vectorizer's counts, computed with numpy
# --------------------------------------------------------------------------------------------

#: Bits of one code point in an n-gram key (code points stop at 0x10FFFF); a missing character of a
#: shorter n-gram is the value no code point has, so that keys of n-grams of 1–3 characters are
#: exact (no hashing, no collisions) in 63 bits.
_POINT_BITS = 21
_NO_POINT = (1 << _POINT_BITS) - 1
_MAX_KEYED_NGRAM = 3


def _ngram_keys(points: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    keys = np.zeros(len(starts), dtype=np.uint64)
    for offset in range(_MAX_KEYED_NGRAM):
        part = points[starts + offset] if offset < n else np.full(len(starts), _NO_POINT, dtype=np.uint64)
        keys = (keys << np.uint64(_POINT_BITS)) | part
    return keys


class _CharWbCounter:
    """The count matrix of a fitted `char_wb` vectorizer, equal to its own, without its Python loop
    over every n-gram of every text (most of the generic model's time): the n-grams of all texts
    are keyed and looked up in the vocabulary with a few numpy operations."""

    def __init__(self, vectorizer) -> None:
        terms = list(vectorizer.vocabulary_)
        columns = np.fromiter(vectorizer.vocabulary_.values(), dtype=np.int64, count=len(terms))
        lengths = np.fromiter((len(term) for term in terms), dtype=np.int64, count=len(terms))
        points = _code_points("".join(terms))
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        keys = np.empty(len(terms), dtype=np.uint64)
        for n in range(1, _MAX_KEYED_NGRAM + 1):
            chosen = np.flatnonzero(lengths == n)
            # pad so that the key of an n-gram at the very end can read past it
            keys[chosen] = _ngram_keys(np.append(points, np.zeros(_MAX_KEYED_NGRAM, np.uint64)), starts[chosen], n)
        order = np.argsort(keys)
        self.keys, self.columns = keys[order], columns[order]
        self.ngram_range = vectorizer.ngram_range
        self.n_features = len(terms)
        self.dtype = vectorizer.dtype

    @staticmethod
    def applies(vectorizer) -> bool:
        """The vectorizer's settings are the ones this counter reproduces."""
        low, high = vectorizer.ngram_range
        return (
            vectorizer.analyzer == "char_wb"
            and vectorizer.input == "content"
            and vectorizer.lowercase
            and vectorizer.preprocessor is None
            and vectorizer.strip_accents is None
            and not vectorizer.binary
            and 1 <= low <= high <= _MAX_KEYED_NGRAM
            and all(1 <= len(term) <= _MAX_KEYED_NGRAM for term in vectorizer.vocabulary_)
        )

    @classmethod
    def of(cls, vectorizer) -> _CharWbCounter | None:
        """The counter of a fitted vectorizer (built once, kept while the vectorizer lives), or None
        where its settings are not the ones reproduced."""
        if vectorizer not in _COUNTERS:
            _COUNTERS[vectorizer] = cls(vectorizer) if cls.applies(vectorizer) else None
        return _COUNTERS[vectorizer]

    def counts(self, texts: Sequence[str]):
        """The (texts × vocabulary) count matrix, CSR with sorted indices."""
        from scipy import sparse

        # char_wb: lower-case, split at whitespace, pad each word with one space each side; the
        # n-grams are the substrings of each padded word (a padded word has at least 3 characters,
        # so for n ≤ 3 there is no short-word case).
        words = [[f" {word} " for word in text.lower().split()] for text in texts]
        word_lengths = np.fromiter((len(w) for ws in words for w in ws), dtype=np.int64)
        word_docs = np.repeat(np.arange(len(texts)), [len(ws) for ws in words])
        points = _code_points("".join(w for ws in words for w in ws))
        word_ends = np.cumsum(word_lengths)
        end_at = np.repeat(word_ends, word_lengths)
        doc_at = np.repeat(word_docs, word_lengths)
        positions = np.arange(len(points))
        padded = np.append(points, np.zeros(_MAX_KEYED_NGRAM, np.uint64))
        cells = []
        low, high = self.ngram_range
        for n in range(low, high + 1):
            starts = positions[positions + n <= end_at]
            keys = _ngram_keys(padded, starts, n)
            found = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
            hit = self.keys[found] == keys
            cells.append(doc_at[starts[hit]] * self.n_features + self.columns[found[hit]])
        cell, count = np.unique(np.concatenate(cells) if cells else np.empty(0, np.int64), return_counts=True)
        rows = cell // self.n_features
        indptr = np.searchsorted(rows, np.arange(len(texts) + 1))
        index_type = np.int64 if len(cell) > np.iinfo(np.int32).max else np.int32
        matrix = sparse.csr_array(
            (count.astype(np.intc), (cell % self.n_features).astype(index_type), indptr.astype(index_type)),
            shape=(len(texts), self.n_features),
            dtype=self.dtype,
        )
        matrix.sort_indices()
        return matrix


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def _tfidf_transform(vectorizer, texts: list[str]):
    """`vectorizer.transform(texts)`, with the counts from `_CharWbCounter` where it applies."""
    tfidf = getattr(vectorizer, "_tfidf", None)
    counter = _CharWbCounter.of(vectorizer) if texts and tfidf is not None else None
    if counter is None:
        return vectorizer.transform(texts)
    return tfidf.transform(counter.counts(texts), copy=False)


#: The counter of each fitted vectorizer in use (None: not reproduced), built on first use and dropped
#: with the vectorizer; kept out of the model object so that a saved model file stays as it was.
_COUNTERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
