"""The shipped models on whole reports written for this project, in wordings ../shared does not show.

`tests/gold/authored_reports.jsonl` holds whole annual reports written by a member of the team who
did not read ../shared (agencies, levels, years, templates and headings deliberately varied; see
`tests/gold/AUTHORED.md`), labelled by the writer following ANNOTATION.md without any model;
`tests/gold/authored_second_labels.jsonl` is a blind second labelling of their narrative units. No
shipped model has seen these texts: the figures are **held out**, but on text written for the
purpose, not on reports as agencies publish them.

Prints, for the shipped paragraph classifier:
- paragraphs with the context their labelled headings give (as `govreport train` reads labels);
- paragraphs given alone (no section, no heading);
- end to end: each report read and structured by the pipeline, as written and under the layouts of
  `benchmarks/eval_classify_layouts.py`, its paragraphs matched to the labelled units;
- the plain reference (`nlp.classify.baselines.char_baseline`, character 1–3-grams) trained on all of
  ../shared's labels;
- the agreement of the two labellings (label, generic), and every figure again on the units both agree on;
and the shipped boilerplate score's ROC AUC against the `generic` flags.

`--part`: the reports were cut in two before any was read against the pipeline: `dev` (odd numbers,
A01, A03, …), whose misses may be read while rules are written, and `held` (even numbers), which is
only ever scored. Quote `held` for anything changed after the set was made.

`--set b` scores the second authored set (tests/gold/authored_b: 20 reports by another clean-room
session, each also as its writer's crawl of the page, scored end to end as "writer's crawl").
`--set c` scores the third (tests/gold/authored_c: 16 reports by a third session, each also as its
agency's web page in one of eight CMS shapes, three in GBK without a charset, scored end to end as
"writer's page": the page's bytes read as a .html file). `--set e` scores the fourth (tests/gold/authored_e:
16 reports by a fourth session as Word and PDF files, scored end to end as "writer's file": the file read as
its agency published it). `--set f` scores the fifth (tests/gold/authored_f: 16 reports by a fifth session
as users get them after a conversion or from other channels: OCR text, Markdown, legacy encodings, WeChat
articles; also scored as "writer's file").

Run: python benchmarks/eval_authored.py [--set a|b|c|e|f|g|h|i|j|k|l|m|n] [--part all|dev|held] [--layouts NAME ...] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = REPO / "tests" / "gold"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
from tests.authored_sets import report_number  # noqa: E402


def in_part(doc_id: str, part: str) -> bool:
    """`A07_…` is in the development part (odd), `A08_…` in the held-out part (even)."""
    if part == "all":
        return True
    return (report_number(doc_id) % 2 == 1) == (part == "dev")


#: The authored sets: (reports, labels, blind second labels). `b` was written later by another session,
#: with each report also as the writer's own crawl of it (`crawled`); see tests/gold/authored_b/README.md.
def _folder_set(name: str) -> tuple[Path, Path, Path]:
    """A writer's set in its own folder, `tests/gold/authored_<name>/`: reports, labels, blind second labels."""
    folder = GOLD / f"authored_{name}"
    return folder / "reports.jsonl", folder / "labels.jsonl", folder / "second_labels.jsonl"


SETS = {
    "a": (GOLD / "authored_reports.jsonl", GOLD / "authored_labels.jsonl", GOLD / "authored_second_labels.jsonl"),
    # A set counts once its folder holds reports.jsonl and labels.jsonl (`present_sets`), so that a new writer joins
    # every script that reads the writers by its letter here alone.
    **{name: _folder_set(name) for name in ("b", "c", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "aa", "ab", "ac", "ad", "ae", "af", "ag", "ah", "ai", "aj", "ak", "al", "am", "an", "ao", "ap")},
}


def present_sets(names: Iterable[str] | None = None, say: Callable[[str], None] | None = None) -> list[str]:
    """The sets of `names` (default: every entry of SETS, in its order) whose reports and labels are there; each
    missing one is told to `say` (default: standard error) and skipped."""
    say = say or (lambda message: print(message, file=sys.stderr))
    found = []
    for which in names if names is not None else SETS:
        if which not in SETS:
            raise SystemExit(f"no authored set {which!r}: known sets are {', '.join(SETS)} (benchmarks/eval_authored.py SETS)")
        missing = [path for path in SETS[which][:2] if not path.exists()]
        if missing:
            say(f"authored set {which} skipped: {', '.join(str(p.relative_to(REPO)) for p in missing)} not there (yet)")
            continue
        found.append(which)
    return found


