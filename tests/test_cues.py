"""Stance cues (`nlp.classify.cues`): the wording of plans, remedies and shortcomings, whoever writes it."""

from __future__ import annotations

import re

import pytest

from nlp.classify.cues import CUE_MARKS, cue_patterns, stance_cues
from nlp.labels import read_labelled
from tests.conftest import shared_path
from tests.damage import years_in_chinese_numerals

# Written for these tests: one plan in several agencies' and years' wordings, and a shortcoming.
PLANS = [
    "2026年，我局将着力做好以下工作：一是完善公开目录；二是规范答复文书。",
    "2024年，区政府将进一步推动基层政务公开标准化建设。",
    "今后，我委将建立重要信息统一发布机制。",
    "下一步，本办将持续加强政策解读。",
    "我镇将继续做好村务公开栏的更新。",
]
REMEDIES = [
    "针对上年度报告中指出的答复不规范问题，我们制定了答复文书范本。",
    "上年度指出的栏目更新不及时问题已整改到位。",
    "改进措施：建立栏目更新月度通报制度。",
]
SHORTFALLS = ["三是热线高峰期接通率偏低。", "政策解读的针对性有待进一步提高。", "部分栏目更新不及时，内容不完整。"]
# Neither plan nor remedy nor shortcoming: a disposal 将 (`将…纳入…`, done), figures, the template's title of section 五.
NONE = [
    "我局将政务公开工作纳入年度绩效考核，全年公开信息1,234条。",
    "2023年，本局主动公开政府信息356条，其中规范性文件12件。",
    "五、存在的主要问题及改进情况",
]


@pytest.mark.parametrize("text", PLANS)
def test_plans_are_cued_whoever_writes_them(text: str) -> None:
    assert "p" in stance_cues(text)


@pytest.mark.parametrize("text", PLANS[:2])
def test_a_plans_year_in_chinese_numerals_is_cued_too(text: str) -> None:
    damaged = years_in_chinese_numerals(text)
    assert damaged != text and "p" in stance_cues(damaged)


def test_a_year_before_a_disposal_jiang_is_not_a_plan() -> None:
    # Work done, narrated with 将 as 把: the year and 将 alone do not make a plan.
    assert stance_cues("2025年，集团坚持服务民生理念，将水价收费、停水检修等信息作为公开重点，全年公开信息86条。") == ""


@pytest.mark.parametrize("text", REMEDIES)
def test_remedies_are_cued(text: str) -> None:
    assert "r" in stance_cues(text)


@pytest.mark.parametrize("text", SHORTFALLS)
def test_shortfalls_are_cued(text: str) -> None:
    assert stance_cues(text) == "s"


@pytest.mark.parametrize("text", NONE)
def test_done_work_figures_and_titles_are_not_cued(text: str) -> None:
    assert stance_cues(text) == ""


def test_half_width_punctuation_keeps_the_cues() -> None:
    # Crawled text with ASCII punctuation (a converter's habit): the same cues.
    for text in PLANS + REMEDIES + SHORTFALLS:
        assert stance_cues(text.translate(str.maketrans("，：；。", ",:;."))) == stance_cues(text)


def test_every_cue_has_a_known_kind_and_compiles() -> None:
    kinds = {kind for kind, _ in cue_patterns()}
    assert kinds == set(CUE_MARKS)
    assert all(isinstance(pattern, re.Pattern) for _, pattern in cue_patterns())


def test_cues_on_the_shared_labels_point_to_the_stance_labels() -> None:
    # A cue that fired on topic paragraphs as often as on plans and shortcomings would be topic wording.
    units = read_labelled([shared_path("labels", "dev.jsonl"), shared_path("labels", "full_reports.jsonl")])
    for mark, stance in (("p", {"improvement", "problem"}), ("s", {"problem", "improvement"})):
        cued = [unit.label for unit in units if unit.label and mark in stance_cues(unit.text)]
        assert len(cued) >= 30
        assert sum(label in stance for label in cued) / len(cued) >= 0.7, mark
