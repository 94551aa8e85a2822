"""Fitting, saving and loading the boilerplate models (`govreport fit-boilerplate`).

Two files ship in `models/`, each with its card:
- `boilerplate_corpus.joblib`: the reference corpus's document frequencies (common names for
  specificity; commonness n-grams only when asked for), fitted on report files or JSON Lines of
  reports or paragraphs;
- `boilerplate_generic.joblib`: the supervised generic model and the stacker that combines the
  signals, fitted on hand-marked paragraphs (`generic` flag), with its grouped cross-validation.

Loading them is `nlp.boilerplate.loading` (re-exported here), which imports nothing of the fitting.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from nlp.boilerplate.commonness import CommonnessModel
from nlp.boilerplate.documents import InputFailure, read_documents
from nlp.boilerplate.evaluate import TrainingOnly, grouped_cross_validation
from nlp.boilerplate.generic import GenericModel
from nlp.boilerplate.loading import CORPUS_MODEL, GENERIC_MODEL, load_boilerplate_scorer, tokenizer_resources
from nlp.boilerplate.score import BoilerplateScorer
from nlp.boilerplate.specificity import WORD_KEY, SpecificityScorer
from nlp.errors import LabelFileError
from nlp.jsonl import JsonlMode
from nlp.modelfiles.store import SHIPPED_MODELS, save_model, sha256_of
from nlp.read import ReadLimits
from nlp.tokenize import Tokenizer


def reference_documents(
    paths: Iterable[str | os.PathLike[str]], limits: ReadLimits | None = None, jsonl: JsonlMode = "auto"
) -> tuple[dict[str, list[str]], list[InputFailure]]:
    """The reference corpus: doc_id → the texts of its units, pooled over every input that has it
    (`limits` and `jsonl` as in `nlp.inputs.read_sources`)."""
    documents: dict[str, list[str]] = {}
    failures: list[InputFailure] = []
    for item in read_documents(paths, limits=limits, jsonl=jsonl):
        if isinstance(item, InputFailure):
            failures.append(item)
            continue
        documents.setdefault(item.doc_id, []).extend(unit.text for unit in item.units if unit.text.strip())
    return documents, failures


def labelled_paragraphs(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
) -> tuple[list[str], np.ndarray, list[str]]:
    """Narrative paragraphs with a `generic` flag from labelled files (ANNOTATION.md format, read by
    `nlp.labels.read_labelled`: .jsonl, .csv or .xlsx): (texts, y, doc_ids)."""
    texts, y, groups, _ = labelled_with_clusters(path)
    return texts, y, groups


def labelled_with_clusters(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
) -> tuple[list[str], np.ndarray, list[str], dict[str, str]]:
    """`labelled_paragraphs` plus each report's validation cluster (nlp.classify.groups: its site,
    its place, its near-duplicates), so that folds never test a report whose siblings they trained on."""
    from nlp.classify.groups import unit_clusters
    from nlp.labels import read_labelled

    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    every = read_labelled(paths, labels=None)
    units = [u for u in every if u.kind == "narrative" and u.generic is not None and u.text]
    texts = [u.text for u in units]
    y = np.asarray([1 if u.generic else 0 for u in units], dtype=int)
    groups = [u.doc_id for u in units]
    named = ", ".join(map(str, paths))
    if len(set(y.tolist())) < 2 or len(set(groups)) < 2:
        raise LabelFileError(
            f"{named}: needs narrative paragraphs marked generic true and false from at least two reports "
            f"(found {int(y.sum())} true, {len(y) - int(y.sum())} false, {len(set(groups))} reports)"
        )
    return texts, y, groups, unit_clusters(every)


def fit_corpus_models(
    documents: dict[str, list[str]],
    n: int = 3,
    min_share: float = 0.3,
    common_name_share: float = 0.05,
    commonness: bool = False,
    rare_word_share: float | None = None,
    zeros_concrete: bool = True,
) -> tuple[CommonnessModel | None, SpecificityScorer]:
    """The reference-corpus models: specificity's common names and words (`rare_word_share`: a word
    fewer reports use is a concrete term; None: words are not counted; `zeros_concrete`: whether a count
    of zero is concrete content), and (`commonness=True`) the commonness n-grams, which the shipped
    scorer leaves out (they rank paragraphs at chance)."""
    # The settings `analyze` cuts paragraphs with (`Paragraph.tokens`), so its words are reused.
    tokenizer = Tokenizer()
    common_model = (
        CommonnessModel(n=n, min_share=min_share, tokenizer=Tokenizer(numbers=False)).fit(documents.values())
        if commonness
        else None
    )
    specificity = SpecificityScorer(
        common_name_share=common_name_share,
        tokenizer=tokenizer,
        rare_word_share=rare_word_share,
        zeros_concrete=zeros_concrete,
    ).fit(documents.values())
    return common_model, specificity


def fit_boilerplate(
    corpus: Sequence[str | os.PathLike[str]],
    labels: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    output_dir: str | os.PathLike[str] = SHIPPED_MODELS,
    folds: int = 5,
    command: str | None = None,
    n: int = 3,
    min_share: float = 0.3,
    common_name_share: float = 0.05,
    commonness: bool = False,
    limits: ReadLimits | None = None,
    jsonl: JsonlMode = "auto",
    rare_word_share: float | None = None,
    extra: TrainingOnly | None = None,
    extra_card: dict[str, Any] | None = None,
    zeros_concrete: bool = True,
) -> dict[str, Any]:
    """Fit the corpus model (and, given `labels`, the generic model and stacker); write them with cards.

    labels: one labelled file or several (their reports are pooled).
    commonness: also fit and stack corpus commonness (n-grams of `n` words used by `min_share` of
        the reports); off by default, as it ranks paragraphs at chance on the labelled data.
    rare_word_share: a word fewer than this share of the reference reports use counts as a concrete
        term in specificity; None (the default, the shipped scorer): words are not counted
        (docs/classifier.md, "Sixth round": +0.0015 on the site-grouped CV, mixed held out).
    zeros_concrete: whether specificity counts a figure of zero (`0件`, `零`) as concrete content;
        True (the default, the shipped scorer): `False` was measured and not kept (docs/classifier.md).
    extra: labelled paragraphs trained on beside `labels` (in every fold of the cross-validation too,
        never scored there, so its figures stay those of `labels`); `extra_card` says in the generic
        model's card what they are (files, how they were chosen).
    limits, jsonl: how the corpus is read (`nlp.inputs.read_sources`): the read limits, and whether its
        JSON Lines files hold reports or paragraphs ("auto" decides per file).
    Returns the cards written, by file name, plus the input failures.
    """
    output_dir = Path(output_dir)
    documents, failures = reference_documents(corpus, limits=limits, jsonl=jsonl)
    if len(documents) < 2:
        raise LabelFileError(
            f"the reference corpus needs at least two reports; found {len(documents)} in {', '.join(map(str, corpus))}"
        )
    common_model, specificity = fit_corpus_models(
        documents, n, min_share, common_name_share, commonness, rare_word_share=rare_word_share,
        zeros_concrete=zeros_concrete,
    )
    created = _dt.date.today().isoformat()
    common_card = {
        "name": "boilerplate_corpus",
        "what": (
            "reference document frequencies: names (specificity)"
            + (" and word n-grams (commonness, Lang & Stice-Lawrence)" if common_model is not None else "")
        ),
        "command": command,
        "corpus": [str(p) for p in corpus],
        "n_documents": specificity.frequencies_.n_documents,
        "n_ngrams_kept": len(common_model.frequencies_) if common_model is not None else 0,
        "n_names_kept": sum(not key.startswith(WORD_KEY) for key in specificity.frequencies_.counts),
        "n_words_kept": sum(key.startswith(WORD_KEY) for key in specificity.frequencies_.counts),
        "params": {
            "commonness": common_model is not None,
            **({"n": n, "min_share": min_share} if common_model is not None else {}),
            "common_name_share": common_name_share,
            "rare_word_share": specificity.rare_word_share,
            "zeros_concrete": specificity.zeros_concrete,
            "national_documents_concrete": specificity.national_documents_concrete,
        },
        "tokenizer_resources": tokenizer_resources(),
        "input_failures": [f.to_dict() for f in failures],
        "created": created,
    }
    cards = {
        CORPUS_MODEL: save_model(
            {"commonness": common_model, "specificity": specificity}, output_dir / CORPUS_MODEL, common_card
        )
    }
    if labels is not None:
        texts, y, groups, clusters = labelled_with_clusters(labels)
        cluster_of = [clusters.get(doc_id, doc_id) for doc_id in groups]
        by_cluster = len(set(cluster_of)) >= max(folds, 2)
        if not by_cluster:
            # A few reports that all copy one another: folds by report are the best there is.
            cluster_of, clusters = list(groups), None
        evaluation = grouped_cross_validation(
            texts, y, cluster_of, documents, folds=folds, clusters=clusters, with_commonness=common_model is not None,
            extra=extra,
        )
        train_texts, train_y, train_groups, weights = texts, y, cluster_of, None
        if extra is not None:
            train_texts, train_y, train_groups, weights = extra.joined(texts, y, cluster_of)
        scorer = BoilerplateScorer(common_model, specificity, GenericModel()).fit(
            train_texts, train_y, train_groups, sample_weight=weights
        )
        generic_card = {
            "name": "boilerplate_generic",
            "what": "char TF-IDF logistic regression of the `generic` flag + stacked combination with specificity"
            + (" and commonness" if common_model is not None else ""),
            "command": command,
            "training_data": [str(p) for p in ([labels] if isinstance(labels, (str, os.PathLike)) else labels)],
            "data": [
                {"file": str(p), "sha256": sha256_of(Path(p))}
                for p in ([labels] if isinstance(labels, (str, os.PathLike)) else labels)
            ],
            "n_paragraphs": len(texts),
            "n_reports": len(set(groups)),
            "n_generic": int(y.sum()),
            **(
                {"extra_training": {**(extra_card or {}), "n_paragraphs": len(extra), "n_generic": int(extra.y.sum())}}
                if extra is not None
                else {}
            ),
            "evaluation": {
                "method": (
                    f"grouped {folds}-fold CV over validation clusters (site of the url, place, near-duplicate reports; "
                    "a report never split), nested stacking; reference-corpus reports of a held-out cluster left out"
                    if by_cluster
                    else f"grouped {folds}-fold CV by doc_id (too few site clusters), nested stacking"
                ),
                "n_clusters": len(set(cluster_of)),
                **evaluation.to_dict(),
            },
            "stack_features": list(scorer.stack_features),
            "stack_weights": scorer.stack_weights,
            "params": {
                "generic": repr(scorer.generic_),
                "stacker_C": scorer.C,
                "inner_folds": scorer.inner_folds,
            },
            "corpus_model": CORPUS_MODEL,
            "created": created,
        }
        cards[GENERIC_MODEL] = save_model(
            {"generic": scorer.generic_, "stacker": scorer.stacker_, "features": scorer.stack_features},
            output_dir / GENERIC_MODEL,
            generic_card,
        )
        cards["evaluation_table"] = evaluation.table()
    cards["failures"] = failures
    return cards


__all__ = [
    "CORPUS_MODEL",
    "GENERIC_MODEL",
    "fit_boilerplate",
    "fit_corpus_models",
    "labelled_paragraphs",
    "labelled_with_clusters",
    "load_boilerplate_scorer",
    "reference_documents",
    "tokenizer_resources",
]
