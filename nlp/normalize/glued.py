"""Glued reports: one long line carrying many sections, cut back into headings, items and table rows."""

from __future__ import annotations

import re

from nlp.normalize.lines import CN_NUM
from nlp.normalize.text import NormalizedText

#: A top-level heading that the template prescribes, by the words of its title.
SECTION_TITLE_WORDS = r"(?:总体情况|概述|总体概述|基本情况|主动公开|收到和处理|依申请公开|行政复议|行政诉讼|复议|诉讼|存在的主要问题|存在问题|主要问题|改进|其他需要报告|其他事项)"
#: The template's own section titles, whole (the 2019 and 2021 wordings and their common variants).
#: Glued text is cut at these without a sentence end before them: they do not occur inside prose.
TEMPLATE_TITLES = (
    r"(?:总体情况|基本情况|总体概述|概述)",
    r"主动公开政府信息(?:的)?情况",
    r"收到和处理政府信息公开申请(?:的)?情况",
    r"(?:因)?政府信息公开(?:申请)?(?:被申请)?行政复议[、，,和及]?(?:提起)?行政诉讼(?:的)?情况",
    r"(?:政府信息公开(?:工作)?)?存在的?主要问题(?:及|和)改进情况",
    r"其[他它]需要报告的事项",
)
_LONG_TITLE = "(?:" + "|".join(TEMPLATE_TITLES[1:]) + ")"
_ANY_TITLE = "(?:" + "|".join(TEMPLATE_TITLES) + ")"
#: `二、主动公开政府信息情况` or `2、主动公开政府信息情况` wherever it stands (not inside quotation marks or
#: a book title), its numbering run together with what precedes it or not (a glued number before an
#: arabic one is the previous row's: sections are one digit); or the longer titles without their numbering
#: at a sentence boundary (numbering lost with the markup). A title followed by a comma or a
#: semicolon is a listing of the report's parts (`本报告包括：1.总体情况，2.主动公开政府信息情况，…`).
TEMPLATE_HEADING = re.compile(
    r"(?<![“‘\"'《〈「『])(?P<head>(?:[" + CN_NUM + r"]{1,2}|[1-9])[ \t]*[、.．][ \t]*(?P<title>" + _ANY_TITLE + r"))(?![，,、；;])"
    r"|(?:^|(?<=[。！？!?]))[ \t]*(?P<bare>" + _LONG_TITLE + r")(?![，,、。；;])",
    re.MULTILINE,
)
#: A section title as agencies word it (`行政机关主动公开政府信息情况`, `因政府信息公开工作被申请行政复议、提起行政诉讼
#: 情况`, `其他应说明事项`, `存在的主要问题及下步打算`): a template section's word with at most a few words
#: before it, ended by the word itself (`概述`, `基本情况`, `存在问题`), by a word that closes a title (`情况`,
#: `事项`, `措施`, `计划`, `打算`) where no `及`/`和` goes on, or by an enumerated item run on after it
#: (`一、政府信息主动公开工作1.主动公开情况…`). Only after a Chinese section number: a bare or arabic-numbered
#: title must be the template's own (`1.主动公开情况` is as often a subsection).
_TITLE_CHAR = r"[^。，,；;：:！？!?\d\s（()）“”\"《》]"
_SECTION_WORD = r"(?:主动公开|收到和处理|收到及处理|依申请公开|申请公开|公开申请|行政复议|复议|诉讼|其[他它]|总体|概述|概况|基本情况|存在的?(?:主要)?(?:问题|困难|不足))"
_TITLE_GOES_ON = r"(?![及和与、并])"
_ENUMERATED_AHEAD = r"(?=[（(][" + CN_NUM + r"]{1,2}[)）]|\d{1,2}[、．.](?!\d))"
TOLERANT_TITLE = (
    r"(?:" + _TITLE_CHAR + r"{0,14}?" + _SECTION_WORD + r"(?:(?<=问题|困难|不足|概述|概况|情况)" + _TITLE_GOES_ON
    + r"|" + _TITLE_CHAR + r"{0,18}?(?:情况|事项|措施|计划|打算|问题)" + _TITLE_GOES_ON
    + r"|" + _TITLE_CHAR + r"{0,18}?" + _ENUMERATED_AHEAD + r"))"
)
#: A section title alone on its line, its number lost (a list marker or a bold number dropped by the page):
#: the template's own, or one as agencies word it (`TOLERANT_TITLE`) that carries a phrase only a section's
#: title has (`主动公开政府信息`, `收到和处理`, `行政复议`, `存在的主要问题`, `其他需要报告事项`), not a subsection's
#: (`主动公开情况`, `依申请公开`), and that ends as a title closes (`情况`, `事项`, `措施`, `计划`, `打算`: a bare
#: `存在的主要问题` is as often a piece of a sentence listing the report's parts). A heading, never joined to
#: the lines around it.
SECTION_PHRASE = re.compile(r"主动公开政府信息|收到[和及]处理|行政复议|行政诉讼|存在的?主要问题|其[他它](?:需要|需|应当?|应予)?(?:报告|说明)的?事项")
WHOLE_TEMPLATE_TITLE = re.compile(
    r"^\s*(?:" + _ANY_TITLE + r"|(?=[^\n]{0,32}$)(?=.*(?:" + SECTION_PHRASE.pattern + r"))" + TOLERANT_TITLE + r"(?<=情况|事项|措施|计划|打算))[：:]?\s*$"
)
#: Lines of table 三 numbered like sections (`二、上年结转政府信息公开申请数量`): never a section's title.
TABLE_ROW_TITLE = re.compile(r"本年新收|新收政府信息|上年结转|结转下年|下年度继续|办理结果|申请数量|申请人情况")
#: Where a glued region is cut: the template's headings (`TEMPLATE_HEADING`), and a Chinese-numbered section
#: title as agencies word it (`loose`), not after `第` or another numeral (`第二、`, `十二、`).
GLUED_HEADING = re.compile(
    TEMPLATE_HEADING.pattern
    + r"|(?<![“‘\"'《〈「『第" + CN_NUM + r"])(?P<loose>[一二三四五六七][ \t]*[、.．][ \t]*" + TOLERANT_TITLE + r")(?![，,、；;])",
    re.MULTILINE,
)
_GLUED_SECTION = re.compile(r"(?:^|(?<=[。；;！？!?\s]))[ \t]*(?=[" + CN_NUM + r"]{1,2}[、.．][ \t]*" + r"[^。\n]{0,12}" + SECTION_TITLE_WORDS + ")")
#: Boundaries that begin an enumerated item after a sentence end (the ANNOTATION.md unit rule).
_GLUED_ITEM = re.compile(
    r"(?<=[。；;！？!?])[ \t]*(?=[（(][" + CN_NUM + r"]{1,2}[)）]|[" + CN_NUM + r"]{1,2}、|\d{1,2}[、．]|\d{1,2}\.(?!\d)|[" + CN_NUM + r"]是|首先|其次|再次|最后)"
    r"|(?<=[。；;！？!?：:\u4e00-\u9fff\d”])[ \t]+(?=[（(][" + CN_NUM + r"]{1,2}[)）]|[" + CN_NUM + r"]{1,2}、)"
)
#: Table rows run together (`…0 0 21二、上年结转…`, `220000022（二）部分公开`, `| 0 |（二）部分公开`): a row
#: label after the previous row's last number or cell border. Arabic-numbered labels are one digit (no table of the template has
#: more than eight items under one row), so `…01.本机关不掌握` is `…0` then `1.本机关不掌握`.
_GLUED_ROW = re.compile(
    r"(?<=[\d|])[ \t]*\|?[ \t]*(?=[（(][" + CN_NUM + r"]{1,2}[)）][\u4e00-\u9fff]|[" + CN_NUM + r"]{1,2}、[\u4e00-\u9fff]|[1-9][.．、][\u4e00-\u9fff]|总计|合计)"
    # The rows of table 三 by their template labels, after the header words as well.
    r"|(?<=[\u4e00-\u9fff\d）)])(?=[一二三四]、(?:本年新收|上年结转|本年度办理结果|结转下年度))"
)
#: The first words of a statistical table (its header or its note), as they follow a glued section heading.
_TABLE_START = re.compile(r"[（(]?本列数据|第二十条第|信息内容|申请人情况|行政复议|[（(]?单位[:：]")
#: A line this long that holds at least two template section headings is a glued report.
GLUED_LINE_MIN_CHARS = 120
#: Where a section or subsection item begins inside a line: `一、` or `（一）` after a sentence end or after
#: a space that follows text. A long line with several is a section glued together (ANNOTATION.md's blob:
#: `…如下: 一、2020年工作情况 (一)机构建设方面。…。 (二)信息公开方面。…`), whose items are its units; items of
#: a lower level (`一是…二是…`, `1.…2.…`) alone do not make one, as a paragraph may run them (rule 5).
_SECTION_ITEM = re.compile(
    r"(?:(?<=[。；;！？!?])[ \t]*|(?<=\S)[ \t]+)(?=[（(][" + CN_NUM + r"]{1,2}[)）]|[" + CN_NUM + r"]{1,2}、)"
)


