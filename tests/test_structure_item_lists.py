"""Lists of short numbered items read as narrative, lists of titles kept as headings (`nlp/structure/lists.py`).

The lines here are written for these tests (agencies and wording invented); the data tests reshape the labelled
reports of ../shared with `tests/damage_lists.py`."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from nlp.labels import read_labelled
from nlp.structure import parse_text
from nlp.structure.headings import chinese_number
from nlp.structure.lists import ItemNumber, item_number
from tests.damage_lists import ITEM_LIST_SHAPES, TITLE_LIST_SHAPES

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_TOP = "某省某局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我局认真落实条例要求，全面推进政务公开。\n"
_END = "\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"


def _kinds(body: str) -> dict[str, str]:
    return {p.text: p.kind for p in parse_text(_TOP + body + _END).paragraphs}


def test_item_numbers_by_style():
    assert item_number("（十二）公开栏每月更新。") == ItemNumber("（一）", 12)
    assert (item_number("3.在大厅设置查阅点。").style, item_number("3、在大厅设置查阅点。").style) == ("1.", "1、")
    assert item_number("二十、附则") is not None and item_number("二十、附则").number == 20
    assert item_number("2023年全年") is None
    assert [chinese_number(t) for t in ("一", "十", "十一", "二十", "二十三")] == [1, 10, 11, 20, 23]


@pytest.mark.parametrize(
    "body, items",
    [
        # The last item of a `1.` list, followed by the next subsection (a level above).
        (
            "（一）政府信息管理\n1.信息发布前由办公室进行保密审查。\n2.对照标准目录梳理公开事项清单。\n（二）平台建设\n1.局网站开设公开专栏，设置法规文件子栏目。\n2.在服务大厅设置查阅点，配备查阅终端2台。",
            ["1.信息发布前由办公室进行保密审查。", "2.对照标准目录梳理公开事项清单。", "1.局网站开设公开专栏，设置法规文件子栏目。", "2.在服务大厅设置查阅点，配备查阅终端2台。"],
        ),
        # Three levels: `（1）` items under `1.` titles; the last `（1）` item followed by the next `1.` title.
        (
            "（一）主动公开\n1.政策文件\n（1）制发规范性文件4件，全文公开。\n（2）解读材料与文件同步上网。\n2.重点领域\n（1）按季度公开项目建设进展。\n（2）按期公开部门预决算。",
            ["（1）制发规范性文件4件，全文公开。", "（2）解读材料与文件同步上网。", "（1）按季度公开项目建设进展。", "（2）按期公开部门预决算。"],
        ),
        # `（一）` items that are sentences, straight under a section's heading; the last followed by the next section.
        (
            "二、主动公开政府信息情况\n（一）公开行政许可办理条件和流程，在大厅公示栏张贴。\n（二）公开网点布局规划，调整前征求意见30日。\n（三）设置政府信息公开查阅场所。",
            ["（一）公开行政许可办理条件和流程，在大厅公示栏张贴。", "（二）公开网点布局规划，调整前征求意见30日。", "（三）设置政府信息公开查阅场所。"],
        ),
        # One item alone whose first sibling ran into the title above it.
        (
            "（一）政府信息管理\n1.严格审核。（1）落实三审制度，信息发布前逐级审核。\n（2）坚持先审后发，涉密不上网。\n2.健全制度。印发保密审查办法，明确审查流程。",
            ["（2）坚持先审后发，涉密不上网。"],
        ),
        # A list of items followed by a paragraph after it (`此外，…`), not under its last item.
        (
            "（一）存在的问题\n全年工作取得一定成效，但仍有不足。\n1.加快信息汇总公开，年底前完成全部汇总。\n2.创新解读方式，推广图解形式。\n"
            "3.整合网站栏目，避免重复建设。\n此外，针对考核指出的清单更新滞后问题，我局已完成整改。",
            ["1.加快信息汇总公开，年底前完成全部汇总。", "2.创新解读方式，推广图解形式。", "3.整合网站栏目，避免重复建设。"],
        ),
    ],
)
def test_lists_of_items_are_narrative(body, items):
    kinds = _kinds(body)
    assert [kinds.get(item) for item in items] == ["narrative"] * len(items)


@pytest.mark.parametrize(
    "body, titles",
    [
        # Subsection titles each over a paragraph.
        ("（一）主动公开情况\n全年主动公开信息120条。\n（二）依申请公开情况\n全年收到申请3件，均按期答复。", ["（一）主动公开情况", "（二）依申请公开情况"]),
        # A bare topic with a stop over a list below it.
        ("（一）主动公开\n1.公开政策文件。\n（1）制发规范性文件2件，全文公开。\n（2）解读材料同步上网。", ["1.公开政策文件。"]),
        # Titles worded as sentences, each over its paragraph.
        (
            "（一）监督保障\n1.持续加强组织领导和制度保障。\n局长任领导小组组长，办公室具体负责。\n2.切实抓好业务培训和考核工作。\n全年组织培训2次。",
            ["1.持续加强组织领导和制度保障。", "2.切实抓好业务培训和考核工作。"],
        ),
        # One member over a paragraph makes the whole list a list of titles, the one over nothing too.
        (
            "（一）监督保障\n1.持续加强组织领导和制度保障。\n局长任领导小组组长，办公室具体负责。\n2.切实抓好业务培训和考核工作。\n3.认真开展年度考核和社会评议。\n（二）其他",
            ["1.持续加强组织领导和制度保障。", "2.切实抓好业务培训和考核工作。", "3.认真开展年度考核和社会评议。"],
        ),
        # A title over a list numbered in its own style afresh.
        ("（一）监督保障\n1.持续加强组织领导和制度保障。\n1.局长任领导小组组长，办公室具体负责。\n2.全年组织培训2次。", ["1.持续加强组织领导和制度保障。"]),
    ],
)
def test_lists_of_titles_stay_headings(body, titles):
    kinds = _kinds(body)
    assert [kinds.get(title) for title in titles] == ["heading"] * len(titles)


def test_items_of_the_last_list_before_the_sign_off_are_narrative():
    # The report's last section a list of items, then the agency's name and the date, and a page's footer after them
    # (which keeps the name from reading as a sign-off): no paragraph under the last item.
    text = (
        _TOP + "二、存在的主要问题及改进情况\n针对存在的问题，我局将：\n1.建立信息报送制度，每月报送辖区监管信息；\n"
        "2.加强业务培训，提高工作人员的业务素质。\n3.将信息公开工作纳入年度考核，每半年通报一次各所信息报送情况。\n"
        "某某县市场监督管理局\n2024年1月20日\n【 打印本页 】【 关闭窗口 】\n版权所有：某某县人民政府 技术支持：某某信息中心"
    )
    kinds = {p.text: p.kind for p in parse_text(text).paragraphs}
    items = ["1.建立信息报送制度，每月报送辖区监管信息；", "2.加强业务培训，提高工作人员的业务素质。", "3.将信息公开工作纳入年度考核，每半年通报一次各所信息报送情况。"]
    assert [kinds.get(item) for item in items] == ["narrative"] * 3


def test_comma_less_items_at_a_lists_end_are_narrative():
    # The last item of the list, no comma, followed by a subsection of the level above.
    body = "（一）存在的问题\n1.政策解读形式还比较单一。\n2.监管信息公开的及时性还需加强。\n（二）改进措施\n1.强化学习。组织新条例专题学习。"
    kinds = _kinds(body)
    assert kinds["2.监管信息公开的及时性还需加强。"] == "narrative"
    assert kinds["（二）改进措施"] == "heading"


@cache
def _shared_reports() -> list[list]:
    if not (SHARED / "labels" / "dev.jsonl").exists():
        pytest.skip("../shared/labels absent: no labelled whole reports to reshape")
    grouped: dict[str, list] = defaultdict(list)
    for unit in read_labelled([SHARED / "labels" / "dev.jsonl", SHARED / "labels" / "full_reports.jsonl"]):
        grouped[unit.doc_id].append(unit)
    return [sorted(units, key=lambda u: u.para_index) for _, units in sorted(grouped.items())]


def _written_read_as_written(shape, kind: str) -> tuple[int, int]:
    """(written units of `kind` the reader gives that kind, written units of `kind`) over ../shared reshaped."""
    right = total = 0
    for units in _shared_reports():
        shaped = shape(units)
        if shaped is None:
            continue
        original = {u.text for u in units}
        read = {p.text: p.kind for p in parse_text("\n".join(u.text for u in shaped)).paragraphs}
        written = [u for u in shaped if u.kind == kind and u.text not in original]
        right += sum(read.get(u.text) == kind for u in written)
        total += len(written)
    return right, total


# Floors under the shares measured (benchmarks/eval_item_lists.py, docs/benchmarks.md): the items that are bare
# topics (a paragraph's run-in title cut off as an item) stay headings, and clauses are often shorter than a sentence.
@pytest.mark.parametrize(
    "name, floor",
    [
        ("items_under_subheadings", 0.85),
        ("clauses_under_subheadings", 0.65),
        ("items_three_levels", 0.85),
        ("chinese_numbered_items", 0.85),
        ("items_then_paragraph", 0.88),
        ("items_then_sign_off", 0.85),
    ],
)
def test_shared_reports_split_into_item_lists_keep_their_items(name, floor):
    right, total = _written_read_as_written(ITEM_LIST_SHAPES[name], "narrative")
    assert total > 0
    assert right / total >= floor


def test_shared_reports_with_titles_over_paragraphs_keep_the_titles():
    right, total = _written_read_as_written(TITLE_LIST_SHAPES["titles_over_paragraphs"], "heading")
    assert total > 0
    assert right / total >= 0.99
