"""A .docx whose tables stand in a page-frame table, in text boxes or in content controls, or whose row
labels are wrapped by hand inside their cells, reads the same text, sections and table cells as the
plain .docx — on every report with gold cells of ../shared (damage in `docx_frames`)."""

from __future__ import annotations

import pytest
from docx_frames import FRAMES, rewrite_docx
from makers import write_docx

import nlp
from nlp.read import read_text
from nlp.tables.extract import read_tables
from tests.conftest import gold_and_whole_report_texts


@pytest.fixture(scope="module")
def gold_texts(gold_tables) -> dict[str, str]:
    texts = gold_and_whole_report_texts()
    return {doc_id: texts[doc_id] for doc_id in sorted(gold_tables) if doc_id in texts}


def _cells(path) -> dict:
    extraction = read_tables(nlp.read_report(path))
    return {(c.table, c.row, c.col): c.value for c in extraction.cells}


@pytest.mark.parametrize("frame", sorted(FRAMES))
def test_a_framed_docx_reads_the_cells_of_the_plain_one(frame, gold_texts, gold_tables, tmp_path):
    assert len(gold_texts) >= 8
    damaged_reports = 0
    for doc_id, text in gold_texts.items():
        plain = write_docx(text, tmp_path / f"{doc_id}.docx")
        damaged = rewrite_docx(plain, tmp_path / f"{doc_id}_{frame}.docx", FRAMES[frame])
        if damaged.read_bytes() == plain.read_bytes():
            continue  # no Word table to move or wrap: the report's tables are lines of text
        damaged_reports += 1
        expected = _cells(plain)
        gold = {(c["table"], c["row"], c["col"]): c["value"] for c in gold_tables[doc_id]["cells"]}
        assert sum(expected.get(key) == value for key, value in gold.items()) >= 0.9 * len(gold), doc_id  # the plain docx is read
        assert _cells(damaged) == expected, (doc_id, frame)
        sections = [s.key for s in nlp.read_report(damaged).sections]
        assert sections == [s.key for s in nlp.read_report(plain).sections], (doc_id, frame)
    assert damaged_reports >= 5


def test_a_text_box_is_read_once_and_where_it_is_anchored(tmp_path):
    text = "一、总体情况\n本机关全年公开信息12条。\n表\t本年新收\n合计\t3\n二、主动公开政府信息情况\n见上表。"
    plain = write_docx(text, tmp_path / "plain.docx")
    boxed = rewrite_docx(plain, tmp_path / "boxed.docx", FRAMES["text_boxes"])
    lines = [line for line in read_text(boxed).split("\n") if line.strip()]
    assert lines.count("合计\t3") == 1
    assert lines.index("合计\t3") < lines.index("二、主动公开政府信息情况")


def test_a_hand_wrapped_label_is_one_field(tmp_path):
    plain = write_docx("信息内容\t本年制发件数\n行政规范性文件\t2", tmp_path / "plain.docx")
    wrapped = rewrite_docx(plain, tmp_path / "wrapped.docx", FRAMES["wrapped_labels"])
    assert "<w:br/>" in __import__("zipfile").ZipFile(wrapped).read("word/document.xml").decode()
    assert read_text(wrapped).split("\n")[-1] == "行政规范性文件\t2"
