"""Reading and structure on the 31 whole crawled reports and on the damage suite.

Prints, for ../shared/corpus/full_reports.jsonl (development figures: the rules were written with these
files in view), the template sections found per report and the share of the paragraphs labelled in
../shared/labels/full_reports.jsonl that come back as the parser's paragraphs (texts compared after
folding punctuation widths and spaces); and, per transform of tests/damage.py, how many of the gold
reports keep every section their undamaged text gives.
Run: python benchmarks/eval_full_reports.py [--no-damage]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from nlp.normalize import comparable  # noqa: E402
from nlp.report import SECTION_KEYS  # noqa: E402
from nlp.structure import parse_text  # noqa: E402


def full_reports() -> list[dict]:
    with (SHARED / "corpus" / "full_reports.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def labelled_units() -> dict[str, list[dict]]:
    units: dict[str, list[dict]] = defaultdict(list)
    with (SHARED / "labels" / "full_reports.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            units[record["doc_id"]].append(record)
    return units


def unit_recall(report, records: list[dict]) -> tuple[int, list[dict]]:
    """How many labelled units are paragraphs of `report`, and the units that are not."""
    paragraphs = {comparable(p.text) for p in report.paragraphs}
    missing = [r for r in records if comparable(r["text"]) not in paragraphs]
    return len(records) - len(missing), missing


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-damage", action="store_true", help="skip the damage suite's section counts")
    parser.add_argument("--show", type=int, default=0, help="print this many labelled units not reproduced")
    parser.add_argument("--kinds", default="narrative,heading", help="kinds of the unreproduced units to print")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} not found")
        return 0
    units = labelled_units()
    complete = found_total = 0
    matched: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    unreproduced: list[dict] = []
    reports = full_reports()
    for record in reports:
        report = parse_text(record["text"], doc_id=record["doc_id"])
        found = set(report.section_keys) & set(SECTION_KEYS)
        found_total += len(found)
        complete += len(found) == len(SECTION_KEYS)
        if len(found) < len(SECTION_KEYS):
            print(f"  {record['doc_id']}: sections missing {sorted(set(SECTION_KEYS) - found)}")
        records = units.get(record["doc_id"], [])
        _, missing = unit_recall(report, records)
        for unit in records:
            total[unit["kind"]] += 1
        for unit in set(map(id, records)) - set(map(id, missing)) and [u for u in records if u not in missing]:
            matched[unit["kind"]] += 1
        unreproduced += [u for u in missing if u["kind"] in args.kinds.split(",")]
    print(f"full reports: {len(reports)}; with all six sections: {complete}; sections found {found_total}/{len(reports) * len(SECTION_KEYS)}")
    for kind in sorted(total):
        print(f"labelled {kind} units: {total[kind]}; reproduced as paragraphs: {matched[kind]} ({matched[kind] / total[kind]:.1%})")
    print(f"all labelled units: {sum(total.values())}; reproduced: {sum(matched.values())} ({sum(matched.values()) / max(sum(total.values()), 1):.1%})"
          " (table rows are not expected: their number lines stay lines for the table reader)")
    for record in unreproduced[: args.show]:
        print(f"    {record['doc_id']} #{record['para_index']}: {record['text'][:70]}")
    if not args.no_damage:
        damage_report()
    return 0


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
