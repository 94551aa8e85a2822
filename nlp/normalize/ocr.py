"""Text as a desktop OCR tool gives a scanned report: lines letter-spaced, punctuation half-width, numbers apart.

Many county and township reports are published as scans, and users feed us an OCR tool's text. Each repair
here handles one kind of what OCR does, judged on the line that shows it; the offsets stay exact (every repair
removes or replaces characters one by one, `NormalizedText.sub`):

- `close_letter_spacing`: OCR sets every character of a justified or spaced line apart (`2 0 2 3 年 ， 我 镇`).
  A line is letter-spaced where most of its Chinese characters stand alone between single spaces; there every
  single space next to a lone character goes, and a run of two or more spaces stays (a table's column gap:
  `行 政 许 可   1 2   0` → `行政许可   12   0`). A row of figures apart by single spaces (`行政许可 0 0 0`) holds
  no lone Chinese character and is left to the table reader; so are the figures after a row's label (30
  characters at most, no `。` `，` `；` `：`) that end a letter-spaced line or stand before a column gap
  (`行 政 许 可 0 2 4` → `行政许可 0 2 4`: a row's cells apart by single spaces, as a PDF's text gives them, as
  much as one figure spaced), while figures before a unit close (`1 2 3 条` → `123条`) and so do figures that
  are a column's cell of their own (`   1 2   `). In a text with `SPACED_LINES_MIN` such lines, a short line of
  two or three lone characters (`结 果`, a page's element) is letter-spaced too.
- `full_width_punctuation`: OCR reads `，` `；` `：` `？` `！` as their half-width forms, often with a space after.
  Between Chinese text (a Chinese character, a closing mark or `%` before; a Chinese character, an opening mark,
  a figure or the line's end after) the full-width mark the rules read (sentence ends, clause ends, wraps) is
  put back and the space goes; a figure's thousands (`1,234`), a time (`10:30`) and a web address (`http://`)
  have no Chinese before.
- `drop_running_heads`: the text of a printed report has, between two pages, the page's number (`- 3 -`,
  `第 3 页`, a bare `3`) and the next page's running head (the report's title); left in, they cut a paragraph
  running over the page break. A short line that stands next to a page number at two page breaks or more
  (figures blanked: `第 3 页` and `第 4 页` are one), or at one page break where it is the report's first line
  (its title) again, goes, with the page numbers next to it, where it holds six Chinese characters or more (a
  title, not a table's `总计` beside its figures) and the numbers beside it go up from page to page; the
  report's own title at its top, next to no page number, stays.
- `join_indented_lines`: OCR gives each printed line as a line. Where the paragraphs open with an indent (the
  first line's two characters as spaces, `INDENTED_MIN` lines or more) and the lines are wrapped at a width
  (`wraps.line_widths`), a full line followed by a line without an indent is the same paragraph, even where the
  full line ends a sentence (which `wraps.join_broken_lines` alone cannot tell from a paragraph's end). Table rows,
  numbered titles, a line without a stop or comma after a sentence's end (an unnumbered title) and lines after a
  short line are left to the joiners after.
- `join_split_numbers`: OCR reads a section number set apart from its title as a line of its own (`三` /
  `、收到和处理政府信息公开申请情况`); the number goes back before its comma where the rest names a section
  (`furniture.is_section_title`), so every rule that reads numbered titles reads it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from nlp.normalize.furniture import PAGE_NUMBER, is_section_title
from nlp.normalize.lines import (
    ENUMERATED_START,
    SENTENCE_END,
    SENTENCE_MARK,
    looks_like_table_line,
    running_key,
)
from nlp.normalize.text import NormalizedText
from nlp.normalize.wraps import line_widths

_LINE = re.compile(r"(?m)^[^\n]*$")
#: A column gap: a run of two or more spaces or a tab, which letter-spacing never makes.
_GAP = re.compile(r"[ \t]{2,}|\t")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Letter-spaced where at least this many Chinese characters stand alone, and at least this share of them.
LONE_MIN = 4
LONE_SHARE = 0.8
#: A single space between two visible characters: the spaces letter-spacing puts in.
_SINGLE_SPACE = re.compile(r"(?<=\S) (?=\S)")
#: Four lone characters in a row: a text without them has no letter-spaced line.
_FOUR_LONE = re.compile(r"(?<!\S)\S \S \S \S(?!\S)")
_HEADING_MARKS = re.compile(r"[ \t]*#{1,6}")
_NUMERAL = re.compile(r"[ \t]*[一二三四五六七八九十]{1,2}")
#: Cell values (figures, a change may be negative; a dash or `无` for a blank) apart by single spaces after a word,
#: up to the line's end or a column gap, with the space before them.
_CELL_VALUE = r"(?:[-+]?\d[\d.,%]*|[—–\-/无])"
_TRAILING_FIGURES = re.compile(rf"(?<=[^\s\d.,%—–\-/]) {_CELL_VALUE}(?: {_CELL_VALUE})*(?=[ \t]*$|[ \t]{{2}}|\t)", re.MULTILINE)


def _tokens(line: str) -> list[str]:
    """The line's words between single spaces, column gaps (runs of two or more spaces, tabs) cutting too."""
    return [token for segment in _GAP.split(line) for token in segment.split(" ") if token]


