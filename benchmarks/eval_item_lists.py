"""Lists of short numbered items: are they read as narrative, and do lists of titles stay headings?

The labelled whole reports of ../shared (labels/dev.jsonl and labels/full_reports.jsonl) are reshaped by
`tests/damage_lists.py`: every section without a table has its paragraphs cut into numbered lists of sentence items
under numbered subheadings (two and three levels, items without a comma, `（一）` items), and, as the counter-shape,
numbered titles each over its paragraph. Each reshaped report is joined into text and structured (`parse_text`).
Counted: the items written that come out as narrative paragraphs; the subheadings and titles written that stay
headings; and, under the titles, the paragraphs that stay narrative.

Run: python benchmarks/eval_item_lists.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def kinds_read(units) -> dict[str, str]:
    """Paragraph text → the kind the reader gives it, for the report the units make."""
    from nlp.structure import parse_text

    report = parse_text("\n".join(u.text for u in units), doc_id=units[0].doc_id)
    return {p.text: p.kind for p in report.paragraphs}


def main() -> int:
    if not (SHARED / "labels" / "dev.jsonl").exists():
        print("../shared/labels not found: nothing to measure", file=sys.stderr)
        return 2
    from nlp.labels import read_labelled
    from tests.damage_lists import ITEM_LIST_SHAPES, TITLE_LIST_SHAPES

    grouped: dict[str, list] = defaultdict(list)
    for unit in read_labelled([SHARED / "labels" / "dev.jsonl", SHARED / "labels" / "full_reports.jsonl"]):
        grouped[unit.doc_id].append(unit)
    reports = [sorted(units, key=lambda u: u.para_index) for _, units in sorted(grouped.items())]

    print("| shape | reports | written items read as narrative | written headings kept | other units kept |")
    print("|---|---|---|---|---|")
    for name, shape in {**ITEM_LIST_SHAPES, **TITLE_LIST_SHAPES}.items():
        counts = defaultdict(int)
        for units in reports:
            shaped = shape(units)
            if shaped is None:
                continue
            counts["reports"] += 1
            original = {u.text for u in units}
            kinds = kinds_read(shaped)
            for unit in shaped:
                if unit.kind not in ("narrative", "heading"):
                    continue
                written = unit.text not in original
                key = ("items" if unit.kind == "narrative" else "headings") if written else "others"
                counts[key] += 1
                counts[key + "_right"] += kinds.get(unit.text) == unit.kind
        cells = [f"{counts[k + '_right']}/{counts[k]}" for k in ("items", "headings", "others")]
        print(f"| {name} | {counts['reports']} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
