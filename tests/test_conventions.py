"""The labelling conventions applied where the training data cannot teach them (docs/labels.md)."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from nlp.classify.conventions import apply_conventions, convention_label, is_table_pointer
from tests.conftest import REPO, shared_path

POINTERS = ["（详见统计表，略）", "具体统计数据详见附表（略）。", "见附表一。", "相关数据详见下表。", "（见附件2，略）", "详 见 附 表 。"]
NOT_POINTERS = [
    "全年主动公开信息120条，详见附表。",  # a figure: the line is about its section's topic
    "详见附表所列各项工作均已完成，下一步将继续推进。",
    "本年度未收到政府信息公开申请。",
    "附表",  # a bare caption is not a narrative pointer
]


@pytest.mark.parametrize("text", POINTERS)
def test_pointer_lines_are_recognised(text: str) -> None:
    assert is_table_pointer(text)


@pytest.mark.parametrize("text", NOT_POINTERS)
def test_lines_with_content_are_not_pointers(text: str) -> None:
    assert not is_table_pointer(text)


def test_only_pointer_rows_change() -> None:
    classes = ["active_disclosure", "application", "other"]
    probabilities = np.array([[0.7, 0.2, 0.1], [0.6, 0.3, 0.1]])
    fixed = apply_conventions(probabilities, ["详见附表。", "全年公开信息12条。"], classes)
    assert fixed[0].tolist() == [0.0, 0.0, 1.0]
    assert fixed[1].tolist() == probabilities[1].tolist()
    assert probabilities[0].tolist() == [0.7, 0.2, 0.1]  # the input is not changed in place
    assert apply_conventions(probabilities, ["详见附表。", "x"], ["a", "b", "c"]) is probabilities


def test_shipped_model_labels_a_pointer_under_section_two_other() -> None:
    from nlp.classify.context import Context
    from nlp.classify.features import ParagraphInput
    from nlp.classify.loading import load_model

    model = load_model()
    context = Context(section="active_disclosure", topic="active_disclosure")
    items = [ParagraphInput("统计数据详见附表。", context), ParagraphInput("全年主动公开政府信息1200条，其中政策文件45件。", context)]
    labels = [score["label"] for score in model.scores(items)]
    assert labels == ["other", "active_disclosure"]


def test_the_training_labels_hold_no_pointer_line() -> None:
    """No convention contradicts a single labelled unit the model is trained on."""
    for name in ("dev.jsonl", "full_reports.jsonl"):
        with shared_path("labels", name).open(encoding="utf-8") as handle:
            clashes = [r["text"] for r in map(json.loads, handle) if (label := convention_label(r["text"])) and r.get("label") not in (None, label)]
        assert clashes == []


def test_authored_dev_pointer_lines_are_labelled_other() -> None:
    """The first authored set's readable half labels its pointer lines as the convention does."""
    pointers = []
    with (REPO / "tests" / "gold" / "authored_labels.jsonl").open(encoding="utf-8") as handle:
        for unit in map(json.loads, handle):
            if int(re.match(r"A(\d+)", unit["doc_id"]).group(1)) % 2 and is_table_pointer(unit["text"]):
                pointers.append(unit["label"])
    assert len(pointers) >= 5
    assert set(pointers) == {"other"}


@pytest.mark.parametrize(
    "text",
    ["问题一：栏目更新不够及时，个别信息发布滞后。改进措施：建立栏目更新台账，按月通报。", "（二）存在问题：解读形式单一。整改措施：推行图解、视频解读。", "工作中存在以下主要问题：公开内容不全面。改进方向：完善目录。"],
)
def test_a_problem_laid_out_with_its_remedy_is_a_problem(text: str) -> None:
    """The guide's rule 1: problems followed by remedies are labelled by what comes first."""
    assert convention_label(text) == "problem"


@pytest.mark.parametrize(
    "text",
    ["针对存在问题：一是加强培训，改进措施：建立台账。", "改进措施：建立栏目更新台账。问题一：已整改。", "下一步将着力解决存在的问题，完善改进措施。"],
)
def test_remedies_and_plans_are_left_to_the_model(text: str) -> None:
    assert convention_label(text) is None


def test_the_shipped_model_given_alone_labels_a_problem_with_its_remedy_problem() -> None:
    from nlp.classify.loading import load_model

    text = "问题二：政策解读的针对性不够，对企业关注的事项解读不多。改进措施：制作系列解读材料，开展在线访谈，加强解读工作。"
    assert load_model().scores([text])[0]["label"] == "problem"
