"""The stance sub-model's cue block (`stance_cue_weight`) and the stacked head (`stance_form="stacked"`),
on paragraphs written for the tests."""

from __future__ import annotations

import numpy as np

from nlp.classify.alone import fit_stance_head, with_head
from nlp.classify.context import Context
from nlp.classify.features import ParagraphInput
from nlp.classify.model import ParagraphClassifier
from nlp.modelfiles.store import load_verified, save_model

TOPICS = ["网站栏目", "信息公开指南", "政策解读", "依申请公开答复", "政务新媒体", "公开目录"]
SELVES = ["我局", "我委", "本办", "区政府", "我镇", "本厅"]


def toy_training() -> tuple[list[ParagraphInput], list[str], list[str]]:
    items, labels, groups = [], [], []
    for i, topic in enumerate(TOPICS * 4):
        me = SELVES[i % len(SELVES)]
        for text, label, section in (
            (f"本年度{topic}更新{i}次，运行平稳。", "platform", "overview"),
            (f"{topic}更新不够及时，内容偏少。", "problem", "problems_improvements"),
            (f"今后，{me}将进一步加强{topic}建设，提升质量。", "improvement", "problems_improvements"),
        ):
            items.append(ParagraphInput(text, Context(section=section)))
            labels.append(label)
            groups.append(f"site{i % 6}")
    return items, labels, groups


def test_the_sub_model_reads_the_cues_and_the_model_saves_without_new_types(tmp_path):
    items, labels, groups = toy_training()
    params = {"word_ngrams": None, "context": ("section",), "stance_weight": 0.5, "stance_alone": True, "stance_form": "log-odds", "calibrate": False}
    with_cues = ParagraphClassifier(**params, stance_cue_weight=1.0).fit(items, labels, groups=groups)
    without = ParagraphClassifier(**params).fit(items, labels, groups=groups)
    blocks = dict((name, columns) for name, _, columns in with_cues.stance_.named_steps["features"].transformers_)
    assert blocks.get("cues") == "cues" and "cues" not in dict((n, c) for n, _, c in without.stance_.named_steps["features"].transformers_)
    # The main model has no cue block: with context, the two decide alike.
    assert "cues" not in [name for name, _, _ in with_cues.pipeline_.named_steps["features"].transformers_]
    unseen = ["明年，市司法局将持续完善办事指南。"]  # a plan in a self-reference and a topic the toy never shows
    improvement = list(with_cues.classes_).index("improvement")
    assert with_cues.predict_proba(unseen)[0, improvement] > without.predict_proba(unseen)[0, improvement]
    path = tmp_path / "cues.joblib"
    save_model(with_cues, path, {"name": "test"})
    loaded, _ = load_verified(path)
    assert np.allclose(loaded.decision_function(unseen), with_cues.decision_function(unseen))


def test_the_stacked_head_learns_the_weight_a_stance_column_earns_out_of_fold():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, size=600)
    logits = rng.normal(size=(600, 3))  # a main model that knows nothing
    informative = np.where(y == 2, 3.0, -3.0) + rng.normal(size=600)  # the sub-model tells label 2 apart
    columns = np.c_[informative, rng.normal(size=600)]
    head = fit_stance_head(logits, columns, y)
    assert head.shape == (3, 3) and np.all(head[:, -1] == 0)
    assert head[2, 0] > 0.3 and head[2, 0] > max(head[0, 0], head[1, 0])
    assert abs(head[2, 1]) < head[2, 0] / 3  # the noise column earns little
    before = (logits.argmax(axis=1) == y).mean()
    assert (with_head(logits, columns, head).argmax(axis=1) == y).mean() > before + 0.2


def test_the_stacked_head_moves_only_paragraphs_given_alone(tmp_path):
    items, labels, groups = toy_training()
    model = ParagraphClassifier(
        word_ngrams=None, context=("section",), stance_weight=1.0, stance_alone=True, stance_form="stacked", calibrate=False
    ).fit(items, labels, groups=groups)
    assert model.stance_head_ is not None and model.stance_head_.shape == (len(model.classes_), len(model.stance_.classes_) + 1)
    unseen = ["办事指南内容偏少，更新不够及时。", "下一步，我局将加强办事指南建设。"]
    with_context = [ParagraphInput(text, Context(section="overview")) for text in unseen]
    before_context, before_alone = model.decision_function(with_context), model.decision_function(unseen)
    kept, model.stance_head_ = model.stance_head_, model.stance_head_ * 5
    assert np.array_equal(model.decision_function(with_context), before_context)
    assert not np.allclose(model.decision_function(unseen), before_alone)
    model.stance_head_ = kept
    path = tmp_path / "stacked.joblib"
    save_model(model, path, {"name": "test"})
    loaded, _ = load_verified(path)
    assert np.allclose(loaded.decision_function(unseen + with_context), model.decision_function(unseen + with_context))
