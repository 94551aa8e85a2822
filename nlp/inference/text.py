"""Twins of `TfidfVectorizer` (character and word analysers) and `TfidfTransformer`.

The counts of character n-grams come from `nlp.charngrams.CharNgramCounter`, those of word n-grams
from `count_words` (scikit-learn's own counting loop, without its per-call checks); both equal
scikit-learn's count matrix. The weighting is `TfidfTransformer.transform`'s arithmetic in its order: `log(count) + 1` where
`sublinear_tf`, times `idf_` where `use_idf`, rows scaled to unit length (`nlp.inference.sparse`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nlp.inference.base import Twin, is_fitted


def tfidf_weights(transformer: Any, counts: Any) -> Any:
    """`transformer.transform(counts, copy=False)` of a fitted `TfidfTransformer` (or its twin) for a
    fresh float64 CSR count matrix, in place; None where the transformer's settings are others."""
    if counts.dtype != np.float64 or transformer.norm not in ("l2", None) or not isinstance(transformer.sublinear_tf, bool):
        return None
    from nlp.inference.sparse import normalize_rows_l2

    data = counts.data
    if transformer.sublinear_tf:
        np.log(data, data)
        data += 1.0
    idf = getattr(transformer, "idf_", None)
    if idf is not None:
        data *= idf[counts.indices]
    if transformer.norm == "l2":
        normalize_rows_l2(counts)
    return counts


class TfidfTransformerTwin(Twin):
    """`sklearn.feature_extraction.text.TfidfTransformer` with `norm` `l2` or None, float64 `idf_`."""

    SKLEARN = "sklearn.feature_extraction.text.TfidfTransformer"

    @classmethod
    def covers(cls, twin: Any) -> bool:
        idf = vars(twin).get("idf_")
        return (
            getattr(twin, "norm", None) in ("l2", None)
            and isinstance(getattr(twin, "sublinear_tf", None), bool)
            and isinstance(getattr(twin, "use_idf", None), bool)
            and (idf is None or (isinstance(idf, np.ndarray) and idf.dtype == np.float64 and idf.ndim == 1))
            and (idf is not None) == twin.use_idf
        )

    def transform(self, X: Any, copy: bool = True) -> Any:
        """TF-IDF weights of a count matrix (a float64 CSR matrix here; anything else: scikit-learn)."""
        if is_fitted(vars(self)) and type(X).__name__ == "csr_matrix" and X.dtype == np.float64 and X.shape[1] == len(self.idf_):
            if np.isfinite(X.data).all():
                return tfidf_weights(self, X.copy() if copy else X)
        return self._sklearn().transform(X, copy=copy)


def _lower(text: str) -> str:
    return text.lower()


def _same(text: str) -> str:
    return text


def _word_ngrams(tokens: list[str], ngram_range: tuple[int, int]) -> list[str]:
    """scikit-learn's `_VectorizerMixin._word_ngrams` without stop words: the tokens (where n-grams of
    one word are asked for), then the n-grams of each longer length joined by a space, in order."""
    low, high = ngram_range
    if high == 1:
        return tokens
    original = tokens
    if low == 1:
        tokens = list(original)
        low += 1
    else:
        tokens = []
    count = len(original)
    for n in range(low, min(high + 1, count + 1)):
        for i in range(count - n + 1):
            tokens.append(" ".join(original[i : i + n]))
    return tokens


