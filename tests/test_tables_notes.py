"""A table's note (`注：本单位无规章制定权，规章项均为0。`) names a row and a figure: it is a sentence about the table, and
the row it names is still read from its own line. Made from the shared gold reports: the note put at the end of
table 二, before table 三's title."""

from __future__ import annotations

import pytest

from nlp.tables.extract import read_tables
from nlp.tables.tokens import tokenize_line
from tests.test_findings_fair import GOLD_DOCS, _first, _parse, clean_lines

NOTES = ("注：本单位无规章制定权，规章项均为0。", "说明：行政规范性文件2件为转发上级文件。", "备注:行政许可数量含变更登记3件;")


@pytest.mark.parametrize("note", NOTES)
@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_a_note_under_table_two_leaves_its_rows_as_they_were(doc_id, note):
    lines = list(clean_lines(doc_id))
    before = {(c.row, c.col): c.value for c in read_tables(_parse(lines)).cells if c.table == "active"}
    after_table = _first(lines, r"收到和处理政府信息公开申请")  # the next table's title: the note closes table 二
    damaged = [*lines[:after_table], note, *lines[after_table:]]
    after = {(c.row, c.col): c.value for c in read_tables(_parse(damaged)).cells if c.table == "active"}
    assert before and after == before


def test_a_note_is_one_text_token_and_a_row_is_not():
    for note in NOTES:
        assert [token.kind for token in tokenize_line(note).tokens] == ["text"], note
    assert [token.kind for token in tokenize_line("规章 0 0 0").tokens] == ["text", "num", "num", "num"]
