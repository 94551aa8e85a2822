"""Rows whose zeros were printed blank and the empty cells dropped (`nlp.tables.arithmetic`): placed by the
table's arithmetic only where it allows one reading, never by a guess.

On reports written here (`table_samples`) and on the gold reports of ../shared damaged by
`tests.damage_zeros`: no cell wrong or invented (a null read where the truth is 0 is what the page prints).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from table_samples import random_values, render_report

import nlp
from nlp.findings import REPORT
from nlp.tables import arithmetic
from nlp.tables.arithmetic import PLACED_BY_ARITHMETIC, fit_table, row_readings
from nlp.tables.checks import check_report
from nlp.tables.extract import read_tables
from nlp.tables.schema import REQUEST_COLUMNS
from tests.conftest import source_file
from tests.damage import ZERO_LAYOUTS, zeros_dropped
from tests.damage_zeros import blank_zero_outcomes

GOLD_DOCS = (
    "000_3fbb002993fdb7e6", "002_8775b43b601402e9", "003_300c643672395d3d", "004_46deb1f51ba2e893", "huaian_2024",
    "sh_kewei_2024", "sh_office_2025", "shuyang_2025", "hongze_2023", "hongze_2024",
)
#: Gold cells right per layout over GOLD_DOCS, as measured (benchmarks/eval_dropped_zeros.py; 46 without the search).
RIGHT_AT_LEAST = 108
BLOCK = ((0, len(REQUEST_COLUMNS)),)


def _requests(rows: dict[str, tuple[int, ...]]) -> dict:
    """A 2021 report's truth whose table 三 holds `rows` (the others all zero), tables 二 and 四 from a seed."""
    truth = {k: v for k, v in random_values("2021", 3).items() if k[0] != "requests"}
    for row in nlp.tables.schema.REQUESTS_2021.row_keys:
        for col, value in zip(REQUEST_COLUMNS, rows.get(row, (0,) * 7), strict=True):
            truth[("requests", row, col)] = value
    return truth


def _check_truth(truth: dict) -> None:
    """The written table obeys rules 1–3 (else the test proves nothing)."""
    def cell(row, col):
        return truth[("requests", row, col)]

    keys = nlp.tables.schema.REQUESTS_2021.row_keys
    outcomes = keys[keys.index("granted") : keys.index("total_handled")]
    for col in REQUEST_COLUMNS:
        assert cell("new_received", col) + cell("carried_over", col) == cell("total_handled", col) + cell("carried_forward", col)
        assert sum(cell(r, col) for r in outcomes) == cell("total_handled", col)
    for row in keys:
        assert sum(cell(row, c) for c in REQUEST_COLUMNS[:-1]) == cell(row, "total")


#: Every applicant column used somewhere, with values that cannot trade places: one fit only.
PINNED = {
    "new_received": (20, 3, 2, 1, 4, 5, 35),
    "carried_over": (2, 0, 0, 0, 0, 0, 2),
    "granted": (10, 3, 0, 0, 4, 0, 17),
    "partially_granted": (5, 0, 2, 0, 0, 0, 7),
    "denied_third_party": (0, 0, 0, 1, 0, 0, 1),
    "unavailable_not_held": (7, 0, 0, 0, 0, 5, 12),
    "total_handled": (22, 3, 2, 1, 4, 5, 37),
}
#: Only 自然人 ever applied: the arithmetic cannot tell which applicant column its numbers stand in.
PERSONS_ONLY = {
    "new_received": (9, 0, 0, 0, 0, 0, 9),
    "granted": (6, 0, 0, 0, 0, 0, 6),
    "unavailable_not_held": (3, 0, 0, 0, 0, 0, 3),
    "total_handled": (9, 0, 0, 0, 0, 0, 9),
}


def _read_dropped(truth: dict, layout: str = "zeros_dropped_tabs"):
    text = ZERO_LAYOUTS[layout](render_report("2021", truth, "tab", 0))
    report = nlp.parse_text(text, doc_id="dropped")
    return report, read_tables(report)


def _no_wrong(truth: dict, extraction) -> None:
    got = {(c.table, c.row, c.col): c.value for c in extraction.cells}
    bad = {k: (truth.get(k), v) for k, v in got.items() if truth.get(k) != (v if v is not None else 0)}
    assert not bad, f"wrong or invented cells: {list(bad.items())[:5]}"


def test_readings_of_a_row_keep_order_and_add_up():
    readings = row_readings([3, 1, 4], 7, BLOCK)
    assert readings and all(r[-1] == 4 and [v for v in r if v is not None] == [3, 1, 4] for r in readings)
    assert len(readings) == 15  # 3 and 1 in two of the six applicant columns, in order
    assert row_readings([3, 1, 5], 7, BLOCK) == []  # does not add up: no reading


def test_fit_places_one_fit_counts_several_and_finds_none_for_a_broken_table():
    # two short rows a and b whose columns add up to a row t read in full
    rules = [{"a": 1, "b": 1, "t": -1}]
    block = ((0, 3),)
    short = {"a": row_readings([5, 5], 3, block), "b": row_readings([2, 2], 3, block)}
    one = fit_table({"t": (5, 2, 7)}, short, rules, 3)
    assert one.placed == {"a": (5, None, 5), "b": (None, 2, 2)} and not one.readings
    same = {"a": row_readings([5, 5], 3, block), "b": row_readings([5, 5], 3, block)}
    several = fit_table({"t": (5, 5, 10)}, same, rules, 3)
    assert not several.placed and several.readings == {"a": 2, "b": 2}
    assert several.agreed["a"][2] == 5 and several.agreed["a"][0] is not None  # the total agreed, the rest not
    broken = fit_table({"t": (6, 2, 8)}, short, rules, 3)
    assert not broken.placed and "satisfies" in broken.reason


