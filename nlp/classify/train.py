"""Training: labelled files → examples with context → model chosen by grouped CV → model + card.

`train_model` is what `govreport train` and the shipped default model use:
1. read the labelled files (nlp.labels), give each narrative unit its context from the headings of
   its report (nlp.classify.context; `section`/`topic` columns of the file win where present), and
   each its file's weight (`weights`: it multiplies the sample weight of the file's rows in every fit
   below, the cross-validation's included; a file at 0 is left out as if not given);
2. put every report in a validation cluster (its site, its place, its near-duplicates:
   nlp.classify.groups) so that no fold tests a report whose siblings it trained on;
3. score each candidate configuration by grouped cross-validation over those clusters, each
   held-out paragraph labelled twice (with its headings' context and as bare text), and keep the
   best mean of the two macro-F1 (nlp.classify.validation); with `config`, one configuration is
   fixed and nothing is selected;
4. unless `nested=False`, estimate what that choice is worth on unseen sites by nested CV, with the
   spread over folds and seeds and the plain character baseline on the same folds (the card's
   `validation`; for a fixed configuration its outer folds alone, whose first seed's are also the
   grouped CV of step 3);
5. where unlabelled reports are given, measure whether their weak labels (nlp.classify.weak)
   raise the held-out macro-F1 of the chosen configuration, and keep them only if they do;
6. fit the chosen configuration on everything, calibrate it, and write the model and its card.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nlp.classify.card import build_card
from nlp.classify.context import Context, contexts_for_units
from nlp.classify.evaluate import Metrics, cross_validate, grouped_folds, score_labels
from nlp.classify.features import ParagraphInput, paragraph_frame
from nlp.classify.groups import groups_for, unit_clusters
from nlp.classify.model import ParagraphClassifier
from nlp.classify.validation import NestedResult, fold_predictions, nested_cross_validate, selection_score
from nlp.classify.weak import WeakExample
from nlp.labels import GUIDE_LABELS, LabelledUnit, check_trainable, read_labelled

#: Candidate configurations tried by default (parameters of ParagraphClassifier); grouped CV decides.
#: Kept few so that training (nested CV included) stays a matter of minutes. Exploratory runs
#: (docs/classifier.md) found the `slot`, `lead` and `position` context fields lowered held-out
#: macro-F1, and jieba word n-grams added nothing measurable over character n-grams on site-grouped
#: folds (0.926 vs 0.929 with context, 0.867 vs 0.861 alone) while costing most of the prediction
#: time, so the candidates are character-only; pass `candidates` to try others. The configurations
#: without the opening block (plain, and C=3) were chosen in none of the 10 outer folds of the last
#: nested CV and gave way to the stance sub-model heard alone (sixth round, docs/classifier.md); its answer
#: as log-odds is the third (tenth round: chosen in 7 of 10 outer folds, and by the grouped CV). The
#: eleventh round's stance cues in the sub-model lost to it on the grouped CV; they were dropped from the
#: candidates, then from the code (docs/classifier.md).
DEFAULT_CANDIDATES: dict[str, dict[str, Any]] = {
    "chars1-3+opening x0.5+context(section,topic)x0.5": {
        "word_ngrams": None, "context": ("section", "topic"), "context_weight": 0.5, "opening_weight": 0.5,
    },
    "chars1-3+opening x0.5+context(section,topic)x0.5+stance x1 alone": {
        "word_ngrams": None, "context": ("section", "topic"), "context_weight": 0.5, "opening_weight": 0.5,
        "stance_weight": 1.0, "stance_alone": True,
    },
    "chars1-3+opening x0.5+context(section,topic)x0.5+stance log-odds x0.25 alone": {
        "word_ngrams": None, "context": ("section", "topic"), "context_weight": 0.5, "opening_weight": 0.5,
        "stance_weight": 0.25, "stance_alone": True, "stance_form": "log-odds",
    },
}
#: Weight of one weak example against one hand-labelled example.
WEAK_WEIGHT = 0.5
#: `config` name of the configuration the shipped model's card chose.
SHIPPED = "shipped"


def fixed_configuration(name: str) -> tuple[str, dict[str, Any]]:
    """The configuration `train_model(config=name)` fits: a key of DEFAULT_CANDIDATES, or SHIPPED for the one the
    shipped model's card chose. A `TrainingSettingError` names the known keys otherwise."""
    from nlp.errors import TrainingSettingError

    if name == SHIPPED:
        from nlp.classify.loading import default_model_path
        from nlp.modelfiles.store import card_path, read_card

        name = read_card(card_path(default_model_path()))["chosen"]
        if name not in DEFAULT_CANDIDATES:
            raise TrainingSettingError(f"the shipped card chose {name!r}, which is no longer among the default candidates; name one of them")
    if name not in DEFAULT_CANDIDATES:
        known = ", ".join(repr(key) for key in [SHIPPED, *DEFAULT_CANDIDATES])
        raise TrainingSettingError(f"unknown configuration {name!r}; --config takes one of {known}")
    return name, DEFAULT_CANDIDATES[name]


