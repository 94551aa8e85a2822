"""Calibrating the paragraph classifier's logits: per-label offsets and a temperature.

Both are fitted on held-out logits (each report predicted by a model that never saw it), so that the
offsets serve unseen reports, and a label's probability is close to how often such a label is right.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


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