def split_glued_lines(text: NormalizedText) -> NormalizedText:
    """Put line breaks back into text whose blocks were run together (web pages flattened to lines).

    A long line that carries several template sections is a glued report: its template section
    headings are cut out wherever they stand, glued on both sides or not, and its enumerated items
    and table rows are put on lines of their own.
    """
    # Glued regions in source offsets, which stay valid while newlines are put in.
    regions = [
        text.source_span(*match.span())
        for match in re.finditer(r"[^\n]+", text.text)
        if len(match.group(0)) >= GLUED_LINE_MIN_CHARS and (_holds_two_headings(match.group(0)) or _holds_section_items(match.group(0)))
    ]
    if not regions:
        return text
    text = _cut_template_headings(text, regions)
    for pattern in (_GLUED_SECTION, _GLUED_ITEM, _GLUED_ROW):
        current = text

        def break_line(match: re.Match[str], current: NormalizedText = current) -> str:
            position = match.start()
            if position == 0 or current.text[position - 1] == "\n" or position >= len(current.offsets):
                return match.group(0)
            source = current.offsets[position]
            if any(start <= source < end for start, end in regions):
                return "\n"
            return match.group(0)

        text = current.sub(pattern, break_line)
    return text


#: A word that every match of `_GLUED_SECTION` and of `GLUED_HEADING` holds (of
#: `SECTION_TITLE_WORDS`, or of a template title): one quick search, where theirs tries every branch
#: at every character.
_TITLE_WORD = re.compile(r"总体|概述|概况|基本情况|主动公开|收到和处理|收到及处理|申请公开|公开申请|复议|诉讼|主要问题|存在的?(?:主要)?(?:问题|困难|不足)|改进|需要报告|其[他它]")


