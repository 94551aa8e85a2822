"""The boilerplate score: the signals combined by a stacked logistic regression.

Signals per paragraph: specificity (share of concrete content, and the count of each kind of
concrete item), the supervised generic model's probability, and optionally corpus commonness (share
in common n-gram sentences). Commonness is off in the shipped scorer: held out it ranks template
paragraphs at chance (ROC AUC 0.52 over 625 reference reports; lower with figures folded) and it
was the costliest signal to compute; a scorer built with a `CommonnessModel` still uses it. The stacker learns their weights from out-of-fold probabilities of the generic model
(never from probabilities a model produced for texts it was trained on), so the weights hold for
unseen reports.

`BoilerplateScorer` is a scikit-learn estimator (`nlp.estimator`: no scikit-learn import to apply it): `fit(X, y, groups=None)`, `transform(X)` (one
`ParagraphScore` per paragraph), `predict_proba(X)` / `predict(X)` (the boilerplate probability, the
flag at 0.5), and `score(X, y)` the ROC AUC of the boilerplate probability against `y`. `X` is a
list of paragraph texts. A fitted scorer is rebuilt from its saved parts by one constructor,
`BoilerplateScorer.from_parts`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from nlp.boilerplate.commonness import CommonnessModel, CommonnessResult
from nlp.boilerplate.generic import GenericModel, positive_proba
from nlp.boilerplate.spans import Span
from nlp.boilerplate.specificity import CATEGORIES, SpecificityResult, SpecificityScorer
from nlp.estimator import Estimator

#: Names of the stacker's inputs, in column order (the shipped scorer: no commonness).
STACK_FEATURES: tuple[str, ...] = ("generic_logit", "specificity", "log_length") + tuple(
    f"n_{category}" for category in CATEGORIES
)
#: The stacker's inputs of a scorer that uses corpus commonness.
STACK_FEATURES_WITH_COMMONNESS: tuple[str, ...] = STACK_FEATURES[:2] + ("commonness",) + STACK_FEATURES[2:]


@dataclass
class ParagraphScore:
    #: 0–1, higher is more template.
    boilerplate: float
    #: 0–1 share of concrete content (Hope, Hu & Lu).
    specificity: float
    #: 0–1 share in sentences with corpus-common n-grams (Lang & Stice-Lawrence); None where the
    #: scorer does not compute it (the shipped one).
    commonness: float | None
    #: 0–1 probability of the supervised generic model.
    generic: float
    #: Counts of concrete items by kind.
    concrete: dict[str, int] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)

    def to_dict(self, spans: bool = True) -> dict:
        out = {
            "boilerplate": round(self.boilerplate, 4),
            "specificity": round(self.specificity, 4),
            "commonness": None if self.commonness is None else round(self.commonness, 4),
            "generic": round(self.generic, 4),
            "concrete": {k: v for k, v in self.concrete.items() if v},
        }
        if spans:
            out["spans"] = [span.to_dict() for span in self.spans]
        return out


@dataclass
class ReportScore:
    """A report's scores: paragraph scores averaged with each paragraph's length as its weight."""

    boilerplate: float
    specificity: float
    #: None where the scorer does not compute commonness.
    commonness: float | None
    generic: float
    n_paragraphs: int
    characters: int

    def to_dict(self) -> dict:
        out = {k: round(v, 4) if isinstance(v, float) else v for k, v in self.__dict__.items()}
        return out


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def stack_features(
    generic_proba: np.ndarray,
    unsupervised: Sequence[tuple[CommonnessResult | None, SpecificityResult]],
    texts: Sequence[str],
    categories: Sequence[str] = CATEGORIES,
) -> np.ndarray:
    """The stacker's input matrix: columns as STACK_FEATURES, or STACK_FEATURES_WITH_COMMONNESS
    where the signals include commonness (`categories`: the counts of concrete items, as the
    specificity scorer counts them)."""
    with_commonness = any(common is not None for common, _ in unsupervised)
    width = len(STACK_FEATURES_WITH_COMMONNESS if with_commonness else STACK_FEATURES) + len(categories) - len(CATEGORIES)
    rows = []
    for proba_logit, (common, specific), text in zip(
        _logit(np.asarray(generic_proba)), unsupervised, texts, strict=True
    ):
        row = [proba_logit, specific.score]
        if with_commonness:
            row.append(common.share if common is not None else 0.0)
        rows.append(
            row + [math.log1p(len(text))] + [math.log1p(specific.counts.get(category, 0)) for category in categories]
        )
    return np.asarray(rows, dtype=float).reshape(len(rows), width)


class BoilerplateScorer(Estimator):
    """Scores paragraphs 0–1 (higher is more template) from specificity, a generic model and,
    optionally, corpus commonness.

    Parameters
    ----------
    commonness: a fitted CommonnessModel (reference corpus), or None to leave commonness out.
    specificity: a SpecificityScorer, fitted on the reference corpus (its common names).
    generic: an unfitted GenericModel giving the supervised model's parameters.
    inner_folds: grouped folds for the out-of-fold probabilities the stacker learns from.
    C: inverse regularisation of the stacker.
    """

    def __init__(
        self,
        commonness: CommonnessModel | None,
        specificity: SpecificityScorer,
        generic: GenericModel | None = None,
        inner_folds: int = 5,
        C: float = 1.0,
    ) -> None:
        self.commonness = commonness
        self.specificity = specificity
        self.generic = generic
        self.inner_folds = inner_folds
        self.C = C

    def _generic_params(self) -> GenericModel:
        template = self.generic or GenericModel()
        return GenericModel(
            ngram_range=template.ngram_range, C=template.C, min_df=template.min_df, fold_numbers=template.fold_numbers
        )

    @property
    def stack_features(self) -> tuple[str, ...]:
        """The stacker's input names, in column order."""
        names = STACK_FEATURES if self.commonness is None else STACK_FEATURES_WITH_COMMONNESS
        return names + tuple(f"n_{category}" for category in self.specificity.categories[len(CATEGORIES) :])

    def unsupervised_signals(
        self, texts: Sequence[str], own_names: Sequence[str] = ()
    ) -> list[tuple[CommonnessResult | None, SpecificityResult]]:
        return [self._signals(text, own_names) for text in texts]

    def _signals(self, text: str, own_names: Sequence[str]) -> tuple[CommonnessResult | None, SpecificityResult]:
        common = self.commonness.score(text) if self.commonness is not None else None
        return common, self.specificity.score(text, own_names)

    def out_of_fold_generic(
        self, texts: Sequence[str], y: np.ndarray, groups: Sequence[str], sample_weight: np.ndarray | None = None
    ) -> np.ndarray:
        """P(generic) for each text from a model that did not see its report."""
        from sklearn.model_selection import GroupKFold

        n_groups = len(set(groups))
        folds = min(self.inner_folds, n_groups)
        if folds < 2:
            raise ValueError("fitting the boilerplate stacker needs paragraphs from at least two reports")
        proba = np.zeros(len(texts))
        for train, test in GroupKFold(folds).split(texts, y, groups):
            model = self._generic_params().fit(
                [texts[i] for i in train], y[train], None if sample_weight is None else sample_weight[train]
            )
            proba[test] = model.predict_proba([texts[i] for i in test])
        return proba

    @classmethod
    def from_parts(
        cls,
        commonness: CommonnessModel | None,
        specificity: SpecificityScorer,
        generic_: GenericModel,
        stacker_: object,
        inner_folds: int = 5,
        C: float = 1.0,
    ) -> BoilerplateScorer:
        """A fitted scorer from its saved parts (the corpus models, the fitted generic model, the stacker)."""
        scorer = cls(commonness, specificity, generic_, inner_folds=inner_folds, C=C)
        scorer.generic_ = generic_
        scorer.stacker_ = stacker_
        return scorer

    def fit(
        self,
        texts: Sequence[str],
        y: Sequence[int] | np.ndarray,
        groups: Sequence[str] | None = None,
        sample_weight: Sequence[float] | np.ndarray | None = None,
    ) -> BoilerplateScorer:
        """Fit the generic model and the stacker on labelled paragraphs (`groups`: their reports or
        validation clusters; None: each paragraph its own, which flatters the stacker's inputs;
        `sample_weight`: each paragraph's weight in the generic model and the stacker, None for 1 each)."""
        if groups is None:
            groups = [str(i) for i in range(len(texts))]
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import StandardScaler

        texts = list(texts)
        y = np.asarray(y, dtype=int)
        if len(set(y.tolist())) < 2:
            raise ValueError("fitting the boilerplate scorer needs both generic and specific paragraphs")
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        oof = self.out_of_fold_generic(texts, y, list(groups), weights)
        features = stack_features(oof, self.unsupervised_signals(texts), texts, self.specificity.categories)
        stacker_weights = {} if weights is None else {"model__sample_weight": weights}
        self.stacker_ = Pipeline(
            [("scale", StandardScaler()), ("model", LogisticRegression(C=self.C, max_iter=1000))]
        ).fit(features, y, **stacker_weights)
        self.generic_ = self._generic_params().fit(texts, y, weights)
        return self

    @property
    def stack_weights(self) -> dict[str, float]:
        """The stacker's coefficient for each (standardised) input: the weight each signal carries."""
        coefficients = self.stacker_.named_steps["model"].coef_[0]
        return {name: round(float(c), 4) for name, c in zip(self.stack_features, coefficients, strict=True)}

    def transform(
        self, texts: Sequence[str], own_names: Sequence[str] = (), explain: bool = True
    ) -> list[ParagraphScore]:
        """Score paragraphs; `own_names`: the agency's own name(s), not counted as concrete places."""
        return self.score_groups([(texts, own_names)], explain=explain)[0]

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 2): P(specific), P(boilerplate) for each paragraph."""
        boilerplate = np.array([s.boilerplate for s in self.transform(texts, explain=False)])
        return np.c_[1.0 - boilerplate, boilerplate]

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """1 for paragraphs more likely template than concrete."""
        return (self.predict_proba(texts)[:, 1] >= 0.5).astype(int)

    def score(  # type: ignore[override]
        self, texts: Sequence[str] | str, y: Sequence[int] | None = None, own_names: Sequence[str] = (), explain: bool = True
    ) -> float | list[ParagraphScore]:
        """With `y` (scikit-learn's convention): ROC AUC of the boilerplate probability against the
        `generic` flags. Without: the per-paragraph scores, as `transform` (the older calling shape,
        kept for callers that score this way)."""
        if y is None:
            return self.transform(texts, own_names, explain)
        from sklearn.metrics import roc_auc_score

        return float(roc_auc_score(np.asarray(y, dtype=int), self.predict_proba(texts)[:, 1]))

    def score_groups(
        self, groups: Sequence[tuple[Sequence[str], Sequence[str]]], explain: bool = True
    ) -> list[list[ParagraphScore]]:
        """`score` for several reports at once, each (paragraphs, its own names): the models run
        once over all of them (their per-call overhead is larger than a report's paragraphs)."""
        sizes = [len(texts) for texts, _ in groups]
        flat = self._score_all(
            [text for texts, _ in groups for text in texts],
            [list(names) for texts, names in groups for _ in texts],
            explain,
        )
        out, start = [], 0
        for size in sizes:
            out.append(flat[start : start + size])
            start += size
        return out

    def _score_all(self, texts: list[str], own_names: list[list[str]], explain: bool) -> list[ParagraphScore]:
        if not texts:
            return []
        if explain:
            generic, generic_spans = self.generic_.predict_and_explain(texts)
        else:
            generic, generic_spans = self.generic_.predict_proba(texts), [[] for _ in texts]
        unsupervised = [self._signals(text, names) for text, names in zip(texts, own_names, strict=True)]
        boilerplate = positive_proba(self.stacker_, stack_features(generic, unsupervised, texts, self.specificity.categories))
        out = []
        for p_generic, p_boilerplate, (common, specific), own_spans in zip(
            generic, boilerplate, unsupervised, generic_spans, strict=True
        ):
            spans: list[Span] = []
            if explain:
                common_spans = common.spans if common is not None else []
                spans = sorted(common_spans + specific.spans + own_spans, key=lambda s: (s.start, s.signal))
            out.append(
                ParagraphScore(
                    float(p_boilerplate),
                    specific.score,
                    common.share if common is not None else None,
                    float(p_generic),
                    specific.counts,
                    spans,
                )
            )
        return out


def report_score(scores: Sequence[ParagraphScore], texts: Sequence[str]) -> ReportScore | None:
    """Length-weighted means over a report's scored paragraphs (None if it has none)."""
    weights = np.asarray([max(len(text), 1) for text in texts], dtype=float)
    if not len(scores):
        return None

    def mean(values: list[float]) -> float:
        return float(np.average(values, weights=weights))

    commonness = [s.commonness for s in scores]
    return ReportScore(
        boilerplate=mean([s.boilerplate for s in scores]),
        specificity=mean([s.specificity for s in scores]),
        commonness=None if any(c is None for c in commonness) else mean(commonness),  # type: ignore[arg-type]
        generic=mean([s.generic for s in scores]),
        n_paragraphs=len(scores),
        characters=int(sum(len(t) for t in texts)),
    )
