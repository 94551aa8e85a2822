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

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import nlp
from nlp.findings import EXTRACTION, FAIL, REPORT, UNCERTAIN
from nlp.tables.checks import blamed_on_report, check_report
from nlp.tables.extract import read_tables
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
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(SET_Y / f"{doc_id}.docx"))
    for table in document.tables:
        table.style = document.styles["Normal Table"]
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        if borders is not None:
            table._tbl.tblPr.remove(borders)
        for cell in table._tbl.iter(qn("w:tc")):
            if cell.tcPr is not None and (own := cell.tcPr.find(qn("w:tcBorders"))) is not None:
                cell.tcPr.remove(own)
    source = folder / f"{doc_id}.docx"
    document.save(str(source))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{folder / 'lo'}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return folder / f"{doc_id}.pdf"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("doc_id", ["Y01", "Y05"])
def test_set_y_dev_reports_without_table_rules_are_not_blamed(tmp_path, doc_id):
    """Dev files only (odd numbers): the held half of set Y is only ever scored."""
    report = nlp.read_report(_unruled_pdf(doc_id, tmp_path))
    extraction = read_tables(report)
    findings = check_report(report, extraction)
    assert len(extraction.rows("requests")) < 20  # read only in part: the damage is there
    assert not blamed_on_report(findings), [f.message for f in blamed_on_report(findings)]
    unfair = [f for f in findings if f.rule in ("rows_complete", "narrative_agrees") and f.status == UNCERTAIN and f.fault == EXTRACTION]
    assert unfair, "the rows or counts the reading could not confirm are named as the extraction's"
