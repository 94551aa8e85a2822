"""Statistics written as lines instead of tables (`nlp.tables.statedlines`): read where the row and column are
plain, warned of where not, never filled in.

From the shared gold (`tests/damage_lines.py`: three wordings) and from lines written here.
"""

from __future__ import annotations

import pytest

from nlp.structure import parse_text
from nlp.tables.checks import check_report, tables_said_unread
from nlp.tables.extract import read_tables
from tests.damage_lines import WORDINGS, stated_gold, statistics_as_lines
from tests.table_layouts import cell_outcomes


def _read(text: str, year: int | None = 2022):
    report = parse_text(text)
    if year is not None:
        report.year = year
    extraction = read_tables(report)
    return extraction, check_report(report, extraction)


@pytest.mark.parametrize("wording", WORDINGS)
def test_the_gold_written_as_lines_reads_every_stated_cell_and_warns_of_the_rest(gold_tables, wording):
    for doc_id, gold in sorted(gold_tables.items()):
        if not gold.get("template"):
            continue
        report = parse_text(statistics_as_lines(gold, wording), doc_id=doc_id)
        extraction = read_tables(report)
        unread = tables_said_unread(check_report(report, extraction))
        stated = stated_gold(gold)
        counts, bad = cell_outcomes(stated, extraction, unread)
        assert counts["wrong"] == counts["invented"] == counts["silent"] == 0, (doc_id, bad[:5])
        kept = {(c["table"], c["row"], c["col"]) for c in stated["cells"]}
        rest, bad = cell_outcomes({**gold, "cells": [c for c in gold["cells"] if (c["table"], c["row"], c["col"]) not in kept]}, extraction, unread)
        assert rest["right"] == rest["wrong"] == rest["silent"] == 0, (doc_id, bad[:5])  # unstated: warned, never filled in



@pytest.mark.parametrize("wording", WORDINGS)
def test_a_table_stated_as_lines_says_each_thing_it_could_not_place_once(gold_tables, wording):
    """The same clause (`纠正0件`) on several lines of a table given as lines is one warning of that table, not one a
    line (measured before: 45 repeats over the first ten gold reports written as running sentences)."""
    warned = 0
    for doc_id, gold in sorted(gold_tables.items()):
        if not gold.get("template"):
            continue
        extraction = read_tables(parse_text(statistics_as_lines(gold, wording), doc_id=doc_id))
        said = [(w.table, w.message, w.row) for w in extraction.warnings]
        assert len(said) == len(set(said)), (doc_id, [w for w in said if said.count(w) > 1][:3])
        unplaced = [w for w in extraction.warnings if "not plain" in w.message]
        assert len({w.table for w in unplaced}) == len(unplaced), (doc_id, unplaced)
        warned += len(unplaced)
    assert wording != "sentences" or warned > 0  # the running sentences do leave clauses unplaced: the test sees some

_LINES = """某某镇人民政府2022年政府信息公开工作年度报告
一、总体情况
本年度我镇认真落实政务公开各项要求。
三、收到和处理政府信息公开申请情况
1.本年新收政府信息公开申请数量：3件
其中自然人：2件；商业企业：1件
2.上年结转政府信息公开申请数量：0件
3.本年度办理结果：（一）予以公开：2件
（二）部分公开：1件
（三）不予公开：0件
4.结转下年度继续办理：0件
四、政府信息公开行政复议、行政诉讼情况
行政复议：维持0件，纠正0件，其他结果0件，尚未审结0件，总计0件
行政诉讼：未经复议直接起诉0件
行政诉讼：1件
五、存在的主要问题及改进情况
公开内容还不够全面。
"""


def test_lines_written_here_give_their_plain_cells():
    extraction, _ = _read(_LINES)
    values = extraction.values()
    assert values[("requests", "new_received", "total")] == 3
    assert values[("requests", "new_received", "natural_person")] == 2  # `其中…` breaks down the line before
    assert values[("requests", "new_received", "commercial_enterprise")] == 1
    assert values[("requests", "granted", "total")] == 2
    assert values[("requests", "partially_granted", "total")] == 1
    assert values[("review_litigation", "review", "upheld")] == 0
    assert values[("review_litigation", "review", "total")] == 0


def test_a_group_sum_or_an_unplain_row_is_warned_not_placed():
    extraction, _ = _read(_LINES)
    placed = {(c.table, c.row) for c in extraction.cells}
    # `（三）不予公开：0件` sums eight rows: no cell of any
    assert not any(row.startswith("denied_") for table, row in placed if table == "requests")
    assert any("不予公开" in w.message for w in extraction.warnings)
    # `行政诉讼：1件` names neither row of lawsuits (direct, after a review): placed in none
    assert 1 not in {c.value for c in extraction.cells if c.table == "review_litigation"}
    assert any("行政诉讼" in w.message for w in extraction.warnings)
    assert extraction.values()[("review_litigation", "litigation_direct", "total")] == 0  # `未经复议直接起诉0件`: its total
    warned_rows = {(w.table, w.row) for w in extraction.warnings if w.row}
    assert ("requests", "total_handled") in warned_rows and ("requests", "denied_state_secret") in warned_rows
    # `4.结转下年度继续办理：0件` states the row's total: its applicants' columns are warned of, by name
    assert any(w.row == "carried_forward" and "no number for natural_person" in w.message for w in extraction.warnings)


