"""Does the context of section 五/六 lie on other writers' shapes? With context (before and after the fourteenth
round's derivation) against alone, on labelled whole reports reshaped by `tests/damage_five.py`.

Models: the shipped configuration (`eval_writers.shipped_params`, seed 0) fitted on 5 site-grouped folds of ../shared
(dev.jsonl + full_reports.jsonl, contexts as `govreport train` gives them: five_halves=False); each ../shared report
is scored by the fold model that held it out, each authored dev half by the model of fold 0 (no fold model read
any writer). Rows scored:
- every ../shared report whose section 五 holds problems and plans only, under each shape of
  `tests.damage_five.FIVE_SIX_SHAPES`, and the same for the authored dev halves (odd numbers: read while the rules
  were written, so development figures);
- ../shared as written (its site-grouped CV) and the authored dev halves as written.
Macro-F1 over every narrative unit of the rows; "5/6 units" the F1 over the problem and improvement units only.

The fold models are kept under build/five_shapes_cache (fitted in ~3 min on 2 cores; delete it after a change to
the fitting code). Run: python benchmarks/eval_five_shapes.py [--sets k i j]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CACHE = REPO / "build" / "five_shapes_cache"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

FOLDS = 5


def fold_models(units, cache: Path):
    """Doc id → its held-out fold, and the 5 fold models (fitted once, kept under `cache`)."""
    import joblib
    import numpy as np
    from eval_writers import shipped_params
    from sklearn.model_selection import GroupKFold

    from nlp.classify.features import paragraph_frame
    from nlp.classify.groups import groups_for, unit_clusters
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.train import examples_from_units

    clusters = unit_clusters(units)
    docs = sorted({u.doc_id for u in units})
    fold_of = {}
    for k, (_, test) in enumerate(GroupKFold(n_splits=FOLDS).split(docs, groups=groups_for(docs, clusters))):
        fold_of.update({docs[i]: k for i in test})
    models = []
    for k in range(FOLDS):
        path = cache / f"fold{k}.joblib"
        if path.exists():  # written by this script into the repository's build/ folder
            models.append(joblib.load(path))
            continue
        examples = examples_from_units([u for u in units if fold_of[u.doc_id] != k], five_halves=False)
        model = ParagraphClassifier(**shipped_params(), random_state=0).fit(
            paragraph_frame(examples.inputs), np.asarray(examples.labels, dtype=object), groups=np.asarray(groups_for(examples.groups, clusters), dtype=object)
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(model, path)
        models.append(model)
    return fold_of, models


def predictions(model, reports: list[list], shapes: bool) -> tuple[list[str], list[str], list[str], list[str]]:
    """Labels, with context (old derivation), with context (this round's), alone — over the reports' narrative units."""
    from nlp.classify.context import Context, contexts_for_units
    from nlp.classify.features import ParagraphInput, paragraph_frame
    from nlp.classify.validation import without_context

    truth: list[str] = []
    rows: dict[bool, list] = {False: [], True: []}
    for units in reports:
        kinds, texts = [u.kind for u in units], [u.text for u in units]
        for new in (False, True):
            contexts = contexts_for_units(kinds, texts, five_six_shapes=new and shapes)
            rows[new] += [ParagraphInput(u.text, Context(**c.as_dict())) for u, c in zip(units, contexts, strict=True) if u.kind == "narrative" and u.label and u.text]
        truth += [u.label for u in units if u.kind == "narrative" and u.label and u.text]
    before = paragraph_frame(rows[False])
    return truth, [str(x) for x in model.predict(before)], [str(x) for x in model.predict(paragraph_frame(rows[True]))], [str(x) for x in model.predict(without_context(before))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="*", help="authored sets whose dev halves to add (default: every set present)")
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args()
    if not (SHARED / "labels" / "dev.jsonl").exists():
        print("../shared/labels not found: nothing to measure", file=sys.stderr)
        return 2
    from eval_authored import SETS, in_part, present_sets
    from sklearn.metrics import f1_score

    from nlp.labels import read_labelled
    from tests.damage import FIVE_SIX_SHAPES

    shared_units = read_labelled([SHARED / "labels" / "dev.jsonl", SHARED / "labels" / "full_reports.jsonl"])
    fold_of, models = fold_models(shared_units, args.cache)

    def by_doc(units) -> dict[str, list]:
        grouped: dict[str, list] = defaultdict(list)
        for unit in units:
            grouped[unit.doc_id].append(unit)
        return {doc: sorted(us, key=lambda u: u.para_index) for doc, us in grouped.items()}

    shared = by_doc(shared_units)
    writers = {s: by_doc([u for u in read_labelled([SETS[s][1]]) if in_part(u.doc_id, "dev")]) for s in present_sets(args.sets)}

    def score(rows: dict[int, list[list]]) -> tuple[int, int, str]:
        """rows: fold → reports. Macro-F1 before / after / alone, all units and 五/六 units."""
        truth, before, after, alone = [], [], [], []
        for k, reports in rows.items():
            t, b, a, n = predictions(models[k], reports, True)
            truth, before, after, alone = truth + t, before + b, after + a, alone + n
        labels = sorted(set(truth))
        five = [i for i, t in enumerate(truth) if t in ("problem", "improvement")]

        def cells(values: list[str]) -> str:
            return f"{f1_score(truth, values, average='macro', labels=labels):.3f} | {f1_score([truth[i] for i in five], [values[i] for i in five], average='macro', labels=['problem', 'improvement']):.3f}"

        return len(truth), sum(len(reports) for reports in rows.values()), f"{cells(before)} | {cells(after)} | {cells(alone)}"

    print("| rows | reports | units | with context before (all / 5/6 units) | | after | | alone | |")
    print("|---|---:|---:|---|---|---|---|---|---|")
    for name, shape in FIVE_SIX_SHAPES.items():
        rows: dict[int, list[list]] = defaultdict(list)
        for doc, units in shared.items():
            if (damaged := shape(units)) is not None:
                rows[fold_of[doc]].append(damaged)
        units_count, reports, cells = score(rows)
        print(f"| ../shared, {name} | {reports} | {units_count} | {cells} |", flush=True)
        for which, docs in writers.items():
            damaged_reports = [d for d in (shape(units) for units in docs.values()) if d is not None]
            if damaged_reports:
                units_count, reports, cells = score({0: damaged_reports})
                print(f"| {which} dev, {name} | {reports} | {units_count} | {cells} |", flush=True)
    rows = defaultdict(list)
    for doc, units in shared.items():
        rows[fold_of[doc]].append(units)
    units_count, reports, cells = score(rows)
    print(f"| ../shared as written (site-grouped CV) | {reports} | {units_count} | {cells} |", flush=True)
    for which, docs in writers.items():
        units_count, reports, cells = score({0: list(docs.values())})
        print(f"| {which} dev as written | {reports} | {units_count} | {cells} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
