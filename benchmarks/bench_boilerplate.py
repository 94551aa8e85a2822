"""Boilerplate scores: held-out ROC AUC of each signal and of the combination, and scoring speed.

    python benchmarks/bench_boilerplate.py [--folds 5] [--repeat 3]

The AUC table is a grouped cross-validation on the narrative paragraphs of ../shared/labels/dev.jsonl
and full_reports.jsonl (hand-marked `generic` flag): validation clusters (site of the url, place,
near-duplicate reports: nlp.classify.groups) are held out whole; the reference document frequencies,
the generic model and the stacker's weights (nested) are fitted without the held-out clusters. The
reference corpus is the one the shipped model is fitted on (corpus pages, the 31 whole reports,
labelled units, seeds). Its last row is the 31 whole reports of one city held out as one group.

    python benchmarks/bench_boilerplate.py --refit   # also rewrite the shipped models (models/)

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
import ast
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

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


def generic_settings(spec: str) -> dict:
    """`"fold_numbers=False, C=30"` → {"fold_numbers": False, "C": 30} (literal values only)."""
    call = ast.parse(f"f({spec})", mode="eval").body
    if not isinstance(call, ast.Call) or call.args:
        raise SystemExit(f"--paired: {spec!r} is not a list of name=value settings")
    try:
        return {keyword.arg: ast.literal_eval(keyword.value) for keyword in call.keywords}
    except ValueError as error:
        raise SystemExit(f"--paired: {spec!r}: values must be literals ({error})") from None


#: A setting that is no model parameter: `authored_dev=N` also trains on the authored sets' dev parts
#: (odd reports; the units whose `generic` flag both labellers agree on), each unit given N times.
AUTHORED_DEV = "authored_dev"


def authored_dev_times(spec: str) -> int:
    """How many times a setting trains on each authored dev unit (0: not at all)."""
    return int(generic_settings(spec).get(AUTHORED_DEV, 0))


def authored_dev_units(which: str) -> tuple[list, Any]:
    """The dev part's narrative units of one authored set whose `generic` flag both labellers agree
    on, with that flag."""
    import numpy as np
    from eval_authored import SETS, in_part, second_labelling

    from nlp.labels import read_labelled

    second = second_labelling(which)
    units = [
        u for u in read_labelled([SETS[which][1]])
        if u.kind == "narrative" and u.label and u.generic is not None and in_part(u.doc_id, "dev")
        and bool(second.get((u.doc_id, u.para_index), {}).get("generic")) == bool(u.generic)
    ]
    return units, np.asarray([int(bool(u.generic)) for u in units])


def authored_dev_training(times: int, leave_out: frozenset[str] = frozenset()):
    """`TrainingOnly` paragraphs from both authored sets' dev parts (`authored_dev_units`), each given
    `times` times (in one group per report, so the stacker's inner folds keep its copies together),
    without the reports in `leave_out`."""
    import numpy as np

    from nlp.boilerplate.evaluate import TrainingOnly

    texts, y, groups = [], [], []
    for which in ("a", "b"):
        units, flags = authored_dev_units(which)
        for unit, flag in zip(units, flags, strict=True):
            if unit.doc_id not in leave_out:
                texts += [unit.text] * times
                y += [int(flag)] * times
                groups += [f"authored:{unit.doc_id}"] * times
    return TrainingOnly(texts, np.asarray(y, dtype=int), groups)


def authored_dev_card(times: int) -> dict:
    """What the model card says of `authored_dev_training(times)`: the files with their sha256 and the choice."""
    from eval_authored import SETS

    from nlp.modelfiles.store import sha256_of

    files = [path for which in ("a", "b") for path in SETS[which][1:]]
    return {
        "what": "the authored sets' dev parts (odd-numbered reports; the held parts are never trained on): "
        "narrative units whose generic flag the writer and the blind second labeller agree on",
        "times": times,
        "data": [{"file": str(path.relative_to(REPO)), "sha256": sha256_of(path)} for path in files],
    }


def shared_files() -> tuple[list[Path], list[Path]]:
    """The labelled files of ../shared the shipped score is trained on, and its reference corpus."""
    labels = [SHARED / "labels" / "dev.jsonl", SHARED / "labels" / "full_reports.jsonl"]
    return labels, [SHARED / "corpus" / "pages_dev.jsonl", SHARED / "corpus" / "full_reports.jsonl", *labels, SHARED / "seeds"]


def shared_data():
    """../shared's labelled narrative paragraphs (texts, generic flags, each one's validation cluster),
    the clusters by doc_id, the reference corpus (doc_id → texts) and the corpus inputs that failed."""
    from nlp.boilerplate.train import labelled_with_clusters, reference_documents

    labels, corpus = shared_files()
    texts, y, doc_ids, clusters = labelled_with_clusters(labels)
    groups = [clusters.get(doc_id, doc_id) for doc_id in doc_ids]
    reference, failures = reference_documents(corpus)
    return texts, y, groups, clusters, reference, failures


#: A setting that is no model parameter: `writers_dev=w` also trains on every authored set's dev half
#: (`writer_sets()`), each narrative unit with its writer's `generic` flag at sample weight w.
WRITERS_DEV = "writers_dev"


def writers_dev_weight(spec: str) -> float:
    """The weight a setting gives the writers' dev rows (0: not trained on)."""
    return float(generic_settings(spec).get(WRITERS_DEV, 0))


