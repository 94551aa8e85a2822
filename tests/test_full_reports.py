"""The 31 whole crawled reports of ../shared/corpus/full_reports.jsonl: every number on a line of its own.

Each must give the template's six sections, and their labelled narrative paragraphs
(../shared/labels/full_reports.jsonl) must come back as the parser's paragraphs. The thresholds are on
all 31 reports; benchmarks/eval_full_reports.py reports the development half (the agencies the rules
for fragmented pages were written looking at) and the held-out half apart.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache

import pytest

import nlp
from nlp.normalize import comparable
from tests.conftest import shared_path, whole_reports

#: Share of labelled narrative units the parser must reproduce exactly (measured 71.5 % on all 31
#: reports, 74.4 % development, 67.3 % held-out: see docs/benchmarks.md).
NARRATIVE_UNITS_FOUND = 0.68
#: … counting also the units that come back as a run-in heading and its paragraph, two paragraphs
#: where the page's markup made one (measured 86.4 %).
NARRATIVE_CONTENT_FOUND = 0.84
#: Share of labelled headings reproduced (measured 98.9 %).
HEADING_UNITS_FOUND = 0.96


@cache
def _units() -> dict[str, list[dict]]:
    units: dict[str, list[dict]] = defaultdict(list)
    with shared_path("labels", "full_reports.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            units[record["doc_id"]].append(record)
    return units


@cache
def _parsed(doc_id: str) -> nlp.Report:
    record = next(r for r in whole_reports() if r["doc_id"] == doc_id)
    return nlp.parse_text(record["text"], doc_id=doc_id)


def _doc_ids() -> list[str]:
    try:
        return [r["doc_id"] for r in whole_reports()]
    except pytest.skip.Exception:
        return ["absent"]


@pytest.mark.parametrize("doc_id", _doc_ids())
def test_full_report_gives_six_sections(doc_id):
    if doc_id == "absent":
        pytest.skip("../shared/corpus/full_reports.jsonl is absent")
    report = _parsed(doc_id)
    assert set(nlp.SECTION_KEYS) <= set(report.section_keys), report.section_keys


def _found(kind: str) -> tuple[int, int, int]:
    """Labelled units of `kind`: how many, how many come back exactly, and how many as a short heading
    paragraph followed by the rest (a run-in heading the page put in its paragraph's element)."""
    total = exact = split = 0
    for record in whole_reports():
        produced = [comparable(p.text) for p in _parsed(record["doc_id"]).paragraphs]
        pairs = {first + second for first, second in zip(produced, produced[1:], strict=False) if len(first) <= 40}
        for unit in _units()[record["doc_id"]]:
            if unit["kind"] == kind:
                total += 1
                text = comparable(unit["text"])
                exact += text in produced
                split += text not in produced and text in pairs
    return total, exact, split


def test_labelled_narrative_paragraphs_come_back():
    total, exact, split = _found("narrative")
    assert total > 300
    assert exact / total >= NARRATIVE_UNITS_FOUND, f"{exact} of {total} labelled narrative units reproduced"
    assert (exact + split) / total >= NARRATIVE_CONTENT_FOUND, f"{exact} + {split} of {total}"


def test_labelled_headings_come_back():
    total, exact, _ = _found("heading")
    assert total > 300
    assert exact / total >= HEADING_UNITS_FOUND, f"{exact} of {total} labelled headings reproduced"


def test_problems_and_improvements_stay_in_section_five():
    """Units labelled problem or improvement that come back lie in section 五 (or 六's report of last year's work)."""
    placed = misplaced = 0
    for record in whole_reports():
        by_text = {comparable(p.text): p for p in _parsed(record["doc_id"]).paragraphs}
        for unit in _units()[record["doc_id"]]:
            paragraph = by_text.get(comparable(unit["text"]))
            if paragraph is None or unit.get("label") not in ("problem", "improvement"):
                continue
            placed += 1
            misplaced += paragraph.section not in ("problems_improvements", "other_matters")
    assert placed >= 20
    assert misplaced == 0


def test_table_number_lines_stay_lines():
    """Inside the tables the numbers keep their lines: the table reader places them, not the normaliser."""
    for record in whole_reports():
        report = _parsed(record["doc_id"])
        table_lines = [p.text for p in report.paragraphs if p.kind == "table"]
        assert table_lines, record["doc_id"]
        assert sum(text.isdigit() for text in table_lines) >= 5, record["doc_id"]
