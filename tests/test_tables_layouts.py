"""The statistical tables as agencies lay them out: merged cells in HTML (rowspan/colspan), Word (vMerge/
gridSpan) and ruled PDF tables (spans, labels centred in their span and wrapped in their cells).

Every report with gold cells in ../shared is written in each layout (tests/table_layouts.py) and read back:
each gold cell is right or left out with a warning naming its row, never wrong or invented. The readers'
rules are tested on small tables written here.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

import nlp
from nlp.read import read_bytes
from nlp.read.htmltext import html_to_text
from nlp.tables.extract import read_tables
from tests.table_layouts import (
    GOLD_OUTCOMES,
    LAYOUTS,
    Cell,
    cell_outcomes,
    placed,
    report_parts,
    requests_layout,
    write_docx_layout,
    write_pdf_layout,
    write_pdf_parts,
)

#: Share of gold cells each layout must give back right, a little under what every layout gives (all of
#: them on the development reports; docs/benchmarks.md, "Tables with merged cells").
RIGHT_FLOOR = 0.97


def _outcomes(layout: str, folder: Path, gold_items: list[tuple[str, dict]]) -> tuple[Counter, list[str]]:
    suffix, write = LAYOUTS[layout]
    total: Counter = Counter()
    bad: list[str] = []
    for doc_id, gold in gold_items:
        path = write(gold, folder / f"{doc_id}.{layout}{suffix}")
        counts, lines = cell_outcomes(gold, read_tables(nlp.read_report(path)))
        total.update(counts)
        bad += [f"{doc_id}: {line}" for line in lines]
    return total, bad


@pytest.fixture(scope="module")
def layout_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("layouts")


@pytest.mark.parametrize("template", ("2019", "2021"))
@pytest.mark.parametrize("layout", tuple(LAYOUTS))
def test_every_gold_cell_is_right_or_warned_in_merged_layouts(layout, template, gold_tables, layout_dir):
    items = [(doc_id, gold) for doc_id, gold in sorted(gold_tables.items()) if gold.get("template") == template]
    assert items, f"no gold report of the {template} template"
    counts, bad = _outcomes(layout, layout_dir, items)
    cells = sum(counts[o] for o in GOLD_OUTCOMES)
    assert counts["wrong"] == 0 and counts["invented"] == 0, bad[:8]
    assert counts["silent"] == 0, bad[:8]
    assert counts["right"] >= RIGHT_FLOOR * cells, (counts, bad[:8])


# --------------------------------------------------------------------------------------------
# The layouts themselves: the merges are there
# --------------------------------------------------------------------------------------------


def _gold(template: str) -> dict:
    """A report's cells written here (no shared file needed): every row of the template, small numbers."""
    from nlp.tables.schema import get_template

    spec = get_template(template)
    cells = []
    for table in ("active", "requests", "review_litigation"):
        for n, row in enumerate(spec.table(table).rows):
            cells += [{"table": table, "row": row.key, "col": col, "value": (n * 7 + c) % 5} for c, col in enumerate(row.columns)]
    return {"doc_id": f"made_{template}", "template": template, "cells": cells}


@pytest.mark.parametrize("template", ("2019", "2021"))
def test_table_three_nests_its_outcome_rows_under_merged_labels(template):
    layout = requests_layout(_gold(template))
    cells, width = placed(layout)
    assert width == 10
    spans = {cell.text: cell.rows for _, _, cell in cells if cell.rows > 1}
    assert spans["（三）不予公开"] == 8 and spans["（四）无法提供"] == 3 and spans["（五）不予处理"] == 5
    # 三、本年度办理结果 covers every outcome row: 予以公开 to 总计.
    assert spans["三、本年度办理结果"] == (22 if template == "2021" else 20)
    assert ("（六）其他处理" in spans) == (template == "2021")
    # Every row of the grid is full: the covered positions and the row's own cells add up to its width.
    covered = Counter()
    for r, _, cell in cells:
        for dr in range(cell.rows):
            covered[r + dr] += cell.cols
    assert set(covered.values()) == {10}


def test_the_docx_layout_holds_vertical_and_horizontal_merges(tmp_path):
    path = write_docx_layout(_gold("2021"), tmp_path / "r.docx")
    import zipfile

    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert xml.count('w:vMerge w:val="restart"') >= 5 and "w:gridSpan" in xml
    assert xml.count("<w:vMerge/>") + xml.count('w:vMerge w:val="continue"') >= 20


def test_the_pdf_layout_draws_spans_that_text_reading_breaks(tmp_path):
    # The damage the PDF reader must undo: read as plain text, the group label 三、本年度办理结果 does not
    # stand whole on any line (wrapped in its narrow merged cell and centred in its span).
    import pdfplumber

    path = write_pdf_layout(_gold("2021"), tmp_path / "r.pdf")
    with pdfplumber.open(path) as pdf:
        plain = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "三、本年度办理结果" not in plain.replace(" ", "")
    assert "三、本年度办理结果" in nlp.read_text(path)


