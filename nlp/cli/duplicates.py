"""`govreport index add|info` and `dupes`: copy-paste across reports (the package `nlp.duplicates`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nlp.cli.common import (
    UsageError,
    failed,
    fraction,
    index_path,
    positive_int,
    refuse_overwrite,
    told_documents,
)
from nlp.cli.limits import add_jsonl_argument, add_limit_arguments, read_limits
from nlp.errors import GovReportError


def register(subparsers: argparse._SubParsersAction) -> None:
    index = subparsers.add_parser(
        "index",
        help="the persistent index of reports seen (SQLite)",
        description="Manage the duplicate index.",
    )
    index_commands = index.add_subparsers(dest="index_command", metavar="SUBCOMMAND")
    add = index_commands.add_parser(
        "add",
        help="add reports to the index (a report already there is not added twice)",
        description="Add reports, each in one transaction; with --output, also write each report's near-copies "
        "among the reports indexed before it.",
    )
    add.add_argument("paths", nargs="+", metavar="PATH", help="report files, folders or .jsonl of reports or of paragraphs")
    _index_option(add)
    add.add_argument(
        "--threshold", type=fraction, default=0.8, help="similarity for --output pairs (default 0.8)"
    )
    add.add_argument(
        "--output", "-o", metavar="PAIRS.csv", help="write the near-copies found against earlier reports"
    )
    add_jsonl_argument(add)
    add_limit_arguments(add)
    add.set_defaults(func=run_index_add)
    info = index_commands.add_parser("info", help="what the index holds")
    _index_option(info)
    info.set_defaults(func=run_index_info)
    index.set_defaults(func=lambda args: index.print_help() or 2)

    dupes = subparsers.add_parser(
        "dupes",
        help="paragraph pairs of different reports whose texts nearly coincide",
        description="Find near-copies among the inputs (and, with --index, against every indexed report). "
        "CSV columns: doc_a, para_a, doc_b, para_b, similarity, text_a, text_b.",
    )
    dupes.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="report files, folders or .jsonl of reports or of paragraphs"
    )
    dupes.add_argument("--index", metavar="DB", help="also compare with the reports in this index")
    dupes.add_argument("--threshold", type=fraction, default=0.8, help="minimum similarity (default 0.8)")
    dupes.add_argument(
        "--measure", choices=("jaccard", "containment"), default="jaccard", help="similarity of shingle sets"
    )
    dupes.add_argument("--min-chars", type=positive_int, default=None, help="skip shorter paragraphs (default 20)")
    dupes.add_argument("--output", "-o", required=True, metavar="PAIRS.csv", help="the pairs, as CSV")
    dupes.add_argument(
        "--families", metavar="FAMILIES.jsonl", help="also write families of the same text across reports"
    )
    dupes.add_argument(
        "--year-over-year",
        metavar="YOY.csv",
        help="also write each report's reuse of the same agency's previous report",
    )
    add_jsonl_argument(dupes)
    add_limit_arguments(dupes)
    dupes.set_defaults(func=run_dupes)


def _index_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index", metavar="DB", help="index file (default: $GOVREPORT_INDEX or ./govreport_index.sqlite)"
    )



# -- index ---------------------------------------------------------------------------------------


def run_index_add(args: argparse.Namespace) -> int:
    from nlp.duplicates.find import sort_pairs, write_pairs_csv
    from nlp.duplicates.index import DuplicateIndex
    from nlp.inputs import InputFailure

    refuse_overwrite(args.output, args.paths)
    failures = 0
    pairs = []
    counts: dict[str, int] = {}
    with DuplicateIndex(index_path(args.index)) as index:
        for document in told_documents(args.paths, limits=read_limits(args), jsonl=args.jsonl):
            if isinstance(document, InputFailure):
                failures += 1
                continue
            result = index.add(document)
            counts[result.status] = counts.get(result.status, 0) + 1
            # Looked up once it is in: every other report of the index was added before it.
            found_now = (
                [pair for match in index.lookup(document, args.threshold) for pair in match.pairs]
                if args.output and result.status in ("added", "replaced", "duplicate")
                else []
            )
            pairs.extend(found_now)
            note = f" (same content as {result.same_as})" if result.same_as else ""
            found = f", {len(found_now)} near-copies of earlier reports" if args.output else ""
            print(f"{result.status}: {result.doc_id} ({result.paragraphs} paragraphs{found}){note}")
        total = len(index)
        path = index.path
    if args.output:
        rows = write_pairs_csv(sort_pairs(pairs), args.output)
        print(f"wrote {rows} pair(s) to {args.output}")
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing added"
    print(
        f"index {path}: {summary}; {total} report(s) in the index"
        + (f"; {failures} input(s) failed" if failures else "")
    )
    return failed(failures)


def run_index_info(args: argparse.Namespace) -> int:
    from nlp.duplicates.index import DuplicateIndex

    path = index_path(args.index)
    if not path.exists():
        # Opening would create an empty index: a question must not leave a file behind.
        raise GovReportError(f"{path}: no index there; make one with: govreport index add REPORTS --index {path}")
    with DuplicateIndex(path) as index:
        print(
            f"index {index.path}: {len(index)} report(s), {index.n_paragraphs} paragraph(s); "
            f"shingles of {index.shingle_size} characters, {index.num_perm} permutations, paragraphs of {index.min_chars}+ characters"
        )
    return 0


# -- dupes ---------------------------------------------------------------------------------------


def run_dupes(args: argparse.Namespace) -> int:
    from nlp.duplicates.families import (
        duplicate_families,
        write_families_jsonl,
        write_year_over_year_csv,
        year_over_year,
    )
    from nlp.duplicates.find import DEFAULT_MIN_CHARS, find_duplicates, write_pairs_csv
    from nlp.duplicates.index import DuplicateIndex
    from nlp.inputs import InputFailure

    outputs = [args.output, args.families, args.year_over_year]
    for output in outputs:
        refuse_overwrite(output, args.inputs + ([args.index] if args.index else []))
    if not 0.0 < args.threshold <= 1.0:
        raise UsageError(f"--threshold must be in (0, 1], got {args.threshold}")
    documents, failures = [], 0
    for document in told_documents(args.inputs, limits=read_limits(args), jsonl=args.jsonl):
        if isinstance(document, InputFailure):
            failures += 1
        else:
            documents.append(document)
    index = None
    if args.index:
        if not Path(args.index).exists():
            raise GovReportError(
                f"{args.index}: no such index; create it with govreport index add PATH... --index {args.index}"
            )
        index = DuplicateIndex(args.index)
    try:
        min_chars = (
            args.min_chars
            if args.min_chars is not None
            else (index.min_chars if index else DEFAULT_MIN_CHARS)
        )
        pairs = find_duplicates(
            documents, args.threshold, index=index, measure=args.measure, min_chars=min_chars
        )
    finally:
        if index is not None:
            index.close()
    rows = write_pairs_csv(pairs, args.output)
    print(
        f"{rows} pair(s) of near-identical paragraphs (similarity >= {args.threshold}) written to {args.output}"
    )
    if args.families:
        count = write_families_jsonl(duplicate_families(pairs), args.families)
        print(f"{count} families written to {args.families}")
    if args.year_over_year:
        count = write_year_over_year_csv(
            year_over_year(documents, args.threshold, args.measure, min_chars), args.year_over_year
        )
        print(
            f"{count} year-over-year comparison(s) written to {args.year_over_year}"
            + ("" if count else " (no agency has reports of two years among the inputs)")
        )
    if failures:
        print(f"{failures} input(s) failed", file=sys.stderr)
    return failed(failures)
