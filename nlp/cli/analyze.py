"""`govreport analyze`: the whole pipeline over files and folders, with review pages and a summary."""

from __future__ import annotations

import argparse
import sys

from nlp.cli.common import UsageError, error, failed
from nlp.cli.limits import TRUST_MODEL_HELP, add_limit_arguments, read_limits
from nlp.cli.outputs import output_errors


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="run everything on a folder of reports: JSON per report, summary.csv/.xlsx, review pages, errors.jsonl",
        description=(
            "Read every report (.txt .md .docx .pdf .html, folders recursively); extract and check the tables, "
            "label the narrative paragraphs, score boilerplate, find copied paragraphs across reports and years; "
            "write OUTPUT/reports/*.json, OUTPUT/*.html (open OUTPUT/index.html), summary.csv, summary.xlsx and "
            "errors.jsonl. Exits 1 if any file could not be processed (after finishing all the others)."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH_OR_DIR")
    parser.add_argument("--output", "-o", required=True, metavar="DIR")
    parser.add_argument("--index", metavar="DB", help="copy-paste index (SQLite) to check against and add to (default: OUTPUT/index.sqlite)")
    parser.add_argument("--model", metavar="M", help="paragraph classifier (default: the shipped model)")
    parser.add_argument("--trust-model", action="store_true", help=TRUST_MODEL_HELP)
    parser.add_argument("--threshold", type=float, default=0.8, help="similarity for copied paragraphs (default 0.8)")
    parser.add_argument("--jobs", type=int, default=1, help="reports processed in parallel on this machine (joblib; default 1)")
    parser.add_argument("--backend", choices=("local", "dask"), default="local", help="local processes, or a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="with --backend dask: the scheduler, e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--resume", action="store_true", help="after a killed run: skip the reports it finished (in pass 1, and in pass 2 if pass 1 had nothing left to do)")
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
        "--follow-links",
        action="store_true",
        help="follow symbolic links that lead out of an input folder (by default they are listed in errors.jsonl, not read)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    add_limit_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from nlp.analyze import AnalysisConfig, analyze

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
        retry_failed=args.retry_failed,
        limits=read_limits(args),
        file_timeout=args.file_timeout,
        follow_links=args.follow_links,
    )
    bar = None if args.quiet else tqdm(unit="report", file=sys.stderr)

    stages = {"read": "reading", "finish": "copies and pages"}

    def progress(stage: str, done: int, total: int, item: str) -> None:
        if bar is not None:
            if bar.desc != stages[stage]:
                bar.reset(total=total)
                bar.set_description_str(stages[stage], refresh=False)
            bar.update(1)
            bar.set_postfix_str(item[-40:], refresh=False)

    try:
        with output_errors(args.output):
            result = analyze(args.paths, args.output, config=config, on_progress=progress)
    finally:
        if bar is not None:
            bar.close()
    for problem in result.errors:
        error(problem["error"])
    print(f"analysed {result.reports} report(s); open {result.output / 'index.html'}")
    print(f"summary: {result.output / 'summary.xlsx'} and summary.csv; per report: {result.output / 'reports'}/")
    if result.errors:
        print(f"{len(result.errors)} file(s) failed: see {result.output / 'errors.jsonl'}")
    return failed(len(result.errors))
