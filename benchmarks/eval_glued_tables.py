"""Tables glued into prose with no cell separators: where the table ends, and what the reader makes of its cells.

Every gold report of ../shared is flattened to one line with its tables' tabs dropped
(`tests/damage_glued.py`: `glued_borderless`, with its section headings kept, and `glued_borderless_unheaded`,
without them, so that a table's last cells run into the next section's first sentence). Counted per shape:

* gold cells right, left out with a warning, left out silently, wrong, invented (`tests.table_layouts.cell_outcomes`);
* narrative openings kept: the written report's narrative paragraphs (a sentence end in them) whose first
  twelve characters begin a line of the glued report as read (`nlp.tables.reportlines.report_lines`);
* prose lost to a table: lines of the glued report that hold a table's header words, five figures or more
  in a run and a full stop.

Run: python benchmarks/eval_glued_tables.py [--shapes glued_borderless glued_borderless_unheaded] [--detail]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from eval_tables_wild import SHARED, load_gold, source  # noqa: E402

from tests.damage_glued import GLUED_SHAPES  # noqa: E402
from tests.table_layouts import OUTCOME_HEADER, outcome_columns, report_cell_outcomes  # noqa: E402

SHAPES = ("glued_borderless", "glued_borderless_unheaded")
#: Header words of the three tables: a line holding one and a full stop mixes a table with prose.
TABLE_WORDS = re.compile(r"结果维持|尚未审结|本年新收|予以公开|第二十条第|本年制发|本年新制作")
#: Cells run together (five figures or more): with header words and a full stop, a table glued to prose.
CELLS_RUN = re.compile(r"\d{5,}")
OPENING = 12


def openings(text: str) -> list[str]:
    """The first characters of the report's narrative paragraphs (a sentence end in them), as written."""
    from nlp.normalize import comparable
    from nlp.structure import parse_text
    from nlp.tables.reportlines import report_lines

    return [comparable(line)[:OPENING] for line in report_lines(parse_text(text)) if "。" in line and len(comparable(line)) >= OPENING]


def main() -> int:
    import nlp
    from nlp.normalize import comparable
    from nlp.structure import parse_text
    from nlp.tables.reportlines import report_lines

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", nargs="*", default=list(SHAPES))
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print("../shared is absent: nothing to measure")
        return 0
    gold = load_gold()
    doc_ids = sorted(gold)
    print(f"## tables glued into prose, cell separators gone: {len(doc_ids)} gold reports")
    print(f"| shape | {OUTCOME_HEADER} | narrative openings kept | lines mixing a table and prose |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for shape in args.shapes:
        totals: Counter = Counter()
        kept = wanted = mixed = 0
        for doc_id in doc_ids:
            text = nlp.read_text(source(doc_id))
            report = parse_text(GLUED_SHAPES[shape](text), doc_id=doc_id)
            counts, bad = report_cell_outcomes(gold[doc_id], report)
            totals.update(counts)
            lines = [comparable(line) for line in report_lines(report)]
            starts = {line[:OPENING] for line in lines}
            written = openings(text)
            wanted += len(written)
            lost = [opening for opening in written if opening not in starts]
            kept += len(written) - len(lost)
            mixing = [line for line in lines if TABLE_WORDS.search(line) and CELLS_RUN.search(line) and "。" in line]
            mixed += len(mixing)
            if args.detail:
                for line in bad[:8]:
                    print(f"    {shape} {doc_id}: {line}")
                for line in mixing:
                    print(f"    {shape} {doc_id}: mixed …{line[-120:]}")
        print(f"| {shape} | {outcome_columns(totals)} | {kept} / {wanted} | {mixed} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