def is_letter_spaced(line: str) -> bool:
    """At least `LONE_MIN` characters stand alone between single spaces and either most of the line's Chinese
    characters (two or more) are such (`2 0 2 3 年 1 月 8 日`, `我 镇 认 真`), or every word is one character
    and some is a letter (`@ 1 6 3 . c o m`). A row of lone figures (`0 0 0 0`) is neither."""
    if line.count(" ") < LONE_MIN - 1:
        return False
    tokens = _tokens(line)
    lone = [token for token in tokens if len(token) == 1]
    if len(lone) < LONE_MIN:
        return False
    chinese = len(_CJK.findall(line))
    lone_chinese = sum(bool(_CJK.match(token)) for token in lone)
    if lone_chinese >= 2 and lone_chinese >= LONE_SHARE * chinese:
        return True
    return len(lone) == len(tokens) and any(token.isalpha() for token in lone)


def _is_short_spaced(line: str) -> bool:
    """Two or three lone characters, a letter among them (`结 果`, `二 是`): letter-spaced too in a text that
    shows letter-spacing elsewhere, too short to tell on its own (`大 中 小` of a page's font buttons)."""
    tokens = _tokens(line)
    return 2 <= len(tokens) and all(len(token) == 1 for token in tokens) and any(token.isalpha() for token in tokens)


#: Letter-spaced lines a text needs before its short lines of lone characters count as letter-spaced too.
SPACED_LINES_MIN = 3


_CLAUSE_MARK = re.compile(r"[。，；：,;:]")
#: Longest row label (characters, spaces left out) before figures kept apart: a prose line is longer.
ROW_LABEL_CHARS = 30


def _is_row_label(text: str) -> bool:
    """A table row's label, not a prose line's start: short, without a stop, comma, semicolon or colon."""
    label = "".join(text.split())
    return len(label) <= ROW_LABEL_CHARS and not _CLAUSE_MARK.search(label)


#: A line of two to four lone digits (`6 8`): one figure letter-spaced, or a row's cells apart by single spaces.
_LONE_DIGITS = re.compile(r"[ \t]*\d(?: \d){1,3}[ \t]*")
#: A line holding one figure and nothing else: a cell of a table laid out one cell a line.
_ONE_FIGURE = re.compile(r"[ \t]*[-+]?\d[\d.,%]*[ \t]*")
_FIGURE_IN = re.compile(r"\d")


#: Lines looked at on each side of a line of lone digits for the table's other cells.
STACKED_LINES = 8


