"""Where the labels of glued reports are lost: each labelled unit of a report glued into one line, by what
the pipeline made of it, against the same report as written.

For every labelled narrative unit, the glued report's paragraph that holds it (or that it holds,
`nlp.classify.evaluate.match_units`) is:
- `exact`: the unit itself;
- `with its heading`: the unit and nothing but a heading run on before it (ANNOTATION.md's glued unit);
- `with units of its label` / `of another label`: the unit and at least one other labelled unit (a paragraph
  break lost), all of its own label (harmless to the labels) or not;
- `part of it`: a piece of the unit (the blob rule cuts a unit that runs `一是…二是…`);
- `none`: no paragraph holds it;
and it stands in the written report's context (section and topic, `nlp.classify.context`) or not. Each
count comes with how many of its units the shipped classifier labels wrongly. Also: reports whose
section list differs from the written one's, template sections kept, labelled table lines (six characters
or more) that stand inside a narrative paragraph, and narrative paragraphs that hold no labelled unit.

`--set authored-held` (`authored-b-held`, `authored-c-held`): the held parts, scored only (`--errors` refused).

`--set whole`: the 31 whole crawled reports of ../shared (development: the shipped classifier was
trained on them, so its wrong labels here are optimistic); `--set authored-dev`: the authored reports'
development part (odd numbers; their held part is not for reading), `--set authored-b-dev` the second
authored set's, `--set authored-c-dev` the third's. `--set pages`: sections only, on the 586 page openings.
`--errors`: every unit labelled
wrongly, with its context. The glued reports' paragraphs are cut where the classifier's label changes
(`nlp.classify.segment`, as the pipeline does); `--no-segment`: without it.

`--shape`: how the reports are glued: `crawled_glued` (default), or a shape of tests/damage_glued.py
(`glued_arabic`: sections numbered `1.`…`6.`; `glued_unheaded`: section headings gone; `glued_unnumbered`: item numbers gone, the units' too;
`glued_with_spaces`; `glued_tables_dropped`). The last line is the labels' macro-F1 end to end.

Run: python benchmarks/eval_glued.py --set whole|authored-dev|authored-b-dev|authored-c-dev|pages [--shape NAME] [--errors] [--no-segment]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

LATER_SECTIONS = ("requests", "review_litigation", "problems_improvements", "other_matters")


def texts_and_units(name: str) -> tuple[dict[str, str], list]:
    from nlp.labels import read_labelled

    if name.startswith("authored"):
        from eval_authored import SETS, authored_reports

        which = {"b": "b", "c": "c"}.get(name.split("-")[1], "a")
        texts = {record["doc_id"]: record["text"] for record in authored_reports(name.rsplit("-", 1)[1], which)}
        return texts, [unit for unit in read_labelled([SETS[which][1]]) if unit.doc_id in texts]
    corpus = "full_reports.jsonl" if name == "whole" else "pages_dev.jsonl"
    with (SHARED / "corpus" / corpus).open(encoding="utf-8") as handle:
        texts = {record["doc_id"]: record["text"] for record in map(json.loads, handle)}
    return texts, (read_labelled([SHARED / "labels" / "full_reports.jsonl"]) if name == "whole" else [])


def outcome(unit: str, label: str, paragraph: str | None, others: list[tuple[str, str]]) -> str:
    if paragraph is None:
        return "none"
    if paragraph == unit:
        return "exact"
    if unit not in paragraph:
        return "part of it"
    held = [other_label for other, other_label in others if other != unit and other in paragraph]
    if not held:
        return "with its heading"
    return "with units of its label" if all(other_label == label for other_label in held) else "with units of another label"


def glue_of(shape: str):
    """The damage that glues a report: `crawled_glued` (tests/damage.py), or a shape of tests/damage_glued.py."""
    from tests.damage import TEXT_TRANSFORMS
    from tests.damage_glued import GLUED_SHAPES

    return {**TEXT_TRANSFORMS, **GLUED_SHAPES}[shape]


def as_damaged(shape: str, unit: str) -> str:
    """A labelled unit's text as the damage leaves it (`glued_unnumbered` takes its item number off)."""
    from tests.damage_glued import items_unnumbered

    return items_unnumbered(unit) if shape == "glued_unnumbered" else unit


def sections(texts: dict[str, str], shape: str = "crawled_glued") -> None:
    from nlp.structure import parse_text

    glue = glue_of(shape)
    same = kept = total = 0
    for text in texts.values():
        written, glued = list(parse_text(text).section_keys), list(parse_text(glue(text)).section_keys)
        same += written == glued
        template = [key for key in written if key != "extra"]
        total += len(template)
        kept += sum(key in glued for key in template)
    print(f"section lists as written: {same} of {len(texts)} reports; template sections kept {kept} of {total}")


