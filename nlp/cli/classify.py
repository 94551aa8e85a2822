"""`govreport train | evaluate | suggest | classify`: the paragraph classifier's commands (parsing and printing only)."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path
from typing import Any

from nlp.cli.common import UsageError, error, failed, positive_int, refuse_overwrite
from nlp.cli.limits import (
    TRUST_MODEL_HELP,
    add_jsonl_argument,
    add_limit_arguments,
    add_split_argument,
    read_limits,
)
from nlp.errors import GovReportError
from nlp.export import write_table


def register(subparsers: argparse._SubParsersAction) -> None:
    train = subparsers.add_parser(
        "train",
        help="train a paragraph classifier on labelled files (JSONL/CSV/XLSX; format in docs/labels.md)",
        description="Choose a configuration by cross-validation grouped by site clusters (a report's site, place "
        "and near-duplicates stay on one side of a split), estimate what that choice is worth on unseen sites by "
        "nested CV against the plain character baseline, print the held-out macro-F1 (with and without context), "
        "per-label precision/recall/F1 and confusion matrix, then fit it on everything and write the model with "
        "its card (data files and hashes, label counts, validation with spread, parameters, sha256).",
    )
    train.add_argument("labelled", nargs="+", metavar="LABELLED", help="labelled files (.jsonl, .csv, .xlsx)")
    train.add_argument("--output", "-o", required=True, metavar="MODEL.joblib", help="model file; its card goes beside it (.json)")
    _label_set_options(train)
    train.add_argument(
        "--weak-reports",
        nargs="+",
        metavar="PATH",
        default=(),
        help="unlabelled reports (files, folders, or JSONL with doc_id/text per report) whose headings give weak "
        "labels; used only if they raise the held-out macro-F1",
    )
    train.add_argument("--folds", type=positive_int, default=5, help="grouped cross-validation folds (default 5)")
    train.add_argument("--seed", type=int, default=0, help="seed of the folds and the model (default 0)")
    train.add_argument(
        "--seeds", type=int, nargs="+", metavar="SEED", help="seeds of the nested CV's fold assignments (default: --seed)"
    )
    train.add_argument(
        "--no-nested", action="store_true", help="skip the nested CV estimate (faster; the card then has no `validation`)"
    )
    train.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="LABELLED=W",
        help="weigh the rows of one of the labelled files by W (a number ≥ 0; default 1) in every fit, cross-validation "
        "included; 0 leaves the file out. Repeat for other files. The last `=` separates the weight, so a path "
        "may hold `=` or `:`",
    )
    train.add_argument(
        "--config",
        metavar="NAME",
        help="fit this one configuration instead of choosing among the defaults by cross-validation (much faster): "
        "`shipped` (the one the shipped model chose) or a default candidate's name as a card lists it; the nested "
        "CV still estimates it on its outer folds",
    )
    train.add_argument("--force", action="store_true", help="replace an existing model file")
    train.set_defaults(func=run_train)

    evaluate = subparsers.add_parser(
        "evaluate",
        help="score a paragraph model on held-out labelled files",
        description="Predict the labelled narrative units of the files and print macro-F1, per-label P/R/F1 and "
        "the confusion matrix. Use files the model was not trained on.",
    )
    evaluate.add_argument("model", metavar="MODEL", help="model file (.joblib with its .json card)")
    evaluate.add_argument("labelled", nargs="+", metavar="LABELLED", help="labelled files (.jsonl, .csv, .xlsx)")
    _trust_option(evaluate)
    evaluate.set_defaults(func=run_evaluate)

    suggest = subparsers.add_parser(
        "suggest",
        help="export the paragraphs the model is least sure about, ready for labelling",
        description="Classify the narrative paragraphs of the inputs and write the N with the smallest margin "
        "between the two best labels (one copy of each text) to CSV or XLSX in the columns of docs/labels.md, "
        "with the model's guess as a hint. Fill in `label` and train on the file.",
    )
    _paragraph_inputs(suggest, "paths", "PATH")
    suggest.add_argument("--n", type=positive_int, default=200, help="how many paragraphs (default 200)")
    suggest.add_argument("--output", "-o", required=True, metavar="FILE.csv|FILE.xlsx", help="the sheet to label")
    suggest.add_argument("--force", action="store_true", help="replace an existing output file")
    suggest.set_defaults(func=run_suggest)

    classify = subparsers.add_parser(
        "classify",
        help="label the narrative paragraphs of reports or of a JSONL of paragraphs",
        description="INPUT is a report file or folder, or a .jsonl of whole reports (one report's `text` a line), "
        "whose narrative paragraphs are classified; or a .jsonl of paragraphs with at least `text` (optional "
        "`section`, `heading`), whose lines are kept and extended (see --jsonl). Each output line adds `label` and "
        "`scores` (label → probability). A file or line that cannot be read gives an error line and the run goes "
        "on; the exit code is 1 if anything failed.",
    )
    _paragraph_inputs(classify, "inputs", "INPUT")
    classify.add_argument("--output", "-o", required=True, metavar="OUT.jsonl", help="one JSON object per paragraph")
    classify.set_defaults(func=run_classify)


def _paragraph_inputs(parser: argparse.ArgumentParser, dest: str, metavar: str) -> None:
    """What `classify` and `suggest` read and with which model: the inputs, --model, --trust-model,
    --jsonl, --no-split and the reader's limits."""
    parser.add_argument(dest, nargs="+", metavar=metavar, help="report files, folders, or .jsonl of reports or of paragraphs")
    parser.add_argument("--model", metavar="MODEL", help="model file (default: the shipped model)")
    _trust_option(parser)
    add_jsonl_argument(parser)
    add_split_argument(parser)
    add_limit_arguments(parser)


