"""Loading a paragraph model: the shipped default or a user's file, only after its sha256 matches its card."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from nlp.errors import ModelError

#: File name of the default model in `models/` (its card is `paragraphs.json`).
DEFAULT_MODEL_NAME = "paragraphs.joblib"


def default_model_path() -> Path:
    from nlp.modelstore import SHIPPED_MODELS

    return SHIPPED_MODELS / DEFAULT_MODEL_NAME


def load_model(path: str | os.PathLike[str] | None = None, trust: bool = False) -> Any:
    """A trained `ParagraphClassifier` (`.predict`, `.predict_proba`, `.scores`, `.predict_report`).

    path: a `.joblib` model with its `.json` card beside it; None for the shipped default model.
    trust: load even if the file's sha256 does not match its card (only for files you made yourself:
        a joblib file is a pickle and loading one runs code).
    """
    from nlp.classify.model import ParagraphClassifier
    from nlp.modelstore import load_verified

    model_path = Path(path) if path is not None else default_model_path()
    if path is None and not model_path.exists():
        raise ModelError(
            f"{model_path}: the default paragraph model is missing; retrain it with "
            "`govreport train ../shared/labels/dev.jsonl --output models/paragraphs.joblib`"
        )
    model, card = load_verified(model_path, trust=trust)
    if not isinstance(model, ParagraphClassifier):
        raise ModelError(f"{model_path}: not a paragraph classifier (found {type(model).__name__}); train one with `govreport train`")
    model.card = card
    return model