def writer_sets() -> list[str]:
    """The authored sets whose labels are present, in `eval_authored.SETS` order; a set announced but not
    landed yet (its label file absent) is skipped with a message."""
    from eval_authored import SETS

    present = []
    for which, (_, labels, _) in SETS.items():
        if labels.exists():
            present.append(which)
        else:
            print(f"authored set {which}: no labels at {labels}; skipped", file=sys.stderr)
    return present


def writer_units(which: str, part: str) -> list:
    """One authored set's narrative units of one half (`dev`, `held`) that carry a label and a `generic` flag."""
    from eval_authored import SETS, in_part

    from nlp.labels import read_labelled

    return [
        u for u in read_labelled([SETS[which][1]])
        if u.kind == "narrative" and u.label and u.text and u.generic is not None and in_part(u.doc_id, part)
    ]


def writers_training(weight: float, sets: list[str]):
    """`TrainingOnly` rows from the dev halves of `sets`: each narrative unit with its writer's `generic`
    flag, at sample weight `weight`, grouped by report (the stacker's inner folds keep a report together)."""
    import numpy as np

    from nlp.boilerplate.evaluate import TrainingOnly

    units = [(which, u) for which in sets for u in writer_units(which, "dev")]
    return TrainingOnly(
        [u.text for _, u in units],
        np.asarray([int(bool(u.generic)) for _, u in units], dtype=int),
        [f"authored_{which}:{u.doc_id}" for which, u in units],
        weights=np.full(len(units), float(weight)),
    )


