"""Reports as OCR gives them: each damage of `tests/damage_ocr.py` measured end to end.

Per damage (and undamaged, for reference):
- sections: of the reports the damage changes, how many lose a section their undamaged text gives, and how many
  have narrative paragraphs out of place (`eval_section_shapes._lost`); on the 11 gold + 31 whole reports of
  ../shared (development: their misses were read) and the authored sets a, b, c's development halves;
- paragraphs still spaced: narrative paragraphs of the parsed reports (both sets) that still hold a run of four
  single characters between single spaces (`2 0 2 3`), which the classifier, the boilerplate score and the copy
  finder would read as damaged text;
- table cells: the 11 reports with gold cells, damaged, written as .txt and read: right, left out with a warning,
  left out silently, wrong, invented (`tests/table_layouts.cell_outcomes`);
- labels end to end: macro-F1 and units no paragraph holds, on the 31 whole reports (a model of the shipped
  configuration trained on ../shared/labels/dev.jsonl alone, as `eval_classify_layouts.py` does) and on the
  authored dev halves (the shipped model, which never saw them).

Development figures throughout: the authored held halves are scored only by `eval_authored.py --part held`.

Run: python benchmarks/eval_ocr.py [--damage NAME ...] [--skip-labels]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

#: Letter-spacing left in a paragraph: four single characters each followed by one space.
_STILL_SPACED = re.compile(r"(?<!\S)(?:\S ){4}\S(?!\S)")


def _authored_dev() -> dict[str, str]:
    from eval_authored import authored_reports

    return {r["doc_id"]: r["text"] for which in ("a", "b", "c") for r in authored_reports("dev", which)}


def sections(texts: dict[str, str], damage) -> tuple[int, int, int, int, int]:
    """(changed, losing a section, with paragraphs out of place, narrative paragraphs, of them still spaced)."""
    from eval_section_shapes import _lost

    from nlp.structure import parse_text

    changed = lost = moved = paragraphs = spaced = 0
    for text in texts.values():
        damaged = text if damage is None else damage(text)
        for section in parse_text(damaged).sections:
            for paragraph in section.paragraphs:
                if paragraph.kind == "narrative":
                    paragraphs += 1
                    spaced += bool(_STILL_SPACED.search(paragraph.text))
        if damaged == text:
            continue
        changed += 1
        keys, strays = _lost(text, damaged)
        lost += bool(keys)
        moved += bool(strays)
    return changed, lost, moved, paragraphs, spaced


def cells(damage, folder: Path, zeros_blank: bool = False) -> Counter:
    """The gold cells' outcomes with `damage`; `zeros_blank`: the damage prints zeros blank, and a blank read as
    blank is right."""
    from eval_tables_wild import load_gold, source

    import nlp
    from nlp.tables.extract import read_tables
    from tests.table_layouts import report_cell_outcomes

    total: Counter = Counter()
    for doc_id, gold in sorted(load_gold().items()):
        text = nlp.read_text(source(doc_id))
        path = folder / f"{doc_id}.txt"
        path.write_text(text if damage is None else damage(text), encoding="utf-8")
        report = nlp.read_report(path)
        extraction = read_tables(report)
        if zeros_blank:
            # The damage blanks the zeros of the rows it prints (not of a table the text holds otherwise): a gold
            # zero read as blank is right, as is one read as 0.
            blank = {(c.table, c.row, c.col) for c in extraction.cells if c.value is None}
            gold = {**gold, "cells": [{**c, "value": None} if c["value"] == 0 and (c["table"], c["row"], c["col"]) in blank else c for c in gold["cells"]]}
        counts, _ = report_cell_outcomes(gold, report, extraction)
        total.update(counts)
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--damage", nargs="*", metavar="NAME", help="only these damages (default: all)")
    parser.add_argument("--skip-labels", action="store_true", help="sections and cells only (no model trained)")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} not found")
        return 0
    from eval_classify_layouts import labels_end_to_end

    from tests.authored_sets import end_to_end_score
    from tests.conftest import gold_and_whole_report_texts, whole_reports
    from tests.damage_ocr import OCR_DAMAGE, ZEROS_BLANK

    damages = {"undamaged": None, **{name: make for name, make in OCR_DAMAGE.items() if not args.damage or name in args.damage}}
    shared_texts, authored = gold_and_whole_report_texts(), _authored_dev()
    model = units = authored_units = None
    if not args.skip_labels:
        from eval_authored import SETS, in_part

        from nlp.classify.evaluate import score_labels
        from nlp.classify.loading import card_params, load_model
        from nlp.classify.model import ParagraphClassifier
        from nlp.classify.train import examples_from_units
        from nlp.labels import read_labelled

        params = card_params(load_model())
        dev = examples_from_units(read_labelled([SHARED / "labels" / "dev.jsonl"]), five_halves=False)
        model = ParagraphClassifier(**{**params, "calibrate": False, "tune_biases": False}).fit(dev.inputs, dev.labels)
        gold = examples_from_units(read_labelled([SHARED / "labels" / "full_reports.jsonl"]))
        units = {}
        for paragraph, label, doc_id in zip(gold.inputs, gold.labels, gold.groups, strict=True):
            units.setdefault(doc_id, []).append((paragraph.text, label))
        authored_units = [u for which in ("a", "b", "c") for u in read_labelled([SETS[which][1]]) if in_part(u.doc_id, "dev")]
    print(
        "| damage | sections, gold+whole: changed, losing one, paragraphs out of place | authored dev: the same "
        "| narrative paragraphs still spaced | cells: right, warned, silent, wrong, invented | labels, 31 whole: macro-F1, units missed "
        "| labels, authored dev: macro-F1 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for name, damage in damages.items():
            a = sections(shared_texts, damage)
            b = sections(authored, damage)
            counts = cells(damage, Path(folder), name in ZEROS_BLANK)
            total = sum(counts[o] for o in ("right", "warned", "silent", "wrong"))
            cell_text = f"{counts['right']}/{total}, {counts['warned']}, {counts['silent']}, {counts['wrong']}, {counts['invented']}"
            whole = own = "-"
            if model is not None:
                truth, predicted, missed = [], [], 0
                for record in whole_reports():
                    found = labels_end_to_end(model, record["text"], record["doc_id"], units.get(record["doc_id"], []), damage)
                    truth += found[0]
                    predicted += found[1]
                    missed += found[2]
                whole = f"{score_labels(truth, predicted, sorted(set(truth))).macro_f1:.3f}, {missed}/{len(truth)}"
                texts = {doc_id: (text if damage is None else damage(text)) for doc_id, text in authored.items()}
                own = f"{end_to_end_score(authored_units, texts)[1]:.3f}"
            print(
                f"| {name} | {a[0]}, {a[1]}, {a[2]} | {b[0]}, {b[1]}, {b[2]} | {a[4] + b[4]}/{a[3] + b[3]} | {cell_text} | {whole} | {own} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
