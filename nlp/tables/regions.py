"""Where each table stands in a report's lines, found from the tables' own words.

The section structure is not trusted for this: a lost heading puts table 三's rows under section
二 (seed 000), `四、结转下年度继续办理` looks like a section heading, and some reports append the
tables after the narrative under restarted numbering. A table starts at its title line when the
lines after it carry the table's headers or rows (`主动公开政府信息情况` followed by `第二十条`),
or else at its first recognisable row; it ends where the next table starts, at the title of a
later section (`存在的主要问题`, `其他需要报告的事项`, …), or at narrative prose after its numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.tables.layout import Line
from nlp.tables.schema import REVIEW_COLUMNS, REVIEW_ROWS, TABLE_KEYS, names_any_row

#: Lines looked at after a title for the table's own words.
LOOKAHEAD = 15
#: A title line is short; longer lines are prose that mention the title's words.
MAX_TITLE_CHARS = 40
#: A longer line is still the title when the title opens it (`四、政府信息公开` + `行政复议…情况`, then the table).
GLUED_TITLE_OFFSET = 10

TITLES: dict[str, re.Pattern[str]] = {
    "active": re.compile(r"主动公开政府信息(?:的)?(?:情况|统计)"),
    "requests": re.compile(r"(?:收到|受理)(?:和|及|与)?处理政府信息公开申请(?:的)?情况|依申请公开(?:政府信息)?(?:的)?(?:情况|统计)"),
    "review_litigation": re.compile(r"行政复议.{0,3}行政诉讼(?:的)?(?:情况|统计)|复议.{0,2}诉讼(?:的)?情况"),
}
MARKERS: dict[str, re.Pattern[str]] = {
    "active": re.compile(r"第二十条|信息内容|制发件数|新制作|规章|规范性文件|行政许可|行政处罚|行政强制|事业性收费"),
    "requests": re.compile(r"申请人情况|自然人|本年新收|新收政府信息|勾稽|上年结转|予以公开"),
    "review_litigation": re.compile(r"结果维持|尚未审结|未审结|未经复议|直接起诉|复议后|维持纠正"),
}
#: Titles of the sections after the tables (and of legacy extra tables) end a table region.
TERMINATORS = re.compile(
    r"存在的?主要问题|主要问题|改进情况|改进措施|其[他它]需要?报告|其[他它]事项|机构建设|组织保障|总体情况|会议和培训"
)


@dataclass
class Region:
    table: str
    start: int
    end: int
    #: The title line that opened it, or None where the table was found by its rows.
    title: str | None = None


def is_prose(line: Line) -> bool:
    """Narrative sentences (a `。` in a long line) are never table rows."""
    return line.prose


def _title_end(line: Line, table: str) -> int | None:
    """Where the table's title ends in `line`, if the line is the title: a short line without
    numbers, or (crawled text, glued) a line that starts with the title and runs on into the
    table's headers and numbers (`四、…行政诉讼情况行政复议行政诉讼…审结10 1 0 …`)."""
    text = line.text
    match = TITLES[table].search(text)
    if match is None:
        return None
    if not line.values and len(text) <= MAX_TITLE_CHARS:
        return match.end()
    if match.start() <= GLUED_TITLE_OFFSET and not is_prose(line):
        return match.end()
    return None


def _is_title(line: Line, table: str) -> bool:
    return _title_end(line, table) is not None


def closes_table(line: Line) -> bool:
    """A line that ends a table where it stands: a table's title or a section heading (short, no numbers)."""
    if line.values or is_prose(line):
        return False
    return any(_is_title(line, table) for table in TABLE_KEYS) or (len(line.text) <= MAX_TITLE_CHARS and TERMINATORS.search(line.text) is not None)


