"""The per-report JSON keeps what the parser found about the whole report: a report written and read back
(`nlp.reportjson`) is the one analysed, on the shared gold and whole reports with a table of contents put in."""

from __future__ import annotations

import functools

import pytest

from nlp.pipeline import tables
from nlp.report import Report
from nlp.reportjson import from_json, to_json
from nlp.structure import parse_text
from tests.conftest import gold_and_whole_report_texts
from tests.damage_sections import table_of_contents


@functools.cache
def _texts() -> dict[str, str]:
    return gold_and_whole_report_texts()


def _analysed(doc_id: str, text: str) -> Report:
    report = parse_text(text, doc_id=doc_id, source=f"{doc_id}.txt")
    tables([report])  # the one step `to_json` needs; the models' steps add paragraph notes, kept as before
    return report


def _facts(report: Report) -> dict:
    """What a report holds besides its paragraphs' notes: the fields a reader of the JSON relies on."""
    return {
        "doc_id": report.doc_id, "title": report.title, "agency": report.agency, "year": report.year,
        "contents": report.contents, "page_fields": report.page_fields, "segmented": report.segmented,
        "next_report_line": report.next_report_line,
        "sections": [(s.key, s.title, s.number) for s in report.sections],
        "paragraphs": [(p.index, p.kind, p.text, p.start, p.end, p.section) for p in report.paragraphs],
    }  # fmt: skip


def test_a_report_read_back_keeps_its_contents_block_and_page_fields():
    texts = _texts()
    with_contents = 0
    for doc_id, text in texts.items():
        report = _analysed(doc_id, table_of_contents(text))
        with_contents += bool(report.contents)
        back = from_json(to_json(report))
        assert _facts(back) == _facts(report), doc_id
        assert to_json(back) == to_json(report), doc_id
    # The damage made a contents block the parser found in most reports: the test compared something.
    assert with_contents >= len(texts) * 0.8, (with_contents, len(texts))


def test_the_table_reader_skips_the_contents_of_a_report_read_back():
    """The contents block is what keeps the table reader off the titles listed there; read back, it still is."""
    from nlp.tables.extract import read_tables

    compared = 0
    for doc_id, text in list(_texts().items())[:12]:
        report = _analysed(doc_id, table_of_contents(text))
        if not report.contents:
            continue
        back = from_json(to_json(report))
        assert back.contents == report.contents
        assert read_tables(back).cells == read_tables(report).cells, doc_id
        compared += 1
    assert compared


def test_a_document_written_before_the_fields_reads_as_none():
    doc_id, text = next(iter(_texts().items()))
    report = _analysed(doc_id, table_of_contents(text))
    report.page_fields["url"] = "https://example.org/report.html"
    document = to_json(report)
    assert document["contents"] and document["page_fields"]
    for key in ("contents", "page_fields", "segmented", "next_report_line"):
        document.pop(key, None)
    old = from_json(document)
    assert old.contents == [] and old.page_fields == {} and old.segmented is False and old.next_report_line is None
    assert [p.text for p in old.paragraphs] == [p.text for p in report.paragraphs]


@pytest.mark.parametrize("segmented", [False, True])
def test_the_segmentation_mark_is_kept(segmented):
    doc_id, text = next(iter(_texts().items()))
    report = _analysed(doc_id, text)
    report.segmented = segmented
    document = to_json(report)
    assert ("segmented" in document) is segmented  # written only where it says something
    assert from_json(document).segmented is segmented


def test_where_another_report_begins_is_kept():
    """A text holding two reports (`nlp.structure.several`): the line the second begins on is written and read back;
    a text holding one report writes no such key."""
    doc_id, text = next(iter(_texts().items()))
    report = _analysed(doc_id, text + "\n\n" + text)
    assert report.next_report_line == text.count("\n") + 3
    document = to_json(report)
    assert document["next_report_line"] == report.next_report_line
    assert from_json(document).next_report_line == report.next_report_line
    assert "next_report_line" not in to_json(_analysed(doc_id, text))


def test_which_of_several_reports_is_kept():
    """Each report of a text holding several (`nlp.structure.parse_reports`): its number, of how many, and the line it
    begins on are written and read back; a text holding one report writes no such key."""
    from nlp.structure import parse_reports

    doc_id, text = next(iter(_texts().items()))
    reports = parse_reports(text + "\n\n" + text, doc_id=doc_id, source=f"{doc_id}.txt")
    assert [(r.part.number, r.part.of, r.part.line) for r in reports if r.part] == [(1, 2, 1), (2, 2, text.count("\n") + 3)]
    for report in reports:
        tables([report])
        document = to_json(report)
        assert document["part"] == report.part.to_dict()  # type: ignore[union-attr]
        assert from_json(document).part == report.part
    (alone,) = parse_reports(text, doc_id=doc_id)
    tables([alone])
    assert alone.part is None and "part" not in to_json(alone)
