"""The checks' text evidence: built once per report, and its label search equals the plain one.

`check_report` builds a report's `TextEvidence` at most once and lends it to the presence checks and
the audits; `TextEvidence.row_labels` starts each row's search where the first strong label of the
table stands. Both are checked against the plain computations on the seed reports, damaged the ways
that make the checks look for evidence: tables cut out, numbers lost, a section heading removed.
"""

from __future__ import annotations

import re

import pytest

import nlp
from nlp.structure import parse_text
from nlp.tables import audits, checks, evidence
from nlp.tables.evidence import _NUMBER_AFTER, LazyEvidence, Seen, TextEvidence, _first_label
from nlp.tables.extract import read_tables
from nlp.tables.layout import is_prose_text
from nlp.tables.narrative import narrative_findings
from nlp.tables.schema import TABLE_KEYS, TEMPLATE_2019, TEMPLATE_2021
from tests import damage
from tests.conftest import shared_path

_NUMBER = re.compile(r"\d+")


def _variants(text: str) -> list[str]:
    """The report, and damaged copies: its numbers gone (tables unread, their words left), its
    table 三 cut out, a section heading dropped (a numbering gap), glued into one line."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if "收到和处理" in line), None)
    end = next((i for i, line in enumerate(lines) if "行政复议" in line and i > (start or 0)), None)
    cut = "\n".join(lines[:start] + lines[end:]) if start is not None and end is not None else text
    no_heading = "\n".join(line for line in lines if not re.match(r"^\s*三[、.．]", line))
    return [text, _NUMBER.sub("", text), cut, no_heading, damage.join_lines(text), damage.numbers_on_own_lines(text)]


@pytest.fixture(scope="module")
def reports() -> list[nlp.Report]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(shared_path("seeds").glob("*.txt"))]
    return [parse_text(variant, doc_id=f"r{i}-{j}") for i, text in enumerate(texts) for j, variant in enumerate(_variants(text))]


def _plain_row_labels(found_in: TextEvidence, table: str, rows: list[str] | None = None) -> dict[str, Seen]:
    """`row_labels` as first written: every row's search from the start of the text."""
    found: dict[str, Seen] = {}
    for template in (TEMPLATE_2021, TEMPLATE_2019):
        for row in template.table(table).rows:
            if row.key in found or (rows is not None and row.key not in rows):
                continue
            for match in row.strong_re.finditer(found_in.text):
                i = found_in.paragraph_at(match.start())
                if not is_prose_text(found_in.paragraphs[i].text) or _NUMBER_AFTER.match(found_in.text[match.end() : match.end() + 12]):
                    found[row.key] = Seen("row label", found_in.line_of(match.start()), match.group(0))
                    break
    return found


def test_row_labels_equal_the_search_from_the_start(reports: list[nlp.Report]) -> None:
    seen = 0
    for report in reports:
        text_evidence = TextEvidence(report)
        for table in TABLE_KEYS:
            expected = _plain_row_labels(text_evidence, table)
            assert text_evidence.row_labels(table) == expected
            some = sorted(expected)[::2]
            assert text_evidence.row_labels(table, some) == _plain_row_labels(text_evidence, table, some)
            seen += len(expected)
    assert seen > 50


def test_the_first_label_is_the_earliest_match_of_any_row(reports: list[nlp.Report]) -> None:
    texts = [TextEvidence(report).text for report in reports] + ["", "其他", "(七)总计", "无关的文字" * 50 + "其它"]
    for text in texts:
        for table in TABLE_KEYS:
            starts = [m.start() for t in (TEMPLATE_2021, TEMPLATE_2019) for row in t.table(table).rows if (m := row.strong_re.search(text))]
            assert _first_label(table, text) == (min(starts) if starts else None)


def test_check_report_builds_the_text_evidence_once(reports: list[nlp.Report], monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []

    class Counted(TextEvidence):
        def __init__(self, report: nlp.Report) -> None:
            built.append(id(report))
            super().__init__(report)

    monkeypatch.setattr(evidence, "TextEvidence", Counted)
    monkeypatch.setattr(checks, "TextEvidence", Counted)
    needed = 0
    for report in reports:
        extraction = read_tables(report)
        built.clear()
        shared = checks.check_report(report, extraction)
        assert len(built) <= 1
        needed += len(built)
        # each check on its own (its own evidence) finds the same
        alone = checks.table_findings(extraction, report) + narrative_findings(report, extraction) + audits.audit_report(report, extraction)
        assert [f.to_dict() for f in shared] == [f.to_dict() for f in alone]
    assert needed >= 5  # the damage made the checks look for evidence


def test_lazy_evidence_builds_on_first_ask_only(reports: list[nlp.Report]) -> None:
    lazy = LazyEvidence(reports[0])
    assert lazy._evidence is None
    first = lazy.get()
    assert lazy.get() is first
    assert first.text == TextEvidence(reports[0]).text


def test_narrative_claims_equal_those_found_without_the_sentence_screen(reports: list[nlp.Report], monkeypatch: pytest.MonkeyPatch) -> None:
    from nlp.tables import narrative

    written = [
        "本年度共收到政府信息公开申请12件，办结12件。", "全年未发生行政复议和行政诉讼。", "没有收到申请。",
        "无因政府信息公开被申请行政复议、提起行政诉讼的情况。", "行政复议3宗，维持2起，纠正1起。", "发布规章2件。",
        "收到申请１２件。", "本年度新收申请1,234件，上年结转5件；转结下年度办理9件。",
    ]
    texts = written + [p.text for report in reports for p in report.paragraphs if p.kind == "narrative"]
    screened = [narrative.claims_in(text) for text in texts]
    monkeypatch.setattr(narrative, "_may_state_a_count", lambda sentence: True)
    assert screened == [narrative.claims_in(text) for text in texts]
    assert sum(len(found) for found in screened) > 20