# --------------------------------------------------------------------------------------------
# HTML reader: rowspan / colspan
# --------------------------------------------------------------------------------------------


def test_html_rowspan_label_stands_in_its_first_row_only():
    page = (
        "<table><tr><td rowspan='3'>三、办理结果</td><td>（一）予以公开</td><td>5</td></tr>"
        "<tr><td>（二）部分公开</td><td>2</td></tr><tr><td>（三）总计</td><td>7</td></tr>"
        "<tr><td colspan='2'>四、结转</td><td>1</td></tr></table>"
    )
    assert html_to_text(page).split("\n") == [
        "三、办理结果\t（一）予以公开\t5", "\t（二）部分公开\t2", "\t（三）总计\t7", "四、结转\t\t1", "",
    ]


def test_html_two_row_header_keeps_its_columns():
    # 申请人情况 over two rows of heads: 自然人 and 总计 reach down, 法人或其他组织 spreads over three.
    page = (
        "<table><thead><tr><th rowspan=2 colspan=2>&nbsp;</th><th rowspan=2>自然人</th><th colspan=3>法人或其他组织</th><th rowspan=2>总计</th></tr>"
        "<tr><th><p><span>商业企业</span></p></th><th>科研机构</th><th>其他</th></tr></thead>"
        "<tbody><tr><td colspan=2>一、新收</td><td>1</td><td>2</td><td>3</td><td>4</td><td>10</td></tr></tbody></table>"
    )
    assert html_to_text(page).split("\n")[:3] == [
        "\t\t自然人\t法人或其他组织\t\t\t总计",
        "\t\t\t商业企业\t科研机构\t其他",
        "一、新收\t\t1\t2\t3\t4\t10",
    ]


def test_html_rowspan_does_not_cross_into_another_table_or_row_group():
    page = (
        "<table><tbody><tr><td rowspan=5>甲</td><td>1</td></tr></tbody>"
        "<tbody><tr><td>乙</td><td>2</td></tr></tbody></table>"
        "<table><tr><td>丙</td><td>3</td></tr></table>"
    )
    assert html_to_text(page).split("\n") == ["甲\t1", "乙\t2", "丙\t3", ""]


@pytest.mark.parametrize(("attribute", "fields"), [("0", 2), ("x", 2), ("", 2), ("3", 4), ("99999", 1_001)])
def test_html_span_attributes_read_as_a_browser_reads_them(attribute, fields):
    # A bad span is 1; a huge colspan is clamped to the browser's limit (1000), so a row stays bounded.
    line = html_to_text(f"<table><tr><td colspan='{attribute}'>甲</td><td>1</td></tr></table>").split("\n")[0]
    assert line.split("\t")[0] == "甲" and line.endswith("\t1") and len(line.split("\t")) == fields


def test_html_rows_below_a_long_rowspan_stay_linear():
    # Cells reaching far down are met once per row that reaches past them, never once per column of a
    # huge grid: 10,000 rows under 100 cells that reach to the end read in one pass (no timing asserted:
    # the output's size is, and it is one field per covered position).
    page = "<table><tr>" + "<td rowspan=65534>x</td>" * 100 + "<td>h</td></tr>" + "<tr><td>y</td></tr>" * 10_000 + "</table>"
    lines = html_to_text(page).split("\n")
    assert len(lines) == 10_002 and lines[1] == "\t" * 100 + "y"


# --------------------------------------------------------------------------------------------
# Word reader: vMerge / gridSpan
# --------------------------------------------------------------------------------------------


