"""Statistics written as lines instead of tables: the gold reports so written, read again.

Every report with gold cells in ../shared is written with tables 三 and 四 (and 二 on the 2021 template) as
lines (`tests/damage_lines.py`: `1.本年新收政府信息公开申请数量：3件`, `其中自然人：2件；商业企业：1件`,
`行政复议：维持0件，纠正0件…`), in three wordings: numbered items, labels as the template numbers its rows,
running sentences. Each gold cell the lines state is right, left out with a warning (naming its row, or its
table said unread by `tables.missing.*`), left out silently, wrong; a cell read that the lines do not state is
`invented` (`tests.table_layouts.cell_outcomes`). The cells the lines leave unstated are counted apart:
warned or silent (never read: that would be invented). Also: reports a check blames (`fail`, `fault: report`;
the gold tables add up, so any blame is false).

Run: python benchmarks/eval_stated_lines.py [--detail] [--wordings numbered labelled sentences]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from eval_tables_wild import load_gold  # noqa: E402

from tests.damage_lines import WORDINGS, stated_gold, statistics_as_lines  # noqa: E402
from tests.table_layouts import OUTCOME_HEADER, cell_outcomes, outcome_columns  # noqa: E402


def score(gold: dict, wording: str) -> tuple[Counter, Counter, list[str], bool]:
    """(outcomes of the stated cells, outcomes of the unstated ones, bad lines, blamed) of one report."""
    from nlp.structure import parse_text
    from nlp.tables.checks import blamed_on_report, check_report, rule_failures, tables_said_unread
    from nlp.tables.extract import read_tables

    report = parse_text(statistics_as_lines(gold, wording), doc_id=gold["doc_id"])
    extraction = read_tables(report)
    findings = check_report(report, extraction)
    unread = tables_said_unread(findings)
    stated = stated_gold(gold)
    counts, bad = cell_outcomes(stated, extraction, unread)
    kept = {(c["table"], c["row"], c["col"]) for c in stated["cells"]}
    unstated = {**gold, "cells": [c for c in gold["cells"] if (c["table"], c["row"], c["col"]) not in kept]}
    left, _ = cell_outcomes(unstated, extraction, unread)
    return counts, left, bad, bool(blamed_on_report(rule_failures(findings)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordings", nargs="*", default=list(WORDINGS), choices=WORDINGS)
    parser.add_argument("--detail", action="store_true", help="print each bad stated cell")
    args = parser.parse_args(argv)
    gold = {doc_id: record for doc_id, record in load_gold().items() if record.get("template")}  # a template to lay the report out by
    print(f"| wording | stated {OUTCOME_HEADER} | unstated: warned | unstated: silent | reports blamed |")
    print("|---" * 10 + "|")
    for wording in args.wordings:
        totals, unstated, blamed = Counter(), Counter(), 0
        for doc_id, record in sorted(gold.items()):
            counts, left, bad, is_blamed = score(record, wording)
            totals.update(counts)
            unstated.update(left)
            blamed += is_blamed
            if args.detail:
                for line in bad[:8]:
                    print(f"    {wording} {doc_id}: {line}")
        print(f"| {wording} | {outcome_columns(totals)} | {unstated['warned']} | {unstated['silent']} | {blamed} of {len(gold)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
