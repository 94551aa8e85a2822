"""Paragraphs given alone: how far a careful human gets, beside the shipped model, on the same held-out units.

Issue 15 asks for macro-F1 ≥ 0.93 on paragraphs given alone (no heading, no neighbours). The authored sets'
labels were made with the whole report in view, and the guide lets the section decide some units (rule 2:
a plan item worded like its topic is `improvement` under section 五). `tests/gold/authored_alone/labels.jsonl`
holds a blind labelling of every narrative unit of the held halves of sets a, b, c and e, made by a session
that saw each paragraph alone, shuffled, and nothing else (see that folder's README); it marked the units whose
label it thought only the context could decide (`needs_context`).

For each set this prints, against the writers' labels (made with the report in view), macro-F1 of:
- the human given the paragraphs alone;
- the shipped model given them alone, and with the labelled headings' context;
- the blind second labelling made with the whole report in view (where the set has one);
and the same on the units the human did not mark `needs_context`; then the shipped boilerplate score's ROC AUC
against the writers' `generic` flags, the annotator's, and the units both flag alike.

All figures are held out: the held halves are only ever scored.

Run: python benchmarks/eval_alone_human.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
ALONE = REPO / "tests" / "gold" / "authored_alone" / "labels.jsonl"


def read_alone(path: Path = ALONE) -> dict[tuple[str, str, int], dict]:
    """The blind alone labels by (set, doc_id, para_index)."""
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return {(r["set"], r["doc_id"], int(r["para_index"])): r for r in records}


def macro_f1(columns: dict[str, list[str]], name: str, names: list[str], keep: list[int] | None = None) -> str:
    """Macro-F1 of one column against the writers' labels, over the units kept that the column labels."""
    from nlp.classify.evaluate import score_labels

    gold = columns["gold"]
    pairs = [(gold[i], columns[name][i]) for i in (range(len(gold)) if keep is None else keep) if columns[name][i]]
    if not pairs:
        return "–"
    return f"{score_labels([g for g, _ in pairs], [p for _, p in pairs], names).macro_f1:.3f}"


def main() -> int:
    if not ALONE.exists():
        print(f"no alone labelling at {ALONE}")
        return 1
    from eval_authored import SETS, in_part, second_labelling
    from sklearn.metrics import roc_auc_score

    from nlp.boilerplate.loading import load_boilerplate_scorer
    from nlp.classify.evaluate import score_labels
    from nlp.classify.features import paragraph_frame
    from nlp.classify.loading import load_model
    from nlp.classify.train import examples_from_units
    from nlp.classify.validation import without_context
    from nlp.labels import read_labelled

    human = read_alone()
    model = load_model()
    scorer = load_boilerplate_scorer()
    flags: dict[str, tuple] = {}
    names = sorted(model.labels)
    rows: dict[str, dict[str, list[str]]] = {}
    for which in sorted({key[0] for key in human}):
        units = [u for u in read_labelled([SETS[which][1]]) if in_part(u.doc_id, "held")]
        gold = examples_from_units(units)
        # the units examples_from_units keeps, in its order (report by report, by position)
        by_doc: dict[str, list] = {}
        for unit in units:
            by_doc.setdefault(unit.doc_id, []).append(unit)
        keys = [
            (which, doc_id, unit.para_index)
            for doc_id, doc_units in by_doc.items()
            for unit in sorted(doc_units, key=lambda u: u.para_index)
            if unit.kind == "narrative" and unit.label and unit.text
        ]
        frame = paragraph_frame(gold.inputs)
        units_by_key = {(u.doc_id, u.para_index): u for u in units}
        second = second_labelling(which)
        columns = {
            "gold": list(gold.labels),
            "human alone": [human[key]["label"] if key in human else "" for key in keys],
            "model alone": [str(label) for label in model.predict(without_context(frame))],
            "model with context": [str(label) for label in model.predict(frame)],
            "second labeller, report in view": [(second.get(key[1:]) or {}).get("label") or "" for key in keys],
            "needs context": ["1" if human.get(key, {}).get("needs_context") else "" for key in keys],
        }
        rows[which] = columns
        flags[which] = (
            [bool(units_by_key[key[1:]].generic) for key in keys],
            [bool(human[key]["generic"]) if key in human else None for key in keys],
            scorer.predict_proba([paragraph.text for paragraph in gold.inputs])[:, 1],
        )
    rows["all"] = {name: [value for columns in rows.values() for value in columns[name]] for name in next(iter(rows.values()))}

    print("| set | units | human needs context | human alone | model alone | model with context | second labeller (report in view) | human alone, rest | model alone, rest |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for which, columns in rows.items():
        rest = [i for i, flag in enumerate(columns["needs context"]) if not flag]
        scored = [macro_f1(columns, name, names) for name in ("human alone", "model alone", "model with context", "second labeller, report in view")]
        scored += [macro_f1(columns, name, names, rest) for name in ("human alone", "model alone")]
        print(f"| {which} | {len(columns['gold'])} | {len(columns['gold']) - len(rest)} | " + " | ".join(scored) + " |")

    everything = rows["all"]
    compared = ("human alone", "model alone", "model with context")
    scores = {name: score_labels(everything["gold"], everything[name], names) for name in compared}
    print("\nper label, all sets (F1): label | " + " | ".join(compared))
    for label in names:
        print(f"{label} | " + " | ".join(f"{scores[name].per_label[label]['f1']:.2f}" for name in compared))

    print("\nshipped boilerplate score, ROC AUC against the generic flags: set | writer's | annotator alone's | units both flag alike (of all)")
    for which, (writer, annotator, probability) in flags.items():
        both = [i for i, (w, a) in enumerate(zip(writer, annotator, strict=True)) if a is not None and w == a]
        labelled = [i for i, a in enumerate(annotator) if a is not None]
        print(
            f"{which} | {roc_auc_score(writer, probability):.3f} | {roc_auc_score([annotator[i] for i in labelled], probability[labelled]):.3f} | "
            f"{roc_auc_score([writer[i] for i in both], probability[both]):.3f} ({len(both)} of {len(writer)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