def _spaced_stacked_figures(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of lone digits that stand among a table's cells laid out one a line (`\t4 7` between
    `\t0` lines), in a text letter-spaced elsewhere: each is one figure spaced, not two cells, since every other
    line of its table holds one cell. The lines holding figures near it (within `STACKED_LINES` on each side)
    hold one figure each, or are such lines too, and one of them holds one figure; a row of cells apart by single
    spaces (`0 0 0` under its label) has no such neighbours."""
    lines = [(m.span(), m.group()) for m in _LINE.finditer(text) if m.group().strip()]
    found: list[tuple[int, int]] = []
    for index, (span, line) in enumerate(lines):
        if not _LONE_DIGITS.fullmatch(line):
            continue
        near = [other for _, other in lines[max(0, index - STACKED_LINES) : index + STACKED_LINES + 1] if _FIGURE_IN.search(other)]
        one = [other for other in near if _ONE_FIGURE.fullmatch(other)]
        if one and all(_ONE_FIGURE.fullmatch(other) or _LONE_DIGITS.fullmatch(other) for other in near):
            found.append(span)
    return found


def close_letter_spacing(text: NormalizedText) -> NormalizedText:
    """The single spaces of letter-spaced lines removed where they stand next to a lone character; runs of two or
    more spaces (column gaps) and the spaces between two words kept."""
    if not _FOUR_LONE.search(text.text):
        return text
    lines = [(m.span(), m.group()) for m in _LINE.finditer(text.text) if " " in m.group()]
    spaced = [is_letter_spaced(line) for _, line in lines]
    if not any(spaced):
        return text
    shown = sum(spaced) >= SPACED_LINES_MIN
    spans = [span for (span, line), is_spaced in zip(lines, spaced, strict=True) if is_spaced or (shown and _is_short_spaced(line))]
    if shown:
        spans = sorted(spans + _spaced_stacked_figures(text.text))
    starts = [start for start, _ in spans]
    # Figures after a row's label that end a line or stand before a column gap (`行 政 许 可 0 2 4`, `规  章 1527 0
    # 0`): the row's cells apart by single spaces as much as one figure spaced. Their spaces, and the one before
    # them, stay. A prose line ending in a figure (`… 大 道 9 0`, wrapped) is closed.
    # Figures that are a column's cell of their own (`行 政 许 可   1 2   0`) are one figure spaced.
    kept = {
        figures.start() + offset
        for start, end in spans
        for figures in _TRAILING_FIGURES.finditer(text.text, start, end)
        if _is_row_label(text.text[start : figures.start()])
        for offset, char in enumerate(figures.group())
        if char == " "
    }

    def close(match: re.Match[str]) -> str:
        at = match.start()
        index = bisect_right(starts, at) - 1
        if index < 0 or at >= spans[index][1] or at in kept:
            return " "
        source = match.string
        if _HEADING_MARKS.fullmatch(source, spans[index][0], at):
            return " "  # a Markdown heading's marks (`## 一 、 总 体`: OCR tools that write Markdown) stay marks
        if _NUMERAL.fullmatch(source, spans[index][0], at) and source[at + 1] not in "、.．" and is_section_title(source[at + 1 : spans[index][1]]):
            return " "  # `五 存 在 的 …`: the space stands for the number's lost comma, which the furniture step puts back
        # Keep the space between two words (`Word Word`): only a lone character's spaces are letter-spacing.
        lone_left = at < 2 or source[at - 2].isspace()
        lone_right = at + 2 >= len(source) or source[at + 2].isspace()
        return "" if lone_left or lone_right else " "

    return text.sub(_SINGLE_SPACE, close, needs=" ")


#: OCR's letters for digits (`2O54`, `43l8.7`, `3l` for 31): a capital or small O for 0, a small l or capital I for 1
#: (not a bar: it separates a Markdown table's cells). Between two digits anywhere; at a figure's end or alone
#: (`1 O 0 0`) only in a row of figures.
_LETTER_IN_FIGURE = re.compile(r"(?<=\d)[OolI](?=[\d.]\d|\d)")
_FIGURE_LIKE = re.compile(r"(?<![^\s\t])(?=[\dOolI.,]*\d|[OolI]{1,4}(?![^\s\t]))[\dOolI][\dOolI.,]*(?![^\s\t])")
_PURE_FIGURE = re.compile(r"(?<![^\s\t])-?\d[\d.,]*(?![^\s\t])")
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
#: A token set apart by spaces or tabs that is one of these letters alone or beside digits (`3l`, `O`, `Il`).
_SUSPECT_CELL = re.compile(r"(?<![^\s])(?:[\d.,]*[OolI][\dOolI.,]*)(?![^\s])")
#: A row of figures set by spaces: two or more plain figures on the line (`规范性文件 6 6 3l`).
_ROW_FIGURES = 2


def _as_digits(match: re.Match[str]) -> str:
    return match.group().translate(_OCR_DIGITS)


def repair_ocr_digits(text: NormalizedText) -> NormalizedText:
    """Letters an OCR tool read for digits inside figures made digits again: between two digits everywhere
    (`2O54` → `2054`, `43l8.7` → `4318.7`); at a figure's end or as a figure of their own (`3l`, a lone `O`) only on a
    table's row: a line of tab-separated cells with a plain figure, or one holding two plain figures or more. A word
    of letters is never touched (`IPv6`, `5G`)."""
    text = text.sub(_LETTER_IN_FIGURE, _as_digits, needs="OolI")
    # Most texts hold these letters only in words and addresses (`http://…gov.cn`): no cell-like token, no line pass.
    if not any(char in text.text for char in "OolI") or not _SUSPECT_CELL.search(text.text):
        return text

    lines = text.text.split("\n")
    # A table whose cells stand one a line: a lone figure-like line among lines of figures.
    alone = {i for i, line in enumerate(lines) if _LONE_FIGURE_LIKE.fullmatch(line) and _beside_figures(lines, i)}
    starts = _line_starts(lines)

    def row(match: re.Match[str]) -> str:
        line = match.group()
        if starts.get(match.start()) in alone:
            return line.translate(_OCR_DIGITS)
        # A row of tab-separated cells needs one plain figure beside it (`政府集中采购<tab>0<tab>o`); one set by spaces two.
        least = 1 if "\t" in line else _ROW_FIGURES
        if len(_PURE_FIGURE.findall(line)) < least or not any(char in line for char in "OolI"):
            return line
        return _FIGURE_LIKE.sub(_as_digits, line)

    return text.sub(_LINE, row, needs="OolI")


def _line_starts(lines: list[str]) -> dict[int, int]:
    """Each line's index by the offset it starts at in the text the lines were split from (at `\n`)."""
    starts: dict[int, int] = {}
    position = 0
    for index, line in enumerate(lines):
        starts[position] = index
        position += len(line) + 1
    return starts


