"""The supervised signal: a character TF-IDF model of the hand-marked `generic` flag.

Character n-grams need no word segmentation and carry the template's fixed phrases
(`高度重视`, `进一步`) as well as the marks of concrete content (`条`, `件`, `《`).

With `fold_numbers` the model reads every figure as one mark, `0` for a count of nothing and `#` for
any other: `收到申请17件` and `收到申请3件` then share their n-grams (which digits a report has says
nothing about template language, and digit n-grams seen in training are mostly other reports'
figures), while a zero keeps its own mark (ANNOTATION.md rule 6: a statement that only reports zero
requests is generic). Site-grouped CV, two fold seeds: generic AUC +0.003, stacked +0.001, every
fold up (docs/classifier.md, "Boilerplate score").
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Sequence

import numpy as np

from nlp.boilerplate.spans import Span
from nlp.charngrams import tfidf_transform as _tfidf_transform
from nlp.tokenize import FIGURE

#: What a figure is read as with `fold_numbers`: a zero (`0`, `0.0`, `00`) and any other number.
ZERO_MARK = "0"
NUMBER_MARK = "#"


def _number_mark(number: str) -> str:
    return NUMBER_MARK if number.strip("0.,") else ZERO_MARK


def fold_figures(text: str) -> str:
    """`text` with each figure replaced by one mark: `ZERO_MARK` for a zero, `NUMBER_MARK` for any other."""
    return FIGURE.sub(_mark_of, text)


def _mark_of(match: re.Match[str]) -> str:
    return _number_mark(match.group())


#: Where a mark of a folded text stands: (its index in the folded text, start and end of its figure
#: in the original).
Mark = tuple[int, int, int]


def fold_figures_marked(text: str) -> tuple[str, list[Mark]]:
    """`fold_figures(text)` and its marks, so that n-grams found in the folded text can be shown in
    the original (`original_span`)."""
    spans = [match.span() for match in FIGURE.finditer(text)]
    if not spans:
        return text, []
    pieces: list[str] = []
    marks: list[Mark] = []
    position = shift = 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(_number_mark(text[start:end]))
        marks.append((start - shift, start, end))
        shift += end - start - 1
        position = end
    pieces.append(text[position:])
    return "".join(pieces), marks


def original_span(marks: Sequence[Mark], start: int, end: int) -> tuple[int, int]:
    """The characters `start`–`end` of a folded text as a span of the original (a mark covers its whole figure)."""
    return _original(marks, start)[0], _original(marks, end - 1)[1]


def _original(marks: Sequence[Mark], index: int) -> tuple[int, int]:
    """Where the folded text's character `index` begins and ends in the original."""
    before = bisect.bisect_right(marks, (index, float("inf"), 0)) - 1
    if before < 0:
        return index, index + 1
    folded_at, figure_start, figure_end = marks[before]
    if folded_at == index:
        return figure_start, figure_end
    begin = figure_end + (index - folded_at - 1)
    return begin, begin + 1


