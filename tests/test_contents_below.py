"""A table of contents wherever it stands before the first section heading (`nlp.structure.contents`), found once by
the parser and carried on the report (`Report.contents`) for the table reader (`nlp.tables.reportlines`).

A crawled page's header (banner, a site map of menus, breadcrumbs, fields) pushes the contents some 65 lines down,
below where they were looked for (the first 60 lines): the contents' titles then opened sections or stood as prose.
"""

from __future__ import annotations

import nlp
from nlp.structure import parse_text
from nlp.tables.extract import read_tables
from nlp.tables.reportlines import report_lines
from tests.conftest import source_file
from tests.damage import page_header_above, table_of_contents_below_page_header
from tests.table_layouts import cell_outcomes

_BODY = "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，各项工作有序推进。"
_TITLES = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项"]


def _written(header_lines: int) -> str:
    header = [f"· 栏目{number}" for number in range(header_lines)]
    contents = ["目　录", *(f"{title}……………{page}" for page, title in enumerate(_TITLES, start=1))]
    return "\n".join([*header, "某县某局2023年政府信息公开工作年度报告", *contents, *(f"{t}\n{_BODY}" for t in _TITLES)])


def test_contents_below_a_long_page_header_are_meta_and_carried_on_the_report():
    report = parse_text(_written(80))
    listed = [p for p in report.paragraphs if "……" in p.text or p.text.replace(" ", "") == "目录"]
    assert len(listed) == 5 and listed[0].index >= 60  # below where the contents were looked for before
    assert report.contents == [p.index for p in listed] and {p.kind for p in listed} == {"meta"}
    assert [(s.key, s.paragraphs[0].text) for s in report.sections if s.title] == [
        ("overview", _TITLES[0]), ("active", _TITLES[1]), ("requests", _TITLES[2]), ("other_matters", _TITLES[3])]


def test_a_list_under_a_contents_line_after_the_first_section_is_no_contents():
    """After the first section heading a `目录` line heads a list of the report's own (a catalogue), not contents."""
    lines = ["某县某局2023年政府信息公开工作年度报告", _TITLES[0], _BODY, "目录", *(f"{title}……………{page}" for page, title in enumerate(_TITLES[1:], start=2))]
    report = parse_text("\n".join([*(f"· 栏目{n}" for n in range(70)), *lines, *(f"{t}\n{_BODY}" for t in _TITLES[1:])]))
    assert report.contents == []


def test_the_table_reader_leaves_out_what_the_parser_found_and_only_that():
    report = parse_text(_written(80))
    lines = report_lines(report)
    assert [index for index, line in enumerate(lines) if not line] == report.contents
    report.contents = []  # the reader does not look for the contents again
    assert all(report_lines(report))


def test_gold_tables_are_read_with_the_contents_below_a_page_header(gold_tables):
    """Every gold cell right (none left out silently, wrong or invented) and the sections of the report as written,
    with the contents some 65 lines down; the contents found on each report the damage gave them."""
    found = 0
    for doc_id, gold in gold_tables.items():
        text = nlp.read_text(source_file(doc_id))
        damaged = table_of_contents_below_page_header(text)
        report = parse_text(damaged, doc_id=doc_id)
        counts, bad = cell_outcomes(gold, read_tables(report))
        assert counts["silent"] == counts["wrong"] == counts["invented"] == 0, (doc_id, bad[:3])
        assert report.section_keys == parse_text(page_header_above(text)).section_keys == parse_text(text).section_keys, doc_id
        found += bool(report.contents)
    assert found >= 8
