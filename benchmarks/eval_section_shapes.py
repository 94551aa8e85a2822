"""Section titles in the shapes of `tests/damage.py`'s `SECTION_SHAPES`: are the sections still found?

For each shape (a damage maker that rewrites how a report numbers or words its section titles):
- whole reports: how many lose a section their undamaged text gives (its key no longer among the parsed
  sections), and how many have narrative paragraphs out of place (in no section of the undamaged text that holds
  them: a contents line or half a title read as a paragraph, a section opened at the wrong line), on the 11 gold + 31 whole reports of ../shared (development: their misses were read), on the
  authored set's development part (odd numbers; read) and its held part (even numbers; only counted,
  never listed, and counted only with `--held`);
- page openings (../shared/labels/dev.jsonl, 585 pages): of the labelled top-level section headings
  (`一、总体情况` …, damaged as their page is), how many the parser opens a section at; and how many sections
  it opens at a line labelled as something else (a subsection, a paragraph): the cost of a looser rule.

Run: python benchmarks/eval_section_shapes.py [--shape NAME ...] [--show] [--held]
(`--show` lists the misses of the development sets and of the openings' development half, tests/halves.py.)
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def _lost(text: str, damaged: str) -> tuple[set[str], list[str]]:
    """The sections the damaged text loses, and its narrative paragraphs out of place: in a section other than the
    one the undamaged text gives them (a contents line read as narrative, a title's half as a paragraph, a section
    opened at the wrong line)."""
    from nlp.structure import parse_text
    from tests.damage import paragraphs_out_of_place

    before, after = parse_text(text), parse_text(damaged)
    return set(before.section_keys) - set(after.section_keys), paragraphs_out_of_place(before, after)


def _is_top_heading(text: str) -> bool:
    from nlp.structure import section_key_for_title

    return text[:1] in "一二三四五六七八" and text[1:2] in "、.．" and section_key_for_title(text[2:]) is not None


#: A section's numbering in any of the shapes (in brackets too: `【一】`, `［一］`), and the marks a title may be set in.
_NUMBERING = re.compile(r"^[【*]*(?:第[一二三四五六七八九十]{1,2}部分|[（(〔\[［]?[一二三四五六七八九十ⅠⅡⅢⅣⅤⅥⅦⅧ壹贰叁肆伍陆柒捌\d]{1,2}[)）、.．】〕\]］]?)")


def _key(text: str) -> str:
    """A line compared without its numbering, marks, spaces and punctuation (a shape may change the numbering
    and the parser may put a lost comma back)."""
    from nlp.normalize import comparable

    return comparable(_NUMBERING.sub("", re.sub(r"\s+", "", text.replace("|", ""))).replace("【", "").replace("】", "").replace("*", ""))


def opening_sections(shape, show: list[str] | None = None) -> tuple[int, int, int]:
    """(labelled top-level headings, of them opened as sections, sections opened at other labelled lines);
    the development half's misses appended to `show`."""
    from nlp.normalize import comparable
    from nlp.structure import parse_text
    from tests.halves import labelled_openings, opening_halves

    units, pages = labelled_openings(SHARED)
    halves = opening_halves(units) if show is not None else {}
    total = found = wrong = 0
    for doc_id, records in units.items():
        damaged = shape(pages[doc_id]["text"])
        if damaged == pages[doc_id]["text"] and shape("一、总体情况") != "一、总体情况":
            continue  # a page the shape does not reach (its titles in traditional characters, or none)
        report = parse_text(damaged, doc_id=doc_id)
        starts = {_key(s.paragraphs[0].text) for s in report.sections if s.title and s.paragraphs}
        # Headings the shape reached in the page as in the label (not a title glued into a longer line of the page).
        page = comparable(damaged.replace("|", ""))
        pairs = [(r["text"], shape(r["text"])) for r in records if r["kind"] == "heading" and _is_top_heading(r["text"])]
        headings = [text for _, text in pairs]
        # A heading the shape spreads over lines (with a page number or running head between its halves) is
        # looked for as one line: the parser's to join.
        top = {_key(text if "\n" not in text else original) for original, text in pairs if comparable(text.replace("|", "")) in page}
        labelled = {_key(shape(r["text"])) for r in records}
        # A title run into its first paragraph opens the section with that paragraph.
        missed = {title for title in top if not any(start.startswith(title) for start in starts)}
        others = (starts & labelled) - {_key(text) for text in headings}
        total += len(top)
        found += len(top) - len(missed)
        wrong += len(others)
        if show is not None and halves[doc_id] == "development":
            show.extend(f"  {doc_id}: missed {text}" for text in missed)
            show.extend(f"  {doc_id}: opened at {text}" for text in others)
    return total, found, wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", nargs="*", metavar="NAME", help="these shapes only (default: all)")
    parser.add_argument("--show", action="store_true", help="list the development reports' and openings' misses")
    parser.add_argument("--held", action="store_true", help="count the authored held part too (never listed)")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} not found")
        return 0
    sys.path.insert(0, str(REPO / "benchmarks"))
    from eval_authored import authored_reports

    from tests.conftest import gold_and_whole_report_texts
    from tests.damage import SECTION_SHAPE_DROPS, SECTION_SHAPES

    shapes = {"as written": lambda text: text}
    shapes.update((name, shape) for name, shape in SECTION_SHAPES.items() if not args.shape or name in args.shape)
    sets = {
        "gold + whole (dev)": gold_and_whole_report_texts(),
        "authored dev": {r["doc_id"]: r["text"] for r in authored_reports("dev")},
    }
    if args.held:
        sets["authored held"] = {r["doc_id"]: r["text"] for r in authored_reports("held")}
    print("| shape | " + " | ".join(f"{name}: changed, losing a section, paragraphs out of place" for name in sets) + " | openings: top headings found | openings: sections at other lines |")
    print("|---|" + "---:|" * (len(sets) + 2), flush=True)
    for name, shape in shapes.items():
        cells, misses = [], []
        for set_name, texts in sets.items():
            changed = lost = moved = 0
            for doc_id, text in texts.items():
                damaged = shape(text)
                if damaged == text:
                    continue
                changed += 1
                keys, strays = _lost(text, damaged)
                keys -= SECTION_SHAPE_DROPS.get(name, frozenset())
                lost += bool(keys)
                moved += bool(strays)
                if keys and "held" not in set_name:
                    misses.append(f"  {name} {doc_id}: {', '.join(sorted(keys))}")
                if strays and "held" not in set_name:
                    misses.extend(f"  {name} {doc_id}: out of place {stray[:40]}" for stray in strays[:3])
            cells.append(f"{changed}, {lost}, {moved}")
        total, found, wrong = opening_sections(shape, misses if args.show else None)
        print(f"| {name} | " + " | ".join(cells) + f" | {found} of {total} | {wrong} |", flush=True)
        if args.show:
            print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
