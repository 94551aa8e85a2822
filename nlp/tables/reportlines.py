"""A structured report's lines as the table reader reads them: its paragraphs, with the empty leading
cells of table rows given back from the source text (the normaliser strips them as leading space)."""

from __future__ import annotations

import re

from nlp.normalize.characters import LINE_BREAKS
from nlp.normalize.markdown import RULE_LINE, outer_pipes
from nlp.report import Report
from nlp.tables.spacecolumns import (
    MIN_ROWS,
    FieldGrid,
    PrintedRow,
    field_grid,
    label_rest,
    leading_empty_cells,
    printed_cells,
    printed_row,
)

_MARKUP = re.compile(r"<[^<>]*>")
_CELL_END_TAG = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_LINE_BREAK = re.compile("|".join(map(re.escape, LINE_BREAKS)))


def report_lines(report: Report) -> list[str]:
    """The report's paragraphs as lines, with the leading tabs of table rows given back and a table of
    contents left blank.

    The normaliser strips leading whitespace, which in a tab-separated row is the row's first,
    empty cells (`\\t\\t\\t\\t\\t0\\t0…`: table 四 with the 行政复议 cells blank); they are read again
    from the source text.
    """
    paragraphs = report.paragraphs
    if not paragraphs:
        return report.source_text.splitlines()
    source = report.source_text
    # A table of contents lists the titles of tables 二–四 before the sections (`二、主动公开政府信息情况……2`): the
    # parser found it (`Report.contents`); left blank, so that no table is looked for there; blank, not dropped, so
    # line numbers stay the report's.
    contents = set(report.contents)
    markdown = "|" in source and RULE_LINE.search(source) is not None
    printed = _PrintedTables(source)
    lines: list[str] = []
    # The last table line without tabs (a printed row, or a label alone), whose wrapped label's rest may come next:
    # its line here and its source line's start.
    last_printed: tuple[int, int] | None = None
    for index, paragraph in enumerate(paragraphs):
        if index in contents:
            lines.append("")
            continue
        text = paragraph.text
        if paragraph.kind == "table" and source and 0 < paragraph.start <= len(source):
            # Any line break the normaliser reads as one (`\r` alone, U+2028…), not only `\n`.
            line_start = max(source.rfind(mark, 0, paragraph.start) for mark in LINE_BREAKS) + 1
            prefix = source[line_start : paragraph.start]
            rebuilt = printed.row_text(line_start, text) if "\t" not in text else None
            if rebuilt is None and last_printed is not None and printed.is_rest_of(line_start, last_printed[1]):
                # The rest of a printed row's wrapped label: the label whole on its row's line, the rest's line
                # left blank (line numbers stay the report's).
                label, tab, cells = lines[last_printed[0]].partition("\t")
                lines[last_printed[0]] = label + text + tab + cells  # a label alone takes its rest too
                lines.append("")
                last_printed = None
                continue
            last_printed = (len(lines), line_start) if "\t" not in text else None
            if rebuilt is not None:
                text = rebuilt
            elif "\t" in prefix and not prefix.strip():
                text = "\t" * prefix.count("\t") + text
            elif markdown and prefix.lstrip().startswith("|") and not prefix.replace("|", "").strip():
                # A Markdown table's row (`nlp.normalize.markdown`): `|  |  | 0` starts with two empty cells, and
                # ` |  | 0` too in a table written without its outer pipes.
                text = "\t" * (prefix.count("|") - outer_pipes(source, line_start)) + text
            elif len(prefix) >= 2 and not prefix.strip(" "):
                # Columns aligned by spaces (OCR): the empty cells the header lines above show (`spacecolumns`).
                line_end = min((i for mark in LINE_BREAKS if (i := source.find(mark, paragraph.start)) >= 0), default=len(source))
                above = _LINE_BREAK.split(source[max(0, line_start - 2000) : line_start])[:-1]
                text = "\t" * leading_empty_cells(source[line_start:line_end], above) + text
            elif "<" in prefix and not _MARKUP.sub("", prefix).strip():
                # A row still in its HTML (`nlp.normalize.markup`): its empty leading cells are `</td>`s.
                text = "\t" * len(_CELL_END_TAG.findall(prefix)) + text
            # and its empty trailing cells, which the normaliser strips as trailing space: a row printed
            # all blank (`规章\t\t\t`) shows its empty cells only there (`nlp.tables.blankrows`)
            line_end = min((i for mark in LINE_BREAKS if (i := source.find(mark, paragraph.end)) >= 0), default=len(source))
            suffix = source[paragraph.end : line_end]
            if "\t" in suffix and not suffix.strip():
                text += "\t" * suffix.count("\t")
        lines.append(text)
    return lines


