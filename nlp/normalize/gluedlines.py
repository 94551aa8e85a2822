"""Which lines of a text are glued: a report's blocks run together on one long line (two or more section headings
in it, or section items begun inside it), and whether they are a page flattened (most of the text). The cutting
itself is `nlp.normalize.glued`'s; the headings it cuts at (`GLUED_HEADING`) are found here, as they tell a glued
line too."""

from __future__ import annotations

import re

from nlp.normalize.lines import CN_NUM
from nlp.normalize.titles import SECTION_PHRASE, SECTION_TITLE_WORDS, TEMPLATE_HEADING, TOLERANT_TITLE

#: Where a glued region is cut: the template's headings (`TEMPLATE_HEADING`), and a section title as agencies word it
#: (`loose`), not after `第` or another numeral (`第二、`, `十二、`): after a Chinese number, or after an arabic one
#: where a phrase only a section's title has (`SECTION_PHRASE`) comes before the first clause ends (`4.因政府信息公开
#: 工作被申请行政复议、提起行政诉讼情况`; `1.主动公开情况` is as often an item), as `nlp.structure.headings` reads them.
GLUED_HEADING = re.compile(
    TEMPLATE_HEADING.pattern
    + r"|(?<![“‘\"'《〈「『第" + CN_NUM + r"])(?P<loose>(?:[一二三四五六七]|[1-7](?=[ \t]*[、.．][^。，,；;：:\n\d]{0,30}?(?:" + SECTION_PHRASE.pattern + r")))"
    + r"[ \t]*[、.．][ \t]*" + TOLERANT_TITLE + r")(?![，,、；;])",
    re.MULTILINE,
)
_GLUED_SECTION = re.compile(r"(?:^|(?<=[。；;！？!?\s]))[ \t]*(?=[" + CN_NUM + r"]{1,2}[、.．][ \t]*" + r"[^。\n]{0,12}" + SECTION_TITLE_WORDS + ")")
#: A line this long that holds at least two template section headings is a glued report.
GLUED_LINE_MIN_CHARS = 120
#: A line with no heading that is a page flattened (`_flattened_page`): at least this long, holding at least
#: this share of the text and this many sentence ends. The longest line of the texts of ../shared and of the
#: authored development reports with their line breaks is 763 characters, a page opening's whole text
#: (a flattened page the heading test already finds); the shortest authored report is 711 characters.
FLAT_PAGE_MIN_CHARS = 400
FLAT_PAGE_SHARE = 0.75
FLAT_PAGE_MIN_SENTENCES = 6
_FULL_STOP = re.compile(r"[。！？!?]")
#: The share of a text's characters its glued lines must hold for the break model to cut them: a page
#: flattened, not a report that kept its lines and runs one section's items in a long paragraph.
GLUED_SHARE = 0.5
#: Where a section or subsection item begins inside a line: `一、` or `（一）` after a sentence end or after
#: a space that follows text. A long line with several is a section glued together (ANNOTATION.md's blob:
#: `…如下: 一、2020年工作情况 (一)机构建设方面。…。 (二)信息公开方面。…`), whose items are its units; items of
#: a lower level (`一是…二是…`, `1.…2.…`) alone do not make one, as a paragraph may run them (rule 5).
_SECTION_ITEM = re.compile(
    r"(?:(?<=[。；;！？!?])[ \t]*|(?<=\S)[ \t]+)(?=[（(][" + CN_NUM + r"]{1,2}[)）]|[" + CN_NUM + r"]{1,2}、)"
)


def glued_line_spans(text: str, whole_page: bool = True) -> list[tuple[int, int]]:
    """(start, end) of the lines of `text` that are glued regions: long, with two or more section
    headings, or section items begun inside them; where there is none and `text` is a whole page (not one
    paragraph's text, which may be as long), a line that is a page flattened on its own (`_flattened_page`)."""
    lines = list(re.finditer(r"[^\n]+", text))
    spans = [
        match.span()
        for match in lines
        if len(match.group(0)) >= GLUED_LINE_MIN_CHARS and (_holds_two_headings(match.group(0)) or _holds_section_items(match.group(0)))
    ]
    if spans or not whole_page:
        return spans
    total = len(text.strip())
    return [match.span() for match in lines if _flattened_page(match.group(0), total)]


def _flattened_page(line: str, total: int) -> bool:
    """`line` is a page flattened whatever it holds: long (`FLAT_PAGE_MIN_CHARS`), most of its text
    (`FLAT_PAGE_SHARE`: a crawler's header lines may stand before it) and many sentences. A report written
    without section headings (or whose headings were images) and glued has none of the headings or items
    the other tests look for; no line of a report with its line breaks is that long and that much of it."""
    return (
        len(line) >= FLAT_PAGE_MIN_CHARS
        and len(line) >= FLAT_PAGE_SHARE * total
        and len(_FULL_STOP.findall(line)) >= FLAT_PAGE_MIN_SENTENCES
    )


def _is_flattened(text: str, glued: list[tuple[int, int]]) -> bool:
    """The glued lines hold at least `GLUED_SHARE` of the text: a page flattened."""
    return sum(end - start for start, end in glued) >= GLUED_SHARE * len(text.strip())


def flattened_regions(text: str, whole_page: bool = True) -> list[tuple[int, int]]:
    """The glued lines of `text` (offsets in it) where they are most of it (a page flattened, where
    paragraph breaks no rule sees are put back); none in a text that kept its line breaks. `whole_page`:
    as `glued_line_spans` reads it."""
    glued = glued_line_spans(text, whole_page)
    return glued if glued and _is_flattened(text, glued) else []


def is_glued_report_line(line: str) -> bool:
    """`line` is a glued report: long, with two or more section headings in it."""
    return len(line) >= GLUED_LINE_MIN_CHARS and _holds_two_headings(line)


#: A word that every match of `_GLUED_SECTION` and of `GLUED_HEADING` holds (of
#: `SECTION_TITLE_WORDS`, or of a template title): one quick search, where theirs tries every branch
#: at every character.
_TITLE_WORD = re.compile(r"总体|概述|概况|基本情况|主动公开|收到和处理|收到及处理|申请公开|公开申请|复议|诉讼|主要问题|存在的?(?:主要)?(?:问题|困难|不足)|改进|需要报告|其[他它]")


def _holds_two_headings(line: str) -> bool:
    """At least two glued section headings and template headings in `line`, together."""
    return _TITLE_WORD.search(line) is not None and _found_twice(line, _GLUED_SECTION, GLUED_HEADING)


def _holds_section_items(line: str) -> bool:
    """Two or more section or subsection items begin inside `line` (`_SECTION_ITEM`), a numbered template
    section heading glued to whatever precedes it counting as one (`…（电话：0715-8320878）一、总体情况在区委…。
    （一）单位信息…`: a report's opening glued to its first section and that section's items)."""
    starts: set[int] = set()
    for match in _SECTION_ITEM.finditer(line):
        starts.add(match.end())
        if len(starts) >= 2:
            return True
    if not starts or _TITLE_WORD.search(line) is None:
        return False
    for match in TEMPLATE_HEADING.finditer(line):
        if match.group("head") and match.start("head") > 0:
            starts.add(match.start("head"))
            if len(starts) >= 2:
                return True
    return False


def _found_twice(line: str, *patterns: re.Pattern[str]) -> bool:
    """Two matches in `line` of the patterns together: the searches stop at the second (a long paragraph of
    prose need not be scanned to its end more than once)."""
    found = 0
    for pattern in patterns:
        for _ in pattern.finditer(line):
            found += 1
            if found >= 2:
                return True
    return False
