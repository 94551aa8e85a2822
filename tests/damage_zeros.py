"""Zeros printed as empty cells, and the empty cells dropped: damage to the statistical tables.

Many agencies print a zero as an empty cell; a crawl or a copy of the page then drops the empty cells,
so a row of table 三 arrives with fewer numbers than columns (`本年新收申请数量 123 7 8 2 140`). The
maker below does that to a report's text (every table cell whose value is zero, and every empty
cell, removed) and lays the rows out as crawls do: cells tab-separated, space-separated, or one cell a
line. The gold cells such a report still prints are the non-zero ones (`gold_without_zeros`); a cell
read as null where the gold had a zero agrees with the page (`blank_zero_outcomes`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from tests.table_layouts import cell_outcomes

# Cell separators of extracted tables: tabs, Markdown pipes, runs of two or more spaces.
_CELL_SEPARATOR = re.compile(r"\t|\s*\|\s*| {2,}")
_ZERO = re.compile(r"^[0０]+(?:\.0+)?$")
_RULE = re.compile(r"^:?-{3,}:?$")
#: Text, then numbers parted by single spaces, and no sentence punctuation: a table row.
_SPACED_ROW = re.compile(r"^[^。，；：\s][^。，；：]*?(?: \d+(?:\.\d+)?)+\s*$")


def zeros_dropped(text: str, joiner: str = "\t") -> str:
    """Every zero cell of the text's tables printed blank and every blank cell dropped; the cells
    left joined by `joiner` (`\\t`, ` `, or `\\n` for one cell a line). Lines without cell separators
    (prose, titles) are kept, except a line that is a lone zero (a table printed one cell a line)."""
    out: list[str] = []
    for line in text.split("\n"):
        if _ZERO.match(line.strip()):
            continue  # a zero cell on a line of its own
        if _CELL_SEPARATOR.search(line.strip()):
            cells = [cell.strip() for cell in _CELL_SEPARATOR.split(line)]
        elif _SPACED_ROW.match(line):  # a row whose cells a single space parts (`行政处罚 0`)
            cells = line.split()
        else:
            out.append(line)
            continue
        kept = [cell for cell in cells if cell and not _ZERO.match(cell) and not _RULE.match(cell)]
        if kept:
            out.append(joiner.join(kept))
    return "\n".join(out)


#: The layouts a crawl leaves such rows in.
ZERO_LAYOUTS: dict[str, Callable[[str], str]] = {
    "zeros_dropped_tabs": lambda text: zeros_dropped(text, "\t"),
    "zeros_dropped_spaces": lambda text: zeros_dropped(text, " "),
    "zeros_dropped_cell_lines": lambda text: zeros_dropped(text, "\n"),
}


def gold_without_zeros(gold: dict) -> dict:
    """The gold cells a report still prints once its zeros are blank: the non-zero ones."""
    return {**gold, "cells": [c for c in gold["cells"] if c["value"] != 0]}


def blank_zero_outcomes(gold: dict, extraction) -> tuple[Counter, list[str]]:
    """`tests.table_layouts.cell_outcomes` against the gold without its zeros; a cell read as null
    (blank) where the gold had a zero is what the damaged page prints, not an invention."""
    printed = gold_without_zeros(gold)
    counts, bad = cell_outcomes(printed, extraction)
    truth = {(c["table"], c["row"], c["col"]) for c in printed["cells"]}
    zeros = {(c["table"], c["row"], c["col"]) for c in gold["cells"] if c["value"] == 0}
    nulls = {(c.table, c.row, c.col) for c in extraction.cells if c.value is None} - truth
    counts["invented"] -= len(nulls & zeros)
    # a null cell outside the gold (a row the gold has not) stays an invention
    bad = [line for line in bad if not (line.startswith("invented") and line.endswith("got=None") and _key(line) in nulls & zeros)]
    return counts, bad


def _key(line: str) -> tuple[str, ...]:
    inside = line[line.index("(") + 1 : line.index(")")]
    return tuple(part.strip(" '") for part in inside.split(","))
