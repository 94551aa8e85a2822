"""Self-training: a model labels unlabelled paragraphs, and the ones it is sure of join its training set.

Paragraphs nobody labelled (the rest of a crawled page, a whole report of a new site) carry wording
the hand labels lack. A model fitted on the hand labels predicts them; those whose top probability
reaches `threshold` are added with that label at `weight` (less than a hand label), the model is
refitted, and the round repeats on the paragraphs still unlabelled. Whether that helps is for the
site-grouped validation to say (docs/classifier.md): the added labels are the model's own, so they
can only sharpen what it already believes, for better or worse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd


@dataclass
class SelfTraining:
    """The settings of self-training and, after `fit`, what it added in each round."""

    threshold: float = 0.9
    weight: float = 0.5
    rounds: int = 2
    #: labels added per round (label → count), filled by `fit`
    added: list[dict[str, int]] = field(default_factory=list)

    def fit(
        self,
        make: Callable[[], Any],
        frame: pd.DataFrame,
        y: np.ndarray,
        pool: pd.DataFrame,
        sample_weight: np.ndarray | None = None,
    ) -> Any:
        """A model from `make()` fitted on (`frame`, `y`) plus the confident part of `pool`, refitted
        `rounds` times; `pool` is a paragraph frame (nlp.classify.features.paragraph_frame)."""
        base_weights = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        model = make().fit(frame, y, sample_weight=base_weights)
        self.added = []
        taken = np.zeros(len(pool), dtype=bool)
        pseudo = np.empty(len(pool), dtype=object)
        for _ in range(self.rounds):
            rest = np.flatnonzero(~taken)
            if not len(rest):
                break
            probabilities = model.predict_proba(pool.iloc[rest])
            sure = probabilities.max(axis=1) >= self.threshold
            if not sure.any():
                break
            chosen = rest[sure]
            pseudo[chosen] = model.classes_[probabilities[sure].argmax(axis=1)]
            taken[chosen] = True
            labels, counts = np.unique(pseudo[chosen], return_counts=True)
            self.added.append({str(label): int(count) for label, count in zip(labels, counts, strict=True)})
            picked = np.flatnonzero(taken)
            model = make().fit(
                pd.concat([frame, pool.iloc[picked]], ignore_index=True),
                np.concatenate([y, pseudo[picked]]),
                sample_weight=np.concatenate([base_weights, np.full(len(picked), self.weight)]),
            )
        return model