def _label_set_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--labels", metavar="A,B,C", help="your own label set (comma-separated) instead of the guide's eight")
    group.add_argument("--any-labels", action="store_true", help="accept whatever labels the files use")


def _trust_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--trust-model", action="store_true", help=TRUST_MODEL_HELP
    )


def _label_set(args: argparse.Namespace) -> Any:
    from nlp.labels import GUIDE_LABELS

    if getattr(args, "any_labels", False):
        return None
    if getattr(args, "labels", None):
        labels = tuple(label.strip() for label in args.labels.split(",") if label.strip())
        if len(labels) < 2:
            raise UsageError("--labels needs at least two labels, comma-separated")
        return labels
    return GUIDE_LABELS


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise GovReportError(f"{path} exists; pass --force to replace it (or choose another --output)")


# -- train / evaluate -------------------------------------------------------------------------


def run_train(args: argparse.Namespace) -> int:
    from nlp.classify.inputs import iter_reports
    from nlp.classify.train import check_weights, fixed_configuration, train_model

    output = Path(args.output)
    _refuse_overwrite(output, args.force)
    # The settings are checked before any file is read: a misspelt name or weight fails at once.
    weights = file_weights(args.labelled, args.weight)
    _settings(check_weights, [Path(path) for path in args.labelled], weights)
    if args.config is not None:
        _settings(fixed_configuration, args.config)
    _tell_left_out(args.labelled, _label_set(args))

    weak_reports = list(iter_reports(args.weak_reports, on_error=error)) if args.weak_reports else ()
    command = "govreport " + " ".join(shlex.quote(a) for a in sys.argv[1:]) if sys.argv[1:2] == ["train"] else None
    result = _settings(
        train_model,
        args.labelled,
        output=output,
        labels=_label_set(args),
        unlabelled_reports=weak_reports,
        folds=args.folds,
        seed=args.seed,
        progress=lambda message: print(message, file=sys.stderr),
        command=command,
        nested=not args.no_nested,
        seeds=args.seeds,
        weights=weights,
        config=args.config,
    )
    print(f"{'fixed' if args.config else 'chosen'}: {result.chosen.name}")
    if args.weight:
        print("weights: " + ", ".join(f"{entry['file']} ×{entry['weight']:g}" for entry in result.card["data"]))
    print(format_metrics(result.card["metrics"], title=f"site-grouped {args.folds}-fold CV (held-out sites), with context"))
    if result.card.get("metrics_alone"):
        print(f"same folds, paragraphs given alone: macro-F1 {result.card['metrics_alone']['macro_f1']:.4f}")
    validation = result.card.get("validation")
    if validation:
        f1, alone, base = validation["macro_f1"], validation["macro_f1_alone"], validation["baseline_macro_f1"]
        print(
            f"nested CV over {validation['outer_folds']} outer folds: macro-F1 {f1['mean']:.4f} ± {f1['sd']:.4f} with context, "
            f"{alone['mean']:.4f} ± {alone['sd']:.4f} alone; character baseline {base['mean']:.4f} ± {base['sd']:.4f}"
        )
    print(f"weak labels: {'used' if result.weak_used else 'not used'}")
    uncut = result.card["weak_labels"]["uncut_glued"]
    if uncut["pieces"]:
        print(
            f"weak labels: {uncut['pieces']} glued piece(s) of {uncut['reports']} flattened report(s) too long for one paragraph "
            "were not labelled (no model to cut them yet)"
        )
    print(f"model: {output} ({result.card['size_bytes']:,} bytes, sha256 {result.card['sha256'][:16]}…); card: {output.with_suffix('.json')}")
    return 0


