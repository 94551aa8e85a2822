"""`govreport fit-boilerplate`, `boilerplate`, `index add`, `dupes`: template language and copy-paste."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

from nlp.errors import GovReportError


def register(subparsers: argparse._SubParsersAction) -> None:
    fit = subparsers.add_parser(
        "fit-boilerplate",
        help="fit the boilerplate models: corpus document frequencies (and, with --labels, the generic model)",
        description="Fit the reference document frequencies on CORPUS (report files, folders, JSON Lines of reports or "
        "paragraphs; reports with the same doc_id are pooled) and, with --labels, the supervised generic model and "
        "the stacker, with a grouped cross-validation written into the model card.",
    )
    fit.add_argument(
        "corpus", nargs="+", metavar="CORPUS", help="reference corpus: report files, folders or .jsonl"
    )
    fit.add_argument(
        "--labels", metavar="LABELS.jsonl", help="hand-marked paragraphs (generic flag, ANNOTATION.md format)"
    )
    fit.add_argument(
        "--output-dir",
        default=None,
        metavar="DIR",
        help="where to write the models (default: the shipped models/)",
    )
    fit.add_argument(
        "--folds", type=int, default=5, help="grouped cross-validation folds for the card (default 5)"
    )
    fit.set_defaults(func=run_fit)

    score = subparsers.add_parser(
        "boilerplate",
        help="boilerplate (0-1, higher is more template) and specificity per paragraph or per report",
        description="Score report files or JSON Lines of paragraphs (doc_id, id, text) or reports (doc_id, text).",
    )
    score.add_argument("inputs", nargs="+", metavar="INPUT", help="report files, folders or .jsonl")
    score.add_argument("--output", "-o", required=True, metavar="OUT.jsonl", help="JSON Lines output")
    score.add_argument(
        "--level",
        choices=("paragraph", "report"),
        default="paragraph",
        help="one line per paragraph (default) or per report",
    )
    score.add_argument("--no-spans", action="store_true", help="leave out the spans that drove each score")
    _model_options(score)
    score.set_defaults(func=run_boilerplate)

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
    add.add_argument("paths", nargs="+", metavar="PATH", help="report files, folders or .jsonl")
    _index_option(add)
    add.add_argument(
        "--threshold", type=float, default=0.8, help="similarity for --output pairs (default 0.8)"
    )
    add.add_argument(
        "--output", "-o", metavar="PAIRS.csv", help="write the near-copies found against earlier reports"
    )
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
        "inputs", nargs="+", metavar="INPUT", help="report files, folders or .jsonl of paragraphs"
    )
    dupes.add_argument("--index", metavar="DB", help="also compare with the reports in this index")
    dupes.add_argument("--threshold", type=float, default=0.8, help="minimum similarity (default 0.8)")
    dupes.add_argument(
        "--measure", choices=("jaccard", "containment"), default="jaccard", help="similarity of shingle sets"
    )
    dupes.add_argument("--min-chars", type=int, default=None, help="skip shorter paragraphs (default 20)")
    dupes.add_argument("--output", "-o", required=True, metavar="PAIRS.csv", help="the pairs, as CSV")
    dupes.add_argument(
        "--families", metavar="FAMILIES.jsonl", help="also write families of the same text across reports"
    )
    dupes.add_argument(
        "--year-over-year",
        metavar="YOY.csv",
        help="also write each report's reuse of the same agency's previous report",
    )
    dupes.set_defaults(func=run_dupes)


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model-dir", metavar="DIR", help="folder with boilerplate_*.joblib (default: the shipped models)"
    )
    parser.add_argument(
        "--trust-model", action="store_true", help="load model files even if they do not match their cards"
    )


def _index_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index", metavar="DB", help="index file (default: $GOVREPORT_INDEX or ./govreport_index.sqlite)"
    )


def _error(message: str) -> None:
    print(f"govreport: error: {message}", file=sys.stderr)


def _check_output(output: str | None, inputs: list[str]) -> None:
    """Refuse to write over one of the inputs."""
    if output is None:
        return
    target = Path(output).resolve()
    if any(Path(item).resolve() == target for item in inputs):
        raise GovReportError(f"{output}: the output would overwrite an input; choose another file")


def _documents(inputs: list[str]) -> Iterator:
    """Documents of the inputs; failures are printed and yielded (as InputFailure) for the caller to count."""
    from nlp.boilerplate.documents import InputFailure, read_documents

    for item in read_documents(inputs):
        if isinstance(item, InputFailure):
            _error(f"{item.source}: {item.error}")
        yield item


# -- fit-boilerplate ------------------------------------------------------------------------------


def run_fit(args: argparse.Namespace) -> int:
    from nlp.boilerplate.train import fit_boilerplate
    from nlp.modelstore import SHIPPED_MODELS

    command = (
        "govreport fit-boilerplate " + " ".join(shlex.quote(a) for a in sys.argv[2:])
        if len(sys.argv) > 2
        else None
    )
    output_dir = Path(args.output_dir) if args.output_dir else SHIPPED_MODELS
    cards = fit_boilerplate(
        args.corpus, labels=args.labels, output_dir=output_dir, folds=args.folds, command=command
    )
    for failure in cards["failures"]:
        _error(f"{failure.source}: {failure.error}")
    corpus_card = cards["boilerplate_corpus.joblib"]
    print(
        f"reference corpus: {corpus_card['n_documents']} reports, {corpus_card['n_ngrams_kept']} n-grams kept"
    )
    if "evaluation_table" in cards:
        print(cards["evaluation_table"])
    print(f"models written to {output_dir}")
    return 1 if cards["failures"] else 0


# -- boilerplate ---------------------------------------------------------------------------------


def run_boilerplate(args: argparse.Namespace) -> int:
    from nlp.boilerplate.documents import InputFailure
    from nlp.boilerplate.train import load_boilerplate_scorer
    from nlp.files import atomic_writer

    _check_output(args.output, args.inputs)
    scorer = load_boilerplate_scorer(args.model_dir, trust=args.trust_model)
    failures = written = 0
    with atomic_writer(args.output) as handle:
        for document in _documents(args.inputs):
            if isinstance(document, InputFailure):
                failures += 1
                handle.write(json.dumps(document.to_dict(), ensure_ascii=False) + "\n")
                continue
            for record in _scored_records(scorer, document, args.level, spans=not args.no_spans):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
    print(
        f"wrote {written} {args.level} record(s) to {args.output}"
        + (f"; {failures} input(s) failed" if failures else "")
    )
    return 1 if failures else 0


def _scored_records(scorer, document, level: str, spans: bool) -> Iterator[dict]:
    from nlp.boilerplate.score import report_score

    scored = [unit for unit in document.units if unit.kind == "narrative" and unit.text.strip()]
    own_names = [document.agency] if document.agency else []
    scores = scorer.score(
        [u.text for u in scored], own_names=own_names, explain=spans and level == "paragraph"
    )
    if level == "report":
        summary = report_score(scores, [u.text for u in scored])
        ranked = sorted(zip(scored, scores, strict=True), key=lambda pair: -pair[1].boilerplate)[:3]
        yield {
            "doc_id": document.doc_id,
            "source": document.source,
            "agency": document.agency,
            "year": document.year,
            **(
                summary.to_dict()
                if summary
                else {"boilerplate": None, "specificity": None, "n_paragraphs": 0}
            ),
            "most_template": [{"id": u.id, "boilerplate": round(s.boilerplate, 4)} for u, s in ranked],
        }
        return
    by_unit = {id(u): s for u, s in zip(scored, scores, strict=True)}
    for unit in document.units:
        score = by_unit.get(id(unit))
        if unit.record is not None:  # a paragraph record: kept as given, scores added
            record = dict(unit.record)
            record.setdefault("doc_id", document.doc_id)
        elif score is None:  # report files: only the scored (narrative) paragraphs are written
            continue
        else:
            record = {
                "doc_id": document.doc_id,
                "source": document.source,
                "agency": document.agency,
                "year": document.year,
                "id": unit.id,
                "kind": unit.kind,
                "text": unit.text,
            }
        record.update(
            score.to_dict(spans=spans) if score is not None else {"boilerplate": None, "specificity": None}
        )
        yield record


# -- index ---------------------------------------------------------------------------------------


def run_index_add(args: argparse.Namespace) -> int:
    from nlp.boilerplate.documents import InputFailure
    from nlp.duplicates.find import sort_pairs, write_pairs_csv
    from nlp.duplicates.index import DuplicateIndex

    _check_output(args.output, args.paths)
    failures = 0
    pairs = []
    counts: dict[str, int] = {}
    with DuplicateIndex(args.index) as index:
        for document in _documents(args.paths):
            if isinstance(document, InputFailure):
                failures += 1
                continue
            result = index.add(document, threshold=args.threshold if args.output else None)
            counts[result.status] = counts.get(result.status, 0) + 1
            pairs.extend(result.pairs)
            note = f" (same content as {result.same_as})" if result.same_as else ""
            found = f", {len(result.pairs)} near-copies of earlier reports" if args.output else ""
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
    return 1 if failures else 0


def run_index_info(args: argparse.Namespace) -> int:
    from nlp.duplicates.index import DuplicateIndex

    with DuplicateIndex(args.index) as index:
        print(
            f"index {index.path}: {len(index)} report(s), {index.n_paragraphs} paragraph(s); "
            f"shingles of {index.shingle_size} characters, {index.num_perm} permutations, paragraphs of {index.min_chars}+ characters"
        )
    return 0


# -- dupes ---------------------------------------------------------------------------------------


def run_dupes(args: argparse.Namespace) -> int:
    from nlp.boilerplate.documents import InputFailure
    from nlp.duplicates.families import (
        duplicate_families,
        write_families_jsonl,
        write_year_over_year_csv,
        year_over_year,
    )
    from nlp.duplicates.find import DEFAULT_MIN_CHARS, find_duplicates, write_pairs_csv
    from nlp.duplicates.index import DuplicateIndex

    outputs = [args.output, args.families, args.year_over_year]
    for output in outputs:
        _check_output(output, args.inputs + ([args.index] if args.index else []))
    if not 0.0 < args.threshold <= 1.0:
        raise GovReportError(f"--threshold must be in (0, 1], got {args.threshold}")
    documents, failures = [], 0
    for document in _documents(args.inputs):
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
    return 1 if failures else 0
