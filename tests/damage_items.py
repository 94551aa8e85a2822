"""Numbered items inside a section whose titles name another section's subject, as 2021-template reports write
them: the overview's `（一）主动公开` … `（三）依申请公开` … `（五）监督保障`, section 五's `1.依申请公开工作有待规范`,
section 六's `3.行政复议情况：无`. Each maker takes a report's text (a line a paragraph, its sections numbered
`一、`…) and returns it with such lists written in (the items and the sentences under them are written here), so
that a test can ask whether the paragraphs after an item stay in the section that holds the list
(tests/test_structure_items_naming_sections.py).
"""

from __future__ import annotations

import re

#: The overview's subsections as the 2021 template's guidance lists them, three of them naming a later section.
OVERVIEW_ITEMS = ("主动公开", "政府信息管理", "依申请公开", "行政复议和行政诉讼", "存在问题及改进")
#: Section 五's problems, worded by the work they concern.
PROBLEM_ITEMS = ("依申请公开工作有待规范", "行政复议应诉能力不足", "主动公开内容不够全面")
#: Section 六's statements, each a run-in title and its answer.
OTHER_ITEMS = ("收取信息处理费情况：无", "人大代表建议办理情况：无", "行政复议情况：无", "依申请公开办理情况：按期办结")
#: The sentence written under each item: it names no section and ends with a mark only this maker writes.
ITEM_BODY = "该项工作按计划推进，详见本节所述内容（示例段落）。"
BODY_MARK = "（示例段落）"

_SECTION_LINE = re.compile(r"^\s*([一二三四五六])\s*[、.．]\s*[\u4e00-\u9fff]{2}")
_NUMERALS = "一二三四五六七八九十"


def _item_number(style: str, n: int) -> str:
    return f"（{_NUMERALS[n - 1]}）" if style == "paren" else f"{n}." if style == "ar" else f"（{n}）"


def section_lines(lines: list[str]) -> dict[str, int]:
    """The line of each top-level section heading `一、总体情况`…`六、…` (the first of each number, with a title on its line)."""
    found: dict[str, int] = {}
    for index, line in enumerate(lines):
        match = _SECTION_LINE.match(line)
        if match and match.group(1) not in found:
            found[match.group(1)] = index
    return found


def items_naming_sections(text: str, style: str = "paren", next_heading_lost: bool = False) -> str:
    """Lists of items written under the headings of sections 一, 五 and 六 (`style`: `paren` `（一）`, `ar` `1.`,
    `arparen` `（1）`), a sentence (`ITEM_BODY`) under each item of 一 and 五, 六's items run in with their answers.
    `next_heading_lost`: the heading of section 二 left out as well (its number gone with its line, as a page
    that drew it as a picture is saved), so that nothing but the list's own numbering says the items are items."""
    lines = text.split("\n")
    where = section_lines(lines)
    if not {"一", "二", "五", "六"} <= set(where):
        return text
    inserts = {
        where["一"]: [line for n, title in enumerate(OVERVIEW_ITEMS, 1) for line in (_item_number(style, n) + title, ITEM_BODY)],
        where["五"]: [line for n, title in enumerate(PROBLEM_ITEMS, 1) for line in (_item_number(style, n) + title, ITEM_BODY)],
        where["六"]: [_item_number(style, n) + title for n, title in enumerate(OTHER_ITEMS, 1)],
    }
    out: list[str] = []
    for index, line in enumerate(lines):
        if next_heading_lost and index == where["二"]:
            continue
        out.append(line)
        out.extend(inserts.get(index, ()))
    return "\n".join(out)
