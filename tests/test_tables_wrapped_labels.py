"""Tables whose row labels wrap in a narrow column, printed without rules (struct14).

A Word table with label columns three or four characters wide, converted to PDF without its borders, reads as
lines of a label's first characters and the row's numbers, the rest of the label on the lines below
(`（三） 1.属于 0 0 0 0 0 0 0` / `不予公 国家秘` / `开 密`). The reader cannot tell every row by such labels and reads
the table only in part. Whatever it reads, what it could not read is never laid on the report: neither the rows
whose labels it did not find (`rows_complete`) nor a narrative count that only an unread row could confirm
(`narrative_agrees`).

Made here from the shared gold reports (their table 三's labels wrapped as such a PDF gives them) and from set Y's
development .docx files (odd numbers), their tables' borders taken off and converted with LibreOffice.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import nlp
from nlp.findings import EXTRACTION, FAIL, REPORT, UNCERTAIN
from nlp.tables.checks import blamed_on_report, check_report
from nlp.tables.extract import read_tables
from tests.makers import unruled_pdf_from_docx
from tests.table_layouts import report_cell_outcomes
from tests.test_findings_fair import GOLD_DOCS, _first, _gold, _parse, clean_lines

SET_Y = Path(__file__).parent / "gold" / "authored_y"
REQUESTS_TITLE = r"收到和处理政府信息公开申请"
#: How many characters of a label a narrow column holds on a line.
_WIDTH = 3
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def wrap_labels(line: str) -> list[str]:
    """A table row (cells by tabs) as an unruled PDF with narrow label columns prints it: the first characters of
    each label with the numbers, then the rest of the labels a few characters a line."""
    cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
    labels = [cell for cell in cells if not _NUMBER.match(cell)]
    numbers = [cell for cell in cells if _NUMBER.match(cell)]
    if not labels or not numbers:
        return [line]
    pieces = [[label[i : i + _WIDTH] for i in range(0, len(label), _WIDTH)] for label in labels]
    out = [" ".join([piece[0] for piece in pieces] + numbers)]
    for depth in range(1, max(len(piece) for piece in pieces)):
        out.append(" ".join(piece[depth] for piece in pieces if depth < len(piece)))
    return out


def wrapped_requests_table(lines: tuple[str, ...]) -> list[str]:
    """The report's lines with table 三's rows wrapped (`wrap_labels`), up to table 四's title."""
    start = _first(lines, REQUESTS_TITLE)
    end = _first(lines, r"行政复议.{0,3}行政诉讼", start + 1)
    return [*lines[: start + 1], *(part for line in lines[start + 1 : end] for part in wrap_labels(line)), *lines[end:]]


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_a_table_read_in_part_for_its_wrapped_labels_is_never_the_reports_fault(doc_id):
    lines = clean_lines(doc_id)
    before = {f.id for f in blamed_on_report(check_report(_parse(lines)))}
    report = _parse(wrapped_requests_table(lines))
    extraction = read_tables(report)
    gold = {(c["table"], c["row"], c["col"]) for c in _gold(doc_id)["cells"] if c["table"] == "requests"}
    read = {(c.table, c.row, c.col) for c in extraction.cells if c.table == "requests"}
    if gold <= read:
        pytest.skip("the wrapped table was still read whole")
    findings = check_report(report, extraction)
    # What the report was blamed for as written it may still be blamed for; nothing more.
    assert {f.id for f in blamed_on_report(findings)} <= before, [f.message for f in blamed_on_report(findings)]
    rows = next(f for f in findings if f.id == "tables.rows.requests")
    assert rows.status != FAIL or rows.fault != REPORT, rows.message


def test_wrapping_keeps_the_numbers_on_the_labels_first_line():
    assert wrap_labels("\t\t7.属于行政执法案卷\t9\t0\t0\t0\t0\t0\t9") == ["7.属 9 0 0 0 0 0 9", "于行政", "执法案", "卷"]
    assert wrap_labels("三、收到和处理政府信息公开申请情况") == ["三、收到和处理政府信息公开申请情况"]


def _unruled_pdf(doc_id: str, folder: Path) -> Path:
    """Set Y's development .docx with its tables' borders taken off, converted to PDF by LibreOffice."""
    return unruled_pdf_from_docx(SET_Y / f"{doc_id}.docx", folder)


