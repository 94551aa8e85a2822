"""Reading and structure on the 31 whole crawled reports and on the damage suite.

Prints, for ../shared/corpus/full_reports.jsonl, the template sections found per report and the share
of the paragraphs labelled in ../shared/labels/full_reports.jsonl that come back as the parser's
paragraphs (texts compared after folding punctuation widths and spaces), separately for the development
half of the agencies (`DEVELOPMENT_AGENCIES`: the rules for fragmented pages were written looking at
these) and the held-out half (never looked at while writing rules); and, per transform of
tests/damage.py, how many of the gold reports keep every section their undamaged text gives.

`--layouts` adds the labelled narrative units that come back when the same reports, and the 589 page
openings of ../shared/labels/dev.jsonl, are rebuilt from their labelled units (one a line) and given the
layouts of crawled pages (tests/damage.py's `unit_transforms(seed)` for each of `UNIT_SEEDS`: lines
broken at inline elements, furniture between the pieces, run-in titles as elements of their own): per
half of the whole reports (by agency) and of the openings (by site cluster, tests/halves.py; the held-out
half was never read while writing rules); and the real files read with each `run_in` policy of
`nlp.structure.parse_text`. `--misses N` prints N units the development openings lose under one layout and
seed, with the kind of loss (split, merged).
Run: python benchmarks/eval_full_reports.py [--no-damage] [--layouts [--misses N --misses-layout NAME --misses-seed S]]
     [--diff N] [--split development|held-out] [--code DIR]
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
#: `--code DIR`: the `nlp` of another tree (an older commit's `git archive … nlp`), for before/after;
#: read before the imports below, which must see it first.
CODE = Path(sys.argv[sys.argv.index("--code") + 1]).resolve() if "--code" in sys.argv[:-1] else REPO
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(CODE))

from nlp.normalize import comparable  # noqa: E402
from nlp.report import SECTION_KEYS  # noqa: E402
from nlp.structure import parse_text  # noqa: E402

#: Agencies whose reports rules were developed on: 文化和旅游局's seven years and every other agency of
#: the rest in alphabetical order of its short name; the other six agencies (13 reports) are held out.
DEVELOPMENT_AGENCIES = frozenset({"wlj", "cgj", "kjj", "mzj", "slj", "tyj"})


def split_of(doc_id: str) -> str:
    """`development` or `held-out`, by the agency in `putian_<agency>_<year>`."""
    return "development" if doc_id.split("_")[1] in DEVELOPMENT_AGENCIES else "held-out"


def full_reports() -> list[dict]:
    with (SHARED / "corpus" / "full_reports.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _units_by_report(name: str) -> dict[str, list[dict]]:
    """The labelled units of `../shared/labels/<name>`, per report, in the file's order."""
    units: dict[str, list[dict]] = defaultdict(list)
    with (SHARED / "labels" / name).open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            units[record["doc_id"]].append(record)
    return units


def labelled_units() -> dict[str, list[dict]]:
    return _units_by_report("full_reports.jsonl")


def unit_recall(report, records: list[dict]) -> tuple[int, list[dict]]:
    """How many labelled units are paragraphs of `report`, and the units that are not."""
    paragraphs = {comparable(p.text) for p in report.paragraphs}
    missing = [r for r in records if comparable(r["text"]) not in paragraphs]
    return len(records) - len(missing), missing


#: The longest produced paragraph taken for a run-in heading when a miss is explained by one.
RUN_IN_HEADING_CHARS = 40


def heading_and_paragraph(report, text: str) -> bool:
    """Whether a labelled unit is a short heading and the paragraph after it, produced as two paragraphs.

    On these pages a run-in heading (`（一）主动公开方面。`) is an element of its own or shares one with
    its paragraph, which only the markup tells; such misses are counted apart.
    """
    target = comparable(text)
    produced = [comparable(p.text) for p in report.paragraphs]
    return any(
        len(first) <= RUN_IN_HEADING_CHARS and first + second == target for first, second in zip(produced, produced[1:], strict=False)
    )


