"""Markup left in text: sections and gold cells of the 11 gold reports given to `parse_text` (a JSON Lines
record's path) with `tests/damage.py`'s `html_references_left` and `html_tags_left`, and Markdown as converters
write it (`markdown_export` and its variants, `tests.damage_encodings.MARKDOWN_VARIANTS`); for each shape also the
narrative paragraphs of the 11 gold and 31 whole reports that no longer read as without the marks (units lost).

Run: python benchmarks/eval_markup.py [--code DIR] [--shapes NAME ...]   (DIR: another checkout's root, to compare)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold"
SHAPES = ("html_references_left", "html_tags_left", "markdown_export")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose nlp/ is measured")
    parser.add_argument("--shapes", nargs="*", help="only these shapes (default: all)")
    args = parser.parse_args()
    sys.path[:0] = [str(args.code), str(REPO)]
    import nlp
    from nlp.tables.extract import read_tables
    from tests import damage
    from tests.conftest import gold_and_whole_report_texts
    from tests.damage_encodings import MARKDOWN_VARIANTS
    from tests.test_damage import GOLD_DOCS

    makers = {**{shape: damage.TEXT_TRANSFORMS[shape] for shape in SHAPES}, **MARKDOWN_VARIANTS}
    texts = gold_and_whole_report_texts()
    narrative = {doc_id: [p.text for p in nlp.parse_text(text).paragraphs if p.kind == "narrative"] for doc_id, text in texts.items()}

    gold = {}
    for name in ("seed_tables.jsonl", "reports_tables.jsonl"):
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                gold[record["doc_id"]] = record
    sources = {path.stem: path for folder in ("seeds", "reports") for path in (REPO.parent / "shared" / folder).glob("*.*")}
    print(f"code: {Path(nlp.__file__).parent}")
    for shape, make in makers.items():
        if args.shapes and shape not in args.shapes:
            continue
        lost = sum(
            len(set(paragraphs) - {p.text for p in nlp.parse_text(make(texts[doc_id])).paragraphs if p.kind == "narrative"})
            for doc_id, paragraphs in narrative.items()
        )
        right = total = sections = sections_total = 0
        for doc_id in GOLD_DOCS:
            text = nlp.read_text(sources[doc_id])
            expected = set(nlp.parse_text(text).section_keys) & set(nlp.SECTION_KEYS)
            damaged = nlp.parse_text(make(text))
            sections_total += len(expected)
            sections += len(expected & set(damaged.section_keys))
            record = gold[doc_id]
            ambiguous = {tuple(row) for row in record.get("ambiguous_rows", [])}
            truth = {(c["table"], c["row"], c["col"]): c["value"] for c in record["cells"] if (c["table"], c["row"]) not in ambiguous}
            got = {(c.table, c.row, c.col): c.value for c in read_tables(damaged).cells}
            total += len(truth)
            right += sum(got.get(key) == value for key, value in truth.items())
        units = sum(len(set(paragraphs)) for paragraphs in narrative.values())
        print(f"{shape:24s} sections {sections}/{sections_total}  cells right {right}/{total}  narrative units lost {lost}/{units}", flush=True)


if __name__ == "__main__":
    main()
