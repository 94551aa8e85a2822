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
