"""Fragmented text: a page saved element by element, every number (and every inline element) on a line of its own."""

from __future__ import annotations

import re

from nlp.normalize.furniture import CRAWLER_HEADER_LINE, SIGNATURE_LINE, is_furniture_line, is_page_field_line
from nlp.normalize.lines import (
    CN_NUM,
    CONTINUATION_START,
    ENUMERATED_START,
    OPEN_END,
    RUN_IN_HEADING,
    SENTENCE_END,
    TWO_PHRASE_TITLE,
    WEAK_END,
    after_label_line,
    completes_title,
    ends_mid_clause,
    is_table_header,
    is_unclosed,
    looks_like_table_line,
)
from nlp.normalize.text import NormalizedText
from nlp.normalize.titles import (
    BRACKETED_SECTION_NUMBER,
    SECTION_TITLE_WORDS,
    TEMPLATE_HEADING,
    WHOLE_TEMPLATE_TITLE,
)
from nlp.normalize.wraps import join_lines_at, line_widths

#: A line holding one number and nothing else (`2023`, `170.42`, `100%`).
BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?%?$")
#: What a number in prose is followed by: a unit, a date word, a clause's punctuation.
_NUMBER_CONTINUES = re.compile(r"^(?:[年月日号条件个项次人家份篇期万亿余多%％元）)〕]|[，。、；：,.;:])")
#: Lines that a table region starts at: a table's title or header words, alone on a short line.
_TABLE_OPENS = re.compile(r"^(?:第二十条第|信息内容|[（(]本列数据|申请人情况|行政复议$|结果维持$|复议后起诉|未经复议直接起诉)")
_DATE_AHEAD = re.compile(r"^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")
#: A date in pieces spans at most this many elements (`20` / `22` / `年` / `1` / `月` / `14` / `日`).
_DATE_PIECES = 7
#: A report's title standing alone (`某某街道2020年政府信息公开年度报告`): a heading, never continued.
_REPORT_TITLE = re.compile(r"^[^，。；！？,;]{0,50}(?:年度?|工作)(?:报告|年报)$")
#: An enumeration label with nothing after it (`（一）`, `一、`, `1.`, `一是`).
_BARE_LABEL = re.compile(r"^(?:[（(][" + CN_NUM + r"\d]{1,3}[)）]|[" + CN_NUM + r"]{1,3}[、.．]|\d{1,2}[、.．]|[" + CN_NUM + r"]是)$")
#: A line that may be a fragment: a bare number or a piece of at most three characters.
_SHORT_LINE = re.compile(r"(?m)^(?:\d+(?:\.\d+)?%?|\S{1,3})$")
#: A line ending where no paragraph can (after a comma or an opening mark): see `_breaks_clause`.
OPEN_ENDED_LINE = re.compile(r"(?m)[，,、《“（(〔<]$")
#: What a piece of a sentence cut in its words starts with: a Chinese character or a figure.
_CJK_START = re.compile(r"[\u4e00-\u9fff\d]")
#: … as the text shows it before its lines are looked at one by one (see `rejoin_fragments`).
_MID_CLAUSE_LINE = re.compile(r"(?m)[，,][^。！？；;\n]{0,80}[\u4e00-\u9fff]$")
#: Fragmented pages: at least this many numbers standing alone in the middle of a sentence.
FRAGMENTED_MIN_NUMBERS = 3
#: A line this many characters or more short of a text's wrap width does not fill it (digits and Latin
#: letters let a full line hold a few more or fewer Chinese characters).
_WIDTH_SLACK = 5


#: A top-level section heading in the report's own words: its number and the template's title words,
#: no figure (`五、存在的主要问题及下一步工作计划`; rows of table 三 name none of these words).
_SECTION_HEADING = re.compile(r"^(?:[" + CN_NUM + r"]{1,2}[、.．]|" + BRACKETED_SECTION_NUMBER + r")[^\d\n]{0,12}" + SECTION_TITLE_WORDS + r"[^\d\n]{0,16}$")
#: Phrases listed with `、` (`主动公开、依申请公开或不予公开`): prose naming the tables' words, not a header,
#: whose cells are one phrase each (`、` there only follows an item's number).
_PHRASE_LIST = re.compile(r"[^" + CN_NUM + r"\s]、(?:[\u4e00-\u9fff]|$)|[\u4e00-\u9fff][,;]")


