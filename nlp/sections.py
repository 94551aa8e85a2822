"""Heading text → section key and topic: one pure function used for reports and labelled data alike.

The two report templates (2019, 2021) have six numbered top-level sections; agencies reword, renumber
and merge them, so the mapping looks for the words a title is built from rather than exact titles.

- `section_key_for_heading(text)`: the top-level section a heading names (`overview`, `active`,
  `requests`, `review_litigation`, `problems_improvements`, `other_matters`; title words from the
  parser's `nlp.structure.section_key_for_title`), `extra` for a heading numbered like a top-level
  section whose title names none of them, None otherwise (a report title, an enumerated point such
  as `一是强化流程管控`).
- `heading_topic(text)`: a finer topic for headings at any level, including the 2021 template's
  subsections of 总体情况 (`management`, `platform`, `supervision`) and the halves of section five
  (`problems`, `improvements`). The classifier uses it as context for the paragraphs that follow.
- `heading_level(text)`: 1 for `一、` and `第一部分`, 2 for `（一）`, 3 for `1.`/`1、`/`一是`, 0 when unnumbered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.structure import chinese_number, heading_candidate, section_key_for_title

#: Top-level numbering: 一、 二. 三． (a Chinese numeral and a stop), 第一部分, 第一章.
_PART = r"第[一二三四五六七八九十\d]{1,3}(?:部分|章)"
_LEVEL1 = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．,，]|" + _PART + ")")
#: Second level: （一） (一) 【一】.
_LEVEL2 = re.compile(r"^\s*[（(【\[［〔]\s*[一二三四五六七八九十]{1,3}\s*[）)】\]］〕]")
#: Bracketed numerals (`【一】`, `〔一〕`, `[一]`): second level, unless a report numbers its sections so.
_BRACKETED = re.compile(r"^\s*[【\[［〔]\s*[一二三四五六七八九十]{1,3}\s*[】\]］〕]")
#: Third level: 1. 1、 1） （1） 一是 首先.
_LEVEL3 = re.compile(r"^\s*(?:[（(]?\d{1,2}\s*[、.．)）]|[（(]\d{1,2}[）)]|[一二三四五六七八九十]是|首先|其次|最后)")
_NUMBERING = re.compile(
    r"^\s*(?:" + _PART + r"[、.．,，:：]?|[一二三四五六七八九十]{1,3}\s*[、.．,，]|[（(【\[［〔]\s*[一二三四五六七八九十\d]{1,3}\s*[）)】\]］〕]|\d{1,2}\s*[、.．)）]|[一二三四五六七八九十]是)\s*"
)
#: Report titles carry these; they are not sections even when they mention 公开.
_TITLE = re.compile(r"(?:工作)?年度?报告|工作报告$")

#: (topic, pattern) in priority order: the first that matches the title wins. The order matters where
#: titles combine words: 存在的主要问题及改进情况 names problems before improvements, and
#: 政府信息公开行政复议、行政诉讼情况 mentions 信息公开 but is about review and litigation.
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 存在问题的改进情况: the improvements made on last year's problems.
    ("improvements", re.compile(r"(?:问题|不足)的?(?:改进|整改)(?:情况|措施)")),
    ("problems_improvements", re.compile(r"(?:问题|不足|困难).{0,12}(?:改进|整改|措施|打算|计划|安排|对策|建议|努力方向)")),
    ("improvements", re.compile(r"改进|整改|下一?步|今后|努力方向|工作打算|工作计划|工作安排|工作思路|(?:下|明)年.{0,4}(?:重点|工作)")),
    ("problems", re.compile(r"问题|不足|困难|短板")),
    ("review_litigation", re.compile(r"复议|诉讼|申诉|投诉")),
    ("requests", re.compile(r"依申请|申请|答复")),
    ("fees", re.compile(r"收费|减免|处理费")),
    ("other_matters", re.compile(r"其他|其它|需要报告|需报告")),
    ("active", re.compile(r"主动公开|重点领域|政策解读|解读|回应关切")),
    ("platform", re.compile(r"平台|网站|新媒体|公开栏|公报|渠道|载体|阵地")),
    ("management", re.compile(r"信息管理|公开管理|规范化|标准化|审查|审核|目录|指南")),
    ("supervision", re.compile(r"监督|保障|组织|领导|机制|制度|考核|培训|队伍|责任|组织管理|日常管理|监督管理")),
    ("overview", re.compile(r"总体|概述|概况|基本情况|工作情况|总述|综述|前言|引言|成效|主要做法")),
    # Last: a title that only says "公开…情况" is about what was published.
    ("active", re.compile(r"公开.{0,6}(?:内容|情况|事项|信息)")),
)

HEADING_TOPICS: tuple[str, ...] = tuple(dict.fromkeys(topic for topic, _ in _TOPICS))


def heading_level(text: str) -> int:
    """1 for `一、` and `第一部分`, 2 for `（一）`, 3 for `1.`, `（1）`, `一是`; 0 for an unnumbered heading."""
    if _LEVEL2.match(text):
        return 2
    if _LEVEL1.match(text):
        return 1
    if _LEVEL3.match(text):
        return 3
    return 0


def report_heading_levels(kinds: list[str], texts: list[str]) -> list[int]:
    """`heading_level` of every unit of one report, with bracketed numerals at the top level in a report
    that numbers its template sections so (`【一】总体情况` … `【六】其他需要报告的事项`) and none as `一、`:
    there they are its sections, as the parser reads them, not subsections of a section never opened."""
    levels = [heading_level(text) for text in texts]
    headings = [(level, text) for kind, level, text in zip(kinds, levels, texts, strict=True) if kind == "heading"]
    names_section = [section_key_for_heading(text) not in (None, "extra") for _, text in headings]
    bracketed_sections = any(names and _BRACKETED.match(text) for names, (_, text) in zip(names_section, headings, strict=True))
    plain_sections = any(names and level == 1 for names, (level, _) in zip(names_section, headings, strict=True))
    if not bracketed_sections or plain_sections:
        return levels
    return [1 if kind == "heading" and _BRACKETED.match(text) else level for kind, level, text in zip(kinds, levels, texts, strict=True)]


_NUMBER_OF = re.compile(r"^\s*(?:第|[（(【\[［〔])?\s*([一二三四五六七八九十]{1,3}|\d{1,2})")


def heading_number(text: str) -> int | None:
    """The ordinal a numbered heading carries (`（三）` → 3, `四、` → 4, `2.` → 2), None if unnumbered."""
    if not heading_level(text):
        return None
    match = _NUMBER_OF.match(text)
    return chinese_number(match.group(1)) if match else None


def heading_title(text: str) -> str:
    """The heading without its numbering, spaces and trailing punctuation."""
    title = _NUMBERING.sub("", text, count=1)
    return re.sub(r"\s+", "", title).rstrip("。.:：;；")


def heading_topic(text: str) -> str | None:
    """The topic a heading at any level names (one of HEADING_TOPICS), or None."""
    title = heading_title(text)
    if not title or len(title) > 40:
        return None
    if _TITLE.search(title) and heading_level(text) == 0:
        return None
    return _title_topic(title)


def _title_topic(title: str) -> str | None:
    """The topic of a title without its number (`_TOPICS`, first match)."""
    for topic, pattern in _TOPICS:
        if pattern.search(title):
            return topic
    return None


def section_key_for_heading(text: str) -> str | None:
    """The top-level section key a heading names, `extra` for an unknown top-level one, else None.

    The title words are the parser's (`nlp.structure.section_key_for_title`), so that labelled files
    and parsed reports agree. An enumerated point (`一是…`, `1.…`) names no section; a second-level
    heading (`（一）主动公开`) gives the key it names, and the caller decides whether it opens a section.
    """
    level = heading_level(text)
    if level == 3:
        return None
    key = section_key_for_title(heading_title(text))
    if key is not None:
        return key
    return "extra" if level == 1 else None


@dataclass(frozen=True)
class OpeningHeading:
    """A section heading run on into the first paragraph of its section (`五、存在的主要问题及改进情况我局…`)."""

    #: The template section it opens (`nlp.structure.section_key_for_title`).
    key: str
    #: The topic of its title, as the heading alone on its line gives it (`heading_topic`).
    topic: str | None
    #: Where the heading ends and the paragraph's own text begins.
    end: int


def opening_section(text: str) -> OpeningHeading | None:
    """The template section heading a narrative unit opens with, run on into its first paragraph
    (`五、存在的主要问题及改进情况我局…`, every heading of a glued page), as the parser reads it from the
    unit's start; None where the unit opens with no top-level heading of the template."""
    if heading_level(text) != 1:
        return None
    candidate = heading_candidate(text, 0)
    if candidate is None or candidate.key is None:
        return None
    start = text.find(candidate.title)
    return OpeningHeading(candidate.key, _title_topic(candidate.title), start + len(candidate.title) if start >= 0 else 0)
