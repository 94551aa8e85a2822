"""Markdown as converters write a Word file (pandoc, markitdown, an editor's export): escapes, pictures, pipe tables.

The text survives a conversion, but marks are added around it:
- a backslash before punctuation the converter would otherwise read as a mark (`1\\.加强领导`, `\\*`, `\\[注\\]`);
- an image link for each picture (`![](media/image1.png)`), alone on its line or inside a sentence;
- each table as pipe rows under a rule (`| 规章 | 0 | 0 |` / `|---|---|---|`), merged or blank cells as `|  |`, the
  outer pipes left out by some (`规章 | 0 | 0` / `---|---|---`), a line break inside a cell as `<br>` (which
  `nlp.normalize.markup` removes inside a pipe row), an empty header row where the first row is no header;
- headings underlined (`===`, `---`: setext) and list items behind `- `, `* ` or `+ `.

The page-furniture step reads runs of `|` as a web page's borders and collapses them, which in a Markdown table
would drop its empty cells and shift the figures after them into the wrong columns. So the rows of a table that
has its rule become tab rows here first, every cell kept (the empty cells a row starts with are given back by the
table reader from the source, as for tab rows: `nlp.tables.reportlines`). A setext heading's underline goes (its
line left empty); list markers go where the text has two list items or more. Headings and bold marks (`##`,
`**`) and quote marks (`> `) go with the page furniture (`nlp.normalize.furniture`), as other editors leave them too.
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
#: A row of a table written without its outer pipes (`规章 | 0 | 0`, ` | 8.属于行政查询事项 | 0`): a pipe inside.
_INNER_PIPE_ROW = re.compile(r"[^\n|]*(?<!\\)\|[^\n]*")
_PIPE = re.compile(r"[ \t]*(?<!\\)\|[ \t]*")
#: A setext heading's underline (`===` under the title, `---` under a section's) or a thematic break alone on
#: its line: a mark, never text. The line stays, empty, so that the heading stays a paragraph of its own.
_UNDERLINE = re.compile(r"(?m)^[ \t]*(?:={3,}|-{3,})[ \t]*$")
#: A list item's marker (`- `, `* `, `+ `) and a space before its text; a page's number (`- 3 -`) is no item, nor
#: a dash before a figure or another dash (`- - 0 0`: a row's blank cells printed as dashes, whose first cell it
#: is); an item number or a figure run into words (`- 1.加强…`, `- 2023年，…`) is an item's text.
_LIST_MARKER = re.compile(r"(?m)^[ \t]*[-*+] +(?=\d{1,2}[.、．)）](?: ?[^\d\s]|[ \t]*$)|\d[\d.]*[\u4e00-\u9fff]|[^\s\d\-—–/+*])(?![^\n]*[ \t]-[ \t]*$)")
#: How far above a row its table's rule is looked for (characters): a table of three pages is shorter.
RULE_LOOKBACK = 20_000
#: List items a text needs before their markers are read as a list's (a lone `- ` may be a dash's).
LIST_ITEMS_MIN = 2


def _table_rows(text: str) -> list[tuple[int, int, bool]]:
    """Spans of the pipe rows of every table that has its rule (the rows just above the rule and below it), and
    whether the table writes its outer pipes (its rule starts with one): without them, a row's first pipe stands
    after its first cell, which is empty where the row starts with the pipe."""
    lines = [match.span() for match in re.finditer(r"[^\n]*", text) if match.start() == 0 or text[match.start() - 1] == "\n"]
    rules = {i for i, (start, end) in enumerate(lines) if RULE_LINE.fullmatch(text, start, end)}
    rows: dict[int, bool] = {}
    for rule in rules:
        outer = text[lines[rule][0] : lines[rule][1]].lstrip().startswith("|")
        row = _PIPE_ROW if outer else _INNER_PIPE_ROW
        for step in (-1, 1):
            index = rule + step
            while 0 <= index < len(lines) and index not in rules and row.fullmatch(text, *lines[index]):
                rows[index] = outer
                index += step
    return [(*lines[i], rows[i]) for i in sorted(rows)]


def outer_pipes(source: str, row_start: int) -> bool:
    """Whether the Markdown table of the row starting at `row_start` writes its outer pipes: the nearest rule
    line above the row starts with one (`|---|---|`), or there is none (`nlp.tables.reportlines` counts a row's
    empty leading cells by its pipes)."""
    rules = list(RULE_LINE.finditer(source, max(0, row_start - RULE_LOOKBACK), row_start))
    return not rules or rules[-1].group().lstrip().startswith("|")


def markdown_tables_as_tabs(text: NormalizedText) -> NormalizedText:
    """The rows of Markdown tables as tab rows (edges gone, every inner `|` a tab), their rule lines dropped."""
    if "|" not in text.text or "---" not in text.text:
        return text
    rows = _table_rows(text.text)
    if not rows:
        return text
    row_starts = [start for start, _, _ in rows]

    def cell_boundary(match: re.Match[str]) -> str:
        at = bisect_right(row_starts, match.start()) - 1
        if at < 0 or match.start() > rows[at][1]:
            return match.group()
        start, end, outer = rows[at]
        return "" if outer and (match.start() == start or match.end() == end) else "\t"

    text = text.sub(_PIPE, cell_boundary, needs="|")
    return text.sub(_RULE_LINE_AND_BREAK, "", needs="-")


def drop_markdown_marks(text: NormalizedText) -> NormalizedText:
    """Pictures' image links, escapes and pipe tables as plain text (see the module's docstring)."""
    text = text.sub(_IMAGE_LINE, "", needs="!")
    text = text.sub(_IMAGE, r"\1", needs="!")
    text = text.sub(_ESCAPE, "", needs="\\")
    text = text.sub(_UNDERLINE, "", needs=("===", "---"))
    if any(marker in text.text for marker in ("- ", "* ", "+ ")) and len(_LIST_MARKER.findall(text.text)) >= LIST_ITEMS_MIN:
        text = text.sub(_LIST_MARKER, "", needs="-*+")
    return markdown_tables_as_tabs(text)
