"""`govreport fit-boilerplate` and `boilerplate`: template language (the package `nlp.boilerplate`)."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

from nlp.cli.common import UsageError, failed, positive_int, refuse_overwrite, tell_failure, told_documents
from nlp.cli.limits import TRUST_MODEL_HELP, add_jsonl_argument, add_limit_arguments, read_limits


def register(subparsers: argparse._SubParsersAction) -> None:
    fit = subparsers.add_parser(
        "fit-boilerplate",
        help="fit the boilerplate models: corpus document frequencies (and, with --labels, the generic model)",
        description="Fit the reference document frequencies on CORPUS (report files, folders, JSON Lines of reports or "
        "of paragraphs, told apart per file as in every command; paragraphs with the same doc_id are one report) and, with --labels, the supervised generic model and "
        "the stacker, with a grouped cross-validation written into the model card.",
    )
    fit.add_argument(
        "corpus", nargs="+", metavar="CORPUS", help="reference corpus: report files, folders or .jsonl"
    )
    fit.add_argument(
        "--labels",
        nargs="+",
        action="extend",
        metavar="LABELLED",
        help="hand-marked paragraphs (generic flag): one or more labelled files (.jsonl, .csv, .xlsx, read as train "
        "reads them; format in docs/labels.md), pooled; give them after CORPUS, or repeat --labels",
    )
    fit.add_argument(
        "--output-dir",
        default=None,
        metavar="DIR",
        help="where to write the models (default: the shipped models, which then needs --force)",
    )
    fit.add_argument("--force", action="store_true", help="allow replacing the shipped models when no --output-dir is given")
    fit.add_argument(
        "--folds", type=positive_int, default=5, help="grouped cross-validation folds for the card (default 5)"
    )
    add_jsonl_argument(fit)
    add_limit_arguments(fit)
    fit.set_defaults(func=run_fit)

    score = subparsers.add_parser(
        "boilerplate",
        help="boilerplate (0-1, higher is more template) and specificity per paragraph or per report",
        description="Score report files, or JSON Lines of paragraphs (doc_id, id, text; each line kept and extended) "
        "or of whole reports (doc_id, text; see --jsonl).",
    )
    score.add_argument("inputs", nargs="+", metavar="INPUT", help="report files, folders or .jsonl of reports or of paragraphs")
    score.add_argument("--output", "-o", required=True, metavar="OUT.jsonl", help="JSON Lines output")
    score.add_argument(
        "--level",
        choices=("paragraph", "report"),
        default="paragraph",
        help="one line per paragraph (default) or per report",
    )
    score.add_argument("--no-spans", action="store_true", help="leave out the spans that drove each score")
    _model_options(score)
    add_jsonl_argument(score)
    add_limit_arguments(score)
    score.set_defaults(func=run_boilerplate)


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model-dir", metavar="DIR", help="folder with boilerplate_*.joblib (default: the shipped models)"
    )
    parser.add_argument(
        "--trust-model", action="store_true", help=TRUST_MODEL_HELP
    )


# -- fit-boilerplate ------------------------------------------------------------------------------


def run_fit(args: argparse.Namespace) -> int:
    from nlp.boilerplate.train import fit_boilerplate
    from nlp.modelfiles.store import SHIPPED_MODELS

    command = (
        "govreport fit-boilerplate " + " ".join(shlex.quote(a) for a in sys.argv[2:])
        if len(sys.argv) > 2
        else None
    )
    if not args.output_dir and not args.force:
        raise UsageError(
            f"without --output-dir the shipped boilerplate models ({SHIPPED_MODELS}) would be replaced; "
            "give --output-dir DIR (then --model-dir DIR to use them), or --force to replace them"
        )
    output_dir = Path(args.output_dir) if args.output_dir else SHIPPED_MODELS
    if args.labels:
        from nlp.labels import read_labelled

        read_labelled(args.labels, labels=None)  # a missing or malformed file is told before any model is written
    cards = fit_boilerplate(
        args.corpus,
        labels=args.labels,
        output_dir=output_dir,
        folds=args.folds,
        command=command,
        limits=read_limits(args),
        jsonl=args.jsonl,
    )
    for failure in cards["failures"]:
        tell_failure(failure)
    corpus_card = cards["boilerplate_corpus.joblib"]
    print(
        f"reference corpus: {corpus_card['n_documents']} reports, {corpus_card['n_ngrams_kept']} n-grams kept"
    )
    if "evaluation_table" in cards:
        print(cards["evaluation_table"])
    print(f"models written to {output_dir}")
    return failed(len(cards["failures"]))


# -- boilerplate ---------------------------------------------------------------------------------


def run_boilerplate(args: argparse.Namespace) -> int:
    from nlp.boilerplate.loading import load_boilerplate_scorer
    from nlp.files import atomic_writer
    from nlp.inputs import InputFailure

    refuse_overwrite(args.output, args.inputs)
    scorer = load_boilerplate_scorer(args.model_dir, trust=args.trust_model)
    failures = written = 0
    with atomic_writer(args.output) as handle:
        for document in told_documents(args.inputs, limits=read_limits(args), jsonl=args.jsonl):
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
    return failed(failures)


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
