"""`govreport tables` (cells, findings, warnings per report) and `govreport check` (readable findings)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from nlp.batch import map_reports
from nlp.checkcounts import CheckCounts
from nlp.cli.common import error, output_file
from nlp.cli.limits import add_limit_arguments, add_split_argument, read_limits
from nlp.export import Sheet, write_csv_rows, write_workbook
from nlp.files import atomic_writer

FORMATS = ("jsonl", "csv", "xlsx")
CELL_COLUMNS = ("doc_id", "table", "row", "col", "value", "template", "table_label", "row_label", "col_label")


def register(subparsers: argparse._SubParsersAction) -> None:
    tables = subparsers.add_parser(
        "tables",
        help="extract the three statistical tables (二 主动公开, 三 依申请, 四 复议诉讼) and check them",
        description=(
            "Extract tables 二, 三 and 四 of each report into the keys of docs/tables.md. jsonl: one line per report "
            '{"doc_id", "template", "cells", "findings", "warnings"}; csv/xlsx: one row per cell, doc_id first '
            "(xlsx adds sheets of findings and warnings). Folders are searched recursively."
        ),
    )
    tables.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    tables.add_argument("--output", "-o", metavar="FILE", help="output file (default: JSON lines on standard output)")
    tables.add_argument("--format", "-f", choices=FORMATS, help="output format (default: from the output's ending, else jsonl)")
    add_split_argument(tables)
    add_limit_arguments(tables)
    tables.set_defaults(func=run_tables)

    check = subparsers.add_parser(
        "check",
        help="check the tables' arithmetic, the narrative's numbers and the evaluators' audits",
        description=(
            "Print the findings of every check as a readable list. Exits 1 where a rule of docs/tables.md fails "
            "(a table missing, a total that does not add up, a narrative number no reading of the tables fits) "
            "or a file cannot be read; audit failures (numbering, empty sections, doubled words) count only with --strict. "
            "With several reports, the same agency's consecutive years are checked against each other too "
            "(上年结转 = last year's 结转下年度, 现行有效件数, 上一年项目数量, the narrative about last year)."
        ),
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    check.add_argument("--all", action="store_true", help="also list the checks that pass or cannot be assessed")
    check.add_argument("--strict", action="store_true", help="exit 1 on failed audits too")
    check.add_argument("--no-years", action="store_true", help="skip the checks across years")
    add_split_argument(check)
    add_limit_arguments(check)
    check.set_defaults(func=run_check)


# --------------------------------------------------------------------------------------------
# govreport tables
# --------------------------------------------------------------------------------------------


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output:
        suffix = Path(args.output).suffix.lower().lstrip(".")
        if suffix in ("csv", "xlsx"):
            return suffix
    return "jsonl"


def run_tables(args: argparse.Namespace) -> int:
    from nlp.tables.checks import tables_record

    fmt = _format(args)
    if fmt == "xlsx" and not args.output:
        error("--format xlsx needs --output FILE.xlsx")
        return 2
    if args.output and any(Path(p).resolve() == Path(args.output).resolve() for p in args.paths):
        error(f"the output {args.output} is one of the inputs; choose another file")
        return 2
    if args.output:
        output_file(args.output)
    records: list[dict] = []
    errors: list[dict] = []
    for outcome in map_reports(args.paths, tables_record, limits=read_limits(args), split=args.split):
        if outcome.ok:
            records.append(outcome.value)  # type: ignore[arg-type]
        else:
            errors.append(outcome.error_record())
            error(f"{outcome.error}")
    if fmt == "jsonl":
        lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in records + errors]
        if args.output:
            with atomic_writer(args.output) as handle:
                handle.writelines(lines)
        else:
            sys.stdout.writelines(lines)
    elif fmt == "csv":
        rows = _cell_rows(records)
        if args.output:
            with atomic_writer(args.output, encoding="utf-8-sig") as handle:  # a file is for Excel: with its mark
                _write_csv(handle, rows)
        else:
            _write_csv(sys.stdout, rows)
    else:
        _write_xlsx(args.output, records, errors)
    if args.output:
        print(f"{len(records)} report(s), {sum(len(r['cells']) for r in records)} cells → {args.output}", file=sys.stderr)
    return 1 if errors else 0


def _cell_rows(records: list[dict]) -> list[dict]:
    from nlp.tables.chinese import LABEL_COLUMNS, cell_labels

    return [
        {"doc_id": r["doc_id"], **cell, "template": r["template"], **dict(zip(LABEL_COLUMNS, cell_labels(cell["table"], cell["row"], cell["col"]), strict=True))}
        for r in records
        for cell in r["cells"]
    ]


def _write_csv(handle, rows: list[dict]) -> None:
    write_csv_rows(handle, CELL_COLUMNS, rows, lineterminator="\n")


def _columns(rows: list[dict]) -> list[str]:
    """Every key of the rows, in order of first appearance."""
    return list(dict.fromkeys(key for row in rows for key in row))


def _write_xlsx(path: str, records: list[dict], errors: list[dict]) -> None:
    findings = [
        {"doc_id": r["doc_id"], **{k: (json.dumps(v, ensure_ascii=False) if k == "cells" else v) for k, v in f.items()}} for r in records for f in r["findings"]
    ]
    warnings = [{"doc_id": r["doc_id"], **w} for r in records for w in r["warnings"]]
    sheets = [
        Sheet("cells", CELL_COLUMNS, _cell_rows(records)),
        Sheet("findings", _columns(findings), findings),
        Sheet("warnings", _columns(warnings), warnings),
    ]
    if errors:
        sheets.append(Sheet("errors", _columns(errors), errors))
    write_workbook(path, sheets)


# --------------------------------------------------------------------------------------------
# govreport check
# --------------------------------------------------------------------------------------------


def _checked(report):
    from nlp.tables.checks import check_report
    from nlp.tables.continuity import YearRecord
    from nlp.tables.extract import read_tables

    extraction = read_tables(report)
    return report.doc_id, extraction, check_report(report, extraction), YearRecord.from_report(report, extraction)


def _print_finding(finding, kind: str) -> None:
    fault = f" [{finding.fault}]" if finding.fault else ""
    print(f"  {finding.status.upper():<14} {kind:<5} {finding.id}: {finding.message}{fault}")


def _check_years(records: list, args: argparse.Namespace) -> int:
    """The checks across years; returns 1 where a break is the report's fault."""
    from nlp.tables.continuity import CONTINUITY_RULES, build_chains, check_across_years, continuity_failures

    chains, unplaced = build_chains(records)
    pairs = sum(1 for c in chains for y in c.years if y - 1 in c.years)
    findings = check_across_years(records)
    print(f"across years: {len(chains)} agencies, {pairs} pair(s) of consecutive years" + (f"; {len(unplaced)} report(s) without agency or year" if unplaced else ""))
    for record in unplaced if args.all else []:
        print(f"  {'SKIPPED':<14} {record.doc_id}: agency {record.agency or '?'}, year {record.year or '?'}")
    for finding in findings:
        if args.all or finding.status in ("fail", "uncertain"):
            _print_finding(finding, "rule" if finding.rule in CONTINUITY_RULES else "audit")
    counts = Counter(f.status for f in findings)
    print("  " + (", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing to compare"))
    return 1 if continuity_failures(findings) else 0


