"""The third authored held-out set (tests/gold/authored_c/README.md): 16 whole reports written by a third
clean-room session, each also as its agency's web page (eight CMS body shapes, tables as HTML with merged
headers, three pages in GBK without a charset), labelled by the writer and blind by a second labeller. The
shipped classifier trained on the dev halves of sets a, b, c, e (never on a held report), so its figures here are
of a writer it has read; `benchmarks/eval_writers.py --writers` gives the leave-one-writer-out figures.

Floors are a little under what `benchmarks/eval_authored.py --set c --part held` and
`benchmarks/eval_authored_pages.py --part held` measure (docs/benchmarks.md), on the held part only (even
numbers: only ever scored).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import authored_sets

FOLDER = Path(__file__).parent / "gold" / "authored_c"
#: Measured on the held part (139 units, 8 reports) on arrival: 0.945 with context, 0.829 alone, 0.926 end to
#: end from the web pages; boilerplate ROC AUC 0.967 on the units whose flag both labellers agree on.
WITH_CONTEXT_FLOOR = 0.91
ALONE_FLOOR = 0.78
END_TO_END_FLOOR = 0.89
BOILERPLATE_FLOOR = 0.94


def _records() -> list[dict]:
    return authored_sets.records(FOLDER / "reports.jsonl")


def _page_bytes(record: dict) -> bytes:
    """The page as its server sends it (three are GBK without a charset: README)."""
    return record["html"].encode(record["page"]["encoding"])


@pytest.fixture(scope="module")
def held_units():
    return authored_sets.held_units(FOLDER / "labels.jsonl")


@pytest.mark.parametrize("labels", ["labels.jsonl", "second_labels.jsonl"])
def test_every_line_of_a_report_is_one_labelled_unit_and_every_narrative_unit_is_on_the_page(labels):
    from nlp.read import read_bytes

    units = authored_sets.units_by_report(FOLDER / labels)
    reports = _records()
    assert len(reports) == 16
    for report in reports:
        # the page, read as a user's .html file is, holds every narrative unit in order
        page = read_bytes(_page_bytes(report), f"{report['doc_id']}.html")
        authored_sets.assert_lines_labelled_and_narrative_in(units[report["doc_id"]], report["text"], page)


def test_the_shipped_classifier_holds_on_the_held_part(held_units):
    scores = authored_sets.scores_with_context_and_alone(held_units)
    with_context, alone = scores.with_context, scores.alone
    assert with_context >= WITH_CONTEXT_FLOOR, with_context
    assert alone >= ALONE_FLOOR, alone
    assert not scores.trails_alone(), scores  # see test_authored_files


def test_the_shipped_classifier_holds_end_to_end_on_the_web_pages(held_units):
    from nlp.read import read_bytes

    pages = {r["doc_id"]: read_bytes(_page_bytes(r), f"{r['doc_id']}.html") for r in _records()}
    scored, score = authored_sets.end_to_end_score(held_units, pages)
    assert scored >= 130
    assert score >= END_TO_END_FLOOR, score


def test_the_boilerplate_score_ranks_the_agreed_generic_units(held_units):
    generic, auc = authored_sets.agreed_boilerplate_auc(held_units, FOLDER / "second_labels.jsonl")
    assert generic >= 20
    assert auc >= BOILERPLATE_FLOOR, auc


def test_the_pages_give_the_clean_texts_sections_and_table_cells():
    """Read from the page, every held report has the sections and the non-blank table cells its clean text
    gives, no cell with another value."""
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from eval_authored_pages import cells_of, read_both

    for record in (r for r in _records() if authored_sets.held(r["doc_id"])):
        (page_report, page_tables, _), (text_report, text_tables, _) = read_both(record)
        assert page_report.section_keys == text_report.section_keys, record["doc_id"]
        page_cells, text_cells = cells_of(page_tables), cells_of(text_tables)
        assert all(page_cells.get(key) in (value, None) for key, value in text_cells.items()), record["doc_id"]
        assert all(page_cells[key] == value for key, value in text_cells.items() if value), record["doc_id"]
