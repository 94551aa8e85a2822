"""The rules of TABLES.md as `Finding` records, plus whether the tables are there at all.

Every finding has a stable id (`requests.balance.total`, `review_litigation.row_total.review`,
`tables.missing.active`, …) so that runs can be compared. Status (`nlp.findings.FindingStatus`):

* `pass` – the rule holds on the cells as printed;
* `fail` – it does not, and the evidence is plain: the cells were read as printed, or the table
  is not in the text at all (neither its title nor its row labels nor its column headers):
  the report's fault (`fault="report"`);
* `uncertain` – it does not, but a cell involved was placed by a repair (a surplus number dropped,
  a digit run split, a row placed by its position), or a table or row is absent from what was
  read while its title or labels stand in the text: possibly our fault (`fault="extraction"`),
  and the message says what was seen and where (`title of table 四 at line 12; …`);
* `not_assessable` – a cell involved is missing or blank.

`check_report` runs these, the narrative cross-checks (`nlp.tables.narrative`) and the audits
(`nlp.tables.audits`). `docs/findings.md` sets out when a finding blames the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from nlp.findings import EXTRACTION, FAIL, NOT_ASSESSABLE, PASS, REPORT, UNCERTAIN
from nlp.ocrlayer import doubted, read_from_ocr
from nlp.pictures import picture_alt
from nlp.report import Finding
from nlp.tables.evidence import (
    MERGED_FORMS,
    TABLE_NUMERALS,
    LazyEvidence,
    Seen,
    TextEvidence,
    absent_rows,
    lost_stretches,
)
from nlp.tables.extract import TableExtraction, read_tables
from nlp.tables.oldtemplate import old_template_reason
from nlp.tables.pictures import table_pictures
from nlp.tables.schema import (
    BALANCE_IN,
    BALANCE_OUT,
    REQUEST_COLUMNS,
    REVIEW_COLUMNS,
    TABLE_KEYS,
    get_template,
    outcome_rows,
)
from nlp.tables.statedlines import STATED

if TYPE_CHECKING:  # pragma: no cover
    from nlp.report import Report

# Re-exported: callers imported the status names from here before `nlp.findings` existed.
__all__ = ["EXTRACTION", "FAIL", "NOT_ASSESSABLE", "PASS", "REPORT", "UNCERTAIN", "check_report", "rule_failures", "tables_record"]

#: Rules of TABLES.md (the arithmetic and the narrative); the audits are the other findings.
TABLE_RULES = frozenset(
    {"tables_present", "rows_complete", "requests_row_total", "requests_balance", "requests_outcomes_total", "review_row_total", "narrative_agrees"}
)

TABLE_TITLES = {"active": "二、主动公开政府信息情况", "requests": "三、收到和处理政府信息公开申请情况", "review_litigation": "四、行政复议、行政诉讼情况"}

Ref = tuple[str, str, str]  # (table, row, col)


def _refs(refs: Sequence[Ref]) -> list[dict[str, str]]:
    return [{"table": t, "row": r, "col": c} for t, r, c in refs]


def equality_rule(extraction: TableExtraction, finding_id: str, rule: str, left: Sequence[Ref], right: Sequence[Ref], what: str) -> Finding:
    """sum(`left`) = sum(`right`), judged on the extracted cells (`expected` is the left side)."""
    values = extraction.values()
    refs = [*left, *right]
    missing = [r for r in refs if r not in values]
    if missing:
        names = ", ".join(f"{r[1]}.{r[2]}" for r in missing[:4])
        return Finding(finding_id, rule, NOT_ASSESSABLE, f"{what}: cells not extracted ({names})", _refs(refs))
    # A cell printed blank (`—`, `/`, `无`, nothing) adds nothing to a sum: agencies print their zeros so.
    # A side printed all blank leaves nothing to compare with.
    if all(values[r] is None for r in left) or all(values[r] is None for r in right):
        return Finding(finding_id, rule, NOT_ASSESSABLE, f"{what}: blank cells", _refs(refs))
    expected = float(sum(values[r] or 0 for r in left))
    printed = float(sum(values[r] or 0 for r in right))
    # a row whose empty cells stand on its line (between its numbers, or all of them) was read as printed;
    # a collapsed blank row was not (`blankrows`)
    repaired = sorted({r[1] for r in refs if extraction.repaired(r[0], r[1])})
    blanks = sum(values[r] is None for r in refs)
    note = f" (rows {', '.join(repaired)} were placed by repair)" if repaired else ""
    note += f" ({blanks} blank cell{'s' if blanks > 1 else ''} counted as none)" if blanks else ""
    if abs(expected - printed) < 1e-6:
        return Finding(finding_id, rule, PASS, f"{what}{note}", _refs(refs), expected, printed)
    status, fault = (UNCERTAIN, EXTRACTION) if repaired else (FAIL, REPORT)
    message = f"{what}: expected {expected:g}, the report prints {printed:g}{note}"
    return Finding(finding_id, rule, status, message, _refs(refs), expected, printed, fault)


def _describe(seen: Sequence[Seen]) -> str:
    return "; ".join(s.describe() for s in seen)


def table_presence(extraction: TableExtraction, report: Report | None = None, evidence: LazyEvidence | None = None) -> list[Finding]:
    """A finding per table: present, missing, or rows absent / unreadable.

    A table with no numbers read is `fail` (the report's fault) only where nothing of it stands in
    the text; where its title, its column headers or its row labels do, it is `uncertain` with
    `fault="extraction"` and the message says what was seen and where. Without the report (an
    extraction of bare lines) only the extractor's own sightings of titles and regions count.
    `evidence`: the report's, where the caller shares it with other checks.
    """
    findings: list[Finding] = []
    lazy = evidence if evidence is not None else LazyEvidence(report) if report is not None else None

    def text_evidence() -> TextEvidence | None:
        # built only when something is absent: most reports never need it
        return lazy.get() if lazy is not None else None

    picture_cache: list[dict[str, str]] = []

    def pictures() -> dict[str, str]:
        # the tables printed as pictures in the file as read (`nlp.tables.pictures`), looked for once something is absent
        if not picture_cache:
            picture_cache.append(table_pictures(report.source_text) if report is not None else {})
        return picture_cache[0]

    template = get_template(extraction.template) if extraction.template else None
    stretches = lost_stretches(extraction)
    old = old_template_reason(report, extraction)
    for table in TABLE_KEYS:
        rows = extraction.rows(table)
        title = TABLE_TITLES[table]
        name = f"table {TABLE_NUMERALS[table]} ({title[2:]})"
        fid = f"tables.missing.{table}"
        if not rows and not extraction.unplaced_rows.get(table) and old is not None:
            # the template before 2019 has no such table: nothing to find (`nlp.tables.oldtemplate`)
            message = f"{name} not read: {old}, on the template before 2019, which has no statistical tables"
            findings.append(Finding(fid, "tables_present", NOT_ASSESSABLE, message))
            continue
        if not rows and not extraction.unplaced_rows.get(table):
            evidence = text_evidence()
            seen = evidence.table_seen(table) if evidence is not None else []
            picture = pictures().get(table)
            if picture is not None:
                alt = picture_alt(picture)
                what = f"a picture (alternative text 「{alt}」)" if alt else "a picture"
                message = f"table {TABLE_NUMERALS[table]} is {what} in the file: its cells cannot be read"
                findings.append(Finding(fid, "tables_present", UNCERTAIN, message, fault=EXTRACTION))
            elif seen:
                message = f"{name} was not read, but its words stand in the text: {_describe(seen)}; its rows could not be read"
                findings.append(Finding(fid, "tables_present", UNCERTAIN, message, fault=EXTRACTION))
            elif evidence is None and (table in extraction.regions or table in extraction.titles):
                message = f"{name} was not read, but its title or rows were seen; its numbers could not be read"
                findings.append(Finding(fid, "tables_present", UNCERTAIN, message, fault=EXTRACTION))
            else:
                message = f"{name} is missing: neither its title nor its column headers nor its row labels are in the text"
                findings.append(Finding(fid, "tables_present", FAIL, message, fault=REPORT))
            continue
        findings.append(Finding(fid, "tables_present", PASS, f"{name} found"))
        if template is None:
            continue
        unplaced = [r for r in extraction.unplaced_rows.get(table, []) if r not in rows]
        absent = absent_rows(extraction, table, list(rows))
        evidence = text_evidence() if absent else None
        labelled = evidence.row_labels(table, [*absent, *MERGED_FORMS.values()]) if evidence is not None else {}
        for row in absent:  # a 2021 row printed in its merged 2019 form is seen in that form
            if row not in labelled and MERGED_FORMS.get(row) in labelled:
                labelled[row] = labelled[MERGED_FORMS[row]]
        lost = [r for r in absent if r in labelled]
        gone = [r for r in absent if r not in labelled]
        fid = f"tables.rows.{table}"
        stretch = next((x for x in stretches if table in (x.before, x.after)), None)
        stray = [w for w in extraction.warnings if w.table == table and w.row is None]
        unprinted = _not_from_printed_table(extraction, table, list(rows), pictures) if gone else None
        if gone and stretch is not None:
            message = f"{name} lacks rows {', '.join(gone)}, but {stretch.describe()}"
            findings.append(Finding(fid, "rows_complete", UNCERTAIN, message, fault=EXTRACTION))
        elif gone and stray:
            # Numbers stood in the table that no row took: the absent rows may be among them.
            lines = "; ".join(f"「{w.line[:40]}」" for w in stray[:3])
            message = f"{name} lacks rows {', '.join(gone)}, but {len(stray)} group(s) of its numbers were not placed in any row: {lines}"
            findings.append(Finding(fid, "rows_complete", UNCERTAIN, message, fault=EXTRACTION))
        elif gone and unprinted is not None:
            # the rows read were gathered from statements, not from a printed grid: the rows not stated were not
            # read, which says nothing of whether the report's table has them
            message = f"{name} lacks rows {', '.join(gone)}, but {unprinted}: rows not stated there could not be read"
            findings.append(Finding(fid, "rows_complete", UNCERTAIN, message, fault=EXTRACTION))
        elif gone and (lost or unplaced):
            # The table was read only in part: rows whose labels stand in the text, or whose numbers stood in it, were
            # not read. The rows whose labels were not found either are as likely lost by the same reading (a label
            # wrapped in a narrow column, its pieces set among the numbers of unruled rows) as left out by the report.
            seen = [f"rows {', '.join(lost)} have labels in the text"] if lost else []
            seen += [f"rows {', '.join(unplaced)} were seen but their numbers could not be placed"] if unplaced else []
            message = f"{name} was read only in part ({'; '.join(seen)}, but were not read); rows {', '.join(gone)} were not found either"
            findings.append(Finding(fid, "rows_complete", UNCERTAIN, message, fault=EXTRACTION))
        elif gone:
            also = f"; rows {', '.join(lost)} have labels in the text but were not read" if lost else ""
            message = f"{name} lacks rows (no label of theirs in the text): {', '.join(gone)}{also}"
            findings.append(Finding(fid, "rows_complete", FAIL, message, fault=REPORT))
        elif lost or unplaced:
            parts = []
            if unplaced:
                parts.append(f"rows whose numbers could not be placed: {', '.join(unplaced)}")
            if lost:
                parts.append("rows not read although their labels stand in the text: " + "; ".join(f"{r} ({labelled[r].describe()})" for r in lost))
            findings.append(Finding(fid, "rows_complete", UNCERTAIN, f"{name}: " + "; ".join(parts), fault=EXTRACTION))
        else:
            findings.append(Finding(fid, "rows_complete", PASS, f"{name} has all its rows"))
    return findings


def _not_from_printed_table(extraction: TableExtraction, table: str, rows: Sequence[str], pictures) -> str | None:
    """Why the cells read of `table` come from no printed table, or None where they do: the table is a picture in
    the file (`nlp.tables.pictures`: its figures can only have come from prose), or its rows were read from
    statements (`nlp.tables.statedlines`: counts in sentences or lines, which need not name every row)."""
    picture = pictures().get(table)
    if picture is not None:
        alt = picture_alt(picture)
        return f"the table is a picture in the file{f' (「{alt}」)' if alt else ''} and its figures were read from the text around it"
    stated = [r for r in rows if extraction.how(table, r) == STATED]
    if stated:
        return f"its rows were read from statements in the text, not from a printed table ({', '.join(stated[:4])})"
    return None


def arithmetic_findings(extraction: TableExtraction) -> list[Finding]:
    """Rules 1–4 of TABLES.md on every row and column present."""
    if extraction.template is None:
        return []
    findings: list[Finding] = []
    template = get_template(extraction.template)
    requests = extraction.rows("requests")
    applicants = REQUEST_COLUMNS[:-1]
    for row in template.table("requests").keys_as_printed(requests):
        if row in requests:
            parts = [("requests", row, c) for c in applicants]
            findings.append(
                equality_rule(extraction, f"requests.row_total.{row}", "requests_row_total", parts, [("requests", row, "total")], f"三 {row}: 总计 = sum of applicants")
            )
    if requests:
        for col in REQUEST_COLUMNS:
            findings.append(_balance(extraction, col))
        # the 2019 form's one-row （六）其他处理, where printed, is an outcome in place of its three rows
        outcomes = outcome_rows(template.table("requests").keys_as_printed(requests))
        for col in REQUEST_COLUMNS:
            parts = [("requests", r, col) for r in outcomes]
            findings.append(
                equality_rule(
                    extraction, f"requests.outcomes_total.{col}", "requests_outcomes_total", parts, [("requests", "total_handled", col)],
                    f"三 {col}: （七）总计 = sum of outcomes （一）–（六）",
                )
            )
    review = extraction.rows("review_litigation")
    for row in ("review", "litigation_direct", "litigation_after_review"):
        if row in review:
            parts = [("review_litigation", row, c) for c in REVIEW_COLUMNS[:-1]]
            findings.append(
                equality_rule(
                    extraction, f"review_litigation.row_total.{row}", "review_row_total", parts, [("review_litigation", row, "total")],
                    f"四 {row}: 总计 = 维持 + 纠正 + 其他 + 尚未审结",
                )
            )
    return findings


def _balance(extraction: TableExtraction, col: str) -> Finding:
    """Rule 2: 一 + 二 = （七）总计 + 四."""
    left: list[Ref] = [("requests", row, col) for row in BALANCE_IN]
    right: list[Ref] = [("requests", row, col) for row in BALANCE_OUT]
    return equality_rule(extraction, f"requests.balance.{col}", "requests_balance", left, right, f"三 {col}: 一 + 二 = （七）总计 + 四")


def table_findings(extraction: TableExtraction, report: Report | None = None, evidence: LazyEvidence | None = None) -> list[Finding]:
    """Presence and arithmetic findings of one extraction (`report` lets presence look for evidence)."""
    return table_presence(extraction, report, evidence) + arithmetic_findings(extraction)


def check_report(report: Report, extraction: TableExtraction | None = None) -> list[Finding]:
    """Every check on a report: tables present, arithmetic, narrative numbers, audits. On a text read from an OCR
    layer no failure is laid on the report (`nlp.ocrlayer`)."""
    from nlp.tables.audits import audit_report
    from nlp.tables.narrative import narrative_findings

    extraction = extraction if extraction is not None else read_tables(report)
    evidence = LazyEvidence(report)  # one per report: the presence checks and the audits share it
    findings = table_findings(extraction, report, evidence) + narrative_findings(report, extraction) + audit_report(report, extraction, evidence)
    return [doubted(finding) for finding in findings] if read_from_ocr(report.source_text) else findings


def rule_failures(findings: Sequence[Finding]) -> list[Finding]:
    """Findings where a rule of TABLES.md fails (what makes `govreport check` exit non-zero)."""
    return [f for f in findings if f.status == FAIL and f.rule in TABLE_RULES]


def blamed_on_report(findings: Sequence[Finding]) -> list[Finding]:
    """Failures laid on the report (`fail`, fault `report`): what a fair reading must never say of a report whose
    figures hold."""
    return [f for f in findings if f.status == FAIL and f.fault == REPORT]


def tables_said_unread(findings: Sequence[Finding]) -> set[str]:
    """The tables a reader is told were not read (`tables.missing.TABLE`, `uncertain`, fault `extraction`): their
    words or a picture of them stand in the file, so their cells are warned of, not silently lost."""
    prefix = "tables.missing."
    return {f.id[len(prefix):] for f in findings if f.id.startswith(prefix) and f.status == UNCERTAIN and f.fault == EXTRACTION}


def tables_record(report: Report) -> dict:
    """The JSON record of `govreport tables`: cells in the gold files' shape, findings, warnings."""
    extraction = read_tables(report)
    return {
        "doc_id": report.doc_id,
        "template": extraction.template,
        "cells": [c.to_dict() for c in extraction.cells],
        "findings": [f.to_dict() for f in check_report(report, extraction)],
        "warnings": [w.to_dict() for w in extraction.warnings],
    }