def training_writer_sets() -> list[str]:
    """The sets whose dev halves the shipped models train on: those the paragraph classifier trains on
    (`scripts/authored_dev_labels.training_sets`), so that both models have read the same writers."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from authored_dev_labels import training_sets
    finally:
        sys.path.remove(str(REPO / "scripts"))
    return [which for which in writer_sets() if which in training_sets()]


def writers_dev_card(weight: float, sets: list[str]) -> dict:
    """What the model card says of `writers_training(weight, sets)`: the label files with their sha256 and the weight."""
    from eval_authored import SETS

    from nlp.modelfiles.store import sha256_of

    return {
        "what": "the authored sets' dev halves (odd-numbered reports; the held halves are never trained on): every "
        "narrative unit with its writer's generic flag, at a sample weight; the weight chosen leave one writer out "
        "(benchmarks/eval_boiler_writers.py)",
        "sets": sets,
        "weight": weight,
        "data": [{"file": str(SETS[which][1].relative_to(REPO)), "sha256": sha256_of(SETS[which][1])} for which in sets],
    }


def setting_extra(spec: str):
    """The training-only rows a setting adds (`authored_dev=N`, `writers_dev=w`), or None."""
    times, weight = authored_dev_times(spec), writers_dev_weight(spec)
    if times and weight:
        raise SystemExit(f"{spec!r}: authored_dev and writers_dev are two ways of adding the same rows; give one")
    if times:
        return authored_dev_training(times)
    return writers_training(weight, writer_sets()) if weight else None


def scorer_parts(spec: str, tokenizer=None):
    """A setting's unfitted generic model and specificity scorer: each name=value goes to the one
    whose constructor takes it (`zeros_concrete=False` to `SpecificityScorer`, `C=30` to `GenericModel`;
    `authored_dev` to neither)."""
    import inspect

    from nlp.boilerplate.generic import GenericModel
    from nlp.boilerplate.specificity import SpecificityScorer

    settings = generic_settings(spec)
    settings.pop(AUTHORED_DEV, None)
    settings.pop(WRITERS_DEV, None)
    specific_names = set(inspect.signature(SpecificityScorer.__init__).parameters) - {"self", "tokenizer"}
    generic = GenericModel(**{k: v for k, v in settings.items() if k not in specific_names})
    specificity = SpecificityScorer(tokenizer=tokenizer, **{k: v for k, v in settings.items() if k in specific_names})
    return generic, specificity


def paired(specs: list[str], seeds: list[int], folds: int, texts, y, groups, reference, clusters, errors: Path | None = None) -> None:
    import json

    import numpy as np

    from nlp.boilerplate.evaluate import grouped_cross_validation
    from nlp.tokenize import Tokenizer

    tokenizer = Tokenizer()
    parts = [scorer_parts(spec, tokenizer) for spec in specs]
    per_fold = {spec: {"generic": [], "boilerplate": []} for spec in specs}
    out_of_fold = {spec: np.zeros(len(texts)) for spec in specs}
    for seed in seeds:
        for spec, (model, specificity) in zip(specs, parts, strict=True):
            evaluation = grouped_cross_validation(
                texts, y, groups, reference, folds=folds, clusters=clusters, generic=model, specificity=specificity, seed=seed,
                extra=setting_extra(spec),
            )
            for name in ("generic", "boilerplate"):
                per_fold[spec][name].extend(fold[name] for fold in evaluation.fold_auc)
            out_of_fold[spec] += evaluation.predictions["boilerplate"] / len(seeds)
            print(f"seed {seed}: {spec or 'reference'} done ({evaluation.seconds:.0f} s)", flush=True)
    if errors is not None:
        # the out-of-fold stacked score of every paragraph under each setting (mean over the seeds), to read the errors
        with errors.open("w", encoding="utf-8") as handle:
            for i, text in enumerate(texts):
                record = {"text": text, "generic": int(y[i]), "group": groups[i]}
                record.update({spec: round(float(out_of_fold[spec][i]), 4) for spec in specs})
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    reference_spec = specs[0]
    print(f"\n## Paired: {folds} folds x seeds {' '.join(map(str, seeds))}, reference {reference_spec or '(defaults)'}\n")
    print("| setting | generic AUC | stacked AUC | generic: diff (sd) | stacked: diff (sd) | stacked: folds up |")
    print("|---|---|---|---|---|---|")
    for spec in specs:
        cells = []
        for name in ("generic", "boilerplate"):
            cells.append(f"{np.mean(per_fold[spec][name]):.4f}")
        for name in ("generic", "boilerplate"):
            diff = np.asarray(per_fold[spec][name]) - np.asarray(per_fold[reference_spec][name])
            cells.append(f"{diff.mean():+.4f} ({diff.std(ddof=1):.4f})" if spec != reference_spec else "")
        diff = np.asarray(per_fold[spec]["boilerplate"]) - np.asarray(per_fold[reference_spec]["boilerplate"])
        cells.append(f"{int((diff > 0).sum())}/{len(diff)}" if spec != reference_spec else "")
        print(f"| {spec or '(defaults)'} | " + " | ".join(cells) + " |")


#: Report folds over the authored dev parts, for the dev scores of a setting that trains on them.
AUTHORED_DEV_FOLDS = 4


def authored(
    specs: list[str], draws: int, texts, y, groups, reference, sets: list[str], parts: list[str]
) -> None:
    """Each setting fitted on all of ../shared, scored on the authored reports: ROC AUC against the
    writer's flags, the second labeller's and the units both agree on, for each of `parts` (dev,
    held) of each of `sets` (a, b); against the first setting, the difference with its 95 % interval
    from resampling the part's reports (paired: the same draws for every setting). A setting with
    `authored_dev=N` also trains on the dev parts: its held scores come from a model trained on all
    of them, its dev scores from `AUTHORED_DEV_FOLDS` report folds (each dev report scored by a model
    that did not see it). The held parts are never trained on. Scores only: nothing of a unit is printed."""
    import numpy as np
    from eval_authored import SETS, in_part, second_labelling

    from nlp.boilerplate.score import BoilerplateScorer
    from nlp.labels import read_labelled
    from nlp.tokenize import Tokenizer

    tokenizer = Tokenizer()
    units_of = {}
    for which in sets:
        units_of[which] = [
            u for u in read_labelled([SETS[which][1]])
            if u.kind == "narrative" and u.label and u.generic is not None and any(in_part(u.doc_id, part) for part in parts)
        ]
    every = [u for which in sets for u in units_of[which]]
    dev_reports = sorted({u.doc_id for which in ("a", "b") for u in authored_dev_units(which)[0]})
    rng = np.random.default_rng(0)
    folds = [frozenset(dev_reports[i] for i in order) for order in np.array_split(rng.permutation(len(dev_reports)), AUTHORED_DEV_FOLDS)]

    def fitted(spec: str, leave_out: frozenset[str] = frozenset()):
        generic, specificity = scorer_parts(spec, tokenizer)
        specificity.fit(reference.values())
        times = authored_dev_times(spec)
        if not times:
            return BoilerplateScorer(None, specificity, generic).fit(texts, y, groups)
        extra = authored_dev_training(times, leave_out)
        return BoilerplateScorer(None, specificity, generic).fit(
            list(texts) + extra.texts, np.concatenate([y, extra.y]), list(groups) + extra.groups
        )

    scores = {}
    for spec in specs:
        scores[spec] = fitted(spec).predict_proba([u.text for u in every])[:, 1]
        if authored_dev_times(spec) and "dev" in parts:
            for fold in folds:
                rows = [i for i, u in enumerate(every) if u.doc_id in fold]
                scores[spec][rows] = fitted(spec, fold).predict_proba([every[i].text for i in rows])[:, 1]
        print(f"{spec or 'reference'} fitted and scored", flush=True)
    start = 0
    for which in sets:
        units = units_of[which]
        second = second_labelling(which)
        flags = {
            "writer": np.asarray([bool(u.generic) for u in units]),
            "second": np.asarray([bool(second.get((u.doc_id, u.para_index), {}).get("generic")) for u in units]),
        }
        part_scores = {spec: values[start : start + len(units)] for spec, values in scores.items()}
        start += len(units)
        for part in parts:
            _authored_part(
                f"{which} {part}", [in_part(u.doc_id, part) for u in units], [u.doc_id for u in units], flags, part_scores, specs, draws
            )


def report_resamples(doc_ids, rows, draws: int, seed: int = 0) -> list:
    """`draws` resamples of the reports of `rows` (with replacement), each as the row indices of its
    reports: the same draws serve every setting compared, so differences are paired."""
    import numpy as np

    rng = np.random.default_rng(seed)
    reports = sorted({doc_ids[i] for i in rows})
    by_report = {doc_id: [i for i in rows if doc_ids[i] == doc_id] for doc_id in reports}
    return [np.concatenate([by_report[reports[k]] for k in rng.integers(0, len(reports), len(reports))]) for _ in range(draws)]


def auc_difference(truth, new, old, keep, samples) -> tuple[float, float, float]:
    """ROC AUC of `new` minus that of `old` on the rows `keep` (a boolean mask over all rows), with the
    95 % interval over `samples` (`report_resamples`; a resample holding one class only is skipped)."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    rows = np.flatnonzero(keep)
    point = roc_auc_score(truth[rows], new[rows]) - roc_auc_score(truth[rows], old[rows])
    diffs = []
    for sample in samples:
        sample = sample[keep[sample]]
        if len(set(truth[sample].tolist())) == 2:
            diffs.append(roc_auc_score(truth[sample], new[sample]) - roc_auc_score(truth[sample], old[sample]))
    low, high = np.percentile(diffs, [2.5, 97.5])
    return float(point), float(low), float(high)


