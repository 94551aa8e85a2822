"""Context derivation on headings worded off the template, and section 五 split into its two halves.

The reports here are written for these tests (agencies, figures and wording invented)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from nlp.classify.context import contexts_for_units, section_five_halves
from nlp.classify.train import examples_from_units
from nlp.labels import read_labelled

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = Path(__file__).resolve().parent / "gold"


def derive(lines: list[tuple[str, str]], **options) -> list[tuple[str, str]]:
    """(kind, text) lines → (section, topic) of each."""
    contexts = contexts_for_units([kind for kind, _ in lines], [text for _, text in lines], **options)
    return [(context.section, context.topic) for context in contexts]


OLD_TEMPLATE = [
    ("heading", "青溪县农业农村局2016年政府信息公开工作年度报告"),
    ("heading", "一、概述"),
    ("narrative", "2016年，我局调整政府信息公开工作领导小组，由局长任组长。"),
    ("heading", "二、主动公开政府信息情况"),
    ("narrative", "全年主动公开政府信息318条，其中惠农补贴信息96条。"),
    ("heading", "三、依申请公开政府信息情况"),
    ("narrative", "全年收到政府信息公开申请4件，均按期答复。"),
    ("heading", "四、政府信息公开的收费及减免情况"),
    ("narrative", "本年度未收取任何费用。"),
    ("heading", "五、因政府信息公开申请行政复议、提起行政诉讼的情况"),
    ("narrative", "无。"),
    ("heading", "六、工作中存在的不足和下一步打算"),
    ("narrative", "1.网上公开信息更新不够及时；"),
    ("narrative", "2.惠农政策解读较少，群众知晓率不高。"),
    ("narrative", "2017年，我局将建立信息更新月报制度；"),
    ("narrative", "结合惠农补贴发放制作图解，扩大解读覆盖面。"),
    ("heading", "七、其他需要报告的事项"),
    ("narrative", "无。"),
]


def test_off_template_headings_give_their_sections_and_topics():
    got = dict(zip([text for _, text in OLD_TEMPLATE], derive(OLD_TEMPLATE), strict=True))
    assert got["本年度未收取任何费用。"] == ("extra", "fees")  # the old template's 四 is no template section of today
    assert got["全年收到政府信息公开申请4件，均按期答复。"] == ("requests", "requests")
    assert got["1.网上公开信息更新不够及时；"][0] == "problems_improvements"
    assert got["2017年，我局将建立信息更新月报制度；"][0] == "problems_improvements"
    assert got[OLD_TEMPLATE[-1][1]] == ("other_matters", "other_matters")


def test_section_five_without_subheadings_is_split_where_the_plans_open():
    got = [topic for (kind, _), (_, topic) in zip(OLD_TEMPLATE, derive(OLD_TEMPLATE), strict=True) if kind == "narrative"]
    # 1. / 2. problems, then the plans from `2017年，我局将…` on, the item after it included.
    assert got[5:9] == ["problems", "problems", "improvements", "improvements"]
    # Off, the section heading's topic stays on every item, as before.
    before = [topic for (kind, _), (_, topic) in zip(OLD_TEMPLATE, derive(OLD_TEMPLATE, five_halves=False), strict=True) if kind == "narrative"]
    assert before[5:9] == ["problems_improvements"] * 4


@pytest.mark.parametrize(
    ("texts", "halves"),
    [
        # A lead-in names the problems; a `下一步` item opens the plans.
        (["对照要求，我局工作还存在以下问题：", "一是公开栏更新慢；", "二是解读形式单一。", "下一步，我局将加强督查；", "丰富解读形式。"],
         ["problems", "problems", "problems", "improvements", "improvements"]),
        # A paragraph with problems and then plans stays a problems one; what follows is plans.
        (["存在信息更新不及时等问题。下一步，我镇将建立巡查制度。", "二是统一公开栏格式。"], ["problems", "improvements"]),
        # … unless the plans are most of it (ANNOTATION.md rule 1: comparable amounts go by the first).
        (["存在更新不及时问题。下一步，我镇将建立村级公开栏月度巡查制度，由党政办每月抽查并通报结果，对更新不及时的村限期整改，并将公开栏管理纳入村干部年度考核。"],
         ["improvements"]),
        # A list of plans alone, opened by `针对上述问题`.
        (["针对上述问题，做好以下工作：", "1.加强培训；"], ["improvements", "improvements"]),
        # Problems again after plans (pairs of a problem and its remedy).
        (["问题：网站栏目分类不清。", "改进措施：重新梳理栏目。", "存在问题：解读材料少。", "改进措施：同步制作解读。"],
         ["problems", "improvements", "problems", "improvements"]),
        # A numbered problem item that mentions a plan word later does not open the plans.
        (["1.政策解读以转发上级文件为主，结合本地实际的解读较少。", "2.工作人员均为兼职。"], ["problems", "problems"]),
    ],
)
def test_section_five_halves(texts, halves):
    assert section_five_halves(texts) == halves


def test_subheadings_of_section_five_are_not_overridden():
    lines = [
        ("heading", "五、存在问题及下一步工作打算"),
        ("heading", "（一）存在问题"),
        ("narrative", "2025年，部分村居公开栏内容陈旧。"),  # opens like a plan (a year, …), the subheading decides
        ("heading", "（二）改进措施"),
        ("narrative", "建立村居公开栏季度检查制度。"),
    ]
    assert derive(lines)[2] == ("problems_improvements", "problems")
    assert derive(lines)[4] == ("problems_improvements", "improvements")


def test_only_section_five_is_split():
    lines = [
        ("heading", "一、总体情况"),
        ("narrative", "下一步，我局将继续做好政务公开。"),
        ("heading", "六、其他需要报告的事项"),
        ("narrative", "2024年，本机关已收取信息处理费0元。"),
    ]
    # 一's `下一步` opens nothing; under 六 only what opens the plans does (tests/test_context_shapes.py).
    assert [topic for _, topic in derive(lines)] == ["none", "none", "other_matters", "other_matters"]


def halves_agreement(units) -> tuple[int, int]:
    """Of the labelled problem/improvement units under a section 五 heading with no subheading, how many
    the halves put in the half of their label, and how many there are."""
    before = examples_from_units(units, five_halves=False)
    after = examples_from_units(units, five_halves=True)
    counts: Counter = Counter()
    for old, new, label in zip(before.inputs, after.inputs, before.labels, strict=True):
        if old.context.topic == "problems_improvements" and label in ("problem", "improvement"):
            counts[(new.context.topic == "problems") == (label == "problem")] += 1
    return counts[True], counts[True] + counts[False]


def test_halves_agree_with_the_shared_labels():
    """Development check on the hand labels of ../shared: the position puts most section-五 units in the
    half of their label (the rest are mostly plan lists with no opening words, a section of plans only)."""
    if not (SHARED / "labels" / "dev.jsonl").exists():
        pytest.skip("../shared/labels not found (the shared data folder is absent)")
    agree, total = halves_agreement(read_labelled([SHARED / "labels" / "dev.jsonl", SHARED / "labels" / "full_reports.jsonl"]))
    assert total >= 50
    assert agree / total >= 0.8


def test_halves_agree_with_the_authored_dev_labels():
    """The authored reports' development part (odd numbers; tests/gold/AUTHORED.md): the halves agree
    with the writer's labels on section 五 written several ways."""
    units = [u for u in read_labelled([GOLD / "authored_labels.jsonl"]) if int(u.doc_id[1:3]) % 2 == 1]
    agree, total = halves_agreement(units)
    assert total >= 20
    assert agree / total >= 0.9
