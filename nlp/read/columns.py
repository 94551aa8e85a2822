"""Pages set in two columns (a government gazette, 政府公报, reprinting reports; some bulletins and yearbooks):
the characters put in reading order, the left column's before the right one's.

Read line by line as it is drawn, each line of such a page holds half a sentence of each column
(`本报告根据《条例》…  申请内容主要集中在…`), and every paragraph is lost. A page is taken for two columns where
at least `_MIN_SPLIT_LINES` of its lines hold two long runs of text (each a quarter of the text's width or more)
with a gap of a character or more between them, and those gaps share one place in the middle of the page: the
gutter. From the first such line down, every line that no run of characters crosses the gutter on belongs to
the columns; a line that crosses it (a title or a table across the page, a page number in the middle) ends them.
Lines above the first split line (the running head, the report's title and issuer) stay as they are.

The right column's characters are moved under the left column's last line, at the left column's margin and line
pitch, so that the text assembly downstream (`pagegrid.text_lines`, `join_paragraphs`) sees one column: a
paragraph running from the foot of the left column to the head of the right one is joined like any line wrapped
at the margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

#: Lines holding two long runs of text across one gutter needed to take a page for two columns; once a page of
#: the document has, a run of them under a table may be this short.
_MIN_SPLIT_LINES = 6
_FEW_SPLIT_LINES = 1
#: Characters of a run of a split line at least (a quarter of the width is usually more).
_MIN_RUN_CHARS = 8
#: Each run of a split line at least this share of the text's width (a table's cells are shorter).
_MIN_RUN_SHARE = 0.25
#: The gutter stands in this middle part of the text's width.
_MIDDLE = (0.3, 0.7)


@dataclass
class ColumnLayout:
    """What a document's pages have shown of two columns so far: once one page held them plainly, a run of them
    only a few lines long (under a table across the page) is read as columns too."""

    seen: bool = False


def reading_groups(chars: Sequence[dict], layout: ColumnLayout | None = None) -> list[list[dict]]:
    """`chars` (a page's, or a band between its tables) in groups to be read one after the other, each as lines
    of its own: where they form two columns, the lines above them, the columns (the right one moved under the
    left one), the lines below them; else all of them, as one group. `layout`: the document's pages so far,
    updated here."""
    least = _FEW_SPLIT_LINES if layout is not None and layout.seen else _MIN_SPLIT_LINES
    if len(chars) < 4 * _MIN_RUN_CHARS:
        return [list(chars)]
    lines = _visual_lines(chars)
    size = median(char["size"] for char in chars) or 1.0
    left_edge = min(char["x0"] for char in chars)
    width = max(char["x1"] for char in chars) - left_edge
    gutter = _gutter(lines, size, left_edge, width, least)
    if gutter is None:
        return [list(chars)]
    if layout is not None:
        layout.seen = True
    split = [index for index, line in enumerate(lines) if _split_at(_runs(line, size), gutter, width)]
    first = split[0]
    pitch = _pitch(lines[first : split[-1] + 1], size)
    # The columns' first lines may hold a short line on a side (a heading, a paragraph's last line); a line across
    # the gutter, or a gap of two lines or more (under a running head, a title), is above them.
    while first > 0 and not _crosses(_runs(lines[first - 1], size), gutter, size) and lines[first][0]["top"] - lines[first - 1][0]["top"] <= 1.6 * pitch:
        first -= 1
    last = first
    # The columns end at a line across the gutter, or at a gap of two lines or more (the space above a heading or a
    # table across the page, under the columns' last lines).
    while (
        last + 1 < len(lines)
        and not _crosses(_runs(lines[last + 1], size), gutter, size)
        and lines[last + 1][0]["top"] - lines[last][0]["top"] <= 1.6 * pitch
    ):
        last += 1
    left: list[dict] = []
    right: list[dict] = []
    for line in lines[first : last + 1]:
        middle = _line_gutter(_runs(line, size), gutter, size)
        for char in line:
            (left if (char["x0"] + char["x1"]) / 2 < middle else right).append(char)
    before = [char for line in lines[:first] for char in line]
    after = [char for line in lines[last + 1 :] for char in line]
    # Below a heading or text across the page, columns may start again.
    return [group for group in (before, left + _under(right, left, size)) if group] + (reading_groups(after, layout) if after else [])


def _visual_lines(chars: Sequence[dict]) -> list[list[dict]]:
    """The characters by line, top to bottom (a character within half its size of a line's top is on it), each
    line left to right."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(char["top"] - lines[-1][0]["top"]) <= 0.5 * char["size"]:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _runs(line: Sequence[dict], size: float) -> list[tuple[float, float]]:
    """The line's runs of text: characters less than half a character's size apart (a justified line's characters
    stand closer; a gutter is wider), as (left, right)."""
    runs: list[tuple[float, float]] = []
    for char in line:
        if char["text"].isspace():
            continue
        if runs and char["x0"] - runs[-1][1] < 0.5 * size:
            runs[-1] = (runs[-1][0], max(runs[-1][1], char["x1"]))
        else:
            runs.append((char["x0"], char["x1"]))
    return runs


def _split_at(runs: list[tuple[float, float]], gutter: float, width: float) -> bool:
    """Two long runs of text on either side of the gutter, nothing across it."""
    left = sum(b - a for a, b in runs if b <= gutter)
    right = sum(b - a for a, b in runs if a >= gutter)
    return not any(a < gutter < b for a, b in runs) and left >= _MIN_RUN_SHARE * width and right >= _MIN_RUN_SHARE * width


def _crosses(runs: list[tuple[float, float]], gutter: float, size: float) -> bool:
    """A run of text across the gutter and a character beyond it each way (a column's line that runs a little
    into the gutter, as a line of figures set by a tool that does not justify may, crosses nothing)."""
    return any(a < gutter - size and gutter + size < b for a, b in runs)


def _line_gutter(runs: list[tuple[float, float]], gutter: float, size: float) -> float:
    """Where one line of the columns divides: the middle of its gap nearest the page's gutter, within two
    characters of it; else the gutter."""
    gaps = [((b + c) / 2, abs((b + c) / 2 - gutter)) for (_, b), (c, _) in zip(runs, runs[1:], strict=False)]
    near = [middle for middle, distance in gaps if distance <= 2 * size]
    return min(near, key=lambda middle: abs(middle - gutter)) if near else gutter


def _gutter(lines: list[list[dict]], size: float, left_edge: float, width: float, least: int) -> float | None:
    """The middle of the gap most long two-run lines share, where `least` lines or more share it."""
    gaps: list[tuple[float, float]] = []
    low, high = left_edge + _MIDDLE[0] * width, left_edge + _MIDDLE[1] * width
    for line in lines:
        runs = _runs(line, size)
        for (_, b), (c, _) in zip(runs, runs[1:], strict=False):
            if low <= (b + c) / 2 <= high and b - runs[0][0] >= _MIN_RUN_SHARE * width and runs[-1][1] - c >= _MIN_RUN_SHARE * width:
                gaps.append((b, c))
    if len(gaps) < least:
        return None
    gutter = median((b + c) / 2 for b, c in gaps)
    # Justified columns end and start at the same places: the gutter lies in (nearly) every such gap.
    if sum(b < gutter < c for b, c in gaps) < least:
        return None
    if sum(_split_at(_runs(line, size), gutter, width) for line in lines) < least:
        return None
    return gutter


def _pitch(lines: list[list[dict]], size: float) -> float:
    """The common distance between a line's top and the next one's (one and a half characters where unknown)."""
    steps = [b[0]["top"] - a[0]["top"] for a, b in zip(lines, lines[1:], strict=False) if 0 < b[0]["top"] - a[0]["top"] <= 3 * size]
    return median(steps) if steps else 1.5 * size


def _under(right: list[dict], left: list[dict], size: float) -> list[dict]:
    """The right column's characters moved under the left column: to its margin, a line pitch below its last line."""
    if not right or not left:
        return right
    pitch = _pitch(_visual_lines(left), size)
    shift_x = min(char["x0"] for char in left) - min(char["x0"] for char in right)
    shift_y = max(char["top"] for char in left) + pitch - min(char["top"] for char in right)
    moved = []
    for char in right:
        char = dict(char)
        char["x0"] += shift_x
        char["x1"] += shift_x
        for key in ("top", "bottom", "doctop"):
            if key in char:
                char[key] += shift_y
        for key in ("y0", "y1"):
            if key in char:
                char[key] -= shift_y
        moved.append(char)
    return moved