def check_weights(paths: Sequence[Path], weights: Sequence[float] | None) -> list[float]:
    """One weight per labelled file (default 1), each a finite number ≥ 0, and some file above 0."""
    import math

    from nlp.errors import TrainingSettingError

    if weights is None:
        return [1.0] * len(paths)
    if len(weights) != len(paths):
        raise TrainingSettingError(f"{len(weights)} weight(s) for {len(paths)} labelled file(s): give one per file")
    checked = []
    for path, weight in zip(paths, weights, strict=True):
        try:
            value = float(weight)
        except (TypeError, ValueError):
            raise TrainingSettingError(f"{path}: weight {weight!r} is not a number") from None
        if not math.isfinite(value) or value < 0:
            raise TrainingSettingError(f"{path}: weight {weight!r} must be a finite number ≥ 0 (0 leaves the file out)")
        checked.append(value)
    if not any(checked):
        raise TrainingSettingError("every labelled file has weight 0: nothing to train on")
    return checked


def row_weights(units_by_file: Sequence[Sequence[LabelledUnit]], weights: Sequence[float], examples: Examples) -> np.ndarray:
    """Each example's weight: that of the file its report comes from (a report split over files of different
    weights has none, and is refused)."""
    from nlp.errors import LabelFileError

    by_doc: dict[str, float] = {}
    for units, weight in zip(units_by_file, weights, strict=True):
        for unit in units:
            if by_doc.setdefault(unit.doc_id, weight) != weight:
                raise LabelFileError(
                    f"report {unit.doc_id!r} is in two labelled files of different weights; give its rows one file or one weight"
                )
    return np.asarray([by_doc[doc_id] for doc_id in examples.groups], dtype=float)


@dataclass
class Examples:
    """Training examples: paragraph inputs with labels and the report each comes from."""

    inputs: list[ParagraphInput]
    labels: list[str]
    groups: list[str]

    def __len__(self) -> int:
        return len(self.labels)


def examples_from_units(units: Sequence[LabelledUnit], five_halves: bool = True) -> Examples:
    """Narrative units with a label, each with the context its report's headings give it
    (`five_halves`: as in `nlp.classify.context.contexts_for_units`)."""
    by_doc: dict[str, list[LabelledUnit]] = defaultdict(list)
    for unit in units:
        by_doc[unit.doc_id].append(unit)
    inputs: list[ParagraphInput] = []
    labels: list[str] = []
    groups: list[str] = []
    for doc_id, doc_units in by_doc.items():
        doc_units.sort(key=lambda u: u.para_index)
        contexts = contexts_for_units(
            [u.kind for u in doc_units], [u.text for u in doc_units], [u.section for u in doc_units], five_halves=five_halves
        )
        for unit, context in zip(doc_units, contexts, strict=True):
            if unit.kind != "narrative" or not unit.label or not unit.text:
                continue
            if unit.topic:
                context = Context(**{**context.as_dict(), "topic": unit.topic})
            inputs.append(ParagraphInput(unit.text, context))
            labels.append(unit.label)
            groups.append(doc_id)
    return Examples(inputs, labels, groups)


@dataclass
class CandidateResult:
    name: str
    params: dict[str, Any]
    metrics: Metrics
    seconds: float
    #: held-out metrics of the same folds with the context blanked (paragraphs given alone)
    metrics_alone: Metrics | None = None

    @property
    def selection_score(self) -> float:
        return self.metrics.macro_f1 if self.metrics_alone is None else selection_score(self.metrics, self.metrics_alone)


@dataclass
class TrainingResult:
    model: ParagraphClassifier
    card: dict[str, Any]
    chosen: CandidateResult
    candidates: list[CandidateResult]
    weak_used: bool
    weak_metrics: Metrics | None = None
    label_counts: dict[str, int] = field(default_factory=dict)
    validation: NestedResult | None = None