def table_region_lines(lines: list[str]) -> list[bool]:
    """True for the lines of a statistical table: from its title or header until a section heading or prose.

    The normaliser's view, before sections are known: a table ends at a numbered template heading or
    a long line of clauses. Inside it, number lines stay lines (the table reader places them).
    """
    flags = [False] * len(lines)
    inside = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if TEMPLATE_HEADING.match(stripped) and TEMPLATE_HEADING.match(stripped).group("head"):
            inside = False
            continue
        if _BARE_LABEL.match(stripped) and index + 1 < len(lines):
            heading = TEMPLATE_HEADING.match(stripped + lines[index + 1].strip())
            if heading and heading.group("head"):
                inside = False  # `五、` / `存在的主要问题及改进情况`: a numbered heading in two elements
                continue
        if len(stripped) >= 40 and re.search(r"[。；]", stripped) and not looks_like_table_line(stripped):
            inside = False
            continue
        if _SECTION_HEADING.match(stripped):
            inside = False  # `五、存在的主要问题及下一步工作计划`: a section titled in its own words
            continue
        if _TABLE_OPENS.match(stripped) or (is_table_header(stripped) and len(stripped) <= 60 and not _PHRASE_LIST.search(stripped)):
            inside = True
        flags[index] = inside
    return flags


#: Header words of the template's tables; a page that splits them over lines splits inline elements.
_HEADER_WORDS = (
    "商业企业", "科研机构", "社会公益组织", "法律服务机构", "本年制发件数", "本年废止件数", "现行有效件数",
    "本年处理决定数量", "结果维持", "结果纠正", "其他结果", "尚未审结",
)


def is_fragmented(lines: list[str], in_table: list[bool]) -> bool:
    """A page saved element by element: numbers alone in mid-sentence, or table header words split over lines.

    Neither occurs in text extracted from a .docx or a page whose inline elements stay in their
    paragraph; PDF text, whose header cells wrap, is not looked at (see `normalize_text`).
    """
    numbers = sum(1 for i in range(len(lines)) if not in_table[i] and _number_breaks_sentence(lines, i))
    if numbers >= FRAGMENTED_MIN_NUMBERS:
        return True
    # Pages whose numbers stay inline still break lines where no paragraph can end (after a comma or
    # an opening bracket, before a closing one); a PDF's wraps do too, but at a fixed width.
    breaks = [i for i in range(len(lines) - 1) if not (in_table[i] or in_table[i + 1]) and _breaks_clause(lines[i].strip(), lines[i + 1].strip())]
    # … and put a heading's number apart from its title (`1.` / `主动公开情况`).
    labels = sum(1 for i in range(len(lines) - 1) if _BARE_LABEL.match(lines[i].strip()) and lines[i + 1].strip() and not BARE_NUMBER.match(lines[i + 1].strip()))
    if len(breaks) + labels >= FRAGMENTED_MIN_NUMBERS:
        width = line_widths(lines)
        if width is None:
            return True
        # A short page broken at random widths can show a peak of lengths by chance; a fixed wrap only
        # breaks a clause where the line fills the width, so breaks on lines well short of it are elements.
        short = sum(1 for i in breaks if len(lines[i].strip()) < width - _WIDTH_SLACK)
        if short >= FRAGMENTED_MIN_NUMBERS:
            return True
    stripped = [line.strip() for line in lines if line.strip()]
    split_words = sum(
        1
        for first, second in zip(stripped, stripped[1:], strict=False)
        if len(first) < 4 and any(word.startswith(first + second) or first + second == word for word in _HEADER_WORDS)
    )
    return split_words >= FRAGMENTED_MIN_NUMBERS


def _breaks_clause(line: str, following: str) -> bool:
    """A line break inside a clause: after a comma or an opener, before a clause's punctuation, or in the
    middle of the words of a line of prose (clauses before, a Chinese character on either side)."""
    if not line or not following or _BARE_LABEL.match(line):
        return False  # `一、` / `总体情况` is counted as a heading's number put apart
    if line.endswith(OPEN_END):
        return not _opens_unit(following)
    if CONTINUATION_START.match(following):
        return not line.endswith(SENTENCE_END)
    # `…认真贯彻落实上级政府` / `信息公开相关规定…`: a title has no clause before its end, a paragraph
    # ends with its sentence.
    # A numbered title may hold a comma (`（一）加强组织领导，落实信息公开工作`).
    if ends_mid_clause(line) and not ENUMERATED_START.match(line) and _CJK_START.match(following) is not None and not _opens_unit(following):
        return True
    # `根据《中华人民共和` / `国政府信息公开条例》`: a mark left open (asked last, the dearest test)
    return not line.endswith(SENTENCE_END) and is_unclosed(line) and not _opens_unit(following)


