"""Tables in text copied out of a PDF with its layout (pdfplumber `extract_text(layout=True)`).

Word sets a table with narrow label columns with each label at the top of its cell: the numbers stand on the
label's first line (`（一）  3 1 0 0 0 0 4`), the rest of the label runs on below them (`予以公` / `开`), over a
page break where the table breaks. Read as the label of the row below, those lines shifted rows (a row given
its neighbour's name and numbers). The text is made here from PDFs: the shared gold's tables laid out so
(`tests.table_layouts.PDF_TOP_STYLE`) and the dev PDFs of the authored set M.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import nlp
from nlp.tables.extract import read_tables
from nlp.tables.layout import group_lines
from nlp.tables.schema import compact
from nlp.tables.tokens import tokenize_line
from tests.table_layouts import PDF_STYLES, PDF_TOP_STYLE, cell_outcomes, pdf_layout_text, write_pdf_layout

SET_M = Path(__file__).parent / "gold" / "authored_m"


def _layout_outcomes(pdf: Path, gold: dict, folder: Path) -> tuple[Counter, list[str]]:
    text = folder / (pdf.stem + ".txt")
    text.write_text(pdf_layout_text(pdf), encoding="utf-8")
    return cell_outcomes(gold, read_tables(nlp.read_report(text)))


@pytest.mark.parametrize("doc_id", ["huaian_2024", "sh_office_2025", "hongze_2023"])
def test_shared_gold_with_labels_at_the_top_of_narrow_cells_reads_every_cell(gold_tables, tmp_path, doc_id):
    if doc_id not in gold_tables:
        pytest.skip(f"{doc_id} not in the shared gold")
    gold = gold_tables[doc_id]
    pdf = write_pdf_layout(gold, tmp_path / f"{doc_id}.pdf", PDF_TOP_STYLE)
    counts, bad = _layout_outcomes(pdf, gold, tmp_path)
    assert counts["wrong"] == 0, bad
    assert counts["right"] == sum(counts.values()) - counts["invented"], bad


def test_shared_gold_centred_labels_still_read_every_cell(gold_tables, tmp_path):
    gold = gold_tables.get("huaian_2024") or next(iter(gold_tables.values()))
    for style in PDF_STYLES:
        pdf = write_pdf_layout(gold, tmp_path / f"{style}.pdf", style)
        counts, bad = _layout_outcomes(pdf, gold, tmp_path)
        assert counts["wrong"] == 0 and counts["silent"] == 0, (style, bad)


@pytest.mark.parametrize("doc_id", ["M03", "M07", "M15"])
def test_set_m_dev_pdfs_copied_with_their_layout_read_every_cell(tmp_path, doc_id):
    """Dev files only (odd numbers): the held half of set M is only ever scored."""
    with (SET_M / "tables.jsonl").open(encoding="utf-8") as handle:
        gold = next(record for record in map(json.loads, handle) if record["doc_id"] == doc_id)
    counts, bad = _layout_outcomes(SET_M / f"{doc_id}.pdf", gold, tmp_path)
    assert counts["wrong"] == 0 and counts["silent"] == 0, bad


def _groups(*lines: str):
    tokenized = [tokenize_line(text, i) for i, text in enumerate(lines)]
    return group_lines([t for t in tokenized if t is not None])


def test_lines_below_a_top_aligned_label_are_its_rest():
    groups = _groups("（一）     3      1       0      0       0      0       4", "予以公", "开", "（二）     0      0       0      0       0      0       0", "部分公", "开")
    assert groups[0].inline == compact("（一）予以公开")
    assert groups[1].before == []


def test_a_centred_label_keeps_the_lines_above_it():
    # The lower row's numbers stand mid-label (its line starts with no item number): the lines above are its own.
    groups = _groups("（一）予以公开  3  1  0  0  0  0  4", "（二）部分公开（区分处理", "的，只计这一  0  0  0  0  0  0  0", "情形）")
    assert groups[0].inline == compact("（一）予以公开")
    assert groups[1].before == [compact("（二）部分公开（区分处理")]


def test_a_loose_row_label_or_a_wide_line_is_not_taken_for_the_rest_of_a_label():
    # `（三）不予公开` heads rows of its own; a line wider than the upper label's first line is no rest of it.
    headed = _groups("（二）  0  0  0  0  0  0  0", "（三）不予公开", "1.属于国家秘密  2  0  0  0  0  0  2")
    assert headed[1].before == [compact("（三）不予公开")]
    wide = _groups("（一）  3  1  0  0  0  0  4", "上年结转政府信息公开申请数量", "（二）  0  0  0  0  0  0  0")
    assert wide[0].inline == compact("（一）") and wide[1].before == [compact("上年结转政府信息公开申请数量")]
