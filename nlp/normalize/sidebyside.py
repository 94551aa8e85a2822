"""Text of a two-column page laid out side by side (`pdftotext -layout` of a government gazette, 政府公报, or of a
bulletin set in two columns): each line holds half a sentence of each column, a run of spaces between them
(`本报告是根据新修订的《条例》…       19件，申请内容主要集中在…`). The columns are put one after the other, the left
column's lines before the right one's, offsets kept (the clean text is pieces of the source in another order).

Where it applies: at least `_MIN_SPLIT_LINES` lines of a page hold two long runs of text (`_MIN_RUN` characters or
more each, Chinese among them) apart by two spaces or more, the right runs starting at about one place (the
gutter: within `_GUTTER_SLACK` characters of the earliest common start). From the first such line down, a line
belongs to the columns while it divides there (its left part ending before the gutter, its right part starting
at it, a first-line indent allowed) or holds text on one side only; a line with text across the gutter (a title
or a caption across the page), with three runs or more (a table's row), two blank lines (the space above what
runs across the page) or a page break ends them. Once a page of the document shows the columns, a page where they
run only a line or two (under a table across the page) is read so too. The rest of the page is looked at again for
more columns (below a table across the page).
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from nlp.normalize.text import NormalizedText

#: Lines of one page that hold both columns, needed to read it as two columns.
_MIN_SPLIT_LINES = 6
#: Characters of each run of such a line (a column's line, not a table's cell).
_MIN_RUN = 8
#: How far (characters) a column line's right part may start after the gutter: a first-line indent, a layout
#: that rounds a little.
_GUTTER_SLACK = 6
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Two runs of text apart by two spaces or more, Chinese on both sides: the cheap test of whether to look.
_SIDE_BY_SIDE = re.compile(r"[\u4e00-\u9fff，。、；：）”》][ \u3000]{2,}[\u4e00-\u9fff“（《\d]")
_RUN = re.compile(r"\S+(?: \S+)*")


def unfold_columns(text: NormalizedText) -> NormalizedText:
    """`text` with each page's two columns laid side by side put one after the other; unchanged where none."""
    if len(_SIDE_BY_SIDE.findall(text.text)) < _MIN_SPLIT_LINES:
        return text
    source = text.text
    lines = source.split("\n")
    pages = _pages(lines)
    # A page of the columns proves the layout; then a page where they run only a few lines (under a table) is
    # read as columns too.
    if not any(_page_band(lines, begin, end, 0, _MIN_SPLIT_LINES) for begin, end in pages):
        return text
    starts = np.cumsum([0] + [len(line) + 1 for line in lines[:-1]]).tolist()
    # The clean text as spans of `source` in reading order; (start, None) is a line break of our own after a
    # column's line, taking the offset of the character before it.
    spans: list[tuple[int, int | None]] = []
    index = 0
    for begin, end in pages:
        while index < end:
            band = _page_band(lines, begin, end, index, 1)
            if band is None:
                spans.append((starts[index], starts[end] if end < len(lines) else len(source)))
                index = end
                break
            first, last, gutter = band
            if first > index:
                spans.append((starts[index], starts[first]))
            columns: tuple[list[tuple[int, int | None]], list[tuple[int, int | None]]] = ([], [])
            for i in range(first, last + 1):
                cut = _cut(lines[i], gutter)
                for side, (left, right) in enumerate(((0, len(lines[i][:cut].rstrip())), (cut, len(lines[i].rstrip())))):
                    if lines[i][left:right].strip():
                        columns[side].extend([(starts[i] + left, starts[i] + right), (starts[i] + right, None)])
            spans.extend(columns[0] + columns[1])
            index = last + 1
    pieces: list[str] = []
    offsets: list[np.ndarray] = []
    for begin, end in spans:
        if end is None:
            pieces.append("\n")
            offsets.append(text.offsets[max(begin - 1, 0) : max(begin, 1)])
        else:
            pieces.append(source[begin:end])
            offsets.append(text.offsets[begin:end])
    return NormalizedText("".join(pieces), np.concatenate(offsets), text.source_length)


def _pages(lines: list[str]) -> list[tuple[int, int]]:
    """The pages as ranges of lines: a page starts at a line holding a form feed."""
    breaks = [i for i, line in enumerate(lines) if "\f" in line and i > 0]
    bounds = [0, *breaks, len(lines)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _runs(line: str) -> list[tuple[int, int]]:
    """The line's runs of text (words apart by one space at most), as (start, end)."""
    return [(m.start(), m.end()) for m in _RUN.finditer(line)]


def _split_start(line: str, right_least: int = _MIN_RUN) -> int | None:
    """Where a line's right run starts, where the line is two runs of text with Chinese in each, the left one long,
    the right one `right_least` characters or more."""
    runs = _runs(line)
    if len(runs) != 2:
        return None
    (a, b), (c, d) = runs
    if b - a < _MIN_RUN or d - c < right_least or not _CJK.search(line[a:b]) or not _CJK.search(line[c:d]):
        return None
    return c


def _page_band(lines: list[str], begin: int, end: int, start: int, least: int) -> tuple[int, int, int] | None:
    """The first run of two-column lines of a page (lines [begin, end)) from line `start`: (first line, last line,
    gutter), where the page holds `least` split lines or more whose right runs start at about one place."""
    # Where the document has shown its columns, a paragraph's last line in the right column may be short.
    right_least = _MIN_RUN if least >= _MIN_SPLIT_LINES else 1
    splits = {i: at for i in range(start, end) if (at := _split_start(lines[i], right_least)) is not None}
    if len(splits) < least or not splits:
        return None
    # The gutter: where most split lines' right runs start, moved to the earliest start a little before it (the
    # right column's first-line indents start later, a layout that rounds starts a character either way).
    mode = Counter(splits.values()).most_common(1)[0][0]
    gutter = min(at for at in splits.values() if mode - _GUTTER_SLACK <= at <= mode)
    near = [i for i, at in splits.items() if gutter <= at <= gutter + _GUTTER_SLACK]
    if len(near) < least:
        return None
    first = near[0]
    # The columns' first lines may hold a short line on either side (a paragraph's last): divided at the gutter.
    while first - 1 >= start and len(runs := _runs(lines[first - 1])) == 2 and gutter - 2 <= runs[1][0] <= gutter + _GUTTER_SLACK:
        first -= 1
    last = first
    while last + 1 < end and _in_columns(lines[last + 1], gutter) and not (not lines[last + 1].strip() and last + 2 < end and not lines[last + 2].strip()):
        last += 1
    return first, last, gutter


def _in_columns(line: str, gutter: int) -> bool:
    """A line of the columns: text on one side of the gutter, or divided at it; no page break, no table row."""
    if "\f" in line:
        return False
    runs = _runs(line)
    if len(runs) > 2:
        return False
    if not runs:
        return True
    if len(runs) == 1:
        a, b = runs[0]
        return b <= gutter - 1 or a >= gutter - 1
    (a, b), (c, _) = runs
    return b <= gutter - 1 and gutter - 2 <= c <= gutter + _GUTTER_SLACK


def _cut(line: str, gutter: int) -> int:
    """Where a column line divides: before its right run, which starts at about the gutter."""
    runs = _runs(line)
    if len(runs) == 2 or len(runs) == 1 and runs[0][0] >= gutter - 1:
        return min(runs[-1][0], gutter)  # a first-line indent in the right column stays with its line
    return len(line)