def nearest_paragraphs(report, text: str, count: int = 2) -> list[str]:
    """The produced paragraphs that overlap a labelled unit most: what the unit was cut into or glued to."""
    target = comparable(text)
    scored = []
    for paragraph in report.paragraphs:
        produced = comparable(paragraph.text)
        if not produced:
            continue
        overlap = difflib.SequenceMatcher(None, target, produced, autojunk=False).find_longest_match(0, len(target), 0, len(produced)).size
        if overlap >= min(6, len(target)):
            scored.append((overlap, paragraph.text))
    return [text for _, text in sorted(scored, key=lambda pair: -pair[0])[:count]]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-damage", action="store_true", help="skip the damage suite's section counts")
    parser.add_argument("--diff", type=int, default=0, help="print this many labelled units not reproduced, with the nearest paragraphs produced")
    parser.add_argument("--split", default="development", choices=("development", "held-out"), help="the half whose misses --diff prints")
    parser.add_argument("--kinds", default="narrative,heading", help="kinds of the unreproduced units to print")
    parser.add_argument("--layouts", action="store_true", help="units per split under each crawled layout and each run_in policy")
    parser.add_argument("--misses", type=int, default=0, help="with --layouts: print this many narrative units the development openings lose")
    parser.add_argument("--misses-layout", default="wrap_at_random_widths", help="the layout whose losses --misses prints")
    parser.add_argument("--misses-seed", type=int, default=0, help="the seed of that layout")
    parser.add_argument("--code", type=Path, default=REPO, help="a folder holding the `nlp` to measure (default: this checkout)")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} not found")
        return 0
    units = labelled_units()
    complete = found_total = 0
    matched: dict[tuple[str, str], int] = defaultdict(int)
    total: dict[tuple[str, str], int] = defaultdict(int)
    unreproduced: list[tuple[dict, list[str]]] = []
    run_in: dict[str, int] = defaultdict(int)
    reports = full_reports()
    for record in reports:
        report = parse_text(record["text"], doc_id=record["doc_id"])
        found = set(report.section_keys) & set(SECTION_KEYS)
        found_total += len(found)
        complete += len(found) == len(SECTION_KEYS)
        if len(found) < len(SECTION_KEYS):
            print(f"  {record['doc_id']}: sections missing {sorted(set(SECTION_KEYS) - found)}")
        split = split_of(record["doc_id"])
        records = units.get(record["doc_id"], [])
        _, missing = unit_recall(report, records)
        missing_ids = set(map(id, missing))
        for unit in records:
            total[split, unit["kind"]] += 1
            matched[split, unit["kind"]] += id(unit) not in missing_ids
        run_in[split] += sum(1 for u in missing if u["kind"] == "narrative" and heading_and_paragraph(report, u["text"]))
        if split == args.split:
            unreproduced += [(u, nearest_paragraphs(report, u["text"])) for u in missing if u["kind"] in args.kinds.split(",")]
    print(f"full reports: {len(reports)}; with all six sections: {complete}; sections found {found_total}/{len(reports) * len(SECTION_KEYS)}")
    for split in ("development", "held-out", "all"):
        docs = sum(1 for r in reports if split in ("all", split_of(r["doc_id"])))
        print(f"{split} ({docs} reports):")
        for kind in sorted({kind for _, kind in total}):
            n = sum(v for (s, k), v in total.items() if k == kind and split in ("all", s))
            m = sum(v for (s, k), v in matched.items() if k == kind and split in ("all", s))
            print(f"  labelled {kind} units: {n}; reproduced as paragraphs: {m} ({m / max(n, 1):.1%})")
        glued = sum(v for s, v in run_in.items() if split in ("all", s))
        print(f"  narrative units missed that are a run-in heading and its paragraph in one element: {glued}")
    print("(table rows are not expected: their number lines stay lines for the table reader)")
    for unit, nearest in unreproduced[: args.diff]:
        print(f"\n  {unit['doc_id']} #{unit['para_index']} [{unit['kind']}] {unit['text']}")
        for paragraph in nearest:
            print(f"    produced: {paragraph}")
    if args.layouts:
        layouts_report(reports, units, args.misses, args.misses_layout, args.misses_seed)
    if not args.no_damage:
        damage_report()
    return 0


def page_openings() -> dict[str, list[dict]]:
    return {doc: sorted(records, key=lambda r: r["para_index"]) for doc, records in _units_by_report("dev.jsonl").items()}


def layout_misses(text: str, records: list[dict]) -> list[tuple[str, str, list[str]]]:
    """The labelled narrative units a damaged text does not give back: (kind of loss, unit, pieces or whole).

    `split`: the unit came back in pieces; `merged`: inside a longer paragraph; `other`: neither.
    """
    produced = [comparable(p.text) for p in parse_text(text).paragraphs]
    found = set(produced)
    misses = []
    for record in records:
        unit = comparable(record["text"])
        if record["kind"] != "narrative" or unit in found:
            continue
        inside = [p for p in produced if unit in p and p != unit]
        pieces = [p for p in produced if p and p in unit]
        kind = "merged" if inside else "split" if pieces else "other"
        misses.append((kind, record["text"], inside[:1] or pieces[:4]))
    return misses


