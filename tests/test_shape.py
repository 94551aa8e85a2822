"""How a paragraph is built (`nlp.classify.shape`): figures and finished work, aims, a channel as subject."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.classify.features import paragraph_columns, paragraph_frame, transform_columns
from nlp.classify.model import ParagraphClassifier
from nlp.classify.shape import SHAPE_MARKS, paragraph_shape, shape_patterns
from nlp.labels import read_labelled
from tests.conftest import shared_path

# Written for these tests: one plan item under several enumerators and agencies' wordings.
AIMS = [
    "2.进一步加大政策解读力度，丰富解读形式。",
    "（三）加强业务培训，提升信息公开工作人员能力。",
    "二是规范依申请公开答复文书，提高答复质量。",
    "(1)完善公开目录动态调整机制。",
    "第一，强化政务新媒体日常管理。",
]
# Work done: counted, dated, finished.
DONE = [
    "全年共办理人大代表建议18件、政协提案26件，已全部办结。",
    "2023年，本局主动公开政府信息356条，其中规范性文件12件。",
    "组织举办业务培训班2期，培训120余人次。",
]
# A channel as the subject of the first clause, whatever is published on it.
CHANNELS = [
    "“平安某区”微信公众号全年发布信息1580条，阅读量超过90万次。",
    "12345政务服务便民热线全年受理群众诉求2.3万件。",
    "村务公开栏每季度更新一次，公开低保、救助等信息。",
]


@pytest.mark.parametrize("text", AIMS)
def test_a_numbered_aim_without_figures_is_marked_whatever_its_enumerator(text: str) -> None:
    marks = paragraph_shape(text)
    assert {SHAPE_MARKS["numbered"], SHAPE_MARKS["aim"], SHAPE_MARKS["bare"]} <= set(marks)
    assert SHAPE_MARKS["count"] not in marks and SHAPE_MARKS["figure"] not in marks


@pytest.mark.parametrize("text", DONE)
def test_counted_finished_work_is_marked_and_not_bare(text: str) -> None:
    marks = paragraph_shape(text)
    assert SHAPE_MARKS["count"] in marks and SHAPE_MARKS["figure"] in marks
    assert SHAPE_MARKS["bare"] not in marks and SHAPE_MARKS["aim"] not in marks


@pytest.mark.parametrize("text", CHANNELS)
def test_a_channel_in_the_first_clause_is_marked(text: str) -> None:
    assert SHAPE_MARKS["channel"] in paragraph_shape(text)


def test_a_channel_named_after_the_first_clause_is_not_the_subject() -> None:
    assert SHAPE_MARKS["channel"] not in paragraph_shape("本年度主动公开财政预决算信息42条，均在门户网站发布。")


def test_the_enumerators_own_figure_is_not_a_figure() -> None:
    # `2.` and `(1)` number the point; they report nothing.
    assert SHAPE_MARKS["figure"] not in paragraph_shape("2.加强政策解读。")
    assert SHAPE_MARKS["figure"] in paragraph_shape("2.全年发布解读材料15篇。")


def test_full_width_digits_and_half_width_punctuation_keep_the_marks() -> None:
    # A converter's habits: full-width digits (`１５`), ASCII punctuation.
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    for text in AIMS + DONE + CHANNELS:
        assert paragraph_shape(text.translate(full_width)) == paragraph_shape(text)
        assert paragraph_shape(text.translate(str.maketrans("，：；。（）", ",:;.()"))) == paragraph_shape(text)


def test_every_kind_of_the_resource_has_patterns() -> None:
    assert all(shape_patterns()[kind] for kind in ("count", "done", "aim", "channel"))


def test_the_shape_column_is_in_both_input_tables() -> None:
    texts = AIMS[:1] + DONE[:1]
    assert list(paragraph_frame(texts)["shape"]) == list(paragraph_columns(texts)["shape"]) == [paragraph_shape(t) for t in texts]


def test_a_model_with_the_shape_block_predicts_alike_through_its_twin_and_scikit_learn() -> None:
    items = AIMS * 3 + DONE * 3 + CHANNELS * 3
    labels = ["improvement"] * 15 + ["active_disclosure"] * 9 + ["platform"] * 9
    model = ParagraphClassifier(word_ngrams=None, context=(), shape_weight=0.5, calibrate=False).fit(items, labels)
    features = model.pipeline_.named_steps["features"]
    assert "shape" in [name for name, _, _ in features.transformers_]
    unseen = ["3.健全信息发布审核机制。", "全年公开行政处罚信息412条。"]
    fast = transform_columns(features, paragraph_columns(unseen))  # the inference twin, as `classify` reads
    assert fast is not None
    assert np.allclose(fast.toarray(), features.transform(paragraph_frame(unseen)).toarray())


def test_on_the_shared_labels_figures_mark_work_done_and_bare_aims_mark_plans() -> None:
    # Measured, not assumed: on real reports a counted result is rare in a plan and common in active disclosure.
    units = [u for u in read_labelled([shared_path("labels", "dev.jsonl"), shared_path("labels", "full_reports.jsonl")]) if u.label]
    def share(label: str, mark: str) -> float:
        chosen = [u for u in units if u.label == label]
        return sum(mark in paragraph_shape(u.text) for u in chosen) / len(chosen)

    assert share("improvement", SHAPE_MARKS["count"]) < 0.1 < 0.5 < share("active_disclosure", SHAPE_MARKS["count"])
    assert share("improvement", SHAPE_MARKS["bare"]) > 0.7 > 0.2 > share("active_disclosure", SHAPE_MARKS["bare"])
    assert share("platform", SHAPE_MARKS["channel"]) > 3 * share("active_disclosure", SHAPE_MARKS["channel"])
