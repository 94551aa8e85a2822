"""Printed OCR pages: narrative units of the undamaged parse recovered whole from the printed lines, indent kept or lost.

For each of the 11 gold and 31 whole reports of ../shared (development: their misses were read), parsed as they are
and as `tests/damage_ocr.printed_lines` prints them (a page 30–40 characters wide drawn by each seed, page numbers
and running heads between pages), with the paragraphs' indent kept (`    `) and lost (`""`, `ocr_printed_no_indent`):
how many narrative paragraphs of the undamaged parse stand as a narrative paragraph of the damaged one, and of the
rest how many were run into a longer paragraph and how many were cut (or changed otherwise).

Run: python benchmarks/eval_ocr_units.py [--seeds 0 1 2]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs="*", type=int, default=[0, 1, 2], help="page widths drawn by these seeds")
    args = parser.parse_args()

    from nlp.structure import parse_text
    from tests.conftest import gold_and_whole_report_texts
    from tests.damage_ocr import printed_lines

    texts = gold_and_whole_report_texts()
    wanted = {doc_id: [p.text for p in parse_text(text).paragraphs if p.kind == "narrative"] for doc_id, text in texts.items()}
    print("| indent | narrative units | recovered | run into another | cut or changed |")
    print("|---|---:|---:|---:|---:|")
    for indent, name in (("    ", "kept"), ("", "lost")):
        total = recovered = run_into = 0
        for seed in args.seeds:
            for doc_id, text in texts.items():
                have = [p.text for p in parse_text(printed_lines(text, indent=indent, seed=seed)).paragraphs if p.kind == "narrative"]
                found = set(have)
                for unit in wanted[doc_id]:
                    total += 1
                    if unit in found:
                        recovered += 1
                    elif any(unit in paragraph for paragraph in have):
                        run_into += 1
        print(f"| {name} | {total} | {recovered} ({recovered / total:.1%}) | {run_into} | {total - recovered - run_into} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
