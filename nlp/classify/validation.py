"""Honest validation: nested cross-validation over site clusters, with and without context, against the baseline.

Why nested and why clusters: a configuration chosen on the same folds that score it looks better
than it is, and reports of one site repeat each other (nlp.classify.groups). So:
- outer folds: StratifiedGroupKFold over validation clusters (site, place, near-duplicates);
- inside each outer training part, every candidate is scored by an inner grouped CV and the best
  is chosen (the same rule `train_model` applies to all the data);
- the chosen candidate, refitted on the outer training part, labels the outer test part twice: with
  the context of its headings, and as bare text (context blanked: a JSONL paragraph given alone, a
  report whose headings were lost); the plain character 1–3-gram baseline labels it too;
- this is repeated for several seeds (other fold assignments); spread = standard deviation of the
  outer folds' macro-F1 over all folds and seeds.

Selection score: the mean of the macro-F1 with context and without, so that a configuration that
only shines when its headings are right is not preferred to one that holds in both uses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from nlp.classify.evaluate import Metrics, grouped_folds, score_labels
from nlp.classify.features import CONTEXT_FIELDS, UNKNOWN, paragraph_frame


def without_context(frame: pd.DataFrame) -> pd.DataFrame:
    """The same paragraphs with every context field unknown."""
    bare = frame.copy()
    for name in CONTEXT_FIELDS:
        if name in bare.columns:
            bare[name] = UNKNOWN
    return bare


@dataclass
class ConditionScores:
    """Held-out labels of one candidate on given folds, with context and as bare text."""

    with_context: np.ndarray
    alone: np.ndarray

    def metrics(self, y: np.ndarray, labels: Sequence[str]) -> tuple[Metrics, Metrics]:
        return score_labels(y, list(self.with_context), labels), score_labels(y, list(self.alone), labels)


def selection_score(with_context: Metrics, alone: Metrics) -> float:
    return (with_context.macro_f1 + alone.macro_f1) / 2


def fold_predictions(
    make: Callable[[], Any],
    frame: pd.DataFrame,
    y: np.ndarray,
    folds: Sequence[tuple[np.ndarray, np.ndarray]],
    weights: np.ndarray | None = None,
    groups: np.ndarray | None = None,
) -> ConditionScores:
    """Predictions of `make()` on each fold's test part, fitted on its training part.

    groups: validation clusters of the rows, passed to `fit` where the estimator takes them (a model
    that tunes itself on grouped held-out predictions needs them)."""
    bare = without_context(frame)
    with_context = np.empty(len(y), dtype=object)
    alone = np.empty(len(y), dtype=object)
    for train, test in folds:
        seen = np.unique(y[train])
        if len(seen) == 1:
            # A small labelled set can leave one label alone in a training part (inner folds of the
            # nested CV above all): a classifier cannot be fitted there, and it would say that label.
            with_context[test] = alone[test] = seen[0]
            continue
        model = make()
        fit_params: dict[str, Any] = {} if weights is None else {"sample_weight": weights[train]}
        if groups is not None and _accepts_groups(model):
            fit_params["groups"] = groups[train]
        model.fit(frame.iloc[train].reset_index(drop=True), y[train], **fit_params)
        with_context[test] = model.predict(frame.iloc[test])
        alone[test] = model.predict(bare.iloc[test])
    return ConditionScores(with_context, alone)


def _accepts_groups(estimator: Any) -> bool:
    import inspect

    return "groups" in inspect.signature(estimator.fit).parameters


@dataclass
class OuterFold:
    seed: int
    fold: int
    chosen: str
    n: int
    macro_f1: float
    macro_f1_alone: float
    baseline_macro_f1: float
    per_label_f1: dict[str, float]
    per_label_f1_alone: dict[str, float]


@dataclass
class NestedResult:
    scheme: str
    labels: list[str]
    folds: list[OuterFold] = field(default_factory=list)
    #: seed → pooled held-out metrics of the outer folds (with context, alone, baseline)
    pooled: dict[int, dict[str, Metrics]] = field(default_factory=dict)

    def _spread(self, values: Sequence[float]) -> dict[str, float]:
        array = np.asarray(values, dtype=float)
        return {"mean": round(float(array.mean()), 4), "sd": round(float(array.std(ddof=1)) if len(array) > 1 else 0.0, 4)}

    def summary(self) -> dict[str, Any]:
        """Mean and standard deviation over outer folds × seeds, pooled figures per seed."""
        out: dict[str, Any] = {
            "scheme": self.scheme,
            "outer_folds": len(self.folds),
            "macro_f1": self._spread([f.macro_f1 for f in self.folds]),
            "macro_f1_alone": self._spread([f.macro_f1_alone for f in self.folds]),
            "baseline_macro_f1": self._spread([f.baseline_macro_f1 for f in self.folds]),
            "context_gain": self._spread([f.macro_f1 - f.macro_f1_alone for f in self.folds]),
            "folds_where_context_lowers": sum(f.macro_f1 < f.macro_f1_alone for f in self.folds),
            "per_label_f1": {
                label: self._spread([f.per_label_f1[label] for f in self.folds if label in f.per_label_f1]) for label in self.labels
            },
            "per_label_f1_alone": {
                label: self._spread([f.per_label_f1_alone[label] for f in self.folds if label in f.per_label_f1_alone])
                for label in self.labels
            },
            "chosen_in_outer_folds": dict(sorted(_count(f.chosen for f in self.folds).items())),
            "pooled": {
                str(seed): {name: round(m.macro_f1, 4) for name, m in metrics.items()} for seed, metrics in sorted(self.pooled.items())
            },
            "folds": [
                {
                    "seed": f.seed,
                    "fold": f.fold,
                    "n": f.n,
                    "chosen": f.chosen,
                    "macro_f1": round(f.macro_f1, 4),
                    "macro_f1_alone": round(f.macro_f1_alone, 4),
                    "baseline": round(f.baseline_macro_f1, 4),
                }
                for f in self.folds
            ],
        }
        margin = out["macro_f1"]["mean"] - out["baseline_macro_f1"]["mean"]
        spread = max(out["macro_f1"]["sd"], out["baseline_macro_f1"]["sd"])
        out["beats_baseline"] = {"margin": round(margin, 4), "spread": spread, "by_more_than_spread": bool(margin > spread)}
        return out


def _count(values: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def choose(
    candidates: Mapping[str, Callable[[], Any]],
    frame: pd.DataFrame,
    y: np.ndarray,
    groups: np.ndarray,
    folds: int,
    seed: int,
    labels: Sequence[str],
    weights: np.ndarray | None = None,
) -> tuple[str, dict[str, tuple[Metrics, Metrics]]]:
    """The candidate with the best selection score in grouped CV, and every candidate's metrics."""
    splits = grouped_folds(y, groups, folds, seed)
    scored = {
        name: fold_predictions(make, frame, y, splits, weights, groups).metrics(y, labels) for name, make in candidates.items()
    }
    best = max(scored, key=lambda name: selection_score(*scored[name]))
    return best, scored


