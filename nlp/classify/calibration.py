"""Calibrating the paragraph classifier's logits: per-label offsets and a temperature.

Both are fitted on held-out logits (each report predicted by a model that never saw it:
`held_out_logits`), so that the offsets serve unseen reports, and a label's probability is close to
how often such a label is right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nlp.classify.context import UNKNOWN

#: What `held_out_logits` fits on each fold's training rows (frame, labels, weights, groups): the
#: fold model's classes, and a function of a frame that gives that model's logits of its rows.
FoldFit = Callable[..., tuple[np.ndarray, Callable[[Any], np.ndarray]]]


def held_out_logits(
    fit_fold: FoldFit,
    frame: Any,
    labels: np.ndarray,
    groups: np.ndarray,
    weights: np.ndarray | None,
    classes: np.ndarray,
    context: Sequence[str],
    folds: int,
    random_state: int,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Logits (rows × `classes`) of every paragraph from a model that never saw its report (`folds`
    grouped folds, `fit_fold` on the others), with its context and (where the model has `context`)
    with those fields blanked (None without context)."""
    from sklearn.model_selection import GroupKFold

    logits = np.zeros((len(labels), len(classes)))
    alone = np.zeros_like(logits) if context else None
    bare = frame.copy()
    if context:
        bare[list(context)] = UNKNOWN
    splits = GroupKFold(n_splits=folds, shuffle=True, random_state=random_state)
    for train, test in splits.split(frame, labels, groups):
        fold_classes, fold_logits_of = fit_fold(
            frame.iloc[train].reset_index(drop=True), labels[train], None if weights is None else weights[train], groups[train]
        )
        # A fold may miss a rare label: its logit stays very low there.
        columns = np.searchsorted(classes, fold_classes)
        missing = np.setdiff1d(np.arange(len(classes)), columns)
        for target, part in ((logits, frame), (alone, bare)):
            if target is None:
                continue
            fold_logits = fold_logits_of(part.iloc[test])
            target[np.ix_(test, columns)] = fold_logits if fold_logits.ndim == 2 else np.c_[-fold_logits, fold_logits]
            target[np.ix_(test, missing)] = -1e3
    return logits, alone


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    scaled = logits / temperature
    scaled = scaled - scaled.max(axis=1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(axis=1, keepdims=True)


def fit_biases(logit_sets: Sequence[np.ndarray], y_index: np.ndarray, steps: Sequence[float] = (-2, -1, -0.5, -0.25, 0.25, 0.5, 1, 2), rounds: int = 3) -> np.ndarray:
    """Per-label offsets added to the logits that maximise the mean macro-F1 of held-out predictions.

    `logit_sets`: held-out logits of the same paragraphs under several conditions (with context,
    alone); the offsets must serve them all. Coordinate ascent: each label's offset moves by the
    step that raises the score most, until no step helps. Offsets are relative (the first label's
    stays 0 on average), so only their differences matter.
    """
    from sklearn.metrics import f1_score

    n_labels = logit_sets[0].shape[1]
    present = np.unique(y_index)

    def score(offsets: np.ndarray) -> float:
        return float(
            np.mean([f1_score(y_index, (logits + offsets).argmax(axis=1), labels=present, average="macro") for logits in logit_sets])
        )

    offsets = np.zeros(n_labels)
    best = score(offsets)
    for _ in range(rounds):
        improved = False
        for label in range(n_labels):
            for step in steps:
                trial = offsets.copy()
                trial[label] += step
                value = score(trial)
                if value > best + 1e-9:
                    best, offsets, improved = value, trial, True
        if not improved:
            break
    return offsets - offsets.mean()


def fit_temperature(logits: np.ndarray, y_index: np.ndarray) -> float:
    """The temperature that minimises the negative log-likelihood of held-out logits."""
    from scipy.optimize import minimize_scalar

    rows = np.arange(len(y_index))

    def nll(log_t: float) -> float:
        return float(-np.log(softmax(logits, float(np.exp(log_t)))[rows, y_index] + 1e-12).mean())

    result = minimize_scalar(nll, bounds=(-3.0, 3.0), method="bounded")
    return float(np.exp(result.x))


def fit_calibration(logits: np.ndarray, labels: np.ndarray, y_index: np.ndarray, classes: np.ndarray) -> tuple[float, dict[str, float]]:
    """The temperature fitted on held-out `logits`, and the expected calibration error before and after it."""
    from nlp.classify.evaluate import calibration_error

    temperature = fit_temperature(logits, y_index)
    errors = {
        "ece_before": round(calibration_error(softmax(logits), labels, classes), 4),
        "ece_after": round(calibration_error(softmax(logits, temperature), labels, classes), 4),
    }
    return temperature, errors
