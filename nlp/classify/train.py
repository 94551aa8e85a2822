"""Training: labelled files → examples with context → model chosen by grouped CV → model + card.

`train_model` is what `govreport train` and the shipped default model use:
1. read the labelled files (nlp.labels), give each narrative unit its context from the headings of
   its report (nlp.classify.context; `section`/`topic` columns of the file win where present);
2. score each candidate configuration by grouped cross-validation (folds by doc_id, fixed seed)
   and keep the best macro-F1;
3. where unlabelled reports are given, measure whether their weak labels (nlp.classify.weak)
   raise the held-out macro-F1 of the chosen configuration, and keep them only if they do;
4. fit the chosen configuration on everything, calibrate it, and write the model and its card.
"""

from __future__ import annotations

import os
import platform
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nlp.classify.context import Context, contexts_for_units
from nlp.classify.evaluate import Metrics, cross_validate, score_labels
from nlp.classify.features import ParagraphInput
from nlp.classify.model import ParagraphClassifier
from nlp.classify.weak import WeakExample
from nlp.labels import GUIDE_LABELS, LabelledUnit, check_trainable, read_labelled

#: Candidate configurations tried by default (parameters of ParagraphClassifier); grouped CV decides.
#: Kept few so that training stays a matter of minutes. Exploratory runs (README) found the `slot`,
#: `lead` and `position` context fields lowered held-out macro-F1, so they are not among them.
DEFAULT_CANDIDATES: dict[str, dict[str, Any]] = {
    "chars1-3+words1-2+context(section,topic)x0.5": {"context": ("section", "topic"), "context_weight": 0.5},
    "chars1-3+words1-2+context(section,topic)x0.3": {"context": ("section", "topic"), "context_weight": 0.3},
    "chars1-3+words1-2 (text only)": {"context": ()},
}
#: Weight of one weak example against one hand-labelled example.
WEAK_WEIGHT = 0.5


@dataclass
class Examples:
    """Training examples: paragraph inputs with labels and the report each comes from."""

    inputs: list[ParagraphInput]
    labels: list[str]
    groups: list[str]

    def __len__(self) -> int:
        return len(self.labels)


def examples_from_units(units: Sequence[LabelledUnit]) -> Examples:
    """Narrative units with a label, each with the context its report's headings give it."""
    by_doc: dict[str, list[LabelledUnit]] = defaultdict(list)
    for unit in units:
        by_doc[unit.doc_id].append(unit)
    inputs: list[ParagraphInput] = []
    labels: list[str] = []
    groups: list[str] = []
    for doc_id, doc_units in by_doc.items():
        doc_units.sort(key=lambda u: u.para_index)
        contexts = contexts_for_units([u.kind for u in doc_units], [u.text for u in doc_units], [u.section for u in doc_units])
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


