"""A run-in title whose number contradicts the section it names (`4.主动公开类信息公开情况。本年度…`) is a list item,
not a section, unless the report numbers its sections so (`nlp.structure.choosing._supported`).

The template gives each section its numbers (`TEMPLATE_POSITIONS`); a run-in title (closed by a stop, its body on
the line) is written as official documents write their second and third levels. Where both say "item" and no other
heading of the numbering stands at its template number, the line opens no section. A section heading that stands
alone on its line under such a number (`二、存在的主要问题` in a two-section report) is still one, and so is a
run-in title in a report whose other sections are numbered in the same style (a section left out, the rest
renumbered).
"""

from __future__ import annotations

import pytest

from nlp.structure import parse_text
from tests.conftest import whole_reports
from tests.damage import (
    headings_gone_items_run_in,
    section_dropped_renumbered,
    titles_run_into_first_sentence,
)

_BODY = "本年度共主动公开政府信息1200条，其中政策文件45件，部门文件120件，均通过政府网站和政务新媒体及时发布。"
EXAMPLE_LINES = [
    "某县2023年政府信息公开工作年度报告",
    "本年度，我县认真贯彻落实《中华人民共和国政府信息公开条例》，政务公开工作取得新进展。",
]


@pytest.mark.parametrize("item", ["4.主动公开类信息公开情况。", "1、依申请公开方面。", "（二）行政复议和行政诉讼情况。", "2.存在的问题："])
def test_an_item_titled_off_its_sections_number_in_a_text_without_headings_opens_none(item):
    report = parse_text("\n".join([*EXAMPLE_LINES, item + _BODY, "办理依申请公开12件，均按期答复。"]))
    assert report.section_keys == ["extra"]


def test_the_same_title_at_its_sections_number_still_opens_it():
    report = parse_text("\n".join([*EXAMPLE_LINES, "2.主动公开政府信息情况。本年度共主动公开政府信息1200条。", "办理依申请公开12件。"]))
    assert report.section_keys == ["extra", "active"]


def test_a_heading_alone_on_its_line_under_another_number_is_still_a_section():
    """Short reports of two sections (`一、政府信息公开情况`, `二、存在的主要问题`): a title alone is no list item."""
    report = parse_text("\n".join([*EXAMPLE_LINES, "一、政府信息公开情况", "本年度共主动公开政府信息1200条。", "二、存在的主要问题", "公开内容不够全面。"]))
    assert "problems_improvements" in report.section_keys


def test_whole_reports_without_headings_and_with_such_items_open_no_section():
    records = whole_reports()
    damaged = {record["doc_id"]: headings_gone_items_run_in(record["text"]) for record in records}
    assert sum(text.count("4.主动公开类信息公开情况。") for text in damaged.values()) >= 10  # the damage is there
    opened = {doc_id: parse_text(text).section_keys for doc_id, text in damaged.items()}
    assert {doc_id: keys for doc_id, keys in opened.items() if keys != ["extra"]} == {}


def test_a_run_in_title_renumbered_with_the_report_keeps_its_section():
    """四 left out and the rest renumbered, every title run into its first sentence: `四、存在的主要问题…。…` stands at a
    number the template never gives section 五, beside the report's other sections of one numbering."""
    changed = 0
    for record in whole_reports():
        renumbered = section_dropped_renumbered(record["text"])
        both = titles_run_into_first_sentence(renumbered)
        changed += both != renumbered
        assert parse_text(both).section_keys == parse_text(renumbered).section_keys, record["doc_id"]
    assert changed >= 10
