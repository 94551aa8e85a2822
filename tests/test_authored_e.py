"""The fourth authored held-out set (tests/gold/authored_e/README.md): 16 whole reports written by a fourth
clean-room session as the Word documents and PDFs agencies publish (heading styles, soft returns, Word numbering,
landscape and split tables; PDF paragraphs wrapped at the page width, running heads and feet, tables broken over
pages, a cover page with a contents list), labelled by the writer and blind by a second labeller, with the
sections' heading lines and the table cells as printed. The shipped models never saw them.

Floors are a little under what `benchmarks/eval_authored.py --set e --part held` and
`benchmarks/eval_authored_files.py --part held` measure (docs/benchmarks.md), on the held part only (even
numbers: only ever scored).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests import authored_sets

FOLDER = Path(__file__).parent / "gold" / "authored_e"
#: Measured on the held part (121 narrative units, 8 reports), scored once after this round's changes: 0.983 with
#: context, 0.859 alone, 0.968 end to end from the files; boilerplate ROC AUC 0.992 on the units whose flag both
#: labellers agree on; 1,196 of 1,196 table cells of the 2019/2021 reports right.
WITH_CONTEXT_FLOOR = 0.95
ALONE_FLOOR = 0.82
END_TO_END_FLOOR = 0.93
BOILERPLATE_FLOOR = 0.96
CELLS_RIGHT_FLOOR = 1150


def _records() -> list[dict]:
    return authored_sets.records(FOLDER / "reports.jsonl")


@pytest.fixture(scope="module")
def held_units():
    return authored_sets.held_units(FOLDER / "labels.jsonl")


@pytest.fixture(scope="module")
def file_texts() -> dict[str, str]:
    """Each report's file as `nlp.read_text` reads it."""
    import nlp

    return {r["doc_id"]: nlp.read_text(FOLDER / r["file"]) for r in _records()}


@pytest.mark.parametrize("labels", ["labels.jsonl", "second_labels.jsonl"])
def test_every_line_of_a_report_is_one_labelled_unit_and_every_narrative_unit_is_in_its_file(labels, file_texts):
    units = authored_sets.units_by_report(FOLDER / labels)
    reports = _records()
    assert len(reports) == 16 and {Path(r["file"]).suffix for r in reports} == {".docx", ".pdf"}
    for report in reports:
        authored_sets.assert_lines_labelled_and_narrative_in(units[report["doc_id"]], report["text"], file_texts[report["doc_id"]])


def test_the_shipped_classifier_holds_on_the_held_part(held_units):
    with_context, alone = authored_sets.scores_with_context_and_alone(held_units)
    assert with_context >= WITH_CONTEXT_FLOOR, with_context
    assert alone >= ALONE_FLOOR, alone
    assert with_context > alone, (with_context, alone)


def test_the_shipped_classifier_holds_end_to_end_on_the_files(held_units, file_texts):
    scored, score = authored_sets.end_to_end_score(held_units, file_texts)
    assert scored >= 115
    assert score >= END_TO_END_FLOOR, score


def test_the_boilerplate_score_ranks_the_agreed_generic_units(held_units):
    generic, auc = authored_sets.agreed_boilerplate_auc(held_units, FOLDER / "second_labels.jsonl")
    assert generic >= 20
    assert auc >= BOILERPLATE_FLOOR, auc


def test_the_files_give_the_writers_sections_and_narrative_in_its_section(file_texts):
    """Read from the file, every held report has each section its writer marked, and its narrative units stand in
    the section the writer put them in, as from its clean text."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from eval_authored_files import read_jsonl, score_reading

    from nlp.structure import parse_text

    labels: dict[str, list[dict]] = {}
    for unit in read_jsonl("labels.jsonl"):
        labels.setdefault(unit["doc_id"], []).append(unit)
    sections = {s["doc_id"]: s for s in read_jsonl("sections.jsonl")}
    for record in (r for r in _records() if authored_sets.held(r["doc_id"])):
        doc_id = record["doc_id"]
        from_file = score_reading(parse_text(file_texts[doc_id], doc_id=doc_id), record, sections[doc_id], labels[doc_id])
        from_text = score_reading(parse_text(record["text"], doc_id=doc_id), record, sections[doc_id], labels[doc_id])
        assert from_file["sections"] == from_file["sections_wanted"], doc_id
        assert from_file["placed"] >= from_text["placed"], (doc_id, from_file["misplaced"])


def test_the_files_give_every_table_cell_right_or_warned_and_none_wrong():
    """Every gold cell of the held reports on the 2019/2021 templates is read right from the Word or PDF file, or
    left out with a warning naming its row: none wrong, none invented, none left out silently."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from eval_authored_files import read_jsonl
    from eval_authored_tables import score_report

    tables = {t["doc_id"]: t for t in read_jsonl("tables.jsonl")}
    right = 0
    for record in (r for r in _records() if authored_sets.held(r["doc_id"]) and r["doc_id"] in tables):
        outcome = score_report({**tables[record["doc_id"]], "path": str(FOLDER / record["file"])})
        counts = outcome["counts"]
        assert counts["wrong"] == counts["invented"] == counts["silent"] == 0, (record["doc_id"], outcome["bad"][:3])
        right += counts["right"]
    assert right >= CELLS_RIGHT_FLOOR, right