#: A line that is one figure-like token with a letter in it (`o`, `2O`, `l5`).
_LONE_FIGURE_LIKE = re.compile(r"[ \t]*(?=[\dOolI.,]*[OolI])(?:[\dOolI][\dOolI.,]*)[ \t]*")
_LONE_FIGURE = re.compile(r"[ \t]*-?\d[\d.,]*[ \t]*")


def _beside_figures(lines: list[str], index: int) -> bool:
    """Does a figure alone on its line stand before or after `index`, with only blank lines and other such lines
    with a letter (`O` / `o` / `0`: two cells OCR misread in a row) between, three at most?"""
    for step in (-1, 1):
        other, passed = index + step, 0
        while 0 <= other < len(lines) and passed <= 3 and (not lines[other].strip() or _LONE_FIGURE_LIKE.fullmatch(lines[other])):
            passed += bool(lines[other].strip())
            other += step
        if 0 <= other < len(lines) and _LONE_FIGURE.fullmatch(lines[other]):
            return True
    return False


#: A Chinese numeral alone on its line, then (a blank line between allowed) a line starting with the number's
#: comma: the title's rest is group 2.
_SPLIT_NUMBER = re.compile(r"(?m)^([ \t]*[一二三四五六七八九十]{1,2})[ \t]*\n(?:[ \t]*\n)?[ \t]*(?=[、.．][ \t]*([^\n]{2,40})$)")


def _join_number(match: re.Match[str]) -> str:
    return match.group(1) if is_section_title(match.group(2)) else match.group()


def join_split_numbers(text: NormalizedText) -> NormalizedText:
    """A section number alone on its line joined to the rest of its title on the next (`三` / `、收到…`)."""
    return text.sub(_SPLIT_NUMBER, _join_number, needs="、.．")