#: A line's end as a printed row's: a figure after a column gap (`printed_row` reads such lines only).
_PRINTED_ROW_END = re.compile(r"[ \u3000]{2}[ \u3000]*-?\d+(?:\.\d+)?[ \t\r]*$", re.MULTILINE)


class _PrintedTables:
    """The source's lines read as a monospaced print of tables (`spacecolumns.field_grid`), built on first use:
    a row whose zeros were printed blank shows only some of its figures, each in its own field, and its empty
    cells are read from where the figures stand."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._built = False
        self._starts: dict[int, int] = {}
        self._lines: list[str] = []
        self._rows: list[PrintedRow | None] = []
        self._grid: FieldGrid | None = None
        self._wide = 2  # columns a wide character takes in the grid's positions

    def _build(self) -> None:
        self._built = True
        # Most texts hold no printed table: fewer lines ending in a figure after a column gap than a grid needs.
        if len(_PRINTED_ROW_END.findall(self._source, 0, len(self._source))) < MIN_ROWS:
            return
        starts = [0] + [match.end() for match in _LINE_BREAK.finditer(self._source)]
        self._lines = _LINE_BREAK.split(self._source)
        self._starts = {start: index for index, start in enumerate(starts)}
        # Columns as a monospaced font shows them, else counted in characters (a print padding its labels to a
        # number of characters, ideographic spaces among them, sets its figures at character positions).
        for wide in (2, 1):
            self._rows = [printed_row(line, wide) if _PRINTED_ROW_END.search(line) else None for line in self._lines]
            self._grid = field_grid([row for row in self._rows if row is not None])
            self._wide = wide
            if self._grid is not None:
                break

    def is_rest_of(self, line_start: int, row_start: int) -> bool:
        """Whether the line at `line_start` holds the rest of the wrapped label of the row at `row_start`."""
        if not self._built:
            self._build()
        index, row = self._starts.get(line_start), self._starts.get(row_start)
        if self._grid is None or index is None or row is None:
            return False
        return label_rest(self._rows, self._lines, row, self._grid, self._wide) == index

    def row_text(self, line_start: int, text: str) -> str | None:
        """`text` (a table paragraph whose source line starts at `line_start`) as a tab row with its empty cells,
        or None where it is no printed row on the grid, shows no empty cell, or its text ends otherwise than in
        the source line's figures."""
        if not self._built:
            self._build()
        index = self._starts.get(line_start)
        if self._grid is None or index is None:
            return None
        row = self._rows[index]
        cells = printed_cells(self._rows, self._lines, index, self._grid)
        if cells is None or row is None or all(cells):
            return None
        figures = [figure for figure, _ in row.figures]
        words = text.split()
        # The row's figures in its text, the label before them; a wrapped label's rest the normaliser joined to
        # the row (`… 2 2以公开`) follows them, and is the label's.
        at = next((i for i in range(len(words) - len(figures) + 1) if _figures_at(words, i, figures)), None)
        if at is None or (at == 0) == bool(row.label):
            return None
        rest = words[at + len(figures) - 1][len(figures[-1]) :] + "".join(words[at + len(figures) :])
        label = " ".join(words[:at]) + rest
        # A blank label field is an empty label cell (`\t\t4\t…`: a row whose label the page put on other lines).
        return (label + "\t" if self._grid.label_field(row) else "") + "\t".join(cells)


def _figures_at(words: list[str], at: int, figures: list[str]) -> bool:
    """Whether `words` hold `figures` from `at` on, the last perhaps with a label's rest glued after it."""
    end = at + len(figures) - 1
    if words[at:end] != figures[:-1]:
        return False
    last, figure = words[end], figures[-1]
    return last == figure or (last.startswith(figure) and not (last[len(figure)].isdigit() or last[len(figure)] in ".-"))