class GenericModel:
    """TF-IDF over character n-grams + logistic regression; `predict_proba` is P(generic).

    Parameters
    ----------
    ngram_range: lengths of the character n-grams.
    C: inverse regularisation strength of the logistic regression.
    min_df: n-grams seen in fewer training paragraphs are dropped.
    fold_numbers: read each figure as one mark (`fold_figures`: `0` for a zero, `#` for any other).
    """

    #: Off for models saved before the option existed (their state has no such field).
    fold_numbers: bool = False

    def __init__(
        self, ngram_range: tuple[int, int] = (1, 3), C: float = 10.0, min_df: int = 2, fold_numbers: bool = True
    ) -> None:
        self.ngram_range = ngram_range
        self.C = C
        self.min_df = min_df
        self.fold_numbers = fold_numbers

    def read(self, texts: Sequence[str]) -> list[str]:
        """The texts as the vectorizer sees them (figures folded where `fold_numbers`)."""
        return [fold_figures(text) for text in texts] if self.fold_numbers else list(texts)

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

    def fit(self, texts: Sequence[str], y: Sequence[int], sample_weight: Sequence[float] | None = None) -> GenericModel:
        """`sample_weight`: each paragraph's weight in the logistic regression (the n-gram vocabulary and
        its document frequencies count every paragraph once)."""
        fit_params = {} if sample_weight is None else {"model__sample_weight": np.asarray(sample_weight, dtype=float)}
        self.pipeline_ = self._pipeline().fit(self.read(texts), np.asarray(y, dtype=int), **fit_params)
        self.feature_names_ = self.pipeline_.named_steps["tfidf"].get_feature_names_out()
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """P(generic) for each text (1-d array)."""
        matrix = _tfidf_transform(self.pipeline_.named_steps["tfidf"], self.read(texts))
        return positive_proba(self.pipeline_.named_steps["model"], matrix)

    def predict_and_explain(self, texts: Sequence[str], top: int = 3) -> tuple[np.ndarray, list[list[Span]]]:
        """P(generic) and the spans of `explain` for each text, from one TF-IDF pass over all of them."""
        texts = list(texts)
        if self.fold_numbers:
            marked = [fold_figures_marked(text) for text in texts]
        else:
            marked = [(text, []) for text in texts]
        matrix = _tfidf_transform(self.pipeline_.named_steps["tfidf"], [read for read, _ in marked]).tocsr()
        proba = positive_proba(self.pipeline_.named_steps["model"], matrix)
        # More candidates than shown: an n-gram overlapping a stronger one of the other sign is passed over, and
        # the next of its sign shown instead (else a template sentence could show only what pulls it the other way).
        return proba, [
            self._spans(text, picks, read, marks, top)
            for text, picks, (read, marks) in zip(texts, self._strongest(matrix, top * _CANDIDATES), marked, strict=True)
        ]

    def explain(self, text: str, top: int = 3) -> list[Span]:
        """The character n-grams of `text` that moved its score most, each way (located in the text).

        The contribution of an n-gram is its TF-IDF weight times its coefficient; positive pushes
        towards template.
        """
        return self.predict_and_explain([text], top)[1][0]

    def _spans(self, text: str, picks: list[tuple[float, int]], read: str, marks: Sequence[Mark], top: int) -> list[Span]:
        """The picked n-grams located in `text`, at most `top` each way, none overlapping another; `read` is the
        text the vectorizer saw and `marks` its folded figures (`fold_figures_marked`; none: `read` is `text`)."""
        spans: list[Span] = []
        shown = {True: 0, False: 0}
        for weight, column in picks:
            if shown[weight > 0] >= top:
                continue
            gram = str(self.feature_names_[column]).strip()
            found = read.find(gram)
            if found < 0:
                continue
            start, end = original_span(marks, found, found + len(gram)) if marks else (found, found + len(gram))
            if not any(s.start < end and start < s.end for s in spans):
                kind = "template_ngram" if weight > 0 else "specific_ngram"
                spans.append(Span(start, end, text[start:end], "generic", kind, weight))
                shown[weight > 0] += 1
        return sorted(spans, key=lambda span: span.start)

    def _strongest(self, matrix, top: int) -> list[list[tuple[float, int]]]:
        """For each row of the TF-IDF matrix, its `top` longest n-grams of largest weight towards
        template and the `top` towards concrete content, as (weight, column), strongest first (a
        negative one before a positive one of the same strength).

        The weight of an n-gram is its TF-IDF value times its coefficient. Ties are broken by the
        n-gram itself, so that the choice does not depend on column order. One sort over every row
        at once: a paragraph has hundreds of n-grams and only a few are shown.
        """
        longest, rank = _explainer(self)
        coefficients = self.pipeline_.named_steps["model"].coef_[0]
        rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
        keep = longest[matrix.indices]
        rows, columns = rows[keep], matrix.indices[keep]
        weights = matrix.data[keep] * coefficients[columns]
        picks: list[list[tuple[float, int]]] = [[] for _ in range(matrix.shape[0])]
        if top <= 0:
            return picks
        for largest in (False, True):
            chosen = np.flatnonzero(weights > 0 if largest else weights < 0)
            row, column, weight = rows[chosen], columns[chosen], weights[chosen]
            # by row, then weight (largest: descending), then the n-gram (largest: descending)
            order = np.lexsort((-rank[column], -weight, row) if largest else (rank[column], weight, row))
            row = row[order]
            within = np.arange(len(order)) - np.searchsorted(row, row, side="left")
            first = order[within < top]
            for r, w, c in zip(rows[chosen[first]].tolist(), weight[first].tolist(), column[first].tolist(), strict=True):
                picks[r].append((w, c))
        # negative ones first, then the strongest first (a stable sort keeps that order for ties)
        return [sorted(row, key=lambda pick: -abs(pick[0])) for row in picks]

    def __repr__(self) -> str:
        return (
            f"GenericModel(ngram_range={self.ngram_range}, C={self.C}, min_df={self.min_df}, "
            f"fold_numbers={self.fold_numbers})"
        )


#: Candidate n-grams looked at per n-gram shown, each way (`GenericModel.predict_and_explain`).
_CANDIDATES = 4


def positive_proba(model, X) -> np.ndarray:
    """`model.predict_proba(X)[:, 1]` of a fitted two-class model (the generic model's logistic
    regression, the stacker's `Pipeline`), through its inference twin (`nlp.inference`: the same
    operations on the same arrays, without scikit-learn's input checks, which cost more than the
    arithmetic when a few reports are scored at a time) where one stands for it."""
    from nlp.inference import twin_of

    twin = twin_of(model)
    return (twin if twin is not None else model).predict_proba(X)[:, 1]


def _explainer(model: GenericModel) -> tuple[np.ndarray, np.ndarray]:
    """Per feature of a fitted model: whether it is one of the longest n-grams (the readable evidence;
    shorter ones repeat parts of them), and its rank in the order of the n-grams as text. Built once
    per model, kept out of the model object so that a saved model file stays as it was."""
    if model not in _EXPLAINERS:
        names = [str(name) for name in model.feature_names_]
        lengths = np.fromiter((len(name.strip()) for name in names), dtype=int, count=len(names))
        rank = np.empty(len(names), dtype=np.int64)
        rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
        _EXPLAINERS[model] = (lengths == model.ngram_range[1], rank)
    return _EXPLAINERS[model]


_EXPLAINERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
