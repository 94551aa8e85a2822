"""From the lines of a table region to label + number rows, whatever layout extraction left.

Layouts met in the wild, all read by the same two steps:

* tab-separated rows (`规章\t0\t0\t0`), `|`-separated rows from HTML or Markdown
  (`规章 | 0 | 0 | 0`), and whitespace-separated rows from PDF text (`规章 1 0 11`);
* one cell per line (.docx): a label line followed by one line per number;
* PDF rows whose label wraps around the numbers (`（二）部分公开（区分处理的，只计这一情` /
  `447 7 0 0 0 0 454` / `形，不计其他情形）`) or whose characters are spread (`自 然人`);
* cells glued into digit runs by web pages (`规范性文件6233440`).

Step one, `tokenize_line` (`nlp.tables.tokens`), cuts a line into text, number, blank (`—`, `/`,
`无`) and empty-cell tokens. Step two, `group_lines` (this module), turns the token stream into
`Group`s: the numbers of one row with the label text on their own line (`inline`), the loose text
lines before them and after them. Which row a group is, is decided by the caller (`nlp.tables.align`);
how its numbers fill the row's columns is `place` (`nlp.tables.placement`), which copes with missing
and extra numbers and digit runs, and says when it cannot. Both are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from nlp.tables.placement import (
    DECODED,
    EXACT,
    EXTRA_DROPPED,
    MAX_EXTRA,
    POSITIONAL,
    UNPLACEABLE,
    Placement,
    place,
)
from nlp.tables.schema import compact
from nlp.tables.spacecolumns import ITEM_NUMBER
from nlp.tables.tokens import (
    BLANK,
    BLANK_MARKS,
    EMPTY,
    NUM,
    TEXT,
    UNIT_CHARS,
    Line,
    Token,
    is_furniture,
    is_prose_text,
    parse_number,
    tokenize_line,
)

__all__ = [
    "BLANK",
    "BLANK_MARKS",
    "DECODED",
    "EMPTY",
    "EXACT",
    "EXTRA_DROPPED",
    "MAX_EXTRA",
    "NUM",
    "POSITIONAL",
    "TEXT",
    "UNIT_CHARS",
    "UNPLACEABLE",
    "Group",
    "Line",
    "Placement",
    "Token",
    "group_lines",
    "is_furniture",
    "is_header_only",
    "is_prose_text",
    "parse_number",
    "place",
    "tokenize_line",
]


#: Words of the column headers; a line made only of these names no row.
_HEADER_WORDS = re.compile(
    r"申请人情况|自然人|法人或其他组织|法人|其他组织|商业企业|科研机构|社会公益组织|法律服务机构|商业企|科研机|社会公益|法律服务|"
    r"社会公|法律服|益组织?|务机构?|企业|机构|组织|其他|其它|总计|合计|信息内容|本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|"
    r"本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增/?减|处理决定数量|采购项目数量|采购总金额|本年收费金额|"
    r"结果维持|结果纠正|其他结果|尚未审结|未审结|维持|纠正|结果|审结|尚未|数据\d*|数量|类别|项目|单位|万元|[()（）:：,，、.]"
)


def is_header_only(text: str) -> bool:
    """True for compact lines made only of column-header words (`自然人总计`, `商业企业科研机构`)."""
    return bool(text) and not _HEADER_WORDS.sub("", text)


@dataclass
class Group:
    """The numbers of one printed row, with the text that may name it."""

    #: Value tokens in printed order; empty cells kept where their position is meaningful.
    cells: list[Token]
    #: Compact label text printed on the numbers' own line.
    inline: str = ""
    #: Compact loose text lines between the previous group and this one (nearest last).
    before: list[str] = field(default_factory=list)
    #: Compact loose text lines between this group and the next one.
    after: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    #: Built from one-number-per-line layout (.docx).
    stacked: bool = False
    #: The second of two rows whose numbers ran together (its label is not before it).
    second_of_two: bool = False

    @property
    def values(self) -> list[Token]:
        return [t for t in self.cells if t.is_value]

    @property
    def source_text(self) -> str:
        return " / ".join(s.strip() for s in self.source)


def _segments(line: Line) -> tuple[list[tuple[str, list[Token]]], str]:
    """A line's (label, cells) segments and the text after its last numbers.

    `规章000规范性文件6233440` has two segments. Empty cells right after a label are the label's
    spanned columns and are dropped; empty cells at the start of an unlabeled row or between numbers
    are kept as blank cells (see `place`); empty cells at the end of a row are dropped, but for an
    unlabeled line (table 四's run of fifteen: every position a cell, the report's lines giving back
    its trailing tabs, `reportlines`), where they are blank cells as far as the row has columns. After a
    label they may be a grid's padding (an HTML table wider than the row), whose spanned columns the
    label's empty cells already stand for.
    """
    segments: list[tuple[str, list[Token]]] = []
    label: list[str] = []
    cells: list[Token] = []
    for token in line.tokens:
        if token.kind == TEXT:
            if any(c.is_value for c in cells):
                segments.append(("".join(label), cells))
                label = []
            cells = []  # empty cells before a label belong to no row
            label.append(token.raw)
        elif token.kind == EMPTY:
            if cells or not label:
                cells.append(token)
        else:
            cells.append(token)
    if any(c.is_value for c in cells):
        segments.append(("".join(label), cells))
        label = []
    trimmed = []
    for index, (text, row) in enumerate(segments):
        shown = index == len(segments) - 1 and not text.strip()  # an unlabeled line's last cells, shown blank
        while not shown and row and row[-1].kind == EMPTY:
            row = row[:-1]
        trimmed.append((compact(text), row))
    return trimmed, compact("".join(label))


def group_lines(lines: Sequence[Line]) -> list[Group]:
    """Groups of numbers in reading order, each with its inline, before and after text."""
    groups: list[Group] = []
    loose: list[str] = []
    last_line_stacked = False

    def add_loose(text: str) -> None:
        if not text or is_header_only(text):
            return
        loose.append(text)
        if groups:
            groups[-1].after.append(text)

    for line in lines:
        segments, trailing = _segments(line)
        single = len(segments) == 1 and not segments[0][0] and not trailing and len([c for c in segments[0][1] if c.is_value]) == 1
        if single:
            token = next(c for c in segments[0][1] if c.is_value)
            if last_line_stacked and groups:
                groups[-1].cells.append(token)
                groups[-1].lines.append(line.index)
                groups[-1].source.append(line.raw)
            else:
                groups.append(Group([token], before=loose, lines=[line.index], source=[line.raw], stacked=True))
                loose = []
            last_line_stacked = True
            continue
        last_line_stacked = False
        if not segments:
            add_loose(trailing)
            continue
        for text, cells in segments:
            groups.append(Group(list(cells), inline=text, before=loose, lines=[line.index], source=[line.raw]))
            loose = []
        add_loose(trailing)
    _join_top_aligned_labels(groups)
    return groups


def _join_top_aligned_labels(groups: list[Group]) -> None:
    """Labels set at the top of their cell: the numbers stand on the label's first line, which starts with the
    row's item number (`（一）  3 1 0 0 0 0 4` / `予以公` / `开` / `（二）  0 0 …`, a narrow label column copied with
    its layout). Where two neighbouring rows both start so, the loose lines between them are the rest of the
    upper row's label, not the start of the lower's: read as the lower's they would give it its neighbour's
    name and shift rows. A row whose numbers stand mid-label (centred) starts no line with its item number, and
    is left as it was; so are loose lines one of which starts with an item number (a row of its own) or runs wider
    than the upper label's first line (text of another kind: the cell wraps each line at its width)."""
    for upper, lower in zip(groups, groups[1:], strict=False):
        if upper.stacked or lower.stacked or not lower.before:
            continue
        # a loose line starting with its own item number is a row of its own (`（三）不予公开` over its items)
        if any(ITEM_NUMBER.match(text) for text in lower.before):
            continue
        # the rest of a label wrapped in its cell is no wider than the cell's first line (the upper's own text)
        if upper.lines[-1] >= lower.lines[0] or any(len(text) > len(upper.inline) + 1 for text in lower.before):
            continue
        if ITEM_NUMBER.match(upper.inline) and ITEM_NUMBER.match(lower.inline):
            upper.inline += "".join(lower.before)
            lower.before = []
