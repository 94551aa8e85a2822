"""The paragraph classifier: label narrative paragraphs of a report (ANNOTATION.md's eight labels).

Modules, one concern each: `context` (where a paragraph stands: section, heading topic), `features`
(inputs → table → TF-IDF and one-hot features), `reportinputs` (a structured report's narrative
paragraphs with their context), `model` (the estimator), `calibration` (its logits' offsets and
temperature), `alone`
(the stance sub-model), `nbweight` (NB-weighted and complement-NB learners folded into one linear model),
`baselines` (keyword rules, character TF-IDF), `weak` (labels from headings), `selftrain` (labels
from the model's own confident predictions on unlabelled text), `groups` and `validation` (site
clusters, nested cross-validation), `evaluate` (grouped
cross-validation, metrics), `train` (per-file weights, choice or fixing of the configuration), `card` (the
model card), `loading` (hash-checked
loading of the shipped or a user's model), `suggest` (paragraphs worth labelling next).

`load_model` and `train_model` are imported lazily, so `import nlp.classify` costs nothing.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "load_model": "nlp.classify.loading",
    "default_model_path": "nlp.classify.loading",
    "train_model": "nlp.classify.train",
    "ParagraphClassifier": "nlp.classify.model",
    "ParagraphInput": "nlp.classify.features",
    "least_confident": "nlp.classify.suggest",
    "SelfTraining": "nlp.classify.selftrain",
    "weak_examples": "nlp.classify.weak",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nlp.classify' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