def _set_y_gold(doc_id: str) -> dict:
    """Set Y's gold cells of one report (`tables.jsonl`)."""
    with (SET_Y / "tables.jsonl").open(encoding="utf-8") as handle:
        return next(record for record in map(json.loads, handle) if record["doc_id"] == doc_id)


_NEEDS_SOFFICE = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


@_NEEDS_SOFFICE
@pytest.mark.parametrize("label_twips", [None, 500])
def test_a_set_y_dev_report_without_table_rules_and_with_blank_cells_is_read_whole(tmp_path, label_twips):
    """Y05 prints some cells of table 三 blank, the same columns on every row of a page: without rules the line of a
    row holds fewer numbers than the table has columns. Each number goes to the column it stands under, as the rows
    that print every column place them, over the page break too (`nlp.read.blankcells`): every cell is read, none
    wrong, and the report is not blamed. Dev file only (odd number): the held half of set Y is only ever scored."""
    report = nlp.read_report(unruled_pdf_from_docx(SET_Y / "Y05.docx", tmp_path, label_twips))
    gold = _set_y_gold("Y05")
    counts, bad = report_cell_outcomes(gold, report)
    assert counts["wrong"] == 0 and counts["silent"] == 0 and counts["warned"] == 0, bad
    assert not blamed_on_report(check_report(report)), [f.message for f in blamed_on_report(check_report(report))]


@_NEEDS_SOFFICE
@pytest.mark.parametrize("doc_id", ["Y01", "Y07"])
def test_set_y_dev_reports_without_table_rules_have_table_three_read(tmp_path, doc_id):
    """Table 三's title is found under its section's heading, not at the overview's `（二）依申请公开情况`, whose
    wrapped sentence (`…收到政府信息公开申请26件，上年结转1件，…`) names the table's words: every cell read is right and
    none is lost without a word."""
    report = nlp.read_report(_unruled_pdf(doc_id, tmp_path))
    gold = _set_y_gold(doc_id)
    counts, bad = report_cell_outcomes(gold, report)
    assert counts["wrong"] == 0 and counts["silent"] == 0, bad
    assert counts["right"] >= 0.95 * sum(counts[outcome] for outcome in ("right", "warned", "silent", "wrong")), counts
    assert not blamed_on_report(check_report(report))


@_NEEDS_SOFFICE
@pytest.mark.parametrize("doc_id", ["Y01", "Y03"])
def test_rows_whose_labels_wrap_a_character_a_line_are_not_joined_as_prose(tmp_path, doc_id):
    """Table 三's label columns narrowed to three characters: a row's numbers stand on a line of their own with the
    first pieces of its labels (`（ 1. 0 0 0 0 0 0 0`), the labels' rest one character a line below. A row of numbers
    set apart reaches the page's right margin like a wrapped line of prose, but it is no prose: joined to the label
    character under it (`…0 0三`), the row had lost its last number, and its label the next row's first piece."""
    report = nlp.read_report(unruled_pdf_from_docx(SET_Y / f"{doc_id}.docx", tmp_path, 500))
    assert not re.search(r"\d[一-龥]", report.source_text.split("收到和处理政府信息公开申请情况")[-1].split("行政复议")[0])
    gold = _set_y_gold(doc_id)
    counts, bad = report_cell_outcomes(gold, report)
    assert counts["wrong"] == 0 and counts["silent"] == 0, bad


@pytest.mark.parametrize("doc_id", GOLD_DOCS)
def test_a_row_missing_beside_a_row_seen_but_not_read_is_the_extractions(doc_id):
    """A row whose label stands in table 三 but whose numbers could not be placed, and the next row not found at all:
    the table was read only in part, so the missing row is not laid on the report (a row missing alone still is:
    `test_findings_fair_kinds.test_a_printed_table_without_a_row_is_still_the_reports_fault`)."""
    lines = list(clean_lines(doc_id))
    seventh = next((i for i, line in enumerate(lines) if "7.属于行政执法案卷" in line and "\t" in line), None)
    if seventh is None or "8.属于行政查询事项" not in lines[seventh + 1]:
        pytest.skip("no 7. and 8. rows of table 三 one after the other")
    damaged = [*lines[:seventh], "\t\t7.属于行政执法案卷", *lines[seventh + 2 :]]
    rows = next(f for f in check_report(_parse(damaged)) if f.id == "tables.rows.requests")
    assert (rows.status, rows.fault) == (UNCERTAIN, EXTRACTION), rows.message
    assert "denied_admin_query" in rows.message