def test_a_count_stated_twice_with_two_values_is_read_as_neither():
    text = _LINES.replace("2.上年结转政府信息公开申请数量：0件", "2.上年结转政府信息公开申请数量：0件\n本年新收政府信息公开申请数量：4件")
    extraction, _ = _read(text)
    assert ("requests", "new_received", "total") not in extraction.values()


def test_narrative_sentences_under_a_table_title_are_no_statements():
    text = _LINES.split("三、")[0] + "三、收到和处理政府信息公开申请情况\n本年度共收到政府信息公开申请5件，均已按期办结，其中予以公开3件。\n五、存在的主要问题及改进情况\n无。\n"
    extraction, _ = _read(text)
    assert not [c for c in extraction.cells if c.table == "requests"]


def test_a_printed_grid_is_still_read_as_a_grid(gold_tables):
    from tests.damage_blanks import blank_text

    for doc_id, gold in sorted(gold_tables.items()):
        if gold.get("template"):
            extraction = read_tables(parse_text(blank_text(gold, "rows", "tabs"), doc_id=doc_id))
            assert "stated" not in set(extraction.placements.values()), doc_id


_SENTENCES = """某县档案馆2023年政府信息公开工作年度报告
一、总体情况
本年度我馆认真落实政务公开各项要求。
二、主动公开政府信息情况
本年度，本馆新制发行政规范性文件0件，废止0件，现行有效2件；作出行政许可决定12件，行政处罚决定3件，未实施行政强制。
三、收到和处理政府信息公开申请情况
本年度新收政府信息公开申请3件，其中自然人2件、法人或其他组织1件（商业企业1件）；上年结转0件。
办理结果为：予以公开2件，无法提供1件（本机关不掌握相关政府信息），不予公开、不予处理及其他处理均为0件；结转下年度0件。
四、政府信息公开行政复议、行政诉讼情况
本年度未发生因政府信息公开引起的行政复议、行政诉讼。
五、存在的主要问题及改进情况
公开内容还不够全面。
"""

_BREAKDOWN = """某镇人民政府2024年政府信息公开工作年度报告
一、总体情况
本年度我镇认真落实政务公开各项要求。
三、收到和处理政府信息公开申请情况
本年新收政府信息公开申请数量：2（自然人1，商业企业1，科研机构0，社会公益组织0，法律服务机构0，其他0）
上年结转政府信息公开申请数量：0
予以公开：2
结转下年度继续办理：0
五、存在的主要问题及改进情况
公开内容还不够全面。
"""


def test_statistics_in_running_sentences_give_their_plain_cells():
    """Small offices' sentences: a lead-in (`本年度，`), a clause saying none (`未实施行政强制`) and a count's note in
    brackets do not stop a sentence of counts from being read; `法人或其他组织1件` (no column of its own) and a count
    given to several rows at once (`不予公开、不予处理及其他处理均为0件`) are read into no cell."""
    extraction, _ = _read(_SENTENCES)
    values = extraction.values()
    assert values[("active", "normative_documents", "in_force")] == 2
    assert values[("active", "licensing", "decisions")] == 12 and values[("active", "punishment", "decisions")] == 3
    assert values[("requests", "new_received", "total")] == 3
    assert values[("requests", "new_received", "natural_person")] == 2
    assert values[("requests", "new_received", "commercial_enterprise")] == 1
    assert ("requests", "new_received", "other_org") not in values
    assert values[("requests", "granted", "total")] == 2 and values[("requests", "carried_forward", "total")] == 0
    placed = {(c.table, c.row) for c in extraction.cells}
    assert not any(row.startswith(("denied_", "not_processed_", "other_")) for table, row in placed if table == "requests")
    assert not any(table == "review_litigation" for table, _ in placed)  # `未发生…`: no figure stated, nothing filled in


def test_a_rows_breakdown_in_brackets_after_its_count_is_read():
    extraction, _ = _read(_BREAKDOWN)
    values = extraction.values()
    assert values[("requests", "new_received", "total")] == 2
    assert values[("requests", "new_received", "natural_person")] == 1
    assert values[("requests", "new_received", "commercial_enterprise")] == 1
    assert values[("requests", "new_received", "legal_service_org")] == 0
    assert values[("requests", "granted", "total")] == 2


def test_a_breakdown_after_a_count_of_any_length_is_read():
    extraction, _ = _read(_BREAKDOWN.replace("申请数量：2（自然人1，商业企业1，", "申请数量：120（自然人119，商业企业1，").replace("予以公开：2", "予以公开：120"))
    values = extraction.values()
    assert values[("requests", "new_received", "total")] == 120
    assert values[("requests", "new_received", "natural_person")] == 119
