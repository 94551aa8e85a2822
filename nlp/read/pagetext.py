"""A laid-out document's pages → text, for the PDF and the OFD reader alike: each page as its ruled tables'
rows and the lines of text around them (`page_parts`), running heads and feet dropped across the pages
(`running_lines`), and the lines wrapped at the document's margin joined into paragraphs over a column
measured on the whole document (a page alone may hold too few lines to tell). Both readers give their pages
here, so that a paragraph running over a page break has only the page break between its halves, whichever
format it came in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from nlp.normalize.lines import running_key
from nlp.read.blankcells import place_blank_cells
from nlp.read.columns import ColumnLayout, reading_groups
from nlp.read.pagegrid import Box, TextLine, grid_page_parts, join_paragraphs, text_column, text_lines

#: A page: top to bottom, each ruled table row (a string, cells tab-separated) and the lines of text between.
PageParts = list[str | list[TextLine]]


def page_parts(chars: Sequence[dict], find_tables: Callable[[], list], bbox: Box, rules: int, layout: ColumnLayout | None = None) -> PageParts:
    """A page's ruled tables one row a line (`pagegrid.grid_page_parts`) and the lines of the text around them;
    a page without a grid one run of lines. `layout`: what the document's pages so far showed of two columns
    (`nlp.read.columns`), updated here."""
    parts = grid_page_parts(chars, find_tables, bbox, rules)
    if parts is None:
        return [_column_lines(chars, layout)]
    # Columns are read between the page's tables: a table across the page ends the columns above it.
    return [part if isinstance(part, str) else _column_lines(part, layout) for part in parts]


def _column_lines(chars: Sequence[dict], layout: ColumnLayout | None) -> list[TextLine]:
    """The lines of a run of a page's text, two columns read one after the other (`nlp.read.columns`)."""
    return [line for group in reading_groups(chars, layout) for line in text_lines(group)]


def parts_size(parts: PageParts) -> int:
    """The characters a page's parts will give as text (a line's break counted): what the readers' limit counts."""
    return sum(len(part) if isinstance(part, str) else sum(len(line.text) + 1 for line in part) for part in parts)


def pages_text(pages: Sequence[PageParts]) -> list[str]:
    """Each page's text: its running head and foot dropped, the lines around its tables joined into paragraphs
    over the whole document's column (`pagegrid.join_paragraphs`), table rows as they are."""
    kept = [_without_running_lines(parts, drops) for parts, drops in zip(pages, running_lines([_page_ends(parts) for parts in pages]), strict=True)]
    kept = _with_blank_cells_placed(kept)
    column = text_column([line for parts in kept for part in parts if not isinstance(part, str) for line in part])
    out = []
    for parts in kept:
        texts = [part if isinstance(part, str) else join_paragraphs(part, column) for part in parts]
        out.append("\n".join(text for text in texts if text))
    return out


def _with_blank_cells_placed(pages: Sequence[PageParts]) -> list[PageParts]:
    """The pages with the rows of unruled tables that leave cells blank written as cells (`nlp.read.blankcells`),
    the columns' places taken over the whole document."""
    runs = [part for parts in pages for part in parts if not isinstance(part, str)]
    placed = iter(place_blank_cells(runs))
    return [[part if isinstance(part, str) else next(placed) for part in parts] for parts in pages]


#: A running head or foot is a short line (a report's title, the agency, `第 3 页 共 8 页`).
_RUNNING_CHARS = 40
#: Lines at each end of a page looked at for a running head or foot (a title over a rule, a date under it).
_RUNNING_DEPTH = 2


def running_lines(pages: Sequence[tuple[Sequence[TextLine], Sequence[TextLine]]]) -> list[tuple[set[int], set[int]]]:
    """For each page given as (the lines of text at its top, the lines of text at its bottom: empty where a table
    stands there), the positions of its running head among the first and of its running foot among the second:
    short lines standing at the same end of at least two pages and of half the pages or more, compared with their
    figures blanked (page numbers change). Left in the text, they cut a paragraph running over the page break in
    two. The first page's head stays: it may be the report's own title, repeated over the pages after it."""

    def candidates(lines: Sequence[TextLine], end: str) -> list[tuple[int, tuple[str, int, str]]]:
        picked = []
        for depth in range(min(_RUNNING_DEPTH, len(lines))):
            index = depth if end == "head" else len(lines) - 1 - depth
            if 0 < len(lines[index].text.strip()) <= _RUNNING_CHARS:
                picked.append((index, (end, depth, running_key(lines[index].text))))
        return picked

    found = [(candidates(top, "head"), candidates(bottom, "foot")) for top, bottom in pages]
    ends: Counter[tuple[str, int, str]] = Counter()
    for heads, feet in found:
        ends.update({entry for _, entry in heads + feet})
    least = max(2, (len(pages) + 1) // 2)
    out: list[tuple[set[int], set[int]]] = []
    for number, (heads, feet) in enumerate(found):
        drops: list[set[int]] = []
        for entries, end in ((heads, "head"), (feet, "foot")):
            drop: set[int] = set()
            for index, entry in entries:
                # A second line only under (over) a first one that goes too; the first page's head never goes.
                if ends[entry] >= least and (entry[1] == 0 or drop) and not (end == "head" and number == 0):
                    drop.add(index)
            drops.append(drop)
        out.append((drops[0], drops[1]))
    return out


def _page_ends(parts: PageParts) -> tuple[list[TextLine], list[TextLine]]:
    """The lines of text at the page's top and at its bottom (none at an end where a table row stands)."""
    if not parts:
        return [], []
    first, last = parts[0], parts[-1]
    return ([] if isinstance(first, str) else first), ([] if isinstance(last, str) else last)


def _without_running_lines(parts: PageParts, drops: tuple[set[int], set[int]]) -> PageParts:
    """The page's parts without its running head (in its first part) and foot (in its last)."""
    head, foot = drops
    if not head and not foot:
        return parts
    kept = list(parts)
    ends = {0: head} if len(parts) > 1 else {0: head | foot}
    if len(parts) > 1:
        ends[len(parts) - 1] = foot
    for at, drop in ends.items():
        part = kept[at]
        if drop and not isinstance(part, str):
            kept[at] = [line for index, line in enumerate(part) if index not in drop]
    return kept
