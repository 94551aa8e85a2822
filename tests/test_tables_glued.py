"""Table rows hard-wrapped, glued and stripped: more cells read, never a wrong one.

Rules (docs/tables-extraction.md): a row wrapped onto lines of bare numbers is joined back only where
exactly one reading fills its columns and adds up (`nlp.tables.wrapped`); a table 二 row whose last
number may run on is left out; a shift's row whose numbers are the same under every reading is read.

The tests on the shared gold use the part of it the rules were not written on (the seeds, `held_out`
in benchmarks/eval_tables_wild.py) and, for the reports they were written on, wrapping widths they were
not; the small examples are written here.
"""

from __future__ import annotations

import pytest
from table_samples import random_values, render_report

import nlp
from nlp.tables.extract import read_tables
from nlp.tables.glued import unglue, unglue_line
from nlp.tables.tokens import is_furniture
from tests.conftest import shared_path, source_file
from tests.damage import TABLE_VARIANTS, wrap_lines
from tests.table_layouts import GOLD_OUTCOMES, cell_outcomes

REQUESTS_TITLE = "三、收到和处理政府信息公开申请情况"


def _cells(extraction) -> dict:
    return {(c.table, c.row, c.col): c.value for c in extraction.cells}


def _warned_rows(extraction) -> set:
    return {(w.table, w.row) for w in extraction.warnings if w.row}


# --- small examples, written here -------------------------------------------------------------------


def test_a_number_cut_by_the_wrap_is_joined_where_the_row_adds_up():
    lines = [REQUESTS_TITLE, "（一）予以公开 702 15 0 0 40 2 75", "9", "（二）部分公开 3 0 0 0 0 0 3"]
    cells = _cells(read_tables(lines, template="2021"))
    assert cells[("requests", "granted", "total")] == 759
    assert cells[("requests", "granted", "natural_person")] == 702
    assert cells[("requests", "partially_granted", "total")] == 3


def test_a_row_cut_between_cells_is_joined():
    lines = [REQUESTS_TITLE, "一、本年新收政府信息公开申请数量 2104 37 0", "0 12 5 2158", "二、上年结转政府信息公开申请数量 6 0 0 0 0 0 6"]
    cells = _cells(read_tables(lines, template="2021"))
    assert [cells[("requests", "new_received", c)] for c in ("natural_person", "other_org", "total")] == [2104, 5, 2158]
    assert cells[("requests", "carried_over", "total")] == 6


def test_table_four_wrapped_inside_a_number_is_one_run_again():
    lines = ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼", "结果维持 结果纠正 其他结果 尚未审结 总计", "5 2 1 4 12 3 0 1 0 4 1", "1 0 0 0 11"]
    cells = _cells(read_tables(lines, template="2021"))
    assert cells[("review_litigation", "review", "total")] == 12
    assert cells[("review_litigation", "litigation_direct", "other_result")] == 1
    assert cells[("review_litigation", "litigation_after_review", "upheld")] == 11
    assert cells[("review_litigation", "litigation_after_review", "total")] == 11


def test_two_readings_that_add_up_leave_the_row_out_with_a_warning():
    # `2 0 0 0 1` / `1` / `1 14`: 11 then 1, or 1 then 11; both add up to 14
    lines = [REQUESTS_TITLE, "（一）予以公开 2 0 0 0 1", "1", "1 14", "（二）部分公开 3 0 0 0 0 0 3"]
    extraction = read_tables(lines, template="2021")
    cells = _cells(extraction)
    assert not any(key[1] == "granted" for key in cells)
    assert ("requests", "granted") in _warned_rows(extraction)
    assert cells[("requests", "partially_granted", "total")] == 3


def test_a_total_that_does_not_add_up_before_bare_numbers_is_not_read():
    # the wrap may have cut the total (`4` of `45`); no reading adds up, so neither is taken
    lines = [REQUESTS_TITLE, "（一）予以公开 30 9 0 0 0 0 4", "7", "（二）部分公开 3 0 0 0 0 0 3"]
    extraction = read_tables(lines, template="2021")
    assert ("requests", "granted", "total") not in _cells(extraction)
    assert ("requests", "granted") in _warned_rows(extraction)


def test_a_total_that_adds_up_keeps_its_row_and_the_bare_numbers_stay_apart():
    lines = [REQUESTS_TITLE, "（一）予以公开 30 9 0 0 0 0 39", "7 0 0 0 0 0 7", "（二）部分公开 3 0 0 0 0 0 3"]
    cells = _cells(read_tables(lines, template="2021"))
    assert cells[("requests", "granted", "total")] == 39


def test_table_two_row_whose_last_number_may_run_on_is_left_out():
    lines = ["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 0 0 2", "行政规范性文件 13 0 5", "5"]
    extraction = read_tables(lines, template="2021")
    cells = _cells(extraction)
    assert ("active", "normative_documents", "in_force") not in cells
    assert ("active", "normative_documents") in _warned_rows(extraction)
    assert cells[("active", "regulations", "in_force")] == 2


def test_a_markdown_rule_cut_by_the_wrap_carries_no_cell():
    assert is_furniture("---|---|---|---|---|---|--")
    assert is_furniture("-|---")
    assert not is_furniture("0 | - | 3")
    assert not is_furniture("-")
    # its last dashes on a line of their own go with it; a dash elsewhere stays a blank cell
    assert unglue(["0 | 0", "---|---|--", "-", "1"]) == ["0 | 0", "---|---|--", "1"]
    assert unglue(["3", "-", "1"]) == ["3", "-", "1"]


