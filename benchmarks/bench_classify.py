"""Paragraph classifier: held-out quality against the two baselines, and speed of the shipped model.

    python benchmarks/bench_classify.py [--folds 5] [--seed 0] [--repeat 3]

1. Grouped cross-validation by doc_id on ../shared/labels/dev.jsonl (the same folds for all three):
   keyword rules, character 1–3-gram TF-IDF + logistic regression, and the shipped model's
   configuration (read from its card). Prints macro-F1 and per-label F1.
2. The shipped model (models/paragraphs.joblib): load time (hash check included), file size, and
   paragraphs classified per second on one core (BLAS threads pinned to 1), peak memory.
3. Side by side in one run, as whole processes (start, imports and model/dictionary load included):
   `govreport classify` on a JSONL of the labelled paragraphs, and jieba alone cutting the same
   paragraphs; the median of `--processes` runs each, and the ratio of their rates.

    python benchmarks/bench_classify.py --speed-only     # part 3 only
    python benchmarks/bench_classify.py --opening --seed 0   # the opening block, site-grouped folds
    python benchmarks/bench_classify.py --variants words closing --seeds 0 1   # paired comparisons
    python benchmarks/bench_classify.py --extra-data --seeds 0 1   # weak labels and self-training
    python benchmarks/bench_classify.py --authored --seeds 0 1   # fifth round: section-五 halves, authored dev data
    python benchmarks/bench_classify.py --odds "odds x0.5" --seeds 0 1   # tenth round: how the stance enters (dev parts only)

4. `--full-reports`: end to end on whole report files. A model of the shipped configuration is
   trained on dev.jsonl alone; each of the 31 crawled reports of ../shared/corpus/full_reports.jsonl
   is read and structured by the parser (numbers on lines of their own and all), its narrative
   paragraphs classified with their context, and matched to the hand-labelled units of
   ../shared/labels/full_reports.jsonl (same text once punctuation and spaces are folded, or one
   containing the other). Macro-F1 over the matched units; units no parsed paragraph matches are
   counted as missed (`none`). Development figure: these reports are the only whole ones in ../shared.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: set before numpy loads

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
LABELS = REPO.parent / "shared" / "labels" / "dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the paragraphs for the speed figure")
    parser.add_argument("--processes", type=int, default=3, help="runs of each process in the side-by-side speed test")
    parser.add_argument("--speed-only", action="store_true", help="only the side-by-side process speed test")
    parser.add_argument("--full-reports", action="store_true", help="only the end-to-end test on whole report files")
    parser.add_argument(
        "--opening", action="store_true",
        help="only: the shipped configuration with and without the opening block, site-grouped folds (--seed)",
    )
    parser.add_argument(
        "--variants", nargs="*", metavar="NAME",
        help=f"only: these variants (of {', '.join(VARIANTS)}; none: all) against the reference "
        "configuration on the same site-grouped folds of every --seeds, paired per fold",
    )
    parser.add_argument(
        "--extra-data", action="store_true",
        help="only: weak labels from headings and self-training, on the whole reports and on unlabelled text",
    )
    parser.add_argument(
        "--split", choices=SPLITS, default="site",
        help="with --variants: the folds (site-grouped; provinces, years, agency levels held out: nlp.classify.shifts)",
    )
    parser.add_argument(
        "--matched", action="store_true",
        help="with --split: each fold replaced by random site clusters of the same sizes (the control of a shift split)",
    )
    parser.add_argument("--per-label", action="store_true", help="with --variants: every label's F1, with context and alone")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1], help="fold assignments of --variants, --extra-data")
    parser.add_argument("--weak-only", action="store_true", help="with --extra-data: only how often weak labels agree with hand labels")
    parser.add_argument(
        "--authored", nargs="*", metavar="NAME",
        help="only: these of AUTHORED_VARIANTS (none: all), the section-五 halves of the context and training on the authored dev part, on site-grouped "
        "folds of ../shared (--seeds) and scored on the authored held part (tests/gold), bootstrapped over its reports",
    )
    parser.add_argument("--bootstrap", type=int, default=2000, help="with --authored, --alone: resamples of the held part's reports")
    parser.add_argument(
        "--alone", nargs="*", metavar="NAME",
        help=f"only: these of ALONE_VARIANTS ({', '.join(ALONE_VARIANTS)}; none: all) against the reference on site-grouped "
        "folds of ../shared (--seeds), and fitted on all of ../shared, on the authored dev and held parts (sixth round)",
    )
    parser.add_argument("--against", metavar="NAME", help="with --odds: the reference is the shipped configuration changed as this variant")
    parser.add_argument("--held", action="store_true", help="with --odds: also score the authored held parts (once, figures only)")
    parser.add_argument(
        "--odds", nargs="*", metavar="NAME",
        help=f"only: these of ODDS_VARIANTS ({', '.join(ODDS_VARIANTS)}; none: all) against the shipped configuration on "
        "site-grouped folds of ../shared (--seeds), and fitted on all of ../shared, on both authored sets' dev parts (tenth round)",
    )
    args = parser.parse_args()
    if not LABELS.exists():
        print(f"skipped: {LABELS} not found (the ../shared folder is absent)")
        return 0

    import numpy as np

    from nlp.classify.baselines import KeywordRules, char_baseline
    from nlp.classify.evaluate import cross_validate, grouped_folds, score_labels
    from nlp.classify.features import CONTEXT_FIELDS, paragraph_frame
    from nlp.classify.loading import card_params, default_model_path, load_model
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.train import examples_from_units
    from nlp.labels import read_labelled

    units = read_labelled([LABELS])
    examples = examples_from_units(units)
    if args.speed_only:
        side_by_side([p.text for p in examples.inputs], args.processes)
        return 0
    if args.full_reports:
        full_reports_end_to_end(examples)
        return 0
    if args.opening:
        compare_opening(args.folds, args.seed)
        return 0
    if args.extra_data:
        compare_extra_data(args.folds, args.seeds, args.weak_only)
        return 0
    if args.odds is not None:
        compare_odds(args.odds or list(ODDS_VARIANTS), args.folds, args.seeds, args.against, args.held)
        return 0
    if args.alone is not None:
        compare_alone(args.alone or list(ALONE_VARIANTS), args.folds, args.seeds, args.bootstrap)
        return 0
    if args.authored is not None:
        compare_authored(args.folds, args.seeds, args.bootstrap, args.authored)
        return 0
    if args.variants is not None:
        compare_variants(args.variants or list(VARIANTS), args.folds, args.seeds, args.split, args.per_label, args.matched)
        return 0
    labels = sorted(set(examples.labels))
    print(f"{len(examples)} labelled narrative paragraphs, {len(set(examples.groups))} reports; grouped {args.folds}-fold CV, seed {args.seed}")

    started = time.perf_counter()
    model = load_model()
    load_seconds = time.perf_counter() - started
    chosen = card_params(model)
    chosen["calibrate"] = False  # the label that wins does not depend on the temperature

    contenders = {
        "keyword rules": KeywordRules(),
        "char 1-3 TF-IDF + LR": char_baseline(random_state=args.seed),
    }
    rows = {}
    for name, estimator in contenders.items():
        t0 = time.perf_counter()
        predicted, _ = cross_validate(estimator, examples.inputs, examples.labels, examples.groups, args.folds, args.seed)
        rows[name] = score_labels(examples.labels, list(predicted), labels)
        print(f"  {name}: macro-F1 {rows[name].macro_f1:.4f} ({time.perf_counter() - t0:.0f} s)")

    # The shipped configuration, scored twice on the same held-out reports: with the context of their
    # headings, and given as bare text (context blanked), as a JSONL paragraph without `section` is.
    t0 = time.perf_counter()
    frame = paragraph_frame(examples.inputs)
    bare = frame.copy()
    bare[list(CONTEXT_FIELDS)] = "none"
    y = np.asarray(examples.labels, dtype=object)
    with_context = np.empty(len(y), dtype=object)
    text_only = np.empty(len(y), dtype=object)
    for train, test in grouped_folds(y, examples.groups, args.folds, args.seed):
        fold_model = ParagraphClassifier(**chosen).fit(frame.iloc[train].reset_index(drop=True), y[train])
        with_context[test] = fold_model.predict(frame.iloc[test])
        text_only[test] = fold_model.predict(bare.iloc[test])
    shipped_name = f"shipped: {model.card['chosen']}"
    rows[shipped_name] = score_labels(examples.labels, list(with_context), labels)
    rows["shipped, text only (no context)"] = score_labels(examples.labels, list(text_only), labels)
    print(f"  {shipped_name}: macro-F1 {rows[shipped_name].macro_f1:.4f} ({time.perf_counter() - t0:.0f} s)")

    width = max(len(name) for name in rows)
    print()
    print(f"{'model':<{width}}  macro-F1  " + "  ".join(f"{label[:8]:>8}" for label in labels))
    for name, metrics in rows.items():
        print(f"{name:<{width}}  {metrics.macro_f1:8.4f}  " + "  ".join(f"{metrics.per_label[label]['f1']:8.3f}" for label in labels))

    inputs = examples.inputs
    model.predict_proba(inputs[:10])  # first call builds jieba's dictionary: not part of the rate
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        model.predict_proba(inputs)
    seconds = time.perf_counter() - t0
    rate = len(inputs) * args.repeat / seconds
    size = default_model_path().stat().st_size
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"model file: {default_model_path().relative_to(REPO)} {size / 1e6:.2f} MB")
    print(f"model load (sha256 check + joblib): {load_seconds:.2f} s")
    print(f"classification, one core: {rate:,.0f} paragraphs/s ({len(inputs)} paragraphs x {args.repeat})")
    print(f"peak memory (whole run): {peak_mib:,.0f} MiB; load average now {os.getloadavg()[0]:.1f}")
    print()
    side_by_side([p.text for p in inputs], args.processes)
    return 0


def grouped_training_data(five_halves: bool = True):
    """dev.jsonl + full_reports.jsonl as the CV sees them: site-cluster groups, the paragraph frame,
    the labels of its rows, and the sorted label set (`five_halves=False`: as `train_model` trains)."""
    import numpy as np

    from nlp.classify.features import paragraph_frame
    from nlp.classify.groups import groups_for, unit_clusters
    from nlp.classify.train import examples_from_units
    from nlp.labels import read_labelled

    units = read_labelled([LABELS, LABELS.parent / "full_reports.jsonl"])
    examples = examples_from_units(units, five_halves=five_halves)
    groups = groups_for(examples.groups, unit_clusters(units))
    return groups, paragraph_frame(examples.inputs), np.asarray(examples.labels, dtype=object), sorted(set(examples.labels))


def compare_opening(folds: int, seed: int) -> None:
    """Site-grouped CV (not nested; the same folds for every variant) of dev.jsonl + full_reports.jsonl:
    the shipped configuration against it plus the opening block at a few weights."""
    from nlp.classify.evaluate import grouped_folds
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.validation import fold_predictions

    groups, frame, y, labels = grouped_training_data()
    splits = grouped_folds(list(y), groups, folds, seed)
    base = {"word_ngrams": None, "context": ("section", "topic"), "context_weight": 0.5, "calibrate": False}
    print(f"{len(y)} paragraphs, {len(set(groups))} site clusters; {folds} site-grouped folds, seed {seed}")
    print("| variant | macro-F1 with context | alone | improvement alone | platform alone | info_management alone |")
    print("|---|---|---|---|---|---|")
    for name, extra in (("shipped configuration", {}), ("+ opening x0.3", {"opening_weight": 0.3}), ("+ opening x0.5", {"opening_weight": 0.5})):
        params = {**base, **extra}
        with_context, alone = fold_predictions(lambda params=params: ParagraphClassifier(**params), frame, y, splits).metrics(y, labels)
        f1 = {label: alone.per_label[label]["f1"] for label in ("improvement", "platform", "info_management")}
        print(
            f"| {name} | {with_context.macro_f1:.4f} | {alone.macro_f1:.4f} | {f1['improvement']:.3f} | "
            f"{f1['platform']:.3f} | {f1['info_management']:.3f} |"
        )


#: The configuration the variants are compared with (the opening candidate of train.DEFAULT_CANDIDATES).
REFERENCE: dict[str, object] = {
    "word_ngrams": None, "context": ("section", "topic"), "context_weight": 0.5, "opening_weight": 0.5, "calibrate": False,
}
#: Seventh round (docs/classifier.md): learners that stay one linear model, so that the inference twins
#: apply them without scikit-learn. NB-LR (`nb_weighting`; the one-vs-rest control tells its ratios'
#: effect from the decomposition's), and the sum with a complement naive Bayes model (`cnb_weight`).
NB_VARIANTS: dict[str, dict[str, object]] = {
    "one-vs-rest (control)": {"nb_weighting": True, "nb_scope": "none"},
    "NB-LR": {"nb_weighting": True},
    "NB-LR, beta 0.75": {"nb_weighting": True, "nb_beta": 0.75},
    "NB-LR text, C=30": {"nb_weighting": True, "nb_scope": "text", "C": 30.0},
    "complement NB x0.1": {"cnb_weight": 0.1},
    "complement NB x0.1, alpha 0.1": {"cnb_weight": 0.1, "nb_alpha": 0.1},
    "complement NB x0.2, alpha 0.1": {"cnb_weight": 0.2, "nb_alpha": 0.1},
    "stance x1 alone, complement NB x0.1, alpha 0.1": {"stance_weight": 1.0, "stance_alone": True, "cnb_weight": 0.1, "nb_alpha": 0.1},
}
#: name → parameters changed from REFERENCE. Each answers one kind of error read on the held-out folds
#: (docs/classifier.md, "Why the four labels are confused given alone").
VARIANTS: dict[str, dict[str, object]] = {
    "char baseline": {"context": (), "opening_weight": 0.0},
    "no opening": {"opening_weight": 0.0},
    "words 1-2": {"word_ngrams": (1, 2)},
    "closing x0.5": {"closing_weight": 0.5},
    "closing x0.3": {"closing_weight": 0.3},
    "chars 1-4": {"char_ngrams": (1, 4)},
    "chars max_df 0.5": {"char_max_df": 0.5},
    "C=3": {"C": 3.0},
    "C=30": {"C": 30.0},
    "context-free copy x0.6": {"context_dropout": 0.6},
    "context-free copy x1": {"context_dropout": 1.0},
    "no class weights": {"class_weight": None},
    "per-label thresholds": {"tune_biases": True},
    # Fourth round: what may hold on other sites, provinces and years (docs/classifier.md).
    "figures": {"text_form": "figures"},
    "places": {"text_form": "places"},
    "figures+places": {"text_form": "figures+places"},
    "sites >= 2": {"min_groups": 2},
    "sites >= 3": {"min_groups": 3},
    # Sixth round: given alone (ALONE_VARIANTS, docs/classifier.md); on the shift splits too.
    "stance x1 alone": {"stance_weight": 1.0, "stance_alone": True},
    "stance log-odds x0.25 alone": {"stance_weight": 0.25, "stance_alone": True, "stance_form": "log-odds"},
    "clauses x0.3": {"clause_weight": 0.3},
    # Seventh round: other learners that stay one linear model (docs/classifier.md).
    **NB_VARIANTS,
}


SPLITS = ("site", "province", "year", "year-cluster", "level", "kind")


def shift_splits(split: str, folds: int, seeds: list[int], matched: bool = False) -> tuple[tuple, dict[str, list]]:
    """The data as `grouped_training_data` gives it, and the fold sets of `split`: name → [(train, test)].

    site: site-grouped folds, one set per seed; province: provinces spread over `folds` folds, one set
    per seed; year: reports ≤ 2022 against later ones, both ways (year-cluster: each site cluster whole on
    the side of most of its years); kind: governments against departments, each held out; level: each agency level held out
    (nlp.classify.shifts). The frame and the labels are those of `grouped_training_data`. matched: each
    fold replaced by random site clusters of its sizes (`matched_folds`, seed `seeds[0]`), the control."""
    from nlp.classify.evaluate import grouped_folds
    from nlp.classify.groups import unit_clusters
    from nlp.classify.shifts import (
        KINDS,
        fact_columns,
        fill_by_cluster,
        level_folds,
        matched_folds,
        province_folds,
        report_facts,
        year_folds,
    )
    from nlp.classify.train import examples_from_units
    from nlp.labels import read_labelled

    groups, frame, y, labels = grouped_training_data()
    if split == "site":
        return (groups, frame, y, labels), {f"seed {seed}": grouped_folds(list(y), groups, folds, seed) for seed in seeds}
    units = read_labelled([LABELS, LABELS.parent / "full_reports.jsonl"])
    doc_ids = examples_from_units(units).groups
    facts = fact_columns(doc_ids, fill_by_cluster(report_facts(units), unit_clusters(units)))
    if split == "province":
        sets = {f"seed {seed}": province_folds(list(y), facts["province"], groups, folds, seed) for seed in seeds}
    elif split in ("year", "year-cluster"):
        sets = {"years": year_folds(facts["year"], groups, by_cluster=split == "year-cluster")}
    elif split == "kind":
        sets = {"kinds": level_folds(facts["kind"], groups, order=KINDS)}
    else:
        sets = {"levels": level_folds(facts["level"], groups)}
    if matched:
        sets = {f"{name}, matched": matched_folds(splits, groups, seeds[0]) for name, splits in sets.items()}
    return (groups, frame, y, labels), sets


def compare_variants(
    names: list[str], folds: int, seeds: list[int], split: str = "site", per_label: bool = False, matched: bool = False
) -> None:
    """CV of dev.jsonl + full_reports.jsonl on the folds of `split` (`shift_splits`), the same folds for
    every variant: macro-F1 with context and alone, the four hardest labels alone, and the per-fold
    difference from the reference (mean ± sd over folds × seeds) — a variant is worth keeping only
    where that mean exceeds its sd. Pooled figures count the rows a split tests (a year or level split
    leaves rows of unknown year or level untested)."""
    import numpy as np

    from nlp.classify.evaluate import score_labels
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.validation import fold_predictions

    unknown = [name for name in names if name not in VARIANTS and name != "reference"]
    if unknown:
        raise SystemExit(f"unknown variants {unknown}; known: {', '.join(VARIANTS)}")
    (groups, frame, y, labels), sets = shift_splits(split, folds, seeds, matched)
    hard = ("improvement", "platform", "info_management", "organization")
    described = "; ".join(
        f"{name}: " + ", ".join(f"{len(train)}/{len(test)}" for train, test in splits) for name, splits in sets.items()
    )
    print(f"{len(y)} paragraphs, {len(set(groups))} site clusters; split {split!r}, train/test rows per fold: {described} (development)")

    def run(params: dict[str, object]) -> tuple[list[tuple[float, float]], dict[str, float], dict[str, tuple[float, float]]]:
        per_fold, pooled = [], {"with": [], "alone": [], **{label: [] for label in hard}}
        each: dict[str, list[tuple[float, float]]] = {label: [] for label in labels}
        for index, splits in enumerate(sets.values()):
            seed = seeds[index] if split in ("site", "province") else 0
            scores = fold_predictions(
                lambda seed=seed: ParagraphClassifier(**params, random_state=seed), frame, y, splits, groups=np.asarray(groups, dtype=object)
            )
            for _, test in splits:
                per_fold.append(
                    (
                        score_labels(list(y[test]), list(scores.with_context[test]), labels).macro_f1,
                        score_labels(list(y[test]), list(scores.alone[test]), labels).macro_f1,
                    )
                )
            tested = np.concatenate([test for _, test in splits])
            with_context = score_labels(list(y[tested]), list(scores.with_context[tested]), labels)
            alone = score_labels(list(y[tested]), list(scores.alone[tested]), labels)
            pooled["with"].append(with_context.macro_f1)
            pooled["alone"].append(alone.macro_f1)
            for label in hard:
                pooled[label].append(alone.per_label[label]["f1"])
            for label in labels:
                each[label].append((with_context.per_label[label]["f1"], alone.per_label[label]["f1"]))
        means = {label: tuple(np.mean(values, axis=0)) for label, values in each.items()}
        return per_fold, {name: float(np.mean(values)) for name, values in pooled.items()}, means

    def label_row(name: str, means: dict[str, tuple[float, float]], fold_scores: list[tuple[float, float]]) -> None:
        if per_label:
            print(f"  per label, with context / alone, {name}: " + ", ".join(f"{label} {w:.3f} / {a:.3f}" for label, (w, a) in means.items()))
            print(f"  per fold, with context / alone, {name}: " + ", ".join(f"{w:.4f} / {a:.4f}" for w, a in fold_scores))

    started = time.perf_counter()
    reference_folds, reference, reference_labels = run(REFERENCE)
    print(f"reference ({time.perf_counter() - started:.0f} s): macro-F1 {reference['with']:.4f} with context, {reference['alone']:.4f} alone")
    label_row("reference", reference_labels, reference_folds)
    print("| variant | with context | alone | Δ with (mean ± sd) | Δ alone (mean ± sd) | " + " | ".join(f"{h} alone" for h in hard) + " |")
    print("|---" * (5 + len(hard)) + "|")
    row = " | ".join(f"{reference[h]:.3f}" for h in hard)
    print(f"| reference | {reference['with']:.4f} | {reference['alone']:.4f} | — | — | {row} |", flush=True)
    for name in names:
        if name == "reference":
            continue
        fold_scores, pooled, means = run({**REFERENCE, **VARIANTS[name]})
        deltas = np.array(fold_scores) - np.array(reference_folds)
        mean, sd = deltas.mean(axis=0), deltas.std(axis=0, ddof=1)
        row = " | ".join(f"{pooled[h]:.3f}" for h in hard)
        print(
            f"| {name} | {pooled['with']:.4f} | {pooled['alone']:.4f} | {mean[0]:+.4f} ± {sd[0]:.4f} | {mean[1]:+.4f} ± {sd[1]:.4f} | {row} |",
            flush=True,
        )
        label_row(name, means, fold_scores)


#: name → (section-五 halves in the training rows' context, in the tested rows' context, the authored dev
#: part added to every training part). "at prediction only" is a model trained before the halves
#: (the shipped one) given them when it labels.
AUTHORED_VARIANTS: dict[str, tuple[bool, bool, bool]] = {
    "reference (context as before)": (False, False, False),
    "section-五 halves, retrained": (True, True, False),
    "section-五 halves at prediction only": (False, True, False),
    "+ authored dev part": (False, False, True),
    "section-五 halves + authored dev part": (True, True, True),
}


def compare_authored(folds: int, seeds: list[int], resamples: int, names: list[str] | None = None) -> None:
    """Fifth round (docs/classifier.md): each of AUTHORED_VARIANTS with the reference configuration,
    1. on the site-grouped folds of dev.jsonl + full_reports.jsonl (the same folds for all; with the
       authored dev part, its rows join every training part and are never tested): macro-F1 with context
       and alone, per fold paired against the reference (development);
    2. fitted on all of ../shared (+ the authored dev part) and scored on the authored **held** part
       (`benchmarks/eval_authored.py --part held`), with the labelled headings' context and alone; its
       noise by resampling its 14 reports (bootstrap), and the paired difference from the reference on
       the same resamples (held out: only scores are printed, never its units)."""
    import numpy as np
    import pandas as pd
    from eval_authored import GOLD, in_part

    from nlp.classify.evaluate import grouped_folds, score_labels
    from nlp.classify.features import paragraph_frame
    from nlp.classify.groups import groups_for, unit_clusters
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.train import examples_from_units
    from nlp.classify.validation import without_context
    from nlp.labels import read_labelled

    shared_units = read_labelled([LABELS, LABELS.parent / "full_reports.jsonl"])
    authored = read_labelled([GOLD / "authored_labels.jsonl"])
    clusters = unit_clusters(shared_units)
    data = {}
    for halves in (False, True):
        shared = examples_from_units(shared_units, five_halves=halves)
        dev = examples_from_units([u for u in authored if in_part(u.doc_id, "dev")], five_halves=halves)
        held = examples_from_units([u for u in authored if in_part(u.doc_id, "held")], five_halves=halves)
        data[halves] = {
            "frame": paragraph_frame(shared.inputs), "y": np.asarray(shared.labels, dtype=object),
            "groups": groups_for(shared.groups, clusters),
            "dev_frame": paragraph_frame(dev.inputs), "dev_y": np.asarray(dev.labels, dtype=object),
            "held_frame": paragraph_frame(held.inputs), "held_y": np.asarray(held.labels, dtype=object),
            "held_docs": np.asarray(held.groups, dtype=object),
        }
    base = data[False]
    labels = sorted(set(base["y"]) | set(base["held_y"]))
    changed = int(sum(a != b for a, b in zip(base["frame"]["topic"], data[True]["frame"]["topic"], strict=True)))
    print(
        f"{len(base['y'])} shared paragraphs ({changed} change topic with the halves), {len(set(base['groups']))} site clusters; "
        f"authored dev part {len(base['dev_y'])} rows (training only), held part {len(base['held_y'])} rows of "
        f"{len(set(base['held_docs']))} reports (scored only); {folds} site-grouped folds × seeds {seeds}"
    )

    def fit(halves: bool, with_dev: bool, rows: np.ndarray | None, seed: int) -> ParagraphClassifier:
        part = data[halves]
        frame = part["frame"] if rows is None else part["frame"].iloc[rows]
        y = part["y"] if rows is None else part["y"][rows]
        if with_dev:
            frame, y = pd.concat([frame, part["dev_frame"]]), np.concatenate([y, part["dev_y"]])
        return ParagraphClassifier(**REFERENCE, random_state=seed).fit(frame.reset_index(drop=True), y)

    def macro(truth: np.ndarray, found: np.ndarray) -> float:
        return score_labels(list(truth), list(found), labels).macro_f1

    splits = [(seed, train, test) for seed in seeds for train, test in grouped_folds(list(base["y"]), base["groups"], folds, seed)]
    rng = np.random.default_rng(0)
    documents = sorted(set(base["held_docs"]))
    rows_of = {doc: np.flatnonzero(base["held_docs"] == doc) for doc in documents}
    resampled = [np.concatenate([rows_of[doc] for doc in rng.choice(documents, len(documents))]) for _ in range(resamples)]
    results = {}
    unknown = set(names or ()) - set(AUTHORED_VARIANTS)
    if unknown:
        raise SystemExit(f"unknown variants {sorted(unknown)}; known: {', '.join(AUTHORED_VARIANTS)}")
    chosen = {name: AUTHORED_VARIANTS[name] for name in AUTHORED_VARIANTS if not names or name in names or name.startswith("reference")}
    for name, (halves, tested_halves, with_dev) in chosen.items():
        started = time.perf_counter()
        part = data[tested_halves]
        fold_scores = []
        for seed, train, test in splits:
            model = fit(halves, with_dev, train, seed)
            fold_scores.append(
                (macro(part["y"][test], model.predict(part["frame"].iloc[test])),
                 macro(part["y"][test], model.predict(without_context(part["frame"].iloc[test]))))
            )
        model = fit(halves, with_dev, None, seeds[0])
        held = (model.predict(part["held_frame"]), model.predict(without_context(part["held_frame"])))
        boot = np.array([[macro(part["held_y"][rows], found[rows]) for found in held] for rows in resampled])
        results[name] = (np.array(fold_scores), held, boot)
        print(f"  {name}: {time.perf_counter() - started:.0f} s", flush=True)

    ref_folds, _, ref_boot = results["reference (context as before)"]
    print(
        "\n| variant | shared CV: with context | alone | Δ with (mean ± sd over folds) | Δ alone | authored held: with context "
        "[bootstrap 95 %] | alone [95 %] | Δ with [95 %] | Δ alone [95 %] |"
    )
    print("|---" * 9 + "|")
    for name, (fold_scores, held, boot) in results.items():
        delta = fold_scores - ref_folds
        scores = [macro(base["held_y"], found) for found in held]
        diff = boot - ref_boot

        def interval(values: np.ndarray, signed: bool = False) -> str:
            low, high = np.percentile(values, [2.5, 97.5])
            return f"[{low:+.3f}, {high:+.3f}]" if signed else f"[{low:.3f}, {high:.3f}]"

        print(
            f"| {name} | {fold_scores[:, 0].mean():.4f} | {fold_scores[:, 1].mean():.4f} | {delta[:, 0].mean():+.4f} ± {delta[:, 0].std(ddof=1):.4f} "
            f"| {delta[:, 1].mean():+.4f} ± {delta[:, 1].std(ddof=1):.4f} | {scores[0]:.3f} {interval(boot[:, 0])} | {scores[1]:.3f} {interval(boot[:, 1])} "
            f"| {scores[0] - macro(base['held_y'], results['reference (context as before)'][1][0]):+.3f} {interval(diff[:, 0], True)} "
            f"| {scores[1] - macro(base['held_y'], results['reference (context as before)'][1][1]):+.3f} {interval(diff[:, 1], True)} |",
            flush=True,
        )


def compare_extra_data(folds: int, seeds: list[int], weak_only: bool = False) -> None:
    """What weak labels (nlp.classify.weak) and self-training (nlp.classify.selftrain) add, on the
    same site-grouped folds of dev.jsonl + full_reports.jsonl. Two questions:

    1. Whole reports nobody labelled: the 31 whole reports' hand labels are taken out of training
       and replaced by the weak labels of their parsed files' headings, or by self-training on
       their parsed paragraphs; compared with no whole reports and with their hand labels.
    2. Text beyond the labelled units (the pages' paragraphs past the labelled opening, the seeds,
       ../shared/reports/*): weak labels or self-training added to all the hand labels.

    Extra rows of a cluster in the test fold are never used there (no leakage into held-out
    clusters); every figure is scored on hand labels only.
    """
    import json
    from collections import Counter

    import numpy as np
    import pandas as pd

    from nlp.classify.evaluate import grouped_folds, score_labels
    from nlp.classify.features import paragraph_frame
    from nlp.classify.groups import groups_for, unit_clusters
    from nlp.classify.inputs import iter_reports
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.reportinputs import report_inputs
    from nlp.classify.selftrain import SelfTraining
    from nlp.classify.train import WEAK_WEIGHT, examples_from_units
    from nlp.classify.validation import without_context
    from nlp.classify.weak import weak_examples
    from nlp.labels import read_labelled
    from nlp.normalize import comparable
    from nlp.structure import parse_text

    shared = LABELS.parents[1]
    full_path = LABELS.parent / "full_reports.jsonl"
    units = read_labelled([LABELS, full_path])
    examples = examples_from_units(units)
    clusters = unit_clusters(units)
    groups = np.asarray(groups_for(examples.groups, clusters), dtype=object)
    frame = paragraph_frame(examples.inputs)
    y = np.asarray(examples.labels, dtype=object)
    labels = sorted(set(examples.labels))
    whole = [json.loads(line) for line in (shared / "corpus" / "full_reports.jsonl").read_text(encoding="utf-8").splitlines()]
    whole_ids = {record["doc_id"] for record in whole}
    is_whole = np.array([doc_id in whole_ids for doc_id in examples.groups])
    hand = {comparable(text) for text in (p.text for p in examples.inputs)}
    hand_label = {comparable(p.text): label for p, label in zip(examples.inputs, examples.labels, strict=True)}

    def labelled(text: str) -> str | None:
        key = comparable(text)
        if key in hand_label:
            return hand_label[key]
        if len(key) >= 10:
            return next((hand_label[k] for k in hand if key in k or (len(k) >= 10 and k in key)), None)
        return None

    def cluster_of(doc_id: str) -> str:
        return clusters.get(doc_id, f"doc:{doc_id}")

    whole_reports = [parse_text(record["text"], doc_id=record["doc_id"]) for record in whole]
    pages = [json.loads(line) for line in (shared / "corpus" / "pages_dev.jsonl").read_text(encoding="utf-8").splitlines()]
    other_reports = [parse_text(record["text"], doc_id=record["doc_id"]) for record in pages]
    other_reports += list(iter_reports([str(shared / "seeds"), str(shared / "reports")], on_error=lambda message: None))

    def rows(reports: list, only_unlabelled: bool) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        inputs, owners = [], []
        for report in reports:
            for paragraph in report_inputs(report):
                if len(paragraph.text) >= 8 and not (only_unlabelled and labelled(paragraph.text)):
                    inputs.append(paragraph)
                    owners.append(cluster_of(report.doc_id))
        return paragraph_frame(inputs), np.asarray(owners, dtype=object), np.array([p.text for p in inputs], dtype=object)

    def weak_rows(reports: list, only_unlabelled: bool) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        found = [w for w in weak_examples(reports) if not (only_unlabelled and labelled(w.paragraph.text))]
        return (
            paragraph_frame([w.paragraph for w in found]),
            np.asarray([w.label for w in found], dtype=object),
            np.asarray([cluster_of(w.doc_id) for w in found], dtype=object),
        )

    whole_pool, whole_pool_groups, _ = rows(whole_reports, only_unlabelled=False)
    whole_weak, whole_weak_y, whole_weak_groups = weak_rows(whole_reports, only_unlabelled=False)
    agree = [labelled(text) == label for text, label in zip(whole_weak["text"], whole_weak_y, strict=True) if labelled(text)]
    page_weak, page_weak_y, _ = weak_rows(other_reports, only_unlabelled=False)
    page_agree = [labelled(text) == label for text, label in zip(page_weak["text"], page_weak_y, strict=True) if labelled(text)]
    rest_pool, rest_pool_groups, _ = rows(other_reports, only_unlabelled=True)
    rest_weak, rest_weak_y, rest_weak_groups = weak_rows(other_reports, only_unlabelled=True)
    print(
        f"{len(y)} hand-labelled paragraphs, {len(set(groups))} site clusters, seeds {seeds} (development)\n"
        f"whole reports: {len(whole_pool)} parsed narrative paragraphs, {len(whole_weak)} weak labels "
        f"({np.mean(agree):.3f} agree with the hand label, {len(agree)} matched)\n"
        f"page openings, seeds, reports: {len(page_weak)} weak labels ({np.mean(page_agree):.3f} agree with the hand label, "
        f"{len(page_agree)} matched)\n"
        f"unlabelled text beyond the labelled units: {len(rest_pool)} paragraphs, {len(rest_weak)} weak labels "
        f"({dict(sorted(Counter(rest_weak_y).items()))})"
    )
    if weak_only:
        return

    def make(seed: int):
        return lambda: ParagraphClassifier(**REFERENCE, random_state=seed)

    def extra(part: tuple, test_groups: set) -> tuple:
        keep = ~np.isin(part[2], list(test_groups))
        return part[0][keep], part[1][keep]

    conditions = {
        "hand labels (reference)": {},
        "without the whole reports' hand labels": {"drop_whole": True},
        "  + their weak labels": {"drop_whole": True, "weak": (whole_weak, whole_weak_y, whole_weak_groups)},
        "  + self-training on their paragraphs": {"drop_whole": True, "pool": (whole_pool, whole_pool_groups)},
        "hand labels + weak labels of unlabelled text": {"weak": (rest_weak, rest_weak_y, rest_weak_groups)},
        "hand labels + self-training on unlabelled text": {"pool": (rest_pool, rest_pool_groups)},
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in conditions}
    pooled: dict[str, list[tuple[float, float]]] = {name: [] for name in conditions}
    added: dict[str, list[int]] = {name: [] for name in conditions}
    for seed in seeds:
        predictions = {name: (np.empty(len(y), dtype=object), np.empty(len(y), dtype=object)) for name in conditions}
        for train, test in grouped_folds(list(y), list(groups), folds, seed):
            test_groups = set(groups[test])
            for name, condition in conditions.items():
                fit_rows = train[~is_whole[train]] if condition.get("drop_whole") else train
                train_frame, train_y = frame.iloc[fit_rows].reset_index(drop=True), y[fit_rows]
                weights = np.ones(len(fit_rows))
                if "weak" in condition:
                    weak_frame, weak_y = extra(condition["weak"], test_groups)
                    train_frame = pd.concat([train_frame, weak_frame], ignore_index=True)
                    train_y = np.concatenate([train_y, weak_y])
                    weights = np.concatenate([weights, np.full(len(weak_y), WEAK_WEIGHT)])
                    added[name].append(len(weak_y))
                if "pool" in condition:
                    pool_frame, pool_groups = condition["pool"]
                    pool_frame = pool_frame[~np.isin(pool_groups, list(test_groups))].reset_index(drop=True)
                    training = SelfTraining()
                    model = training.fit(make(seed), train_frame, train_y, pool_frame, weights)
                    added[name].append(sum(sum(step.values()) for step in training.added))
                else:
                    model = make(seed)().fit(train_frame, train_y, sample_weight=weights)
                test_frame = frame.iloc[test]
                predictions[name][0][test] = model.predict(test_frame)
                predictions[name][1][test] = model.predict(without_context(test_frame))
                results[name].append(
                    (
                        score_labels(list(y[test]), list(predictions[name][0][test]), labels).macro_f1,
                        score_labels(list(y[test]), list(predictions[name][1][test]), labels).macro_f1,
                    )
                )
        for name in conditions:
            pooled[name].append(
                (score_labels(list(y), list(predictions[name][0]), labels).macro_f1, score_labels(list(y), list(predictions[name][1]), labels).macro_f1)
            )
        print(f"  seed {seed} done", flush=True)
    reference = np.array(results["hand labels (reference)"])
    without = np.array(results["without the whole reports' hand labels"])
    print("| training data | with context | alone | Δ with (mean ± sd) | Δ alone (mean ± sd) | compared with | extra rows per fold |")
    print("|---|---|---|---|---|---|---|")
    for name in conditions:
        mine = np.array(results[name])
        against, against_name = (without, "without whole") if name.startswith("  +") else (reference, "reference")
        delta = mine - against
        mean, sd = delta.mean(axis=0), delta.std(axis=0, ddof=1)
        score = np.mean(pooled[name], axis=0)
        print(
            f"| {name.strip()} | {score[0]:.4f} | {score[1]:.4f} | {mean[0]:+.4f} ± {sd[0]:.4f} | {mean[1]:+.4f} ± {sd[1]:.4f} | "
            f"{against_name} | {np.mean(added[name]) if added[name] else 0:.0f} |"
        )


#: Sixth round (docs/classifier.md, "Given alone"): name → parameters changed from REFERENCE, each an
#: answer to paragraphs given alone taken by their topic where their stance (a plan, a shortcoming)
#: is said in a clause's middle or at its end.
ALONE_VARIANTS: dict[str, dict[str, object]] = {
    "clauses x0.3": {"clause_weight": 0.3},
    "clauses x0.5": {"clause_weight": 0.5},
    "clauses x0.8": {"clause_weight": 0.8},
    "context-free copy x0.6": {"context_dropout": 0.6},
    "context-free copy x1": {"context_dropout": 1.0},
    "clauses x0.5, context-free copy x0.6": {"clause_weight": 0.5, "context_dropout": 0.6},
    "stance x1": {"stance_weight": 1.0},
    "stance x3": {"stance_weight": 3.0},
    "stance x3, clauses x0.3": {"stance_weight": 3.0, "clause_weight": 0.3},
    "stance x1 alone": {"stance_weight": 1.0, "stance_alone": True},
    "stance x3 alone": {"stance_weight": 3.0, "stance_alone": True},
    "stance x3 alone, clauses x0.3": {"stance_weight": 3.0, "stance_alone": True, "clause_weight": 0.3},
    "stance x1 alone, clauses x0.3": {"stance_weight": 1.0, "stance_alone": True, "clause_weight": 0.3},
    "pieces x0.3": {"piece_weight": 0.3},
    "pieces x0.6": {"piece_weight": 0.6},
    "pieces x1": {"piece_weight": 1.0},
    "pieces x0.6, clauses x0.3": {"piece_weight": 0.6, "clause_weight": 0.3},
    # Seventh round: the same as in VARIANTS (the shipped configuration, "stance x1 alone", is above).
    **NB_VARIANTS,
}


def grouped_cv_with_and_alone(params: dict, frame, y, groups, splits: dict, labels: list[str], watched: tuple[str, ...]) -> dict[str, list]:
    """`ParagraphClassifier(**params)` over site-grouped `splits` (seed → folds): each fold's macro-F1 with context
    and alone (`folds`), and per seed the alone F1 of the `watched` labels (`alone_labels`)."""
    from nlp.classify.evaluate import score_labels
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.validation import fold_predictions

    def macro(truth, found) -> float:
        return score_labels(list(truth), list(found), labels).macro_f1

    out: dict[str, list] = {"folds": [], "alone_labels": []}
    for seed, seed_splits in splits.items():
        scores = fold_predictions(lambda seed=seed: ParagraphClassifier(**params, random_state=seed), frame, y, seed_splits, groups=groups)
        out["folds"] += [(macro(y[test], scores.with_context[test]), macro(y[test], scores.alone[test])) for _, test in seed_splits]
        alone = score_labels(list(y), list(scores.alone), labels)
        out["alone_labels"].append([alone.per_label[label]["f1"] for label in watched])
    return out


def compare_alone(names: list[str], folds: int, seeds: list[int], resamples: int) -> None:
    """Sixth round: each of ALONE_VARIANTS against REFERENCE,
    1. on the site-grouped folds of dev.jsonl + full_reports.jsonl (the same folds for all, every seed
       of `seeds`): macro-F1 with context and alone, per fold paired against the reference, and the F1
       alone of the labels a stance decides (problem, improvement) and of platform (development);
    2. fitted on all of ../shared (the rows as `govreport train` reads them: subheadings' topics, section
       五's halves at prediction only) and scored on the authored dev part (studied: development) and
       held part (only scored: held out), with the labelled headings' context and alone; the held
       part's noise by resampling its reports, paired with the reference on the same resamples.
    Nothing of the authored set is trained on."""
    import numpy as np
    from eval_authored import GOLD, in_part

    from nlp.classify.evaluate import grouped_folds, score_labels
    from nlp.classify.features import paragraph_frame
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.train import examples_from_units
    from nlp.classify.validation import without_context
    from nlp.labels import read_labelled

    unknown = [name for name in names if name not in ALONE_VARIANTS]
    if unknown:
        raise SystemExit(f"unknown variants {unknown}; known: {', '.join(ALONE_VARIANTS)}")
    groups, frame, y, _ = grouped_training_data(five_halves=False)
    groups = np.asarray(groups, dtype=object)
    authored = read_labelled([GOLD / "authored_labels.jsonl"])
    parts = {}
    for part in ("dev", "held"):
        examples = examples_from_units([u for u in authored if in_part(u.doc_id, part)])
        part_frame = paragraph_frame(examples.inputs)
        parts[part] = (part_frame, without_context(part_frame), np.asarray(examples.labels, dtype=object), np.asarray(examples.groups, dtype=object))
    labels = sorted(set(y))
    watched = ("problem", "improvement", "platform", "active_disclosure")
    splits = {seed: grouped_folds(list(y), groups, folds, seed) for seed in seeds}
    held_frame, held_bare, held_y, held_docs = parts["held"]
    documents = sorted(set(held_docs))
    rows_of = {doc: np.flatnonzero(held_docs == doc) for doc in documents}
    rng = np.random.default_rng(0)
    resampled = [np.concatenate([rows_of[doc] for doc in rng.choice(documents, len(documents))]) for _ in range(resamples)]
    print(
        f"{len(y)} shared paragraphs, {len(set(groups))} site clusters, {folds} site-grouped folds × seeds {seeds} (development); "
        f"authored dev {len(parts['dev'][2])} rows, held {len(held_y)} rows of {len(documents)} reports (held out, scored only)"
    )

    def macro(truth: np.ndarray, found: np.ndarray) -> float:
        return score_labels(list(truth), list(found), labels).macro_f1

    def run(params: dict[str, object]) -> dict[str, object]:
        out = grouped_cv_with_and_alone(params, frame, y, groups, splits, labels, watched)
        model = ParagraphClassifier(**params, random_state=seeds[0]).fit(frame, y)
        for part, (part_frame, bare, truth, _) in parts.items():
            out[part] = (model.predict(part_frame), model.predict(bare))
            out[f"{part}_labels"] = score_labels(list(truth), list(out[part][1]), labels).per_label
        out["held_resampled"] = np.array(
            [(macro(held_y[rows], out["held"][0][rows]), macro(held_y[rows], out["held"][1][rows])) for rows in resampled]
        )
        return out

    def row(name: str, result: dict[str, object], reference: dict[str, object] | None) -> None:
        fold_scores = np.array(result["folds"])
        shared_mean = fold_scores.mean(axis=0)
        cells = [f"{shared_mean[0]:.4f}", f"{shared_mean[1]:.4f}"]
        if reference is None:
            cells += ["—", "—"]
        else:
            delta = fold_scores - np.array(reference["folds"])
            cells += [f"{delta[:, 0].mean():+.4f} ± {delta[:, 0].std(ddof=1):.4f}", f"{delta[:, 1].mean():+.4f} ± {delta[:, 1].std(ddof=1):.4f}"]
        cells.append(" / ".join(f"{v:.2f}" for v in np.mean(result["alone_labels"], axis=0)))
        for part in ("dev", "held"):
            truth = parts[part][2]
            cells.append(f"{macro(truth, result[part][0]):.3f} / {macro(truth, result[part][1]):.3f}")
        cells.append(" / ".join(f"{result['dev_labels'][label]['f1']:.2f}" for label in watched))
        cells.append(" / ".join(f"{result['held_labels'][label]['f1']:.2f}" for label in watched))
        if reference is None:
            spread = result["held_resampled"].std(axis=0, ddof=1)
            cells.append(f"sd {spread[0]:.3f} / {spread[1]:.3f}")
        else:
            delta = result["held_resampled"] - reference["held_resampled"]
            low, high = np.percentile(delta[:, 1], [2.5, 97.5])
            cells.append(f"{delta[:, 0].mean():+.3f} / {delta[:, 1].mean():+.3f} (alone 95 % {low:+.3f}…{high:+.3f})")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)

    short = "/".join(label[:4] for label in watched)
    print(
        f"| variant | shared with | shared alone | Δ with (folds) | Δ alone (folds) | shared alone {short} | authored dev with / alone | "
        f"authored held with / alone | dev alone {short} | held alone {short} | held bootstrap Δ with / alone |"
    )
    print("|---" * 11 + "|")
    started = time.perf_counter()
    reference = run(dict(REFERENCE))
    row(f"reference ({time.perf_counter() - started:.0f} s)", reference, None)
    for name in names:
        row(name, run({**REFERENCE, **ALONE_VARIANTS[name]}), reference)


#: Tenth round (docs/classifier.md, "How the stance enters"): the shipped configuration (`SHIPPED`) and
#: name → parameters changed from it.
SHIPPED: dict[str, object] = {**REFERENCE, "stance_weight": 1.0, "stance_alone": True}
ODDS_VARIANTS: dict[str, dict[str, object]] = {
    "odds x0.25": {"stance_form": "log-odds", "stance_weight": 0.25},
    "odds x0.5": {"stance_form": "log-odds", "stance_weight": 0.5},
    "odds x1": {"stance_form": "log-odds", "stance_weight": 1.0},
    "stance copies x1": {"stance_copy_weight": 1.0},
    "stance copies x1, odds x0.25": {"stance_copy_weight": 1.0, "stance_form": "log-odds", "stance_weight": 0.25},
    "stance copies x0.6, odds x0.25": {"stance_copy_weight": 0.6, "stance_form": "log-odds", "stance_weight": 0.25},
    # The eleventh round's variants (the stacked head, the stance cues) were removed with their code; their
    # figures stand in docs/classifier.md, the code in the history.
}


def compare_odds(names: list[str], folds: int, seeds: list[int], against: str | None = None, held: bool = False) -> None:
    """Tenth round: each of ODDS_VARIANTS against SHIPPED (or, `against`, SHIPPED changed as that variant),
    1. on the site-grouped folds of dev.jsonl + full_reports.jsonl (the same folds for all, every seed of
       `seeds`; rows as `govreport train` reads them): macro-F1 with context and alone, per fold paired
       against SHIPPED, and the F1 alone of problem and improvement pooled over the seeds (development);
    2. fitted on all of ../shared and scored on the dev parts (odd reports) of both authored sets, with the
       labelled headings' context and alone (development: their errors are read).
    The held parts are not scored here: they are scored once, with the shipped model (eval_authored.py); or,
    `held` (for a variant not shipped), scored here once, figures only, after the dev parts' rows."""
    import numpy as np
    from eval_authored import SETS, in_part, present_sets

    from nlp.classify.evaluate import grouped_folds, score_labels
    from nlp.classify.features import paragraph_frame
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.train import examples_from_units
    from nlp.classify.validation import without_context
    from nlp.labels import read_labelled

    unknown = [name for name in [*names, *([against] if against else [])] if name not in ODDS_VARIANTS]
    if unknown:
        raise SystemExit(f"unknown variants {unknown}; known: {', '.join(ODDS_VARIANTS)}")
    groups, frame, y, _ = grouped_training_data(five_halves=False)
    groups = np.asarray(groups, dtype=object)
    labels = sorted(set(y))
    dev_parts = {}
    for which in present_sets():  # a set whose folder is not there yet is told and skipped
        for part in ("dev", "held") if held else ("dev",):
            examples = examples_from_units([u for u in read_labelled([SETS[which][1]]) if in_part(u.doc_id, part)])
            part_frame = paragraph_frame(examples.inputs)
            dev_parts[which if part == "dev" else f"{which} held"] = (part_frame, without_context(part_frame), np.asarray(examples.labels, dtype=object))
    splits = {seed: grouped_folds(list(y), groups, folds, seed) for seed in seeds}
    watched = ("problem", "improvement")
    print(
        f"{len(y)} shared paragraphs, {len(set(groups))} site clusters, {folds} site-grouped folds × seeds {seeds}; "
        + ", ".join(f"set {which if ' ' in which else which + ' dev'} {len(part[2])} rows" for which, part in dev_parts.items())
        + (" (dev parts: development; held parts: held out, scored once)" if held else " (all development)")
    )

    def macro(truth: np.ndarray, found: np.ndarray) -> float:
        return score_labels(list(truth), list(found), labels).macro_f1

    def run(params: dict[str, object]) -> dict[str, object]:
        if held:  # the shared folds were measured without --held: the held parts are scored, nothing else
            out: dict[str, object] = {"folds": [(np.nan, np.nan)] * 2, "alone_labels": [[np.nan] * len(watched)]}
        else:
            out = grouped_cv_with_and_alone(params, frame, y, groups, splits, labels, watched)
        model = ParagraphClassifier(**params, random_state=seeds[0]).fit(frame, y, groups=groups)
        for which, (part_frame, bare, truth) in dev_parts.items():
            found_alone = model.predict(bare)
            per_label = score_labels(list(truth), list(found_alone), labels).per_label
            out[which] = (macro(truth, model.predict(part_frame)), macro(truth, found_alone), [per_label[label]["f1"] for label in watched])
        return out

    def row(name: str, result: dict[str, object], reference: dict[str, object] | None) -> None:
        fold_scores = np.array(result["folds"])
        cells = [f"{value:.4f}" for value in fold_scores.mean(axis=0)]
        if reference is None:
            cells += ["—", "—"]
        else:
            delta = fold_scores - np.array(reference["folds"])
            cells += [f"{delta[:, i].mean():+.4f} ± {delta[:, i].std(ddof=1):.4f} ({(delta[:, i] > 0).sum()}/{len(delta)} up)" for i in (0, 1)]
        cells.append(" / ".join(f"{v:.3f}" for v in np.mean(result["alone_labels"], axis=0)))
        for which in dev_parts:
            with_context, alone, per_label = result[which]
            cells.append(f"{with_context:.3f} / {alone:.3f} ({' / '.join(f'{v:.2f}' for v in per_label)})")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)

    print(
        "| variant | shared with | shared alone | Δ with (folds) | Δ alone (folds) | shared alone problem / improvement | "
        + " | ".join(f"set {which if ' ' in which else which + ' dev'} with / alone (problem / improvement alone)" for which in dev_parts)
        + " |"
    )
    print("|---" * (6 + len(dev_parts)) + "|")
    reference = run({**SHIPPED, **ODDS_VARIANTS.get(against or "", {})})
    row(f"reference: {against}" if against else "shipped configuration (stance x1 alone, probabilities)", reference, None)
    for name in names:
        row(name, run({**SHIPPED, **ODDS_VARIANTS[name]}), reference)


def full_reports_end_to_end(dev: object) -> None:
    """Train on dev.jsonl (the whole reports unseen), classify the parsed full report files, score;
    then split the error into what the parser read wrong and what the model got wrong.

    Each hand-labelled unit is matched to the parsed paragraph holding it (or held by it) with the
    most overlap, and sorted by how it was read:
    - `missed`: no parsed narrative paragraph holds it (read as a heading, a table or meta, or lost);
    - `merged`: the parsed paragraph holds more than the unit (a run-in heading or a neighbour glued on);
    - `run-in heading cut off`: the parsed paragraph is the unit less its opening phrase (`1.完善政务
      信息公开。…` read as a heading line and the body below it);
    - `split`: the parsed paragraph holds only part of the unit (cut at a line of the crawl);
    - `context`: read whole, but its section or topic differs from what the labelled file's
      headings give it (a heading missed, or one the parser took for another section);
    - `read right`: same text, same context.
    The model's own error is its error on the `read right` units (and, given the gold units with the
    gold context, on all of them: the figure a perfect parser would give).
    """
    import json
    from collections import Counter

    from nlp.classify.evaluate import match_units, score_labels
    from nlp.classify.features import paragraph_frame
    from nlp.classify.loading import card_params, load_model
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.reportinputs import report_inputs
    from nlp.classify.train import examples_from_units
    from nlp.classify.validation import without_context
    from nlp.labels import read_labelled
    from nlp.normalize import comparable
    from nlp.structure import parse_text

    shared = REPO.parent / "shared"
    params = card_params(load_model())
    params["calibrate"] = False
    params["tune_biases"] = False  # thresholds would need the groups; the configuration is what is measured
    model = ParagraphClassifier(**params).fit(dev.inputs, dev.labels)
    gold_examples = examples_from_units(read_labelled([shared / "labels" / "full_reports.jsonl"]))
    gold: dict[str, list[tuple[str, str, object, object]]] = {}
    for paragraph, label, doc_id in zip(gold_examples.inputs, gold_examples.labels, gold_examples.groups, strict=True):
        gold.setdefault(doc_id, []).append((comparable(paragraph.text), label, paragraph.context, paragraph))
    truth, predicted, alone, reading, examples_of = [], [], [], [], {}
    for line in (shared / "corpus" / "full_reports.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        report = parse_text(record["text"], doc_id=record["doc_id"])
        inputs = report_inputs(report)
        frame = paragraph_frame(inputs) if inputs else None
        labels = model.predict(frame) if inputs else []
        bare = model.predict(without_context(frame)) if inputs else []
        texts = [comparable(p.text) for p in inputs]
        wanted = gold.get(record["doc_id"], [])
        for (text, label, context, _), best in zip(wanted, match_units([t for t, *_ in wanted], texts), strict=True):
            truth.append(label)
            if best is None:
                kind = "missed"
                predicted.append("none")
                alone.append("none")
            else:
                found = texts[best]
                got = inputs[best].context
                if len(found) > len(text) + 2:
                    kind = "merged"
                elif len(found) + 2 < len(text):
                    kind = "run-in heading cut off" if text.endswith(found) and len(text) - len(found) <= 40 else "split"
                elif (got.section, got.topic) != (context.section, context.topic):
                    kind = "context"
                else:
                    kind = "read right"
                predicted.append(str(labels[best]))
                alone.append(str(bare[best]))
                if kind == "context":
                    kind = f"context ({context.section}/{context.topic} read as {got.section}/{got.topic})"
            reading.append(kind)
            examples_of.setdefault(kind, f"{record['doc_id']}: {text[:50]}" + ("" if best is None else f" → parsed as {texts[best][:70]}"))
    names = sorted(set(truth))
    with_context = score_labels(truth, predicted, names)
    without = score_labels(truth, alone, names)
    right = [i for i, kind in enumerate(reading) if kind == "read right"]
    on_right = score_labels([truth[i] for i in right], [predicted[i] for i in right], names)
    perfect_inputs = [unit for units in gold.values() for *_, unit in units]
    perfect_truth = [label for units in gold.values() for _, label, *_ in units]
    perfect = score_labels(perfect_truth, list(model.predict(perfect_inputs)), names)
    perfect_alone = score_labels(perfect_truth, list(model.predict(without_context(paragraph_frame(perfect_inputs)))), names)
    wrong = Counter(kind for kind, t, p in zip(reading, truth, predicted, strict=True) if t != p)
    print(f"full report files, end to end: {len(truth)} labelled units of {len(gold)} reports (trained on dev.jsonl, {len(dev.labels)} paragraphs)")
    print(f"  macro-F1 with context {with_context.macro_f1:.4f}, paragraphs alone {without.macro_f1:.4f}; accuracy {with_context.accuracy:.4f}")
    print("  per label (with context): " + ", ".join(f"{k} {v['f1']:.3f}" for k, v in with_context.per_label.items()))
    print(
        f"  the model on the gold units with the gold context (a perfect parser): {perfect.macro_f1:.4f} "
        f"(alone {perfect_alone.macro_f1:.4f}); on the {len(right)} units the parser read right: {on_right.macro_f1:.4f}"
    )
    print(f"  wrong labels: {sum(wrong.values())} of {len(truth)}; by how the unit was read:")
    for kind, count in Counter(reading).most_common():
        print(f"    {kind}: {count} units, {wrong.get(kind, 0)} labelled wrong; e.g. {examples_of[kind]}")


JIEBA_ALONE = """
import json, sys
import jieba
jieba.setLogLevel(60)
jieba.initialize()
with open(sys.argv[1], encoding="utf-8") as handle:
    texts = [json.loads(line)["text"] for line in handle]
words = sum(len(jieba.lcut(text)) for text in texts)
print(words)
"""


def side_by_side(texts: list[str], runs: int) -> None:
    """Wall time of two whole processes on the same paragraphs: `govreport classify` and jieba alone."""
    import json
    import statistics
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "paragraphs.jsonl"
        source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        commands = {
            "jieba alone (lcut)": [sys.executable, "-c", JIEBA_ALONE, str(source)],
            "govreport classify": [sys.executable, "-m", "nlp", "classify", str(source), "--output", str(Path(folder) / "out.jsonl")],
        }
        timings: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():  # interleaved: both see the same machine load
                (Path(folder) / "out.jsonl").unlink(missing_ok=True)
                started = time.perf_counter()
                subprocess.run(command, env=env, check=True, capture_output=True, cwd=str(REPO))
                timings[name].append(time.perf_counter() - started)
    rates = {name: len(texts) / statistics.median(values) for name, values in timings.items()}
    print(f"side by side, whole processes, {len(texts)} paragraphs, median of {runs} runs:")
    for name, values in timings.items():
        print(f"  {name:<20} {statistics.median(values):6.2f} s  {rates[name]:8,.0f} paragraphs/s")
    ratio = rates["govreport classify"] / rates["jieba alone (lcut)"]
    print(f"  classify / jieba-alone speed: {ratio:.2f}x; load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    sys.exit(main())