def _holds_two_headings(line: str) -> bool:
    """At least two glued section headings and template headings in `line`, together: the
    searches stop at the second (a long paragraph of prose need not be scanned twice to the end)."""
    if _TITLE_WORD.search(line) is None:
        return False
    found = 0
    for pattern in (_GLUED_SECTION, GLUED_HEADING):
        for _ in pattern.finditer(line):
            found += 1
            if found >= 2:
                return True
    return False


def _holds_section_items(line: str) -> bool:
    """Two or more section or subsection items begin inside `line` (`_SECTION_ITEM`)."""
    found = 0
    for _ in _SECTION_ITEM.finditer(line):
        found += 1
        if found >= 2:
            return True
    return False


def _cut_template_headings(text: NormalizedText, regions: list[tuple[int, int]]) -> NormalizedText:
    """A line break before and after each template heading of a glued region that shares its line with other text.

    A heading that opens its own line with its first paragraph glued on (`一、总体情况 2021年，…`) is
    left alone outside glued regions: that is one unit (ANNOTATION.md), and the parser reads it.
    """

    def cut(match: re.Match[str]) -> str:
        if match.start() >= len(text.offsets) or not any(start <= text.offsets[match.start()] < end for start, end in regions):
            return match.group(0)
        heading = match.group("head") or match.group("bare") or match.group("loose")
        if match.group("loose") and TABLE_ROW_TITLE.search(heading):
            return match.group(0)
        before, after = match.start(), match.end()
        line_start = text.text.rfind("\n", 0, before) + 1
        line_end = text.text.find("\n", after)
        line_end = len(text.text) if line_end < 0 else line_end
        lead = "" if not text.text[line_start:before].strip() else "\n"
        rest = text.text[after:line_end].lstrip()
        # A heading with its first paragraph glued on is one unit (ANNOTATION.md's blob rule); with its
        # table glued on, the table's header starts a line of its own, where the table reader looks.
        tail = "\n" if _TABLE_START.match(rest) else ""
        if match.group("bare") and not tail and not lead:
            return match.group(0)
        return lead + heading + tail

    return text.sub(GLUED_HEADING, cut)
