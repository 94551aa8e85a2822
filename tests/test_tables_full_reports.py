"""The full crawled reports of ../shared/corpus/full_reports.jsonl (every number on a line of its own,
empty cells dropped) against cells written by reading them (tests/gold/full_reports_tables.jsonl).

A row is gold only where the page printed as many numbers as the row has columns; rows printed with
fewer (their empty cells dropped, several placements fit) are listed as ambiguous in the gold: they
may be left out, or read only with a warning naming the row. These reports are development data.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

import nlp
from nlp.tables.extract import read_tables
from tests.conftest import shared_path

GOLD = Path(__file__).parent / "gold" / "full_reports_tables.jsonl"
#: Share of gold cells that must be right.
MIN_RIGHT = 0.95


def _gold() -> list[dict]:
    with GOLD.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@cache
def _texts() -> dict[str, str]:
    path = shared_path("corpus", "full_reports.jsonl")
    with path.open(encoding="utf-8") as handle:
        return {record["doc_id"]: record["text"] for record in map(json.loads, handle) if record}


def test_the_gold_covers_ten_reports_and_the_whole_culture_and_tourism_chain():
    ids = {g["doc_id"] for g in _gold()}
    assert len(ids) >= 10
    assert {f"putian_wlj_{year}" for year in range(2019, 2026)} <= ids


@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["doc_id"])
def test_full_report_cells_are_right_and_none_wrong(gold):
    report = nlp.parse_text(_texts()[gold["doc_id"]], doc_id=gold["doc_id"])
    extraction = read_tables(report)
    assert extraction.template == gold["template"]
    ambiguous = {tuple(row) for row in gold["ambiguous_rows"]}
    truth = {(c["table"], c["row"], c["col"]): c["value"] for c in gold["cells"]}
    got = {(c.table, c.row, c.col): c.value for c in extraction.cells}
    warned = {(w.table, w.row) for w in extraction.warnings if w.row}
    wrong = sorted((k, truth[k], got[k]) for k in truth if k in got and got[k] != truth[k])
    invented = sorted(k for k in got if k not in truth and k[:2] not in ambiguous)
    unwarned = sorted(k for k in got if k[:2] in ambiguous and k[:2] not in warned)
    right = sum(1 for k in truth if got.get(k, object()) == truth[k])
    assert not wrong, wrong[:5]
    assert not invented, invented[:5]
    assert not unwarned, f"rows with several placements read without a warning: {unwarned[:5]}"
    assert right >= MIN_RIGHT * len(truth), f"{right} of {len(truth)} cells right"