def _docx_bytes(rows: list[list[Cell]]) -> bytes:
    import docx

    document = docx.Document()
    cells, width = placed(rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, c, cell in cells:
        target = table.cell(r, c)
        if cell.rows > 1 or cell.cols > 1:
            target = target.merge(table.cell(r + cell.rows - 1, c + cell.cols - 1))
        target.text = cell.text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_vertical_merge_continuation_is_an_empty_field_not_a_repeat():
    rows = [
        [Cell("三、办理结果", rows=3), Cell("（一）予以公开"), Cell("5")],
        [Cell("（二）部分公开"), Cell("2")],
        [Cell("（三）总计"), Cell("7")],
        [Cell("四、结转", cols=2), Cell("1")],
    ]
    text = read_bytes(_docx_bytes(rows), "t.docx")
    assert text.split("\n") == ["三、办理结果\t（一）予以公开\t5", "\t（二）部分公开\t2", "\t（三）总计\t7", "四、结转\t\t1"]


def test_docx_merged_block_of_rows_and_columns_gives_its_text_once():
    rows = [[Cell("头", rows=2, cols=2), Cell("甲")], [Cell("乙")], [Cell("1"), Cell("2"), Cell("3")]]
    text = read_bytes(_docx_bytes(rows), "t.docx")
    assert text.split("\n") == ["头\t\t甲", "\t\t乙", "1\t2\t3"]


def test_docx_row_that_starts_past_the_first_grid_column_keeps_its_positions():
    # w:gridBefore: a row whose first grid column holds no cell (tables drawn ragged at the left).
    import docx
    from docx.oxml import parse_xml
    from docx.table import _Cell

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(("甲", "乙", "丙")):
        table.cell(0, c).text = text
    tr = table.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    tr.insert(0, parse_xml('<w:trPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:gridBefore w:val="1"/></w:trPr>'))
    for tc, text in zip(tr.tc_lst, ("1", "2"), strict=True):
        _Cell(tc, table).text = text
    out = io.BytesIO()
    document.save(out)
    assert read_bytes(out.getvalue(), "t.docx").split("\n") == ["甲\t乙\t丙", "\t1\t2"]


# --------------------------------------------------------------------------------------------
# PDF reader: ruled tables as grids, prose as text
# --------------------------------------------------------------------------------------------


def test_pdf_ruled_table_reads_one_row_a_line_and_its_prose_as_text(tmp_path):
    grid = [
        [Cell("三、本年度办理结果", rows=3), Cell("（一）予以公开"), Cell("5")],
        [Cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), Cell("12")],
        [Cell("（七）总计"), Cell("17")],
    ]
    path = write_pdf_parts(["一、总体情况", "本机关依法公开政府信息。", grid, "五、存在的主要问题及改进情况"], tmp_path / "t.pdf")
    lines = nlp.read_text(path).split("\n")
    assert lines[:2] == ["一、总体情况", "本机关依法公开政府信息。"]
    assert lines[-1] == "五、存在的主要问题及改进情况"
    rows = [line.split("\t") for line in lines if "\t" in line]
    assert [row[0] for row in rows] == ["三、本年度办理结果", "", ""]
    assert [row[-1] for row in rows] == ["5", "12", "17"]
    assert rows[1][1] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


def test_pdf_without_a_grid_reads_as_before(tmp_path):
    from tests.makers import write_pdf

    text = "一、总体情况\n本机关依法公开政府信息，全年主动公开信息一千余条。\n二、主动公开政府信息情况\n行政许可 5"
    path = write_pdf(text, tmp_path / "p.pdf")
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        plain = "\f".join(page.extract_text() or "" for page in pdf.pages)
    assert nlp.read_text(path) == plain


def test_pdf_prose_ruled_like_lined_paper_is_not_a_table(tmp_path):
    # Each prose line in a full-width cell of its own (documents ruled like lined paper): text, not rows.
    ruled = [[Cell("本机关坚持以公开为常态、不公开为例外。")], [Cell("全年收到申请若干件，均按时答复。")]]
    grid = [[Cell("行政许可"), Cell("5")], [Cell("行政处罚"), Cell("7")]]
    path = write_pdf_parts([ruled, grid], tmp_path / "t.pdf")
    lines = nlp.read_text(path).split("\n")
    assert lines[:2] == ["本机关坚持以公开为常态、不公开为例外。", "全年收到申请若干件，均按时答复。"]
    assert [line for line in lines if "\t" in line] == ["行政许可\t5", "行政处罚\t7"]


def test_real_ruled_pdfs_keep_every_gold_cell(gold_tables):
    from tests.conftest import source_file

    for doc_id in ("hongze_2023", "hongze_2024", "huaian_2024"):
        path = source_file(doc_id)
        counts, bad = cell_outcomes(gold_tables[doc_id], read_tables(nlp.read_report(path)))
        assert counts["right"] == sum(counts.values()), (doc_id, bad[:6])


def test_report_parts_put_each_table_in_its_section():
    parts = report_parts(_gold("2019"))
    titles = [part for part in parts if isinstance(part, str) and part[:2] in ("二、", "三、", "四、")]
    assert [part[:2] for part in titles] == ["二、", "三、", "四、"]
    tables = [index for index, part in enumerate(parts) if isinstance(part, list)]
    assert len(tables) == 3 and all(isinstance(parts[index - 1], str) for index in tables)


@pytest.mark.parametrize("template", ("2019", "2021"))
@pytest.mark.parametrize("layout", tuple(LAYOUTS))
def test_each_labelled_row_reads_whole_on_one_line_and_merged_labels_once(layout, template, tmp_path):
    # The text itself, not only the cells: each row's label with its numbers at the end of one line (a PDF
    # read as text puts them on different lines), and a label covering several rows on one line only
    # (python-docx's cells repeated it on each row).
    from tests.table_layouts import text_rows

    gold = _gold(template)
    suffix, write = LAYOUTS[layout]
    rows, whole, repeated = text_rows(gold, nlp.read_text(write(gold, tmp_path / f"r{suffix}")))
    assert rows >= 30 and whole == rows and repeated == 0
