"""Grouped cross-validation of the boilerplate signals on hand-marked `generic` paragraphs.

Reports are held out whole (folds grouped by doc_id). For each outer fold, everything that learns is
fitted without the held-out reports: the reference document frequencies (common names, and
commonness n-grams when evaluated) on the other reports of the corpus, the generic model on the other reports' labels, and the
stacker's weights on out-of-fold probabilities computed inside the training reports (nested).
Paragraphs given as `extra` (`TrainingOnly`: labelled elsewhere, e.g. under a stricter reading of the
guide) join every fold's training and are never scored, so the folds' figures stay those of the
main labelled data.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from nlp.boilerplate.commonness import CommonnessModel
from nlp.boilerplate.generic import GenericModel
from nlp.boilerplate.score import BoilerplateScorer
from nlp.boilerplate.specificity import SpecificityScorer
from nlp.tokenize import Tokenizer

#: The signals the evaluation can report, in table order (commonness only when evaluated).
SIGNALS: tuple[str, ...] = ("commonness", "specificity", "generic", "boilerplate")


@dataclass
class TrainingOnly:
    """Labelled paragraphs that are trained on in every fold and never scored."""

    texts: list[str]
    #: 1 for a generic paragraph.
    y: np.ndarray
    #: Each paragraph's report (or cluster): the stacker's inner folds keep a report together.
    groups: list[str]
    #: The weight of each paragraph in the fits (None: 1 each, as the main labelled data's). A weight
    #: rather than copies, so that a paragraph's n-grams pass the generic model's `min_df` no more
    #: easily for being weighted.
    weights: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.texts)

    def joined(
        self, texts: Sequence[str], y: np.ndarray, groups: Sequence[str]
    ) -> tuple[list[str], np.ndarray, list[str], np.ndarray | None]:
        """The main training rows followed by these: texts, flags, groups and the sample weights
        (None where every weight is 1, so that an unweighted fit stays bit for bit what it was)."""
        weights = None
        if self.weights is not None:
            weights = np.concatenate([np.ones(len(texts)), np.asarray(self.weights, dtype=float)])
        return list(texts) + list(self.texts), np.concatenate([np.asarray(y, dtype=int), self.y]), list(groups) + list(self.groups), weights


@dataclass
class CrossValidation:
    #: ROC AUC of each signal over all held-out paragraphs (specificity counted as 1 − specificity).
    auc: dict[str, float]
    folds: int
    n_paragraphs: int
    n_reports: int
    n_generic: int
    #: AUC of each signal in each fold.
    fold_auc: list[dict[str, float]] = field(default_factory=list)
    seconds: float = 0.0
    #: Seconds spent computing the word-based signals (commonness, specificity) of held-out paragraphs.
    signal_seconds: float = 0.0
    #: Each signal's out-of-fold value for every paragraph, in input order (to read the errors).
    predictions: dict[str, np.ndarray] = field(default_factory=dict)

    def table(self) -> str:
        lines = ["| signal | ROC AUC (grouped CV) | folds: min – max |", "|---|---|---|"]
        for name in [name for name in SIGNALS if name in self.auc]:
            per_fold = [fold[name] for fold in self.fold_auc if name in fold]
            span = f"{min(per_fold):.3f} – {max(per_fold):.3f}" if per_fold else ""
            lines.append(f"| {name} | {self.auc[name]:.3f} | {span} |")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "auc": {k: round(v, 4) for k, v in self.auc.items()},
            "folds": self.folds,
            "n_paragraphs": self.n_paragraphs,
            "n_reports": self.n_reports,
            "n_generic": self.n_generic,
            "fold_auc": [{k: round(v, 4) for k, v in fold.items()} for fold in self.fold_auc],
            "spread": {
                name: round(float(np.std([fold[name] for fold in self.fold_auc])), 4)
                for name in self.auc
                if self.fold_auc
            },
        }


def _auc(y: np.ndarray, scores: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, scores)) if len(set(y.tolist())) == 2 else float("nan")


def grouped_cross_validation(
    texts: Sequence[str],
    y: Sequence[int],
    groups: Sequence[str],
    reference: Mapping[str, Sequence[str]],
    folds: int = 5,
    inner_folds: int = 5,
    commonness: CommonnessModel | None = None,
    specificity: SpecificityScorer | None = None,
    generic: GenericModel | None = None,
    clusters: Mapping[str, str] | None = None,
    with_commonness: bool = False,
    seed: int | None = None,
    extra: TrainingOnly | None = None,
) -> CrossValidation:
    """Held-out ROC AUC of each signal and of the combination.

    `reference`: the reference corpus, doc_id → its texts; documents whose doc_id is held out in a
    fold are left out of that fold's document frequencies. The unfitted `commonness`,
    `specificity` and `generic` give the parameters (defaults where None); commonness is fitted,
    stacked and reported only with `with_commonness` (or a `commonness` given). `seed`: the groups
    are shuffled with it before they are dealt into folds (None: scikit-learn's deterministic
    balancing), so that two settings can be compared on the same folds under several seeds.
    `extra`: paragraphs added to every fold's training, never scored.
    """
    from sklearn.model_selection import GroupKFold

    started = time.perf_counter()
    texts = list(texts)
    y = np.asarray(y, dtype=int)
    groups = np.asarray(list(groups))
    with_commonness = with_commonness or commonness is not None
    signals = SIGNALS if with_commonness else SIGNALS[1:]
    # One tokenizer for every fold's models, so that jieba loads once and its cache is shared.
    tokenizer = (specificity and specificity.tokenizer) or Tokenizer()
    if with_commonness:
        commonness = commonness or CommonnessModel(tokenizer=Tokenizer(numbers=False))
    specificity = specificity or SpecificityScorer(tokenizer=tokenizer)
    # Tokenise the reference corpus once; each fold counts document frequencies over its own part.
    common_keys = (
        {doc_id: commonness.document_keys(doc_texts) for doc_id, doc_texts in reference.items()}
        if commonness is not None
        else {}
    )
    name_keys = {doc_id: specificity.document_keys(doc_texts) for doc_id, doc_texts in reference.items()}

    predictions = {name: np.zeros(len(texts)) for name in signals}
    fold_auc = []
    signal_seconds = 0.0
    splitter = GroupKFold(folds) if seed is None else GroupKFold(folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(texts, y, groups):
        held_out = set(groups[test].tolist())
        if clusters is not None:
            held_out = {doc_id for doc_id in reference if clusters.get(doc_id, doc_id) in held_out} | held_out
        fold_commonness = (
            CommonnessModel(commonness.n, commonness.min_share, commonness.tokenizer).fit_keys(
                keys for doc_id, keys in common_keys.items() if doc_id not in held_out
            )
            if commonness is not None
            else None
        )
        fold_specificity = specificity.unfitted(tokenizer=specificity.tokenizer or tokenizer).fit_keys(
            keys for doc_id, keys in name_keys.items() if doc_id not in held_out
        )
        scorer = BoilerplateScorer(fold_commonness, fold_specificity, generic, inner_folds=inner_folds)
        train_texts, train_y, train_groups = [texts[i] for i in train], y[train], groups[train].tolist()
        weights = None
        if extra is not None:
            train_texts, train_y, train_groups, weights = extra.joined(train_texts, train_y, train_groups)
        scorer.fit(train_texts, train_y, train_groups, sample_weight=weights)
        held_out_texts = [texts[i] for i in test]
        # Pass-1 cost of the word-based signals on unseen paragraphs (words cut once, as in `analyze`).
        for text in held_out_texts:
            tokenizer(text)
        timer = time.perf_counter()
        scorer.unsupervised_signals(held_out_texts)
        signal_seconds += time.perf_counter() - timer
        scores = scorer.score(held_out_texts, explain=False)
        if with_commonness:
            predictions["commonness"][test] = [s.commonness for s in scores]
        predictions["specificity"][test] = [1.0 - s.specificity for s in scores]
        predictions["generic"][test] = [s.generic for s in scores]
        predictions["boilerplate"][test] = [s.boilerplate for s in scores]
        fold_auc.append({name: _auc(y[test], predictions[name][test]) for name in signals})
    return CrossValidation(
        auc={name: _auc(y, predictions[name]) for name in signals},
        folds=folds,
        n_paragraphs=len(texts),
        n_reports=len(set(groups.tolist())),
        n_generic=int(y.sum()),
        fold_auc=fold_auc,
        seconds=time.perf_counter() - started,
        signal_seconds=signal_seconds,
        predictions=predictions,
    )
