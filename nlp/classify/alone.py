"""What serves a paragraph given alone (no section, no heading): the stance sub-model, and the
sentence pieces of training paragraphs.

Given alone, a plan (`2022年，我局将着重做好以下工作：…依申请公开…`) or a shortcoming
(`三是招生政策咨询高峰期热线接通率偏低。`) is taken by its topic words: the headings that said
`改进措施` or `存在的主要问题` are gone, and in training those headings explained the label so well
that the wording of a stance learned little. The stance sub-model reads the text only and tells the
stance labels (problem, improvement) from everything else at once, so it learns what a plan or a
shortcoming sounds like whatever it is about; its probabilities, stacked out of fold, are features
of the main model (`ParagraphClassifier(stance_weight=…, stance_alone=…)`). Sentence pieces
(`piece_weight`) were measured and not kept (docs/classifier.md, sixth round).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nlp.classify.context import UNKNOWN
from nlp.classify.features import build_features, paragraph_columns, paragraph_frame, sentence_pieces

#: The class of every row that is none of the stance labels.
REST = "rest"
#: How the sub-model's answer enters the main model (`stance_columns`): its probabilities, or their
#: log-odds clipped to ±`ODDS_LIMIT`, both as columns of the main model.
STANCE_FORMS = ("probability", "log-odds")
#: Where the log-odds are clipped: beyond e^±6 (p below 0.0025 or above 0.9975) a sub-model trained on
#: a hundred plans says nothing more that holds on another site.
ODDS_LIMIT = 6.0


def stance_pipeline(
    char_ngrams: tuple[int, int] | None, text_form: str, clause_weight: float, C: float, random_state: int
) -> Any:
    """The unfitted sub-model: character n-grams of the text, its opening and its clauses' edges (no
    context: it is the part of the decision that holds when the context is lost), and a balanced logistic
    regression."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    features = build_features(char_ngrams or (1, 3), None, (), 0.0, None, 0.5, 0.0, 1.0, text_form, clause_weight or 0.5)
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=random_state)
    return Pipeline([("features", features), ("classifier", classifier)])


def stance_targets(labels: np.ndarray, stance_labels: Sequence[str], weight: float) -> np.ndarray | None:
    """Each row's stance class (its label where one of `stance_labels`, else REST); None where no
    sub-model is wanted (`weight` 0, or no stance label among `labels`)."""
    present = set(labels)
    wanted = [label for label in stance_labels if label in present]
    if weight <= 0 or not wanted:
        return None
    return np.where(np.isin(labels, wanted), labels, REST).astype(object)


def copy_weights(labels: np.ndarray, stance_labels: Sequence[str], stance_copy_weight: float | None, context_dropout: float) -> np.ndarray | float:
    """The weight of each training paragraph's context-free copy: `context_dropout`, and `stance_copy_weight`
    (where not None) for those labelled with one of `stance_labels`."""
    if stance_copy_weight is None:
        return context_dropout
    return np.where(np.isin(labels, list(stance_labels)), stance_copy_weight, context_dropout)


def piece_rows(frame: Any, labels: np.ndarray, weights: np.ndarray, piece_weight: float) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray] | None:
    """Extra training rows: the sentences of each paragraph of several (`features.sentence_pieces`),
    with its label and its weight × `piece_weight`, context unknown; and the row each comes from."""
    if piece_weight <= 0:
        return None
    texts, parents = [], []
    for row, text in enumerate(frame["text"]):
        for piece in sentence_pieces(text):
            texts.append(piece)
            parents.append(row)
    if not texts:
        return None
    parent = np.asarray(parents)
    return paragraph_frame(texts), labels[parent], weights[parent] * piece_weight, parent


