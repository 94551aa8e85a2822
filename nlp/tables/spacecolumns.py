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
from dataclasses import dataclass

#: A cell of a space-aligned line: words apart by single spaces, cells apart by two spaces or more.
_CELL = re.compile(r"\S+(?: \S+)*")
_GAP = re.compile(r"\S {2,}\S")
#: Header lines looked at above a row.
HEADER_LINES = 4


def _display_at(line: str, wide: int = 2) -> list[int]:
    """The display column at which each character of `line` starts (and the line's width last), a wide
    character (an ideographic space too) taking `wide` columns (1: positions counted in characters)."""
    at = [0]
    for ch in line:
        at.append(at[-1] + (wide if unicodedata.east_asian_width(ch) in "WF" else 1))
    return at


def _columns(line: str) -> list[tuple[int, int]]:
    """The display columns [start, end) of each cell of `line`, a wide character taking two."""
    at = _display_at(line)
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


#: A figure of a printed row (`0`, `186`, `-3`, `96171.6`) and a token of a line (ideographic spaces are space).
_FIGURE = re.compile(r"-?\d+(?:\.\d+)?")
_TOKEN = re.compile(r"\S+")
_PADDING = re.compile(" ?\u3000+")
#: Rows a printed table needs before its field width is believed.
MIN_ROWS = 3


@dataclass(frozen=True)
class PrintedRow:
    """A source line read as a printed table row: its label (may be empty) and each figure with the display
    column its text ends at."""

    label: str
    label_end: int
    figures: tuple[tuple[str, int], ...]
    #: Where the ideographic spaces padding the label end (None: not padded so): the label field's end, in a
    #: print that pads labels to their field with them and sets the figures' fields in ASCII spaces.
    padded_to: int | None = None


def printed_row(line: str, wide: int = 2) -> PrintedRow | None:
    """`line` as a row of figures after an optional label, the figures set apart from the label by a column gap
    (two columns of space or more); None for any other line. Positions in display columns, a wide character
    taking `wide` (2: as a monospaced font shows it; 1: counted in characters, as a print that pads its labels
    to a number of characters sets them)."""
    at = _display_at(line, wide)
    tokens = list(_TOKEN.finditer(line))
    first = len(tokens)
    while first and _FIGURE.fullmatch(tokens[first - 1].group()):
        first -= 1
    if first == len(tokens):
        return None
    label_end = at[tokens[first - 1].end()] if first else 0
    if first and at[tokens[first].start()] - label_end < 2:
        return None
    figures = tuple((m.group(), at[m.end()]) for m in tokens[first:])
    padded_to = None
    if first:
        padding = _PADDING.match(line, tokens[first - 1].end())
        padded_to = at[padding.end()] if padding else None
    return PrintedRow(line[: tokens[first - 1].end()].strip() if first else "", label_end, figures, padded_to)


