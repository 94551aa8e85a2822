"""NB-weighted logistic regression and the complement NB blend (`nlp.classify.nbweight`): each is
what its formula says, stays one linear model, changes the paragraph classifier's predictions, and a
saved model applied without scikit-learn (its inference twins) scores as scikit-learn does."""

from __future__ import annotations

import random

import numpy as np
import pytest
import scipy.sparse as sp

from nlp.classify.context import Context
from nlp.classify.features import ParagraphInput
from nlp.classify.model import ParagraphClassifier
from nlp.classify.nbweight import (
    add_complement_nb,
    balanced_weights,
    fit_nb_linear,
    log_count_ratios,
    scaled_columns,
)

_TEXTS = {
    "active_disclosure": ["全年主动公开政府信息{n}条，其中规范性文件{m}件。", "通过政府网站发布政策解读{n}篇，图解{m}个。"],
    "application": ["本年度共收到政府信息公开申请{n}件，办结{m}件。", "依申请公开工作中，按期答复率{n}%，无逾期答复。"],
    "improvement": ["下一步，我局将进一步加强业务培训，提高公开质量。", "{n}年，我委将着力完善公开目录，做好政策解读。"],
    "problem": ["存在的主要问题：一是公开内容不够全面；二是解读形式单一。", "政策解读的形式较少，热线接通率偏低。"],
}


def _rows(seed: int, count: int) -> tuple[list[ParagraphInput], list[str]]:
    """Paragraphs written for these tests, four labels, numbers varied and a word or two dropped."""
    rng = random.Random(seed)
    items, labels = [], []
    sections = {"improvement": "problems_improvements", "problem": "problems_improvements", "application": "requests", "active_disclosure": "active"}
    for i in range(count):
        label = sorted(_TEXTS)[i % len(_TEXTS)]
        text = rng.choice(_TEXTS[label]).format(n=rng.randint(2, 3000), m=rng.randint(1, 90))
        cut = rng.randrange(len(text))
        text = text[:cut] + text[cut + rng.randint(0, 2) :]
        section = sections[label] if rng.random() < 0.7 else "unknown"
        items.append(ParagraphInput(text, Context(section=section, topic="none")))
        labels.append(label)
    return items, labels


def test_log_count_ratios_follow_the_formula_on_a_small_matrix():
    # columns: only in a's rows, only in b's, in both; presence counted, values ignored
    matrix = sp.csr_matrix(np.array([[0.5, 0, 1], [2.0, 0, 1], [0, 0.3, 1], [0, 0, 1]]))
    labels = np.array(["a", "a", "b", "b"], dtype=object)
    weights = np.array([1.0, 1.0, 1.0, 3.0])
    r = log_count_ratios(matrix, labels, np.array(["a", "b"], dtype=object), weights, alpha=1.0)
    p, q = np.array([1 + 2, 1 + 0, 1 + 2]), np.array([1 + 0, 1 + 1, 1 + 4])
    assert np.allclose(r[0], np.log(p / p.sum()) - np.log(q / q.sum()))
    assert np.allclose(r[1], -r[0])  # two labels: b's ratios are a's turned round
    assert r[0, 0] > 0 > r[0, 1]


def test_balanced_weights_give_each_label_the_same_total():
    labels = np.array(["a"] * 6 + ["b"] * 2 + ["c"], dtype=object)
    weights = balanced_weights(labels, np.ones(len(labels)), "balanced")
    assert [round(weights[labels == x].sum(), 9) for x in "abc"] == [3.0, 3.0, 3.0]
    assert np.array_equal(balanced_weights(labels, np.ones(len(labels)), None), np.ones(len(labels)))


