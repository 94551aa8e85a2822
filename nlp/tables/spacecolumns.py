"""A space-aligned table row's empty leading cells, read from the columns of the header lines above it.

OCR tools (and plain-text exports) give a table as columns aligned by runs of spaces, the ruling lost; an empty
cell is only more spaces. The normaliser strips a row's leading spaces, so `report_lines` asks here how many
empty cells they stood for: the header lines right above the row (each holding a column gap, two spaces or
more) give the table's leaf columns — the lowest line's cells, and the cells of the lines above that no lower
cell overlaps (a merged header spans its leaves) — and the cells wholly left of the row's first figure are
empty. Taken only where that count and the row's cells make up exactly the leaf columns and each of the row's
cells stands under its own leaf column: the evidence is plain, or the row is left as it was.
"""

from __future__ import annotations

import re
import unicodedata

#: A cell of a space-aligned line: words apart by single spaces, cells apart by two spaces or more.
_CELL = re.compile(r"\S+(?: \S+)*")
_GAP = re.compile(r"\S {2,}\S")
#: Header lines looked at above a row.
HEADER_LINES = 4


def _columns(line: str) -> list[tuple[int, int]]:
    """The display columns [start, end) of each cell of `line`, a wide character taking two."""
    widths = [2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line]
    at = [0]
    for width in widths:
        at.append(at[-1] + width)
    return [(at[m.start()], at[m.end()]) for m in _CELL.finditer(line)]


def leading_empty_cells(row: str, above: list[str]) -> int:
    """How many empty cells the leading spaces of `row` (a source line) stand for, given the source lines
    `above` it (nearest last); 0 where the header lines do not say so plainly."""
    cells = _columns(row)
    if not cells or cells[0][0] < 2:
        return 0
    leaves: list[tuple[int, int]] = []
    for line in reversed(above[-HEADER_LINES:]):
        if not line.strip():
            continue
        if not _GAP.search(line):
            break  # a title or prose: the table's header ends here
        for cell in _columns(line):
            if not any(cell[0] < end and start < cell[1] for start, end in leaves):
                leaves.append(cell)
    leaves.sort()
    empty = sum(end <= cells[0][0] for _, end in leaves)
    if not empty or empty + len(cells) != len(leaves):
        return 0
    # Each of the row's cells stands under its own leaf column, in order: the columns are aligned.
    under = all(start < leaf_end and leaf_start < end for (start, end), (leaf_start, leaf_end) in zip(cells, leaves[empty:], strict=True))
    return empty if under else 0