def stance_splits(stance: np.ndarray, groups: np.ndarray | None, random_state: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The folds of the out-of-fold stance columns: three
    grouped folds where `groups` has three groups or more, else folds stratified by stance class."""
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    rows = np.zeros(len(stance))
    if groups is not None and len(set(groups)) >= 3:
        return list(GroupKFold(n_splits=3, shuffle=True, random_state=random_state).split(rows, stance, groups))
    fewest = int(np.unique(stance, return_counts=True)[1].min())
    return list(StratifiedKFold(n_splits=max(2, min(3, fewest)), shuffle=True, random_state=random_state).split(rows, stance))


def fit_stance(
    make: Callable[[], Any],
    frame: Any,
    stance: np.ndarray,
    weights: np.ndarray | None,
    groups: np.ndarray | None,
    random_state: int,
    pieces: tuple | None = None,
) -> tuple[Any, np.ndarray, np.ndarray | None]:
    """The sub-model (`make()`) fitted on all rows; each row's probabilities from a sub-model that did
    not see its report (nor its site, with `groups`: three grouped folds), which is how the main model
    must learn to weigh them; and those of the `pieces` (`piece_rows`), each from the fold that did not
    see its paragraph."""
    from threadpoolctl import threadpool_limits

    classes = np.unique(stance)
    held_out = np.zeros((len(stance), len(classes)))
    piece_frame, piece_parent = (None, None) if pieces is None else (pieces[0], pieces[3])
    pieces_held_out = None if pieces is None else np.zeros((len(piece_parent), len(classes)))
    with threadpool_limits(limits=1, user_api="blas"):
        for train, test in stance_splits(stance, groups, random_state):
            mine = None if pieces is None else np.flatnonzero(np.isin(piece_parent, test))
            if len(np.unique(stance[train])) < 2:
                # A fold that knows one class only: its rows keep their own (a sure, uninformative guess).
                held_out[test] = (stance[test, None] == classes).astype(float)
                if mine is not None:
                    pieces_held_out[mine] = (stance[piece_parent[mine], None] == classes).astype(float)
                continue
            fold = make().fit(frame.iloc[train], stance[train], classifier__sample_weight=None if weights is None else weights[train])
            columns = np.searchsorted(classes, fold.classes_)
            held_out[np.ix_(test, columns)] = fold.predict_proba(frame.iloc[test])
            if mine is not None and len(mine):
                pieces_held_out[np.ix_(mine, columns)] = fold.predict_proba(piece_frame.iloc[mine])
        model = make().fit(frame, stance, classifier__sample_weight=weights)
    return model, held_out, pieces_held_out


def stance_columns(probabilities: np.ndarray, form: str, weight: float) -> np.ndarray:
    """The sub-model's probabilities as the main model's columns, times `weight`.

    `probability`: as they are. `log-odds`: log(p / (1 − p)), clipped. Why the odds: the sub-model
    ranks the plans of an unseen writer far above the rest (improvement 0.13–0.27 at the median against
    0.01, on wording `../shared` barely shows) but rarely above one half; as a probability that is a step
    of 0.1–0.25, which a linear model weighs like noise; as log-odds it is a step of 2.5–3.5, the factor
    by which the plan is likelier, which is what a linear model adds up."""
    if form == "probability":
        return probabilities * weight
    if form != "log-odds":
        raise ValueError(f"unknown stance form {form!r}; known: {', '.join(STANCE_FORMS)}")
    clipped = np.clip(probabilities, 1e-12, 1 - 1e-12)
    return np.clip(np.log(clipped) - np.log1p(-clipped), -ODDS_LIMIT, ODDS_LIMIT) * weight


def beside(matrix: Any, stacked: Any) -> Any:
    """`matrix` with the stance columns `stacked` after its own (unchanged where None)."""
    import scipy.sparse as sp

    return matrix if stacked is None else sp.hstack([sp.csr_matrix(matrix), stacked]).tocsr()


def pipeline_logits(
    pipeline: Any,
    stance: Any,
    X: Any,
    stance_weight: float = 0.0,
    alone_fields: Sequence[str] | None = None,
    twins: bool = True,
    stance_form: str = "probability",
) -> np.ndarray:
    """Logits (rows × classes) of a fitted main pipeline, fed the stance sub-model's probabilities
    (as `stance_columns` makes them in `stance_form`, times `stance_weight`) after its own features where
    `stance` is given; with `alone_fields`, only in the rows where all those context fields are unknown
    (zeros elsewhere).

    Each fitted pipeline's inference twin (as loaded, or made once for a model fitted here) reads the
    paragraphs as plain columns and computes what scikit-learn would, without its per-call checks or
    pandas; a pipeline outside what the twins reproduce runs as itself. `twins=False`: the objects as
    they are (scikit-learn's own, for a model loaded with `twins=False`), on a DataFrame."""
    from nlp.inference import twin_of

    twin = twin_of(pipeline) if twins else None
    if stance is None:
        logits = twin.decision_function(paragraph_columns(X)) if twin is not None else pipeline.decision_function(paragraph_frame(X))
    else:
        import scipy.sparse as sp

        stance_twin = twin_of(stance) if twins else None
        if twin is not None and stance_twin is not None:
            table, main, side = paragraph_columns(X), twin, stance_twin
        else:
            table, main, side = paragraph_frame(X), pipeline, stance
        features = main.named_steps["features"].transform(table)
        rows = features.shape[0]
        alone = np.ones(rows, dtype=bool)
        for name in alone_fields or ():
            alone &= np.asarray([value == UNKNOWN for value in table[name]], dtype=bool)
        columns = np.zeros((rows, len(side.classes_)))
        if alone.all():
            columns[:] = stance_columns(side.predict_proba(table), stance_form, stance_weight)
        elif alone.any():
            # Only the paragraphs it speaks for are read by the sub-model (in a report, few or none).
            picked = np.flatnonzero(alone)
            part = table.iloc[picked] if hasattr(table, "iloc") else {name: [values[i] for i in picked] for name, values in table.items()}
            columns[picked] = stance_columns(side.predict_proba(part), stance_form, stance_weight)
        matrix = beside(features, sp.csr_matrix(columns))
        logits = main.named_steps["classifier"].decision_function(matrix)
    return logits if logits.ndim == 2 else np.c_[-logits, logits]