def _number_breaks_sentence(lines: list[str], index: int) -> bool:
    """A bare number line between a line that does not end a sentence and one that continues it."""
    if not BARE_NUMBER.match(lines[index].strip()) or index == 0 or index + 1 >= len(lines):
        return False
    before, after = lines[index - 1].strip(), lines[index + 1].strip()
    return bool(before) and not before.endswith(SENTENCE_END) and bool(_NUMBER_CONTINUES.match(after))


def _opens_unit(line: str) -> bool:
    """A line that starts a unit of its own: a heading, an enumerated item, a template title, page furniture."""
    return bool(
        ENUMERATED_START.match(line)
        or _BARE_LABEL.match(line)
        or (line and all(c in CN_NUM for c in line) and len(line) <= 3)  # `二` / `、` / `主动公开…`
        or TEMPLATE_HEADING.match(line)
        or is_furniture_line(line)
        or line.startswith(("#", "[", "|"))
    )


def _is_heading_line(line: str) -> bool:
    """An enumerated or template heading standing alone: no sentence inside it, no full stop after it."""
    if _IN_SENTENCE_ITEM.match(line):
        return False  # `一是加强…` items run on into their sentence; a title never starts so
    if ENUMERATED_START.match(line):
        if TWO_PHRASE_TITLE.match(line):
            return True
    elif not (TEMPLATE_HEADING.match(line) or WHOLE_TEMPLATE_TITLE.match(line)):
        return False
    return len(line) <= 40 and not _HEADING_BREAKER.search(line) and not is_unclosed(line)




#: Punctuation a heading standing alone has none of, in full or half width (`2.在公文办理中,建立…` is an item
#: cut after a clause, not a title).
_HEADING_BREAKER = re.compile(r"[。；！？，：:,;!?]")


#: The opening of a bracketed label cut by the page's elements (`（` / `四` / `）平台建设方面`).
_PARTIAL_LABEL = re.compile(r"^[（(][" + CN_NUM + r"\d]{0,3}$")
_LABEL_AHEAD = re.compile(r"^[（(][" + CN_NUM + r"\d]{1,3}[)）]")
#: An enumerated title ending in a colon, nothing else in it (`（二）信息公开处理费收取情况：`).
_INTRODUCING_HEADING = re.compile(r"^(?:[（(][" + CN_NUM + r"\d]{1,3}[)）]|[" + CN_NUM + r"]{1,3}[、.．]|\d{1,2}[、.．])[^。；，,！？：:]{2,30}[：:]$")
#: An item counted inside a sentence (`一是…；二是…`), unlike `1.` or `（一）`, which open units.
_IN_SENTENCE_ITEM = re.compile(r"^[" + CN_NUM + r"]是|^[" + CN_NUM + r"]$")
#: Ends after which such an item runs on in the same sentence: a colon, semicolon or comma.
_LISTING_END = tuple("：:；;，,")
#: At most this many characters may follow a heading standing alone as the tail of its own title
#: (`方面`, `工作`, `。`); a paragraph's first line is longer.
_TITLE_TAIL_CHARS = 3
#: Words that end a heading's title (`（一）主动公开` / `方面` / `。`), and its closing punctuation.
_TITLE_TAIL_WORDS = ("方面", "工作", "情况", "建设", "问题", "措施")
#: A heading's title cut after at most this many characters (`（三）加强` / `政府信息管理。`) may continue.
_TITLE_HEAD_CHARS = 4


