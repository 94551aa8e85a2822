"""The clean-room table set (tests/gold/authored_tables/README.md): 24 whole reports with complete tables in
crawled layouts, written without reading the project's rules. Floors on the held part (even numbers, only
ever scored) a little under what `benchmarks/eval_authored_tables.py --part held` measures; no cell may be
wrong or invented, and no clean report blamed.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

from eval_authored_tables import load_gold, score_report  # noqa: E402

#: Measured on the held part: 1,745 of 1,838 gold cells right (94.9 %) when the set arrived, 1,774 (96.5 %)
#: once rows with dropped blanks were placed by the table's arithmetic; the rest left out with a warning.
RIGHT_FLOOR = 0.95


@pytest.fixture(scope="module")
def held_results():
    return [(gold, score_report(gold)) for gold in load_gold("held")]


def test_the_held_part_reads_its_cells_and_never_a_wrong_one(held_results):
    counts: Counter = Counter()
    for _, result in held_results:
        counts.update(result["counts"])
    cells = sum(counts[o] for o in ("right", "warned", "silent", "wrong"))
    assert cells >= 1500
    assert counts["wrong"] == 0 and counts["invented"] == 0 and counts["silent"] == 0, counts
    assert counts["right"] >= RIGHT_FLOOR * cells, counts


def test_the_held_part_finds_every_section(held_results):
    assert all(result["sections"] == 6 for _, result in held_results), [g["doc_id"] for g, r in held_results if r["sections"] != 6]


def test_deliberate_errors_are_found_and_clean_reports_are_not_blamed(held_results):
    with_errors = [result["blamed"] for gold, result in held_results if gold.get("errors")]
    clean = [result["blamed"] for gold, result in held_results if not gold.get("errors")]
    assert with_errors and all(with_errors)
    assert clean and not any(clean)
