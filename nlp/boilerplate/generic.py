"""The supervised signal: a character TF-IDF model of the hand-marked `generic` flag.

Character n-grams need no word segmentation and carry the template's fixed phrases
(`高度重视`, `进一步`) as well as the marks of concrete content (`条`, `件`, `《`).
"""

from __future__ import annotations

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
        return self.pipeline_.predict_proba(list(texts))[:, 1]

    def predict_and_explain(self, texts: Sequence[str], top: int = 3) -> tuple[np.ndarray, list[list[Span]]]:
        """P(generic) and the spans of `explain` for each text, from one TF-IDF pass over all of them."""
        texts = list(texts)
        matrix = self.pipeline_.named_steps["tfidf"].transform(texts).tocsr()
        proba = self.pipeline_.named_steps["model"].predict_proba(matrix)[:, 1]
        return proba, [self._spans(text, matrix[row], top) for row, text in enumerate(texts)]

    def explain(self, text: str, top: int = 3) -> list[Span]:
        """The character n-grams of `text` that moved its score most, each way (located in the text).

        The contribution of an n-gram is its TF-IDF weight times its coefficient; positive pushes
        towards template.
        """
        return self.predict_and_explain([text], top)[1][0]

    def _spans(self, text: str, row, top: int) -> list[Span]:
        if not hasattr(self, "longest_"):
            # The longest n-grams are the readable evidence; shorter ones repeat parts of them.
            lengths = np.fromiter((len(name.strip()) for name in self.feature_names_), dtype=int, count=len(self.feature_names_))
            self.longest_ = lengths == self.ngram_range[1]
        coefficients = self.pipeline_.named_steps["model"].coef_[0]
        columns = row.indices[self.longest_[row.indices]]
        values = row.data[self.longest_[row.indices]]
        weights = values * coefficients[columns]
        # Ties broken by the n-gram itself, so that the choice does not depend on column order.
        def key(i: int) -> tuple[float, str]:
            return weights[i], str(self.feature_names_[columns[i]])

        negative = sorted(_strongest(-weights, top), key=key)[:top]
        positive = sorted(_strongest(weights, top), key=key, reverse=True)[:top]
        spans: list[Span] = []
        for i in sorted(negative + positive, key=lambda i: -abs(weights[i])):
            gram = str(self.feature_names_[columns[i]]).strip()
            start = text.find(gram)
            if start >= 0 and not any(s.start < start + len(gram) and start < s.end for s in spans):
                kind = "template_ngram" if weights[i] > 0 else "specific_ngram"
                spans.append(Span(start, start + len(gram), gram, "generic", kind, float(weights[i])))
        return sorted(spans, key=lambda span: span.start)

    def __repr__(self) -> str:
        return f"GenericModel(ngram_range={self.ngram_range}, C={self.C}, min_df={self.min_df})"


def _strongest(weights: np.ndarray, top: int) -> np.ndarray:
    """Positions of the positive `weights` at least as large as the `top`-th largest (ties kept, so
    that sorting these few gives the same first `top` as sorting them all)."""
    candidates = np.flatnonzero(weights > 0)
    if len(candidates) > top:
        bar = np.partition(weights[candidates], len(candidates) - top)[len(candidates) - top]
        candidates = candidates[weights[candidates] >= bar]
    return candidates

