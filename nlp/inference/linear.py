"""Twin of `LogisticRegression`: scores, probabilities and labels from `coef_` and `intercept_`.

`decision_function` is scikit-learn's `X @ coef_.T + intercept_` (scipy's sparse product for CSR
input, numpy's for a dense float64 matrix); `predict_proba` is its logistic function for two classes
(`[1 − p, p]`, `expit` as scipy computes it) and its softmax (maximum subtracted, exp, divided by the row sum) for more, each in
scikit-learn's order of operations.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from nlp.inference.base import Twin, is_fitted


def expit(scores: np.ndarray) -> np.ndarray:
    """`scipy.special.expit(scores, out=scores)` without importing `scipy.special` (0.15 s, more than
    the batch it serves): scipy computes `1 / (1 + exp(-x))` in C++ with the C library's `exp`, which
    is also what `math.exp` calls; numpy's own `exp` may be a SIMD version that differs in the last
    bit. A result beyond a float's range is an overflow to infinity in C, so the value is 0."""
    flat = scores.reshape(-1)
    values = flat.tolist()
    for i, value in enumerate(values):
        try:
            values[i] = 1.0 / (1.0 + math.exp(-value))
        except OverflowError:
            values[i] = 0.0
    flat[:] = values
    return scores


def _is_array(value: Any, ndim: int) -> bool:
    return isinstance(value, np.ndarray) and value.dtype == np.float64 and value.ndim == ndim


class LogisticRegressionTwin(Twin):
    """`sklearn.linear_model.LogisticRegression`, fitted (any solver): float64 `coef_` (classes ×
    features) and `intercept_`."""

    SKLEARN = "sklearn.linear_model._logistic.LogisticRegression"

    @classmethod
    def covers(cls, twin: Any) -> bool:
        state = vars(twin)
        coef, intercept, classes = state.get("coef_"), state.get("intercept_"), state.get("classes_")
        return (
            _is_array(coef, 2)
            and _is_array(intercept, 1)
            and isinstance(classes, np.ndarray)
            and classes.ndim == 1
            and len(classes) >= 2
            and coef.shape[0] == intercept.shape[0] == (1 if len(classes) == 2 else len(classes))
        )

    def _takes(self, X: Any) -> bool:
        """Whether the fast path computes what scikit-learn would for `X` (else scikit-learn answers,
        errors included: a wrong width, NaN or infinity, another format)."""
        if not is_fitted(vars(self)) or getattr(X, "ndim", 0) != 2 or X.shape[1] != self.coef_.shape[1]:
            return False
        if type(X).__name__ == "csr_matrix":
            return X.dtype == np.float64 and bool(np.isfinite(X.data).all())
        return isinstance(X, np.ndarray) and X.dtype == np.float64 and bool(np.isfinite(X).all())

    def decision_function(self, X: Any) -> np.ndarray:
        if not self._takes(X):
            return self._sklearn().decision_function(X)
        scores = X @ self.coef_.T + self.intercept_
        return scores.reshape(-1) if scores.shape[1] == 1 else scores

    def predict_proba(self, X: Any) -> np.ndarray:
        if not self._takes(X):
            return self._sklearn().predict_proba(X)
        scores = self.decision_function(X)
        if len(self.classes_) <= 2:
            expit(scores)
            return np.stack([1 - scores, scores], axis=1)
        scores -= scores.max(axis=1).reshape(-1, 1)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1).reshape(-1, 1)
        return scores

    def predict(self, X: Any) -> np.ndarray:
        if not self._takes(X):
            return self._sklearn().predict(X)
        scores = self.decision_function(X)
        indices = (scores > 0).astype(np.intp) if scores.ndim == 1 else scores.argmax(axis=1)
        return self.classes_.take(indices, axis=0)


__all__ = ["LogisticRegressionTwin", "expit"]