def run_check(args: argparse.Namespace) -> int:
    from nlp.tables.checks import TABLE_RULES

    failed_files = 0
    failing_reports = 0
    records = []
    for outcome in map_reports(args.paths, _checked, limits=read_limits(args), split=args.split):
        if not outcome.ok:
            failed_files += 1
            error(f"{outcome.error}")
            continue
        doc_id, extraction, findings, record = outcome.value  # type: ignore[misc]
        records.append(record)
        counts = Counter(f.status for f in findings)
        print(f"{doc_id}  template {extraction.template or '?'}  cells {len(extraction.cells)}  warnings {len(extraction.warnings)}")
        for finding in findings:
            if args.all or finding.status in ("fail", "uncertain"):
                _print_finding(finding, "rule" if finding.rule in TABLE_RULES else "audit")
        for warning in extraction.warnings if args.all else []:
            print(f"  {'WARNING':<14} {warning.table}: {warning.message} ← {warning.line[:100]}")
        print("  " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
        failing_reports += CheckCounts.of(findings).report_fails(args.strict)
    broken_years = _check_years(records, args) if len(records) > 1 and not args.no_years else 0
    # "with failures": as summary.csv's checks_failed and index.html count them (nlp.checkcounts).
    audits = " or failed audits" if args.strict else ""
    print(f"{failing_reports} report(s) with failures (failed table checks{audits})" + (f"; {failed_files} file(s) unreadable" if failed_files else ""))
    return 1 if failing_reports or failed_files or broken_years else 0
