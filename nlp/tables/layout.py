"""From the lines of a table region to label + number rows, whatever layout extraction left.

Layouts met in the wild, all read by the same two steps:

* tab-separated rows (`规章\t0\t0\t0`), `|`-separated rows from HTML or Markdown
  (`规章 | 0 | 0 | 0`), and whitespace-separated rows from PDF text (`规章 1 0 11`);
* one cell per line (.docx): a label line followed by one line per number;
* PDF rows whose label wraps around the numbers (`（二）部分公开（区分处理的，只计这一情` /
  `447 7 0 0 0 0 454` / `形，不计其他情形）`) or whose characters are spread (`自 然人`);
* cells glued into digit runs by web pages (`规范性文件6233440`).

Step one, `tokenize_line`, cuts a line into text, number, blank (`—`, `/`, `无`) and empty-cell
tokens. Step two, `group_lines`, turns the token stream into `Group`s: the numbers of one row
with the label text on their own line (`inline`), the loose text lines before them and after them.
Which row a group is, is decided by the caller (`nlp.tables.align`); how its numbers fill the
row's columns is `place`, which copes with missing and extra numbers and digit runs, and says
when it cannot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from nlp.normalize import PAGE_NUMBER
from nlp.tables.digits import MAX_PART_DIGITS, Block, blocks_hold, decode_runs
from nlp.tables.schema import compact

# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

TEXT, NUM, BLANK, EMPTY = "text", "num", "blank", "empty"


@dataclass(frozen=True)
class Token:
    kind: str  # text | num | blank | empty
    raw: str
    value: int | float | None = None
    #: A note printed inside the cell after its number (`22（其中修订16件）` → `其中修订16件`).
    note: str = ""

    @property
    def is_value(self) -> bool:
        return self.kind in (NUM, BLANK)


@dataclass
class Line:
    index: int
    raw: str
    tokens: list[Token]
    #: Cells came from explicit separators (tab, `|`), so empty cells keep their position.
    separated: bool
    #: The line's text tokens, compact (see `nlp.tables.schema.compact`).
    text: str = field(init=False)
    values: list[Token] = field(init=False)

    def __post_init__(self) -> None:
        self.text = compact("".join(t.raw for t in self.tokens if t.kind == TEXT))
        self.values = [t for t in self.tokens if t.is_value]


#: Cells that print "nothing" (TABLES.md: null where the cell is blank, `—`, `/` or `无`).
BLANK_MARKS = frozenset({"—", "——", "–", "-", "--", "―", "─", "－", "/", "／", "\\", "无", "空", "×"})
#: Characters that make a preceding number part of the text (`2020年`, `16 件`, `98.9%`).
UNIT_CHARS = frozenset("年月日号时分秒件条个项次人名户家所份期场篇例岁倍批套台辆张册字天周%％‰页")

_PAGE_MARK = re.compile(rf"^\s*{PAGE_NUMBER}\s*$")
_RULE_CELL = re.compile(r"^:?[-—–=_]{3,}:?$")
_NUMBER = r"[+\-−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?"
#: A cell's number with its unit (`2笔`, `984361元`, `11批`).
_VALUE_CELL = re.compile(rf"^({_NUMBER})\s*(?:万元|元|件|个|项|条|次|人|笔|批|宗|起|户|家|份)?$")
_NOTED_CELL = re.compile(rf"^({_NUMBER})\s*[（(]([^）)]*)[）)]\s*$")
_DIGIT_RUN = re.compile(r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_ITEM_MARK = re.compile(r"[.、．]")
_SEPARATOR_ONLY = re.compile(r"^[,，、;；]+$")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_OPEN, _CLOSE = "（(【[", "）)】]"
#: The most digits a cell, or a run of glued cells (table 四's fifteen), can have; a longer string
#: of digits (an identifier, a dump) is text, and `int()` refuses strings over 4,300 digits anyway.
MAX_NUMBER_DIGITS = 15 * MAX_PART_DIGITS


def _fits(number: str) -> bool:
    return sum(c.isdigit() for c in number) <= MAX_NUMBER_DIGITS


def parse_number(raw: str) -> int | float:
    """`1,234` → 1234, `96171.6` → 96171.6, `−3` → -3."""
    text = raw.replace(",", "").replace("，", "").replace("−", "-").replace("+", "")
    return float(text) if "." in text else int(text)


def is_furniture(line: str) -> bool:
    """Page numbers (`- 3 -`, `第3页`) and Markdown rules (`---|---`) carry no cell."""
    stripped = line.strip()
    if _PAGE_MARK.match(stripped):
        return True
    cells = [c.strip() for c in stripped.strip("|").split("|")]
    return len(cells) > 0 and all(_RULE_CELL.match(c) for c in cells if c) and any(cells)


def _value_token(cell: str) -> Token | None:
    """A cell that is exactly one value (with an optional unit or note), else None."""
    if cell in BLANK_MARKS:
        return Token(BLANK, cell)
    match = _VALUE_CELL.match(cell)
    if match and _fits(match.group(1)):
        return Token(NUM, cell, parse_number(match.group(1)))
    match = _NOTED_CELL.match(cell)
    if match and _fits(match.group(1)):
        return Token(NUM, cell, parse_number(match.group(1)), note=match.group(2).strip())
    return None


def _scan(piece: str, next_char: str = "") -> list[Token]:
    """Cut one whitespace-free piece into text and number tokens.

    A digit run is a cell unless the text says otherwise: a unit after it (`2020年`), `第`
    before it, brackets around it, or `.`/`、` plus text after it (an item number, `1.属于…`;
    a glued run such as `00000002.其他…` gives its last digit to the item number).
    """
    tokens: list[Token] = []
    depth = 0
    last = 0
    for match in _DIGIT_RUN.finditer(piece):
        start, end = match.span()
        before = piece[last:start]
        depth += sum(before.count(c) for c in _OPEN) - sum(before.count(c) for c in _CLOSE)
        run = match.group(0)
        following = piece[end : end + 1] or next_char
        after_next = piece[end + 1 : end + 2]
        preceding = piece[start - 1 : start] if start else ""
        is_text = depth > 0 or preceding == "第" or following in UNIT_CHARS or not _fits(run)
        item_split = None
        if not is_text and end < len(piece) and _ITEM_MARK.match(following) and not after_next.isdigit():
            if len(run) > 1 and run.isdigit() and after_next:
                item_split = len(run) - 1  # `…秘密00000002.其他` → cells `0000000`, item `2.`
            else:
                is_text = True
        if before and not (_SEPARATOR_ONLY.match(before) and tokens and tokens[-1].kind == NUM):
            tokens.append(Token(TEXT, before))
        if is_text:
            tokens.append(Token(TEXT, run))
        elif item_split is not None:
            tokens.append(Token(NUM, run[:item_split], parse_number(run[:item_split])))
            tokens.append(Token(TEXT, run[item_split:]))
        else:
            tokens.append(Token(NUM, run, parse_number(run)))
        last = end
    if last < len(piece):
        tokens.append(Token(TEXT, piece[last:]))
    return tokens


def _scan_unseparated(text: str) -> list[Token]:
    """Tokens of a line without explicit cell separators (PDF text, web pages)."""
    pieces = _BRACKETED.sub(lambda m: re.sub(r"\s+", "", m.group(0)), text).split()
    tokens: list[Token] = []
    for i, piece in enumerate(pieces):
        following = pieces[i + 1] if i + 1 < len(pieces) else ""
        value = _value_token(piece)
        if value is not None:
            if value.kind == NUM and following[:1] in UNIT_CHARS:  # `2024 年`, `16 件`
                tokens.append(Token(TEXT, piece))
            elif value.kind == BLANK and piece == "无" and following and _value_token(following) is None:
                tokens.append(Token(TEXT, piece))  # `无 法提供` is a broken word, not a blank cell
            else:
                tokens.append(value)
            continue
        if piece[:1] in "(（" and tokens and tokens[-1].kind == NUM and piece[-1:] in "）)":
            last = tokens.pop()  # `22 （其中修订16件）`: a note on the number before
            tokens.append(Token(NUM, last.raw, last.value, note=piece.strip("（()）")))
            continue
        tokens.extend(_scan(piece, following[:1]))
    return tokens


def _scan_cell(cell: str) -> list[Token]:
    """Tokens of one explicit cell: a value, or text, or a label with its numbers after spaces."""
    if not cell:
        return [Token(EMPTY, "")]
    if _RULE_CELL.match(cell):
        return []
    value = _value_token(cell)
    if value is not None:
        return [value]
    pieces = cell.split()
    if len(pieces) > 1 and all(_value_token(p) is not None for p in pieces):
        return [_value_token(p) for p in pieces]  # type: ignore[misc]
    # `行政许可 97` inside one cell: the trailing space-separated values are cells.
    tail: list[Token] = []
    while len(pieces) > 1 and _value_token(pieces[-1]) is not None:
        tail.insert(0, _value_token(pieces.pop()))  # type: ignore[arg-type]
    return [Token(TEXT, " ".join(pieces))] + tail


_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_prose_text(raw: str) -> bool:
    """A narrative sentence (a `。` inside a long line, or a long line ending with one)."""
    if "。" not in raw:
        return False
    cjk = len(_CJK.findall(raw))
    return cjk >= 15 and "。" in raw.rstrip("。 ") or cjk >= 20


def tokenize_line(text: str, index: int = 0) -> Line | None:
    """Cut a line into tokens; None for page furniture. Prose is one text token (never cells)."""
    if not text.strip() or is_furniture(text):
        return None
    if is_prose_text(text):
        return Line(index, text, [Token(TEXT, text)], separated=False)
    line = text.rstrip("\n")
    if "\t" in line or "|" in line:
        sep = "\t" if "\t" in line else "|"
        raw_cells = line.split(sep)
        if sep == "|":
            if raw_cells and not raw_cells[0].strip():
                raw_cells = raw_cells[1:]
            if raw_cells and not raw_cells[-1].strip():
                raw_cells = raw_cells[:-1]
        tokens: list[Token] = []
        for cell in raw_cells:
            tokens.extend(_scan_cell(cell.strip()))
        return Line(index, line, _merge_text(tokens), separated=True)
    return Line(index, line, _merge_text(_scan_unseparated(line)), separated=False)


def _merge_text(tokens: list[Token]) -> list[Token]:
    """Adjacent text tokens as one (`1` + `.属于国家秘密`)."""
    merged: list[Token] = []
    for token in tokens:
        if token.kind == TEXT and merged and merged[-1].kind == TEXT:
            merged[-1] = Token(TEXT, merged[-1].raw + token.raw)
        else:
            merged.append(token)
    return merged


# --------------------------------------------------------------------------------------------
# Groups: the numbers of one row and the text around them
# --------------------------------------------------------------------------------------------

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
    spanned columns and are dropped; empty cells at the end of a row are dropped; empty cells at
    the start of an unlabeled row or between numbers are kept as blank cells (see `place`).
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
    for text, row in segments:
        while row and row[-1].kind == EMPTY:
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
    return groups


# --------------------------------------------------------------------------------------------
# Placing a row's numbers into its columns
# --------------------------------------------------------------------------------------------

EXACT, POSITIONAL, EXTRA_DROPPED, DECODED, UNPLACEABLE = "exact", "positional", "extra_dropped", "decoded", "unplaceable"
#: How many surplus numbers a row may carry before we stop guessing which to drop.
MAX_EXTRA = 3


@dataclass
class Placement:
    values: tuple[int | float | None, ...] | None
    how: str
    detail: str = ""
    candidates: list[tuple] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.values is not None


def place(cells: Sequence[Token], count: int, blocks: Sequence[Block] = ()) -> Placement:
    """Fill `count` columns from a row's printed cells, or say why it cannot be done.

    * as many values as columns: taken in order;
    * fewer, but blank cells at the start of an unlabeled row or between numbers make up the
      count: the blanks are null cells;
    * more: each way of dropping the surplus is tried; kept when all ways give the same values,
      or when exactly one satisfies the row's arithmetic (`blocks`);
    * fewer, printed as one or two long digit runs: `nlp.tables.digits` decodes them when exactly
      one split satisfies the arithmetic; a row without arithmetic (table 二) is decoded only when
      its run is all zeros, since a split forced by the digit count alone (`755` → 7, 5, 5) proves
      nothing.
    Anything else is unplaceable: the caller leaves the cells out and warns.
    """
    values = [t for t in cells if t.is_value]
    if len(values) == count:
        return Placement(tuple(t.value for t in values), EXACT)
    positional = [t for t in cells if t.is_value or t.kind == EMPTY]
    if len(values) < count and len(positional) == count:
        return Placement(tuple(t.value for t in positional), POSITIONAL, "empty cells read as blank")
    if len(values) > count:
        return _drop_extra(values, count, blocks)
    runs = [t.raw for t in values]
    glued = (
        values
        and all(t.kind == NUM and t.raw.isdigit() for t in values)
        # few long runs, or runs of which one must hold two cells: no number starts with 0
        # (`0 0 010 0` is 0, 0, 0, 10, 0)
        and (len(values) <= max(1, count // 3) or any(len(r) > 1 and r[0] == "0" for r in runs))
        and sum(len(r) for r in runs) >= count
    )
    if glued and not blocks and any(set(r) != {"0"} for r in runs):
        # Without arithmetic a split is unique only by digit count (`755` → 7, 5, 5), which is
        # no evidence: the run may be part of a row (`755-3578`). Only zeros are safe.
        return Placement(None, UNPLACEABLE, f"digit run {' '.join(runs)} for {count} columns and no arithmetic to split it by")
    if glued:
        decoded, candidates = decode_runs(runs, count, blocks)
        if decoded is not None:
            how = "split by the row's arithmetic" if blocks else "read as zeros"
            return Placement(decoded, DECODED, f"digit run {' '.join(runs)} {how}")
        if candidates:
            return Placement(None, UNPLACEABLE, f"digit run {' '.join(runs)} splits {len(candidates)}+ ways", candidates[:5])
        return Placement(None, UNPLACEABLE, f"digit run {' '.join(runs)} does not split into {count} cells that add up")
    return Placement(None, UNPLACEABLE, f"{len(values)} numbers for {count} columns")


def _drop_extra(values: Sequence[Token], count: int, blocks: Sequence[Block]) -> Placement:
    surplus = len(values) - count
    if surplus > MAX_EXTRA:
        return Placement(None, UNPLACEABLE, f"{len(values)} numbers for {count} columns")
    options = list(
        dict.fromkeys(
            tuple(t.value for i, t in enumerate(values) if i not in dropped) for dropped in combinations(range(len(values)), surplus)
        )
    )
    if len(options) == 1:
        return Placement(options[0], EXTRA_DROPPED, f"{surplus} surplus number(s) dropped; every choice gives the same cells")
    holding = [o for o in options if blocks_hold(o, blocks)] if blocks else []
    if len(holding) == 1:
        return Placement(holding[0], EXTRA_DROPPED, f"{surplus} surplus number(s) dropped; one choice satisfies the arithmetic")
    return Placement(None, UNPLACEABLE, f"{len(values)} numbers for {count} columns; {len(holding) or len(options)} readings fit", (holding or options)[:5])