_PAGE_NUMBER_OR_FIGURE = re.compile(rf"[ \t]*(?:{PAGE_NUMBER}|\d{{1,3}})[ \t]*")
_PAGE_NUMBER_SHAPED = re.compile(PAGE_NUMBER)
_DIGITS = re.compile(r"\d+")
#: Longest running head (characters, spaces left out), and the fewest Chinese characters it holds: a title,
#: longer than a table's row label.
RUNNING_HEAD_CHARS = 40
HEAD_MIN_CHINESE = 6
_ANY_LINE = re.compile(r"(?m)^[^\n]*(?:\n|$)")


#: A page's number as a gazette or a book prints it on the head's own line (`·17·`, `- 17 -`, `第17页`, `17`).
_NUMBER_ON_HEAD = rf"(?:[·•]\s*\d{{1,4}}\s*[·•]|{PAGE_NUMBER}|\d{{1,4}})"
#: A running head with the page's number on its line, before or after it (`·18·  某市人民政府公报 2024年第3期`).
_NUMBERED_HEAD = re.compile(rf"^[ \t]*(?:{_NUMBER_ON_HEAD}[ \t]{{2,}}(?P<after>\S.*?)|(?P<before>\S.*?)[ \t]{{2,}}{_NUMBER_ON_HEAD})[ \t]*$")


def _numbered_heads(lines: list[str]) -> set[int]:
    """Indexes of the running heads that carry the page's number on their own line (`pdftotext -layout` of a
    gazette's pages): a page's first or last line, the same words beside numbers that go up, at two pages or more."""
    ends: list[int] = []
    page: list[int] = []
    for index, line in enumerate(lines):
        if "\f" in line and page:
            ends += [page[0], page[-1]]
            page = []
        if line.strip():
            page.append(index)
    if page:
        ends += [page[0], page[-1]]
    found: dict[str, list[tuple[int, int]]] = {}
    for index in sorted(set(ends)):
        match = _NUMBERED_HEAD.match(lines[index].replace("\f", ""))
        if match is None:
            continue
        words = match.group("after") or match.group("before")
        key = running_key(words)
        if len(key) <= RUNNING_HEAD_CHARS and len(_CJK.findall(key)) >= HEAD_MIN_CHINESE:
            number = int(_DIGITS.findall(lines[index].replace(words, ""))[-1])
            found.setdefault(key, []).append((index, number))
    return {index for pairs in found.values() if len(pairs) >= 2 and all(a[1] < b[1] for a, b in pairwise(pairs)) for index, _ in pairs}


def _running_lines(lines: list[str]) -> set[int]:
    """Indexes of the running heads (or feet) in `lines` and of the page numbers beside them."""
    numbered = _numbered_heads(lines) if any("\f" in line for line in lines) else set()
    return numbered | _heads_beside_numbers(lines)