def _authored_part(
    title: str, in_this_part: list[bool], doc_ids: list[str], flags: dict, scores: dict, specs: list[str], draws: int
) -> None:
    """One part's table of `authored`: AUC per setting and labelling, Δ against the first setting."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    agreed = flags["writer"] == flags["second"]
    rows = np.flatnonzero(in_this_part)
    samples = report_resamples(doc_ids, rows, draws)
    print(
        f"\n## Authored set {title} part: {len(set(doc_ids[i] for i in rows))} reports, {len(rows)} units; ROC AUC, "
        f"Δ against {specs[0] or '(defaults)'} [95 % over {draws} report resamples]\n"
    )
    print("| setting | writer | second labeller | both agree | Δ writer | Δ second | Δ agreed |")
    print("|---|---|---|---|---|---|---|")
    for spec in specs:
        cells, deltas = [], []
        for name in ("writer", "second", "agreed"):
            truth = flags["second" if name == "second" else "writer"]
            keep = np.zeros(len(truth), dtype=bool)
            keep[rows] = True
            if name == "agreed":
                keep &= agreed
            cells.append(f"{roc_auc_score(truth[keep], scores[spec][keep]):.3f}")
            if spec != specs[0]:
                point, low, high = auc_difference(truth, scores[spec], scores[specs[0]], keep, samples)
                deltas.append(f"{point:+.4f} [{low:+.4f}, {high:+.4f}]")
        print(f"| {spec or '(defaults)'} | " + " | ".join(cells + (deltas or ["", "", ""])) + " |", flush=True)


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
            + f" (corpus: pages_dev, full_reports, labels, seeds; labels: {' '.join(relative)})",
            extra=extra,
            extra_card=(
                authored_dev_card(args.authored_dev) if args.authored_dev
                else writers_dev_card(args.writers_dev, training_writer_sets()) if args.writers_dev else None
            ),
        )
        print("shipped boilerplate models refitted (models/boilerplate_*.joblib)")
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

    scorer = load_boilerplate_scorer()
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