def _completes_heading(heading: str, lines: list[str], start: int) -> bool:
    """Whether the lines from `start` finish the heading's title rather than begin its paragraph.

    A short piece without digits (`方面`, `工作`, `。`) is the title's tail; longer pieces are when the
    title so far is a word or two and, up to the first full stop within a few lines, they make a run-in
    heading with it (`（三）加强` / `政府信息管理。`), never when a piece opens a unit or holds a number.
    """
    first = lines[start].strip()
    label = ENUMERATED_START.match(heading)
    if label and first and not TEMPLATE_HEADING.match(heading) and completes_title(heading, first):
        return True  # `（一）强化组织领` / `导。成立了…`: the title's last characters, then its body
    if not first or _opens_unit(first) or re.search(r"\d", first):
        return False
    if len(first) <= _TITLE_TAIL_CHARS:
        # `方面`, `工作`, `。`; a paragraph's opening word (`根据`, `我局`) runs on into what follows
        following = lines[start + 1].strip() if start + 1 < len(lines) else ""
        word = first.rstrip("。：:")
        return not word or (heading + word).endswith(_TITLE_TAIL_WORDS) or bool(re.fullmatch(r"[。：:]", following))
    if TEMPLATE_HEADING.match(heading) or not label or len(heading) - label.end() > _TITLE_HEAD_CHARS:
        return False  # a whole title already: what follows is its paragraph
    title = heading
    for line in lines[start : start + 4]:
        piece = line.strip()
        if not piece or _opens_unit(piece) or re.search(r"\d", piece):
            return False
        title += piece
        if re.search(r"[。；，,！？：:]", piece):
            return bool(RUN_IN_HEADING.match(title))
    return False


