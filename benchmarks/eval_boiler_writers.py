"""The boilerplate score with the writers' flags as training rows, scored leave one writer out (issue 15).

Each authored set (`eval_authored.SETS`: a, b, c, e, f; g and h join once their label files land) was
written and labelled by its own clean-room session. Its dev half (odd reports) may be trained on; its held
half (even reports) is only ever scored. Training on set X's dev half and scoring X's held half measures a
writer the model has read, so for each set X:

- the shipped boilerplate configuration (`boiler_settings.scorer_parts("")`: the generic model and the
  specificity scorer, fitted on ../shared's labels and reference corpus) is fitted again with the dev halves
  of the **other** sets added (`boiler_data.writers_training`: every narrative unit with its writer's
  `generic` flag, at sample weight w; w = 0 is ../shared alone, the shipped model's data);
- w is chosen without X, among 0 and `--weights`: an inner leave-one-writer-out over the other sets (fit
  without X and Y, score Y's dev half on the units both of Y's labellers flag alike; mean over the Ys; a tie
  goes to the smaller weight);
- X's held half is scored once by the models of w = 0 and of the chosen w: ROC AUC against the writer's
  flags, the second labeller's, the units both flag alike, and the blind alone annotator's flags
  (`tests/gold/authored_alone`, held halves of a, b, c, e, g, l, m, n); the paired difference with its 95 % interval
  over `--draws` resamples of X's held reports.

Every figure printed for a held half is **held out** (no model that scores it read its writer); the inner
choice reads only dev halves, by their scores (no text is printed).

`--setting "zeros_concrete=False"`: the same with a candidate configuration at every weight (w = 0 included),
each difference taken against the shipped configuration on ../shared alone.

Run: python benchmarks/eval_boiler_writers.py [--weights 0.5 1 2] [--sets a b c e f] [--draws 2000] [--setting S]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


@dataclass
class Half:
    """One set's half as scored: texts and each unit's flags (None where a labelling has no flag)."""

    texts: list[str]
    doc_ids: list[str]
    writer: np.ndarray
    second: np.ndarray
    #: The blind alone annotator's flags (object array: True, False or None where it did not label the unit).
    alone: np.ndarray


def half(which: str, part: str) -> Half:
    from boiler_data import writer_units
    from eval_alone_human import ALONE, read_alone
    from eval_authored import second_labelling

    units = writer_units(which, part)
    second = second_labelling(which)
    alone = read_alone() if ALONE.exists() else {}
    return Half(
        [u.text for u in units],
        [u.doc_id for u in units],
        np.asarray([bool(u.generic) for u in units]),
        np.asarray([bool((second.get((u.doc_id, u.para_index)) or {}).get("generic")) for u in units]),
        np.asarray(
            [None if (which, u.doc_id, u.para_index) not in alone else bool(alone[which, u.doc_id, u.para_index]["generic"]) for u in units],
            dtype=object,
        ),
    )


def labellings(part: Half) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each labelling scored: (the flags as 0/1, the mask of units it is scored on)."""
    everything = np.ones(len(part.texts), dtype=bool)
    has_alone = np.asarray([flag is not None for flag in part.alone])
    result = {
        "writer": (part.writer.astype(int), everything),
        "second": (part.second.astype(int), everything),
        "agreed": (part.writer.astype(int), part.writer == part.second),
    }
    if has_alone.any():
        result["alone annotator"] = (np.asarray([bool(flag) for flag in part.alone], dtype=int), has_alone)
    return result


def auc(truth: np.ndarray, scores: np.ndarray, keep: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(truth[keep], scores[keep]))