def authored_reports(part: str = "all", which: str = "a") -> list[dict]:
    with SETS[which][0].open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [record for record in records if in_part(record["doc_id"], part)]


def cohen_kappa(first: list[str], second: list[str]) -> float:
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(first, second))


def second_labelling(which: str = "a") -> dict[tuple[str, int], dict]:
    path = SETS[which][2]
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return {(record["doc_id"], int(record["para_index"])): record for record in records}


def print_scores(title: str, truth: list[str], predicted: list[str], names: list[str]) -> None:
    from eval_classify_layouts import f1_cells

    from nlp.classify.evaluate import score_labels

    scores = score_labels(truth, predicted, names)
    print(f"| {title} | {len(truth)} | {scores.macro_f1:.3f} | {scores.accuracy:.3f} | {f1_cells(scores, names)} |", flush=True)


def report_source(record: dict, damage, folder: Path) -> tuple[str | bytes, str, Callable | None, str]:
    """What a layout of the end-to-end table reads of one report, as (text or bytes, doc_id, damage, file name):
    `crawled`: the page as the set's writer made it crawled, read as a saved page is; `file`: the file as the set
    holds it in `folder` (Word, PDF, OCR text, Markdown, an old encoding, a WeChat page); `html`: the web page as
    its server sends it (bytes in the page's encoding, read as a .html file); else the text with `damage` done."""
    if damage == "crawled":
        return record["crawled"], record["doc_id"], None, "page.html"
    if damage == "file":
        path = folder / record["file"]
        return path.read_bytes(), record["doc_id"], None, path.name
    if damage == "html":
        return record["html"].encode(record["page"]["encoding"]), record["doc_id"], None, "page.html"
    return record["text"], record["doc_id"], damage, "page.html"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--layouts", nargs="*", metavar="NAME", help="end to end under these layouts only (default: all)")
    parser.add_argument("--part", choices=("all", "dev", "held"), default="all", help="which reports (see above)")
    parser.add_argument("--errors", action="store_true", help="print every unit the shipped model labels wrongly with context")
    parser.add_argument("--set", choices=sorted(SETS), default="a", help="which authored set (a: 28 reports; b: 20, with their crawls; c: 16, with their web pages; e: 16, as Word/PDF files; f: 16, as OCR, Markdown, legacy-encoding and WeChat files; g: 16, sector agencies off the template (.txt, .html); h: 16, grassroots Word files; i: 16, functional bureaus as PDF; j: 16, coastal districts as archived .txt/.html; k: 16, townships, counties and zones, terse, .docx/.txt; l: 16, city service and enforcement agencies, mixed paragraphs, .html/.txt; m: 16, the southwest and northwest, .pdf and text copied out of a PDF; n: 12, provincial offices with four levels of headings, .docx/.html)")
    args = parser.parse_args()
    if not present_sets([args.set]):
        return 2

    from eval_classify_layouts import f1_cells, labels_over_reports, layouts
    from sklearn.metrics import roc_auc_score

    from nlp.boilerplate.loading import load_boilerplate_scorer
    from nlp.classify.baselines import char_baseline
    from nlp.classify.features import paragraph_frame
    from nlp.classify.loading import load_model
    from nlp.classify.train import examples_from_units
    from nlp.classify.validation import without_context
    from nlp.labels import read_labelled

    units = [unit for unit in read_labelled([SETS[args.set][1]]) if in_part(unit.doc_id, args.part)]
    gold = examples_from_units(units)
    reports = authored_reports(args.part, args.set)
    narrative = [u for u in units if u.kind == "narrative" and u.label]
    print(
        f"set {args.set}, part {args.part}: {len(reports)} authored reports, {len(units)} units, {len(gold.labels)} narrative: "
        + ", ".join(f"{label} {count}" for label, count in Counter(gold.labels).most_common())
    )
    model = load_model()
    names = sorted(set(model.labels) | set(gold.labels))
    second = second_labelling(args.set)
    agreed = [second.get((u.doc_id, u.para_index), {}).get("label") == u.label for u in narrative]
    if second:
        both = [(u, second[(u.doc_id, u.para_index)]) for u in narrative if (u.doc_id, u.para_index) in second and second[(u.doc_id, u.para_index)].get("label")]
        print(
            f"\nblind second labelling: {len(both)} narrative units labelled by both; labels agree on "
            f"{sum(u.label == s['label'] for u, s in both) / len(both):.1%} (Cohen's κ "
            f"{cohen_kappa([u.label for u, _ in both], [s['label'] for _, s in both]):.3f}); generic agrees on "
            f"{sum(bool(u.generic) == bool(s.get('generic')) for u, s in both) / len(both):.1%}"
        )

    with_context = [str(label) for label in model.predict(paragraph_frame(gold.inputs))]
    alone = [str(label) for label in model.predict(without_context(paragraph_frame(gold.inputs)))]
    shared = examples_from_units(read_labelled([SHARED / "labels" / "dev.jsonl", SHARED / "labels" / "full_reports.jsonl"]))
    reference = [str(label) for label in char_baseline().fit(shared.inputs, shared.labels).predict(gold.inputs)]

    print("\n| shipped paragraph classifier, held out | units | macro-F1 | accuracy | " + " | ".join(names) + " |")
    print("|---" * (4 + len(names)) + "|")
    print_scores("with the labelled headings' context", gold.labels, with_context, names)
    print_scores("alone", gold.labels, alone, names)
    print_scores("plain reference, alone", gold.labels, reference, names)
    if second:
        keep = [i for i, ok in enumerate(agreed) if ok]
        pick = lambda values: [values[i] for i in keep]  # noqa: E731
        print_scores("with context, units both labellers agree on", pick(gold.labels), pick(with_context), names)
        print_scores("alone, units both labellers agree on", pick(gold.labels), pick(alone), names)

    wanted: dict[str, list[tuple[str, str]]] = {}
    for paragraph, label, doc_id in zip(gold.inputs, gold.labels, gold.groups, strict=True):
        wanted.setdefault(doc_id, []).append((paragraph.text, label))
    print("\n| end to end (read, structured, classified) | units | macro-F1 | accuracy | " + " | ".join(names) + " | units no paragraph holds |")
    print("|---" * (5 + len(names)) + "|")
    chosen = layouts(args.layouts)
    if all("crawled" in record for record in reports) and (not args.layouts or "writer's crawl" in args.layouts):
        chosen = {"writer's crawl": "crawled", **chosen}
    if all("html" in record for record in reports) and (not args.layouts or "writer's page" in args.layouts):
        chosen = {"writer's page": "html", **chosen}
    if all("file" in record for record in reports) and (not args.layouts or "writer's file" in args.layouts):
        chosen = {"writer's file": "file", **chosen}
    for name, damage in chosen.items():
        if args.layouts and name not in args.layouts:
            continue
        scores, count, missed = labels_over_reports(model, (report_source(record, damage, SETS[args.set][0].parent) for record in reports), wanted, names)
        print(f"| {name} | {count} | {scores.macro_f1:.3f} | {scores.accuracy:.3f} | {f1_cells(scores, names)} | {missed} |", flush=True)

    scorer = load_boilerplate_scorer()
    texts = [u.text for u in narrative]
    flags = [bool(u.generic) for u in narrative]
    probability = scorer.predict_proba(texts)[:, 1]
    print(f"\nshipped boilerplate score, held out: ROC AUC {roc_auc_score(flags, probability):.3f} on {len(texts)} narrative units ({sum(flags)} generic)")
    if second:
        second_flags = [bool(second[(u.doc_id, u.para_index)].get("generic")) for u in narrative]
        print(f"  against the second labeller's flags ({sum(second_flags)} generic): {roc_auc_score(second_flags, probability):.3f}")
        keep = [i for i, u in enumerate(narrative) if (u.doc_id, u.para_index) in second and bool(second[(u.doc_id, u.para_index)].get("generic")) == flags[i]]
        print(f"  on the {len(keep)} units whose generic flag both labellers agree on: {roc_auc_score([flags[i] for i in keep], probability[keep]):.3f}")

    if args.errors:
        print("\nunits labelled wrongly with context (truth → predicted):")
        for paragraph, truth_label, found_label, doc_id in zip(gold.inputs, gold.labels, with_context, gold.groups, strict=True):
            if truth_label != found_label:
                print(f"  {doc_id} [{paragraph.context.section}/{paragraph.context.topic}] {truth_label} → {found_label}: {paragraph.text[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