def rejoin_fragments(text: NormalizedText) -> NormalizedText:
    """Join the pieces of paragraphs that a page's markup put on lines of their own.

    Word-made pages, saved element by element, put every number and every inline element on a line
    (`20` / `23` / `年市海洋与渔业局…`, `（一）主动公开情况。` / `莆田市林业局坚持…`). Such a page is
    recognised by its numbers standing alone in mid-sentence; then, outside table regions, a line is
    continued by the next unless the next opens a unit (a heading, an enumerated item, furniture) or
    the line is a heading standing alone. A number line continues a line that has not ended its
    sentence, whatever follows. Blank lines and table regions are never crossed, so table rows keep
    their number lines for the table reader.
    """
    # Most texts have no short, bare-number or open-ended lines at all: skip the line analysis for them.
    suspects = len(_SHORT_LINE.findall(text.text)) + len(OPEN_ENDED_LINE.findall(text.text))
    if suspects < FRAGMENTED_MIN_NUMBERS and suspects + len(_MID_CLAUSE_LINE.findall(text.text)) < FRAGMENTED_MIN_NUMBERS:
        return text
    lines = text.text.split("\n")
    in_table = table_region_lines(lines)
    if not is_fragmented(lines, in_table):
        return text
    fields: list[bool | None] = [None] * len(lines)  # is_page_field_line, asked once of the lines it matters for
    joins: dict[int, int] = {}
    continued: set[int] = set()  # lines joined to the line before them (or to the one before a furniture line)
    paragraph = ""  # the text of the unit being built, to tell a heading alone from a fragment
    for index in range(len(lines) - 1):
        line, following = lines[index].strip(), lines[index + 1].strip()
        paragraph = paragraph + line if index in continued else line
        if not line or not following or in_table[index] or in_table[index + 1] or index - 1 in joins and joins[index - 1] > index:
            continue
        after = lines[index + 2].strip() if index + 2 < len(lines) else ""
        if _furniture_inside(paragraph, following, after) and not (index + 2 < len(lines) and in_table[index + 2]):
            joins[index] = index + 2  # `…认真贯彻落实` / `打印本页` / `上级部署…`: the furniture line goes
            continued.add(index + 2)
            continue
        # The first decisions stand whatever else the lines show (`forced`). Of the others, a line left
        # inside brackets is joined anyway, and no join is made into or out of a page's fields or a name
        # line before the report's title or opening (both asked last, of the few pairs they concern).
        forced = False
        if (
            _BARE_LABEL.match(paragraph)
            or _PARTIAL_LABEL.match(paragraph)
            or (paragraph in CN_NUM and (following[:1] in "、.．" or following.startswith("是")))
        ):
            join = forced = True  # `一、` / `总体情况`, `一` / `是加大…`: the numbering of a heading put apart from its title
        elif _is_heading_line(paragraph) and _completes_heading(paragraph, lines, index + 1):
            join = forced = True  # `（一）主动公开` / `方面` / `。`: the rest of the heading's title, in pieces
        elif _IN_SENTENCE_ITEM.match(following) and paragraph.endswith(_LISTING_END) and not _is_heading_line(paragraph):
            join = forced = True  # `…力度：` / `一是` / `严抓…`: items enumerated inside a sentence
        elif _PARTIAL_LABEL.match(following) and _LABEL_AHEAD.match("".join(s.strip() for s in lines[index + 1 : index + 4])):
            join, forced = False, True  # `（` / `四` / `）…`: a label in pieces opens a unit
        elif _INTRODUCING_HEADING.match(paragraph):
            join = False  # `（二）信息公开处理费收取情况：` / `无。`: a title that introduces its content
        elif is_furniture_line(paragraph) or _REPORT_TITLE.search(paragraph):
            join = False
        elif SIGNATURE_LINE.match(paragraph) and _DATE_AHEAD.match("".join(s.strip() for s in lines[index + 1 : index + 1 + _DATE_PIECES])):
            join = False  # `莆田市审计局` / `2020` / `年` / `1` / `月` / `2` / `日`: the name, then the date
        elif following.startswith(("（此件", "(此件")) or (
            SIGNATURE_LINE.match(following) and (not after or BARE_NUMBER.match(after) or SIGNATURE_LINE.match(after))
        ):
            join = False  # the signature block: the agency's name, the date, `（此件主动公开）`
        elif BARE_NUMBER.match(following) and re.match(r"[、．.）)](?!\d)", after):
            join = False  # `1` / `、总体情况`: the number of an item, which opens a unit
        elif BARE_NUMBER.match(following):
            # `一、总体情况` / `2023` is a heading and its paragraph; `（一）` / `2024` / `年工作中…` one heading.
            join = not paragraph.endswith(SENTENCE_END) and (not _is_heading_line(paragraph) or bool(_BARE_LABEL.match(paragraph)))
        elif BARE_NUMBER.match(line) and _NUMBER_CONTINUES.match(following):
            join = True
        elif _opens_unit(following) or (_is_heading_line(paragraph) and not CONTINUATION_START.match(following)):
            join = False  # a heading's title is never followed by its clause's punctuation (`总体情况` / `，主动公开…`)
        else:
            # A sentence's end ends the element: a run-in heading (`（三）政府信息管理方面。`) is an
            # element of its own on more pages than it shares one with its paragraph.
            join = not line.endswith(("。", "！", "？"))
        if (
            not join
            and not forced
            and not line.endswith(SENTENCE_END)
            and not ENUMERATED_START.match(following)
            and not _is_heading_line(paragraph)
            and is_unclosed(paragraph)
            and not CRAWLER_HEADER_LINE.match(line)
            and not CRAWLER_HEADER_LINE.match(following)
        ):
            join = True  # `(地址:某某路34号,` / `邮编:844300)`: inside brackets nothing is furniture or a signature (but a crawler's header is one field a line)
        if (
            join
            and not forced
            and (
                (paragraph == line and _page_fields(lines, fields, index))
                or ((following[0] in _FIELD_FIRST or ":" in following or "：" in following) and _page_fields(lines, fields, index + 1))
                or (len(paragraph) <= _LABEL_LINE_CHARS and after_label_line(paragraph, following))
            )
        ):
            join = False  # `2022-01-20 作者:佚名 点击数:`; `收藏` / `根据《条例》…`: never glued onto prose
        if join:
            joins[index] = index + 1
            continued.add(index + 1)
    return join_lines_at(text, lines, joins) if joins else text


#: What a line of a page's fields starts with, if it holds no colon: a date's figure or a bullet.
_FIELD_FIRST = frozenset("0123456789•·")
#: The longest line `after_label_line` takes for a name, a date or a button.
_LABEL_LINE_CHARS = 40


def _page_fields(lines: list[str], known: list[bool | None], index: int) -> bool:
    """`is_page_field_line` of line `index`, kept in `known`."""
    if known[index] is None:
        known[index] = is_page_field_line(lines[index])
    return bool(known[index])


def _furniture_inside(paragraph: str, following: str, after: str) -> bool:
    """A furniture line (a page number, a print button) between two pieces of one sentence. Not a sign-off's date
    between the agency's name and what follows the report (another report's title, where a page holds several)."""
    return (
        is_furniture_line(following)
        and bool(after)
        and not paragraph.endswith(SENTENCE_END + WEAK_END)
        and not is_furniture_line(paragraph)
        and (not _is_heading_line(paragraph) or completes_title(paragraph, after))
        and not _REPORT_TITLE.search(paragraph)
        and not _REPORT_TITLE.search(after)
        and not SIGNATURE_LINE.match(paragraph)
        and not _opens_unit(after)
        and bool(_CJK_START.match(after) or CONTINUATION_START.match(after))
    )