@dataclass
class TrainingResult:
    model: ParagraphClassifier
    card: dict[str, Any]
    chosen: CandidateResult
    candidates: list[CandidateResult]
    weak_used: bool
    weak_metrics: Metrics | None = None
    label_counts: dict[str, int] = field(default_factory=dict)


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
) -> TrainingResult:
    """Train a paragraph classifier on labelled files; write it with its card if `output` is given.

    labels: the allowed label set (None: any, a user's own set).
    unlabelled_reports: structured reports (`Report`) whose headings give weak labels; used only if
        they raise the grouped-CV macro-F1.
    """
    paths = [Path(p) for p in paths]
    say = progress or (lambda message: None)
    units = read_labelled(paths, labels=labels)
    counts = check_trainable(units)
    examples = examples_from_units(units)
    label_order = [label for label in (labels or sorted(counts)) if label in counts]
    say(f"{len(examples)} labelled paragraphs from {len(set(examples.groups))} reports; labels: {dict(counts)}")

    results: list[CandidateResult] = []
    for name, params in (candidates or DEFAULT_CANDIDATES).items():
        started = time.perf_counter()
        # Calibration does not change which label wins: the folds skip it, which saves three fits each.
        estimator = ParagraphClassifier(random_state=seed, **{**params, "calibrate": False})
        predicted, _ = cross_validate(estimator, examples.inputs, examples.labels, examples.groups, folds, seed)
        metrics = score_labels(examples.labels, list(predicted), label_order)
        results.append(CandidateResult(name, params, metrics, time.perf_counter() - started))
        say(f"  {name}: grouped-CV macro-F1 {metrics.macro_f1:.4f} ({time.perf_counter() - started:.0f} s)")
    chosen = max(results, key=lambda r: r.metrics.macro_f1)

    weak_used = False
    weak_metrics: Metrics | None = None
    weak: list[WeakExample] = []
    if unlabelled_reports:
        from nlp.classify.weak import weak_examples

        hand_texts = frozenset(p.text for p in examples.inputs)
        weak = [w for w in weak_examples(unlabelled_reports, hand_texts) if w.label in counts]
        if weak:
            estimator = ParagraphClassifier(random_state=seed, **{**chosen.params, "calibrate": False})
            predicted, _ = cross_validate(
                estimator, examples.inputs, examples.labels, examples.groups, folds, seed, weak=weak, weak_weight=WEAK_WEIGHT
            )
            weak_metrics = score_labels(examples.labels, list(predicted), label_order)
            weak_used = weak_metrics.macro_f1 > chosen.metrics.macro_f1
            say(
                f"  + {len(weak)} weak labels: macro-F1 {weak_metrics.macro_f1:.4f} vs {chosen.metrics.macro_f1:.4f} without: "
                + ("kept" if weak_used else "not kept")
            )

    model = ParagraphClassifier(random_state=seed, **chosen.params)
    inputs, fit_labels, groups = list(examples.inputs), list(examples.labels), list(examples.groups)
    weights = None
    if weak_used:
        inputs += [w.paragraph for w in weak]
        fit_labels += [w.label for w in weak]
        groups += [w.doc_id for w in weak]
        weights = [1.0] * len(examples) + [WEAK_WEIGHT] * len(weak)
    model.fit(inputs, fit_labels, groups=groups, sample_weight=weights)

    card = build_card(paths, counts, examples, chosen, results, weak_used, weak_metrics, len(weak), model, folds, seed, labels, command)
    if output is not None:
        from nlp.modelstore import save_model

        card = save_model(model, output, card)
    model.card = card
    return TrainingResult(model, card, chosen, results, weak_used, weak_metrics, dict(counts))


def build_card(
    paths: Sequence[Path],
    counts: Counter[str],
    examples: Examples,
    chosen: CandidateResult,
    results: Sequence[CandidateResult],
    weak_used: bool,
    weak_metrics: Metrics | None,
    weak_count: int,
    model: ParagraphClassifier,
    folds: int,
    seed: int,
    labels: Sequence[str] | None,
    command: str | None,
) -> dict[str, Any]:
    import sklearn

    from nlp.modelstore import sha256_of

    params = {k: (list(v) if isinstance(v, tuple) else v) for k, v in model.get_params().items() if k != "tokenizer"}
    return {
        "kind": "paragraph-classifier",
        "task": "label narrative paragraphs of 政府信息公开工作年度报告 (ANNOTATION.md)",
        "trained_with": command,
        "data": [{"file": str(p), "sha256": sha256_of(p), "bytes": p.stat().st_size} for p in paths],
        "label_set": "guide" if labels is not None and tuple(labels) == GUIDE_LABELS else ("custom" if labels else "any"),
        "labels": model.labels,
        "label_counts": dict(sorted(counts.items())),
        "paragraphs": len(examples),
        "reports": len(set(examples.groups)),
        "evaluation": f"grouped {folds}-fold cross-validation by doc_id (StratifiedGroupKFold, seed {seed})",
        "chosen": chosen.name,
        "metrics": chosen.metrics.to_dict(),
        "candidates": [
            {
                "name": r.name,
                "params": {k: list(v) if isinstance(v, tuple) else v for k, v in r.params.items()},
                "macro_f1": round(r.metrics.macro_f1, 4),
                "per_label_f1": {k: round(v["f1"], 4) for k, v in r.metrics.per_label.items()},
                "seconds": round(r.seconds, 1),
            }
            for r in results
        ],
        "weak_labels": {
            "examples": weak_count,
            "macro_f1_with": None if weak_metrics is None else round(weak_metrics.macro_f1, 4),
            "macro_f1_without": round(chosen.metrics.macro_f1, 4),
            "used": weak_used,
        },
        "params": params,
        "calibration": {
            "method": "temperature scaling on grouped held-out logits (GroupKFold by doc_id)",
            "temperature": round(float(model.temperature_), 4),
            "expected_calibration_error_before": model.calibration_.get("ece_before"),
            "expected_calibration_error_after": model.calibration_.get("ece_after"),
        },
        "seed": seed,
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": np.__version__},
    }