def leave_one_writer_out(targets: list[str], sets: list[str], weights: list[float], draws: int, setting: str = "", fixed: float | None = None) -> None:
    """`fixed`: no inner choice, every held half scored at weight `fixed` (chosen before, without these held halves)."""
    from boiler_compare import auc_difference, report_resamples
    from boiler_data import shared_data, writers_training
    from boiler_settings import scorer_parts

    from nlp.boilerplate.score import BoilerplateScorer
    from nlp.tokenize import Tokenizer

    texts, y, groups, _, reference, _ = shared_data()
    tokenizer = Tokenizer()
    parts = {}
    for spec in {"", setting}:
        generic, specificity = scorer_parts(spec, tokenizer)
        parts[spec] = (generic, specificity.fit(reference.values()))
    dev = {which: half(which, "dev") for which in sets}
    held = {which: half(which, "held") for which in targets}
    models: dict[tuple, BoilerplateScorer] = {}

    def fit(writers: frozenset[str], weight: float, spec: str = setting) -> BoilerplateScorer:
        key = (spec, frozenset(), 0.0) if weight == 0 or not writers else (spec, writers, weight)
        if key not in models:
            started = time.process_time()
            extra = writers_training(key[2], sorted(key[1])) if key[1] else None
            train = extra.joined(texts, y, groups) if extra else (texts, y, groups, None)
            models[key] = BoilerplateScorer(None, parts[spec][1], parts[spec][0]).fit(*train[:3], sample_weight=train[3])
            print(
                f"  fitted {spec or 'shipped configuration'} on ../shared + {sorted(key[1]) or 'nothing'} at {key[2]:g} "
                f"({time.process_time() - started:.0f} s CPU)", file=sys.stderr, flush=True,
            )
        return models[key]

    def scores(model: BoilerplateScorer, part: Half) -> np.ndarray:
        return model.predict_proba(part.texts)[:, 1]

    candidates = [0.0, *weights]
    print(
        f"{len(texts)} ../shared paragraphs; dev halves: " + ", ".join(f"{w} {len(dev[w].texts)}" for w in sets)
        + "; held halves: " + ", ".join(f"{w} {len(held[w].texts)}" for w in targets) + f"; weights {candidates}"
    )
    print(
        "\n| held-out writer X | inner choice: agreed AUC on the other writers' dev halves, per w | w | "
        f"writer: shipped → {setting or 'shipped configuration'} at the chosen w | second | agreed | alone annotator | Δ agreed [95 %] | Δ alone annotator [95 %] | agreed per w |"
    )
    print("|---" * 9 + "|")
    pooled: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {"writer": [], "agreed": []}
    for x in targets:
        others = frozenset(sets) - {x}
        inner = {}
        for w in candidates if fixed is None else ():
            per_writer = []
            for other in sorted(others):
                truth, keep = labellings(dev[other])["agreed"]
                per_writer.append(auc(truth, scores(fit(others - {other}, w), dev[other]), keep))
            inner[w] = float(np.mean(per_writer))
        chosen = fixed if fixed is not None else max(candidates, key=lambda w: (round(inner[w], 4), -w))
        part = held[x]
        found = {w: scores(fit(others, w), part) for w in candidates}
        # the reference of every difference: the shipped configuration on ../shared alone
        found["shipped"] = found[0.0] if not setting else scores(fit(frozenset(), 0.0, ""), part)
        samples = report_resamples(part.doc_ids, range(len(part.texts)), draws)
        cells, deltas = [], []
        for name, (truth, keep) in labellings(part).items():
            cells.append(f"{auc(truth, found['shipped'], keep):.3f} → {auc(truth, found[chosen], keep):.3f}")
            if name in ("agreed", "alone annotator"):
                if chosen == 0.0 and not setting:
                    deltas.append("(w = 0 chosen)")
                else:
                    point, low, high = auc_difference(truth, found[chosen], found["shipped"], keep, samples)
                    deltas.append(f"{point:+.3f} [{low:+.3f}, {high:+.3f}]")
        cells += ["–"] * (4 - len(cells))
        deltas += ["–"] * (2 - len(deltas))
        for name in pooled:
            truth, keep = labellings(part)[name]
            pooled[name].append((truth[keep], found[chosen][keep]))
        truth, keep = labellings(part)["agreed"]
        print(
            f"| {x} | " + (", ".join(f"{w:g}: {inner[w]:.4f}" for w in candidates) if inner else "fixed") + f" | {chosen:g} | "
            + " | ".join(cells + deltas) + " | " + ", ".join(f"{w:g}: {auc(truth, found[w], keep):.3f}" for w in candidates) + " |",
            flush=True,
        )
    # Every held half at once, each scored by the model that left its writer out: the figure comparable to one held-out
    # set of many sites' reports.
    figures = []
    for name, pairs in pooled.items():
        truth, found_scores = np.concatenate([t for t, _ in pairs]), np.concatenate([f for _, f in pairs])
        figures.append(f"{name} flags {auc(truth, found_scores, np.ones(len(truth), dtype=bool)):.3f} ({len(truth)} units)")
    print("\npooled over the held halves (each by the model without its writer): " + ", ".join(figures))


def main() -> int:
    from boiler_data import SHARED, writer_sets

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=float, nargs="+", default=[0.5, 1.0, 2.0], help="candidate weights besides 0")
    parser.add_argument("--sets", nargs="+", help="the writers held out in turn (default: every authored set present; "
                        "the others train either way)")
    parser.add_argument(
        "--setting", default="", help='a candidate change of the configuration (as bench_boilerplate.py --paired: "zeros_concrete=False"), '
        "fitted at every weight and compared with the shipped configuration on ../shared alone",
    )
    parser.add_argument("--draws", type=int, default=2000, help="report resamples for the intervals")
    parser.add_argument("--fixed-weight", type=float, metavar="W", help="no inner choice: every held half scored at weight W (and 0)")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"shared data not available: {SHARED} (the ../shared folder is absent)", file=sys.stderr)
        return 1
    present = writer_sets()
    targets = [which for which in (args.sets or present) if which in present]
    for which in sorted(set(args.sets or ()) - set(present)):
        print(f"authored set {which}: not present; skipped", file=sys.stderr)
    if len(present) < 3 or not targets:
        print(f"leave one writer out with an inner choice needs three sets or more; present: {', '.join(present)}", file=sys.stderr)
        return 1
    weights = [args.fixed_weight] if args.fixed_weight is not None else args.weights
    leave_one_writer_out(targets, present, weights, args.draws, args.setting, args.fixed_weight)
    return 0


if __name__ == "__main__":
    sys.exit(main())
