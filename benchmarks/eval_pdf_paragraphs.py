"""Authored reports written as PDF in several page styles (tests/pdf_pages.py: no indent and no spacing,
first-line indent, spacing with a larger font and margins, justified), read back and scored against the same
reports as text: section keys equal, table cells equal, and the source's paragraphs the PDF's do not hold
whole (a paragraph cut in two at a wrapped line, or two run into one).

Run: python benchmarks/eval_pdf_paragraphs.py [--set a|b] [--part all|dev|held] [--styles NAME ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from eval_authored import authored_reports  # noqa: E402
from eval_ofd import cells  # noqa: E402

from nlp.read import read_bytes  # noqa: E402
from nlp.structure import parse_text  # noqa: E402
from tests.pdf_pages import PAGE_STYLES, pdf_bytes  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="which", choices=("a", "b"), default="a")
    parser.add_argument("--part", choices=("all", "dev", "held"), default="dev")
    parser.add_argument("--styles", nargs="*", default=list(PAGE_STYLES))
    parser.add_argument("--show", action="store_true", help="print the paragraphs not whole (dev part only)")
    args = parser.parse_args()
    reports = authored_reports(args.part, args.which)
    wanted = {r["doc_id"]: parse_text(r["text"], doc_id=r["doc_id"]) for r in reports}
    paragraphs = sum(len(report.paragraphs) for report in wanted.values())
    print(f"## set {args.which}, {args.part}: {len(reports)} authored reports as PDF, {paragraphs} paragraphs")
    print("| page style | sections equal | cells equal | paragraphs not whole |")
    print("|---|---:|---:|---:|")
    for style in args.styles:
        sections_ok = cells_ok = broken = 0
        for record in reports:
            read = read_bytes(pdf_bytes(record["text"], style), f"{record['doc_id']}.pdf")
            report = parse_text(read, doc_id=record["doc_id"])
            want = wanted[record["doc_id"]]
            sections_ok += report.section_keys == want.section_keys
            cells_ok += cells(report) == cells(want)
            found = {paragraph.text for paragraph in report.paragraphs}
            missed = [paragraph.text for paragraph in want.paragraphs if paragraph.text not in found]
            broken += len(missed)
            if args.show and args.part == "dev":
                for text in missed:
                    print(f"  {style} {record['doc_id']}: {text[:60]}")
        n = len(reports)
        print(f"| pdf_{style} | {sections_ok}/{n} | {cells_ok}/{n} | {broken} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
