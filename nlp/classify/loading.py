"""Loading a paragraph model: the shipped default or a user's file, only after its sha256 checks out.

The shipped model is checked against the sha256 pinned in the package, a user's against its card;
either is rebuilt by `nlp.modelfiles.store` from a format whose loading runs no code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from nlp.errors import ModelError

#: File name of the default model in `models/` (its card is `paragraphs.json`).
DEFAULT_MODEL_NAME = "paragraphs.joblib"


def default_model_path() -> Path:
    from nlp.modelfiles.store import SHIPPED_MODELS

    return SHIPPED_MODELS / DEFAULT_MODEL_NAME


def load_model(path: str | os.PathLike[str] | None = None, trust: bool = False, allow_pickle: bool = False, twins: bool = True) -> Any:
    """A trained `ParagraphClassifier` (`.predict`, `.predict_proba`, `.scores`, `.predict_report`).

    path: a model file (as `govreport train` writes) with its `.json` card beside it; None for the
        shipped default model.
    trust: load even if the file's sha256 does not match its card. Safe for any file in the skops
        format `govreport train` writes: rebuilding one runs no code and accepts only known types.
    allow_pickle: also load a pickle/joblib model (from govreport before 0.2). Unpickling runs any code
        the file carries: only for a file you made yourself; convert it with scripts/export_models.py.
    twins: its scikit-learn parts as inference twins (`nlp.inference`: predicting imports no
        scikit-learn); False: the real scikit-learn objects (to refit or inspect them).
    """
    from nlp.classify.model import ParagraphClassifier
    from nlp.modelfiles.store import load_verified

    model_path = Path(path) if path is not None else default_model_path()
    if path is None and not model_path.exists():
        raise ModelError(
            f"{model_path}: the default paragraph model is missing from the installation; reinstall govreport "
            "(in a clone of the repository: check out models/ again)"
        )
    model, card = load_verified(model_path, trust=trust, allow_pickle=allow_pickle, twins=twins)
    if not isinstance(model, ParagraphClassifier):
        raise ModelError(f"{model_path}: not a paragraph classifier (found {type(model).__name__}); train one with `govreport train`")
    model.card = card
    return model


def card_params(model: Any) -> dict[str, Any]:
    """The `ParagraphClassifier` parameters a loaded model was trained with, from its card (the card's
    JSON lists back to tuples): to fit the same configuration on other data."""
    return {name: tuple(value) if isinstance(value, list) else value for name, value in model.card["params"].items()}