def nested_cross_validate(
    candidates: Mapping[str, Callable[[], Any]],
    baseline: Callable[[], Any],
    X: Any,
    y: Sequence[str],
    groups: Sequence[str],
    labels: Sequence[str],
    outer_folds: int = 5,
    inner_folds: int = 3,
    seeds: Sequence[int] = (0,),
    progress: Callable[[str], None] | None = None,
    weights: Sequence[float] | None = None,
) -> NestedResult:
    """Nested grouped CV of the selection among `candidates` (name → factory of an unfitted estimator).

    One candidate: nothing to select, so no inner folds are run; its outer folds alone estimate it (against the
    baseline on the same folds, as with several).
    weights: each row's sample weight wherever it trains (inner, outer and baseline fits); every held-out row still
    counts once in the scores."""
    say = progress or (lambda message: None)
    frame = paragraph_frame(X).reset_index(drop=True)
    y_array = np.asarray(y, dtype=object)
    group_array = np.asarray(groups, dtype=object)
    weight_array = None if weights is None else np.asarray(weights, dtype=float)
    selecting = len(candidates) > 1
    result = NestedResult(
        scheme=(
            f"nested grouped CV: {outer_folds} outer × {inner_folds} inner folds (StratifiedGroupKFold) over site/near-duplicate "
            f"clusters, seeds {list(seeds)}; selection by mean macro-F1 with and without context"
            if selecting
            else f"grouped CV of one fixed configuration (no selection, so no inner folds): {outer_folds} folds "
            f"(StratifiedGroupKFold) over site/near-duplicate clusters, seeds {list(seeds)}"
        ),
        labels=list(labels),
    )
    for seed in seeds:
        pooled = {name: np.empty(len(y_array), dtype=object) for name in ("with_context", "alone", "baseline")}
        for number, (train, test) in enumerate(grouped_folds(y_array, group_array, outer_folds, seed)):
            if selecting:
                train_frame = frame.iloc[train].reset_index(drop=True)
                inner_weights = None if weight_array is None else weight_array[train]
                chosen, _ = choose(candidates, train_frame, y_array[train], group_array[train], inner_folds, seed, labels, inner_weights)
            else:
                chosen = next(iter(candidates))
            outer = fold_predictions(candidates[chosen], frame, y_array, [(train, test)], weight_array, group_array)
            reference = fold_predictions(baseline, frame, y_array, [(train, test)], weight_array, group_array)
            y_test = y_array[test]
            context_metrics = score_labels(y_test, list(outer.with_context[test]), labels)
            alone_metrics = score_labels(y_test, list(outer.alone[test]), labels)
            baseline_metrics = score_labels(y_test, list(reference.with_context[test]), labels)
            present = [label for label in labels if context_metrics.per_label[label]["support"] > 0]
            result.folds.append(
                OuterFold(
                    seed,
                    number,
                    chosen,
                    len(test),
                    context_metrics.macro_f1,
                    alone_metrics.macro_f1,
                    baseline_metrics.macro_f1,
                    {label: context_metrics.per_label[label]["f1"] for label in present},
                    {label: alone_metrics.per_label[label]["f1"] for label in present},
                )
            )
            pooled["with_context"][test] = outer.with_context[test]
            pooled["alone"][test] = outer.alone[test]
            pooled["baseline"][test] = reference.with_context[test]
            say(
                f"  seed {seed} fold {number}: {chosen}: macro-F1 {context_metrics.macro_f1:.4f} with context, "
                f"{alone_metrics.macro_f1:.4f} alone; baseline {baseline_metrics.macro_f1:.4f}"
            )
        result.pooled[seed] = {name: score_labels(y_array, list(values), labels) for name, values in pooled.items()}
    return result
