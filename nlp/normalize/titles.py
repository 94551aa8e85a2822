"""Section titles as reports print them: the template's own wordings, the variants agencies use, and the
shapes around them (a number, a title alone on its line, a table row numbered like a section). Shared by
the joiners and the glued-text splitter here and by the parser (`nlp.structure.headings`)."""

from __future__ import annotations

import re

from nlp.normalize.lines import CN_NUM, NOT_DECIMAL
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
#: The brackets a few agencies set a section's Chinese number in (`【一】`, `〔一〕`, `[一]`, `［一］`), as
#: `BRACKETED_SECTION_NUMBER` reads it (the parser's `headings._TOP_NUMBER` names the number in it).
SECTION_NUMBER_OPENERS, SECTION_NUMBER_CLOSERS = "【〔\\[［", "】〕\\]］"


def bracketed_number(number: str) -> str:
    """A pattern of `number` (a pattern) set in one of those brackets, spaces allowed inside."""
    return r"[" + SECTION_NUMBER_OPENERS + r"][ \t]*" + number + r"[ \t]*[" + SECTION_NUMBER_CLOSERS + r"]"


BRACKETED_SECTION_NUMBER = bracketed_number(r"[" + CN_NUM + r"]{1,2}")
TEMPLATE_HEADING = re.compile(
    r"(?<![“‘\"'《〈「『])(?P<head>(?:(?:[" + CN_NUM + r"]{1,2}|[1-9])[ \t]*[、.．]|" + BRACKETED_SECTION_NUMBER + r")[ \t\u3000]*(?P<title>" + _ANY_TITLE + r"))(?![，,、；;])"
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
#: The old template's (2008) sections 四 and 五 after the requests (`政府信息公开的收费及减免情况`,
#: `不予公开政府信息的情况`) are sections too: extra ones (`nlp.structure.headings`).
_SECTION_WORD = r"(?:主动公开|收到和处理|收到及处理|依申请公开|申请公开|公开申请|行政复议|复议|诉讼|其[他它]|总体|概述|概况|基本情况|存在的?(?:主要)?(?:问题|困难|不足)|收费[及和]减免|不予公开政府信息)"
_TITLE_GOES_ON = r"(?![及和与、并])"
_ENUMERATED_AHEAD = r"(?=[（(][" + CN_NUM + r"]{1,2}[)）]|\d{1,2}[、．.]" + NOT_DECIMAL + ")"
#: A title may open with the report's year (`一、2020年政务公开工作总体情况`), the only figure a title holds.
TOLERANT_TITLE = (
    r"(?:(?:19|20)\d{2}\s*年度?)?(?:" + _TITLE_CHAR + r"{0,14}?" + _SECTION_WORD + r"(?:(?<=问题|困难|不足|概述|概况|情况)" + _TITLE_GOES_ON
    + r"|" + _TITLE_CHAR + r"{0,18}?(?:情况|事项|措施|计划|打算|问题)" + _TITLE_GOES_ON
    + r"|" + _TITLE_CHAR + r"{0,18}?" + _ENUMERATED_AHEAD + r"))"
)
#: A section title alone on its line, its number lost (a list marker or a bold number dropped by the page):
#: the template's own, or one as agencies word it (`TOLERANT_TITLE`) that carries a phrase only a section's
#: title has (`主动公开政府信息`, `收到和处理`, `行政复议`, `存在的主要问题`, `其他需要报告事项`), not a subsection's
#: (`主动公开情况`, `依申请公开`), and that ends as a title closes (`情况`, `事项`, `措施`, `计划`, `打算`: a bare
#: `存在的主要问题` is as often a piece of a sentence listing the report's parts). Problems and remedies named
#: together (`存在的问题和改进措施`, `主要不足及整改情况`) are section 五's title: its subsections name one half each.
#: A heading, never joined to the lines around it.
SECTION_PHRASE = re.compile(
    r"主动公开政府信息|收到[和及]处理|行政复议|行政诉讼|存在的?主要问题|(?:问题|不足)(?:[和及与、]|以及)(?:改进|整改|下一步)"
    r"|其[他它](?:需要|需|应当?|应予)?(?:报告|说明)的?事项"
)
WHOLE_TEMPLATE_TITLE = re.compile(
    r"^\s*(?:" + _ANY_TITLE + r"|(?=[^\n]{0,32}$)(?=.*(?:" + SECTION_PHRASE.pattern + r"))" + TOLERANT_TITLE + r"(?<=情况|事项|措施|计划|打算))[：:]?\s*$"
)
#: Lines of table 三 numbered like sections (`二、上年结转政府信息公开申请数量`): never a section's title.
TABLE_ROW_TITLE = re.compile(r"本年新收|新收政府信息|上年结转|结转下年|下年度继续|办理结果|申请数量|申请人情况")


# A section title broken over two lines (`二、主动公开政府信息` / `情况`): a PDF wraps a long title, a page sets its last
# words in an element of their own, a page break cuts it (its number, a blank left by the page number dropped before
# this step, the next page's running head between the halves). The halves are joined where the first is no section
# title and both together are one; the lines between them follow the title.
_CLAUSE_OR_FIGURE = r"\n。，,；;：:！？!?\d（()）"
_BROKEN_TITLE = re.compile(
    r"(?m)^(?P<first>[ \t]*[" + CN_NUM + r"][ \t]*[、.．][ \t]*[^" + _CLAUSE_OR_FIGURE + r"]{1,30}?)[ \t]*\n"
    r"(?P<between>(?:[ \t]*(?:[^\n。，,；;]{0,40}(?:年度|工作)?报告|\d{1,3})?[ \t]*\n){0,10})"
    # The second half opens no numbered line of its own (which may be the first half of the next title) and is no
    # running head.
    r"[ \t]*(?![" + CN_NUM + r"]{1,3}[ \t]*[、.．]|第[" + CN_NUM + r"]|[^\n]*报告[ \t]*$)(?P<rest>[^" + _CLAUSE_OR_FIGURE + r"\s、.．\-—][^" + _CLAUSE_OR_FIGURE + r"]{0,19}?)(?P<mark>[：:。]?)[ \t]*$"
)
_NUMBERED_START = re.compile(r"^[ \t]*[" + CN_NUM + r"][ \t]*[、.．][ \t]*")
#: A section title closed as a title closes (`情况`, `事项`, `措施`, `计划`, `打算`), or the template's own.
_CLOSED_TITLE = re.compile(r"(?:" + _ANY_TITLE + r"|" + TOLERANT_TITLE + r"(?<=情况|事项|措施|计划|打算))")
#: Joined, a title may also close with `工作` (`一、政府信息主动公开` / `工作`): its first half names a section's words.
_JOINED_TITLE = re.compile(r"(?:" + _CLOSED_TITLE.pattern + r"|" + _TITLE_CHAR + r"{0,14}?" + _SECTION_WORD + _TITLE_CHAR + r"{0,18}?工作)")


#: Lines of a page's furniture (a page number, a running head) a broken title's halves may have between them, besides
#: blank lines (a page saved with its empty paragraphs).
_BETWEEN_LINES = 3


def _joined_title(match: re.Match[str]) -> str:
    first, rest = match.group("first"), match.group("rest")
    title = first[_NUMBERED_START.match(first).end() :]
    # The first half a whole title already, or the second the template's title of a section of its own (`总体情况`
    # under a line numbered `一、` whose title was lost): two lines.
    if _CLOSED_TITLE.fullmatch(title) or re.fullmatch(_ANY_TITLE, rest) or not _JOINED_TITLE.fullmatch(title + rest):
        return match.group(0)
    between = "\n".join(line.strip() for line in match.group("between").splitlines() if line.strip())
    if between.count("\n") >= _BETWEEN_LINES:
        return match.group(0)
    return first + rest + match.group("mark") + ("\n" + between if between else "")


def join_broken_titles(text: NormalizedText) -> NormalizedText:
    """`NormalizedText` with each section title broken over lines (`_BROKEN_TITLE`) on one line again."""
    return text.sub(_BROKEN_TITLE, _joined_title, needs="、.．")
