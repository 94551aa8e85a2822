"""The card written beside a trained paragraph classifier: its data files with their sha256 and weights, how it
was chosen and validated, its parameters and calibration (`nlp.classify.train` fits; this module describes)."""

from __future__ import annotations

import platform
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from nlp.labels import GUIDE_LABELS

if TYPE_CHECKING:
    from nlp.classify.evaluate import Metrics
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.train import CandidateResult, Examples
    from nlp.classify.validation import NestedResult


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
    n_clusters: int | None = None,
    validation: NestedResult | None = None,
    uncut: dict[str, int] | None = None,
    file_weights: Sequence[float] | None = None,
    fixed: bool = False,
) -> dict[str, Any]:
    import sklearn

    from nlp.modelfiles.store import sha256_of

    params = {k: (list(v) if isinstance(v, tuple) else v) for k, v in model.get_params().items() if k != "tokenizer"}
    return {
        "kind": "paragraph-classifier",
        "task": "label narrative paragraphs of 政府信息公开工作年度报告 (ANNOTATION.md)",
        "trained_with": command,
        "data": [
            {"file": str(p), "sha256": sha256_of(p), "bytes": p.stat().st_size, "weight": w}
            for p, w in zip(paths, file_weights or [1.0] * len(paths), strict=True)
        ],
        "label_set": "guide" if labels is not None and tuple(labels) == GUIDE_LABELS else ("custom" if labels else "any"),
        "labels": model.labels,
        "label_counts": dict(sorted(counts.items())),
        "paragraphs": len(examples),
        "reports": len(set(examples.groups)),
        "site_clusters": n_clusters,
        "evaluation": (
            f"grouped {folds}-fold cross-validation (StratifiedGroupKFold, seed {seed}) over validation clusters: "
            "reports of one site (host of `url`), of one place (url-less `<place>_…` doc_id) or near-duplicate "
            "texts stay on one side; a report (doc_id) is never split. "
            + (
                "One configuration fixed by --config (no selection)"
                if fixed
                else "Chosen by the mean macro-F1 with context and alone"
            )
            + "; each row weighted by its file's weight where it trains, each held-out row counted once"
        ),
        "context": {
            "fields": list(model.context),
            "training": "section and topic from the reports' own headings and subheadings (five_halves=False)",
            "prediction": (
                "the same walk over the headings (nlp.classify.context.contexts_for_units), with section 五 "
                "(存在的主要问题及改进情况) left without subheadings split by position into its problems and plans "
                "halves (five_halves=True, section_five_halves; a second list opens the plans), plans written under "
                "六 given the plans' context (five_six_shapes=True): used at prediction only"
            ),
            "alone": "a paragraph without section or topic (a JSONL line of text, lost headings) is labelled from its text",
        },
        "chosen": chosen.name,
        "metrics": chosen.metrics.to_dict(),
        "metrics_alone": None if chosen.metrics_alone is None else chosen.metrics_alone.to_dict(),
        "validation": None if validation is None else validation.summary(),
        "candidates": [
            {
                "name": r.name,
                "params": {k: list(v) if isinstance(v, tuple) else v for k, v in r.params.items()},
                "macro_f1": round(r.metrics.macro_f1, 4),
                "macro_f1_alone": None if r.metrics_alone is None else round(r.metrics_alone.macro_f1, 4),
                "selection_score": round(r.selection_score, 4),
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
            # Glued pieces of flattened reports longer than one paragraph, left unlabelled: no model yet to cut them.
            "uncut_glued": dict(uncut or {"pieces": 0, "reports": 0}),
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