def _verified(lines: Sequence[Line], position: int, table: str) -> bool:
    end = _title_end(lines[position], table)
    if end is not None and MARKERS[table].search(lines[position].text[end:]):
        return True  # the headers glued to the title
    for line in lines[position + 1 : position + 1 + LOOKAHEAD]:
        if MARKERS[table].search(line.text) and not is_prose(line):
            return True
    return table == "review_litigation" and _bare_review_run_follows(lines, position)


def _holds_table(lines: Sequence[Line], position: int, table: str) -> bool:
    """The table's headers or rows (its words, not prose) stand under the title at `position` before the next table's
    title or section heading."""
    end = _title_end(lines[position], table)
    if end is not None and MARKERS[table].search(lines[position].text[end:]):
        return True
    for line in lines[position + 1 : position + 1 + LOOKAHEAD]:
        if closes_table(line):
            return False
        if MARKERS[table].search(line.text) and not is_prose(line) and not _COUNT_IN_WORDS.search(line.text):
            return True
    return False


#: A count with its measure word (`收到申请26件`, `上年结转1件`): a sentence's words, wrapped onto a short line by a
#: PDF's layout, not a table's header or row (whose cells hold bare numbers). The overview's `（二）依申请公开情况`
#: over `…共收到政府信息公开申请26件，上年结转1件，…` holds no table.
_COUNT_IN_WORDS = re.compile(r"\d\s*(?:件|条|次|人次)")


#: Lines after table 四's title looked at for its cells without their headers (fifteen numbers on lines of
#: their own, blank lines between).
_BARE_RUN_LOOKAHEAD = 40


def _bare_review_run_follows(lines: Sequence[Line], position: int) -> bool:
    """Table 四's cells stand right under its title with no header (a page that drew the headers as an image, or
    a crawl that lost them): the template fixes their order, so a run of fifteen is the table; a run of two
    thirds of that or more is the table too, whose cells the extraction then says it could not place. The run
    is one line of cells or lines of bare numbers, up to the first line with words."""
    numbers = 0
    for line in lines[position + 1 : position + 1 + _BARE_RUN_LOOKAHEAD]:
        if is_prose(line) or line.text:
            break
        if line.values and len(line.tokens) >= _BARE_RUN_CELLS:  # empty cells count
            return True
        numbers += len(line.values)
    return numbers >= _BARE_RUN_CELLS


#: Cells of a run under table 四's title that make it the table (`_bare_review_run_follows`).
_BARE_RUN_CELLS = len(REVIEW_ROWS) * len(REVIEW_COLUMNS) * 2 // 3


def _first_row(lines: Sequence[Line], table: str, after: int) -> int | None:
    """The first line that is a row of `table` (label + numbers) or its column header."""
    for position, line in enumerate(lines[after:], start=after):
        if is_prose(line):
            continue
        if table == "review_litigation":
            if MARKERS[table].search(line.text) and len(line.text) <= 80:
                return line.index
            continue
        if _cells_at_least(line, 7 if table == "requests" else 1) and names_any_row(table, line.text):
            return line.index
        if table == "requests" and re.search(r"申请人情况|本年新收", line.text):
            return line.index
        if table == "requests" and not line.values and _stacked_row_follows(lines, position) and names_any_row(table, line.text):
            return line.index  # a label over one number per line (a page printing every number alone)
        if table == "requests" and _label_run_follows(lines, position, table):
            # rows printed all blank under a lost title and header: their labels alone, from the first (a wrapped
            # label's first part names no row: the lines before the run back to another table's words)
            while position > after and _label_fragment(lines[position - 1], table):
                position -= 1
            return lines[position].index
        if table == "active" and line.text.startswith("第二十条"):
            return line.index
    return None


#: Rows of a table named one a line, without a number, that make a run of its rows (`_label_run_follows`).
_LABEL_RUN = 3


