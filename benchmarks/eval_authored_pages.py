"""Whole reports as their web pages: sections, table cells and findings, page against clean text.

`tests/gold/authored_c/` holds 16 reports written for the project in a clean room (see its README),
each as clean text (a paragraph a line, table cells by tabs) and as the web page its agency's CMS would
serve (menus, breadcrumbs, publication block, footer; eight body shapes: `<p>` with inline styles, one
`<div>` with `<br>`, Word-pasted spans, a layout table, TRS_Editor markup, `<article>`/`<section>`;
tables as HTML `<table>`s with merged headers, zeros blank on two pages; three pages in GBK with no
charset). The writer's tables add up (its checker recomputes TABLES.md's rules 1–4).

For each report, the page's bytes are read as a `.html` file and the clean text as text, each parsed,
its tables read and checked. Printed per report and in total:
- sections with a title found in the page / in the text;
- table cells: read from the text, and how many of those the page gives with the same value, with
  another value, or not at all (and of those, how many are not a zero the page printed blank: a blank
  cell is read as blank, "null as printed"; such cells read as blank are counted apart, `blank as
  printed`); cells the page gives that the text does not;
- findings that blame the report (`fault: report`, status fail) from the page and from the text: the
  tables add up, so any is a false blame unless it is a narrative figure the writer got wrong.

`--part dev|held|all` (odd / even numbers; the held part is only ever scored), `--detail` prints the
cells that differ and the blaming findings (dev part only).

Run: python benchmarks/eval_authored_pages.py [--part dev|held|all] [--detail]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.authored_sets import report_number  # noqa: E402

SET = REPO / "tests" / "gold" / "authored_c" / "reports.jsonl"


def in_part(doc_id: str, part: str) -> bool:
    return part == "all" or (report_number(doc_id) % 2 == 1) == (part == "dev")


def read_both(record: dict) -> tuple:
    """(report, extraction, findings) for the page and for the clean text."""
    from nlp.read import read_bytes
    from nlp.structure import parse_text
    from nlp.tables.checks import check_report
    from nlp.tables.extract import read_tables

    results = []
    page = record["html"].encode(record["page"]["encoding"])
    for text in (read_bytes(page, f"{record['doc_id']}.html"), record["text"]):
        report = parse_text(text, doc_id=record["doc_id"])
        extraction = read_tables(report)
        results.append((report, extraction, check_report(report, extraction)))
    return tuple(results)


def cells_of(extraction) -> dict[tuple[str, str, str], float]:
    return {key: value for key, value in extraction.values().items() if value is not None}


def blames(findings) -> list:
    from nlp.tables.checks import blamed_on_report

    return blamed_on_report(findings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=("dev", "held", "all"), default="all")
    parser.add_argument("--detail", action="store_true", help="cells that differ and blaming findings (dev part only)")
    args = parser.parse_args()
    with SET.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    records = [r for r in records if in_part(r["doc_id"], args.part)]
    totals = dict(sections_page=0, sections_text=0, cells_text=0, same=0, blank=0, other=0, missing=0, missing_figures=0, extra=0, blamed_page=0, blamed_text=0)
    for record in records:
        (page_report, page_tables, page_findings), (text_report, text_tables, text_findings) = read_both(record)
        page_cells, text_cells = cells_of(page_tables), cells_of(text_tables)
        page_blank = {k for k, v in page_tables.values().items() if v is None}
        same = sum(page_cells.get(k) == v for k, v in text_cells.items())
        other = sum(k in page_cells and page_cells[k] != v for k, v in text_cells.items())
        blank = sum(k in page_blank and v == 0 for k, v in text_cells.items())  # a zero the page printed blank, read as blank
        other += sum(k in page_blank and v != 0 for k, v in text_cells.items())  # a figure read as blank: wrong
        missing = sum(k not in page_cells and k not in page_blank for k in text_cells)
        missing_figures = sum(k not in page_cells and v != 0 for k, v in text_cells.items())  # not a zero the page left blank
        extra = sum(k not in text_cells for k in page_cells)
        sections = (sum(bool(s.title) for s in page_report.sections), sum(bool(s.title) for s in text_report.sections))
        blamed = (blames(page_findings), blames(text_findings))
        for key, value in zip(totals, (*sections, len(text_cells), same, blank, other, missing, missing_figures, extra, len(blamed[0]), len(blamed[1])), strict=True):
            totals[key] += value
        part = "dev " if in_part(record["doc_id"], "dev") else "held"
        print(
            f"{record['doc_id']} {part} {record['template']:4} site {record['page']['site']} {record['page']['encoding']:5}: sections {sections[0]}/{sections[1]}, "
            f"cells {same}/{len(text_cells)} same, {blank} blank as printed, {other} other, {missing} missing ({missing_figures} not zero), {extra} extra; blamed page {len(blamed[0])} text {len(blamed[1])}"
        )
        if args.detail and part == "dev ":
            for key, value in text_cells.items():
                if page_cells.get(key) != value and not (key in page_blank and value == 0):
                    print(f"    {key}: text {value} page {page_cells.get(key)}")
            for finding in blamed[0] + blamed[1]:
                print(f"    blamed: {finding.id} {finding.message[:120]}")
    t = totals
    print(
        f"\n{args.part}: {len(records)} reports; sections page {t['sections_page']} / text {t['sections_text']}; cells from the page the same as from "
        f"the text {t['same']}/{t['cells_text']} ({t['same'] / max(t['cells_text'], 1):.1%}), blank as printed {t['blank']}, other value {t['other']}, missing {t['missing']} "
        f"(of which not a zero left blank: {t['missing_figures']}), "
        f"extra {t['extra']}; reports' failures blamed: page {t['blamed_page']}, text {t['blamed_text']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
