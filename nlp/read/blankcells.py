"""Cells left blank in a table printed without rules, placed by the column their neighbours stand in.

A PDF table without rules (a Word table whose borders were taken off, a table typeset with spaces) gives its
rows as lines of numbers set apart. Where a row leaves cells blank (a zero not printed), the line holds fewer
numbers than the table has columns, and read as text the numbers after a blank slide left into the wrong
columns; the table reader can then only leave the row out. The page still shows where each number stands:
rows that fill every column give the columns' places, and each number of a shorter row is the cell of the
column it stands under. Such a row is written as cells between tabs, its blank cells empty, as the Word and
web readers write a table's rows.

Only within a block of rows: a line without numbers that reaches into the numbers' columns (a header, a
caption, prose) ends one, and a label wrapped onto the lines under its row does not. A row is rewritten only
where every number stands within a third of the narrowest column gap of a column, each of its own, in order;
a block with fewer than two full rows of three numbers or more is left as it is. Numbers may be aligned left,
right or centred in their cells: the alignment whose full rows agree best gives the columns' places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from statistics import median, pvariance
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from nlp.read.pagegrid import TextLine

_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")
#: How close to a column's place a number must stand, in parts of the narrowest gap between two columns.
_REACH = 1 / 3
#: Full rows (every column printed) a block needs before its columns' places are trusted.
_MIN_FULL_ROWS = 2
_MIN_COLUMNS = 3


def _numbers_at_end(line: TextLine) -> int:
    """How many of the line's last fields are numbers."""
    count = 0
    for text, _, _ in reversed(line.fields):
        if not _NUMBER.match(text):
            break
        count += 1
    return count


def place_blank_cells(parts: Sequence[Sequence[TextLine]]) -> list[list[TextLine]]:
    """The runs of lines (a document's pages, or the stretches of text between its ruled tables), each row of an
    unruled table that leaves cells blank written as tab-separated cells. A table broken over pages keeps its
    columns' places: full rows of the same number of columns anywhere in the document give them where a page's own
    are too few, and a block that opens a page under no header of its own goes on the table of the block that closed
    the page before (its rows may all leave the same cells blank)."""
    out = [list(lines) for lines in parts]
    counts = [[_numbers_at_end(line) if line.fields else 0 for line in lines] for lines in out]
    blocks = [(part, block) for part, lines in enumerate(out) for block in _blocks(lines, counts[part])]
    full_rows: dict[int, list[TextLine]] = {}
    for part, block in blocks:
        width = max(counts[part][index] for index in block)
        full_rows.setdefault(width, []).extend(out[part][index] for index in block if counts[part][index] == width)
    previous: tuple[int, list[int], int] | None = None  # the last block: its run, its lines, its table's width
    for part, block in blocks:
        width = max(counts[part][index] for index in block)
        placed = _placed_rows(out[part], counts[part], block, full_rows, width)
        if previous is not None and previous[2] > width and _goes_on(out, counts, previous, part, block):
            wider = _placed_rows(out[part], counts[part], block, full_rows, previous[2])
            if len(wider) == len(block):
                placed, width = wider, previous[2]
        for index, text in placed.items():
            out[part][index] = replace(out[part][index], text=text)
        previous = (part, block, width)
    return out


def _goes_on(runs: Sequence[Sequence[TextLine]], counts: Sequence[Sequence[int]], previous: tuple[int, list[int], int], part: int, block: list[int]) -> bool:
    """Whether `block` opens run `part` with nothing before it but its labels' lines, and the previous block closed
    the run before (nothing after it but its labels' lines): one table broken over a page."""
    before_part, before_block, _ = previous
    if before_part != part - 1:
        return False
    left = min(runs[part][index].fields[-counts[part][index]][1] for index in block)
    opens = all(line.x1 <= left - 0.5 * line.size for line in runs[part][: block[0]])
    closes = all(line.x1 <= left - 0.5 * line.size for line in runs[before_part][before_block[-1] + 1 :])
    return opens and closes


def _blocks(lines: Sequence[TextLine], counts: Sequence[int]) -> list[list[int]]:
    """Runs of rows (lines ending in numbers; `counts`: how many) with the label lines between them, split at any line
    without numbers that reaches into the numbers' columns."""
    blocks: list[list[int]] = []
    current: list[int] = []
    left: float | None = None  # where the block's numbers start
    for index, (line, count) in enumerate(zip(lines, counts, strict=True)):
        if count:
            first = line.fields[-count]
            left = first[1] if left is None else min(left, first[1])
            current.append(index)
            continue
        if left is not None and line.x1 > left - 0.5 * line.size:
            if current:
                blocks.append(current)
            current, left = [], None
    if current:
        blocks.append(current)
    return blocks


def _placed_rows(lines: Sequence[TextLine], counts: Sequence[int], block: list[int], full_rows: dict[int, list[TextLine]], width: int) -> dict[int, str]:
    """The rows of `block` that leave cells of a table `width` columns wide blank, written as cells."""
    full = full_rows.get(width, [])
    if width < _MIN_COLUMNS or len(full) < _MIN_FULL_ROWS or all(counts[index] == width for index in block):
        return {}
    anchors = (
        lambda field: field[1],  # numbers set left in their cells
        lambda field: (field[1] + field[2]) / 2,  # centred
        lambda field: field[2],  # set right
    )
    best = None
    for anchor in anchors:
        columns = [[anchor(line.fields[-width + j]) for line in full] for j in range(width)]
        spread = sum(pvariance(column) for column in columns)
        if best is None or spread < best[0]:
            best = (spread, [median(column) for column in columns], anchor)
    assert best is not None
    _, places, anchor = best
    gaps = [b - a for a, b in zip(places, places[1:], strict=False)]
    if min(gaps) <= 0:
        return {}
    reach = _REACH * min(gaps)
    placed: dict[int, str] = {}
    for index in block:
        count = counts[index]
        if count >= width:
            continue
        fields = lines[index].fields[-count:]
        columns: list[int] = []
        for field in fields:
            column = min(range(width), key=lambda j: abs(places[j] - anchor(field)))
            if abs(places[column] - anchor(field)) > reach or (columns and column <= columns[-1]):
                break
            columns.append(column)
        else:
            cells = [""] * width
            for column, field in zip(columns, fields, strict=True):
                cells[column] = field[0]
            label = " ".join(text for text, _, _ in lines[index].fields[:-count])
            placed[index] = "\t".join([label, *cells]) if label else "\t".join(cells)
    return placed