def _label_run_follows(lines: Sequence[Line], position: int, table: str) -> bool:
    """Line `position` and the lines after it name rows of `table` by their labels alone, each on its own line, no
    number and no prose among them: the table's rows printed all blank (zeros printed as empty cells) where its title
    and header were lost. Found, the region's rows are read or warned (`extract`), never lost without a word."""
    run = lines[position : position + _LABEL_RUN]
    return len(run) == _LABEL_RUN and all(not line.values and not is_prose(line) and names_any_row(table, line.text) for line in run)


def _label_fragment(line: Line, table: str) -> bool:
    """A line that may be (part of) a blank row's label: no number, no prose, no table's title, and no words of
    another table (`信息内容`, `结果维持`)."""
    others = [MARKERS[other] for other in TABLE_KEYS if other != table]
    return (
        bool(line.text) and not line.values and not is_prose(line) and len(line.text) <= MAX_TITLE_CHARS
        and not any(_is_title(line, t) for t in TABLE_KEYS) and not any(marker.search(line.text) for marker in others)
        and not TERMINATORS.search(line.text)
    )


def _stacked_row_follows(lines: Sequence[Line], position: int) -> bool:
    """Seven lines of one bare number each follow line `position` (a row of table 三)."""
    following = lines[position + 1 : position + 8]
    return len(following) == 7 and all(len(line.values) == 1 and not line.text for line in following)


def _cells_at_least(line: Line, count: int) -> bool:
    """The line's numbers could fill `count` cells: as many numbers, or digit runs as long (a row
    whose separators were lost, `…行政查询事项0000000`)."""
    if len(line.values) >= min(count, 3):
        return True
    return sum(len(t.raw) for t in line.values if t.raw.isdigit()) >= count


def _titled(lines: Sequence[Line]) -> frozenset[str]:
    """Tables whose title words stand in some line: one search of the lines joined, where most
    reports have no title of some table and asking each line is a call per line and table."""
    joined = "\n".join(line.text for line in lines)
    return frozenset(table for table in TABLE_KEYS if TITLES[table].search(joined))


def titles_present(lines: Sequence[Line]) -> set[str]:
    """Tables whose title line appears anywhere, with or without a table under it."""
    titled = _titled(lines)
    return {table for table in TABLE_KEYS if table in titled and any(_is_title(line, table) for line in lines)}


def locate_regions(lines: Sequence[Line]) -> dict[str, Region]:
    """The region of each table found in `lines` (indexes into `lines`, not `Line.index`)."""
    indexed = list(lines)
    position_of = {line.index: i for i, line in enumerate(indexed)}
    starts: dict[str, tuple[int, str | None]] = {}
    titled = _titled(indexed)
    for table in TABLE_KEYS:
        if table not in titled:
            continue
        # The first title with the table's own words under it before the next title: a section's title whose table
        # stands elsewhere (`详见附件1。`, the table after the sign-off under `附件1` and its title) is not its start;
        # where no verified title holds them, the first verified.
        first = None
        for i, line in enumerate(indexed):
            if _is_title(line, table) and _verified(indexed, i, table):
                first = i if first is None else first
                if _holds_table(indexed, i, table):
                    first = i
                    break
        if first is not None:
            starts[table] = (first, indexed[first].raw.strip())
    for table in TABLE_KEYS:
        if table in starts:
            continue
        earlier = [starts[t][0] for t in TABLE_KEYS[: TABLE_KEYS.index(table)] if t in starts]
        found = _first_row(indexed, table, max(earlier, default=0))
        if found is not None:
            starts[table] = (position_of[found], None)
    regions: dict[str, Region] = {}
    boundaries = sorted(start for start, _ in starts.values())
    for table, (start, title) in starts.items():
        end = min([b for b in boundaries if b > start] + [len(indexed)])
        for i in range(start + 1, end):
            line = indexed[i]
            # a sentence that mentions a later section (`无其他需要报告的事项。`) is not its title
            if not line.values and len(line.text) <= MAX_TITLE_CHARS and TERMINATORS.search(line.text) and not is_prose(line):
                end = i
                break
        regions[table] = Region(table, start, end, title)
    return regions
