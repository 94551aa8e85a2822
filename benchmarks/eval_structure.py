"""How the parser's paragraphs and kinds agree with the hand-labelled units of ../shared/labels.

The labelled units come from the web-page openings in ../shared/corpus/pages_dev.jsonl (and the
files of ../shared/reports). This parses each page's raw text and reports, over all labelled units:
  - unit recall: the share of labelled units whose text is one of the parser's paragraphs
    (after folding punctuation and spaces);
  - kind accuracy: among matched units, the share whose kind agrees;
  - heading recall: the share of labelled section headings (一、总体情况 …) the parser opens a section at;
  - agency: how many pages get an agency, and, on pages that have a title, whether the page without its
    title lines still gets the title's agency (from the page's fields or opening sentences). The title's
    agency is the reference there; the two count as agreeing when one name contains the other
    (`某某镇` / `某某镇人民政府`).

`--meta`: page furniture (`meta` units: breadcrumbs, page fields, menus, sign-offs, contact lines) on the
page openings, per half of tests/halves.py (the development half's misses may be read with `--show N`;
the held-out half is only scored): how many labelled meta lines the parser calls meta, and how many
lines of report content it wrongly calls meta (content lost to the classifier).

Run: python benchmarks/eval_structure.py [--meta [--show N]]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from nlp.normalize import comparable as _comparable
from nlp.structure import parse_text, read_report, section_key_for_title


def comparable(text: str) -> str:
    """Texts compared without `|` (the labels keep the cell borders of web tables, the parser drops them)."""
    return _comparable(text.replace("|", ""))


SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    if not SHARED.exists():
        print(f"skipped: {SHARED} not found")
        return 0
    if "--meta" in sys.argv:
        show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
        return meta_report(show)
    units: dict[str, list[dict]] = defaultdict(list)
    for line in (SHARED / "labels" / "dev.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        units[record["doc_id"]].append(record)
    pages = {json.loads(line)["doc_id"]: json.loads(line) for line in (SHARED / "corpus" / "pages_dev.jsonl").open(encoding="utf-8")}
    matched = total = kind_ok = 0
    confusion: Counter[tuple[str, str]] = Counter()
    heading_total = heading_found = 0
    for doc_id, records in units.items():
        if doc_id in pages:
            report = parse_text(pages[doc_id]["text"], doc_id=doc_id)
        elif (SHARED / "reports").glob(doc_id + ".*"):
            files = list((SHARED / "reports").glob(doc_id + ".*"))
            if not files:
                continue
            report = read_report(files[0])
        paragraphs = {comparable(p.text): p for p in report.paragraphs}
        section_starts = {comparable(s.paragraphs[0].text) for s in report.sections if s.title and s.paragraphs}
        for record in records:
            total += 1
            key = comparable(record["text"])
            paragraph = paragraphs.get(key)
            if paragraph is not None:
                matched += 1
                kind_ok += paragraph.kind == record["kind"]
                confusion[(record["kind"], paragraph.kind)] += 1
            text = record["text"]
            if record["kind"] == "heading" and text[:1] in "一二三四五六七" and text[1:2] in "、.．" and section_key_for_title(text[2:]):
                heading_total += 1
                heading_found += key in section_starts
    print(f"labelled units: {total}; reproduced as paragraphs: {matched} ({matched / total:.1%})")
    print(f"kind accuracy on reproduced units: {kind_ok / max(matched, 1):.1%}")
    print(f"template section headings labelled: {heading_total}; parser opens a section there: {heading_found} ({heading_found / max(heading_total, 1):.1%})")
    print("kind confusion (labelled → parsed):")
    for (gold, parsed), count in sorted(confusion.items(), key=lambda kv: -kv[1]):
        if gold != parsed:
            print(f"  {gold:>9} → {parsed:<9} {count}")
    agency_report(pages)
    return 0


def meta_report(show: int) -> int:
    """Furniture read as furniture, per half of the page openings; misses of the development half shown."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.halves import labelled_openings, opening_halves

    units, pages = labelled_openings(SHARED)
    halves = opening_halves(units)
    counts = {half: Counter() for half in ("development", "held-out")}
    misses: list[tuple[str, str, str]] = []
    for doc_id, records in units.items():
        report = parse_text(pages[doc_id]["text"], doc_id=doc_id)
        paragraphs = {comparable(p.text): p for p in report.paragraphs}
        count = counts[halves[doc_id]]
        for record in records:
            paragraph = paragraphs.get(comparable(record["text"]))
            if paragraph is None:
                continue
            gold_meta, parsed_meta = record["kind"] == "meta", paragraph.kind == "meta"
            count["meta"] += gold_meta
            count["meta found"] += gold_meta and parsed_meta
            count["content"] += not gold_meta
            count["content called meta"] += parsed_meta and not gold_meta
            count["narrative called meta"] += parsed_meta and record["kind"] == "narrative"
            if halves[doc_id] == "development" and gold_meta != parsed_meta:
                misses.append((record["kind"], paragraph.kind, record["text"][:60]))
    print("| half | labelled meta lines | read as meta | content lines read as meta (of them narrative) |")
    print("|---|---:|---:|---:|")
    for half, count in counts.items():
        print(
            f"| {half} | {count['meta']} | {count['meta found']} ({count['meta found'] / max(count['meta'], 1):.1%}) "
            f"| {count['content called meta']} of {count['content']} ({count['narrative called meta']}) |"
        )
    for gold, parsed, text in misses[:show]:
        print(f"  {gold} → {parsed}: {text}")
    return 0


def agency_report(pages: dict[str, dict]) -> None:
    with_agency = titled = recovered = agreeing = 0
    disagreements = []
    for doc_id, page in pages.items():
        report = parse_text(page["text"], doc_id=doc_id)
        with_agency += report.agency is not None
        if not (report.title and report.agency):
            continue
        titled += 1
        # The page as if its header had been lost: every line that carries the title goes.
        untitled = "\n".join(
            line for line in page["text"].split("\n") if not (report.agency in re.sub(r"\s", "", line) and re.search(r"报告|年报", line) and len(line) < 80)
        )
        fallback = parse_text(untitled, doc_id=doc_id)
        if fallback.title or not fallback.agency:
            continue
        recovered += 1
        if fallback.agency in report.agency or report.agency in fallback.agency:
            agreeing += 1
        else:
            disagreements.append((report.agency, fallback.agency))
    print(f"pages with an agency: {with_agency}/{len(pages)}")
    print(
        f"titled pages with their title lines removed: {titled}; agency still found: {recovered} ({recovered / max(titled, 1):.0%}), "
        f"agreeing with the title's: {agreeing} ({agreeing / max(recovered, 1):.0%})"
    )
    for from_title, from_text in disagreements:
        print(f"  title: {from_title}  ·  without it: {from_text}")


if __name__ == "__main__":
    sys.exit(main())
