"""Section titles that lost their numbers (a page's list markers or bold numbers dropped by the crawler):
the sections must still be found, from the gold reports and the whole crawled reports of ../shared so
damaged (tests/damage.py `section_numbers_lost`), and the joiners must not glue such a title to the
paragraph around it (shapes written here)."""

from __future__ import annotations

from nlp.structure import parse_text
from tests import damage
from tests.conftest import gold_and_whole_report_texts

#: Reports (of 42) allowed to lose a section: measured 2, both whole reports whose first section's title is
#: not the template's (`政府信息主动公开工作`), so nothing but its number named it (31 before the joiners and the
#: parser knew unnumbered titles).
LOST_AT_MOST = 2


def test_sections_are_found_when_their_titles_lost_their_numbers():
    texts = gold_and_whole_report_texts()
    changed = lost = 0
    for text in texts.values():
        damaged = damage.section_numbers_lost(text)
        changed += damaged != text
        lost += not set(parse_text(text).section_keys) <= set(parse_text(damaged).section_keys)
    assert changed >= 35 and lost <= LOST_AT_MOST, (changed, lost)


def test_an_unnumbered_title_stands_alone_but_a_title_inside_a_sentence_runs_on():
    report = parse_text(
        "某局2024年政府信息公开工作年度报告\n本报告依据条例编制，数据统计期限为2024年1月1日至12月31日。\n总体情况\n"
        "2024年，本局认真贯彻条例，全年主动公开政府信息120条，\n依申请公开办理3件。\n行政机关主动公开政府信息情况\n"
        "第二十条第（一）项\n其他应说明事项\n本局未收取信息处理费。"
    )
    assert [k for k in report.section_keys if k != "extra"] == ["overview", "active", "other_matters"]
    # A page saved element by element, whose opening sentence lists the titles of the sections.
    page = "\n".join(
        ["某局2024年政府信息公开工作年度报告", "本年报依据《条例》", "、", "《某省政府信息公开办法》", "编制。全文包括", "总体情况",
         "，主动公开政府信息情况，", "收到和处理政府信息公开申请情况", "，其他需要报告的事项等六个部分。", "一、总体情况",
         "2024年，本局认真贯彻条例。"]
    )
    paragraphs = [p.text for p in parse_text(page).paragraphs]
    assert any("全文包括总体情况，主动公开政府信息情况，收到和处理政府信息公开申请情况，其他需要报告的事项等六个部分。" in p for p in paragraphs), paragraphs
    assert "总体情况" not in paragraphs
