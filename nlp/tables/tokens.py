"""Step one of reading a table region: a line → text, number, blank (`—`, `/`, `无`) and empty-cell tokens.

Separated rows (tabs, `|`) are cut at their separators; unseparated PDF rows and cells glued into
digit runs by web pages are scanned character by character. Prose is one text token, never cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.normalize import PAGE_NUMBER
from nlp.normalize.lines import UNIT_CHARS
from nlp.structure.kinds import NOTE_OPENERS
from nlp.tables.digits import MAX_PART_DIGITS
from nlp.tables.schema import compact

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
    #: A narrative sentence (`is_prose_text`), asked of every line by each table's search: kept once.
    prose: bool = field(init=False)

    def __post_init__(self) -> None:
        self.text = compact("".join(t.raw for t in self.tokens if t.kind == TEXT))
        self.values = [t for t in self.tokens if t.is_value]
        self.prose = is_prose_text(self.raw)


#: Cells that print "nothing" (TABLES.md: null where the cell is blank, `—`, `/` or `无`).
BLANK_MARKS = frozenset({"—", "——", "–", "-", "--", "―", "─", "－", "/", "／", "\\", "无", "空", "×"})

_PAGE_MARK = re.compile(rf"^\s*{PAGE_NUMBER}\s*$")
_LEADING_PAGE_MARK = re.compile(r"^\s*[-—–－]+[ \t]*\d{1,3}[ \t]*[-—–－]+\s+(?=(?:\d{1,2}[.、．])?[（(]?[\u4e00-\u9fff])")
_RULE_CELL = re.compile(r"^:?[-—–=_]{3,}:?$")
_RULE_PIECE = re.compile(r"^:?[-—–=_]+:?$")
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


#: What a page number (a dash, 页, a slash) or a rule cell (dashes, `=`, `_`) holds one of.
_FURNITURE_MARK = re.compile(r"[-—–－=_页/]")


def is_furniture(line: str) -> bool:
    """Page numbers (`- 3 -`, `第3页`) and Markdown rules (`---|---`) carry no cell."""
    stripped = line.strip()
    if _FURNITURE_MARK.search(stripped) is None:  # most lines: neither can match
        return False
    if _PAGE_MARK.match(stripped):
        return True
    cells = [c.strip() for c in stripped.strip("|").split("|")]
    if len(cells) > 1 and all(_RULE_PIECE.match(c) for c in cells if c) and any(_RULE_CELL.match(c) for c in cells):
        # a rule hard-wrapped at a fixed width (`---|---|--` / `-|---`): only its end cells are short
        return all(_RULE_CELL.match(c) for c in cells[1:-1] if c)
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


#: At least 15 (20) CJK characters, matched from the start: the scan stops at the 15th (20th), where
#: counting them all (`findall`) went to the end of every long line of prose.
_CJK_15 = re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){15}")
_CJK_20 = re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){20}")


def is_prose_text(raw: str) -> bool:
    """A narrative sentence (a `。` inside a long line, or a long line ending with one): at least 15
    CJK characters and a `。` before the end, or at least 20 and a `。` anywhere."""
    if "。" not in raw:
        return False
    return _CJK_20.match(raw) is not None or (_CJK_15.match(raw) is not None and "。" in raw.rstrip("。 "))


#: An attachment's number (`附件1：…统计表`, `详见附件2`, `附表3`): the attachment's, no figure of a table.
_ATTACHMENT_MARK = re.compile(r"(附[件表])[ \t]*([1-9]|1[0-9])(?!\d)")
_CHINESE_NUMBERS = "〇一二三四五六七八九十"


def _attachment_number_as_words(match: re.Match[str]) -> str:
    number = int(match.group(2))
    return match.group(1) + (_CHINESE_NUMBERS[number] if number <= 10 else "十" + _CHINESE_NUMBERS[number - 10])


#: A table's note (`注：本镇无规章制定权，规章项均为0。`, `说明：…`): a sentence about the table, its figures no cells
#: (else `规章…0` read as a second row of 规章 beside the printed one, and neither could be placed).
_NOTE_LINE = re.compile(rf"^\s*(?:{NOTE_OPENERS})\s*\d{{0,2}}\s*[:：][^\t|]*[。；;]\s*$")


def tokenize_line(text: str, index: int = 0) -> Line | None:
    """Cut a line into tokens; None for page furniture. Prose is one text token (never cells), and so is a note."""
    if not text.strip() or is_furniture(text):
        return None
    if "附" in text:
        text = _ATTACHMENT_MARK.sub(_attachment_number_as_words, text)
    if is_prose_text(text) or _NOTE_LINE.match(text):
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
            if _PAGE_MARK.match(cell):
                # a PDF's page number run into a row's first cell at a page break (`- 3 -\f\t3.补正后…`)
                continue
            tokens.extend(_scan_cell(cell.strip()))
        return Line(index, line, _merge_text(tokens), separated=True)
    # a PDF's page number run into a row at a page break (`- 3 - 2.没有现成信息… 1 1`): before a label, never a cell
    line = _LEADING_PAGE_MARK.sub("", line)
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
