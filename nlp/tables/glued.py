"""Table rows glued into one line, cut back into rows.

Crawlers that drop block boundaries save a report's tables as one line: rows glued label to
numbers to label (`（一）予以公开 22 0 0 0 0 0 22（二）部分公开…`, with or without the spaces),
titles glued to the text on both sides (`…现行有效件数规章 1 0 11行政规范性文件 8 26 66第二十条…`),
and, from PDFs, the characters of a vertical label cell interleaved one per row (`…31年3.危及…`,
`三、本年度办理结果` spread over the rows it spans). `unglue` cuts such a line where a row starts:

* before a row label that follows numbers (`11行政规范性文件`, `3119二、上年结转`,
  `1362（二）部分公开`): numbers never run into their own row's label;
* before an item label (`（三）`, `4.保护…`) that follows text, and before the fixed first-level
  labels of table 三 (`一、本年新收`, `四、结转下年度`) and the tables' titles, wherever they stand;
* around one or two stray characters between numbers and a label (`…31年3.危及`): the characters
  of a vertical label, not a unit (`年`) of the number.

A line of a well-formed table has no such boundary and is left as it is; prose is left alone too
(its enumerations are not cut: a sentence stays a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A Markdown table's rule glued between two rows (`… | 0 ---|---|--- 3.危及…`): the pattern the normaliser reads rule lines by.
from nlp.normalize.markdown import RULE as MARKDOWN_RULE
from nlp.tables.layout import UNIT_CHARS, is_furniture, is_prose_text

_CJK = r"\u4e00-\u9fff"
_NUMERAL = "一二三四五六七八九十"
#: Labels that start a row of table 二 or 四 by their name alone.
_ROW_NAMES = (
    r"(?:行政)?规范性文件|规章|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购|第二十条"
)
#: An item label: `（三）`, `4.` / `4、` before text. Items run 1 to 8, so in `…0000012` + `7.属于…`
#: the item is the last digit before the dot.
_ITEM = rf"[（(][{_NUMERAL}]{{1,2}}[）)]|[1-9][.、．] ?(?=[{_CJK}“\"「])"
#: Labels cut wherever they stand: table 三's first-level rows and the three tables' titles.
_FIXED = (
    r"[一二三四][、.．](?=本年(?:度)?新收|上年(?:度)?结转|本年度办理结果|结转下年度)"
    r"|[二三四][、.．](?=主动公开政府信息|收到和处理政府信息公开申请|政府信息公开行政复议)"
    r"|[五六][、.．](?=存在的?主要问题|其[他它]需要报告)"
)
#: Numbers (or a blank mark) then, after optional spaces, a row label or an item label.
_AFTER_NUMBER = re.compile(rf"(?<=[\d—/])([ \t]*)(?=(?:{_ROW_NAMES})|(?:{_ITEM})|[{_NUMERAL}][、.．](?=[{_CJK}]))")
#: Text, then an item label (`（三）不4.保护…`: a vertical label's characters before the item).
_AFTER_TEXT = re.compile(rf"(?<=[{_CJK}）)”\"])(?<!第)[ \t]*(?=(?:{_ITEM}))")
_FIXED_LABEL = re.compile(rf"(?<![{_NUMERAL}第])(?={_FIXED})")
#: One or two characters stranded between numbers and an item label.
_STRAY = re.compile(rf"(?<=\d)([{_CJK}]{{1,2}})(?=[ \t]*(?:{_ITEM}))")
#: The rest of one of table 三's vertical group labels (`（三）不` / `予公开`, a label cell spanning rows), glued
#: after a row's last number and before a cell separator (`… | 0 予公开 | 5.属于…`): not part of the cell.
_GROUP_LABEL_RESTS = ("予公开", "法提供", "予处理", "他处理")
_GROUP_LABEL_REST = re.compile(rf"(?<=\d)[ \t]*(?=(?:{'|'.join(_GROUP_LABEL_RESTS)})[ \t]*(?:\||$))")
#: A page number printed inside the glued text (`- 3 -`).
_PAGE_MARK = re.compile(r"[-－—]\s*\d{1,3}\s*[-－—](?=\D)")
#: A row's numbers printed inside its wrapped label's brackets (`（区分处理的，只计这一情 形，不4 0 0 0 0 0
#: 4计其他情形）`): three or more numbers, or a bare run of five or more digits, not a note's count.
_UNITS = re.escape("".join(sorted(UNIT_CHARS)))
_NUMBERS_IN_BRACKETS = re.compile(
    rf"([（(][^（）()\d]*?)(\s*(?:\d+(?:\s+\d+){{2,}}|\d{{5,}})(?![\d{_UNITS}]))\s*([^（）()\d]*[）)])"
)
#: A vertical label's character between two rows' numbers (`0 0 0、0 0 0`).
_BETWEEN_NUMBERS = re.compile(r"(?<=\d)\s*[、，,；;]\s*(?=\d)")
#: A row of cells whose line break was lost after a label line: the first number is glued to
#: the text while the other cells keep their separators (`…府信息1 | 0 | 0`, `…府信息1\t0\t0`).
_ROW_AFTER_TEXT = re.compile(rf"(?<=[{_CJK}）)])(?=\d+(?:\.\d+)?[ ]*(?:\|[ ]*|\t)\d)")
#: A table's note (`注：行政复议、行政诉讼数量含上年度结转数量。`) glued between headers and cells: its
#: own line, so that its full stop does not make the headers and numbers around it prose.
_NOTE = re.compile(r"注[:：][^。|]{0,80}。")
#: A line this short may be a lone number, sign or unit of a page printing every number alone.
SHORT_LINE_CHARS = 12
#: Lines shorter than this are rows or labels already.
MIN_GLUED_CHARS = 40


def _boundaries(line: str) -> list[int]:
    cuts: set[int] = set()
    for match in _AFTER_NUMBER.finditer(line):
        cuts.add(match.end())
    cuts.update(match.end() for match in _GROUP_LABEL_REST.finditer(line))
    for match in _STRAY.finditer(line):
        cuts.update((match.start(), match.end()))
    cuts.update(match.end() for match in _AFTER_TEXT.finditer(line))
    cuts.update(match.start() for match in _FIXED_LABEL.finditer(line))
    cuts.update(match.start() for match in _ROW_AFTER_TEXT.finditer(line))
    for match in _NOTE.finditer(line):
        cuts.update((match.start(), match.end()))
    for match in _BETWEEN_NUMBERS.finditer(line):
        cuts.update((match.start(), match.end()))
    return sorted(c for c in cuts if 0 < c < len(line))


#: What every kind of glued line holds: a figure, a blank mark before a label, a rule's dashes, a note.
_GLUED_NEEDS = re.compile(r"[\d—/\-注]")


def is_glued(line: str) -> bool:
    """A long line with numbers running into a following row label, or Markdown rows run together."""
    # A rule needs its dashes and a row after text its separator: most lines (prose) have neither,
    # and `in` says so before the patterns try every character.
    # narrow enough to look for in short rows too (`…|0|0|0 予公开|`); `in` first, most lines have none
    if ("予" in line or "法提供" in line or "他处理" in line) and _GROUP_LABEL_REST.search(line):
        return True
    return len(line) >= MIN_GLUED_CHARS and _GLUED_NEEDS.search(line) is not None and bool(
        _AFTER_NUMBER.search(line)
        or ("---" in line and MARKDOWN_RULE.search(line))
        or (("|" in line or "\t" in line) and _ROW_AFTER_TEXT.search(line))
        or _glued_note(line)
        or _NUMBERS_IN_BRACKETS.search(line)
        or _rows_after_text(line)
    )


#: Three or more numbers in a row: a row's cells, not a count in a sentence.
_CELL_RUN = re.compile(r"\d+(?:[ \t|]+\d+){2,}|\d{5,}")


def _rows_after_text(line: str) -> bool:
    """Two rows' cells in one line and an item label glued to text between them (`…出 3 16 0 0 0 0
    19具已获取信息（六）其他处理 1.申请人…`: a wrapped label's last characters before the next row)."""
    # the rarer condition first: two runs of cells stand in few lines, an item label after text in many
    return len(_CELL_RUN.findall(line)) >= 2 and bool(_AFTER_TEXT.search(line))


def _glued_note(line: str) -> bool:
    """A table's note with a table's headers or cells glued to it (`…审结注：…结转数量。| 维持 |`):
    without them it is the note's own line, or a sentence of prose that quotes one."""
    match = _NOTE.search(line)
    if match is None:
        return False
    before, after = line[: match.start()].strip(), line[match.end() :].strip()
    # headers and cells have no sentence punctuation; a sentence around a quoted note has
    return bool(before or after) and not any(re.search(r"[。，,；;]", side) for side in (before, after))


def unglue_line(line: str) -> list[str]:
    """`line` cut into rows where rows start (see the module docstring); `[line]` if not glued."""
    if not is_glued(line):
        return [line]
    line = MARKDOWN_RULE.sub("\n", _PAGE_MARK.sub("", line))
    # the numbers go after the label, and end the row: what follows is the next row
    line = _NUMBERS_IN_BRACKETS.sub(lambda m: f"{m.group(1)}{m.group(3)} {m.group(2).strip()}\n", line)
    pieces: list[str] = []
    for part in line.split("\n"):
        start = 0
        for cut in _boundaries(part):
            pieces.append(part[start:cut])
            start = cut
        pieces.append(part[start:])
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        # prose keeps its enumerations: glue a sentence's pieces back together
        if out and is_prose_text(out[-1]) and not re.search(r"\d\s*$", out[-1]) and "。" not in out[-1][-1:] and not _starts_row(piece):
            out[-1] += piece
            continue
        out.append(piece)
    return out


def _starts_row(piece: str) -> bool:
    return bool(re.match(rf"(?:{_ROW_NAMES})|(?:{_ITEM})|{_FIXED}", piece))


_BARE_NUMBER = re.compile(r"^\s*\d{1,9}\s*$")
#: A Markdown rule's rest after a hard wrap (`-`, `--`), kept only where a rule ends the line before.
_RULE_REST = re.compile(r"^\s*[-:]{1,2}\s*$")
_RULE_END = re.compile(r"\|\s*:?-+\s*$")
#: A signed number printed with a space after its sign (`+ 14`).
_SPACED_SIGN = re.compile(r"^(\s*[+＋\-－])\s+(\d[\d.]*\s*)$")
#: The sign of a change written as a word on its own line (`增`, `减少`).
_CHANGE_WORD = re.compile(r"^\s*(?:增|减|增加|减少)\s*$")
#: A line that continues the number before it: an item's label (`.属于…`) or a unit (`年`, `件`).
_CONTINUES_NUMBER = re.compile(rf"^\s*(?:[.、．]\s*(?=[{_CJK}“\"])|[{_UNITS}])")


def unglue(lines: Iterable[str]) -> list[str]:
    """Every line cut into rows where rows were glued together, and numbers put back where a page
    that prints every number on a line of its own took them from (`2` / `.没有现成…` is the item
    label `2.没有现成…`, `2019` / `年` is text), so that they are not read as cells."""
    out: list[str] = []
    previous_bare = False  # the last line kept is a bare number
    for line in lines:
        if len(line) <= SHORT_LINE_CHARS:  # signs, sign words and units stand on short lines
            line = _SPACED_SIGN.sub(r"\1\2", line)
            if out and _BARE_NUMBER.match(line) and _CHANGE_WORD.match(out[-1]):
                # `增` / `7`: the 2019 template's 本年增/减 cell, the word for the sign
                line = ("-" if "减" in out.pop() else "+") + line.strip()
        if previous_bare and _CONTINUES_NUMBER.match(line):
            line = out.pop().strip() + line.strip()
        if out and _RULE_REST.match(line) and _RULE_END.search(out[-1]) and is_furniture(out[-1]):
            continue  # the last dashes of a Markdown rule a hard wrap put on a line of their own
        pieces = unglue_line(line)
        out.extend(pieces)
        previous_bare = len(pieces[-1]) <= SHORT_LINE_CHARS and bool(_BARE_NUMBER.match(pieces[-1])) if pieces else False
    return out
