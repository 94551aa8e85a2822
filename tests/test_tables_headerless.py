"""Table 四 without its column headers: its fifteen cells under its title, in the template's fixed order, are
the table (tests/damage.py `review_headers_lost`, made from the gold reports of ../shared)."""

from __future__ import annotations

import pytest

import nlp
from nlp.tables import read_tables
from tests import damage
from tests.conftest import source_file
from tests.table_layouts import cell_outcomes


def test_table_four_is_read_from_its_cells_alone_under_its_title(gold_tables, tmp_path):
    changed = 0
    for doc_id, gold in gold_tables.items():
        text = nlp.read_text(source_file(doc_id))
        damaged = damage.review_headers_lost(text)
        if damaged == text:
            continue
        changed += 1
        path = tmp_path / f"{doc_id}.txt"
        path.write_text(damaged, encoding="utf-8")
        review = {**gold, "cells": [c for c in gold["cells"] if c["table"] == "review_litigation"]}
        extraction = read_tables(nlp.read_report(path))
        extraction.cells = [c for c in extraction.cells if c.table == "review_litigation"]
        counts, bad = cell_outcomes(review, extraction)
        assert counts["wrong"] == counts["invented"] == counts["silent"] == 0, (doc_id, bad[:5])
        assert counts["right"] >= 15 or counts["warned"], (doc_id, counts)
    if not changed:
        pytest.skip("no gold report has table 四's headers to remove")
    assert changed >= 5, changed


def test_a_run_of_fifteen_needs_the_title_right_above_it():
    from nlp.structure import parse_text

    run = "\t".join(["1", "0", "0", "0", "1"] + ["0"] * 10)
    titled = read_tables(parse_text(f"某局2024年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n{run}\n五、存在的主要问题及改进情况\n无。"))
    assert {(c.row, c.col): c.value for c in titled.cells if c.table == "review_litigation"}[("review", "total")] == 1
    prose_between = read_tables(parse_text(f"某局2024年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n本年度发生行政复议1件，维持原决定。\n{run}"))
    assert not [c for c in prose_between.cells if c.table == "review_litigation"]


def test_cells_placed_without_headers_are_not_blamed_on_the_report():
    from nlp.structure import parse_text
    from nlp.tables.checks import arithmetic_findings

    # The review row does not add up (1 + 1 ≠ 1): with headers that is the report's fault, without them the
    # order is the template's guess and the finding says the extraction cannot be sure.
    run = "\t".join(["1", "1", "0", "0", "1"] + ["0"] * 10)
    headerless = parse_text(f"某局2024年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n{run}\n五、存在的主要问题及改进情况\n无。")
    findings = [f for f in arithmetic_findings(read_tables(headerless)) if "row_total.review" in f.id]
    assert findings and all(f.fault == "extraction" for f in findings), findings
    header = "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    headed = parse_text(f"某局2024年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n{header}\n{run}\n五、存在的主要问题及改进情况\n无。")
    findings = [f for f in arithmetic_findings(read_tables(headed)) if "row_total.review" in f.id]
    assert findings and all(f.fault == "report" for f in findings), findings
