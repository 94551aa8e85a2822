"""Grouped cross-validation and the metrics of a labelling: macro-F1, per-label P/R/F1, confusion.

Folds are grouped by report (`doc_id`): the paragraphs of one report never sit on both sides of a
split, since reports copy each other's wording and would flatter a model that saw their siblings.
Weak examples, where given, join the training side of a fold only when their report is not in the
fold's test side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nlp.classify.features import paragraph_frame


@dataclass
class Metrics:
    labels: list[str]
    macro_f1: float
    accuracy: float
    #: label → {"precision", "recall", "f1", "support"}
    per_label: dict[str, dict[str, float]]
    #: rows: true label, columns: predicted label, in `labels` order
    confusion: list[list[int]]
    n: int
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "macro_f1": round(self.macro_f1, 4),
            "accuracy": round(self.accuracy, 4),
            "per_label": {k: {m: round(v, 4) if isinstance(v, float) else v for m, v in d.items()} for k, d in self.per_label.items()},
            "labels": self.labels,
            "confusion": self.confusion,
            **self.extra,
        }


def score_labels(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] | None = None) -> Metrics:
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

    names = sorted(set(y_true) | set(y_pred)) if labels is None else list(labels)
    precision, recall, f1, support = precision_recall_fscore_support(y_true, y_pred, labels=names, zero_division=0)
    present = [i for i, name in enumerate(names) if support[i] > 0]
    return Metrics(
        labels=names,
        macro_f1=float(np.mean(f1[present])) if present else 0.0,
        accuracy=float(accuracy_score(y_true, y_pred)),
        per_label={
            name: {"precision": float(precision[i]), "recall": float(recall[i]), "f1": float(f1[i]), "support": int(support[i])}
            for i, name in enumerate(names)
        },
        confusion=confusion_matrix(y_true, y_pred, labels=names).tolist(),
        n=len(y_true),
    )


def grouped_folds(y: Sequence[str], groups: Sequence[str], folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified folds by report; fewer folds when there are fewer reports."""
    from sklearn.model_selection import StratifiedGroupKFold

    n_groups = len(set(groups))
    splitter = StratifiedGroupKFold(n_splits=min(folds, n_groups), shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(y)), np.asarray(y), np.asarray(groups)))


def cross_validate(
    estimator: Any,
    X: Any,
    y: Sequence[str],
    groups: Sequence[str],
    folds: int = 5,
    seed: int = 0,
    weak: Sequence[Any] = (),
    weak_weight: float = 0.5,
    sample_weight: Sequence[float] | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Held-out predictions (and calibrated probabilities where the estimator has them) for every unit.

    weak: `WeakExample`s; those of a report in the test fold are left out of that fold's training.
    sample_weight: the weight of each unit of `X` where it trains (each held-out unit is still predicted once).
    """
    from sklearn.base import clone

    frame = paragraph_frame(X)
    labels = np.asarray(y, dtype=object)
    group_array = np.asarray(groups, dtype=object)
    predictions = np.empty(len(labels), dtype=object)
    probabilities: np.ndarray | None = None
    classes = np.array(sorted(set(labels)), dtype=object)
    weak_frame = paragraph_frame([w.paragraph for w in weak]) if weak else None
    weak_labels = np.array([w.label for w in weak], dtype=object)
    weak_groups = np.array([w.doc_id for w in weak], dtype=object)
    unit_weights = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
    for train, test in grouped_folds(labels, group_array, folds, seed):
        train_frame, train_labels, train_groups = frame.iloc[train], labels[train], group_array[train]
        weights = None if unit_weights is None else unit_weights[train]
        if weak_frame is not None:
            keep = ~np.isin(weak_groups, group_array[test])
            import pandas as pd

            train_frame = pd.concat([train_frame, weak_frame[keep]], ignore_index=True)
            train_labels = np.concatenate([train_labels, weak_labels[keep]])
            train_groups = np.concatenate([train_groups, weak_groups[keep]])
            hand = np.ones(len(train)) if weights is None else weights
            weights = np.concatenate([hand, np.full(int(keep.sum()), weak_weight)])
        model = clone(estimator)
        fit_params: dict[str, Any] = {}
        if _accepts(model, "groups"):
            fit_params["groups"] = train_groups
        if weights is not None:
            fit_params["sample_weight"] = weights
        model.fit(train_frame, train_labels, **fit_params)
        predictions[test] = model.predict(frame.iloc[test])
        if hasattr(model, "predict_proba"):
            if probabilities is None:
                probabilities = np.zeros((len(labels), len(classes)))
            columns = np.searchsorted(classes, model.classes_)
            probabilities[np.ix_(test, columns)] = model.predict_proba(frame.iloc[test])
    return predictions, probabilities


def _accepts(estimator: Any, name: str) -> bool:
    import inspect

    return name in inspect.signature(estimator.fit).parameters


def calibration_error(probabilities: np.ndarray, y_true: Sequence[str], classes: Sequence[str], bins: int = 10) -> float:
    """Expected calibration error of the top label (0 = scores match how often they are right)."""
    index = {label: i for i, label in enumerate(classes)}
    top = probabilities.argmax(axis=1)
    confidence = probabilities.max(axis=1)
    correct = np.array([index.get(label, -1) == t for label, t in zip(y_true, top, strict=True)], dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            error += inside.mean() * abs(confidence[inside].mean() - correct[inside].mean())
    return float(error)


def match_units(units: Sequence[str], paragraphs: Sequence[str]) -> list[int | None]:
    """For each labelled unit, the parsed paragraph that holds it or that it holds, with the most text in
    common (texts compared after `nlp.normalize.comparable`), None where no paragraph does: how a
    whole report's labels are scored against what the pipeline read of it, whatever the layout made of
    its paragraphs (a glued page merges units, a page broken at its inline elements splits them).

    Among paragraphs sharing as much text, the one closest in length wins (a unit `无` is the paragraph `无`, not a
    sentence holding 无), and of those the first at or after the previous unit's (units come in reading order: the
    second `无。` of a report is the second paragraph `无。`)."""
    from nlp.normalize import comparable
    from nlp.normalize.characters import character_table

    # A unit as its labeller typed it (`１．`, full-width letters) against paragraphs the normaliser has read: the
    # characters' one-to-one repairs made on both sides.
    table = character_table()
    found = [comparable(text.translate(table)) for text in paragraphs]
    matches: list[int | None] = []
    last = 0
    whole: set[int] = set()  # paragraphs an earlier unit was the whole of: a later unit is another paragraph
    for unit in units:
        wanted = comparable(unit.translate(table))
        holding = [i for i, text in enumerate(found) if text and (wanted in text or text in wanted)]
        if not holding:
            matches.append(None)
            continue
        best = max(holding, key=lambda i: (min(len(found[i]), len(wanted)), -abs(len(found[i]) - len(wanted)), i not in whole, i >= last, -i))
        matches.append(best)
        last = best
        if found[best] == wanted:
            whole.add(best)
    return matches
