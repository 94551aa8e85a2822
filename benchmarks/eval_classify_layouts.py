"""Labels of whole report files end to end, under the layouts crawlers and converters give them.

A model of the shipped configuration is trained on ../shared/labels/dev.jsonl alone; the 31 whole crawled
reports of ../shared/corpus/full_reports.jsonl are damaged by each transform of tests/damage.py (glued
into one line, whitespace gone, a crawler's header, hard-wrapped, broken at inline elements, page
furniture between the pieces, saved as web pages in other encodings, Big5 with traditional characters),
read and structured by the pipeline, their narrative paragraphs classified with their context, and
matched to the hand-labelled units of ../shared/labels/full_reports.jsonl (`nlp.classify.evaluate.match_units`).
Prints macro-F1, accuracy, units no paragraph holds, and F1 per label, per layout. Development figures:
these are the only whole labelled reports in ../shared.

`--pages`: the same end to end on the raw web-page openings of ../shared/corpus/pages_dev.jsonl (586
pages of ~400 sites, exactly as found), in 5 site-grouped folds: each fold's model is trained on the
labelled units (dev.jsonl + full_reports.jsonl) of the other folds' site clusters, and reads, structures and
labels the pages of its own, as found and under each layout. Held out by site within ../shared.

Run: python benchmarks/eval_classify_layouts.py [--layouts NAME ...] [--pages [--seed 0]]
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


def layouts(names: list[str] | None = None) -> dict:
    """The layouts measured by default; the section title shapes (`tests.damage.SECTION_SHAPES`), crawlers' forms
    (`tests.damage.crawled_variants`: JSON responses, script bodies, a zip), the OFD producer styles
    (`tests.ofd_writer.OFD_LAYOUTS`: `ofd_line`, `ofd_char`, `ofd_run`) and the PDF page styles
    (`tests.pdf_pages.PDF_LAYOUTS`: `pdf_plain`, `pdf_indent`, `pdf_spaced`, `pdf_justified`) too where `names`
    asks for them."""
    from tests.damage import SECTION_SHAPES, TEXT_TRANSFORMS, UNIT_TRANSFORMS, crawled_variants, html_variants
    from tests.ofd_writer import OFD_LAYOUTS
    from tests.pdf_pages import PDF_LAYOUTS

    chosen = {"as crawled": None}
    chosen.update({name: TEXT_TRANSFORMS[name] for name in ("join_lines", "remove_whitespace", "crawled_glued", "crawler_header", "wrap_lines", "numbers_on_own_lines")})
    chosen.update(UNIT_TRANSFORMS)
    chosen.update({name: wrap for name, wrap in html_variants().items() if name in ("html_gbk_nocharset", "html_big5_nocharset", "html_utf-16_nocharset", "html_layout_table")})
    chosen.update({name: shape for name, shape in SECTION_SHAPES.items() if names and name in names})
    chosen.update({name: make for name, (_, make) in crawled_variants().items() if names and name in names})
    chosen.update({name: layout for name, layout in OFD_LAYOUTS.items() if names and name in names})
    chosen.update({name: layout for name, layout in PDF_LAYOUTS.items() if names and name in names})
    return chosen


def labels_end_to_end(model, text: str | bytes, doc_id: str, wanted: list[tuple[str, str]], damage=None, name: str = "page.html") -> tuple[list[str], list[str], int]:
    """One report's labelled units (text, label) and the labels the pipeline gives them: the text damaged,
    read (bytes as a file called `name`), structured and classified, each unit matched to a paragraph (`none`
    where no paragraph holds it)."""
    from nlp.classify.evaluate import match_units
    from nlp.classify.features import paragraph_frame
    from nlp.classify.reportinputs import report_inputs
    from nlp.classify.segment import segment_report
    from nlp.read import read_bytes
    from nlp.structure import parse_text

    damaged = text if damage is None else damage(text)
    read = read_bytes(damaged, name) if isinstance(damaged, bytes) else damaged
    inputs = report_inputs(segment_report(parse_text(read, doc_id=doc_id), model))
    found = [str(label) for label in model.predict(paragraph_frame(inputs))] if inputs else []
    indexes = match_units([unit for unit, _ in wanted], [p.text for p in inputs])
    predicted = ["none" if index is None else found[index] for index in indexes]
    return [label for _, label in wanted], predicted, sum(index is None for index in indexes)



def labels_over_reports(model, sources, wanted: dict[str, list[tuple[str, str]]], names: list[str]) -> tuple[object, int, int]:
    """`labels_end_to_end` over reports given as (text or bytes, doc_id, damage or None, file name), pooled: the
    scores (`score_labels`) over every unit, how many units were wanted, how many no paragraph holds."""
    from nlp.classify.evaluate import score_labels

    truth: list[str] = []
    predicted: list[str] = []
    missed = 0
    for text, doc_id, damage, name in sources:
        gold_labels, found, lost = labels_end_to_end(model, text, doc_id, wanted.get(doc_id, []), damage, name)
        truth += gold_labels
        predicted += found
        missed += lost
    return score_labels(truth, predicted, names), len(truth), missed


def f1_cells(scores, names: list[str]) -> str:
    """The per-label F1 of `score_labels`' result as table cells, in the order of `names`."""
    return " | ".join(f"{scores.per_label[label]['f1']:.2f}" for label in names)

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--layouts", nargs="*", metavar="NAME", help="only these layouts (default: all)")
    parser.add_argument("--pages", action="store_true", help="the raw page openings in site-grouped folds instead")
    parser.add_argument("--seed", type=int, default=0, help="fold assignment of --pages")
    args = parser.parse_args()
    if args.pages:
        return pages_end_to_end(args.layouts, args.seed)

    from nlp.classify.loading import card_params, load_model
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.train import examples_from_units
    from nlp.labels import read_labelled

    params = card_params(load_model())
    dev = examples_from_units(read_labelled([SHARED / "labels" / "dev.jsonl"]), five_halves=False)  # as `train_model` trains
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
    for name, damage in layouts(args.layouts).items():
        if args.layouts and name not in args.layouts:
            continue
        sources = ((record["text"], record["doc_id"], damage, "page.html") for record in reports)
        scores, count, missed = labels_over_reports(model, sources, units, names)
        print(f"| {name} | {scores.macro_f1:.3f} | {scores.accuracy:.3f} | {missed}/{count} | {f1_cells(scores, names)} |", flush=True)
    return 0