def test_a_table_the_arithmetic_pins_is_placed_whole():
    truth = _requests(PINNED)
    _check_truth(truth)
    report, extraction = _read_dropped(truth)
    _no_wrong(truth, extraction)
    got = {(c.row, c.col): c.value for c in extraction.cells if c.table == "requests"}
    for row, values in PINNED.items():
        assert [got.get((row, col)) for col in REQUEST_COLUMNS] == [v or None for v in values], row
        if len([v for v in values if v]) < 7:
            assert extraction.how("requests", row) == PLACED_BY_ARITHMETIC
    placed = [w for w in extraction.warnings if w.table == "requests" and "the one reading that fits" in w.message]
    assert {w.row for w in placed} == {row for row, values in PINNED.items() if 0 in values}
    # repaired rows: no finding of the arithmetic blames the report
    findings = check_report(report, extraction)
    assert not [f for f in findings if f.fault == REPORT and f.rule.startswith("requests")], [f.id for f in findings if f.fault == REPORT]


def test_several_readings_leave_the_applicant_cells_out_with_the_count():
    truth = _requests(PERSONS_ONLY)
    _check_truth(truth)
    _, extraction = _read_dropped(truth)
    _no_wrong(truth, extraction)
    got = {(c.row, c.col): c.value for c in extraction.cells if c.table == "requests"}
    for row, values in PERSONS_ONLY.items():
        assert got.get((row, "total")) == values[-1]  # the 总计 is the same in every reading
        assert (row, "natural_person") not in got  # 自然人 or any other column: not guessed
    warned = {w.row: w.message for w in extraction.warnings if w.table == "requests" and w.row in PERSONS_ONLY}
    assert all("6 readings fit" in message for message in warned.values()), warned
    assert set(warned) == set(PERSONS_ONLY)


def test_an_arithmetic_error_is_not_repaired_into_a_consistent_table():
    rows = dict(PINNED)
    rows["total_handled"] = (23, 3, 2, 1, 4, 5, 38)  # one too many: rule 3 breaks, rule 1 holds
    truth = _requests(rows)
    report, extraction = _read_dropped(truth)
    _no_wrong(truth, extraction)
    short = [row for row, values in rows.items() if 0 in values]
    assert short and not any(extraction.how("requests", row) for row in short)
    messages = [w.message for w in extraction.warnings if w.table == "requests" and w.row in short]
    assert messages and all("satisfies the table's arithmetic" in m for m in messages), messages


@pytest.mark.parametrize("layout", sorted(ZERO_LAYOUTS))
def test_random_tables_with_zeros_dropped_get_no_wrong_cell(layout):
    right = 0
    for seed in range(6):
        truth = random_values("2021", 100 + seed)
        _, extraction = _read_dropped(truth, layout)
        _no_wrong(truth, extraction)
        right += sum(1 for c in extraction.cells if c.table == "requests" and c.value)
    assert right > 0


@cache
def _damaged_gold(doc_id: str, layout: str, folder: Path):
    path = folder / f"{doc_id}.{layout}.txt"
    path.write_text(ZERO_LAYOUTS[layout](nlp.read_text(source_file(doc_id))), encoding="utf-8")
    return read_tables(nlp.read_report(path))


@pytest.mark.parametrize("layout", sorted(ZERO_LAYOUTS))
def test_gold_reports_with_zeros_dropped(layout, gold_tables, tmp_path_factory):
    folder = tmp_path_factory.mktemp("zeros")
    total: Counter = Counter()
    for doc_id in GOLD_DOCS:
        counts, bad = blank_zero_outcomes(gold_tables[doc_id], _damaged_gold(doc_id, layout, folder))
        assert counts["wrong"] == 0 and counts["invented"] == 0, f"{doc_id}: {bad[:5]}"
        total.update(counts)
    assert total["right"] >= RIGHT_AT_LEAST, total


def test_damage_maker_drops_zero_cells_only():
    text = "标题\n本年新收\t5\t0\t0\t5\n行政处罚 0\n0\n本年度收到申请5件，办结0件。"
    assert zeros_dropped(text) == "标题\n本年新收\t5\t5\n行政处罚\n本年度收到申请5件，办结0件。"
    assert zeros_dropped(text, "\n").split("\n")[1:4] == ["本年新收", "5", "5"]


def test_past_its_bound_the_search_keeps_each_rows_own_total(monkeypatch):
    monkeypatch.setattr(arithmetic, "MAX_STATES", 1)
    truth = _requests(PINNED)
    _, extraction = _read_dropped(truth)
    _no_wrong(truth, extraction)
    got = {(c.row, c.col): c.value for c in extraction.cells if c.table == "requests"}
    short = [row for row, values in PINNED.items() if 0 in values]
    assert all(got.get((row, "total")) == PINNED[row][-1] for row in short)
    assert (("granted", "natural_person")) not in got  # no longer pinned by the table: left out
    messages = [w.message for w in extraction.warnings if w.row in short]
    assert messages and all("partial fits" in m for m in messages), messages
