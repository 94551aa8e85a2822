"""Zeros printed as empty cells, the cells kept: the gold reports so written, read again and checked.

Every report with gold cells in ../shared is written with the templates' table layout, its zeros of whole
rows, of whole columns, or of whole tables made empty (`tests/damage_blanks.py`), as text with tabs, as text
whose empty cells were collapsed, and as an HTML page with empty `<td>`s; the two text layouts again with table 四
printed as three labelled rows under its five heads (`tabs_review_rows`, `collapsed_review_rows`). Each cell of the gold as the page
prints it (a blanked cell is null) is right, left out with a warning naming its row, left out silently,
wrong, or invented (`tests.table_layouts.cell_outcomes`). Also counted: findings that blame the report
(`fail`, `fault: report`) that the same layout with its zeros printed does not get (`newly blamed`), and the same
reports with a deliberate error (`new_received.total` + 7, printed), which should still be caught where
the row is read as printed.

Run: python benchmarks/eval_blank_zeros.py [--detail] [--scopes rows columns table] [--layouts tabs collapsed html tabs_review_rows collapsed_review_rows]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from eval_tables_wild import SHARED, load_gold  # noqa: E402

from tests.damage_blanks import SCOPES, blank_html, blank_text, blanked_gold  # noqa: E402
from tests.table_layouts import OUTCOME_HEADER, cell_outcomes, outcome_columns  # noqa: E402

LAYOUTS = ("tabs", "collapsed", "html", "tabs_review_rows", "collapsed_review_rows")


def with_error(gold: dict) -> dict:
    """The gold with `new_received.total` printed 7 too high (a report's own arithmetic error)."""
    return {
        **gold,
        "cells": [
            {**c, "value": c["value"] + 7} if (c["table"], c["row"], c["col"]) == ("requests", "new_received", "total") and c["value"] is not None else c
            for c in gold["cells"]
        ],
    }


def read(gold: dict, scope: str, layout: str, folder: Path):
    """(extraction, findings) of the damaged report."""
    from nlp.read import read_text
    from nlp.structure import parse_text
    from nlp.tables.checks import check_report
    from nlp.tables.extract import read_tables

    if layout == "html":
        text = read_text(blank_html(gold, scope, folder / f"{gold['doc_id']}_{scope}.html"))
    else:
        text = blank_text(gold, scope, layout)
    report = parse_text(text, doc_id=gold["doc_id"])
    extraction = read_tables(report)
    return extraction, check_report(report, extraction)


def tables_said_unread(findings) -> set[str]:
    from nlp.tables.checks import tables_said_unread as said

    return said(findings)


def blamed(findings) -> list:
    from nlp.tables.checks import blamed_on_report

    return blamed_on_report(findings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scopes", nargs="*", default=["none", *SCOPES], help="none: the layout with its zeros printed")
    parser.add_argument("--layouts", nargs="*", default=list(LAYOUTS))
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print("../shared is absent: nothing to measure")
        return 0
    gold = load_gold()
    doc_ids = sorted(d for d in gold if gold[d].get("template"))
    print(f"## zeros printed blank, cells kept: {len(doc_ids)} gold reports")
    print(f"| scope | layout | {OUTCOME_HEADER} | newly blamed | errors caught |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        printed = {(d, layout): {f.id for f in blamed(read(gold[d], "none", layout, folder)[1])} for d in doc_ids for layout in args.layouts}
        for scope in args.scopes:
            for layout in args.layouts:
                totals: Counter = Counter()
                clean_blamed = caught = errors = 0
                for doc_id in doc_ids:
                    extraction, findings = read(gold[doc_id], scope, layout, folder)
                    counts, bad = cell_outcomes(blanked_gold(gold[doc_id], scope), extraction, tables_said_unread(findings))
                    totals.update(counts)
                    newly = [f for f in blamed(findings) if f.id not in printed[(doc_id, layout)]]
                    clean_blamed += bool(newly)
                    if any(c["table"] == "requests" and c["row"] == "new_received" and c["col"] == "total" and c["value"] for c in gold[doc_id]["cells"]):
                        errors += 1
                        _, wrong_findings = read(with_error(gold[doc_id]), scope, layout, folder)
                        caught += any(f.id.startswith("requests.") for f in blamed(wrong_findings))
                    if args.detail:
                        for line in bad[:12]:
                            print(f"    {doc_id} {scope} {layout}: {line}")
                        for finding in newly:
                            print(f"    {doc_id} {scope} {layout}: blamed {finding.id} {finding.message[:100]}")
                print(f"| {scope} | {layout} | {outcome_columns(totals)} | {clean_blamed}/{len(doc_ids)} | {caught}/{errors} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
