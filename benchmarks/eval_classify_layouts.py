"""Labels of whole report files end to end, under the layouts crawlers and converters give them.

A model of the shipped configuration is trained on ../shared/labels/dev.jsonl alone; the 31 whole crawled
reports of ../shared/corpus/full_reports.jsonl are damaged by each transform of tests/damage.py (glued
into one line, whitespace gone, a crawler's header, hard-wrapped, broken at inline elements, page
furniture between the pieces, saved as web pages in other encodings, Big5 with traditional characters),
read and structured by the pipeline, their narrative paragraphs classified with their context, and
matched to the hand-labelled units of ../shared/labels/full_reports.jsonl (`nlp.classify.evaluate.match_units`).
Prints macro-F1, accuracy, units no paragraph holds, and F1 per label, per layout. Development figures:
these are the only whole labelled reports in ../shared.

Run: python benchmarks/eval_classify_layouts.py [--layouts NAME ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def layouts() -> dict:
    from tests.damage import TEXT_TRANSFORMS, UNIT_TRANSFORMS, html_variants

    chosen = {"as crawled": None}
    chosen.update({name: TEXT_TRANSFORMS[name] for name in ("join_lines", "remove_whitespace", "crawled_glued", "crawler_header", "wrap_lines", "numbers_on_own_lines")})
    chosen.update(UNIT_TRANSFORMS)
    chosen.update({name: wrap for name, wrap in html_variants().items() if name in ("html_gbk_nocharset", "html_big5_nocharset", "html_utf-16_nocharset")})
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--layouts", nargs="*", metavar="NAME", help="only these layouts (default: all)")
    args = parser.parse_args()

    from nlp.classify.evaluate import match_units, score_labels
    from nlp.classify.features import paragraph_frame
    from nlp.classify.loading import load_model
    from nlp.classify.model import ParagraphClassifier, report_inputs
    from nlp.classify.train import examples_from_units
    from nlp.labels import read_labelled
    from nlp.read import read_bytes
    from nlp.structure import parse_text

    params = {k: tuple(v) if isinstance(v, list) else v for k, v in load_model().card["params"].items()}
    dev = examples_from_units(read_labelled([SHARED / "labels" / "dev.jsonl"]))
    started = time.perf_counter()
    model = ParagraphClassifier(**{**params, "calibrate": False, "tune_biases": False}).fit(dev.inputs, dev.labels)
    print(f"trained on dev.jsonl ({len(dev.labels)} paragraphs) in {time.perf_counter() - started:.1f} s; the whole reports unseen")
    gold = examples_from_units(read_labelled([SHARED / "labels" / "full_reports.jsonl"]))
    units: dict[str, list[tuple[str, str]]] = {}
    for paragraph, label, doc_id in zip(gold.inputs, gold.labels, gold.groups, strict=True):
        units.setdefault(doc_id, []).append((paragraph.text, label))
    with (SHARED / "corpus" / "full_reports.jsonl").open(encoding="utf-8") as handle:
        reports = [json.loads(line) for line in handle]
    names = sorted(set(gold.labels))
    print("| layout | macro-F1 | accuracy | units missed | " + " | ".join(names) + " |")
    print("|---" * (4 + len(names)) + "|")
    for name, damage in layouts().items():
        if args.layouts and name not in args.layouts:
            continue
        truth, predicted, missed = [], [], 0
        for record in reports:
            damaged = record["text"] if damage is None else damage(record["text"])
            text = read_bytes(damaged, "page.html") if isinstance(damaged, bytes) else damaged
            inputs = report_inputs(parse_text(text, doc_id=record["doc_id"]))
            labels = list(model.predict(paragraph_frame(inputs))) if inputs else []
            wanted = units.get(record["doc_id"], [])
            for (_, label), index in zip(wanted, match_units([t for t, _ in wanted], [p.text for p in inputs]), strict=True):
                truth.append(label)
                predicted.append("none" if index is None else str(labels[index]))
                missed += index is None
        scores = score_labels(truth, predicted, names)
        per_label = " | ".join(f"{scores.per_label[label]['f1']:.2f}" for label in names)
        print(f"| {name} | {scores.macro_f1:.3f} | {scores.accuracy:.3f} | {missed}/{len(truth)} | {per_label} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
