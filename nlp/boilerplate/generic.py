"""The supervised signal: a character TF-IDF model of the hand-marked `generic` flag.

Character n-grams need no word segmentation and carry the template's fixed phrases
(`高度重视`, `进一步`) as well as the marks of concrete content (`条`, `件`, `《`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nlp.boilerplate.spans import Span
from nlp.charngrams import tfidf_transform as _tfidf_transform


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