def pages_end_to_end(names: list[str] | None, seed: int, folds: int = 5) -> int:
    """Site-grouped folds over the page openings: train on the other clusters, read and label these pages."""
    import numpy as np

    from nlp.classify.evaluate import grouped_folds, score_labels
    from nlp.classify.groups import groups_for, unit_clusters
    from nlp.classify.loading import card_params, load_model
    from nlp.classify.model import ParagraphClassifier
    from nlp.classify.train import examples_from_units
    from nlp.labels import read_labelled

    params = card_params(load_model())
    units = read_labelled([SHARED / "labels" / "dev.jsonl", SHARED / "labels" / "full_reports.jsonl"])
    examples = examples_from_units(units, five_halves=False)  # as `train_model` trains
    clusters = unit_clusters(units)
    groups = np.asarray(groups_for(examples.groups, clusters), dtype=object)
    labels = np.asarray(examples.labels, dtype=object)
    with (SHARED / "corpus" / "pages_dev.jsonl").open(encoding="utf-8") as handle:
        pages = {record["doc_id"]: record["text"] for record in map(json.loads, handle)}
    wanted: dict[str, list[tuple[str, str]]] = {}
    for paragraph, label, doc_id in zip(examples.inputs, examples.labels, examples.groups, strict=True):
        if doc_id in pages:
            wanted.setdefault(doc_id, []).append((paragraph.text, label))
    names_all = sorted(set(examples.labels))
    chosen = {name: damage for name, damage in layouts(names).items() if not names or name in names}
    truth: dict[str, list[str]] = {name: [] for name in chosen}
    predicted: dict[str, list[str]] = {name: [] for name in chosen}
    missed = dict.fromkeys(chosen, 0)
    for train, test in grouped_folds(labels, groups, folds, seed):
        model = ParagraphClassifier(**{**params, "calibrate": False, "tune_biases": False})
        model.fit([examples.inputs[i] for i in train], labels[train])
        held = {examples.groups[i] for i in test} & set(wanted)
        for name, damage in chosen.items():
            for doc_id in sorted(held):
                gold_labels, found, lost = labels_end_to_end(model, pages[doc_id], doc_id, wanted[doc_id], damage)
                truth[name] += gold_labels
                predicted[name] += found
                missed[name] += lost
    print(f"page openings: {len(wanted)} pages, {sum(len(v) for v in wanted.values())} labelled units; {folds} site-grouped folds, seed {seed}")
    print("| layout | macro-F1 | accuracy | units missed | " + " | ".join(names_all) + " |")
    print("|---" * (4 + len(names_all)) + "|")
    for name in chosen:
        scores = score_labels(truth[name], predicted[name], names_all)
        print(f"| {name} | {scores.macro_f1:.3f} | {scores.accuracy:.3f} | {missed[name]}/{len(truth[name])} | {f1_cells(scores, names_all)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