def count_words(vectorizer: Any, texts: Sequence[str]) -> Any:
    """The (texts × vocabulary) count matrix of a fitted `word` vectorizer (no stop words), as
    scikit-learn's `_count_vocab` builds it: each text's known n-grams counted in order of first
    appearance, then the row's indices sorted."""
    import scipy.sparse as sp

    preprocess = vectorizer.build_preprocessor()
    tokenize = vectorizer.tokenizer if vectorizer.tokenizer is not None else re.compile(vectorizer.token_pattern).findall
    vocabulary = vectorizer.vocabulary_
    indices: list[int] = []
    values: list[int] = []
    indptr = [0]
    for text in texts:
        counts: dict[int, int] = {}
        for feature in _word_ngrams(tokenize(preprocess(text)), vectorizer.ngram_range):
            column = vocabulary.get(feature)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        indices.extend(counts.keys())
        values.extend(counts.values())
        indptr.append(len(indices))
    index_type = np.int64 if indptr[-1] > np.iinfo(np.int32).max else np.int32
    matrix = sp.csr_matrix(
        (np.asarray(values, dtype=np.intc), np.asarray(indices, dtype=index_type), np.asarray(indptr, dtype=index_type)),
        shape=(len(indptr) - 1, len(vocabulary)),
        dtype=vectorizer.dtype,
    )
    matrix.sort_indices()
    return matrix


def _counts_words(twin: Any) -> bool:
    """Whether a fitted vectorizer's settings are the word analyser `count_words` reproduces."""
    low, high = twin.ngram_range
    pattern_ok = twin.tokenizer is not None and callable(twin.tokenizer)
    if not pattern_ok and isinstance(twin.token_pattern, str):
        pattern_ok = re.compile(twin.token_pattern).groups <= 1
    return (
        twin.analyzer == "word"
        and twin.stop_words is None
        and pattern_ok
        and type(low) is int
        and type(high) is int
        and 1 <= low <= high
        and all(type(term) is str for term in twin.vocabulary_)
    )


class TfidfVectorizerTwin(Twin):
    """`sklearn.feature_extraction.text.TfidfVectorizer` fitted with the analyser `char` or `char_wb`
    and n-grams of 1–3 characters (`nlp.charngrams.CharNgramCounter.applies`), or the analyser `word`
    without stop words (a tokenizer or a token pattern); no accent stripping, content input, counts
    not binary, float64 output."""

    SKLEARN = "sklearn.feature_extraction.text.TfidfVectorizer"

    @classmethod
    def covers(cls, twin: Any) -> bool:
        from nlp.charngrams import CharNgramCounter

        try:
            settings = (
                twin.strip_accents is None
                and twin.input == "content"
                and twin.binary is False
                and twin.dtype is np.float64
                and isinstance(getattr(twin, "_tfidf", None), TfidfTransformerTwin)
                and is_fitted(vars(twin._tfidf))
                and isinstance(twin.vocabulary_, dict)
                and (twin.preprocessor is None or callable(twin.preprocessor))
            )
            return bool(settings and (_counts_words(twin) or CharNgramCounter.applies(twin)))
        except (AttributeError, TypeError, ValueError):  # a state without the attributes the fast path reads
            return False

    def build_preprocessor(self) -> Callable[[str], Any]:
        """What scikit-learn's `build_preprocessor` gives for the settings this twin stands for."""
        if self.preprocessor is not None:
            return self.preprocessor
        return _lower if self.lowercase else _same

    @property
    def idf_(self) -> np.ndarray:
        return self._tfidf.idf_

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        terms = sorted(self.vocabulary_.items(), key=lambda item: item[1])
        return np.asarray([term for term, _ in terms], dtype=object)

    def transform(self, raw_documents: Any) -> Any:
        """The TF-IDF matrix (CSR) of texts; where a text is not a string (or its preprocessing gives
        none), scikit-learn's own `transform` answers."""
        from nlp.charngrams import CharNgramCounter

        if is_fitted(vars(self)) and not isinstance(raw_documents, str):
            texts = list(raw_documents)
            if self.analyzer == "word":
                words = all(type(text) is str for text in texts)
                counts = count_words(self, texts) if words and texts else None
            else:
                counter = CharNgramCounter.of(self)
                counts = counter.counts(texts) if counter is not None and texts else None
            if counts is not None:
                return tfidf_weights(self._tfidf, counts)
            return self._sklearn().transform(texts)
        return self._sklearn().transform(raw_documents)


__all__ = ["TfidfTransformerTwin", "TfidfVectorizerTwin", "count_words", "tfidf_weights"]
