"""A table's rows laid on one grid of columns, as the .docx reader emits them: one tab-separated field per
grid column, a cell that spans several columns being its text then empty fields for the columns it covers.

A .docx names each cell's span (`w:gridSpan`). The binary .doc and RTF give instead each cell's right edge
(in twips: `rgdxaCenter` of the row's table properties, `\\cellx` in RTF), so a cell merged across two columns
is one wider cell. The grid is then every edge any row of the table has (edges a few twips apart are one,
as Word itself draws them); a cell covers the grid columns between its left and right edge.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

#: Edges closer than this (twips; 20 twips = 1 pt) are one grid line: writers round a column's width.
_SAME_EDGE = 15
#: Word's limit on a table's columns: a hostile edge list is not followed further.
_MAX_COLUMNS = 63


@dataclass
class GridRow:
    """One table row as read: its cells' texts, and their edges (`len(cells) + 1` positions, left to right)
    where the file gives them (None where it does not: the cells are then one column each)."""

    cells: list[str]
    edges: list[int] | None = None


def grid_lines(rows: list[GridRow]) -> list[str]:
    """The rows of one table as tab-separated lines on the table's common grid."""
    grid = _grid([row.edges for row in rows if _usable(row)])
    lines = []
    for row in rows:
        if not grid or not _usable(row):
            lines.append("\t".join(row.cells))
            continue
        assert row.edges is not None
        fields = [""] * _column(grid, row.edges[0])  # a row that starts right of the table's left edge
        for text, left, right in zip(row.cells, row.edges, row.edges[1:], strict=False):
            span = max(1, _column(grid, right) - _column(grid, left))
            fields.append(text)
            fields.extend([""] * (span - 1))
        lines.append("\t".join(fields))
    return lines


def _usable(row: GridRow) -> bool:
    edges = row.edges
    return edges is not None and len(edges) == len(row.cells) + 1 and all(a < b for a, b in zip(edges, edges[1:], strict=False))


def _grid(edge_lists: list[list[int] | None]) -> list[int]:
    """The table's grid lines: every edge of every row, near ones merged (the first of them kept)."""
    grid: list[int] = []
    for edge in sorted({edge for edges in edge_lists if edges for edge in edges}):
        if not grid or edge - grid[-1] > _SAME_EDGE:
            grid.append(edge)
    return grid if len(grid) <= _MAX_COLUMNS + 1 else []


def _column(grid: list[int], edge: int) -> int:
    """Index of the grid line at `edge` (the nearest within `_SAME_EDGE`)."""
    low = bisect_left(grid, edge - _SAME_EDGE)
    high = bisect_right(grid, edge + _SAME_EDGE)
    if low < high:
        return min(range(low, high), key=lambda index: abs(grid[index] - edge))
    return low
