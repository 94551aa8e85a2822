"""Table 四 printed all blank (`nlp.tables.blankrows.blank_review_table`): fifteen blank cells where its
headers are whole and a line of empty cells or the table's end follows them; unread where the evidence is
not plain (a header line lost, prose or the text's end after the headers, a number in the table).

Damage from the shared gold (`tests.damage_blanks`: the reports whose table 四 is all zeros, printed blank in
tab-separated text, in text whose empty cells were collapsed, and in HTML), and tables written here.
"""

from __future__ import annotations

import pytest

from nlp.findings import FAIL, REPORT
from nlp.read import read_text
from nlp.structure import parse_text
from nlp.tables.blankrows import BLANK_CELLS, BLANK_COLLAPSED
from nlp.tables.checks import check_report
from nlp.tables.extract import read_tables
from nlp.tables.schema import REVIEW_COLUMNS, REVIEW_ROWS
from tests.damage_blanks import blank_html, blank_text

TABLE = "review_litigation"
TITLE = "四、政府信息公开行政复议、行政诉讼情况"
HEADS = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计"
HEADERS = ["行政复议\t行政诉讼", f"{HEADS}\t未经复议直接起诉\t复议后起诉", f"{HEADS}\t{HEADS}"]
PROSE = "本机关将继续加强政府信息公开工作，不断提高公开质量和水平。"


def _blank_review_golds(gold_tables: dict) -> list[dict]:
    """The gold reports whose table 四 is all zeros (so printed all blank when zeros print as empty cells)."""
    found = [
        gold
        for gold in gold_tables.values()
        if gold.get("template") and (cells := [c for c in gold["cells"] if c["table"] == TABLE]) and all(c["value"] == 0 for c in cells)
    ]
    assert found, "the shared gold has reports whose table 四 is all zeros"
    return found


def _review_cells(extraction) -> dict:
    return {(c.row, c.col): c.value for c in extraction.cells if c.table == TABLE}


@pytest.mark.parametrize("layout", ["tabs", "collapsed", "html"])
def test_table_four_printed_all_blank_in_the_gold_reads_fifteen_blank_cells(gold_tables, layout, tmp_path):
    for gold in _blank_review_golds(gold_tables):
        if layout == "html":
            text = read_text(blank_html(gold, "rows", tmp_path / f"{gold['doc_id']}.html"))
        else:
            text = blank_text(gold, "rows", layout)
        report = parse_text(text)
        extraction = read_tables(report)
        cells = _review_cells(extraction)
        assert cells == {(row, col): None for row in REVIEW_ROWS for col in REVIEW_COLUMNS}, gold["doc_id"]
        # the line of empty cells was dropped as whitespace: a repair, never the report's fault
        assert {extraction.how(TABLE, row) for row in REVIEW_ROWS} == {BLANK_COLLAPSED}
        assert not [f for f in check_report(report, extraction) if f.id.startswith(TABLE) and f.status == FAIL and f.fault == REPORT]


def _lines(*after: str, headers: list[str] = HEADERS) -> list[str]:
    return ["三、收到和处理政府信息公开申请情况", "（七）总计\t1\t0\t0\t0\t0\t0\t1", TITLE, *headers, *after]


def test_headers_then_the_next_section_title_read_blank():
    extraction = read_tables(_lines("五、政府信息公开工作存在的主要问题及改进情况", PROSE))
    assert set(_review_cells(extraction).values()) == {None} and len(_review_cells(extraction)) == 15
    assert extraction.how(TABLE, "review") == BLANK_COLLAPSED


def test_a_line_of_fifteen_empty_cells_shown_reads_blank_as_printed():
    extraction = read_tables(_lines("|" + "  |" * 15, PROSE))
    assert len(_review_cells(extraction)) == 15 and extraction.how(TABLE, "litigation_after_review") == BLANK_CELLS


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(_lines(PROSE), id="prose after the headers"),
        pytest.param(_lines(), id="the text ends after the headers"),
        pytest.param(_lines("五、政府信息公开工作存在的主要问题及改进情况", headers=HEADERS[:2]), id="a header line lost"),
        pytest.param(_lines("|" + "  |" * 9, PROSE), id="fewer empty cells than columns"),
    ],
)
def test_headers_without_plain_evidence_stay_unread(lines):
    assert _review_cells(read_tables(lines)) == {}


def test_headers_then_a_table_cut_short_in_the_gold_stay_unread(gold_tables):
    """The gold's blank table 四 with the sections after it replaced by prose: the cells may have been lost."""
    for gold in _blank_review_golds(gold_tables):
        text = blank_text(gold, "rows", "tabs")
        cut = text.index("五、")
        assert _review_cells(read_tables(parse_text(text[:cut] + PROSE))) == {}, gold["doc_id"]
