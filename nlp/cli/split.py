"""`govreport split`: files holding several reports (a bound volume, a page of several years) → one text a report."""

from __future__ import annotations

import argparse
from pathlib import Path

from nlp.cli.common import error, failed
from nlp.cli.limits import add_limit_arguments, read_limits
from nlp.cli.outputs import output_errors
from nlp.files import atomic_write_text, part_name, safe_join
from nlp.inputs import iter_inputs
from nlp.read import read_text
from nlp.structure import split_reports


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "split",
        help="cut files that hold several reports into one UTF-8 text a report (then analyze those)",
        description="Find where a file holds more than one report (a county's departments bound into one file, a page "
        "showing several years, a page saved twice) and write each report's text as DOC_ID.N.txt in the output folder. "
        "Files holding one report are named and left alone. Existing files are never overwritten. Folders are "
        "searched recursively; reports inside archives, JSON lists and JSON Lines files are one report each already.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    parser.add_argument("--output", "-o", required=True, metavar="DIR", help="the folder to write the reports' texts to")
    add_limit_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with output_errors(args.output, resumable=False):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    output = Path(args.output)
    limits = read_limits(args)
    failures = files = written = 0
    for item in iter_inputs(args.paths, jsonl=False, limits=limits):
        if item.member or item.article is not None or item.line is not None:
            continue
        files += 1
        try:
            parts = split_reports(read_text(item.path, limits=limits))
        except Exception as exc:  # noqa: BLE001 - one unreadable file must not stop the others
            failures += 1
            error(f"{item.path}: {exc}")
            continue
        if len(parts) == 1:
            print(f"{item.path}: one report")
            continue
        output.mkdir(parents=True, exist_ok=True)
        name = item.doc_id.replace("/", "_")  # a file in a subfolder: its folders in its name, one output folder
        targets = [safe_join(output, f"{part_name(name, number)}.txt") for number in range(1, len(parts) + 1)]
        taken = [target for target in targets if target.exists()]
        if taken:  # never overwrite: a user's file, or the reports of a run before
            failures += 1
            error(f"{item.path}: {taken[0]} exists: not overwritten (give another --output)")
            continue
        for target, part in zip(targets, parts, strict=True):
            atomic_write_text(target, part)
        written += len(parts)
        print(f"{item.path}: {len(parts)} reports → {targets[0].name} … {targets[-1].name}")
    print(f"split {files} file(s): {written} report text(s) written to {output}" + (f"; {failures} failed" if failures else ""))
    return failed(failures)