@pytest.mark.parametrize("beta", [1.0, 0.5])
def test_nb_lr_folds_into_one_linear_model(beta):
    """The folded coef_ scores X as each label's binary model scores X ∘ r (β interpolated)."""
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    matrix = sp.random(90, 40, density=0.2, random_state=1, format="csr")
    labels = np.array(["x", "y", "z"], dtype=object)[rng.integers(0, 3, 90)]
    folded = fit_nb_linear(LogisticRegression(C=2.0, max_iter=2000), matrix, labels, None, alpha=0.5, beta=beta)
    ratios = log_count_ratios(matrix, labels, folded.classes_, np.ones(90), 0.5)
    for i, label in enumerate(folded.classes_):
        own = LogisticRegression(C=2.0, max_iter=2000).fit(matrix @ sp.diags(ratios[i]), labels == label)
        w = (1 - beta) * np.abs(own.coef_[0]).mean() + beta * own.coef_[0]
        expected = (matrix @ sp.diags(ratios[i])) @ w + own.intercept_[0]
        assert np.allclose(folded.decision_function(matrix)[:, i], expected, atol=1e-6)


def test_the_scope_leaves_the_context_unscaled():
    model = ParagraphClassifier(word_ngrams=None, opening_weight=0.5, calibrate=False)
    items, labels = _rows(0, 80)
    model.fit(items, labels)
    features = model.pipeline_.named_steps["features"]
    width = model.pipeline_.named_steps["classifier"].coef_.shape[1]
    mask = scaled_columns(features, width, "text")
    assert mask[features.output_indices_["chars"]].all() and mask[features.output_indices_["opening"]].all()
    assert not mask[features.output_indices_["context"]].any()
    assert scaled_columns(features, width, "all") is None and not scaled_columns(features, width, "none").any()
    with pytest.raises(ValueError, match="nb_scope"):
        scaled_columns(features, width, "words only")


def test_nb_lr_needs_two_labels():
    from sklearn.linear_model import LogisticRegression

    with pytest.raises(ValueError, match="two labels"):
        fit_nb_linear(LogisticRegression(), sp.csr_matrix(np.eye(3)), np.array(["a"] * 3, dtype=object), None)


def test_complement_nb_is_added_to_the_scores():
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import ComplementNB

    matrix = sp.random(90, 30, density=0.3, random_state=2, format="csr")
    labels = np.array(["x", "y", "z"] * 30, dtype=object)
    plain = LogisticRegression(max_iter=2000).fit(matrix, labels)
    before = plain.decision_function(matrix)
    blended = add_complement_nb(plain, matrix, labels, None, 0.2, alpha=0.5)
    nb = ComplementNB(alpha=0.5).fit(matrix, labels)
    assert np.allclose(blended.decision_function(matrix), before + 0.2 * nb.predict_joint_log_proba(matrix))


@pytest.mark.parametrize(
    "params",
    [
        {"nb_weighting": True},
        {"nb_weighting": True, "nb_scope": "text", "nb_beta": 0.75, "C": 30.0},
        {"cnb_weight": 0.3, "nb_alpha": 0.1},
        {"nb_weighting": True, "stance_weight": 1.0, "stance_alone": True},
    ],
)
def test_the_learners_change_predictions_and_the_saved_model_scores_as_scikit_learn_does(tmp_path, params):
    from nlp.classify.loading import load_model
    from nlp.modelfiles.store import save_model

    items, labels = _rows(1, 160)
    base = {"word_ngrams": None, "opening_weight": 0.5, "calibrate": False}
    plain = ParagraphClassifier(**base).fit(items, labels)
    model = ParagraphClassifier(**base, **params).fit(items, labels)
    tested, _ = _rows(2, 120)
    tested += [ParagraphInput(item.text) for item in tested[:40]]  # given alone too
    assert not np.allclose(model.decision_function(tested), plain.decision_function(tested))
    path = tmp_path / "nb.joblib"
    save_model(model, path, {"name": "test"})
    twin, real = load_model(path), load_model(path, twins=False)
    assert type(twin.pipeline_).__name__ == "PipelineTwin"  # applied without scikit-learn
    assert type(real.pipeline_).__module__ == "sklearn.pipeline"
    assert np.array_equal(twin.predict_proba(tested), real.predict_proba(tested))
    assert np.array_equal(twin.predict_proba(tested), model.predict_proba(tested))
    truth = _rows(2, 120)[1]
    assert np.mean(twin.predict(tested[:120]) == np.array(truth, dtype=object)) > 0.8  # it still learned the labels