def _factory(params: dict[str, Any], seed: int) -> Callable[[], ParagraphClassifier]:
    # Calibration does not change which label wins: the folds skip it, which saves three fits each.
    return lambda: ParagraphClassifier(random_state=seed, **{**params, "calibrate": False})


def train_model(
    paths: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    labels: Sequence[str] | None = GUIDE_LABELS,
    candidates: dict[str, dict[str, Any]] | None = None,
    unlabelled_reports: Iterable[Any] = (),
    folds: int = 5,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
    command: str | None = None,
    nested: bool = True,
    seeds: Sequence[int] | None = None,
    inner_folds: int = 3,
    weights: Sequence[float] | None = None,
    config: str | None = None,
) -> TrainingResult:
    """Train a paragraph classifier on labelled files; write it with its card if `output` is given.

    labels: the allowed label set (None: any, a user's own set).
    unlabelled_reports: structured reports (`Report`) whose headings give weak labels; used only if
        they raise the grouped-CV macro-F1.
    nested: estimate the chosen configuration's held-out score by nested CV (slower: about
        `folds × inner_folds` fits per candidate and seed); the card's `validation`.
    seeds: seeds of the nested CV's fold assignments (None: `seed` alone).
    weights: one per file of `paths` (None: all 1): multiplies the sample weight of the file's rows wherever they
        train (the model, its stance sub-model and calibration; every CV fit); scores still count each held-out
        paragraph once. A file at 0 is left out (read and checked, recorded in the card, not trained on).
    config: fit this one configuration (`fixed_configuration`: a key of DEFAULT_CANDIDATES or SHIPPED) instead of
        selecting among `candidates`; the nested CV then runs its outer folds only.
    """
    paths = [Path(p) for p in paths]
    say = progress or (lambda message: None)
    file_weights = check_weights(paths, weights)
    units_by_file = [read_labelled([path], labels=labels) for path in paths]
    kept_files = [(units, weight) for units, weight in zip(units_by_file, file_weights, strict=True) if weight > 0]
    units = [unit for file_units, _ in kept_files for unit in file_units]
    counts = check_trainable(units)
    # Trained on the topics the reports' own subheadings give; section 五's halves are inferred at
    # prediction only. Retrained on inferred halves, models lean on them and lose where they cannot be
    # inferred (glued pages: −0.013 end to end on the page openings; docs/classifier.md, fifth round).
    examples = examples_from_units(units, five_halves=False)
    sample_weights = row_weights([u for u, _ in kept_files], [w for _, w in kept_files], examples)
    # All at 1: the unweighted fits, as before weights existed (the same models, bit for bit).
    fit_weights = None if np.all(sample_weights == 1.0) else sample_weights
    label_order = [label for label in (labels or sorted(counts)) if label in counts]
    clusters = unit_clusters(units)
    cv_groups = np.asarray(groups_for(examples.groups, clusters), dtype=object)
    n_clusters = len(set(cv_groups))
    if n_clusters < max(folds, 2):
        # A few reports that all copy one another (a user's small set): folds by report are the best there is.
        clusters = {doc_id: doc_id for doc_id in examples.groups}
        cv_groups = np.asarray(examples.groups, dtype=object)
        n_clusters = len(set(cv_groups))
    say(
        f"{len(examples)} labelled paragraphs from {len(set(examples.groups))} reports in {n_clusters} site clusters; "
        f"labels: {dict(counts)}"
    )

    frame = paragraph_frame(examples.inputs)
    y = np.asarray(examples.labels, dtype=object)
    if config is not None:
        name, params = fixed_configuration(config)
        configurations = {name: params}
    else:
        configurations = candidates or DEFAULT_CANDIDATES
    factories = {name: _factory(params, seed) for name, params in configurations.items()}
    nested_seeds = list(seeds or [seed])
    run_nested = nested and n_clusters >= 2 * folds
    validation: NestedResult | None = None
    if run_nested and len(configurations) == 1 and seed in nested_seeds:
        # One configuration: the nested CV's outer folds of `seed` are the grouped CV's folds, so it is run once.
        started = time.perf_counter()
        validation = _nested(factories, frame, y, cv_groups, label_order, folds, inner_folds, nested_seeds, seed, fit_weights, say)
        name = next(iter(configurations))
        pooled = validation.pooled[seed]
        results = [CandidateResult(name, configurations[name], pooled["with_context"], time.perf_counter() - started, pooled["alone"])]
        say(f"  {name}: site-grouped CV macro-F1 {pooled['with_context'].macro_f1:.4f} with context, {pooled['alone'].macro_f1:.4f} alone")
    else:
        results = []
        splits = grouped_folds(y, cv_groups, folds, seed)
        for name, params in configurations.items():
            started = time.perf_counter()
            with_context, alone = fold_predictions(factories[name], frame, y, splits, fit_weights, cv_groups).metrics(y, label_order)
            results.append(CandidateResult(name, params, with_context, time.perf_counter() - started, alone))
            say(
                f"  {name}: site-grouped CV macro-F1 {with_context.macro_f1:.4f} with context, {alone.macro_f1:.4f} alone "
                f"({time.perf_counter() - started:.0f} s)"
            )
        if run_nested:
            validation = _nested(factories, frame, y, cv_groups, label_order, folds, inner_folds, nested_seeds, seed, fit_weights, say)
    chosen = max(results, key=lambda r: r.selection_score)

    weak_used = False
    weak_metrics: Metrics | None = None
    weak: list[WeakExample] = []
    uncut = {"pieces": 0, "reports": 0}
    if unlabelled_reports:
        from nlp.classify.weak import weak_labels

        hand_texts = frozenset(p.text for p in examples.inputs)
        found = weak_labels(unlabelled_reports, hand_texts)
        uncut = {"pieces": found.uncut_pieces, "reports": found.uncut_reports}
        if found.uncut_pieces:
            say(
                f"  {found.uncut_pieces} glued piece(s) of {found.uncut_reports} flattened report(s) too long for one paragraph: "
                "not weakly labelled (no model to cut them by their labels yet)"
            )
        weak = [w for w in found.examples if w.label in counts]
        if weak:
            # Weak examples are grouped as their reports are, so a fold never trains on a weak copy
            # of a report (or of a sibling) it tests.
            weak_in_clusters = [WeakExample(clusters.get(w.doc_id, f"doc:{w.doc_id}"), w.paragraph, w.label) for w in weak]
            predicted, _ = cross_validate(
                factories[chosen.name](), examples.inputs, examples.labels, list(cv_groups), folds, seed,
                weak=weak_in_clusters, weak_weight=WEAK_WEIGHT, sample_weight=fit_weights,
            )
            weak_metrics = score_labels(examples.labels, list(predicted), label_order)
            weak_used = weak_metrics.macro_f1 > chosen.metrics.macro_f1
            say(
                f"  + {len(weak)} weak labels: macro-F1 {weak_metrics.macro_f1:.4f} vs {chosen.metrics.macro_f1:.4f} without: "
                + ("kept" if weak_used else "not kept")
            )

    model = ParagraphClassifier(random_state=seed, **chosen.params)
    inputs, fit_labels, groups = list(examples.inputs), list(examples.labels), list(cv_groups)
    weights_used = None if fit_weights is None else list(fit_weights)
    if weak_used:
        inputs += [w.paragraph for w in weak]
        fit_labels += [w.label for w in weak]
        groups += [clusters.get(w.doc_id, f"doc:{w.doc_id}") for w in weak]
        weights_used = list(sample_weights) + [WEAK_WEIGHT] * len(weak)
    model.fit(inputs, fit_labels, groups=groups, sample_weight=weights_used)

    card = build_card(
        paths, counts, examples, chosen, results, weak_used, weak_metrics, len(weak), model, folds, seed, labels, command,
        n_clusters=n_clusters, validation=validation, uncut=uncut, file_weights=file_weights, fixed=config is not None,
    )
    if output is not None:
        from nlp.modelfiles.store import save_model

        card = save_model(model, output, card)
    model.card = card
    return TrainingResult(model, card, chosen, results, weak_used, weak_metrics, dict(counts), validation)


def _nested(
    factories: dict[str, Callable[[], ParagraphClassifier]],
    frame: Any,
    y: np.ndarray,
    cv_groups: np.ndarray,
    label_order: list[str],
    folds: int,
    inner_folds: int,
    seeds: list[int],
    seed: int,
    weights: np.ndarray | None,
    say: Callable[[str], None],
) -> NestedResult:
    from nlp.classify.baselines import char_baseline

    shape = f"{folds} outer × {inner_folds} inner folds" if len(factories) > 1 else f"{folds} outer folds, one configuration"
    say(f"nested CV ({shape}, seeds {seeds}):")
    return nested_cross_validate(
        factories, lambda: char_baseline(random_state=seed), frame, y, cv_groups, label_order,
        outer_folds=folds, inner_folds=inner_folds, seeds=seeds, progress=say, weights=weights,
    )