def file_weights(labelled: list[str], given: list[str]) -> list[float] | None:
    """One weight per labelled file from `--weight PATH=W` options (None: none given, all 1). PATH names one of
    the labelled files as given or as the same file by another path; W is checked by `train_model`."""
    if not given:
        return None
    weights = [1.0] * len(labelled)
    resolved = [Path(path).resolve() for path in labelled]
    seen: set[int] = set()
    for option in given:
        path, sep, weight = option.rpartition("=")
        if not sep or not path:
            raise UsageError(f"--weight {option!r}: write it as LABELLED=W, e.g. --weight extra.jsonl=2")
        matches = [i for i, name in enumerate(labelled) if name == path] or [
            i for i, name in enumerate(resolved) if name == Path(path).resolve()
        ]
        if not matches:
            raise UsageError(f"--weight {option!r}: {path} is not one of the labelled files ({', '.join(labelled)})")
        try:
            value = float(weight)
        except ValueError:
            raise UsageError(f"--weight {option!r}: the weight {weight!r} is not a number") from None
        for index in matches:
            if index in seen:
                raise UsageError(f"--weight {option!r}: {path} has a weight already")
            seen.add(index)
            weights[index] = value
    return weights  # a negative or infinite weight is refused by train_model


def _settings(function: Any, *args: Any, **kwargs: Any) -> Any:
    """`function` called, a setting it refuses (a weight, a configuration name) a usage error (exit code 2)."""
    from nlp.errors import TrainingSettingError

    try:
        return function(*args, **kwargs)
    except TrainingSettingError as exc:
        raise UsageError(str(exc)) from None


def _tell_left_out(paths: list[str], labels) -> None:
    """Say how many rows of the labelled files will not be learnt from (no label yet, no text, or not
    narrative), so that a half-labelled sheet is not mistaken for a whole one."""
    from nlp.labels import labelled_narrative, read_labelled

    units = read_labelled(paths, labels=labels)
    kept = len(labelled_narrative(units))
    unlabelled = sum(1 for u in units if u.kind == "narrative" and not u.label)
    other = len(units) - kept - unlabelled
    if kept < len(units):
        parts = [f"{unlabelled} without a label"] if unlabelled else []
        parts += [f"{other} without text or not narrative"] if other else []
        print(f"govreport: training on {kept} of {len(units)} row(s); left out {', '.join(parts)}", file=sys.stderr)


def run_evaluate(args: argparse.Namespace) -> int:
    from nlp.classify.evaluate import score_labels
    from nlp.classify.loading import load_model
    from nlp.classify.train import examples_from_units
    from nlp.labels import labelled_narrative, read_labelled

    model = load_model(args.model, trust=args.trust_model)
    units = read_labelled(args.labelled, labels=model.labels)
    if not labelled_narrative(units):
        raise GovReportError(
            f"{', '.join(args.labelled)}: no labelled paragraphs to evaluate on ({len(units)} row(s), none with a label "
            "and text); fill in the label column (docs/labels.md) first"
        )
    examples = examples_from_units(units)
    predicted = model.predict(examples.inputs)
    metrics = score_labels(examples.labels, list(predicted), model.labels)
    print(format_metrics(metrics.to_dict(), title=f"{args.model} on {len(examples)} labelled paragraphs"))
    return 0


