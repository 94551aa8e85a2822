"""Tables as attachments after the sign-off (`tests/damage_attachments.py`, made from the shared gold): each table
under `附件N` and its title at the report's end, its section pointing to it. Every gold cell is read: the table's
region starts at the attachment's title (the section's own title has no table under it), and the attachment's
number is no figure of the table."""

from __future__ import annotations

import pytest

import nlp
from nlp.tables.extract import read_tables
from nlp.tables.tokens import tokenize_line
from tests.conftest import source_file
from tests.damage import ATTACHMENT_TITLES, tables_as_attachments
from tests.table_layouts import cell_outcomes
from tests.test_damage import GOLD_DOCS
from tests.test_ocr import _gold


@pytest.mark.parametrize("wording", list(ATTACHMENT_TITLES))
@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_tables_as_attachments_keep_every_gold_cell(doc_id, wording, tmp_path):
    text = nlp.read_text(source_file(doc_id))
    damaged = tables_as_attachments(text, ATTACHMENT_TITLES[wording])
    path = tmp_path / f"{doc_id}.txt"
    path.write_text(damaged, encoding="utf-8")
    report = nlp.read_report(path)
    counts, bad = cell_outcomes(_gold(doc_id), read_tables(report))
    assert counts["wrong"] == counts["invented"] == counts["silent"] == counts["warned"] == 0, bad
    # the sections are those of the report as written
    assert set(nlp.parse_text(text).section_keys) <= set(report.section_keys)


@pytest.mark.parametrize("line", ["附件1：主动公开政府信息情况统计表", "附件 2", "详见附件3。", "附表12 收到和处理政府信息公开申请情况"])
def test_an_attachments_number_is_no_figure(line):
    tokens = tokenize_line(line)
    assert tokens is not None and not tokens.values


def test_a_figure_after_an_attachment_mark_is_still_one():
    tokens = tokenize_line("附件1\t行政许可\t550")
    assert tokens is not None and [t.value for t in tokens.values] == [550]


_WRITTEN = """某市某局2023年政府信息公开工作年度报告
一、总体情况
本年度我局认真落实条例要求，全面推进政务公开。
二、主动公开政府信息情况
详见附件1。
三、收到和处理政府信息公开申请情况
本年度未收到政府信息公开申请。
四、政府信息公开行政复议、行政诉讼情况
详见附件2。
五、存在的主要问题及改进情况
公开内容不够全面，解读形式较为单一。
六、其他需要报告的事项
本年度未收取信息处理费。
某市某局
2024年1月20日
{first}
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t2\t1\t14
附件2
政府信息公开行政复议、行政诉讼情况
行政复议\t\t\t\t\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0
"""


@pytest.mark.parametrize("first", ["附件1：主动公开政府信息情况统计表", "附件1\n主动公开政府信息情况", "附表1 主动公开政府信息情况"])
def test_the_sign_off_before_attachments_is_meta_and_their_titles_headings(first):
    # Written here: the agency's name and the date, then the attachments: the sign-off is the page's, the
    # attachment's title a heading (no unit for the classifier), the tables read.
    report = nlp.parse_text(_WRITTEN.format(first=first))
    kinds = {p.text: p.kind for p in report.paragraphs}
    assert kinds["某市某局"] == kinds["2024年1月20日"] == "meta"
    assert kinds[first.split("\n")[0]] == "heading"
    cells = {(c.table, c.row, c.col): c.value for c in read_tables(report).cells}
    assert cells[("active", "normative_documents", "in_force")] == 14 and cells[("review_litigation", "review", "upheld")] == 1
