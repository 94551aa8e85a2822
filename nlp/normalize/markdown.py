"""Markdown as converters write a Word file (pandoc, markitdown, an editor's export): escapes, pictures, pipe tables.

The text survives a conversion, but marks are added around it:
- a backslash before punctuation the converter would otherwise read as a mark (`1\\.加强领导`, `\\*`, `\\[注\\]`);
- an image link for each picture (`![](media/image1.png)`), alone on its line or inside a sentence;
- each table as pipe rows under a rule (`| 规章 | 0 | 0 |` / `|---|---|---|`), merged or blank cells as `|  |`.

The page-furniture step reads runs of `|` as a web page's borders and collapses them, which in a Markdown table
would drop its empty cells and shift the figures after them into the wrong columns. So the rows of a table that
has its rule become tab rows here first, every cell kept (the empty cells a row starts with are given back by the
table reader from the source, as for tab rows: `nlp.tables.reportlines`). Headings and bold marks (`##`, `**`)
go with the page furniture (`nlp.normalize.furniture`), as other editors leave them too.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from nlp.normalize.text import NormalizedText

#: A backslash escaping ASCII punctuation (`1\.`, `\*`); never a backslash itself (`\\server`).
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[\]^_`{-~])")
_IMAGE_LINE = re.compile(r"(?m)^[ \t]*!\[[^\]\n]*\]\([^)\n]*\)[ \t]*(?:\n|$)")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
#: A Markdown table's rule (`|---|:--:|`, `---|---`): two runs of dashes or more between pipes, the outer pipes
#: optional. Found anywhere (a rule glued between two rows of a flattened page, `nlp.tables.glued`), or as a
#: line of its own.
RULE = re.compile(r"\|?[ \t]*:?-{3,}:?(?:[ \t]*\|[ \t]*:?-{3,}:?)+[ \t]*\|?")
RULE_LINE = re.compile(r"(?m)^[ \t]*" + RULE.pattern + r"[ \t]*$")
_RULE_LINE_AND_BREAK = re.compile(RULE_LINE.pattern + r"\n?", re.M)
_PIPE_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*")  # used with fullmatch on a line
_PIPE = re.compile(r"[ \t]*(?<!\\)\|[ \t]*")


def _table_rows(text: str) -> list[tuple[int, int]]:
    """Spans of the pipe rows of every table that has its rule: the rows just above the rule and below it."""
    lines = [match.span() for match in re.finditer(r"[^\n]*", text) if match.start() == 0 or text[match.start() - 1] == "\n"]
    rules = {i for i, (start, end) in enumerate(lines) if RULE_LINE.fullmatch(text, start, end)}
    rows: set[int] = set()
    for rule in rules:
        for step in (-1, 1):
            index = rule + step
            while 0 <= index < len(lines) and index not in rules and _PIPE_ROW.fullmatch(text, *lines[index]):
                rows.add(index)
                index += step
    return [lines[i] for i in sorted(rows)]


def markdown_tables_as_tabs(text: NormalizedText) -> NormalizedText:
    """The rows of Markdown tables as tab rows (edges gone, every inner `|` a tab), their rule lines dropped."""
    if "|" not in text.text or "---" not in text.text:
        return text
    rows = _table_rows(text.text)
    if not rows:
        return text
    row_starts = [start for start, _ in rows]

    def cell_boundary(match: re.Match[str]) -> str:
        at = bisect_right(row_starts, match.start()) - 1
        if at < 0 or match.start() > rows[at][1]:
            return match.group()
        start, end = rows[at]
        return "" if match.start() == start or match.end() == end else "\t"

    text = text.sub(_PIPE, cell_boundary, needs="|")
    return text.sub(_RULE_LINE_AND_BREAK, "", needs="-")


def drop_markdown_marks(text: NormalizedText) -> NormalizedText:
    """Pictures' image links, escapes and pipe tables as plain text (see the module's docstring)."""
    text = text.sub(_IMAGE_LINE, "", needs="!")
    text = text.sub(_IMAGE, r"\1", needs="!")
    text = text.sub(_ESCAPE, "", needs="\\")
    return markdown_tables_as_tabs(text)
