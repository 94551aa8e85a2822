"""Loading the fitted boilerplate scorer (`models/boilerplate_*.joblib`), after its sha256 checks out.

Kept apart from `nlp.boilerplate.train` (fitting, cross-validation): the commands that only apply the
scorer import this module and what the scorer is made of, nothing of the fitting.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path

from nlp.boilerplate.score import BoilerplateScorer
from nlp.errors import ModelError
from nlp.modelfiles.store import SHIPPED_MODELS, load_verified

CORPUS_MODEL = "boilerplate_corpus.joblib"
GENERIC_MODEL = "boilerplate_generic.joblib"


def tokenizer_resources() -> dict[str, str]:
    """sha256 of the word lists the tokenizer loads at run time: n-grams counted with one dictionary
    do not match text cut with another, so a card records them and loading compares."""
    from nlp.tokenize import DOMAIN_DICTIONARY, RESOURCES, STOPWORDS

    return {
        name: hashlib.sha256((RESOURCES / name).read_bytes()).hexdigest()
        for name in (DOMAIN_DICTIONARY, STOPWORDS)
    }


def load_boilerplate_scorer(
    model_dir: str | os.PathLike[str] | None = None, trust: bool = False, twins: bool = True
) -> BoilerplateScorer:
    """The fitted scorer from `model_dir` (default: the shipped models), hashes checked against the cards.

    twins: its scikit-learn parts as inference twins (`nlp.inference`, no scikit-learn import);
        False: the real scikit-learn objects (to refit or inspect them).
    """
    model_dir = Path(model_dir) if model_dir is not None else SHIPPED_MODELS
    corpus, corpus_card = load_verified(model_dir / CORPUS_MODEL, trust=trust, twins=twins)
    fitted_with = corpus_card.get("tokenizer_resources")
    if fitted_with and fitted_with != tokenizer_resources():
        warnings.warn(
            f"{model_dir / CORPUS_MODEL}: fitted with other tokenizer word lists than nlp/resources has now; "
            "commonness is less reliable until the model is refitted (govreport fit-boilerplate, command in its card)",
            stacklevel=2,
        )
    supervised, _ = load_verified(model_dir / GENERIC_MODEL, trust=trust, twins=twins)
    try:
        scorer = BoilerplateScorer.from_parts(
            corpus["commonness"], corpus["specificity"], supervised["generic"], supervised["stacker"]
        )
        features = tuple(supervised["features"])
    except (KeyError, TypeError) as exc:
        raise ModelError(
            f"{model_dir}: the boilerplate model files do not hold what they should ({exc})"
        ) from exc
    if features != scorer.stack_features:
        raise ModelError(
            f"{model_dir / GENERIC_MODEL}: made for other stacker inputs {features}; refit with govreport fit-boilerplate"
        )
    return scorer


__all__ = ["CORPUS_MODEL", "GENERIC_MODEL", "load_boilerplate_scorer", "tokenizer_resources"]
