"""Boilerplate scores: held-out ROC AUC of each signal and of the combination, and scoring speed.

    python benchmarks/bench_boilerplate.py [--folds 5] [--repeat 3]

The AUC table is a grouped cross-validation on the narrative paragraphs of ../shared/labels/dev.jsonl
and full_reports.jsonl (hand-marked `generic` flag): validation clusters (site of the url, place,
near-duplicate reports: nlp.classify.groups) are held out whole; the reference document frequencies,
the generic model and the stacker's weights (nested) are fitted without the held-out clusters. The
reference corpus is the one the shipped model is fitted on (corpus pages, the 31 whole reports,
labelled units, seeds). Its last row is the 31 whole reports of one city held out as one group.

    python benchmarks/bench_boilerplate.py --refit   # also rewrite the shipped models (models/)

`--zeros-not-concrete` (with `--refit`): specificity reads a figure of zero as no concrete content, not the shipped choice.
The rows trained and scored on are `boiler_data.py`'s, a setting's parts `boiler_settings.py`'s, and `--paired` and
`--authored` are `boiler_compare.py`.

`--authored-dev N`: also train on the authored sets' dev parts (tests/gold: odd reports, the units whose
`generic` flag both labellers agree on, each N times); the held parts are never trained on. Measured with
N = 3, not used for the shipped models (docs/classifier.md, "Boilerplate score", ninth round).
`--writers-dev W`: also train on the dev halves of sets a, b, c, e, every narrative unit with its writer's
flag at sample weight W (docs/classifier.md, thirteenth round; `benchmarks/eval_boiler_writers.py`).
Speed: the shipped scorer on the same paragraphs, with and without the spans that explain scores.

    python benchmarks/bench_boilerplate.py --paired "fold_numbers=False" "fold_numbers=True" [--seeds 0 1]

Paired comparison of settings (keyword arguments of `GenericModel` or of `SpecificityScorer`, e.g.
"zeros_concrete=False"; the first one the reference, "" for the defaults; `writers_dev=w` also trains
every fold on every authored set's dev half, each unit with its writer's flag at sample weight w): the same grouped CV, run for each setting on the same folds, the groups shuffled with
each seed; per setting the mean fold AUC of the generic model and of the stacked score, and against
the reference the mean and sd of the per-fold differences (a change is worth keeping only where the
mean gain exceeds that sd). `--errors FILE` writes every paragraph's out-of-fold score. Then nothing
else is run.

    python benchmarks/bench_boilerplate.py --authored "" "authored_dev=3" [--sets a b] [--parts dev held] [--draws 2000]

Each setting fitted on all of ../shared and scored on the authored reports (tests/gold): ROC AUC for
each part of each set against both labellings, and each setting's difference from the first with a
95 % interval from resampling the part's reports. `authored_dev=N` (a setting, not a model parameter)
also trains on the dev parts: dev scored by report folds, held by the model trained on all dev
reports. Score `--parts held` once, at the end of a round. Scores only. Can follow --paired.

    python benchmarks/bench_boilerplate.py --fold-cost [--repeat 5] [--baseline DIR]

CPU of folding figures (`GenericModel(fold_numbers=True)`) in the shipped generic model's
prediction with explanations, on the narrative paragraphs of the 616 corpus texts of
bench_vs_jieba.py: the shipped model beside the same model reading figures as they are and, with
`--baseline`, the generic model of another models folder (e.g. `models` of an older commit's
`git archive`), alternating in one process, CPU min over `--repeat` rounds. Then nothing else is run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from boiler_compare import authored, paired  # noqa: E402
from boiler_data import (  # noqa: E402
    authored_dev_card,
    authored_dev_training,
    shared_data,
    shared_files,
    training_writer_sets,
    writers_dev_card,
    writers_training,
)

#: Figures quoted in the issue for each signal alone, for comparison.
REFERENCE_AUC = {
    "commonness": "≈0.54",
    "specificity": "≈0.87 (crude heuristic)",
    "generic": "≈0.945 (char TF-IDF)",
    "boilerplate": "≥ 0.95 (aim)",
}


def peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def fold_cost(rounds: int, baseline: Path | None) -> None:
    import copy
    import json

    from nlp.boilerplate.train import load_boilerplate_scorer
    from nlp.structure import parse_text

    seen: dict[str, str] = {}
    for name in ("full_reports.jsonl", "pages_dev.jsonl"):
        with (SHARED / "corpus" / name).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                seen.setdefault(str(record["doc_id"]), record["text"])
    paragraphs = [
        p.text for _, text in sorted(seen.items()) for p in parse_text(text).paragraphs if p.kind == "narrative" and p.text
    ]
    folded = load_boilerplate_scorer().generic_
    if not folded.fold_numbers:
        sys.exit("the shipped generic model does not fold figures")
    plain = copy.copy(folded)
    plain.fold_numbers = False
    models = {"figures folded (shipped)": folded, "same model, figures as they are": plain}
    if baseline is not None:
        models[f"generic model of {baseline}"] = load_boilerplate_scorer(baseline, trust=True).generic_
    best = dict.fromkeys(models, float("inf"))
    for _ in range(rounds):
        for label, model in models.items():
            started = time.process_time()
            model.predict_and_explain(paragraphs)
            best[label] = min(best[label], time.process_time() - started)
    print(f"{len(seen)} texts, {len(paragraphs)} narrative paragraphs; generic model predict_and_explain, CPU min of {rounds}")
    for label, seconds in best.items():
        print(f"| {label} | {seconds:.3f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--repeat", type=int, default=3, help="times the paragraphs are scored for the speed figures"
    )
    parser.add_argument("--refit", action="store_true", help="refit and rewrite the shipped boilerplate models first")
    parser.add_argument(
        "--zeros-not-concrete", action="store_true",
        help="--refit: specificity reads a figure of zero as no concrete content (fit_boilerplate(zeros_concrete=False); "
        "not the shipped choice)",
    )
    parser.add_argument(
        "--authored-dev", type=int, default=0, metavar="N",
        help="also train on the authored sets' dev parts (units both labellers agree on), each N times: in --refit "
        "and in the cross-validation table (the shipped models: 0; 3 was measured, docs/classifier.md)",
    )
    parser.add_argument(
        "--writers-dev", type=float, default=0.0, metavar="W",
        help="also train on the dev halves of the authored sets the paragraph classifier trains on (a, b, c, e): every "
        "narrative unit with its writer's generic flag at sample weight W, in --refit and in the cross-validation table",
    )
    parser.add_argument(
        "--with-commonness", action="store_true",
        help="also evaluate a scorer that stacks corpus commonness (the shipped one does not), for comparison",
    )
    parser.add_argument(
        "--paired", nargs="+", metavar="SETTINGS",
        help='compare generic-model settings on the same folds, e.g. "fold_numbers=False" "fold_numbers=True"',
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1], help="fold seeds of --paired")
    parser.add_argument("--errors", type=Path, help="--paired: write each paragraph's out-of-fold score per setting (JSON Lines)")
    parser.add_argument(
        "--authored", nargs="+", metavar="SETTINGS",
        help="fit each setting on all of ../shared and score it on the authored reports' dev and held parts",
    )
    parser.add_argument("--draws", type=int, default=2000, help="--authored: report resamples for the intervals")
    parser.add_argument("--sets", nargs="+", choices=("a", "b"), default=["a", "b"], help="--authored: which authored sets")
    parser.add_argument(
        "--parts", nargs="+", choices=("dev", "held"), default=["dev", "held"],
        help="--authored: which parts (score held only once, at the end of a round)",
    )
    parser.add_argument("--fold-cost", action="store_true", help="CPU of folding figures on the 616 corpus texts")
    parser.add_argument("--baseline", type=Path, help="--fold-cost: also time the generic model of this models folder")
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit(f"shared data not available: {SHARED} (the ../shared folder is absent)")
    if args.fold_cost:
        fold_cost(args.repeat, args.baseline)
        return

    from nlp.boilerplate.evaluate import SIGNALS, grouped_cross_validation
    from nlp.boilerplate.train import fit_boilerplate, load_boilerplate_scorer

    labels, corpus = shared_files()
    if args.authored_dev and args.writers_dev:
        sys.exit("--authored-dev and --writers-dev add the same rows two ways; give one")
    extra = (
        authored_dev_training(args.authored_dev) if args.authored_dev
        else writers_training(args.writers_dev, training_writer_sets()) if args.writers_dev else None
    )
    if args.refit:
        relative = [str(Path("..") / p.relative_to(SHARED.parent)) for p in labels]
        fit_boilerplate(
            corpus, labels=labels, folds=args.folds,
            command="fit-boilerplate via python benchmarks/bench_boilerplate.py --refit"
            + (f" --authored-dev {args.authored_dev}" if args.authored_dev else "")
            + (f" --writers-dev {args.writers_dev:g}" if args.writers_dev else "")
            + (" --zeros-not-concrete" if args.zeros_not_concrete else "")
            + f" (corpus: pages_dev, full_reports, labels, seeds; labels: {' '.join(relative)})",
            extra=extra,
            zeros_concrete=not args.zeros_not_concrete,
            extra_card=(
                authored_dev_card(args.authored_dev) if args.authored_dev
                else writers_dev_card(args.writers_dev, training_writer_sets()) if args.writers_dev else None
            ),
        )
        print(
            "shipped boilerplate models refitted (models/boilerplate_*.joblib); "
            "pin their new sha256 in the package with: PYTHONPATH=. python scripts/export_models.py"
        )
    texts, y, groups, clusters, reference, failures = shared_data()
    print(
        f"{len(texts)} narrative paragraphs ({int(y.sum())} generic) from {len(set(groups))} reports; "
        f"reference corpus {len(reference)} reports"
        + (f" ({len(failures)} inputs failed)" if failures else "")
    )

    if args.paired:
        paired(args.paired, args.seeds, args.folds, texts, y, groups, reference, clusters, args.errors)
    if args.authored:
        authored(args.authored, args.draws, texts, y, groups, reference, args.sets, args.parts)
    if args.paired or args.authored:
        return

    for with_commonness in (False, True) if args.with_commonness else (False,):
        evaluation = grouped_cross_validation(
            texts, y, groups, reference, folds=args.folds, clusters=clusters, with_commonness=with_commonness, extra=extra,
        )
        print(
            f"\n## Grouped {args.folds}-fold cross-validation ({len(set(groups))} site clusters held out; stacking nested)"
            f"{' — with commonness stacked' if with_commonness else ''} — {evaluation.seconds:.0f} s\n"
        )
        print("| signal | ROC AUC, held-out reports | per fold (min – max) | sd over folds | issue's reference |")
        print("|---|---|---|---|---|")
        for name in [name for name in SIGNALS if name in evaluation.auc]:
            per_fold = [fold[name] for fold in evaluation.fold_auc]
            print(
                f"| {name} | {evaluation.auc[name]:.3f} | {min(per_fold):.3f} – {max(per_fold):.3f} "
                f"| {evaluation.to_dict()['spread'][name]:.3f} | {REFERENCE_AUC[name]} |"
            )
        print(
            f"\nword-based signals on the held-out paragraphs (pass 1, words already cut): "
            f"{evaluation.signal_seconds:.1f} s for {len(texts)} paragraphs"
        )

    # Just refitted, the files are this run's own, not yet pinned (the pins are rewritten by export_models.py).
    scorer = load_boilerplate_scorer(trust=args.refit)
    scorer.score(texts[:20])  # load jieba and warm the caches once
    total_chars = sum(len(t) for t in texts) * args.repeat
    print("\n## Scoring speed (shipped models, one process)\n")
    print("| mode | paragraphs/s | characters/s |")
    print("|---|---|---|")
    for explain in (False, True):
        started = time.perf_counter()
        for round_number in range(args.repeat):
            # a fresh copy of each text per round, so that no cache serves a repeated paragraph
            scorer.score([text + " " * (round_number + 1) for text in texts], explain=explain)
        seconds = time.perf_counter() - started
        mode = "with spans" if explain else "scores only"
        print(f"| {mode} | {len(texts) * args.repeat / seconds:,.0f} | {total_chars / seconds:,.0f} |")
    print(f"\npeak memory {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