def layouts_report(reports: list[dict], units: dict[str, list[dict]], show: int = 0, show_layout: str = "wrap_at_random_widths", show_seed: int = 0) -> None:
    """Narrative units back, per split and seed: rebuilt reports under each crawled layout; real files per `run_in`."""
    sys.path.insert(0, str(REPO))
    import inspect

    from tests.damage import UNIT_SEEDS, unit_transforms
    from tests.halves import opening_halves

    policies = "run_in" in inspect.signature(parse_text).parameters  # trees before the option have none
    print(f"nlp imported from {Path(inspect.getfile(parse_text)).parents[1]}")
    openings = page_openings()
    halves = opening_halves(openings)
    groups = {
        "whole dev": {doc: sorted(r, key=lambda r: r["para_index"]) for doc, r in units.items() if split_of(doc) == "development"},
        "whole held-out": {doc: sorted(r, key=lambda r: r["para_index"]) for doc, r in units.items() if split_of(doc) == "held-out"},
        "openings dev": {doc: r for doc, r in openings.items() if halves[doc] == "development"},
        "openings held-out": {doc: r for doc, r in openings.items() if halves[doc] == "held-out"},
    }

    def back(text: str, records: list[dict]) -> tuple[int, int]:
        produced = {comparable(p.text) for p in parse_text(text).paragraphs}
        narrative = [r for r in records if r["kind"] == "narrative"]
        return len(narrative), sum(comparable(r["text"]) in produced for r in narrative)

    print("narrative units back (rebuilt from the labelled units, one a line, then damaged); whole reports split by agency,")
    print(f"the {len(openings)} page openings of ../shared/labels/dev.jsonl by a hash of their site cluster; held-out: never read for rules")
    print(f"  {'layout':<28} {'seed':>4}  " + "  ".join(f"{name:>22}" for name in groups))
    layouts = [("clean (one unit a line)", None, lambda text: text)]
    for seed in UNIT_SEEDS:
        layouts += [(name, seed, damage) for name, damage in unit_transforms(seed).items()]
    for name, seed, damage in sorted(layouts, key=lambda item: (item[0] != "clean (one unit a line)", item[0], item[1] or 0)):
        cells = []
        for records_of in groups.values():
            n = m = 0
            for records in records_of.values():
                total, found = back(damage("\n".join(r["text"] for r in records)), records)
                n, m = n + total, m + found
            cells.append(f"{m}/{n} ({m / max(n, 1):.1%})")
        print(f"  {name:<28} {'' if seed is None else seed:>4}  " + "  ".join(f"{cell:>22}" for cell in cells))
    if show:
        damage = unit_transforms(show_seed)[show_layout]
        misses = []
        for doc, records in groups["openings dev"].items():
            misses += [(doc, *miss) for miss in layout_misses(damage("\n".join(r["text"] for r in records)), records)]
        kinds = defaultdict(int)
        for _, kind, _, _ in misses:
            kinds[kind] += 1
        print(f"development openings, {show_layout} seed {show_seed}: {len(misses)} units lost, " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        for doc, kind, unit, near in misses[:show]:
            print(f"  [{kind}] {doc}: {unit[:70]}")
            for piece in near:
                print(f"      ‖ {piece[:90]}")
    if not policies:
        return
    print("the real files, per run_in policy (narrative / heading units back), development / held-out:")
    for policy in ("never", "evidence", "always"):
        counts = {("development", kind): [0, 0] for kind in ("narrative", "heading")} | {("held-out", kind): [0, 0] for kind in ("narrative", "heading")}
        for record in reports:
            produced = {comparable(p.text) for p in parse_text(record["text"], run_in=policy).paragraphs}
            for unit in units.get(record["doc_id"], []):
                if unit["kind"] in ("narrative", "heading"):
                    cell = counts[split_of(record["doc_id"]), unit["kind"]]
                    cell[0] += 1
                    cell[1] += comparable(unit["text"]) in produced
        print(f"  {policy:<9} " + "  ".join(f"{s} {k} {m}/{n} ({m / max(n, 1):.1%})" for (s, k), (n, m) in counts.items()))


def damage_report() -> None:
    sys.path.insert(0, str(REPO / "tests"))
    from damage import TEXT_TRANSFORMS, html_variants

    import nlp
    from nlp.read import read_bytes

    docs = []
    for folder in ("seeds", "reports"):
        docs += [p for p in sorted((SHARED / folder).iterdir()) if p.suffix in (".txt", ".pdf", ".md") and "template" not in p.name]
    gold = {json.loads(line)["doc_id"] for name in ("seed_tables.jsonl", "reports_tables.jsonl") for line in (SHARED / "gold" / name).open(encoding="utf-8")}
    docs = [p for p in docs if p.stem in gold]
    originals = {p.stem: nlp.read_text(p) for p in docs}
    expected = {doc: set(parse_text(text).section_keys) & set(SECTION_KEYS) for doc, text in originals.items()}
    print(f"damage suite, sections ({len(docs)} gold reports): transform — reports keeping every section")
    for name, transform in TEXT_TRANSFORMS.items():
        kept = sum(expected[doc] <= set(parse_text(transform(text)).section_keys) for doc, text in originals.items())
        print(f"  {name:<22} {kept}/{len(docs)}")
    for name, wrap in html_variants().items():
        kept = sum(expected[doc] <= set(parse_text(read_bytes(wrap(text), name + ".html")).section_keys) for doc, text in originals.items())
        print(f"  {name:<22} {kept}/{len(docs)}")


if __name__ == "__main__":
    sys.exit(main())
