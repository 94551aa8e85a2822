"""The paragraph classifier: a scikit-learn estimator over text and context, with calibrated scores.

It follows scikit-learn's estimator protocol through `nlp.estimator`, so applying a fitted model
(`decision_function`, `predict_proba`, `scores`) imports nothing of scikit-learn: `fit` does.

`ParagraphClassifier` is configured in `__init__` and learns in `fit`. Probabilities are calibrated
by temperature scaling: `fit`, given the paragraphs' `groups` (doc_id), predicts each report from a
model that never saw it (grouped folds) and picks the one temperature that makes those held-out
probabilities most likely. A label's score is then close to how often such a label is right.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from nlp.classify.alone import (
    beside,
    copy_weights,
    fit_stance,
    piece_rows,
    pipeline_logits,
    stance_columns,
    stance_pipeline,
    stance_targets,
)
from nlp.classify.calibration import fit_biases, fit_calibration, held_out_logits, softmax
from nlp.classify.context import UNKNOWN
from nlp.classify.conventions import apply_conventions
from nlp.classify.features import as_input, build_features, keep_site_terms, paragraph_frame
from nlp.classify.nbweight import add_complement_nb, fit_nb_linear, scaled_columns
from nlp.classify.reportinputs import report_inputs
from nlp.estimator import Classifier


class ParagraphClassifier(Classifier):
    """Label narrative paragraphs (ANNOTATION.md) from their text and where they stand.

    Parameters
    ----------
    char_ngrams: character n-gram range of the TF-IDF over the text (None: no character features).
    word_ngrams: jieba word n-gram range (None: no word features).
    context: context fields used as one-hot features (see nlp.classify.context).
    context_weight: weight of the context block against the TF-IDF blocks.
    C: inverse regularisation of the logistic regression.
    class_weight: passed to LogisticRegression ("balanced": rare labels count as much as common ones).
    context_dropout: weight of a context-free copy of every training paragraph (0: no copies). Without
        it the model leans on the section so much that a paragraph given alone (JSONL without
        `section`, a report whose headings were lost) loses the cues of its wording.
    field_dropout: weight of one more copy in which each paragraph loses one context field chosen at
        random (0: no such copy; needs context_dropout > 0 and two fields or more).
    opening_weight: weight of a block of character 1–3-grams of the paragraph's first characters
        (`features.OPENING_CHARS`) against the other TF-IDF blocks (0: no such block); how a
        paragraph opens tells an improvement from the topic it improves.
    closing_weight: the same block over the paragraph's last characters (`features.CLOSING_CHARS`).
    clause_weight: the same block over every clause's first and last characters (`features.clause_edges`):
        a plan (`…我局将…`) or a shortcoming (`…接通率偏低`) is said at a clause's edge wherever the
        clause stands, which the paragraph's opening alone misses.
    shape_weight: weight of a block of the marks of how the paragraph is built (`nlp.classify.shape`: figures and
        finished work, or a point opening with a verb of intent; a channel as the first clause's subject; 0: none).
    stance_weight: weight of a stance sub-model's probabilities among the main model's features (0: no
        sub-model). The sub-model reads the text alone and tells `stance_labels` apart from everything
        else: trained against all topics at once, it learns what a plan or a shortcoming sounds like
        whatever it is about, which the main model, where each topic's words pull to their own label,
        learns from too few rows. Its probabilities are stacked out of fold (grouped by `groups` where
        given), so the main model weighs them as they hold on unseen reports.
    piece_weight: weight of extra training rows cut from the training paragraphs: each sentence of a
        paragraph of several (`features.sentence_pieces`), with its paragraph's label and no context
        (0: none). A point given alone is often one sentence of what another report writes as one
        paragraph (`三是…热线接通率偏低。` against `主要问题：一是…；二是…；三是…`); with only the
        whole paragraphs to learn from, the model has seen a plan or a shortcoming only among others.
    stance_alone: the stance sub-model speaks only for paragraphs given alone (every `context` field
        unknown); with context the main model decides as without a sub-model. The headings already say
        where the plans and problems stand; a sub-model heard everywhere blurs what they say.
    stance_labels: the labels the stance sub-model tells apart (absent ones are left out; none: no sub-model).
    stance_copy_weight: weight of the context-free copy of a paragraph labelled with one of `stance_labels`
        (None: `context_dropout`, as every other paragraph's). In training nearly every plan and
        shortcoming stands under section 五's headings, which explain its label; its context-free copy is
        where the wording alone is learned, and at 0.3 a plan worded like its topic loses to the topic.
    stance_form: how its probabilities enter (`alone.stance_columns`): `probability`, or `log-odds`
        (clipped), in which a plan the sub-model finds ten times likelier than the rest stands out as
        much as the sub-model means it to, where as a probability it is a step of 0.1.
    char_max_df: terms in a larger share of the paragraphs are left out of the character block.
    text_form: how the character blocks read the text (`features.text_form`): `plain` (punctuation
        widths folded), `figures` (every figure one mark), `places` (place names masked), `figures+places`.
    min_groups: character n-grams found in the paragraphs of fewer `groups` (validation clusters:
        sites) than this are left out (1: no such rule; needs `groups` in fit): an n-gram only one
        site writes is that site's, not a label's.
    nb_weighting: fit NB-LR (`nlp.classify.nbweight`): each label against the rest on the features
        scaled by their naive Bayes log-count ratios, folded back into one plain linear model.
    nb_alpha: the ratios' smoothing (added to every feature's count of rows).
    nb_beta: Wang & Manning's interpolation towards the ratios' own weights (1: NB-LR as fitted).
    cnb_weight: weight of a complement naive Bayes model's scores added to the linear model's (0: none;
        `nbweight.add_complement_nb`: the sum is still one linear model).
    nb_scope: the columns the ratios scale (`nbweight.SCOPES`): `all`, `text` (not the context), `none`.
    tune_biases: add to each label's logit the offset that maximises macro-F1 on grouped held-out
        predictions (with context and alone; needs `groups` in fit): a label the balanced weights
        still under- or over-predict moves its threshold.
    calibrate: fit a temperature on grouped held-out predictions (needs `groups` in fit).
    calibration_folds: grouped folds used for the temperature.
    random_state: seed of everything random (the folds).
    tokenizer: a callable text → words (None: `nlp.tokenize.Tokenizer()` with the shipped dictionary).
    """

    def __init__(
        self,
        char_ngrams: tuple[int, int] | None = (1, 3),
        word_ngrams: tuple[int, int] | None = (1, 2),
        context: Sequence[str] = ("section", "topic"),
        context_weight: float = 0.5,
        C: float = 10.0,
        class_weight: str | None = "balanced",
        context_dropout: float = 0.3,
        field_dropout: float = 0.0,
        opening_weight: float = 0.0,
        closing_weight: float = 0.0,
        clause_weight: float = 0.0,
        shape_weight: float = 0.0,
        stance_weight: float = 0.0,
        piece_weight: float = 0.0,
        stance_alone: bool = False,
        stance_labels: Sequence[str] = ("problem", "improvement"),
        stance_form: str = "probability",
        stance_copy_weight: float | None = None,
        char_max_df: float = 1.0,
        text_form: str = "plain",
        min_groups: int = 1,
        nb_weighting: bool = False,
        nb_alpha: float = 1.0,
        nb_beta: float = 1.0,
        nb_scope: str = "all",
        cnb_weight: float = 0.0,
        tune_biases: bool = False,
        calibrate: bool = True,
        calibration_folds: int = 3,
        random_state: int = 0,
        tokenizer: Any = None,
    ) -> None:
        self.char_ngrams = char_ngrams
        self.word_ngrams = word_ngrams
        self.context = context
        self.context_weight = context_weight
        self.C = C
        self.class_weight = class_weight
        self.context_dropout = context_dropout
        self.field_dropout = field_dropout
        self.opening_weight = opening_weight
        self.closing_weight = closing_weight
        self.clause_weight = clause_weight
        self.shape_weight = shape_weight
        self.stance_weight = stance_weight
        self.piece_weight = piece_weight
        self.stance_alone = stance_alone
        self.stance_labels = stance_labels
        self.stance_form = stance_form
        self.stance_copy_weight = stance_copy_weight
        self.char_max_df = char_max_df
        self.text_form = text_form
        self.min_groups = min_groups
        self.nb_weighting = nb_weighting
        self.nb_alpha = nb_alpha
        self.nb_beta = nb_beta
        self.nb_scope = nb_scope
        self.cnb_weight = cnb_weight
        self.tune_biases = tune_biases
        self.calibrate = calibrate
        self.calibration_folds = calibration_folds
        self.random_state = random_state
        self.tokenizer = tokenizer

    # -- learning ------------------------------------------------------------------------------

    def _pipeline(self) -> Any:
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        features = build_features(
            self.char_ngrams,
            self.word_ngrams,
            tuple(self.context),
            self.context_weight,
            self.tokenizer,
            # models saved before these parameters existed
            getattr(self, "opening_weight", 0.0),
            getattr(self, "closing_weight", 0.0),
            getattr(self, "char_max_df", 1.0),
            getattr(self, "text_form", "plain"),
            getattr(self, "clause_weight", 0.0),
            getattr(self, "shape_weight", 0.0),
        )
        classifier = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000, random_state=self.random_state)
        return Pipeline([("features", features), ("classifier", classifier)])

    def _stance_pipeline(self) -> Any:
        return stance_pipeline(self.char_ngrams, getattr(self, "text_form", "plain"), getattr(self, "clause_weight", 0.0), self.C, self.random_state)

    def _stance_targets(self, labels: np.ndarray) -> np.ndarray | None:
        return stance_targets(labels, getattr(self, "stance_labels", ()), getattr(self, "stance_weight", 0.0))

    def _fit_stance(
        self, frame: Any, stance: np.ndarray, weights: np.ndarray | None, groups: np.ndarray | None, pieces: tuple | None = None
    ) -> tuple[Any, np.ndarray, np.ndarray | None]:
        return fit_stance(self._stance_pipeline, frame, stance, weights, groups, self.random_state, pieces)

    def _fit_pipeline(
        self, frame: Any, labels: np.ndarray, weights: np.ndarray | None, groups: np.ndarray | None = None
    ) -> tuple[Any, Any]:
        """The main pipeline fitted on `frame`, and the stance sub-model whose probabilities it reads (None: none)."""
        import scipy.sparse as sp

        pipeline = self._pipeline()
        features, classifier = pipeline.named_steps["features"], pipeline.named_steps["classifier"]
        # The vocabulary and document frequencies come from the paragraphs as given; the
        # context-free copies only add rows to learn from.
        matrix = features.fit_transform(frame)
        if getattr(self, "min_groups", 1) > 1 and groups is not None:
            keep_site_terms(features, frame, groups, self.min_groups)
            matrix = features.transform(frame)
        base = np.ones(len(labels)) if weights is None else weights
        pieces = piece_rows(frame, labels, base, getattr(self, "piece_weight", 0.0))
        stance_targets = self._stance_targets(labels)
        stance_model, stacked, pieces_stacked = None, None, None
        if stance_targets is not None:
            stance_model, held_out, pieces_held_out = self._fit_stance(
                frame, stance_targets, weights, groups, None if pieces is None else pieces
            )
            stacked = sp.csr_matrix(stance_columns(held_out, self._stance_form(), self.stance_weight))
            matrix = beside(matrix, self._where_known(stacked))
            if pieces_held_out is not None:
                pieces_stacked = sp.csr_matrix(stance_columns(pieces_held_out, self._stance_form(), self.stance_weight))
        blocks, label_blocks, weight_blocks = [matrix], [labels], [base]
        if self.context and self.context_dropout > 0:
            blank = frame.copy()
            blank[list(self.context)] = UNKNOWN
            blocks.append(beside(features.transform(blank), stacked))
            label_blocks.append(labels)
            weight_blocks.append(base * self._copy_weights(labels))
            if self.field_dropout > 0 and len(self.context) > 1:
                # One field lost, the others kept: a heading worded unlike the known ones gives a
                # topic but no section, or the reverse; without such rows the model only knows
                # the two fields together and trusts a lone one as if it were both.
                partial = frame.copy()
                lost = np.random.default_rng(self.random_state).integers(len(self.context), size=len(frame))
                for i, name in enumerate(self.context):
                    partial.loc[lost == i, name] = UNKNOWN
                blocks.append(beside(features.transform(partial), self._where_known(stacked)))
                label_blocks.append(labels)
                weight_blocks.append(base * self.field_dropout)
        if pieces is not None:
            piece_frame, piece_labels, piece_weights, _ = pieces
            blocks.append(beside(features.transform(piece_frame), pieces_stacked))
            label_blocks.append(piece_labels)
            weight_blocks.append(piece_weights)
        if len(blocks) > 1:
            # A tiny training set can come out of the ColumnTransformer dense (its sparse_threshold).
            matrix = sp.vstack([sp.csr_matrix(block) for block in blocks]).tocsr()
            weights = np.concatenate(weight_blocks)
            labels = np.concatenate(label_blocks)
        from threadpoolctl import threadpool_limits

        # The problem is small: BLAS threads cost more in coordination than they save (2.5x slower
        # on a busy two-core machine), so the solver runs on one.
        with threadpool_limits(limits=1, user_api="blas"):
            if getattr(self, "nb_weighting", False):
                scaled = scaled_columns(features, matrix.shape[1], self.nb_scope)
                fit_nb_linear(classifier, matrix, labels, weights, self.nb_alpha, self.nb_beta, scaled)
            else:
                classifier.fit(matrix, labels, sample_weight=weights)
            if getattr(self, "cnb_weight", 0.0) > 0:
                add_complement_nb(classifier, matrix, labels, weights, self.cnb_weight, self.nb_alpha)
        for _, vectorizer, _ in features.transformers_:
            # Terms cut by min_df, kept by scikit-learn only for introspection: most of the file size;
            # and a cache keyed by id() that would make two identical trainings pickle differently.
            for cache in ("stop_words_", "_stop_words_id"):
                if hasattr(vectorizer, cache):
                    delattr(vectorizer, cache)
        return pipeline, stance_model

    def _copy_weights(self, labels: np.ndarray) -> np.ndarray | float:
        # models saved before stance_copy_weight existed
        return copy_weights(labels, self.stance_labels, getattr(self, "stance_copy_weight", None), self.context_dropout)

    def _where_known(self, stacked: Any) -> Any:
        """The stance columns of rows with (some) context: none where the sub-model speaks only alone."""
        if stacked is None or not (getattr(self, "stance_alone", False) and self.context):
            return stacked
        import scipy.sparse as sp

        return sp.csr_matrix(stacked.shape)

    def _stance_form(self) -> str:
        return getattr(self, "stance_form", "probability")  # models saved before the odds existed

    def _stance_settings(self, stance: Any) -> dict[str, Any]:
        """`pipeline_logits`'s stance arguments: the columns' weight and form, and the context fields whose
        all being unknown lets them speak (None: always)."""
        if stance is None:
            return {"stance_weight": 0.0, "alone_fields": None}
        alone = getattr(self, "stance_alone", False) and self.context
        return {"stance_weight": self.stance_weight, "alone_fields": tuple(self.context) if alone else None, "stance_form": self._stance_form()}

    def fit(self, X: Any, y: Sequence[str], groups: Sequence[str] | None = None, sample_weight: Sequence[float] | None = None) -> ParagraphClassifier:
        frame = paragraph_frame(X)
        labels = np.asarray(y, dtype=object)
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        self.pipeline_, self.stance_ = self._fit_pipeline(frame, labels, weights, None if groups is None else np.asarray(groups))
        self.classes_ = self.pipeline_.classes_
        self.temperature_ = 1.0
        self.biases_ = np.zeros(len(self.classes_))
        self.calibration_: dict[str, float] = {}
        wanted = self.calibrate or getattr(self, "tune_biases", False)
        if wanted and groups is not None and len(set(groups)) >= self.calibration_folds:
            logits, logits_alone = held_out_logits(
                self._fit_fold, frame, labels, np.asarray(groups), weights, self.classes_, tuple(self.context), self.calibration_folds, self.random_state
            )
            y_index = np.searchsorted(self.classes_, labels)
            if getattr(self, "tune_biases", False):
                sets = [logits] if logits_alone is None else [logits, logits_alone]
                self.biases_ = fit_biases(sets, y_index)
                logits = logits + self.biases_
            if self.calibrate:
                self.temperature_, self.calibration_ = fit_calibration(logits, labels, y_index, self.classes_)
        return self

    def _fit_fold(
        self, frame: Any, labels: np.ndarray, weights: np.ndarray | None, groups: np.ndarray
    ) -> tuple[np.ndarray, Callable[[Any], np.ndarray]]:
        """`calibration.held_out_logits`' fold: this configuration fitted on one fold's rows, its classes and logits."""
        model, stance = self._fit_pipeline(frame, labels, weights, groups)
        return model.classes_, lambda part: pipeline_logits(model, stance, part, **self._stance_settings(stance))

    # -- predicting ----------------------------------------------------------------------------

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.classes_]

    def decision_function(self, X: Any) -> np.ndarray:
        stance = getattr(self, "stance_", None)  # models saved before the stance sub-model existed
        logits = pipeline_logits(self.pipeline_, stance, X, **self._stance_settings(stance))
        biases = getattr(self, "biases_", None)  # models saved before bias tuning existed
        return logits if biases is None else logits + biases

    def predict_proba(self, X: Any) -> np.ndarray:
        """Calibrated probabilities, one column per label of `classes_`; a line that only points to the
        tables is put on `other` (`nlp.classify.conventions`)."""
        if not hasattr(X, "columns"):
            X = list(X)
        probabilities = softmax(self.decision_function(X), self.temperature_)
        texts = list(X["text"]) if hasattr(X, "columns") else [as_input(item).text for item in X]
        return apply_conventions(probabilities, texts, self.labels)

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def scores(self, paragraphs: Iterable[Any]) -> list[dict[str, Any]]:
        """{"label": best label, "scores": {label: probability}} for each paragraph."""
        items = list(paragraphs)
        if not items:
            return []
        probabilities = self.predict_proba(items)
        labels = self.labels
        return [
            {"label": labels[int(row.argmax())], "scores": {label: round(float(p), 4) for label, p in zip(labels, row, strict=True)}}
            for row in probabilities
        ]

    def predict_report(self, report: Any) -> list[dict[str, Any]]:
        """Scores of the report's narrative paragraphs, in order, with the context of its headings; a
        flattened page's glued paragraphs are cut first, as `analyze` cuts them (`nlp.pipeline.segment`)."""
        return self.predict_reports([report])[0]

    def predict_reports(self, reports: Sequence[Any]) -> list[list[dict[str, Any]]]:
        """`predict_report` for several reports, in one pass of the model (its per-call overhead is
        larger than one report's paragraphs)."""
        from nlp.pipeline import segment

        segment(reports, self)  # once per report: a report already cut is left as it is
        inputs = [report_inputs(report) for report in reports]
        flat = self.scores([item for items in inputs for item in items])
        out, start = [], 0
        for items in inputs:
            out.append(flat[start : start + len(items)])
            start += len(items)
        return out