@dataclass(frozen=True)
class FieldGrid:
    """Where a monospaced print of a table sets its figures: each figure right-aligned in a field `width` display
    columns wide, a labelled row's fields from `first_end` (the right edge of its first field) on, a row without
    a label's from the line's start. A zero printed blank leaves its field empty: a row's figures, each placed by
    its right edge, give its empty cells back."""

    width: int
    first_end: int

    def fields(self, row: PrintedRow) -> list[int] | None:
        """The field of each of `row`'s figures, None where one stands off the grid."""
        if row.label_end > self.first_end - self.width:
            return None  # a label reaching into the fields: another layout
        if row.label:
            return self._on(row, self.first_end)
        # A row without a label: its label field left blank (a row whose label stands on other lines), or a table
        # without a label column (table 四) whose fields start at the line's start; where both fit, nothing says.
        labelled, unlabelled = self._on(row, self.first_end), self._on(row, self.width)
        return labelled if unlabelled is None else unlabelled if labelled is None else None

    def _on(self, row: PrintedRow, first_end: int) -> list[int] | None:
        found = [(end - first_end) // self.width for _, end in row.figures]
        for (figure, end), field in zip(row.figures, found, strict=True):
            if (end - first_end) % self.width or field < 0 or len(figure) >= self.width:
                return None
        return found

    def label_field(self, row: PrintedRow) -> bool:
        """Whether `row`'s fields follow a label field (its label perhaps blank), not the line's start."""
        return bool(row.label) or self._on(row, self.first_end) is not None


def field_grid(rows: list[PrintedRow]) -> FieldGrid | None:
    """The grid the labelled rows of a text show plainly, or None. Figures right-aligned in fields of one width
    stand a whole number of fields apart; where zeros were printed blank no row may show two neighbouring
    figures, so the smallest distance seen may be two fields or more. The width is the one divisor of that
    distance that fits: wider than the widest figure, every labelled figure's right edge a whole number of fields
    from the first field's, and nine labels in ten (at least `MIN_ROWS`) ending left of the first field (a wider
    field would start inside them); where the labels are padded with ideographic spaces to one column, the first
    field starts there. Two widths fitting (a field of 10 holding 3-digit figures fits 5 as well), or
    none, give no grid: a wrong one would shift figures."""
    labelled = [row for row in rows if row.label]
    steps = [b[1] - a[1] for row in labelled for a, b in zip(row.figures, row.figures[1:], strict=False)]
    if len(labelled) < MIN_ROWS or not steps:
        return None
    first_end = min(row.figures[0][1] for row in labelled)
    widest = max(len(figure) for row in labelled for figure, _ in row.figures)
    # Labels padded with ideographic spaces to one column say where the first field starts: its width follows.
    padded = {row.padded_to for row in labelled if row.padded_to is not None}
    field_start = padded.pop() if len(padded) == 1 and sum(row.padded_to is not None for row in labelled) >= MIN_ROWS else None
    fitting: list[FieldGrid] = []
    for width in range(widest + 1, min(steps) + 1):
        if min(steps) % width or (field_start is not None and width != first_end - field_start):
            continue
        # Rows whose label reaches into the fields stand off the grid (`FieldGrid.fields`): a few at most.
        on_grid = [row for row in labelled if row.label_end <= first_end - width]
        if len(on_grid) < max(MIN_ROWS, 0.9 * len(labelled)):
            continue
        if all((end - first_end) % width == 0 for row in on_grid for _, end in row.figures):
            fitting.append(FieldGrid(width, first_end))
    return fitting[0] if len(fitting) == 1 else None


def _table_fields(rows: list[PrintedRow | None], lines: list[str], index: int, grid: FieldGrid, labelled: bool) -> tuple[int, bool] | None:
    """The last field any row of the table around `lines[index]` fills (-1: none) and whether a row of it stands
    above; None for a row without a label among labelled ones (its label stands on another line, and with blank
    rows about, which one is not plain). The table runs up and down over rows on the grid and lines without a
    column gap (a wrapped label, a page's number and running head between two pages), and ends at any other line
    (a header, a table's title with its note, prose)."""
    last, above = -1, False
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(lines):
            other = rows[at]
            if other is not None and other.label and not labelled:
                return None
            if other is not None and bool(other.label) == labelled:
                found = grid.fields(other)
                if found is None:
                    break
                last, above = max(last, *found), above or step < 0
            elif other is not None or _GAP.search(lines[at]) or lines[at].rstrip().endswith("。"):
                break
            at += step
    return last, above


def printed_cells(rows: list[PrintedRow | None], lines: list[str], index: int, grid: FieldGrid) -> list[str] | None:
    """The figure cells of the row at `index` (`rows[i]` is `printed_row(lines[i])`), its empty fields as `""` up
    to the last field any row of its table fills; None where the row stands off the grid. A row without a label
    is read so only in a table of such rows (table 四, which has no label column)."""
    row = rows[index]
    fields = grid.fields(row) if row is not None else None
    table = _table_fields(rows, lines, index, grid, bool(row.label)) if row is not None and fields is not None else None
    if row is None or fields is None or table is None:
        return None
    cells = [""] * (max(*fields, table[0]) + 1)
    for (figure, _), field in zip(row.figures, fields, strict=True):
        cells[field] = figure
    return cells


#: A table row's label starting with its item number (`3.补正后…`, `（六）其他处理`, `四、结转…`): a row of its own.
ITEM_NUMBER = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,2}[）)]|[一二三四五六七八九十]{1,2}、|\d{1,2}[.、．])")
#: How far short of the longest label a wrapped label's first part may end (columns): the printer wraps labels at
#: a number of characters, and half-width ones among them leave the line shorter.
WRAP_SLACK = 3


def _label_alone(line: str) -> bool:
    """A line that may be a printed table's label alone: it starts the line, holds no column gap and no full stop."""
    return bool(line.strip()) and not line[0].isspace() and not _GAP.search(line) and not line.rstrip().endswith("。")


def label_rest(rows: list[PrintedRow | None], lines: list[str], index: int, grid: FieldGrid, wide: int) -> int | None:
    """The line holding the rest of the wrapped label of the row at `index` (`（四）无法提供 1.本机关不   1   1` /
    `掌握相关政府信息`; or of a row printed blank, its label alone), or None. The label fills its field (ends within
    `WRAP_SLACK` of the longest on the grid, in columns a wide character `wide` of) and the next line is a label
    alone that starts with no item number: a row of its own would (`3.补正后申请内容仍不明确`)."""
    row = rows[index]
    if row is not None and (not row.label or grid.fields(row) is None):
        return None
    if row is None and not (_label_alone(lines[index]) and table_around(rows, lines, index, grid)):
        return None
    end = row.label_end if row is not None else _display_at(lines[index].rstrip(), wide)[-1]
    longest = max(other.label_end for other in rows if other is not None and other.label and grid.fields(other) is not None)
    after = index + 1
    if end < longest - WRAP_SLACK or after >= len(lines) or rows[after] is not None:
        return None
    if not _label_alone(lines[after]) or ITEM_NUMBER.match(lines[after]):
        return None
    return after


def table_around(rows: list[PrintedRow | None], lines: list[str], index: int, grid: FieldGrid) -> bool:
    """Whether a labelled row on the grid stands right above `lines[index]` in its table."""
    table = _table_fields(rows, lines, index, grid, True)
    return table is not None and table[1]