def test_an_item_label_with_a_space_after_its_dot_starts_a_row_in_glued_text():
    line = "（三）不予公开 1. 属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 2. 其他法律行政法规禁止公开 | 4 | 0 | 0 | 0 | 0 | 0 | 4"
    pieces = unglue_line(line)
    assert pieces[-1].startswith("2. 其他法律")
    assert pieces[-1].endswith("| 4")


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_tables_written_here_hard_wrapped_at_many_widths_are_never_wrong(template):
    right = total = 0
    for seed in range(4):
        truth = random_values(template, seed)
        for layout in ("tab", "pdf"):
            text = render_report(template, truth, layout, seed % 2).replace("\t", " ")
            for width in (18, 24, 33, 41):
                extraction = read_tables(wrap_lines(text, width))
                got, warned = _cells(extraction), _warned_rows(extraction)
                wrong = [(k, v, got[k]) for k, v in truth.items() if k in got and got[k] != v]
                assert not wrong, f"{template} seed {seed} {layout} width {width}: {wrong[:3]}"
                assert not [k for k in got if k not in truth]
                assert not [k for k in truth if k not in got and k[:2] not in warned], f"{layout} {width}: silent"
                right += sum(1 for k in truth if k in got)
                total += len(truth)
    # measured 99.9 % (19080 of 19104 cells over 6 seeds; before these rules 63.4 % and 118 wrong)
    assert right / total > 0.97


# --- the shared gold: the part the rules were not written on ---------------------------------------------

HELD_OUT = ("000_3fbb002993fdb7e6", "002_8775b43b601402e9", "003_300c643672395d3d", "004_46deb1f51ba2e893")
DEV = ("huaian_2024", "sh_kewei_2024", "sh_office_2025", "shuyang_2025", "hongze_2023", "hongze_2024")
#: Floors a little under what the held-out seeds give (benchmarks/eval_tables_wild.py --part held_out).
HELD_OUT_FLOORS = {
    "glued_spaced": 0.95,  # 97.7 %
    "glued_cells_dropped": 0.90,  # 92.6 %
    "tabs_to_spaces": 0.95,  # 97.7 %
    "spaced_wrap_lines_20": 0.95,  # 97.7 %
    "spaced_wrap_lines_32": 0.95,  # 97.7 %
    "spaced_wrap_lines_45": 0.95,  # 97.7 %
}
#: The development reports at widths the rules were not written at (27 and 45; 20 was looked at).
DEV_FLOORS = {"wrap_lines_27": 0.97, "wrap_lines_45": 0.97}  # 100 % and 100 %


def _score(doc_ids, variant, gold_tables) -> tuple[int, int]:
    right = total = 0
    for doc_id in doc_ids:
        text = TABLE_VARIANTS[variant](nlp.read_text(source_file(doc_id)))
        counts, bad = cell_outcomes(gold_tables[doc_id], read_tables(nlp.parse_text(text, doc_id=doc_id)))
        assert not counts["wrong"], f"{variant} {doc_id}: {bad[:3]}"
        assert not counts["invented"], f"{variant} {doc_id}: {bad[:3]}"
        assert not counts["silent"], f"{variant} {doc_id}: missing without a warning {bad[:3]}"
        right += counts["right"]
        total += sum(counts[outcome] for outcome in GOLD_OUTCOMES)
    return right, total


@pytest.mark.parametrize("variant", sorted(HELD_OUT_FLOORS))
def test_held_out_reports_damaged_are_read_and_never_wrong(variant, gold_tables):
    if not shared_path("seeds").exists():
        pytest.skip("../shared/seeds is absent")
    right, total = _score(HELD_OUT, variant, gold_tables)
    assert right / total >= HELD_OUT_FLOORS[variant], f"{variant}: {right} of {total}"


@pytest.mark.parametrize("variant", sorted(DEV_FLOORS))
def test_reports_wrapped_at_other_widths_are_read_and_never_wrong(variant, gold_tables):
    if not shared_path("reports").exists():
        pytest.skip("../shared/reports is absent")
    right, total = _score(DEV, variant, gold_tables)
    assert right / total >= DEV_FLOORS[variant], f"{variant}: {right} of {total}"


def test_the_rest_of_a_vertical_group_label_is_cut_off_the_last_cell():
    # `（五）不` / `予处理` spans rows: joined, its rest follows the row's last number
    pieces = unglue_line("2.重复申请 | 6 | 0 | 0 | 0 | 0 | 1 | 7 予处理 |")
    assert pieces[0].endswith("| 7")
    assert unglue_line("4.保护第三方合法权益|0|0|0|0|0|0|0予公开|")[0].endswith("|0")  # short, no whitespace
    lines = [REQUESTS_TITLE, "（五）不 1.信访举报投诉类申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2", "2.重复申请 | 6 | 0 | 0 | 0 | 0 | 1 | 7 予处理 |"]
    cells = _cells(read_tables(lines, template="2021"))
    assert cells[("requests", "not_processed_duplicate", "total")] == 7
    # prose naming the same words keeps them
    assert unglue_line("全年共收到申请 12 件，其中依法不予处理的申请 3 件，已全部答复。") == ["全年共收到申请 12 件，其中依法不予处理的申请 3 件，已全部答复。"]
