"""Section heading candidates: the numbered or titled lines that may open the template's six sections.

A line is a candidate by its numbering (`一、`, `1、`, `第一部分`) or a whole template title, with the section its
title names; `nlp.structure.choosing` keeps those whose numbering style and sequence fit the report's top level.
Where the heading of section 五 was lost, its first subheading opens it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.normalize import TEMPLATE_TITLES, looks_like_table_line
from nlp.normalize.lines import NOT_DECIMAL
from nlp.normalize.titles import (
    SECTION_PHRASE,
    TABLE_ROW_TITLE,
    TOLERANT_TITLE,
    WHOLE_TEMPLATE_TITLE,
    bracketed_number,
)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; arabic digits pass through."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)


#: Words of each template section's title, tried in this order (复议 before 申请: the title of
#: section 四 mentions 申请 too).
SECTION_TITLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("review_litigation", re.compile(r"行政复议|行政诉讼|复议|诉讼")),
    ("requests", re.compile(r"收到和处理|收到及处理|受理和处理|依申请公开|申请公开|公开申请|申请情况")),
    ("active", re.compile(r"主动公开")),
    # Older and smaller offices title it by problems and plans (`问题和打算`, `问题与对策`) or by the plans alone, the
    # whole title (`下步打算`, `今后工作打算`).
    ("problems_improvements", re.compile(
        r"存在的?主要问题|存在的?问题|主要问题|问题和改进|问题及改进|改进情况|改进措施|不足|问题[和与及](?:打算|对策|建议|下一?步|今后)"
        r"|困难[和与及]问题|^(?:下一?步|今后|明年)的?(?:工作)?(?:打算|计划|安排|思路|设想|重点|措施)$"
    )),
    ("other_matters", re.compile(r"其[他它]需要?报告|其[他它]事项|其[他它](?:需|应|需要)说明|^其[他它]$")),
    ("overview", re.compile(r"总体情况|总体概况|概述|基本情况|^概况$|工作概况|总体工作情况")),
)


#: A Chinese number in brackets (`【一】`, `〔一〕`, `[一]`, `［一］`), as some agencies number their sections; their
#: subsections then take an arabic figure in the same brackets (`【1】`), which is no section's numbering.
BRACKETED_NUMBER = bracketed_number(r"(?P<bk>[一二三四五六七八九十]{1,3})")

#: Top-level numbering: 一、 / 一. / 1、 / 1. / 第一部分 / 第一章 / 【一】
_TOP_NUMBER = re.compile(
    r"^(?:第(?P<part>[一二三四五六七八九十\d]{1,3})[部分章节]+|(?P<cn>[一二三四五六七八九十]{1,3})[ \t]*[、.．,，:：]|(?P<ar>\d{1,2})[ \t]*(?:[、．,，]|\." + NOT_DECIMAL + r")|"
    + BRACKETED_NUMBER + r")[ \t\u3000]*"
)


def _numbering_style(match: re.Match[str]) -> tuple[str, str]:
    """(style, number's text) of a `_TOP_NUMBER` match: a bracketed number is a style of its own (`bracket`), so a
    report numbering its sections `一、` and a list under them `【一】` keeps the two apart (`choose_section_headings`)."""
    for style, group in (("part", "part"), ("cn", "cn"), ("ar", "ar"), ("bracket", "bk")):
        if match.group(group):
            return style, match.group(group)
    raise ValueError(match.group())

#: A subsection's numbering (`（二）`), which a few reports give their sections.
PAREN_NUMBER = re.compile(r"^[（(](?P<cn>[一二三四五六七八九十]{1,2})[)）][ \t]*")

#: The overview's other wordings, accepted without a number only before every other section.
OVERVIEW_WORDING = re.compile(r"^(?:基本情况|概述|总体概述|工作概况|总体概况|概况)$")
#: The old template's (2008) title of section 三, accepted alone on its line (under `（二）` it is the overview's subsection).
_OLD_REQUESTS_TITLE = re.compile(r"^依申请公开政府信息(?:的)?情况$")
#: The old template's section 四 (`政府信息公开的收费及减免情况`, `收费及减免情况`): no section of the 2019 and 2021
#: templates, so it has no key; under a subsection's number it is still a candidate, a section where it continues
#: the report's count (`（三）依申请公开情况` / `（四）收费及减免情况` / `（五）复议、诉讼情况`).
OLD_FEES_TITLE = re.compile(r"^(?:政府信息公开(?:工作)?的?)?收费[及和与]?减免(?:的)?(?:情况)?$")
#: Whole titles accepted without a number (headings whose numbering was lost).
UNNUMBERED_TITLE = re.compile(
    r"^(?:总体情况|主动公开政府信息(?:的)?情况|收到和处理政府信息公开申请(?:的)?情况|"
    r"(?:因)?政府信息公开(?:申请)?(?:被申请)?行政复议[、和及]?(?:提起)?行政诉讼(?:的)?情况|"
    r"政府信息公开工作存在的主要问题及改进情况|存在的主要问题及改进情况|其他需要报告的事项)$"
)


_GLUED_TEMPLATE_TITLE = re.compile("(?:" + "|".join(TEMPLATE_TITLES) + ")")
#: After a Chinese section number, the title as agencies word it, with text run on (`行政机关主动公开政府信息
#: 情况第二十条…`, `其他应说明事项1.…`).
_GLUED_TOLERANT_TITLE = re.compile(TOLERANT_TITLE)


def _title_at_start(rest: str, chinese_number: bool) -> re.Match[str] | None:
    """A section title at the start of what follows a heading's number, whatever runs on after it: the
    template's wording, or the wording agencies give it: after a Chinese number any (`行政机关主动公开政府信息
    情况`), after an arabic one only where it holds a phrase no subsection's title has (`SECTION_PHRASE`:
    `其他需要报告事项`, `因政府信息公开工作被申请行政复议、提起行政诉讼情况`), since `1.主动公开情况` is as often
    an item. A report numbering its sections `1.`…`6.` whose page was flattened has its titles only so."""
    found = _GLUED_TEMPLATE_TITLE.match(rest)
    if found is not None:
        return found
    tolerant = _GLUED_TOLERANT_TITLE.match(rest)
    return tolerant if tolerant is not None and (chinese_number or SECTION_PHRASE.search(tolerant.group(0))) else None


def section_key_for_title(title: str) -> str | None:
    """The canonical key of a section title (without its numbering), or None if it names none."""
    for key, pattern in SECTION_TITLE_PATTERNS:
        if pattern.search(title):
            return key
    return None


@dataclass
class HeadingCandidate:
    line: int
    number: int | None
    style: str  # cn | ar | part | bracket (`【二】`) | paren (`（二）`) | none
    title: str
    key: str | None  # None: a numbered heading of no template section (an `extra` candidate)
    #: The title is closed by a stop and its body follows on the line (`4.主动公开类信息公开情况。本年度…`): written as
    #: official documents write their second and third levels, never their first.
    run_in: bool = False


def _heading_title(rest: str, chinese_number: bool = False) -> str | None:
    """The title part of a numbered line: all of a short line, or the lead before a glued body."""
    rest = rest.strip()
    if not rest:
        return None
    lead = re.split(r"[ \t]", rest, maxsplit=1)[0]
    if lead != rest and UNNUMBERED_TITLE.match(lead.rstrip("。：:")):
        return lead.rstrip("。：:")
    # The template's whole title with text run on without a space (crawled pages):
    # `主动公开政府信息情况第二十条第（一）项…`, `总体情况2023年，…`.
    glued = _title_at_start(rest, chinese_number)
    if glued and len(rest) > glued.end() and rest[glued.end()] not in "，,、；;" and not TABLE_ROW_TITLE.search(glued.group(0)):
        return glued.group(0)
    if len(rest) <= 40 and "。" not in rest[:-1] and not looks_like_table_line(rest):
        return rest.rstrip("。：:")
    lead = re.split(r"[ \t。：:]", rest, maxsplit=1)[0]
    if 2 <= len(lead) <= 30 and "，" not in lead:
        return lead
    return None


def _is_unnumbered_title(line: str) -> bool:
    """A section title standing without its number: the template's whole title, or one as agencies word it
    that carries a phrase only a section's title has (`行政机关主动公开政府信息情况`, `其他应说明事项`)."""
    return bool(UNNUMBERED_TITLE.match(line.rstrip("。：:")) or (WHOLE_TEMPLATE_TITLE.match(line) and SECTION_PHRASE.search(line)))


#: The numbers each section has in the template's versions: the 2019/2021 six, the 2008 template's seven
#: (四 收费及减免: 复议 五, 问题 六, 其他 七) and the eight of reports that add 不予公开 as 四.
TEMPLATE_POSITIONS: dict[str, frozenset[int]] = {
    "overview": frozenset({1}),
    "active": frozenset({2}),
    "requests": frozenset({3}),
    "review_litigation": frozenset({4, 5, 6}),
    "problems_improvements": frozenset({5, 6, 7}),
    "other_matters": frozenset({6, 7, 8}),
}
#: A bare `其他` names section 六 only at the number the template gives it.
_BARE_OTHER = re.compile(r"^其[他它]$")
#: A reworded title under a subsection's number: short, no clause, no figure (`（五）工作中存在的不足和下一步打算`).
_SHORT_TITLE = re.compile(r"^[^。，,；;！？!?\d]{2,30}$")


def _reworded_section_key(title: str, number: int | None) -> str | None:
    """The section a short title worded off the template names under a subsection's number (`（一）基本情况`);
    whether it is one is the report's to say (`choose_section_headings`)."""
    title = title.rstrip("。：:")
    if number is None or not _SHORT_TITLE.match(title) or TABLE_ROW_TITLE.search(title):
        return None
    return section_key_for_title(title)


def is_reworded_paren(candidate: HeadingCandidate) -> bool:
    return candidate.style == "paren" and not _is_unnumbered_title(candidate.title)


def reworded_paren_fits(candidate: HeadingCandidate) -> bool:
    """A reworded title under a subsection's number opens a section at the number the template gives that
    section: subsections restart their numbers in each section, so the overview's `（二）依申请公开` or section
    五's `（一）存在问题` stand at numbers no section of that name has."""
    return not is_reworded_paren(candidate) or at_template_position(candidate)


#: After a heading's number: a title's words, a stop, and a body on the same line (`主动公开类信息公开情况。本年度…`).
_RUN_IN_BODY = re.compile(r"^\s*[^。：:]{2,30}[。：:]\s*\S")


def heading_candidate(text: str, line: int) -> HeadingCandidate | None:
    """A line that may open a top-level section."""
    # Bold marks a converter left around the title after its number (`一、**总体情况**`, its closing pair dropped
    # with the line's markdown) are no part of it.
    stripped = text.strip().replace("**", "")
    match = _TOP_NUMBER.match(stripped)
    if match is None:
        # Unnumbered, only a whole section title (and no table row) is a candidate; numbered as a subsection
        # (`（二）`), also a short title naming a section: some reports number their six sections `（一）`…`（六）`;
        # where a report's top level is `一、`, the same title under `（二）` is not free (`choose_section_headings`).
        # The title is looked for first, as most lines are neither.
        if len(stripped) > 40:
            return None
        paren = PAREN_NUMBER.match(stripped)
        title = stripped[paren.end() :] if paren else stripped
        number = chinese_number(paren.group("cn")) if paren else None
        if _is_unnumbered_title(title):
            key = section_key_for_title(title)
        elif not paren and OVERVIEW_WORDING.match(title.rstrip("。：:")):
            # `基本情况` alone: the overview where it opens the report's sections (`choose_section_headings`).
            key = "overview"
        elif not paren and _OLD_REQUESTS_TITLE.match(title.rstrip("。：:")):
            key = "requests"
        elif paren and OLD_FEES_TITLE.match(title.rstrip("。：:")):
            return HeadingCandidate(line, number, "paren", title.rstrip("。：:"), None)
        elif paren:
            # A title worded off the template (`（一）基本情况`): whether it is a section is the report's to say
            # (`admit_reworded_titles`, `choose_section_headings`).
            key = _reworded_section_key(title, number)
        else:
            return None
        if key is None or looks_like_table_line(stripped):
            return None
        return HeadingCandidate(line, number, "paren" if paren else "none", title.rstrip("。：:"), key)
    # Numbers at its end (a glued paragraph's figures, a page number) do not make a line that opens
    # with a numbered template title a table row.
    rest = stripped[match.end() :]
    if looks_like_table_line(stripped) and not _title_at_start(rest, bool(match.group("cn") or match.group("bk"))):
        return None
    style, raw = _numbering_style(match)
    title = _heading_title(rest, chinese_number=style in ("cn", "bracket"))
    if title is None or TABLE_ROW_TITLE.search(title):
        return None
    number = chinese_number(raw)
    if _BARE_OTHER.match(title) and number not in TEMPLATE_POSITIONS["other_matters"]:
        return None  # `3.其他`, `（三）其他`: a row of table 三, not section 六 (`六、其他`)
    key = section_key_for_title(title) or (_misread_template_title(title, number) if style in _TOP_STYLES else None)
    return HeadingCandidate(line, number, style, title, key, bool(_RUN_IN_BODY.match(rest)))


#: The template's own section titles (2019 and 2021), by key.
_TEMPLATE_TITLES: dict[str, str] = {
    "overview": "总体情况",
    "active": "主动公开政府信息情况",
    "requests": "收到和处理政府信息公开申请情况",
    "review_litigation": "政府信息公开行政复议、行政诉讼情况",
    "problems_improvements": "存在的主要问题及改进情况",
    "other_matters": "其他需要报告的事项",
}
#: Numbering styles of a report's sections (not its subsections' `（一）`).
_TOP_STYLES = frozenset({"cn", "part", "bracket"})


def _misread_template_title(title: str, number: int | None) -> str | None:
    """The section a title names that OCR misread by one character (`六、其他需要告的事项`, `一、总休情况`): the template's
    title one character dropped, added or changed; a short one (`总体情况`) only at the position the number gives it,
    a long one at any (a report numbering its parts its own way); a title worded otherwise is no section by this."""
    for key, template in _TEMPLATE_TITLES.items():
        if (len(template) >= _LONG_TITLE or number in TEMPLATE_POSITIONS[key]) and _one_edit_apart(title, template):
            return key
    return None


#: A template title this long is one section's whatever its number, one character off.
_LONG_TITLE = 8


def _one_edit_apart(a: str, b: str) -> bool:
    """Do `a` and `b` differ by exactly one character dropped, added or changed?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[start + (len(a) == len(b)) :] == b[start + 1 :]


def at_template_position(candidate: HeadingCandidate) -> bool:
    return candidate.key is not None and candidate.number in TEMPLATE_POSITIONS.get(candidate.key, frozenset())


#: What runs on after a section's title and makes the line its first paragraph: a clause or a figure
#: (`无。`, `本年度未收到申请，…`), or a bare `无`; not a note in brackets (`（详见统计表，略）`) or a colon.
_BODY = re.compile(r"[。；;！？!?，,\d]|^无$")
_BRACKETED_NOTE = re.compile(r"^[（(][^）)]*[）)]")


def heading_kind(text: str) -> str:
    """A section heading alone on its line is a heading; with its first paragraph glued on, narrative
    (ANNOTATION.md: a title followed by body text is labelled by the body), however short the body."""
    match = _TOP_NUMBER.match(text)
    rest = text[match.end() :] if match else text
    title = _title_at_start(rest, bool(match and (match.group("cn") or match.group("bk"))))
    if title:
        body = _BRACKETED_NOTE.sub("", rest[title.end() :].strip()).strip(" \t：:")
        if _BODY.search(body) and re.search(r"[\u4e00-\u9fff]", body):
            return "narrative"
    return "heading" if len(rest) <= 40 and "。" not in rest[:-1] else "narrative"


#: How deep each numbering stands in an official document's outline: `一、` (or `第一部分`, `【一】` where the report numbers
#: its sections so: `choose_section_headings`) above `（一）` above `1.`.
NUMBERING_LEVEL = {"part": 0, "cn": 0, "bracket": 0, "paren": 1, "ar": 2}


def line_numbering(line: str) -> tuple[str, int] | None:
    """The numbering a line opens with, as a candidate's `style` and number (`（三）…` → `("paren", 3)`), or None."""
    stripped = line.strip().replace("**", "")
    match = _TOP_NUMBER.match(stripped)
    if match is not None:
        style, raw = _numbering_style(match)
    elif (paren := PAREN_NUMBER.match(stripped)) is not None:
        raw, style = paren.group("cn"), "paren"
    else:
        return None
    number = chinese_number(raw)
    return None if number is None else (style, number)


def number_text(line: str) -> str | None:
    """The number a section's heading line gives it (`三` of `三、…`, `第三部分 …` or `（三）…`, `3` of `3.…`)."""
    match = _TOP_NUMBER.match(line)
    if not match:
        paren = PAREN_NUMBER.match(line)
        return paren.group("cn") if paren else None
    return _numbering_style(match)[1]
