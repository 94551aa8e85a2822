"""`govreport parse`: report files → one JSON document per report."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from nlp.batch import map_reports
from nlp.cli.common import error
from nlp.cli.limits import add_limit_arguments, add_split_argument, read_limits
from nlp.cli.outputs import output_errors
from nlp.files import atomic_writer, distinct_name, remove_stale_temporaries, safe_join
from nlp.report import Report


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "parse",
        help="read and structure reports (.txt .docx .doc .wps .rtf .pdf .html), one JSON document per report",
        description="Read, normalise and structure reports. Folders are searched recursively.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    parser.add_argument(
        "--output",
        "-o",
        required=True,
        metavar="DIR_OR_FILE",
        help="a folder (one DOC_ID.json per report, plus errors.jsonl), or a .jsonl file (one report a line)",
    )
    add_split_argument(parser)
    add_limit_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # An output that cannot be written (read-only, full, a file where a folder goes): one line, exit 2.
    with output_errors(args.output, resumable=False):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    to_file = output.suffix.lower() in (".jsonl", ".json")
    failures = 0
    written = 0
    used_names: set[str] = set()
    outcomes = map_reports(args.paths, _checked_dict, limits=read_limits(args), split=args.split)
    # Half-written files of a killed run: all of them in our own folder, only the output's beside a file.
    if to_file:
        if output.parent.is_dir():
            remove_stale_temporaries(output.parent, of=output.name)
        with atomic_writer(output) as handle:
            for outcome in outcomes:
                if outcome.ok:
                    handle.write(json.dumps(outcome.value, ensure_ascii=False) + "\n")
                    written += 1
                    failures += _report_failure(outcome)
                else:
                    failures += 1
                    error(f"{outcome.error}")
    else:
        output.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(output)
        errors = []
        for outcome in outcomes:
            if not outcome.ok:
                failures += 1
                errors.append(outcome.error_record())
                error(f"{outcome.error}")
                continue
            name = distinct_name(outcome.value["doc_id"], used_names)
            with atomic_writer(safe_join(output, name + ".json")) as handle:
                json.dump(outcome.value, handle, ensure_ascii=False, indent=1)
            written += 1
            if _report_failure(outcome):
                failures += 1
                errors.append({**outcome.error_record(), "error": f"{outcome.path}: {outcome.value['failed']}"})
        if errors:
            with atomic_writer(output / "errors.jsonl") as handle:
                handle.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
    print(f"parsed {written} report(s) into {output}" + (f"; {failures} file(s) failed" if failures else ""))
    return 1 if failures else 0


def _report_failure(outcome) -> int:
    if "failed" in outcome.value:
        error(f"{outcome.path}: {outcome.value['failed']}")
        return 1
    return 0


def _checked_dict(report: Report) -> dict:
    """The report's JSON; a text in which no section heading was found is reported as a failure.

    Its JSON is still written (nothing is lost), but the exit code says something is wrong.
    """
    document = report.to_dict()
    if not any(section.title for section in report.sections):
        document["failed"] = "no section headings found: not an annual report, or its headings were lost"
    return document
