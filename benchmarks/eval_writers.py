"""More writers' data, used honestly: the authored sets' dev halves as extra training rows, scored leave one writer out.

Each authored set (`eval_authored.SETS`: a, b, c, e, f, and g, h once their folders are there) was written by its own
clean-room session. Its dev half (odd reports) may be trained on; its held half (even reports) is only ever scored.
Training on set X's dev half and scoring X's held half would measure a writer the model has read: a within-writer
leak. So:

1. **Leave one writer out** (`--writers`): for each set X of the writers (`--sets`, default every set present), the
   shipped configuration is fitted on `../shared` (dev.jsonl + full_reports.jsonl) plus the dev halves of the
   *other* writers, each authored row at weight w, and X's held half is scored once, with the labelled headings'
   context and alone. The weight is chosen without X: an inner leave-one-writer-out over the other writers (fit
   without X and Y, score Y's dev half; mean of the two macro-F1 over the Ys). w = 0 is ../shared alone (the
   data of the model shipped before the writers' rows). The paired difference on X's held half is resampled over
   its reports (`--bootstrap` draws). Any number of writers ≥ 2 (with 2, the inner fit has no writer left to
   train on, so the weight cannot be chosen: read the per-weight column).
   `--unseen SET`: also a set none of the writers wrote, its held half scored by models fitted on `../shared`
   plus every writer's dev half at each weight: no inner choice is needed, no writer of it was read.
2. **On ../shared** (`--shared`): the site-grouped folds (seeds of `--seeds`), the reference fitted on the
   folds' training part, the variant on the same part plus every writer's dev half at `--weight`, both
   scored on the same held-out clusters, with context and alone; per fold paired (development: the authored
   rows are never scored here, ../shared's errors have been read).

Fitted models are kept on disk (`--cache`, default build/eval_writers_cache/), keyed by the sha256 of their
configuration, seed, weight and every training row, and of the code a fit runs (the modules `nlp.classify.model`
and `nlp.classify.train` import, followed through the import graph: `fit_cache.py`): a rerun with other weights or
one more writer refits only what changed, and a change to code no fit runs (the tables, say) refits nothing. The wall time is printed at the end.

Choosing among candidates (`--params JSON`, parameters over the shipped configuration) is done with `--score-part dev`:
the left-out writer's dev half is scored instead of its held half (never trained on while that writer is left out;
its misses may be read). With `--fixed-weight W` the reference is the shipped configuration at W on the same rows.
Only the candidate chosen that way is scored once with the default `--score-part held`.

Run: python benchmarks/eval_writers.py --writers [--weights 1 2] [--sets a b c e f]
     python benchmarks/eval_writers.py --writers --fixed-weight 2 --score-part dev --params '{"C": 3.0}'
     python benchmarks/eval_writers.py --shared --weight 1 [--seeds 0 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

CACHE = REPO / "build" / "eval_writers_cache"
#: The modules whose code, with all they import, makes a fitted classifier: features, model and training.
FIT_CODE = ("nlp.classify.model", "nlp.classify.train")
#: Imports of those modules that no fit runs: `nlp.pipeline` (a whole report's analysis, reading and tables) is
#: imported by `ParagraphClassifier.predict_reports` and by the weak labels of `govreport train` only.
NOT_FIT_CODE = ("nlp.pipeline",)


def shipped_params() -> dict:
    """The configuration the shipped card says was chosen, without calibration (it does not change the argmax)."""
    from nlp.classify.train import fixed_configuration

    return {**fixed_configuration("shipped")[1], "calibrate": False}


class FittedModels:
    """Models of one configuration and seed fitted on ../shared plus some writers' dev halves at one weight, each
    fitted once per run (in memory) and once per inputs (on disk under `folder`, None: not kept)."""

    def __init__(self, shared: tuple, train_halves: dict[str, tuple], params: dict, seed: int, folder: Path | None) -> None:
        self.shared, self.train_halves, self.params, self.seed, self.folder = shared, train_halves, params, seed, folder
        self.models: dict[tuple, object] = {}

    @staticmethod
    def _key(params: dict, seed: int, rows: tuple, root: Path = REPO) -> str:
        """sha256 of what a fit reads: the configuration, the seed, the rows themselves (text, context, label, group,
        weight: the training files as they reach the fit) and the code that fits them (`FIT_CODE`, followed through
        its imports): a model fitted before any change to them is not reused after, and a change elsewhere in
        `nlp/` (the tables, the command line) keeps it."""
        import pandas as pd
        from fit_cache import code_digest

        frame, labels, groups, weights = rows
        digest = hashlib.sha256(json.dumps([params, seed], sort_keys=True, default=str).encode())
        digest.update(pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes())
        for column in (labels.astype(str), groups.astype(str), np.asarray(weights, dtype=float)):
            digest.update(pd.util.hash_array(np.asarray(column)).tobytes())
        digest.update(code_digest(FIT_CODE, root, not_followed=NOT_FIT_CODE))
        return digest.hexdigest()[:32]

    def __call__(self, writers: frozenset, weight: float):
        """The model fitted on ../shared plus `writers`' dev halves at `weight` (0 or no writers: ../shared alone)."""
        import joblib

        from nlp.classify.model import ParagraphClassifier

        key = (frozenset() if weight == 0 else writers, weight if writers else 0.0)
        if key in self.models:
            return self.models[key]
        parts = [self.shared] + [(*self.train_halves[w], np.full(len(self.train_halves[w][1]), weight)) for w in sorted(key[0])]
        f, t, g, s = stacked(parts)
        path = None if self.folder is None else self.folder / f"{self._key(self.params, self.seed, (f, t, g, s))}.joblib"
        if path is not None and path.exists():
            # Written by this script into the repository's build/ folder: not a file from elsewhere.
            self.models[key] = joblib.load(path)
            return self.models[key]
        started = time.perf_counter()
        model = ParagraphClassifier(**self.params, random_state=self.seed).fit(f, t, groups=g, sample_weight=s)
        print(f"  fitted on ../shared + {sorted(key[0]) or 'nothing'} at {key[1]:g} ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            joblib.dump(model, path)
        self.models[key] = model
        return model


def candidate_params(overrides: dict) -> dict:
    """The shipped configuration with `overrides` (parameters of `ParagraphClassifier`; JSON lists become tuples, as
    the n-gram ranges and context fields are). An unknown parameter is refused before anything is fitted."""
    import inspect

    from nlp.classify.model import ParagraphClassifier

    known = set(inspect.signature(ParagraphClassifier).parameters)
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise SystemExit(f"--params: {', '.join(unknown)} is not a parameter of ParagraphClassifier")
    return {**shipped_params(), **{k: tuple(v) if isinstance(v, list) else v for k, v in overrides.items()}}


def writer_rows(which: str, part: str, for_training: bool):
    """One authored set's half as (frame, labels, report ids). Training rows take their context as
    `govreport train` gives it (five_halves=False); scored rows as `eval_authored.py` scores them."""
    from eval_authored import SETS, in_part

    from nlp.classify.features import paragraph_frame
    from nlp.classify.train import examples_from_units
    from nlp.labels import read_labelled

    units = [u for u in read_labelled([SETS[which][1]]) if in_part(u.doc_id, part)]
    examples = examples_from_units(units, five_halves=not for_training)
    return paragraph_frame(examples.inputs), np.asarray(examples.labels, dtype=object), np.asarray([f"{which}:{g}" for g in examples.groups], dtype=object)


def stacked(parts: list[tuple]) -> tuple:
    import pandas as pd

    return (
        pd.concat([p[0] for p in parts], ignore_index=True),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
        np.concatenate([p[3] for p in parts]),
    )


def macro(truth, found, labels) -> float:
    from nlp.classify.evaluate import score_labels

    return score_labels(list(truth), list(found), labels).macro_f1


def leave_one_writer_out(
    writers: list[str], weights: list[float], seed: int, resamples: int, cache: Path | None, fixed: float | None = None,
    part: str = "held", candidate: dict | None = None,
) -> None:
    """`fixed`: no inner choice, the weight is `fixed` for every writer (a weight chosen before, by an earlier inner
    CV without these writers' held halves): one fit per writer instead of one per writer, inner writer and weight.
    `part`: the half of X scored (`held`; `dev` to choose among candidates: X's dev half is still never trained on
    when X is left out, and its misses may be read). `candidate`: parameters overriding the shipped configuration
    (`candidate_params`); with `fixed`, the reference is then the shipped configuration at the same weight (no w = 0
    fits) and every "before → after" is shipped → candidate."""
    from bench_classify import grouped_training_data

    from nlp.classify.evaluate import score_labels
    from nlp.classify.validation import without_context

    groups, frame, y, labels = grouped_training_data(five_halves=False)
    shared = (frame, y, np.asarray(groups, dtype=object), np.ones(len(y)))
    train_halves = {w: writer_rows(w, "dev", True) for w in writers}
    dev_halves = {w: writer_rows(w, "dev", False) for w in writers}
    held_halves = dev_halves if part == "dev" else {w: writer_rows(w, part, False) for w in writers}
    reference = FittedModels(shared, train_halves, shipped_params(), seed, cache)
    fit = reference if candidate is None else FittedModels(shared, train_halves, candidate_params(candidate), seed, cache)
    against_shipped = candidate is not None and fixed is not None

    def both(model, half) -> tuple[np.ndarray, np.ndarray]:
        return model.predict(half[0]), model.predict(without_context(half[0]))

    candidates = list(weights) if against_shipped else [0.0, *weights]
    base = "shipped" if against_shipped else 0.0
    if len(writers) == 2:
        # Fitted without X and Y, the inner model has no writer left: every weight ties, and w = 0 is kept.
        print("two writers: the inner choice has no third writer to train on (every weight ties, w = 0 kept); read the "
              "per-weight column instead", file=sys.stderr)
    print(f"{len(y)} ../shared rows; dev halves: " + ", ".join(f"{w} {len(train_halves[w][1])}" for w in writers)
          + f"; scored {part} halves: " + ", ".join(f"{w} {len(held_halves[w][1])}" for w in writers) + f"; weights {candidates}, seed {seed}")
    if candidate is not None:
        print(f"candidate: {json.dumps(candidate, sort_keys=True)}" + ("; before → after = shipped → candidate, same weight" if against_shipped else ""))
    was = "shipped" if against_shipped else "w=0"
    print(f"\n| left-out writer X | inner choice (mean of with/alone on the other writers' dev halves, per weight) | weight | "
          f"X {part} with: {was} → chosen | X {part} alone: {was} → chosen | Δ alone [bootstrap sd] | alone per weight | improvement / platform / active alone, {was} → chosen |")
    print("|---" * 8 + "|")
    pooled: dict[float | str, list] = {}
    for x in writers:
        others = frozenset(writers) - {x}
        inner = {}
        for w in candidates if fixed is None else ():
            scores = []
            for other in sorted(others):
                model = fit(others - {other}, w)
                with_context, alone = both(model, dev_halves[other])
                truth = dev_halves[other][1]
                scores.append((macro(truth, with_context, labels) + macro(truth, alone, labels)) / 2)
            inner[w] = float(np.mean(scores))
        chosen = fixed if fixed is not None else max(candidates, key=lambda w: (inner[w], -w))
        held = held_halves[x]
        truth = held[1]
        found = {w: both(fit(others, w), held) for w in candidates}
        if against_shipped:
            found[base] = both(reference(others, chosen), held)
        for w in [base, *candidates] if against_shipped else candidates:
            pooled.setdefault(w, []).append((truth, *found[w]))
        pooled.setdefault("chosen", []).append((truth, *found[chosen]))
        reports = held[2]
        ids = np.unique(reports)
        rng = np.random.default_rng(seed)
        deltas = []
        for _ in range(resamples):
            pick = np.concatenate([np.flatnonzero(reports == r) for r in rng.choice(ids, len(ids))])
            deltas.append(macro(truth[pick], found[chosen][1][pick], labels) - macro(truth[pick], found[base][1][pick], labels))
        watched = ("improvement", "platform", "active_disclosure")
        before = score_labels(list(truth), list(found[base][1]), labels).per_label
        after = score_labels(list(truth), list(found[chosen][1]), labels).per_label
        print(
            f"| {x} | " + (", ".join(f"{w:g}: {inner[w]:.3f}" for w in candidates) if inner else "fixed") + f" | {chosen:g} | "
            f"{macro(truth, found[base][0], labels):.3f} → {macro(truth, found[chosen][0], labels):.3f} | "
            f"{macro(truth, found[base][1], labels):.3f} → {macro(truth, found[chosen][1], labels):.3f} | "
            f"{macro(truth, found[chosen][1], labels) - macro(truth, found[base][1], labels):+.3f} [{np.std(deltas, ddof=1):.3f}] | "
            + ", ".join(f"{w:g}: {macro(truth, found[w][1], labels):.3f}" for w in candidates) + " | "
            + " / ".join(f"{before[k]['f1']:.2f} → {after[k]['f1']:.2f}" for k in watched) + " |",
            flush=True,
        )
    print(f"\npooled over the {len(writers)} {part} halves (each scored by a model that never read its writer):")
    for w, rows in pooled.items():
        truth = np.concatenate([r[0] for r in rows])
        with_context = np.concatenate([r[1] for r in rows])
        alone = np.concatenate([r[2] for r in rows])
        per_label = score_labels(list(truth), list(alone), labels).per_label
        name = {"chosen": "chosen per writer", "shipped": f"shipped at w = {chosen:g}"}.get(w) if isinstance(w, str) else f"w = {w:g}"
        worst = min((macro(r[0], r[2], labels), x) for r, x in zip(rows, writers, strict=True))
        print(f"  {name}: with context {macro(truth, with_context, labels):.3f}, alone {macro(truth, alone, labels):.3f}, "
              f"lowest writer alone {worst[1]} {worst[0]:.3f} (" + ", ".join(f"{k} {per_label[k]['f1']:.3f}" for k in labels) + ")")


def unseen_writer(which: str, writers: list[str], weights: list[float], seed: int, cache: Path | None) -> None:
    """Set `which` (written by none of `writers`) scored on its held half by models fitted on ../shared plus every
    writer's dev half at each weight (0: ../shared only)."""
    from bench_classify import grouped_training_data

    from nlp.classify.evaluate import score_labels
    from nlp.classify.validation import without_context

    groups, frame, y, labels = grouped_training_data(five_halves=False)
    shared = (frame, y, np.asarray(groups, dtype=object), np.ones(len(y)))
    fit = FittedModels(shared, {w: writer_rows(w, "dev", True) for w in writers}, shipped_params(), seed, cache)
    half = writer_rows(which, "held", False)
    print(f"\nset {which}, held half ({len(half[1])} units), scored by models fitted on ../shared + the dev halves of {', '.join(writers)}:")
    for weight in [0.0, *weights]:
        model = fit(frozenset(writers), weight)
        with_context, alone = model.predict(half[0]), model.predict(without_context(half[0]))
        per_label = score_labels(list(half[1]), list(alone), labels).per_label
        print(f"  w = {weight:g}: with context {macro(half[1], with_context, labels):.3f}, alone {macro(half[1], alone, labels):.3f} ("
              + ", ".join(f"{k} {per_label[k]['f1']:.2f}" for k in ("improvement", "platform", "active_disclosure", "problem")) + ")", flush=True)


def on_shared(writers: list[str], weight: float, folds: int, seeds: list[int], candidate: dict | None = None) -> None:
    """`candidate`: the reference is the shipped configuration and the variant the candidate, both fitted on the
    folds' training part plus every writer's dev half at `weight` (as `govreport train` would fit them)."""
    from bench_classify import grouped_training_data

    from nlp.classify.evaluate import grouped_folds
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.validation import fold_predictions

    params = shipped_params()
    groups, frame, y, labels = grouped_training_data(five_halves=False)
    groups = np.asarray(groups, dtype=object)
    extra = stacked([(*writer_rows(w, "dev", True), np.full(0, 0.0)) for w in writers])
    everything = stacked([(frame, y, groups, np.ones(len(y))), (extra[0], extra[1], extra[2], np.full(len(extra[1]), weight))])
    n = len(y)
    added = np.arange(n, len(everything[1]))
    print(f"{n} ../shared rows, {len(added)} authored dev rows at weight {weight:g}; {folds} site-grouped folds × seeds {seeds} (development)")
    rows = {"reference": [], "variant": []}
    for seed in seeds:
        splits = grouped_folds(y, groups, folds, seed)
        wider = [(np.concatenate([train, added]), test) for train, test in splits]
        make = lambda seed=seed: ParagraphClassifier(**params, random_state=seed)  # noqa: E731
        if candidate is None:
            reference = fold_predictions(make, frame, y, splits, groups=groups)
        else:
            reference = fold_predictions(make, everything[0], everything[1], wider, weights=everything[3], groups=everything[2])
            make = lambda seed=seed: ParagraphClassifier(**candidate_params(candidate), random_state=seed)  # noqa: E731
        variant = fold_predictions(make, everything[0], everything[1], wider, weights=everything[3], groups=everything[2])
        for name, scores in (("reference", reference), ("variant", variant)):
            rows[name] += [(macro(y[test], scores.with_context[test], labels), macro(y[test], scores.alone[test], labels)) for _, test in splits]
        print(f"  seed {seed} done", file=sys.stderr, flush=True)
    reference, variant = np.array(rows["reference"]), np.array(rows["variant"])
    delta = variant - reference
    print("| | with context | alone |\n|---|---|---|")
    names = ("../shared only", f"+ authored dev halves ×{weight:g}") if candidate is None else (
        f"shipped, + dev halves ×{weight:g}", f"candidate {json.dumps(candidate, sort_keys=True)}, + dev halves ×{weight:g}")
    print(f"| {names[0]} | {reference[:, 0].mean():.4f} ± {reference[:, 0].std(ddof=1):.4f} | {reference[:, 1].mean():.4f} ± {reference[:, 1].std(ddof=1):.4f} |")
    print(f"| {names[1]} | {variant[:, 0].mean():.4f} ± {variant[:, 0].std(ddof=1):.4f} | {variant[:, 1].mean():.4f} ± {variant[:, 1].std(ddof=1):.4f} |")
    print(f"| Δ per fold (folds up) | {delta[:, 0].mean():+.4f} ± {delta[:, 0].std(ddof=1):.4f} ({(delta[:, 0] > 0).sum()}/{len(delta)}) | "
          f"{delta[:, 1].mean():+.4f} ± {delta[:, 1].std(ddof=1):.4f} ({(delta[:, 1] > 0).sum()}/{len(delta)}) |")


def main() -> int:
    from eval_authored import present_sets

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--writers", action="store_true", help="leave one writer out on the held halves")
    parser.add_argument("--shared", action="store_true", help="paired site-grouped folds of ../shared with the dev halves added")
    parser.add_argument("--sets", nargs="+", metavar="SET", help="the writers (default: every set of eval_authored.SETS present, less --unseen)")
    parser.add_argument("--weights", type=float, nargs="+", default=[0.5, 1.0, 2.0], help="with --writers: candidate weights besides 0")
    parser.add_argument("--unseen", nargs="*", default=[], metavar="SET", help="sets written by none of the writers: held half scored, every --weights")
    parser.add_argument("--weight", type=float, default=1.0, help="with --shared: the authored rows' weight")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"folder of fitted models (default {CACHE.relative_to(REPO)})")
    parser.add_argument("--fixed-weight", type=float, metavar="W", help="with --writers: no inner choice, every writer's model at weight W (and 0)")
    parser.add_argument("--no-cache", action="store_true", help="fit every model afresh and keep none")
    parser.add_argument("--score-part", choices=("held", "dev"), default="held",
                        help="with --writers: the left-out writer's half scored (dev: to choose among candidates; held: once, for the one chosen)")
    parser.add_argument("--params", type=json.loads, metavar="JSON",
                        help='a candidate, parameters over the shipped configuration (e.g. \'{"text_form": "figures"}\'); with --writers '
                             "--fixed-weight W it is compared with the shipped configuration at W; with --shared, the same, on the folds")
    args = parser.parse_args()
    started = time.perf_counter()
    unseen = present_sets(args.unseen)
    writers = [w for w in present_sets(args.sets) if w not in unseen]
    if args.writers and len(writers) < 2:
        parser.error(f"leaving one writer out needs at least two writers; present: {', '.join(writers) or 'none'}")
    cache = None if args.no_cache else args.cache
    if args.writers:
        leave_one_writer_out(writers, [args.fixed_weight] if args.fixed_weight is not None else args.weights, args.seeds[0], args.bootstrap, cache,
                             args.fixed_weight, args.score_part, args.params)
    for which in unseen:
        unseen_writer(which, writers, args.weights, args.seeds[0], cache)
    if args.shared:
        on_shared(writers, args.weight, args.folds, args.seeds, args.params)
    print(f"\nwall time {time.perf_counter() - started:.0f} s (writers {', '.join(writers)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
