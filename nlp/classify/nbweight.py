"""NB-weighted logistic regression (NB-LR, after Wang & Manning 2012), folded into a plain linear model.

For each label c (one against the rest), every feature is scaled by its log-count ratio

    r_c = log( (α + p_c) / ‖α + p_c‖₁ ) − log( (α + q_c) / ‖α + q_c‖₁ )

where p_c and q_c count (weighted) the rows of c and of the other labels in which the feature is
present; a binary logistic regression is then fitted on X ∘ r_c. The ratio is a naive Bayes prior on
each feature's direction: a rare n-gram seen only in `improvement` rows starts with a large weight for
it, which the L2 penalty would otherwise shrink towards nothing (88 improvement units against 1,007
`other`). Wang & Manning's interpolation w' = (1 − β)·mean|w| + β·w pulls the learned weights towards
the naive Bayes ones (β = 1: NB-LR as fitted).

Because (X ∘ r_c)·w'_c = X·(w'_c ∘ r_c), the fitted model is a `LogisticRegression` whose `coef_` holds
w'_c ∘ r_c: applying it is the plain linear model's `X @ coef_.T + intercept_`, which the inference
twins (`nlp.inference.linear`) compute without scikit-learn. Its rows are the one-vs-rest scores of
each label, whose softmax the paragraph classifier calibrates as it does any logits.

`add_complement_nb` is the other ensemble that stays one linear model: the logistic regression's
scores plus a weight × complement naive Bayes's (Rennie et al. 2003), whose log-probabilities are
also linear in the features.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: What `ParagraphClassifier(nb_scope=…)` scales: every column, the text blocks' only (the context
#: one-hot and the stance columns keep ratio 1), or none (a plain one-vs-rest fit: the control that
#: tells the ratios' effect from the one-vs-rest decomposition's).
SCOPES = ("all", "text", "none")
#: The blocks of `features.build_features` read from the paragraph's wording.
TEXT_BLOCKS = ("chars", "words", "opening", "closing", "clauses")


def scaled_columns(features: Any, width: int, scope: str) -> np.ndarray | None:
    """The mask of the `width` columns (a fitted `build_features` transformer's, then any stacked
    beside them) that `scope` scales; None for every column."""
    if scope not in SCOPES:
        raise ValueError(f"unknown nb_scope {scope!r}; known: {', '.join(SCOPES)}")
    if scope == "all":
        return None
    mask = np.zeros(width, dtype=bool)
    if scope == "text":
        for name, columns in features.output_indices_.items():
            if name in TEXT_BLOCKS:
                mask[columns] = True
    return mask


def log_count_ratios(matrix: Any, labels: np.ndarray, classes: np.ndarray, weights: np.ndarray, alpha: float) -> np.ndarray:
    """r (classes × features): each class's log-count ratio against the rest, over the features'
    presence (a value ≠ 0) counted with the rows' `weights`, smoothed by `alpha`."""
    import scipy.sparse as sp

    present = sp.csr_matrix(matrix, copy=True)
    present.data = (present.data != 0).astype(float)
    totals = np.asarray(present.T @ weights).ravel()
    ratios = np.empty((len(classes), matrix.shape[1]))
    for i, label in enumerate(classes):
        mine = labels == label
        p = alpha + np.asarray(present[mine].T @ weights[mine]).ravel()
        q = alpha + totals - (p - alpha)
        ratios[i] = np.log(p / p.sum()) - np.log(q / q.sum())
    return ratios


def balanced_weights(labels: np.ndarray, weights: np.ndarray, class_weight: str | None) -> np.ndarray:
    """The rows' weights times the multi-class balancing scikit-learn's `class_weight="balanced"` gives
    (n / (k · count of the row's label)), so that each one-vs-rest fit weighs the labels as the
    multinomial reference does."""
    if class_weight != "balanced":
        return weights
    classes, index, counts = np.unique(labels, return_inverse=True, return_counts=True)
    return weights * (len(labels) / (len(classes) * counts))[index]


def fit_nb_linear(
    classifier: Any,
    matrix: Any,
    labels: np.ndarray,
    weights: np.ndarray | None,
    alpha: float = 1.0,
    beta: float = 1.0,
    scaled: np.ndarray | None = None,
) -> Any:
    """Fit `classifier` (an unfitted `LogisticRegression`, whose C, class_weight, max_iter and seed are
    used) as NB-LR on `matrix`; it comes back fitted, `coef_` folded (w'_c ∘ r_c). `scaled`: a mask of
    the columns the ratios scale (None: all; the others keep ratio 1, a one-vs-rest fit as it is)."""
    import scipy.sparse as sp
    from sklearn.base import clone

    labels = np.asarray(labels, dtype=object)
    base = np.ones(len(labels)) if weights is None else np.asarray(weights, dtype=float)
    classes = np.unique(labels)
    if len(classes) < 2:
        raise ValueError(f"NB weighting needs two labels or more, got {len(classes)}")
    matrix = sp.csr_matrix(matrix, dtype=float)
    ratios = log_count_ratios(matrix, labels, classes, base, alpha)
    if scaled is not None:
        ratios[:, ~np.asarray(scaled, dtype=bool)] = 1.0
    row_weights = balanced_weights(labels, base, classifier.class_weight)
    binary = clone(classifier).set_params(class_weight=None)
    # Two labels: one score, as scikit-learn's binary LogisticRegression gives (for classes[1]).
    targets = classes[1:] if len(classes) == 2 else classes
    coefs, intercepts, iterations = [], [], []
    for label in targets:
        index = int(np.searchsorted(classes, label))
        scaled = matrix @ sp.diags(ratios[index])
        fitted = clone(binary).fit(scaled, labels == label, sample_weight=row_weights)
        w = fitted.coef_[0]
        w = (1 - beta) * np.abs(w).mean() + beta * w
        coefs.append(w * ratios[index])
        intercepts.append(fitted.intercept_[0])
        iterations.append(int(fitted.n_iter_[0]))
    classifier.classes_ = classes
    classifier.coef_ = np.vstack(coefs)
    classifier.intercept_ = np.asarray(intercepts, dtype=float)
    classifier.n_iter_ = np.asarray([max(iterations)], dtype=np.int32)
    classifier.n_features_in_ = matrix.shape[1]
    return classifier


def add_complement_nb(classifier: Any, matrix: Any, labels: np.ndarray, weights: np.ndarray | None, weight: float, alpha: float = 1.0) -> Any:
    """Add `weight` × a complement naive Bayes model's log-probabilities (fitted on the same rows,
    multi-class balanced) to a fitted linear `classifier`'s `coef_`: an ensemble of the two whose
    scores are the sum of theirs, still one linear model (complement NB's joint log-likelihood is
    `X @ feature_log_prob_.T`, its prior left out as scikit-learn does for two classes or more)."""
    from sklearn.naive_bayes import ComplementNB

    labels = np.asarray(labels, dtype=object)
    base = np.ones(len(labels)) if weights is None else np.asarray(weights, dtype=float)
    nb = ComplementNB(alpha=alpha).fit(matrix, labels, sample_weight=balanced_weights(labels, base, classifier.class_weight))
    if list(nb.classes_) != list(classifier.classes_) or len(nb.classes_) < 3:
        raise ValueError("complement NB is blended only into a model of three labels or more, the same ones")
    classifier.coef_ = classifier.coef_ + weight * nb.feature_log_prob_
    return classifier


__all__ = ["SCOPES", "add_complement_nb", "balanced_weights", "fit_nb_linear", "log_count_ratios", "scaled_columns"]