def units_glued(texts: dict[str, str], units: list, errors: bool, segment: bool = True, shape: str = "crawled_glued") -> None:
    from nlp.classify.evaluate import match_units, score_labels
    from nlp.classify.features import paragraph_frame
    from nlp.classify.loading import load_model
    from nlp.classify.reportinputs import report_inputs
    from nlp.classify.segment import segment_report
    from nlp.normalize import comparable
    from nlp.structure import parse_text

    glue = glue_of(shape)
    model = load_model()
    truth: list[str] = []
    predicted_all: list[str] = []
    counts: Counter = Counter()
    wrong: Counter = Counter()
    later = Counter()
    tables_inside = tables = stray = narratives = inputs = outside = 0
    for doc_id, text in texts.items():
        mine = [unit for unit in units if unit.doc_id == doc_id]
        labelled = [unit for unit in mine if unit.kind == "narrative" and unit.label]
        wanted = [as_damaged(shape, unit.text) for unit in labelled]
        written = report_inputs(parse_text(text, doc_id=doc_id))
        report = parse_text(glue(text), doc_id=doc_id)
        if segment:
            segment_report(report, model)
        glued = report_inputs(report)
        inputs += len(glued)
        outside += sum(item.context.section in (None, "none") for item in glued)
        found = [str(label) for label in model.predict(paragraph_frame(glued))] if glued else []
        plain = [comparable(unit) for unit in wanted]
        for unit, label, plain_unit, i, j in zip(
            labelled, [u.label for u in labelled], plain, match_units(wanted, [p.text for p in written]), match_units(wanted, [p.text for p in glued]), strict=True
        ):
            kind = outcome(plain_unit, label, None if j is None else comparable(glued[j].text), list(zip(plain, [u.label for u in labelled], strict=True)))
            same_context = i is not None and j is not None and (written[i].context.section, written[i].context.topic) == (glued[j].context.section, glued[j].context.topic)
            key = (kind, "context as written" if same_context else "context differs")
            counts[key] += 1
            predicted = "none" if j is None else found[j]
            wrong[key] += predicted != label
            truth.append(label)
            predicted_all.append(predicted)
            if i is not None and written[i].context.section in LATER_SECTIONS:
                later[same_context] += 1
            if errors and predicted != label:
                context = "-" if j is None else f"{glued[j].context.section}/{glued[j].context.topic}"
                print(f"  {doc_id} {kind}: {label} → {predicted} [{context}] {unit.text[:60]}")
        paragraphs = [(p.kind, comparable(p.text)) for p in report.paragraphs]
        for unit in mine:
            text_of = comparable(unit.text)
            if unit.kind == "table" and len(text_of) >= 6:
                tables += 1
                tables_inside += any(kind == "narrative" and text_of in paragraph for kind, paragraph in paragraphs)
        for kind, paragraph in paragraphs:
            if kind == "narrative" and paragraph:
                narratives += 1
                stray += not any(u and (u in paragraph or paragraph in u) for u in plain)
    print("\n| labelled unit, glued | units | labelled wrongly |\n|---|---:|---:|")
    for key in sorted(counts):
        print(f"| {key[0]}, {key[1]} | {counts[key]} | {wrong[key]} |")
    print(f"| all | {sum(counts.values())} | {sum(wrong.values())} |")
    names = sorted(set(model.labels) | set(truth))
    print(f"\nlabels end to end (shipped classifier): macro-F1 {score_labels(truth, predicted_all, names).macro_f1:.3f} on {len(truth)} units")
    print(f"\nunits of sections 三–六 in the written report's section and topic: {later[True]} of {sum(later.values())}")
    print(f"labelled table lines inside a narrative paragraph: {tables_inside} of {tables}")
    print(f"narrative paragraphs that hold no labelled unit: {stray} of {narratives}")
    print(f"narrative paragraphs in no section for the classifier: {outside} of {inputs}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=("whole", "authored-dev", "authored-b-dev", "authored-c-dev", "authored-held", "authored-b-held", "authored-c-held", "pages"), required=True)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--no-segment", action="store_true", help="without the label-aware cuts (nlp.classify.segment), as before them")
    parser.add_argument("--shape", default="crawled_glued", help="how the reports are glued: crawled_glued, or a shape of tests/damage_glued.py")
    args = parser.parse_args()
    if args.errors and args.set.endswith("-held"):
        parser.error("the held parts are only scored: --errors reads their units")
    texts, units = texts_and_units(args.set)
    print(f"{args.set}: {len(texts)} texts glued into one line ({args.shape})")
    sections(texts, args.shape)
    if units:
        units_glued(texts, units, args.errors, segment=not args.no_segment, shape=args.shape)
    return 0


if __name__ == "__main__":
    sys.exit(main())
