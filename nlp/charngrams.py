"""A fitted character n-gram vectorizer's counts, computed with numpy and equal to its own.

scikit-learn's `CountVectorizer` (and so `TfidfVectorizer`) builds every n-gram of every text as a
Python string and looks it up in a dict, one at a time: most of the time of the paragraph classifier
and of the boilerplate generic model. `CharNgramCounter` keys the n-grams of all the texts at once
(code points packed into one exact integer key) and finds them in the vocabulary with a few numpy
operations and one hash lookup (`nlp.inference.keytable`). It reproduces the analysers `char` and `char_wb` for n-grams of 1–3
characters, with the vectorizer's own preprocessing (`build_preprocessor`: its `preprocessor`, or lower-casing
and accent stripping); other settings are left to scikit-learn (`CharNgramCounter.of` gives None).
The counts are bit-identical, so are the TF-IDF weights computed from them.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

#: Bits of one code point in an n-gram key (code points stop at 0x10FFFF); a missing character of a
#: shorter n-gram is the value no code point has, so that keys of n-grams of 1–3 characters are
#: exact (no hashing, no collisions) in 63 bits.
_POINT_BITS = 21
_NO_POINT = (1 << _POINT_BITS) - 1
MAX_NGRAM = 3
#: scikit-learn's own whitespace folding before it cuts character n-grams (`_VectorizerMixin._white_spaces`).
_WHITE_SPACES = re.compile(r"\s\s+")


def _ngram_keys(points: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    keys = np.zeros(len(starts), dtype=np.uint64)
    for offset in range(MAX_NGRAM):
        part = points[starts + offset] if offset < n else np.full(len(starts), _NO_POINT, dtype=np.uint64)
        keys = (keys << np.uint64(_POINT_BITS)) | part
    return keys


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


#: The highest code point plus one that a table of single characters is built for (1 MB of int64):
#: the vocabularies of Chinese reports stop in the Basic Multilingual Plane. A vocabulary with a
#: rarer character looks its single characters up by hash, as its longer n-grams.
_UNIGRAM_TABLE_LIMIT = 1 << 17


def _unigram_columns(points: np.ndarray, columns: np.ndarray) -> np.ndarray | None:
    """Column of each single-character term by its code point (−1: not a term), or None where the
    vocabulary has a character at or above `_UNIGRAM_TABLE_LIMIT`. A third of a text's n-grams are
    single characters: one gather from this table finds them, where hashing goes to a table of all
    the n-grams, twenty times larger."""
    size = int(points.max()) + 1 if len(points) else 0
    if size > _UNIGRAM_TABLE_LIMIT:
        return None
    table = np.full(size, -1, dtype=np.int64)
    table[points.astype(np.int64)] = columns
    return table


def _column_of_points(table: np.ndarray, points: np.ndarray) -> np.ndarray:
    """`KeyTable.get` of the keys of single characters, from the table of `_unigram_columns`."""
    found = np.full(len(points), -1, dtype=np.int64)
    inside = points < np.uint64(len(table))
    found[inside] = table[points[inside].astype(np.int64)]
    return found


class CharNgramCounter:
    """The count matrix of a fitted `char` or `char_wb` vectorizer, equal to its own."""

    def __init__(self, vectorizer: Any) -> None:
        terms = list(vectorizer.vocabulary_)
        columns = np.fromiter(vectorizer.vocabulary_.values(), dtype=np.int64, count=len(terms))
        lengths = np.fromiter((len(term) for term in terms), dtype=np.int64, count=len(terms))
        points = np.append(_code_points("".join(terms)), np.zeros(MAX_NGRAM, np.uint64))
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        keys = np.empty(len(terms), dtype=np.uint64)
        for n in range(1, MAX_NGRAM + 1):
            chosen = np.flatnonzero(lengths == n)
            keys[chosen] = _ngram_keys(points, starts[chosen], n)
        from nlp.inference.keytable import KeyTable

        self.keys = KeyTable(keys, columns)  # ValueError for a vocabulary with two terms of one key
        self.unigrams = _unigram_columns(points[starts[lengths == 1]], columns[lengths == 1])
        self.ngram_range = vectorizer.ngram_range
        self.n_features = len(terms)
        self.dtype = vectorizer.dtype
        self.words = vectorizer.analyzer == "char_wb"
        self.preprocess: Callable[[str], Any] = vectorizer.build_preprocessor()

    @staticmethod
    def applies(vectorizer: Any) -> bool:
        """The vectorizer's settings are the ones this counter reproduces."""
        low, high = vectorizer.ngram_range
        return (
            vectorizer.analyzer in ("char", "char_wb")
            and vectorizer.input == "content"
            and not vectorizer.binary
            and 1 <= low <= high <= MAX_NGRAM
            and bool(vectorizer.vocabulary_)
            and all(type(term) is str and 1 <= len(term) <= MAX_NGRAM for term in vectorizer.vocabulary_)
        )

    @classmethod
    def of(cls, vectorizer: Any) -> CharNgramCounter | None:
        """The counter of a fitted vectorizer (built once, kept while the vectorizer lives), or None
        where its settings are not the ones reproduced."""
        if vectorizer not in _COUNTERS:
            _COUNTERS[vectorizer] = cls(vectorizer) if cls.applies(vectorizer) else None
        return _COUNTERS[vectorizer]

    def _pieces(self, text: str) -> list[str] | None:
        """The stretches of text the analyser cuts n-grams from (None: not text after preprocessing)."""
        text = self.preprocess(text)
        if type(text) is not str:
            return None
        if self.words:
            # char_wb: each word padded with one space each side (a padded word has at least 3
            # characters, so for n ≤ 3 there is no short-word case)
            return [f" {word} " for word in text.split()]
        return [_WHITE_SPACES.sub(" ", text)]

    def counts(self, texts: Sequence[str]) -> Any:
        """The (texts × vocabulary) count matrix, CSR with sorted indices; None where a text is not
        a string (scikit-learn's own path then decides what to do with it)."""
        from scipy import sparse

        pieces = []
        for text in texts:
            cut = self._pieces(text) if type(text) is str else None
            if cut is None:
                return None
            pieces.append(cut)
        piece_lengths = np.fromiter((len(p) for ps in pieces for p in ps), dtype=np.int64)
        piece_docs = np.repeat(np.arange(len(texts)), [len(ps) for ps in pieces])
        points = _code_points("".join(p for ps in pieces for p in ps))
        end_at = np.repeat(np.cumsum(piece_lengths), piece_lengths)
        doc_at = np.repeat(piece_docs, piece_lengths)
        positions = np.arange(len(points))
        padded = np.append(points, np.zeros(MAX_NGRAM, np.uint64))
        cells = []
        low, high = self.ngram_range
        for n in range(low, high + 1):
            # n-grams do not cross from one piece (word, text) into the next
            starts = positions[positions + n <= end_at]
            if n == 1 and self.unigrams is not None:
                found = _column_of_points(self.unigrams, padded[starts])
            else:
                found = self.keys.get(_ngram_keys(padded, starts, n))
            hit = found >= 0
            cells.append(doc_at[starts[hit]] * self.n_features + found[hit])
        cell, count = np.unique(np.concatenate(cells) if cells else np.empty(0, np.int64), return_counts=True)
        rows = cell // self.n_features
        indptr = np.searchsorted(rows, np.arange(len(texts) + 1))
        index_type = np.int64 if len(cell) > np.iinfo(np.int32).max else np.int32
        # a csr_matrix, as the vectorizer returns by default (scikit-learn aligns its output to it)
        matrix = sparse.csr_matrix(
            (count.astype(np.intc), (cell % self.n_features).astype(index_type), indptr.astype(index_type)),
            shape=(len(texts), self.n_features),
            dtype=self.dtype,
        )
        matrix.sort_indices()
        return matrix


def tfidf_transform(vectorizer: Any, texts: list[str]) -> Any:
    """`vectorizer.transform(texts)` of a fitted `TfidfVectorizer` (or its twin), through its twin
    (`nlp.inference.text`: the counts from `CharNgramCounter`) where one stands for it."""
    from nlp.inference import twin_of

    twin = twin_of(vectorizer)
    return (twin if twin is not None else vectorizer).transform(texts)


#: The counter of each fitted vectorizer in use (None: not reproduced), built on first use and dropped
#: with the vectorizer; kept out of the model object so that a saved model file stays as it was.
_COUNTERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


__all__ = ["MAX_NGRAM", "CharNgramCounter", "tfidf_transform"]