def _heads_beside_numbers(lines: list[str]) -> set[int]:
    """Indexes of running heads (or feet) on lines of their own and of the page numbers beside them."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    # Spaces left out: OCR letter-spaces a page's number too (`1 4`, `- 1 4 -`).
    numbers = {i for i in filled if _PAGE_NUMBER_OR_FIGURE.fullmatch(lines[i].replace(" ", ""))}
    if not numbers:
        return set()
    beside: dict[str, list[tuple[int, int]]] = {}
    for position, index in enumerate(filled):
        if index in numbers:
            continue
        key = running_key(lines[index])
        if len(key) > RUNNING_HEAD_CHARS:
            continue
        # The page's number before a head (the page that ends), else after it (a running foot's own page); but one
        # printed as a page's number (`第3页 / 共4页`, `- 3 -`) before a bare figure: a table's last cell may end the
        # page just above the head.
        near = [filled[p] for p in (position - 1, position + 1) if 0 <= p < len(filled) and filled[p] in numbers]
        near.sort(key=lambda i: _PAGE_NUMBER_SHAPED.fullmatch(lines[i].replace(" ", "")) is None)
        if near:
            beside.setdefault(key, []).append((index, near[0]))
    drop: set[int] = set()
    # The report's own title repeated beside a page number is its running head at a single page break too; a first
    # line that is a sentence (`本年度未收取信息处理费，无其他需要报告的事项。`) is no title, and its repetition no head.
    title = running_key(lines[filled[0]]) if filled and not SENTENCE_MARK.search(lines[filled[0]]) else ""
    for key, pairs in beside.items():
        # A title, not a table's label (`总计` beside its figures), and numbers that go up as pages do.
        pages = [int(_DIGITS.findall(lines[number].replace(" ", ""))[0]) for _, number in pairs]
        heads = {head for head, _ in pairs} - {filled[0]}
        repeated = len(heads) >= 2 or (heads and key == title)
        if repeated and len(_CJK.findall(key)) >= HEAD_MIN_CHINESE and all(a < b for a, b in pairwise(pages)):
            drop.update(index for pair in pairs for index in pair if pair[0] in heads)
    return drop


def drop_running_heads(text: NormalizedText) -> NormalizedText:
    """Running heads (or feet) that stand beside a page number at two page breaks or more go, with the numbers."""
    lines = text.text.split("\n")
    drop = _running_lines(lines)
    if not drop:
        return text
    starts = _line_starts(lines)
    # A head's line may hold the page's form feed (`\f·18·  某市人民政府公报…`): the feed stays, a page break.
    return text.sub(_ANY_LINE, lambda m: "\f" * m.group().count("\f") if starts.get(m.start(), -1) in drop and m.group() else m.group())


#: A paragraph's first line as OCR gives it: its indent as two or more spaces (ASCII or ideographic).
_INDENT = re.compile(r"^(?:[ \u3000]{2,}|\u3000)(?=\S)")
#: Lines opened by an indent a text needs before its indents are taken as where paragraphs start.
INDENTED_MIN = 3
#: How many characters shorter than the wrap width a line may be and still count as full (figures, Latin letters
#: and a closing mark kept on the line make full lines differ).
FULL_SLACK = 3


def join_indented_lines(text: NormalizedText) -> NormalizedText:
    """In a wrapped text whose paragraphs open with an indent, a full line and the unindented line after it are
    joined."""
    lines = text.text.split("\n")
    if sum(bool(_INDENT.match(line)) for line in lines) < INDENTED_MIN:
        return text
    width = line_widths(lines)
    if width is None:
        return text
    joins: set[int] = set()  # positions of the line breaks to remove
    position = 0
    for index, line in enumerate(lines[:-1]):
        position += len(line)
        following = lines[index + 1]
        stripped = line.strip()
        if (
            len(stripped) >= width - FULL_SLACK
            and following.strip()
            and not _INDENT.match(following)
            and not looks_like_table_line(line)
            and not looks_like_table_line(following)
            and not ENUMERATED_START.match(following.strip())
            # A sentence's end, then a line without a stop or comma: an unnumbered title (`基本情况`), not a
            # paragraph's last line (`果。`).
            and not (stripped.endswith(SENTENCE_END) and not _STOP_OR_COMMA.search(following))
        ):
            joins.add(position)
        position += 1
    if not joins:
        return text
    return text.sub(_LINE_BREAK, lambda m: "" if m.start() in joins else m.group(), needs="\n")


_LINE_BREAK = re.compile(r"\n")
_STOP_OR_COMMA = re.compile(r"[，。；！？,;!?]")


#: A half-width mark between Chinese text, with the spaces OCR may put around it.
_HALF_WIDTH_MARK = re.compile(r"(?<=[\u4e00-\u9fff）」』”》】%)]) ?([,;:?!])(?: ?(?=[\u4e00-\u9fff“《（【\d])|[ \t]*(?=\n|$))")
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def full_width_punctuation(text: NormalizedText) -> NormalizedText:
    """Half-width commas, semicolons, colons, question and exclamation marks between Chinese text made full-width."""
    return text.sub(_HALF_WIDTH_MARK, lambda m: _FULL_WIDTH[m.group(1)], needs=",;:?!")
