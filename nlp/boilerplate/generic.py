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

    def explain(self, text: str, top: int = 3) -> list[Span]:
        """The character n-grams of `text` that moved its score most, each way (located in the text).

        The contribution of an n-gram is its TF-IDF weight times its coefficient; positive pushes
        towards template.
        """
        vectorizer = self.pipeline_.named_steps["tfidf"]
        coefficients = self.pipeline_.named_steps["model"].coef_[0]
        row = vectorizer.transform([text]).tocoo()
        contributions = sorted(
            (
                (value * coefficients[column], str(self.feature_names_[column]))
                for column, value in zip(row.col, row.data, strict=True)
            ),
            key=lambda item: item[0],
        )
        # The longest n-grams are the readable evidence; shorter ones repeat parts of them.
        longest = [c for c in contributions if len(c[1].strip()) == self.ngram_range[1]]
        picked = [c for c in longest if c[0] < 0][:top] + [c for c in reversed(longest) if c[0] > 0][:top]
        spans: list[Span] = []
        for weight, gram in sorted(picked, key=lambda c: -abs(c[0])):
            gram = gram.strip()
            start = text.find(gram)
            if start >= 0 and not any(s.start < start + len(gram) and start < s.end for s in spans):
                kind = "template_ngram" if weight > 0 else "specific_ngram"
                spans.append(Span(start, start + len(gram), gram, "generic", kind, float(weight)))
        return sorted(spans, key=lambda span: span.start)

    def __repr__(self) -> str:
        return f"GenericModel(ngram_range={self.ngram_range}, C={self.C}, min_df={self.min_df})"
