"""Lines broken by page breaks and PDF wraps, joined where a sentence was cut."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from nlp.normalize.furniture import is_furniture_line, is_page_field_line
from nlp.normalize.lines import (
    CONTINUATION_START,
    ENUMERATED_START,
    OPEN_END,
    SENTENCE_END,
    WEAK_END,
    WHOLE_REPORT_TITLE,
    after_label_line,
    ends_mid_clause,
    is_table_header,
    is_unclosed,
    looks_like_table_line,
)
from nlp.normalize.text import NormalizedText
from nlp.normalize.titles import WHOLE_TEMPLATE_TITLE

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE = re.compile(r"[，。；,]")


def line_widths(lines: list[str]) -> int | None:
    """The wrap width of a PDF's text lines, or None when lines are not wrapped at a fixed width.

    Wrapped text has a strong peak of line lengths near the page width, and most of those lines
    end in mid-sentence. Table rows are left out: a text file's tab-separated rows have lengths of
    their own and would make an unwrapped report look wrapped. The peak is found on a window of
    lengths (digits and Latin letters let a full line hold a few more characters), and the width is
    the commonest length in it: the window's centre drifts towards the longer lines with digits.
    """
    stripped = [line.strip() for line in lines if len(line.strip()) >= 15 and not looks_like_table_line(line)]
    if len(stripped) < 8:
        return None
    counts = Counter(len(line) for line in stripped)
    centre, _ = max(counts.items(), key=lambda kv: (sum(counts.get(kv[0] + d, 0) for d in range(-2, 3)), kv[0]))
    width = max(range(centre - 2, centre + 3), key=lambda length: (counts.get(length, 0), length))
    near = [line for line in stripped if abs(len(line) - width) <= 3]
    if len(near) < 0.4 * len(stripped) or width < 22:
        return None
    open_ended = sum(1 for line in near if not line.endswith(SENTENCE_END + WEAK_END))
    return width if open_ended >= 0.6 * len(near) else None


def _is_heading_like(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if ENUMERATED_START.match(stripped) and len(stripped) <= 30 and "。" not in stripped[:-1]:
        return True
    return WHOLE_TEMPLATE_TITLE.match(stripped) is not None


def join_broken_lines(text: NormalizedText) -> NormalizedText:
    """Join a line to the next where a page break or a PDF wrap cut a sentence.

    A line is continued when it does not end a sentence and is not a heading or a table row, and
    the next non-blank line neither starts a heading/enumerated item nor is a table row; for text
    wrapped at a fixed width the line must fill that width, otherwise it must be long enough to be
    prose (a short unpunctuated line is a title or a heading).
    """
    lines = text.text.split("\n")
    width = line_widths(lines)
    # What each line is by its shape, asked once per line rather than once as a line and once as the
    # next line of another.
    closed = [_closed_to_joins(line.strip()) for line in lines]
    joins: set[int] = set()  # indices of newline characters (in line terms: after line i) to remove
    blank_runs: dict[int, int] = {}
    joined_into: set[int] = set()  # lines that continue the line before them
    index = 0
    paragraph = (0, False)
    while index < len(lines):
        line = lines[index].rstrip()
        nxt = index + 1
        while nxt < len(lines) and not lines[nxt].strip():
            nxt += 1
        if nxt >= len(lines) or not line.strip():
            index += 1
            continue
        following = lines[nxt].strip()
        continued = index in joined_into
        # The paragraph so far (its length, and whether it has a clause mark): a short line that a join above
        # made the tail of a long one (the rest of a paragraph after a page break) is prose by the whole
        # paragraph's length. Counted, not concatenated: a hard-wrapped paragraph may run to many lines.
        stripped = line.strip()
        clause = bool(_CLAUSE.search(stripped))
        paragraph = (paragraph[0] + len(stripped), paragraph[1] or clause) if continued else (len(stripped), clause)
        if (
            not closed[index]
            and not closed[nxt]
            and _should_join(line.strip(), following, width, blank_lines=nxt - index - 1, continued=continued, paragraph=paragraph)
            # asked last, of the few pairs that get this far
            and not _kept_apart(line.strip(), following)
        ):
            joins.add(index)
            blank_runs[index] = nxt
            joined_into.add(nxt)
        index += 1
    if not joins:
        return text
    return join_lines_at(text, lines, {index: blank_runs[index] for index in joins})


#: A line ending inside a web or mail address (`https://www.example.cn/zfxxgk/bmz`, `ptcg@163.`), or a line going on
#: with the rest of a mail address (`zj@163.com。`): a wrap cut a word with no space in it.
_IN_ADDRESS = re.compile(r"(?:https?://|www\.|@)[\w./%?=&#~:+-]*$", re.IGNORECASE | re.ASCII)
_IN_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[\w./%?=&#~:+-]*$", re.IGNORECASE | re.ASCII)
_MAIL_GOES_ON = re.compile(r"^[\w.+-]*@[\w-]+\.[a-z]", re.IGNORECASE | re.ASCII)
_PATH_GOES_ON = re.compile(r"^[\w.%-]+/", re.ASCII)
_ADDRESS_START = re.compile(r"https?://|www\.", re.IGNORECASE)


def address_cut(line: str, following: str, joined: bool = False) -> bool:
    """A wrap cut a web or mail address between `line` and `following`: the rest of a mail address goes on
    (`zj@163.com。`), or more of a web address's path (`szfgbm/）`); `joined`: the lines are joined already, and a
    line ending inside an address (a mail address's domain, which could also end there) goes on without a space."""
    if _MAIL_GOES_ON.match(following) or (_IN_WEB_ADDRESS.search(line) and _PATH_GOES_ON.match(following)):
        return True
    # The cut inside the address's scheme itself (`（ht` / `tps://www…`, a fixed-width wrap of Chinese text).
    tail = line[-7:]
    if any(m.start() < len(tail) < m.end() for m in _ADDRESS_START.finditer(tail + following[:8])):
        return True
    return joined and _IN_ADDRESS.search(line) is not None


def join_lines_at(text: NormalizedText, lines: list[str], joins: dict[int, int]) -> NormalizedText:
    """Remove the line break(s) after each line `i` of `joins` up to line `joins[i]` (blank lines between go too).

    Latin words keep a space between them; Chinese text and numbers are joined without one.
    """
    starts = []
    position = 0
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    pieces: list[str] = []
    offset_pieces: list[np.ndarray] = []
    last = 0
    for index in sorted(joins):
        nxt = joins[index]
        cut_start = starts[index] + len(lines[index].rstrip())
        cut_end = starts[nxt] + (len(lines[nxt]) - len(lines[nxt].lstrip()))
        left, right = lines[index].rstrip()[-1:], lines[nxt].lstrip()[:1]
        glue = " " if (left.isascii() and left.isalpha() and right.isascii() and right.isalpha() and not address_cut(lines[index].rstrip(), lines[nxt].lstrip(), joined=True)) else ""
        pieces.append(text.text[last:cut_start])
        offset_pieces.append(text.offsets[last:cut_start])
        if glue:
            pieces.append(glue)
            offset_pieces.append(text.offsets[cut_start : cut_start + 1])
        last = cut_end
    pieces.append(text.text[last:])
    offset_pieces.append(text.offsets[last:])
    return NormalizedText("".join(pieces), np.concatenate(offset_pieces), text.source_length)


def _kept_apart(line: str, following: str) -> bool:
    """Lines never joined however the text runs: a page's fields, a name line before the report's title or
    opening, the report's title before what follows it unless a sentence naming it goes on (`…年度报告` / `。`)."""
    return (
        is_page_field_line(line)
        or is_page_field_line(following)
        or after_label_line(line, following)
        or (line.endswith(("报告", "年报")) and WHOLE_REPORT_TITLE.match(line) is not None and not CONTINUATION_START.match(following))
    )


def _closed_to_joins(line: str) -> bool:
    """A table row, a table header or page furniture: never joined to the line before or after it."""
    return looks_like_table_line(line) or is_table_header(line) or is_furniture_line(line)


def _should_join(
    line: str, following: str, width: int | None, blank_lines: int, continued: bool = False, paragraph: tuple[int, bool] | None = None
) -> bool:
    """Whether `line` continues on `following`, both neither table lines nor furniture (`_closed_to_joins`).

    paragraph: the length of the line with the lines already joined before it, and whether any of them has a
    clause mark (the line alone where none was joined)."""
    if not _CJK.search(line[-3:] + following[:3]) and not address_cut(line, following):
        return False
    if ENUMERATED_START.match(following) or following.startswith(("#", "[", "|")):
        return False
    if WHOLE_TEMPLATE_TITLE.match(following) and line.endswith(SENTENCE_END):
        return False  # a section's title alone after a sentence's end, its number lost (not `…全文包括` / `总体情况`)
    if CONTINUATION_START.match(following) and not line.endswith(SENTENCE_END):
        return True
    if _is_heading_like(line) and not is_unclosed(line):
        # A title alone is the author's where lines are paragraphs, even when a short sentence that
        # could end it follows (`completes_title` is for pages broken at their elements).
        return False
    # A line that ends inside a clause or inside brackets (`…公开条例》(以下简称` / `《条例》)规定…`):
    # no paragraph ends so, whatever its length. Not in text wrapped at a width (a PDF's), whose table
    # cells wrap inside their brackets too (`（二）部分公开（区分处理` / `的，只计这一情形…）`).
    if width is None and blank_lines == 0 and not line.endswith(SENTENCE_END) and (line.endswith(OPEN_END) or is_unclosed(line) or ends_mid_clause(line)):
        return True
    fills_width = width is not None and blank_lines <= 2 and len(line) >= width - 4
    if fills_width and not line.endswith(SENTENCE_END):
        return True
    # The last, short line of a wrapped paragraph that stops in mid-sentence: a page break follows.
    if continued and width is not None and not line.endswith(SENTENCE_END + WEAK_END):
        return True
    # A sentence that ends exactly where the PDF wraps: more often inside a paragraph than at its end,
    # unless a blank line follows (text whose paragraphs are set apart by blank lines, hard-wrapped inside).
    if fills_width and blank_lines == 0 and len(line) >= width and line.endswith(("。", "；")):
        return True
    if line.endswith(SENTENCE_END + WEAK_END):
        return False
    # A page break: a line of prose (long, or with clauses, unpunctuated at its end) cut in mid-sentence.
    length, clause = paragraph or (len(line), bool(_CLAUSE.search(line)))
    prose = length >= 40 or (length >= 20 and clause)
    return prose and blank_lines <= 3
