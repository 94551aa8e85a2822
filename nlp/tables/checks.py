"""The rules of TABLES.md as `Finding` records, plus whether the tables are there at all.

Every finding has a stable id (`requests.balance.total`, `review_litigation.row_total.review`,
`tables.missing.active`, …) so that runs can be compared. Status:

* `pass` – the rule holds on the cells as printed;
* `fail` – it does not, and the cells were read plainly: the report's fault;
* `uncertain` – it does not, but a cell involved was placed by a repair (a surplus number dropped,
  a digit run split, a row placed by its position): possibly our fault (`fault="extraction"`);
* `not_assessable` – a cell involved is missing or blank.

`check_report` runs these, the narrative cross-checks (`nlp.tables.narrative`) and the audits
(`nlp.tables.audits`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from nlp.report import Finding
from nlp.tables.extract import TableExtraction, read_tables
from nlp.tables.layout import EXACT
from nlp.tables.schema import REQUEST_COLUMNS, REVIEW_COLUMNS, TABLE_KEYS, get_template

if TYPE_CHECKING:  # pragma: no cover
    from nlp.report import Report

PASS, FAIL, UNCERTAIN, NOT_ASSESSABLE = "pass", "fail", "uncertain", "not_assessable"
REPORT, EXTRACTION = "report", "extraction"

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
    if any(values[r] is None for r in refs):
        return Finding(finding_id, rule, NOT_ASSESSABLE, f"{what}: blank cells", _refs(refs))
    expected = float(sum(values[r] for r in left))  # type: ignore[misc]
    printed = float(sum(values[r] for r in right))  # type: ignore[misc]
    repaired = sorted({r[1] for r in refs if extraction.how(r[0], r[1]) not in (EXACT, None)})
    note = f" (rows {', '.join(repaired)} were placed by repair)" if repaired else ""
    if abs(expected - printed) < 1e-6:
        return Finding(finding_id, rule, PASS, f"{what}{note}", _refs(refs), expected, printed)
    status, fault = (UNCERTAIN, EXTRACTION) if repaired else (FAIL, REPORT)
    message = f"{what}: expected {expected:g}, the report prints {printed:g}{note}"
    return Finding(finding_id, rule, status, message, _refs(refs), expected, printed, fault)


def table_presence(extraction: TableExtraction) -> list[Finding]:
    """A finding per table: present, missing (no numbers at all), or rows absent / unreadable."""
    findings: list[Finding] = []
    template = get_template(extraction.template) if extraction.template else None
    for table in TABLE_KEYS:
        rows = extraction.rows(table)
        title = TABLE_TITLES[table]
        if not rows and not extraction.unplaced_rows.get(table):
            if table in extraction.regions or table in extraction.titles:
                where = "its title is there but no numbers under it"
            else:
                where = "neither its title nor its rows were found"
            findings.append(Finding(f"tables.missing.{table}", "tables_present", FAIL, f"table {title} is missing: {where}", fault=REPORT))
            continue
        findings.append(Finding(f"tables.missing.{table}", "tables_present", PASS, f"table {title} found"))
        if template is None:
            continue
        expected = template.table(table).row_keys
        unplaced = [r for r in extraction.unplaced_rows.get(table, []) if r not in rows]
        absent = [r for r in expected if r not in rows and r not in unplaced]
        if absent:
            findings.append(
                Finding(f"tables.rows.{table}", "rows_complete", FAIL, f"table {title} lacks rows: {', '.join(absent)}", fault=REPORT)
            )
        elif unplaced:
            findings.append(
                Finding(
                    f"tables.rows.{table}", "rows_complete", UNCERTAIN,
                    f"rows whose numbers could not be placed: {', '.join(unplaced)}", fault=EXTRACTION,
                )
            )
        else:
            findings.append(Finding(f"tables.rows.{table}", "rows_complete", PASS, f"table {title} has all its rows"))
    return findings


def arithmetic_findings(extraction: TableExtraction) -> list[Finding]:
    """Rules 1–4 of TABLES.md on every row and column present."""
    if extraction.template is None:
        return []
    findings: list[Finding] = []
    template = get_template(extraction.template)
    requests = extraction.rows("requests")
    applicants = REQUEST_COLUMNS[:-1]
    for row in template.table("requests").row_keys:
        if row in requests:
            parts = [("requests", row, c) for c in applicants]
            findings.append(
                equality_rule(extraction, f"requests.row_total.{row}", "requests_row_total", parts, [("requests", row, "total")], f"三 {row}: 总计 = sum of applicants")
            )
    if requests:
        for col in REQUEST_COLUMNS:
            findings.append(_balance(extraction, col))
        outcome_rows = _outcome_rows(template.table("requests").row_keys)
        for col in REQUEST_COLUMNS:
            parts = [("requests", r, col) for r in outcome_rows]
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


def _outcome_rows(row_keys: Sequence[str]) -> list[str]:
    start, end = row_keys.index("granted"), row_keys.index("total_handled")
    return list(row_keys[start:end])


def _balance(extraction: TableExtraction, col: str) -> Finding:
    """Rule 2: 一 + 二 = （七）总计 + 四."""
    left: list[Ref] = [("requests", "new_received", col), ("requests", "carried_over", col)]
    right: list[Ref] = [("requests", "total_handled", col), ("requests", "carried_forward", col)]
    return equality_rule(extraction, f"requests.balance.{col}", "requests_balance", left, right, f"三 {col}: 一 + 二 = （七）总计 + 四")


def table_findings(extraction: TableExtraction) -> list[Finding]:
    """Presence and arithmetic findings of one extraction."""
    return table_presence(extraction) + arithmetic_findings(extraction)


def check_report(report: Report, extraction: TableExtraction | None = None) -> list[Finding]:
    """Every check on a report: tables present, arithmetic, narrative numbers, audits."""
    from nlp.tables.audits import audit_report
    from nlp.tables.narrative import narrative_findings

    extraction = extraction if extraction is not None else read_tables(report)
    return table_findings(extraction) + narrative_findings(report, extraction) + audit_report(report, extraction)


def rule_failures(findings: Sequence[Finding]) -> list[Finding]:
    """Findings where a rule of TABLES.md fails (what makes `govreport check` exit non-zero)."""
    return [f for f in findings if f.status == FAIL and f.rule in TABLE_RULES]


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
