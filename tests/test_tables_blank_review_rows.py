"""Table 四 printed all blank as three rows labelled with its blocks (`行政复议` / `行政诉讼（未经复议直接起诉）` /
`行政诉讼（复议后起诉）`) under its five heads printed once (`nlp.tables.blankrows._labelled_blank_rows`): fifteen
blank cells where each row shows its five empty cells, or where the three labels stand alone and the table's end
follows them; unread where the evidence is not plain (a label lost, prose or the text's end after the labels alone);
a row showing its empty cells beside labels alone is read alone, as a blank row of any table is.

Damage from the shared gold (`tests.damage_blanks`, layouts `tabs_review_rows` and `collapsed_review_rows`: the
reports whose table 四 is all zeros, printed so), and tables written here.
"""

from __future__ import annotations

import pytest

from nlp.findings import FAIL, REPORT
from nlp.structure import parse_text
from nlp.tables.blankrows import BLANK_CELLS, BLANK_COLLAPSED
from nlp.tables.checks import check_report
from nlp.tables.extract import read_tables
from nlp.tables.schema import REVIEW_COLUMNS, REVIEW_ROWS
from tests.damage_blanks import blank_text
from tests.test_tables_blank_review import PROSE, TABLE, TITLE, _blank_review_golds, _review_cells

BLANK = {(row, col): None for row in REVIEW_ROWS for col in REVIEW_COLUMNS}
HEADS = "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计"
LABELS = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
NEXT_SECTION = "五、政府信息公开工作存在的主要问题及改进情况"


@pytest.mark.parametrize("layout, how", [("tabs_review_rows", BLANK_CELLS), ("collapsed_review_rows", BLANK_COLLAPSED)])
def test_table_four_printed_blank_as_three_labelled_rows_in_the_gold_reads_fifteen_blank_cells(gold_tables, layout, how):
    """Kind: the gold reports' table 四 all zeros, printed blank as three labelled rows, their empty cells kept with
    their tabs (read as printed) or collapsed (a repair: the section after it closes the table). Never the report's
    fault, and no other table's cells change."""
    for gold in _blank_review_golds(gold_tables):
        report = parse_text(blank_text(gold, "rows", layout))
        extraction = read_tables(report)
        assert _review_cells(extraction) == BLANK, gold["doc_id"]
        assert {extraction.how(TABLE, row) for row in REVIEW_ROWS} == {how}
        assert not [f for f in check_report(report, extraction) if f.id.startswith(TABLE) and f.status == FAIL and f.fault == REPORT]
        as_one_row = read_tables(parse_text(blank_text(gold, "rows", layout.removesuffix("_review_rows"))))
        others = {(c.table, c.row, c.col): c.value for c in as_one_row.cells if c.table != TABLE}
        assert {(c.table, c.row, c.col): c.value for c in extraction.cells if c.table != TABLE} == others


def _lines(*rows: str, after: tuple[str, ...] = (NEXT_SECTION, PROSE)) -> list[str]:
    return ["三、收到和处理政府信息公开申请情况", "（七）总计\t1\t0\t0\t0\t0\t0\t1", TITLE, HEADS, *rows, *after]


def test_three_labelled_rows_showing_their_empty_cells_read_blank_as_printed_even_before_prose():
    extraction = read_tables(_lines(*(label + "\t" * 5 for label in LABELS), after=(PROSE,)))
    assert _review_cells(extraction) == BLANK
    assert extraction.how(TABLE, "litigation_direct") == BLANK_CELLS


def test_three_labels_alone_then_the_next_section_read_blank_with_repair():
    extraction = read_tables(_lines(*LABELS))
    assert _review_cells(extraction) == BLANK
    assert extraction.how(TABLE, "review") == BLANK_COLLAPSED


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(_lines(*LABELS, after=(PROSE,)), id="prose after the labels alone"),
        pytest.param(_lines(*LABELS, after=()), id="the text ends after the labels alone"),
        pytest.param(_lines(*LABELS[:2]), id="a label lost"),
        pytest.param(_lines(LABELS[0], "（注：本年度数据另行统计）", *LABELS[1:]), id="a note among the rows"),
        pytest.param(_lines(*(LABELS[::-1])), id="the blocks out of order"),
    ],
)
def test_no_plain_evidence_reads_nothing(lines):
    assert _review_cells(read_tables(lines)) == {}


