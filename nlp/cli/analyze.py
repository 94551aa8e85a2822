"""`govreport analyze`: the whole pipeline over files and folders, with review pages and a summary."""

from __future__ import annotations

import argparse
import sys

from nlp.cli.common import (
    UsageError,
    available_cores,
    check_index,
    error,
    existing_inputs,
    failed,
    fraction,
    no_reports_error,
    non_negative_int,
    output_folder,
    positive_int,
    refuse_overwrite,
    skipped_files,
)
from nlp.cli.limits import TRUST_MODEL_HELP, add_limit_arguments, add_split_argument, read_limits
from nlp.cli.outputs import output_errors


def register(subparsers: argparse._SubParsersAction) -> None:
    cores = available_cores()
    parser = subparsers.add_parser(
        "analyze",
        help="run everything on a folder of reports: JSON per report, summary.csv/.xlsx, review pages, errors.jsonl",
        description=(
            "Read every report (.txt .md .docx .doc .wps .rtf .pdf .html .mht, folders recursively); extract and check the tables, "
            "label the narrative paragraphs, score boilerplate, find copied paragraphs across reports and years; "
            "write OUTPUT/reports/*.json, OUTPUT/*.html (open OUTPUT/index.html), summary.csv, summary.xlsx and "
            "errors.jsonl. Exits 1 if any file could not be processed (after finishing all the others)."
        ),
        epilog=(
            "A run owns its output folder: a second run into it at the same time is refused; a folder holding "
            "an earlier run's results is refused unless you continue it (--resume) or clear it (--force)."
        ),
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="report files, folders (read recursively; files of other endings are skipped and counted) or .jsonl files of reports",
    )
    parser.add_argument(
        "--output", "-o", required=True, metavar="DIR",
        help="folder for the results (created if missing): index.html, summary.csv/.xlsx, table_cells.csv, "
        "copy_paste_*.csv, errors.jsonl, one NAME.html and reports/NAME.json per report",
    )
    parser.add_argument("--index", metavar="DB", help="copy-paste index (SQLite) to check against and add to, shared across runs (default: OUTPUT/index.sqlite, this batch only)")
    parser.add_argument("--model", metavar="M", help="paragraph classifier (default: the shipped model)")
    parser.add_argument("--trust-model", action="store_true", help=TRUST_MODEL_HELP)
    parser.add_argument("--threshold", type=fraction, default=0.8, metavar="S", help="similarity (0..1) from which two paragraphs count as copied (default 0.8)")
    parser.add_argument(
        "--jobs", "-j", type=positive_int, default=cores, metavar="N",
        help=f"reports processed in parallel on this machine (default: the cores this process may use, here {cores})",
    )
    parser.add_argument("--backend", choices=("local", "dask"), default="local", help="local processes, or a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="with --backend dask: the scheduler, e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--resume", action="store_true", help="after a killed run: skip the reports it finished (in pass 1, and in pass 2 if pass 1 had nothing left to do)")
    parser.add_argument("--force", action="store_true", help="clear the results of an earlier run in OUTPUT (its pages, JSON, summary and default index) before starting")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no notes, only errors and the final lines")
    parser.add_argument(
        "--retry-failed",
        action="store_true",
        help="with --resume: try again the files that killed their worker or ran over --file-timeout in an earlier run "
        "(by default such a file is not tried again while it is unchanged, and keeps its error)",
    )
    parser.add_argument(
        "--file-timeout",
        type=float,
        metavar="SECONDS",
        help="seconds one file may take to read and analyse; a slower file is one error and the batch goes on (default: no limit)",
    )
    parser.add_argument(
        "--hold-characters",
        type=non_negative_int,
        metavar="N",
        # The default is nlp.batch.state.KEPT_CHARACTERS, named here without importing the batch code.
        help="with one job: report text (in characters) kept in memory between the two passes, so that those reports "
        "are not read back from disk; 0 keeps none, for the least memory (default: 2,000,000, about 100 MB)",
    )
    parser.add_argument(
        "--follow-links",
        action="store_true",
        help="follow symbolic links that lead out of an input folder (by default they are listed in errors.jsonl, not read)",
    )
    add_split_argument(parser)
    add_limit_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from nlp.analyze import AnalysisConfig, analyze
    from nlp.batch.workers import PROCESS_STEPS
    from nlp.files import iter_report_paths

    # The command's process is the package's own: its models may be left out of garbage collections.
    PROCESS_STEPS.freeze = True

    if args.resume and args.force:
        raise UsageError("--resume continues the earlier run and --force clears it: choose one")
    paths = existing_inputs(args.paths)
    refuse_overwrite(args.output, paths)
    if next(iter_report_paths(paths), None) is None:
        raise no_reports_error(paths)
    if args.index:
        check_index(args.index)  # refused before the output folder is made
    output = output_folder(args.output)
    if args.retry_failed and not args.resume:
        raise UsageError("--retry-failed goes with --resume (it tries again files an earlier run of the same output gave up on)")
    if args.file_timeout is not None and not args.file_timeout > 0:
        raise UsageError(f"--file-timeout must be above 0 seconds, not {args.file_timeout:g}")
    config = AnalysisConfig(
        model=args.model,
        trust_model=args.trust_model,
        index=args.index,
        jobs=args.jobs,
        backend=args.backend,
        scheduler=args.scheduler,
        threshold=args.threshold,
        resume=args.resume,
        force=args.force,
        retry_failed=args.retry_failed,
        limits=read_limits(args),
        file_timeout=args.file_timeout,
        follow_links=args.follow_links,
        split=args.split,
    )
    if args.hold_characters is not None:
        config.hold_characters = args.hold_characters
    skipped = skipped_files(paths)
    note = (lambda text: None) if args.quiet else (lambda text: print(f"govreport: {text}", file=sys.stderr, flush=True))
    if skipped:
        note(f"skipped files that are not reports: {skipped}")
    # The count of inputs is said by the run once they are listed (`nlp.batch.run`): a JSON Lines file's lines,
    # an archive's members and a JSON list's articles each count, a JSON file that holds no article does not.
    progress, close = _progress_bar(args.quiet)
    try:
        with output_errors(args.output):
            result = analyze(paths, output, config=config, on_progress=progress, on_note=note)
    finally:
        close()
    for problem in result.errors:
        error(problem["error"])
    print(f"analysed {result.reports} report(s); open {result.output / 'index.html'}")
    print(f"summary: {result.output / 'summary.xlsx'} and summary.csv; per report: {result.output / 'reports'}/")
    if result.errors:
        print(f"{len(result.errors)} file(s) or report(s) failed: see {result.output / 'errors.jsonl'}")
    elif not result.reports and result.not_reports:
        # Only files that hold no report (JSON without an article): as a folder without a report file is.
        more = f" (and {len(result.not_reports) - 1} more)" if len(result.not_reports) > 1 else ""
        error(f"{', '.join(paths)}: no reports; the JSON files found hold none: {result.not_reports[0]}{more}")
        return 1
    return failed(len(result.errors))


def _progress_bar(quiet: bool):
    """A progress callback and its closer; the bar is made at the first report, so that nothing
    (no empty `0report` bar) is drawn before there is something to count."""
    stages = {"read": "reading", "finish": "copies and pages"}
    # Pass 1 counts the inputs (a file holding several reports is one), pass 2 the reports.
    units = {"read": "input", "finish": "report"}
    bar = None

    def progress(stage: str, done: int, total: int, item: str) -> None:
        nonlocal bar
        if quiet:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, unit=units[stage], file=sys.stderr, desc=stages[stage])
        elif bar.desc != stages[stage]:
            bar.reset(total=total)
            bar.unit = units[stage]
            bar.set_description_str(stages[stage], refresh=False)
        bar.update(1)
        bar.set_postfix_str(item[-40:], refresh=False)

    def close() -> None:
        if bar is not None:
            bar.close()

    return progress, close
