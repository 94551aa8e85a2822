"""Tables as a scan of a printed page gives them, OCR keeping the positions: each figure right-aligned in a field of
one width, zeros printed blank (`nlp.tables.spacecolumns.field_grid`, `printed_cells`; damage
`tests.damage_ocr.printed_tables`)."""

from __future__ import annotations

import pytest

import nlp
from nlp.tables.extract import read_tables
from nlp.tables.spacecolumns import field_grid, printed_cells, printed_row
from tests.conftest import source_file
from tests.damage_ocr import OCR_DAMAGE, printed_tables
from tests.table_layouts import cell_outcomes
from tests.table_samples import random_values, render_report
from tests.test_damage import GOLD_DOCS
from tests.test_ocr import _gold

#: Rows written here: a label padded with ideographic spaces to 16 characters, then fields 7 wide.
WRITTEN = [
    "规章" + "\u3000" * 14 + "      1             3",
    "行政规范性文件" + "\u3000" * 9 + "      2      1      5",
    "（三）不予公开 1.属于国家" + "\u3000" * 2 + "             4",
    "8.属于行政查询事项" + "\u3000" * 6 + "      6",
]


def _grid(lines: list[str], wide: int):
    rows = [printed_row(line, wide) for line in lines]
    return rows, field_grid([row for row in rows if row is not None])


def test_a_rows_blank_fields_come_from_where_its_figures_stand():
    """Counted in characters (the labels padded to 16 characters, two of them holding ASCII), every row is on one
    grid, and a blank field is an empty cell."""
    rows, grid = _grid(WRITTEN, wide=1)
    assert grid is not None and grid.width == 7
    assert printed_cells(rows, WRITTEN, 0, grid) == ["1", "", "3"]
    assert printed_cells(rows, WRITTEN, 2, grid) == ["", "4", ""]
    assert printed_cells(rows, WRITTEN, 3, grid) == ["6", "", ""]


def test_a_grid_the_rows_do_not_show_plainly_is_none():
    # In display columns the labels holding ASCII end their padding elsewhere: no one grid.
    assert _grid(WRITTEN, wide=2)[1] is None
    # Figures only ever six fields apart, no padding: 3, 6, 7, 14 … all fit, and a wrong width would shift them.
    spaced = ["行政许可    " + " " * 20 + "     1" + " " * 36 + "     1" for _ in range(4)]
    assert _grid(spaced, wide=2)[1] is None


def test_a_row_without_a_label_among_labelled_ones_is_left_as_it_stands():
    lines = [*WRITTEN, "                                   7             7"]
    rows, grid = _grid(lines, wide=1)
    assert grid is not None
    assert printed_cells(rows, lines, len(lines) - 1, grid) is None


def test_the_damage_prints_each_figure_in_its_field_and_zeros_blank():
    text = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t3\t0\t12\n行政规范性文件\t0\t0\t0"
    printed = printed_tables(text).split("\n")
    assert printed[0] == "信息内容   本年制发件数   本年废止件数   现行有效件数"
    first, blank = printed_row(printed[1]), printed[2]
    assert first is not None and [figure for figure, _ in first.figures] == ["3", "12"]
    assert first.figures[1][1] - first.figures[0][1] == 2 * 7  # the blank zero's field between them
    assert blank.rstrip("\u3000 ") == "行政规范性文件"


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_printed_tables_keep_every_gold_cell(doc_id, tmp_path):
    path = tmp_path / f"{doc_id}.txt"
    path.write_text(OCR_DAMAGE["ocr_printed_tables"](nlp.read_text(source_file(doc_id))), encoding="utf-8")
    counts, bad = cell_outcomes(_gold(doc_id), read_tables(nlp.read_report(path)))
    assert counts["wrong"] == counts["invented"] == counts["silent"] == counts["warned"] == 0, bad


def _blank_aware(gold: dict, extraction) -> dict:
    """The gold with each zero read as blank null: the page printed it blank."""
    blank = {(c.table, c.row, c.col) for c in extraction.cells if c.value is None}
    return {**gold, "cells": [{**c, "value": None} if c["value"] == 0 and (c["table"], c["row"], c["col"]) in blank else c for c in gold["cells"]]}


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("seed", range(4))
def test_written_tables_printed_with_zeros_blank_read_without_a_wrong_cell(template, seed, tmp_path):
    """Tables written for the test (most cells zero), printed with their zeros blank: no cell wrong or invented,
    and most read (the rows' figures placed in their fields; without the grid a row showing some of its figures
    is left out)."""
    values = random_values(template, seed)
    path = tmp_path / "report.txt"
    path.write_text(printed_tables(render_report(template, values, "tab")), encoding="utf-8")
    extraction = read_tables(nlp.read_report(path))
    gold = {"cells": [{"table": t, "row": r, "col": c, "value": v} for (t, r, c), v in values.items()]}
    counts, bad = cell_outcomes(_blank_aware(gold, extraction), extraction)
    assert counts["wrong"] == counts["invented"] == 0, bad
    assert counts["right"] >= len(values) / 2, counts


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_printed_tables_with_zeros_blank_lose_no_cell_silently(doc_id, tmp_path):
    """A row printed all blank is read blank where the layout shows it, warned where it does not (a table whose
    title and header the page lost: its rows are their labels alone), never left out without a word."""
    path = tmp_path / f"{doc_id}.txt"
    path.write_text(OCR_DAMAGE["ocr_printed_tables_blank_zeros"](nlp.read_text(source_file(doc_id))), encoding="utf-8")
    extraction = read_tables(nlp.read_report(path))
    counts, bad = cell_outcomes(_blank_aware(_gold(doc_id), extraction), extraction)
    assert counts["wrong"] == counts["invented"] == counts["silent"] == 0, bad


def test_table_three_printed_blank_without_title_or_header_is_warned_row_by_row():
    # Written here: table 三's title and header lost (a page break), every row printed blank: each row's label
    # stands alone. The rows are warned, each named, and no cell is invented.
    rows = ["（三）不予公开 1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "（七）总计", "四、结转下年度继续办理"]
    text = ("某县某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度我局认真落实条例。\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n" + "\n".join(rows)
            + "\n四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。\n")
    extraction = read_tables(text)
    warned = {w.row for w in extraction.warnings if w.table == "requests"}
    assert {"denied_state_secret", "denied_prohibited", "denied_security_stability", "denied_third_party", "total_handled", "carried_forward"} <= warned
    assert not [c for c in extraction.cells if c.table == "requests"]
