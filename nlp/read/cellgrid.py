"""A table's rows laid on one grid of columns, as the .docx reader emits them: one tab-separated field per
grid column, a cell that spans several columns being its text then empty fields for the columns it covers.

A .docx names each cell's span (`w:gridSpan`). The binary .doc and RTF give instead each cell's right edge
(in twips: `rgdxaCenter` of the row's table properties, `\\cellx` in RTF), so a cell merged across two columns
is one wider cell. The grid is then every edge any row of the table has (edges a few twips apart are one,
as Word itself draws them); a cell covers the grid columns between its left and right edge.

The .doc and RTF readers meet their tables as a stream of marks (paragraphs at a table depth, ends of cells
and rows); `TableBuilder` turns it into lines for both, keeping a table nested in a cell in that cell and
reading a page-frame table (`is_frame_cell`, the .docx reader's rule too) as its cells' blocks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

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


#: A cell with this many paragraphs of text, or this many characters, holds a page's text, not a table's
#: field: its table lays out a page (shared by the .docx, Word 2003 XML, .doc and RTF readers).
FRAME_PARAGRAPHS = 4
FRAME_CHARS = 300


def is_frame_cell(paragraphs: list[str], holds_table: bool) -> bool:
    """True for a cell of a layout table rather than a data table: it holds a table of its own, or
    several paragraphs or a page's worth of text (a report typed into a one-cell frame)."""
    if holds_table:
        return True
    filled = [text for text in paragraphs if text.strip()]
    return len(filled) >= FRAME_PARAGRAPHS or sum(map(len, filled)) >= FRAME_CHARS


#: A manual line break inside a cell (`行政规范<w:br/>性文件`, a .doc's `\x0b`, RTF's `\line`): a wrap, joined
#: without a space between Chinese characters and with one elsewhere, so that a row label stays one field.
_CELL_BREAK = re.compile(r"\s*\n\s*")


def joined_breaks(text: str) -> str:
    """A cell paragraph's text with its manual line breaks joined (see `_CELL_BREAK`)."""

    def joined(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        return "" if _is_cjk(before) or _is_cjk(after) else " "

    return _CELL_BREAK.sub(joined, text) if "\n" in text else text


def _is_cjk(char: str) -> bool:
    return bool(char) and ("\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef")


def cell_field(paragraphs: list[str]) -> str:
    """A data cell's paragraphs as one field: each stripped, breaks joined, joined with a space."""
    return " ".join(joined_breaks(text.strip()) for text in paragraphs if text.strip())


@dataclass(frozen=True)
class _Paragraph:
    """A paragraph in a cell, and the number Word draws before it (written where the cell is a frame's)."""

    text: str
    label: str = ""

    def line(self) -> str:
        return self.label + self.text if self.text.strip() else self.text


@dataclass
class _Table:
    """A table being read: finished rows (cells, edges), the row and the cell being read. A cell's blocks
    are its paragraphs' texts and the tables nested in it."""

    rows: list[tuple[list[list[_Paragraph | _Table]], list[int] | None]] = field(default_factory=list)
    cells: list[list[_Paragraph | _Table]] = field(default_factory=list)
    cell: list[_Paragraph | _Table] = field(default_factory=list)
    nests: bool = False  # a cell holds a table: the table lays out a page


class TableBuilder:
    """The lines of a document whose marks come as a stream (.doc, RTF): paragraphs at a table depth
    (0 outside tables), the ends of cells and rows at a depth. A table nested in a cell is kept in that
    cell; a table that lays out a page (`is_frame_cell`) is read as its cells' blocks in order, each
    nested table as a table, as the .docx reader reads a page frame; any other table as rows on its grid."""

    #: Word nests tables at most this deep; a deeper depth in a hostile file is read as this one.
    MAX_DEPTH = 63

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._open: list[_Table] = []  # one per depth, outermost first

    def paragraph(self, text: str, depth: int, label: str = "") -> None:
        """A paragraph at `depth`; `label`: the number Word draws before it (a data cell's field leaves it out,
        as the .docx reader does)."""
        if depth <= 0:
            self.close()
            self.lines.append(_Paragraph(text, label).line())
            return
        table = self._reach(depth)
        assert table is not None
        table.cell.append(_Paragraph(text, label))

    def cell_end(self, depth: int) -> None:
        table = self._reach(max(depth, 1))
        assert table is not None
        table.cells.append(table.cell)
        table.cell = []

    def row_end(self, depth: int, edges: list[int] | None) -> None:
        table = self._reach(max(depth, 1))
        assert table is not None
        if any(map(_holds_text, table.cell)):
            table.cells.append(table.cell)  # text after the last cell end belongs to no cell: kept as one
        table.cell = []
        table.rows.append((table.cells, edges))
        table.cells = []

    def close(self) -> list[str]:
        """Close every open table (a paragraph outside tables follows, or the document ends)."""
        self._reach(0)
        return self.lines

    def _reach(self, depth: int) -> _Table | None:
        """Open tables down to `depth` and close the ones nested deeper (a nested table ends where its
        outer cell's text goes on); the table at `depth`."""
        if 0 < depth == len(self._open):  # the table being read, as for most marks
            return self._open[-1]
        depth = min(depth, self.MAX_DEPTH)
        while len(self._open) > depth:
            table = self._open.pop()
            if table.cells or any(map(_holds_text, table.cell)):  # a row whose end mark was lost
                table.rows.append(([*table.cells, *([table.cell] if table.cell else [])], None))
            if not table.rows:
                continue
            if self._open:
                self._open[-1].cell.append(table)
                self._open[-1].nests = True
            else:
                self.lines.extend(_table_lines(table))
        while len(self._open) < depth:
            self._open.append(_Table())
        return self._open[-1] if depth else None


def _holds_text(block: _Paragraph | _Table) -> bool:
    return isinstance(block, _Table) or bool(block.text.strip())


def _texts(cell: list) -> list[str]:
    return [block.text for block in cell if isinstance(block, _Paragraph)]


def _table_lines(table: _Table) -> list[str]:
    texts = [[_texts(cell) for cell in cells] for cells, _ in table.rows]
    if not table.nests and not any(is_frame_cell(cell, False) for row in texts for cell in row):
        return grid_lines([GridRow([cell_field(cell) for cell in row], edges) for row, (_, edges) in zip(texts, table.rows, strict=True)])
    lines: list[str] = []
    for cells, _ in table.rows:
        for cell in cells:
            for block in cell:
                lines.extend(_table_lines(block) if isinstance(block, _Table) else [block.line()])
    return lines