def test_one_row_showing_its_empty_cells_beside_labels_alone_reads_that_row_only():
    """The labels alone are no evidence beside a row that shows its cells (the layout keeps them): that row is read
    blank as printed (`blank_rows`, as in any table), the other two are left out and warned."""
    extraction = read_tables(_lines(LABELS[0] + "\t" * 5, *LABELS[1:]))
    assert _review_cells(extraction) == {("review", col): None for col in REVIEW_COLUMNS}
    assert {w.row for w in extraction.warnings if w.table == TABLE} >= {"litigation_direct", "litigation_after_review"}


def test_a_row_with_figures_is_read_as_printed_not_blank():
    """Where the table holds a figure, the blank rule stands aside: the rows are read by their numbers."""
    extraction = read_tables(_lines(LABELS[0] + "\t1\t0\t0\t0\t1", *(label + "\t0" * 5 for label in LABELS[1:])))
    assert _review_cells(extraction)[("review", "upheld")] == 1
    assert BLANK_CELLS not in {extraction.how(TABLE, row) for row in REVIEW_ROWS}


def test_the_run_of_fifteen_with_its_last_block_blank_reads_as_printed():
    """Kind: table 四 in the template's layout, its last block's zeros printed blank with their tabs kept: ten
    numbers and five empty cells on the unlabeled line are the fifteen cells, the blank ones null."""
    from tests.test_tables_blank_review import HEADERS

    lines = ["三、收到和处理政府信息公开申请情况", "（七）总计\t1\t0\t0\t0\t0\t0\t1", TITLE, *HEADERS, "2\t0\t0\t3\t5\t0\t0\t0\t2\t2" + "\t" * 5, NEXT_SECTION]
    cells = _review_cells(read_tables(lines))
    assert [cells[("review", col)] for col in REVIEW_COLUMNS] == [2, 0, 0, 3, 5]
    assert [cells[("litigation_direct", col)] for col in REVIEW_COLUMNS] == [0, 0, 0, 2, 2]
    assert [cells[("litigation_after_review", col)] for col in REVIEW_COLUMNS] == [None] * 5


@pytest.mark.parametrize("layout", ["tabs", "html"])
def test_zeros_printed_blank_in_the_gold_give_no_wrong_cell(gold_tables, layout, tmp_path):
    """The gold reports with the zeros of whole rows, whole columns or whole tables printed blank: every table 四 is
    read (its blank last cells kept as cells), and a labelled row's trailing empty cells (an HTML grid's padding
    beside the label's spanned columns) never move its figures: no cell wrong or invented."""
    from nlp.read import read_text
    from tests.damage_blanks import SCOPES, blank_html, blanked_gold
    from tests.table_layouts import cell_outcomes

    for gold in (g for g in gold_tables.values() if g.get("template")):
        for scope in SCOPES:
            if layout == "html":
                text = read_text(blank_html(gold, scope, tmp_path / f"{gold['doc_id']}_{scope}.html"))
            else:
                text = blank_text(gold, scope, layout)
            extraction = read_tables(parse_text(text))
            counts, bad = cell_outcomes(blanked_gold(gold, scope), extraction)
            assert not counts["wrong"] and not counts["invented"], (gold["doc_id"], scope, bad[:3])
            assert len(_review_cells(extraction)) == len(REVIEW_ROWS) * len(REVIEW_COLUMNS), (gold["doc_id"], scope)


def test_a_labelled_block_printed_blank_between_blocks_read_by_their_numbers():
    """Kind: table 四 as three labelled rows, the middle block all zeros printed blank with its empty cells shown: the
    blocks around it are read by their own labels (not by the blank one's, which stands before the last), the blank
    one as printed."""
    extraction = read_tables(_lines(LABELS[0] + "\t10\t1\t0\t0\t11", LABELS[1] + "\t" * 5, LABELS[2] + "\t5\t0\t0\t0\t5"))
    cells = _review_cells(extraction)
    assert [cells[("review", col)] for col in REVIEW_COLUMNS] == [10, 1, 0, 0, 11]
    assert [cells[("litigation_direct", col)] for col in REVIEW_COLUMNS] == [None] * 5
    assert [cells[("litigation_after_review", col)] for col in REVIEW_COLUMNS] == [5, 0, 0, 0, 5]
    assert extraction.how(TABLE, "litigation_direct") == BLANK_CELLS