def format_metrics(metrics: dict[str, Any], title: str = "") -> str:
    """Macro-F1, a per-label table and the confusion matrix, as plain text."""
    labels = metrics["labels"]
    width = max(len(label) for label in labels)
    lines = [title] if title else []
    lines.append(f"macro-F1 {metrics['macro_f1']:.4f}   accuracy {metrics['accuracy']:.4f}   paragraphs {metrics['n']}")
    lines.append(f"{'label':<{width}}  precision  recall      F1  support")
    for label in labels:
        row = metrics["per_label"][label]
        lines.append(f"{label:<{width}}  {row['precision']:9.3f}  {row['recall']:6.3f}  {row['f1']:6.3f}  {row['support']:7d}")
    short = [label[:6] for label in labels]
    lines.append("confusion (rows: true, columns: predicted)")
    lines.append(" " * (width + 2) + " ".join(f"{s:>6}" for s in short))
    for label, row in zip(labels, metrics["confusion"], strict=True):
        lines.append(f"{label:<{width}}  " + " ".join(f"{n:6d}" for n in row))
    return "\n".join(lines)


# -- classify / suggest ------------------------------------------------------------------------


def run_classify(args: argparse.Namespace) -> int:
    from nlp.classify.inputs import paragraph_batches
    from nlp.classify.loading import load_model
    from nlp.files import atomic_writer

    refuse_overwrite(args.output, args.inputs)
    model = load_model(args.model, trust=args.trust_model)
    failures = paragraphs = 0
    with atomic_writer(args.output) as handle:
        for batch in paragraph_batches(args.inputs, limits=read_limits(args), jsonl=args.jsonl, classifier=model, split=args.split):
            if batch.error is not None:
                failures += 1
                error(batch.error)
                handle.write(json.dumps({"source": batch.source, "error": batch.error}, ensure_ascii=False) + "\n")
                continue
            predictions = dict(zip(batch.targets, model.scores(batch.inputs), strict=True))
            for i, record in enumerate(batch.records):
                out = dict(record)
                prediction = predictions.get(i)
                out["label"] = prediction["label"] if prediction else None
                out["scores"] = prediction["scores"] if prediction else None
                handle.write(json.dumps(out, ensure_ascii=False) + "\n")
            paragraphs += len(batch.targets)
    print(f"{paragraphs} paragraphs classified -> {args.output}" + (f"; {failures} errors" if failures else ""), file=sys.stderr)
    return failed(failures)


def run_suggest(args: argparse.Namespace) -> int:
    from nlp.classify.inputs import paragraph_batches
    from nlp.classify.loading import load_model
    from nlp.classify.suggest import HINT_COLUMNS, Candidate, least_confident
    from nlp.labels import GUIDE_COLUMNS

    output = Path(args.output)
    if output.suffix.lower() not in (".csv", ".xlsx"):
        raise UsageError(f"{output}: --output must end in .csv or .xlsx")
    refuse_overwrite(output, args.paths)
    _refuse_overwrite(output, args.force)
    model = load_model(args.model, trust=args.trust_model)
    candidates: list[Candidate] = []
    failures = 0
    # With the model, a flattened page's glued paragraphs are cut as `classify` and `analyze` cut them: the
    # paragraphs offered for labelling are those the model will label.
    for batch in paragraph_batches(args.paths, limits=read_limits(args), jsonl=args.jsonl, classifier=model, split=args.split):
        if batch.error is not None:
            failures += 1
            error(batch.error)
            continue
        for target, paragraph in zip(batch.targets, batch.inputs, strict=True):
            record = batch.records[target]
            doc_id = str(record.get("doc_id") or Path(batch.source).stem)
            para_index = record.get("para_index", record.get("index", target))
            candidates.append(Candidate(doc_id, int(para_index) if str(para_index).isdigit() else target, paragraph, batch.source))
    rows = least_confident(model, candidates, args.n)
    write_table(output, list(GUIDE_COLUMNS) + list(HINT_COLUMNS), rows, sheet="label")
    print(f"{len(rows)} of {len(candidates)} paragraphs to label -> {output}", file=sys.stderr)
    return failed(failures)
